//! The store thread behind its [`Backend`] seam, driven through [`StoreHandle`] with scripted
//! stand-ins around a real [`Store`]: one edit that keeps failing holds back (but does not lose)
//! the ones after it; a slow disk never blocks the UI's `poll`; a merge-like task sees exactly the
//! edits sent before it; closing makes one last attempt and says honestly what did not land.
//!
//! Every test checks the end result on disk, in the order the rows were inserted.

use crate::common;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::TestDir;
use uuid::Uuid;
use veldtoets::domain::draft::StoredDraft;
use veldtoets::domain::inspection::{Change, Inspection, OordeelData, Record, Stamp};
use veldtoets::store::Store;
use veldtoets::ui::worker::{Backend, Op, SaveState, StoreHandle, Waker};

struct NoWaker;

impl Waker for NoWaker {
    fn wake(&self) {}
}

/// What a [`Scripted`] backend does and did, shared with the test.
#[derive(Clone, Default)]
struct Script {
    /// Failures still to give for a revision, by rev id.
    fail: Arc<Mutex<HashMap<Uuid, usize>>>,
    /// Every write fails while set (a full or unplugged disk).
    down: Arc<AtomicBool>,
    /// Every attempt, in order: what, and whether it was written.
    attempts: Arc<Mutex<Vec<(String, bool)>>>,
}

impl Script {
    fn fail(&self, rev: Uuid, times: usize) {
        self.fail.lock().unwrap().insert(rev, times);
    }

    fn attempts(&self) -> Vec<(String, bool)> {
        self.attempts.lock().unwrap().clone()
    }

    /// What was written, in order.
    fn written(&self) -> Vec<String> {
        self.attempts()
            .into_iter()
            .filter_map(|(what, ok)| ok.then_some(what))
            .collect()
    }

    /// How often `what` was tried.
    fn tries(&self, what: &str) -> usize {
        self.attempts().iter().filter(|(w, _)| w == what).count()
    }
}

/// Holds the write of one revision until the test releases it, after telling the test the
/// store thread is inside it.
struct Gate {
    rev: Uuid,
    entered: Sender<()>,
    release: Receiver<()>,
}

/// A real store behind a script: chosen revisions fail a number of times, the whole disk can be
/// down, every write can take a while, and one write can be held at a gate.
struct Scripted {
    store: Store,
    script: Script,
    delay: Duration,
    gate: Option<Gate>,
}

impl Scripted {
    fn new(store: Store, script: &Script) -> Scripted {
        Scripted {
            store,
            script: script.clone(),
            delay: Duration::ZERO,
            gate: None,
        }
    }

    fn slow(mut self, delay: Duration) -> Scripted {
        self.delay = delay;
        self
    }

    fn gated(mut self, gate: Gate) -> Scripted {
        self.gate = Some(gate);
        self
    }

    /// Decides whether the write of `what` (a revision `rev`) goes through, then records it.
    fn write(
        &mut self,
        what: String,
        rev: Option<Uuid>,
        write: impl FnOnce(&mut Store) -> Result<(), String>,
    ) -> Result<(), String> {
        if let Some(gate) = self.gate.as_ref().filter(|g| Some(g.rev) == rev) {
            gate.entered.send(()).unwrap();
            gate.release.recv().unwrap();
        }
        std::thread::sleep(self.delay);
        let attempt = self.script.tries(&what) + 1;
        let refused = self.script.down.load(Ordering::SeqCst)
            || rev.is_some_and(|rev| {
                let mut fail = self.script.fail.lock().unwrap();
                match fail.get_mut(&rev) {
                    Some(n) if *n > 0 => {
                        *n -= 1;
                        true
                    }
                    _ => false,
                }
            });
        let result = if refused {
            Err(format!("schrijffout (poging {attempt})"))
        } else {
            write(&mut self.store)
        };
        self.script
            .attempts
            .lock()
            .unwrap()
            .push((what, result.is_ok()));
        result
    }
}

impl Backend for Scripted {
    fn append(&mut self, change: &Change, settles: &[String]) -> Result<(), String> {
        self.write(change.meta.rev.to_string(), Some(change.meta.rev), |s| {
            Backend::append(s, change, settles)
        })
    }
    fn save_draft(&mut self, draft: &StoredDraft) -> Result<(), String> {
        self.write(format!("concept {}", draft.key), None, |s| {
            Backend::save_draft(s, draft)
        })
    }
    fn clear_draft(&mut self, key: &str) -> Result<(), String> {
        self.write(format!("concept weg {key}"), None, |s| {
            Backend::clear_draft(s, key)
        })
    }
    fn add_inspector(&mut self, id: Uuid, name: &str) -> Result<(), String> {
        self.write(format!("inspecteur {name}"), None, |s| {
            Backend::add_inspector(s, id, name)
        })
    }
    fn save_copy(&mut self, path: &Path, pending: &[Op]) -> Result<(), String> {
        Backend::save_copy(&mut self.store, path, pending)
    }
    fn store(&mut self) -> Option<&mut Store> {
        Some(&mut self.store)
    }
}

