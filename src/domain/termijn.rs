//! Termijnen: legal terms computed from the dates in a dossier, never typed by hand.
//!
//! The kader declares which dates a dossier records ([`DateKind`], `[[datum]]`; the five of the
//! Veilig Thuis kaders when it declares none) and its terms over them. A [`DeadlineDef`] says
//! which dossier date starts the clock, which date (or the first of several) stops it, and how
//! long the term is. [`evaluate`] gives, per dossier, met / missed with the number of days over;
//! missing or impossible dates are flagged, never guessed. A case whose stop date is not there
//! yet is **open**: it is measured up to the peildatum (the visit, or a date the inspectors
//! set), so an open case older than its term is missed ("open, 312 d, 237 d over termijn") and
//! one still within it is "open, binnen termijn" — a backlog never makes an organisation look
//! better. Only a case without its start date (or without a peildatum) is unknown, and a term
//! the kader marks optional does not apply to a dossier without its start date at all.
//! [`summarize`] gives the share within term over many dossiers, with its basis.

use std::collections::BTreeMap;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::sync::Mutex;

use jiff::civil::{Date, Weekday};

/// A date a dossier records, as the kader declares it: its id (the token in kader files, the
/// file and JSON: `melding_ontvangen`) and its Dutch label ("melding ontvangen").
///
/// Date kinds are small interned symbols: `Copy`, compared and hashed by id only, so a date read
/// from a file matches the kader's kind of the same id whatever its label. They order as they
/// were first declared (the built-in five first, in the order of a case), so the dates of a
/// dossier list in the kader's order. The set of distinct kinds a process ever sees is bounded by
/// the kaders it reads (a handful each), so the interned entries are kept for the life of the
/// process.
#[derive(Clone, Copy)]
pub struct DateKind(&'static DateKindDef);

#[derive(Debug, PartialEq, Eq)]
struct DateKindDef {
    id: &'static str,
    label: &'static str,
    /// The same for every entry of one id: the order in which ids were first declared.
    order: usize,
}

/// Every kind interned so far (the built-in ones are constants and always found first).
static INTERNED: Mutex<Vec<&'static DateKindDef>> = Mutex::new(Vec::new());

impl DateKind {
    pub const MELDING_ONTVANGEN: DateKind = DateKind(&DateKindDef {
        id: "melding_ontvangen",
        label: "melding ontvangen",
        order: 0,
    });
    pub const TRIAGEBESLUIT: DateKind = DateKind(&DateKindDef {
        id: "triagebesluit",
        label: "triagebesluit",
        order: 1,
    });
    pub const START_ONDERZOEK: DateKind = DateKind(&DateKindDef {
        id: "start_onderzoek",
        label: "start onderzoek",
        order: 2,
    });
    pub const AFRONDING_ONDERZOEK: DateKind = DateKind(&DateKindDef {
        id: "afronding_onderzoek",
        label: "afronding onderzoek",
        order: 3,
    });
    pub const VERVOLGTRAJECT_INGEZET: DateKind = DateKind(&DateKindDef {
        id: "vervolgtraject_ingezet",
        label: "vervolgtraject ingezet",
        order: 4,
    });

    /// The dates of a dossier when the kader declares none (the Veilig Thuis kaders of 2015 and
    /// 2016), in the order of a case.
    pub const BUILTIN: [DateKind; 5] = [
        DateKind::MELDING_ONTVANGEN,
        DateKind::TRIAGEBESLUIT,
        DateKind::START_ONDERZOEK,
        DateKind::AFRONDING_ONDERZOEK,
        DateKind::VERVOLGTRAJECT_INGEZET,
    ];

    /// The kind with this id and label (as a kader declares it).
    pub fn new(id: &str, label: &str) -> DateKind {
        if let Some(kind) = DateKind::BUILTIN
            .into_iter()
            .find(|k| k.0.id == id && k.0.label == label)
        {
            return kind;
        }
        let mut interned = INTERNED.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(def) = interned.iter().find(|d| d.id == id && d.label == label) {
            return DateKind(def);
        }
        let order = DateKind::BUILTIN
            .iter()
            .map(|k| k.0)
            .chain(interned.iter().copied())
            .find(|d| d.id == id)
            .map_or_else(|| DateKind::BUILTIN.len() + interned.len(), |d| d.order);
        let def: &'static DateKindDef = Box::leak(Box::new(DateKindDef {
            id: Box::leak(id.into()),
            label: Box::leak(label.into()),
            order,
        }));
        interned.push(def);
        DateKind(def)
    }

    /// The kind with this id, for a date read from a file: a built-in or already declared kind
    /// of that id, else one labelled after its id (`start_vv` → "start vv").
    pub fn from_id(id: &str) -> DateKind {
        if let Some(kind) = DateKind::BUILTIN.into_iter().find(|k| k.0.id == id) {
            return kind;
        }
        {
            let interned = INTERNED.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(def) = interned.iter().find(|d| d.id == id) {
                return DateKind(def);
            }
        }
        DateKind::new(id, &id.replace('_', " "))
    }

    /// The token used in kader files, the database and JSON.
    pub fn as_str(self) -> &'static str {
        self.0.id
    }

    /// Dutch label for screens and the rapport.
    pub fn label(self) -> &'static str {
        self.0.label
    }

    /// A built-in kind by its token.
    pub fn parse(s: &str) -> Option<DateKind> {
        DateKind::BUILTIN.into_iter().find(|k| k.as_str() == s)
    }
}

