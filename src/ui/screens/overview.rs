//! Overzicht: the live eindoordeel with the decisive rule, progress per thema and criterium,
//! termijnen, what is still in conflict (every kind, and duplicate numbers), and the onderzoek's
//! own details (wachtlijst facts, notes). Details or wachtlijst facts with two versions (after a
//! merge) are not edited here: "Twee versies — kies eerst" with a button to the choice.
//!
//! In a kader whose eindoordeel the inspecteur chooses (`maat = "keuze"`, the risicoscan of
//! seed 001) the eindoordeel is chosen here: a group of radio buttons "Eindoordeel" with the
//! kader's eindoordelen, best first, each with what it means, and the onderbouwing; both are the
//! one `keuze` record of the onderzoek, with its history. Until something is chosen the headline
//! says "nog geen eindoordeel" (never a verdict colour); a choice with two versions (after a
//! merge) points to Conflicten, and after vaststellen the choice is shown read-only.

use eframe::egui::{self, RichText, Ui};

use crate::domain::inspection::{Kind, Record, Value, WaitlistData};
use crate::domain::judgement::JudgementValue;
use crate::domain::kader::{Assessment, Measure};
use crate::domain::scoring::Tone;
use crate::domain::termijn::{format_date_nl, parse_date_input};
use crate::ui::commands::Command;
use crate::ui::edit::{Edit, FieldChange, RecordRef, text};
use crate::ui::screens::{conflicts, criterion, details};
use crate::ui::types::{Screen, count};
use crate::ui::widgets::{self, AMBER, GREEN, GREY, RED, local_time, verdict_color};
use crate::ui::workspace::{DraftTarget, Workspace};

pub fn show(
    ui: &mut Ui,
    ws: &mut Workspace,
    details_state: &mut details::DetailsState,
    cmds: &mut Vec<Command>,
) {
    egui::ScrollArea::vertical()
        .id_salt(("overzicht", ws.inspection.id))
        .auto_shrink([false, false])
        .show(ui, |ui| {
            header(ui, ws);
            details::show(ui, ws, details_state, cmds);
            ui.add_space(8.0);
            verdict_panel(ui, ws, cmds);
            ui.add_space(8.0);
            progress(ui, ws, cmds);
            termijnen(ui, ws, cmds);
            waitlist(ui, ws, cmds);
        });
}

fn header(ui: &mut Ui, ws: &Workspace) {
    let insp = &ws.inspection;
    ui.label(RichText::new(insp.organisatie()).size(24.0).strong());
    widgets::muted(ui, details::summary_line(ws));
    if !insp.rounds.is_empty() {
        let fw = &insp.framework;
        let rounds: Vec<String> = insp
            .rounds
            .iter()
            .map(|r| {
                let (met, judged) = r.met_of(fw);
                let when = r
                    .datum
                    .map(|d| format!(" {}", crate::domain::termijn::format_date_nl(d)))
                    .unwrap_or_default();
                let verdict = r
                    .eindoordeel
                    .map(|v| format!(", {}", v.as_str()))
                    .unwrap_or_default();
                format!("{}{when}: {met} van de {judged}{verdict}", r.naam)
            })
            .collect();
        widgets::muted(
            ui,
            format!("{} · eerder: {}", insp.round_name(), rounds.join(" · ")),
        );
    }
}

