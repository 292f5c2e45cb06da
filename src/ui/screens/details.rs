//! The onderzoek's own details on the Overzicht: organisatie, bezoekdagen (van / tot), peildatum,
//! team and notitie, editable in the app with their history. Every change of a field is one
//! revision of the Details record through an [`Edit`]; the team is the file's list of
//! inspecteurs (a name can be added; the list only grows).
//!
//! Dates are checked when the field is left (or Enter is pressed): a date that cannot be read,
//! or a last visit day before the first, is refused at the field with the reason in Dutch. A
//! refused input stays in its field and is listed in the status bar as not saved until it is
//! corrected or emptied. The organisatie is written when the field is left, on Enter, after a
//! short pause in typing and when the screen changes.

use std::time::{Duration, Instant};

use eframe::egui::{self, RichText, Ui};
use jiff::civil::Date;

use crate::domain::inspection::{Details, Kind, Value};
use crate::domain::termijn::{format_date_nl, parse_date_input};
use crate::ui::commands::Command;
use crate::ui::edit::{Edit, RecordRef, text};
use crate::ui::screens::conflicts;
use crate::ui::types::{count, join_and};
use crate::ui::widgets::{self, GREEN, GREY, RED, local_time};
use crate::ui::workspace::{DRAFT_IDLE, DraftTarget, Workspace};

/// The three date fields of the details, in screen order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DateField {
    Van,
    Tot,
    Peildatum,
}

impl DateField {
    const ALL: [DateField; 3] = [DateField::Van, DateField::Tot, DateField::Peildatum];

    fn index(self) -> usize {
        self as usize
    }

    /// The field's name in `Details::FIELDS`.
    fn field(self) -> &'static str {
        match self {
            DateField::Van => "bezoek_van",
            DateField::Tot => "bezoek_tot",
            DateField::Peildatum => "peildatum",
        }
    }

    fn label(self) -> &'static str {
        match self {
            DateField::Van => "Eerste bezoekdag",
            DateField::Tot => "Laatste bezoekdag",
            DateField::Peildatum => "Peildatum termijnen",
        }
    }

    /// How the status bar names a refused input of this field.
    fn invalid_name(self) -> &'static str {
        match self {
            DateField::Van => "onderzoek: eerste bezoekdag",
            DateField::Tot => "onderzoek: laatste bezoekdag",
            DateField::Peildatum => "onderzoek: peildatum",
        }
    }

    fn of(self, d: &Details) -> Option<Date> {
        match self {
            DateField::Van => d.bezoek_van,
            DateField::Tot => d.bezoek_tot,
            DateField::Peildatum => d.peildatum,
        }
    }
}

/// What is typed in one date field: the text while it differs from the stored date (being
/// typed, or refused), and the reason it was refused.
#[derive(Default)]
struct DateInput {
    text: Option<String>,
    error: Option<String>,
}

/// The UI state of the details form (kept while other screens are shown, so a refused input
/// stays refused).
#[derive(Default)]
pub struct DetailsState {
    /// The organisatie being typed, and when it was last typed in.
    organisatie: Option<(String, Instant)>,
    organisatie_error: Option<String>,
    dates: [DateInput; 3],
    /// The name typed to add to the team.
    pub team_input: String,
    /// The result of the last "Toevoegen": the message, and whether it is an error.
    pub team_message: Option<(String, bool)>,
    /// A name was just added: the team (with it) takes the focus.
    pub team_focus: bool,
}

const ORGANISATIE_INVALID: &str = "onderzoek: organisatie";

impl DetailsState {
    /// The edit of the organisatie typed so far, if there is one to write; an empty name is
    /// refused (and stays in the field with the reason).
    fn organisatie_edit(&mut self, ws: &Workspace) -> Option<Edit> {
        let (typed, _) = self.organisatie.as_ref()?;
        let name = typed.split_whitespace().collect::<Vec<_>>().join(" ");
        if name.is_empty() {
            self.organisatie_error =
                Some("De naam van de organisatie mag niet leeg zijn; niet opgeslagen.".to_string());
            return None;
        }
        self.organisatie_error = None;
        self.organisatie = None;
        (name != ws.inspection.organisatie())
            .then(|| Edit::set(RecordRef::Details, "organisatie", text(name)))
    }

    /// Writes the organisatie typed so far (the screen changes, or the inspection closes).
    pub fn flush(&mut self, ws: &mut Workspace) {
        if let Some(edit) = self.organisatie_edit(ws) {
            // Refusals (read-only, two versions) are in the workspace's notice.
            let _ = ws.update(&edit);
        }
        self.sync_invalid(ws);
    }

