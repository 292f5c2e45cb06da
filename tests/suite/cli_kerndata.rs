//! Kerndata and a chosen eindoordeel through the real binary (issue 13 item 5): `veldtoets
//! kerngegeven` takes values in Dutch notation and `export --json` gives them back canonical and
//! as the rapport shows them; `veldtoets eindoordeel` records the inspecteurs' choice, which
//! `score` reports; every refusal leaves the file byte for byte as it was; two copies that chose
//! differently are in conflict after `merge`, and there is no eindoordeel until someone chooses
//! again.
//!
//! The kader is a small one written here (`maat = "keuze"`, three eindoordelen with an
//! omschrijving, four kerngegevens), fictional.

use crate::common;

use common::TestDir;
use serde_json::{Value, json};

/// A kader whose eindoordeel the inspecteur chooses, with kerndata in two groepen.
const KADER: &str = r#"
formaat = 1
id = "voorbeeld-keuze"
titel = "Voorbeeldscan met gekozen eindoordeel"
inspectie = "Voorbeeldinspectie"

[[thema]]
id = "1"
titel = "Organisatie"

[[thema.criterium]]
id = "1.1"
titel = "Sturing"

[[thema.criterium.verwachting]]
id = "1.1.1"
tekst = "Hoe stuurt de organisatie op de kwaliteit van het werk?"
beoordeling = "inventarisatie"

[[thema.criterium.verwachting]]
id = "1.1.2"
tekst = "Hoe is de formatie opgebouwd?"
beoordeling = "inventarisatie"

[beslisregels]
maat = "keuze"

[[eindoordeel]]
id = "categorie_1"
naam = "basis op orde"
omschrijving = "De organisatie heeft de basis op orde."

[[eindoordeel]]
id = "categorie_2"
naam = "kwetsbaar"
omschrijving = "De basis is op orde, maar de organisatie is kwetsbaar."

[[eindoordeel]]
id = "categorie_3"
naam = "risico"
omschrijving = "Er zijn risico's voor de kwaliteit van het werk."

[[kerngegeven]]
id = "budget"
naam = "Structureel budget"
soort = "bedrag"
periode = "2026"
groep = "Financiën"

[[kerngegeven]]
id = "meldingen"
naam = "Meldingen"
soort = "aantal"
eenheid = "meldingen"
periode = "eerste kwartaal 2026"
groep = "Primair proces"

[[kerngegeven]]
id = "formatie"
naam = "Formatie"
soort = "fte"
periode = "op 1 april 2026"
groep = "Primair proces"

[[kerngegeven]]
id = "onderzoeken"
naam = "Onderzoeken"
soort = "aantal"
periode = "eerste kwartaal 2026"
groep = "Primair proces"
"#;

/// `name` on the keuze kader, made by E. Voorbeeld.
fn keuze_file(dir: &TestDir, name: &str) {
    let kader = dir.write("keuze.toml", KADER);
    dir.run([
        "new",
        "--onversleuteld",
        name,
        "--kader",
        kader.to_str().expect("utf-8 path"),
        "--organisatie",
        "Veilig Thuis Proefregio",
        "--inspecteur",
        "E. Voorbeeld",
    ])
    .success();
}

fn export(dir: &TestDir, name: &str) -> Value {
    dir.run(["export", name, "--json", "-"]).success().json()
}

fn score(dir: &TestDir, name: &str) -> Value {
    dir.run(["score", name]).success().json()
}

