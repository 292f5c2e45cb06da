//! One dossiervraag over all dossiers: choose a question of the kader's dossier checklist and
//! see and set its answer (ja / nee / n.v.t.) per dossier in one list — the dossiers of the
//! table's filter, in its order. With the keyboard the list is one Tab stop: ↑/↓ choose a
//! dossier, J, N and V answer (the cursor then moves on to the next dossier), Delete clears; the
//! answers can be clicked too. The dossiers still without an answer can get one answer at once,
//! after a confirmation.
//!
//! Every answer is its own [`Edit`] through the workspace, as on the dossier's own checklist (the
//! toelichting typed so far goes along). An answer with two versions (after a merge) is not
//! edited here: its row says so and offers the choice on the Conflicten screen.

use eframe::egui::{self, Key, RichText, Ui};

use crate::domain::inspection::{CheckAnswer, Inspection, Kind};
use crate::domain::kader::Question;
use crate::ui::commands::Command;
use crate::ui::edit::{Edit, RecordRef, text};
use crate::ui::widgets::{self, GREY, RED};
use crate::ui::workspace::Workspace;

use super::list::{DataKey, DossierList, Filter, ScrollMemo, Sort};

/// The height of a row of the list.
const ROW: f32 = 30.0;

/// The answers that can be given (a dossiervraag starts open).
const ANSWERS: [CheckAnswer; 3] = [CheckAnswer::Ja, CheckAnswer::Nee, CheckAnswer::Nvt];

/// The UI state of the view.
#[derive(Debug, Default)]
pub struct BulkState {
    /// The dossiervraag shown (its id in the kader); the first one when none was chosen.
    pub question: Option<String>,
    /// The dossier the keys act on.
    pub cursor: Option<String>,
    /// Asking "zeker weten?" before giving every dossier without an answer this one.
    confirm: Option<CheckAnswer>,
    /// What a key or button could not do (an answer with two versions).
    pub message: Option<String>,
    counts: Option<(CountsKey, Counts)>,
    scroll: ScrollMemo,
    /// Give the list the keyboard focus (after a click on one of its answers).
    focus: bool,
}

type CountsKey = (Option<(DataKey, Filter, Sort)>, usize, String);

/// The answers to one question over the dossiers shown.
#[derive(Debug, Default, Clone)]
struct Counts {
    ja: usize,
    nee: usize,
    nvt: usize,
    open: usize,
    conflicted: usize,
    /// The dossiers shown without an answer (and without two versions of one), in order.
    unanswered: Vec<String>,
}

/// One dossier's answer to the question.
struct Answer {
    check: String,
    antwoord: CheckAnswer,
    conflicted: bool,
    notitie: String,
}

fn answer(inspection: &Inspection, dossier: &str, vraag: &str) -> Answer {
    let check = inspection.check_id(dossier, vraag);
    let current = inspection.checks.get(&check);
    Answer {
        antwoord: current.map_or(CheckAnswer::Open, |c| c.data.antwoord),
        notitie: current.map(|c| c.data.notitie.clone()).unwrap_or_default(),
        conflicted: inspection.is_conflicted(Kind::Check, &check),
        check,
    }
}

/// The edit that gives dossier `dossier` answer `antwoord` to `vraag`.
fn edit(dossier: &str, vraag: &str, antwoord: CheckAnswer) -> Command {
    Command::Edit(Edit::set(
        RecordRef::Check {
            dossier: dossier.to_string(),
            vraag: vraag.to_string(),
        },
        "antwoord",
        text(antwoord.as_str()),
    ))
}

/// Takes the presses of a key (without modifiers) for the focused widget and says how many
/// there were this frame (a slow frame can hold several): they are consumed, and an arrow key
/// no longer moves the focus to a neighbouring widget (egui decides that at the start of the
/// frame, before the widget's lock on the arrows is in place on its first frame with the focus).
pub(super) fn take_key(ui: &Ui, key: Key) -> usize {
    let taken = ui.input_mut(|i| i.count_and_consume_key(egui::Modifiers::NONE, key));
    if taken > 0 {
        ui.memory_mut(|m| m.move_focus(egui::FocusDirection::None));
    }
    taken
}

/// `text` cut at a word to at most about `max` characters, with "…" when cut.
pub fn short(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > max / 2 => &cut[..i],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
}

/// The name of a dossiervraag in a list: its text in short, with the verwachtingen it informs.
fn question_label(q: &Question, max: usize) -> String {
    format!("{} ({})", short(&q.text, max), q.expectations.join(", "))
}

