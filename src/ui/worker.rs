//! Everything slow or touching the disk runs here, off the UI thread.
//!
//! - [`Jobs`] runs one-off work (open, create, demo, directory listings, file dialogs, exports)
//!   on background threads; each reports progress and a result over a channel and wakes the UI
//!   with `request_repaint`.
//! - [`StoreHandle`] owns the open file on its own thread, behind the small [`Backend`] trait
//!   (the real [`Store`], or a failing or slow stand-in in tests). The UI applies an edit to its
//!   in-memory model at once and sends the revision here; the thread writes every operation in
//!   the order sent, each in its own committed transaction (no batching: one edit is one
//!   transaction, and an operation made of several revisions, like merging two dossiers with the
//!   same number, is one transaction too, all or nothing), and reports how far it got. A failed write stops the queue (later edits may build on it), is kept and retried,
//!   never dropped; "opgeslagen" is only reported for what is on disk.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::thread::JoinHandle;
use std::time::Instant;

use uuid::Uuid;

use jiff::Timestamp;

use crate::domain::draft::StoredDraft;
use crate::domain::inspection::{Change, Inspection};
use crate::store::{FileKind, Keyring, OpenReport, Passphrase, Store, StoreError, Unlock};

use super::types::FilePurpose;

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
        /// The file can only be read (write-protected, or on a read-only share).
        read_only: bool,
        /// The passphrase of an encrypted file, kept in memory only (a merge tries it on
        /// colleagues' copies first); `None` for a plain file.
        passphrase: Option<Passphrase>,
    },
    /// An encrypted file needs a passphrase none known opens (`wrong`: the one just given did
    /// not): the app asks for it and continues `purpose` with it.
    PassphraseNeeded {
        path: PathBuf,
        wrong: bool,
        purpose: PassphraseFor,
    },
    /// A file was written as a copy of the open inspection with every pending edit ("opslaan
    /// als…" while the open file cannot be written).
    CopySaved {
        path: PathBuf,
    },
    /// A directory listing for the in-app file chooser.
    Listing {
        dir: PathBuf,
        entries: Result<Vec<DirEntry>, String>,
    },
    /// The system file dialog returned (None: cancelled or no dialog available).
    Picked {
        purpose: FilePurpose,
        paths: Vec<PathBuf>,
    },
    /// A file was written (export); `opened` says whether it was handed to the system viewer,
    /// `plain` that it holds, unencrypted, what was read from an encrypted inspection file.
    Written {
        path: PathBuf,
        what: String,
        opened: bool,
        plain: bool,
    },
    /// The conceptrapport to send was written to `path`: record it as sent on `on` with the
    /// PDF's SHA-256 and the rapport's text (only now, with the file on disk).
    ConceptWritten {
        path: PathBuf,
        on: jiff::civil::Date,
        hash: String,
        text: String,
    },
    /// Every copy to merge is unlocked, some are encrypted, and the open file is not: the app
    /// asks before their content goes into it unencrypted, and merges (with `unlocking`) only
    /// when the user says so.
    PlainMergeAsked {
        unlocking: Unlocking,
    },
    /// Sources were merged into the open inspection.
    Merged {
        summary: crate::store::MergeSummary,
        inspection: Box<Inspection>,
        /// An encrypted copy was merged into a plain file (after the user agreed): its content
        /// is now unencrypted.
        plain_from_encrypted: bool,
    },
    /// The landelijk overzicht of `files` was built (the files only read); `encrypted`: some of
    /// them are encrypted (a PDF of the overzicht is not).
    OverzichtBuilt {
        files: Vec<PathBuf>,
        model: Box<crate::overzicht::Overzicht>,
        encrypted: bool,
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

/// What a passphrase is asked for, and everything needed to go on once it is given.
pub enum PassphraseFor {
    /// Opening the file (again, with the passphrase).
    Open,
    /// Merging colleagues' copies into the open file.
    Merge(Unlocking),
    /// The landelijk overzicht of several files.
    Overzicht(Unlocking),
}

/// Several files (a merge, a landelijk overzicht) whose passphrases are being found: colleagues
/// usually share one, so each passphrase known is tried on every encrypted file before anyone
/// is asked again (a [`Keyring`], in memory only).
pub struct Unlocking {
    pub files: Vec<PathBuf>,
    pub keyring: Keyring,
    /// The files before this one are plain or unlocked.
    pub next: usize,
    /// One of the files unlocked so far is encrypted.
    pub encrypted: bool,
}

impl Unlocking {
    pub fn new(files: Vec<PathBuf>, keyring: Keyring) -> Unlocking {
        Unlocking {
            files,
            keyring,
            next: 0,
            encrypted: false,
        }
    }

    /// The file to unlock next (the one asked for, when a passphrase is needed).
    pub fn current(&self) -> Option<&Path> {
        self.files.get(self.next).map(PathBuf::as_path)
    }

    /// Finds the passphrase of every file from [`Unlocking::next`] on, with `given` (just typed
    /// for the current file) first. Returns `Some(wrong)` when the current file needs a
    /// passphrase the keyring does not hold (`wrong`: `given` does not open it either), `None`
    /// once every file is plain or unlocked. Only reads the files (a key derivation each).
    pub fn unlock(
        &mut self,
        given: Option<Passphrase>,
        progress: &Progress,
    ) -> Result<Option<bool>, StoreError> {
        if let (Some(passphrase), Some(path)) = (given, self.current()) {
            progress.report("wachtwoord controleren…");
            let path = path.to_path_buf();
            if !self.keyring.add_for(&path, passphrase)? {
                return Ok(Some(true));
            }
        }
        while let Some(path) = self.files.get(self.next) {
            progress.report(format!(
                "versleuteling controleren {}/{}: {}",
                self.next + 1,
                self.files.len(),
                super::types::file_name(path)
            ));
            match self.keyring.unlock(path)? {
                Unlock::Plain => {}
                Unlock::Unlocked => self.encrypted = true,
                Unlock::Locked => return Ok(Some(false)),
            }
            self.next += 1;
        }
        Ok(None)
    }
}

/// Opens an inspection file: detect, then lock, migrate and load; an encrypted one with
/// `passphrase`, or, without one (or with a wrong one), the app is asked for it
/// ([`JobOutput::PassphraseNeeded`]). A file that cannot be written is opened read-only.
pub fn open_job(
    path: PathBuf,
    passphrase: Option<Passphrase>,
) -> impl FnOnce(&Progress) -> JobOutput + Send + 'static {
    move |progress| {
        progress.report("bestand controleren…");
        match crate::store::detect(&path) {
            Ok(FileKind::Encrypted) if passphrase.is_none() => {
                return JobOutput::PassphraseNeeded {
                    path,
                    wrong: false,
                    purpose: PassphraseFor::Open,
                };
            }
            Ok(_) => {}
            Err(e) => {
                return JobOutput::Failed {
                    title: "Bestand kan niet worden geopend".into(),
                    message: e.to_string(),
                };
            }
        }
        progress.report(if passphrase.is_some() {
            "wachtwoord controleren, openen en inlezen…"
        } else {
            "openen en inlezen…"
        });
        let key = passphrase.as_ref();
        let opened = match Store::open_with(&path, key) {
            Ok((store, inspection, report)) => Ok((store, inspection, report, false)),
            Err(StoreError::ReadOnly(_)) => {
                progress.report("alleen-lezen openen…");
                Store::open_read_only_with(&path, key)
                    .map(|(store, inspection)| (store, inspection, OpenReport::default(), true))
            }
            Err(e) => Err(e),
        };
        match opened {
            Ok((store, inspection, report, read_only)) => {
                // Kept only for a file that needs it.
                let passphrase = passphrase.filter(|_| store.is_encrypted());
                JobOutput::Opened {
                    path,
                    store: Box::new(store),
                    inspection: Box::new(inspection),
                    report,
                    read_only,
                    passphrase,
                }
            }
            Err(StoreError::WrongPassphrase(_) | StoreError::Encrypted(_)) => {
                JobOutput::PassphraseNeeded {
                    wrong: passphrase.is_some(),
                    path,
                    purpose: PassphraseFor::Open,
                }
            }
            Err(e) => JobOutput::Failed {
                title: "Bestand kan niet worden geopend".into(),
                message: e.to_string(),
            },
        }
    }
}

