//! `veldtoets kaders` and `veldtoets score` through the real binary: the stable CLI contract (JSON
//! fields, counts, eindoordeel, decisive rule) and every kind of bad input.

use crate::common;

use common::{Output, TestDir};
use serde_json::{Map, Value, json};

/// Every verwachting of vt-2016-stap2 in kader order; 1.4.4 is only inventoried.
const STAP2_IDS: [&str; 31] = [
    "1.1.1", "1.2.1", "1.2.2", "1.3.1", "1.3.2", "1.3.3", "1.4.1", "1.4.2", "1.4.3", "1.4.4",
    "1.5.1", "1.5.2", "1.5.3", "1.5.4", "2.1.1", "2.1.2", "2.2.1", "2.2.2", "2.3.1", "2.3.2",
    "2.3.3", "2.3.4", "2.4.1", "2.4.2", "2.4.3", "3.1.1", "3.1.2", "3.1.3", "4.1.1", "4.1.2",
    "4.1.3",
];
const STAP2_INVENTORIED: &str = "1.4.4";

/// Every verwachting of vt-2015-stap1 in kader order; 3.1.1 is not assessed.
const STAP1_IDS: [&str; 25] = [
    "1.1.1", "1.1.2", "1.1.3", "1.1.4", "1.2.1", "1.2.2", "1.2.3", "1.2.4", "1.2.5", "1.3.1",
    "1.3.2", "1.3.3", "1.3.4", "2.1.1", "2.1.2", "2.1.3", "2.2.1", "2.2.2", "2.2.3", "3.1.1",
    "3.1.2", "3.1.3", "3.1.4", "3.2.1", "3.2.2",
];
const STAP1_NOT_ASSESSED: &str = "3.1.1";

const STAP2_TITLE: &str = "Toetsingskader Veilig Thuis 2016, stap 2";
const STAP1_TITLE: &str = "Toetsingskader Veilig Thuis 2015, stap 1";
const TIJDIGHEID_TITLE: &str =
    "Toetsingskader tijdigheid en zicht op veiligheid Veilig Thuis 2024 (voorbeeld)";
const RISICOSCAN_TITLE: &str = "Risicoscan Veilig Thuis – basis op orde (VNG, 2016)";

/// A judgements object: every scored verwachting of `ids` voldoende except `changed`, given as
/// (id, value).
fn judgements(ids: &[&str], skip: &str, changed: &[(&str, &str)]) -> Map<String, Value> {
    let mut map: Map<String, Value> = ids
        .iter()
        .filter(|id| **id != skip)
        .map(|id| (id.to_string(), json!("voldoende")))
        .collect();
    for (id, value) in changed {
        map.insert(id.to_string(), json!(value));
    }
    map
}

fn stap2_except(changed: &[(&str, &str)]) -> Map<String, Value> {
    judgements(&STAP2_IDS, STAP2_INVENTORIED, changed)
}

fn stap1_except(changed: &[(&str, &str)]) -> Map<String, Value> {
    judgements(&STAP1_IDS, STAP1_NOT_ASSESSED, changed)
}

/// Runs `score --kader KADER` on the judgements and returns the parsed stdout after checking
/// success.
fn score(kader: &str, judgements: &Map<String, Value>) -> Value {
    let dir = TestDir::new();
    let input = dir.write_json("oordelen.json", &Value::Object(judgements.clone()));
    let out = dir.cmd(["score", "--kader", kader]).arg(&input).output();
    out.success().stderr_empty();
    let value = out.json();
    check_shape(&out, &value);
    value
}

