//! Termijn arithmetic as a table: calendar and working days, the boundaries of the 5-day and
//! 75-day terms, missing and impossible dates, and the share within term.

use jiff::civil::Date;
use veldtoets::domain::termijn::{
    CaseDates, DateKind, DayCount, DeadlineDef, DeadlineOutcome, elapsed_days, evaluate,
    format_date_nl, parse_date_input, summarize,
};

fn d(s: &str) -> Date {
    s.parse().unwrap()
}

fn term(from: DateKind, to: DateKind, days: u32, unit: DayCount) -> DeadlineDef {
    DeadlineDef {
        id: "t".into(),
        name: "test".into(),
        from,
        to,
        also_to: Vec::new(),
        optional: false,
        days,
        unit,
        expectations: vec![],
    }
}

fn dates(melding: Option<&str>, triage: Option<&str>, afronding: Option<&str>) -> CaseDates {
    CaseDates::default()
        .with(DateKind::MELDING_ONTVANGEN, melding.map(d))
        .with(DateKind::TRIAGEBESLUIT, triage.map(d))
        .with(DateKind::AFRONDING_ONDERZOEK, afronding.map(d))
}

#[test]
fn deadline_outcomes_table() {
    use DeadlineOutcome::*;
    let triage = term(
        DateKind::MELDING_ONTVANGEN,
        DateKind::TRIAGEBESLUIT,
        5,
        DayCount::Calendar,
    );
    let afronding = term(
        DateKind::MELDING_ONTVANGEN,
        DateKind::AFRONDING_ONDERZOEK,
        75,
        DayCount::Calendar,
    );
    let stap1 = term(
        DateKind::TRIAGEBESLUIT,
        DateKind::AFRONDING_ONDERZOEK,
        70,
        DayCount::Calendar,
    );
    let werkdagen = term(
        DateKind::MELDING_ONTVANGEN,
        DateKind::TRIAGEBESLUIT,
        5,
        DayCount::Workdays,
    );
    #[rustfmt::skip]
    let cases: Vec<(&DeadlineDef, CaseDates, DeadlineOutcome)> = vec![
        // same day, exactly 5 days, one day late
        (&triage, dates(Some("2026-03-02"), Some("2026-03-02"), None), Met { elapsed: 0 }),
        (&triage, dates(Some("2026-03-02"), Some("2026-03-07"), None), Met { elapsed: 5 }),
        (&triage, dates(Some("2026-03-02"), Some("2026-03-08"), None), Missed { elapsed: 6, over: 1, open: false }),
        // across a month end and a leap day (2028)
        (&triage, dates(Some("2028-02-27"), Some("2028-03-03"), None), Met { elapsed: 5 }),
        (&triage, dates(Some("2028-02-27"), Some("2028-03-04"), None), Missed { elapsed: 6, over: 1, open: false }),
        // "binnen vijf dagen en tien weken": 75 days
        (&afronding, dates(Some("2026-03-02"), None, Some("2026-05-16")), Met { elapsed: 75 }),
        (&afronding, dates(Some("2026-03-02"), None, Some("2026-05-17")), Missed { elapsed: 76, over: 1, open: false }),
        (&afronding, dates(Some("2026-03-10"), None, Some("2026-07-02")), Missed { elapsed: 114, over: 39, open: false }),
        // stap 1: ten weeks from the triage decision
        (&stap1, dates(Some("2026-01-01"), Some("2026-01-05"), Some("2026-03-16")), Met { elapsed: 70 }),
        (&stap1, dates(Some("2026-01-01"), Some("2026-01-05"), Some("2026-03-17")), Missed { elapsed: 71, over: 1, open: false }),
        // working days: Friday melding, next Friday decision = 5 working days
        (&werkdagen, dates(Some("2026-03-06"), Some("2026-03-13"), None), Met { elapsed: 5 }),
        (&werkdagen, dates(Some("2026-03-06"), Some("2026-03-16"), None), Missed { elapsed: 6, over: 1, open: false }),
        // missing dates are flagged, never guessed
        (&triage, dates(None, Some("2026-03-08"), None), Missing(DateKind::MELDING_ONTVANGEN)),
        (&triage, dates(Some("2026-03-02"), None, None), Missing(DateKind::TRIAGEBESLUIT)),
        // a stop date before the start date is impossible
        (&afronding, dates(Some("2026-05-02"), None, Some("2026-03-01")),
            Impossible(veldtoets::domain::termijn::DateProblem { earlier: DateKind::MELDING_ONTVANGEN, later: DateKind::AFRONDING_ONDERZOEK })),
    ];
    for (def, case, expected) in cases {
        assert_eq!(
            evaluate(def, &case, None),
            expected,
            "{:?} → {:?}",
            def.to,
            case
        );
    }
}

