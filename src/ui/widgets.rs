//! Small widgets shared by the screens. Every interactive widget gets an accessible name (kittest
//! and screen readers find it by that name) and is reachable with Tab.

use eframe::egui::{self, Color32, RichText, Ui, accesskit::Role};

use crate::domain::Verdict;
use crate::domain::inspection::Tag;
use crate::domain::judgement::JudgementValue;

use super::commands::Command;
use super::shortcuts;
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
    draft_edit(
        ui,
        ws,
        target,
        true,
        |text| {
            if multiline {
                egui::TextEdit::multiline(text)
                    .desired_rows(3)
                    .desired_width(f32::INFINITY)
            } else {
                egui::TextEdit::singleline(text).desired_width(f32::INFINITY)
            }
        },
        cmds,
    )
    .labelled_by(label_response.id)
}

/// A text edit bound to a draft of `target`, for a screen that lays the field out itself (its
/// size, hint and accessible name are the caller's, from `edit`, which gets the text): what is
/// typed is the draft, on disk within [`super::workspace::DRAFT_PERSIST`], and becomes a revision
/// when the field loses focus, the typing pauses, the screen changes or the inspection closes.
/// Shown disabled when not `enabled` (a file opened read-only).
pub fn draft_edit(
    ui: &mut Ui,
    ws: &mut Workspace,
    target: DraftTarget,
    enabled: bool,
    edit: impl for<'t> FnOnce(&'t mut String) -> egui::TextEdit<'t>,
    cmds: &mut Vec<Command>,
) -> egui::Response {
    let text = ws.draft_text(&target);
    let response = ui.add_enabled(enabled, edit(text));
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
            (shortcuts::ONDERSTEUNT, Some(Tag::Ondersteunt)),
            (shortcuts::WEERSPREEKT, Some(Tag::Weerspreekt)),
            (shortcuts::NEUTRAAL, Some(Tag::Neutraal)),
            (shortcuts::DELETE, None),
            (shortcuts::BACKSPACE, None),
        ];
        for (key, tag) in keys {
            if ui.input_mut(|i| key.consume(i)) {
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
    ui.ctx().accesskit_node_builder(focus.id, |node| {
        node.set_keyboard_shortcut("O W N");
    });
    if focus.gained_focus() {
        focus.scroll_to_me(None);
    }
    // Its focus ring is the app's (see `focus_ring`), around the whole row.
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

/// A table that a screen reader reads as one: a `Table` node (named `name`) with a `Row` per
/// line and a `ColumnHeader` or `Cell` per cell (egui's [`egui::Grid`] is only a layout, so
/// its labels would be a flat list). Draw the lines with [`Table::row`], then fill the row's
/// cells in order.
pub struct Table {
    id: egui::Id,
    rows: usize,
}

/// One line of a [`Table`], being filled.
pub struct Row {
    id: egui::Id,
    index: usize,
    column: usize,
    rect: egui::Rect,
}

/// Lays out `grid` inside an accessible table named `name` with `columns` columns.
pub fn table<R>(
    ui: &mut Ui,
    name: &str,
    columns: usize,
    grid: egui::Grid,
    add: impl FnOnce(&mut Ui, &mut Table) -> R,
) -> R {
    grid.show(ui, |ui| {
        // The grid's own container is the table (its rows are its only children).
        let id = ui.unique_id();
        let mut table = Table { id, rows: 0 };
        let result = add(ui, &mut table);
        let rows = table.rows;
        ui.ctx().accesskit_node_builder(id, |node| {
            node.set_role(Role::Table);
            node.set_label(name);
            node.set_row_count(rows);
            node.set_column_count(columns);
        });
        result
    })
    .inner
}

impl Table {
    /// Starts the next line (call [`Row::end`] after its cells).
    pub fn row(&mut self, ui: &mut Ui) -> Row {
        let index = self.rows;
        self.rows += 1;
        let at = egui::Rect::from_min_size(ui.cursor().min, egui::Vec2::ZERO);
        let row = ui.new_child(
            egui::UiBuilder::new()
                .id_salt(("tabelrij", index))
                .max_rect(at)
                .accessibility_parent(self.id)
                .accessibility_role(Role::Row),
        );
        let id = row.unique_id();
        drop(row);
        ui.ctx()
            .accesskit_node_builder(id, |node| node.set_row_index(index));
        Row {
            id,
            index,
            column: 0,
            rect: egui::Rect::NOTHING,
        }
    }

    /// A line of column headers, in bold.
    pub fn header_row(&mut self, ui: &mut Ui, headers: &[&str]) {
        let mut row = self.row(ui);
        for h in headers {
            row.header(ui, h);
        }
        row.end(ui);
    }
}

impl Row {
    fn add<R>(
        &mut self,
        ui: &mut Ui,
        role: Role,
        span: usize,
        add: impl FnOnce(&mut Ui) -> R,
    ) -> R {
        let column = self.column;
        self.column += span;
        let builder = egui::UiBuilder::new()
            .accessibility_parent(self.id)
            .accessibility_role(role);
        let cell = ui.scope_builder(builder, add);
        let index = self.index;
        ui.ctx().accesskit_node_builder(cell.response.id, |node| {
            node.set_row_index(index);
            node.set_column_index(column);
            if span > 1 {
                node.set_column_span(span);
            }
        });
        self.rect = self.rect.union(cell.response.rect);
        cell.inner
    }

    /// A column header (bold text), named by its text.
    pub fn header(&mut self, ui: &mut Ui, text: &str) {
        let id = self.add(ui, Role::ColumnHeader, 1, |ui| {
            ui.label(RichText::new(text).strong());
            ui.unique_id()
        });
        ui.ctx()
            .accesskit_node_builder(id, |node| node.set_label(text));
    }

    /// A cell with whatever `add` puts in it.
    pub fn cell<R>(&mut self, ui: &mut Ui, add: impl FnOnce(&mut Ui) -> R) -> R {
        self.add(ui, Role::Cell, 1, add)
    }

    /// A cell that spans `columns` columns (for a screen reader; the grid lays it out in the
    /// first).
    pub fn wide_cell<R>(
        &mut self,
        ui: &mut Ui,
        columns: usize,
        add: impl FnOnce(&mut Ui) -> R,
    ) -> R {
        self.add(ui, Role::Cell, columns, add)
    }

    /// A cell with one label.
    pub fn text(&mut self, ui: &mut Ui, text: impl Into<egui::WidgetText>) -> egui::Response {
        self.cell(ui, |ui| ui.label(text))
    }

    /// Ends the line (and the grid's row).
    pub fn end(self, ui: &mut Ui) {
        let rect = self.rect;
        if rect.is_positive() {
            ui.ctx().accesskit_node_builder(self.id, |node| {
                node.set_bounds(egui::accesskit::Rect {
                    x0: rect.min.x.into(),
                    y0: rect.min.y.into(),
                    x1: rect.max.x.into(),
                    y1: rect.max.y.into(),
                });
            });
        }
        ui.end_row();
    }
}

/// A group of radio buttons a screen reader announces with its name ("Oordeel"): what `add`
/// draws inside it, in a row.
pub fn radio_group<R>(ui: &mut Ui, name: &str, add: impl FnOnce(&mut Ui) -> R) -> R {
    let builder = egui::UiBuilder::new()
        // Aligned at the top: a centred row would sit in the middle of all the height there is.
        .layout(egui::Layout::left_to_right(egui::Align::Min))
        .accessibility_role(Role::RadioGroup)
        .accessibility_label(name);
    ui.scope_builder(builder, add).inner
}

/// Names a radio button for a screen reader (the visible text may carry its key, "voldoende
/// (V)"), with its state and the key that chooses it.
pub fn radio_info(response: &egui::Response, name: &str, selected: bool, key: Option<&str>) {
    response
        .widget_info(|| egui::WidgetInfo::selected(egui::Role::RadioButton, true, selected, name));
    if let Some(key) = key {
        response.ctx.accesskit_node_builder(response.id, |node| {
            node.set_keyboard_shortcut(key);
        });
    }
}

/// The arrow keys in a group of radio buttons, as a screen-reader user expects: while one of
/// `radios` (the group's buttons, in order, drawn this frame) has the keyboard focus, Right and
/// Down go to the next choice and Left and Up to the previous, round at the ends; the focus goes
/// with them. Returns the index of the choice the keys went to (for the caller to choose it),
/// `None` when no arrow was pressed on the group. The keys are taken only there: a text field
/// (and every other widget) keeps its arrows, and egui does not also move the focus to a
/// neighbouring widget.
pub fn radio_arrows(ui: &Ui, radios: &[egui::Response]) -> Option<usize> {
    let n = radios.len();
    let from = radios.iter().position(egui::Response::has_focus)?;
    let (next, previous) = ui.input_mut(|i| {
        let count = |i: &mut egui::InputState, combos: [shortcuts::Combo; 2]| -> usize {
            combos.into_iter().map(|c| c.take_exact(i)).sum()
        };
        (
            count(i, shortcuts::CHOICE_NEXT),
            count(i, shortcuts::CHOICE_PREVIOUS),
        )
    });
    if next + previous == 0 {
        return None;
    }
    // egui decided at the start of the frame to move the focus to the widget in the arrow's
    // direction (below the group: the next field); the group keeps it.
    ui.memory_mut(|m| m.move_focus(egui::FocusDirection::None));
    let to = (from + next % n + n - previous % n) % n;
    radios[to].request_focus();
    Some(to)
}

/// A label that shows `shown` (a status with its symbol, "✔ opgeslagen", or only a symbol) and
/// that a screen reader hears as `words` ("opgeslagen"): the status in words, never a symbol's
/// name.
pub fn spoken_label(
    ui: &mut Ui,
    shown: impl Into<egui::WidgetText>,
    words: &str,
) -> egui::Response {
    let response = ui.label(shown);
    let enabled = ui.is_enabled();
    // AccessKit names a label by its value: the words replace the text shown.
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, enabled, words));
    response
}

