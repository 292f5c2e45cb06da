//! Norms on figures (issue 13, seed 004): the kader may tie a figure — the share of dossiers
//! within a termijn — to verwachtingen with a threshold ("minimaal 80% binnen de termijn"). The
//! app and the rapport show the figure, the norm and a *suggested* oordeel beside the
//! verwachting; the inspector decides, a suggestion never sets an oordeel.

use super::inspection::Inspection;
use super::judgement::JudgementValue;
use super::kader::Norm;
use super::termijn::{DeadlineDef, DeadlineSummary};

/// A norm with the figure it is about, for this onderzoek.
#[derive(Debug, Clone, PartialEq)]
pub struct NormCheck<'a> {
    pub norm: &'a Norm,
    pub deadline: &'a DeadlineDef,
    pub summary: DeadlineSummary,
}

impl NormCheck<'_> {
    /// The share within term as a whole percentage, when there is one.
    pub fn percent(&self) -> Option<u32> {
        self.summary.percent_met()
    }

    /// Whether the figure reaches the norm; `None` without a figure. Compared on the exact
    /// share, not the rounded percentage (79.6% does not reach 80%).
    pub fn reached(&self) -> Option<bool> {
        self.summary
            .share_met()
            .map(|x| x * 100.0 >= f64::from(self.norm.min_percent))
    }

    /// The oordeel the figure suggests: voldoende when the norm is reached, else onvoldoende;
    /// `None` without a figure.
    pub fn suggestion(&self) -> Option<JudgementValue> {
        self.reached().map(|r| {
            if r {
                JudgementValue::Voldoende
            } else {
                JudgementValue::Onvoldoende
            }
        })
    }

    /// "norm: minimaal 80% binnen de termijn"
    pub fn norm_text(&self) -> String {
        format!(
            "norm: minimaal {}% binnen de termijn",
            self.norm.min_percent
        )
    }

    /// "Onderzoek afgerond binnen tien weken: 62% binnen (norm minimaal 80%): norm niet
    /// gehaald, suggestie onvoldoende"
    pub fn line(&self) -> String {
        let figure = self
            .percent()
            .map_or_else(|| "geen cijfer".to_string(), |p| format!("{p}% binnen"));
        let verdict = match self.reached() {
            Some(true) => "norm gehaald, suggestie voldoende".to_string(),
            Some(false) => "norm niet gehaald, suggestie onvoldoende".to_string(),
            None => "geen suggestie zonder cijfer".to_string(),
        };
        format!(
            "{}: {figure} (norm minimaal {}%): {verdict}",
            self.deadline.name, self.norm.min_percent
        )
    }
}

impl Inspection {
    /// Every norm of the kader with its figure for this onderzoek, in kader order.
    pub fn norm_checks(&self) -> Vec<NormCheck<'_>> {
        let summaries = self.deadline_summaries();
        self.framework
            .norms
            .iter()
            .filter_map(|norm| {
                let (i, deadline) = self
                    .framework
                    .deadlines
                    .iter()
                    .enumerate()
                    .find(|(_, d)| d.id == norm.deadline)?;
                Some(NormCheck {
                    norm,
                    deadline,
                    summary: summaries.get(i).copied().unwrap_or_default(),
                })
            })
            .collect()
    }

    /// The norms that inform verwachting `id`, with their figures.
    pub fn norm_checks_for(&self, id: &str) -> Vec<NormCheck<'_>> {
        self.norm_checks()
            .into_iter()
            .filter(|c| c.norm.expectations.iter().any(|e| e == id))
            .collect()
    }
}
