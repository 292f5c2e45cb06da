//! Nothing typed is lost: drafts reach the file while typing (also under SIGKILL), are restored
//! when the file is opened again and appear in the JSON export; the store thread behind its
//! [`Backend`] seam keeps failing writes, retries them in order and can write a complete copy.

use crate::common;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use common::TestDir;
use veldtoets::domain::draft::{Field, StoredDraft};
use veldtoets::domain::inspection::{Change, OordeelData, Record, Stamp};
use veldtoets::store::{CURRENT_VERSION, Store};
use veldtoets::ui::worker::{Backend, Op, SaveState, StoreHandle, Waker};
use veldtoets::ui::workspace::{DraftTarget, Workspace};

struct NoWaker;

impl Waker for NoWaker {
    fn wake(&self) {}
}

fn demo(dir: &TestDir, name: &str) -> PathBuf {
    let path = dir.join(name);
    veldtoets::demo::create(&path).expect("demo");
    path
}

fn author(path: &Path) -> uuid::Uuid {
    let (_, inspection, _) = Store::open(path).unwrap();
    *inspection.inspectors.keys().next().unwrap()
}

#[test]
fn a_draft_survives_reopening_and_is_settled_with_its_revision() {
    let dir = TestDir::new();
    let path = demo(&dir, "a.veldtoets");
    let who = author(&path);
    let key = Field::Onderbouwing("1.1.1".into()).key();
    {
        let (mut store, _, _) = Store::open(&path).unwrap();
        store
            .save_draft(&key, "half getypt", who, jiff::Timestamp::now())
            .unwrap();
        store
            .save_draft(&key, "half getypt, en verder", who, jiff::Timestamp::now())
            .unwrap();
    }
    let (mut store, inspection, _) = Store::open(&path).unwrap();
    assert_eq!(inspection.drafts.len(), 1, "one row per field");
    assert_eq!(inspection.drafts[0].text, "half getypt, en verder");
    assert_eq!(
        inspection.drafts[0].field(),
        Some(Field::Onderbouwing("1.1.1".into()))
    );

    // The JSON export shows the unconfirmed text with its field, in words, and its time.
    drop(store);
    let out = dir.run(["export", "a.veldtoets", "--json", "-"]);
    out.success();
    let json = out.json();
    let concept = &json["concepten"][0];
    assert_eq!(concept["veld"], "onderbouwing/1.1.1");
    assert_eq!(concept["omschrijving"], "onderbouwing bij 1.1.1");
    assert_eq!(concept["tekst"], "half getypt, en verder");
    assert!(concept["tijd"].as_str().unwrap().contains('T'));

    // The revision it becomes removes it in the same transaction.
    let (s, inspection, _) = Store::open(&path).unwrap();
    store = s;
    let data = OordeelData::parse(
        &inspection.framework,
        "1.1.1",
        "voldoende",
        "half getypt, en verder".into(),
    )
    .unwrap();
    let change = inspection.change("1.1.1", Record::Oordeel(data), who, Stamp::now());
    store.append_settling(&change, &[key]).unwrap();
    drop(store);
    let (_, inspection, _) = Store::open(&path).unwrap();
    assert!(inspection.drafts.is_empty());
    assert_eq!(
        inspection.oordeel("1.1.1").unwrap().data.onderbouwing,
        "half getypt, en verder"
    );
}

