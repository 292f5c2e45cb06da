//! The rows of the dossier table, computed once per change of the data and not per frame: per
//! dossier its dates, the one-line summary of its termijnen and whether it is late, open or
//! without a date; then the filter ("te laat", "open", "zonder datum") and the sort (a column,
//! up or down) over those rows, recomputed only when the data, the filter or the sort changes.
//!
//! A dossier in conflict (versions that disagree after a merge) claims no termijn outcome its
//! versions disagree on: it is late or open only when every version says so.

use std::cmp::Ordering;

use jiff::civil::Date;
use uuid::Uuid;

use crate::domain::inspection::{DossierData, Inspection, Revision, Selection};
use crate::domain::termijn::{self, CaseDates, CaseTone, DateKind, DeadlineOutcome};

/// Which dossiers the table shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Filter {
    #[default]
    Alle,
    /// A termijn missed: stopped too late, or still open and already over its term at the
    /// peildatum.
    TeLaat,
    /// A termijn without its stop date: measured up to the peildatum (within or over the
    /// term), or not measurable because there is no peildatum.
    Open,
    /// No date at all, or a termijn whose start date is missing.
    ZonderDatum,
}

impl Filter {
    pub const ALL: [Filter; 4] = [
        Filter::Alle,
        Filter::TeLaat,
        Filter::Open,
        Filter::ZonderDatum,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Filter::Alle => "alle",
            Filter::TeLaat => "te laat",
            Filter::Open => "open",
            Filter::ZonderDatum => "zonder datum",
        }
    }

    /// What the filter shows, in words (its tooltip).
    pub fn explanation(self) -> &'static str {
        match self {
            Filter::Alle => "Alle dossiers",
            Filter::TeLaat => {
                "Dossiers met een termijn die niet is gehaald, ook open dossiers die op de peildatum al over de termijn zijn"
            }
            Filter::Open => {
                "Dossiers met een termijn zonder einddatum: gemeten tot de peildatum, binnen of over de termijn"
            }
            Filter::ZonderDatum => {
                "Dossiers zonder enige datum, of met een termijn waarvan de begindatum ontbreekt"
            }
        }
    }

    fn index(self) -> usize {
        match self {
            Filter::Alle => 0,
            Filter::TeLaat => 1,
            Filter::Open => 2,
            Filter::ZonderDatum => 3,
        }
    }

    fn matches(self, row: &Row) -> bool {
        match self {
            Filter::Alle => true,
            Filter::TeLaat => row.late,
            Filter::Open => row.open,
            Filter::ZonderDatum => row.no_date,
        }
    }
}

/// A column of the dossier table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Nummer,
    Selectie,
    Date(DateKind),
    Termijnen,
}

impl Column {
    /// The columns for a kader's dossier dates: number, selectie, each date, the termijnen.
    pub fn all(dates: &[DateKind]) -> Vec<Column> {
        let mut columns = vec![Column::Nummer, Column::Selectie];
        columns.extend(dates.iter().map(|k| Column::Date(*k)));
        columns.push(Column::Termijnen);
        columns
    }

    /// The header text: "Nummer", "Melding ontvangen", …
    pub fn title(self) -> String {
        match self {
            Column::Nummer => "Nummer".into(),
            Column::Selectie => "Selectie".into(),
            Column::Date(kind) => capitalize(kind.label()),
            Column::Termijnen => "Termijnen".into(),
        }
    }

    /// The direction of a first click: the termijnen worst first, every other column up.
    fn first_descending(self) -> bool {
        matches!(self, Column::Termijnen)
    }
}

/// The order of the table: a column, up or down. Ties keep the natural order of the numbers
/// ("D-2" before "D-10"); a missing date sorts last either way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sort {
    pub column: Column,
    pub descending: bool,
}

impl Default for Sort {
    fn default() -> Self {
        Sort {
            column: Column::Nummer,
            descending: false,
        }
    }
}

impl Sort {
    /// The sort after a click on `column`'s header: the other direction on the sorted column,
    /// else that column in its first direction.
    pub fn clicked(self, column: Column) -> Sort {
        if self.column == column {
            Sort {
                column,
                descending: !self.descending,
            }
        } else {
            Sort {
                column,
                descending: column.first_descending(),
            }
        }
    }

