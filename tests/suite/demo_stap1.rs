//! The stap 1 demo through the real binary: `veldtoets demo FILE --kader vt-2015-stap1` makes a
//! hertoets with its earlier round in the shape of seed 003 (8 of 24 in August 2015, 18 of 24 in
//! May 2016, onvoldoende both times), criterion oordelen V/M/O and interview counts; the demo
//! without `--kader` stays the stap 2 demo.

use crate::common;

use std::collections::BTreeMap;

use common::TestDir;
use serde_json::Value;

const STAP1: &str = "vt-2015-stap1";

/// Makes the stap 1 demo as `name` and returns its `export --json`.
fn stap1_demo(dir: &TestDir, name: &str) -> Value {
    dir.run(["demo", name, "--kader", STAP1])
        .success()
        .stdout_contains(STAP1)
        .stdout_contains("Veilig Thuis Veenland")
        .stdout_contains("versies");
    dir.run(["export", name, "--json", "-"]).success().json()
}

fn array<'v>(value: &'v Value, what: &str) -> &'v Vec<Value> {
    value
        .as_array()
        .unwrap_or_else(|| panic!("{what} is not an array: {value}"))
}

fn text<'v>(value: &'v Value, what: &str) -> &'v str {
    value
        .as_str()
        .unwrap_or_else(|| panic!("{what} is not a string: {value}"))
}

#[test]
fn the_stap1_demo_is_a_hertoets_after_a_first_round() {
    let dir = TestDir::new();
    let export = stap1_demo(&dir, "stap1.veldtoets");
    assert_eq!(export["onderzoek"]["kader"], STAP1);
    assert_eq!(export["onderzoek"]["organisatie"], "Veilig Thuis Veenland");
    assert_eq!(export["onderzoek"]["bezoek_van"], "2016-05-17");

    let rondes = array(&export["rondes"], "rondes");
    assert_eq!(rondes.len(), 2, "{rondes:?}");
    let (first, now) = (&rondes[0], &rondes[1]);

    assert_eq!(first["nummer"], 1);
    assert_eq!(first["naam"], "Onderzoek");
    assert_eq!(first["datum"], "2015-08-25");
    assert_eq!(first["huidig"], false);
    assert_eq!(first["voldoende"], 8);
    assert_eq!(first["beoordeeld"], 24);
    assert_eq!(first["eindoordeel"], "onvoldoende");
    let first_oordelen = first["oordelen"]
        .as_object()
        .expect("oordelen of the first round");
    assert_eq!(
        first_oordelen.len(),
        25,
        "every verwachting, 3.1.1 included"
    );
    for (id, o) in first_oordelen {
        assert!(
            text(&o["onderbouwing"], id).len() > 40,
            "onderbouwing {id} in the first round: {o}"
        );
    }
    let first_criteria: BTreeMap<&str, &str> = first["criteria"]
        .as_object()
        .expect("criteria of the first round")
        .iter()
        .map(|(id, c)| (id.as_str(), text(&c["oordeel"], id)))
        .collect();
    assert_eq!(
        first_criteria,
        BTreeMap::from([
            ("1.1", "O"),
            ("1.2", "O"),
            ("1.3", "O"),
            ("2.1", "O"),
            ("2.2", "M"),
            ("3.1", "V"),
            ("3.2", "O"),
        ])
    );

    assert_eq!(now["nummer"], 2);
    assert_eq!(now["naam"], "Hertoets");
    assert_eq!(now["datum"], "2016-05-17");
    assert_eq!(now["huidig"], true);
    assert_eq!(now["voldoende"], 18);
    assert_eq!(now["beoordeeld"], 24);
    assert_eq!(now["eindoordeel"], "onvoldoende");

    // 2.1.1 (thema Veiligheid) stays onvoldoende, so 18 of 24 is onvoldoende twice over.
    let score = &export["score"];
    assert_eq!(score["eindoordeel"], "onvoldoende");
    assert_eq!(score["compleet"], true);
    assert_eq!(score["voldoende"], 18);
    assert_eq!(score["onvoldoende"], 6);
    assert_eq!(score["niet_beoordeeld"], 0);
    assert_eq!(score["oordelen"]["2.1.1"], "onvoldoende");
    assert!(
        !array(&score["voorwaarden_niet_voldaan"], "voorwaarden").is_empty(),
        "{score}"
    );
    let oordelen = array(&export["oordelen"], "oordelen");
    assert_eq!(oordelen.len(), 25);
    for o in oordelen {
        assert!(text(&o["onderbouwing"], "onderbouwing").len() > 40, "{o}");
    }
}

