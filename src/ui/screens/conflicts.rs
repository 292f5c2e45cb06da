//! Conflicten: every record whose versions disagree after a merge, of every kind, and resolving
//! them as an explicit act. On the left the list; on the right the selected record's versions
//! side by side (inspecteur, time, "verwijderd" for a deletion, then every field with the
//! differing ones highlighted). Per version "Deze versie kiezen"; for two live versions also a
//! combined version chosen field by field. Every choice is confirmed in one sentence first and
//! saved as one revision that replaces every version (they all stay in the history).
//!
//! Below the conflicts, "Dubbele nummers": dossiers with the same number (and free documents with
//! the same name) after a merge, side by side, to merge ("Samenvoegen", after showing what is
//! lost or combined) or to give one another number ("Hernummeren…").
//!
//! Other screens never resolve a conflict by editing: they show [`notice`] (or
//! [`inline_notice`]) instead of their edit widgets, and their shortcuts open this screen on the
//! record ([`Command::ShowConflict`]).

use eframe::egui::{self, Align, Layout, RichText, Ui};
use uuid::Uuid;

use crate::domain::duplicates::{Duplicate, normalize_key};
use crate::domain::inspection::{
    CheckAnswer, ConflictVersion, Field, FieldType, Kind, Record, RecordConflict, Stamp,
};
use crate::domain::kerndata::Quantity;
use crate::domain::termijn::{DateKind, format_date_nl};
use crate::ui::commands::Command;
use crate::ui::types::Screen;
use crate::ui::widgets::{self, AMBER, GREEN, GREY, RED, local_time};
use crate::ui::workspace::Workspace;

/// Width of the column with the field labels.
const LABEL_WIDTH: f32 = 170.0;

/// A resolution waiting for the user's confirmation, with the sentence saying what it does.
#[derive(Debug, Clone)]
pub struct PendingResolution {
    pub kind: Kind,
    pub entity: String,
    pub chosen: Uuid,
    pub combine: Option<(Uuid, Vec<&'static str>)>,
    pub sentence: String,
}

/// Merging two records with the same number, waiting for the user's confirmation: what it does
/// and what is lost or combined.
#[derive(Debug, Clone)]
pub struct PendingMerge {
    pub kind: Kind,
    pub keep: String,
    pub other: String,
    pub sentence: String,
    pub differences: Vec<String>,
}

/// The UI state of the Conflicten screen.
#[derive(Default)]
pub struct ConflictsState {
    /// The record whose versions are shown.
    pub selected: Option<(Kind, String)>,
    /// Or the group of duplicates shown: its kind and its key as compared (see
    /// `domain::duplicates::normalize_key`).
    pub duplicate: Option<(Kind, String)>,
    /// "Samenvoegen" asked, waiting for the confirmation.
    pub merge_confirm: Option<PendingMerge>,
    /// The record getting another number (or name), with the text typed so far.
    pub rekey: Option<(String, String)>,
    /// Put the keyboard focus in the new-number field once.
    pub rekey_focus: bool,
    /// For the combined version of the selected record: per choice (by its first field name),
    /// the index of the version whose value is taken (absent: the first version).
    pub take: std::collections::BTreeMap<&'static str, usize>,
    /// Asking "are you sure" before saving.
    pub confirm: Option<PendingResolution>,
    /// Put the keyboard focus on "Opslaan" once when the question appears.
    pub confirm_focus: bool,
    /// The screen the user came from to make a choice (offered as the way back).
    pub return_to: Option<Screen>,
    /// What the last resolution did (or why it could not be saved), and whether it failed.
    pub message: Option<(String, bool)>,
    /// Put the keyboard focus on the first choice once (after arriving from a shortcut).
    pub focus: bool,
    /// Put the keyboard focus on "Terug naar …" once (after a resolution).
    pub focus_back: bool,
}

impl ConflictsState {
    /// Shows one record (its conflict, or else the duplicate number it is one of), coming from
    /// screen `from` (offered as the way back).
    pub fn open_on(&mut self, ws: &Workspace, kind: Kind, entity: &str, from: Screen) {
        if from != Screen::Conflicten {
            self.return_to = Some(from);
        }
        match duplicate_of(ws, kind, entity) {
            // Not in conflict but one of a duplicate number: show that group.
            Some(d) if !ws.inspection.is_conflicted(kind, entity) => {
                self.select_duplicate(Some(duplicate_key(d)));
            }
            _ => self.select_conflict(Some((kind, entity.to_string()))),
        }
        self.focus = true;
    }

    /// Shows the versions of another record (a new combination).
    pub fn select_conflict(&mut self, selected: Option<(Kind, String)>) {
        if self.selected != selected {
            self.take.clear();
            self.confirm = None;
        }
        if selected.is_some() {
            self.select_duplicate(None);
        }
        self.selected = selected;
    }

