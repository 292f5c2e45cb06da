//! Every divergence between copies is a conflict, for every kind of record, and nothing is
//! settled by wall-clock time (issue 10, item 2 and the JSON of item 5): on copies of the demo, a
//! dossiervraag answered ja / nee, a melding date changed differently, a dossier deleted in one
//! copy and edited in the other, each also with one laptop's clock at 2099 and in both merge
//! orders. Each is reported with both versions, nothing is silently chosen (status provisional,
//! evidence and termijnen not counting it), the merge stays idempotent and order-independent,
//! and histories are causal.

use std::path::{Path, PathBuf};

use jiff::Timestamp;
use uuid::Uuid;
use veldtoets::demo;
use veldtoets::domain::evidence;
use veldtoets::domain::inspection::{
    Change, CheckAnswer, CheckData, DossierData, Inspection, Kind, OordeelData, Record,
    RecordConflict, Revision, Stamp,
};
use veldtoets::domain::termijn::{self, DateKind, DeadlineSummary};
use veldtoets::json::{ExportJson, MergeJson};
use veldtoets::store::{self, MergeOutcome, Store};

// ---------------------------------------------------------------------------------------------
// Helpers

/// The clock a copy's laptop runs on.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Clock {
    /// The real clock.
    Now,
    /// A laptop whose clock says 2099 (its revision ids are UUIDv7 of 2099 too).
    Ahead,
}

impl Clock {
    fn stamp(self) -> Stamp {
        match self {
            Clock::Now => Stamp::now(),
            Clock::Ahead => at("2099-06-01T10:00:00Z"),
        }
    }
}

/// A stamp at `time`, with a UUIDv7 of that time (as a laptop with that clock would write).
fn at(time: &str) -> Stamp {
    let at: Timestamp = time.parse().unwrap();
    let ts = uuid::Timestamp::from_unix(
        uuid::NoContext,
        at.as_second() as u64,
        at.subsec_nanosecond() as u32,
    );
    Stamp {
        rev: Uuid::new_v7(ts),
        at,
    }
}

struct Copies {
    _dir: tempfile::TempDir,
    dir: PathBuf,
    base: Inspection,
    a: PathBuf,
    b: PathBuf,
}

/// A demo file and two copies of it, `a.veldtoets` and `b.veldtoets`.
fn copies() -> Copies {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().to_path_buf();
    let base_path = path.join("demo.veldtoets");
    let (store, base) = demo::create(&base_path).unwrap();
    drop(store);
    let a = path.join("a.veldtoets");
    let b = path.join("b.veldtoets");
    std::fs::copy(&base_path, &a).unwrap();
    std::fs::copy(&base_path, &b).unwrap();
    Copies {
        _dir: dir,
        dir: path,
        base,
        a,
        b,
    }
}

/// Opens `path`, lets `edit` build one change as inspecteur `who` with a stamp of `clock`,
/// stores it.
fn edit(
    path: &Path,
    who: &str,
    clock: Clock,
    edit: impl FnOnce(&Inspection, Uuid, Stamp) -> Change,
) {
    let (mut store, mut inspection, _) = Store::open(path).unwrap();
    let author = inspection.add_inspector(who);
    store.add_inspector(author, who).unwrap();
    let change = edit(&inspection, author, clock.stamp());
    store.append(&change).unwrap();
}

fn merge(target: &Path, sources: &[&Path]) -> MergeOutcome {
    store::merge(target, sources, &mut |_| {}).unwrap()
}

/// The export JSON without the export time.
fn export(inspection: &Inspection) -> serde_json::Value {
    let mut v = serde_json::to_value(ExportJson::new(inspection, Timestamp::UNIX_EPOCH)).unwrap();
    v.as_object_mut().unwrap().remove("geexporteerd_op");
    v
}

/// Merges a and b in both orders (and once more, idempotence) and checks that the results are
/// the same; returns the a-then-b outcome.
fn merge_both_orders(c: &Copies, name: &str) -> MergeOutcome {
    let ab_path = c.dir.join(format!("{name}-ab.veldtoets"));
    let ba_path = c.dir.join(format!("{name}-ba.veldtoets"));
    let ab = merge(&ab_path, &[&c.a, &c.b]);
    let ba = merge(&ba_path, &[&c.b, &c.a]);
    assert_eq!(
        export(&ab.inspection),
        export(&ba.inspection),
        "order-independent"
    );
    assert_eq!(ab.summary.record_conflicts, ba.summary.record_conflicts);
    assert_eq!(ab.summary.conflicts, ba.summary.conflicts);
    let bytes = std::fs::read(&ab_path).unwrap();
    let again = merge(&ab_path, &[&c.b, &c.a, &c.b]);
    assert_eq!(again.summary.total_added(), 0, "idempotent");
    assert_eq!(export(&again.inspection), export(&ab.inspection));
    assert_eq!(std::fs::read(&ab_path).unwrap(), bytes);
    assert_eq!(again.summary.record_conflicts, ab.summary.record_conflicts);
    ab
}

