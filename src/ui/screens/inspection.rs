//! The frame around an open inspection: navigation bar, status bar (save indicator), the current
//! screen, and the flitsinterview dialog on top. [`Screens`] holds which screen is shown and the
//! UI state each screen owns; [`apply`] applies the commands that concern the open inspection.

use eframe::egui::{self, RichText, Ui};

use crate::domain::inspection::Kind;
use crate::ui::commands::Command;
use crate::ui::types::{FilePurpose, Screen};
use crate::ui::widgets::{self, GREEN, GREY, RED};
use crate::ui::worker::{Jobs, SaveState};
use crate::ui::workspace::{Refused, Workspace};

use super::{
    conflicts, criterion, documents, dossiers, expectation, flash, interviews, overview, wederhoor,
};

/// The screens of an open inspection: which one is shown and each one's own UI state. Lives next
/// to the [`Workspace`] (which keeps the model, the store and the drafts).
pub struct Screens {
    /// The screen shown.
    pub current: Screen,
    pub interviews: interviews::InterviewsState,
    pub dossiers: dossiers::DossiersState,
    pub expectation: expectation::ExpectationState,
    pub conflicts: conflicts::ConflictsState,
    pub wederhoor: wederhoor::WederhoorState,
    /// The flitsinterview dialog, over any screen.
    pub flash: flash::FlashState,
}

impl Screens {
    /// The screens of an inspection just opened, on the Overzicht; a flitsinterview dialog that
    /// was open when the app stopped comes back with what was typed in it.
    pub fn new(ws: &mut Workspace) -> Screens {
        Screens {
            current: Screen::Overzicht,
            interviews: Default::default(),
            dossiers: Default::default(),
            expectation: Default::default(),
            conflicts: Default::default(),
            wederhoor: Default::default(),
            flash: flash::restore(ws),
        }
    }

    /// Opens the Conflicten screen on one record (its conflict, or the duplicate number it is
    /// one of), remembering where the user came from.
    pub fn show_conflict(&mut self, ws: &Workspace, kind: Kind, entity: &str) {
        self.conflicts.open_on(ws, kind, entity, self.current);
        self.current = Screen::Conflicten;
    }

    /// After an edit: one refused because the record has two versions opens the choice (the
    /// workspace's notice says why); other refusals are in the notice already.
    fn refused(&mut self, ws: &Workspace, result: Result<(), Refused>) {
        if let Err(Refused::Conflicted(kind, entity)) = result {
            self.show_conflict(ws, kind, &entity);
        }
    }
}

