//! The small types several parts of the app share: which screen is shown, why a file is being
//! chosen, the kader of a new inspection, why an inspection is closing, the read-only notice and
//! file names for people.
//!
//! A leaf: it imports no other module of `ui` (`tests/suite/tidy.rs` fails on a cycle among the
//! modules of `ui`), so every module can use it without importing each other.

use std::path::{Path, PathBuf};

/// Which text a draft edits.
pub use crate::domain::draft::Field as DraftTarget;

/// A field whose text is not a draft: a kerngegeven's value. Half a number is not a value, so
/// what is typed is kept in the workspace and read (Dutch notation) and written as a revision
/// only when the field is left (or Enter is pressed), when the screen changes and when the
/// inspection closes, never after a pause in typing; one that cannot be read is refused and
/// stays in its field with the reason. Every text (the onderbouwing of a chosen eindoordeel, a
/// kerngegeven's toelichting) is a draft ([`DraftTarget`]).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Input {
    /// The value of a kerngegeven of the kader (by id), typed in Dutch notation.
    KerngegevenWaarde(String),
}

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
    /// Where to write the conceptrapport that is sent (Wederhoor: "Concept verzenden…").
    SendConcept,
    /// Colleagues' copies of the open inspection to merge into it (several files).
    Merge,
    /// Where to write a complete copy of the open inspection with every unsaved edit (when the
    /// open file cannot be written).
    SaveCopy,
    /// Inspection files of one kader for the landelijk overzicht (several files, only read).
    Overzicht,
    /// Where to write the landelijk overzicht (PDF).
    OverzichtPdf,
}

impl FilePurpose {
    pub fn title(self) -> &'static str {
        match self {
            FilePurpose::Open => "Onderzoek openen",
            FilePurpose::NewFile => "Nieuw onderzoeksbestand",
            FilePurpose::KaderFile => "Kaderbestand kiezen",
            FilePurpose::ExportPdf { concept: true } => "Conceptrapport opslaan (PDF)",
            FilePurpose::ExportPdf { concept: false } => "Definitief rapport opslaan (PDF)",
            FilePurpose::SendConcept => "Te verzenden conceptrapport opslaan (PDF)",
            FilePurpose::Merge => "Samenvoegen: kies de bestanden van collega's",
            FilePurpose::SaveCopy => "Opslaan als… (een volledige kopie met alle wijzigingen)",
            FilePurpose::Overzicht => "Landelijk overzicht: kies de onderzoeksbestanden",
            FilePurpose::OverzichtPdf => "Landelijk overzicht opslaan (PDF)",
        }
    }

    /// The file extension shown, if any.
    pub fn extension(self) -> Option<&'static str> {
        match self {
            FilePurpose::Open
            | FilePurpose::NewFile
            | FilePurpose::Merge
            | FilePurpose::SaveCopy
            | FilePurpose::Overzicht => Some(crate::store::EXTENSION),
            FilePurpose::KaderFile => Some("toml"),
            FilePurpose::ExportPdf { .. }
            | FilePurpose::SendConcept
            | FilePurpose::OverzichtPdf => Some("pdf"),
        }
    }

    /// Whether the chosen file may not exist yet.
    pub fn saving(self) -> bool {
        matches!(
            self,
            FilePurpose::NewFile
                | FilePurpose::ExportPdf { .. }
                | FilePurpose::SendConcept
                | FilePurpose::SaveCopy
                | FilePurpose::OverzichtPdf
        )
    }

    /// Whether several files can be chosen at once.
    pub fn many(self) -> bool {
        matches!(self, FilePurpose::Merge | FilePurpose::Overzicht)
    }

    /// The file name suggested when saving.
    pub fn default_name(self) -> &'static str {
        match self {
            FilePurpose::ExportPdf { concept: true } | FilePurpose::SendConcept => {
                "conceptrapport.pdf"
            }
            FilePurpose::ExportPdf { concept: false } => "rapport.pdf",
            FilePurpose::SaveCopy => "kopie.veldtoets",
            FilePurpose::OverzichtPdf => "landelijk-overzicht.pdf",
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
    /// After the visit: privacy check, concept, reacties and besluiten, vaststellen, vervolg.
    Wederhoor,
}

