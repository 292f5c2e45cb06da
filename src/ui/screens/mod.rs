//! One module per screen. Each owns its UI state (selection, dialogs, edit buffers: e.g.
//! [`dossiers::DossiersState`]), draws from the workspace and pushes
//! [`Command`](super::commands::Command)s; [`inspection`] holds them together in
//! [`inspection::Screens`] next to the workspace and applies the commands.

pub mod conflicts;
pub mod criterion;
pub mod details;
pub mod documents;
pub mod dossiers;
pub mod expectation;
pub mod file_chooser;
pub mod flash;
pub mod inspection;
pub mod interviews;
pub mod landelijk;
pub mod overview;
pub mod passphrase;
pub mod start;
pub mod wederhoor;
