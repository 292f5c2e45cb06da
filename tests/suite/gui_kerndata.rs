//! Kerndata and a chosen eindoordeel in the app (issue 13, item 5), driven headless with
//! egui_kittest and found by their accessible names, as a screen reader would: on Documenten
//! (F5) a kerngegeven typed in Dutch notation is stored in its canonical form, and one that
//! cannot be read is refused at its field and stored nowhere; on the Overzicht (F1) of a kader
//! with `maat = "keuze"` the inspecteur chooses the eindoordeel with an onderbouwing, which is
//! one versioned record, read-only after vaststellen and never silently resolved when it has
//! two versions. Other kaders show neither. The onderbouwing and a kerngegeven's toelichting are
//! drafts like every text: in the file while typed, restored after a crash. The header on every
//! screen says the chosen eindoordeel without counts, and Conflicten shows an eindoordeel by its
//! name and a kerngegeven as the kader writes it, never as stored.
//!
//! The kader is a small fictional one written here (not a shipped kader), so these tests do not
//! change when the shipped kaders do.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use eframe::egui::{self, Key, Modifiers, accesskit::Role};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use veldtoets::domain::inspection::{KeuzeData, Kind, PhaseData, Record, Stamp};
use veldtoets::store::Store;
use veldtoets::ui::app::App;
use veldtoets::ui::prefs::AppDirs;
use veldtoets::ui::types::Screen;
use veldtoets::ui::worker::Waker;
use veldtoets::ui::workspace::{DRAFT_IDLE, Workspace};

/// A fictional kader whose eindoordeel the inspecteur chooses, with three kerngegevens (one of
/// each kind) in three groups.
const KADER: &str = r#"
formaat = 1
id = "voorbeeld-keuze"
titel = "Voorbeeldscan met kerndata"
inspectie = "Voorbeeldinspectie"

[[thema]]
id = "1"
titel = "Dienstverlening"

[[thema.criterium]]
id = "1.1"
titel = "Topic 1: Wachtlijsten"

[[thema.criterium.verwachting]]
id = "1.1.1"
tekst = "De feitelijke situatie rond wachtlijsten is beschreven."
beoordeling = "inventarisatie"

[[thema.criterium.verwachting]]
id = "1.1.2"
tekst = "De risico's van die situatie zijn in kaart gebracht."
beoordeling = "inventarisatie"

[beslisregels]
maat = "keuze"

[[eindoordeel]]
id = "op_orde"
naam = "op orde"
omschrijving = "De organisatie voldoet aan de randvoorwaarden."

[[eindoordeel]]
id = "kwetsbaar"
naam = "kwetsbaar"
omschrijving = "De organisatie voldoet, maar de verbetering is pril."

[[eindoordeel]]
id = "niet_op_orde"
naam = "niet op orde"
omschrijving = "De organisatie voldoet niet aan de randvoorwaarden."

[[kerngegeven]]
id = "budget"
naam = "Structureel budget"
soort = "bedrag"
periode = "2016"
groep = "Financiën"

[[kerngegeven]]
id = "meldingen"
naam = "Aantal meldingen"
soort = "aantal"
periode = "januari t/m maart 2016"
groep = "Primair proces"

[[kerngegeven]]
id = "formatie"
naam = "Formatie in fte"
soort = "fte"
periode = "op 1 april 2016"
groep = "Formatie"
"#;

struct NoWaker;

impl Waker for NoWaker {
    fn wake(&self) {}
}

/// A new onderzoek on the kader above, `name` under `root`.
fn keuze_file(root: &Path, name: &str) -> PathBuf {
    let kader = root.join("voorbeeld-keuze.toml");
    std::fs::write(&kader, KADER).unwrap();
    let framework = veldtoets::kader_io::load_path(&kader).unwrap();
    let path = root.join(name);
    let (store, _) = Store::create(
        &path,
        &framework,
        "Veilig Thuis Voorbeeld",
        "E. Voorbeeld",
        Stamp::now(),
    )
    .unwrap();
    drop(store);
    path
}

/// Steps the UI until `done` holds (work runs on threads), or fails after 20 s.
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

/// `path` opened in the app (with the inspector's name known), on the Overzicht.
fn open(root: &Path, path: &Path) -> Harness<'static, App> {
    let dirs = AppDirs::under(root);
    std::fs::create_dir_all(&dirs.documents).unwrap();
    let mut app = App::new(dirs, Arc::new(NoWaker));
    app.prefs.inspecteur = "E. Voorbeeld".into();
    app.open_exports = false;
    app.open(path.to_path_buf());
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1366.0, 768.0))
        .build_ui_state(|ui, app: &mut App| app.show(ui), app);
    wait_until(&mut harness, "the file to open", |app| {
        app.workspace().is_some()
    });
    harness
}

fn ws<'a>(harness: &'a Harness<'_, App>) -> &'a Workspace {
    harness.state().workspace().unwrap()
}

/// Everything sent to the store is on disk.
fn settle(harness: &mut Harness<'_, App>) {
    harness.run_steps(2);
    wait_until(harness, "the edits to be written", |app| {
        app.workspace().is_some_and(|ws| !ws.store.pending())
    });
}

