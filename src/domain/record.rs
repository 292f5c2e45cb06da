//! The record mechanism, generic over every kind of record.
//!
//! A record kind is declared once, in [`super::kinds`]: its data type, the fields it is made of
//! ([`RecordData::FIELDS`], which are also its columns in the inspection file and the names used in
//! conflict lists), how it is summarised, and one line in the `record_kinds!` list that gives it a
//! [`Kind`], a variant of [`Record`], its place in [`super::inspection::Inspection`] and its Dutch
//! nouns. Everything else — revisions, causal history, heads, conflicts, tombstones, resolving a
//! conflict, reading and writing rows, merging — is written once, here and in `store`, over
//! [`RecordData`] and [`Kinded`].
//!
//! The revision model: every record is a chain of immutable [`Revision`]s; a revision names the
//! revisions it replaces ([`Meta::replaces`], `vervangt` in the file), a delete is a tombstone.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use jiff::Timestamp;
use jiff::civil::{Date, DateTime};
use uuid::Uuid;

use super::inspection::Inspection;
use super::termijn;

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

/// The storage-neutral type of a field: how it is kept in the file and shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldType {
    /// Text, never absent (empty instead).
    Text,
    /// Text that may be absent.
    OptText,
    /// A calendar date that may be absent.
    Date,
    /// A date and time of day that may be absent.
    DateTime,
    /// A whole number that may be absent.
    Count,
    /// Yes or no.
    Flag,
    /// A map of text to text (answers per question, tags per verwachting).
    Map,
    /// The dates of a dossier by kind ([`termijn::CaseDates`]); in conflict lists and when
    /// combining versions each date counts as a field of its own, named by its id.
    Dates,
}

/// One field of a record kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    /// The name in the file (column), in JSON and in conflict lists: `melding_ontvangen`.
    pub name: &'static str,
    /// The Dutch label on screen: "melding ontvangen".
    pub label: &'static str,
    pub ty: FieldType,
}

impl Field {
    pub const fn new(name: &'static str, label: &'static str, ty: FieldType) -> Field {
        Field { name, label, ty }
    }
}

/// The value of one field, in the form of its [`FieldType`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Text(String),
    OptText(Option<String>),
    Date(Option<Date>),
    DateTime(Option<DateTime>),
    Count(Option<u32>),
    Flag(bool),
    Map(BTreeMap<String, String>),
    Dates(termijn::CaseDates),
}

impl Value {
    pub fn ty(&self) -> FieldType {
        match self {
            Value::Text(_) => FieldType::Text,
            Value::OptText(_) => FieldType::OptText,
            Value::Date(_) => FieldType::Date,
            Value::DateTime(_) => FieldType::DateTime,
            Value::Count(_) => FieldType::Count,
            Value::Flag(_) => FieldType::Flag,
            Value::Map(_) => FieldType::Map,
            Value::Dates(_) => FieldType::Dates,
        }
    }

    /// The value for people: dates as dd-mm-jjjj, a flag as ja/nee, "(leeg)" when absent.
    pub fn display(&self) -> String {
        let text = match self {
            Value::Text(t) => t.trim().to_string(),
            Value::OptText(t) => t.as_deref().unwrap_or("").trim().to_string(),
            Value::Date(d) => d.map_or(String::new(), termijn::format_date_nl),
            Value::DateTime(t) => t.map_or(String::new(), |t| {
                format!(
                    "{} {:02}:{:02}",
                    termijn::format_date_nl(t.date()),
                    t.hour(),
                    t.minute()
                )
            }),
            Value::Count(n) => n.map_or(String::new(), |n| n.to_string()),
            Value::Flag(b) => if *b { "ja" } else { "nee" }.to_string(),
            Value::Map(m) => m
                .iter()
                .map(|(k, v)| format!("{k}: {v}"))
                .collect::<Vec<_>>()
                .join("; "),
            Value::Dates(d) => d
                .iter()
                .map(|(k, d)| format!("{k}: {}", termijn::format_date_nl(d)))
                .collect::<Vec<_>>()
                .join("; "),
        };
        if text.is_empty() {
            "(leeg)".to_string()
        } else {
            text
        }
    }
}

