//! The inspection: all fieldwork of one onderzoek as versioned records.
//!
//! Every record (interview, answer, flitsinterview, dossier, dossier check, document, wachtlijst
//! facts, oordeel, the onderzoek's own details) is a chain of immutable **revisions**. A revision
//! names the revisions it replaces; nothing is overwritten, and a delete is a tombstone revision.
//! The *heads* of a record are the revisions no other revision replaces. One head is the normal
//! state. Two heads arise only when two copies of the file changed the same record independently
//! (the merge brings both): for an oordeel with different content that is a **conflict**, kept
//! until someone writes a revision replacing both; for observations the latest head is shown and
//! the other stays in the history.
//!
//! This module is pure: ids and timestamps come in through [`Stamp`], so tests are deterministic.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use jiff::Timestamp;
use jiff::civil::{Date, DateTime};
use uuid::Uuid;

use super::draft::StoredDraft;
use super::judgement::{Judgement, JudgementError, JudgementSet, JudgementValue};
use super::kader::Framework;
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

/// The kinds of record; each is one table in the inspection file (`store::schema::table`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Details,
    Interview,
    Answer,
    Flash,
    Dossier,
    Check,
    Document,
    Waitlist,
    Oordeel,
}

impl Kind {
    pub const ALL: [Kind; 9] = [
        Kind::Details,
        Kind::Interview,
        Kind::Answer,
        Kind::Flash,
        Kind::Dossier,
        Kind::Check,
        Kind::Document,
        Kind::Waitlist,
        Kind::Oordeel,
    ];
}

/// What every revision carries besides its data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meta {
    pub rev: Uuid,
    /// The record this is a revision of (a UUID, or the verwachting id for an oordeel).
    pub entity: String,
    pub author: Uuid,
    pub at: Timestamp,
    pub deleted: bool,
    /// The revisions this one replaces (empty for a new record; two or more when it resolves a
    /// conflict).
    pub replaces: Vec<Uuid>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revision<T> {
    pub meta: Meta,
    pub data: T,
}

/// How an observation bears on a verwachting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Tag {
    Ondersteunt,
    Weerspreekt,
    Neutraal,
}

impl Tag {
    pub const ALL: [Tag; 3] = [Tag::Ondersteunt, Tag::Weerspreekt, Tag::Neutraal];

    pub fn as_str(self) -> &'static str {
        match self {
            Tag::Ondersteunt => "ondersteunt",
            Tag::Weerspreekt => "weerspreekt",
            Tag::Neutraal => "neutraal",
        }
    }

    pub fn parse(s: &str) -> Option<Tag> {
        Tag::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

impl fmt::Display for Tag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Tags per verwachting id.
pub type Tags = BTreeMap<String, Tag>;

/// The onderzoek's editable details.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Details {
    pub organisatie: String,
    pub bezoek_van: Option<Date>,
    pub bezoek_tot: Option<Date>,
    pub notitie: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct InterviewData {
    /// Role id from the kader's interview guide.
    pub rol: String,
    pub datum: Option<Date>,
    /// Participants by function only, never by name.
    pub deelnemers: String,
    pub notitie: String,
}

/// The answer to one guide question in one interview.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AnswerData {
    pub interview: String,
    pub vraag: String,
    pub notitie: String,
    pub tags: Tags,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FlashData {
    pub functie: String,
    pub tijdstip: Option<DateTime>,
    /// Answer per flitsvraag id.
    pub antwoorden: BTreeMap<String, String>,
    pub tags: Tags,
    pub notitie: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Selection {
    #[default]
    Willekeurig,
    Gericht,
}

impl Selection {
    pub fn as_str(self) -> &'static str {
        match self {
            Selection::Willekeurig => "willekeurig",
            Selection::Gericht => "gericht",
        }
    }

    pub fn parse(s: &str) -> Option<Selection> {
        [Selection::Willekeurig, Selection::Gericht]
            .into_iter()
            .find(|v| v.as_str() == s)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DossierData {
    /// Pseudonymous dossier number only.
    pub nummer: String,
    pub selectie: Selection,
    pub dates: CaseDates,
    pub notitie: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, PartialOrd, Ord)]
pub enum CheckAnswer {
    Ja,
    Nee,
    Nvt,
    #[default]
    Open,
}

impl CheckAnswer {
    pub fn as_str(self) -> &'static str {
        match self {
            CheckAnswer::Ja => "ja",
            CheckAnswer::Nee => "nee",
            CheckAnswer::Nvt => "nvt",
            CheckAnswer::Open => "open",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            CheckAnswer::Ja => "ja",
            CheckAnswer::Nee => "nee",
            CheckAnswer::Nvt => "n.v.t.",
            CheckAnswer::Open => "—",
        }
    }

    pub fn parse(s: &str) -> Option<CheckAnswer> {
        [
            CheckAnswer::Ja,
            CheckAnswer::Nee,
            CheckAnswer::Nvt,
            CheckAnswer::Open,
        ]
        .into_iter()
        .find(|v| v.as_str() == s)
    }
}

/// The answer to one checklist item for one dossier.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CheckData {
    pub dossier: String,
    pub vraag: String,
    pub antwoord: CheckAnswer,
    pub notitie: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DocumentData {
    /// The kader's document item id, if it is a requested document.
    pub item: Option<String>,
    pub naam: String,
    pub ontvangen: bool,
    pub notitie: String,
}

/// Facts about the wachtlijst at the time of the visit.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct WaitlistData {
    pub aantal: Option<u32>,
    pub oudste: Option<Date>,
    pub peildatum: Option<Date>,
    pub notitie: String,
}

