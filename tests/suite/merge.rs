//! Merging inspectors' copies of one onderzoek: the union of revisions, conflicts and their
//! resolution, idempotence / order-independence / associativity (property tests on random edit
//! sequences), every refusal with the target untouched, and the CLI.

use crate::common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use common::TestDir;
use jiff::Timestamp;
use proptest::prelude::*;
use uuid::Uuid;
use veldtoets::domain::Judgement;
use veldtoets::domain::inspection::{
    AnswerData, Change, CheckAnswer, CheckData, Details, DocumentData, DossierData, FlashData,
    Inspection, InterviewData, Kind, OordeelData, Record, Stamp, WaitlistData,
};
use veldtoets::json::ExportJson;
use veldtoets::kader_io;
use veldtoets::store::{
    self, CURRENT_VERSION, MergeError, MergeOutcome, MergeProgress, Store, StoreError,
};

// ---------------------------------------------------------------------------------------------
// Helpers

fn stamp() -> Stamp {
    Stamp::now()
}

/// A stamp from a laptop whose clock is right, or one that runs ahead to 2099.
fn stamp_for(ahead: bool) -> Stamp {
    if ahead {
        let at: Timestamp = "2099-06-01T12:00:00Z".parse().unwrap();
        let ts = uuid::Timestamp::from_unix(uuid::NoContext, at.as_second() as u64, 0);
        Stamp {
            rev: Uuid::new_v7(ts),
            at,
        }
    } else {
        stamp()
    }
}

/// The conflicts an independent reading of the revisions finds: per record, the revisions no
/// other replaces (heads); two or more that disagree (content, or edit versus delete). Time
/// plays no part. As (kind, record, head revision ids).
fn expected_conflicts(i: &Inspection) -> BTreeSet<(Kind, String, BTreeSet<Uuid>)> {
    let mut records: std::collections::BTreeMap<(Kind, String), Vec<Change>> = Default::default();
    for change in i.changes() {
        records
            .entry((change.data.kind(), change.meta.entity.clone()))
            .or_default()
            .push(change);
    }
    let same = |a: &Record, b: &Record| match (a, b) {
        (Record::Oordeel(x), Record::Oordeel(y)) => x.same_content(y),
        _ => a == b,
    };
    let mut out = BTreeSet::new();
    for ((kind, entity), revisions) in records {
        let replaced: BTreeSet<Uuid> = revisions
            .iter()
            .flat_map(|r| r.meta.replaces.iter().copied())
            .collect();
        let heads: Vec<&Change> = revisions
            .iter()
            .filter(|r| !replaced.contains(&r.meta.rev))
            .collect();
        let live: Vec<&&Change> = heads.iter().filter(|r| !r.meta.deleted).collect();
        let disagree = !live.is_empty()
            && (live.len() < heads.len() || live.iter().any(|r| !same(&r.data, &live[0].data)));
        if heads.len() >= 2 && disagree {
            out.insert((kind, entity, heads.iter().map(|r| r.meta.rev).collect()));
        }
    }
    out
}

/// The conflicts the inspection reports, in the form of [`expected_conflicts`].
fn reported_conflicts(i: &Inspection) -> BTreeSet<(Kind, String, BTreeSet<Uuid>)> {
    i.all_conflicts()
        .into_iter()
        .map(|c| (c.kind, c.entity, c.versions.iter().map(|v| v.rev).collect()))
        .collect()
}

/// Every divergence is reported and none is settled: the reported conflicts are exactly those
/// an independent reading finds; a conflicted oordeel is not scored; the export lists them all
/// and gives no current oordeel for a conflicted verwachting.
fn assert_divergence_reported(i: &Inspection) -> Result<(), TestCaseError> {
    let expected = expected_conflicts(i);
    prop_assert_eq!(reported_conflicts(i), expected.clone());
    let judgements = i.judgements();
    let json: serde_json::Value = serde_json::from_str(&export(i)).unwrap();
    prop_assert_eq!(
        json["conflicten"].as_array().map(Vec::len),
        Some(expected.len())
    );
    for (kind, entity, _) in &expected {
        if *kind == Kind::Oordeel {
            if let Some(index) = i.framework.index_of(entity) {
                prop_assert_eq!(judgements.get(index), Judgement::NotJudged);
            }
            let oordeel = json["oordelen"]
                .as_array()
                .unwrap()
                .iter()
                .find(|o| o["verwachting"] == entity.as_str());
            if let Some(o) = oordeel {
                prop_assert!(o["oordeel"].is_null(), "{}", o);
            }
        }
    }
    Ok(())
}

/// A new file with one interview, two dossiers and a few oordelen, closed.
fn base_file(path: &Path) -> Inspection {
    let framework = kader_io::builtin("vt-2016-stap2").unwrap();
    let (mut store, mut inspection) = Store::create(
        path,
        framework,
        "Veilig Thuis Proefregio",
        "E. Voorbeeld",
        stamp(),
    )
    .unwrap();
    let author = *inspection.inspectors.keys().next().unwrap();
    let mut changes = Vec::new();
    let interview = Uuid::now_v7().to_string();
    changes.push(inspection.change(
        &interview,
        Record::Interview(InterviewData {
            rol: "management".into(),
            ..InterviewData::default()
        }),
        author,
        stamp(),
    ));
    for n in 1..=2 {
        changes.push(inspection.change(
            &Uuid::now_v7().to_string(),
            Record::Dossier(DossierData {
                nummer: format!("VTP-{n}"),
                ..DossierData::default()
            }),
            author,
            stamp(),
        ));
    }
    for (id, text) in [("1.5.3", "voldoende"), ("2.1.2", "onvoldoende")] {
        let data = OordeelData::parse(&inspection.framework, id, text, "basis".into()).unwrap();
        changes.push(inspection.change(id, Record::Oordeel(data), author, stamp()));
    }
    store.append_all(&changes).unwrap();
    for c in changes {
        inspection.apply(c);
    }
    inspection
}

fn open(path: &Path) -> (Store, Inspection) {
    let (store, inspection, _) = Store::open(path).unwrap();
    (store, inspection)
}

fn load(path: &Path) -> Inspection {
    open(path).1
}

