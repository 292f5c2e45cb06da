//! Rounds of a hertoets and the inspectors' oordeel per criterium (seed 003).
//!
//! **Rounds.** A hertoets file is made from the file of the round before it and keeps every
//! earlier round, read-only: the first onderzoek, then each hertoets (a chain stap 1 → hertoets
//! → second hertoets keeps them all). A [`Round`] holds what that round concluded: its date, its
//! eindoordeel, and per verwachting and per criterium the oordeel with its onderbouwing. The
//! per-verwachting [`Trend`] (opgeheven / aanhoudend / nieuw) compares the latest earlier round
//! with the oordelen now.
//!
//! **Criterion oordelen.** A kader may declare a scale for an oordeel per criterium
//! ([`super::kader::Framework::criterion_scale`]; stap 1: V voldoende, M matig, O onvoldoende).
//! It is the inspectors' own call, with its own onderbouwing ("Ad 1.1"): the seed says a
//! criterium can be voldoende while not every verwachting is met, so it is never computed from
//! the verwachtingen, and it does not change the eindoordeel. One record per criterium (id: the
//! criterium id), versioned like every other record; frozen after vaststellen like the oordelen.

use std::collections::BTreeMap;

use jiff::civil::Date;
use uuid::Uuid;

use super::inspection::{Inspection, Stamp};
use super::judgement::{Judgement, JudgementSet, JudgementValue};
use super::kader::{Framework, Verdict};
use super::kinds::CriteriumOordeelData;
use super::record::{Change, Kinded, Revision};
use super::status::Status;
use super::wederhoor::Refused;

/// An oordeel of an earlier round: the textual oordeel ("onvoldoende:wachtlijst", or a criterion
/// scale code such as "M") and its onderbouwing.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RoundOordeel {
    pub oordeel: String,
    pub onderbouwing: String,
}

/// One earlier round of this onderzoek, as it was concluded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Round {
    /// The earlier onderzoek's id.
    pub onderzoek: String,
    /// Its name in the rapport's tables and Inleiding: "Onderzoek", "Hertoets",
    /// "Tweede hertoets" ([`round_name`]).
    pub naam: String,
    /// The organisation and kader: "Veilig Thuis Drenthe (Toetsingskader Veilig Thuis 2015)".
    pub omschrijving: String,
    /// The first visit day of that round.
    pub datum: Option<Date>,
    /// Its eindoordeel, if it had a final one.
    pub eindoordeel: Option<Verdict>,
    /// verwachting id → its oordeel then.
    pub oordelen: BTreeMap<String, RoundOordeel>,
    /// criterium id → the criterion oordeel then (kaders with criterion oordelen).
    pub criteria: BTreeMap<String, RoundOordeel>,
}

/// The name of round `index` (0: the first onderzoek) in a chain of rounds.
pub fn round_name(index: usize) -> String {
    const ORDINALS: [&str; 8] = [
        "Tweede", "Derde", "Vierde", "Vijfde", "Zesde", "Zevende", "Achtste", "Negende",
    ];
    match index {
        0 => "Onderzoek".to_string(),
        1 => "Hertoets".to_string(),
        n => match ORDINALS.get(n - 2) {
            Some(o) => format!("{o} hertoets"),
            None => format!("Hertoets {n}"),
        },
    }
}

impl Round {
    /// The oordelen of this round against `framework` (an oordeel it cannot read, written with
    /// another version of the kader, counts as not judged).
    pub fn judgements(&self, framework: &Framework) -> JudgementSet {
        let mut set = JudgementSet::empty(framework);
        for (id, o) in &self.oordelen {
            if let Some(index) = framework.index_of(id)
                && let Ok(j) = Judgement::parse(framework, index, &o.oordeel)
            {
                set.set(index, j);
            }
        }
        set
    }

    /// The value of the oordeel on verwachting `id` in this round, if it had one.
    pub fn value(&self, framework: &Framework, id: &str) -> Option<JudgementValue> {
        let index = framework.index_of(id)?;
        let o = self.oordelen.get(id)?;
        match Judgement::parse(framework, index, &o.oordeel).ok()? {
            Judgement::Met => Some(JudgementValue::Voldoende),
            Judgement::NotMet { .. } => Some(JudgementValue::Onvoldoende),
            Judgement::NotJudged => None,
        }
    }

