//! Verwachtingen, the heart: one verwachting with its text, all evidence from every source
//! together, the oordeel with the kader's variants, the onderbouwing, conflicts side by side, and
//! the oordeel's history. Alt+Links / Alt+Rechts go to the previous / next verwachting; with no text field
//! focused, V, O and N set voldoende, onvoldoende and niet beoordeeld; Alt+O puts the focus on
//! the oordeel (a radio group "Oordeel" for a screen reader, where the arrow keys choose the
//! previous / next value, the focus going with them). The keys are those of
//! `crate::ui::shortcuts`, which the overview of sneltoetsen lists.
//!
//! An oordeel in conflict (two versions after a merge) is not edited here: its versions are shown
//! with "Twee versies — kies eerst", V, O and N open the choice on the Conflicten screen, and
//! there is no onderbouwing field to type in until a version is chosen.
//!
//! Once the rapport is vastgesteld the oordeel and onderbouwing are shown read-only with a notice
//! naming "Heropenen…" on the Wederhoor screen; V, O and N are refused by the workspace (which
//! refuses every oordeel edit of a frozen onderzoek) with the same notice.
//!
//! In a kader with criterion oordelen (stap 1) the list has an entry per criterium and
//! Alt+Omhoog goes from a verwachting to its criterium: the criterion view (`criterion`), where
//! Alt+Links / Alt+Rechts go to the previous / next criterium and Alt+Omlaag back. In a hertoets
//! file the earlier rounds stand beside the oordeel (also `criterion`). A kader without
//! criterion oordelen, and a file without earlier rounds, shows none of this.

use eframe::egui::{self, RichText, Ui};

use crate::domain::evidence::{self, Evidence};
use crate::domain::inspection::{Kind, OordeelData, Revision, Tag, Value};
use crate::domain::judgement::JudgementValue;
use crate::domain::kader::{Assessment, Criterion};
use crate::ui::commands::Command;
use crate::ui::edit::{Edit, RecordRef, text};
use crate::ui::screens::criterion::{
    ask_oordeel_focus, criterion_detail, criterion_keys, criterion_mark, criterion_oordeel_text,
    earlier_oordelen, frozen_text, left_aligned, oordeel_symbol, status_words, take_oordeel_focus,
    versions,
};
use crate::ui::shortcuts;
use crate::ui::widgets::{self, GREEN, GREY, RED, local_time, value_color};
use crate::ui::workspace::{DraftTarget, Workspace};

/// The UI state of the Verwachtingen screen.
#[derive(Default)]
pub struct ExpectationState {
    /// The verwachting shown (kader order).
    pub index: usize,
    /// The criterium shown instead of a verwachting, with its criterion oordeel (a kader with
    /// criterion oordelen); `None`: the verwachting at `index`.
    pub criterion: Option<String>,
    /// The earlier round shown beside the current oordeel (index into `Inspection::rounds`);
    /// `None`: the latest.
    pub round: Option<usize>,
    /// The work list: which verwachtingen the list shows.
    pub filter: WorkFilter,
    /// Words to find in a verwachting's number, text or onderbouwing (Ctrl+F).
    pub search: String,
}

/// Which verwachtingen the work list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum WorkFilter {
    #[default]
    Alle,
    NietBeoordeeld,
    ZonderOnderbouwing,
    Conflict,
    Onvoldoende,
}

impl WorkFilter {
    pub const ALL: [WorkFilter; 5] = [
        WorkFilter::Alle,
        WorkFilter::NietBeoordeeld,
        WorkFilter::ZonderOnderbouwing,
        WorkFilter::Conflict,
        WorkFilter::Onvoldoende,
    ];

    pub fn label(self) -> &'static str {
        match self {
            WorkFilter::Alle => "alle verwachtingen",
            WorkFilter::NietBeoordeeld => "niet beoordeeld",
            WorkFilter::ZonderOnderbouwing => "zonder onderbouwing",
            WorkFilter::Conflict => "in conflict",
            WorkFilter::Onvoldoende => "onvoldoende",
        }
    }

    /// Whether verwachting `id` belongs in the list.
    fn keeps(self, ws: &Workspace, id: &str) -> bool {
        let conflicted = ws.derived.conflicts.iter().any(|c| c == id);
        let oordeel = ws.inspection.oordeel(id).map(|o| &o.data);
        let value = oordeel.map_or(JudgementValue::NietBeoordeeld, |o| o.value);
        match self {
            WorkFilter::Alle => true,
            WorkFilter::NietBeoordeeld => !conflicted && value == JudgementValue::NietBeoordeeld,
            WorkFilter::ZonderOnderbouwing => {
                !conflicted && value != JudgementValue::NietBeoordeeld && !has_onderbouwing(ws, id)
            }
            WorkFilter::Conflict => conflicted,
            WorkFilter::Onvoldoende => !conflicted && value == JudgementValue::Onvoldoende,
        }
    }
}

