//! The bar charts of the tijdigheid chapter, in the shape of the figures of seed 004: per termijn
//! one horizontal bar per organisation with its share within term (0–100 %), the percentage at
//! the end of the bar, best first; the kader's norm as a dashed vertical line ("norm 80%"); an
//! axis 0/20/…/100 %; a caption "5 van 22 organisaties ≥ 80%" and a text alternative that says
//! all of it in words. An organisation without any dossier for which the termijn can be computed
//! gets no bar but "geen gegevens" and comes last.
//!
//! Below the norm is not told by colour alone: such a bar is light with a dark edge (a bar that
//! reaches the norm is solid) and its percentage is bold, as in the table above the charts.
//!
//! Pure: the data ([`Chart::of`]) and the geometry ([`Chart::figures`]) as [`Figure`]s the
//! report renderer draws. A chart with more organisations than fit one page
//! ([`rows_per_figure`]) is split into parts of near-equal length ([`parts`]), each a figure of
//! its own on one page.

use std::ops::Range;

use crate::report::{Align, Figure, Shape, Style, Text, Tone, count};

use super::super::{Overzicht, name_key};
use super::named;

/// Room for an organisation's name; names end (right-aligned) here, a gap before the bars.
const LABEL_W: f32 = 150.0;
/// Where the bars start: 0 %.
pub(crate) const BAR_X: f32 = 158.0;
/// Room after a full bar for its percentage.
const VALUE_W: f32 = 36.0;
/// The length of a bar of 100 %.
pub(crate) const BAR_W: f32 = Figure::WIDTH - BAR_X - VALUE_W;
/// The height of one organisation's row, and of its bar.
pub(crate) const ROW_H: f32 = 15.0;
const BAR_H: f32 = 9.0;
/// Above the first bar: room for the label of the norm line, or a little air without one.
const TOP_PAD: f32 = 16.0;
const TOP_PAD_PLAIN: f32 = 4.0;
/// Below the last bar: the axis with its labels.
const AXIS_H: f32 = 20.0;
/// Below the axis, with a norm: the legend.
const LEGEND_H: f32 = 18.0;
/// Type sizes of the names and percentages, and of the axis and legend.
const LABEL_SIZE: f32 = 8.0;
const SMALL_SIZE: f32 = 7.5;

/// One organisation's bar.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Bar {
    /// The organisation (its file when it has no name yet).
    pub label: String,
    /// The share within term (0..=1); `None`: no dossier with this termijn computable.
    pub share: Option<f64>,
    /// Whether the share reaches the norm; `None` without a norm or without a share.
    pub norm_gehaald: Option<bool>,
}

/// The chart of one termijn.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Chart {
    /// The termijn as the kader names it.
    pub naam: String,
    /// The norm: at least this percentage within term.
    pub norm: Option<u32>,
    /// Best first (highest share, then by name); those without a share last, by name.
    pub bars: Vec<Bar>,
    /// Organisations reaching the norm, not reaching it, without a share: the figures of the
    /// chapter ([`Overzicht::per_termijn`]).
    pub gehaald: u32,
    pub niet_gehaald: u32,
    pub onbekend: u32,
}

/// The share as printed, as in the table: "92%".
pub(crate) fn percent(share: f64) -> String {
    format!("{}%", (share * 100.0).round())
}

/// The length of the bar of `share` (clamped to 0..=1).
pub(crate) fn bar_length(share: f64) -> f32 {
    share.clamp(0.0, 1.0) as f32 * BAR_W
}

/// Where `percent` is on the axis, from the figure's left edge.
pub(crate) fn x_at(percent: f32) -> f32 {
    BAR_X + percent.clamp(0.0, 100.0) / 100.0 * BAR_W
}

/// The height of a figure of `rows` bars, with or without the norm's legend.
pub(crate) fn height(rows: usize, norm: bool) -> f32 {
    top(norm) + rows as f32 * ROW_H + AXIS_H + if norm { LEGEND_H } else { 0.0 }
}

/// Where the first bar's row starts.
fn top(norm: bool) -> f32 {
    if norm { TOP_PAD } else { TOP_PAD_PLAIN }
}

/// How many bars one figure holds at most: as many as fit [`Figure::MAX_HEIGHT`].
pub(crate) fn rows_per_figure() -> usize {
    ((Figure::MAX_HEIGHT - height(0, true)) / ROW_H).floor() as usize
}

/// `n` bars split into as few parts of at most `max` as possible, of near-equal length (the
/// longer ones first): 45 in parts of at most 39 are 23 + 22, not 39 + 6.
pub(crate) fn parts(n: usize, max: usize) -> Vec<Range<usize>> {
    let max = max.max(1);
    let k = n.div_ceil(max).max(1);
    let (base, extra) = (n / k, n % k);
    let mut out = Vec::with_capacity(k);
    let mut start = 0;
    for i in 0..k {
        let len = base + usize::from(i < extra);
        out.push(start..start + len);
        start += len;
    }
    out
}

