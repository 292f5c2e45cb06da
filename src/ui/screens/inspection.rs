//! The frame around an open inspection: navigation bar, status bar (save indicator), the current
//! screen, and the flitsinterview dialog on top. [`Screens`] holds which screen is shown and the
//! UI state each screen owns; [`apply`] applies the commands that concern the open inspection.

use eframe::egui::{self, RichText, Ui};

use crate::domain::inspection::Kind;
use crate::domain::kader::Measure;
use crate::domain::scoring::Tone;
use crate::ui::commands::Command;
use crate::ui::shortcuts;
use crate::ui::types::{FilePurpose, Screen, count};
use crate::ui::widgets::{self, GREEN, GREY, RED, verdict_color};
use crate::ui::worker::{Jobs, SaveState};
use crate::ui::workspace::{Refused, Workspace};

use super::{
    conflicts, criterion, details, documents, dossiers, expectation, flash, interviews, overview,
    wederhoor,
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
    /// The onderzoek's details form (on the Overzicht).
    pub details: details::DetailsState,
    /// Edits made before the inspector's name was known: applied once it is given.
    pub held: Vec<Command>,
    /// The name typed in the dialog that asks for it.
    pub name_input: String,
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
            details: Default::default(),
            held: Vec::new(),
            name_input: String::new(),
        }
    }

    /// Writes what is typed in fields that are not drafts (the organisatie), before the screen
    /// changes or the inspection closes.
    pub fn flush_inputs(&mut self, ws: &mut Workspace) {
        self.details.flush(ws);
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
        widgets::region(ui, "Onderzoek, eindoordeel en schermen");
        ui.add_space(4.0);
        // First row: the organisation, the eindoordeel in sight and the actions; second row: the
        // screens. Two rows, so nothing overlaps in a narrow window. Both are laid out, and
        // reached with Tab, from left to right (reading order).
        top_row(ui, ws, cmds);
        screen_tabs(ui, ws, screens.current, cmds);
        ui.add_space(4.0);
    });

    egui::Panel::bottom("status").show(ui, |ui| {
        widgets::region(ui, "Statusbalk");
        ui.horizontal(|ui| {
            save_indicator(ui, ws, cmds);
            conflicts::status_warning(ui, ws, cmds);
            let refused: Vec<String> = ws.invalid_inputs.iter().cloned().collect();
            if !refused.is_empty() {
                ui.separator();
                let words = format!(
                    "ongeldige invoer is NIET opgeslagen: {}",
                    refused.join(", ")
                );
                widgets::spoken_label(
                    ui,
                    RichText::new(format!("⚠ {words}")).color(RED).strong(),
                    &words,
                );
            }
            ui.separator();
            let who = if ws.inspector().is_empty() {
                "naam nog niet opgegeven"
            } else {
                ws.inspector()
            };
            widgets::muted(
                ui,
                format!(
                    "{} · {} · {}",
                    who,
                    ws.inspection.framework.title,
                    ws.path.display()
                ),
            );
            if ws.encrypted() {
                ui.separator();
                widgets::spoken_label(
                    ui,
                    RichText::new("versleuteld").color(GREY),
                    "bestand versleuteld",
                )
                .on_hover_text("Dit onderzoeksbestand is versleuteld: het opent alleen met het wachtwoord. Een rapport (PDF) is niet versleuteld.");
            }
        });
    });

    if ws.read_only {
        egui::Panel::top("alleen-lezen").show(ui, |ui| {
            let words = "Alleen-lezen: dit bestand kan hier niet worden gewijzigd (schrijfbeveiligd of op een alleen-lezen plek). U kunt alles lezen en een rapport maken. Kopieer het bestand naar een schrijfbare map om te bewerken.";
            widgets::spoken_label(ui, RichText::new(format!("🔒 {words}")).strong(), words);
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
        // The screen shown is the panel of the selected tab.
        let panel = egui::UiBuilder::new()
            .id_salt("scherm")
            .accessibility_role(egui::accesskit::Role::TabPanel)
            .accessibility_label(screens.current.title());
        ui.scope_builder(panel, |ui| screen(ui, ws, screens, cmds));
    });

    if screens.flash.open {
        flash::dialog(ui.ctx(), ws, &mut screens.flash, cmds);
    }
    if ws.needs_name() && ws.name_wanted {
        name_dialog(ui.ctx(), screens, cmds);
    }
}

