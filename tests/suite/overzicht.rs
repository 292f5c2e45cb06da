//! The landelijk overzicht: 24 inspection files built from the reconstructed stap 2 table
//! (`fixtures/stap2-landelijk-2017.json`) must give the ranking, counts and wachtlijsten published
//! in chapter 2.1 of seed 000; mixed kaders and bad files are refused.

use crate::common;

use std::path::{Path, PathBuf};

use common::TestDir;
use serde_json::Value;
use veldtoets::domain::inspection::{OordeelData, Record, Stamp};
use veldtoets::kader_io;
use veldtoets::store::Store;

/// The published table of chapter 2.1 (seed 000), in its order: organisation, verwachtingen
/// voldoende, onvoldoende, "wachtlijst opgelost?".
const PUBLISHED: [(&str, u32, u32, &str); 24] = [
    ("West-Brabant", 28, 2, "Ja"),
    ("Zuidoost-Brabant", 28, 2, "Ja"),
    ("Gooi en Vechtstreek", 27, 3, "Ja"),
    ("Groningen", 27, 3, "Ja"),
    ("Midden-Brabant", 27, 3, "Ja"),
    ("Utrecht", 27, 3, "Ja"),
    ("Friesland", 26, 4, "Ja"),
    ("Zeeland", 26, 4, "Ja"),
    ("Zuid-Holland Zuid", 26, 4, "Ja"),
    ("Flevoland", 25, 5, "Ja"),
    ("Haaglanden", 25, 5, "Ja"),
    ("Noord-Holland Noord", 25, 5, "Ja"),
    ("Brabant Noordoost", 28, 2, "Nee"),
    ("Noord- en Midden Limburg", 25, 5, "Nee"),
    ("Twente", 24, 6, "Nee"),
    ("Amsterdam-Amstelland", 23, 7, "Nee"),
    ("Kennemerland", 23, 7, "Ja"),
    ("Zaanstreek-Waterland", 23, 7, "Ja"),
    ("Gelderland-Midden", 22, 8, "Ja"),
    ("Noord- en Oost Gelderland", 22, 8, "Ja"),
    ("Zuid-Limburg", 22, 8, "Ja"),
    ("IJsselland", 20, 10, "Ja"),
    ("Hollands-Midden", 21, 9, "Nee"),
    ("Rotterdam-Rijnmond", 21, 9, "Nee"),
];

fn fixture() -> Value {
    serde_json::from_str(include_str!("../fixtures/stap2-landelijk-2017.json")).unwrap()
}

fn slug(name: &str) -> String {
    name.to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect()
}

/// Creates `path` for `organisatie` with kader `kader`: every scored verwachting voldoende
/// except `failed` (id → textual oordeel); `skip` verwachtingen stay niet beoordeeld.
fn inspection_file(path: &Path, kader: &str, organisatie: &str, failed: &Value, skip: &[&str]) {
    let framework = kader_io::builtin(kader).unwrap();
    let (mut store, mut inspection) =
        Store::create(path, framework, organisatie, "E. Voorbeeld", Stamp::now()).unwrap();
    let author = *inspection.inspectors.keys().next().unwrap();
    let ids: Vec<String> = framework
        .expectations()
        .iter()
        .filter(|e| e.expectation.assessment.is_scored())
        .map(|e| e.expectation.id.clone())
        .filter(|id| !skip.contains(&id.as_str()))
        .collect();
    let mut changes = Vec::new();
    for id in ids {
        let text = failed[&id].as_str().unwrap_or("voldoende");
        let data = OordeelData::parse(framework, &id, text, String::new()).unwrap();
        let change = inspection.change(&id, Record::Oordeel(data), author, Stamp::now());
        inspection.apply(change.clone());
        changes.push(change);
    }
    store.append_all(&changes).unwrap();
}

/// The 24 organisations' files, in fixture order.
fn landelijk(dir: &TestDir) -> Vec<PathBuf> {
    let doc = fixture();
    doc["organisaties"]
        .as_array()
        .unwrap()
        .iter()
        .map(|org| {
            let name = org["organisatie"].as_str().unwrap();
            let path = dir.join(format!("{}.veldtoets", slug(name)));
            inspection_file(
                &path,
                "vt-2016-stap2",
                name,
                &org["onvoldoende_verwachtingen"],
                &[],
            );
            path
        })
        .collect()
}

/// A fixed shuffle, so the ranking cannot come from the input order.
fn shuffled(files: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = files.to_vec();
    out.reverse();
    out.rotate_left(7);
    out
}

fn overzicht(dir: &TestDir, files: &[PathBuf]) -> Value {
    let mut cmd = dir.cmd(["overzicht", "--json", "-"]);
    cmd.args(files);
    cmd.output().success().stderr_empty().json()
}

