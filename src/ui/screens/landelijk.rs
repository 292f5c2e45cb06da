//! The landelijk overzicht in the app (issue 13, item 8): several inspection files of one kader,
//! read on a worker, shown as the ranking and the tijdigheid per organisation against the
//! kader's norms, and saved as the same PDF as `veldtoets overzicht --pdf`. The files are only
//! read, never changed.

use std::path::PathBuf;

use eframe::egui::{self, RichText, Ui};

use crate::overzicht::{Overzicht, Rij, RijTermijn};
use crate::ui::commands::Command;
use crate::ui::types::FilePurpose;
use crate::ui::widgets::{self, GREEN, GREY, RED};

/// An overzicht built from `files`, as the start screen shows it.
pub struct LandelijkState {
    pub files: Vec<PathBuf>,
    pub model: Overzicht,
    /// Some of the files are encrypted: the PDF of the overzicht is not.
    pub encrypted: bool,
}

/// A share as a whole percentage, rounded half up (as the PDF and the rapport print it).
fn percent(share: f64) -> String {
    format!("{}%", (share * 100.0).round().clamp(0.0, 100.0) as u32)
}

/// The overzicht: a heading, what it was made of, the ranking, the tijdigheid, and the actions.
pub fn show(ui: &mut Ui, state: &LandelijkState, busy: bool, cmds: &mut Vec<Command>) {
    let o = &state.model;
    widgets::heading(ui, "Landelijk overzicht");
    ui.label(RichText::new(&o.kader_titel).strong());
    widgets::muted(
        ui,
        format!(
            "{} — alleen gelezen, niets gewijzigd. Eindoordelen: {}.",
            count(
                state.files.len(),
                "onderzoeksbestand",
                "onderzoeksbestanden"
            ),
            o.eindoordelen.describe()
        ),
    );
    if state.encrypted {
        widgets::muted(
            ui,
            "Er zijn versleutelde bestanden bij; een PDF van dit overzicht wordt niet versleuteld.",
        );
    }
    ui.horizontal(|ui| {
        if ui
            .add_enabled(!busy, egui::Button::new("PDF opslaan…"))
            .on_hover_text("Het landelijk overzicht als PDF, zoals veldtoets overzicht --pdf")
            .clicked()
        {
            cmds.push(Command::ShowChooser(FilePurpose::OverzichtPdf));
        }
        if ui
            .add_enabled(!busy, egui::Button::new("Andere bestanden…"))
            .clicked()
        {
            cmds.push(Command::ShowChooser(FilePurpose::Overzicht));
        }
        if ui.button("Terug naar het startscherm").clicked() {
            cmds.push(Command::CloseOverzicht);
        }
    });
    ui.add_space(8.0);
    egui::ScrollArea::both()
        .id_salt("landelijk-overzicht")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ranking(ui, o);
            if !o.termijnen.is_empty() {
                ui.add_space(12.0);
                tijdigheid(ui, o);
            }
        });
}

fn ranking(ui: &mut Ui, o: &Overzicht) {
    widgets::heading(ui, "Rangorde");
    // Under keuze nothing is counted: the ranking is the chosen eindoordeel alone.
    let choice = o.is_choice();
    let headers: &[&str] = if choice {
        &["Positie", "Organisatie", "Eindoordeel", "Bestand"]
    } else {
        &[
            "Positie",
            "Organisatie",
            "Eindoordeel",
            "Voldoende",
            "Onvoldoende",
            "Bestand",
        ]
    };
    let grid = egui::Grid::new("landelijk-rangorde")
        .striped(true)
        .spacing([16.0, 4.0]);
    widgets::table(
        ui,
        "Rangorde van de organisaties",
        headers.len(),
        grid,
        |ui, table| {
            table.header_row(ui, headers);
            for r in &o.organisaties {
                let mut row = table.row(ui);
                row.text(ui, r.positie.to_string());
                row.text(ui, r.organisatie.clone());
                row.cell(ui, |ui| {
                    ui.label(verdict_text(r, choice));
                });
                if !choice {
                    row.text(ui, r.voldoende.to_string());
                    row.text(ui, r.onvoldoende.to_string());
                }
                row.text(ui, r.bestand.clone());
                row.end(ui);
            }
        },
    );
}

