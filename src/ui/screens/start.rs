//! The start screen: your name, recent files, "Nieuw onderzoek…", "Openen…", and the demos:
//! "Demo-onderzoek" (stap 2), "Demo hertoets stap 1", "Demo tijdigheid 2024" and "Demo risicoscan
//! 2016".

use std::path::PathBuf;

use eframe::egui::{self, RichText, Ui};

use crate::demo;
use crate::kader_io;
use crate::store::Passphrase;
use crate::ui::commands::Command;
use crate::ui::prefs::Prefs;
use crate::ui::shortcuts;
use crate::ui::types::{FilePurpose, KaderChoice, Typing, file_name, wipe};
use crate::ui::widgets::{self, AMBER, GREY, RED};
use crate::ui::worker::Jobs;

pub struct StartState {
    pub inspecteur: String,
    /// The new-inspection form, while it is open (boxed: the start screen stays small).
    pub new_form: Option<Box<NewForm>>,
    /// Where a new file goes when no path is typed: the folder of the last new inspection, else
    /// the documents folder (made when needed).
    pub default_dir: PathBuf,
    /// Which recent files still exist (checked once, not every frame).
    pub recent_exists: Vec<bool>,
    /// The landelijk overzicht, while it is shown instead of the start screen.
    pub overzicht: Option<Box<super::landelijk::LandelijkState>>,
}

pub struct NewForm {
    pub organisatie: String,
    pub kader: KaderChoice,
    pub path: String,
    pub error: Option<String>,
    /// The form was filled in before the app stopped unexpectedly, and restored.
    pub restored: bool,
    /// Put the cursor in the organisatie field (the form was just opened).
    pub focus: bool,
    /// The passphrase and its repetition, masked; never part of the draft
    /// ([`NewForm::draft_text`]) and wiped once used or when the form goes.
    pub passphrase: Typing,
    pub repeat: Typing,
    /// "Onversleuteld opslaan (niet aanbevolen)": no passphrase, a plain file.
    pub plain: bool,
}

/// The checkbox for a plain file.
pub const PLAIN_LABEL: &str = "Onversleuteld opslaan (niet aanbevolen)";

/// The warning shown while the checkbox is ticked.
pub const PLAIN_WARNING: &str =
    "Zonder versleuteling kan iedereen die het bestand in handen krijgt alle aantekeningen lezen.";

/// The hint under the passphrase fields.
pub const SHARE_HINT: &str = "Deel het wachtwoord met uw teamgenoten om kopieën uit te wisselen. Zonder wachtwoord is het bestand niet te openen.";

impl NewForm {
    /// What was typed, as draft text to keep on disk; `None` while nothing was typed. Only the
    /// organisatie, the file and the kader: never the passphrase (nor whether there is one).
    pub fn draft_text(&self) -> Option<String> {
        if self.organisatie.trim().is_empty() && self.path.trim().is_empty() {
            return None;
        }
        let kader = match &self.kader {
            KaderChoice::Builtin(id) => serde_json::json!({ "ingebouwd": id }),
            KaderChoice::File(p) => serde_json::json!({ "bestand": p }),
        };
        Some(
            serde_json::json!({
                "organisatie": self.organisatie,
                "bestand": self.path,
                "kader": kader,
            })
            .to_string(),
        )
    }

    /// The form from draft text written by [`NewForm::draft_text`].
    pub fn from_draft(text: &str) -> Option<NewForm> {
        let value: serde_json::Value = serde_json::from_str(text).ok()?;
        let kader = value.get("kader")?;
        let kader = match (kader.get("ingebouwd"), kader.get("bestand")) {
            (Some(id), _) => KaderChoice::Builtin(id.as_str()?.to_string()),
            (_, Some(path)) => KaderChoice::File(PathBuf::from(path.as_str()?)),
            _ => return None,
        };
        Some(NewForm {
            organisatie: value.get("organisatie")?.as_str()?.to_string(),
            kader,
            path: value.get("bestand")?.as_str()?.to_string(),
            error: None,
            restored: true,
            focus: false,
            passphrase: Typing::default(),
            repeat: Typing::default(),
            plain: false,
        })
    }
}

impl StartState {
    pub fn new(prefs: &Prefs, documents: PathBuf) -> StartState {
        StartState {
            inspecteur: prefs.inspecteur.clone(),
            new_form: None,
            default_dir: prefs
                .new_dir
                .clone()
                .filter(|d| d.is_dir())
                .unwrap_or(documents),
            recent_exists: prefs.recent.iter().map(|p| p.exists()).collect(),
            overzicht: None,
        }
    }

