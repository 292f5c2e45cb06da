//! The desktop app driven headless with egui_kittest (no GPU, no display): widgets are found by
//! their accessible names, as a screen reader would.

use crate::support;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use eframe::egui::{self, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use support::{app, close, fresh, harness, open_demo, open_file, type_into, wait_until};
use veldtoets::domain::DateKind;
use veldtoets::domain::inspection::Stamp;
use veldtoets::domain::judgement::JudgementValue;
use veldtoets::kader_io;
use veldtoets::store::Store;
use veldtoets::ui::app::{App, View};
use veldtoets::ui::commands::{Command, Screen};
use veldtoets::ui::screens::inspection::Screens;

/// Types `text` into the in-app chooser's path field and presses Enter.
fn choose_path(harness: &mut Harness<'_, App>, path: &Path) {
    harness.get_by_label("Pad:").focus();
    harness.run_steps(1);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness
        .get_by_label("Pad:")
        .type_text(&path.display().to_string());
    harness.run_steps(1);
    harness.key_press(Key::Enter);
    harness.run_steps(2);
}

/// The screens' own state (selection, dialogs) of the open inspection.
fn screens<'a>(harness: &'a Harness<'_, App>) -> &'a Screens {
    harness.state().screens().unwrap()
}

#[test]
fn set_an_oordeel_on_1_3_1_and_see_the_eindoordeel_change() {
    let root = tempfile::tempdir().unwrap();
    let mut harness = harness(app(root.path()));
    harness.run_steps(2);
    let path = open_demo(&mut harness);
    // The overview shows the demo's eindoordeel (and the header of every screen does).
    harness.get_by_label("MATIG");
    harness.get_by_label("Eindoordeel: MATIG");

    // Go to 1.3.1 from the overview, set onvoldoende with an onderbouwing.
    harness
        .get_by_label("1.3.1, oordeel voldoende")
        .click_accesskit();
    harness.run_steps(2);
    assert_eq!(
        harness.state().screens().unwrap().current,
        Screen::Verwachtingen
    );
    let before = harness.state().workspace().unwrap().derived.score.clone();
    assert_eq!(before.deductions, 9);

    let field = harness.get_by_label("Onderbouwing (komt in het rapport)");
    field.focus();
    harness.run_steps(1);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness
        .get_by_label("Onderbouwing (komt in het rapport)")
        .type_text("In 5 van de 12 dossiers ontbreekt een veiligheidsplan.");
    harness.run_steps(1);
    harness.get_by_label("onvoldoende").click_accesskit();
    harness.run_steps(3);

    let ws = harness.state().workspace().unwrap();
    let after = &ws.derived.score;
    assert_eq!(after.deductions, 10, "{}", after.rule);
    assert_eq!(after.not_met, before.not_met + 1);
    let oordeel = ws.inspection.oordeel("1.3.1").unwrap();
    assert_eq!(oordeel.data.value, JudgementValue::Onvoldoende);
    assert_eq!(
        oordeel.data.onderbouwing,
        "In 5 van de 12 dossiers ontbreekt een veiligheidsplan."
    );

    // The overview panel shows the new figures.
    harness.key_press(Key::F1);
    harness.run_steps(2);
    harness.get_by_label("21 voldoende · 9 onvoldoende · 0 niet beoordeeld · 10 aftrekpunten");

    // And the file holds it once the app lets go of it.
    close(&mut harness);
    let (_, inspection, _) = Store::open(&path).unwrap();
    let stored = inspection.oordeel("1.3.1").unwrap();
    assert_eq!(stored.data.value, JudgementValue::Onvoldoende);
    assert!(stored.data.onderbouwing.contains("veiligheidsplan"));
    assert_eq!(
        inspection.inspector_name(stored.meta.author),
        "E. Voorbeeld"
    );
}

#[test]
fn log_a_flitsinterview_with_the_keyboard_only() {
    let root = tempfile::tempdir().unwrap();
    let mut harness = harness(app(root.path()));
    harness.run_steps(2);
    let path = open_demo(&mut harness);
    let before = harness
        .state()
        .workspace()
        .unwrap()
        .inspection
        .flashes
        .current()
        .count();

    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::F);
    harness.run_steps(3);
    assert!(harness.state().screens().unwrap().flash.open);
    harness.event(egui::Event::Text("medewerker frontoffice".into()));
    harness.run_steps(1);
    harness.key_press(Key::Tab);
    harness.run_steps(1);
    harness.event(egui::Event::Text(
        "Direct overleg met de achterwacht".into(),
    ));
    harness.run_steps(1);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    harness.run_steps(3);

    assert!(!screens(&harness).flash.open, "Ctrl+Enter saves and closes");
    let ws = harness.state().workspace().unwrap();
    let flashes: Vec<_> = ws.inspection.flashes.current().collect();
    assert_eq!(flashes.len(), before + 1);
    let logged = flashes
        .iter()
        .find(|f| f.data.functie == "medewerker frontoffice")
        .expect("the new flitsinterview");
    let first_question = &ws.inspection.framework.sources.flash_questions[0].id;
    assert_eq!(
        logged
            .data
            .antwoorden
            .get(first_question)
            .map(String::as_str),
        Some("Direct overleg met de achterwacht")
    );
    close(&mut harness);
    let (_, inspection, _) = Store::open(&path).unwrap();
    assert_eq!(inspection.flashes.current().count(), before + 1);
}

#[test]
fn dossier_dates_that_miss_the_5_day_term_are_flagged() {
    let root = tempfile::tempdir().unwrap();
    let mut harness = harness(app(root.path()));
    harness.run_steps(2);
    open_demo(&mut harness);
    harness.key_press(Key::F4);
    harness.run_steps(2);
    assert_eq!(harness.state().screens().unwrap().current, Screen::Dossiers);

    harness.get_by_label("Dossiernummer (pseudoniem):").focus();
    harness.run_steps(1);
    harness
        .get_by_label("Dossiernummer (pseudoniem):")
        .type_text("VTG-TEST-1");
    harness.get_by_label("Dossier toevoegen").click();
    harness.run_steps(3);

    let set_date = |harness: &mut Harness<'_, App>, label: &str, text: &str| {
        harness.get_by_label(label).focus();
        harness.run_steps(1);
        harness.get_by_label(label).type_text(text);
        harness.run_steps(1);
        harness.key_press(Key::Tab);
        harness.run_steps(2);
    };
    // An impossible date is refused at the field, with the reason.
    set_date(&mut harness, "Melding ontvangen:", "31-02-2026");
    harness.get_by_label_contains("bestaat niet als datum");
    let id = screens(&harness).dossiers.selected.clone().unwrap();
    let ws = harness.state().workspace().unwrap();
    assert_eq!(
        ws.inspection
            .dossiers
            .get(&id)
            .unwrap()
            .data
            .dates
            .get(DateKind::MELDING_ONTVANGEN),
        None
    );

    // Correct it; the triage decision 8 days later misses the 5-day term by 3 days.
    harness.get_by_label("Melding ontvangen:").focus();
    harness.run_steps(1);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    set_date(&mut harness, "Melding ontvangen:", "02-03-2026");
    set_date(&mut harness, "Triagebesluit:", "10-03-2026");
    let ws = harness.state().workspace().unwrap();
    let dates = &ws.inspection.dossiers.get(&id).unwrap().data.dates;
    assert_eq!(
        dates.get(DateKind::MELDING_ONTVANGEN),
        Some("2026-03-02".parse().unwrap())
    );
    assert_eq!(
        dates.get(DateKind::TRIAGEBESLUIT),
        Some("2026-03-10".parse().unwrap())
    );
    harness.get_by_label_contains("triagebesluit: 3 d te laat");
    harness.get_by_label_contains("3 dagen te laat");
}

#[test]
fn open_a_file_through_the_in_app_chooser() {
    let root = tempfile::tempdir().unwrap();
    let app = app(root.path());
    let file = root.path().join("documenten/proef.veldtoets");
    veldtoets::demo::create(&file).unwrap();
    let mut harness = harness(app);
    harness.run_steps(2);
    harness.get_by_label("Openen…").click();
    harness.run_steps(3);
    harness.get_by_label("Pad:").focus();
    harness.run_steps(1);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness
        .get_by_label("Pad:")
        .type_text(&file.display().to_string());
    harness.run_steps(1);
    harness.key_press(Key::Enter);
    harness.run_steps(2);
    wait_until(&mut harness, "the chosen file to open", |app| {
        app.workspace().is_some()
    });
    assert_eq!(harness.state().workspace().unwrap().path, file);
    assert_eq!(harness.state().prefs.recent.first(), Some(&file));
}

#[test]
fn a_bad_file_gets_a_dialog_and_stays_untouched() {
    let root = tempfile::tempdir().unwrap();
    let bad = root.path().join("kapot.veldtoets");
    std::fs::write(&bad, "dit is geen onderzoek\n".repeat(40)).unwrap();
    let before = std::fs::read(&bad).unwrap();
    let mut app = app(root.path());
    app.open(bad.clone());
    let mut harness = harness(app);
    wait_until(&mut harness, "the error dialog", |app| app.dialog.is_some());
    harness.get_by_label_contains("geen veldtoets-bestand");
    harness.get_by_label("OK").click();
    harness.run_steps(2);
    assert!(harness.state().dialog.is_none());
    assert!(harness.state().workspace().is_none());
    assert_eq!(std::fs::read(&bad).unwrap(), before);
}

#[test]
fn export_the_conceptrapport_through_the_chooser() {
    let root = tempfile::tempdir().unwrap();
    let mut harness = harness(app(root.path()));
    harness.run_steps(2);
    open_demo(&mut harness);
    harness.get_by_label("Rapport…").click();
    harness.run_steps(2);
    harness
        .get_by_label("Conceptrapport (PDF) voor hoor en wederhoor…")
        .click();
    harness.run_steps(3);
    let out = root.path().join("concept.pdf");
    choose_path(&mut harness, &out);
    wait_until(&mut harness, "the rapport to be written", |app| {
        app.dialog.is_some()
    });
    harness.get_by_label_contains("Opgeslagen in");
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with(b"%PDF"), "a PDF was written");
    assert!(bytes.len() > 10_000);
}

/// A copy of `source` with one oordeel changed by another inspecteur, as a colleague's laptop.
fn colleague_copy(source: &Path, target: &Path, verwachting: &str, value: &str, why: &str) {
    std::fs::copy(source, target).unwrap();
    let (mut store, mut inspection, _) = Store::open(target).unwrap();
    let author = inspection.add_inspector("J. Proef");
    store.add_inspector(author, "J. Proef").unwrap();
    let data = veldtoets::domain::inspection::OordeelData::parse(
        &inspection.framework,
        verwachting,
        value,
        why.to_string(),
    )
    .unwrap();
    let change = inspection.change(
        verwachting,
        veldtoets::domain::inspection::Record::Oordeel(data),
        author,
        veldtoets::domain::inspection::Stamp::now(),
    );
    store.append(&change).unwrap();
}

#[test]
fn merge_a_colleagues_file_and_resolve_the_conflict() {
    let root = tempfile::tempdir().unwrap();
    let app = app(root.path());
    let mine = root.path().join("documenten/mijn.veldtoets");
    veldtoets::demo::create(&mine).unwrap();
    let theirs = root.path().join("documenten/collega.veldtoets");
    colleague_copy(
        &mine,
        &theirs,
        "4.1.1",
        "onvoldoende",
        "Geen keuze gemaakt volgens collega.",
    );

    let mut app = app;
    app.open(mine.clone());
    let mut harness = harness(app);
    wait_until(&mut harness, "my file to open", |app| {
        app.workspace().is_some()
    });

    // I change the same oordeel differently on my laptop.
    harness
        .get_by_label("4.1.1, oordeel voldoende")
        .click_accesskit();
    harness.run_steps(2);
    harness.get_by_label("niet beoordeeld").click_accesskit();
    harness.run_steps(2);

    harness.get_by_label("Samenvoegen…").click();
    harness.run_steps(3);
    choose_path(&mut harness, &theirs);
    harness.get_by_label("Samenvoegen").click();
    harness.run_steps(2);
    wait_until(&mut harness, "the merge summary", |app| {
        app.dialog
            .as_ref()
            .is_some_and(|d| d.title == "Samengevoegd")
    });
    harness.get_by_label_contains("1 conflict, nog niet opgelost: oordeel 4.1.1");
    harness.get_by_label("OK").click();
    harness.run_steps(2);
    {
        let ws = harness.state().workspace().unwrap();
        assert_eq!(ws.derived.conflicts, vec!["4.1.1".to_string()]);
        assert!(!ws.derived.score.complete, "a conflict is not scored");
    }

    // The Verwachtingen screen shows both versions and leads to the choice; choose the
    // colleague's version there and confirm.
    harness.key_press(Key::F6);
    harness.run_steps(2);
    harness.get_by_label("⚠ Twee versies — kies eerst");
    harness.get_by_label("Kies een versie…").click_accesskit();
    harness.run_steps(2);
    let choose = harness.query_all_by_label("Deze versie kiezen").count();
    assert_eq!(choose, 2);
    let theirs = version_of(&harness, Kind::Oordeel, "4.1.1", "J. Proef");
    harness
        .query_all_by_label("Deze versie kiezen")
        .nth(theirs)
        .unwrap()
        .click_accesskit();
    harness.run_steps(2);
    harness.get_by_label("Opslaan").click_accesskit();
    harness.run_steps(3);
    let ws = harness.state().workspace().unwrap();
    assert!(ws.derived.conflicts.is_empty());
    let current = ws.inspection.oordeel("4.1.1").unwrap();
    assert_eq!(
        current.meta.replaces.len(),
        2,
        "the resolution replaces both versions"
    );
    close(&mut harness);
    let (_, stored, _) = Store::open(&mine).unwrap();
    assert!(stored.conflicts().is_empty());
    assert_eq!(
        stored.oordelen.history("4.1.1").unwrap().revisions().len(),
        4
    );
}

