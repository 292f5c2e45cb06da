//! Shared helpers of the GUI tests (`tests/suite/gui*.rs`), which drive the desktop app headless with
//! egui_kittest (no GPU, no display): the app under a temporary root, a harness around it,
//! stepping until background work is done, and the usual ways into an inspection (the demo, a
//! new one, a file). Widgets are found by their accessible names, as a screen reader would.
//!
//! ```ignore
//! use crate::support::{demo, wait_until};
//!
//! let root = tempfile::tempdir().unwrap();
//! let mut harness = demo(root.path());
//! ```

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use eframe::egui::{self, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use veldtoets::domain::inspection::Stamp;
use veldtoets::kader_io;
use veldtoets::store::Store;
use veldtoets::ui::app::App;
use veldtoets::ui::prefs::AppDirs;
use veldtoets::ui::worker::Waker;

/// Background work needs no wake-up here: the tests step the UI themselves.
pub struct NoWaker;

impl Waker for NoWaker {
    fn wake(&self) {}
}

/// The window size of most tests.
pub const SIZE: egui::Vec2 = egui::vec2(1280.0, 900.0);

/// How long [`wait_until`] waits for background work.
pub const WAIT: Duration = Duration::from_secs(20);

/// The app with its folders under `root` (the documents folder made), as it starts: no name,
/// exports opened after writing.
pub fn bare_app(root: &Path) -> App {
    let dirs = AppDirs::under(root);
    std::fs::create_dir_all(&dirs.documents).unwrap();
    App::new(dirs, Arc::new(NoWaker))
}

/// The app under `root` with the inspector's name known ("E. Voorbeeld") and no viewer started
/// for an export.
pub fn app(root: &Path) -> App {
    let mut app = bare_app(root);
    app.prefs.inspecteur = "E. Voorbeeld".into();
    app.open_exports = false;
    app
}

/// A harness around `app` in a window of [`SIZE`].
pub fn harness(app: App) -> Harness<'static, App> {
    harness_sized(app, SIZE)
}

/// A harness around `app` in a window of `size`.
pub fn harness_sized(app: App, size: egui::Vec2) -> Harness<'static, App> {
    Harness::builder()
        .with_size(size)
        .build_ui_state(|ui, app: &mut App| app.show(ui), app)
}

/// Steps the UI until `done` holds (background work runs on threads), or fails after [`WAIT`].
pub fn wait_until(harness: &mut Harness<'_, App>, what: &str, done: impl Fn(&App) -> bool) {
    wait_until_within(harness, WAIT, what, done);
}

/// Steps the UI until `done` holds, or fails after `limit`; then three more steps.
pub fn wait_until_within(
    harness: &mut Harness<'_, App>,
    limit: Duration,
    what: &str,
    done: impl Fn(&App) -> bool,
) {
    let start = Instant::now();
    while !done(harness.state()) {
        assert!(start.elapsed() < limit, "timed out waiting for: {what}");
        std::thread::sleep(Duration::from_millis(10));
        harness.step();
    }
    harness.run_steps(3);
}

/// Clicks "Demo-onderzoek" on the start screen and waits for the demo inspection to open;
/// returns its path.
pub fn open_demo(harness: &mut Harness<'_, App>) -> PathBuf {
    harness.get_by_label("Demo-onderzoek").click();
    harness.run_steps(2);
    wait_until(harness, "the demo inspection to open", |app| {
        app.workspace().is_some()
    });
    harness.state().workspace().unwrap().path.clone()
}

/// The demo inspection, opened from the start screen (see [`open_demo`]).
pub fn demo(root: &Path) -> Harness<'static, App> {
    let mut harness = harness(app(root));
    harness.run_steps(2);
    open_demo(&mut harness);
    harness
}

/// `path` opened in the app.
pub fn open_file(root: &Path, path: &Path) -> Harness<'static, App> {
    let mut app = app(root);
    app.open(path.to_path_buf());
    let mut harness = harness(app);
    wait_until(&mut harness, "the file to open", |app| {
        app.workspace().is_some()
    });
    harness
}

/// A new, empty onderzoek on the stap 2 kader (`nieuw.veldtoets` under `root`), opened.
pub fn fresh(root: &Path) -> Harness<'static, App> {
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

/// Closes the inspection: the app closes once every edit is on disk (the store thread confirms).
pub fn close(harness: &mut Harness<'_, App>) {
    harness.get_by_label("Sluiten").click();
    harness.run_steps(1);
    wait_until(harness, "the inspection to close", |app| {
        app.workspace().is_none()
    });
}

/// Selects everything in the field `label` and types `text` over it.
pub fn type_into(harness: &mut Harness<'_, App>, label: &str, text: &str) {
    harness.get_by_label(label).focus();
    harness.run_steps(1);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.get_by_label(label).type_text(text);
    harness.run_steps(1);
}
