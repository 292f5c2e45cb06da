//! Dossiers: add a dossier by its pseudonymous number; a table with the dates and the termijnen
//! computed live (missed ones in red), sortable on every column (click a header, or Tab to it and
//! press Enter) and filtered on "te laat", "open" or "zonder datum"; below it, behind a split the
//! user drags (or moves with ↑/↓ when it has the focus; kept for the session), the selected
//! dossier's dates (validated at the field) and its checklist answered ja / nee / n.v.t. with a
//! note. A second view shows one checklist question over all dossiers ([`bulk`]).
//!
//! The table is one Tab stop: ↑/↓, Page Up/Down, Home and End choose a dossier, ←/→ scroll
//! sideways. Only the rows in view are drawn, and the rows, their filter and sort are computed
//! when the data, the filter or the sort changes, not per frame ([`list`]). At a small width the
//! table scrolls sideways (its header with it) rather than cutting columns off.
//!
//! A dossier or checklist answer in conflict (two versions after a merge) is not edited here: it
//! says "Twee versies — kies eerst" with the versions in short and a button that opens the choice
//! on the Conflicten screen; its termijnen are not claimed meanwhile.

mod bulk;
mod list;

use eframe::egui::{self, Key, RichText, Ui};
use uuid::Uuid;

use crate::domain::inspection::{CheckAnswer, DossierData, Kind, Record, Selection};
use crate::domain::termijn::{self, CaseTone, DeadlineOutcome, format_date_nl};
use crate::ui::commands::Command;
use crate::ui::edit::{Edit, RecordRef, text};
use crate::ui::screens::conflicts;
use crate::ui::types::count;
use crate::ui::widgets::{self, GREEN, GREY, RED};
use crate::ui::workspace::{DraftTarget, Workspace};

pub use bulk::BulkState;
pub use list::{Column, Filter, Sort};
use list::{DossierList, Row, ScrollMemo, capitalize};

/// The height of a table row and of the header (two lines).
const ROW: f32 = 26.0;
const HEADER: f32 = 44.0;
/// The split between table and detail: its handle, and the least either side keeps.
const HANDLE: f32 = 12.0;
const MIN_TABLE: f32 = 3.0 * ROW + HEADER;
const MIN_DETAIL: f32 = 120.0;
/// The share of the height the table gets until the split is moved.
const DEFAULT_SPLIT: f32 = 0.5;

/// What the screen shows: the table with the selected dossier, or one question over all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum View {
    #[default]
    Dossiers,
    Vraag,
}

/// The UI state of the Dossiers screen.
#[derive(Default)]
pub struct DossiersState {
    /// The dossier shown below the table.
    pub selected: Option<String>,
    /// The new-dossier row: the number typed, "gericht geselecteerd", why it was refused.
    pub new_number: String,
    pub new_gericht: bool,
    pub new_error: Option<String>,
    /// Asking "zeker weten?" before deleting this dossier.
    pub confirm_delete: Option<String>,
    pub view: View,
    pub filter: Filter,
    pub sort: Sort,
    /// One checklist question over all dossiers.
    pub bulk: BulkState,
    /// The rows, filtered and sorted (recomputed only on a change).
    list: DossierList,
    /// The table's share of the height, once the split was moved (kept for the session: see
    /// [`split_memory`]).
    split: Option<f32>,
    table: ScrollMemo,
    /// The selection the table last scrolled to (a new selection, from a key or from adding a
    /// dossier, is scrolled into view).
    scrolled_to: Option<String>,
    /// Give the table the keyboard focus (after a click on a row).
    focus_table: bool,
    /// The table's focus came from a click on a row (so it is not scrolled back to the numbers).
    clicked_into: bool,
}

impl DossiersState {
    /// The numbers of the dossiers the table shows, in its order (as last drawn).
    pub fn shown_numbers(&self) -> Vec<String> {
        self.list.shown_rows().map(|r| r.nummer.clone()).collect()
    }

    /// How many times the table's rows were computed (once per change of the data).
    pub fn list_builds(&self) -> u64 {
        self.list.builds
    }
}

/// Where the split is kept for the rest of the session (another inspection opened later starts
/// with it too).
fn split_memory() -> egui::Id {
    egui::Id::unique("veldtoets-dossiers-verdeling")
}