    /// A path chosen for the new-inspection form.
    pub fn chosen(&mut self, purpose: FilePurpose, path: PathBuf) {
        let Some(form) = &mut self.new_form else {
            return;
        };
        match purpose {
            FilePurpose::NewFile => form.path = path.display().to_string(),
            FilePurpose::KaderFile => form.kader = KaderChoice::File(path),
            FilePurpose::Open
            | FilePurpose::ExportPdf { .. }
            | FilePurpose::SendConcept
            | FilePurpose::Merge
            | FilePurpose::SaveCopy
            | FilePurpose::Overzicht
            | FilePurpose::OverzichtPdf => {}
        }
    }
}

fn new_form_state() -> Box<NewForm> {
    Box::new(NewForm {
        organisatie: String::new(),
        kader: KaderChoice::Builtin(kader_io::builtin_ids()[0].to_string()),
        path: String::new(),
        error: None,
        restored: false,
        focus: true,
        passphrase: Typing::default(),
        repeat: Typing::default(),
        plain: false,
    })
}

pub fn show(
    ui: &mut Ui,
    state: &mut StartState,
    prefs: &Prefs,
    jobs: &Jobs,
    cmds: &mut Vec<Command>,
) {
    if !jobs.is_busy() {
        // Ctrl+O opens a file, Ctrl+N starts a new inspection.
        if ui.input_mut(|i| shortcuts::OPEN.consume(i)) {
            cmds.push(Command::ShowChooser(FilePurpose::Open));
        }
        if ui.input_mut(|i| shortcuts::NEW.consume(i)) {
            state.new_form = Some(new_form_state());
        }
    }
    if let Some(overzicht) = &state.overzicht {
        egui::CentralPanel::default().show(ui, |ui| {
            super::landelijk::show(ui, overzicht, jobs.is_busy(), cmds);
        });
        return;
    }
    egui::CentralPanel::default().show(ui, |ui| {
        egui::ScrollArea::vertical().id_salt("startscherm").show(ui, |ui| {
            ui.vertical_centered(|ui| {
                ui.set_max_width(640.0);
                ui.add_space(24.0);
                ui.label(RichText::new("veldtoets").size(34.0).strong());
                widgets::muted(ui, "Toetsingskader, interviews, dossiers en oordelen — ook zonder netwerk.");
                ui.add_space(18.0);
            });
            let margin = ((ui.available_width() - 640.0) / 2.0).max(0.0);
            ui.horizontal_top(|ui| {
            ui.add_space(margin);
            ui.vertical(|ui| {
                ui.set_width(640.0_f32.min(ui.available_width()));
                name_row(ui, state, prefs, cmds);
                ui.add_space(12.0);
                ui.horizontal_wrapped(|ui| {
                    let busy = jobs.is_busy();
                    if ui
                        .add_enabled(!busy, egui::Button::new("Nieuw onderzoek…"))
                        .on_hover_text("Ctrl+N")
                        .clicked()
                    {
                        state.new_form = Some(new_form_state());
                    }
                    if ui
                        .add_enabled(!busy, egui::Button::new("Openen…"))
                        .on_hover_text("Ctrl+O")
                        .clicked()
                    {
                        cmds.push(Command::ShowChooser(FilePurpose::Open));
                    }
                    if ui
                        .add_enabled(!busy, egui::Button::new("Demo-onderzoek"))
                        .on_hover_text("Maakt een volledig, fictief onderzoek aan om veldtoets mee te proberen (toezicht stap 2)")
                        .clicked()
                    {
                        cmds.push(Command::Demo(demo::DEMO_KADER));
                    }
                    if ui
                        .add_enabled(!busy, egui::Button::new("Demo hertoets stap 1"))
                        .on_hover_text("Een fictieve hertoets van stap 1 met de eerdere ronde ernaast en een oordeel per criterium (V, M, O)")
                        .clicked()
                    {
                        cmds.push(Command::Demo(demo::DEMO_KADER_STAP1));
                    }
                    if ui
                        .add_enabled(!busy, egui::Button::new("Demo tijdigheid 2024"))
                        .on_hover_text("Een fictief onderzoek naar tijdigheid en zicht op veiligheid (2024): termijnen met open dossiers, normen van 80% en een wachtlijst per zaak")
                        .clicked()
                    {
                        cmds.push(Command::Demo(demo::DEMO_KADER_2024));
                    }
                    if ui
                        .add_enabled(!busy, egui::Button::new("Demo risicoscan 2016"))
                        .on_hover_text("Een fictieve risicoscan (VNG, 2016): toelichtingen per topic, kerndata in het Nederlands getypt en een categorie die de inspecteur kiest en onderbouwt")
                        .clicked()
                    {
                        cmds.push(Command::Demo(demo::DEMO_KADER_RISICOSCAN));
                    }
                    if ui
                        .add_enabled(!busy, egui::Button::new("Landelijk overzicht…"))
                        .on_hover_text("Meerdere onderzoeksbestanden van één kader naast elkaar: rangorde en tijdigheid, als PDF op te slaan")
                        .clicked()
                    {
                        cmds.push(Command::ShowChooser(FilePurpose::Overzicht));
                    }
                    if ui
                        .button("Sneltoetsen")
                        .on_hover_text("Alle sneltoetsen per scherm (? of Shift+F1)")
                        .clicked()
                    {
                        cmds.push(Command::ToggleShortcuts);
                    }
                });
                if let Some(form) = &mut state.new_form {
                    ui.add_space(12.0);
                    new_form(ui, form, &state.default_dir, &state.inspecteur, cmds);
                }
                ui.add_space(8.0);
                let mut dark = prefs.dark;
                if ui.checkbox(&mut dark, "Donker thema").changed() {
                    cmds.push(Command::SetDark(dark));
                }
                ui.add_space(10.0);
                widgets::heading(ui, "Recente bestanden");
                if prefs.recent.is_empty() {
                    widgets::muted(ui, "Nog geen bestanden geopend.");
                }
                for (i, path) in prefs.recent.iter().enumerate() {
                    let exists = state.recent_exists.get(i).copied().unwrap_or(true);
                    let name = file_name(path);
                    ui.horizontal(|ui| {
                        // Framed when hovered or focused (besides the app's focus ring).
                        let button = ui.add_enabled(
                            exists,
                            egui::Button::new(&name).frame_when_inactive(false),
                        );
                        if button.clicked() {
                            cmds.push(Command::Open(path.clone()));
                        }
                        let folder = path.parent().map(|p| p.display().to_string()).unwrap_or_default();
                        widgets::muted(ui, if exists { folder } else { format!("{folder} (niet gevonden)") });
                    });
                }
            });
            });
        });
    });
}

