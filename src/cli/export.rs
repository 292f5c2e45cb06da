//! `veldtoets export`: the whole inspection as JSON and/or the rapport as PDF.
//!
//! The PDF follows the phase of the onderzoek: without `--concept` on a vastgesteld onderzoek
//! it is the definitive rapport, dated (unless `--datum` says otherwise) on the day it was
//! vastgesteld. A concept of a vastgesteld onderzoek is refused: it would be neither the concept
//! that was sent nor the rapport that holds. The definitive rapport of an onderzoek that is not
//! vastgesteld yet is still made (as before), with a warning.

use std::path::Path;

use anyhow::{Context, Result, bail};

use crate::domain::termijn::format_date_nl;
use crate::domain::wederhoor::Phase;
use crate::json::ExportJson;
use crate::report::{self, ReportOptions};

use super::{
    check_outputs, json_bytes, open_read, parse_date_arg, warn_plain_export, write_output,
};

pub(super) fn export(
    file: &Path,
    json: Option<&Path>,
    pdf: Option<&Path>,
    concept: bool,
    datum: Option<&str>,
) -> Result<()> {
    let date = parse_date_arg(datum, "--datum")?;
    check_outputs(&[json, pdf], &[file])?;
    let (store, inspection) = open_read(file)?;
    let encrypted = store.is_encrypted();
    drop(store);
    let phase = inspection.phase();
    if pdf.is_some()
        && concept
        && let Phase::Vastgesteld { on } = phase
    {
        bail!(
            "het onderzoek is op {} definitief vastgesteld; een conceptrapport past daar niet meer bij (het verzonden concept is met zijn SHA-256 in de historie vastgelegd). Maak het definitieve rapport zonder --concept, of heropen het onderzoek eerst (veldtoets heropenen '{}' --reden …). Er is niets geschreven",
            format_date_nl(on),
            file.display()
        );
    }
    if let Some(out) = json {
        let export = ExportJson::new(&inspection, jiff::Timestamp::now());
        write_output(out, &[file], &json_bytes(&export)?)?;
        warn_plain_export(out, encrypted);
    }
    if let Some(out) = pdf {
        let date = date.unwrap_or_else(|| match phase {
            Phase::Vastgesteld { on } if !concept => on,
            _ => jiff::Zoned::now().date(),
        });
        if !concept && !matches!(phase, Phase::Vastgesteld { .. }) {
            eprintln!(
                "let op: het onderzoek is nog niet vastgesteld ({}); dit definitieve rapport kan nog veranderen. Stel het vast met veldtoets vaststellen '{}' --datum DD-MM-JJJJ",
                phase.label(),
                file.display()
            );
        }
        let options = ReportOptions::new(concept, date);
        let bytes = report::pdf(&inspection, &options).with_context(|| {
            format!(
                "het rapport van '{}' kon niet worden gemaakt",
                file.display()
            )
        })?;
        write_output(out, &[file], &bytes)?;
        if out != Path::new("-") {
            eprintln!(
                "{} geschreven: {} ({} KB)",
                if concept {
                    "conceptrapport"
                } else {
                    "definitief rapport"
                },
                out.display(),
                bytes.len() / 1024
            );
        }
        warn_plain_export(out, encrypted);
    }
    Ok(())
}
