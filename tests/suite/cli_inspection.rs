//! The inspection-file commands through the real binary: new, demo, oordeel, score, check,
//! export, and every bad file.

use crate::common;

use common::TestDir;

#[test]
fn new_oordeel_score_export_round_trip() {
    let dir = TestDir::new();
    dir.new_inspection("proef.veldtoets");
    dir.run([
        "oordeel",
        "proef.veldtoets",
        "1.3.1",
        "onvoldoende",
        "--onderbouwing",
        "In 4 van 10 dossiers geen veiligheidsplan.",
    ])
    .success()
    .stdout_contains("1.3.1: onvoldoende");
    dir.run([
        "oordeel",
        "proef.veldtoets",
        "2.1.1",
        "onvoldoende:wachtlijst",
        "--inspecteur",
        "J. Proef",
    ])
    .success();
    dir.run([
        "oordeel",
        "proef.veldtoets",
        "1.3.1",
        "voldoende",
        "--onderbouwing",
        "Na hoor en wederhoor bijgesteld.",
    ])
    .success();

    let score = dir.run(["score", "proef.veldtoets"]).success().json();
    assert_eq!(score["kader"], "vt-2016-stap2");
    assert_eq!(score["eindoordeel"], "matig");
    assert_eq!(score["voldoende"], 1);
    assert_eq!(score["onvoldoende"], 1);
    assert_eq!(score["niet_beoordeeld"], 28);
    assert_eq!(score["aftrekpunten"], 0);
    assert_eq!(score["compleet"], false);
    assert!(score["regel"].as_str().unwrap().contains("Beslisregel 7"));

    dir.run(["export", "proef.veldtoets", "--json", "uit.json"])
        .success();
    let export: serde_json::Value = serde_json::from_str(&dir.read("uit.json")).unwrap();
    let onderzoek = &export["onderzoek"];
    assert_eq!(onderzoek["organisatie"], "Veilig Thuis Proefregio");
    assert_eq!(onderzoek["kader"], "vt-2016-stap2");
    assert!(onderzoek["id"].as_str().unwrap().len() == 36);
    let names: Vec<&str> = onderzoek["inspecteurs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["naam"].as_str().unwrap())
        .collect();
    assert_eq!(names.len(), 2);
    assert!(names.contains(&"E. Voorbeeld") && names.contains(&"J. Proef"));
    for key in [
        "interviews",
        "flitsinterviews",
        "dossiers",
        "documenten",
        "oordelen",
        "conflicten",
    ] {
        assert!(export[key].is_array(), "{key} missing");
    }
    assert_eq!(export["conflicten"].as_array().unwrap().len(), 0);
    let oordelen = export["oordelen"].as_array().unwrap();
    assert_eq!(oordelen.len(), 2);
    let o = &oordelen[0];
    assert_eq!(o["verwachting"], "1.3.1");
    assert_eq!(o["oordeel"], "voldoende");
    assert_eq!(o["onderbouwing"], "Na hoor en wederhoor bijgesteld.");
    assert_eq!(o["inspecteur"], "E. Voorbeeld");
    assert_eq!(
        o["historie"].as_array().unwrap().len(),
        2,
        "the earlier version is kept"
    );
    assert_eq!(oordelen[1]["oordeel"], "onvoldoende:wachtlijst");
    assert_eq!(oordelen[1]["inspecteur"], "J. Proef");
}

#[test]
fn export_is_deterministic_apart_from_the_export_time() {
    let dir = TestDir::new();
    dir.new_inspection("a.veldtoets");
    dir.run(["oordeel", "a.veldtoets", "1.2.1", "voldoende"])
        .success();
    std::fs::copy(dir.join("a.veldtoets"), dir.join("b.veldtoets")).unwrap();
    let strip = |name: &str| {
        let mut v: serde_json::Value = dir.run(["export", name, "--json", "-"]).success().json();
        v.as_object_mut().unwrap().remove("geexporteerd_op");
        serde_json::to_string(&v).unwrap()
    };
    assert_eq!(strip("a.veldtoets"), strip("b.veldtoets"));
    assert_eq!(strip("a.veldtoets"), strip("a.veldtoets"));
}

#[test]
fn demo_is_a_complete_inspection() {
    let dir = TestDir::new();
    dir.run(["demo", "demo.veldtoets"]).success();
    dir.run(["check", "demo.veldtoets"])
        .success()
        .stdout_contains("integriteit:    ok");
    let export = dir
        .run(["export", "demo.veldtoets", "--json", "-"])
        .success()
        .json();
    let roles: std::collections::BTreeSet<&str> = export["interviews"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["rol"].as_str().unwrap())
        .collect();
    assert!(roles.len() >= 5, "{roles:?}");
    assert!(export["flitsinterviews"].as_array().unwrap().len() >= 3);
    let dossiers = export["dossiers"].as_array().unwrap();
    assert!(dossiers.len() >= 10);
    let over_term = dossiers
        .iter()
        .filter(|d| {
            d["termijnen"]
                .as_array()
                .unwrap()
                .iter()
                .any(|t| t["status"] == "te_laat")
        })
        .count();
    assert!(over_term >= 2, "some dossiers are over term");
    let oordelen = export["oordelen"].as_array().unwrap();
    assert_eq!(oordelen.len(), 31);
    for o in oordelen {
        assert!(o["onderbouwing"].as_str().unwrap().len() > 40, "{o}");
    }
    assert_eq!(export["score"]["compleet"], true);
    assert_eq!(export["score"]["eindoordeel"], "matig");
    for name in ["E. Voorbeeld", "J. Proef"] {
        assert!(
            export["onderzoek"]["inspecteurs"]
                .to_string()
                .contains(name)
        );
    }
}

#[test]
fn new_refuses_bad_arguments_and_existing_files() {
    let dir = TestDir::new();
    dir.write("bestaat.veldtoets", "niet overschrijven");
    dir.run([
        "new",
        "--onversleuteld",
        "bestaat.veldtoets",
        "--kader",
        "vt-2016-stap2",
        "--organisatie",
        "X",
    ])
    .failure()
    .no_panic()
    .stderr_contains("bestaat al");
    assert_eq!(dir.read("bestaat.veldtoets"), "niet overschrijven");
    dir.run([
        "new",
        "--onversleuteld",
        "x.veldtoets",
        "--kader",
        "geen-kader",
        "--organisatie",
        "X",
    ])
    .failure()
    .stderr_contains("geen-kader");
    assert!(!dir.exists("x.veldtoets"));
    dir.run([
        "new",
        "--onversleuteld",
        "x.veldtoets",
        "--kader",
        "vt-2016-stap2",
        "--organisatie",
        "X",
        "--bezoek-van",
        "31-02-2026",
    ])
    .failure()
    .stderr_contains("31-02-2026");
    assert!(!dir.exists("x.veldtoets"));
}

#[test]
fn oordeel_refuses_bad_input_with_the_token() {
    let dir = TestDir::new();
    dir.new_inspection("o.veldtoets");
    let before = dir.read_bytes("o.veldtoets");
    for (args, token) in [
        (vec!["9.9.9", "voldoende"], "9.9.9"),
        (vec!["1.3.1", "goed"], "goed"),
        (vec!["2.1.1", "onvoldoende:vakantie"], "vakantie"),
    ] {
        let mut all = vec!["oordeel", "o.veldtoets"];
        all.extend(args);
        dir.run(all).failure().no_panic().stderr_contains(token);
    }
    assert_eq!(
        dir.read_bytes("o.veldtoets"),
        before,
        "a refused oordeel writes nothing"
    );
}

#[test]
fn hertoets_copies_the_earlier_round() {
    let dir = TestDir::new();
    dir.new_inspection("ronde1.veldtoets");
    dir.run(["oordeel", "ronde1.veldtoets", "1.3.1", "onvoldoende"])
        .success();
    dir.run([
        "new",
        "--onversleuteld",
        "ronde2.veldtoets",
        "--kader",
        "vt-2016-stap2",
        "--organisatie",
        "Veilig Thuis Proefregio",
        "--hertoets-van",
        "ronde1.veldtoets",
    ])
    .success();
    let export = dir
        .run(["export", "ronde2.veldtoets", "--json", "-"])
        .success()
        .json();
    assert_eq!(
        export["onderzoek"]["eerdere_ronde"]["oordelen"]["1.3.1"],
        "onvoldoende"
    );
    assert_eq!(
        export["onderzoek"]["eerdere_ronde"]["oordelen"]["1.3.2"],
        "niet_beoordeeld"
    );
}

#[test]
fn every_command_refuses_a_bad_file_and_leaves_it_untouched() {
    let dir = TestDir::new();
    dir.write("rommel.veldtoets", "geen database\n".repeat(100));
    dir.write("leeg.veldtoets", "");
    dir.new_inspection("kort.veldtoets");
    let full = dir.read_bytes("kort.veldtoets");
    std::fs::write(dir.join("kort.veldtoets"), &full[..full.len() / 2 + 7]).unwrap();
    let cases = [
        ("rommel.veldtoets", "geen veldtoets-bestand"),
        ("leeg.veldtoets", "leeg"),
        ("kort.veldtoets", "afgekapt"),
        ("ontbreekt.veldtoets", "bestaat niet"),
    ];
    for (file, words) in cases {
        let before = std::fs::read(dir.join(file)).ok();
        for args in [
            vec!["check", file],
            vec!["score", file],
            vec!["export", file, "--json", "uit.json"],
            vec!["oordeel", file, "1.3.1", "voldoende"],
        ] {
            dir.run(&args)
                .failure()
                .no_panic()
                .stderr_one_line()
                .stderr_contains(words)
                .stderr_contains(file);
        }
        assert_eq!(std::fs::read(dir.join(file)).ok(), before, "{file} changed");
        assert!(!dir.exists("uit.json"));
    }
}

#[test]
fn a_file_open_in_another_veldtoets_is_refused() {
    let dir = TestDir::new();
    dir.new_inspection("bezet.veldtoets");
    let held = veldtoets::store::Store::open(&dir.join("bezet.veldtoets")).unwrap();
    dir.run(["check", "bezet.veldtoets"])
        .failure()
        .no_panic()
        .stderr_contains("al geopend");
    drop(held);
    dir.run(["check", "bezet.veldtoets"]).success();
}

#[test]
fn export_pdf_concept_and_definitive() {
    let dir = TestDir::new();
    dir.run(["demo", "demo.veldtoets"]).success();
    dir.run([
        "export",
        "demo.veldtoets",
        "--pdf",
        "concept.pdf",
        "--concept",
        "--datum",
        "20-10-2026",
    ])
    .success()
    .stderr_contains("conceptrapport geschreven");
    dir.run(["export", "demo.veldtoets", "--pdf", "rapport.pdf"])
        .success();
    for name in ["concept.pdf", "rapport.pdf"] {
        let bytes = dir.read_bytes(name);
        assert!(bytes.starts_with(b"%PDF"), "{name} is a PDF");
    }
    let concept = lopdf::Document::load(dir.join("concept.pdf")).unwrap();
    let definitive = lopdf::Document::load(dir.join("rapport.pdf")).unwrap();
    let text = |doc: &lopdf::Document| {
        let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
        doc.extract_text(&pages).unwrap()
    };
    assert!(text(&concept).contains("CONCEPT"));
    assert!(!text(&definitive).contains("CONCEPT"));
    // --concept only makes sense with --pdf; a bad date is refused before anything is written.
    dir.run(["export", "demo.veldtoets", "--concept"])
        .failure()
        .no_panic();
    dir.run([
        "export",
        "demo.veldtoets",
        "--pdf",
        "x.pdf",
        "--datum",
        "32-13-2026",
    ])
    .failure()
    .stderr_contains("32-13-2026");
    assert!(!dir.exists("x.pdf"));
}

/// `veldtoets export FILE --json - | head -c 100` closes the pipe long before the export is
/// written: the command ends quietly (status 0, nothing on stderr) instead of reporting a panic.
#[test]
fn a_reader_that_stops_early_is_not_an_error() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    let dir = TestDir::new();
    dir.run(["demo", "d.veldtoets"]).success();
    let mut child = Command::new(common::bin())
        .args(["export", "d.veldtoets", "--json", "-"])
        .current_dir(dir.path())
        .env_remove("RUST_BACKTRACE")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut start = [0u8; 100];
    stdout.read_exact(&mut start).unwrap();
    // The export is far larger than a pipe's buffer: its next writes fail.
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{:?}: {stderr}", out.status);
    assert!(stderr.is_empty(), "{stderr}");
}
