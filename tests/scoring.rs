//! The scoring engine against every published outcome in the seeds, every boundary of the
//! beslisregels, and a monotonicity property.

use std::collections::BTreeMap;

use proptest::prelude::*;
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
    let text = include_str!("fixtures/stap2-landelijk-2017.json");
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
            stap2().rules.scales[s.scale].id == "wachtlijst",
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
    assert_eq!(verdicts[&Verdict::Voldoende], 12);
    assert_eq!(verdicts[&Verdict::Matig], 10);
    assert_eq!(verdicts[&Verdict::Onvoldoende], 2);
}

#[test]
fn haaglanden_seed_002() {
    let s = score(
        stap2(),
        &all_met_except(stap2(), &["1.3.2", "1.3.3", "1.5.4", "2.1.2", "4.1.3"]),
    );
    assert_eq!((s.met, s.not_met), (25, 5));
    assert_eq!(s.deductions, 6);
    assert_eq!(s.verdict, Verdict::Voldoende);
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
    assert_eq!(first.verdict, Verdict::Onvoldoende);

    let hertoets = score(stap1(), &all_met_except(stap1(), &DRENTHE_2016_FAILED));
    assert_eq!((hertoets.met, hertoets.not_met), (18, 6));
    assert_eq!(hertoets.verdict, Verdict::Onvoldoende);
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
        (vec![], 0, Verdict::Voldoende, "Beslisregel 4"),
        (with(&[], 7), 7, Verdict::Voldoende, "Beslisregel 4"),
        (with(&[], 8), 8, Verdict::Matig, "Beslisregel 5"),
        (with(&[], 11), 11, Verdict::Matig, "Beslisregel 5"),
        (with(&[], 12), 12, Verdict::Onvoldoende, "Beslisregel 6"),
        // Beslisregel 2: 1.1.1 and 2.1.2 count double.
        (
            with(&["1.1.1", "2.1.2"], 3),
            7,
            Verdict::Voldoende,
            "Beslisregel 4",
        ),
        (
            with(&["1.1.1", "2.1.2"], 4),
            8,
            Verdict::Matig,
            "Beslisregel 5",
        ),
        (
            with(&["1.1.1", "2.1.2"], 7),
            11,
            Verdict::Matig,
            "Beslisregel 5",
        ),
        (
            with(&["1.1.1", "2.1.2"], 8),
            12,
            Verdict::Onvoldoende,
            "Beslisregel 6",
        ),
        // Beslisregel 1, 7, 8: a wachtlijst caps at matig and is not itself counted.
        (
            with(&["2.1.1:wachtlijst"], 0),
            0,
            Verdict::Matig,
            "Beslisregel 7",
        ),
        (
            with(&["2.1.1:wachtlijst"], 7),
            7,
            Verdict::Matig,
            "Beslisregel 7",
        ),
        (
            with(&["2.1.1:wachtlijst"], 8),
            8,
            Verdict::Onvoldoende,
            "Beslisregel 8",
        ),
        (
            with(&["2.1.1:wachtlijst", "2.1.2"], 5),
            7,
            Verdict::Matig,
            "Beslisregel 7",
        ),
        (
            with(&["2.1.1:wachtlijst", "2.1.2"], 6),
            8,
            Verdict::Onvoldoende,
            "Beslisregel 8",
        ),
        // Footnote 23: only the triage term missed counts 1 point and does not cap.
        (
            with(&["2.1.1:termijn"], 0),
            1,
            Verdict::Voldoende,
            "Beslisregel 4",
        ),
        (
            with(&["2.1.1:termijn"], 6),
            7,
            Verdict::Voldoende,
            "Beslisregel 4",
        ),
        (
            with(&["2.1.1:termijn"], 7),
            8,
            Verdict::Matig,
            "Beslisregel 5",
        ),
        (
            with(&["2.1.1:termijn"], 10),
            11,
            Verdict::Matig,
            "Beslisregel 5",
        ),
        (
            with(&["2.1.1:termijn"], 11),
            12,
            Verdict::Onvoldoende,
            "Beslisregel 6",
        ),
        // A plain "onvoldoende" on 2.1.1 means the termijn variant.
        (with(&["2.1.1"], 6), 7, Verdict::Voldoende, "Beslisregel 4"),
        (with(&["2.1.1"], 7), 8, Verdict::Matig, "Beslisregel 5"),
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
        (vec![], Verdict::Voldoende),
        (organisatie[..4].to_vec(), Verdict::Voldoende), // 20 of 24
        (organisatie[..5].to_vec(), Verdict::Onvoldoende), // 19 of 24
        (vec!["2.2.3"], Verdict::Onvoldoende),           // 23 of 24 but Veiligheid not all met
        (vec!["2.1.1", "1.1.1"], Verdict::Onvoldoende),
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
    assert!(
        s.rule.starts_with("Voorlopig: 30 verwachtingen"),
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