/// The first verwachting the flitsvragen inform (the dialog shows its tag buttons).
fn first_flash_expectation(app: &App) -> String {
    app.workspace()
        .unwrap()
        .inspection
        .framework
        .sources
        .flash_questions[0]
        .expectations[0]
        .clone()
}

#[test]
fn ctrl_enter_saves_exactly_the_tags_the_dialog_shows() {
    let root = tempfile::tempdir().unwrap();
    let mut harness = harness(app(root.path()));
    harness.run_steps(2);
    open_demo(&mut harness);
    let e = first_flash_expectation(harness.state());
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::F);
    harness.run_steps(3);
    harness.event(egui::Event::Text("teamleider".into()));
    harness.run_steps(1);
    // Each verwachting has one tag for the whole conversation, shown once.
    assert_eq!(
        harness
            .query_all_by_label(&format!("{e} ondersteunt"))
            .count(),
        1
    );
    harness
        .get_by_label(&format!("{e} ondersteunt"))
        .click_accesskit();
    harness.run_steps(2);
    assert_eq!(
        screens(&harness).flash.tags.get(&e).copied(),
        Some(veldtoets::domain::inspection::Tag::Ondersteunt),
        "the click set the tag"
    );
    // Focus on the tag row, then Ctrl+Enter: it must save, not press a button.
    harness.get_by_label(&format!("Tag {e}")).focus();
    harness.run_steps(1);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    harness.run_steps(3);
    assert!(
        !screens(&harness).flash.open,
        "Ctrl+Enter saved and closed the dialog"
    );
    let ws = harness.state().workspace().unwrap();
    let saved = ws
        .inspection
        .flashes
        .current()
        .find(|f| f.data.functie == "teamleider")
        .expect("saved");
    assert_eq!(
        saved.data.tags.get(&e).copied(),
        Some(veldtoets::domain::inspection::Tag::Ondersteunt),
        "the tag the dialog showed"
    );
    assert_eq!(saved.data.tags.len(), 1);
}

#[test]
fn a_deleted_flitsinterview_comes_back_with_undo() {
    let root = tempfile::tempdir().unwrap();
    let mut harness = harness(app(root.path()));
    harness.run_steps(2);
    open_demo(&mut harness);
    harness.key_press(Key::F3);
    harness.run_steps(2);
    let count = |h: &Harness<'_, App>| {
        h.state()
            .workspace()
            .unwrap()
            .inspection
            .flashes
            .current()
            .count()
    };
    let before = count(&harness);
    harness
        .query_all_by_label("Verwijderen")
        .next()
        .expect("a delete button")
        .click();
    harness.run_steps(2);
    assert_eq!(count(&harness), before - 1);
    harness.get_by_label("Ongedaan maken").click();
    harness.run_steps(2);
    assert_eq!(count(&harness), before, "undone");
    let ws = harness.state().workspace().unwrap();
    assert!(ws.last_delete.is_none());
}

#[test]
fn a_refused_wachtlijst_input_stays_visible_and_is_not_called_saved() {
    let root = tempfile::tempdir().unwrap();
    let mut harness = harness(app(root.path()));
    harness.run_steps(2);
    open_demo(&mut harness);
    harness.get_by_label("Aantal wachtend").focus();
    harness.run_steps(1);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.get_by_label("Aantal wachtend").type_text("drie");
    harness.run_steps(1);
    // Leave the field, then leave the next field too: the refusal must stay.
    harness.key_press(Key::Tab);
    harness.run_steps(2);
    harness.key_press(Key::Tab);
    harness.run_steps(2);
    harness.get_by_label_contains("'drie' is geen aantal");
    harness.get_by_label_contains("ongeldige invoer is NIET opgeslagen");
    assert!(harness.query_by_label("opgeslagen").is_none());
}

#[test]
fn text_left_by_a_crash_is_restored_with_a_notice_and_then_saved() {
    let root = tempfile::tempdir().unwrap();
    let path = root.path().join("hersteld.veldtoets");
    veldtoets::demo::create(&path).unwrap();
    {
        let (mut store, inspection, _) = Store::open(&path).unwrap();
        let who = *inspection.inspectors.keys().next().unwrap();
        store
            .save_draft(
                "onderbouwing/1.1.1",
                "Getypt vlak voor de stroomstoring",
                who,
                jiff::Timestamp::now(),
            )
            .unwrap();
    }
    let mut app = app(root.path());
    app.open(path.clone());
    let mut harness = harness(app);
    wait_until(&mut harness, "the file to open", |app| {
        app.workspace().is_some()
    });
    let notice = harness
        .state()
        .workspace()
        .unwrap()
        .notice
        .clone()
        .unwrap_or_default();
    assert!(notice.contains("Hersteld na een onderbreking"), "{notice}");
    assert!(notice.contains("onderbouwing bij 1.1.1"), "{notice}");
    // The restored text becomes a revision on its own (the field's idle save).
    wait_until(&mut harness, "the restored text to be saved", |app| {
        app.workspace().is_some_and(|ws| {
            ws.inspection
                .oordeel("1.1.1")
                .is_some_and(|o| o.data.onderbouwing == "Getypt vlak voor de stroomstoring")
        })
    });
    close(&mut harness);
    let (_, inspection, _) = Store::open(&path).unwrap();
    assert!(inspection.drafts.is_empty(), "the draft is settled");
    assert_eq!(
        inspection.oordeel("1.1.1").unwrap().data.onderbouwing,
        "Getypt vlak voor de stroomstoring"
    );
}

#[test]
fn a_half_filled_new_inspection_form_survives_a_restart() {
    let root = tempfile::tempdir().unwrap();
    let mut first = harness(app(root.path()));
    first.run_steps(2);
    first.get_by_label("Nieuw onderzoek…").click();
    first.run_steps(2);
    first.get_by_label("Organisatie:").focus();
    first.run_steps(1);
    first
        .get_by_label("Organisatie:")
        .type_text("Veilig Thuis Voorbeeldregio");
    // The draft is written by its own thread at most every 250 ms.
    let file = root.path().join("config/concept-nieuw-onderzoek.json");
    let start = Instant::now();
    while !std::fs::read_to_string(&file).is_ok_and(|t| t.contains("Voorbeeldregio")) {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "the form was not kept"
        );
        std::thread::sleep(Duration::from_millis(20));
        first.step();
    }
    drop(first); // the app stops without creating the inspection

    let mut harness = harness(app(root.path()));
    harness.run_steps(2);
    harness.get_by_label_contains("Hersteld na een onderbreking");
    let View::Start(state) = &harness.state().view else {
        panic!("start screen")
    };
    assert_eq!(
        state.new_form.as_ref().unwrap().organisatie,
        "Veilig Thuis Voorbeeldregio"
    );
}

// ---------------------------------------------------------------------------------------------
// The in-app file chooser when saving a rapport: a typed relative name lands in the folder shown
// with `.pdf` added, an existing file is only replaced after "Bestaat al. Vervangen?", and an
// inspection file is refused with a visible message.

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
    let mut harness = harness(app(root.path()));
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

// ---------------------------------------------------------------------------------------------
// Honest states: a brand-new inspection shows "nog geen oordeel" with its progress, not a green
// verdict; a dossier whose termijnen cannot be computed says so, never "binnen termijn".