/// The fields the contract promises, with their types.
fn check_shape(out: &Output, v: &Value) {
    let Some(obj) = v.as_object() else {
        out.fail("score output is not a JSON object");
    };
    for key in ["kader", "eindoordeel", "regel"] {
        if !obj.get(key).is_some_and(Value::is_string) {
            out.fail(format!("field {key} missing or not a string"));
        }
    }
    for key in [
        "voldoende",
        "onvoldoende",
        "niet_beoordeeld",
        "aftrekpunten",
    ] {
        if !obj.get(key).is_some_and(Value::is_u64) {
            out.fail(format!("field {key} missing or not a non-negative integer"));
        }
    }
    if !obj.get("compleet").is_some_and(Value::is_boolean) {
        out.fail("field compleet missing or not a bool");
    }
    let verdict = obj["eindoordeel"].as_str().unwrap();
    if !["voldoende", "matig", "onvoldoende"].contains(&verdict) {
        out.fail(format!(
            "eindoordeel {verdict:?} is not voldoende/matig/onvoldoende"
        ));
    }
}

/// The contract fields only, for comparing two runs.
fn contract_fields(v: &Value) -> Value {
    json!({
        "kader": v["kader"],
        "eindoordeel": v["eindoordeel"],
        "voldoende": v["voldoende"],
        "onvoldoende": v["onvoldoende"],
        "niet_beoordeeld": v["niet_beoordeeld"],
        "aftrekpunten": v["aftrekpunten"],
        "compleet": v["compleet"],
        "regel": v["regel"],
    })
}

fn regel(v: &Value) -> &str {
    v["regel"].as_str().unwrap()
}

// ---------------------------------------------------------------------------------------------
// veldtoets kaders

#[test]
fn kaders_lists_every_builtin_kader_tab_separated() {
    let out = common::run(["kaders"]);
    out.success().stderr_empty();
    let lines = out.stdout_lines();
    if lines.len() != 4 {
        out.fail("expected one line per built-in kader");
    }
    let expected = [
        ("vt-2016-stap2", STAP2_TITLE, 30),
        ("vt-2015-stap1", STAP1_TITLE, 24),
        ("vt-2024-tijdigheid", TIJDIGHEID_TITLE, 5),
        ("vng-2016-risicoscan", RISICOSCAN_TITLE, 0),
    ];
    for (id, title, count) in expected {
        let Some(line) = lines.iter().find(|l| l.starts_with(&format!("{id}\t"))) else {
            out.fail(format!("no line for {id}"));
        };
        let fields: Vec<&str> = line.split('\t').collect();
        if fields.len() != 3 {
            out.fail(format!(
                "{id}: expected 3 tab-separated fields, got {fields:?}"
            ));
        }
        assert_eq!(fields[0], id, "{out}");
        assert_eq!(fields[1], title, "{out}");
        // The third field is the number of judged verwachtingen (possibly followed by words).
        let number = fields[2].split_whitespace().next().unwrap_or("");
        assert_eq!(number.parse::<usize>().ok(), Some(count), "{id}: {out}");
    }
}

#[test]
fn kaders_json_lists_id_title_and_judged_count() {
    let out = common::run(["kaders", "--json"]);
    out.success().stderr_empty();
    let list = out.json();
    let Some(items) = list.as_array() else {
        out.fail("expected a JSON list");
    };
    assert_eq!(items.len(), 4, "{out}");
    let find = |id: &str| {
        items
            .iter()
            .find(|k| k["id"] == id)
            .unwrap_or_else(|| out.fail(format!("no entry for {id}")))
    };
    assert_eq!(
        find("vt-2016-stap2"),
        &json!({"id": "vt-2016-stap2", "titel": STAP2_TITLE, "beoordeelde_verwachtingen": 30}),
        "{out}"
    );
    assert_eq!(
        find("vt-2015-stap1"),
        &json!({"id": "vt-2015-stap1", "titel": STAP1_TITLE, "beoordeelde_verwachtingen": 24}),
        "{out}"
    );
    assert_eq!(
        find("vt-2024-tijdigheid"),
        &json!({"id": "vt-2024-tijdigheid", "titel": TIJDIGHEID_TITLE, "beoordeelde_verwachtingen": 5}),
        "{out}"
    );
    assert_eq!(
        find("vng-2016-risicoscan"),
        &json!({"id": "vng-2016-risicoscan", "titel": RISICOSCAN_TITLE, "beoordeelde_verwachtingen": 0}),
        "{out}"
    );
}

// ---------------------------------------------------------------------------------------------
// veldtoets score: vt-2016-stap2

