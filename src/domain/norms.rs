//! Norms on figures (issue 13, seed 004): the kader may tie a figure — the share of dossiers
//! within a termijn, or the share of waiting cases with zicht op veiligheid — to verwachtingen
//! with a threshold ("minimaal 80% binnen de termijn"). The app and the rapport show the figure,
//! the norm and a *suggested* oordeel beside the verwachting; the inspector decides, a
//! suggestion never sets an oordeel.

use super::inspection::Inspection;
use super::judgement::JudgementValue;
use super::kader::{Norm, NormFigure};
use super::termijn::{DeadlineDef, DeadlineSummary};
use super::wachtlijst::WaitlistFigures;

/// The figure of a norm for this onderzoek.
#[derive(Debug, Clone, PartialEq)]
pub enum Figure<'a> {
    /// The share within a termijn, with its basis.
    Deadline {
        def: &'a DeadlineDef,
        summary: DeadlineSummary,
    },
    /// The waiting cases and how many of them had a recent contact.
    InSight(WaitlistFigures),
}

/// A norm with the figure it is about, for this onderzoek.
#[derive(Debug, Clone, PartialEq)]
pub struct NormCheck<'a> {
    pub norm: &'a Norm,
    pub figure: Figure<'a>,
}

impl NormCheck<'_> {
    /// The figure, 0.0..=1.0, when there is one.
    pub fn share(&self) -> Option<f64> {
        match &self.figure {
            Figure::Deadline { summary, .. } => summary.share_met(),
            Figure::InSight(w) => w.share_in_sight(),
        }
    }

    /// The figure as a whole percentage, rounded half up, when there is one.
    pub fn percent(&self) -> Option<u32> {
        self.share()
            .map(|x| (x * 100.0).round().clamp(0.0, 100.0) as u32)
    }

    /// The termijn the figure is about, if any.
    pub fn deadline(&self) -> Option<&DeadlineDef> {
        match &self.figure {
            Figure::Deadline { def, .. } => Some(def),
            Figure::InSight(_) => None,
        }
    }

    /// What the figure measures: the termijn's name, or "Zicht op veiligheid: wachtende zaken
    /// met contact in de laatste 30 dagen".
    pub fn name(&self) -> String {
        match &self.figure {
            Figure::Deadline { def, .. } => def.name.clone(),
            Figure::InSight(w) => format!(
                "Zicht op veiligheid: wachtende zaken met contact in de laatste {} dagen",
                w.days
            ),
        }
    }

    /// The figure with its basis: "41 van 60 dossiers binnen termijn; …", "6 van 10 wachtende
    /// zaken met contact (60%)", or why there is none.
    pub fn basis(&self) -> String {
        match &self.figure {
            Figure::Deadline { summary, .. } => match summary.share_met() {
                Some(_) => summary.describe(),
                None => "geen cijfer: geen dossiers met een bekende uitkomst".to_string(),
            },
            Figure::InSight(w) => match self.percent() {
                Some(p) => format!(
                    "{} van {} wachtende {} met contact ({p}%)",
                    w.in_sight,
                    w.waiting,
                    if w.waiting == 1 { "zaak" } else { "zaken" }
                ),
                None => "geen cijfer: er wachten geen zaken".to_string(),
            },
        }
    }

    /// Whether the figure reaches the norm; `None` without a figure. Compared on the exact
    /// share, not the rounded percentage (79.6% does not reach 80%).
    pub fn reached(&self) -> Option<bool> {
        self.share()
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
        match self.figure {
            Figure::Deadline { .. } => format!(
                "norm: minimaal {}% binnen de termijn",
                self.norm.min_percent
            ),
            Figure::InSight(_) => format!(
                "norm: minimaal {}% van de wachtende zaken met recent contact",
                self.norm.min_percent
            ),
        }
    }

    /// "Onderzoek afgerond binnen tien weken: 62% (norm minimaal 80%): norm niet gehaald,
    /// suggestie onvoldoende"
    pub fn line(&self) -> String {
        let figure = self
            .percent()
            .map_or_else(|| "geen cijfer".to_string(), |p| format!("{p}%"));
        let verdict = match self.reached() {
            Some(true) => "norm gehaald, suggestie voldoende".to_string(),
            Some(false) => "norm niet gehaald, suggestie onvoldoende".to_string(),
            None => "geen suggestie zonder cijfer".to_string(),
        };
        format!(
            "{}: {figure} (norm minimaal {}%): {verdict}",
            self.name(),
            self.norm.min_percent
        )
    }
}

impl Inspection {
    /// Every norm of the kader with its figure for this onderzoek, in kader order.
    pub fn norm_checks(&self) -> Vec<NormCheck<'_>> {
        if self.framework.norms.is_empty() {
            return Vec::new();
        }
        self.norm_checks_from(&self.deadline_summaries())
    }

    /// [`Inspection::norm_checks`] from the share within each termijn already computed
    /// (`summaries`, aligned with the kader's termijnen, as [`Inspection::deadline_summaries`]
    /// gives them): a screen computes those once per change, not per frame.
    pub fn norm_checks_from(&self, summaries: &[DeadlineSummary]) -> Vec<NormCheck<'_>> {
        self.framework
            .norms
            .iter()
            .filter_map(|norm| {
                let figure = match &norm.figure {
                    NormFigure::Deadline(id) => {
                        let (i, def) = self
                            .framework
                            .deadlines
                            .iter()
                            .enumerate()
                            .find(|(_, d)| d.id == *id)?;
                        Figure::Deadline {
                            def,
                            summary: summaries.get(i).copied().unwrap_or_default(),
                        }
                    }
                    NormFigure::InSight => Figure::InSight(self.waitlist_figures()),
                };
                Some(NormCheck { norm, figure })
            })
            .collect()
    }

    /// The norms that inform verwachting `id`, with their figures.
    pub fn norm_checks_for(&self, id: &str) -> Vec<NormCheck<'_>> {
        if !self
            .framework
            .norms
            .iter()
            .any(|n| n.expectations.iter().any(|e| e == id))
        {
            return Vec::new();
        }
        self.norm_checks()
            .into_iter()
            .filter(|c| c.norm.expectations.iter().any(|e| e == id))
            .collect()
    }
}
