//! Unit tests of the overzicht: ranking, refusals, and that `compleet` follows
//! [`Inspection::status`] like the score JSON and the rapport.

use super::*;
use crate::domain::inspection::{Details, OordeelData, Record, Stamp};
use crate::kader_io;
use jiff::Timestamp;
use uuid::Uuid;

fn inspection(kader: &str, organisatie: &str, failed: &[&str]) -> Inspection {
    let fw = kader_io::builtin(kader).expect("built-in kader").clone();
    let at = Timestamp::UNIX_EPOCH;
    let mut i = Inspection::new(Uuid::now_v7(), fw, at);
    let author = i.add_inspector("E. Voorbeeld");
    let stamp = || Stamp {
        rev: Uuid::now_v7(),
        at,
    };
    let details = i.change(
        &i.details_id(),
        Record::Details(Details {
            organisatie: organisatie.into(),
            ..Details::default()
        }),
        author,
        stamp(),
    );
    i.apply(details);
    let ids: Vec<String> = scored_ids(&i).into_iter().map(str::to_string).collect();
    for id in ids {
        let text = failed
            .iter()
            .find_map(|f| {
                let (fid, variant) = f.split_once(':').unwrap_or((f, ""));
                (fid == id).then(|| {
                    if variant.is_empty() {
                        "onvoldoende".to_string()
                    } else {
                        format!("onvoldoende:{variant}")
                    }
                })
            })
            .unwrap_or_else(|| "voldoende".to_string());
        let data = OordeelData::parse(&i.framework, &id, &text, String::new()).unwrap();
        let change = i.change(&id, Record::Oordeel(data), author, stamp());
        i.apply(change);
    }
    i
}

#[test]
fn ranks_by_verdict_then_met_then_name() {
    let a = inspection("vt-2016-stap2", "Veilig Thuis Zeeland", &["1.5.3"]);
    let b = inspection("vt-2016-stap2", "Veilig Thuis Amstelland", &["1.5.3"]);
    let c = inspection("vt-2016-stap2", "Veilig Thuis Brabant", &[]);
    let d = inspection(
        "vt-2016-stap2",
        "Veilig Thuis Wachtend",
        &["2.1.1:wachtlijst"],
    );
    let paths = ["a", "b", "c", "d"].map(Path::new);
    let o = build(&[
        (paths[0], &a),
        (paths[1], &b),
        (paths[2], &c),
        (paths[3], &d),
    ])
    .unwrap();
    let names: Vec<&str> = o
        .organisaties
        .iter()
        .map(|r| r.organisatie.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "Veilig Thuis Brabant",
            "Veilig Thuis Amstelland",
            "Veilig Thuis Zeeland",
            "Veilig Thuis Wachtend"
        ]
    );
    let wachtend = &o.organisaties[3];
    assert!(wachtend.wachtlijst);
    assert_eq!(wachtend.eindoordeel, Verdict::Matig);
    assert_eq!(wachtend.onvoldoende_verwachtingen, ["2.1.1"]);
    assert!(!o.organisaties[0].wachtlijst);
    assert_eq!(o.organisaties[3].positie, 4);
    assert_eq!(o.verwachtingen.len(), 30);
    let col = o
        .verwachtingen
        .iter()
        .position(|k| k.id == "1.5.3")
        .unwrap();
    assert_eq!(o.per_verwachting[col].onvoldoende, 2);
    assert_eq!(o.per_verwachting[col].voldoende, 2);
    assert_eq!(
        o.eindoordelen,
        EindoordeelTelling {
            voldoende: 3,
            matig: 1,
            onvoldoende: 0,
            nog_geen_oordeel: 0,
        }
    );
    let json = serde_json::to_value(&o).unwrap();
    assert_eq!(json["organisaties"][3]["eindoordeel"], "matig");
    assert_eq!(json["organisaties"][0]["oordelen"][col], "voldoende");
    assert_eq!(json["organisaties"][1]["oordelen"][col], "onvoldoende");
    let wl = o
        .verwachtingen
        .iter()
        .position(|k| k.id == "2.1.1")
        .unwrap();
    assert_eq!(
        json["organisaties"][3]["oordelen"][wl],
        "onvoldoende:wachtlijst"
    );
}

#[test]
fn refuses_mixed_kaders_and_duplicate_onderzoeken() {
    let a = inspection("vt-2016-stap2", "A", &[]);
    let b = inspection("vt-2015-stap1", "B", &[]);
    let err = build(&[
        (Path::new("a.veldtoets"), &a),
        (Path::new("b.veldtoets"), &b),
    ])
    .unwrap_err();
    assert!(matches!(err, OverzichtError::MixedKader { .. }), "{err}");
    assert!(err.to_string().contains("b.veldtoets"), "{err}");
    let err = build(&[
        (Path::new("a.veldtoets"), &a),
        (Path::new("a2.veldtoets"), &a),
    ])
    .unwrap_err();
    assert!(matches!(err, OverzichtError::SameOnderzoek { .. }), "{err}");
    assert!(err.to_string().contains("veldtoets merge"), "{err}");
    assert_eq!(build(&[]).unwrap_err(), OverzichtError::Empty);
}

#[test]
fn compleet_follows_the_status_everywhere() {
    use crate::domain::status::Status;
    use crate::json::ScoreJson;
    use crate::report::{ReportOptions, build as rapport};

    let date = jiff::civil::date(2026, 10, 20);
    let agree = |i: &Inspection| {
        let status = i.status();
        let o = build(&[(Path::new("x.veldtoets"), i)]).unwrap();
        let row = &o.organisaties[0];
        assert_eq!(row.compleet, status.is_final(), "{status:?}");
        assert_eq!(row.nog_geen_oordeel, status.is_no_judgement(), "{status:?}");
        assert_eq!(ScoreJson::of_inspection(i).compleet, status.is_final());
        let meta = rapport(i, &ReportOptions::new(false, date)).meta;
        assert_eq!(meta.provisional, !status.is_final(), "{status:?}");
        status
    };

    let mut i = inspection("vt-2016-stap2", "Veilig Thuis Heel", &["1.5.3"]);
    assert_eq!(agree(&i), Status::Final(Verdict::Voldoende));

    // Concurrent, different oordelen on the inventoried 1.4.4: the score is complete, the
    // eindoordeel is not final.
    let oordeel = |i: &Inspection, value: &str| {
        Record::Oordeel(OordeelData::parse(&i.framework, "1.4.4", value, String::new()).unwrap())
    };
    let stamp = || Stamp {
        rev: Uuid::now_v7(),
        at: Timestamp::UNIX_EPOCH,
    };
    let a = i.add_inspector("A");
    let b = i.add_inspector("B");
    let first = i.change("1.4.4", oordeel(&i, "voldoende"), a, stamp());
    let second = i.change("1.4.4", oordeel(&i, "onvoldoende"), b, stamp());
    i.apply(first);
    i.apply(second);
    let status = agree(&i);
    assert!(
        matches!(status, Status::Provisional(Verdict::Voldoende, _)),
        "{status:?}"
    );
    assert_eq!(status.conflicts(), ["1.4.4"]);
    assert!(status.not_judged().is_empty());

    // Nothing judged: no eindoordeel at all; every scored verwachting is named.
    let fw = kader_io::builtin("vt-2016-stap2").unwrap().clone();
    let empty = Inspection::new(Uuid::now_v7(), fw, Timestamp::UNIX_EPOCH);
    let status = agree(&empty);
    assert!(status.is_no_judgement(), "{status:?}");
    assert_eq!(status.verdict(), None);
    assert_eq!(status.not_judged().len(), 30);
}
