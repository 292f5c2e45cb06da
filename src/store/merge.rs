//! Merging inspectors' copies of one onderzoek into one file.
//!
//! Every record is a chain of immutable revisions (see [`crate::domain::inspection`]), so a merge
//! is a **union of rows**: every revision row and every `vervangt` row of every source is inserted
//! into the target unless its key is already there, so the same revision arriving twice is stored
//! once. What the union means follows from the revision DAG:
//! a record changed in one copy only gets the newer revision as its single head; a record changed
//! in two copies gets two heads, which when they disagree (different content, or one copy deleted
//! what the other edited) is a conflict — for every kind of record, not only oordelen — that
//! stays visible (unscored, not counted, never settled by clock) until someone writes a revision
//! replacing both heads ([`crate::domain::inspection::Inspection::change`] does exactly that).
//! [`MergeSummary::record_conflicts`] lists them all.
//!
//! Properties, each covered by `tests/suite/merge.rs`:
//! - **Idempotent, order-independent, associative**: a set union is all three. The only
//!   non-revision data that can differ between copies is an inspecteur's spelling of the same
//!   name (the id is derived from the normalised name); the merge keeps the smallest spelling, so
//!   that too is independent of order.
//! - **Nothing is lost**: every revision of every source is in the result.
//! - **All or nothing**: every source is checked before anything is written — the header with
//!   [`probe`], then its schema version, its onderzoek (must be the target's) and its lock — and
//!   the rows are then written in one transaction, which also reloads the result to validate it.
//!   A refused or failed merge leaves the target byte for byte as it was.
//! - **Sources are only read.** A source is attached to the target's connection and only ever
//!   read; no statement ever names it as a target. A source that may be locked is attached
//!   read-write all the same, because that is the only way SQLite reads a WAL-mode file under a
//!   lock without leaving `-wal`/`-shm` files behind (a pending `-wal` is folded into its file on
//!   detach, as on every close); the exclusive locking mode is inherited, so a source open in
//!   another veldtoets is refused ([`StoreError::InUse`]) instead of read half-written. A
//!   write-protected source (file or folder) is attached `immutable` when it has no pending WAL,
//!   else a private temporary copy of it and its WAL is read.
//! - **Older sources are read through a migrated private copy**: a colleague's copy written by
//!   an earlier veldtoets is copied (`VACUUM INTO`, into a private temporary directory) and the
//!   copy is brought up to date by the same migrations [`Store::open`] applies
//!   (`store::schema::migrate`); the source file itself is never migrated. A newer source is
//!   refused ([`StoreError::Newer`]).
//!
//! Two entry points: [`Store::merge_from`] for a file that is already open (the GUI), and
//! [`merge`] for a path, which creates a missing target from the first source (a consistent copy
//! with `VACUUM INTO` under a temporary name beside the target, merged, then renamed into place,
//! so a half-made target never appears).
//!
//! At most ten databases can be attached to one SQLite connection, so the sources are not all
//! attached at once: each is attached in turn and its rows are copied into in-memory staging
//! tables (deduplicated by key), then the staged union is written to the target in one
//! transaction.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior, params};
use thiserror::Error;

use super::schema::{CURRENT_VERSION, TABLES};
use super::{
    Keyring, Passphrase, ScratchDir, Store, StoreError, connect, detect, export_to, file_uri,
    file_writable, io_error, key_for, set_checkpoint_on_close, side_file, sqlite, temp_path,
    wal_len,
};
use uuid::Uuid;

use crate::domain::inspection::{Inspection, Kind, RecordConflict};
use crate::fsutil;

/// The schema name a source is attached under while it is read.
const SOURCE: &str = "veldtoets_bron";
/// Prefix of the in-memory staging tables (in `temp`, never in the file).
const STAGE: &str = "veldtoets_samenvoegen_";
/// The staging column saying which source a row was read from first (for error messages).
const STAGE_SOURCE: &str = "veldtoets_bron_nr";

/// Why a merge was refused or failed. In every case nothing was merged: the target is as it was
/// (or, when it was to be created, does not exist).
#[derive(Debug, Error)]
pub enum MergeError {
    /// A source or the target cannot be used (missing, garbage, truncated, foreign, newer, in
    /// use, unreadable). The message names the file.
    // Not `#[from]`: that would make the store error the `source` too, and a report of the
    // whole chain would repeat it.
    #[error("{0}. Er is niets samengevoegd")]
    Store(StoreError),
    #[error(
        "geen bronbestanden opgegeven; noem minstens één .veldtoets-bestand om samen te voegen"
    )]
    NoSources,
    /// The target cannot be written as an inspection file (e.g. it is a side file of one).
    #[error("{0}")]
    Target(fsutil::OutputRefused),
    #[error(
        "'{0}' is zowel het doel als een bron; kies als doel een ander bestand, bijvoorbeeld een nieuw teambestand. Er is niets samengevoegd"
    )]
    SameFile(PathBuf),
    #[error(
        "'{path}' hoort bij een ander onderzoek ({found}) dan '{target}' ({expected}). Alleen kopieën van hetzelfde onderzoek kunnen worden samengevoegd; er is niets samengevoegd"
    )]
    OtherOnderzoek {
        path: PathBuf,
        /// Organisation and onderzoek id of the source, e.g. "Veilig Thuis Elders, onderzoek …".
        found: String,
        target: PathBuf,
        expected: String,
    },
    #[error(
        "'{path}' heeft hetzelfde onderzoek als '{target}' maar een ander kader ({found} in plaats van {expected}): het bestand is beschadigd of buiten veldtoets bewerkt. Gebruik een andere kopie; er is niets samengevoegd"
    )]
    OtherKader {
        path: PathBuf,
        target: PathBuf,
        found: String,
        expected: String,
    },
    #[error(
        "'{path}' en '{other}' bevatten dezelfde versie ({table} {key}) met een verschillende inhoud: een van beide is beschadigd of buiten veldtoets bewerkt. Laat de beschadigde kopie weg of gebruik een reservekopie; er is niets samengevoegd"
    )]
    DivergentRevision {
        path: PathBuf,
        other: PathBuf,
        table: &'static str,
        key: String,
    },
    #[error(
        "'{path}' kan niet worden aangemaakt: {detail}. Kies een bestaande map waarin u mag schrijven; er is niets samengevoegd"
    )]
    CannotCreate { path: PathBuf, detail: String },
    #[error(
        "de samengevoegde gegevens zijn ongeldig: {detail}. '{target}' is niet gewijzigd; controleer de bronnen met `veldtoets check`"
    )]
    InvalidResult { target: PathBuf, detail: String },
}