#[test]
fn a_file_of_schema_version_1_is_backed_up_and_gains_the_draft_table() {
    let dir = TestDir::new();
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schema-v1.veldtoets");
    let path = dir.join("oud.veldtoets");
    std::fs::copy(&source, &path).unwrap();
    let (mut store, inspection, report) = Store::open(&path).unwrap();
    let (from, backup) = report.migrated_from.expect("migrated");
    assert_eq!(from, 1);
    assert_eq!(backup, dir.join("oud.veldtoets.v1.bak"));
    // The backup is the file as it was: the old schema version and the same content.
    assert_eq!(veldtoets::store::probe(&backup).unwrap().schema_version, 1);
    let (_, old) = Store::open_read_only(&backup).unwrap();
    assert_eq!(old.revision_count(), inspection.revision_count());
    assert_eq!(store.check().unwrap().schema_version, CURRENT_VERSION);
    assert!(inspection.drafts.is_empty());
    let who = *inspection.inspectors.keys().next().unwrap();
    store
        .save_draft(
            "onderzoek/notitie",
            "na migratie",
            who,
            jiff::Timestamp::now(),
        )
        .unwrap();
    drop(store);
    let (_, inspection, report) = Store::open(&path).unwrap();
    assert_eq!(report.migrated_from, None, "migrated once");
    assert_eq!(inspection.drafts[0].text, "na migratie");
    assert_eq!(inspection.dossier_list().len(), 12, "content intact");
}

// ---------------------------------------------------------------------------------------------
// Typing, then SIGKILL.

const TYPIST_ENV: &str = "VELDTOETS_TYPIST_FILE";
/// Milliseconds between two keystrokes of the typist (a fast typist: 50 characters a second).
const KEY_INTERVAL_MS: u64 = 20;

fn typed_text(n: usize) -> String {
    "Het team bespreekt elke melding binnen vijf dagen; "
        .chars()
        .cycle()
        .take(n)
        .collect()
}

/// Not a test on its own: the child process of [`kill_while_typing_loses_at_most_the_last_moment`].
/// Types into an onderbouwing through the app's own workspace, without ever pausing, and prints
/// the number of characters typed after each keystroke.
#[test]
fn typist() {
    let Ok(path) = std::env::var(TYPIST_ENV) else {
        return;
    };
    let path = PathBuf::from(path);
    let (store, inspection, _) = Store::open(&path).expect("open");
    let handle = StoreHandle::start(store, path.clone(), Arc::new(NoWaker));
    let mut ws = Workspace::new(inspection, handle, "E. Voorbeeld", path);
    let target = DraftTarget::Onderbouwing("1.1.1".into());
    ws.draft_text(&target).clear();
    ws.touch_draft(&target);
    let text: Vec<char> = typed_text(100_000).chars().collect();
    let mut out = std::io::stdout().lock();
    for (n, c) in text.into_iter().enumerate() {
        ws.draft_text(&target).push(c);
        ws.touch_draft(&target);
        ws.store.poll();
        use std::io::Write;
        writeln!(out, "{}", n + 1).expect("stdout");
        out.flush().expect("flush");
        std::thread::sleep(Duration::from_millis(KEY_INTERVAL_MS));
        ws.persist_drafts(Instant::now());
    }
}

#[cfg(unix)]
#[test]
fn kill_while_typing_loses_at_most_the_last_moment() {
    let dir = TestDir::new();
    let path = demo(&dir, "typen.veldtoets");
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            &crate::common::test_name(module_path!(), "typist"),
            "--nocapture",
            "--test-threads=1",
        ])
        .env(TYPIST_ENV, &path)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut typed = 0usize;
    // About six seconds of typing without a pause.
    for line in BufReader::new(stdout).lines() {
        let Ok(n) = line.unwrap_or_default().trim().parse::<usize>() else {
            continue;
        };
        typed = n;
        if typed >= 300 {
            break;
        }
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    assert!(typed >= 300, "the typist did not type");

    let (store, inspection, _) = Store::open(&path).unwrap();
    assert!(store.check().unwrap().is_ok());
    let draft = inspection
        .drafts
        .iter()
        .find(|d| d.key == "onderbouwing/1.1.1")
        .expect("the typed text is in the file");
    let full = typed_text(typed + 1000);
    assert!(
        full.starts_with(&draft.text),
        "the draft is exactly what was typed"
    );
    let kept = draft.text.chars().count();
    // All but the last ~300 ms (15 keystrokes at 20 ms), allowing a little for a loaded machine.
    let allowed_loss = 25;
    assert!(
        kept + allowed_loss >= typed,
        "only {kept} of {typed} typed characters survived SIGKILL"
    );
    assert!(kept * 100 >= typed * 90);
    eprintln!("kill -9 while typing: {kept} of {typed} characters on disk");
}

