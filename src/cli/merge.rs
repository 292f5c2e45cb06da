//! `veldtoets merge`: copies of one onderzoek into one file, with a JSON summary.

use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::json::MergeJson;
use crate::store;

use super::print_json;

pub(super) fn merge(into: &Path, sources: &[PathBuf]) -> Result<()> {
    let sources: Vec<&Path> = sources.iter().map(PathBuf::as_path).collect();
    let outcome = store::merge(into, &sources, &mut |_| {})?;
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
    print_json(&MergeJson::new(into, &outcome))
}
