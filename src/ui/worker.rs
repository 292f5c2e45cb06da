//! Everything slow or touching the disk runs here, off the UI thread.
//!
//! - [`Jobs`] runs one-off work (open, create, demo, directory listings, file dialogs, exports)
//!   on background threads; each reports progress and a result over a channel and wakes the UI
//!   with `request_repaint`.
//! - [`StoreHandle`] owns the open [`Store`] on its own thread. The UI applies an edit to its
//!   in-memory model at once and sends the revision here; the thread commits it and reports back.
//!   A failed write is kept and retried, never dropped.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::thread::JoinHandle;
use std::time::Instant;

use uuid::Uuid;

use crate::domain::inspection::{Change, Inspection};
use crate::store::{OpenReport, Store};

/// Something that can wake the UI (an `egui::Context`, or nothing in tests).
pub trait Waker: Send + Sync + 'static {
    fn wake(&self);
}

impl Waker for eframe::egui::Context {
    fn wake(&self) {
        self.request_repaint();
    }
}

/// The result of a background job.
pub enum JobOutput {
    /// An inspection file was opened (or created) and loaded.
    Opened {
        path: PathBuf,
        store: Box<Store>,
        inspection: Box<Inspection>,
        report: OpenReport,
    },
    /// A directory listing for the in-app file chooser.
    Listing {
        dir: PathBuf,
        entries: Result<Vec<DirEntry>, String>,
    },
    /// The system file dialog returned (None: cancelled or no dialog available).
    Picked {
        purpose: super::commands::FilePurpose,
        paths: Vec<PathBuf>,
    },
    /// A file was written (export); `opened` says whether it was handed to the system viewer.
    Written {
        path: PathBuf,
        what: String,
        opened: bool,
    },
    /// Sources were merged into the open inspection.
    Merged {
        summary: crate::store::MergeSummary,
        inspection: Box<Inspection>,
    },
    Failed {
        title: String,
        message: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DirEntry {
    pub name: String,
    pub path: PathBuf,
    pub is_dir: bool,
}

enum JobEvent {
    Progress(u64, String),
    Finished(u64, JobOutput),
}

/// A job still running, as the UI shows it.
#[derive(Debug, Clone)]
pub struct Running {
    pub id: u64,
    pub title: String,
    pub progress: String,
    pub started: Instant,
    /// The user must wait for it (e.g. a merge replaces the open inspection): the UI blocks
    /// input with a progress dialog.
    pub blocking: bool,
}

/// Background jobs.
pub struct Jobs {
    tx: Sender<JobEvent>,
    rx: Receiver<JobEvent>,
    waker: std::sync::Arc<dyn Waker>,
    next_id: u64,
    pub running: Vec<Running>,
}

/// Passed to a job so it can report progress.
#[derive(Clone)]
pub struct Progress {
    id: u64,
    tx: Sender<JobEvent>,
    waker: std::sync::Arc<dyn Waker>,
}

impl Progress {
    pub fn report(&self, text: impl Into<String>) {
        // The UI may be gone (closing); then nobody needs the progress.
        if self
            .tx
            .send(JobEvent::Progress(self.id, text.into()))
            .is_ok()
        {
            self.waker.wake();
        }
    }
}

impl Jobs {
    pub fn new(waker: std::sync::Arc<dyn Waker>) -> Jobs {
        let (tx, rx) = channel();
        Jobs {
            tx,
            rx,
            waker,
            next_id: 0,
            running: Vec::new(),
        }
    }

    /// Runs `work` on a new thread.
    pub fn spawn(
        &mut self,
        title: impl Into<String>,
        work: impl FnOnce(&Progress) -> JobOutput + Send + 'static,
    ) {
        self.spawn_with(title, false, work);
    }

    /// Runs `work` on a new thread while the UI waits with a progress dialog.
    pub fn spawn_blocking(
        &mut self,
        title: impl Into<String>,
        work: impl FnOnce(&Progress) -> JobOutput + Send + 'static,
    ) {
        self.spawn_with(title, true, work);
    }

    fn spawn_with(
        &mut self,
        title: impl Into<String>,
        blocking: bool,
        work: impl FnOnce(&Progress) -> JobOutput + Send + 'static,
    ) {
        self.next_id += 1;
        let id = self.next_id;
        let title = title.into();
        self.running.push(Running {
            id,
            title: title.clone(),
            progress: String::new(),
            started: Instant::now(),
            blocking,
        });
        let progress = Progress {
            id,
            tx: self.tx.clone(),
            waker: self.waker.clone(),
        };
        std::thread::Builder::new()
            .name(format!("veldtoets: {title}"))
            .spawn(move || {
                let output = work(&progress);
                if progress.tx.send(JobEvent::Finished(id, output)).is_ok() {
                    progress.waker.wake();
                }
            })
            .expect("the OS could not start a thread");
    }

    /// Finished jobs since the last call; updates progress of running ones.
    pub fn poll(&mut self) -> Vec<JobOutput> {
        let mut done = Vec::new();
        while let Ok(event) = self.rx.try_recv() {
            match event {
                JobEvent::Progress(id, text) => {
                    if let Some(r) = self.running.iter_mut().find(|r| r.id == id) {
                        r.progress = text;
                    }
                }
                JobEvent::Finished(id, output) => {
                    self.running.retain(|r| r.id != id);
                    done.push(output);
                }
            }
        }
        done
    }

    pub fn is_busy(&self) -> bool {
        !self.running.is_empty()
    }

    pub fn is_blocked(&self) -> bool {
        self.running.iter().any(|r| r.blocking)
    }
}

/// Opens an inspection file: probe, then lock, migrate and load.
pub fn open_job(path: PathBuf) -> impl FnOnce(&Progress) -> JobOutput + Send + 'static {
    move |progress| {
        progress.report("bestand controleren…");
        if let Err(e) = crate::store::probe(&path) {
            return JobOutput::Failed {
                title: "Bestand kan niet worden geopend".into(),
                message: e.to_string(),
            };
        }
        progress.report("openen en inlezen…");
        match Store::open(&path) {
            Ok((store, inspection, report)) => JobOutput::Opened {
                path,
                store: Box::new(store),
                inspection: Box::new(inspection),
                report,
            },
            Err(e) => JobOutput::Failed {
                title: "Bestand kan niet worden geopend".into(),
                message: e.to_string(),
            },
        }
    }
}

/// Hands a file to the system's viewer (the PDF reader). Returns whether that could be started.
pub fn open_in_viewer(path: &Path) -> bool {
    let mut command = if cfg!(target_os = "windows") {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else {
        std::process::Command::new("xdg-open")
    };
    command
        .arg(path)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .is_ok()
}

/// Lists a directory for the in-app file chooser: folders and `.veldtoets` files (or all files
/// with `ext` None), sorted, hidden entries skipped.
pub fn list_dir(dir: &Path, ext: Option<&str>) -> Result<Vec<DirEntry>, String> {
    let read = std::fs::read_dir(dir)
        .map_err(|e| format!("map '{}' kan niet worden gelezen: {e}", dir.display()))?;
    let mut entries: Vec<DirEntry> = read
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                return None;
            }
            let path = e.path();
            let is_dir = path.is_dir();
            let matches = is_dir
                || ext.is_none_or(|ext| {
                    path.extension()
                        .is_some_and(|x| x.eq_ignore_ascii_case(ext))
                });
            matches.then_some(DirEntry { name, path, is_dir })
        })
        .collect();
    entries.sort_by(|a, b| {
        b.is_dir
            .cmp(&a.is_dir)
            .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
    });
    Ok(entries)
}