#[test]
fn working_days_skip_weekends() {
    let cases = [
        ("2026-03-02", "2026-03-02", 0),  // Monday, same day
        ("2026-03-02", "2026-03-06", 4),  // Monday → Friday
        ("2026-03-06", "2026-03-09", 1),  // Friday → Monday
        ("2026-03-07", "2026-03-08", 0),  // Saturday → Sunday
        ("2026-03-02", "2026-03-16", 10), // two weeks
        ("2026-03-04", "2026-03-27", 17),
    ];
    for (from, to, expected) in cases {
        assert_eq!(
            elapsed_days(d(from), d(to), DayCount::Workdays),
            expected,
            "{from} → {to}"
        );
    }
}

#[test]
fn impossible_date_orders_are_listed() {
    let case = CaseDates::default()
        .with(DateKind::MELDING_ONTVANGEN, Some(d("2026-03-10")))
        .with(DateKind::TRIAGEBESLUIT, Some(d("2026-03-09")))
        .with(DateKind::START_ONDERZOEK, Some(d("2026-04-01")))
        .with(DateKind::AFRONDING_ONDERZOEK, Some(d("2026-03-20")))
        .with(DateKind::VERVOLGTRAJECT_INGEZET, None);
    let problems: Vec<String> = case
        .problems(
            &veldtoets::kader_io::builtin("vt-2016-stap2")
                .unwrap()
                .date_rules,
        )
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        problems,
        vec![
            "triagebesluit ligt vóór melding ontvangen".to_string(),
            "afronding onderzoek ligt vóór start onderzoek".to_string(),
        ]
    );
}

#[test]
fn share_within_term() {
    let def = term(
        DateKind::MELDING_ONTVANGEN,
        DateKind::TRIAGEBESLUIT,
        5,
        DayCount::Calendar,
    );
    let cases = [
        dates(Some("2026-03-02"), Some("2026-03-04"), None),
        dates(Some("2026-03-02"), Some("2026-03-07"), None),
        dates(Some("2026-03-02"), Some("2026-03-12"), None),
        dates(Some("2026-03-02"), None, None),
        dates(Some("2026-03-02"), Some("2026-03-03"), None),
    ];
    let s = summarize(&def, cases.iter(), None);
    assert_eq!((s.met, s.missed, s.unknown), (3, 1, 1));
    assert_eq!(s.share_met(), Some(0.75));
    assert_eq!(summarize(&def, [].iter(), None).share_met(), None);
}

/// An open case (no stop date yet) is measured up to the peildatum: within the term it is open,
/// over it it is missed; on the last day of the term it is still within. Without a peildatum,
/// or with a start after it, it stays unknown. A missing start date is always unknown.
#[test]
fn open_cases_are_measured_up_to_the_peildatum() {
    use DeadlineOutcome::*;
    let triage = term(
        DateKind::MELDING_ONTVANGEN,
        DateKind::TRIAGEBESLUIT,
        5,
        DayCount::Calendar,
    );
    let afronding = term(
        DateKind::MELDING_ONTVANGEN,
        DateKind::AFRONDING_ONDERZOEK,
        75,
        DayCount::Calendar,
    );
    let werkdagen = term(
        DateKind::MELDING_ONTVANGEN,
        DateKind::TRIAGEBESLUIT,
        5,
        DayCount::Workdays,
    );
    let open = |melding: &str| dates(Some(melding), None, None);
    #[rustfmt::skip]
    let cases: Vec<(&DeadlineDef, CaseDates, Option<&str>, DeadlineOutcome)> = vec![
        // the boundary: day 5 is within, day 6 is over
        (&triage, open("2026-03-02"), Some("2026-03-07"), Open { elapsed: 5 }),
        (&triage, open("2026-03-02"), Some("2026-03-08"), Missed { elapsed: 6, over: 1, open: true }),
        (&triage, open("2026-03-02"), Some("2026-03-02"), Open { elapsed: 0 }),
        // "open, 312 d, 237 d over termijn": a backlog is late, not unknown
        (&afronding, open("2025-12-05"), Some("2026-10-13"), Missed { elapsed: 312, over: 237, open: true }),
        (&afronding, open("2026-08-01"), Some("2026-10-13"), Open { elapsed: 73 }),
        // working days up to the peildatum: Friday melding, peil the next Monday = 1 working day
        (&werkdagen, open("2026-03-06"), Some("2026-03-09"), Open { elapsed: 1 }),
        (&werkdagen, open("2026-03-06"), Some("2026-03-16"), Missed { elapsed: 6, over: 1, open: true }),
        // a stop date, when there, decides, whatever the peildatum
        (&triage, dates(Some("2026-03-02"), Some("2026-03-04"), None), Some("2026-12-31"), Met { elapsed: 2 }),
        // truly unknown: no start date, no peildatum, or a melding after the peildatum
        (&triage, dates(None, None, None), Some("2026-03-10"), Missing(DateKind::MELDING_ONTVANGEN)),
        (&triage, open("2026-03-02"), None, Missing(DateKind::TRIAGEBESLUIT)),
        (&triage, open("2026-03-12"), Some("2026-03-10"), Missing(DateKind::TRIAGEBESLUIT)),
    ];
    for (def, case, peil, expected) in cases {
        assert_eq!(
            evaluate(def, &case, peil.map(d)),
            expected,
            "{:?} at {peil:?}",
            case
        );
    }
}

