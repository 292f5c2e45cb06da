//! The norms on figures: a known termijn, a percentage from 1 to 100, known verwachtingen (by
//! default the termijn's own, which must then have some).

use crate::domain::kader::Norm;
use crate::domain::termijn::DeadlineDef;

use super::super::dto::NormDto;
use super::{Refs, Validator};

impl Validator<'_> {
    pub(super) fn norms(
        &mut self,
        dtos: &[NormDto],
        deadlines: &[DeadlineDef],
        refs: &Refs,
    ) -> Vec<Norm> {
        let mut out = Vec::new();
        for (i, n) in dtos.iter().enumerate() {
            let field = format!("norm[{}]", i + 1);
            let deadline = deadlines.iter().find(|d| d.id == *n.termijn.get_ref());
            if deadline.is_none() {
                let known: Vec<&str> = deadlines.iter().map(|d| d.id.as_str()).collect();
                self.problem(
                    Some(n.termijn.span()),
                    format!("{field}.termijn"),
                    if known.is_empty() {
                        format!(
                            "onbekende termijn '{}': dit kader heeft geen termijnen",
                            n.termijn.get_ref()
                        )
                    } else {
                        format!(
                            "onbekende termijn '{}'; kies {}",
                            n.termijn.get_ref(),
                            known.join(", ")
                        )
                    },
                );
            }
            let percent = self.number(
                &n.minimaal,
                &format!("{field}.minimaal"),
                "het percentage",
                100,
            );
            if percent == Some(0) {
                self.problem(
                    Some(n.minimaal.span()),
                    format!("{field}.minimaal"),
                    "een norm van 0% zegt niets; geef een percentage van 1 tot en met 100"
                        .to_string(),
                );
            }
            let expectations = match &n.verwachtingen {
                Some(list) => {
                    let mut ids = Vec::new();
                    for (ei, id) in list.iter().enumerate() {
                        if self
                            .expectation_ref(
                                refs,
                                id,
                                &format!("{field}.verwachtingen[{}]", ei + 1),
                            )
                            .is_some()
                        {
                            ids.push(id.get_ref().clone());
                        }
                    }
                    ids
                }
                None => deadline.map(|d| d.expectations.clone()).unwrap_or_default(),
            };
            if deadline.is_some() && expectations.is_empty() {
                self.problem(
                    Some(n.termijn.span()),
                    format!("{field}.verwachtingen"),
                    "een norm hoort bij een verwachting; noem er minstens één".to_string(),
                );
            }
            if let (Some(d), Some(p)) = (deadline, percent)
                && p > 0
                && !expectations.is_empty()
            {
                out.push(Norm {
                    deadline: d.id.clone(),
                    min_percent: p,
                    expectations,
                    rule: n.regel.trim().to_string(),
                });
            }
        }
        out
    }
}
