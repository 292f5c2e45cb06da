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

    /// The Dutch noun for a record of this kind: singular, plural, and whether it is a
    /// het-word (then "1 nieuw dossier" but "1 nieuwe dossiervraag").
    pub fn noun(self) -> (&'static str, &'static str, bool) {
        match self {
            Kind::Details => ("onderzoeksgegeven", "onderzoeksgegevens", true),
            Kind::Interview => ("interview", "interviews", true),
            Kind::Answer => ("interviewantwoord", "interviewantwoorden", true),
            Kind::Flash => ("flitsinterview", "flitsinterviews", true),
            Kind::Dossier => ("dossier", "dossiers", true),
            Kind::Check => ("dossiervraag", "dossiervragen", false),
            Kind::Document => ("document", "documenten", true),
            Kind::Waitlist => ("wachtlijstgegeven", "wachtlijstgegevens", true),
            Kind::Oordeel => ("oordeel", "oordelen", true),
        }
    }

    /// "2 nieuwe dossiers", "1 gewijzigd dossier", "1 verwijderde dossiervraag": `count` records
    /// of this kind with the adjective `adjective` (uninflected: nieuw, gewijzigd, verwijderd).
    pub fn count_with(self, count: u64, adjective: &str) -> String {
        let (one, many, neuter) = self.noun();
        if count == 1 && neuter {
            format!("1 {adjective} {one}")
        } else if count == 1 {
            format!("1 {adjective}e {one}")
        } else {
            format!("{count} {adjective}e {many}")
        }
    }

    /// The token used in JSON (`conflicten[].soort`).
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Details => "onderzoek",
            Kind::Interview => "interview",
            Kind::Answer => "antwoord",
            Kind::Flash => "flitsinterview",
            Kind::Dossier => "dossier",
            Kind::Check => "dossiervraag",
            Kind::Document => "document",
            Kind::Waitlist => "wachtlijst",
            Kind::Oordeel => "oordeel",
        }
    }
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

/// What the conflict machinery needs to know about the data of one record kind.
pub trait RecordData: Clone {
    const KIND: Kind;

    /// Whether two versions say the same thing (then two heads are not a conflict). Plain
    /// equality, except for an oordeel ([`OordeelData::same_content`]).
    fn same(&self, other: &Self) -> bool;

    /// The fields (by their JSON name) in which two versions differ.
    fn differing_fields(&self, other: &Self) -> Vec<&'static str>;

    /// A short summary of the content, for conflict lists ("ja", "melding 03-02-2026, …").
    fn summary(&self) -> String;
}

/// Pushes `name` when the two values differ (for [`RecordData::differing_fields`]).
fn differ<V: PartialEq>(out: &mut Vec<&'static str>, name: &'static str, a: &V, b: &V) {
    if a != b {
        out.push(name);
    }
}

/// The first `max` characters of `text`, with an ellipsis when cut.
fn short(text: &str, max: usize) -> String {
    let text = text.trim();
    match text.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_string(),
    }
}

/// "label: value" parts joined by ", ", leaving out empty values.
fn parts(items: &[(&str, String)]) -> String {
    let list: Vec<String> = items
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| {
            if k.is_empty() {
                v.clone()
            } else {
                format!("{k} {v}")
            }
        })
        .collect();
    if list.is_empty() {
        "(leeg)".to_string()
    } else {
        list.join(", ")
    }
}

fn tags_text(tags: &Tags) -> String {
    tags.iter()
        .map(|(k, v)| format!("{k} {v}"))
        .collect::<Vec<_>>()
        .join(" ")
}

impl RecordData for Details {
    const KIND: Kind = Kind::Details;
    fn same(&self, other: &Self) -> bool {
        self == other
    }
    fn differing_fields(&self, o: &Self) -> Vec<&'static str> {
        let mut out = Vec::new();
        differ(&mut out, "organisatie", &self.organisatie, &o.organisatie);
        differ(&mut out, "bezoek_van", &self.bezoek_van, &o.bezoek_van);
        differ(&mut out, "bezoek_tot", &self.bezoek_tot, &o.bezoek_tot);
        differ(&mut out, "notitie", &self.notitie, &o.notitie);
        out
    }
    fn summary(&self) -> String {
        parts(&[
            ("", self.organisatie.clone()),
            (
                "bezoek van",
                self.bezoek_van
                    .map_or(String::new(), termijn::format_date_nl),
            ),
            (
                "tot",
                self.bezoek_tot
                    .map_or(String::new(), termijn::format_date_nl),
            ),
            ("notitie", short(&self.notitie, 40)),
        ])
    }
}

