//! Flitsinterviews: a dialog reachable from anywhere with Ctrl+Shift+F, built for speed with the
//! keyboard only (type the function, Tab, type the answers, Ctrl+Enter saves, Esc cancels), and
//! the list of logged flitsinterviews.

use std::collections::BTreeMap;

use eframe::egui::{self, KeyboardShortcut, RichText, Ui};
use uuid::Uuid;

use crate::domain::inspection::{FlashData, Kind, Record, Tag, Value};
use crate::ui::commands::Command;
use crate::ui::edit::{Edit, FieldChange, RecordRef, text};
use crate::ui::screens::conflicts;
use crate::ui::shortcuts;
use crate::ui::types::{READ_ONLY_NOTICE, join_and};
use crate::ui::widgets::{self, RED};
use crate::ui::workspace::{DraftTarget, Refused, Workspace};

/// Ctrl+Enter saves the dialog.
pub const SAVE_SHORTCUT: KeyboardShortcut = shortcuts::SAVE_DIALOG.shortcut();

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
    /// The remembered function chosen with ↑/↓ in the function field (`None`: the first that
    /// completes what is typed).
    pub highlight: Option<usize>,
    /// The flitsinterview the dialog saved last (its id): on the Flitsinterviews screen it takes
    /// the focus in the list (once).
    pub saved: Option<String>,
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
    let entity_saved;
    let saved = match f.editing.clone() {
        Some(id) if ws.inspection.flashes.get(&id).is_some() => {
            entity_saved = id.clone();
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
            entity_saved = entity.clone();
            ws.create_from_draft(&entity, Record::Flash(data), &field)
        }
    };
    *state = FlashState::default();
    if saved.is_ok() {
        state.saved = Some(entity_saved);
    }
    saved
}

/// Closes the dialog, throwing away what was typed (after the dialog asked).
pub fn discard(ws: &mut Workspace, state: &mut FlashState) {
    let field = draft_field(state);
    ws.discard_draft(&field);
    *state = FlashState::default();
}

/// The functions used before in this file, for the function field to suggest: those of the
/// flitsinterviews (most used first, then most recent), then the functions counted in the
/// interviews. Each once (ignoring case).
pub fn remembered_functions(ws: &Workspace) -> Vec<String> {
    let mut flashes: BTreeMap<String, (usize, Option<jiff::civil::DateTime>, String)> =
        BTreeMap::new();
    for f in ws.inspection.flashes.current() {
        let name = f.data.functie.trim();
        if name.is_empty() {
            continue;
        }
        let entry = flashes
            .entry(name.to_lowercase())
            .or_insert((0, None, name.to_string()));
        entry.0 += 1;
        entry.1 = entry.1.max(f.data.tijdstip);
    }
    let mut list: Vec<(usize, Option<jiff::civil::DateTime>, String)> =
        flashes.into_values().collect();
    list.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
    let mut out: Vec<String> = list.into_iter().map(|(_, _, name)| name).collect();
    for interview in ws.inspection.interviews.current() {
        for (functie, _) in interview.data.counts() {
            let functie = functie.trim();
            if !functie.is_empty() && !out.iter().any(|o| o.eq_ignore_ascii_case(functie)) {
                out.push(functie.to_string());
            }
        }
    }
    out
}

/// The remembered functions that complete what is typed: those starting with it first, then
/// those with a word starting with it (ignoring case); none equal to it. All of them, at most
/// six, while nothing is typed.
pub fn suggestions<'a>(known: &'a [String], typed: &str) -> Vec<&'a String> {
    let typed = typed.trim().to_lowercase();
    let mut starts = Vec::new();
    let mut words = Vec::new();
    for k in known {
        let lower = k.to_lowercase();
        if lower == typed {
            continue;
        }
        if lower.starts_with(&typed) {
            starts.push(k);
        } else if lower.split_whitespace().any(|w| w.starts_with(&typed)) {
            words.push(k);
        }
    }
    starts.extend(words);
    starts.truncate(6);
    starts
}

/// Moves the focus to `next` after Enter left a field; the Enter is used up, so the next field
/// (drawn later in the same frame) does not take it too.
fn focus_next(ui: &mut Ui, next: Option<egui::Id>) {
    if let Some(next) = next {
        ui.memory_mut(|m| m.request_focus(next));
        ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Enter));
    }
}

