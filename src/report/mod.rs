//! The rapport: an inspection → a report model → PDF bytes.
//!
//! Two steps, each usable on its own:
//!
//! 1. [`build`] turns an [`Inspection`] into a [`Report`]: plain data (title page, numbered
//!    sections, paragraphs, lists, tables), in Dutch, with the eindoordeel from the scoring
//!    engine. It is deterministic for a given inspection and [`ReportOptions`] (no revision ids,
//!    no timestamps, no clock) and can be checked without any PDF: [`Report::to_text`] gives a
//!    readable text form, [`Report::plain_text`] the text paragraph by paragraph under the
//!    section numbers (stored with a concept when it is sent). Once the onderzoek is vastgesteld
//!    the rapport without `concept` is the definitive one: its phase on the title page, the
//!    vervolg with its dates and the bijlage "Verwerking hoor en wederhoor". [`compare`] sets a
//!    concept's stored text beside the rapport as it is now, paragraph by paragraph, with the
//!    reacties that point at each changed paragraph.
//! 2. [`render_pdf`] lays the model out on A4 pages (text wrapped by measured glyph advances,
//!    tables that break across pages with their header repeated, "pagina X van Y", a diagonal
//!    CONCEPT watermark on a concept) with the embedded, subsetted Liberation Sans font, and
//!    returns the bytes. The PDF is tagged for accessibility (PDF/UA-1): a structure tree in
//!    reading order (headings H1–H4, paragraphs, lists, tables with header cells, the table of
//!    contents), running header, footer and watermark as artifacts, `/Lang nl-NL`, the title
//!    shown as the window title, XMP metadata and an outline of the chapters.
//!
//! [`pdf`] does both. This module does no file I/O (the caller writes the bytes) and never reads
//! the clock (the rapport date comes in through [`ReportOptions::date`]). It is the only module
//! that knows printpdf.
//!
//! ```no_run
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use veldtoets::report::{self, ReportOptions};
//! let path = std::path::Path::new("gelderzoom.veldtoets");
//! let (_store, inspection, _) = veldtoets::store::Store::open(path)?;
//! let date = jiff::civil::date(2026, 10, 20);
//! let bytes = report::pdf(&inspection, &ReportOptions::new(true, date))?;
//! std::fs::write("conceptrapport.pdf", bytes)?;
//! # Ok(())
//! # }
//! ```

mod build;
mod compare;
mod fonts;
mod layout;
mod model;
mod render;
mod tagged;
mod text;

use std::fmt;

use jiff::civil::Date;
use thiserror::Error;

use crate::domain::inspection::Inspection;

pub use build::{build, verwachting_paragraphs};
pub use compare::{
    LinkedReactie, ParagraphChange, TextChange, TextParagraph, Wijziging, compare, compare_texts,
    text_paragraphs,
};
pub use model::{
    Align, Block, Column, Figure, Report, ReportMeta, Row, RowKind, Section, Shape, Span, Style,
    Table, Text, TitlePage, Tone,
};
#[doc(hidden)]
pub use render::render_pdf_untagged;
pub use render::{render_pdf, render_pdf_with_progress};
pub use text::{count, format_date_long, format_period};

/// What kind of rapport to make, and when it is dated.
#[derive(Clone, Copy)]
pub struct ReportOptions<'a> {
    /// A conceptrapport (for hoor en wederhoor): "Conceptrapport" and "Vertrouwelijk" on the title
    /// page and in the header, and a CONCEPT watermark on every page. `false` gives the
    /// definitive rapport.
    pub concept: bool,
    /// The rapport date, printed on the title page, in the header and in the PDF metadata.
    pub date: Date,
    /// Called with the share done (0.0 ..= 1.0) while the PDF is made, e.g. for a progress bar.
    /// Called on the caller's thread.
    pub progress: Option<&'a dyn Fn(f32)>,
}

impl<'a> ReportOptions<'a> {
    pub fn new(concept: bool, date: Date) -> ReportOptions<'a> {
        ReportOptions {
            concept,
            date,
            progress: None,
        }
    }

    /// The same options with a progress callback.
    pub fn with_progress(self, progress: &'a dyn Fn(f32)) -> ReportOptions<'a> {
        ReportOptions {
            progress: Some(progress),
            ..self
        }
    }
}

impl fmt::Debug for ReportOptions<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ReportOptions")
            .field("concept", &self.concept)
            .field("date", &self.date)
            .field("progress", &self.progress.is_some())
            .finish()
    }
}

/// Why a rapport could not be made.
#[derive(Debug, Error)]
pub enum ReportError {
    /// A font compiled into the program could not be read. This is a defect of the build, not of
    /// the inspection.
    #[error(
        "het lettertype {0} in het programma is onleesbaar; het rapport kan niet worden gemaakt. Installeer veldtoets opnieuw"
    )]
    Font(&'static str),
    /// The PDF library reported an error while writing the document.
    #[error("het PDF-bestand kan niet worden opgebouwd: {0}")]
    Pdf(String),
}

/// Builds the rapport of `inspection` and renders it as PDF bytes: [`build`] then
/// [`render_pdf`], reporting progress through `options.progress`.
pub fn pdf(inspection: &Inspection, options: &ReportOptions<'_>) -> Result<Vec<u8>, ReportError> {
    let progress = |share: f32| {
        if let Some(callback) = options.progress {
            callback(share);
        }
    };
    progress(0.0);
    let report = build(inspection, options);
    progress(0.05);
    render_pdf_with_progress(&report, &|share| progress(0.05 + 0.95 * share))
}
