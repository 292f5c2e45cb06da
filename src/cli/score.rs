//! `veldtoets kaders` and `veldtoets score`: the built-in kaders, and the eindoordeel of an
//! oordelenbestand (with `--kader`) or of an inspection file.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result, bail};

use crate::domain::{self, Framework, JudgementSet};
use crate::fsutil;
use crate::json::{KaderJson, ScoreJson};
use crate::kader_io;

use super::{open_read, print_json};

pub(super) fn kaders(json: bool) -> Result<()> {
    let list: Vec<KaderJson> = kader_io::builtin_ids()
        .into_iter()
        .filter_map(kader_io::builtin)
        .map(KaderJson::new)
        .collect();
    let mut out = std::io::stdout().lock();
    if json {
        serde_json::to_writer_pretty(&mut out, &list)?;
        writeln!(out)?;
    } else {
        for k in list {
            writeln!(
                out,
                "{}\t{}\t{}",
                k.id, k.titel, k.beoordeelde_verwachtingen
            )?;
        }
    }
    Ok(())
}

pub(super) fn score_file(file: &Path) -> Result<()> {
    let (_, inspection) = open_read(file)?;
    print_json(&ScoreJson::of_inspection(&inspection))
}

pub(super) fn score_judgements(kader: &str, input: &Path) -> Result<()> {
    let framework = kader_io::resolve(kader)?;
    let judgements = read_judgements(&framework, input)?;
    let score = domain::score(&framework, &judgements);
    print_json(&ScoreJson::new(&framework, &judgements, &score))
}

/// Reads a judgements JSON file: one object mapping verwachting id → oordeel text.
pub fn read_judgements(framework: &Framework, path: &Path) -> Result<JudgementSet> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| anyhow::anyhow!("oordelenbestand {}", fsutil::PathError::read(path, e)))?;
    parse_judgements(framework, &text)
        .with_context(|| format!("oordelenbestand '{}'", path.display()))
}

/// Parses the judgements JSON text against a kader. A leading byte-order mark is allowed; an id
/// given twice is an error (JSON parsers disagree on which one wins).
pub fn parse_judgements(framework: &Framework, text: &str) -> Result<JudgementSet> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let value: serde_json::Value = serde_json::from_str(text).context("geen geldige JSON")?;
    if !value.is_object() {
        bail!(
            "verwacht één JSON-object van verwachting naar oordeel, bijvoorbeeld {{\"1.1.1\": \"voldoende\"}}"
        );
    }
    let Pairs(pairs) = serde_json::from_str(text).context("geen geldige JSON")?;
    let mut entries = BTreeMap::new();
    for (id, value) in &pairs {
        let Some(text) = value.as_str() else {
            bail!("het oordeel bij '{id}' moet een tekst zijn, zoals \"voldoende\", niet {value}");
        };
        if entries.insert(id.as_str(), text).is_some() {
            bail!("verwachting '{id}' staat twee keer in het bestand; laat er één over");
        }
    }
    Ok(JudgementSet::from_texts(framework, entries)?)
}

/// A JSON object as its key/value pairs in order, duplicates kept.
struct Pairs(Vec<(String, serde_json::Value)>);

impl<'de> serde::Deserialize<'de> for Pairs {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Pairs;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("een JSON-object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Pairs, A::Error> {
                let mut pairs = Vec::new();
                while let Some(pair) = map.next_entry()? {
                    pairs.push(pair);
                }
                Ok(Pairs(pairs))
            }
        }
        deserializer.deserialize_map(Visitor)
    }
}