/// Whether the oordeel on `id` has an onderbouwing: stored, or being typed.
pub fn has_onderbouwing(ws: &Workspace, id: &str) -> bool {
    let typed = ws
        .drafts
        .get(&DraftTarget::Onderbouwing(id.to_string()))
        .filter(|d| d.dirty_since.is_some())
        .map(|d| d.text.as_str());
    let stored = ws
        .inspection
        .oordeel(id)
        .map(|o| o.data.onderbouwing.as_str());
    !typed.or(stored).unwrap_or("").trim().is_empty()
}

/// The verwachtingen with an oordeel but no onderbouwing (kader order), for the warning before
/// a concept is sent.
pub fn without_onderbouwing(ws: &Workspace) -> Vec<(usize, String)> {
    let fw = &ws.inspection.framework;
    (0..fw.expectations().len())
        .map(|i| (i, fw.expectation(i).id.clone()))
        .filter(|(_, id)| WorkFilter::ZonderOnderbouwing.keeps(ws, id))
        .collect()
}

impl ExpectationState {
    /// The verwachtingen (by index) the work list shows: the filter and the search together.
    pub fn shown(&self, ws: &Workspace) -> Vec<usize> {
        let fw = &ws.inspection.framework;
        let words: Vec<String> = self
            .search
            .split_whitespace()
            .map(str::to_lowercase)
            .collect();
        (0..fw.expectations().len())
            .filter(|&i| {
                let e = fw.expectation(i);
                if !self.filter.keeps(ws, &e.id) {
                    return false;
                }
                if words.is_empty() {
                    return true;
                }
                let onderbouwing = ws
                    .inspection
                    .oordeel(&e.id)
                    .map_or("", |o| o.data.onderbouwing.as_str());
                let haystack = format!("{} {} {}", e.id, e.text, onderbouwing).to_lowercase();
                words.iter().all(|w| haystack.contains(w.as_str()))
            })
            .collect()
    }

    /// Whether the list is narrowed (by a filter or a search).
    fn narrowed(&self) -> bool {
        self.filter != WorkFilter::Alle || !self.search.trim().is_empty()
    }
}

/// Ctrl+F: to the search of the work list.
pub const SEARCH_SHORTCUT: egui::KeyboardShortcut = shortcuts::SEARCH.shortcut();

fn search_id() -> egui::Id {
    egui::Id::unique("verwachtingen-zoeken")
}

/// `keys_enabled`: whether V, O and N may set the oordeel (not while a dialog is open).
pub fn show(
    ui: &mut Ui,
    ws: &mut Workspace,
    state: &mut ExpectationState,
    keys_enabled: bool,
    cmds: &mut Vec<Command>,
) {
    let count = ws.inspection.framework.expectations().len();
    if count == 0 {
        return;
    }
    state.index = state.index.min(count - 1);
    let index = state.index;
    let fw = &ws.inspection.framework;
    let criterion = state
        .criterion
        .clone()
        .filter(|c| fw.has_criterion_oordelen() && fw.criterion(c).is_some());
    let rounds = ws.inspection.rounds.len();
    let round = state
        .round
        .filter(|r| *r < rounds)
        .or(rounds.checked_sub(1));
    if keys_enabled && ui.input_mut(|i| !i.modifiers.shift && i.consume_shortcut(&SEARCH_SHORTCUT))
    {
        ui.memory_mut(|m| m.request_focus(search_id()));
    }
    let shown = state.shown(ws);
    match &criterion {
        Some(c) => criterion_keys(ui, ws, c, index, keys_enabled, cmds),
        None => keys(
            ui,
            ws,
            index,
            count,
            &shown,
            state.narrowed(),
            keys_enabled,
            cmds,
        ),
    }

    egui::Panel::left("verwachtinglijst")
        .resizable(true)
        .default_size(190.0)
        .show(ui, |ui| {
            widgets::region(ui, "Lijst van verwachtingen");
            work_list_controls(ui, ws, state, shown.len());
            list(
                ui,
                ws,
                index,
                criterion.as_deref(),
                &shown,
                state.narrowed(),
                cmds,
            );
        });
    egui::CentralPanel::default().show(ui, |ui| {
        widgets::region(ui, "Verwachting: oordeel en bewijs");
        // Each verwachting (and criterium) keeps its own scroll position, per onderzoek.
        let shown = match &criterion {
            Some(c) => format!("criterium {c}"),
            None => ws.inspection.framework.expectation(index).id.clone(),
        };
        egui::ScrollArea::vertical()
            .id_salt(("verwachting", ws.inspection.id, shown))
            .auto_shrink([false, false])
            .show(ui, |ui| match &criterion {
                Some(c) => criterion_detail(ui, ws, c, index, round, cmds),
                None => detail(ui, ws, index, round, cmds),
            });
    });
    // A jump to the oordeel that found nothing to focus (a vastgesteld oordeel) is dropped.
    take_oordeel_focus(ui);
}

