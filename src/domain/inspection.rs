//! The inspection: all fieldwork of one onderzoek as versioned records.
//!
//! Every record (interview, answer, flitsinterview, dossier, dossier check, document, wachtlijst
//! facts, oordeel, the onderzoek's own details) is a chain of immutable **revisions**. A revision
//! names the revisions it replaces; nothing is overwritten, and a delete is a tombstone revision.
//! The *heads* of a record are the revisions no other revision replaces. One head is the normal
//! state. Two heads arise only when two copies of the file changed the same record independently
//! (the merge brings both). When they disagree — different content, or one deletes what the other
//! edited — that is a **conflict**, for every kind of record alike, kept until someone writes a
//! revision replacing every head. Nothing is ever decided by wall-clock time: histories are in
//! causal order, and what a conflicted record shows meanwhile is described at [`History`];
//! [`Inspection::all_conflicts`] lists them all.
//!
//! This module is pure: ids and timestamps come in through [`Stamp`], so tests are deterministic.

use std::collections::{BTreeMap, BTreeSet};

use jiff::Timestamp;
use uuid::Uuid;

use super::draft::StoredDraft;
use super::judgement::JudgementSet;
use super::kader::{Framework, Verdict};
use super::record::{with_kind, with_record};
use super::termijn::{self, CaseDates, DeadlineOutcome, DeadlineSummary};

/// A new revision's id and time, chosen by the caller. `Stamp::now()` (UUIDv7 and the system
/// clock) is implemented in `crate::clock`, outside the domain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    pub rev: Uuid,
    pub at: Timestamp,
}

/// The id of an inspecteur: derived from the onderzoek and the name, so the same name typed on two
/// laptops names the same person after a merge.
pub fn inspector_id(onderzoek: Uuid, name: &str) -> Uuid {
    let normalized = name.split_whitespace().collect::<Vec<_>>().join(" ");
    Uuid::new_v5(&onderzoek, normalized.to_lowercase().as_bytes())
}

/// A stable record id derived from a natural key (e.g. dossier + checklist item), so two laptops
/// answering the same item edit the same record instead of creating two.
pub fn derived_id(onderzoek: Uuid, key: &str) -> String {
    Uuid::new_v5(&onderzoek, key.as_bytes()).to_string()
}

pub use super::kinds::{
    AnswerData, BesluitData, CheckAnswer, CheckData, ContactData, CriteriumOordeelData, Details,
    DocumentData, DossierData, FlashData, InterviewData, KerngegevenData, KeuzeData, OordeelData,
    PhaseData, RapporttekstData, ReactieData, Selection, SteekproefData, Tag, Tags,
    VerbeterpuntData, VrijgaveData, WachtzaakData, WaitlistData,
};
pub use super::record::{
    Change, Field, FieldError, FieldType, History, Kind, Kinded, Meta, Record, RecordData, Records,
    Revision, Value,
};
pub use super::rounds::{Round, RoundOordeel};

