//! Duplicate natural keys after a merge (issue 10, item 3): two inspectors each add dossier
//! "VTG-2026-0668" (or a free document with one name) on their own copy; after the merge the two
//! records are found, counted once (termijn shares, "x van y dossiers"), keep the eindoordeel
//! voorlopig and named, are listed in the JSON as `dubbelen`, and can be resolved by merging
//! ("samenvoegen", with what is lost listed beforehand) or renumbering ("hernummeren").

use crate::common;

use std::path::{Path, PathBuf};

use jiff::Timestamp;
use jiff::civil::Date;
use uuid::Uuid;
use veldtoets::domain::duplicates::{Duplicate, MergePlan};
use veldtoets::domain::evidence;
use veldtoets::domain::inspection::{
    Change, CheckAnswer, CheckData, DocumentData, DossierData, Inspection, Kind, OordeelData,
    Record, Selection, Stamp,
};
use veldtoets::domain::status::Status;
use veldtoets::domain::termijn::{CaseDates, DateKind, DeadlineSummary};
use veldtoets::json::{ExportJson, FileCheckJson};
use veldtoets::kader_io;
use veldtoets::store::{self, MergeOutcome, Store};

// ---------------------------------------------------------------------------------------------
// Helpers

const NUMMER: &str = "VTG-2026-0668";
/// The dossier copy A adds, and copy B's: fixed ids, A's the smaller.
const DOSSIER_A: &str = "00000000-0000-4000-8000-00000000000a";
const DOSSIER_B: &str = "00000000-0000-4000-8000-00000000000b";
/// An ordinary dossier both copies have from the start.
const DOSSIER_BASE: &str = "00000000-0000-4000-8000-000000000001";
const DOCUMENT_A: &str = "00000000-0000-4000-8000-0000000000da";
const DOCUMENT_B: &str = "00000000-0000-4000-8000-0000000000db";

fn date(d: i8, m: i8) -> Option<Date> {
    Some(Date::new(2026, m, d).unwrap())
}

struct Copies {
    _dir: tempfile::TempDir,
    dir: PathBuf,
    a: PathBuf,
    b: PathBuf,
}

/// A fresh inspection with every scored verwachting judged voldoende (so its eindoordeel is
/// final) and one ordinary dossier, and two copies of it, `a.veldtoets` and `b.veldtoets`.
fn copies() -> Copies {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().to_path_buf();
    let base = path.join("basis.veldtoets");
    let framework = kader_io::builtin("vt-2016-stap2").unwrap();
    let (mut store, inspection) = Store::create(
        &base,
        framework,
        "Veilig Thuis Proefregio",
        "E. Voorbeeld",
        Stamp::now(),
    )
    .unwrap();
    let author = *inspection.inspectors.keys().next().unwrap();
    let mut changes = Vec::new();
    for e in inspection.framework.expectations() {
        if e.expectation.assessment.is_scored() {
            let id = &e.expectation.id;
            let data =
                OordeelData::parse(&inspection.framework, id, "voldoende", "basis".into()).unwrap();
            changes.push(inspection.change(id, Record::Oordeel(data), author, Stamp::now()));
        }
    }
    let dates = CaseDates::default()
        .with(DateKind::MELDING_ONTVANGEN, date(1, 2))
        .with(DateKind::TRIAGEBESLUIT, date(2, 2))
        .with(DateKind::START_ONDERZOEK, date(10, 2));
    changes.push(inspection.change(
        DOSSIER_BASE,
        Record::Dossier(DossierData {
            nummer: "VTG-2026-0001".into(),
            dates,
            ..DossierData::default()
        }),
        author,
        Stamp::now(),
    ));
    changes.push(check(
        &inspection,
        DOSSIER_BASE,
        "dos-1.1.1",
        CheckAnswer::Nee,
        "",
        author,
    ));
    store.append_all(&changes).unwrap();
    drop(store);
    let a = path.join("a.veldtoets");
    let b = path.join("b.veldtoets");
    std::fs::copy(&base, &a).unwrap();
    std::fs::copy(&base, &b).unwrap();
    Copies {
        _dir: dir,
        dir: path,
        a,
        b,
    }
}