#[allow(clippy::too_many_arguments)]
fn keys(
    ui: &mut Ui,
    ws: &Workspace,
    index: usize,
    count: usize,
    shown: &[usize],
    narrowed: bool,
    enabled: bool,
    cmds: &mut Vec<Command>,
) {
    // With a filter or search, Alt+Links / Alt+Rechts go through the work list.
    let (next, previous) = if narrowed {
        (
            shown.iter().copied().find(|&i| i > index),
            shown.iter().copied().rev().find(|&i| i < index),
        )
    } else {
        (
            (index + 1 < count).then_some(index + 1),
            index.checked_sub(1),
        )
    };
    if ui.input_mut(|i| shortcuts::NEXT.consume(i))
        && let Some(next) = next
    {
        cmds.push(Command::ShowExpectation(next));
    }
    if ui.input_mut(|i| shortcuts::PREVIOUS.consume(i))
        && let Some(previous) = previous
    {
        cmds.push(Command::ShowExpectation(previous));
    }
    let fw = &ws.inspection.framework;
    if fw.has_criterion_oordelen() && ui.input_mut(|i| shortcuts::TO_CRITERION.consume(i)) {
        cmds.push(Command::ShowCriterion(fw.criterion_of(index).id.clone()));
    }
    if !enabled {
        return;
    }
    // Alt+O before O (which an extra Alt would match too): to the oordeel, also from a field.
    if ui.input_mut(|i| shortcuts::TO_OORDEEL.consume(i)) {
        ask_oordeel_focus(ui);
    }
    // In a text field V, O and N are letters; anywhere else (a button, the list, the oordeel
    // itself) they set the oordeel.
    if ui.ctx().text_edit_focused() {
        return;
    }
    let id = ws.inspection.framework.expectation(index).id.clone();
    let conflicted = ws.inspection.is_conflicted(Kind::Oordeel, &id);
    for (key, value) in [
        (shortcuts::VOLDOENDE, JudgementValue::Voldoende),
        (shortcuts::ONVOLDOENDE, JudgementValue::Onvoldoende),
        (shortcuts::NIET_BEOORDEELD, JudgementValue::NietBeoordeeld),
    ] {
        if ui.input_mut(|i| key.consume(i)) {
            cmds.push(if conflicted {
                // Two versions: the key opens the choice, it never silently picks one.
                Command::ShowConflict {
                    kind: Kind::Oordeel,
                    entity: id.clone(),
                }
            } else {
                set_value(ws, &id, value, None)
            });
        }
    }
}

/// The command that sets the oordeel value and its variant (the kader's default variant for an
/// onvoldoende, none otherwise). The onderbouwing typed so far goes along with it (see
/// `Workspace::update`).
fn set_value(ws: &Workspace, id: &str, value: JudgementValue, variant: Option<String>) -> Command {
    let framework = &ws.inspection.framework;
    let variant = match value {
        JudgementValue::Onvoldoende => variant.or_else(|| {
            framework
                .index_of(id)
                .and_then(|i| framework.default_variant(i))
                .map(|v| framework.rules.variants[v].id.clone())
        }),
        _ => None,
    };
    Command::Edit(
        Edit::set(
            RecordRef::Oordeel(id.to_string()),
            "waarde",
            text(value.as_str()),
        )
        .and("variant", Value::OptText(variant)),
    )
}