/// Adds a dossier (the number must be new) and selects it.
pub fn add(ws: &mut Workspace, state: &mut DossiersState, nummer: String, gericht: bool) {
    let nummer = nummer.trim().to_string();
    if nummer.is_empty() {
        state.new_error = Some("Typ het (pseudonieme) dossiernummer.".into());
        return;
    }
    if ws
        .inspection
        .dossiers
        .current()
        .any(|d| d.data.nummer == nummer)
    {
        state.new_error = Some(format!("Dossier {nummer} staat er al in."));
        return;
    }
    let id = Uuid::now_v7().to_string();
    let created = ws.create(
        &id,
        Record::Dossier(DossierData {
            nummer,
            selectie: if gericht {
                Selection::Gericht
            } else {
                Selection::Willekeurig
            },
            ..DossierData::default()
        }),
    );
    if created.is_ok() {
        // The new dossier is selected and the table has the focus: its row shows where it is,
        // and Tab goes on to its dates.
        state.selected = Some(id);
        state.focus_table = true;
        state.view = View::Dossiers;
        state.new_number.clear();
        state.new_error = None;
    }
}

pub fn show(ui: &mut Ui, ws: &mut Workspace, state: &mut DossiersState, cmds: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        ui.label(RichText::new("Dossiers").size(20.0).strong());
        ui.separator();
        let l = ui.label("Dossiernummer (pseudoniem):");
        let response = ui
            .add(egui::TextEdit::singleline(&mut state.new_number).desired_width(160.0))
            .labelled_by(l.id);
        ui.checkbox(&mut state.new_gericht, "gericht geselecteerd");
        let enter = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if ui.button("Dossier toevoegen").clicked() || enter {
            cmds.push(Command::NewDossier {
                nummer: state.new_number.clone(),
                gericht: state.new_gericht,
            });
        }
        if let Some(e) = &state.new_error {
            ui.label(RichText::new(e).color(RED));
        }
    });
    widgets::muted(
        ui,
        "Alleen het dossiernummer, nooit een naam. Data als dd-mm-jjjj; de termijnen rekent veldtoets zelf uit.",
    );

    state
        .list
        .refresh(&ws.inspection, ws.edits, state.filter, state.sort);
    toolbar(ui, state);
    duplicates(ui, ws, cmds);
    match state.view {
        View::Dossiers => split_view(ui, ws, state, cmds),
        View::Vraag => bulk::show(ui, ws, &state.list, &mut state.bulk, cmds),
    }
}

/// A choice among a few (view, filter): a selectable button that says whether it is chosen,
/// with a visible focus ring.
fn choice(ui: &mut Ui, selected: bool, text: impl Into<String>, name: &str) -> egui::Response {
    let response = ui.add(egui::Button::selectable(selected, text.into()));
    response.widget_info(|| {
        egui::WidgetInfo::selected(egui::Role::RadioButton, ui.is_enabled(), selected, name)
    });
    focus_ring(ui, &response);
    response
}

/// A clearly visible ring around a widget that has the keyboard focus.
fn focus_ring(ui: &Ui, response: &egui::Response) {
    if response.has_focus() {
        let stroke = egui::Stroke::new(2.0, ui.visuals().selection.stroke.color);
        ui.painter().rect_stroke(
            response.rect.expand(2.0),
            4.0,
            stroke,
            egui::StrokeKind::Outside,
        );
    }
}

/// The view, the filter (with how many each shows) and "n van m dossiers".
fn toolbar(ui: &mut Ui, state: &mut DossiersState) {
    ui.horizontal_wrapped(|ui| {
        ui.label("Weergave:");
        for (view, text, name) in [
            (
                View::Dossiers,
                "Tabel en dossier",
                "Weergave: tabel en dossier",
            ),
            (
                View::Vraag,
                "Eén vraag, alle dossiers",
                "Weergave: één dossiervraag over alle dossiers",
            ),
        ] {
            if choice(ui, state.view == view, text, name).clicked() {
                state.view = view;
            }
        }
        ui.separator();
        ui.label("Toon:");
        for filter in Filter::ALL {
            let text = format!("{} ({})", filter.label(), state.list.count(filter));
            let response = choice(
                ui,
                state.filter == filter,
                text,
                &format!("Filter {}", filter.label()),
            )
            .on_hover_text(filter.explanation());
            if response.clicked() {
                state.filter = filter;
            }
        }
        ui.separator();
        let total = state.list.rows().len();
        let shown = if state.filter == Filter::Alle {
            count(total as u64, "dossier", "dossiers")
        } else {
            format!(
                "{} van {}",
                state.list.shown_len(),
                count(total as u64, "dossier", "dossiers")
            )
        };
        // Kept on one line (to the next row as a whole when the window is narrow).
        ui.add(
            egui::Label::new(RichText::new(shown).strong()).wrap_mode(egui::TextWrapMode::Extend),
        );
    });
}