fn demo(dir: &TestDir, name: &str) -> PathBuf {
    let path = dir.join(name);
    drop(veldtoets::demo::create(&path).expect("demo"));
    path
}

/// A new oordeel on `id`, replacing the current one, applied to the model at once (as the UI
/// does before the store thread has written it).
fn edit(inspection: &mut Inspection, id: &str, why: &str) -> Change {
    let who = *inspection.inspectors.keys().next().unwrap();
    let data = OordeelData::parse(&inspection.framework, id, "onvoldoende", why.into()).unwrap();
    let change = inspection.change(id, Record::Oordeel(data), who, Stamp::now());
    inspection.apply(change.clone());
    change
}

fn rev(change: &Change) -> String {
    change.meta.rev.to_string()
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
            "timed out waiting for {what}; state {:?}",
            handle.state
        );
        std::thread::sleep(Duration::from_millis(2));
    }
}

fn failing_with(handle: &StoreHandle, error: &str) -> bool {
    matches!(&handle.state, Some(SaveState::Failing { error: e, .. }) if e == error)
}

/// The oordeel revisions in the file, in the order their rows were inserted, keeping only `ours`.
fn oordelen_on_disk(path: &Path, ours: &[String]) -> Vec<String> {
    let conn =
        rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap();
    let mut stmt = conn
        .prepare("SELECT rev FROM oordeel ORDER BY rowid")
        .unwrap();
    let revs: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    revs.into_iter().filter(|r| ours.contains(r)).collect()
}

#[test]
fn one_bad_edit_holds_back_the_rest_until_its_retry_and_loses_nothing() {
    let dir = TestDir::new();
    let path = demo(&dir, "een-slechte.veldtoets");
    let (store, mut inspection, _) = Store::open(&path).unwrap();
    let who = *inspection.inspectors.keys().next().unwrap();
    let e1 = edit(&mut inspection, "1.1.1", "een");
    let e2 = edit(&mut inspection, "1.1.1", "twee, wordt drie keer geweigerd");
    let e3 = edit(&mut inspection, "1.2.1", "drie");
    let e4 = edit(&mut inspection, "1.1.1", "vier, bouwt voort op twee");
    let e5 = edit(
        &mut inspection,
        "1.2.2",
        "vijf, verstuurd terwijl twee faalt",
    );
    let script = Script::default();
    script.fail(e2.meta.rev, 3);
    let (entered, entered_rx) = channel();
    let (release, release_rx) = channel();
    let backend = Scripted::new(store, &script).gated(Gate {
        rev: e1.meta.rev,
        entered,
        release: release_rx,
    });
    let mut handle = StoreHandle::start(backend, path.clone(), Arc::new(NoWaker));

    // The store thread takes e1 on its own and is held inside its write while the rest arrive,
    // so they reach it together and the report below is deterministic.
    let s1 = handle.append(e1.clone(), Vec::new());
    entered_rx.recv_timeout(Duration::from_secs(20)).unwrap();
    let s2 = handle.append(e2.clone(), Vec::new());
    let s3 = handle.append(e3.clone(), Vec::new());
    let draft = handle.save_draft(
        "onderzoek/notitie".into(),
        "getypt".into(),
        who,
        jiff::Timestamp::now(),
    );
    let s4 = handle.append(e4.clone(), Vec::new());
    release.send(()).unwrap();

    wait_for(&mut handle, "the first failure", |h| {
        failing_with(h, "schrijffout (poging 1)")
    });
    assert_eq!(
        handle.state,
        Some(SaveState::Failing {
            error: "schrijffout (poging 1)".into(),
            upto: s1,
            waiting: 3,
        }),
        "e1 is on disk; e2, e3 and e4 wait (the draft is not an edit)"
    );
    assert!(handle.pending() && handle.failing());
    assert!(handle.is_durable(s1));
    for blocked in [s2, s3, draft, s4] {
        assert!(!handle.is_durable(blocked), "seq {blocked} is not on disk");
    }
    assert_eq!(script.written(), [rev(&e1)]);

    // An edit sent while failing queues behind the bad one (and makes the thread try again).
    let s5 = handle.append(e5.clone(), Vec::new());
    wait_for(&mut handle, "the second failure", |h| {
        failing_with(h, "schrijffout (poging 2)")
    });
    assert!(matches!(
        handle.state,
        Some(SaveState::Failing { upto, waiting: 4, .. }) if upto == s1
    ));
    assert!(!handle.is_durable(s5));

    // "Opnieuw proberen": fails a third time, then gets through.
    handle.retry();
    wait_for(&mut handle, "the third failure", |h| {
        failing_with(h, "schrijffout (poging 3)")
    });
    assert!(matches!(
        handle.state,
        Some(SaveState::Failing { upto, waiting: 4, .. }) if upto == s1
    ));
    assert!(handle.pending() && handle.failing());
    assert_eq!(script.written(), [rev(&e1)]);

    handle.retry();
    wait_for(&mut handle, "everything written", |h| h.is_durable(s5));
    assert!(matches!(handle.state, Some(SaveState::Saved { upto, .. }) if upto == s5));
    assert!(!handle.pending() && !handle.failing());
    assert_eq!(
        script.written(),
        [
            rev(&e1),
            rev(&e2),
            rev(&e3),
            "concept onderzoek/notitie".into(),
            rev(&e4),
            rev(&e5)
        ],
        "every write, in the order sent"
    );
    assert_eq!(script.tries(&rev(&e2)), 4);
    for later in [&e3, &e4, &e5] {
        assert_eq!(
            script.tries(&rev(later)),
            1,
            "nothing after the bad edit was tried before it got through"
        );
    }

    // Closing once everything is on disk writes nothing more.
    let attempts = script.attempts().len();
    assert!(matches!(handle.close(), Some(SaveState::Saved { upto, .. }) if upto == s5));
    assert_eq!(script.attempts().len(), attempts);

    let ours: Vec<String> = [&e1, &e2, &e3, &e4, &e5].into_iter().map(rev).collect();
    assert_eq!(oordelen_on_disk(&path, &ours), ours, "on disk in order");
    let (_, reread, _) = Store::open(&path).unwrap();
    let history = reread.oordelen.history("1.1.1").unwrap();
    assert_eq!(history.heads().count(), 1);
    assert_eq!(
        reread.oordeel("1.1.1").unwrap().data.onderbouwing,
        "vier, bouwt voort op twee"
    );
    assert_eq!(reread.drafts[0].text, "getypt");
}

