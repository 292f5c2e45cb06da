//! The in-app file chooser when saving a rapport, driven headless with egui_kittest: a typed
//! relative name lands in the folder shown with `.pdf` added, an existing file is only replaced
//! after "Bestaat al. Vervangen?", and an inspection file is refused with a visible message.

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use eframe::egui::{self, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use veldtoets::ui::app::App;
use veldtoets::ui::prefs::AppDirs;
use veldtoets::ui::worker::Waker;

struct NoWaker;

impl Waker for NoWaker {
    fn wake(&self) {}
}

fn harness(root: &Path) -> Harness<'static, App> {
    let dirs = AppDirs::under(root);
    std::fs::create_dir_all(&dirs.documents).unwrap();
    let mut app = App::new(dirs, Arc::new(NoWaker));
    app.prefs.inspecteur = "E. Voorbeeld".into();
    app.open_exports = false;
    Harness::builder()
        .with_size(egui::vec2(1280.0, 900.0))
        .build_ui_state(|ui, app: &mut App| app.show(ui), app)
}

fn wait_until(harness: &mut Harness<'_, App>, what: &str, done: impl Fn(&App) -> bool) {
    let start = Instant::now();
    while !done(harness.state()) {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "timed out waiting for: {what}"
        );
        std::thread::sleep(Duration::from_millis(10));
        harness.run_steps(1);
    }
}

fn type_path(harness: &mut Harness<'_, App>, text: &str) {
    harness.get_by_label("Pad:").focus();
    harness.run_steps(1);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.get_by_label("Pad:").type_text(text);
    harness.run_steps(1);
    harness.key_press(Key::Enter);
    harness.run_steps(2);
}

fn open_pdf_chooser(harness: &mut Harness<'_, App>) {
    harness.get_by_label("Rapport…").click();
    harness.run_steps(2);
    harness
        .get_by_label("Conceptrapport (PDF) voor hoor en wederhoor…")
        .click();
    harness.run_steps(3);
    assert!(harness.state().chooser.is_some(), "the chooser is open");
}

#[test]
fn saving_a_rapport_resolves_names_asks_before_replacing_and_refuses_inspections() {
    let root = tempfile::tempdir().unwrap();
    let mut harness = harness(root.path());
    harness.run_steps(2);
    harness.get_by_label("Demo-onderzoek").click();
    harness.run_steps(2);
    wait_until(&mut harness, "the demo inspection to open", |app| {
        app.workspace().is_some()
    });
    let inspection = harness.state().workspace().unwrap().path.clone();

    // An inspection file is refused as the PDF target, visibly, and stays as it was.
    open_pdf_chooser(&mut harness);
    let before = std::fs::read(&inspection).unwrap();
    type_path(&mut harness, &inspection.display().to_string());
    harness.get_by_label_contains("is een onderzoeksbestand");
    assert!(harness.state().chooser.is_some(), "still choosing");
    assert_eq!(std::fs::read(&inspection).unwrap(), before);

    // A relative name without extension means NAME.pdf in the folder shown; it exists, so the
    // chooser asks first and nothing is written until "Vervangen".
    let folder = harness.state().chooser.as_ref().unwrap().dir.clone();
    let old = folder.join("oud.pdf");
    std::fs::write(&old, b"een ouder rapport").unwrap();
    type_path(&mut harness, "oud");
    harness.get_by_label_contains("bestaat al. Vervangen?");
    harness.run_steps(2);
    assert_eq!(std::fs::read(&old).unwrap(), b"een ouder rapport");
    harness.get_by_label("Niet vervangen").click();
    harness.run_steps(2);
    assert!(harness.query_by_label_contains("Vervangen?").is_none());
    assert!(harness.state().chooser.is_some(), "still choosing");
    type_path(&mut harness, "oud");
    harness.get_by_label("Vervangen").click();
    harness.run_steps(2);
    wait_until(&mut harness, "the rapport to be written", |app| {
        app.dialog.is_some()
    });
    assert!(std::fs::read(&old).unwrap().starts_with(b"%PDF"));
    assert!(!folder.join("oud").exists());
}
