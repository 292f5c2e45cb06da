//! The third built-in kader, `vt-2024-tijdigheid` (seed 004, "Aanhoudende onveiligheid tijdens het
//! wachten op Veilig Thuis"), and its demo: the kader's own dossier dates, a "direct na" term that
//! stops at the start of an onderzoek or V&V, optional afronding terms, the 80% norms, the
//! wachtlijst per zaak with zicht op veiligheid, its own eindoordelen — and, through the real
//! binary, the demo's score, export and rapport.

use crate::common;

use common::TestDir;
use serde_json::{Value, json};
use veldtoets::domain::termijn::DayCount;

const KADER: &str = "vt-2024-tijdigheid";

fn framework() -> &'static veldtoets::domain::Framework {
    veldtoets::kader_io::builtin(KADER).expect("the 2024 kader is built in")
}

/// Makes the 2024 demo as `name` and returns its `export --json`.
fn demo(dir: &TestDir, name: &str) -> Value {
    dir.run(["demo", name, "--kader", KADER])
        .success()
        .stdout_contains(KADER)
        .stdout_contains("Veilig Thuis Dijkwaarde");
    dir.run(["export", name, "--json", "-"]).success().json()
}

fn array<'v>(value: &'v Value, what: &str) -> &'v Vec<Value> {
    value
        .as_array()
        .unwrap_or_else(|| panic!("{what} is not an array: {value}"))
}

/// The entry of `list` whose `key` is `id`.
fn find<'v>(list: &'v Value, key: &str, id: &str) -> &'v Value {
    array(list, key)
        .iter()
        .find(|x| x[key] == id)
        .unwrap_or_else(|| panic!("no {key} = {id} in {list}"))
}

// ---------------------------------------------------------------------------------------------
// The kader

