//! Wederhoor (F8): after the visit. The phase of the onderzoek (and, once vastgesteld, that
//! oordelen and onderbouwingen are frozen), the status actions — "Concept verzenden…" (date and
//! PDF file; the PDF is rendered and written by a job, the step recorded only once it is on
//! disk), "Vaststellen…" (disabled, with the reasons, while anything stands in the way) and
//! "Heropenen…" (with a reason) —, the privacy check of the rapport text with "Vrijgeven…" per
//! finding, the organisation's reacties with the inspectorate's besluit on each (and the oordeel
//! changes since the concept it led to), the texts the inspecteurs write for the rapport
//! (Samenvatting, Conclusie, verbeterpunten), and the vervolg with its dates.
//!
//! Every step is decided by the domain (`crate::domain::wederhoor`, `crate::domain::privacy`)
//! when its command is applied; a refusal is shown here with the domain's Dutch reasons and
//! nothing is written.

use std::collections::BTreeSet;
use std::path::PathBuf;

use eframe::egui::{self, Key, RichText, Ui};
use jiff::civil::Date;

use crate::domain::inspection::{ReactieData, Stamp};
use crate::domain::privacy::Finding;
use crate::domain::termijn::{format_date_nl, parse_date_input};
use crate::domain::wederhoor::{
    Besluit, OordeelWijziging, Phase, RapportBlok, ReactieSoort, Refused,
};
use crate::ui::commands::{Command, WederhoorStep};
use crate::ui::types::{DraftTarget, FilePurpose, count};
use crate::ui::widgets::{self, AMBER, GREEN, GREY, RED};
use crate::ui::workspace::Workspace;

/// The UI state of the Wederhoor screen: which form is open and what is typed in it, and the
/// outcome of the last step.
#[derive(Default)]
pub struct WederhoorState {
    /// The outcome of the last step: what was done, or why it was refused (the reasons).
    pub message: Option<Message>,
    /// The "Vrijgeven…" form: the finding's vrijgave key and the reason typed.
    pub keep: Option<(String, String)>,
    /// The "Nieuwe reactie…" form.
    pub new_reactie: Option<ReactieForm>,
    /// The besluit form: on which reactie (id), and what is chosen and typed.
    pub besluit: Option<BesluitForm>,
    /// The "Concept verzenden…" form.
    pub concept: Option<ConceptForm>,
    /// The "Vaststellen…" form: the date typed.
    pub vaststellen: Option<String>,
    /// The "Heropenen…" form: the reason typed.
    pub reopen: Option<String>,
    /// A concept is being rendered and written (its button waits until it is recorded or
    /// failed).
    pub sending: bool,
    /// A form just opened: its first field takes the keyboard focus.
    focus_pending: bool,
    /// A reactie was just added (its id): its besluit button takes the focus.
    focus_reactie: Option<String>,
}

/// The outcome of the last step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    Done(String),
    Refused(Vec<String>),
}

#[derive(Debug, Clone, Default)]
pub struct ReactieForm {
    pub ontvangen: String,
    pub van: String,
    /// Points at a verwachting (else at a paragraph of the concept).
    pub at_verwachting: bool,
    pub paragraaf: String,
    pub verwachting: String,
    pub soort: ReactieSoort,
    pub tekst: String,
}

#[derive(Debug, Clone)]
pub struct BesluitForm {
    pub reactie: String,
    pub besluit: Besluit,
    pub motivering: String,
    /// The verwachtingen whose oordeel changed because of the reactie.
    pub wijzigingen: BTreeSet<String>,
}

#[derive(Debug, Clone, Default)]
pub struct ConceptForm {
    pub date: String,
    pub path: Option<PathBuf>,
}

fn today() -> String {
    format_date_nl(jiff::Zoned::now().date())
}

impl WederhoorState {
    /// The file chosen for the concept to send.
    pub fn concept_path_chosen(&mut self, path: PathBuf) {
        let form = self.concept.get_or_insert_with(|| ConceptForm {
            date: today(),
            path: None,
        });
        form.path = Some(path);
    }

    /// The concept was written and recorded as sent.
    pub fn concept_sent(&mut self) {
        self.concept = None;
        self.sending = false;
        self.message = Some(Message::Done(
            "Het conceptrapport is verzonden en vastgelegd.".into(),
        ));
    }

