//! Flitsinterviews: a dialog reachable from anywhere with Ctrl+Shift+F, built for speed with the
//! keyboard only (type the function, Tab, type the answers, Ctrl+Enter saves, Esc cancels), and
//! the list of logged flitsinterviews.

use std::collections::BTreeMap;

use eframe::egui::{self, Key, KeyboardShortcut, Modifiers, RichText, Ui};
use uuid::Uuid;

use crate::domain::inspection::{FlashData, Kind, Record, Tag, Value};
use crate::ui::commands::Command;
use crate::ui::edit::{Edit, FieldChange, RecordRef, text};
use crate::ui::screens::conflicts;
use crate::ui::types::READ_ONLY_NOTICE;
use crate::ui::widgets::{self, RED};
use crate::ui::workspace::{DraftTarget, Refused, Workspace};

/// Ctrl+Enter saves the dialog.
pub const SAVE_SHORTCUT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Enter);

/// The flitsinterview dialog: whether it is open, and what is typed in it (its own edit buffer,
/// kept durable as one draft; saved as a record only by its button).
#[derive(Default)]
pub struct FlashState {
    pub open: bool,
    /// The saved flitsinterview being edited, or `None` for a new one.
    pub editing: Option<String>,
    /// Asking whether to throw away what was typed.
    pub confirm_discard: bool,
    /// The dialog's content when it opened (as draft text): nothing to keep until it differs.
    pub initial: String,
    pub functie: String,
    pub answers: BTreeMap<String, String>,
    pub tags: BTreeMap<String, Tag>,
    pub notitie: String,
    pub focus_first: bool,
}

/// The dialog as it was when the app stopped, from its draft in the file (restored with a
/// notice), or a closed dialog. Drafts of the dialog that cannot be read stay in the file.
pub fn restore(ws: &mut Workspace) -> FlashState {
    let mut state = FlashState::default();
    if ws.read_only {
        return state;
    }
    for (field, draft) in ws.take_dialog_drafts() {
        let DraftTarget::FlashDialog(editing) = &field else {
            continue;
        };
        match decode_draft(&draft.text) {
            Some(restored) if !state.open => {
                let chars = [&restored.functie, &restored.notitie]
                    .into_iter()
                    .chain(restored.answers.values())
                    .map(|t| t.chars().count())
                    .sum();
                state = FlashState {
                    open: true,
                    editing: editing.clone(),
                    ..restored
                };
                ws.restore_draft(field, draft, chars);
            }
            _ => ws.keep_draft(draft),
        }
    }
    state
}

pub fn open(ws: &mut Workspace, state: &mut FlashState) {
    if ws.read_only {
        ws.notice = Some(READ_ONLY_NOTICE.into());
        return;
    }
    if !state.open {
        *state = FlashState {
            open: true,
            focus_first: true,
            ..FlashState::default()
        };
        state.initial = encode_draft(state);
    }
}

/// Opens the dialog on a saved flitsinterview, to correct it. One with two versions is not
/// edited: `Err` names it, and the caller opens the choice.
pub fn edit(ws: &Workspace, state: &mut FlashState, id: &str) -> Result<(), Refused> {
    if ws.read_only || state.open {
        return Ok(());
    }
    if ws.inspection.is_conflicted(Kind::Flash, id) {
        return Err(Refused::Conflicted(Kind::Flash, id.to_string()));
    }
    let Some(saved) = ws.inspection.flashes.get(id) else {
        return Ok(());
    };
    let data = saved.data.clone();
    *state = FlashState {
        open: true,
        editing: Some(id.to_string()),
        functie: data.functie,
        answers: data.antwoorden,
        tags: data.tags,
        notitie: data.notitie,
        focus_first: true,
        ..FlashState::default()
    };
    state.initial = encode_draft(state);
    Ok(())
}

/// The draft field of the dialog as it is now.
fn draft_field(f: &FlashState) -> DraftTarget {
    DraftTarget::FlashDialog(f.editing.clone())
}

