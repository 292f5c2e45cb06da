//! Encrypted inspection files in the desktop app (issue 14), driven headless with egui_kittest:
//! the passphrase dialog when a file is opened (a wrong passphrase changes nothing), a new
//! inspection encrypted by default (the passphrase never in the form's draft on disk), a merge
//! that asks for a copy's own passphrase, a landelijk overzicht that asks once per passphrase,
//! and exports that say they are not encrypted.

use crate::support;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use eframe::egui::{self, Key};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use support::{app, bare_app, close, harness, type_into, wait_until};
use veldtoets::domain::inspection::{OordeelData, Record, Stamp};
use veldtoets::domain::judgement::JudgementValue;
use veldtoets::store::{self, FileKind, Passphrase, Store};
use veldtoets::ui::app::{App, View};
use veldtoets::ui::commands::{Command, FilePurpose};
use veldtoets::ui::worker::PassphraseFor;

fn passphrase(text: &str) -> Passphrase {
    Passphrase::new(text.to_string()).unwrap()
}

/// A demo inspection of `kader` at `path`, encrypted with `pass` (made plain under another name,
/// converted, and the plain file removed).
fn encrypted_demo(path: &Path, kader: &str, pass: &str) {
    let plain = path.with_extension("plain.veldtoets");
    drop(veldtoets::demo::create_for(&plain, kader).unwrap());
    store::convert(&plain, None, path, Some(&passphrase(pass))).unwrap();
    std::fs::remove_file(&plain).unwrap();
}

/// The names in `dir`, sorted.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Every file under `dir`, recursively.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(dir) = todo.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                todo.push(path);
            } else {
                found.push(path);
            }
        }
    }
    found
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

/// No file under `root` holds `secret` (preferences, the form's draft, logs, the inspection
/// files themselves).
fn nowhere_on_disk(root: &Path, secret: &str) {
    for file in files_under(root) {
        let bytes = std::fs::read(&file).unwrap();
        assert!(
            !contains(&bytes, secret),
            "the passphrase is written in {}",
            file.display()
        );
    }
}

fn prompt_shown(app: &App) -> bool {
    app.prompt.is_some() && !app.jobs.is_busy()
}

/// The text of the passphrase field in the dialog (masked, so only whether it is empty says
/// anything).
fn field_text(harness: &Harness<'_, App>, label: &str) -> String {
    harness
        .get_by_label(label)
        .accesskit_node()
        .value()
        .unwrap_or_default()
        .to_string()
}

/// Types `text` where the focus is (the dialog puts it in its field) and presses Enter.
fn answer(harness: &mut Harness<'_, App>, text: &str) {
    harness.event(egui::Event::Text(text.into()));
    harness.run_steps(1);
    harness.key_press(Key::Enter);
    harness.run_steps(2);
}

/// `path` (encrypted with `pass`) opened in the app through the passphrase dialog.
fn open_encrypted(root: &Path, path: &Path, pass: &str) -> Harness<'static, App> {
    let mut app = app(root);
    app.open(path.to_path_buf());
    let mut harness = harness(app);
    wait_until(&mut harness, "the passphrase dialog", prompt_shown);
    answer(&mut harness, pass);
    wait_until(&mut harness, "the file to open", |app| {
        app.workspace().is_some()
    });
    harness
}

fn dialog_text(app: &App) -> Option<(String, String)> {
    app.dialog
        .as_ref()
        .map(|d| (d.title.clone(), d.message.clone()))
}

