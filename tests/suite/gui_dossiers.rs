//! The Dossiers screen at scale (issue 15, item 4), driven headless with egui_kittest: the
//! filter, sorting on a column (with the mouse and the keyboard), the split between table and
//! dossier, sideways scrolling at a small width, the checklist named by its questions, and one
//! dossiervraag answered over many dossiers and stored. Widgets are found by their accessible
//! names, as a screen reader would.

use crate::support;

use std::path::{Path, PathBuf};

use eframe::egui::{self, Key};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use support::{app, close, harness_sized, wait_until};
use veldtoets::domain::inspection::{CheckAnswer, CheckData, Inspection, Kind, Record, Stamp};
use veldtoets::domain::termijn;
use veldtoets::store::Store;
use veldtoets::ui::app::App;
use veldtoets::ui::commands::Screen;
use veldtoets::ui::screens::dossiers::DossiersState;

/// The demo inspection (12 dossiers) opened in the app on the Dossiers screen, in a window of
/// `size`.
fn open_demo(root: &Path, size: egui::Vec2) -> (Harness<'static, App>, PathBuf) {
    let path = root.join("demo.veldtoets");
    drop(veldtoets::demo::create(&path).unwrap());
    open_file(root, path, size)
}

/// `path` opened in the app on the Dossiers screen.
fn open_file(root: &Path, path: PathBuf, size: egui::Vec2) -> (Harness<'static, App>, PathBuf) {
    let mut app = app(root);
    app.open(path.clone());
    let mut harness = harness_sized(app, size);
    wait_until(&mut harness, "the demo inspection to open", |app| {
        app.workspace().is_some()
    });
    harness.key_press(Key::F4);
    harness.run_steps(3);
    assert_eq!(harness.state().screens().unwrap().current, Screen::Dossiers);
    (harness, path)
}

fn inspection<'a>(harness: &'a Harness<'_, App>) -> &'a Inspection {
    &harness.state().workspace().unwrap().inspection
}

fn dossiers<'a>(harness: &'a Harness<'_, App>) -> &'a DossiersState {
    &harness.state().screens().unwrap().dossiers
}

/// The numbers of the dossiers with a termijn missed (stopped too late, or open and over its
/// term at the peildatum), straight from the domain.
fn late_numbers(insp: &Inspection) -> Vec<String> {
    let peildatum = insp.peildatum();
    insp.dossier_list()
        .into_iter()
        .filter(|d| {
            insp.framework
                .deadlines
                .iter()
                .any(|def| termijn::evaluate(def, &d.data.dates, peildatum).is_missed())
        })
        .map(|d| d.data.nummer.clone())
        .collect()
}

/// The dossier id of a number.
fn id_of(insp: &Inspection, nummer: &str) -> String {
    insp.dossier_list()
        .into_iter()
        .find(|d| d.data.nummer == nummer)
        .unwrap()
        .meta
        .entity
        .clone()
}

#[test]
fn the_filter_te_laat_shows_only_the_late_dossiers() {
    let root = tempfile::tempdir().unwrap();
    let (mut harness, _) = open_demo(root.path(), egui::vec2(1366.0, 768.0));
    let all: Vec<String> = dossiers(&harness).shown_numbers();
    assert_eq!(all.len(), 12);
    harness.get_by_label("12 dossiers");
    let late = late_numbers(inspection(&harness));
    assert!(
        !late.is_empty() && late.len() < all.len(),
        "the demo has late and timely dossiers: {late:?}"
    );

    harness.get_by_label("Filter te laat").click();
    harness.run_steps(2);
    assert_eq!(dossiers(&harness).shown_numbers(), late);
    harness.get_by_label(&format!("{} van 12 dossiers", late.len()));
    // On screen: every late dossier is a row, no other dossier is.
    for nummer in &all {
        let shown = harness.query_by_label(nummer).is_some();
        assert_eq!(
            shown,
            late.contains(nummer),
            "dossier {nummer} on screen: {shown}"
        );
    }

    // Back to all of them.
    harness.get_by_label("Filter alle").click();
    harness.run_steps(2);
    assert_eq!(dossiers(&harness).shown_numbers(), all);
    harness.get_by_label("12 dossiers");
}