#[test]
fn score_haaglanden_is_voldoende_with_6_aftrekpunten() {
    let v = score(
        "vt-2016-stap2",
        &stap2_except(&[
            ("1.3.2", "onvoldoende"),
            ("1.3.3", "onvoldoende"),
            ("1.5.4", "onvoldoende"),
            ("2.1.2", "onvoldoende"),
            ("4.1.3", "onvoldoende"),
        ]),
    );
    assert_eq!(v["kader"], "vt-2016-stap2");
    assert_eq!(v["eindoordeel"], "voldoende", "{v:#}");
    assert_eq!(v["aftrekpunten"], 6, "{v:#}");
    assert_eq!(v["compleet"], true);
    assert_eq!(v["voldoende"], 25);
    assert_eq!(v["onvoldoende"], 5);
    assert_eq!(v["niet_beoordeeld"], 0);
    assert!(regel(&v).contains("Beslisregel 4"), "{}", regel(&v));
}

#[test]
fn score_all_voldoende_is_voldoende_without_aftrekpunten() {
    let v = score("vt-2016-stap2", &stap2_except(&[]));
    assert_eq!(v["eindoordeel"], "voldoende");
    assert_eq!(v["voldoende"], 30);
    assert_eq!(v["onvoldoende"], 0);
    assert_eq!(v["niet_beoordeeld"], 0);
    assert_eq!(v["aftrekpunten"], 0);
    assert_eq!(v["compleet"], true);
}

#[test]
fn score_wachtlijst_caps_at_matig_by_beslisregel_7() {
    let v = score(
        "vt-2016-stap2",
        &stap2_except(&[("2.1.1", "onvoldoende:wachtlijst")]),
    );
    assert_eq!(v["eindoordeel"], "matig", "{v:#}");
    // The wachtlijst itself does not count in the aftrekpunten.
    assert_eq!(v["aftrekpunten"], 0, "{v:#}");
    assert_eq!(v["voldoende"], 29);
    assert_eq!(v["onvoldoende"], 1);
    assert_eq!(v["compleet"], true);
    assert!(regel(&v).contains("Beslisregel 7"), "{}", regel(&v));
}

#[test]
fn score_wachtlijst_with_8_aftrekpunten_is_onvoldoende_by_beslisregel_8() {
    // 2.1.2 counts double (2) + six single ones = 8.
    let v = score(
        "vt-2016-stap2",
        &stap2_except(&[
            ("2.1.1", "onvoldoende:wachtlijst"),
            ("2.1.2", "onvoldoende"),
            ("1.2.1", "onvoldoende"),
            ("1.2.2", "onvoldoende"),
            ("1.3.1", "onvoldoende"),
            ("1.3.2", "onvoldoende"),
            ("1.3.3", "onvoldoende"),
            ("1.4.1", "onvoldoende"),
        ]),
    );
    assert_eq!(v["aftrekpunten"], 8, "{v:#}");
    assert_eq!(v["eindoordeel"], "onvoldoende", "{v:#}");
    assert!(regel(&v).contains("Beslisregel 8"), "{}", regel(&v));
}

#[test]
fn score_termijn_variant_counts_one_point_and_does_not_cap() {
    let v = score(
        "vt-2016-stap2",
        &stap2_except(&[("2.1.1", "onvoldoende:termijn")]),
    );
    assert_eq!(v["eindoordeel"], "voldoende", "{v:#}");
    assert_eq!(v["aftrekpunten"], 1, "{v:#}");
    assert!(regel(&v).contains("Beslisregel 4"), "{}", regel(&v));
}