    /// Shows a group of duplicates (by kind and compared key).
    pub fn select_duplicate(&mut self, duplicate: Option<(Kind, String)>) {
        if self.duplicate != duplicate {
            self.merge_confirm = None;
            self.rekey = None;
        }
        if duplicate.is_some() {
            self.take.clear();
            self.confirm = None;
            self.selected = None;
        }
        self.duplicate = duplicate;
    }
}

/// The entry in the navigation: "Conflicten (3)", only while there is something to resolve (or
/// the screen is open).
pub fn nav_entry(ui: &mut Ui, ws: &Workspace, current: Screen, cmds: &mut Vec<Command>) {
    let count = ws.derived.to_resolve();
    let open = current == Screen::Conflicten;
    if count == 0 && !open {
        return;
    }
    let mut text = RichText::new(format!("Conflicten ({count})"));
    if count > 0 {
        text = text.color(RED).strong();
    }
    let key = crate::ui::shortcuts::key_name(Screen::Conflicten.key());
    let response = widgets::tab(ui, open, text, &key).on_hover_text(format!(
        "Gegevens met twee versies: kies welke geldt ({key})"
    ));
    if response.clicked() {
        cmds.push(Command::Goto(Screen::Conflicten));
    }
}

/// The warning in the status bar while there are conflicts; a click opens the Conflicten screen.
pub fn status_warning(ui: &mut Ui, ws: &Workspace, cmds: &mut Vec<Command>) {
    let conflicts = ws.derived.record_conflicts.len();
    let duplicates = ws.derived.duplicates.len();
    if conflicts + duplicates == 0 {
        return;
    }
    ui.separator();
    let mut parts = Vec::new();
    match conflicts {
        0 => {}
        1 => parts.push("1 conflict".to_string()),
        n => parts.push(format!("{n} conflicten")),
    }
    match duplicates {
        0 => {}
        1 => parts.push("1 dubbel nummer".to_string()),
        n => parts.push(format!("{n} dubbele nummers")),
    }
    let text = if duplicates == 0 {
        format!("⚠ {}: kies welke versie geldt", parts.join(" en "))
    } else {
        format!("⚠ {}: kies wat geldt", parts.join(" en "))
    };
    let response = ui
        .add(egui::Button::new(RichText::new(text).color(RED).strong()).frame(false))
        .on_hover_text("Naar Conflicten (F7)");
    if response.clicked() {
        cmds.push(Command::Goto(Screen::Conflicten));
    }
}

/// The conflict of a record, if it has versions that disagree.
fn conflict<'a>(ws: &'a Workspace, kind: Kind, entity: &str) -> Option<&'a RecordConflict> {
    if !ws.inspection.is_conflicted(kind, entity) {
        return None;
    }
    ws.derived
        .record_conflicts
        .iter()
        .find(|c| c.kind == kind && c.entity == entity)
}

/// "Twee versies — kies eerst", or with three or more the number.
fn headline(c: &RecordConflict) -> String {
    match c.versions.len() {
        0..=2 => "⚠ Twee versies — kies eerst".to_string(),
        n => format!("⚠ {n} versies — kies eerst"),
    }
}

/// On another screen, in place of the edit widgets of a record in conflict: the notice, the
/// versions in short and the button that opens the choice. Returns whether the record is in
/// conflict (then the caller shows no edit widgets for it).
pub fn notice(
    ui: &mut Ui,
    ws: &Workspace,
    kind: Kind,
    entity: &str,
    cmds: &mut Vec<Command>,
) -> bool {
    let Some(c) = conflict(ws, kind, entity) else {
        return false;
    };
    egui::Frame::group(ui.style())
        .stroke(egui::Stroke::new(1.5, RED))
        .show(ui, |ui| {
            ui.label(RichText::new(headline(c)).color(RED).strong());
            widgets::muted(
                ui,
                "Na het samenvoegen zijn er versies die elkaar tegenspreken. Tot u kiest welke geldt, kan dit niet worden bewerkt en telt het niet mee.",
            );
            for v in &c.versions {
                ui.label(format!(
                    "· {} — {}, {}",
                    what_differs(ws, c, v),
                    ws.inspection.inspector_name(v.author),
                    local_time(v.at)
                ));
            }
            choose_button(ui, c, cmds);
        });
    true
}

/// The same in one line (a checklist item): "⚠ Twee versies — kies eerst: ja (E. Voorbeeld) /
/// nee (J. Proef)" and the button. Returns whether the record is in conflict.
pub fn inline_notice(
    ui: &mut Ui,
    ws: &Workspace,
    kind: Kind,
    entity: &str,
    cmds: &mut Vec<Command>,
) -> bool {
    let Some(c) = conflict(ws, kind, entity) else {
        return false;
    };
    ui.horizontal_wrapped(|ui| {
        ui.label(
            RichText::new(format!("{}:", headline(c)))
                .color(RED)
                .strong(),
        );
        let versions: Vec<String> = c
            .versions
            .iter()
            .map(|v| {
                format!(
                    "{} ({})",
                    what_differs(ws, c, v),
                    ws.inspection.inspector_name(v.author)
                )
            })
            .collect();
        ui.label(versions.join(" / "));
        choose_button(ui, c, cmds);
    });
    true
}

/// A version in short for a notice: the fields in which the versions differ, with their labels
/// ("triagebesluit 12-02-2026", "antwoord ja"), or "verwijderd".
fn what_differs(ws: &Workspace, c: &RecordConflict, v: &ConflictVersion) -> String {
    if v.deleted {
        return "verwijderd".to_string();
    }
    let parts: Vec<String> = c
        .kind
        .fields()
        .iter()
        .enumerate()
        .filter(|(i, _)| differs(&c.versions, *i))
        .filter_map(|(i, f)| {
            let value = shown_value(ws, c.kind, &c.entity, f.name, v.values.get(i)?);
            Some(format!("{} {}", f.label, short(&value, 60)))
        })
        .collect();
    if parts.is_empty() {
        summary(ws, c, v)
    } else {
        parts.join(", ")
    }
}

fn choose_button(ui: &mut Ui, c: &RecordConflict, cmds: &mut Vec<Command>) {
    if ui
        .button("Kies een versie…")
        .on_hover_text(format!(
            "De versies van {} naast elkaar (Conflicten)",
            c.description
        ))
        .clicked()
    {
        cmds.push(Command::ShowConflict {
            kind: c.kind,
            entity: c.entity.clone(),
        });
    }
}

