//! Overzicht: the live eindoordeel with the decisive rule, progress per thema and criterium,
//! termijnen, what is still in conflict (every kind, and duplicate numbers), and the onderzoek's
//! own details (wachtlijst facts, notes). Details or wachtlijst facts with two versions (after a
//! merge) are not edited here: "Twee versies — kies eerst" with a button to the choice.

use eframe::egui::{self, RichText, Ui};

use crate::domain::inspection::{Kind, Record, Value, WaitlistData};
use crate::domain::judgement::JudgementValue;
use crate::domain::scoring::{self, Tone};
use crate::domain::termijn::{format_date_nl, parse_date_input};
use crate::ui::commands::Command;
use crate::ui::edit::{Edit, FieldChange, RecordRef};
use crate::ui::screens::{conflicts, criterion, details};
use crate::ui::types::{Screen, count};
use crate::ui::widgets::{self, GREEN, GREY, RED, verdict_color};
use crate::ui::workspace::{DraftTarget, Workspace};

pub fn show(
    ui: &mut Ui,
    ws: &mut Workspace,
    details_state: &mut details::DetailsState,
    cmds: &mut Vec<Command>,
) {
    egui::ScrollArea::vertical()
        .id_salt(("overzicht", ws.inspection.id))
        .auto_shrink([false, false])
        .show(ui, |ui| {
            header(ui, ws);
            details::show(ui, ws, details_state, cmds);
            ui.add_space(8.0);
            verdict_panel(ui, ws, cmds);
            ui.add_space(8.0);
            progress(ui, ws, cmds);
            termijnen(ui, ws, cmds);
            waitlist(ui, ws, cmds);
        });
}

fn header(ui: &mut Ui, ws: &Workspace) {
    let insp = &ws.inspection;
    ui.label(RichText::new(insp.organisatie()).size(24.0).strong());
    widgets::muted(ui, details::summary_line(ws));
    if !insp.rounds.is_empty() {
        let fw = &insp.framework;
        let rounds: Vec<String> = insp
            .rounds
            .iter()
            .map(|r| {
                let (met, judged) = r.met_of(fw);
                let when = r
                    .datum
                    .map(|d| format!(" {}", crate::domain::termijn::format_date_nl(d)))
                    .unwrap_or_default();
                let verdict = r
                    .eindoordeel
                    .map(|v| format!(", {}", v.as_str()))
                    .unwrap_or_default();
                format!("{}{when}: {met} van de {judged}{verdict}", r.naam)
            })
            .collect();
        widgets::muted(
            ui,
            format!("{} · eerder: {}", insp.round_name(), rounds.join(" · ")),
        );
    }
}

fn verdict_panel(ui: &mut Ui, ws: &Workspace, cmds: &mut Vec<Command>) {
    let s = &ws.derived.score;
    // What may be claimed (no oordeel yet / provisional / final) is decided by the pure
    // `scoring::headline`; only a real verdict gets a verdict colour.
    let headline = scoring::headline(s);
    egui::Frame::group(ui.style())
        .inner_margin(12.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal(|ui| {
                ui.label(RichText::new("Eindoordeel").size(16.0));
                let color = match headline.tone {
                    Tone::Neutral => GREY,
                    Tone::Verdict(v) => verdict_color(v),
                };
                ui.label(
                    RichText::new(&headline.text)
                        .size(22.0)
                        .strong()
                        .color(color),
                );
            });
            ui.label(RichText::new(&headline.progress).strong());
            // Aftrekpunten only where the kader decides on them (not where it counts
            // verwachtingen voldoende).
            let deductions = if ws.inspection.framework.rules.measure
                == crate::domain::kader::Measure::Deductions
            {
                format!(" · {}", count(s.deductions, "aftrekpunt", "aftrekpunten"))
            } else {
                String::new()
            };
            ui.label(format!(
                "{} voldoende · {} onvoldoende · {} niet beoordeeld{deductions}",
                s.met, s.not_met, s.not_judged,
            ));
            ui.label(RichText::new(&s.rule).italics());
            open_conflicts(ui, ws, cmds);
        });
}

