//! One open inspection in the app: the in-memory model, the store thread, the text drafts, and
//! what every screen needs (values derived from the model, the notice, the last deletion, the
//! inputs refused). Each screen keeps its own UI state (selection, dialogs, filters) in its
//! module under `screens`; none of it is here.
//!
//! Edits arrive as field-level changes ([`Edit`]) and are made against the model as it is when
//! they are applied: the current record is read, the named fields changed, and the result becomes
//! a new revision ([`Inspection::change`]). It is applied to the model at once (the screen shows
//! it in the next frame) and sent to the store thread, which commits it. A record with versions
//! that disagree is never edited: the edit is refused ([`Refused::Conflicted`]) and the caller
//! opens the choice. Once the rapport is vastgesteld an oordeel (value, variant, onderbouwing)
//! or a criterion oordeel is refused too ([`Refused::Frozen`], with a notice naming
//! "Heropenen…" on the Wederhoor screen); a criterion oordeel takes only a code on the kader's
//! scale ([`Refused::Invalid`]). Steps after the visit (reacties, besluiten, vaststellen, …) are
//! decided by the domain and stored through [`Workspace::take_step`].
//!
//! Text fields edit a *draft*; a draft becomes a revision when the field loses focus, after a
//! short pause in typing, when the screen changes and when the inspection is closed — so an
//! oordeel's history holds versions, not keystrokes. An edit of a record also takes along the
//! text typed in its other fields so far (one revision, nothing typed is overwritten). While
//! typing, the draft itself is written to the file at most every [`DRAFT_PERSIST`] (outside the
//! revision history), so a crash loses at most that fraction of a second; a draft found when the
//! file is opened is restored into its field with a notice.
//!
//! One field is not a draft ([`Input`]: a kerngegeven's value, where half a number is not a
//! value): what is typed there is kept here and written when the field is left, when the screen
//! changes and when the inspection closes, never after a pause. It is read in Dutch notation
//! first; one that cannot be read is refused, stays in its field with the reason and is listed
//! as not saved.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use uuid::Uuid;

use crate::domain::draft::StoredDraft;
use crate::domain::duplicates::Duplicate;
use crate::domain::evidence;
use crate::domain::inspection::{Change, Inspection, Kind, Record, RecordConflict, Stamp, Value};
use crate::domain::kader::Measure;
use crate::domain::kerndata::Quantity;
use crate::domain::scoring::{Headline, headline};
use crate::domain::{Score, score};

use super::edit::{
    Edit, EditError, FieldChange, RecordRef, change_fields, current_record, deleted_record,
    draft_field, field_value, input_field,
};
use super::types::{Closing, Input, READ_ONLY_NOTICE, count};
use super::worker::StoreHandle;

pub use super::types::DraftTarget;

/// A draft is committed after this long without typing.
pub const DRAFT_IDLE: Duration = Duration::from_millis(1200);

/// While typing, the draft is written to the file at most this often.
pub const DRAFT_PERSIST: Duration = Duration::from_millis(250);

#[derive(Debug, Clone)]
pub struct Draft {
    pub text: String,
    /// Typed since the last revision: when typing began (for the idle commit, the last key).
    pub dirty_since: Option<Instant>,
    /// The text last sent to the store as a draft, its sequence number and when.
    persisted: Option<(String, u64, Instant)>,
}

impl Draft {
    fn new(text: String) -> Draft {
        Draft {
            text,
            dirty_since: None,
            persisted: None,
        }
    }
}

/// What is typed in an [`Input`] field and not written yet.
#[derive(Debug, Clone)]
pub struct Typed {
    pub text: String,
    /// When it was last typed in, while it waits to be written (when the field is left);
    /// `None` once it was refused (it stays in the field, with the reason, until it is
    /// corrected).
    since: Option<Instant>,
    /// The field was left (or the screen changed) but the text could not be written yet (no
    /// name known): it is written at the next poll once the name is known.
    left: bool,
    /// Why the text was refused (a value that cannot be read), shown at the field.
    pub error: Option<String>,
}

/// Values recomputed after every change, so drawing stays cheap.
pub struct Derived {
    pub score: Score,
    /// What may be claimed about the eindoordeel (`scoring::headline`), for the header of every
    /// screen: computed here, once per change, never per frame.
    pub headline: Headline,
    /// Per verwachting (kader order): pieces of evidence gathered.
    pub evidence: Vec<usize>,
    /// Verwachting ids in conflict.
    pub conflicts: Vec<String>,
    /// Every record of every kind in conflict, with its versions (the Conflicten screen).
    pub record_conflicts: Vec<RecordConflict>,
    /// Records with the same dossier number (or document name), to merge or renumber.
    pub duplicates: Vec<Duplicate>,
    /// The share within each termijn of the kader (aligned with its termijnen), for the
    /// termijnen table and the norms beside a verwachting.
    pub deadline_summaries: Vec<crate::domain::DeadlineSummary>,
    /// The evidence every verwachting draws on (dossiervragen counted over all dossiers), so the
    /// evidence beside a verwachting costs a look-up per frame, not a pass over every dossier.
    pub evidence_basis: evidence::EvidenceBasis,
    /// The privacy check of the rapport text (Wederhoor): every finding, kept or open.
    pub privacy_findings: Vec<crate::domain::privacy::Finding>,
    /// Why the rapport cannot be vastgesteld now (Wederhoor); empty when it can.
    pub vaststellen_blockers: Vec<String>,
}

impl Derived {
    /// Everything the Conflicten screen offers to resolve: conflicts and duplicates.
    pub fn to_resolve(&self) -> usize {
        self.record_conflicts.len() + self.duplicates.len()
    }

    pub fn compute(inspection: &Inspection) -> Derived {
        let deadline_summaries = inspection.deadline_summaries();
        let evidence_basis =
            evidence::EvidenceBasis::with_summaries(inspection, deadline_summaries.clone());
        let evidence = evidence::counts_from(inspection, &evidence_basis);
        let score = score(&inspection.framework, &inspection.judgements());
        Derived {
            headline: headline(&score),
            score,
            evidence,
            conflicts: inspection
                .conflicts()
                .iter()
                .map(|c| c.verwachting.to_string())
                .collect(),
            record_conflicts: inspection.all_conflicts(),
            duplicates: inspection.duplicates(),
            deadline_summaries,
            evidence_basis,
            privacy_findings: inspection.privacy_findings(),
            vaststellen_blockers: inspection.vaststellen_blockers(),
        }
    }
}

/// The last deletion, so it can be undone.
#[derive(Debug, Clone)]
pub struct LastDelete {
    pub kind: Kind,
    pub entity: String,
    /// What was deleted, in words ("flitsinterview teamleider").
    pub what: String,
}

/// Why an edit was not made. The workspace has already said so in its notice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refused {
    /// The file was opened read-only.
    ReadOnly,
    /// The record has versions that disagree: someone must choose first. The caller opens the
    /// Conflicten screen on it.
    Conflicted(Kind, String),
    /// Nothing to edit (the record is gone), or the change does not fit the record.
    Unapplicable(EditError),
    /// An oordeel or onderbouwing after vaststellen: frozen until the onderzoek is heropend.
    Frozen,
    /// The value is not one the kader allows (a criterion oordeel off its scale); the notice
    /// says which are.
    Invalid(String),
    /// No inspector's name is known yet: nothing is written until one is given (the app asks
    /// for it, once, before the first edit).
    NoName,
}

/// The kinds fixed once the rapport is vastgesteld: the oordelen (per verwachting and per
/// criterium) and the eindoordeel the inspecteur chose.
fn frozen_kind(kind: Kind) -> bool {
    matches!(kind, Kind::Oordeel | Kind::CriteriumOordeel | Kind::Keuze)
}

/// Shown when an oordeel or onderbouwing is edited after vaststellen.
pub fn frozen_notice(inspection: &Inspection) -> String {
    let on = match inspection.phase() {
        crate::domain::wederhoor::Phase::Vastgesteld { on } => {
            format!(" op {}", crate::domain::termijn::format_date_nl(on))
        }
        _ => String::new(),
    };
    format!(
        "Niet gewijzigd: het rapport is{on} definitief vastgesteld, dus oordelen en onderbouwingen liggen vast. Wilt u toch iets wijzigen, kies dan \"Heropenen…\" (met een reden) op het scherm Wederhoor (F8)."
    )
}