/// A stored field that does not hold a valid value for its record kind.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("veld {field}: ongeldige waarde '{value}'")]
pub struct FieldError {
    pub field: &'static str,
    pub value: String,
}

/// Reads the values of one record in [`RecordData::FIELDS`] order, for
/// [`RecordData::from_values`].
pub struct Values {
    fields: &'static [Field],
    values: std::vec::IntoIter<Value>,
    at: usize,
}

impl Values {
    pub fn new(fields: &'static [Field], values: Vec<Value>) -> Values {
        Values {
            fields,
            values: values.into_iter(),
            at: 0,
        }
    }

    fn next(&mut self) -> (&'static str, Option<Value>) {
        let name = self.fields.get(self.at).map_or("?", |f| f.name);
        self.at += 1;
        (name, self.values.next())
    }

    fn wrong(field: &'static str, value: Option<Value>) -> FieldError {
        FieldError {
            field,
            value: value.map_or_else(|| "(ontbreekt)".to_string(), |v| v.display()),
        }
    }

    pub fn text(&mut self) -> Result<String, FieldError> {
        match self.next() {
            (_, Some(Value::Text(t))) => Ok(t),
            (f, v) => Err(Self::wrong(f, v)),
        }
    }

    pub fn opt_text(&mut self) -> Result<Option<String>, FieldError> {
        match self.next() {
            (_, Some(Value::OptText(t))) => Ok(t),
            (f, v) => Err(Self::wrong(f, v)),
        }
    }

    pub fn date(&mut self) -> Result<Option<Date>, FieldError> {
        match self.next() {
            (_, Some(Value::Date(d))) => Ok(d),
            (f, v) => Err(Self::wrong(f, v)),
        }
    }

    pub fn date_time(&mut self) -> Result<Option<DateTime>, FieldError> {
        match self.next() {
            (_, Some(Value::DateTime(t))) => Ok(t),
            (f, v) => Err(Self::wrong(f, v)),
        }
    }

    pub fn count(&mut self) -> Result<Option<u32>, FieldError> {
        match self.next() {
            (_, Some(Value::Count(n))) => Ok(n),
            (f, v) => Err(Self::wrong(f, v)),
        }
    }

    pub fn flag(&mut self) -> Result<bool, FieldError> {
        match self.next() {
            (_, Some(Value::Flag(b))) => Ok(b),
            (f, v) => Err(Self::wrong(f, v)),
        }
    }

    pub fn map(&mut self) -> Result<BTreeMap<String, String>, FieldError> {
        match self.next() {
            (_, Some(Value::Map(m))) => Ok(m),
            (f, v) => Err(Self::wrong(f, v)),
        }
    }

    pub fn dates(&mut self) -> Result<termijn::CaseDates, FieldError> {
        match self.next() {
            (_, Some(Value::Dates(d))) => Ok(d),
            (f, v) => Err(Self::wrong(f, v)),
        }
    }

    /// A text field holding one of a fixed set of tokens (`ja`, `willekeurig`, …).
    pub fn token<T>(&mut self, parse: impl Fn(&str) -> Option<T>) -> Result<T, FieldError> {
        match self.next() {
            (f, Some(Value::Text(t))) => parse(&t).ok_or(FieldError { field: f, value: t }),
            (f, v) => Err(Self::wrong(f, v)),
        }
    }
}

/// What the generic machinery needs to know about the data of one record kind. Implemented by
/// hand for each kind in [`super::kinds`].
pub trait RecordData: Clone + fmt::Debug {
    /// The fields, in the order of [`RecordData::values`] (and of the columns in the file).
    const FIELDS: &'static [Field];