#[test]
fn a_slow_disk_never_blocks_poll_and_pending_holds_until_confirmed() {
    const WRITE: Duration = Duration::from_millis(200);
    // Generous: this is about never waiting for the disk, not about speed.
    const QUICK: Duration = Duration::from_millis(100);
    let dir = TestDir::new();
    let path = demo(&dir, "traag.veldtoets");
    let (store, mut inspection, _) = Store::open(&path).unwrap();
    let script = Script::default();
    let backend = Scripted::new(store, &script).slow(WRITE);
    let mut handle = StoreHandle::start(backend, path.clone(), Arc::new(NoWaker));

    let e1 = edit(&mut inspection, "1.1.1", "langzaam");
    let sent = Instant::now();
    let s1 = handle.append(e1.clone(), Vec::new());
    assert!(sent.elapsed() < QUICK, "sending does not wait for the disk");
    assert!(handle.pending());

    let mut slowest = Duration::ZERO;
    let mut polls_while_writing = 0;
    loop {
        let before = Instant::now();
        handle.poll();
        slowest = slowest.max(before.elapsed());
        if !handle.pending() {
            break;
        }
        assert!(!handle.is_durable(s1));
        polls_while_writing += 1;
        assert!(sent.elapsed() < Duration::from_secs(20), "timed out");
        std::thread::sleep(Duration::from_millis(5));
    }
    assert!(
        sent.elapsed() >= WRITE,
        "confirmed after {:?}, before the write could have finished",
        sent.elapsed()
    );
    assert!(handle.is_durable(s1));
    assert!(polls_while_writing >= 3, "polled while the write slept");
    assert!(slowest < QUICK, "poll took {slowest:?}");

    // Several edits sent at once: each is its own write (no batching), pending until the last.
    let more: Vec<Change> = (1..=3)
        .map(|n| edit(&mut inspection, "1.1.1", &format!("nog een, {n}")))
        .collect();
    let sent = Instant::now();
    let mut last = 0;
    for change in &more {
        last = handle.append(change.clone(), Vec::new());
    }
    assert!(sent.elapsed() < QUICK);
    let mut slowest = Duration::ZERO;
    loop {
        let before = Instant::now();
        handle.poll();
        slowest = slowest.max(before.elapsed());
        if handle.is_durable(last) {
            break;
        }
        assert!(handle.pending());
        assert!(sent.elapsed() < Duration::from_secs(20), "timed out");
        std::thread::sleep(Duration::from_millis(5));
    }
    assert!(!handle.pending());
    assert!(
        sent.elapsed() >= WRITE * 3,
        "three writes, one after another"
    );
    assert!(slowest < QUICK, "poll took {slowest:?}");

    // Everything is confirmed: closing writes nothing more and does not wait for the disk.
    let attempts = script.attempts().len();
    assert_eq!(attempts, 4, "one write per edit");
    let closing = Instant::now();
    let state = handle.close();
    assert!(
        closing.elapsed() < WRITE,
        "close waited {:?}",
        closing.elapsed()
    );
    assert!(matches!(state, Some(SaveState::Saved { upto, .. }) if upto == last));
    assert_eq!(script.attempts().len(), attempts);

    let ours: Vec<String> = std::iter::once(&e1).chain(&more).map(rev).collect();
    assert_eq!(oordelen_on_disk(&path, &ours), ours);
}