/// Whether anything was typed in the dialog (then closing it asks first).
fn has_content(f: &FlashState) -> bool {
    !f.functie.trim().is_empty()
        || !f.notitie.trim().is_empty()
        || !f.tags.is_empty()
        || f.answers.values().any(|a| !a.trim().is_empty())
}

/// The dialog's content as draft text (JSON), so a crash while typing loses nothing.
pub fn encode_draft(f: &FlashState) -> String {
    let tags: BTreeMap<&String, &str> = f.tags.iter().map(|(e, t)| (e, t.as_str())).collect();
    serde_json::json!({
        "functie": f.functie,
        "antwoorden": f
            .answers
            .iter()
            .filter(|(_, a)| !a.is_empty())
            .collect::<BTreeMap<_, _>>(),
        "tags": tags,
        "notitie": f.notitie,
    })
    .to_string()
}

/// The dialog state from a draft written by [`encode_draft`]; `None` if it is not one.
pub fn decode_draft(text: &str) -> Option<FlashState> {
    let value: serde_json::Value = serde_json::from_str(text).ok()?;
    let string = |key: &str| value.get(key)?.as_str().map(str::to_string);
    let map = |key: &str| -> Option<BTreeMap<String, String>> {
        value
            .get(key)?
            .as_object()?
            .iter()
            .map(|(k, v)| Some((k.clone(), v.as_str()?.to_string())))
            .collect()
    };
    let tags = map("tags")?
        .into_iter()
        .map(|(e, t)| Some((e, Tag::parse(&t)?)))
        .collect::<Option<_>>()?;
    Some(FlashState {
        functie: string("functie")?,
        answers: map("antwoorden")?,
        tags,
        notitie: string("notitie")?,
        focus_first: true,
        ..FlashState::default()
    })
}

/// Saves the dialog's flitsinterview (if a function is given) and closes the dialog. Saves
/// exactly what the dialog shows — its function, answers, tags and note; a correction keeps the
/// time it was logged — and removes its draft in the same transaction. Refused for a
/// flitsinterview with two versions (the text stays a draft, in the file too).
pub fn save(ws: &mut Workspace, state: &mut FlashState) -> Result<(), Refused> {
    let f = &*state;
    if f.functie.trim().is_empty() || ws.read_only {
        return Ok(());
    }
    let field = draft_field(f);
    let antwoorden: BTreeMap<String, String> = f
        .answers
        .iter()
        .filter(|(_, a)| !a.trim().is_empty())
        .map(|(q, a)| (q.clone(), a.trim().to_string()))
        .collect();
    let tags: BTreeMap<String, String> = f
        .tags
        .iter()
        .map(|(e, t)| (e.clone(), t.as_str().to_string()))
        .collect();
    let saved = match f.editing.clone() {
        Some(id) if ws.inspection.flashes.get(&id).is_some() => {
            let edit = Edit {
                record: RecordRef::Id(Kind::Flash, id),
                changes: vec![
                    FieldChange::Set {
                        field: "functie",
                        value: text(f.functie.trim()),
                    },
                    FieldChange::Set {
                        field: "antwoorden",
                        value: Value::Map(antwoorden),
                    },
                    FieldChange::Set {
                        field: "tags",
                        value: Value::Map(tags),
                    },
                    FieldChange::Set {
                        field: "notitie",
                        value: text(f.notitie.trim()),
                    },
                ],
            };
            ws.update_from_draft(&edit, &field)
        }
        editing => {
            // A new one, or one deleted while the dialog was open (it comes back as typed).
            let now = jiff::Zoned::now().datetime();
            let data = FlashData {
                functie: f.functie.trim().to_string(),
                tijdstip: Some(now.round(jiff::Unit::Minute).unwrap_or(now)),
                antwoorden,
                tags: f.tags.clone(),
                notitie: f.notitie.trim().to_string(),
            };
            let entity = editing.unwrap_or_else(|| Uuid::now_v7().to_string());
            ws.create_from_draft(&entity, Record::Flash(data), &field)
        }
    };
    *state = FlashState::default();
    saved
}