    /// The values of the fields, in [`RecordData::FIELDS`] order.
    fn values(&self) -> Vec<Value>;

    /// The data back from its values (as [`RecordData::values`] gives them).
    fn from_values(values: Values) -> Result<Self, FieldError>;

    /// A short summary of the content, for conflict lists ("ja", "melding 03-02-2026, …").
    fn summary(&self) -> String;

    /// The record in words, for conflict lists: "dossier VTG-2026-0668", "dossiervraag
    /// dos-1.1.1b in dossier VTG-2026-0668". `shown` is the record's shown version, if any.
    fn describe(inspection: &Inspection, entity: &str, shown: Option<&Self>) -> String;

    /// Whether two versions say the same thing (then two heads are not a conflict).
    fn same(&self, other: &Self) -> bool {
        self.values() == other.values()
    }

    /// The fields (by name) in which two versions differ; in a [`FieldType::Dates`] field,
    /// each date that differs, by its id (`melding_ontvangen`).
    fn differing_fields(&self, other: &Self) -> Vec<&'static str> {
        let mut out = Vec::new();
        for (f, (a, b)) in Self::FIELDS
            .iter()
            .zip(self.values().into_iter().zip(other.values()))
        {
            match (a, b) {
                (Value::Dates(a), Value::Dates(b)) => {
                    let kinds: BTreeSet<termijn::DateKind> =
                        a.iter().chain(b.iter()).map(|(k, _)| k).collect();
                    out.extend(
                        kinds
                            .into_iter()
                            .filter(|k| a.get(*k) != b.get(*k))
                            .map(termijn::DateKind::as_str),
                    );
                }
                (a, b) if a != b => out.push(f.name),
                _ => {}
            }
        }
        out
    }

    /// This version with the fields named in `take` taken from `other`: a combined version when
    /// resolving a conflict (a date by its id, or all dates by the field's name). Unknown names
    /// are ignored.
    fn combined(&self, other: &Self, take: &[&str]) -> Result<Self, FieldError> {
        let values = Self::FIELDS
            .iter()
            .zip(self.values().into_iter().zip(other.values()))
            .map(|(f, (mine, theirs))| match (mine, theirs) {
                (_, theirs) if take.contains(&f.name) => theirs,
                (Value::Dates(mut mine), Value::Dates(theirs)) => {
                    let kinds: BTreeSet<termijn::DateKind> =
                        mine.iter().chain(theirs.iter()).map(|(k, _)| k).collect();
                    for kind in kinds {
                        if take.contains(&kind.as_str()) {
                            mine.set(kind, theirs.get(kind));
                        }
                    }
                    Value::Dates(mine)
                }
                (mine, _) => mine,
            })
            .collect();
        Self::from_values(Values::new(Self::FIELDS, values))
    }
}

/// The part of a record kind that the `record_kinds!` list generates: its [`Kind`], its place
/// in the [`Inspection`] and its variant of [`Record`].
pub trait Kinded: RecordData + Sized {
    const KIND: Kind;
    fn records(inspection: &Inspection) -> &Records<Self>;
    fn records_mut(inspection: &mut Inspection) -> &mut Records<Self>;
    fn into_record(self) -> Record;
    fn from_record(record: Record) -> Option<Self>;
}