/// Reads the files of `unlocking` (read-only: nothing in them changes) and builds their
/// landelijk overzicht. Encrypted files are opened with the passphrase found for each (one
/// shared by several files is asked once); a file none opens is asked for
/// ([`JobOutput::PassphraseNeeded`], with `given` the passphrase just typed for it).
pub fn overzicht_job(
    mut unlocking: Unlocking,
    given: Option<Passphrase>,
) -> impl FnOnce(&Progress) -> JobOutput + Send + 'static {
    move |progress| {
        let failed = |message: String| JobOutput::Failed {
            title: "Landelijk overzicht niet gemaakt".into(),
            message,
        };
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
                    purpose: PassphraseFor::Overzicht(unlocking),
                };
            }
            Err(e) => return failed(e.to_string()),
        }
        let Unlocking {
            files,
            keyring,
            encrypted,
            ..
        } = unlocking;
        let mut loaded = Vec::with_capacity(files.len());
        for (i, path) in files.iter().enumerate() {
            progress.report(format!("bestand {} van {} lezen…", i + 1, files.len()));
            match Store::open_read_only_with(path, keyring.passphrase_for(path)) {
                Ok((_, inspection)) => loaded.push((path.as_path(), inspection)),
                Err(e) => return failed(format!("'{}': {e}", path.display())),
            }
        }
        drop(keyring);
        progress.report("overzicht maken…");
        let inputs: Vec<(&Path, &Inspection)> = loaded.iter().map(|(p, i)| (*p, i)).collect();
        match crate::overzicht::build(&inputs) {
            Ok(model) => JobOutput::OverzichtBuilt {
                files,
                model: Box::new(model),
                encrypted,
            },
            Err(e) => failed(e.to_string()),
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
        // A passphrase veldtoets was started with is none of the viewer's business.
        .env_remove(crate::store::PASSPHRASE_ENV)
        .env_remove(crate::store::NEW_PASSPHRASE_ENV)
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

/// What the store thread needs of the open file. [`Store`] is the real one; tests put failing,
/// slow or full-disk stand-ins behind it.
pub trait Backend: Send + 'static {
    /// Stores a revision and removes the drafts it settles, in one committed transaction.
    fn append(&mut self, change: &Change, settles: &[String]) -> Result<(), String>;
    /// Stores several revisions in one committed transaction: all or nothing. By default through
    /// [`Backend::store`] (stand-ins that wrap a real store get it for free); one without a
    /// store refuses.
    fn append_all(&mut self, changes: &[Change]) -> Result<(), String> {
        match self.store() {
            Some(store) => store.append_all(changes).map_err(|e| e.to_string()),
            None => Err(STOPPED.to_string()),
        }
    }
    fn save_draft(&mut self, draft: &StoredDraft) -> Result<(), String>;
    fn clear_draft(&mut self, key: &str) -> Result<(), String>;
    fn add_inspector(&mut self, id: Uuid, name: &str) -> Result<(), String>;
    /// Writes a complete copy of the file to `path` (which must not exist), plus `pending`.
    fn save_copy(&mut self, path: &Path, pending: &[Op]) -> Result<(), String>;
    /// The real store, for work that needs all of it (a merge).
    fn store(&mut self) -> Option<&mut Store>;
}