#[test]
fn opening_an_encrypted_file_asks_its_passphrase_and_a_wrong_one_changes_nothing() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("onderzoeken");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("geheim.veldtoets");
    let framework = veldtoets::kader_io::builtin("vt-2016-stap2").unwrap();
    drop(
        Store::create_encrypted(
            &file,
            framework,
            "Veilig Thuis Geheimstad",
            "E. Voorbeeld",
            Stamp::now(),
            &passphrase("paard batterij nietje"),
        )
        .unwrap(),
    );
    let before = std::fs::read(&file).unwrap();
    let names = listing(&dir);

    let mut app = app(root.path());
    app.open(file.clone());
    let mut harness = harness(app);
    wait_until(&mut harness, "the passphrase dialog", prompt_shown);
    harness.get_by_label("Versleuteld onderzoek");
    harness.get_by_label_contains("'geheim.veldtoets' is versleuteld");
    assert!(
        harness
            .query_by_label("Het wachtwoord klopt niet. Probeer het opnieuw.")
            .is_none()
    );
    harness.get_by_label("Openen");
    harness.get_by_label("Annuleren");

    // The focus is in the field: typed without clicking, Enter gives it.
    answer(&mut harness, "paard batterij niet");
    wait_until(&mut harness, "the dialog again", |app| {
        prompt_shown(app) && app.prompt.as_ref().is_some_and(|p| p.wrong)
    });
    harness.get_by_label("Het wachtwoord klopt niet. Probeer het opnieuw.");
    assert_eq!(
        field_text(&harness, "Wachtwoord"),
        "",
        "the field is emptied"
    );
    assert!(harness.state().workspace().is_none());
    assert_eq!(
        std::fs::read(&file).unwrap(),
        before,
        "the file is unchanged"
    );
    assert_eq!(listing(&dir), names, "no side file appeared");

    answer(&mut harness, "paard batterij nietje");
    wait_until(&mut harness, "the file to open", |app| {
        app.workspace().is_some()
    });
    assert!(harness.state().prompt.is_none());
    let ws = harness.state().workspace().unwrap();
    assert!(ws.encrypted());
    assert_eq!(ws.inspection.organisatie(), "Veilig Thuis Geheimstad");
    harness.get_by_label("bestand versleuteld");
    // Remembered as a recent file, without its passphrase.
    assert!(
        harness
            .state()
            .prefs
            .recent
            .iter()
            .any(|p| p.ends_with("geheim.veldtoets"))
    );
    close(&mut harness);
    nowhere_on_disk(root.path(), "paard batterij");
    assert!(Store::open_with(&file, Some(&passphrase("paard batterij nietje"))).is_ok());
}

#[test]
fn the_passphrase_dialog_works_with_the_keyboard_and_escape_cancels() {
    let root = tempfile::tempdir().unwrap();
    let file = root.path().join("demo.veldtoets");
    encrypted_demo(&file, "vt-2016-stap2", "correct horse");
    let mut app = app(root.path());
    app.open(file.clone());
    let mut harness = harness(app);
    wait_until(&mut harness, "the passphrase dialog", prompt_shown);
    harness.key_press(Key::Escape);
    harness.run_steps(2);
    assert!(harness.state().prompt.is_none(), "Escape closes the dialog");
    assert!(harness.state().workspace().is_none(), "nothing is opened");
    assert!(harness.query_by_label("Versleuteld onderzoek").is_none());

    // Again, from the recent files is not possible (never opened): open it anew.
    harness.state_mut().command(Command::Open(file.clone()));
    harness.run_steps(1);
    wait_until(&mut harness, "the passphrase dialog", prompt_shown);
    // An empty passphrase is refused in the dialog itself.
    harness.key_press(Key::Enter);
    harness.run_steps(2);
    assert!(harness.state().prompt.is_some());
    harness.get_by_label_contains("Het wachtwoord is leeg");
    // Typed, then Tab to "Openen" and Enter.
    harness.event(egui::Event::Text("correct horse".into()));
    harness.run_steps(1);
    harness.key_press(Key::Tab);
    harness.run_steps(1);
    harness.key_press(Key::Enter);
    harness.run_steps(2);
    wait_until(&mut harness, "the file to open", |app| {
        app.workspace().is_some()
    });
    assert!(harness.state().workspace().unwrap().encrypted());
}

#[test]
fn a_read_only_encrypted_file_opens_read_only_with_its_passphrase() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("share");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("demo.veldtoets");
    encrypted_demo(&file, "vt-2016-stap2", "alleen lezen");
    let mut perms = std::fs::metadata(&file).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&file, perms).unwrap();
    if std::fs::OpenOptions::new().write(true).open(&file).is_ok() {
        // Root writes a write-protected file all the same: nothing to fall back from.
        eprintln!("overgeslagen: als root is een schrijfbeveiligd bestand toch schrijfbaar");
        return;
    }
    let before = std::fs::read(&file).unwrap();
    let harness = open_encrypted(root.path(), &file, "alleen lezen");
    let ws = harness.state().workspace().unwrap();
    assert!(ws.read_only, "opened read-only");
    assert!(ws.encrypted());
    assert!(ws.inspection.oordeel("1.1.1").is_some());
    drop(harness);
    assert_eq!(std::fs::read(&file).unwrap(), before);
}