impl Chart {
    /// The chart of termijn `index` of `o` (an index into [`Overzicht::termijnen`]).
    pub(crate) fn of(o: &Overzicht, index: usize) -> Chart {
        let kolom = &o.termijnen[index];
        let mut bars: Vec<Bar> = o
            .organisaties
            .iter()
            .map(|r| {
                let t = r.tijdigheid.get(index);
                Bar {
                    label: named(r).to_string(),
                    share: t.and_then(|t| t.aandeel_binnen),
                    norm_gehaald: t.and_then(|t| t.norm_gehaald),
                }
            })
            .collect();
        bars.sort_by(|a, b| {
            let best = |bar: &Bar| bar.share.map(|x| -x);
            match (best(a), best(b)) {
                (Some(x), Some(y)) => x.total_cmp(&y),
                (a_share, b_share) => b_share.is_some().cmp(&a_share.is_some()),
            }
            .then_with(|| name_key(&a.label).cmp(&name_key(&b.label)))
        });
        let (gehaald, niet_gehaald, onbekend) = o
            .per_termijn
            .get(index)
            .map_or((0, 0, bars.len() as u32), |t| {
                (t.gehaald, t.niet_gehaald, t.onbekend)
            });
        Chart {
            naam: kolom.naam.clone(),
            norm: kolom.norm,
            bars,
            gehaald,
            niet_gehaald,
            onbekend,
        }
    }

    /// Whether any organisation has a share: a chart without one shows nothing.
    pub(crate) fn has_data(&self) -> bool {
        self.bars.iter().any(|b| b.share.is_some())
    }

    /// "5 van 24 organisaties ≥ 80% (2 zonder gegevens)"; `None` without a norm.
    pub(crate) fn norm_count(&self) -> Option<String> {
        let norm = self.norm?;
        let total = self.gehaald + self.niet_gehaald + self.onbekend;
        Some(format!(
            "{} van {} ≥ {norm}%{}",
            self.gehaald,
            count(total, "organisatie", "organisaties"),
            self.without_data()
        ))
    }

    /// " (2 zonder gegevens)", or nothing when every organisation has a share.
    fn without_data(&self) -> String {
        if self.onbekend > 0 {
            format!(" ({} zonder gegevens)", self.onbekend)
        } else {
            String::new()
        }
    }

    /// The chart as figures numbered `number`: one, or several parts when the organisations do
    /// not fit one page.
    pub(crate) fn figures(&self, number: usize) -> Vec<Figure> {
        let ranges = parts(self.bars.len(), rows_per_figure());
        let n = ranges.len();
        ranges
            .into_iter()
            .enumerate()
            .map(|(i, range)| self.figure(number, (i, n), range))
            .collect()
    }

    /// Part `part` (0-based, of `parts`) of the chart: bars `range`.
    fn figure(&self, number: usize, (part, parts): (usize, usize), range: Range<usize>) -> Figure {
        let bars = &self.bars[range];
        let deel = if parts > 1 {
            format!(" (deel {} van {parts})", part + 1)
        } else {
            String::new()
        };
        let summary = match self.norm_count() {
            Some(figure) => format!("{figure}."),
            None => "Het kader stelt voor deze termijn geen norm.".to_string(),
        };
        let caption = Text::bold(format!("Figuur {number}{deel}")).and(format!(
            " – {}: aandeel binnen de termijn per organisatie, van hoog naar laag. {summary}",
            self.naam
        ));
        Figure {
            caption,
            alt: self.alt(bars, &deel),
            height: height(bars.len(), self.norm.is_some()),
            shapes: self.shapes(bars),
        }
    }

    /// The text alternative: every bar in words, the norm and how many reach it.
    fn alt(&self, bars: &[Bar], deel: &str) -> String {
        let values: Vec<String> = bars
            .iter()
            .map(|b| match b.share {
                Some(x) => format!("{} {}", b.label, percent(x)),
                None => format!("{} geen gegevens", b.label),
            })
            .collect();
        let norm = match self.norm {
            Some(norm) => {
                let total = self.gehaald + self.niet_gehaald + self.onbekend;
                format!(
                    "norm {norm}%; {} van {} {} de norm{}",
                    self.gehaald,
                    count(total, "organisatie", "organisaties"),
                    if self.gehaald == 1 { "haalt" } else { "halen" },
                    self.without_data()
                )
            }
            None => "het kader stelt geen norm".to_string(),
        };
        format!(
            "Staafdiagram{deel}: aandeel binnen termijn per organisatie, {}, van hoog naar laag. {}; {norm}.",
            self.naam,
            values.join(", ")
        )
    }

