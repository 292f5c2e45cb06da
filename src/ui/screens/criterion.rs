//! The criterion view and the earlier rounds of the Verwachtingen screen (see `expectation`,
//! which shows them).
//!
//! **Criteria** (only in a kader with criterion oordelen, such as stap 1): the inspectors' own
//! oordeel per criterium on the kader's scale (one key per level, e.g. V, M, O; N or Delete
//! takes it back to niet beoordeeld) and its onderbouwing ("Ad 1.1") as a draft field, with the
//! status of its verwachtingen beside it as context — never filled in from them. It is edited
//! like an oordeel: an [`Edit`] of [`RecordRef::Criterium`] through the workspace, so a version
//! in conflict opens the choice and a vastgesteld onderzoek refuses it. Only the scale's levels
//! are offered.
//!
//! **Earlier rounds** (a hertoets file): beside the current oordeel, every earlier round as a
//! line (name, date, oordeel), the latest shown with its onderbouwing then (another one when
//! clicked), and for a verwachting the trend since the latest round (opgeheven / aanhoudend /
//! nieuw). Read-only: a round is what that round concluded.

use eframe::egui::{self, Color32, Key, RichText, Ui};

use crate::domain::inspection::{Kind, Round};
use crate::domain::judgement::{Judgement, JudgementValue};
use crate::domain::kader::{Criterion, Framework};
use crate::domain::rounds::Trend;
use crate::domain::termijn::format_date_nl;
use crate::ui::commands::Command;
use crate::ui::edit::{Edit, RecordRef, text};
use crate::ui::screens::conflicts;
use crate::ui::shortcuts;
use crate::ui::widgets::{self, AMBER, GREEN, GREY, RED, local_time, value_color};
use crate::ui::workspace::{DraftTarget, Workspace};

/// The index of the first verwachting of criterium `id`.
pub fn first_of_criterion(fw: &Framework, id: &str) -> Option<usize> {
    (0..fw.expectations().len()).find(|&i| fw.criterion_of(i).id == id)
}

/// The symbol and colour of a verwachting's oordeel now: ✔ voldoende, ✖ onvoldoende, ⚠ in
/// conflict, · not judged.
pub fn oordeel_symbol(ws: &Workspace, id: &str) -> (&'static str, Color32) {
    if ws.derived.conflicts.iter().any(|c| c == id) {
        return ("⚠", RED);
    }
    match ws.inspection.oordeel(id).map(|o| o.data.value) {
        Some(JudgementValue::Voldoende) => ("✔", GREEN),
        Some(JudgementValue::Onvoldoende) => ("✖", RED),
        _ => ("·", GREY),
    }
}

/// A verwachting's oordeel now in words, for a screen reader (what [`oordeel_symbol`] shows):
/// "oordeel voldoende", "oordeel onvoldoende", "niet beoordeeld", "oordeel in conflict".
pub fn status_words(ws: &Workspace, id: &str) -> &'static str {
    if ws.derived.conflicts.iter().any(|c| c == id) {
        return "oordeel in conflict, twee versies";
    }
    match ws.inspection.oordeel(id).map(|o| o.data.value) {
        Some(JudgementValue::Voldoende) => "oordeel voldoende",
        Some(JudgementValue::Onvoldoende) => "oordeel onvoldoende",
        _ => "niet beoordeeld",
    }
}

fn oordeel_focus_id() -> egui::Id {
    egui::Id::unique("veldtoets-naar-het-oordeel")
}

/// Alt+O was pressed: the oordeel shown takes the focus when it is drawn (this frame).
pub fn ask_oordeel_focus(ui: &Ui) {
    ui.data_mut(|d| d.insert_temp(oordeel_focus_id(), true));
}

/// Whether the oordeel drawn now should take the focus (asked by Alt+O this frame); asked once.
pub fn take_oordeel_focus(ui: &Ui) -> bool {
    ui.data_mut(|d| d.remove_temp::<bool>(oordeel_focus_id()))
        .unwrap_or(false)
}

/// "Het rapport is op … definitief vastgesteld …": why the oordeel cannot be edited.
pub fn frozen_text(ws: &Workspace) -> String {
    let on = match ws.inspection.phase() {
        crate::domain::wederhoor::Phase::Vastgesteld { on } => {
            format!(" op {}", crate::domain::termijn::format_date_nl(on))
        }
        _ => String::new(),
    };
    format!(
        "Het rapport is{on} definitief vastgesteld: oordelen en onderbouwingen liggen vast. Wijzigen kan pas na \"Heropenen…\" (met een reden) op het scherm Wederhoor (F8)."
    )
}