#[test]
fn score_plain_onvoldoende_on_2_1_1_means_termijn() {
    let plain = score("vt-2016-stap2", &stap2_except(&[("2.1.1", "onvoldoende")]));
    let termijn = score(
        "vt-2016-stap2",
        &stap2_except(&[("2.1.1", "onvoldoende:termijn")]),
    );
    assert_eq!(contract_fields(&plain), contract_fields(&termijn));
    assert_eq!(plain["aftrekpunten"], 1);

    // Also near the boundary, where a wachtlijst reading would change the verdict.
    let others = [
        ("1.2.1", "onvoldoende"),
        ("1.2.2", "onvoldoende"),
        ("1.3.1", "onvoldoende"),
        ("1.3.2", "onvoldoende"),
        ("1.3.3", "onvoldoende"),
        ("1.4.1", "onvoldoende"),
    ];
    let mut with_plain = others.to_vec();
    with_plain.push(("2.1.1", "onvoldoende"));
    let mut with_termijn = others.to_vec();
    with_termijn.push(("2.1.1", "onvoldoende:termijn"));
    let plain = score("vt-2016-stap2", &stap2_except(&with_plain));
    let termijn = score("vt-2016-stap2", &stap2_except(&with_termijn));
    assert_eq!(contract_fields(&plain), contract_fields(&termijn));
    assert_eq!(plain["aftrekpunten"], 7);
    assert_eq!(plain["eindoordeel"], "voldoende");
}

#[test]
fn score_double_weight_of_1_1_1_and_2_1_2() {
    let v = score(
        "vt-2016-stap2",
        &stap2_except(&[("1.1.1", "onvoldoende"), ("2.1.2", "onvoldoende")]),
    );
    assert_eq!(v["aftrekpunten"], 4, "{v:#}");
    assert_eq!(v["onvoldoende"], 2);
}

#[test]
fn score_missing_ids_count_as_niet_beoordeeld() {
    let mut j = stap2_except(&[("1.3.2", "onvoldoende")]);
    for id in ["1.1.1", "2.4.3", "4.1.1"] {
        j.remove(id);
    }
    let v = score("vt-2016-stap2", &j);
    assert_eq!(v["niet_beoordeeld"], 3, "{v:#}");
    assert_eq!(v["voldoende"], 26);
    assert_eq!(v["onvoldoende"], 1);
    assert_eq!(v["compleet"], false);
    assert_eq!(v["aftrekpunten"], 1);
}

#[test]
fn score_explicit_niet_beoordeeld_equals_missing() {
    let mut missing = stap2_except(&[]);
    missing.remove("3.1.2");
    let explicit = stap2_except(&[("3.1.2", "niet_beoordeeld")]);
    let a = score("vt-2016-stap2", &missing);
    let b = score("vt-2016-stap2", &explicit);
    assert_eq!(contract_fields(&a), contract_fields(&b));
    assert_eq!(a["niet_beoordeeld"], 1);
    assert_eq!(a["compleet"], false);
}

#[test]
fn score_empty_object_is_all_niet_beoordeeld() {
    let v = score("vt-2016-stap2", &Map::new());
    assert_eq!(v["niet_beoordeeld"], 30, "{v:#}");
    assert_eq!(v["voldoende"], 0);
    assert_eq!(v["onvoldoende"], 0);
    assert_eq!(v["compleet"], false);
}

