//! A kader whose eindoordeel the inspecteurs choose (`maat = "keuze"`; seed 001: a category per
//! organisation): chapter 4 gives the chosen eindoordeel, the kader's omschrijving of it and the
//! inspecteurs' onderbouwing, and bijlage 3 the eindoordelen to choose from. Nothing is computed,
//! so there are no beslisregels, schalen or aftrekpunten to report. Without a choice (or with
//! two choices in conflict) the rapport says plainly that there is no eindoordeel yet.

use crate::domain::inspection::{KeuzeData, Revision};
use crate::domain::wederhoor::RapportBlok;
use crate::report::model::{Block, Column, Row, Section, Table, Text};
use crate::report::text::{count, join_and, paragraphs};

use super::Builder;

impl Builder<'_> {
    /// The current versions of the choice when they disagree (two inspecteurs chose
    /// differently and nobody settled it yet); empty otherwise.
    fn choice_conflict(&self) -> Vec<&Revision<KeuzeData>> {
        let id = self.inspection.keuze_id();
        match self.inspection.keuzes.history(&id) {
            Some(h) if h.is_conflicted() => h.heads().collect(),
            _ => Vec::new(),
        }
    }

    /// "De inspecteurs hebben nog geen eindoordeel gekozen", or the conflict between choices.
    pub(super) fn no_choice_yet(&self) -> String {
        let versions = self.choice_conflict();
        if versions.is_empty() {
            return "De inspecteurs hebben nog geen eindoordeel gekozen".to_string();
        }
        let chosen: Vec<String> = versions
            .iter()
            .map(|r| {
                format!(
                    "‘{}’ ({})",
                    self.choice_label(r),
                    self.inspection.inspector_name(r.meta.author)
                )
            })
            .collect();
        format!(
            "De inspecteurs hebben verschillende eindoordelen gekozen, {}, en dat conflict is nog niet opgelost",
            join_and(&chosen)
        )
    }

    /// The eindoordeel a version of the choice names, as the kader calls it.
    fn choice_label(&self, revision: &Revision<KeuzeData>) -> String {
        let id = revision.data.eindoordeel.trim();
        if revision.meta.deleted || id.is_empty() {
            return "geen eindoordeel".to_string();
        }
        self.fw
            .verdict(id)
            .map_or_else(|| id.to_string(), |v| v.label().to_string())
    }

    /// Chapter 4 for a kader with a chosen eindoordeel: 4.1 the eindoordeel (its omschrijving
    /// and the onderbouwing, the inspecteurs' Conclusie below it), 4.2 the vervolg.
    pub(super) fn verdict_chosen(&self) -> Vec<Section> {
        let chapter = self.chapters.verdict;
        let fw = self.fw;
        let org = &self.organisation;
        let mut head = vec![Block::Heading {
            level: 1,
            text: Text::plain(format!("Eindoordeel: {}", self.verdict_text())),
        }];
        match self.inspection.chosen_verdict() {
            Some((verdict, revision)) => {
                head.push(Block::Paragraph(Text::plain(format!(
                    "De inspecteurs hebben voor {org} het eindoordeel ‘{}’ gekozen uit de {} van het toetsingskader (bijlage 3).",
                    verdict.label(),
                    count(fw.verdicts.len() as u64, "eindoordeel", "eindoordelen")
                ))));
                let description = paragraphs(fw.verdict_description(verdict));
                if !description.is_empty() {
                    head.push(Block::Heading {
                        level: 2,
                        text: Text::plain(format!("Omschrijving van ‘{}’", verdict.label())),
                    });
                    for p in description {
                        head.push(Block::Paragraph(Text::plain(p)));
                    }
                }
                head.push(Block::Heading {
                    level: 2,
                    text: Text::plain("Onderbouwing van de keuze"),
                });
                let reasons = paragraphs(&revision.data.onderbouwing);
                if reasons.is_empty() {
                    head.push(Block::Paragraph(Text::italic(
                        "Geen onderbouwing vastgelegd.",
                    )));
                }
                for p in reasons {
                    head.push(Block::Paragraph(Text::plain(p)));
                }
            }
            None => {
                // The notice below says that nothing is chosen (or the choices differ).
                head.push(Block::Paragraph(Text::plain(format!(
                    "Bij dit toetsingskader volgt het eindoordeel niet uit een rekenregel: de inspecteurs kiezen het uit de {} van het kader (bijlage 3) en onderbouwen hun keuze.",
                    count(fw.verdicts.len() as u64, "eindoordeel", "eindoordelen")
                ))));
                for (n, version) in self.choice_conflict().into_iter().enumerate() {
                    let name = self.inspection.inspector_name(version.meta.author);
                    head.push(Block::Heading {
                        level: 2,
                        text: Text::plain(format!(
                            "Versie {} ({name}): {}",
                            n + 1,
                            self.choice_label(version)
                        )),
                    });
                    for p in paragraphs(&version.data.onderbouwing) {
                        head.push(Block::Paragraph(Text::plain(p)));
                    }
                }
            }
        }
        let s = &self.score;
        if fw.judged_count() > 0 && s.judged() > 0 {
            head.push(Block::Paragraph(Text::plain(format!(
                "Van de {} verwachtingen met een oordeel voldoende of onvoldoende voldoet {org} aan {}; {} onvoldoende.",
                fw.judged_count(),
                s.met,
                count(s.not_met, "verwachting is", "verwachtingen zijn"),
            ))));
        }
        if let Some(n) = self.provisional_notice() {
            head.push(Block::Notice(n));
        }
        head.extend(self.written_block(RapportBlok::Conclusie));
        vec![
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
            Section {
                number: Some(format!("{chapter}.2")),
                title: "Vervolg".to_string(),
                level: 2,
                blocks: self.vervolg(),
            },
        ]
    }

    /// Bijlage 3 for a kader with a chosen eindoordeel: the eindoordelen with their
    /// omschrijving, instead of beslisregels.
    pub(super) fn appendix_choices(&self) -> Section {
        let fw = self.fw;
        let mut blocks: Vec<Block> = paragraphs(&fw.rules.explanation)
            .into_iter()
            .map(|p| Block::Paragraph(Text::plain(p)))
            .collect();
        blocks.push(Block::Paragraph(Text::plain(format!(
            "Bij dit toetsingskader maakt geen rekenregel de bevindingen tot een eindoordeel. De inspecteurs kiezen een van de {} hieronder en onderbouwen hun keuze (hoofdstuk {}).",
            count(fw.verdicts.len() as u64, "eindoordeel", "eindoordelen"),
            self.chapters.verdict
        ))));
        let rows = fw
            .verdicts
            .iter()
            .map(|&v| {
                let description = paragraphs(fw.verdict_description(v)).join("\n");
                Row::new(vec![
                    Text::bold(v.label()),
                    if description.is_empty() {
                        Text::italic("geen omschrijving in het kader")
                    } else {
                        Text::plain(description)
                    },
                ])
            })
            .collect();
        blocks.push(Block::Table(Table {
            columns: vec![
                Column::new("Eindoordeel", 26.0),
                Column::new("Omschrijving", 74.0),
            ],
            header: true,
            rows,
        }));
        Section {
            number: Some("Bijlage 3".to_string()),
            title: "Eindoordelen".to_string(),
            level: 1,
            blocks,
        }
    }
}
