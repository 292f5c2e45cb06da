//! Documenten: the documents requested before the visit (from the kader), whether each was
//! received, and a note per document. A document with two versions (after a merge) is not
//! edited here: it says "Twee versies — kies eerst" with a button to the choice.
//!
//! When the kader asks for kerndata (`[[kerngegeven]]`: a budget, numbers of meldingen, fte), a
//! table "Kerndata" comes first, grouped as the kader groups them: per kerngegeven its period, the
//! value typed in Dutch notation ("4.250.000,00", "1.250", "42,5") with its unit, and a
//! toelichting. A value is read when its field is left (Tab, Enter, another screen): one that
//! cannot be read is not saved and stays in the field with the reason; a valid one is stored in
//! its canonical form and shown in Dutch notation again. An empty value is "onbekend". The
//! toelichting is a draft like every other text: on disk while it is typed, restored after a
//! crash.

use eframe::egui::{self, RichText, Ui};

use crate::domain::inspection::{Kind, Record, Value};
use crate::domain::kerndata::{KeyFigure, KeyFigureKind};
use crate::ui::commands::Command;
use crate::ui::edit::{Edit, RecordRef};
use crate::ui::screens::conflicts;
use crate::ui::types::{Input, count};
use crate::ui::widgets::{self, GREY, RED, local_time};
use crate::ui::workspace::{DraftTarget, Workspace};

/// The width of a value field, and of the reason a value was refused (wrapped under it).
const VALUE_WIDTH: f32 = 150.0;
const ERROR_WIDTH: f32 = 330.0;
/// The least width of a toelichting field (it takes what the window has).
const NOTE_WIDTH: f32 = 240.0;

pub fn show(ui: &mut Ui, ws: &mut Workspace, cmds: &mut Vec<Command>) {
    ui.label(RichText::new("Documenten").size(20.0).strong());
    let with_kerndata = !ws.inspection.framework.key_figures.is_empty();
    widgets::muted(
        ui,
        if with_kerndata {
            "De kerndata en de beleidsinformatie die vóór het bezoek zijn opgevraagd, met per document wat het laat zien."
        } else {
            "De beleidsinformatie die vóór het bezoek is opgevraagd, met per document wat het laat zien."
        },
    );
    let items = ws.inspection.framework.sources.documents.clone();
    egui::ScrollArea::vertical()
        .id_salt(("documenten", ws.inspection.id))
        .auto_shrink([false, false])
        .show(ui, |ui| {
            if with_kerndata {
                kerndata(ui, ws, cmds);
                if !items.is_empty() {
                    widgets::heading(ui, "Opgevraagde documenten");
                }
            }
            for item in &items {
                let document = RecordRef::Document(item.id.clone());
                let received = match ws.record(&document) {
                    Some(Record::Document(d)) => d.ontvangen,
                    _ => false,
                };
                let id = ws.inspection.document_id(&item.id);
                let conflicted = ws.inspection.is_conflicted(Kind::Document, &id);
                ui.add_space(6.0);
                ui.horizontal(|ui| {
                    if conflicted {
                        ui.label(RichText::new(&item.name).strong());
                    } else {
                        let mut checked = received;
                        if ui
                            .checkbox(&mut checked, RichText::new(&item.name).strong())
                            .changed()
                        {
                            // The note typed so far goes along (see `Workspace::update`).
                            cmds.push(Command::Edit(Edit::set(
                                document,
                                "ontvangen",
                                Value::Flag(checked),
                            )));
                        }
                    }
                    widgets::muted(
                        ui,
                        format!("{} · {}", item.id, item.expectations.join(", ")),
                    );
                });
                // Two versions: the choice, not the checkbox and the note.
                if conflicts::inline_notice(ui, ws, Kind::Document, &id, cmds) {
                    continue;
                }
                widgets::draft_field(
                    ui,
                    ws,
                    DraftTarget::DocumentNote(item.id.clone()),
                    &format!("Bevindingen uit {}", item.name),
                    true,
                    cmds,
                );
            }
        });
}

/// The kader's kerngegevens by group, in the order the groups first appear (those without a
/// group first, under no heading).
fn grouped(figures: &[KeyFigure]) -> Vec<(&str, Vec<&KeyFigure>)> {
    let mut groups: Vec<(&str, Vec<&KeyFigure>)> = Vec::new();
    for figure in figures {
        let group = figure.group.trim();
        match groups.iter_mut().find(|(g, _)| *g == group) {
            Some((_, list)) => list.push(figure),
            None => groups.push((group, vec![figure])),
        }
    }
    groups.sort_by_key(|(g, _)| !g.is_empty());
    groups
}

/// The kind and unit in words, for a screen reader ("bedrag in euro", "aantal meldingen").
fn kind_words(figure: &KeyFigure) -> String {
    let kind = match figure.kind {
        KeyFigureKind::Aantal => "aantal",
        KeyFigureKind::Bedrag => "bedrag",
        KeyFigureKind::Fte => "formatie",
    };
    match figure.unit.trim() {
        "" => kind.to_string(),
        unit if figure.kind == KeyFigureKind::Aantal => format!("{kind} {unit}"),
        unit => format!("{kind} in {unit}"),
    }
}