// ---------------------------------------------------------------------------------------------

/// Work to run on the store thread with the open file (e.g. a merge into it).
pub type StoreTask = Box<dyn FnOnce(&mut Store) + Send>;

enum StoreMsg {
    Append(Box<Change>),
    AddInspector(Uuid, String),
    Retry,
    /// Runs after everything sent before it has been written.
    With(StoreTask),
}

/// A way for a background job to run work on the store thread.
#[derive(Clone)]
pub struct StoreAccess(Sender<StoreMsg>);

impl StoreAccess {
    /// Runs `task` on the store thread (after all earlier edits are written) and waits for its
    /// result. `None` if the store thread has stopped.
    pub fn run<T: Send + 'static>(
        &self,
        task: impl FnOnce(&mut Store) -> T + Send + 'static,
    ) -> Option<T> {
        let (tx, rx) = channel();
        let task: StoreTask = Box::new(move |store| {
            let _ = tx.send(task(store));
        });
        self.0.send(StoreMsg::With(task)).ok()?;
        rx.recv().ok()
    }
}

/// What the store thread reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveState {
    /// The first `written` revisions sent are committed.
    Saved { at: Instant, written: u64 },
    /// Some revisions are not on disk yet: the error, and how many wait.
    Failing { error: String, waiting: usize },
}

/// The open inspection file, owned by its own thread.
pub struct StoreHandle {
    tx: Option<Sender<StoreMsg>>,
    rx: Receiver<SaveState>,
    thread: Option<JoinHandle<()>>,
    sent: u64,
    confirmed: u64,
    pub state: Option<SaveState>,
    pub path: PathBuf,
}