#[test]
fn the_published_ranking_of_24_organisations() {
    let dir = TestDir::new();
    let files = landelijk(&dir);
    let o = overzicht(&dir, &shuffled(&files));
    assert_eq!(o["kader"], "vt-2016-stap2");
    let rows = o["organisaties"].as_array().unwrap();
    assert_eq!(rows.len(), 24);
    for (i, (row, (name, met, not_met, opgelost))) in rows.iter().zip(PUBLISHED).enumerate() {
        assert_eq!(row["positie"], i + 1);
        assert_eq!(
            row["organisatie"],
            format!("Veilig Thuis {name}"),
            "position {}",
            i + 1
        );
        assert_eq!(row["voldoende"], met, "{name}");
        assert_eq!(row["onvoldoende"], not_met, "{name}");
        assert_eq!(row["wachtlijst"], opgelost == "Nee", "{name}");
        assert_eq!(row["compleet"], true, "{name}");
        assert_eq!(row["niet_beoordeeld"], 0, "{name}");
    }
    // "twaalf … voldoende … tien … matig … twee … onvoldoende"
    assert_eq!(
        o["eindoordelen"],
        serde_json::json!({"voldoende": 12, "matig": 10, "onvoldoende": 2, "nog_geen_oordeel": 0,
            "per_eindoordeel": [
                {"eindoordeel": "voldoende", "naam": "voldoende", "aantal": 12},
                {"eindoordeel": "matig", "naam": "matig", "aantal": 10},
                {"eindoordeel": "onvoldoende", "naam": "onvoldoende", "aantal": 2}]})
    );
    let verdicts: Vec<&str> = rows
        .iter()
        .map(|r| r["eindoordeel"].as_str().unwrap())
        .collect();
    assert_eq!(verdicts[..12], ["voldoende"; 12]);
    assert_eq!(verdicts[12..22], ["matig"; 10]);
    assert_eq!(verdicts[22..], ["onvoldoende"; 2]);
}

