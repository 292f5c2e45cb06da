//! The toetsingskader as validated domain data: thema → criterium → verwachting, the beslisregels,
//! the termijn definitions and the sources of evidence.
//!
//! Values of these types are only built by [`crate::kader_io`], which validates a kader file, so
//! code here may rely on the invariants listed on each type (ids unique, references resolved,
//! scales contiguous and monotone, every number within the bounds below).

use std::collections::HashMap;
use std::fmt;
use std::sync::Mutex;

use super::kerndata::KeyFigure;
use super::termijn::{self, DateKind, DateProblem, DeadlineDef};

/// Most verwachtingen a kader may have (the shipped kaders have 30 and 25).
pub const MAX_EXPECTATIONS: usize = 1000;

/// Most aftrekpunten one failed verwachting may cost (`aftrek_standaard`, `aftrek.punten`).
pub const MAX_POINTS: u32 = 1000;

/// Largest band limit (`van`, `tot`). It equals the largest sum any kader can produce
/// (`MAX_EXPECTATIONS` × `MAX_POINTS` aftrekpunten, or at most `MAX_EXPECTATIONS` verwachtingen
/// voldoende), so every reachable value has a band, and every sum stays more than four thousand
/// times below `u32::MAX`: no sum of a validated kader can wrap around.
pub const MAX_BAND_LIMIT: u32 = MAX_EXPECTATIONS as u32 * MAX_POINTS;

/// Most dossier dates a kader may declare (`[[datum]]`).
pub const MAX_DATES: usize = 50;

/// Longest termijn in days (`dagen` + 7 × `weken`): ten years.
pub const MAX_DEADLINE_DAYS: u32 = 3650;

/// A validated toetsingskader.
#[derive(Debug, Clone)]
pub struct Framework {
    pub id: String,
    pub title: String,
    pub source: String,
    pub introduction: String,
    pub themes: Vec<Theme>,
    pub rules: DecisionRules,
    pub deadlines: Vec<DeadlineDef>,
    /// The eindoordelen, best first (`[[eindoordeel]]`; voldoende / matig / onvoldoende when the
    /// kader declares none).
    pub verdicts: Vec<Verdict>,
    /// The dates a dossier records (`[[datum]]`), in the order of a case; the five of the
    /// Veilig Thuis kaders ([`DateKind::BUILTIN`]) when the kader declares none.
    pub dates: Vec<DateKind>,
    /// The order the dates must keep ([`termijn::date_rules`]): a dossier breaking one shows a
    /// problem instead of a term.
    pub date_rules: Vec<DateProblem>,
    pub sources: EvidenceSources,
    /// What follows the rapport (verbetermaatregelen, hertoets, …), with its term.
    pub follow_ups: Vec<FollowUp>,
    /// The scale of the inspectors' own oordeel per criterium (seed 003: V voldoende, M matig,
    /// O onvoldoende); empty when the kader has no criterion oordelen.
    pub criterion_scale: Vec<CriterionLevel>,
    /// Norms on figures: a share within a termijn that must reach a percentage, tied to
    /// verwachtingen (seed 004: 80% within term). They suggest an oordeel; they never set one.
    pub norms: Vec<Norm>,
    /// Who publishes rapporten on this kader (PDF author); empty when the kader does not say.
    pub inspectorate: String,
    /// What each eindoordeel means, aligned with `verdicts` (`[[eindoordeel]] omschrijving`;
    /// empty strings when the kader does not say).
    pub verdict_descriptions: Vec<String>,
    /// The kerndata asked per onderzoek (`[[kerngegeven]]`), in kader order.
    pub key_figures: Vec<KeyFigure>,
    /// A contact within this many days before the peildatum counts as zicht op veiligheid for a
    /// waiting household (`[wachtlijst] contact_binnen_dagen`); `None`: the default.
    pub contact_days: Option<u32>,
    /// The original file text, kept so an inspection file can store a snapshot of its kader.
    pub source_text: String,
    /// Every verwachting in kader order; indices into this list are used throughout scoring.
    expectations: Vec<ExpectationRef>,
    index: HashMap<String, usize>,
}

/// A norm on a figure: the figure should be at least `min_percent` percent; it informs
/// `expectations`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Norm {
    pub figure: NormFigure,
    pub min_percent: u32,
    pub expectations: Vec<String>,
    /// The rule as the kader words it (may be empty).
    pub rule: String,
}