/// Closes the inspection once every edit is on disk.
fn close(harness: &mut Harness<'_, App>) {
    harness.get_by_label("Sluiten").click();
    harness.run_steps(1);
    wait_until(harness, "the inspection to close", |app| {
        app.workspace().is_none()
    });
}

/// A function key, as the inspector presses it.
fn press(harness: &mut Harness<'_, App>, key: Key) {
    harness.key_press(key);
    harness.run_steps(2);
}

fn screen(harness: &Harness<'_, App>) -> Screen {
    harness.state().screens().unwrap().current
}

/// The text field a screen reader calls `name`.
fn field<'a>(harness: &'a Harness<'_, App>, name: &'a str) -> egui_kittest::Node<'a> {
    harness.get_by_role_and_label(Role::TextInput, name)
}

fn value_of(harness: &Harness<'_, App>, name: &str) -> String {
    field(harness, name)
        .accesskit_node()
        .value()
        .unwrap_or_default()
        .to_string()
}

fn focused(harness: &Harness<'_, App>, role: Role, name: &str) -> bool {
    harness
        .get_by_role_and_label(role, name)
        .accesskit_node()
        .is_focused()
}

/// Focuses the field `name`, selects what is in it and types `text` over it.
fn type_into(harness: &mut Harness<'_, App>, role: Role, name: &str, text: &str) {
    harness.get_by_role_and_label(role, name).focus();
    harness.run_steps(1);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.key_press(Key::Backspace);
    harness.get_by_role_and_label(role, name).type_text(text);
    harness.run_steps(1);
}

/// Focuses the empty field `name` and types `text` in it (one key event per text, as an input
/// method delivers it).
fn type_in_empty(harness: &mut Harness<'_, App>, role: Role, name: &str, text: &str) {
    harness.get_by_role_and_label(role, name).focus();
    harness.run_steps(1);
    assert_eq!(text_of(harness, role, name), "", "{name} is empty");
    harness.get_by_role_and_label(role, name).type_text(text);
    harness.run_steps(1);
}

/// The stored value and toelichting of kerngegeven `id`, if it has a record.
fn kerngegeven(ws: &Workspace, id: &str) -> Option<(String, String)> {
    ws.inspection
        .kerngegevens
        .get(id)
        .map(|r| (r.data.waarde.clone(), r.data.toelichting.clone()))
}

fn keuze(ws: &Workspace) -> Option<KeuzeData> {
    ws.inspection
        .keuzes
        .get(&ws.inspection.keuze_id())
        .map(|r| r.data.clone())
}

/// The text of the field with role `role` a screen reader calls `name`.
fn text_of(harness: &Harness<'_, App>, role: Role, name: &str) -> String {
    harness
        .get_by_role_and_label(role, name)
        .accesskit_node()
        .value()
        .unwrap_or_default()
        .to_string()
}

/// The drafts in the file now (key and text), read on the store thread after every write sent
/// before: what a crash at this moment would leave.
fn drafts_on_disk(harness: &Harness<'_, App>) -> Vec<(String, String)> {
    let access = ws(harness).store.access().expect("the file is open");
    access
        .run(|store| store.drafts().map_err(|e| e.to_string()))
        .expect("the store thread answers")
        .unwrap()
        .into_iter()
        .map(|d| (d.key, d.text))
        .collect()
}

fn pair(key: &str, text: &str) -> (String, String) {
    (key.to_string(), text.to_string())
}

/// The header every screen shows under a kader whose eindoordeel is chosen: the eindoordeel in
/// the headline's words, and no counts (there is nothing counted towards it).
fn header_says(harness: &Harness<'_, App>, eindoordeel: &str) {
    harness.get_by_label(&format!("Eindoordeel: {eindoordeel}"));
    for counts in ["0/0", "van 0 beoordeeld", "0 voldoende", "0 onvoldoende"] {
        assert!(
            harness.query_by_label_contains(counts).is_none(),
            "no counts in the header: {counts}"
        );
    }
}

