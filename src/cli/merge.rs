//! `veldtoets merge`: copies of one onderzoek into one file, with a JSON summary.

use std::path::{Path, PathBuf};

use anyhow::{Result, bail};

use crate::domain::inspection::Kind;
use crate::json::MergeJson;
use crate::store::{self, FileKind};

use super::{print_json, secrets};

/// `allow_plain`: encrypted sources may go into an existing plain target (`--onversleuteld`).
pub(super) fn merge(into: &Path, sources: &[PathBuf], allow_plain: bool) -> Result<()> {
    let sources: Vec<&Path> = sources.iter().map(PathBuf::as_path).collect();
    if !allow_plain {
        refuse_plain_target(into, &sources)?;
    }
    // The target (if it exists) and every source; files that share a passphrase ask once.
    let mut files = sources.clone();
    if std::fs::symlink_metadata(into).is_ok() {
        files.insert(0, into);
    }
    let keys = secrets::keyring_for(&files, None)?;
    let outcome = store::merge_with(into, &sources, &keys, &mut |_| {})?;
    let summary = &outcome.summary;
    if let Some((version, backup)) = &summary.migrated_from {
        eprintln!(
            "let op: '{}' is bijgewerkt van bestandsversie {version} naar {}; een reservekopie staat in '{}'",
            into.display(),
            store::CURRENT_VERSION,
            backup.display()
        );
    }
    if !summary.conflicts.is_empty() {
        eprintln!(
            "let op: {} verwachting{} met verschillende oordelen ({}); leg per verwachting het oordeel vast met `veldtoets oordeel {} VERWACHTING OORDEEL`",
            summary.conflicts.len(),
            if summary.conflicts.len() == 1 {
                ""
            } else {
                "en"
            },
            summary.conflicts.join(", "),
            into.display()
        );
    }
    let others = summary
        .record_conflicts
        .iter()
        .filter(|c| c.kind != Kind::Oordeel)
        .count();
    if others > 0 {
        eprintln!(
            "let op: {others} {} met verschillende versies (zie `conflicten_lijst`); kies per record een versie met `veldtoets open {}`, scherm Conflicten",
            if others == 1 {
                "ander record"
            } else {
                "andere records"
            },
            into.display()
        );
    }
    let duplicates = outcome.inspection.duplicates();
    if !duplicates.is_empty() {
        let list: Vec<String> = duplicates.iter().map(|d| d.description()).collect();
        eprintln!(
            "let op: {}; voeg samen of hernummer met `veldtoets open {}`, scherm Conflicten",
            list.join("; "),
            into.display()
        );
    }
    for line in summary.drafts_lines() {
        eprintln!("{}", line.replacen("Let op:", "let op:", 1));
    }
    print_json(&MergeJson::new(into, &outcome))
}

/// Refuses to merge an encrypted source into an existing plain target: that would put the
/// source's content on disk in plain text without anyone choosing it. Before any passphrase is
/// asked, so nothing is read or written. A source that cannot be detected is left to the merge,
/// which says what is wrong with it.
fn refuse_plain_target(into: &Path, sources: &[&Path]) -> Result<()> {
    // A target that does not exist yet is made encrypted when any source is (see
    // `store::merge_with`); an encrypted or unreadable one is not this question.
    if !matches!(store::detect(into), Ok(FileKind::Plain(_))) {
        return Ok(());
    }
    let encrypted: Vec<String> = sources
        .iter()
        .filter(|s| matches!(store::detect(s), Ok(FileKind::Encrypted)))
        .map(|s| format!("'{}'", s.display()))
        .collect();
    if encrypted.is_empty() {
        return Ok(());
    }
    bail!(
        "'{into}' is niet versleuteld en {list} {is} dat wel: samenvoegen zou de inhoud onversleuteld op schijf zetten. Versleutel eerst het doel met `veldtoets versleutel '{into}'`, of geef --onversleuteld als u dit echt wilt. Er is niets gewijzigd",
        into = into.display(),
        list = encrypted.join(", "),
        is = if encrypted.len() == 1 { "is" } else { "zijn" },
    )
}