// ---------------------------------------------------------------------------------------------
// Criteria (a kader with criterion oordelen)

/// The key that chooses a level of the criterion scale: its code when that is one letter.
fn level_key(code: &str) -> Option<Key> {
    shortcuts::criterion_level_key(code)
}

/// The key that takes a criterion oordeel back to niet beoordeeld: N, unless the scale uses it
/// (then only Delete does).
fn none_key(fw: &Framework) -> Option<Key> {
    let none = shortcuts::NIET_BEOORDEELD.key;
    let taken = fw
        .criterion_scale
        .iter()
        .any(|l| level_key(&l.code) == Some(none));
    (!taken).then_some(none)
}

/// The colour of level `i` of a scale of `n`: the first green, the last red, between amber.
fn level_color(i: usize, n: usize) -> Color32 {
    if i == 0 {
        GREEN
    } else if i + 1 == n {
        RED
    } else {
        AMBER
    }
}

/// The code, name and colour of a criterion oordeel code on the kader's scale.
fn level_of(fw: &Framework, code: &str) -> Option<(String, String, Color32)> {
    let n = fw.criterion_scale.len();
    let code = code.trim();
    fw.criterion_scale
        .iter()
        .enumerate()
        .find(|(_, l)| l.code.eq_ignore_ascii_case(code))
        .map(|(i, l)| (l.code.clone(), l.name.clone(), level_color(i, n)))
}

/// The criterion oordeel now in words ("M (matig)", "niet beoordeeld", "twee versies").
pub fn criterion_oordeel_text(ws: &Workspace, id: &str) -> (String, Color32) {
    if ws.inspection.is_conflicted(Kind::CriteriumOordeel, id) {
        return ("⚠ twee versies — kies eerst".into(), RED);
    }
    let fw = &ws.inspection.framework;
    ws.inspection
        .criterion_oordeel(id)
        .and_then(|r| level_of(fw, &r.data.oordeel))
        .map_or(("niet beoordeeld".into(), GREY), |(code, name, color)| {
            (format!("{code} ({name})"), color)
        })
}

/// What the list shows after "Criterium 1.1": " · M", " ⚠" in conflict, nothing when not judged.
pub fn criterion_mark(ws: &Workspace, id: &str) -> (String, Color32) {
    if ws.inspection.is_conflicted(Kind::CriteriumOordeel, id) {
        return (" ⚠".into(), RED);
    }
    let fw = &ws.inspection.framework;
    ws.inspection
        .criterion_oordeel(id)
        .and_then(|r| level_of(fw, &r.data.oordeel))
        .map_or((String::new(), GREY), |(code, _, color)| {
            (format!(" · {code}"), color)
        })
}

/// The command that sets the criterion oordeel (a code on the scale, or empty: niet
/// beoordeeld). The onderbouwing typed so far goes along (see `Workspace::update`).
fn set_criterion(id: &str, code: &str) -> Command {
    Command::Edit(Edit::set(
        RecordRef::Criterium(id.to_string()),
        "oordeel",
        text(code),
    ))
}