/// The table of kerndata: per kerngegeven the period, the value and the toelichting; then their
/// history.
fn kerndata(ui: &mut Ui, ws: &mut Workspace, cmds: &mut Vec<Command>) {
    let figures = ws.inspection.framework.key_figures.clone();
    widgets::heading(ui, "Kerndata");
    widgets::muted(
        ui,
        "Typ getallen zoals gewoonlijk in het Nederlands: een komma voor decimalen, punten alleen tussen groepen van drie cijfers (4.250.000,00 · 1.250 · 42,5). Een leeg veld is onbekend. Een waarde wordt opgeslagen als u het veld verlaat (Tab of Enter).",
    );
    let columns = 4;
    let grid = egui::Grid::new(("kerndata", ws.inspection.id))
        .striped(true)
        .num_columns(columns)
        .spacing([16.0, 6.0]);
    widgets::table(ui, "Kerndata", columns, grid, |ui, table| {
        table.header_row(ui, &["Kerngegeven", "Periode", "Waarde", "Toelichting"]);
        for (group, list) in grouped(&figures) {
            if !group.is_empty() {
                let mut row = table.row(ui);
                row.wide_cell(ui, columns, |ui| {
                    ui.label(RichText::new(group).strong());
                });
                row.end(ui);
            }
            for figure in list {
                let mut row = table.row(ui);
                row.cell(ui, |ui| {
                    top(ui, |ui| level(ui, RichText::new(&figure.label)))
                });
                row.cell(ui, |ui| {
                    top(ui, |ui| {
                        level(ui, RichText::new(&figure.period).color(GREY))
                    })
                });
                if ws.inspection.is_conflicted(Kind::Kerngegeven, &figure.id) {
                    row.cell(ui, |ui| conflict_cell(ui, figure, cmds));
                    row.text(ui, "");
                } else {
                    row.cell(ui, |ui| top(ui, |ui| value_cell(ui, ws, figure, cmds)));
                    // The toelichting takes the rest of the window.
                    let width = (ui.available_width() - 16.0).max(NOTE_WIDTH);
                    row.cell(ui, |ui| {
                        top(ui, |ui| note_cell(ui, ws, figure, width, cmds))
                    });
                }
                row.end(ui);
            }
        }
    });
    history(ui, ws);
    ui.add_space(8.0);
}

/// A label level with the first line of the text fields beside it.
fn level(ui: &mut Ui, text: RichText) -> egui::Response {
    let height = ui.spacing().interact_size.y + 4.0;
    ui.allocate_ui_with_layout(
        egui::vec2(0.0, height),
        egui::Layout::left_to_right(egui::Align::Center),
        |ui| ui.label(text),
    )
    .inner
}

/// A cell's content at the top of its row (a row grows with a refusal or a long toelichting;
/// the fields stay level with the kerngegeven's name).
fn top<R>(ui: &mut Ui, add: impl FnOnce(&mut Ui) -> R) -> R {
    ui.vertical(add).inner
}

/// A kerngegeven with two versions (after a merge): the way to the choice instead of the fields.
fn conflict_cell(ui: &mut Ui, figure: &KeyFigure, cmds: &mut Vec<Command>) {
    let words = "twee versies — kies eerst";
    let response = ui
        .add(egui::Button::new(
            RichText::new(format!("⚠ {words}")).color(RED).strong(),
        ))
        .on_hover_text("Kies welke versie geldt (Conflicten, F7)")
        .accessible_name(format!("{}: {words}", figure.label));
    if response.clicked() {
        cmds.push(Command::ShowConflict {
            kind: Kind::Kerngegeven,
            entity: figure.id.clone(),
        });
    }
}

/// The value field (named by the kerngegeven for a screen reader), its unit, and the reason a
/// typed value was refused.
fn value_cell(ui: &mut Ui, ws: &mut Workspace, figure: &KeyFigure, cmds: &mut Vec<Command>) {
    let input = Input::KerngegevenWaarde(figure.id.clone());
    ui.horizontal(|ui| {
        let mut text = ws.input_text(&input);
        let response = ui
            .add_enabled(
                !ws.read_only,
                egui::TextEdit::singleline(&mut text)
                    .desired_width(VALUE_WIDTH)
                    .align(egui::Align2::RIGHT_CENTER)
                    .hint_text(format!("bijv. {}", figure.kind.example())),
            )
            .accessible_name(&figure.label);
        let period = if figure.period.trim().is_empty() {
            String::new()
        } else {
            format!(", {}", figure.period.trim())
        };
        let description = format!(
            "{}{period}; bijvoorbeeld {}",
            kind_words(figure),
            figure.kind.example()
        );
        response.ctx.accesskit_node_builder(response.id, |node| {
            node.set_description(description);
        });
        if response.changed() {
            ws.type_input(&input, text);
        }
        if response.lost_focus() {
            cmds.push(Command::CommitInput(input.clone()));
        }
        // The unit after every value, so the fields line up.
        if !figure.unit.trim().is_empty() {
            ui.label(figure.unit.trim());
        }
    });
    if let Some(error) = ws.input_error(&input) {
        let words = format!("{}: {error}", figure.label);
        ui.scope(|ui| {
            ui.set_max_width(ERROR_WIDTH);
            ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Wrap);
            let shown = RichText::new(format!("⚠ {error}")).color(RED);
            widgets::spoken_label(ui, shown, &words);
        });
    }
}