pub struct Workspace {
    pub inspection: Inspection,
    pub store: StoreHandle,
    pub author: Uuid,
    pub path: PathBuf,
    pub derived: Derived,
    pub drafts: HashMap<DraftTarget, Draft>,
    /// A migration or other notice to show once.
    pub notice: Option<String>,
    /// Edits made in this session.
    pub edits: u64,
    /// The file could not be opened for writing: everything can be read and exported, nothing
    /// changed.
    pub read_only: bool,
    /// The last deletion, for "ongedaan maken".
    pub last_delete: Option<LastDelete>,
    /// Closing was asked for: the app closes once every write is on disk, or shows why not.
    pub closing: Option<Closing>,
    /// Fields whose input was refused (it stays visible there with the reason): nothing may
    /// claim that everything is saved while one exists.
    pub invalid_inputs: BTreeSet<String>,
    /// What is typed in fields that are not drafts ([`Input`]: the values of the kerndata) and
    /// not written yet, or refused.
    pub inputs: BTreeMap<Input, Typed>,
    /// The inspector's name; registered in the file with the first edit (opening a file to
    /// read it does not put you in its team). Empty while no name is known: then nothing is
    /// written and the app asks for the name before the first edit ([`Workspace::needs_name`]).
    inspector: String,
    /// An edit (or typed text) waits for the inspector's name: the app asks for it.
    pub name_wanted: bool,
    /// Drafts found in the file when it was opened: restored into their field, and kept in the
    /// file because their field is gone or unknown (both in words, for the notice).
    restored: Vec<String>,
    kept: Vec<String>,
    /// The passphrase of an encrypted file, in memory only (never in the preferences, a log or
    /// a draft): a merge tries it first on colleagues' copies. `None` for a plain file.
    pub(crate) passphrase: Option<crate::store::Passphrase>,
}

impl Workspace {
    /// An inspection opened for editing; drafts left in the file are restored into their fields
    /// (those of the flitsinterview dialog are left for the dialog: see
    /// [`Workspace::take_dialog_drafts`]).
    pub fn new(
        inspection: Inspection,
        store: StoreHandle,
        inspector: &str,
        path: PathBuf,
    ) -> Workspace {
        let mut ws = Workspace::build(inspection, store, inspector, path);
        ws.restore_drafts();
        ws
    }

    fn build(
        inspection: Inspection,
        store: StoreHandle,
        inspector: &str,
        path: PathBuf,
    ) -> Workspace {
        let author = crate::domain::inspection::inspector_id(inspection.id, inspector);
        let derived = Derived::compute(&inspection);
        Workspace {
            inspection,
            store,
            author,
            path,
            derived,
            drafts: HashMap::new(),
            notice: None,
            edits: 0,
            read_only: false,
            last_delete: None,
            closing: None,
            invalid_inputs: BTreeSet::new(),
            inputs: BTreeMap::new(),
            inspector: inspector.trim().to_string(),
            name_wanted: false,
            restored: Vec::new(),
            kept: Vec::new(),
            passphrase: None,
        }
    }

    /// The same, for a file that can only be read.
    pub fn new_read_only(
        inspection: Inspection,
        store: StoreHandle,
        inspector: &str,
        path: PathBuf,
    ) -> Workspace {
        let mut ws = Workspace::build(inspection, store, inspector, path);
        ws.read_only = true;
        if !ws.inspection.drafts.is_empty() {
            let n = ws.inspection.drafts.len();
            ws.notice = Some(format!(
                "Dit bestand bevat {} die nog niet {} vastgelegd (zie de JSON-export); {} teruggezet zodra het bestand schrijfbaar wordt geopend.",
                count(n as u64, "getypte tekst", "getypte teksten"),
                if n == 1 { "was" } else { "waren" },
                if n == 1 { "die wordt" } else { "ze worden" },
            ));
        }
        ws
    }

    /// Whether the open file is encrypted (opened or created with a passphrase).
    pub fn encrypted(&self) -> bool {
        self.passphrase.is_some()
    }

    /// The name edits in this session are attributed to (empty while none is known).
    pub fn inspector(&self) -> &str {
        &self.inspector
    }

    /// Whether edits wait for the inspector's name (a writable file opened before any name was
    /// given): nothing is written, not even typed text as a draft, until
    /// [`Workspace::set_inspector`].
    pub fn needs_name(&self) -> bool {
        !self.read_only && self.inspector.is_empty()
    }

    /// The inspector's name, given before the first edit: edits from now on are theirs. Typed
    /// text waiting for it is written as a draft at the next poll.
    pub fn set_inspector(&mut self, name: &str) {
        let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
        if name.is_empty() {
            return;
        }
        self.author = crate::domain::inspection::inspector_id(self.inspection.id, &name);
        self.inspector = name;
        self.name_wanted = false;
    }

    /// Text typed while no name was known, thrown away (the inspector chose not to give one):
    /// nothing of it was written.
    pub fn discard_unnamed_drafts(&mut self) {
        if !self.needs_name() {
            return;
        }
        self.drafts.retain(|_, d| d.dirty_since.is_none());
        self.inputs.retain(|_, t| t.since.is_none());
        self.name_wanted = false;
    }

    /// Adds a member to the file's team by name (the inspecteurs of the onderzoek). Not a
    /// revision: the team is a list of names that only grows. Returns why not, in words.
    pub fn add_team_member(&mut self, name: &str) -> Result<(), String> {
        let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
        if name.is_empty() {
            return Err("Typ de naam van de inspecteur.".into());
        }
        if self.read_only {
            return Err(READ_ONLY_NOTICE.into());
        }
        let id = crate::domain::inspection::inspector_id(self.inspection.id, &name);
        if self.inspection.inspectors.contains_key(&id) {
            return Err(format!("{name} staat al in het team."));
        }
        self.inspection.add_inspector(&name);
        self.store.add_inspector(id, &name);
        self.edits += 1;
        Ok(())
    }

    /// Replaces the model with the file's content after a merge (drafts were saved before).
    pub fn replace_model(&mut self, inspection: Inspection) {
        self.inspection = inspection;
        self.drafts.clear();
        for input in std::mem::take(&mut self.inputs).into_keys() {
            let name = self.input_name(&input);
            self.invalid_inputs.remove(&name);
        }
        self.derived = Derived::compute(&self.inspection);
    }

    // -----------------------------------------------------------------------------------------
    // Edits

    /// Makes an edit against the model as it is now: one new revision of the record with the
    /// named fields changed (and the text typed so far in its other fields). Nothing is written
    /// when nothing changes.
    pub fn update(&mut self, edit: &Edit) -> Result<(), Refused> {
        self.update_settling(edit, Vec::new())
    }

    /// The same, removing the stored drafts `settles` in the same transaction.
    fn update_settling(&mut self, edit: &Edit, mut settles: Vec<String>) -> Result<(), Refused> {
        self.writable()?;
        let (kind, entity) = edit.record.resolve(&self.inspection);
        self.refuse_frozen(kind)?;
        self.refuse_conflicted(kind, &entity)?;
        let current = edit
            .record
            .current(&self.inspection)
            .ok_or(Refused::Unapplicable(EditError::Gone))?;
        // Text typed in the record's other fields was typed before this edit: it goes along.
        let mut changes = edit.changes.clone();
        let mut taken = Vec::new();
        for (target, draft) in &self.drafts {
            let Some((record, field)) = draft_field(target) else {
                continue;
            };
            if draft.dirty_since.is_some()
                && !edit.touches(field)
                && record.resolve(&self.inspection) == (kind, entity.clone())
            {
                changes.push(FieldChange::Set {
                    field,
                    value: Value::Text(draft.text.clone()),
                });
                taken.push(target.clone());
            }
        }
        // So does what is typed in its input fields (a value only when it can be read).
        let mut typed_along = Vec::new();
        for (input, typed) in &self.inputs {
            let (record, field) = input_field(input);
            if typed.since.is_some()
                && !edit.touches(field)
                && record.resolve(&self.inspection) == (kind, entity.clone())
                && let Ok(value) = self.input_value(input, &typed.text)
            {
                changes.push(FieldChange::Set {
                    field,
                    value: Value::Text(value),
                });
                typed_along.push(input.clone());
            }
        }
        let record = change_fields(current.clone(), &changes).map_err(|e| {
            // A field name or type that does not fit its kind is a mistake in a screen.
            debug_assert!(
                !matches!(e, EditError::UnknownField(_) | EditError::WrongType(_)),
                "{e:?} in {edit:?}"
            );
            Refused::Unapplicable(e)
        })?;
        let record = self.on_scale(record)?;
        let record = self.checked(record)?;
        for input in typed_along {
            self.inputs.remove(&input);
        }
        for target in taken {
            if let Some(draft) = self.drafts.get_mut(&target) {
                draft.dirty_since = None;
                if draft.persisted.take().is_some() {
                    settles.push(target.key());
                }
            }
        }
        let exists = current_record(&self.inspection, kind, &entity).is_some();
        if exists && record == current {
            for key in settles {
                self.store.clear_draft(key);
            }
            return Ok(());
        }
        let change = self
            .inspection
            .change(&entity, record, self.author, Stamp::now());
        self.commit(change, settles);
        Ok(())
    }

    /// Adds a new record (a new interview, dossier or flitsinterview) under a new id.
    pub fn create(&mut self, entity: &str, record: Record) -> Result<(), Refused> {
        self.create_settling(entity, record, Vec::new())
    }

    fn create_settling(
        &mut self,
        entity: &str,
        record: Record,
        settles: Vec<String>,
    ) -> Result<(), Refused> {
        self.writable()?;
        let change = self
            .inspection
            .change(entity, record, self.author, Stamp::now());
        self.commit(change, settles);
        Ok(())
    }