    /// How a column is sorted, in words ("oplopend", "aflopend"), or `None` if it is not.
    pub fn direction_of(self, column: Column) -> Option<&'static str> {
        let words = match (self.column, self.descending) {
            (Column::Termijnen, true) => "ernstigste eerst",
            (Column::Termijnen, false) => "best eerst",
            (_, true) => "aflopend",
            (_, false) => "oplopend",
        };
        (self.column == column).then_some(words)
    }
}

/// One dossier as the table shows it.
#[derive(Debug, Clone)]
pub struct Row {
    pub id: String,
    pub nummer: String,
    pub selectie: Selection,
    pub dates: CaseDates,
    /// The dossier has versions that disagree (after a merge): no outcome is claimed for it
    /// until one is chosen.
    pub conflicted: bool,
    /// The dates in which the versions of a conflicted dossier differ.
    pub differs: Vec<DateKind>,
    /// The termijnen in one line ("triagebesluit: 3 d te laat"); for a conflicted dossier, that
    /// it has two versions.
    pub status: String,
    /// How the termijnen stand; `None` for a conflicted dossier.
    pub tone: Option<CaseTone>,
    /// Every termijn with its outcome, one per line (the tooltip of the status).
    pub details: String,
    pub late: bool,
    pub open: bool,
    pub no_date: bool,
    /// Position in the natural order of the numbers.
    rank: usize,
    /// For sorting on the termijnen: how bad (see [`severity`]), then by how much.
    severity: (u8, i64),
}

/// What the rows are computed from: when none of it changed, neither did they.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DataKey {
    inspection: Uuid,
    /// The edits made in this session (every edit, of any kind, counts).
    edits: u64,
    /// Revisions of dossiers in the model (grows with a merge too).
    revisions: usize,
    peildatum: Option<Date>,
}

impl DataKey {
    pub fn of(inspection: &Inspection, edits: u64) -> DataKey {
        DataKey {
            inspection: inspection.id,
            edits,
            revisions: inspection.dossiers.revision_count(),
            peildatum: inspection.peildatum(),
        }
    }
}

/// The rows, the filter and sort over them, kept between frames.
#[derive(Debug, Default)]
pub struct DossierList {
    data: Option<DataKey>,
    rows: Vec<Row>,
    /// The columns of the table (the kader's dates among them).
    columns: Vec<Column>,
    /// Per filter (in [`Filter::ALL`] order): how many rows it shows.
    counts: [usize; 4],
    /// The longest number (in characters), to size its column.
    longest: String,
    view: Option<(DataKey, Filter, Sort)>,
    /// Indexes into `rows`, in the order shown.
    shown: Vec<usize>,
    /// How many times the rows were computed (once per change of the data, not per frame).
    pub builds: u64,
}

impl DossierList {
    /// Brings the rows and the view up to date; only what changed is recomputed.
    pub fn refresh(&mut self, inspection: &Inspection, edits: u64, filter: Filter, sort: Sort) {
        let key = DataKey::of(inspection, edits);
        if self.data != Some(key) {
            self.build(inspection);
            self.data = Some(key);
        }
        if self.view != Some((key, filter, sort)) {
            let rows = &self.rows;
            self.shown = (0..rows.len())
                .filter(|&i| filter.matches(&rows[i]))
                .collect();
            self.shown
                .sort_by(|&a, &b| compare(&rows[a], &rows[b], sort));
            self.view = Some((key, filter, sort));
        }
    }

    fn build(&mut self, inspection: &Inspection) {
        let peildatum = inspection.peildatum();
        self.columns = Column::all(&inspection.framework.dates);
        self.rows = inspection
            .dossier_list()
            .into_iter()
            .enumerate()
            .map(|(rank, d)| row(inspection, d, rank, peildatum))
            .collect();
        self.counts = [0; 4];
        for filter in Filter::ALL {
            self.counts[filter.index()] = self.rows.iter().filter(|r| filter.matches(r)).count();
        }
        self.longest = self
            .rows
            .iter()
            .map(|r| &r.nummer)
            .max_by_key(|n| n.chars().count())
            .cloned()
            .unwrap_or_default();
        self.builds += 1;
    }