#[test]
fn a_kerngegeven_typed_in_dutch_is_stored_in_its_canonical_form() {
    let root = tempfile::tempdir().unwrap();
    let path = keuze_file(root.path(), "kerndata.veldtoets");
    let mut harness = open(root.path(), &path);
    press(&mut harness, Key::F5);
    assert_eq!(screen(&harness), Screen::Documenten);

    // A table a screen reader reads as one, with the groups of the kader.
    harness.get_by_role_and_label(Role::Table, "Kerndata");
    for header in ["Kerngegeven", "Periode", "Waarde", "Toelichting"] {
        harness.get_by_role_and_label(Role::ColumnHeader, header);
    }
    for group in ["Financiën", "Primair proces", "Formatie"] {
        harness.get_by_label(group);
    }
    harness.get_by_label("januari t/m maart 2016");
    let description = field(&harness, "Structureel budget")
        .accesskit_node()
        .description()
        .unwrap_or_default()
        .to_string();
    assert!(description.contains("bedrag in euro"), "{description}");

    // A sum with a euro sign, grouping dots and one decimal; Tab leaves the field (and goes to
    // its toelichting, the next field in reading order).
    type_into(
        &mut harness,
        Role::TextInput,
        "Structureel budget",
        "€ 4.250.000,5",
    );
    assert!(
        kerngegeven(ws(&harness), "budget").is_none(),
        "nothing is written while typing"
    );
    press(&mut harness, Key::Tab);
    settle(&mut harness);
    assert_eq!(
        kerngegeven(ws(&harness), "budget"),
        Some(("4250000.5".to_string(), String::new()))
    );
    assert_eq!(value_of(&harness, "Structureel budget"), "4.250.000,50");
    assert!(focused(
        &harness,
        Role::MultilineTextInput,
        "Toelichting bij Structureel budget"
    ));

    // The toelichting, then the next row's value (top to bottom), committed with Enter.
    harness
        .get_by_role_and_label(
            Role::MultilineTextInput,
            "Toelichting bij Structureel budget",
        )
        .type_text("Jaarrekening 2016");
    harness.run_steps(1);
    press(&mut harness, Key::Tab);
    assert!(focused(&harness, Role::TextInput, "Aantal meldingen"));
    harness
        .get_by_role_and_label(Role::TextInput, "Aantal meldingen")
        .type_text("1250");
    harness.run_steps(1);
    press(&mut harness, Key::Enter);
    settle(&mut harness);
    assert_eq!(
        kerngegeven(ws(&harness), "budget"),
        Some(("4250000.5".to_string(), "Jaarrekening 2016".to_string()))
    );
    assert_eq!(
        kerngegeven(ws(&harness), "meldingen").map(|(w, _)| w),
        Some("1250".to_string())
    );
    assert_eq!(value_of(&harness, "Aantal meldingen"), "1.250");

    // Emptied is unknown.
    type_into(&mut harness, Role::TextInput, "Aantal meldingen", "");
    press(&mut harness, Key::Tab);
    settle(&mut harness);
    assert_eq!(
        kerngegeven(ws(&harness), "meldingen").map(|(w, _)| w),
        Some(String::new())
    );

    // Every version is kept, and shown in Dutch notation.
    harness.get_by_label_contains("Historie van de kerndata (4 versies)");

    close(&mut harness);
    let (_, stored, _) = Store::open(&path).unwrap();
    let budget = &stored.kerngegevens.get("budget").unwrap().data;
    assert_eq!(
        (budget.waarde.as_str(), budget.toelichting.as_str()),
        ("4250000.5", "Jaarrekening 2016")
    );
    let history = stored.kerngegevens.history("meldingen").unwrap();
    let values: Vec<&str> = history
        .revisions()
        .iter()
        .map(|r| r.data.waarde.as_str())
        .collect();
    assert_eq!(values, ["1250", ""]);
}

#[test]
fn a_value_that_cannot_be_read_is_refused_at_its_field_and_stored_nowhere() {
    let root = tempfile::tempdir().unwrap();
    let path = keuze_file(root.path(), "fout.veldtoets");
    let mut harness = open(root.path(), &path);
    press(&mut harness, Key::F5);

    // A dot as the decimal sign is ambiguous in Dutch: refused, with what to type instead.
    type_into(&mut harness, Role::TextInput, "Formatie in fte", "12.5");
    press(&mut harness, Key::Tab);
    settle(&mut harness);
    let refusal = "schrijf decimalen met een komma";
    harness.get_by_label_contains(refusal);
    harness.get_by_label_contains("ongeldige invoer is NIET opgeslagen: kerndata: Formatie in fte");
    assert_eq!(
        value_of(&harness, "Formatie in fte"),
        "12.5",
        "kept as typed"
    );
    assert!(kerngegeven(ws(&harness), "formatie").is_none());
    assert_eq!(ws(&harness).edits, 0, "nothing was written");

    // It stays refused on another screen and back (nothing silently changed or dropped).
    press(&mut harness, Key::F1);
    press(&mut harness, Key::F5);
    settle(&mut harness);
    assert_eq!(value_of(&harness, "Formatie in fte"), "12.5");
    harness.get_by_label_contains(refusal);
    assert!(kerngegeven(ws(&harness), "formatie").is_none());

    // Too many decimals for a count, and words, are refused too.
    type_into(&mut harness, Role::TextInput, "Aantal meldingen", "12,5");
    press(&mut harness, Key::Tab);
    harness.get_by_label_contains("heeft te veel decimalen");
    type_into(&mut harness, Role::TextInput, "Structureel budget", "veel");
    press(&mut harness, Key::Tab);
    harness.get_by_label_contains("'veel' is geen getal");
    settle(&mut harness);
    assert!(
        ws(&harness)
            .inspection
            .kerngegevens
            .current()
            .next()
            .is_none()
    );

    // Corrected, it is stored and the refusal is gone.
    type_into(&mut harness, Role::TextInput, "Formatie in fte", "12,5");
    press(&mut harness, Key::Tab);
    settle(&mut harness);
    assert_eq!(
        kerngegeven(ws(&harness), "formatie").map(|(w, _)| w),
        Some("12.5".to_string())
    );
    assert!(harness.query_by_label_contains(refusal).is_none());
    assert!(
        !ws(&harness)
            .invalid_inputs
            .iter()
            .any(|i| i.contains("Formatie"))
    );

    close(&mut harness);
    let (_, stored, _) = Store::open(&path).unwrap();
    let ids: Vec<&String> = stored
        .kerngegevens
        .current()
        .map(|r| &r.meta.entity)
        .collect();
    assert_eq!(ids, ["formatie"], "only the value that could be read");
    assert_eq!(
        stored.kerngegevens.get("formatie").unwrap().data.waarde,
        "12.5"
    );
}