/// One version of the oordeel on one verwachting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OordeelData {
    pub value: JudgementValue,
    /// Variant id (e.g. `wachtlijst`) for an onvoldoende, as resolved against the kader.
    pub variant: Option<String>,
    pub onderbouwing: String,
}

impl OordeelData {
    /// Builds an oordeel from the textual form (`onvoldoende:wachtlijst` …), validated against
    /// the kader; a plain onvoldoende gets the kader's default variant.
    pub fn parse(
        framework: &Framework,
        verwachting: &str,
        text: &str,
        onderbouwing: String,
    ) -> Result<OordeelData, JudgementError> {
        let index = framework
            .index_of(verwachting)
            .ok_or_else(|| JudgementError::UnknownExpectation(verwachting.to_string()))?;
        let judgement = Judgement::parse(framework, index, text)?;
        Ok(OordeelData::from_judgement(
            framework,
            judgement,
            onderbouwing,
        ))
    }

    pub fn from_judgement(
        framework: &Framework,
        judgement: Judgement,
        onderbouwing: String,
    ) -> OordeelData {
        let variant = match judgement {
            Judgement::NotMet { variant: Some(v) } => Some(framework.rules.variants[v].id.clone()),
            _ => None,
        };
        OordeelData {
            value: judgement.value(),
            variant,
            onderbouwing,
        }
    }

    /// The textual form, e.g. `onvoldoende:wachtlijst`.
    pub fn text(&self) -> String {
        match (&self.value, &self.variant) {
            (JudgementValue::Onvoldoende, Some(v)) => format!("onvoldoende:{v}"),
            (value, _) => value.as_str().to_string(),
        }
    }

    /// The judgement against a kader. A variant the kader does not know (a file written with an
    /// older kader) counts as a plain onvoldoende with the default variant.
    pub fn judgement(&self, framework: &Framework, expectation: usize) -> Judgement {
        match self.value {
            JudgementValue::Voldoende => Judgement::Met,
            JudgementValue::NietBeoordeeld => Judgement::NotJudged,
            JudgementValue::Onvoldoende => {
                let named = self.variant.as_deref().and_then(|name| {
                    framework
                        .variants_of(expectation)
                        .find(|(_, v)| v.id == name)
                        .map(|(i, _)| i)
                });
                Judgement::NotMet {
                    variant: named.or_else(|| framework.default_variant(expectation)),
                }
            }
        }
    }

    /// Whether two versions say the same thing (then two heads are not a real conflict).
    pub fn same_content(&self, other: &OordeelData) -> bool {
        self.value == other.value
            && self.variant == other.variant
            && self.onderbouwing.trim() == other.onderbouwing.trim()
    }
}

