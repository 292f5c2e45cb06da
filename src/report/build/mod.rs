//! Inspection → report model: what the rapport says, in Dutch.
//!
//! The layout follows the published Veilig Thuis rapporten (seed 003): title page, Samenvatting,
//! Inleiding, per thema and criterium a table of the verwachtingen with their oordeel (and the
//! earlier round's beside it for a hertoets) followed by the onderbouwing, the termijnen from
//! the dossiers, the eindoordeel with the beslisregels applied, and the bijlagen (toetsingskader,
//! onderzoeksopzet, beslisregels).
//!
//! A kader with criterion oordelen (stap 1: V / M / O) gets the layout of seed 003 itself
//! (`criteria`, `rounds`): per criterium a table with a column per round — every earlier round
//! of a hertoets, then this one — holding the criterion oordeel and + / - per verwachting, then
//! "Onderbouwing, Ad 1.1"; the Inleiding names each round with its month, the Samenvatting and
//! the eindoordeel set each round's result beside this one. A kader without criterion oordelen
//! keeps the layout above, hertoets or not.
//!
//! Only current state goes in: no revision ids, no timestamps, no dossier numbers, no personal
//! data beyond the inspecteurs' names. So the model is deterministic for a given inspection and
//! date, whatever ids the revisions carry.
//!
//! This module holds the [`Builder`] (what every chapter needs, computed once) and puts the
//! chapters together; each chapter is its own module. Whether the eindoordeel is final comes from
//! [`Status`] ([`Inspection::status`]), the same decision the overzicht, the CLI and the JSON use.
//! The phase of the onderzoek ([`Phase`]: concept verzonden, vastgesteld) and hoor en wederhoor
//! (the reacties with their besluit, the vervolg) are worded in `wederhoor`.
//!
//! The kerndata of the kader (`[[kerngegeven]]`) are a paragraph of the Inleiding (`kerndata`).
//! A kader whose eindoordeel the inspecteurs choose (`maat = "keuze"`) has no beslisregels, no
//! schalen and no aftrekpunten: chapter 4 gives the chosen eindoordeel with the kader's
//! omschrijving and the onderbouwing, bijlage 3 the eindoordelen to choose from (`choice`), and
//! every other chapter words the eindoordeel as chosen rather than computed.

mod appendices;
mod choice;
mod criteria;
mod deadlines;
mod findings;
mod introduction;
mod kerndata;
mod labels;
mod people;
mod provisional;
mod rounds;
mod summary;
mod texts;
mod verdict;
mod wederhoor;

use std::collections::BTreeMap;

use crate::domain::inspection::{Conflict, Inspection, OordeelData, Revision};
use crate::domain::kader::{Assessment, Band, Framework, Measure};
use crate::domain::status::Status;
use crate::domain::termijn::format_date_nl;
use crate::domain::wederhoor::Phase;
use crate::domain::{Score, score as score_of};

use super::ReportOptions;
use super::model::{Block, Report, ReportMeta, Section};
use super::text::format_period;

/// The number of the chapter Bevindingen.
const FINDINGS: &str = "2";

/// Per verwachting id, the number of the paragraph of the rapport that holds its onderbouwing
/// (and verbeterpunt): "2.1" for the verwachtingen of the first thema.
pub fn verwachting_paragraphs(fw: &Framework) -> BTreeMap<String, String> {
    fw.expectations()
        .iter()
        .map(|e| {
            (
                e.expectation.id.clone(),
                format!("{FINDINGS}.{}", e.theme + 1),
            )
        })
        .collect()
}

/// Builds the report model of `inspection`. Pure: the date comes from `options`.
pub fn build(inspection: &Inspection, options: &ReportOptions<'_>) -> Report {
    Builder::new(inspection, options).report()
}

/// The oordeel of one verwachting as the rapport shows it.
enum Shown<'a> {
    /// Not scored by the kader: only inventoried.
    Inventoried(Option<&'a Revision<OordeelData>>),
    /// Not assessed in this kader at all.
    NotAssessed,
    /// Two or more inspectors judged differently and nobody resolved it yet.
    Conflict(&'a Conflict<'a>),
    Judged(&'a Revision<OordeelData>),
    /// No oordeel recorded yet.
    Missing,
}

/// What every chapter needs, computed once from the inspection; each chapter module adds its
/// methods.
struct Builder<'a> {
    inspection: &'a Inspection,
    fw: &'a Framework,
    concept: bool,
    date: jiff::civil::Date,
    organisation: String,
    period: Option<String>,
    inspectors: Vec<String>,
    score: Score,
    conflicts: Vec<Conflict<'a>>,
    /// Final, provisional or no eindoordeel at all, and why.
    status: Status,
    earlier: Option<EarlierRound>,
    /// The kader has criterion oordelen: the layout of seed 003 (see `criteria`, `rounds`).
    criterion_layout: bool,
    /// The inspecteurs choose the eindoordeel (`maat = "keuze"`): no beslisregels are applied,
    /// and the rapport says so wherever it would speak of them (see `choice`).
    choice: bool,
    /// The phase of the onderzoek (concept verzonden, vastgesteld …).
    phase: Phase,
    /// The date the concept was sent, if it was (also after vaststellen).
    concept_sent: Option<jiff::civil::Date>,
    /// Section numbers of the chapters, fixed up front so text can refer to them.
    chapters: Chapters,
}

