//! The landelijk overzicht: many organisations inspected against one kader, side by side.
//!
//! [`build`] turns the inspections (one per organisation, each scored with the beslisregels in its
//! own file) into an [`Overzicht`]: plain, renderer-independent data in the shape of chapter 2 of
//! the landelijk rapport (seed 000):
//!
//! - **the ranking** ([`Overzicht::organisaties`]): by eindoordeel (voldoende, matig,
//!   onvoldoende), then by the number of verwachtingen met (most first), then alphabetically by
//!   organisation, as in the published table of chapter 2.1; with the voldoende / onvoldoende
//!   counts and whether the organisation has a wachtlijst. An organisation without any oordeel
//!   has no eindoordeel: it comes last, is counted apart ([`EindoordeelTelling::nog_geen_oordeel`])
//!   and the PDF says "nog geen oordeel" instead of a verdict;
//! - **the matrix** organisations × verwachtingen: every row's [`Rij::oordelen`] is aligned with
//!   [`Overzicht::verwachtingen`] (the scored verwachtingen in kader order), so a renderer marks
//!   each onvoldoende;
//! - **per verwachting** ([`Overzicht::per_verwachting`]): how many organisations were voldoende
//!   and onvoldoende on it (the figures of chapters 2.2 and 2.3).
//!
//! Nothing here is specific to one kader. "Wachtlijst" is generic: an organisation has one when
//! one of its failed verwachtingen has a variant that reads the eindoordeel from a scale other
//! than the standard one (in stap 2: 2.1.1 failed with variant `wachtlijst`).
//!
//! Only inspections of one kader can be compared, and each onderzoek only once (two copies of the
//! same onderzoek must be merged first); [`build`] refuses anything else with a clear message. A
//! verwachting in conflict counts as niet beoordeeld, as in the score of the file itself.
//!
//! Pure: no I/O (the caller opens the files), no clock. The model serializes to the JSON that
//! `veldtoets overzicht --json` prints (a stable contract: fields are only added); [`report`]
//! turns it into a [`crate::report::Report`] for the PDF renderer (`veldtoets overzicht --pdf`).

use std::cmp::Reverse;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Serialize, Serializer};
use thiserror::Error;

use crate::domain::inspection::Inspection;
use crate::domain::kader::Measure;
use crate::domain::status::Status;
use crate::domain::{Judgement, Verdict, score};

mod pdf;
#[cfg(test)]
mod tests;

pub use pdf::{pdf, report};

/// Why no overzicht can be made of these files.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum OverzichtError {
    #[error("geen onderzoeksbestanden opgegeven; noem de .veldtoets-bestanden van de organisaties")]
    Empty,
    #[error(
        "'{path}' gebruikt kader {found}, maar '{first}' kader {expected}. Een landelijk overzicht vergelijkt alleen onderzoeken met hetzelfde kader; maak een overzicht per kader"
    )]
    MixedKader {
        path: PathBuf,
        found: String,
        first: PathBuf,
        expected: String,
    },
    #[error(
        "'{path}' gebruikt een andere versie van kader {kader} dan '{first}' (de beoordeelde verwachtingen verschillen). Een overzicht kan alleen dezelfde verwachtingen naast elkaar zetten; maak een overzicht per versie"
    )]
    OtherKaderVersion {
        path: PathBuf,
        first: PathBuf,
        kader: String,
    },
    #[error(
        "'{path}' en '{other}' zijn kopieën van hetzelfde onderzoek ({organisatie}). Voeg ze eerst samen met `veldtoets merge --into TEAMBESTAND {} {}` en neem alleen het samengevoegde bestand op",
        .other.display(), .path.display()
    )]
    SameOnderzoek {
        path: PathBuf,
        other: PathBuf,
        organisatie: String,
    },
}

