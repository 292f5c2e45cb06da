//! Honest states on screen (issue 9, item 9), driven headless with egui_kittest: a brand-new
//! inspection shows "nog geen oordeel" with its progress, not a green verdict; a dossier whose
//! termijnen cannot be computed says so, never "binnen termijn".

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use eframe::egui::{self, Key};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use veldtoets::domain::inspection::Stamp;
use veldtoets::kader_io;
use veldtoets::store::Store;
use veldtoets::ui::app::App;
use veldtoets::ui::commands::Screen;
use veldtoets::ui::prefs::AppDirs;
use veldtoets::ui::worker::Waker;

struct NoWaker;

impl Waker for NoWaker {
    fn wake(&self) {}
}

fn app(root: &Path) -> App {
    let dirs = AppDirs::under(root);
    std::fs::create_dir_all(&dirs.documents).unwrap();
    let mut app = App::new(dirs, Arc::new(NoWaker));
    app.prefs.inspecteur = "E. Voorbeeld".into();
    app.open_exports = false;
    app
}

fn harness(app: App) -> Harness<'static, App> {
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
        harness.step();
    }
    harness.run_steps(3);
}

/// A brand-new stap 2 inspection, opened in the app.
fn fresh(root: &Path) -> Harness<'static, App> {
    let file = root.join("nieuw.veldtoets");
    let framework = kader_io::builtin("vt-2016-stap2").unwrap();
    let (store, _) = Store::create(
        &file,
        framework,
        "Veilig Thuis Nieuw",
        "E. Voorbeeld",
        Stamp::now(),
    )
    .unwrap();
    drop(store);
    let mut app = app(root);
    app.open(file);
    let mut harness = harness(app);
    wait_until(&mut harness, "the new inspection to open", |app| {
        app.workspace().is_some()
    });
    harness
}

#[test]
fn a_new_inspection_shows_no_oordeel_yet_with_its_progress() {
    let root = tempfile::tempdir().unwrap();
    let mut harness = fresh(root.path());
    assert_eq!(
        harness.state().workspace().unwrap().screen,
        Screen::Overzicht
    );
    harness.get_by_label("nog geen oordeel");
    harness.get_by_label_contains("0 van 30 verwachtingen beoordeeld");
    assert!(
        harness.query_by_label_contains("VOLDOENDE").is_none(),
        "a new inspection shows a verdict"
    );
    assert!(harness.query_by_label_contains("(voorlopig)").is_none());
    harness.run_steps(1);
}

#[test]
fn a_dossier_without_dates_is_not_shown_within_term() {
    let root = tempfile::tempdir().unwrap();
    let mut harness = fresh(root.path());
    harness.key_press(Key::F4);
    harness.run_steps(2);
    assert_eq!(
        harness.state().workspace().unwrap().screen,
        Screen::Dossiers
    );
    harness.get_by_label("Dossiernummer (pseudoniem):").focus();
    harness.run_steps(1);
    harness
        .get_by_label("Dossiernummer (pseudoniem):")
        .type_text("VTN-1");
    harness.get_by_label("Dossier toevoegen").click();
    harness.run_steps(3);
    harness.get_by_label_contains("termijnen onbekend");
    assert!(
        harness.query_by_label_contains("binnen termijn").is_none(),
        "a dossier without dates is shown within term"
    );
}
