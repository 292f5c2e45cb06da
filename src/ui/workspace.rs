//! One open inspection in the app: the in-memory model, the store thread, the current screen,
//! per-screen UI state and text drafts.
//!
//! An edit is applied to the model at once (the screen shows it in the same frame) and sent to
//! the store thread, which commits it. Text fields edit a *draft*; a draft becomes a revision when
//! the field loses focus, after a short pause in typing, when the screen changes and when the
//! inspection is closed — so an oordeel's history holds versions, not keystrokes. While typing,
//! the draft itself is written to the file at most every [`DRAFT_PERSIST`] (outside the revision
//! history), so a crash loses at most that fraction of a second; a draft found when the file is
//! opened is restored into its field with a notice.

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use uuid::Uuid;

use crate::domain::duplicates::Duplicate;
use crate::domain::evidence;
use crate::domain::inspection::{
    AnswerData, CheckData, Details, DocumentData, DossierData, FlashData, Inspection,
    InterviewData, Kind, OordeelData, Record, RecordConflict, Stamp, WaitlistData,
};
use crate::domain::judgement::JudgementValue;
use crate::domain::{Score, score};

use super::commands::Screen;
use super::worker::StoreHandle;

/// A draft is committed after this long without typing.
pub const DRAFT_IDLE: Duration = Duration::from_millis(1200);

/// While typing, the draft is written to the file at most this often.
pub const DRAFT_PERSIST: Duration = Duration::from_millis(250);

/// Which text a draft edits.
pub use crate::domain::draft::Field as DraftTarget;

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

/// Values recomputed after every change, so drawing stays cheap.
pub struct Derived {
    pub score: Score,
    /// Per verwachting (kader order): pieces of evidence gathered.
    pub evidence: Vec<usize>,
    /// Verwachting ids in conflict.
    pub conflicts: Vec<String>,
    /// Every record of every kind in conflict, with its versions (the Conflicten screen).
    pub record_conflicts: Vec<RecordConflict>,
    /// Records with the same dossier number (or document name), to merge or renumber.
    pub duplicates: Vec<Duplicate>,
}

impl Derived {
    /// Everything the Conflicten screen offers to resolve: conflicts and duplicates.
    pub fn to_resolve(&self) -> usize {
        self.record_conflicts.len() + self.duplicates.len()
    }
}

impl Derived {
    pub fn compute(inspection: &Inspection) -> Derived {
        let evidence = evidence::counts(inspection);
        Derived {
            score: score(&inspection.framework, &inspection.judgements()),
            evidence,
            conflicts: inspection
                .conflicts()
                .iter()
                .map(|c| c.verwachting.to_string())
                .collect(),
            record_conflicts: inspection.all_conflicts(),
            duplicates: inspection.duplicates(),
        }
    }
}

/// UI state of the Interviews screen.
#[derive(Default)]
pub struct InterviewsUi {
    pub selected: Option<String>,
    pub new_role: Option<String>,
}

/// UI state of the Dossiers screen.
#[derive(Default)]
pub struct DossiersUi {
    pub selected: Option<String>,
    pub new_number: String,
    pub new_gericht: bool,
    pub new_error: Option<String>,
    pub confirm_delete: Option<String>,
}

/// UI state of the flitsinterview dialog.
#[derive(Default)]
pub struct FlashUi {
    pub open: bool,
    /// The saved flitsinterview being edited, or `None` for a new one.
    pub editing: Option<String>,
    /// Asking whether to throw away what was typed.
    pub confirm_discard: bool,
    /// The dialog's content when it opened (as draft text): nothing to keep until it differs.
    pub initial: String,
    pub functie: String,
    pub answers: std::collections::BTreeMap<String, String>,
    pub tags: std::collections::BTreeMap<String, crate::domain::inspection::Tag>,
    pub notitie: String,
    pub focus_first: bool,
}