/// What is still to be chosen, as the Conflicten screen lists it: every record in conflict (of
/// any kind) and every number recorded twice, each a link to its choice.
fn open_conflicts(ui: &mut Ui, ws: &Workspace, cmds: &mut Vec<Command>) {
    let conflicts = &ws.derived.record_conflicts;
    let duplicates = &ws.derived.duplicates;
    if conflicts.is_empty() && duplicates.is_empty() {
        widgets::muted(ui, "Geen open conflicten.");
        return;
    }
    ui.add_space(4.0);
    ui.horizontal_wrapped(|ui| {
        if !conflicts.is_empty() {
            ui.label(
                RichText::new(format!(
                    "⚠ {}:",
                    count(conflicts.len() as u64, "open conflict", "open conflicten")
                ))
                .color(RED)
                .strong(),
            );
            for c in conflicts {
                if ui
                    .link(&c.description)
                    .on_hover_text("Kies welke versie geldt (Conflicten)")
                    .clicked()
                {
                    cmds.push(Command::ShowConflict {
                        kind: c.kind,
                        entity: c.entity.clone(),
                    });
                }
            }
        }
        if !duplicates.is_empty() {
            ui.label(
                RichText::new(format!(
                    "⚠ {}:",
                    count(duplicates.len() as u64, "dubbel nummer", "dubbele nummers")
                ))
                .color(RED)
                .strong(),
            );
            for d in duplicates {
                let Some(entity) = d.entities.first() else {
                    continue;
                };
                if ui
                    .link(d.description())
                    .on_hover_text("Samenvoegen of hernummeren (Conflicten)")
                    .clicked()
                {
                    cmds.push(Command::ShowConflict {
                        kind: d.kind,
                        entity: entity.clone(),
                    });
                }
            }
        }
    });
}

fn progress(ui: &mut Ui, ws: &Workspace, cmds: &mut Vec<Command>) {
    widgets::heading(ui, "Voortgang per criterium");
    let fw = &ws.inspection.framework;
    // A kader with criterion oordelen: the inspectors' oordeel per criterium, a link to it.
    let with_criteria = fw.has_criterion_oordelen();
    let columns = if with_criteria { 5 } else { 4 };
    let grid = egui::Grid::new("voortgang")
        .striped(true)
        .num_columns(columns);
    // A table for a screen reader too: rows, cells and column headers.
    widgets::table(ui, "Voortgang per criterium", columns, grid, |ui, table| {
        let mut headers = vec!["Criterium", "Met bewijs", "Met oordeel"];
        if with_criteria {
            headers.push("Oordeel criterium");
        }
        headers.push("Verwachtingen");
        table.header_row(ui, &headers);
        let mut index = 0;
        for theme in &fw.themes {
            let mut row = table.row(ui);
            row.wide_cell(ui, columns, |ui| {
                ui.label(RichText::new(format!("{}. {}", theme.id, theme.title)).strong());
            });
            row.end(ui);
            for c in &theme.criteria {
                let range = index..index + c.expectations.len();
                index = range.end;
                let with_evidence = range
                    .clone()
                    .filter(|&i| ws.derived.evidence[i] > 0)
                    .count();
                let judged = range
                    .clone()
                    .filter(|&i| {
                        ws.inspection
                            .oordeel(&fw.expectation(i).id)
                            .is_some_and(|o| o.data.value != JudgementValue::NietBeoordeeld)
                    })
                    .count();
                let mut row = table.row(ui);
                row.text(ui, format!("{} {}", c.id, truncate(&c.title, 70)));
                row.text(ui, format!("{with_evidence} / {}", range.len()));
                row.text(ui, format!("{judged} / {}", range.len()));
                if with_criteria {
                    row.cell(ui, |ui| {
                        let (text, color) = criterion::criterion_oordeel_text(ws, &c.id);
                        let response = ui
                            .link(RichText::new(text).color(color))
                            .on_hover_text(format!("Naar criterium {}", c.id));
                        let name = format!("Oordeel criterium {}", c.id);
                        response.widget_info(|| {
                            egui::WidgetInfo::labeled(egui::Role::Link, true, &name)
                        });
                        if response.clicked() {
                            cmds.push(Command::ShowCriterion(c.id.clone()));
                        }
                    });
                }
                row.cell(ui, |ui| {
                    ui.horizontal(|ui| {
                        for i in range {
                            let e = fw.expectation(i);
                            let (symbol, color) = criterion::oordeel_symbol(ws, &e.id);
                            // Heard in words: "1.3.2, oordeel onvoldoende".
                            let response = ui
                                .link(RichText::new(format!("{} {symbol}", e.id)).color(color))
                                .on_hover_text(&e.text)
                                .accessible_name(format!(
                                    "{}, {}",
                                    e.id,
                                    criterion::status_words(ws, &e.id)
                                ));
                            if response.clicked() {
                                cmds.push(Command::ShowExpectation(i));
                            }
                        }
                    });
                });
                row.end(ui);
            }
        }
    });
}