impl From<StoreError> for MergeError {
    fn from(e: StoreError) -> Self {
        MergeError::Store(e)
    }
}

/// What a merge is doing, for a progress indicator. Sent in this order: every source is checked,
/// then every source is read, then the target is written and reloaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MergeProgress {
    /// Copying the first source to a new target (only when the target did not exist).
    Creating { source: PathBuf },
    /// Checking source `index` (from 0) of `total`: header, schema, onderzoek, lock.
    Checking {
        index: usize,
        total: usize,
        source: PathBuf,
    },
    /// Reading the revisions of source `index` of `total`.
    Reading {
        index: usize,
        total: usize,
        source: PathBuf,
    },
    /// Writing the union into the target, in one transaction.
    Writing,
    /// Reloading the target to validate the result and find the conflicts.
    Loading,
}

/// What a merge did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergeSummary {
    pub target: PathBuf,
    /// True when the target did not exist and was created from the first source.
    pub created: bool,
    /// Set when the target had an older schema and was migrated first: from which version, and
    /// where its backup was written.
    pub migrated_from: Option<(u32, PathBuf)>,
    /// The sources, in the order given.
    pub sources: Vec<PathBuf>,
    /// Rows added to the target per table, in schema order, zeros included (`onderzoek` is never
    /// added to: it must be identical in every copy). A created target counts every row of the
    /// first source as added.
    pub added: Vec<(&'static str, u64)>,
    /// The verwachtingen with an unresolved conflict after the merge, in kader order (including
    /// conflicts the target already had).
    pub conflicts: Vec<String>,
    /// Every record of every kind (oordelen included) with an unresolved conflict after the
    /// merge, with its versions ([`Inspection::all_conflicts`]; including conflicts the target
    /// already had).
    pub record_conflicts: Vec<RecordConflict>,
    /// The revisions that came in (were not in the target before), per kind of record and
    /// inspecteur, in kind order then by name. For a created target: what came in on top of the
    /// first source.
    pub incoming: Vec<Incoming>,
    /// Sources holding text that was typed but never confirmed (drafts, after a crash or while
    /// the file was open elsewhere), with how many: drafts are not part of the history, so the
    /// merge does not bring them; the source must be opened in veldtoets first, which restores
    /// them so they can be confirmed. (A created target's first source is copied whole, drafts
    /// included, so it is never listed.)
    pub drafts_left_behind: Vec<(PathBuf, u64)>,
}

/// Revisions of one kind by one inspecteur that a merge brought in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Incoming {
    pub kind: Kind,
    pub author: Uuid,
    /// First revisions of a record (new records).
    pub new: u64,
    /// Revisions replacing others (changes, conflict resolutions included).
    pub changed: u64,
    /// Tombstones.
    pub deleted: u64,
}

impl Incoming {
    /// "2 nieuwe dossiers en 1 gewijzigd dossier van J. Proef".
    pub fn line(&self, name: &str) -> String {
        let parts: Vec<String> = [
            (self.new, "nieuw"),
            (self.changed, "gewijzigd"),
            (self.deleted, "verwijderd"),
        ]
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, adjective)| self.kind.count_with(*n, adjective))
        .collect();
        let list = match parts.as_slice() {
            [] => String::new(),
            [one] => one.clone(),
            [init @ .., last] => format!("{} en {last}", init.join(", ")),
        };
        format!("{list} van {name}")
    }
}

/// What came in, from the new revision ids per kind, in kind order then by inspecteur name.
fn incoming(inspection: &Inspection, revs: &BTreeMap<Kind, BTreeSet<Uuid>>) -> Vec<Incoming> {
    let mut out: BTreeMap<(Kind, Uuid), Incoming> = BTreeMap::new();
    for (kind, meta) in inspection.revision_metas() {
        if !revs.get(&kind).is_some_and(|r| r.contains(&meta.rev)) {
            continue;
        }
        let entry = out.entry((kind, meta.author)).or_insert(Incoming {
            kind,
            author: meta.author,
            new: 0,
            changed: 0,
            deleted: 0,
        });
        if meta.deleted {
            entry.deleted += 1;
        } else if meta.replaces.is_empty() {
            entry.new += 1;
        } else {
            entry.changed += 1;
        }
    }
    let mut list: Vec<Incoming> = out.into_values().collect();
    list.sort_by(|a, b| {
        (a.kind, inspection.inspector_name(a.author), a.author).cmp(&(
            b.kind,
            inspection.inspector_name(b.author),
            b.author,
        ))
    });
    list
}

impl MergeSummary {
    /// What came in, one line per kind and inspecteur ("2 nieuwe dossiers van J. Proef"), names
    /// from `inspection` (the merged result, [`MergeOutcome::inspection`]).
    pub fn incoming_lines(&self, inspection: &Inspection) -> Vec<String> {
        self.incoming
            .iter()
            .map(|i| i.line(inspection.inspector_name(i.author)))
            .collect()
    }

    /// The unresolved conflicts in one line each, for people ("dossiervraag dos-1.1.1b in dossier
    /// VTG-2026-0668: ja (E. Voorbeeld) / nee (J. Proef)"), names from `inspection` (the merged
    /// result, [`MergeOutcome::inspection`]).
    pub fn conflict_lines(&self, inspection: &Inspection) -> Vec<String> {
        self.record_conflicts
            .iter()
            .map(|c| c.line(|id| inspection.inspector_name(id)))
            .collect()
    }

    /// The merge in plain words: what came in, what is in conflict and which numbers are now
    /// recorded twice, e.g. "2 nieuwe dossiers van J. Proef. 1 conflict: dossiervraag dos-1.1.1b
    /// in dossier VTG-2026-0668: ja (E. Voorbeeld) / nee (J. Proef)."
    pub fn message(&self, inspection: &Inspection) -> String {
        let incoming = self.incoming_lines(inspection);
        let mut text = if incoming.is_empty() {
            "Niets nieuws binnengekomen.".to_string()
        } else {
            format!("{}.", incoming.join("; "))
        };
        let conflicts = self.conflict_lines(inspection);
        match conflicts.len() {
            0 => text.push_str(" Geen conflicten."),
            n => text.push_str(&format!(
                " {n} {}, nog niet opgelost: {}.",
                if n == 1 { "conflict" } else { "conflicten" },
                conflicts.join("; ")
            )),
        }
        let duplicates: Vec<String> = inspection
            .duplicates()
            .iter()
            .map(|d| d.description())
            .collect();
        if !duplicates.is_empty() {
            text.push_str(&format!(
                " Dubbel vastgelegd (samenvoegen of hernummeren): {}.",
                duplicates.join("; ")
            ));
        }
        for line in self.drafts_lines() {
            text.push(' ');
            text.push_str(&line);
        }
        text
    }

