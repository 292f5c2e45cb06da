//! Validation of kader files (`kader_io::parse`): a minimal valid kader, broken variants derived
//! from it by string replacement, each checked for the problem's message, field and line; the two
//! shipped kaders; and a broken kader through the CLI.

use crate::common;

use common::TestDir;
use veldtoets::domain::{Assessment, Framework};
use veldtoets::kader_io::{self, KaderError, Problem};

/// The smallest kader that uses every part of the format: an inventoried verwachting, a double
/// weight, two variants with their own scale, a voorwaarde, a termijn and all four source kinds.
/// Every string the tests replace occurs exactly once (checked by [`broken`]).
const VALID: &str = r#"formaat = 1
id = "test-kader"
titel = "Testkader"

[[thema]]
id = "1"
titel = "Thema een"

[[thema.criterium]]
id = "1.1"
titel = "Criterium een"

[[thema.criterium.verwachting]]
id = "1.1.1"
tekst = "Verwachting een."

[[thema.criterium.verwachting]]
id = "1.1.2"
tekst = "Verwachting twee."

[[thema.criterium.verwachting]]
id = "1.1.3"
tekst = "Alleen geïnventariseerd."
beoordeling = "inventarisatie"

[[thema]]
id = "2"
titel = "Thema twee"

[[thema.criterium]]
id = "2.1"
titel = "Criterium twee"

[[thema.criterium.verwachting]]
id = "2.1.1"
tekst = "Verwachting met varianten."

[beslisregels]
maat = "aftrekpunten"
aftrek_standaard = 1
standaard_schaal = "standaard"

[[beslisregels.aftrek]]
verwachting = "1.1.1"
punten = 2

[[beslisregels.variant]]
verwachting = "2.1.1"
id = "termijn"
naam = "Termijn gemist"
standaard = true

[[beslisregels.variant]]
verwachting = "2.1.1"
id = "wachtlijst"
naam = "Wachtlijst"
telt_mee = false
schaal = "wachtlijst"

[[beslisregels.schaal]]
id = "standaard"
naam = "Standaard"

[[beslisregels.schaal.band]]
van = 0
tot = 7
eindoordeel = "voldoende"

[[beslisregels.schaal.band]]
van = 8
tot = 11
eindoordeel = "matig"

[[beslisregels.schaal.band]]
van = 12
eindoordeel = "onvoldoende"

[[beslisregels.schaal]]
id = "wachtlijst"
naam = "Wachtlijst"

[[beslisregels.schaal.band]]
van = 0
tot = 7
eindoordeel = "matig"

[[beslisregels.schaal.band]]
van = 8
eindoordeel = "onvoldoende"

[[beslisregels.voorwaarde]]
verwachtingen = ["1.1.1", "1.1.2"]
anders = "matig"

[[termijn]]
id = "triage"
naam = "Triage binnen vijf dagen"
vanaf = "melding_ontvangen"
tot = "triagebesluit"
dagen = 5
verwachtingen = ["2.1.1"]

[[bronnen.rol]]
id = "management"
naam = "Management"

[[bronnen.rol.vraag]]
id = "man-01"
tekst = "Vraag?"
verwachtingen = ["1.1.1"]

[[bronnen.flitsvraag]]
id = "fl-01"
tekst = "Flits?"
verwachtingen = ["1.1.2"]

[[bronnen.dossiervraag]]
id = "dos-01"
tekst = "Dossier?"
verwachtingen = ["2.1.1", "1.1.1"]

[[bronnen.document]]
id = "doc-01"
naam = "Document"
verwachtingen = ["1.1.1", "1.1.3"]
"#;

const STAP2_TEXT: &str = include_str!("../../assets/kaders/vt-2016-stap2.toml");
const STAP1_TEXT: &str = include_str!("../../assets/kaders/vt-2015-stap1.toml");

// ---------------------------------------------------------------------------------------------
// Helpers

/// `text` with the single occurrence of `from` replaced by `to`.
fn replace(text: &str, from: &str, to: &str) -> String {
    let n = text.matches(from).count();
    assert_eq!(
        n, 1,
        "{from:?} occurs {n} times; the test needs it exactly once"
    );
    text.replacen(from, to, 1)
}

/// The valid kader with one replacement.
fn broken(from: &str, to: &str) -> String {
    replace(VALID, from, to)
}

/// 1-based line of the single occurrence of `needle` (its first character).
fn line_of(text: &str, needle: &str) -> usize {
    let n = text.matches(needle).count();
    assert_eq!(n, 1, "{needle:?} occurs {n} times in the kader text");
    let offset = text.find(needle).unwrap();
    text[..offset].matches('\n').count() + 1
}

fn parse(text: &str) -> Result<Framework, KaderError> {
    kader_io::parse(text, "test.toml")
}

/// The error of a kader text that must not validate.
fn errors(text: &str) -> KaderError {
    match parse(text) {
        Ok(f) => panic!(
            "expected the kader to be rejected, but it parsed (id {})",
            f.id
        ),
        Err(e) => {
            assert_eq!(e.file, "test.toml");
            assert!(!e.problems.is_empty(), "an error without problems");
            e
        }
    }
}

/// The one problem of a kader text with exactly one defect.
fn only_problem(text: &str) -> Problem {
    let e = errors(text);
    assert_eq!(e.problems.len(), 1, "expected exactly one problem:\n{e}");
    e.problems.into_iter().next().unwrap()
}

/// The problem reported for `field`.
fn problem_at<'a>(e: &'a KaderError, field: &str) -> &'a Problem {
    e.problems
        .iter()
        .find(|p| p.field == field)
        .unwrap_or_else(|| panic!("no problem for field {field:?}:\n{e}"))
}

/// Asserts field, line and that the message contains every part of `message`.
#[track_caller]
fn check(p: &Problem, field: &str, line: Option<usize>, message: &[&str]) {
    assert_eq!(p.field, field, "field of {p:?}");
    assert_eq!(p.line, line, "line of {p:?}");
    for part in message {
        assert!(
            p.message.contains(part),
            "message {:?} should contain {part:?}",
            p.message
        );
    }
}

/// Problems of a band are located on the band: its `[[beslisregels.schaal.band]]` header or the
/// offending key.
#[track_caller]
fn check_band(p: &Problem, field: &str, header_line: usize, key_line: usize, message: &[&str]) {
    assert_eq!(p.field, field, "field of {p:?}");
    assert!(
        p.line == Some(header_line) || p.line == Some(key_line),
        "line of {p:?}: expected the band header (regel {header_line}) or the key (regel {key_line})"
    );
    for part in message {
        assert!(
            p.message.contains(part),
            "message {:?} should contain {part:?}",
            p.message
        );
    }
}

const BAND: &str = "[[beslisregels.schaal.band]]\n";

// ---------------------------------------------------------------------------------------------
// The minimal kader and the shipped ones

#[test]
fn minimal_kader_is_valid() {
    let f = parse(VALID).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(f.id, "test-kader");
    assert_eq!(f.title, "Testkader");
    let ids: Vec<&str> = f
        .expectations()
        .iter()
        .map(|e| e.expectation.id.as_str())
        .collect();
    assert_eq!(ids, ["1.1.1", "1.1.2", "1.1.3", "2.1.1"]);
    assert_eq!(f.judged_count(), 3);
    assert_eq!(
        f.expectation(f.index_of("1.1.3").unwrap()).assessment,
        Assessment::Inventoried
    );
    assert_eq!(f.deduction(f.index_of("1.1.1").unwrap()), 2);
    assert_eq!(f.deduction(f.index_of("1.1.2").unwrap()), 1);
    let e211 = f.index_of("2.1.1").unwrap();
    let variants: Vec<&str> = f.variants_of(e211).map(|(_, v)| v.id.as_str()).collect();
    assert_eq!(variants, ["termijn", "wachtlijst"]);
    assert_eq!(
        f.rules.variants[f.default_variant(e211).unwrap()].id,
        "termijn"
    );
    assert_eq!(f.rules.scales.len(), 2);
    assert_eq!(f.rules.conditions.len(), 1);
    assert_eq!(f.deadlines.len(), 1);
    assert_eq!(f.sources.roles.len(), 1);
    assert_eq!(f.source_text, VALID);
}