/// The search field (Ctrl+F) and the filter of the work list.
fn work_list_controls(ui: &mut Ui, ws: &Workspace, state: &mut ExpectationState, found: usize) {
    let l = ui.label(RichText::new("Zoeken (Ctrl+F)").small().color(GREY));
    let search = ui
        .add(
            egui::TextEdit::singleline(&mut state.search)
                .id(search_id())
                .hint_text("nummer, tekst, onderbouwing")
                .desired_width(f32::INFINITY),
        )
        .labelled_by(l.id);
    if search.has_focus() && ui.input_mut(|i| shortcuts::ESCAPE.consume(i)) {
        state.search.clear();
    }
    let l = ui.label(RichText::new("Toon").small().color(GREY));
    let counts: Vec<usize> = WorkFilter::ALL
        .iter()
        .map(|f| {
            let fw = &ws.inspection.framework;
            (0..fw.expectations().len())
                .filter(|&i| f.keeps(ws, &fw.expectation(i).id))
                .count()
        })
        .collect();
    egui::ComboBox::from_id_salt("werklijst-filter")
        .selected_text(state.filter.label())
        .width(ui.available_width() - 8.0)
        .show_ui(ui, |ui| {
            for (f, n) in WorkFilter::ALL.into_iter().zip(&counts) {
                ui.selectable_value(&mut state.filter, f, format!("{} ({n})", f.label()));
            }
        })
        .response
        .labelled_by(l.id);
    if state.narrowed() {
        ui.horizontal_wrapped(|ui| {
            widgets::muted(ui, count_words(found));
            if ui.small_button("Alles tonen").clicked() {
                state.filter = WorkFilter::Alle;
                state.search.clear();
            }
        });
    }
    ui.separator();
}

/// "1 verwachting", "3 verwachtingen".
fn count_words(n: usize) -> String {
    crate::ui::types::count(n as u64, "verwachting", "verwachtingen")
}

/// The verwachtingen by thema; in a kader with criterion oordelen also an entry per criterium
/// (with its oordeel), its verwachtingen indented under it. With a filter or search, only the
/// verwachtingen in `listed` (and the headings above them).
fn list(
    ui: &mut Ui,
    ws: &Workspace,
    shown: usize,
    criterion: Option<&str>,
    listed: &[usize],
    narrowed: bool,
    cmds: &mut Vec<Command>,
) {
    egui::ScrollArea::vertical()
        .id_salt(("verwachtinglijst", ws.inspection.id))
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let fw = &ws.inspection.framework;
            let with_criteria = fw.has_criterion_oordelen();
            if narrowed && listed.is_empty() {
                widgets::muted(ui, "Geen verwachtingen met dit filter of deze zoekwoorden.");
                return;
            }
            let mut index = 0;
            for theme in &fw.themes {
                let theme_len: usize = theme.criteria.iter().map(|c| c.expectations.len()).sum();
                let theme_range = index..index + theme_len;
                if narrowed && !listed.iter().any(|i| theme_range.contains(i)) {
                    index = theme_range.end;
                    continue;
                }
                ui.label(RichText::new(format!("{}. {}", theme.id, theme.title)).strong());
                for c in &theme.criteria {
                    let first = index;
                    index += c.expectations.len();
                    if narrowed && !listed.iter().any(|i| (first..index).contains(i)) {
                        continue;
                    }
                    if !with_criteria {
                        expectation_entries(ui, ws, c, first, shown, listed, narrowed, cmds);
                        continue;
                    }
                    let (mark, color) = criterion_mark(ws, &c.id);
                    let text = RichText::new(format!("Criterium {}{mark}", c.id))
                        .strong()
                        .color(color);
                    // Heard in words: "Criterium 1.1, oordeel criterium M (matig)", not "· M"
                    // or "⚠".
                    let response = ui
                        .selectable_label(criterion == Some(c.id.as_str()), text)
                        .on_hover_text(&c.title)
                        .accessible_name(format!(
                            "Criterium {}, {}",
                            c.id,
                            criterion_status_words(ws, &c.id)
                        ));
                    if response.clicked() {
                        cmds.push(Command::ShowCriterion(c.id.clone()));
                    }
                    // No verwachting is selected while a criterium is shown.
                    let shown = if criterion.is_some() {
                        usize::MAX
                    } else {
                        shown
                    };
                    ui.indent(("criterium", &c.id), |ui| {
                        expectation_entries(ui, ws, c, first, shown, listed, narrowed, cmds);
                    });
                }
            }
        });
}

/// A criterion oordeel now in words, for a screen reader (what [`criterion_mark`] shows):
/// "oordeel criterium M (matig)", "niet beoordeeld", "oordeel criterium in conflict, twee
/// versies".
fn criterion_status_words(ws: &Workspace, id: &str) -> String {
    if ws.inspection.is_conflicted(Kind::CriteriumOordeel, id) {
        return "oordeel criterium in conflict, twee versies".into();
    }
    match criterion_oordeel_text(ws, id).0.as_str() {
        "niet beoordeeld" => "niet beoordeeld".into(),
        text => format!("oordeel criterium {text}"),
    }
}