fn verdict_panel(ui: &mut Ui, ws: &mut Workspace, cmds: &mut Vec<Command>) {
    // Copies: the chooser below edits the workspace while this is shown. What may be claimed
    // (no oordeel yet / provisional / final) is decided by the pure `scoring::headline`, computed
    // once per change; only a real verdict gets a verdict colour.
    let s = ws.derived.score.clone();
    let headline = ws.derived.headline.clone();
    egui::Frame::group(ui.style())
        .inner_margin(12.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal(|ui| {
                ui.label(RichText::new("Eindoordeel").size(16.0));
                let color = match headline.tone {
                    Tone::Neutral => GREY,
                    Tone::Verdict(v) => verdict_color(v),
                };
                ui.label(
                    RichText::new(&headline.text)
                        .size(22.0)
                        .strong()
                        .color(color),
                );
            });
            ui.label(RichText::new(&headline.progress).strong());
            let measure = ws.inspection.framework.rules.measure;
            if measure == Measure::Choice {
                // Nothing is computed: no counts of voldoende and no rule, only what there is.
                if let Some(line) = inventory_line(ws) {
                    ui.label(line);
                }
                if s.scored() > 0 {
                    ui.label(format!(
                        "{} voldoende · {} onvoldoende · {} niet beoordeeld (tellen niet mee in het eindoordeel)",
                        s.met, s.not_met, s.not_judged,
                    ));
                }
                choice(ui, ws, cmds);
            } else {
                // Aftrekpunten only where the kader decides on them (not where it counts
                // verwachtingen voldoende).
                let deductions = if measure == Measure::Deductions {
                    format!(" · {}", count(s.deductions, "aftrekpunt", "aftrekpunten"))
                } else {
                    String::new()
                };
                ui.label(format!(
                    "{} voldoende · {} onvoldoende · {} niet beoordeeld{deductions}",
                    s.met, s.not_met, s.not_judged,
                ));
                ui.label(RichText::new(&s.rule).italics());
            }
            open_conflicts(ui, ws, cmds);
        });
}

/// The verwachtingen that are only inventoried, in words: "Onderbouwing bij 10 van de 13
/// verwachtingen (alleen geïnventariseerd; tellen niet mee in het eindoordeel)". `None` when
/// the kader has none.
fn inventory_line(ws: &Workspace) -> Option<String> {
    let fw = &ws.inspection.framework;
    let inventoried: Vec<&str> = (0..fw.expectations().len())
        .map(|i| fw.expectation(i))
        .filter(|e| e.assessment == Assessment::Inventoried)
        .map(|e| e.id.as_str())
        .collect();
    if inventoried.is_empty() {
        return None;
    }
    let with_text = inventoried
        .iter()
        .filter(|id| {
            ws.inspection
                .oordeel(id)
                .is_some_and(|o| !o.data.onderbouwing.trim().is_empty())
        })
        .count();
    let n = inventoried.len();
    Some(format!(
        "Onderbouwing bij {with_text} van de {} (alleen geïnventariseerd; {} niet mee in het eindoordeel).",
        count(n as u64, "verwachting", "verwachtingen"),
        if n == 1 { "telt" } else { "tellen" }
    ))
}

/// The width of the eindoordeel descriptions and of the onderbouwing (lines stay readable).
const CHOICE_WIDTH: f32 = 900.0;

