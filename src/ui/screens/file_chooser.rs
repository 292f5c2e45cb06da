//! The in-app file chooser. It always works, also where no system file dialog exists (rfd talks
//! to the xdg-desktop-portal, which minimal desktops and Xvfb lack: there it returns "nothing
//! chosen" at once). A path can be typed or picked from the folder listing; "Systeemvenster…"
//! offers the system dialog where there is one.
//!
//! A typed relative path means a path in the folder shown (not the program's working
//! directory). When saving, the purpose's extension is added when missing (`rapport` →
//! `rapport.pdf`), a target that would replace an inspection file (or a side file of one, or a
//! folder) is refused with a message here, and an existing file is only replaced after "Bestaat
//! al. Vervangen?" is answered with "Vervangen". Only then is [`Command::Chosen`] pushed.

use std::path::{Path, PathBuf};

use eframe::egui::{self, Key, RichText};

use crate::ui::commands::Command;
use crate::ui::types::{FilePurpose, count};
use crate::ui::widgets::{GREY, RED};
use crate::ui::worker::DirEntry;

pub struct FileChooser {
    pub purpose: FilePurpose,
    pub dir: PathBuf,
    /// The folder typed in the path field, or a full path.
    pub path_text: String,
    pub entries: Option<Result<Vec<DirEntry>, String>>,
    pub error: Option<String>,
    /// Files ticked when several can be chosen (merge).
    pub selected: Vec<PathBuf>,
    /// An existing file the user chose to save over: asked "Bestaat al. Vervangen?" before it is
    /// chosen.
    pub confirm_replace: Option<PathBuf>,
    /// A file that may not be chosen and is not listed: the open inspection itself, when
    /// choosing colleagues' copies to merge into it.
    pub exclude: Option<PathBuf>,
    focus: bool,
}

impl FileChooser {
    pub fn new(purpose: FilePurpose, dir: PathBuf) -> FileChooser {
        FileChooser {
            purpose,
            path_text: if purpose.saving() {
                dir.join(purpose.default_name()).display().to_string()
            } else {
                format!("{}{}", dir.display(), std::path::MAIN_SEPARATOR)
            },
            dir,
            entries: None,
            error: None,
            selected: Vec::new(),
            confirm_replace: None,
            exclude: None,
            focus: true,
        }
    }