/// Records a new oordeel version in `path` as `who`.
fn set_oordeel(path: &Path, id: &str, text: &str, why: &str, who: &str) {
    let (mut store, mut inspection) = open(path);
    let author = inspection.add_inspector(who);
    store.add_inspector(author, who).unwrap();
    let data = OordeelData::parse(&inspection.framework, id, text, why.into()).unwrap();
    let change = inspection.change(id, Record::Oordeel(data), author, stamp());
    store.append(&change).unwrap();
}

fn no_progress() -> impl FnMut(MergeProgress) {
    |_| {}
}

fn merge(target: &Path, sources: &[&Path]) -> Result<MergeOutcome, MergeError> {
    store::merge(target, sources, &mut no_progress())
}

/// The export JSON without the export time: equal for files with equal content.
fn export(inspection: &Inspection) -> String {
    let mut v = serde_json::to_value(ExportJson::new(inspection, Timestamp::UNIX_EPOCH)).unwrap();
    v.as_object_mut().unwrap().remove("geexporteerd_op");
    serde_json::to_string_pretty(&v).unwrap()
}

/// Every revision id of every kind.
fn revisions(i: &Inspection) -> BTreeSet<(Kind, Uuid)> {
    fn add<T>(
        out: &mut BTreeSet<(Kind, Uuid)>,
        kind: Kind,
        records: &veldtoets::domain::inspection::Records<T>,
    ) {
        for (_, history) in records.histories() {
            for r in history.revisions() {
                out.insert((kind, r.meta.rev));
            }
        }
    }
    let mut out = BTreeSet::new();
    add(&mut out, Kind::Details, &i.details);
    add(&mut out, Kind::Interview, &i.interviews);
    add(&mut out, Kind::Answer, &i.answers);
    add(&mut out, Kind::Flash, &i.flashes);
    add(&mut out, Kind::Dossier, &i.dossiers);
    add(&mut out, Kind::Check, &i.checks);
    add(&mut out, Kind::Document, &i.documents);
    add(&mut out, Kind::Waitlist, &i.waitlist);
    add(&mut out, Kind::Oordeel, &i.oordelen);
    out
}

fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn copy(from: &Path, to: &Path) -> PathBuf {
    std::fs::copy(from, to).unwrap();
    to.to_path_buf()
}

// ---------------------------------------------------------------------------------------------
// The union and the revision DAG

#[test]
fn merging_creates_the_target_and_keeps_every_revision() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("basis.veldtoets");
    base_file(&base);
    let a = copy(&base, &dir.path().join("a.veldtoets"));
    let b = copy(&base, &dir.path().join("b.veldtoets"));
    set_oordeel(
        &a,
        "1.3.1",
        "onvoldoende",
        "4 van 10 zonder plan",
        "E. Voorbeeld",
    );
    {
        let (mut store, mut inspection) = open(&b);
        let who = inspection.add_inspector("J. Proef");
        store.add_inspector(who, "J. Proef").unwrap();
        let dossier = Uuid::now_v7().to_string();
        let check = inspection.check_id(&dossier, "dos-1.3.1");
        let changes = vec![
            inspection.change(
                &dossier,
                Record::Dossier(DossierData {
                    nummer: "VTP-3".into(),
                    ..DossierData::default()
                }),
                who,
                stamp(),
            ),
            inspection.change(
                &check,
                Record::Check(CheckData {
                    dossier: dossier.clone(),
                    vraag: "dos-1.3.1".into(),
                    antwoord: CheckAnswer::Ja,
                    notitie: String::new(),
                }),
                who,
                stamp(),
            ),
        ];
        store.append_all(&changes).unwrap();
    }
    let sources_before = [std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap()];

    let target = dir.path().join("team.veldtoets");
    let mut events = Vec::new();
    let outcome = store::merge(&target, &[&a, &b], &mut |p| events.push(p)).unwrap();
    let summary = &outcome.summary;
    assert!(summary.created);
    assert_eq!(summary.sources, vec![a.clone(), b.clone()]);
    assert!(summary.conflicts.is_empty());
    let added = |table: &str| {
        summary
            .added
            .iter()
            .find(|(t, _)| *t == table)
            .map(|(_, n)| *n)
            .unwrap()
    };
    // The created target counts the first source whole, then what b added.
    assert_eq!(added("dossier"), 3);
    assert_eq!(added("dossiercheck"), 1);
    assert_eq!(added("inspecteur"), 2);
    assert_eq!(added("oordeel"), 3);
    assert!(!summary.added.iter().any(|(t, _)| *t == "onderzoek"));

    // Progress: every source checked, then read, then written and reloaded.
    assert!(matches!(
        events[0],
        MergeProgress::Checking {
            index: 0,
            total: 2,
            ..
        }
    ));
    assert!(matches!(
        events[1],
        MergeProgress::Checking {
            index: 1,
            total: 2,
            ..
        }
    ));
    assert!(matches!(events[2], MergeProgress::Creating { .. }));
    assert!(matches!(
        events[3],
        MergeProgress::Reading {
            index: 1,
            total: 2,
            ..
        }
    ));
    assert_eq!(
        &events[4..],
        [MergeProgress::Writing, MergeProgress::Loading]
    );

    let merged = load(&target);
    assert_eq!(export(&merged), export(&outcome.inspection));
    let all: BTreeSet<_> = revisions(&load(&a))
        .union(&revisions(&load(&b)))
        .copied()
        .collect();
    assert_eq!(revisions(&merged), all, "exactly the union of the sources");
    assert_eq!(merged.dossier_list().len(), 3);
    assert_eq!(merged.oordeel("1.3.1").unwrap().data.text(), "onvoldoende");

    // The sources were only read; no side file anywhere.
    assert_eq!(std::fs::read(&a).unwrap(), sources_before[0]);
    assert_eq!(std::fs::read(&b).unwrap(), sources_before[1]);
    assert_eq!(
        listing(dir.path()),
        [
            "a.veldtoets",
            "b.veldtoets",
            "basis.veldtoets",
            "team.veldtoets"
        ]
    );
    assert!(Store::open(&target).unwrap().0.check().unwrap().is_ok());
}