#[test]
fn edits_during_a_merge_task_land_after_it_and_those_before_it_are_on_disk_first() {
    /// Who is where: 0 before the job asks, 1 the job has asked, 2 the task runs, 3 it is done.
    const ASKED: u8 = 1;
    const RUNNING: u8 = 2;
    let dir = TestDir::new();
    let path = demo(&dir, "samenvoegen.veldtoets");
    let (store, mut inspection, _) = Store::open(&path).unwrap();
    let script = Script::default();
    // A little slow, so edits queue up in front of the task as well as behind it.
    let backend = Scripted::new(store, &script).slow(Duration::from_millis(3));
    let mut handle = StoreHandle::start(backend, path.clone(), Arc::new(NoWaker));
    let phase = Arc::new(Mutex::new(0u8));

    // (seq, rev, phase when sent). The phase is read under the lock that the job and the task
    // take to move it on, so "sent in phase 0" means sent before the job asked.
    let mut sent: Vec<(u64, String, u8)> = Vec::new();
    let mut send = |handle: &mut StoreHandle, inspection: &mut Inspection| {
        let n = sent.len() + 1;
        let change = edit(inspection, "1.1.1", &format!("versie {n}"));
        let rev = rev(&change);
        let phase = phase.lock().unwrap();
        let seq = handle.append(change, Vec::new());
        sent.push((seq, rev, *phase));
    };
    for _ in 0..10 {
        send(&mut handle, &mut inspection);
    }

    let access = handle.access().unwrap();
    let job = {
        let phase = phase.clone();
        std::thread::spawn(move || {
            *phase.lock().unwrap() = ASKED;
            let task_phase = phase.clone();
            access.run(move |store| {
                *task_phase.lock().unwrap() = RUNNING;
                // A merge takes a while, then reads the file it merged into.
                std::thread::sleep(Duration::from_millis(300));
                let seen = store.load().expect("the task reads the store");
                *task_phase.lock().unwrap() = RUNNING + 1;
                seen.oordelen
                    .history("1.1.1")
                    .unwrap()
                    .revisions()
                    .iter()
                    .map(|r| r.meta.rev.to_string())
                    .collect::<Vec<_>>()
            })
        })
    };
    // Keep editing while the job starts, the task runs and after it finished.
    let mut after = 0;
    while !job.is_finished() || after < 10 {
        send(&mut handle, &mut inspection);
        if job.is_finished() {
            after += 1;
        }
        std::thread::sleep(Duration::from_millis(4));
    }
    let seen = job.join().unwrap().expect("the task ran");
    let last = sent.last().unwrap().0;
    wait_for(&mut handle, "every edit written", |h| h.is_durable(last));
    assert!(matches!(handle.close(), Some(SaveState::Saved { upto, .. }) if upto == last));

    let ours: Vec<String> = sent.iter().map(|(_, rev, _)| rev.clone()).collect();
    let seen: Vec<String> = seen.into_iter().filter(|r| ours.contains(r)).collect();
    let before = sent.iter().filter(|(_, _, p)| *p < ASKED).count();
    let during = sent.iter().filter(|(_, _, p)| *p >= RUNNING).count();
    assert!(
        during >= 5,
        "edits arrived while the task ran ({during} of {})",
        sent.len()
    );
    // The task saw a prefix of what was sent: everything sent before the job asked, nothing sent
    // once it ran.
    assert_eq!(seen, ours[..seen.len()], "the task saw a prefix, in order");
    assert!(
        seen.len() >= before,
        "the task saw {} edits, {before} were sent before it",
        seen.len()
    );
    for (_, rev, p) in &sent {
        if *p >= RUNNING {
            assert!(
                !seen.contains(rev),
                "an edit sent during the task was written before it"
            );
        }
    }
    // Nothing lost or reordered: every edit on disk once, in the order sent.
    assert_eq!(oordelen_on_disk(&path, &ours), ours);
    assert_eq!(
        script.written().len(),
        ours.len(),
        "one write per edit, none twice"
    );
}