// ---------------------------------------------------------------------------------------------
// The store seam.

/// A real store that fails every write while `full` is set (a full disk, a pulled USB stick).
struct Flaky {
    store: Store,
    full: Arc<AtomicBool>,
    writes: Arc<AtomicUsize>,
}

impl Flaky {
    fn check(&self) -> Result<(), String> {
        if self.full.load(Ordering::SeqCst) {
            Err("de schijf is vol".into())
        } else {
            self.writes.fetch_add(1, Ordering::SeqCst);
            Ok(())
        }
    }
}

impl Backend for Flaky {
    fn append(&mut self, change: &Change, settles: &[String]) -> Result<(), String> {
        self.check()?;
        Backend::append(&mut self.store, change, settles)
    }
    fn save_draft(&mut self, draft: &StoredDraft) -> Result<(), String> {
        self.check()?;
        Backend::save_draft(&mut self.store, draft)
    }
    fn clear_draft(&mut self, key: &str) -> Result<(), String> {
        self.check()?;
        Backend::clear_draft(&mut self.store, key)
    }
    fn add_inspector(&mut self, id: uuid::Uuid, name: &str) -> Result<(), String> {
        self.check()?;
        Backend::add_inspector(&mut self.store, id, name)
    }
    fn save_copy(&mut self, path: &Path, pending: &[Op]) -> Result<(), String> {
        Backend::save_copy(&mut self.store, path, pending)
    }
    fn store(&mut self) -> Option<&mut Store> {
        Some(&mut self.store)
    }
}