/// The same number twice (after a merge): counted once until merged or renumbered.
fn duplicates(ui: &mut Ui, ws: &Workspace, cmds: &mut Vec<Command>) {
    for d in ws
        .derived
        .duplicates
        .iter()
        .filter(|d| d.kind == Kind::Dossier)
    {
        let Some(entity) = d.entities.first() else {
            continue;
        };
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(format!("⚠ {}", capitalize(&d.description()))).color(RED));
            if ui.button("Samenvoegen of hernummeren…").clicked() {
                cmds.push(Command::ShowConflict {
                    kind: Kind::Dossier,
                    entity: entity.clone(),
                });
            }
        });
    }
}

/// The table above, the split, the selected dossier below.
fn split_view(ui: &mut Ui, ws: &mut Workspace, state: &mut DossiersState, cmds: &mut Vec<Command>) {
    let usable = (ui.available_height() - HANDLE).max(0.0);
    let share = state
        .split
        .or_else(|| ui.data(|d| d.get_temp::<f32>(split_memory())))
        .unwrap_or(DEFAULT_SPLIT);
    let height = table_height(share, usable);
    let width = ui.available_width();
    let (rect, _) = ui.allocate_exact_size(egui::vec2(width, height), egui::Sense::hover());
    let mut table_ui = ui.new_child(
        egui::UiBuilder::new()
            .id_salt("dossiertabel")
            .max_rect(rect)
            .layout(egui::Layout::top_down(egui::Align::Min)),
    );
    table_ui.set_clip_rect(rect.intersect(ui.clip_rect()));
    table(&mut table_ui, state, cmds);
    if let Some(new) = splitter(ui, height, usable) {
        let share = if usable > 0.0 { new / usable } else { share };
        state.split = Some(share);
        ui.data_mut(|d| d.insert_temp(split_memory(), share));
    }
    let selected = state
        .selected
        .clone()
        .filter(|id| ws.inspection.dossiers.get(id).is_some());
    match selected {
        Some(id) => detail(ui, ws, state, &id, cmds),
        // The table says so already.
        None if state.list.rows().is_empty() => {}
        None => widgets::muted(
            ui,
            "Kies een dossier in de tabel (klik erop, of Tab naar de tabel en pijl omhoog/omlaag) om de data en de checklist te zien.",
        ),
    }
}

/// The table's height for `share` of `usable`, leaving both sides their minimum.
fn table_height(share: f32, usable: f32) -> f32 {
    let max = (usable - MIN_DETAIL).max(MIN_TABLE.min(usable));
    (share * usable).clamp(MIN_TABLE.min(max), max)
}