#[test]
fn closing_with_failing_edits_tries_once_more_and_reports_what_did_not_land() {
    let dir = TestDir::new();
    let path = demo(&dir, "sluiten.veldtoets");
    let (store, mut inspection, _) = Store::open(&path).unwrap();
    let who = *inspection.inspectors.keys().next().unwrap();
    let script = Script::default();
    script.down.store(true, Ordering::SeqCst);
    let mut handle = StoreHandle::start(
        Scripted::new(store, &script),
        path.clone(),
        Arc::new(NoWaker),
    );
    let e1 = edit(&mut inspection, "2.4.1", "niet op schijf");
    let s1 = handle.append(e1.clone(), Vec::new());
    let draft = handle.save_draft(
        "onderzoek/notitie".into(),
        "ook niet".into(),
        who,
        jiff::Timestamp::now(),
    );
    let e2 = edit(&mut inspection, "2.4.1", "ook niet op schijf");
    let s2 = handle.append(e2.clone(), Vec::new());
    // Two waiting edits means the last message arrived: no attempt is still to come.
    wait_for(&mut handle, "the failure with both edits", |h| {
        matches!(h.state, Some(SaveState::Failing { waiting: 2, .. }))
    });
    let attempts = script.attempts().len();

    let state = handle.close();
    assert_eq!(
        script.attempts().len(),
        attempts + 1,
        "closing makes one last attempt"
    );
    let Some(SaveState::Failing { upto, waiting, .. }) = state else {
        panic!("closing with failing writes must say so, got {state:?}");
    };
    assert_eq!(
        (upto, waiting),
        (0, 2),
        "nothing written, both edits waiting"
    );
    assert!(handle.pending() && handle.failing());
    for seq in [s1, draft, s2] {
        assert!(!handle.is_durable(seq));
    }
    assert!(script.written().is_empty());
    drop(handle);
    assert!(oordelen_on_disk(&path, &[rev(&e1), rev(&e2)]).is_empty());
    let (_, reread, _) = Store::open(&path).unwrap();
    assert!(reread.drafts.is_empty());
}

#[test]
fn closing_after_the_disk_recovered_writes_everything_that_waited() {
    let dir = TestDir::new();
    let path = demo(&dir, "hersteld.veldtoets");
    let (store, mut inspection, _) = Store::open(&path).unwrap();
    let who = *inspection.inspectors.keys().next().unwrap();
    let script = Script::default();
    script.down.store(true, Ordering::SeqCst);
    let mut handle = StoreHandle::start(
        Scripted::new(store, &script),
        path.clone(),
        Arc::new(NoWaker),
    );
    let e1 = edit(&mut inspection, "2.4.1", "eerst geweigerd");
    handle.append(e1.clone(), Vec::new());
    handle.save_draft(
        "onderzoek/notitie".into(),
        "alsnog".into(),
        who,
        jiff::Timestamp::now(),
    );
    let e2 = edit(&mut inspection, "2.4.1", "daarna geweigerd");
    let s2 = handle.append(e2.clone(), Vec::new());
    wait_for(&mut handle, "the failure with both edits", |h| {
        matches!(h.state, Some(SaveState::Failing { waiting: 2, .. }))
    });

    // The disk is back, but nobody pressed "opnieuw proberen": closing writes it all.
    script.down.store(false, Ordering::SeqCst);
    let state = handle.close();
    assert!(
        matches!(state, Some(SaveState::Saved { upto, .. }) if upto == s2),
        "{state:?}"
    );
    assert!(!handle.pending() && !handle.failing());
    assert_eq!(
        script.written(),
        [rev(&e1), "concept onderzoek/notitie".into(), rev(&e2)]
    );
    drop(handle);
    let ours = vec![rev(&e1), rev(&e2)];
    assert_eq!(oordelen_on_disk(&path, &ours), ours);
    let (_, reread, _) = Store::open(&path).unwrap();
    assert_eq!(
        reread.oordeel("2.4.1").unwrap().data.onderbouwing,
        "daarna geweigerd"
    );
    assert_eq!(reread.drafts[0].text, "alsnog");
}