#[test]
fn score_inventoried_1_4_4_never_changes_the_score() {
    for base in [
        stap2_except(&[]),
        stap2_except(&[
            ("1.3.2", "onvoldoende"),
            ("2.1.1", "onvoldoende:wachtlijst"),
        ]),
    ] {
        let reference = contract_fields(&score("vt-2016-stap2", &base));
        for value in ["voldoende", "onvoldoende", "niet_beoordeeld"] {
            let mut j = base.clone();
            j.insert(STAP2_INVENTORIED.to_string(), json!(value));
            let v = score("vt-2016-stap2", &j);
            assert_eq!(contract_fields(&v), reference, "1.4.4 = {value}");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// veldtoets score: vt-2015-stap1

#[test]
fn score_stap1_drenthe_hertoets_is_onvoldoende() {
    let v = score(
        "vt-2015-stap1",
        &stap1_except(&[
            ("1.1.2", "onvoldoende"),
            ("1.1.4", "onvoldoende"),
            ("1.2.4", "onvoldoende"),
            ("1.2.5", "onvoldoende"),
            ("2.1.1", "onvoldoende"),
            ("3.1.4", "onvoldoende"),
        ]),
    );
    assert_eq!(v["kader"], "vt-2015-stap1");
    assert_eq!(v["eindoordeel"], "onvoldoende", "{v:#}");
    assert_eq!(v["voldoende"], 18);
    assert_eq!(v["onvoldoende"], 6);
    assert_eq!(v["niet_beoordeeld"], 0);
    assert_eq!(v["compleet"], true);
}

#[test]
fn score_stap1_20_of_24_is_voldoende_but_veiligheid_must_be_met() {
    let v = score(
        "vt-2015-stap1",
        &stap1_except(&[
            ("1.1.1", "onvoldoende"),
            ("1.1.2", "onvoldoende"),
            ("1.1.3", "onvoldoende"),
            ("1.1.4", "onvoldoende"),
        ]),
    );
    assert_eq!(v["voldoende"], 20);
    assert_eq!(v["eindoordeel"], "voldoende", "{v:#}");

    let v = score("vt-2015-stap1", &stap1_except(&[("2.2.3", "onvoldoende")]));
    assert_eq!(v["voldoende"], 23);
    assert_eq!(v["eindoordeel"], "onvoldoende", "{v:#}");
    assert!(regel(&v).contains("Veiligheid"), "{}", regel(&v));
}

#[test]
fn score_stap1_not_assessed_3_1_1_never_changes_the_score() {
    let base = stap1_except(&[]);
    let reference = contract_fields(&score("vt-2015-stap1", &base));
    assert_eq!(reference["voldoende"], 24);
    for value in ["voldoende", "onvoldoende", "niet_beoordeeld"] {
        let mut j = base.clone();
        j.insert(STAP1_NOT_ASSESSED.to_string(), json!(value));
        let v = score("vt-2015-stap1", &j);
        assert_eq!(contract_fields(&v), reference, "3.1.1 = {value}");
    }
}

// ---------------------------------------------------------------------------------------------
// --kader PATH

#[test]
fn score_with_kader_path_equals_builtin() {
    let dir = TestDir::new();
    let kader = dir.write("mijn-kader.toml", common::shipped_kader("vt-2016-stap2"));
    let j = stap2_except(&[
        ("1.3.2", "onvoldoende"),
        ("1.3.3", "onvoldoende"),
        ("1.5.4", "onvoldoende"),
        ("2.1.2", "onvoldoende"),
        ("4.1.3", "onvoldoende"),
    ]);
    let input = dir.write_json("oordelen.json", &Value::Object(j.clone()));

    let by_path = dir
        .cmd(["score", "--kader"])
        .arg(&kader)
        .arg(&input)
        .output();
    by_path.success().stderr_empty();
    let by_path = by_path.json();
    assert_eq!(by_path["kader"], "vt-2016-stap2");
    assert_eq!(by_path["eindoordeel"], "voldoende");
    assert_eq!(by_path["aftrekpunten"], 6);
    assert_eq!(
        contract_fields(&by_path),
        contract_fields(&score("vt-2016-stap2", &j))
    );

    // A relative path resolves against the working directory.
    let relative = dir
        .cmd(["score", "--kader", "mijn-kader.toml", "oordelen.json"])
        .output();
    relative.success();
    assert_eq!(contract_fields(&relative.json()), contract_fields(&by_path));
}

#[test]
fn score_with_stap1_kader_path() {
    let dir = TestDir::new();
    let kader = dir.write("stap1.toml", common::shipped_kader("vt-2015-stap1"));
    let input = dir.write_json(
        "oordelen.json",
        &Value::Object(stap1_except(&[("2.1.1", "onvoldoende")])),
    );
    let out = dir
        .cmd(["score", "--kader"])
        .arg(&kader)
        .arg(&input)
        .output();
    out.success();
    let v = out.json();
    assert_eq!(v["kader"], "vt-2015-stap1");
    assert_eq!(v["voldoende"], 23);
    assert_eq!(v["eindoordeel"], "onvoldoende");
}

// ---------------------------------------------------------------------------------------------
// Bad input: non-zero exit, one message naming the offending token, no panic, nothing on stdout.

/// Runs `score --kader KADER FILE` where FILE holds `text`, expecting a clean failure.
fn score_fails(kader: &str, text: &str) -> Output {
    let dir = TestDir::new();
    let input = dir.write("oordelen.json", text);
    let out = dir.cmd(["score", "--kader", kader]).arg(&input).output();
    out.failure().stdout_empty();
    out
}

fn with(base: Map<String, Value>, id: &str, value: Value) -> String {
    let mut map = base;
    map.insert(id.to_string(), value);
    serde_json::to_string_pretty(&Value::Object(map)).unwrap()
}

#[test]
fn bad_unknown_verwachting_id() {
    let out = score_fails(
        "vt-2016-stap2",
        &with(stap2_except(&[]), "9.9.9", json!("voldoende")),
    );
    out.stderr_contains("9.9.9").stderr_one_line();
}

#[test]
fn bad_unknown_verwachting_id_of_the_other_kader() {
    // 1.1.2 exists in stap 1 but not in stap 2.
    let out = score_fails("vt-2016-stap2", r#"{"1.1.2": "voldoende"}"#);
    out.stderr_contains("1.1.2").stderr_one_line();
}

#[test]
fn bad_unknown_value() {
    let out = score_fails(
        "vt-2016-stap2",
        &with(stap2_except(&[]), "1.3.1", json!("goed")),
    );
    out.stderr_contains("goed").stderr_one_line();
}

#[test]
fn bad_unknown_value_on_inventoried_verwachting() {
    let out = score_fails(
        "vt-2016-stap2",
        &with(stap2_except(&[]), "1.4.4", json!("goed")),
    );
    out.stderr_contains("goed").stderr_one_line();
}

#[test]
fn bad_value_with_wrong_case_or_spaces() {
    for value in ["Voldoende", " voldoende", "onvoldoende ", "niet beoordeeld"] {
        let out = score_fails(
            "vt-2016-stap2",
            &with(stap2_except(&[]), "1.3.1", json!(value)),
        );
        out.stderr_contains(value.trim()).stderr_one_line();
    }
}

#[test]
fn bad_variant_on_non_onvoldoende_value() {
    let out = score_fails(
        "vt-2016-stap2",
        &with(stap2_except(&[]), "2.1.1", json!("voldoende:wachtlijst")),
    );
    out.stderr_contains("voldoende:wachtlijst")
        .stderr_one_line();
}

#[test]
fn bad_unknown_variant() {
    let out = score_fails(
        "vt-2016-stap2",
        &with(stap2_except(&[]), "2.1.1", json!("onvoldoende:vakantie")),
    );
    out.stderr_contains("vakantie")
        .stderr_contains("2.1.1")
        .stderr_one_line();
}

#[test]
fn bad_variant_on_verwachting_without_variants() {
    let out = score_fails(
        "vt-2016-stap2",
        &with(stap2_except(&[]), "1.3.1", json!("onvoldoende:vakantie")),
    );
    out.stderr_contains("vakantie")
        .stderr_contains("1.3.1")
        .stderr_one_line();
}

#[test]
fn bad_variant_of_stap2_in_stap1() {
    let out = score_fails(
        "vt-2015-stap1",
        &with(stap1_except(&[]), "2.1.1", json!("onvoldoende:wachtlijst")),
    );
    out.stderr_contains("wachtlijst").stderr_one_line();
}

#[test]
fn bad_malformed_json() {
    let dir = TestDir::new();
    let input = dir.write("kapot.json", "{\"1.1.1\": \"voldoende\",\n");
    let out = dir
        .cmd(["score", "--kader", "vt-2016-stap2"])
        .arg(&input)
        .output();
    out.failure()
        .stdout_empty()
        .stderr_contains("kapot.json")
        .stderr_contains("JSON")
        .stderr_one_line();
}

#[test]
fn bad_empty_file() {
    let out = score_fails("vt-2016-stap2", "");
    out.stderr_contains("JSON").stderr_one_line();
}

#[test]
fn bad_value_that_is_not_a_string() {
    for (value, token) in [
        (json!(5), "5"),
        (json!(true), "true"),
        (json!(null), "null"),
        (json!(["voldoende"]), "voldoende"),
    ] {
        let out = score_fails("vt-2016-stap2", &with(stap2_except(&[]), "1.3.1", value));
        out.stderr_contains("1.3.1")
            .stderr_contains(token)
            .stderr_one_line();
    }
}

#[test]
fn bad_array_instead_of_object() {
    let out = score_fails(r#"vt-2016-stap2"#, r#"["1.1.1", "voldoende"]"#);
    out.stderr_contains("object").stderr_one_line();
    let out = score_fails("vt-2016-stap2", r#"[{"1.1.1": "voldoende"}]"#);
    out.stderr_contains("object").stderr_one_line();
}

#[test]
fn bad_scalar_instead_of_object() {
    let out = score_fails("vt-2016-stap2", r#""voldoende""#);
    out.stderr_contains("object").stderr_one_line();
}

#[test]
fn bad_unknown_kader_id() {
    let out = score_fails(
        "geen-kader",
        &with(stap2_except(&[]), "1.1.1", json!("voldoende")),
    );
    out.stderr_contains("geen-kader").stderr_one_line();
}

#[test]
fn bad_kader_path_that_does_not_exist() {
    let out = score_fails("./bestaat/niet.toml", "{}");
    out.stderr_contains("bestaat/niet.toml").stderr_one_line();
}

#[test]
fn bad_kader_file_that_does_not_validate() {
    let dir = TestDir::new();
    let text = common::shipped_kader("vt-2016-stap2").replacen(
        "verwachting = \"1.1.1\"\npunten = 2",
        "verwachting = \"9.9.9\"\npunten = 2",
        1,
    );
    let kader = dir.write("kapot-kader.toml", text);
    let input = dir.write_json("oordelen.json", &Value::Object(stap2_except(&[])));
    let out = dir
        .cmd(["score", "--kader"])
        .arg(&kader)
        .arg(&input)
        .output();
    out.failure()
        .stdout_empty()
        .stderr_contains("kapot-kader.toml")
        .stderr_contains("9.9.9")
        .stderr_contains("beslisregels.aftrek[1].verwachting");
}

#[test]
fn bad_kader_file_that_is_not_toml() {
    let dir = TestDir::new();
    let kader = dir.write("geen-toml.toml", "dit is [geen toml\n");
    let input = dir.write("oordelen.json", "{}");
    let out = dir
        .cmd(["score", "--kader"])
        .arg(&kader)
        .arg(&input)
        .output();
    out.failure()
        .stdout_empty()
        .stderr_contains("geen-toml.toml")
        .stderr_contains("regel 1");
}

#[test]
fn bad_kader_path_is_a_directory() {
    let dir = TestDir::new();
    let sub = dir.mkdir("kaders");
    let input = dir.write("oordelen.json", "{}");
    let out = dir.cmd(["score", "--kader"]).arg(&sub).arg(&input).output();
    out.failure().stdout_empty().stderr_contains("kaders");
}

#[test]
fn bad_judgements_file_does_not_exist() {
    let dir = TestDir::new();
    let missing = dir.join("nergens.json");
    let out = dir
        .cmd(["score", "--kader", "vt-2016-stap2"])
        .arg(&missing)
        .output();
    out.failure()
        .stdout_empty()
        .stderr_contains("nergens.json")
        .stderr_one_line();
}

#[test]
fn bad_score_without_kader() {
    let dir = TestDir::new();
    let input = dir.write("oordelen.json", "{}");
    // Without --kader the file is not a judgements file for any kader: a clean failure that
    // names the file.
    let out = dir.cmd(["score"]).arg(&input).output();
    out.failure()
        .stdout_empty()
        .stderr_contains("oordelen.json");
}

#[test]
fn bad_score_without_judgements_file() {
    let out = common::run(["score", "--kader", "vt-2016-stap2"]);
    out.failure().stdout_empty();
}