    /// "8 van de 24": the scored verwachtingen met in this round, and how many are scored.
    pub fn met_of(&self, framework: &Framework) -> (usize, usize) {
        count_met(framework, |id| self.value(framework, id))
    }
}

/// The scored verwachtingen met, and how many are scored, given each one's value.
fn count_met(
    framework: &Framework,
    value: impl Fn(&str) -> Option<JudgementValue>,
) -> (usize, usize) {
    let scored: Vec<&str> = framework
        .expectations()
        .iter()
        .filter(|e| e.expectation.assessment.is_scored())
        .map(|e| e.expectation.id.as_str())
        .collect();
    let met = scored
        .iter()
        .filter(|id| value(id) == Some(JudgementValue::Voldoende))
        .count();
    (met, scored.len())
}

/// How a verwachting moved from the latest earlier round to now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trend {
    /// Onvoldoende then, voldoende now: the verbeterpunt is opgeheven.
    Opgeheven,
    /// Onvoldoende then and now.
    Aanhoudend,
    /// Voldoende then, onvoldoende now.
    Nieuw,
}

impl Trend {
    pub fn as_str(self) -> &'static str {
        match self {
            Trend::Opgeheven => "opgeheven",
            Trend::Aanhoudend => "aanhoudend",
            Trend::Nieuw => "nieuw",
        }
    }

    /// The trend from the oordeel then to the oordeel now; `None` when either is missing or
    /// both are voldoende.
    pub fn between(then: Option<JudgementValue>, now: Option<JudgementValue>) -> Option<Trend> {
        use JudgementValue::{Onvoldoende, Voldoende};
        match (then?, now?) {
            (Onvoldoende, Voldoende) => Some(Trend::Opgeheven),
            (Onvoldoende, Onvoldoende) => Some(Trend::Aanhoudend),
            (Voldoende, Onvoldoende) => Some(Trend::Nieuw),
            _ => None,
        }
    }
}

impl Inspection {
    /// The latest earlier round, if this is a hertoets.
    pub fn previous_round(&self) -> Option<&Round> {
        self.rounds.last()
    }

    /// The name of this file's own round ("Hertoets" when one round came before).
    pub fn round_name(&self) -> String {
        round_name(self.rounds.len())
    }

    /// What this onderzoek concluded, as a round of a hertoets made from it.
    pub fn as_round(&self) -> Round {
        let details = self.details_data();
        // Every verwachting, as the eindoordeel saw it (a conflict counts as not judged).
        let judgements = self.judgements();
        let oordelen = judgements
            .to_texts(&self.framework)
            .into_iter()
            .map(|(id, oordeel)| {
                let onderbouwing = (!self.oordelen.is_conflicted(&id))
                    .then(|| self.oordeel(&id))
                    .flatten()
                    .map(|o| o.data.onderbouwing.trim().to_string())
                    .unwrap_or_default();
                (
                    id,
                    RoundOordeel {
                        oordeel,
                        onderbouwing,
                    },
                )
            })
            .collect();
        let criteria = self
            .criteriumoordelen
            .current()
            .filter(|r| !r.data.oordeel.trim().is_empty())
            .filter(|r| !self.criteriumoordelen.is_conflicted(&r.meta.entity))
            .map(|r| {
                (
                    r.meta.entity.clone(),
                    RoundOordeel {
                        oordeel: r.data.oordeel.trim().to_string(),
                        onderbouwing: r.data.onderbouwing.trim().to_string(),
                    },
                )
            })
            .collect();
        let eindoordeel = match self.status() {
            Status::Final(v) => Some(v),
            _ => None,
        };
        Round {
            onderzoek: self.id.to_string(),
            naam: self.round_name(),
            omschrijving: format!("{} ({})", details.organisatie.trim(), self.framework.title),
            datum: details.bezoek_van,
            eindoordeel,
            oordelen,
            criteria,
        }
    }

    /// The rounds a hertoets made from this file keeps: every earlier round of this file, then
    /// this file's own.
    pub fn rounds_for_hertoets(&self) -> Vec<Round> {
        let mut rounds = self.rounds.clone();
        rounds.push(self.as_round());
        rounds
    }

