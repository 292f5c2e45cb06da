//! After the visit: the phase of the onderzoek on the title page, the Vervolg paragraph of
//! chapter 4 (definitive or concept, with the kader's vervolg steps for this eindoordeel and
//! their dates from [`crate::domain::inspection::Inspection::vervolg`]) and the bijlage "Verwerking hoor en
//! wederhoor" (every live reactie with the inspectorate's besluit and motivering).
//!
//! The definitive rapport is the one made without `concept` once the onderzoek is vastgesteld;
//! a concept only gets the bijlage when reacties were already recorded (a concept sent again
//! after reacties).

use crate::domain::termijn::format_date_nl;
use crate::domain::wederhoor::Phase;
use crate::report::model::{Block, Column, Row, RowKind, Section, Table, Text};
use crate::report::text::{count, format_date_long, join_and};

use super::Builder;

impl Builder<'_> {
    /// The "Status" fact on the title page.
    pub(super) fn status_fact(&self) -> String {
        match self.phase {
            _ if self.concept => "concept voor hoor en wederhoor".to_string(),
            Phase::Vastgesteld { .. } => "definitief".to_string(),
            _ => "definitief (het onderzoek is nog niet vastgesteld)".to_string(),
        }
    }

    /// The "Fase" fact on the title page: "definitief vastgesteld op 01-12-2026 (concept
    /// verzonden op 03-11-2026)", "concept verzonden op 03-11-2026; reacties verwerkt". `None`
    /// for a concept of an onderzoek still in uitvoering (nothing sent yet).
    pub(super) fn phase_fact(&self) -> Option<String> {
        let sent = self
            .concept_sent
            .map(|d| format!("concept verzonden op {}", format_date_nl(d)));
        match self.phase {
            Phase::InUitvoering if self.concept => None,
            Phase::InUitvoering => Some("in uitvoering".to_string()),
            Phase::ConceptVerzonden { .. } => Some(self.phase.label()),
            Phase::ReactiesVerwerkt { concept } => Some(format!(
                "concept verzonden op {}; reacties verwerkt",
                format_date_nl(concept)
            )),
            Phase::Vastgesteld { .. } => Some(match sent {
                Some(sent) => format!("{} ({sent})", self.phase.label()),
                None => self.phase.label(),
            }),
        }
    }

    /// The blocks of paragraph 4.3 Vervolg.
    pub(super) fn vervolg(&self) -> Vec<Block> {
        let org = &self.organisation;
        let mut blocks = Vec::new();
        if self.concept {
            blocks.push(Block::Paragraph(Text::plain(format!(
                "Dit is een conceptrapport voor hoor en wederhoor. {org} kan reageren op feitelijke onjuistheden en opmerkingen maken; verwijs daarbij naar het paragraafnummer of het nummer van de verwachting. Na het verwerken van de reacties stellen de inspecteurs het definitieve rapport vast."
            ))));
        } else {
            let mut text = match self.phase {
                Phase::Vastgesteld { on } if on == self.date => format!(
                    "Dit is het definitieve rapport, vastgesteld op {}.",
                    format_date_long(on)
                ),
                Phase::Vastgesteld { on } => format!(
                    "Dit is het definitieve rapport van {}, vastgesteld op {}.",
                    format_date_long(self.date),
                    format_date_long(on)
                ),
                _ => format!(
                    "Dit is het definitieve rapport van {}. Het onderzoek is nog niet vastgesteld: tot dat gebeurt kunnen oordelen en onderbouwingen nog veranderen.",
                    format_date_long(self.date)
                ),
            };
            if let Some(sent) = self.concept_sent {
                text.push_str(&format!(
                    " Het conceptrapport is op {} aan {org} verzonden voor hoor en wederhoor; {} beschrijft de reacties en wat de inspectie ermee heeft gedaan.",
                    format_date_long(sent),
                    self.chapters.wederhoor.to_lowercase()
                ));
            }
            blocks.push(Block::Paragraph(Text::plain(text)));
        }
        blocks.extend(self.vervolg_steps());
        blocks
    }

    /// The vervolg rules of the kader for this eindoordeel, each with its date ("Uiterlijk
    /// 15-12-2026, zes weken na verzending van het conceptrapport.") or, while the date it counts
    /// from is not known, its term. In every definitive rapport; in a concept only once it has
    /// been sent (the concept as sent carries its dates; a preview made before sending does not
    /// list them).
    fn vervolg_steps(&self) -> Vec<Block> {
        if self.concept && self.concept_sent.is_none() {
            return Vec::new();
        }
        let steps = self.inspection.vervolg();
        if steps.is_empty() {
            return Vec::new();
        }
        let items = steps
            .iter()
            .map(|step| {
                let text = Text::plain(format!("{} ", step.tekst.trim()));
                match step.due {
                    Some(due) => text
                        .and_bold(format!("Uiterlijk {}", format_date_nl(due)))
                        .and(format!(", {}.", step.basis)),
                    None => text.and_bold("Termijn: ").and(format!("{}.", step.basis)),
                }
            })
            .collect();
        vec![
            Block::Paragraph(Text::plain(format!(
                "Bij het eindoordeel {} volgt:",
                self.verdict_text()
            ))),
            Block::List(items),
        ]
    }

    /// Whether the rapport has the bijlage "Verwerking hoor en wederhoor": a definitive rapport
    /// after a concept was sent, and any rapport with reacties.
    fn has_wederhoor_appendix(&self) -> bool {
        !self.inspection.reacties().is_empty() || (!self.concept && self.concept_sent.is_some())
    }

    /// Bijlage 4, "Verwerking hoor en wederhoor": every live reactie (by date received) with
    /// what it points at, its kind and text, and the besluit with its motivering.
    pub(super) fn appendix_wederhoor(&self) -> Option<Section> {
        if !self.has_wederhoor_appendix() {
            return None;
        }
        let org = &self.organisation;
        let inspection = self.inspection;
        let reacties = inspection.reacties();
        let mut blocks = Vec::new();
        let mut intro = match self.concept_sent {
            Some(sent) => format!(
                "Het conceptrapport is op {} aan {org} verzonden voor hoor en wederhoor.",
                format_date_long(sent)
            ),
            None => String::new(),
        };
        if reacties.is_empty() {
            intro.push_str(&format!(
                " {org} heeft niet op het conceptrapport gereageerd."
            ));
        } else {
            intro.push_str(&format!(
                " {org} heeft {} gegeven. Per reactie staat hieronder waar die op wijst, de soort (feitelijke onjuistheid, aanvulling of zienswijze), het besluit van de inspectie (overgenomen, deels overgenomen of niet overgenomen) en de motivering daarvan, met de oordelen die door de reactie zijn gewijzigd.",
                count(reacties.len() as u64, "reactie", "reacties")
            ));
        }
        blocks.push(Block::Paragraph(Text::plain(intro.trim_start())));
        if !reacties.is_empty() {
            let mut decided = Vec::new();
            for besluit in crate::domain::wederhoor::Besluit::ALL {
                let n = reacties
                    .iter()
                    .filter(|(_, b)| b.is_some_and(|b| b.data.besluit == besluit))
                    .count();
                if n > 0 {
                    decided.push(format!("{n} {}", besluit.label()));
                }
            }
            let open = reacties.iter().filter(|(_, b)| b.is_none()).count();
            if open > 0 {
                decided.push(format!("{open} nog zonder besluit"));
            }
            blocks.push(Block::Paragraph(
                Text::bold("Besluiten: ").and(format!("{}.", join_and(&decided))),
            ));
            let rows = reacties
                .iter()
                .enumerate()
                .map(|(i, (reactie, besluit))| {
                    let r = &reactie.data;
                    let van = match r.van.trim() {
                        "" => "afzender niet vermeld",
                        van => van,
                    };
                    let mut first = Text::bold(format!("{}. ", i + 1)).and(format!(
                        "{}\n{van}",
                        r.ontvangen
                            .map_or_else(|| "datum onbekend".to_string(), format_date_nl)
                    ));
                    let reactie_conflict = inspection.reacties.is_conflicted(&reactie.meta.entity);
                    if reactie_conflict {
                        first = first.and_bold("\nconflict, onopgelost");
                    }
                    let besluit_conflict =
                        besluit.is_some_and(|b| inspection.besluiten.is_conflicted(&b.meta.entity));
                    let (label, motivering) = match besluit {
                        Some(_) if besluit_conflict => {
                            (Text::bold("conflict, onopgelost"), Text::new())
                        }
                        Some(b) => {
                            let mut motivering = Text::plain(b.data.motivering.trim());
                            let changes = inspection.linked_changes(&b.data);
                            if !changes.is_empty() {
                                let list: Vec<String> = changes.iter().map(|w| w.label()).collect();
                                motivering = motivering
                                    .and_italic(format!("\nGewijzigd: {}", list.join("; ")));
                            }
                            (Text::plain(b.data.besluit.label()), motivering)
                        }
                        None => (Text::italic("nog geen besluit"), Text::new()),
                    };
                    let row = Row::new(vec![
                        first,
                        Text::plain(r.reference()),
                        Text::plain(r.soort.label()),
                        Text::plain(r.tekst.trim()),
                        label,
                        motivering,
                    ]);
                    if besluit.is_none() || besluit_conflict || reactie_conflict {
                        row.with_kind(RowKind::Attention)
                    } else {
                        row
                    }
                })
                .collect();
            blocks.push(Block::Table(Table {
                columns: vec![
                    Column::new("Reactie", 15.0),
                    Column::new("Betreft", 14.0),
                    Column::new("Soort", 12.0),
                    Column::new("Tekst", 21.0),
                    Column::new("Besluit", 14.0),
                    Column::new("Motivering", 24.0),
                ],
                header: true,
                rows,
            }));
        }
        let reden = inspection.phase_data().heropend_reden;
        if !reden.trim().is_empty() {
            blocks.push(Block::Note(Text::plain(format!(
                "Het onderzoek is na een eerdere vaststelling heropend. Reden: {}",
                reden.trim()
            ))));
        }
        Some(Section {
            number: Some(self.chapters.wederhoor.to_string()),
            title: "Verwerking hoor en wederhoor".to_string(),
            level: 1,
            blocks,
        })
    }
}