fn termijnen(ui: &mut Ui, ws: &Workspace, cmds: &mut Vec<Command>) {
    widgets::heading(ui, "Termijnen (uit de dossiers)");
    let fw = &ws.inspection.framework;
    if fw.deadlines.is_empty() {
        widgets::muted(ui, "Dit kader kent geen termijnen.");
        return;
    }
    // Computed once per change (`Derived`), not per frame.
    let summaries = ws.derived.deadline_summaries.clone();
    let norms = ws.inspection.norm_checks_from(&summaries);
    let grid = egui::Grid::new("termijnen").striped(true).num_columns(7);
    // A table for a screen reader too: rows, cells and column headers.
    widgets::table(ui, "Termijnen", 7, grid, |ui, table| {
        table.header_row(
            ui,
            &[
                "Termijn",
                "Binnen",
                "Te laat",
                "Open",
                "Niet te bepalen",
                "Aandeel binnen",
                "Norm",
            ],
        );
        for (def, s) in fw.deadlines.iter().zip(summaries) {
            let mut row = table.row(ui);
            row.text(ui, &def.name).on_hover_text(s.describe());
            row.text(ui, s.met.to_string());
            row.text(
                ui,
                if s.missed > 0 {
                    RichText::new(s.missed.to_string()).color(RED).strong()
                } else {
                    RichText::new("0")
                },
            );
            // Open: no stop date yet, measured up to the peildatum (those over the term are
            // also in "te laat").
            let open = s.open + s.open_missed;
            row.text(
                ui,
                if s.open_missed > 0 {
                    format!("{open} ({} te laat)", s.open_missed)
                } else {
                    open.to_string()
                },
            );
            row.text(ui, s.unknown.to_string());
            row.text(
                ui,
                s.share_met()
                    .map_or("—".into(), |x| format!("{:.0}%", x * 100.0)),
            );
            let norm = match norms
                .iter()
                .find(|c| c.deadline().is_some_and(|d| d.id == def.id))
            {
                Some(c) => {
                    let text = format!("minimaal {}%", c.norm.min_percent);
                    match c.reached() {
                        Some(true) => RichText::new(format!("{text}: gehaald")).color(GREEN),
                        Some(false) => RichText::new(format!("{text}: niet gehaald"))
                            .color(RED)
                            .strong(),
                        None => RichText::new(text),
                    }
                }
                None => RichText::new(""),
            };
            row.text(ui, norm);
            row.end(ui);
        }
    });
    if let Some(peil) = ws.inspection.peildatum() {
        widgets::muted(
            ui,
            format!(
                "Een dossier zonder einddatum is open en gemeten tot de peildatum, {}.",
                format_date_nl(peil)
            ),
        );
    }
    if ui.link("Naar de dossiers (F4)").clicked() {
        cmds.push(Command::Goto(Screen::Dossiers));
    }
}