impl RecordData for InterviewData {
    const KIND: Kind = Kind::Interview;
    fn same(&self, other: &Self) -> bool {
        self == other
    }
    fn differing_fields(&self, o: &Self) -> Vec<&'static str> {
        let mut out = Vec::new();
        differ(&mut out, "rol", &self.rol, &o.rol);
        differ(&mut out, "datum", &self.datum, &o.datum);
        differ(&mut out, "deelnemers", &self.deelnemers, &o.deelnemers);
        differ(&mut out, "notitie", &self.notitie, &o.notitie);
        out
    }
    fn summary(&self) -> String {
        parts(&[
            ("rol", self.rol.clone()),
            (
                "datum",
                self.datum.map_or(String::new(), termijn::format_date_nl),
            ),
            ("deelnemers", short(&self.deelnemers, 40)),
            ("notitie", short(&self.notitie, 40)),
        ])
    }
}

impl RecordData for AnswerData {
    const KIND: Kind = Kind::Answer;
    fn same(&self, other: &Self) -> bool {
        self == other
    }
    fn differing_fields(&self, o: &Self) -> Vec<&'static str> {
        let mut out = Vec::new();
        differ(&mut out, "interview", &self.interview, &o.interview);
        differ(&mut out, "vraag", &self.vraag, &o.vraag);
        differ(&mut out, "notitie", &self.notitie, &o.notitie);
        differ(&mut out, "tags", &self.tags, &o.tags);
        out
    }
    fn summary(&self) -> String {
        parts(&[
            ("", short(&self.notitie, 60)),
            ("tags", tags_text(&self.tags)),
        ])
    }
}

impl RecordData for FlashData {
    const KIND: Kind = Kind::Flash;
    fn same(&self, other: &Self) -> bool {
        self == other
    }
    fn differing_fields(&self, o: &Self) -> Vec<&'static str> {
        let mut out = Vec::new();
        differ(&mut out, "functie", &self.functie, &o.functie);
        differ(&mut out, "tijdstip", &self.tijdstip, &o.tijdstip);
        differ(&mut out, "antwoorden", &self.antwoorden, &o.antwoorden);
        differ(&mut out, "tags", &self.tags, &o.tags);
        differ(&mut out, "notitie", &self.notitie, &o.notitie);
        out
    }
    fn summary(&self) -> String {
        parts(&[
            ("", self.functie.clone()),
            (
                "tijdstip",
                self.tijdstip.map_or(String::new(), |t| t.to_string()),
            ),
            ("antwoorden", self.antwoorden.len().to_string()),
            ("tags", tags_text(&self.tags)),
            ("notitie", short(&self.notitie, 40)),
        ])
    }
}

impl RecordData for DossierData {
    const KIND: Kind = Kind::Dossier;
    fn same(&self, other: &Self) -> bool {
        self == other
    }
    fn differing_fields(&self, o: &Self) -> Vec<&'static str> {
        let mut out = Vec::new();
        differ(&mut out, "nummer", &self.nummer, &o.nummer);
        differ(&mut out, "selectie", &self.selectie, &o.selectie);
        for kind in termijn::DateKind::ALL {
            differ(
                &mut out,
                kind.as_str(),
                &self.dates.get(kind),
                &o.dates.get(kind),
            );
        }
        differ(&mut out, "notitie", &self.notitie, &o.notitie);
        out
    }
    fn summary(&self) -> String {
        let mut items = vec![
            ("nummer", self.nummer.clone()),
            ("selectie", self.selectie.as_str().to_string()),
        ];
        for kind in termijn::DateKind::ALL {
            if let Some(d) = self.dates.get(kind) {
                items.push((kind.as_str(), termijn::format_date_nl(d)));
            }
        }
        items.push(("notitie", short(&self.notitie, 40)));
        parts(&items)
    }
}

impl RecordData for CheckData {
    const KIND: Kind = Kind::Check;
    fn same(&self, other: &Self) -> bool {
        self == other
    }
    fn differing_fields(&self, o: &Self) -> Vec<&'static str> {
        let mut out = Vec::new();
        differ(&mut out, "dossier", &self.dossier, &o.dossier);
        differ(&mut out, "vraag", &self.vraag, &o.vraag);
        differ(&mut out, "antwoord", &self.antwoord, &o.antwoord);
        differ(&mut out, "notitie", &self.notitie, &o.notitie);
        out
    }
    fn summary(&self) -> String {
        parts(&[
            ("", self.antwoord.label().to_string()),
            ("notitie", short(&self.notitie, 40)),
        ])
    }
}