fn functie_id() -> egui::Id {
    egui::Id::unique("flitsinterview-functie")
}

fn answer_id(q: &str) -> egui::Id {
    egui::Id::unique(("flitsinterview-antwoord", q))
}

fn tag_id(e: &str) -> egui::Id {
    egui::Id::unique(("flitsinterview-tag", e))
}

fn note_id() -> egui::Id {
    egui::Id::unique("flitsinterview-notitie")
}

/// Per flitsvraag, the verwachtingen whose tag is shown under it: each verwachting once, under
/// the first question that informs it.
fn tags_per_question(questions: &[crate::domain::kader::Question]) -> Vec<Vec<String>> {
    let mut seen: Vec<&String> = Vec::new();
    questions
        .iter()
        .map(|q| {
            q.expectations
                .iter()
                .filter(|e| {
                    let new = !seen.contains(e);
                    if new {
                        seen.push(e);
                    }
                    new
                })
                .cloned()
                .collect()
        })
        .collect()
}

/// The dialog. Made for speed with the keyboard only: the function field suggests the functions
/// used before in this file (Enter takes the highlighted one, arrow down / up choose), then one
/// field per question (Tab or Enter to the next), each followed by the tags of the verwachtingen
/// it informs (one Tab stop per verwachting: O, W or N), Ctrl+Enter saves, Esc cancels.
pub fn dialog(
    ctx: &egui::Context,
    ws: &mut Workspace,
    state: &mut FlashState,
    cmds: &mut Vec<Command>,
) {
    let questions = ws.inspection.framework.sources.flash_questions.clone();
    let tags = tags_per_question(&questions);
    let known = remembered_functions(ws);
    // Where Enter in a field goes next: the reading order of the fields and tag rows.
    let mut order = vec![functie_id()];
    for (q, tagged) in questions.iter().zip(&tags) {
        order.push(answer_id(&q.id));
        order.extend(tagged.iter().map(|e| tag_id(e)));
    }
    order.push(note_id());
    let next_after = |id: egui::Id| {
        order
            .iter()
            .position(|o| *o == id)
            .and_then(|i| order.get(i + 1))
            .copied()
    };
    let f = &mut *state;
    egui::Modal::new(egui::Id::unique("flitsinterview")).show(ctx, |ui| {
        // Take the shortcuts before any widget is drawn: a focused button must not also see the
        // Enter of Ctrl+Enter (it would toggle a tag the dialog then saves).
        let save_pressed = ui.input_mut(|i| shortcuts::SAVE_DIALOG.consume(i));
        let escape = ui.input_mut(|i| shortcuts::ESCAPE.consume(i));
        ui.set_width(640.0);
        let title = if f.editing.is_some() {
            "Flitsinterview bewerken"
        } else {
            "Flitsinterview"
        };
        ui.label(RichText::new(title).heading().strong());
        widgets::muted(
            ui,
            "Tab of Enter: volgend veld · bij een verwachting O, W of N · Ctrl+Enter: opslaan · Esc: annuleren",
        );
        ui.add_space(6.0);

        // The function, completed from the functions used before in this file. The arrow keys
        // are taken before the field sees them; what completes is decided on the text as typed
        // up to this frame (fast typing puts the last letters and Enter in one frame).
        let mut arrow: i32 = 0;
        if ui.memory(|m| m.has_focus(functie_id())) {
            if ui.input_mut(|i| shortcuts::SUGGESTION_DOWN.consume(i)) {
                arrow = 1;
            }
            if ui.input_mut(|i| shortcuts::SUGGESTION_UP.consume(i)) {
                arrow = -1;
            }
        }
        let l = ui.label("Functie van de gesprekspartner (geen naam):");
        let functie = ui
            .add(
                egui::TextEdit::singleline(&mut f.functie)
                    .id(functie_id())
                    .hint_text("bijv. medewerker frontoffice")
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(l.id);
        if f.focus_first {
            functie.request_focus();
            f.focus_first = false;
        }
        if functie.changed() {
            f.highlight = None;
        }
        let matches = suggestions(&known, &f.functie);
        // The first that completes what is typed, unless another was chosen with the arrows.
        let implicit = f
            .highlight
            .filter(|h| *h < matches.len())
            .or((!f.functie.trim().is_empty() && !matches.is_empty()).then_some(0));
        if !matches.is_empty() {
            match arrow {
                1 => f.highlight = Some(implicit.map_or(0, |h| (h + 1).min(matches.len() - 1))),
                -1 => f.highlight = implicit.map(|h| h.saturating_sub(1)),
                _ => {}
            }
        }
        let highlighted = f.highlight.filter(|h| *h < matches.len()).or(implicit);
        let mut take: Option<String> = None;
        if functie.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
            take = highlighted.map(|h| matches[h].clone());
            focus_next(ui, next_after(functie_id()));
        }
        if !matches.is_empty() {
            ui.horizontal_wrapped(|ui| {
                widgets::muted(ui, "Eerder gebruikt:");
                for (i, m) in matches.iter().enumerate() {
                    let chip = egui::Button::new(m.as_str())
                        .selected(Some(i) == highlighted)
                        .small()
                        .sense(egui::Sense::CLICK);
                    if ui.add(chip).clicked() {
                        take = Some((*m).clone());
                        if let Some(next) = next_after(functie_id()) {
                            ui.memory_mut(|mem| mem.request_focus(next));
                        }
                    }
                }
            });
            if let Some(h) = highlighted {
                widgets::muted(
                    ui,
                    format!(
                        "Enter neemt '{}' over · pijl omlaag of omhoog kiest een andere",
                        matches[h]
                    ),
                );
            } else {
                widgets::muted(
                    ui,
                    "Pijl omlaag kiest een eerder gebruikte functie, Enter neemt haar over",
                );
            }
        }
        if let Some(name) = take {
            f.functie = name;
            f.highlight = None;
        }

        egui::ScrollArea::vertical()
            .max_height(400.0)
            .show(ui, |ui| {
                for (q, tagged) in questions.iter().zip(&tags) {
                    ui.add_space(4.0);
                    let l = ui.label(RichText::new(&q.text).strong());
                    let answer = f.answers.entry(q.id.clone()).or_default();
                    let id = answer_id(&q.id);
                    let response = ui
                        .add(
                            egui::TextEdit::singleline(answer)
                                .id(id)
                                .desired_width(f32::INFINITY),
                        )
                        .labelled_by(l.id);
                    if response.gained_focus() {
                        response.scroll_to_me(None);
                    }
                    if response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                        focus_next(ui, next_after(id));
                    }
                    ui.indent(("tags", &q.id), |ui| {
                        for e in tagged {
                            let row = tag_id(e);
                            if let Some(tag) =
                                widgets::tag_selector(ui, row, e, f.tags.get(e).copied())
                            {
                                match tag {
                                    Some(t) => f.tags.insert(e.clone(), t),
                                    None => f.tags.remove(e),
                                };
                            }
                        }
                        let earlier: Vec<&str> = q
                            .expectations
                            .iter()
                            .filter(|e| !tagged.contains(e))
                            .map(String::as_str)
                            .collect();
                        if !earlier.is_empty() {
                            widgets::muted(
                                ui,
                                format!("ook over {} (tag hierboven)", join_and(&earlier)),
                            );
                        }
                    });
                }
                ui.add_space(4.0);
                let l = ui.label("Notitie");
                let note = ui
                    .add(
                        egui::TextEdit::multiline(&mut f.notitie)
                            .id(note_id())
                            .desired_rows(2)
                            .desired_width(f32::INFINITY),
                    )
                    .labelled_by(l.id);
                if note.gained_focus() {
                    note.scroll_to_me(None);
                }
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

/// The logged flitsinterviews, newest first. The one the dialog just saved (`state.saved`)
/// takes the focus.
pub fn list(ui: &mut Ui, ws: &mut Workspace, state: &mut FlashState, cmds: &mut Vec<Command>) {
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
        .id_salt(("flitsinterviews", ws.inspection.id))
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
                        let edit = ui.small_button("Bewerken");
                        if state.saved.as_ref() == Some(&id) {
                            // Just saved: the focus goes to it.
                            state.saved = None;
                            edit.request_focus();
                            edit.scroll_to_me(None);
                        }
                        if edit.clicked() {
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
                        // The question as asked (never its id), then the answer.
                        ui.horizontal_wrapped(|ui| {
                            widgets::muted(ui, questions.get(q).map_or("Vraag", String::as_str));
                            ui.label(a);
                        });
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
