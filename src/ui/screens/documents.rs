//! Documenten: the documents requested before the visit (from the kader), whether each was
//! received, and a note per document.

use eframe::egui::{self, RichText, Ui};

use crate::domain::inspection::{DocumentData, Record};
use crate::ui::commands::Command;
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
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for item in &items {
                let data = ws.document(&item.id);
                ui.add_space(6.0);
                ui.horizontal(|ui| {
                    let mut received = data.ontvangen;
                    if ui
                        .checkbox(&mut received, RichText::new(&item.name).strong())
                        .changed()
                    {
                        cmds.push(Command::Edit {
                            entity: ws.inspection.document_id(&item.id),
                            record: Record::Document(DocumentData {
                                ontvangen: received,
                                notitie: ws
                                    .draft_text(&DraftTarget::DocumentNote(item.id.clone()))
                                    .clone(),
                                ..data.clone()
                            }),
                        });
                    }
                    widgets::muted(
                        ui,
                        format!("{} · {}", item.id, item.expectations.join(", ")),
                    );
                });
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