/// The list entries of the verwachtingen of criterium `c` (the first at index `first`); with a
/// filter or search only those in `listed`.
#[allow(clippy::too_many_arguments)]
fn expectation_entries(
    ui: &mut Ui,
    ws: &Workspace,
    c: &Criterion,
    first: usize,
    shown: usize,
    listed: &[usize],
    narrowed: bool,
    cmds: &mut Vec<Command>,
) {
    for (n, e) in c.expectations.iter().enumerate() {
        let i = first + n;
        if narrowed && !listed.contains(&i) {
            continue;
        }
        let (symbol, color) = oordeel_symbol(ws, &e.id);
        let text = RichText::new(format!("{symbol} {}", e.id)).color(color);
        // A screen reader hears the status in words: "1.3.2, oordeel onvoldoende".
        let response = ui
            .selectable_label(i == shown, text)
            .on_hover_text(&e.text)
            .accessible_name(format!("{}, {}", e.id, status_words(ws, &e.id)));
        if response.clicked() {
            cmds.push(Command::ShowExpectation(i));
        }
    }
}

fn detail(
    ui: &mut Ui,
    ws: &mut Workspace,
    index: usize,
    round: Option<usize>,
    cmds: &mut Vec<Command>,
) {
    let count = ws.inspection.framework.expectations().len();
    let e = ws.inspection.framework.expectation(index).clone();
    let criterion = ws.inspection.framework.criterion_of(index).clone();

    ui.horizontal(|ui| {
        if ui
            .add_enabled(index > 0, egui::Button::new("◀ Vorige (Alt+Links)"))
            .clicked()
        {
            cmds.push(Command::ShowExpectation(index - 1));
        }
        if ui
            .add_enabled(
                index + 1 < count,
                egui::Button::new("Volgende (Alt+Rechts) ▶"),
            )
            .clicked()
        {
            cmds.push(Command::ShowExpectation(index + 1));
        }
        widgets::muted(ui, format!("{} van {count}", index + 1));
    });
    if ws.inspection.framework.has_criterion_oordelen() {
        criterion_line(ui, ws, &criterion, cmds);
    } else {
        widgets::muted(
            ui,
            format!("Criterium {} {}", criterion.id, criterion.title),
        );
    }
    ui.label(
        RichText::new(format!("{}  {}", e.id, e.text))
            .size(18.0)
            .strong(),
    );
    for note in &e.footnotes {
        ui.label(RichText::new(note).small().color(GREY));
    }
    if e.assessment != Assessment::Judged {
        ui.label(
            RichText::new(format!(
                "Deze verwachting wordt {} en telt niet mee in het eindoordeel.",
                e.assessment.label()
            ))
            .italics(),
        );
    }

    match round {
        // A hertoets: the earlier rounds beside the oordeel now.
        Some(round) => {
            ui.columns(2, |cols| {
                left_aligned(&mut cols[0], |ui| current_oordeel(ui, ws, &e.id, cmds));
                left_aligned(&mut cols[1], |ui| {
                    earlier_oordelen(ui, ws, &e.id, round, cmds);
                });
            });
        }
        None => current_oordeel(ui, ws, &e.id, cmds),
    }
    norm_suggestions(ui, ws, &e.id);
    ui.separator();
    // The shares within term come from `Derived` (once per change), not from every frame.
    let evidence = evidence::evidence_from(&ws.inspection, &e.id, &ws.derived.evidence_basis);
    show_evidence(ui, ws, &evidence);
    history(ui, ws, &e.id);
}

/// The oordeel now: read-only once vastgesteld, the versions while in conflict, else the editor.
fn current_oordeel(ui: &mut Ui, ws: &mut Workspace, id: &str, cmds: &mut Vec<Command>) {
    if ws.inspection.is_frozen() {
        frozen(ui, ws, id);
    } else if !conflict(ui, ws, id, cmds) {
        oordeel(ui, ws, id, cmds);
    }
}

/// "Criterium 1.1 … · oordeel M (matig)" with the way to the criterium (a kader with criterion
/// oordelen).
fn criterion_line(ui: &mut Ui, ws: &Workspace, criterion: &Criterion, cmds: &mut Vec<Command>) {
    ui.horizontal_wrapped(|ui| {
        widgets::muted(
            ui,
            format!("Criterium {} {}", criterion.id, criterion.title),
        );
        let (text, color) = criterion_oordeel_text(ws, &criterion.id);
        ui.label(RichText::new(format!("· oordeel criterium: {text}")).color(color));
        if ui
            .small_button(format!("Naar criterium {} (Alt+Omhoog)", criterion.id))
            .on_hover_text("Het oordeel en de onderbouwing van het criterium als geheel")
            .clicked()
        {
            cmds.push(Command::ShowCriterion(criterion.id.clone()));
        }
    });
}

