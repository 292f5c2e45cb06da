//! The paragraph Kerndata of the Inleiding: the figures the kader asks about the organisation
//! (`[[kerngegeven]]`: budget, meldingen, formatie …) with the value the inspecteurs recorded, in
//! Dutch notation, a table per groep in kader order. Only for a kader that asks kerndata.

use crate::report::model::{Block, Column, Row, RowKind, Section, Table, Text};
use crate::report::text::paragraphs;

use super::Builder;

impl Builder<'_> {
    /// Paragraph `number` Kerndata; `None` when the kader asks no kerngegevens.
    pub(super) fn kerndata(&self, number: String) -> Option<Section> {
        let fw = self.fw;
        if fw.key_figures.is_empty() {
            return None;
        }
        let inspection = self.inspection;
        let mut blocks = vec![Block::Paragraph(Text::plain(format!(
            "Het toetsingskader vraagt om de volgende kerngegevens van {}. Een bedrag staat in euro, een formatie in fte; een kerngegeven dat (nog) niet bekend is, staat er als ‘niet ingevuld’.",
            self.organisation
        )))];
        // The groepen in the order they first occur in the kader.
        let mut groups: Vec<&str> = Vec::new();
        for k in &fw.key_figures {
            if !groups.contains(&k.group.as_str()) {
                groups.push(k.group.as_str());
            }
        }
        let headed = groups.iter().any(|g| !g.is_empty());
        let mut conflicts = Vec::new();
        for group in groups {
            if headed {
                blocks.push(Block::Heading {
                    level: 1,
                    text: Text::plain(if group.is_empty() { "Overig" } else { group }),
                });
            }
            let rows = fw
                .key_figures
                .iter()
                .filter(|k| k.group == group)
                .map(|k| {
                    let record = inspection.kerngegevens.get(&k.id);
                    let conflict = inspection.kerngegevens.is_conflicted(&k.id);
                    let (value, note) = if conflict {
                        conflicts.push(k.label.clone());
                        (Text::bold("conflict, onopgelost"), Text::new())
                    } else {
                        let value = match record.and_then(|r| r.data.quantity()) {
                            Some(q) => Text::plain(k.show(q)),
                            None => Text::italic("niet ingevuld"),
                        };
                        let note = record
                            .map(|r| Text::plain(paragraphs(&r.data.toelichting).join(" ")))
                            .unwrap_or_default();
                        (value, note)
                    };
                    let row = Row::new(vec![
                        Text::plain(k.label.clone()),
                        Text::plain(k.period.clone()),
                        value,
                        note,
                    ]);
                    if conflict {
                        row.with_kind(RowKind::Attention)
                    } else {
                        row
                    }
                })
                .collect();
            blocks.push(Block::Table(Table {
                columns: vec![
                    Column::new("Kerngegeven", 30.0),
                    Column::new("Periode", 20.0),
                    Column::new("Waarde", 20.0).right(),
                    Column::new("Toelichting", 30.0),
                ],
                header: true,
                rows,
            }));
        }
        if !conflicts.is_empty() {
            blocks.push(Block::Notice(Text::bold("Conflict, onopgelost. ").and(format!(
                "De inspecteurs hebben verschillende waarden vastgelegd voor {} en dat is nog niet opgelost; tot één waarde is vastgelegd staat er geen waarde in dit rapport.",
                crate::report::text::join_and(&conflicts)
            ))));
        }
        Some(Section {
            number: Some(number),
            title: "Kerndata".to_string(),
            level: 2,
            blocks,
        })
    }
}
