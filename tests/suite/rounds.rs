//! Rounds of a hertoets and criterion oordelen through the real binary: a chain of three rounds
//! (onderzoek → hertoets → tweede hertoets) keeps every earlier round with its oordelen,
//! onderbouwingen and criterion oordelen; `criterium` records the inspectors' oordeel per
//! criterium on the kader's scale and refuses what the kader does not know; and concurrent
//! criterion oordelen from two copies are a conflict like any other.

use crate::common;

use common::TestDir;

fn new_stap1(dir: &TestDir, file: &str, hertoets_van: Option<&str>) {
    let mut args = vec![
        "new",
        "--onversleuteld",
        file,
        "--kader",
        "vt-2015-stap1",
        "--organisatie",
        "Veilig Thuis Proefregio",
        "--inspecteur",
        "E. Voorbeeld",
    ];
    if let Some(earlier) = hertoets_van {
        args.extend(["--hertoets-van", earlier]);
    }
    dir.run(args).success();
}

#[test]
fn a_chain_of_three_rounds_keeps_every_round() {
    let dir = TestDir::new();
    new_stap1(&dir, "ronde1.veldtoets", None);
    dir.run([
        "oordeel",
        "ronde1.veldtoets",
        "1.1.1",
        "onvoldoende",
        "--onderbouwing",
        "Niet 24/7 bereikbaar.",
    ])
    .success();
    dir.run([
        "criterium",
        "ronde1.veldtoets",
        "1.1",
        "O",
        "--onderbouwing",
        "Urgente verbeterpunten.",
    ])
    .success()
    .stdout_contains("criterium 1.1: O (onvoldoende) vastgelegd door E. Voorbeeld");

    new_stap1(&dir, "ronde2.veldtoets", Some("ronde1.veldtoets"));
    dir.run(["oordeel", "ronde2.veldtoets", "1.1.1", "voldoende"])
        .success();
    // Lower case is the same code.
    dir.run(["criterium", "ronde2.veldtoets", "1.1", "m"])
        .success()
        .stdout_contains("criterium 1.1: M (matig)");

    new_stap1(&dir, "ronde3.veldtoets", Some("ronde2.veldtoets"));
    let export = dir
        .run(["export", "ronde3.veldtoets", "--json", "-"])
        .success()
        .json();
    let rondes = export["rondes"].as_array().expect("rondes");
    let names: Vec<&str> = rondes.iter().map(|r| r["naam"].as_str().unwrap()).collect();
    assert_eq!(names, ["Onderzoek", "Hertoets", "Tweede hertoets"]);
    assert_eq!(rondes[0]["oordelen"]["1.1.1"]["oordeel"], "onvoldoende");
    assert_eq!(
        rondes[0]["oordelen"]["1.1.1"]["onderbouwing"],
        "Niet 24/7 bereikbaar."
    );
    assert_eq!(rondes[0]["criteria"]["1.1"]["oordeel"], "O");
    assert_eq!(
        rondes[0]["criteria"]["1.1"]["onderbouwing"],
        "Urgente verbeterpunten."
    );
    assert_eq!(rondes[1]["oordelen"]["1.1.1"]["oordeel"], "voldoende");
    assert_eq!(rondes[1]["criteria"]["1.1"]["oordeel"], "M");
    assert_eq!(rondes[0]["voldoende"], 0);
    assert_eq!(rondes[1]["voldoende"], 1);
    assert_eq!(rondes[0]["beoordeeld"], 24);
    assert_eq!(rondes[2]["huidig"], true);
    assert_eq!(rondes[1]["huidig"], false);
    // `eerdere_ronde` still names the latest earlier round, as before.
    assert_eq!(
        export["onderzoek"]["eerdere_ronde"]["oordelen"]["1.1.1"],
        "voldoende"
    );
    // `score` shows the criterion oordelen of a file (they do not change the eindoordeel).
    let score = dir.run(["score", "ronde2.veldtoets"]).success().json();
    assert_eq!(score["criteria"]["1.1"], "M");
    assert!(score["criteria"]["1.2"].is_null());
    // Every criterium of the kader is listed, not judged yet in the third round.
    let criteria = export["criteria"].as_array().expect("criteria");
    assert_eq!(criteria.len(), 7);
    assert_eq!(criteria[0]["id"], "1.1");
    assert!(criteria[0]["oordeel"].is_null());
}

#[test]
fn criterium_refuses_what_the_kader_does_not_know_and_writes_nothing() {
    let dir = TestDir::new();
    new_stap1(&dir, "s1.veldtoets", None);
    dir.new_inspection("s2.veldtoets");
    for (file, args, message) in [
        (
            "s1.veldtoets",
            ["9.9", "V"],
            "criterium '9.9' staat niet in het toetsingskader",
        ),
        (
            "s1.veldtoets",
            ["1.1", "X"],
            "'X' is geen oordeel op de schaal van dit kader; kies V (voldoende), M (matig), O (onvoldoende)",
        ),
        (
            "s2.veldtoets",
            ["1.1", "V"],
            "kent geen oordeel per criterium",
        ),
    ] {
        let before = dir.read_bytes(file);
        dir.run(["criterium", file, args[0], args[1]])
            .failure()
            .stderr_contains(message)
            .stderr_one_line();
        assert_eq!(dir.read_bytes(file), before, "{args:?} changed {file}");
    }
    // niet_beoordeeld clears it again.
    dir.run(["criterium", "s1.veldtoets", "1.2", "V"]).success();
    dir.run(["criterium", "s1.veldtoets", "1.2", "niet_beoordeeld"])
        .success()
        .stdout_contains("criterium 1.2: niet beoordeeld");
}

#[test]
fn concurrent_criterion_oordelen_are_a_conflict_until_recorded_again() {
    let dir = TestDir::new();
    new_stap1(&dir, "basis.veldtoets", None);
    std::fs::copy(dir.join("basis.veldtoets"), dir.join("a.veldtoets")).unwrap();
    std::fs::copy(dir.join("basis.veldtoets"), dir.join("b.veldtoets")).unwrap();
    dir.run([
        "criterium",
        "a.veldtoets",
        "2.1",
        "V",
        "--inspecteur",
        "A. Eerste",
    ])
    .success();
    dir.run([
        "criterium",
        "b.veldtoets",
        "2.1",
        "O",
        "--inspecteur",
        "B. Tweede",
    ])
    .success();
    dir.run([
        "merge",
        "--into",
        "team.veldtoets",
        "a.veldtoets",
        "b.veldtoets",
    ])
    .success()
    .stdout_contains("oordeel op criterium 2.1");
    let export = dir
        .run(["export", "team.veldtoets", "--json", "-"])
        .success()
        .json();
    let c = export["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "2.1")
        .unwrap();
    assert_eq!(c["conflict"], true);
    assert!(c["oordeel"].is_null());
    let conflicts = export["conflicten"].as_array().unwrap();
    assert!(
        conflicts.iter().any(|c| c["soort"] == "criteriumoordeel"),
        "{conflicts:?}"
    );
    dir.run(["criterium", "team.veldtoets", "2.1", "M"])
        .success()
        .stdout_contains("(conflict opgelost)");
}