/// Steps until the form's draft on disk holds `text`; returns the draft.
fn draft_holding(harness: &mut Harness<'_, App>, root: &Path, text: &str) -> String {
    let file = root.join("config/concept-nieuw-onderzoek.json");
    let start = Instant::now();
    loop {
        if let Ok(draft) = std::fs::read_to_string(&file)
            && draft.contains(text)
        {
            return draft;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "the form was not kept"
        );
        std::thread::sleep(Duration::from_millis(20));
        harness.step();
    }
}

/// The app on its start screen, the inspector's name filled in there (as after a restart).
fn start_named(root: &Path) -> Harness<'static, App> {
    let mut app = app(root);
    app.view = View::Start(veldtoets::ui::screens::start::StartState::new(
        &app.prefs,
        app.dirs.documents.clone(),
    ));
    let mut harness = harness(app);
    harness.run_steps(2);
    harness
}

fn form_error(app: &App) -> Option<String> {
    match &app.view {
        View::Start(state) => state.new_form.as_ref().and_then(|f| f.error.clone()),
        View::Inspection(..) => None,
    }
}

#[test]
fn a_new_inspection_is_encrypted_by_default_and_its_passphrase_never_reaches_the_draft() {
    let root = tempfile::tempdir().unwrap();
    let mut harness = start_named(root.path());
    harness.get_by_label("Nieuw onderzoek…").click();
    harness.run_steps(2);
    harness.get_by_label_contains("Deel het wachtwoord met uw teamgenoten");
    type_into(&mut harness, "Organisatie:", "Veilig Thuis Kluisdorp");

    // Without a passphrase: refused in the form.
    harness.get_by_label("Aanmaken").click();
    harness.run_steps(2);
    let error = form_error(harness.state()).expect("refused");
    assert!(error.contains("Kies een wachtwoord"), "{error}");
    harness.get_by_label_contains("Kies een wachtwoord");

    // Two that differ: refused, nothing made.
    type_into(&mut harness, "Wachtwoord:", "zeven-zeilboten");
    type_into(&mut harness, "Herhaal wachtwoord:", "zeven-zeilbote");
    let draft = draft_holding(&mut harness, root.path(), "Kluisdorp");
    assert!(!draft.contains("zeilbo"), "{draft}");
    harness.get_by_label("Aanmaken").click();
    harness.run_steps(2);
    let error = form_error(harness.state()).expect("refused");
    assert!(error.contains("niet gelijk"), "{error}");
    assert_eq!(field_text(&harness, "Wachtwoord:"), "", "emptied");
    assert_eq!(field_text(&harness, "Herhaal wachtwoord:"), "");
    assert!(harness.state().workspace().is_none());
    assert!(files_under(&root.path().join("documenten")).is_empty());

    // The same twice: an encrypted file.
    type_into(&mut harness, "Wachtwoord:", "zeven-zeilboten");
    type_into(&mut harness, "Herhaal wachtwoord:", "zeven-zeilboten");
    let draft = draft_holding(&mut harness, root.path(), "Kluisdorp");
    assert!(!draft.contains("zeilbo"), "{draft}");
    harness.get_by_label("Aanmaken").click();
    harness.run_steps(2);
    wait_until(&mut harness, "the new inspection to open", |app| {
        app.workspace().is_some()
    });
    let path = root
        .path()
        .join("documenten/veilig-thuis-kluisdorp.veldtoets");
    let ws = harness.state().workspace().unwrap();
    assert!(ws.encrypted());
    assert_eq!(ws.inspection.organisatie(), "Veilig Thuis Kluisdorp");
    close(&mut harness);
    assert_eq!(store::detect(&path).unwrap(), FileKind::Encrypted);
    let bytes = std::fs::read(&path).unwrap();
    assert!(
        !contains(&bytes, "Kluisdorp"),
        "the organisation is readable"
    );
    assert!(
        !root
            .path()
            .join("config/concept-nieuw-onderzoek.json")
            .exists(),
        "the form's draft is removed once the inspection exists"
    );
    nowhere_on_disk(root.path(), "zeilbo");
    let (_, inspection, _) = Store::open_with(&path, Some(&passphrase("zeven-zeilboten"))).unwrap();
    assert_eq!(inspection.organisatie(), "Veilig Thuis Kluisdorp");
}

