//! What screens ask for. Screens never change state while drawing: they push a [`Command`], and
//! the app applies all commands after the frame is drawn.

use std::path::PathBuf;

use uuid::Uuid;

use crate::domain::inspection::{Kind, Record};

use super::workspace::DraftTarget;

/// Why a file is being chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilePurpose {
    /// Open an existing inspection file.
    Open,
    /// Where to create a new inspection file.
    NewFile,
    /// A kader file for a new inspection.
    KaderFile,
    /// Where to write the PDF rapport.
    ExportPdf { concept: bool },
    /// Colleagues' copies of the open inspection to merge into it (several files).
    Merge,
    /// Where to write a complete copy of the open inspection with every unsaved edit (when the
    /// open file cannot be written).
    SaveCopy,
}

impl FilePurpose {
    pub fn title(self) -> &'static str {
        match self {
            FilePurpose::Open => "Onderzoek openen",
            FilePurpose::NewFile => "Nieuw onderzoeksbestand",
            FilePurpose::KaderFile => "Kaderbestand kiezen",
            FilePurpose::ExportPdf { concept: true } => "Conceptrapport opslaan (PDF)",
            FilePurpose::ExportPdf { concept: false } => "Definitief rapport opslaan (PDF)",
            FilePurpose::Merge => "Samenvoegen: kies de bestanden van collega's",
            FilePurpose::SaveCopy => "Opslaan als… (een volledige kopie met alle wijzigingen)",
        }
    }

    /// The file extension shown, if any.
    pub fn extension(self) -> Option<&'static str> {
        match self {
            FilePurpose::Open
            | FilePurpose::NewFile
            | FilePurpose::Merge
            | FilePurpose::SaveCopy => Some(crate::store::EXTENSION),
            FilePurpose::KaderFile => Some("toml"),
            FilePurpose::ExportPdf { .. } => Some("pdf"),
        }
    }

    /// Whether the chosen file may not exist yet.
    pub fn saving(self) -> bool {
        matches!(
            self,
            FilePurpose::NewFile | FilePurpose::ExportPdf { .. } | FilePurpose::SaveCopy
        )
    }

    /// Whether several files can be chosen at once.
    pub fn many(self) -> bool {
        matches!(self, FilePurpose::Merge)
    }

    /// The file name suggested when saving.
    pub fn default_name(self) -> &'static str {
        match self {
            FilePurpose::ExportPdf { concept: true } => "conceptrapport.pdf",
            FilePurpose::ExportPdf { concept: false } => "rapport.pdf",
            FilePurpose::SaveCopy => "kopie.veldtoets",
            _ => "onderzoek.veldtoets",
        }
    }
}

/// The screens of an open inspection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Overzicht,
    Interviews,
    Flitsinterviews,
    Dossiers,
    Documenten,
    Verwachtingen,
    /// Every record in conflict (and duplicate numbers), to resolve; in the navigation only
    /// while there is something to resolve.
    Conflicten,
}

impl Screen {
    /// The screens that are always in the navigation (Conflicten only appears when needed).
    pub const ALL: [Screen; 6] = [
        Screen::Overzicht,
        Screen::Interviews,
        Screen::Flitsinterviews,
        Screen::Dossiers,
        Screen::Documenten,
        Screen::Verwachtingen,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Screen::Overzicht => "Overzicht",
            Screen::Interviews => "Interviews",
            Screen::Flitsinterviews => "Flitsinterviews",
            Screen::Dossiers => "Dossiers",
            Screen::Documenten => "Documenten",
            Screen::Verwachtingen => "Verwachtingen",
            Screen::Conflicten => "Conflicten",
        }
    }

    /// The function key that opens the screen.
    pub fn key(self) -> eframe::egui::Key {
        use eframe::egui::Key;
        match self {
            Screen::Overzicht => Key::F1,
            Screen::Interviews => Key::F2,
            Screen::Flitsinterviews => Key::F3,
            Screen::Dossiers => Key::F4,
            Screen::Documenten => Key::F5,
            Screen::Verwachtingen => Key::F6,
            Screen::Conflicten => Key::F7,
        }
    }
}

/// The kader for a new inspection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KaderChoice {
    Builtin(String),
    File(PathBuf),
}

#[derive(Debug, Clone)]
pub enum Command {
    // Files
    Open(PathBuf),
    New {
        path: PathBuf,
        kader: KaderChoice,
        organisatie: String,
    },
    Demo,
    ShowChooser(FilePurpose),
    SystemDialog(FilePurpose),
    ListDir(PathBuf),
    /// A path chosen in the chooser (or a system dialog) for this purpose.
    Chosen(FilePurpose, PathBuf),
    /// Several paths chosen (merge).
    ChosenMany(FilePurpose, Vec<PathBuf>),
    CloseChooser,
    CloseInspection,
    // Preferences
    SetInspector(String),
    SetDark(bool),
    // Inspection
    Goto(Screen),
    /// Show this verwachting (by index) on the Verwachtingen screen.
    ShowExpectation(usize),
    Edit {
        entity: String,
        record: Record,
    },
    Delete {
        entity: String,
        record: Record,
    },
    CommitDraft(DraftTarget),
    /// Start an interview with this role (today) and select it.
    NewInterview(String),
    /// Add a dossier by its pseudonymous number and select it.
    NewDossier {
        nummer: String,
        gericht: bool,
    },
    OpenFlash,
    /// Open the dialog on a saved flitsinterview, to correct it.
    EditFlash(String),
    /// Save the flitsinterview in the dialog.
    SaveFlash,
    /// Close the dialog and throw away what was typed in it (after asking).
    DiscardFlash,
    /// Undo the last deletion.
    UndoDelete,
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
    /// Resolve a duplicate number: fold record `other` into `keep` ("samenvoegen").
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
    RetrySave,
    /// Stop closing: back to the open inspection.
    CancelClose,
    /// Close although some edits could not be written (after the user chose so explicitly).
    CloseDiscarding,
    DismissDialog,
}