/// One inspection, in memory: the kader it uses and every revision of every record.
#[derive(Debug, Clone)]
pub struct Inspection {
    pub id: Uuid,
    pub framework: Framework,
    pub created_at: Timestamp,
    /// inspecteur id → name.
    pub inspectors: BTreeMap<Uuid, String>,
    /// The earlier rounds of a hertoets, oldest first (see [`super::rounds`]); read-only.
    pub rounds: Vec<Round>,
    pub details: Records<Details>,
    pub interviews: Records<InterviewData>,
    pub answers: Records<AnswerData>,
    pub flashes: Records<FlashData>,
    pub dossiers: Records<DossierData>,
    pub checks: Records<CheckData>,
    pub documents: Records<DocumentData>,
    pub waitlist: Records<WaitlistData>,
    pub oordelen: Records<OordeelData>,
    /// The inspectors' oordeel per criterium (see [`super::rounds`]).
    pub criteriumoordelen: Records<CriteriumOordeelData>,
    /// The phase after the visit (see [`super::wederhoor`]).
    pub phase: Records<PhaseData>,
    /// The organisation's reacties on the conceptrapport, and the besluit on each.
    pub reacties: Records<ReactieData>,
    pub besluiten: Records<BesluitData>,
    /// Privacy findings kept explicitly (see [`super::privacy`]).
    pub vrijgaven: Records<VrijgaveData>,
    /// The verbeterpunten as edited by the inspectors, one per verwachting (see
    /// [`super::wederhoor`]; a verbeterpunt never edited is derived, not stored).
    pub verbeterpunten: Records<VerbeterpuntData>,
    /// The Samenvatting and Conclusie written by the inspectors.
    pub rapportteksten: Records<RapporttekstData>,
    /// The steekproeven drawn (see [`super::sample`]).
    pub steekproeven: Records<SteekproefData>,
    /// The wachtlijst per zaak and the contacts with waiting households (see
    /// [`super::wachtlijst`]).
    pub wachtzaken: Records<WachtzaakData>,
    pub contacten: Records<ContactData>,
    /// The kerndata entered for this onderzoek (see [`super::kerndata`]).
    pub kerngegevens: Records<KerngegevenData>,
    /// The eindoordeel chosen by the inspecteur, in a kader that has it chosen.
    pub keuzes: Records<KeuzeData>,
    /// Text that was typed but not yet confirmed as a revision when the file was read (after a
    /// crash, or while another program had it open): shown, exported and restored, never lost.
    pub drafts: Vec<StoredDraft>,
}

/// Two or more concurrent versions of one oordeel that disagree (see [`History`]). `versions`
/// holds the live heads; an edit-versus-delete conflict has one (the tombstone is in
/// [`Inspection::all_conflicts`]).
#[derive(Debug, Clone)]
pub struct Conflict<'a> {
    pub verwachting: &'a str,
    pub versions: Vec<&'a Revision<OordeelData>>,
}

/// A record of any kind whose heads disagree: different content, or edit versus delete.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordConflict {
    pub kind: Kind,
    /// The record's id (the verwachting id for an oordeel).
    pub entity: String,
    /// The record in words: "dossier VTG-2026-0668", "dossiervraag dos-1.1.1b in dossier
    /// VTG-2026-0668", "oordeel 1.3.1".
    pub description: String,
    /// The fields in which the versions differ (JSON names, e.g. `antwoord`,
    /// `melding_ontvangen`), `verwijderd` first for edit versus delete.
    pub fields: Vec<&'static str>,
    /// Every head, in causal order (concurrent ones by revision id), tombstones included.
    pub versions: Vec<ConflictVersion>,
}

/// One side of a [`RecordConflict`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConflictVersion {
    pub rev: Uuid,
    pub author: Uuid,
    pub at: Timestamp,
    pub deleted: bool,
    /// The content in short ("ja", "nummer VTG-1, melding_ontvangen 03-02-2026"), or
    /// "verwijderd".
    pub summary: String,
    /// Every field for people ([`Value::display`]), in [`Kind::fields`] order; for a tombstone
    /// the content it deleted.
    pub values: Vec<String>,
    /// The dates of a kind with a dates field (a dossier), each of which is chosen on its own
    /// when combining; empty for other kinds.
    pub dates: CaseDates,
    pub replaces: Vec<Uuid>,
}

