//! Interviews: pick or start an interview per role; the kader's guide for that role, with a note
//! per question and a one-key tag per verwachting the question informs.
//!
//! An interview or an answer in conflict (two versions after a merge) is not edited here: it
//! says "Twee versies — kies eerst" with a button to the choice (see `conflicts::notice`).

use eframe::egui::{self, RichText, Ui};
use uuid::Uuid;

use crate::domain::inspection::{InterviewData, Kind, Record, Value};
use crate::domain::termijn::format_date_nl;
use crate::ui::commands::Command;
use crate::ui::edit::{Edit, RecordRef};
use crate::ui::screens::conflicts;
use crate::ui::widgets::{self, RED};
use crate::ui::workspace::{DraftTarget, Workspace};

/// The UI state of the Interviews screen.
#[derive(Default)]
pub struct InterviewsState {
    /// The interview shown.
    pub selected: Option<String>,
}

/// Starts an interview for a role (dated `today`) and selects it.
pub fn add(ws: &mut Workspace, state: &mut InterviewsState, rol: &str, today: jiff::civil::Date) {
    let id = Uuid::now_v7().to_string();
    let created = ws.create(
        &id,
        Record::Interview(InterviewData {
            rol: rol.to_string(),
            datum: Some(today),
            ..InterviewData::default()
        }),
    );
    if created.is_ok() {
        state.selected = Some(id);
    }
}

pub fn show(ui: &mut Ui, ws: &mut Workspace, state: &mut InterviewsState, cmds: &mut Vec<Command>) {
    egui::Panel::left("interviewlijst")
        .resizable(true)
        .default_size(260.0)
        .show(ui, |ui| list(ui, ws, state, cmds));
    egui::CentralPanel::default().show(ui, |ui| {
        let selected = state
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

fn list(ui: &mut Ui, ws: &Workspace, state: &mut InterviewsState, cmds: &mut Vec<Command>) {
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
            let command = Command::Restore {
                kind: Kind::Interview,
                entity: r.meta.entity.clone(),
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
            let selected = state.selected.as_deref() == Some(id.as_str());
            if ui.selectable_label(selected, text).clicked() {
                cmds.push(Command::CommitDraft(DraftTarget::InterviewNote(id.clone())));
                state.selected = Some(id);
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
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.label(
                    RichText::new(format!("Interview {}", role.name))
                        .size(20.0)
                        .strong(),
                );
                if !ws.inspection.is_conflicted(Kind::Interview, id)
                    && ui
                        .button("Verwijderen")
                        .on_hover_text("Kan ongedaan worden gemaakt; het interview blijft in de historie bewaard en kan worden teruggezet")
                        .clicked()
                {
                    cmds.push(Command::Delete {
                        kind: Kind::Interview,
                        entity: id.to_string(),
                    });
                }
            });
            // Two versions of the interview itself: the choice, not its fields.
            if !conflicts::notice(ui, ws, Kind::Interview, id, cmds) {
                date_row(ui, id, &current, &mut ws.invalid_inputs, cmds);
                widgets::draft_field(
                    ui,
                    ws,
                    DraftTarget::InterviewParticipants(id.to_string()),
                    "Deelnemers (alleen functies, geen namen)",
                    false,
                    cmds,
                );
                widgets::draft_field(
                    ui,
                    ws,
                    DraftTarget::InterviewNote(id.to_string()),
                    "Algemene notitie",
                    true,
                    cmds,
                );
            }
            ui.separator();
            widgets::muted(
                ui,
                "Tag per verwachting: klik, of ga er met Tab naartoe en druk O (ondersteunt), W (weerspreekt) of N (neutraal).",
            );
            for (n, q) in role.questions.iter().enumerate() {
                ui.add_space(8.0);
                ui.label(RichText::new(format!("{}. {}", n + 1, q.text)).strong());
                widgets::muted(
                    ui,
                    format!("{} · informeert {}", q.id, q.expectations.join(", ")),
                );
                let answer_id = ws.inspection.answer_id(id, &q.id);
                // Two versions of the answer: the choice, not the field and the tags.
                if conflicts::inline_notice(ui, ws, Kind::Answer, &answer_id, cmds) {
                    continue;
                }
                let target = DraftTarget::Answer {
                    interview: id.to_string(),
                    vraag: q.id.clone(),
                };
                widgets::draft_field(
                    ui,
                    ws,
                    target,
                    &format!("Antwoord op vraag {}", n + 1),
                    true,
                    cmds,
                );
                let tags = ws
                    .inspection
                    .answers
                    .get(&answer_id)
                    .map(|a| a.data.tags.clone())
                    .unwrap_or_default();
                for e in &q.expectations {
                    if let Some(new_tag) = widgets::tag_selector(ui, e, tags.get(e).copied()) {
                        // One tag changes; the note typed so far goes along.
                        let answer = RecordRef::Answer {
                            interview: id.to_string(),
                            vraag: q.id.clone(),
                        };
                        cmds.push(Command::Edit(Edit::entry(
                            answer,
                            "tags",
                            e,
                            new_tag.map(|t| t.as_str()),
                        )));
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
        cmds.push(Command::Edit(Edit::set(
            RecordRef::Id(Kind::Interview, id.to_string()),
            "datum",
            Value::Date(datum),
        )));
    }
}