#[test]
fn sorting_on_a_column_changes_the_order_with_the_mouse_and_the_keyboard() {
    let root = tempfile::tempdir().unwrap();
    let (mut harness, _) = open_demo(root.path(), egui::vec2(1366.0, 768.0));
    let natural = dossiers(&harness).shown_numbers();
    let builds = dossiers(&harness).list_builds();

    // Termijnen: the worst first; the header says how it is sorted.
    harness.get_by_label("Sorteren op termijnen").click();
    harness.run_steps(2);
    harness.get_by_label("Sorteren op termijnen (nu ernstigste eerst)");
    let worst_first = dossiers(&harness).shown_numbers();
    assert_ne!(worst_first, natural, "sorting on termijnen changed nothing");
    let late = late_numbers(inspection(&harness));
    assert!(
        late.contains(&worst_first[0]),
        "the first row ({}) is not late",
        worst_first[0]
    );
    assert!(
        !late.contains(worst_first.last().unwrap()),
        "the last row is late"
    );
    // The rows on screen follow: the first above the last.
    let first = harness.get_by_label(&worst_first[0]).rect();
    let second = harness.get_by_label(&worst_first[1]).rect();
    assert!(first.top() < second.top());

    // With the keyboard: Tab to the Nummer header and press Enter (twice: up, then down).
    harness.get_by_label("Sorteren op nummer").focus();
    harness.run_steps(1);
    harness.key_press(Key::Enter);
    harness.run_steps(2);
    assert_eq!(dossiers(&harness).shown_numbers(), natural);
    harness.get_by_label("Sorteren op nummer (nu oplopend)");
    harness.key_press(Key::Enter);
    harness.run_steps(2);
    let mut reversed = natural.clone();
    reversed.reverse();
    assert_eq!(dossiers(&harness).shown_numbers(), reversed);
    harness.get_by_label("Sorteren op nummer (nu aflopend)");
    // Sorting and drawing did not recompute the rows: only a change of the data does.
    assert_eq!(dossiers(&harness).list_builds(), builds);
}

#[test]
fn the_table_is_one_tab_stop_and_the_arrows_choose_the_dossier() {
    let root = tempfile::tempdir().unwrap();
    let (mut harness, _) = open_demo(root.path(), egui::vec2(1366.0, 768.0));
    let natural = dossiers(&harness).shown_numbers();
    harness.get_by_label("Dossiertabel").focus();
    harness.run_steps(1);
    harness.key_press(Key::ArrowDown);
    harness.run_steps(2);
    let insp = inspection(&harness);
    assert_eq!(
        dossiers(&harness).selected.as_deref(),
        Some(id_of(insp, &natural[0]).as_str())
    );
    harness.get_by_label(&format!("Dossier {}", natural[0]));
    for _ in 0..2 {
        harness.key_press(Key::ArrowDown);
        harness.run_steps(1);
    }
    harness.run_steps(1);
    let insp = inspection(&harness);
    assert_eq!(
        dossiers(&harness).selected.as_deref(),
        Some(id_of(insp, &natural[2]).as_str())
    );
    harness.key_press(Key::End);
    harness.run_steps(2);
    let insp = inspection(&harness);
    assert_eq!(
        dossiers(&harness).selected.as_deref(),
        Some(id_of(insp, natural.last().unwrap()).as_str())
    );
    harness.get_by_label(&format!("Dossier {}", natural.last().unwrap()));
    assert!(harness.get_by_label("Dossiertabel").is_focused());
}

#[test]
fn the_split_between_table_and_dossier_moves_with_the_keyboard_and_is_kept() {
    let root = tempfile::tempdir().unwrap();
    let (mut harness, _) = open_demo(root.path(), egui::vec2(1366.0, 768.0));
    let before = harness.get_by_label("Dossiertabel").rect().height();
    harness
        .get_by_label("Verdeling tussen tabel en dossier")
        .focus();
    harness.run_steps(1);
    for _ in 0..4 {
        harness.key_press(Key::ArrowDown);
        harness.run_steps(1);
    }
    harness.run_steps(2);
    let after = harness.get_by_label("Dossiertabel").rect().height();
    assert!(
        after > before + 60.0,
        "the table did not grow: {before} → {after}"
    );
    // Another screen and back: the split stays where it was put.
    harness.key_press(Key::F1);
    harness.run_steps(2);
    harness.key_press(Key::F4);
    harness.run_steps(3);
    let back = harness.get_by_label("Dossiertabel").rect().height();
    assert!((back - after).abs() < 1.0, "{after} → {back}");
}

