//! Chapter 4, Eindoordeel en vervolg: the eindoordeel (with the inspectors' Conclusie below it),
//! the beslisregels as applied (aftrekpunten
//! per onvoldoende verwachting, voorwaarden, what was left out) and what happens next (worded in
//! `wederhoor`: the phase and the vervolg dates). A kader whose eindoordeel is chosen has its own
//! chapter 4 (`choice`).

use crate::domain::inspection::OordeelData;
use crate::domain::kader::{Assessment, Measure};
use crate::domain::wederhoor::RapportBlok;
use crate::report::model::{Block, Column, Row, RowKind, Section, Table, Text};
use crate::report::text::{count, join_and};

use super::Builder;

impl Builder<'_> {
    pub(super) fn verdict(&self) -> Vec<Section> {
        if self.choice {
            // No beslisregels to apply: the chosen eindoordeel (see `choice`).
            return self.verdict_chosen();
        }
        let chapter = self.chapters.verdict;
        let fw = self.fw;
        let s = &self.score;
        let org = &self.organisation;
        let deductions = fw.rules.measure == Measure::Deductions;

        let mut head = vec![Block::Heading {
            level: 1,
            text: Text::plain(format!("Eindoordeel: {}", self.verdict_text())),
        }];
        if self.nothing_judged() {
            head.push(Block::Paragraph(Text::plain(format!(
                "Geen van de {} verwachtingen die meetellen heeft al een oordeel. De beslisregels (bijlage 3) geven pas een eindoordeel als er oordelen zijn.",
                fw.judged_count()
            ))));
        } else {
            head.push(Block::Paragraph(Text::plain(format!(
                "{org} voldoet {}aan {} van de {} verwachtingen die meetellen; {} onvoldoende{}.",
                self.this_round_when(),
                s.met,
                fw.judged_count(),
                count(s.not_met, "verwachting is", "verwachtingen zijn"),
                if s.not_judged > 0 {
                    format!(
                        " en {} nog geen (eenduidig) oordeel",
                        count(s.not_judged, "verwachting heeft", "verwachtingen hebben")
                    )
                } else {
                    String::new()
                }
            ))));
            head.push(Block::Paragraph(
                Text::bold("Beslisregel: ").and(s.rule.clone()),
            ));
        }
        if self.has_rounds() {
            // Each earlier round's result beside this one (seed 003: "Dit was in augustus 2015
            // bij 8 van de 24 verwachtingen het geval").
            let earlier: Vec<String> = self
                .earlier_rounds()
                .iter()
                .filter_map(|round| {
                    let result = self.round_result(round.earlier?);
                    Some(format!("Bij {} voldeed {org} {result}.", round.phrase()))
                })
                .collect();
            head.push(Block::Paragraph(Text::plain(earlier.join(" "))));
        }
        if let Some(n) = self.provisional_notice() {
            head.push(Block::Notice(n));
        }
        // The inspectors' own Conclusie, below the generated eindoordeel.
        head.extend(self.written_block(RapportBlok::Conclusie));
        let mut out = vec![
            Section {
                number: Some(chapter.to_string()),
                title: "Eindoordeel en vervolg".to_string(),
                level: 1,
                blocks: Vec::new(),
            },
            Section {
                number: Some(format!("{chapter}.1")),
                title: "Eindoordeel".to_string(),
                level: 2,
                blocks: head,
            },
        ];

        let mut applied = Vec::new();
        if self.nothing_judged() {
            applied.push(Block::Paragraph(Text::plain(
                "Er zijn nog geen oordelen, dus er is nog geen beslisregel toegepast.",
            )));
        } else if s.lines.is_empty() {
            applied.push(Block::Paragraph(Text::plain(
                "Geen enkele verwachting die meetelt is onvoldoende.",
            )));
        } else {
            applied.push(Block::Paragraph(Text::plain(if deductions {
                "Per onvoldoende verwachting de aftrekpunten volgens de beslisregels (bijlage 3):"
            } else {
                "De onvoldoende verwachtingen (bijlage 3 geeft de beslisregels):"
            })));
            let mut columns = vec![
                Column::new("Verwachting", 14.0),
                Column::new("Oordeel", 20.0),
            ];
            if deductions {
                columns.push(Column::new("Aftrek", 10.0).center());
            }
            columns.push(Column::new("Toelichting", 56.0));
            let mut rows: Vec<Row> = s
                .lines
                .iter()
                .map(|l| {
                    let data = OordeelData::from_judgement(fw, l.judgement, String::new());
                    let mut cells = vec![
                        Text::plain(fw.expectation(l.expectation).id.clone()),
                        self.value_label(l.expectation, &data),
                    ];
                    if deductions {
                        cells.push(Text::plain(l.deduction.to_string()));
                    }
                    cells.push(Text::plain(l.explanation.clone()));
                    Row::new(cells)
                })
                .collect();
            if deductions {
                rows.push(
                    Row::new(vec![
                        Text::bold("Totaal"),
                        Text::new(),
                        Text::bold(s.deductions.to_string()),
                        Text::plain(
                            s.scale
                                .map(|i| format!("schaal: {}", fw.rules.scales[i].name))
                                .unwrap_or_default(),
                        ),
                    ])
                    .with_kind(RowKind::Total),
                );
            }
            applied.push(Block::Table(Table {
                columns,
                header: true,
                rows,
            }));
        }
        for &c in &s.failed_conditions {
            let condition = &fw.rules.conditions[c];
            applied.push(Block::Paragraph(
                Text::bold(format!("Voorwaarde niet voldaan ({}): ", condition.label))
                    .and(condition.rule.clone()),
            ));
        }
        let mut left_out = Vec::new();
        for (assessment, what) in [
            (Assessment::Inventoried, "alleen geïnventariseerd"),
            (Assessment::NotAssessed, "niet beoordeeld in dit kader"),
        ] {
            let ids = self.unscored_ids(assessment);
            if !ids.is_empty() {
                left_out.push(format!("{} ({what})", join_and(&ids)));
            }
        }
        let missing = self.not_judged_ids();
        if !missing.is_empty() {
            left_out.push(format!("{} (nog geen oordeel)", join_and(&missing)));
        }
        let conflicts = self.conflict_ids();
        if !conflicts.is_empty() {
            left_out.push(format!("{} (conflict, onopgelost)", join_and(&conflicts)));
        }
        if !left_out.is_empty() {
            applied.push(Block::Paragraph(Text::plain(format!(
                "Niet meegeteld: {}.",
                left_out.join("; ")
            ))));
        }
        out.push(Section {
            number: Some(format!("{chapter}.2")),
            title: if deductions {
                "Toegepaste beslisregels en aftrekpunten".to_string()
            } else {
                "Toegepaste beslisregels".to_string()
            },
            level: 2,
            blocks: applied,
        });

        out.push(Section {
            number: Some(format!("{chapter}.3")),
            title: "Vervolg".to_string(),
            level: 2,
            blocks: self.vervolg(),
        });
        out
    }
}