#[test]
fn a_new_inspection_shows_no_oordeel_yet_with_its_progress() {
    let root = tempfile::tempdir().unwrap();
    let mut harness = fresh(root.path());
    assert_eq!(
        harness.state().screens().unwrap().current,
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
    assert_eq!(harness.state().screens().unwrap().current, Screen::Dossiers);
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

// ---------------------------------------------------------------------------------------------
// Resolving is an explicit act (issue 10, item 4): two copies of one inspection, a dossiervraag
// answered ja (E. Voorbeeld) / nee (J. Proef) and oordeel 1.3.1 voldoende / onvoldoende, merged.
// The Conflicten screen lists both with their versions side by side; a key press on a conflicted
// item opens the choice instead of resolving it; "Deze versie kiezen" and a combined version
// resolve it with a revision that replaces both versions.

use veldtoets::domain::inspection::{CheckAnswer, CheckData, Kind, OordeelData, Record, Value};
use veldtoets::ui::edit::{Edit, RecordRef};

const CONFLICT_VRAAG: &str = "dos-1.1.1b";
const CONFLICT_OORDEEL: &str = "1.3.1";

/// Opens `path`, and as inspecteur `who` stores the dossiervraag answer and the oordeel.
fn diverge(path: &Path, who: &str, dossier: &str, antwoord: CheckAnswer, value: &str, why: &str) {
    let (mut store, mut inspection, _) = Store::open(path).unwrap();
    let author = inspection.add_inspector(who);
    store.add_inspector(author, who).unwrap();
    let check = inspection.change(
        &inspection.check_id(dossier, CONFLICT_VRAAG),
        Record::Check(CheckData {
            dossier: dossier.to_string(),
            vraag: CONFLICT_VRAAG.to_string(),
            antwoord,
            notitie: String::new(),
        }),
        author,
        Stamp::now(),
    );
    store.append(&check).unwrap();
    let data = OordeelData::parse(
        &inspection.framework,
        CONFLICT_OORDEEL,
        value,
        why.to_string(),
    )
    .unwrap();
    let oordeel = inspection.change(
        CONFLICT_OORDEEL,
        Record::Oordeel(data),
        author,
        Stamp::now(),
    );
    store.append(&oordeel).unwrap();
}

/// A merged file with two conflicts; returns its path and the dossier's id.
fn conflicted_file(root: &Path) -> (PathBuf, String) {
    let base = root.join("basis.veldtoets");
    let (store, inspection) = veldtoets::demo::create(&base).unwrap();
    drop(store);
    let dossier = inspection
        .dossier_list()
        .into_iter()
        .find(|d| {
            inspection
                .checks_of(&d.meta.entity)
                .contains_key(CONFLICT_VRAAG)
        })
        .expect("a demo dossier with an answer")
        .meta
        .entity
        .clone();
    let a = root.join("a.veldtoets");
    let b = root.join("b.veldtoets");
    std::fs::copy(&base, &a).unwrap();
    std::fs::copy(&base, &b).unwrap();
    diverge(
        &a,
        "E. Voorbeeld",
        &dossier,
        CheckAnswer::Ja,
        "voldoende",
        "Alle plannen zijn op orde.",
    );
    diverge(
        &b,
        "J. Proef",
        &dossier,
        CheckAnswer::Nee,
        "onvoldoende",
        "In drie dossiers ontbreekt een plan.",
    );
    let merged = root.join("documenten/samen.veldtoets");
    std::fs::create_dir_all(merged.parent().unwrap()).unwrap();
    veldtoets::store::merge(&merged, &[a.as_path(), b.as_path()], &mut |_| {}).unwrap();
    (merged, dossier)
}

fn open_conflicted(root: &Path) -> (Harness<'static, App>, PathBuf, String) {
    let (path, dossier) = conflicted_file(root);
    let mut app = app(root);
    app.open(path.clone());
    let mut harness = harness(app);
    wait_until(&mut harness, "the merged file to open", |app| {
        app.workspace().is_some()
    });
    (harness, path, dossier)
}

fn ws<'a>(harness: &'a Harness<'_, App>) -> &'a veldtoets::ui::workspace::Workspace {
    harness.state().workspace().unwrap()
}

/// Shows verwachting `id` on the Verwachtingen screen.
fn show_expectation(harness: &mut Harness<'_, App>, id: &str) {
    let index = ws(harness).inspection.framework.index_of(id).unwrap();
    let screens = harness.state_mut().screens_mut().unwrap();
    screens.expectation.index = index;
    screens.current = Screen::Verwachtingen;
    harness.run_steps(2);
}

/// The index (in the Conflicten screen's columns) of `who`'s version of a record.
fn version_of(harness: &Harness<'_, App>, kind: Kind, entity: &str, who: &str) -> usize {
    let ws = ws(harness);
    let conflict = ws.inspection.conflict_of(kind, entity).unwrap();
    conflict
        .versions
        .iter()
        .position(|v| ws.inspection.inspector_name(v.author) == who)
        .unwrap()
}

#[test]
fn a_key_press_on_a_conflicted_oordeel_opens_the_choice_and_a_chosen_version_resolves_it() {
    let root = tempfile::tempdir().unwrap();
    let (mut harness, path, _) = open_conflicted(root.path());

    // The navigation and the status bar show the conflicts, with the count.
    harness.get_by_label("Conflicten (2)");
    harness.get_by_label("⚠ 2 conflicten: kies welke versie geldt");

    // On the verwachting: no editor, the notice, and V opens the choice without resolving.
    show_expectation(&mut harness, CONFLICT_OORDEEL);
    harness.get_by_label("⚠ Twee versies — kies eerst");
    assert!(
        harness
            .query_by_label("Onderbouwing (komt in het rapport)")
            .is_none(),
        "no onderbouwing to type in while the oordeel has two versions"
    );
    let heads_before = ws(&harness)
        .inspection
        .heads(Kind::Oordeel, CONFLICT_OORDEEL);
    assert_eq!(heads_before.len(), 2);
    harness.key_press(Key::V);
    harness.run_steps(3);
    {
        let ws = ws(&harness);
        assert!(
            ws.inspection.is_conflicted(Kind::Oordeel, CONFLICT_OORDEEL),
            "V resolved the conflict"
        );
        assert_eq!(ws.edits, 0, "nothing was written");
        let screens = screens(&harness);
        assert_eq!(screens.current, Screen::Conflicten);
        assert_eq!(
            screens.conflicts.selected,
            Some((Kind::Oordeel, CONFLICT_OORDEEL.to_string()))
        );
    }

    // The versions side by side, with both inspecteurs.
    harness.get_by_label("Versie 1");
    harness.get_by_label("Versie 2");
    harness.get_by_label("E. Voorbeeld");
    harness.get_by_label("J. Proef");
    harness.get_by_label("Alle plannen zijn op orde.");
    harness.get_by_label("In drie dossiers ontbreekt een plan.");
    harness.get_by_label("◀ Terug naar Verwachtingen");

    // Choose J. Proef's version: first a sentence to confirm, then it is saved.
    let theirs = version_of(&harness, Kind::Oordeel, CONFLICT_OORDEEL, "J. Proef");
    harness
        .query_all_by_label("Deze versie kiezen")
        .nth(theirs)
        .unwrap()
        .click_accesskit();
    harness.run_steps(2);
    harness.get_by_label_contains("Oordeel 1.3.1 krijgt de versie van J. Proef");
    assert!(
        ws(&harness)
            .inspection
            .is_conflicted(Kind::Oordeel, CONFLICT_OORDEEL),
        "nothing is saved before the confirmation"
    );
    harness.get_by_label("Opslaan").click_accesskit();
    harness.run_steps(3);
    {
        let ws = ws(&harness);
        assert!(!ws.inspection.is_conflicted(Kind::Oordeel, CONFLICT_OORDEEL));
        let current = ws.inspection.oordeel(CONFLICT_OORDEEL).unwrap();
        assert_eq!(current.data.value, JudgementValue::Onvoldoende);
        assert_eq!(
            current.data.onderbouwing,
            "In drie dossiers ontbreekt een plan."
        );
        let mut replaces = current.meta.replaces.clone();
        replaces.sort();
        let mut heads = heads_before.clone();
        heads.sort();
        assert_eq!(replaces, heads, "the resolution replaces both versions");
        assert_eq!(
            ws.inspection.inspector_name(current.meta.author),
            "E. Voorbeeld"
        );
    }
    // Gone from the list; the other conflict is shown now.
    harness.get_by_label("Conflicten (1)");
    harness.get_by_label_contains("✔ Opgelost: oordeel 1.3.1");
    assert!(harness.query_by_label("oordeel 1.3.1").is_none());

    // Back on the verwachting, the oordeel can be edited again.
    harness
        .get_by_label("◀ Terug naar Verwachtingen")
        .click_accesskit();
    harness.run_steps(2);
    harness.get_by_label("Onderbouwing (komt in het rapport)");

    close(&mut harness);
    let (_, stored, _) = Store::open(&path).unwrap();
    assert!(!stored.is_conflicted(Kind::Oordeel, CONFLICT_OORDEEL));
    assert_eq!(
        stored.oordeel(CONFLICT_OORDEEL).unwrap().data.value,
        JudgementValue::Onvoldoende
    );
}

#[test]
fn a_combined_version_takes_the_selected_fields() {
    let root = tempfile::tempdir().unwrap();
    let (mut harness, _, _) = open_conflicted(root.path());
    let heads = ws(&harness)
        .inspection
        .heads(Kind::Oordeel, CONFLICT_OORDEEL);
    harness.get_by_label("Conflicten (2)").click_accesskit();
    harness.run_steps(2);
    harness.get_by_label("oordeel 1.3.1").click_accesskit();
    harness.run_steps(2);

    // The oordeel of J. Proef, the onderbouwing of E. Voorbeeld.
    harness
        .get_by_label_contains("oordeel: onvoldoende")
        .click_accesskit();
    harness.run_steps(1);
    harness
        .get_by_label("onderbouwing: Alle plannen zijn op orde. — E. Voorbeeld")
        .click_accesskit();
    harness.run_steps(1);
    harness.get_by_label_contains(
        "Resultaat: oordeel van J. Proef (onvoldoende), onderbouwing van E. Voorbeeld (Alle plannen zijn op orde)",
    );
    harness
        .get_by_label("Samengevoegde versie opslaan")
        .click_accesskit();
    harness.run_steps(2);
    harness.get_by_label_contains("krijgt een samengevoegde versie");
    harness.get_by_label("Opslaan").click_accesskit();
    harness.run_steps(3);

    let ws = ws(&harness);
    assert!(!ws.inspection.is_conflicted(Kind::Oordeel, CONFLICT_OORDEEL));
    let current = ws.inspection.oordeel(CONFLICT_OORDEEL).unwrap();
    assert_eq!(current.data.value, JudgementValue::Onvoldoende);
    assert_eq!(current.data.onderbouwing, "Alle plannen zijn op orde.");
    let mut replaces = current.meta.replaces.clone();
    replaces.sort();
    let mut heads = heads;
    heads.sort();
    assert_eq!(replaces, heads);
}

#[test]
fn a_conflicted_dossiervraag_is_not_edited_on_the_dossiers_screen() {
    let root = tempfile::tempdir().unwrap();
    let (mut harness, _, dossier) = open_conflicted(root.path());
    let check = ws(&harness).inspection.check_id(&dossier, CONFLICT_VRAAG);
    {
        let screens = harness.state_mut().screens_mut().unwrap();
        screens.current = Screen::Dossiers;
        screens.dossiers.selected = Some(dossier.clone());
    }
    harness.run_steps(2);
    // The answer buttons of the conflicted item are replaced by the notice and the versions.
    harness.get_by_label("⚠ Twee versies — kies eerst:");
    harness.get_by_label_contains("ja (E. Voorbeeld)");
    assert!(
        harness
            .query_by_label(&format!("{CONFLICT_VRAAG} ja"))
            .is_none(),
        "the answer buttons are there"
    );

    // An edit that reaches the workspace anyway is refused and opens the choice.
    harness.state_mut().command(Command::Edit(Edit::set(
        RecordRef::Check {
            dossier: dossier.clone(),
            vraag: CONFLICT_VRAAG.to_string(),
        },
        "antwoord",
        Value::Text(CheckAnswer::Nvt.as_str().to_string()),
    )));
    harness.run_steps(1);
    {
        let ws = ws(&harness);
        assert!(ws.inspection.is_conflicted(Kind::Check, &check));
        assert_eq!(ws.edits, 0);
        assert_eq!(screens(&harness).current, Screen::Conflicten);
    }
    harness.state_mut().screens_mut().unwrap().current = Screen::Dossiers;
    harness.run_steps(2);

    harness.get_by_label("Kies een versie…").click_accesskit();
    harness.run_steps(2);
    assert_eq!(screens(&harness).current, Screen::Conflicten);
    assert_eq!(
        screens(&harness).conflicts.selected,
        Some((Kind::Check, check.clone()))
    );
    let mine = version_of(&harness, Kind::Check, &check, "E. Voorbeeld");
    harness
        .query_all_by_label("Deze versie kiezen")
        .nth(mine)
        .unwrap()
        .click_accesskit();
    harness.run_steps(2);
    harness.get_by_label("Opslaan").click_accesskit();
    harness.run_steps(3);
    let ws = ws(&harness);
    assert!(!ws.inspection.is_conflicted(Kind::Check, &check));
    assert_eq!(
        ws.inspection.checks.get(&check).unwrap().data.antwoord,
        CheckAnswer::Ja
    );
    assert_eq!(ws.derived.record_conflicts.len(), 1);
}

// ---------------------------------------------------------------------------------------------
// Dubbele nummers: both inspectors added dossier VTG-DUBBEL-1 on their own laptop. After the
// merge the Conflicten screen shows both side by side, to merge (after showing what differs) or
// to give one another number.

use veldtoets::domain::inspection::DossierData;

const DUBBEL: &str = "VTG-DUBBEL-1";

fn add_dossier(path: &Path, who: &str, dates: &[(DateKind, &str)]) {
    let (mut store, mut inspection, _) = Store::open(path).unwrap();
    let author = inspection.add_inspector(who);
    store.add_inspector(author, who).unwrap();
    let mut data = DossierData {
        nummer: DUBBEL.to_string(),
        ..DossierData::default()
    };
    for (kind, date) in dates {
        data.dates.set(*kind, Some(date.parse().unwrap()));
    }
    let change = inspection.change(
        &uuid::Uuid::now_v7().to_string(),
        Record::Dossier(data),
        author,
        Stamp::now(),
    );
    store.append(&change).unwrap();
}

fn open_duplicates(root: &Path) -> Harness<'static, App> {
    let base = root.join("basis.veldtoets");
    drop(veldtoets::demo::create(&base).unwrap());
    let a = root.join("a.veldtoets");
    let b = root.join("b.veldtoets");
    std::fs::copy(&base, &a).unwrap();
    std::fs::copy(&base, &b).unwrap();
    add_dossier(
        &a,
        "E. Voorbeeld",
        &[(DateKind::MELDING_ONTVANGEN, "2026-03-02")],
    );
    add_dossier(
        &b,
        "J. Proef",
        &[
            (DateKind::MELDING_ONTVANGEN, "2026-03-03"),
            (DateKind::TRIAGEBESLUIT, "2026-03-05"),
        ],
    );
    let merged = root.join("documenten/samen.veldtoets");
    std::fs::create_dir_all(merged.parent().unwrap()).unwrap();
    veldtoets::store::merge(&merged, &[a.as_path(), b.as_path()], &mut |_| {}).unwrap();
    let mut app = app(root);
    app.open(merged);
    let mut harness = harness(app);
    wait_until(&mut harness, "the merged file to open", |app| {
        app.workspace().is_some()
    });
    harness
}

/// The position of `who`'s dossier in the group (the columns of the screen) and its id.
fn member_of(harness: &Harness<'_, App>, who: &str) -> (usize, String) {
    let ws = ws(harness);
    let group = &ws.derived.duplicates[0];
    group
        .entities
        .iter()
        .enumerate()
        .find(|(_, e)| {
            let first = &ws.inspection.dossiers.history(e).unwrap().revisions()[0];
            ws.inspection.inspector_name(first.meta.author) == who
        })
        .map(|(i, e)| (i, e.clone()))
        .unwrap()
}

fn dossiers_numbered(harness: &Harness<'_, App>, nummer: &str) -> Vec<DossierData> {
    ws(harness)
        .inspection
        .dossiers
        .current()
        .filter(|d| d.data.nummer == nummer)
        .map(|d| d.data.clone())
        .collect()
}

#[test]
fn a_duplicate_dossier_number_is_merged_after_showing_what_differs() {
    let root = tempfile::tempdir().unwrap();
    let mut harness = open_duplicates(root.path());
    assert_eq!(ws(&harness).derived.duplicates.len(), 1);
    harness.get_by_label("⚠ 1 dubbel nummer: kies wat geldt");
    harness.get_by_label("Conflicten (1)").click_accesskit();
    harness.run_steps(2);
    harness.get_by_label("Dubbele nummers");
    harness.get_by_label("aangemaakt door E. Voorbeeld");
    harness.get_by_label("aangemaakt door J. Proef");

    // Keep E. Voorbeeld's dossier; the dialog names what is lost before anything happens.
    let (mine, kept) = member_of(&harness, "E. Voorbeeld");
    harness
        .query_all_by_label("Samenvoegen")
        .nth(mine)
        .unwrap()
        .click_accesskit();
    harness.run_steps(2);
    harness.get_by_label_contains(
        "melding ontvangen: 02-03-2026 behouden, 03-03-2026 (J. Proef) vervalt",
    );
    assert_eq!(dossiers_numbered(&harness, DUBBEL).len(), 2);
    harness.get_by_label("Ja, samenvoegen").click_accesskit();
    harness.run_steps(3);

    let ws = ws(&harness);
    assert!(ws.derived.duplicates.is_empty());
    let left = dossiers_numbered(&harness, DUBBEL);
    assert_eq!(left.len(), 1);
    assert_eq!(
        left[0].dates.get(DateKind::MELDING_ONTVANGEN),
        Some("2026-03-02".parse().unwrap())
    );
    assert_eq!(
        left[0].dates.get(DateKind::TRIAGEBESLUIT),
        Some("2026-03-05".parse().unwrap()),
        "an empty field is filled from the other dossier"
    );
    assert!(ws.inspection.dossiers.get(&kept).is_some());
}

#[test]
fn a_duplicate_dossier_is_renumbered_with_enter() {
    let root = tempfile::tempdir().unwrap();
    let mut harness = open_duplicates(root.path());
    harness.key_press(Key::F7);
    harness.run_steps(2);
    assert_eq!(screens(&harness).current, Screen::Conflicten);
    let (theirs, id) = member_of(&harness, "J. Proef");
    harness
        .query_all_by_label("Hernummeren…")
        .nth(theirs)
        .unwrap()
        .click_accesskit();
    harness.run_steps(2);

    // A number in use is refused at the field; Enter saves nothing.
    harness.get_by_label("Nieuw nummer:").type_text(DUBBEL);
    harness.run_steps(1);
    harness.key_press(Key::Enter);
    harness.run_steps(2);
    harness.get_by_label_contains("is al in gebruik");
    assert_eq!(ws(&harness).derived.duplicates.len(), 1);

    harness.get_by_label("Nieuw nummer:").focus();
    harness.run_steps(1);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness
        .get_by_label("Nieuw nummer:")
        .type_text("VTG-DUBBEL-2");
    harness.run_steps(1);
    harness.key_press(Key::Enter);
    harness.run_steps(3);
    let ws = ws(&harness);
    assert!(ws.derived.duplicates.is_empty());
    assert_eq!(
        ws.inspection.dossiers.get(&id).unwrap().data.nummer,
        "VTG-DUBBEL-2"
    );
    assert_eq!(dossiers_numbered(&harness, DUBBEL).len(), 1);
}

#[test]
fn text_restored_on_a_conflicted_oordeel_stays_a_draft_and_resolves_nothing() {
    let root = tempfile::tempdir().unwrap();
    let (path, _) = conflicted_file(root.path());
    {
        let (mut store, inspection, _) = Store::open(&path).unwrap();
        let who = *inspection.inspectors.keys().next().unwrap();
        store
            .save_draft(
                &format!("onderbouwing/{CONFLICT_OORDEEL}"),
                "Getypt vlak voor de stroomstoring",
                who,
                jiff::Timestamp::now(),
            )
            .unwrap();
    }
    let mut app = app(root.path());
    app.open(path.clone());
    let mut harness = harness(app);
    wait_until(&mut harness, "the file to open", |app| {
        app.workspace().is_some()
    });
    // Longer than the idle save of a draft: it must not become a revision over both versions.
    let start = Instant::now();
    while start.elapsed() < Duration::from_millis(1600) {
        std::thread::sleep(Duration::from_millis(20));
        harness.step();
    }
    {
        let ws = ws(&harness);
        assert!(ws.inspection.is_conflicted(Kind::Oordeel, CONFLICT_OORDEEL));
        assert_eq!(ws.edits, 0);
    }
    close(&mut harness);
    let (_, stored, _) = Store::open(&path).unwrap();
    assert!(stored.is_conflicted(Kind::Oordeel, CONFLICT_OORDEEL));
    assert!(
        stored
            .drafts
            .iter()
            .any(|d| d.text == "Getypt vlak voor de stroomstoring"),
        "the typed text is kept as a draft"
    );
}

// ---------------------------------------------------------------------------------------------
// Every screen treats a record with two versions alike: no edit widgets, "Twee versies — kies
// eerst" with the way to the choice; and the Overzicht lists every conflict, of every kind.

/// As inspecteur `who`, gives the first interview, the first flitsinterview, the first requested
/// document and the wachtlijst a note of their own.
fn diverge_sources(path: &Path, who: &str) {
    let (mut store, mut inspection, _) = Store::open(path).unwrap();
    let author = inspection.add_inspector(who);
    store.add_inspector(author, who).unwrap();
    let note = format!("Genoteerd door {who}.");
    let interview = inspection.interviews.current().next().unwrap();
    let mut i = interview.data.clone();
    i.deelnemers = note.clone();
    let flash = inspection.flashes.current().next().unwrap();
    let mut f = flash.data.clone();
    f.notitie = note.clone();
    let item = inspection.framework.sources.documents[0].id.clone();
    let doc_id = inspection.document_id(&item);
    let mut d = inspection.documents.get(&doc_id).unwrap().data.clone();
    d.notitie = note.clone();
    let waitlist_id = inspection.waitlist_id();
    let mut w = inspection
        .waitlist
        .get(&waitlist_id)
        .map(|w| w.data.clone())
        .unwrap_or_default();
    w.notitie = note;
    let changes = [
        (interview.meta.entity.clone(), Record::Interview(i)),
        (flash.meta.entity.clone(), Record::Flash(f)),
        (doc_id, Record::Document(d)),
        (waitlist_id, Record::Waitlist(w)),
    ];
    for (entity, record) in changes {
        let change = inspection.change(&entity, record, author, Stamp::now());
        store.append(&change).unwrap();
    }
}

fn open_conflicted_sources(root: &Path) -> Harness<'static, App> {
    let base = root.join("basis.veldtoets");
    drop(veldtoets::demo::create(&base).unwrap());
    let a = root.join("a.veldtoets");
    let b = root.join("b.veldtoets");
    std::fs::copy(&base, &a).unwrap();
    std::fs::copy(&base, &b).unwrap();
    diverge_sources(&a, "E. Voorbeeld");
    diverge_sources(&b, "J. Proef");
    let merged = root.join("documenten/samen.veldtoets");
    std::fs::create_dir_all(merged.parent().unwrap()).unwrap();
    veldtoets::store::merge(&merged, &[a.as_path(), b.as_path()], &mut |_| {}).unwrap();
    let mut app = app(root);
    app.open(merged);
    let mut harness = harness(app);
    wait_until(&mut harness, "the merged file to open", |app| {
        app.workspace().is_some()
    });
    harness
}

