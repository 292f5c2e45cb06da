//! The bijlagen: 1 the toetsingskader with its footnotes, 2 the onderzoeksopzet (counts only, no
//! names or dossier numbers; the interviews per role as a table, or in words with the people
//! counted per function when the participants were counted, as seed 003 writes it), 3 the
//! beslisregels (aftrekpunten, variants, scales, voorwaarden; for a kader whose eindoordeel is
//! chosen, the eindoordelen with their omschrijving, in `choice`).

use std::collections::BTreeMap;

use crate::domain::inspection::{InterviewData, Selection};
use crate::domain::kader::{Assessment, Measure};
use crate::report::model::{Block, Column, Row, RowKind, Section, Style, Table, Text};
use crate::report::text::{count, paragraphs};

use super::people::interviews_in_words;
use super::{Builder, band_range, capitalise, lowercase_first};

impl Builder<'_> {
    pub(super) fn appendix_framework(&self) -> Section {
        let fw = self.fw;
        let mut blocks = vec![Block::Paragraph(Text::bold(fw.title.clone()))];
        if !fw.source.trim().is_empty() {
            blocks.push(Block::Paragraph(Text::italic(format!(
                "Bron: {}",
                fw.source.trim()
            ))));
        }
        for p in paragraphs(&fw.introduction) {
            blocks.push(Block::Paragraph(Text::plain(p)));
        }
        let mut footnote = 0;
        let mut mark = |text: Text, notes: &[String], collected: &mut Vec<Text>| {
            let mut text = text;
            for (k, note) in notes.iter().enumerate() {
                footnote += 1;
                let separator = if k > 0 { "," } else { "" };
                text = text.add(Style::Superscript, format!("{separator}{footnote}"));
                collected.push(
                    Text::new()
                        .add(Style::Superscript, footnote.to_string())
                        .and(format!(" {}", note.trim())),
                );
            }
            text
        };
        for theme in &fw.themes {
            blocks.push(Block::Heading {
                level: 1,
                text: Text::plain(format!("{}. {}", theme.id, theme.title.to_uppercase())),
            });
            if !theme.description.trim().is_empty() {
                blocks.push(Block::Paragraph(Text::plain(theme.description.trim())));
            }
            for criterion in &theme.criteria {
                let mut notes = Vec::new();
                let title = mark(
                    Text::plain(format!("{} {}", criterion.id, criterion.title)),
                    &criterion.footnotes,
                    &mut notes,
                );
                blocks.push(Block::Heading {
                    level: 2,
                    text: title,
                });
                let items = criterion
                    .expectations
                    .iter()
                    .map(|e| {
                        let mut text = Text::bold(e.id.clone()).and(format!(" {}", e.text));
                        text = mark(text, &e.footnotes, &mut notes);
                        if e.assessment != Assessment::Judged {
                            text = text.and_italic(format!(" ({})", e.assessment.label()));
                        }
                        text
                    })
                    .collect();
                blocks.push(Block::List(items));
                for note in notes {
                    blocks.push(Block::Note(note));
                }
            }
        }
        Section {
            number: Some("Bijlage 1".to_string()),
            title: "Toetsingskader".to_string(),
            level: 1,
            blocks,
        }
    }

    pub(super) fn appendix_design(&self) -> Section {
        let fw = self.fw;
        let inspection = self.inspection;
        let org = &self.organisation;
        let mut blocks = vec![Block::Paragraph(Text::plain(format!(
            "Het onderzoek bij {org}{} bestond uit de onderdelen hieronder. Het rapport noemt alleen aantallen: gesprekspartners staan niet met naam vermeld en dossiers niet met nummer.",
            self.period
                .as_ref()
                .map(|p| format!(" op {p}"))
                .unwrap_or_default()
        )))];

        blocks.extend(
            self.interviews_counted()
                .unwrap_or_else(|| self.interviews_table()),
        );

        let flashes = inspection.flashes.current().count();
        blocks.push(Block::Heading {
            level: 1,
            text: Text::plain("Flitsinterviews"),
        });
        blocks.push(Block::Paragraph(Text::plain(format!(
            "{} met medewerkers die op dat moment aanwezig waren, zonder aankondiging.",
            capitalise(&count(
                flashes as u64,
                "kort flitsinterview",
                "korte flitsinterviews"
            ))
        ))));

        // A dossier number recorded twice (an unresolved duplicate) counts once.
        let dossiers = inspection.dossier_groups();
        let random = dossiers
            .iter()
            .filter(|group| group[0].data.selectie == Selection::Willekeurig)
            .count();
        blocks.push(Block::Heading {
            level: 1,
            text: Text::plain("Dossieronderzoek"),
        });
        // How the willekeurige dossiers were drawn, when veldtoets drew them: "12 dossiers,
        // willekeurig getrokken uit 340 (zaad 20261013)".
        let draws: Vec<String> = inspection
            .samples()
            .iter()
            .filter_map(|s| {
                let (n, of) = s.aantal.zip(s.populatie)?;
                Some(format!(
                    "{}, willekeurig getrokken uit {} (zaad {})",
                    count(u64::from(n), "dossier", "dossiers"),
                    count(u64::from(of), "dossiernummer", "dossiernummers"),
                    s.zaad
                ))
            })
            .collect();
        let drawn = if draws.is_empty() {
            String::new()
        } else {
            format!(
                " De steekproef: {} van de lijst die de organisatie aanleverde; met hetzelfde zaad en dezelfde lijst is die steekproef opnieuw te trekken.",
                draws.join("; ")
            )
        };
        blocks.push(Block::Paragraph(Text::plain(format!(
            "{} onderzocht aan de hand van de dossiervragen van het toetsingskader: {random} willekeurig en {} gericht geselecteerd.{drawn} Uit de data in de dossiers zijn de termijnen berekend (hoofdstuk {}).",
            capitalise(&count(dossiers.len() as u64, "dossier", "dossiers")),
            dossiers.len() - random,
            self.chapters.deadlines
        ))));

        let requested = fw.sources.documents.len();
        let documents: Vec<_> = inspection.documents.current().collect();
        let received_requested = fw
            .sources
            .documents
            .iter()
            .filter(|item| {
                documents
                    .iter()
                    .any(|d| d.data.item.as_deref() == Some(item.id.as_str()) && d.data.ontvangen)
            })
            .count();
        let other = documents
            .iter()
            .filter(|d| {
                d.data.ontvangen
                    && d.data
                        .item
                        .as_deref()
                        .is_none_or(|i| !fw.sources.documents.iter().any(|x| x.id == i))
            })
            .count();
        blocks.push(Block::Heading {
            level: 1,
            text: Text::plain("Documentonderzoek"),
        });
        let mut docs = format!(
            "Voorafgaand aan het bezoek is beleidsinformatie opgevraagd: {received_requested} van de {requested} opgevraagde documenten zijn ontvangen."
        );
        if other > 0 {
            docs.push_str(&format!(
                " Daarnaast {} ontvangen.",
                count(other as u64, "ander document is", "andere documenten zijn")
            ));
        }
        blocks.push(Block::Paragraph(Text::plain(docs)));

        Section {
            number: Some("Bijlage 2".to_string()),
            title: "Onderzoeksopzet".to_string(),
            level: 1,
            blocks,
        }
    }

    /// The interviews per role as a table (the participants are not counted).
    fn interviews_table(&self) -> Vec<Block> {
        let fw = self.fw;
        let mut blocks = vec![Block::Heading {
            level: 1,
            text: Text::plain("Interviews"),
        }];
        let mut per_role: BTreeMap<&str, usize> = BTreeMap::new();
        for interview in self.inspection.interviews.current() {
            *per_role.entry(interview.data.rol.as_str()).or_default() += 1;
        }
        let interviews: usize = per_role.values().sum();
        let mut rows: Vec<Row> = fw
            .sources
            .roles
            .iter()
            .map(|role| {
                let n = per_role.remove(role.id.as_str()).unwrap_or(0);
                Row::new(vec![
                    Text::plain(role.name.clone()),
                    Text::plain(if n == 0 {
                        "niet afgenomen".to_string()
                    } else {
                        n.to_string()
                    }),
                ])
            })
            .collect();
        // Roles the kader does not know (a file made with another version of it).
        for (role, n) in per_role {
            rows.push(Row::new(vec![
                Text::plain(role.to_string()),
                Text::plain(n.to_string()),
            ]));
        }
        rows.push(
            Row::new(vec![
                Text::bold("Totaal"),
                Text::bold(interviews.to_string()),
            ])
            .with_kind(RowKind::Total),
        );
        blocks.push(Block::Paragraph(Text::plain(format!(
            "Gestandaardiseerde interviews aan de hand van de gespreksleidraad van het toetsingskader: {} in totaal.",
            count(interviews as u64, "interview", "interviews")
        ))));
        blocks.push(Block::Table(Table {
            columns: vec![
                Column::new("Rol", 70.0),
                Column::new("Interviews", 30.0).right(),
            ],
            header: true,
            rows,
        }));
        blocks
    }

    /// The interviews per role in words, as seed 003 counts them ("twee interviews met in totaal
    /// drie uitvoerend medewerkers"); `None` when no interview has its participants counted.
    fn interviews_counted(&self) -> Option<Vec<Block>> {
        let fw = self.fw;
        let current: Vec<_> = self.inspection.interviews.current().collect();
        if current.iter().all(|i| i.data.participant_total().is_none()) {
            return None;
        }
        let mut per_role: BTreeMap<&str, Vec<&InterviewData>> = BTreeMap::new();
        for interview in &current {
            per_role
                .entry(interview.data.rol.as_str())
                .or_default()
                .push(&interview.data);
        }
        let total = current.len();
        // Only the interviews held, as seed 003 lists them: a role without an interview of its own
        // may well have been spoken to in another ("interview met een vertrouwensarts en een
        // gedragswetenschapper").
        let mut lines = Vec::new();
        for role in &fw.sources.roles {
            if let Some(interviews) = per_role.remove(role.id.as_str()) {
                lines.push(interviews_in_words(
                    &interviews,
                    &lowercase_first(role.name.trim()),
                ));
            }
        }
        // Roles the kader does not know (a file made with another version of it).
        for (role, interviews) in per_role {
            lines.push(interviews_in_words(&interviews, role));
        }
        let last = lines.len().saturating_sub(1);
        let items = lines
            .into_iter()
            .enumerate()
            .map(|(i, line)| Text::plain(format!("{line}{}", if i == last { "." } else { ";" })))
            .collect();
        Some(vec![
            Block::Heading {
                level: 1,
                text: Text::plain("Interviews"),
            },
            Block::Paragraph(Text::plain(format!(
                "Gestandaardiseerde interviews aan de hand van de gespreksleidraad van het toetsingskader, {} in totaal:",
                count(total as u64, "interview", "interviews")
            ))),
            Block::List(items),
        ])
    }

    pub(super) fn appendix_rules(&self) -> Section {
        if self.choice {
            // No beslisregels: the eindoordelen to choose from (see `choice`).
            return self.appendix_choices();
        }
        let fw = self.fw;
        let rules = &fw.rules;
        let deductions = rules.measure == Measure::Deductions;
        let mut blocks = Vec::new();
        for p in paragraphs(&rules.explanation) {
            blocks.push(Block::Paragraph(Text::plain(p)));
        }

        if deductions {
            blocks.push(Block::Heading {
                level: 1,
                text: Text::plain("Aftrekpunten"),
            });
            blocks.push(Block::Paragraph(Text::plain(format!(
                "Elke onvoldoende verwachting die meetelt kost {}, met deze uitzonderingen:",
                count(rules.default_deduction, "aftrekpunt", "aftrekpunten")
            ))));
            let mut weighted: Vec<_> = rules.deductions.iter().collect();
            weighted.sort_by_key(|(i, _)| **i);
            let mut items: Vec<Text> = weighted
                .into_iter()
                .map(|(&i, d)| {
                    Text::bold(format!(
                        "{}: {}. ",
                        fw.expectation(i).id,
                        count(d.points, "aftrekpunt", "aftrekpunten")
                    ))
                    .and(d.rule.clone())
                })
                .collect();
            if items.is_empty() {
                items.push(Text::plain("geen uitzonderingen"));
            }
            blocks.push(Block::List(items));
        }

        if !rules.variants.is_empty() {
            blocks.push(Block::Heading {
                level: 1,
                text: Text::plain("Redenen van een onvoldoende met een eigen gevolg"),
            });
            let items = rules
                .variants
                .iter()
                .map(|v| {
                    let mut effect = Vec::new();
                    if v.is_default {
                        effect.push("geldt als geen reden is gegeven".to_string());
                    }
                    if !v.counts {
                        effect.push("telt niet mee in de aftrekpunten".to_string());
                    }
                    if let Some(scale) = v.scale {
                        effect.push(format!(
                            "eindoordeel volgens de schaal ‘{}’",
                            rules.scales[scale].name
                        ));
                    }
                    let effect = if effect.is_empty() {
                        String::new()
                    } else {
                        format!(" ({})", effect.join("; "))
                    };
                    Text::bold(format!(
                        "{} onvoldoende wegens {}",
                        fw.expectation(v.expectation).id,
                        lowercase_first(&v.name)
                    ))
                    .and(format!("{effect}. {}", v.rule))
                })
                .collect();
            blocks.push(Block::List(items));
        }

        let measure = if deductions {
            "Aftrekpunten"
        } else {
            "Verwachtingen voldoende"
        };
        for (i, scale) in rules.scales.iter().enumerate() {
            let default = if i == rules.default_scale {
                " (standaard)"
            } else {
                ""
            };
            blocks.push(Block::Heading {
                level: 1,
                text: Text::plain(format!("Schaal: {}{default}", scale.name)),
            });
            let rows = scale
                .bands
                .iter()
                .map(|b| {
                    Row::new(vec![
                        Text::plain(band_range(b)),
                        Text::bold(b.verdict.to_string()),
                        Text::plain(b.rule.clone()),
                    ])
                })
                .collect();
            blocks.push(Block::Table(Table {
                columns: vec![
                    Column::new(measure, 18.0),
                    Column::new("Eindoordeel", 16.0),
                    Column::new("Beslisregel", 66.0),
                ],
                header: true,
                rows,
            }));
        }

        if !rules.conditions.is_empty() {
            blocks.push(Block::Heading {
                level: 1,
                text: Text::plain("Voorwaarden"),
            });
            let items = rules
                .conditions
                .iter()
                .map(|c| {
                    Text::bold(format!(
                        "{}: anders ten hoogste {}. ",
                        capitalise(&c.label),
                        c.otherwise
                    ))
                    .and(c.rule.clone())
                })
                .collect();
            blocks.push(Block::List(items));
        }
        if rules.variants.is_empty() && rules.scales.len() <= 1 && rules.conditions.is_empty() {
            blocks.push(Block::Paragraph(Text::plain(
                "De eindoordelen volgen rechtstreeks uit de schaal hierboven.",
            )));
        }
        Section {
            number: Some("Bijlage 3".to_string()),
            title: "Beslisregels".to_string(),
            level: 1,
            blocks,
        }
    }
}
