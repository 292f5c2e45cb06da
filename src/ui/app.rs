//! The app: a dispatcher. Each frame it collects results from background work, draws the current
//! view (screens push [`Command`]s), then applies the commands. It owns no file handles itself:
//! the open inspection file lives on the store thread, everything else runs as a job.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use eframe::egui::{self, Key, KeyboardShortcut, Modifiers, RichText};

use crate::demo;
use crate::kader_io;
use crate::store::{Keyring, Passphrase, Store};

use super::commands::Command;
use super::prefs::{AppDirs, Prefs};
use super::screens::passphrase::{Answer, PassphrasePrompt};
use super::screens::{self, inspection::Screens};
use super::shortcuts;
use super::types::{
    Closing, FilePurpose, KaderChoice, PLAIN_EXPORT, PLAIN_MERGE_QUESTION, Screen, file_name,
};
use super::worker::{
    self, JobOutput, Jobs, PassphraseFor, SaveState, StoreHandle, Unlocking, Waker,
};
use super::workspace::{Refused, Workspace};

/// Ctrl+Shift+F: log a flitsinterview, from anywhere (see [`shortcuts::FLASH`]).
pub const FLASH_SHORTCUT: KeyboardShortcut = shortcuts::FLASH.shortcut();

/// What the window shows.
pub enum View {
    Start(screens::start::StartState),
    /// An open inspection: the workspace (model, store, drafts) and the screens' own state.
    Inspection(Box<Workspace>, Box<Screens>),
}

/// A message dialog (errors a person can act on, and notices).
pub struct Dialog {
    pub title: String,
    pub message: String,
}

pub struct App {
    pub dirs: AppDirs,
    pub prefs: Prefs,
    pub view: View,
    pub jobs: Jobs,
    pub chooser: Option<screens::file_chooser::FileChooser>,
    pub dialog: Option<Dialog>,
    /// The passphrase of an encrypted file is asked for (between two jobs: nothing waits on it).
    pub prompt: Option<PassphrasePrompt>,
    /// Encrypted copies would go into the open, plain file: asked first (see
    /// [`JobOutput::PlainMergeAsked`]).
    pub plain_merge: Option<Unlocking>,
    /// The question just appeared: "Niet samenvoegen" takes the focus (once).
    plain_merge_focus: bool,
    waker: Arc<dyn Waker>,
    commands: Vec<Command>,
    /// Called once after the first frame (the startup benchmark uses it).
    pub on_first_frame: Option<Box<dyn FnOnce()>>,
    /// Show an exported PDF in the system's viewer (off in tests).
    pub open_exports: bool,
    /// Quitting was confirmed (everything is on disk, or the user chose to give it up).
    quitting: bool,
    /// The new-inspection form, kept on disk while it is filled in.
    form_draft: FormDraft,
    /// The overview of sneltoetsen is open ("?", Shift+F1 or the "Sneltoetsen" button).
    pub shortcuts_open: bool,
    /// The overview just opened: its close button takes the focus (once).
    shortcuts_focus: bool,
}

/// Keeps what is typed in the new-inspection form in a small file in the config directory
/// (there is no inspection file yet), written by its own thread at most every 250 ms, restored
/// at the next start, removed once the inspection is created or the form is gone.
struct FormDraft {
    tx: std::sync::mpsc::Sender<Option<String>>,
    written: Option<String>,
    at: Option<Instant>,
    /// A new inspection was asked for from the form: remove the draft once it is open.
    creating: bool,
}

impl FormDraft {
    const FILE: &'static str = "concept-nieuw-onderzoek.json";

    fn start(dirs: &AppDirs) -> FormDraft {
        let path = dirs.config.join(Self::FILE);
        let (tx, rx) = std::sync::mpsc::channel::<Option<String>>();
        let writer_path = path.clone();
        // Without the thread the form still works; it is only not kept across a crash.
        let _ = std::thread::Builder::new()
            .name("veldtoets: formulier".into())
            .spawn(move || {
                while let Ok(mut latest) = rx.recv() {
                    // Only the newest text matters.
                    while let Ok(newer) = rx.try_recv() {
                        latest = newer;
                    }
                    let _ = match latest {
                        Some(text) => writer_path
                            .parent()
                            .map_or(Ok(()), std::fs::create_dir_all)
                            .and_then(|()| {
                                crate::fsutil::write_atomic(&writer_path, text.as_bytes())
                            }),
                        None => std::fs::remove_file(&writer_path),
                    };
                }
            });
        FormDraft {
            tx,
            written: None,
            at: None,
            creating: false,
        }
    }

    /// The form left by an earlier run that stopped before the inspection was created. Read
    /// once at start-up, like the preferences.
    fn restore(dirs: &AppDirs) -> Option<screens::start::NewForm> {
        let text = std::fs::read_to_string(dirs.config.join(Self::FILE)).ok()?;
        screens::start::NewForm::from_draft(&text)
    }

    /// Sends the form's text when it changed (at most every 250 ms); `None` removes the file.
    /// Returns when to look again if a write waits.
    fn sync(&mut self, text: Option<String>, now: Instant) -> Option<std::time::Duration> {
        if text == self.written {
            return None;
        }
        let throttle = std::time::Duration::from_millis(250);
        if let Some(at) = self.at
            && text.is_some()
            && now.duration_since(at) < throttle
        {
            return Some(throttle - now.duration_since(at));
        }
        let _ = self.tx.send(text.clone());
        self.written = text;
        self.at = Some(now);
        None
    }
}

impl App {
    /// A new app on the start screen. `waker` wakes the UI when background work finishes.
    pub fn new(dirs: AppDirs, waker: Arc<dyn Waker>) -> App {
        let prefs = Prefs::load(&dirs);
        let mut start = screens::start::StartState::new(&prefs, dirs.documents.clone());
        let mut form_draft = FormDraft::start(&dirs);
        if let Some(form) = FormDraft::restore(&dirs) {
            form_draft.written = form.draft_text();
            start.new_form = Some(Box::new(form));
        }
        App {
            view: View::Start(start),
            jobs: Jobs::new(waker.clone()),
            dirs,
            prefs,
            chooser: None,
            dialog: None,
            prompt: None,
            plain_merge: None,
            plain_merge_focus: false,
            waker,
            commands: Vec::new(),
            on_first_frame: None,
            open_exports: true,
            quitting: false,
            form_draft,
            shortcuts_open: false,
            shortcuts_focus: false,
        }
    }

    /// Starts opening `path` (used for `veldtoets open FILE`).
    pub fn open(&mut self, path: PathBuf) {
        self.commands.push(Command::Open(path));
    }

    /// Queues a command, applied after the next frame is drawn (as if a screen pushed it).
    pub fn command(&mut self, cmd: Command) {
        self.commands.push(cmd);
    }