impl RecordData for DocumentData {
    const KIND: Kind = Kind::Document;
    fn same(&self, other: &Self) -> bool {
        self == other
    }
    fn differing_fields(&self, o: &Self) -> Vec<&'static str> {
        let mut out = Vec::new();
        differ(&mut out, "item", &self.item, &o.item);
        differ(&mut out, "naam", &self.naam, &o.naam);
        differ(&mut out, "ontvangen", &self.ontvangen, &o.ontvangen);
        differ(&mut out, "notitie", &self.notitie, &o.notitie);
        out
    }
    fn summary(&self) -> String {
        let ontvangen = if self.ontvangen {
            "ontvangen"
        } else {
            "niet ontvangen"
        };
        parts(&[
            ("", self.naam.clone()),
            ("", ontvangen.to_string()),
            ("notitie", short(&self.notitie, 40)),
        ])
    }
}

impl RecordData for WaitlistData {
    const KIND: Kind = Kind::Waitlist;
    fn same(&self, other: &Self) -> bool {
        self == other
    }
    fn differing_fields(&self, o: &Self) -> Vec<&'static str> {
        let mut out = Vec::new();
        differ(&mut out, "aantal", &self.aantal, &o.aantal);
        differ(&mut out, "oudste", &self.oudste, &o.oudste);
        differ(&mut out, "peildatum", &self.peildatum, &o.peildatum);
        differ(&mut out, "notitie", &self.notitie, &o.notitie);
        out
    }
    fn summary(&self) -> String {
        parts(&[
            (
                "aantal",
                self.aantal.map_or(String::new(), |n| n.to_string()),
            ),
            (
                "oudste",
                self.oudste.map_or(String::new(), termijn::format_date_nl),
            ),
            (
                "peildatum",
                self.peildatum
                    .map_or(String::new(), termijn::format_date_nl),
            ),
            ("notitie", short(&self.notitie, 40)),
        ])
    }
}

impl RecordData for OordeelData {
    const KIND: Kind = Kind::Oordeel;
    fn same(&self, other: &Self) -> bool {
        self.same_content(other)
    }
    fn differing_fields(&self, o: &Self) -> Vec<&'static str> {
        let mut out = Vec::new();
        differ(&mut out, "oordeel", &self.text(), &o.text());
        differ(
            &mut out,
            "onderbouwing",
            &self.onderbouwing.trim(),
            &o.onderbouwing.trim(),
        );
        out
    }
    fn summary(&self) -> String {
        parts(&[
            ("", self.text()),
            ("onderbouwing", short(&self.onderbouwing, 60)),
        ])
    }
}

/// All revisions of one record.
///
/// **Order.** Revisions are kept in *causal* order: a revision comes after every revision it
/// replaces; revisions that are concurrent (neither replaces the other, directly or indirectly)
/// are ordered by revision id. Wall-clock time plays no part, so a laptop whose clock runs ahead
/// cannot put its version "after" a colleague's.
///
/// **Conflict.** A record is in conflict when it has two or more heads and they disagree: their
/// data differ ([`RecordData::same`]), or one is a tombstone and another is not (edit versus
/// delete). Heads that all say the same, or are all tombstones, are no conflict.
///
/// **What is shown meanwhile.** [`History::latest`]/[`History::current`] of a conflicted record
/// are never chosen by clock. They return the last version every head builds on (the nearest
/// common ancestor, "what both copies last agreed on") when there is one and it is not a
/// tombstone; otherwise the first live head in causal order. So a conflicted record never
/// disappears (an edit-versus-delete keeps the record visible until someone decides) and neither
/// side's change is silently taken as the outcome. That value is only a placeholder:
/// [`History::is_conflicted`] says so, and everything that draws conclusions (status, score,
/// evidence counts, termijnen, export) treats the record as unresolved.
#[derive(Debug, Clone)]
pub struct History<T> {
    /// In causal order (see above).
    revisions: Vec<Revision<T>>,
    /// Indices into `revisions` of the heads, in causal order.
    heads: Vec<usize>,
    /// Whether the heads disagree.
    conflicted: bool,
    /// Index of the revision [`History::latest`] returns.
    shown: Option<usize>,
}

impl<T> Default for History<T> {
    fn default() -> Self {
        History {
            revisions: Vec::new(),
            heads: Vec::new(),
            conflicted: false,
            shown: None,
        }
    }
}

