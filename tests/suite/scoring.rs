//! The scoring engine against every published outcome in the seeds, every boundary of the
//! beslisregels, and a monotonicity property.

use std::collections::BTreeMap;

use proptest::prelude::*;
use veldtoets::domain::scoring::{Standing, Tone, headline};
use veldtoets::domain::{Framework, Judgement, JudgementSet, Verdict, score};
use veldtoets::kader_io;

fn stap2() -> &'static Framework {
    kader_io::builtin("vt-2016-stap2").expect("built-in stap 2")
}

fn stap1() -> &'static Framework {
    kader_io::builtin("vt-2015-stap1").expect("built-in stap 1")
}

/// All scored verwachtingen voldoende except the given ones (id or id:variant), which are
/// onvoldoende.
fn all_met_except(framework: &Framework, failed: &[&str]) -> JudgementSet {
    let mut texts: BTreeMap<String, String> = framework
        .expectations()
        .iter()
        .filter(|e| e.expectation.assessment.is_scored())
        .map(|e| (e.expectation.id.clone(), "voldoende".to_string()))
        .collect();
    for f in failed {
        let (id, variant) = f.split_once(':').unwrap_or((f, ""));
        assert!(texts.contains_key(id), "{id} is not a scored verwachting");
        let value = if variant.is_empty() {
            "onvoldoende".to_string()
        } else {
            format!("onvoldoende:{variant}")
        };
        texts.insert(id.to_string(), value);
    }
    JudgementSet::from_texts(
        framework,
        texts.iter().map(|(k, v)| (k.as_str(), v.as_str())),
    )
    .expect("valid judgements")
}

#[test]
fn stap2_published_table_of_24_organisations() {
    let text = include_str!("../fixtures/stap2-landelijk-2017.json");
    let doc: serde_json::Value = serde_json::from_str(text).unwrap();
    let orgs = doc["organisaties"].as_array().unwrap();
    assert_eq!(orgs.len(), 24);
    let mut verdicts = BTreeMap::new();
    for org in orgs {
        let name = org["organisatie"].as_str().unwrap();
        let failed: Vec<String> = org["onvoldoende_verwachtingen"]
            .as_object()
            .unwrap()
            .iter()
            .map(|(id, v)| match v.as_str().unwrap().split_once(':') {
                Some((_, variant)) => format!("{id}:{variant}"),
                None => id.clone(),
            })
            .collect();
        let failed: Vec<&str> = failed.iter().map(String::as_str).collect();
        let s = score(stap2(), &all_met_except(stap2(), &failed));
        assert_eq!(s.met, org["voldoende"].as_u64().unwrap() as u32, "{name}");
        assert_eq!(
            s.not_met,
            org["onvoldoende"].as_u64().unwrap() as u32,
            "{name}"
        );
        assert!(s.complete, "{name}");
        let wachtlijst = org["wachtlijst"].as_bool().unwrap();
        assert_eq!(
            s.scale
                .is_some_and(|i| stap2().rules.scales[i].id == "wachtlijst"),
            wachtlijst,
            "{name}: scale"
        );
        assert_eq!(
            s.verdict.as_str(),
            org["eindoordeel"].as_str().unwrap(),
            "{name}: {} aftrekpunten, rule: {}",
            s.deductions,
            s.rule
        );
        *verdicts.entry(s.verdict).or_insert(0) += 1;
    }
    // "Bij twaalf Veilig Thuis organisaties is stap 2 voldoende en bij tien Veilig Thuis
    // organisaties matig. De kwaliteit van twee Veilig Thuis organisaties is onvoldoende."
    assert_eq!(verdicts[&Verdict::VOLDOENDE], 12);
    assert_eq!(verdicts[&Verdict::MATIG], 10);
    assert_eq!(verdicts[&Verdict::ONVOLDOENDE], 2);
}

#[test]
fn haaglanden_seed_002() {
    let s = score(
        stap2(),
        &all_met_except(stap2(), &["1.3.2", "1.3.3", "1.5.4", "2.1.2", "4.1.3"]),
    );
    assert_eq!((s.met, s.not_met), (25, 5));
    assert_eq!(s.deductions, 6);
    assert_eq!(s.verdict, Verdict::VOLDOENDE);
    assert!(s.rule.contains("Beslisregel 4"), "{}", s.rule);
}