    /// The workspace, when an inspection is open.
    pub fn workspace(&self) -> Option<&Workspace> {
        match &self.view {
            View::Inspection(ws, _) => Some(ws),
            View::Start(_) => None,
        }
    }

    pub fn workspace_mut(&mut self) -> Option<&mut Workspace> {
        match &mut self.view {
            View::Inspection(ws, _) => Some(ws),
            View::Start(_) => None,
        }
    }

    /// The screens' state, when an inspection is open.
    pub fn screens(&self) -> Option<&Screens> {
        match &self.view {
            View::Inspection(_, screens) => Some(screens),
            View::Start(_) => None,
        }
    }

    pub fn screens_mut(&mut self) -> Option<&mut Screens> {
        match &mut self.view {
            View::Inspection(_, screens) => Some(screens),
            View::Start(_) => None,
        }
    }

    /// One frame: poll, draw, apply commands.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.intercept_quit(&ctx);
        self.poll(&ctx);
        if self.prompt.is_some() || self.plain_merge.is_some() {
            // Drawn first, like the overview of sneltoetsen: its field and buttons take the
            // keys, nothing under it reacts to one (not even "?" or F1).
            self.show_prompt(&ctx);
            self.show_plain_merge(&ctx);
            ctx.input_mut(|i| {
                i.events
                    .retain(|e| !matches!(e, egui::Event::Key { .. } | egui::Event::Text(_)));
            });
        }
        self.help_keys(&ctx);
        if self.shortcuts_open {
            // Drawn first: it takes its own keys (Esc, Tab, Enter on its button), and nothing
            // under it reacts to a key while it is open.
            self.show_shortcuts(&ctx);
            ctx.input_mut(|i| {
                i.events
                    .retain(|e| !matches!(e, egui::Event::Key { .. } | egui::Event::Text(_)));
            });
        }
        self.global_keys(&ctx);
        self.name_window(&ctx);

        let mut cmds = std::mem::take(&mut self.commands);
        match &mut self.view {
            View::Start(state) => {
                screens::start::show(ui, state, &self.prefs, &self.jobs, &mut cmds);
            }
            View::Inspection(ws, screens) => {
                screens::inspection::show(ui, ws, screens, &self.jobs, &mut cmds);
            }
        }
        if let Some(chooser) = &mut self.chooser {
            chooser.show(&ctx, &mut cmds);
        }
        self.show_closing(&ctx, &mut cmds);
        self.show_dialog(&ctx, &mut cmds);
        self.show_progress(&ctx);
        // Every focusable element shows that it has the focus.
        super::widgets::focus_ring(&ctx);

        for cmd in cmds {
            self.apply(cmd, &ctx);
        }
        self.sync_form_draft(&ctx);

        // Keep ticking while drafts wait for their idle save, or background work runs.
        if let Some(ws) = self.workspace()
            && (ws.has_dirty_drafts() || ws.store.pending() || ws.closing.is_some())
        {
            ctx.request_repaint_after(std::time::Duration::from_millis(250));
        }
        if self.jobs.is_busy() {
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
        if let Some(f) = self.on_first_frame.take() {
            f();
        }
    }

    fn poll(&mut self, ctx: &egui::Context) {
        for output in self.jobs.poll() {
            self.finished(output, ctx);
        }
        if let View::Inspection(ws, _) = &mut self.view {
            ws.store.poll();
            for target in ws.due_drafts(Instant::now()) {
                ws.commit_draft(&target);
            }
            for input in ws.due_inputs() {
                // Refusals are at the field or in the notice.
                let _ = ws.commit_input(&input);
            }
            // Typed text reaches the disk as a draft a few times a second while typing.
            if let Some(wait) = ws.persist_drafts(Instant::now()) {
                ctx.request_repaint_after(wait);
            }
        }
        self.progress_close(ctx);
    }

    /// "?" (outside a text field) and Shift+F1 open or close the overview of sneltoetsen, on
    /// every screen. Shift+F1 is taken before F1 (Overzicht), which would match it too.
    fn help_keys(&mut self, ctx: &egui::Context) {
        let f1 = ctx.input_mut(|i| shortcuts::HELP_F1.consume(i));
        let question = !ctx.text_edit_focused() && ctx.input_mut(|i| shortcuts::HELP.consume(i));
        if f1 || question {
            self.toggle_shortcuts();
        }
    }

    fn toggle_shortcuts(&mut self) {
        self.shortcuts_open = !self.shortcuts_open;
        self.shortcuts_focus = self.shortcuts_open;
    }

    /// The name a screen reader gives the window: "veldtoets — <organisatie>" while an
    /// inspection is open (AccessKit's root node; the window title names the file).
    fn name_window(&self, ctx: &egui::Context) {
        let name = match &self.view {
            View::Inspection(ws, screens) => format!(
                "veldtoets — {} — {}",
                ws.inspection.organisatie(),
                screens.current.title()
            ),
            View::Start(_) => "veldtoets — startscherm".to_string(),
        };
        ctx.accesskit_node_builder(egui::accesskit_root_id(), |node| node.set_label(name));
    }

    /// The overview of every sneltoets, grouped per screen (from [`shortcuts::groups`], the
    /// table the handlers use), each group a table for a screen reader. Esc, "?" and Shift+F1
    /// close it.
    fn show_shortcuts(&mut self, ctx: &egui::Context) {
        let current = self.screens().map(|s| s.current);
        let height = (ctx.content_rect().height() - 190.0).max(160.0);
        let focus = std::mem::take(&mut self.shortcuts_focus);
        let modal = egui::Modal::new(egui::Id::unique("veldtoets-sneltoetsen")).show(ctx, |ui| {
            ui.set_width(680.0_f32.min(ctx.content_rect().width() - 60.0));
            ui.horizontal(|ui| {
                ui.label(RichText::new("Sneltoetsen").heading().strong());
                super::widgets::muted(ui, "Esc, ? of Shift+F1 sluit dit overzicht");
            });
            ui.add_space(4.0);
            egui::ScrollArea::vertical()
                .id_salt("sneltoetsen")
                .max_height(height)
                .auto_shrink([false, true])
                .show(ui, |ui| {
                    for group in shortcuts::groups() {
                        let here = group.screen.is_some() && group.screen == current;
                        let title = if here {
                            format!("{} — dit scherm", group.title)
                        } else {
                            group.title.clone()
                        };
                        super::widgets::heading(ui, &title);
                        let grid = egui::Grid::new(("sneltoetsen", group.title.as_str()))
                            .striped(true)
                            .num_columns(2)
                            .min_col_width(170.0)
                            .spacing([16.0, 4.0]);
                        super::widgets::table(ui, &group.title, 2, grid, |ui, table| {
                            table.header_row(ui, &["Toetsen", "Wat het doet"]);
                            for entry in &group.entries {
                                let mut row = table.row(ui);
                                // Fixed widths for every group, so the tables line up.
                                let keys = RichText::new(entry.keys_text()).monospace().strong();
                                row.cell(ui, |ui| column(ui, 200.0, keys));
                                row.cell(ui, |ui| column(ui, 420.0, entry.what.as_str().into()));
                                row.end(ui);
                            }
                        });
                    }
                });
            ui.add_space(8.0);
            let close = ui.button("Sneltoetsen sluiten");
            if focus {
                close.request_focus();
            }
            close.clicked()
        });
        if modal.inner || modal.should_close() {
            self.shortcuts_open = false;
        }
    }