#[test]
fn at_1024_by_700_the_table_scrolls_sideways_instead_of_cutting_columns_off() {
    let root = tempfile::tempdir().unwrap();
    let (mut harness, _) = open_demo(root.path(), egui::vec2(1024.0, 700.0));
    let width = 1024.0;
    let termijnen = harness.get_by_label("Sorteren op termijnen").rect();
    assert!(
        termijnen.right() > width,
        "the whole table fits; nothing to scroll: {termijnen:?}"
    );
    // Before scrolling, a number stands in the Nummer column.
    let first = dossiers(&harness).shown_numbers()[0].clone();
    let header = harness.get_by_label_contains("Sorteren op nummer").rect();
    let cell = harness.get_by_label(&first).rect();
    assert!(
        (cell.left() - header.left()).abs() < 16.0,
        "row {cell:?} and header {header:?} are out of step"
    );
    // Reaching the Termijnen header with the keyboard scrolls the table sideways.
    harness.get_by_label("Sorteren op termijnen").focus();
    harness.run_steps(4);
    let moved = harness.get_by_label("Sorteren op termijnen").rect();
    assert!(
        moved.right() <= width + 1.0 && moved.left() >= 0.0,
        "the Termijnen column is still cut off: {moved:?}"
    );
    let shift = termijnen.left() - moved.left();
    assert!(shift > 0.0);
    // The rows moved with the header: the number is out of view or shifted as much.
    if let Some(cell_after) = harness.query_by_label(&first) {
        let cell_after = cell_after.rect();
        assert!(
            (cell.left() - cell_after.left() - shift).abs() < 1.0,
            "the rows did not scroll with the header: {cell:?} → {cell_after:?}, header {shift}"
        );
    }
    // The table reached with the keyboard shows the numbers again; ←/→ scroll it sideways.
    harness.get_by_label("Dossiertabel").focus();
    harness.run_steps(3);
    let back = harness.get_by_label_contains("Sorteren op nummer").rect();
    assert!(
        (back.left() - header.left()).abs() < 1.0,
        "{header:?} → {back:?}"
    );
    for _ in 0..3 {
        harness.key_press(Key::ArrowRight);
        harness.run_steps(1);
    }
    harness.run_steps(2);
    let right = harness.get_by_label("Sorteren op termijnen").rect();
    assert!(right.left() < termijnen.left(), "{termijnen:?} → {right:?}");
    for _ in 0..3 {
        harness.key_press(Key::ArrowLeft);
        harness.run_steps(1);
    }
    harness.run_steps(2);
    let left = harness.get_by_label("Sorteren op termijnen").rect();
    assert!(
        (left.left() - termijnen.left()).abs() < 1.0,
        "{termijnen:?} → {left:?}"
    );
    assert!(harness.get_by_label("Dossiertabel").is_focused());
}

#[test]
fn the_checklist_is_labelled_by_its_questions_not_by_their_ids() {
    let root = tempfile::tempdir().unwrap();
    let (mut harness, _) = open_demo(root.path(), egui::vec2(1366.0, 768.0));
    let first = dossiers(&harness).shown_numbers()[0].clone();
    harness.get_by_label(&first).click();
    harness.run_steps(2);
    let q = inspection(&harness).framework.sources.checklist[3].clone();
    // The question is shown as its text, and its answers are named by it.
    harness.get_by_label(&q.text);
    harness.get_by_label(&format!("{}: ja", q.text));
    harness.get_by_label(&format!("{}: n.v.t.", q.text));
    let start: String = q.text.chars().take(20).collect();
    harness.get_by_label_contains(&format!("Toelichting bij: {start}"));
    assert!(
        harness
            .query_by_label_contains(&format!("Toelichting {}", q.id))
            .is_none(),
        "a toelichting is labelled by the question's id"
    );
    assert!(harness.query_by_label(&format!("{} ja", q.id)).is_none());
    // Answering by that name works.
    harness
        .get_by_label(&format!("{}: nee", q.text))
        .click_accesskit();
    harness.run_steps(2);
    let insp = inspection(&harness);
    let check = insp.check_id(&id_of(insp, &first), &q.id);
    assert_eq!(
        insp.checks.get(&check).unwrap().data.antwoord,
        CheckAnswer::Nee
    );
}