#[test]
fn conflicted_interviews_flitsinterviews_documents_and_wachtlijst_are_not_edited() {
    let root = tempfile::tempdir().unwrap();
    let mut harness = open_conflicted_sources(root.path());
    let conflicts = ws(&harness).derived.record_conflicts.clone();
    let kinds: Vec<Kind> = conflicts.iter().map(|c| c.kind).collect();
    assert_eq!(
        kinds,
        [Kind::Interview, Kind::Flash, Kind::Document, Kind::Waitlist]
    );

    // Overzicht: the wachtlijst is not edited; every conflict is listed (not only oordelen).
    harness.get_by_label("⚠ 4 open conflicten:");
    for c in &conflicts {
        harness.get_by_label(&c.description);
    }
    assert!(harness.query_by_label("Aantal wachtend").is_none());
    assert!(harness.query_by_label("Toelichting wachtlijst").is_none());
    harness.get_by_label("⚠ Twee versies — kies eerst");

    // Interviews: the conflicted interview shows the notice, not its fields.
    let interview = conflicts[0].entity.clone();
    {
        let screens = harness.state_mut().screens_mut().unwrap();
        screens.current = Screen::Interviews;
        screens.interviews.selected = Some(interview);
    }
    harness.run_steps(2);
    harness.get_by_label("⚠ Twee versies — kies eerst");
    assert!(
        harness
            .query_by_label("Deelnemers (alleen functies, geen namen)")
            .is_none()
    );
    assert!(harness.query_by_label("Verwijderen").is_none());

    // Flitsinterviews: no Bewerken, Verwijderen or note for the conflicted one.
    harness.key_press(Key::F3);
    harness.run_steps(2);
    let flashes = ws(&harness).inspection.flashes.current().count();
    assert_eq!(harness.query_all_by_label("Bewerken").count(), flashes - 1);
    assert_eq!(harness.query_all_by_label("Notitie").count(), flashes - 1);
    harness.get_by_label("⚠ Twee versies — kies eerst");

    // Documenten: the notice in one line instead of the checkbox and the note.
    harness.key_press(Key::F5);
    harness.run_steps(2);
    harness.get_by_label("⚠ Twee versies — kies eerst:");
    let item = ws(&harness).inspection.framework.sources.documents[0].clone();
    assert!(
        harness
            .query_by_label(&format!("Bevindingen uit {}", item.name))
            .is_none()
    );
    harness.get_by_label("Kies een versie…").click_accesskit();
    harness.run_steps(2);
    let screens = screens(&harness);
    assert_eq!(screens.current, Screen::Conflicten);
    assert_eq!(
        screens.conflicts.selected,
        Some((Kind::Document, conflicts[2].entity.clone()))
    );
    assert_eq!(ws(&harness).edits, 0);
}

#[test]
fn the_overzicht_lists_conflicts_of_every_kind_and_leads_to_the_choice() {
    let root = tempfile::tempdir().unwrap();
    let (mut harness, _, _) = open_conflicted(root.path());
    // Not only the oordeel: the dossiervraag too.
    harness.get_by_label("⚠ 2 open conflicten:");
    // The header shows "⚠ 2 open conflicten" and says it in words.
    harness.get_by_role_and_label(egui::accesskit::Role::Button, "2 open conflicten");
    let check = ws(&harness)
        .derived
        .record_conflicts
        .iter()
        .find(|c| c.kind == Kind::Check)
        .cloned()
        .unwrap();
    harness.get_by_label("oordeel 1.3.1");
    harness.get_by_label(&check.description).click_accesskit();
    harness.run_steps(2);
    let screens = screens(&harness);
    assert_eq!(screens.current, Screen::Conflicten);
    assert_eq!(
        screens.conflicts.selected,
        Some((Kind::Check, check.entity.clone()))
    );
    assert_eq!(screens.conflicts.return_to, Some(Screen::Overzicht));
}

#[test]
fn a_flitsinterview_dialog_left_by_a_crash_comes_back_open() {
    let root = tempfile::tempdir().unwrap();
    let path = root.path().join("flits.veldtoets");
    veldtoets::demo::create(&path).unwrap();
    {
        let (mut store, inspection, _) = Store::open(&path).unwrap();
        let who = *inspection.inspectors.keys().next().unwrap();
        let text =
            r#"{"functie":"medewerker nachtdienst","antwoorden":{},"tags":{},"notitie":"half af"}"#;
        store
            .save_draft("flitsinterview/nieuw", text, who, jiff::Timestamp::now())
            .unwrap();
    }
    let mut app = app(root.path());
    app.open(path.clone());
    let mut harness = harness(app);
    wait_until(&mut harness, "the file to open", |app| {
        app.workspace().is_some()
    });
    let notice = ws(&harness).notice.clone().unwrap_or_default();
    assert!(notice.contains("Hersteld na een onderbreking"), "{notice}");
    let flash = &screens(&harness).flash;
    assert!(flash.open);
    assert_eq!(flash.functie, "medewerker nachtdienst");
    assert_eq!(flash.notitie, "half af");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    harness.run_steps(3);
    assert!(!screens(&harness).flash.open);
    close(&mut harness);
    let (_, stored, _) = Store::open(&path).unwrap();
    assert!(stored.drafts.is_empty(), "the draft is settled");
    assert!(
        stored
            .flashes
            .current()
            .any(|f| f.data.functie == "medewerker nachtdienst" && f.data.notitie == "half af")
    );
}

#[test]
fn a_date_left_by_clicking_a_checkbox_keeps_both_changes() {
    // Leaving the date field by clicking "gericht geselecteerd" gives two edits of the dossier in
    // one frame, the checkbox's drawn before the date's. Both must land.
    let root = tempfile::tempdir().unwrap();
    let mut harness = fresh(root.path());
    harness.key_press(Key::F4);
    harness.run_steps(2);
    harness.get_by_label("Dossiernummer (pseudoniem):").focus();
    harness.run_steps(1);
    harness
        .get_by_label("Dossiernummer (pseudoniem):")
        .type_text("VTN-2");
    harness.get_by_label("Dossier toevoegen").click();
    harness.run_steps(3);
    let id = screens(&harness).dossiers.selected.clone().unwrap();
    harness.get_by_label("Melding ontvangen:").focus();
    harness.run_steps(1);
    harness
        .get_by_label("Melding ontvangen:")
        .type_text("02-03-2026");
    harness.run_steps(1);
    // The second "gericht geselecteerd" is the dossier's own (the first is the new-dossier row).
    harness
        .query_all_by_label("gericht geselecteerd")
        .nth(1)
        .unwrap()
        .click();
    harness.run_steps(3);
    let data = &ws(&harness).inspection.dossiers.get(&id).unwrap().data;
    assert_eq!(
        data.dates.get(DateKind::MELDING_ONTVANGEN),
        Some("2026-03-02".parse().unwrap()),
        "the date"
    );
    assert_eq!(
        data.selectie,
        veldtoets::domain::inspection::Selection::Gericht,
        "the checkbox"
    );
}

/// A demo file whose privacy findings are kept with a reason; with `concept`, its conceptrapport
/// recorded as sent on that date (as `veldtoets concept` does, without the PDF).
fn wederhoor_demo(path: &Path, concept: Option<jiff::civil::Date>) {
    veldtoets::demo::create(path).unwrap();
    let (mut store, mut inspection, _) = Store::open(path).unwrap();
    let who = *inspection.inspectors.keys().next().unwrap();
    for finding in inspection.privacy_findings() {
        let change = inspection
            .keep_finding(
                &finding,
                "geanonimiseerd in de definitieve tekst",
                who,
                Stamp::now(),
            )
            .unwrap();
        store.append(&change).unwrap();
        inspection.apply(change);
    }
    if let Some(on) = concept {
        let change = inspection
            .send_concept(on, "0".repeat(64), "tekst".into(), who, Stamp::now())
            .unwrap();
        store.append(&change).unwrap();
        inspection.apply(change);
    }
}

/// Whether the widget with this accessible name is disabled.
fn disabled(harness: &Harness<'_, App>, label: &str) -> bool {
    use egui_kittest::kittest::NodeT;
    harness.get_by_label(label).accesskit_node().is_disabled()
}

