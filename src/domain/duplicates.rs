//! Duplicate natural keys: two *different* records that stand for the same thing.
//!
//! A merge of two inspectors' files can bring two dossier records with the same dossier number
//! (each inspector added "VTG-2026-0668" on their own laptop), or two free documents (not a
//! requested document of the kader) with the same name. That is not a conflict between versions
//! of one record (see [`super::record::History`]) but two records, so the revision model cannot
//! see it; this module does.
//!
//! - **Detecting**: [`Inspection::duplicates`] lists every group of live records sharing a key.
//!   Keys are compared trimmed and case-insensitively (" vtg-2026-0668" is "VTG-2026-0668"); an
//!   empty key is never a duplicate.
//! - **Counting**: until resolved, a group of dossiers counts as *one* dossier
//!   ([`Inspection::dossier_groups`]): in the termijn shares its outcome counts only when every
//!   member gives the same one ([`group_outcome`]), in "x van y dossiers" a checklist item counts
//!   once and only when every member that answered it agrees ([`group_answer`]). A group of one
//!   is counted exactly as before.
//! - **Status**: a duplicate keeps the eindoordeel provisional and is named, like a record
//!   conflict ([`super::status`]).
//! - **Resolving** is an explicit act that produces revisions for the caller to store and apply:
//!   [`Inspection::merge_duplicate`] ("samenvoegen": one record keeps, the other is folded into it
//!   and deleted; what differs is listed for the user *before* confirming) or
//!   [`Inspection::renumber`] / [`Inspection::rename_document`] ("hernummeren": give one of them
//!   another key). Neither silently resolves a record conflict: a conflicted record is refused
//!   ([`Inspection::merge_refusal`], [`Inspection::rekey_refusal`] say why, in Dutch).
//!
//! Pure: ids and times come in through [`Stamp`]s.

use std::collections::HashMap;

use uuid::Uuid;

use super::inspection::{
    CheckAnswer, CheckData, DocumentData, DossierData, Inspection, Stamp, natural_key,
};
use super::record::{Change, FieldType, Kind, Record, RecordData, Revision, Value, Values};
use super::termijn::{self, DeadlineDef, DeadlineOutcome};

/// Two or more live records of one kind with the same natural key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Duplicate {
    /// [`Kind::Dossier`] (key: the dossier number) or [`Kind::Document`] (free documents; key:
    /// the name).
    pub kind: Kind,
    /// The key as shown: the members' keys trimmed, the smallest of them when they differ in
    /// case (so "VTG-2026-0668" rather than "vtg-2026-0668", whatever the record ids).
    pub key: String,
    /// The records' ids, in id order.
    pub entities: Vec<String>,
}

impl Duplicate {
    fn new<'a>(kind: Kind, members: impl IntoIterator<Item = (&'a str, &'a str)>) -> Duplicate {
        let (mut entities, keys): (Vec<String>, Vec<&str>) = members
            .into_iter()
            .map(|(entity, key)| (entity.to_string(), key.trim()))
            .unzip();
        entities.sort();
        Duplicate {
            kind,
            key: keys.into_iter().min().unwrap_or_default().to_string(),
            entities,
        }
    }

    /// In Dutch: "dossiernummer VTG-2026-0668 staat 2 keer in het onderzoek", "document
    /// Jaarverslag 2025 staat 2 keer in het onderzoek".
    pub fn description(&self) -> String {
        let what = match self.kind {
            Kind::Dossier => "dossiernummer",
            _ => "document",
        };
        format!(
            "{what} {} staat {} keer in het onderzoek",
            self.key,
            self.entities.len()
        )
    }
}

/// A natural key as compared: trimmed and in lower case.
pub fn normalize_key(key: &str) -> String {
    key.trim().to_lowercase()
}

/// What resolving a duplicate by merging ("samenvoegen") writes, and what the user loses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergePlan {
    /// The revisions, in order: the new version of the kept record (only when something
    /// changes), for a dossier the dossiervragen moved or completed, then the tombstones of the
    /// other record's dossiervragen and of the other record itself. The caller stores them
    /// (best in one transaction) and applies them.
    pub changes: Vec<Change>,
    /// Every value of the other record that is not taken over, or how texts were combined, one
    /// Dutch line each ("melding ontvangen: 03-02-2026 behouden, 05-02-2026 (J. Proef) vervalt"),
    /// to show *before* the user confirms. Empty when nothing is lost.
    pub differences: Vec<String>,
}

/// The outcome of a termijn for a group of dossiers with one number
/// ([`Inspection::dossier_groups`]): the members' outcomes (`None` for a member whose outcome is
/// unresolved by a conflict) count only when all are known and the same; otherwise `None`
/// (counted as unknown). A group of one gives its member's outcome.
pub fn group_outcome(
    outcomes: impl IntoIterator<Item = Option<DeadlineOutcome>>,
) -> Option<DeadlineOutcome> {
    let mut first = None;
    for outcome in outcomes {
        let outcome = outcome?;
        match first {
            None => first = Some(outcome),
            Some(f) if f != outcome => return None,
            Some(_) => {}
        }
    }
    first
}