/// The handle between table and detail: dragged with the mouse, or with ↑/↓ (Page Up/Down for
/// big steps, Home/End to the ends) when it has the focus; a double click puts it back. Returns
/// the new table height when it moved.
fn splitter(ui: &mut Ui, height: f32, usable: f32) -> Option<f32> {
    let (rect, response) = ui.allocate_exact_size(
        egui::vec2(ui.available_width(), HANDLE),
        egui::Sense::click_and_drag(),
    );
    let share = if usable > 0.0 { height / usable } else { 0.0 };
    response.widget_info(|| {
        let mut info = egui::WidgetInfo::labeled(
            egui::Role::Splitter,
            ui.is_enabled(),
            "Verdeling tussen tabel en dossier",
        );
        info.value = Some(f64::from((share * 100.0).round()));
        info
    });
    let response = response.on_hover_text(
        "Sleep om de tabel groter of kleiner te maken; of Tab hierheen en pijl omhoog/omlaag (dubbelklik: terug naar het begin)",
    );
    let mut new = None;
    if response.dragged() {
        new = Some(height + response.drag_delta().y);
    }
    if response.double_clicked() {
        new = Some(DEFAULT_SPLIT * usable);
    }
    if response.has_focus() {
        ui.memory_mut(|m| {
            m.set_focus_lock_filter(
                response.id,
                egui::EventFilter {
                    vertical_arrows: true,
                    ..Default::default()
                },
            );
        });
        for (k, step) in [
            (Key::ArrowUp, -ROW),
            (Key::ArrowDown, ROW),
            (Key::PageUp, -6.0 * ROW),
            (Key::PageDown, 6.0 * ROW),
            (Key::Home, -usable),
            (Key::End, usable),
        ] {
            let times = bulk::take_key(ui, k);
            if times > 0 {
                new = Some(new.unwrap_or(height) + step * times as f32);
            }
        }
    }
    if response.hovered() || response.dragged() {
        ui.ctx().set_cursor_icon(egui::CursorIcon::ResizeVertical);
    }
    let visuals = ui.visuals();
    let color = if response.dragged() || response.has_focus() {
        visuals.selection.stroke.color
    } else if response.hovered() {
        visuals.widgets.hovered.fg_stroke.color
    } else {
        visuals.widgets.noninteractive.bg_stroke.color
    };
    let y = rect.center().y;
    ui.painter()
        .hline(rect.x_range(), y, egui::Stroke::new(1.0, color));
    // A grip in the middle, so the handle is seen as one.
    let grip = egui::Rect::from_center_size(rect.center(), egui::vec2(40.0, 4.0));
    ui.painter().rect_filled(grip, 2.0, color);
    if response.has_focus() {
        ui.painter().rect_stroke(
            rect,
            2.0,
            egui::Stroke::new(2.0, visuals.selection.stroke.color),
            egui::StrokeKind::Inside,
        );
    }
    new.map(|h| table_height(h / usable.max(1.0), usable))
}

/// The column widths: wide enough for the header (with its sort mark) and the content; the
/// Termijnen column takes what is left, and at least enough to read a status.
fn widths(ui: &Ui, list: &DossierList, available: f32) -> Vec<f32> {
    let font = egui::TextStyle::Body.resolve(ui.style());
    let measure = |s: &str| {
        ui.ctx().fonts_mut(|f| {
            f.layout_no_wrap(s.to_string(), font.clone(), egui::Color32::BLACK)
                .size()
                .x
        })
    };
    const PAD: f32 = 20.0;
    let columns = list.columns();
    let mut widths = vec![0.0; columns.len()];
    for (i, &column) in columns.iter().enumerate() {
        let header = measure(&header_text(column, " ⏷")) + PAD;
        let content = match column {
            Column::Nummer => measure(&format!("⚠ {}", list.longest_number())),
            Column::Selectie => measure("willekeurig"),
            Column::Date(_) => measure("00-00-0000").max(measure("verschilt")),
            Column::Termijnen => 0.0,
        } + PAD;
        widths[i] = header.max(content);
    }
    // The last column is the Termijnen column.
    if let Some((last, others)) = widths.split_last_mut() {
        let rest: f32 = others.iter().sum();
        *last = (available - rest).max(340.0);
    }
    widths
}

