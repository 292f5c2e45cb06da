//! What screens ask for: the app's command bus. Screens never change inspection data while
//! drawing: they push a [`Command`], and the app applies all commands after the frame is drawn.
//!
//! Commands that change a record say *what* changes, field by field ([`Edit`]): the change is
//! made against the model as it is when the command is applied, never carried as a copy of the
//! record taken while the screen was drawn.

use std::path::PathBuf;

use uuid::Uuid;

use jiff::civil::Date;

use crate::domain::inspection::{Kind, ReactieData};
use crate::domain::wederhoor::Besluit;

use super::edit::Edit;
pub use super::types::{DraftTarget, FilePurpose, Input, KaderChoice, Screen};

#[derive(Debug, Clone)]
pub enum Command {
    // Files
    Open(PathBuf),
    New {
        path: PathBuf,
        kader: KaderChoice,
        organisatie: String,
        /// Encrypt the new file with this passphrase (`None`: a plain file). Shared, not
        /// copied, and wiped when the last holder drops it.
        passphrase: Option<std::sync::Arc<crate::store::Passphrase>>,
    },
    /// Make and open the demo inspection of this kader (one of `demo::DEMO_KADERS`).
    Demo(&'static str),
    ShowChooser(FilePurpose),
    SystemDialog(FilePurpose),
    ListDir(PathBuf),
    /// A path chosen in the chooser (or a system dialog) for this purpose.
    Chosen(FilePurpose, PathBuf),
    /// Several paths chosen (merge).
    ChosenMany(FilePurpose, Vec<PathBuf>),
    CloseChooser,
    /// Leave the landelijk overzicht for the start screen.
    CloseOverzicht,
    CloseInspection,
    // Preferences
    /// The inspector's name (the start screen, or asked before the first edit): kept in the
    /// preferences, and the name edits in the open inspection are attributed to when none was
    /// known yet.
    SetInspector(String),
    /// The inspector chose not to give a name when asked: the edits that waited for it, and
    /// the text typed meanwhile, are dropped (nothing of it was written).
    DeclineName,
    SetDark(bool),
    /// Open or close the overview of sneltoetsen.
    ToggleShortcuts,
    // Inspection: navigation
    Goto(Screen),
    /// Show this verwachting (by index) on the Verwachtingen screen.
    ShowExpectation(usize),
    /// Show this criterium (by id) with its criterion oordeel on the Verwachtingen screen (a
    /// kader with criterion oordelen).
    ShowCriterion(String),
    /// Show this earlier round (index into `Inspection::rounds`) beside the current oordelen.
    ShowRound(usize),
    // Inspection: records
    /// Add an inspecteur (by name) to the team of the onderzoek.
    AddInspector(String),
    /// Change fields of one record (one revision), against the model when applied; refused for
    /// a record in conflict (the Conflicten screen opens on it instead).
    Edit(Edit),
    /// Delete a record as it is when applied (a tombstone; it can be undone and restored).
    Delete {
        kind: Kind,
        entity: String,
    },
    /// Bring a deleted record back as it was.
    Restore {
        kind: Kind,
        entity: String,
    },
    /// Undo the last deletion.
    UndoDelete,
    CommitDraft(DraftTarget),
    /// Write what is typed in an input field that is not a draft (it was left, or Enter was
    /// pressed): a kerngegeven's value (read first; refused at the field when it cannot be
    /// read).
    CommitInput(Input),
    /// Start an interview with this role (today) and select it.
    NewInterview(String),
    /// Add a dossier by its pseudonymous number and select it.
    NewDossier {
        nummer: String,
        gericht: bool,
    },
    // The flitsinterview dialog
    OpenFlash,
    /// Open the dialog on a saved flitsinterview, to correct it.
    EditFlash(String),
    /// Save the flitsinterview in the dialog.
    SaveFlash,
    /// Close the dialog and throw away what was typed in it (after asking).
    DiscardFlash,
    // Conflicts
    /// Open the Conflicten screen on this record (instead of editing it while it has two
    /// versions).
    ShowConflict {
        kind: Kind,
        entity: String,
    },
    /// Resolve a conflict: a new revision replacing every version of the record, with the
    /// content of version `chosen`, or (with `combine`) `chosen` with the named fields taken
    /// from the other version.
    Resolve {
        kind: Kind,
        entity: String,
        chosen: Uuid,
        combine: Option<(Uuid, Vec<&'static str>)>,
    },
    /// Resolve a duplicate number: fold record `other` into `keep` ("samenvoegen"), all its
    /// revisions in one transaction.
    MergeDuplicate {
        kind: Kind,
        keep: String,
        other: String,
    },
    /// Give a dossier another number (a document another name): "hernummeren".
    Rekey {
        kind: Kind,
        entity: String,
        key: String,
    },
    // After the visit (the Wederhoor screen)
    /// A step of hoor en wederhoor, decided by the domain when applied (a refusal is shown on
    /// the Wederhoor screen with its Dutch reasons).
    Wederhoor(WederhoorStep),
    /// Render the conceptrapport as sent on `on`, write it to `path` (a job), and only then
    /// record it as sent.
    SendConcept {
        on: Date,
        path: PathBuf,
    },
    // Saving and closing
    RetrySave,
    /// Stop closing: back to the open inspection.
    CancelClose,
    /// Close although some edits could not be written (after the user chose so explicitly).
    CloseDiscarding,
    DismissDialog,
}

/// A step after the visit, made against the model when applied (like an [`Edit`]): the domain
/// decides whether it may be taken (`crate::domain::wederhoor`, `crate::domain::privacy`).
#[derive(Debug, Clone)]
pub enum WederhoorStep {
    /// Keep a privacy finding (by its vrijgave key) in the rapport, with a reason.
    KeepFinding { key: String, reason: String },
    /// A new reactie of the organisation.
    AddReactie(ReactieData),
    /// The besluit on a reactie (by its id), with a motivering.
    Decide {
        reactie: String,
        besluit: Besluit,
        motivering: String,
        /// The verwachtingen whose oordeel changed because of the reactie (the complete list).
        wijzigingen: Vec<String>,
    },
    /// Definitief vaststellen on this date.
    Vaststellen(Date),
    /// Heropenen, with a reason.
    Reopen(String),
}