    /// A step was refused: show the reasons.
    pub fn refused(&mut self, reasons: Vec<String>) {
        self.message = Some(Message::Refused(reasons));
    }

    fn open_form(&mut self) {
        self.message = None;
        self.focus_pending = true;
    }
}

/// Applies a step: the domain decides, the workspace stores it; the outcome is shown here.
pub fn apply(ws: &mut Workspace, state: &mut WederhoorState, step: WederhoorStep) {
    let stamp = Stamp::now();
    let author = ws.author;
    let insp = &ws.inspection;
    let mut added = None;
    let (result, done) = match step {
        WederhoorStep::KeepFinding { key, reason } => {
            let finding = insp.privacy_findings().into_iter().find(|f| f.key == key);
            let result = match finding {
                None => Err(Refused(vec![
                    "deze vondst staat niet (meer) in de tekst van het rapport".into(),
                ])),
                Some(f) => insp
                    .keep_finding(&f, &reason, author, stamp)
                    .ok_or_else(|| {
                        Refused(vec![
                            "geef een reden waarom deze tekst in het rapport mag blijven staan"
                                .into(),
                        ])
                    }),
            };
            (
                result,
                "Vondst vrijgegeven (met de reden vastgelegd).".to_string(),
            )
        }
        WederhoorStep::AddReactie(data) => {
            let id = uuid::Uuid::now_v7().to_string();
            added = Some(id.clone());
            (
                insp.add_reactie(&id, data, author, stamp),
                "Reactie vastgelegd.".to_string(),
            )
        }
        WederhoorStep::Decide {
            reactie,
            besluit,
            motivering,
            wijzigingen,
        } => (
            insp.decide(&reactie, besluit, &motivering, &wijzigingen, author, stamp),
            format!("Besluit vastgelegd: {}.", besluit.label()),
        ),
        WederhoorStep::Vaststellen(on) => (
            insp.vaststellen(on, author, stamp),
            format!(
                "Het rapport is definitief vastgesteld op {}. Oordelen en onderbouwingen liggen nu vast.",
                format_date_nl(on)
            ),
        ),
        WederhoorStep::Reopen(reason) => (
            insp.reopen(&reason, author, stamp),
            "Het onderzoek is heropend; de reden staat in de historie.".to_string(),
        ),
    };
    match ws.take_step(result) {
        Ok(()) => {
            // The form the step came from is done.
            state.keep = None;
            state.new_reactie = None;
            state.besluit = None;
            state.vaststellen = None;
            state.reopen = None;
            state.message = Some(Message::Done(done));
            // A new reactie: the focus goes to it (its "Besluit…").
            state.focus_reactie = added;
        }
        Err(reasons) => state.refused(reasons),
    }
}

pub fn show(ui: &mut Ui, ws: &mut Workspace, state: &mut WederhoorState, cmds: &mut Vec<Command>) {
    egui::ScrollArea::vertical()
        .id_salt(("wederhoor", ws.inspection.id))
        .auto_shrink([false, false])
        .show(ui, |ui| {
            phase(ui, ws, state);
            ui.separator();
            actions(ui, ws, state, cmds);
            ui.separator();
            privacy(ui, ws, state, cmds);
            ui.separator();
            reacties(ui, ws, state, cmds);
            ui.separator();
            texts(ui, ws, cmds);
            ui.separator();
            vervolg(ui, ws);
        });
}

fn phase(ui: &mut Ui, ws: &Workspace, state: &mut WederhoorState) {
    widgets::heading(ui, "Hoor en wederhoor");
    let phase = ws.inspection.phase();
    ui.label(RichText::new(format!("Fase: {}", phase.label())).strong());
    if ws.inspection.phase_conflicted() {
        ui.label(
            RichText::new("⚠ Twee kopieën hebben de fase verschillend vastgelegd; kies eerst een versie bij Conflicten (F7).")
                .color(RED),
        );
    }
    if let Phase::Vastgesteld { on } = phase {
        egui::Frame::group(ui.style())
            .stroke(egui::Stroke::new(1.5, AMBER))
            .show(ui, |ui| {
                ui.label(
                    RichText::new(format!(
                        "🔒 Het rapport is op {} definitief vastgesteld. Oordelen, onderbouwingen, reacties en besluiten liggen vast. Wilt u toch iets wijzigen, kies dan \"Heropenen…\" met een reden.",
                        format_date_nl(on)
                    ))
                    .strong(),
                );
            });
    }
    match &state.message {
        Some(Message::Done(text)) => {
            ui.label(RichText::new(format!("✔ {text}")).color(GREEN));
        }
        Some(Message::Refused(reasons)) => {
            ui.label(RichText::new("Niet gedaan:").color(RED).strong());
            for reason in reasons {
                ui.label(RichText::new(format!("• {reason}")).color(RED));
            }
        }
        None => {}
    }
}

