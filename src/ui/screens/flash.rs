//! Flitsinterviews: a dialog reachable from anywhere with Ctrl+Shift+F, built for speed with the
//! keyboard only (type the function, Tab, type the answers, Ctrl+Enter saves, Esc cancels), and
//! the list of logged flitsinterviews.

use std::collections::BTreeMap;

use eframe::egui::{self, Key, KeyboardShortcut, Modifiers, RichText, Ui};
use uuid::Uuid;

use crate::domain::inspection::{FlashData, Record};
use crate::ui::commands::Command;
use crate::ui::widgets::{self, RED};
use crate::ui::workspace::{DraftTarget, FlashUi, Workspace};

/// Ctrl+Enter saves the dialog.
pub const SAVE_SHORTCUT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Enter);

pub fn open(ws: &mut Workspace) {
    if !ws.flash.open {
        ws.flash = FlashUi {
            open: true,
            focus_first: true,
            ..FlashUi::default()
        };
    }
}

/// Saves the dialog's flitsinterview (if a function is given) and closes the dialog.
pub fn save(ws: &mut Workspace) {
    let f = &ws.flash;
    if f.functie.trim().is_empty() {
        return;
    }
    let data = FlashData {
        functie: f.functie.trim().to_string(),
        tijdstip: Some(
            jiff::Zoned::now()
                .datetime()
                .round(jiff::Unit::Minute)
                .unwrap_or_else(|_| jiff::Zoned::now().datetime()),
        ),
        antwoorden: f
            .answers
            .iter()
            .filter(|(_, a)| !a.trim().is_empty())
            .map(|(q, a)| (q.clone(), a.trim().to_string()))
            .collect(),
        tags: f.tags.clone(),
        notitie: f.notitie.trim().to_string(),
    };
    ws.edit(&Uuid::now_v7().to_string(), Record::Flash(data));
    ws.flash = FlashUi::default();
}

pub fn dialog(ctx: &egui::Context, ws: &mut Workspace, cmds: &mut Vec<Command>) {
    let questions = ws.inspection.framework.sources.flash_questions.clone();
    let f = &mut ws.flash;
    egui::Modal::new(egui::Id::unique("flitsinterview")).show(ctx, |ui| {
        ui.set_width(620.0);
        ui.label(RichText::new("Flitsinterview").heading().strong());
        widgets::muted(
            ui,
            "Tab naar het volgende veld · Ctrl+Enter opslaan · Esc annuleren",
        );
        ui.add_space(6.0);
        let l = ui.label("Functie van de gesprekspartner (geen naam):");
        let functie = ui
            .add(egui::TextEdit::singleline(&mut f.functie).desired_width(f32::INFINITY))
            .labelled_by(l.id);
        if f.focus_first {
            functie.request_focus();
            f.focus_first = false;
        }
        egui::ScrollArea::vertical()
            .max_height(420.0)
            .show(ui, |ui| {
                for q in &questions {
                    ui.add_space(4.0);
                    let l = ui.label(RichText::new(&q.text).strong());
                    let answer = f.answers.entry(q.id.clone()).or_default();
                    ui.add(egui::TextEdit::singleline(answer).desired_width(f32::INFINITY))
                        .labelled_by(l.id);
                    for e in &q.expectations {
                        if let Some(tag) = widgets::tag_selector(ui, e, f.tags.get(e).copied()) {
                            match tag {
                                Some(t) => f.tags.insert(e.clone(), t),
                                None => f.tags.remove(e),
                            };
                        }
                    }
                }
                ui.add_space(4.0);
                let l = ui.label("Notitie");
                ui.add(
                    egui::TextEdit::multiline(&mut f.notitie)
                        .desired_rows(2)
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(l.id);
            });
        ui.add_space(6.0);
        let missing = f.functie.trim().is_empty();
        if missing {
            ui.label(RichText::new("Vul de functie in om op te slaan.").color(RED));
        }
        ui.horizontal(|ui| {
            let save = ui.add_enabled(!missing, egui::Button::new("Opslaan (Ctrl+Enter)"));
            let shortcut = ui.input_mut(|i| i.consume_shortcut(&SAVE_SHORTCUT));
            if save.clicked() || (shortcut && !missing) {
                cmds.push(Command::SaveFlash);
            }
            if ui.button("Annuleren (Esc)").clicked() || ui.input(|i| i.key_pressed(Key::Escape)) {
                cmds.push(Command::CloseFlash);
            }
        });
    });
}

pub fn list(ui: &mut Ui, ws: &mut Workspace, cmds: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        ui.label(RichText::new("Flitsinterviews").size(20.0).strong());
        if ui.button("+ Nieuw flitsinterview (Ctrl+Shift+F)").clicked() {
            cmds.push(Command::OpenFlash);
        }
    });
    let questions: BTreeMap<String, String> = ws
        .inspection
        .framework
        .sources
        .flash_questions
        .iter()
        .map(|q| (q.id.clone(), q.text.clone()))
        .collect();
    let mut flashes: Vec<_> = ws
        .inspection
        .flashes
        .current()
        .map(|f| (f.meta.entity.clone(), f.data.clone(), f.meta.author))
        .collect();
    flashes.sort_by_key(|f| std::cmp::Reverse(f.1.tijdstip));
    if flashes.is_empty() {
        widgets::muted(
            ui,
            "Nog geen flitsinterviews. Druk Ctrl+Shift+F, waar u ook bent.",
        );
    }
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for (id, data, author) in flashes {
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    ui.horizontal(|ui| {
                        ui.label(RichText::new(&data.functie).strong());
                        widgets::muted(
                            ui,
                            format!(
                                "{} · {}",
                                data.tijdstip
                                    .map(|t| format!(
                                        "{} {:02}:{:02}",
                                        crate::domain::termijn::format_date_nl(t.date()),
                                        t.hour(),
                                        t.minute()
                                    ))
                                    .unwrap_or_default(),
                                ws.inspection.inspector_name(author)
                            ),
                        );
                        if ui.small_button("Verwijderen").clicked() {
                            cmds.push(Command::Delete {
                                entity: id.clone(),
                                record: Record::Flash(data.clone()),
                            });
                        }
                    });
                    for (q, a) in &data.antwoorden {
                        ui.label(format!(
                            "{}: {a}",
                            questions.get(q).map_or(q.as_str(), String::as_str)
                        ));
                    }
                    if !data.tags.is_empty() {
                        let tags: Vec<String> =
                            data.tags.iter().map(|(e, t)| format!("{e} {t}")).collect();
                        widgets::muted(ui, tags.join(" · "));
                    }
                    widgets::draft_field(
                        ui,
                        ws,
                        DraftTarget::FlashNote(id.clone()),
                        "Notitie",
                        false,
                        cmds,
                    );
                });
            }
        });
}