impl Screen {
    /// The screens that are always in the navigation (Conflicten only appears when needed),
    /// in the order of their function keys (Conflicten, F7, sits between the last two).
    pub const ALL: [Screen; 7] = [
        Screen::Overzicht,
        Screen::Interviews,
        Screen::Flitsinterviews,
        Screen::Dossiers,
        Screen::Documenten,
        Screen::Verwachtingen,
        Screen::Wederhoor,
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
            Screen::Wederhoor => "Wederhoor",
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
            Screen::Wederhoor => Key::F8,
        }
    }
}

/// The kader for a new inspection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KaderChoice {
    Builtin(String),
    File(PathBuf),
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

/// A file's name for people (the whole path if it has no name).
pub fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// Said after the success message of an export (a PDF) of an encrypted inspection: the export
/// itself is not encrypted.
/// Asked before an encrypted copy is merged into the open, unencrypted inspection file.
pub const PLAIN_MERGE_QUESTION: &str = "Het geopende onderzoek is niet versleuteld, maar een van de gekozen kopieën wel. Na het samenvoegen staat wat uit die kopie komt onversleuteld op deze schijf: iedereen die het bestand in handen krijgt, kan het lezen. Versleutel het onderzoek liever eerst (veldtoets versleutel BESTAND) en voeg dan samen.";

pub const PLAIN_EXPORT: &str = "Let op: dit bestand is niet versleuteld. Iedereen die het in handen krijgt, kan het lezen; bewaar en verstuur het even zorgvuldig als het onderzoek zelf.";

/// Empties `text` and overwrites its bytes with zeros (a typed passphrase that was not handed
/// on, e.g. the repetition in the new-inspection form).
pub fn wipe(text: &mut String) {
    let mut bytes = std::mem::take(text).into_bytes();
    bytes.iter_mut().for_each(|b| *b = 0);
    std::hint::black_box(&mut bytes);
}

/// A passphrase as it is typed into a masked field: wiped when dropped. Its text is moved into
/// a [`crate::store::Passphrase`] (also wiped) as soon as it is used, and never written
/// anywhere. Room for a long passphrase is reserved up front, so typing rarely moves the text
/// (a move would leave a copy behind in freed memory).
pub struct Typing(pub String);

impl Typing {
    /// The typed text, leaving the field empty.
    pub fn take(&mut self) -> String {
        std::mem::replace(&mut self.0, String::with_capacity(128))
    }

    /// Empties the field, wiping what was typed.
    pub fn clear(&mut self) {
        wipe(&mut self.0);
        self.0 = String::with_capacity(128);
    }
}

impl Default for Typing {
    fn default() -> Typing {
        Typing(String::with_capacity(128))
    }
}

impl Drop for Typing {
    fn drop(&mut self) {
        wipe(&mut self.0);
    }
}

/// A count with its noun in the right number: `count(1, "aftrekpunt", "aftrekpunten")` is
/// "1 aftrekpunt", `count(0, …)` and `count(2, …)` take the plural.
pub fn count(n: impl Into<u64>, singular: &str, plural: &str) -> String {
    let n = n.into();
    format!("{n} {}", if n == 1 { singular } else { plural })
}

/// Names joined as a sentence does: "A", "A en B", "A, B en C" (empty for none).
pub fn join_and<S: AsRef<str>>(names: &[S]) -> String {
    match names {
        [] => String::new(),
        [one] => one.as_ref().to_string(),
        [init @ .., last] => {
            let init: Vec<&str> = init.iter().map(AsRef::as_ref).collect();
            format!("{} en {}", init.join(", "), last.as_ref())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_take_the_right_number_and_names_are_joined_with_en() {
        assert_eq!(count(1u32, "aftrekpunt", "aftrekpunten"), "1 aftrekpunt");
        assert_eq!(count(0u32, "aftrekpunt", "aftrekpunten"), "0 aftrekpunten");
        assert_eq!(count(2u64, "bestand", "bestanden"), "2 bestanden");
        assert_eq!(join_and::<&str>(&[]), "");
        assert_eq!(join_and(&["M. de Vries"]), "M. de Vries");
        assert_eq!(join_and(&["A", "B"]), "A en B");
        assert_eq!(join_and(&["A", "B", "C"]), "A, B en C");
    }

    #[test]
    fn wipe_empties_the_text() {
        let mut text = String::from("geheim");
        wipe(&mut text);
        assert!(text.is_empty());
    }
}
