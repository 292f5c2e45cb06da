//! The scoring engine: oordelen + beslisregels → eindoordeel, explained.
//!
//! Pure and generic over any validated kader. For every scored verwachting it reports the
//! deduction (aftrekpunten) it caused; for the whole set it reports the counts, the scale and band
//! that decided, any voorwaarde that capped the verdict, and whether the set is complete. An
//! incomplete set still gets an eindoordeel, computed over what has been judged so far and marked
//! as provisional in the rule text; a set without any oordeel has no eindoordeel to show at all
//! ([`Standing::NoJudgement`]), whatever the beslisregels give for zero.
//!
//! Sums saturate instead of wrapping. Validation bounds every weight and band limit
//! (`domain::kader::MAX_*`) so that no sum comes near `u32::MAX`; should the aftrekpunten of an
//! unvalidated kader ever get there, they stick at the top, which the open last band of a
//! monotone aftrekpunten scale maps to its worst verdict. (The counts cannot get there: they are
//! bounded by the number of verwachtingen.)

use super::judgement::{Judgement, JudgementSet};
use super::kader::{Framework, Measure, Verdict};

/// The score of one judgement set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Score {
    pub verdict: Verdict,
    /// Counts over scored verwachtingen.
    pub met: u32,
    pub not_met: u32,
    pub not_judged: u32,
    /// Sum of deductions over failed verwachtingen. Kaders that count verwachtingen met (stap 1)
    /// still report it (one point per failure by default) but do not decide on it.
    pub deductions: u32,
    /// True when every scored verwachting has been judged.
    pub complete: bool,
    /// The decisive rule in words.
    pub rule: String,
    /// Index of the scale the verdict was read from; `None` when the kader has the analyst
    /// choose the eindoordeel ([`Measure::Choice`]).
    pub scale: Option<usize>,
    /// What the kader measures (decides how the result is worded).
    pub measure: Measure,
    /// For [`Measure::Choice`]: whether the analyst has chosen an eindoordeel. Without a
    /// choice there is no eindoordeel ([`Standing::NoJudgement`]), whatever `verdict` holds.
    pub chosen: bool,
    /// The failed verwachtingen with their effect, in kader order.
    pub lines: Vec<ScoreLine>,
    /// Voorwaarden (groups that must all be met) that were not met, by index.
    pub failed_conditions: Vec<usize>,
}

/// The effect of one failed verwachting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScoreLine {
    pub expectation: usize,
    pub judgement: Judgement,
    /// Aftrekpunten this failure costs.
    pub deduction: u32,
    /// Why, in words (e.g. "telt dubbel: Beslisregel 2" or "wachtlijst: telt niet mee").
    pub explanation: String,
}