/// The first row: the organisation and the eindoordeel on the left, the actions on the right.
/// Both sides are laid out left to right, the left one first, so Tab goes through the row in
/// reading order (egui's `Sides` adds the right side first, right to left). The width the
/// actions take is measured and kept, so they line up with the right edge.
fn top_row(ui: &mut Ui, ws: &Workspace, cmds: &mut Vec<Command>) {
    let key = egui::Id::unique("veldtoets-acties-breedte");
    let width: f32 = ui.data(|d| d.get_temp(key)).unwrap_or(420.0);
    let gap = 16.0;
    ui.horizontal(|ui| {
        let row = ui.available_rect_before_wrap();
        let left = egui::Rect::from_min_size(
            row.min,
            egui::vec2((row.width() - width - gap).max(0.0), row.height()),
        );
        ui.scope_builder(
            egui::UiBuilder::new()
                .max_rect(left)
                .layout(egui::Layout::left_to_right(egui::Align::Center)),
            |ui| {
                ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
                ui.label(
                    RichText::new(ws.inspection.organisatie())
                        .strong()
                        .size(17.0),
                );
                ui.add_space(8.0);
                verdict_header(ui, ws, cmds);
            },
        );
        let right = egui::Rect::from_min_max(
            egui::pos2((row.right() - width).max(left.right()), row.top()),
            row.right_bottom(),
        );
        let used = ui
            .scope_builder(
                egui::UiBuilder::new()
                    .max_rect(right)
                    .layout(egui::Layout::left_to_right(egui::Align::Center)),
                |ui| actions(ui, ws, cmds),
            )
            .response
            .rect
            .width();
        if (used - width).abs() > 0.5 {
            ui.data_mut(|d| d.insert_temp(key, used));
            ui.ctx()
                .request_discard("de breedte van de knoppen rechtsboven");
        }
    });
}

/// The screens as tabs (a screen reader hears "tab, geselecteerd"), with their function keys.
fn screen_tabs(ui: &mut Ui, ws: &Workspace, current: Screen, cmds: &mut Vec<Command>) {
    let builder = egui::UiBuilder::new()
        // Aligned at the top: a centred row would sit in the middle of all the height there is.
        .layout(egui::Layout::left_to_right(egui::Align::Min).with_main_wrap(true))
        .accessibility_role(egui::accesskit::Role::TabList)
        .accessibility_label("Schermen");
    ui.scope_builder(builder, |ui| {
        for screen in Screen::ALL {
            let key = shortcuts::key_name(screen.key());
            let response = widgets::tab(ui, current == screen, RichText::new(screen.title()), &key)
                .on_hover_text(format!("{} ({key})", screen.title()));
            if response.clicked() {
                cmds.push(Command::Goto(screen));
            }
        }
        conflicts::nav_entry(ui, ws, current, cmds);
    });
}