#[test]
fn the_checkbox_makes_a_plain_file_after_a_warning() {
    let root = tempfile::tempdir().unwrap();
    let mut harness = start_named(root.path());
    harness.get_by_label("Nieuw onderzoek…").click();
    harness.run_steps(2);
    type_into(&mut harness, "Organisatie:", "Veilig Thuis Openveld");
    type_into(&mut harness, "Wachtwoord:", "niet-gebruikt");
    let warning = "Zonder versleuteling kan iedereen die het bestand in handen krijgt alle aantekeningen lezen.";
    assert!(harness.query_by_label(warning).is_none());
    harness
        .get_by_label("Onversleuteld opslaan (niet aanbevolen)")
        .click();
    harness.run_steps(2);
    harness.get_by_label(warning);
    assert!(harness.query_by_label("Wachtwoord:").is_none(), "hidden");
    assert!(harness.query_by_label("Herhaal wachtwoord:").is_none());
    harness.get_by_label("Aanmaken").click();
    harness.run_steps(2);
    wait_until(&mut harness, "the new inspection to open", |app| {
        app.workspace().is_some()
    });
    assert!(!harness.state().workspace().unwrap().encrypted());
    assert!(harness.query_by_label("bestand versleuteld").is_none());
    close(&mut harness);
    let path = root
        .path()
        .join("documenten/veilig-thuis-openveld.veldtoets");
    assert!(matches!(store::detect(&path).unwrap(), FileKind::Plain(_)));
    nowhere_on_disk(root.path(), "niet-gebruikt");
}

#[test]
fn the_demo_stays_one_click_and_plain() {
    let root = tempfile::tempdir().unwrap();
    let mut harness = harness(app(root.path()));
    harness.run_steps(2);
    let path = support::open_demo(&mut harness);
    assert!(harness.state().prompt.is_none());
    assert!(!harness.state().workspace().unwrap().encrypted());
    close(&mut harness);
    assert!(matches!(store::detect(&path).unwrap(), FileKind::Plain(_)));
}

/// A colleague's copy of `source` (encrypted with `source_pass`) at `target`, encrypted with
/// `target_pass`, where the colleague judged `verwachting` onvoldoende.
fn colleague_copy(source: &Path, source_pass: Option<&str>, target: &Path, target_pass: &str) {
    let key = passphrase(target_pass);
    let source_key = source_pass.map(passphrase);
    store::convert(source, source_key.as_ref(), target, Some(&key)).unwrap();
    let (mut store, mut inspection, _) = Store::open_with(target, Some(&key)).unwrap();
    let author = inspection.add_inspector("J. Proef");
    store.add_inspector(author, "J. Proef").unwrap();
    let data = OordeelData::parse(
        &inspection.framework,
        "4.1.1",
        "onvoldoende",
        "Volgens collega.".into(),
    )
    .unwrap();
    let change = inspection.change("4.1.1", Record::Oordeel(data), author, Stamp::now());
    store.append(&change).unwrap();
}

fn value_4_1_1(app: &App) -> JudgementValue {
    app.workspace()
        .unwrap()
        .inspection
        .oordeel("4.1.1")
        .unwrap()
        .data
        .value
}

/// A merge was called off: no job left, 4.1.1 as `before`, and the notice says so.
fn nothing_merged(app: &App, before: JudgementValue) {
    assert!(!app.jobs.is_busy());
    assert_eq!(value_4_1_1(app), before, "nothing merged");
    let notice = app.workspace().unwrap().notice.clone();
    assert!(
        notice
            .as_deref()
            .is_some_and(|n| n.contains("Niet samengevoegd")),
        "{notice:?}"
    );
}