/// A single-line field with a visible label that is also its accessible name; returns the
/// response.
fn field(ui: &mut Ui, label: &str, text: &mut String, width: f32, hint: &str) -> egui::Response {
    ui.horizontal(|ui| {
        let l = ui.label(label);
        ui.add(
            egui::TextEdit::singleline(text)
                .desired_width(width)
                .hint_text(hint),
        )
        .labelled_by(l.id)
    })
    .inner
}

/// Whether Enter was pressed in this single-line field (it loses focus on Enter).
fn entered(ui: &Ui, response: &egui::Response) -> bool {
    response.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter))
}

fn parse_date(text: &str, what: &str) -> Result<Date, Vec<String>> {
    parse_date_input(text).map_err(|e| vec![format!("{what}: {e}")])
}

fn actions(ui: &mut Ui, ws: &Workspace, state: &mut WederhoorState, cmds: &mut Vec<Command>) {
    widgets::heading(ui, "Status");
    let frozen = ws.inspection.is_frozen();
    // Both computed once per change (`Derived`), not in every frame.
    let blockers = ws.derived.vaststellen_blockers.clone();
    let open_findings = ws
        .derived
        .privacy_findings
        .iter()
        .filter(|f| f.kept.is_none())
        .count();
    ui.horizontal(|ui| {
        if !frozen
            && ui
                .button("Concept verzenden…")
                .on_hover_text("Het conceptrapport (PDF) maken en als verzonden vastleggen")
                .clicked()
        {
            state.open_form();
            state.concept = Some(ConceptForm {
                date: today(),
                path: None,
            });
        }
        if !frozen {
            let response = ui
                .add_enabled(blockers.is_empty(), egui::Button::new("Vaststellen…"))
                .on_hover_text("Het rapport definitief vaststellen");
            if response.clicked() {
                state.open_form();
                state.vaststellen = Some(today());
            }
        }
        if frozen
            && ui
                .button("Heropenen…")
                .on_hover_text("Het vastgestelde onderzoek heropenen, met een reden")
                .clicked()
        {
            state.open_form();
            state.reopen = Some(String::new());
        }
    });
    if !frozen && !blockers.is_empty() {
        widgets::muted(ui, "Vaststellen kan nog niet:");
        for blocker in &blockers {
            ui.label(RichText::new(format!("• {blocker}")).color(GREY));
        }
    }

    if let Some(form) = &mut state.concept {
        let mut close = false;
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.label(RichText::new("Concept verzenden").strong());
            widgets::muted(
                ui,
                "Het conceptrapport wordt gemaakt zoals het luidt na verzending, opgeslagen als PDF, en pas daarna vastgelegd als verzonden (met de SHA-256 van de PDF en de tekst, om later te vergelijken).",
            );
            // A gentle word, not a block: oordelen that the rapport would show without reason.
            let bare = super::expectation::without_onderbouwing(ws);
            if !bare.is_empty() {
                ui.horizontal_wrapped(|ui| {
                    ui.label(
                        RichText::new(format!(
                            "Let op: {} zonder onderbouwing:",
                            crate::ui::types::count(bare.len() as u64, "oordeel", "oordelen")
                        ))
                        .color(AMBER),
                    );
                    for (index, id) in &bare {
                        if ui
                            .link(id)
                            .on_hover_text("Naar deze verwachting (F6)")
                            .clicked()
                        {
                            cmds.push(Command::ShowExpectation(*index));
                        }
                    }
                });
            }
            let date = field(ui, "Verzenddatum:", &mut form.date, 96.0, "dd-mm-jjjj");
            if std::mem::take(&mut state.focus_pending) {
                date.request_focus();
            }
            ui.horizontal(|ui| {
                ui.label("PDF-bestand:");
                match &form.path {
                    Some(path) => ui.label(RichText::new(path.display().to_string()).monospace()),
                    None => ui.label(RichText::new("nog niet gekozen").color(GREY)),
                };
                if ui.button("Bestand kiezen…").clicked() {
                    cmds.push(Command::ShowChooser(FilePurpose::SendConcept));
                }
            });
            if open_findings > 0 {
                ui.label(
                    RichText::new(format!(
                        "Eerst de privacycontrole: {} hieronder. Pas de tekst aan of geef elke vondst bewust vrij.",
                        count(open_findings as u64, "open vondst", "open vondsten")
                    ))
                    .color(RED),
                );
            }
            ui.horizontal(|ui| {
                let ready = form.path.is_some() && open_findings == 0 && !state.sending;
                if ui
                    .add_enabled(ready, egui::Button::new("Concept verzenden en vastleggen"))
                    .clicked()
                    && let Some(path) = form.path.clone()
                {
                    match parse_date(&form.date, "verzenddatum") {
                        Ok(on) => cmds.push(Command::SendConcept { on, path }),
                        Err(reasons) => state.message = Some(Message::Refused(reasons)),
                    }
                }
                if ui.button("Annuleren").clicked() {
                    close = true;
                }
            });
        });
        if close {
            state.concept = None;
        }
    }

    if let Some(date) = &mut state.vaststellen {
        let mut close = false;
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.label(RichText::new("Rapport vaststellen").strong());
            widgets::muted(
                ui,
                "Na vaststellen liggen oordelen en onderbouwingen vast; wijzigen kan dan alleen na heropenen (met een reden).",
            );
            let response = field(ui, "Vaststellingsdatum:", date, 96.0, "dd-mm-jjjj");
            if std::mem::take(&mut state.focus_pending) {
                response.request_focus();
            }
            ui.horizontal(|ui| {
                let confirm = ui
                    .add_enabled(blockers.is_empty(), egui::Button::new("Definitief vaststellen"))
                    .clicked();
                if confirm || (entered(ui, &response) && blockers.is_empty()) {
                    match parse_date(date, "vaststellingsdatum") {
                        Ok(on) => cmds.push(Command::Wederhoor(WederhoorStep::Vaststellen(on))),
                        Err(reasons) => state.message = Some(Message::Refused(reasons)),
                    }
                }
                if ui.button("Annuleren").clicked() {
                    close = true;
                }
            });
        });
        if close || frozen {
            state.vaststellen = None;
        }
    }

    if let Some(reason) = &mut state.reopen {
        let mut close = false;
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.label(RichText::new("Onderzoek heropenen").strong());
            widgets::muted(
                ui,
                "Het onderzoek gaat terug naar \"concept verzonden\"; de vaststelling en de reden blijven in de historie.",
            );
            let response = field(
                ui,
                "Reden van heropenen:",
                reason,
                420.0,
                "waarom het onderzoek wordt heropend",
            );
            if std::mem::take(&mut state.focus_pending) {
                response.request_focus();
            }
            ui.horizontal(|ui| {
                if ui.button("Heropenen").clicked() || entered(ui, &response) {
                    cmds.push(Command::Wederhoor(WederhoorStep::Reopen(reason.clone())));
                }
                if ui.button("Annuleren").clicked() {
                    close = true;
                }
            });
        });
        if close || !frozen {
            state.reopen = None;
        }
    }
}