/// The dossier table: header buttons that sort, the rows in view, one Tab stop for all rows.
fn table(ui: &mut Ui, state: &mut DossiersState, cmds: &mut Vec<Command>) {
    let focus_id = egui::Id::unique("veldtoets-dossiertabel");
    let n = state.list.shown_len();
    let focused = ui.memory(|m| m.has_focus(focus_id));
    let mut position = state
        .selected
        .as_deref()
        .and_then(|id| state.list.position(id));
    if focused && n > 0 {
        ui.memory_mut(|m| {
            m.set_focus_lock_filter(
                focus_id,
                egui::EventFilter {
                    vertical_arrows: true,
                    horizontal_arrows: true,
                    ..Default::default()
                },
            );
        });
        let page = ((state.table.view[1] / ROW).floor() as usize).max(1);
        let key = |k: Key| bulk::take_key(ui, k);
        let last = n - 1;
        let mut to = None;
        // From no selection, the first key lands on the first row.
        let from = |times: usize| position.map(|p| (p, times)).unwrap_or((0, times - 1));
        let down = key(Key::ArrowDown) + page * key(Key::PageDown);
        if down > 0 {
            let (p, t) = from(down);
            to = Some((p + t).min(last));
        }
        let up = key(Key::ArrowUp) + page * key(Key::PageUp);
        if up > 0 {
            let (p, t) = from(up);
            to = Some(p.saturating_sub(t));
        }
        if key(Key::Home) > 0 {
            to = Some(0);
        }
        if key(Key::End) > 0 {
            to = Some(last);
        }
        let right = key(Key::ArrowRight) as f32;
        let left = key(Key::ArrowLeft) as f32;
        if right + left > 0.0 {
            let x = state.table.offset[0] + (right - left) * 4.0 * ROW;
            state.table.to_x = Some(x.max(0.0));
        }
        if let Some(to) = to
            && Some(to) != position
        {
            select(state, state.list.shown(to).id.clone(), cmds);
            position = Some(to);
        }
    }
    // A new selection (a key, a dossier just added) is brought into view.
    if state.scrolled_to != state.selected {
        state.table.to_row = position;
        state.scrolled_to = state.selected.clone();
    }

    let available = ui.available_width();
    // Rows that need a vertical scroll bar leave it its room (else the table would be a few
    // points too wide and scroll sideways for nothing).
    let bar = if n as f32 * ROW > ui.available_height() - HEADER {
        egui::style::ScrollStyle::solid().allocated_width()
    } else {
        0.0
    };
    let widths = widths(ui, &state.list, available - bar);
    let columns = state.list.columns().to_vec();
    let total: f32 = widths.iter().sum();
    let (header_rect, _) =
        ui.allocate_exact_size(egui::vec2(available, HEADER), egui::Sense::hover());

    let mut area = egui::ScrollArea::both()
        .id_salt("dossierrijen")
        .auto_shrink([false, false]);
    if let Some(row) = state.table.to_row.take()
        && let Some(y) = state.table.offset_for_row(row, ROW)
    {
        area = area.vertical_scroll_offset(y);
    }
    if let Some(x) = state.table.to_x.take().map(|x| state.table.clamp_x(x)) {
        area = area.horizontal_scroll_offset(x);
    }
    let selection = ui.visuals().selection.stroke.color;
    let mut clicked = None;
    let output = ui
        .scope(|ui| {
            ui.style_mut().interaction.selectable_labels = false;
            ui.spacing_mut().item_spacing = egui::vec2(0.0, 0.0);
            // Solid scroll bars, always shown when needed: a table wider than the window says
            // so at a glance.
            ui.spacing_mut().scroll = egui::style::ScrollStyle::solid();
            area.show_rows(ui, ROW, n, |ui, range| {
                if n == 0 {
                    let text = if state.list.rows().is_empty() {
                        "Nog geen dossiers."
                    } else {
                        "Geen dossiers met dit filter."
                    };
                    ui.add_space(6.0);
                    widgets::muted(ui, text);
                }
                for i in range {
                    let row = state.list.shown(i);
                    let width = total.max(ui.available_width());
                    let (rect, response) =
                        ui.allocate_exact_size(egui::vec2(width, ROW), egui::Sense::CLICK);
                    let selected = position == Some(i);
                    let fill = if selected {
                        Some(ui.visuals().selection.bg_fill)
                    } else if response.hovered() {
                        Some(ui.visuals().widgets.hovered.weak_bg_fill)
                    } else if i % 2 == 1 {
                        Some(ui.visuals().faint_bg_color)
                    } else {
                        None
                    };
                    if let Some(fill) = fill {
                        ui.painter().rect_filled(rect, 0.0, fill);
                    }
                    if selected && focused {
                        ui.painter().rect_stroke(
                            rect.shrink(1.0),
                            2.0,
                            egui::Stroke::new(2.0, selection),
                            egui::StrokeKind::Inside,
                        );
                    }
                    cells(ui, &columns, row, rect, &widths);
                    if response.clicked() {
                        clicked = Some(row.id.clone());
                    }
                }
            })
        })
        .inner;
    // Where the rows are drawn (the header follows exactly), and where they settle.
    let offset = output.state.unclamped_offset();
    let settled = output.state.clamped_offset();
    state.table.offset = [settled.x, settled.y];
    state.table.view = [output.inner_rect.width(), output.inner_rect.height()];
    state.table.content = [output.content_size.x, output.content_size.y];
    if let Some(id) = clicked {
        select(state, id, cmds);
        state.focus_table = true;
    }

    // The header, drawn after the rows so it follows their sideways scroll in the same frame
    // (its place was taken first, and its buttons still come first in the Tab order: the rows
    // are no Tab stops).
    header(ui, state, header_rect, offset.x, &widths);

    let focus = ui.interact(output.inner_rect, focus_id, egui::Sense::FOCUSABLE);
    let value = match state
        .selected
        .as_deref()
        .and_then(|id| state.list.position(id))
    {
        Some(p) => format!("dossier {} ({} van {n})", state.list.shown(p).nummer, p + 1),
        None => format!(
            "geen dossier gekozen; {}",
            count(n as u64, "dossier", "dossiers")
        ),
    };
    focus.widget_info(|| {
        let mut info = egui::WidgetInfo::labeled(egui::Role::Table, true, "Dossiertabel");
        info.current_text_value = Some(value.clone());
        info
    });
    if focus.gained_focus() && !std::mem::take(&mut state.clicked_into) {
        // Reached with the keyboard (perhaps from a header far to the right): show the numbers.
        state.table.to_x = Some(0.0);
    }
    if std::mem::take(&mut state.focus_table) {
        state.clicked_into = !focus.has_focus();
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

/// The cells of one row, each clipped to its column.
fn cells(ui: &mut Ui, columns: &[Column], row: &Row, rect: egui::Rect, widths: &[f32]) {
    let mut x = rect.left();
    for (i, &column) in columns.iter().enumerate() {
        let cell = egui::Rect::from_min_size(egui::pos2(x, rect.top()), egui::vec2(widths[i], ROW));
        x += widths[i];
        let inner = cell.shrink2(egui::vec2(8.0, 0.0));
        let mut cell_ui = ui.new_child(
            egui::UiBuilder::new()
                .id_salt((row.id.as_str(), i))
                .max_rect(inner)
                .layout(egui::Layout::left_to_right(egui::Align::Center)),
        );
        cell_ui.shrink_clip_rect(inner);
        match column {
            Column::Nummer if row.conflicted => {
                cell_ui.add(
                    egui::Label::new(RichText::new(format!("⚠ {}", row.nummer)).color(RED))
                        .truncate(),
                );
            }
            Column::Nummer => {
                cell_ui.add(egui::Label::new(&row.nummer).truncate());
            }
            Column::Selectie => {
                cell_ui.label(row.selectie.as_str());
            }
            Column::Date(kind) => {
                if row.differs.contains(&kind) {
                    cell_ui.label(RichText::new("verschilt").color(RED));
                } else {
                    cell_ui.label(
                        row.dates
                            .get(kind)
                            .map_or_else(|| "—".into(), format_date_nl),
                    );
                }
            }
            Column::Termijnen => {
                // Only terms that were computed and met are green; a term that cannot be
                // computed says which and why, in a neutral colour.
                let text = RichText::new(&row.status);
                let text = match row.tone {
                    None => text.color(RED).strong(),
                    Some(CaseTone::AllMet) => text.color(GREEN),
                    Some(CaseTone::Problem) => text.color(RED).strong(),
                    Some(CaseTone::Open | CaseTone::Unknown | CaseTone::NoTerms) => {
                        text.color(GREY)
                    }
                };
                let label = cell_ui.add(
                    egui::Label::new(text)
                        .truncate()
                        .show_tooltip_when_elided(false),
                );
                if !row.details.is_empty() {
                    label.on_hover_text(format!("{}\n\n{}", row.status, row.details));
                }
            }
        }
    }
}

/// The header: one button per column that sorts on it (again: the other way round), the
/// sorted column marked ⏶ or ⏷. Scrolled sideways with the rows (`offset`).
fn header(ui: &mut Ui, state: &mut DossiersState, rect: egui::Rect, offset: f32, widths: &[f32]) {
    let mut header_ui = ui.new_child(
        egui::UiBuilder::new()
            .id_salt("dossiertabel-kop")
            .max_rect(rect)
            .layout(egui::Layout::left_to_right(egui::Align::Center)),
    );
    header_ui.shrink_clip_rect(rect);
    header_ui.painter().hline(
        rect.x_range(),
        rect.bottom() - 0.5,
        ui.visuals().widgets.noninteractive.bg_stroke,
    );
    let font = egui::TextStyle::Body.resolve(ui.style());
    let color = ui.visuals().strong_text_color();
    let mut x = 0.0;
    let columns = state.list.columns().to_vec();
    for (i, column) in columns.into_iter().enumerate() {
        let left = x;
        x += widths[i];
        let cell = egui::Rect::from_min_size(
            egui::pos2(rect.left() + left - offset, rect.top()),
            egui::vec2(widths[i], HEADER),
        )
        .shrink2(egui::vec2(1.0, 2.0));
        let direction = state.sort.direction_of(column);
        let mark = match (direction, state.sort.descending) {
            (None, _) => "",
            (Some(_), false) => " ⏶",
            (Some(_), true) => " ⏷",
        };
        let response = header_ui.interact(
            cell,
            header_ui.scope_id().with(("kolom", i)),
            egui::Sense::click(),
        );
        let name = match direction {
            Some(d) => format!("Sorteren op {} (nu {d})", column.title().to_lowercase()),
            None => format!("Sorteren op {}", column.title().to_lowercase()),
        };
        response.widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::Button, header_ui.is_enabled(), name.as_str())
        });
        if response.hovered() || response.is_pointer_button_down_on() {
            let fill = header_ui.style().interact(&response).weak_bg_fill;
            header_ui.painter().rect_filled(cell, 3.0, fill);
        }
        // Left-aligned like the cells below it.
        let galley = ui
            .ctx()
            .fonts_mut(|f| f.layout_no_wrap(header_text(column, mark), font.clone(), color));
        let pos = egui::pos2(cell.left() + 7.0, cell.center().y - galley.size().y / 2.0);
        header_ui.painter().galley(pos, galley, color);
        let response =
            response.on_hover_text("Klik (of Enter) om hierop te sorteren; nog eens: andersom");
        focus_ring(&header_ui, &response);
        if response.gained_focus()
            && let Some(x) = state.table.offset_for_span(left, left + widths[i])
        {
            // A header reached with Tab is scrolled into view, with the rows.
            state.table.to_x = Some(x);
        }
        if response.clicked() {
            state.sort = state.sort.clicked(column);
        }
    }
}