fn check(
    inspection: &Inspection,
    dossier: &str,
    vraag: &str,
    antwoord: CheckAnswer,
    notitie: &str,
    author: Uuid,
) -> Change {
    inspection.change(
        &inspection.check_id(dossier, vraag),
        Record::Check(CheckData {
            dossier: dossier.into(),
            vraag: vraag.into(),
            antwoord,
            notitie: notitie.into(),
        }),
        author,
        Stamp::now(),
    )
}

/// Opens `path`, lets `edit` build changes as inspecteur `who`, stores them.
fn edit(path: &Path, who: &str, edit: impl FnOnce(&Inspection, Uuid) -> Vec<Change>) {
    let (mut store, mut inspection, _) = Store::open(path).unwrap();
    let author = inspection.add_inspector(who);
    store.add_inspector(author, who).unwrap();
    let changes = edit(&inspection, author);
    store.append_all(&changes).unwrap();
}

fn dossier(nummer: &str, selectie: Selection, dates: CaseDates, notitie: &str) -> Record {
    Record::Dossier(DossierData {
        nummer: nummer.into(),
        selectie,
        dates,
        notitie: notitie.into(),
    })
}

/// Copy A (E. Voorbeeld) adds VTG-2026-0668 with its dates and answers.
fn add_in_a(path: &Path, nummer: &str) {
    edit(path, "E. Voorbeeld", |i, who| {
        let dates = CaseDates::default()
            .with(DateKind::MELDING_ONTVANGEN, date(3, 2))
            .with(DateKind::TRIAGEBESLUIT, date(5, 2))
            .with(DateKind::START_ONDERZOEK, date(6, 2));
        vec![
            i.change(
                DOSSIER_A,
                dossier(nummer, Selection::Willekeurig, dates, "van A"),
                who,
                Stamp::now(),
            ),
            check(i, DOSSIER_A, "dos-1.1.1", CheckAnswer::Ja, "", who),
            check(i, DOSSIER_A, "dos-1.1.1b", CheckAnswer::Ja, "", who),
            check(
                i,
                DOSSIER_A,
                "dos-1.3.1",
                CheckAnswer::Nee,
                "geen plan",
                who,
            ),
        ]
    });
}

/// Copy B (J. Proef) adds the same number with other dates and answers.
fn add_in_b(path: &Path, nummer: &str) {
    edit(path, "J. Proef", |i, who| {
        let dates = CaseDates::default()
            .with(DateKind::MELDING_ONTVANGEN, date(5, 2))
            .with(DateKind::TRIAGEBESLUIT, date(7, 2))
            .with(DateKind::START_ONDERZOEK, date(20, 2))
            .with(DateKind::AFRONDING_ONDERZOEK, date(1, 4));
        vec![
            i.change(
                DOSSIER_B,
                dossier(nummer, Selection::Gericht, dates, "van B"),
                who,
                Stamp::now(),
            ),
            check(i, DOSSIER_B, "dos-1.1.1", CheckAnswer::Ja, "", who),
            check(
                i,
                DOSSIER_B,
                "dos-1.1.1b",
                CheckAnswer::Nee,
                "niet besproken",
                who,
            ),
            check(i, DOSSIER_B, "dos-1.2.1", CheckAnswer::Nvt, "", who),
        ]
    });
}

fn merge(target: &Path, sources: &[&Path]) -> MergeOutcome {
    store::merge(target, sources, &mut |_| {}).unwrap()
}

/// Both copies add VTG-2026-0668 (B's spelt `b_nummer`), merged into `merged.veldtoets`.
fn merged_with(b_nummer: &str) -> (Copies, PathBuf, Inspection) {
    let c = copies();
    add_in_a(&c.a, NUMMER);
    add_in_b(&c.b, b_nummer);
    let target = c.dir.join("merged.veldtoets");
    let outcome = merge(&target, &[&c.a, &c.b]);
    (c, target, outcome.inspection)
}

