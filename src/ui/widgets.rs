//! Small widgets shared by the screens. Every interactive widget gets an accessible name (kittest
//! and screen readers find it by that name) and is reachable with Tab.

use eframe::egui::{self, Color32, Key, RichText, Ui};

use crate::domain::Verdict;
use crate::domain::inspection::Tag;
use crate::domain::judgement::JudgementValue;

use super::commands::Command;
use super::workspace::{DraftTarget, Workspace};

pub const GREEN: Color32 = Color32::from_rgb(0x1e, 0x7b, 0x3a);
pub const AMBER: Color32 = Color32::from_rgb(0xb0, 0x6a, 0x00);
pub const RED: Color32 = Color32::from_rgb(0xb3, 0x1d, 0x1d);
pub const GREY: Color32 = Color32::from_rgb(0x6b, 0x6b, 0x6b);

/// The colour of an eindoordeel, from its place in the kader's list: the best green, the worst
/// red, every one between amber.
pub fn verdict_color(v: Verdict) -> Color32 {
    match v.rank() {
        (0, _) => GREEN,
        (rank, of) if rank + 1 >= of => RED,
        _ => AMBER,
    }
}

pub fn value_color(v: JudgementValue) -> Color32 {
    match v {
        JudgementValue::Voldoende => GREEN,
        JudgementValue::Onvoldoende => RED,
        JudgementValue::NietBeoordeeld => GREY,
    }
}

/// A single-line text field with a visible label that is also its accessible name.
pub fn text_field(ui: &mut Ui, label: &str, text: &mut String) -> egui::Response {
    ui.horizontal(|ui| {
        let l = ui.label(label);
        ui.add(egui::TextEdit::singleline(text).desired_width(320.0))
            .labelled_by(l.id)
    })
    .inner
}

/// A text field bound to a draft of `target`: edits are kept as a draft and saved when the field
/// loses focus or the typing pauses.
pub fn draft_field(
    ui: &mut Ui,
    ws: &mut Workspace,
    target: DraftTarget,
    label: &str,
    multiline: bool,
    cmds: &mut Vec<Command>,
) -> egui::Response {
    let label_response = ui.label(RichText::new(label).small().color(GREY));
    let text = ws.draft_text(&target);
    let edit = if multiline {
        egui::TextEdit::multiline(text)
            .desired_rows(3)
            .desired_width(f32::INFINITY)
    } else {
        egui::TextEdit::singleline(text).desired_width(f32::INFINITY)
    };
    let response = ui.add(edit).labelled_by(label_response.id);
    if response.changed() {
        ws.touch_draft(&target);
    }
    if response.lost_focus() {
        cmds.push(Command::CommitDraft(target));
    }
    response
}

/// A one-key tag selector for one verwachting: one stop in the Tab order (the whole row, with a
/// visible focus ring), where the keys O, W and N choose ondersteunt, weerspreekt, neutraal
/// (Delete or Backspace clear it). The three choices can be
/// clicked too (they are not Tab stops of their own: one Tab per verwachting). `id` identifies
/// the row (to move the focus to it). Returns the new tag when it changed.
pub fn tag_selector(
    ui: &mut Ui,
    id: egui::Id,
    expectation: &str,
    current: Option<Tag>,
) -> Option<Option<Tag>> {
    let mut result = None;
    let focused = ui.memory(|m| m.has_focus(id));
    if focused {
        let keys = [
            (Key::O, Some(Tag::Ondersteunt)),
            (Key::W, Some(Tag::Weerspreekt)),
            (Key::N, Some(Tag::Neutraal)),
            (Key::Delete, None),
            (Key::Backspace, None),
        ];
        for (key, tag) in keys {
            if ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, key)) {
                result = Some(tag);
            }
        }
    }
    let shown = match result {
        Some(new) => new,
        None => current,
    };
    // Ids of its own, so the choices keep their ids whatever is drawn above them.
    let row = ui.scope_builder(egui::UiBuilder::new().id_salt(id), |ui| {
        ui.horizontal(|ui| {
            ui.label(RichText::new(expectation).monospace());
            for tag in Tag::ALL {
                let (short, color) = match tag {
                    Tag::Ondersteunt => ("ondersteunt", GREEN),
                    Tag::Weerspreekt => ("weerspreekt", RED),
                    Tag::Neutraal => ("neutraal", GREY),
                };
                let selected = shown == Some(tag);
                let text = if selected {
                    RichText::new(short).color(Color32::WHITE)
                } else {
                    RichText::new(short).color(color)
                };
                let button = egui::Button::new(text)
                    .selected(selected)
                    .fill(if selected {
                        color
                    } else {
                        Color32::TRANSPARENT
                    })
                    .small()
                    .sense(egui::Sense::CLICK);
                let response = ui.add(button);
                response.widget_info(|| {
                    egui::WidgetInfo::selected(
                        egui::Role::CheckBox,
                        true,
                        selected,
                        format!("{expectation} {short}"),
                    )
                });
                if response.clicked() {
                    result = Some(if selected { None } else { Some(tag) });
                }
            }
            if focused {
                ui.label(RichText::new("O, W of N · Delete wist").small().color(GREY));
            }
        })
    });
    let rect = row.response.rect;
    let focus = ui.interact(rect, id, egui::Sense::FOCUSABLE);
    if result.is_some() && !focused {
        // A click on a choice puts the keys on the row (after the row's own check, which drops
        // the focus of a widget clicked beside).
        ui.memory_mut(|m| m.request_focus(id));
    }
    let value = shown.map_or("geen tag", Tag::as_str).to_string();
    focus.widget_info(|| {
        let mut info =
            egui::WidgetInfo::labeled(egui::Role::RadioGroup, true, format!("Tag {expectation}"));
        info.current_text_value = Some(value.clone());
        info
    });
    if focus.gained_focus() {
        focus.scroll_to_me(None);
    }
    if focus.has_focus() {
        let stroke = egui::Stroke::new(2.0, ui.visuals().selection.stroke.color);
        ui.painter()
            .rect_stroke(rect.expand(3.0), 4.0, stroke, egui::StrokeKind::Outside);
    }
    result
}