/// The share counts open cases: "41 van 60 dossiers binnen termijn; 12 open, waarvan 9 over
/// termijn" — a backlog lowers the share instead of hiding from it.
#[test]
fn the_share_states_its_basis_with_open_cases() {
    let def = term(
        DateKind::MELDING_ONTVANGEN,
        DateKind::TRIAGEBESLUIT,
        5,
        DayCount::Calendar,
    );
    let peil = Some(d("2026-03-20"));
    let mut cases = Vec::new();
    for _ in 0..41 {
        cases.push(dates(Some("2026-03-02"), Some("2026-03-04"), None)); // within
    }
    for _ in 0..7 {
        cases.push(dates(Some("2026-03-02"), Some("2026-03-12"), None)); // closed late
    }
    for _ in 0..9 {
        cases.push(dates(Some("2026-03-02"), None, None)); // open, 18 d: over
    }
    for _ in 0..3 {
        cases.push(dates(Some("2026-03-17"), None, None)); // open, 3 d: within
    }
    cases.push(dates(None, None, None)); // unknown
    let s = summarize(&def, cases.iter(), peil);
    assert_eq!(
        (s.met, s.missed, s.open_missed, s.open, s.unknown),
        (41, 16, 9, 3, 1)
    );
    assert_eq!(s.counted(), 60);
    assert_eq!(
        s.describe(),
        "41 van 60 dossiers binnen termijn; 12 open, waarvan 9 over termijn; 1 onbekend (68% binnen)"
    );
    // Without a peildatum the open ones are unknown, as before.
    let s = summarize(&def, cases.iter(), None);
    assert_eq!((s.met, s.missed, s.open, s.unknown), (41, 7, 0, 13));
}

#[test]
fn dutch_date_input_and_output() {
    for (input, expected) in [
        ("13-10-2026", Ok("2026-10-13")),
        ("3-2-2026", Ok("2026-02-03")),
        ("2026-10-13", Ok("2026-10-13")),
        ("13/10/2026", Ok("2026-10-13")),
        (" 13.10.2026 ", Ok("2026-10-13")),
        ("29-02-2028", Ok("2028-02-29")),
    ] {
        assert_eq!(
            parse_date_input(input).map(|d| d.to_string()),
            expected.map(String::from),
            "{input}"
        );
    }
    for bad in [
        "31-02-2026",
        "29-02-2027",
        "13-13-2026",
        "gisteren",
        "13-10-26",
        "",
    ] {
        let err = parse_date_input(bad).unwrap_err();
        assert!(err.contains(bad.trim()), "{bad}: {err}");
    }
    assert_eq!(format_date_nl(d("2026-03-05")), "05-03-2026");
}

// ---------------------------------------------------------------------------------------------
// Honest states (issue 9, item 9): a term that cannot be computed is never "binnen termijn"

use veldtoets::domain::termijn::{CaseTone, DeadlineSummary, case_status};

/// The four terms of stap 2, named by their stop date as on the Dossiers screen.
fn stap2_terms() -> Vec<DeadlineDef> {
    veldtoets::kader_io::builtin("vt-2016-stap2")
        .expect("built-in kader")
        .deadlines
        .clone()
}

#[test]
fn a_dossier_without_dates_is_not_within_term() {
    let status = case_status(&stap2_terms(), &CaseDates::default(), None);
    assert_eq!(status.tone, CaseTone::Unknown);
    assert_eq!(
        status.text,
        "termijnen onbekend: nog geen enkele datum ingevuld"
    );
    assert!(!status.text.contains("binnen termijn"), "{}", status.text);
}