#[test]
fn an_oordeel_changed_in_one_copy_takes_the_newer_version() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.veldtoets");
    base_file(&a);
    let b = copy(&a, &dir.path().join("b.veldtoets"));
    set_oordeel(
        &b,
        "1.5.3",
        "onvoldoende",
        "na dossieronderzoek",
        "J. Proef",
    );
    for order in [[&a, &b], [&b, &a]] {
        let target = dir.path().join(format!(
            "team-{}.veldtoets",
            order[0].file_stem().unwrap().to_string_lossy()
        ));
        let outcome = merge(&target, &[order[0], order[1]]).unwrap();
        assert!(outcome.summary.conflicts.is_empty());
        let current = outcome.inspection.oordeel("1.5.3").unwrap();
        assert_eq!(current.data.text(), "onvoldoende");
        assert_eq!(current.data.onderbouwing, "na dossieronderzoek");
        let history = outcome.inspection.oordelen.history("1.5.3").unwrap();
        assert_eq!(history.revisions().len(), 2);
        assert_eq!(history.head_ids().len(), 1);
    }
}

#[test]
fn concurrent_changes_are_a_conflict_with_both_versions_and_unscored() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.veldtoets");
    base_file(&a);
    let b = copy(&a, &dir.path().join("b.veldtoets"));
    set_oordeel(
        &a,
        "1.5.3",
        "onvoldoende",
        "A: geen evaluatie",
        "E. Voorbeeld",
    );
    set_oordeel(&b, "1.5.3", "voldoende", "B: evaluatie gezien", "J. Proef");
    let target = dir.path().join("team.veldtoets");
    let outcome = merge(&target, &[&a, &b]).unwrap();
    assert_eq!(outcome.summary.conflicts, ["1.5.3"]);
    let inspection = &outcome.inspection;
    let conflicts = inspection.conflicts();
    assert_eq!(conflicts.len(), 1);
    let mut who: Vec<&str> = conflicts[0]
        .versions
        .iter()
        .map(|r| inspection.inspector_name(r.meta.author))
        .collect();
    who.sort();
    assert_eq!(who, ["E. Voorbeeld", "J. Proef"]);
    let index = inspection.framework.index_of("1.5.3").unwrap();
    assert_eq!(
        inspection.judgements().get(index),
        veldtoets::domain::Judgement::NotJudged,
        "a conflict is not scored"
    );
    let json: serde_json::Value = serde_json::from_str(&export(inspection)).unwrap();
    let listed = &json["conflicten"][0];
    assert_eq!(listed["verwachting"], "1.5.3");
    assert_eq!(listed["versies"].as_array().unwrap().len(), 2);
    for v in listed["versies"].as_array().unwrap() {
        assert!(v["inspecteur"].is_string() && v["tijd"].is_string(), "{v}");
    }
    assert_eq!(json["score"]["conflicten"], 1);
}

#[test]
fn merge_from_an_open_store_returns_the_reloaded_inspection() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.veldtoets");
    base_file(&a);
    let b = copy(&a, &dir.path().join("b.veldtoets"));
    set_oordeel(&b, "4.1.3", "onvoldoende", "geen tijdpad", "J. Proef");
    // The GUI has `a` open and merges `b` into it.
    let (mut store, before) = open(&a);
    let outcome = store.merge_from(&[&b], &mut no_progress()).unwrap();
    assert!(!outcome.summary.created);
    assert_eq!(outcome.summary.total_added(), 2, "{:?}", outcome.summary);
    assert!(before.oordeel("4.1.3").is_none());
    assert_eq!(
        export(&outcome.inspection),
        export(&store.load().unwrap()),
        "the returned model is the stored state"
    );
    // The store stays usable: the next edit builds on the merged heads.
    let inspection = outcome.inspection;
    let author = *inspection.inspectors.keys().next().unwrap();
    let data = OordeelData::parse(&inspection.framework, "4.1.3", "voldoende", "".into()).unwrap();
    let change = inspection.change("4.1.3", Record::Oordeel(data), author, stamp());
    assert_eq!(change.meta.replaces.len(), 1);
    store.append(&change).unwrap();
    drop(store);
    assert_eq!(load(&a).oordeel("4.1.3").unwrap().data.text(), "voldoende");
}

#[test]
fn more_sources_than_sqlite_can_attach_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("basis.veldtoets");
    base_file(&base);
    let mut sources = Vec::new();
    for n in 0..13 {
        let path = copy(&base, &dir.path().join(format!("kopie{n:02}.veldtoets")));
        set_oordeel(
            &path,
            "1.2.1",
            "voldoende",
            &format!("kopie {n}"),
            "E. Voorbeeld",
        );
        sources.push(path);
    }
    let refs: Vec<&Path> = sources.iter().map(PathBuf::as_path).collect();
    let outcome = merge(&dir.path().join("team.veldtoets"), &refs).unwrap();
    let history = outcome.inspection.oordelen.history("1.2.1").unwrap();
    assert_eq!(history.revisions().len(), 13);
    assert_eq!(
        outcome.summary.conflicts,
        ["1.2.1"],
        "13 different onderbouwingen"
    );
}

#[test]
fn inspector_spellings_are_reconciled_independently_of_order() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.veldtoets");
    base_file(&a);
    let b = copy(&a, &dir.path().join("b.veldtoets"));
    set_oordeel(&a, "1.2.1", "voldoende", "", "j. proef");
    set_oordeel(&b, "1.2.2", "voldoende", "", "J.  Proef");
    let ab = merge(&dir.path().join("ab.veldtoets"), &[&a, &b]).unwrap();
    let ba = merge(&dir.path().join("ba.veldtoets"), &[&b, &a]).unwrap();
    assert_eq!(export(&ab.inspection), export(&ba.inspection));
    let names: Vec<&String> = ab.inspection.inspectors.values().collect();
    assert!(names.contains(&&"J.  Proef".to_string()), "{names:?}");
}

