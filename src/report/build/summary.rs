//! The title page and the Samenvatting (the generated counts, then the inspectors' own text).

use crate::domain::kader::{Assessment, Measure};
use crate::domain::wederhoor::RapportBlok;
use crate::report::model::{Block, Section, Text, TitlePage};
use crate::report::text::{count, format_date_long, join_and};

use super::{Builder, capitalise};

impl Builder<'_> {
    pub(super) fn title_page(&self, kind: &str) -> TitlePage {
        let mut subtitles = vec![self.fw.title.clone()];
        if self.earlier.is_some() {
            subtitles.push("Hertoets".to_string());
        }
        let mut facts = vec![
            ("Organisatie".to_string(), self.organisation.clone()),
            ("Toetsingskader".to_string(), self.fw.title.clone()),
            (
                "Bezoek".to_string(),
                self.period
                    .clone()
                    .unwrap_or_else(|| "datum niet vastgelegd".to_string()),
            ),
            (
                "Inspecteurs".to_string(),
                if self.inspectors.is_empty() {
                    "niet vastgelegd".to_string()
                } else {
                    join_and(&self.inspectors)
                },
            ),
        ];
        if let Some(e) = &self.earlier {
            let mut what = e.description.clone();
            if let Some(d) = e.date {
                what = if what.is_empty() {
                    format_date_long(d)
                } else {
                    format!("{what}, {}", format_date_long(d))
                };
            }
            facts.push(("Eerdere ronde".to_string(), what));
        }
        facts.push(("Rapportdatum".to_string(), format_date_long(self.date)));
        facts.push(("Status".to_string(), self.status_fact()));
        if let Some(phase) = self.phase_fact() {
            facts.push(("Fase".to_string(), phase));
        }
        let mut notices = Vec::new();
        if self.concept {
            notices.push(
                "Vertrouwelijk. Dit is een conceptrapport voor hoor en wederhoor; het is niet openbaar en mag niet verder worden verspreid."
                    .to_string(),
            );
        }
        if let Some(n) = self.provisional_notice() {
            notices.push(n.plain_text());
        }
        TitlePage {
            kind: kind.to_string(),
            title: self.organisation.clone(),
            subtitles,
            facts,
            notices,
        }
    }

    pub(super) fn summary(&self) -> Section {
        let s = &self.score;
        let org = &self.organisation;
        let mut blocks = Vec::new();
        let who = if self.inspectors.is_empty() {
            "de inspecteurs".to_string()
        } else {
            format!("de inspecteurs {}", join_and(&self.inspectors))
        };
        let mut intro = match &self.period {
            Some(p) => format!(
                "Op {p} hebben {who} onderzoek gedaan bij {org} aan de hand van het {}.",
                self.fw.title
            ),
            None => format!(
                "{} hebben onderzoek gedaan bij {org} aan de hand van het {}.",
                capitalise(&who),
                self.fw.title
            ),
        };
        if let Some(e) = &self.earlier {
            intro.push_str(&format!(
                " Het onderzoek is een hertoets: in de eerdere ronde voldeed {org} aan {} van de {} verwachtingen.",
                e.score.met,
                self.fw.judged_count()
            ));
        }
        blocks.push(Block::Paragraph(Text::plain(intro)));

        let judged = self.fw.judged_count();
        if self.nothing_judged() {
            blocks.push(Block::Paragraph(Text::plain(format!(
                "Over geen van de {judged} verwachtingen die meetellen in het eindoordeel is al een oordeel vastgelegd."
            ))));
            blocks.push(Block::Paragraph(
                Text::bold("Eindoordeel: ")
                    .and_bold("nog geen oordeel")
                    .and(". Zonder oordelen geven de beslisregels geen eindoordeel."),
            ));
        } else {
            let mut counts = format!(
                "{org} voldoet aan {} van de {judged} verwachtingen die meetellen in het eindoordeel; {} onvoldoende.",
                s.met,
                count(s.not_met, "verwachting is", "verwachtingen zijn")
            );
            let open = s.not_judged;
            if open > 0 {
                counts.push_str(&format!(
                    " {} nog geen (eenduidig) oordeel.",
                    count(open, "verwachting heeft", "verwachtingen hebben")
                ));
            }
            if self.fw.rules.measure == Measure::Deductions {
                counts.push_str(&format!(
                    " Volgens de beslisregels levert dat {} op.",
                    count(s.deductions, "aftrekpunt", "aftrekpunten")
                ));
            }
            blocks.push(Block::Paragraph(Text::plain(counts)));
            blocks.push(Block::Paragraph(
                Text::bold(if self.provisional() {
                    "Voorlopig eindoordeel: "
                } else {
                    "Eindoordeel: "
                })
                .and_bold(self.score.verdict.to_string())
                .and(format!(". {}", s.rule)),
            ));
        }
        if let Some(n) = self.provisional_notice() {
            blocks.push(Block::Notice(n));
        }
        let failed: Vec<Text> = s
            .lines
            .iter()
            .map(|l| {
                let e = self.fw.expectation(l.expectation);
                Text::bold(e.id.clone()).and(format!(" {}", e.text))
            })
            .collect();
        if !failed.is_empty() {
            blocks.push(Block::Paragraph(Text::plain(format!(
                "{org} voldoet niet aan de volgende verwachtingen:"
            ))));
            blocks.push(Block::List(failed));
        }
        // The inspectors' own Samenvatting, below the generated counts.
        blocks.extend(self.written_block(RapportBlok::Samenvatting));
        let inventoried = self.unscored_ids(Assessment::Inventoried);
        if !inventoried.is_empty() {
            blocks.push(Block::Paragraph(Text::plain(format!(
                "{} alleen geïnventariseerd en {} niet mee in het eindoordeel.",
                if inventoried.len() == 1 {
                    format!("Verwachting {} is", inventoried[0])
                } else {
                    format!("De verwachtingen {} zijn", join_and(&inventoried))
                },
                if inventoried.len() == 1 {
                    "telt"
                } else {
                    "tellen"
                }
            ))));
        }
        blocks.push(Block::Paragraph(Text::plain(format!(
            "Hoofdstuk {} geeft de bevindingen per verwachting met de onderbouwing, hoofdstuk {} de termijnen en hoofdstuk {} het eindoordeel met de toegepaste beslisregels.",
            self.chapters.findings, self.chapters.deadlines, self.chapters.verdict
        ))));
        Section {
            number: None,
            title: "Samenvatting".to_string(),
            level: 1,
            blocks,
        }
    }
}