impl RecordConflict {
    /// One line for people: "dossiervraag dos-1.1.1b in dossier VTG-2026-0668: ja (E. Voorbeeld)
    /// / nee (J. Proef)", with `name` giving an inspecteur's name.
    pub fn line<'a>(&self, name: impl Fn(Uuid) -> &'a str) -> String {
        let versions: Vec<String> = self
            .versions
            .iter()
            .map(|v| format!("{} ({})", v.summary, name(v.author)))
            .collect();
        format!("{}: {}", self.description, versions.join(" / "))
    }

    fn of<T: Kinded>(inspection: &Inspection, entity: &str, history: &History<T>) -> Self {
        let description = T::describe(inspection, entity, history.latest().map(|r| &r.data));
        let heads: Vec<&Revision<T>> = history.heads().collect();
        let mut fields = Vec::new();
        let live = heads.iter().filter(|r| !r.meta.deleted).count();
        if live < heads.len() {
            fields.push("verwijderd");
        }
        if let Some(first) = heads.first() {
            for other in &heads[1..] {
                for f in first.data.differing_fields(&other.data) {
                    if !fields.contains(&f) {
                        fields.push(f);
                    }
                }
            }
        }
        RecordConflict {
            kind: T::KIND,
            entity: entity.to_string(),
            description,
            fields,
            versions: heads
                .iter()
                .map(|r| ConflictVersion {
                    rev: r.meta.rev,
                    author: r.meta.author,
                    at: r.meta.at,
                    deleted: r.meta.deleted,
                    summary: if r.meta.deleted {
                        "verwijderd".to_string()
                    } else {
                        r.data.summary()
                    },
                    values: r.data.values().iter().map(Value::display).collect(),
                    dates: r
                        .data
                        .values()
                        .into_iter()
                        .find_map(|v| match v {
                            Value::Dates(d) => Some(d),
                            _ => None,
                        })
                        .unwrap_or_default(),
                    replaces: r.meta.replaces.clone(),
                })
                .collect(),
        }
    }
}

impl Inspection {
    pub fn new(id: Uuid, framework: Framework, created_at: Timestamp) -> Inspection {
        Inspection {
            id,
            framework,
            created_at,
            inspectors: BTreeMap::new(),
            rounds: Vec::new(),
            details: Records::default(),
            interviews: Records::default(),
            answers: Records::default(),
            flashes: Records::default(),
            dossiers: Records::default(),
            checks: Records::default(),
            documents: Records::default(),
            waitlist: Records::default(),
            oordelen: Records::default(),
            criteriumoordelen: Records::default(),
            phase: Records::default(),
            reacties: Records::default(),
            besluiten: Records::default(),
            vrijgaven: Records::default(),
            verbeterpunten: Records::default(),
            rapportteksten: Records::default(),
            steekproeven: Records::default(),
            wachtzaken: Records::default(),
            contacten: Records::default(),
            kerngegevens: Records::default(),
            keuzes: Records::default(),
            drafts: Vec::new(),
        }
    }

    /// The id of the single details record of this onderzoek.
    pub fn details_id(&self) -> String {
        self.id.to_string()
    }

    /// The id of the single wachtlijst record of this onderzoek.
    pub fn waitlist_id(&self) -> String {
        derived_id(self.id, "wachtlijst")
    }

    /// The id of the single record of the chosen eindoordeel of this onderzoek.
    pub fn keuze_id(&self) -> String {
        derived_id(self.id, "eindoordeel")
    }

    /// The eindoordeel chosen by the inspecteur (kaders with `maat = "keuze"`), with its
    /// revision; `None` when nothing is chosen, the choice is in conflict or names an
    /// eindoordeel the kader does not know.
    pub fn chosen_verdict(&self) -> Option<(Verdict, &Revision<KeuzeData>)> {
        let id = self.keuze_id();
        if self.is_conflicted(Kind::Keuze, &id) {
            return None;
        }
        let revision = self.keuzes.get(&id)?;
        let verdict = self.framework.verdict(revision.data.eindoordeel.trim())?;
        Some((verdict, revision))
    }

    /// Registers an inspecteur by name and returns the id.
    pub fn add_inspector(&mut self, name: &str) -> Uuid {
        let id = inspector_id(self.id, name);
        self.inspectors
            .entry(id)
            .or_insert_with(|| name.trim().to_string());
        id
    }

    pub fn inspector_name(&self, id: Uuid) -> &str {
        self.inspectors.get(&id).map_or("onbekend", String::as_str)
    }

    /// Adds a revision to the model (idempotent: a revision already present is ignored).
    pub fn apply(&mut self, change: Change) {
        let meta = change.meta;
        with_record!(change.data, data => {
            Kinded::records_mut(self).insert(Revision { meta, data })
        })
    }

    /// Adds many revisions at once (reading a file): cheaper than [`Inspection::apply`] for each,
    /// which keeps every history ordered as it goes. Call [`Inspection::finish_loading`] after.
    pub fn load(&mut self, change: Change) {
        let meta = change.meta;
        with_record!(change.data, data => Kinded::records_mut(self).load(Revision { meta, data }))
    }

