//! Keyboard first and screen reader (issue 15 items 5 and 8), driven headless with
//! egui_kittest: the overview of sneltoetsen, a scroll position per screen, Tab in reading
//! order, and what AccessKit exposes (tabs, the oordeel as a radio group, tables).

use crate::support;

use eframe::egui::{self, Key, Modifiers, accesskit::Role};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use support::{demo, fresh, type_into};
use veldtoets::ui::app::App;

/// The accessible name of the node with the keyboard focus (its label, or a label's text).
fn focused(harness: &Harness<'_, App>) -> Option<String> {
    harness
        .root()
        .children_recursive()
        .find(|n| n.accesskit_node().is_focused())
        .map(|n| {
            let a = n.accesskit_node();
            a.label().or_else(|| a.value()).unwrap_or_default()
        })
}

/// The role and name (label, or a label's text) of `node`'s children that have one, in order.
fn named_children(node: &egui_kittest::Node<'_>) -> Vec<(Role, String)> {
    node.children()
        .map(|c| {
            let a = c.accesskit_node();
            // A cell names itself through the label it holds.
            let name = a.label().or_else(|| a.value()).unwrap_or_else(|| {
                c.children()
                    .filter_map(|g| g.accesskit_node().value().or(g.accesskit_node().label()))
                    .collect::<Vec<_>>()
                    .join(" ")
            });
            (a.role(), name)
        })
        .collect()
}

fn current(harness: &Harness<'_, App>) -> veldtoets::ui::commands::Screen {
    harness.state().screens().unwrap().current
}

#[test]
fn the_overview_of_sneltoetsen_opens_with_a_question_mark_and_lists_every_screen() {
    let root = tempfile::tempdir().unwrap();
    let mut harness = demo(root.path());
    assert!(!harness.state().shortcuts_open);

    harness.key_press(Key::Questionmark);
    harness.run_steps(2);
    assert!(harness.state().shortcuts_open, "? opens the overview");
    harness.get_by_label("Ctrl+F");
    assert_eq!(
        harness.get_all_by_label("Alt+O").count(),
        2,
        "verwachting and criterium"
    );
    harness.get_by_label("Ctrl+Shift+F");
    assert_eq!(
        harness.get_all_by_label("Alt+Links / Alt+Rechts").count(),
        2
    );
    harness.get_by_label_contains("Vorige / volgende verwachting");
    assert_eq!(
        harness
            .get_all_by_label("Links / Rechts / Omhoog / Omlaag")
            .count(),
        2,
        "the oordeel (Verwachtingen) and the eindoordeel the inspecteur chooses (Overzicht)"
    );
    harness.get_by_label_contains("Op het oordeel: de vorige / volgende keuze kiezen");
    harness.get_by_label_contains("Op het eindoordeel (kader waarin de inspecteur het");
    harness.get_by_label_contains("Naar Verwachtingen");
    // Grouped per screen, each group a table with column headers.
    let group = harness.get_by_role_and_label(Role::Table, "Verwachtingen (F6)");
    let rows = named_children(&group);
    assert!(rows.len() > 4, "{rows:?}");
    let header = group.children().next().unwrap();
    assert_eq!(
        named_children(&header),
        [
            (Role::ColumnHeader, "Toetsen".to_string()),
            (Role::ColumnHeader, "Wat het doet".to_string())
        ]
    );
    // Its close button has the focus; nothing under it reacts to a key while it is open.
    assert_eq!(focused(&harness).as_deref(), Some("Sneltoetsen sluiten"));
    harness.key_press(Key::F6);
    harness.run_steps(2);
    assert_eq!(
        current(&harness),
        veldtoets::ui::commands::Screen::Overzicht
    );

    // Escape closes it.
    harness.key_press(Key::Escape);
    harness.run_steps(2);
    assert!(!harness.state().shortcuts_open, "Esc closes it");
    assert!(harness.query_by_label("Sneltoetsen sluiten").is_none());

    // The button in the top bar opens it too, and so does Shift+F1 (not F1: Overzicht).
    harness.get_by_label("Sneltoetsen").click();
    harness.run_steps(2);
    assert!(harness.state().shortcuts_open);
    harness.key_press_modifiers(Modifiers::SHIFT, Key::F1);
    harness.run_steps(2);
    assert!(!harness.state().shortcuts_open, "Shift+F1 closes it again");
    harness.key_press(Key::F6);
    harness.run_steps(2);
    harness.key_press_modifiers(Modifiers::SHIFT, Key::F1);
    harness.run_steps(2);
    assert!(harness.state().shortcuts_open, "Shift+F1 opens it");
    assert_eq!(
        current(&harness),
        veldtoets::ui::commands::Screen::Verwachtingen,
        "Shift+F1 is not F1"
    );
    // The group of the screen shown says so.
    harness.get_by_label("Verwachtingen (F6) — dit scherm");
    harness.key_press(Key::Escape);
    harness.run_steps(2);

    // In a text field "?" is a character, not the overview.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    harness.run_steps(2);
    harness.key_press(Key::Questionmark);
    harness.event(egui::Event::Text("?".into()));
    harness.run_steps(2);
    assert!(!harness.state().shortcuts_open);
    assert_eq!(harness.state().screens().unwrap().expectation.search, "?");
}