/// A colleague's copy written by an earlier veldtoets merges without being opened first: it is
/// read through a migrated private copy, and stays byte for byte as it was, without side files.
#[test]
fn an_older_source_is_merged_through_a_migrated_copy() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for version in 1..CURRENT_VERSION {
        let fixture = fixtures.join(format!("schema-v{version}.veldtoets"));
        let dir = tempfile::tempdir().unwrap();
        let older = copy(&fixture, &dir.path().join("collega.veldtoets"));
        let before = std::fs::read(&older).unwrap();
        let documents = Store::open_read_only(&older)
            .unwrap()
            .1
            .documents
            .revision_count();
        assert!(documents > 0, "v{version}: the fixture has documents");
        // The team file is up to date and lacks what the colleague has: the documents.
        let target = copy(&fixture, &dir.path().join("team.veldtoets"));
        drop(Store::open(&target).unwrap());
        {
            let conn = rusqlite::Connection::open(&target).unwrap();
            conn.execute_batch(
                "DELETE FROM vervangt WHERE rev IN (SELECT rev FROM document); DELETE FROM document;",
            )
            .unwrap();
        }

        let outcome = merge(&target, &[&older]).unwrap();
        let added = |table: &str| {
            outcome
                .summary
                .added
                .iter()
                .find(|(t, _)| *t == table)
                .map(|(_, n)| *n)
        };
        assert_eq!(added("document"), Some(documents as u64), "v{version}");
        assert_eq!(outcome.inspection.documents.revision_count(), documents);
        assert_eq!(std::fs::read(&older).unwrap(), before, "v{version}");
        let colleague: Vec<String> = listing(dir.path())
            .into_iter()
            .filter(|n| n.starts_with("collega"))
            .collect();
        assert_eq!(
            colleague,
            vec!["collega.veldtoets".to_string()],
            "v{version}"
        );
        // And a new team file made from it has this version's schema.
        let created = dir.path().join("nieuw.veldtoets");
        merge(&created, &[&older, &target]).unwrap();
        let conn = rusqlite::Connection::open(&created).unwrap();
        let schema: u32 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(schema, CURRENT_VERSION);
    }
}

#[test]
fn a_write_protected_source_is_read_without_side_files() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.veldtoets");
    base_file(&a);
    let b = copy(&a, &dir.path().join("b.veldtoets"));
    set_oordeel(&b, "3.1.2", "onvoldoende", "alleen-lezen", "J. Proef");
    let mut perms = std::fs::metadata(&b).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&b, perms).unwrap();
    let bytes = std::fs::read(&b).unwrap();
    let outcome = merge(&a, &[&b]).unwrap();
    assert_eq!(
        outcome
            .inspection
            .oordeel("3.1.2")
            .unwrap()
            .data
            .onderbouwing,
        "alleen-lezen"
    );
    assert_eq!(std::fs::read(&b).unwrap(), bytes);
    assert_eq!(listing(dir.path()), ["a.veldtoets", "b.veldtoets"]);
}

#[test]
fn a_copy_taken_while_the_file_was_open_brings_its_wal() {
    // A colleague copies their file and its `-wal` while veldtoets still runs: what was committed
    // is in the `-wal`, and the merge must read it.
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.veldtoets");
    base_file(&a);
    let b = copy(&a, &dir.path().join("b.veldtoets"));
    let (mut store, inspection) = open(&a);
    let author = *inspection.inspectors.keys().next().unwrap();
    let data = OordeelData::parse(
        &inspection.framework,
        "2.4.1",
        "onvoldoende",
        "in de wal".into(),
    )
    .unwrap();
    let change = inspection.change("2.4.1", Record::Oordeel(data), author, stamp());
    store.append(&change).unwrap();
    let wal = dir.path().join("a.veldtoets-wal");
    assert!(wal.exists(), "the edit is still in the -wal");
    let copied = copy(&a, &dir.path().join("kopie.veldtoets"));
    std::fs::copy(&wal, dir.path().join("kopie.veldtoets-wal")).unwrap();
    drop(store);
    let outcome = merge(&b, &[&copied]).unwrap();
    assert_eq!(
        outcome
            .inspection
            .oordeel("2.4.1")
            .unwrap()
            .data
            .onderbouwing,
        "in de wal"
    );
    assert_eq!(
        listing(dir.path()),
        ["a.veldtoets", "b.veldtoets", "kopie.veldtoets"],
        "the -wal was folded into the copy it belongs to"
    );
}

// ---------------------------------------------------------------------------------------------
// Refusals: the target stays byte for byte as it was, and no side file appears.