fn oordeel(ui: &mut Ui, ws: &mut Workspace, id: &str, cmds: &mut Vec<Command>) {
    widgets::heading(ui, "Oordeel");
    let current = ws.inspection.oordeel(id).map(|o| o.data.clone());
    let value = current
        .as_ref()
        .map_or(JudgementValue::NietBeoordeeld, |o| o.value);
    // One group "Oordeel" for a screen reader; Alt+O puts the focus on the chosen one, and on
    // the group the arrow keys go to the previous / next choice and choose it.
    let focus = take_oordeel_focus(ui);
    let choices = [
        (JudgementValue::Voldoende, shortcuts::VOLDOENDE),
        (JudgementValue::Onvoldoende, shortcuts::ONVOLDOENDE),
        (JudgementValue::NietBeoordeeld, shortcuts::NIET_BEOORDEELD),
    ];
    let radios: Vec<egui::Response> = widgets::radio_group(ui, "Oordeel", |ui| {
        choices
            .iter()
            .map(|&(v, key)| {
                let selected = value == v;
                let key = key.text();
                let text = RichText::new(format!("{} ({key})", v.label())).color(if selected {
                    value_color(v)
                } else {
                    GREY
                });
                let response = ui.selectable_label(selected, text.strong());
                widgets::radio_info(&response, v.label(), selected, Some(&key));
                if focus && selected {
                    response.request_focus();
                    response.scroll_to_me(None);
                }
                if response.clicked() && !selected {
                    cmds.push(set_value(ws, id, v, None));
                }
                response
            })
            .collect()
    });
    if let Some(to) = widgets::radio_arrows(ui, &radios) {
        let (v, _) = choices[to];
        if v != value {
            cmds.push(set_value(ws, id, v, None));
        }
    }
    let framework = &ws.inspection.framework;
    if value == JudgementValue::Onvoldoende
        && let Some(index) = framework.index_of(id)
    {
        let variants: Vec<(String, String)> = framework
            .variants_of(index)
            .map(|(_, v)| (v.id.clone(), v.name.clone()))
            .collect();
        if !variants.is_empty() {
            let chosen = current.as_ref().and_then(|o| o.variant.clone());
            ui.horizontal(|ui| {
                let l = ui.label("Reden van onvoldoende:");
                for (vid, name) in &variants {
                    let selected = chosen.as_deref() == Some(vid.as_str());
                    let response = ui.radio(selected, name).labelled_by(l.id);
                    if response.clicked() && !selected {
                        cmds.push(set_value(
                            ws,
                            id,
                            JudgementValue::Onvoldoende,
                            Some(vid.clone()),
                        ));
                    }
                }
            });
        }
    }
    widgets::draft_field(
        ui,
        ws,
        DraftTarget::Onderbouwing(id.to_string()),
        "Onderbouwing (komt in het rapport)",
        true,
        cmds,
    );
    if value != JudgementValue::NietBeoordeeld && !has_onderbouwing(ws, id) {
        // Gentle: the oordeel stands, but the rapport would show it without a reason.
        ui.label(
            RichText::new(
                "Let op: dit oordeel heeft nog geen onderbouwing. Het rapport toont het dan zonder toelichting; vul haar aan voordat het concept wordt verzonden.",
            )
            .color(widgets::AMBER),
        );
    }
    if let Some(o) = ws.inspection.oordeel(id) {
        widgets::muted(
            ui,
            format!(
                "Laatst vastgelegd door {} op {}",
                ws.inspection.inspector_name(o.meta.author),
                local_time(o.meta.at)
            ),
        );
    }
}

/// After vaststellen: the oordeel and onderbouwing read-only, with the way to change them
/// (heropenen on the Wederhoor screen). V, O and N are refused by the workspace with that notice.
fn frozen(ui: &mut Ui, ws: &Workspace, id: &str) {
    widgets::heading(ui, "Oordeel");
    egui::Frame::group(ui.style())
        .stroke(egui::Stroke::new(1.5, widgets::AMBER))
        .show(ui, |ui| {
            ui.label(RichText::new(format!("🔒 {}", frozen_text(ws))).strong());
        });
    match ws.inspection.oordeel(id) {
        Some(o) => {
            widgets::value_badge(ui, o.data.value, &o.data.text());
            ui.label(
                RichText::new("Onderbouwing (komt in het rapport)")
                    .small()
                    .color(GREY),
            );
            if o.data.onderbouwing.trim().is_empty() {
                widgets::muted(ui, "(geen onderbouwing)");
            } else {
                ui.label(&o.data.onderbouwing);
            }
        }
        None => widgets::value_badge(
            ui,
            JudgementValue::NietBeoordeeld,
            JudgementValue::NietBeoordeeld.label(),
        ),
    }
}