/// The eindoordeel the inspecteur chooses (a kader with `maat = "keuze"`): the kader's
/// eindoordelen as radio buttons, best first, each with what it means; the onderbouwing; and
/// the history of the choice. Read-only after vaststellen or in a read-only file; the way to
/// the choice between versions when it has two.
fn choice(ui: &mut Ui, ws: &mut Workspace, cmds: &mut Vec<Command>) {
    ui.add_space(8.0);
    let id = ws.inspection.keuze_id();
    // Two versions (after a merge): the choice between them, not the editor.
    if conflicts::notice(ui, ws, Kind::Keuze, &id, cmds) {
        keuze_history(ui, ws);
        return;
    }
    if ws.inspection.is_frozen() {
        frozen_choice(ui, ws);
        keuze_history(ui, ws);
        return;
    }
    let fw = &ws.inspection.framework;
    let verdicts = fw.verdicts.clone();
    let descriptions: Vec<String> = verdicts
        .iter()
        .map(|v| fw.verdict_description(*v).trim().to_string())
        .collect();
    let current = ws
        .inspection
        .keuzes
        .get(&id)
        .map(|r| r.data.clone())
        .unwrap_or_default();
    let chosen = current.eindoordeel.trim().to_string();
    let editable = !ws.read_only;
    let set = |verdict: &str| {
        Command::Edit(Edit::set(
            RecordRef::Keuze,
            "eindoordeel",
            text(verdict.to_string()),
        ))
    };
    ui.label(RichText::new("Kies het eindoordeel").strong());
    widgets::muted(
        ui,
        "Dit kader rekent geen eindoordeel uit: u kiest het en onderbouwt de keuze. Pijltjestoetsen kiezen het vorige of volgende.",
    );
    ui.add_space(4.0);
    let radios: Vec<egui::Response> = widgets::radio_group(ui, "Eindoordeel", |ui| {
        ui.vertical(|ui| {
            verdicts
                .iter()
                .zip(&descriptions)
                .map(|(v, description)| {
                    let selected = chosen == v.as_str();
                    let label = if selected {
                        RichText::new(v.label()).strong().color(verdict_color(*v))
                    } else {
                        RichText::new(v.label())
                    };
                    let response =
                        ui.add_enabled(editable, egui::RadioButton::new(selected, label));
                    widgets::radio_info(&response, v.label(), selected, None);
                    if !description.is_empty() {
                        let words = description.clone();
                        response.ctx.accesskit_node_builder(response.id, |node| {
                            node.set_description(words);
                        });
                        ui.horizontal(|ui| {
                            ui.add_space(ui.spacing().icon_width + ui.spacing().icon_spacing);
                            ui.scope(|ui| {
                                ui.set_max_width(CHOICE_WIDTH);
                                ui.add(
                                    egui::Label::new(
                                        RichText::new(description).small().color(GREY),
                                    )
                                    .wrap(),
                                );
                            });
                        });
                    }
                    ui.add_space(4.0);
                    if response.clicked() && !selected {
                        cmds.push(set(v.as_str()));
                    }
                    response
                })
                .collect()
        })
        .inner
    });
    if editable
        && let Some(to) = widgets::radio_arrows(ui, &radios)
        && let Some(v) = verdicts.get(to)
        && chosen != v.as_str()
    {
        cmds.push(set(v.as_str()));
    }
    if !chosen.is_empty()
        && editable
        && ui
            .small_button("Keuze intrekken")
            .on_hover_text("Terug naar: nog geen eindoordeel (de onderbouwing blijft staan)")
            .clicked()
    {
        cmds.push(set(""));
    }

    // The onderbouwing: a draft like every text (on disk while typing), written as a revision
    // when the field is left, after a pause in typing, when the screen changes and when the
    // inspection closes.
    ui.add_space(6.0);
    let l = ui.label(RichText::new("Onderbouwing").strong());
    let width = CHOICE_WIDTH.min(ui.available_width());
    let target = DraftTarget::KeuzeOnderbouwing;
    widgets::draft_edit(
        ui,
        ws,
        target.clone(),
        editable,
        |text| {
            egui::TextEdit::multiline(text)
                .desired_rows(4)
                .desired_width(width)
                .hint_text("Waarom dit eindoordeel? De onderbouwing komt in het rapport.")
        },
        cmds,
    )
    .labelled_by(l.id);
    if !chosen.is_empty() && ws.draft_text(&target).trim().is_empty() {
        ui.label(
            RichText::new("De keuze heeft nog geen onderbouwing; die komt in het rapport.")
                .color(AMBER),
        );
    }
    keuze_history(ui, ws);
}

/// After vaststellen: the chosen eindoordeel and its onderbouwing read-only, with the way to
/// change them (heropenen on the Wederhoor screen).
fn frozen_choice(ui: &mut Ui, ws: &Workspace) {
    egui::Frame::group(ui.style())
        .stroke(egui::Stroke::new(1.5, AMBER))
        .show(ui, |ui| {
            ui.label(RichText::new(format!("🔒 {}", criterion::frozen_text(ws))).strong());
        });
    match ws.inspection.chosen_verdict() {
        Some((v, revision)) => {
            ui.label(
                RichText::new(format!("Gekozen eindoordeel: {}", v.label()))
                    .strong()
                    .color(verdict_color(v)),
            );
            ui.label(RichText::new("Onderbouwing").small().color(GREY));
            match revision.data.onderbouwing.trim() {
                "" => widgets::muted(ui, "(geen onderbouwing)"),
                t => {
                    ui.label(t);
                }
            }
        }
        None => widgets::muted(ui, "Er is geen eindoordeel gekozen."),
    }
}