#[test]
fn each_term_that_cannot_be_computed_is_named_with_its_reason() {
    let terms = stap2_terms();
    // Melding and triage filled in and within term; the other three stop dates are missing.
    let mut case = dates(Some("2026-03-02"), Some("2026-03-04"), None);
    let status = case_status(&terms, &case, None);
    assert_eq!(status.tone, CaseTone::Unknown, "{}", status.text);
    for part in [
        "start onderzoek: termijn onbekend, datum ontbreekt",
        "afronding onderzoek: termijn onbekend, datum ontbreekt",
        "vervolgtraject ingezet: termijn onbekend, datum ontbreekt",
        "1 binnen termijn",
    ] {
        assert!(status.text.contains(part), "{part:?} in {:?}", status.text);
    }
    // Only the melding missing: every term is unknown for that one reason.
    let mut no_melding = CaseDates::default();
    for kind in [
        DateKind::TRIAGEBESLUIT,
        DateKind::START_ONDERZOEK,
        DateKind::AFRONDING_ONDERZOEK,
        DateKind::VERVOLGTRAJECT_INGEZET,
    ] {
        no_melding.set(kind, Some(d("2026-03-05")));
    }
    let status = case_status(&terms, &no_melding, None);
    assert_eq!(status.tone, CaseTone::Unknown);
    assert_eq!(
        status.text,
        "alle termijnen onbekend: datum melding ontvangen ontbreekt"
    );
    // Every date filled in and within term: only now green.
    for kind in [
        DateKind::START_ONDERZOEK,
        DateKind::AFRONDING_ONDERZOEK,
        DateKind::VERVOLGTRAJECT_INGEZET,
    ] {
        case.set(kind, Some(d("2026-03-05")));
    }
    let status = case_status(&terms, &case, None);
    assert_eq!(status.tone, CaseTone::AllMet);
    assert_eq!(status.text, "binnen termijn");
    // A missed term is a problem, and the unknown ones are still named beside it.
    let mut late = dates(Some("2026-03-02"), Some("2026-03-12"), None);
    late.set(DateKind::START_ONDERZOEK, Some(d("2026-03-03")));
    let status = case_status(&terms, &late, None);
    assert_eq!(status.tone, CaseTone::Problem);
    assert!(
        status.text.starts_with("triagebesluit: 5 d te laat"),
        "{}",
        status.text
    );
    assert!(
        status
            .text
            .contains("afronding onderzoek: termijn onbekend")
    );
    // Impossible dates are a problem too.
    let impossible = dates(Some("2026-03-10"), Some("2026-03-02"), None);
    let status = case_status(&terms, &impossible, None);
    assert_eq!(status.tone, CaseTone::Problem);
    assert!(status.text.contains("onmogelijke data"), "{}", status.text);
    // A kader without terms says so.
    assert_eq!(case_status(&[], &case, None).tone, CaseTone::NoTerms);
}

#[test]
fn missing_and_impossible_dates_never_count_as_within_term() {
    let def = term(
        DateKind::MELDING_ONTVANGEN,
        DateKind::TRIAGEBESLUIT,
        5,
        DayCount::Calendar,
    );
    let missing = evaluate(&def, &CaseDates::default(), None);
    let impossible = evaluate(
        &def,
        &dates(Some("2026-03-10"), Some("2026-03-02"), None),
        None,
    );
    for outcome in [missing, impossible] {
        assert!(!outcome.is_met(), "{outcome:?}");
        assert!(outcome.is_unknown(), "{outcome:?}");
        assert!(
            !outcome.describe().contains("binnen"),
            "{}",
            outcome.describe()
        );
    }
    assert_eq!(
        missing.describe(),
        "termijn onbekend: datum melding ontvangen ontbreekt"
    );
    let mut s = DeadlineSummary::default();
    s.add(missing);
    s.add(impossible);
    assert_eq!((s.met, s.missed, s.unknown), (0, 0, 2));
    assert_eq!(s.share_met(), None);
    assert_eq!(
        s.describe(),
        "0 van 0 dossiers binnen termijn; 2 onbekend (aandeel binnen niet te bepalen)"
    );
    s.add(evaluate(
        &def,
        &dates(Some("2026-03-02"), Some("2026-03-03"), None),
        None,
    ));
    assert_eq!(
        s.describe(),
        "1 van 1 dossier binnen termijn; 2 onbekend (100% binnen)"
    );
}