fn summaries(inspection: &Inspection) -> Vec<(String, DeadlineSummary)> {
    inspection
        .framework
        .deadlines
        .iter()
        .map(|d| d.id.clone())
        .zip(inspection.deadline_summaries())
        .collect()
}

fn summary(inspection: &Inspection, termijn: &str) -> DeadlineSummary {
    summaries(inspection)
        .into_iter()
        .find(|(id, _)| id == termijn)
        .unwrap()
        .1
}

fn counted(met: u32, missed: u32, unknown: u32) -> DeadlineSummary {
    DeadlineSummary {
        met,
        missed,
        unknown,
        ..DeadlineSummary::default()
    }
}

/// The "x van y dossiers" line of checklist item `vraag` in the evidence of `verwachting`.
fn check_summary(inspection: &Inspection, verwachting: &str, vraag: &str) -> String {
    let ev = evidence::evidence(inspection, verwachting);
    let c = ev.checks.iter().find(|c| c.question.id == vraag).unwrap();
    c.summary()
}

/// The export JSON without the export time.
fn export(inspection: &Inspection) -> serde_json::Value {
    let mut v = serde_json::to_value(ExportJson::new(inspection, Timestamp::UNIX_EPOCH)).unwrap();
    v.as_object_mut().unwrap().remove("geexporteerd_op");
    v
}

/// Stores `changes` in `path` and returns the file as reopened.
fn store_and_reopen(path: &Path, changes: &[Change]) -> Inspection {
    let (mut store, _, _) = Store::open(path).unwrap();
    store.append_all(changes).unwrap();
    drop(store);
    Store::open_read_only(path).unwrap().1
}

fn author(inspection: &mut Inspection, name: &str) -> Uuid {
    inspection.add_inspector(name)
}

/// Stamps for a plan: the real clock (the tests read it; the domain does not).
fn stamps() -> impl FnMut() -> Stamp {
    Stamp::now
}

const DESCRIPTION: &str = "dossiernummer VTG-2026-0668 staat 2 keer in het onderzoek";

// ---------------------------------------------------------------------------------------------
// Detecting, counting, status, JSON

#[test]
fn each_copy_alone_is_final_and_without_duplicates() {
    let c = copies();
    add_in_a(&c.a, NUMMER);
    add_in_b(&c.b, NUMMER);
    for path in [&c.a, &c.b] {
        let inspection = Store::open_read_only(path).unwrap().1;
        assert_eq!(inspection.duplicates(), []);
        assert!(inspection.status().is_final(), "{:?}", inspection.status());
        assert_eq!(inspection.dossier_count(), 2);
    }
}

#[test]
fn a_merge_of_two_copies_adding_one_number_finds_one_duplicate() {
    let (_c, _, merged) = merged_with(NUMMER);
    assert_eq!(merged.dossier_list().len(), 3, "both records are kept");
    assert_eq!(
        merged.duplicates(),
        [Duplicate {
            kind: Kind::Dossier,
            key: NUMMER.into(),
            entities: vec![DOSSIER_A.into(), DOSSIER_B.into()],
        }]
    );
    assert_eq!(merged.duplicates()[0].description(), DESCRIPTION);
    assert_eq!(merged.all_conflicts(), [], "two records, not a conflict");
    assert_eq!(merged.dossier_count(), 2);
    let groups: Vec<Vec<&str>> = merged
        .dossier_groups()
        .iter()
        .map(|g| g.iter().map(|d| d.meta.entity.as_str()).collect())
        .collect();
    assert_eq!(groups, [vec![DOSSIER_BASE], vec![DOSSIER_A, DOSSIER_B]]);
}