/// How one checklist item stands for a group of dossiers with one number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupAnswer {
    /// Every member that answered gave this answer (ja, nee or n.v.t.).
    Agreed(CheckAnswer),
    /// No member answered it.
    Open,
    /// Members answered differently, or a member's answer is unresolved by a conflict: counted
    /// as neither until resolved.
    Unresolved,
}

/// The answer of a group to one checklist item from its members' answers: `None` for a member
/// whose answer is unresolved by a conflict, [`CheckAnswer::Open`] for one without an answer. A
/// group of one gives its member's answer.
pub fn group_answer(answers: impl IntoIterator<Item = Option<CheckAnswer>>) -> GroupAnswer {
    let mut agreed = None;
    let mut disagree = false;
    for answer in answers {
        match answer {
            None => return GroupAnswer::Unresolved,
            Some(CheckAnswer::Open) => {}
            Some(a) => match agreed {
                None => agreed = Some(a),
                Some(b) if b != a => disagree = true,
                Some(_) => {}
            },
        }
    }
    match agreed {
        _ if disagree => GroupAnswer::Unresolved,
        Some(a) => GroupAnswer::Agreed(a),
        None => GroupAnswer::Open,
    }
}

/// Whether a value counts as not filled in: blank text, no date, no number, an empty map, a flag
/// that is off.
fn is_empty(value: &Value) -> bool {
    match value {
        Value::Text(t) => t.trim().is_empty(),
        Value::OptText(t) => t.as_deref().is_none_or(|t| t.trim().is_empty()),
        Value::Date(d) => d.is_none(),
        Value::DateTime(t) => t.is_none(),
        Value::Count(n) => n.is_none(),
        Value::Flag(b) => !b,
        Value::Map(m) => m.is_empty(),
        Value::Dates(d) => d.is_empty(),
    }
}

/// Two values that say the same (text compared without surrounding blanks).
fn same_value(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Text(a), Value::Text(b)) => a.trim() == b.trim(),
        (Value::OptText(a), Value::OptText(b)) => {
            a.as_deref().map(str::trim) == b.as_deref().map(str::trim)
        }
        _ => a == b,
    }
}

/// Two free texts combined: the kept one, a blank line, the other one.
fn combine_texts(keep: &str, other: &str) -> String {
    format!("{}\n\n{}", keep.trim(), other.trim())
}

/// The field of a record kind that holds free notes: combined rather than chosen.
const NOTE_FIELD: &str = "notitie";

/// `keep` completed from `other`, field by field with the generic record API: a field empty in
/// `keep` and set in `other` is taken ([`RecordData::combined`]); the notes of both are combined
/// when both have different text; any other field set in both with different values keeps
/// `keep`'s value and gives a line in the returned differences. Fields named in `skip` are left
/// as `keep` has them. `None` for the data when nothing changes; `by` names the other record's
/// inspecteur.
fn fill_from<T: RecordData>(
    keep: &T,
    other: &T,
    skip: &[&str],
    by: &str,
) -> (Option<T>, Vec<String>) {
    let mut take = Vec::new();
    let mut notes = None;
    let mut differences = Vec::new();
    for (field, (k, o)) in T::FIELDS
        .iter()
        .zip(keep.values().into_iter().zip(other.values()))
    {
        if skip.contains(&field.name) || same_value(&k, &o) || is_empty(&o) {
            continue;
        }
        // Dates, each on its own: a date missing in `keep` is taken, a different one is named.
        if let (Value::Dates(k), Value::Dates(o)) = (&k, &o) {
            for (kind, theirs) in o.iter() {
                match k.get(kind) {
                    None => take.push(kind.as_str()),
                    Some(mine) if mine != theirs => differences.push(format!(
                        "{}: {} behouden, {} ({by}) vervalt",
                        kind.label(),
                        termijn::format_date_nl(mine),
                        termijn::format_date_nl(theirs)
                    )),
                    Some(_) => {}
                }
            }
            continue;
        }
        if is_empty(&k) {
            take.push(field.name);
        } else if field.name == NOTE_FIELD && field.ty == FieldType::Text {
            let (Value::Text(k), Value::Text(o)) = (&k, &o) else {
                continue;
            };
            notes = Some(combine_texts(k, o));
            differences.push(format!(
                "{}: beide teksten blijven bewaard (de tekst van {by} wordt achter de behouden tekst gezet)",
                field.label
            ));
        } else {
            differences.push(format!(
                "{}: {} behouden, {} ({by}) vervalt",
                field.label,
                k.display(),
                o.display()
            ));
        }
    }
    if take.is_empty() && notes.is_none() {
        return (None, differences);
    }
    let Ok(mut data) = keep.combined(other, &take) else {
        return (None, differences);
    };
    if let Some(text) = notes {
        let values = T::FIELDS
            .iter()
            .zip(data.values())
            .map(|(f, v)| {
                if f.name == NOTE_FIELD {
                    Value::Text(text.clone())
                } else {
                    v
                }
            })
            .collect();
        match T::from_values(Values::new(T::FIELDS, values)) {
            Ok(d) => data = d,
            Err(_) => return (None, differences),
        }
    }
    (Some(data), differences)
}