impl PartialEq for DateKind {
    fn eq(&self, other: &Self) -> bool {
        self.0.id == other.0.id
    }
}

impl Eq for DateKind {}

impl Hash for DateKind {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.0.id.hash(state);
    }
}

impl PartialOrd for DateKind {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for DateKind {
    /// In the order ids were first declared (one order per id, so this agrees with `==`).
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.order.cmp(&other.0.order)
    }
}

impl fmt::Debug for DateKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DateKind({})", self.0.id)
    }
}

impl fmt::Display for DateKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// The dates of one dossier, by kind; any may be missing. Kinds the kader does not declare are
/// kept as they were read (a dossier is never stripped of a date), but no term looks at them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CaseDates(BTreeMap<DateKind, Date>);

impl CaseDates {
    pub fn get(&self, kind: DateKind) -> Option<Date> {
        self.0.get(&kind).copied()
    }

    pub fn set(&mut self, kind: DateKind, date: Option<Date>) {
        match date {
            Some(date) => {
                self.0.insert(kind, date);
            }
            None => {
                self.0.remove(&kind);
            }
        }
    }

    /// These dates with `kind` set to `date` (for building dates in code and tests).
    pub fn with(mut self, kind: DateKind, date: Option<Date>) -> CaseDates {
        self.set(kind, date);
        self
    }

    /// No date filled in.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Every date filled in, in the order their kinds were declared.
    pub fn iter(&self) -> impl Iterator<Item = (DateKind, Date)> + '_ {
        self.0.iter().map(|(k, d)| (*k, *d))
    }

    /// Dates that contradict each other: for every rule (`earlier`, `later`) of the kader
    /// ([`crate::domain::kader::Framework::date_rules`]), `later` lies before `earlier`.
    pub fn problems(&self, rules: &[DateProblem]) -> Vec<DateProblem> {
        rules
            .iter()
            .filter(
                |rule| match (self.get(rule.earlier), self.get(rule.later)) {
                    (Some(earlier), Some(later)) => later < earlier,
                    _ => false,
                },
            )
            .copied()
            .collect()
    }
}

impl FromIterator<(DateKind, Date)> for CaseDates {
    fn from_iter<I: IntoIterator<Item = (DateKind, Date)>>(iter: I) -> Self {
        CaseDates(iter.into_iter().collect())
    }
}

/// Two dates in the order of a case: `later` may not lie before `earlier`. As a rule of the
/// kader it states the order; as a problem of a dossier, that its dates break it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateProblem {
    pub earlier: DateKind,
    pub later: DateKind,
}

impl fmt::Display for DateProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ligt vóór {}", self.later, self.earlier)
    }
}