/// Alt+Links / Alt+Rechts: the previous / next criterium; Alt+Omlaag: back to the verwachting;
/// with no text field focused, one key per level of the scale and N (or Delete) for niet
/// beoordeeld. On a criterion oordeel in conflict the keys open the choice.
pub fn criterion_keys(
    ui: &mut Ui,
    ws: &Workspace,
    id: &str,
    index: usize,
    enabled: bool,
    cmds: &mut Vec<Command>,
) {
    let fw = &ws.inspection.framework;
    let ids: Vec<&str> = fw.criteria().map(|c| c.id.as_str()).collect();
    let pos = ids.iter().position(|c| *c == id).unwrap_or(0);
    if ui.input_mut(|i| shortcuts::NEXT.consume(i))
        && let Some(next) = ids.get(pos + 1)
    {
        cmds.push(Command::ShowCriterion(next.to_string()));
    }
    if ui.input_mut(|i| shortcuts::PREVIOUS.consume(i)) && pos > 0 {
        cmds.push(Command::ShowCriterion(ids[pos - 1].to_string()));
    }
    if ui.input_mut(|i| shortcuts::TO_EXPECTATION.consume(i)) {
        cmds.push(Command::ShowExpectation(index));
    }
    if !enabled {
        return;
    }
    // Alt+O before the letters (an extra Alt would match them too).
    if ui.input_mut(|i| shortcuts::TO_OORDEEL.consume(i)) {
        ask_oordeel_focus(ui);
    }
    if ui.ctx().text_edit_focused() {
        return;
    }
    let mut choices: Vec<(Key, String)> = fw
        .criterion_scale
        .iter()
        .filter_map(|l| Some((level_key(&l.code)?, l.code.clone())))
        .collect();
    if let Some(key) = none_key(fw) {
        choices.push((key, String::new()));
    }
    choices.push((shortcuts::DELETE.key, String::new()));
    let conflicted = ws.inspection.is_conflicted(Kind::CriteriumOordeel, id);
    for (key, code) in choices {
        if ui.input_mut(|i| shortcuts::Combo::key(key).consume(i)) {
            cmds.push(if conflicted {
                // Two versions: the key opens the choice, it never silently picks one.
                Command::ShowConflict {
                    kind: Kind::CriteriumOordeel,
                    entity: id.to_string(),
                }
            } else {
                set_criterion(id, &code)
            });
        }
    }
}

/// One criterium: its oordeel and onderbouwing (beside the earlier rounds in a hertoets), the
/// status of its verwachtingen, and the history of its oordeel.
pub fn criterion_detail(
    ui: &mut Ui,
    ws: &mut Workspace,
    id: &str,
    index: usize,
    round: Option<usize>,
    cmds: &mut Vec<Command>,
) {
    let fw = &ws.inspection.framework;
    let Some(criterion) = fw.criterion(id).cloned() else {
        return;
    };
    let ids: Vec<String> = fw.criteria().map(|c| c.id.clone()).collect();
    let pos = ids.iter().position(|c| c == id).unwrap_or(0);
    let theme = fw
        .themes
        .iter()
        .find(|t| t.criteria.iter().any(|c| c.id == id))
        .map(|t| format!("Thema {}. {}", t.id, t.title))
        .unwrap_or_default();
    let back = fw.expectation(index).id.clone();

    ui.horizontal(|ui| {
        if ui
            .add_enabled(pos > 0, egui::Button::new("◀ Vorig criterium (Alt+Links)"))
            .clicked()
        {
            cmds.push(Command::ShowCriterion(ids[pos - 1].clone()));
        }
        if ui
            .add_enabled(
                pos + 1 < ids.len(),
                egui::Button::new("Volgend criterium (Alt+Rechts) ▶"),
            )
            .clicked()
        {
            cmds.push(Command::ShowCriterion(ids[pos + 1].clone()));
        }
        if ui
            .button(format!("Naar verwachting {back} (Alt+Omlaag)"))
            .clicked()
        {
            cmds.push(Command::ShowExpectation(index));
        }
        widgets::muted(ui, format!("criterium {} van {}", pos + 1, ids.len()));
    });
    widgets::muted(ui, theme);
    ui.label(
        RichText::new(format!("Criterium {}  {}", criterion.id, criterion.title))
            .size(18.0)
            .strong(),
    );
    for note in &criterion.footnotes {
        ui.label(RichText::new(note).small().color(GREY));
    }

    match round {
        Some(round) => {
            ui.columns(2, |cols| {
                left_aligned(&mut cols[0], |ui| {
                    current_criterion(ui, ws, &criterion, cmds)
                });
                left_aligned(&mut cols[1], |ui| {
                    earlier_criterion(ui, ws, id, round, cmds);
                });
            });
        }
        None => current_criterion(ui, ws, &criterion, cmds),
    }
    ui.separator();
    criterion_expectations(ui, ws, &criterion, cmds);
    criterion_history(ui, ws, id);
}