fn privacy(ui: &mut Ui, ws: &Workspace, state: &mut WederhoorState, cmds: &mut Vec<Command>) {
    widgets::heading(ui, "Privacycontrole van de rapporttekst");
    let mut findings: Vec<Finding> = ws.derived.privacy_findings.clone();
    // Open ones first (stable: in the order of the rapport).
    findings.sort_by_key(|f| f.kept.is_some());
    let open = findings.iter().filter(|f| f.kept.is_none()).count();
    if findings.is_empty() {
        widgets::muted(
            ui,
            "Geen vondsten: de tekst noemt geen dossiernummers, BSN's, telefoonnummers, e-mailadressen of geboortedatums.",
        );
        return;
    }
    widgets::muted(
        ui,
        format!(
            "{open} open, {} vrijgegeven. Pas de tekst aan (Verwachtingen, F6), of geef een vondst bewust vrij met een reden.",
            findings.len() - open
        ),
    );
    let frozen = ws.inspection.is_frozen();
    for finding in &findings {
        ui.horizontal_wrapped(|ui| match &finding.kept {
            None => {
                // The status in words for a screen reader (and on hover), not "⚠".
                widgets::spoken_label(ui, RichText::new("⚠").color(RED), "open vondst")
                    .on_hover_text("Open: pas de tekst aan, of geef de vondst vrij met een reden");
                ui.label(finding.line());
                if !frozen && state.keep.as_ref().is_none_or(|(k, _)| *k != finding.key) {
                    let response = ui.small_button("Vrijgeven…");
                    let name = format!("Vrijgeven: {}", finding.line());
                    response
                        .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &name));
                    if response.clicked() {
                        state.open_form();
                        state.keep = Some((finding.key.clone(), String::new()));
                    }
                }
            }
            Some(reason) => {
                widgets::spoken_label(ui, RichText::new("✔").color(GREEN), "vrijgegeven")
                    .on_hover_text("Vrijgegeven: de tekst mag blijven staan");
                ui.label(RichText::new(finding.line()).color(GREY));
                widgets::muted(ui, format!("vrijgegeven: {reason}"));
            }
        });
        if let Some((key, reason)) = &mut state.keep
            && *key == finding.key
        {
            let mut close = false;
            ui.indent(key.as_str(), |ui| {
                let response = field(
                    ui,
                    "Reden om te laten staan:",
                    reason,
                    420.0,
                    "Enter legt de reden vast",
                );
                if std::mem::take(&mut state.focus_pending) {
                    response.request_focus();
                }
                ui.horizontal(|ui| {
                    if ui.button("Vrijgeven").clicked() || entered(ui, &response) {
                        cmds.push(Command::Wederhoor(WederhoorStep::KeepFinding {
                            key: key.clone(),
                            reason: reason.clone(),
                        }));
                    }
                    if ui.button("Annuleren").clicked() {
                        close = true;
                    }
                });
            });
            if close {
                state.keep = None;
            }
        }
    }
}