#[test]
fn wederhoor_reactie_besluit_vaststellen_then_oordelen_are_frozen() {
    let root = tempfile::tempdir().unwrap();
    let path = root.path().join("wederhoor.veldtoets");
    wederhoor_demo(&path, Some(jiff::civil::date(2026, 11, 2)));
    let mut app = app(root.path());
    app.open(path.clone());
    let mut harness = harness(app);
    wait_until(&mut harness, "the file to open", |app| {
        app.workspace().is_some()
    });
    harness.key_press(Key::F8);
    harness.run_steps(2);
    assert_eq!(screens(&harness).current, Screen::Wederhoor);
    harness.get_by_label("Fase: concept verzonden op 02-11-2026");
    // The vervolg with its dates from the concept date (six weeks: 14-12-2026).
    harness.get_by_label("uiterlijk 14-12-2026");

    // A reactie, through the form.
    harness.get_by_label("Nieuwe reactie…").click();
    harness.run_steps(2);
    type_into(&mut harness, "Ontvangen op:", "09-11-2026");
    type_into(&mut harness, "Van (functie, geen naam):", "bestuurder");
    type_into(&mut harness, "Paragraaf:", "3.2");
    harness.get_by_label("zienswijze").click();
    harness.run_steps(1);
    type_into(
        &mut harness,
        "Tekst van de reactie:",
        "Wij herkennen ons niet in het beeld van de termijnen.",
    );
    harness.get_by_label("Reactie vastleggen").click();
    harness.run_steps(3);
    let reactie = {
        let insp = &harness.state().workspace().unwrap().inspection;
        let list = insp.reacties();
        assert_eq!(list.len(), 1);
        let r = &list[0].0.data;
        assert_eq!(
            (r.van.as_str(), r.paragraaf.as_deref(), r.soort.as_str()),
            ("bestuurder", Some("3.2"), "zienswijze")
        );
        assert_eq!(r.ontvangen, Some(jiff::civil::date(2026, 11, 9)));
        list[0].0.meta.entity.clone()
    };
    harness.get_by_label_contains("Wij herkennen ons niet");

    // Vaststellen is blocked, with the reason listed.
    assert!(disabled(&harness, "Vaststellen…"));
    harness.get_by_label_contains("1 reactie zonder besluit: paragraaf 3.2");

    // The besluit: refused without a motivering (the domain's reason is shown), then recorded.
    harness.get_by_label("Besluit… reactie 1").click();
    harness.run_steps(2);
    harness.get_by_label("deels overgenomen").click();
    harness.run_steps(1);
    harness.get_by_label("Besluit vastleggen").click();
    harness.run_steps(3);
    harness.get_by_label_contains("geef een motivering bij het besluit");
    type_into(
        &mut harness,
        "Motivering (komt in de bijlage van het rapport):",
        "De termijn van 3.2 is verduidelijkt.",
    );
    harness.get_by_label("Besluit vastleggen").click();
    harness.run_steps(3);
    {
        let insp = &harness.state().workspace().unwrap().inspection;
        let besluit = insp.reacties()[0].1.unwrap().data.clone();
        assert_eq!(besluit.reactie, reactie);
        assert_eq!(besluit.besluit.as_str(), "deels");
        assert_eq!(besluit.motivering, "De termijn van 3.2 is verduidelijkt.");
    }
    harness.get_by_label("Fase: reacties verwerkt");

    // Now vaststellen is possible.
    assert!(!disabled(&harness, "Vaststellen…"));
    assert!(harness.query_by_label_contains("zonder besluit").is_none());
    harness.get_by_label("Vaststellen…").click();
    harness.run_steps(2);
    type_into(&mut harness, "Vaststellingsdatum:", "16-11-2026");
    harness.get_by_label("Definitief vaststellen").click();
    harness.run_steps(3);
    assert!(harness.state().workspace().unwrap().inspection.is_frozen());
    harness.get_by_label("Fase: definitief vastgesteld op 16-11-2026");
    harness.get_by_label("Heropenen…");
    assert!(harness.query_by_label("Vaststellen…").is_none());

    // The Verwachtingen screen is read-only, and an oordeel key is refused with the way out.
    harness.key_press(Key::F6);
    harness.run_steps(2);
    assert_eq!(screens(&harness).current, Screen::Verwachtingen);
    let id = harness
        .state()
        .workspace()
        .unwrap()
        .inspection
        .framework
        .expectation(screens(&harness).expectation.index)
        .id
        .clone();
    let before = harness
        .state()
        .workspace()
        .unwrap()
        .inspection
        .oordeel(&id)
        .map(|o| o.data.clone());
    assert!(
        harness
            .query_by_label("Onderbouwing (komt in het rapport)")
            .is_none_or(|n| {
                use egui_kittest::kittest::NodeT;
                n.accesskit_node().role() != egui::accesskit::Role::MultilineTextInput
            }),
        "no onderbouwing field to type in"
    );
    harness.get_by_label_contains("definitief vastgesteld: oordelen en onderbouwingen liggen vast");
    let key = if before.as_ref().map(|o| o.value) == Some(JudgementValue::Onvoldoende) {
        Key::V
    } else {
        Key::O
    };
    harness.key_press(key);
    harness.run_steps(3);
    let ws = harness.state().workspace().unwrap();
    assert_eq!(ws.inspection.oordeel(&id).map(|o| o.data.clone()), before);
    let notice = ws.notice.clone().unwrap_or_default();
    assert!(
        notice.contains("Heropenen") && notice.contains("Wederhoor (F8)"),
        "{notice}"
    );
    close(&mut harness);

    let (_, stored, _) = Store::open(&path).unwrap();
    assert!(stored.is_frozen());
    assert_eq!(stored.reacties().len(), 1);
    assert_eq!(stored.oordeel(&id).map(|o| o.data.clone()), before);
}

#[test]
fn send_the_concept_from_the_wederhoor_screen_then_reopen() {
    let root = tempfile::tempdir().unwrap();
    let path = root.path().join("concept.veldtoets");
    wederhoor_demo(&path, None);
    let mut app = app(root.path());
    app.open(path.clone());
    let mut harness = harness(app);
    wait_until(&mut harness, "the file to open", |app| {
        app.workspace().is_some()
    });
    harness.key_press(Key::F8);
    harness.run_steps(2);
    harness.get_by_label("Fase: in uitvoering");
    // Vaststellen before a concept: blocked, with the reason.
    assert!(disabled(&harness, "Vaststellen…"));
    harness.get_by_label_contains("er is nog geen conceptrapport verzonden");

    harness.get_by_label("Concept verzenden…").click();
    harness.run_steps(2);
    assert!(disabled(&harness, "Concept verzenden en vastleggen"));
    type_into(&mut harness, "Verzenddatum:", "02-11-2026");
    harness.get_by_label("Bestand kiezen…").click();
    harness.run_steps(3);
    let pdf = root.path().join("concept-verzonden.pdf");
    choose_path(&mut harness, &pdf);
    harness
        .get_by_label("Concept verzenden en vastleggen")
        .click();
    harness.run_steps(2);
    wait_until(
        &mut harness,
        "the concept to be written and recorded",
        |app| {
            app.workspace()
                .is_some_and(|ws| ws.inspection.phase().as_str() == "concept_verzonden")
        },
    );
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF"));
    {
        use sha2::Digest;
        let hash: String = sha2::Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        let phase = harness.state().workspace().unwrap().inspection.phase_data();
        assert_eq!(phase.concept_hash.as_deref(), Some(hash.as_str()));
        assert_eq!(
            phase.concept_verzonden,
            Some(jiff::civil::date(2026, 11, 2))
        );
        assert!(!phase.concept_tekst.is_empty());
    }
    harness.get_by_label("OK").click();
    harness.run_steps(2);
    harness.get_by_label("Fase: concept verzonden op 02-11-2026");

    // No reacties: vaststellen, then heropenen (a reason is required).
    harness.get_by_label("Vaststellen…").click();
    harness.run_steps(2);
    type_into(&mut harness, "Vaststellingsdatum:", "20-11-2026");
    harness.key_press(Key::Enter);
    harness.run_steps(3);
    assert!(harness.state().workspace().unwrap().inspection.is_frozen());
    harness.get_by_label("Heropenen…").click();
    harness.run_steps(2);
    harness.get_by_label("Heropenen").click();
    harness.run_steps(3);
    harness.get_by_label_contains("geef een reden voor het heropenen");
    type_into(
        &mut harness,
        "Reden van heropenen:",
        "nieuwe informatie over 1.3.1",
    );
    harness.key_press(Key::Enter);
    harness.run_steps(3);
    let ws = harness.state().workspace().unwrap();
    assert!(!ws.inspection.is_frozen());
    assert_eq!(
        ws.inspection.phase_data().heropend_reden,
        "nieuwe informatie over 1.3.1"
    );
    close(&mut harness);
}

#[test]
fn wederhoor_texts_are_typed_and_a_besluit_names_the_changed_oordeel() {
    use veldtoets::domain::inspection::{OordeelData, ReactieData, Record};
    use veldtoets::domain::wederhoor::{RapportBlok, ReactieSoort};
    let root = tempfile::tempdir().unwrap();
    let path = root.path().join("teksten.veldtoets");
    wederhoor_demo(&path, Some(jiff::civil::date(2026, 11, 2)));
    {
        // After the concept: a reactie on 1.3.2, and the oordeel it changed.
        std::thread::sleep(Duration::from_millis(5));
        let (mut store, mut inspection, _) = Store::open(&path).unwrap();
        let who = *inspection.inspectors.keys().next().unwrap();
        let reactie = ReactieData {
            ontvangen: Some(jiff::civil::date(2026, 11, 9)),
            van: "bestuurder".into(),
            paragraaf: None,
            verwachting: Some("1.3.2".into()),
            soort: ReactieSoort::Feitelijk,
            tekst: "De hulp is wel vastgelegd, in het registratiesysteem.".into(),
        };
        let change = inspection
            .add_reactie("r-1", reactie, who, Stamp::now())
            .unwrap();
        store.append(&change).unwrap();
        inspection.apply(change);
        let data = OordeelData::parse(
            &inspection.framework,
            "1.3.2",
            "voldoende",
            "Na hoor en wederhoor: vastgelegd in het registratiesysteem.".into(),
        )
        .unwrap();
        let change = inspection.change("1.3.2", Record::Oordeel(data), who, Stamp::now());
        store.append(&change).unwrap();
    }
    let mut app = app(root.path());
    app.open(path.clone());
    let mut harness = harness(app);
    wait_until(&mut harness, "the file to open", |app| {
        app.workspace().is_some()
    });
    harness.key_press(Key::F8);
    harness.run_steps(2);

    // The besluit form offers the change, ticked because the reactie points at 1.3.2.
    harness.get_by_label("Besluit… reactie 1").click();
    harness.run_steps(2);
    {
        use egui_kittest::kittest::NodeT;
        let node = harness.get_by_label("1.3.2: van onvoldoende naar voldoende");
        assert_eq!(
            node.accesskit_node().toggled(),
            Some(egui::accesskit::Toggled::True)
        );
    }
    type_into(
        &mut harness,
        "Motivering (komt in de bijlage van het rapport):",
        "Aangetoond in het registratiesysteem.",
    );
    harness.get_by_label("Besluit vastleggen").click();
    harness.run_steps(3);
    {
        let insp = &harness.state().workspace().unwrap().inspection;
        let besluit = insp.reacties()[0].1.unwrap().data.clone();
        assert_eq!(
            besluit.wijzigingen.keys().collect::<Vec<_>>(),
            vec!["1.3.2"]
        );
        assert_eq!(
            besluit.wijzigingen["1.3.2"],
            insp.oordeel("1.3.2").unwrap().meta.rev.to_string()
        );
    }
    harness.get_by_label_contains("overgenomen (gewijzigd: 1.3.2)");

    // The Samenvatting and a verbeterpunt, typed like any other text.
    type_into(
        &mut harness,
        "Samenvatting (onder de aantallen in de samenvatting)",
        "De organisatie heeft de termijnen sinds het bezoek verbeterd.",
    );
    let label = "Verbeterpunt 1.5.2 (vooraf ingevuld)";
    harness.get_by_label(label);
    type_into(
        &mut harness,
        label,
        "Veilig Thuis legt per melding vast wie wanneer contact legt.",
    );
    close(&mut harness);

    let (_, stored, _) = Store::open(&path).unwrap();
    assert_eq!(
        stored.rapporttekst(RapportBlok::Samenvatting).as_deref(),
        Some("De organisatie heeft de termijnen sinds het bezoek verbeterd.")
    );
    let punt = stored.verbeterpunt("1.5.2").unwrap();
    assert!(!punt.afgeleid);
    assert_eq!(
        punt.tekst,
        "Veilig Thuis legt per melding vast wie wanneer contact legt."
    );
    assert_eq!(stored.reacties()[0].1.unwrap().data.wijzigingen.len(), 1);
}

// ---------------------------------------------------------------------------------------------
// Issue 12 in the app: the inspectors' oordeel per criterium (stap 1, V / M / O) with its
// onderbouwing "Ad 1.1", the earlier rounds of a hertoets beside the current oordelen, and the
// participants of an interview counted per function. A kader without criterion oordelen shows
// none of it.

use veldtoets::domain::inspection::Round;

/// A stap 1 file of Veilig Thuis Proefregio visited on `visit`, keeping `rounds` (a hertoets),
/// with `oordelen` (verwachting, value, onderbouwing) and `criteria` (criterium, code,
/// onderbouwing) recorded by `who`. Returns the rounds a hertoets made from it keeps.
fn stap1_file(
    path: &Path,
    who: &str,
    visit: jiff::civil::Date,
    rounds: &[Round],
    oordelen: &[(&str, &str, &str)],
    criteria: &[(&str, &str, &str)],
) -> Vec<Round> {
    let framework = kader_io::builtin("vt-2015-stap1").unwrap();
    let (mut store, mut inspection) = Store::create(
        path,
        framework,
        "Veilig Thuis Proefregio",
        who,
        Stamp::now(),
    )
    .unwrap();
    let author = inspection.add_inspector(who);
    let mut details = inspection.details_data();
    details.bezoek_van = Some(visit);
    let mut changes = vec![inspection.change(
        &inspection.details_id(),
        Record::Details(details),
        author,
        Stamp::now(),
    )];
    for (id, value, why) in oordelen {
        let data = OordeelData::parse(&inspection.framework, id, value, why.to_string()).unwrap();
        changes.push(inspection.change(id, Record::Oordeel(data), author, Stamp::now()));
    }
    for (id, code, why) in criteria {
        changes.push(
            inspection
                .set_criterion_oordeel(id, code, why, author, Stamp::now())
                .unwrap(),
        );
    }
    for change in changes {
        store.append(&change).unwrap();
        inspection.apply(change);
    }
    if !rounds.is_empty() {
        store.set_rounds(rounds).unwrap();
    }
    drop(store);
    let (_, reopened, _) = Store::open(path).unwrap();
    assert_eq!(reopened.rounds.len(), rounds.len());
    reopened.rounds_for_hertoets()
}

/// Whether the radio-like option with this accessible name is the chosen one.
fn chosen(harness: &Harness<'_, App>, label: &str) -> bool {
    use egui_kittest::kittest::NodeT;
    harness.get_by_label(label).accesskit_node().toggled() == Some(egui::accesskit::Toggled::True)
}