/// Every version of the chosen eindoordeel, newest first: when, who, what was chosen and the
/// start of the onderbouwing.
fn keuze_history(ui: &mut Ui, ws: &Workspace) {
    let Some(history) = ws.inspection.keuzes.history(&ws.inspection.keuze_id()) else {
        return;
    };
    let revisions = history.revisions();
    let fw = &ws.inspection.framework;
    egui::CollapsingHeader::new(format!(
        "Historie van het eindoordeel ({})",
        count(revisions.len() as u64, "versie", "versies")
    ))
    .id_salt(("keuze-historie", ws.inspection.id))
    .show(ui, |ui| {
        for r in revisions.iter().rev() {
            let id = r.data.eindoordeel.trim();
            let what = if r.meta.deleted {
                "verwijderd".to_string()
            } else if id.is_empty() {
                "nog niets gekozen".to_string()
            } else {
                fw.verdict(id)
                    .map_or_else(|| format!("{id} (onbekend)"), |v| v.label().to_string())
            };
            let onderbouwing = match r.data.onderbouwing.trim() {
                "" => String::new(),
                t => format!(" — {}", truncate(t, 90)),
            };
            ui.horizontal_wrapped(|ui| {
                widgets::muted(
                    ui,
                    format!(
                        "{} · {}",
                        local_time(r.meta.at),
                        ws.inspection.inspector_name(r.meta.author)
                    ),
                );
                ui.label(format!("{what}{onderbouwing}"));
            });
        }
    });
}

/// What is still to be chosen, as the Conflicten screen lists it: every record in conflict (of
/// any kind) and every number recorded twice, each a link to its choice.
fn open_conflicts(ui: &mut Ui, ws: &Workspace, cmds: &mut Vec<Command>) {
    let conflicts = &ws.derived.record_conflicts;
    let duplicates = &ws.derived.duplicates;
    if conflicts.is_empty() && duplicates.is_empty() {
        widgets::muted(ui, "Geen open conflicten.");
        return;
    }
    ui.add_space(4.0);
    ui.horizontal_wrapped(|ui| {
        if !conflicts.is_empty() {
            ui.label(
                RichText::new(format!(
                    "⚠ {}:",
                    count(conflicts.len() as u64, "open conflict", "open conflicten")
                ))
                .color(RED)
                .strong(),
            );
            for c in conflicts {
                if ui
                    .link(&c.description)
                    .on_hover_text("Kies welke versie geldt (Conflicten)")
                    .clicked()
                {
                    cmds.push(Command::ShowConflict {
                        kind: c.kind,
                        entity: c.entity.clone(),
                    });
                }
            }
        }
        if !duplicates.is_empty() {
            ui.label(
                RichText::new(format!(
                    "⚠ {}:",
                    count(duplicates.len() as u64, "dubbel nummer", "dubbele nummers")
                ))
                .color(RED)
                .strong(),
            );
            for d in duplicates {
                let Some(entity) = d.entities.first() else {
                    continue;
                };
                if ui
                    .link(d.description())
                    .on_hover_text("Samenvoegen of hernummeren (Conflicten)")
                    .clicked()
                {
                    cmds.push(Command::ShowConflict {
                        kind: d.kind,
                        entity: entity.clone(),
                    });
                }
            }
        }
    });
}

