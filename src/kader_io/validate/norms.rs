//! The norms on figures: a known termijn or the zicht-op-veiligheid figure (exactly one), a
//! percentage from 1 to 100, known verwachtingen (by default the termijn's own, which must then
//! have some; a zicht-op-veiligheid norm names its own).

use crate::domain::kader::{Norm, NormFigure};
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
            // The figure: a termijn's share, or zicht op veiligheid; exactly one.
            let mut deadline = None;
            let figure = match (&n.termijn, &n.cijfer) {
                (Some(termijn), None) => {
                    deadline = deadlines.iter().find(|d| d.id == *termijn.get_ref());
                    if deadline.is_none() {
                        let known: Vec<&str> = deadlines.iter().map(|d| d.id.as_str()).collect();
                        self.problem(
                            Some(termijn.span()),
                            format!("{field}.termijn"),
                            if known.is_empty() {
                                format!(
                                    "onbekende termijn '{}': dit kader heeft geen termijnen",
                                    termijn.get_ref()
                                )
                            } else {
                                format!(
                                    "onbekende termijn '{}'; kies {}",
                                    termijn.get_ref(),
                                    known.join(", ")
                                )
                            },
                        );
                    }
                    deadline.map(|d| NormFigure::Deadline(d.id.clone()))
                }
                (None, Some(cijfer)) if cijfer.get_ref() == "zicht_op_veiligheid" => {
                    Some(NormFigure::InSight)
                }
                (None, Some(cijfer)) => {
                    self.problem(
                        Some(cijfer.span()),
                        format!("{field}.cijfer"),
                        format!(
                            "onbekend cijfer '{}'; kies zicht_op_veiligheid (of geef een termijn)",
                            cijfer.get_ref()
                        ),
                    );
                    None
                }
                (Some(termijn), Some(_)) => {
                    self.problem(
                        Some(termijn.span()),
                        &field,
                        "een norm gaat over één cijfer: geef termijn of cijfer, niet beide"
                            .to_string(),
                    );
                    None
                }
                (None, None) => {
                    self.problem(
                        Some(n.minimaal.span()),
                        &field,
                        "een norm gaat over een cijfer: geef termijn = \"…\" of cijfer = \"zicht_op_veiligheid\""
                            .to_string(),
                    );
                    None
                }
            };
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
            if figure.is_some() && expectations.is_empty() {
                self.problem(
                    Some(n.minimaal.span()),
                    format!("{field}.verwachtingen"),
                    "een norm hoort bij een verwachting; noem er minstens één".to_string(),
                );
            }
            if let (Some(figure), Some(p)) = (figure, percent)
                && p > 0
                && !expectations.is_empty()
            {
                out.push(Norm {
                    figure,
                    min_percent: p,
                    expectations,
                    rule: n.regel.trim().to_string(),
                });
            }
        }
        out
    }
}