/// A dossiervraag of the other dossier folded into the kept one's: the data for the kept
/// dossier's record (`None` when it does not change) and the lines of what is lost.
fn fold_check(
    keep: Option<&CheckData>,
    other: &CheckData,
    dossier: &str,
    by: &str,
) -> (Option<CheckData>, Vec<String>) {
    let vraag = &other.vraag;
    let Some(keep) = keep else {
        let empty = other.antwoord == CheckAnswer::Open && other.notitie.trim().is_empty();
        return (
            (!empty).then(|| CheckData {
                dossier: dossier.to_string(),
                ..other.clone()
            }),
            Vec::new(),
        );
    };
    let mut data = keep.clone();
    let mut differences = Vec::new();
    let answered = |a: CheckAnswer| a != CheckAnswer::Open;
    if answered(keep.antwoord) && answered(other.antwoord) && keep.antwoord != other.antwoord {
        // The other toelichting explains an answer that is not kept: it goes with it.
        differences.push(format!(
            "dossiervraag {vraag}: {} behouden, {} ({by}) vervalt",
            keep.antwoord.label(),
            other.antwoord.label()
        ));
        return (None, differences);
    }
    if !answered(keep.antwoord) {
        data.antwoord = other.antwoord;
    }
    let (k, o) = (keep.notitie.trim(), other.notitie.trim());
    if k.is_empty() {
        data.notitie = other.notitie.clone();
    } else if !o.is_empty() && k != o {
        data.notitie = combine_texts(k, o);
        differences.push(format!(
            "dossiervraag {vraag}, toelichting: beide teksten blijven bewaard (de tekst van {by} wordt achter de behouden tekst gezet)"
        ));
    }
    ((data != *keep).then_some(data), differences)
}

impl Inspection {
    /// Live dossiers grouped by number (trimmed, case-insensitive): the unit that is counted in
    /// the termijn shares and in "x van y dossiers" while a duplicate is unresolved. Groups are
    /// in the order of their first member in [`Inspection::dossier_list`], members in that order
    /// too; a dossier without a number is a group of its own. Without duplicates, one group per
    /// dossier in [`Inspection::dossier_list`] order.
    pub fn dossier_groups(&self) -> Vec<Vec<&Revision<DossierData>>> {
        let mut groups: Vec<Vec<&Revision<DossierData>>> = Vec::new();
        let mut by_key: HashMap<String, usize> = HashMap::new();
        for dossier in self.dossier_list() {
            let key = normalize_key(&dossier.data.nummer);
            if key.is_empty() {
                groups.push(vec![dossier]);
                continue;
            }
            match by_key.get(&key) {
                Some(&i) => groups[i].push(dossier),
                None => {
                    by_key.insert(key, groups.len());
                    groups.push(vec![dossier]);
                }
            }
        }
        groups
    }

    /// The number of dossiers as counted while duplicates are unresolved: one per number
    /// ([`Inspection::dossier_groups`]).
    pub fn dossier_count(&self) -> usize {
        self.dossier_groups().len()
    }

    /// The outcome of termijn `def` for a group of [`Inspection::dossier_groups`]: see
    /// [`group_outcome`] (with [`Inspection::deadline_outcome`] per member).
    pub fn group_deadline_outcome(
        &self,
        def: &DeadlineDef,
        group: &[&Revision<DossierData>],
    ) -> Option<DeadlineOutcome> {
        group_outcome(group.iter().map(|d| self.deadline_outcome(def, d)))
    }

    /// Every group of live records with the same natural key: dossiers by number, free
    /// documents (no kader item) by name, both trimmed and case-insensitive; empty keys are
    /// left out. Sorted by kind ([`Kind`] order: dossiers first), then by key (numbers in
    /// natural order, "D-2" before "D-10").
    pub fn duplicates(&self) -> Vec<Duplicate> {
        let mut out: Vec<Duplicate> = self
            .dossier_groups()
            .into_iter()
            .filter(|g| g.len() > 1)
            .map(|g| {
                Duplicate::new(
                    Kind::Dossier,
                    g.iter()
                        .map(|d| (d.meta.entity.as_str(), d.data.nummer.as_str())),
                )
            })
            .collect();
        let mut documents: HashMap<String, Vec<&Revision<DocumentData>>> = HashMap::new();
        for d in self.documents.current().filter(|d| d.data.item.is_none()) {
            let key = normalize_key(&d.data.naam);
            if !key.is_empty() {
                documents.entry(key).or_default().push(d);
            }
        }
        out.extend(documents.into_values().filter(|g| g.len() > 1).map(|g| {
            Duplicate::new(
                Kind::Document,
                g.iter()
                    .map(|d| (d.meta.entity.as_str(), d.data.naam.as_str())),
            )
        }));
        out.sort_by_cached_key(|d| {
            (
                d.kind,
                natural_key(&normalize_key(&d.key)),
                d.key.clone(),
                d.entities.clone(),
            )
        });
        out
    }