#[test]
fn merging_a_copy_with_another_passphrase_asks_for_it() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("documenten");
    std::fs::create_dir_all(&dir).unwrap();
    let mine = dir.join("mijn.veldtoets");
    encrypted_demo(&mine, "vt-2016-stap2", "ons teamwachtwoord");
    let theirs = dir.join("collega.veldtoets");
    colleague_copy(
        &mine,
        Some("ons teamwachtwoord"),
        &theirs,
        "ander wachtwoord",
    );
    let theirs_bytes = std::fs::read(&theirs).unwrap();

    let mut harness = open_encrypted(root.path(), &mine, "ons teamwachtwoord");
    let before = value_4_1_1(harness.state());
    assert_ne!(before, JudgementValue::Onvoldoende);

    // Asked for the copy's passphrase, naming it; Annuleren merges nothing.
    harness.state_mut().command(Command::ChosenMany(
        FilePurpose::Merge,
        vec![theirs.clone()],
    ));
    harness.run_steps(1);
    wait_until(&mut harness, "the passphrase dialog", prompt_shown);
    let prompt = harness.state().prompt.as_ref().unwrap();
    assert!(matches!(prompt.purpose, PassphraseFor::Merge(_)));
    assert_eq!(prompt.path, theirs);
    harness.get_by_label_contains("De kopie 'collega.veldtoets' is versleuteld");
    harness.get_by_label("Annuleren").click();
    harness.run_steps(3);
    assert!(harness.state().prompt.is_none());
    nothing_merged(harness.state(), before);
    assert_eq!(std::fs::read(&theirs).unwrap(), theirs_bytes);

    // Again: the open file's passphrase is tried first and does not open the copy; a wrong one
    // asks again; the right one merges.
    harness.state_mut().command(Command::ChosenMany(
        FilePurpose::Merge,
        vec![theirs.clone()],
    ));
    harness.run_steps(1);
    wait_until(&mut harness, "the passphrase dialog", prompt_shown);
    answer(&mut harness, "ons teamwachtwoord");
    wait_until(&mut harness, "the dialog again", |app| {
        prompt_shown(app) && app.prompt.as_ref().is_some_and(|p| p.wrong)
    });
    harness.get_by_label("Het wachtwoord klopt niet. Probeer het opnieuw.");
    assert_eq!(value_4_1_1(harness.state()), before);
    answer(&mut harness, "ander wachtwoord");
    wait_until(&mut harness, "the merge summary", |app| {
        app.dialog
            .as_ref()
            .is_some_and(|d| d.title == "Samengevoegd")
    });
    assert!(harness.state().prompt.is_none());
    assert_eq!(value_4_1_1(harness.state()), JudgementValue::Onvoldoende);
    let (_, message) = dialog_text(harness.state()).unwrap();
    assert!(!message.contains("niet versleuteld"), "{message}");
    harness.state_mut().dialog = None;
    close(&mut harness);
    // In the file, which is still encrypted with its own passphrase.
    assert_eq!(store::detect(&mine).unwrap(), FileKind::Encrypted);
    let (_, inspection, _) =
        Store::open_with(&mine, Some(&passphrase("ons teamwachtwoord"))).unwrap();
    assert!(
        inspection
            .inspectors
            .values()
            .any(|name| name == "J. Proef")
    );
    nowhere_on_disk(&root.path().join("config"), "teamwachtwoord");
    nowhere_on_disk(&root.path().join("config"), "ander wachtwoord");
}

#[test]
fn a_copy_sharing_the_open_files_passphrase_merges_without_asking() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("documenten");
    std::fs::create_dir_all(&dir).unwrap();
    let mine = dir.join("mijn.veldtoets");
    encrypted_demo(&mine, "vt-2016-stap2", "gedeeld wachtwoord");
    let theirs = dir.join("collega.veldtoets");
    colleague_copy(
        &mine,
        Some("gedeeld wachtwoord"),
        &theirs,
        "gedeeld wachtwoord",
    );
    let mut harness = open_encrypted(root.path(), &mine, "gedeeld wachtwoord");
    harness
        .state_mut()
        .command(Command::ChosenMany(FilePurpose::Merge, vec![theirs]));
    harness.run_steps(1);
    let start = Instant::now();
    while harness
        .state()
        .dialog
        .as_ref()
        .is_none_or(|d| d.title != "Samengevoegd")
    {
        assert!(
            harness.state().prompt.is_none(),
            "asked for a known passphrase"
        );
        assert!(start.elapsed() < Duration::from_secs(20), "no merge");
        std::thread::sleep(Duration::from_millis(10));
        harness.step();
    }
    assert_eq!(value_4_1_1(harness.state()), JudgementValue::Onvoldoende);
}

