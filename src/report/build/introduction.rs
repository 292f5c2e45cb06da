//! Chapter 1, Inleiding: the onderzoek, the kerndata (when the kader asks them), the
//! toetsingskader, the hertoets and the leeswijzer.

use crate::domain::kader::Assessment;
use crate::report::model::{Block, Section, Text};
use crate::report::text::{count, format_date_long, join_and, paragraphs};

use super::{Builder, lowercase_first};

impl Builder<'_> {
    pub(super) fn introduction(&self) -> Vec<Section> {
        let org = &self.organisation;
        let fw = self.fw;
        let details = self.inspection.details_data();
        let mut out = vec![Section {
            number: Some("1".to_string()),
            title: "Inleiding".to_string(),
            level: 1,
            blocks: vec![Block::Paragraph(Text::plain(format!(
                "Dit rapport beschrijft de bevindingen en het oordeel van de inspecteurs over {org}, getoetst aan het {}.",
                fw.title
            )))],
        }];

        let mut onderzoek = Vec::new();
        let mut visit = match &self.period {
            Some(p) => format!("De inspecteurs bezochten {org} op {p}."),
            None => format!("De bezoekdatum aan {org} is niet vastgelegd."),
        };
        if !self.inspectors.is_empty() {
            visit.push_str(&format!(
                " Het team bestond uit {}.",
                join_and(&self.inspectors)
            ));
        }
        visit.push_str(" De onderzoeksactiviteiten staan in bijlage 2.");
        onderzoek.push(Block::Paragraph(Text::plain(visit)));
        for p in paragraphs(&details.notitie) {
            onderzoek.push(Block::Paragraph(Text::plain(p)));
        }
        let mut next = 1;
        if self.has_rounds() {
            // The layout of seed 003: a paragraph per round, named with its month.
            for (i, round) in self.earlier_rounds().iter().enumerate() {
                let mut text = self.round_paragraph(round, i);
                if let Some(earlier) = round.earlier {
                    match self.round_not_met(earlier) {
                        0 => {}
                        1 => text.push_str(" De onvoldoende verwachting was een verbeterpunt."),
                        n => text.push_str(&format!(
                            " De {n} onvoldoende verwachtingen waren verbeterpunten."
                        )),
                    }
                }
                out.push(Section {
                    number: Some(format!("1.{next}")),
                    title: round.title(),
                    level: 2,
                    blocks: vec![Block::Paragraph(Text::plain(text))],
                });
                next += 1;
            }
            let this = self.this_round();
            let naam = lowercase_first(&this.naam);
            let opening = match this.date {
                Some(_) => format!(
                    "{} hebben de inspecteurs een {naam} uitgevoerd bij {org}.",
                    this.when_capitalised("")
                ),
                None => format!("De inspecteurs hebben een {naam} uitgevoerd bij {org}."),
            };
            let mut blocks = vec![Block::Paragraph(Text::plain(opening))];
            blocks.extend(onderzoek);
            blocks.push(Block::Paragraph(Text::plain(format!(
                "De inspecteurs hebben alle verwachtingen uit het {} opnieuw getoetst. De tabellen in hoofdstuk {} tonen de oordelen van elke ronde naast elkaar.",
                fw.title, self.chapters.findings
            ))));
            out.push(Section {
                number: Some(format!("1.{next}")),
                title: this.title(),
                level: 2,
                blocks,
            });
        } else {
            out.push(Section {
                number: Some(format!("1.{next}")),
                title: "Het onderzoek".to_string(),
                level: 2,
                blocks: onderzoek,
            });
        }
        next += 1;

        if let Some(section) = self.kerndata(format!("1.{next}")) {
            out.push(section);
            next += 1;
        }

        let criteria: usize = fw.themes.iter().map(|t| t.criteria.len()).sum();
        let total = fw.expectations().len();
        let judged = fw.judged_count();
        let source = match fw.source.trim() {
            "" => String::new(),
            source => format!(" (bron: {source})"),
        };
        let counted = if !self.choice {
            format!("; {judged} daarvan tellen mee in het eindoordeel")
        } else if judged > 0 {
            format!("; {judged} daarvan krijgen een oordeel voldoende of onvoldoende")
        } else {
            String::new()
        };
        let mut kader = format!(
            "Het onderzoek is uitgevoerd aan de hand van het {}{source}. Het kader telt {}, {} en {}{counted}.",
            fw.title,
            count(fw.themes.len() as u64, "thema", "thema’s"),
            count(criteria as u64, "criterium", "criteria"),
            count(total as u64, "verwachting", "verwachtingen"),
        );
        let inventoried = self.unscored_ids(Assessment::Inventoried);
        if self.choice && !inventoried.is_empty() && inventoried.len() == total {
            kader.push_str(
                " Alle verwachtingen worden geïnventariseerd: de inspecteurs beschrijven wat zij aantroffen, zonder oordeel voldoende of onvoldoende.",
            );
        } else if !inventoried.is_empty() {
            kader.push_str(&format!(
                " Alleen geïnventariseerd: {}.",
                join_and(&inventoried)
            ));
        }
        let not_assessed = self.unscored_ids(Assessment::NotAssessed);
        if !not_assessed.is_empty() {
            kader.push_str(&format!(
                " Niet beoordeeld in dit kader: {}.",
                join_and(&not_assessed)
            ));
        }
        if self.choice {
            kader.push_str(&format!(
                " Het eindoordeel volgt niet uit een rekenregel: de inspecteurs kiezen het uit de {} van het kader en onderbouwen hun keuze. Het volledige toetsingskader staat in bijlage 1, de eindoordelen met hun omschrijving in bijlage 3.",
                count(fw.verdicts.len() as u64, "eindoordeel", "eindoordelen")
            ));
        } else {
            kader.push_str(
                " Het volledige toetsingskader staat in bijlage 1, de beslisregels die de oordelen tot een eindoordeel maken in bijlage 3.",
            );
        }
        out.push(Section {
            number: Some(format!("1.{next}")),
            title: "Toetsingskader".to_string(),
            level: 2,
            blocks: vec![Block::Paragraph(Text::plain(kader))],
        });
        next += 1;

        if let Some(e) = self.earlier.as_ref().filter(|_| !self.has_rounds()) {
            let mut what = "Dit onderzoek is een hertoets".to_string();
            if !e.description.is_empty() {
                what.push_str(&format!(" van {}", e.description));
            }
            if let Some(d) = e.date {
                what.push_str(&format!(" (eerdere ronde: {})", format_date_long(d)));
            }
            what.push_str(&format!(
                ". In de eerdere ronde voldeed {org} aan {} van de {judged} verwachtingen. De inspecteurs hebben alle verwachtingen opnieuw getoetst. De tabellen in hoofdstuk {} tonen het oordeel van de eerdere ronde naast dat van deze hertoets.",
                e.score.met, self.chapters.findings
            ));
            out.push(Section {
                number: Some(format!("1.{next}")),
                title: "Hertoets".to_string(),
                level: 2,
                blocks: vec![Block::Paragraph(Text::plain(what))],
            });
            next += 1;
        }

        let mut reading = vec![Block::Paragraph(Text::plain(format!(
            "De paragrafen van dit rapport zijn genummerd. Verwijs in een reactie naar het nummer van de paragraaf (bijvoorbeeld ‘par. {}.1’) of van de verwachting (bijvoorbeeld ‘verwachting {}’).",
            self.chapters.findings,
            fw.expectations()
                .first()
                .map_or("1.1.1", |e| e.expectation.id.as_str())
        )))];
        if self.concept {
            reading.push(Block::Paragraph(Text::plain(format!(
                "Dit is een conceptrapport. {org} kan hierop reageren (hoor en wederhoor): feitelijke onjuistheden laten corrigeren en opmerkingen maken. De inspecteurs leggen per reactie vast of en hoe die het rapport verandert; daarna volgt het definitieve rapport."
            ))));
        }
        out.push(Section {
            number: Some(format!("1.{next}")),
            title: "Leeswijzer".to_string(),
            level: 2,
            blocks: reading,
        });
        out
    }
}
