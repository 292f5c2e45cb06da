//! Every class of bad input, fed through the real binary, gets a Dutch message: no English text
//! of a library (serde, toml, serde_json, clap, the OS) reaches the user, the exit code is
//! non-zero, and the message names the file and, where there is one, the line and the field,
//! counted from 1 as people count.

use crate::common;

use common::{Output, TestDir, dutch_failure, shipped_kader};

/// 1-based line of the single occurrence of `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    assert_eq!(
        text.matches(needle).count(),
        1,
        "{needle:?} must occur once"
    );
    text[..text.find(needle).unwrap()].matches('\n').count() + 1
}

/// The shipped stap-2 kader with `from` (occurring once) replaced by `to`.
fn kader_with(from: &str, to: &str) -> String {
    let text = shipped_kader("vt-2016-stap2");
    assert_eq!(text.matches(from).count(), 1, "{from:?} must occur once");
    text.replacen(from, to, 1)
}

/// Scores `oordelen.json` (`{}` unless written) with the kader file `name`.
fn score_with_kader(dir: &TestDir, name: &str) -> Output {
    if !dir.exists("oordelen.json") {
        dir.write("oordelen.json", "{}");
    }
    dir.run(["score", "--kader", name, "oordelen.json"])
}

// ---------------------------------------------------------------------------------------------
// Kader files

#[test]
fn kader_value_of_the_wrong_type() {
    let dir = TestDir::new();
    let text = kader_with(
        "tot = \"start_onderzoek\"\ndagen = 5",
        "tot = \"start_onderzoek\"\ndagen = \"vijf\"",
    );
    dir.write("kader.toml", &text);
    let line = line_of(&text, "dagen = \"vijf\"");
    dutch_failure(
        &score_with_kader(&dir, "kader.toml"),
        &[
            "kader.toml",
            &format!("regel {line}"),
            "termijn[2].dagen",
            "\"vijf\"",
            "geheel getal",
        ],
    );
}

#[test]
fn kader_unknown_field() {
    let dir = TestDir::new();
    let text = kader_with(
        "id = \"afronding_onderzoek\"",
        "id = \"afronding_onderzoek\"\nextra_veld = 1",
    );
    dir.write("kader.toml", &text);
    let line = line_of(&text, "extra_veld");
    dutch_failure(
        &score_with_kader(&dir, "kader.toml"),
        &[
            "kader.toml",
            &format!("regel {line}"),
            "termijn[3].extra_veld",
            "onbekend veld 'extra_veld'",
            // What may be written there instead.
            "eenheid",
        ],
    );
}

#[test]
fn kader_missing_field() {
    let dir = TestDir::new();
    let text = kader_with(
        "naam = \"Start onderzoek binnen vijf dagen na ontvangst van de melding\"\n",
        "",
    );
    dir.write("kader.toml", &text);
    // Reported on the header of the table that lacks it.
    let line = line_of(&text, "[[termijn]]\nid = \"start_onderzoek\"");
    dutch_failure(
        &score_with_kader(&dir, "kader.toml"),
        &[
            "kader.toml",
            &format!("regel {line}"),
            "termijn[2].naam",
            "'naam' ontbreekt",
        ],
    );
}

#[test]
fn kader_number_out_of_range() {
    let dir = TestDir::new();
    let text = kader_with(
        "verwachting = \"2.1.2\"\npunten = 2",
        "verwachting = \"2.1.2\"\npunten = 4294967295",
    );
    dir.write("kader.toml", &text);
    let line = line_of(&text, "punten = 4294967295");
    dutch_failure(
        &score_with_kader(&dir, "kader.toml"),
        &[
            "kader.toml",
            &format!("regel {line}"),
            "beslisregels.aftrek[2].punten",
            "te groot",
        ],
    );

    // Beyond what TOML can hold at all.
    let text = kader_with(
        "verwachting = \"2.1.2\"\npunten = 2",
        "verwachting = \"2.1.2\"\npunten = 99999999999999999999",
    );
    dir.write("kader.toml", &text);
    let line = line_of(&text, "punten = 9999");
    dutch_failure(
        &score_with_kader(&dir, "kader.toml"),
        &["kader.toml", &format!("regel {line}"), "te groot"],
    );
}

#[test]
fn kader_unknown_reference_is_counted_from_one() {
    let dir = TestDir::new();
    let text = kader_with(
        "tot = \"vervolgtraject_ingezet\"\ndagen = 5\nweken = 10\neenheid = \"kalenderdagen\"\nverwachtingen = [\"1.1.1\"]",
        "tot = \"vervolgtraject_ingezet\"\ndagen = 5\nweken = 10\neenheid = \"kalenderdagen\"\nverwachtingen = [\"9.9.9\"]",
    );
    dir.write("kader.toml", &text);
    let line = line_of(&text, "[\"9.9.9\"]");
    dutch_failure(
        &score_with_kader(&dir, "kader.toml"),
        &[
            "kader.toml",
            &format!("regel {line}"),
            "termijn[4].verwachtingen[1]",
            "onbekende verwachting '9.9.9'",
        ],
    );
}