/// Scores `judgements` with the beslisregels of `framework`.
pub fn score(framework: &Framework, judgements: &JudgementSet) -> Score {
    let rules = &framework.rules;
    if rules.measure == Measure::Choice {
        return chosen_score(framework, judgements);
    }
    let mut met: u32 = 0;
    let mut not_met: u32 = 0;
    let mut not_judged: u32 = 0;
    let mut deductions: u32 = 0;
    let mut lines = Vec::new();
    // Scales selected by failure variants; the verdict is the worst over all of them.
    let mut scales = vec![rules.default_scale];

    for (index, judgement) in judgements.iter() {
        if !framework.expectation(index).assessment.is_scored() {
            continue;
        }
        match judgement {
            Judgement::Met => met = met.saturating_add(1),
            Judgement::NotJudged => not_judged = not_judged.saturating_add(1),
            Judgement::NotMet { variant } => {
                not_met = not_met.saturating_add(1);
                let variant = variant.map(|v| &rules.variants[v]);
                let weight = framework.deduction(index);
                let counts = variant.is_none_or(|v| v.counts);
                let deduction = if counts { weight } else { 0 };
                if let Some(scale) = variant.and_then(|v| v.scale)
                    && !scales.contains(&scale)
                {
                    scales.push(scale);
                }
                // More aftrekpunten is worse: saturating errs towards the worse eindoordeel.
                deductions = deductions.saturating_add(deduction);
                lines.push(ScoreLine {
                    expectation: index,
                    judgement,
                    deduction,
                    explanation: line_explanation(framework, index, variant, counts, weight),
                });
            }
        }
    }

    let measured = match rules.measure {
        Measure::Deductions => deductions,
        Measure::MetCount | Measure::Choice => met,
    };
    let (scale, band) = scales
        .iter()
        .map(|&s| (s, rules.scales[s].band(measured)))
        .max_by_key(|(s, band)| (band.verdict, *s != rules.default_scale))
        .expect("the default scale is always present");

    let mut verdict = band.verdict;
    let mut decisive = band.rule.clone();
    let mut failed_conditions = Vec::new();
    for (ci, condition) in rules.conditions.iter().enumerate() {
        let failed = condition
            .expectations
            .iter()
            .any(|&e| matches!(judgements.get(e), Judgement::NotMet { .. }));
        if failed {
            failed_conditions.push(ci);
            if condition.otherwise > verdict {
                verdict = condition.otherwise;
                decisive = condition.rule.clone();
            }
        }
    }

    let complete = not_judged == 0;
    let scored = met.saturating_add(not_met).saturating_add(not_judged);
    let summary = match rules.measure {
        Measure::Deductions => format!(
            "{deductions} aftrekpunt{} ({})",
            if deductions == 1 { "" } else { "en" },
            rules.scales[scale].name
        ),
        Measure::MetCount | Measure::Choice => {
            format!("{met} van {scored} verwachtingen voldoende")
        }
    };
    let mut rule = format!("{summary}. {decisive}");
    if met == 0 && not_met == 0 && not_judged > 0 {
        // Nothing judged: the beslisregels applied to zero are not an eindoordeel.
        rule = format!(
            "Nog geen oordeel: geen van de {} is beoordeeld, dus er is nog geen eindoordeel.",
            verwachtingen(scored)
        );
    } else if !complete {
        rule = format!(
            "Voorlopig: {not_judged} verwachting{} nog niet beoordeeld. {rule}",
            if not_judged == 1 { "" } else { "en" }
        );
    }

    Score {
        verdict,
        met,
        not_met,
        not_judged,
        deductions,
        complete,
        rule,
        scale: Some(scale),
        measure: rules.measure,
        chosen: false,
        lines,
        failed_conditions,
    }
}

/// The score under [`Measure::Choice`]: the eindoordeel is the one the analyst chose; the
/// verwachtingen are counted (a kader may still have some judged) but decide nothing.
fn chosen_score(framework: &Framework, judgements: &JudgementSet) -> Score {
    let (mut met, mut not_met, mut not_judged) = (0u32, 0u32, 0u32);
    let mut lines = Vec::new();
    for (index, judgement) in judgements.iter() {
        if !framework.expectation(index).assessment.is_scored() {
            continue;
        }
        match judgement {
            Judgement::Met => met = met.saturating_add(1),
            Judgement::NotJudged => not_judged = not_judged.saturating_add(1),
            Judgement::NotMet { .. } => {
                not_met = not_met.saturating_add(1);
                lines.push(ScoreLine {
                    expectation: index,
                    judgement,
                    deduction: 0,
                    explanation: String::new(),
                });
            }
        }
    }
    let chosen = judgements
        .chosen()
        .filter(|v| framework.verdicts.contains(v));
    // Without a choice there is no eindoordeel; the worst label stands in, so a caller that
    // ignores the standing never shows a better eindoordeel than there is.
    let worst = framework
        .verdicts
        .last()
        .copied()
        .unwrap_or(Verdict::ONVOLDOENDE);
    let rule = match chosen {
        Some(v) => format!(
            "Eindoordeel gekozen door de inspecteur: {}. Dit kader rekent geen eindoordeel uit; de inspecteur kiest het en onderbouwt de keuze.",
            v.label()
        ),
        None => "Nog geen eindoordeel: bij dit kader kiest de inspecteur het eindoordeel en onderbouwt de keuze.".to_string(),
    };
    Score {
        verdict: chosen.unwrap_or(worst),
        met,
        not_met,
        not_judged,
        deductions: 0,
        complete: not_judged == 0,
        rule,
        scale: None,
        measure: Measure::Choice,
        chosen: chosen.is_some(),
        lines,
        failed_conditions: Vec::new(),
    }
}

/// How far the eindoordeel has come: what a screen or rapport may claim about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// No scored verwachting has an oordeel: there is no eindoordeel, not even a provisional one.
    NoJudgement,
    /// Some scored verwachtingen have no (unambiguous) oordeel yet: the verdict over those that
    /// have one, which can still change.
    Provisional(Verdict),
    /// Every scored verwachting has an oordeel.
    Final(Verdict),
}