    /// The drawing: grid, bars with names and percentages, axis, norm line and legend.
    fn shapes(&self, bars: &[Bar]) -> Vec<Shape> {
        let mut shapes = Vec::new();
        let top = top(self.norm.is_some());
        let bottom = top + bars.len() as f32 * ROW_H;
        let line = |x1: f32, y1: f32, x2: f32, y2: f32, width: f32, tone: Tone| Shape::Line {
            x1,
            y1,
            x2,
            y2,
            width,
            tone,
            dash: None,
        };
        let label =
            |x: f32, y: f32, text: String, style: Style, size: f32, tone: Tone| Shape::Label {
                x,
                y,
                text,
                style,
                size,
                tone,
                align: Align::Left,
                max_width: None,
            };
        // Grid lines at every 20 %, under the bars.
        for p in [20.0, 40.0, 60.0, 80.0, 100.0] {
            shapes.push(line(x_at(p), top - 2.0, x_at(p), bottom, 0.4, Tone::Rule));
        }
        for (i, bar) in bars.iter().enumerate() {
            let middle = top + (i as f32 + 0.5) * ROW_H;
            let baseline = middle + 0.35 * LABEL_SIZE;
            shapes.push(Shape::Label {
                x: LABEL_W,
                y: baseline,
                text: bar.label.clone(),
                style: Style::Regular,
                size: LABEL_SIZE,
                tone: Tone::Ink,
                align: Align::Right,
                max_width: Some(LABEL_W),
            });
            let Some(share) = bar.share else {
                shapes.push(label(
                    BAR_X + 4.0,
                    baseline,
                    "geen gegevens".to_string(),
                    Style::Italic,
                    LABEL_SIZE,
                    Tone::Muted,
                ));
                continue;
            };
            let below = bar.norm_gehaald == Some(false);
            let length = bar_length(share);
            if length > 0.0 {
                shapes.push(Shape::Rect {
                    x: BAR_X,
                    y: middle - BAR_H / 2.0,
                    w: length,
                    h: BAR_H,
                    fill: Some(if below { Tone::Attention } else { Tone::Accent }),
                    stroke: below.then_some(Tone::AttentionEdge),
                });
            }
            shapes.push(label(
                BAR_X + length + 3.0,
                baseline,
                percent(share),
                if below { Style::Bold } else { Style::Regular },
                LABEL_SIZE,
                Tone::Ink,
            ));
        }
        // The axis: 0 % and the baseline with a tick and a label every 20 %.
        shapes.push(line(BAR_X, top - 2.0, BAR_X, bottom, 0.8, Tone::Muted));
        shapes.push(line(BAR_X, bottom, x_at(100.0), bottom, 0.6, Tone::Muted));
        for p in [0.0, 20.0, 40.0, 60.0, 80.0, 100.0] {
            shapes.push(line(
                x_at(p),
                bottom,
                x_at(p),
                bottom + 3.0,
                0.6,
                Tone::Muted,
            ));
            shapes.push(Shape::Label {
                x: x_at(p),
                y: bottom + 12.0,
                text: format!("{p}%"),
                style: Style::Regular,
                size: SMALL_SIZE,
                tone: Tone::Muted,
                align: Align::Center,
                max_width: None,
            });
        }
        let Some(norm) = self.norm else {
            return shapes;
        };
        // The norm, over the bars: dashes on a white line, visible on a solid bar too.
        let x = x_at(norm as f32);
        shapes.push(line(x, top - 4.0, x, bottom, 2.2, Tone::Paper));
        shapes.push(Shape::Line {
            x1: x,
            y1: top - 4.0,
            x2: x,
            y2: bottom,
            width: 1.0,
            tone: Tone::Ink,
            dash: Some(3.0),
        });
        shapes.push(Shape::Label {
            x,
            y: top - 6.0,
            text: format!("norm {norm}%"),
            style: Style::Bold,
            size: SMALL_SIZE,
            tone: Tone::Ink,
            align: Align::Center,
            max_width: None,
        });
        // The legend: solid for the norm reached, light with an edge and bold below it.
        let y = bottom + AXIS_H + 6.0;
        let swatch = |x: f32, below: bool| Shape::Rect {
            x,
            y: y - 7.0,
            w: 14.0,
            h: 7.0,
            fill: Some(if below { Tone::Attention } else { Tone::Accent }),
            stroke: below.then_some(Tone::AttentionEdge),
        };
        shapes.push(swatch(BAR_X, false));
        shapes.push(label(
            BAR_X + 18.0,
            y,
            format!("norm gehaald (≥ {norm}%)"),
            Style::Regular,
            SMALL_SIZE,
            Tone::Ink,
        ));
        shapes.push(swatch(BAR_X + 130.0, true));
        shapes.push(label(
            BAR_X + 148.0,
            y,
            format!("onder de norm (< {norm}%)"),
            Style::Regular,
            SMALL_SIZE,
            Tone::Ink,
        ));
        shapes
    }
}