#[test]
fn the_termijn_shares_count_the_duplicate_once() {
    let (_c, _, merged) = merged_with(NUMMER);
    // Triage: base 1 day; A 03-02 → 05-02 and B 05-02 → 07-02, both 2 days: one outcome, met.
    assert_eq!(summary(&merged, "triage"), counted(2, 0, 0));
    // Start: base 9 days (late); A 3 days (met), B 15 days (late): the group disagrees → unknown.
    assert_eq!(summary(&merged, "start_onderzoek"), counted(0, 1, 1));
    // Afronding: base has no date (unknown); A none, B 01-04: disagree → unknown, once.
    assert_eq!(summary(&merged, "afronding_onderzoek"), counted(0, 0, 2));
    assert_eq!(summary(&merged, "vervolgtraject"), counted(0, 0, 2));
    // The export's termijnen say the same.
    let json = export(&merged);
    let triage = &json["termijnen"][0];
    assert_eq!(triage["id"], "triage");
    assert_eq!(
        (&triage["binnen"], &triage["te_laat"], &triage["onbekend"]),
        (&2.into(), &0.into(), &0.into())
    );
}

#[test]
fn the_evidence_counts_the_duplicate_once_and_only_where_its_answers_agree() {
    let (_c, _, merged) = merged_with(NUMMER);
    // dos-1.1.1: base nee; A and B both ja → one ja, not two.
    assert_eq!(
        check_summary(&merged, "1.1.1", "dos-1.1.1"),
        "ja in 1 van 2 dossiers"
    );
    // dos-1.1.1b: base unanswered; A ja, B nee → unresolved, once.
    assert_eq!(
        check_summary(&merged, "1.1.1", "dos-1.1.1b"),
        "ja in 0 van 0 dossiers, 1 nog niet bekeken, 1 met een onopgelost conflict (voorlopig niet meegeteld)"
    );
    let ev = evidence::evidence(&merged, "1.1.1");
    let c = ev
        .checks
        .iter()
        .find(|c| c.question.id == "dos-1.1.1b")
        .unwrap();
    assert_eq!(c.conflict_dossiers, [NUMMER]);
    // dos-1.3.1: only A answered (nee): the group says nee, with A's note.
    let ev = evidence::evidence(&merged, "1.3.1");
    let c = ev
        .checks
        .iter()
        .find(|c| c.question.id == "dos-1.3.1")
        .unwrap();
    assert_eq!((c.ja, c.nee, c.nvt, c.open, c.conflict), (0, 1, 0, 1, 0));
    assert_eq!(
        c.nee_dossiers,
        [(NUMMER.to_string(), "geen plan".to_string())]
    );
    // dos-1.2.1: only B answered (n.v.t.).
    assert_eq!(
        check_summary(&merged, "1.2.1", "dos-1.2.1"),
        "ja in 0 van 0 dossiers, 1 n.v.t., 1 nog niet bekeken"
    );
    // `counts` (every verwachting at once) agrees with `evidence` (one at a time).
    let counts = evidence::counts(&merged);
    for (i, e) in merged.framework.expectations().iter().enumerate() {
        assert_eq!(
            counts[i],
            evidence::evidence(&merged, &e.expectation.id).count(),
            "{}",
            e.expectation.id
        );
    }
}

#[test]
fn a_duplicate_keeps_the_eindoordeel_provisional_and_is_named() {
    let (_c, _, merged) = merged_with(NUMMER);
    let status = merged.status();
    assert!(!status.is_final());
    assert!(matches!(status, Status::Provisional(..)), "{status:?}");
    assert_eq!(status.record_conflicts(), [DESCRIPTION]);
    assert_eq!(status.conflicts(), [] as [String; 0]);
    assert_eq!(status.not_judged(), [] as [String; 0]);
    // The score JSON (and so `export`) says it is not complete.
    assert_eq!(export(&merged)["score"]["compleet"], false);
}