/// The toelichting of a kerngegeven: where the figure comes from, or why it is missing. A draft
/// like every text (on disk while typing, a revision when the field is left or the typing
/// pauses). It wraps (a long source stays readable in full); Tab leaves it.
fn note_cell(
    ui: &mut Ui,
    ws: &mut Workspace,
    figure: &KeyFigure,
    width: f32,
    cmds: &mut Vec<Command>,
) {
    let editable = !ws.read_only;
    widgets::draft_edit(
        ui,
        ws,
        DraftTarget::KerngegevenToelichting(figure.id.clone()),
        editable,
        |text| {
            egui::TextEdit::multiline(text)
                .desired_rows(1)
                .desired_width(width)
                .hint_text("bron, of waarom onbekend")
        },
        cmds,
    )
    .accessible_name(format!("Toelichting bij {}", figure.label));
}

/// Every version of the kerndata, newest first: when, who, which kerngegeven and its value.
fn history(ui: &mut Ui, ws: &Workspace) {
    let fw = &ws.inspection.framework;
    let mut versions: Vec<(jiff::Timestamp, String)> = Vec::new();
    for (entity, history) in ws.inspection.kerngegevens.histories() {
        let figure = fw.key_figure(entity);
        let label = figure.map_or(entity.as_str(), |k| k.label.as_str());
        for r in history.revisions() {
            let value = if r.meta.deleted {
                "verwijderd".to_string()
            } else {
                match (figure, r.data.quantity()) {
                    (Some(k), Some(q)) => k.show(q),
                    _ if r.data.waarde.trim().is_empty() => "onbekend".to_string(),
                    _ => r.data.waarde.trim().to_string(),
                }
            };
            let note = match r.data.toelichting.trim() {
                "" => String::new(),
                t => format!(" — {t}"),
            };
            versions.push((
                r.meta.at,
                format!(
                    "{} · {} · {label}: {value}{note}",
                    local_time(r.meta.at),
                    ws.inspection.inspector_name(r.meta.author)
                ),
            ));
        }
    }
    if versions.is_empty() {
        return;
    }
    versions.sort_by_key(|v| std::cmp::Reverse(v.0));
    egui::CollapsingHeader::new(format!(
        "Historie van de kerndata ({})",
        count(versions.len() as u64, "versie", "versies")
    ))
    .id_salt(("kerndata-historie", ws.inspection.id))
    .show(ui, |ui| {
        for (_, line) in versions {
            ui.label(line);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figure(id: &str, kind: KeyFigureKind, unit: &str, group: &str) -> KeyFigure {
        KeyFigure {
            id: id.into(),
            label: id.into(),
            kind,
            unit: unit.into(),
            period: String::new(),
            group: group.into(),
        }
    }

    #[test]
    fn kerngegevens_are_grouped_in_the_order_their_groups_first_appear() {
        let figures = [
            figure("a", KeyFigureKind::Aantal, "", "Primair proces"),
            figure("b", KeyFigureKind::Fte, "fte", "Formatie"),
            figure("c", KeyFigureKind::Aantal, "", "Primair proces"),
            figure("d", KeyFigureKind::Bedrag, "euro", ""),
        ];
        let groups: Vec<(&str, Vec<&str>)> = grouped(&figures)
            .into_iter()
            .map(|(g, list)| (g, list.iter().map(|k| k.id.as_str()).collect()))
            .collect();
        assert_eq!(
            groups,
            [
                ("", vec!["d"]),
                ("Primair proces", vec!["a", "c"]),
                ("Formatie", vec!["b"]),
            ]
        );
    }

    #[test]
    fn the_kind_and_unit_are_said_in_words() {
        assert_eq!(
            kind_words(&figure("x", KeyFigureKind::Bedrag, "euro", "")),
            "bedrag in euro"
        );
        assert_eq!(
            kind_words(&figure("x", KeyFigureKind::Aantal, "meldingen", "")),
            "aantal meldingen"
        );
        assert_eq!(
            kind_words(&figure("x", KeyFigureKind::Aantal, "", "")),
            "aantal"
        );
        assert_eq!(
            kind_words(&figure("x", KeyFigureKind::Fte, "fte", "")),
            "formatie in fte"
        );
    }
}