    /// The columns of the table, in order.
    pub fn columns(&self) -> &[Column] {
        &self.columns
    }

    /// Every dossier, in the natural order of the numbers.
    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    /// How many dossiers the table shows.
    pub fn shown_len(&self) -> usize {
        self.shown.len()
    }

    /// The `i`th dossier shown.
    pub fn shown(&self, i: usize) -> &Row {
        &self.rows[self.shown[i]]
    }

    /// The dossiers shown, in order.
    pub fn shown_rows(&self) -> impl Iterator<Item = &Row> {
        self.shown.iter().map(|&i| &self.rows[i])
    }

    /// Where dossier `id` is among those shown.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.shown.iter().position(|&i| self.rows[i].id == id)
    }

    /// How many dossiers `filter` shows.
    pub fn count(&self, filter: Filter) -> usize {
        self.counts[filter.index()]
    }

    /// The longest dossier number (for the width of its column).
    pub fn longest_number(&self) -> &str {
        &self.longest
    }

    /// What the rows shown were last computed from: the data, the filter and the sort.
    pub fn view_key(&self) -> Option<(DataKey, Filter, Sort)> {
        self.view
    }
}

/// Where a scrolled list stood last frame, and where it must go: kept by the screen so a row
/// chosen with the keyboard (or a dossier just added) is scrolled into view even when it was not
/// drawn (only the rows in view are).
#[derive(Debug, Default, Clone, Copy)]
pub struct ScrollMemo {
    /// The scroll offset (x, y) and the size of the view (width, height) last frame.
    pub offset: [f32; 2],
    pub view: [f32; 2],
    /// The size of the content last frame.
    pub content: [f32; 2],
    /// Bring this row into view next frame.
    pub to_row: Option<usize>,
    /// Scroll horizontally to this offset next frame.
    pub to_x: Option<f32>,
}

impl ScrollMemo {
    /// `x` within the horizontal scroll range (an offset past the end would bounce back).
    pub fn clamp_x(&self, x: f32) -> f32 {
        x.clamp(0.0, (self.content[0] - self.view[0]).max(0.0))
    }

    /// The vertical offset that brings row `i` (rows `height` high) into view, or `None` when
    /// it is in view already.
    pub fn offset_for_row(&self, i: usize, height: f32) -> Option<f32> {
        let top = i as f32 * height;
        let bottom = top + height;
        if top < self.offset[1] {
            Some(top)
        } else if bottom > self.offset[1] + self.view[1] {
            Some((bottom - self.view[1]).max(0.0))
        } else {
            None
        }
    }

    /// The horizontal offset that brings `left..right` (content coordinates) into view, or
    /// `None` when it is in view already.
    pub fn offset_for_span(&self, left: f32, right: f32) -> Option<f32> {
        if left < self.offset[0] {
            Some(left)
        } else if right > self.offset[0] + self.view[0] {
            Some((right - self.view[0]).max(0.0))
        } else {
            None
        }
    }
}