impl Backend for Store {
    fn append(&mut self, change: &Change, settles: &[String]) -> Result<(), String> {
        self.append_settling(change, settles)
            .map_err(|e| e.to_string())
    }

    fn append_all(&mut self, changes: &[Change]) -> Result<(), String> {
        Store::append_all(self, changes).map_err(|e| e.to_string())
    }

    fn save_draft(&mut self, draft: &StoredDraft) -> Result<(), String> {
        Store::save_draft(self, &draft.key, &draft.text, draft.author, draft.at)
            .map_err(|e| e.to_string())
    }

    fn clear_draft(&mut self, key: &str) -> Result<(), String> {
        Store::clear_draft(self, key).map_err(|e| e.to_string())
    }

    fn add_inspector(&mut self, id: Uuid, name: &str) -> Result<(), String> {
        Store::add_inspector(self, id, name).map_err(|e| e.to_string())
    }

    fn save_copy(&mut self, path: &Path, pending: &[Op]) -> Result<(), String> {
        let mut copy = self.copy_to(path).map_err(|e| e.to_string())?;
        match pending.iter().try_for_each(|op| op.run(&mut copy.store)) {
            Ok(()) => copy.finish().map(|_| ()).map_err(|e| e.to_string()),
            Err(e) => {
                copy.abandon();
                Err(e)
            }
        }
    }

    fn store(&mut self) -> Option<&mut Store> {
        Some(self)
    }
}

/// Work to run on the store thread with the open file (e.g. a merge into it).
pub type StoreTask = Box<dyn FnOnce(&mut dyn Backend) + Send>;

