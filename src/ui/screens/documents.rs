//! Documenten: the documents requested before the visit (from the kader), whether each was
//! received, and a note per document. A document with two versions (after a merge) is not
//! edited here: it says "Twee versies — kies eerst" with a button to the choice.

use eframe::egui::{self, RichText, Ui};

use crate::domain::inspection::{Kind, Record, Value};
use crate::ui::commands::Command;
use crate::ui::edit::{Edit, RecordRef};
use crate::ui::screens::conflicts;
use crate::ui::widgets;
use crate::ui::workspace::{DraftTarget, Workspace};

pub fn show(ui: &mut Ui, ws: &mut Workspace, cmds: &mut Vec<Command>) {
    ui.label(RichText::new("Documenten").size(20.0).strong());
    widgets::muted(
        ui,
        "De beleidsinformatie die vóór het bezoek is opgevraagd, met per document wat het laat zien.",
    );
    let items = ws.inspection.framework.sources.documents.clone();
    egui::ScrollArea::vertical()
        .id_salt(("documenten", ws.inspection.id))
        .auto_shrink([false, false])
        .show(ui, |ui| {
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