/// "Verwachtingen: 2 voldoende · 1 onvoldoende · 1 open": the context of the criterion oordeel.
fn expectation_status(ws: &Workspace, criterion: &Criterion) -> String {
    let (mut met, mut not_met, mut open, mut conflicted) = (0, 0, 0, 0);
    for e in &criterion.expectations {
        if ws.derived.conflicts.contains(&e.id) {
            conflicted += 1;
            continue;
        }
        match ws.inspection.oordeel(&e.id).map(|o| o.data.value) {
            Some(JudgementValue::Voldoende) => met += 1,
            Some(JudgementValue::Onvoldoende) => not_met += 1,
            _ => open += 1,
        }
    }
    let mut parts = vec![
        format!("{met} voldoende"),
        format!("{not_met} onvoldoende"),
        format!("{open} open"),
    ];
    if conflicted > 0 {
        parts.push(format!("{conflicted} in conflict"));
    }
    format!("Verwachtingen van dit criterium: {}", parts.join(" · "))
}

/// The criterion oordeel now: read-only once vastgesteld, the versions while in conflict, else
/// the scale and the onderbouwing.
fn current_criterion(
    ui: &mut Ui,
    ws: &mut Workspace,
    criterion: &Criterion,
    cmds: &mut Vec<Command>,
) {
    let id = criterion.id.as_str();
    widgets::heading(ui, "Oordeel op het criterium");
    ui.label(RichText::new(expectation_status(ws, criterion)).strong());
    widgets::muted(
        ui,
        "Uw eigen oordeel over het criterium als geheel: het volgt niet vanzelf uit de verwachtingen (een criterium kan voldoende zijn terwijl niet elke verwachting is gehaald) en telt niet mee in het eindoordeel.",
    );
    if ws.inspection.is_frozen() {
        frozen_criterion(ui, ws, id);
        return;
    }
    // Two versions after a merge: the choice, not the editor.
    if conflicts::notice(ui, ws, Kind::CriteriumOordeel, id, cmds) {
        return;
    }
    let fw = &ws.inspection.framework;
    let current = ws
        .inspection
        .criterion_oordeel(id)
        .map(|r| r.data.oordeel.trim().to_string())
        .unwrap_or_default();
    let n = fw.criterion_scale.len();
    let mut options: Vec<(String, String, Option<Key>, Color32)> = fw
        .criterion_scale
        .iter()
        .enumerate()
        .map(|(i, l)| {
            (
                l.code.clone(),
                l.name.clone(),
                level_key(&l.code),
                level_color(i, n),
            )
        })
        .collect();
    options.push((String::new(), "niet beoordeeld".into(), none_key(fw), GREY));
    let focus = take_oordeel_focus(ui);
    widgets::radio_group(ui, &format!("Oordeel criterium {id}"), |ui| {
        for (code, name, key, color) in options {
            let selected = if code.is_empty() {
                current.is_empty()
            } else {
                code.eq_ignore_ascii_case(&current)
            };
            let shown = match key {
                Some(k) => format!("{name} ({})", k.name()),
                None => name.clone(),
            };
            let text = RichText::new(shown)
                .strong()
                .color(if selected { color } else { GREY });
            let response = ui.selectable_label(selected, text);
            let label = format!("Criterium {id}: {name}");
            let key = key.map(shortcuts::key_name);
            widgets::radio_info(&response, &label, selected, key.as_deref());
            if focus && selected {
                response.request_focus();
                response.scroll_to_me(None);
            }
            if response.clicked() && !selected {
                cmds.push(set_criterion(id, &code));
            }
        }
    });
    let keys: Vec<String> = fw
        .criterion_scale
        .iter()
        .filter_map(|l| level_key(&l.code).map(|k| k.name().to_string()))
        .collect();
    let none = none_key(fw).map_or("Delete".to_string(), |k| format!("{} of Delete", k.name()));
    widgets::muted(
        ui,
        format!(
            "Buiten een tekstveld kiest u met {}; {none} maakt het weer niet beoordeeld.",
            keys.join(", ")
        ),
    );
    widgets::draft_field(
        ui,
        ws,
        DraftTarget::CriteriumOnderbouwing(id.to_string()),
        &format!("Onderbouwing Ad {id} (komt in het rapport)"),
        true,
        cmds,
    );
    if let Some(r) = ws.inspection.criterion_oordeel(id) {
        widgets::muted(
            ui,
            format!(
                "Laatst vastgelegd door {} op {}",
                ws.inspection.inspector_name(r.meta.author),
                local_time(r.meta.at)
            ),
        );
    }
}