/// One write, in the order the UI sent it.
#[derive(Debug, Clone)]
pub enum Op {
    Append {
        change: Box<Change>,
        settles: Vec<String>,
    },
    /// Several revisions that belong together (one operation), in one transaction.
    AppendAll(Vec<Change>),
    SaveDraft(StoredDraft),
    ClearDraft(String),
    AddInspector(Uuid, String),
}

impl Op {
    fn run(&self, backend: &mut dyn Backend) -> Result<(), String> {
        match self {
            Op::Append { change, settles } => backend.append(change, settles),
            Op::AppendAll(changes) => backend.append_all(changes),
            Op::SaveDraft(draft) => backend.save_draft(draft),
            Op::ClearDraft(key) => backend.clear_draft(key),
            Op::AddInspector(id, name) => backend.add_inspector(*id, name),
        }
    }

    /// How many of the edits the status bar counts this op is (drafts are not edits).
    fn edits(&self) -> usize {
        match self {
            Op::Append { .. } => 1,
            Op::AppendAll(changes) => changes.len(),
            Op::SaveDraft(_) | Op::ClearDraft(_) | Op::AddInspector(..) => 0,
        }
    }
}

enum StoreMsg {
    Write(u64, Op),
    Retry,
    /// Writes a copy with everything pending (reply: the result).
    SaveCopy(PathBuf, Sender<Result<(), String>>),
    /// Runs after everything sent before it has been written.
    With(StoreTask),
}

/// A way for a background job to run work on the store thread.
#[derive(Clone)]
pub struct StoreAccess(Sender<StoreMsg>);

impl StoreAccess {
    /// Runs `task` on the store thread once every earlier write is on disk, and waits for its
    /// result. `None` if the store thread has stopped or earlier writes are failing.
    pub fn run<T: Send + 'static>(
        &self,
        task: impl FnOnce(&mut Store) -> T + Send + 'static,
    ) -> Option<T> {
        let (tx, rx) = channel();
        let task: StoreTask = Box::new(move |backend| {
            if let Some(store) = backend.store() {
                let _ = tx.send(task(store));
            }
        });
        self.0.send(StoreMsg::With(task)).ok()?;
        rx.recv().ok()
    }

    /// Writes a complete copy of the open file, with every write still waiting, to `path`.
    pub fn save_copy(&self, path: PathBuf) -> Result<(), String> {
        let (tx, rx) = channel();
        self.0
            .send(StoreMsg::SaveCopy(path, tx))
            .map_err(|_| STOPPED.to_string())?;
        rx.recv().map_err(|_| STOPPED.to_string())?
    }
}

const STOPPED: &str = "de opslag is gestopt; sluit het onderzoek en open het opnieuw";

/// What the store thread reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveState {
    /// Every write up to and including sequence number `upto` is on disk.
    Saved { at: Instant, upto: u64 },
    /// Writes after `upto` are not on disk: the error, and how many edits (not counting drafts)
    /// wait.
    Failing {
        error: String,
        upto: u64,
        waiting: usize,
    },
}

/// The open inspection file, owned by its own thread.
pub struct StoreHandle {
    tx: Option<Sender<StoreMsg>>,
    rx: Receiver<SaveState>,
    thread: Option<JoinHandle<()>>,
    /// Sequence number of the last write sent.
    sent: u64,
    /// Every write up to this sequence number is on disk.
    confirmed: u64,
    pub state: Option<SaveState>,
    pub path: PathBuf,
}