#[test]
fn the_overview_lists_every_shortcut_the_code_takes() {
    use veldtoets::ui::shortcuts;
    // The flitsinterview, the search, the jumps and the oordeel keys the handlers use are all
    // in the table the overview is drawn from.
    for combo in [
        shortcuts::FLASH,
        shortcuts::SEARCH,
        shortcuts::NEXT,
        shortcuts::PREVIOUS,
        shortcuts::TO_CRITERION,
        shortcuts::TO_EXPECTATION,
        shortcuts::TO_OORDEEL,
        shortcuts::VOLDOENDE,
        shortcuts::ONVOLDOENDE,
        shortcuts::NIET_BEOORDEELD,
        shortcuts::CHOICE_NEXT[0],
        shortcuts::CHOICE_NEXT[1],
        shortcuts::CHOICE_PREVIOUS[0],
        shortcuts::CHOICE_PREVIOUS[1],
        shortcuts::SAVE_DIALOG,
        shortcuts::NEW,
        shortcuts::OPEN,
        shortcuts::HELP,
        shortcuts::HELP_F1,
    ] {
        assert!(shortcuts::is_listed(combo), "{}", combo.text());
    }
    let titles: Vec<String> = shortcuts::groups().into_iter().map(|g| g.title).collect();
    for screen in [
        "Overzicht",
        "Interviews",
        "Flitsinterview",
        "Dossiers",
        "Verwachtingen",
        "Criterium",
        "Conflicten",
        "Wederhoor",
        "Startscherm",
    ] {
        assert!(
            titles.iter().any(|t| t.starts_with(screen)),
            "{screen}: {titles:?}"
        );
    }
}

/// The top of the screen's scroll area: where the first of these labels is now.
fn y_of(harness: &Harness<'_, App>, label: &str) -> f32 {
    harness.get_by_label(label).rect().min.y
}

fn scroll_down(harness: &mut Harness<'_, App>, by: f32) {
    harness.event(egui::Event::PointerMoved(egui::pos2(640.0, 500.0)));
    harness.run_steps(1);
    harness.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(0.0, -by),
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Wheel,
        modifiers: Modifiers::NONE,
    });
    harness.run_steps(30);
}

#[test]
fn each_screen_keeps_its_own_scroll_position() {
    let root = tempfile::tempdir().unwrap();
    let mut harness = demo(root.path());
    // Documenten, not scrolled: where its first field is.
    harness.key_press(Key::F5);
    harness.run_steps(3);
    let documents = harness
        .get_all_by_label_contains("Bevindingen uit")
        .next()
        .unwrap()
        .accesskit_node()
        .label()
        .unwrap();
    let documents_top = y_of(&harness, &documents);

    // The Overzicht scrolled far down.
    harness.key_press(Key::F1);
    harness.run_steps(3);
    let heading = "Termijnen (uit de dossiers)";
    let before = y_of(&harness, heading);
    scroll_down(&mut harness, 500.0);
    let scrolled = y_of(&harness, heading);
    assert!(scrolled < before - 100.0, "scrolled: {before} → {scrolled}");

    // F5 and F3 open where they were (at the top), not halfway down.
    harness.key_press(Key::F5);
    harness.run_steps(3);
    assert_eq!(y_of(&harness, &documents), documents_top);
    harness.key_press(Key::F3);
    harness.run_steps(3);
    let first = harness
        .get_all_by_label("Bewerken")
        .next()
        .unwrap()
        .rect()
        .min
        .y;
    assert!(
        first < 260.0,
        "the first flitsinterview is at the top: {first}"
    );

    // Back on the Overzicht: still where it was scrolled to.
    harness.key_press(Key::F1);
    harness.run_steps(3);
    assert_eq!(y_of(&harness, heading), scrolled);
}