/// After vaststellen: the criterion oordeel and its onderbouwing read-only, with the way to
/// change them (heropenen on the Wederhoor screen).
fn frozen_criterion(ui: &mut Ui, ws: &Workspace, id: &str) {
    egui::Frame::group(ui.style())
        .stroke(egui::Stroke::new(1.5, AMBER))
        .show(ui, |ui| {
            ui.label(RichText::new(format!("🔒 {}", frozen_text(ws))).strong());
        });
    let (text, color) = criterion_oordeel_text(ws, id);
    ui.label(RichText::new(text).strong().color(color));
    ui.label(
        RichText::new(format!("Onderbouwing Ad {id} (komt in het rapport)"))
            .small()
            .color(GREY),
    );
    match ws
        .inspection
        .criterion_oordeel(id)
        .map(|r| r.data.onderbouwing.trim())
        .filter(|t| !t.is_empty())
    {
        Some(t) => {
            ui.label(t);
        }
        None => widgets::muted(ui, "(geen onderbouwing)"),
    }
}

/// The verwachtingen of the criterium with their oordeel now (and, in a hertoets, then and the
/// trend), each a link to the verwachting.
fn criterion_expectations(
    ui: &mut Ui,
    ws: &Workspace,
    criterion: &Criterion,
    cmds: &mut Vec<Command>,
) {
    widgets::heading(ui, "Verwachtingen bij dit criterium");
    let fw = &ws.inspection.framework;
    let previous = ws.inspection.previous_round();
    let columns = if previous.is_some() { 5 } else { 3 };
    egui::Grid::new(("criterium-verwachtingen", &criterion.id))
        .striped(true)
        .num_columns(columns)
        .spacing([16.0, 6.0])
        .show(ui, |ui| {
            ui.label(RichText::new("Verwachting").strong());
            ui.label(RichText::new("Nu").strong());
            if let Some(round) = previous {
                ui.label(RichText::new(round.naam.as_str()).strong());
                ui.label(RichText::new("Trend").strong());
            }
            ui.label(RichText::new("Tekst").strong());
            ui.end_row();
            for e in &criterion.expectations {
                let Some(index) = fw.index_of(&e.id) else {
                    continue;
                };
                if ui
                    .link(RichText::new(&e.id).strong())
                    .on_hover_text("Naar deze verwachting")
                    .clicked()
                {
                    cmds.push(Command::ShowExpectation(index));
                }
                let (symbol, color) = oordeel_symbol(ws, &e.id);
                let now = if symbol == "⚠" {
                    "twee versies".to_string()
                } else {
                    ws.inspection
                        .oordeel(&e.id)
                        .map_or(JudgementValue::NietBeoordeeld, |o| o.data.value)
                        .label()
                        .to_string()
                };
                ui.label(RichText::new(format!("{symbol} {now}")).color(color));
                if let Some(round) = previous {
                    let (then, color) = round_oordeel_text(fw, round, &e.id);
                    ui.label(RichText::new(then).color(color));
                    match ws.inspection.trend(&e.id) {
                        Some(t) => {
                            ui.label(RichText::new(t.as_str()).strong().color(trend_color(t)))
                        }
                        None => ui.label(RichText::new("—").color(GREY)),
                    };
                }
                ui.label(truncate(&e.text, 90)).on_hover_text(&e.text);
                ui.end_row();
            }
        });
}