/// The figure a norm is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NormFigure {
    /// The share of dossiers within the termijn with this id.
    Deadline(String),
    /// The share of waiting cases with a contact about their safety in the last
    /// `contact_binnen_dagen` days before the peildatum (zicht op veiligheid).
    InSight,
}

impl Norm {
    /// The termijn the norm is about, if it is about one.
    pub fn deadline(&self) -> Option<&str> {
        match &self.figure {
            NormFigure::Deadline(id) => Some(id),
            NormFigure::InSight => None,
        }
    }
}

/// One level of the criterion oordeel scale: its code ("M") and name ("matig").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CriterionLevel {
    pub code: String,
    pub name: String,
}

/// Where a verwachting sits in the tree, plus a copy of its data for flat iteration.
#[derive(Debug, Clone)]
pub struct ExpectationRef {
    pub theme: usize,
    pub criterion: usize,
    pub expectation: Expectation,
}

#[derive(Debug, Clone)]
pub struct Theme {
    pub id: String,
    pub title: String,
    pub description: String,
    pub criteria: Vec<Criterion>,
}

#[derive(Debug, Clone)]
pub struct Criterion {
    pub id: String,
    pub title: String,
    pub footnotes: Vec<String>,
    pub expectations: Vec<Expectation>,
}

#[derive(Debug, Clone)]
pub struct Expectation {
    pub id: String,
    pub text: String,
    pub footnotes: Vec<String>,
    pub assessment: Assessment,
}

/// Whether a verwachting counts towards the eindoordeel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Assessment {
    /// Judged voldoende/onvoldoende and scored.
    Judged,
    /// Only inventoried (e.g. 1.4.4 MDA++ in stap 2): recorded, never scored.
    Inventoried,
    /// Not assessed in this kader (e.g. 3.1.1 in stap 1): recorded, never scored.
    NotAssessed,
}

impl Assessment {
    pub fn is_scored(self) -> bool {
        self == Assessment::Judged
    }

    /// Dutch label for screens and the rapport.
    pub fn label(self) -> &'static str {
        match self {
            Assessment::Judged => "beoordeeld",
            Assessment::Inventoried => "alleen geïnventariseerd",
            Assessment::NotAssessed => "niet beoordeeld in dit kader",
        }
    }
}

/// An eindoordeel: one of the labels the kader declares (`[[eindoordeel]]`, best first; the
/// Veilig Thuis kaders have voldoende / matig / onvoldoende). Ordered from best to worst, so
/// the worse of two is the greater.
///
/// Like [`super::termijn::DateKind`], an interned symbol: `Copy`, its id, label and place in
/// its kader's list kept for the life of the process (bounded by the kaders it reads).
#[derive(Clone, Copy)]
pub struct Verdict(&'static VerdictDef);

#[derive(Debug, PartialEq, Eq)]
struct VerdictDef {
    id: &'static str,
    label: &'static str,
    /// Place in the kader's list, 0 = best.
    rank: u8,
    /// How many labels the list has.
    of: u8,
}

/// Every verdict interned so far (the three built-in ones are constants).
static INTERNED_VERDICTS: Mutex<Vec<&'static VerdictDef>> = Mutex::new(Vec::new());

/// Most eindoordeel labels a kader may declare.
pub const MAX_VERDICTS: usize = 10;

impl Verdict {
    pub const VOLDOENDE: Verdict = Verdict(&VerdictDef {
        id: "voldoende",
        label: "voldoende",
        rank: 0,
        of: 3,
    });
    pub const MATIG: Verdict = Verdict(&VerdictDef {
        id: "matig",
        label: "matig",
        rank: 1,
        of: 3,
    });
    pub const ONVOLDOENDE: Verdict = Verdict(&VerdictDef {
        id: "onvoldoende",
        label: "onvoldoende",
        rank: 2,
        of: 3,
    });

    /// The eindoordelen of a kader that declares none, best first.
    pub const BUILTIN: [Verdict; 3] = [Verdict::VOLDOENDE, Verdict::MATIG, Verdict::ONVOLDOENDE];

    /// The labels of a kader, best first, as `(id, label)`; `None` when there are fewer than
    /// two or more than [`MAX_VERDICTS`] (the kader validation says so first).
    pub fn scale(labels: &[(&str, &str)]) -> Option<Vec<Verdict>> {
        if !(2..=MAX_VERDICTS).contains(&labels.len()) {
            return None;
        }
        let of = labels.len() as u8;
        Some(
            labels
                .iter()
                .enumerate()
                .map(|(rank, (id, label))| Verdict::intern(id, label, rank as u8, of))
                .collect(),
        )
    }

    fn intern(id: &str, label: &str, rank: u8, of: u8) -> Verdict {
        let wanted =
            |d: &VerdictDef| d.id == id && d.label == label && d.rank == rank && d.of == of;
        if let Some(v) = Verdict::BUILTIN.into_iter().find(|v| wanted(v.0)) {
            return v;
        }
        let mut interned = INTERNED_VERDICTS.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(def) = interned.iter().find(|d| wanted(d)) {
            return Verdict(def);
        }
        let def: &'static VerdictDef = Box::leak(Box::new(VerdictDef {
            id: Box::leak(id.into()),
            label: Box::leak(label.into()),
            rank,
            of,
        }));
        interned.push(def);
        Verdict(def)
    }

    /// The token used in files and JSON output.
    pub fn as_str(self) -> &'static str {
        self.0.id
    }

    /// The label for people: "voldoende", "basis op orde maar potentieel kwetsbaar".
    pub fn label(self) -> &'static str {
        self.0.label
    }

    /// Place in its kader's list (0 = best) and the length of that list.
    pub fn rank(self) -> (u8, u8) {
        (self.0.rank, self.0.of)
    }

    /// One of the three built-in eindoordelen by its token.
    pub fn parse(s: &str) -> Option<Verdict> {
        Verdict::BUILTIN.into_iter().find(|v| v.as_str() == s)
    }

    /// The worse of two verdicts.
    pub fn worst(self, other: Verdict) -> Verdict {
        self.max(other)
    }
}