const DRENTHE_2015_MET: [&str; 8] = [
    "1.2.3", "1.3.3", "2.1.3", "2.2.2", "2.2.3", "3.1.2", "3.1.3", "3.2.2",
];
const DRENTHE_2016_FAILED: [&str; 6] = ["1.1.2", "1.1.4", "1.2.4", "1.2.5", "2.1.1", "3.1.4"];

#[test]
fn drenthe_seed_003_both_rounds() {
    let failed_2015: Vec<&str> = stap1()
        .expectations()
        .iter()
        .filter(|e| e.expectation.assessment.is_scored())
        .map(|e| e.expectation.id.as_str())
        .filter(|id| !DRENTHE_2015_MET.contains(id))
        .collect();
    let first = score(stap1(), &all_met_except(stap1(), &failed_2015));
    assert_eq!((first.met, first.not_met), (8, 16));
    assert_eq!(first.verdict, Verdict::ONVOLDOENDE);

    let hertoets = score(stap1(), &all_met_except(stap1(), &DRENTHE_2016_FAILED));
    assert_eq!((hertoets.met, hertoets.not_met), (18, 6));
    assert_eq!(hertoets.verdict, Verdict::ONVOLDOENDE);
    assert_eq!(
        hertoets.failed_conditions.len(),
        1,
        "thema Veiligheid not met"
    );
}

/// Failing `n` verwachtingen worth one point each (none of 1.1.1, 2.1.1, 2.1.2).
fn single_points(n: usize) -> Vec<&'static str> {
    let ones = [
        "1.2.1", "1.2.2", "1.3.1", "1.3.2", "1.3.3", "1.4.1", "1.4.2", "1.4.3", "1.5.1", "1.5.2",
        "1.5.3", "1.5.4", "2.2.1", "2.2.2",
    ];
    ones[..n].to_vec()
}

#[test]
fn stap2_boundaries_of_every_beslisregel() {
    // (failed, expected aftrekpunten, expected verdict, rule that must be named)
    let with = |extra: &[&'static str], n: usize| {
        let mut v = extra.to_vec();
        v.extend(single_points(n));
        v
    };
    let cases: Vec<(Vec<&str>, u32, Verdict, &str)> = vec![
        (vec![], 0, Verdict::VOLDOENDE, "Beslisregel 4"),
        (with(&[], 7), 7, Verdict::VOLDOENDE, "Beslisregel 4"),
        (with(&[], 8), 8, Verdict::MATIG, "Beslisregel 5"),
        (with(&[], 11), 11, Verdict::MATIG, "Beslisregel 5"),
        (with(&[], 12), 12, Verdict::ONVOLDOENDE, "Beslisregel 6"),
        // Beslisregel 2: 1.1.1 and 2.1.2 count double.
        (
            with(&["1.1.1", "2.1.2"], 3),
            7,
            Verdict::VOLDOENDE,
            "Beslisregel 4",
        ),
        (
            with(&["1.1.1", "2.1.2"], 4),
            8,
            Verdict::MATIG,
            "Beslisregel 5",
        ),
        (
            with(&["1.1.1", "2.1.2"], 7),
            11,
            Verdict::MATIG,
            "Beslisregel 5",
        ),
        (
            with(&["1.1.1", "2.1.2"], 8),
            12,
            Verdict::ONVOLDOENDE,
            "Beslisregel 6",
        ),
        // Beslisregel 1, 7, 8: a wachtlijst caps at matig and is not itself counted.
        (
            with(&["2.1.1:wachtlijst"], 0),
            0,
            Verdict::MATIG,
            "Beslisregel 7",
        ),
        (
            with(&["2.1.1:wachtlijst"], 7),
            7,
            Verdict::MATIG,
            "Beslisregel 7",
        ),
        (
            with(&["2.1.1:wachtlijst"], 8),
            8,
            Verdict::ONVOLDOENDE,
            "Beslisregel 8",
        ),
        (
            with(&["2.1.1:wachtlijst", "2.1.2"], 5),
            7,
            Verdict::MATIG,
            "Beslisregel 7",
        ),
        (
            with(&["2.1.1:wachtlijst", "2.1.2"], 6),
            8,
            Verdict::ONVOLDOENDE,
            "Beslisregel 8",
        ),
        // Footnote 23: only the triage term missed counts 1 point and does not cap.
        (
            with(&["2.1.1:termijn"], 0),
            1,
            Verdict::VOLDOENDE,
            "Beslisregel 4",
        ),
        (
            with(&["2.1.1:termijn"], 6),
            7,
            Verdict::VOLDOENDE,
            "Beslisregel 4",
        ),
        (
            with(&["2.1.1:termijn"], 7),
            8,
            Verdict::MATIG,
            "Beslisregel 5",
        ),
        (
            with(&["2.1.1:termijn"], 10),
            11,
            Verdict::MATIG,
            "Beslisregel 5",
        ),
        (
            with(&["2.1.1:termijn"], 11),
            12,
            Verdict::ONVOLDOENDE,
            "Beslisregel 6",
        ),
        // A plain "onvoldoende" on 2.1.1 means the termijn variant.
        (with(&["2.1.1"], 6), 7, Verdict::VOLDOENDE, "Beslisregel 4"),
        (with(&["2.1.1"], 7), 8, Verdict::MATIG, "Beslisregel 5"),
    ];
    for (failed, points, verdict, rule) in cases {
        let s = score(stap2(), &all_met_except(stap2(), &failed));
        assert_eq!(s.deductions, points, "{failed:?}");
        assert_eq!(s.verdict, verdict, "{failed:?}: {}", s.rule);
        assert!(
            s.rule.contains(rule),
            "{failed:?}: expected {rule} in {}",
            s.rule
        );
    }
}

