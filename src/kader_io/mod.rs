//! The kader file format (TOML, `formaat = 1`; see `assets/kaders/FORMAT.md`): serde DTOs
//! (`dto`), their validation into [`domain::kader`](crate::domain::kader) types (`validate`),
//! and the kaders compiled into the binary (`builtin`).
//!
//! Validation collects every problem it finds, each naming the file, the line (from the TOML
//! spans) and the field, so an inspectorate editing a kader can fix a file in one pass.

mod builtin;
mod dto;
mod validate;

use std::fmt;
use std::path::Path;

use thiserror::Error;

use crate::domain::kader::Framework;

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
    /// Dotted path of the field, e.g. `beslisregels.aftrek[0].verwachting`.
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
        "onbekend kader '{0}': geen ingebouwd kader en geen bestand met die naam (ingebouwd: {ids})",
        ids = builtin_ids().join(", ")
    )]
    Unknown(String),
    #[error("kaderbestand '{path}' kan niet worden gelezen: {source}")]
    Read {
        path: String,
        source: std::io::Error,
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

/// Loads and validates a kader file.
pub fn load_path(path: &Path) -> Result<Framework, LoadError> {
    let text = std::fs::read_to_string(path).map_err(|source| LoadError::Read {
        path: path.display().to_string(),
        source,
    })?;
    Ok(parse(&text, &path.display().to_string())?)
}

/// Parses and validates kader text; `file` names it in error messages.
pub fn parse(text: &str, file: &str) -> Result<Framework, KaderError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines = LineIndex::new(text);
    let dto: KaderDto = toml::from_str(text).map_err(|e| KaderError {
        file: file.to_string(),
        problems: vec![Problem {
            line: e.span().map(|s| lines.line(s.start)),
            field: String::new(),
            message: format!("geen geldig kaderbestand (TOML): {}", e.message().trim()),
        }],
    })?;
    validate::framework(dto, text, &lines).map_err(|problems| KaderError {
        file: file.to_string(),
        problems,
    })
}