impl<T: RecordData> History<T> {
    fn insert(&mut self, revision: Revision<T>) {
        if self
            .revisions
            .iter()
            .any(|r| r.meta.rev == revision.meta.rev)
        {
            return;
        }
        self.revisions.push(revision);
        self.recompute();
    }

    /// Orders the revisions and finds the heads after bulk loading.
    fn finish(&mut self) {
        self.revisions.sort_by_key(|r| r.meta.rev);
        self.revisions.dedup_by(|a, b| a.meta.rev == b.meta.rev);
        self.recompute();
    }

    /// Causal order, heads, conflict and the shown version, from the revisions.
    fn recompute(&mut self) {
        if self.revisions.len() == 1 {
            // The common case, kept cheap for loading large files.
            self.heads = vec![0];
            self.conflicted = false;
            self.shown = Some(0);
            return;
        }
        self.order_causally();
        let replaced: BTreeSet<Uuid> = self
            .revisions
            .iter()
            .flat_map(|r| r.meta.replaces.iter().copied())
            .collect();
        self.heads = (0..self.revisions.len())
            .filter(|&i| !replaced.contains(&self.revisions[i].meta.rev))
            .collect();
        self.conflicted = self.conflicted_by(T::same);
        self.shown = if self.conflicted {
            self.common_ancestor()
                .filter(|&i| !self.revisions[i].meta.deleted)
                .or_else(|| {
                    self.heads
                        .iter()
                        .copied()
                        .find(|&i| !self.revisions[i].meta.deleted)
                })
        } else {
            // All heads agree: the last live one in causal order (or the last tombstone).
            self.heads
                .iter()
                .rev()
                .copied()
                .find(|&i| !self.revisions[i].meta.deleted)
                .or_else(|| self.heads.last().copied())
        };
    }
}

impl<T> History<T> {
    /// Adds a revision without ordering it; [`History::finish`] must follow (bulk loading).
    fn push_unordered(&mut self, revision: Revision<T>) {
        self.revisions.push(revision);
    }

    /// Sorts `revisions` topologically (a revision after those it replaces), ties broken by the
    /// smallest revision id. Links to revisions not in this history are ignored.
    fn order_causally(&mut self) {
        let n = self.revisions.len();
        let position: BTreeMap<Uuid, usize> = self
            .revisions
            .iter()
            .enumerate()
            .map(|(i, r)| (r.meta.rev, i))
            .collect();
        let mut waiting = vec![0usize; n];
        let mut successors: Vec<Vec<usize>> = vec![Vec::new(); n];
        for (i, r) in self.revisions.iter().enumerate() {
            let parents: BTreeSet<usize> = r
                .meta
                .replaces
                .iter()
                .filter_map(|p| position.get(p).copied())
                .filter(|&p| p != i)
                .collect();
            waiting[i] = parents.len();
            for p in parents {
                successors[p].push(i);
            }
        }
        let mut ready: BTreeSet<(Uuid, usize)> = (0..n)
            .filter(|&i| waiting[i] == 0)
            .map(|i| (self.revisions[i].meta.rev, i))
            .collect();
        let mut order = Vec::with_capacity(n);
        while let Some((_, i)) = ready.pop_first() {
            order.push(i);
            for &s in &successors[i] {
                waiting[s] -= 1;
                if waiting[s] == 0 {
                    ready.insert((self.revisions[s].meta.rev, s));
                }
            }
        }
        // A cycle cannot be written by this program; should a damaged file contain one, keep
        // its revisions (by id) rather than lose them.
        if order.len() < n {
            let placed: BTreeSet<usize> = order.iter().copied().collect();
            let mut rest: Vec<usize> = (0..n).filter(|i| !placed.contains(i)).collect();
            rest.sort_by_key(|&i| self.revisions[i].meta.rev);
            order.extend(rest);
        }
        if order.iter().enumerate().all(|(k, &i)| k == i) {
            return;
        }
        let mut slots: Vec<Option<Revision<T>>> = std::mem::take(&mut self.revisions)
            .into_iter()
            .map(Some)
            .collect();
        self.revisions = order.into_iter().filter_map(|i| slots[i].take()).collect();
    }