#[test]
fn kerndata_in_dutch_notation_come_back_canonical_and_as_the_rapport_shows_them() {
    let dir = TestDir::new();
    keuze_file(&dir, "k.veldtoets");
    dir.run([
        "kerngegeven",
        "k.veldtoets",
        "budget",
        "--waarde",
        "€ 4.250.000,50",
        "--toelichting",
        "Begroting 2026 van de organisatie",
    ])
    .success()
    .stdout_contains(
        "kerngegeven budget (Structureel budget): € 4.250.000,50 vastgelegd door E. Voorbeeld",
    );
    dir.run([
        "kerngegeven",
        "k.veldtoets",
        "meldingen",
        "--waarde",
        "1.250",
    ])
    .success()
    .stdout_contains("1.250 meldingen");
    dir.run([
        "kerngegeven",
        "k.veldtoets",
        "formatie",
        "--waarde",
        "42,5 fte",
    ])
    .success()
    .stdout_contains("42,5 fte");

    let e = export(&dir, "k.veldtoets");
    assert_eq!(
        e["kerngegevens"],
        json!([
            {
                "id": "budget", "naam": "Structureel budget", "soort": "bedrag",
                "eenheid": "euro", "periode": "2026", "groep": "Financiën",
                "waarde": "4250000.5", "weergave": "€ 4.250.000,50",
                "toelichting": "Begroting 2026 van de organisatie", "conflict": false
            },
            {
                "id": "meldingen", "naam": "Meldingen", "soort": "aantal",
                "eenheid": "meldingen", "periode": "eerste kwartaal 2026",
                "groep": "Primair proces", "waarde": "1250", "weergave": "1.250 meldingen",
                "toelichting": "", "conflict": false
            },
            {
                "id": "formatie", "naam": "Formatie", "soort": "fte", "eenheid": "fte",
                "periode": "op 1 april 2026", "groep": "Primair proces",
                "waarde": "42.5", "weergave": "42,5 fte", "toelichting": "", "conflict": false
            },
            {
                "id": "onderzoeken", "naam": "Onderzoeken", "soort": "aantal", "eenheid": "",
                "periode": "eerste kwartaal 2026", "groep": "Primair proces",
                "waarde": null, "weergave": null, "toelichting": "", "conflict": false
            }
        ]),
        "{:#}",
        e["kerngegevens"]
    );
    assert_eq!(e["gekozen_eindoordeel"], Value::Null);

    // A new version: unknown now, with the reason; without --toelichting the reason stays.
    dir.run([
        "kerngegeven",
        "k.veldtoets",
        "formatie",
        "--leeg",
        "--toelichting",
        "De organisatie levert de formatie na.",
    ])
    .success()
    .stdout_contains("formatie (Formatie): leeg (niet bekend) vastgelegd");
    dir.run([
        "kerngegeven",
        "k.veldtoets",
        "budget",
        "--waarde",
        "4250000,5",
    ])
    .success()
    .stdout_contains("niets veranderd");
    let e = export(&dir, "k.veldtoets");
    assert_eq!(e["kerngegevens"][2]["waarde"], Value::Null);
    assert_eq!(e["kerngegevens"][2]["weergave"], Value::Null);
    assert_eq!(
        e["kerngegevens"][2]["toelichting"],
        "De organisatie levert de formatie na."
    );
    assert_eq!(
        e["kerngegevens"][0]["toelichting"],
        "Begroting 2026 van de organisatie"
    );

    // A kader without kerndata or a choice: the keys are there, empty.
    dir.new_inspection("stap2.veldtoets");
    let e = export(&dir, "stap2.veldtoets");
    assert_eq!(e["kerngegevens"], json!([]));
    assert_eq!(e["gekozen_eindoordeel"], Value::Null);
}