/// Declares every record kind once (invoked in `kinds.rs`, where the data types live):
/// `Variant(DataType) in inspection_field as "json-token",
/// "singular" / "plural", het-word;`. Generates [`Kind`], [`Record`], the [`Kinded`] impls and
/// the `with_kind!` / `with_record!` dispatch macros, so nothing else lists the kinds.
macro_rules! record_kinds {
    ($d:tt $( $(#[$doc:meta])* $kind:ident($data:ident) in $field:ident as $token:literal,
        $one:literal / $many:literal, $neuter:literal; )*) => {
        /// The kinds of record; each is one table in the inspection file
        /// (`store::schema::table`).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Kind {
            $( $(#[$doc])* $kind, )*
        }

        impl Kind {
            pub const ALL: [Kind; [$(Kind::$kind),*].len()] = [$(Kind::$kind),*];

            /// The Dutch noun for a record of this kind: singular, plural, and whether it is a
            /// het-word (then "1 nieuw dossier" but "1 nieuwe dossiervraag").
            pub fn noun(self) -> (&'static str, &'static str, bool) {
                match self {
                    $( Kind::$kind => ($one, $many, $neuter), )*
                }
            }

            /// The token used in JSON (`conflicten[].soort`).
            pub fn as_str(self) -> &'static str {
                match self {
                    $( Kind::$kind => $token, )*
                }
            }

            /// The kind named by its JSON token.
            pub fn parse(token: &str) -> Option<Kind> {
                Kind::ALL.into_iter().find(|k| k.as_str() == token)
            }

            /// The fields of this kind's records.
            pub fn fields(self) -> &'static [$crate::domain::record::Field] {
                match self {
                    $( Kind::$kind => <$data as $crate::domain::record::RecordData>::FIELDS, )*
                }
            }
        }

        /// Any record's data, for code that handles all kinds alike (the store, the merge).
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub enum Record {
            $( $kind($data), )*
        }

        impl Record {
            pub fn kind(&self) -> Kind {
                match self {
                    $( Record::$kind(_) => Kind::$kind, )*
                }
            }

            /// The values of the fields, in [`Kind::fields`] order.
            pub fn values(&self) -> Vec<$crate::domain::record::Value> {
                match self {
                    $( Record::$kind(d) => d.values(), )*
                }
            }

            /// A record of `kind` from its values (as [`Record::values`] gives them).
            pub fn from_values(kind: Kind, values: Vec<$crate::domain::record::Value>) -> Result<Record, $crate::domain::record::FieldError> {
                match kind {
                    $( Kind::$kind => Ok(Record::$kind(<$data as $crate::domain::record::RecordData>::from_values(
                        $crate::domain::record::Values::new(<$data as $crate::domain::record::RecordData>::FIELDS, values),
                    )?)), )*
                }
            }
        }

        $(
            impl $crate::domain::record::Kinded for $data {
                const KIND: $crate::domain::record::Kind = $crate::domain::record::Kind::$kind;
                fn records(inspection: &$crate::domain::inspection::Inspection) -> &$crate::domain::record::Records<Self> {
                    &inspection.$field
                }
                fn records_mut(inspection: &mut $crate::domain::inspection::Inspection) -> &mut $crate::domain::record::Records<Self> {
                    &mut inspection.$field
                }
                fn into_record(self) -> $crate::domain::record::Record {
                    $crate::domain::record::Record::$kind(self)
                }
                fn from_record(record: $crate::domain::record::Record) -> Option<Self> {
                    match record {
                        $crate::domain::record::Record::$kind(d) => Some(d),
                        #[allow(unreachable_patterns)]
                        _ => None,
                    }
                }
            }
        )*

        /// `with_kind!(kind, T => expr)`: evaluates `expr` with the type alias `T` naming the
        /// data type of `kind` (a [`Kinded`] type).
        macro_rules! with_kind {
            ($d k:expr, $d t:ident => $d body:expr) => {
                match $d k {
                    $( $crate::domain::record::Kind::$kind => {
                        #[allow(dead_code)]
                        type $d t = $crate::domain::kinds::$data;
                        $d body
                    } )*
                }
            };
        }
        #[allow(unused_imports)]
        pub(crate) use with_kind;

        /// `with_record!(record, data => expr)`: evaluates `expr` with `data` bound to the data
        /// of `record`, whatever its kind.
        macro_rules! with_record {
            ($d r:expr, $d v:ident => $d body:expr) => {
                match $d r {
                    $( $crate::domain::record::Record::$kind($d v) => $d body, )*
                }
            };
        }
        #[allow(unused_imports)]
        pub(crate) use with_record;
    };
}
pub(crate) use record_kinds;