fn criterion_history(ui: &mut Ui, ws: &Workspace, id: &str) {
    let Some(history) = ws.inspection.criteriumoordelen.history(id) else {
        return;
    };
    let fw = &ws.inspection.framework;
    ui.add_space(6.0);
    egui::CollapsingHeader::new(format!(
        "Historie van het criteriumoordeel ({})",
        versions(history.revisions().len())
    ))
    .id_salt(("criterium-historie", id))
    .show(ui, |ui| {
        for r in history.revisions().iter().rev() {
            ui.horizontal_wrapped(|ui| {
                let (text, color) = if r.meta.deleted {
                    ("verwijderd".to_string(), RED)
                } else {
                    level_of(fw, &r.data.oordeel).map_or(
                        ("niet beoordeeld".to_string(), GREY),
                        |(code, name, color)| (format!("{code} ({name})"), color),
                    )
                };
                ui.label(RichText::new(text).strong().color(color));
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

// ---------------------------------------------------------------------------------------------
// Earlier rounds (a hertoets)

/// A round's oordeel on verwachting `id` in words ("onvoldoende (wachtlijst)") and its colour;
/// "niet beoordeeld" when it had none or one this kader cannot read.
fn round_oordeel_text(fw: &Framework, round: &Round, id: &str) -> (String, Color32) {
    let judgement = fw.index_of(id).and_then(|index| {
        let o = round.oordelen.get(id)?;
        Judgement::parse(fw, index, &o.oordeel).ok()
    });
    match judgement {
        Some(Judgement::NotMet { variant: Some(v) }) => {
            (format!("onvoldoende ({})", fw.rules.variants[v].name), RED)
        }
        Some(j) => (j.value().label().to_string(), value_color(j.value())),
        None => ("niet beoordeeld".to_string(), GREY),
    }
}

/// A round's criterion oordeel on criterium `id` in words ("M (matig)") and its colour.
fn round_criterion_text(fw: &Framework, round: &Round, id: &str) -> (String, Color32) {
    round
        .criteria
        .get(id)
        .and_then(|o| {
            level_of(fw, &o.oordeel)
                .map(|(code, name, color)| (format!("{code} ({name})"), color))
                .or_else(|| {
                    // A code this kader no longer has: shown as it was written.
                    (!o.oordeel.trim().is_empty()).then(|| (o.oordeel.trim().to_string(), GREY))
                })
        })
        .unwrap_or_else(|| ("niet beoordeeld".to_string(), GREY))
}

fn trend_color(t: Trend) -> Color32 {
    match t {
        Trend::Opgeheven => GREEN,
        Trend::Aanhoudend => RED,
        Trend::Nieuw => AMBER,
    }
}

/// "Trend: aanhoudend — toen en nu onvoldoende", or why there is none yet.
fn trend_text(ws: &Workspace, id: &str) -> (String, Color32) {
    let fw = &ws.inspection.framework;
    if let Some(t) = ws.inspection.trend(id) {
        let why = match t {
            Trend::Opgeheven => "toen onvoldoende, nu voldoende",
            Trend::Aanhoudend => "toen en nu onvoldoende",
            Trend::Nieuw => "toen voldoende, nu onvoldoende",
        };
        return (format!("Trend: {} — {why}", t.as_str()), trend_color(t));
    }
    let then = ws.inspection.previous_round().and_then(|r| r.value(fw, id));
    let now = ws
        .inspection
        .oordeel(id)
        .map(|o| o.data.value)
        .filter(|v| *v != JudgementValue::NietBeoordeeld);
    let why = match (then, now) {
        (_, None) => "volgt zodra de verwachting nu is beoordeeld",
        (None, Some(_)) => "geen: in de vorige ronde niet beoordeeld",
        _ => "geen verbeterpunt: toen en nu voldoende",
    };
    (format!("Trend: {why}"), GREY)
}

/// Every earlier round as a line (name, date, oordeel then), newest first; the one shown
/// (`shown`) is selected and a click shows another. `oordeel` gives a round's oordeel in words.
fn round_list(
    ui: &mut Ui,
    ws: &Workspace,
    what: &str,
    shown: usize,
    oordeel: impl Fn(&Round) -> (String, Color32),
    cmds: &mut Vec<Command>,
) {
    // One round: the card below says it all.
    if ws.inspection.rounds.len() < 2 {
        return;
    }
    for (i, round) in ws.inspection.rounds.iter().enumerate().rev() {
        let date = round
            .datum
            .map_or_else(|| "zonder datum".to_string(), format_date_nl);
        let (text, color) = oordeel(round);
        let line = format!("{} · {date} · {text}", round.naam);
        let selected = i == shown;
        let response = ui
            .selectable_label(selected, RichText::new(&line).color(color))
            .on_hover_text(format!(
                "{} {what} in {} ({})",
                if selected { "Getoond:" } else { "Toon" },
                round.naam,
                round.omschrijving
            ));
        if response.clicked() && !selected {
            cmds.push(Command::ShowRound(i));
        }
    }
}

/// A read-only card: the round shown, its oordeel then and the onderbouwing then.
fn round_card(
    ui: &mut Ui,
    round: &Round,
    (oordeel, color): (String, Color32),
    onderbouwing: &str,
    label: &str,
) {
    let date = round
        .datum
        .map_or_else(|| "zonder datum".to_string(), format_date_nl);
    ui.separator();
    ui.label(RichText::new(format!("{} · {date}", round.naam)).strong());
    widgets::muted(ui, &round.omschrijving);
    ui.horizontal_wrapped(|ui| {
        ui.label("Oordeel toen:");
        ui.label(RichText::new(oordeel).strong().color(color));
    });
    ui.label(RichText::new(label).small().color(GREY));
    if onderbouwing.trim().is_empty() {
        widgets::muted(ui, "(geen onderbouwing)");
    } else {
        ui.label(onderbouwing.trim());
    }
}

/// The earlier rounds beside the oordeel on verwachting `id` now: the trend since the latest
/// round, every round's oordeel, and round `shown` with its onderbouwing then.
pub fn earlier_oordelen(
    ui: &mut Ui,
    ws: &Workspace,
    id: &str,
    shown: usize,
    cmds: &mut Vec<Command>,
) {
    let fw = &ws.inspection.framework;
    let Some(round) = ws.inspection.rounds.get(shown) else {
        return;
    };
    widgets::heading(ui, "Eerdere rondes");
    earlier_frame(ui, |ui| {
        let (trend, color) = trend_text(ws, id);
        ui.label(RichText::new(trend).strong().color(color));
        ui.add_space(2.0);
        round_list(
            ui,
            ws,
            "het oordeel",
            shown,
            |r| round_oordeel_text(fw, r, id),
            cmds,
        );
        let onderbouwing = round
            .oordelen
            .get(id)
            .map_or("", |o| o.onderbouwing.as_str());
        round_card(
            ui,
            round,
            round_oordeel_text(fw, round, id),
            onderbouwing,
            "Onderbouwing toen",
        );
    });
}

/// The earlier rounds beside the criterion oordeel now.
fn earlier_criterion(ui: &mut Ui, ws: &Workspace, id: &str, shown: usize, cmds: &mut Vec<Command>) {
    let fw = &ws.inspection.framework;
    let Some(round) = ws.inspection.rounds.get(shown) else {
        return;
    };
    widgets::heading(ui, "Eerdere rondes");
    earlier_frame(ui, |ui| {
        // The course over every round: "Onderzoek O · Hertoets M · nu niet beoordeeld".
        let mut steps: Vec<String> = ws
            .inspection
            .rounds
            .iter()
            .map(|r| {
                let code = r
                    .criteria
                    .get(id)
                    .map(|o| o.oordeel.trim())
                    .filter(|c| !c.is_empty())
                    .unwrap_or("–");
                format!("{} {code}", r.naam)
            })
            .collect();
        let now = ws
            .inspection
            .criterion_oordeel(id)
            .map(|r| r.data.oordeel.trim().to_string())
            .filter(|c| !c.is_empty())
            .unwrap_or_else(|| "niet beoordeeld".into());
        steps.push(format!("nu {now}"));
        ui.label(RichText::new(format!("Verloop: {}", steps.join(" · "))).strong());
        ui.add_space(2.0);
        round_list(
            ui,
            ws,
            "het criteriumoordeel",
            shown,
            |r| round_criterion_text(fw, r, id),
            cmds,
        );
        let onderbouwing = round
            .criteria
            .get(id)
            .map_or("", |o| o.onderbouwing.as_str());
        round_card(
            ui,
            round,
            round_criterion_text(fw, round, id),
            onderbouwing,
            &format!("Onderbouwing Ad {id} toen"),
        );
    });
}

/// The frame around what an earlier round concluded: read-only, set apart from the editor.
fn earlier_frame(ui: &mut Ui, add: impl FnOnce(&mut Ui)) {
    egui::Frame::group(ui.style())
        .fill(ui.visuals().faint_bg_color)
        .inner_margin(8.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            widgets::muted(ui, "Alleen-lezen: wat die ronde concludeerde.");
            add(ui);
        });
}

/// A column laid out top-down from the left (the columns of `Ui::columns` justify their text).
pub fn left_aligned(ui: &mut Ui, add: impl FnOnce(&mut Ui)) {
    ui.with_layout(egui::Layout::top_down(egui::Align::Min), add);
}

/// "1 versie", "3 versies".
pub fn versions(n: usize) -> String {
    if n == 1 {
        "1 versie".to_string()
    } else {
        format!("{n} versies")
    }
}

/// `text` cut to at most `max` characters, with "…" when cut.
fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(max.saturating_sub(1)).collect();
    cut.push('…');
    cut
}