impl PartialEq for Verdict {
    fn eq(&self, other: &Self) -> bool {
        self.0 == other.0
    }
}

impl Eq for Verdict {}

impl std::hash::Hash for Verdict {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        (self.0.id, self.0.rank, self.0.of).hash(state);
    }
}

impl PartialOrd for Verdict {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Verdict {
    /// Best first: by place in the list (then, for a total order, by the rest).
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.0.rank, self.0.of, self.0.id, self.0.label).cmp(&(
            other.0.rank,
            other.0.of,
            other.0.id,
            other.0.label,
        ))
    }
}

impl fmt::Debug for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Verdict({})", self.0.id)
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// What the verdict scale measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    /// Sum of deductions over failed verwachtingen; more is worse.
    Deductions,
    /// Number of verwachtingen met; more is better.
    MetCount,
    /// The eindoordeel is chosen by the analyst among the kader's eindoordelen (seed 001: a
    /// category per organisation); there are no schalen and nothing is computed.
    Choice,
}

#[derive(Debug, Clone)]
pub struct DecisionRules {
    pub measure: Measure,
    pub default_deduction: u32,
    /// Deductions other than the default, per expectation index.
    pub deductions: HashMap<usize, Deduction>,
    pub variants: Vec<Variant>,
    pub scales: Vec<Scale>,
    /// Index into `scales`.
    pub default_scale: usize,
    pub conditions: Vec<Condition>,
    pub explanation: String,
}

#[derive(Debug, Clone)]
pub struct Deduction {
    pub points: u32,
    pub rule: String,
}

/// A reason an onvoldoende can have, with its own effect on the score (e.g. `wachtlijst` on 2.1.1).
#[derive(Debug, Clone)]
pub struct Variant {
    /// Expectation index.
    pub expectation: usize,
    pub id: String,
    pub name: String,
    pub is_default: bool,
    /// Whether the failed verwachting's deduction counts.
    pub counts: bool,
    /// Scale index to read the verdict from, when not the default scale.
    pub scale: Option<usize>,
    pub rule: String,
}

/// Bands over the measure, contiguous from 0 and open-ended at the top.
#[derive(Debug, Clone)]
pub struct Scale {
    pub id: String,
    pub name: String,
    pub bands: Vec<Band>,
}

#[derive(Debug, Clone)]
pub struct Band {
    pub from: u32,
    /// Inclusive upper bound; `None` for the last band.
    pub to: Option<u32>,
    pub verdict: Verdict,
    pub rule: String,
}