fn progress(ui: &mut Ui, ws: &Workspace, cmds: &mut Vec<Command>) {
    widgets::heading(ui, "Voortgang per criterium");
    let fw = &ws.inspection.framework;
    // A kader with criterion oordelen: the inspectors' oordeel per criterium, a link to it.
    let with_criteria = fw.has_criterion_oordelen();
    let columns = if with_criteria { 5 } else { 4 };
    let grid = egui::Grid::new("voortgang")
        .striped(true)
        .num_columns(columns);
    // A table for a screen reader too: rows, cells and column headers.
    widgets::table(ui, "Voortgang per criterium", columns, grid, |ui, table| {
        // A kader whose eindoordeel is chosen has only inventoried verwachtingen: what counts
        // is whether each has its onderbouwing, not an oordeel.
        let choice = fw.rules.measure == Measure::Choice;
        let mut headers = vec![
            "Criterium",
            "Met bewijs",
            if choice {
                "Met onderbouwing"
            } else {
                "Met oordeel"
            },
        ];
        if with_criteria {
            headers.push("Oordeel criterium");
        }
        headers.push("Verwachtingen");
        table.header_row(ui, &headers);
        let mut index = 0;
        for theme in &fw.themes {
            let mut row = table.row(ui);
            row.wide_cell(ui, columns, |ui| {
                ui.label(RichText::new(format!("{}. {}", theme.id, theme.title)).strong());
            });
            row.end(ui);
            for c in &theme.criteria {
                let range = index..index + c.expectations.len();
                index = range.end;
                let with_evidence = range
                    .clone()
                    .filter(|&i| ws.derived.evidence[i] > 0)
                    .count();
                let judged = range
                    .clone()
                    .filter(|&i| {
                        ws.inspection
                            .oordeel(&fw.expectation(i).id)
                            .is_some_and(|o| {
                                if choice {
                                    !o.data.onderbouwing.trim().is_empty()
                                } else {
                                    o.data.value != JudgementValue::NietBeoordeeld
                                }
                            })
                    })
                    .count();
                let mut row = table.row(ui);
                row.text(ui, format!("{} {}", c.id, truncate(&c.title, 70)));
                row.text(ui, format!("{with_evidence} / {}", range.len()));
                row.text(ui, format!("{judged} / {}", range.len()));
                if with_criteria {
                    row.cell(ui, |ui| {
                        let (text, color) = criterion::criterion_oordeel_text(ws, &c.id);
                        let response = ui
                            .link(RichText::new(text).color(color))
                            .on_hover_text(format!("Naar criterium {}", c.id));
                        let name = format!("Oordeel criterium {}", c.id);
                        response.widget_info(|| {
                            egui::WidgetInfo::labeled(egui::Role::Link, true, &name)
                        });
                        if response.clicked() {
                            cmds.push(Command::ShowCriterion(c.id.clone()));
                        }
                    });
                }
                row.cell(ui, |ui| {
                    ui.horizontal(|ui| {
                        for i in range {
                            let e = fw.expectation(i);
                            let (symbol, color) = criterion::oordeel_symbol(ws, &e.id);
                            // Heard in words: "1.3.2, oordeel onvoldoende"; a verwachting that
                            // is only inventoried has an onderbouwing or not, never an oordeel.
                            let inventoried = e.assessment == Assessment::Inventoried
                                && !ws.derived.conflicts.contains(&e.id);
                            let words = if inventoried {
                                let written = ws
                                    .inspection
                                    .oordeel(&e.id)
                                    .is_some_and(|o| !o.data.onderbouwing.trim().is_empty());
                                if written {
                                    "geïnventariseerd, met onderbouwing".to_string()
                                } else {
                                    "geïnventariseerd, nog geen onderbouwing".to_string()
                                }
                            } else {
                                criterion::status_words(ws, &e.id).to_string()
                            };
                            let response = ui
                                .link(RichText::new(format!("{} {symbol}", e.id)).color(color))
                                .on_hover_text(&e.text)
                                .accessible_name(format!("{}, {words}", e.id));
                            if response.clicked() {
                                cmds.push(Command::ShowExpectation(i));
                            }
                        }
                    });
                });
                row.end(ui);
            }
        }
    });
}