#[test]
fn the_kader_declares_six_dates_a_direct_list_term_and_optional_terms() {
    let fw = framework();
    assert_eq!(fw.id, KADER);
    assert_eq!(fw.inspectorate, "Inspectie Gezondheidszorg en Jeugd");
    assert!(fw.title.contains("(voorbeeld)"), "{}", fw.title);
    assert_eq!(fw.judged_count(), 5);

    let dates: Vec<&str> = fw.dates.iter().map(|d| d.as_str()).collect();
    assert_eq!(
        dates,
        [
            "melding_ontvangen",
            "veiligheidsbeoordeling",
            "start_onderzoek",
            "start_vv",
            "afronding_onderzoek",
            "afronding_vv",
        ]
    );
    // `na`: an afronding never precedes its start, a start never the veiligheidsbeoordeling.
    let rules: Vec<(&str, &str)> = fw
        .date_rules
        .iter()
        .map(|r| (r.earlier.as_str(), r.later.as_str()))
        .collect();
    for rule in [
        ("veiligheidsbeoordeling", "start_onderzoek"),
        ("veiligheidsbeoordeling", "start_vv"),
        ("start_onderzoek", "afronding_onderzoek"),
        ("start_vv", "afronding_vv"),
    ] {
        assert!(rules.contains(&rule), "{rule:?} missing from {rules:?}");
    }

    let term = |id: &str| {
        fw.deadlines
            .iter()
            .find(|d| d.id == id)
            .unwrap_or_else(|| panic!("no termijn {id}"))
    };
    let ids: Vec<&str> = fw.deadlines.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "veiligheidsbeoordeling",
            "start_vervolg",
            "afronding_onderzoek",
            "afronding_vv"
        ]
    );

    let vb = term("veiligheidsbeoordeling");
    assert_eq!(
        (vb.from.as_str(), vb.to.as_str(), vb.days, vb.optional),
        ("melding_ontvangen", "veiligheidsbeoordeling", 5, false)
    );
    assert_eq!(vb.unit, DayCount::Calendar);
    assert_eq!(vb.expectations, ["1.1.1"]);

    // "Direct na de veiligheidsbeoordeling": zero days, stopped by whichever start comes first.
    let start = term("start_vervolg");
    assert_eq!(start.from.as_str(), "veiligheidsbeoordeling");
    assert_eq!(start.days, 0);
    assert!(!start.optional);
    let stops: Vec<&str> = start.stops().map(|k| k.as_str()).collect();
    assert_eq!(stops, ["start_onderzoek", "start_vv"]);
    assert_eq!(start.expectations, ["1.2.1"]);

    // Tien weken after the start, only for dossiers that had that vervolg.
    for (id, from, to) in [
        (
            "afronding_onderzoek",
            "start_onderzoek",
            "afronding_onderzoek",
        ),
        ("afronding_vv", "start_vv", "afronding_vv"),
    ] {
        let t = term(id);
        assert_eq!((t.from.as_str(), t.to.as_str()), (from, to), "{id}");
        assert_eq!(t.days, 70, "{id}");
        assert!(t.optional, "{id}");
        assert_eq!(t.expectations, ["1.2.2"], "{id}");
    }

    let norms: Vec<(&str, u32, Vec<String>)> = fw
        .norms
        .iter()
        .map(|n| {
            (
                n.deadline().unwrap_or("zicht op veiligheid"),
                n.min_percent,
                n.expectations.clone(),
            )
        })
        .collect();
    assert_eq!(
        norms,
        [
            ("veiligheidsbeoordeling", 80, vec!["1.1.1".to_string()]),
            ("afronding_onderzoek", 80, vec!["1.2.2".to_string()]),
            ("afronding_vv", 80, vec!["1.2.2".to_string()]),
            ("zicht op veiligheid", 80, vec!["2.1.1".to_string()]),
        ]
    );
    assert_eq!(fw.contact_days, Some(30));

    let verdicts: Vec<(&str, &str)> = fw
        .verdicts
        .iter()
        .map(|v| (v.as_str(), v.label()))
        .collect();
    assert_eq!(
        verdicts,
        [
            ("voldoende", "voldoende"),
            ("zorgelijk", "zorgelijk"),
            ("ernstig_zorgelijk", "ernstig zorgelijk"),
        ]
    );
    assert_eq!(fw.follow_ups.len(), 1);
}

/// What the header of the kader file promises: the verbatim parts say so, the rest is marked as
/// an example wherever it is shown (file, rapport appendices).
#[test]
fn the_kader_marks_what_is_verbatim_and_what_is_an_example() {
    let text = common::shipped_kader(KADER);
    assert_eq!(text, framework().source_text);
    for needle in [
        "LETTERLIJK uit het rapport",
        "VOORBEELD (geen onderdeel van een gepubliceerd kader)",
        "Voorbeeldwaarde, geen onderdeel van het rapport",
    ] {
        assert!(text.contains(needle), "{needle}");
    }
    let fw = framework();
    assert!(
        fw.rules
            .explanation
            .starts_with("Voorbeeld, geen onderdeel van een gepubliceerd kader.")
    );
    assert!(fw.sources.explanation.starts_with("Voorbeeldgids"));
    assert!(
        fw.introduction
            .contains("geen onderdeel van een gepubliceerd toetsingskader")
    );
    // The legal obligation is verbatim from seed 004.
    let e = fw.expectation(fw.index_of("1.1.1").expect("1.1.1"));
    assert_eq!(
        e.text,
        "Veilig Thuis is wettelijk verplicht binnen vijf dagen na ontvangst van een melding een veiligheidsbeoordeling te doen met als doel tijdig zicht te krijgen op de veiligheid van de leden van het gezin of huishouden waarover is gemeld."
    );
}