#[test]
fn the_matrix_and_the_counts_per_verwachting() {
    let dir = TestDir::new();
    let files = landelijk(&dir);
    let o = overzicht(&dir, &files);
    let columns: Vec<&str> = o["verwachtingen"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["id"].as_str().unwrap())
        .collect();
    // The matrix columns of chapter 2.1: the 30 judged verwachtingen, 1.4.4 (inventoried) not.
    assert_eq!(columns.len(), 30);
    assert_eq!(columns[0], "1.1.1");
    assert_eq!(columns[29], "4.1.3");
    assert!(!columns.contains(&"1.4.4"));

    // Every row marks exactly the fixture's failed verwachtingen.
    let doc = fixture();
    for org in doc["organisaties"].as_array().unwrap() {
        let name = org["organisatie"].as_str().unwrap();
        let row = o["organisaties"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["organisatie"] == name)
            .unwrap();
        let failed = org["onvoldoende_verwachtingen"].as_object().unwrap();
        let cells = row["oordelen"].as_array().unwrap();
        assert_eq!(cells.len(), 30);
        for (id, cell) in columns.iter().zip(cells) {
            let expected = failed.get(*id).map_or("voldoende", |v| v.as_str().unwrap());
            let expected = if *id == "2.1.1" && expected == "onvoldoende" {
                "onvoldoende:termijn"
            } else {
                expected
            };
            assert_eq!(cell, expected, "{name} {id}");
        }
        let marked: Vec<&str> = row["onvoldoende_verwachtingen"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        let mut expected: Vec<&str> = failed.keys().map(String::as_str).collect();
        expected.sort_by_key(|id| columns.iter().position(|c| c == id));
        assert_eq!(marked, expected, "{name}");
    }

    // Figures published in chapters 2.2 and 2.3 (kept by the reconstruction).
    let count = |id: &str| {
        let t = o["per_verwachting"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["verwachting"] == id)
            .unwrap();
        (
            t["voldoende"].as_u64().unwrap(),
            t["onvoldoende"].as_u64().unwrap(),
        )
    };
    assert_eq!(count("1.1.1"), (21, 3));
    assert_eq!(count("1.2.1"), (23, 1));
    assert_eq!(count("1.2.2"), (22, 2));
    assert_eq!(count("2.1.1"), (16, 8), "a third of the organisations");
    assert_eq!(count("2.1.2"), (2, 22), "all but two");
    for t in o["per_verwachting"].as_array().unwrap() {
        let total = t["voldoende"].as_u64().unwrap()
            + t["onvoldoende"].as_u64().unwrap()
            + t["niet_beoordeeld"].as_u64().unwrap();
        assert_eq!(total, 24, "{t}");
    }
}

#[test]
fn the_order_of_the_files_does_not_matter_and_out_is_written() {
    let dir = TestDir::new();
    let files = landelijk(&dir);
    let mut cmd = dir.cmd(["overzicht", "--json", "landelijk.json"]);
    cmd.args(&files);
    cmd.output().success().stdout_empty();
    let written: Value = serde_json::from_str(&dir.read("landelijk.json")).unwrap();
    let mut rows = written["organisaties"].clone();
    let mut other = overzicht(&dir, &shuffled(&files))["organisaties"].clone();
    // Only the file names can differ (they do not): the same model either way.
    for list in [&mut rows, &mut other] {
        for r in list.as_array_mut().unwrap() {
            r.as_object_mut().unwrap().remove("bestand");
        }
    }
    assert_eq!(rows, other);
}

#[test]
fn incomplete_and_conflicted_files_are_marked_and_warned_about() {
    let dir = TestDir::new();
    let a = dir.join("a.veldtoets");
    inspection_file(
        &a,
        "vt-2016-stap2",
        "Veilig Thuis Half",
        &serde_json::json!({}),
        &["1.3.1", "4.1.3"],
    );
    let b = dir.join("b.veldtoets");
    inspection_file(
        &b,
        "vt-2016-stap2",
        "Veilig Thuis Heel",
        &serde_json::json!({}),
        &[],
    );
    // c: complete, but two inspectors judged 1.5.3 differently (an unresolved merge conflict).
    let c = dir.join("c.veldtoets");
    inspection_file(
        &c,
        "vt-2016-stap2",
        "Veilig Thuis Twist",
        &serde_json::json!({}),
        &[],
    );
    {
        let (mut store, mut inspection, _) = Store::open(&c).unwrap();
        let other = inspection.add_inspector("J. Proef");
        store.add_inspector(other, "J. Proef").unwrap();
        let fw = inspection.framework.clone();
        let author = *inspection.inspectors.keys().next().unwrap();
        let versions =
            [(author, "onvoldoende", "A"), (other, "voldoende", "B")].map(|(who, text, why)| {
                let data = OordeelData::parse(&fw, "1.5.3", text, why.into()).unwrap();
                inspection.change("1.5.3", Record::Oordeel(data), who, Stamp::now())
            });
        store.append_all(&versions).unwrap();
    }
    let out = dir
        .cmd(["overzicht", "--json", "-"])
        .args([&a, &b, &c])
        .output();
    out.success()
        .stderr_contains("a.veldtoets")
        .stderr_contains("c.veldtoets")
        .stderr_contains("niet compleet")
        .stderr_not_contains("b.veldtoets");
    let o = out.json();
    let row = |name: &str| {
        o["organisaties"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["organisatie"] == name)
            .unwrap()
            .clone()
    };
    let half = row("Veilig Thuis Half");
    assert_eq!(half["compleet"], false);
    assert_eq!(half["niet_beoordeeld"], 2);
    assert_eq!(half["conflicten"], 0);
    let twist = row("Veilig Thuis Twist");
    assert_eq!(twist["compleet"], false);
    assert_eq!(twist["conflicten"], 1);
    assert_eq!(twist["niet_beoordeeld"], 1, "a conflict is not scored");
    assert_eq!(row("Veilig Thuis Heel")["compleet"], true);
    assert_eq!(o["organisaties"][0]["organisatie"], "Veilig Thuis Heel");
}

#[test]
fn mixed_kaders_duplicates_and_bad_files_are_refused() {
    let dir = TestDir::new();
    let a = dir.join("a.veldtoets");
    inspection_file(
        &a,
        "vt-2016-stap2",
        "Veilig Thuis A",
        &serde_json::json!({}),
        &[],
    );
    let stap1 = dir.join("stap1.veldtoets");
    inspection_file(
        &stap1,
        "vt-2015-stap1",
        "Veilig Thuis B",
        &serde_json::json!({}),
        &[],
    );
    let copy = dir.join("a-kopie.veldtoets");
    std::fs::copy(&a, &copy).unwrap();
    dir.write("rommel.veldtoets", "geen database\n".repeat(100));
    for (files, words, names) in [
        (
            vec!["a.veldtoets", "stap1.veldtoets"],
            "hetzelfde kader",
            "stap1.veldtoets",
        ),
        (
            vec!["a.veldtoets", "a-kopie.veldtoets"],
            "veldtoets merge",
            "a-kopie.veldtoets",
        ),
        (
            vec!["a.veldtoets", "rommel.veldtoets"],
            "geen veldtoets-bestand",
            "rommel.veldtoets",
        ),
        (
            vec!["a.veldtoets", "ontbreekt.veldtoets"],
            "bestaat niet",
            "ontbreekt.veldtoets",
        ),
    ] {
        dir.cmd(["overzicht", "--json", "uit.json"])
            .args(&files)
            .output()
            .failure()
            .stdout_empty()
            .stderr_one_line()
            .stderr_contains(words)
            .stderr_contains(names);
        assert!(!dir.exists("uit.json"));
    }
    dir.run(["overzicht", "--json", "-"]).failure();
}

/// The model is deterministic and independent of the clock: building it twice from the same
/// files gives the same value (the library API the GUI and the PDF use).
#[test]
fn the_library_model_is_deterministic() {
    let dir = TestDir::new();
    let files = landelijk(&dir);
    let loaded: Vec<_> = files
        .iter()
        .map(|f| (f.clone(), Store::open(f).unwrap().1))
        .collect();
    let inputs: Vec<(&Path, &veldtoets::domain::inspection::Inspection)> =
        loaded.iter().map(|(p, i)| (p.as_path(), i)).collect();
    let first = veldtoets::overzicht::build(&inputs).unwrap();
    let mut reversed = inputs.clone();
    reversed.reverse();
    assert_eq!(first, veldtoets::overzicht::build(&reversed).unwrap());
}

/// The compact text (no whitespace) of every page of a PDF, read back with lopdf.
fn pdf_text(bytes: &[u8]) -> String {
    assert!(bytes.starts_with(b"%PDF-"), "not a PDF");
    let doc = lopdf::Document::load_mem(bytes).expect("lopdf reads the overzicht");
    doc.get_pages()
        .keys()
        .map(|&n| doc.extract_text(&[n]).expect("text of a page"))
        .collect::<String>()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

#[test]
fn the_pdf_shows_the_ranking_the_matrix_and_the_counts() {
    let dir = TestDir::new();
    let files = landelijk(&dir);
    let mut cmd = dir.cmd([
        "overzicht",
        "--pdf",
        "landelijk.pdf",
        "--datum",
        "20-10-2026",
        "--json",
        "landelijk.json",
    ]);
    cmd.args(shuffled(&files));
    cmd.output().success().stdout_empty().stderr_empty();
    assert!(dir.exists("landelijk.json"));
    let text = pdf_text(&dir.read_bytes("landelijk.pdf"));
    for phrase in [
        "Landelijkoverzicht",
        "1Eindoordeelperorganisatie",
        "2Onvoldoendeverwachtingenperorganisatie",
        "3Scoreperverwachting",
        "12voldoende,10matig,2onvoldoende",
        "20oktober2026",
    ] {
        assert!(text.contains(phrase), "{phrase} missing");
    }
    // The ranking table lists the organisations in the published order.
    let ranking_start = text.find("1Eindoordeelperorganisatie").unwrap();
    let ranking_end = text
        .find("2Onvoldoendeverwachtingenperorganisatie")
        .unwrap();
    let ranking = &text[ranking_start..ranking_end];
    let mut at = 0;
    for (name, met, not_met, _) in PUBLISHED {
        let line = format!("VeiligThuis{}{met}{not_met}", name.replace(' ', ""));
        let found = ranking[at..]
            .find(&line)
            .unwrap_or_else(|| panic!("{name} not found in order after byte {at}"));
        at += found + line.len();
    }
}

#[test]
fn the_pdf_needs_an_output_and_refuses_a_date_without_pdf() {
    let dir = TestDir::new();
    let a = dir.join("a.veldtoets");
    inspection_file(
        &a,
        "vt-2016-stap2",
        "Veilig Thuis A",
        &serde_json::json!({}),
        &[],
    );
    dir.run(["overzicht", "a.veldtoets"]).failure().no_panic();
    dir.run([
        "overzicht",
        "--json",
        "-",
        "--datum",
        "20-10-2026",
        "a.veldtoets",
    ])
    .failure()
    .no_panic();
    dir.run([
        "overzicht",
        "--pdf",
        "x.pdf",
        "--datum",
        "31-02-2026",
        "a.veldtoets",
    ])
    .failure()
    .stderr_one_line()
    .stderr_contains("--datum");
    assert!(!dir.exists("x.pdf"));
}

/// An organisation whose file has no oordeel at all has no eindoordeel: it is not counted as
/// voldoende, comes last in the ranking, and the PDF says "nog geen oordeel" (issue 9, item 9).
#[test]
fn a_file_without_any_oordeel_is_not_ranked_as_voldoende() {
    let dir = TestDir::new();
    let empty = dir.join("leeg.veldtoets");
    let all: Vec<String> = kader_io::builtin("vt-2016-stap2")
        .unwrap()
        .expectations()
        .iter()
        .map(|e| e.expectation.id.clone())
        .collect();
    let all: Vec<&str> = all.iter().map(String::as_str).collect();
    inspection_file(
        &empty,
        "vt-2016-stap2",
        "Veilig Thuis Aardvark",
        &serde_json::json!({}),
        &all,
    );
    let heel = dir.join("heel.veldtoets");
    inspection_file(
        &heel,
        "vt-2016-stap2",
        "Veilig Thuis Heel",
        &serde_json::json!({"1.3.2": "onvoldoende"}),
        &[],
    );
    let out = dir
        .cmd(["overzicht", "--json", "-"])
        .args([&empty, &heel])
        .output();
    let o = out.success().json();
    let rows = o["organisaties"].as_array().unwrap();
    assert_eq!(rows[0]["organisatie"], "Veilig Thuis Heel");
    assert_eq!(rows[0]["nog_geen_oordeel"], false);
    // Alphabetically first and "voldoende" by the beslisregels for zero aftrekpunten, yet last.
    assert_eq!(rows[1]["organisatie"], "Veilig Thuis Aardvark");
    assert_eq!(rows[1]["nog_geen_oordeel"], true);
    assert_eq!(rows[1]["niet_beoordeeld"], 30);
    assert_eq!(rows[1]["compleet"], false);
    assert_eq!(
        o["eindoordelen"],
        serde_json::json!({"voldoende": 1, "matig": 0, "onvoldoende": 0, "nog_geen_oordeel": 1,
            "per_eindoordeel": [{"eindoordeel": "voldoende", "naam": "voldoende", "aantal": 1}]})
    );

    let mut cmd = dir.cmd(["overzicht", "--pdf", "o.pdf", "--datum", "20-10-2026"]);
    cmd.args([&empty, &heel]);
    cmd.output().success();
    let text = pdf_text(&dir.read_bytes("o.pdf"));
    for phrase in [
        "2VeiligThuisAardvark00neenoggeenoordeel",
        "1voldoende,0matig,0onvoldoende,1noggeenoordeel",
    ] {
        assert!(text.contains(phrase), "{phrase} missing in {text}");
    }
    assert!(
        !text.contains("VeiligThuisAardvark00neevoldoende"),
        "the empty file is shown with a verdict"
    );
}

#[test]
fn the_library_marks_and_counts_a_file_without_oordelen() {
    use veldtoets::domain::inspection::Inspection;
    let fw = kader_io::builtin("vt-2016-stap2").unwrap().clone();
    let empty = Inspection::new(uuid::Uuid::now_v7(), fw, jiff::Timestamp::UNIX_EPOCH);
    let o = veldtoets::overzicht::build(&[(Path::new("leeg.veldtoets"), &empty)]).unwrap();
    assert!(o.organisaties[0].nog_geen_oordeel);
    assert_eq!(o.eindoordelen.voldoende, 0);
    assert_eq!(o.eindoordelen.nog_geen_oordeel, 1);
    let report = veldtoets::overzicht::report(&o, jiff::civil::date(2026, 10, 20));
    let text = report.to_text();
    assert!(text.contains("nog geen oordeel"), "{text}");
    assert!(
        report
            .title_page
            .notices
            .iter()
            .any(|n| n.starts_with("Nog geen oordeel:")),
        "{:?}",
        report.title_page.notices
    );
    assert!(!text.contains("Voorlopig: van"), "{text}");
}

/// Tijdigheid (issue 13 item 8): per organisation the share within each termijn against the
/// kader's norm, with open dossiers measured up to each file's peildatum; per termijn how many
/// organisations reach the norm; the households waiting and the longest wait.
#[test]
fn tijdigheid_per_organisation_against_the_norm() {
    let dir = TestDir::new();
    let kader = format!(
        "{}\n[[norm]]\ntermijn = \"triage\"\nminimaal = 80\n",
        common::shipped_kader("vt-2016-stap2")
    );
    dir.write("norm.toml", kader);
    // Noord: 4 of 4 triages in time. Zuid: 1 in time, 1 late, 2 open and over term at its visit.
    for (file, org, triages) in [
        (
            "noord.veldtoets",
            "Veilig Thuis Noord",
            vec![Some("04-03-2026"); 4],
        ),
        (
            "zuid.veldtoets",
            "Veilig Thuis Zuid",
            vec![Some("04-03-2026"), Some("12-03-2026"), None, None],
        ),
    ] {
        dir.run([
            "new",
            "--onversleuteld",
            file,
            "--kader",
            "norm.toml",
            "--organisatie",
            org,
            "--inspecteur",
            "E. Voorbeeld",
            "--bezoek-van",
            "20-03-2026",
        ])
        .success();
        for (n, triage) in triages.iter().enumerate() {
            let nummer = format!("D-{n}");
            let mut args = vec![
                "dossier".to_string(),
                file.to_string(),
                nummer,
                "--datum".to_string(),
                "melding_ontvangen=02-03-2026".to_string(),
            ];
            if let Some(t) = triage {
                args.push("--datum".to_string());
                args.push(format!("triagebesluit={t}"));
            }
            dir.run(&args).success();
        }
    }
    dir.run([
        "wachtzaak",
        "zuid.veldtoets",
        "W-1",
        "--melding",
        "01-01-2026",
        "--wacht-op",
        "veiligheidsbeoordeling",
    ])
    .success();
    // No oordelen yet: the overzicht warns so on stderr, and still gives the figures.
    let o = dir
        .run([
            "overzicht",
            "--json",
            "-",
            "noord.veldtoets",
            "zuid.veldtoets",
        ])
        .success()
        .stderr_contains("is niet compleet")
        .json();
    let triage = o["per_termijn"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["termijn"] == "triage")
        .unwrap()
        .clone();
    assert_eq!(triage["norm"], 80);
    assert_eq!(
        (triage["gehaald"].as_u64(), triage["niet_gehaald"].as_u64()),
        (Some(1), Some(1))
    );
    let row = |org: &str| {
        o["organisaties"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["organisatie"] == org)
            .unwrap()
            .clone()
    };
    let zuid = row("Veilig Thuis Zuid");
    assert_eq!(zuid["tijdigheid"][0]["binnen"], 1);
    assert_eq!(
        zuid["tijdigheid"][0]["te_laat"], 3,
        "two open cases over their term count late"
    );
    assert_eq!(zuid["tijdigheid"][0]["open"], 2);
    assert_eq!(zuid["tijdigheid"][0]["aandeel_binnen"], 0.25);
    assert_eq!(zuid["tijdigheid"][0]["norm_gehaald"], false);
    assert_eq!(zuid["wachtend"], 1);
    assert_eq!(zuid["langste_wachttijd_dagen"], 78);
    assert_eq!(
        row("Veilig Thuis Noord")["tijdigheid"][0]["norm_gehaald"],
        true
    );

    // And the PDF says it.
    dir.run([
        "overzicht",
        "--pdf",
        "o.pdf",
        "noord.veldtoets",
        "zuid.veldtoets",
    ])
    .success();
    let text = pdf_text(&dir.read_bytes("o.pdf"));
    assert!(
        text.contains("1van2organisatiesminimaal80%binnendetermijn"),
        "{text}"
    );
}

// ---------------------------------------------------------------------------------------------
// The bar charts of the tijdigheid chapter (issue 13 item 8, PDF)

/// A Figure element of a tagged PDF: its page (0-based), `/Alt`, `/BBox` and what its marked
/// content draws (the operators) and says (the text of its labels).
#[derive(Debug)]
struct FigureElem {
    page: usize,
    alt: String,
    bbox: [f32; 4],
    operators: Vec<String>,
    text: String,
}

/// Every `Figure` structure element of `bytes`, in object order.
fn figures(bytes: &[u8]) -> Vec<FigureElem> {
    use lopdf::{Document, Object};
    let doc = Document::load_mem(bytes).expect("lopdf reads the overzicht");
    let pages: Vec<lopdf::ObjectId> = doc.get_pages().into_values().collect();
    let mut out = Vec::new();
    for object in doc.objects.values() {
        let Ok(dict) = object.as_dict() else {
            continue;
        };
        if dict.get(b"S").and_then(Object::as_name).ok() != Some(&b"Figure"[..]) {
            continue;
        }
        let alt = lopdf::decode_text_string(dict.get(b"Alt").expect("a Figure has /Alt"))
            .expect("/Alt is a text string");
        let bbox: Vec<f32> = dict
            .get(b"A")
            .and_then(Object::as_dict)
            .and_then(|a| a.get(b"BBox"))
            .and_then(Object::as_array)
            .expect("a Figure has a /BBox")
            .iter()
            .map(|v| v.as_float().expect("a number"))
            .collect();
        let page_id = dict.get(b"Pg").and_then(Object::as_reference).expect("/Pg");
        let page = pages.iter().position(|&p| p == page_id).expect("a page");
        let kids = dict.get(b"K").and_then(Object::as_array).expect("/K");
        assert_eq!(kids.len(), 1, "one marked-content sequence per figure");
        let mcid = kids[0].as_i64().expect("an MCID");
        // The operators between `/Figure <</MCID n>> BDC` and its `EMC`, and the text shown.
        let content = doc.get_and_decode_page_content(page_id).expect("content");
        let fonts = doc.get_page_fonts(page_id).expect("fonts");
        let mut font = None;
        let mut inside = false;
        let mut operators = Vec::new();
        let mut text = String::new();
        for op in &content.operations {
            match op.operator.as_str() {
                "BDC" => {
                    let tag = op.operands[0].as_name().ok();
                    let id = op.operands[1]
                        .as_dict()
                        .ok()
                        .and_then(|d| d.get(b"MCID").ok())
                        .and_then(|m| m.as_i64().ok());
                    inside = tag == Some(&b"Figure"[..]) && id == Some(mcid);
                }
                "EMC" => inside = false,
                _ if !inside => {}
                "Tf" => {
                    font = op.operands[0]
                        .as_name()
                        .ok()
                        .and_then(|n| fonts.get(n))
                        .map(|f| f.get_font_encoding(&doc).expect("an encoding"));
                }
                "Tj" | "TJ" => {
                    let encoding = font.as_ref().expect("text shown with a font set");
                    let strings = match &op.operands[0] {
                        Object::Array(items) => items.clone(),
                        other => vec![other.clone()],
                    };
                    for s in strings {
                        if let Object::String(bytes, _) = s {
                            text.push_str(&Document::decode_text(encoding, &bytes).expect("text"));
                        }
                    }
                }
                _ => {}
            }
            if inside {
                operators.push(op.operator.clone());
            }
        }
        out.push(FigureElem {
            page,
            alt,
            bbox: bbox.try_into().expect("four numbers"),
            operators,
            text,
        });
    }
    out
}

/// The page's text area in PDF user space (A4 with the rapport's margins): left, bottom, right,
/// top.
const TEXT_AREA: [f32; 4] = [68.0, 70.0, 533.276, 759.89];

fn within_text_area(bbox: [f32; 4]) -> bool {
    let [left, bottom, right, top] = TEXT_AREA;
    bbox[0] >= left - 0.01
        && bbox[1] >= bottom - 0.01
        && bbox[2] <= right + 0.01
        && bbox[3] <= top + 0.01
        && bbox[1] < bbox[3]
}

/// The chart in the PDF made by the CLI: a tagged Figure whose /Alt states every bar, the norm
/// and how many organisations reach it, with the bars, lines and labels drawn inside its marked
/// content; the caption in the words of seed 004.
#[test]
fn the_tijdigheid_chart_is_a_tagged_figure_with_the_data_in_its_alt_text() {
    let dir = TestDir::new();
    let kader = format!(
        "{}\n[[norm]]\ntermijn = \"triage\"\nminimaal = 80\n",
        common::shipped_kader("vt-2016-stap2")
    );
    dir.write("norm.toml", kader);
    // Noord: 4 of 4 triages in time; Zuid: 1 of 4; Oost: no dossiers at all.
    for (file, org, triages) in [
        ("noord.veldtoets", "Veilig Thuis Noord", ["04-03-2026"; 4]),
        (
            "zuid.veldtoets",
            "Veilig Thuis Zuid",
            ["04-03-2026", "12-03-2026", "13-03-2026", "14-03-2026"],
        ),
        ("oost.veldtoets", "Veilig Thuis Oost", [""; 4]),
    ] {
        dir.run([
            "new",
            "--onversleuteld",
            file,
            "--kader",
            "norm.toml",
            "--organisatie",
            org,
            "--inspecteur",
            "E. Voorbeeld",
            "--bezoek-van",
            "20-03-2026",
        ])
        .success();
        if triages[0].is_empty() {
            continue;
        }
        let mut csv = "nummer;melding_ontvangen;triagebesluit\n".to_string();
        for (n, t) in triages.iter().enumerate() {
            csv.push_str(&format!("D-{n};02-03-2026;{t}\n"));
        }
        dir.write(format!("{file}.csv"), csv);
        dir.run(["dossiers", "--importeer", &format!("{file}.csv"), file])
            .success();
    }
    dir.run([
        "overzicht",
        "--pdf",
        "o.pdf",
        "--datum",
        "20-10-2026",
        "zuid.veldtoets",
        "oost.veldtoets",
        "noord.veldtoets",
    ])
    .success();
    let bytes = dir.read_bytes("o.pdf");
    let text = pdf_text(&bytes);
    assert!(
        text.contains("Figuur1–Triagebesluitbinnenvijfdagennaontvangstvandemelding:aandeelbinnendetermijnperorganisatie,vanhoognaarlaag.1van3organisaties≥80%(1zondergegevens)."),
        "{text}"
    );

    let figures = figures(&bytes);
    // One per termijn, in kader order (a dossier without a start date is open, over its term at
    // the visit: 0%); only triage has a norm.
    assert_eq!(figures.len(), 4, "{figures:?}");
    assert!(
        figures[1]
            .alt
            .ends_with("Veilig Thuis Noord 0%, Veilig Thuis Zuid 0%, Veilig Thuis Oost geen gegevens; het kader stelt geen norm."),
        "{}",
        figures[1].alt
    );
    assert!(!figures[1].text.contains("norm"), "{}", figures[1].text);
    let figure = &figures[0];
    assert_eq!(
        figure.alt,
        "Staafdiagram: aandeel binnen termijn per organisatie, Triagebesluit binnen vijf dagen na ontvangst van de melding, van hoog naar laag. Veilig Thuis Noord 100%, Veilig Thuis Zuid 25%, Veilig Thuis Oost geen gegevens; norm 80%; 1 van 3 organisaties haalt de norm (1 zonder gegevens)."
    );
    assert!(within_text_area(figure.bbox), "{:?}", figure.bbox);
    // Drawn inside the Figure's marked content, not as an artifact: the bars (re), the axis
    // and the dashed norm line (d), and the labels.
    for operator in ["re", "l", "S", "d", "BT"] {
        assert!(
            figure.operators.iter().any(|o| o == operator),
            "{operator} in {:?}",
            figure.operators
        );
    }
    for label in [
        "Veilig Thuis Noord",
        "100%",
        "25%",
        "geen gegevens",
        "norm 80%",
        "0%",
        "20%",
        "60%",
    ] {
        assert!(figure.text.contains(label), "{label} in {:?}", figure.text);
    }
}

/// An overzicht of `n` organisations, each with a share within triage and a norm of 80 % on it:
/// the template's rows copied, as [`veldtoets::overzicht::build`] makes them.
fn many(n: usize) -> veldtoets::overzicht::Overzicht {
    let fw = kader_io::builtin("vt-2016-stap2").unwrap().clone();
    let template = veldtoets::domain::inspection::Inspection::new(
        uuid::Uuid::now_v7(),
        fw,
        jiff::Timestamp::UNIX_EPOCH,
    );
    let mut o = veldtoets::overzicht::build(&[(Path::new("t.veldtoets"), &template)]).unwrap();
    let row = o.organisaties[0].clone();
    o.termijnen[0].norm = Some(80);
    o.organisaties = (0..n)
        .map(|i| {
            let mut r = row.clone();
            r.positie = i + 1;
            r.organisatie = format!("Veilig Thuis Noord- en Oost Gelderland {i:03}");
            let share = (i * 37 % 101) as f64 / 100.0;
            r.tijdigheid[0].aandeel_binnen = Some(share);
            r.tijdigheid[0].norm_gehaald = Some(share >= 0.8);
            r
        })
        .collect();
    let t = &mut o.per_termijn[0];
    t.norm = Some(80);
    t.gehaald = o
        .organisaties
        .iter()
        .filter(|r| r.tijdigheid[0].norm_gehaald == Some(true))
        .count() as u32;
    t.niet_gehaald = n as u32 - t.gehaald;
    t.onbekend = 0;
    o
}

/// However many organisations: a chart never runs off its page. Thirty fit one figure on a page
/// of its own; more are split into parts of near-equal length, each on a page, each a Figure
/// with the Alt text of its part.
#[test]
fn a_chart_of_many_organisations_stays_on_the_page() {
    let date = jiff::civil::date(2026, 10, 20);
    for (n, parts) in [(30, 1), (85, 3)] {
        let o = many(n);
        let bytes = veldtoets::overzicht::pdf(&o, date).unwrap();
        let figures = figures(&bytes);
        assert_eq!(figures.len(), parts, "{n} organisations");
        let mut pages = Vec::new();
        let mut named = 0;
        for (i, figure) in figures.iter().enumerate() {
            assert!(within_text_area(figure.bbox), "{n}: {:?}", figure.bbox);
            pages.push(figure.page);
            named += figure.alt.matches("Veilig Thuis").count();
            if parts > 1 {
                assert!(
                    figure
                        .alt
                        .starts_with(&format!("Staafdiagram (deel {} van {parts}):", i + 1)),
                    "{}",
                    figure.alt
                );
            }
            let gehaald = o.per_termijn[0].gehaald;
            assert!(
                figure.alt.ends_with(&format!(
                    "norm 80%; {gehaald} van {n} organisaties halen de norm."
                )),
                "{}",
                figure.alt
            );
        }
        assert_eq!(named, n, "every organisation in exactly one part");
        pages.dedup();
        assert_eq!(pages.len(), parts, "each part on a page of its own");
    }
}

/// A kader whose eindoordeel the inspecteurs choose (`vng-2016-risicoscan`): the overzicht ranks
/// by the chosen category in the kader's order, counts nothing it does not have (no voldoende,
/// onvoldoende or wachtlijst columns, no matrix of verwachtingen), and says of a file without a
/// choice that none is chosen — not that no verwachting is judged.
#[test]
fn a_kader_with_a_chosen_eindoordeel_is_ranked_by_the_choice_alone() {
    let dir = TestDir::new();
    let make = |file: &str, organisatie: &str, keuze: Option<&str>| {
        dir.cmd([
            "new",
            "--onversleuteld",
            file,
            "--kader",
            "vng-2016-risicoscan",
            "--organisatie",
            organisatie,
            "--inspecteur",
            "E. Voorbeeld",
        ])
        .output()
        .success();
        if let Some(keuze) = keuze {
            dir.cmd([
                "eindoordeel",
                file,
                keuze,
                "--onderbouwing",
                "Zie de risicoscan.",
            ])
            .output()
            .success();
        }
        dir.join(file)
    };
    let files = [
        make("a.veldtoets", "Veilig Thuis Aa", None),
        make("b.veldtoets", "Veilig Thuis Bb", Some("basis_niet_op_orde")),
        make("c.veldtoets", "Veilig Thuis Cc", Some("basis_op_orde")),
    ];
    let out = dir.cmd(["overzicht", "--json", "-"]).args(&files).output();
    out.stderr_contains("(Veilig Thuis Aa) heeft nog geen gekozen eindoordeel")
        .stderr_not_contains("niet beoordeeld");
    let o = out.success().json();
    assert_eq!(o["maat"], "keuze");
    let ranked: Vec<(&str, bool)> = o["organisaties"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["organisatie"].as_str().unwrap(),
                r["nog_geen_oordeel"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        ranked,
        [
            ("Veilig Thuis Cc", false),
            ("Veilig Thuis Bb", false),
            ("Veilig Thuis Aa", true)
        ]
    );

    let mut cmd = dir.cmd(["overzicht", "--pdf", "o.pdf", "--datum", "20-10-2026"]);
    cmd.args(&files);
    cmd.output().success();
    let text = pdf_text(&dir.read_bytes("o.pdf"));
    for phrase in [
        "1VeiligThuisCcBasisoporde",
        "2VeiligThuisBbBasisnietoporde",
        "3VeiligThuisAanoggeeneindoordeelgekozen",
        "Noggeeneindoordeel:voor1organisatiehebbendeinspecteursnoggeeneindoordeelgekozen",
        "Bijditkaderrekentveldtoetsgeeneindoordeeluit",
    ] {
        assert!(text.contains(phrase), "{phrase} missing in {text}");
    }
    for absent in [
        "Wachtlijst",
        "Onvoldoendeverwachtingenperorganisatie",
        "nogeenenkele",
    ] {
        assert!(!text.contains(absent), "{absent} in {text}");
    }
}