#[test]
fn tab_runs_through_the_top_bar_from_left_to_right() {
    let root = tempfile::tempdir().unwrap();
    let mut harness = demo(root.path());
    let mut order = Vec::new();
    for _ in 0..13 {
        harness.key_press(Key::Tab);
        harness.run_steps(1);
        let name = focused(&harness).unwrap_or_default();
        let x = harness
            .root()
            .children_recursive()
            .find(|n| n.accesskit_node().is_focused())
            .map_or(0.0, |n| n.rect().min.x);
        order.push((name, x));
    }
    let names: Vec<&str> = order.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names[..13],
        [
            "Eindoordeel: MATIG",
            "+ Flitsinterview",
            "Samenvoegen…",
            "Rapport…",
            "Sneltoetsen",
            "Sluiten",
            "Overzicht",
            "Interviews",
            "Flitsinterviews",
            "Dossiers",
            "Documenten",
            "Verwachtingen",
            "Wederhoor",
        ],
        "{order:?}"
    );
    // Left to right on each row.
    for row in [&order[..6], &order[6..13]] {
        assert!(row.windows(2).all(|w| w[0].1 < w[1].1), "{row:?}");
    }
}

#[test]
fn the_screens_are_tabs_and_the_window_is_named_after_the_onderzoek() {
    let root = tempfile::tempdir().unwrap();
    let mut harness = demo(root.path());
    let organisatie = harness
        .state()
        .workspace()
        .unwrap()
        .inspection
        .organisatie()
        .to_string();
    let window = harness.root().accesskit_node().label().unwrap_or_default();
    assert_eq!(window, format!("veldtoets — {organisatie} — Overzicht"));
    let tabs = harness.get_by_role_and_label(Role::TabList, "Schermen");
    let selected: Vec<(String, Option<bool>)> = tabs
        .children()
        .map(|t| {
            let a = t.accesskit_node();
            assert_eq!(a.role(), Role::Tab);
            (a.label().unwrap_or_default(), a.is_selected())
        })
        .collect();
    assert_eq!(selected.len(), 7, "{selected:?}");
    assert_eq!(selected[0], ("Overzicht".to_string(), Some(true)));
    assert!(
        selected[1..].iter().all(|(_, s)| *s == Some(false)),
        "{selected:?}"
    );
    // The screen shown is the tab's panel.
    harness.get_by_role_and_label(Role::TabPanel, "Overzicht");

    harness.key_press(Key::F6);
    harness.run_steps(2);
    let tab = harness.get_by_role_and_label(Role::Tab, "Verwachtingen");
    assert_eq!(tab.accesskit_node().is_selected(), Some(true));
    assert_eq!(
        harness.root().accesskit_node().label().unwrap_or_default(),
        format!("veldtoets — {organisatie} — Verwachtingen")
    );
}

/// The panels are named regions, so a screen reader can jump between the list and the detail
/// instead of meeting anonymous groups.
#[test]
fn the_panels_are_named_regions() {
    let root = tempfile::tempdir().unwrap();
    let mut harness = demo(root.path());
    harness.get_by_label("Onderzoek, eindoordeel en schermen");
    harness.get_by_label("Statusbalk");
    harness.key_press(Key::F6);
    harness.run_steps(2);
    harness.get_by_label("Lijst van verwachtingen");
    harness.get_by_label("Verwachting: oordeel en bewijs");
    harness.key_press(Key::F2);
    harness.run_steps(2);
    harness.get_by_label("Lijst van interviews");
    harness.get_by_label("Interview");
}

