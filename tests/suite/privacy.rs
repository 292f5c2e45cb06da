//! The privacy check on a real file: the demo's onderbouwingen name no case; a planted dossier
//! number and phone number are found; keeping one explicitly (with a reason) is stored, survives
//! reopening, and leaves only the other open.

use veldtoets::domain::inspection::{OordeelData, Record, Stamp};
use veldtoets::domain::privacy::FindingKind;
use veldtoets::store::Store;

#[test]
fn findings_are_found_kept_explicitly_and_stored() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.veldtoets");
    let (mut store, mut i) = veldtoets::demo::create(&path).unwrap();
    assert_eq!(i.privacy_findings(), Vec::new(), "the demo names no case");

    let who = *i.inspectors.keys().next().unwrap();
    let number = i.dossier_list()[1].data.nummer.clone();
    let text = format!(
        "In dossier {number} ontbrak het plan; de teamleider is bereikbaar op 06-12345678. Verwachting 1.3.1 geldt op 03-02-2026."
    );
    let data = OordeelData::parse(&i.framework, "1.3.1", "onvoldoende", text).unwrap();
    let change = i.change("1.3.1", Record::Oordeel(data), who, Stamp::now());
    store.append(&change).unwrap();
    i.apply(change);

    let found = i.open_privacy_findings();
    let kinds: Vec<(FindingKind, &str)> = found
        .iter()
        .map(|f| (f.kind, f.fragment.as_str()))
        .collect();
    assert_eq!(
        kinds,
        [
            (FindingKind::Dossiernummer, number.as_str()),
            (FindingKind::Telefoonnummer, "06-12345678")
        ]
    );
    assert_eq!(
        found[1].line(),
        "onderbouwing 1.3.1: telefoonnummer '06-12345678'"
    );
    // Keeping needs a reason.
    assert!(i.keep_finding(&found[1], "  ", who, Stamp::now()).is_none());
    let keep = i
        .keep_finding(
            &found[1],
            "algemeen nummer van de organisatie",
            who,
            Stamp::now(),
        )
        .unwrap();
    store.append(&keep).unwrap();
    drop(store);

    let (_store, reopened, _) = Store::open(&path).unwrap();
    let all = reopened.privacy_findings();
    assert_eq!(all.len(), 2);
    assert_eq!(
        all[1].kept.as_deref(),
        Some("algemeen nummer van de organisatie")
    );
    let open: Vec<String> = reopened
        .open_privacy_findings()
        .iter()
        .map(|f| f.fragment.clone())
        .collect();
    assert_eq!(open, [number]);
}

/// A criterion onderbouwing and the texts of an earlier round are in the rapport too: they are
/// scanned, the earlier round's named as such (it can only be kept, not edited).
#[test]
fn criterion_onderbouwingen_and_earlier_rounds_are_scanned() {
    use veldtoets::domain::inspection::{Round, RoundOordeel};
    let framework = veldtoets::kader_io::builtin("vt-2015-stap1")
        .expect("stap 1")
        .clone();
    let mut i = veldtoets::domain::inspection::Inspection::new(
        uuid::Uuid::from_u64_pair(3, 3),
        framework,
        jiff::Timestamp::UNIX_EPOCH,
    );
    let who = i.add_inspector("E. Voorbeeld");
    let change = i
        .set_criterion_oordeel(
            "1.1",
            "M",
            "Bereikbaar via info@veenland.example; verder op orde.",
            who,
            Stamp::now(),
        )
        .unwrap();
    i.apply(change);
    i.rounds = vec![Round {
        onderzoek: "eerder".into(),
        naam: "Onderzoek".into(),
        omschrijving: "Veilig Thuis Veenland".into(),
        datum: None,
        eindoordeel: None,
        oordelen: [(
            "1.1.1".to_string(),
            RoundOordeel {
                oordeel: "onvoldoende".into(),
                onderbouwing: "De dienst was alleen via 06-12345678 bereikbaar.".into(),
            },
        )]
        .into(),
        criteria: Default::default(),
    }];
    let lines: Vec<String> = i.privacy_findings().iter().map(|f| f.line()).collect();
    assert_eq!(
        lines,
        [
            "onderbouwing Ad 1.1: e-mailadres 'info@veenland.example'",
            "onderbouwing 1.1.1 (onderzoek): telefoonnummer '06-12345678'",
        ]
    );
}
