//! Interviews: pick or start an interview per role; the kader's guide for that role, with a note
//! per question and a one-key tag per verwachting the question informs.
//!
//! The participants are counted per function (a function and a number, 1–99; rows added and
//! removed, never names), stored as the interview's `aantallen` one entry at a time; the free
//! text `deelnemers` stays beside it. A count that is not a whole number from 1 to 99 is refused
//! at its field with the reason, stays visible there and is not saved.
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
use crate::ui::types::{count, join_and};
use crate::ui::widgets::{self, RED};
use crate::ui::workspace::{DraftTarget, Workspace};

/// The UI state of the Interviews screen.
#[derive(Default)]
pub struct InterviewsState {
    /// The interview shown.
    pub selected: Option<String>,
    /// An interview was just started: its entry in the list takes the focus (once).
    pub focus_selected: bool,
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
        state.focus_selected = true;
    }
}

pub fn show(ui: &mut Ui, ws: &mut Workspace, state: &mut InterviewsState, cmds: &mut Vec<Command>) {
    egui::Panel::left("interviewlijst")
        .resizable(true)
        .default_size(260.0)
        .show(ui, |ui| {
            widgets::region(ui, "Lijst van interviews");
            list(ui, ws, state, cmds)
        });
    egui::CentralPanel::default().show(ui, |ui| {
        widgets::region(ui, "Interview");
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
    egui::ScrollArea::vertical()
        .id_salt(("interviewlijst", ws.inspection.id))
        .show(ui, |ui| {
            for (id, rol, datum) in items {
                let name = roles
                    .iter()
                    .find(|(r, _)| *r == rol)
                    .map_or(rol.clone(), |(_, n)| n.clone());
                let answered = ws.inspection.answers_of(&id).len();
                let text = format!(
                    "{name}\n{} · {}",
                    datum
                        .map(format_date_nl)
                        .unwrap_or_else(|| "zonder datum".into()),
                    count(answered as u64, "antwoord", "antwoorden")
                );
                let selected = state.selected.as_deref() == Some(id.as_str());
                let response = ui.selectable_label(selected, text);
                if selected && std::mem::take(&mut state.focus_selected) {
                    // Just started: the focus goes to the new interview.
                    response.request_focus();
                    response.scroll_to_me(None);
                }
                if response.clicked() {
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
    // Each interview keeps its own scroll position.
    egui::ScrollArea::vertical()
        .id_salt(("interview", id))
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
                let role_name = role.name.clone();
                counts(ui, id, &current, &role_name, &mut ws.invalid_inputs, cmds);
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
                    format!(
                        "informeert {} {}",
                        if q.expectations.len() == 1 {
                            "verwachting"
                        } else {
                            "verwachtingen"
                        },
                        join_and(&q.expectations)
                    ),
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
                    let row = egui::Id::unique(("tag", &answer_id, e));
                    if let Some(new_tag) =
                        widgets::tag_selector(ui, row, e, tags.get(e).copied())
                    {
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

/// A count as typed: a whole number from 1 to 99 (surrounding spaces allowed), or why not.
pub fn parse_count(input: &str) -> Result<u32, String> {
    let t = input.trim();
    if t.is_empty() {
        return Err("Vul een aantal in (een heel getal van 1 tot en met 99).".into());
    }
    match t.parse::<u32>() {
        Ok(n) if t.chars().all(|c| c.is_ascii_digit()) && (1..=99).contains(&n) => Ok(n),
        _ => Err(format!(
            "'{t}' is geen geldig aantal: vul een heel getal van 1 tot en met 99 in."
        )),
    }
}

/// The input state of the counts of one interview (kept in egui's memory, like a date field's
/// text): the new row's function and count, the text typed in each row's count field, and the
/// reason an input was refused (per row, by function; `None`: the new row).
#[derive(Clone, Default)]
struct CountInputs {
    functie: String,
    aantal: String,
    /// The new row was prefilled with the interview's role (once).
    prefilled: bool,
    /// A function was just added: its row's count field takes the focus once it is there.
    focus_row: Option<String>,
    rows: std::collections::BTreeMap<String, String>,
    errors: std::collections::BTreeMap<Option<String>, String>,
}

/// "Aantal deelnemers per functie": a row per function with its count (editable, removable),
/// and a row to add one. Every change is one `Edit::entry` of the interview's `aantallen`.
fn counts(
    ui: &mut Ui,
    id: &str,
    current: &InterviewData,
    role_name: &str,
    invalid: &mut std::collections::BTreeSet<String>,
    cmds: &mut Vec<Command>,
) {
    let key = egui::Id::unique(("interview-aantallen", id));
    let mut inputs: CountInputs = ui.data_mut(|d| d.get_temp(key).unwrap_or_default());
    if !inputs.prefilled {
        inputs.prefilled = true;
        if current.aantallen.is_empty() {
            inputs.functie = role_name.to_string();
        }
    }
    let record = RecordRef::Id(Kind::Interview, id.to_string());
    ui.add_space(4.0);
    ui.label(
        RichText::new("Aantal deelnemers per functie (voor het rapport; geen namen)")
            .small()
            .color(widgets::GREY),
    );
    let mut removed = Vec::new();
    if !current.aantallen.is_empty() {
        count_rows(ui, id, current, &record, &mut inputs, &mut removed, cmds);
    }
    for functie in removed {
        inputs.rows.remove(&functie);
        inputs.errors.remove(&Some(functie.clone()));
        cmds.push(Command::Edit(Edit::entry(
            record.clone(),
            "aantallen",
            &functie,
            None,
        )));
    }

    ui.horizontal(|ui| {
        let l = ui.label("Functie:");
        let f = ui
            .add(
                egui::TextEdit::singleline(&mut inputs.functie)
                    .desired_width(220.0)
                    .hint_text("bijv. uitvoerend medewerker"),
            )
            .labelled_by(l.id);
        let l = ui.label("Aantal:");
        let n = ui
            .add(
                egui::TextEdit::singleline(&mut inputs.aantal)
                    .desired_width(48.0)
                    .hint_text("1–99"),
            )
            .labelled_by(l.id);
        if f.changed() || n.changed() {
            // Typing again: the refusal is checked anew on Enter or "Functie toevoegen".
            inputs.errors.remove(&None);
            inputs.focus_row = None;
        }
        let enter =
            (f.lost_focus() || n.lost_focus()) && ui.input(|i| i.key_pressed(egui::Key::Enter));
        let add = ui.button("Functie toevoegen").on_hover_text(
            "Voegt de functie met haar aantal toe (Enter in het veld doet hetzelfde)",
        );
        if add.clicked() || enter {
            let functie = inputs.functie.trim().to_string();
            let result = if functie.is_empty() {
                Err("Vul een functie in (geen namen).".to_string())
            } else {
                parse_count(&inputs.aantal)
            };
            match result {
                Ok(count) => {
                    // The same function typed in another case is the same row.
                    let existing = current
                        .aantallen
                        .keys()
                        .find(|k| k.trim().eq_ignore_ascii_case(&functie))
                        .cloned()
                        .unwrap_or(functie);
                    cmds.push(Command::Edit(Edit::entry(
                        record.clone(),
                        "aantallen",
                        &existing,
                        Some(&count.to_string()),
                    )));
                    inputs.rows.remove(&existing);
                    inputs.focus_row = Some(existing.clone());
                    inputs.errors.remove(&None);
                    inputs.functie.clear();
                    inputs.aantal.clear();
                }
                Err(e) => {
                    inputs.errors.insert(None, e);
                }
            }
        }
    });
    if let Some(e) = inputs.errors.get(&None) {
        ui.label(RichText::new(e).color(RED));
    }
    if let Some(total) = current.participant_total() {
        widgets::muted(
            ui,
            format!(
                "In totaal {total} {}.",
                if total == 1 {
                    "deelnemer"
                } else {
                    "deelnemers"
                }
            ),
        );
    }
    // A refused count is not saved: the status bar must not say everything is.
    let when = current
        .datum
        .map(|d| format!(" van {}", format_date_nl(d)))
        .unwrap_or_default();
    let name = format!("aantal deelnemers interview {role_name}{when}");
    if !inputs.errors.is_empty() {
        invalid.insert(name);
    } else {
        invalid.remove(&name);
    }
    ui.data_mut(|d| d.insert_temp(key, inputs));
}

/// The counted functions of an interview: each with its count (editable: refused unless 1–99,
/// the reason beside it) and a button to remove it (collected in `removed`).
fn count_rows(
    ui: &mut Ui,
    id: &str,
    current: &InterviewData,
    record: &RecordRef,
    inputs: &mut CountInputs,
    removed: &mut Vec<String>,
    cmds: &mut Vec<Command>,
) {
    egui::Grid::new(("aantallen", id))
        .num_columns(4)
        .spacing([10.0, 4.0])
        .show(ui, |ui| {
            for (functie, stored) in &current.aantallen {
                let l = ui.label(functie);
                let text = inputs
                    .rows
                    .entry(functie.clone())
                    .or_insert_with(|| stored.clone());
                let field = ui
                    .add(egui::TextEdit::singleline(text).desired_width(48.0))
                    .labelled_by(l.id);
                if inputs.focus_row.as_ref() == Some(functie) {
                    // Just added: the focus goes to the new row.
                    inputs.focus_row = None;
                    field.request_focus();
                }
                let row_error = Some(functie.clone());
                if !field.has_focus()
                    && !field.lost_focus()
                    && !inputs.errors.contains_key(&row_error)
                {
                    // Follow the stored value while the field is not being edited.
                    *text = stored.clone();
                }
                if field.lost_focus() {
                    match parse_count(text) {
                        Ok(n) => {
                            inputs.errors.remove(&row_error);
                            *text = n.to_string();
                            if *text != *stored {
                                cmds.push(Command::Edit(Edit::entry(
                                    record.clone(),
                                    "aantallen",
                                    functie,
                                    Some(&n.to_string()),
                                )));
                            }
                        }
                        Err(e) => {
                            inputs.errors.insert(row_error.clone(), e);
                        }
                    }
                }
                let remove = ui.small_button("Verwijderen");
                let name = format!("{functie} verwijderen");
                remove.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &name));
                if remove
                    .on_hover_text("Deze functie en haar aantal weghalen")
                    .clicked()
                {
                    removed.push(functie.clone());
                }
                match inputs.errors.get(&row_error) {
                    Some(e) => ui.label(RichText::new(e).color(RED)),
                    None => ui.label(""),
                };
                ui.end_row();
            }
        });
}

#[cfg(test)]
mod tests {
    use super::parse_count;

    #[test]
    fn counts_are_whole_numbers_from_1_to_99() {
        for (input, expected) in [("1", 1), (" 3 ", 3), ("07", 7), ("99", 99)] {
            assert_eq!(parse_count(input), Ok(expected), "{input}");
        }
        for input in ["", "  ", "0", "100", "-1", "+2", "2.5", "drie", "1e2"] {
            let e = parse_count(input).unwrap_err();
            assert!(e.contains("1 tot en met 99"), "{input}: {e}");
        }
    }
}