fn first_line(text: &str) -> String {
    let line = text.lines().next().unwrap_or("").trim();
    let mut short: String = line.chars().take(40).collect();
    if line.chars().count() > 40 || text.lines().nth(1).is_some() {
        short.push('…');
    }
    short
}

fn reacties(ui: &mut Ui, ws: &Workspace, state: &mut WederhoorState, cmds: &mut Vec<Command>) {
    widgets::heading(ui, "Reacties");
    let phase = ws.inspection.phase();
    let frozen = ws.inspection.is_frozen();
    let list = ws.inspection.reacties();
    let changed = ws.inspection.oordeel_changes_since_concept();
    if list.is_empty() {
        widgets::muted(ui, "Nog geen reacties vastgelegd.");
    } else {
        let grid = egui::Grid::new("reacties")
            .striped(true)
            .num_columns(8)
            .spacing([12.0, 4.0]);
        // A table for a screen reader too: rows, cells and column headers.
        widgets::table(ui, "Reacties", 8, grid, |ui, table| {
            table.header_row(
                ui,
                &[
                    "nr",
                    "ontvangen",
                    "van",
                    "betreft",
                    "soort",
                    "tekst",
                    "besluit",
                    "actie",
                ],
            );
            for (i, (reactie, besluit)) in list.iter().enumerate() {
                let nr = i + 1;
                let r = &reactie.data;
                let mut row = table.row(ui);
                row.text(ui, nr.to_string());
                row.text(ui, r.ontvangen.map(format_date_nl).unwrap_or_default());
                row.text(ui, &r.van);
                row.text(ui, r.reference());
                row.text(ui, r.soort.label());
                row.text(ui, first_line(&r.tekst)).on_hover_text(&r.tekst);
                row.cell(ui, |ui| match besluit {
                    Some(b) => {
                        let mut hover = b.data.motivering.clone();
                        for w in ws.inspection.linked_changes(&b.data) {
                            hover.push_str(&format!("\nGewijzigd: {}", w.label()));
                        }
                        let text = if b.data.wijzigingen.is_empty() {
                            b.data.besluit.label().to_string()
                        } else {
                            format!(
                                "{} (gewijzigd: {})",
                                b.data.besluit.label(),
                                b.data
                                    .wijzigingen
                                    .keys()
                                    .map(String::as_str)
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            )
                        };
                        ui.label(RichText::new(text).color(GREEN))
                            .on_hover_text(hover);
                    }
                    None => {
                        ui.label(RichText::new("geen besluit").color(RED));
                    }
                });
                row.cell(ui, |ui| {
                    if frozen {
                        ui.label("");
                        return;
                    }
                    let text = if besluit.is_some() {
                        "Besluit wijzigen…"
                    } else {
                        "Besluit…"
                    };
                    let response = ui.small_button(text);
                    if state.focus_reactie.as_ref() == Some(&reactie.meta.entity) {
                        state.focus_reactie = None;
                        response.request_focus();
                        response.scroll_to_me(None);
                    }
                    let name = format!("{text} reactie {nr}");
                    response
                        .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &name));
                    if response.clicked() {
                        state.open_form();
                        // The links it has; for a first besluit, a change on the
                        // verwachting the reactie points at.
                        // (Only changes still standing: one undone since is no change.)
                        let standing = |v: &&String| changed.iter().any(|w| w.verwachting == **v);
                        let wijzigingen = match besluit {
                            Some(b) => b
                                .data
                                .wijzigingen
                                .keys()
                                .filter(standing)
                                .cloned()
                                .collect(),
                            None => r.verwachting.iter().filter(standing).cloned().collect(),
                        };
                        state.besluit = Some(BesluitForm {
                            reactie: reactie.meta.entity.clone(),
                            besluit: besluit.map_or(Besluit::Overgenomen, |b| b.data.besluit),
                            motivering: besluit
                                .map(|b| b.data.motivering.clone())
                                .unwrap_or_default(),
                            wijzigingen,
                        });
                    }
                });
                row.end(ui);
            }
        });
    }

    if let Some(form) = &mut state.besluit {
        let found = list
            .iter()
            .enumerate()
            .find(|(_, (r, _))| r.meta.entity == form.reactie);
        let mut close = frozen || found.is_none();
        if let Some((i, (reactie, _))) = found {
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.label(
                    RichText::new(format!(
                        "Besluit op reactie {} ({}, {})",
                        i + 1,
                        reactie.data.reference(),
                        reactie.data.soort.label()
                    ))
                    .strong(),
                );
                ui.label(RichText::new(&reactie.data.tekst).italics());
                ui.horizontal(|ui| {
                    ui.label("Besluit:");
                    for b in Besluit::ALL {
                        if ui.radio(form.besluit == b, b.label()).clicked() {
                            form.besluit = b;
                        }
                    }
                });
                let l = ui.label("Motivering (komt in de bijlage van het rapport):");
                let response = ui
                    .add(
                        egui::TextEdit::multiline(&mut form.motivering)
                            .desired_rows(2)
                            .desired_width(f32::INFINITY),
                    )
                    .labelled_by(l.id);
                if std::mem::take(&mut state.focus_pending) {
                    response.request_focus();
                }
                besluit_links(ui, form, &changed);
                ui.horizontal(|ui| {
                    if ui.button("Besluit vastleggen").clicked() {
                        let wijzigingen = if form.besluit == Besluit::Niet {
                            Vec::new()
                        } else {
                            form.wijzigingen.iter().cloned().collect()
                        };
                        cmds.push(Command::Wederhoor(WederhoorStep::Decide {
                            reactie: form.reactie.clone(),
                            besluit: form.besluit,
                            motivering: form.motivering.clone(),
                            wijzigingen,
                        }));
                    }
                    if ui.button("Annuleren").clicked() {
                        close = true;
                    }
                });
            });
        }
        if close {
            state.besluit = None;
        }
    }

    ui.add_space(4.0);
    match phase {
        Phase::InUitvoering => {
            widgets::muted(
                ui,
                "Reacties horen bij een verzonden concept: verzend eerst het conceptrapport.",
            );
            return;
        }
        Phase::Vastgesteld { .. } => return,
        _ => {}
    }
    if state.new_reactie.is_none() && ui.button("Nieuwe reactie…").clicked() {
        state.open_form();
        state.new_reactie = Some(ReactieForm {
            ontvangen: today(),
            ..ReactieForm::default()
        });
    }
    let Some(form) = &mut state.new_reactie else {
        return;
    };
    let mut close = false;
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.label(RichText::new("Nieuwe reactie").strong());
        let first = field(ui, "Ontvangen op:", &mut form.ontvangen, 96.0, "dd-mm-jjjj");
        if std::mem::take(&mut state.focus_pending) {
            first.request_focus();
        }
        field(
            ui,
            "Van (functie, geen naam):",
            &mut form.van,
            240.0,
            "bijv. bestuurder",
        );
        ui.horizontal(|ui| {
            ui.label("Betreft:");
            if ui
                .radio(!form.at_verwachting, "een paragraaf van het concept")
                .clicked()
            {
                form.at_verwachting = false;
            }
            if ui.radio(form.at_verwachting, "een verwachting").clicked() {
                form.at_verwachting = true;
            }
        });
        if form.at_verwachting {
            field(
                ui,
                "Verwachting:",
                &mut form.verwachting,
                96.0,
                "bijv. 1.3.1",
            );
        } else {
            field(ui, "Paragraaf:", &mut form.paragraaf, 96.0, "bijv. 3.2");
        }
        ui.horizontal(|ui| {
            ui.label("Soort:");
            for soort in ReactieSoort::ALL {
                if ui.radio(form.soort == soort, soort.label()).clicked() {
                    form.soort = soort;
                }
            }
        });
        let l = ui.label("Tekst van de reactie:");
        ui.add(
            egui::TextEdit::multiline(&mut form.tekst)
                .desired_rows(3)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(l.id);
        ui.horizontal(|ui| {
            if ui.button("Reactie vastleggen").clicked() {
                match reactie_data(form) {
                    Ok(data) => cmds.push(Command::Wederhoor(WederhoorStep::AddReactie(data))),
                    Err(reasons) => state.message = Some(Message::Refused(reasons)),
                }
            }
            if ui.button("Annuleren").clicked() {
                close = true;
            }
        });
    });
    if close {
        state.new_reactie = None;
    }
}