    /// Lists the refused inputs in the workspace (the status bar says they are not saved).
    fn sync_invalid(&self, ws: &mut Workspace) {
        let mut set = |name: &str, refused: bool| {
            if refused {
                ws.invalid_inputs.insert(name.to_string());
            } else {
                ws.invalid_inputs.remove(name);
            }
        };
        set(ORGANISATIE_INVALID, self.organisatie_error.is_some());
        for f in DateField::ALL {
            set(f.invalid_name(), self.dates[f.index()].error.is_some());
        }
    }
}

/// The names of the team, in alphabetical order.
fn team_names(ws: &Workspace) -> Vec<&str> {
    let mut names: Vec<&str> = ws
        .inspection
        .inspectors
        .values()
        .map(String::as_str)
        .collect();
    names.sort_by_key(|n| n.to_lowercase());
    names
}

/// The summary line under the organisation's name: kader, visit days and team.
pub fn summary_line(ws: &Workspace) -> String {
    let insp = &ws.inspection;
    let details = insp.details_data();
    let dates = match (details.bezoek_van, details.bezoek_tot) {
        (Some(a), Some(b)) if a != b => {
            format!("bezoek {} t/m {}", format_date_nl(a), format_date_nl(b))
        }
        (Some(a), _) | (None, Some(a)) => format!("bezoek {}", format_date_nl(a)),
        (None, None) => "bezoekdatum nog niet ingevuld".into(),
    };
    let team = team_names(ws);
    let team = match team.len() {
        0 => "nog geen team".to_string(),
        1 => format!("inspecteur {}", team[0]),
        _ => format!("inspecteurs {}", join_and(&team)),
    };
    format!("{} · {dates} · {team}", insp.framework.title)
}

/// The editable details, with their history. Open at first while the visit days are not
/// filled in (a new onderzoek).
pub fn show(ui: &mut Ui, ws: &mut Workspace, state: &mut DetailsState, cmds: &mut Vec<Command>) {
    let current = ws.inspection.details_data();
    egui::CollapsingHeader::new("Gegevens van het onderzoek")
        .id_salt(("gegevens", ws.inspection.id))
        .default_open(current.bezoek_van.is_none())
        .show(ui, |ui| {
            let id = ws.inspection.details_id();
            // Two versions (after a merge): the choice instead of the fields.
            if conflicts::notice(ui, ws, Kind::Details, &id, cmds) {
                return;
            }
            form(ui, ws, state, &current, cmds);
            widgets::draft_field(ui, ws, DraftTarget::DetailsNote, "Notitie", true, cmds);
            history(ui, ws);
        });
    state.sync_invalid(ws);
    if let Some((_, at)) = &state.organisatie {
        // Written after a pause in typing, like any text.
        let idle = at.elapsed();
        if idle >= DRAFT_IDLE {
            if let Some(edit) = state.organisatie_edit(ws) {
                cmds.push(Command::Edit(edit));
            }
        } else {
            ui.ctx()
                .request_repaint_after(DRAFT_IDLE - idle + Duration::from_millis(10));
        }
    }
}