#[test]
fn the_json_lists_the_duplicate_as_dubbelen() {
    let (_c, target, merged) = merged_with(NUMMER);
    let expected = serde_json::json!([{
        "soort": "dossier",
        "sleutel": NUMMER,
        "records": [DOSSIER_A, DOSSIER_B],
        "omschrijving": DESCRIPTION,
    }]);
    let json = export(&merged);
    assert_eq!(json["dubbelen"], expected);
    assert_eq!(json["conflicten"], serde_json::json!([]));
    // Both dossiers are still exported as they are.
    assert_eq!(json["dossiers"].as_array().unwrap().len(), 3);

    let (store, inspection) = Store::open_read_only(&target).unwrap();
    let report = store.check().unwrap();
    let check = serde_json::to_value(FileCheckJson::new(&target, &report, &inspection)).unwrap();
    assert_eq!(check["dubbelen"], expected);

    // And through the real binary.
    let dir = common::TestDir::new();
    let out = dir
        .run(["check".as_ref(), target.as_os_str(), "--json".as_ref()])
        .success()
        .json();
    assert_eq!(out["dubbelen"], expected);
    let out = dir
        .run([
            "export".as_ref(),
            target.as_os_str(),
            "--json".as_ref(),
            "-".as_ref(),
        ])
        .success()
        .json();
    assert_eq!(out["dubbelen"], expected);
}

#[test]
fn the_merge_json_lists_the_duplicate() {
    let c = copies();
    add_in_a(&c.a, NUMMER);
    add_in_b(&c.b, NUMMER);
    let target = c.dir.join("merged.veldtoets");
    let outcome = merge(&target, &[&c.a, &c.b]);
    let json = serde_json::to_value(veldtoets::json::MergeJson::new(&target, &outcome)).unwrap();
    assert_eq!(json["dubbelen"][0]["sleutel"], NUMMER);
    assert_eq!(
        json["dubbelen"][0]["records"],
        serde_json::json!([DOSSIER_A, DOSSIER_B])
    );
}

#[test]
fn the_rapport_names_the_duplicate_in_its_voorlopig_notice() {
    let (_c, _, merged) = merged_with(NUMMER);
    let options = veldtoets::report::ReportOptions::new(true, Date::new(2026, 3, 1).unwrap());
    let text = veldtoets::report::build(&merged, &options).to_text();
    assert!(
        text.contains(
            "dossiernummer VTG-2026-0668 staat 2 keer in het onderzoek (dubbel vastgelegd); tot de inspecteurs dat oplossen door samen te voegen of te hernummeren, telt het als één en alleen waar de gegevens overeenkomen"
        ),
        "{text}"
    );
    assert!(
        !text.contains("(dossiernummer VTG-2026-0668 staat 2 keer in het onderzoek) staan"),
        "not worded as a conflict between versions"
    );
}

#[test]
fn a_number_differing_in_case_and_blanks_is_the_same_number() {
    let (_c, _, merged) = merged_with(" vtg-2026-0668 ");
    assert_eq!(
        merged.duplicates(),
        [Duplicate {
            kind: Kind::Dossier,
            key: NUMMER.into(),
            entities: vec![DOSSIER_A.into(), DOSSIER_B.into()],
        }]
    );
    assert_eq!(merged.dossier_count(), 2);
    assert_eq!(merged.status().record_conflicts(), [DESCRIPTION]);
}

#[test]
fn a_deleted_dossier_is_not_a_duplicate() {
    let c = copies();
    add_in_a(&c.a, NUMMER);
    add_in_b(&c.b, NUMMER);
    edit(&c.b, "J. Proef", |i, who| {
        let data = i.dossiers.get(DOSSIER_B).unwrap().data.clone();
        vec![i.deletion(DOSSIER_B, Record::Dossier(data), who, Stamp::now())]
    });
    let merged = merge(&c.dir.join("merged.veldtoets"), &[&c.a, &c.b]).inspection;
    assert_eq!(merged.duplicates(), []);
    assert_eq!(merged.dossier_count(), 2);
    assert_eq!(summary(&merged, "triage"), counted(2, 0, 0));
    assert!(merged.status().is_final(), "{:?}", merged.status());
}

// ---------------------------------------------------------------------------------------------
// Resolving