#[test]
fn the_inspecteur_chooses_the_eindoordeel_with_an_onderbouwing() {
    let root = tempfile::tempdir().unwrap();
    let path = keuze_file(root.path(), "keuze.veldtoets");
    let mut harness = open(root.path(), &path);
    assert_eq!(screen(&harness), Screen::Overzicht);

    // No eindoordeel before a choice: never a verdict, in the header neither.
    harness.get_by_label("nog geen eindoordeel");
    header_says(&harness, "nog geen eindoordeel");
    assert!(harness.query_by_label_contains("KWETSBAAR").is_none());
    assert!(harness.query_by_label_contains("OP ORDE").is_none());
    // Nothing is counted that is not there: the verwachtingen are only inventoried.
    assert!(harness.query_by_label_contains("niet beoordeeld").is_none());
    assert!(harness.query_by_label_contains("aftrekpunt").is_none());
    harness.get_by_label_contains("Onderbouwing bij 0 van de 2 verwachtingen");

    // One radio per eindoordeel, best first, each with what it means.
    harness.get_by_role_and_label(Role::RadioGroup, "Eindoordeel");
    let radios: Vec<(String, String)> = harness
        .query_all_by_role(Role::RadioButton)
        .map(|n| {
            let node = n.accesskit_node();
            (
                node.label().unwrap_or_default().to_string(),
                node.description().unwrap_or_default().to_string(),
            )
        })
        .collect();
    assert_eq!(
        radios,
        [
            (
                "op orde".to_string(),
                "De organisatie voldoet aan de randvoorwaarden.".to_string()
            ),
            (
                "kwetsbaar".to_string(),
                "De organisatie voldoet, maar de verbetering is pril.".to_string()
            ),
            (
                "niet op orde".to_string(),
                "De organisatie voldoet niet aan de randvoorwaarden.".to_string()
            ),
        ]
    );

    // Chosen: the headline says it, from the record.
    harness
        .get_by_role_and_label(Role::RadioButton, "kwetsbaar")
        .click();
    settle(&mut harness);
    assert_eq!(
        keuze(ws(&harness)).map(|k| k.eindoordeel),
        Some("kwetsbaar".to_string())
    );
    harness.get_by_label("KWETSBAAR");
    harness.get_by_label("gekozen door de inspecteur");
    assert!(harness.query_by_label("nog geen eindoordeel").is_none());
    header_says(&harness, "KWETSBAAR");
    // On every screen.
    press(&mut harness, Key::F5);
    header_says(&harness, "KWETSBAAR");
    press(&mut harness, Key::F1);
    harness.get_by_label("De keuze heeft nog geen onderbouwing; die komt in het rapport.");

    // The onderbouwing is written when the field is left.
    let why = "De wachtlijst is in drie maanden gehalveerd, maar de verbetering is pril.";
    type_into(&mut harness, Role::MultilineTextInput, "Onderbouwing", why);
    assert_eq!(
        keuze(ws(&harness)).map(|k| k.onderbouwing),
        Some(String::new()),
        "not while typing"
    );
    press(&mut harness, Key::Tab);
    settle(&mut harness);
    assert_eq!(
        keuze(ws(&harness)),
        Some(KeuzeData {
            eindoordeel: "kwetsbaar".into(),
            onderbouwing: why.into(),
        })
    );

    // From the keyboard: on the group, Down chooses the next one (the onderbouwing stays).
    harness
        .get_by_role_and_label(Role::RadioButton, "kwetsbaar")
        .focus();
    harness.run_steps(1);
    press(&mut harness, Key::ArrowDown);
    settle(&mut harness);
    assert_eq!(
        keuze(ws(&harness)),
        Some(KeuzeData {
            eindoordeel: "niet_op_orde".into(),
            onderbouwing: why.into(),
        })
    );
    assert!(focused(&harness, Role::RadioButton, "niet op orde"));
    harness.get_by_label("NIET OP ORDE");
    harness.get_by_label_contains("Historie van het eindoordeel (3 versies)");

    close(&mut harness);
    let (_, stored, _) = Store::open(&path).unwrap();
    let (verdict, revision) = stored.chosen_verdict().expect("a chosen eindoordeel");
    assert_eq!(verdict.as_str(), "niet_op_orde");
    assert_eq!(revision.data.onderbouwing, why);
    assert_eq!(
        stored
            .keuzes
            .history(&stored.keuze_id())
            .unwrap()
            .revisions()
            .len(),
        3
    );
}