    /// One warning per source whose drafts did not come along ("Let op: 'b.veldtoets' bevat 2
    /// nog niet vastgelegde teksten …").
    pub fn drafts_lines(&self) -> Vec<String> {
        self.drafts_left_behind
            .iter()
            .map(|(path, n)| {
                format!(
                    "Let op: '{}' bevat {} die niet {} meegenomen; open dat bestand eerst in veldtoets, leg de tekst vast en voeg het daarna opnieuw samen.",
                    path.display(),
                    if *n == 1 {
                        "1 getypte, nog niet vastgelegde tekst".to_string()
                    } else {
                        format!("{n} getypte, nog niet vastgelegde teksten")
                    },
                    if *n == 1 { "is" } else { "zijn" }
                )
            })
            .collect()
    }

    /// Total rows added over all tables.
    pub fn total_added(&self) -> u64 {
        self.added.iter().map(|(_, n)| n).sum()
    }
}

/// The result of a merge: the summary, and the target as now stored (already loaded and
/// validated, so a GUI can replace its model without reading the file again).
#[derive(Debug, Clone)]
pub struct MergeOutcome {
    pub summary: MergeSummary,
    pub inspection: Inspection,
}

/// The onderzoek row of a file, which every copy must share.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Identity {
    id: String,
    kader_id: String,
    kader_bron: String,
    organisatie: String,
}

/// Merges `sources` into the inspection file `target`.
///
/// The merge is the union of every revision (and every `vervangt` link) of every file: an oordeel
/// changed in one copy only gets the newer version; changed differently in two copies it becomes
/// a conflict, kept with both versions until someone records an oordeel replacing both (see
/// [`crate::domain::inspection::Inspection::change`]). It is idempotent, independent of the order
/// of the files and associative, and nothing is lost. Every source is checked before anything is
/// written (header, schema version, onderzoek, lock); a source of another onderzoek, a newer or
/// older schema, a damaged file or one open elsewhere is refused with a [`MergeError`] naming it,
/// and the target is then byte for byte as it was. The rows are written in one transaction that
/// also reloads and validates the result, which comes back in [`MergeOutcome::inspection`].
///
/// An existing target is opened as [`Store::open`] does (so a target open elsewhere is refused, and
/// an older one is migrated after a backup), without loading it first, and merged with
/// [`Store::merge_from`]. A missing
/// target is created from the first source: every source is checked first, then the first is
/// copied consistently (`VACUUM INTO`) to a temporary name beside the target, the others are
/// merged into it, and it is renamed into place. On any error nothing is left behind.
pub fn merge(
    target: &Path,
    sources: &[&Path],
    progress: &mut dyn FnMut(MergeProgress),
) -> Result<MergeOutcome, MergeError> {
    merge_with(target, sources, &Keyring::new(), progress)
}

/// [`merge`] with encrypted files: `keys` holds the passphrase of every encrypted source and of
/// an encrypted target (see [`Keyring::unlock`]); one it does not hold gives
/// [`StoreError::Encrypted`] before anything is written. Sources and target may differ in
/// encryption: an existing target keeps its own (plain stays plain, encrypted stays encrypted
/// with its own passphrase). A target created by the merge is encrypted when any source is,
/// with the passphrase of the first encrypted source, so a merge never writes plain text of an
/// encrypted copy.
pub fn merge_with(
    target: &Path,
    sources: &[&Path],
    keys: &Keyring,
    progress: &mut dyn FnMut(MergeProgress),
) -> Result<MergeOutcome, MergeError> {
    let Some((first, rest)) = sources.split_first() else {
        return Err(MergeError::NoSources);
    };
    if let Some(source) = sources.iter().find(|s| fsutil::same_file(target, s)) {
        return Err(MergeError::SameFile(source.to_path_buf()));
    }
    // Never a SQLite side file of a source or another inspection: a database written there would
    // be taken for that file's WAL or journal.
    if let Some(database) = fsutil::side_file_database(target)
        && (sources.iter().any(|s| fsutil::same_file(&database, s))
            || fsutil::is_inspection_file(&database).unwrap_or(false))
    {
        return Err(MergeError::Target(fsutil::OutputRefused::SideFile {
            target: target.to_path_buf(),
            inspection: database,
        }));
    }
    match std::fs::symlink_metadata(target) {
        Ok(_) => {
            // Not loaded here: the merge validates and loads the result anyway.
            let (mut store, report) =
                Store::open_unloaded_with(target, keys.passphrase_for(target))?;
            let mut outcome = store.merge_from_with(sources, keys, progress)?;
            store.checkpoint_on_close()?;
            outcome.summary.migrated_from = report.migrated_from;
            Ok(outcome)
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            create_from(target, first, rest, keys, progress)
        }
        Err(error) => Err(io_error(target, error).into()),
    }
}

