//! JSON shapes printed by the CLI. These are a stable contract: other tools and tests read them,
//! so fields are only ever added, never renamed or removed.
//!
//! Here: `veldtoets score`, `kaders --json`, `check --json` and `merge`; `export` holds the
//! shapes of `veldtoets export --json`, `wederhoor` its `status`, `reacties`, `vervolg`,
//! `verbeterpunten` and `rapportteksten`, `rounds` its `criteria` and `rondes`, and `veldtoets vergelijk --json`. (The overzicht
//! serializes its own model, [`crate::overzicht::Overzicht`].) Whether an eindoordeel is final (`compleet`) comes from
//! [`crate::domain::status::Status`], as everywhere else.

mod export;
mod rounds;
mod wederhoor;

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;

use crate::domain::inspection::Inspection;
use crate::domain::status::Status;
use crate::domain::{self, Framework, Judgement, JudgementSet, Score};
use crate::store::{CheckReport, MergeOutcome};

pub use export::{
    AntwoordJson, CheckJson, ConceptJson, ConflictJson, ContactJson, DocumentJson, DossierJson,
    DossierTermijnJson, DubbelJson, EerdereRondeJson, ExportJson, FlitsJson,
    GekozenEindoordeelJson, InspecteurJson, InterviewJson, KerngegevenJson, NormJson,
    OnderzoekJson, OordeelJson, SteekproefJson, TermijnJson, VersieJson, WachtlijstCijfersJson,
    WachtlijstJson, WachtzaakJson,
};
pub use rounds::{CriteriumJson, RondeJson, RondeOordeelJson};
pub use wederhoor::{
    BesluitJson, RapporttekstenJson, ReactieJson, StatusJson, VerbeterpuntJson, VergelijkingJson,
    VergelijkingReactieJson, VervolgJson,
};

/// A date as JSON writes it (`jjjj-mm-dd`).
fn date_out(d: Option<jiff::civil::Date>) -> Option<String> {
    d.map(|d| d.to_string())
}

/// Output of `veldtoets score`.
#[derive(Debug, Serialize)]
pub struct ScoreJson {
    pub kader: String,
    pub eindoordeel: &'static str,
    pub voldoende: u32,
    pub onvoldoende: u32,
    pub niet_beoordeeld: u32,
    pub aftrekpunten: u32,
    /// The eindoordeel is final ([`Status::is_final`]): every scored verwachting judged and, in
    /// an inspection file, no conflict left.
    pub compleet: bool,
    /// There is no eindoordeel yet (no scored verwachting judged, or under `maat = "keuze"`
    /// nothing chosen): `eindoordeel` then only says what the beslisregels give for nothing and
    /// must not be shown as the verdict.
    pub nog_geen_oordeel: bool,
    pub regel: String,
    /// Id of the scale the eindoordeel was read from (e.g. `wachtlijst`); null when the kader
    /// has the inspecteur choose the eindoordeel (`maat = "keuze"`).
    pub schaal: Option<String>,
    /// The failed scored verwachtingen with their effect, in kader order.
    pub aftrek: Vec<DeductionJson>,
    /// Voorwaarden (groups that must all be met) that were not met.
    pub voorwaarden_niet_voldaan: Vec<String>,
    /// Unresolved conflicts (only for inspection files): records of every kind whose concurrent
    /// versions disagree, oordelen included (see `conflicten` in the export).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conflicten: Option<usize>,
    /// The judgements as scored, id → value.
    pub oordelen: BTreeMap<String, String>,
    /// The inspectors' oordeel per criterium, criterium id → scale code (only for an inspection
    /// file whose kader has criterion oordelen; they do not change the eindoordeel).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub criteria: Option<BTreeMap<String, Option<String>>>,
}

#[derive(Debug, Serialize)]
pub struct DeductionJson {
    pub verwachting: String,
    pub oordeel: String,
    pub punten: u32,
    pub toelichting: String,
}

impl ScoreJson {
    /// The score of a set of oordelen outside an inspection file (an oordelenbestand).
    pub fn new(framework: &Framework, judgements: &JudgementSet, score: &Score) -> ScoreJson {
        let status = Status::of_judgements(framework, judgements, score);
        ScoreJson::with_status(framework, judgements, score, &status)
    }

