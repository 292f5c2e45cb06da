//! One module per screen. Each draws from the workspace and pushes [`Command`](super::commands::Command)s.

pub mod conflicts;
pub mod documents;
pub mod dossiers;
pub mod expectation;
pub mod file_chooser;
pub mod flash;
pub mod inspection;
pub mod interviews;
pub mod overview;
pub mod start;