/// The order rules of a set of dates: the first date (the melding) comes before every other,
/// every term runs forward, and `extra` pairs (the kader's `na`); without duplicates.
pub fn date_rules(
    dates: &[DateKind],
    deadlines: &[DeadlineDef],
    extra: &[DateProblem],
) -> Vec<DateProblem> {
    let mut rules: Vec<DateProblem> = Vec::new();
    let mut push = |earlier: DateKind, later: DateKind| {
        let rule = DateProblem { earlier, later };
        if earlier != later && !rules.contains(&rule) {
            rules.push(rule);
        }
    };
    if let Some((first, rest)) = dates.split_first() {
        for later in rest {
            push(*first, *later);
        }
    }
    for def in deadlines {
        for to in def.stops() {
            push(def.from, to);
        }
    }
    for rule in extra {
        push(rule.earlier, rule.later);
    }
    rules
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayCount {
    Calendar,
    /// Monday to Friday; public holidays are not known to veldtoets.
    Workdays,
}

impl DayCount {
    pub fn as_str(self) -> &'static str {
        match self {
            DayCount::Calendar => "kalenderdagen",
            DayCount::Workdays => "werkdagen",
        }
    }
}

/// A legal term from the kader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeadlineDef {
    pub id: String,
    pub name: String,
    pub from: DateKind,
    /// The date that stops the clock; with `also_to`, the first of these dates that is filled
    /// in stops it ("start van een onderzoek of van Voorwaarden & Vervolg").
    pub to: DateKind,
    pub also_to: Vec<DateKind>,
    /// The term applies only to dossiers with its start date (an afronding of an onderzoek
    /// for dossiers that had one); without it the term is not applicable, not unknown.
    pub optional: bool,
    /// Length in `unit`s (weeks already converted to days).
    pub days: u32,
    pub unit: DayCount,
    /// Expectation ids this term informs.
    pub expectations: Vec<String>,
}

impl DeadlineDef {
    /// The dates that stop the clock: `to`, then `also_to`.
    pub fn stops(&self) -> impl Iterator<Item = DateKind> + '_ {
        std::iter::once(self.to).chain(self.also_to.iter().copied())
    }

    /// The stop date(s) in words: "start onderzoek of start V&V".
    pub fn stop_label(&self) -> String {
        self.stops()
            .map(DateKind::label)
            .collect::<Vec<_>>()
            .join(" of ")
    }
}

/// The outcome of one term for one dossier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeadlineOutcome {
    Met {
        elapsed: i64,
    },
    /// Over the term: stopped too late, or (`open`) not stopped and already over the term at
    /// the peildatum (`elapsed` counted up to the peildatum).
    Missed {
        elapsed: i64,
        over: i64,
        open: bool,
    },
    /// Not stopped yet, still within the term at the peildatum (`elapsed` up to the peildatum).
    Open {
        elapsed: i64,
    },
    /// A date the term needs is not filled in.
    Missing(DateKind),
    /// The stop date lies before the start date.
    Impossible(DateProblem),
    /// The term is optional and the dossier has no start date for it: it does not count.
    NotApplicable,
}

impl DeadlineOutcome {
    /// Only a computed term within its length is met; a missing or impossible date never is.
    pub fn is_met(self) -> bool {
        matches!(self, DeadlineOutcome::Met { .. })
    }

    /// The term could not be computed (a date missing or contradicting another).
    pub fn is_unknown(self) -> bool {
        matches!(
            self,
            DeadlineOutcome::Missing(_) | DeadlineOutcome::Impossible(_)
        )
    }

    pub fn is_missed(self) -> bool {
        matches!(self, DeadlineOutcome::Missed { .. })
    }

    /// The case has not reached the term's stop date yet (within or over the term).
    pub fn is_open(self) -> bool {
        matches!(
            self,
            DeadlineOutcome::Open { .. } | DeadlineOutcome::Missed { open: true, .. }
        )
    }