impl Scale {
    /// The band containing `value`; total because bands are contiguous from 0 and end open.
    pub fn band(&self, value: u32) -> &Band {
        self.bands
            .iter()
            .find(|b| value >= b.from && b.to.is_none_or(|to| value <= to))
            .unwrap_or_else(|| &self.bands[self.bands.len() - 1])
    }
}

/// A group of verwachtingen that must all be met; otherwise the verdict is at most `otherwise`.
#[derive(Debug, Clone)]
pub struct Condition {
    pub expectations: Vec<usize>,
    /// What the group is, in words (e.g. "thema 2 Veiligheid").
    pub label: String,
    pub otherwise: Verdict,
    pub rule: String,
}

/// The sources of evidence: interview guide per role, flitsinterview questions, dossier checklist,
/// requested documents.
#[derive(Debug, Clone, Default)]
pub struct EvidenceSources {
    pub explanation: String,
    pub roles: Vec<Role>,
    pub flash_questions: Vec<Question>,
    pub checklist: Vec<Question>,
    pub documents: Vec<DocumentItem>,
}

#[derive(Debug, Clone)]
pub struct Role {
    pub id: String,
    pub name: String,
    pub questions: Vec<Question>,
}

#[derive(Debug, Clone)]
pub struct Question {
    pub id: String,
    pub text: String,
    /// Expectation ids this question informs.
    pub expectations: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct DocumentItem {
    pub id: String,
    pub name: String,
    pub expectations: Vec<String>,
}

impl Framework {
    /// Assembles a framework and its index. Only [`crate::kader_io`] calls this, after validation.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn new(
        id: String,
        title: String,
        source: String,
        introduction: String,
        themes: Vec<Theme>,
        rules: DecisionRules,
        deadlines: Vec<DeadlineDef>,
        sources: EvidenceSources,
        source_text: String,
    ) -> Framework {
        let expectations = flatten(&themes);
        let index = expectations
            .iter()
            .enumerate()
            .map(|(i, e)| (e.expectation.id.clone(), i))
            .collect();
        let dates = DateKind::BUILTIN.to_vec();
        let date_rules = termijn::date_rules(
            &dates,
            &deadlines,
            &[DateProblem {
                earlier: DateKind::START_ONDERZOEK,
                later: DateKind::AFRONDING_ONDERZOEK,
            }],
        );
        Framework {
            id,
            title,
            source,
            introduction,
            themes,
            rules,
            deadlines,
            verdicts: Verdict::BUILTIN.to_vec(),
            dates,
            date_rules,
            sources,
            follow_ups: Vec::new(),
            criterion_scale: Vec::new(),
            norms: Vec::new(),
            inspectorate: String::new(),
            verdict_descriptions: vec![String::new(); Verdict::BUILTIN.len()],
            key_figures: Vec::new(),
            contact_days: None,
            source_text,
            expectations,
            index,
        }
    }

    /// The eindoordeel of this kader with this id.
    pub fn verdict(&self, id: &str) -> Option<Verdict> {
        self.verdicts.iter().copied().find(|v| v.as_str() == id)
    }

    /// What the eindoordeel `verdict` means in this kader (may be empty).
    pub fn verdict_description(&self, verdict: Verdict) -> &str {
        self.verdicts
            .iter()
            .position(|v| *v == verdict)
            .and_then(|i| self.verdict_descriptions.get(i))
            .map_or("", String::as_str)
    }

    /// The kerngegeven of this kader with this id.
    pub fn key_figure(&self, id: &str) -> Option<&KeyFigure> {
        self.key_figures.iter().find(|k| k.id == id)
    }

    /// The dossier date of this kader with this id.
    pub fn date_kind(&self, id: &str) -> Option<DateKind> {
        self.dates.iter().copied().find(|k| k.as_str() == id)
    }

    /// Every verwachting in kader order.
    pub fn expectations(&self) -> &[ExpectationRef] {
        &self.expectations
    }