#[test]
fn the_onderbouwing_is_written_when_typing_pauses_and_when_the_screen_changes() {
    let root = tempfile::tempdir().unwrap();
    let path = keuze_file(root.path(), "pauze.veldtoets");
    let mut harness = open(root.path(), &path);
    // Typed before anything is chosen: the record is made with it (on disk as a draft at once).
    type_in_empty(
        &mut harness,
        Role::MultilineTextInput,
        "Onderbouwing",
        "Eerste indruk",
    );
    assert_eq!(
        drafts_on_disk(&harness),
        [pair("keuze/onderbouwing", "Eerste indruk")]
    );
    wait_until(&mut harness, "the pause in typing", |app| {
        app.workspace()
            .and_then(keuze)
            .is_some_and(|k| k.onderbouwing == "Eerste indruk")
    });
    assert_eq!(keuze(ws(&harness)).unwrap().eindoordeel, "");
    harness.get_by_label("nog geen eindoordeel");

    // More text, then straight to another screen: written on the way.
    harness
        .get_by_role_and_label(Role::MultilineTextInput, "Onderbouwing")
        .type_text(" en meer");
    harness.run_steps(1);
    harness.key_press(Key::F5);
    harness.run_steps(1);
    assert_eq!(
        keuze(ws(&harness)).unwrap().onderbouwing,
        "Eerste indruk en meer"
    );
    // Choosing takes the text typed so far along in the same version.
    press(&mut harness, Key::F1);
    type_into(
        &mut harness,
        Role::MultilineTextInput,
        "Onderbouwing",
        "Definitief",
    );
    harness
        .get_by_role_and_label(Role::RadioButton, "op orde")
        .click();
    harness.run_steps(3);
    assert_eq!(
        keuze(ws(&harness)),
        Some(KeuzeData {
            eindoordeel: "op_orde".into(),
            onderbouwing: "Definitief".into(),
        })
    );
    close(&mut harness);
    let (_, stored, _) = Store::open(&path).unwrap();
    let history = stored.keuzes.history(&stored.keuze_id()).unwrap();
    assert_eq!(history.revisions().len(), 3);
    assert_eq!(stored.chosen_verdict().unwrap().0.as_str(), "op_orde");
}

/// `path` with a chosen eindoordeel and the rapport vastgesteld.
fn vastgesteld(path: &Path) {
    let (mut store, mut inspection, _) = Store::open(path).unwrap();
    let who = *inspection.inspectors.keys().next().unwrap();
    let keuze = inspection.change(
        &inspection.keuze_id(),
        Record::Keuze(KeuzeData {
            eindoordeel: "op_orde".into(),
            onderbouwing: "Alles op orde.".into(),
        }),
        who,
        Stamp::now(),
    );
    store.append(&keuze).unwrap();
    inspection.apply(keuze);
    let phase = PhaseData {
        fase: veldtoets::domain::wederhoor::Fase::Vastgesteld,
        concept_verzonden: Some(jiff::civil::date(2026, 11, 3)),
        vastgesteld: Some(jiff::civil::date(2026, 12, 1)),
        ..Default::default()
    };
    let step = inspection.change(
        &inspection.phase_id(),
        Record::Phase(phase),
        who,
        Stamp::now(),
    );
    store.append(&step).unwrap();
}

#[test]
fn after_vaststellen_the_chosen_eindoordeel_is_read_only() {
    let root = tempfile::tempdir().unwrap();
    let path = keuze_file(root.path(), "vast.veldtoets");
    vastgesteld(&path);
    let mut harness = open(root.path(), &path);
    harness.get_by_label("OP ORDE");
    harness.get_by_label_contains("definitief vastgesteld");
    harness.get_by_label("Gekozen eindoordeel: op orde");
    harness.get_by_label("Alles op orde.");
    assert!(
        harness
            .query_by_role_and_label(Role::RadioGroup, "Eindoordeel")
            .is_none()
    );
    assert!(
        harness
            .query_by_role_and_label(Role::MultilineTextInput, "Onderbouwing")
            .is_none()
    );
    // And the workspace refuses it, whatever asks.
    let edit = veldtoets::ui::edit::Edit::set(
        veldtoets::ui::edit::RecordRef::Keuze,
        "eindoordeel",
        veldtoets::ui::edit::text("niet_op_orde"),
    );
    let refused = harness.state_mut().workspace_mut().unwrap().update(&edit);
    assert_eq!(refused, Err(veldtoets::ui::workspace::Refused::Frozen));
    assert_eq!(keuze(ws(&harness)).unwrap().eindoordeel, "op_orde");
}

/// Two copies of one onderzoek, each with another eindoordeel chosen, merged.
fn conflicted(root: &Path) -> PathBuf {
    let base = keuze_file(root, "basis.veldtoets");
    let copies = [
        ("a.veldtoets", "E. Voorbeeld", "op_orde", "Alles op orde."),
        ("b.veldtoets", "J. Proef", "kwetsbaar", "Nog pril."),
    ];
    for (name, who, eindoordeel, why) in copies {
        let copy = root.join(name);
        std::fs::copy(&base, &copy).unwrap();
        let (mut store, mut inspection, _) = Store::open(&copy).unwrap();
        let author = inspection.add_inspector(who);
        store.add_inspector(author, who).unwrap();
        let change = inspection.change(
            &inspection.keuze_id(),
            Record::Keuze(KeuzeData {
                eindoordeel: eindoordeel.into(),
                onderbouwing: why.into(),
            }),
            author,
            Stamp::now(),
        );
        store.append(&change).unwrap();
    }
    let merged = root.join("samen.veldtoets");
    veldtoets::store::merge(
        &merged,
        &[
            root.join("a.veldtoets").as_path(),
            root.join("b.veldtoets").as_path(),
        ],
        &mut |_| {},
    )
    .unwrap();
    merged
}