/// The first dossier (by number) that has a melding date and an answer to `vraag`.
fn dossier_with(inspection: &Inspection, vraag: &str) -> Revision<DossierData> {
    inspection
        .dossier_list()
        .into_iter()
        .find(|d| {
            d.data.dates.get(DateKind::MELDING_ONTVANGEN).is_some()
                && inspection.checks_of(&d.meta.entity).contains_key(vraag)
        })
        .expect("demo dossier with a melding date and an answer")
        .clone()
}

const VRAAG: &str = "dos-1.1.1b";

fn check_change(
    inspection: &Inspection,
    dossier: &str,
    antwoord: CheckAnswer,
    author: Uuid,
    stamp: Stamp,
) -> Change {
    inspection.change(
        &inspection.check_id(dossier, VRAAG),
        Record::Check(CheckData {
            dossier: dossier.to_string(),
            vraag: VRAAG.to_string(),
            antwoord,
            notitie: String::new(),
        }),
        author,
        stamp,
    )
}

/// The one conflict of `kind` (panics when there is not exactly one).
fn only_conflict(inspection: &Inspection, kind: Kind) -> RecordConflict {
    let all: Vec<_> = inspection
        .all_conflicts()
        .into_iter()
        .filter(|c| c.kind == kind)
        .collect();
    assert_eq!(all.len(), 1, "{:#?}", inspection.all_conflicts());
    all.into_iter().next().unwrap()
}

fn names(inspection: &Inspection, c: &RecordConflict) -> Vec<String> {
    let mut names: Vec<String> = c
        .versions
        .iter()
        .map(|v| inspection.inspector_name(v.author).to_string())
        .collect();
    names.sort();
    names
}

/// The verwachting the checklist item informs.
fn verwachting_of(inspection: &Inspection, vraag: &str) -> String {
    inspection
        .framework
        .sources
        .checklist
        .iter()
        .find(|q| q.id == vraag)
        .unwrap()
        .expectations[0]
        .clone()
}

// ---------------------------------------------------------------------------------------------
// The cases of the issue