/// A source that must be refused: its path, the error it must give, words its message contains.
type BadSource = (PathBuf, fn(&MergeError) -> bool, &'static str);

fn bad_sources(dir: &Path, base: &Path) -> Vec<BadSource> {
    let mut out: Vec<BadSource> = Vec::new();
    out.push((
        dir.join("ontbreekt.veldtoets"),
        |e| matches!(e, MergeError::Store(StoreError::NotFound(_))),
        "bestaat niet",
    ));
    let garbage = dir.join("rommel.veldtoets");
    std::fs::write(&garbage, "Boodschappen: melk, brood.\n".repeat(60)).unwrap();
    out.push((
        garbage,
        |e| matches!(e, MergeError::Store(StoreError::NotSqlite(_))),
        "geen veldtoets-bestand",
    ));
    let empty = dir.join("leeg.veldtoets");
    std::fs::write(&empty, b"").unwrap();
    out.push((
        empty,
        |e| matches!(e, MergeError::Store(StoreError::Empty(_))),
        "leeg",
    ));
    let truncated = dir.join("afgekapt.veldtoets");
    let bytes = std::fs::read(base).unwrap();
    std::fs::write(&truncated, &bytes[..bytes.len() / 2 + 100]).unwrap();
    out.push((
        truncated,
        |e| matches!(e, MergeError::Store(StoreError::Truncated(_))),
        "afgekapt",
    ));
    let foreign = dir.join("ander.veldtoets");
    {
        let conn = rusqlite::Connection::open(&foreign).unwrap();
        conn.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
            .unwrap();
    }
    out.push((
        foreign,
        |e| matches!(e, MergeError::Store(StoreError::Foreign(_))),
        "ander programma",
    ));
    let other = dir.join("ander-onderzoek.veldtoets");
    drop(
        Store::create(
            &other,
            kader_io::builtin("vt-2016-stap2").unwrap(),
            "Veilig Thuis Elders",
            "K. Ander",
            stamp(),
        )
        .unwrap(),
    );
    out.push((
        other,
        |e| matches!(e, MergeError::OtherOnderzoek { .. }),
        "hoort bij een ander onderzoek",
    ));
    let newer = copy(base, &dir.join("nieuwer.veldtoets"));
    {
        let conn = rusqlite::Connection::open(&newer).unwrap();
        conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
        conn.pragma_update(None, "user_version", CURRENT_VERSION + 1)
            .unwrap();
    }
    out.push((
        newer,
        |e| matches!(e, MergeError::Store(StoreError::Newer { .. })),
        "nieuwere veldtoets",
    ));
    let older = copy(base, &dir.join("ouder.veldtoets"));
    {
        let conn = rusqlite::Connection::open(&older).unwrap();
        conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
        conn.pragma_update(None, "user_version", CURRENT_VERSION - 1)
            .unwrap();
    }
    // A current file claiming an older version: its migration cannot be applied.
    out.push((
        older,
        |e| matches!(e, MergeError::Store(StoreError::Corrupt { .. })),
        "kan niet naar versie",
    ));
    // A copy whose revision was edited outside veldtoets: the same revision id with other
    // content must not silently depend on which file came first.
    let tampered = copy(base, &dir.join("bewerkt.veldtoets"));
    {
        let conn = rusqlite::Connection::open(&tampered).unwrap();
        conn.execute(
            "UPDATE oordeel SET onderbouwing = 'stiekem anders' WHERE id = '2.1.2'",
            [],
        )
        .unwrap();
    }
    out.push((
        tampered,
        |e| {
            matches!(
                e,
                MergeError::DivergentRevision {
                    table: "oordeel",
                    ..
                }
            )
        },
        "verschillende inhoud",
    ));
    out
}

#[test]
fn bad_sources_are_refused_and_the_target_is_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("basis.veldtoets");
    base_file(&base);
    let good = copy(&base, &dir.path().join("goed.veldtoets"));
    set_oordeel(&good, "1.2.1", "voldoende", "goed", "E. Voorbeeld");
    let target = copy(&base, &dir.path().join("team.veldtoets"));
    let cases = bad_sources(dir.path(), &base);
    for (bad, is_expected, words) in &cases {
        let target_before = std::fs::read(&target).unwrap();
        let bad_before = std::fs::read(bad).ok();
        let files_before = listing(dir.path());
        // The bad file last, so the good one would have been merged first.
        for sources in [vec![good.as_path(), bad], vec![bad, good.as_path()]] {
            let err = merge(&target, &sources).expect_err("must be refused");
            assert!(
                is_expected(&err),
                "{}: unexpected error {err}",
                bad.display()
            );
            let message = err.to_string();
            assert!(message.contains(words), "{}: {message}", bad.display());
            assert!(message.contains(&bad.display().to_string()), "{message}");
            assert!(message.contains("niets samengevoegd"), "{message}");
            assert_eq!(
                std::fs::read(&target).unwrap(),
                target_before,
                "target changed by {}",
                bad.display()
            );
            assert_eq!(
                std::fs::read(bad).ok(),
                bad_before,
                "{} changed",
                bad.display()
            );
            assert_eq!(
                listing(dir.path()),
                files_before,
                "side files: {}",
                bad.display()
            );

            // A missing target is not created.
            let new = dir.path().join("nieuw.veldtoets");
            let err = merge(&new, &sources).expect_err("must be refused");
            assert!(
                is_expected(&err),
                "{}: unexpected error {err}",
                bad.display()
            );
            assert_eq!(
                listing(dir.path()),
                files_before,
                "side files: {}",
                bad.display()
            );
        }
    }
    assert!(load(&target).oordeel("1.2.1").is_none(), "nothing merged");
}

#[test]
fn a_source_open_in_another_veldtoets_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.veldtoets");
    base_file(&a);
    let b = copy(&a, &dir.path().join("b.veldtoets"));
    let target_before = std::fs::read(&a).unwrap();
    let held = Store::open(&b).unwrap();
    let files = listing(dir.path());
    let err = merge(&a, &[&b]).expect_err("b is in use");
    assert!(
        matches!(&err, MergeError::Store(StoreError::InUse(p)) if p == &b),
        "{err}"
    );
    assert!(err.to_string().contains("al geopend"), "{err}");
    let err = merge(&dir.path().join("nieuw.veldtoets"), &[&a, &b]).expect_err("b is in use");
    assert!(
        matches!(&err, MergeError::Store(StoreError::InUse(_))),
        "{err}"
    );
    assert_eq!(listing(dir.path()), files);
    drop(held);
    assert_eq!(std::fs::read(&a).unwrap(), target_before);
    merge(&a, &[&b]).expect("free again");
}

#[test]
fn a_target_open_elsewhere_or_named_as_source_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.veldtoets");
    base_file(&a);
    let b = copy(&a, &dir.path().join("b.veldtoets"));
    set_oordeel(&b, "1.2.1", "voldoende", "", "J. Proef");
    let before = std::fs::read(&a).unwrap();
    {
        let _held = Store::open(&a).unwrap();
        let err = merge(&a, &[&b]).expect_err("target in use");
        assert!(
            matches!(&err, MergeError::Store(StoreError::InUse(p)) if p == &a),
            "{err}"
        );
    }
    let err = merge(&a, &[&b, &a]).expect_err("target is a source");
    assert!(matches!(err, MergeError::SameFile(_)), "{err}");
    let err = merge(&a, &[]).expect_err("no sources");
    assert!(matches!(err, MergeError::NoSources), "{err}");
    assert_eq!(std::fs::read(&a).unwrap(), before);
    assert_eq!(listing(dir.path()), ["a.veldtoets", "b.veldtoets"]);
}

// ---------------------------------------------------------------------------------------------
// Property tests: random edits on copies of one file.