#[test]
fn a_chosen_eindoordeel_with_two_versions_points_to_conflicten_and_is_resolved_there() {
    let root = tempfile::tempdir().unwrap();
    let path = conflicted(root.path());
    let mut harness = open(root.path(), &path);
    let id = ws(&harness).inspection.keuze_id();
    assert!(ws(&harness).inspection.is_conflicted(Kind::Keuze, &id));

    // No eindoordeel while the versions disagree, and no chooser: the way to the choice.
    harness.get_by_label("nog geen eindoordeel");
    assert!(
        harness
            .query_by_role_and_label(Role::RadioGroup, "Eindoordeel")
            .is_none()
    );
    harness.get_by_label_contains("Twee versies");
    // The Conflicten screen lists it; choose J. Proef's version there.
    press(&mut harness, Key::F7);
    assert_eq!(screen(&harness), Screen::Conflicten);
    harness
        .get_all_by_label_contains("gekozen eindoordeel")
        .next()
        .unwrap()
        .click();
    harness.run_steps(2);
    let theirs = {
        let ws = ws(&harness);
        let conflict = ws.inspection.conflict_of(Kind::Keuze, &id).unwrap();
        conflict
            .versions
            .iter()
            .position(|v| ws.inspection.inspector_name(v.author) == "J. Proef")
            .unwrap()
    };
    harness
        .query_all_by_label("Deze versie kiezen")
        .nth(theirs)
        .unwrap()
        .click_accesskit();
    harness.run_steps(2);
    harness.get_by_label("Opslaan").click_accesskit();
    settle(&mut harness);
    {
        let ws = ws(&harness);
        assert!(!ws.inspection.is_conflicted(Kind::Keuze, &id));
        let (verdict, revision) = ws.inspection.chosen_verdict().unwrap();
        assert_eq!(verdict.as_str(), "kwetsbaar");
        assert_eq!(revision.data.onderbouwing, "Nog pril.");
    }
    press(&mut harness, Key::F1);
    harness.get_by_label("KWETSBAAR");
    harness.get_by_role_and_label(Role::RadioGroup, "Eindoordeel");
}

#[test]
fn a_kader_that_computes_its_eindoordeel_shows_no_chooser_and_no_kerndata() {
    let root = tempfile::tempdir().unwrap();
    let path = root.path().join("demo.veldtoets");
    drop(veldtoets::demo::create(&path).unwrap());
    let mut harness = open(root.path(), &path);
    assert!(
        harness
            .query_by_role_and_label(Role::RadioGroup, "Eindoordeel")
            .is_none()
    );
    assert!(harness.query_by_label("Kies het eindoordeel").is_none());
    assert!(
        harness
            .query_by_role_and_label(Role::MultilineTextInput, "Onderbouwing")
            .is_none()
    );
    // Its own wording: counts of voldoende and aftrekpunten, the decisive rule; in the header
    // too.
    assert!(
        harness
            .query_all_by_label_contains("aftrekpunt")
            .next()
            .is_some()
    );
    let total = ws(&harness).derived.score.scored();
    assert!(total > 0);
    assert!(
        harness
            .query_all_by_label_contains(&format!("van {total} beoordeeld · "))
            .next()
            .is_some(),
        "the counts in the header"
    );
    press(&mut harness, Key::F5);
    assert!(
        harness
            .query_by_role_and_label(Role::Table, "Kerndata")
            .is_none()
    );
    assert!(harness.query_by_label("Kerndata").is_none());
    // Its documents are there as before.
    let first = ws(&harness).inspection.framework.sources.documents[0]
        .name
        .clone();
    harness.get_by_label(&format!("Bevindingen uit {first}"));
}

#[test]
fn the_risicoscan_demo_opens_from_the_start_screen_with_its_kerndata_and_chooser() {
    let root = tempfile::tempdir().unwrap();
    let dirs = AppDirs::under(root.path());
    std::fs::create_dir_all(&dirs.documents).unwrap();
    let mut app = App::new(dirs, Arc::new(NoWaker));
    app.prefs.inspecteur = "E. Voorbeeld".into();
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1366.0, 768.0))
        .build_ui_state(|ui, app: &mut App| app.show(ui), app);
    harness.run_steps(2);
    harness.get_by_label("Demo risicoscan 2016").click();
    harness.run_steps(2);
    wait_until(&mut harness, "the demo to open", |app| {
        app.workspace().is_some()
    });
    assert_eq!(
        ws(&harness).inspection.framework.id,
        veldtoets::demo::DEMO_KADER_RISICOSCAN
    );
    harness.get_by_role_and_label(Role::RadioGroup, "Eindoordeel");
    press(&mut harness, Key::F5);
    harness.get_by_role_and_label(Role::Table, "Kerndata");
    let fw = &ws(&harness).inspection.framework;
    let figure = fw.key_figures[0].label.clone();
    field(&harness, &figure);
}