fn form(
    ui: &mut Ui,
    ws: &Workspace,
    state: &mut DetailsState,
    current: &Details,
    cmds: &mut Vec<Command>,
) {
    // Organisatie.
    let response = row(ui, "Organisatie", |ui, label| {
        let mut typed = state
            .organisatie
            .as_ref()
            .map_or_else(|| current.organisatie.clone(), |(t, _)| t.clone());
        let response = ui
            .add(egui::TextEdit::singleline(&mut typed).desired_width(FIELD_WIDTH))
            .labelled_by(label);
        if response.changed() {
            state.organisatie = Some((typed, Instant::now()));
        }
        response
    });
    if response.lost_focus()
        && let Some(edit) = state.organisatie_edit(ws)
    {
        cmds.push(Command::Edit(edit));
    }
    message(ui, state.organisatie_error.as_deref(), None);

    // Bezoekdagen and peildatum.
    let van_hint = current
        .bezoek_van
        .map_or("de eerste bezoekdag".to_string(), |d| {
            format!("{} (eerste bezoekdag)", format_date_nl(d))
        });
    for f in DateField::ALL {
        let (hint, note) = match f {
            DateField::Peildatum => (
                format!("standaard: {van_hint}"),
                Some(
                    "Tot deze datum worden open dossiers aan de termijnen gemeten; leeg is de eerste bezoekdag.",
                ),
            ),
            DateField::Tot => (
                "dd-mm-jjjj".to_string(),
                Some("Leeg bij een bezoek van één dag."),
            ),
            DateField::Van => ("dd-mm-jjjj".to_string(), None),
        };
        if let Some(value) = date_row(ui, state, f, current, &hint, note) {
            cmds.push(Command::Edit(Edit::set(
                RecordRef::Details,
                f.field(),
                Value::Date(value),
            )));
        }
    }

    // Team: the inspecteurs of the file; a name can be added.
    let names = team_names(ws);
    row(ui, "Team", |ui, _| {
        // Focusable, so the focus can go to the team after a name is added (and a screen
        // reader reads the names there).
        let team = ui.add(
            egui::Label::new(if names.is_empty() {
                "nog niemand".to_string()
            } else {
                join_and(&names)
            })
            .sense(egui::Sense::FOCUSABLE),
        );
        if std::mem::take(&mut state.team_focus) {
            team.request_focus();
        }
        widgets::muted(
            ui,
            format!(
                "({})",
                count(names.len() as u64, "inspecteur", "inspecteurs")
            ),
        );
    });
    row(ui, "Teamlid toevoegen", |ui, label| {
        let field = ui
            .add(
                egui::TextEdit::singleline(&mut state.team_input)
                    .desired_width(220.0)
                    .hint_text("naam, bijv. J. Jansen"),
            )
            .labelled_by(label);
        let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if field.changed() {
            state.team_message = None;
        }
        let add = ui.add_enabled(!ws.read_only, egui::Button::new("Toevoegen aan het team"));
        if add.clicked() || enter {
            cmds.push(Command::AddInspector(state.team_input.clone()));
        }
    });
    match &state.team_message {
        Some((text, true)) => message(ui, Some(text), None),
        Some((text, false)) => {
            ui.label(RichText::new(text).color(GREEN));
        }
        None => message(
            ui,
            None,
            Some("Een naam kan worden toegevoegd; het team blijft in het bestand bewaard."),
        ),
    }
}

/// The width of the labels before the fields, and of the text fields.
const LABEL_WIDTH: f32 = 150.0;
const FIELD_WIDTH: f32 = 300.0;

/// A row: the label (a fixed width, so the fields line up) and what `add` puts after it (given
/// the label's id, to name the field by it).
fn row<R>(ui: &mut Ui, label: &str, add: impl FnOnce(&mut Ui, egui::Id) -> R) -> R {
    ui.horizontal(|ui| {
        let l = ui
            .allocate_ui_with_layout(
                // As high as a text field, so the label sits level with it.
                egui::vec2(LABEL_WIDTH, ui.spacing().interact_size.y + 6.0),
                egui::Layout::left_to_right(egui::Align::Center),
                |ui| {
                    ui.set_min_width(LABEL_WIDTH);
                    ui.label(label)
                },
            )
            .inner;
        add(ui, l.id)
    })
    .inner
}

/// The reason an input was refused (red), or a muted note, under its field (wrapped).
fn message(ui: &mut Ui, error: Option<&str>, note: Option<&str>) {
    let text = match (error, note) {
        (Some(e), _) => RichText::new(format!("⚠ {e}")).color(RED),
        (None, Some(n)) => RichText::new(n).small().color(GREY),
        (None, None) => return,
    };
    ui.horizontal(|ui| {
        ui.add_space(LABEL_WIDTH + ui.spacing().item_spacing.x);
        ui.add(egui::Label::new(text).wrap());
    });
}

/// One date row. Returns the new value to write when the field was left with a valid date (or
/// emptied) that differs from the stored one.
fn date_row(
    ui: &mut Ui,
    state: &mut DetailsState,
    f: DateField,
    current: &Details,
    hint: &str,
    note: Option<&str>,
) -> Option<Option<Date>> {
    let stored = f.of(current);
    let input = &mut state.dates[f.index()];
    let mut typed = input
        .text
        .clone()
        .unwrap_or_else(|| stored.map(format_date_nl).unwrap_or_default());
    let response = row(ui, f.label(), |ui, label| {
        ui.add(
            egui::TextEdit::singleline(&mut typed)
                .desired_width(FIELD_WIDTH)
                .hint_text(hint),
        )
        .labelled_by(label)
    });
    if response.changed() {
        input.text = Some(typed.clone());
    }
    let mut result = None;
    if response.lost_focus() && input.text.is_some() {
        let parsed = if typed.trim().is_empty() {
            Ok(None)
        } else {
            parse_date_input(&typed).map(Some)
        };
        let checked = parsed.and_then(|date| check_order(f, date, current).map(|()| date));
        match checked {
            Ok(date) => {
                input.error = None;
                input.text = None;
                if date != stored {
                    result = Some(date);
                }
            }
            Err(e) => input.error = Some(format!("{e} Niet opgeslagen.")),
        }
    }
    if !response.has_focus() && input.error.is_none() {
        // Follow the stored value while the field is not being edited.
        input.text = None;
    }
    message(ui, input.error.as_deref(), note);
    result
}