/// Applies the commands of this screen (opening it on a record is the frame's:
/// `Screens::show_conflict`).
pub fn apply(ws: &mut Workspace, state: &mut ConflictsState, cmd: Command) {
    match cmd {
        Command::Resolve {
            kind,
            entity,
            chosen,
            combine,
        } => {
            let what = ws.inspection.describe(kind, &entity);
            let combine = combine
                .as_ref()
                .map(|(other, take)| (*other, take.as_slice()));
            let resolved = ws.resolve(kind, &entity, chosen, combine);
            // Keyboard users continue with the way back, or else with the next conflict.
            if resolved.is_ok() {
                if state.return_to.is_some() {
                    state.focus_back = true;
                } else {
                    state.focus = true;
                }
            }
            state.message = Some(match resolved {
                Ok(()) => (
                    format!(
                        "✔ Opgelost: {what}. De gekozen versie geldt nu; alle versies blijven in de historie."
                    ),
                    false,
                ),
                Err(e) => (e, true),
            });
            state.confirm = None;
        }
        Command::MergeDuplicate { kind, keep, other } => {
            let key = duplicate_of(ws, kind, &keep).map_or_else(String::new, |d| d.key.clone());
            let noun = if kind == Kind::Dossier {
                "dossier"
            } else {
                "document"
            };
            state.message = Some(match ws.merge_duplicate(kind, &keep, &other) {
                Ok(()) => (
                    format!(
                        "✔ Samengevoegd: {noun} {key} staat er nu één keer in. Het andere is verwijderd; de historie blijft bewaard."
                    ),
                    false,
                ),
                Err(e) => (e, true),
            });
            state.merge_confirm = None;
        }
        Command::Rekey { kind, entity, key } => match ws.rekey(kind, &entity, &key) {
            Ok(()) => {
                let what = ws.inspection.describe(kind, &entity);
                state.message = Some((format!("✔ Gewijzigd: dit is nu {what}."), false));
                state.rekey = None;
            }
            Err(e) => state.message = Some((e, true)),
        },
        _ => {}
    }
}

/// The group of duplicates `entity` belongs to.
fn duplicate_of<'a>(ws: &'a Workspace, kind: Kind, entity: &str) -> Option<&'a Duplicate> {
    ws.derived
        .duplicates
        .iter()
        .find(|d| d.kind == kind && d.entities.iter().any(|e| e == entity))
}

pub fn show(ui: &mut Ui, ws: &mut Workspace, state: &mut ConflictsState, cmds: &mut Vec<Command>) {
    let conflicts = ws.derived.record_conflicts.clone();
    let duplicates = ws.derived.duplicates.clone();
    // Keep the selection on what is still to resolve; else the first conflict or duplicate.
    let still = state
        .selected
        .as_ref()
        .is_some_and(|(k, e)| conflicts.iter().any(|c| c.kind == *k && &c.entity == e))
        || state
            .duplicate
            .as_ref()
            .is_some_and(|key| duplicates.iter().any(|d| &duplicate_key(d) == key));
    if !still {
        match (conflicts.first(), duplicates.first()) {
            (Some(c), _) => state.select_conflict(Some((c.kind, c.entity.clone()))),
            (None, Some(d)) => state.select_duplicate(Some(duplicate_key(d))),
            (None, None) => {
                state.select_conflict(None);
                state.select_duplicate(None);
            }
        }
    }

    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("Conflicten").size(20.0).strong());
        if let Some(back) = state.return_to {
            ui.separator();
            let response = ui.button(format!("◀ Terug naar {}", back.title()));
            if std::mem::take(&mut state.focus_back)
                || state.focus && conflicts.is_empty() && duplicates.is_empty()
            {
                response.request_focus();
                state.focus = false;
            }
            if response.clicked() {
                cmds.push(Command::Goto(back));
            }
        }
    });
    widgets::muted(
        ui,
        "Na het samenvoegen hebben deze gegevens versies die elkaar tegenspreken. Tot u kiest welke geldt, telt zo'n gegeven niet mee en is het eindoordeel voorlopig. Kiezen maakt een nieuwe versie; de oude blijven in de historie.",
    );
    if let Some((message, failed)) = &state.message {
        ui.label(
            RichText::new(message)
                .color(if *failed { RED } else { GREEN })
                .strong(),
        );
    }
    ui.separator();
    if conflicts.is_empty() && duplicates.is_empty() {
        ui.label("Geen conflicten: van elk gegeven is er één versie, en elk dossiernummer komt één keer voor.");
        return;
    }

    egui::Panel::left("conflictlijst")
        .resizable(true)
        .default_size(260.0)
        .show(ui, |ui| {
            widgets::region(ui, "Lijst van conflicten");
            list(ui, ws, state, &conflicts, &duplicates)
        });
    egui::CentralPanel::default().show(ui, |ui| {
        widgets::region(ui, "Conflict: de versies");
        egui::ScrollArea::both()
            .id_salt(("conflict", ws.inspection.id))
            .auto_shrink([false, false])
            .show(ui, |ui| {
                let selected = state.selected.clone();
                let c = selected.and_then(|(k, e)| {
                    conflicts
                        .iter()
                        .find(|c| c.kind == k && c.entity == e)
                        .cloned()
                });
                if let Some(c) = c {
                    detail(ui, ws, state, &c);
                }
                let duplicate = state
                    .duplicate
                    .clone()
                    .and_then(|key| duplicates.iter().find(|d| duplicate_key(d) == key).cloned());
                if let Some(d) = duplicate {
                    duplicate_detail(ui, ws, state, &d, cmds);
                }
            });
    });
    // The focus request is for this frame's detail only (never a later one).
    state.focus = false;
    confirm_dialog(ui, state, cmds);
    merge_dialog(ui, state, cmds);
}

/// How a group of duplicates is selected: its kind and its key as compared.
fn duplicate_key(d: &Duplicate) -> (Kind, String) {
    (d.kind, normalize_key(&d.key))
}

/// "Dubbele nummers", or with documents among them "Dubbele nummers en namen".
fn duplicates_title(duplicates: &[Duplicate]) -> &'static str {
    if duplicates.iter().all(|d| d.kind == Kind::Dossier) {
        "Dubbele nummers"
    } else {
        "Dubbele nummers en namen"
    }
}

fn list(
    ui: &mut Ui,
    ws: &Workspace,
    state: &mut ConflictsState,
    conflicts: &[RecordConflict],
    duplicates: &[Duplicate],
) {
    egui::ScrollArea::vertical()
        .id_salt(("conflictlijst", ws.inspection.id))
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let mut kind = None;
            for c in conflicts {
                if kind != Some(c.kind) {
                    kind = Some(c.kind);
                    ui.add_space(4.0);
                    ui.label(RichText::new(capitalize(c.kind.noun().1)).strong());
                }
                let selected = state
                    .selected
                    .as_ref()
                    .is_some_and(|(k, e)| *k == c.kind && *e == c.entity);
                let response = ui
                    .selectable_label(selected, &c.description)
                    .on_hover_text(line(ws, c));
                if response.clicked() {
                    state.select_conflict(Some((c.kind, c.entity.clone())));
                    state.message = None;
                }
                let names: Vec<&str> = c
                    .versions
                    .iter()
                    .map(|v| ws.inspection.inspector_name(v.author))
                    .collect();
                ui.label(RichText::new(names.join(" / ")).small().color(GREY));
            }
            if duplicates.is_empty() {
                return;
            }
            ui.add_space(8.0);
            ui.label(RichText::new(duplicates_title(duplicates)).strong());
            for d in duplicates {
                let key = duplicate_key(d);
                let selected = state.duplicate.as_ref() == Some(&key);
                if ui.selectable_label(selected, d.description()).clicked() {
                    state.select_duplicate(Some(key));
                    state.message = None;
                }
            }
        });
}

