//! Dossiers: add a dossier by its pseudonymous number; a table with the dates and the termijnen
//! computed live (missed ones in red); below it the selected dossier's dates (validated at the
//! field) and its checklist items answered ja / nee / n.v.t. with a note.
//!
//! A dossier or checklist answer in conflict (two versions after a merge) is not edited here: it
//! says "Twee versies — kies eerst" with the versions in short and a button that opens the choice
//! on the Conflicten screen; its termijnen are not claimed meanwhile.

use eframe::egui::{self, RichText, Ui};
use egui_extras::{Column, TableBuilder};
use uuid::Uuid;

use crate::domain::inspection::{CheckAnswer, DossierData, Kind, Record, Selection, Value};
use crate::domain::termijn::{self, CaseTone, DateKind, DeadlineOutcome, format_date_nl};
use crate::ui::commands::Command;
use crate::ui::edit::{Edit, RecordRef, text};
use crate::ui::screens::conflicts;
use crate::ui::widgets::{self, GREEN, GREY, RED};
use crate::ui::workspace::{DraftTarget, Workspace};

/// The UI state of the Dossiers screen.
#[derive(Default)]
pub struct DossiersState {
    /// The dossier shown below the table.
    pub selected: Option<String>,
    /// The new-dossier row: the number typed, "gericht geselecteerd", why it was refused.
    pub new_number: String,
    pub new_gericht: bool,
    pub new_error: Option<String>,
    /// Asking "zeker weten?" before deleting this dossier.
    pub confirm_delete: Option<String>,
}

/// Adds a dossier (the number must be new) and selects it.
pub fn add(ws: &mut Workspace, state: &mut DossiersState, nummer: String, gericht: bool) {
    let nummer = nummer.trim().to_string();
    if nummer.is_empty() {
        state.new_error = Some("Typ het (pseudonieme) dossiernummer.".into());
        return;
    }
    if ws
        .inspection
        .dossiers
        .current()
        .any(|d| d.data.nummer == nummer)
    {
        state.new_error = Some(format!("Dossier {nummer} staat er al in."));
        return;
    }
    let id = Uuid::now_v7().to_string();
    let created = ws.create(
        &id,
        Record::Dossier(DossierData {
            nummer,
            selectie: if gericht {
                Selection::Gericht
            } else {
                Selection::Willekeurig
            },
            ..DossierData::default()
        }),
    );
    if created.is_ok() {
        state.selected = Some(id);
        state.new_number.clear();
        state.new_error = None;
    }
}