/// An oordeel in conflict: instead of the editor, its versions side by side with "Twee versies —
/// kies eerst" and the way to the choice. Returns whether the oordeel is in conflict.
fn conflict(ui: &mut Ui, ws: &Workspace, id: &str, cmds: &mut Vec<Command>) -> bool {
    let Some(c) = ws.inspection.conflict_of(Kind::Oordeel, id) else {
        return false;
    };
    let Some(history) = ws.inspection.oordelen.history(id) else {
        return false;
    };
    widgets::heading(ui, "Oordeel");
    egui::Frame::group(ui.style())
        .stroke(egui::Stroke::new(1.5, RED))
        .show(ui, |ui| {
            let headline = match c.versions.len() {
                0..=2 => "⚠ Twee versies — kies eerst".to_string(),
                n => format!("⚠ {n} versies — kies eerst"),
            };
            ui.label(RichText::new(headline).color(RED).strong());
            widgets::muted(
                ui,
                "Na het samenvoegen kwamen twee inspecteurs tot een ander oordeel. Tot u kiest welke versie geldt (of ze combineert) telt deze verwachting niet mee; V, O en N openen de keuze.",
            );
            ui.columns(c.versions.len().max(1), |cols| {
                for (col, version) in cols.iter_mut().zip(&c.versions) {
                    if let Some(revision) = history.revision(version.rev) {
                        version_card(col, ws, revision);
                    }
                }
            });
            ui.add_space(4.0);
            let choose = ui
                .button("Kies een versie…")
                .on_hover_text("De versies naast elkaar op het scherm Conflicten (V, O of N)");
            if take_oordeel_focus(ui) {
                choose.request_focus();
            }
            if choose.clicked() {
                cmds.push(Command::ShowConflict {
                    kind: Kind::Oordeel,
                    entity: id.to_string(),
                });
            }
        });
    true
}

fn version_card(ui: &mut Ui, ws: &Workspace, version: &Revision<OordeelData>) {
    if version.meta.deleted {
        ui.label(RichText::new("verwijderd").color(RED).strong());
    } else {
        widgets::value_badge(ui, version.data.value, &version.data.text());
    }
    widgets::muted(
        ui,
        format!(
            "{} · {}",
            ws.inspection.inspector_name(version.meta.author),
            local_time(version.meta.at)
        ),
    );
    ui.label(if version.data.onderbouwing.is_empty() {
        "(geen onderbouwing)"
    } else {
        &version.data.onderbouwing
    });
}

/// The kader's norms on this verwachting: the figure with its basis, the norm and the oordeel it
/// suggests, in words as well as colour. A suggestion never sets the oordeel.
fn norm_suggestions(ui: &mut Ui, ws: &Workspace, id: &str) {
    if !ws
        .inspection
        .framework
        .norms
        .iter()
        .any(|n| n.expectations.iter().any(|e| e == id))
    {
        return;
    }
    // From the shares computed once per change, not per frame.
    let checks: Vec<_> = ws
        .inspection
        .norm_checks_from(&ws.derived.deadline_summaries)
        .into_iter()
        .filter(|c| c.norm.expectations.iter().any(|e| e == id))
        .collect();
    ui.add_space(4.0);
    for c in &checks {
        let color = match c.reached() {
            Some(true) => GREEN,
            Some(false) => RED,
            None => GREY,
        };
        ui.label(RichText::new(format!("Norm — {}", c.line())).color(color));
        widgets::muted(ui, c.basis());
    }
    widgets::muted(ui, "Een suggestie uit het cijfer; het oordeel is aan u.");
}

/// How many dossiers with "nee" on a checklist item are listed before the rest is folded away.
const NEE_SHOWN: usize = 12;

