//! After the visit, in the domain: the phase of an onderzoek (concept verzonden → reacties
//! verwerkt → vastgesteld → heropend), reacties and besluiten, and every refusal on the way.

use jiff::Timestamp;
use jiff::civil::Date;
use uuid::Uuid;
use veldtoets::domain::inspection::{Inspection, PhaseData, ReactieData, Record, Stamp};
use veldtoets::domain::kader::Framework;
use veldtoets::domain::record::Kinded;
use veldtoets::domain::wederhoor::{Besluit, Phase, ReactieSoort};

fn framework() -> Framework {
    veldtoets::kader_io::builtin("vt-2016-stap2")
        .expect("built-in kader")
        .clone()
}

struct Clock(u64);
impl Clock {
    fn stamp(&mut self) -> Stamp {
        self.0 += 1;
        Stamp {
            rev: Uuid::from_u64_pair(0, self.0),
            at: Timestamp::UNIX_EPOCH,
        }
    }
}

fn date(d: i8, m: i8) -> Date {
    Date::constant(2026, m, d)
}

fn reactie(verwachting: Option<&str>, paragraaf: Option<&str>, soort: ReactieSoort) -> ReactieData {
    ReactieData {
        ontvangen: Some(date(20, 11)),
        van: "bestuurder".into(),
        paragraaf: paragraaf.map(str::to_string),
        verwachting: verwachting.map(str::to_string),
        soort,
        tekst: "De wachtlijst is inmiddels weggewerkt.".into(),
    }
}

#[test]
fn the_whole_cycle_and_its_refusals() {
    let mut clock = Clock(0);
    let mut i = Inspection::new(
        Uuid::from_u64_pair(1, 1),
        framework(),
        Timestamp::UNIX_EPOCH,
    );
    let who = i.add_inspector("E. Voorbeeld");
    // Every scored verwachting judged, so only the wederhoor stands in the way of vaststellen.
    let fw = i.framework.clone();
    for e in fw.expectations() {
        if e.expectation.assessment.is_scored() {
            let id = &e.expectation.id;
            let data = veldtoets::domain::inspection::OordeelData::parse(
                &fw,
                id,
                "voldoende",
                "Onderbouwd.".into(),
            )
            .unwrap();
            let change = i.change(id, Record::Oordeel(data), who, clock.stamp());
            i.apply(change);
        }
    }
    assert_eq!(i.phase(), Phase::InUitvoering);
    assert!(!i.is_frozen());
    // Nothing to react on yet, nothing to vaststellen.
    let early = i.add_reactie(
        "r0",
        reactie(Some("1.3.1"), None, ReactieSoort::Feitelijk),
        who,
        clock.stamp(),
    );
    assert!(
        early
            .unwrap_err()
            .to_string()
            .contains("nog geen conceptrapport")
    );
    let blockers = i.vaststellen_blockers();
    assert!(
        blockers[0].contains("nog geen conceptrapport"),
        "{blockers:?}"
    );

    let sent = i
        .send_concept(date(3, 11), "ab".into(), "tekst".into(), who, clock.stamp())
        .unwrap();
    i.apply(sent);
    assert_eq!(i.phase(), Phase::ConceptVerzonden { on: date(3, 11) });

    for (id, soort, v, p) in [
        ("r1", ReactieSoort::Feitelijk, Some("1.3.1"), None),
        ("r2", ReactieSoort::Aanvulling, None, Some("3.2")),
        ("r3", ReactieSoort::Zienswijze, Some("2.1.1"), Some("4.1")),
    ] {
        let c = i
            .add_reactie(id, reactie(v, p, soort), who, clock.stamp())
            .unwrap();
        i.apply(c);
    }
    // Bad reacties are refused with every reason.
    let bad = ReactieData {
        tekst: " ".into(),
        ..reactie(Some("9.9.9"), None, ReactieSoort::Feitelijk)
    };
    let refused = i.add_reactie("rx", bad, who, clock.stamp()).unwrap_err();
    assert_eq!(refused.0.len(), 2, "{refused}");
    assert!(refused.to_string().contains("9.9.9"));

    assert_eq!(i.reacties().len(), 3);
    let blockers = i.vaststellen_blockers();
    assert_eq!(blockers.len(), 1, "{blockers:?}");
    assert!(
        blockers[0].starts_with("3 reacties zonder besluit"),
        "{blockers:?}"
    );
    assert!(i.vaststellen(date(1, 12), who, clock.stamp()).is_err());

    for (id, besluit) in [
        ("r1", Besluit::Overgenomen),
        ("r2", Besluit::Deels),
        ("r3", Besluit::Niet),
    ] {
        assert!(
            i.decide(id, besluit, "", who, clock.stamp()).is_err(),
            "no motivering"
        );
        let c = i
            .decide(id, besluit, "Aangepast in 3.2.", who, clock.stamp())
            .unwrap();
        i.apply(c);
    }
    assert!(
        i.decide("r9", Besluit::Niet, "m", who, clock.stamp())
            .is_err()
    );
    assert_eq!(
        i.phase(),
        Phase::ReactiesVerwerkt {
            concept: date(3, 11)
        }
    );
    assert!(i.vaststellen_blockers().is_empty());
    // Not before the concept was sent.
    assert!(i.vaststellen(date(1, 11), who, clock.stamp()).is_err());
    let done = i.vaststellen(date(1, 12), who, clock.stamp()).unwrap();
    i.apply(done);
    assert_eq!(i.phase(), Phase::Vastgesteld { on: date(1, 12) });
    assert!(i.is_frozen());
    assert!(
        i.refuse_if_frozen()
            .unwrap_err()
            .to_string()
            .contains("heropen")
    );
    assert!(
        i.decide("r1", Besluit::Niet, "m", who, clock.stamp())
            .is_err()
    );
    assert!(
        i.send_concept(date(2, 12), "cd".into(), String::new(), who, clock.stamp())
            .is_err()
    );

    assert!(i.reopen("  ", who, clock.stamp()).is_err());
    let reopened = i
        .reopen("Nieuwe feiten over de wachtlijst", who, clock.stamp())
        .unwrap();
    i.apply(reopened);
    assert!(!i.is_frozen());
    assert!(i.refuse_if_frozen().is_ok());
    assert_eq!(
        i.phase(),
        Phase::ReactiesVerwerkt {
            concept: date(3, 11)
        }
    );
    // The history keeps every step, in causal order.
    let steps: Vec<&str> = i
        .phase
        .history(&i.phase_id())
        .unwrap()
        .revisions()
        .iter()
        .map(|r| r.data.fase.as_str())
        .collect();
    assert_eq!(
        steps,
        ["concept_verzonden", "vastgesteld", "concept_verzonden"]
    );
    assert!(matches!(
        i.phase.get(&i.phase_id()).map(|r| r.data.clone().into_record()),
        Some(Record::Phase(PhaseData { heropend_reden, .. })) if heropend_reden.starts_with("Nieuwe")
    ));
}

