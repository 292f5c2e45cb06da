//! The title page and the Samenvatting (the generated counts, then the inspectors' own text).

use crate::domain::kader::{Assessment, Measure};
use crate::domain::wederhoor::RapportBlok;
use crate::report::model::{Block, Section, Text, TitlePage};
use crate::report::text::{count, format_date_long, join_and, paragraphs};

use super::rounds::{RoundRef, month_year};
use super::{Builder, capitalise, lowercase_first};

impl Builder<'_> {
    pub(super) fn title_page(&self, kind: &str) -> TitlePage {
        let mut subtitles = vec![self.fw.title.clone()];
        if self.has_rounds() {
            subtitles.push(self.this_round().naam);
        } else if self.earlier.is_some() {
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
        if self.has_rounds() {
            // Every earlier round under its own name.
            for round in self.earlier_rounds() {
                let Some(earlier) = round.earlier else {
                    continue;
                };
                let mut what = earlier.omschrijving.trim().to_string();
                if let Some(d) = round.date {
                    what = if what.is_empty() {
                        format_date_long(d)
                    } else {
                        format!("{what}, {}", format_date_long(d))
                    };
                }
                if what.is_empty() {
                    what = "datum niet vastgelegd".to_string();
                }
                facts.push((round.naam.clone(), what));
            }
        } else if let Some(e) = &self.earlier {
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
        // "de inspecteur M. de Vries heeft", "de inspecteurs A en B hebben".
        let (who, hebben) = match self.inspectors.as_slice() {
            [] => ("de inspecteurs".to_string(), "hebben"),
            [one] => (format!("de inspecteur {one}"), "heeft"),
            many => (format!("de inspecteurs {}", join_and(many)), "hebben"),
        };
        if self.has_rounds() {
            // The layout of seed 003: each round with its result.
            blocks.extend(self.summary_rounds(&who, hebben));
        } else {
            let mut intro = match &self.period {
                Some(p) => format!(
                    "Op {p} {hebben} {who} onderzoek gedaan bij {org} aan de hand van het {}.",
                    self.fw.title
                ),
                None => format!(
                    "{} {hebben} onderzoek gedaan bij {org} aan de hand van het {}.",
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
        }

        let judged = self.fw.judged_count();
        if self.choice {
            blocks.extend(self.summary_chosen());
        } else if self.nothing_judged() {
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
                "{org} voldoet {}aan {} van de {judged} verwachtingen die meetellen in het eindoordeel{}; {} onvoldoende.",
                self.this_round_when(),
                s.met,
                self.compared_with_previous(),
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
        if self.choice && !inventoried.is_empty() {
            blocks.push(Block::Paragraph(Text::plain(
                if inventoried.len() == self.fw.expectations().len() {
                    "Alle verwachtingen zijn geïnventariseerd: de inspecteurs beschrijven per verwachting wat zij aantroffen, zonder oordeel voldoende of onvoldoende.".to_string()
                } else {
                    format!(
                        "{} geïnventariseerd: de inspecteurs beschrijven wat zij aantroffen, zonder oordeel voldoende of onvoldoende.",
                        if inventoried.len() == 1 {
                            format!("Verwachting {} is", inventoried[0])
                        } else {
                            format!("De verwachtingen {} zijn", join_and(&inventoried))
                        }
                    )
                },
            )));
        } else if !inventoried.is_empty() {
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
        let kerndata = if self.fw.key_figures.is_empty() {
            ""
        } else {
            "Hoofdstuk 1 geeft ook de kerndata van de organisatie. "
        };
        blocks.push(Block::Paragraph(Text::plain(if self.choice {
            format!(
                "{kerndata}Hoofdstuk {} geeft de bevindingen per verwachting met de onderbouwing, hoofdstuk {} de termijnen en hoofdstuk {} het eindoordeel dat de inspecteurs kozen, met de onderbouwing.",
                self.chapters.findings, self.chapters.deadlines, self.chapters.verdict
            )
        } else {
            format!(
                "{kerndata}Hoofdstuk {} geeft de bevindingen per verwachting met de onderbouwing, hoofdstuk {} de termijnen en hoofdstuk {} het eindoordeel met de toegepaste beslisregels.",
                self.chapters.findings, self.chapters.deadlines, self.chapters.verdict
            )
        })));
        Section {
            number: None,
            title: "Samenvatting".to_string(),
            level: 1,
            blocks,
        }
    }

    /// The eindoordeel in the Samenvatting for a kader whose eindoordeel the inspecteurs choose:
    /// the choice and what it means, or plainly that nothing is chosen yet.
    fn summary_chosen(&self) -> Vec<Block> {
        let s = &self.score;
        let org = &self.organisation;
        let judged = self.fw.judged_count();
        let mut blocks = Vec::new();
        if judged > 0 && s.judged() > 0 {
            let mut counts = format!(
                "{org} voldoet aan {} van de {judged} verwachtingen met een oordeel voldoende of onvoldoende; {} onvoldoende.",
                s.met,
                count(s.not_met, "verwachting is", "verwachtingen zijn")
            );
            if s.not_judged > 0 {
                counts.push_str(&format!(
                    " {} nog geen (eenduidig) oordeel.",
                    count(s.not_judged, "verwachting heeft", "verwachtingen hebben")
                ));
            }
            blocks.push(Block::Paragraph(Text::plain(counts)));
        }
        match self.inspection.chosen_verdict() {
            Some((verdict, _)) => {
                blocks.push(Block::Paragraph(
                    Text::bold(if self.provisional() {
                        "Voorlopig eindoordeel: "
                    } else {
                        "Eindoordeel: "
                    })
                    .and_bold(verdict.label())
                    .and(format!(
                        ". De inspecteurs hebben dit eindoordeel gekozen; hoofdstuk {} geeft hun onderbouwing.",
                        self.chapters.verdict
                    )),
                ));
                for p in paragraphs(self.fw.verdict_description(verdict)) {
                    blocks.push(Block::Paragraph(Text::plain(p)));
                }
            }
            None => {
                // The notice that follows says why (nothing chosen, or choices that differ).
                blocks.push(Block::Paragraph(
                    Text::bold("Eindoordeel: ")
                        .and_bold("nog niet gekozen")
                        .and("."),
                ));
            }
        }
        blocks
    }

    /// The opening of the Samenvatting of a hertoets in the layout of seed 003: a paragraph per
    /// earlier round with its result and eindoordeel, then this round and its aim.
    fn summary_rounds(&self, who: &str, hebben: &str) -> Vec<Block> {
        let org = &self.organisation;
        let mut blocks: Vec<Block> = self
            .earlier_rounds()
            .iter()
            .enumerate()
            .map(|(i, round)| Block::Paragraph(Text::plain(self.round_paragraph(round, i))))
            .collect();
        let this = self.this_round();
        let naam = lowercase_first(&this.naam);
        let done = match &self.period {
            Some(p) => format!("Op {p} {hebben} {who} een {naam} gedaan bij {org}."),
            None => format!("{} {hebben} een {naam} gedaan bij {org}.", capitalise(who)),
        };
        blocks.push(Block::Paragraph(Text::plain(format!(
            "{done} Doel van de {naam} was opnieuw te bepalen in hoeverre {org} voldoet aan de verwachtingen uit het {}.",
            self.fw.title
        ))));
        blocks
    }

    /// "in mei 2016 " for a hertoets with a visit date (the layout of seed 003), else nothing.
    pub(super) fn this_round_when(&self) -> String {
        match self.this_round().date {
            Some(d) if self.has_rounds() => format!("in {} ", month_year(d)),
            _ => String::new(),
        }
    }

    /// ", tegen 8 bij het onderzoek in augustus 2015": the round before, for a hertoets in the
    /// layout of seed 003; else nothing.
    pub(super) fn compared_with_previous(&self) -> String {
        if !self.has_rounds() {
            return String::new();
        }
        let rounds = self.earlier_rounds();
        match rounds.last() {
            Some(
                previous @ RoundRef {
                    earlier: Some(round),
                    ..
                },
            ) => format!(
                ", tegen {} bij {}",
                round.met_of(self.fw).0,
                previous.phrase()
            ),
            _ => String::new(),
        }
    }
}