#[test]
fn stap1_boundaries() {
    let organisatie = ["1.1.1", "1.1.2", "1.1.3", "1.1.4", "1.2.1", "3.1.2"];
    let cases: Vec<(Vec<&str>, Verdict)> = vec![
        (vec![], Verdict::VOLDOENDE),
        (organisatie[..4].to_vec(), Verdict::VOLDOENDE), // 20 of 24
        (organisatie[..5].to_vec(), Verdict::ONVOLDOENDE), // 19 of 24
        (vec!["2.2.3"], Verdict::ONVOLDOENDE),           // 23 of 24 but Veiligheid not all met
        (vec!["2.1.1", "1.1.1"], Verdict::ONVOLDOENDE),
    ];
    for (failed, verdict) in cases {
        let s = score(stap1(), &all_met_except(stap1(), &failed));
        assert_eq!(s.verdict, verdict, "{failed:?}: {}", s.rule);
    }
}

#[test]
fn inventoried_and_unassessed_never_count() {
    let base = score(stap2(), &all_met_except(stap2(), &[]));
    let mut set = all_met_except(stap2(), &[]);
    let mdapp = stap2().index_of("1.4.4").unwrap();
    set.set(mdapp, Judgement::NotMet { variant: None });
    assert_eq!(score(stap2(), &set), base);

    let mut set = all_met_except(stap1(), &[]);
    let base = score(stap1(), &set);
    set.set(
        stap1().index_of("3.1.1").unwrap(),
        Judgement::NotMet { variant: None },
    );
    assert_eq!(score(stap1(), &set), base);
    assert_eq!(base.met, 24);
}

#[test]
fn incomplete_sets_say_so() {
    let empty = JudgementSet::empty(stap2());
    let s = score(stap2(), &empty);
    assert!(!s.complete);
    assert_eq!(s.not_judged, 30);
    // Nothing judged: the rule does not quote a beslisregel as if there were an eindoordeel.
    assert!(
        s.rule
            .starts_with("Nog geen oordeel: geen van de 30 verwachtingen is beoordeeld"),
        "{}",
        s.rule
    );
    assert!(!s.rule.contains("Beslisregel"), "{}", s.rule);

    let mut one_open = all_met_except(stap2(), &[]);
    one_open.set(stap2().index_of("3.1.2").unwrap(), Judgement::NotJudged);
    let s = score(stap2(), &one_open);
    assert!(
        s.rule
            .starts_with("Voorlopig: 1 verwachting nog niet beoordeeld"),
        "{}",
        s.rule
    );

    let complete = score(stap2(), &all_met_except(stap2(), &[]));
    assert!(complete.complete);
    assert_eq!((complete.met, complete.not_judged), (30, 0));
}