#[test]
fn a_criterion_oordeel_is_chosen_by_key_and_its_onderbouwing_typed_and_stored() {
    let root = tempfile::tempdir().unwrap();
    let path = root.path().join("stap1.veldtoets");
    stap1_file(
        &path,
        "E. Voorbeeld",
        jiff::civil::date(2015, 8, 12),
        &[],
        &[("1.1.1", "onvoldoende", "Niet 24/7 bereikbaar.")],
        &[],
    );
    let mut harness = open_file(root.path(), &path);
    harness.key_press(Key::F6);
    harness.run_steps(2);
    // From verwachting 1.1.1 to its criterium, with its verwachtingen as context.
    harness.get_by_label_contains("oordeel criterium: niet beoordeeld");
    harness.key_press_modifiers(Modifiers::ALT, Key::ArrowUp);
    harness.run_steps(2);
    assert_eq!(
        screens(&harness).expectation.criterion.as_deref(),
        Some("1.1")
    );
    harness.get_by_label_contains("Criterium 1.1  Veilig Thuis is te allen tijde bereikbaar");
    harness.get_by_label("Verwachtingen van dit criterium: 0 voldoende · 1 onvoldoende · 3 open");
    // Never filled in from the verwachtingen: not judged until the inspecteur chooses.
    assert!(ws(&harness).inspection.criterion_oordeel("1.1").is_none());
    assert!(chosen(&harness, "Criterium 1.1: niet beoordeeld"));

    // M chooses matig; a key the scale does not have (W) changes nothing.
    harness.key_press(Key::W);
    harness.run_steps(2);
    assert!(ws(&harness).inspection.criterion_oordeel("1.1").is_none());
    harness.key_press(Key::M);
    harness.run_steps(2);
    let stored = ws(&harness).inspection.criterion_oordeel("1.1").unwrap();
    assert_eq!(stored.data.oordeel, "M");
    assert!(chosen(&harness, "Criterium 1.1: matig"));
    assert!(!chosen(&harness, "Criterium 1.1: niet beoordeeld"));
    // The list says the criterion oordeel in words (the screen shows "Criterium 1.1 · M").
    harness.get_by_label("Criterium 1.1, oordeel criterium M (matig)");
    // O, then N takes it back to niet beoordeeld (a new version each time), then V.
    harness.key_press(Key::O);
    harness.run_steps(2);
    assert_eq!(
        ws(&harness)
            .inspection
            .criterion_oordeel("1.1")
            .unwrap()
            .data
            .oordeel,
        "O"
    );
    harness.key_press(Key::N);
    harness.run_steps(2);
    assert_eq!(
        ws(&harness)
            .inspection
            .criterion_oordeel("1.1")
            .unwrap()
            .data
            .oordeel,
        ""
    );
    assert!(chosen(&harness, "Criterium 1.1: niet beoordeeld"));
    harness.key_press(Key::V);
    harness.run_steps(2);

    // The criterion-level onderbouwing is a draft field: typed, then stored on close.
    let label = "Onderbouwing Ad 1.1 (komt in het rapport)";
    type_into(
        &mut harness,
        label,
        "Bereikbaarheid is geregeld; de vertrouwensarts is nog niet 24/7 bereikbaar.",
    );
    // While typing, the keys are text, not oordelen.
    harness
        .get_by_label(label)
        .type_text(" Mede daarom voldoende");
    harness.run_steps(1);
    assert_eq!(
        ws(&harness)
            .inspection
            .criterion_oordeel("1.1")
            .unwrap()
            .data
            .oordeel,
        "V"
    );
    // Alt+Rechts: the next criterium.
    harness.key_press_modifiers(Modifiers::ALT, Key::ArrowRight);
    harness.run_steps(2);
    assert_eq!(
        screens(&harness).expectation.criterion.as_deref(),
        Some("1.2")
    );
    close(&mut harness);

    let (_, stored, _) = Store::open(&path).unwrap();
    let c = stored.criterion_oordeel("1.1").unwrap();
    assert_eq!(c.data.oordeel, "V");
    assert_eq!(
        c.data.onderbouwing,
        "Bereikbaarheid is geregeld; de vertrouwensarts is nog niet 24/7 bereikbaar. Mede daarom voldoende"
    );
    assert_eq!(stored.inspector_name(c.meta.author), "E. Voorbeeld");
    assert!(stored.drafts.is_empty(), "the draft became a revision");
    let versions = stored
        .criteriumoordelen
        .history("1.1")
        .unwrap()
        .revisions()
        .len();
    assert_eq!(
        versions, 5,
        "M, O, niet beoordeeld, V, then the onderbouwing"
    );
}

#[test]
fn a_hertoets_shows_every_earlier_round_beside_the_current_oordeel_with_the_trend() {
    let root = tempfile::tempdir().unwrap();
    let first = root.path().join("ronde1.veldtoets");
    let second = root.path().join("ronde2.veldtoets");
    let third = root.path().join("ronde3.veldtoets");
    let rounds = stap1_file(
        &first,
        "E. Voorbeeld",
        jiff::civil::date(2015, 8, 12),
        &[],
        &[
            ("1.1.1", "onvoldoende", "Ronde 1: niet 24/7 bereikbaar."),
            ("1.1.2", "voldoende", "Ronde 1: inzetbaar."),
        ],
        &[("1.1", "O", "Ronde 1: urgente verbeterpunten.")],
    );
    let rounds = stap1_file(
        &second,
        "E. Voorbeeld",
        jiff::civil::date(2016, 5, 10),
        &rounds,
        &[
            (
                "1.1.1",
                "onvoldoende",
                "Hertoets: nog steeds niet bereikbaar.",
            ),
            ("1.1.2", "onvoldoende", "Hertoets: niet meer inzetbaar."),
        ],
        &[("1.1", "M", "Hertoets: deels verbeterd.")],
    );
    stap1_file(
        &third,
        "E. Voorbeeld",
        jiff::civil::date(2017, 3, 1),
        &rounds,
        &[
            ("1.1.1", "voldoende", "Nu wel bereikbaar."),
            ("1.1.2", "onvoldoende", "Nog steeds niet inzetbaar."),
        ],
        &[],
    );
    let mut harness = open_file(root.path(), &third);
    show_expectation(&mut harness, "1.1.1");

    // Beside the oordeel now: the trend since the latest round, every round, the latest shown.
    harness.get_by_label("Eerdere rondes");
    harness.get_by_label("Trend: opgeheven — toen onvoldoende, nu voldoende");
    harness.get_by_label("Hertoets · 10-05-2016 · onvoldoende");
    harness.get_by_label("Onderzoek · 12-08-2015 · onvoldoende");
    harness.get_by_label("Hertoets: nog steeds niet bereikbaar.");
    assert!(
        harness
            .query_by_label("Ronde 1: niet 24/7 bereikbaar.")
            .is_none()
    );
    // The current oordeel stays editable beside it.
    assert!(chosen(&harness, "voldoende"));
    harness.get_by_label("Onderbouwing (komt in het rapport)");

    // The first round, one click away.
    harness
        .get_by_label("Onderzoek · 12-08-2015 · onvoldoende")
        .click();
    harness.run_steps(2);
    harness.get_by_label("Ronde 1: niet 24/7 bereikbaar.");
    assert!(
        harness
            .query_by_label("Hertoets: nog steeds niet bereikbaar.")
            .is_none()
    );

    // 1.1.2: onvoldoende in the latest round and now.
    show_expectation(&mut harness, "1.1.2");
    harness.get_by_label("Trend: aanhoudend — toen en nu onvoldoende");

    // The criterium: each round's criterion oordeel and its onderbouwing then.
    harness
        .get_by_label("Criterium 1.1, niet beoordeeld")
        .click();
    harness.run_steps(2);
    assert_eq!(
        screens(&harness).expectation.criterion.as_deref(),
        Some("1.1")
    );
    harness.get_by_label("Verloop: Onderzoek O · Hertoets M · nu niet beoordeeld");
    harness.get_by_label("Hertoets · 10-05-2016 · M (matig)");
    harness
        .get_by_label("Onderzoek · 12-08-2015 · O (onvoldoende)")
        .click();
    harness.run_steps(2);
    harness.get_by_label("Ronde 1: urgente verbeterpunten.");
    // The verwachtingen with their oordeel then and the trend.
    harness.get_by_label("opgeheven");
    harness.get_by_label("aanhoudend");
    // Read-only: nothing of an earlier round is an input.
    assert!(
        harness
            .query_by_label_contains("Onderbouwing Ad 1.1 toen")
            .is_some()
    );
    assert_eq!(ws(&harness).edits, 0, "looking changes nothing");
}

#[test]
fn a_conflicted_criterion_oordeel_is_not_set_by_a_key_but_opens_the_choice() {
    let root = tempfile::tempdir().unwrap();
    let base = root.path().join("basis.veldtoets");
    stap1_file(
        &base,
        "E. Voorbeeld",
        jiff::civil::date(2015, 8, 12),
        &[],
        &[],
        &[("1.1", "O", "Eerste versie.")],
    );
    let copies = [
        (root.path().join("a.veldtoets"), "E. Voorbeeld", "V"),
        (root.path().join("b.veldtoets"), "J. Proef", "M"),
    ];
    for (copy, who, code) in &copies {
        std::fs::copy(&base, copy).unwrap();
        let (mut store, mut inspection, _) = Store::open(copy).unwrap();
        let author = inspection.add_inspector(who);
        store.add_inspector(author, who).unwrap();
        let change = inspection
            .set_criterion_oordeel("1.1", code, "Andere versie.", author, Stamp::now())
            .unwrap();
        store.append(&change).unwrap();
    }
    let merged = root.path().join("documenten/samen.veldtoets");
    std::fs::create_dir_all(merged.parent().unwrap()).unwrap();
    veldtoets::store::merge(&merged, &[&copies[0].0, &copies[1].0], &mut |_| {}).unwrap();

    let mut harness = open_file(root.path(), &merged);
    assert!(
        ws(&harness)
            .inspection
            .is_conflicted(Kind::CriteriumOordeel, "1.1")
    );
    harness.key_press(Key::F6);
    harness.run_steps(2);
    harness
        .get_by_label("Criterium 1.1, oordeel criterium in conflict, twee versies")
        .click();
    harness.run_steps(2);
    harness.get_by_label_contains("Twee versies");
    assert!(
        harness
            .query_by_label("Onderbouwing Ad 1.1 (komt in het rapport)")
            .is_none(),
        "no field to type in until a version is chosen"
    );
    harness.key_press(Key::M);
    harness.run_steps(2);
    assert_eq!(screens(&harness).current, Screen::Conflicten);
    assert!(
        ws(&harness)
            .inspection
            .is_conflicted(Kind::CriteriumOordeel, "1.1"),
        "a key never picks a version"
    );
    assert_eq!(ws(&harness).edits, 0);
}

#[test]
fn interview_participants_are_counted_per_function() {
    let root = tempfile::tempdir().unwrap();
    let path = root.path().join("stap1.veldtoets");
    stap1_file(
        &path,
        "E. Voorbeeld",
        jiff::civil::date(2015, 8, 12),
        &[],
        &[],
        &[],
    );
    let mut harness = open_file(root.path(), &path);
    harness.key_press(Key::F2);
    harness.run_steps(2);
    harness.get_by_label("+ Uitvoerend medewerkers").click();
    harness.run_steps(3);
    let id = screens(&harness).interviews.selected.clone().unwrap();
    let counts = |harness: &Harness<'_, App>| {
        ws(harness)
            .inspection
            .interviews
            .get(&id)
            .unwrap()
            .data
            .aantallen
            .clone()
    };

    // A count outside 1–99 is refused with the reason, and nothing is called saved.
    type_into(&mut harness, "Functie:", "uitvoerend medewerker");
    type_into(&mut harness, "Aantal:", "0");
    harness.key_press(Key::Enter);
    harness.run_steps(2);
    harness.get_by_label_contains(
        "'0' is geen geldig aantal: vul een heel getal van 1 tot en met 99 in.",
    );
    harness.get_by_label_contains("ongeldige invoer is NIET opgeslagen");
    assert!(counts(&harness).is_empty());

    type_into(&mut harness, "Aantal:", "3");
    harness.key_press(Key::Enter);
    harness.run_steps(2);
    assert_eq!(
        counts(&harness)
            .get("uitvoerend medewerker")
            .map(String::as_str),
        Some("3")
    );
    assert!(
        harness
            .query_by_label_contains("ongeldige invoer is NIET opgeslagen")
            .is_none()
    );
    harness.get_by_label("In totaal 3 deelnemers.");

    type_into(&mut harness, "Functie:", "gedragswetenschapper");
    type_into(&mut harness, "Aantal:", "1");
    harness.get_by_label("Functie toevoegen").click();
    harness.run_steps(2);
    assert_eq!(counts(&harness).len(), 2);
    harness.get_by_label("In totaal 4 deelnemers.");

    // A row's count is corrected in place (a bad one refused there), a row removed.
    type_into(&mut harness, "uitvoerend medewerker", "honderd");
    harness.key_press(Key::Tab);
    harness.run_steps(2);
    harness.get_by_label_contains("'honderd' is geen geldig aantal");
    assert_eq!(
        counts(&harness)
            .get("uitvoerend medewerker")
            .map(String::as_str),
        Some("3")
    );
    type_into(&mut harness, "uitvoerend medewerker", "2");
    harness.key_press(Key::Tab);
    harness.run_steps(2);
    assert!(
        harness
            .query_by_label_contains("geen geldig aantal")
            .is_none()
    );
    harness
        .get_by_label("gedragswetenschapper verwijderen")
        .click();
    harness.run_steps(2);
    // The free text stays beside the counts.
    type_into(
        &mut harness,
        "Deelnemers (alleen functies, geen namen)",
        "twee uitvoerend medewerkers van het team crisis",
    );
    close(&mut harness);

    let (_, stored, _) = Store::open(&path).unwrap();
    let interview = &stored.interviews.get(&id).unwrap().data;
    assert_eq!(interview.counts(), vec![("uitvoerend medewerker", 2)]);
    assert_eq!(interview.participant_total(), Some(2));
    assert_eq!(
        interview.deelnemers,
        "twee uitvoerend medewerkers van het team crisis"
    );
}

