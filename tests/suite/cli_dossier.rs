//! The dossier commands through the real binary: `dossier` (add, edit, clear a date, delete),
//! `dossiervraag` and `dossiers --importeer`, read back through `export --json` and the history
//! in the file; and every way to get them wrong, each leaving the file byte for byte as it was.

use crate::common;

use common::{Output, TestDir, assert_unchanged, dutch_failure, snapshot};
use serde_json::Value;

const FILE: &str = "proef.veldtoets";

fn export(dir: &TestDir, file: &str) -> Value {
    dir.run(["export", file, "--json", "-"]).success().json()
}

fn dossiers(export: &Value) -> &Vec<Value> {
    export["dossiers"].as_array().unwrap()
}

/// The exported dossier with `nummer` (exactly one).
#[track_caller]
fn dossier<'a>(export: &'a Value, nummer: &str) -> &'a Value {
    let found: Vec<&Value> = dossiers(export)
        .iter()
        .filter(|d| d["nummer"] == nummer)
        .collect();
    assert_eq!(
        found.len(),
        1,
        "dossier {nummer} in {:#}",
        export["dossiers"]
    );
    found[0]
}

/// The exported termijn `id` of a dossier.
#[track_caller]
fn termijn<'a>(dossier: &'a Value, id: &str) -> &'a Value {
    dossier["termijnen"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["termijn"] == id)
        .unwrap_or_else(|| panic!("termijn {id} in {dossier:#}"))
}