    /// Orders every history and finds the heads after [`Inspection::load`].
    pub fn finish_loading(&mut self) {
        for kind in Kind::ALL {
            with_kind!(kind, T => T::records_mut(self).finish_loading());
        }
    }

    /// The current heads of a record.
    pub fn heads(&self, kind: Kind, entity: &str) -> Vec<Uuid> {
        with_kind!(kind, T => T::records(self).heads_of(entity))
    }

    /// A new revision of `entity` replacing all its current heads. The caller stores it and then
    /// applies it. Writing over every head is what resolves a conflict.
    pub fn change(&self, entity: &str, data: Record, author: Uuid, stamp: Stamp) -> Change {
        Revision {
            meta: Meta {
                rev: stamp.rev,
                entity: entity.to_string(),
                author,
                at: stamp.at,
                deleted: false,
                replaces: self.heads(data.kind(), entity),
            },
            data,
        }
    }

    /// A tombstone for `entity`, keeping its last data.
    pub fn deletion(&self, entity: &str, data: Record, author: Uuid, stamp: Stamp) -> Change {
        let mut change = self.change(entity, data, author, stamp);
        change.meta.deleted = true;
        change
    }

    pub fn organisatie(&self) -> &str {
        self.details
            .get(&self.details_id())
            .map_or("", |r| r.data.organisatie.as_str())
    }

    pub fn details_data(&self) -> Details {
        self.details
            .get(&self.details_id())
            .map(|r| r.data.clone())
            .unwrap_or_default()
    }

    /// The date up to which open dossiers are measured against their termijnen: the one the
    /// inspectors set, else the first visit day (`None` when neither is known).
    pub fn peildatum(&self) -> Option<jiff::civil::Date> {
        let details = self.details_data();
        details.peildatum.or(details.bezoek_van)
    }

    /// The current oordeel of a verwachting; with a conflict, the placeholder described at
    /// [`History`] (never the newest by clock) — check [`Inspection::conflicts`].
    pub fn oordeel(&self, verwachting: &str) -> Option<&Revision<OordeelData>> {
        self.oordelen.get(verwachting)
    }