pub fn show(
    ui: &mut Ui,
    ws: &mut Workspace,
    screens: &mut Screens,
    jobs: &Jobs,
    cmds: &mut Vec<Command>,
) {
    let _ = jobs;
    egui::Panel::top("navigatie").show(ui, |ui| {
        ui.add_space(4.0);
        // First row: the organisation and the actions; second row: the screens. Two rows, so
        // nothing overlaps in a narrow window.
        ui.horizontal(|ui| {
            ui.label(
                RichText::new(ws.inspection.organisatie())
                    .strong()
                    .size(17.0),
            );
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui.button("Sluiten").clicked() {
                    cmds.push(Command::CloseInspection);
                }
                ui.menu_button("Rapport…", |ui| {
                    if ui
                        .button("Conceptrapport (PDF) voor hoor en wederhoor…")
                        .clicked()
                    {
                        cmds.push(Command::ShowChooser(FilePurpose::ExportPdf {
                            concept: true,
                        }));
                    }
                    if ui.button("Definitief rapport (PDF)…").clicked() {
                        cmds.push(Command::ShowChooser(FilePurpose::ExportPdf {
                            concept: false,
                        }));
                    }
                });
                let writable = !ws.read_only;
                if ui
                    .add_enabled(writable, egui::Button::new("Samenvoegen…"))
                    .on_hover_text(
                        "De bestanden van collega's van dit onderzoek hierin samenvoegen",
                    )
                    .clicked()
                {
                    cmds.push(Command::ShowChooser(FilePurpose::Merge));
                }
                if ui
                    .add_enabled(writable, egui::Button::new("+ Flitsinterview"))
                    .on_hover_text("Ctrl+Shift+F, vanaf elk scherm")
                    .clicked()
                {
                    cmds.push(Command::OpenFlash);
                }
            });
        });
        ui.horizontal_wrapped(|ui| {
            for screen in Screen::ALL {
                let selected = screens.current == screen;
                let response = ui
                    .selectable_label(selected, screen.title())
                    .on_hover_text(format!("{} ({:?})", screen.title(), screen.key()));
                if response.clicked() {
                    cmds.push(Command::Goto(screen));
                }
            }
            conflicts::nav_entry(ui, ws, screens.current, cmds);
        });
        ui.add_space(4.0);
    });

    egui::Panel::bottom("status").show(ui, |ui| {
        ui.horizontal(|ui| {
            save_indicator(ui, ws, cmds);
            conflicts::status_warning(ui, ws, cmds);
            let refused: Vec<String> = ws.invalid_inputs.iter().cloned().collect();
            if !refused.is_empty() {
                ui.separator();
                ui.label(
                    RichText::new(format!(
                        "⚠ ongeldige invoer is NIET opgeslagen: {}",
                        refused.join(", ")
                    ))
                    .color(RED)
                    .strong(),
                );
            }
            ui.separator();
            widgets::muted(
                ui,
                format!(
                    "{} · {} · {}",
                    ws.inspector(),
                    ws.inspection.framework.title,
                    ws.path.display()
                ),
            );
        });
    });

    if ws.read_only {
        egui::Panel::top("alleen-lezen").show(ui, |ui| {
            ui.label(
                RichText::new(
                    "🔒 Alleen-lezen: dit bestand kan hier niet worden gewijzigd (schrijfbeveiligd of op een alleen-lezen plek). U kunt alles lezen en een rapport maken. Kopieer het bestand naar een schrijfbare map om te bewerken.",
                )
                .strong(),
            );
        });
    }

    if let Some(last) = ws.last_delete.clone() {
        egui::Panel::top("ongedaan-maken").show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.label(format!(
                    "Verwijderd: {}. Het blijft in de historie bewaard.",
                    last.what
                ));
                if ui.button("Ongedaan maken").clicked() {
                    cmds.push(Command::UndoDelete);
                }
                if ui.button("Melding verbergen").clicked() {
                    ws.last_delete = None;
                }
            });
        });
    }

    if let Some(notice) = ws.notice.clone() {
        egui::Panel::top("melding").show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                ui.label(notice);
                if ui.button("Begrepen").clicked() {
                    ws.notice = None;
                }
            });
        });
    }

    egui::CentralPanel::default().show(ui, |ui| {
        if ws.read_only {
            ui.disable();
        }
        screen(ui, ws, screens, cmds);
    });

    if screens.flash.open {
        flash::dialog(ui.ctx(), ws, &mut screens.flash, cmds);
    }
}

fn screen(ui: &mut Ui, ws: &mut Workspace, screens: &mut Screens, cmds: &mut Vec<Command>) {
    match screens.current {
        Screen::Overzicht => overview::show(ui, ws, cmds),
        Screen::Interviews => interviews::show(ui, ws, &mut screens.interviews, cmds),
        Screen::Flitsinterviews => flash::list(ui, ws, cmds),
        Screen::Dossiers => dossiers::show(ui, ws, &mut screens.dossiers, cmds),
        Screen::Documenten => documents::show(ui, ws, cmds),
        Screen::Verwachtingen => {
            let keys = !screens.flash.open;
            expectation::show(ui, ws, &mut screens.expectation, keys, cmds);
        }
        Screen::Conflicten => conflicts::show(ui, ws, &mut screens.conflicts, cmds),
        Screen::Wederhoor => wederhoor::show(ui, ws, &mut screens.wederhoor, cmds),
    }
}