fn name_row(ui: &mut Ui, state: &mut StartState, prefs: &Prefs, cmds: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        let label = ui.label("Uw naam (inspecteur):");
        let response = ui
            .add(
                egui::TextEdit::singleline(&mut state.inspecteur)
                    .hint_text(prefs.inspector_name())
                    .desired_width(260.0),
            )
            .labelled_by(label.id);
        if (response.lost_focus()
            || response.changed() && response.ctx.input(|i| i.key_pressed(egui::Key::Enter)))
            && state.inspecteur.trim() != prefs.inspecteur
        {
            cmds.push(Command::SetInspector(state.inspecteur.trim().to_string()));
        }
    });
    widgets::muted(ui, "Uw wijzigingen worden onder deze naam vastgelegd.");
}

fn new_form(
    ui: &mut Ui,
    form: &mut NewForm,
    default_dir: &std::path::Path,
    inspecteur: &str,
    cmds: &mut Vec<Command>,
) {
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.label(RichText::new("Nieuw onderzoek").strong());
        if form.restored {
            widgets::muted(
                ui,
                "Hersteld na een onderbreking: dit formulier was al ingevuld maar het onderzoek was nog niet aangemaakt.",
            );
        }
        let organisatie = widgets::text_field(ui, "Organisatie:", &mut form.organisatie);
        if std::mem::take(&mut form.focus) {
            organisatie.request_focus();
        }
        ui.horizontal(|ui| {
            let label = ui.label("Kader:");
            let selected = match &form.kader {
                KaderChoice::Builtin(id) => {
                    kader_io::builtin(id).map_or(id.clone(), |f| f.title.clone())
                }
                KaderChoice::File(p) => p.display().to_string(),
            };
            egui::ComboBox::from_id_salt("nieuw-kader")
                .selected_text(selected)
                .width(360.0)
                .show_ui(ui, |ui| {
                    for id in kader_io::builtin_ids() {
                        let title =
                            kader_io::builtin(id).map_or(id.to_string(), |f| f.title.clone());
                        ui.selectable_value(
                            &mut form.kader,
                            KaderChoice::Builtin(id.to_string()),
                            title,
                        );
                    }
                })
                .response
                .labelled_by(label.id);
            if ui.button("Ander kaderbestand…").clicked() {
                cmds.push(Command::ShowChooser(FilePurpose::KaderFile));
            }
        });
        ui.horizontal(|ui| {
            let label = ui.label("Bestand:");
            let hint = default_dir
                .join(suggested_name(&form.organisatie))
                .display()
                .to_string();
            ui.add(
                egui::TextEdit::singleline(&mut form.path)
                    .desired_width(360.0)
                    .hint_text(hint),
            )
            .labelled_by(label.id);
            if ui.button("Kiezen…").clicked() {
                cmds.push(Command::ShowChooser(FilePurpose::NewFile));
            }
        });
        if form.path.trim().is_empty() {
            widgets::muted(
                ui,
                format!(
                    "Leeg laten: het bestand wordt {} (de map van uw vorige nieuwe onderzoek, anders uw documentenmap).",
                    default_dir
                        .join(suggested_name(&form.organisatie))
                        .display()
                ),
            );
        }
        let fields = encryption(ui, form);
        if let Some(error) = &form.error {
            ui.label(RichText::new(error).color(RED));
        }
        ui.horizontal(|ui| {
            if ui.button("Aanmaken").clicked() {
                match validate(form, default_dir, inspecteur) {
                    Ok(cmd) => {
                        // egui keeps a field's undo history beside it: gone with the text.
                        ui.data_mut(|d| {
                            for id in &fields {
                                d.remove::<egui::text_edit::TextEditState>(*id);
                            }
                        });
                        cmds.push(cmd);
                    }
                    Err(e) => form.error = Some(e),
                }
            }
            ui.label(
                RichText::new("Onder uw naam; het bestand wordt direct opgeslagen.").color(GREY),
            );
        });
    });
}

