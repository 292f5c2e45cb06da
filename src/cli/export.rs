//! `veldtoets export`: the whole inspection as JSON and/or the rapport as PDF.

use std::path::Path;

use anyhow::{Context, Result};

use crate::json::ExportJson;
use crate::report::{self, ReportOptions};

use super::{check_outputs, json_bytes, open_read, parse_date_arg, write_output};

pub(super) fn export(
    file: &Path,
    json: Option<&Path>,
    pdf: Option<&Path>,
    concept: bool,
    datum: Option<&str>,
) -> Result<()> {
    let date = parse_date_arg(datum, "--datum")?.unwrap_or_else(|| jiff::Zoned::now().date());
    check_outputs(&[json, pdf], &[file])?;
    let (_, inspection) = open_read(file)?;
    if let Some(out) = json {
        let export = ExportJson::new(&inspection, jiff::Timestamp::now());
        write_output(out, &[file], &json_bytes(&export)?)?;
    }
    if let Some(out) = pdf {
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
    }
    Ok(())
}