#[test]
fn merging_makes_one_dossier_with_the_union_of_checks_and_lists_what_is_lost() {
    let (c, target, mut merged) = merged_with(NUMMER);
    let who = author(&mut merged, "E. Voorbeeld");
    let plan: MergePlan = merged
        .merge_duplicate(Kind::Dossier, DOSSIER_A, DOSSIER_B, who, &mut stamps())
        .unwrap();
    assert_eq!(
        plan.differences,
        [
            "selectie: willekeurig behouden, gericht (J. Proef) vervalt",
            "melding ontvangen: 03-02-2026 behouden, 05-02-2026 (J. Proef) vervalt",
            "triagebesluit: 05-02-2026 behouden, 07-02-2026 (J. Proef) vervalt",
            "start onderzoek: 06-02-2026 behouden, 20-02-2026 (J. Proef) vervalt",
            "notitie: beide teksten blijven bewaard (de tekst van J. Proef wordt achter de behouden tekst gezet)",
            "dossiervraag dos-1.1.1b: ja behouden, nee (J. Proef) vervalt",
        ]
    );
    // New A, dos-1.2.1 moved, tombstones for B's three checks and B itself.
    let shape: Vec<(Kind, String, bool)> = plan
        .changes
        .iter()
        .map(|c| (c.data.kind(), c.meta.entity.clone(), c.meta.deleted))
        .collect();
    assert_eq!(
        shape,
        [
            (Kind::Dossier, DOSSIER_A.to_string(), false),
            (Kind::Check, merged.check_id(DOSSIER_A, "dos-1.2.1"), false),
            (Kind::Check, merged.check_id(DOSSIER_B, "dos-1.1.1"), true),
            (Kind::Check, merged.check_id(DOSSIER_B, "dos-1.1.1b"), true),
            (Kind::Check, merged.check_id(DOSSIER_B, "dos-1.2.1"), true),
            (Kind::Dossier, DOSSIER_B.to_string(), true),
        ]
    );

    let after = store_and_reopen(&target, &plan.changes);
    assert_eq!(after.duplicates(), []);
    assert_eq!(after.all_conflicts(), []);
    let numbers: Vec<(&str, &str)> = after
        .dossier_list()
        .iter()
        .map(|d| (d.meta.entity.as_str(), d.data.nummer.as_str()))
        .collect();
    assert_eq!(
        numbers,
        [(DOSSIER_BASE, "VTG-2026-0001"), (DOSSIER_A, NUMMER)]
    );
    let kept = &after.dossiers.get(DOSSIER_A).unwrap().data;
    assert_eq!(kept.selectie, Selection::Willekeurig);
    assert_eq!(kept.dates.get(DateKind::MELDING_ONTVANGEN), date(3, 2));
    assert_eq!(
        kept.dates.get(DateKind::AFRONDING_ONDERZOEK),
        date(1, 4),
        "filled from B"
    );
    assert_eq!(kept.notitie, "van A\n\nvan B");
    let checks: Vec<(&str, CheckAnswer, &str)> = after
        .checks_of(DOSSIER_A)
        .iter()
        .map(|(v, c)| (*v, c.data.antwoord, c.data.notitie.as_str()))
        .collect();
    assert_eq!(
        checks,
        [
            ("dos-1.1.1", CheckAnswer::Ja, ""),
            ("dos-1.1.1b", CheckAnswer::Ja, ""),
            ("dos-1.2.1", CheckAnswer::Nvt, ""),
            ("dos-1.3.1", CheckAnswer::Nee, "geen plan"),
        ]
    );
    assert!(after.checks_of(DOSSIER_B).is_empty());
    assert!(after.status().is_final(), "{:?}", after.status());
    assert_eq!(summary(&after, "triage"), counted(2, 0, 0));
    assert_eq!(summary(&after, "start_onderzoek"), counted(1, 1, 0));

    // Merging copy B in again brings nothing back: the tombstones replace B's versions.
    let again = merge(&target, &[&c.b]).inspection;
    assert_eq!(again.duplicates(), []);
    assert_eq!(again.dossier_count(), 2);
}

