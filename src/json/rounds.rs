//! The rounds of a hertoets and the criterion oordelen in `export --json`: `criteria` (per
//! criterium of a kader with criterion oordelen: id, oordeel, onderbouwing) and `rondes` (every
//! round, oldest first, this file's own last: date, eindoordeel, oordelen, criterion oordelen).

use std::collections::BTreeMap;

use serde::Serialize;

use crate::domain::inspection::{Inspection, Round, RoundOordeel};
use crate::domain::status::Status;

use super::date_out;

/// The inspectors' oordeel on one criterium.
#[derive(Debug, Serialize)]
pub struct CriteriumJson {
    /// The criterium id ("1.1").
    pub id: String,
    pub titel: String,
    /// The code on the kader's scale ("M"); `null` while not judged, or in a conflict.
    pub oordeel: Option<String>,
    /// Its meaning ("matig"), like `oordeel`.
    pub oordeel_naam: Option<String>,
    /// "Onderbouwing Ad 1.1"; `null` in a conflict.
    pub onderbouwing: Option<String>,
    pub inspecteur: Option<String>,
    /// The versions disagree (see `conflicten`).
    pub conflict: bool,
}

impl CriteriumJson {
    /// Every criterium, in kader order; empty for a kader without criterion oordelen.
    pub fn of_inspection(inspection: &Inspection) -> Vec<CriteriumJson> {
        let fw = &inspection.framework;
        if !fw.has_criterion_oordelen() {
            return Vec::new();
        }
        fw.criteria()
            .map(|c| {
                let conflict = inspection.criteriumoordelen.is_conflicted(&c.id);
                let current = inspection
                    .criterion_oordeel(&c.id)
                    .filter(|r| !conflict && !r.meta.deleted);
                let code = current
                    .map(|r| r.data.oordeel.trim().to_string())
                    .filter(|o| !o.is_empty());
                CriteriumJson {
                    id: c.id.clone(),
                    titel: c.title.clone(),
                    oordeel_naam: code
                        .as_deref()
                        .and_then(|code| fw.criterion_level(code))
                        .map(|l| l.name.clone()),
                    oordeel: code,
                    onderbouwing: current.map(|r| r.data.onderbouwing.clone()),
                    inspecteur: current
                        .map(|r| inspection.inspector_name(r.meta.author).to_string()),
                    conflict,
                }
            })
            .collect()
    }
}

/// An oordeel of a round.
#[derive(Debug, Serialize)]
pub struct RondeOordeelJson {
    pub oordeel: String,
    pub onderbouwing: String,
}

/// One round of the onderzoek.
#[derive(Debug, Serialize)]
pub struct RondeJson {
    /// 1 for the first round; this file's own round is the last.
    pub nummer: usize,
    /// "Onderzoek", "Hertoets", "Tweede hertoets".
    pub naam: String,
    /// The onderzoek id of that round.
    pub onderzoek: String,
    pub omschrijving: String,
    /// The first visit day.
    pub datum: Option<String>,
    /// `voldoende`, `matig` or `onvoldoende`; `null` without a final eindoordeel.
    pub eindoordeel: Option<&'static str>,
    /// Scored verwachtingen met, and how many are scored ("8 van de 24").
    pub voldoende: usize,
    pub beoordeeld: usize,
    /// verwachting id → oordeel and onderbouwing.
    pub oordelen: BTreeMap<String, RondeOordeelJson>,
    /// criterium id → criterion oordeel and onderbouwing.
    pub criteria: BTreeMap<String, RondeOordeelJson>,
    /// Whether this is the file's own round (still open to change until vastgesteld).
    pub huidig: bool,
}

impl RondeJson {
    /// Every round: the earlier ones this file keeps, then its own (as it stands now).
    pub fn of_inspection(inspection: &Inspection) -> Vec<RondeJson> {
        let fw = &inspection.framework;
        let own = inspection.as_round();
        let (met, judged) = inspection.met_of();
        let mut out: Vec<RondeJson> = inspection
            .rounds
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let (met, judged) = r.met_of(fw);
                ronde(i + 1, r, met, judged, false)
            })
            .collect();
        let mut own = ronde(out.len() + 1, &own, met, judged, true);
        // The own round's eindoordeel: final or provisional, as `score` says; `null` without.
        own.eindoordeel = match inspection.status() {
            Status::Final(v) | Status::Provisional(v, _) => Some(v.as_str()),
            Status::NoJudgement(_) => None,
        };
        out.push(own);
        out
    }
}

fn ronde(nummer: usize, r: &Round, met: usize, judged: usize, huidig: bool) -> RondeJson {
    let map = |m: &BTreeMap<String, RoundOordeel>| {
        m.iter()
            .map(|(k, o)| {
                (
                    k.clone(),
                    RondeOordeelJson {
                        oordeel: o.oordeel.clone(),
                        onderbouwing: o.onderbouwing.clone(),
                    },
                )
            })
            .collect()
    };
    RondeJson {
        nummer,
        naam: r.naam.clone(),
        onderzoek: r.onderzoek.clone(),
        omschrijving: r.omschrijving.clone(),
        datum: date_out(r.datum),
        eindoordeel: r.eindoordeel.map(|v| v.as_str()),
        voldoende: met,
        beoordeeld: judged,
        oordelen: map(&r.oordelen),
        criteria: map(&r.criteria),
        huidig,
    }
}
