//! The passphrase of an encrypted inspection file, asked in a modal dialog ("Versleuteld
//! onderzoek") when no passphrase known opens the file: when it is opened, when it is one of the
//! copies to merge into the open file, and when it is read for the landelijk overzicht. The
//! field is masked, has the focus when the dialog appears, and Enter gives the passphrase
//! ("Openen"), Escape cancels ("Annuleren"). A wrong passphrase brings the dialog back with an
//! emptied field and "Het wachtwoord klopt niet. Probeer het opnieuw."; nothing about the
//! passphrase (not even its length) is shown or written anywhere.

use std::path::PathBuf;

use eframe::egui::{self, Key, RichText};

use crate::store::Passphrase;
use crate::ui::types::{Typing, file_name};
use crate::ui::widgets::{self, RED};
use crate::ui::worker::PassphraseFor;

/// Shown above the field after a wrong passphrase.
pub const WRONG: &str = "Het wachtwoord klopt niet. Probeer het opnieuw.";

/// The title of the dialog (its heading).
pub const TITLE: &str = "Versleuteld onderzoek";

/// The dialog asking for the passphrase of `path`, and what to continue with it.
pub struct PassphrasePrompt {
    pub path: PathBuf,
    pub purpose: PassphraseFor,
    /// The passphrase given last time did not open the file.
    pub wrong: bool,
    input: Typing,
    /// Why the text typed cannot be a passphrase (empty, a NUL character, …).
    error: Option<String>,
    /// Put the cursor in the field (the dialog just appeared, or the text was refused).
    focus: bool,
}

/// What the user did in the dialog.
pub enum Answer {
    /// A passphrase to try (the field is empty again).
    Given(Passphrase),
    /// "Annuleren" or Escape.
    Cancelled,
}

impl PassphrasePrompt {
    pub fn new(path: PathBuf, purpose: PassphraseFor, wrong: bool) -> PassphrasePrompt {
        PassphrasePrompt {
            path,
            purpose,
            wrong,
            input: Typing::default(),
            error: None,
            focus: true,
        }
    }

    /// What the dialog says about the file and what the passphrase is for.
    fn explanation(&self) -> String {
        let name = file_name(&self.path);
        match self.purpose {
            PassphraseFor::Open => format!(
                "'{name}' is versleuteld. Geef het wachtwoord van dit onderzoek om het te openen."
            ),
            PassphraseFor::Merge(_) => format!(
                "De kopie '{name}' is versleuteld met een wachtwoord dat hier nog niet bekend is. Geef het wachtwoord van die kopie om haar samen te voegen. Met Annuleren wordt er niets samengevoegd."
            ),
            PassphraseFor::Overzicht(_) => format!(
                "'{name}' is versleuteld met een wachtwoord dat hier nog niet bekend is. Geef het wachtwoord om het bestand in het landelijk overzicht op te nemen (het wordt alleen gelezen). Met Annuleren wordt er geen overzicht gemaakt."
            ),
        }
    }

    /// Draws the dialog; returns what the user did, if anything. The text typed is moved into
    /// the [`Passphrase`] at once and the field emptied.
    pub fn show(&mut self, ctx: &egui::Context) -> Option<Answer> {
        let focus = std::mem::take(&mut self.focus);
        let explanation = self.explanation();
        let folder = self
            .path
            .parent()
            .map(|p| p.display().to_string())
            .filter(|p| !p.is_empty());
        let mut submitted = None;
        let mut cancelled = false;
        egui::Modal::new(egui::Id::unique("veldtoets-wachtwoord")).show(ctx, |ui| {
            ui.set_max_width(500.0);
            ui.label(RichText::new(TITLE).heading().strong());
            ui.add_space(8.0);
            ui.label(explanation);
            if let Some(folder) = folder {
                widgets::muted(ui, format!("In de map {folder}"));
            }
            if self.wrong {
                ui.add_space(4.0);
                ui.label(RichText::new(WRONG).color(RED).strong());
            }
            if let Some(error) = &self.error {
                ui.add_space(4.0);
                ui.label(RichText::new(error).color(RED).strong());
            }
            ui.add_space(8.0);
            let field = ui
                .horizontal(|ui| {
                    let label = ui.label("Wachtwoord");
                    ui.add(
                        egui::TextEdit::singleline(&mut self.input.0)
                            .password(true)
                            .desired_width(300.0),
                    )
                    .labelled_by(label.id)
                })
                .inner;
            if focus {
                field.request_focus();
            }
            let enter = field.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
            ui.add_space(12.0);
            ui.horizontal(|ui| {
                if ui.button("Openen").clicked() || enter {
                    submitted = Some(field.id);
                }
                if ui.button("Annuleren").clicked() || ui.input(|i| i.key_pressed(Key::Escape)) {
                    cancelled = true;
                }
            });
        });
        if cancelled {
            self.input.clear();
            return Some(Answer::Cancelled);
        }
        let field = submitted?;
        // egui keeps the field's undo history beside it: gone with the text.
        ctx.data_mut(|d| d.remove::<egui::text_edit::TextEditState>(field));
        match Passphrase::new(self.input.take()) {
            Ok(passphrase) => Some(Answer::Given(passphrase)),
            Err(e) => {
                self.wrong = false;
                self.error = Some(sentence(&e.to_string()));
                self.focus = true;
                None
            }
        }
    }
}

/// A message of the store ("het wachtwoord is leeg; …") as a sentence.
pub fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    let mut out: String = chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default();
    if !out.is_empty() && !out.ends_with('.') {
        out.push('.');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_store_message_becomes_a_sentence() {
        assert_eq!(
            sentence("het wachtwoord is leeg; kies er een"),
            "Het wachtwoord is leeg; kies er een."
        );
        assert_eq!(sentence(""), "");
    }
}