#[test]
fn the_onderbouwing_and_a_toelichting_are_drafts_on_disk_at_once_and_back_after_a_crash() {
    let root = tempfile::tempdir().unwrap();
    let path = keuze_file(root.path(), "concept.veldtoets");
    let mut harness = open(root.path(), &path);

    // The onderbouwing of the eindoordeel: in the file as a draft at once, before any pause in
    // typing (which is when it becomes a version).
    let typing = Instant::now();
    type_in_empty(
        &mut harness,
        Role::MultilineTextInput,
        "Onderbouwing",
        "Eerste indruk",
    );
    assert_eq!(
        drafts_on_disk(&harness),
        [pair("keuze/onderbouwing", "Eerste indruk")]
    );
    if typing.elapsed() < DRAFT_IDLE {
        assert!(keuze(ws(&harness)).is_none(), "a draft, not a version yet");
    }
    // Another screen: a version, and the draft is settled with it.
    press(&mut harness, Key::F5);
    settle(&mut harness);
    assert_eq!(
        keuze(ws(&harness)).map(|k| k.onderbouwing),
        Some("Eerste indruk".to_string())
    );
    assert_eq!(drafts_on_disk(&harness), []);

    // The toelichting of a kerngegeven likewise.
    let note = "Toelichting bij Structureel budget";
    let typing = Instant::now();
    type_in_empty(
        &mut harness,
        Role::MultilineTextInput,
        note,
        "Jaarrekening 20",
    );
    assert_eq!(
        drafts_on_disk(&harness),
        [pair("kerngegeven/toelichting/budget", "Jaarrekening 20")]
    );
    if typing.elapsed() < DRAFT_IDLE {
        assert!(kerngegeven(ws(&harness), "budget").is_none());
    }

    // The app is gone before the pause (a crash: nothing is closed or saved on the way out).
    drop(harness);
    let (store, stored, _) = Store::open(&path).unwrap();
    assert!(stored.kerngegevens.get("budget").is_none());
    let json = veldtoets::json::ExportJson::new(&stored, jiff::Timestamp::now());
    let concepten: Vec<(&str, &str, &str)> = json
        .concepten
        .iter()
        .map(|c| (c.veld.as_str(), c.omschrijving.as_str(), c.tekst.as_str()))
        .collect();
    assert_eq!(
        concepten,
        [(
            "kerngegeven/toelichting/budget",
            "toelichting bij kerngegeven Structureel budget",
            "Jaarrekening 20"
        )]
    );
    drop(store);

    // Opened again: the text is back in its field, said in the notice, and saved.
    let mut harness = open(root.path(), &path);
    let notice = ws(&harness).notice.clone().unwrap_or_default();
    assert!(notice.contains("Hersteld na een onderbreking"), "{notice}");
    assert!(
        notice.contains("toelichting bij kerngegeven Structureel budget (15 tekens"),
        "{notice}"
    );
    press(&mut harness, Key::F5);
    assert_eq!(
        text_of(&harness, Role::MultilineTextInput, note),
        "Jaarrekening 20"
    );
    wait_until(&mut harness, "the restored text to be saved", |app| {
        app.workspace()
            .and_then(|ws| kerngegeven(ws, "budget"))
            .is_some_and(|(_, toelichting)| toelichting == "Jaarrekening 20")
    });
    settle(&mut harness);
    assert_eq!(drafts_on_disk(&harness), []);
    close(&mut harness);
    let (_, stored, _) = Store::open(&path).unwrap();
    assert!(stored.drafts.is_empty(), "the draft is settled");
    assert_eq!(
        stored.kerngegevens.get("budget").unwrap().data.toelichting,
        "Jaarrekening 20"
    );
    assert_eq!(
        stored.chosen_verdict().map(|(v, _)| v.as_str().to_string()),
        None
    );
}

#[test]
fn drafts_left_in_the_file_are_restored_into_the_onderbouwing_and_the_toelichting() {
    let root = tempfile::tempdir().unwrap();
    let path = keuze_file(root.path(), "hersteld.veldtoets");
    {
        let (mut store, inspection, _) = Store::open(&path).unwrap();
        let who = *inspection.inspectors.keys().next().unwrap();
        store
            .save_draft(
                "keuze/onderbouwing",
                "Getypt vlak voor de stroomstoring",
                who,
                jiff::Timestamp::now(),
            )
            .unwrap();
        store
            .save_draft(
                "kerngegeven/toelichting/formatie",
                "Uit de formatieopgave",
                who,
                jiff::Timestamp::now(),
            )
            .unwrap();
    }
    let mut harness = open(root.path(), &path);
    let notice = ws(&harness).notice.clone().unwrap_or_default();
    assert!(notice.contains("Hersteld na een onderbreking"), "{notice}");
    assert!(
        notice.contains("onderbouwing van het eindoordeel"),
        "{notice}"
    );
    assert!(
        notice.contains("toelichting bij kerngegeven Formatie in fte"),
        "{notice}"
    );
    // In their fields, as typed.
    assert_eq!(
        text_of(&harness, Role::MultilineTextInput, "Onderbouwing"),
        "Getypt vlak voor de stroomstoring"
    );
    press(&mut harness, Key::F5);
    assert_eq!(
        text_of(
            &harness,
            Role::MultilineTextInput,
            "Toelichting bij Formatie in fte"
        ),
        "Uit de formatieopgave"
    );
    // Saved as versions (here: on the way to another screen, or after the pause).
    wait_until(&mut harness, "the restored texts to be saved", |app| {
        app.workspace().is_some_and(|ws| {
            keuze(ws).is_some_and(|k| k.onderbouwing == "Getypt vlak voor de stroomstoring")
                && kerngegeven(ws, "formatie").is_some_and(|(_, t)| t == "Uit de formatieopgave")
        })
    });
    close(&mut harness);
    let (_, stored, _) = Store::open(&path).unwrap();
    assert!(stored.drafts.is_empty(), "the drafts are settled");
    let keuze = &stored.keuzes.get(&stored.keuze_id()).unwrap().data;
    assert_eq!(
        (keuze.eindoordeel.as_str(), keuze.onderbouwing.as_str()),
        ("", "Getypt vlak voor de stroomstoring"),
        "nothing chosen by restoring a text"
    );
    let formatie = &stored.kerngegevens.get("formatie").unwrap().data;
    assert_eq!(
        (formatie.waarde.as_str(), formatie.toelichting.as_str()),
        ("", "Uit de formatieopgave")
    );
}

