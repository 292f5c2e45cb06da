//! The vervolg: unique ids, a known start (`na`), a bounded non-zero term in weeks or months,
//! known eindoordelen.

use std::collections::HashSet;

use crate::domain::kader::{FollowUp, FollowUpFrom};

use super::super::dto::VervolgDto;
use super::Validator;

/// The longest term a vervolg step may have: two years.
const MAX_MONTHS: u32 = 24;

impl Validator<'_> {
    pub(super) fn follow_ups(&mut self, dtos: &[VervolgDto]) -> Vec<FollowUp> {
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for (i, v) in dtos.iter().enumerate() {
            let field = format!("vervolg[{}]", i + 1);
            self.unique(&mut seen, &v.id, &format!("{field}.id"));
            if v.tekst.trim().is_empty() {
                self.problem(
                    None,
                    format!("{field}.tekst"),
                    "mag niet leeg zijn: zeg wat er gebeurt".to_string(),
                );
            }
            let from = FollowUpFrom::parse(v.na.get_ref());
            if from.is_none() {
                self.problem(
                    Some(v.na.span()),
                    format!("{field}.na"),
                    format!(
                        "onbekend beginpunt '{}'; kies concept_verzonden of vastgesteld",
                        v.na.get_ref()
                    ),
                );
            }
            let weeks = v.weken.as_ref().map(|n| {
                self.number(
                    n,
                    &format!("{field}.weken"),
                    "het aantal weken",
                    MAX_MONTHS * 5,
                )
            });
            let months = v.maanden.as_ref().map(|n| {
                self.number(
                    n,
                    &format!("{field}.maanden"),
                    "het aantal maanden",
                    MAX_MONTHS,
                )
            });
            let (weeks, months) = match (weeks, months) {
                (Some(Some(w)), None) if w > 0 => (w, 0),
                (None, Some(Some(m))) if m > 0 => (0, m),
                (Some(None), _) | (_, Some(None)) => (0, 0), // reported by `number`
                _ => {
                    self.problem(
                        None,
                        field.clone(),
                        "geef de termijn in weken óf in maanden (meer dan nul)".to_string(),
                    );
                    (0, 0)
                }
            };
            let verdicts: Vec<_> = v
                .eindoordelen
                .iter()
                .enumerate()
                .filter_map(|(j, e)| self.verdict(e, &format!("{field}.eindoordelen[{}]", j + 1)))
                .collect();
            if let Some(from) = from {
                out.push(FollowUp {
                    id: v.id.get_ref().clone(),
                    text: v.tekst.trim().to_string(),
                    from,
                    weeks,
                    months,
                    verdicts,
                });
            }
        }
        out
    }
}