impl StoreHandle {
    pub fn start(store: Store, waker: std::sync::Arc<dyn Waker>) -> StoreHandle {
        let path = store.path().to_path_buf();
        let (tx, rx_msgs) = channel::<StoreMsg>();
        let (tx_state, rx) = channel();
        let thread = std::thread::Builder::new()
            .name("veldtoets: opslag".into())
            .spawn(move || store_thread(store, rx_msgs, tx_state, waker))
            .expect("the OS could not start a thread");
        StoreHandle {
            tx: Some(tx),
            rx,
            thread: Some(thread),
            sent: 0,
            confirmed: 0,
            state: None,
            path,
        }
    }

    /// Sends a revision to be committed.
    pub fn append(&mut self, change: Change) {
        self.send(StoreMsg::Append(Box::new(change)));
    }

    pub fn add_inspector(&mut self, id: Uuid, name: &str) {
        self.send(StoreMsg::AddInspector(id, name.to_string()));
    }

    pub fn retry(&mut self) {
        self.send(StoreMsg::Retry);
    }

    /// Access for a background job, or `None` once closed.
    pub fn access(&self) -> Option<StoreAccess> {
        self.tx.clone().map(StoreAccess)
    }

    fn send(&mut self, msg: StoreMsg) {
        let counts = matches!(msg, StoreMsg::Append(_));
        let delivered = self.tx.as_ref().is_some_and(|tx| tx.send(msg).is_ok());
        if !delivered {
            self.state = Some(SaveState::Failing {
                error: "de opslag is gestopt; sluit het onderzoek en open het opnieuw".into(),
                waiting: 1,
            });
        } else if counts {
            self.sent += 1;
        }
    }

    /// Collects reports from the store thread.
    pub fn poll(&mut self) {
        while let Ok(state) = self.rx.try_recv() {
            if let SaveState::Saved { written, .. } = state {
                self.confirmed = written;
            }
            self.state = Some(state);
        }
    }

    /// Writes not yet confirmed.
    pub fn pending(&self) -> bool {
        self.confirmed < self.sent
    }

    /// Stops the thread after it has written everything it can, and closes the file.
    pub fn close(&mut self) -> Option<SaveState> {
        self.tx = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
        self.poll();
        self.state.clone()
    }
}

impl Drop for StoreHandle {
    fn drop(&mut self) {
        self.close();
    }
}

fn store_thread(
    mut store: Store,
    rx: Receiver<StoreMsg>,
    tx: Sender<SaveState>,
    waker: std::sync::Arc<dyn Waker>,
) {
    let mut waiting: Vec<Change> = Vec::new();
    let mut inspectors: Vec<(Uuid, String)> = Vec::new();
    let mut written: u64 = 0;
    let mut flush =
        |store: &mut Store, waiting: &mut Vec<Change>, inspectors: &mut Vec<(Uuid, String)>| {
            let result = inspectors
                .iter()
                .try_for_each(|(id, name)| store.add_inspector(*id, name))
                .and_then(|()| store.append_all(waiting));
            let state = match result {
                Ok(()) => {
                    written += waiting.len() as u64;
                    waiting.clear();
                    inspectors.clear();
                    SaveState::Saved {
                        at: Instant::now(),
                        written,
                    }
                }
                Err(e) => SaveState::Failing {
                    error: e.to_string(),
                    waiting: waiting.len(),
                },
            };
            if tx.send(state).is_ok() {
                waker.wake();
            }
        };
    let mut next = rx.recv().ok();
    while let Some(msg) = next.take() {
        let mut task = None;
        match msg {
            StoreMsg::Append(change) => waiting.push(*change),
            StoreMsg::AddInspector(id, name) => inspectors.push((id, name)),
            StoreMsg::Retry => {}
            StoreMsg::With(t) => task = Some(t),
        }
        // Take whatever else is queued, so a burst of edits is one transaction; a task waits
        // until the edits sent before it are written.
        while task.is_none() {
            match rx.try_recv() {
                Ok(StoreMsg::Append(change)) => waiting.push(*change),
                Ok(StoreMsg::AddInspector(id, name)) => inspectors.push((id, name)),
                Ok(StoreMsg::Retry) => {}
                Ok(StoreMsg::With(t)) => task = Some(t),
                Err(_) => break,
            }
        }
        if !waiting.is_empty() || !inspectors.is_empty() || task.is_none() {
            flush(&mut store, &mut waiting, &mut inspectors);
        }
        // A task (a merge) replaces the app's model with the file's content, so it only runs
        // when every edit is on disk; otherwise it is dropped and its job reports that.
        if let Some(task) = task
            && waiting.is_empty()
        {
            task(&mut store);
        }
        next = rx.recv().ok();
    }
    // The UI closed the channel: a last attempt for anything still waiting.
    if !waiting.is_empty() || !inspectors.is_empty() {
        flush(&mut store, &mut waiting, &mut inspectors);
    }
}