fn check_ja_nee(b_clock: Clock) {
    let c = copies();
    let dossier = dossier_with(&c.base, VRAAG);
    let id = dossier.meta.entity.clone();
    edit(&c.a, "E. Voorbeeld", Clock::Now, |i, who, s| {
        check_change(i, &id, CheckAnswer::Ja, who, s)
    });
    edit(&c.b, "J. Proef", b_clock, |i, who, s| {
        check_change(i, &id, CheckAnswer::Nee, who, s)
    });
    let outcome = merge_both_orders(&c, "check");
    let merged = &outcome.inspection;

    // Reported, with both versions and the field.
    let conflict = only_conflict(merged, Kind::Check);
    assert_eq!(
        conflict.description,
        format!("dossiervraag {VRAAG} in dossier {}", dossier.data.nummer)
    );
    assert_eq!(conflict.fields, ["antwoord"]);
    let mut summaries: Vec<&str> = conflict
        .versions
        .iter()
        .map(|v| v.summary.as_str())
        .collect();
    summaries.sort();
    assert_eq!(summaries, ["ja", "nee"]);
    assert_eq!(names(merged, &conflict), ["E. Voorbeeld", "J. Proef"]);
    assert!(merged.is_conflicted(Kind::Check, &conflict.entity));
    let line = conflict.line(|a| merged.inspector_name(a));
    assert!(
        line.contains("ja (E. Voorbeeld)") && line.contains("nee (J. Proef)"),
        "{line}"
    );

    // Nothing silently chosen: the shown value is the last agreed one, not either side's.
    let base_check = c.base.checks.get(&conflict.entity).unwrap();
    assert_eq!(
        merged.checks.get(&conflict.entity).unwrap().data.antwoord,
        base_check.data.antwoord
    );
    let status = merged.status();
    assert!(!status.is_final());
    assert!(
        status
            .record_conflicts()
            .iter()
            .any(|d| d == &conflict.description),
        "{status:?}"
    );
    // Evidence: the dossier counts as neither ja nor nee.
    let verwachting = verwachting_of(merged, VRAAG);
    let before = evidence::evidence(&c.base, &verwachting);
    let after = evidence::evidence(merged, &verwachting);
    let item = |e: &evidence::Evidence<'_>| {
        let c = e.checks.iter().find(|c| c.question.id == VRAAG).unwrap();
        (
            c.ja,
            c.nee,
            c.nvt,
            c.open,
            c.conflict,
            c.conflict_dossiers.clone(),
        )
    };
    let (ja0, nee0, nvt0, open0, conflict0, _) = item(&before);
    let (ja1, nee1, nvt1, open1, conflict1, dossiers1) = item(&after);
    assert_eq!(conflict0, 0);
    assert_eq!(conflict1, 1);
    assert_eq!(dossiers1, std::slice::from_ref(&dossier.data.nummer));
    assert_eq!(ja1 + nee1 + nvt1 + open1 + 1, ja0 + nee0 + nvt0 + open0);
    let was = base_check.data.antwoord;
    assert_eq!(ja1, ja0 - u32::from(was == CheckAnswer::Ja));
    assert_eq!(nee1, nee0 - u32::from(was == CheckAnswer::Nee));
    let summary = after
        .checks
        .iter()
        .find(|c| c.question.id == VRAAG)
        .unwrap()
        .summary();
    assert!(summary.contains("onopgelost conflict"), "{summary}");

    // JSON: export and merge summary.
    let json = export(merged);
    let listed: Vec<&serde_json::Value> = json["conflicten"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["soort"] == "dossiervraag")
        .collect();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["velden"], serde_json::json!(["antwoord"]));
    assert_eq!(listed[0]["omschrijving"], conflict.description.as_str());
    assert!(listed[0].get("verwachting").is_none());
    for v in listed[0]["versies"].as_array().unwrap() {
        assert!(v["inspecteur"].is_string() && v["tijd"].is_string(), "{v}");
        assert_eq!(v["verwijderd"], false);
    }
    assert_eq!(json["score"]["compleet"], false);
    let dossier_json = json["dossiers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == id.as_str())
        .unwrap();
    let check_json = dossier_json["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["vraag"] == VRAAG)
        .unwrap();
    assert_eq!(check_json["conflict"], true);
    let summary = serde_json::to_value(MergeJson::new(&c.dir, &outcome)).unwrap();
    assert_eq!(summary["conflicten"], 1);
    assert_eq!(summary["conflict_verwachtingen"], serde_json::json!([]));
    assert_eq!(summary["conflicten_lijst"][0]["soort"], "dossiervraag");
    // What came in (on top of a, the first source) and the conflict, in plain words.
    assert_eq!(
        summary["binnengekomen"],
        serde_json::json!([{
            "soort": "dossiervraag",
            "inspecteur": "J. Proef",
            "nieuw": 0,
            "gewijzigd": 1,
            "verwijderd": 0,
            "tekst": "1 gewijzigde dossiervraag van J. Proef",
        }])
    );
    let text = summary["samenvatting"].as_str().unwrap();
    assert!(
        text.starts_with("1 gewijzigde dossiervraag van J. Proef. 1 conflict, nog niet opgelost: ")
            && text.contains(&line),
        "{text}"
    );
    assert_eq!(
        summary["conflicten_lijst"][0]["versies"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
}

#[test]
fn a_check_answered_ja_and_nee_is_a_conflict() {
    check_ja_nee(Clock::Now);
}

#[test]
fn a_check_answered_ja_and_nee_is_a_conflict_under_a_2099_clock() {
    check_ja_nee(Clock::Ahead);
}

fn melding_changed_differently(b_clock: Clock) {
    let c = copies();
    let dossier = dossier_with(&c.base, VRAAG);
    let id = dossier.meta.entity.clone();
    let original = dossier.data.dates.get(DateKind::MELDING_ONTVANGEN).unwrap();
    // Far apart, so at least one termijn that starts at the melding differs in outcome.
    let early = original - jiff::Span::new().days(400);
    let later = original + jiff::Span::new().days(1);
    let mut a_data = dossier.data.clone();
    a_data.dates.set(DateKind::MELDING_ONTVANGEN, Some(early));
    let mut b_data = dossier.data.clone();
    b_data.dates.set(DateKind::MELDING_ONTVANGEN, Some(later));
    let (a_dates, b_dates) = (a_data.dates.clone(), b_data.dates.clone());
    edit(&c.a, "E. Voorbeeld", Clock::Now, |i, who, s| {
        i.change(&id, Record::Dossier(a_data), who, s)
    });
    edit(&c.b, "J. Proef", b_clock, |i, who, s| {
        i.change(&id, Record::Dossier(b_data), who, s)
    });
    let outcome = merge_both_orders(&c, "melding");
    let merged = &outcome.inspection;

    let conflict = only_conflict(merged, Kind::Dossier);
    assert_eq!(conflict.entity, id);
    assert_eq!(
        conflict.description,
        format!("dossier {}", dossier.data.nummer)
    );
    assert_eq!(conflict.fields, ["melding_ontvangen"]);
    assert_eq!(conflict.versions.len(), 2);
    assert_eq!(names(merged, &conflict), ["E. Voorbeeld", "J. Proef"]);
    // Shown meanwhile: the date both copies last agreed on, in both orders and clocks.
    let shown = merged.dossiers.get(&id).unwrap();
    assert_eq!(
        shown.data.dates.get(DateKind::MELDING_ONTVANGEN),
        Some(original)
    );
    assert!(!merged.status().is_final());

    // Termijnen: where the two versions give different outcomes, the dossier counts as unknown.
    let others: Vec<_> = merged
        .dossier_list()
        .into_iter()
        .filter(|d| d.meta.entity != id)
        .map(|d| d.data.dates.clone())
        .collect();
    let mut disputed = 0;
    for (def, summary) in merged
        .framework
        .deadlines
        .iter()
        .zip(merged.deadline_summaries())
    {
        let peil = merged.peildatum();
        let mut expected: DeadlineSummary = termijn::summarize(def, &others, peil);
        let (oa, ob) = (
            termijn::evaluate(def, &a_dates, peil),
            termijn::evaluate(def, &b_dates, peil),
        );
        let shown_dossier = merged.dossiers.get(&id).unwrap();
        if oa == ob {
            expected.add(oa);
            assert_eq!(merged.deadline_outcome(def, shown_dossier), Some(oa));
        } else {
            disputed += 1;
            expected.unknown += 1;
            assert_eq!(merged.deadline_outcome(def, shown_dossier), None);
        }
        assert_eq!(summary, expected, "termijn {}", def.id);
    }
    assert!(disputed > 0, "the test should move a termijn outcome");

    let json = export(merged);
    let listed = json["conflicten"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["soort"] == "dossier")
        .unwrap()
        .clone();
    assert_eq!(listed["velden"], serde_json::json!(["melding_ontvangen"]));
    let dossier_json = json["dossiers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == id.as_str())
        .unwrap()
        .clone();
    assert_eq!(dossier_json["conflict"], true);
    assert!(
        dossier_json["termijnen"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["conflict"] == true)
    );
}

#[test]
fn a_melding_date_changed_differently_is_a_conflict() {
    melding_changed_differently(Clock::Now);
}

#[test]
fn a_melding_date_changed_differently_is_a_conflict_under_a_2099_clock() {
    melding_changed_differently(Clock::Ahead);
}

/// Copy a deletes the dossier, copy b edits it (`deleter_clock` / `editor_clock`).
fn delete_versus_edit(deleter_clock: Clock, editor_clock: Clock) {
    let c = copies();
    let dossier = dossier_with(&c.base, VRAAG);
    let id = dossier.meta.entity.clone();
    let data = dossier.data.clone();
    edit(&c.a, "E. Voorbeeld", deleter_clock, |i, who, s| {
        i.deletion(&id, Record::Dossier(data.clone()), who, s)
    });
    let mut edited = dossier.data.clone();
    edited.notitie = "Nagekeken met de teamleider.".into();
    edit(&c.b, "J. Proef", editor_clock, |i, who, s| {
        i.change(&id, Record::Dossier(edited), who, s)
    });
    let outcome = merge_both_orders(&c, "verwijderd");
    let merged = &outcome.inspection;

    let conflict = only_conflict(merged, Kind::Dossier);
    assert_eq!(conflict.fields, ["verwijderd", "notitie"]);
    let deleted: Vec<bool> = conflict.versions.iter().map(|v| v.deleted).collect();
    assert_eq!(deleted.iter().filter(|d| **d).count(), 1, "{deleted:?}");
    assert_eq!(deleted.len(), 2);
    assert!(conflict.versions.iter().any(|v| v.summary == "verwijderd"));
    assert_eq!(names(merged, &conflict), ["E. Voorbeeld", "J. Proef"]);

    // Neither the delete nor the edit wins: the dossier stays, as it was before either.
    let shown = merged
        .dossier_list()
        .into_iter()
        .find(|d| d.meta.entity == id)
        .expect("a disputed dossier does not disappear");
    assert_eq!(shown.data, dossier.data);
    assert!(!merged.status().is_final());
    // Its checks count as unresolved, and its termijnen as unknown.
    let verwachting = verwachting_of(merged, VRAAG);
    let e = evidence::evidence(merged, &verwachting);
    let item = e.checks.iter().find(|c| c.question.id == VRAAG).unwrap();
    assert_eq!(item.conflict, 1);
    assert_eq!(
        item.conflict_dossiers,
        std::slice::from_ref(&dossier.data.nummer)
    );
    for def in &merged.framework.deadlines {
        assert_eq!(merged.deadline_outcome(def, shown), None);
    }

    let json = export(merged);
    let listed = json["conflicten"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["soort"] == "dossier")
        .unwrap()
        .clone();
    let versies = listed["versies"].as_array().unwrap();
    assert_eq!(versies.len(), 2);
    assert!(versies.iter().any(|v| v["verwijderd"] == true));
    assert!(versies.iter().any(|v| v["verwijderd"] == false));
}

#[test]
fn a_dossier_deleted_in_one_copy_and_edited_in_the_other_is_a_conflict() {
    delete_versus_edit(Clock::Now, Clock::Now);
}

#[test]
fn delete_versus_edit_is_a_conflict_whichever_clock_runs_ahead() {
    delete_versus_edit(Clock::Ahead, Clock::Now);
    delete_versus_edit(Clock::Now, Clock::Ahead);
}

#[test]
fn a_conflicted_oordeel_has_no_current_value_in_the_export_even_at_2099() {
    let c = copies();
    let fw = c.base.framework.clone();
    let id = "1.3.1";
    for (path, who, clock, text) in [
        (&c.a, "E. Voorbeeld", Clock::Now, "voldoende"),
        (&c.b, "J. Proef", Clock::Ahead, "onvoldoende"),
    ] {
        edit(path, who, clock, |i, author, s| {
            let data = OordeelData::parse(&fw, id, text, format!("door {who}")).unwrap();
            i.change(id, Record::Oordeel(data), author, s)
        });
    }
    let outcome = merge_both_orders(&c, "oordeel");
    let merged = &outcome.inspection;
    assert_eq!(outcome.summary.conflicts, [id]);
    let conflict = only_conflict(merged, Kind::Oordeel);
    assert_eq!(conflict.description, format!("oordeel {id}"));
    assert_eq!(conflict.fields, ["oordeel", "onderbouwing"]);

    let json = export(merged);
    let oordeel = json["oordelen"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["verwachting"] == id)
        .unwrap()
        .clone();
    assert_eq!(oordeel["oordeel"], serde_json::Value::Null, "{oordeel}");
    assert_eq!(oordeel["conflict"], true);
    assert_eq!(oordeel["versies"].as_array().unwrap().len(), 2);
    // The existing shape of an oordeel conflict is kept, with the new fields added.
    let listed = json["conflicten"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["verwachting"] == id)
        .unwrap()
        .clone();
    assert_eq!(listed["soort"], "oordeel");
    assert_eq!(listed["record"], id);
    for v in listed["versies"].as_array().unwrap() {
        assert!(
            v["oordeel"].is_string() && v["onderbouwing"].is_string(),
            "{v}"
        );
    }
    let summary = serde_json::to_value(MergeJson::new(&c.dir, &outcome)).unwrap();
    assert_eq!(summary["conflict_verwachtingen"], serde_json::json!([id]));
    assert_eq!(summary["conflicten"], 1);
    assert_eq!(summary["conflicten_lijst"][0]["verwachting"], id);
}

#[test]
fn same_content_in_both_copies_is_no_conflict() {
    let c = copies();
    let dossier = dossier_with(&c.base, VRAAG);
    let id = dossier.meta.entity.clone();
    for (path, who, clock) in [
        (&c.a, "E. Voorbeeld", Clock::Now),
        (&c.b, "J. Proef", Clock::Ahead),
    ] {
        edit(path, who, clock, |i, author, s| {
            check_change(i, &id, CheckAnswer::Ja, author, s)
        });
    }
    let outcome = merge_both_orders(&c, "gelijk");
    assert!(outcome.summary.record_conflicts.is_empty());
    let check_id = outcome.inspection.check_id(&id, VRAAG);
    let history = outcome.inspection.checks.history(&check_id).unwrap();
    assert_eq!(history.heads().count(), 2);
    assert!(!history.is_conflicted());
    assert_eq!(
        outcome
            .inspection
            .checks
            .get(&check_id)
            .unwrap()
            .data
            .antwoord,
        CheckAnswer::Ja
    );
}

// ---------------------------------------------------------------------------------------------
// Causal history

#[test]
fn history_lists_a_replaced_version_before_its_replacement_whatever_the_clocks() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.veldtoets");
    let (mut store, mut inspection) = demo::create(&path).unwrap();
    let author = *inspection.inspectors.keys().next().unwrap();
    let fw = inspection.framework.clone();
    let id = "1.3.1";
    // Written first on a laptop at 2099, then replaced on one whose clock says 2001.
    let mut revs = Vec::new();
    for (time, text) in [
        ("2099-01-01T00:00:00Z", "voldoende"),
        ("2001-01-01T00:00:00Z", "onvoldoende"),
        ("2050-01-01T00:00:00Z", "voldoende"),
    ] {
        let data = OordeelData::parse(&fw, id, text, time.into()).unwrap();
        let change = inspection.change(id, Record::Oordeel(data), author, at(time));
        revs.push(change.meta.rev);
        store.append(&change).unwrap();
        inspection.apply(change);
    }
    drop(store);
    let order = |i: &Inspection| -> Vec<Uuid> {
        i.oordelen
            .history(id)
            .unwrap()
            .revisions()
            .iter()
            .map(|r| r.meta.rev)
            .filter(|r| revs.contains(r))
            .collect()
    };
    assert_eq!(order(&inspection), revs, "in memory");
    let (_, reloaded, _) = Store::open(&path).unwrap();
    assert_eq!(order(&reloaded), revs, "loaded from the file");
    assert_eq!(reloaded.oordeel(id).unwrap().meta.rev, revs[2]);
    assert!(reloaded.conflicts().is_empty());
    // The export's historie follows the same order.
    let json = export(&reloaded);
    let oordeel = json["oordelen"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["verwachting"] == id)
        .unwrap()
        .clone();
    let listed: Vec<String> = oordeel["historie"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["versie"].as_str().unwrap().to_string())
        .filter(|v| revs.iter().any(|r| r.to_string() == *v))
        .collect();
    let expected: Vec<String> = revs.iter().map(ToString::to_string).collect();
    assert_eq!(listed, expected);
    assert_eq!(oordeel["oordeel"], "voldoende");
}

#[test]
fn concurrent_versions_are_ordered_by_id_not_by_clock() {
    let c = copies();
    let fw = c.base.framework.clone();
    let id = "1.3.1";
    for (path, time) in [
        (&c.a, "2099-01-01T00:00:00Z"),
        (&c.b, "2001-01-01T00:00:00Z"),
    ] {
        let (mut store, inspection, _) = Store::open(path).unwrap();
        let author = *inspection.inspectors.keys().next().unwrap();
        let data = OordeelData::parse(&fw, id, "onvoldoende", time.into()).unwrap();
        store
            .append(&inspection.change(id, Record::Oordeel(data), author, at(time)))
            .unwrap();
    }
    let outcome = merge_both_orders(&c, "volgorde");
    let history = outcome.inspection.oordelen.history(id).unwrap();
    let heads: Vec<Uuid> = history.heads().map(|r| r.meta.rev).collect();
    assert_eq!(heads.len(), 2);
    assert!(heads[0] < heads[1], "concurrent heads by revision id");
    // Every revision after the ones it replaces.
    let revisions = history.revisions();
    for (k, r) in revisions.iter().enumerate() {
        for replaced in &r.meta.replaces {
            let pos = revisions
                .iter()
                .position(|x| x.meta.rev == *replaced)
                .unwrap();
            assert!(pos < k);
        }
    }
    // Different onderbouwing: a conflict, with the value both agreed on shown meanwhile.
    assert!(history.is_conflicted());
    assert_eq!(
        outcome.inspection.oordeel(id).unwrap().data,
        c.base.oordeel(id).unwrap().data
    );
}