fn save_indicator(ui: &mut Ui, ws: &Workspace, cmds: &mut Vec<Command>) {
    if ws.read_only {
        ui.label(RichText::new("🔒 alleen-lezen").color(GREY));
        return;
    }
    match &ws.store.state {
        Some(SaveState::Failing { error, waiting, .. }) if ws.store.pending() => {
            let what = if *waiting == 0 {
                "getypte tekst".to_string()
            } else if *waiting == 1 {
                "1 wijziging".to_string()
            } else {
                format!("{waiting} wijzigingen")
            };
            ui.label(
                RichText::new(format!("⚠ {what} NIET opgeslagen: {error}"))
                    .color(RED)
                    .strong(),
            );
            if ui.button("Opnieuw proberen").clicked() {
                cmds.push(Command::RetrySave);
            }
            if ui.button("Opslaan als…").clicked() {
                cmds.push(Command::ShowChooser(FilePurpose::SaveCopy));
            }
        }
        _ if ws.store.pending() || !ws.drafts_durable() => {
            ui.label(RichText::new("opslaan…").color(GREY));
        }
        _ if ws.has_dirty_drafts() => {
            // The text is on disk as a draft; it becomes a revision when typing pauses.
            ui.label(RichText::new("✔ opgeslagen (concept)").color(GREEN));
        }
        Some(SaveState::Saved { .. }) => {
            ui.label(RichText::new("✔ opgeslagen").color(GREEN));
        }
        _ => {
            ui.label(RichText::new("✔ alles staat op schijf").color(GREY));
        }
    }
}

/// Applies a command that concerns the open inspection.
pub fn apply(ws: &mut Workspace, screens: &mut Screens, cmd: Command) {
    match cmd {
        Command::Goto(screen) => {
            ws.commit_all_drafts();
            // Arriving at Conflicten through the navigation: no way back to offer.
            screens.conflicts.return_to = None;
            screens.conflicts.message = None;
            screens.current = screen;
        }
        Command::ShowExpectation(index) => {
            ws.commit_all_drafts();
            screens.expectation.index = index;
            screens.expectation.criterion = None;
            screens.current = Screen::Verwachtingen;
        }
        Command::ShowCriterion(id) => {
            ws.commit_all_drafts();
            // Back from the criterium (Alt+Omlaag) lands on the verwachting that led here, or
            // on the criterium's first.
            let fw = &ws.inspection.framework;
            let index = screens.expectation.index;
            let within = index < fw.expectations().len() && fw.criterion_of(index).id == id;
            if !within && let Some(first) = criterion::first_of_criterion(fw, &id) {
                screens.expectation.index = first;
            }
            screens.expectation.criterion = Some(id);
            screens.current = Screen::Verwachtingen;
        }
        Command::ShowRound(round) => screens.expectation.round = Some(round),
        Command::Edit(edit) => {
            let result = ws.update(&edit);
            screens.refused(ws, result);
        }
        Command::Delete { kind, entity } => {
            let result = ws.delete(kind, &entity);
            screens.refused(ws, result);
        }
        Command::Restore { kind, entity } => {
            let result = ws.restore(kind, &entity);
            screens.refused(ws, result);
        }
        Command::UndoDelete => {
            let result = ws.undo_delete();
            screens.refused(ws, result);
        }
        Command::CommitDraft(target) => ws.commit_draft(&target),
        Command::NewInterview(rol) => {
            ws.commit_all_drafts();
            interviews::add(ws, &mut screens.interviews, &rol, jiff::Zoned::now().date());
        }
        Command::NewDossier { nummer, gericht } => {
            dossiers::add(ws, &mut screens.dossiers, nummer, gericht);
        }
        Command::OpenFlash => flash::open(ws, &mut screens.flash),
        Command::EditFlash(id) => {
            let result = flash::edit(ws, &mut screens.flash, &id);
            screens.refused(ws, result);
        }
        Command::SaveFlash => {
            let result = flash::save(ws, &mut screens.flash);
            screens.refused(ws, result);
        }
        Command::DiscardFlash => flash::discard(ws, &mut screens.flash),
        Command::ShowConflict { kind, entity } => {
            ws.commit_all_drafts();
            screens.conflicts.message = None;
            screens.show_conflict(ws, kind, &entity);
        }
        cmd
        @ (Command::Resolve { .. } | Command::MergeDuplicate { .. } | Command::Rekey { .. }) => {
            conflicts::apply(ws, &mut screens.conflicts, cmd);
        }
        Command::Wederhoor(step) => wederhoor::apply(ws, &mut screens.wederhoor, step),
        Command::RetrySave => ws.store.retry(),
        Command::CancelClose => ws.closing = None,
        _ => {}
    }
}