fn arbitrary_set(framework: &'static Framework) -> impl Strategy<Value = JudgementSet> {
    let choices: Vec<Vec<Judgement>> = (0..framework.expectations().len())
        .map(|i| {
            let mut options = vec![Judgement::Met, Judgement::NotJudged];
            let variants: Vec<usize> = framework.variants_of(i).map(|(v, _)| v).collect();
            if variants.is_empty() {
                options.push(Judgement::NotMet { variant: None });
            }
            options.extend(
                variants
                    .into_iter()
                    .map(|v| Judgement::NotMet { variant: Some(v) }),
            );
            options
        })
        .collect();
    let strategies: Vec<_> = choices.into_iter().map(proptest::sample::select).collect();
    strategies.prop_map(move |values| {
        let mut set = JudgementSet::empty(framework);
        for (i, j) in values.into_iter().enumerate() {
            set.set(i, j);
        }
        set
    })
}

fn monotone(framework: &'static Framework, set: &JudgementSet, index: usize, variant: usize) {
    let Judgement::Met = set.get(index) else {
        return;
    };
    let before = score(framework, set);
    let mut worse = set.clone();
    let variants: Vec<usize> = framework.variants_of(index).map(|(v, _)| v).collect();
    let failed = if variants.is_empty() {
        Judgement::NotMet { variant: None }
    } else {
        Judgement::NotMet {
            variant: Some(variants[variant % variants.len()]),
        }
    };
    worse.set(index, failed);
    let after = score(framework, &worse);
    assert!(
        after.verdict >= before.verdict,
        "failing {} ({failed:?}) improved {} to {}",
        framework.expectation(index).id,
        before.verdict,
        after.verdict
    );
}

proptest! {
    #[test]
    fn turning_voldoende_into_onvoldoende_never_improves_stap2(
        set in arbitrary_set(stap2()), index in 0usize..31, variant in 0usize..4
    ) {
        monotone(stap2(), &set, index, variant);
    }

    #[test]
    fn turning_voldoende_into_onvoldoende_never_improves_stap1(
        set in arbitrary_set(stap1()), index in 0usize..25, variant in 0usize..4
    ) {
        monotone(stap1(), &set, index, variant);
    }
}

// ---------------------------------------------------------------------------------------------
// Honest states (issue 9, item 9): what the Overzicht screen may claim

#[test]
fn a_set_without_any_oordeel_has_no_eindoordeel() {
    for (framework, total) in [(stap2(), 30), (stap1(), 24)] {
        let s = score(framework, &JudgementSet::empty(framework));
        assert_eq!(s.standing(), Standing::NoJudgement, "{}", framework.id);
        assert_eq!(s.standing().verdict(), None);
        let h = headline(&s);
        assert_eq!(h.text, "nog geen oordeel");
        assert_eq!(
            h.tone,
            Tone::Neutral,
            "no verdict colour without an oordeel"
        );
        assert!(
            h.progress
                .starts_with(&format!("0 van {total} verwachtingen beoordeeld")),
            "{}",
            h.progress
        );
        assert!(!h.text.to_lowercase().contains("voldoende"), "{}", h.text);
    }
}

#[test]
fn only_niet_beoordeeld_is_still_no_oordeel() {
    let texts: Vec<(String, &str)> = stap2()
        .expectations()
        .iter()
        .map(|e| (e.expectation.id.clone(), "niet_beoordeeld"))
        .collect();
    let set = JudgementSet::from_texts(stap2(), texts.iter().map(|(k, v)| (k.as_str(), *v)))
        .expect("valid");
    let h = headline(&score(stap2(), &set));
    assert_eq!(h.standing, Standing::NoJudgement);
    assert_eq!(h.tone, Tone::Neutral);
}