/// The actions on the right of the first row, left to right.
fn actions(ui: &mut Ui, ws: &Workspace, cmds: &mut Vec<Command>) {
    let writable = !ws.read_only;
    if ui
        .add_enabled(writable, egui::Button::new("+ Flitsinterview"))
        .on_hover_text("Ctrl+Shift+F, vanaf elk scherm")
        .clicked()
    {
        cmds.push(Command::OpenFlash);
    }
    if ui
        .add_enabled(writable, egui::Button::new("Samenvoegen…"))
        .on_hover_text("De bestanden van collega's van dit onderzoek hierin samenvoegen")
        .clicked()
    {
        cmds.push(Command::ShowChooser(FilePurpose::Merge));
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
    let help = ui
        .button("Sneltoetsen")
        .on_hover_text("Alle sneltoetsen per scherm (? of Shift+F1)");
    help.ctx.accesskit_node_builder(help.id, |node| {
        node.set_keyboard_shortcut("? Shift+F1");
    });
    if help.clicked() {
        cmds.push(Command::ToggleShortcuts);
    }
    if ui.button("Sluiten").clicked() {
        cmds.push(Command::CloseInspection);
    }
}

/// The eindoordeel in sight on every screen: what may be claimed (`scoring::headline`, computed
/// once per change in the workspace), the counts, the progress and what is still open. Only a
/// real verdict gets a verdict colour; before the first oordeel it says "nog geen oordeel".
/// Where the inspecteur chooses the eindoordeel (`maat = "keuze"`) nothing is counted towards
/// it: the header says what was chosen ("Eindoordeel: KWETSBAAR") or "Eindoordeel: nog geen
/// eindoordeel", in the headline's words, without a progress bar or counts ("0/0" would mean
/// nothing).
fn verdict_header(ui: &mut Ui, ws: &Workspace, cmds: &mut Vec<Command>) {
    let headline = &ws.derived.headline;
    let s = &ws.derived.score;
    let color = match headline.tone {
        Tone::Neutral => GREY,
        Tone::Verdict(v) => verdict_color(v),
    };
    let verdict = ui
        .add(
            egui::Button::new(
                RichText::new(format!("Eindoordeel: {}", headline.text))
                    .strong()
                    .color(color),
            )
            .frame(false),
        )
        .on_hover_text(format!("{}. {} (Overzicht, F1)", headline.progress, s.rule));
    if verdict.clicked() {
        cmds.push(Command::Goto(Screen::Overzicht));
    }
    let open = ws.derived.to_resolve();
    if open > 0 {
        let words = count(open as u64, "open conflict", "open conflicten");
        // Heard in words, without the warning sign's name.
        if ui
            .add(
                egui::Button::new(RichText::new(format!("⚠ {words}")).color(RED).strong())
                    .frame(false),
            )
            .on_hover_text("Tot een conflict is opgelost telt het niet mee (Conflicten, F7)")
            .accessible_name(words)
            .clicked()
        {
            cmds.push(Command::Goto(Screen::Conflicten));
        }
    }
    if ws.inspection.framework.rules.measure == Measure::Choice {
        // Nothing is counted towards a chosen eindoordeel: the verdict above is all there is.
        return;
    }
    let scored = s.scored();
    let judged = s.judged();
    let share = if scored == 0 {
        0.0
    } else {
        judged as f32 / scored as f32
    };
    ui.add(
        egui::ProgressBar::new(share)
            .desired_width(56.0)
            .desired_height(10.0),
    );
    let deductions = (ws.inspection.framework.rules.measure == Measure::Deductions)
        .then(|| count(s.deductions, "aftrekpunt", "aftrekpunten"));
    let with = |parts: Vec<String>| {
        parts
            .into_iter()
            .chain(deductions.clone())
            .collect::<Vec<_>>()
            .join(" · ")
    };
    // The counts as fully as the width allows; a screen reader always hears the full line.
    let full = with(vec![
        format!("{judged} van {scored} beoordeeld"),
        format!("{} voldoende", s.met),
        format!("{} onvoldoende", s.not_met),
    ]);
    let candidates = [
        full.clone(),
        with(vec![
            format!("{judged}/{scored} beoordeeld"),
            format!("{} onvoldoende", s.not_met),
        ]),
        with(vec![format!("{judged}/{scored}")]),
        format!("{judged}/{scored}"),
    ];
    let room = ui.available_width();
    let font = egui::TextStyle::Body.resolve(ui.style());
    let shown = candidates
        .iter()
        .find(|c| {
            ui.fonts_mut(|f| f.layout_no_wrap(c.to_string(), font.clone(), GREY))
                .size()
                .x
                <= room
        })
        .unwrap_or(&candidates[3]);
    let counts = ui
        .label(RichText::new(shown).color(GREY))
        .on_hover_text(&full);
    counts.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &full));
}

/// Whether the name dialog has put the focus in its field (once per time it is shown).
pub fn name_asked() -> egui::Id {
    egui::Id::unique("veldtoets-naam-gevraagd")
}

/// Asks the inspector's name before the first edit (once: it is kept in the preferences). What
/// waited for it is written as soon as it is given.
fn name_dialog(ctx: &egui::Context, screens: &mut Screens, cmds: &mut Vec<Command>) {
    egui::Modal::new(egui::Id::unique("veldtoets-naam")).show(ctx, |ui| {
        ui.set_max_width(480.0);
        ui.label(RichText::new("Wie bent u?").heading().strong());
        ui.add_space(6.0);
        ui.label(
            "Voordat u iets wijzigt: uw wijzigingen worden onder uw naam vastgelegd in de historie van het onderzoek. Dit wordt één keer gevraagd; de naam staat daarna op het startscherm.",
        );
        ui.add_space(8.0);
        let l = ui.label("Uw naam (inspecteur):");
        let field = ui
            .add(
                egui::TextEdit::singleline(&mut screens.name_input)
                    .hint_text("bijv. M. de Vries")
                    .desired_width(320.0),
            )
            .labelled_by(l.id);
        // Focus the name once, when the question appears (typing goes on there).
        let asked = name_asked();
        if !ui.data(|d| d.get_temp::<bool>(asked).unwrap_or(false)) {
            field.request_focus();
            ui.data_mut(|d| d.insert_temp(asked, true));
        }
        let name = screens.name_input.trim().to_string();
        let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            let go = ui.add_enabled(!name.is_empty(), egui::Button::new("Naam vastleggen"));
            if (go.clicked() || enter) && !name.is_empty() {
                cmds.push(Command::SetInspector(name.clone()));
            }
            if ui
                .button("Niets wijzigen")
                .on_hover_text("Wat u net typte of koos wordt niet vastgelegd")
                .clicked()
            {
                cmds.push(Command::DeclineName);
            }
        });
    });
}