/// Which oordeel changes since the concept came from this reactie: one checkbox per change
/// (none for "niet overgenomen", which changes nothing).
fn besluit_links(ui: &mut Ui, form: &mut BesluitForm, changed: &[OordeelWijziging]) {
    if form.besluit == Besluit::Niet {
        return;
    }
    if changed.is_empty() {
        widgets::muted(
            ui,
            "Sinds het verzonden concept is geen oordeel of onderbouwing gewijzigd. Leidt de reactie tot een wijziging, pas die dan eerst aan bij Verwachtingen (F6) en koppel hem hier.",
        );
        return;
    }
    ui.label("Gewijzigd door deze reactie (sinds het verzonden concept):");
    for w in changed {
        let mut on = form.wijzigingen.contains(&w.verwachting);
        if ui.checkbox(&mut on, w.label()).changed() {
            if on {
                form.wijzigingen.insert(w.verwachting.clone());
            } else {
                form.wijzigingen.remove(&w.verwachting);
            }
        }
    }
}

/// The reactie as typed (the domain checks the rest when it is applied).
fn reactie_data(form: &ReactieForm) -> Result<ReactieData, Vec<String>> {
    let ontvangen = parse_date(&form.ontvangen, "ontvangen op")?;
    let non_empty = |t: &str| Some(t.trim().to_string()).filter(|t| !t.is_empty());
    Ok(ReactieData {
        ontvangen: Some(ontvangen),
        van: form.van.trim().to_string(),
        paragraaf: if form.at_verwachting {
            None
        } else {
            non_empty(&form.paragraaf)
        },
        verwachting: if form.at_verwachting {
            non_empty(&form.verwachting)
        } else {
            None
        },
        soort: form.soort,
        tekst: form.tekst.trim().to_string(),
    })
}