fn termijnen(ui: &mut Ui, ws: &Workspace, cmds: &mut Vec<Command>) {
    widgets::heading(ui, "Termijnen (uit de dossiers)");
    let fw = &ws.inspection.framework;
    if fw.deadlines.is_empty() {
        widgets::muted(ui, "Dit kader kent geen termijnen.");
        return;
    }
    // Computed once per change (`Derived`), not per frame.
    let summaries = ws.derived.deadline_summaries.clone();
    let norms = ws.inspection.norm_checks_from(&summaries);
    let grid = egui::Grid::new("termijnen").striped(true).num_columns(7);
    // A table for a screen reader too: rows, cells and column headers.
    widgets::table(ui, "Termijnen", 7, grid, |ui, table| {
        table.header_row(
            ui,
            &[
                "Termijn",
                "Binnen",
                "Te laat",
                "Open",
                "Niet te bepalen",
                "Aandeel binnen",
                "Norm",
            ],
        );
        for (def, s) in fw.deadlines.iter().zip(summaries) {
            let mut row = table.row(ui);
            row.text(ui, &def.name).on_hover_text(s.describe());
            row.text(ui, s.met.to_string());
            row.text(
                ui,
                if s.missed > 0 {
                    RichText::new(s.missed.to_string()).color(RED).strong()
                } else {
                    RichText::new("0")
                },
            );
            // Open: no stop date yet, measured up to the peildatum (those over the term are
            // also in "te laat").
            let open = s.open + s.open_missed;
            row.text(
                ui,
                if s.open_missed > 0 {
                    format!("{open} ({} te laat)", s.open_missed)
                } else {
                    open.to_string()
                },
            );
            row.text(ui, s.unknown.to_string());
            row.text(
                ui,
                s.share_met()
                    .map_or("—".into(), |x| format!("{:.0}%", x * 100.0)),
            );
            let norm = match norms
                .iter()
                .find(|c| c.deadline().is_some_and(|d| d.id == def.id))
            {
                Some(c) => {
                    let text = format!("minimaal {}%", c.norm.min_percent);
                    match c.reached() {
                        Some(true) => RichText::new(format!("{text}: gehaald")).color(GREEN),
                        Some(false) => RichText::new(format!("{text}: niet gehaald"))
                            .color(RED)
                            .strong(),
                        None => RichText::new(text),
                    }
                }
                None => RichText::new(""),
            };
            row.text(ui, norm);
            row.end(ui);
        }
    });
    if let Some(peil) = ws.inspection.peildatum() {
        widgets::muted(
            ui,
            format!(
                "Een dossier zonder einddatum is open en gemeten tot de peildatum, {}.",
                format_date_nl(peil)
            ),
        );
    }
    if ui.link("Naar de dossiers (F4)").clicked() {
        cmds.push(Command::Goto(Screen::Dossiers));
    }
}