/// An encrypted copy into the open, unencrypted file: asked first, before anything is merged;
/// "Niet samenvoegen" (Escape) leaves the file as it was, "Toch onversleuteld samenvoegen"
/// merges and says where the content now is.
#[test]
fn an_encrypted_copy_goes_into_a_plain_file_only_when_the_user_agrees() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("documenten");
    std::fs::create_dir_all(&dir).unwrap();
    let mine = dir.join("mijn.veldtoets");
    drop(veldtoets::demo::create_for(&mine, "vt-2016-stap2").unwrap());
    let theirs = dir.join("collega.veldtoets");
    colleague_copy(&mine, None, &theirs, "kopie wachtwoord");
    let mut harness = support::open_file(root.path(), &mine);
    assert!(!harness.state().workspace().unwrap().encrypted());
    let before = value_4_1_1(harness.state());
    assert_ne!(before, JudgementValue::Onvoldoende);

    let ask = |harness: &mut Harness<'_, App>| {
        harness.state_mut().command(Command::ChosenMany(
            FilePurpose::Merge,
            vec![theirs.clone()],
        ));
        harness.run_steps(1);
        wait_until(harness, "the passphrase dialog", prompt_shown);
        answer(harness, "kopie wachtwoord");
        wait_until(harness, "the question", |app| {
            app.plain_merge.is_some() && !app.jobs.is_busy()
        });
        harness.run_steps(2);
        harness.get_by_label_contains("Het geopende onderzoek is niet versleuteld");
    };
    ask(&mut harness);
    assert_eq!(value_4_1_1(harness.state()), before, "asked before merging");
    harness.key_press(Key::Escape);
    harness.run_steps(3);
    assert!(harness.state().plain_merge.is_none());
    nothing_merged(harness.state(), before);

    ask(&mut harness);
    harness
        .get_by_label("Toch onversleuteld samenvoegen")
        .click();
    harness.run_steps(1);
    wait_until(&mut harness, "the merge summary", |app| {
        app.dialog
            .as_ref()
            .is_some_and(|d| d.title == "Samengevoegd")
    });
    assert_eq!(value_4_1_1(harness.state()), JudgementValue::Onvoldoende);
    let (_, message) = dialog_text(harness.state()).unwrap();
    assert!(
        message.contains("staat er nu onversleuteld in"),
        "{message}"
    );
    harness.state_mut().dialog = None;
    close(&mut harness);
    assert!(matches!(store::detect(&mine).unwrap(), FileKind::Plain(_)));
}

/// The question about plain text comes only for a merge that can happen: an encrypted copy of
/// another onderzoek is refused with the merge's own reason, and nothing is asked.
#[test]
fn an_encrypted_copy_of_another_onderzoek_is_refused_without_the_plain_question() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("documenten");
    std::fs::create_dir_all(&dir).unwrap();
    let mine = dir.join("mijn.veldtoets");
    drop(veldtoets::demo::create_for(&mine, "vt-2016-stap2").unwrap());
    let other = dir.join("ander.veldtoets");
    encrypted_demo(&other, "vt-2016-stap2", "ander wachtwoord");
    let other_bytes = std::fs::read(&other).unwrap();
    let mut harness = support::open_file(root.path(), &mine);
    assert!(!harness.state().workspace().unwrap().encrypted());
    let before = value_4_1_1(harness.state());

    harness
        .state_mut()
        .command(Command::ChosenMany(FilePurpose::Merge, vec![other.clone()]));
    harness.run_steps(1);
    wait_until(&mut harness, "the passphrase dialog", prompt_shown);
    answer(&mut harness, "ander wachtwoord");
    wait_until(&mut harness, "the refusal", |app| {
        (app.dialog.is_some() || app.plain_merge.is_some()) && !app.jobs.is_busy()
    });
    assert!(
        harness.state().plain_merge.is_none(),
        "asked about plain text for a merge that cannot happen"
    );
    let (title, message) = dialog_text(harness.state()).unwrap();
    assert_eq!(title, "Niet samengevoegd");
    assert!(
        message.contains("hoort bij een ander onderzoek"),
        "{message}"
    );
    assert!(message.contains("niet gewijzigd"), "{message}");
    assert!(!harness.state().jobs.is_busy());
    assert_eq!(value_4_1_1(harness.state()), before, "nothing merged");
    assert_eq!(
        std::fs::read(&other).unwrap(),
        other_bytes,
        "the copy changed"
    );
}