    /// The score of an inspection file, with its conflicts counted.
    pub fn of_inspection(inspection: &Inspection) -> ScoreJson {
        let framework = &inspection.framework;
        let judgements = inspection.judgements();
        let score = domain::score(framework, &judgements);
        let status = Status::of_inspection(inspection, &judgements, &score);
        let mut json = ScoreJson::with_status(framework, &judgements, &score, &status);
        json.conflicten = Some(inspection.all_conflicts().len());
        if framework.has_criterion_oordelen() {
            json.criteria = Some(
                CriteriumJson::of_inspection(inspection)
                    .into_iter()
                    .map(|c| (c.id, c.oordeel))
                    .collect(),
            );
        }
        json
    }

    fn with_status(
        framework: &Framework,
        judgements: &JudgementSet,
        score: &Score,
        status: &Status,
    ) -> ScoreJson {
        ScoreJson {
            kader: framework.id.clone(),
            eindoordeel: score.verdict.as_str(),
            voldoende: score.met,
            onvoldoende: score.not_met,
            niet_beoordeeld: score.not_judged,
            aftrekpunten: score.deductions,
            compleet: status.is_final(),
            nog_geen_oordeel: status.is_no_judgement(),
            regel: score.rule.clone(),
            schaal: score.scale.map(|s| framework.rules.scales[s].id.clone()),
            aftrek: score
                .lines
                .iter()
                .map(|l| DeductionJson {
                    verwachting: framework.expectation(l.expectation).id.clone(),
                    oordeel: l.judgement.to_text(framework),
                    punten: l.deduction,
                    toelichting: l.explanation.clone(),
                })
                .collect(),
            voorwaarden_niet_voldaan: score
                .failed_conditions
                .iter()
                .map(|&c| framework.rules.conditions[c].label.clone())
                .collect(),
            conflicten: None,
            oordelen: judgements.to_texts(framework),
            criteria: None,
        }
    }
}

/// One line of `veldtoets kaders --json`.
#[derive(Debug, Serialize)]
pub struct KaderJson {
    pub id: String,
    pub titel: String,
    pub beoordeelde_verwachtingen: usize,
}

impl KaderJson {
    pub fn new(framework: &Framework) -> KaderJson {
        KaderJson {
            id: framework.id.clone(),
            titel: framework.title.clone(),
            beoordeelde_verwachtingen: framework.judged_count(),
        }
    }
}

/// Output of `veldtoets check --json`. (Fields in alphabetical order: the order printed since
/// the first version.)
#[derive(Debug, Serialize)]
pub struct FileCheckJson {
    /// Rows per table.
    pub aantallen: BTreeMap<String, u64>,
    /// Scored verwachtingen with an oordeel (voldoende or onvoldoende; conflicts not counted).
    pub beoordeeld: usize,
    pub bestand: String,
    /// Records of every kind whose versions disagree (oordelen included), as `conflicten` of
    /// `export --json` lists them.
    pub conflicten: usize,
    /// Of those, the oordelen.
    pub conflicten_oordelen: usize,
    /// Natural keys that occur twice or more (two dossiers with one number, …), as in
    /// `dubbelen` of `export --json`.
    pub dubbelen: Vec<DubbelJson>,
    /// "ok", or the problems SQLite's integrity check reported.
    pub integriteit: Vec<String>,
    pub kader: String,
    /// Integrity ok and no foreign key violations.
    pub ok: bool,
    pub onderzoek: String,
    pub organisatie: String,
    pub schemaversie: u32,
    pub vreemde_sleutels: usize,
}