#[test]
fn a_stap_2_file_shows_no_criterion_controls() {
    let root = tempfile::tempdir().unwrap();
    let mut harness = harness(app(root.path()));
    harness.run_steps(2);
    open_demo(&mut harness);
    assert!(!ws(&harness).inspection.framework.has_criterion_oordelen());
    assert!(harness.query_by_label("Oordeel criterium").is_none());
    harness.key_press(Key::F6);
    harness.run_steps(2);
    harness.key_press_modifiers(Modifiers::ALT, Key::ArrowUp);
    harness.run_steps(2);
    assert_eq!(screens(&harness).expectation.criterion, None);
    // Even when asked for, a criterium view does not appear.
    harness
        .state_mut()
        .screens_mut()
        .unwrap()
        .expectation
        .criterion = Some("1.1".into());
    harness.run_steps(2);
    for text in [
        "Oordeel op het criterium",
        "oordeel criterium",
        "Naar criterium",
        "Onderbouwing Ad",
        "Eerdere rondes",
        "Trend:",
    ] {
        assert!(
            harness.query_by_label_contains(text).is_none(),
            "a stap 2 file shows '{text}'"
        );
    }
    // The verwachting is shown as before, with its own oordeel keys.
    harness.get_by_label("Onderbouwing (komt in het rapport)");
    harness.key_press(Key::M);
    harness.run_steps(2);
    assert_eq!(ws(&harness).edits, 0);
    assert!(
        ws(&harness)
            .inspection
            .criteriumoordelen
            .current()
            .next()
            .is_none()
    );
}

#[test]
fn a_criterion_onderbouwing_left_by_a_crash_is_restored_and_saved() {
    let root = tempfile::tempdir().unwrap();
    let path = root.path().join("stap1.veldtoets");
    stap1_file(
        &path,
        "E. Voorbeeld",
        jiff::civil::date(2015, 8, 12),
        &[],
        &[],
        &[("1.2", "M", "")],
    );
    {
        let (mut store, inspection, _) = Store::open(&path).unwrap();
        let who = *inspection.inspectors.keys().next().unwrap();
        store
            .save_draft(
                "criterium/onderbouwing/1.2",
                "Ad 1.2: getypt vlak voor de stroomstoring",
                who,
                jiff::Timestamp::now(),
            )
            .unwrap();
    }
    let mut harness = open_file(root.path(), &path);
    let notice = ws(&harness).notice.clone().unwrap_or_default();
    assert!(
        notice.contains("onderbouwing bij criterium 1.2"),
        "{notice}"
    );
    wait_until(&mut harness, "the restored text to be saved", |app| {
        app.workspace().is_some_and(|ws| {
            ws.inspection
                .criterion_oordeel("1.2")
                .is_some_and(|c| c.data.onderbouwing == "Ad 1.2: getypt vlak voor de stroomstoring")
        })
    });
    close(&mut harness);
    let (_, stored, _) = Store::open(&path).unwrap();
    assert!(stored.drafts.is_empty(), "the draft is settled");
    let c = &stored.criterion_oordeel("1.2").unwrap().data;
    assert_eq!(c.oordeel, "M", "the oordeel is kept");
    assert_eq!(c.onderbouwing, "Ad 1.2: getypt vlak voor de stroomstoring");
}

#[test]
fn the_stap_1_hertoets_demo_is_one_click_from_the_start_screen() {
    let root = tempfile::tempdir().unwrap();
    let mut harness = harness(app(root.path()));
    harness.get_by_label("Demo hertoets stap 1").click();
    harness.run_steps(2);
    wait_until(&mut harness, "the stap 1 demo to open", |app| {
        app.workspace().is_some()
    });
    let ws = harness.state().workspace().unwrap();
    assert_eq!(ws.inspection.framework.id, "vt-2015-stap1");
    assert_eq!(ws.inspection.rounds.len(), 1, "the earlier round is kept");
    assert_eq!(ws.inspection.met_of(), (18, 24));
    assert!(
        ws.path
            .file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("demo-vt-2015-stap1-")
    );
}

// ---------------------------------------------------------------------------------------------
// A day in the field (issue 15): the eindoordeel in sight, the onderzoek's details, fast
// flitsinterviews, words.

use veldtoets::domain::inspection::Tag;

/// The text value of a text field (as a screen reader reads it).
fn field_value(harness: &Harness<'_, App>, label: &str) -> String {
    use egui_kittest::kittest::NodeT;
    harness
        .get_by_label(label)
        .accesskit_node()
        .value()
        .unwrap_or_default()
        .to_string()
}

/// The header line with the counts (its accessible name is always the full line).
fn header_counts(harness: &Harness<'_, App>) -> String {
    use egui_kittest::kittest::NodeT;
    let lines: Vec<String> = harness
        .query_all_by_label_contains(" beoordeeld · ")
        .filter_map(|n| {
            let node = n.accesskit_node();
            node.label().or(node.value()).map(|l| l.to_string())
        })
        .filter(|l| !l.contains("niet beoordeeld"))
        .collect();
    assert_eq!(lines.len(), 1, "{lines:?}");
    lines[0].clone()
}

#[test]
fn the_header_shows_no_verdict_before_the_first_oordeel_and_follows_every_oordeel() {
    let root = tempfile::tempdir().unwrap();
    let mut harness = fresh(root.path());
    // Every screen carries the eindoordeel in its header; before any oordeel it claims none.
    for key in [Key::F1, Key::F2, Key::F4, Key::F6, Key::F8] {
        harness.key_press(key);
        harness.run_steps(2);
        harness.get_by_label("Eindoordeel: nog geen oordeel");
        assert_eq!(
            header_counts(&harness),
            "0 van 30 beoordeeld · 0 voldoende · 0 onvoldoende · 0 aftrekpunten"
        );
        assert!(
            harness.query_by_label_contains("VOLDOENDE").is_none()
                && harness.query_by_label_contains("MATIG").is_none(),
            "a verdict before any oordeel"
        );
    }
    // On Verwachtingen (F6 was the last key): 1.2.1 onvoldoende by key, one aftrekpunt.
    harness.key_press(Key::F6);
    harness.run_steps(2);
    harness.key_press_modifiers(Modifiers::ALT, Key::ArrowRight);
    harness.run_steps(2);
    assert_eq!(screens(&harness).expectation.index, 1);
    harness.key_press(Key::O);
    harness.run_steps(3);
    let headline = ws(&harness).derived.headline.text.clone();
    assert!(headline.ends_with("(voorlopig)"), "{headline}");
    harness.get_by_label(&format!("Eindoordeel: {headline}"));
    assert_eq!(
        header_counts(&harness),
        "1 van 30 beoordeeld · 0 voldoende · 1 onvoldoende · 1 aftrekpunt"
    );
    // Another: voldoende on 1.2.2; the header follows at once.
    harness.key_press_modifiers(Modifiers::ALT, Key::ArrowRight);
    harness.run_steps(2);
    harness.key_press(Key::V);
    harness.run_steps(3);
    assert_eq!(
        header_counts(&harness),
        "2 van 30 beoordeeld · 1 voldoende · 1 onvoldoende · 1 aftrekpunt"
    );
    // In a narrow window the line is shortened on screen; a screen reader still hears it whole.
    harness.set_size(egui::vec2(1024.0, 700.0));
    harness.run_steps(3);
    assert_eq!(
        header_counts(&harness),
        "2 van 30 beoordeeld · 1 voldoende · 1 onvoldoende · 1 aftrekpunt"
    );
    // The Overzicht says it in words too, in the right number.
    harness
        .get_by_label(&format!("Eindoordeel: {headline}"))
        .click();
    harness.run_steps(2);
    assert_eq!(screens(&harness).current, Screen::Overzicht);
    harness.get_by_label("1 voldoende · 1 onvoldoende · 28 niet beoordeeld · 1 aftrekpunt");
}

#[test]
fn the_onderzoek_details_are_edited_as_revisions_and_bad_dates_are_refused() {
    let root = tempfile::tempdir().unwrap();
    let mut harness = fresh(root.path());
    let path = ws(&harness).path.clone();
    // A new onderzoek: the details are open, nothing is filled in and no date is pre-filled.
    harness.get_by_label_contains("bezoekdatum nog niet ingevuld");
    assert_eq!(field_value(&harness, "Eerste bezoekdag"), "");
    assert_eq!(field_value(&harness, "Peildatum termijnen"), "");
    assert_eq!(field_value(&harness, "Peildatum (dd-mm-jjjj)"), "");

    type_into(&mut harness, "Organisatie", "Veilig Thuis Noord-Oost");
    harness.key_press(Key::Enter);
    harness.run_steps(2);
    assert_eq!(
        ws(&harness).inspection.organisatie(),
        "Veilig Thuis Noord-Oost"
    );

    type_into(&mut harness, "Eerste bezoekdag", "3-3-2026");
    harness.key_press(Key::Tab);
    harness.run_steps(2);
    let van = jiff::civil::date(2026, 3, 3);
    assert_eq!(ws(&harness).inspection.details_data().bezoek_van, Some(van));
    assert_eq!(field_value(&harness, "Eerste bezoekdag"), "03-03-2026");
    // The peildatum says what it falls back to.
    assert_eq!(ws(&harness).inspection.peildatum(), Some(van));

    // A last day before the first: refused at the field, kept visible, not called saved.
    type_into(&mut harness, "Laatste bezoekdag", "02-03-2026");
    harness.key_press(Key::Tab);
    harness.run_steps(2);
    harness.get_by_label_contains("ligt vóór de eerste (03-03-2026)");
    harness
        .get_by_label_contains("ongeldige invoer is NIET opgeslagen: onderzoek: laatste bezoekdag");
    assert_eq!(field_value(&harness, "Laatste bezoekdag"), "02-03-2026");
    assert_eq!(ws(&harness).inspection.details_data().bezoek_tot, None);
    assert!(harness.query_by_label("opgeslagen").is_none());
    // A date that does not exist: refused too.
    type_into(&mut harness, "Laatste bezoekdag", "31-02-2026");
    harness.key_press(Key::Tab);
    harness.run_steps(2);
    harness.get_by_label_contains("bestaat niet als datum");
    // Corrected: stored, and the refusal is gone.
    type_into(&mut harness, "Laatste bezoekdag", "05-03-2026");
    harness.key_press(Key::Tab);
    harness.run_steps(2);
    assert!(
        harness
            .query_by_label_contains("ongeldige invoer")
            .is_none()
    );
    let tot = jiff::civil::date(2026, 3, 5);
    assert_eq!(ws(&harness).inspection.details_data().bezoek_tot, Some(tot));
    harness.get_by_label_contains("bezoek 03-03-2026 t/m 05-03-2026");

    type_into(&mut harness, "Peildatum termijnen", "04-03-2026");
    harness.key_press(Key::Tab);
    harness.run_steps(2);
    let peil = jiff::civil::date(2026, 3, 4);
    assert_eq!(ws(&harness).inspection.peildatum(), Some(peil));

    // The team: a colleague added by name; the line under the name joins the names.
    type_into(&mut harness, "Teamlid toevoegen", "J. Jansen");
    harness.get_by_label("Toevoegen aan het team").click();
    harness.run_steps(2);
    harness.get_by_label("J. Jansen is toegevoegd aan het team.");
    harness.get_by_label_contains("inspecteurs E. Voorbeeld en J. Jansen");
    // Twice is refused in words.
    type_into(&mut harness, "Teamlid toevoegen", "j.  jansen");
    harness.get_by_label("Toevoegen aan het team").click();
    harness.run_steps(2);
    harness.get_by_label_contains("staat al in het team");

    // The history lists every version.
    harness
        .get_by_label_contains("Historie van de gegevens")
        .click();
    harness.run_steps(2);
    harness.get_by_label("Historie van de gegevens (5 versies)");
    harness.get_by_label("laatste bezoekdag 05-03-2026");

    close(&mut harness);
    let (_, stored, _) = Store::open(&path).unwrap();
    let details = stored.details_data();
    assert_eq!(details.organisatie, "Veilig Thuis Noord-Oost");
    assert_eq!(
        (details.bezoek_van, details.bezoek_tot, details.peildatum),
        (Some(van), Some(tot), Some(peil))
    );
    let history = stored.details.history(&stored.details_id()).unwrap();
    // Created, then one revision per change: organisatie, van, tot, peildatum.
    assert_eq!(history.revisions().len(), 5);
    assert!(
        history.revisions()[1..]
            .iter()
            .all(|r| stored.inspector_name(r.meta.author) == "E. Voorbeeld")
    );
    assert!(stored.inspectors.values().any(|n| n == "J. Jansen"));
}

/// Keystrokes sent, for the reference task: every typed character and every key (a chord such
/// as Ctrl+Enter counts once).
struct Keys<'h, 'a> {
    harness: &'h mut Harness<'a, App>,
    count: usize,
}

impl Keys<'_, '_> {
    fn text(&mut self, text: &str) {
        // One character per event, as a person types.
        for c in text.chars() {
            self.harness.event(egui::Event::Text(c.to_string()));
            self.harness.run_steps(1);
        }
        self.count += text.chars().count();
    }

    fn key(&mut self, modifiers: Modifiers, key: Key) {
        self.harness.key_press_modifiers(modifiers, key);
        self.harness.run_steps(2);
        self.count += 1;
    }
}