#[test]
fn a_partly_judged_set_is_clearly_provisional() {
    let mut set = JudgementSet::empty(stap2());
    for id in ["1.1.1", "1.2.1", "1.5.3"] {
        set.set(stap2().index_of(id).unwrap(), Judgement::Met);
    }
    set.set(
        stap2().index_of("1.3.2").unwrap(),
        Judgement::NotMet { variant: None },
    );
    let s = score(stap2(), &set);
    assert_eq!(s.standing(), Standing::Provisional(Verdict::VOLDOENDE));
    let h = headline(&s);
    assert_eq!(h.text, "VOLDOENDE (voorlopig)");
    assert_eq!(h.tone, Tone::Verdict(Verdict::VOLDOENDE));
    assert!(
        h.progress
            .contains("4 van 30 verwachtingen beoordeeld, 26 nog niet"),
        "{}",
        h.progress
    );
    assert!(h.progress.contains("kan nog veranderen"), "{}", h.progress);
}

#[test]
fn a_complete_set_is_final() {
    let s = score(stap2(), &all_met_except(stap2(), &["2.1.1:wachtlijst"]));
    assert_eq!(s.standing(), Standing::Final(Verdict::MATIG));
    let h = headline(&s);
    assert_eq!(h.text, "MATIG");
    assert_eq!(h.tone, Tone::Verdict(Verdict::MATIG));
    assert_eq!(h.progress, "alle 30 verwachtingen beoordeeld");
}

// ---------------------------------------------------------------------------------------------
// Bounded numbers (issue 9, item 8): extreme but accepted kaders stay monotone

use veldtoets::domain::kader::{MAX_BAND_LIMIT, MAX_EXPECTATIONS, MAX_POINTS};

/// A generated kader: one thema, one criterium, `n` scored verwachtingen.
#[derive(Debug, Clone)]
struct GenKader {
    /// `true`: maat aftrekpunten; `false`: maat voldoende (verwachtingen met).
    deductions: bool,
    default_points: u32,
    /// Per verwachting an own weight (`[[beslisregels.aftrek]]`), or the default.
    weights: Vec<Option<u32>>,
    /// The standard scale: the second verdict from `cuts.0`, the third from `cuts.1`.
    cuts: (u32, u32),
    /// An alternative scale, nowhere better, used by variant `alt` of 1.1.1 (which counts its
    /// deduction or not).
    alt: Option<((u32, u32), bool)>,
    /// A voorwaarde over these verwachtingen, with its `anders`.
    condition: Option<(Vec<usize>, &'static str)>,
}

/// Bands over `[0, a)`, `[a, b)` and `[b, ∞)` with the verdicts of `order`, empty ones left out.
fn bands(order: [&str; 3], (a, b): (u32, u32)) -> String {
    assert!(a <= b);
    let mut out = String::new();
    let mut from = 0;
    for (verdict, end) in [(order[0], Some(a)), (order[1], Some(b)), (order[2], None)] {
        match end {
            Some(end) if end <= from => {}
            Some(end) => {
                out.push_str(&format!(
                    "\n[[beslisregels.schaal.band]]\nvan = {from}\ntot = {}\neindoordeel = \"{verdict}\"\n",
                    end - 1
                ));
                from = end;
            }
            None => out.push_str(&format!(
                "\n[[beslisregels.schaal.band]]\nvan = {from}\neindoordeel = \"{verdict}\"\n"
            )),
        }
    }
    out
}

impl GenKader {
    fn text(&self) -> String {
        let n = self.weights.len();
        let order = if self.deductions {
            ["voldoende", "matig", "onvoldoende"]
        } else {
            ["onvoldoende", "matig", "voldoende"]
        };
        let mut t = String::from(
            "formaat = 1\nid = \"extreem\"\ntitel = \"Extreem\"\n\n[[thema]]\nid = \"1\"\ntitel = \"T\"\n\n[[thema.criterium]]\nid = \"1.1\"\ntitel = \"C\"\n",
        );
        for i in 1..=n {
            t.push_str(&format!(
                "\n[[thema.criterium.verwachting]]\nid = \"1.1.{i}\"\ntekst = \"V{i}.\"\n"
            ));
        }
        t.push_str(&format!(
            "\n[beslisregels]\nmaat = \"{}\"\naftrek_standaard = {}\nstandaard_schaal = \"standaard\"\n",
            if self.deductions { "aftrekpunten" } else { "voldoende" },
            self.default_points
        ));
        for (i, w) in self.weights.iter().enumerate() {
            if let Some(w) = w {
                t.push_str(&format!(
                    "\n[[beslisregels.aftrek]]\nverwachting = \"1.1.{}\"\npunten = {w}\n",
                    i + 1
                ));
            }
        }
        if let Some((_, counts)) = self.alt {
            t.push_str("\n[[beslisregels.variant]]\nverwachting = \"1.1.1\"\nid = \"gewoon\"\nnaam = \"Gewoon\"\nstandaard = true\n");
            t.push_str(&format!(
                "\n[[beslisregels.variant]]\nverwachting = \"1.1.1\"\nid = \"alt\"\nnaam = \"Anders\"\ntelt_mee = {counts}\nschaal = \"alt\"\n"
            ));
        }
        t.push_str("\n[[beslisregels.schaal]]\nid = \"standaard\"\nnaam = \"Standaard\"\n");
        t.push_str(&bands(order, self.cuts));
        if let Some((cuts, _)) = self.alt {
            t.push_str("\n[[beslisregels.schaal]]\nid = \"alt\"\nnaam = \"Anders\"\n");
            t.push_str(&bands(order, cuts));
        }
        if let Some((members, otherwise)) = &self.condition {
            let ids: Vec<String> = members
                .iter()
                .map(|m| format!("\"1.1.{}\"", m + 1))
                .collect();
            t.push_str(&format!(
                "\n[[beslisregels.voorwaarde]]\nverwachtingen = [{}]\nanders = \"{otherwise}\"\n",
                ids.join(", ")
            ));
        }
        let all: Vec<String> = (1..=n).map(|i| format!("\"1.1.{i}\"")).collect();
        t.push_str(&format!(
            "\n[[bronnen.document]]\nid = \"doc\"\nnaam = \"Alles\"\nverwachtingen = [{}]\n",
            all.join(", ")
        ));
        t
    }