#[test]
fn the_kader_is_listed_and_its_example_rules_score_an_oordelen_file() {
    let list = common::run(["kaders", "--json"]).success().json();
    let entry = find(&list, "id", KADER);
    assert_eq!(entry["beoordeelde_verwachtingen"], 5, "{entry}");

    let dir = TestDir::new();
    let all = |over: &[(&str, &str)]| {
        let mut j = json!({
            "1.1.1": "voldoende", "1.2.1": "voldoende", "1.2.2": "voldoende",
            "2.1.1": "voldoende", "2.1.2": "voldoende"
        });
        for (id, o) in over {
            j[*id] = json!(o);
        }
        j
    };
    let cases: [(&[(&str, &str)], &str); 4] = [
        (&[], "voldoende"),
        // Four of five, the missed one in Tijdigheid: zorgelijk.
        (&[("1.2.1", "onvoldoende")], "zorgelijk"),
        // Four of five, but zicht op veiligheid is missing: the voorwaarde decides.
        (&[("2.1.1", "onvoldoende")], "ernstig_zorgelijk"),
        // Two of five: the band itself.
        (
            &[
                ("1.1.1", "onvoldoende"),
                ("1.2.1", "onvoldoende"),
                ("1.2.2", "onvoldoende"),
            ],
            "ernstig_zorgelijk",
        ),
    ];
    for (i, (over, expected)) in cases.into_iter().enumerate() {
        let input = dir.write_json(format!("oordelen-{i}.json"), &all(over));
        let score = dir
            .cmd(["score", "--kader", KADER])
            .arg(&input)
            .output()
            .success()
            .json();
        assert_eq!(score["eindoordeel"], expected, "{over:?}: {score}");
        assert_eq!(score["compleet"], true);
    }
}

// ---------------------------------------------------------------------------------------------
// The demo through the real binary

#[test]
fn the_demo_builds_checks_and_scores_ernstig_zorgelijk() {
    let dir = TestDir::new();
    let export = demo(&dir, "k24.veldtoets");
    assert_eq!(export["onderzoek"]["kader"], KADER);
    assert_eq!(export["onderzoek"]["peildatum"], "2026-11-17");
    assert_eq!(array(&export["dossiers"], "dossiers").len(), 16);
    assert_eq!(array(&export["interviews"], "interviews").len(), 4);
    assert_eq!(
        array(&export["flitsinterviews"], "flitsinterviews").len(),
        3
    );
    for o in array(&export["oordelen"], "oordelen") {
        let text = o["onderbouwing"].as_str().unwrap_or_default();
        assert!(
            text.len() > 200,
            "onderbouwing {}: {text}",
            o["verwachting"]
        );
    }

    let score = dir.run(["score", "k24.veldtoets"]).success().json();
    assert_eq!(score["kader"], KADER);
    assert_eq!(score["eindoordeel"], "ernstig_zorgelijk");
    assert_eq!(score["voldoende"], 2);
    assert_eq!(score["onvoldoende"], 3);
    assert_eq!(score["compleet"], true);
    assert_eq!(
        score["oordelen"],
        json!({
            "1.1.1": "voldoende", "1.2.1": "onvoldoende", "1.2.2": "onvoldoende",
            "2.1.1": "onvoldoende", "2.1.2": "voldoende"
        })
    );
    assert_eq!(
        score["voorwaarden_niet_voldaan"],
        json!(["thema 2 Zicht op veiligheid"])
    );
    // The rapport's next step for this eindoordeel (the kader's vervolg).
    let vervolg = array(&export["vervolg"], "vervolg");
    assert_eq!(vervolg.len(), 1, "{vervolg:?}");
    assert_eq!(vervolg[0]["id"], "plan_tijdigheid");

    dir.run(["check", "k24.veldtoets"])
        .success()
        .stdout_contains("integriteit:    ok");
    dir.run(["privacy", "k24.veldtoets"])
        .success()
        .stdout_contains("geen vondsten");
}