/// A coloured oordeel label, e.g. "onvoldoende".
pub fn value_badge(ui: &mut Ui, value: JudgementValue, text: &str) {
    ui.label(RichText::new(text).strong().color(value_color(value)));
}

/// A timestamp in local time as dd-mm-jjjj uu:mm (how the app shows when something was saved).
pub fn local_time(at: jiff::Timestamp) -> String {
    let z = at.to_zoned(jiff::tz::TimeZone::system());
    format!(
        "{} {:02}:{:02}",
        crate::domain::termijn::format_date_nl(z.date()),
        z.hour(),
        z.minute()
    )
}

/// A section heading.
pub fn heading(ui: &mut Ui, text: &str) {
    ui.add_space(6.0);
    ui.label(RichText::new(text).heading().strong());
    ui.add_space(2.0);
}

/// A muted explanatory line.
pub fn muted(ui: &mut Ui, text: impl Into<String>) {
    ui.label(RichText::new(text.into()).color(GREY));
}

/// A date field typed as dd-mm-jjjj. The text is validated when the field loses focus: an invalid
/// The reason the date field `id` refuses its input, if it does (see [`date_field`]).
pub fn date_error(ui: &Ui, id: egui::Id) -> Option<String> {
    ui.data(|d| d.get_temp::<String>(id.with("fout")))
}

/// date is refused at the field with the reason (and nothing is saved); a valid one is returned
/// as `Some(new value)` when it differs from `current`. An empty field means "no date".
pub fn date_field(
    ui: &mut Ui,
    id: egui::Id,
    label: &str,
    current: Option<jiff::civil::Date>,
) -> Option<Option<jiff::civil::Date>> {
    use crate::domain::termijn::{format_date_nl, parse_date_input};
    let error_key = id.with("fout");
    let mut text: String = ui.data_mut(|d| {
        d.get_temp(id)
            .unwrap_or_else(|| current.map(format_date_nl).unwrap_or_default())
    });
    let mut error: Option<String> = ui.data_mut(|d| d.get_temp(error_key));
    let mut result = None;
    ui.horizontal(|ui| {
        let l = ui.label(label);
        let response = ui
            .add(
                egui::TextEdit::singleline(&mut text)
                    .desired_width(96.0)
                    .hint_text("dd-mm-jjjj"),
            )
            .labelled_by(l.id);
        if !response.has_focus() && error.is_none() && !response.lost_focus() {
            // Follow the stored value while the field is not being edited.
            text = current.map(format_date_nl).unwrap_or_default();
        }
        if response.lost_focus() {
            let parsed = if text.trim().is_empty() {
                Ok(None)
            } else {
                parse_date_input(&text).map(Some)
            };
            match parsed {
                Ok(date) => {
                    error = None;
                    text = date.map(format_date_nl).unwrap_or_default();
                    if date != current {
                        result = Some(date);
                    }
                }
                Err(e) => error = Some(e),
            }
        }
        if let Some(e) = &error {
            ui.label(RichText::new(e).color(RED));
        }
    });
    ui.data_mut(|d| {
        d.insert_temp(id, text);
        match error {
            Some(e) => {
                d.insert_temp(error_key, e);
            }
            None => d.remove::<String>(error_key),
        }
    });
    result
}

/// A collapsed list of deleted records, each with a "Terugzetten" button that pushes its command.
/// `items`: the button text (what comes back) and the command that restores it.
pub fn restore_list(
    ui: &mut Ui,
    title: &str,
    hint: &str,
    items: Vec<(String, Command)>,
    cmds: &mut Vec<Command>,
) {
    if items.is_empty() {
        return;
    }
    egui::CollapsingHeader::new(format!("{title} ({})", items.len()))
        .id_salt(title)
        .show(ui, |ui| {
            for (label, command) in items {
                if ui
                    .small_button(format!("Terugzetten: {label}"))
                    .on_hover_text(hint)
                    .clicked()
                {
                    cmds.push(command);
                }
            }
        });
}
