//! Hoor en wederhoor through the real binary: `concept` (the PDF written, its SHA-256 and text
//! recorded), `reactie`, `besluit`, `vaststellen`, `heropenen`, the frozen `oordeel`, the
//! `status` / `reacties` / `vervolg` / `verbeterpunten` / `rapportteksten` of `export --json`,
//! `verbeterpunt`, `rapporttekst` and `vergelijk`, and the rapport's text (read back with
//! lopdf). Every refusal leaves the directory byte for byte as it was.

use crate::common;

use common::{Output, TestDir, assert_unchanged, dutch_failure, snapshot};
use serde_json::Value;
use sha2::{Digest, Sha256};

const FILE: &str = "demo.veldtoets";

/// Runs `args`, expects a Dutch refusal naming every one of `parts`, and checks that nothing in
/// the directory changed.
#[track_caller]
fn refused(dir: &TestDir, args: &[&str], parts: &[&str]) -> Output {
    let before = snapshot(dir);
    let out = dir.run(args);
    dutch_failure(&out, parts);
    assert_unchanged(dir, &before, &args.join(" "));
    out
}

fn export(dir: &TestDir) -> Value {
    dir.run(["export", FILE, "--json", "-"]).success().json()
}

fn demo() -> TestDir {
    let dir = TestDir::new();
    dir.run(["demo", FILE]).success();
    dir
}

fn send_concept(dir: &TestDir, date: &str) -> Output {
    dir.run(["concept", FILE, "--pdf", "concept.pdf", "--verzonden", date])
}

/// Records a reactie and returns the id it printed (the only thing on stdout: a UUIDv7).
#[track_caller]
fn reactie(dir: &TestDir, args: &[&str]) -> String {
    let mut all = vec!["reactie", FILE];
    all.extend_from_slice(args);
    let out = dir.run(&all);
    out.success().stderr_empty();
    let lines = out.stdout_lines();
    if lines.len() != 1 {
        out.fail("expected exactly the reactie's id on stdout");
    }
    let id = uuid::Uuid::parse_str(lines[0])
        .unwrap_or_else(|e| out.fail(format!("stdout is not a UUID: {e}")));
    assert_eq!(id.get_version_num(), 7, "a UUIDv7");
    lines[0].to_string()
}

/// The three reacties of the cycle, one of each kind: (args, besluit, motivering).
const REACTIES: [(&[&str], &str, &str); 3] = [
    (
        &[
            "--verwachting",
            "1.3.2",
            "--soort",
            "feitelijk",
            "--tekst",
            "In drie van de twaalf dossiers staat de afspraak wel vastgelegd.",
            "--van",
            "bestuurder",
            "--ontvangen",
            "17-11-2026",
        ],
        "overgenomen",
        "Motivering één: de bevinding in paragraaf 2.1 is aangepast.",
    ),
    (
        &[
            "--paragraaf",
            "3.1",
            "--soort",
            "aanvulling",
            "--tekst",
            "De wachtlijst is per 1 november weggewerkt.",
            "--van",
            "teamleider",
            "--ontvangen",
            "18-11-2026",
        ],
        "deels",
        "Motivering twee: toegevoegd aan paragraaf 3.1, het oordeel blijft.",
    ),
    (
        &[
            "--paragraaf",
            "4.1",
            "--verwachting",
            "2.1.2",
            "--soort",
            "zienswijze",
            "--tekst",
            "Wij vinden het oordeel te streng gezien de landelijke tekorten.",
            "--van",
            "bestuurder",
            "--ontvangen",
            "19-11-2026",
        ],
        "niet",
        "Motivering drie: het oordeel volgt uit de beslisregels.",
    ),
];

/// The text of every page of a PDF, extracted with lopdf, with all whitespace removed (lopdf
/// glues the lines of a text object together and a phrase may wrap anywhere).
fn pdf_text(bytes: &[u8]) -> String {
    assert!(bytes.starts_with(b"%PDF-"), "not a PDF");
    let doc = lopdf::Document::load_mem(bytes).expect("lopdf reads the rapport");
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    compact(&doc.extract_text(&pages).expect("the text of the pages"))
}