/// The texts the inspecteurs write for the rapport: the Samenvatting and Conclusie blocks and
/// the verbeterpunt of each onvoldoende verwachting (pre-filled from the verwachting until
/// edited). Typed text is a draft like every other text field (on disk while typing, a
/// revision after a pause); after vaststellen, and while two copies disagree, it is shown
/// read-only.
fn texts(ui: &mut Ui, ws: &mut Workspace, cmds: &mut Vec<Command>) {
    widgets::heading(ui, "Teksten voor het rapport");
    let frozen = ws.inspection.is_frozen();
    widgets::muted(
        ui,
        "De Samenvatting en de Conclusie staan in het rapport naast de berekende aantallen; een leeg blok wordt weggelaten. Privacy: noem geen dossiernummers of persoonsgegevens.",
    );
    for blok in RapportBlok::ALL {
        let target = DraftTarget::Rapporttekst(blok);
        let label = match blok {
            RapportBlok::Samenvatting => "Samenvatting (onder de aantallen in de samenvatting)",
            RapportBlok::Conclusie => "Conclusie (bij het eindoordeel)",
        };
        if frozen || ws.inspection.rapporttekst_conflicted(blok) {
            read_only_text(ui, ws, label, &target, frozen);
        } else {
            widgets::draft_field(ui, ws, target, label, true, cmds);
        }
        ui.add_space(4.0);
    }

    ui.add_space(4.0);
    ui.label(RichText::new("Verbeterpunten").strong());
    let punten = ws.inspection.verbeterpunten();
    if punten.is_empty() {
        widgets::muted(
            ui,
            "Geen: een verbeterpunt hoort bij een verwachting met het oordeel onvoldoende.",
        );
        return;
    }
    widgets::muted(
        ui,
        "Per onvoldoende verwachting, vooraf ingevuld vanuit de verwachting; pas de tekst aan waar nodig. Maak het veld leeg om terug te gaan naar de vooraf ingevulde tekst.",
    );
    for punt in punten {
        let target = DraftTarget::Verbeterpunt(punt.verwachting.clone());
        let label = if punt.afgeleid {
            format!("Verbeterpunt {} (vooraf ingevuld)", punt.verwachting)
        } else {
            format!("Verbeterpunt {}", punt.verwachting)
        };
        if frozen || punt.conflict {
            read_only_text(ui, ws, &label, &target, frozen);
        } else {
            widgets::draft_field(ui, ws, target, &label, true, cmds);
        }
        ui.add_space(4.0);
    }
}