/// The earlier round of a hertoets, resolved against the kader.
struct EarlierRound {
    label: String,
    date: Option<jiff::civil::Date>,
    description: String,
    /// verwachting index → the earlier oordeel as textually recorded.
    texts: BTreeMap<usize, String>,
    score: Score,
}

struct Chapters {
    findings: &'static str,
    deadlines: &'static str,
    verdict: &'static str,
    /// The bijlage "Verwerking hoor en wederhoor".
    wederhoor: &'static str,
}

impl<'a> Builder<'a> {
    fn new(inspection: &'a Inspection, options: &ReportOptions<'_>) -> Builder<'a> {
        let fw = &inspection.framework;
        let details = inspection.details_data();
        let organisation = match details.organisatie.trim() {
            "" => "de organisatie".to_string(),
            name => name.to_string(),
        };
        let mut inspectors: Vec<String> = inspection
            .inspectors
            .values()
            .map(|n| n.trim().to_string())
            .filter(|n| !n.is_empty())
            .collect();
        // Inspector ids derive from the onderzoek id, so their order differs between files:
        // sort by name to keep the rapport deterministic.
        inspectors.sort();
        inspectors.dedup();
        let judgements = inspection.judgements();
        let score = score_of(fw, &judgements);
        let conflicts = inspection.conflicts();
        let status = Status::of_inspection(inspection, &judgements, &score);
        let earlier = inspection.previous_round().map(|round| {
            let mut texts = BTreeMap::new();
            for (id, o) in &round.oordelen {
                if let Some(index) = fw.index_of(id) {
                    texts.insert(index, o.oordeel.clone());
                }
            }
            let label = match round.datum {
                Some(d) => format!("{} ({})", round.naam, format_date_nl(d)),
                None => round.naam.clone(),
            };
            EarlierRound {
                label,
                date: round.datum,
                description: round.omschrijving.trim().to_string(),
                texts,
                score: score_of(fw, &round.judgements(fw)),
            }
        });
        let phase_data = inspection.phase_data();
        Builder {
            inspection,
            fw,
            concept: options.concept,
            date: options.date,
            organisation,
            period: format_period(details.bezoek_van, details.bezoek_tot),
            inspectors,
            score,
            conflicts,
            status,
            earlier,
            criterion_layout: fw.has_criterion_oordelen(),
            choice: fw.rules.measure == Measure::Choice,
            phase: inspection.phase(),
            concept_sent: phase_data.concept_verzonden,
            chapters: Chapters {
                findings: FINDINGS,
                deadlines: "3",
                verdict: "4",
                wederhoor: "Bijlage 4",
            },
        }
    }

    fn report(&self) -> Report {
        let kind = if self.concept {
            "Conceptrapport"
        } else {
            "Rapport"
        };
        let mut sections = vec![
            Section {
                number: None,
                title: "Inhoud".to_string(),
                level: 1,
                blocks: vec![Block::Contents],
            },
            self.summary(),
        ];
        sections.extend(self.introduction());
        sections.extend(self.findings());
        sections.extend(self.deadlines());
        sections.extend(self.verdict());
        sections.push(self.appendix_framework());
        sections.push(self.appendix_design());
        sections.push(self.appendix_rules());
        sections.extend(self.appendix_wederhoor());
        Report {
            meta: ReportMeta {
                title: format!("{kind} {}", self.organisation),
                subject: format!(
                    "Toezicht bij {} aan de hand van het {}",
                    self.organisation, self.fw.title
                ),
                author: if self.fw.inspectorate.is_empty() {
                    self.inspectors.join(", ")
                } else {
                    self.fw.inspectorate.clone()
                },
                organisation: self.organisation.clone(),
                date: self.date,
                concept: self.concept,
                provisional: self.provisional(),
            },
            title_page: self.title_page(kind),
            sections,
        }
    }

    /// The verwachtingen with this kind of assessment, in kader order.
    fn unscored_ids(&self, assessment: Assessment) -> Vec<String> {
        self.fw
            .expectations()
            .iter()
            .filter(|e| e.expectation.assessment == assessment)
            .map(|e| e.expectation.id.clone())
            .collect()
    }
}

/// "0 t/m 7", "12 of meer".
pub(super) fn band_range(band: &Band) -> String {
    match band.to {
        Some(to) if to == band.from => to.to_string(),
        Some(to) => format!("{} t/m {to}", band.from),
        None => format!("{} of meer", band.from),
    }
}

pub(super) fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

pub(super) fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}