    /// Leaves `path` out of the listing and refuses it when typed (the open inspection, when
    /// merging into it).
    pub fn excluding(mut self, path: &Path) -> FileChooser {
        self.exclude = Some(std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf()));
        self
    }

    /// Whether `path` is the excluded file.
    fn excluded(&self, path: &Path) -> bool {
        self.exclude
            .as_deref()
            .is_some_and(|x| std::path::absolute(path).is_ok_and(|p| p == x))
    }

    /// A typed path as a path: relative to the folder shown, not to the program's working
    /// directory.
    pub fn resolve(&self, text: &str) -> PathBuf {
        let path = PathBuf::from(text);
        if path.is_absolute() {
            path
        } else {
            self.dir.join(path)
        }
    }

    /// `path` with the purpose's extension when saving and it has another or none
    /// (`rapport` → `rapport.pdf`).
    fn with_extension(&self, path: PathBuf) -> PathBuf {
        let Some(ext) = self.purpose.extension().filter(|_| self.purpose.saving()) else {
            return path;
        };
        let has = path
            .extension()
            .is_some_and(|e| e.to_string_lossy().eq_ignore_ascii_case(ext));
        if has || path.file_name().is_none() {
            return path;
        }
        let mut name = path.as_os_str().to_owned();
        name.push(".");
        name.push(ext);
        PathBuf::from(name)
    }

    /// Whether `path` may be chosen to save to: `Err` with the message to show, `Ok(true)` when it
    /// exists (and replacing it must be confirmed), `Ok(false)` when it is new.
    fn check_save_target(&self, path: &Path) -> Result<bool, String> {
        if self.purpose == FilePurpose::NewFile {
            if path.exists() {
                return Err(format!(
                    "'{}' bestaat al. Kies een andere naam; een bestaand onderzoek opent u met 'Onderzoek openen'.",
                    path.display()
                ));
            }
            if let Some(folder) = path.parent().filter(|p| !p.is_dir()) {
                return Err(format!(
                    "De map '{}' bestaat niet. Kies een bestaande map.",
                    folder.display()
                ));
            }
            return Ok(false);
        }
        crate::fsutil::check_output_target(path, &[]).map_err(|e| format!("{e}."))?;
        Ok(path.exists())
    }

    /// A directory listing arrived.
    pub fn listing(&mut self, dir: PathBuf, entries: Result<Vec<DirEntry>, String>) {
        if dir == self.dir {
            self.entries = Some(entries);
        }
    }

    fn go(&mut self, dir: PathBuf, cmds: &mut Vec<Command>) {
        self.path_text = if self.purpose.saving() {
            let name = PathBuf::from(&self.path_text)
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| self.purpose.default_name().to_string());
            dir.join(name).display().to_string()
        } else {
            format!("{}{}", dir.display(), std::path::MAIN_SEPARATOR)
        };
        self.dir = dir.clone();
        self.entries = None;
        cmds.push(Command::ListDir(dir));
    }

    /// Decides what the typed path means: a folder to show, or the chosen file.
    fn submit(&mut self, cmds: &mut Vec<Command>) {
        self.confirm_replace = None;
        let text = self.path_text.trim().to_string();
        if text.is_empty() {
            self.error = Some("Typ een pad of kies een bestand uit de lijst.".into());
            return;
        }
        let path = self.resolve(&text);
        if text.ends_with(std::path::MAIN_SEPARATOR) || text.ends_with('/') || path.is_dir() {
            self.error = None;
            self.go(path, cmds);
            return;
        }
        if self.purpose.saving()
            && path.exists()
            && let Err(message) = self.check_save_target(&path)
        {
            // An inspection typed as the target is refused as such, not quietly turned into
            // `NAME.veldtoets.pdf`.
            self.error = Some(message);
            return;
        }
        let path = self.with_extension(path);
        if self.purpose.saving() {
            self.path_text = path.display().to_string();
            match self.check_save_target(&path) {
                Err(message) => {
                    self.error = Some(message);
                    return;
                }
                Ok(true) => {
                    self.error = None;
                    self.confirm_replace = Some(path);
                    return;
                }
                Ok(false) => {}
            }
        }
        if self.excluded(&path) {
            self.error = Some(
                "Dit is het geopende onderzoek zelf. Kies de bestanden van collega's die u erin wilt samenvoegen.".into(),
            );
            return;
        }
        self.error = None;
        if self.purpose.many() {
            if !self.selected.contains(&path) {
                self.selected.push(path);
            }
            self.path_text = format!("{}{}", self.dir.display(), std::path::MAIN_SEPARATOR);
            return;
        }
        cmds.push(Command::Chosen(self.purpose, path));
    }

    pub fn show(&mut self, ctx: &egui::Context, cmds: &mut Vec<Command>) {
        let mut open = true;
        egui::Window::new(self.purpose.title())
            .id(egui::Id::unique("veldtoets-bestandskiezer"))
            .collapsible(false)
            .resizable(true)
            .default_width(560.0)
            .open(&mut open)
            .show(ctx, |ui| {
                ui.horizontal(|ui| {
                    let label = ui.label("Pad:");
                    let response = ui
                        .add(egui::TextEdit::singleline(&mut self.path_text).desired_width(400.0))
                        .labelled_by(label.id);
                    if response.changed() {
                        self.confirm_replace = None;
                    }
                    if self.focus {
                        response.request_focus();
                        self.focus = false;
                    }
                    if response.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
                        self.submit(cmds);
                    }
                });
                ui.label(
                    RichText::new(
                        "Typ een pad en druk op Enter, of kies hieronder. Eindigt het pad op '/', dan wordt die map getoond. Waar u meer bestanden kiest, voegt Enter het bestand toe aan de keuze.",
                    )
                    .small()
                    .color(GREY),
                );
                if let Some(error) = &self.error {
                    ui.label(RichText::new(error).color(RED));
                }
                if let Some(path) = self.confirm_replace.clone() {
                    self.confirm(ui, &path, cmds);
                }
                ui.separator();
                ui.horizontal(|ui| {
                    if ui.button("⬆ Bovenliggende map").clicked()
                        && let Some(parent) = self.dir.parent().map(PathBuf::from)
                    {
                        self.go(parent, cmds);
                    }
                    ui.label(RichText::new(self.dir.display().to_string()).monospace());
                });
                egui::ScrollArea::vertical()
                    .id_salt(("bestanden", &self.dir))
                    .max_height(280.0)
                    .show(ui, |ui| {
                    match &self.entries {
                        None => {
                            ui.spinner();
                        }
                        Some(Err(e)) => {
                            ui.label(RichText::new(e).color(RED));
                        }
                        Some(Ok(entries)) if entries.is_empty() => {
                            ui.label(RichText::new("(lege map)").color(GREY));
                        }
                        Some(Ok(entries)) => {
                            let mut go_to = None;
                            let mut pick = None;
                            for entry in entries {
                                if !entry.is_dir && self.excluded(&entry.path) {
                                    continue;
                                }
                                let text = if entry.is_dir {
                                    format!("📁 {}", entry.name)
                                } else {
                                    format!("📄 {}", entry.name)
                                };
                                if !entry.is_dir && self.purpose.many() {
                                    let mut ticked = self.selected.contains(&entry.path);
                                    if ui.checkbox(&mut ticked, &entry.name).changed() {
                                        if ticked {
                                            self.selected.push(entry.path.clone());
                                        } else {
                                            self.selected.retain(|p| *p != entry.path);
                                        }
                                    }
                                } else if ui.selectable_label(false, text).clicked() {
                                    if entry.is_dir {
                                        go_to = Some(entry.path.clone());
                                    } else {
                                        pick = Some(entry.path.clone());
                                    }
                                }
                            }
                            if let Some(dir) = go_to {
                                self.go(dir, cmds);
                            }
                            if let Some(path) = pick {
                                if self.purpose.saving() {
                                    self.path_text = path.display().to_string();
                                    self.confirm_replace = None;
                                    self.error = None;
                                } else {
                                    cmds.push(Command::Chosen(self.purpose, path));
                                }
                            }
                        }
                    }
                });
                ui.separator();
                if self.purpose.many() {
                    ui.label(RichText::new(format!("Gekozen: {}", count(self.selected.len() as u64, "bestand", "bestanden"))).strong());
                    let mut remove = None;
                    for path in &self.selected {
                        ui.horizontal(|ui| {
                            ui.label(path.display().to_string());
                            if ui.small_button("weg").clicked() {
                                remove = Some(path.clone());
                            }
                        });
                    }
                    if let Some(path) = remove {
                        self.selected.retain(|p| *p != path);
                    }
                }
                ui.horizontal(|ui| {
                    if self.purpose.many() {
                        let verb = if self.purpose == FilePurpose::Overzicht {
                            "Overzicht maken"
                        } else {
                            "Samenvoegen"
                        };
                        let go = ui.add_enabled(!self.selected.is_empty(), egui::Button::new(verb));
                        if go.clicked() {
                            cmds.push(Command::ChosenMany(self.purpose, self.selected.clone()));
                        }
                    } else {
                        let action = if self.purpose.saving() { "Opslaan" } else { "Openen" };
                        if ui.button(action).clicked() {
                            self.submit(cmds);
                        }
                    }
                    if ui.button("Annuleren").clicked() {
                        cmds.push(Command::CloseChooser);
                    }
                    if ui
                        .button("Systeemvenster…")
                        .on_hover_text("Het bestandsvenster van het besturingssysteem, als dat er is")
                        .clicked()
                    {
                        cmds.push(Command::SystemDialog(self.purpose));
                    }
                });
            });
        // Escape first withdraws a pending "Vervangen?", then closes the chooser.
        let escape = ctx.input(|i| i.key_pressed(Key::Escape));
        if !open || (escape && self.confirm_replace.take().is_none()) {
            cmds.push(Command::CloseChooser);
        }
    }

    /// The question "Bestaat al. Vervangen?" for `path`, with its two answers.
    fn confirm(&mut self, ui: &mut egui::Ui, path: &Path, cmds: &mut Vec<Command>) {
        ui.label(
            RichText::new(format!("'{}' bestaat al. Vervangen?", path.display()))
                .color(RED)
                .strong(),
        );
        ui.horizontal(|ui| {
            let replace = ui.button("Vervangen");
            if replace.clicked() {
                self.confirm_replace = None;
                cmds.push(Command::Chosen(self.purpose, path.to_path_buf()));
            }
            if ui.button("Niet vervangen").clicked() {
                self.confirm_replace = None;
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chooser(purpose: FilePurpose, dir: &Path) -> FileChooser {
        FileChooser::new(purpose, dir.to_path_buf())
    }

    fn submit(chooser: &mut FileChooser, text: &str) -> Vec<Command> {
        chooser.path_text = text.to_string();
        let mut cmds = Vec::new();
        chooser.submit(&mut cmds);
        cmds
    }

    fn chosen(cmds: &[Command]) -> Option<&Path> {
        cmds.iter().find_map(|c| match c {
            Command::Chosen(_, path) => Some(path.as_path()),
            _ => None,
        })
    }

    #[test]
    fn a_relative_path_is_in_the_folder_shown_and_gets_the_extension() {
        let dir = tempfile::tempdir().unwrap();
        let mut c = chooser(FilePurpose::ExportPdf { concept: false }, dir.path());
        let cmds = submit(&mut c, "rapport");
        assert_eq!(
            chosen(&cmds),
            Some(dir.path().join("rapport.pdf").as_path())
        );
        let mut c = chooser(FilePurpose::ExportPdf { concept: false }, dir.path());
        let cmds = submit(&mut c, "verslag.PDF");
        assert_eq!(
            chosen(&cmds),
            Some(dir.path().join("verslag.PDF").as_path())
        );
        let mut c = chooser(FilePurpose::Open, dir.path());
        let cmds = submit(&mut c, "a.veldtoets");
        assert_eq!(
            chosen(&cmds),
            Some(dir.path().join("a.veldtoets").as_path())
        );
    }

    #[test]
    fn an_inspection_file_is_refused_as_a_pdf_target() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("gelderzoom.veldtoets");
        let mut header = vec![0u8; 4096];
        header[..16].copy_from_slice(crate::fsutil::SQLITE_MAGIC);
        header[68..72].copy_from_slice(&crate::fsutil::INSPECTION_APPLICATION_ID.to_be_bytes());
        std::fs::write(&file, &header).unwrap();
        // Named like a PDF, but an inspection by content.
        let disguised = dir.path().join("rapport.pdf");
        std::fs::write(&disguised, &header).unwrap();
        for text in ["gelderzoom.veldtoets", "rapport.pdf", "rapport"] {
            let mut c = chooser(FilePurpose::ExportPdf { concept: true }, dir.path());
            let cmds = submit(&mut c, text);
            assert!(chosen(&cmds).is_none(), "{text}");
            let error = c.error.clone().expect("a visible message");
            assert!(error.contains("onderzoeksbestand"), "{error}");
            assert!(c.confirm_replace.is_none());
        }
        let mut c = chooser(FilePurpose::ExportPdf { concept: true }, dir.path());
        // A side file's name gets the extension, so it never lands on the side file itself.
        let cmds = submit(&mut c, "gelderzoom.veldtoets-wal");
        assert_eq!(
            chosen(&cmds),
            Some(dir.path().join("gelderzoom.veldtoets-wal.pdf").as_path())
        );
    }

    #[test]
    fn replacing_an_existing_file_asks_first() {
        let dir = tempfile::tempdir().unwrap();
        let old = dir.path().join("oud.pdf");
        std::fs::write(&old, b"%PDF-1.7 oud").unwrap();
        let mut c = chooser(FilePurpose::ExportPdf { concept: false }, dir.path());
        let cmds = submit(&mut c, "oud");
        assert!(chosen(&cmds).is_none());
        assert_eq!(c.confirm_replace.as_deref(), Some(old.as_path()));
        assert!(c.error.is_none());
    }

    #[test]
    fn a_new_file_never_replaces_one() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("bestaat.veldtoets"), b"x").unwrap();
        let mut c = chooser(FilePurpose::NewFile, dir.path());
        let cmds = submit(&mut c, "bestaat");
        assert!(chosen(&cmds).is_none());
        assert!(c.error.clone().unwrap().contains("bestaat al"));
        let cmds = submit(&mut c, "nieuw");
        assert_eq!(
            chosen(&cmds),
            Some(dir.path().join("nieuw.veldtoets").as_path())
        );
    }
}