    /// Saves what was typed as the draft `field` (the flitsinterview dialog) as an edit of an
    /// existing record, removing the draft in the same transaction. Refused for a record in
    /// conflict: the text stays a draft (in the file too); nothing is lost.
    pub fn update_from_draft(&mut self, edit: &Edit, field: &DraftTarget) -> Result<(), Refused> {
        let (kind, entity) = edit.record.resolve(&self.inspection);
        self.writable()?;
        self.refuse_conflicted(kind, &entity)?;
        let settles = self.take_draft(field);
        self.update_settling(edit, settles)
    }

    /// The same for a new record.
    pub fn create_from_draft(
        &mut self,
        entity: &str,
        record: Record,
        field: &DraftTarget,
    ) -> Result<(), Refused> {
        self.writable()?;
        let settles = self.take_draft(field);
        self.create_settling(entity, record, settles)
    }

    /// Forgets a draft that is being saved; its key when it is in the file.
    fn take_draft(&mut self, field: &DraftTarget) -> Vec<String> {
        let persisted = self
            .drafts
            .remove(field)
            .is_some_and(|d| d.persisted.is_some());
        if persisted {
            vec![field.key()]
        } else {
            Vec::new()
        }
    }

    /// Refused while no name is known (the app asks for it); in words.
    fn named(&mut self) -> Result<(), Vec<String>> {
        if self.needs_name() {
            self.name_wanted = true;
            return Err(vec![
                "Er is niets vastgelegd: uw naam is nog niet opgegeven.".to_string(),
            ]);
        }
        Ok(())
    }

    /// Refused on a read-only file (and says so).
    fn writable(&mut self) -> Result<(), Refused> {
        if self.read_only {
            self.notice = Some(READ_ONLY_NOTICE.into());
            return Err(Refused::ReadOnly);
        }
        if self.needs_name() {
            self.name_wanted = true;
            return Err(Refused::NoName);
        }
        Ok(())
    }

    /// Refused for an oordeel (its value, variant or onderbouwing), a criterion oordeel or a
    /// chosen eindoordeel once vastgesteld, and says so.
    fn refuse_frozen(&mut self, kind: Kind) -> Result<(), Refused> {
        if frozen_kind(kind) && self.inspection.is_frozen() {
            self.notice = Some(frozen_notice(&self.inspection));
            return Err(Refused::Frozen);
        }
        Ok(())
    }

    /// A criterion oordeel takes only a code on the kader's criterion scale (written as the
    /// scale writes it: "m" is "M") or none (niet beoordeeld), as
    /// `Inspection::set_criterion_oordeel` decides; the screens offer nothing else, so a refusal
    /// here is a mistake in a screen (or a file made elsewhere), said in the notice all the same.
    fn on_scale(&mut self, record: Record) -> Result<Record, Refused> {
        let Record::CriteriumOordeel(mut data) = record else {
            return Ok(record);
        };
        let code = data.oordeel.trim().to_string();
        if code.is_empty() {
            data.oordeel = String::new();
            return Ok(Record::CriteriumOordeel(data));
        }
        let fw = &self.inspection.framework;
        match fw.criterion_level(&code) {
            Some(level) => {
                data.oordeel = level.code.clone();
                Ok(Record::CriteriumOordeel(data))
            }
            None => {
                let known: Vec<String> = fw
                    .criterion_scale
                    .iter()
                    .map(|l| format!("{} ({})", l.code, l.name))
                    .collect();
                let why = format!(
                    "Niet gewijzigd: '{code}' is geen oordeel op de schaal van dit kader; kies {}.",
                    known.join(", ")
                );
                self.notice = Some(why.clone());
                Err(Refused::Invalid(why))
            }
        }
    }

    /// A chosen eindoordeel names one of the kader's eindoordelen (or none: nothing chosen); a
    /// kerngegeven's value is empty or in its stored form. The screens offer nothing else (a
    /// typed value is read first, see [`Workspace::commit_input`]), so a refusal here is a
    /// mistake in a screen, said in the notice all the same.
    fn checked(&mut self, record: Record) -> Result<Record, Refused> {
        let why = match &record {
            Record::Keuze(data) => {
                let id = data.eindoordeel.trim();
                if id.is_empty() || self.inspection.framework.verdict(id).is_some() {
                    return Ok(record);
                }
                format!("Niet gewijzigd: '{id}' is geen eindoordeel van dit kader.")
            }
            Record::Kerngegeven(data) => {
                let value = data.waarde.trim();
                if value.is_empty() || Quantity::from_canonical(value).is_some() {
                    return Ok(record);
                }
                format!("Niet gewijzigd: '{value}' is geen waarde voor een kerngegeven.")
            }
            _ => return Ok(record),
        };
        self.notice = Some(why.clone());
        Err(Refused::Invalid(why))
    }

    /// Takes a step the domain decided (a reactie, a besluit, vaststellen, heropenen, a kept
    /// privacy finding, a concept sent): stored and applied like any edit. Returns the Dutch
    /// reasons when the domain (or a read-only file) refused it; nothing is written then.
    pub fn take_step(
        &mut self,
        step: Result<Change, crate::domain::wederhoor::Refused>,
    ) -> Result<(), Vec<String>> {
        if self.read_only {
            return Err(vec![READ_ONLY_NOTICE.to_string()]);
        }
        self.named()?;
        let change = step.map_err(|r| r.0)?;
        self.commit_all_drafts();
        self.commit(change, Vec::new());
        Ok(())
    }

    /// Refused when `entity` has versions that disagree: writing over both would silently
    /// resolve the conflict. Says so; the caller opens the choice.
    fn refuse_conflicted(&mut self, kind: Kind, entity: &str) -> Result<(), Refused> {
        if !self.inspection.is_conflicted(kind, entity) {
            return Ok(());
        }
        let what = self.inspection.describe(kind, entity);
        self.notice = Some(format!(
            "Niet gewijzigd: van {what} zijn er twee versies. Kies eerst welke geldt (of combineer ze); daarna kunt u het weer bewerken."
        ));
        Err(Refused::Conflicted(kind, entity.to_string()))
    }

    /// Deletes a record as it is now (a tombstone revision; the history keeps every version)
    /// and remembers it so the deletion can be undone.
    pub fn delete(&mut self, kind: Kind, entity: &str) -> Result<(), Refused> {
        self.writable()?;
        self.refuse_conflicted(kind, entity)?;
        let record = current_record(&self.inspection, kind, entity)
            .ok_or(Refused::Unapplicable(EditError::Gone))?;
        let what = self.describe_record(&record);
        let change = self
            .inspection
            .deletion(entity, record, self.author, Stamp::now());
        self.commit(change, Vec::new());
        self.last_delete = Some(LastDelete {
            kind,
            entity: entity.to_string(),
            what,
        });
        Ok(())
    }

    /// Brings a deleted record back as it was: a new revision with the data of its tombstone,
    /// replacing it (both stay in the history).
    pub fn restore(&mut self, kind: Kind, entity: &str) -> Result<(), Refused> {
        self.writable()?;
        self.refuse_conflicted(kind, entity)?;
        let record = deleted_record(&self.inspection, kind, entity)
            .ok_or(Refused::Unapplicable(EditError::Gone))?;
        self.create(entity, record)
    }

    /// Undoes the last deletion (unless the record changed since).
    pub fn undo_delete(&mut self) -> Result<(), Refused> {
        let Some(last) = self.last_delete.take() else {
            return Ok(());
        };
        if self.inspection.heads(last.kind, &last.entity).len() != 1 {
            return Ok(());
        }
        self.restore(last.kind, &last.entity)
    }

    /// A deleted record, in words, for the undo bar.
    fn describe_record(&self, record: &Record) -> String {
        match record {
            Record::Flash(f) => format!("flitsinterview {}", f.functie),
            Record::Interview(i) => format!(
                "interview {}",
                self.inspection
                    .framework
                    .role(&i.rol)
                    .map_or(i.rol.as_str(), |r| r.name.as_str())
            ),
            Record::Dossier(d) => format!("dossier {}", d.nummer),
            Record::Document(d) => format!("document {}", d.naam),
            _ => "gegevens".to_string(),
        }
    }

    /// Resolves a duplicate by merging ("samenvoegen"): `other` is folded into `keep` and
    /// deleted (see [`Inspection::merge_duplicate`]). Its revisions are stored together, in one
    /// transaction (all or nothing), and applied. Returns why not, in words, when refused.
    pub fn merge_duplicate(&mut self, kind: Kind, keep: &str, other: &str) -> Result<(), String> {
        if self.read_only {
            return Err(READ_ONLY_NOTICE.into());
        }
        self.named().map_err(|e| e.join(" "))?;
        let plan = self
            .inspection
            .merge_duplicate(kind, keep, other, self.author, &mut Stamp::now);
        let Some(plan) = plan else {
            let why = self
                .inspection
                .merge_refusal(kind, keep, other)
                .unwrap_or_else(|| "het samenvoegen kon niet worden voorbereid".into());
            return Err(format!("Niet samengevoegd: {why}. Er is niets gewijzigd."));
        };
        self.commit_all(plan.changes);
        Ok(())
    }