/// Any record's data, for code that handles all kinds alike (the store, the merge).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Record {
    Details(Details),
    Interview(InterviewData),
    Answer(AnswerData),
    Flash(FlashData),
    Dossier(DossierData),
    Check(CheckData),
    Document(DocumentData),
    Waitlist(WaitlistData),
    Oordeel(OordeelData),
}

impl Record {
    pub fn kind(&self) -> Kind {
        match self {
            Record::Details(_) => Kind::Details,
            Record::Interview(_) => Kind::Interview,
            Record::Answer(_) => Kind::Answer,
            Record::Flash(_) => Kind::Flash,
            Record::Dossier(_) => Kind::Dossier,
            Record::Check(_) => Kind::Check,
            Record::Document(_) => Kind::Document,
            Record::Waitlist(_) => Kind::Waitlist,
            Record::Oordeel(_) => Kind::Oordeel,
        }
    }
}

/// A revision of any kind: what is written to the store and applied to the model.
pub type Change = Revision<Record>;

/// All revisions of one record.
#[derive(Debug, Clone)]
pub struct History<T> {
    /// Sorted by (time, rev), oldest first.
    revisions: Vec<Revision<T>>,
    /// Indices into `revisions` of the heads, sorted oldest first.
    heads: Vec<usize>,
}

impl<T> Default for History<T> {
    fn default() -> Self {
        History {
            revisions: Vec::new(),
            heads: Vec::new(),
        }
    }
}

impl<T> History<T> {
    fn insert(&mut self, revision: Revision<T>) {
        if self
            .revisions
            .iter()
            .any(|r| r.meta.rev == revision.meta.rev)
        {
            return;
        }
        let key = (revision.meta.at, revision.meta.rev);
        let position = self
            .revisions
            .partition_point(|r| (r.meta.at, r.meta.rev) < key);
        self.revisions.insert(position, revision);
        self.recompute_heads();
    }

    /// Adds a revision without ordering it; [`History::finish`] must follow (bulk loading).
    fn push_unordered(&mut self, revision: Revision<T>) {
        self.revisions.push(revision);
    }

    /// Orders the revisions and finds the heads after bulk loading.
    fn finish(&mut self) {
        self.revisions.sort_by_key(|r| (r.meta.at, r.meta.rev));
        self.revisions.dedup_by(|a, b| a.meta.rev == b.meta.rev);
        self.recompute_heads();
    }

    fn recompute_heads(&mut self) {
        let replaced: BTreeSet<Uuid> = self
            .revisions
            .iter()
            .flat_map(|r| r.meta.replaces.iter().copied())
            .collect();
        self.heads = (0..self.revisions.len())
            .filter(|&i| !replaced.contains(&self.revisions[i].meta.rev))
            .collect();
    }

    /// Every revision, oldest first.
    pub fn revisions(&self) -> &[Revision<T>] {
        &self.revisions
    }

    /// The heads, oldest first.
    pub fn heads(&self) -> impl Iterator<Item = &Revision<T>> {
        self.heads.iter().map(|&i| &self.revisions[i])
    }

    /// The newest head: the record's current state, tombstone included.
    pub fn latest(&self) -> Option<&Revision<T>> {
        self.heads.last().map(|&i| &self.revisions[i])
    }

    /// The current state, unless deleted.
    pub fn current(&self) -> Option<&Revision<T>> {
        self.latest().filter(|r| !r.meta.deleted)
    }

    pub fn head_ids(&self) -> Vec<Uuid> {
        self.heads().map(|r| r.meta.rev).collect()
    }
}

/// All records of one kind, by entity id.
#[derive(Debug, Clone)]
pub struct Records<T> {
    map: BTreeMap<String, History<T>>,
}

impl<T> Default for Records<T> {
    fn default() -> Self {
        Records {
            map: BTreeMap::new(),
        }
    }
}

impl<T> Records<T> {
    pub fn insert(&mut self, revision: Revision<T>) {
        self.map
            .entry(revision.meta.entity.clone())
            .or_default()
            .insert(revision);
    }

    pub fn history(&self, entity: &str) -> Option<&History<T>> {
        self.map.get(entity)
    }

    /// Adds a revision during a bulk load; [`Records::finish_loading`] must follow.
    fn load(&mut self, revision: Revision<T>) {
        match self.map.get_mut(&revision.meta.entity) {
            Some(history) => history.push_unordered(revision),
            None => {
                let mut history = History::default();
                let entity = revision.meta.entity.clone();
                history.push_unordered(revision);
                self.map.insert(entity, history);
            }
        }
    }

