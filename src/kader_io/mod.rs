//! The kader file format (TOML, `formaat = 1`; see `assets/kaders/FORMAT.md`): serde DTOs
//! (`dto`), their validation into [`domain::kader`](crate::domain::kader) types (`validate`),
//! and the kaders compiled into the binary (`builtin`).
//!
//! Validation collects every problem it finds, each naming the file, the line (from the TOML
//! spans) and the field, so an inspectorate editing a kader can fix a file in one pass.

mod builtin;
mod dto;
mod toml_text;
mod validate;

use std::fmt;
use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::domain::kader::Framework;
use crate::fsutil;

pub use builtin::{BUILTIN, builtin, builtin_ids};

use dto::KaderDto;
use validate::LineIndex;

/// The newest kader format this program reads.
pub const FORMAT_VERSION: i64 = 1;

/// A kader file that cannot be used, with every problem found.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub struct KaderError {
    /// The file name (or `ingebouwd:<id>` for a built-in kader).
    pub file: String,
    pub problems: Vec<Problem>,
}

/// One problem in a kader file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub line: Option<usize>,
    /// Dotted path of the field, e.g. `beslisregels.aftrek[1].verwachting`: positions in a list
    /// count from 1, as people count (`aftrek[1]` is the first `[[beslisregels.aftrek]]`).
    pub field: String,
    pub message: String,
}

impl fmt::Display for KaderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "kaderbestand '{}' is ongeldig:", self.file)?;
        for p in &self.problems {
            write!(f, "\n  - {p}")?;
        }
        Ok(())
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(line) = self.line {
            write!(f, "regel {line}, ")?;
        }
        if self.field.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "veld {}: {}", self.field, self.message)
        }
    }
}

/// Why a kader could not be found or read.
#[derive(Debug, Error)]
pub enum LoadError {
    #[error(
        "onbekend kader '{0}': geen ingebouwd kader en geen bestand met die naam; kies een ingebouwd kader ({ids}) of geef het pad naar een kaderbestand",
        ids = builtin_ids().join(", ")
    )]
    Unknown(String),
    // The I/O error is deliberately not a `source`: its English text would follow the Dutch one.
    #[error("kaderbestand '{}' kan niet worden gelezen: {}", path.display(), fsutil::io_error_text(error))]
    Read {
        path: PathBuf,
        error: std::io::Error,
    },
    #[error(transparent)]
    Invalid(#[from] KaderError),
}

/// Resolves a `--kader ID|PATH` argument: a built-in id first, otherwise a file path.
pub fn resolve(id_or_path: &str) -> Result<Framework, LoadError> {
    if let Some(framework) = builtin(id_or_path) {
        return Ok(framework.clone());
    }
    let path = Path::new(id_or_path);
    if !path.exists() {
        return Err(LoadError::Unknown(id_or_path.to_string()));
    }
    load_path(path)
}

/// Loads and validates a kader file. A file that is not UTF-8 text is an invalid kader whose
/// problem names the line of the first bad byte.
pub fn load_path(path: &Path) -> Result<Framework, LoadError> {
    let bytes = std::fs::read(path).map_err(|error| LoadError::Read {
        path: path.to_path_buf(),
        error,
    })?;
    let file = path.display().to_string();
    let text = String::from_utf8(bytes).map_err(|e| KaderError {
        file: file.clone(),
        problems: vec![not_utf8(e.as_bytes(), e.utf8_error().valid_up_to())],
    })?;
    Ok(parse(&text, &file)?)
}

/// The problem of text that is not UTF-8: the line of the first bad byte (at `valid_up_to`).
fn not_utf8(bytes: &[u8], valid_up_to: usize) -> Problem {
    let line = 1 + bytes[..valid_up_to].iter().filter(|&&b| b == b'\n').count();
    Problem {
        line: Some(line),
        field: String::new(),
        message: "het bestand is geen UTF-8-tekst (er staat een teken in een andere codering, bijvoorbeeld uit Windows-1252); sla het op als UTF-8".to_string(),
    }
}

/// Parses and validates kader text; `file` names it in error messages.
pub fn parse(text: &str, file: &str) -> Result<Framework, KaderError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines = LineIndex::new(text);
    let dto: KaderDto = toml::from_str(text).map_err(|e| KaderError {
        file: file.to_string(),
        problems: vec![toml_text::problem(&e, text, &lines)],
    })?;
    validate::framework(dto, text, &lines).map_err(|problems| KaderError {
        file: file.to_string(),
        problems,
    })
}