/// A last visit day may not come before the first.
fn check_order(f: DateField, date: Option<Date>, current: &Details) -> Result<(), String> {
    let (van, tot) = match f {
        DateField::Van => (date, current.bezoek_tot),
        DateField::Tot => (current.bezoek_van, date),
        DateField::Peildatum => return Ok(()),
    };
    match (van, tot) {
        (Some(van), Some(tot)) if tot < van => Err(match f {
            DateField::Van => format!(
                "De eerste bezoekdag ({}) ligt na de laatste ({}); pas een van beide aan.",
                format_date_nl(van),
                format_date_nl(tot)
            ),
            _ => format!(
                "De laatste bezoekdag ({}) ligt vóór de eerste ({}); pas een van beide aan.",
                format_date_nl(tot),
                format_date_nl(van)
            ),
        }),
        _ => Ok(()),
    }
}

/// Every version of the details, newest first, with what changed.
fn history(ui: &mut Ui, ws: &Workspace) {
    let Some(history) = ws.inspection.details.history(&ws.inspection.details_id()) else {
        return;
    };
    let revisions = history.revisions();
    egui::CollapsingHeader::new(format!(
        "Historie van de gegevens ({})",
        count(revisions.len() as u64, "versie", "versies")
    ))
    .id_salt(("gegevens-historie", ws.inspection.id))
    .show(ui, |ui| {
        for r in revisions.iter().rev() {
            let before = r
                .meta
                .replaces
                .first()
                .and_then(|rev| history.revision(*rev));
            let what = match before {
                None => format!("aangemaakt: {}", describe(&r.data, &all_fields(&r.data))),
                Some(b) => {
                    let changed = changed_fields(&b.data, &r.data);
                    if changed.is_empty() {
                        "niets gewijzigd".to_string()
                    } else {
                        describe(&r.data, &changed)
                    }
                }
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
                ui.label(what);
            });
        }
    });
}

/// The fields of `d` that have a value (for the first version).
fn all_fields(d: &Details) -> Vec<&'static str> {
    changed_fields(&Details::default(), d)
}

/// The fields in which two versions differ, by name.
fn changed_fields(a: &Details, b: &Details) -> Vec<&'static str> {
    let mut out = Vec::new();
    if a.organisatie != b.organisatie {
        out.push("organisatie");
    }
    for f in DateField::ALL {
        if f.of(a) != f.of(b) {
            out.push(f.field());
        }
    }
    if a.notitie != b.notitie {
        out.push("notitie");
    }
    out
}

/// "eerste bezoekdag 03-03-2026, peildatum leeg" for the named fields.
fn describe(d: &Details, fields: &[&str]) -> String {
    let date = |v: Option<Date>| v.map_or("leeg".to_string(), format_date_nl);
    let parts: Vec<String> = fields
        .iter()
        .map(|f| match *f {
            "organisatie" => format!("organisatie {}", d.organisatie),
            "notitie" => "notitie gewijzigd".to_string(),
            name => {
                let field = DateField::ALL
                    .into_iter()
                    .find(|x| x.field() == name)
                    .unwrap_or(DateField::Peildatum);
                format!("{} {}", field.label().to_lowercase(), date(field.of(d)))
            }
        })
        .collect();
    parts.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_last_visit_day_before_the_first_is_refused_with_both_dates() {
        let details = Details {
            bezoek_van: Some(Date::constant(2026, 3, 5)),
            ..Details::default()
        };
        let refused =
            check_order(DateField::Tot, Some(Date::constant(2026, 3, 3)), &details).unwrap_err();
        assert!(refused.contains("03-03-2026"), "{refused}");
        assert!(refused.contains("05-03-2026"), "{refused}");
        assert!(check_order(DateField::Tot, Some(Date::constant(2026, 3, 5)), &details).is_ok());
        assert!(check_order(DateField::Tot, None, &details).is_ok());
        let later = Details {
            bezoek_tot: Some(Date::constant(2026, 3, 5)),
            ..Details::default()
        };
        assert!(check_order(DateField::Van, Some(Date::constant(2026, 3, 6)), &later).is_err());
    }

    #[test]
    fn the_history_names_what_changed_in_words() {
        let a = Details {
            organisatie: "VT Zuid".into(),
            ..Details::default()
        };
        let b = Details {
            bezoek_van: Some(Date::constant(2026, 3, 3)),
            ..a.clone()
        };
        let changed = changed_fields(&a, &b);
        assert_eq!(changed, ["bezoek_van"]);
        assert_eq!(describe(&b, &changed), "eerste bezoekdag 03-03-2026");
    }
}