    fn global_keys(&mut self, ctx: &egui::Context) {
        let View::Inspection(ws, screens) = &self.view else {
            return;
        };
        if ctx.input_mut(|i| shortcuts::FLASH.consume(i)) {
            self.commands.push(Command::OpenFlash);
        }
        if screens.flash.open {
            return;
        }
        for screen in Screen::ALL {
            if ctx.input_mut(|i| i.consume_key(Modifiers::NONE, screen.key())) {
                self.commands.push(Command::Goto(screen));
            }
        }
        // The Conflicten screen is only there while there is something to resolve.
        let conflicts = ws.derived.to_resolve() > 0;
        if (conflicts || screens.current == Screen::Conflicten)
            && ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Screen::Conflicten.key()))
        {
            self.commands.push(Command::Goto(Screen::Conflicten));
        }
    }

    fn finished(&mut self, output: JobOutput, ctx: &egui::Context) {
        match output {
            JobOutput::Opened {
                path,
                store,
                inspection,
                report,
                read_only,
                passphrase,
            } => {
                if std::mem::take(&mut self.form_draft.creating) {
                    // The form became an inspection: its draft is done with, and its folder
                    // is where the next new inspection goes by default.
                    self.form_draft.sync(None, Instant::now());
                    self.prefs.new_dir = std::path::absolute(&path)
                        .ok()
                        .and_then(|p| p.parent().map(Path::to_path_buf));
                }
                self.prefs.remember(&path);
                self.save_prefs();
                let handle = StoreHandle::start(*store, path.clone(), self.waker.clone());
                // No name given yet: edits wait for it, and it is asked before the first one.
                let inspector = self.prefs.inspecteur.trim().to_string();
                let mut ws = if read_only {
                    Workspace::new_read_only(*inspection, handle, &inspector, path.clone())
                } else {
                    Workspace::new(*inspection, handle, &inspector, path.clone())
                };
                ws.passphrase = passphrase;
                let screens = Screens::new(&mut ws);
                if let Some((version, backup)) = report.migrated_from {
                    ws.notice = Some(format!(
                        "Dit bestand is bijgewerkt van bestandsversie {version} naar {}. Een reservekopie staat in {}.",
                        crate::store::CURRENT_VERSION,
                        backup.display()
                    ));
                }
                let title = format!(
                    "veldtoets — {} ({})",
                    ws.inspection.organisatie(),
                    file_name(&path)
                );
                self.view = View::Inspection(Box::new(ws), Box::new(screens));
                ctx.send_viewport_cmd(egui::ViewportCommand::Title(title));
            }
            JobOutput::Listing { dir, entries } => {
                if let Some(chooser) = &mut self.chooser {
                    chooser.listing(dir, entries);
                }
            }
            JobOutput::Picked { purpose, paths } => {
                if purpose.many() && !paths.is_empty() {
                    self.commands.push(Command::ChosenMany(purpose, paths));
                } else if let Some(path) = paths.into_iter().next() {
                    self.commands.push(Command::Chosen(purpose, path));
                }
            }
            JobOutput::Written {
                path,
                what,
                opened,
                plain,
            } => {
                let mut message = if opened {
                    format!(
                        "Opgeslagen in {} en geopend in de PDF-lezer.",
                        path.display()
                    )
                } else {
                    format!("Opgeslagen in {}.", path.display())
                };
                if plain {
                    message.push(' ');
                    message.push_str(PLAIN_EXPORT);
                }
                self.dialog = Some(Dialog {
                    title: what,
                    message,
                });
            }
            JobOutput::PassphraseNeeded {
                path,
                wrong,
                purpose,
            } => {
                self.prompt = Some(PassphrasePrompt::new(path, purpose, wrong));
            }
            JobOutput::ConceptWritten {
                path,
                on,
                hash,
                text,
            } => self.concept_written(path, on, hash, text),
            JobOutput::OverzichtBuilt {
                files,
                model,
                encrypted,
            } => {
                if let View::Start(state) = &mut self.view {
                    state.overzicht = Some(Box::new(screens::landelijk::LandelijkState {
                        files,
                        model: *model,
                        encrypted,
                    }));
                }
            }
            JobOutput::PlainMergeAsked { unlocking } => {
                self.plain_merge = Some(unlocking);
                self.plain_merge_focus = true;
            }
            JobOutput::Merged {
                summary,
                inspection,
                plain_from_encrypted,
            } => {
                let mut message = format!(
                    "{} samengevoegd. {}",
                    super::types::count(summary.sources.len() as u64, "bestand", "bestanden"),
                    summary.message(&inspection)
                );
                if !summary.conflicts.is_empty() || !summary.record_conflicts.is_empty() {
                    message.push_str(
                        " Kies per conflict welke versie geldt, of combineer ze, bij Conflicten (F7). Tot een conflict is opgelost telt het niet mee en is het eindoordeel voorlopig.",
                    );
                }
                if plain_from_encrypted {
                    message.push_str(
                        " Let op: dit onderzoeksbestand is niet versleuteld; wat uit een versleutelde kopie is samengevoegd, staat er nu onversleuteld in.",
                    );
                }
                if let View::Inspection(ws, _) = &mut self.view {
                    ws.replace_model(*inspection);
                }
                self.dialog = Some(Dialog {
                    title: "Samengevoegd".into(),
                    message,
                });
            }
            JobOutput::CopySaved { path } => {
                let closing = self.workspace().and_then(|ws| ws.closing);
                let mut message = format!(
                    "Een volledige kopie van het onderzoek, met alle wijzigingen die hier niet konden worden opgeslagen, staat in {}.",
                    path.display()
                );
                if closing.is_some() {
                    message.push_str(" Open die kopie om verder te werken.");
                    self.finish_close(ctx);
                } else {
                    message.push_str(" Het geopende bestand kan nog steeds niet worden geschreven: sluit het en open de kopie om verder te werken.");
                }
                self.dialog = Some(Dialog {
                    title: "Kopie opgeslagen".into(),
                    message,
                });
            }
            JobOutput::Failed { title, message } => {
                self.form_draft.creating = false;
                if let View::Inspection(_, screens) = &mut self.view {
                    screens.wederhoor.sending = false;
                }
                self.dialog = Some(Dialog { title, message });
            }
        }
    }

    fn save_prefs(&mut self) {
        if let Err(e) = self.prefs.save(&self.dirs) {
            self.dialog = Some(Dialog {
                title: "Voorkeuren niet opgeslagen".into(),
                message: format!(
                    "De voorkeuren (recente bestanden, uw naam) konden niet worden bewaard: {e}. Uw onderzoeksgegevens zijn niet geraakt."
                ),
            });
        }
    }

    fn apply(&mut self, cmd: Command, ctx: &egui::Context) {
        match cmd {
            Command::Open(path) => {
                self.close_inspection();
                self.chooser = None;
                self.jobs.spawn(
                    format!("{} openen", file_name(&path)),
                    worker::open_job(path, None),
                );
            }
            Command::New {
                path,
                kader,
                organisatie,
                passphrase,
            } => {
                self.chooser = None;
                self.form_draft.creating = true;
                let inspector = self.prefs.inspector_name();
                // The default folder (the documents folder) is made when it is not there yet.
                let default_dir = match &self.view {
                    View::Start(state) => Some(state.default_dir.clone()),
                    View::Inspection(..) => None,
                };
                let make_dir = default_dir.filter(|d| path.parent() == Some(d.as_path()));
                self.jobs
                    .spawn(format!("{} aanmaken", file_name(&path)), move |progress| {
                        progress.report("kader laden…");
                        let framework = match &kader {
                            KaderChoice::Builtin(id) => kader_io::resolve(id),
                            KaderChoice::File(p) => kader_io::load_path(p),
                        };
                        let framework = match framework {
                            Ok(f) => f,
                            Err(e) => {
                                return JobOutput::Failed {
                                    title: "Kader kan niet worden gebruikt".into(),
                                    message: e.to_string(),
                                };
                            }
                        };
                        progress.report("bestand aanmaken…");
                        if let Some(dir) = &make_dir
                            && let Err(e) = std::fs::create_dir_all(dir)
                        {
                            return JobOutput::Failed {
                                title: "Onderzoek niet aangemaakt".into(),
                                message: format!(
                                    "De map {} kon niet worden gemaakt: {}. Kies een andere plek.",
                                    dir.display(),
                                    crate::fsutil::io_error_text(&e)
                                ),
                            };
                        }
                        let stamp = crate::domain::inspection::Stamp::now();
                        // The only holder by now: taken over, not copied.
                        let passphrase = passphrase.map(|p| {
                            std::sync::Arc::try_unwrap(p).unwrap_or_else(|p| p.duplicate())
                        });
                        // The store is closed again at once: the open below takes the file.
                        let created = match &passphrase {
                            Some(passphrase) => Store::create_encrypted(
                                &path,
                                &framework,
                                &organisatie,
                                &inspector,
                                stamp,
                                passphrase,
                            ),
                            None => {
                                Store::create(&path, &framework, &organisatie, &inspector, stamp)
                            }
                        }
                        .map(drop);
                        if let Err(e) = created {
                            return JobOutput::Failed {
                                title: "Onderzoek niet aangemaakt".into(),
                                message: e.to_string(),
                            };
                        }
                        worker::open_job(path, passphrase)(progress)
                    });
            }
            Command::Demo(kader) => {
                let dir = self.dirs.data.clone();
                let name = format!(
                    "demo-{kader}-{}.veldtoets",
                    jiff::Zoned::now().strftime("%Y%m%d-%H%M%S")
                );
                self.jobs.spawn("Demo-onderzoek maken", move |progress| {
                    progress.report("demo-onderzoek aanmaken…");
                    let path = dir.join(name);
                    let made = std::fs::create_dir_all(&dir)
                        .map_err(anyhow::Error::from)
                        .and_then(|()| demo::create_for(&path, kader));
                    match made {
                        Ok((store, inspection)) => JobOutput::Opened {
                            path,
                            store: Box::new(store),
                            inspection: Box::new(inspection),
                            report: Default::default(),
                            read_only: false,
                            passphrase: None,
                        },
                        Err(e) => JobOutput::Failed {
                            title: "Demo-onderzoek niet aangemaakt".into(),
                            message: format!("{e:#}"),
                        },
                    }
                });
            }
            Command::ShowChooser(purpose) => {
                let start = match (&self.view, purpose) {
                    // A new inspection: where new inspections go (not where the last file
                    // opened, such as a demo, happened to be).
                    (View::Start(state), FilePurpose::NewFile) if state.default_dir.is_dir() => {
                        Some(state.default_dir.clone())
                    }
                    _ => None,
                }
                .or_else(|| self.prefs.last_dir.clone().filter(|d| d.is_dir()))
                .unwrap_or_else(|| self.dirs.documents.clone());
                let mut chooser = screens::file_chooser::FileChooser::new(purpose, start.clone());
                if purpose == FilePurpose::Merge
                    && let Some(ws) = self.workspace()
                {
                    // The open file is not one of the copies to merge into it.
                    chooser = chooser.excluding(&ws.path);
                }
                self.chooser = Some(chooser);
                self.commands.push(Command::ListDir(start));
            }
            Command::ListDir(dir) => {
                let ext = self.chooser.as_ref().and_then(|c| c.purpose.extension());
                self.jobs.spawn("map lezen", move |_| JobOutput::Listing {
                    entries: worker::list_dir(&dir, ext),
                    dir,
                });
            }
            Command::SystemDialog(purpose) => {
                let start = self.chooser.as_ref().map(|c| c.dir.clone());
                self.jobs.spawn("systeemvenster", move |_| {
                    let mut dialog = rfd::FileDialog::new().set_title(purpose.title());
                    if let Some(ext) = purpose.extension() {
                        dialog = dialog.add_filter(ext, &[ext]);
                    }
                    if let Some(dir) = start {
                        dialog = dialog.set_directory(dir);
                    }
                    let paths = if purpose.saving() {
                        dialog
                            .set_file_name(purpose.default_name())
                            .save_file()
                            .into_iter()
                            .collect()
                    } else if purpose.many() {
                        dialog.pick_files().unwrap_or_default()
                    } else {
                        dialog.pick_file().into_iter().collect()
                    };
                    JobOutput::Picked { purpose, paths }
                });
            }
            Command::Chosen(purpose, path) => {
                self.chooser = None;
                if let Some(dir) = path.parent() {
                    self.prefs.last_dir = Some(dir.to_path_buf());
                }
                match purpose {
                    FilePurpose::Open => self.commands.push(Command::Open(path)),
                    FilePurpose::NewFile | FilePurpose::KaderFile => {
                        if let View::Start(state) = &mut self.view {
                            state.chosen(purpose, path);
                        }
                    }
                    FilePurpose::ExportPdf { concept } => self.export_pdf(path, concept),
                    FilePurpose::SendConcept => {
                        if let View::Inspection(_, screens) = &mut self.view {
                            screens.wederhoor.concept_path_chosen(path);
                        }
                    }
                    FilePurpose::Merge => self.merge(vec![path]),
                    FilePurpose::SaveCopy => self.save_copy(path),
                    FilePurpose::Overzicht => self.build_overzicht(vec![path]),
                    FilePurpose::OverzichtPdf => self.export_overzicht(path),
                }
            }
            Command::ChosenMany(purpose, paths) => {
                self.chooser = None;
                match purpose {
                    FilePurpose::Merge => self.merge(paths),
                    FilePurpose::Overzicht => self.build_overzicht(paths),
                    _ => {}
                }
            }
            Command::CloseChooser => self.chooser = None,
            Command::CloseOverzicht => {
                if let View::Start(state) = &mut self.view {
                    state.overzicht = None;
                }
            }
            Command::CloseInspection => {
                if let View::Inspection(ws, screens) = &mut self.view {
                    screens.flush_inputs(ws);
                    ws.commit_all_drafts();
                    ws.closing = Some(Closing::Inspection);
                }
                self.progress_close(ctx);
            }
            Command::CloseDiscarding => self.finish_close(ctx),
            Command::SetInspector(name) => {
                if let View::Inspection(ws, screens) = &mut self.view
                    && ws.needs_name()
                {
                    // Asked before the first edit: what waited for the name goes ahead now.
                    ws.set_inspector(&name);
                    screens.name_input.clear();
                    if ws.closing.is_some() {
                        // Closing waited for the name: the typed text becomes a revision now.
                        ws.commit_all_drafts();
                    }
                    if screens.flash.open {
                        // Back to where the typing starts.
                        screens.flash.focus_first = true;
                    }
                    self.commands.append(&mut screens.held);
                    ctx.request_repaint();
                }
                self.prefs.inspecteur = name;
                self.save_prefs();
            }
            Command::DeclineName => {
                if let View::Inspection(ws, screens) = &mut self.view {
                    screens.held.clear();
                    screens.name_input.clear();
                    if screens.flash.open {
                        screens::flash::discard(ws, &mut screens.flash);
                    }
                    ws.discard_unnamed_drafts();
                    ws.notice = Some(
                        "Niets vastgelegd: zonder naam wordt er niets gewijzigd. Zodra u iets wijzigt, wordt uw naam opnieuw gevraagd.".into(),
                    );
                }
                ctx.data_mut(|d| d.remove::<bool>(screens::inspection::name_asked()));
            }
            Command::SetDark(dark) => {
                self.prefs.dark = dark;
                super::theme::apply(ctx, dark);
                self.save_prefs();
            }
            Command::DismissDialog => self.dialog = None,
            Command::ToggleShortcuts => self.toggle_shortcuts(),
            Command::CommitInput(input) => {
                if let View::Inspection(ws, screens) = &mut self.view
                    && let Err(Refused::Conflicted(kind, entity)) = ws.commit_input(&input)
                {
                    // Two versions: the choice opens (the notice says why).
                    screens.show_conflict(ws, kind, &entity);
                }
            }
            Command::SendConcept { on, path } => {
                if let View::Inspection(ws, screens) = &mut self.view
                    && ws.needs_name()
                {
                    // Recorded under the inspector's name: asked first, sent after.
                    screens.held.push(Command::SendConcept { on, path });
                    ws.name_wanted = true;
                } else {
                    self.send_concept(on, path);
                }
            }
            other => {
                if let View::Inspection(ws, screens) = &mut self.view {
                    screens::inspection::apply(ws, screens, other);
                }
            }
        }
    }

    /// Renders the rapport on a worker and writes it atomically; then shows it.
    /// Builds the landelijk overzicht of `files` on a worker (the files are only read).
    pub fn build_overzicht(&mut self, files: Vec<PathBuf>) {
        if files.is_empty() {
            return;
        }
        self.jobs.spawn(
            "landelijk overzicht maken",
            worker::overzicht_job(Unlocking::new(files, Keyring::new()), None),
        );
    }

    /// Writes the landelijk overzicht shown to `path` as PDF, never over one of its files.
    pub fn export_overzicht(&mut self, path: PathBuf) {
        let View::Start(state) = &self.view else {
            return;
        };
        let Some(overzicht) = &state.overzicht else {
            return;
        };
        let model = overzicht.model.clone();
        let sources = overzicht.files.clone();
        let plain = overzicht.encrypted;
        let open_after = self.open_exports;
        self.jobs
            .spawn("landelijk overzicht opslaan", move |progress| {
                progress.report("PDF maken…");
                let bytes = match crate::overzicht::pdf(&model, jiff::Zoned::now().date()) {
                    Ok(bytes) => bytes,
                    Err(e) => {
                        return JobOutput::Failed {
                            title: "Landelijk overzicht niet gemaakt".into(),
                            message: e.to_string(),
                        };
                    }
                };
                progress.report("opslaan…");
                let inputs: Vec<&std::path::Path> = sources.iter().map(PathBuf::as_path).collect();
                if let Err(e) = crate::fsutil::write_output(&path, &inputs, &bytes) {
                    return JobOutput::Failed {
                        title: "Landelijk overzicht niet opgeslagen".into(),
                        message: e.to_string(),
                    };
                }
                let opened = open_after && worker::open_in_viewer(&path);
                JobOutput::Written {
                    path,
                    what: "Landelijk overzicht opgeslagen".into(),
                    opened,
                    plain,
                }
            });
    }

    fn export_pdf(&mut self, path: PathBuf, concept: bool) {
        let View::Inspection(ws, _) = &mut self.view else {
            return;
        };
        ws.commit_all_drafts();
        let inspection = ws.inspection.clone();
        let source = ws.path.clone();
        let plain = ws.encrypted();
        let what = if concept {
            "Conceptrapport"
        } else {
            "Definitief rapport"
        };
        let open_after = self.open_exports;
        self.jobs.spawn(format!("{what} maken"), move |progress| {
            let report_progress = |share: f32| progress.report(format!("{:.0}%", share * 100.0));
            let options = crate::report::ReportOptions::new(concept, jiff::Zoned::now().date())
                .with_progress(&report_progress);
            let bytes = match crate::report::pdf(&inspection, &options) {
                Ok(bytes) => bytes,
                Err(e) => {
                    return JobOutput::Failed {
                        title: "Rapport niet gemaakt".into(),
                        message: e.to_string(),
                    };
                }
            };
            progress.report("opslaan…");
            // Never over the inspection itself (or any other inspection file).
            if let Err(e) = crate::fsutil::write_output(&path, &[source.as_path()], &bytes) {
                return JobOutput::Failed {
                    title: "Rapport niet opgeslagen".into(),
                    message: e.to_string(),
                };
            }
            let opened = open_after && worker::open_in_viewer(&path);
            JobOutput::Written {
                path,
                what: format!("{what} opgeslagen"),
                opened,
                plain,
            }
        });
    }

    /// "Concept verzenden": renders the conceptrapport as it reads once sent on `on`, writes it
    /// to `path` on a worker (through the output guard), and records the step only when the PDF
    /// is on disk ([`App::concept_written`]). A refusal of the domain (open privacy findings,
    /// vastgesteld) is shown on the Wederhoor screen and nothing is written.
    fn send_concept(&mut self, on: jiff::civil::Date, path: PathBuf) {
        let View::Inspection(ws, screens) = &mut self.view else {
            return;
        };
        ws.commit_all_drafts();
        let stamp = crate::domain::inspection::Stamp::now();
        // The rapport as it reads once sent ("verzonden op …"): the step applied to a copy.
        let step =
            match ws
                .inspection
                .send_concept(on, String::new(), String::new(), ws.author, stamp)
            {
                Ok(step) => step,
                Err(refused) => {
                    screens.wederhoor.refused(refused.0);
                    return;
                }
            };
        let mut sent = ws.inspection.clone();
        sent.apply(step);
        let source = ws.path.clone();
        let open_after = self.open_exports;
        screens.wederhoor.sending = true;
        self.jobs.spawn("Conceptrapport maken", move |progress| {
            progress.report("rapport opmaken…");
            let model = crate::report::build(&sent, &crate::report::ReportOptions::new(true, on));
            let bytes = match crate::report::render_pdf(&model) {
                Ok(bytes) => bytes,
                Err(e) => {
                    return JobOutput::Failed {
                        title: "Concept niet verzonden".into(),
                        message: format!(
                            "Het conceptrapport kon niet worden gemaakt: {e}. Er is niets vastgelegd."
                        ),
                    };
                }
            };
            progress.report("opslaan…");
            // Never over the inspection itself (or any other inspection file).
            if let Err(e) = crate::fsutil::write_output(&path, &[source.as_path()], &bytes) {
                return JobOutput::Failed {
                    title: "Concept niet verzonden".into(),
                    message: format!(
                        "{e}. Het conceptrapport is niet geschreven en de verzending is niet vastgelegd."
                    ),
                };
            }
            if open_after {
                worker::open_in_viewer(&path);
            }
            use sha2::Digest;
            let hash = sha2::Sha256::digest(&bytes)
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            JobOutput::ConceptWritten {
                path,
                on,
                hash,
                text: model.plain_text(),
            }
        });
    }

    /// The conceptrapport is on disk: now record it as sent.
    fn concept_written(
        &mut self,
        path: PathBuf,
        on: jiff::civil::Date,
        hash: String,
        text: String,
    ) {
        let View::Inspection(ws, screens) = &mut self.view else {
            return;
        };
        let step = ws.inspection.send_concept(
            on,
            hash,
            text,
            ws.author,
            crate::domain::inspection::Stamp::now(),
        );
        let date = crate::domain::termijn::format_date_nl(on);
        match ws.take_step(step) {
            Ok(()) => {
                screens.wederhoor.concept_sent();
                let mut message = format!(
                    "Het conceptrapport staat in {} en is vastgelegd als verzonden op {date}.",
                    path.display()
                );
                if ws.encrypted() {
                    message.push(' ');
                    message.push_str(PLAIN_EXPORT);
                }
                self.dialog = Some(Dialog {
                    title: "Concept verzonden".into(),
                    message,
                });
            }
            Err(reasons) => {
                screens.wederhoor.sending = false;
                self.dialog = Some(Dialog {
                    title: "Verzending NIET vastgelegd".into(),
                    message: format!(
                        "Het conceptrapport staat in {}, maar de verzending is niet vastgelegd: {}. Verstuur het pas nadat het verzenden opnieuw is gelukt.",
                        path.display(),
                        reasons.join("; ")
                    ),
                });
            }
        }
    }

    /// Merges colleagues' copies into the open file, on the store thread, while the UI waits.
    fn merge(&mut self, sources: Vec<PathBuf>) {
        let View::Inspection(ws, _) = &mut self.view else {
            return;
        };
        // The open file itself is never a copy to merge into it (a system dialog may offer it).
        let open = std::path::absolute(&ws.path).unwrap_or_else(|_| ws.path.clone());
        let sources: Vec<PathBuf> = sources
            .into_iter()
            .filter(|s| std::path::absolute(s).map_or(true, |s| s != open))
            .collect();
        if sources.is_empty() {
            self.dialog = Some(Dialog {
                title: "Niet samengevoegd".into(),
                message: "U koos het geopende onderzoek zelf. Kies de bestanden van collega's die u erin wilt samenvoegen.".into(),
            });
            return;
        }
        ws.commit_all_drafts();
        // The open file's passphrase first: colleagues' copies usually share it.
        let keyring = ws
            .passphrase
            .as_ref()
            .map_or_else(Keyring::new, |p| Keyring::with(p.duplicate()));
        self.spawn_merge(Unlocking::new(sources, keyring), None, false);
    }

    /// The merge itself, on a worker: first the passphrase of every encrypted copy (the ones
    /// known tried first; one none opens is asked for, between two jobs, and the merge goes on
    /// from that copy with `given`), then the merge on the store thread while the UI waits.
    /// Encrypted copies go into a plain open file only with `allow_plain` (the user agreed):
    /// otherwise the job checks the copies as the merge would, and asks only when they pass.
    fn spawn_merge(
        &mut self,
        mut unlocking: Unlocking,
        given: Option<Passphrase>,
        allow_plain: bool,
    ) {
        let Some(ws) = self.workspace() else {
            return;
        };
        let Some(access) = ws.store.access() else {
            return;
        };
        let plain_target = !ws.encrypted();
        self.jobs.spawn_blocking("Samenvoegen", move |progress| {
            match unlocking.unlock(given, progress) {
                Ok(None) => {}
                Ok(Some(wrong)) => {
                    let path = unlocking
                        .current()
                        .map(Path::to_path_buf)
                        .unwrap_or_default();
                    return JobOutput::PassphraseNeeded {
                        path,
                        wrong,
                        purpose: PassphraseFor::Merge(unlocking),
                    };
                }
                Err(e) => {
                    return merge_failed(&e);
                }
            }
            if unlocking.encrypted && plain_target && !allow_plain {
                // Ask only about a merge that can happen: the copies get the checks the merge
                // makes before writing (a copy of another onderzoek is refused without asking).
                let reporter = progress.clone();
                let checked = access.run(move |store| {
                    let refs: Vec<&Path> = unlocking.files.iter().map(PathBuf::as_path).collect();
                    let result =
                        store.check_merge_sources_with(&refs, &unlocking.keyring, &mut |step| {
                            reporter.report(merge_step(&step))
                        });
                    (result, unlocking)
                });
                return match checked {
                    Some((Ok(()), unlocking)) => JobOutput::PlainMergeAsked { unlocking },
                    Some((Err(e), _)) => merge_failed(&e),
                    None => merge_failed(&UNSAVED_FIRST),
                };
            }
            let Unlocking {
                files: sources,
                keyring,
                encrypted,
                ..
            } = unlocking;
            let reporter = progress.clone();
            let result = access.run(move |store| {
                let refs: Vec<&Path> = sources.iter().map(PathBuf::as_path).collect();
                store.merge_from_with(&refs, &keyring, &mut |step| {
                    reporter.report(merge_step(&step))
                })
            });
            match result {
                Some(Ok(outcome)) => JobOutput::Merged {
                    summary: outcome.summary,
                    inspection: Box::new(outcome.inspection),
                    plain_from_encrypted: encrypted && plain_target,
                },
                Some(Err(e)) => merge_failed(&e),
                None => merge_failed(&UNSAVED_FIRST),
            }
        });
    }

    /// The passphrase dialog, and what follows from the answer: the job that asked goes on with
    /// the passphrase (the dialog comes back while it is wrong), or stops.
    fn show_prompt(&mut self, ctx: &egui::Context) {
        let Some(prompt) = &mut self.prompt else {
            return;
        };
        let Some(answer) = prompt.show(ctx) else {
            return;
        };
        let Some(prompt) = self.prompt.take() else {
            return;
        };
        let PassphrasePrompt { path, purpose, .. } = prompt;
        match (answer, purpose) {
            (Answer::Given(passphrase), PassphraseFor::Open) => {
                self.jobs.spawn(
                    format!("{} openen", file_name(&path)),
                    worker::open_job(path, Some(passphrase)),
                );
            }
            (Answer::Given(passphrase), PassphraseFor::Merge(unlocking)) => {
                self.spawn_merge(unlocking, Some(passphrase), false);
            }
            (Answer::Given(passphrase), PassphraseFor::Overzicht(unlocking)) => {
                self.jobs.spawn(
                    "landelijk overzicht maken",
                    worker::overzicht_job(unlocking, Some(passphrase)),
                );
            }
            (Answer::Cancelled, PassphraseFor::Merge(_)) => {
                if let Some(ws) = self.workspace_mut() {
                    ws.notice = Some(format!(
                        "Niet samengevoegd: zonder het wachtwoord van '{}' is er niets samengevoegd. Het geopende onderzoek is niet gewijzigd.",
                        file_name(&path)
                    ));
                }
            }
            // Nothing was opened or read: the screen stays as it was.
            (Answer::Cancelled, PassphraseFor::Open | PassphraseFor::Overzicht(_)) => {}
        }
    }

    /// Keeps the new-inspection form on disk while it is filled in (see [`FormDraft`]).
    fn sync_form_draft(&mut self, ctx: &egui::Context) {
        let View::Start(state) = &self.view else {
            return;
        };
        if self.form_draft.creating && self.jobs.is_busy() {
            return;
        }
        let text = state.new_form.as_ref().and_then(|f| f.draft_text());
        if let Some(wait) = self.form_draft.sync(text, Instant::now()) {
            ctx.request_repaint_after(wait);
        }
    }

    /// Writes a complete copy with every pending edit to `path`, on the store thread.
    fn save_copy(&mut self, path: PathBuf) {
        let Some(access) = self.workspace().and_then(|ws| ws.store.access()) else {
            return;
        };
        self.jobs.spawn("Kopie opslaan", move |progress| {
            progress.report("kopie schrijven…");
            match access.save_copy(path.clone()) {
                Ok(()) => JobOutput::CopySaved { path },
                Err(e) => JobOutput::Failed {
                    title: "Kopie niet opgeslagen".into(),
                    message: format!(
                        "{e}. Er is niets verloren: de wijzigingen staan nog in het geheugen; kies een andere plek of probeer het opnieuw."
                    ),
                },
            }
        });
    }

    /// Quitting with edits not yet on disk: stay open, save them first (or show why not).
    fn intercept_quit(&mut self, ctx: &egui::Context) {
        if self.quitting || !ctx.input(|i| i.viewport().close_requested()) {
            return;
        }
        if let View::Inspection(ws, screens) = &mut self.view {
            screens.flush_inputs(ws);
            ws.commit_all_drafts();
            if ws.store.pending() || !ws.drafts_durable() {
                ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
                ws.closing = Some(Closing::App);
            }
        }
    }

    /// Closes the inspection (or quits) once every write is on disk; while writes fail, the
    /// closing dialog stays with the error and the ways out.
    fn progress_close(&mut self, ctx: &egui::Context) {
        let Some(ws) = self.workspace() else {
            return;
        };
        if ws.closing.is_some() && !ws.store.pending() && ws.drafts_durable() {
            self.finish_close(ctx);
        }
    }

    /// Closes the open inspection now (what could not be written is given up: only after the
    /// user chose so, or once everything is on disk).
    fn finish_close(&mut self, ctx: &egui::Context) {
        let quit = self.workspace().and_then(|ws| ws.closing) == Some(Closing::App);
        self.close_inspection();
        ctx.send_viewport_cmd(egui::ViewportCommand::Title("veldtoets".into()));
        if quit {
            self.quitting = true;
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }

    /// Closes the file (the store thread finishes its writes first) and shows the start screen.
    pub fn close_inspection(&mut self) {
        if let View::Inspection(ws, screens) = &mut self.view {
            screens.flush_inputs(ws);
            ws.commit_all_drafts();
            ws.store.close();
            self.view = View::Start(screens::start::StartState::new(
                &self.prefs,
                self.dirs.documents.clone(),
            ));
        }
    }

    /// The dialog while closing waits for writes, or cannot finish because they fail.
    fn show_closing(&mut self, ctx: &egui::Context, cmds: &mut Vec<Command>) {
        let View::Inspection(ws, _) = &self.view else {
            return;
        };
        if ws.closing.is_none() || self.chooser.is_some() || self.jobs.is_busy() {
            return;
        }
        if ws.needs_name() && ws.name_wanted {
            // Typed text waits for the name: the question is shown instead (a name, or "niets
            // wijzigen", lets the closing finish).
            return;
        }
        let failing = match &ws.store.state {
            Some(SaveState::Failing { error, waiting, .. }) if ws.store.pending() => {
                Some((error.clone(), *waiting))
            }
            _ => None,
        };
        egui::Modal::new(egui::Id::unique("veldtoets-sluiten")).show(ctx, |ui| {
            ui.set_max_width(520.0);
            let Some((error, waiting)) = failing else {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label(RichText::new("Opslaan voor het sluiten…").strong());
                });
                return;
            };
            ui.label(
                RichText::new("Niet alles is opgeslagen")
                    .heading()
                    .strong(),
            );
            ui.add_space(8.0);
            let what = match waiting {
                0 => "Getypte tekst kon".to_string(),
                1 => "1 wijziging kon".to_string(),
                n => format!("{n} wijzigingen konden"),
            };
            ui.label(format!(
                "{what} niet worden opgeslagen: {error}. Het onderzoek blijft open zodat er niets verloren gaat. Maak ruimte vrij en kies \"Opnieuw proberen\", of sla een volledige kopie op een andere plek op (bijvoorbeeld een USB-stick)."
            ));
            ui.add_space(12.0);
            ui.horizontal_wrapped(|ui| {
                let retry = ui.button("Opnieuw proberen");
                retry.request_focus();
                if retry.clicked() {
                    cmds.push(Command::RetrySave);
                }
                if ui.button("Opslaan als…").clicked() {
                    cmds.push(Command::ShowChooser(FilePurpose::SaveCopy));
                }
                if ui.button("Terug naar het onderzoek").clicked()
                    || ui.input(|i| i.key_pressed(Key::Escape))
                {
                    cmds.push(Command::CancelClose);
                }
            });
            ui.add_space(8.0);
            if ui
                .button(
                    RichText::new("Toch sluiten en deze wijzigingen weggooien").color(super::widgets::RED),
                )
                .clicked()
            {
                cmds.push(Command::CloseDiscarding);
            }
        });
    }

    /// The question before encrypted copies go into the open, plain file. "Niet samenvoegen"
    /// has the focus (Enter) and is what Escape does; merging needs a deliberate choice.
    fn show_plain_merge(&mut self, ctx: &egui::Context) {
        if self.plain_merge.is_none() {
            return;
        }
        let mut merge = None;
        egui::Modal::new(egui::Id::unique("veldtoets-onversleuteld-samenvoegen")).show(ctx, |ui| {
            ui.set_max_width(480.0);
            ui.label(
                RichText::new("Versleutelde kopie in een onversleuteld onderzoek?")
                    .heading()
                    .strong(),
            );
            ui.add_space(8.0);
            ui.label(PLAIN_MERGE_QUESTION);
            ui.add_space(12.0);
            ui.horizontal(|ui| {
                let no = ui.button("Niet samenvoegen");
                if std::mem::take(&mut self.plain_merge_focus) {
                    no.request_focus();
                }
                if no.clicked() || ui.input(|i| i.key_pressed(Key::Escape)) {
                    merge = Some(false);
                }
                if ui.button("Toch onversleuteld samenvoegen").clicked() {
                    merge = Some(true);
                }
            });
        });
        match merge {
            Some(true) => {
                if let Some(unlocking) = self.plain_merge.take() {
                    self.spawn_merge(unlocking, None, true);
                }
            }
            Some(false) => {
                self.plain_merge = None;
                if let Some(ws) = self.workspace_mut() {
                    ws.notice = Some(
                        "Niet samengevoegd: het geopende onderzoek is niet gewijzigd. Versleutel het eerst (veldtoets versleutel BESTAND) en voeg dan samen.".into(),
                    );
                }
            }
            None => {}
        }
    }

    fn show_dialog(&mut self, ctx: &egui::Context, cmds: &mut Vec<Command>) {
        let Some(dialog) = &self.dialog else {
            return;
        };
        egui::Modal::new(egui::Id::unique("veldtoets-dialog")).show(ctx, |ui| {
            ui.set_max_width(480.0);
            ui.label(RichText::new(&dialog.title).heading().strong());
            ui.add_space(8.0);
            ui.label(&dialog.message);
            ui.add_space(12.0);
            let ok = ui.button("OK");
            ok.request_focus();
            if ok.clicked() || ui.input(|i| i.key_pressed(Key::Escape)) {
                cmds.push(Command::DismissDialog);
            }
        });
    }

    fn show_progress(&self, ctx: &egui::Context) {
        if let Some(job) = self.jobs.running.iter().find(|r| r.blocking) {
            egui::Modal::new(egui::Id::unique("veldtoets-bezig")).show(ctx, |ui| {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label(RichText::new(&job.title).strong());
                });
                ui.label(&job.progress);
            });
            return;
        }
        let visible: Vec<_> = self
            .jobs
            .running
            .iter()
            .filter(|r| r.started.elapsed().as_millis() > 150)
            .collect();
        if visible.is_empty() {
            return;
        }
        egui::Area::new(egui::Id::unique("veldtoets-progress"))
            .anchor(egui::Align2::CENTER_BOTTOM, egui::vec2(0.0, -40.0))
            .show(ctx, |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    for job in visible {
                        ui.horizontal(|ui| {
                            ui.spinner();
                            ui.label(format!("{}: {}", job.title, job.progress));
                        });
                    }
                });
            });
    }
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.close_inspection();
    }
}