/// A header's text: a date's name on two lines ("Melding" / "ontvangen"), so its column need
/// not be wider than the date; the sort mark last.
fn header_text(column: Column, mark: &str) -> String {
    let title = column.title();
    let title = match column {
        Column::Date(_) => title.replacen(' ', "\n", 1),
        _ => title,
    };
    format!("{title}{mark}")
}

/// Selects dossier `id` (what was typed in the previous one's note is saved first).
fn select(state: &mut DossiersState, id: String, cmds: &mut Vec<Command>) {
    if let Some(previous) = state.selected.take()
        && previous != id
    {
        cmds.push(Command::CommitDraft(DraftTarget::DossierNote(previous)));
    }
    state.confirm_delete = None;
    state.selected = Some(id);
}

fn detail(
    ui: &mut Ui,
    ws: &mut Workspace,
    state: &mut DossiersState,
    id: &str,
    cmds: &mut Vec<Command>,
) {
    let dossier = RecordRef::Id(Kind::Dossier, id.to_string());
    let Some(data) = ws.inspection.dossiers.get(id).map(|d| d.data.clone()) else {
        return;
    };
    egui::ScrollArea::vertical()
        .id_salt(("dossierdetail", id))
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let conflicted = ws.inspection.is_conflicted(Kind::Dossier, id);
            ui.horizontal(|ui| {
                ui.label(
                    RichText::new(format!("Dossier {}", data.nummer))
                        .size(18.0)
                        .strong(),
                );
                if conflicted {
                    return;
                }
                let mut gericht = data.selectie == Selection::Gericht;
                if ui.checkbox(&mut gericht, "gericht geselecteerd").changed() {
                    let selectie = if gericht {
                        Selection::Gericht
                    } else {
                        Selection::Willekeurig
                    };
                    cmds.push(Command::Edit(Edit::set(
                        dossier.clone(),
                        "selectie",
                        text(selectie.as_str()),
                    )));
                }
                if state.confirm_delete.as_deref() == Some(id) {
                    ui.label(RichText::new("Zeker weten?").color(RED));
                    if ui.button("Ja, verwijderen").clicked() {
                        state.confirm_delete = None;
                        cmds.push(Command::Delete {
                            kind: Kind::Dossier,
                            entity: id.to_string(),
                        });
                    }
                    if ui.button("Nee").clicked() {
                        state.confirm_delete = None;
                    }
                } else if ui
                    .button("Dossier verwijderen")
                    .on_hover_text("Blijft in de historie bewaard")
                    .clicked()
                {
                    state.confirm_delete = Some(id.to_string());
                }
            });
            if conflicted {
                conflicts::notice(ui, ws, Kind::Dossier, id, cmds);
            } else {
                dates(ui, ws, id, &data, cmds);
            }
            ui.separator();
            checklist(ui, ws, id, cmds);
        });
}