/// The landelijk overzicht of one kader.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Overzicht {
    pub kader: String,
    pub kader_titel: String,
    /// What the kader's eindoordeel rests on: "aftrekpunten", "voldoende" (verwachtingen met)
    /// or "keuze" (chosen by the inspecteur; then there is no score to rank within an
    /// eindoordeel, and no verwachting is scored).
    pub maat: &'static str,
    /// The kader's eindoordelen by naam, best first (for the wording of the ranking).
    #[serde(skip)]
    pub eindoordeel_namen: Vec<String>,
    /// Who publishes rapporten on this kader (the PDF's author); empty when it does not say.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub inspectie: String,
    /// The scored verwachtingen in kader order: the matrix columns.
    pub verwachtingen: Vec<Kolom>,
    /// The organisations, ranked (see the module docs).
    pub organisaties: Vec<Rij>,
    /// Per verwachting (aligned with `verwachtingen`), how the organisations scored on it.
    pub per_verwachting: Vec<Telling>,
    /// How many organisations got each eindoordeel.
    pub eindoordelen: EindoordeelTelling,
    /// The kader's termijnen, with the norm on each where the kader has one: the columns of
    /// [`Rij::tijdigheid`].
    pub termijnen: Vec<TermijnKolom>,
    /// Per termijn, how many organisations reach its norm ("5 van 22 organisaties ≥ 80%").
    pub per_termijn: Vec<TermijnTelling>,
}

impl Overzicht {
    /// Whether the inspecteurs choose the eindoordeel in this kader (`maat = "keuze"`).
    pub fn is_choice(&self) -> bool {
        self.maat == "keuze"
    }
}

/// A termijn of the kader, a column of the tijdigheid table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TermijnKolom {
    pub id: String,
    pub naam: String,
    /// The norm: at least this percentage within term (`[[norm]]` of the kader).
    pub norm: Option<u32>,
}

/// One organisation's figures for one termijn, open dossiers measured up to its peildatum.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RijTermijn {
    pub termijn: String,
    pub binnen: u32,
    pub te_laat: u32,
    pub open: u32,
    pub onbekend: u32,
    /// Share within term (0..=1) over every dossier with a known outcome, open ones included.
    pub aandeel_binnen: Option<f64>,
    /// Whether the share reaches the norm (`null` without a norm or a share).
    pub norm_gehaald: Option<bool>,
}

/// How the organisations do against one termijn's norm.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TermijnTelling {
    pub termijn: String,
    pub norm: Option<u32>,
    /// Organisations reaching the norm, not reaching it, and without a share.
    pub gehaald: u32,
    pub niet_gehaald: u32,
    pub onbekend: u32,
}

/// One matrix column: a scored verwachting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Kolom {
    pub id: String,
    /// The criterium it belongs to, e.g. "1.3".
    pub criterium: String,
    pub tekst: String,
}

/// One organisation: its place in the ranking, its score and its matrix row.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rij {
    /// 1 for the first.
    pub positie: usize,
    pub organisatie: String,
    /// The file it came from.
    pub bestand: String,
    pub onderzoek: String,
    /// What the beslisregels give for the oordelen so far. When [`Rij::nog_geen_oordeel`] is
    /// set this is not an eindoordeel (no verwachting has been judged) and must not be shown as
    /// one; the field stays for the JSON contract.
    #[serde(serialize_with = "verdict_text")]
    pub eindoordeel: Verdict,
    /// No scored verwachting has an oordeel yet: there is no eindoordeel.
    pub nog_geen_oordeel: bool,
    pub voldoende: u32,
    pub onvoldoende: u32,
    pub niet_beoordeeld: u32,
    pub aftrekpunten: u32,
    /// A failed verwachting moved the eindoordeel to another scale (in stap 2: a wachtlijst).
    pub wachtlijst: bool,
    /// Id of the scale the eindoordeel was read from (e.g. `standaard` or `wachtlijst`); null
    /// when the kader has the inspecteur choose the eindoordeel (`maat = "keuze"`).
    pub schaal: Option<String>,
    /// Every scored verwachting judged and no conflict left.
    pub compleet: bool,
    /// Unresolved conflicts (their verwachtingen count as niet beoordeeld).
    pub conflicten: usize,
    /// The decisive beslisregel, in words.
    pub regel: String,
    /// The matrix row, aligned with [`Overzicht::verwachtingen`].
    pub oordelen: Vec<Cel>,
    /// The ids of the failed verwachtingen, in kader order (the marked cells of the row).
    pub onvoldoende_verwachtingen: Vec<String>,
    /// Per termijn of the kader (aligned with [`Overzicht::termijnen`]), the share within term.
    pub tijdigheid: Vec<RijTermijn>,
    /// Households waiting at the peildatum: from the wachtlijst per zaak when recorded, else
    /// the number on the wachtlijst record; `null` when neither says.
    pub wachtend: Option<u64>,
    /// The longest wait in days at the peildatum (wachtlijst per zaak only).
    pub langste_wachttijd_dagen: Option<i64>,
    /// Share of the waiting cases with a recent contact (zicht op veiligheid).
    pub aandeel_met_contact: Option<f64>,
}

