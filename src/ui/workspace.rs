//! One open inspection in the app: the in-memory model, the store thread, the current screen,
//! per-screen UI state and text drafts.
//!
//! An edit is applied to the model at once (the screen shows it in the same frame) and sent to
//! the store thread, which commits it. Text fields edit a *draft*; a draft becomes a revision when
//! the field loses focus, after a short pause in typing, when the screen changes and when the
//! inspection is closed — so an oordeel's history holds versions, not keystrokes.

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use uuid::Uuid;

use crate::domain::evidence;
use crate::domain::inspection::{
    AnswerData, CheckData, Details, DocumentData, DossierData, FlashData, Inspection,
    InterviewData, OordeelData, Record, Stamp, WaitlistData,
};
use crate::domain::judgement::JudgementValue;
use crate::domain::{Score, score};

use super::commands::Screen;
use super::worker::StoreHandle;

/// A draft is committed after this long without typing.
pub const DRAFT_IDLE: Duration = Duration::from_millis(1200);

/// Which text a draft edits.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum DraftTarget {
    DetailsNote,
    WaitlistNote,
    InterviewParticipants(String),
    InterviewNote(String),
    Answer { interview: String, vraag: String },
    FlashNote(String),
    DossierNote(String),
    CheckNote { dossier: String, vraag: String },
    DocumentNote(String),
    Onderbouwing(String),
}

#[derive(Debug, Clone)]
pub struct Draft {
    pub text: String,
    pub dirty_since: Option<Instant>,
}

/// Values recomputed after every change, so drawing stays cheap.
pub struct Derived {
    pub score: Score,
    /// Per verwachting (kader order): pieces of evidence gathered.
    pub evidence: Vec<usize>,
    /// Verwachting ids in conflict.
    pub conflicts: Vec<String>,
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
    /// Date fields being typed: (dossier, date kind index) → text.
    pub date_inputs: HashMap<(String, usize), String>,
    /// Refused dates with the reason.
    pub date_errors: HashMap<(String, usize), String>,
    pub confirm_delete: Option<String>,
}

/// UI state of the flitsinterview dialog.
#[derive(Default)]
pub struct FlashUi {
    pub open: bool,
    pub functie: String,
    pub answers: std::collections::BTreeMap<String, String>,
    pub tags: std::collections::BTreeMap<String, crate::domain::inspection::Tag>,
    pub notitie: String,
    pub focus_first: bool,
}

/// UI state of the Verwachtingen screen.
#[derive(Default)]
pub struct ExpectationUi {
    pub index: usize,
    pub show_history: bool,
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
    /// A migration or other notice to show once.
    pub notice: Option<String>,
    /// Edits made in this session.
    pub edits: u64,
    /// The inspector's name; registered in the file with the first edit (opening a file to
    /// read it does not put you in its team).
    inspector: String,
}

impl Workspace {
    pub fn new(
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
            notice: None,
            edits: 0,
            inspector: inspector.trim().to_string(),
        }
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
        let change = self
            .inspection
            .change(entity, record, self.author, Stamp::now());
        self.commit(change);
    }

    pub fn delete(&mut self, entity: &str, record: Record) {
        let change = self
            .inspection
            .deletion(entity, record, self.author, Stamp::now());
        self.commit(change);
    }

    fn commit(&mut self, change: crate::domain::inspection::Change) {
        if !self.inspection.inspectors.contains_key(&self.author) {
            self.inspection.add_inspector(&self.inspector);
            self.store.add_inspector(self.author, &self.inspector);
        }
        self.inspection.apply(change.clone());
        self.store.append(change);
        self.edits += 1;
        self.derived = Derived::compute(&self.inspection);
    }

    /// The text a draft field shows: the draft if there is one, else the stored value.
    pub fn draft_text(&mut self, target: &DraftTarget) -> &mut String {
        let current = self.current_text(target);
        let draft = self.drafts.entry(target.clone()).or_insert_with(|| Draft {
            text: current.clone(),
            dirty_since: None,
        });
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
    }

    /// Drafts due for saving (idle long enough).
    pub fn due_drafts(&self, now: Instant) -> Vec<DraftTarget> {
        self.drafts
            .iter()
            .filter(|(_, d)| {
                d.dirty_since
                    .is_some_and(|t| now.duration_since(t) >= DRAFT_IDLE)
            })
            .map(|(k, _)| k.clone())
            .collect()
    }

    /// Whether any draft waits to be saved (the UI keeps ticking until it is).
    pub fn has_dirty_drafts(&self) -> bool {
        self.drafts.values().any(|d| d.dirty_since.is_some())
    }

    /// Saves every pending draft now.
    pub fn commit_all_drafts(&mut self) {
        let dirty: Vec<DraftTarget> = self
            .drafts
            .iter()
            .filter(|(_, d)| d.dirty_since.is_some())
            .map(|(k, _)| k.clone())
            .collect();
        for target in dirty {
            self.commit_draft(&target);
        }
    }

    /// Turns a draft into a revision (if it differs from the stored text).
    pub fn commit_draft(&mut self, target: &DraftTarget) {
        let Some(draft) = self.drafts.get_mut(target) else {
            return;
        };
        let text = draft.text.clone();
        draft.dirty_since = None;
        if text == self.current_text(target) {
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
        self.edit(&entity, record);
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