fn create_from(
    target: &Path,
    first: &Path,
    rest: &[&Path],
    keys: &Keyring,
    progress: &mut dyn FnMut(MergeProgress),
) -> Result<MergeOutcome, MergeError> {
    if let Some(parent) = target.parent().filter(|p| !p.as_os_str().is_empty())
        && !parent.is_dir()
    {
        return Err(MergeError::CannotCreate {
            path: target.to_path_buf(),
            detail: format!("de map '{}' bestaat niet", parent.display()),
        });
    }
    // Check every source before anything is created, against the first one.
    let scratch = scratch_connection()?;
    let total = rest.len() + 1;
    progress(MergeProgress::Checking {
        index: 0,
        total,
        source: first.to_path_buf(),
    });
    let identity = {
        let attached = Attached::new(&scratch, keys, first)?;
        attached.check_schema()?;
        attached.identity()?
    };
    for (i, source) in rest.iter().enumerate() {
        progress(MergeProgress::Checking {
            index: i + 1,
            total,
            source: source.to_path_buf(),
        });
        let attached = Attached::new(&scratch, keys, source)?;
        attached.check_schema()?;
        attached.check_identity(&identity, first)?;
    }
    // Every source opened above, so each encrypted one has its passphrase in `keys`.
    let target_key = std::iter::once(first)
        .chain(rest.iter().copied())
        .find_map(|source| keys.passphrase_for(source));

    progress(MergeProgress::Creating {
        source: first.to_path_buf(),
    });
    let temp = temp_path(target);
    remove_with_side_files(&temp);
    let result = (|| {
        let first_rows = {
            let attached = Attached::new(&scratch, keys, first)?;
            attached.copy_into(&temp, target, target_key)?;
            attached.counts()?
        };
        let mut outcome = {
            let (mut store, _) = Store::open_unloaded_with(&temp, target_key)?;
            // The sources were announced as checked above; they are checked again (cheaply)
            // against the copy, without reporting that twice.
            let mut report = |p: MergeProgress| {
                if !matches!(p, MergeProgress::Checking { .. }) {
                    progress(p);
                }
            };
            store.merge_sources(rest, keys, first, 1, total, &mut report)?
        };
        if target.exists() {
            // Someone made it meanwhile: never replace a file we did not check.
            return Err(StoreError::AlreadyExists(target.to_path_buf()).into());
        }
        // VACUUM INTO does not sync its output; the merge's commit may have had nothing to write.
        std::fs::File::open(&temp)
            .and_then(|f| f.sync_all())
            .and_then(|()| std::fs::rename(&temp, target))
            .map_err(|e| MergeError::CannotCreate {
                path: target.to_path_buf(),
                detail: fsutil::io_error_text(&e),
            })?;
        fsutil::sync_parent(target);
        let summary = &mut outcome.summary;
        summary.target = target.to_path_buf();
        summary.created = true;
        summary.sources.insert(0, first.to_path_buf());
        for ((_, added), (_, copied)) in summary.added.iter_mut().zip(first_rows) {
            *added += copied;
        }
        Ok(outcome)
    })();
    if result.is_err() {
        remove_with_side_files(&temp);
    }
    result
}

pub(super) fn remove_with_side_files(path: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(name));
    }
}

/// An in-memory connection with the current schema, to check sources against before a target
/// exists.
fn scratch_connection() -> Result<Connection, MergeError> {
    let here = Path::new(":memory:");
    let conn = Connection::open_in_memory().map_err(|e| sqlite(here, e))?;
    super::schema::migrate(&conn, 0).map_err(|e| sqlite(here, e))?;
    prepare_connection(&conn, here)?;
    Ok(conn)
}

/// Settings a connection needs before sources are attached to it: exclusive locking (inherited by
/// every attached source, so one open elsewhere is refused), a short busy timeout, staging in
/// memory (the data is sensitive; it must not go to a temporary file), and a page cache large
/// enough that writing the union does not thrash (64 MiB at most, used only as the file needs).
fn prepare_connection(conn: &Connection, path: &Path) -> Result<(), MergeError> {
    conn.execute_batch(
        "PRAGMA locking_mode = EXCLUSIVE; PRAGMA temp_store = MEMORY; PRAGMA cache_size = -65536;",
    )
    .map_err(|e| sqlite(path, e))?;
    conn.busy_timeout(std::time::Duration::from_millis(200))
        .map_err(|e| sqlite(path, e))?;
    Ok(())
}

impl Store {
    /// Merges `sources` into this (open) inspection file: the union of their revisions, with the
    /// guarantees described at [`merge`].
    ///
    /// Every source is checked before anything is written; then the union of all revisions is
    /// written in one transaction, the file is reloaded and validated inside that transaction,
    /// and committed. Returns what was added and the reloaded [`Inspection`], which replaces the
    /// caller's model. On an error the file is unchanged (and the caller's model still valid).
    /// Merging no sources just reloads.
    pub fn merge_from(
        &mut self,
        sources: &[&Path],
        progress: &mut dyn FnMut(MergeProgress),
    ) -> Result<MergeOutcome, MergeError> {
        self.merge_from_with(sources, &Keyring::new(), progress)
    }

    /// [`Store::merge_from`] with encrypted sources: `keys` holds the passphrase of each (see
    /// [`merge_with`]). This file keeps its own encryption.
    pub fn merge_from_with(
        &mut self,
        sources: &[&Path],
        keys: &Keyring,
        progress: &mut dyn FnMut(MergeProgress),
    ) -> Result<MergeOutcome, MergeError> {
        let own = self.path.clone();
        self.merge_sources(sources, keys, &own, 0, sources.len(), progress)
    }

    /// The checks [`Store::merge_from_with`] makes before it writes anything, and nothing else:
    /// this file can be written, and every source opens with its key in `keys`, is not this file,
    /// has a schema this version reads and is a copy of this same onderzoek. Nothing is written.
    /// For a question to the user about a merge (encrypted copies into a plain file) that is
    /// asked only when the merge can happen.
    pub fn check_merge_sources_with(
        &mut self,
        sources: &[&Path],
        keys: &Keyring,
        progress: &mut dyn FnMut(MergeProgress),
    ) -> Result<(), MergeError> {
        let own = self.path.clone();
        self.check_sources(sources, keys, &own, 0, sources.len(), progress)
            .map(|_| ())
    }

    /// The first pass of a merge: checks every source (see
    /// [`Store::check_merge_sources_with`]) and returns this file's identity.
    fn check_sources(
        &mut self,
        sources: &[&Path],
        keys: &Keyring,
        label: &Path,
        first_index: usize,
        total: usize,
        progress: &mut dyn FnMut(MergeProgress),
    ) -> Result<Identity, MergeError> {
        prepare_connection(&self.conn, &self.path)?;
        self.writable()?;
        let identity = read_identity(&self.conn, "main", &self.path)?;
        for (i, source) in sources.iter().enumerate() {
            progress(MergeProgress::Checking {
                index: first_index + i,
                total,
                source: source.to_path_buf(),
            });
            if fsutil::same_file(source, &self.path) {
                return Err(MergeError::SameFile(source.to_path_buf()));
            }
            let attached = Attached::new(&self.conn, keys, source)?;
            attached.check_schema()?;
            attached.check_identity(&identity, label)?;
        }
        Ok(identity)
    }