#[test]
fn every_refusal_says_why_and_leaves_the_file_as_it_was() {
    let dir = TestDir::new();
    keuze_file(&dir, "k.veldtoets");
    dir.new_inspection("stap2.veldtoets");
    dir.run(["kerngegeven", "k.veldtoets", "formatie", "--waarde", "40"])
        .success();
    let before = dir.read_bytes("k.veldtoets");
    let before_stap2 = dir.read_bytes("stap2.veldtoets");

    let refusals: [(&[&str], &[&str]); 8] = [
        (
            &["kerngegeven", "k.veldtoets", "formatie", "--waarde", "12.5"],
            &["'12.5'", "komma", "42,5", "niets vastgelegd"],
        ),
        (
            &[
                "kerngegeven",
                "k.veldtoets",
                "meldingen",
                "--waarde",
                "12,5",
            ],
            &["te veel decimalen", "niets vastgelegd"],
        ),
        (
            &["kerngegeven", "k.veldtoets", "budget", "--waarde", "-5"],
            &["negatief"],
        ),
        (
            &["kerngegeven", "k.veldtoets", "budget", "--waarde", " "],
            &["--waarde is leeg", "--leeg"],
        ),
        (
            &["kerngegeven", "k.veldtoets", "fte", "--waarde", "3"],
            &[
                "'fte' staat niet in het kader voorbeeld-keuze",
                "budget (Structureel budget)",
                "meldingen (Meldingen)",
                "formatie (Formatie)",
                "onderzoeken (Onderzoeken)",
            ],
        ),
        (
            &[
                "eindoordeel",
                "k.veldtoets",
                "categorie_9",
                "--onderbouwing",
                "Zo is het.",
            ],
            &[
                "'categorie_9' is geen eindoordeel",
                "categorie_1 (basis op orde)",
                "categorie_2 (kwetsbaar)",
                "categorie_3 (risico)",
            ],
        ),
        (
            &[
                "eindoordeel",
                "k.veldtoets",
                "categorie_2",
                "--onderbouwing",
                "",
            ],
            &["--onderbouwing mag niet leeg zijn", "kwetsbaar"],
        ),
        (
            &[
                "kerngegeven",
                "k.veldtoets",
                "formatie",
                "--waarde",
                "41",
                "--leeg",
            ],
            &["--leeg"],
        ),
    ];
    for (args, words) in refusals {
        let out = dir.run(args);
        out.failure().stdout_empty();
        for word in words {
            out.stderr_contains(word);
        }
        assert_eq!(
            dir.read_bytes("k.veldtoets"),
            before,
            "{args:?} changed the file"
        );
    }

    // On a kader whose eindoordeel follows from the beslisregels.
    dir.run([
        "eindoordeel",
        "stap2.veldtoets",
        "voldoende",
        "--onderbouwing",
        "Zo is het.",
    ])
    .failure()
    .stdout_empty()
    .stderr_one_line()
    .stderr_contains("bij dit kader volgt het eindoordeel uit de beslisregels")
    .stderr_contains("veldtoets oordeel");
    dir.run(["kerngegeven", "stap2.veldtoets", "budget", "--waarde", "1"])
        .failure()
        .stdout_empty()
        .stderr_one_line()
        .stderr_contains("vraagt geen kerngegevens");
    assert_eq!(dir.read_bytes("stap2.veldtoets"), before_stap2);
}

#[test]
fn the_chosen_eindoordeel_is_what_score_and_export_report() {
    let dir = TestDir::new();
    keuze_file(&dir, "k.veldtoets");

    // Nothing chosen: as a file without any oordeel, no final eindoordeel.
    let s = score(&dir, "k.veldtoets");
    assert_eq!(s["compleet"], false, "{s:#}");
    assert_eq!(s["schaal"], Value::Null);
    assert!(
        s["regel"]
            .as_str()
            .is_some_and(|r| r.contains("Nog geen eindoordeel")),
        "{s:#}"
    );

    dir.run([
        "eindoordeel",
        "k.veldtoets",
        "categorie_2",
        "--onderbouwing",
        "De basis is op orde; de formatie is krap.",
    ])
    .success()
    .stdout_contains("eindoordeel: kwetsbaar (categorie_2) gekozen door E. Voorbeeld");
    let s = score(&dir, "k.veldtoets");
    assert_eq!(s["eindoordeel"], "categorie_2", "{s:#}");
    assert_eq!(s["compleet"], true, "{s:#}");
    assert_eq!(s["schaal"], Value::Null);
    assert_eq!(s["aftrekpunten"], 0);

    let e = export(&dir, "k.veldtoets");
    let chosen = &e["gekozen_eindoordeel"];
    assert_eq!(chosen["eindoordeel"], "categorie_2", "{chosen:#}");
    assert_eq!(chosen["naam"], "kwetsbaar");
    assert_eq!(
        chosen["omschrijving"],
        "De basis is op orde, maar de organisatie is kwetsbaar."
    );
    assert_eq!(
        chosen["onderbouwing"],
        "De basis is op orde; de formatie is krap."
    );
    assert_eq!(chosen["inspecteur"], "E. Voorbeeld");
    assert!(chosen["tijd"].as_str().is_some_and(|t| t.ends_with('Z')));
    assert_eq!(e["score"]["eindoordeel"], "categorie_2");

    // The naam works as well as the id; choosing again replaces the choice.
    dir.run([
        "eindoordeel",
        "k.veldtoets",
        "Risico",
        "--onderbouwing",
        "Toch risico's.",
        "--inspecteur",
        "J. Proef",
    ])
    .success()
    .stdout_contains("eindoordeel: risico (categorie_3) gekozen door J. Proef");
    assert_eq!(score(&dir, "k.veldtoets")["eindoordeel"], "categorie_3");
    let e = export(&dir, "k.veldtoets");
    assert_eq!(e["gekozen_eindoordeel"]["inspecteur"], "J. Proef");
    assert_eq!(e["conflicten"], json!([]));
}