/// One record of a group of duplicates, as shown side by side.
struct Member {
    entity: String,
    record: Record,
    /// Who added the record, and when (what tells the two apart).
    created_by: String,
    created_at: jiff::Timestamp,
    /// For a dossier: its dossiervragen answered.
    answered: Option<usize>,
}

fn members(ws: &Workspace, d: &Duplicate) -> Vec<Member> {
    let insp = &ws.inspection;
    d.entities
        .iter()
        .filter_map(|entity| {
            let (record, first, answered) = match d.kind {
                Kind::Dossier => {
                    let current = insp.dossiers.get(entity)?;
                    let first = insp
                        .dossiers
                        .history(entity)?
                        .revisions()
                        .first()?
                        .meta
                        .clone();
                    let answered = insp
                        .checks_of(entity)
                        .values()
                        .filter(|c| c.data.antwoord != CheckAnswer::Open)
                        .count();
                    (Record::Dossier(current.data.clone()), first, Some(answered))
                }
                _ => {
                    let current = insp.documents.get(entity)?;
                    let first = insp
                        .documents
                        .history(entity)?
                        .revisions()
                        .first()?
                        .meta
                        .clone();
                    (Record::Document(current.data.clone()), first, None)
                }
            };
            Some(Member {
                entity: entity.clone(),
                record,
                created_by: insp.inspector_name(first.author).to_string(),
                created_at: first.at,
                answered,
            })
        })
        .collect()
}

/// A group of duplicates: the records side by side, per record "Samenvoegen" (keep this one,
/// fold the other into it) and "Hernummeren…" (give it another number, Enter saves).
fn duplicate_detail(
    ui: &mut Ui,
    ws: &Workspace,
    state: &mut ConflictsState,
    d: &Duplicate,
    cmds: &mut Vec<Command>,
) {
    let dossier = d.kind == Kind::Dossier;
    let noun = if dossier { "Dossier" } else { "Document" };
    ui.label(
        RichText::new(capitalize(&d.description()))
            .size(18.0)
            .strong(),
    );
    widgets::muted(
        ui,
        if dossier {
            "Twee dossiers met hetzelfde nummer tellen samen als één tot u kiest: voeg ze samen (één blijft, wat het andere heeft wordt erin overgenomen) of geef er één een ander nummer."
        } else {
            "Twee documenten met dezelfde naam: voeg ze samen (één blijft, wat het andere heeft wordt erin overgenomen) of geef er één een andere naam."
        },
    );
    ui.add_space(6.0);
    let members = members(ws, d);
    let n = members.len();
    if n == 0 {
        return;
    }
    let kind = d.kind;
    let fields = kind.fields();
    let values: Vec<Vec<String>> = members
        .iter()
        .map(|m| m.record.values().iter().map(|v| v.display()).collect())
        .collect();
    let spacing = ui.spacing().item_spacing.x;
    let column =
        ((ui.available_width() - LABEL_WIDTH - 16.0 - spacing * n as f32) / n as f32).max(200.0);

    row(ui, column, None, n, |ui, i| match i {
        None => {
            ui.label(RichText::new(noun).color(GREY));
        }
        Some(i) => {
            let m = &members[i];
            ui.label(RichText::new(format!("{noun} {}", i + 1)).strong());
            ui.label(RichText::new(format!("aangemaakt door {}", m.created_by)).strong());
            widgets::muted(ui, local_time(m.created_at));
        }
    });
    ui.separator();
    for (f, field) in fields.iter().enumerate() {
        let differs = values.iter().any(|v| v.get(f) != values[0].get(f));
        row(ui, column, Some(differs), n, |ui, i| match i {
            None => {
                let mut label = RichText::new(capitalize(field.label));
                if differs {
                    label = label.strong();
                }
                ui.label(label);
                if differs {
                    ui.label(RichText::new("verschilt").small().color(AMBER));
                }
            }
            Some(i) => {
                let value = values[i].get(f).cloned().unwrap_or_default();
                ui.label(if differs {
                    RichText::new(value).strong()
                } else {
                    RichText::new(value)
                });
            }
        });
    }
    if dossier {
        row(ui, column, None, n, |ui, i| match i {
            None => {
                ui.label("Dossiervragen beantwoord");
            }
            Some(i) => {
                ui.label(members[i].answered.unwrap_or(0).to_string());
            }
        });
    }
    ui.separator();

    let mut merge = None;
    let mut rekey_open = None;
    let mut rekey_save = None;
    let mut rekey_cancel = false;
    row(ui, column, None, n, |ui, i| {
        let Some(i) = i else {
            widgets::muted(
                ui,
                format!("Samenvoegen: dit {} blijft", noun.to_lowercase()),
            );
            return;
        };
        let m = &members[i];
        // Keep this one; fold the first other one into it (with three or more, one at a time).
        let Some(other) = members.iter().find(|o| o.entity != m.entity) else {
            return;
        };
        let refusal = ws.inspection.merge_refusal(kind, &m.entity, &other.entity);
        let response = ui
            .add_enabled(refusal.is_none(), egui::Button::new("Samenvoegen"))
            .on_hover_text(format!(
                "Dit {} blijft; dat van {} wordt erin overgenomen en daarna verwijderd",
                noun.to_lowercase(),
                other.created_by
            ));
        if response.clicked() {
            merge = Some((i, members.iter().position(|o| o.entity == other.entity)));
        }
        if let Some(why) = refusal {
            ui.label(RichText::new(format!("Eerst oplossen: {why}.")).color(RED));
        }
        let editing = state.rekey.as_ref().is_some_and(|(e, _)| *e == m.entity);
        if !editing {
            let text = if dossier {
                "Hernummeren…"
            } else {
                "Andere naam…"
            };
            if ui.button(text).clicked() {
                rekey_open = Some(m.entity.clone());
            }
            return;
        }
        let label = if dossier {
            "Nieuw nummer:"
        } else {
            "Nieuwe naam:"
        };
        let mut save = false;
        if let Some((_, text)) = &mut state.rekey {
            ui.horizontal(|ui| {
                let l = ui.label(label);
                let response = ui
                    .add(egui::TextEdit::singleline(text).desired_width(160.0))
                    .labelled_by(l.id);
                if std::mem::take(&mut state.rekey_focus) {
                    response.request_focus();
                }
                if response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                    save = true;
                }
                if response.has_focus() && ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                    rekey_cancel = true;
                }
            });
        }
        let text = state
            .rekey
            .as_ref()
            .map(|(_, t)| t.clone())
            .unwrap_or_default();
        let refusal = (!text.trim().is_empty())
            .then(|| ws.inspection.rekey_refusal(kind, &m.entity, &text))
            .flatten();
        match &refusal {
            Some(why) => {
                ui.label(RichText::new(capitalize(why)).color(RED));
            }
            None => widgets::muted(ui, "Enter slaat op, Escape annuleert."),
        }
        ui.horizontal(|ui| {
            if ui.button("Opslaan").clicked() {
                save = true;
            }
            if ui.button("Annuleren").clicked() {
                rekey_cancel = true;
            }
        });
        if save && refusal.is_none() && !text.trim().is_empty() {
            rekey_save = Some((m.entity.clone(), text));
        }
    });
    if let Some(entity) = rekey_open {
        state.rekey = Some((entity, String::new()));
        state.rekey_focus = true;
    }
    if rekey_cancel {
        state.rekey = None;
    }
    if let Some((entity, key)) = rekey_save {
        cmds.push(Command::Rekey { kind, entity, key });
    }
    if let Some((keep, Some(other))) = merge {
        let plan = ws.inspection.merge_duplicate(
            kind,
            &members[keep].entity,
            &members[other].entity,
            ws.author,
            &mut || Stamp {
                rev: Uuid::nil(),
                at: jiff::Timestamp::UNIX_EPOCH,
            },
        );
        if let Some(plan) = plan {
            let (k, o) = (&members[keep], &members[other]);
            state.merge_confirm = Some(PendingMerge {
                kind,
                keep: k.entity.clone(),
                other: o.entity.clone(),
                sentence: format!(
                    "{noun} {} van {} ({}) wordt samengevoegd in dat van {} ({}) en daarna verwijderd. De historie van beide blijft bewaard.",
                    d.key,
                    o.created_by,
                    local_time(o.created_at),
                    k.created_by,
                    local_time(k.created_at),
                ),
                differences: plan.differences,
            });
            state.confirm_focus = true;
        }
    }
}