fn row(
    inspection: &Inspection,
    dossier: &Revision<DossierData>,
    rank: usize,
    peildatum: Option<Date>,
) -> Row {
    let id = dossier.meta.entity.clone();
    let data = &dossier.data;
    let history = inspection.dossiers.history(&id);
    let conflicted = history.is_some_and(|h| h.is_conflicted());
    let mut differs = Vec::new();
    if conflicted && let Some(history) = history {
        for head in history.heads().filter(|r| !r.meta.deleted) {
            for kind in &inspection.framework.dates {
                if head.data.dates.get(*kind) != data.dates.get(*kind) && !differs.contains(kind) {
                    differs.push(*kind);
                }
            }
        }
    }
    let defs = &inspection.framework.deadlines;
    let mut late = false;
    let mut open = false;
    let mut no_date = data.dates.is_empty();
    let mut worst_over = 0;
    let mut longest_open = 0;
    let mut details = Vec::with_capacity(defs.len());
    for def in defs {
        // A conflicted dossier: only an outcome every version agrees on.
        let outcome = if conflicted {
            inspection.deadline_outcome(def, dossier)
        } else {
            Some(termijn::evaluate(def, &data.dates, peildatum))
        };
        let Some(outcome) = outcome else {
            details.push(format!("{}: versies verschillen", def.name));
            continue;
        };
        details.push(format!("{}: {}", def.name, outcome.describe()));
        match outcome {
            DeadlineOutcome::Missed {
                over, open: still, ..
            } => {
                late = true;
                open |= still;
                worst_over = worst_over.max(over);
            }
            DeadlineOutcome::Open { elapsed } => {
                open = true;
                longest_open = longest_open.max(elapsed);
            }
            DeadlineOutcome::Missing(kind) if kind == def.from => no_date = true,
            // The start is there, the stop is not, and there is no peildatum to measure to.
            DeadlineOutcome::Missing(_) => open = true,
            DeadlineOutcome::Met { .. }
            | DeadlineOutcome::Impossible(_)
            | DeadlineOutcome::NotApplicable => {}
        }
    }
    let (status, tone) = if conflicted {
        ("twee versies — kies eerst".to_string(), None)
    } else {
        let status = termijn::case_status(defs, &data.dates, peildatum);
        (status.text, Some(status.tone))
    };
    Row {
        severity: severity(tone, worst_over, longest_open),
        id,
        nummer: data.nummer.clone(),
        selectie: data.selectie,
        dates: data.dates.clone(),
        conflicted,
        differs,
        status,
        tone,
        details: details.join("\n"),
        late,
        open,
        no_date,
        rank,
    }
}

/// How bad the termijnen of a dossier are, for sorting (higher is worse): all met, open within
/// term (the longest open first), no termijnen, unknown, missed (the most days over first), two
/// versions.
fn severity(tone: Option<CaseTone>, worst_over: i64, longest_open: i64) -> (u8, i64) {
    match tone {
        Some(CaseTone::AllMet) => (0, 0),
        Some(CaseTone::Open) => (1, longest_open),
        Some(CaseTone::NoTerms) => (2, 0),
        Some(CaseTone::Unknown) => (3, 0),
        Some(CaseTone::Problem) => (4, worst_over),
        None => (5, 0),
    }
}

fn compare(a: &Row, b: &Row, sort: Sort) -> Ordering {
    let directed = |o: Ordering| if sort.descending { o.reverse() } else { o };
    let primary = match sort.column {
        Column::Nummer => directed(a.rank.cmp(&b.rank)),
        Column::Selectie => directed(a.selectie.as_str().cmp(b.selectie.as_str())),
        Column::Date(kind) => match (a.dates.get(kind), b.dates.get(kind)) {
            (Some(x), Some(y)) => directed(x.cmp(&y)),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        },
        Column::Termijnen => directed(a.severity.cmp(&b.severity)),
    };
    primary.then(a.rank.cmp(&b.rank))
}