fn show_evidence(ui: &mut Ui, ws: &Workspace, ev: &Evidence<'_>) {
    let (o, w, n) = ev.tags();
    widgets::heading(ui, "Bewijs uit alle bronnen");
    widgets::muted(
        ui,
        format!("{o} ondersteunt · {w} weerspreekt · {n} neutraal"),
    );

    ui.label(RichText::new(format!("Interviews ({})", ev.answers.len())).strong());
    if ev.answers.is_empty() {
        widgets::muted(ui, "Geen interviewantwoorden bij deze verwachting.");
    }
    for a in &ev.answers {
        ui.horizontal_wrapped(|ui| {
            tag_label(ui, a.tag);
            ui.label(
                RichText::new(
                    a.role
                        .map_or(a.interview.data.rol.as_str(), |r| r.name.as_str()),
                )
                .strong(),
            );
            widgets::muted(ui, &a.question.text);
        });
        ui.label(&a.answer.data.notitie);
    }

    ui.add_space(4.0);
    ui.label(RichText::new(format!("Flitsinterviews ({})", ev.flashes.len())).strong());
    for f in &ev.flashes {
        ui.horizontal_wrapped(|ui| {
            tag_label(ui, f.tag);
            ui.label(RichText::new(&f.flash.data.functie).strong());
            for (q, a) in &f.answers {
                widgets::muted(ui, &q.text);
                ui.label(*a);
            }
        });
    }

    ui.add_space(4.0);
    ui.label(RichText::new("Dossiers").strong());
    if ev.checks.is_empty() {
        widgets::muted(ui, "Geen checklistvragen bij deze verwachting.");
    }
    for c in &ev.checks {
        ui.horizontal_wrapped(|ui| {
            // Green only for an actual "ja": nothing answered yet is no good news.
            let color = if c.nee > 0 {
                RED
            } else if c.ja > 0 {
                GREEN
            } else {
                GREY
            };
            ui.label(RichText::new(c.summary()).color(color).strong());
            widgets::muted(ui, &c.question.text);
        });
        // The first dossiers with "nee" are listed; the rest behind a fold, so a checklist item
        // over thousands of dossiers does not lay out thousands of lines in every frame.
        let nee_line = |ui: &mut Ui, (nummer, note): &(String, String)| {
            ui.label(
                RichText::new(format!(
                    "   nee: {nummer}{}",
                    if note.is_empty() {
                        String::new()
                    } else {
                        format!(" — {note}")
                    }
                ))
                .color(GREY),
            );
        };
        for line in c.nee_dossiers.iter().take(NEE_SHOWN) {
            nee_line(ui, line);
        }
        if c.nee_dossiers.len() > NEE_SHOWN {
            let rest = &c.nee_dossiers[NEE_SHOWN..];
            egui::CollapsingHeader::new(format!(
                "nog {} met nee",
                if rest.len() == 1 {
                    "1 dossier".to_string()
                } else {
                    format!("{} dossiers", rest.len())
                }
            ))
            .id_salt(("nee-dossiers", &c.question.id))
            .show(ui, |ui| {
                for line in rest {
                    nee_line(ui, line);
                }
            });
        }
    }
    for (def, s) in &ev.deadlines {
        ui.label(format!("Termijn {}: {}", def.name, s.describe()));
    }

    ui.add_space(4.0);
    ui.label(RichText::new("Documenten").strong());
    for d in &ev.documents {
        let (received, note) = d
            .record
            .map_or((false, ""), |r| (r.data.ontvangen, r.data.notitie.as_str()));
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(&d.item.name).strong());
            widgets::muted(
                ui,
                if received {
                    "ontvangen"
                } else {
                    "niet ontvangen"
                },
            );
            ui.label(note);
        });
    }
    let _ = ws;
}

fn tag_label(ui: &mut Ui, tag: Option<Tag>) {
    let (text, color) = match tag {
        Some(Tag::Ondersteunt) => ("ondersteunt", GREEN),
        Some(Tag::Weerspreekt) => ("weerspreekt", RED),
        Some(Tag::Neutraal) => ("neutraal", GREY),
        None => ("niet getagd", GREY),
    };
    ui.label(RichText::new(format!("[{text}]")).color(color).monospace());
}

fn history(ui: &mut Ui, ws: &Workspace, id: &str) {
    let Some(history) = ws.inspection.oordelen.history(id) else {
        return;
    };
    ui.add_space(6.0);
    egui::CollapsingHeader::new(format!(
        "Historie van het oordeel ({})",
        versions(history.revisions().len())
    ))
    .id_salt(("historie", id))
    .show(ui, |ui| {
        for r in history.revisions().iter().rev() {
            ui.horizontal_wrapped(|ui| {
                widgets::value_badge(ui, r.data.value, &r.data.text());
                widgets::muted(
                    ui,
                    format!(
                        "{} · {}",
                        local_time(r.meta.at),
                        ws.inspection.inspector_name(r.meta.author)
                    ),
                );
                if r.meta.replaces.len() > 1 {
                    ui.label(
                        RichText::new(format!(
                            "lost conflict op ({} versies)",
                            r.meta.replaces.len()
                        ))
                        .italics(),
                    );
                }
            });
            if !r.data.onderbouwing.is_empty() {
                ui.label(RichText::new(&r.data.onderbouwing).color(GREY));
            }
        }
    });
}