    /// Short Dutch description, e.g. "12 dagen te laat".
    pub fn describe(self) -> String {
        match self {
            DeadlineOutcome::Met { elapsed } => format!("binnen termijn ({elapsed} d)"),
            DeadlineOutcome::Missed {
                over, open: false, ..
            } => {
                format!("{over} dag{} te laat", if over == 1 { "" } else { "en" })
            }
            DeadlineOutcome::Missed {
                elapsed,
                over,
                open: true,
            } => format!("open, {elapsed} d, {over} d over termijn"),
            DeadlineOutcome::Open { elapsed } => format!("open, binnen termijn ({elapsed} d)"),
            DeadlineOutcome::Missing(kind) => format!("termijn onbekend: datum {kind} ontbreekt"),
            DeadlineOutcome::Impossible(problem) => format!("onmogelijke data: {problem}"),
            DeadlineOutcome::NotApplicable => "niet van toepassing".to_string(),
        }
    }
}

/// How the terms of one dossier stand together, for a one-line summary (the Termijnen column of
/// the dossier table). Ordered from best to worst claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum CaseTone {
    /// Every term computed and within its length: the only state that may be shown as good.
    AllMet,
    /// No term missed or unknown, but at least one has not stopped yet (open, within term).
    Open,
    /// The kader has no terms, or none applies to this dossier.
    NoTerms,
    /// At least one term cannot be computed (a date is missing) and none is missed.
    Unknown,
    /// At least one term missed or with impossible dates.
    Problem,
}

/// The one-line summary of every term of one dossier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseStatus {
    pub tone: CaseTone,
    /// Dutch, e.g. "binnen termijn", "triagebesluit: 3 d te laat" or
    /// "start onderzoek: termijn onbekend, datum start onderzoek ontbreekt".
    pub text: String,
}

/// Summarises the terms `defs` for one dossier: missed and impossible terms first, then the
/// terms that cannot be computed, each named with the reason; "binnen termijn" only when every
/// term was computed and met. Terms are named by their stop date, as in the dossier table.
pub fn case_status(defs: &[DeadlineDef], dates: &CaseDates, peildatum: Option<Date>) -> CaseStatus {
    if defs.is_empty() {
        return CaseStatus {
            tone: CaseTone::NoTerms,
            text: "geen termijnen in dit kader".to_string(),
        };
    }
    let outcomes: Vec<(&DeadlineDef, DeadlineOutcome)> = defs
        .iter()
        .map(|d| (d, evaluate(d, dates, peildatum)))
        .collect();
    let met = outcomes.iter().filter(|(_, o)| o.is_met()).count();
    let open = outcomes
        .iter()
        .filter(|(_, o)| matches!(o, DeadlineOutcome::Open { .. }))
        .count();
    let mut problems = Vec::new();
    // Terms that cannot be computed, grouped by the missing date (in the order of the terms).
    let mut unknown: Vec<(DateKind, Vec<String>)> = Vec::new();
    for (def, outcome) in &outcomes {
        let name = def.stop_label();
        match outcome {
            DeadlineOutcome::Met { .. }
            | DeadlineOutcome::Open { .. }
            | DeadlineOutcome::NotApplicable => {}
            DeadlineOutcome::Missed {
                over, open: false, ..
            } => {
                problems.push(format!("{name}: {over} d te laat"));
            }
            DeadlineOutcome::Missed {
                over, open: true, ..
            } => {
                problems.push(format!("{name}: open, {over} d over termijn"));
            }
            DeadlineOutcome::Impossible(problem) => {
                problems.push(format!("{name}: onmogelijke data ({problem})"));
            }
            DeadlineOutcome::Missing(kind) => match unknown.iter_mut().find(|(k, _)| k == kind) {
                Some((_, names)) => names.push(name),
                None => unknown.push((*kind, vec![name])),
            },
        }
    }
    let unknown: Vec<String> = unknown
        .into_iter()
        .map(|(kind, names)| {
            if names.len() == defs.len() && defs.len() > 1 {
                format!("alle termijnen onbekend: datum {kind} ontbreekt")
            } else if names == [kind.label()] {
                format!("{kind}: termijn onbekend, datum ontbreekt")
            } else {
                format!(
                    "{}: termijn onbekend, datum {kind} ontbreekt",
                    names.join(", ")
                )
            }
        })
        .collect();
    let no_dates = dates.is_empty();
    let applicable = outcomes
        .iter()
        .filter(|(_, o)| *o != DeadlineOutcome::NotApplicable)
        .count();
    let tone = if !problems.is_empty() {
        CaseTone::Problem
    } else if !unknown.is_empty() {
        CaseTone::Unknown
    } else if open > 0 {
        CaseTone::Open
    } else if applicable == 0 {
        CaseTone::NoTerms
    } else {
        CaseTone::AllMet
    };
    let text = match tone {
        CaseTone::AllMet => "binnen termijn".to_string(),
        CaseTone::NoTerms => "geen termijn van toepassing".to_string(),
        CaseTone::Open if met == 0 => "open, binnen termijn".to_string(),
        CaseTone::Open => format!("{met} binnen termijn · {open} open, binnen termijn"),
        CaseTone::Unknown if no_dates => {
            "termijnen onbekend: nog geen enkele datum ingevuld".to_string()
        }
        _ => {
            let mut parts = problems;
            parts.extend(unknown);
            if met > 0 {
                parts.push(format!("{met} binnen termijn"));
            }
            if open > 0 {
                parts.push(format!("{open} open, binnen termijn"));
            }
            parts.join(" · ")
        }
    };
    CaseStatus { tone, text }
}