#[test]
fn open_dossiers_older_than_their_term_count_as_late() {
    let dir = TestDir::new();
    let export = demo(&dir, "k24.veldtoets");
    let dossier = |nummer: &str| find(&export["dossiers"], "nummer", nummer);
    let status = |nummer: &str, termijn: &str| {
        let t = find(&dossier(nummer)["termijnen"], "termijn", termijn);
        (
            t["status"].as_str().unwrap_or_default().to_string(),
            t["dagen"].clone(),
            t["dagen_te_laat"].clone(),
        )
    };

    // A melding of 5 October without a veiligheidsbeoordeling on 17 November: 43 days, 38 over.
    let d = dossier("VTD-2026-0851");
    assert!(d["veiligheidsbeoordeling"].is_null(), "{d}");
    assert_eq!(
        status("VTD-2026-0851", "veiligheidsbeoordeling"),
        ("open_te_laat".into(), json!(43), json!(38))
    );
    // Without a veiligheidsbeoordeling the "direct na" term cannot start; the afrondingen do not
    // apply at all (optional terms).
    assert_eq!(status("VTD-2026-0851", "start_vervolg").0, "onvolledig");
    assert_eq!(status("VTD-2026-0851", "afronding_onderzoek").0, "nvt");
    assert_eq!(status("VTD-2026-0851", "afronding_vv").0, "nvt");

    // Beoordeeld, but neither an onderzoek nor V&V started: any day after is too late.
    assert_eq!(
        status("VTD-2026-0823", "start_vervolg"),
        ("open_te_laat".into(), json!(54), json!(54))
    );
    // An onderzoek started in April and still open: 218 days, 148 over the ten weeks.
    assert_eq!(
        status("VTD-2025-1142", "afronding_onderzoek"),
        ("open_te_laat".into(), json!(218), json!(148))
    );
    assert_eq!(status("VTD-2025-1142", "afronding_vv").0, "nvt");
    // A V&V still within its ten weeks is open, not late.
    assert_eq!(status("VTD-2026-0768", "afronding_vv").0, "open");
    // The list term stops at whichever start is there: V&V here, started the same day.
    assert_eq!(
        dossier("VTD-2026-0402")["start_vv"],
        dossier("VTD-2026-0402")["veiligheidsbeoordeling"]
    );
    assert_eq!(
        status("VTD-2026-0402", "start_vervolg"),
        ("binnen".into(), json!(0), Value::Null)
    );
    // Started 14 days later: late by 14.
    assert_eq!(
        status("VTD-2026-0298", "start_vervolg"),
        ("te_laat".into(), json!(14), json!(14))
    );

    // The open late dossiers are counted as late in the summary per termijn.
    let summary = |id: &str| {
        let t = find(&export["termijnen"], "id", id);
        (
            t["binnen"].as_u64(),
            t["te_laat"].as_u64(),
            t["open"].as_u64(),
            t["open_te_laat"].as_u64(),
            t["onbekend"].as_u64(),
        )
    };
    assert_eq!(
        summary("veiligheidsbeoordeling"),
        (Some(13), Some(3), Some(1), Some(1), Some(0))
    );
    assert_eq!(
        summary("start_vervolg"),
        (Some(5), Some(10), Some(2), Some(2), Some(1))
    );
    assert_eq!(
        summary("afronding_onderzoek"),
        (Some(6), Some(2), Some(1), Some(1), Some(0))
    );
    assert_eq!(
        summary("afronding_vv"),
        (Some(2), Some(2), Some(2), Some(1), Some(0))
    );
    let basis = find(&export["termijnen"], "id", "veiligheidsbeoordeling")["basis"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(basis.contains("1 open, waarvan 1 over termijn"), "{basis}");
}

#[test]
fn the_norms_show_the_shares_against_80_percent_with_their_suggestion() {
    let dir = TestDir::new();
    let export = demo(&dir, "k24.veldtoets");
    let share = |id: &str| find(&export["termijnen"], "id", id)["aandeel_binnen"].as_f64();
    assert_eq!(share("veiligheidsbeoordeling"), Some(0.813));
    assert_eq!(share("start_vervolg"), Some(0.333));
    assert_eq!(share("afronding_onderzoek"), Some(0.75));
    assert_eq!(share("afronding_vv"), Some(0.4));

    let normen = array(&export["normen"], "normen");
    // Every field but the rule's text, which is checked below.
    let got: Vec<Value> = normen
        .iter()
        .map(|n| {
            json!({
                "termijn": n["termijn"], "minimaal": n["minimaal"], "verwachtingen": n["verwachtingen"],
                "aandeel_binnen": n["aandeel_binnen"], "gehaald": n["gehaald"], "suggestie": n["suggestie"]
            })
        })
        .collect();
    assert_eq!(
        got,
        [
            json!({
                "termijn": "veiligheidsbeoordeling", "minimaal": 80, "verwachtingen": ["1.1.1"],
                "aandeel_binnen": 0.813, "gehaald": true, "suggestie": "voldoende"
            }),
            json!({
                "termijn": "afronding_onderzoek", "minimaal": 80, "verwachtingen": ["1.2.2"],
                "aandeel_binnen": 0.75, "gehaald": false, "suggestie": "onvoldoende"
            }),
            json!({
                "termijn": "afronding_vv", "minimaal": 80, "verwachtingen": ["1.2.2"],
                "aandeel_binnen": 0.4, "gehaald": false, "suggestie": "onvoldoende"
            }),
            // Zicht op veiligheid: 6 of the 10 waiting cases had a contact in the last 30 days.
            json!({
                "termijn": null, "minimaal": 80, "verwachtingen": ["2.1.1"],
                "aandeel_binnen": 0.6, "gehaald": false, "suggestie": "onvoldoende"
            }),
        ]
    );
    let cijfers: Vec<&str> = normen.iter().filter_map(|n| n["cijfer"].as_str()).collect();
    assert_eq!(
        cijfers,
        ["termijn", "termijn", "termijn", "zicht_op_veiligheid"]
    );
    for n in normen {
        assert!(
            n["regel"]
                .as_str()
                .unwrap_or_default()
                .contains("minimaal 80%"),
            "{n}"
        );
    }
    // A suggestion, never an oordeel: the inspectors' oordelen follow them here, and say why.
    let oordeel = |id: &str| find(&export["oordelen"], "verwachting", id)["oordeel"].clone();
    assert_eq!(oordeel("1.1.1"), "voldoende");
    assert_eq!(oordeel("1.2.2"), "onvoldoende");
}

#[test]
fn the_wachtlijst_per_zaak_shows_zicht_op_veiligheid() {
    let dir = TestDir::new();
    let export = demo(&dir, "k24.veldtoets");
    let f = &export["wachtlijst_cijfers"];
    assert_eq!(f["peildatum"], "2026-11-17");
    assert_eq!(f["wachtend"], 10);
    assert_eq!(
        f["per_soort"],
        json!({"veiligheidsbeoordeling": 2, "onderzoek": 5, "vv": 3})
    );
    assert_eq!(f["contact_binnen_dagen"], 30);
    assert_eq!(f["met_contact"], 6);
    assert_eq!(f["aandeel_met_contact"], 0.6);
    // Seed 004: "11 maanden na de melding … is er geen contact geweest met het gezin".
    assert_eq!(f["langste_wachttijd_dagen"], 337);
    assert_eq!(f["oudste_melding"], "2025-12-15");

    let zaken = array(&export["wachtzaken"], "wachtzaken");
    assert_eq!(zaken.len(), 10);
    let longest = &zaken[0];
    assert_eq!(longest["nummer"], "VTD-2025-1187");
    assert_eq!(longest["wacht_op"], "onderzoek");
    assert_eq!(longest["zicht"], false);
    assert!(longest["laatste_contact"].is_null());
    assert_eq!(array(&longest["contacten"], "contacten").len(), 0);
    // A contact 32 days before the peildatum is just outside the 30 days.
    let boundary = find(&export["wachtzaken"], "nummer", "VTD-2026-0755");
    assert_eq!(boundary["laatste_contact"], "2026-10-16");
    assert_eq!(boundary["zicht"], false);
    let seen = find(&export["wachtzaken"], "nummer", "VTD-2026-0498");
    assert_eq!(seen["zicht"], true);
    assert_eq!(
        seen["contacten"],
        json!([
            {"datum": "2026-07-20", "met": "gezinscoach"},
            {"datum": "2026-09-01", "met": "gezinscoach"},
            {"datum": "2026-10-20", "met": "gezinscoach"}
        ])
    );
    assert_eq!(
        zaken.iter().filter(|z| z["zicht"] == false).count(),
        4,
        "{zaken:?}"
    );
    // The organisation's own summary stays beside the list per zaak.
    assert_eq!(export["wachtlijst"]["aantal"], 212);
}

#[test]
fn the_rapport_pdf_shows_termijnen_norms_wachtlijst_and_eindoordeel() {
    let dir = TestDir::new();
    demo(&dir, "k24.veldtoets");
    dir.run([
        "export",
        "k24.veldtoets",
        "--pdf",
        "rapport.pdf",
        "--datum",
        "01-12-2026",
    ])
    .success()
    .stderr_contains("rapport geschreven");
    let bytes = dir.read_bytes("rapport.pdf");
    assert!(bytes.starts_with(b"%PDF-"), "a PDF");
    let doc = lopdf::Document::load_mem(&bytes).expect("lopdf reads the rapport");
    // Compact text (no whitespace), so line breaks do not matter.
    let text: String = doc
        .get_pages()
        .keys()
        .map(|&n| doc.extract_text(&[n]).expect("text of a page"))
        .collect::<String>()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let compact = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    for needle in [
        "Eindoordeel: ernstig zorgelijk",
        "Termijnen en wachtlijst",
        "Veiligheidsbeoordeling binnen vijf dagen na ontvangst van de melding: minimaal 80% binnen de termijn (verwachting 1.1.1): gehaald.",
        "Voorwaarden & Vervolg afgerond binnen tien weken na de start (afgesproken termijn): minimaal 80% binnen de termijn (verwachting 1.2.2): niet gehaald.",
        "13 van 16 dossiers binnen termijn; 1 open, waarvan 1 over termijn (81% binnen)",
        "Bij 6 van de 10 was er in de 30 dagen voor de peildatum contact over de veiligheid",
        "337 dagen",
        "Voorbeeldregel: niet alle verwachtingen van thema 2 (Zicht op veiligheid) zijn voldoende",
    ] {
        assert!(text.contains(&compact(needle)), "rapport misses: {needle}");
    }
}

/// The evidence beside a verwachting, from a basis computed once per change (as the app does:
/// the shares within term and the dossiervragen over all dossiers), is the same as computed in
/// one go.
#[test]
fn evidence_from_a_precomputed_basis_is_the_same() {
    use veldtoets::domain::evidence::{EvidenceBasis, evidence, evidence_from};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.veldtoets");
    let (_, inspection) = veldtoets::demo::create_for(&path, "vt-2024-tijdigheid").unwrap();
    let basis = EvidenceBasis::new(&inspection);
    for e in inspection.framework.expectations() {
        let id = &e.expectation.id;
        let one = evidence(&inspection, id);
        let with = evidence_from(&inspection, id, &basis);
        assert_eq!(one.count(), with.count(), "{id}");
        let checks = |ev: &veldtoets::domain::evidence::Evidence<'_>| -> Vec<String> {
            ev.checks
                .iter()
                .map(|c| format!("{} {} {:?}", c.question.id, c.summary(), c.nee_dossiers))
                .collect()
        };
        assert_eq!(checks(&one), checks(&with), "{id}");
        assert_eq!(one.deadlines, with.deadlines, "{id}");
    }
}