pub fn show(ui: &mut Ui, ws: &mut Workspace, state: &mut DossiersState, cmds: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        ui.label(RichText::new("Dossiers").size(20.0).strong());
        ui.separator();
        let l = ui.label("Dossiernummer (pseudoniem):");
        let response = ui
            .add(egui::TextEdit::singleline(&mut state.new_number).desired_width(160.0))
            .labelled_by(l.id);
        ui.checkbox(&mut state.new_gericht, "gericht geselecteerd");
        let enter = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if ui.button("Dossier toevoegen").clicked() || enter {
            cmds.push(Command::NewDossier {
                nummer: state.new_number.clone(),
                gericht: state.new_gericht,
            });
        }
        if let Some(e) = &state.new_error {
            ui.label(RichText::new(e).color(RED));
        }
    });
    widgets::muted(
        ui,
        "Alleen het dossiernummer, nooit een naam. Data als dd-mm-jjjj; de termijnen rekent veldtoets zelf uit.",
    );

    let dossiers: Vec<(String, DossierData)> = ws
        .inspection
        .dossier_list()
        .into_iter()
        .map(|d| (d.meta.entity.clone(), d.data.clone()))
        .collect();
    let deadlines = ws.inspection.framework.deadlines.clone();
    let peildatum = ws.inspection.peildatum();
    let table_height = (ui.available_height() * 0.45).max(160.0);
    ui.push_id("dossiertabel", |ui| {
        // Plain labels, so a click anywhere on a row selects it.
        ui.style_mut().interaction.selectable_labels = false;
        let mut table = TableBuilder::new(ui)
            .striped(true)
            .sense(egui::Sense::click())
            .max_scroll_height(table_height)
            .column(Column::auto().at_least(110.0))
            .column(Column::auto());
        table = table.columns(Column::auto().at_least(84.0), DateKind::ALL.len());
        table = table.column(Column::remainder().at_least(160.0));
        table
            .header(22.0, |mut header| {
                header.col(|ui| {
                    ui.strong("Nummer");
                });
                header.col(|ui| {
                    ui.strong("Selectie");
                });
                for kind in DateKind::ALL {
                    header.col(|ui| {
                        ui.strong(capitalize(kind.label()));
                    });
                }
                header.col(|ui| {
                    ui.strong("Termijnen");
                });
            })
            .body(|body| {
                body.rows(22.0, dossiers.len(), |mut row| {
                    let (id, d) = &dossiers[row.index()];
                    let conflicted = ws.inspection.is_conflicted(Kind::Dossier, id);
                    // For a dossier in conflict: the live versions, so a date they disagree on
                    // is not shown as if it were settled.
                    let versions: Vec<&DossierData> = if conflicted {
                        ws.inspection
                            .dossiers
                            .history(id)
                            .map(|h| {
                                h.heads()
                                    .filter(|r| !r.meta.deleted)
                                    .map(|r| &r.data)
                                    .collect()
                            })
                            .unwrap_or_default()
                    } else {
                        Vec::new()
                    };
                    row.set_selected(state.selected.as_deref() == Some(id.as_str()));
                    row.col(|ui| {
                        if conflicted {
                            ui.add(
                                egui::Label::new(
                                    RichText::new(format!("⚠ {}", d.nummer)).color(RED),
                                )
                                .extend(),
                            );
                        } else {
                            ui.label(&d.nummer);
                        }
                    });
                    row.col(|ui| {
                        ui.label(d.selectie.as_str());
                    });
                    for kind in DateKind::ALL {
                        row.col(|ui| {
                            let differs = versions
                                .iter()
                                .any(|v| v.dates.get(kind) != d.dates.get(kind));
                            if differs {
                                ui.label(RichText::new("verschilt").color(RED));
                                return;
                            }
                            ui.label(
                                d.dates
                                    .get(kind)
                                    .map(format_date_nl)
                                    .unwrap_or_else(|| "—".into()),
                            );
                        });
                    }
                    row.col(|ui| {
                        if conflicted {
                            // Two versions: no outcome is claimed until one is chosen.
                            ui.label(
                                RichText::new("twee versies — kies eerst")
                                    .color(RED)
                                    .strong(),
                            );
                            return;
                        }
                        // Only terms that were computed and met are green; a term that cannot
                        // be computed says which and why, in a neutral colour.
                        let status = termijn::case_status(&deadlines, &d.dates, peildatum);
                        let text = RichText::new(status.text);
                        let text = match status.tone {
                            CaseTone::AllMet => text.color(GREEN),
                            CaseTone::Problem => text.color(RED).strong(),
                            CaseTone::Open | CaseTone::Unknown | CaseTone::NoTerms => {
                                text.color(GREY)
                            }
                        };
                        let details: Vec<String> = deadlines
                            .iter()
                            .map(|def| {
                                let outcome = termijn::evaluate(def, &d.dates, peildatum);
                                format!("{}: {}", def.name, outcome.describe())
                            })
                            .collect();
                        let label = ui.add(egui::Label::new(text).truncate());
                        if !details.is_empty() {
                            label.on_hover_text(details.join("\n"));
                        }
                    });
                    if row.response().clicked() {
                        cmds.push(Command::CommitDraft(DraftTarget::DossierNote(id.clone())));
                        state.selected = Some(id.clone());
                    }
                });
            });
    });
    if dossiers.is_empty() {
        widgets::muted(ui, "Nog geen dossiers.");
    }
    // The same number twice (after a merge): counted once until merged or renumbered.
    let duplicates: Vec<(String, String)> = ws
        .derived
        .duplicates
        .iter()
        .filter(|d| d.kind == Kind::Dossier)
        .filter_map(|d| Some((d.description(), d.entities.first()?.clone())))
        .collect();
    for (description, entity) in duplicates {
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(format!("⚠ {}", capitalize(&description))).color(RED));
            if ui.button("Samenvoegen of hernummeren…").clicked() {
                cmds.push(Command::ShowConflict {
                    kind: Kind::Dossier,
                    entity,
                });
            }
        });
    }
    ui.separator();
    let selected = state
        .selected
        .clone()
        .filter(|id| ws.inspection.dossiers.get(id).is_some());
    if let Some(id) = selected {
        detail(ui, ws, state, &id, cmds);
    }
}

fn detail(
    ui: &mut Ui,
    ws: &mut Workspace,
    state: &mut DossiersState,
    id: &str,
    cmds: &mut Vec<Command>,
) {
    let dossier = RecordRef::Id(Kind::Dossier, id.to_string());
    let Some(data) = ws.inspection.dossiers.get(id).map(|d| d.data.clone()) else {
        return;
    };
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let conflicted = ws.inspection.is_conflicted(Kind::Dossier, id);
            ui.horizontal(|ui| {
                ui.label(
                    RichText::new(format!("Dossier {}", data.nummer))
                        .size(18.0)
                        .strong(),
                );
                if conflicted {
                    return;
                }
                let mut gericht = data.selectie == Selection::Gericht;
                if ui.checkbox(&mut gericht, "gericht geselecteerd").changed() {
                    let selectie = if gericht {
                        Selection::Gericht
                    } else {
                        Selection::Willekeurig
                    };
                    cmds.push(Command::Edit(Edit::set(
                        dossier.clone(),
                        "selectie",
                        text(selectie.as_str()),
                    )));
                }
                if state.confirm_delete.as_deref() == Some(id) {
                    ui.label(RichText::new("Zeker weten?").color(RED));
                    if ui.button("Ja, verwijderen").clicked() {
                        state.confirm_delete = None;
                        cmds.push(Command::Delete {
                            kind: Kind::Dossier,
                            entity: id.to_string(),
                        });
                    }
                    if ui.button("Nee").clicked() {
                        state.confirm_delete = None;
                    }
                } else if ui
                    .button("Dossier verwijderen")
                    .on_hover_text("Blijft in de historie bewaard")
                    .clicked()
                {
                    state.confirm_delete = Some(id.to_string());
                }
            });
            if conflicted {
                conflicts::notice(ui, ws, Kind::Dossier, id, cmds);
            } else {
                dates(ui, ws, id, &data, cmds);
            }
            ui.separator();
            checklist(ui, ws, id, cmds);
        });
}