/// The demo (eindoordeel matig under vt-2016-stap2): verbetermaatregelen six weeks after the
/// concept, voortgang six months after vaststellen; dates only once those days are known.
#[test]
fn vervolg_follows_the_kader_and_the_dates() {
    let dir = tempfile::tempdir().unwrap();
    let (_store, mut i) = veldtoets::demo::create(&dir.path().join("demo.veldtoets")).unwrap();
    let who = *i.inspectors.keys().next().unwrap();
    let mut clock = Clock(100);
    let ids = |i: &Inspection| -> Vec<(String, Option<Date>)> {
        i.vervolg().into_iter().map(|v| (v.id, v.due)).collect()
    };
    assert_eq!(
        ids(&i),
        [
            ("verbetermaatregelen".to_string(), None),
            ("voortgang".to_string(), None)
        ]
    );
    let sent = i
        .send_concept(date(3, 11), "ab".into(), String::new(), who, clock.stamp())
        .unwrap();
    i.apply(sent);
    let steps = i.vervolg();
    assert_eq!(steps[0].due, Some(date(15, 12)));
    assert_eq!(
        steps[0].basis,
        "zes weken na verzending van het conceptrapport"
    );
    assert_eq!(steps[1].due, None);
    assert_eq!(
        steps[1].basis,
        "zes maanden na vaststelling van het rapport"
    );
    let done = i.vaststellen(date(1, 12), who, clock.stamp()).unwrap();
    i.apply(done);
    assert_eq!(i.vervolg()[1].due, Some(Date::constant(2027, 6, 1)));
}