    /// Gives a dossier another number (or a document another name): see
    /// [`Inspection::renumber`]. Returns why not, in words, when refused.
    pub fn rekey(&mut self, kind: Kind, entity: &str, key: &str) -> Result<(), String> {
        if self.read_only {
            return Err(READ_ONLY_NOTICE.into());
        }
        self.named().map_err(|e| e.join(" "))?;
        let change = match kind {
            Kind::Dossier => self
                .inspection
                .renumber(entity, key, self.author, Stamp::now()),
            _ => self
                .inspection
                .rename_document(entity, key, self.author, Stamp::now()),
        };
        let Some(change) = change else {
            let why = self
                .inspection
                .rekey_refusal(kind, entity, key)
                .unwrap_or_else(|| "dat kon niet".into());
            return Err(format!("Niet gewijzigd: {why}."));
        };
        self.commit(change, Vec::new());
        Ok(())
    }

    /// Resolves a conflict as the user chose: one revision replacing every version of the
    /// record (see [`Inspection::resolution`]), stored and applied like any edit. Returns why
    /// nothing was saved, in words.
    pub fn resolve(
        &mut self,
        kind: Kind,
        entity: &str,
        chosen: Uuid,
        combine: Option<(Uuid, &[&str])>,
    ) -> Result<(), String> {
        if self.read_only {
            return Err(READ_ONLY_NOTICE.into());
        }
        self.named().map_err(|e| e.join(" "))?;
        // Choosing between two oordelen changes an oordeel: not after vaststellen (a merge can
        // bring such a conflict into a vastgesteld file; heropenen comes first).
        if frozen_kind(kind) && self.inspection.is_frozen() {
            return Err(frozen_notice(&self.inspection));
        }
        let what = self.inspection.describe(kind, entity);
        let Some(change) =
            self.inspection
                .resolution(kind, entity, chosen, combine, self.author, Stamp::now())
        else {
            return Err(format!(
                "{what} is niet opgeslagen: deze versies horen er niet (meer) bij of de combinatie is geen geldige waarde. Er is niets gewijzigd."
            ));
        };
        let deleted = change
            .meta
            .deleted
            .then(|| self.describe_record(&change.data));
        self.commit(change, Vec::new());
        if let Some(what) = deleted {
            // A chosen deletion can be undone like any other.
            self.last_delete = Some(LastDelete {
                kind,
                entity: entity.to_string(),
                what,
            });
        }
        Ok(())
    }

    fn commit(&mut self, change: Change, settles: Vec<String>) {
        if self.writable().is_err() {
            return;
        }
        self.register_author();
        self.inspection.apply(change.clone());
        self.store.append(change, settles);
        self.edits += 1;
        self.derived = Derived::compute(&self.inspection);
    }

    /// Revisions that belong together, applied and stored in one transaction.
    fn commit_all(&mut self, changes: Vec<Change>) {
        if changes.is_empty() || self.writable().is_err() {
            return;
        }
        self.register_author();
        for change in &changes {
            self.inspection.apply(change.clone());
        }
        self.edits += changes.len() as u64;
        self.store.append_all(changes);
        self.derived = Derived::compute(&self.inspection);
    }

    /// Puts the inspector in the file's team before their first write.
    fn register_author(&mut self) {
        if !self.inspection.inspectors.contains_key(&self.author) {
            self.inspection.add_inspector(&self.inspector);
            self.store.add_inspector(self.author, &self.inspector);
        }
    }

    // -----------------------------------------------------------------------------------------
    // Drafts

    /// The record a draft's text belongs to (its kind and id), if it has one.
    pub fn draft_record(&self, target: &DraftTarget) -> Option<(Kind, String)> {
        match target {
            DraftTarget::FlashDialog(Some(id)) => Some((Kind::Flash, id.clone())),
            DraftTarget::Verbeterpunt(v) => {
                Some((Kind::Verbeterpunt, self.inspection.verbeterpunt_id(v)))
            }
            DraftTarget::Rapporttekst(blok) => {
                Some((Kind::Rapporttekst, self.inspection.rapporttekst_id(*blok)))
            }
            _ => draft_field(target).map(|(record, _)| record.resolve(&self.inspection)),
        }
    }

    /// Whether the record a draft belongs to is in conflict (then the draft is kept as a draft,
    /// never turned into a revision that would silently resolve the conflict).
    pub fn draft_conflicted(&self, target: &DraftTarget) -> bool {
        self.draft_record(target)
            .is_some_and(|(kind, entity)| self.inspection.is_conflicted(kind, &entity))
    }

    /// The stored text a draft target edits (empty for a record not made yet).
    pub fn current_text(&self, target: &DraftTarget) -> String {
        match target {
            // The text the rapport shows: as written, or derived from the verwachting.
            DraftTarget::Verbeterpunt(v) => {
                return self
                    .inspection
                    .verbeterpunt(v)
                    .map(|p| p.tekst)
                    .unwrap_or_default();
            }
            DraftTarget::Rapporttekst(blok) => {
                return self.inspection.rapporttekst(*blok).unwrap_or_default();
            }
            _ => {}
        }
        let Some((record, field)) = draft_field(target) else {
            return String::new();
        };
        match record
            .current(&self.inspection)
            .and_then(|r| field_value(&r, field))
        {
            Some(Value::Text(text)) => text,
            _ => String::new(),
        }
    }

    /// The text a draft field shows: the draft if there is one, else the stored value.
    pub fn draft_text(&mut self, target: &DraftTarget) -> &mut String {
        let current = self.current_text(target);
        let draft = self
            .drafts
            .entry(target.clone())
            .or_insert_with(|| Draft::new(current.clone()));
        if draft.dirty_since.is_none() && draft.text != current {
            // Not being edited: follow the stored value (it may have changed elsewhere).
            draft.text = current;
        }
        &mut draft.text
    }

    pub fn touch_draft(&mut self, target: &DraftTarget) {
        if let Some(d) = self.drafts.get_mut(target) {
            d.dirty_since = Some(Instant::now());
        }
        self.persist_drafts(Instant::now());
    }

    /// Keeps the draft of `field` equal to `text` (for editors that are not a single text field,
    /// like the flitsinterview dialog), written to the file as the text changes.
    pub fn sync_draft(&mut self, field: &DraftTarget, text: String) {
        if self.read_only {
            return;
        }
        let draft = self
            .drafts
            .entry(field.clone())
            .or_insert_with(|| Draft::new(String::new()));
        if draft.text != text {
            draft.text = text;
            draft.dirty_since = Some(Instant::now());
            self.persist_drafts(Instant::now());
        }
    }

    /// Turns a draft into a revision (if it differs from the stored text).
    pub fn commit_draft(&mut self, target: &DraftTarget) {
        if self.needs_name() {
            // Kept as typed (in memory) until the name is given; then it is written.
            if self
                .drafts
                .get(target)
                .is_some_and(|d| d.dirty_since.is_some())
            {
                self.name_wanted = true;
            }
            return;
        }
        let domain_text = matches!(
            target,
            DraftTarget::Verbeterpunt(_) | DraftTarget::Rapporttekst(_)
        );
        let field = draft_field(target);
        if field.is_none() && !domain_text {
            // The flitsinterview dialog is saved by its own button.
            return;
        }
        if self
            .drafts
            .get(target)
            .is_some_and(|d| d.dirty_since.is_some())
            && self.draft_conflicted(target)
            && self.drafts.get(target).map(|d| &d.text) != Some(&self.current_text(target))
        {
            // Typed text on a record with two versions: keep it as a draft (it is in the file)
            // until someone chooses a version; a revision now would silently resolve it.
            self.notice = Some(format!(
                "Uw tekst bij {} is bewaard als concept maar niet vastgelegd: van dit gegeven zijn twee versies. Kies eerst welke geldt bij Conflicten (F7).",
                target.describe(&self.inspection)
            ));
            return;
        }
        let Some(draft) = self.drafts.get_mut(target) else {
            return;
        };
        let text = draft.text.clone();
        draft.dirty_since = None;
        let persisted = draft.persisted.take().is_some();
        if text == self.current_text(target) {
            if persisted {
                self.store.clear_draft(target.key());
            }
            return;
        }
        let Some((record, field)) = field else {
            self.commit_domain_text(target, &text);
            return;
        };
        let edit = Edit::set(record, field, Value::Text(text));
        // Refusals were said in the notice (and a conflicted record was caught above).
        let _ = self.update_settling(&edit, vec![target.key()]);
    }