impl Standing {
    /// The verdict, if there is one to show.
    pub fn verdict(self) -> Option<Verdict> {
        match self {
            Standing::NoJudgement => None,
            Standing::Provisional(v) | Standing::Final(v) => Some(v),
        }
    }
}

impl Score {
    /// Scored verwachtingen with an oordeel (voldoende or onvoldoende).
    pub fn judged(&self) -> u32 {
        self.met.saturating_add(self.not_met)
    }

    /// All scored verwachtingen.
    pub fn scored(&self) -> u32 {
        self.judged().saturating_add(self.not_judged)
    }

    pub fn standing(&self) -> Standing {
        if self.measure == Measure::Choice && !self.chosen {
            Standing::NoJudgement
        } else if self.measure == Measure::Choice {
            if self.complete {
                Standing::Final(self.verdict)
            } else {
                Standing::Provisional(self.verdict)
            }
        } else if self.judged() == 0 && self.not_judged > 0 {
            Standing::NoJudgement
        } else if self.complete {
            Standing::Final(self.verdict)
        } else {
            Standing::Provisional(self.verdict)
        }
    }
}

/// The colour class of the eindoordeel on screen: only an actual verdict gets a verdict colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Neutral,
    Verdict(Verdict),
}

/// The eindoordeel as the Overzicht screen shows it: a headline, the progress in words and the
/// colour class. Pure, so what the screen claims is tested without a GUI.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Headline {
    pub standing: Standing,
    /// "nog geen oordeel", "VOLDOENDE (voorlopig)" or "VOLDOENDE".
    pub text: String,
    /// e.g. "0 van 30 verwachtingen beoordeeld; …".
    pub progress: String,
    pub tone: Tone,
}

/// The headline of `score` (see [`Headline`]).
pub fn headline(score: &Score) -> Headline {
    let standing = score.standing();
    let judged = score.judged();
    let total = score.scored();
    let of = format!("{judged} van {}", verwachtingen(total));
    let choice = score.measure == Measure::Choice;
    let (text, progress, tone) = match standing {
        Standing::NoJudgement if choice => (
            "nog geen eindoordeel".to_string(),
            "de inspecteur kiest het eindoordeel en onderbouwt de keuze; er is nog niets gekozen"
                .to_string(),
            Tone::Neutral,
        ),
        Standing::Final(v) if choice => (
            v.label().to_uppercase(),
            if total == 0 {
                "gekozen door de inspecteur".to_string()
            } else {
                format!(
                    "gekozen door de inspecteur; alle {} beoordeeld",
                    verwachtingen(total)
                )
            },
            Tone::Verdict(v),
        ),
        Standing::NoJudgement => (
            "nog geen oordeel".to_string(),
            format!(
                "{of} beoordeeld; het eindoordeel volgt uit de beslisregels zodra er oordelen zijn"
            ),
            Tone::Neutral,
        ),
        Standing::Provisional(v) => (
            format!("{} (voorlopig)", v.label().to_uppercase()),
            format!(
                "Voorlopig: {of} beoordeeld, {} nog niet; dit eindoordeel kan nog veranderen",
                score.not_judged
            ),
            Tone::Verdict(v),
        ),
        Standing::Final(v) => (
            v.label().to_uppercase(),
            format!("alle {} beoordeeld", verwachtingen(total)),
            Tone::Verdict(v),
        ),
    };
    Headline {
        standing,
        text,
        progress,
        tone,
    }
}

/// "1 verwachting", "30 verwachtingen".
fn verwachtingen(n: u32) -> String {
    format!("{n} verwachting{}", if n == 1 { "" } else { "en" })
}

fn line_explanation(
    framework: &Framework,
    index: usize,
    variant: Option<&super::kader::Variant>,
    counts: bool,
    weight: u32,
) -> String {
    let rules = &framework.rules;
    let mut parts = Vec::new();
    if let Some(v) = variant {
        parts.push(format!("{} ({})", v.name, v.id));
    }
    if rules.measure == Measure::Deductions {
        if counts {
            let reason = rules
                .deductions
                .get(&index)
                .map(|d| d.rule.clone())
                .unwrap_or_else(|| "standaardaftrek".to_string());
            parts.push(format!(
                "{weight} aftrekpunt{}: {reason}",
                if weight == 1 { "" } else { "en" }
            ));
        } else {
            parts.push("telt niet mee in de aftrekpunten".to_string());
        }
    }
    if let Some(v) = variant
        && (v.scale.is_some() || !v.rule.is_empty())
    {
        parts.push(v.rule.clone());
    }
    parts.join("; ")
}