pub fn show(
    ui: &mut Ui,
    ws: &Workspace,
    list: &DossierList,
    state: &mut BulkState,
    cmds: &mut Vec<Command>,
) {
    let checklist = &ws.inspection.framework.sources.checklist;
    if checklist.is_empty() {
        widgets::muted(ui, "Dit kader heeft geen dossiervragen.");
        return;
    }
    let index = state
        .question
        .as_ref()
        .and_then(|id| checklist.iter().position(|q| &q.id == id))
        .unwrap_or(0);
    let mut chosen = index;
    ui.horizontal(|ui| {
        let l = ui.label("Dossiervraag:");
        let width = (ui.available_width() - 260.0).clamp(200.0, 620.0);
        egui::ComboBox::from_id_salt("dossiervraag-kiezen")
            .selected_text(question_label(&checklist[index], 70))
            .width(width)
            .height(480.0)
            .show_ui(ui, |ui| {
                ui.set_min_width(width);
                for (i, q) in checklist.iter().enumerate() {
                    ui.selectable_value(&mut chosen, i, question_label(q, 110));
                }
            })
            .response
            .labelled_by(l.id);
        if ui
            .add_enabled(index > 0, egui::Button::new("Vorige vraag"))
            .clicked()
        {
            chosen = index - 1;
        }
        if ui
            .add_enabled(
                index + 1 < checklist.len(),
                egui::Button::new("Volgende vraag"),
            )
            .clicked()
        {
            chosen = index + 1;
        }
    });
    if chosen != index {
        state.confirm = None;
        state.message = None;
    }
    let q = &checklist[chosen];
    state.question = Some(q.id.clone());
    ui.label(RichText::new(&q.text).strong());
    widgets::muted(
        ui,
        format!(
            "Vraag {} van {} · verwachting {}",
            chosen + 1,
            checklist.len(),
            q.expectations.join(", ")
        ),
    );

    let counts = counts(ws, list, state, &q.id);
    summary(ui, list, &counts, state, &q.id, cmds);
    if let Some(message) = &state.message {
        ui.label(RichText::new(message).color(RED));
    }
    widgets::muted(
        ui,
        "In de lijst: pijl omhoog/omlaag kiest een dossier, J = ja, N = nee, V = n.v.t. (daarna door naar het volgende dossier), Delete wist het antwoord.",
    );
    ui.separator();
    rows(ui, ws, list, state, q, cmds);
}

/// The answers over the dossiers shown, computed when the data, the filter or the question
/// changes (not per frame).
fn counts(ws: &Workspace, list: &DossierList, state: &mut BulkState, vraag: &str) -> Counts {
    let key: CountsKey = (
        list.view_key(),
        ws.inspection.checks.revision_count(),
        vraag.to_string(),
    );
    if let Some((k, c)) = &state.counts
        && *k == key
    {
        return c.clone();
    }
    let mut c = Counts::default();
    for row in list.shown_rows() {
        let a = answer(&ws.inspection, &row.id, vraag);
        if a.conflicted {
            c.conflicted += 1;
            continue;
        }
        match a.antwoord {
            CheckAnswer::Ja => c.ja += 1,
            CheckAnswer::Nee => c.nee += 1,
            CheckAnswer::Nvt => c.nvt += 1,
            CheckAnswer::Open => {
                c.open += 1;
                c.unanswered.push(row.id.clone());
            }
        }
    }
    state.counts = Some((key, c.clone()));
    c
}

/// "ja 5 · nee 2 · n.v.t. 1 · nog geen antwoord 4", and one answer for every dossier without
/// one (after a confirmation).
fn summary(
    ui: &mut Ui,
    list: &DossierList,
    c: &Counts,
    state: &mut BulkState,
    vraag: &str,
    cmds: &mut Vec<Command>,
) {
    let mut parts = vec![
        format!("ja {}", c.ja),
        format!("nee {}", c.nee),
        format!("n.v.t. {}", c.nvt),
        format!("nog geen antwoord {}", c.open),
    ];
    if c.conflicted > 0 {
        parts.push(format!("twee versies {}", c.conflicted));
    }
    let of = crate::ui::types::count(
        list.shown_len() as u64,
        "getoond dossier",
        "getoonde dossiers",
    );
    ui.label(format!("{} (van {of})", parts.join(" · ")));
    let n = c.unanswered.len();
    if n == 0 {
        state.confirm = None;
        return;
    }
    let many = crate::ui::types::count(n as u64, "dossier", "dossiers");
    ui.horizontal_wrapped(|ui| match state.confirm {
        None => {
            ui.label(format!("{many} zonder antwoord in één keer beantwoorden:"));
            for a in ANSWERS {
                let response = ui.button(a.label());
                response.widget_info(|| {
                    egui::WidgetInfo::labeled(
                        egui::Role::Button,
                        ui.is_enabled(),
                        format!("Alle dossiers zonder antwoord: {}", a.label()),
                    )
                });
                if response.clicked() {
                    state.confirm = Some(a);
                }
            }
        }
        Some(a) => {
            ui.label(
                RichText::new(format!(
                    "Zeker weten? {many} krijg{} het antwoord “{}” op deze vraag.",
                    if n == 1 { "t" } else { "en" },
                    a.label()
                ))
                .color(RED),
            );
            if ui.button("Ja, vastleggen").clicked() {
                for dossier in &c.unanswered {
                    cmds.push(edit(dossier, vraag, a));
                }
                state.confirm = None;
            }
            if ui.button("Nee, niet doen").clicked() {
                state.confirm = None;
            }
        }
    });
}