/// Closes the dialog, throwing away what was typed (after the dialog asked).
pub fn discard(ws: &mut Workspace, state: &mut FlashState) {
    let field = draft_field(state);
    ws.discard_draft(&field);
    *state = FlashState::default();
}

/// The verwachtingen the flitsvragen inform, each once, in question order.
fn expectations(questions: &[crate::domain::kader::Question]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for e in questions.iter().flat_map(|q| &q.expectations) {
        if !out.contains(e) {
            out.push(e.clone());
        }
    }
    out
}

pub fn dialog(
    ctx: &egui::Context,
    ws: &mut Workspace,
    state: &mut FlashState,
    cmds: &mut Vec<Command>,
) {
    let questions = ws.inspection.framework.sources.flash_questions.clone();
    let tagged = expectations(&questions);
    let f = &mut *state;
    egui::Modal::new(egui::Id::unique("flitsinterview")).show(ctx, |ui| {
        // Take the shortcuts before any widget is drawn: a focused button must not also see the
        // Enter of Ctrl+Enter (it would toggle a tag the dialog then saves).
        let save_pressed = ui.input_mut(|i| i.consume_shortcut(&SAVE_SHORTCUT));
        let escape = ui.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape));
        ui.set_width(620.0);
        let title = if f.editing.is_some() {
            "Flitsinterview bewerken"
        } else {
            "Flitsinterview"
        };
        ui.label(RichText::new(title).heading().strong());
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
                }
                if !tagged.is_empty() {
                    ui.add_space(8.0);
                    ui.label(RichText::new("Wat zegt dit gesprek over de verwachtingen?").strong());
                    widgets::muted(
                        ui,
                        "Eén keuze per verwachting voor het hele gesprek (Tab naar een knop, dan O, W of N; Delete wist).",
                    );
                    for e in &tagged {
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
        if f.confirm_discard {
            ui.label(
                RichText::new("Wat u typte in dit flitsinterview weggooien?")
                    .color(RED)
                    .strong(),
            );
            ui.horizontal(|ui| {
                if ui.button("Ja, weggooien").clicked() {
                    cmds.push(Command::DiscardFlash);
                }
                if ui.button("Nee, verder typen").clicked() || escape {
                    f.confirm_discard = false;
                }
            });
            return;
        }
        ui.horizontal(|ui| {
            let save = ui.add_enabled(!missing, egui::Button::new("Opslaan (Ctrl+Enter)"));
            if save.clicked() || (save_pressed && !missing) {
                cmds.push(Command::SaveFlash);
            }
            if ui.button("Annuleren (Esc)").clicked() || escape {
                if has_content(f) {
                    f.confirm_discard = true;
                } else {
                    cmds.push(Command::DiscardFlash);
                }
            }
        });
    });
    // Keep what is typed durable; a dialog nobody typed in yet writes nothing.
    let field = draft_field(state);
    let text = encode_draft(state);
    if state.open && (text != state.initial || ws.drafts.contains_key(&field)) {
        ws.sync_draft(&field, text);
    }
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
    let deleted = ws
        .inspection
        .flashes
        .deleted()
        .map(|r| {
            let command = Command::Restore {
                kind: Kind::Flash,
                entity: r.meta.entity.clone(),
            };
            (r.data.functie.clone(), command)
        })
        .collect();
    widgets::restore_list(
        ui,
        "Verwijderde flitsinterviews",
        "Het flitsinterview komt terug zoals het was",
        deleted,
        cmds,
    );
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for (id, data, author) in flashes {
                let conflicted = ws.inspection.is_conflicted(Kind::Flash, &id);
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
                        if conflicted {
                            return;
                        }
                        if ui.small_button("Bewerken").clicked() {
                            cmds.push(Command::EditFlash(id.clone()));
                        }
                        if ui.small_button("Verwijderen").clicked() {
                            cmds.push(Command::Delete {
                                kind: Kind::Flash,
                                entity: id.clone(),
                            });
                        }
                    });
                    // Two versions: the choice instead of the buttons and the note.
                    if conflicts::notice(ui, ws, Kind::Flash, &id, cmds) {
                        return;
                    }
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