#[test]
fn inventoried_verwachting_needs_no_source() {
    let text = broken(
        r#"verwachtingen = ["1.1.1", "1.1.3"]"#,
        r#"verwachtingen = ["1.1.1"]"#,
    );
    parse(&text).unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn shipped_stap2_parses_with_expected_structure() {
    let f = kader_io::parse(STAP2_TEXT, "vt-2016-stap2.toml").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(f.id, "vt-2016-stap2");
    assert_eq!(f.title, "Toetsingskader Veilig Thuis 2016, stap 2");
    assert_eq!(f.expectations().len(), 31);
    assert_eq!(f.judged_count(), 30);
    let not_scored: Vec<(&str, Assessment)> = f
        .expectations()
        .iter()
        .filter(|e| !e.expectation.assessment.is_scored())
        .map(|e| (e.expectation.id.as_str(), e.expectation.assessment))
        .collect();
    assert_eq!(not_scored, [("1.4.4", Assessment::Inventoried)]);
    let criteria: usize = f.themes.iter().map(|t| t.criteria.len()).sum();
    assert_eq!(criteria, 11);
    assert_eq!(f.themes.len(), 4);
    assert_eq!(f.sources.roles.len(), 6);
    let e131 = f.index_of("1.3.1").unwrap();
    assert_eq!(
        f.expectation(e131).text,
        "Veilig Thuis draagt zorg voor het opstellen van een veiligheidsplan in alle meldingen waar sprake is van onveiligheid."
    );
    let e211 = f.index_of("2.1.1").unwrap();
    let variants: Vec<&str> = f.variants_of(e211).map(|(_, v)| v.id.as_str()).collect();
    assert!(
        variants.contains(&"wachtlijst") && variants.contains(&"termijn"),
        "{variants:?}"
    );
    assert_eq!(
        f.rules.variants[f.default_variant(e211).unwrap()].id,
        "termijn"
    );
}

#[test]
fn shipped_stap1_parses_with_expected_structure() {
    let f = kader_io::parse(STAP1_TEXT, "vt-2015-stap1.toml").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(f.id, "vt-2015-stap1");
    assert_eq!(f.title, "Toetsingskader Veilig Thuis 2015, stap 1");
    assert_eq!(f.expectations().len(), 25);
    assert_eq!(f.judged_count(), 24);
    let not_scored: Vec<(&str, Assessment)> = f
        .expectations()
        .iter()
        .filter(|e| !e.expectation.assessment.is_scored())
        .map(|e| (e.expectation.id.as_str(), e.expectation.assessment))
        .collect();
    assert_eq!(not_scored, [("3.1.1", Assessment::NotAssessed)]);
}

#[test]
fn builtin_kaders_are_the_shipped_files() {
    assert_eq!(
        kader_io::builtin_ids(),
        [
            "vt-2016-stap2",
            "vt-2015-stap1",
            "vt-2024-tijdigheid",
            "vng-2016-risicoscan"
        ]
    );
    assert_eq!(
        kader_io::builtin("vt-2016-stap2").unwrap().source_text,
        STAP2_TEXT
    );
    assert_eq!(
        kader_io::builtin("vt-2015-stap1").unwrap().source_text,
        STAP1_TEXT
    );
    assert_eq!(
        kader_io::builtin("vt-2024-tijdigheid").unwrap().source_text,
        include_str!("../../assets/kaders/vt-2024-tijdigheid.toml")
    );
    assert_eq!(
        kader_io::builtin("vng-2016-risicoscan")
            .unwrap()
            .source_text,
        include_str!("../../assets/kaders/vng-2016-risicoscan.toml")
    );
    assert!(kader_io::builtin("geen-kader").is_none());
}

// ---------------------------------------------------------------------------------------------
// formaat and TOML-level errors

#[test]
fn newer_formaat_asks_for_a_newer_veldtoets() {
    let text = broken("formaat = 1", "formaat = 2");
    let p = only_problem(&text);
    check(
        &p,
        "formaat",
        Some(1),
        &["formaat 2", "nieuwer", "installeer een nieuwere veldtoets"],
    );
}

#[test]
fn unknown_older_formaat() {
    let p = only_problem(&broken("formaat = 1", "formaat = 0"));
    check(
        &p,
        "formaat",
        Some(1),
        &["formaat 0", "bestaat niet", "formaat = 1"],
    );
}

#[test]
fn toml_syntax_error_has_a_line() {
    let text = broken(r#"titel = "Thema twee""#, r#"titel = "Thema twee"#);
    let p = only_problem(&text);
    check(&p, "", Some(line_of(&text, "titel = \"Thema twee\n")), &[]);
    assert!(!p.message.is_empty());

    let text = broken(
        "[[thema.criterium]]\nid = \"2.1\"",
        "[[thema.criterium]\nid = \"2.1\"",
    );
    let p = only_problem(&text);
    check(&p, "", Some(line_of(&text, "[[thema.criterium]\n")), &[]);
}

#[test]
fn unknown_key_is_reported_with_its_line() {
    let text = broken(
        r#"tekst = "Verwachting twee.""#,
        r#"tekts = "Verwachting twee.""#,
    );
    let p = only_problem(&text);
    check(
        &p,
        "thema[1].criterium[1].verwachting[2].tekts",
        Some(line_of(&text, "tekts")),
        &["tekts", "tekst"],
    );

    // Also inside a band (a spanned table) and at the top level.
    let text = broken(
        "van = 12\neindoordeel = \"onvoldoende\"",
        "van = 12\neindoordel = \"onvoldoende\"",
    );
    let p = only_problem(&text);
    check(
        &p,
        "beslisregels.schaal[1].band[3].eindoordel",
        Some(line_of(&text, "eindoordel ")),
        &["eindoordel"],
    );

    let text = broken(
        "titel = \"Testkader\"\n",
        "titel = \"Testkader\"\ntitle = \"Test\"\n",
    );
    let p = only_problem(&text);
    check(&p, "title", Some(line_of(&text, "title =")), &["title"]);
}

#[test]
fn missing_required_key_is_reported() {
    let text = broken("titel = \"Thema twee\"\n", "");
    let p = only_problem(&text);
    assert!(p.message.contains("titel"), "{p:?}");
    assert!(p.line.is_some(), "{p:?}");
}

#[test]
fn wrong_value_type_is_reported_with_its_line() {
    let text = broken("van = 12\n", "van = \"twaalf\"\n");
    let p = only_problem(&text);
    check(
        &p,
        "beslisregels.schaal[1].band[3].van",
        Some(line_of(&text, "van = \"twaalf\"")),
        &["twaalf"],
    );
}

// ---------------------------------------------------------------------------------------------
// Ids

#[test]
fn duplicate_verwachting_id() {
    let extra = "[[thema.criterium.verwachting]]\nid = \"1.1.1\"\ntekst = \"Nog een keer.\"\n\n";
    let text = broken(
        "[[thema.criterium.verwachting]]\nid = \"1.1.3\"",
        &format!("{extra}[[thema.criterium.verwachting]]\nid = \"1.1.3\""),
    );
    let p = only_problem(&text);
    check(
        &p,
        "thema[1].criterium[1].verwachting[3].id",
        Some(line_of(&text, "id = \"1.1.1\"\ntekst = \"Nog een keer.\"")),
        &["dubbele id '1.1.1'"],
    );
}

#[test]
fn duplicate_criterium_id() {
    let extra = "[[thema.criterium]]\nid = \"1.1\"\ntitel = \"Nog een keer\"\n\n[[thema.criterium.verwachting]]\nid = \"1.1.9\"\ntekst = \"Extra.\"\nbeoordeling = \"inventarisatie\"\n\n";
    let text = broken(
        "[[thema]]\nid = \"2\"",
        &format!("{extra}[[thema]]\nid = \"2\""),
    );
    let p = only_problem(&text);
    check(
        &p,
        "thema[1].criterium[2].id",
        Some(line_of(&text, "id = \"1.1\"\ntitel = \"Nog een keer\"")),
        &["dubbele id '1.1'"],
    );
}

#[test]
fn criterium_id_must_extend_its_thema_id() {
    // A criterium "2.2" (with a consistent verwachting "2.2.1") placed under thema 1.
    let extra = "[[thema.criterium]]\nid = \"2.2\"\ntitel = \"Verkeerd genummerd\"\n\n[[thema.criterium.verwachting]]\nid = \"2.2.1\"\ntekst = \"Extra.\"\nbeoordeling = \"inventarisatie\"\n\n";
    let text = broken(
        "[[thema]]\nid = \"2\"",
        &format!("{extra}[[thema]]\nid = \"2\""),
    );
    let p = only_problem(&text);
    check(
        &p,
        "thema[1].criterium[2].id",
        Some(line_of(&text, "id = \"2.2\"")),
        &["'2.2'", "'1.'"],
    );
}

#[test]
fn verwachting_id_must_extend_its_criterium_id() {
    let extra = "[[thema.criterium.verwachting]]\nid = \"1.2.9\"\ntekst = \"Extra.\"\nbeoordeling = \"inventarisatie\"\n\n";
    let text = broken(
        "[[thema]]\nid = \"2\"",
        &format!("{extra}[[thema]]\nid = \"2\""),
    );
    let p = only_problem(&text);
    check(
        &p,
        "thema[1].criterium[1].verwachting[4].id",
        Some(line_of(&text, "id = \"1.2.9\"")),
        &["'1.2.9'", "'1.1.'"],
    );
}

#[test]
fn kader_id_must_be_a_slug() {
    let text = broken("id = \"test-kader\"", "id = \"Test Kader\"");
    let p = only_problem(&text);
    check(&p, "id", Some(2), &["'Test Kader'"]);
}

#[test]
fn source_ids_are_unique_over_all_source_kinds() {
    let text = broken("id = \"fl-01\"", "id = \"man-01\"");
    let p = only_problem(&text);
    check(
        &p,
        "bronnen.flitsvraag[1].id",
        Some(line_of(&text, "id = \"man-01\"\ntekst = \"Flits?\"")),
        &["dubbele id 'man-01'"],
    );
}

#[test]
fn unknown_beoordeling() {
    let text = broken(
        "beoordeling = \"inventarisatie\"",
        "beoordeling = \"misschien\"",
    );
    let e = errors(&text);
    let p = problem_at(&e, "thema[1].criterium[1].verwachting[3].beoordeling");
    check(
        p,
        "thema[1].criterium[1].verwachting[3].beoordeling",
        Some(line_of(&text, "beoordeling = \"misschien\"")),
        &["'misschien'"],
    );
}

// ---------------------------------------------------------------------------------------------
// References to verwachtingen

#[test]
fn rules_naming_an_unknown_verwachting() {
    // (what, from, to, field of the problem, text on the problem's line)
    let cases = [
        (
            "aftrek",
            r#"verwachting = "1.1.1""#,
            r#"verwachting = "9.9.9""#,
            "beslisregels.aftrek[1].verwachting",
        ),
        (
            "variant",
            "verwachting = \"2.1.1\"\nid = \"wachtlijst\"",
            "verwachting = \"9.9.9\"\nid = \"wachtlijst\"",
            "beslisregels.variant[2].verwachting",
        ),
        (
            "voorwaarde",
            r#"verwachtingen = ["1.1.1", "1.1.2"]"#,
            r#"verwachtingen = ["1.1.1", "9.9.9"]"#,
            "beslisregels.voorwaarde[1].verwachtingen[2]",
        ),
        (
            "termijn",
            r#"verwachtingen = ["2.1.1"]"#,
            r#"verwachtingen = ["9.9.9"]"#,
            "termijn[1].verwachtingen[1]",
        ),
        (
            "interviewvraag",
            r#"verwachtingen = ["1.1.1"]"#,
            r#"verwachtingen = ["1.1.1", "9.9.9"]"#,
            "bronnen.rol[1].vraag[1].verwachtingen[2]",
        ),
        (
            "flitsvraag",
            r#"verwachtingen = ["1.1.2"]"#,
            r#"verwachtingen = ["1.1.2", "9.9.9"]"#,
            "bronnen.flitsvraag[1].verwachtingen[2]",
        ),
        (
            "dossiervraag",
            r#"verwachtingen = ["2.1.1", "1.1.1"]"#,
            r#"verwachtingen = ["2.1.1", "9.9.9", "1.1.1"]"#,
            "bronnen.dossiervraag[1].verwachtingen[2]",
        ),
        (
            "document",
            r#"verwachtingen = ["1.1.1", "1.1.3"]"#,
            r#"verwachtingen = ["9.9.9", "1.1.1", "1.1.3"]"#,
            "bronnen.document[1].verwachtingen[1]",
        ),
    ];
    for (what, from, to, field) in cases {
        let text = broken(from, to);
        let e = errors(&text);
        assert_eq!(e.problems.len(), 1, "{what}: expected one problem:\n{e}");
        let p = &e.problems[0];
        let line = line_of(&text, to.lines().next().unwrap());
        assert_eq!(p.field, field, "{what}: {p:?}");
        assert_eq!(p.line, Some(line), "{what}: {p:?}");
        assert!(
            p.message.contains("onbekende verwachting '9.9.9'"),
            "{what}: {p:?}"
        );
    }
}

#[test]
fn rules_cannot_work_on_a_verwachting_that_is_not_scored() {
    let text = broken(r#"verwachting = "1.1.1""#, r#"verwachting = "1.1.3""#);
    let p = only_problem(&text);
    check(
        &p,
        "beslisregels.aftrek[1].verwachting",
        Some(line_of(&text, r#"verwachting = "1.1.3""#)),
        &["'1.1.3'", "niet beoordeeld"],
    );

    let text = broken(
        r#"verwachtingen = ["1.1.1", "1.1.2"]"#,
        r#"verwachtingen = ["1.1.1", "1.1.3"]"#,
    );
    let p = only_problem(&text);
    check(
        &p,
        "beslisregels.voorwaarde[1].verwachtingen[2]",
        Some(line_of(
            &text,
            "verwachtingen = [\"1.1.1\", \"1.1.3\"]\nanders",
        )),
        &["'1.1.3'"],
    );
}

#[test]
fn scored_verwachting_without_any_source() {
    let text = broken(r#"verwachtingen = ["1.1.2"]"#, "verwachtingen = []");
    let p = only_problem(&text);
    assert_eq!(p.field, "bronnen", "{p:?}");
    assert!(
        p.message.contains("verwachting 1.1.2") && p.message.contains("geen enkele bron"),
        "{p:?}"
    );
}

// ---------------------------------------------------------------------------------------------
// Variants

#[test]
fn two_standaard_variants() {
    let text = broken("telt_mee = false", "standaard = true\ntelt_mee = false");
    let p = only_problem(&text);
    assert_eq!(p.field, "beslisregels.variant", "{p:?}");
    assert!(
        p.message.contains("2.1.1") && p.message.contains("2 varianten met standaard = true"),
        "{p:?}"
    );
}

#[test]
fn no_standaard_variant() {
    let text = broken("standaard = true\n", "");
    let p = only_problem(&text);
    assert_eq!(p.field, "beslisregels.variant", "{p:?}");
    assert!(
        p.message.contains("2.1.1") && p.message.contains("0 varianten met standaard = true"),
        "{p:?}"
    );
}

#[test]
fn duplicate_variant_id() {
    let text = broken(
        "id = \"wachtlijst\"\nnaam = \"Wachtlijst\"\ntelt_mee",
        "id = \"termijn\"\nnaam = \"Wachtlijst\"\ntelt_mee",
    );
    let p = only_problem(&text);
    check(
        &p,
        "beslisregels.variant[2].id",
        Some(line_of(&text, "id = \"termijn\"\nnaam = \"Wachtlijst\"")),
        &["dubbele variant 'termijn'", "2.1.1"],
    );
}

#[test]
fn variant_with_unknown_schaal() {
    let text = broken("schaal = \"wachtlijst\"", "schaal = \"wachtrij\"");
    let p = only_problem(&text);
    check(
        &p,
        "beslisregels.variant[2].schaal",
        Some(line_of(&text, "schaal = \"wachtrij\"")),
        &["onbekende schaal 'wachtrij'"],
    );
}

// ---------------------------------------------------------------------------------------------
// Scales and bands

#[test]
fn threshold_gap() {
    let text = broken("van = 8\ntot = 11", "van = 9\ntot = 11");
    let e = errors(&text);
    let p = problem_at(&e, "beslisregels.schaal[1].band[2].van");
    check_band(
        p,
        "beslisregels.schaal[1].band[2].van",
        line_of(&text, &format!("{BAND}van = 9")),
        line_of(&text, "van = 9"),
        &["gat in de schaal", "8 tot en met 8"],
    );
}

#[test]
fn threshold_gap_at_the_start() {
    let text = broken(
        "van = 0\ntot = 7\neindoordeel = \"voldoende\"",
        "van = 1\ntot = 7\neindoordeel = \"voldoende\"",
    );
    let e = errors(&text);
    let p = problem_at(&e, "beslisregels.schaal[1].band[1].van");
    check_band(
        p,
        "beslisregels.schaal[1].band[1].van",
        line_of(&text, &format!("{BAND}van = 1\n")),
        line_of(&text, "van = 1\n"),
        &["gat in de schaal", "0 tot en met 0"],
    );
}

#[test]
fn threshold_overlap() {
    let text = broken("van = 8\ntot = 11", "van = 7\ntot = 11");
    let e = errors(&text);
    let p = problem_at(&e, "beslisregels.schaal[1].band[2].van");
    check_band(
        p,
        "beslisregels.schaal[1].band[2].van",
        line_of(&text, &format!("{BAND}van = 7\ntot = 11")),
        line_of(&text, "van = 7\ntot = 11"),
        &["overlap in de schaal", "7"],
    );
}

#[test]
fn last_band_must_be_open() {
    let text = broken("van = 12\neindoordeel", "van = 12\ntot = 20\neindoordeel");
    let e = errors(&text);
    let p = problem_at(&e, "beslisregels.schaal[1].band[3].tot");
    check_band(
        p,
        "beslisregels.schaal[1].band[3].tot",
        line_of(&text, &format!("{BAND}van = 12")),
        line_of(&text, "tot = 20"),
        &["laatste band", "'tot'"],
    );
}

#[test]
fn only_the_last_band_may_be_open() {
    let text = broken("van = 8\ntot = 11\n", "van = 8\n");
    let e = errors(&text);
    let p = problem_at(&e, "beslisregels.schaal[1].band[2].tot");
    check_band(
        p,
        "beslisregels.schaal[1].band[2].tot",
        line_of(&text, &format!("{BAND}van = 8\neindoordeel = \"matig\"")),
        line_of(&text, "van = 8\neindoordeel = \"matig\""),
        &["alleen de laatste band"],
    );
}

#[test]
fn band_tot_before_van() {
    let text = broken("van = 8\ntot = 11", "van = 8\ntot = 6");
    let e = errors(&text);
    let p = problem_at(&e, "beslisregels.schaal[1].band[2].tot");
    check_band(
        p,
        "beslisregels.schaal[1].band[2].tot",
        line_of(&text, &format!("{BAND}van = 8\ntot = 6")),
        line_of(&text, "tot = 6"),
        &["tot (6)", "van (8)"],
    );
}

#[test]
fn non_monotone_scale() {
    // 8–11 aftrekpunten onvoldoende, 12 or more matig: a worse result gives a better verdict.
    let text = broken(
        "tot = 11\neindoordeel = \"matig\"",
        "tot = 11\neindoordeel = \"onvoldoende\"",
    );
    let text = replace(
        &text,
        "van = 12\neindoordeel = \"onvoldoende\"",
        "van = 12\neindoordeel = \"matig\"",
    );
    let e = errors(&text);
    let p = problem_at(&e, "beslisregels.schaal[1].band[3].eindoordeel");
    check_band(
        p,
        "beslisregels.schaal[1].band[3].eindoordeel",
        line_of(&text, &format!("{BAND}van = 12")),
        line_of(&text, "van = 12\neindoordeel = \"matig\"") + 1,
        &[
            "slechter resultaat",
            "beter eindoordeel",
            "matig na onvoldoende",
        ],
    );
}

#[test]
fn monotonicity_depends_on_the_maat() {
    // Counting verwachtingen voldoende, more is better: the aftrekpunten scales are backwards.
    let text = broken("maat = \"aftrekpunten\"", "maat = \"voldoende\"");
    let e = errors(&text);
    for field in [
        "beslisregels.schaal[1].band[2].eindoordeel",
        "beslisregels.schaal[2].band[2].eindoordeel",
    ] {
        let p = problem_at(&e, field);
        assert!(p.message.contains("beter eindoordeel"), "{p:?}");
        assert!(p.line.is_some(), "{p:?}");
    }
}

#[test]
fn alternative_scale_better_than_standard() {
    // The wachtlijst scale says matig at 12 or more aftrekpunten, where the standard says
    // onvoldoende: failing 2.1.1 with a wachtlijst would improve the eindoordeel.
    let text = broken(
        "van = 8\neindoordeel = \"onvoldoende\"",
        "van = 8\neindoordeel = \"matig\"",
    );
    let p = only_problem(&text);
    assert_eq!(p.field, "beslisregels.schaal[2]", "{p:?}");
    for part in [
        "'wachtlijst'",
        "12 aftrekpunten",
        "beter eindoordeel",
        "'standaard'",
    ] {
        assert!(p.message.contains(part), "{part:?} in {p:?}");
    }
}

#[test]
fn alternative_scale_equal_to_standard_is_allowed() {
    let text = broken(
        "tot = 7\neindoordeel = \"matig\"",
        "tot = 7\neindoordeel = \"voldoende\"",
    );
    let text = replace(
        &text,
        "van = 8\neindoordeel = \"onvoldoende\"",
        "van = 8\ntot = 11\neindoordeel = \"matig\"\n\n[[beslisregels.schaal.band]]\nvan = 12\neindoordeel = \"onvoldoende\"\n# einde",
    );
    parse(&text).unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn unknown_eindoordeel_in_voorwaarde() {
    let text = broken("anders = \"matig\"", "anders = \"goed\"");
    let p = only_problem(&text);
    check(
        &p,
        "beslisregels.voorwaarde[1].anders",
        Some(line_of(&text, "anders = \"goed\"")),
        &[
            "onbekend eindoordeel 'goed'",
            "voldoende, matig of onvoldoende",
        ],
    );
}

#[test]
fn unknown_eindoordeel_in_band() {
    let text = broken(
        "tot = 11\neindoordeel = \"matig\"",
        "tot = 11\neindoordeel = \"redelijk\"",
    );
    let e = errors(&text);
    let p = problem_at(&e, "beslisregels.schaal[1].band[2].eindoordeel");
    check(
        p,
        "beslisregels.schaal[1].band[2].eindoordeel",
        Some(line_of(&text, "eindoordeel = \"redelijk\"")),
        &["onbekend eindoordeel 'redelijk'"],
    );
}

#[test]
fn unknown_maat() {
    let text = broken("maat = \"aftrekpunten\"", "maat = \"punten\"");
    let p = only_problem(&text);
    check(
        &p,
        "beslisregels.maat",
        Some(line_of(&text, "maat = \"punten\"")),
        &[
            "onbekende maat 'punten'",
            "kies aftrekpunten, voldoende of keuze",
        ],
    );
}

#[test]
fn a_scale_measure_without_standaard_schaal_is_refused() {
    for maat in ["aftrekpunten", "voldoende"] {
        let text = broken("standaard_schaal = \"standaard\"\n", "");
        let text = replace(
            &text,
            "maat = \"aftrekpunten\"",
            &format!("maat = \"{maat}\""),
        );
        let e = errors(&text);
        let p = problem_at(&e, "beslisregels.standaard_schaal");
        check(
            p,
            "beslisregels.standaard_schaal",
            Some(line_of(&text, &format!("maat = \"{maat}\""))),
            &["ontbreekt", "noem de schaal"],
        );
    }
}

#[test]
fn unknown_standaard_schaal() {
    let text = broken(
        "standaard_schaal = \"standaard\"",
        "standaard_schaal = \"normaal\"",
    );
    let p = only_problem(&text);
    check(
        &p,
        "beslisregels.standaard_schaal",
        Some(line_of(&text, "standaard_schaal = \"normaal\"")),
        &["onbekende schaal 'normaal'"],
    );
}

// ---------------------------------------------------------------------------------------------
// Termijnen

#[test]
fn unknown_dossier_date_kind_in_termijn() {
    let text = broken("vanaf = \"melding_ontvangen\"", "vanaf = \"melding\"");
    let p = only_problem(&text);
    check(
        &p,
        "termijn[1].vanaf",
        Some(line_of(&text, "vanaf = \"melding\"")),
        &[
            "onbekende dossierdatum 'melding'",
            "melding_ontvangen",
            "triagebesluit",
            "start_onderzoek",
            "afronding_onderzoek",
            "vervolgtraject_ingezet",
        ],
    );
}

#[test]
fn termijn_from_equals_to() {
    let text = broken("tot = \"triagebesluit\"", "tot = \"melding_ontvangen\"");
    let p = only_problem(&text);
    check(
        &p,
        "termijn[1].tot",
        Some(line_of(&text, "tot = \"melding_ontvangen\"")),
        &[],
    );
}

#[test]
fn termijn_without_length() {
    let text = broken("dagen = 5\n", "");
    let p = only_problem(&text);
    check(
        &p,
        "termijn[1]",
        Some(line_of(&text, "id = \"triage\"")),
        &["dagen"],
    );
}

#[test]
fn termijn_unknown_eenheid() {
    let text = broken("dagen = 5\n", "dagen = 5\neenheid = \"schooldagen\"\n");
    let p = only_problem(&text);
    check(
        &p,
        "termijn[1].eenheid",
        Some(line_of(&text, "eenheid = \"schooldagen\"")),
        &["'schooldagen'", "kalenderdagen", "werkdagen"],
    );
}

// ---------------------------------------------------------------------------------------------
// Several problems, Display, CLI

#[test]
fn all_problems_are_reported_in_one_pass() {
    let text = broken(r#"verwachting = "1.1.1""#, r#"verwachting = "9.9.9""#);
    let text = replace(
        &text,
        "vanaf = \"melding_ontvangen\"",
        "vanaf = \"melding\"",
    );
    let text = replace(&text, "anders = \"matig\"", "anders = \"goed\"");
    let text = replace(&text, r#"verwachtingen = ["1.1.2"]"#, "verwachtingen = []");
    let e = errors(&text);
    assert_eq!(e.problems.len(), 4, "{e}");
    problem_at(&e, "beslisregels.aftrek[1].verwachting");
    problem_at(&e, "termijn[1].vanaf");
    problem_at(&e, "beslisregels.voorwaarde[1].anders");
    problem_at(&e, "bronnen");
}

#[test]
fn display_names_file_line_and_field() {
    let text = broken(r#"verwachting = "1.1.1""#, r#"verwachting = "9.9.9""#);
    let e = errors(&text);
    let line = line_of(&text, r#"verwachting = "9.9.9""#);
    let shown = e.to_string();
    for part in [
        "test.toml".to_string(),
        format!("regel {line}"),
        "beslisregels.aftrek[1].verwachting".to_string(),
        "onbekende verwachting '9.9.9'".to_string(),
    ] {
        assert!(shown.contains(&part), "{part:?} in {shown:?}");
    }
    // A TOML-level problem has a line but no field.
    let e = errors(&broken("formaat = 1", "formaat = [1"));
    let shown = e.to_string();
    assert!(
        shown.contains("test.toml") && shown.contains("regel "),
        "{shown}"
    );
}

#[test]
fn cli_score_with_broken_kader_names_file_and_problem() {
    let dir = TestDir::new();
    let text = broken(r#"verwachting = "1.1.1""#, r#"verwachting = "9.9.9""#);
    let line = line_of(&text, r#"verwachting = "9.9.9""#);
    dir.write("broken.toml", &text);
    dir.write("j.json", r#"{"1.1.1": "voldoende"}"#);
    let out = dir.run(["score", "--kader", "broken.toml", "j.json"]);
    out.failure()
        .stdout_empty()
        .stderr_contains("broken.toml")
        .stderr_contains(&format!("regel {line}"))
        .stderr_contains("beslisregels.aftrek[1].verwachting")
        .stderr_contains("9.9.9");

    // The valid kader through the same path scores.
    dir.write("goed.toml", VALID);
    dir.write(
        "j.json",
        r#"{"1.1.1": "voldoende", "1.1.2": "voldoende", "2.1.1": "onvoldoende:wachtlijst"}"#,
    );
    let out = dir.run(["score", "--kader", "goed.toml", "j.json"]);
    out.success();
    let v = out.json();
    assert_eq!(v["kader"], "test-kader");
    assert_eq!(v["eindoordeel"], "matig", "{out}");
    assert_eq!(v["compleet"], true);
}

#[test]
fn cli_score_with_newer_formaat_says_to_upgrade() {
    let dir = TestDir::new();
    dir.write("nieuw.toml", broken("formaat = 1", "formaat = 2"));
    dir.write("j.json", "{}");
    let out = dir.run(["score", "--kader", "nieuw.toml", "j.json"]);
    out.failure()
        .stderr_contains("nieuw.toml")
        .stderr_contains("installeer een nieuwere veldtoets");
}

// ---------------------------------------------------------------------------------------------
// Regression tests for bugs found while writing these tests

#[test]
fn broken_scale_is_not_also_reported_as_unknown() {
    let cases = [
        ("van = 8\ntot = 11", "van = 9\ntot = 11"),
        ("van = 8\ntot = 11", "van = 7\ntot = 11"),
        ("van = 12\neindoordeel", "van = 12\ntot = 20\neindoordeel"),
        (
            "tot = 11\neindoordeel = \"matig\"",
            "tot = 11\neindoordeel = \"redelijk\"",
        ),
        // In the wachtlijst scale: the variant then reports 'onbekende schaal wachtlijst'.
        (
            "van = 8\neindoordeel = \"onvoldoende\"",
            "van = 9\neindoordeel = \"onvoldoende\"",
        ),
    ];
    for (from, to) in cases {
        let e = errors(&broken(from, to));
        assert!(
            !e.problems
                .iter()
                .any(|p| p.message.contains("onbekende schaal")),
            "{to:?}: a follow-up 'onbekende schaal' problem:\n{e}"
        );
        assert_eq!(e.problems.len(), 1, "{to:?}:\n{e}");
    }
}

#[test]
fn located_problems_name_a_line() {
    for text in [
        broken("telt_mee = false", "standaard = true\ntelt_mee = false"),
        broken("standaard = true\n", ""),
        broken(
            "van = 8\neindoordeel = \"onvoldoende\"",
            "van = 8\neindoordeel = \"matig\"",
        ),
        broken(r#"verwachtingen = ["1.1.2"]"#, "verwachtingen = []"),
    ] {
        let p = only_problem(&text);
        assert!(p.line.is_some(), "no line: {p:?}");
    }
}

#[test]
fn huge_band_bound_does_not_panic() {
    let text = broken(
        "van = 12\neindoordeel = \"onvoldoende\"",
        "van = 12\ntot = 4294967294\neindoordeel = \"onvoldoende\"\n\n[[beslisregels.schaal.band]]\nvan = 4294967295\neindoordeel = \"onvoldoende\"",
    );
    // Either outcome is acceptable; panicking is not.
    let _ = parse(&text);
}

// ---------------------------------------------------------------------------------------------
// Bounded numbers (issue 9, item 8): no weight or band limit can make a sum wrap around

use veldtoets::domain::kader::{MAX_BAND_LIMIT, MAX_DEADLINE_DAYS, MAX_EXPECTATIONS, MAX_POINTS};

/// The kader of the issue: `punten = 4294967295` made two failed verwachtingen wrap around to
/// a few aftrekpunten and score voldoende. It is refused, naming file, line and field.
#[test]
fn the_wrapping_kader_is_refused_with_file_line_and_field() {
    let text = broken("punten = 2", "punten = 4294967295");
    let e = errors(&text);
    assert_eq!(e.problems.len(), 1, "{e}");
    let p = &e.problems[0];
    check(
        p,
        "beslisregels.aftrek[1].punten",
        Some(line_of(&text, "punten = 4294967295")),
        &["4294967295", "te groot", &MAX_POINTS.to_string()],
    );
    let shown = e.to_string();
    for part in [
        "test.toml".to_string(),
        format!("regel {}", line_of(&text, "punten = 4294967295")),
        "veld beslisregels.aftrek[1].punten".to_string(),
    ] {
        assert!(shown.contains(&part), "{part:?} in {shown:?}");
    }
}

#[test]
fn cli_score_refuses_the_wrapping_kader() {
    let dir = TestDir::new();
    let text = broken("punten = 2", "punten = 4294967295");
    let line = line_of(&text, "punten = 4294967295");
    dir.write("wrap.toml", &text);
    dir.write(
        "j.json",
        r#"{"1.1.1": "onvoldoende", "1.1.2": "onvoldoende", "2.1.1": "voldoende"}"#,
    );
    dir.run(["score", "--kader", "wrap.toml", "j.json"])
        .failure()
        .stdout_empty()
        .stderr_contains("wrap.toml")
        .stderr_contains(&format!("regel {line}"))
        .stderr_contains("beslisregels.aftrek[1].punten");
}

#[test]
fn points_at_the_bound_are_accepted_and_above_refused() {
    let at = broken("punten = 2", &format!("punten = {MAX_POINTS}"));
    let f = parse(&at).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(f.deduction(0), MAX_POINTS);

    let over = broken("punten = 2", &format!("punten = {}", MAX_POINTS + 1));
    check(
        &only_problem(&over),
        "beslisregels.aftrek[1].punten",
        Some(line_of(&over, &format!("punten = {}", MAX_POINTS + 1))),
        &["te groot"],
    );

    let negative = broken("punten = 2", "punten = -2");
    check(
        &only_problem(&negative),
        "beslisregels.aftrek[1].punten",
        Some(line_of(&negative, "punten = -2")),
        &["-2", "negatief"],
    );

    // Even beyond 64 bits? TOML itself refuses that; the line is still named.
    let huge = broken("punten = 2", "punten = 99999999999999999999");
    let p = only_problem(&huge);
    assert_eq!(p.line, Some(line_of(&huge, "punten = 9999")), "{p:?}");
}

#[test]
fn aftrek_standaard_is_bounded() {
    let text = broken("aftrek_standaard = 1", "aftrek_standaard = 4294967295");
    check(
        &only_problem(&text),
        "beslisregels.aftrek_standaard",
        Some(line_of(&text, "aftrek_standaard = 4294967295")),
        &["4294967295", &MAX_POINTS.to_string()],
    );
    // Left out, it is 1.
    let f = parse(&broken("aftrek_standaard = 1\n", "")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(f.rules.default_deduction, 1);
}

#[test]
fn band_limits_are_bounded() {
    let over = MAX_BAND_LIMIT + 1;
    let text = broken("tot = 11", &format!("tot = {over}"));
    check(
        &only_problem(&text),
        "beslisregels.schaal[1].band[2].tot",
        Some(line_of(&text, &format!("tot = {over}"))),
        &[&over.to_string(), "te groot", &MAX_BAND_LIMIT.to_string()],
    );
    let text = broken("van = 8\ntot = 11", &format!("van = {over}\ntot = 11"));
    let e = errors(&text);
    let p = problem_at(&e, "beslisregels.schaal[1].band[2].van");
    check(
        p,
        "beslisregels.schaal[1].band[2].van",
        Some(line_of(&text, &format!("van = {over}"))),
        &["te groot"],
    );
    let text = broken("van = 12\n", "van = -12\n");
    check(
        &only_problem(&text),
        "beslisregels.schaal[1].band[3].van",
        Some(line_of(&text, "van = -12")),
        &["negatief"],
    );

    // A scale reaching the bound exactly is fine.
    let text = broken("tot = 11", &format!("tot = {}", MAX_BAND_LIMIT - 1));
    let text = replace(
        &text,
        "van = 12\neindoordeel = \"onvoldoende\"",
        &format!("van = {MAX_BAND_LIMIT}\neindoordeel = \"onvoldoende\""),
    );
    let f = parse(&text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(f.rules.scales[0].bands[2].from, MAX_BAND_LIMIT);
}

#[test]
fn the_bounds_keep_every_sum_far_from_overflow() {
    let largest_sum = MAX_EXPECTATIONS as u64 * u64::from(MAX_POINTS);
    assert!(largest_sum <= u64::from(MAX_BAND_LIMIT));
    assert!(largest_sum * 1000 < u64::from(u32::MAX), "{largest_sum}");
    assert!(u64::from(MAX_BAND_LIMIT) * 1000 < u64::from(u32::MAX));
}

#[test]
fn termijn_length_is_bounded() {
    let text = broken("dagen = 5", "dagen = 4294967295");
    check(
        &only_problem(&text),
        "termijn[1].dagen",
        Some(line_of(&text, "dagen = 4294967295")),
        &["te groot", &MAX_DEADLINE_DAYS.to_string()],
    );
    // `7 * weken` used to overflow (a panic in a debug build).
    let text = broken("dagen = 5", "dagen = 5\nweken = 700000000");
    check(
        &only_problem(&text),
        "termijn[1].weken",
        Some(line_of(&text, "weken = 700000000")),
        &["te groot"],
    );
    // Each within bounds, together too long.
    let text = broken("dagen = 5", "dagen = 3000\nweken = 500");
    check(
        &only_problem(&text),
        "termijn[1].weken",
        Some(line_of(&text, "weken = 500")),
        &["6500 dagen", &MAX_DEADLINE_DAYS.to_string()],
    );
    let text = broken("dagen = 5", "dagen = -5");
    check(
        &only_problem(&text),
        "termijn[1].dagen",
        Some(line_of(&text, "dagen = -5")),
        &["negatief"],
    );
    let f =
        parse(&broken("dagen = 5", "dagen = 10\nweken = 520")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(f.deadlines[0].days, 10 + 7 * 520);
}

/// The valid kader with `extra` inventoried verwachtingen in a new criterium 2.2.
fn with_extra_expectations(extra: usize) -> String {
    let mut block = String::from("\n[[thema.criterium]]\nid = \"2.2\"\ntitel = \"Veel\"\n");
    for i in 1..=extra {
        block.push_str(&format!(
            "\n[[thema.criterium.verwachting]]\nid = \"2.2.{i}\"\ntekst = \"Extra {i}.\"\nbeoordeling = \"inventarisatie\"\n"
        ));
    }
    broken(
        "tekst = \"Verwachting met varianten.\"\n",
        &format!("tekst = \"Verwachting met varianten.\"\n{block}"),
    )
}

#[test]
fn the_number_of_verwachtingen_is_bounded() {
    // VALID has 4 verwachtingen.
    let at = with_extra_expectations(MAX_EXPECTATIONS - 4);
    let f = parse(&at).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(f.expectations().len(), MAX_EXPECTATIONS);

    let over = with_extra_expectations(MAX_EXPECTATIONS - 3);
    let first_too_many = MAX_EXPECTATIONS - 3;
    let p = only_problem(&over);
    check(
        &p,
        &format!("thema[2].criterium[2].verwachting[{first_too_many}].id"),
        Some(line_of(&over, &format!("id = \"2.2.{first_too_many}\""))),
        &[&MAX_EXPECTATIONS.to_string()],
    );
}

// ---------------------------------------------------------------------------------------------
// Vervolg

const VERVOLG: &str = "\n[[vervolg]]\nid = \"verbetermaatregelen\"\ntekst = \"Verbeteren.\"\nna = \"concept_verzonden\"\nweken = 6\neindoordelen = [\"matig\", \"onvoldoende\"]\n";

#[test]
fn shipped_stap2_has_the_vervolg_of_its_rapport() {
    let f = parse(STAP2_TEXT).unwrap();
    let steps: Vec<(&str, u32, u32, usize)> = f
        .follow_ups
        .iter()
        .map(|v| (v.id.as_str(), v.weeks, v.months, v.verdicts.len()))
        .collect();
    assert_eq!(
        steps,
        [
            ("verbetermaatregelen", 6, 0, 2),
            ("voortgang", 0, 6, 1),
            ("hertoets", 0, 6, 1)
        ]
    );
}

#[test]
fn vervolg_is_validated() {
    let valid = format!("{VALID}{VERVOLG}");
    let f = parse(&valid).unwrap();
    assert_eq!(f.follow_ups.len(), 1);
    assert_eq!(
        f.follow_ups[0].basis(),
        "zes weken na verzending van het conceptrapport"
    );
    for (from, to, field, words) in [
        (
            "na = \"concept_verzonden\"",
            "na = \"morgen\"",
            "vervolg[1].na",
            &[
                "onbekend beginpunt 'morgen'",
                "concept_verzonden of vastgesteld",
            ][..],
        ),
        (
            "weken = 6\n",
            "",
            "vervolg[1]",
            &["weken óf in maanden"][..],
        ),
        (
            "weken = 6\n",
            "weken = 6\nmaanden = 2\n",
            "vervolg[1]",
            &["weken óf in maanden"][..],
        ),
        (
            "weken = 6\n",
            "weken = 0\n",
            "vervolg[1]",
            &["weken óf in maanden"][..],
        ),
        (
            "weken = 6\n",
            "maanden = 25\n",
            "vervolg[1].maanden",
            &["25 is te groot"][..],
        ),
        (
            "\"matig\", \"onvoldoende\"",
            "\"slecht\"",
            "vervolg[1].eindoordelen[1]",
            &["slecht"][..],
        ),
        (
            "tekst = \"Verbeteren.\"",
            "tekst = \" \"",
            "vervolg[1].tekst",
            &["niet leeg"][..],
        ),
    ] {
        let text = replace(&valid, from, to);
        let e = errors(&text);
        let p = problem_at(&e, field);
        for w in words {
            assert!(
                p.message.contains(w),
                "{field}: {:?} should contain {w:?}",
                p.message
            );
        }
    }
    let twice = format!("{valid}{VERVOLG}");
    let e = errors(&twice);
    problem_at(&e, "vervolg[2].id");
}

// ---------------------------------------------------------------------------------------------
// Criterion oordelen

const SCALE: &str = "\n[[criteriumoordeel]]\ncode = \"V\"\nnaam = \"voldoende\"\n\n[[criteriumoordeel]]\ncode = \"M\"\nnaam = \"matig\"\n\n[[criteriumoordeel]]\ncode = \"O\"\nnaam = \"onvoldoende\"\n";

#[test]
fn shipped_stap1_has_the_criterion_scale_of_seed_003() {
    let f = parse(STAP1_TEXT).unwrap();
    let scale: Vec<(&str, &str)> = f
        .criterion_scale
        .iter()
        .map(|l| (l.code.as_str(), l.name.as_str()))
        .collect();
    assert_eq!(
        scale,
        [("V", "voldoende"), ("M", "matig"), ("O", "onvoldoende")]
    );
    assert_eq!(
        f.criterion_level("m").map(|l| l.name.as_str()),
        Some("matig")
    );
    // Stap 2 has none: unchanged.
    assert!(!parse(STAP2_TEXT).unwrap().has_criterion_oordelen());
    assert!(!parse(VALID).unwrap().has_criterion_oordelen());
}

#[test]
fn the_criterion_scale_is_validated() {
    let valid = format!("{VALID}{SCALE}");
    assert_eq!(parse(&valid).unwrap().criterion_scale.len(), 3);
    for (from, to, field, words) in [
        (
            "code = \"M\"",
            "code = \"V\"",
            "criteriumoordeel[2].code",
            &["'V'", "al eerder"][..],
        ),
        (
            "code = \"M\"",
            "code = \"matig\"",
            "criteriumoordeel[2].code",
            &["hoofdletters"][..],
        ),
        (
            "code = \"M\"",
            "code = \"\"",
            "criteriumoordeel[2].code",
            &["hoofdletters"][..],
        ),
        (
            "naam = \"matig\"",
            "naam = \" \"",
            "criteriumoordeel[2].naam",
            &["niet leeg"][..],
        ),
    ] {
        let text = replace(&valid, from, to);
        let e = errors(&text);
        let p = problem_at(&e, field);
        for w in words {
            assert!(
                p.message.contains(w),
                "{field}: {:?} should contain {w:?}",
                p.message
            );
        }
    }
    // One level is no scale.
    let one = format!("{VALID}\n[[criteriumoordeel]]\ncode = \"V\"\nnaam = \"voldoende\"\n");
    let e = errors(&one);
    assert!(
        problem_at(&e, "criteriumoordeel")
            .message
            .contains("minstens twee")
    );
}

// ---------------------------------------------------------------------------------------------
// Norms, zero-day and backwards terms

const NORM: &str = "\n[[norm]]\ntermijn = \"triage\"\nminimaal = 80\nregel = \"Minimaal 80% binnen de termijn.\"\n";

#[test]
fn a_norm_ties_a_termijn_share_to_its_verwachtingen() {
    let valid = format!("{VALID}{NORM}");
    let f = parse(&valid).unwrap();
    assert_eq!(f.norms.len(), 1);
    assert_eq!(f.norms[0].deadline(), Some("triage"));
    assert_eq!(f.norms[0].min_percent, 80);
    // Without `verwachtingen`, the termijn's own.
    assert_eq!(f.norms[0].expectations, ["2.1.1"]);
    for (from, to, field, words) in [
        (
            "termijn = \"triage\"",
            "termijn = \"triagge\"",
            "norm[1].termijn",
            &["onbekende termijn 'triagge'", "kies triage"][..],
        ),
        (
            "minimaal = 80",
            "minimaal = 120",
            "norm[1].minimaal",
            &["120"][..],
        ),
        (
            "minimaal = 80",
            "minimaal = 0",
            "norm[1].minimaal",
            &["0%"][..],
        ),
        (
            "minimaal = 80\n",
            "minimaal = 80\nverwachtingen = [\"9.9.9\"]\n",
            "norm[1].verwachtingen[1]",
            &["9.9.9"][..],
        ),
    ] {
        let text = replace(&valid, from, to);
        let e = errors(&text);
        let p = problem_at(&e, field);
        for w in words {
            assert!(
                p.message.contains(w),
                "{field}: {:?} should contain {w:?}",
                p.message
            );
        }
    }
}

#[test]
fn a_zero_day_term_is_direct_na_and_a_backwards_term_is_refused() {
    // "Direct na": zero days, written explicitly.
    let zero = broken("dagen = 5\n", "dagen = 0\n");
    let f = parse(&zero).unwrap();
    assert_eq!(f.deadlines[0].days, 0);
    // A term from the triage back to the melding runs backwards.
    let text = broken(
        "vanaf = \"melding_ontvangen\"\ntot = \"triagebesluit\"",
        "vanaf = \"triagebesluit\"\ntot = \"melding_ontvangen\"",
    );
    let p = only_problem(&text);
    check(
        &p,
        "termijn[1].tot",
        Some(line_of(&text, "tot = \"melding_ontvangen\"")),
        &["loopt terug", "draai vanaf en tot om"],
    );
}

#[test]
fn the_wachtlijst_contact_term_is_bounded() {
    let with = |days: &str| format!("{VALID}\n[wachtlijst]\ncontact_binnen_dagen = {days}\n");
    assert_eq!(parse(&with("30")).unwrap().contact_days, Some(30));
    assert_eq!(parse(VALID).unwrap().contact_days, None);
    for (days, words) in [("0", "0 dagen"), ("400", "400")] {
        let e = errors(&with(days));
        let p = problem_at(&e, "wachtlijst.contact_binnen_dagen");
        assert!(p.message.contains(words), "{:?}", p.message);
    }
}

// ---------------------------------------------------------------------------------------------
// Dossier dates declared by the kader, alternative stop dates, optional terms

/// The dates of seed 004: a veiligheidsbeoordeling within five days, then an onderzoek or
/// Voorwaarden & Vervolg started directly after it ("direct na": zero days), whichever comes.
const DATES_2024: &str = r#"
[[datum]]
id = "melding_ontvangen"
naam = "melding ontvangen"

[[datum]]
id = "veiligheidsbeoordeling"
naam = "veiligheidsbeoordeling"

[[datum]]
id = "start_onderzoek"
naam = "start onderzoek"

[[datum]]
id = "start_vv"
naam = "start Voorwaarden & Vervolg"
na = ["veiligheidsbeoordeling"]

[[datum]]
id = "afronding_onderzoek"
naam = "afronding onderzoek"
na = ["start_onderzoek"]
"#;

/// VALID with the 2024 dates and terms over them instead of its single triage term.
fn with_declared_dates() -> String {
    let terms = r#"[[termijn]]
id = "veiligheidsbeoordeling"
naam = "Veiligheidsbeoordeling binnen vijf dagen"
vanaf = "melding_ontvangen"
tot = "veiligheidsbeoordeling"
dagen = 5
verwachtingen = ["2.1.1"]

[[termijn]]
id = "start_vervolg"
naam = "Direct na de veiligheidsbeoordeling een onderzoek of V&V gestart"
vanaf = "veiligheidsbeoordeling"
tot = ["start_onderzoek", "start_vv"]
dagen = 0
verwachtingen = ["2.1.1"]

[[termijn]]
id = "afronding_onderzoek"
naam = "Onderzoek binnen tien weken afgerond"
vanaf = "start_onderzoek"
tot = "afronding_onderzoek"
weken = 10
optioneel = true
verwachtingen = ["2.1.1"]
"#;
    let old = "[[termijn]]\nid = \"triage\"\nnaam = \"Triage binnen vijf dagen\"\nvanaf = \"melding_ontvangen\"\ntot = \"triagebesluit\"\ndagen = 5\nverwachtingen = [\"2.1.1\"]\n";
    let text = replace(VALID, old, &format!("{DATES_2024}\n{terms}"));
    assert!(text.contains("[[datum]]"));
    text
}

#[test]
fn a_kader_declares_its_own_dossier_dates_and_terms_over_them() {
    let f = parse(&with_declared_dates()).unwrap();
    let ids: Vec<&str> = f.dates.iter().map(|k| k.as_str()).collect();
    assert_eq!(
        ids,
        [
            "melding_ontvangen",
            "veiligheidsbeoordeling",
            "start_onderzoek",
            "start_vv",
            "afronding_onderzoek"
        ]
    );
    assert_eq!(f.dates[3].label(), "start Voorwaarden & Vervolg");
    let start = &f.deadlines[1];
    assert_eq!(start.days, 0);
    assert_eq!(start.to.as_str(), "start_onderzoek");
    assert_eq!(start.also_to.len(), 1);
    assert_eq!(
        start.stop_label(),
        "start onderzoek of start Voorwaarden & Vervolg"
    );
    assert!(f.deadlines[2].optional && !start.optional);
    // The order rules: the melding first, each term forward, and the `na` of a date.
    let rules: Vec<(&str, &str)> = f
        .date_rules
        .iter()
        .map(|r| (r.earlier.as_str(), r.later.as_str()))
        .collect();
    for rule in [
        ("melding_ontvangen", "afronding_onderzoek"),
        ("veiligheidsbeoordeling", "start_vv"),
        ("start_onderzoek", "afronding_onderzoek"),
    ] {
        assert!(rules.contains(&rule), "{rule:?} in {rules:?}");
    }
    // Without [[datum]], the five dates of the Veilig Thuis kaders.
    let builtin = parse(VALID).unwrap();
    assert_eq!(builtin.dates, veldtoets::domain::DateKind::BUILTIN);
}

#[test]
fn declared_dates_and_terms_over_them_are_validated() {
    let valid = with_declared_dates();
    for (from, to, field, words) in [
        (
            "id = \"start_vv\"",
            "id = \"Start VV\"",
            "datum[4].id",
            &["'Start VV' is geen geldige id", "kleine letters"][..],
        ),
        (
            "id = \"start_vv\"",
            "id = \"start_onderzoek\"",
            "datum[4].id",
            &["dubbele id 'start_onderzoek'"][..],
        ),
        (
            "id = \"start_vv\"",
            "id = \"notitie\"",
            "datum[4].id",
            &["'notitie' is al de naam", "kies een andere id"][..],
        ),
        (
            "naam = \"start Voorwaarden & Vervolg\"",
            "naam = \" \"",
            "datum[4].naam",
            &["mag niet leeg zijn"][..],
        ),
        (
            "na = [\"start_onderzoek\"]",
            "na = [\"afronding_vv\"]",
            "datum[5].na[1]",
            &["onbekende dossierdatum 'afronding_vv'"][..],
        ),
        (
            "na = [\"veiligheidsbeoordeling\"]",
            "na = [\"afronding_onderzoek\"]",
            "datum[4].na[1]",
            &["staat niet vóór 'start_vv'", "volgorde van een zaak"][..],
        ),
        (
            "tot = [\"start_onderzoek\", \"start_vv\"]",
            "tot = [\"start_onderzoek\", \"triagebesluit\"]",
            "termijn[2].tot",
            &[
                "onbekende dossierdatum 'triagebesluit'",
                "veiligheidsbeoordeling",
                "[[datum]]",
            ][..],
        ),
        (
            "tot = [\"start_onderzoek\", \"start_vv\"]",
            "tot = [\"start_onderzoek\", \"melding_ontvangen\"]",
            "termijn[2].tot",
            &["loopt terug"][..],
        ),
        (
            "tot = [\"start_onderzoek\", \"start_vv\"]",
            "tot = [\"start_vv\", \"start_vv\"]",
            "termijn[2].tot",
            &["twee keer"][..],
        ),
        (
            "tot = [\"start_onderzoek\", \"start_vv\"]",
            "tot = []",
            "termijn[2].tot",
            &["ten minste één datum"][..],
        ),
    ] {
        let text = replace(&valid, from, to);
        let e = errors(&text);
        let p = problem_at(&e, field);
        for w in words {
            assert!(
                p.message.contains(w),
                "{field}: {:?} should contain {w:?}",
                p.message
            );
        }
        assert!(p.line.is_some(), "{p:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// Eindoordelen declared by the kader

const FOUR_LABELS: &str = r#"
[[eindoordeel]]
id = "goed"
naam = "goed"

[[eindoordeel]]
id = "voldoende"
naam = "voldoende"

[[eindoordeel]]
id = "matig"
naam = "matig"

[[eindoordeel]]
id = "onvoldoende"
naam = "onvoldoende"
"#;

/// VALID with four eindoordelen of its own; the first band of the standard scale is split so
/// that 0 aftrekpunten is "goed".
fn with_four_labels() -> String {
    let text = replace(
        VALID,
        "[[beslisregels.schaal.band]]\nvan = 0\ntot = 7\neindoordeel = \"voldoende\"",
        "[[beslisregels.schaal.band]]\nvan = 0\ntot = 0\neindoordeel = \"goed\"\n\n[[beslisregels.schaal.band]]\nvan = 1\ntot = 7\neindoordeel = \"voldoende\"",
    );
    format!("{text}{FOUR_LABELS}")
}

#[test]
fn a_kader_declares_its_own_eindoordelen_best_first() {
    use veldtoets::domain::{JudgementSet, score};
    let f = parse(&with_four_labels()).unwrap();
    let labels: Vec<&str> = f.verdicts.iter().map(|v| v.label()).collect();
    assert_eq!(labels, ["goed", "voldoende", "matig", "onvoldoende"]);
    assert!(f.verdicts.windows(2).all(|w| w[0] < w[1]), "best first");
    assert_eq!(f.verdicts[0].rank(), (0, 4));
    // Nothing failed: goed; 2.1.1 failed (1 aftrekpunt, outside the voorwaarde): voldoende.
    let all_met = [
        ("1.1.1", "voldoende"),
        ("1.1.2", "voldoende"),
        ("2.1.1", "voldoende"),
    ];
    let judgements = JudgementSet::from_texts(&f, all_met).unwrap();
    assert_eq!(score(&f, &judgements).verdict.as_str(), "goed");
    let one_failed = [
        ("1.1.1", "voldoende"),
        ("1.1.2", "voldoende"),
        ("2.1.1", "onvoldoende"),
    ];
    let judgements = JudgementSet::from_texts(&f, one_failed).unwrap();
    assert_eq!(score(&f, &judgements).verdict.label(), "voldoende");
    // Without [[eindoordeel]]: voldoende, matig, onvoldoende.
    assert_eq!(
        parse(VALID).unwrap().verdicts,
        veldtoets::domain::Verdict::BUILTIN
    );
}

#[test]
fn declared_eindoordelen_are_validated() {
    let valid = with_four_labels();
    // A band naming a label the kader does not have lists the kader's own.
    let text = replace(
        &valid,
        "eindoordeel = \"goed\"",
        "eindoordeel = \"uitstekend\"",
    );
    let e = errors(&text);
    let p = problem_at(&e, "beslisregels.schaal[1].band[1].eindoordeel");
    assert!(
        p.message.contains(
            "onbekend eindoordeel 'uitstekend'; kies goed, voldoende, matig of onvoldoende"
        ),
        "{p:?}"
    );
    for (from, to, field, words) in [
        (
            "id = \"goed\"",
            "id = \"Goed!\"",
            "eindoordeel[1].id",
            &["geen geldige id"][..],
        ),
        (
            "id = \"matig\"\nnaam",
            "id = \"goed\"\nnaam",
            "eindoordeel[3].id",
            &["dubbele id 'goed'"][..],
        ),
        (
            "naam = \"goed\"",
            "naam = \"\"",
            "eindoordeel[1].naam",
            &["mag niet leeg zijn"][..],
        ),
    ] {
        let text = replace(&valid, from, to);
        let e = errors(&text);
        let p = problem_at(&e, field);
        for w in words {
            assert!(
                p.message.contains(w),
                "{field}: {:?} should contain {w:?}",
                p.message
            );
        }
    }
    // A single eindoordeel is no scale.
    let one = format!("{VALID}\n[[eindoordeel]]\nid = \"klaar\"\nnaam = \"klaar\"\n");
    let e = errors(&one);
    let p = problem_at(&e, "eindoordeel");
    assert!(p.message.contains("2 tot en met 10"), "{p:?}");
}

#[test]
fn a_norm_on_zicht_op_veiligheid_names_its_verwachtingen() {
    use veldtoets::domain::kader::NormFigure;
    let norm = "\n[[norm]]\ncijfer = \"zicht_op_veiligheid\"\nminimaal = 80\nverwachtingen = [\"1.1.2\"]\n";
    let f = parse(&format!("{VALID}{norm}")).unwrap();
    assert_eq!(f.norms[0].figure, NormFigure::InSight);
    assert_eq!(f.norms[0].deadline(), None);
    assert_eq!(f.norms[0].expectations, ["1.1.2"]);
    for (text, field, words) in [
        (
            norm.replace("zicht_op_veiligheid", "wachttijd"),
            "norm[1].cijfer",
            &["onbekend cijfer 'wachttijd'", "zicht_op_veiligheid"][..],
        ),
        (
            norm.replace("verwachtingen = [\"1.1.2\"]\n", ""),
            "norm[1].verwachtingen",
            &["minstens één"][..],
        ),
        (
            norm.replace(
                "cijfer = \"zicht_op_veiligheid\"\n",
                "cijfer = \"zicht_op_veiligheid\"\ntermijn = \"triage\"\n",
            ),
            "norm[1]",
            &["termijn of cijfer, niet beide"][..],
        ),
        (
            norm.replace("cijfer = \"zicht_op_veiligheid\"\n", ""),
            "norm[1]",
            &["geef termijn"][..],
        ),
    ] {
        let e = errors(&format!("{VALID}{text}"));
        let p = problem_at(&e, field);
        for w in words {
            assert!(
                p.message.contains(w),
                "{field}: {:?} should contain {w:?}",
                p.message
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// maat = "keuze" and kerngegevens (seed 001: the risicoscan)

/// The smallest kader whose eindoordeel is chosen: one inventoried verwachting, two eindoordelen
/// with an omschrijving (one empty), a beslisregels with only maat and toelichting, and three
/// kerngegevens, one of each soort. No bronnen: an inventoried verwachting needs none.
const KEUZE: &str = r#"formaat = 1
id = "keuze-kader"
titel = "Keuzekader"

[[thema]]
id = "1"
titel = "Thema een"

[[thema.criterium]]
id = "1.1"
titel = "Topic 1"

[[thema.criterium.verwachting]]
id = "1.1.1"
tekst = "Toelichting bij topic 1."
beoordeling = "inventarisatie"

[[eindoordeel]]
id = "op_orde"
naam = "Op orde"
omschrijving = "Alles op orde."

[[eindoordeel]]
id = "niet_op_orde"
naam = "Niet op orde"

[beslisregels]
maat = "keuze"
toelichting = "De analist kiest."

[[kerngegeven]]
id = "budget"
naam = "Budget"
soort = "bedrag"
periode = "2016"
groep = "Financiën"

[[kerngegeven]]
id = "meldingen"
naam = "Aantal meldingen"
soort = "aantal"
periode = "januari t/m maart 2016"

[[kerngegeven]]
id = "formatie"
naam = "Formatie"
soort = "fte"
eenheid = "fte (vast)"
"#;

/// KEUZE with one replacement.
fn keuze(from: &str, to: &str) -> String {
    replace(KEUZE, from, to)
}

#[test]
fn a_keuze_kader_with_only_inventoried_verwachtingen_is_accepted() {
    use veldtoets::domain::kader::Measure;
    use veldtoets::domain::kerndata::KeyFigureKind;
    let f = parse(KEUZE).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(f.rules.measure, Measure::Choice);
    assert!(f.rules.scales.is_empty());
    assert_eq!(f.judged_count(), 0);
    assert_eq!(f.rules.explanation, "De analist kiest.");
    let verdicts: Vec<(&str, &str, &str)> = f
        .verdicts
        .iter()
        .map(|v| (v.as_str(), v.label(), f.verdict_description(*v)))
        .collect();
    assert_eq!(
        verdicts,
        [
            ("op_orde", "Op orde", "Alles op orde."),
            ("niet_op_orde", "Niet op orde", ""),
        ]
    );
    // Units default per soort; an eenheid of the kader wins.
    let figures: Vec<(&str, KeyFigureKind, &str, &str, &str)> = f
        .key_figures
        .iter()
        .map(|k| {
            (
                k.id.as_str(),
                k.kind,
                k.unit.as_str(),
                k.period.as_str(),
                k.group.as_str(),
            )
        })
        .collect();
    assert_eq!(
        figures,
        [
            ("budget", KeyFigureKind::Bedrag, "euro", "2016", "Financiën"),
            (
                "meldingen",
                KeyFigureKind::Aantal,
                "",
                "januari t/m maart 2016",
                ""
            ),
            ("formatie", KeyFigureKind::Fte, "fte (vast)", "", ""),
        ]
    );
    // The same verwachtingen under a computed measure: nothing would be scored.
    let text = keuze("maat = \"keuze\"", "maat = \"voldoende\"");
    let e = errors(&text);
    problem_at(&e, "thema");
    problem_at(&e, "beslisregels.standaard_schaal");
}

#[test]
fn kerngegevens_and_omschrijvingen_are_allowed_in_a_computed_kader() {
    let extra = "\n[[kerngegeven]]\nid = \"fte\"\nnaam = \"Formatie\"\nsoort = \"fte\"\n\n[[eindoordeel]]\nid = \"voldoende\"\nnaam = \"voldoende\"\nomschrijving = \"Goed genoeg.\"\n\n[[eindoordeel]]\nid = \"matig\"\nnaam = \"matig\"\n\n[[eindoordeel]]\nid = \"onvoldoende\"\nnaam = \"onvoldoende\"\n";
    let f = parse(&format!("{VALID}{extra}")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(f.key_figures.len(), 1);
    assert_eq!(f.key_figures[0].unit, "fte");
    assert_eq!(f.verdict_description(f.verdicts[0]), "Goed genoeg.");
    assert_eq!(f.verdict_description(f.verdicts[2]), "");
}

#[test]
fn a_keuze_kader_refuses_scales_deductions_variants_and_conditions() {
    let after = "toelichting = \"De analist kiest.\"\n";
    let cases: [(&str, &str, &str); 6] = [
        (
            "standaard_schaal = \"standaard\"\n",
            "beslisregels.standaard_schaal",
            "standaard_schaal = \"standaard\"",
        ),
        (
            "aftrek_standaard = 1\n",
            "beslisregels.aftrek_standaard",
            "aftrek_standaard = 1",
        ),
        (
            "\n[[beslisregels.schaal]]\nid = \"standaard\"\nnaam = \"Standaard\"\n\n[[beslisregels.schaal.band]]\nvan = 0\neindoordeel = \"op_orde\"\n",
            "beslisregels.schaal",
            "id = \"standaard\"",
        ),
        (
            "\n[[beslisregels.aftrek]]\nverwachting = \"1.1.1\"\npunten = 2\n",
            "beslisregels.aftrek",
            "verwachting = \"1.1.1\"",
        ),
        (
            "\n[[beslisregels.variant]]\nverwachting = \"1.1.1\"\nid = \"termijn\"\nnaam = \"Termijn gemist\"\nstandaard = true\n",
            "beslisregels.variant",
            "id = \"termijn\"",
        ),
        (
            "\n[[beslisregels.voorwaarde]]\nthema = \"1\"\nanders = \"niet_op_orde\"\n",
            "beslisregels.voorwaarde",
            "anders = \"niet_op_orde\"",
        ),
    ];
    for (extra, field, at) in cases {
        let text = keuze(after, &format!("{after}{extra}"));
        let p = only_problem(&text);
        check(
            &p,
            field,
            Some(line_of(&text, at)),
            &[
                "bij maat = \"keuze\" kiest de inspecteur het eindoordeel",
                "laat dit weg of kies maat aftrekpunten of voldoende",
            ],
        );
    }
    // Every one of them at once: each is named.
    let all: String = cases.iter().map(|(extra, _, _)| *extra).collect();
    let e = errors(&keuze(after, &format!("{after}{all}")));
    assert_eq!(e.problems.len(), cases.len(), "{e}");
    for (_, field, _) in cases {
        problem_at(&e, field);
    }
}

#[test]
fn kerngegevens_are_validated() {
    let cases: [(&str, &str, &str, &str, &[&str]); 6] = [
        (
            "soort = \"aantal\"",
            "soort = \"percentage\"",
            "kerngegeven[2].soort",
            "soort = \"percentage\"",
            &["onbekende soort 'percentage'", "kies aantal, bedrag of fte"],
        ),
        (
            "id = \"budget\"",
            "id = \"Budget-2016\"",
            "kerngegeven[1].id",
            "id = \"Budget-2016\"",
            &[
                "'Budget-2016' is geen geldige id",
                "kleine letters, cijfers en _",
            ],
        ),
        (
            "id = \"formatie\"",
            "id = \"budget\"",
            "kerngegeven[3].id",
            "id = \"budget\"\nnaam = \"Formatie\"",
            &["dubbele id 'budget'"],
        ),
        (
            "id = \"meldingen\"",
            "id = \"\"",
            "kerngegeven[2].id",
            "id = \"\"",
            &["mag niet leeg zijn"],
        ),
        (
            "naam = \"Budget\"",
            "naam = \" \"",
            "kerngegeven[1].naam",
            "naam = \" \"",
            &["mag niet leeg zijn"],
        ),
        (
            "naam = \"Formatie\"",
            "naam = \"\"",
            "kerngegeven[3].naam",
            "naam = \"\"",
            &["mag niet leeg zijn", "zeg wat er gevraagd wordt"],
        ),
    ];
    for (from, to, field, at, message) in cases {
        let text = keuze(from, to);
        let p = only_problem(&text);
        check(&p, field, Some(line_of(&text, at)), message);
    }
}

/// The format allows at most 100 kerngegevens (`MAX_KEY_FIGURES` in the validator; the bound is
/// in FORMAT.md).
#[test]
fn the_number_of_kerngegevens_is_bounded() {
    const MAX_KEY_FIGURES: usize = 100;
    let with = |n: usize| {
        let mut text = String::from(VALID);
        for i in 1..=n {
            text.push_str(&format!(
                "\n[[kerngegeven]]\nid = \"k{i}\"\nnaam = \"Kerngegeven {i}\"\nsoort = \"aantal\"\n"
            ));
        }
        text
    };
    let f = parse(&with(MAX_KEY_FIGURES)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(f.key_figures.len(), MAX_KEY_FIGURES);
    let over = with(MAX_KEY_FIGURES + 1);
    let p = only_problem(&over);
    check(
        &p,
        "kerngegeven",
        Some(line_of(
            &over,
            &format!("id = \"k{}\"", MAX_KEY_FIGURES + 1),
        )),
        &["101 kerngegevens", "ten hoogste 100"],
    );
}

#[test]
fn shipped_risicoscan_is_a_keuze_kader_with_kerndata() {
    use veldtoets::domain::kader::Measure;
    let text = include_str!("../../assets/kaders/vng-2016-risicoscan.toml");
    let f = kader_io::parse(text, "vng-2016-risicoscan.toml").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(f.rules.measure, Measure::Choice);
    assert_eq!(f.expectations().len(), 13);
    assert!(
        f.expectations()
            .iter()
            .all(|e| e.expectation.assessment == Assessment::Inventoried)
    );
    assert_eq!(f.verdicts.len(), 3);
    assert!(
        f.verdicts
            .iter()
            .all(|v| !f.verdict_description(*v).is_empty())
    );
    assert_eq!(f.key_figures.len(), 7);
}