    /// How verwachting `id` moved since the latest earlier round (`None` without one).
    pub fn trend(&self, id: &str) -> Option<Trend> {
        let then = self.previous_round()?.value(&self.framework, id);
        let now = self.oordeel(id).and_then(|o| match o.data.value {
            JudgementValue::NietBeoordeeld => None,
            v => Some(v),
        });
        Trend::between(then, now)
    }

    /// "18 van de 24" now: the scored verwachtingen met and how many are scored.
    pub fn met_of(&self) -> (usize, usize) {
        count_met(&self.framework, |id| {
            (!self.oordelen.is_conflicted(id))
                .then(|| self.oordeel(id).map(|o| o.data.value))
                .flatten()
                .filter(|v| *v != JudgementValue::NietBeoordeeld)
        })
    }

    /// The current criterion oordeel on criterium `id` (for a conflicted one the placeholder of
    /// `History`; see [`Inspection::is_conflicted`]).
    pub fn criterion_oordeel(&self, id: &str) -> Option<&Revision<CriteriumOordeelData>> {
        self.criteriumoordelen.get(id)
    }

    /// A new version of the criterion oordeel on criterium `criterium`: the code on the kader's
    /// scale (empty: not judged) and the onderbouwing; like every new version it replaces all
    /// current versions, so it resolves a conflict. Refused for a kader without criterion
    /// oordelen, an unknown criterium or code, and once vastgesteld.
    pub fn set_criterion_oordeel(
        &self,
        criterium: &str,
        code: &str,
        onderbouwing: &str,
        author: Uuid,
        stamp: Stamp,
    ) -> Result<Change, Refused> {
        self.refuse_if_frozen()?;
        let fw = &self.framework;
        if !fw.has_criterion_oordelen() {
            return Err(Refused(vec![format!(
                "het kader {} kent geen oordeel per criterium",
                fw.id
            )]));
        }
        let mut reasons = Vec::new();
        if fw.criterion(criterium).is_none() {
            reasons.push(format!(
                "criterium '{criterium}' staat niet in het toetsingskader"
            ));
        }
        let code = code.trim();
        let level = if code.is_empty() {
            None
        } else {
            match fw.criterion_level(code) {
                Some(level) => Some(level.code.clone()),
                None => {
                    let known: Vec<String> = fw
                        .criterion_scale
                        .iter()
                        .map(|l| format!("{} ({})", l.code, l.name))
                        .collect();
                    reasons.push(format!(
                        "'{code}' is geen oordeel op de schaal van dit kader; kies {}",
                        known.join(", ")
                    ));
                    None
                }
            }
        };
        if !reasons.is_empty() {
            return Err(Refused(reasons));
        }
        let data = CriteriumOordeelData {
            oordeel: level.unwrap_or_default(),
            onderbouwing: onderbouwing.trim().to_string(),
        };
        Ok(self.change(criterium, data.into_record(), author, stamp))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounds_are_named_in_order() {
        let names: Vec<String> = (0..4).map(round_name).collect();
        assert_eq!(
            names,
            ["Onderzoek", "Hertoets", "Tweede hertoets", "Derde hertoets"]
        );
        assert_eq!(round_name(20), "Hertoets 20");
    }

    #[test]
    fn trends_between_two_rounds() {
        use JudgementValue::{NietBeoordeeld, Onvoldoende, Voldoende};
        let cases = [
            (Some(Onvoldoende), Some(Voldoende), Some(Trend::Opgeheven)),
            (
                Some(Onvoldoende),
                Some(Onvoldoende),
                Some(Trend::Aanhoudend),
            ),
            (Some(Voldoende), Some(Onvoldoende), Some(Trend::Nieuw)),
            (Some(Voldoende), Some(Voldoende), None),
            (None, Some(Onvoldoende), None),
            (Some(Onvoldoende), None, None),
            (Some(NietBeoordeeld), Some(Onvoldoende), None),
        ];
        for (then, now, expected) in cases {
            assert_eq!(Trend::between(then, now), expected, "{then:?} → {now:?}");
        }
    }
}
