//! Interviews: pick or start an interview per role; the kader's guide for that role, with a note
//! per question and a one-key tag per verwachting the question informs.

use eframe::egui::{self, RichText, Ui};

use crate::domain::inspection::{AnswerData, InterviewData, Record};
use crate::domain::termijn::format_date_nl;
use crate::ui::commands::Command;
use crate::ui::widgets::{self, RED};
use crate::ui::workspace::{DraftTarget, Workspace};

pub fn show(ui: &mut Ui, ws: &mut Workspace, cmds: &mut Vec<Command>) {
    egui::Panel::left("interviewlijst")
        .resizable(true)
        .default_size(260.0)
        .show(ui, |ui| list(ui, ws, cmds));
    egui::CentralPanel::default().show(ui, |ui| {
        let selected = ws
            .interviews
            .selected
            .clone()
            .filter(|id| ws.inspection.interviews.get(id).is_some());
        match selected {
            Some(id) => interview(ui, ws, &id, cmds),
            None => {
                widgets::heading(ui, "Interviews");
                widgets::muted(
                    ui,
                    "Kies links een interview, of begin een nieuw interview met een rol.",
                );
                if let Some(text) = &ws.inspection.framework.sources.explanation.lines().next() {
                    widgets::muted(ui, *text);
                }
            }
        }
    });
}

fn list(ui: &mut Ui, ws: &mut Workspace, cmds: &mut Vec<Command>) {
    widgets::heading(ui, "Nieuw interview");
    let roles: Vec<(String, String)> = ws
        .inspection
        .framework
        .sources
        .roles
        .iter()
        .map(|r| (r.id.clone(), r.name.clone()))
        .collect();
    for (id, name) in &roles {
        if ui.button(format!("+ {name}")).clicked() {
            cmds.push(Command::NewInterview(id.clone()));
        }
    }
    ui.separator();
    widgets::heading(ui, "Gehouden interviews");
    let mut items: Vec<(String, String, Option<jiff::civil::Date>)> = ws
        .inspection
        .interviews
        .current()
        .map(|i| (i.meta.entity.clone(), i.data.rol.clone(), i.data.datum))
        .collect();
    items.sort_by(|a, b| (a.2, &a.1).cmp(&(b.2, &b.1)));
    if items.is_empty() {
        widgets::muted(ui, "Nog geen interviews.");
    }
    let deleted = ws
        .inspection
        .interviews
        .deleted()
        .map(|r| {
            let name = roles
                .iter()
                .find(|(id, _)| *id == r.data.rol)
                .map_or(r.data.rol.clone(), |(_, n)| n.clone());
            let when = r.data.datum.map(format_date_nl).unwrap_or_default();
            let command = Command::Edit {
                entity: r.meta.entity.clone(),
                record: Record::Interview(r.data.clone()),
            };
            (format!("{name} {when}"), command)
        })
        .collect();
    widgets::restore_list(
        ui,
        "Verwijderde interviews",
        "Het interview komt terug met al zijn antwoorden",
        deleted,
        cmds,
    );
    egui::ScrollArea::vertical().show(ui, |ui| {
        for (id, rol, datum) in items {
            let name = roles
                .iter()
                .find(|(r, _)| *r == rol)
                .map_or(rol.clone(), |(_, n)| n.clone());
            let answered = ws.inspection.answers_of(&id).len();
            let text = format!(
                "{name}\n{} · {answered} antwoorden",
                datum
                    .map(format_date_nl)
                    .unwrap_or_else(|| "zonder datum".into())
            );
            let selected = ws.interviews.selected.as_deref() == Some(id.as_str());
            if ui.selectable_label(selected, text).clicked() {
                cmds.push(Command::CommitDraft(DraftTarget::InterviewNote(id.clone())));
                ws.interviews.selected = Some(id);
            }
        }
    });
}

fn interview(ui: &mut Ui, ws: &mut Workspace, id: &str, cmds: &mut Vec<Command>) {
    let Some(current) = ws.inspection.interviews.get(id).map(|r| r.data.clone()) else {
        return;
    };
    let Some(role) = ws.inspection.framework.role(&current.rol).cloned() else {
        ui.label(
            RichText::new(format!(
                "De rol '{}' staat niet in het kader van dit onderzoek.",
                current.rol
            ))
            .color(RED),
        );
        return;
    };
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        ui.horizontal(|ui| {
            ui.label(RichText::new(format!("Interview {}", role.name)).size(20.0).strong());
            if ui.button("Verwijderen").on_hover_text("Kan ongedaan worden gemaakt; het interview blijft in de historie bewaard en kan worden teruggezet").clicked() {
                cmds.push(Command::Delete {
                    entity: id.to_string(),
                    record: Record::Interview(current.clone()),
                });
            }
        });
        date_row(ui, id, &current, &mut ws.invalid_inputs, cmds);
        widgets::draft_field(ui, ws, DraftTarget::InterviewParticipants(id.to_string()), "Deelnemers (alleen functies, geen namen)", false, cmds);
        widgets::draft_field(ui, ws, DraftTarget::InterviewNote(id.to_string()), "Algemene notitie", true, cmds);
        ui.separator();
        widgets::muted(ui, "Tag per verwachting: klik, of ga er met Tab naartoe en druk O (ondersteunt), W (weerspreekt) of N (neutraal).");
        for (n, q) in role.questions.iter().enumerate() {
            ui.add_space(8.0);
            ui.label(RichText::new(format!("{}. {}", n + 1, q.text)).strong());
            widgets::muted(ui, format!("{} · informeert {}", q.id, q.expectations.join(", ")));
            let target = DraftTarget::Answer {
                interview: id.to_string(),
                vraag: q.id.clone(),
            };
            widgets::draft_field(ui, ws, target, &format!("Antwoord op vraag {}", n + 1), true, cmds);
            let answer_id = ws.inspection.answer_id(id, &q.id);
            let answer = ws.inspection.answers.get(&answer_id).map(|a| a.data.clone());
            for e in &q.expectations {
                let current_tag = answer.as_ref().and_then(|a| a.tags.get(e).copied());
                if let Some(new_tag) = widgets::tag_selector(ui, e, current_tag) {
                    let mut data = answer.clone().unwrap_or_else(|| AnswerData {
                        interview: id.to_string(),
                        vraag: q.id.clone(),
                        ..AnswerData::default()
                    });
                    // Keep the note typed so far.
                    data.notitie = ws.draft_text(&DraftTarget::Answer {
                        interview: id.to_string(),
                        vraag: q.id.clone(),
                    })
                    .clone();
                    match new_tag {
                        Some(t) => data.tags.insert(e.clone(), t),
                        None => data.tags.remove(e),
                    };
                    cmds.push(Command::Edit {
                        entity: answer_id.clone(),
                        record: Record::Answer(data),
                    });
                }
            }
        }
    });
}

fn date_row(
    ui: &mut Ui,
    id: &str,
    current: &InterviewData,
    invalid: &mut std::collections::BTreeSet<String>,
    cmds: &mut Vec<Command>,
) {
    let key = egui::Id::unique(("interview-datum", id));
    let name = format!("datum interview {}", current.rol);
    if widgets::date_error(ui, key).is_some() {
        invalid.insert(name);
    } else {
        invalid.remove(&name);
    }
    if let Some(datum) = widgets::date_field(ui, key, "Datum (dd-mm-jjjj):", current.datum) {
        cmds.push(Command::Edit {
            entity: id.to_string(),
            record: Record::Interview(InterviewData {
                datum,
                ..current.clone()
            }),
        });
    }
}