/// "Samenvoegen?" with what it does and what is lost or combined; "Samenvoegen" stores every
/// revision of the merge, "Annuleren" or Escape goes back.
fn merge_dialog(ui: &mut Ui, state: &mut ConflictsState, cmds: &mut Vec<Command>) {
    let Some(pending) = state.merge_confirm.clone() else {
        return;
    };
    let mut close = false;
    let modal = egui::Modal::new(egui::Id::unique("samenvoegen-bevestigen")).show(ui.ctx(), |ui| {
        ui.set_max_width(560.0);
        ui.label(RichText::new("Samenvoegen?").heading().strong());
        ui.add_space(8.0);
        ui.label(&pending.sentence);
        ui.add_space(6.0);
        if pending.differences.is_empty() {
            ui.label("Er gaat niets verloren: alles van het andere wordt overgenomen.");
        } else {
            ui.label(RichText::new("Wat verschilt:").strong());
            for line in &pending.differences {
                ui.label(format!("· {line}"));
            }
        }
        ui.add_space(12.0);
        ui.horizontal(|ui| {
            let save = ui.button("Ja, samenvoegen");
            if std::mem::take(&mut state.confirm_focus) {
                save.request_focus();
            }
            if save.clicked() {
                cmds.push(Command::MergeDuplicate {
                    kind: pending.kind,
                    keep: pending.keep.clone(),
                    other: pending.other.clone(),
                });
                close = true;
            }
            if ui.button("Annuleren").clicked() {
                close = true;
            }
        });
    });
    if close || modal.should_close() {
        state.merge_confirm = None;
    }
}

/// A field value for people (`value` is [`Value::display`]'s text, "(leeg)" when empty): a
/// reference to another record is shown as that record, a chosen eindoordeel by its name in the
/// kader ("potentieel kwetsbaar", not its id) and a kerngegeven's value as the kader shows it
/// ("€ 4.250.000,50", not as stored); other values as they are. `entity` is the record's id
/// (for a kerngegeven: which one of the kader).
///
/// [`Value::display`]: crate::domain::inspection::Value::display
fn shown_value(ws: &Workspace, kind: Kind, entity: &str, field: &str, value: &str) -> String {
    let fw = &ws.inspection.framework;
    match (kind, field) {
        (Kind::Check, "dossier") => ws.inspection.describe(Kind::Dossier, value),
        (Kind::Answer, "interview") => ws.inspection.describe(Kind::Interview, value),
        (Kind::Keuze, "eindoordeel") => match value {
            EMPTY => "niets gekozen".to_string(),
            id => fw
                .verdict(id)
                .map_or_else(|| format!("{id} (onbekend)"), |v| v.label().to_string()),
        },
        (Kind::Kerngegeven, "waarde") => match (fw.key_figure(entity), value) {
            (_, EMPTY) => "niet ingevuld".to_string(),
            (Some(figure), stored) => Quantity::from_canonical(stored)
                .map_or_else(|| stored.to_string(), |q| figure.show(q)),
            (None, stored) => stored.to_string(),
        },
        _ => value.to_string(),
    }
}