/// The last deletion, so it can be undone.
#[derive(Debug, Clone)]
pub struct LastDelete {
    pub entity: String,
    /// The record's data before the delete.
    pub record: Record,
    /// What was deleted, in words ("flitsinterview teamleider").
    pub what: String,
}

/// Why the inspection is not closed yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Closing {
    /// Close the inspection (back to the start screen).
    Inspection,
    /// Quit the app.
    App,
}

/// Shown when an edit is attempted on a read-only file.
pub const READ_ONLY_NOTICE: &str = "Dit bestand is alleen-lezen geopend: u kunt lezen en een rapport maken, maar niets wijzigen. Maak een kopie op een schrijfbare plek om te bewerken.";

/// UI state of the Verwachtingen screen.
#[derive(Default)]
pub struct ExpectationUi {
    pub index: usize,
    pub show_history: bool,
}

/// A resolution waiting for the user's confirmation, with the sentence saying what it does.
#[derive(Debug, Clone)]
pub struct PendingResolution {
    pub kind: Kind,
    pub entity: String,
    pub chosen: Uuid,
    pub combine: Option<(Uuid, Vec<&'static str>)>,
    pub sentence: String,
}

/// Merging two records with the same number, waiting for the user's confirmation: what it does
/// and what is lost or combined.
#[derive(Debug, Clone)]
pub struct PendingMerge {
    pub kind: Kind,
    pub keep: String,
    pub other: String,
    pub sentence: String,
    pub differences: Vec<String>,
}

/// UI state of the Conflicten screen.
#[derive(Default)]
pub struct ConflictsUi {
    /// The record whose versions are shown.
    pub selected: Option<(Kind, String)>,
    /// Or the group of duplicates shown: its kind and its key as compared (see
    /// `domain::duplicates::normalize_key`).
    pub duplicate: Option<(Kind, String)>,
    /// "Samenvoegen" asked, waiting for the confirmation.
    pub merge_confirm: Option<PendingMerge>,
    /// The record getting another number (or name), with the text typed so far.
    pub rekey: Option<(String, String)>,
    /// Put the keyboard focus in the new-number field once.
    pub rekey_focus: bool,
    /// For the combined version of the selected record: per choice (by its first field name),
    /// the index of the version whose value is taken (absent: the first version).
    pub take: std::collections::BTreeMap<&'static str, usize>,
    /// Asking "are you sure" before saving.
    pub confirm: Option<PendingResolution>,
    /// Put the keyboard focus on "Opslaan" once when the question appears.
    pub confirm_focus: bool,
    /// The screen the user came from to make a choice (offered as the way back).
    pub return_to: Option<Screen>,
    /// What the last resolution did (or why it could not be saved), and whether it failed.
    pub message: Option<(String, bool)>,
    /// Put the keyboard focus on the first choice once (after arriving from a shortcut).
    pub focus: bool,
    /// Put the keyboard focus on "Terug naar …" once (after a resolution).
    pub focus_back: bool,
}

pub struct Workspace {
    pub inspection: Inspection,
    pub store: StoreHandle,
    pub author: Uuid,
    pub path: PathBuf,
    pub screen: Screen,
    pub derived: Derived,
    pub drafts: HashMap<DraftTarget, Draft>,
    pub interviews: InterviewsUi,
    pub dossiers: DossiersUi,
    pub flash: FlashUi,
    pub expectation: ExpectationUi,
    pub conflicts: ConflictsUi,
    /// A migration or other notice to show once.
    pub notice: Option<String>,
    /// Edits made in this session.
    pub edits: u64,
    /// The file could not be opened for writing: everything can be read and exported, nothing
    /// changed.
    pub read_only: bool,
    /// The last deletion, for "ongedaan maken": the entity and the revision it removed.
    pub last_delete: Option<LastDelete>,
    /// Closing was asked for: the app closes once every write is on disk, or shows why not.
    pub closing: Option<Closing>,
    /// Fields whose input was refused (it stays visible there with the reason): nothing may
    /// claim that everything is saved while one exists.
    pub invalid_inputs: std::collections::BTreeSet<String>,
    /// The inspector's name; registered in the file with the first edit (opening a file to
    /// read it does not put you in its team).
    inspector: String,
}

impl Workspace {
    /// An inspection opened for editing; drafts left in the file are restored into their fields.
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
            screen: Screen::Overzicht,
            derived,
            drafts: HashMap::new(),
            interviews: InterviewsUi::default(),
            dossiers: DossiersUi::default(),
            flash: FlashUi::default(),
            expectation: ExpectationUi::default(),
            conflicts: ConflictsUi::default(),
            notice: None,
            edits: 0,
            read_only: false,
            last_delete: None,
            closing: None,
            invalid_inputs: std::collections::BTreeSet::new(),
            inspector: inspector.trim().to_string(),
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
            ws.notice = Some(format!(
                "Dit bestand bevat {} tekst(en) die nog niet waren vastgelegd (zie de JSON-export); ze worden teruggezet zodra het bestand schrijfbaar wordt geopend.",
                ws.inspection.drafts.len()
            ));
        }
        ws
    }

    /// The name edits in this session are attributed to.
    pub fn inspector(&self) -> &str {
        &self.inspector
    }

    /// Replaces the model with the file's content after a merge (drafts were saved before).
    pub fn replace_model(&mut self, inspection: Inspection) {
        self.inspection = inspection;
        self.drafts.clear();
        self.derived = Derived::compute(&self.inspection);
    }

    /// Applies an edit: a new revision of `entity` replacing its heads.
    pub fn edit(&mut self, entity: &str, record: Record) {
        self.edit_settling(entity, record, Vec::new());
    }

    /// Applies an edit and removes the stored drafts it settles (in the same transaction).
    /// Refused for a record in conflict: writing over both versions would silently resolve it,
    /// so the Conflicten screen opens on it instead. Returns whether the edit was made.
    fn edit_settling(&mut self, entity: &str, record: Record, settles: Vec<String>) -> bool {
        if self.refuse_conflicted(record.kind(), entity) {
            return false;
        }
        let change = self
            .inspection
            .change(entity, record, self.author, Stamp::now());
        self.commit(change, settles);
        true
    }

    /// Whether `entity` has versions that disagree; if so, nothing is written and the choice
    /// opens (see [`Workspace::show_conflict`]).
    fn refuse_conflicted(&mut self, kind: Kind, entity: &str) -> bool {
        if !self.inspection.is_conflicted(kind, entity) {
            return false;
        }
        let what = self.inspection.describe(kind, entity);
        self.show_conflict(kind, entity);
        self.notice = Some(format!(
            "Niet gewijzigd: van {what} zijn er twee versies. Kies eerst welke geldt (of combineer ze); daarna kunt u het weer bewerken."
        ));
        true
    }

    /// Opens the Conflicten screen on one record (its conflict, or else the duplicate number it
    /// is one of), remembering where the user came from.
    pub fn show_conflict(&mut self, kind: Kind, entity: &str) {
        if self.screen != Screen::Conflicten {
            self.conflicts.return_to = Some(self.screen);
        }
        self.screen = Screen::Conflicten;
        let duplicate = self
            .derived
            .duplicates
            .iter()
            .find(|d| d.kind == kind && d.entities.iter().any(|e| e == entity));
        match duplicate {
            // Not in conflict but one of a duplicate number: show that group.
            Some(d) if !self.inspection.is_conflicted(kind, entity) => {
                let key = (d.kind, crate::domain::duplicates::normalize_key(&d.key));
                self.select_duplicate(Some(key));
            }
            _ => self.select_conflict(Some((kind, entity.to_string()))),
        }
        self.conflicts.focus = true;
    }

    /// Shows the versions of another record on the Conflicten screen (a new combination).
    pub fn select_conflict(&mut self, selected: Option<(Kind, String)>) {
        if self.conflicts.selected != selected {
            self.conflicts.take.clear();
            self.conflicts.confirm = None;
        }
        if selected.is_some() {
            self.select_duplicate(None);
        }
        self.conflicts.selected = selected;
    }

    /// Shows a group of duplicates on the Conflicten screen (by kind and compared key).
    pub fn select_duplicate(&mut self, duplicate: Option<(Kind, String)>) {
        if self.conflicts.duplicate != duplicate {
            self.conflicts.merge_confirm = None;
            self.conflicts.rekey = None;
        }
        if duplicate.is_some() {
            self.conflicts.take.clear();
            self.conflicts.confirm = None;
            self.conflicts.selected = None;
        }
        self.conflicts.duplicate = duplicate;
    }

    /// Resolves a duplicate by merging ("samenvoegen"): `other` is folded into `keep` and
    /// deleted (see [`Inspection::merge_duplicate`]). Its revisions are stored one after the
    /// other, in the order given, and applied. Returns why not, in words, when refused.
    pub fn merge_duplicate(&mut self, kind: Kind, keep: &str, other: &str) -> Result<(), String> {
        if self.read_only {
            return Err(READ_ONLY_NOTICE.into());
        }
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
        for change in plan.changes {
            self.commit(change, Vec::new());
        }
        Ok(())
    }

    /// Gives a dossier another number (or a document another name): see
    /// [`Inspection::renumber`]. Returns why not, in words, when refused.
    pub fn rekey(&mut self, kind: Kind, entity: &str, key: &str) -> Result<(), String> {
        if self.read_only {
            return Err(READ_ONLY_NOTICE.into());
        }
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
    /// record (see [`Inspection::resolution`]), stored and applied like any edit. Returns what
    /// happened, in words, or why nothing was saved.
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
        let what = self.inspection.describe(kind, entity);
        let Some(change) =
            self.inspection
                .resolution(kind, entity, chosen, combine, self.author, Stamp::now())
        else {
            return Err(format!(
                "{what} is niet opgeslagen: deze versies horen er niet (meer) bij of de combinatie is geen geldige waarde. Er is niets gewijzigd."
            ));
        };
        let deleted = change.meta.deleted.then(|| change.data.clone());
        self.commit(change, Vec::new());
        if let Some(record) = deleted {
            // A chosen deletion can be undone like any other.
            self.last_delete = Some(LastDelete {
                entity: entity.to_string(),
                what: self.describe_record(&record),
                record,
            });
        }
        Ok(())
    }

    /// The record a draft's text belongs to (its kind and id), if it exists yet.
    pub fn draft_record(&self, target: &DraftTarget) -> Option<(Kind, String)> {
        let insp = &self.inspection;
        Some(match target {
            DraftTarget::DetailsNote => (Kind::Details, insp.details_id()),
            DraftTarget::WaitlistNote => (Kind::Waitlist, insp.waitlist_id()),
            DraftTarget::InterviewParticipants(id) | DraftTarget::InterviewNote(id) => {
                (Kind::Interview, id.clone())
            }
            DraftTarget::Answer { interview, vraag } => {
                (Kind::Answer, insp.answer_id(interview, vraag))
            }
            DraftTarget::FlashNote(id) | DraftTarget::FlashDialog(Some(id)) => {
                (Kind::Flash, id.clone())
            }
            DraftTarget::FlashDialog(None) => return None,
            DraftTarget::DossierNote(id) => (Kind::Dossier, id.clone()),
            DraftTarget::CheckNote { dossier, vraag } => {
                (Kind::Check, insp.check_id(dossier, vraag))
            }
            DraftTarget::DocumentNote(item) => (Kind::Document, insp.document_id(item)),
            DraftTarget::Onderbouwing(v) => (Kind::Oordeel, v.clone()),
        })
    }

    /// Whether the record a draft belongs to is in conflict (then the draft is kept as a draft,
    /// never turned into a revision that would silently resolve the conflict).
    pub fn draft_conflicted(&self, target: &DraftTarget) -> bool {
        self.draft_record(target)
            .is_some_and(|(kind, entity)| self.inspection.is_conflicted(kind, &entity))
    }

    /// Deletes a record (a tombstone revision; the history keeps every version) and remembers
    /// it so the deletion can be undone.
    pub fn delete(&mut self, entity: &str, record: Record) {
        if self.read_only {
            self.notice = Some(READ_ONLY_NOTICE.into());
            return;
        }
        if self.refuse_conflicted(record.kind(), entity) {
            return;
        }
        let what = self.describe_record(&record);
        let change = self
            .inspection
            .deletion(entity, record.clone(), self.author, Stamp::now());
        self.commit(change, Vec::new());
        self.last_delete = Some(LastDelete {
            entity: entity.to_string(),
            record,
            what,
        });
    }

    /// Undoes the last deletion: a new revision with the data as it was, replacing the
    /// tombstone (both stay in the history).
    pub fn undo_delete(&mut self) {
        if let Some(last) = self.last_delete.take()
            && self
                .inspection
                .heads(last.record.kind(), &last.entity)
                .len()
                == 1
        {
            self.edit(&last.entity, last.record);
        }
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

    /// Saves a record that was typed as the draft of `field`, removing the draft in the same
    /// transaction.
    pub fn save_draft_as(&mut self, field: &DraftTarget, entity: &str, record: Record) {
        if self.refuse_conflicted(record.kind(), entity) {
            // The text stays a draft (in the file too); nothing is lost.
            return;
        }
        let persisted = self
            .drafts
            .remove(field)
            .is_some_and(|d| d.persisted.is_some());
        let settles = if persisted {
            vec![field.key()]
        } else {
            Vec::new()
        };
        self.edit_settling(entity, record, settles);
    }

    fn commit(&mut self, change: crate::domain::inspection::Change, settles: Vec<String>) {
        if self.read_only {
            self.notice = Some(READ_ONLY_NOTICE.into());
            return;
        }
        self.register_author();
        self.inspection.apply(change.clone());
        self.store.append(change, settles);
        self.edits += 1;
        self.derived = Derived::compute(&self.inspection);
    }

    /// Puts the inspector in the file's team before their first write.
    fn register_author(&mut self) {
        if !self.inspection.inspectors.contains_key(&self.author) {
            self.inspection.add_inspector(&self.inspector);
            self.store.add_inspector(self.author, &self.inspector);
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

    /// Drafts due for saving as a revision (idle long enough). The flitsinterview dialog is
    /// saved by its own button, never by a pause.
    pub fn due_drafts(&self, now: Instant) -> Vec<DraftTarget> {
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
    }

    /// Writes the text of every draft typed since its last write to the file, at most every
    /// [`DRAFT_PERSIST`] per field. Returns how long until the next write is due, if one waits.
    pub fn persist_drafts(&mut self, now: Instant) -> Option<Duration> {
        if self.read_only {
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

    /// Whether every draft's current text is on disk (as a draft or as a revision).
    pub fn drafts_durable(&self) -> bool {
        self.drafts.values().all(|d| {
            d.dirty_since.is_none()
                || d.persisted
                    .as_ref()
                    .is_some_and(|(text, seq, _)| *text == d.text && self.store.is_durable(*seq))
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

    /// Restores the drafts found in the file (typed but not confirmed before a crash) into their
    /// fields, and says so. A draft whose field no longer exists stays in the file, untouched.
    fn restore_drafts(&mut self) {
        let stored = std::mem::take(&mut self.inspection.drafts);
        let mut restored = Vec::new();
        let mut kept = Vec::new();
        for draft in stored {
            let when = draft
                .at
                .to_zoned(jiff::tz::TimeZone::system())
                .strftime("%d-%m-%Y %H:%M:%S")
                .to_string();
            let Some(field) = draft.field().filter(|f| self.field_exists(f)) else {
                kept.push(format!("'{}' ({when})", draft.key));
                self.inspection.drafts.push(draft);
                continue;
            };
            let description = field.describe(&self.inspection);
            let mut chars = draft.text.chars().count();
            if let DraftTarget::FlashDialog(editing) = &field {
                match super::screens::flash::decode_draft(&draft.text) {
                    Some(state) => {
                        chars = [&state.functie, &state.notitie]
                            .into_iter()
                            .chain(state.answers.values())
                            .map(|t| t.chars().count())
                            .sum();
                        self.flash = state;
                        self.flash.open = true;
                        self.flash.editing = editing.clone();
                    }
                    None => {
                        kept.push(format!("'{}' ({when})", draft.key));
                        self.inspection.drafts.push(draft);
                        continue;
                    }
                }
            } else if draft.text == self.current_text(&field) {
                // Already saved as a revision: only the draft row was left behind.
                self.store.clear_draft(draft.key.clone());
                continue;
            }
            restored.push(format!("{description} ({chars} tekens, {when})"));
            let now = Instant::now();
            self.drafts.insert(
                field,
                Draft {
                    text: draft.text.clone(),
                    dirty_since: Some(now),
                    persisted: Some((draft.text, 0, now)),
                },
            );
        }
        let mut notice = Vec::new();
        if !restored.is_empty() {
            notice.push(format!(
                "Hersteld na een onderbreking: tekst die nog niet was vastgelegd staat weer in het veld en wordt nu opgeslagen: {}.",
                restored.join("; ")
            ));
        }
        if !kept.is_empty() {
            notice.push(format!(
                "Niet teruggezet (het veld bestaat niet meer of is onbekend), wel bewaard in het bestand en in de JSON-export: {}.",
                kept.join("; ")
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
            DraftTarget::Onderbouwing(v) => insp.framework.index_of(v).is_some(),
            DraftTarget::FlashDialog(None) => true,
            DraftTarget::FlashDialog(Some(id)) => insp.flashes.get(id).is_some(),
        }
    }

    /// Turns a draft into a revision (if it differs from the stored text).
    pub fn commit_draft(&mut self, target: &DraftTarget) {
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
        let insp = &self.inspection;
        let (entity, record) = match target {
            DraftTarget::DetailsNote => (
                insp.details_id(),
                Record::Details(Details {
                    notitie: text,
                    ..insp.details_data()
                }),
            ),
            DraftTarget::WaitlistNote => (
                insp.waitlist_id(),
                Record::Waitlist(WaitlistData {
                    notitie: text,
                    ..self.waitlist()
                }),
            ),
            DraftTarget::InterviewParticipants(id) | DraftTarget::InterviewNote(id) => {
                let Some(current) = insp.interviews.get(id) else {
                    return;
                };
                let mut data = current.data.clone();
                if matches!(target, DraftTarget::InterviewNote(_)) {
                    data.notitie = text;
                } else {
                    data.deelnemers = text;
                }
                (id.clone(), Record::Interview(data))
            }
            DraftTarget::Answer { interview, vraag } => {
                let id = insp.answer_id(interview, vraag);
                let data = insp.answers.get(&id).map_or_else(
                    || AnswerData {
                        interview: interview.clone(),
                        vraag: vraag.clone(),
                        ..AnswerData::default()
                    },
                    |a| a.data.clone(),
                );
                (
                    id,
                    Record::Answer(AnswerData {
                        notitie: text,
                        ..data
                    }),
                )
            }
            DraftTarget::FlashNote(id) => {
                let Some(current) = insp.flashes.get(id) else {
                    return;
                };
                (
                    id.clone(),
                    Record::Flash(FlashData {
                        notitie: text,
                        ..current.data.clone()
                    }),
                )
            }
            DraftTarget::DossierNote(id) => {
                let Some(current) = insp.dossiers.get(id) else {
                    return;
                };
                (
                    id.clone(),
                    Record::Dossier(DossierData {
                        notitie: text,
                        ..current.data.clone()
                    }),
                )
            }
            DraftTarget::CheckNote { dossier, vraag } => {
                let id = insp.check_id(dossier, vraag);
                let data = insp.checks.get(&id).map_or_else(
                    || CheckData {
                        dossier: dossier.clone(),
                        vraag: vraag.clone(),
                        ..CheckData::default()
                    },
                    |c| c.data.clone(),
                );
                (
                    id,
                    Record::Check(CheckData {
                        notitie: text,
                        ..data
                    }),
                )
            }
            DraftTarget::DocumentNote(item) => {
                let id = insp.document_id(item);
                let data = self.document(item);
                (
                    id,
                    Record::Document(DocumentData {
                        notitie: text,
                        ..data
                    }),
                )
            }
            DraftTarget::FlashDialog(_) => return,
            DraftTarget::Onderbouwing(verwachting) => {
                let data = insp.oordeel(verwachting).map_or_else(
                    || OordeelData {
                        value: JudgementValue::NietBeoordeeld,
                        variant: None,
                        onderbouwing: String::new(),
                    },
                    |o| o.data.clone(),
                );
                (
                    verwachting.clone(),
                    Record::Oordeel(OordeelData {
                        onderbouwing: text,
                        ..data
                    }),
                )
            }
        };
        self.edit_settling(&entity, record, vec![target.key()]);
    }

    /// The stored text a draft target edits.
    pub fn current_text(&self, target: &DraftTarget) -> String {
        let insp = &self.inspection;
        match target {
            DraftTarget::DetailsNote => insp.details_data().notitie,
            DraftTarget::WaitlistNote => self.waitlist().notitie,
            DraftTarget::InterviewParticipants(id) => insp
                .interviews
                .get(id)
                .map(|i| i.data.deelnemers.clone())
                .unwrap_or_default(),
            DraftTarget::InterviewNote(id) => insp
                .interviews
                .get(id)
                .map(|i| i.data.notitie.clone())
                .unwrap_or_default(),
            DraftTarget::Answer { interview, vraag } => insp
                .answers
                .get(&insp.answer_id(interview, vraag))
                .map(|a| a.data.notitie.clone())
                .unwrap_or_default(),
            DraftTarget::FlashNote(id) => insp
                .flashes
                .get(id)
                .map(|f| f.data.notitie.clone())
                .unwrap_or_default(),
            DraftTarget::DossierNote(id) => insp
                .dossiers
                .get(id)
                .map(|d| d.data.notitie.clone())
                .unwrap_or_default(),
            DraftTarget::CheckNote { dossier, vraag } => insp
                .checks
                .get(&insp.check_id(dossier, vraag))
                .map(|c| c.data.notitie.clone())
                .unwrap_or_default(),
            DraftTarget::DocumentNote(item) => self.document(item).notitie,
            DraftTarget::Onderbouwing(v) => insp
                .oordeel(v)
                .map(|o| o.data.onderbouwing.clone())
                .unwrap_or_default(),
            DraftTarget::FlashDialog(_) => String::new(),
        }
    }

    pub fn waitlist(&self) -> WaitlistData {
        self.inspection
            .waitlist
            .get(&self.inspection.waitlist_id())
            .map(|w| w.data.clone())
            .unwrap_or_default()
    }

    /// The document record for a kader item, or a fresh one.
    pub fn document(&self, item: &str) -> DocumentData {
        let insp = &self.inspection;
        insp.documents
            .get(&insp.document_id(item))
            .map(|d| d.data.clone())
            .unwrap_or_else(|| DocumentData {
                item: Some(item.to_string()),
                naam: insp
                    .framework
                    .sources
                    .documents
                    .iter()
                    .find(|d| d.id == item)
                    .map(|d| d.name.clone())
                    .unwrap_or_default(),
                ..DocumentData::default()
            })
    }

    /// Creates an interview for a role and selects it.
    pub fn new_interview(&mut self, rol: &str, today: jiff::civil::Date) -> String {
        let id = Uuid::now_v7().to_string();
        self.edit(
            &id,
            Record::Interview(InterviewData {
                rol: rol.to_string(),
                datum: Some(today),
                ..InterviewData::default()
            }),
        );
        self.interviews.selected = Some(id.clone());
        id
    }
}