    fn finish_loading(&mut self) {
        for history in self.map.values_mut() {
            history.finish();
        }
    }

    /// Live records (not deleted), by entity id order.
    pub fn current(&self) -> impl Iterator<Item = &Revision<T>> {
        self.map.values().filter_map(History::current)
    }

    pub fn get(&self, entity: &str) -> Option<&Revision<T>> {
        self.map.get(entity).and_then(History::current)
    }

    pub fn histories(&self) -> impl Iterator<Item = (&String, &History<T>)> {
        self.map.iter()
    }

    pub fn revision_count(&self) -> usize {
        self.map.values().map(|h| h.revisions.len()).sum()
    }

    fn heads_of(&self, entity: &str) -> Vec<Uuid> {
        self.map
            .get(entity)
            .map(History::head_ids)
            .unwrap_or_default()
    }
}

/// The oordelen of an earlier round (for a hertoets), copied in when the onderzoek was prepared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EarlierRound {
    pub onderzoek: String,
    pub omschrijving: String,
    pub datum: Option<Date>,
    /// verwachting id → textual oordeel.
    pub oordelen: BTreeMap<String, String>,
}

/// One inspection, in memory: the kader it uses and every revision of every record.
#[derive(Debug, Clone)]
pub struct Inspection {
    pub id: Uuid,
    pub framework: Framework,
    pub created_at: Timestamp,
    /// inspecteur id → name.
    pub inspectors: BTreeMap<Uuid, String>,
    pub earlier_round: Option<EarlierRound>,
    pub details: Records<Details>,
    pub interviews: Records<InterviewData>,
    pub answers: Records<AnswerData>,
    pub flashes: Records<FlashData>,
    pub dossiers: Records<DossierData>,
    pub checks: Records<CheckData>,
    pub documents: Records<DocumentData>,
    pub waitlist: Records<WaitlistData>,
    pub oordelen: Records<OordeelData>,
    /// Text that was typed but not yet confirmed as a revision when the file was read (after a
    /// crash, or while another program had it open): shown, exported and restored, never lost.
    pub drafts: Vec<StoredDraft>,
}

/// Two or more concurrent versions of one oordeel with different content.
#[derive(Debug, Clone)]
pub struct Conflict<'a> {
    pub verwachting: &'a str,
    pub versions: Vec<&'a Revision<OordeelData>>,
}