/// The dossier's dates (validated at the field), its termijnen and its note.
fn dates(ui: &mut Ui, ws: &mut Workspace, id: &str, data: &DossierData, cmds: &mut Vec<Command>) {
    ui.columns(2, |cols| {
        let ui = &mut cols[0];
        ui.label(RichText::new("Data").strong());
        for kind in DateKind::ALL {
            let key = egui::Id::unique(("dossierdatum", id, kind.as_str()));
            let label = format!("{}:", capitalize(kind.label()));
            if let Some(date) = widgets::date_field(ui, key, &label, data.dates.get(kind)) {
                cmds.push(Command::Edit(Edit::set(
                    RecordRef::Id(Kind::Dossier, id.to_string()),
                    kind.as_str(),
                    Value::Date(date),
                )));
            }
            let name = format!("dossier {}: {}", data.nummer, kind.label());
            if widgets::date_error(ui, key).is_some() {
                ws.invalid_inputs.insert(name);
            } else {
                ws.invalid_inputs.remove(&name);
            }
        }
        for problem in data.dates.problems() {
            ui.label(RichText::new(format!("⚠ {problem}")).color(RED));
        }
        let ui = &mut cols[1];
        ui.label(RichText::new("Termijnen").strong());
        for def in &ws.inspection.framework.deadlines {
            let outcome = termijn::evaluate(def, &data.dates, ws.inspection.peildatum());
            let color = match outcome {
                DeadlineOutcome::Met { .. } => GREEN,
                DeadlineOutcome::Missed { .. } | DeadlineOutcome::Impossible(_) => RED,
                DeadlineOutcome::Open { .. } | DeadlineOutcome::Missing(_) => GREY,
            };
            ui.label(RichText::new(format!("{}: {}", def.name, outcome.describe())).color(color));
        }
    });
    widgets::draft_field(
        ui,
        ws,
        DraftTarget::DossierNote(id.to_string()),
        "Notitie bij het dossier (geen namen)",
        true,
        cmds,
    );
}

/// The checklist items of the dossier, each answered ja / nee / n.v.t. with a note.
fn checklist(ui: &mut Ui, ws: &mut Workspace, id: &str, cmds: &mut Vec<Command>) {
    ui.label(RichText::new("Checklist").strong());
    let checklist = ws.inspection.framework.sources.checklist.clone();
    for q in &checklist {
        let check_id = ws.inspection.check_id(id, &q.id);
        let antwoord = ws
            .inspection
            .checks
            .get(&check_id)
            .map_or(CheckAnswer::Open, |c| c.data.antwoord);
        ui.add_space(4.0);
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(&q.text));
            widgets::muted(ui, format!("({})", q.expectations.join(", ")));
        });
        // Two versions of the answer: the choice, not the buttons.
        let conflicted = conflicts::inline_notice(ui, ws, Kind::Check, &check_id, cmds);
        if !conflicted {
            ui.horizontal(|ui| {
                for answer in [CheckAnswer::Ja, CheckAnswer::Nee, CheckAnswer::Nvt] {
                    let selected = antwoord == answer;
                    let response = ui.selectable_label(selected, answer.label());
                    response.widget_info(|| {
                        egui::WidgetInfo::selected(
                            egui::Role::RadioButton,
                            true,
                            selected,
                            format!("{} {}", q.id, answer.label()),
                        )
                    });
                    if response.clicked() && !selected {
                        // The toelichting typed so far goes along (see `Workspace::update`).
                        let check = RecordRef::Check {
                            dossier: id.to_string(),
                            vraag: q.id.clone(),
                        };
                        cmds.push(Command::Edit(Edit::set(
                            check,
                            "antwoord",
                            text(answer.as_str()),
                        )));
                    }
                }
            });
        }
        ui.add_enabled_ui(!conflicted, |ui| {
            widgets::draft_field(
                ui,
                ws,
                DraftTarget::CheckNote {
                    dossier: id.to_string(),
                    vraag: q.id.clone(),
                },
                &format!("Toelichting {}", q.id),
                false,
                cmds,
            );
        });
    }
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next().map_or_else(String::new, |f| {
        f.to_uppercase().collect::<String>() + c.as_str()
    })
}