    /// [`Store::merge_from`], calling this file `label` in messages (a target being created is
    /// still a temporary copy of its first source) and numbering the sources from `first_index`
    /// of `total` in the progress reports.
    fn merge_sources(
        &mut self,
        sources: &[&Path],
        keys: &Keyring,
        label: &Path,
        first_index: usize,
        total: usize,
        progress: &mut dyn FnMut(MergeProgress),
    ) -> Result<MergeOutcome, MergeError> {
        let identity = self.check_sources(sources, keys, label, first_index, total, progress)?;

        let stage = Stage::new(&self.conn, &self.path)?;
        let mut drafts_left_behind = Vec::new();
        for (i, source) in sources.iter().enumerate() {
            progress(MergeProgress::Reading {
                index: first_index + i,
                total,
                source: source.to_path_buf(),
            });
            let attached = Attached::new(&self.conn, keys, source)?;
            // Checked above, but the file could have been swapped since.
            attached.check_identity(&identity, label)?;
            stage.add(&attached, i, sources, label)?;
            let drafts = attached.drafts()?;
            if drafts > 0 {
                drafts_left_behind.push((source.to_path_buf(), drafts));
            }
        }

        progress(MergeProgress::Writing);
        let tx = Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)
            .map_err(|e| self.err(e))?;
        let before = table_counts(&self.conn, "main", &self.path)?;
        let new_revisions = stage.new_revisions(&self.path)?;
        stage.write(&self.path)?;
        let after = table_counts(&self.conn, "main", &self.path)?;
        progress(MergeProgress::Loading);
        let inspection = self.load().map_err(|e| match e {
            StoreError::Invalid { detail, .. } | StoreError::Corrupt { detail, .. } => {
                MergeError::InvalidResult {
                    target: self.path.clone(),
                    detail,
                }
            }
            e => MergeError::Store(e),
        })?;
        tx.commit().map_err(|e| self.err(e))?;
        drop(stage);

        let added = after
            .iter()
            .zip(&before)
            .map(|(&(table, a), &(_, b))| (table, a.saturating_sub(b)))
            .filter(|(table, _)| *table != "onderzoek")
            .collect();
        let conflicts = inspection
            .conflicts()
            .iter()
            .map(|c| c.verwachting.to_string())
            .collect();
        let record_conflicts = inspection.all_conflicts();
        let incoming = incoming(&inspection, &new_revisions);
        Ok(MergeOutcome {
            summary: MergeSummary {
                target: self.path.clone(),
                created: false,
                migrated_from: None,
                sources: sources.iter().map(|p| p.to_path_buf()).collect(),
                added,
                conflicts,
                record_conflicts,
                incoming,
                drafts_left_behind,
            },
            inspection,
        })
    }
}

/// Rows per table (schema order) in `schema`.
fn table_counts(
    conn: &Connection,
    schema: &str,
    path: &Path,
) -> Result<Vec<(&'static str, u64)>, MergeError> {
    TABLES
        .iter()
        .map(|&table| {
            let n: i64 = conn
                .query_row(
                    &format!("SELECT count(*) FROM {}.{}", quote(schema), quote(table)),
                    [],
                    |r| r.get(0),
                )
                .map_err(|e| source_error(path, e))?;
            Ok((table, u64::try_from(n).unwrap_or(0)))
        })
        .collect()
}

fn read_identity(conn: &Connection, schema: &str, path: &Path) -> Result<Identity, MergeError> {
    let mut stmt = conn
        .prepare(&format!(
            "SELECT id, kader_id, kader_bron FROM {}.onderzoek",
            quote(schema)
        ))
        .map_err(|e| source_error(path, e))?;
    let rows: Vec<(String, String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .and_then(|rows| rows.collect())
        .map_err(|e| source_error(path, e))?;
    let [(id, kader_id, kader_bron)] =
        <[_; 1]>::try_from(rows).map_err(|rows| StoreError::Corrupt {
            path: path.to_path_buf(),
            detail: format!(
                "het bestand hoort bij precies één onderzoek maar noemt er {}",
                rows.len()
            ),
        })?;
    // The organisation only makes error messages clearer; the newest name is good enough.
    let organisatie = conn
        .query_row(
            &format!(
                "SELECT organisatie FROM {}.onderzoek_gegevens ORDER BY tijd DESC, rev DESC LIMIT 1",
                quote(schema)
            ),
            [],
            |r| r.get::<_, String>(0),
        )
        .unwrap_or_else(|_| "organisatie onbekend".to_string());
    Ok(Identity {
        id,
        kader_id,
        kader_bron,
        organisatie,
    })
}

/// Maps an error reading a source to what the user should hear: in use, damaged, or a plain
/// database error, naming the source.
fn source_error(path: &Path, e: rusqlite::Error) -> StoreError {
    match &e {
        rusqlite::Error::SqliteFailure(f, detail) => match f.code {
            rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked => {
                StoreError::InUse(path.to_path_buf())
            }
            rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase => {
                StoreError::Corrupt {
                    path: path.to_path_buf(),
                    detail: detail.clone().unwrap_or_else(|| f.to_string()),
                }
            }
            _ => sqlite(path, e),
        },
        _ => sqlite(path, e),
    }
}

/// A source attached to a connection; detached when dropped. A source is only ever read: it is
/// never migrated, never written, and its `-wal` file (if any) is left exactly as it was.
///
/// A source is attached with its own key (`KEY ?`): an empty one for a plain file (so a
/// connection to an encrypted target does not apply its own key to it), the passphrase the
/// [`Keyring`] found for an encrypted one. Every private copy of a source is the encrypted bytes
/// of the file or written with `sqlcipher_export` under the source's own key, never as plain
/// text.
struct Attached<'c> {
    conn: &'c Connection,
    /// The source's passphrase, if it is encrypted.
    key: Option<&'c Passphrase>,
    /// The source as the user named it (for messages), even when a copy is attached.
    path: PathBuf,
    /// Whether the attach succeeded (and a `DETACH` is due).
    attached: bool,
    /// A private copy being read instead of the file (removed after the detach).
    scratch: Option<ScratchDir>,
}