/// The dossier's dates (validated at the field), its termijnen and its note.
fn dates(ui: &mut Ui, ws: &mut Workspace, id: &str, data: &DossierData, cmds: &mut Vec<Command>) {
    ui.columns(2, |cols| {
        let ui = &mut cols[0];
        ui.label(RichText::new("Data").strong());
        let kinds = ws.inspection.framework.dates.clone();
        for kind in kinds {
            let key = egui::Id::unique(("dossierdatum", id, kind.as_str()));
            let label = format!("{}:", capitalize(kind.label()));
            if let Some(date) = widgets::date_field(ui, key, &label, data.dates.get(kind)) {
                cmds.push(Command::Edit(Edit::date(
                    RecordRef::Id(Kind::Dossier, id.to_string()),
                    kind,
                    date,
                )));
            }
            let name = format!("dossier {}: {}", data.nummer, kind.label());
            if widgets::date_error(ui, key).is_some() {
                ws.invalid_inputs.insert(name);
            } else {
                ws.invalid_inputs.remove(&name);
            }
        }
        for problem in data.dates.problems(&ws.inspection.framework.date_rules) {
            ui.label(RichText::new(format!("⚠ {problem}")).color(RED));
        }
        let ui = &mut cols[1];
        ui.label(RichText::new("Termijnen").strong());
        for def in &ws.inspection.framework.deadlines {
            let outcome = termijn::evaluate(def, &data.dates, ws.inspection.peildatum());
            let color = match outcome {
                DeadlineOutcome::Met { .. } => GREEN,
                DeadlineOutcome::Missed { .. } | DeadlineOutcome::Impossible(_) => RED,
                DeadlineOutcome::Open { .. }
                | DeadlineOutcome::Missing(_)
                | DeadlineOutcome::NotApplicable => GREY,
            };
            ui.label(RichText::new(format!("{}: {}", def.name, outcome.describe())).color(color));
        }
    });
    widgets::draft_field(
        ui,
        ws,
        DraftTarget::DossierNote(id.to_string()),
        "Notitie bij het dossier (geen namen)",
        true,
        cmds,
    );
}

