//! After the visit, in the domain: the phase of an onderzoek (concept verzonden → reacties
//! verwerkt → vastgesteld → heropend), reacties and besluiten, and every refusal on the way; the
//! verbeterpunten, Samenvatting and Conclusie the inspectors write, the privacy check over them,
//! and the comparison of the concept as sent with the rapport now.

use jiff::Timestamp;
use jiff::civil::Date;
use uuid::Uuid;
use veldtoets::domain::inspection::{Inspection, PhaseData, ReactieData, Record, Stamp};
use veldtoets::domain::kader::Framework;
use veldtoets::domain::record::Kinded;
use veldtoets::domain::wederhoor::{
    Besluit, Phase, RapportBlok, ReactieSoort, verbeterpunt_prefill,
};
use veldtoets::report::{self, ReportOptions};

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
            i.decide(id, besluit, "", &[], who, clock.stamp()).is_err(),
            "no motivering"
        );
        let c = i
            .decide(id, besluit, "Aangepast in 3.2.", &[], who, clock.stamp())
            .unwrap();
        i.apply(c);
    }
    assert!(
        i.decide("r9", Besluit::Niet, "m", &[], who, clock.stamp())
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
        i.decide("r1", Besluit::Niet, "m", &[], who, clock.stamp())
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

/// The demo with its author, for the tests of the texts the inspectors write.
fn demo() -> (tempfile::TempDir, Inspection, Uuid) {
    let dir = tempfile::tempdir().unwrap();
    let (_store, i) = veldtoets::demo::create(&dir.path().join("demo.veldtoets")).unwrap();
    let who = *i.inspectors.keys().next().unwrap();
    (dir, i, who)
}

/// Per onvoldoende verwachting a verbeterpunt: derived until written, written until removed
/// (then derived again); refused for any other verwachting, naming its oordeel, and once
/// vastgesteld.
#[test]
fn a_verbeterpunt_is_derived_until_written_and_only_for_an_onvoldoende_verwachting() {
    let (_dir, mut i, who) = demo();
    let mut clock = Clock(200);
    let onvoldoende: Vec<String> = i
        .verbeterpunten()
        .iter()
        .map(|v| v.verwachting.clone())
        .collect();
    assert_eq!(
        onvoldoende,
        [
            "1.3.2", "1.3.3", "1.5.2", "1.5.3", "1.5.4", "2.1.2", "2.3.2", "4.1.3"
        ]
    );
    let derived = i.verbeterpunt("1.3.2").unwrap();
    assert!(derived.afgeleid && !derived.conflict);
    assert_eq!(
        derived.tekst,
        "Een verbeterpunt is dat Veilig Thuis Gelderzoom tenminste vastlegt welke ondersteuning, hulp of behandeling wordt ingezet ten behoeve van de veiligheid."
    );
    assert_eq!(i.verbeterpunten.revision_count(), 0, "derived, not stored");

    for (verwachting, reason) in [
        ("1.1.1", "het oordeel op verwachting 1.1.1 is voldoende"),
        ("1.4.4", "alleen geïnventariseerd"),
        ("9.9.9", "'9.9.9' staat niet in het toetsingskader"),
    ] {
        let refused = i
            .set_verbeterpunt(verwachting, "Tekst.", who, clock.stamp())
            .unwrap_err()
            .to_string();
        assert!(refused.contains(reason), "{refused}");
        assert!(i.verbeterpunt(verwachting).is_none());
    }

    let written = "Een verbeterpunt is dat de afspraken concreet worden vastgelegd.";
    let change = i
        .set_verbeterpunt("1.3.2", &format!("  {written}\n"), who, clock.stamp())
        .unwrap()
        .expect("a new text is written");
    i.apply(change);
    let v = i.verbeterpunt("1.3.2").unwrap();
    assert_eq!((v.tekst.as_str(), v.afgeleid), (written, false));
    // The same text again writes nothing.
    assert!(
        i.set_verbeterpunt("1.3.2", written, who, clock.stamp())
            .unwrap()
            .is_none()
    );
    // An empty text removes it (a tombstone): derived again; removing again writes nothing.
    let removal = i
        .set_verbeterpunt("1.3.2", " ", who, clock.stamp())
        .unwrap()
        .unwrap();
    assert!(removal.meta.deleted);
    i.apply(removal);
    assert_eq!(i.verbeterpunt("1.3.2").unwrap(), derived);
    assert!(
        i.set_verbeterpunt("1.3.2", "", who, clock.stamp())
            .unwrap()
            .is_none()
    );
    assert_eq!(
        i.verbeterpunten.revision_count(),
        2,
        "the history keeps both"
    );

    // A verwachting judged voldoende has no verbeterpunt any more (the written one stays in the
    // file and comes back with an onvoldoende).
    let change = i
        .set_verbeterpunt("4.1.3", "Een tijdpad vastleggen.", who, clock.stamp())
        .unwrap()
        .unwrap();
    i.apply(change);
    let oordeel = veldtoets::domain::inspection::OordeelData::parse(
        &i.framework,
        "4.1.3",
        "voldoende",
        "Er is een tijdpad.".into(),
    )
    .unwrap();
    let change = i.change("4.1.3", Record::Oordeel(oordeel), who, clock.stamp());
    i.apply(change);
    assert!(i.verbeterpunt("4.1.3").is_none());
    assert!(
        i.set_verbeterpunt("4.1.3", "x", who, clock.stamp())
            .unwrap_err()
            .to_string()
            .contains("het oordeel op verwachting 4.1.3 is voldoende")
    );

    // Frozen once vastgesteld, like an oordeel.
    let sent = i
        .send_concept(date(3, 11), "ab".into(), String::new(), who, clock.stamp())
        .unwrap();
    i.apply(sent);
    let done = i.vaststellen(date(1, 12), who, clock.stamp()).unwrap();
    i.apply(done);
    let refused = i
        .set_verbeterpunt("1.3.2", "Later.", who, clock.stamp())
        .unwrap_err()
        .to_string();
    assert!(
        refused.contains("definitief vastgesteld") && refused.contains("heropen"),
        "{refused}"
    );
}

/// The Samenvatting and Conclusie blocks: written, absent when empty, frozen once vastgesteld.
#[test]
fn the_samenvatting_and_conclusie_are_written_and_removed() {
    let (_dir, mut i, who) = demo();
    let mut clock = Clock(300);
    for blok in RapportBlok::ALL {
        assert_eq!(i.rapporttekst(blok), None);
        assert!(
            i.set_rapporttekst(blok, "  ", who, clock.stamp())
                .unwrap()
                .is_none(),
            "nothing to remove"
        );
    }
    let change = i
        .set_rapporttekst(
            RapportBlok::Samenvatting,
            "De kwaliteit neemt toe.\n\nDe monitoring blijft achter.",
            who,
            clock.stamp(),
        )
        .unwrap()
        .unwrap();
    i.apply(change);
    assert_eq!(
        i.rapporttekst(RapportBlok::Samenvatting).as_deref(),
        Some("De kwaliteit neemt toe.\n\nDe monitoring blijft achter.")
    );
    assert_eq!(i.rapporttekst(RapportBlok::Conclusie), None);
    let model = report::build(&i, &ReportOptions::new(true, date(20, 11))).to_text();
    assert!(model.contains("De monitoring blijft achter."));
    assert!(!model.contains("#### Conclusie"), "no empty Conclusie");

    let change = i
        .set_rapporttekst(RapportBlok::Conclusie, "Zo.", who, clock.stamp())
        .unwrap()
        .unwrap();
    i.apply(change);
    let model = report::build(&i, &ReportOptions::new(true, date(20, 11))).to_text();
    assert!(model.contains("#### Conclusie\n\nZo."), "{model}");

    let removal = i
        .set_rapporttekst(RapportBlok::Samenvatting, "", who, clock.stamp())
        .unwrap()
        .unwrap();
    assert!(removal.meta.deleted);
    i.apply(removal);
    assert_eq!(i.rapporttekst(RapportBlok::Samenvatting), None);
    let model = report::build(&i, &ReportOptions::new(true, date(20, 11))).to_text();
    assert!(!model.contains("De monitoring blijft achter."));

    let sent = i
        .send_concept(date(3, 11), "ab".into(), String::new(), who, clock.stamp())
        .unwrap();
    i.apply(sent);
    let done = i.vaststellen(date(1, 12), who, clock.stamp()).unwrap();
    i.apply(done);
    assert!(
        i.set_rapporttekst(RapportBlok::Conclusie, "Anders.", who, clock.stamp())
            .unwrap_err()
            .to_string()
            .contains("heropen")
    );
}

/// The privacy check reads what the inspectors wrote for the rapport: the Samenvatting, each
/// onderbouwing and written verbeterpunt, the Conclusie, in that order.
#[test]
fn the_privacy_check_reads_the_verbeterpunten_samenvatting_and_conclusie() {
    let (_dir, mut i, who) = demo();
    let mut clock = Clock(400);
    assert!(i.privacy_findings().is_empty());
    let number = i.dossier_list()[0].data.nummer.clone();
    for change in [
        i.set_rapporttekst(
            RapportBlok::Conclusie,
            "Bel 06-12345678 voor vragen.",
            who,
            clock.stamp(),
        ),
        i.set_rapporttekst(
            RapportBlok::Samenvatting,
            "Mail j.jansen@example.nl.",
            who,
            clock.stamp(),
        ),
        i.set_verbeterpunt(
            "1.3.2",
            &format!("Zoals in dossier {number}."),
            who,
            clock.stamp(),
        ),
    ] {
        i.apply(change.unwrap().unwrap());
    }
    let lines: Vec<String> = i.privacy_findings().iter().map(|f| f.line()).collect();
    assert_eq!(
        lines,
        [
            "samenvatting: e-mailadres 'j.jansen@example.nl'".to_string(),
            format!("verbeterpunt 1.3.2: dossiernummer '{number}'"),
            "conclusie: telefoonnummer '06-12345678'".to_string(),
        ]
    );
    // They stop the concept until fixed or kept.
    assert!(
        i.send_concept(date(3, 11), "ab".into(), String::new(), who, clock.stamp())
            .unwrap_err()
            .to_string()
            .contains("3 vondsten")
    );
    let finding = i.privacy_findings()[2].clone();
    let kept = i
        .keep_finding(&finding, "algemeen nummer", who, clock.stamp())
        .unwrap();
    i.apply(kept);
    assert_eq!(i.open_privacy_findings().len(), 2);
}

/// The concept as sent beside the rapport now: the paragraph of a changed onderbouwing is
/// listed with the reacties pointing at it (by verwachting and by paragraph), an unchanged one
/// with a reactie as unchanged, the differences between a concept and a definitive rapport
/// marked as such.
#[test]
fn comparing_the_concept_with_the_rapport_names_the_reacties_per_paragraph() {
    let (_dir, mut i, who) = demo();
    let mut clock = Clock(500);
    let sent_on = date(3, 11);
    let step = i
        .send_concept(sent_on, String::new(), String::new(), who, clock.stamp())
        .unwrap();
    let mut as_sent = i.clone();
    as_sent.apply(step);
    let sent_text = report::build(&as_sent, &ReportOptions::new(true, sent_on)).plain_text();
    let sent = i
        .send_concept(sent_on, "ab".into(), sent_text, who, clock.stamp())
        .unwrap();
    i.apply(sent);
    let compare = |i: &Inspection| -> Vec<String> {
        let text = i.phase_data().concept_tekst;
        let now = report::build(i, &ReportOptions::new(false, date(1, 12)));
        let concept_now = report::build(i, &ReportOptions::new(true, sent_on));
        report::compare(i, &text, &now, &concept_now)
            .iter()
            .map(|c| c.line())
            .collect()
    };
    const FORM: &str = " (alleen het verschil tussen concept en definitief rapport)";
    assert_eq!(
        compare(&i),
        [
            format!("gewijzigd: titelpagina{FORM}"),
            format!("gewijzigd: § 1.3 Leeswijzer{FORM}"),
            format!("gewijzigd: § 4.3 Vervolg{FORM}"),
            format!("toegevoegd: § Bijlage 4 – Verwerking hoor en wederhoor{FORM}"),
        ]
    );

    for (id, soort, v, p) in [
        ("r1", ReactieSoort::Feitelijk, Some("2.3.2"), None),
        ("r2", ReactieSoort::Zienswijze, None, Some("par. 2.2")),
        ("r3", ReactieSoort::Aanvulling, None, Some("3.1")),
    ] {
        let c = i
            .add_reactie(id, reactie(v, p, soort), who, clock.stamp())
            .unwrap();
        i.apply(c);
    }
    for (id, besluit) in [("r1", Besluit::Overgenomen), ("r2", Besluit::Niet)] {
        let c = i.decide(id, besluit, "m", &[], who, clock.stamp()).unwrap();
        i.apply(c);
    }
    let oordeel = veldtoets::domain::inspection::OordeelData::parse(
        &i.framework,
        "2.3.2",
        "onvoldoende",
        "Na de reactie aangepast: kinderen worden meestal gezien.".into(),
    )
    .unwrap();
    let change = i.change("2.3.2", Record::Oordeel(oordeel), who, clock.stamp());
    i.apply(change);
    let lines = compare(&i);
    assert!(
        lines.contains(
            &"gewijzigd: § 2.2 Onderzoeken — reactie 1 (feitelijk, overgenomen), reactie 2 (zienswijze, niet overgenomen)"
                .to_string()
        ),
        "{lines:#?}"
    );
    assert!(
        lines.contains(
            &"ongewijzigd: § 3.1 Termijnen — reactie 3 (aanvulling, nog geen besluit)".to_string()
        ),
        "{lines:#?}"
    );
    // Now that reacties came in, the bijlage is there in a concept too: a real addition.
    assert!(
        lines.contains(&"toegevoegd: § Bijlage 4 – Verwerking hoor en wederhoor".to_string()),
        "{lines:#?}"
    );
}

/// Every verwachting of the shipped kaders gets a pre-filled verbeterpunt of one sentence
/// starting as the rapporten do.
#[test]
fn every_shipped_verwachting_gets_a_verbeterpunt_in_one_sentence() {
    for id in ["vt-2016-stap2", "vt-2015-stap1"] {
        let fw = veldtoets::kader_io::builtin(id).expect("built-in kader");
        for e in fw.expectations() {
            let e = &e.expectation;
            let text = verbeterpunt_prefill(&e.id, &e.text, "Veilig Thuis Gelderzoom");
            assert!(
                text.starts_with("Een verbeterpunt is dat Veilig Thuis Gelderzoom "),
                "{text}"
            );
            assert!(text.ends_with('.') && !text.ends_with(".."), "{text}");
            assert!(!text.contains("  "), "{text}");
        }
    }
}

/// A clock whose every stamp is a second later than the one before.
struct Ticking(u64);
impl Ticking {
    fn stamp(&mut self) -> Stamp {
        self.0 += 1;
        Stamp {
            rev: Uuid::from_u64_pair(7, self.0),
            at: Timestamp::from_second(1_790_000_000 + self.0 as i64).unwrap(),
        }
    }
}

#[test]
fn a_besluit_names_the_oordelen_its_reactie_changed() {
    let mut clock = Ticking(0);
    let mut i = Inspection::new(
        Uuid::from_u64_pair(1, 2),
        framework(),
        Timestamp::UNIX_EPOCH,
    );
    let who = i.add_inspector("E. Voorbeeld");
    let fw = i.framework.clone();
    let judge = |i: &mut Inspection, clock: &mut Ticking, id: &str, text: &str, why: &str| {
        let data =
            veldtoets::domain::inspection::OordeelData::parse(&fw, id, text, why.into()).unwrap();
        let change = i.change(id, Record::Oordeel(data), who, clock.stamp());
        i.apply(change);
    };
    judge(
        &mut i,
        &mut clock,
        "1.3.1",
        "onvoldoende",
        "Geen veiligheidsplan.",
    );
    judge(&mut i, &mut clock, "1.3.2", "voldoende", "Vastgelegd.");
    judge(&mut i, &mut clock, "2.2.1", "voldoende", "Intercollegiaal.");
    // Before a concept was sent nothing is "changed since the concept".
    assert!(i.oordeel_changes_since_concept().is_empty());
    let sent = i
        .send_concept(date(3, 11), "ab".into(), "tekst".into(), who, clock.stamp())
        .unwrap();
    i.apply(sent);
    let c = i
        .add_reactie(
            "r1",
            reactie(Some("1.3.1"), None, ReactieSoort::Feitelijk),
            who,
            clock.stamp(),
        )
        .unwrap();
    i.apply(c);

    // Linking an oordeel that did not change is refused, naming it.
    let refused = i
        .decide(
            "r1",
            Besluit::Overgenomen,
            "Aangetoond.",
            &["1.3.1".to_string()],
            who,
            clock.stamp(),
        )
        .unwrap_err();
    assert!(refused.to_string().contains("1.3.1"), "{refused}");
    assert!(refused.to_string().contains("niet gewijzigd"), "{refused}");

    // The reactie leads to a new oordeel on 1.3.1 and a new onderbouwing on 1.3.2; 2.2.1 is
    // changed and changed back.
    judge(
        &mut i,
        &mut clock,
        "1.3.1",
        "voldoende",
        "Plan aangeleverd.",
    );
    judge(
        &mut i,
        &mut clock,
        "1.3.2",
        "voldoende",
        "Vastgelegd, aangevuld.",
    );
    judge(&mut i, &mut clock, "2.2.1", "onvoldoende", "Toch niet.");
    judge(&mut i, &mut clock, "2.2.1", "voldoende", "Intercollegiaal.");
    let changed: Vec<String> = i
        .oordeel_changes_since_concept()
        .iter()
        .map(|w| w.label())
        .collect();
    assert_eq!(
        changed,
        vec![
            "1.3.1: van onvoldoende naar voldoende".to_string(),
            "1.3.2: onderbouwing aangepast".to_string(),
        ]
    );

    // "Niet overgenomen" changes nothing; an unknown verwachting is named.
    let refused = i
        .decide(
            "r1",
            Besluit::Niet,
            "Niet aangetoond.",
            &["1.3.1".to_string(), "9.9.9".to_string()],
            who,
            clock.stamp(),
        )
        .unwrap_err();
    assert_eq!(refused.0.len(), 2, "{refused}");
    assert!(refused.to_string().contains("9.9.9"), "{refused}");

    let c = i
        .decide(
            "r1",
            Besluit::Overgenomen,
            "Aangetoond met het plan.",
            &["1.3.1".to_string(), "1.3.2".to_string()],
            who,
            clock.stamp(),
        )
        .unwrap();
    i.apply(c);
    let (_, besluit) = i.reacties()[0];
    let besluit = besluit.expect("decided");
    let head = i.oordeel("1.3.1").unwrap().meta.rev;
    assert_eq!(besluit.data.wijzigingen["1.3.1"], head.to_string());
    let linked = i.linked_changes(&besluit.data);
    assert_eq!(linked.len(), 2);
    assert_eq!(linked[0].rev, head);
    assert!(!linked[0].missing);
    assert_eq!(
        linked[0].before.as_ref().map(|o| o.onderbouwing.as_str()),
        Some("Geen veiligheidsplan.")
    );

    // A later change does not move the link: it names the version the reactie led to.
    judge(
        &mut i,
        &mut clock,
        "1.3.1",
        "voldoende",
        "Plan aangeleverd en besproken.",
    );
    let (_, besluit) = i.reacties()[0];
    let linked = i.linked_changes(&besluit.unwrap().data);
    assert_eq!(linked[0].rev, head);
    assert_eq!(
        linked[0].after.as_ref().map(|o| o.onderbouwing.as_str()),
        Some("Plan aangeleverd.")
    );

    // The definitive rapport's bijlage says what changed.
    let text = report::build(&i, &ReportOptions::new(false, date(1, 12))).plain_text();
    assert!(
        text.contains(
            "Gewijzigd: 1.3.1: van onvoldoende naar voldoende; 1.3.2: onderbouwing aangepast"
        ),
        "{text}"
    );
}
