//! The kerndata asked per onderzoek (`[[kerngegeven]]`, optional): well-formed unique ids, a
//! naam, a known soort (aantal, bedrag, fte), at most [`MAX_KEY_FIGURES`].

use std::collections::HashSet;

use crate::domain::kerndata::{KeyFigure, KeyFigureKind};

use super::super::dto::KerngegevenDto;
use super::Validator;

/// Most kerngegevens a kader may ask for.
pub const MAX_KEY_FIGURES: usize = 100;

impl Validator<'_> {
    pub(super) fn key_figures(&mut self, dtos: &[KerngegevenDto]) -> Vec<KeyFigure> {
        if dtos.len() > MAX_KEY_FIGURES {
            self.problem(
                Some(dtos[MAX_KEY_FIGURES].id.span()),
                "kerngegeven",
                format!(
                    "{} kerngegevens; een kader vraagt er ten hoogste {MAX_KEY_FIGURES}",
                    dtos.len()
                ),
            );
        }
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for (i, d) in dtos.iter().enumerate() {
            let field = format!("kerngegeven[{}]", i + 1);
            self.unique(&mut seen, &d.id, &format!("{field}.id"));
            self.token_id(&d.id, &format!("{field}.id"), "structureel_budget");
            if d.naam.get_ref().trim().is_empty() {
                self.problem(
                    Some(d.naam.span()),
                    format!("{field}.naam"),
                    "mag niet leeg zijn: zeg wat er gevraagd wordt (bijvoorbeeld Structureel budget)"
                        .to_string(),
                );
            }
            let Some(kind) = KeyFigureKind::parse(d.soort.get_ref().trim()) else {
                self.problem(
                    Some(d.soort.span()),
                    format!("{field}.soort"),
                    format!(
                        "onbekende soort '{}'; kies aantal, bedrag of fte",
                        d.soort.get_ref()
                    ),
                );
                continue;
            };
            let unit = d
                .eenheid
                .as_deref()
                .map(str::trim)
                .unwrap_or(kind.default_unit());
            out.push(KeyFigure {
                id: d.id.get_ref().clone(),
                label: d.naam.get_ref().trim().to_string(),
                kind,
                unit: unit.to_string(),
                period: d.periode.trim().to_string(),
                group: d.groep.trim().to_string(),
            });
        }
        out
    }
}