    /// The index of the last revision (in causal order) that every head is or descends from.
    fn common_ancestor(&self) -> Option<usize> {
        let position: BTreeMap<Uuid, usize> = self
            .revisions
            .iter()
            .enumerate()
            .map(|(i, r)| (r.meta.rev, i))
            .collect();
        let mut common: Option<BTreeSet<usize>> = None;
        for &h in &self.heads {
            let mut seen = BTreeSet::new();
            let mut stack = vec![h];
            while let Some(i) = stack.pop() {
                if seen.insert(i) {
                    stack.extend(
                        self.revisions[i]
                            .meta
                            .replaces
                            .iter()
                            .filter_map(|p| position.get(p).copied()),
                    );
                }
            }
            common = Some(match common {
                None => seen,
                Some(c) => c.intersection(&seen).copied().collect(),
            });
        }
        common.and_then(|c| c.last().copied())
    }

    /// Whether the heads disagree, with `same` deciding whether two versions say the same: two
    /// or more heads, and either one is a tombstone while another is not (edit versus delete),
    /// or two live heads differ.
    pub fn conflicted_by(&self, same: impl Fn(&T, &T) -> bool) -> bool {
        let heads: Vec<&Revision<T>> = self.heads().collect();
        if heads.len() < 2 {
            return false;
        }
        let live: Vec<&&Revision<T>> = heads.iter().filter(|r| !r.meta.deleted).collect();
        match live.first() {
            None => false,
            Some(_) if live.len() < heads.len() => true,
            Some(first) => live.iter().any(|r| !same(&r.data, &first.data)),
        }
    }

    /// Whether the heads disagree (see [`History`]): the record has no single current value
    /// until someone writes a revision replacing every head.
    pub fn is_conflicted(&self) -> bool {
        self.conflicted
    }

    /// Every revision in causal order: each after the ones it replaces, concurrent ones by id.
    pub fn revisions(&self) -> &[Revision<T>] {
        &self.revisions
    }

    /// The heads, in causal order (concurrent heads by revision id).
    pub fn heads(&self) -> impl Iterator<Item = &Revision<T>> {
        self.heads.iter().map(|&i| &self.revisions[i])
    }

    /// The record's state, tombstone included: the single agreed head; for a conflicted record
    /// the placeholder described at [`History`] (never chosen by clock).
    pub fn latest(&self) -> Option<&Revision<T>> {
        self.shown.map(|i| &self.revisions[i])
    }

    /// The current state, unless deleted (see [`History::latest`]).
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

impl<T: RecordData> Records<T> {
    pub fn insert(&mut self, revision: Revision<T>) {
        self.map
            .entry(revision.meta.entity.clone())
            .or_default()
            .insert(revision);
    }

    fn finish_loading(&mut self) {
        for history in self.map.values_mut() {
            history.finish();
        }
    }
}

impl<T> Records<T> {
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

    /// Live records (not deleted), by entity id order. A conflicted record is included with the
    /// placeholder value described at [`History`]; see [`Records::is_conflicted`].
    pub fn current(&self) -> impl Iterator<Item = &Revision<T>> {
        self.map.values().filter_map(History::current)
    }

    /// The current value of a record (for a conflicted one, the placeholder described at
    /// [`History`]).
    pub fn get(&self, entity: &str) -> Option<&Revision<T>> {
        self.map.get(entity).and_then(History::current)
    }

    /// Whether the record's heads disagree (see [`History`]).
    pub fn is_conflicted(&self, entity: &str) -> bool {
        self.map.get(entity).is_some_and(History::is_conflicted)
    }

    /// The conflicted records, by entity id order.
    pub fn conflicted(&self) -> impl Iterator<Item = (&String, &History<T>)> {
        self.map.iter().filter(|(_, h)| h.is_conflicted())
    }

    pub fn histories(&self) -> impl Iterator<Item = (&String, &History<T>)> {
        self.map.iter()
    }

