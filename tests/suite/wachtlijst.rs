//! The wachtlijst per zaak through the real binary (issue 13 item 4): waiting cases with their
//! contacts, the figures of zicht op veiligheid at the peildatum in `export --json` and in the
//! rapport, and the refusals (which write nothing).

use crate::common;

use common::TestDir;
use veldtoets::report::{self, ReportOptions};
use veldtoets::store::Store;

fn file(dir: &TestDir) {
    dir.run([
        "new",
        "--onversleuteld",
        "w.veldtoets",
        "--kader",
        "vt-2016-stap2",
        "--organisatie",
        "Veilig Thuis Proefregio",
        "--inspecteur",
        "E. Voorbeeld",
        "--bezoek-van",
        "13-10-2026",
    ])
    .success();
}

#[test]
fn waiting_cases_and_their_contacts_give_zicht_op_veiligheid() {
    let dir = TestDir::new();
    file(&dir);
    dir.run([
        "wachtzaak",
        "w.veldtoets",
        "W-1",
        "--melding",
        "05-12-2025",
        "--wacht-op",
        "onderzoek",
        "--prioriteit",
        "hoog",
    ])
    .success()
    .stdout_contains("wachtende zaak W-1: toegevoegd door E. Voorbeeld")
    .stdout_contains("wachtlijst op 13-10-2026: 1 wachtend, langste 312 d; 0 van 1 met contact in de laatste 30 dagen");
    dir.run([
        "wachtzaak",
        "w.veldtoets",
        "W-2",
        "--melding",
        "01-10-2026",
        "--wacht-op",
        "veiligheidsbeoordeling",
    ])
    .success();
    // An old contact with W-1 (more than 30 days before the peildatum), a recent one with W-2.
    dir.run([
        "contact",
        "w.veldtoets",
        "W-1",
        "--datum",
        "01-06-2026",
        "--met",
        "wijkteam",
    ])
    .success();
    dir.run([
        "contact",
        "w.veldtoets",
        "w-2",
        "--datum",
        "10-10-2026",
        "--met",
        "moeder",
    ])
    .success()
    .stdout_contains("1 van 2 met contact in de laatste 30 dagen");

    let export = dir
        .run(["export", "w.veldtoets", "--json", "-"])
        .success()
        .json();
    let f = &export["wachtlijst_cijfers"];
    assert_eq!(f["wachtend"], 2);
    assert_eq!(f["langste_wachttijd_dagen"], 312);
    assert_eq!(f["oudste_melding"], "2025-12-05");
    assert_eq!(f["met_contact"], 1);
    assert_eq!(f["aandeel_met_contact"], 0.5);
    assert_eq!(f["per_soort"]["onderzoek"], 1);
    let zaken = export["wachtzaken"].as_array().unwrap();
    assert_eq!(zaken[0]["nummer"], "W-1", "longest waiting first");
    assert_eq!(zaken[0]["zicht"], false);
    assert_eq!(zaken[0]["laatste_contact"], "2026-06-01");
    assert_eq!(zaken[1]["zicht"], true);
    assert_eq!(zaken[1]["contacten"][0]["met"], "moeder");

    let (_, inspection) = Store::open_read_only(&dir.join("w.veldtoets")).unwrap();
    let text = report::build(
        &inspection,
        &ReportOptions::new(true, jiff::civil::date(2026, 10, 20)),
    )
    .plain_text();
    for part in [
        "Per zaak vastgelegd wachtten op 13 oktober 2026 2 huishoudens (1 op veiligheidsbeoordeling, 1 op onderzoek); het langst wachtende sinds 5 december 2025 (312 dagen).",
        "Bij 1 van de 2 was er in de 30 dagen voor de peildatum contact over de veiligheid (zicht op veiligheid); bij 1 niet.",
    ] {
        assert!(text.contains(part), "{part}\n{text}");
    }

    // Taken off the wachtlijst: gone from the figures, kept in the history.
    dir.run(["wachtzaak", "w.veldtoets", "W-2", "--verwijder"])
        .success()
        .stdout_contains("1 wachtend");
}

#[test]
fn refusals_write_nothing() {
    let dir = TestDir::new();
    file(&dir);
    dir.run([
        "wachtzaak",
        "w.veldtoets",
        "W-1",
        "--melding",
        "05-12-2025",
        "--wacht-op",
        "vv",
    ])
    .success();
    let before = dir.read_bytes("w.veldtoets");
    for (args, message) in [
        (
            vec!["wachtzaak", "w.veldtoets", "W-9", "--wacht-op", "onderzoek"],
            "geef --melding DD-MM-JJJJ en --wacht-op",
        ),
        (
            vec![
                "wachtzaak",
                "w.veldtoets",
                "W-9",
                "--melding",
                "01-01-2026",
                "--wacht-op",
                "triage",
            ],
            "--wacht-op: 'triage' is onbekend",
        ),
        (
            vec![
                "contact",
                "w.veldtoets",
                "W-1",
                "--datum",
                "01-11-2025",
                "--met",
                "vader",
            ],
            "ligt vóór de melding",
        ),
        (
            vec![
                "contact",
                "w.veldtoets",
                "W-7",
                "--datum",
                "01-01-2026",
                "--met",
                "vader",
            ],
            "er is geen wachtende zaak met nummer 'W-7'",
        ),
        (
            vec!["wachtzaak", "w.veldtoets", "W-7", "--verwijder"],
            "er is geen wachtende zaak met nummer 'W-7'",
        ),
    ] {
        dir.run(&args).failure().stderr_contains(message);
        assert_eq!(dir.read_bytes("w.veldtoets"), before, "{args:?}");
    }
}