impl StoreHandle {
    pub fn start(
        store: impl Backend,
        path: PathBuf,
        waker: std::sync::Arc<dyn Waker>,
    ) -> StoreHandle {
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

    /// Sends a revision to be committed, removing the drafts it settles in the same transaction.
    pub fn append(&mut self, change: Change, settles: Vec<String>) -> u64 {
        self.write(Op::Append {
            change: Box::new(change),
            settles,
        })
    }

    /// Sends revisions that belong together (one operation) to be committed in one transaction.
    pub fn append_all(&mut self, changes: Vec<Change>) -> u64 {
        self.write(Op::AppendAll(changes))
    }

    /// Sends a draft to be written; returns its sequence number.
    pub fn save_draft(&mut self, key: String, text: String, author: Uuid, at: Timestamp) -> u64 {
        self.write(Op::SaveDraft(StoredDraft {
            key,
            text,
            author,
            at,
        }))
    }

    pub fn clear_draft(&mut self, key: String) -> u64 {
        self.write(Op::ClearDraft(key))
    }

    pub fn add_inspector(&mut self, id: Uuid, name: &str) -> u64 {
        self.write(Op::AddInspector(id, name.to_string()))
    }

    pub fn retry(&mut self) {
        if let Some(tx) = &self.tx {
            let _ = tx.send(StoreMsg::Retry);
        }
    }

    /// Access for a background job, or `None` once closed.
    pub fn access(&self) -> Option<StoreAccess> {
        self.tx.clone().map(StoreAccess)
    }

    fn write(&mut self, op: Op) -> u64 {
        self.sent += 1;
        let seq = self.sent;
        let delivered = self
            .tx
            .as_ref()
            .is_some_and(|tx| tx.send(StoreMsg::Write(seq, op)).is_ok());
        if !delivered {
            self.state = Some(SaveState::Failing {
                error: STOPPED.into(),
                upto: self.confirmed,
                waiting: 1,
            });
        }
        seq
    }

    /// Collects reports from the store thread.
    pub fn poll(&mut self) {
        while let Ok(state) = self.rx.try_recv() {
            match &state {
                SaveState::Saved { upto, .. } | SaveState::Failing { upto, .. } => {
                    self.confirmed = self.confirmed.max(*upto);
                }
            }
            self.state = Some(state);
        }
    }

    /// Whether the write with this sequence number is on disk.
    pub fn is_durable(&self, seq: u64) -> bool {
        seq <= self.confirmed
    }

    /// Writes not yet confirmed.
    pub fn pending(&self) -> bool {
        self.confirmed < self.sent
    }

    /// Whether writes are failing (the status bar shows the error).
    pub fn failing(&self) -> bool {
        matches!(self.state, Some(SaveState::Failing { .. })) && self.pending()
    }

    /// Stops the thread after it has written everything it can, and closes the file. Only call
    /// when nothing is pending (the app waits for that), so this does not wait on the disk.
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
    mut backend: impl Backend,
    rx: Receiver<StoreMsg>,
    tx: Sender<SaveState>,
    waker: std::sync::Arc<dyn Waker>,
) {
    // Writes not yet on disk, in order; a failure stops at the first one.
    let mut queue: std::collections::VecDeque<(u64, Op)> = std::collections::VecDeque::new();
    let mut done: u64 = 0;
    let report = |state: SaveState| {
        if tx.send(state).is_ok() {
            waker.wake();
        }
    };
    let mut flush = |backend: &mut dyn Backend,
                     queue: &mut std::collections::VecDeque<(u64, Op)>| {
        let mut wrote = false;
        while let Some((seq, op)) = queue.front() {
            // A draft superseded by a later draft of the same field needs no write of its own.
            let superseded = matches!(op, Op::SaveDraft(d) if queue.iter().skip(1).any(
                |(_, later)| matches!(later, Op::SaveDraft(l) if l.key == d.key)
                    || matches!(later, Op::ClearDraft(k) if *k == d.key)
            ));
            let result = if superseded { Ok(()) } else { op.run(backend) };
            match result {
                Ok(()) => {
                    done = *seq;
                    wrote = true;
                    queue.pop_front();
                }
                Err(error) => {
                    report(SaveState::Failing {
                        error,
                        upto: done,
                        waiting: queue.iter().map(|(_, op)| op.edits()).sum(),
                    });
                    return false;
                }
            }
        }
        if wrote {
            report(SaveState::Saved {
                at: Instant::now(),
                upto: done,
            });
        }
        true
    };
    while let Ok(first) = rx.recv() {
        // Take what else is already queued, so a draft superseded by a later one is skipped;
        // each edit is still its own transaction.
        let mut batch = vec![first];
        batch.extend(rx.try_iter());
        for msg in batch {
            match msg {
                StoreMsg::Write(seq, op) => queue.push_back((seq, op)),
                StoreMsg::Retry => {}
                StoreMsg::SaveCopy(path, reply) => {
                    flush(&mut backend, &mut queue);
                    let pending: Vec<Op> = queue.iter().map(|(_, op)| op.clone()).collect();
                    let _ = reply.send(backend.save_copy(&path, &pending));
                }
                StoreMsg::With(task) => {
                    // A task (a merge) replaces the app's model with the file's content, so it
                    // only runs when every earlier write is on disk; otherwise it is dropped
                    // and its job reports that.
                    if flush(&mut backend, &mut queue) {
                        task(&mut backend);
                    }
                }
            }
        }
        flush(&mut backend, &mut queue);
    }
    // The UI closed the channel: a last attempt for anything still waiting.
    if !queue.is_empty() {
        flush(&mut backend, &mut queue);
    }
}
