//! Chapter 2, Bevindingen, in the layout of seed 003, for a kader with criterion oordelen: the
//! legend (the kader's criterion scale, V voldoende / M matig / O onvoldoende, and + / - per
//! verwachting), then per criterium a table with a column per round — every earlier round of a
//! hertoets, then this one — holding the criterion oordeel in the criterium row and + / - per
//! verwachting, followed by "Onderbouwing, Ad 1.1 …": the criterion onderbouwing of each
//! earlier round (then) and of this round (now), and the onderbouwing per verwachting with how
//! it moved since the round before (verbeterpunt opgeheven, aanhoudend, nieuw).

use crate::domain::inspection::{CriteriumOordeelData, Kinded, Round};
use crate::domain::kader::{Assessment, Criterion};
use crate::domain::rounds::Trend;
use crate::report::model::{Block, Column, Row, RowKind, Section, Table, Text};
use crate::report::text::{join_and, paragraphs};

use super::rounds::RoundRef;
use super::{Builder, Shown, lowercase_first};

/// Relative widths of the table: the number, and the rounds' columns together at most.
const NUMBER_WIDTH: f32 = 9.0;
const ROUND_WIDTH: f32 = 14.0;
const ROUNDS_WIDTH: f32 = 45.0;

impl Builder<'_> {
    pub(super) fn findings_by_criterion(&self) -> Vec<Section> {
        let fw = self.fw;
        let chapter = self.chapters.findings;
        let org = &self.organisation;
        let themes: Vec<String> = fw
            .themes
            .iter()
            .map(|t| lowercase_first(t.title.trim()))
            .collect();
        let on = match themes.as_slice() {
            [one] => format!("het thema {one}"),
            _ => format!("de thema’s {}", join_and(&themes)),
        };
        let mut blocks = vec![Block::Paragraph(Text::plain(format!(
            "In dit hoofdstuk geven de inspecteurs hun oordeel weer op {on}. Ieder thema is uitgewerkt in criteria en verwachtingen. Per criterium volgt een tabel met het oordeel van de inspecteurs over {org} op het criterium en op elke verwachting, en daarna de onderbouwing. Het oordeel per criterium:"
        )))];
        blocks.push(Block::List(
            fw.criterion_scale
                .iter()
                .map(|level| Text::bold(level.code.clone()).and(format!(" {}", level.name)))
                .collect(),
        ));
        blocks.push(Block::Paragraph(Text::plain(
            "Het oordeel per verwachting:",
        )));
        let mut legend = vec![
            Text::bold("+").and(format!(" voldoende: {org} voldoet aan de verwachting")),
            Text::bold("-").and(if self.choice {
                format!(" onvoldoende: {org} voldoet (nog) niet aan de verwachting")
            } else {
                format!(
                    " onvoldoende: {org} voldoet (nog) niet aan de verwachting; tussen haakjes de reden als de beslisregels die onderscheiden"
                )
            }),
        ];
        if !self.unscored_ids(Assessment::Inventoried).is_empty() {
            legend.push(
                Text::italic("geïnventariseerd")
                    .and(": alleen in kaart gebracht, zonder oordeel; telt niet mee"),
            );
        }
        legend.push(
            Text::italic("niet beoordeeld")
                .and(": niet beoordeeld in dit onderzoek; telt niet mee"),
        );
        if !self.not_judged_ids().is_empty() || self.criterion_open() {
            legend.push(Text::italic("nog niet beoordeeld").and(
                if self.not_judged_ids().is_empty() || self.nothing_judged() {
                    ": nog geen oordeel vastgelegd"
                } else {
                    ": nog geen oordeel vastgelegd; het eindoordeel is voorlopig"
                },
            ));
        }
        if self.has_rounds() {
            legend.push(
                Text::italic("geen oordeel")
                    .and(": in die eerdere ronde is geen oordeel vastgelegd"),
            );
        }
        if !self.conflicts.is_empty() || self.criterion_conflicts() {
            legend.push(Text::bold("conflict, onopgelost").and(
                ": inspecteurs oordeelden verschillend en dat is nog niet opgelost; telt niet mee tot het is opgelost",
            ));
        }
        blocks.push(Block::List(legend));

        let mut closing = String::new();
        if self.has_rounds() {
            let phrases: Vec<String> = self
                .all_rounds()
                .iter()
                .map(|r| format!("de oordelen op basis van {}", r.phrase()))
                .collect();
            closing.push_str(&match phrases.as_slice() {
                [then, now] => format!("In de tabellen staan zowel {then} als {now}. "),
                _ => format!(
                    "In de tabellen staan {}, naast elkaar. ",
                    join_and(&phrases)
                ),
            });
        }
        closing.push_str(&format!(
            "Bij een aantal criteria kan het oordeel van de inspecteurs voldoende zijn terwijl {org} (nog) niet aan alle verwachtingen voldoet: het oordeel per criterium is hun eigen afweging en volgt niet uit de verwachtingen. {} In het toetsingskader in bijlage 1 staan alle criteria en verwachtingen.",
            if self.choice {
                "Het eindoordeel kiezen de inspecteurs uit de eindoordelen in bijlage 3."
            } else {
                "Het eindoordeel volgt uit de verwachtingen, volgens de beslisregels in bijlage 3."
            }
        ));
        blocks.push(Block::Paragraph(Text::plain(closing)));
        let mut out = vec![Section {
            number: Some(chapter.to_string()),
            title: "Bevindingen".to_string(),
            level: 1,
            blocks,
        }];

        let rounds = self.all_rounds();
        let mut index = 0;
        for (t, theme) in fw.themes.iter().enumerate() {
            let mut blocks = Vec::new();
            if !theme.description.trim().is_empty() {
                blocks.push(Block::Paragraph(
                    Text::italic(format!("Thema {} {}. ", theme.id, theme.title))
                        .and(theme.description.trim()),
                ));
            }
            for criterion in &theme.criteria {
                let first = index;
                index += criterion.expectations.len();
                blocks.push(Block::Heading {
                    level: 1,
                    text: Text::plain(format!("Criterium {} {}", criterion.id, criterion.title)),
                });
                blocks.push(Block::Table(self.round_table(
                    criterion,
                    first..index,
                    &rounds,
                )));
                blocks.extend(self.unscored_notes(first..index));
                blocks.extend(self.criterion_rationale(criterion, &rounds));
                blocks.push(Block::Heading {
                    level: 2,
                    text: Text::plain("Per verwachting"),
                });
                for i in first..index {
                    let trend = self
                        .has_rounds()
                        .then(|| self.inspection.trend(&fw.expectation(i).id))
                        .flatten();
                    blocks.extend(self.rationale_with(i, trend.map(trend_words), false));
                }
            }
            out.push(Section {
                number: Some(format!("{chapter}.{}", t + 1)),
                title: theme.title.clone(),
                level: 2,
                blocks,
            });
        }
        out
    }

    /// Some criterium has no oordeel yet in this round.
    fn criterion_open(&self) -> bool {
        self.fw.criteria().any(|c| {
            !self.inspection.criteriumoordelen.is_conflicted(&c.id)
                && self
                    .inspection
                    .criterion_oordeel(&c.id)
                    .is_none_or(|r| r.data.oordeel.trim().is_empty())
        })
    }

    /// Some criterion oordeel is in conflict.
    fn criterion_conflicts(&self) -> bool {
        self.fw
            .criteria()
            .any(|c| self.inspection.criteriumoordelen.is_conflicted(&c.id))
    }

    /// The table of one criterium: a column per round, the criterion oordeel in the first row,
    /// + / - per verwachting below it.
    fn round_table(
        &self,
        criterion: &Criterion,
        indices: std::ops::Range<usize>,
        rounds: &[RoundRef<'_>],
    ) -> Table {
        let n = rounds.len();
        let mut columns = vec![
            Column::new("Nr.", NUMBER_WIDTH),
            Column::new("Criterium en verwachtingen", 0.0),
        ];
        if n == 1 {
            columns.push(Column::new("Oordeel", 17.0).center());
        } else {
            let width = ROUND_WIDTH.min(ROUNDS_WIDTH / n as f32);
            columns.extend(
                rounds
                    .iter()
                    .map(|r| Column::new(r.column(), width).center()),
            );
        }
        let used: f32 = columns.iter().map(|c| c.width).sum();
        columns[1].width = 100.0 - used;

        let (now, attention) = self.criterion_cell(&criterion.id);
        let mut cells = vec![
            Text::bold(criterion.id.clone()),
            Text::bold("Oordeel op het criterium"),
        ];
        cells.extend(
            rounds
                .iter()
                .filter_map(|r| r.earlier)
                .map(|round| self.earlier_criterion_cell(round, &criterion.id)),
        );
        cells.push(now);
        let mut rows = vec![Row::new(cells).with_kind(if attention {
            RowKind::Attention
        } else {
            RowKind::Normal
        })];
        for i in indices {
            let e = self.fw.expectation(i);
            let mut cells = vec![Text::plain(e.id.clone()), Text::plain(e.text.clone())];
            cells.extend(
                rounds
                    .iter()
                    .filter_map(|r| r.earlier)
                    .map(|round| self.earlier_mark(round, i)),
            );
            cells.push(self.mark_cell(i));
            let kind = if matches!(self.shown(i), Shown::Conflict(_)) {
                RowKind::Attention
            } else {
                RowKind::Normal
            };
            rows.push(Row::new(cells).with_kind(kind));
        }
        Table {
            columns,
            header: true,
            rows,
        }
    }

    /// This round's oordeel on a criterium in its cell, and whether it is in conflict.
    fn criterion_cell(&self, id: &str) -> (Text, bool) {
        if self.inspection.criteriumoordelen.is_conflicted(id) {
            return (Text::bold("conflict, onopgelost"), true);
        }
        let cell = match self.inspection.criterion_oordeel(id) {
            Some(r) if !r.data.oordeel.trim().is_empty() => Text::bold(self.code(&r.data.oordeel)),
            _ => Text::italic("nog niet beoordeeld"),
        };
        (cell, false)
    }

    /// An earlier round's oordeel on a criterium in its cell.
    fn earlier_criterion_cell(&self, round: &Round, id: &str) -> Text {
        match round.criteria.get(id).map(|o| o.oordeel.trim()) {
            Some(code) if !code.is_empty() => Text::bold(self.code(code)),
            _ => Text::italic("geen oordeel"),
        }
    }

    /// A criterion code as the kader writes it ("m" is "M"); one the kader does not know (another
    /// version of it) as recorded.
    fn code(&self, code: &str) -> String {
        self.fw
            .criterion_level(code)
            .map_or_else(|| code.trim().to_string(), |l| l.code.clone())
    }

    /// Below the table, what the kader says about a verwachting that is not scored (seed 003's
    /// footnote on 3.1.1: "Deze verwachting wordt nog niet beoordeeld …").
    fn unscored_notes(&self, indices: std::ops::Range<usize>) -> Vec<Block> {
        indices
            .map(|i| self.fw.expectation(i))
            .filter(|e| e.assessment != Assessment::Judged)
            .flat_map(|e| {
                e.footnotes
                    .iter()
                    .filter(|n| !n.trim().is_empty())
                    .map(|n| Block::Note(Text::plain(format!("{}: {}", e.id, n.trim()))))
            })
            .collect()
    }

    /// "Onderbouwing", "Ad 1.1 …", then the criterion onderbouwing of each earlier round and of
    /// this round, each under its round's name when there are earlier rounds.
    fn criterion_rationale(&self, criterion: &Criterion, rounds: &[RoundRef<'_>]) -> Vec<Block> {
        let mut blocks = vec![
            Block::Heading {
                level: 2,
                text: Text::plain("Onderbouwing"),
            },
            Block::Paragraph(Text::italic(format!(
                "Ad {} {}",
                criterion.id, criterion.title
            ))),
        ];
        let id = &criterion.id;
        let now_text = self
            .inspection
            .criterion_oordeel(id)
            .filter(|_| !self.inspection.criteriumoordelen.is_conflicted(id))
            .map(|r| r.data.onderbouwing.trim().to_string())
            .unwrap_or_default();
        // Then: each earlier round's own onderbouwing, unless this round's text already repeats it.
        let mut shown_then = false;
        for round in rounds {
            let Some(earlier) = round.earlier else {
                continue;
            };
            let then = earlier
                .criteria
                .get(id)
                .map(|o| o.onderbouwing.trim())
                .unwrap_or_default();
            if then.is_empty() || squashed(&now_text).contains(&squashed(then)) {
                continue;
            }
            blocks.extend(led(&round.title(), then));
            shown_then = true;
        }
        // Now.
        let lead = shown_then.then(|| self.this_round().title());
        if self.inspection.criteriumoordelen.is_conflicted(id) {
            if let Some(lead) = &lead {
                blocks.push(Block::Paragraph(Text::italic(format!("{lead}."))));
            }
            blocks.push(Block::Notice(Text::bold("Conflict, onopgelost. ").and(
                "De inspecteurs hebben het oordeel op dit criterium verschillend vastgelegd en dat is nog niet opgelost.",
            )));
            let history = CriteriumOordeelData::records(self.inspection).history(id);
            blocks.extend(self.versions(history, |d| d.onderbouwing.as_str()));
        } else if now_text.is_empty() {
            let what = match self.inspection.criterion_oordeel(id) {
                Some(r) if !r.data.oordeel.trim().is_empty() => "Geen onderbouwing vastgelegd.",
                _ => "Er is nog geen oordeel op dit criterium vastgelegd.",
            };
            blocks.push(Block::Paragraph(match &lead {
                Some(lead) => Text::italic(format!("{lead}. {what}")),
                None => Text::italic(what),
            }));
        } else {
            match &lead {
                Some(lead) => blocks.extend(led(lead, &now_text)),
                None => blocks.extend(
                    paragraphs(&now_text)
                        .into_iter()
                        .map(|p| Block::Paragraph(Text::plain(p))),
                ),
            }
        }
        blocks
    }
}

/// A text as paragraphs, the first led by a round's name in italics: "Onderzoek augustus 2015.
/// Tijdens het onderzoek …".
fn led(lead: &str, text: &str) -> Vec<Block> {
    paragraphs(text)
        .into_iter()
        .enumerate()
        .map(|(i, p)| {
            Block::Paragraph(if i == 0 {
                Text::italic(format!("{lead}. ")).and(p)
            } else {
                Text::plain(p)
            })
        })
        .collect()
}

/// Text with its whitespace collapsed, to see whether one text repeats another.
fn squashed(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// How a verwachting moved since the round before, as the seed says it.
fn trend_words(trend: Trend) -> &'static str {
    match trend {
        Trend::Opgeheven => "verbeterpunt opgeheven",
        Trend::Aanhoudend => "aanhoudend verbeterpunt",
        Trend::Nieuw => "nieuw verbeterpunt",
    }
}