#[test]
fn an_open_case_is_named_open_never_green() {
    let terms = stap2_terms();
    // Melding and triage within term; start, afronding and vervolg not there yet.
    let case = dates(Some("2026-03-02"), Some("2026-03-04"), None);
    // Three days after the melding: the 5-day start is open within term, the others too.
    let status = case_status(&terms, &case, Some(d("2026-03-05")));
    assert_eq!(status.tone, CaseTone::Open, "{}", status.text);
    assert_eq!(status.text, "1 binnen termijn · 3 open, binnen termijn");
    // Three weeks later the start of the onderzoek is over its term while open.
    let status = case_status(&terms, &case, Some(d("2026-03-23")));
    assert_eq!(status.tone, CaseTone::Problem);
    assert!(
        status
            .text
            .starts_with("start onderzoek: open, 16 d over termijn"),
        "{}",
        status.text
    );
}

/// The seed-004 shape: the first of two stop dates stops the clock (an onderzoek or V&V started
/// "direct na", zero days), and an optional term does not apply without its start date.
#[test]
fn alternative_stop_dates_and_optional_terms() {
    use DeadlineOutcome::*;
    let beoordeling = DateKind::new("veiligheidsbeoordeling", "veiligheidsbeoordeling");
    let start_vv = DateKind::new("start_vv", "start V&V");
    let mut direct = term(
        beoordeling,
        DateKind::START_ONDERZOEK,
        0,
        DayCount::Calendar,
    );
    direct.also_to = vec![start_vv];
    let mut afronding = term(
        DateKind::START_ONDERZOEK,
        DateKind::AFRONDING_ONDERZOEK,
        70,
        DayCount::Calendar,
    );
    afronding.optional = true;
    let case = |b: &str, onderzoek: Option<&str>, vv: Option<&str>, af: Option<&str>| {
        CaseDates::default()
            .with(beoordeling, Some(d(b)))
            .with(DateKind::START_ONDERZOEK, onderzoek.map(d))
            .with(start_vv, vv.map(d))
            .with(DateKind::AFRONDING_ONDERZOEK, af.map(d))
    };
    let peil = Some(d("2026-06-01"));
    #[rustfmt::skip]
    let cases: Vec<(&DeadlineDef, CaseDates, DeadlineOutcome)> = vec![
        // V&V the same day: met, though there is no onderzoek
        (&direct, case("2026-03-02", None, Some("2026-03-02"), None), Met { elapsed: 0 }),
        // the earlier of the two counts
        (&direct, case("2026-03-02", Some("2026-03-09"), Some("2026-03-03"), None), Missed { elapsed: 1, over: 1, open: false }),
        // neither started: open, and a day later already over the zero-day term
        (&direct, case("2026-05-31", None, None, None), Missed { elapsed: 1, over: 1, open: true }),
        (&direct, case("2026-06-01", None, None, None), Open { elapsed: 0 }),
        // no onderzoek: its afronding does not apply (not unknown, not late)
        (&afronding, case("2026-03-02", None, Some("2026-03-02"), None), NotApplicable),
        // an onderzoek not finished: open, measured to the peildatum
        (&afronding, case("2026-03-02", Some("2026-03-02"), None, None), Missed { elapsed: 91, over: 21, open: true }),
    ];
    for (def, dates, expected) in cases {
        assert_eq!(evaluate(def, &dates, peil), expected, "{dates:?}");
    }
    let summary = summarize(
        &afronding,
        [case("2026-03-02", None, Some("2026-03-02"), None)].iter(),
        peil,
    );
    assert_eq!(
        summary.counted() + summary.unknown,
        0,
        "n.v.t. is not in the basis"
    );
}

/// Date kinds are compared by id whatever their label, and keep the order they were declared in.
#[test]
fn date_kinds_are_their_id_and_keep_their_order() {
    let a = DateKind::new("melding_ontvangen", "ontvangst van de melding");
    assert_eq!(a, DateKind::MELDING_ONTVANGEN);
    assert_eq!(a.label(), "ontvangst van de melding");
    assert_eq!(DateKind::from_id("triagebesluit"), DateKind::TRIAGEBESLUIT);
    let late = DateKind::new("zz_eerst_gezien", "eerst gezien");
    assert!(DateKind::VERVOLGTRAJECT_INGEZET < late);
    assert_eq!(DateKind::from_id("zz_eerst_gezien").label(), "eerst gezien");
    let dates = CaseDates::default()
        .with(late, Some(d("2026-03-01")))
        .with(DateKind::TRIAGEBESLUIT, Some(d("2026-03-02")))
        .with(a, Some(d("2026-03-03")));
    let order: Vec<&str> = dates.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(
        order,
        ["melding_ontvangen", "triagebesluit", "zz_eerst_gezien"]
    );
}