    /// Oordelen whose concurrent versions disagree (different content, or edit versus
    /// delete), in verwachting order. See [`Inspection::all_conflicts`] for every kind.
    pub fn conflicts(&self) -> Vec<Conflict<'_>> {
        let mut out = Vec::new();
        for e in self.framework.expectations() {
            let id = e.expectation.id.as_str();
            let Some(history) = self.oordelen.history(id) else {
                continue;
            };
            if history.is_conflicted() {
                out.push(Conflict {
                    verwachting: id,
                    versions: history.heads().filter(|r| !r.meta.deleted).collect(),
                });
            }
        }
        out
    }

    /// Whether a record's heads disagree (see [`History`]).
    pub fn is_conflicted(&self, kind: Kind, entity: &str) -> bool {
        with_kind!(kind, T => T::records(self).is_conflicted(entity))
    }

    /// Every record of every kind whose heads disagree, with both (all) versions: in the order
    /// of [`Kind::ALL`], oordelen in kader order, other kinds by description.
    pub fn all_conflicts(&self) -> Vec<RecordConflict> {
        let mut out = Vec::new();
        for kind in Kind::ALL {
            let mut list: Vec<RecordConflict> = with_kind!(kind, T => T::records(self)
                .conflicted()
                .map(|(id, h)| RecordConflict::of(self, id, h))
                .collect());
            list.sort_by_cached_key(|c| (natural_key(&c.description), c.entity.clone()));
            out.append(&mut list);
        }
        out
    }

    /// The conflict of one record, if its heads disagree.
    pub fn conflict_of(&self, kind: Kind, entity: &str) -> Option<RecordConflict> {
        with_kind!(kind, T => T::records(self)
            .history(entity)
            .filter(|h| h.is_conflicted())
            .map(|h| RecordConflict::of(self, entity, h)))
    }

    /// The record in words, from its shown version: "dossier VTG-2026-0668", "dossiervraag
    /// dos-1.1.1b in dossier VTG-2026-0668", "oordeel 1.3.1".
    pub fn describe(&self, kind: Kind, entity: &str) -> String {
        with_kind!(kind, T => {
            let shown = T::records(self).history(entity).and_then(History::latest);
            T::describe(self, entity, shown.map(|r| &r.data))
        })
    }

    /// Resolves a conflict (or simply edits a record): a new revision of `entity` that replaces
    /// every head, with the content of revision `chosen` (which may be a tombstone: then the
    /// record is deleted), or, when `take` names fields, `chosen` with those fields taken from
    /// revision `other`. `None` when a revision is not one of this record's, or the combination
    /// is not valid.
    pub fn resolution(
        &self,
        kind: Kind,
        entity: &str,
        chosen: Uuid,
        combine: Option<(Uuid, &[&str])>,
        author: Uuid,
        stamp: Stamp,
    ) -> Option<Change> {
        with_kind!(kind, T => {
            let history = T::records(self).history(entity)?;
            let base = history.revision(chosen)?;
            let data = match combine {
                Some((other, take)) => {
                    base.data.combined(&history.revision(other)?.data, take).ok()?
                }
                None => base.data.clone(),
            };
            let change = self.change(entity, data.into_record(), author, stamp);
            Some(if base.meta.deleted && combine.is_none() {
                Change {
                    meta: Meta { deleted: true, ..change.meta },
                    data: change.data,
                }
            } else {
                change
            })
        })
    }

    /// "interview Management (03-02-2026)", from the interview's shown version.
    pub(crate) fn describe_interview(&self, id: &str) -> String {
        let Some(i) = self.interviews.history(id).and_then(History::latest) else {
            return format!("interview {id}");
        };
        let role = self
            .framework
            .role(&i.data.rol)
            .map_or(i.data.rol.as_str(), |r| r.name.as_str());
        match i.data.datum {
            Some(d) => format!("interview {role} ({})", termijn::format_date_nl(d)),
            None => format!("interview {role}"),
        }
    }

    /// "dossier VTG-2026-0668", from the dossier's shown version.
    pub(crate) fn describe_dossier(&self, id: &str) -> String {
        match self.dossiers.history(id).and_then(History::latest) {
            Some(d) => format!("dossier {}", d.data.nummer),
            None => format!("dossier {id}"),
        }
    }

    /// The outcome of termijn `def` for a dossier, or `None` when it is unresolved: the dossier
    /// is in conflict and its versions give different outcomes, or one of them deletes it. A
    /// conflict that does not touch the term (say, only the notitie differs) still counts.
    pub fn deadline_outcome(
        &self,
        def: &termijn::DeadlineDef,
        dossier: &Revision<DossierData>,
    ) -> Option<DeadlineOutcome> {
        let peildatum = self.peildatum();
        let own = termijn::evaluate(def, &dossier.data.dates, peildatum);
        let Some(history) = self
            .dossiers
            .history(&dossier.meta.entity)
            .filter(|h| h.is_conflicted())
        else {
            return Some(own);
        };
        let mut outcome = None;
        for head in history.heads() {
            if head.meta.deleted {
                return None;
            }
            let o = termijn::evaluate(def, &head.data.dates, peildatum);
            match outcome {
                None => outcome = Some(o),
                Some(first) if first != o => return None,
                Some(_) => {}
            }
        }
        outcome
    }

    /// The current oordelen as a judgement set for scoring. A verwachting in conflict counts as
    /// niet beoordeeld until the conflict is resolved, so the score is marked incomplete.
    pub fn judgements(&self) -> JudgementSet {
        let conflicted: BTreeSet<&str> = self.conflicts().iter().map(|c| c.verwachting).collect();
        let mut set = JudgementSet::empty(&self.framework);
        for (index, e) in self.framework.expectations().iter().enumerate() {
            let id = e.expectation.id.as_str();
            if conflicted.contains(id) {
                continue;
            }
            if let Some(r) = self.oordeel(id) {
                set.set(index, r.data.judgement(&self.framework, index));
            }
        }
        set.set_chosen(self.chosen_verdict().map(|(v, _)| v));
        set
    }

    /// Live dossiers ordered by number.
    pub fn dossier_list(&self) -> Vec<&Revision<DossierData>> {
        let mut list: Vec<_> = self.dossiers.current().collect();
        // The key allocates, so compute it once per dossier rather than per comparison.
        list.sort_by_cached_key(|d| (natural_key(&d.data.nummer), d.meta.entity.clone()));
        list
    }

    /// Per termijn of the kader, the outcome for every live dossier (for a conflicted dossier,
    /// that of its shown version; [`Inspection::deadline_outcome`] says whether it is settled).
    pub fn deadline_outcomes(&self) -> Vec<(usize, Vec<(String, DeadlineOutcome)>)> {
        let dossiers = self.dossier_list();
        let peildatum = self.peildatum();
        self.framework
            .deadlines
            .iter()
            .enumerate()
            .map(|(i, def)| {
                let outcomes = dossiers
                    .iter()
                    .map(|d| {
                        let outcome = termijn::evaluate(def, &d.data.dates, peildatum);
                        (d.meta.entity.clone(), outcome)
                    })
                    .collect();
                (i, outcomes)
            })
            .collect()
    }

    /// Per termijn of the kader, the share within term over all live dossiers. A dossier whose
    /// outcome is unresolved by a conflict ([`Inspection::deadline_outcome`]) counts as unknown.
    /// Dossiers sharing a number (an unresolved duplicate, see [`super::duplicates`]) count as
    /// one, with their outcome only when all give the same, else as unknown
    /// ([`Inspection::group_deadline_outcome`]).
    pub fn deadline_summaries(&self) -> Vec<DeadlineSummary> {
        let groups = self.dossier_groups();
        self.framework
            .deadlines
            .iter()
            .map(|def| {
                let mut summary = DeadlineSummary::default();
                for group in &groups {
                    match self.group_deadline_outcome(def, group) {
                        Some(outcome) => summary.add(outcome),
                        None => summary.unknown += 1,
                    }
                }
                summary
            })
            .collect()
    }

    /// The current answers of an interview, by question id.
    pub fn answers_of(&self, interview: &str) -> BTreeMap<&str, &Revision<AnswerData>> {
        self.answers
            .current()
            .filter(|a| a.data.interview == interview)
            .map(|a| (a.data.vraag.as_str(), a))
            .collect()
    }

    /// The id of the answer record for a question in an interview (one record per pair).
    pub fn answer_id(&self, interview: &str, vraag: &str) -> String {
        derived_id(self.id, &format!("antwoord/{interview}/{vraag}"))
    }

    /// The id of the check record for a checklist item in a dossier (one record per pair).
    pub fn check_id(&self, dossier: &str, vraag: &str) -> String {
        derived_id(self.id, &format!("check/{dossier}/{vraag}"))
    }

    /// The id of the document record for a requested document of the kader.
    pub fn document_id(&self, item: &str) -> String {
        derived_id(self.id, &format!("document/{item}"))
    }

    /// Current checks of a dossier, by question id.
    pub fn checks_of(&self, dossier: &str) -> BTreeMap<&str, &Revision<CheckData>> {
        self.checks
            .current()
            .filter(|c| c.data.dossier == dossier)
            .map(|c| (c.data.vraag.as_str(), c))
            .collect()
    }

    /// Total number of revisions of all kinds.
    pub fn revision_count(&self) -> usize {
        Kind::ALL
            .into_iter()
            .map(|kind| with_kind!(kind, T => T::records(self).revision_count()))
            .sum()
    }
}

/// Sort key that orders "D-2" before "D-10".
pub(crate) fn natural_key(s: &str) -> Vec<(String, u64)> {
    let mut out = Vec::new();
    let mut text = String::new();
    let mut number = String::new();
    for c in s.chars() {
        if c.is_ascii_digit() {
            number.push(c);
        } else {
            if !number.is_empty() {
                out.push((
                    std::mem::take(&mut text),
                    number.parse().unwrap_or(u64::MAX),
                ));
                number.clear();
            }
            text.push(c);
        }
    }
    out.push((text, number.parse().unwrap_or(0)));
    out
}
