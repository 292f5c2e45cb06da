//! Norms on figures (issue 13): the share within a termijn against the kader's threshold, as a
//! suggestion beside the verwachting, in the rapport and in `export --json`.

use jiff::Timestamp;
use jiff::civil::Date;
use uuid::Uuid;
use veldtoets::domain::JudgementValue;
use veldtoets::domain::inspection::{Details, DossierData, Inspection, Record, Stamp};
use veldtoets::domain::termijn::DateKind;
use veldtoets::report::{self, ReportOptions};

const NORM: &str = "\n[[norm]]\ntermijn = \"triage\"\nminimaal = 80\nregel = \"Minimaal 80% van de triagebesluiten binnen vijf dagen.\"\n";

fn d(s: &str) -> Date {
    s.parse().unwrap()
}

/// The stap 2 kader with a norm on its triage term, and a visit on 20 March 2026.
fn inspection() -> (Inspection, Uuid) {
    let text = format!(
        "{}{NORM}",
        veldtoets::kader_io::builtin("vt-2016-stap2")
            .unwrap()
            .source_text
    );
    let fw = veldtoets::kader_io::parse(&text, "norm.toml").unwrap();
    let mut i = Inspection::new(Uuid::from_u64_pair(9, 9), fw, Timestamp::UNIX_EPOCH);
    let who = i.add_inspector("E. Voorbeeld");
    let details = Details {
        organisatie: "Veilig Thuis Proefregio".into(),
        bezoek_van: Some(d("2026-03-20")),
        ..Details::default()
    };
    let c = i.change(&i.details_id(), Record::Details(details), who, Stamp::now());
    i.apply(c);
    (i, who)
}

/// Adds a dossier with a melding on 2 March and the triage decision on `triage` (none: open).
fn dossier(i: &mut Inspection, who: Uuid, n: usize, triage: Option<&str>) {
    let mut data = DossierData {
        nummer: format!("VTP-{n}"),
        ..DossierData::default()
    };
    data.dates
        .set(DateKind::MELDING_ONTVANGEN, Some(d("2026-03-02")));
    data.dates.set(DateKind::TRIAGEBESLUIT, triage.map(d));
    let c = i.change(&format!("d{n}"), Record::Dossier(data), who, Stamp::now());
    i.apply(c);
}

#[test]
fn the_norm_suggests_an_oordeel_from_the_figure_at_its_boundary() {
    let (mut i, who) = inspection();
    let check = |i: &Inspection| {
        let c = &i.norm_checks_for("2.1.1")[0];
        (c.percent(), c.reached(), c.suggestion())
    };
    // No dossiers: no figure, no suggestion.
    assert_eq!(check(&i), (None, None, None));
    // 4 within of 5 = exactly 80%: reached.
    for n in 0..4 {
        dossier(&mut i, who, n, Some("2026-03-04"));
    }
    dossier(&mut i, who, 4, Some("2026-03-12"));
    assert_eq!(
        check(&i),
        (Some(80), Some(true), Some(JudgementValue::Voldoende))
    );
    // One more open case, over its term at the visit: 4 of 6 = 67%, not reached.
    dossier(&mut i, who, 5, None);
    assert_eq!(
        check(&i),
        (Some(67), Some(false), Some(JudgementValue::Onvoldoende))
    );
    // The norm does not touch other verwachtingen, and never sets an oordeel.
    assert!(i.norm_checks_for("1.1.1").is_empty());
    assert!(i.oordeel("2.1.1").is_none());

    // The rapport states figure and norm, beside the verwachting and under the termijnen.
    let text = report::build(&i, &ReportOptions::new(true, d("2026-03-25"))).plain_text();
    assert!(
        text.contains("Cijfer: Triagebesluit binnen vijf dagen na ontvangst van de melding: 4 van 6 dossiers binnen termijn; 1 open, waarvan 1 over termijn (67% binnen); de norm is minimaal 80%: niet gehaald."),
        "{text}"
    );
    assert!(
        text.contains("minimaal 80% binnen de termijn (verwachting 2.1.1): niet gehaald."),
        "{text}"
    );

    // And export --json carries it.
    let json =
        serde_json::to_value(veldtoets::json::ExportJson::new(&i, Timestamp::UNIX_EPOCH)).unwrap();
    let norm = &json["normen"][0];
    assert_eq!(norm["termijn"], "triage");
    assert_eq!(norm["minimaal"], 80);
    assert_eq!(norm["gehaald"], false);
    assert_eq!(norm["suggestie"], "onvoldoende");
    assert_eq!(norm["verwachtingen"][0], "2.1.1");
}
