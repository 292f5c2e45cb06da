//! Oordelen: the judgement of one verwachting, and a complete set of them for one kader.
//!
//! The textual form is the stable contract of the CLI and the judgements JSON:
//! `"voldoende"`, `"onvoldoende"`, `"onvoldoende:<variant>"` or `"niet_beoordeeld"`.

use std::collections::BTreeMap;
use std::fmt;

use thiserror::Error;

use super::kader::{Framework, Verdict};

/// The judgement of one verwachting, resolved against a kader (variants are indices into
/// `Framework::rules.variants`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Judgement {
    Met,
    NotMet {
        variant: Option<usize>,
    },
    #[default]
    NotJudged,
}

/// The three values an inspector chooses between, without the variant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum JudgementValue {
    Voldoende,
    Onvoldoende,
    NietBeoordeeld,
}

impl JudgementValue {
    pub fn as_str(self) -> &'static str {
        match self {
            JudgementValue::Voldoende => "voldoende",
            JudgementValue::Onvoldoende => "onvoldoende",
            JudgementValue::NietBeoordeeld => "niet_beoordeeld",
        }
    }

    /// Dutch label for screens and the rapport.
    pub fn label(self) -> &'static str {
        match self {
            JudgementValue::Voldoende => "voldoende",
            JudgementValue::Onvoldoende => "onvoldoende",
            JudgementValue::NietBeoordeeld => "niet beoordeeld",
        }
    }

    pub fn parse(s: &str) -> Option<JudgementValue> {
        [
            JudgementValue::Voldoende,
            JudgementValue::Onvoldoende,
            JudgementValue::NietBeoordeeld,
        ]
        .into_iter()
        .find(|v| v.as_str() == s)
    }
}

impl fmt::Display for JudgementValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Judgement {
    pub fn value(self) -> JudgementValue {
        match self {
            Judgement::Met => JudgementValue::Voldoende,
            Judgement::NotMet { .. } => JudgementValue::Onvoldoende,
            Judgement::NotJudged => JudgementValue::NietBeoordeeld,
        }
    }

    /// Parses the textual form for verwachting `expectation` of `framework`. A plain
    /// `"onvoldoende"` on a verwachting with variants means its default variant. Inventoried and
    /// not-assessed verwachtingen accept any value (their variants are not checked).
    pub fn parse(
        framework: &Framework,
        expectation: usize,
        text: &str,
    ) -> Result<Judgement, JudgementError> {
        let scored = framework.expectation(expectation).assessment.is_scored();
        let id = || framework.expectation(expectation).id.clone();
        let (value, variant) = match text.split_once(':') {
            Some((v, variant)) => (v, Some(variant)),
            None => (text, None),
        };
        match (JudgementValue::parse(value), variant) {
            (Some(JudgementValue::Voldoende), None) => Ok(Judgement::Met),
            (Some(JudgementValue::NietBeoordeeld), None) => Ok(Judgement::NotJudged),
            (Some(JudgementValue::Onvoldoende), None) => Ok(Judgement::NotMet {
                variant: framework.default_variant(expectation),
            }),
            (Some(JudgementValue::Onvoldoende), Some(_)) if !scored => {
                Ok(Judgement::NotMet { variant: None })
            }
            (Some(JudgementValue::Onvoldoende), Some(name)) => framework
                .variants_of(expectation)
                .find(|(_, v)| v.id == name)
                .map(|(i, _)| Judgement::NotMet { variant: Some(i) })
                .ok_or_else(|| JudgementError::UnknownVariant {
                    expectation: id(),
                    variant: name.to_string(),
                    allowed: framework
                        .variants_of(expectation)
                        .map(|(_, v)| v.id.clone())
                        .collect(),
                }),
            (Some(_), Some(_)) | (None, _) => Err(JudgementError::UnknownValue {
                expectation: id(),
                value: text.to_string(),
            }),
        }
    }

    /// The textual form, e.g. `onvoldoende:wachtlijst`.
    pub fn to_text(self, framework: &Framework) -> String {
        match self {
            Judgement::NotMet { variant: Some(v) } => {
                format!("onvoldoende:{}", framework.rules.variants[v].id)
            }
            other => other.value().as_str().to_string(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum JudgementError {
    #[error(
        "onbekende verwachting '{0}': die staat niet in dit toetsingskader; gebruik het nummer van een verwachting zoals het in het kader staat"
    )]
    UnknownExpectation(String),
    #[error(
        "onbekend oordeel '{value}' bij verwachting {expectation}; toegestaan: voldoende, onvoldoende, onvoldoende:<variant>, niet_beoordeeld"
    )]
    UnknownValue { expectation: String, value: String },
    #[error("onbekende variant '{variant}' bij verwachting {expectation}; {}", allowed_variants(.allowed))]
    UnknownVariant {
        expectation: String,
        variant: String,
        allowed: Vec<String>,
    },
}

fn allowed_variants(allowed: &[String]) -> String {
    if allowed.is_empty() {
        "deze verwachting kent geen varianten".to_string()
    } else {
        format!("toegestaan: {}", allowed.join(", "))
    }
}

/// One judgement per verwachting of a kader, aligned with `Framework::expectations()`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JudgementSet {
    values: Vec<Judgement>,
    /// The eindoordeel chosen by the analyst, for a kader whose measure is a choice
    /// ([`crate::domain::kader::Measure::Choice`]); ignored by the other measures.
    chosen: Option<Verdict>,
}

impl JudgementSet {
    /// Every verwachting niet beoordeeld.
    pub fn empty(framework: &Framework) -> JudgementSet {
        JudgementSet {
            values: vec![Judgement::NotJudged; framework.expectations().len()],
            chosen: None,
        }
    }

    /// Builds a set from id → textual judgement; ids not mentioned are niet beoordeeld.
    pub fn from_texts<'a>(
        framework: &Framework,
        entries: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<JudgementSet, JudgementError> {
        let mut set = JudgementSet::empty(framework);
        for (id, text) in entries {
            let index = framework
                .index_of(id)
                .ok_or_else(|| JudgementError::UnknownExpectation(id.to_string()))?;
            set.values[index] = Judgement::parse(framework, index, text)?;
        }
        Ok(set)
    }

    pub fn get(&self, expectation: usize) -> Judgement {
        self.values[expectation]
    }

    pub fn set(&mut self, expectation: usize, judgement: Judgement) {
        self.values[expectation] = judgement;
    }

    /// The eindoordeel chosen by the analyst (kaders with `maat = "keuze"`).
    pub fn chosen(&self) -> Option<Verdict> {
        self.chosen
    }

    pub fn set_chosen(&mut self, verdict: Option<Verdict>) {
        self.chosen = verdict;
    }

    pub fn iter(&self) -> impl Iterator<Item = (usize, Judgement)> + '_ {
        self.values.iter().copied().enumerate()
    }

    /// id → textual judgement, for JSON output.
    pub fn to_texts(&self, framework: &Framework) -> BTreeMap<String, String> {
        self.iter()
            .map(|(i, j)| (framework.expectation(i).id.clone(), j.to_text(framework)))
            .collect()
    }
}