#[test]
fn the_oordeel_is_a_radio_group_and_alt_o_jumps_to_it() {
    let root = tempfile::tempdir().unwrap();
    let mut harness = fresh(root.path());
    harness.key_press(Key::F6);
    harness.run_steps(2);
    let group = harness.get_by_role_and_label(Role::RadioGroup, "Oordeel");
    let radios: Vec<(Role, String)> = named_children(&group);
    assert_eq!(
        radios,
        [
            (Role::RadioButton, "voldoende".to_string()),
            (Role::RadioButton, "onvoldoende".to_string()),
            (Role::RadioButton, "niet beoordeeld".to_string()),
        ]
    );
    let keys: Vec<String> = group
        .children()
        .map(|c| {
            c.accesskit_node()
                .data()
                .keyboard_shortcut()
                .unwrap_or_default()
                .to_string()
        })
        .collect();
    assert_eq!(keys, ["V", "O", "N"]);

    // From the onderbouwing (a text field), Alt+O goes to the chosen oordeel…
    harness
        .get_by_label("Onderbouwing (komt in het rapport)")
        .focus();
    harness.run_steps(2);
    harness.key_press_modifiers(Modifiers::ALT, Key::O);
    harness.run_steps(2);
    assert_eq!(focused(&harness).as_deref(), Some("niet beoordeeld"));
    let ws = harness.state().workspace().unwrap();
    assert!(
        ws.inspection.oordeel("1.1.1").is_none(),
        "Alt+O sets nothing"
    );
    // …where O sets onvoldoende (a key, not a letter in a field).
    harness.key_press(Key::O);
    harness.run_steps(3);
    let ws = harness.state().workspace().unwrap();
    assert_eq!(
        ws.inspection
            .oordeel("1.1.1")
            .map(|o| o.data.value.as_str()),
        Some("onvoldoende")
    );
    // The work list says the status in words.
    harness.get_by_label("1.1.1, oordeel onvoldoende");
    harness.get_by_label("1.2.1, niet beoordeeld");
}

#[test]
fn the_termijnen_and_voortgang_tables_expose_rows_cells_and_column_headers() {
    let root = tempfile::tempdir().unwrap();
    let harness = demo(root.path());
    let deadlines = harness
        .state()
        .workspace()
        .unwrap()
        .inspection
        .framework
        .deadlines
        .len();
    let table = harness.get_by_role_and_label(Role::Table, "Termijnen");
    assert_eq!(
        table.accesskit_node().data().row_count(),
        Some(deadlines + 1)
    );
    assert_eq!(table.accesskit_node().data().column_count(), Some(7));
    let rows: Vec<_> = table.children().collect();
    assert_eq!(rows.len(), deadlines + 1);
    assert!(rows.iter().all(|r| r.accesskit_node().role() == Role::Row));
    let headers: Vec<String> = named_children(&rows[0])
        .into_iter()
        .map(|(role, name)| {
            assert_eq!(role, Role::ColumnHeader);
            name
        })
        .collect();
    assert_eq!(
        headers,
        [
            "Termijn",
            "Binnen",
            "Te laat",
            "Open",
            "Niet te bepalen",
            "Aandeel binnen",
            "Norm"
        ]
    );
    let cells = named_children(&rows[1]);
    assert_eq!(cells.len(), 7, "{cells:?}");
    assert!(cells.iter().all(|(role, _)| *role == Role::Cell));
    let first = &harness
        .state()
        .workspace()
        .unwrap()
        .inspection
        .framework
        .deadlines[0]
        .name;
    assert_eq!(&cells[0].1, first);

    let progress = harness.get_by_role_and_label(Role::Table, "Voortgang per criterium");
    let rows: Vec<_> = progress.children().collect();
    let headers: Vec<String> = named_children(&rows[0])
        .into_iter()
        .map(|(_, n)| n)
        .collect();
    assert_eq!(
        headers,
        ["Criterium", "Met bewijs", "Met oordeel", "Verwachtingen"]
    );
    // A verwachting's status in words: "1.3.1, oordeel voldoende", not "1.3.1 ✔".
    let link = harness.get_by_label("1.3.1, oordeel voldoende");
    assert_eq!(link.accesskit_node().role(), Role::Link);
    assert!(harness.query_by_label("1.3.1 ✔").is_none());
}