fn waitlist(ui: &mut Ui, ws: &mut Workspace, cmds: &mut Vec<Command>) {
    widgets::heading(ui, "Wachtlijst");
    let id = ws.inspection.waitlist_id();
    // Two versions: the choice instead of the fields.
    if conflicts::notice(ui, ws, Kind::Waitlist, &id, cmds) {
        return;
    }
    let current = match ws.record(&RecordRef::Waitlist) {
        Some(Record::Waitlist(w)) => w,
        _ => WaitlistData::default(),
    };
    let stored = [
        current.aantal.map(|n| n.to_string()).unwrap_or_default(),
        current.oudste.map(format_date_nl).unwrap_or_default(),
        current.peildatum.map(format_date_nl).unwrap_or_default(),
    ];
    // What is typed belongs to this onderzoek: another file opened in the same session never
    // shows its values here (a new onderzoek starts with empty fields).
    let key = egui::Id::unique(("wachtlijst-invoer", ws.inspection.id));
    let mut inputs: [String; 3] = ui.data_mut(|d| {
        d.get_temp::<[String; 3]>(key)
            .unwrap_or_else(|| stored.clone())
    });
    // One error per field: a refused input stays in its field with its reason until it is
    // corrected (or emptied); it is never silently dropped.
    let error_key = egui::Id::unique(("wachtlijst-fouten", ws.inspection.id));
    let mut errors: [Option<String>; 3] =
        ui.data_mut(|d| d.get_temp(error_key).unwrap_or_default());
    let mut updated: Option<WaitlistData> = None;
    let labels = [
        "Aantal wachtend",
        "Oudste melding (dd-mm-jjjj)",
        "Peildatum (dd-mm-jjjj)",
    ];
    let peildatum_hint = ws.inspection.peildatum().map_or_else(
        || "bijv. de eerste bezoekdag".to_string(),
        |d| format!("bijv. {}", format_date_nl(d)),
    );
    egui::Grid::new("wachtlijst").num_columns(3).show(ui, |ui| {
        for (i, label) in labels.iter().enumerate() {
            let l = ui.label(*label);
            let hint = match i {
                0 => "aantal".to_string(),
                1 => "dd-mm-jjjj".to_string(),
                _ => peildatum_hint.clone(),
            };
            // Sized, not only desired: a grid column keeps the width of its first (sizing)
            // frame, which left these fields a few letters wide.
            let response = ui
                .add_sized(
                    egui::vec2(160.0, ui.spacing().interact_size.y),
                    egui::TextEdit::singleline(&mut inputs[i]).hint_text(hint),
                )
                .labelled_by(l.id);
            if !response.has_focus() && !response.lost_focus() && errors[i].is_none() {
                // Not being edited: follow the stored value (it may change elsewhere).
                inputs[i] = stored[i].clone();
            }
            if response.lost_focus() {
                let text = inputs[i].trim();
                let mut data = updated.clone().unwrap_or_else(|| current.clone());
                let parsed: Result<(), String> = match i {
                    0 if text.is_empty() => {
                        data.aantal = None;
                        Ok(())
                    }
                    0 => text
                        .parse::<u32>()
                        .map(|n| data.aantal = Some(n))
                        .map_err(|_| {
                            format!(
                                "'{text}' is geen aantal; typ een heel getal (of laat het leeg)"
                            )
                        }),
                    _ => {
                        let date = if text.is_empty() {
                            Ok(None)
                        } else {
                            parse_date_input(text).map(Some)
                        };
                        date.map(|d| {
                            inputs[i] = d.map(format_date_nl).unwrap_or_default();
                            if i == 1 {
                                data.oudste = d;
                            } else {
                                data.peildatum = d;
                            }
                        })
                    }
                };
                match parsed {
                    Ok(()) => {
                        errors[i] = None;
                        if data != current {
                            updated = Some(data);
                        }
                    }
                    Err(e) => errors[i] = Some(format!("{e} — niet opgeslagen")),
                }
            }
            match &errors[i] {
                Some(e) => {
                    ui.label(RichText::new(format!("⚠ {e}")).color(RED));
                }
                None => {
                    ui.label("");
                }
            }
            ui.end_row();
        }
    });
    for (i, label) in labels.iter().enumerate() {
        let name = format!("wachtlijst: {}", label.split(" (").next().unwrap_or(label));
        if errors[i].is_some() {
            ws.invalid_inputs.insert(name);
        } else {
            ws.invalid_inputs.remove(&name);
        }
    }
    ui.data_mut(|d| {
        d.insert_temp(key, inputs);
        d.insert_temp(error_key, errors);
    });
    if let Some(data) = updated {
        // Only the fields that were left with a new value: each is changed against the record
        // as it is when the command is applied.
        let changes: Vec<FieldChange> = [
            (
                "aantal",
                Value::Count(data.aantal),
                data.aantal != current.aantal,
            ),
            (
                "oudste",
                Value::Date(data.oudste),
                data.oudste != current.oudste,
            ),
            (
                "peildatum",
                Value::Date(data.peildatum),
                data.peildatum != current.peildatum,
            ),
        ]
        .into_iter()
        .filter(|(_, _, changed)| *changed)
        .map(|(field, value, _)| FieldChange::Set { field, value })
        .collect();
        cmds.push(Command::Edit(Edit {
            record: RecordRef::Waitlist,
            changes,
        }));
    }
    widgets::draft_field(
        ui,
        ws,
        DraftTarget::WaitlistNote,
        "Toelichting wachtlijst",
        false,
        cmds,
    );
}

pub fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let cut: String = text.chars().take(max - 1).collect();
        format!("{cut}…")
    }
}