impl FileCheckJson {
    pub fn new(file: &Path, report: &CheckReport, inspection: &Inspection) -> FileCheckJson {
        FileCheckJson {
            aantallen: report
                .counts
                .iter()
                .map(|(t, n)| (t.to_string(), *n))
                .collect(),
            beoordeeld: judged_count(inspection),
            bestand: file.display().to_string(),
            conflicten: inspection.all_conflicts().len(),
            conflicten_oordelen: inspection.conflicts().len(),
            dubbelen: DubbelJson::of_inspection(inspection),
            integriteit: report.integrity.clone(),
            kader: inspection.framework.id.clone(),
            ok: report.is_ok(),
            onderzoek: inspection.id.to_string(),
            organisatie: inspection.organisatie().to_string(),
            schemaversie: report.schema_version,
            vreemde_sleutels: report.foreign_key_violations,
        }
    }
}

/// Scored verwachtingen with an oordeel (voldoende or onvoldoende); a conflict counts as none.
fn judged_count(inspection: &Inspection) -> usize {
    inspection
        .judgements()
        .iter()
        .filter(|(i, j)| {
            inspection.framework.expectation(*i).assessment.is_scored()
                && *j != Judgement::NotJudged
        })
        .count()
}

/// Output of `veldtoets merge`. (Fields in alphabetical order: the order printed since the first
/// version.)
#[derive(Debug, Serialize)]
pub struct MergeJson {
    /// True when the target did not exist and was made from the first source.
    pub aangemaakt: bool,
    /// What came in (revisions the target did not have), per kind and inspecteur.
    pub binnengekomen: Vec<BinnengekomenJson>,
    pub bronnen: Vec<String>,
    /// The verwachtingen with an unresolved conflict after the merge, in kader order.
    pub conflict_verwachtingen: Vec<String>,
    /// Unresolved conflicts of every kind after the merge (the length of `conflicten_lijst`).
    pub conflicten: usize,
    /// Every unresolved conflict of every kind (dossier, dossiervraag, oordeel, …) with its
    /// versions, inspecteur and time: the same shape as `conflicten` in `export --json`.
    pub conflicten_lijst: Vec<ConflictJson>,
    pub doel: String,
    /// Natural keys that occur twice or more after the merge (two dossiers with one number, …),
    /// as in `dubbelen` of `export --json`.
    pub dubbelen: Vec<DubbelJson>,
    /// The merge in plain words: what came in and every conflict with its versions.
    pub samenvatting: String,
    /// Rows added per table.
    pub toegevoegd: BTreeMap<String, u64>,
    pub toegevoegd_totaal: u64,
    /// Revisions in the target after the merge.
    pub versies: usize,
}

/// What one inspecteur's revisions of one kind brought into a merge.
#[derive(Debug, Serialize)]
pub struct BinnengekomenJson {
    /// The kind, as in `conflicten[].soort`.
    pub soort: &'static str,
    pub inspecteur: String,
    pub nieuw: u64,
    pub gewijzigd: u64,
    pub verwijderd: u64,
    /// "2 nieuwe dossiers van J. Proef".
    pub tekst: String,
}

impl MergeJson {
    pub fn new(into: &Path, outcome: &MergeOutcome) -> MergeJson {
        let summary = &outcome.summary;
        let inspection = &outcome.inspection;
        MergeJson {
            aangemaakt: summary.created,
            binnengekomen: summary
                .incoming
                .iter()
                .map(|i| {
                    let name = inspection.inspector_name(i.author);
                    BinnengekomenJson {
                        soort: i.kind.as_str(),
                        inspecteur: name.to_string(),
                        nieuw: i.new,
                        gewijzigd: i.changed,
                        verwijderd: i.deleted,
                        tekst: i.line(name),
                    }
                })
                .collect(),
            bronnen: summary
                .sources
                .iter()
                .map(|p| p.display().to_string())
                .collect(),
            conflict_verwachtingen: summary.conflicts.clone(),
            conflicten: summary.record_conflicts.len(),
            conflicten_lijst: summary
                .record_conflicts
                .iter()
                .map(|c| ConflictJson::new(&outcome.inspection, c))
                .collect(),
            doel: into.display().to_string(),
            dubbelen: DubbelJson::of_inspection(inspection),
            samenvatting: summary.message(inspection),
            toegevoegd: summary
                .added
                .iter()
                .map(|(t, n)| (t.to_string(), *n))
                .collect(),
            toegevoegd_totaal: summary.total_added(),
            versies: outcome.inspection.revision_count(),
        }
    }
}