#[derive(Debug, Clone)]
enum Op {
    /// A new oordeel version (value 0..3) on one of the first verwachtingen.
    Oordeel {
        verwachting: usize,
        value: u8,
        why: u8,
    },
    /// A tombstone for an oordeel.
    DeleteOordeel {
        verwachting: usize,
    },
    NewDossier {
        n: u8,
    },
    /// Deletes the n-th live dossier, if any.
    DeleteDossier {
        n: usize,
    },
    /// Answers a guide question of the base interview (a derived id, so copies meet).
    Answer {
        vraag: usize,
        note: u8,
    },
    /// Answers a checklist item of the n-th live dossier (derived id).
    Check {
        n: usize,
        vraag: usize,
        answer: u8,
    },
    Details {
        note: u8,
    },
    /// Who makes the following edits; two spellings of one name (same derived id).
    Inspector {
        spelling: u8,
    },
    /// Sets the melding date of the n-th live dossier.
    DossierDate {
        n: usize,
        day: u8,
    },
    /// A tombstone for a checklist answer of the n-th live dossier.
    DeleteCheck {
        n: usize,
        vraag: usize,
    },
    /// Edits the base interview's notitie.
    Interview {
        note: u8,
    },
    /// A tombstone for the base interview.
    DeleteInterview,
    /// Creates or edits flitsinterview n (a derived id, so copies meet).
    Flash {
        n: u8,
        note: u8,
    },
    DeleteFlash {
        n: u8,
    },
    /// Edits the kader's first requested document.
    Document {
        ontvangen: bool,
        note: u8,
    },
    Waitlist {
        aantal: u8,
    },
    /// From here on this laptop's clock runs ahead (2099) or is right.
    Clock {
        ahead: bool,
    },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (0..4usize, 0..3u8, 0..3u8).prop_map(|(verwachting, value, why)| Op::Oordeel {
            verwachting,
            value,
            why
        }),
        1 => (0..4usize).prop_map(|verwachting| Op::DeleteOordeel { verwachting }),
        1 => any::<u8>().prop_map(|n| Op::NewDossier { n }),
        1 => (0..4usize).prop_map(|n| Op::DeleteDossier { n }),
        2 => (0..3usize, 0..3u8).prop_map(|(vraag, note)| Op::Answer { vraag, note }),
        2 => (0..4usize, 0..3usize, 0..4u8).prop_map(|(n, vraag, answer)| Op::Check {
            n,
            vraag,
            answer
        }),
        1 => (0..3u8).prop_map(|note| Op::Details { note }),
        1 => (0..3u8).prop_map(|spelling| Op::Inspector { spelling }),
        2 => (0..3usize, 1..3u8).prop_map(|(n, day)| Op::DossierDate { n, day }),
        1 => (0..3usize, 0..3usize).prop_map(|(n, vraag)| Op::DeleteCheck { n, vraag }),
        1 => (0..3u8).prop_map(|note| Op::Interview { note }),
        1 => Just(Op::DeleteInterview),
        1 => (0..2u8, 0..3u8).prop_map(|(n, note)| Op::Flash { n, note }),
        1 => (0..2u8).prop_map(|n| Op::DeleteFlash { n }),
        1 => (any::<bool>(), 0..2u8).prop_map(|(ontvangen, note)| Op::Document { ontvangen, note }),
        1 => (0..3u8).prop_map(|aantal| Op::Waitlist { aantal }),
        1 => any::<bool>().prop_map(|ahead| Op::Clock { ahead }),
    ]
}

const VERWACHTINGEN: [&str; 4] = ["1.5.3", "2.1.2", "1.3.1", "2.1.1"];
const SPELLINGS: [&str; 3] = ["E. Voorbeeld", "J. Proef", "j.  proef"];