    /// A verbeterpunt or a block of the rapport: written by the domain, which refuses it after
    /// vaststellen (and for a verwachting no longer onvoldoende), removes it for an empty text
    /// and writes nothing when it would not change. On a refusal (the screens offer these
    /// fields only where they may be written) the text stays in the file as a draft and the
    /// notice says why.
    fn commit_domain_text(&mut self, target: &DraftTarget, text: &str) {
        if self.writable().is_err() {
            return;
        }
        let stamp = Stamp::now();
        let result = match target {
            DraftTarget::Verbeterpunt(v) => {
                self.inspection
                    .set_verbeterpunt(v, text, self.author, stamp)
            }
            DraftTarget::Rapporttekst(blok) => {
                self.inspection
                    .set_rapporttekst(*blok, text, self.author, stamp)
            }
            _ => return,
        };
        match result {
            Ok(Some(change)) => self.commit(change, vec![target.key()]),
            Ok(None) => {
                self.store.clear_draft(target.key());
            }
            Err(refused) => {
                // The typed text stays in the file as a draft (restored on the next open).
                self.notice = Some(format!(
                    "Uw tekst bij {} is bewaard als concept maar niet vastgelegd: {refused}.",
                    target.describe(&self.inspection)
                ));
            }
        }
    }

    /// Drafts due for saving as a revision (idle long enough). The flitsinterview dialog is
    /// saved by its own button, never by a pause.
    pub fn due_drafts(&self, now: Instant) -> Vec<DraftTarget> {
        if self.needs_name() {
            return Vec::new();
        }
        self.drafts
            .iter()
            .filter(|(k, d)| {
                !matches!(k, DraftTarget::FlashDialog(_))
                    && d.dirty_since
                        .is_some_and(|t| now.duration_since(t) >= DRAFT_IDLE)
                    && !self.draft_conflicted(k)
            })
            .map(|(k, _)| k.clone())
            .collect()
    }

    /// Whether any draft waits to become a revision (the UI keeps ticking until it is).
    pub fn has_dirty_drafts(&self) -> bool {
        self.drafts
            .iter()
            .any(|(k, d)| !matches!(k, DraftTarget::FlashDialog(_)) && d.dirty_since.is_some())
            || self.inputs_waiting()
    }

    /// Writes the text of every draft typed since its last write to the file, at most every
    /// [`DRAFT_PERSIST`] per field. Returns how long until the next write is due, if one waits.
    pub fn persist_drafts(&mut self, now: Instant) -> Option<Duration> {
        if self.read_only {
            return None;
        }
        if self.needs_name() {
            // Nothing is written before the name is known; the app asks for it at once.
            if self.drafts.values().any(|d| d.dirty_since.is_some()) {
                self.name_wanted = true;
            }
            return None;
        }
        let mut next: Option<Duration> = None;
        let mut due = Vec::new();
        for (target, draft) in &self.drafts {
            if draft.dirty_since.is_none() {
                continue;
            }
            match &draft.persisted {
                Some((text, _, _)) if *text == draft.text => {}
                Some((_, _, at)) if now.duration_since(*at) < DRAFT_PERSIST => {
                    let wait = DRAFT_PERSIST - now.duration_since(*at);
                    next = Some(next.map_or(wait, |n| n.min(wait)));
                }
                _ => due.push(target.clone()),
            }
        }
        if !due.is_empty() {
            self.register_author();
        }
        for target in due {
            let Some(draft) = self.drafts.get_mut(&target) else {
                continue;
            };
            let seq = self.store.save_draft(
                target.key(),
                draft.text.clone(),
                self.author,
                jiff::Timestamp::now(),
            );
            draft.persisted = Some((draft.text.clone(), seq, now));
        }
        next
    }

    /// Whether every draft's current text is on disk (as a draft or as a revision). Text typed
    /// in an input field ([`Input`]) is not on disk until it is written.
    pub fn drafts_durable(&self) -> bool {
        !self.inputs_waiting()
            && self.drafts.values().all(|d| {
                d.dirty_since.is_none()
                    || d.persisted.as_ref().is_some_and(|(text, seq, _)| {
                        *text == d.text && self.store.is_durable(*seq)
                    })
            })
    }

    /// Saves every pending draft now.
    pub fn commit_all_drafts(&mut self) {
        let dirty: Vec<DraftTarget> = self
            .drafts
            .iter()
            .filter(|(k, d)| !matches!(k, DraftTarget::FlashDialog(_)) && d.dirty_since.is_some())
            .map(|(k, _)| k.clone())
            .collect();
        for target in dirty {
            self.commit_draft(&target);
        }
        self.commit_all_inputs();
    }

    /// Forgets a draft and removes it from the file (it was saved some other way, or discarded
    /// on purpose).
    pub fn discard_draft(&mut self, target: &DraftTarget) {
        if let Some(draft) = self.drafts.remove(target)
            && draft.persisted.is_some()
        {
            self.store.clear_draft(target.key());
        }
    }

    // -----------------------------------------------------------------------------------------
    // Input fields that are not drafts

    /// The text an input field shows: what is typed there, else the stored value (a
    /// kerngegeven's value in Dutch notation, "4.250.000,00").
    pub fn input_text(&self, input: &Input) -> String {
        if let Some(typed) = self.inputs.get(input) {
            return typed.text.clone();
        }
        let (record, field) = input_field(input);
        let stored = match record
            .current(&self.inspection)
            .and_then(|r| field_value(&r, field))
        {
            Some(Value::Text(text)) => text,
            _ => String::new(),
        };
        let Input::KerngegevenWaarde(id) = input;
        let kind = self.inspection.framework.key_figure(id).map(|k| k.kind);
        match (kind, Quantity::from_canonical(stored.trim())) {
            (Some(kind), Some(q)) => q.dutch(kind),
            // Not in the stored form (a file written elsewhere): shown as it is.
            _ => stored,
        }
    }

    /// Why what is typed in an input field was refused, if it was.
    pub fn input_error(&self, input: &Input) -> Option<&str> {
        self.inputs.get(input).and_then(|t| t.error.as_deref())
    }

    /// Keeps what is typed in an input field (after each key); nothing is written yet.
    pub fn type_input(&mut self, input: &Input, text: String) {
        if self.read_only {
            return;
        }
        if self.needs_name() {
            // Asked at once, as for a draft; kept as typed until the name is given.
            self.name_wanted = true;
        }
        let now = Instant::now();
        let typed = self.inputs.entry(input.clone()).or_insert_with(|| Typed {
            text: String::new(),
            since: None,
            left: false,
            error: None,
        });
        typed.text = text;
        typed.since = Some(now);
    }

    /// How the status bar names an input field whose text was refused ("kerndata: Aantal
    /// meldingen VT").
    fn input_name(&self, input: &Input) -> String {
        let Input::KerngegevenWaarde(id) = input;
        let label = self
            .inspection
            .framework
            .key_figure(id)
            .map_or(id.as_str(), |k| k.label.as_str());
        format!("kerndata: {label}")
    }

    /// The value to store for what is typed in `input`: a kerngegeven's value is the number
    /// read in Dutch notation, in its stored form (empty: not known).
    fn input_value(&self, input: &Input, text: &str) -> Result<String, String> {
        let Input::KerngegevenWaarde(id) = input;
        let Some(figure) = self.inspection.framework.key_figure(id) else {
            return Err(format!("het kader kent geen kerngegeven '{id}'"));
        };
        if text.trim().is_empty() {
            return Ok(String::new());
        }
        Quantity::parse(figure.kind, text)
            .map(Quantity::canonical)
            .map_err(|e| e.to_string())
    }

    /// Writes what is typed in `input` (the field was left, Enter was pressed or the screen
    /// changes) as a revision of its record, when it differs from what is
    /// stored. A value that cannot be read is not written: it stays in its field with the reason
    /// (in Dutch) and is listed as not saved. Other refusals (no name yet, two versions, fixed
    /// after vaststellen) are said as for any edit; the text stays in its field.
    pub fn commit_input(&mut self, input: &Input) -> Result<(), Refused> {
        let Some(typed) = self.inputs.get(input) else {
            return Ok(());
        };
        let name = self.input_name(input);
        let value = match self.input_value(input, &typed.text) {
            Ok(value) => value,
            Err(why) => {
                let why = format!("{why}. Niet opgeslagen.");
                if let Some(typed) = self.inputs.get_mut(input) {
                    typed.error = Some(why.clone());
                    typed.since = None;
                    typed.left = false;
                }
                self.invalid_inputs.insert(name);
                return Err(Refused::Invalid(why));
            }
        };
        let (record, field) = input_field(input);
        match self.update(&Edit::set(record, field, Value::Text(value))) {
            Ok(()) => {
                self.inputs.remove(input);
                self.invalid_inputs.remove(&name);
                Ok(())
            }
            Err(refused) => {
                if let Some(typed) = self.inputs.get_mut(input) {
                    if refused == Refused::NoName {
                        // Written once the name is given.
                        typed.left = true;
                    } else {
                        // Said in the notice; not tried again until it is typed in again.
                        typed.since = None;
                        typed.left = false;
                    }
                }
                Err(refused)
            }
        }
    }

