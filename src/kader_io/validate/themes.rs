//! The themes → criteria → verwachtingen: ids unique and nested, texts present, the assessment
//! known, at most `MAX_EXPECTATIONS` verwachtingen.

use std::collections::HashSet;

use crate::domain::kader::{Assessment, Criterion, Expectation, MAX_EXPECTATIONS, Theme};

use super::super::dto::{CriteriumDto, Text, ThemaDto, VerwachtingDto};
use super::Validator;

/// What the checks of one kader's themes share: the ids seen so far (unique over themes,
/// criteria and verwachtingen together) and the number of verwachtingen.
#[derive(Default)]
struct Seen {
    ids: HashSet<String>,
    expectations: usize,
}

impl Validator<'_> {
    pub(super) fn themes(&mut self, dtos: &[ThemaDto]) -> Vec<Theme> {
        let mut seen = Seen::default();
        if dtos.is_empty() {
            self.problem(None, "thema", "het kader bevat geen thema's".to_string());
        }
        dtos.iter()
            .enumerate()
            .map(|(ti, t)| self.theme(t, &format!("thema[{}]", ti + 1), &mut seen))
            .collect()
    }

    fn theme(&mut self, t: &ThemaDto, field: &str, seen: &mut Seen) -> Theme {
        self.unique(&mut seen.ids, &t.id, &format!("{field}.id"));
        if t.criterium.is_empty() {
            self.problem(
                Some(t.id.span()),
                field,
                format!("thema {} heeft geen criteria", t.id.get_ref()),
            );
        }
        let criteria = t
            .criterium
            .iter()
            .enumerate()
            .map(|(ci, c)| {
                self.criterion(c, &t.id, &format!("{field}.criterium[{}]", ci + 1), seen)
            })
            .collect();
        Theme {
            id: t.id.get_ref().clone(),
            title: t.titel.clone(),
            description: t.omschrijving.clone(),
            criteria,
        }
    }

    fn criterion(
        &mut self,
        c: &CriteriumDto,
        theme: &Text,
        field: &str,
        seen: &mut Seen,
    ) -> Criterion {
        self.unique(&mut seen.ids, &c.id, &format!("{field}.id"));
        self.extends(&c.id, theme.get_ref(), &format!("{field}.id"));
        if c.verwachting.is_empty() {
            self.problem(
                Some(c.id.span()),
                field,
                format!("criterium {} heeft geen verwachtingen", c.id.get_ref()),
            );
        }
        let expectations = c
            .verwachting
            .iter()
            .enumerate()
            .map(|(ei, e)| {
                self.expectation(e, &c.id, &format!("{field}.verwachting[{}]", ei + 1), seen)
            })
            .collect();
        Criterion {
            id: c.id.get_ref().clone(),
            title: c.titel.clone(),
            footnotes: c.voetnoten.clone(),
            expectations,
        }
    }

    fn expectation(
        &mut self,
        e: &VerwachtingDto,
        criterion: &Text,
        field: &str,
        seen: &mut Seen,
    ) -> Expectation {
        seen.expectations += 1;
        let count = seen.expectations;
        if count == MAX_EXPECTATIONS + 1 {
            self.problem(
                Some(e.id.span()),
                format!("{field}.id"),
                format!(
                    "verwachting {} is de {count}e; een kader heeft ten hoogste {MAX_EXPECTATIONS} verwachtingen",
                    e.id.get_ref()
                ),
            );
        }
        self.unique(&mut seen.ids, &e.id, &format!("{field}.id"));
        self.extends(&e.id, criterion.get_ref(), &format!("{field}.id"));
        if e.tekst.get_ref().trim().is_empty() {
            self.problem(
                Some(e.tekst.span()),
                format!("{field}.tekst"),
                "mag niet leeg zijn".to_string(),
            );
        }
        Expectation {
            id: e.id.get_ref().clone(),
            text: e.tekst.get_ref().clone(),
            footnotes: e.voetnoten.clone(),
            assessment: self.assessment(e.beoordeling.as_ref(), field),
        }
    }

    /// `beoordeling`: beoordeeld (the default), inventarisatie or buiten_beoordeling.
    fn assessment(&mut self, beoordeling: Option<&Text>, field: &str) -> Assessment {
        match beoordeling.map(|b| b.get_ref().as_str()) {
            None | Some("beoordeeld") => Assessment::Judged,
            Some("inventarisatie") => Assessment::Inventoried,
            Some("buiten_beoordeling") => Assessment::NotAssessed,
            Some(other) => {
                self.problem(
                    beoordeling.map(|b| b.span()),
                    format!("{field}.beoordeling"),
                    format!(
                        "onbekende waarde '{other}'; kies beoordeeld, inventarisatie of buiten_beoordeling"
                    ),
                );
                Assessment::Judged
            }
        }
    }
}