/// One matrix cell. Serialized as the stable textual form: `voldoende`, `onvoldoende`,
/// `onvoldoende:<variant>` or `niet_beoordeeld`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cel {
    Voldoende,
    Onvoldoende { variant: Option<String> },
    NietBeoordeeld,
}

impl Cel {
    pub fn is_onvoldoende(&self) -> bool {
        matches!(self, Cel::Onvoldoende { .. })
    }

    pub fn text(&self) -> String {
        match self {
            Cel::Voldoende => "voldoende".to_string(),
            Cel::Onvoldoende { variant: None } => "onvoldoende".to_string(),
            Cel::Onvoldoende { variant: Some(v) } => format!("onvoldoende:{v}"),
            Cel::NietBeoordeeld => "niet_beoordeeld".to_string(),
        }
    }
}

impl Serialize for Cel {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text())
    }
}

/// How the organisations scored on one verwachting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Telling {
    pub verwachting: String,
    pub voldoende: u32,
    pub onvoldoende: u32,
    pub niet_beoordeeld: u32,
}

/// Organisations per eindoordeel; those without any oordeel are counted apart, never as a
/// verdict.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct EindoordeelTelling {
    pub voldoende: u32,
    pub matig: u32,
    pub onvoldoende: u32,
    pub nog_geen_oordeel: u32,
    /// Every eindoordeel of the kader that occurs, best first (for a kader with labels of its
    /// own, the three counts above stay 0).
    pub per_eindoordeel: Vec<EindoordeelAantal>,
}

/// How many organisations have one eindoordeel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EindoordeelAantal {
    /// Its id in the kader ("voldoende", "basis_op_orde").
    pub eindoordeel: String,
    /// Its label ("basis op orde").
    pub naam: String,
    pub aantal: u32,
}

impl EindoordeelTelling {
    /// "12 voldoende, 10 matig, 2 onvoldoende" (and "1 nog geen oordeel" when there are such);
    /// for a kader with labels of its own, each label that occurs with its count.
    pub fn describe(&self) -> String {
        let builtin = self
            .per_eindoordeel
            .iter()
            .all(|t| ["voldoende", "matig", "onvoldoende"].contains(&t.eindoordeel.as_str()));
        let mut s = if builtin {
            format!(
                "{} voldoende, {} matig, {} onvoldoende",
                self.voldoende, self.matig, self.onvoldoende
            )
        } else {
            self.per_eindoordeel
                .iter()
                .map(|t| format!("{} {}", t.aantal, t.naam))
                .collect::<Vec<_>>()
                .join(", ")
        };
        if self.nog_geen_oordeel > 0 {
            s.push_str(&format!(", {} nog geen oordeel", self.nog_geen_oordeel));
        }
        s
    }
}

fn verdict_text<S: Serializer>(verdict: &Verdict, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(verdict.as_str())
}

/// The ids of the scored verwachtingen of an inspection's kader, in kader order.
fn scored_ids(inspection: &Inspection) -> Vec<&str> {
    inspection
        .framework
        .expectations()
        .iter()
        .filter(|e| e.expectation.assessment.is_scored())
        .map(|e| e.expectation.id.as_str())
        .collect()
}

/// The key organisations are sorted by alphabetically: case-insensitive, then exact.
fn name_key(name: &str) -> (String, String) {
    (name.to_lowercase(), name.to_string())
}