#[test]
fn the_flitsinterview_reference_task_by_keyboard_with_a_remembered_function() {
    let root = tempfile::tempdir().unwrap();
    let mut harness = harness(app(root.path()));
    harness.run_steps(2);
    let path = open_demo(&mut harness);
    let first = ws(&harness).inspection.framework.sources.flash_questions[0].clone();
    let tagged = first.expectations[0].clone();
    let functie = "teamleider triage";
    let answer = "Ik bel direct de achterwacht en start een onderzoek";
    assert_eq!((functie.chars().count(), answer.chars().count()), (17, 51));

    // The first time in this file: the whole function is typed.
    let mut keys = Keys {
        harness: &mut harness,
        count: 0,
    };
    keys.key(Modifiers::COMMAND | Modifiers::SHIFT, Key::F);
    keys.text(functie);
    keys.key(Modifiers::NONE, Key::Enter); // to the first question
    keys.text(answer);
    keys.key(Modifiers::NONE, Key::Tab); // to the tag of its first verwachting
    keys.key(Modifiers::NONE, Key::O);
    keys.key(Modifiers::COMMAND, Key::Enter);
    let first_time = keys.count;
    assert!(!screens(&harness).flash.open, "saved and closed");
    let saved = |harness: &Harness<'_, App>, tag: Tag| {
        ws(harness)
            .inspection
            .flashes
            .current()
            .filter(|f| {
                f.data.functie == functie
                    && f.data.antwoorden.get(&first.id).map(String::as_str) == Some(answer)
                    && f.data.tags.get(&tagged) == Some(&tag)
                    && f.data.tags.len() == 1
            })
            .count()
    };
    let all: Vec<_> = ws(&harness)
        .inspection
        .flashes
        .current()
        .map(|f| {
            (
                f.data.functie.clone(),
                f.data.antwoorden.clone(),
                f.data.tags.clone(),
            )
        })
        .collect();
    assert_eq!(saved(&harness, Tag::Ondersteunt), 1, "{all:?}");
    assert_eq!(first_time, 1 + 17 + 1 + 51 + 1 + 1 + 1);

    // Practised: the function used before is completed from three letters.
    let mut keys = Keys {
        harness: &mut harness,
        count: 0,
    };
    keys.key(Modifiers::COMMAND | Modifiers::SHIFT, Key::F);
    keys.text("tea");
    keys.harness
        .get_by_label_contains(&format!("Enter neemt '{functie}' over"));
    keys.key(Modifiers::NONE, Key::Enter);
    assert_eq!(screens(keys.harness).flash.functie, functie);
    keys.text(answer);
    keys.key(Modifiers::NONE, Key::Tab);
    // The tag row has the focus, visibly, with its keys.
    keys.harness.get_by_label("O, W of N · Delete wist");
    keys.key(Modifiers::NONE, Key::W);
    keys.key(Modifiers::COMMAND, Key::Enter);
    let practised = keys.count;
    assert_eq!(saved(&harness, Tag::Weerspreekt), 1);
    assert_eq!(practised, 1 + 3 + 1 + 51 + 1 + 1 + 1);
    println!(
        "flitsinterview reference task: {first_time} keystrokes the first time, {practised} with the function remembered"
    );

    // A saved flitsinterview is corrected in the same dialog.
    harness.key_press(Key::F3);
    harness.run_steps(2);
    let id = ws(&harness)
        .inspection
        .flashes
        .current()
        .find(|f| f.data.tags.get(&tagged) == Some(&Tag::Weerspreekt))
        .unwrap()
        .meta
        .entity
        .clone();
    harness.state_mut().command(Command::EditFlash(id.clone()));
    harness.run_steps(3);
    harness.get_by_label("Flitsinterview bewerken");
    harness.key_press(Key::Enter); // the function stays; to the first answer
    harness.run_steps(2);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.event(egui::Event::Text("Ik bel de achterwacht".into()));
    harness.run_steps(1);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    harness.run_steps(3);
    let edited = ws(&harness).inspection.flashes.get(&id).unwrap().clone();
    assert_eq!(
        edited.data.antwoorden.get(&first.id).map(String::as_str),
        Some("Ik bel de achterwacht")
    );
    assert_eq!(
        edited.meta.replaces.len(),
        1,
        "a new revision of the same one"
    );
    close(&mut harness);
    let (_, stored, _) = Store::open(&path).unwrap();
    assert_eq!(
        stored
            .flashes
            .current()
            .filter(|f| f.data.functie == functie)
            .count(),
        2
    );
}

#[test]
fn the_name_is_asked_once_before_the_first_edit_and_the_edit_then_goes_ahead() {
    let root = tempfile::tempdir().unwrap();
    let mut app = app(root.path());
    app.prefs.inspecteur.clear();
    let mut harness = harness(app);
    harness.run_steps(2);
    let path = open_demo(&mut harness);
    // Reading asks nothing.
    assert!(harness.query_by_label("Wie bent u?").is_none());
    harness.key_press(Key::F6);
    harness.run_steps(2);
    let before = ws(&harness).inspection.oordeel("1.1.1").unwrap().data.value;
    assert_eq!(before, JudgementValue::Voldoende);
    // The first edit waits for the name.
    harness.key_press(Key::O);
    harness.run_steps(3);
    harness.get_by_label("Wie bent u?");
    assert_eq!(ws(&harness).edits, 0);
    assert_eq!(
        ws(&harness).inspection.oordeel("1.1.1").unwrap().data.value,
        JudgementValue::Voldoende
    );
    // The name field has the focus: type and press Enter.
    harness.event(egui::Event::Text("M. de Vries".into()));
    harness.run_steps(1);
    harness.key_press(Key::Enter);
    harness.run_steps(4);
    assert!(harness.query_by_label("Wie bent u?").is_none());
    assert_eq!(harness.state().prefs.inspecteur, "M. de Vries");
    let oordeel = ws(&harness).inspection.oordeel("1.1.1").unwrap().clone();
    assert_eq!(oordeel.data.value, JudgementValue::Onvoldoende);
    assert_eq!(
        ws(&harness).inspection.inspector_name(oordeel.meta.author),
        "M. de Vries"
    );
    // Asked once: the next edit goes straight through.
    harness.key_press(Key::V);
    harness.run_steps(3);
    assert!(harness.query_by_label("Wie bent u?").is_none());
    close(&mut harness);
    let (_, stored, _) = Store::open(&path).unwrap();
    let oordeel = stored.oordeel("1.1.1").unwrap();
    assert_eq!(stored.inspector_name(oordeel.meta.author), "M. de Vries");
    assert!(!stored.inspectors.values().any(|n| n == "inspecteur"));
}

#[test]
fn a_new_inspection_goes_to_the_documents_folder_by_default_and_starts_empty() {
    let root = tempfile::tempdir().unwrap();
    let mut harness = harness(app(root.path()));
    harness.run_steps(2);
    // First the demo (its wachtlijst has a peildatum), then a new onderzoek in the same session.
    open_demo(&mut harness);
    close(&mut harness);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::N);
    harness.run_steps(2);
    type_into(&mut harness, "Organisatie:", "Veilig Thuis Proef");
    // Encrypted by default: the passphrase twice.
    type_into(&mut harness, "Wachtwoord:", "proef-wachtwoord");
    type_into(&mut harness, "Herhaal wachtwoord:", "proef-wachtwoord");
    harness.get_by_label("Aanmaken").click();
    harness.run_steps(2);
    wait_until(&mut harness, "the new inspection to open", |app| {
        app.workspace().is_some()
    });
    let expected = root.path().join("documenten/veilig-thuis-proef.veldtoets");
    assert_eq!(
        std::path::absolute(&ws(&harness).path).unwrap(),
        std::path::absolute(&expected).unwrap()
    );
    assert!(expected.exists());
    // Remembered for the next new onderzoek.
    assert_eq!(
        harness.state().prefs.new_dir.as_deref(),
        Some(
            std::path::absolute(root.path().join("documenten"))
                .unwrap()
                .as_path()
        )
    );
    // Nothing of the demo shows in the new onderzoek's fields.
    assert_eq!(field_value(&harness, "Peildatum (dd-mm-jjjj)"), "");
    assert_eq!(field_value(&harness, "Aantal wachtend"), "");
    harness.get_by_label("Eindoordeel: nog geen oordeel");
}

#[test]
fn the_merge_picker_does_not_offer_the_open_file_and_the_summary_counts_in_words() {
    let root = tempfile::tempdir().unwrap();
    let mine = root.path().join("documenten/mijn.veldtoets");
    std::fs::create_dir_all(mine.parent().unwrap()).unwrap();
    veldtoets::demo::create(&mine).unwrap();
    let theirs = root.path().join("documenten/collega.veldtoets");
    colleague_copy(&mine, &theirs, "4.1.1", "onvoldoende", "Volgens collega.");
    let mut harness = open_file(root.path(), &mine);
    harness.get_by_label("Samenvoegen…").click();
    harness.run_steps(3);
    wait_until(&mut harness, "the folder listing", |app| {
        app.chooser
            .as_ref()
            .is_some_and(|c| matches!(c.entries, Some(Ok(_))))
    });
    harness.get_by_label("collega.veldtoets");
    assert!(
        harness.query_by_label("mijn.veldtoets").is_none(),
        "the open file is offered to merge into itself"
    );
    // Typed, it is refused in words.
    choose_path(&mut harness, &mine);
    harness.get_by_label_contains("Dit is het geopende onderzoek zelf");
    harness.get_by_label("Gekozen: 0 bestanden");
    choose_path(&mut harness, &theirs);
    harness.get_by_label("Gekozen: 1 bestand");
    harness.get_by_label("Samenvoegen").click();
    harness.run_steps(2);
    wait_until(&mut harness, "the merge summary", |app| {
        app.dialog
            .as_ref()
            .is_some_and(|d| d.title == "Samengevoegd")
    });
    let message = harness.state().dialog.as_ref().unwrap().message.clone();
    assert!(message.starts_with("1 bestand samengevoegd."), "{message}");
    for jargon in ["regel(s)", "vervangt:", "bestand(en)", "conflict(en)"] {
        assert!(!message.contains(jargon), "{jargon} in {message}");
    }
}

#[test]
fn the_work_list_filters_searches_and_warns_gently_about_a_missing_onderbouwing() {
    use veldtoets::ui::screens::expectation::WorkFilter;
    let root = tempfile::tempdir().unwrap();
    let mut harness = fresh(root.path());
    harness.key_press(Key::F6);
    harness.run_steps(2);
    // Voldoende on 1.1.1 without a word of onderbouwing: accepted, with a gentle warning.
    harness.key_press(Key::V);
    harness.run_steps(3);
    assert_eq!(
        ws(&harness).inspection.oordeel("1.1.1").unwrap().data.value,
        JudgementValue::Voldoende
    );
    harness.get_by_label_contains("dit oordeel heeft nog geen onderbouwing");

    // The filter "zonder onderbouwing" lists only 1.1.1.
    harness.get_by_label("Toon").click();
    harness.run_steps(2);
    harness.get_by_label("zonder onderbouwing (1)").click();
    harness.run_steps(2);
    assert_eq!(
        screens(&harness).expectation.filter,
        WorkFilter::ZonderOnderbouwing
    );
    harness.get_by_label("1.1.1, oordeel voldoende");
    assert!(harness.query_by_label("1.2.1, niet beoordeeld").is_none());
    harness.get_by_label("1 verwachting");

    // Typed onderbouwing: no warning, and the work list is done.
    type_into(
        &mut harness,
        "Onderbouwing (komt in het rapport)",
        "Alle dossiers binnen de termijn.",
    );
    harness.run_steps(2);
    assert!(
        harness
            .query_by_label_contains("dit oordeel heeft nog geen onderbouwing")
            .is_none()
    );
    harness.get_by_label("Geen verwachtingen met dit filter of deze zoekwoorden.");
    harness.get_by_label("Alles tonen").click();
    harness.run_steps(2);

    // "Niet beoordeeld": Alt+Rechts goes through the work list (1.1.1 is judged: skipped).
    {
        let state = &mut harness.state_mut().screens_mut().unwrap().expectation;
        state.filter = WorkFilter::NietBeoordeeld;
        state.index = 0;
    }
    harness.run_steps(2);
    harness.key_press_modifiers(Modifiers::ALT, Key::ArrowRight);
    harness.run_steps(2);
    assert_eq!(screens(&harness).expectation.index, 1);
    assert!(harness.query_by_label("1.1.1, oordeel voldoende").is_none());

    // Ctrl+F searches the verwachtingen (number, text, onderbouwing).
    harness.get_by_label("Alles tonen").click();
    harness.run_steps(2);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    harness.run_steps(2);
    harness.event(egui::Event::Text("binnen de termijn".into()));
    harness.run_steps(2);
    assert_eq!(screens(&harness).expectation.search, "binnen de termijn");
    harness.get_by_label("1.1.1, oordeel voldoende");
    let shown = screens(&harness).expectation.shown(ws(&harness));
    assert!(shown.contains(&0), "found by its onderbouwing");
    assert!(shown.len() < 31, "the search narrows the list");
    // Typing in the search field sets no oordeel.
    assert!(ws(&harness).inspection.oordeel("1.2.1").is_none());
}

#[test]
fn text_typed_before_a_name_is_given_waits_for_it_and_can_be_given_up() {
    let root = tempfile::tempdir().unwrap();
    let mut app = app(root.path());
    app.prefs.inspecteur.clear();
    let mut harness = harness(app);
    harness.run_steps(2);
    let path = open_demo(&mut harness);
    harness.key_press(Key::F6);
    harness.run_steps(2);
    let stored = ws(&harness)
        .inspection
        .oordeel("1.1.1")
        .unwrap()
        .data
        .onderbouwing
        .clone();
    let field = "Onderbouwing (komt in het rapport)";
    harness.get_by_label(field).focus();
    harness.run_steps(1);
    harness.event(egui::Event::Text("X".into()));
    harness.run_steps(3);
    // Asked at the first key; nothing written, not even as a draft.
    harness.get_by_label("Wie bent u?");
    assert!(ws(&harness).has_dirty_drafts());
    // Closing waits for the answer (the question stays on top).
    harness.get_by_label("Sluiten").click_accesskit();
    harness.run_steps(3);
    assert!(harness.state().workspace().is_some());
    harness.get_by_label("Niets wijzigen").click();
    harness.run_steps(2);
    wait_until(&mut harness, "the inspection to close", |app| {
        app.workspace().is_none()
    });
    let (_, inspection, _) = Store::open(&path).unwrap();
    assert!(
        inspection.drafts.is_empty(),
        "no draft under an unknown name"
    );
    assert_eq!(
        inspection.oordeel("1.1.1").unwrap().data.onderbouwing,
        stored
    );
    assert_eq!(harness.state().prefs.inspecteur, "");
}