pub fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next().map_or_else(String::new, |f| {
        f.to_uppercase().collect::<String>() + c.as_str()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::inspection::{Record, Stamp};

    use crate::kader_io;

    fn date(s: &str) -> Option<Date> {
        Some(s.parse().unwrap())
    }

    /// An inspection (peildatum 01-06-2026) with dossiers D-1 … D-n built by `dates`.
    fn inspection(dossiers: &[(&str, CaseDates)]) -> Inspection {
        let framework = kader_io::builtin("vt-2016-stap2").unwrap().clone();
        let mut insp = Inspection::new(Uuid::nil(), framework, jiff::Timestamp::UNIX_EPOCH);
        let mut details = insp.details_data();
        details.peildatum = date("2026-06-01");
        let id = insp.details_id();
        let change = insp.change(&id, Record::Details(details), Uuid::nil(), Stamp::now());
        insp.apply(change);
        for (nummer, dates) in dossiers {
            let change = insp.change(
                &format!("id-{nummer}"),
                Record::Dossier(DossierData {
                    nummer: nummer.to_string(),
                    dates: dates.clone(),
                    ..DossierData::default()
                }),
                Uuid::nil(),
                Stamp::now(),
            );
            insp.apply(change);
        }
        insp
    }

    fn numbers(list: &DossierList) -> Vec<&str> {
        list.shown_rows().map(|r| r.nummer.as_str()).collect()
    }

    fn sample() -> Inspection {
        let late = CaseDates::default()
            .with(DateKind::MELDING_ONTVANGEN, date("2026-03-02"))
            .with(DateKind::TRIAGEBESLUIT, date("2026-03-10"));
        let in_time = CaseDates::default()
            .with(DateKind::MELDING_ONTVANGEN, date("2026-03-02"))
            .with(DateKind::TRIAGEBESLUIT, date("2026-03-04"))
            .with(DateKind::START_ONDERZOEK, date("2026-03-05"))
            .with(DateKind::AFRONDING_ONDERZOEK, date("2026-04-01"))
            .with(DateKind::VERVOLGTRAJECT_INGEZET, date("2026-04-02"));
        // Melding on 01-05, nothing after it: open and over every five-day term on 01-06.
        let open_late = CaseDates::default().with(DateKind::MELDING_ONTVANGEN, date("2026-05-01"));
        let open_in_term =
            CaseDates::default().with(DateKind::MELDING_ONTVANGEN, date("2026-05-29"));
        let no_start = CaseDates::default().with(DateKind::TRIAGEBESLUIT, date("2026-03-10"));
        inspection(&[
            ("D-10", late),
            ("D-2", in_time),
            ("D-3", open_late),
            ("D-1", CaseDates::default()),
            ("D-4", open_in_term),
            ("D-5", no_start),
        ])
    }

    #[test]
    fn filters_pick_late_open_and_dateless_dossiers() {
        let insp = sample();
        let mut list = DossierList::default();
        list.refresh(&insp, 0, Filter::TeLaat, Sort::default());
        assert_eq!(numbers(&list), ["D-3", "D-10"]);
        list.refresh(&insp, 0, Filter::Open, Sort::default());
        // D-10 waits for its start onderzoek: open (and over term) as well as late.
        assert_eq!(numbers(&list), ["D-3", "D-4", "D-10"]);
        list.refresh(&insp, 0, Filter::ZonderDatum, Sort::default());
        assert_eq!(numbers(&list), ["D-1", "D-5"]);
        list.refresh(&insp, 0, Filter::Alle, Sort::default());
        assert_eq!(numbers(&list), ["D-1", "D-2", "D-3", "D-4", "D-5", "D-10"]);
        assert_eq!(list.count(Filter::TeLaat), 2);
        assert_eq!(list.count(Filter::Alle), 6);
        assert_eq!(
            list.builds, 1,
            "the rows are computed once for one state of the data"
        );
    }

    #[test]
    fn sorting_on_dates_keeps_missing_dates_last_and_termijnen_worst_first() {
        let insp = sample();
        let mut list = DossierList::default();
        let triage = Sort::default().clicked(Column::Date(DateKind::TRIAGEBESLUIT));
        list.refresh(&insp, 0, Filter::Alle, triage);
        assert_eq!(numbers(&list), ["D-2", "D-5", "D-10", "D-1", "D-3", "D-4"]);
        list.refresh(
            &insp,
            0,
            Filter::Alle,
            triage.clicked(Column::Date(DateKind::TRIAGEBESLUIT)),
        );
        assert_eq!(numbers(&list), ["D-5", "D-10", "D-2", "D-1", "D-3", "D-4"]);
        let termijnen = Sort::default().clicked(Column::Termijnen);
        assert!(termijnen.descending);
        list.refresh(&insp, 0, Filter::Alle, termijnen);
        // Missed by the most days first (D-10: start onderzoek open, 86 days over; D-3: 26),
        // then unknown, open within term, and all met last.
        assert_eq!(numbers(&list), ["D-10", "D-3", "D-1", "D-5", "D-4", "D-2"]);
        let back = Sort::default().clicked(Column::Nummer);
        assert!(
            back.descending,
            "a second click on the sorted column turns it around"
        );
        list.refresh(&insp, 0, Filter::Alle, back);
        assert_eq!(numbers(&list), ["D-10", "D-5", "D-4", "D-3", "D-2", "D-1"]);
    }
}
