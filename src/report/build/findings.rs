//! Chapter 2, Bevindingen: per thema and criterium the table of oordelen (beside the earlier
//! round's for a hertoets) and the onderbouwing per verwachting, conflicts shown with every
//! version; after the onderbouwing of an onvoldoende verwachting its verbeterpunt (see `texts`).

use crate::domain::Judgement;
use crate::domain::kader::Assessment;
use crate::report::model::{Block, Column, Row, RowKind, Section, Table, Text};
use crate::report::text::{number_word, paragraphs};

use super::{Builder, Shown};

impl Builder<'_> {
    pub(super) fn findings(&self) -> Vec<Section> {
        if self.criterion_layout {
            return self.findings_by_criterion();
        }
        let fw = self.fw;
        let chapter = self.chapters.findings;
        let mut intro = vec![Block::Paragraph(Text::plain(if self.choice {
            format!(
                "In dit hoofdstuk beschrijven de inspecteurs per thema wat zij aantroffen. Elk thema is uitgewerkt in criteria en elk criterium in verwachtingen. Per criterium volgt een tabel met de verwachtingen{}, en daarna de onderbouwing per verwachting. In de tabellen betekent:",
                if self.earlier.is_some() {
                    ", naast de eerdere ronde"
                } else {
                    ""
                }
            )
        } else {
            format!(
                "In dit hoofdstuk geven de inspecteurs per thema hun oordeel. Elk thema is uitgewerkt in criteria en elk criterium in verwachtingen. Per criterium volgt een tabel met het oordeel op elke verwachting{}, en daarna de onderbouwing per verwachting. De oordelen betekenen:",
                if self.earlier.is_some() {
                    ", naast het oordeel uit de eerdere ronde"
                } else {
                    ""
                }
            )
        }))];
        let mut legend = Vec::new();
        // A kader whose eindoordeel is chosen may have no verwachting with an oordeel at all;
        // it has no beslisregels that tell the reasons of an onvoldoende apart.
        if !self.choice || fw.judged_count() > 0 {
            legend.push(
                Text::plain("voldoende: ")
                    .and(format!("{} voldoet aan de verwachting", self.organisation)),
            );
            legend.push(Text::bold("onvoldoende").and(if self.choice {
                ": niet voldaan"
            } else {
                ": niet voldaan; tussen haakjes de reden als de beslisregels die onderscheiden"
            }));
        }
        if !self.unscored_ids(Assessment::Inventoried).is_empty() {
            legend.push(Text::italic("geïnventariseerd").and(if self.choice {
                ": in kaart gebracht; de inspecteurs beschrijven wat zij aantroffen, zonder oordeel voldoende of onvoldoende"
            } else {
                ": alleen in kaart gebracht, zonder oordeel; telt niet mee"
            }));
        }
        if !self.choice
            || fw.judged_count() > 0
            || !self.unscored_ids(Assessment::NotAssessed).is_empty()
        {
            legend.push(
                Text::italic("niet beoordeeld")
                    .and(": niet beoordeeld in dit onderzoek; telt niet mee"),
            );
        }
        if !self.not_judged_ids().is_empty() {
            legend.push(
                Text::italic("nog niet beoordeeld").and(if self.nothing_judged() {
                    ": nog geen oordeel vastgelegd"
                } else {
                    ": nog geen oordeel vastgelegd; het eindoordeel is voorlopig"
                }),
            );
        }
        if !self.conflicts.is_empty() {
            legend.push(Text::bold("conflict, onopgelost").and(
                ": inspecteurs oordeelden verschillend en dat is nog niet opgelost; telt niet mee tot het is opgelost",
            ));
        }
        intro.push(Block::List(legend));
        let mut out = vec![Section {
            number: Some(chapter.to_string()),
            title: "Bevindingen".to_string(),
            level: 1,
            blocks: intro,
        }];

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
                let indices = first..index;
                blocks.push(Block::Heading {
                    level: 1,
                    text: Text::plain(format!("Criterium {} {}", criterion.id, criterion.title)),
                });
                blocks.push(Block::Table(self.criterion_table(indices.clone())));
                blocks.push(Block::Heading {
                    level: 2,
                    text: Text::plain(format!(
                        "Onderbouwing bij criterium {} {}",
                        criterion.id, criterion.title
                    )),
                });
                for i in indices {
                    blocks.extend(self.rationale(i));
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

    pub(super) fn criterion_table(&self, indices: std::ops::Range<usize>) -> Table {
        let mut columns = vec![Column::new("Nr.", 9.0), Column::new("Verwachting", 63.0)];
        if let Some(e) = &self.earlier {
            columns[1].width = 57.0;
            columns.push(Column::new(e.label.clone(), 17.0));
            columns.push(Column::new("Hertoets", 17.0));
        } else {
            columns.push(Column::new("Oordeel", 17.0));
        }
        let rows = indices
            .map(|i| {
                let e = self.fw.expectation(i);
                let mut cells = vec![Text::plain(e.id.clone()), Text::plain(e.text.clone())];
                if let Some(earlier) = &self.earlier {
                    cells.push(self.earlier_label(earlier, i));
                }
                cells.push(self.cell_label(i));
                let kind = if matches!(self.shown(i), Shown::Conflict(_)) {
                    RowKind::Attention
                } else {
                    RowKind::Normal
                };
                Row::new(cells).with_kind(kind)
            })
            .collect();
        Table {
            columns,
            header: true,
            rows,
        }
    }

    /// The onderbouwing of one verwachting: a run-in label and the inspectors' text.
    pub(super) fn rationale(&self, index: usize) -> Vec<Block> {
        self.rationale_with(index, None, true)
    }

    /// The onderbouwing of one verwachting, its label followed by `trend` in brackets when it
    /// has an oordeel ("1.1.2 – onvoldoende (aanhoudend verbeterpunt)"). Without `say_empty` an
    /// oordeel without onderbouwing is just its label (the layout of seed 003, where the
    /// onderbouwing per criterium carries the reasoning).
    pub(super) fn rationale_with(
        &self,
        index: usize,
        trend: Option<&str>,
        say_empty: bool,
    ) -> Vec<Block> {
        let e = self.fw.expectation(index);
        let mut blocks = Vec::new();
        let label = |what: Text| Block::Heading {
            level: 2,
            text: Text::plain(format!("{} – ", e.id)).and(what.plain_text()),
        };
        let body = |blocks: &mut Vec<Block>, text: &str| {
            let parts = paragraphs(text);
            if parts.is_empty() && say_empty {
                blocks.push(Block::Paragraph(Text::italic(
                    "Geen onderbouwing vastgelegd.",
                )));
            }
            for p in parts {
                blocks.push(Block::Paragraph(Text::plain(p)));
            }
        };
        match self.shown(index) {
            Shown::NotAssessed => {
                blocks.push(label(Text::plain("niet beoordeeld")));
                blocks.push(Block::Paragraph(Text::italic(
                    "Deze verwachting wordt in dit toetsingskader niet beoordeeld.",
                )));
            }
            Shown::Inventoried(r) if self.choice => {
                // Every topic of such a kader may be inventoried: the legend says what that
                // means once, and each gives what the inspecteurs found.
                blocks.push(label(Text::plain("geïnventariseerd")));
                body(&mut blocks, r.map_or("", |r| r.data.onderbouwing.as_str()));
            }
            Shown::Inventoried(r) => {
                blocks.push(label(Text::plain("geïnventariseerd")));
                blocks.push(Block::Paragraph(Text::italic(
                    "Deze verwachting wordt alleen geïnventariseerd en telt niet mee in het eindoordeel.",
                )));
                if let Some(r) = r {
                    for p in paragraphs(&r.data.onderbouwing) {
                        blocks.push(Block::Paragraph(Text::plain(p)));
                    }
                }
            }
            Shown::Missing => {
                blocks.push(label(Text::plain("nog niet beoordeeld")));
                blocks.push(Block::Paragraph(Text::italic(if self.nothing_judged() {
                    "Er is nog geen oordeel vastgelegd."
                } else {
                    "Er is nog geen oordeel vastgelegd; het eindoordeel is voorlopig."
                })));
            }
            Shown::Judged(r) => {
                let mut what = self.value_label(index, &r.data).plain_text();
                if let Judgement::NotMet { variant: Some(v) } = r.data.judgement(self.fw, index) {
                    what = format!("onvoldoende: {}", self.fw.rules.variants[v].name);
                }
                if let Some(trend) = trend {
                    what = format!("{what} ({trend})");
                }
                blocks.push(label(Text::plain(what)));
                body(&mut blocks, &r.data.onderbouwing);
                blocks.extend(self.verbeterpunt_blocks(&e.id));
            }
            Shown::Conflict(c) => {
                blocks.push(label(Text::plain("conflict, onopgelost")));
                blocks.push(Block::Notice(
                    Text::bold("Conflict, onopgelost. ").and(format!(
                        "De inspecteurs hebben {} verschillende oordelen vastgelegd en dat is nog niet opgelost. Deze verwachting telt niet mee in het eindoordeel tot één oordeel is gekozen; het eindoordeel is daarom voorlopig.",
                        number_word(c.versions.len())
                    )),
                ));
                for (n, version) in c.versions.iter().enumerate() {
                    let name = self.inspection.inspector_name(version.meta.author);
                    let value = self.value_label(index, &version.data).plain_text();
                    blocks.push(Block::Heading {
                        level: 2,
                        text: Text::plain(format!("Versie {} ({name}): {value}", n + 1)),
                    });
                    body(&mut blocks, &version.data.onderbouwing);
                }
            }
        }
        if !matches!(self.shown(index), Shown::NotAssessed) {
            blocks.extend(self.norm_notes(&e.id));
        }
        blocks
    }

    /// The figures a norm of the kader ties to verwachting `id`, with the norm: "Cijfer:
    /// onderzoek afgerond binnen tien weken: 31 van 50 dossiers binnen termijn (62% binnen); de
    /// norm is minimaal 80%: niet gehaald." The rapport states figure and norm; the oordeel is
    /// the inspectors'.
    pub(super) fn norm_notes(&self, id: &str) -> Vec<Block> {
        self.inspection
            .norm_checks_for(id)
            .iter()
            .map(|c| {
                let figure = c.basis();
                let reached = match c.reached() {
                    Some(true) => ": gehaald",
                    Some(false) => ": niet gehaald",
                    None => "",
                };
                Block::Note(Text::plain(format!(
                    "Cijfer: {}: {figure}; de norm is minimaal {}%{reached}.",
                    c.name(),
                    c.norm.min_percent
                )))
            })
            .collect()
    }
}