/// A ring around the widget that has the keyboard focus, whatever it is (links, buttons without
/// a frame, list entries and tag rows show their focus no other way). Text fields draw their own.
/// Call once per frame, after everything is drawn.
pub fn focus_ring(ctx: &egui::Context) {
    let Some(id) = ctx.memory(|m| m.focused()) else {
        return;
    };
    if ctx.text_edit_focused() {
        return;
    }
    let Some(response) = ctx.read_response(id) else {
        return;
    };
    // Only the part in view (a widget half scrolled out of its area).
    let rect = response.interact_rect;
    if !rect.is_positive() || !rect.is_finite() {
        return;
    }
    let color = ctx.global_style().visuals.selection.stroke.color;
    ctx.layer_painter(response.layer_id).rect_stroke(
        rect.expand(2.0),
        3.0,
        egui::Stroke::new(2.0, color),
        egui::StrokeKind::Outside,
    );
}

/// One tab of a tab list (the screen switcher): looks like a selectable label, and a screen
/// reader hears "<text>, tab, geselecteerd" with its key (e.g. "F6").
pub fn tab(ui: &mut Ui, selected: bool, text: RichText, key: &str) -> egui::Response {
    let response = ui.selectable_label(selected, text);
    response.ctx.accesskit_node_builder(response.id, |node| {
        node.set_role(Role::Tab);
        node.clear_toggled();
        node.set_selected(selected);
        node.set_keyboard_shortcut(key);
    });
    response
}

/// Names the region (panel) `ui` draws, for a screen reader's landmark navigation ("Lijst van
/// verwachtingen", "Verwachting"): without a name a panel is read as an anonymous group.
pub fn region(ui: &Ui, name: &str) {
    let name = name.to_string();
    ui.ctx()
        .accesskit_node_builder(ui.unique_id(), |node| node.set_label(name));
}