/// Evaluates one term against one dossier's dates. Without its stop date the case is open and
/// is measured up to `peildatum` ([`DeadlineOutcome::Open`], or [`DeadlineOutcome::Missed`] with
/// `open` once over the term); without a peildatum, or with a start after it, the missing stop
/// date makes the term unknown.
pub fn evaluate(def: &DeadlineDef, dates: &CaseDates, peildatum: Option<Date>) -> DeadlineOutcome {
    let Some(from) = dates.get(def.from) else {
        return if def.optional {
            DeadlineOutcome::NotApplicable
        } else {
            DeadlineOutcome::Missing(def.from)
        };
    };
    let limit = i64::from(def.days);
    // The first stop date filled in stops the clock.
    let stop = def
        .stops()
        .filter_map(|kind| dates.get(kind).map(|date| (kind, date)))
        .min_by_key(|(_, date)| *date);
    let Some((stop_kind, to)) = stop else {
        return match peildatum {
            Some(peil) if peil >= from => {
                let elapsed = elapsed_days(from, peil, def.unit);
                if elapsed <= limit {
                    DeadlineOutcome::Open { elapsed }
                } else {
                    DeadlineOutcome::Missed {
                        elapsed,
                        over: elapsed - limit,
                        open: true,
                    }
                }
            }
            _ => DeadlineOutcome::Missing(def.to),
        };
    };
    if to < from {
        return DeadlineOutcome::Impossible(DateProblem {
            earlier: def.from,
            later: stop_kind,
        });
    }
    let elapsed = elapsed_days(from, to, def.unit);
    if elapsed <= limit {
        DeadlineOutcome::Met { elapsed }
    } else {
        DeadlineOutcome::Missed {
            elapsed,
            over: elapsed - limit,
            open: false,
        }
    }
}

/// Days from `from` to `to` (`to >= from`): calendar days, or workdays after `from` up to and
/// including `to`.
pub fn elapsed_days(from: Date, to: Date, unit: DayCount) -> i64 {
    let calendar = i64::from((to - from).get_days());
    match unit {
        DayCount::Calendar => calendar,
        DayCount::Workdays => {
            let full_weeks = calendar / 7;
            let mut count = full_weeks * 5;
            let mut day = from;
            for _ in 0..(calendar % 7) {
                day = day.tomorrow().unwrap_or(day);
                if !matches!(day.weekday(), Weekday::Saturday | Weekday::Sunday) {
                    count += 1;
                }
            }
            count
        }
    }
}

/// The share within one term over many dossiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DeadlineSummary {
    /// Stopped within the term.
    pub met: u32,
    /// Over the term: stopped too late, or open and already over it at the peildatum.
    pub missed: u32,
    /// Of `missed`: the open ones.
    pub open_missed: u32,
    /// Open and still within the term at the peildatum.
    pub open: u32,
    /// Dossiers where the term could not be computed (missing or impossible dates).
    pub unknown: u32,
}

impl DeadlineSummary {
    /// The dossiers the share is taken over: every one with a known outcome, open ones
    /// included.
    pub fn counted(&self) -> u32 {
        self.met + self.missed + self.open
    }