    /// Why [`Inspection::merge_duplicate`] would refuse to fold `other` into `keep`, in Dutch;
    /// `None` when it can. Refused: a kind other than dossier or document, the same record
    /// twice, a record that does not exist (any more), a record in conflict (or, for a dossier,
    /// a dossiervraag of either in conflict) — resolve that first, merging must not decide it —
    /// and a requested document folded into another one.
    pub fn merge_refusal(&self, kind: Kind, keep: &str, other: &str) -> Option<String> {
        let noun = match kind {
            Kind::Dossier => "dossier",
            Kind::Document => "document",
            _ => return Some("alleen dossiers en documenten kunnen worden samengevoegd".into()),
        };
        if keep == other {
            return Some(format!(
                "kies twee verschillende {} om samen te voegen",
                kind.noun().1
            ));
        }
        for entity in [keep, other] {
            let (live, conflicted) = match kind {
                Kind::Dossier => (
                    self.dossiers.get(entity).is_some(),
                    self.dossiers.is_conflicted(entity),
                ),
                _ => (
                    self.documents.get(entity).is_some(),
                    self.documents.is_conflicted(entity),
                ),
            };
            if !live {
                return Some(format!("{noun} {entity} bestaat niet (meer)"));
            }
            if conflicted {
                return Some(format!(
                    "{} heeft een conflict; los dat eerst op",
                    self.describe(kind, entity)
                ));
            }
        }
        if kind == Kind::Dossier {
            let conflicted = self.checks.conflicted().find(|(_, h)| {
                h.heads()
                    .any(|r| r.data.dossier == keep || r.data.dossier == other)
            });
            if let Some((id, _)) = conflicted {
                return Some(format!(
                    "{} heeft een conflict; los dat eerst op",
                    self.describe(Kind::Check, id)
                ));
            }
        } else {
            let item = |id: &str| self.documents.get(id).and_then(|d| d.data.item.clone());
            if item(other).is_some() && item(other) != item(keep) {
                return Some(format!(
                    "{} is een gevraagd document van het toetsingskader; voeg het andere document daarin samen",
                    self.describe(Kind::Document, other)
                ));
            }
        }
        None
    }

    /// Resolves a duplicate by merging ("samenvoegen"): `other` is folded into `keep` and
    /// deleted. `stamp` gives each new revision its id and time (several are needed).
    ///
    /// - A **dossier**: fields empty in `keep` and set in `other` are taken from `other`; the
    ///   notes of both are kept together; any other field set in both with different values
    ///   keeps `keep`'s value and is listed in [`MergePlan::differences`]. The dossiervragen of
    ///   `other`: one `keep` has no answer for (none, or "open") becomes `keep`'s (same record
    ///   when `keep` has one, else id [`Inspection::check_id`]`(keep, vraag)`); the same answer
    ///   on both combines the toelichtingen; a different answer on both keeps `keep`'s and is
    ///   listed. Then `other`'s dossiervragen and `other` get tombstones.
    /// - A **document**: `keep`'s fields, empty ones filled from `other` (its kader item is never
    ///   taken over), notes combined when both differ (listed), then a tombstone for `other`.
    ///
    /// `None` when refused ([`Inspection::merge_refusal`] says why).
    pub fn merge_duplicate(
        &self,
        kind: Kind,
        keep: &str,
        other: &str,
        author: Uuid,
        stamp: &mut dyn FnMut() -> Stamp,
    ) -> Option<MergePlan> {
        if self.merge_refusal(kind, keep, other).is_some() {
            return None;
        }
        let mut changes = Vec::new();
        let mut differences = Vec::new();
        if kind == Kind::Dossier {
            let k = self.dossiers.get(keep)?;
            let o = self.dossiers.get(other)?;
            let by = self.inspector_name(o.meta.author);
            let skip: &[&str] = if normalize_key(&k.data.nummer) == normalize_key(&o.data.nummer) {
                &["nummer"]
            } else {
                &[]
            };
            let (data, mut lines) = fill_from(&k.data, &o.data, skip, by);
            differences.append(&mut lines);
            if let Some(data) = data {
                changes.push(self.change(keep, Record::Dossier(data), author, stamp()));
            }
            let keep_checks = self.checks_of(keep);
            let other_checks = self.checks_of(other);
            for (vraag, oc) in &other_checks {
                let kc = keep_checks.get(vraag);
                let by = self.inspector_name(oc.meta.author);
                let (data, mut lines) = fold_check(kc.map(|c| &c.data), &oc.data, keep, by);
                differences.append(&mut lines);
                if let Some(data) = data {
                    let id =
                        kc.map_or_else(|| self.check_id(keep, vraag), |c| c.meta.entity.clone());
                    changes.push(self.change(&id, Record::Check(data), author, stamp()));
                }
            }
            for oc in other_checks.values() {
                changes.push(self.deletion(
                    &oc.meta.entity,
                    Record::Check(oc.data.clone()),
                    author,
                    stamp(),
                ));
            }
            changes.push(self.deletion(other, Record::Dossier(o.data.clone()), author, stamp()));
        } else {
            let k = self.documents.get(keep)?;
            let o = self.documents.get(other)?;
            let by = self.inspector_name(o.meta.author);
            let mut skip = vec!["item"];
            if normalize_key(&k.data.naam) == normalize_key(&o.data.naam) {
                skip.push("naam");
            }
            let (data, mut lines) = fill_from(&k.data, &o.data, &skip, by);
            differences.append(&mut lines);
            if let Some(data) = data {
                changes.push(self.change(keep, Record::Document(data), author, stamp()));
            }
            changes.push(self.deletion(other, Record::Document(o.data.clone()), author, stamp()));
        }
        Some(MergePlan {
            changes,
            differences,
        })
    }