/// The checklist items of the dossier, each answered ja / nee / n.v.t. with a note. Every item
/// is named by its question (the answers' accessible names too), never by its id in the kader.
fn checklist(ui: &mut Ui, ws: &mut Workspace, id: &str, cmds: &mut Vec<Command>) {
    ui.label(RichText::new("Checklist").strong());
    let checklist = ws.inspection.framework.sources.checklist.clone();
    for q in &checklist {
        let check_id = ws.inspection.check_id(id, &q.id);
        let antwoord = ws
            .inspection
            .checks
            .get(&check_id)
            .map_or(CheckAnswer::Open, |c| c.data.antwoord);
        ui.add_space(4.0);
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(&q.text));
            widgets::muted(ui, format!("(verwachting {})", q.expectations.join(", ")));
        });
        // Two versions of the answer: the choice, not the buttons.
        let conflicted = conflicts::inline_notice(ui, ws, Kind::Check, &check_id, cmds);
        if !conflicted {
            ui.horizontal(|ui| {
                for answer in [CheckAnswer::Ja, CheckAnswer::Nee, CheckAnswer::Nvt] {
                    let selected = antwoord == answer;
                    // Framed like the answers of the one-question view: clearly buttons.
                    let response = ui.add(
                        egui::Button::new(answer.label())
                            .selected(selected)
                            .min_size(egui::vec2(52.0, 22.0)),
                    );
                    response.widget_info(|| {
                        egui::WidgetInfo::selected(
                            egui::Role::RadioButton,
                            true,
                            selected,
                            format!("{}: {}", q.text, answer.label()),
                        )
                    });
                    focus_ring(ui, &response);
                    if response.clicked() && !selected {
                        // The toelichting typed so far goes along (see `Workspace::update`).
                        let check = RecordRef::Check {
                            dossier: id.to_string(),
                            vraag: q.id.clone(),
                        };
                        cmds.push(Command::Edit(Edit::set(
                            check,
                            "antwoord",
                            text(answer.as_str()),
                        )));
                    }
                }
            });
        }
        ui.add_enabled_ui(!conflicted, |ui| {
            widgets::draft_field(
                ui,
                ws,
                DraftTarget::CheckNote {
                    dossier: id.to_string(),
                    vraag: q.id.clone(),
                },
                &format!("Toelichting bij: {}", bulk::short(&q.text, 60)),
                false,
                cmds,
            );
        });
    }
}