impl Inspection {
    pub fn new(id: Uuid, framework: Framework, created_at: Timestamp) -> Inspection {
        Inspection {
            id,
            framework,
            created_at,
            inspectors: BTreeMap::new(),
            earlier_round: None,
            details: Records::default(),
            interviews: Records::default(),
            answers: Records::default(),
            flashes: Records::default(),
            dossiers: Records::default(),
            checks: Records::default(),
            documents: Records::default(),
            waitlist: Records::default(),
            oordelen: Records::default(),
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
        match change.data {
            Record::Details(data) => self.details.insert(Revision { meta, data }),
            Record::Interview(data) => self.interviews.insert(Revision { meta, data }),
            Record::Answer(data) => self.answers.insert(Revision { meta, data }),
            Record::Flash(data) => self.flashes.insert(Revision { meta, data }),
            Record::Dossier(data) => self.dossiers.insert(Revision { meta, data }),
            Record::Check(data) => self.checks.insert(Revision { meta, data }),
            Record::Document(data) => self.documents.insert(Revision { meta, data }),
            Record::Waitlist(data) => self.waitlist.insert(Revision { meta, data }),
            Record::Oordeel(data) => self.oordelen.insert(Revision { meta, data }),
        }
    }

    /// Adds many revisions at once (reading a file): cheaper than [`Inspection::apply`] for each,
    /// which keeps every history ordered as it goes. Call [`Inspection::finish_loading`] after.
    pub fn load(&mut self, change: Change) {
        let meta = change.meta;
        match change.data {
            Record::Details(data) => self.details.load(Revision { meta, data }),
            Record::Interview(data) => self.interviews.load(Revision { meta, data }),
            Record::Answer(data) => self.answers.load(Revision { meta, data }),
            Record::Flash(data) => self.flashes.load(Revision { meta, data }),
            Record::Dossier(data) => self.dossiers.load(Revision { meta, data }),
            Record::Check(data) => self.checks.load(Revision { meta, data }),
            Record::Document(data) => self.documents.load(Revision { meta, data }),
            Record::Waitlist(data) => self.waitlist.load(Revision { meta, data }),
            Record::Oordeel(data) => self.oordelen.load(Revision { meta, data }),
        }
    }

    /// Orders every history and finds the heads after [`Inspection::load`].
    pub fn finish_loading(&mut self) {
        self.details.finish_loading();
        self.interviews.finish_loading();
        self.answers.finish_loading();
        self.flashes.finish_loading();
        self.dossiers.finish_loading();
        self.checks.finish_loading();
        self.documents.finish_loading();
        self.waitlist.finish_loading();
        self.oordelen.finish_loading();
    }

    /// The current heads of a record.
    pub fn heads(&self, kind: Kind, entity: &str) -> Vec<Uuid> {
        match kind {
            Kind::Details => self.details.heads_of(entity),
            Kind::Interview => self.interviews.heads_of(entity),
            Kind::Answer => self.answers.heads_of(entity),
            Kind::Flash => self.flashes.heads_of(entity),
            Kind::Dossier => self.dossiers.heads_of(entity),
            Kind::Check => self.checks.heads_of(entity),
            Kind::Document => self.documents.heads_of(entity),
            Kind::Waitlist => self.waitlist.heads_of(entity),
            Kind::Oordeel => self.oordelen.heads_of(entity),
        }
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

    /// The current oordeel of a verwachting; with a conflict, the newest head.
    pub fn oordeel(&self, verwachting: &str) -> Option<&Revision<OordeelData>> {
        self.oordelen.get(verwachting)
    }

    /// Oordelen with concurrent versions of different content, in verwachting order.
    pub fn conflicts(&self) -> Vec<Conflict<'_>> {
        let mut out = Vec::new();
        for e in self.framework.expectations() {
            let id = e.expectation.id.as_str();
            let Some(history) = self.oordelen.history(id) else {
                continue;
            };
            let heads: Vec<_> = history.heads().filter(|r| !r.meta.deleted).collect();
            let differ = heads.iter().any(|h| !h.data.same_content(&heads[0].data));
            if heads.len() > 1 && differ {
                out.push(Conflict {
                    verwachting: id,
                    versions: heads,
                });
            }
        }
        out
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
        set
    }

    /// Live dossiers ordered by number.
    pub fn dossier_list(&self) -> Vec<&Revision<DossierData>> {
        let mut list: Vec<_> = self.dossiers.current().collect();
        // The key allocates, so compute it once per dossier rather than per comparison.
        list.sort_by_cached_key(|d| (natural_key(&d.data.nummer), d.meta.entity.clone()));
        list
    }

    /// Per termijn of the kader, the outcome for every live dossier.
    pub fn deadline_outcomes(&self) -> Vec<(usize, Vec<(String, DeadlineOutcome)>)> {
        let dossiers = self.dossier_list();
        self.framework
            .deadlines
            .iter()
            .enumerate()
            .map(|(i, def)| {
                let outcomes = dossiers
                    .iter()
                    .map(|d| (d.meta.entity.clone(), termijn::evaluate(def, &d.data.dates)))
                    .collect();
                (i, outcomes)
            })
            .collect()
    }

    /// Per termijn of the kader, the share within term over all live dossiers.
    pub fn deadline_summaries(&self) -> Vec<DeadlineSummary> {
        let dossiers = self.dossier_list();
        self.framework
            .deadlines
            .iter()
            .map(|def| termijn::summarize(def, dossiers.iter().map(|d| &d.data.dates)))
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
        self.details.revision_count()
            + self.interviews.revision_count()
            + self.answers.revision_count()
            + self.flashes.revision_count()
            + self.dossiers.revision_count()
            + self.checks.revision_count()
            + self.documents.revision_count()
            + self.waitlist.revision_count()
            + self.oordelen.revision_count()
    }
}

/// Sort key that orders "D-2" before "D-10".
fn natural_key(s: &str) -> Vec<(String, u64)> {
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
