//! `veldtoets overzicht`: the landelijk overzicht of many inspection files as JSON and/or PDF.

use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::domain::inspection::Inspection;
use crate::overzicht;

use super::{check_outputs, json_bytes, parse_date_arg, secrets, warn_plain_export, write_output};
use crate::store::Store;

pub(super) fn overzicht(
    json: Option<&Path>,
    pdf: Option<&Path>,
    datum: Option<&str>,
    files: &[PathBuf],
) -> Result<()> {
    let date = parse_date_arg(datum, "--datum")?.unwrap_or_else(|| jiff::Zoned::now().date());
    let paths: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
    check_outputs(&[json, pdf], &paths)?;
    // Asked once for files that share a passphrase.
    let keys = secrets::keyring_for(&paths, None)?;
    let mut loaded = Vec::with_capacity(files.len());
    let mut encrypted = false;
    for file in files {
        let (store, inspection) = Store::open_read_only_with(file, keys.passphrase_for(file))?;
        encrypted |= store.is_encrypted();
        loaded.push((file.as_path(), inspection));
    }
    let inputs: Vec<(&Path, &Inspection)> = loaded.iter().map(|(p, i)| (*p, i)).collect();
    let model = overzicht::build(&inputs)?;
    // `compleet` is the inspection's status (`Inspection::status`): final or not.
    for row in model.organisaties.iter().filter(|r| !r.compleet) {
        if model.is_choice() && row.nog_geen_oordeel && row.conflicten == 0 {
            eprintln!(
                "let op: '{}' ({}) heeft nog geen gekozen eindoordeel; kies het met `veldtoets eindoordeel`",
                row.bestand, row.organisatie
            );
            continue;
        }
        eprintln!(
            "let op: '{}' ({}) is niet compleet: {} niet beoordeeld, {} conflict{}; het eindoordeel is voorlopig",
            row.bestand,
            row.organisatie,
            row.niet_beoordeeld,
            row.conflicten,
            if row.conflicten == 1 { "" } else { "en" }
        );
    }
    if let Some(out) = pdf {
        let bytes = overzicht::pdf(&model, date)?;
        write_output(out, &paths, &bytes)?;
        warn_plain_export(out, encrypted);
    }
    if let Some(out) = json {
        write_output(out, &paths, &json_bytes(&model)?)?;
        warn_plain_export(out, encrypted);
    }
    Ok(())
}