/// The eindoordeel of one organisation in words: never a verdict for an organisation without
/// any oordeel (or, under keuze, without a choice), and marked when it is provisional.
fn verdict_text(r: &Rij, choice: bool) -> RichText {
    if r.nog_geen_oordeel && choice {
        RichText::new("nog geen eindoordeel gekozen").color(GREY)
    } else if r.nog_geen_oordeel {
        RichText::new("nog geen oordeel").color(GREY)
    } else if r.compleet {
        RichText::new(r.eindoordeel.label()).strong()
    } else {
        RichText::new(format!("{} (voorlopig)", r.eindoordeel.label()))
    }
}

fn tijdigheid(ui: &mut Ui, o: &Overzicht) {
    widgets::heading(ui, "Tijdigheid en wachtlijst");
    for (kolom, telling) in o.termijnen.iter().zip(&o.per_termijn) {
        let line = match telling.norm {
            Some(norm) => format!(
                "{} ({}): {} van {} organisaties ≥ {norm}%{}",
                short_name(&kolom.id),
                kolom.naam,
                telling.gehaald,
                o.organisaties.len(),
                if telling.onbekend > 0 {
                    format!(" ({} zonder gegevens)", telling.onbekend)
                } else {
                    String::new()
                }
            ),
            None => format!(
                "{} ({}): het kader stelt geen norm",
                short_name(&kolom.id),
                kolom.naam
            ),
        };
        ui.label(line);
    }
    ui.add_space(6.0);
    let columns = o.termijnen.len() + 3;
    let grid = egui::Grid::new("landelijk-tijdigheid")
        .striped(true)
        .spacing([16.0, 4.0]);
    widgets::table(
        ui,
        "Tijdigheid per organisatie",
        columns,
        grid,
        |ui, table| {
            let mut headers: Vec<String> = vec!["Organisatie".into()];
            headers.extend(o.termijnen.iter().map(|k| match k.norm {
                Some(norm) => format!("{} (norm {norm}%)", short_name(&k.id)),
                None => short_name(&k.id),
            }));
            headers.push("Wachtend".into());
            headers.push("Langste wachttijd".into());
            let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
            table.header_row(ui, &headers);
            for r in &o.organisaties {
                let mut row = table.row(ui);
                row.text(ui, r.organisatie.clone());
                for t in &r.tijdigheid {
                    row.cell(ui, |ui| {
                        ui.label(share_text(t));
                    });
                }
                row.text(
                    ui,
                    r.wachtend
                        .map_or_else(|| "—".to_string(), |n| n.to_string()),
                );
                row.text(
                    ui,
                    r.langste_wachttijd_dagen
                        .map_or_else(|| "—".to_string(), |d| format!("{d} d")),
                );
                row.end(ui);
            }
        },
    );
}

/// One organisation's share within a termijn, with whether it reaches the norm in words (not
/// only in colour).
fn share_text(t: &RijTermijn) -> RichText {
    match (t.aandeel_binnen, t.norm_gehaald) {
        (None, _) => RichText::new("geen gegevens").color(GREY),
        (Some(share), Some(true)) => {
            RichText::new(format!("{} (norm gehaald)", percent(share))).color(GREEN)
        }
        (Some(share), Some(false)) => RichText::new(format!("{} (onder de norm)", percent(share)))
            .color(RED)
            .strong(),
        (Some(share), None) => RichText::new(percent(share)),
    }
}

/// A termijn by its id in words, as the PDF's columns name it ("afronding onderzoek").
fn short_name(id: &str) -> String {
    id.replace('_', " ")
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_are_rounded_half_up_and_say_the_norm_in_words() {
        assert_eq!(percent(0.625), "63%");
        assert_eq!(percent(0.8), "80%");
        let t = RijTermijn {
            termijn: "triage".into(),
            binnen: 5,
            te_laat: 3,
            open: 0,
            onbekend: 0,
            aandeel_binnen: Some(0.625),
            norm_gehaald: Some(false),
        };
        assert_eq!(share_text(&t).text(), "63% (onder de norm)");
        let none = RijTermijn {
            aandeel_binnen: None,
            norm_gehaald: None,
            ..t
        };
        assert_eq!(share_text(&none).text(), "geen gegevens");
    }
}