    /// Share within term, 0.0..=1.0: stopped within the term, over every dossier with a known
    /// outcome (an open dossier is not within term until it has stopped in time).
    pub fn share_met(&self) -> Option<f64> {
        let known = self.counted();
        (known > 0).then(|| f64::from(self.met) / f64::from(known))
    }

    /// The share within term as a whole percentage, rounded half up (62.5% is 63%), as every
    /// figure in the app, the rapport and the overzicht shows it.
    pub fn percent_met(&self) -> Option<u32> {
        self.share_met()
            .map(|x| (x * 100.0).round().clamp(0.0, 100.0) as u32)
    }

    /// Dutch, with its basis: "41 van 60 dossiers binnen termijn; 12 open, waarvan 9 over
    /// termijn; 2 onbekend (68% binnen)". The unknown ones are named, never counted as within
    /// term.
    pub fn describe(&self) -> String {
        let counted = self.counted();
        let mut s = format!(
            "{} van {counted} dossier{} binnen termijn",
            self.met,
            if counted == 1 { "" } else { "s" }
        );
        let open = self.open + self.open_missed;
        if self.open_missed > 0 {
            s.push_str(&format!(
                "; {open} open, waarvan {} over termijn",
                self.open_missed
            ));
        } else if open > 0 {
            s.push_str(&format!("; {open} open, nog binnen termijn"));
        }
        if self.unknown > 0 {
            s.push_str(&format!("; {} onbekend", self.unknown));
        }
        match self.percent_met() {
            Some(p) => s.push_str(&format!(" ({p}% binnen)")),
            None => s.push_str(" (aandeel binnen niet te bepalen)"),
        }
        s
    }

    pub fn add(&mut self, outcome: DeadlineOutcome) {
        match outcome {
            DeadlineOutcome::Met { .. } => self.met += 1,
            DeadlineOutcome::Missed { open, .. } => {
                self.missed += 1;
                if open {
                    self.open_missed += 1;
                }
            }
            DeadlineOutcome::Open { .. } => self.open += 1,
            DeadlineOutcome::Missing(_) | DeadlineOutcome::Impossible(_) => self.unknown += 1,
            DeadlineOutcome::NotApplicable => {}
        }
    }
}

/// Summarizes one term over many dossiers.
pub fn summarize<'a>(
    def: &DeadlineDef,
    dossiers: impl IntoIterator<Item = &'a CaseDates>,
    peildatum: Option<Date>,
) -> DeadlineSummary {
    let mut summary = DeadlineSummary::default();
    for dates in dossiers {
        summary.add(evaluate(def, dates, peildatum));
    }
    summary
}

/// The Dutch month names, January first (for long dates and for reading them back).
pub const MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];

/// Formats a date as `dd-mm-jjjj`, the Dutch form used on screen and in the rapport.
pub fn format_date_nl(date: Date) -> String {
    format!("{:02}-{:02}-{:04}", date.day(), date.month(), date.year())
}

/// Parses a date typed as `dd-mm-jjjj` (also `d-m-jjjj`) or ISO `jjjj-mm-dd`.
pub fn parse_date_input(text: &str) -> Result<Date, String> {
    let text = text.trim();
    let parts: Vec<&str> = text.split(['-', '/', '.']).collect();
    let numbers: Option<Vec<i32>> = parts.iter().map(|p| p.parse::<i32>().ok()).collect();
    let (year, month, day) = match (parts.as_slice(), numbers) {
        ([d, _, y], Some(n)) if y.len() == 4 && d.len() <= 2 => (n[2], n[1], n[0]),
        ([y, _, d], Some(n)) if y.len() == 4 && d.len() <= 2 => (n[0], n[1], n[2]),
        _ => return Err(format!("'{text}' is geen datum; schrijf dd-mm-jjjj")),
    };
    let (Ok(year), Ok(month), Ok(day)) =
        (i16::try_from(year), i8::try_from(month), i8::try_from(day))
    else {
        return Err(format!(
            "'{text}' is geen geldige datum; schrijf dd-mm-jjjj"
        ));
    };
    Date::new(year, month, day).map_err(|_| {
        format!("'{text}' bestaat niet als datum; controleer dag en maand (dd-mm-jjjj)")
    })
}