    /// Deleted records (their current head is a tombstone), with the data they had, so they can
    /// be restored.
    pub fn deleted(&self) -> impl Iterator<Item = &Revision<T>> {
        self.map
            .values()
            .filter_map(|h| h.latest().filter(|r| r.meta.deleted))
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

    fn of<T: RecordData>(entity: &str, description: String, history: &History<T>) -> Self {
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
        match kind {
            Kind::Details => self.details.is_conflicted(entity),
            Kind::Interview => self.interviews.is_conflicted(entity),
            Kind::Answer => self.answers.is_conflicted(entity),
            Kind::Flash => self.flashes.is_conflicted(entity),
            Kind::Dossier => self.dossiers.is_conflicted(entity),
            Kind::Check => self.checks.is_conflicted(entity),
            Kind::Document => self.documents.is_conflicted(entity),
            Kind::Waitlist => self.waitlist.is_conflicted(entity),
            Kind::Oordeel => self.oordelen.is_conflicted(entity),
        }
    }

    /// Every record of every kind whose heads disagree, with both (all) versions: in the order
    /// of [`Kind::ALL`], oordelen in kader order, other kinds by description.
    pub fn all_conflicts(&self) -> Vec<RecordConflict> {
        let mut out = Vec::new();
        let mut kind_list = Vec::new();
        let mut add = |list: &mut Vec<RecordConflict>| {
            list.sort_by_cached_key(|c| (natural_key(&c.description), c.entity.clone()));
            out.append(list);
        };
        for (id, h) in self.details.conflicted() {
            kind_list.push(RecordConflict::of(
                id,
                "gegevens van het onderzoek".to_string(),
                h,
            ));
        }
        add(&mut kind_list);
        for (id, h) in self.interviews.conflicted() {
            kind_list.push(RecordConflict::of(id, self.describe_interview(id), h));
        }
        add(&mut kind_list);
        for (id, h) in self.answers.conflicted() {
            let description = match h.latest() {
                Some(a) => format!(
                    "antwoord op vraag {} in {}",
                    a.data.vraag,
                    self.describe_interview(&a.data.interview)
                ),
                None => format!("antwoord {id}"),
            };
            kind_list.push(RecordConflict::of(id, description, h));
        }
        add(&mut kind_list);
        for (id, h) in self.flashes.conflicted() {
            let description = match h.latest() {
                Some(f) => match f.data.tijdstip {
                    Some(t) => format!("flitsinterview {} ({})", f.data.functie, t),
                    None => format!("flitsinterview {}", f.data.functie),
                },
                None => format!("flitsinterview {id}"),
            };
            kind_list.push(RecordConflict::of(id, description, h));
        }
        add(&mut kind_list);
        for (id, h) in self.dossiers.conflicted() {
            kind_list.push(RecordConflict::of(id, self.describe_dossier(id), h));
        }
        add(&mut kind_list);
        for (id, h) in self.checks.conflicted() {
            let description = match h.latest() {
                Some(c) => format!(
                    "dossiervraag {} in {}",
                    c.data.vraag,
                    self.describe_dossier(&c.data.dossier)
                ),
                None => format!("dossiervraag {id}"),
            };
            kind_list.push(RecordConflict::of(id, description, h));
        }
        add(&mut kind_list);
        for (id, h) in self.documents.conflicted() {
            let description = match h.latest() {
                Some(d) if !d.data.naam.trim().is_empty() => format!("document {}", d.data.naam),
                Some(d) => format!("document {}", d.data.item.as_deref().unwrap_or(id)),
                None => format!("document {id}"),
            };
            kind_list.push(RecordConflict::of(id, description, h));
        }
        add(&mut kind_list);
        for (id, h) in self.waitlist.conflicted() {
            kind_list.push(RecordConflict::of(id, "wachtlijst".to_string(), h));
        }
        add(&mut kind_list);
        // Oordelen in kader order (then any the kader does not know, by id).
        let mut oordelen: Vec<(usize, RecordConflict)> = self
            .oordelen
            .conflicted()
            .map(|(id, h)| {
                let order = self.framework.index_of(id).unwrap_or(usize::MAX);
                (order, RecordConflict::of(id, format!("oordeel {id}"), h))
            })
            .collect();
        oordelen.sort_by(|a, b| (a.0, &a.1.entity).cmp(&(b.0, &b.1.entity)));
        out.extend(oordelen.into_iter().map(|(_, c)| c));
        out
    }

    /// "interview Management (03-02-2026)", from the interview's shown version.
    fn describe_interview(&self, id: &str) -> String {
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
    fn describe_dossier(&self, id: &str) -> String {
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
        let own = termijn::evaluate(def, &dossier.data.dates);
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
            let o = termijn::evaluate(def, &head.data.dates);
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

    /// Per termijn of the kader, the share within term over all live dossiers. A dossier whose
    /// outcome is unresolved by a conflict ([`Inspection::deadline_outcome`]) counts as unknown.
    pub fn deadline_summaries(&self) -> Vec<DeadlineSummary> {
        let dossiers = self.dossier_list();
        self.framework
            .deadlines
            .iter()
            .map(|def| {
                let mut summary = DeadlineSummary::default();
                for d in &dossiers {
                    match self.deadline_outcome(def, d) {
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