impl<'c> Attached<'c> {
    /// Detects `path`, finds its key in `keys` (an encrypted source the keyring holds no
    /// passphrase for gives [`StoreError::Encrypted`]) and attaches it for reading:
    /// - a file that may be locked (the file, and its `-wal` file if any, writable) is attached
    ///   normally, so the inherited exclusive lock applies and a source open in another veldtoets
    ///   is refused (a `-wal` file it has is folded into it on detach, as SQLite does on every
    ///   close: the content is the same);
    /// - otherwise (a write-protected file or folder) a file without pending WAL is attached
    ///   `immutable` (no lock, no side file), and one with a pending WAL is copied with its WAL to
    ///   a private temporary directory and the copy is attached.
    fn new(
        conn: &'c Connection,
        keys: &'c Keyring,
        path: &Path,
    ) -> Result<Attached<'c>, MergeError> {
        let key = key_for(path, detect(path)?, keys.passphrase_for(path))?;
        let absolute = std::path::absolute(path).map_err(|e| io_error(path, e))?;
        let wal = wal_len(path);
        let lockable =
            file_writable(path) && wal.is_none_or(|_| file_writable(&side_file(path, "-wal")));
        let mut attached = Attached {
            conn,
            key,
            path: path.to_path_buf(),
            attached: false,
            scratch: None,
        };
        if lockable {
            // An absolute path never starts with "file:", so SQLite takes it as a plain name.
            match attached.attach(absolute.to_string_lossy().into_owned()) {
                Ok(()) => {
                    attached.migrate_if_older()?;
                    return Ok(attached);
                }
                Err(
                    e @ (StoreError::InUse(_)
                    | StoreError::Corrupt { .. }
                    | StoreError::WrongPassphrase(_)),
                ) => {
                    return Err(e.into());
                }
                // E.g. a folder where SQLite may not create the `-wal` file: read it as below.
                Err(_) => attached.detach(),
            }
        }
        if wal_len(path).is_some_and(|n| n > 0) {
            let scratch = ScratchDir::new(path)?;
            let copy = scratch.copy_with_wal(path)?;
            attached.scratch = Some(scratch);
            attached.attach(copy.to_string_lossy().into_owned())?;
        } else {
            attached.attach(format!("{}?immutable=1", file_uri(&absolute)))?;
        }
        attached.migrate_if_older()?;
        Ok(attached)
    }

    /// The source's schema version (`PRAGMA user_version`).
    fn version(&self) -> Result<u32, MergeError> {
        let version: i64 = self
            .conn
            .query_row(&format!("PRAGMA {SOURCE}.user_version"), [], |r| r.get(0))
            .map_err(|e| self.err(e))?;
        Ok(u32::try_from(version).unwrap_or(u32::MAX))
    }

    /// A source with an older schema (a copy from a colleague who has not updated yet) is read
    /// through a private copy (written with its own key) brought up to date with the same
    /// migrations [`Store::open`] applies; the file itself is left exactly as it was.
    fn migrate_if_older(&mut self) -> Result<(), MergeError> {
        let version = self.version()?;
        if version == 0 || version >= CURRENT_VERSION {
            // Not a veldtoets schema at all, or current or newer: `check_schema` says so.
            return Ok(());
        }
        let scratch = ScratchDir::new(&self.path)?;
        let copy = scratch.file_for(&self.path);
        // Not `VACUUM INTO`: of an attached encrypted database it writes plain text.
        export_to(self.conn, SOURCE, &copy, self.key, &self.path)?;
        self.detach();
        let migrated = connect(
            &copy,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            self.key,
            &self.path,
        )
        .map_err(MergeError::Store)
        .and_then(|conn| {
            super::schema::migrate(&conn, version)
                .and_then(|()| conn.close().map_err(|(_, e)| e))
                .map_err(|e| {
                    MergeError::Store(StoreError::Corrupt {
                        path: self.path.clone(),
                        detail: format!(
                            "het heeft bestandsversie {version} maar kan niet naar versie {CURRENT_VERSION} worden bijgewerkt ({})",
                            super::sqlite_text(&e)
                        ),
                    })
                })
        });
        // The copy is removed with its directory whatever happens.
        self.scratch = Some(scratch);
        migrated?;
        self.attach(copy.to_string_lossy().into_owned())?;
        Ok(())
    }

    /// Attaches `name` with the source's key and reads its schema (taking the lock of a lockable
    /// file now, so a source open in another veldtoets is refused here, and checking the key).
    fn attach(&mut self, name: String) -> Result<(), StoreError> {
        let encrypted = self.key.is_some();
        let error = |e| match e {
            rusqlite::Error::SqliteFailure(f, _)
                if encrypted && f.code == rusqlite::ErrorCode::NotADatabase =>
            {
                StoreError::WrongPassphrase(self.path.clone())
            }
            e => source_error(&self.path, e),
        };
        // A refused ATTACH (a wrong passphrase) closes the source again, which would checkpoint
        // its pending WAL into it: not while the key is unchecked. An attached source's WAL is
        // folded in on detach as before (the content is the same).
        let checkpoint = self
            .conn
            .db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE)
            .map(|off| !off)
            .map_err(|e| source_error(&self.path, e))?;
        set_checkpoint_on_close(self.conn, &self.path, false)?;
        let result = self.conn.execute(
            &format!("ATTACH DATABASE ?1 AS {SOURCE} KEY ?2"),
            params![name, self.key.map_or("", Passphrase::text)],
        );
        let restored = set_checkpoint_on_close(self.conn, &self.path, checkpoint);
        result.map_err(error)?;
        self.attached = true;
        restored?;
        self.conn
            .query_row(
                &format!("SELECT count(*) FROM {SOURCE}.sqlite_schema"),
                [],
                |r| r.get::<_, i64>(0),
            )
            .map(|_| ())
            .map_err(error)
    }

    fn detach(&mut self) {
        if std::mem::take(&mut self.attached) {
            let _ = self
                .conn
                .execute_batch(&format!("DETACH DATABASE {SOURCE}"));
        }
    }

    fn err(&self, e: rusqlite::Error) -> MergeError {
        source_error(&self.path, e).into()
    }

    /// The source must have this program's schema (the header was probed already, but the
    /// database itself is authoritative).
    fn check_schema(&self) -> Result<(), MergeError> {
        let version = self.version()?;
        if version > CURRENT_VERSION {
            return Err(StoreError::Newer {
                path: self.path.clone(),
                found: version,
                known: CURRENT_VERSION,
            }
            .into());
        }
        for table in TABLES {
            let theirs = columns(self.conn, SOURCE, table).map_err(|e| self.err(e))?;
            let ours = columns(self.conn, "main", table).map_err(|e| self.err(e))?;
            if theirs != ours {
                let detail = if theirs.is_empty() {
                    format!("de tabel '{table}' ontbreekt")
                } else {
                    format!("de tabel '{table}' heeft een onverwachte indeling")
                };
                return Err(StoreError::Corrupt {
                    path: self.path.clone(),
                    detail,
                }
                .into());
            }
        }
        Ok(())
    }

    fn identity(&self) -> Result<Identity, MergeError> {
        read_identity(self.conn, SOURCE, &self.path)
    }

    /// The source must be a copy of the same onderzoek (and hence the same kader snapshot).
    fn check_identity(&self, expected: &Identity, target: &Path) -> Result<(), MergeError> {
        let found = self.identity()?;
        if found.id != expected.id {
            return Err(MergeError::OtherOnderzoek {
                path: self.path.clone(),
                found: format!("{}, onderzoek {}", found.organisatie, found.id),
                target: target.to_path_buf(),
                expected: format!("{}, onderzoek {}", expected.organisatie, expected.id),
            });
        }
        if found.kader_id != expected.kader_id || found.kader_bron != expected.kader_bron {
            return Err(MergeError::OtherKader {
                path: self.path.clone(),
                target: target.to_path_buf(),
                found: found.kader_id,
                expected: expected.kader_id.clone(),
            });
        }
        Ok(())
    }

    /// How many drafts (typed, unconfirmed text) the source holds.
    fn drafts(&self) -> Result<u64, MergeError> {
        let n: i64 = self
            .conn
            .query_row(&format!("SELECT count(*) FROM {SOURCE}.concept"), [], |r| {
                r.get(0)
            })
            .map_err(|e| self.err(e))?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    fn counts(&self) -> Result<Vec<(&'static str, u64)>, MergeError> {
        let counts = table_counts(self.conn, SOURCE, &self.path)?;
        Ok(counts
            .into_iter()
            .filter(|(table, _)| *table != "onderzoek")
            .collect())
    }

    /// Writes a consistent copy of the source to `temp` (which becomes `target`).
    /// Writes the source completely to the new file `temp` (the target being created), with
    /// `key` or plain.
    fn copy_into(
        &self,
        temp: &Path,
        target: &Path,
        key: Option<&Passphrase>,
    ) -> Result<(), MergeError> {
        export_to(self.conn, SOURCE, temp, key, target).map_err(|e| match e {
            e @ (StoreError::Sqlite { .. } | StoreError::DiskFull(_) | StoreError::Io { .. }) => {
                let detail = match &e {
                    StoreError::DiskFull(_) => {
                        "de schijf is vol; maak ruimte vrij en probeer het opnieuw".to_string()
                    }
                    StoreError::Sqlite { error, .. } => super::sqlite_text(error),
                    other => other.to_string(),
                };
                MergeError::CannotCreate {
                    path: target.to_path_buf(),
                    detail,
                }
            }
            e => e.into(),
        })
    }
}