fn screen(ui: &mut Ui, ws: &mut Workspace, screens: &mut Screens, cmds: &mut Vec<Command>) {
    match screens.current {
        Screen::Overzicht => overview::show(ui, ws, &mut screens.details, cmds),
        Screen::Interviews => interviews::show(ui, ws, &mut screens.interviews, cmds),
        Screen::Flitsinterviews => flash::list(ui, ws, &mut screens.flash, cmds),
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

/// Whether what was done is on disk: a symbol and words on screen ("✔ opgeslagen"), the words
/// alone for a screen reader, which also hears the status change (a polite live region).
fn save_indicator(ui: &mut Ui, ws: &Workspace, cmds: &mut Vec<Command>) {
    let status = |ui: &mut Ui, symbol: &str, words: &str, color: egui::Color32| {
        let shown = if symbol.is_empty() {
            words.to_string()
        } else {
            format!("{symbol} {words}")
        };
        let mut text = RichText::new(shown).color(color);
        if color == RED {
            text = text.strong();
        }
        let response = widgets::spoken_label(ui, text, words);
        response.ctx.accesskit_node_builder(response.id, |node| {
            node.set_live(egui::accesskit::Live::Polite);
        });
        response
    };
    if ws.read_only {
        status(ui, "🔒", "alleen-lezen", GREY);
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
            let words = format!("{what} NIET opgeslagen: {error}");
            status(ui, "⚠", &words, RED);
            if ui.button("Opnieuw proberen").clicked() {
                cmds.push(Command::RetrySave);
            }
            if ui.button("Opslaan als…").clicked() {
                cmds.push(Command::ShowChooser(FilePurpose::SaveCopy));
            }
        }
        _ if ws.store.pending() || !ws.drafts_durable() => {
            status(ui, "", "opslaan…", GREY);
        }
        _ if !ws.invalid_inputs.is_empty() => {
            // Never "opgeslagen" while a refused input is on screen (it is listed beside this).
            let words = "de overige wijzigingen staan op schijf";
            status(ui, "✔", words, GREY);
        }
        _ if ws.has_dirty_drafts() => {
            // The text is on disk as a draft; it becomes a revision when typing pauses.
            let words = "opgeslagen (concept)";
            status(ui, "✔", words, GREEN)
                .on_hover_text("De getypte tekst staat als concept op schijf; na een pauze in het typen wordt hij vastgelegd.");
        }
        Some(SaveState::Saved { .. }) => {
            status(ui, "✔", "opgeslagen", GREEN);
        }
        _ => {
            let words = "alles staat op schijf";
            status(ui, "✔", words, GREY);
        }
    }
}

/// Applies a command that concerns the open inspection.
/// Whether a command writes to the file under the inspector's name (held until the name is
/// known).
fn writes(cmd: &Command) -> bool {
    matches!(
        cmd,
        Command::Edit(_)
            | Command::Delete { .. }
            | Command::Restore { .. }
            | Command::UndoDelete
            | Command::NewInterview(_)
            | Command::NewDossier { .. }
            | Command::SaveFlash
            | Command::Resolve { .. }
            | Command::MergeDuplicate { .. }
            | Command::Rekey { .. }
            | Command::Wederhoor(_)
    )
}

pub fn apply(ws: &mut Workspace, screens: &mut Screens, cmd: Command) {
    if ws.needs_name() && writes(&cmd) {
        // Nothing is written under an unknown name: it waits, and the name is asked for.
        screens.held.push(cmd);
        ws.name_wanted = true;
        return;
    }
    if matches!(
        cmd,
        Command::Goto(_)
            | Command::ShowExpectation(_)
            | Command::ShowCriterion(_)
            | Command::ShowConflict { .. }
    ) {
        screens.flush_inputs(ws);
    }
    match cmd {
        Command::AddInspector(name) => {
            screens.details.team_message = Some(match ws.add_team_member(&name) {
                Ok(()) => {
                    screens.details.team_input.clear();
                    // The focus goes to the team, which now names the new member.
                    screens.details.team_focus = true;
                    (
                        format!("{} is toegevoegd aan het team.", name.trim()),
                        false,
                    )
                }
                Err(why) => (why, true),
            });
        }
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
        Command::OpenFlash => {
            flash::open(ws, &mut screens.flash);
            if screens.flash.open && ws.needs_name() {
                // Ask the name before the typing starts, not after its first key.
                ws.name_wanted = true;
            }
        }
        Command::EditFlash(id) => {
            let result = flash::edit(ws, &mut screens.flash, &id);
            screens.refused(ws, result);
        }
        Command::SaveFlash => {
            let result = flash::save(ws, &mut screens.flash);
            if screens.current != Screen::Flitsinterviews {
                // Saved from another screen: the focus stays there.
                screens.flash.saved = None;
            }
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