#[test]
fn kader_toml_syntax_error() {
    let dir = TestDir::new();
    let text = kader_with("id = \"afronding_onderzoek\"", "id = \"afronding_onderzoek");
    dir.write("kader.toml", &text);
    let line = line_of(&text, "id = \"afronding_onderzoek\n");
    dutch_failure(
        &score_with_kader(&dir, "kader.toml"),
        &["kader.toml", &format!("regel {line}"), "aanhalingstekens"],
    );

    let text = kader_with("formaat = 1", "formaat = 1\nformaat = 1");
    dir.write("kader.toml", &text);
    dutch_failure(
        &score_with_kader(&dir, "kader.toml"),
        &["kader.toml", "regel 8", "'formaat' staat twee keer"],
    );
}

#[test]
fn kader_not_utf8_is_reported_once_with_its_line() {
    let dir = TestDir::new();
    let mut bytes = shipped_kader("vt-2016-stap2").into_bytes();
    let at = bytes.windows(7).position(|w| w == b"titel =").unwrap();
    let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
    bytes.insert(at, 0xE9); // "é" in Windows-1252
    dir.write("kader.toml", &bytes);
    let out = score_with_kader(&dir, "kader.toml");
    dutch_failure(
        &out,
        &[
            "kader.toml",
            &format!("regel {line}"),
            "UTF-8",
            "sla het op als UTF-8",
        ],
    );
    assert_eq!(out.stderr().matches("UTF-8-tekst").count(), 1, "{out}");
}

#[test]
fn kader_that_is_a_directory() {
    let dir = TestDir::new();
    dir.mkdir("kader.toml");
    dutch_failure(
        &score_with_kader(&dir, "kader.toml"),
        &["kader.toml", "map"],
    );
}

#[test]
fn kader_that_does_not_exist() {
    let dir = TestDir::new();
    dutch_failure(
        &score_with_kader(&dir, "weg.toml"),
        &["weg.toml", "vt-2016-stap2"],
    );
}

// ---------------------------------------------------------------------------------------------
// Oordelen files

fn score_oordelen(dir: &TestDir, contents: &[u8]) -> Output {
    dir.write("oordelen.json", contents);
    dir.run(["score", "--kader", "vt-2016-stap2", "oordelen.json"])
}

#[test]
fn oordelen_not_json() {
    let dir = TestDir::new();
    dutch_failure(
        &score_oordelen(&dir, b"1.1.1 = voldoende\n"),
        &[
            "oordelen.json",
            "regel 1",
            "geen geldige JSON",
            "{\"1.1.1\": \"voldoende\"}",
        ],
    );
    dutch_failure(
        &score_oordelen(
            &dir,
            b"{\n  \"1.1.1\": \"voldoende\"\n  \"1.1.2\": \"voldoende\"\n}\n",
        ),
        &["oordelen.json", "regel 3", "komma"],
    );
    dutch_failure(&score_oordelen(&dir, b""), &["oordelen.json", "leeg"]);
}

#[test]
fn oordelen_truncated() {
    let dir = TestDir::new();
    dutch_failure(
        &score_oordelen(&dir, b"{\n  \"1.1.1\": \"voldoende\",\n  \"1.1.2\": "),
        &["oordelen.json", "regel 3", "afgekapt"],
    );
}

#[test]
fn oordelen_of_the_wrong_shape() {
    let dir = TestDir::new();
    dutch_failure(
        &score_oordelen(&dir, b"[\"voldoende\"]"),
        &["oordelen.json", "lijst", "één JSON-object"],
    );
    dutch_failure(
        &score_oordelen(&dir, b"{\"1.1.1\": 1}"),
        &["oordelen.json", "'1.1.1'", "tekst"],
    );
}

#[test]
fn oordelen_not_utf8() {
    let dir = TestDir::new();
    let out = score_oordelen(&dir, b"{\n\"1.1.1\": \"voldoende \xE9\"}");
    dutch_failure(&out, &["oordelen.json", "regel 2", "UTF-8"]);
    assert_eq!(out.stderr().matches("UTF-8-tekst").count(), 1, "{out}");
}

#[test]
fn oordelen_directory_and_missing_file() {
    let dir = TestDir::new();
    dir.mkdir("map.json");
    dutch_failure(
        &dir.run(["score", "--kader", "vt-2016-stap2", "map.json"]),
        &["oordelenbestand 'map.json'", "map"],
    );
    dutch_failure(
        &dir.run(["score", "--kader", "vt-2016-stap2", "weg.json"]),
        &["oordelenbestand 'weg.json'", "bestaat niet"],
    );
}