/// The encryption of the new file: versleuteld by default, with the passphrase twice (masked);
/// the checkbox for a plain file hides them and shows what that means. Returns the ids of the
/// passphrase fields shown.
fn encryption(ui: &mut Ui, form: &mut NewForm) -> Vec<egui::Id> {
    if ui.checkbox(&mut form.plain, PLAIN_LABEL).changed() && form.plain {
        // Not kept while it is not used.
        form.passphrase.clear();
        form.repeat.clear();
    }
    if form.plain {
        widgets::spoken_label(
            ui,
            RichText::new(format!("⚠ {PLAIN_WARNING}"))
                .color(AMBER)
                .strong(),
            PLAIN_WARNING,
        );
        return Vec::new();
    }
    let mut ids = Vec::new();
    for (label, text) in [
        ("Wachtwoord:", &mut form.passphrase),
        ("Herhaal wachtwoord:", &mut form.repeat),
    ] {
        ui.horizontal(|ui| {
            let l = ui.label(label);
            let field = ui
                .add(
                    egui::TextEdit::singleline(&mut text.0)
                        .password(true)
                        .desired_width(260.0),
                )
                .labelled_by(l.id);
            ids.push(field.id);
        });
    }
    widgets::muted(ui, SHARE_HINT);
    ids
}

fn suggested_name(organisatie: &str) -> String {
    let slug: String = organisatie
        .trim()
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let slug = slug
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    format!(
        "{}.veldtoets",
        if slug.is_empty() { "onderzoek" } else { &slug }
    )
}

/// Checks the form without touching the disk (the creating job checks the path itself). The
/// passphrase leaves the form here: moved into a [`Passphrase`] for the command, its repetition
/// wiped; refused (empty, the two differ, or not a passphrase), both fields are emptied.
fn validate(
    form: &mut NewForm,
    default_dir: &std::path::Path,
    inspecteur: &str,
) -> Result<Command, String> {
    if inspecteur.trim().is_empty() {
        return Err(
            "Vul eerst uw naam in (bovenaan): het onderzoek wordt onder uw naam aangemaakt.".into(),
        );
    }
    let organisatie = form.organisatie.trim().to_string();
    if organisatie.is_empty() {
        return Err("Vul de naam van de organisatie in.".into());
    }
    let path = if form.path.trim().is_empty() {
        default_dir.join(suggested_name(&organisatie))
    } else {
        let mut p = PathBuf::from(form.path.trim());
        if p.extension().is_none() {
            p.set_extension(crate::store::EXTENSION);
        }
        p
    };
    let passphrase = if form.plain {
        None
    } else {
        Some(std::sync::Arc::new(take_passphrase(form)?))
    };
    Ok(Command::New {
        path,
        kader: form.kader.clone(),
        organisatie,
        passphrase,
    })
}

/// The passphrase typed twice in the form, as a [`Passphrase`]; the fields are emptied either
/// way.
fn take_passphrase(form: &mut NewForm) -> Result<Passphrase, String> {
    let mut text = form.passphrase.take();
    let mut repeat = form.repeat.take();
    let same = text == repeat;
    wipe(&mut repeat);
    if text.is_empty() {
        return Err("Kies een wachtwoord en vul het twee keer in: het onderzoek wordt versleuteld opgeslagen. Wilt u dat niet, vink dan \"Onversleuteld opslaan\" aan.".into());
    }
    if !same {
        wipe(&mut text);
        return Err(
            "De twee wachtwoorden zijn niet gelijk. Vul het wachtwoord opnieuw twee keer in."
                .into(),
        );
    }
    Passphrase::new(text).map_err(|e| {
        format!(
            "{} Vul het opnieuw twee keer in.",
            super::passphrase::sentence(&e.to_string())
        )
    })
}