/// A text that cannot be edited now: after vaststellen, or while two copies disagree.
fn read_only_text(ui: &mut Ui, ws: &Workspace, label: &str, target: &DraftTarget, frozen: bool) {
    ui.label(RichText::new(label).small().color(GREY));
    let text = ws.current_text(target);
    if text.is_empty() {
        widgets::muted(ui, "(leeg)");
    } else {
        ui.add(egui::Label::new(text).wrap());
    }
    if !frozen {
        ui.label(
            RichText::new("⚠ Twee kopieën hebben deze tekst verschillend vastgelegd; kies eerst een versie bij Conflicten (F7).")
                .color(RED),
        );
    }
}

fn vervolg(ui: &mut Ui, ws: &Workspace) {
    widgets::heading(ui, "Vervolg");
    let steps = ws.inspection.vervolg();
    if steps.is_empty() {
        widgets::muted(
            ui,
            "Geen vervolg: er is nog geen eindoordeel, of het toetsingskader noemt geen vervolg bij dit eindoordeel.",
        );
        return;
    }
    widgets::muted(
        ui,
        "Volgens het toetsingskader bij dit eindoordeel, met de datum waarop elke stap uiterlijk moet zijn gezet.",
    );
    for step in steps {
        ui.add_space(4.0);
        ui.horizontal_wrapped(|ui| {
            match step.due {
                Some(due) => {
                    ui.label(RichText::new(format!("uiterlijk {}", format_date_nl(due))).strong())
                }
                None => ui.label(RichText::new("datum volgt").strong().color(GREY)),
            };
            widgets::muted(ui, format!("({})", step.basis));
        });
        ui.indent(step.id.as_str(), |ui| {
            ui.add(egui::Label::new(&step.tekst).wrap());
        });
    }
}