    /// Why giving record `entity` of `kind` (dossier or document) the key `key` is refused, in
    /// Dutch; `None` when it can. Refused: an empty key, a record that does not exist (any more)
    /// or is in conflict, and a key another live record of the kind already has (for documents:
    /// another free document), compared trimmed and case-insensitively.
    pub fn rekey_refusal(&self, kind: Kind, entity: &str, key: &str) -> Option<String> {
        let wanted = normalize_key(key);
        match kind {
            Kind::Dossier => {
                if wanted.is_empty() {
                    return Some("vul een dossiernummer in".into());
                }
                if self.dossiers.get(entity).is_none() {
                    return Some(format!("dossier {entity} bestaat niet (meer)"));
                }
                if self.dossiers.is_conflicted(entity) {
                    return Some(format!(
                        "{} heeft een conflict; los dat eerst op",
                        self.describe_dossier(entity)
                    ));
                }
                let taken = self
                    .dossiers
                    .current()
                    .find(|d| d.meta.entity != entity && normalize_key(&d.data.nummer) == wanted);
                taken.map(|d| {
                    format!(
                        "dossiernummer {} is al in gebruik; kies een ander nummer",
                        d.data.nummer.trim()
                    )
                })
            }
            Kind::Document => {
                if wanted.is_empty() {
                    return Some("vul een naam in".into());
                }
                if self.documents.get(entity).is_none() {
                    return Some(format!("document {entity} bestaat niet (meer)"));
                }
                if self.documents.is_conflicted(entity) {
                    return Some(format!(
                        "{} heeft een conflict; los dat eerst op",
                        self.describe(Kind::Document, entity)
                    ));
                }
                let taken = self.documents.current().find(|d| {
                    d.meta.entity != entity
                        && d.data.item.is_none()
                        && normalize_key(&d.data.naam) == wanted
                });
                taken.map(|d| {
                    format!(
                        "er is al een document met de naam {}; kies een andere naam",
                        d.data.naam.trim()
                    )
                })
            }
            _ => Some(
                "alleen dossiers en documenten kunnen een ander nummer of andere naam krijgen"
                    .into(),
            ),
        }
    }

    /// Resolves a duplicate by renumbering ("hernummeren"): a new revision of `dossier` with
    /// number `nummer` (trimmed), its other fields unchanged. `None` when refused
    /// ([`Inspection::rekey_refusal`]): an empty number, one another live dossier has, or a
    /// dossier that does not exist or is in conflict.
    pub fn renumber(
        &self,
        dossier: &str,
        nummer: &str,
        author: Uuid,
        stamp: Stamp,
    ) -> Option<Change> {
        if self.rekey_refusal(Kind::Dossier, dossier, nummer).is_some() {
            return None;
        }
        let data = DossierData {
            nummer: nummer.trim().to_string(),
            ..self.dossiers.get(dossier)?.data.clone()
        };
        Some(self.change(dossier, Record::Dossier(data), author, stamp))
    }