/// The list: one row per dossier shown, one Tab stop for all of them.
fn rows(
    ui: &mut Ui,
    ws: &Workspace,
    list: &DossierList,
    state: &mut BulkState,
    q: &Question,
    cmds: &mut Vec<Command>,
) {
    let n = list.shown_len();
    if n == 0 {
        widgets::muted(ui, "Geen dossiers met dit filter.");
        return;
    }
    let focus_id = egui::Id::unique("veldtoets-dossiervraag-lijst");
    let mut cursor = state
        .cursor
        .as_deref()
        .and_then(|id| list.position(id))
        .unwrap_or(0);
    let focused = ui.memory(|m| m.has_focus(focus_id));
    if focused {
        ui.memory_mut(|m| {
            m.set_focus_lock_filter(
                focus_id,
                egui::EventFilter {
                    vertical_arrows: true,
                    ..Default::default()
                },
            );
        });
        let page = ((state.scroll.view[1] / ROW).floor() as usize).max(1);
        let before = cursor;
        let last = n - 1;
        cursor = (cursor + take_key(ui, Key::ArrowDown)).min(last);
        cursor = cursor.saturating_sub(take_key(ui, Key::ArrowUp));
        cursor = (cursor + page * take_key(ui, Key::PageDown)).min(last);
        cursor = cursor.saturating_sub(page * take_key(ui, Key::PageUp));
        if take_key(ui, Key::Home) > 0 {
            cursor = 0;
        }
        if take_key(ui, Key::End) > 0 {
            cursor = last;
        }
        let keys = [
            (Key::J, CheckAnswer::Ja),
            (Key::N, CheckAnswer::Nee),
            (Key::V, CheckAnswer::Nvt),
            (Key::Delete, CheckAnswer::Open),
            (Key::Backspace, CheckAnswer::Open),
        ];
        for (k, a) in keys {
            // Each press answers a dossier and moves on (clearing stays on the dossier).
            for _ in 0..take_key(ui, k) {
                let row = list.shown(cursor);
                if set(ws, state, &row.id, &row.nummer, &q.id, a, cmds) && a != CheckAnswer::Open {
                    cursor = (cursor + 1).min(last);
                }
            }
        }
        if cursor != before {
            state.scroll.to_row = Some(cursor);
        }
    }
    state.cursor = Some(list.shown(cursor).id.clone());

    let mut area = egui::ScrollArea::vertical()
        .id_salt("dossiervraag-rijen")
        .auto_shrink([false, false]);
    if let Some(row) = state.scroll.to_row.take()
        && let Some(y) = state.scroll.offset_for_row(row, ROW)
    {
        area = area.vertical_scroll_offset(y);
    }
    let selection = ui.visuals().selection.stroke.color;
    let output = ui
        .scope(|ui| {
            ui.style_mut().interaction.selectable_labels = false;
            ui.spacing_mut().item_spacing.y = 0.0;
            area.show_rows(ui, ROW, n, |ui, range| {
                for i in range {
                    let row = list.shown(i);
                    let (rect, _) = ui.allocate_exact_size(
                        egui::vec2(ui.available_width(), ROW),
                        egui::Sense::hover(),
                    );
                    if i % 2 == 1 {
                        ui.painter()
                            .rect_filled(rect, 0.0, ui.visuals().faint_bg_color);
                    }
                    if i == cursor {
                        // The cursor: a bar in front of the row (a fill would hide which answer
                        // is chosen), and a ring while the list has the focus.
                        let bar = egui::Rect::from_min_size(rect.min, egui::vec2(4.0, ROW));
                        ui.painter().rect_filled(bar, 1.0, selection);
                        if focused {
                            ui.painter().rect_stroke(
                                rect.shrink(1.0),
                                2.0,
                                egui::Stroke::new(2.0, selection),
                                egui::StrokeKind::Inside,
                            );
                        }
                    }
                    let mut cell = ui.new_child(
                        egui::UiBuilder::new()
                            .id_salt(("dossiervraag-rij", row.id.as_str()))
                            .max_rect(rect.shrink2(egui::vec2(8.0, 0.0)))
                            .layout(egui::Layout::left_to_right(egui::Align::Center)),
                    );
                    if line(&mut cell, ws, state, row, &q.id, cmds) {
                        cursor = i;
                        state.cursor = Some(row.id.clone());
                        state.focus = true;
                    }
                }
            })
        })
        .inner;
    let offset = output.state.clamped_offset();
    state.scroll.offset = [offset.x, offset.y];
    state.scroll.view = [output.inner_rect.width(), output.inner_rect.height()];

    let focus = ui.interact(output.inner_rect, focus_id, egui::Sense::FOCUSABLE);
    let current = list.shown(cursor);
    let value = format!(
        "dossier {}: {}",
        current.nummer,
        answer(&ws.inspection, &current.id, &q.id).antwoord.label()
    );
    focus.widget_info(|| {
        let mut info = egui::WidgetInfo::labeled(egui::Role::List, true, "Antwoorden per dossier");
        info.current_text_value = Some(value.clone());
        info
    });
    if std::mem::take(&mut state.focus) {
        focus.request_focus();
    }
    if focus.has_focus() {
        ui.painter().rect_stroke(
            output.inner_rect,
            2.0,
            egui::Stroke::new(1.0, selection),
            egui::StrokeKind::Inside,
        );
    }
}