#[test]
fn one_question_over_all_dossiers_is_answered_for_several_and_stored() {
    let root = tempfile::tempdir().unwrap();
    let (mut harness, path) = open_demo(root.path(), egui::vec2(1366.0, 768.0));
    let q = inspection(&harness).framework.sources.checklist[7].clone();
    // Two new dossiers: no answers yet.
    for nummer in ["VTG-NIEUW-1", "VTG-NIEUW-2"] {
        harness.get_by_label("Dossiernummer (pseudoniem):").focus();
        harness.run_steps(1);
        harness
            .get_by_label("Dossiernummer (pseudoniem):")
            .type_text(nummer);
        harness.get_by_label("Dossier toevoegen").click();
        harness.run_steps(3);
    }
    let numbers = dossiers(&harness).shown_numbers();
    assert_eq!(numbers.len(), 14);

    harness
        .get_by_label("Weergave: één dossiervraag over alle dossiers")
        .click();
    harness.run_steps(2);
    // Choose the question by its text.
    harness.get_by_label("Dossiervraag:").click();
    harness.run_steps(2);
    let start: String = q.text.chars().take(30).collect();
    harness.get_by_label_contains(&start).click();
    harness.run_steps(2);
    harness.get_by_label(&q.text);

    // Two dossiers with the mouse.
    harness
        .get_by_label(&format!("{}: nee", numbers[0]))
        .click();
    harness.run_steps(1);
    harness.get_by_label(&format!("{}: ja", numbers[1])).click();
    harness.run_steps(2);
    // Two more with the keyboard: the list is one Tab stop; V answers and moves on, J too.
    harness.get_by_label("Antwoorden per dossier").focus();
    harness.run_steps(1);
    for key in [Key::Home, Key::ArrowDown, Key::ArrowDown] {
        harness.key_press(key);
        harness.run_steps(1);
    }
    harness.key_press(Key::V);
    harness.run_steps(1);
    harness.key_press(Key::J);
    harness.run_steps(2);
    let expected = [
        (numbers[0].clone(), CheckAnswer::Nee),
        (numbers[1].clone(), CheckAnswer::Ja),
        (numbers[2].clone(), CheckAnswer::Nvt),
        (numbers[3].clone(), CheckAnswer::Ja),
    ];
    let answer_of = |insp: &Inspection, nummer: &str| {
        let check = insp.check_id(&id_of(insp, nummer), &q.id);
        insp.checks
            .get(&check)
            .map_or(CheckAnswer::Open, |c| c.data.antwoord)
    };
    for (nummer, a) in &expected {
        assert_eq!(
            answer_of(inspection(&harness), nummer),
            *a,
            "dossier {nummer}"
        );
    }
    harness.get_by_label(&format!("{}: n.v.t.", numbers[2]));

    // Every dossier still without an answer gets n.v.t. at once, after a confirmation.
    let open: Vec<String> = numbers
        .iter()
        .filter(|n| answer_of(inspection(&harness), n) == CheckAnswer::Open)
        .cloned()
        .collect();
    assert!(!open.is_empty(), "every dossier has an answer already");
    harness
        .get_by_label("Alle dossiers zonder antwoord: n.v.t.")
        .click();
    harness.run_steps(2);
    harness.get_by_label_contains("Zeker weten?");
    harness.get_by_label("Ja, vastleggen").click();
    harness.run_steps(3);
    harness.get_by_label_contains("nog geen antwoord 0");

    close(&mut harness);
    let (_, stored, _) = Store::open(&path).unwrap();
    for (nummer, a) in &expected {
        assert_eq!(
            answer_of(&stored, nummer),
            *a,
            "dossier {nummer} in the file"
        );
    }
    for nummer in &open {
        assert_eq!(
            answer_of(&stored, nummer),
            CheckAnswer::Nvt,
            "dossier {nummer} in the file"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// A dossiervraag answered differently in two copies of the file, merged: two versions. The
// one-question view does not edit it (neither by key nor by the all-at-once answer) and offers
// the choice instead, as the dossier's own checklist does.

const VRAAG: &str = "dos-1.1.1b";

/// In the copy `path`, inspecteur `who` answers `VRAAG` for `dossier`.
fn answer_in_copy(path: &Path, who: &str, dossier: &str, antwoord: CheckAnswer) {
    let (mut store, mut inspection, _) = Store::open(path).unwrap();
    let author = inspection.add_inspector(who);
    store.add_inspector(author, who).unwrap();
    let change = inspection.change(
        &inspection.check_id(dossier, VRAAG),
        Record::Check(CheckData {
            dossier: dossier.to_string(),
            vraag: VRAAG.to_string(),
            antwoord,
            notitie: String::new(),
        }),
        author,
        Stamp::now(),
    );
    store.append(&change).unwrap();
}

#[test]
fn an_answer_with_two_versions_is_not_set_in_the_one_question_view() {
    let root = tempfile::tempdir().unwrap();
    let base = root.path().join("basis.veldtoets");
    let (store, demo) = veldtoets::demo::create(&base).unwrap();
    drop(store);
    let first = demo.dossier_list()[0].clone();
    let (a, b) = (
        root.path().join("a.veldtoets"),
        root.path().join("b.veldtoets"),
    );
    std::fs::copy(&base, &a).unwrap();
    std::fs::copy(&base, &b).unwrap();
    answer_in_copy(&a, "E. Voorbeeld", &first.meta.entity, CheckAnswer::Ja);
    answer_in_copy(&b, "J. Proef", &first.meta.entity, CheckAnswer::Nee);
    let merged = root.path().join("samen.veldtoets");
    veldtoets::store::merge(&merged, &[a.as_path(), b.as_path()], &mut |_| {}).unwrap();
    let (mut harness, _) = open_file(root.path(), merged, egui::vec2(1366.0, 768.0));
    let check = inspection(&harness).check_id(&first.meta.entity, VRAAG);
    assert!(inspection(&harness).is_conflicted(Kind::Check, &check));

    harness
        .get_by_label("Weergave: één dossiervraag over alle dossiers")
        .click();
    harness.run_steps(2);
    harness.get_by_label("Volgende vraag").click();
    harness.run_steps(2);
    let text = inspection(&harness).framework.sources.checklist[1]
        .text
        .clone();
    harness.get_by_label(&text);
    // The row says so, has no answers to click, and a key press on it changes nothing.
    harness.get_by_label("⚠ twee versies");
    let nummer = &first.data.nummer;
    assert!(harness.query_by_label(&format!("{nummer}: ja")).is_none());
    harness.get_by_label("Antwoorden per dossier").focus();
    harness.run_steps(1);
    harness.key_press(Key::Home);
    harness.run_steps(1);
    harness.key_press(Key::J);
    harness.run_steps(2);
    harness.get_by_label_contains("heeft twee versies: kies eerst");
    let ws = harness.state().workspace().unwrap();
    assert_eq!(ws.edits, 0, "an answer with two versions was edited");
    assert!(ws.inspection.is_conflicted(Kind::Check, &check));

    // The choice opens on the Conflicten screen.
    harness
        .get_by_label(&format!(
            "Kies een versie van het antwoord bij dossier {nummer}"
        ))
        .click();
    harness.run_steps(2);
    let screens = harness.state().screens().unwrap();
    assert_eq!(screens.current, Screen::Conflicten);
    assert_eq!(screens.conflicts.selected, Some((Kind::Check, check)));
}

/// A kader that declares its own dossier dates (issue 13): the table has a column per date of
/// that kader, the dossier its date fields by their labels, and a date typed there is stored
/// under its id and measured against the kader's zero-day term ("direct na").
#[test]
fn a_kader_with_its_own_dates_gets_its_own_columns_and_fields() {
    let root = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/kader-eigen-data.toml"),
    )
    .unwrap();
    let framework = veldtoets::kader_io::parse(&text, "kader-eigen-data.toml").unwrap();
    let path = root.path().join("eigen.veldtoets");
    let (mut store, mut insp) = Store::create(
        &path,
        &framework,
        "Voorbeeldorganisatie Noord",
        "E. Voorbeeld",
        Stamp::now(),
    )
    .unwrap();
    let aanmelding = framework.date_kind("aanmelding").unwrap();
    let data = veldtoets::domain::inspection::DossierData {
        nummer: "D-1".into(),
        dates: termijn::CaseDates::default().with(aanmelding, Some(jiff::civil::date(2026, 11, 2))),
        ..Default::default()
    };
    let author = insp.inspectors.keys().next().copied().unwrap();
    let change = insp.change("d1", Record::Dossier(data), author, Stamp::now());
    store.append(&change).unwrap();
    insp.apply(change);
    drop(store);

    let (mut harness, _) = open_file(root.path(), path, egui::vec2(1366.0, 768.0));
    for header in ["aanmelding", "eerste contact", "plan vastgesteld"] {
        harness.get_by_label(&format!("Sorteren op {header}"));
    }
    assert!(
        harness
            .query_by_label("Sorteren op triagebesluit")
            .is_none(),
        "a date this kader does not have"
    );
    harness.get_by_label("Dossiertabel").focus();
    harness.run_steps(1);
    harness.key_press(Key::ArrowDown);
    harness.run_steps(2);
    harness.get_by_label("Dossier D-1");
    let field = "Eerste contact:";
    harness.get_by_label(field).focus();
    harness.run_steps(1);
    harness.get_by_label(field).type_text("02-11-2026");
    harness.run_steps(1);
    harness.key_press(Key::Tab);
    harness.run_steps(2);
    let kind = framework.date_kind("eerste_contact").unwrap();
    let stored = inspection(&harness)
        .dossiers
        .get("d1")
        .unwrap()
        .data
        .dates
        .get(kind);
    assert_eq!(stored, Some(jiff::civil::date(2026, 11, 2)));
    harness.get_by_label_contains("Eerste contact direct na de aanmelding: binnen termijn (0 d)");
    close(&mut harness);
}