/// Builds the overzicht of `inputs` (file, inspection), refusing mixed kaders and duplicate
/// onderzoeken. The order of the inputs does not matter.
pub fn build(inputs: &[(&Path, &Inspection)]) -> Result<Overzicht, OverzichtError> {
    let Some(&(first_path, first)) = inputs.first() else {
        return Err(OverzichtError::Empty);
    };
    let columns = scored_ids(first);
    let mut seen: BTreeMap<uuid::Uuid, &Path> = BTreeMap::new();
    for &(path, inspection) in inputs {
        if inspection.framework.id != first.framework.id {
            return Err(OverzichtError::MixedKader {
                path: path.to_path_buf(),
                found: inspection.framework.id.clone(),
                first: first_path.to_path_buf(),
                expected: first.framework.id.clone(),
            });
        }
        if scored_ids(inspection) != columns {
            return Err(OverzichtError::OtherKaderVersion {
                path: path.to_path_buf(),
                first: first_path.to_path_buf(),
                kader: first.framework.id.clone(),
            });
        }
        if let Some(other) = seen.insert(inspection.id, path) {
            return Err(OverzichtError::SameOnderzoek {
                path: path.to_path_buf(),
                other: other.to_path_buf(),
                organisatie: inspection.organisatie().to_string(),
            });
        }
    }

    let mut rows: Vec<Rij> = inputs.iter().map(|&(path, i)| row(path, i)).collect();
    rows.sort_by(|a, b| {
        (
            a.nog_geen_oordeel,
            a.eindoordeel,
            Reverse(a.voldoende),
            name_key(&a.organisatie),
            &a.onderzoek,
        )
            .cmp(&(
                b.nog_geen_oordeel,
                b.eindoordeel,
                Reverse(b.voldoende),
                name_key(&b.organisatie),
                &b.onderzoek,
            ))
    });
    for (i, r) in rows.iter_mut().enumerate() {
        r.positie = i + 1;
    }

    let fw = &first.framework;
    let verwachtingen: Vec<Kolom> = fw
        .expectations()
        .iter()
        .enumerate()
        .filter(|(_, e)| e.expectation.assessment.is_scored())
        .map(|(i, e)| Kolom {
            id: e.expectation.id.clone(),
            criterium: fw.criterion_of(i).id.clone(),
            tekst: e.expectation.text.clone(),
        })
        .collect();
    let per_verwachting = verwachtingen
        .iter()
        .enumerate()
        .map(|(c, kolom)| {
            let mut t = Telling {
                verwachting: kolom.id.clone(),
                voldoende: 0,
                onvoldoende: 0,
                niet_beoordeeld: 0,
            };
            for r in &rows {
                match r.oordelen[c] {
                    Cel::Voldoende => t.voldoende += 1,
                    Cel::Onvoldoende { .. } => t.onvoldoende += 1,
                    Cel::NietBeoordeeld => t.niet_beoordeeld += 1,
                }
            }
            t
        })
        .collect();
    let mut eindoordelen = EindoordeelTelling::default();
    for r in &rows {
        if r.nog_geen_oordeel {
            eindoordelen.nog_geen_oordeel += 1;
            continue;
        }
        match r.eindoordeel.as_str() {
            "voldoende" => eindoordelen.voldoende += 1,
            "matig" => eindoordelen.matig += 1,
            "onvoldoende" => eindoordelen.onvoldoende += 1,
            _ => {}
        }
        match eindoordelen
            .per_eindoordeel
            .iter_mut()
            .find(|t| t.eindoordeel == r.eindoordeel.as_str())
        {
            Some(t) => t.aantal += 1,
            None => eindoordelen.per_eindoordeel.push(EindoordeelAantal {
                eindoordeel: r.eindoordeel.as_str().to_string(),
                naam: r.eindoordeel.label().to_string(),
                aantal: 1,
            }),
        }
    }
    eindoordelen
        .per_eindoordeel
        .sort_by_key(|t| fw.verdicts.iter().position(|v| v.as_str() == t.eindoordeel));
    Ok(Overzicht {
        kader: fw.id.clone(),
        kader_titel: fw.title.clone(),
        maat: match fw.rules.measure {
            Measure::Deductions => "aftrekpunten",
            Measure::MetCount => "voldoende",
            Measure::Choice => "keuze",
        },
        eindoordeel_namen: fw.verdicts.iter().map(|v| v.label().to_string()).collect(),
        inspectie: fw.inspectorate.clone(),
        termijnen: fw
            .deadlines
            .iter()
            .map(|d| TermijnKolom {
                id: d.id.clone(),
                naam: d.name.clone(),
                norm: fw
                    .norms
                    .iter()
                    .find(|n| n.deadline() == Some(d.id.as_str()))
                    .map(|n| n.min_percent),
            })
            .collect(),
        per_termijn: fw
            .deadlines
            .iter()
            .enumerate()
            .map(|(i, d)| {
                let norm = fw
                    .norms
                    .iter()
                    .find(|n| n.deadline() == Some(d.id.as_str()))
                    .map(|n| n.min_percent);
                let mut t = TermijnTelling {
                    termijn: d.id.clone(),
                    norm,
                    gehaald: 0,
                    niet_gehaald: 0,
                    onbekend: 0,
                };
                for r in &rows {
                    match r.tijdigheid.get(i).and_then(|c| c.norm_gehaald) {
                        Some(true) => t.gehaald += 1,
                        Some(false) => t.niet_gehaald += 1,
                        None => t.onbekend += 1,
                    }
                }
                t
            })
            .collect(),
        verwachtingen,
        organisaties: rows,
        per_verwachting,
        eindoordelen,
    })
}

