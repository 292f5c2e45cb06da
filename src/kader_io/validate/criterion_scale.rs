//! The scale of the criterion oordelen (optional): at least two levels, each with a unique code
//! of one to three capital letters and a name.

use std::collections::HashSet;

use crate::domain::kader::CriterionLevel;

use super::super::dto::CriteriumoordeelDto;
use super::Validator;

impl Validator<'_> {
    pub(super) fn criterion_scale(&mut self, dtos: &[CriteriumoordeelDto]) -> Vec<CriterionLevel> {
        if dtos.len() == 1 {
            self.problem(
                Some(dtos[0].code.span()),
                "criteriumoordeel",
                "een schaal van één oordeel zegt niets; geef er minstens twee (bijvoorbeeld V, M en O) of laat criteriumoordeel weg"
                    .to_string(),
            );
        }
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for (i, level) in dtos.iter().enumerate() {
            let field = format!("criteriumoordeel[{}]", i + 1);
            let code = level.code.get_ref().trim();
            let well_formed = (1..=3).contains(&code.chars().count())
                && code.chars().all(|c| c.is_ascii_uppercase());
            if !well_formed {
                self.problem(
                    Some(level.code.span()),
                    format!("{field}.code"),
                    format!(
                        "'{code}' is geen geldige code: gebruik één tot drie hoofdletters, zoals V, M of O"
                    ),
                );
            } else if !seen.insert(code.to_string()) {
                self.problem(
                    Some(level.code.span()),
                    format!("{field}.code"),
                    format!("de code '{code}' staat er al eerder in"),
                );
            }
            if level.naam.trim().is_empty() {
                self.problem(
                    None,
                    format!("{field}.naam"),
                    "mag niet leeg zijn: zeg wat de code betekent (bijvoorbeeld voldoende)"
                        .to_string(),
                );
            }
            out.push(CriterionLevel {
                code: code.to_string(),
                name: level.naam.trim().to_string(),
            });
        }
        out
    }
}