#[test]
fn merging_the_other_way_keeps_b_and_fills_it_from_a() {
    let (_c, target, mut merged) = merged_with(NUMMER);
    let who = author(&mut merged, "J. Proef");
    let plan = merged
        .merge_duplicate(Kind::Dossier, DOSSIER_B, DOSSIER_A, who, &mut stamps())
        .unwrap();
    assert_eq!(
        plan.differences,
        [
            "selectie: gericht behouden, willekeurig (E. Voorbeeld) vervalt",
            "melding ontvangen: 05-02-2026 behouden, 03-02-2026 (E. Voorbeeld) vervalt",
            "triagebesluit: 07-02-2026 behouden, 05-02-2026 (E. Voorbeeld) vervalt",
            "start onderzoek: 20-02-2026 behouden, 06-02-2026 (E. Voorbeeld) vervalt",
            "notitie: beide teksten blijven bewaard (de tekst van E. Voorbeeld wordt achter de behouden tekst gezet)",
            "dossiervraag dos-1.1.1b: nee behouden, ja (E. Voorbeeld) vervalt",
        ]
    );
    let after = store_and_reopen(&target, &plan.changes);
    let answers: Vec<(&str, CheckAnswer)> = after
        .checks_of(DOSSIER_B)
        .iter()
        .map(|(v, c)| (*v, c.data.antwoord))
        .collect();
    assert_eq!(
        answers,
        [
            ("dos-1.1.1", CheckAnswer::Ja),
            ("dos-1.1.1b", CheckAnswer::Nee),
            ("dos-1.2.1", CheckAnswer::Nvt),
            ("dos-1.3.1", CheckAnswer::Nee),
        ]
    );
    assert_eq!(
        after
            .checks
            .get(&after.check_id(DOSSIER_B, "dos-1.3.1"))
            .unwrap()
            .data
            .dossier,
        DOSSIER_B
    );
    assert!(after.dossiers.get(DOSSIER_A).is_none());
    assert!(after.status().is_final());
}

#[test]
fn renumbering_makes_both_count_and_the_status_final_again() {
    let (_c, target, mut merged) = merged_with(NUMMER);
    let who = author(&mut merged, "J. Proef");
    // Refused: empty, the number itself in another spelling, a number in use, an unknown dossier.
    for nummer in ["", "   ", "vtg-2026-0668", "VTG-2026-0001"] {
        assert!(
            merged
                .renumber(DOSSIER_B, nummer, who, Stamp::now())
                .is_none(),
            "{nummer:?}"
        );
    }
    assert_eq!(
        merged.rekey_refusal(Kind::Dossier, DOSSIER_B, "VTG-2026-0001"),
        Some("dossiernummer VTG-2026-0001 is al in gebruik; kies een ander nummer".into())
    );
    assert!(
        merged
            .renumber("onbekend", "X-1", who, Stamp::now())
            .is_none()
    );

    let change = merged
        .renumber(DOSSIER_B, " VTG-2026-0669 ", who, Stamp::now())
        .unwrap();
    assert_eq!(change.meta.replaces, merged.heads(Kind::Dossier, DOSSIER_B));
    let after = store_and_reopen(&target, &[change]);
    assert_eq!(after.duplicates(), []);
    assert_eq!(
        after.dossiers.get(DOSSIER_B).unwrap().data.nummer,
        "VTG-2026-0669"
    );
    assert_eq!(after.dossier_count(), 3);
    assert_eq!(summary(&after, "triage"), counted(3, 0, 0));
    assert_eq!(summary(&after, "start_onderzoek"), counted(1, 2, 0));
    assert_eq!(
        check_summary(&after, "1.1.1", "dos-1.1.1"),
        "ja in 2 van 3 dossiers"
    );
    assert_eq!(
        check_summary(&after, "1.1.1", "dos-1.1.1b"),
        "ja in 1 van 2 dossiers, 1 nog niet bekeken"
    );
    assert!(after.status().is_final(), "{:?}", after.status());
    assert_eq!(export(&after)["dubbelen"], serde_json::json!([]));
}