    pub fn expectation(&self, index: usize) -> &Expectation {
        &self.expectations[index].expectation
    }

    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }

    /// Number of verwachtingen that count towards the eindoordeel.
    pub fn judged_count(&self) -> usize {
        self.expectations
            .iter()
            .filter(|e| e.expectation.assessment.is_scored())
            .count()
    }

    /// The deduction a failed verwachting carries (before variant effects).
    pub fn deduction(&self, expectation: usize) -> u32 {
        self.rules
            .deductions
            .get(&expectation)
            .map_or(self.rules.default_deduction, |d| d.points)
    }

    /// Variants allowed on a verwachting, in kader order.
    pub fn variants_of(&self, expectation: usize) -> impl Iterator<Item = (usize, &Variant)> {
        self.rules
            .variants
            .iter()
            .enumerate()
            .filter(move |(_, v)| v.expectation == expectation)
    }

    /// The variant a plain "onvoldoende" means on this verwachting, if it has variants.
    pub fn default_variant(&self, expectation: usize) -> Option<usize> {
        self.variants_of(expectation)
            .find(|(_, v)| v.is_default)
            .map(|(i, _)| i)
    }

    pub fn criterion_of(&self, expectation: usize) -> &Criterion {
        let e = &self.expectations[expectation];
        &self.themes[e.theme].criteria[e.criterion]
    }

    pub fn theme_of(&self, expectation: usize) -> &Theme {
        &self.themes[self.expectations[expectation].theme]
    }

    /// All interview questions of all roles, with their role.
    pub fn interview_questions(&self) -> impl Iterator<Item = (&Role, &Question)> {
        self.sources
            .roles
            .iter()
            .flat_map(|r| r.questions.iter().map(move |q| (r, q)))
    }

    pub fn role(&self, id: &str) -> Option<&Role> {
        self.sources.roles.iter().find(|r| r.id == id)
    }

    /// Every criterium in kader order.
    pub fn criteria(&self) -> impl Iterator<Item = &Criterion> {
        self.themes.iter().flat_map(|t| &t.criteria)
    }

    /// The criterium with this id.
    pub fn criterion(&self, id: &str) -> Option<&Criterion> {
        self.criteria().find(|c| c.id == id)
    }

    /// Whether the inspectors give an oordeel per criterium in this kader.
    pub fn has_criterion_oordelen(&self) -> bool {
        !self.criterion_scale.is_empty()
    }

    /// The level of the criterion scale with this code (case-insensitive: "m" is "M").
    pub fn criterion_level(&self, code: &str) -> Option<&CriterionLevel> {
        let code = code.trim();
        self.criterion_scale
            .iter()
            .find(|l| l.code.eq_ignore_ascii_case(code))
    }
}

fn flatten(themes: &[Theme]) -> Vec<ExpectationRef> {
    let mut out = Vec::new();
    for (t, theme) in themes.iter().enumerate() {
        for (c, criterion) in theme.criteria.iter().enumerate() {
            for e in &criterion.expectations {
                out.push(ExpectationRef {
                    theme: t,
                    criterion: c,
                    expectation: e.clone(),
                });
            }
        }
    }
    out
}

/// The moment a [`FollowUp`]'s term starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FollowUpFrom {
    /// The day the conceptrapport was sent (toezending van het conceptrapport).
    ConceptSent,
    /// The day the rapport was vastgesteld (het verschijnen van het rapport).
    Vastgesteld,
}

impl FollowUpFrom {
    /// The token in kader files.
    pub fn as_str(self) -> &'static str {
        match self {
            FollowUpFrom::ConceptSent => "concept_verzonden",
            FollowUpFrom::Vastgesteld => "vastgesteld",
        }
    }

    pub fn parse(s: &str) -> Option<FollowUpFrom> {
        [FollowUpFrom::ConceptSent, FollowUpFrom::Vastgesteld]
            .into_iter()
            .find(|f| f.as_str() == s)
    }

    /// "verzending van het concept", for "zes weken na …".
    pub fn words(self) -> &'static str {
        match self {
            FollowUpFrom::ConceptSent => "verzending van het conceptrapport",
            FollowUpFrom::Vastgesteld => "vaststelling van het rapport",
        }
    }
}

/// A step that follows the rapport for organisations with certain eindoordelen, within a term
/// from the concept or the vaststelling (seed 000, "Vervolg": verbetermaatregelen within six
/// weeks of sending the concept; a hertoets within six months for onvoldoende).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowUp {
    pub id: String,
    /// What happens, as the rapport says it.
    pub text: String,
    pub from: FollowUpFrom,
    pub weeks: u32,
    pub months: u32,
    /// The eindoordelen it applies to; empty: every eindoordeel.
    pub verdicts: Vec<Verdict>,
}