#[test]
fn focus_moves_to_what_was_just_added() {
    let root = tempfile::tempdir().unwrap();
    let mut harness = fresh(root.path());
    harness.key_press(Key::F2);
    harness.run_steps(2);
    let role = harness
        .state()
        .workspace()
        .unwrap()
        .inspection
        .framework
        .sources
        .roles[0]
        .name
        .clone();
    harness.get_by_label(&format!("+ {role}")).click();
    harness.run_steps(4);
    let now = focused(&harness).unwrap_or_default();
    assert!(
        now.starts_with(&role),
        "the new interview has the focus: {now:?}"
    );

    // A counted function: the focus goes to its row.
    type_into(&mut harness, "Functie:", "casemanager");
    type_into(&mut harness, "Aantal:", "3");
    harness.key_press(Key::Enter);
    harness.run_steps(4);
    let field = harness
        .root()
        .children_recursive()
        .find(|n| n.accesskit_node().is_focused())
        .unwrap();
    assert_eq!(field.accesskit_node().value().as_deref(), Some("3"));
    assert_eq!(focused(&harness).as_deref(), Some("casemanager"));

    // A colleague added to the team: the focus goes to the team, which names her.
    harness.key_press(Key::F1);
    harness.run_steps(2);
    type_into(&mut harness, "Teamlid toevoegen", "J. Jansen");
    harness.key_press(Key::Enter);
    harness.run_steps(4);
    let team = focused(&harness).unwrap_or_default();
    assert!(team.contains("J. Jansen"), "{team:?}");

    // A dossier: the table has the focus, with the new dossier selected.
    harness.key_press(Key::F4);
    harness.run_steps(2);
    type_into(&mut harness, "Dossiernummer (pseudoniem):", "VTG-NIEUW-1");
    harness.get_by_label("Dossier toevoegen").click();
    harness.run_steps(4);
    assert_eq!(focused(&harness).as_deref(), Some("Dossiertabel"));
    harness.get_by_label("Dossier VTG-NIEUW-1");
}

/// The demo after its concept was sent, with a privacy finding released before, two reacties
/// (the first with a besluit) and, since, an onderbouwing naming a dossier (an open finding).
fn wederhoor_file(root: &std::path::Path) -> std::path::PathBuf {
    use veldtoets::domain::inspection::{
        Change, Inspection, OordeelData, ReactieData, Record, Stamp,
    };
    use veldtoets::domain::wederhoor::{Besluit, ReactieSoort};
    use veldtoets::store::Store;
    fn apply(store: &mut Store, inspection: &mut Inspection, change: Change) {
        store.append(&change).unwrap();
        inspection.apply(change);
    }
    /// An onvoldoende on `id` whose onderbouwing names a dossier (a privacy finding).
    fn name_a_dossier(store: &mut Store, inspection: &mut Inspection, id: &str) {
        let who = *inspection.inspectors.keys().next().unwrap();
        let nummer = inspection.dossier_list()[0].data.nummer.clone();
        let data = OordeelData::parse(
            &inspection.framework,
            id,
            "onvoldoende",
            format!("In dossier {nummer} ontbreekt het plan."),
        )
        .unwrap();
        let change = inspection.change(id, Record::Oordeel(data), who, Stamp::now());
        apply(store, inspection, change);
    }
    let path = root.join("wederhoor.veldtoets");
    let (mut store, mut inspection) = veldtoets::demo::create(&path).unwrap();
    let who = *inspection.inspectors.keys().next().unwrap();
    // A finding released before the concept is sent.
    name_a_dossier(&mut store, &mut inspection, "1.3.1");
    for finding in inspection.privacy_findings() {
        let change = inspection
            .keep_finding(&finding, "geanonimiseerd", who, Stamp::now())
            .unwrap();
        apply(&mut store, &mut inspection, change);
    }
    let sent = inspection
        .send_concept(
            jiff::civil::date(2026, 11, 2),
            "0".repeat(64),
            "tekst".into(),
            who,
            Stamp::now(),
        )
        .unwrap();
    apply(&mut store, &mut inspection, sent);
    for (id, van, soort) in [
        ("r-1", "bestuurder", ReactieSoort::Feitelijk),
        ("r-2", "teamleider", ReactieSoort::Zienswijze),
    ] {
        let reactie = ReactieData {
            ontvangen: Some(jiff::civil::date(2026, 11, 9)),
            van: van.into(),
            paragraaf: Some("3.2".into()),
            verwachting: None,
            soort,
            tekst: "De hulp is wel vastgelegd, in het registratiesysteem.".into(),
        };
        let added = inspection
            .add_reactie(id, reactie, who, Stamp::now())
            .unwrap();
        apply(&mut store, &mut inspection, added);
    }
    let decided = inspection
        .decide(
            "r-1",
            Besluit::Niet,
            "Niet aangetoond.",
            &[],
            who,
            Stamp::now(),
        )
        .unwrap();
    apply(&mut store, &mut inspection, decided);
    // One since the concept, not released.
    name_a_dossier(&mut store, &mut inspection, "1.3.2");
    let open = inspection.open_privacy_findings();
    assert_eq!(open.len(), 1, "{open:?}");
    path
}