/// A cell of the overview of sneltoetsen: `width` wide, the text wrapped in it.
fn column(ui: &mut egui::Ui, width: f32, text: RichText) {
    ui.set_min_width(width);
    ui.set_max_width(width);
    ui.add(egui::Label::new(text).wrap());
}

/// Why a merge did not happen, in the app's error dialog; the open file is unchanged.
fn merge_failed(why: &dyn std::fmt::Display) -> JobOutput {
    JobOutput::Failed {
        title: "Niet samengevoegd".into(),
        message: format!("{why}. Het geopende onderzoek is niet gewijzigd."),
    }
}

/// Why a merge waits: the store thread is gone, or earlier writes are failing.
const UNSAVED_FIRST: &str = "Er zijn wijzigingen die nog niet konden worden opgeslagen; los dat eerst op (zie de statusregel) en probeer het opnieuw";

fn merge_step(step: &crate::store::MergeProgress) -> String {
    use crate::store::MergeProgress as P;
    match step {
        P::Creating { source } => format!("kopie maken van {}", file_name(source)),
        P::Checking {
            index,
            total,
            source,
        } => {
            format!("controleren {}/{}: {}", index + 1, total, file_name(source))
        }
        P::Reading {
            index,
            total,
            source,
        } => {
            format!("lezen {}/{}: {}", index + 1, total, file_name(source))
        }
        P::Writing => "samenvoegen en opslaan…".into(),
        P::Loading => "controleren van het resultaat…".into(),
    }
}