    /// Input fields due to be written: those left while the inspector's name was not known yet
    /// (a value is never written because the typing paused: half a number is not a value).
    pub fn due_inputs(&self) -> Vec<Input> {
        if self.needs_name() {
            return Vec::new();
        }
        self.inputs
            .iter()
            .filter(|(_, t)| t.left && t.since.is_some())
            .map(|(input, _)| input.clone())
            .collect()
    }

    /// Writes what is typed in every input field (the screen changes, the inspection closes).
    fn commit_all_inputs(&mut self) {
        let waiting: Vec<Input> = self
            .inputs
            .iter()
            .filter(|(_, t)| t.since.is_some())
            .map(|(input, _)| input.clone())
            .collect();
        for input in waiting {
            // Refusals are at the field or in the notice.
            let _ = self.commit_input(&input);
        }
    }

    /// Whether text typed in an input field waits to be written (refused text does not wait:
    /// it waits for a correction).
    fn inputs_waiting(&self) -> bool {
        self.inputs.values().any(|t| t.since.is_some())
    }

    // -----------------------------------------------------------------------------------------
    // Drafts found in the file

    /// Restores the drafts found in the file (typed but not confirmed before a crash) into their
    /// fields, and says so. A draft whose field no longer exists stays in the file, untouched.
    /// Drafts of the flitsinterview dialog stay in `inspection.drafts` for the dialog to take
    /// ([`Workspace::take_dialog_drafts`]).
    fn restore_drafts(&mut self) {
        let stored = std::mem::take(&mut self.inspection.drafts);
        for draft in stored {
            let Some(field) = draft.field().filter(|f| self.field_exists(f)) else {
                self.keep_draft(draft);
                continue;
            };
            if matches!(field, DraftTarget::FlashDialog(_)) {
                self.inspection.drafts.push(draft);
                continue;
            }
            if draft.text == self.current_text(&field) {
                // Already saved as a revision: only the draft row was left behind.
                self.store.clear_draft(draft.key.clone());
                continue;
            }
            let chars = draft.text.chars().count();
            self.restore_draft(field, draft, chars);
        }
    }

    /// The stored drafts of the flitsinterview dialog, taken out for the dialog to restore
    /// ([`Workspace::restore_draft`]) or put back ([`Workspace::keep_draft`]).
    pub fn take_dialog_drafts(&mut self) -> Vec<(DraftTarget, StoredDraft)> {
        let (dialog, rest): (Vec<StoredDraft>, Vec<StoredDraft>) =
            std::mem::take(&mut self.inspection.drafts)
                .into_iter()
                .partition(|d| matches!(d.field(), Some(DraftTarget::FlashDialog(_))));
        self.inspection.drafts = rest;
        dialog
            .into_iter()
            .filter_map(|d| Some((d.field()?, d)))
            .collect()
    }

    /// Puts a stored draft back into its field (as typed, to be saved), and says so in the
    /// notice: what it is, `chars` characters, when it was typed.
    pub fn restore_draft(&mut self, field: DraftTarget, draft: StoredDraft, chars: usize) {
        let description = field.describe(&self.inspection);
        self.restored.push(format!(
            "{description} ({}, {})",
            count(chars as u64, "teken", "tekens"),
            Self::when(&draft)
        ));
        let now = Instant::now();
        self.drafts.insert(
            field,
            Draft {
                text: draft.text.clone(),
                dirty_since: Some(now),
                persisted: Some((draft.text, 0, now)),
            },
        );
        self.restore_notice();
    }

    /// Leaves a stored draft in the file, untouched (its field is gone or unknown), and says so.
    pub fn keep_draft(&mut self, draft: StoredDraft) {
        self.kept
            .push(format!("'{}' ({})", draft.key, Self::when(&draft)));
        self.inspection.drafts.push(draft);
        self.restore_notice();
    }

    fn when(draft: &StoredDraft) -> String {
        draft
            .at
            .to_zoned(jiff::tz::TimeZone::system())
            .strftime("%d-%m-%Y %H:%M:%S")
            .to_string()
    }

    /// The notice about restored and kept drafts.
    fn restore_notice(&mut self) {
        let mut notice = Vec::new();
        if !self.restored.is_empty() {
            notice.push(format!(
                "Hersteld na een onderbreking: tekst die nog niet was vastgelegd staat weer in het veld en wordt nu opgeslagen: {}.",
                self.restored.join("; ")
            ));
        }
        if !self.kept.is_empty() {
            notice.push(format!(
                "Niet teruggezet (het veld bestaat niet meer of is onbekend), wel bewaard in het bestand en in de JSON-export: {}.",
                self.kept.join("; ")
            ));
        }
        if !notice.is_empty() {
            self.notice = Some(notice.join(" "));
        }
    }

    /// Whether the record a draft belongs to still exists.
    fn field_exists(&self, field: &DraftTarget) -> bool {
        let insp = &self.inspection;
        match field {
            DraftTarget::DetailsNote | DraftTarget::WaitlistNote => true,
            DraftTarget::InterviewParticipants(id) | DraftTarget::InterviewNote(id) => {
                insp.interviews.get(id).is_some()
            }
            DraftTarget::Answer { interview, .. } => insp.interviews.get(interview).is_some(),
            DraftTarget::FlashNote(id) => insp.flashes.get(id).is_some(),
            DraftTarget::DossierNote(id) | DraftTarget::CheckNote { dossier: id, .. } => {
                insp.dossiers.get(id).is_some()
            }
            DraftTarget::DocumentNote(item) => insp
                .framework
                .sources
                .documents
                .iter()
                .any(|d| d.id == *item),
            DraftTarget::Onderbouwing(v) | DraftTarget::Verbeterpunt(v) => {
                insp.framework.index_of(v).is_some()
            }
            DraftTarget::CriteriumOnderbouwing(c) => {
                insp.framework.has_criterion_oordelen() && insp.framework.criterion(c).is_some()
            }
            DraftTarget::KeuzeOnderbouwing => insp.framework.rules.measure == Measure::Choice,
            DraftTarget::KerngegevenToelichting(id) => insp.framework.key_figure(id).is_some(),
            DraftTarget::Rapporttekst(_) => true,
            DraftTarget::FlashDialog(None) => true,
            DraftTarget::FlashDialog(Some(id)) => insp.flashes.get(id).is_some(),
        }
    }