fn compact(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

#[track_caller]
fn assert_has(text: &str, phrase: &str) {
    assert!(
        text.contains(&compact(phrase)),
        "'{phrase}' is missing from the PDF"
    );
}

#[test]
fn the_whole_cycle_concept_reacties_besluiten_vaststellen_heropenen() {
    let dir = demo();
    let e = export(&dir);
    assert_eq!(e["status"]["fase"], "in_uitvoering");
    assert_eq!(e["status"]["concept_verzonden"], Value::Null);

    // The concept: written, its SHA-256 and text recorded, the phase moved on.
    let out = send_concept(&dir, "03-11-2026");
    out.success()
        .stdout_contains("conceptrapport 'concept.pdf' geschreven en vastgelegd als verzonden op 03-11-2026 door E. Voorbeeld")
        .stderr_empty();
    let pdf = dir.read_bytes("concept.pdf");
    let hash: String = Sha256::digest(&pdf)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    out.stdout_contains(&hash);
    let concept = pdf_text(&pdf);
    assert_has(&concept, "CONCEPT");
    assert_has(&concept, "concept voor hoor en wederhoor");
    assert_has(&concept, "concept verzonden op 03-11-2026");
    assert_has(
        &concept,
        "Uiterlijk 15-12-2026, zes weken na verzending van het conceptrapport",
    );
    assert!(
        !concept.contains(&compact("Verwerking hoor en wederhoor")),
        "a concept without reacties has no bijlage hoor en wederhoor"
    );
    let e = export(&dir);
    assert_eq!(e["status"]["fase"], "concept_verzonden");
    assert_eq!(e["status"]["concept_verzonden"], "2026-11-03");
    assert_eq!(e["status"]["concept_sha256"], hash.as_str());
    assert_eq!(e["status"]["vastgesteld"], Value::Null);
    let verbeter = e["vervolg"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["id"] == "verbetermaatregelen")
        .expect("verbetermaatregelen for matig");
    assert_eq!(verbeter["datum"], "2026-12-15");
    assert_eq!(
        verbeter["basis"],
        "zes weken na verzending van het conceptrapport"
    );
    // The rapport's text as sent is in the file, paragraph by paragraph under its numbers.
    let (_, inspection) =
        veldtoets::store::Store::open_read_only(&dir.join(FILE)).expect("read the file");
    let sent = inspection.phase_data().concept_tekst;
    for line in [
        "Conceptrapport",
        "§ Samenvatting",
        "§ 2.1 Inzetten vervolgtrajecten",
        "§ 4.3 Vervolg",
        "Uiterlijk 15-12-2026, zes weken na verzending van het conceptrapport.",
    ] {
        assert!(sent.contains(line), "{line:?} not in the text as sent");
    }
    drop(inspection);

    // Three reacties, one of each kind.
    let ids: Vec<String> = REACTIES
        .iter()
        .map(|(args, _, _)| reactie(&dir, args))
        .collect();

    // Not yet: every reactie without a besluit is named.
    refused(
        &dir,
        &["vaststellen", FILE, "--datum", "01-12-2026"],
        &[
            "3 reacties zonder besluit",
            "verwachting 1.3.2",
            "paragraaf 3.1",
            "paragraaf 4.1 (verwachting 2.1.2)",
        ],
    );

    for (id, (_, besluit, motivering)) in ids.iter().zip(REACTIES) {
        dir.run(["besluit", FILE, id, besluit, "--motivering", motivering])
            .success()
            .stdout_contains("vastgelegd door E. Voorbeeld");
    }
    let e = export(&dir);
    assert_eq!(e["status"]["fase"], "reacties_verwerkt");
    let reacties = e["reacties"].as_array().unwrap();
    assert_eq!(reacties.len(), 3);
    for ((r, id), (_, besluit, motivering)) in reacties.iter().zip(&ids).zip(REACTIES) {
        assert_eq!(r["id"], id.as_str());
        assert_eq!(r["besluit"]["besluit"], besluit);
        assert_eq!(r["besluit"]["motivering"], motivering);
        assert_eq!(r["besluit"]["inspecteur"], "E. Voorbeeld");
        assert!(r["besluit"]["tijd"].is_string());
    }
    assert_eq!(reacties[0]["soort"], "feitelijk");
    assert_eq!(reacties[0]["verwachting"], "1.3.2");
    assert_eq!(reacties[0]["paragraaf"], Value::Null);
    assert_eq!(reacties[0]["ontvangen"], "2026-11-17");
    assert_eq!(reacties[0]["van"], "bestuurder");
    assert_eq!(reacties[1]["soort"], "aanvulling");
    assert_eq!(reacties[1]["paragraaf"], "3.1");
    assert_eq!(reacties[2]["soort"], "zienswijze");
    assert_eq!(reacties[2]["verwachting"], "2.1.2");

    // Vaststellen; then oordelen are frozen and a concept no longer fits.
    dir.run(["vaststellen", FILE, "--datum", "01-12-2026"])
        .success()
        .stdout_contains("onderzoek vastgesteld op 01-12-2026");
    let e = export(&dir);
    assert_eq!(e["status"]["fase"], "vastgesteld");
    assert_eq!(e["status"]["vastgesteld"], "2026-12-01");
    assert_eq!(e["status"]["concept_verzonden"], "2026-11-03");
    refused(
        &dir,
        &["oordeel", FILE, "1.3.1", "voldoende", "--onderbouwing", "x"],
        &["definitief vastgesteld", "heropenen"],
    );
    refused(
        &dir,
        &["export", FILE, "--pdf", "c.pdf", "--concept"],
        &["definitief vastgesteld", "zonder --concept", "heropen"],
    );
    refused(
        &dir,
        &["besluit", FILE, &ids[0], "niet", "--motivering", "anders"],
        &["definitief vastgesteld", "heropen"],
    );
    refused(
        &dir,
        &[
            "reactie",
            FILE,
            "--paragraaf",
            "2.1",
            "--soort",
            "aanvulling",
            "--tekst",
            "te laat",
        ],
        &["definitief vastgesteld"],
    );

    // The definitive rapport: dated on the vaststelling, no CONCEPT, the bijlage with every
    // reactie, besluit and motivering, and the vervolg with its dates.
    dir.run(["export", FILE, "--pdf", "rapport.pdf"])
        .success()
        .stderr_not_contains("let op");
    let text = pdf_text(&dir.read_bytes("rapport.pdf"));
    assert!(
        !text.contains("CONCEPT"),
        "the definitive rapport says CONCEPT"
    );
    assert!(!text.contains("Vertrouwelijk"));
    for phrase in [
        "RAPPORT",
        "definitief vastgesteld op 01-12-2026",
        "Dit is het definitieve rapport, vastgesteld op 1 december 2026.",
        "Bijlage 4 – Verwerking hoor en wederhoor",
        "Besluiten: 1 overgenomen, 1 deels overgenomen en 1 niet overgenomen.",
        "feitelijke onjuistheid",
        "aanvulling",
        "zienswijze",
        "verwachting 1.3.2",
        "paragraaf 3.1",
        "17-11-2026",
        "teamleider",
        "Uiterlijk 15-12-2026, zes weken na verzending van het conceptrapport.",
        "Uiterlijk 01-06-2027, zes maanden na vaststelling van het rapport.",
    ] {
        assert_has(&text, phrase);
    }
    for (args, besluit, motivering) in REACTIES {
        let tekst = args[args.iter().position(|a| *a == "--tekst").unwrap() + 1];
        assert_has(&text, tekst);
        assert_has(&text, motivering);
        let label = match besluit {
            "deels" => "deels overgenomen",
            "niet" => "niet overgenomen",
            other => other,
        };
        assert_has(&text, label);
    }

    // Heropenen needs a reason; then oordelen can change again.
    refused(
        &dir,
        &["heropenen", FILE, "--reden", "  "],
        &["geef een reden"],
    );
    dir.run([
        "heropenen",
        FILE,
        "--reden",
        "Nieuwe feiten over de wachtlijst",
    ])
    .success()
    .stdout_contains("onderzoek heropend door E. Voorbeeld");
    let e = export(&dir);
    assert_eq!(e["status"]["fase"], "reacties_verwerkt");
    assert_eq!(e["status"]["vastgesteld"], Value::Null);
    assert_eq!(
        e["status"]["heropend_reden"],
        "Nieuwe feiten over de wachtlijst"
    );
    dir.run([
        "oordeel",
        FILE,
        "1.3.1",
        "voldoende",
        "--onderbouwing",
        "Na heropenen.",
    ])
    .success();
    // And vaststellen again.
    dir.run(["vaststellen", FILE, "--datum", "08-12-2026"])
        .success();
    assert_eq!(export(&dir)["status"]["vastgesteld"], "2026-12-08");
}

#[test]
fn refusals_leave_the_file_as_it_was() {
    let dir = demo();
    // Before a concept: no reactie, no vaststellen, no heropenen.
    refused(
        &dir,
        &[
            "reactie",
            FILE,
            "--verwachting",
            "1.3.1",
            "--soort",
            "feitelijk",
            "--tekst",
            "t",
            "--ontvangen",
            "17-11-2026",
        ],
        &["nog geen conceptrapport verzonden"],
    );
    refused(
        &dir,
        &["vaststellen", FILE, "--datum", "01-12-2026"],
        &["nog geen conceptrapport verzonden"],
    );
    refused(
        &dir,
        &["heropenen", FILE, "--reden", "waarom niet"],
        &["niet vastgesteld"],
    );
    // A concept that cannot be written records nothing.
    refused(
        &dir,
        &[
            "concept",
            FILE,
            "--pdf",
            "bestaat-niet/concept.pdf",
            "--verzonden",
            "03-11-2026",
        ],
        &["bestaat-niet"],
    );
    refused(
        &dir,
        &["concept", FILE, "--pdf", FILE, "--verzonden", "03-11-2026"],
        &[FILE],
    );
    refused(
        &dir,
        &["concept", FILE, "--pdf", "-", "--verzonden", "03-11-2026"],
        &["standaarduitvoer"],
    );
    refused(
        &dir,
        &[
            "concept",
            FILE,
            "--pdf",
            "c.pdf",
            "--verzonden",
            "31-02-2026",
        ],
        &["--verzonden", "31-02-2026"],
    );
    assert_eq!(export(&dir)["status"]["fase"], "in_uitvoering");

    send_concept(&dir, "03-11-2026").success();
    refused(
        &dir,
        &[
            "reactie",
            FILE,
            "--verwachting",
            "9.9.9",
            "--soort",
            "feitelijk",
            "--tekst",
            "t",
            "--ontvangen",
            "17-11-2026",
        ],
        &["verwachting '9.9.9' staat niet in het toetsingskader"],
    );
    // Every reason at once.
    refused(
        &dir,
        &[
            "reactie",
            FILE,
            "--verwachting",
            "9.9.9",
            "--soort",
            "feitelijk",
            "--tekst",
            " ",
            "--ontvangen",
            "01-11-2026",
        ],
        &[
            "9.9.9",
            "de tekst van de reactie is leeg",
            "vóór de verzending van het concept",
        ],
    );
    refused(
        &dir,
        &[
            "reactie",
            FILE,
            "--paragraaf",
            "2.1",
            "--soort",
            "klacht",
            "--tekst",
            "t",
        ],
        &["klacht", "feitelijk", "aanvulling", "zienswijze"],
    );
    refused(
        &dir,
        &[
            "reactie",
            FILE,
            "--paragraaf",
            "2.1",
            "--soort",
            "feitelijk",
            "--tekst",
            "t",
            "--ontvangen",
            "gisteren",
        ],
        &["--ontvangen", "gisteren"],
    );
    // Neither a paragraaf nor a verwachting: a usage error.
    let out = refused(
        &dir,
        &["reactie", FILE, "--soort", "feitelijk", "--tekst", "t"],
        &["--paragraaf"],
    );
    assert_eq!(out.code(), Some(2));
    refused(
        &dir,
        &[
            "besluit",
            FILE,
            "0190a9b2-0000-7000-8000-000000000000",
            "overgenomen",
            "--motivering",
            "m",
        ],
        &["er is geen reactie met id '0190a9b2-0000-7000-8000-000000000000'"],
    );
    let id = reactie(
        &dir,
        &[
            "--paragraaf",
            "2.1",
            "--soort",
            "zienswijze",
            "--tekst",
            "Wij zien het anders.",
            "--ontvangen",
            "20-11-2026",
        ],
    );
    refused(
        &dir,
        &["besluit", FILE, &id, "misschien", "--motivering", "m"],
        &[
            "'misschien' is geen besluit",
            "overgenomen",
            "deels",
            "niet",
        ],
    );
    refused(
        &dir,
        &["besluit", FILE, &id, "niet", "--motivering", " "],
        &["geef een motivering"],
    );
    let out = refused(&dir, &["besluit", FILE, &id, "niet"], &["--motivering"]);
    assert_eq!(out.code(), Some(2));
    refused(
        &dir,
        &["vaststellen", FILE, "--datum", "01-12-2026"],
        &["1 reactie zonder besluit: paragraaf 2.1"],
    );
    dir.run([
        "besluit",
        FILE,
        &id,
        "niet",
        "--motivering",
        "Het oordeel blijft.",
    ])
    .success()
    .stdout_contains("stel het rapport vast met");
    // The same besluit again writes nothing.
    let before = snapshot(&dir);
    dir.run([
        "besluit",
        FILE,
        &id,
        "niet",
        "--motivering",
        "Het oordeel blijft.",
    ])
    .success()
    .stdout_contains("er is niets geschreven");
    assert_unchanged(&dir, &before, "the same besluit again");
    refused(
        &dir,
        &["vaststellen", FILE, "--datum", "01-11-2026"],
        &["vóór de verzending van het concept (03-11-2026)"],
    );
    let out = refused(&dir, &["heropenen", FILE], &["--reden"]);
    assert_eq!(out.code(), Some(2));
    dir.run(["vaststellen", FILE, "--datum", "01-12-2026"])
        .success();
    refused(
        &dir,
        &["vaststellen", FILE, "--datum", "02-12-2026"],
        &["al op 01-12-2026 vastgesteld"],
    );
    refused(
        &dir,
        &[
            "concept",
            FILE,
            "--pdf",
            "nieuw.pdf",
            "--verzonden",
            "02-12-2026",
        ],
        &["definitief vastgesteld", "heropen"],
    );
    refused(
        &dir,
        &["heropenen", FILE, "--reden", ""],
        &["geef een reden"],
    );
}

#[test]
fn vaststellen_is_refused_while_a_conflict_is_open() {
    let dir = demo();
    send_concept(&dir, "03-11-2026").success();
    std::fs::copy(dir.join(FILE), dir.join("b.veldtoets")).unwrap();
    dir.run([
        "oordeel",
        FILE,
        "1.3.1",
        "voldoende",
        "--inspecteur",
        "E. Voorbeeld",
    ])
    .success();
    dir.run([
        "oordeel",
        "b.veldtoets",
        "1.3.1",
        "onvoldoende",
        "--inspecteur",
        "J. Proef",
    ])
    .success();
    dir.run(["merge", "--into", "team.veldtoets", FILE, "b.veldtoets"])
        .success();
    let before = snapshot(&dir);
    let out = dir.run(["vaststellen", "team.veldtoets", "--datum", "01-12-2026"]);
    dutch_failure(&out, &["open conflicten", "1.3.1"]);
    assert_unchanged(&dir, &before, "vaststellen with a conflict");
}

#[test]
fn export_json_has_status_reacties_and_vervolg_beside_every_old_field() {
    let dir = demo();
    let e = export(&dir);
    for field in [
        "formaat",
        "geexporteerd_op",
        "onderzoek",
        "interviews",
        "flitsinterviews",
        "dossiers",
        "termijnen",
        "documenten",
        "wachtlijst",
        "oordelen",
        "conflicten",
        "dubbelen",
        "score",
        "concepten",
    ] {
        assert!(e.get(field).is_some(), "{field} is gone from the export");
    }
    assert_eq!(
        e["status"],
        serde_json::json!({
            "fase": "in_uitvoering",
            "omschrijving": "in uitvoering",
            "concept_verzonden": null,
            "concept_sha256": null,
            "vastgesteld": null,
            "heropend_reden": null,
            "conflict": false,
        })
    );
    assert_eq!(e["reacties"], serde_json::json!([]));
    // The demo's eindoordeel is matig: verbetermaatregelen and voortgang, without dates until
    // the concept is sent and the rapport vastgesteld.
    let vervolg = e["vervolg"].as_array().unwrap();
    let ids: Vec<&str> = vervolg.iter().map(|v| v["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["verbetermaatregelen", "voortgang"]);
    for v in vervolg {
        assert_eq!(v["datum"], Value::Null);
        assert!(v["tekst"].as_str().is_some_and(|t| !t.is_empty()));
        assert!(v["basis"].as_str().is_some_and(|t| t.contains(" na ")));
    }

    // A reactie without --ontvangen is received today; one without a besluit exports null.
    send_concept(&dir, "01-01-2020").success();
    let id = reactie(
        &dir,
        &[
            "--paragraaf",
            "1.1",
            "--soort",
            "aanvulling",
            "--tekst",
            "Aanvulling.",
        ],
    );
    let e = export(&dir);
    let r = &e["reacties"][0];
    assert_eq!(r["id"], id.as_str());
    assert_eq!(r["besluit"], Value::Null);
    assert_eq!(r["van"], "");
    assert_eq!(r["conflict"], false);
    let today = jiff::Zoned::now().date().to_string();
    assert_eq!(r["ontvangen"], today.as_str());
    assert_eq!(e["vervolg"][0]["datum"], "2020-02-12");

    // A concept exported after a reactie has the bijlage, with the open besluit.
    dir.run([
        "export",
        FILE,
        "--pdf",
        "c.pdf",
        "--concept",
        "--datum",
        "02-01-2020",
    ])
    .success();
    let text = pdf_text(&dir.read_bytes("c.pdf"));
    assert_has(&text, "Bijlage 4 – Verwerking hoor en wederhoor");
    assert_has(&text, "nog geen besluit");
    // The definitive rapport before vaststellen is made, with a warning.
    dir.run(["export", FILE, "--pdf", "r.pdf"])
        .success()
        .stderr_contains("let op: het onderzoek is nog niet vastgesteld");
}

/// A concept is not sent while the onderbouwingen name a dossier or a person: the refusal lists
/// each finding and names `veldtoets privacy`; each finding is fixed or kept with a reason, and
/// then the concept goes out.
#[test]
fn a_concept_naming_a_dossier_is_refused_until_each_finding_is_fixed_or_kept() {
    let dir = demo();
    dir.run(["privacy", FILE])
        .success()
        .stdout_contains("geen vondsten");
    let number = export(&dir)["dossiers"][2]["nummer"]
        .as_str()
        .unwrap()
        .to_string();
    let text = format!("In dossier {number} ontbrak het plan; bereikbaar op 06-12345678.");
    dir.run([
        "oordeel",
        FILE,
        "1.3.1",
        "onvoldoende",
        "--onderbouwing",
        &text,
    ])
    .success();
    refused(
        &dir,
        &[
            "concept",
            FILE,
            "--pdf",
            "concept.pdf",
            "--verzonden",
            "03-11-2026",
        ],
        &[
            "2 vondsten",
            &format!("onderbouwing 1.3.1: dossiernummer '{number}'"),
            "onderbouwing 1.3.1: telefoonnummer '06-12345678'",
            "veldtoets privacy",
        ],
    );
    let out = dir.run(["privacy", FILE]);
    let listed = out.success().stdout_lines();
    assert_eq!(
        listed,
        [
            format!("1. onderbouwing 1.3.1: dossiernummer '{number}'"),
            "2. onderbouwing 1.3.1: telefoonnummer '06-12345678'".to_string()
        ]
    );
    refused(
        &dir,
        &["privacy", FILE, "--vrijgeven", "3", "--reden", "x"],
        &["geen vondst met dat nummer"],
    );
    refused(
        &dir,
        &["privacy", FILE, "--vrijgeven", "2", "--reden", " "],
        &["--reden mag niet leeg zijn"],
    );
    dir.run([
        "privacy",
        FILE,
        "--vrijgeven",
        "2",
        "--reden",
        "algemeen nummer van de organisatie",
    ])
    .success();
    // The dossier number is fixed in the text instead.
    dir.run([
        "oordeel",
        FILE,
        "1.3.1",
        "onvoldoende",
        "--onderbouwing",
        "In één dossier ontbrak het plan; bereikbaar op 06-12345678.",
    ])
    .success();
    let out = dir.run(["privacy", FILE]);
    let listed = out.success().stdout_lines();
    assert_eq!(
        listed,
        [
            "1. onderbouwing 1.3.1: telefoonnummer '06-12345678' — vrijgegeven: algemeen nummer van de organisatie"
        ]
    );
    send_concept(&dir, "03-11-2026").success();
    assert_eq!(export(&dir)["status"]["fase"], "concept_verzonden");
}

/// `verbeterpunt` and `rapporttekst`: refused (naming why, the file untouched) for a verwachting
/// that is not onvoldoende, an unknown block and once vastgesteld; written, shown in the rapport
/// (PDF text read back with lopdf) and in `export --json`; an empty text removes them.
#[test]
fn verbeterpunten_samenvatting_and_conclusie_through_the_cli() {
    let dir = demo();
    let e = export(&dir);
    let verbeterpunten = e["verbeterpunten"].as_array().unwrap();
    let ids: Vec<&str> = verbeterpunten
        .iter()
        .map(|v| v["verwachting"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "1.3.2", "1.3.3", "1.5.2", "1.5.3", "1.5.4", "2.1.2", "2.3.2", "4.1.3"
        ]
    );
    assert!(verbeterpunten.iter().all(|v| v["afgeleid"] == true));
    assert_eq!(
        verbeterpunten[0]["tekst"],
        "Een verbeterpunt is dat Veilig Thuis Gelderzoom tenminste vastlegt welke ondersteuning, hulp of behandeling wordt ingezet ten behoeve van de veiligheid."
    );
    assert_eq!(
        e["rapportteksten"],
        serde_json::json!({"samenvatting": null, "conclusie": null})
    );

    refused(
        &dir,
        &["verbeterpunt", FILE, "1.1.1", "--tekst", "Iets."],
        &[
            "verbeterpunt 1.1.1 niet vastgelegd",
            "het oordeel op verwachting 1.1.1 is voldoende",
            "onvoldoende verwachting",
        ],
    );
    refused(
        &dir,
        &["verbeterpunt", FILE, "1.4.4", "--tekst", "Iets."],
        &["alleen geïnventariseerd"],
    );
    refused(
        &dir,
        &["verbeterpunt", FILE, "9.9.9", "--tekst", "Iets."],
        &["'9.9.9' staat niet in het toetsingskader"],
    );
    let out = refused(&dir, &["verbeterpunt", FILE, "1.3.2"], &["--tekst"]);
    assert_eq!(out.code(), Some(2));
    refused(
        &dir,
        &["rapporttekst", FILE, "inleiding", "--tekst", "Iets."],
        &["'inleiding' is geen blok", "samenvatting", "conclusie"],
    );
    // Nothing to remove: nothing written.
    let before = snapshot(&dir);
    dir.run(["rapporttekst", FILE, "conclusie", "--tekst", ""])
        .success()
        .stdout_contains("er is niets geschreven");
    assert_unchanged(&dir, &before, "removing an absent conclusie");

    let verbeterpunt =
        "Een verbeterpunt is dat medewerkers concreet vastleggen welke hulp wordt ingezet.";
    let samenvatting = "De inspecteurs zien een organisatie die zichtbaar in ontwikkeling is.";
    let conclusie = "Veilig Thuis Gelderzoom moet de monitoring binnen zes weken verbeteren.";
    dir.run(["verbeterpunt", FILE, "1.3.2", "--tekst", verbeterpunt])
        .success()
        .stdout_contains("verbeterpunt 1.3.2: vastgelegd door E. Voorbeeld");
    dir.run([
        "rapporttekst",
        FILE,
        "samenvatting",
        "--tekst",
        samenvatting,
        "--inspecteur",
        "J. Proef",
    ])
    .success()
    .stdout_contains("samenvatting: vastgelegd door J. Proef");
    dir.run(["rapporttekst", FILE, "conclusie", "--tekst", conclusie])
        .success();
    // The same text again writes nothing.
    let before = snapshot(&dir);
    dir.run(["verbeterpunt", FILE, "1.3.2", "--tekst", verbeterpunt])
        .success()
        .stdout_contains("er is niets geschreven");
    assert_unchanged(&dir, &before, "the same verbeterpunt again");

    let e = export(&dir);
    assert_eq!(e["verbeterpunten"][0]["tekst"], verbeterpunt);
    assert_eq!(e["verbeterpunten"][0]["afgeleid"], false);
    assert_eq!(e["verbeterpunten"][1]["afgeleid"], true);
    assert_eq!(e["rapportteksten"]["samenvatting"], samenvatting);
    assert_eq!(e["rapportteksten"]["conclusie"], conclusie);

    // In the rapport: the verbeterpunt after the onderbouwing, a derived one as well, the
    // Samenvatting and the Conclusie.
    dir.run([
        "export",
        FILE,
        "--pdf",
        "c.pdf",
        "--concept",
        "--datum",
        "20-10-2026",
    ])
    .success();
    let text = pdf_text(&dir.read_bytes("c.pdf"));
    for phrase in [
        verbeterpunt,
        "Een verbeterpunt is dat Veilig Thuis Gelderzoom tenminste vastlegt wie toeziet op het naleven van de gemaakte afspraken.",
        samenvatting,
        conclusie,
    ] {
        assert_has(&text, phrase);
    }

    // An empty text removes them: the derived verbeterpunt is back, the block is gone.
    dir.run(["verbeterpunt", FILE, "1.3.2", "--tekst", ""])
        .success()
        .stdout_contains("afgeleide verbeterpunt");
    dir.run(["rapporttekst", FILE, "conclusie", "--tekst", " "])
        .success()
        .stdout_contains("verwijderd");
    let e = export(&dir);
    assert_eq!(e["verbeterpunten"][0]["afgeleid"], true);
    assert_eq!(e["rapportteksten"]["conclusie"], Value::Null);
    assert_eq!(e["rapportteksten"]["samenvatting"], samenvatting);

    // Frozen once vastgesteld.
    send_concept(&dir, "03-11-2026").success();
    dir.run(["vaststellen", FILE, "--datum", "01-12-2026"])
        .success();
    refused(
        &dir,
        &["verbeterpunt", FILE, "1.3.2", "--tekst", "Later."],
        &["definitief vastgesteld", "heropenen 'demo.veldtoets'"],
    );
    refused(
        &dir,
        &["rapporttekst", FILE, "samenvatting", "--tekst", ""],
        &["de samenvatting is niet vastgelegd", "heropenen"],
    );
}

/// `vergelijk`: refused before a concept was sent; then the paragraphs that changed since, each
/// with the reacties pointing at it, as text and as JSON; the file only read.
#[test]
fn vergelijk_lists_the_changed_paragraphs_with_their_reacties() {
    let dir = demo();
    refused(
        &dir,
        &["vergelijk", FILE],
        &["nog geen conceptrapport verzonden", "veldtoets concept"],
    );
    send_concept(&dir, "03-11-2026").success();
    let r1 = reactie(
        &dir,
        &[
            "--verwachting",
            "1.3.2",
            "--soort",
            "feitelijk",
            "--tekst",
            "In drie dossiers staat de afspraak wel vastgelegd.",
            "--ontvangen",
            "17-11-2026",
        ],
    );
    let r2 = reactie(
        &dir,
        &[
            "--paragraaf",
            "3.1",
            "--soort",
            "aanvulling",
            "--tekst",
            "De wachtlijst is weggewerkt.",
            "--ontvangen",
            "18-11-2026",
        ],
    );
    dir.run([
        "besluit",
        FILE,
        &r1,
        "overgenomen",
        "--motivering",
        "Aangepast.",
    ])
    .success();
    dir.run([
        "oordeel",
        FILE,
        "1.3.2",
        "onvoldoende",
        "--onderbouwing",
        "In negen van de twaalf dossiers ontbrak wat er wordt ingezet.",
    ])
    .success();

    let before = snapshot(&dir);
    let out = dir.run(["vergelijk", FILE]);
    out.success().stderr_empty();
    assert_unchanged(&dir, &before, "vergelijk only reads");
    let lines = out.stdout_lines();
    assert_eq!(
        lines[0],
        "het conceptrapport zoals verzonden op 03-11-2026 vergeleken met het rapport zoals het nu is (nog niet vastgesteld):"
    );
    for line in [
        "gewijzigd: § 2.1 Inzetten vervolgtrajecten — reactie 1 (feitelijk, overgenomen)",
        "ongewijzigd: § 3.1 Termijnen — reactie 2 (aanvulling, nog geen besluit)",
        "gewijzigd: § 4.3 Vervolg (alleen het verschil tussen concept en definitief rapport)",
        "toegevoegd: § Bijlage 4 – Verwerking hoor en wederhoor",
    ] {
        assert!(lines.contains(&line), "{line:?} missing from {lines:#?}");
    }
    assert!(
        !lines.iter().any(|l| l.contains("§ 2.2")),
        "an untouched paragraph is not listed: {lines:#?}"
    );

    let list = dir.run(["vergelijk", FILE, "--json"]).success().json();
    let changed = list
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["paragraaf"] == "2.1")
        .expect("2.1 in the JSON");
    assert_eq!(
        *changed,
        serde_json::json!({
            "wijziging": "gewijzigd",
            "paragraaf": "2.1",
            "kop": "2.1 Inzetten vervolgtrajecten",
            "reacties": [{
                "nummer": 1,
                "id": r1,
                "soort": "feitelijk",
                "besluit": "overgenomen",
                "betreft": "verwachting 1.3.2",
            }],
            "alleen_vorm": false,
        })
    );
    let unchanged = list
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["paragraaf"] == "3.1")
        .expect("3.1 in the JSON");
    assert_eq!(unchanged["wijziging"], "ongewijzigd");
    assert_eq!(unchanged["reacties"][0]["id"], r2.as_str());
    assert_eq!(unchanged["reacties"][0]["besluit"], Value::Null);
    assert_eq!(list[0]["kop"], "titelpagina");
    assert_eq!(list[0]["paragraaf"], Value::Null);
}