#[test]
fn every_criterion_has_an_oordeel_that_weighs_then_against_now() {
    let dir = TestDir::new();
    let export = stap1_demo(&dir, "stap1.veldtoets");
    let criteria = array(&export["criteria"], "criteria");
    let codes: Vec<(&str, &str)> = criteria
        .iter()
        .map(|c| (text(&c["id"], "id"), text(&c["oordeel"], "oordeel")))
        .collect();
    assert_eq!(
        codes,
        [
            ("1.1", "M"),
            ("1.2", "M"),
            ("1.3", "V"),
            ("2.1", "M"),
            ("2.2", "V"),
            ("3.1", "V"),
            ("3.2", "V"),
        ]
    );
    for c in criteria {
        assert_eq!(c["conflict"], false, "{c}");
        assert!(c["oordeel_naam"].is_string(), "{c}");
        let onderbouwing = text(&c["onderbouwing"], "onderbouwing");
        assert!(
            onderbouwing.contains("2015") && onderbouwing.contains("2016"),
            "the Ad-onderbouwing of {} weighs August 2015 against May 2016: {onderbouwing}",
            c["id"]
        );
        assert!(
            onderbouwing.contains("opgeheven") || onderbouwing.contains("aanhoudend"),
            "{onderbouwing}"
        );
    }
    // The current round in `rondes` carries the same criterion oordelen.
    let now = &array(&export["rondes"], "rondes")[1];
    assert_eq!(now["criteria"]["2.2"]["oordeel"], "V");
}

#[test]
fn interviews_count_participants_per_function() {
    let dir = TestDir::new();
    let export = stap1_demo(&dir, "stap1.veldtoets");
    let interviews = array(&export["interviews"], "interviews");
    let mut per_function: BTreeMap<String, (u64, u64)> = BTreeMap::new();
    for i in interviews {
        let aantallen = i["aantallen"].as_object().expect("aantallen");
        assert!(
            !aantallen.is_empty(),
            "every demo interview is counted: {i}"
        );
        for (function, n) in aantallen {
            let entry = per_function.entry(function.clone()).or_default();
            entry.0 += 1;
            entry.1 += n.as_u64().expect("a count");
        }
    }
    // "twee interviews met in totaal drie uitvoerend medewerkers"
    assert_eq!(per_function.get("uitvoerend medewerker"), Some(&(2, 3)));
    // "interview met een vertrouwensarts en een gedragswetenschapper": one interview, both.
    let joint: Vec<&Value> = interviews
        .iter()
        .filter(|i| {
            i["aantallen"]["vertrouwensarts"] == 1 && i["aantallen"]["gedragswetenschapper"] == 1
        })
        .collect();
    assert_eq!(joint.len(), 1, "{interviews:?}");
    assert!(
        interviews.iter().any(|i| i["rol"] == "management"),
        "{interviews:?}"
    );
    assert!(array(&export["flitsinterviews"], "flitsinterviews").len() >= 3);
    assert!(array(&export["dossiers"], "dossiers").len() >= 8);
    assert!(array(&export["documenten"], "documenten").len() >= 5);
    assert_eq!(export["wachtlijst"]["aantal"], 38);
}

#[test]
fn the_stap1_demo_passes_privacy_and_check() {
    let dir = TestDir::new();
    stap1_demo(&dir, "stap1.veldtoets");
    let privacy = dir.run(["privacy", "stap1.veldtoets"]);
    privacy.success().stdout_contains("geen vondsten");
    assert_eq!(privacy.stdout_lines().len(), 1, "{}", privacy.stdout());
    dir.run(["check", "stap1.veldtoets"])
        .success()
        .stdout_contains("integriteit:    ok");
    let check = dir
        .run(["check", "stap1.veldtoets", "--json"])
        .success()
        .json();
    assert_eq!(check["ok"], true, "{check}");
}

#[test]
fn without_kader_the_demo_is_still_stap2() {
    let dir = TestDir::new();
    dir.run(["demo", "stap2.veldtoets"])
        .success()
        .stdout_contains("Veilig Thuis Gelderzoom")
        .stdout_contains("vt-2016-stap2");
    dir.run(["demo", "ook-stap2.veldtoets", "--kader", "vt-2016-stap2"])
        .success()
        .stdout_contains("Veilig Thuis Gelderzoom");
    for name in ["stap2.veldtoets", "ook-stap2.veldtoets"] {
        let export = dir.run(["export", name, "--json", "-"]).success().json();
        assert_eq!(export["onderzoek"]["kader"], "vt-2016-stap2");
        assert_eq!(export["score"]["eindoordeel"], "matig");
        assert_eq!(array(&export["oordelen"], "oordelen").len(), 31);
        // A kader without criterion oordelen and a file without earlier rounds.
        assert_eq!(array(&export["criteria"], "criteria").len(), 0);
        assert_eq!(array(&export["rondes"], "rondes").len(), 1);
        assert!(export["onderzoek"]["eerdere_ronde"].is_null());
    }
}

#[test]
fn an_unknown_demo_kader_is_refused_in_dutch_and_writes_nothing() {
    let dir = TestDir::new();
    let out = dir.run(["demo", "x.veldtoets", "--kader", "vt-2099-stap9"]);
    out.failure()
        .stderr_contains("geen demo-onderzoek voor kader 'vt-2099-stap9'")
        .stderr_contains("vt-2016-stap2")
        .stderr_contains("vt-2015-stap1");
    assert!(!dir.exists("x.veldtoets"));
    // An existing file is never overwritten, whichever kader.
    dir.write("bestaat.veldtoets", "iets");
    dir.run(["demo", "bestaat.veldtoets", "--kader", STAP1])
        .failure();
    assert_eq!(dir.read("bestaat.veldtoets"), "iets");
}