    /// The record `record` as it is now (or what it starts as), for screens that show a record
    /// that may not exist yet (a requested document, the wachtlijst).
    pub fn record(&self, record: &RecordRef) -> Option<Record> {
        record.current(&self.inspection)
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;
    use std::sync::{Arc, Mutex};

    use super::*;
    use crate::domain::inspection::{CheckAnswer, CheckData, DossierData};
    use crate::store::Store;
    use crate::ui::edit::text;
    use crate::ui::types::Input;
    use crate::ui::worker::{Backend, Op, Waker};

    struct NoWaker;

    impl Waker for NoWaker {
        fn wake(&self) {}
    }

    /// The real store, with a log of the transactions it was asked for.
    struct Logged {
        store: Store,
        log: Arc<Mutex<Vec<String>>>,
    }

    impl Backend for Logged {
        fn append(&mut self, change: &Change, settles: &[String]) -> Result<(), String> {
            self.log
                .lock()
                .unwrap()
                .push(format!("append {}", change.data.kind().as_str()));
            Backend::append(&mut self.store, change, settles)
        }
        fn append_all(&mut self, changes: &[Change]) -> Result<(), String> {
            let kinds: Vec<&str> = changes.iter().map(|c| c.data.kind().as_str()).collect();
            self.log
                .lock()
                .unwrap()
                .push(format!("append_all {}", kinds.join(" ")));
            Backend::append_all(&mut self.store, changes)
        }
        fn save_draft(&mut self, draft: &StoredDraft) -> Result<(), String> {
            Backend::save_draft(&mut self.store, draft)
        }
        fn clear_draft(&mut self, key: &str) -> Result<(), String> {
            Backend::clear_draft(&mut self.store, key)
        }
        fn add_inspector(&mut self, id: Uuid, name: &str) -> Result<(), String> {
            Backend::add_inspector(&mut self.store, id, name)
        }
        fn save_copy(&mut self, path: &Path, pending: &[Op]) -> Result<(), String> {
            Backend::save_copy(&mut self.store, path, pending)
        }
        fn store(&mut self) -> Option<&mut Store> {
            Some(&mut self.store)
        }
    }

    /// The demo inspection in a temporary file, with two dossiers numbered `VTG-DUBBEL` (the
    /// second with an answered dossiervraag), opened in a workspace whose store logs its
    /// transactions.
    fn workspace(dir: &Path) -> (Workspace, Arc<Mutex<Vec<String>>>, [String; 2]) {
        let path = dir.join("dubbel.veldtoets");
        let (mut store, mut inspection) = crate::demo::create(&path).unwrap();
        let who = *inspection.inspectors.keys().next().unwrap();
        let ids = [Uuid::now_v7().to_string(), Uuid::now_v7().to_string()];
        for (i, id) in ids.iter().enumerate() {
            let dossier = Record::Dossier(DossierData {
                nummer: "VTG-DUBBEL".into(),
                notitie: format!("notitie {i}"),
                ..DossierData::default()
            });
            let change = inspection.change(id, dossier, who, Stamp::now());
            store.append(&change).unwrap();
            inspection.apply(change);
        }
        let vraag = inspection.framework.sources.checklist[0].id.clone();
        let check = Record::Check(CheckData {
            dossier: ids[1].clone(),
            vraag: vraag.clone(),
            antwoord: CheckAnswer::Nee,
            notitie: String::new(),
        });
        let change = inspection.change(
            &inspection.check_id(&ids[1], &vraag),
            check,
            who,
            Stamp::now(),
        );
        store.append(&change).unwrap();
        inspection.apply(change);
        let log = Arc::new(Mutex::new(Vec::new()));
        let backend = Logged {
            store,
            log: log.clone(),
        };
        let handle = StoreHandle::start(backend, path.clone(), Arc::new(NoWaker));
        (
            Workspace::new(inspection, handle, "E. Voorbeeld", path),
            log,
            ids,
        )
    }

    fn settle(ws: &mut Workspace) {
        let start = Instant::now();
        while ws.store.pending() {
            assert!(start.elapsed() < Duration::from_secs(20), "not written");
            std::thread::sleep(Duration::from_millis(2));
            ws.store.poll();
        }
    }

    /// A new stap 1 inspection (criterion oordelen V / M / O) in a temporary file.
    fn stap1_workspace(dir: &Path) -> Workspace {
        let path = dir.join("stap1.veldtoets");
        let framework = crate::kader_io::builtin("vt-2015-stap1").unwrap();
        let (store, inspection) = Store::create(
            &path,
            framework,
            "Veilig Thuis Proef",
            "E. Voorbeeld",
            Stamp::now(),
        )
        .unwrap();
        let backend = Logged {
            store,
            log: Arc::new(Mutex::new(Vec::new())),
        };
        let handle = StoreHandle::start(backend, path.clone(), Arc::new(NoWaker));
        Workspace::new(inspection, handle, "E. Voorbeeld", path)
    }

    #[test]
    fn a_criterion_oordeel_takes_only_codes_on_the_scale_and_freezes_with_the_oordelen() {
        let dir = tempfile::tempdir().unwrap();
        let mut ws = stap1_workspace(dir.path());
        let criterium = RecordRef::Criterium("1.1".into());
        // Written as the scale writes it.
        ws.update(&Edit::set(criterium.clone(), "oordeel", text("m")))
            .unwrap();
        assert_eq!(
            ws.inspection.criterion_oordeel("1.1").unwrap().data.oordeel,
            "M"
        );
        // A code off the scale is refused with the codes that are on it; nothing is written.
        let refused = ws.update(&Edit::set(criterium.clone(), "oordeel", text("X")));
        assert!(matches!(refused, Err(Refused::Invalid(_))), "{refused:?}");
        let notice = ws.notice.take().unwrap();
        assert!(
            notice.contains("V (voldoende), M (matig), O (onvoldoende)"),
            "{notice}"
        );
        assert_eq!(ws.edits, 1);
        // The onderbouwing typed so far goes along with a new code.
        let field = DraftTarget::CriteriumOnderbouwing("1.1".into());
        ws.draft_text(&field).push_str("Ad 1.1: deels verbeterd.");
        ws.touch_draft(&field);
        ws.update(&Edit::set(criterium.clone(), "oordeel", text("")))
            .unwrap();
        let data = &ws.inspection.criterion_oordeel("1.1").unwrap().data;
        assert_eq!(
            (data.oordeel.as_str(), data.onderbouwing.as_str()),
            ("", "Ad 1.1: deels verbeterd.")
        );
        assert!(!ws.has_dirty_drafts());

        // Vastgesteld: refused like an oordeel.
        let phase = crate::domain::inspection::PhaseData {
            fase: crate::domain::wederhoor::Fase::Vastgesteld,
            concept_verzonden: Some(jiff::civil::date(2026, 11, 3)),
            vastgesteld: Some(jiff::civil::date(2026, 12, 1)),
            ..Default::default()
        };
        let id = ws.inspection.phase_id();
        let step = ws
            .inspection
            .change(&id, Record::Phase(phase), ws.author, Stamp::now());
        ws.inspection.apply(step);
        assert_eq!(
            ws.update(&Edit::set(criterium, "oordeel", text("V"))),
            Err(Refused::Frozen)
        );
        assert!(ws.notice.as_deref().unwrap().contains("Heropenen"));
        assert_eq!(
            ws.inspection.criterion_oordeel("1.1").unwrap().data.oordeel,
            ""
        );
        settle(&mut ws);
    }

    /// A new onderzoek on a kader whose eindoordeel is chosen, with one kerngegeven (an fte).
    fn keuze_workspace(dir: &Path) -> Workspace {
        let kader = r#"
formaat = 1
id = "keuze"
titel = "Keuze"
[[thema]]
id = "1"
titel = "Thema"
[[thema.criterium]]
id = "1.1"
titel = "Topic"
[[thema.criterium.verwachting]]
id = "1.1.1"
tekst = "Beschreven."
beoordeling = "inventarisatie"
[beslisregels]
maat = "keuze"
[[eindoordeel]]
id = "goed"
naam = "goed"
[[eindoordeel]]
id = "slecht"
naam = "slecht"
[[kerngegeven]]
id = "fte"
naam = "Formatie"
soort = "fte"
"#;
        let framework = crate::kader_io::parse(kader, "keuze.toml").unwrap();
        let path = dir.join("keuze.veldtoets");
        let (store, inspection) = Store::create(
            &path,
            &framework,
            "Veilig Thuis Proef",
            "E. Voorbeeld",
            Stamp::now(),
        )
        .unwrap();
        let backend = Logged {
            store,
            log: Arc::new(Mutex::new(Vec::new())),
        };
        let handle = StoreHandle::start(backend, path.clone(), Arc::new(NoWaker));
        Workspace::new(inspection, handle, "E. Voorbeeld", path)
    }

    #[test]
    fn a_typed_value_is_read_in_dutch_and_a_refused_one_stays_where_it_was_typed() {
        let dir = tempfile::tempdir().unwrap();
        let mut ws = keuze_workspace(dir.path());
        let value = Input::KerngegevenWaarde("fte".into());
        ws.type_input(&value, "12.5".into());
        assert!(!ws.drafts_durable(), "typed, not written");
        assert!(matches!(ws.commit_input(&value), Err(Refused::Invalid(_))));
        assert_eq!(ws.input_text(&value), "12.5");
        assert!(ws.input_error(&value).unwrap().contains("komma"));
        assert!(ws.invalid_inputs.contains("kerndata: Formatie"));
        assert!(
            ws.drafts_durable(),
            "a refused value does not wait to be written"
        );
        assert!(ws.inspection.kerngegevens.get("fte").is_none());
        assert_eq!(ws.edits, 0);

        // The toelichting typed meanwhile (a draft) is written alone; the refused value is not
        // taken along.
        let note = DraftTarget::KerngegevenToelichting("fte".into());
        ws.draft_text(&note).push_str("Uit de begroting");
        ws.touch_draft(&note);
        ws.commit_draft(&note);
        let data = &ws.inspection.kerngegevens.get("fte").unwrap().data;
        assert_eq!(
            (data.waarde.as_str(), data.toelichting.as_str()),
            ("", "Uit de begroting")
        );

        ws.type_input(&value, "12,50 fte".into());
        ws.commit_input(&value).unwrap();
        assert_eq!(
            ws.inspection.kerngegevens.get("fte").unwrap().data.waarde,
            "12.5"
        );
        assert_eq!(ws.input_text(&value), "12,5");
        assert!(ws.input_error(&value).is_none());
        assert!(ws.invalid_inputs.is_empty());
        settle(&mut ws);
    }

    #[test]
    fn a_chosen_eindoordeel_takes_the_typed_onderbouwing_along_and_only_names_the_kaders() {
        let dir = tempfile::tempdir().unwrap();
        let mut ws = keuze_workspace(dir.path());
        let onderbouwing = DraftTarget::KeuzeOnderbouwing;
        ws.draft_text(&onderbouwing).push_str("Waarom slecht.");
        ws.touch_draft(&onderbouwing);
        ws.update(&Edit::set(RecordRef::Keuze, "eindoordeel", text("slecht")))
            .unwrap();
        let (verdict, revision) = ws.inspection.chosen_verdict().unwrap();
        assert_eq!(
            (verdict.as_str(), revision.data.onderbouwing.as_str()),
            ("slecht", "Waarom slecht.")
        );
        assert!(!ws.has_dirty_drafts(), "the text went along");
        assert_eq!(ws.edits, 1, "in one revision");

        // An id the kader does not know is refused (a mistake in a screen, said all the same).
        let refused = ws.update(&Edit::set(RecordRef::Keuze, "eindoordeel", text("matig")));
        assert!(matches!(refused, Err(Refused::Invalid(_))), "{refused:?}");
        assert_eq!(ws.inspection.chosen_verdict().unwrap().0.as_str(), "slecht");

        // Typed, then the screen changes: written.
        *ws.draft_text(&onderbouwing) = "Toch goed.".to_string();
        ws.touch_draft(&onderbouwing);
        ws.commit_all_drafts();
        assert_eq!(
            ws.inspection.chosen_verdict().unwrap().1.data.onderbouwing,
            "Toch goed."
        );
        assert!(ws.drafts_durable() || ws.store.pending());
        settle(&mut ws);
    }

    /// Drafts of the onderbouwing of the eindoordeel and of a kerngegeven's toelichting left in
    /// the file (a crash) are put back into their fields and saved; one of a kerngegeven the
    /// kader does not have stays in the file, untouched.
    #[test]
    fn drafts_of_the_keuze_and_the_kerndata_left_in_the_file_are_restored() {
        let dir = tempfile::tempdir().unwrap();
        let path = keuze_workspace(dir.path()).path.clone();
        {
            let (mut store, inspection, _) = Store::open(&path).unwrap();
            let who = *inspection.inspectors.keys().next().unwrap();
            for (key, text) in [
                ("keuze/onderbouwing", "Half getypt"),
                ("kerngegeven/toelichting/fte", "Uit de begr"),
                ("kerngegeven/toelichting/weg", "Van een ander kader"),
            ] {
                store
                    .save_draft(key, text, who, jiff::Timestamp::now())
                    .unwrap();
            }
        }
        let (store, inspection, _) = Store::open(&path).unwrap();
        let backend = Logged {
            store,
            log: Arc::new(Mutex::new(Vec::new())),
        };
        let handle = StoreHandle::start(backend, path.clone(), Arc::new(NoWaker));
        let mut ws = Workspace::new(inspection, handle, "E. Voorbeeld", path.clone());
        let notice = ws.notice.clone().unwrap_or_default();
        assert!(
            notice.contains("onderbouwing van het eindoordeel (11 tekens"),
            "{notice}"
        );
        assert!(
            notice.contains("toelichting bij kerngegeven Formatie (11 tekens"),
            "{notice}"
        );
        assert!(
            notice.contains("Niet teruggezet") && notice.contains("'kerngegeven/toelichting/weg'"),
            "{notice}"
        );
        assert_eq!(
            ws.draft_text(&DraftTarget::KeuzeOnderbouwing),
            "Half getypt"
        );
        assert_eq!(
            ws.draft_text(&DraftTarget::KerngegevenToelichting("fte".into())),
            "Uit de begr"
        );
        assert!(ws.has_dirty_drafts(), "to be saved");
        ws.commit_all_drafts();
        settle(&mut ws);
        assert!(
            ws.inspection.chosen_verdict().is_none(),
            "nothing chosen by restoring text"
        );
        ws.store.close();
        let (_, stored, _) = Store::open(&path).unwrap();
        let keuze = &stored.keuzes.get(&stored.keuze_id()).unwrap().data;
        assert_eq!(
            (keuze.eindoordeel.as_str(), keuze.onderbouwing.as_str()),
            ("", "Half getypt")
        );
        assert_eq!(
            stored.kerngegevens.get("fte").unwrap().data.toelichting,
            "Uit de begr"
        );
        let left: Vec<&str> = stored.drafts.iter().map(|d| d.key.as_str()).collect();
        assert_eq!(
            left,
            ["kerngegeven/toelichting/weg"],
            "the unknown one is kept"
        );
    }

    #[test]
    fn merging_a_duplicate_is_one_transaction() {
        let dir = tempfile::tempdir().unwrap();
        let (mut ws, log, [keep, other]) = workspace(dir.path());
        assert_eq!(ws.derived.duplicates.len(), 1);
        ws.merge_duplicate(Kind::Dossier, &keep, &other).unwrap();
        settle(&mut ws);
        assert!(ws.derived.duplicates.is_empty());
        let log = log.lock().unwrap().clone();
        // The folded dossier, the answer taken over, the tombstones of the other's answer and of
        // the other dossier: all at once.
        assert_eq!(
            log,
            ["append_all dossier dossiervraag dossiervraag dossier"],
            "{log:?}"
        );
        ws.store.close();
        let (_, stored, _) = Store::open(&ws.path).unwrap();
        assert!(stored.dossiers.get(&other).is_none());
        assert!(stored.duplicates().is_empty());
        assert_eq!(stored.checks_of(&keep).len(), 1);
    }

    /// A merge can bring an oordeel conflict into a vastgesteld file; choosing a version would
    /// change an oordeel, so it waits for heropenen.
    #[test]
    fn an_oordeel_conflict_is_not_resolved_after_vaststellen() {
        let dir = tempfile::tempdir().unwrap();
        let (mut ws, _, _) = workspace(dir.path());
        let who = ws.author;
        let base = ws.inspection.oordeel("1.3.1").unwrap().clone();
        // Two concurrent versions of 1.3.1, both replacing the same one.
        for text in ["voldoende", "onvoldoende"] {
            let data = crate::domain::inspection::OordeelData::parse(
                &ws.inspection.framework,
                "1.3.1",
                text,
                "versie".into(),
            )
            .unwrap();
            let mut change =
                ws.inspection
                    .change("1.3.1", Record::Oordeel(data), who, Stamp::now());
            change.meta.replaces = vec![base.meta.rev];
            ws.inspection.apply(change);
        }
        assert!(ws.inspection.is_conflicted(Kind::Oordeel, "1.3.1"));
        let phase = crate::domain::inspection::PhaseData {
            fase: crate::domain::wederhoor::Fase::Vastgesteld,
            concept_verzonden: Some(jiff::civil::date(2026, 11, 3)),
            vastgesteld: Some(jiff::civil::date(2026, 12, 1)),
            ..Default::default()
        };
        let id = ws.inspection.phase_id();
        let step = ws
            .inspection
            .change(&id, Record::Phase(phase), who, Stamp::now());
        ws.inspection.apply(step);
        assert!(ws.inspection.is_frozen());
        let conflict = ws.inspection.conflict_of(Kind::Oordeel, "1.3.1").unwrap();
        let refused = ws
            .resolve(Kind::Oordeel, "1.3.1", conflict.versions[0].rev, None)
            .unwrap_err();
        assert!(refused.contains("Heropenen"), "{refused}");
        assert!(ws.inspection.is_conflicted(Kind::Oordeel, "1.3.1"));
    }

    #[test]
    fn an_edit_takes_the_text_typed_in_its_record_along_and_settles_its_draft() {
        let dir = tempfile::tempdir().unwrap();
        let (mut ws, log, [id, _]) = workspace(dir.path());
        let note = DraftTarget::DossierNote(id.clone());
        ws.draft_text(&note).push_str(" en meer");
        ws.touch_draft(&note);
        let date = jiff::civil::Date::constant(2026, 3, 2);
        let dossier = RecordRef::Id(Kind::Dossier, id.clone());
        // Two edits of one record, each naming only its own field.
        ws.update(&Edit::date(
            dossier.clone(),
            crate::domain::DateKind::MELDING_ONTVANGEN,
            Some(date),
        ))
        .unwrap();
        ws.update(&Edit::set(dossier, "selectie", text("gericht")))
            .unwrap();
        let data = &ws.inspection.dossiers.get(&id).unwrap().data;
        assert_eq!(
            data.dates.get(crate::domain::DateKind::MELDING_ONTVANGEN),
            Some(date)
        );
        assert_eq!(data.selectie.as_str(), "gericht");
        assert_eq!(data.notitie, "notitie 0 en meer");
        assert!(
            !ws.has_dirty_drafts(),
            "the draft became part of the revision"
        );
        settle(&mut ws);
        assert_eq!(
            log.lock().unwrap().as_slice(),
            ["append dossier", "append dossier"]
        );
        ws.store.close();
        let (_, stored, _) = Store::open(&ws.path).unwrap();
        assert!(stored.drafts.is_empty(), "the draft row is settled");
        assert_eq!(
            stored.dossiers.get(&id).unwrap().data.notitie,
            "notitie 0 en meer"
        );
    }

    #[test]
    fn nothing_is_written_when_nothing_changes_and_a_gone_record_is_not_edited() {
        let dir = tempfile::tempdir().unwrap();
        let (mut ws, log, [id, _]) = workspace(dir.path());
        let dossier = RecordRef::Id(Kind::Dossier, id.clone());
        ws.update(&Edit::set(dossier.clone(), "notitie", text("notitie 0")))
            .unwrap();
        assert_eq!(ws.edits, 0);
        ws.delete(Kind::Dossier, &id).unwrap();
        assert_eq!(
            ws.update(&Edit::set(dossier, "notitie", text("x"))),
            Err(Refused::Unapplicable(EditError::Gone))
        );
        ws.undo_delete().unwrap();
        assert_eq!(
            ws.inspection.dossiers.get(&id).unwrap().data.notitie,
            "notitie 0"
        );
        settle(&mut ws);
        assert_eq!(
            log.lock().unwrap().as_slice(),
            ["append dossier", "append dossier"]
        );
    }
}