#[test]
fn copies_that_chose_differently_are_in_conflict_after_a_merge() {
    let dir = TestDir::new();
    keuze_file(&dir, "a.veldtoets");
    std::fs::copy(dir.join("a.veldtoets"), dir.join("b.veldtoets")).expect("copy");
    dir.run([
        "eindoordeel",
        "a.veldtoets",
        "categorie_1",
        "--onderbouwing",
        "Alles is op orde.",
    ])
    .success();
    dir.run([
        "eindoordeel",
        "b.veldtoets",
        "categorie_3",
        "--onderbouwing",
        "De formatie is een risico.",
        "--inspecteur",
        "J. Proef",
    ])
    .success();
    dir.run(["kerngegeven", "a.veldtoets", "budget", "--waarde", "100"])
        .success();
    dir.run(["kerngegeven", "b.veldtoets", "budget", "--waarde", "200"])
        .success();

    let merged = dir
        .run([
            "merge",
            "--into",
            "team.veldtoets",
            "a.veldtoets",
            "b.veldtoets",
        ])
        .success()
        .json();
    assert_eq!(merged["conflicten"], 2, "{merged:#}");

    let e = export(&dir, "team.veldtoets");
    let conflicts = e["conflicten"].as_array().expect("a list");
    let keuze = conflicts
        .iter()
        .find(|c| c["soort"] == "keuze")
        .unwrap_or_else(|| panic!("no keuze conflict in {conflicts:#?}"));
    let versions: Vec<&str> = keuze["versies"]
        .as_array()
        .expect("versions")
        .iter()
        .filter_map(|v| v["samenvatting"].as_str())
        .collect();
    assert_eq!(versions.len(), 2, "{keuze:#}");
    assert!(versions.iter().any(|v| v.contains("categorie_1")));
    assert!(versions.iter().any(|v| v.contains("categorie_3")));
    assert!(
        conflicts
            .iter()
            .any(|c| c["soort"] == "kerngegeven" && c["record"] == "budget")
    );
    assert_eq!(e["gekozen_eindoordeel"], Value::Null);
    assert_eq!(e["kerngegevens"][0]["conflict"], true);

    let s = score(&dir, "team.veldtoets");
    assert_eq!(s["compleet"], false, "{s:#}");
    assert_eq!(s["conflicten"], 2);
    assert!(
        s["regel"]
            .as_str()
            .is_some_and(|r| r.contains("Nog geen eindoordeel")),
        "{s:#}"
    );

    // A new choice settles it.
    dir.run([
        "eindoordeel",
        "team.veldtoets",
        "categorie_3",
        "--onderbouwing",
        "Samen besloten: de formatie is een risico.",
    ])
    .success()
    .stdout_contains("(conflict opgelost)");
    dir.run(["kerngegeven", "team.veldtoets", "budget", "--waarde", "200"])
        .success()
        .stdout_contains("(conflict opgelost)");
    let s = score(&dir, "team.veldtoets");
    assert_eq!(s["eindoordeel"], "categorie_3");
    assert_eq!(s["compleet"], true, "{s:#}");
}

#[test]
fn a_vastgesteld_onderzoek_refuses_a_new_choice_and_new_kerndata() {
    let dir = TestDir::new();
    keuze_file(&dir, "k.veldtoets");
    dir.run([
        "eindoordeel",
        "k.veldtoets",
        "categorie_1",
        "--onderbouwing",
        "Alles is op orde.",
    ])
    .success();
    dir.run([
        "concept",
        "k.veldtoets",
        "--pdf",
        "concept.pdf",
        "--verzonden",
        "01-11-2026",
    ])
    .success();
    dir.run(["vaststellen", "k.veldtoets", "--datum", "20-11-2026"])
        .success();
    let before = dir.read_bytes("k.veldtoets");
    dir.run([
        "eindoordeel",
        "k.veldtoets",
        "categorie_2",
        "--onderbouwing",
        "Toch kwetsbaar.",
    ])
    .failure()
    .stderr_one_line()
    .stderr_contains("definitief vastgesteld")
    .stderr_contains("heropenen 'k.veldtoets'");
    dir.run(["kerngegeven", "k.veldtoets", "budget", "--waarde", "1"])
        .failure()
        .stderr_one_line()
        .stderr_contains("definitief vastgesteld");
    assert_eq!(dir.read_bytes("k.veldtoets"), before);
}
