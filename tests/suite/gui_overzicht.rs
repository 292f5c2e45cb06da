//! The landelijk overzicht in the app (issue 13, item 8), driven headless with egui_kittest:
//! several inspection files read on a worker, the ranking and the tijdigheid as tables a screen
//! reader can read, the PDF saved (never over one of the files), and back to the start screen.

use crate::support;

use std::path::Path;
use std::time::Duration;

use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use support::{bare_app, harness_sized, wait_until_within};
use veldtoets::ui::app::{App, View};

/// Steps the UI until `done` holds (the work runs on threads), or fails after 30 s.
fn wait_until(harness: &mut Harness<'_, App>, what: &str, done: impl Fn(&App) -> bool) {
    wait_until_within(harness, Duration::from_secs(30), what, done);
}

fn shown(app: &App) -> bool {
    matches!(&app.view, View::Start(s) if s.overzicht.is_some())
}

#[test]
fn the_landelijk_overzicht_reads_files_shows_tables_and_saves_the_pdf() {
    let root = tempfile::tempdir().unwrap();
    let a = root.path().join("a.veldtoets");
    let b = root.path().join("b.veldtoets");
    for path in [&a, &b] {
        drop(veldtoets::demo::create_for(path, "vt-2024-tijdigheid").unwrap());
    }
    let before = std::fs::read(&a).unwrap();
    let mut app = bare_app(root.path());
    app.open_exports = false;
    app.build_overzicht(vec![a.clone(), b.clone()]);
    let mut harness = harness_sized(app, egui::vec2(1366.0, 768.0));
    wait_until(&mut harness, "the overzicht", shown);

    harness.get_by_label("Rangorde van de organisaties");
    harness.get_by_label("Tijdigheid per organisatie");
    assert_eq!(
        harness
            .query_all_by_label("Veilig Thuis Dijkwaarde")
            .count(),
        4,
        "each organisation in both tables"
    );
    // The share against the norm, in words as well as colour.
    assert!(
        harness
            .query_all_by_label("81% (norm gehaald)")
            .next()
            .is_some()
    );
    assert!(
        harness
            .query_all_by_label("75% (onder de norm)")
            .next()
            .is_some()
    );
    harness.get_by_label_contains("2 van 2 organisaties ≥ 80%");

    // Saved as PDF; not over one of its own files.
    let pdf = root.path().join("overzicht.pdf");
    harness.state_mut().export_overzicht(pdf.clone());
    wait_until(&mut harness, "the PDF", |app| !app.jobs.is_busy());
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
    harness.state_mut().export_overzicht(a.clone());
    wait_until(&mut harness, "the refusal", |app| !app.jobs.is_busy());
    let dialog = harness.state().dialog.as_ref().expect("a refusal");
    assert!(
        dialog.title.contains("niet opgeslagen"),
        "{}: {}",
        dialog.title,
        dialog.message
    );
    assert_eq!(std::fs::read(&a).unwrap(), before, "the file is only read");
    assert!(!Path::new(&format!("{}-wal", a.display())).exists());

    harness.state_mut().dialog = None;
    harness.run_steps(2);
    harness.get_by_label("Terug naar het startscherm").click();
    harness.run_steps(3);
    assert!(!shown(harness.state()));
    harness.get_by_label("Landelijk overzicht…");
}

/// Beside the verwachting (F6) the figure a norm ties to it, the norm and the oordeel it
/// suggests, in words; the oordeel itself stays the inspecteur's.
#[test]
fn the_norm_and_its_suggestion_are_shown_beside_the_verwachting() {
    let root = tempfile::tempdir().unwrap();
    let path = root.path().join("dijkwaarde.veldtoets");
    drop(veldtoets::demo::create_for(&path, "vt-2024-tijdigheid").unwrap());
    let mut app = bare_app(root.path());
    app.prefs.inspecteur = "E. Voorbeeld".into();
    app.open(path);
    let mut harness = harness_sized(app, egui::vec2(1366.0, 768.0));
    wait_until(&mut harness, "the demo to open", |app| {
        app.workspace().is_some()
    });
    harness.key_press(egui::Key::F6);
    harness.run_steps(3);
    harness.get_by_label_contains(
        "Norm — Veiligheidsbeoordeling binnen vijf dagen na ontvangst van de melding: 81% (norm minimaal 80%): norm gehaald, suggestie voldoende",
    );
    // The basis under the norm, and the termijn among the evidence.
    assert_eq!(
        harness
            .query_all_by_label_contains("13 van 16 dossiers binnen termijn")
            .count(),
        2
    );
    harness.get_by_label("Een suggestie uit het cijfer; het oordeel is aan u.");
}

/// A kader whose eindoordeel the inspecteurs choose (the risicoscan): the app's ranking shows
/// the chosen category and, for a file without a choice, says none is chosen — no columns of
/// verwachtingen voldoende or onvoldoende that this kader does not count.
#[test]
fn a_kader_with_a_chosen_eindoordeel_is_ranked_by_the_choice_in_the_app() {
    let root = tempfile::tempdir().unwrap();
    let demo = root.path().join("demo.veldtoets");
    drop(veldtoets::demo::create_for(&demo, "vng-2016-risicoscan").unwrap());
    let fresh = root.path().join("nieuw.veldtoets");
    {
        let fw = veldtoets::kader_io::builtin("vng-2016-risicoscan").unwrap();
        let (store, _) = veldtoets::store::Store::create(
            &fresh,
            fw,
            "Veilig Thuis Nieuwland",
            "E. Voorbeeld",
            veldtoets::domain::inspection::Stamp::now(),
        )
        .unwrap();
        drop(store);
    }
    let mut app = bare_app(root.path());
    app.build_overzicht(vec![demo, fresh]);
    let mut harness = harness_sized(app, egui::vec2(1366.0, 768.0));
    wait_until(&mut harness, "the overzicht", shown);
    harness.get_by_label("Rangorde van de organisaties");
    assert!(
        harness
            .query_all_by_label_contains("Basis op orde maar potentieel kwetsbaar")
            .next()
            .is_some()
    );
    harness.get_by_label("nog geen eindoordeel gekozen");
    assert!(harness.query_by_label("Voldoende").is_none());
    assert!(harness.query_by_label("Onvoldoende").is_none());
}