fn wait_for(handle: &mut StoreHandle, what: &str, done: impl Fn(&StoreHandle) -> bool) {
    let start = Instant::now();
    loop {
        handle.poll();
        if done(handle) {
            return;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "timed out: {what}"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
}

fn oordeel(inspection: &veldtoets::domain::inspection::Inspection, id: &str, why: &str) -> Change {
    let who = *inspection.inspectors.keys().next().unwrap();
    let data = OordeelData::parse(&inspection.framework, id, "onvoldoende", why.into()).unwrap();
    inspection.change(id, Record::Oordeel(data), who, Stamp::now())
}

#[test]
fn failing_writes_are_kept_in_order_and_written_on_retry() {
    let dir = TestDir::new();
    let path = demo(&dir, "vol.veldtoets");
    let (store, mut inspection, _) = Store::open(&path).unwrap();
    let full = Arc::new(AtomicBool::new(true));
    let writes = Arc::new(AtomicUsize::new(0));
    let flaky = Flaky {
        store,
        full: full.clone(),
        writes: writes.clone(),
    };
    let mut handle = StoreHandle::start(flaky, path.clone(), Arc::new(NoWaker));
    let first = oordeel(&inspection, "1.1.1", "eerste");
    inspection.apply(first.clone());
    let second = oordeel(&inspection, "1.1.1", "tweede, bouwt voort op de eerste");
    inspection.apply(second.clone());
    handle.append(first, Vec::new());
    let draft = handle.save_draft(
        "onderzoek/notitie".into(),
        "getypt".into(),
        *inspection.inspectors.keys().next().unwrap(),
        jiff::Timestamp::now(),
    );
    let last = handle.append(second, Vec::new());
    wait_for(&mut handle, "the failure is reported", |h| {
        matches!(h.state, Some(SaveState::Failing { .. }))
    });
    let Some(SaveState::Failing { error, waiting, .. }) = handle.state.clone() else {
        unreachable!()
    };
    assert_eq!(error, "de schijf is vol");
    assert_eq!(waiting, 2, "both edits wait (the draft is not an edit)");
    assert!(handle.pending() && handle.failing());
    assert!(!handle.is_durable(draft));
    assert_eq!(writes.load(Ordering::SeqCst), 0);

    // Space again: a retry writes everything, in the order sent.
    full.store(false, Ordering::SeqCst);
    handle.retry();
    wait_for(&mut handle, "everything is written", |h| h.is_durable(last));
    assert!(!handle.pending());
    assert!(matches!(handle.state, Some(SaveState::Saved { .. })));
    drop(handle);
    let (_, reread, _) = Store::open(&path).unwrap();
    let history = reread.oordelen.history("1.1.1").unwrap();
    let texts: Vec<&str> = history
        .revisions()
        .iter()
        .map(|r| r.data.onderbouwing.as_str())
        .collect();
    assert!(texts.ends_with(&["eerste", "tweede, bouwt voort op de eerste"]));
    assert_eq!(history.heads().count(), 1);
    assert_eq!(reread.drafts[0].text, "getypt");
}

#[test]
fn a_copy_elsewhere_holds_every_edit_that_could_not_be_written() {
    let dir = TestDir::new();
    let path = demo(&dir, "origineel.veldtoets");
    let before = std::fs::read(&path).unwrap();
    let (store, inspection, _) = Store::open(&path).unwrap();
    let full = Arc::new(AtomicBool::new(true));
    let flaky = Flaky {
        store,
        full,
        writes: Arc::new(AtomicUsize::new(0)),
    };
    let mut handle = StoreHandle::start(flaky, path.clone(), Arc::new(NoWaker));
    handle.append(oordeel(&inspection, "2.4.1", "niet op schijf"), Vec::new());
    handle.save_draft(
        "onderbouwing/1.1.1".into(),
        "halverwege".into(),
        *inspection.inspectors.keys().next().unwrap(),
        jiff::Timestamp::now(),
    );
    wait_for(&mut handle, "the failure", |h| h.failing());

    let copy = dir.join("usb/kopie.veldtoets");
    std::fs::create_dir_all(copy.parent().unwrap()).unwrap();
    handle.access().unwrap().save_copy(copy.clone()).unwrap();
    // A second copy over the first is refused: nothing is replaced.
    let again = handle.access().unwrap().save_copy(copy.clone());
    assert!(again.unwrap_err().contains("bestaat al"));
    drop(handle);

    let (_, copied, _) = Store::open(&copy).unwrap();
    assert_eq!(
        copied.oordeel("2.4.1").unwrap().data.onderbouwing,
        "niet op schijf"
    );
    assert_eq!(copied.drafts[0].text, "halverwege");
    assert_eq!(copied.dossier_list().len(), 12);
    let leftovers: Vec<_> = std::fs::read_dir(copy.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(leftovers, ["kopie.veldtoets"], "no temporary files");
    let (_, original, _) = Store::open(&path).unwrap();
    assert!(original.oordeel("2.4.1").unwrap().data.onderbouwing != "niet op schijf");
    drop(original);
    // The original only changed by what SQLite itself does on open/close (no edit reached it).
    assert_eq!(before.len(), std::fs::read(&path).unwrap().len());
}

#[test]
fn a_superseded_draft_is_not_written_twice_but_the_last_text_is() {
    let dir = TestDir::new();
    let path = demo(&dir, "drafts.veldtoets");
    let (store, inspection, _) = Store::open(&path).unwrap();
    let writes = Arc::new(AtomicUsize::new(0));
    let full = Arc::new(AtomicBool::new(true));
    let flaky = Flaky {
        store,
        full: full.clone(),
        writes: writes.clone(),
    };
    let mut handle = StoreHandle::start(flaky, path.clone(), Arc::new(NoWaker));
    let who = *inspection.inspectors.keys().next().unwrap();
    let mut last = 0;
    for n in 1..=20 {
        last = handle.save_draft(
            "onderzoek/notitie".into(),
            typed_text(n),
            who,
            jiff::Timestamp::now(),
        );
    }
    wait_for(&mut handle, "the failure", |h| h.failing());
    full.store(false, Ordering::SeqCst);
    handle.retry();
    wait_for(&mut handle, "the last draft", |h| h.is_durable(last));
    assert_eq!(
        writes.load(Ordering::SeqCst),
        1,
        "only the newest text is written"
    );
    drop(handle);
    let (_, reread, _) = Store::open(&path).unwrap();
    assert_eq!(reread.drafts[0].text, typed_text(20));
}
