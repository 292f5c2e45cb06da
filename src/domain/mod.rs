//! The pure core: kader, oordelen, scoring and termijnen.
//!
//! Nothing here does I/O or knows egui, rusqlite or printpdf; the clock is passed in. Every other
//! module depends on this one, never the other way round.

pub mod draft;
pub mod duplicates;
pub mod evidence;
pub mod inspection;
pub mod judgement;
pub mod kader;
pub mod kerndata;
pub mod kinds;
pub mod norms;
pub mod privacy;
pub mod record;
pub mod rounds;
pub mod sample;
pub mod scoring;
pub mod status;
pub mod termijn;
pub mod wachtlijst;
pub mod wederhoor;

pub use judgement::{Judgement, JudgementError, JudgementSet, JudgementValue};
pub use kader::{Assessment, Framework, Verdict};
pub use scoring::{Score, ScoreLine, score};
pub use termijn::{CaseDates, DateKind, DeadlineDef, DeadlineOutcome, DeadlineSummary};