/// Two copies of one onderzoek, each with another eindoordeel chosen and another structureel
/// budget, merged.
fn conflicted_kerndata(root: &Path) -> PathBuf {
    let base = keuze_file(root, "basis.veldtoets");
    let copies = [
        ("a.veldtoets", "E. Voorbeeld", "op_orde", "4250000.5"),
        ("b.veldtoets", "J. Proef", "niet_op_orde", "4300000"),
    ];
    for (name, who, eindoordeel, budget) in copies {
        let copy = root.join(name);
        std::fs::copy(&base, &copy).unwrap();
        let (mut store, mut inspection, _) = Store::open(&copy).unwrap();
        let author = inspection.add_inspector(who);
        store.add_inspector(author, who).unwrap();
        let keuze = inspection.change(
            &inspection.keuze_id(),
            Record::Keuze(KeuzeData {
                eindoordeel: eindoordeel.into(),
                onderbouwing: String::new(),
            }),
            author,
            Stamp::now(),
        );
        store.append(&keuze).unwrap();
        let value = inspection.change(
            "budget",
            Record::Kerngegeven(veldtoets::domain::inspection::KerngegevenData {
                waarde: budget.into(),
                toelichting: String::new(),
            }),
            author,
            Stamp::now(),
        );
        store.append(&value).unwrap();
    }
    let merged = root.join("samen.veldtoets");
    veldtoets::store::merge(
        &merged,
        &[
            root.join("a.veldtoets").as_path(),
            root.join("b.veldtoets").as_path(),
        ],
        &mut |_| {},
    )
    .unwrap();
    merged
}

#[test]
fn conflicten_shows_an_eindoordeel_by_its_name_and_a_kerngegeven_as_the_kader_writes_it() {
    let root = tempfile::tempdir().unwrap();
    let path = conflicted_kerndata(root.path());
    let mut harness = open(root.path(), &path);
    assert!(
        ws(&harness)
            .inspection
            .is_conflicted(Kind::Kerngegeven, "budget")
    );
    let raw = ["op_orde", "niet_op_orde", "4250000.5", "4300000"];
    let no_raw = |harness: &Harness<'_, App>| {
        for value in raw {
            assert!(
                harness.query_by_label_contains(value).is_none(),
                "shown as stored: {value}"
            );
        }
    };
    // The notice on the Overzicht names the eindoordelen.
    harness.get_by_label_contains("eindoordeel op orde — E. Voorbeeld");
    harness.get_by_label_contains("eindoordeel niet op orde — J. Proef");
    no_raw(&harness);

    // The versions side by side, and the choice of each field.
    press(&mut harness, Key::F7);
    harness
        .get_all_by_label_contains("gekozen eindoordeel")
        .next()
        .unwrap()
        .click();
    harness.run_steps(2);
    harness.get_by_label("op orde");
    harness.get_by_label("niet op orde");
    harness.get_by_label("eindoordeel: op orde — E. Voorbeeld");
    no_raw(&harness);

    harness
        .get_all_by_label_contains("kerngegeven Structureel budget")
        .next()
        .unwrap()
        .click();
    harness.run_steps(2);
    harness.get_by_label("€ 4.250.000,50");
    harness.get_by_label("€ 4.300.000,00");
    harness.get_by_label("waarde: € 4.300.000,00 — J. Proef");
    no_raw(&harness);
    // What choosing a version does, in one sentence.
    let theirs = {
        let ws = ws(&harness);
        let conflict = ws
            .inspection
            .conflict_of(Kind::Kerngegeven, "budget")
            .unwrap();
        conflict
            .versions
            .iter()
            .position(|v| ws.inspection.inspector_name(v.author) == "J. Proef")
            .unwrap()
    };
    harness
        .query_all_by_label("Deze versie kiezen")
        .nth(theirs)
        .unwrap()
        .click_accesskit();
    harness.run_steps(2);
    harness.get_by_label_contains("krijgt de versie van J. Proef");
    harness.get_by_label_contains(": € 4.300.000,00.");
    no_raw(&harness);
    harness.get_by_label("Opslaan").click_accesskit();
    settle(&mut harness);
    assert_eq!(
        kerngegeven(ws(&harness), "budget").map(|(w, _)| w),
        Some("4300000".to_string())
    );
}