fn apply_ops(path: &Path, ops: &[Op]) {
    let (mut store, mut inspection) = open(path);
    let fw = inspection.framework.clone();
    let mut author = *inspection.inspectors.keys().next().unwrap();
    let mut ahead = false;
    let interview = inspection
        .interviews
        .current()
        .next()
        .unwrap()
        .meta
        .entity
        .clone();
    let questions: Vec<String> = fw.role("management").unwrap().questions[..3]
        .iter()
        .map(|q| q.id.clone())
        .collect();
    let checklist: Vec<String> = fw.sources.checklist[..3]
        .iter()
        .map(|q| q.id.clone())
        .collect();
    for op in ops {
        let live: Vec<(String, DossierData)> = inspection
            .dossier_list()
            .iter()
            .map(|d| (d.meta.entity.clone(), d.data.clone()))
            .collect();
        let change = match op {
            Op::Inspector { spelling } => {
                let name = SPELLINGS[*spelling as usize];
                author = inspection.add_inspector(name);
                store.add_inspector(author, name).unwrap();
                continue;
            }
            Op::Oordeel {
                verwachting,
                value,
                why,
            } => {
                let id = VERWACHTINGEN[*verwachting];
                let text = ["voldoende", "onvoldoende", "niet_beoordeeld"][*value as usize];
                let data = OordeelData::parse(&fw, id, text, format!("reden {why}")).unwrap();
                inspection.change(id, Record::Oordeel(data), author, stamp_for(ahead))
            }
            Op::DeleteOordeel { verwachting } => {
                let id = VERWACHTINGEN[*verwachting];
                let Some(current) = inspection.oordeel(id) else {
                    continue;
                };
                let data = Record::Oordeel(current.data.clone());
                inspection.deletion(id, data, author, stamp_for(ahead))
            }
            Op::NewDossier { n } => inspection.change(
                &Uuid::now_v7().to_string(),
                Record::Dossier(DossierData {
                    nummer: format!("VTP-N{n}"),
                    ..DossierData::default()
                }),
                author,
                stamp_for(ahead),
            ),
            Op::DeleteDossier { n } => {
                let Some((id, data)) = live.get(*n).cloned() else {
                    continue;
                };
                inspection.deletion(&id, Record::Dossier(data), author, stamp_for(ahead))
            }
            Op::Answer { vraag, note } => {
                let vraag = &questions[*vraag];
                inspection.change(
                    &inspection.answer_id(&interview, vraag),
                    Record::Answer(AnswerData {
                        interview: interview.clone(),
                        vraag: vraag.clone(),
                        notitie: format!("notitie {note}"),
                        tags: Default::default(),
                    }),
                    author,
                    stamp_for(ahead),
                )
            }
            Op::Check { n, vraag, answer } => {
                let Some((dossier, _)) = live.get(*n).cloned() else {
                    continue;
                };
                let vraag = &checklist[*vraag];
                let antwoord = [
                    CheckAnswer::Ja,
                    CheckAnswer::Nee,
                    CheckAnswer::Nvt,
                    CheckAnswer::Open,
                ][*answer as usize];
                inspection.change(
                    &inspection.check_id(&dossier, vraag),
                    Record::Check(CheckData {
                        dossier: dossier.clone(),
                        vraag: vraag.clone(),
                        antwoord,
                        notitie: String::new(),
                    }),
                    author,
                    stamp_for(ahead),
                )
            }
            Op::Clock { ahead: a } => {
                ahead = *a;
                continue;
            }
            Op::DossierDate { n, day } => {
                let Some((id, mut data)) = live.get(*n).cloned() else {
                    continue;
                };
                data.dates.set(
                    veldtoets::domain::DateKind::MELDING_ONTVANGEN,
                    Some(jiff::civil::date(2026, 2, *day as i8)),
                );
                inspection.change(&id, Record::Dossier(data), author, stamp_for(ahead))
            }
            Op::DeleteCheck { n, vraag } => {
                let Some((dossier, _)) = live.get(*n).cloned() else {
                    continue;
                };
                let id = inspection.check_id(&dossier, &checklist[*vraag]);
                let Some(current) = inspection.checks.get(&id) else {
                    continue;
                };
                let data = Record::Check(current.data.clone());
                inspection.deletion(&id, data, author, stamp_for(ahead))
            }
            Op::Interview { note } => {
                let Some(current) = inspection.interviews.get(&interview) else {
                    continue;
                };
                let mut data = current.data.clone();
                data.notitie = format!("interview {note}");
                inspection.change(
                    &interview,
                    Record::Interview(data),
                    author,
                    stamp_for(ahead),
                )
            }
            Op::DeleteInterview => {
                let Some(current) = inspection.interviews.get(&interview) else {
                    continue;
                };
                let data = Record::Interview(current.data.clone());
                inspection.deletion(&interview, data, author, stamp_for(ahead))
            }
            Op::Flash { n, note } => {
                let id =
                    veldtoets::domain::inspection::derived_id(inspection.id, &format!("flits/{n}"));
                let data = FlashData {
                    functie: format!("medewerker {n}"),
                    notitie: format!("flits {note}"),
                    ..FlashData::default()
                };
                inspection.change(&id, Record::Flash(data), author, stamp_for(ahead))
            }
            Op::DeleteFlash { n } => {
                let id =
                    veldtoets::domain::inspection::derived_id(inspection.id, &format!("flits/{n}"));
                let Some(current) = inspection.flashes.get(&id) else {
                    continue;
                };
                let data = Record::Flash(current.data.clone());
                inspection.deletion(&id, data, author, stamp_for(ahead))
            }
            Op::Document { ontvangen, note } => {
                let item = fw.sources.documents[0].id.clone();
                let id = inspection.document_id(&item);
                let data = DocumentData {
                    item: Some(item),
                    naam: String::new(),
                    ontvangen: *ontvangen,
                    notitie: format!("document {note}"),
                };
                inspection.change(&id, Record::Document(data), author, stamp_for(ahead))
            }
            Op::Waitlist { aantal } => {
                let data = WaitlistData {
                    aantal: Some(u32::from(*aantal) * 10),
                    ..WaitlistData::default()
                };
                let id = inspection.waitlist_id();
                inspection.change(&id, Record::Waitlist(data), author, stamp_for(ahead))
            }
            Op::Details { note } => {
                let mut details: Details = inspection.details_data();
                details.notitie = format!("notitie {note}");
                inspection.change(
                    &inspection.details_id(),
                    Record::Details(details),
                    author,
                    stamp_for(ahead),
                )
            }
        };
        store.append(&change).unwrap();
        inspection.apply(change);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    #[test]
    fn merge_is_an_idempotent_commutative_associative_union(
        edits in proptest::collection::vec(proptest::collection::vec(op(), 0..7), 3)
    ) {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let base = d.join("basis.veldtoets");
        base_file(&base);
        let copies: Vec<PathBuf> = ["a", "b", "c"]
            .iter()
            .zip(&edits)
            .map(|(name, ops)| {
                let path = copy(&base, &d.join(format!("{name}.veldtoets")));
                apply_ops(&path, ops);
                path
            })
            .collect();
        let (a, b, c) = (copies[0].as_path(), copies[1].as_path(), copies[2].as_path());

        // Order-independent, and every divergence reported (whatever the clocks said).
        let ab = merge(&d.join("ab.veldtoets"), &[a, b]).unwrap();
        let ba = merge(&d.join("ba.veldtoets"), &[b, a]).unwrap();
        prop_assert_eq!(export(&ab.inspection), export(&ba.inspection));
        prop_assert_eq!(&ab.summary.conflicts, &ba.summary.conflicts);
        prop_assert_eq!(&ab.summary.record_conflicts, &ba.summary.record_conflicts);
        assert_divergence_reported(&ab.inspection)?;

        // Idempotent: the same sources again change nothing, not even a byte.
        let ab_bytes = std::fs::read(d.join("ab.veldtoets")).unwrap();
        let again = merge(&d.join("ab.veldtoets"), &[a, b, a]).unwrap();
        prop_assert_eq!(again.summary.total_added(), 0);
        prop_assert_eq!(export(&again.inspection), export(&ab.inspection));
        prop_assert_eq!(std::fs::read(d.join("ab.veldtoets")).unwrap(), ab_bytes);

        // Associative: (a ∪ b) ∪ c = a ∪ (b ∪ c).
        let ab_path = d.join("ab.veldtoets");
        merge(&d.join("bc.veldtoets"), &[b, c]).unwrap();
        let left = merge(&d.join("links.veldtoets"), &[&ab_path, c]).unwrap();
        let right = merge(&d.join("rechts.veldtoets"), &[a, &d.join("bc.veldtoets")]).unwrap();
        prop_assert_eq!(export(&left.inspection), export(&right.inspection));
        let all = merge(&d.join("alles.veldtoets"), &[c, a, b]).unwrap();
        prop_assert_eq!(export(&left.inspection), export(&all.inspection));
        assert_divergence_reported(&all.inspection)?;
        prop_assert_eq!(all.summary.record_conflicts.len(), expected_conflicts(&all.inspection).len());

        // Nothing lost, nothing invented.
        let mut union = BTreeSet::new();
        for path in [a, b, c] {
            union.extend(revisions(&load(path)));
        }
        prop_assert_eq!(revisions(&all.inspection), union);
        prop_assert_eq!(revisions(&load(&d.join("alles.veldtoets"))), revisions(&all.inspection));
    }
}

// ---------------------------------------------------------------------------------------------
// The CLI

#[test]
fn cli_merge_conflict_then_resolve_with_oordeel() {
    let dir = TestDir::new();
    dir.new_inspection("a.veldtoets");
    dir.run([
        "oordeel",
        "a.veldtoets",
        "1.5.3",
        "voldoende",
        "--onderbouwing",
        "basis",
    ])
    .success();
    std::fs::copy(dir.join("a.veldtoets"), dir.join("b.veldtoets")).unwrap();
    dir.run([
        "oordeel",
        "a.veldtoets",
        "1.5.3",
        "onvoldoende",
        "--onderbouwing",
        "Geen evaluatie van de veiligheid.",
    ])
    .success();
    dir.run([
        "oordeel",
        "b.veldtoets",
        "1.5.3",
        "voldoende",
        "--onderbouwing",
        "Evaluatie in 9 van 10 dossiers.",
        "--inspecteur",
        "J. Proef",
    ])
    .success();

    let out = dir.run([
        "merge",
        "--into",
        "team.veldtoets",
        "a.veldtoets",
        "b.veldtoets",
    ]);
    let summary = out.success().stderr_contains("1.5.3").json();
    assert_eq!(summary["doel"], "team.veldtoets");
    assert_eq!(summary["aangemaakt"], true);
    assert_eq!(
        summary["bronnen"],
        serde_json::json!(["a.veldtoets", "b.veldtoets"])
    );
    assert_eq!(summary["conflicten"], 1);
    assert_eq!(
        summary["conflict_verwachtingen"],
        serde_json::json!(["1.5.3"])
    );
    assert_eq!(summary["toegevoegd"]["oordeel"], 3);
    assert_eq!(summary["toegevoegd"]["inspecteur"], 2);
    assert!(summary["toegevoegd"].get("onderzoek").is_none());

    let export = dir
        .run(["export", "team.veldtoets", "--json", "-"])
        .success()
        .json();
    let conflict = &export["conflicten"][0];
    assert_eq!(conflict["verwachting"], "1.5.3");
    let heads: BTreeSet<String> = conflict["versies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["versie"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(heads.len(), 2);
    let score = dir.run(["score", "team.veldtoets"]).success().json();
    assert_eq!(score["conflicten"], 1);
    assert!(score["oordelen"]["1.5.3"] == "niet_beoordeeld", "{score}");

    dir.run([
        "oordeel",
        "team.veldtoets",
        "1.5.3",
        "onvoldoende",
        "--onderbouwing",
        "Samen besloten: evaluatie ontbreekt in 1 van 10.",
    ])
    .success()
    .stdout_contains("conflict opgelost");
    let export = dir
        .run(["export", "team.veldtoets", "--json", "-"])
        .success()
        .json();
    assert_eq!(export["conflicten"], serde_json::json!([]));
    let oordeel = export["oordelen"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["verwachting"] == "1.5.3")
        .unwrap();
    assert_eq!(oordeel["oordeel"], "onvoldoende");
    let historie = oordeel["historie"].as_array().unwrap();
    assert_eq!(historie.len(), 4, "basis, both versions and the resolution");
    let resolution = historie
        .iter()
        .find(|v| v["onderbouwing"] == "Samen besloten: evaluatie ontbreekt in 1 van 10.")
        .unwrap();
    let replaced: BTreeSet<String> = resolution["vervangt"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect();
    assert_eq!(replaced, heads, "the resolution replaces both heads");
    assert_eq!(export["score"]["conflicten"], 0);

    // Merging the old copies again does not bring the conflict back.
    let again = dir
        .run([
            "merge",
            "--into",
            "team.veldtoets",
            "b.veldtoets",
            "a.veldtoets",
        ])
        .success()
        .json();
    assert_eq!(again["toegevoegd_totaal"], 0);
    assert_eq!(again["conflicten"], 0);
}

#[test]
fn cli_merge_refuses_bad_sources_with_one_dutch_line() {
    let dir = TestDir::new();
    dir.new_inspection("a.veldtoets");
    dir.new_inspection("ander.veldtoets");
    dir.write("rommel.veldtoets", "geen database\n".repeat(100));
    std::fs::copy(dir.join("a.veldtoets"), dir.join("team.veldtoets")).unwrap();
    let before = dir.read_bytes("team.veldtoets");
    for (bad, words) in [
        ("rommel.veldtoets", "geen veldtoets-bestand"),
        ("ontbreekt.veldtoets", "bestaat niet"),
        ("ander.veldtoets", "ander onderzoek"),
    ] {
        for target in ["team.veldtoets", "nieuw.veldtoets"] {
            let out = dir.run(["merge", "--into", target, "a.veldtoets", bad]);
            out.failure()
                .stdout_empty()
                .stderr_one_line()
                .stderr_contains(words)
                .stderr_contains(bad)
                .stderr_contains("niets samengevoegd");
            if out.stderr().matches(bad).count() != 1 {
                out.fail("the message is said once");
            }
        }
        assert_eq!(dir.read_bytes("team.veldtoets"), before);
        assert!(!dir.exists("nieuw.veldtoets"));
    }
    dir.run(["merge", "--into", "team.veldtoets"]).failure();
    let mut names = listing(dir.path());
    names.retain(|n| ![".config", ".local", ".cache"].contains(&n.as_str()));
    assert_eq!(
        names,
        [
            "a.veldtoets",
            "ander.veldtoets",
            "rommel.veldtoets",
            "team.veldtoets"
        ]
    );
}

/// Drafts (typed, unconfirmed text) are not history and do not come along with a merge: the
/// summary says which source still holds some, so nothing is silently left behind. A created
/// target's first source is copied whole, drafts included.
#[test]
fn a_source_with_drafts_left_behind_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let base = d.join("basis.veldtoets");
    base_file(&base);
    let a = copy(&base, &d.join("a.veldtoets"));
    let b = copy(&base, &d.join("b.veldtoets"));
    {
        let (mut store, inspection) = open(&b);
        let who = *inspection.inspectors.keys().next().unwrap();
        for key in ["onderbouwing/1.3.1", "onderbouwing/2.1.1"] {
            store
                .save_draft(key, "half getypt", who, Timestamp::now())
                .unwrap();
        }
    }
    let outcome = merge(&d.join("ab.veldtoets"), &[&a, &b]).unwrap();
    assert_eq!(outcome.summary.drafts_left_behind, [(b.clone(), 2)]);
    let message = outcome.summary.message(&outcome.inspection);
    assert!(
        message.contains(&format!(
            "Let op: '{}' bevat 2 getypte, nog niet vastgelegde teksten die niet zijn meegenomen",
            b.display()
        )),
        "{message}"
    );
    // b first: its drafts are copied into the new file, nothing is left behind.
    let outcome = merge(&d.join("ba.veldtoets"), &[&b, &a]).unwrap();
    assert!(outcome.summary.drafts_left_behind.is_empty());
    assert_eq!(outcome.inspection.drafts.len(), 2);
    // The CLI says it too.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_veldtoets"))
        .arg("merge")
        .arg("--into")
        .arg(d.join("cli.veldtoets"))
        .arg(&a)
        .arg(&b)
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("let op: '") && stderr.contains("2 getypte, nog niet vastgelegde teksten"),
        "{stderr}"
    );
}