#[test]
fn two_free_documents_with_one_name_are_a_duplicate_and_can_be_merged_or_renamed() {
    let c = copies();
    let doc = |naam: &str, ontvangen: bool, notitie: &str| {
        Record::Document(DocumentData {
            item: None,
            naam: naam.into(),
            ontvangen,
            notitie: notitie.into(),
        })
    };
    edit(&c.a, "E. Voorbeeld", |i, who| {
        vec![i.change(
            DOCUMENT_A,
            doc("Jaarverslag 2025", false, "opgevraagd"),
            who,
            Stamp::now(),
        )]
    });
    edit(&c.b, "J. Proef", |i, who| {
        vec![i.change(
            DOCUMENT_B,
            doc("jaarverslag 2025 ", true, "ontvangen per mail"),
            who,
            Stamp::now(),
        )]
    });
    let target = c.dir.join("merged.veldtoets");
    let mut merged = merge(&target, &[&c.a, &c.b]).inspection;
    let duplicates = merged.duplicates();
    assert_eq!(
        duplicates,
        [Duplicate {
            kind: Kind::Document,
            key: "Jaarverslag 2025".into(),
            entities: vec![DOCUMENT_A.into(), DOCUMENT_B.into()],
        }]
    );
    assert_eq!(
        duplicates[0].description(),
        "document Jaarverslag 2025 staat 2 keer in het onderzoek"
    );
    assert_eq!(
        merged.status().record_conflicts(),
        ["document Jaarverslag 2025 staat 2 keer in het onderzoek"]
    );
    assert_eq!(export(&merged)["dubbelen"][0]["soort"], "document");

    let who = author(&mut merged, "E. Voorbeeld");
    // Renaming to the other's name is refused; to a new name it resolves the duplicate.
    assert!(
        merged
            .rename_document(DOCUMENT_B, "JAARVERSLAG 2025", who, Stamp::now())
            .is_none()
    );
    let renamed = merged
        .rename_document(DOCUMENT_B, "Jaarverslag 2024", who, Stamp::now())
        .unwrap();
    let mut after_rename = merged.clone();
    after_rename.apply(renamed);
    assert_eq!(after_rename.duplicates(), []);
    assert!(after_rename.status().is_final());

    let plan = merged
        .merge_duplicate(Kind::Document, DOCUMENT_A, DOCUMENT_B, who, &mut stamps())
        .unwrap();
    assert_eq!(
        plan.differences,
        [
            "notitie: beide teksten blijven bewaard (de tekst van J. Proef wordt achter de behouden tekst gezet)"
        ]
    );
    let after = store_and_reopen(&target, &plan.changes);
    assert_eq!(after.duplicates(), []);
    let kept = &after.documents.get(DOCUMENT_A).unwrap().data;
    assert_eq!(
        (kept.naam.as_str(), kept.ontvangen, kept.notitie.as_str()),
        ("Jaarverslag 2025", true, "opgevraagd\n\nontvangen per mail")
    );
    assert!(after.documents.get(DOCUMENT_B).is_none());
    assert!(after.status().is_final());
}

#[test]
fn merging_is_refused_for_what_it_would_decide_silently() {
    let (_c, _, mut merged) = merged_with(NUMMER);
    let who = author(&mut merged, "E. Voorbeeld");
    // Two versions of A's dossiervraag side by side (as a merge of two edits would leave them):
    // merging must not pick one.
    let id = merged.check_id(DOSSIER_A, "dos-1.1.1");
    let base = merged.checks.get(&id).unwrap().clone();
    for (n, antwoord) in [(1u128, CheckAnswer::Nee), (2, CheckAnswer::Nvt)] {
        let mut change = base.to_change();
        change.meta.rev = Uuid::from_u128(n);
        change.meta.replaces = vec![base.meta.rev];
        change.data = Record::Check(CheckData {
            antwoord,
            ..base.data.clone()
        });
        merged.apply(change);
    }
    assert!(merged.checks.is_conflicted(&id));
    assert_eq!(
        merged.merge_refusal(Kind::Dossier, DOSSIER_A, DOSSIER_B),
        Some(format!(
            "dossiervraag dos-1.1.1 in dossier {NUMMER} heeft een conflict; los dat eerst op"
        ))
    );
    assert!(
        merged
            .merge_duplicate(Kind::Dossier, DOSSIER_A, DOSSIER_B, who, &mut stamps())
            .is_none()
    );
    // The duplicate still counts once, its unresolved item as unresolved.
    assert_eq!(merged.dossier_count(), 2);
}