#[test]
fn exports_of_an_encrypted_file_say_they_are_not_encrypted() {
    let root = tempfile::tempdir().unwrap();
    let secret = root.path().join("geheim.veldtoets");
    encrypted_demo(&secret, "vt-2016-stap2", "rapport wachtwoord");
    let plain = root.path().join("open.veldtoets");
    drop(veldtoets::demo::create_for(&plain, "vt-2016-stap2").unwrap());
    let warning = "Let op: dit bestand is niet versleuteld.";

    let export = |harness: &mut Harness<'_, App>, pdf: &Path| -> (String, String) {
        harness.state_mut().command(Command::Chosen(
            FilePurpose::ExportPdf { concept: true },
            pdf.to_path_buf(),
        ));
        harness.run_steps(1);
        wait_until(harness, "the export", |app| {
            app.dialog.is_some() && !app.jobs.is_busy()
        });
        let text = dialog_text(harness.state()).unwrap();
        harness.state_mut().dialog = None;
        harness.run_steps(1);
        text
    };

    let mut harness = open_encrypted(root.path(), &secret, "rapport wachtwoord");
    let pdf = root.path().join("concept-geheim.pdf");
    let (title, message) = export(&mut harness, &pdf);
    assert_eq!(title, "Conceptrapport opgeslagen", "{message}");
    assert!(message.contains(warning), "{message}");
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
    close(&mut harness);

    // A plain inspection: the message as it was.
    let mut harness = support::open_file(root.path(), &plain);
    let pdf = root.path().join("concept-open.pdf");
    let (title, message) = export(&mut harness, &pdf);
    assert_eq!(title, "Conceptrapport opgeslagen", "{message}");
    assert!(!message.contains("versleuteld"), "{message}");
}

#[test]
fn the_landelijk_overzicht_asks_each_passphrase_once_and_its_pdf_warns() {
    let root = tempfile::tempdir().unwrap();
    let a = root.path().join("a.veldtoets");
    let b = root.path().join("b.veldtoets");
    let c = root.path().join("c.veldtoets");
    encrypted_demo(&a, "vt-2024-tijdigheid", "landelijk");
    encrypted_demo(&b, "vt-2024-tijdigheid", "landelijk");
    drop(veldtoets::demo::create_for(&c, "vt-2024-tijdigheid").unwrap());
    let before = [std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap()];
    let mut app = bare_app(root.path());
    app.open_exports = false;
    app.build_overzicht(vec![a.clone(), b.clone(), c.clone()]);
    let mut harness = support::harness_sized(app, egui::vec2(1366.0, 768.0));
    wait_until(&mut harness, "the passphrase dialog", prompt_shown);
    assert_eq!(harness.state().prompt.as_ref().unwrap().path, a);
    answer(&mut harness, "verkeerd");
    wait_until(&mut harness, "the dialog again", |app| {
        prompt_shown(app) && app.prompt.as_ref().is_some_and(|p| p.wrong)
    });
    assert_eq!(harness.state().prompt.as_ref().unwrap().path, a);
    answer(&mut harness, "landelijk");
    // b shares the passphrase: not asked again.
    let start = Instant::now();
    while !matches!(&harness.state().view, View::Start(s) if s.overzicht.is_some()) {
        assert!(harness.state().prompt.is_none(), "asked twice");
        assert!(
            harness.state().dialog.is_none(),
            "{:?}",
            dialog_text(harness.state())
        );
        assert!(start.elapsed() < Duration::from_secs(30), "no overzicht");
        std::thread::sleep(Duration::from_millis(10));
        harness.step();
    }
    harness.run_steps(2);
    harness.get_by_label("Rangorde van de organisaties");
    harness.get_by_label_contains("een PDF van dit overzicht wordt niet versleuteld");

    let pdf = root.path().join("overzicht.pdf");
    harness.state_mut().export_overzicht(pdf.clone());
    wait_until(&mut harness, "the PDF", |app| {
        app.dialog.is_some() && !app.jobs.is_busy()
    });
    let (title, message) = dialog_text(harness.state()).unwrap();
    assert_eq!(title, "Landelijk overzicht opgeslagen", "{message}");
    assert!(
        message.contains("Let op: dit bestand is niet versleuteld."),
        "{message}"
    );
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
    assert_eq!(std::fs::read(&a).unwrap(), before[0], "only read");
    assert_eq!(std::fs::read(&b).unwrap(), before[1], "only read");
}