#[test]
fn the_reacties_are_a_table_with_rows_cells_and_column_headers() {
    let root = tempfile::tempdir().unwrap();
    let path = wederhoor_file(root.path());
    let mut harness = support::open_file(root.path(), &path);
    harness.key_press(Key::F8);
    harness.run_steps(3);

    let table = harness.get_by_role_and_label(Role::Table, "Reacties");
    assert_eq!(table.accesskit_node().data().row_count(), Some(3));
    assert_eq!(table.accesskit_node().data().column_count(), Some(8));
    let rows: Vec<_> = table.children().collect();
    assert_eq!(rows.len(), 3);
    assert!(rows.iter().all(|r| r.accesskit_node().role() == Role::Row));
    let headers = named_children(&rows[0]);
    assert_eq!(
        headers,
        [
            "nr",
            "ontvangen",
            "van",
            "betreft",
            "soort",
            "tekst",
            "besluit",
            "actie"
        ]
        .map(|h| (Role::ColumnHeader, h.to_string()))
    );
    // A row reads as its cells, the besluit and its button among them.
    let first = named_children(&rows[1]);
    assert!(
        first.iter().all(|(role, _)| *role == Role::Cell),
        "{first:?}"
    );
    let names: Vec<&str> = first.iter().map(|(_, n)| n.as_str()).collect();
    assert_eq!(names[0], "1");
    assert_eq!(names[1], "09-11-2026");
    assert_eq!(names[2], "bestuurder");
    assert_eq!(names[4], "feitelijke onjuistheid");
    assert_eq!(names[6], "niet overgenomen");
    assert_eq!(names[7], "Besluit wijzigen… reactie 1");
    let second = named_children(&rows[2]);
    assert_eq!(second[2].1, "teamleider");
    assert_eq!(second[6].1, "geen besluit");
    assert_eq!(second[7].1, "Besluit… reactie 2");
    // Each cell knows its place.
    let cell = rows[2].children().nth(6).unwrap();
    assert_eq!(cell.accesskit_node().data().row_index(), Some(2));
    assert_eq!(cell.accesskit_node().data().column_index(), Some(6));

    // The privacy check says its status in words, not "⚠" or "✔".
    let open = harness.get_by_label("open vondst");
    assert_eq!(open.accesskit_node().role(), Role::Label);
    assert!(harness.query_all_by_label("vrijgegeven").next().is_some());
    assert!(harness.query_by_label("⚠").is_none());
    assert!(harness.query_by_label("✔").is_none());
}