/// One dossier's row: number, the answers, the toelichting. Returns whether one of its answers
/// was clicked.
fn line(
    ui: &mut Ui,
    ws: &Workspace,
    state: &mut BulkState,
    row: &super::list::Row,
    vraag: &str,
    cmds: &mut Vec<Command>,
) -> bool {
    let a = answer(&ws.inspection, &row.id, vraag);
    let mut clicked = false;
    ui.allocate_ui_with_layout(
        egui::vec2(140.0, ROW),
        egui::Layout::left_to_right(egui::Align::Center),
        |ui| {
            ui.set_min_width(140.0);
            ui.add(egui::Label::new(RichText::new(&row.nummer).strong()).truncate());
        },
    );
    if a.conflicted {
        ui.label(RichText::new("⚠ twee versies").color(RED).strong());
        let choose = ui.button("Kies een versie…");
        choose.widget_info(|| {
            egui::WidgetInfo::labeled(
                egui::Role::Button,
                ui.is_enabled(),
                format!(
                    "Kies een versie van het antwoord bij dossier {}",
                    row.nummer
                ),
            )
        });
        if choose.clicked() {
            cmds.push(Command::ShowConflict {
                kind: Kind::Check,
                entity: a.check.clone(),
            });
        }
    } else {
        for answer in ANSWERS {
            let selected = a.antwoord == answer;
            let response = ui.add(
                egui::Button::new(answer.label())
                    .selected(selected)
                    .min_size(egui::vec2(52.0, 22.0))
                    .sense(egui::Sense::CLICK),
            );
            response.widget_info(|| {
                egui::WidgetInfo::selected(
                    egui::Role::RadioButton,
                    ui.is_enabled(),
                    selected,
                    format!("{}: {}", row.nummer, answer.label()),
                )
            });
            if response.clicked() {
                clicked = true;
                if !selected {
                    set(ws, state, &row.id, &row.nummer, vraag, answer, cmds);
                }
            }
        }
    }
    if !a.notitie.is_empty() {
        ui.add_space(8.0);
        ui.add(egui::Label::new(RichText::new(&a.notitie).color(GREY)).truncate());
    }
    clicked
}

/// Gives dossier `id` answer `antwoord` (Open clears it); refused with a message for an answer
/// with two versions. Returns whether the dossier can be answered.
fn set(
    ws: &Workspace,
    state: &mut BulkState,
    id: &str,
    nummer: &str,
    vraag: &str,
    antwoord: CheckAnswer,
    cmds: &mut Vec<Command>,
) -> bool {
    let current = answer(&ws.inspection, id, vraag);
    if current.conflicted {
        state.message = Some(format!(
            "Het antwoord bij dossier {nummer} heeft twee versies: kies eerst welke geldt (“Kies een versie…”)."
        ));
        return false;
    }
    state.message = None;
    if current.antwoord != antwoord {
        cmds.push(edit(id, vraag, antwoord));
    }
    true
}

#[cfg(test)]
mod tests {
    use super::short;

    #[test]
    fn short_cuts_at_a_word() {
        assert_eq!(
            short("Is een veiligheidsplan opgesteld?", 80),
            "Is een veiligheidsplan opgesteld?"
        );
        assert_eq!(
            short(
                "Is vastgelegd wie toeziet op het naleven van de gemaakte afspraken?",
                30
            ),
            "Is vastgelegd wie toeziet op…"
        );
    }
}