/// How [`Value::display`] writes an empty value.
///
/// [`Value::display`]: crate::domain::inspection::Value::display
const EMPTY: &str = "(leeg)";

/// A version in short (as [`ConflictVersion::summary`]), with its first field shown for people
/// where the stored form is not for people: the name of a chosen eindoordeel, a kerngegeven's
/// value in Dutch notation with its unit. Other kinds as the domain summarises them.
fn summary(ws: &Workspace, c: &RecordConflict, v: &ConflictVersion) -> String {
    if v.deleted || !matches!(c.kind, Kind::Keuze | Kind::Kerngegeven) {
        return v.summary.clone();
    }
    c.kind
        .fields()
        .iter()
        .zip(&v.values)
        .enumerate()
        .filter_map(|(i, (f, value))| match i {
            0 => Some(shown_value(ws, c.kind, &c.entity, f.name, value)),
            _ if value == EMPTY => None,
            _ => Some(format!("{} {}", f.label, short(value, 60))),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// One line for people, as [`RecordConflict::line`] with each version summarised by [`summary`].
fn line(ws: &Workspace, c: &RecordConflict) -> String {
    let versions: Vec<String> = c
        .versions
        .iter()
        .map(|v| {
            format!(
                "{} ({})",
                summary(ws, c, v),
                ws.inspection.inspector_name(v.author)
            )
        })
        .collect();
    format!("{}: {}", c.description, versions.join(" / "))
}

/// One choice in a combined version: one field, or for an oordeel its value and variant
/// together ("onvoldoende · wachtlijst"), so a combination never mixes them.
struct Choice {
    /// The name of the first field, or the id of a date (the key of the choice in
    /// `ConflictsState::take`).
    key: &'static str,
    label: &'static str,
    /// Indices into [`Kind::fields`].
    fields: Vec<usize>,
    /// One date of a dates field (a dossier's), chosen on its own.
    date: Option<DateKind>,
}

impl Choice {
    /// The names taken from the other version when this choice picks it: the fields, or the
    /// date's id ([`crate::domain::inspection::Inspection::resolution`] takes a date by id).
    fn taken(&self, fields: &[Field]) -> Vec<&'static str> {
        match self.date {
            Some(kind) => vec![kind.as_str()],
            None => self.fields.iter().map(|&i| fields[i].name).collect(),
        }
    }
}

/// Whether field `i` differs between the versions.
fn differs(versions: &[ConflictVersion], i: usize) -> bool {
    versions
        .iter()
        .any(|v| v.values.get(i) != versions[0].values.get(i))
}

/// The choices of a combined version, in field order; the dates of a dossier one by one, in the
/// order of `dates` (the kader's), then any other date a version has.
fn choices(kind: Kind, versions: &[ConflictVersion], dates: &[DateKind]) -> Vec<Choice> {
    let fields = kind.fields();
    let position = |name: &str| fields.iter().position(|f| f.name == name);
    let mut out: Vec<Choice> = Vec::new();
    for (i, f) in fields.iter().enumerate() {
        if !differs(versions, i) {
            continue;
        }
        if f.ty == FieldType::Dates {
            let mut kinds: Vec<DateKind> = dates.to_vec();
            for v in versions {
                for (k, _) in v.dates.iter() {
                    if !kinds.contains(&k) {
                        kinds.push(k);
                    }
                }
            }
            for date in kinds {
                if versions
                    .iter()
                    .any(|v| v.dates.get(date) != versions[0].dates.get(date))
                {
                    out.push(Choice {
                        key: date.as_str(),
                        label: date.label(),
                        fields: vec![i],
                        date: Some(date),
                    });
                }
            }
            continue;
        }
        if kind == Kind::Oordeel
            && (f.name == "waarde" || f.name == "variant")
            && let (Some(w), Some(v)) = (position("waarde"), position("variant"))
        {
            if !out.iter().any(|c| c.key == "waarde") {
                out.push(Choice {
                    key: "waarde",
                    label: fields[w].label,
                    fields: vec![w, v],
                    date: None,
                });
            }
            continue;
        }
        out.push(Choice {
            key: f.name,
            label: f.label,
            fields: vec![i],
            date: None,
        });
    }
    out
}

/// The value of a choice in one version of the record `entity`, for people.
fn choice_value(
    ws: &Workspace,
    kind: Kind,
    entity: &str,
    choice: &Choice,
    version: &ConflictVersion,
) -> String {
    if let Some(date) = choice.date {
        return version
            .dates
            .get(date)
            .map_or_else(|| "(leeg)".to_string(), format_date_nl);
    }
    let fields = kind.fields();
    let parts: Vec<String> = choice
        .fields
        .iter()
        .filter_map(|&i| {
            let value = version.values.get(i)?;
            Some(shown_value(ws, kind, entity, fields[i].name, value))
        })
        .collect();
    if parts.len() > 1 {
        let filled: Vec<String> = parts.into_iter().filter(|p| p != "(leeg)").collect();
        filled.join(" · ")
    } else {
        parts.join("")
    }
}

fn detail(ui: &mut Ui, ws: &Workspace, state: &mut ConflictsState, c: &RecordConflict) {
    ui.label(
        RichText::new(capitalize(&c.description))
            .size(18.0)
            .strong(),
    );
    let fields = c.kind.fields();
    let differing: Vec<&str> = c
        .fields
        .iter()
        .map(|name| match *name {
            "verwijderd" => "verwijderd in één versie",
            name => fields
                .iter()
                .find(|f| f.name == name)
                .map(|f| f.label)
                .or_else(|| ws.inspection.framework.date_kind(name).map(DateKind::label))
                .unwrap_or(name),
        })
        .collect();
    widgets::muted(ui, format!("Verschilt in: {}", differing.join(", ")));
    ui.add_space(6.0);

    let n = c.versions.len();
    let spacing = ui.spacing().item_spacing.x;
    let column =
        ((ui.available_width() - LABEL_WIDTH - 16.0 - spacing * n as f32) / n as f32).max(200.0);
    let who = |v: &ConflictVersion| ws.inspection.inspector_name(v.author).to_string();

    // The header: one column per version.
    row(ui, column, None, n, |ui, i| match i {
        None => {
            ui.label(RichText::new("Versie").color(GREY));
        }
        Some(i) => {
            let v = &c.versions[i];
            ui.label(RichText::new(format!("Versie {}", i + 1)).strong());
            ui.label(RichText::new(who(v)).strong());
            widgets::muted(ui, local_time(v.at));
            if v.deleted {
                ui.label(RichText::new("verwijderd").color(RED).strong());
            }
        }
    });
    ui.separator();
    for (f, field) in fields.iter().enumerate() {
        let differs = differs(&c.versions, f);
        row(ui, column, Some(differs), n, |ui, i| match i {
            None => {
                let mut label = RichText::new(capitalize(field.label));
                if differs {
                    label = label.strong();
                }
                ui.label(label);
                if differs {
                    ui.label(RichText::new("verschilt").small().color(AMBER));
                }
            }
            Some(i) => {
                let v = &c.versions[i];
                let value = v.values.get(f).map_or_else(String::new, |x| {
                    shown_value(ws, c.kind, &c.entity, field.name, x)
                });
                let mut text = RichText::new(value);
                if v.deleted {
                    text = text.color(GREY).strikethrough();
                } else if differs {
                    text = text.strong();
                }
                ui.label(text);
            }
        });
    }
    ui.separator();
    let mut chosen = None;
    row(ui, column, None, n, |ui, i| {
        let Some(i) = i else {
            return;
        };
        let v = &c.versions[i];
        let hover = if v.deleted {
            format!("{} wordt verwijderd", capitalize(&c.description))
        } else {
            format!("De versie van {} wordt de geldende", who(v))
        };
        let response = ui.button("Deze versie kiezen").on_hover_text(hover);
        if i == 0 && state.focus {
            response.request_focus();
            state.focus = false;
        }
        if response.clicked() {
            chosen = Some(i);
        }
    });
    if let Some(i) = chosen {
        state.confirm = Some(PendingResolution {
            kind: c.kind,
            entity: c.entity.clone(),
            chosen: c.versions[i].rev,
            combine: None,
            sentence: choose_sentence(ws, c, i),
        });
        state.confirm_focus = true;
    }

    if n == 2 && c.versions.iter().all(|v| !v.deleted) {
        combined(ui, ws, state, c, column);
    } else if n == 2 {
        ui.add_space(8.0);
        widgets::muted(
            ui,
            "Eén versie verwijdert dit gegeven: kies de bewerkte versie om het te houden, of de verwijderde om het te verwijderen.",
        );
    }
}

/// One row of the side-by-side table: the label cell (`None`) and one cell per version, top
/// aligned, each as wide as its column so long text wraps. `highlight`: whether this row is a
/// field that differs (`None` for the header and the buttons).
fn row(
    ui: &mut Ui,
    column: f32,
    highlight: Option<bool>,
    n: usize,
    mut cell: impl FnMut(&mut Ui, Option<usize>),
) {
    let fill = match highlight {
        Some(true) if ui.visuals().dark_mode => egui::Color32::from_rgb(0x4a, 0x38, 0x10),
        Some(true) => egui::Color32::from_rgb(0xfb, 0xec, 0xc8),
        _ => egui::Color32::TRANSPARENT,
    };
    egui::Frame::new()
        .fill(fill)
        .corner_radius(3.0)
        .inner_margin(egui::Margin::symmetric(4, 2))
        .show(ui, |ui| {
            ui.horizontal_top(|ui| {
                ui.allocate_ui_with_layout(
                    egui::vec2(LABEL_WIDTH, 0.0),
                    Layout::top_down(Align::Min),
                    |ui| {
                        ui.set_width(LABEL_WIDTH);
                        cell(ui, None);
                    },
                );
                for i in 0..n {
                    ui.allocate_ui_with_layout(
                        egui::vec2(column, 0.0),
                        Layout::top_down(Align::Min),
                        |ui| {
                            ui.set_width(column);
                            cell(ui, Some(i));
                        },
                    );
                }
            });
        });
}

/// The combined version of two live versions: per differing field which version's value to
/// take, what the result will be, and "Samengevoegde versie opslaan".
fn combined(
    ui: &mut Ui,
    ws: &Workspace,
    state: &mut ConflictsState,
    c: &RecordConflict,
    column: f32,
) {
    let choices = choices(c.kind, &c.versions, &ws.inspection.framework.dates);
    if choices.is_empty() {
        return;
    }
    ui.add_space(8.0);
    widgets::heading(ui, "Samengevoegde versie");
    widgets::muted(
        ui,
        "Kies per veld welke waarde geldt; wat in beide versies gelijk is, blijft zo.",
    );
    // One row per choice, its radio buttons in the columns of the versions above.
    let n = c.versions.len();
    for choice in &choices {
        let take = state.take.get(choice.key).copied().unwrap_or(0);
        let mut picked = None;
        row(ui, column, None, n, |ui, i| {
            let Some(i) = i else {
                ui.label(RichText::new(capitalize(choice.label)).strong());
                return;
            };
            let v = &c.versions[i];
            let value = choice_value(ws, c.kind, &c.entity, choice, v);
            let selected = take == i;
            let response = ui.radio(selected, short(&value, 200));
            // The name says which field and whose value, as the row and column show it.
            let name = format!(
                "{}: {} — {}",
                choice.label,
                short(&value, 60),
                ws.inspection.inspector_name(v.author)
            );
            response.widget_info(|| {
                egui::WidgetInfo::selected(egui::Role::RadioButton, true, selected, &name)
            });
            if response.clicked() {
                picked = Some(i);
            }
        });
        if let Some(i) = picked {
            state.take.insert(choice.key, i);
        }
    }
    let (base, other) = (c.versions[0].rev, c.versions[1].rev);
    let taken = taken_fields(state, c, &choices);
    // What the combination gives, computed as it will be saved (author and stamp do not matter).
    let preview = ws.inspection.resolution(
        c.kind,
        &c.entity,
        base,
        Some((other, &taken)),
        ws.author,
        Stamp {
            rev: Uuid::nil(),
            at: jiff::Timestamp::UNIX_EPOCH,
        },
    );
    // In words: per field whose value it takes ("oordeel van J. Proef (onvoldoende)").
    let result = preview.is_some().then(|| {
        choices
            .iter()
            .map(|choice| {
                let i = state.take.get(choice.key).copied().unwrap_or(0);
                let v = &c.versions[i];
                let value = choice_value(ws, c.kind, &c.entity, choice, v);
                let value = short(value.trim_end_matches('.'), 50);
                format!(
                    "{} van {} ({value})",
                    choice.label,
                    ws.inspection.inspector_name(v.author)
                )
            })
            .collect::<Vec<_>>()
            .join(", ")
    });
    match &result {
        Some(text) => {
            ui.label(format!("Resultaat: {text}"));
        }
        None => {
            ui.label(
                RichText::new("Deze combinatie is geen geldige waarde; kies anders.").color(RED),
            );
        }
    }
    if ui
        .add_enabled(
            result.is_some(),
            egui::Button::new("Samengevoegde versie opslaan"),
        )
        .clicked()
        && let Some(text) = result
    {
        state.confirm = Some(PendingResolution {
            kind: c.kind,
            entity: c.entity.clone(),
            chosen: base,
            combine: Some((other, taken)),
            sentence: format!(
                "{} krijgt een samengevoegde versie: {text}. Beide versies blijven in de historie bewaard.",
                capitalize(&c.description)
            ),
        });
        state.confirm_focus = true;
    }
}

/// The field names taken from the second version in the combined version.
fn taken_fields(
    state: &ConflictsState,
    c: &RecordConflict,
    choices: &[Choice],
) -> Vec<&'static str> {
    let fields = c.kind.fields();
    choices
        .iter()
        .filter(|choice| state.take.get(choice.key).copied().unwrap_or(0) == 1)
        .flat_map(|choice| choice.taken(fields))
        .collect()
}

/// What choosing version `i` does, in one sentence.
fn choose_sentence(ws: &Workspace, c: &RecordConflict, i: usize) -> String {
    let v = &c.versions[i];
    let who = format!(
        "{} ({})",
        ws.inspection.inspector_name(v.author),
        local_time(v.at)
    );
    let rest = if c.versions.len() > 2 {
        "De andere versies blijven in de historie bewaard."
    } else {
        "De andere versie blijft in de historie bewaard."
    };
    if v.deleted {
        format!(
            "{} wordt verwijderd, zoals in de versie van {who}. {rest}",
            capitalize(&c.description)
        )
    } else {
        format!(
            "{} krijgt de versie van {who}: {}. {rest}",
            capitalize(&c.description),
            summary(ws, c, v)
        )
    }
}

/// "Weet u het zeker?" with the sentence; "Opslaan" saves, "Annuleren" or Escape goes back.
fn confirm_dialog(ui: &mut Ui, state: &mut ConflictsState, cmds: &mut Vec<Command>) {
    let Some(pending) = state.confirm.clone() else {
        return;
    };
    let mut close = false;
    let modal = egui::Modal::new(egui::Id::unique("conflict-bevestigen")).show(ui.ctx(), |ui| {
        ui.set_max_width(520.0);
        ui.label(RichText::new("Conflict oplossen?").heading().strong());
        ui.add_space(8.0);
        ui.label(&pending.sentence);
        ui.add_space(12.0);
        ui.horizontal(|ui| {
            let save = ui.button("Opslaan");
            if std::mem::take(&mut state.confirm_focus) {
                save.request_focus();
            }
            if save.clicked() {
                cmds.push(Command::Resolve {
                    kind: pending.kind,
                    entity: pending.entity.clone(),
                    chosen: pending.chosen,
                    combine: pending.combine.clone(),
                });
                close = true;
            }
            if ui.button("Annuleren").clicked() {
                close = true;
            }
        });
    });
    if close || modal.should_close() {
        state.confirm = None;
    }
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next().map_or_else(String::new, |f| {
        f.to_uppercase().collect::<String>() + c.as_str()
    })
}

fn short(text: &str, max: usize) -> String {
    let text = text.trim();
    match text.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::termijn::CaseDates;

    fn version(dates: CaseDates, notitie: &str) -> ConflictVersion {
        ConflictVersion {
            rev: Uuid::nil(),
            author: Uuid::nil(),
            at: jiff::Timestamp::UNIX_EPOCH,
            deleted: false,
            summary: String::new(),
            values: vec![
                "D-1".into(),
                "willekeurig".into(),
                format!("{dates:?}"),
                notitie.into(),
            ],
            dates,
            replaces: Vec::new(),
        }
    }

    /// Two versions of a dossier that differ in two dates and the note: each date is a choice
    /// of its own, in the kader's order, named by its label and taken by its id.
    #[test]
    fn each_date_of_a_dossier_is_chosen_on_its_own() {
        let d = |day| Some(jiff::civil::date(2026, 3, day));
        let a = CaseDates::default()
            .with(DateKind::MELDING_ONTVANGEN, d(2))
            .with(DateKind::TRIAGEBESLUIT, d(4))
            .with(DateKind::START_ONDERZOEK, d(5));
        let b = a
            .clone()
            .with(DateKind::MELDING_ONTVANGEN, d(3))
            .with(DateKind::START_ONDERZOEK, None);
        let versions = [version(a, "van A"), version(b, "van B")];
        let choices = choices(Kind::Dossier, &versions, &DateKind::BUILTIN);
        let labels: Vec<&str> = choices.iter().map(|c| c.label).collect();
        assert_eq!(labels, ["melding ontvangen", "start onderzoek", "notitie"]);
        let fields = Kind::Dossier.fields();
        assert_eq!(choices[0].taken(fields), ["melding_ontvangen"]);
        assert_eq!(choices[2].taken(fields), ["notitie"]);
        assert_eq!(
            versions[1].dates.get(DateKind::START_ONDERZOEK),
            None,
            "cleared in B: choosing B's start onderzoek clears it"
        );
    }
}