    fn framework(&self) -> Framework {
        kader_io::parse(&self.text(), "gegenereerd.toml")
            .unwrap_or_else(|e| panic!("the generator made an invalid kader: {e}"))
    }
}

/// Weights biased to the extremes of what validation accepts.
fn points() -> impl Strategy<Value = u32> {
    prop_oneof![
        Just(0),
        Just(1),
        Just(MAX_POINTS - 1),
        Just(MAX_POINTS),
        0..=MAX_POINTS
    ]
}

/// Band limits (≥ 1) biased to the extremes, including ones reachable by a few verwachtingen.
fn limit() -> impl Strategy<Value = u32> {
    prop_oneof![
        Just(1),
        Just(MAX_POINTS),
        Just(MAX_BAND_LIMIT - 1),
        Just(MAX_BAND_LIMIT),
        1..=8 * MAX_POINTS,
        1..=MAX_BAND_LIMIT
    ]
}

fn ordered_cuts() -> impl Strategy<Value = (u32, u32)> {
    (limit(), limit()).prop_map(|(a, b)| (a.min(b), a.max(b)))
}

fn gen_kader() -> impl Strategy<Value = GenKader> {
    let n = prop_oneof![4 => 1usize..=8, 1 => Just(MAX_EXPECTATIONS)];
    (n, any::<bool>(), points(), ordered_cuts()).prop_flat_map(|(n, deductions, default, cuts)| {
        let weights = proptest::collection::vec(proptest::option::of(points()), n);
        // The alternative scale is nowhere better than the standard one: with aftrekpunten its
        // cuts come earlier (worse sooner), with voldoende later (better later).
        let alt_cuts = if deductions {
            (0..=cuts.0)
                .prop_flat_map(move |a| (Just(a), a..=cuts.1))
                .boxed()
        } else {
            (cuts.0..=MAX_BAND_LIMIT)
                .prop_flat_map(move |a| (Just(a), a.max(cuts.1)..=MAX_BAND_LIMIT))
                .boxed()
        };
        let alt = proptest::option::of((alt_cuts, any::<bool>()));
        let verdict = proptest::sample::select(vec!["voldoende", "matig", "onvoldoende"]);
        let condition =
            proptest::option::of((proptest::collection::btree_set(0..n, 1..=n.min(4)), verdict))
                .prop_map(|c| c.map(|(set, v)| (set.into_iter().collect::<Vec<_>>(), v)));
        (weights, alt, condition).prop_map(move |(weights, alt, condition)| GenKader {
            deductions,
            default_points: default,
            weights,
            cuts,
            alt,
            condition,
        })
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Failing one more verwachting (from voldoende or niet beoordeeld, with any variant) never
    /// improves the eindoordeel, for kaders with extreme but accepted numbers.
    #[test]
    fn failing_one_more_never_improves_with_extreme_numbers(
        kader in gen_kader(),
        values in proptest::collection::vec(0u8..3, MAX_EXPECTATIONS),
        pick in any::<proptest::sample::Index>(),
        variant in 0usize..2,
    ) {
        let fw = kader.framework();
        let n = fw.expectations().len();
        let fail = |set: &mut JudgementSet, i: usize, v: usize| {
            let variants: Vec<usize> = fw.variants_of(i).map(|(k, _)| k).collect();
            let j = if variants.is_empty() {
                Judgement::NotMet { variant: None }
            } else {
                Judgement::NotMet { variant: Some(variants[v % variants.len()]) }
            };
            set.set(i, j);
        };
        let mut set = JudgementSet::empty(&fw);
        for (i, value) in values.iter().take(n).enumerate() {
            match value {
                0 => set.set(i, Judgement::Met),
                1 => {}
                _ => fail(&mut set, i, i),
            }
        }
        let index = pick.index(n);
        if !matches!(set.get(index), Judgement::NotMet { .. }) {
            let before = score(&fw, &set);
            let mut worse = set.clone();
            fail(&mut worse, index, variant);
            let after = score(&fw, &worse);
            prop_assert!(
                after.verdict >= before.verdict,
                "failing {} ({:?}) improved {} to {}\n{}",
                fw.expectation(index).id,
                worse.get(index),
                before.verdict,
                after.verdict,
                kader.text()
            );
            prop_assert!(after.deductions >= before.deductions);
        }
    }
}

/// The largest kader validation accepts: every verwachting failed at the largest weight reaches
/// the largest band limit exactly, without wrapping, and lands in the worst band.
#[test]
fn the_largest_accepted_sum_reaches_the_last_band() {
    let kader = GenKader {
        deductions: true,
        default_points: MAX_POINTS,
        weights: vec![None; MAX_EXPECTATIONS],
        cuts: (MAX_BAND_LIMIT - 1, MAX_BAND_LIMIT),
        alt: None,
        condition: None,
    };
    let fw = kader.framework();
    let mut set = JudgementSet::empty(&fw);
    for i in 0..MAX_EXPECTATIONS {
        set.set(i, Judgement::NotMet { variant: None });
    }
    let all = score(&fw, &set);
    assert_eq!(all.deductions, MAX_BAND_LIMIT);
    assert_eq!(all.verdict, Verdict::ONVOLDOENDE);
    set.set(0, Judgement::Met);
    let one_less = score(&fw, &set);
    assert_eq!(one_less.deductions, MAX_BAND_LIMIT - MAX_POINTS);
    assert_eq!(one_less.verdict, Verdict::VOLDOENDE);
}

/// Scoring itself never wraps: with weights no validated kader can have (set on the framework
/// after validation), two failures saturate at the top and give the worst eindoordeel, where
/// wrapping arithmetic gave 4294967294 + … → voldoende.
#[test]
fn unvalidated_huge_weights_saturate_towards_the_worst_verdict() {
    let mut fw = stap2().clone();
    fw.rules.default_deduction = u32::MAX;
    for d in fw.rules.deductions.values_mut() {
        d.points = u32::MAX;
    }
    let one = score(&fw, &all_met_except(&fw, &["1.3.2"]));
    let two = score(&fw, &all_met_except(&fw, &["1.3.2", "1.5.3"]));
    let three = score(&fw, &all_met_except(&fw, &["1.1.1", "1.3.2", "1.5.3"]));
    for s in [&one, &two, &three] {
        assert_eq!(s.deductions, u32::MAX);
        assert_eq!(s.verdict, Verdict::ONVOLDOENDE, "{}", s.rule);
    }
    assert!(two.verdict >= one.verdict && three.verdict >= two.verdict);
    let none = score(&fw, &all_met_except(&fw, &[]));
    assert_eq!(none.verdict, Verdict::VOLDOENDE);
}