/// One organisation's row, scored with the kader in its own file.
fn row(path: &Path, inspection: &Inspection) -> Rij {
    let fw = &inspection.framework;
    let judgements = inspection.judgements();
    let s = score(fw, &judgements);
    let wachtlijst = s.lines.iter().any(|line| match line.judgement {
        Judgement::NotMet { variant: Some(v) } => fw.rules.variants[v]
            .scale
            .is_some_and(|scale| scale != fw.rules.default_scale),
        _ => false,
    });
    let mut oordelen = Vec::new();
    let mut failed = Vec::new();
    for (index, judgement) in judgements.iter() {
        let e = fw.expectation(index);
        if !e.assessment.is_scored() {
            continue;
        }
        oordelen.push(match judgement {
            Judgement::Met => Cel::Voldoende,
            Judgement::NotJudged => Cel::NietBeoordeeld,
            Judgement::NotMet { variant } => {
                failed.push(e.id.clone());
                Cel::Onvoldoende {
                    variant: variant.map(|v| fw.rules.variants[v].id.clone()),
                }
            }
        });
    }
    let conflicts = inspection.conflicts();
    let status = Status::of_inspection(inspection, &judgements, &s);
    let tijdigheid = fw
        .deadlines
        .iter()
        .zip(inspection.deadline_summaries())
        .map(|(d, sum)| {
            let share = sum.share_met();
            let norm = fw
                .norms
                .iter()
                .find(|n| n.deadline() == Some(d.id.as_str()));
            RijTermijn {
                termijn: d.id.clone(),
                binnen: sum.met,
                te_laat: sum.missed,
                open: sum.open + sum.open_missed,
                onbekend: sum.unknown,
                aandeel_binnen: share.map(|x| (x * 1000.0).round() / 1000.0),
                norm_gehaald: norm
                    .zip(share)
                    .map(|(n, x)| x * 100.0 >= f64::from(n.min_percent)),
            }
        })
        .collect();
    let figures = inspection.waitlist_figures();
    let summary_count = inspection
        .waitlist
        .get(&inspection.waitlist_id())
        .and_then(|w| w.data.aantal);
    let (wachtend, langste, zicht) = if figures.waiting > 0 {
        (
            Some(figures.waiting as u64),
            figures.longest.map(|(d, _)| d),
            figures
                .share_in_sight()
                .map(|x| (x * 1000.0).round() / 1000.0),
        )
    } else {
        (summary_count.map(u64::from), None, None)
    };
    Rij {
        positie: 0,
        organisatie: inspection.organisatie().to_string(),
        bestand: path.display().to_string(),
        onderzoek: inspection.id.to_string(),
        eindoordeel: s.verdict,
        nog_geen_oordeel: status.is_no_judgement(),
        voldoende: s.met,
        onvoldoende: s.not_met,
        niet_beoordeeld: s.not_judged,
        aftrekpunten: s.deductions,
        wachtlijst,
        schaal: s.scale.map(|scale| fw.rules.scales[scale].id.clone()),
        compleet: status.is_final(),
        conflicten: conflicts.len(),
        regel: s.rule,
        oordelen,
        onvoldoende_verwachtingen: failed,
        tijdigheid,
        wachtend,
        langste_wachttijd_dagen: langste,
        aandeel_met_contact: zicht,
    }
}