#[test]
fn the_arrow_keys_move_the_oordeel_within_its_group_and_it_is_saved() {
    use veldtoets::domain::judgement::JudgementValue;
    let root = tempfile::tempdir().unwrap();
    let mut harness = fresh(root.path());
    harness.key_press(Key::F6);
    harness.run_steps(2);
    let value = |harness: &Harness<'_, App>| {
        harness
            .state()
            .workspace()
            .unwrap()
            .inspection
            .oordeel("1.1.1")
            .map(|o| o.data.value)
    };

    // In the onderbouwing the arrows move the cursor and nothing else.
    type_into(&mut harness, "Onderbouwing (komt in het rapport)", "abc");
    for key in [
        Key::ArrowLeft,
        Key::ArrowUp,
        Key::ArrowRight,
        Key::ArrowDown,
    ] {
        harness.key_press(key);
        harness.run_steps(2);
        assert_eq!(
            focused(&harness).as_deref(),
            Some("Onderbouwing (komt in het rapport)")
        );
    }
    assert_eq!(
        value(&harness),
        None,
        "an arrow in a text field sets nothing"
    );

    // Alt+O to the chosen one (niet beoordeeld); each arrow chooses the next / previous, round
    // at the ends, and the focus goes with it.
    harness.key_press_modifiers(Modifiers::ALT, Key::O);
    harness.run_steps(2);
    assert_eq!(focused(&harness).as_deref(), Some("niet beoordeeld"));
    for (key, to, expected) in [
        (Key::ArrowRight, "voldoende", JudgementValue::Voldoende),
        (Key::ArrowDown, "onvoldoende", JudgementValue::Onvoldoende),
        (Key::ArrowUp, "voldoende", JudgementValue::Voldoende),
        (
            Key::ArrowLeft,
            "niet beoordeeld",
            JudgementValue::NietBeoordeeld,
        ),
        (Key::ArrowLeft, "onvoldoende", JudgementValue::Onvoldoende),
    ] {
        harness.key_press(key);
        harness.run_steps(3);
        assert_eq!(focused(&harness).as_deref(), Some(to), "{key:?}");
        assert_eq!(value(&harness), Some(expected), "{key:?}");
        let group = harness.get_by_role_and_label(Role::RadioGroup, "Oordeel");
        let chosen: Vec<String> = group
            .children()
            .filter(|c| c.accesskit_node().toggled() == Some(egui::accesskit::Toggled::True))
            .map(|c| c.accesskit_node().label().unwrap_or_default())
            .collect();
        assert_eq!(chosen, [to], "{key:?}");
    }
    // Alt+Rechts is still the next verwachting, not the next choice.
    harness.key_press_modifiers(Modifiers::ALT, Key::ArrowRight);
    harness.run_steps(3);
    assert_eq!(harness.state().screens().unwrap().expectation.index, 1);
    assert_eq!(value(&harness), Some(JudgementValue::Onvoldoende));

    // On disk once the app has closed.
    let path = harness.state().workspace().unwrap().path.clone();
    support::close(&mut harness);
    let (_, inspection, _) = veldtoets::store::Store::open(&path).unwrap();
    let oordeel = inspection.oordeel("1.1.1").unwrap();
    assert_eq!(oordeel.data.value, JudgementValue::Onvoldoende);
    assert_eq!(oordeel.data.onderbouwing, "abc");
}

#[test]
fn a_status_shown_as_a_symbol_is_heard_in_words() {
    let root = tempfile::tempdir().unwrap();
    let mut harness = fresh(root.path());
    harness.key_press(Key::F6);
    harness.run_steps(2);
    harness.key_press(Key::V);
    harness.run_steps(2);
    support::wait_until(&mut harness, "the oordeel to be on disk", |app| {
        app.workspace().is_some_and(|ws| !ws.store.pending())
    });
    // The status bar shows "✔ opgeslagen" and says "opgeslagen", politely, when it changes.
    let saved = harness.get_by_label("opgeslagen");
    assert_eq!(saved.accesskit_node().role(), Role::Label);
    assert_eq!(saved.accesskit_node().live(), egui::accesskit::Live::Polite);
    assert!(harness.query_by_label("✔ opgeslagen").is_none());
    // The work list: "1.1.1, oordeel voldoende", not "✔ 1.1.1".
    harness.get_by_label("1.1.1, oordeel voldoende");
    assert!(harness.query_by_label_contains("✔ 1.1.1").is_none());
}