#[test]
fn unknown_verwachting() {
    let dir = TestDir::new();
    dutch_failure(
        &score_oordelen(&dir, br#"{"9.9.9": "voldoende"}"#),
        &["oordelen.json", "'9.9.9'", "toetsingskader"],
    );
    dir.new_inspection("a.veldtoets");
    dutch_failure(
        &dir.run(["oordeel", "a.veldtoets", "9.9.9", "voldoende"]),
        &["'9.9.9'", "toetsingskader"],
    );
    dutch_failure(
        &dir.run(["oordeel", "a.veldtoets", "1.1.1", "goed"]),
        &["'goed'", "voldoende"],
    );
}

// ---------------------------------------------------------------------------------------------
// Inspection files and outputs

#[test]
fn inspection_file_missing_or_a_directory() {
    let dir = TestDir::new();
    dutch_failure(
        &dir.run(["check", "weg.veldtoets"]),
        &["weg.veldtoets", "bestaat niet"],
    );
    dir.mkdir("map.veldtoets");
    dutch_failure(
        &dir.run(["score", "map.veldtoets"]),
        &["map.veldtoets", "map"],
    );
    dutch_failure(
        &dir.run([
            "new",
            "--onversleuteld",
            "geen/map/a.veldtoets",
            "--kader",
            "vt-2016-stap2",
            "--organisatie",
            "O",
        ]),
        &["geen/map", "bestaat niet"],
    );
}

// ---------------------------------------------------------------------------------------------
// The command line

/// A usage error: clap's exit code 2, the usage line in Dutch and where to read more.
#[track_caller]
fn usage_error(out: &Output, parts: &[&str]) {
    dutch_failure(out, parts);
    assert_eq!(out.code(), Some(2), "{out}");
    out.stdout_empty();
}

#[test]
fn unknown_argument() {
    let dir = TestDir::new();
    let out = dir.run(["kaders", "--jsn"]);
    usage_error(
        &out,
        &[
            "'--jsn'",
            "'--json'",
            "Gebruik: veldtoets kaders",
            "veldtoets kaders --help",
        ],
    );

    let out = dir.run(["check", "a.veldtoets", "b.veldtoets"]);
    usage_error(&out, &["'b.veldtoets'", "veldtoets check"]);

    let out = dir.run(["scoer"]);
    usage_error(
        &out,
        &["onbekende opdracht 'scoer'", "'score'", "veldtoets --help"],
    );
}

#[test]
fn missing_required_argument() {
    let dir = TestDir::new();
    let out = dir.run(["new", "a.veldtoets", "--kader", "vt-2016-stap2"]);
    usage_error(
        &out,
        &["--organisatie", "ontbreekt", "Gebruik: veldtoets new"],
    );
    assert!(!dir.exists("a.veldtoets"));

    let out = dir.run(["overzicht", "a.veldtoets"]);
    usage_error(&out, &["--json <UIT> of --pdf"]);

    let out = dir.run(["score", "--kader"]);
    usage_error(&out, &["bij --kader hoort een waarde"]);

    let out = dir.run(["export", "a.veldtoets", "--concept", "--json", "x.json"]);
    usage_error(&out, &["--pdf"]);
}

#[test]
fn bad_date() {
    let dir = TestDir::new();
    let out = dir.run([
        "new",
        "--onversleuteld",
        "a.veldtoets",
        "--kader",
        "vt-2016-stap2",
        "--organisatie",
        "O",
        "--bezoek-van",
        "31-02-2026",
    ]);
    dutch_failure(
        &out,
        &[
            "--bezoek-van",
            "'31-02-2026'",
            "bestaat niet als datum",
            "dd-mm-jjjj",
        ],
    );
    assert!(!dir.exists("a.veldtoets"));

    let out = dir.run([
        "new",
        "--onversleuteld",
        "a.veldtoets",
        "--kader",
        "vt-2016-stap2",
        "--organisatie",
        "O",
        "--bezoek-tot",
        "morgen",
    ]);
    dutch_failure(&out, &["--bezoek-tot", "'morgen'", "dd-mm-jjjj"]);
}

#[test]
fn help_and_version_still_work_in_dutch() {
    let dir = TestDir::new();
    let out = dir.run(["--help"]);
    out.success().stderr_empty();
    for part in [
        "Gebruik: veldtoets",
        "Opdrachten:",
        "Opties:",
        "Toont deze uitleg",
    ] {
        out.stdout_contains(part);
    }
    let out = dir.run(["new", "--help"]);
    out.success();
    for part in [
        "Gebruik: veldtoets new [OPTIES]",
        "Argumenten:",
        "<BESTAND>",
        "--organisatie",
    ] {
        out.stdout_contains(part);
    }
    for marker in [
        "Usage:",
        "Options:",
        "Arguments:",
        "Print help",
        "[OPTIONS]",
    ] {
        assert!(!out.stdout().contains(marker), "{marker:?}: {out}");
    }
    let out = dir.run(["--version"]);
    out.success().stdout_contains("veldtoets ");
}