fn waitlist(ui: &mut Ui, ws: &mut Workspace, cmds: &mut Vec<Command>) {
    widgets::heading(ui, "Wachtlijst");
    let id = ws.inspection.waitlist_id();
    // Two versions: the choice instead of the fields.
    if conflicts::notice(ui, ws, Kind::Waitlist, &id, cmds) {
        return;
    }
    let current = match ws.record(&RecordRef::Waitlist) {
        Some(Record::Waitlist(w)) => w,
        _ => WaitlistData::default(),
    };
    let stored = [
        current.aantal.map(|n| n.to_string()).unwrap_or_default(),
        current.oudste.map(format_date_nl).unwrap_or_default(),
        current.peildatum.map(format_date_nl).unwrap_or_default(),
    ];
    // What is typed belongs to this onderzoek: another file opened in the same session never
    // shows its values here (a new onderzoek starts with empty fields).
    let key = egui::Id::unique(("wachtlijst-invoer", ws.inspection.id));
    let mut inputs: [String; 3] = ui.data_mut(|d| {
        d.get_temp::<[String; 3]>(key)
            .unwrap_or_else(|| stored.clone())
    });
    // One error per field: a refused input stays in its field with its reason until it is
    // corrected (or emptied); it is never silently dropped.
    let error_key = egui::Id::unique(("wachtlijst-fouten", ws.inspection.id));
    let mut errors: [Option<String>; 3] =
        ui.data_mut(|d| d.get_temp(error_key).unwrap_or_default());
    let mut updated: Option<WaitlistData> = None;
    let labels = [
        "Aantal wachtend",
        "Oudste melding (dd-mm-jjjj)",
        "Peildatum (dd-mm-jjjj)",
    ];
    let peildatum_hint = ws.inspection.peildatum().map_or_else(
        || "bijv. de eerste bezoekdag".to_string(),
        |d| format!("bijv. {}", format_date_nl(d)),
    );
    egui::Grid::new("wachtlijst").num_columns(3).show(ui, |ui| {
        for (i, label) in labels.iter().enumerate() {
            let l = ui.label(*label);
            let hint = match i {
                0 => "aantal".to_string(),
                1 => "dd-mm-jjjj".to_string(),
                _ => peildatum_hint.clone(),
            };
            let response = ui
                .add(
                    egui::TextEdit::singleline(&mut inputs[i])
                        .desired_width(160.0)
                        .hint_text(hint),
                )
                .labelled_by(l.id);
            if !response.has_focus() && !response.lost_focus() && errors[i].is_none() {
                // Not being edited: follow the stored value (it may change elsewhere).
                inputs[i] = stored[i].clone();
            }
            if response.lost_focus() {
                let text = inputs[i].trim();
                let mut data = updated.clone().unwrap_or_else(|| current.clone());
                let parsed: Result<(), String> = match i {
                    0 if text.is_empty() => {
                        data.aantal = None;
                        Ok(())
                    }
                    0 => text
                        .parse::<u32>()
                        .map(|n| data.aantal = Some(n))
                        .map_err(|_| {
                            format!(
                                "'{text}' is geen aantal; typ een heel getal (of laat het leeg)"
                            )
                        }),
                    _ => {
                        let date = if text.is_empty() {
                            Ok(None)
                        } else {
                            parse_date_input(text).map(Some)
                        };
                        date.map(|d| {
                            inputs[i] = d.map(format_date_nl).unwrap_or_default();
                            if i == 1 {
                                data.oudste = d;
                            } else {
                                data.peildatum = d;
                            }
                        })
                    }
                };
                match parsed {
                    Ok(()) => {
                        errors[i] = None;
                        if data != current {
                            updated = Some(data);
                        }
                    }
                    Err(e) => errors[i] = Some(format!("{e} — niet opgeslagen")),
                }
            }
            match &errors[i] {
                Some(e) => {
                    ui.label(RichText::new(format!("⚠ {e}")).color(RED));
                }
                None => {
                    ui.label("");
                }
            }
            ui.end_row();
        }
    });
    for (i, label) in labels.iter().enumerate() {
        let name = format!("wachtlijst: {}", label.split(" (").next().unwrap_or(label));
        if errors[i].is_some() {
            ws.invalid_inputs.insert(name);
        } else {
            ws.invalid_inputs.remove(&name);
        }
    }
    ui.data_mut(|d| {
        d.insert_temp(key, inputs);
        d.insert_temp(error_key, errors);
    });
    if let Some(data) = updated {
        // Only the fields that were left with a new value: each is changed against the record
        // as it is when the command is applied.
        let changes: Vec<FieldChange> = [
            (
                "aantal",
                Value::Count(data.aantal),
                data.aantal != current.aantal,
            ),
            (
                "oudste",
                Value::Date(data.oudste),
                data.oudste != current.oudste,
            ),
            (
                "peildatum",
                Value::Date(data.peildatum),
                data.peildatum != current.peildatum,
            ),
        ]
        .into_iter()
        .filter(|(_, _, changed)| *changed)
        .map(|(field, value, _)| FieldChange::Set { field, value })
        .collect();
        cmds.push(Command::Edit(Edit {
            record: RecordRef::Waitlist,
            changes,
        }));
    }
    widgets::draft_field(
        ui,
        ws,
        DraftTarget::WaitlistNote,
        "Toelichting wachtlijst",
        false,
        cmds,
    );
}

pub fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let cut: String = text.chars().take(max - 1).collect();
        format!("{cut}…")
    }
}