fn inspector_names(export: &Value) -> Vec<String> {
    export["onderzoek"]["inspecteurs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["naam"].as_str().unwrap().to_string())
        .collect()
}

fn fresh() -> TestDir {
    let dir = TestDir::new();
    dir.new_inspection(FILE);
    dir
}

#[test]
fn dossier_round_trip_add_edit_clear_delete() {
    let dir = fresh();
    let out = dir.run([
        "dossier",
        FILE,
        "VTP-2026-0001",
        "--datum",
        "melding_ontvangen=03-02-2026",
        "--datum",
        "triagebesluit=10-02-2026",
        "--datum",
        "start_onderzoek=2026-02-05",
        "--selectie",
        "gericht",
        "--notitie",
        "Melding via politie.",
    ]);
    out.success()
        .stdout_contains("dossier VTP-2026-0001 toegevoegd door E. Voorbeeld")
        .stdout_contains("triagebesluit: 2 d te laat")
        .stderr_empty();

    let e = export(&dir, FILE);
    assert_eq!(dossiers(&e).len(), 1);
    let d = dossier(&e, "VTP-2026-0001");
    assert_eq!(d["melding_ontvangen"], "2026-02-03");
    assert_eq!(d["triagebesluit"], "2026-02-10");
    assert_eq!(d["start_onderzoek"], "2026-02-05");
    assert_eq!(d["afronding_onderzoek"], Value::Null);
    assert_eq!(d["selectie"], "gericht");
    assert_eq!(d["notitie"], "Melding via politie.");
    assert_eq!(d["inspecteur"], "E. Voorbeeld");
    assert_eq!(termijn(d, "triage")["status"], "te_laat");
    assert_eq!(termijn(d, "triage")["dagen"], 7);
    assert_eq!(termijn(d, "triage")["dagen_te_laat"], 2);
    assert_eq!(termijn(d, "start_onderzoek")["status"], "binnen");
    assert_eq!(termijn(d, "start_onderzoek")["dagen"], 2);
    assert_eq!(termijn(d, "afronding_onderzoek")["status"], "onvolledig");
    let id = d["id"].as_str().unwrap().to_string();

    // Edit one date: the term flips, everything else stays.
    dir.run([
        "dossier",
        FILE,
        "VTP-2026-0001",
        "--datum",
        "triagebesluit=06-02-2026",
    ])
    .success()
    .stdout_contains("bijgewerkt door E. Voorbeeld (triagebesluit)");
    let e = export(&dir, FILE);
    let d = dossier(&e, "VTP-2026-0001");
    assert_eq!(d["id"], id.as_str(), "the same dossier, not a new one");
    assert_eq!(d["triagebesluit"], "2026-02-06");
    assert_eq!(termijn(d, "triage")["status"], "binnen");
    assert_eq!(termijn(d, "triage")["dagen"], 3);
    assert_eq!(d["melding_ontvangen"], "2026-02-03");
    assert_eq!(d["start_onderzoek"], "2026-02-05");
    assert_eq!(d["selectie"], "gericht");
    assert_eq!(d["notitie"], "Melding via politie.");

    // An empty value clears that date.
    dir.run([
        "dossier",
        FILE,
        "VTP-2026-0001",
        "--datum",
        "start_onderzoek=",
    ])
    .success()
    .stdout_contains("(start_onderzoek)");
    let e = export(&dir, FILE);
    let d = dossier(&e, "VTP-2026-0001");
    assert_eq!(d["start_onderzoek"], Value::Null);
    assert_eq!(termijn(d, "start_onderzoek")["status"], "onvolledig");
    assert_eq!(d["triagebesluit"], "2026-02-06");

    // Nothing that would change: nothing written, and said so.
    let before = snapshot(&dir);
    dir.run([
        "dossier",
        FILE,
        "VTP-2026-0001",
        "--datum",
        "triagebesluit=6-2-2026",
        "--selectie",
        "gericht",
    ])
    .success()
    .stdout_contains("niets gewijzigd")
    .stdout_contains("er is niets geschreven");
    dir.run(["dossier", FILE, "VTP-2026-0001"])
        .success()
        .stdout_contains("niets gewijzigd");
    assert_unchanged(&dir, &before, "an edit that changes nothing");

    // Delete: gone from the export, kept in the history as a tombstone.
    dir.run(["dossier", FILE, "VTP-2026-0001", "--verwijder"])
        .success()
        .stdout_contains("dossier VTP-2026-0001 verwijderd door E. Voorbeeld");
    let e = export(&dir, FILE);
    assert!(dossiers(&e).is_empty(), "{:#}", e["dossiers"]);
    let (_, inspection) = veldtoets::store::Store::open_read_only(&dir.join(FILE)).unwrap();
    let history = inspection.dossiers.history(&id).unwrap();
    let revisions = history.revisions();
    assert_eq!(revisions.len(), 4, "add, two edits, the tombstone");
    assert!(revisions.last().unwrap().meta.deleted);
    assert!(revisions[..3].iter().all(|r| !r.meta.deleted));
    assert_eq!(
        revisions[0]
            .data
            .dates
            .get(veldtoets::domain::DateKind::START_ONDERZOEK)
            .unwrap()
            .day(),
        5
    );
    drop(inspection);

    // Deleting again: it does not exist any more.
    let before = snapshot(&dir);
    dutch_failure(
        &dir.run(["dossier", FILE, "VTP-2026-0001", "--verwijder"]),
        &["VTP-2026-0001", "staat niet in", FILE],
    );
    assert_unchanged(&dir, &before, "deleting a dossier that is not there");

    // The number can be used again: a new dossier.
    dir.run(["dossier", FILE, "VTP-2026-0001"])
        .success()
        .stdout_contains("toegevoegd");
    let e = export(&dir, FILE);
    let d = dossier(&e, "VTP-2026-0001");
    assert_ne!(d["id"], id.as_str());
    assert_eq!(d["selectie"], "willekeurig");
    assert_eq!(d["melding_ontvangen"], Value::Null);
}

#[test]
fn inspecteur_is_recorded_as_the_author() {
    let dir = fresh();
    dir.run([
        "dossier",
        FILE,
        "A-1",
        "--datum",
        "melding_ontvangen=01-03-2026",
        "--inspecteur",
        "J. Proef",
    ])
    .success()
    .stdout_contains("toegevoegd door J. Proef");
    let e = export(&dir, FILE);
    assert_eq!(dossier(&e, "A-1")["inspecteur"], "J. Proef");
    let names = inspector_names(&e);
    assert!(names.contains(&"J. Proef".to_string()), "{names:?}");

    // Without --inspecteur: whoever made the file, as `oordeel` does.
    dir.run(["dossier", FILE, "A-1", "--notitie", "Aangevuld."])
        .success()
        .stdout_contains("door E. Voorbeeld");
    assert_eq!(
        dossier(&export(&dir, FILE), "A-1")["inspecteur"],
        "E. Voorbeeld"
    );

    dir.run([
        "dossiervraag",
        FILE,
        "A-1",
        "dos-1.3.1",
        "ja",
        "--inspecteur",
        "K. Derde",
    ])
    .success()
    .stdout_contains("vastgelegd door K. Derde");
    let (_, inspection) = veldtoets::store::Store::open_read_only(&dir.join(FILE)).unwrap();
    let d = inspection.dossier_list()[0].meta.entity.clone();
    let check = inspection
        .checks
        .get(&inspection.check_id(&d, "dos-1.3.1"))
        .unwrap();
    assert_eq!(inspection.inspector_name(check.meta.author), "K. Derde");
    drop(inspection);

    // An edit that changes nothing does not even register a new inspecteur; an empty name is
    // refused.
    let before = snapshot(&dir);
    dir.run([
        "dossier",
        FILE,
        "A-1",
        "--notitie",
        "Aangevuld.",
        "--inspecteur",
        "Z. Nieuw",
    ])
    .success()
    .stdout_contains("niets gewijzigd");
    dutch_failure(
        &dir.run([
            "dossier",
            FILE,
            "A-1",
            "--notitie",
            "x",
            "--inspecteur",
            " ",
        ]),
        &["--inspecteur mag niet leeg zijn"],
    );
    assert_unchanged(&dir, &before, "no change, empty inspecteur");
    assert!(!inspector_names(&export(&dir, FILE)).contains(&"Z. Nieuw".to_string()));
}

#[test]
fn dossiervraag_ja_then_nee_keeps_the_history() {
    let dir = fresh();
    dir.run(["dossier", FILE, "B-7"]).success();
    dir.run([
        "dossiervraag",
        FILE,
        "B-7",
        "dos-1.3.1",
        "ja",
        "--toelichting",
        "Veiligheidsplan in het dossier.",
    ])
    .success()
    .stdout_contains("dossier B-7, dos-1.3.1: ja vastgelegd door E. Voorbeeld");
    let e = export(&dir, FILE);
    let checks = dossier(&e, "B-7")["checks"].as_array().unwrap().clone();
    assert_eq!(checks.len(), 1);
    assert_eq!(checks[0]["vraag"], "dos-1.3.1");
    assert_eq!(checks[0]["antwoord"], "ja");
    assert_eq!(checks[0]["notitie"], "Veiligheidsplan in het dossier.");

    // nee without --toelichting keeps the toelichting.
    dir.run(["dossiervraag", FILE, "B-7", "dos-1.3.1", "nee"])
        .success()
        .stdout_contains("nee (was ja)");
    let e = export(&dir, FILE);
    let checks = dossier(&e, "B-7")["checks"].as_array().unwrap().clone();
    assert_eq!(checks.len(), 1);
    assert_eq!(checks[0]["antwoord"], "nee");
    assert_eq!(checks[0]["notitie"], "Veiligheidsplan in het dossier.");
    assert_eq!(checks[0]["conflict"], false);

    // The history keeps ja, then nee; the record is the one the app writes.
    let (_, inspection) = veldtoets::store::Store::open_read_only(&dir.join(FILE)).unwrap();
    let d = dossier(&e, "B-7")["id"].as_str().unwrap().to_string();
    let history = inspection
        .checks
        .history(&inspection.check_id(&d, "dos-1.3.1"))
        .expect("the check record has the id the app uses");
    let answers: Vec<&str> = history
        .revisions()
        .iter()
        .map(|r| r.data.antwoord.as_str())
        .collect();
    assert_eq!(answers, ["ja", "nee"]);
    assert_eq!(
        history.revisions()[1].meta.replaces,
        [history.revisions()[0].meta.rev]
    );
    drop(inspection);

    // The same answer again writes nothing; n.v.t. is accepted; a second question is its own
    // record.
    let before = snapshot(&dir);
    dir.run(["dossiervraag", FILE, "B-7", "dos-1.3.1", "NEE"])
        .success()
        .stdout_contains("niets gewijzigd");
    assert_unchanged(&dir, &before, "the same answer again");
    dir.run([
        "dossiervraag",
        FILE,
        "B-7",
        "dos-1.2.1",
        "n.v.t.",
        "--toelichting",
        "",
    ])
    .success();
    let e = export(&dir, FILE);
    let checks: Vec<(String, String)> = dossier(&e, "B-7")["checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["vraag"].as_str().unwrap().to_string(),
                c["antwoord"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        checks,
        [
            ("dos-1.2.1".to_string(), "nvt".to_string()),
            ("dos-1.3.1".to_string(), "nee".to_string())
        ]
    );
}

#[test]
fn dossiervraag_refuses_unknown_questions_dossiers_and_answers() {
    let dir = fresh();
    dir.run(["dossier", FILE, "B-7"]).success();
    let before = snapshot(&dir);
    dutch_failure(
        &dir.run(["dossiervraag", FILE, "B-7", "vraag-99", "ja"]),
        &[
            "onbekende dossiervraag 'vraag-99'",
            "dos-1.1.1",
            "dos-1.3.1",
        ],
    );
    out_one_line(&dir.run(["dossiervraag", FILE, "B-7", "vraag-99", "ja"]));
    // Something that looks like an id is answered with the ids it resembles.
    dutch_failure(
        &dir.run(["dossiervraag", FILE, "B-7", "1.3.1", "ja"]),
        &["'1.3.1'", "bedoelt u dos-1.3.1"],
    );
    dutch_failure(
        &dir.run(["dossiervraag", FILE, "B-8", "dos-1.3.1", "ja"]),
        &["dossier B-8 staat niet in", FILE],
    );
    for answer in ["misschien", "open", ""] {
        dutch_failure(
            &dir.run(["dossiervraag", FILE, "B-7", "dos-1.3.1", answer]),
            &["kies ja, nee of nvt"],
        );
    }
    dutch_failure(
        &dir.run(["dossiervraag", FILE, " ", "dos-1.3.1", "ja"]),
        &["dossiernummer is leeg"],
    );
    assert_unchanged(&dir, &before, "refused dossiervragen");
}

#[track_caller]
fn out_one_line(out: &Output) {
    out.failure().stderr_one_line();
}

#[test]
fn dossier_refuses_bad_arguments_with_the_token() {
    let dir = fresh();
    dir.run(["dossier", FILE, "C-1"]).success();
    let before = snapshot(&dir);
    let cases: &[(&[&str], &[&str])] = &[
        (
            &["--selectie", "soms"],
            &["--selectie", "'soms'", "willekeurig of gericht"],
        ),
        (
            &["--datum", "melding=03-02-2026"],
            &["onbekende datumsoort 'melding'", "melding_ontvangen"],
        ),
        (
            &["--datum", "ontvangen_op=03-02-2026"],
            &["'ontvangen_op'", "vervolgtraject_ingezet"],
        ),
        (&["--datum", "03-02-2026"], &["SOORT=dd-mm-jjjj"]),
        (
            &["--datum", "triagebesluit=31-02-2026"],
            &["triagebesluit", "'31-02-2026'"],
        ),
        (
            &[
                "--datum",
                "triagebesluit=01-02-2026",
                "--datum",
                "triagebesluit=",
            ],
            &["triagebesluit staat er twee keer"],
        ),
        (
            &["--verwijder", "--notitie", "weg"],
            &["--verwijder gaat niet samen"],
        ),
    ];
    for (args, parts) in cases {
        let mut all = vec!["dossier", FILE, "C-1"];
        all.extend_from_slice(args);
        let out = dir.run(&all);
        dutch_failure(&out, parts);
        out.stderr_one_line();
        // The same for a number that does not exist yet: nothing is created.
        all[2] = "C-2";
        dutch_failure(&dir.run(&all), parts);
    }
    dutch_failure(&dir.run(["dossier", FILE, ""]), &["dossiernummer is leeg"]);
    assert_unchanged(&dir, &before, "refused dossier arguments");
    assert_eq!(dossiers(&export(&dir, FILE)).len(), 1);
}

#[test]
fn a_missing_bad_locked_or_read_only_file_is_refused_like_oordeel() {
    let dir = TestDir::new();
    dir.write("lijst.csv", "nummer\nA\n");
    dir.write("rommel.veldtoets", "geen database\n".repeat(100));
    for (file, words) in [
        ("ontbreekt.veldtoets", "bestaat niet"),
        ("rommel.veldtoets", "geen veldtoets-bestand"),
    ] {
        let before = snapshot(&dir);
        for args in [
            vec!["dossier", file, "A"],
            vec!["dossiervraag", file, "A", "dos-1.3.1", "ja"],
            vec!["dossiers", file, "--importeer", "lijst.csv"],
        ] {
            let out = dir.run(&args);
            dutch_failure(&out, &[words, file]);
            out.stderr_one_line();
        }
        assert_unchanged(&dir, &before, file);
    }

    // Open in the app (or another veldtoets): refused at once, untouched.
    dir.new_inspection(FILE);
    dir.run(["dossier", FILE, "A"]).success();
    let before = snapshot(&dir);
    let held = veldtoets::store::Store::open(&dir.join(FILE)).unwrap();
    for args in [
        vec!["dossier", FILE, "A", "--notitie", "x"],
        vec!["dossier", FILE, "B"],
        vec!["dossiervraag", FILE, "A", "dos-1.3.1", "ja"],
        vec!["dossiers", FILE, "--importeer", "lijst.csv"],
        vec!["oordeel", FILE, "1.3.1", "voldoende"],
    ] {
        let out = dir.run(&args);
        dutch_failure(&out, &["al geopend", FILE]);
        out.stderr_one_line();
    }
    drop(held);
    assert_unchanged(&dir, &before, "a file open elsewhere");

    // Write-protected: the same "alleen-lezen" error as oordeel (as `nobody` when the tests run
    // as root, who may write anything).
    use std::os::unix::fs::PermissionsExt;
    let path = dir.join(FILE);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let as_root = common::is_root();
    if as_root && !common::can_run_as_nobody() {
        eprintln!("read-only case skipped: root, and nobody cannot run the binary");
        return;
    }
    if as_root {
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        std::fs::set_permissions(
            dir.join("lijst.csv"),
            std::fs::Permissions::from_mode(0o644),
        )
        .unwrap();
    }
    let before = snapshot(&dir);
    for args in [
        vec!["oordeel", FILE, "1.3.1", "voldoende"],
        vec!["dossier", FILE, "A", "--notitie", "x"],
        vec!["dossiervraag", FILE, "A", "dos-1.3.1", "ja"],
        vec!["dossiers", FILE, "--importeer", "lijst.csv"],
    ] {
        let out = if as_root {
            dir.run_as("nobody", &args)
        } else {
            dir.run(&args)
        };
        out.failure()
            .stderr_one_line()
            .stderr_contains("fout: ")
            .stderr_contains("alleen-lezen")
            .stderr_contains(FILE);
    }
    assert_unchanged(&dir, &before, "a write-protected file");
}

#[test]
fn import_semicolons_bom_crlf_quotes() {
    let dir = fresh();
    dir.run([
        "dossier",
        FILE,
        "VT-2",
        "--datum",
        "melding_ontvangen=01-02-2026",
    ])
    .success();
    dir.run(["dossier", FILE, "VT-9", "--notitie", "al klaar"])
        .success();
    // What Dutch Excel writes: BOM, ';', CRLF, an empty row of delimiters at the end.
    let csv = "\u{feff}Nummer;melding_ontvangen;triagebesluit;selectie;Notitie\r\n\
               VT-1;03-02-2026;05-02-2026;gericht;\r\n\
               VT-2;;2026-02-09;;\r\n\
               VT-3;10-02-2026;;;\"Zie \"\"map 2\"\"; niet volledig\"\r\n\
               VT-9;;;;\r\n\
               ;;;;\r\n";
    dir.write("lijst.csv", csv);
    let out = dir.run([
        "dossiers",
        FILE,
        "--importeer",
        "lijst.csv",
        "--inspecteur",
        "J. Proef",
    ]);
    out.success()
        .stderr_empty()
        .stdout_contains("2 nieuwe dossiers, 1 bijgewerkt, 1 ongewijzigd")
        .stdout_contains("door J. Proef");

    let e = export(&dir, FILE);
    assert_eq!(dossiers(&e).len(), 4);
    let d1 = dossier(&e, "VT-1");
    assert_eq!(d1["melding_ontvangen"], "2026-02-03");
    assert_eq!(d1["triagebesluit"], "2026-02-05");
    assert_eq!(d1["selectie"], "gericht");
    assert_eq!(d1["inspecteur"], "J. Proef");
    assert_eq!(termijn(d1, "triage")["status"], "binnen");
    let d2 = dossier(&e, "VT-2");
    assert_eq!(d2["melding_ontvangen"], "2026-02-01", "kept");
    assert_eq!(d2["triagebesluit"], "2026-02-09", "added");
    assert_eq!(termijn(d2, "triage")["dagen_te_laat"], 3);
    assert_eq!(d2["inspecteur"], "J. Proef");
    let d3 = dossier(&e, "VT-3");
    assert_eq!(d3["notitie"], "Zie \"map 2\"; niet volledig");
    assert_eq!(d3["selectie"], "willekeurig");
    let d9 = dossier(&e, "VT-9");
    assert_eq!(d9["notitie"], "al klaar");
    assert_eq!(
        d9["inspecteur"], "E. Voorbeeld",
        "no revision for no change"
    );

    // The same list again changes nothing and writes nothing.
    let before = snapshot(&dir);
    dir.run(["dossiers", FILE, "--importeer", "lijst.csv"])
        .success()
        .stdout_contains("0 nieuwe dossiers, 0 bijgewerkt, 4 ongewijzigd")
        .stdout_contains("niets geschreven");
    assert_unchanged(&dir, &before, "importing the same list twice");
}

#[test]
fn import_commas_iso_dates_and_dossiernummer() {
    let dir = fresh();
    dir.write(
        "lijst.csv",
        "dossiernummer,afronding_onderzoek,melding_ontvangen\n\
         \"X,1\",2026-05-01,2026-02-03\n\
         X-2,,2026-02-04\n",
    );
    dir.run(["dossiers", FILE, "--importeer", "lijst.csv"])
        .success()
        .stdout_contains("2 nieuwe dossiers, 0 bijgewerkt, 0 ongewijzigd");
    let e = export(&dir, FILE);
    let d = dossier(&e, "X,1");
    assert_eq!(d["afronding_onderzoek"], "2026-05-01");
    assert_eq!(termijn(d, "afronding_onderzoek")["status"], "te_laat");
    assert_eq!(dossier(&e, "X-2")["melding_ontvangen"], "2026-02-04");
    dir.write("een.csv", "nummer;melding_ontvangen\nX-3;01-01-2026\n");
    dir.run(["dossiers", FILE, "--importeer", "een.csv"])
        .success()
        .stdout_contains("1 nieuw dossier, 0 bijgewerkt");
}

#[test]
fn import_with_three_bad_rows_names_all_three_and_writes_nothing() {
    let dir = fresh();
    dir.run(["dossier", FILE, "VT-1"]).success();
    dir.write(
        "lijst.csv",
        "nummer;melding_ontvangen;selectie\r\n\
         VT-1;03-02-2026;\r\n\
         VT-2;31-02-2026;\r\n\
         VT-3;04-02-2026;gericht\r\n\
         VT-4;05-02-2026;soms\r\n\
         VT-5;06-02-2026\r\n\
         VT-6;07-02-2026;willekeurig\r\n",
    );
    let before = snapshot(&dir);
    let out = dir.run(["dossiers", FILE, "--importeer", "lijst.csv"]);
    dutch_failure(
        &out,
        &[
            "'lijst.csv' is niet ingelezen (3 fouten)",
            "er is niets gewijzigd",
            "regel 3: melding_ontvangen: '31-02-2026'",
            "regel 5: selectie: 'soms'",
            "regel 6: 2 velden, de kopregel heeft er 3",
        ],
    );
    assert_eq!(
        out.stderr().lines().count(),
        4,
        "the summary and one line each"
    );
    for good in ["regel 2", "regel 4", "regel 7"] {
        out.stderr_not_contains(good);
    }
    assert_unchanged(&dir, &before, "a list with bad rows");
    assert_eq!(dossiers(&export(&dir, FILE)).len(), 1);
    let e = export(&dir, FILE);
    assert_eq!(dossier(&e, "VT-1")["melding_ontvangen"], Value::Null);
}

#[test]
fn import_refuses_a_number_twice_unknown_columns_and_bad_files() {
    let dir = fresh();
    let before = snapshot(&dir);
    let cases: &[(&str, &[u8], &[&str])] = &[
        (
            "twee.csv",
            b"nummer;melding_ontvangen\nA;01-02-2026\nB;\nA;02-02-2026\n",
            &["regel 4: dossiernummer A staat ook op regel 2"],
        ),
        (
            "kolom.csv",
            b"nummer;melding;triagebesluit\nA;01-02-2026;\n",
            &[
                "regel 1: kolom 2 'melding' is onbekend",
                "melding_ontvangen",
            ],
        ),
        (
            "geennummer.csv",
            b"melding_ontvangen\n01-02-2026\n",
            &["regel 1: de kopregel heeft geen kolom nummer"],
        ),
        (
            "leegnummer.csv",
            b"nummer;triagebesluit\n;01-02-2026\n",
            &["regel 2: het dossiernummer is leeg"],
        ),
        ("leeg.csv", b"", &["geen kopregel"]),
        (
            "aanhalingsteken.csv",
            b"nummer;notitie\nA;\"open\nB;x\n",
            &["regel 2: een aanhalingsteken"],
        ),
        (
            "latin1.csv",
            b"nummer;notitie\nA;caf\xe9\n",
            &["geen UTF-8-tekst (regel 2)", "CSV UTF-8"],
        ),
    ];
    for (name, bytes, parts) in cases {
        dir.write(name, bytes);
        let out = dir.run(["dossiers", FILE, "--importeer", name]);
        dutch_failure(&out, parts);
    }
    dutch_failure(
        &dir.run(["dossiers", FILE, "--importeer", "ontbreekt.csv"]),
        &["'ontbreekt.csv'", "bestaat niet"],
    );
    dutch_failure(
        &dir.run(["dossiers", FILE, "--importeer", FILE]),
        &["onderzoeksbestand, geen dossierlijst"],
    );
    for (name, _, _) in cases {
        std::fs::remove_file(dir.join(name)).unwrap();
    }
    assert_unchanged(&dir, &before, "refused lists");
    assert!(dossiers(&export(&dir, FILE)).is_empty());
}

/// `a.veldtoets` and `b.veldtoets`, copies of one onderzoek, merged into `team.veldtoets`
/// after `prepare` changed each copy.
fn merged(prepare: impl Fn(&TestDir, &str)) -> TestDir {
    let dir = TestDir::new();
    dir.new_inspection("a.veldtoets");
    dir.run(["dossier", "a.veldtoets", "BASIS"]).success();
    std::fs::copy(dir.join("a.veldtoets"), dir.join("b.veldtoets")).unwrap();
    prepare(&dir, "a.veldtoets");
    prepare(&dir, "b.veldtoets");
    dir.run([
        "merge",
        "--into",
        "team.veldtoets",
        "a.veldtoets",
        "b.veldtoets",
    ])
    .success();
    dir
}

#[test]
fn a_number_carried_by_two_dossiers_is_refused_until_resolved_in_the_app() {
    // Two inspectors both added VT-7 in their own copy.
    let dir = merged(|dir, file| {
        let melding = if file == "a.veldtoets" {
            "melding_ontvangen=01-02-2026"
        } else {
            "melding_ontvangen=02-02-2026"
        };
        dir.run(["dossier", file, "VT-7", "--datum", melding])
            .success();
    });
    let team = "team.veldtoets";
    let e = export(&dir, team);
    let sevens = dossiers(&e)
        .iter()
        .filter(|d| d["nummer"] == "VT-7")
        .count();
    assert_eq!(sevens, 2, "the merge keeps both");
    dir.write(
        "lijst.csv",
        "nummer;triagebesluit\nBASIS;03-02-2026\nVT-7;03-02-2026\n",
    );
    let before = snapshot(&dir);
    for args in [
        vec![
            "dossier",
            team,
            "VT-7",
            "--datum",
            "triagebesluit=03-02-2026",
        ],
        vec!["dossier", team, "VT-7", "--verwijder"],
        vec!["dossiervraag", team, "VT-7", "dos-1.3.1", "ja"],
    ] {
        let out = dir.run(&args);
        dutch_failure(
            &out,
            &["VT-7 staat 2 keer", team, "samenvoegen of hernummeren"],
        );
        out.stderr_one_line();
    }
    dutch_failure(
        &dir.run(["dossiers", team, "--importeer", "lijst.csv"]),
        &["(1 fout)", "regel 3: dossiernummer VT-7 staat 2 keer"],
    );
    assert_unchanged(&dir, &before, "a duplicate number");
    // Other dossiers can still be edited.
    dir.run(["dossier", team, "BASIS", "--notitie", "ok"])
        .success();
}

#[test]
fn a_dossier_in_conflict_is_not_edited_behind_the_inspectors_backs() {
    // The melding date of one dossier changed differently in the two copies.
    let dir = merged(|dir, file| {
        let melding = if file == "a.veldtoets" {
            "melding_ontvangen=01-02-2026"
        } else {
            "melding_ontvangen=02-02-2026"
        };
        dir.run(["dossier", file, "BASIS", "--datum", melding])
            .success();
    });
    let team = "team.veldtoets";
    assert_eq!(dossier(&export(&dir, team), "BASIS")["conflict"], true);
    dir.write("lijst.csv", "nummer;notitie\nBASIS;x\n");
    let before = snapshot(&dir);
    dutch_failure(
        &dir.run(["dossier", team, "BASIS", "--notitie", "x"]),
        &["dossier BASIS", "tegenspreken", "in de app"],
    );
    dutch_failure(
        &dir.run(["dossiers", team, "--importeer", "lijst.csv"]),
        &["regel 2: dossier BASIS", "tegenspreken"],
    );
    assert_unchanged(&dir, &before, "a dossier in conflict");
}

#[test]
fn a_checklist_answer_in_conflict_is_replaced_only_when_given_in_full() {
    let dir = merged(|dir, file| {
        let answer = if file == "a.veldtoets" { "ja" } else { "nee" };
        dir.run(["dossiervraag", file, "BASIS", "dos-1.1.1b", answer])
            .success();
    });
    let team = "team.veldtoets";
    let before = snapshot(&dir);
    dutch_failure(
        &dir.run(["dossiervraag", team, "BASIS", "dos-1.1.1b", "ja"]),
        &["dos-1.1.1b", "tegenspreken", "--toelichting"],
    );
    assert_unchanged(&dir, &before, "a conflicted answer without toelichting");
    dir.run([
        "dossiervraag",
        team,
        "BASIS",
        "dos-1.1.1b",
        "nee",
        "--toelichting",
        "Nagekeken: geen bespreking vastgelegd.",
    ])
    .success()
    .stdout_contains("(conflict opgelost)");
    let e = export(&dir, team);
    let check = &dossier(&e, "BASIS")["checks"][0];
    assert_eq!(check["antwoord"], "nee");
    assert_eq!(check["conflict"], false);
    assert!(e["conflicten"].as_array().unwrap().is_empty());
}

#[test]
fn help_is_dutch() {
    let dir = TestDir::new();
    for (command, parts) in [
        (
            "dossier",
            &["--datum <SOORT=DATUM>", "melding_ontvangen", "--verwijder"][..],
        ),
        ("dossiervraag", &["<VRAAG-ID>", "--toelichting"][..]),
        (
            "dossiers",
            &["--importeer <LIJST.csv>", "dossiernummer"][..],
        ),
    ] {
        let out = dir.run([command, "--help"]);
        out.success().stdout_contains("Gebruik: veldtoets");
        for part in parts {
            out.stdout_contains(part);
        }
        assert!(!out.stdout().contains("Usage:"), "{out}");
    }
}