// The kinds themselves are declared in `kinds.rs`; bring the generated items into this module's
// namespace so the mechanism reads as one unit.
pub use super::kinds::{Kind, Record};
#[allow(unused_imports)]
pub(crate) use super::kinds::{with_kind, with_record};

/// A revision of any kind: what is written to the store and applied to the model.
pub type Change = Revision<Record>;

impl Kind {
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
}

impl Change {
    /// The typed revision, when this change is of kind `T`.
    pub fn typed<T: Kinded>(self) -> Option<Revision<T>> {
        let meta = self.meta;
        T::from_record(self.data).map(|data| Revision { meta, data })
    }
}

impl<T: Kinded> Revision<T> {
    /// The revision as a [`Change`] of any kind.
    pub fn to_change(&self) -> Change {
        Revision {
            meta: self.meta.clone(),
            data: self.data.clone().into_record(),
        }
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

    /// The revision with id `rev`.
    pub fn revision(&self, rev: Uuid) -> Option<&Revision<T>> {
        self.revisions.iter().find(|r| r.meta.rev == rev)
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
    /// Revisions added by a bulk load ([`Records::load`]), placed by
    /// [`Records::finish_loading`]: sorting once and building the map from sorted input is far
    /// cheaper than inserting 100,000 ids one by one.
    pending: Vec<Revision<T>>,
}

impl<T> Default for Records<T> {
    fn default() -> Self {
        Records {
            map: BTreeMap::new(),
            pending: Vec::new(),
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

    pub(crate) fn finish_loading(&mut self) {
        let mut pending = std::mem::take(&mut self.pending);
        // Rows arrive in storage order, which is nearly id order for time-ordered ids: the
        // adaptive sort is close to linear then.
        pending.sort_by(|a, b| a.meta.entity.cmp(&b.meta.entity));
        let mut grouped: Vec<(String, History<T>)> = Vec::new();
        for revision in pending {
            match grouped.last_mut() {
                Some((entity, history)) if *entity == revision.meta.entity => {
                    history.push_unordered(revision);
                }
                _ => {
                    let mut history = History::default();
                    let entity = revision.meta.entity.clone();
                    history.push_unordered(revision);
                    grouped.push((entity, history));
                }
            }
        }
        if self.map.is_empty() {
            // Sorted and unique: built in one pass.
            self.map = grouped.into_iter().collect();
        } else {
            for (entity, history) in grouped {
                let target = self.map.entry(entity).or_default();
                for revision in history.revisions {
                    target.push_unordered(revision);
                }
            }
        }
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
    pub(crate) fn load(&mut self, revision: Revision<T>) {
        self.pending.push(revision);
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

    pub fn heads_of(&self, entity: &str) -> Vec<Uuid> {
        self.map
            .get(entity)
            .map(History::head_ids)
            .unwrap_or_default()
    }
}

impl Inspection {
    /// The kind and [`Meta`] of every revision of every record, kind by kind in [`Kind::ALL`]
    /// order, each record's revisions in causal order.
    pub fn revision_metas(&self) -> Vec<(Kind, &Meta)> {
        let mut out = Vec::with_capacity(self.revision_count());
        for kind in Kind::ALL {
            with_kind!(kind, T => out.extend(
                T::records(self)
                    .histories()
                    .flat_map(|(_, h)| h.revisions().iter().map(move |r| (kind, &r.meta)))
            ));
        }
        out
    }

    /// Every revision of every record as a [`Change`] (copied), in the order of
    /// [`Inspection::revision_metas`].
    pub fn changes(&self) -> Vec<Change> {
        let mut out = Vec::with_capacity(self.revision_count());
        for kind in Kind::ALL {
            with_kind!(kind, T => out.extend(
                T::records(self)
                    .histories()
                    .flat_map(|(_, h)| h.revisions().iter().map(Revision::to_change))
            ));
        }
        out
    }
}
