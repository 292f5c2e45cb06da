//! The in-app file chooser. It always works, also where no system file dialog exists (rfd talks
//! to the xdg-desktop-portal, which minimal desktops and Xvfb lack: there it returns "nothing
//! chosen" at once). A path can be typed or picked from the folder listing; "Systeemvenster…"
//! offers the system dialog where there is one.

use std::path::PathBuf;

use eframe::egui::{self, Key, RichText};

use crate::ui::commands::{Command, FilePurpose};
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
            focus: true,
        }
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
        let text = self.path_text.trim();
        if text.is_empty() {
            self.error = Some("Typ een pad of kies een bestand uit de lijst.".into());
            return;
        }
        let path = PathBuf::from(text);
        if text.ends_with(std::path::MAIN_SEPARATOR) || text.ends_with('/') {
            self.go(path, cmds);
            return;
        }
        let mut path = path;
        if self.purpose.saving()
            && path.extension().is_none()
            && let Some(ext) = self.purpose.extension()
        {
            path.set_extension(ext);
        }
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
                        "Typ een pad en druk op Enter, of kies hieronder. Eindigt het pad op '/', dan wordt die map getoond. Bij samenvoegen voegt Enter het bestand toe aan de keuze.",
                    )
                    .small()
                    .color(GREY),
                );
                if let Some(error) = &self.error {
                    ui.label(RichText::new(error).color(RED));
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
                egui::ScrollArea::vertical().max_height(280.0).show(ui, |ui| {
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
                                } else {
                                    cmds.push(Command::Chosen(self.purpose, path));
                                }
                            }
                        }
                    }
                });
                ui.separator();
                if self.purpose.many() {
                    ui.label(RichText::new(format!("Gekozen: {} bestand(en)", self.selected.len())).strong());
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
                        let go = ui.add_enabled(!self.selected.is_empty(), egui::Button::new("Samenvoegen"));
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
        if !open || ctx.input(|i| i.key_pressed(Key::Escape)) {
            cmds.push(Command::CloseChooser);
        }
    }
}
