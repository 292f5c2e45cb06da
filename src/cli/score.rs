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

use super::{STDOUT_FAILED, open_read, print_json};

pub(super) fn kaders(json: bool) -> Result<()> {
    let list: Vec<KaderJson> = kader_io::builtin_ids()
        .into_iter()
        .filter_map(kader_io::builtin)
        .map(KaderJson::new)
        .collect();
    let mut out = std::io::stdout().lock();
    if json {
        serde_json::to_writer_pretty(&mut out, &list).context(STDOUT_FAILED)?;
        writeln!(out).context(STDOUT_FAILED)?;
    } else {
        for k in list {
            writeln!(
                out,
                "{}\t{}\t{}",
                k.id, k.titel, k.beoordeelde_verwachtingen
            )
            .context(STDOUT_FAILED)?;
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
    let bytes = std::fs::read(path)
        .map_err(|e| anyhow::anyhow!("oordelenbestand {}", fsutil::PathError::read(path, e)))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let line = 1 + e.as_bytes()[..e.utf8_error().valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        anyhow::anyhow!(
            "oordelenbestand '{}', regel {line}: het bestand is geen UTF-8-tekst (er staat een teken in een andere codering, bijvoorbeeld uit Windows-1252); sla het op als UTF-8",
            path.display()
        )
    })?;
    parse_judgements(framework, &text)
        .with_context(|| format!("oordelenbestand '{}'", path.display()))
}

/// Parses the judgements JSON text against a kader. A leading byte-order mark is allowed; an id
/// given twice is an error (JSON parsers disagree on which one wins).
pub fn parse_judgements(framework: &Framework, text: &str) -> Result<JudgementSet> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| anyhow::anyhow!(json_error_text(&e, text)))?;
    if !value.is_object() {
        let found = match value {
            serde_json::Value::Array(_) => "een lijst [ … ]",
            serde_json::Value::String(_) => "een losse tekst",
            serde_json::Value::Number(_) => "een getal",
            serde_json::Value::Bool(_) => "true of false",
            _ => "null",
        };
        bail!(
            "het bestand bevat {found}; een oordelenbestand is één JSON-object van verwachting naar oordeel, bijvoorbeeld {{\"1.1.1\": \"voldoende\"}}"
        );
    }
    let Pairs(pairs) =
        serde_json::from_str(text).map_err(|e| anyhow::anyhow!(json_error_text(&e, text)))?;
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

/// A `serde_json` error on `text` in Dutch: where (regel, teken; both from 1), what is wrong
/// and what to do. serde_json's own English text is recognised by its fixed wording and never
/// shown.
fn json_error_text(error: &serde_json::Error, text: &str) -> String {
    const SHAPE: &str =
        "een oordelenbestand is één JSON-object, bijvoorbeeld {\"1.1.1\": \"voldoende\"}";
    if text.trim().is_empty() {
        return format!("het bestand is leeg; {SHAPE}");
    }
    let message = error.to_string();
    // "… at line L column C": keep only the description.
    let what = message
        .rsplit_once(" at line ")
        .map_or(message.as_str(), |(w, _)| w);
    let mut shape = false;
    let dutch = match error.classify() {
        serde_json::error::Category::Eof => {
            shape = true;
            "het bestand houdt op voordat de JSON af is (afgekapt, of een } of \" vergeten?)"
        }
        _ if what.starts_with("expected value") => {
            shape = true;
            "hier hoort een waarde: een tekst tussen dubbele aanhalingstekens, of een object {…}"
        }
        _ if what.starts_with("expected ident") => {
            "onbekend woord; zet een tekst tussen dubbele aanhalingstekens, zoals \"voldoende\""
        }
        _ if what.starts_with("expected `:`") => {
            "na de verwachting hoort een dubbele punt, zoals \"1.1.1\": \"voldoende\""
        }
        _ if what.starts_with("expected `,` or `}`") => {
            "hier hoort een komma (tussen twee oordelen) of de afsluitende }"
        }
        _ if what.starts_with("expected `,` or `]`") => "hier hoort een komma of de afsluitende ]",
        _ if what.starts_with("key must be a string") => {
            "een verwachting staat tussen dubbele aanhalingstekens, zoals \"1.1.1\""
        }
        _ if what.starts_with("trailing comma") => {
            "er staat een komma te veel vóór de afsluitende haak; verwijder die"
        }
        _ if what.starts_with("trailing characters") => {
            shape = true;
            "na het einde van de JSON staat nog tekst; verwijder die"
        }
        _ if what.starts_with("control character") => {
            "een tekst loopt over het einde van de regel of bevat een stuurteken; zet elke tekst op één regel en sluit hem af met \""
        }
        _ if what.contains("escape") || what.contains("surrogate") || what.contains("unicode") => {
            "ongeldig teken na een \\ in een tekst; schrijf \\\\ voor een backslash"
        }
        _ if what.contains("number") => {
            "ongeldig getal; een oordeel is een tekst zoals \"voldoende\""
        }
        _ if what.starts_with("recursion limit") => "het bestand is te diep genest",
        _ => {
            shape = true;
            "dit is geen geldige JSON"
        }
    };
    format!(
        "geen geldige JSON op regel {}, teken {}: {dutch}{}",
        error.line(),
        error.column().max(1),
        if shape {
            format!("; {SHAPE}")
        } else {
            String::new()
        }
    )
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