impl Drop for Attached<'_> {
    fn drop(&mut self) {
        // Before the scratch copy (if any) is removed with the fields.
        self.detach();
    }
}

/// The column names of a table, in order.
fn columns(conn: &Connection, schema: &str, table: &str) -> rusqlite::Result<Vec<(String, i64)>> {
    let mut stmt = conn.prepare("SELECT name, pk FROM pragma_table_info(?1, ?2) ORDER BY cid")?;
    stmt.query_map(params![table, schema], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect()
}

/// One table's layout, from the target's schema.
struct Layout {
    table: &'static str,
    columns: Vec<String>,
    keys: Vec<String>,
}

impl Layout {
    fn stage(&self) -> String {
        format!("temp.{}", quote(&format!("{STAGE}{}", self.table)))
    }

    fn column_list(&self, alias: &str) -> String {
        self.columns
            .iter()
            .map(|c| format!("{alias}{}", quote(c)))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// `INSERT` of `from` into `into`: new keys are added, existing ones kept (`ON CONFLICT DO
    /// NOTHING` rather than `INSERT OR IGNORE`, so a row breaking a `CHECK` or `NOT NULL` rule
    /// aborts the merge instead of silently going missing). Inspecteur names are the one
    /// exception: the smallest spelling wins, so the result does not depend on the order of the
    /// files.
    fn insert_from_stage(&self) -> String {
        let cols = self.column_list("");
        let into = format!("main.{}", quote(self.table));
        let from = self.stage();
        if self.table == "inspecteur" {
            format!(
                "INSERT INTO {into} ({cols}) SELECT {cols} FROM {from} WHERE true \
                 ON CONFLICT (id) DO UPDATE SET naam = excluded.naam WHERE excluded.naam < naam"
            )
        } else {
            // In key order: the new rows then lie in the file in the order they are read back.
            let keys = self
                .keys
                .iter()
                .map(|k| quote(k))
                .collect::<Vec<_>>()
                .join(", ");
            format!(
                "INSERT INTO {into} ({cols}) SELECT {cols} FROM {from} WHERE true ORDER BY {keys} \
                 ON CONFLICT DO NOTHING"
            )
        }
    }

    /// `INSERT` of the attached source's rows into the stage, marking them with source `number`.
    fn insert_staged(&self, number: usize) -> String {
        let cols = self.column_list("");
        let from = format!("{SOURCE}.{}", quote(self.table));
        let into = self.stage();
        let conflict = if self.table == "inspecteur" {
            "ON CONFLICT (id) DO UPDATE SET naam = excluded.naam WHERE excluded.naam < naam"
        } else {
            "ON CONFLICT DO NOTHING"
        };
        format!(
            "INSERT INTO {into} ({cols}, {nr}) SELECT {cols}, {number} FROM {from} WHERE true {conflict}",
            nr = quote(STAGE_SOURCE)
        )
    }

    /// A query for one key present in both `a` and `b` with different content, if any: the
    /// key, and `b`'s source number when `b` is the stage.
    fn divergence(&self, a: &str, b: &str, b_is_stage: bool) -> Option<String> {
        if matches!(self.table, "inspecteur" | "vervangt" | "onderzoek") {
            // vervangt rows are all key; inspecteur names are reconciled; onderzoek is checked
            // separately.
            return None;
        }
        let on = self
            .keys
            .iter()
            .map(|k| format!("a.{k} = b.{k}", k = quote(k)))
            .collect::<Vec<_>>()
            .join(" AND ");
        let same = self
            .columns
            .iter()
            .map(|c| format!("a.{c} IS b.{c}", c = quote(c)))
            .collect::<Vec<_>>()
            .join(" AND ");
        let key = self
            .keys
            .iter()
            .map(|k| format!("a.{}", quote(k)))
            .collect::<Vec<_>>()
            .join(" || '/' || ");
        let number = if b_is_stage {
            format!("b.{}", quote(STAGE_SOURCE))
        } else {
            "NULL".to_string()
        };
        Some(format!(
            "SELECT {key}, {number} FROM {a} AS a JOIN {b} AS b ON {on} WHERE NOT ({same}) LIMIT 1"
        ))
    }
}

/// The in-memory staging tables: the union of every source read so far. Dropped with the value.
struct Stage<'c> {
    conn: &'c Connection,
    layouts: Vec<Layout>,
}

impl<'c> Stage<'c> {
    fn new(conn: &'c Connection, path: &Path) -> Result<Stage<'c>, MergeError> {
        let mut layouts = Vec::new();
        for table in TABLES {
            if table == "onderzoek" {
                continue;
            }
            let cols = columns(conn, "main", table).map_err(|e| sqlite(path, e))?;
            let mut keys: Vec<(i64, String)> = cols
                .iter()
                .filter(|(_, pk)| *pk > 0)
                .map(|(c, pk)| (*pk, c.clone()))
                .collect();
            keys.sort();
            layouts.push(Layout {
                table,
                columns: cols.into_iter().map(|(c, _)| c).collect(),
                keys: keys.into_iter().map(|(_, k)| k).collect(),
            });
        }
        let stage = Stage { conn, layouts };
        stage.drop_tables();
        for layout in &stage.layouts {
            conn.execute_batch(&format!(
                "CREATE TEMP TABLE {} ({}, {} INTEGER NOT NULL, PRIMARY KEY ({}))",
                layout.stage(),
                layout.column_list(""),
                quote(STAGE_SOURCE),
                layout
                    .keys
                    .iter()
                    .map(|k| quote(k))
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
            .map_err(|e| sqlite(path, e))?;
        }
        Ok(stage)
    }

    /// Adds every row of the attached source (number `number` of `sources`), after checking
    /// that no revision in it differs from the same revision already staged or in the target
    /// (called `label`).
    fn add(
        &self,
        source: &Attached,
        number: usize,
        sources: &[&Path],
        label: &Path,
    ) -> Result<(), MergeError> {
        let from = |layout: &Layout| format!("{SOURCE}.{}", quote(layout.table));
        for layout in &self.layouts {
            for (other, is_stage) in [
                (format!("main.{}", quote(layout.table)), false),
                (layout.stage(), true),
            ] {
                let Some(sql) = layout.divergence(&from(layout), &other, is_stage) else {
                    continue;
                };
                let found: Option<(String, Option<i64>)> = self
                    .conn
                    .query_row(&sql, [], |r| Ok((r.get(0)?, r.get(1)?)))
                    .map(Some)
                    .or_else(|e| match e {
                        rusqlite::Error::QueryReturnedNoRows => Ok(None),
                        e => Err(e),
                    })
                    .map_err(|e| source.err(e))?;
                if let Some((key, other_number)) = found {
                    let other = other_number
                        .and_then(|n| usize::try_from(n).ok())
                        .and_then(|n| sources.get(n))
                        .map_or_else(|| label.to_path_buf(), |p| p.to_path_buf());
                    return Err(MergeError::DivergentRevision {
                        path: source.path.clone(),
                        other,
                        table: layout.table,
                        key,
                    });
                }
            }
            self.conn
                .execute(&layout.insert_staged(number), [])
                .map_err(|e| source.err(e))?;
        }
        Ok(())
    }

    /// Writes the staged union into the target (inside the caller's transaction), parents first
    /// so the foreign keys hold.
    fn write(&self, target: &Path) -> Result<(), MergeError> {
        for layout in &self.layouts {
            self.conn
                .execute(&layout.insert_from_stage(), [])
                .map_err(|e| MergeError::Store(sqlite(target, e)))?;
        }
        Ok(())
    }

    /// The ids of the staged revisions the target does not have yet, per kind.
    fn new_revisions(&self, target: &Path) -> Result<BTreeMap<Kind, BTreeSet<Uuid>>, MergeError> {
        let mut out = BTreeMap::new();
        for kind in Kind::ALL {
            let table = super::schema::table(kind);
            let Some(layout) = self.layouts.iter().find(|l| l.table == table) else {
                continue;
            };
            let sql = format!(
                "SELECT DISTINCT rev FROM {} WHERE rev NOT IN (SELECT rev FROM main.{})",
                layout.stage(),
                quote(table)
            );
            let mut statement = self
                .conn
                .prepare(&sql)
                .map_err(|e| MergeError::Store(sqlite(target, e)))?;
            let revs = statement
                .query_map([], |row| row.get::<_, String>(0))
                .and_then(|rows| rows.collect::<Result<Vec<String>, _>>())
                .map_err(|e| MergeError::Store(sqlite(target, e)))?;
            let set: BTreeSet<Uuid> = revs.iter().filter_map(|r| r.parse().ok()).collect();
            out.insert(kind, set);
        }
        Ok(out)
    }

    fn drop_tables(&self) {
        for layout in &self.layouts {
            let _ = self
                .conn
                .execute_batch(&format!("DROP TABLE IF EXISTS {}", layout.stage()));
        }
    }
}

impl Drop for Stage<'_> {
    fn drop(&mut self) {
        // Only possible outside a transaction on the temp schema; a failed merge has rolled back
        // by the time the stage is dropped (the transaction is declared after it).
        self.drop_tables();
    }
}

/// An identifier in double quotes.
fn quote(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_are_quoted() {
        assert_eq!(quote("a\"b"), "\"a\"\"b\"");
    }

    #[test]
    fn incoming_is_said_in_plain_dutch() {
        let line = |kind, new, changed, deleted| {
            Incoming {
                kind,
                author: Uuid::nil(),
                new,
                changed,
                deleted,
            }
            .line("J. Proef")
        };
        assert_eq!(
            line(Kind::Dossier, 2, 1, 0),
            "2 nieuwe dossiers en 1 gewijzigd dossier van J. Proef"
        );
        assert_eq!(
            line(Kind::Check, 1, 3, 1),
            "1 nieuwe dossiervraag, 3 gewijzigde dossiervragen en 1 verwijderde dossiervraag van J. Proef"
        );
    }

    #[test]
    fn summary_totals() {
        let summary = MergeSummary {
            target: PathBuf::new(),
            created: false,
            migrated_from: None,
            sources: Vec::new(),
            added: vec![("oordeel", 2), ("vervangt", 3)],
            conflicts: Vec::new(),
            record_conflicts: Vec::new(),
            incoming: Vec::new(),
            drafts_left_behind: Vec::new(),
        };
        assert_eq!(summary.total_added(), 5);
    }
}
