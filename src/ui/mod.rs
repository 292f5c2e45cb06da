//! The desktop app (eframe/egui): the only module that knows egui.
//!
//! - [`app`]: the dispatcher (poll background work, draw, apply commands).
//! - [`commands`]: what screens ask for (the command bus); applied after drawing.
//! - [`edit`]: an edit as field-level changes, made against the model when applied.
//! - [`workspace`]: one open inspection: model, store thread, drafts, what every screen needs.
//! - [`worker`]: background jobs and the store thread; the UI never waits on the disk.
//! - [`prefs`]: UI preferences, apart from inspection data.
//! - [`screens`]: one module per screen, each with its own UI state; [`widgets`] and
//!   [`theme`] are shared.
//! - [`types`]: the small types every part shares (a leaf: it imports no other module of `ui`).
//!
//! The modules import each other one way only (`tests/suite/tidy.rs` fails on a cycle): `types` and
//! `edit` at the bottom, then `worker`, `workspace`, `commands`, `widgets`, the screens, and
//! `app` on top.

pub mod app;
pub mod commands;
pub mod edit;
pub mod prefs;
pub mod screens;
pub mod shortcuts;
pub mod theme;
pub mod types;
pub mod widgets;
pub mod worker;
pub mod workspace;

use std::path::PathBuf;
use std::sync::Arc;

/// Opens the main window (on the start screen, or opening `file`) and runs until it is closed.
pub fn run(file: Option<PathBuf>) -> anyhow::Result<()> {
    let started = std::time::Instant::now();
    let exit_after_first_frame = std::env::var_os("VELDTOETS_FIRST_FRAME_EXIT").is_some();
    let options = eframe::NativeOptions {
        viewport: eframe::egui::ViewportBuilder::default()
            .with_title("veldtoets")
            .with_app_id("veldtoets")
            .with_inner_size([1180.0, 780.0])
            .with_min_inner_size([760.0, 520.0]),
        ..Default::default()
    };
    eframe::run_native(
        "veldtoets",
        options,
        Box::new(move |cc| {
            let dark = prefs::Prefs::load(&prefs::AppDirs::system()).dark;
            theme::apply(&cc.egui_ctx, dark);
            let waker: Arc<dyn worker::Waker> = Arc::new(cc.egui_ctx.clone());
            let mut app = app::App::new(prefs::AppDirs::system(), waker);
            if let Some(file) = file {
                app.open(file);
            }
            let ctx = cc.egui_ctx.clone();
            app.on_first_frame = Some(Box::new(move || {
                if exit_after_first_frame {
                    // For the startup benchmark: report and close.
                    println!(
                        "first-frame-ms {:.1}",
                        started.elapsed().as_secs_f64() * 1000.0
                    );
                    ctx.send_viewport_cmd(eframe::egui::ViewportCommand::Close);
                }
            }));
            Ok(Box::new(app))
        }),
    )
    .map_err(|e| anyhow::anyhow!("het venster kon niet worden geopend: {e}"))
}