    /// Like [`Inspection::renumber`], for a document's name.
    pub fn rename_document(
        &self,
        document: &str,
        naam: &str,
        author: Uuid,
        stamp: Stamp,
    ) -> Option<Change> {
        if self.rekey_refusal(Kind::Document, document, naam).is_some() {
            return None;
        }
        let data = DocumentData {
            naam: naam.trim().to_string(),
            ..self.documents.get(document)?.data.clone()
        };
        Some(self.change(document, Record::Document(data), author, stamp))
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use jiff::Timestamp;
    use jiff::civil::Date;

    use super::*;
    use crate::domain::kader::{DecisionRules, EvidenceSources, Framework, Measure};
    use crate::domain::termijn::{CaseDates, DateKind, DayCount};

    fn date(d: i8, m: i8) -> Option<Date> {
        Some(Date::new(2026, m, d).unwrap())
    }

    fn stamp(n: u128) -> Stamp {
        Stamp {
            rev: Uuid::from_u128(n),
            at: Timestamp::UNIX_EPOCH,
        }
    }

    /// An inspection of a bare kader with one termijn (triage, 5 days); scoring is not used.
    fn inspection() -> Inspection {
        let framework = Framework::new(
            "test".into(),
            "Test".into(),
            String::new(),
            String::new(),
            Vec::new(),
            DecisionRules {
                measure: Measure::Deductions,
                default_deduction: 1,
                deductions: HashMap::new(),
                variants: Vec::new(),
                scales: Vec::new(),
                default_scale: 0,
                conditions: Vec::new(),
                explanation: String::new(),
            },
            vec![DeadlineDef {
                id: "triage".into(),
                name: "Triage".into(),
                from: DateKind::MELDING_ONTVANGEN,
                to: DateKind::TRIAGEBESLUIT,
                also_to: Vec::new(),
                optional: false,
                days: 5,
                unit: DayCount::Calendar,
                expectations: Vec::new(),
            }],
            EvidenceSources::default(),
            String::new(),
        );
        Inspection::new(Uuid::from_u128(1), framework, Timestamp::UNIX_EPOCH)
    }

    /// Adds a dossier `entity` with `nummer` and a triage of `days` days (from 01-02-2026).
    fn add_dossier(i: &mut Inspection, entity: &str, nummer: &str, days: i8, n: u128) {
        let dates = CaseDates::default()
            .with(DateKind::MELDING_ONTVANGEN, date(1, 2))
            .with(DateKind::TRIAGEBESLUIT, date(1 + days, 2));
        let data = DossierData {
            nummer: nummer.into(),
            dates,
            ..DossierData::default()
        };
        let change = i.change(entity, Record::Dossier(data), Uuid::nil(), stamp(n));
        i.apply(change);
    }

    #[test]
    fn keys_are_compared_trimmed_and_case_insensitively() {
        for (a, b, same) in [
            ("VTG-2026-0668", "VTG-2026-0668", true),
            ("VTG-2026-0668", " vtg-2026-0668 ", true),
            ("Jaarverslag", "JAARVERSLAG\t", true),
            ("VTG-2026-0668", "VTG-2026-668", false),
            ("VTG 2026", "VTG  2026", false),
            ("", "   ", true),
        ] {
            assert_eq!(normalize_key(a) == normalize_key(b), same, "{a:?} {b:?}");
        }
    }

    #[test]
    fn duplicates_are_found_among_live_dossiers_only() {
        // (dossiers as (entity, number, deleted), expected groups as (key, entities))
        type Case = (
            &'static [(&'static str, &'static str, bool)],
            &'static [(&'static str, &'static [&'static str])],
        );
        let cases: &[Case] = &[
            (&[("a", "D-1", false), ("b", "D-2", false)], &[]),
            (
                &[("b", "D-1", false), ("a", "d-1 ", false)],
                &[("D-1", &["a", "b"])],
            ),
            (&[("a", "D-1", false), ("b", "D-1", true)], &[]),
            (&[("a", "", false), ("b", " ", false)], &[]),
            (
                &[
                    ("a", "D-10", false),
                    ("b", "D-2", false),
                    ("c", "D-10", false),
                    ("d", "D-2", false),
                    ("e", "D-2", false),
                ],
                &[("D-2", &["b", "d", "e"]), ("D-10", &["a", "c"])],
            ),
        ];
        for (dossiers, expected) in cases {
            let mut i = inspection();
            for (n, (entity, nummer, deleted)) in dossiers.iter().enumerate() {
                add_dossier(&mut i, entity, nummer, 1, n as u128 + 10);
                if *deleted {
                    let data = i.dossiers.get(entity).unwrap().data.clone();
                    let change = i.deletion(
                        entity,
                        Record::Dossier(data),
                        Uuid::nil(),
                        stamp(n as u128 + 100),
                    );
                    i.apply(change);
                }
            }
            let found: Vec<(String, Vec<String>)> = i
                .duplicates()
                .into_iter()
                .map(|d| (d.key, d.entities))
                .collect();
            let expected: Vec<(String, Vec<String>)> = expected
                .iter()
                .map(|(k, e)| (k.to_string(), e.iter().map(|s| s.to_string()).collect()))
                .collect();
            assert_eq!(found, expected, "{dossiers:?}");
            let live = dossiers.iter().filter(|d| !d.2).count();
            let doubled: usize = expected.iter().map(|(_, e)| e.len() - 1).sum();
            assert_eq!(i.dossier_count(), live - doubled, "{dossiers:?}");
        }
    }

    #[test]
    fn a_group_counts_once_in_the_termijn_share() {
        // (triage days per member of one number, expected (met, missed, unknown))
        for (days, expected) in [
            (&[2][..], (1, 0, 0)),
            (&[2, 2], (1, 0, 0)),
            (&[9, 9], (0, 1, 0)),
            (&[2, 9], (0, 0, 1)),
            (&[2, 3], (0, 0, 1)),
            (&[2, 2, 9], (0, 0, 1)),
        ] {
            let mut i = inspection();
            for (n, d) in days.iter().enumerate() {
                add_dossier(&mut i, &format!("d{n}"), "D-1", *d, n as u128 + 10);
            }
            let s = i.deadline_summaries()[0];
            assert_eq!((s.met, s.missed, s.unknown), expected, "{days:?}");
        }
    }

    #[test]
    fn group_outcomes_count_only_when_all_agree() {
        let met = |elapsed| Some(DeadlineOutcome::Met { elapsed });
        let missing = Some(DeadlineOutcome::Missing(DateKind::TRIAGEBESLUIT));
        for (outcomes, expected) in [
            (vec![], None),
            (vec![met(2)], met(2)),
            (vec![None], None),
            (vec![met(2), met(2)], met(2)),
            (vec![met(2), met(3)], None),
            (vec![met(2), None], None),
            (vec![missing, missing], missing),
            (vec![missing, met(1)], None),
        ] {
            assert_eq!(group_outcome(outcomes.clone()), expected, "{outcomes:?}");
        }
    }

    #[test]
    fn group_answers_agree_among_those_that_answered() {
        use CheckAnswer::{Ja, Nee, Nvt, Open};
        for (answers, expected) in [
            (vec![], GroupAnswer::Open),
            (vec![Some(Open)], GroupAnswer::Open),
            (vec![Some(Ja)], GroupAnswer::Agreed(Ja)),
            (vec![Some(Ja), Some(Ja)], GroupAnswer::Agreed(Ja)),
            (vec![Some(Open), Some(Nee)], GroupAnswer::Agreed(Nee)),
            (
                vec![Some(Nvt), Some(Open), Some(Nvt)],
                GroupAnswer::Agreed(Nvt),
            ),
            (vec![Some(Ja), Some(Nee)], GroupAnswer::Unresolved),
            (vec![Some(Ja), Some(Nvt)], GroupAnswer::Unresolved),
            (vec![Some(Ja), None], GroupAnswer::Unresolved),
            (vec![None], GroupAnswer::Unresolved),
        ] {
            assert_eq!(group_answer(answers.clone()), expected, "{answers:?}");
        }
    }

    #[test]
    fn empty_values() {
        for (value, empty) in [
            (Value::Text("  ".into()), true),
            (Value::Text("x".into()), false),
            (Value::OptText(None), true),
            (Value::OptText(Some(" ".into())), true),
            (Value::OptText(Some("doc-1".into())), false),
            (Value::Date(None), true),
            (Value::Date(date(1, 1)), false),
            (Value::Count(None), true),
            (Value::Count(Some(0)), false),
            (Value::Flag(false), true),
            (Value::Flag(true), false),
            (Value::Map(Default::default()), true),
        ] {
            assert_eq!(is_empty(&value), empty, "{value:?}");
        }
    }

    #[test]
    fn a_dossier_is_filled_from_the_other_and_what_differs_is_listed() {
        let keep = DossierData {
            nummer: "D-1".into(),
            dates: CaseDates::default().with(DateKind::MELDING_ONTVANGEN, date(3, 2)),
            ..DossierData::default()
        };
        let dated = |kind: DateKind, d| {
            let mut data = keep.clone();
            data.dates.set(kind, d);
            data
        };
        // (other, expected data (None: unchanged), expected lines)
        let cases: Vec<(DossierData, Option<DossierData>, Vec<&str>)> = vec![
            (keep.clone(), None, vec![]),
            (dated(DateKind::MELDING_ONTVANGEN, None), None, vec![]),
            (
                dated(DateKind::TRIAGEBESLUIT, date(4, 2)),
                Some(dated(DateKind::TRIAGEBESLUIT, date(4, 2))),
                vec![],
            ),
            (
                dated(DateKind::MELDING_ONTVANGEN, date(5, 2)),
                None,
                vec!["melding ontvangen: 03-02-2026 behouden, 05-02-2026 (J. Proef) vervalt"],
            ),
            (
                DossierData {
                    notitie: "  ".into(),
                    ..keep.clone()
                },
                None,
                vec![],
            ),
            (
                DossierData {
                    notitie: "van B".into(),
                    ..keep.clone()
                },
                Some(DossierData {
                    notitie: "van B".into(),
                    ..keep.clone()
                }),
                vec![],
            ),
        ];
        for (other, expected, lines) in cases {
            let (data, differences) = fill_from(&keep, &other, &["nummer"], "J. Proef");
            assert_eq!(data, expected, "{other:?}");
            assert_eq!(differences, lines, "{other:?}");
        }
        // Notes on both: combined, and said so.
        let a = DossierData {
            notitie: "van A".into(),
            ..keep.clone()
        };
        let b = DossierData {
            notitie: " van B ".into(),
            ..keep.clone()
        };
        let (data, lines) = fill_from(&a, &b, &["nummer"], "J. Proef");
        assert_eq!(data.unwrap().notitie, "van A\n\nvan B");
        assert_eq!(
            lines,
            [
                "notitie: beide teksten blijven bewaard (de tekst van J. Proef wordt achter de behouden tekst gezet)"
            ]
        );
        let (data, lines) = fill_from(
            &a,
            &DossierData {
                notitie: " van A".into(),
                ..keep.clone()
            },
            &["nummer"],
            "J. Proef",
        );
        assert_eq!(
            (data, lines),
            (None, vec![]),
            "the same note with other blanks"
        );
    }

    #[test]
    fn a_dossiervraag_is_folded_into_the_kept_dossier() {
        use CheckAnswer::{Ja, Nee, Open};
        let check = |antwoord, notitie: &str| CheckData {
            dossier: "keep".into(),
            vraag: "dos-1".into(),
            antwoord,
            notitie: notitie.into(),
        };
        let other = |antwoord, notitie: &str| CheckData {
            dossier: "other".into(),
            ..check(antwoord, notitie)
        };
        // (keep's check, the other's, expected data, expected lines)
        type Case = (
            Option<CheckData>,
            CheckData,
            Option<CheckData>,
            Vec<&'static str>,
        );
        let cases: Vec<Case> = vec![
            (None, other(Ja, "t"), Some(check(Ja, "t")), vec![]),
            (None, other(Open, ""), None, vec![]),
            (
                Some(check(Open, "")),
                other(Nee, "n"),
                Some(check(Nee, "n")),
                vec![],
            ),
            (
                Some(check(Open, "k")),
                other(Nee, "n"),
                Some(check(Nee, "k\n\nn")),
                vec![
                    "dossiervraag dos-1, toelichting: beide teksten blijven bewaard (de tekst van J. Proef wordt achter de behouden tekst gezet)",
                ],
            ),
            (Some(check(Ja, "")), other(Ja, ""), None, vec![]),
            (
                Some(check(Ja, "")),
                other(Ja, "t"),
                Some(check(Ja, "t")),
                vec![],
            ),
            (Some(check(Ja, "")), other(Open, ""), None, vec![]),
            (
                Some(check(Ja, "k")),
                other(Nee, "n"),
                None,
                vec!["dossiervraag dos-1: ja behouden, nee (J. Proef) vervalt"],
            ),
            (
                Some(check(CheckAnswer::Nvt, "")),
                other(Ja, ""),
                None,
                vec!["dossiervraag dos-1: n.v.t. behouden, ja (J. Proef) vervalt"],
            ),
        ];
        for (keep, other, expected, lines) in cases {
            let (data, differences) = fold_check(keep.as_ref(), &other, "keep", "J. Proef");
            assert_eq!(data, expected, "{keep:?} {other:?}");
            assert_eq!(differences, lines, "{keep:?} {other:?}");
        }
    }

    #[test]
    fn merging_and_renumbering_refuse_what_they_cannot_do() {
        let mut i = inspection();
        add_dossier(&mut i, "a", "D-1", 1, 10);
        add_dossier(&mut i, "b", "d-1", 2, 11);
        add_dossier(&mut i, "c", "D-2", 2, 12);
        let refusals = [
            (
                Kind::Check,
                "a",
                "b",
                Some("alleen dossiers en documenten kunnen worden samengevoegd"),
            ),
            (
                Kind::Dossier,
                "a",
                "a",
                Some("kies twee verschillende dossiers om samen te voegen"),
            ),
            (
                Kind::Dossier,
                "a",
                "x",
                Some("dossier x bestaat niet (meer)"),
            ),
            (
                Kind::Document,
                "a",
                "b",
                Some("document a bestaat niet (meer)"),
            ),
            (Kind::Dossier, "a", "b", None),
        ];
        for (kind, keep, other, expected) in refusals {
            assert_eq!(
                i.merge_refusal(kind, keep, other).as_deref(),
                expected,
                "{kind:?} {keep} {other}"
            );
            let plan = i.merge_duplicate(kind, keep, other, Uuid::nil(), &mut || stamp(99));
            assert_eq!(plan.is_some(), expected.is_none());
        }
        for (nummer, expected) in [
            ("", Some("vul een dossiernummer in")),
            (
                "D-2",
                Some("dossiernummer D-2 is al in gebruik; kies een ander nummer"),
            ),
            (
                " d-2 ",
                Some("dossiernummer D-2 is al in gebruik; kies een ander nummer"),
            ),
            (
                "D-1",
                Some("dossiernummer D-1 is al in gebruik; kies een ander nummer"),
            ),
            ("D-3", None),
        ] {
            assert_eq!(
                i.rekey_refusal(Kind::Dossier, "b", nummer).as_deref(),
                expected,
                "{nummer:?}"
            );
            assert_eq!(
                i.renumber("b", nummer, Uuid::nil(), stamp(99)).is_some(),
                expected.is_none()
            );
        }
        // A dossier may keep its own number in another spelling when no other has it.
        assert!(i.renumber("c", "d-2", Uuid::nil(), stamp(99)).is_some());

        // A dossier in conflict: two versions of "a" side by side.
        let base = i.dossiers.get("a").unwrap().meta.rev;
        for (n, notitie) in [(20, "x"), (21, "y")] {
            let mut change = i.change(
                "a",
                Record::Dossier(DossierData {
                    nummer: "D-1".into(),
                    notitie: notitie.into(),
                    ..DossierData::default()
                }),
                Uuid::nil(),
                stamp(n),
            );
            change.meta.replaces = vec![base];
            i.apply(change);
        }
        assert!(i.dossiers.is_conflicted("a"));
        assert_eq!(
            i.merge_refusal(Kind::Dossier, "b", "a").as_deref(),
            Some("dossier D-1 heeft een conflict; los dat eerst op")
        );
        assert!(i.renumber("a", "D-9", Uuid::nil(), stamp(99)).is_none());
    }

    #[test]
    fn descriptions() {
        let d = |kind, key: &str, n: usize| Duplicate {
            kind,
            key: key.into(),
            entities: (0..n).map(|i| i.to_string()).collect(),
        };
        assert_eq!(
            d(Kind::Dossier, "VTG-2026-0668", 2).description(),
            "dossiernummer VTG-2026-0668 staat 2 keer in het onderzoek"
        );
        assert_eq!(
            d(Kind::Document, "Jaarverslag 2025", 3).description(),
            "document Jaarverslag 2025 staat 3 keer in het onderzoek"
        );
    }
}
