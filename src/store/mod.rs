//! The inspection file: one SQLite file (`.veldtoets`) per onderzoek. The only module that knows
//! rusqlite.
//!
//! - **Opening safely.** [`probe`] reads the 100-byte header without SQLite, so a garbage,
//!   truncated, foreign or newer file is refused before anything could write to it (and no side
//!   file appears). A header that runs ahead of the file is legitimate while a non-empty `-wal`
//!   file exists (e.g. after the disk filled up): then SQLite decides. An older schema is backed
//!   up beside the file (`VACUUM INTO`, then rename) and migrated, one transaction per migration.
//! - **Reading only.** [`Store::open_read_only`] reads a file without ever writing to it or
//!   leaving a side file (for write-protected files and every command that only reads); an older
//!   schema is migrated in a temporary copy. Its writing methods give [`StoreError::ReadOnly`], as
//!   does [`Store::open`] for a file or folder the user may not write.
//! - **One writer.** The connection runs in `locking_mode=EXCLUSIVE`: while a veldtoets has the
//!   file open, another gets [`StoreError::InUse`] at once.
//! - **Durability.** WAL with `synchronous=FULL`: every [`Store::append`] is one committed
//!   transaction that survives a process kill, an OS crash and a power loss once it returns.
//! - **Creating atomically.** [`Store::create`] builds the file under a temporary name beside the
//!   target and renames it into place, so a half-made file never appears.
//! - **Encryption.** [`Store::create_encrypted`] makes a SQLCipher file keyed with a
//!   [`Passphrase`]; [`Store::open_with`] and [`Store::open_read_only_with`] open either kind.
//!   `PRAGMA key` is the first statement on every connection to an encrypted file, and every copy
//!   the store makes of one (backup, migrated copy, "opslaan als…") is written through a keyed
//!   connection, so it is encrypted with the same key and salt. [`detect`] tells a plain file, an
//!   encrypted veldtoets file (its 16-byte salt starts with [`ENCRYPTED_MAGIC`]) and anything else
//!   apart from the first bytes; a missing or wrong passphrase gives [`StoreError::Encrypted`] or
//!   [`StoreError::WrongPassphrase`] and leaves the file exactly as it was.

mod convert;
mod drafts;
mod keyring;
mod merge;
mod passphrase;
mod rows;
mod schema;

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, TransactionBehavior, params};
use thiserror::Error;
use uuid::Uuid;

use crate::domain::inspection::{Change, Details, Inspection, Record, Stamp};
use crate::domain::kader::Framework;
use crate::fsutil;
use crate::kader_io;

pub use convert::{Conversion, convert};
pub use keyring::{Keyring, Unlock, passphrase_opens};
pub use merge::{MergeError, MergeOutcome, MergeProgress, MergeSummary, merge, merge_with};
pub use passphrase::{NEW_PASSPHRASE_ENV, PASSPHRASE_ENV, Passphrase, PassphraseError};
pub use schema::{APPLICATION_ID, CURRENT_VERSION};

/// The first 4 bytes of an encrypted inspection file: "VTTS", as the `application_id` of a plain
/// one. SQLCipher keeps a file's 16-byte key derivation salt in plain text at its start; veldtoets
/// chooses that salt itself, as these 4 bytes and 12 random ones.
pub const ENCRYPTED_MAGIC: &[u8; 4] = fsutil::ENCRYPTED_INSPECTION_MAGIC;

/// The page size of an encrypted file (SQLCipher 4's default, never changed): such a file is
/// always a whole number of these pages.
const ENCRYPTED_PAGE_SIZE: u64 = 4096;

/// The file extension of an inspection file.
pub const EXTENSION: &str = "veldtoets";

/// Why an inspection file cannot be used. Every message says what is wrong and what to do.
#[derive(Debug, Error)]
pub enum StoreError {
    #[error("'{0}' bestaat niet; kies een bestaand .veldtoets-bestand of maak een nieuw onderzoek")]
    NotFound(PathBuf),
    #[error("'{0}' bestaat al; kies een andere naam of open het bestaande bestand")]
    AlreadyExists(PathBuf),
    #[error("'{0}' is geen bestand maar een map; kies een .veldtoets-bestand (in die map)")]
    NotAFile(PathBuf),
    #[error("'{0}' is leeg: het is geen veldtoets-bestand. Het bestand is niet gewijzigd")]
    Empty(PathBuf),
    #[error(
        "'{0}' is geen veldtoets-bestand (het is geen SQLite-database). Het bestand is niet gewijzigd; kies het juiste bestand"
    )]
    NotSqlite(PathBuf),
    #[error(
        "'{0}' is afgekapt of beschadigd (het bestand is korter dan de database zegt). Het bestand is niet gewijzigd; gebruik een reservekopie of een kopie van een collega"
    )]
    Truncated(PathBuf),
    #[error(
        "'{0}' is een SQLite-database van een ander programma, geen veldtoets-bestand. Het bestand is niet gewijzigd"
    )]
    Foreign(PathBuf),
    #[error(
        "'{path}' is gemaakt met een nieuwere veldtoets (bestandsversie {found}, deze versie kent t/m {known}). Het bestand is niet gewijzigd; installeer de nieuwste veldtoets om het te openen"
    )]
    Newer {
        path: PathBuf,
        found: u32,
        known: u32,
    },
    #[error(
        "'{0}': dit onderzoeksbestand is versleuteld; geef het wachtwoord om het te openen. Het bestand is niet gewijzigd"
    )]
    Encrypted(PathBuf),
    #[error(
        "'{0}': het wachtwoord klopt niet voor dit versleutelde onderzoeksbestand. Het bestand is niet gewijzigd; probeer het opnieuw (let op hoofdletters en spaties). Weet u zeker dat het wachtwoord klopt, dan is het bestand beschadigd: gebruik een reservekopie of een kopie van een collega"
    )]
    WrongPassphrase(PathBuf),
    #[error(
        "'{0}' is al geopend in een ander venster of programma (veldtoets staat maar één gebruiker tegelijk toe). Sluit het daar en probeer het opnieuw"
    )]
    InUse(PathBuf),
    #[error(
        "'{path}' is beschadigd: {detail}. Het bestand is niet gewijzigd; gebruik een reservekopie of een kopie van een collega"
    )]
    Corrupt { path: PathBuf, detail: String },
    #[error("'{path}': {detail}")]
    Invalid { path: PathBuf, detail: String },
    #[error(
        "'{0}' is alleen-lezen (of staat in een map waarin u niet mag schrijven): u kunt het bekijken, scoren en exporteren, maar niet bewerken. Maak een kopie op een schrijfbare plek om te bewerken"
    )]
    ReadOnly(PathBuf),
    #[error(
        "'{0}' is verplaatst, vervangen of verwijderd terwijl het open was; de laatste wijziging is niet opgeslagen. Sla een kopie op met 'Opslaan als…' of open het bestand opnieuw"
    )]
    Moved(PathBuf),
    #[error(
        "'{0}': de schijf is vol, de laatste wijziging is niet opgeslagen. Wat eerder was opgeslagen staat nog in het bestand; maak ruimte vrij (schijf vol) en probeer het opnieuw"
    )]
    DiskFull(PathBuf),
    // The I/O and SQLite errors are deliberately not a `source`: their English text would be
    // printed after the Dutch message.
    #[error("'{}' kan niet worden gelezen of geschreven: {}", path.display(), fsutil::io_error_text(error))]
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
    #[error("databasefout in '{}': {}", path.display(), sqlite_text(error))]
    Sqlite {
        path: PathBuf,
        error: rusqlite::Error,
    },
}

/// What the header of a plain file says, read without SQLite.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Probe {
    pub schema_version: u32,
}

/// What kind of inspection file a path holds, decided from its first bytes by [`detect`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// A plain SQLite file with veldtoets' `application_id`.
    Plain(Probe),
    /// An encrypted veldtoets file: its schema version and everything else is only known once
    /// it is opened with the passphrase.
    Encrypted,
}

// The store and fsutil (which recognises inspection files without knowing the store) must agree.
const _: () = assert!(APPLICATION_ID == fsutil::INSPECTION_APPLICATION_ID);

/// `path` with a SQLite side-file suffix (`-wal`, `-shm`, `-journal`) appended.
pub(crate) fn side_file(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// The length of the `-wal` file beside `path`, if there is one.
fn wal_len(path: &Path) -> Option<u64> {
    std::fs::metadata(side_file(path, "-wal"))
        .ok()
        .filter(std::fs::Metadata::is_file)
        .map(|m| m.len())
}

/// Reads the 100-byte SQLite header of a plain `path` and decides whether veldtoets may open it
/// without a passphrase; an encrypted veldtoets file gives [`StoreError::Encrypted`] (see
/// [`detect`]). Never writes and never creates a file.
pub fn probe(path: &Path) -> Result<Probe, StoreError> {
    match detect(path)? {
        FileKind::Plain(probe) => Ok(probe),
        FileKind::Encrypted => Err(StoreError::Encrypted(path.to_path_buf())),
    }
}

/// Reads the first 100 bytes of `path` and decides what it is: a plain inspection file (the
/// SQLite header with veldtoets' `application_id` and a schema version this program knows), an
/// encrypted one (starting with [`ENCRYPTED_MAGIC`], a whole number of 4096-byte pages), or
/// something veldtoets refuses. Never writes and never creates a file.
///
/// A header saying the database has more pages than the file holds means a truncated file,
/// unless a non-empty `-wal` file lies beside it: then the header may legitimately run ahead of
/// the file until the WAL is checkpointed (e.g. after the disk filled during a write), and SQLite
/// decides when the file is opened. The same holds for the length of an encrypted file.
pub fn detect(path: &Path) -> Result<FileKind, StoreError> {
    let io = |error| io_error(path, error);
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(StoreError::NotFound(path.to_path_buf()));
        }
        Err(e) => return Err(io(e)),
    };
    if meta.is_dir() {
        return Err(StoreError::NotAFile(path.to_path_buf()));
    }
    let mut header = Vec::with_capacity(100);
    File::open(path)
        .and_then(|f| f.take(100).read_to_end(&mut header))
        .map_err(io)?;
    const MAGIC: &[u8; 16] = fsutil::SQLITE_MAGIC;
    if header.is_empty() {
        return Err(StoreError::Empty(path.to_path_buf()));
    }
    let len = meta.len();
    let wal_pending = wal_len(path).is_some_and(|n| n > 0);
    if header.starts_with(ENCRYPTED_MAGIC) || ENCRYPTED_MAGIC.starts_with(&header) {
        if header.len() < 16
            || (!wal_pending && (len < ENCRYPTED_PAGE_SIZE || len % ENCRYPTED_PAGE_SIZE != 0))
        {
            return Err(StoreError::Truncated(path.to_path_buf()));
        }
        return Ok(FileKind::Encrypted);
    }
    if header.len() < 100 {
        return Err(if MAGIC.starts_with(&header) || header.starts_with(MAGIC) {
            StoreError::Truncated(path.to_path_buf())
        } else {
            StoreError::NotSqlite(path.to_path_buf())
        });
    }
    if &header[..16] != MAGIC {
        return Err(StoreError::NotSqlite(path.to_path_buf()));
    }
    let be32 = |at: usize| {
        u32::from_be_bytes([header[at], header[at + 1], header[at + 2], header[at + 3]])
    };
    let page_size = match u16::from_be_bytes([header[16], header[17]]) {
        1 => 65536u64,
        n if n >= 512 && n.is_power_of_two() => u64::from(n),
        _ => return Err(StoreError::NotSqlite(path.to_path_buf())),
    };
    let pages = u64::from(be32(28));
    let header_valid = be32(92) == be32(24);
    if !wal_pending
        && (len % page_size != 0 || (header_valid && pages.saturating_mul(page_size) > len))
    {
        return Err(StoreError::Truncated(path.to_path_buf()));
    }
    let application_id = be32(68) as i32;
    let schema_version = be32(60);
    if application_id != APPLICATION_ID {
        return Err(StoreError::Foreign(path.to_path_buf()));
    }
    if schema_version > CURRENT_VERSION {
        return Err(StoreError::Newer {
            path: path.to_path_buf(),
            found: schema_version,
            known: CURRENT_VERSION,
        });
    }
    Ok(FileKind::Plain(Probe { schema_version }))
}

/// An open inspection file. Opened read-write ([`Store::open`]) it holds the exclusive lock until
/// dropped; opened with [`Store::open_read_only`] every writing method returns
/// [`StoreError::ReadOnly`].
pub struct Store {
    // Declared first: dropped (closed) before the temporary copy a read-only store may read.
    conn: Connection,
    path: PathBuf,
    read_only: Option<ReadOnlyState>,
    /// The passphrase of an encrypted file (a private copy, wiped on drop), for the connections
    /// the store opens later on copies of it.
    key: Option<Passphrase>,
}

/// How a read-only store reads its file.
#[derive(Default)]
struct ReadOnlyState {
    /// The connection on the file itself when `conn` reads a migrated temporary copy: `check`
    /// examines the file, not the copy.
    origin: Option<Connection>,
    /// Set when the file is read without a lock (`immutable`): its size and time when opened. A
    /// change means another program opened it for writing meanwhile.
    unchanged: Option<FileStamp>,
    /// The private temporary directory of a copy; removed when the store is dropped, after the
    /// connections (declared last).
    scratch: Option<ScratchDir>,
}

/// What a file looked like: enough to notice that someone wrote it (or opened it for writing,
/// which creates a `-wal` file).
#[derive(Debug, Clone, PartialEq, Eq)]
struct FileStamp {
    len: u64,
    modified: Option<std::time::SystemTime>,
    wal: Option<(u64, Option<std::time::SystemTime>)>,
}

impl FileStamp {
    fn of(path: &Path) -> Result<FileStamp, StoreError> {
        let meta = std::fs::metadata(path).map_err(|e| io_error(path, e))?;
        let wal = std::fs::metadata(side_file(path, "-wal"))
            .ok()
            .map(|m| (m.len(), m.modified().ok()));
        Ok(FileStamp {
            len: meta.len(),
            modified: meta.modified().ok(),
            wal,
        })
    }
}

/// A private temporary directory (mode 0700 on unix) for a copy of a file being read; removed with
/// everything in it when dropped.
pub(crate) struct ScratchDir(PathBuf);

impl ScratchDir {
    pub(crate) fn new(for_path: &Path) -> Result<ScratchDir, StoreError> {
        let dir = std::env::temp_dir().join(format!(
            "veldtoets-{}-{}",
            std::process::id(),
            Uuid::new_v4().simple()
        ));
        let mut builder = std::fs::DirBuilder::new();
        #[cfg(unix)]
        {
            use std::os::unix::fs::DirBuilderExt;
            builder.mode(0o700);
        }
        builder.create(&dir).map_err(|error| StoreError::Io {
            path: for_path.to_path_buf(),
            error,
        })?;
        Ok(ScratchDir(dir))
    }

    /// Where the copy of `original` goes inside the directory.
    pub(crate) fn file_for(&self, original: &Path) -> PathBuf {
        self.0.join(
            original
                .file_name()
                .map_or_else(|| "kopie.veldtoets".into(), |n| n.to_os_string()),
        )
    }

    /// Copies `original` and its `-wal` file (if any) into the directory, retrying while the
    /// file changes underneath; [`StoreError::InUse`] when it keeps changing.
    pub(crate) fn copy_with_wal(&self, original: &Path) -> Result<PathBuf, StoreError> {
        let target = self.file_for(original);
        for _ in 0..3 {
            let before = FileStamp::of(original)?;
            std::fs::copy(original, &target).map_err(|e| io_error(original, e))?;
            let wal = side_file(original, "-wal");
            let wal_copy = side_file(&target, "-wal");
            let _ = std::fs::remove_file(&wal_copy);
            if before.wal.is_some() {
                std::fs::copy(&wal, &wal_copy).map_err(|e| io_error(&wal, e))?;
            }
            if FileStamp::of(original)? == before {
                // `fs::copy` copies the permissions too; the copy must be writable for SQLite to
                // lock it and replay its WAL.
                for file in [&target, &wal_copy] {
                    if let Ok(meta) = std::fs::metadata(file) {
                        let mut permissions = meta.permissions();
                        #[cfg(unix)]
                        std::os::unix::fs::PermissionsExt::set_mode(&mut permissions, 0o600);
                        #[cfg(not(unix))]
                        #[allow(clippy::permissions_set_readonly_false)]
                        permissions.set_readonly(false);
                        std::fs::set_permissions(file, permissions)
                            .map_err(|e| io_error(original, e))?;
                    }
                }
                return Ok(target);
            }
        }
        Err(StoreError::InUse(original.to_path_buf()))
    }
}

impl Drop for ScratchDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Whether `path` can be opened for writing (opening does not change it).
fn file_writable(path: &Path) -> bool {
    std::fs::OpenOptions::new().write(true).open(path).is_ok()
}

/// Whether the directory of `path` refuses new files (read-only, or not ours). Creates and
/// removes a uniquely named empty file to find out, so only asked after something failed.
fn dir_refuses_writes(path: &Path) -> bool {
    let probe = fsutil::temp_path(path);
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&probe)
    {
        Ok(file) => {
            drop(file);
            let _ = std::fs::remove_file(&probe);
            false
        }
        Err(e) => matches!(
            e.kind(),
            std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem
        ),
    }
}

/// What [`Store::open`] did besides opening.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OpenReport {
    /// Set when the file had an older schema: where the backup copy was written, and from which
    /// version it was migrated.
    pub migrated_from: Option<(u32, PathBuf)>,
}

/// The result of [`Store::check`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckReport {
    pub schema_version: u32,
    /// "ok", or the problems `PRAGMA integrity_check` reported.
    pub integrity: Vec<String>,
    pub foreign_key_violations: usize,
    /// Rows per table, in schema order.
    pub counts: Vec<(&'static str, u64)>,
}

impl CheckReport {
    pub fn is_ok(&self) -> bool {
        self.integrity == ["ok"] && self.foreign_key_violations == 0
    }
}

impl Store {
    /// Creates a new, unencrypted inspection file at `path` (which must not exist) for
    /// `framework`, with the organisatie and the first inspecteur.
    pub fn create(
        path: &Path,
        framework: &Framework,
        organisatie: &str,
        inspecteur: &str,
        stamp: Stamp,
    ) -> Result<(Store, Inspection), StoreError> {
        Store::create_with(path, framework, organisatie, inspecteur, stamp, None)
    }

    /// Creates a new inspection file at `path` (which must not exist) as [`Store::create`] does,
    /// encrypted with `passphrase`: the file is keyed before its first byte is written, so no
    /// plain text of it ever reaches the disk.
    pub fn create_encrypted(
        path: &Path,
        framework: &Framework,
        organisatie: &str,
        inspecteur: &str,
        stamp: Stamp,
        passphrase: &Passphrase,
    ) -> Result<(Store, Inspection), StoreError> {
        Store::create_with(
            path,
            framework,
            organisatie,
            inspecteur,
            stamp,
            Some(passphrase),
        )
    }

    fn create_with(
        path: &Path,
        framework: &Framework,
        organisatie: &str,
        inspecteur: &str,
        stamp: Stamp,
        key: Option<&Passphrase>,
    ) -> Result<(Store, Inspection), StoreError> {
        if path.exists() {
            return Err(StoreError::AlreadyExists(path.to_path_buf()));
        }
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty())
            && !parent.is_dir()
        {
            return Err(StoreError::Invalid {
                path: path.to_path_buf(),
                detail: format!(
                    "de map '{}' bestaat niet; kies een bestaande map",
                    parent.display()
                ),
            });
        }
        let onderzoek = Uuid::now_v7();
        let mut inspection = Inspection::new(onderzoek, framework.clone(), stamp.at);
        let author = inspection.add_inspector(inspecteur);
        let details = inspection.change(
            &inspection.details_id(),
            Record::Details(Details {
                organisatie: organisatie.trim().to_string(),
                ..Details::default()
            }),
            author,
            stamp,
        );
        let temp = temp_path(path);
        let result = (|| {
            // Made here first, so a folder the user may not write to gets a clear message
            // (SQLite takes an empty file as a new database).
            std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&temp)
                .map_err(|e| io_error(path, e))?;
            let conn = connect(
                &temp,
                OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
                key,
                path,
            )?;
            if key.is_some() {
                set_new_salt(&conn, "main", path)?;
            }
            schema::migrate(&conn, 0).map_err(|e| sqlite(path, e))?;
            conn.execute(
                "INSERT INTO onderzoek (id, kader_id, kader_bron, aangemaakt_op) VALUES (?1, ?2, ?3, ?4)",
                params![
                    onderzoek.to_string(),
                    framework.id,
                    framework.source_text,
                    stamp.at.to_string()
                ],
            )
            .map_err(|e| sqlite(path, e))?;
            conn.close().map_err(|(_, e)| sqlite(path, e))?;
            std::fs::rename(&temp, path).map_err(|e| io_error(path, e))
        })();
        if let Err(e) = result {
            for suffix in ["", "-journal", "-wal", "-shm"] {
                let _ = std::fs::remove_file(side_file(&temp, suffix));
            }
            return Err(e);
        }
        let (mut store, mut loaded, _) = Store::open_with(path, key)?;
        store.add_inspector(author, inspection.inspector_name(author))?;
        loaded.add_inspector(inspecteur);
        store.append(&details)?;
        loaded.apply(details);
        Ok((store, loaded))
    }

    /// Opens an existing, unencrypted inspection file for reading and writing: probe, lock,
    /// migrate (after a backup) and load. A file (or folder) the user may not write gives
    /// [`StoreError::ReadOnly`]; [`Store::open_read_only`] reads it. An encrypted file gives
    /// [`StoreError::Encrypted`]: [`Store::open_with`] opens it.
    pub fn open(path: &Path) -> Result<(Store, Inspection, OpenReport), StoreError> {
        Store::open_with(path, None)
    }

    /// [`Store::open`] for a plain or an encrypted file. `passphrase` is used when the file is
    /// encrypted (a plain file opens as it is); an encrypted file without one gives
    /// [`StoreError::Encrypted`], with a wrong one [`StoreError::WrongPassphrase`], and is left
    /// byte for byte as it was, without side files.
    pub fn open_with(
        path: &Path,
        passphrase: Option<&Passphrase>,
    ) -> Result<(Store, Inspection, OpenReport), StoreError> {
        let (store, report) = Store::open_unloaded_with(path, passphrase)?;
        let inspection = store.load()?;
        store.checkpoint_on_close()?;
        Ok((store, inspection, report))
    }

    /// Whether the file is encrypted (opened with its passphrase).
    pub fn is_encrypted(&self) -> bool {
        self.key.is_some()
    }

    /// Lets closing the file checkpoint its WAL into it again (SQLite's default), once it was
    /// opened and read without error. Until then a file opened with a pending WAL keeps it
    /// untouched, so a file refused as damaged is left exactly as it was.
    pub(crate) fn checkpoint_on_close(&self) -> Result<(), StoreError> {
        set_checkpoint_on_close(&self.conn, &self.path, true)
    }

    /// [`Store::open_with`] without reading the inspection into memory: detect, key, lock,
    /// migrate. A file with a pending WAL is not checkpointed on close until
    /// [`Store::checkpoint_on_close`].
    pub(crate) fn open_unloaded_with(
        path: &Path,
        passphrase: Option<&Passphrase>,
    ) -> Result<(Store, OpenReport), StoreError> {
        let key = key_for(path, detect(path)?, passphrase)?;
        if !file_writable(path) {
            return Err(StoreError::ReadOnly(path.to_path_buf()));
        }
        let conn = connect(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            key,
            path,
        )?;
        // Exclusive locking before the first access: no shared-memory file, and nobody else
        // can read or write while we have the file open.
        conn.pragma_update(None, "locking_mode", "EXCLUSIVE")
            .map_err(|e| sqlite(path, e))?;
        conn.busy_timeout(Duration::from_millis(200))
            .map_err(|e| sqlite(path, e))?;
        // A file refused below keeps its WAL exactly as it was (no checkpoint on close, which
        // would also remove an empty `-wal` file).
        set_checkpoint_on_close(&conn, path, wal_len(path).is_none())?;
        let store = Store {
            conn,
            path: path.to_path_buf(),
            read_only: None,
            key: key.map(Passphrase::duplicate),
        };
        // The header of an encrypted file is only readable with the key: it is checked here, after
        // the lock and before anything is written (a plain file's was probed already).
        let opened = store
            .lock()
            .and_then(|()| store.known_version())
            .and_then(|version| store.configure().map(|()| version));
        let version = match opened {
            Ok(version) => version,
            Err(e) => {
                let sqlite_refused =
                    matches!(&e, StoreError::Sqlite { .. } | StoreError::ReadOnly(_));
                if sqlite_refused && wal_len(path).is_none() && dir_refuses_writes(path) {
                    // SQLite could not create the `-wal` file beside it.
                    return Err(StoreError::ReadOnly(path.to_path_buf()));
                }
                return Err(e);
            }
        };
        let mut report = OpenReport::default();
        if version < CURRENT_VERSION {
            let backup = store.backup(version)?;
            schema::migrate(&store.conn, version).map_err(|e| store.err(e))?;
            report.migrated_from = Some((version, backup));
        }
        Ok((store, report))
    }

    /// Opens an inspection file for reading only: for a file or folder the user may not write
    /// (a copy on a write-protected share, `chmod 444`), and for every command that only reads.
    ///
    /// Never writes to the file and never leaves a side file beside it:
    /// - without a `-wal` file (a closed file: everything is in the file itself) it is read
    ///   `immutable`, without locks and without side files; if it changes meanwhile (another
    ///   veldtoets opened it for writing) the open is retried, then refused as
    ///   [`StoreError::InUse`];
    /// - with a `-wal` file that may be locked, it is opened under the exclusive lock as by
    ///   [`Store::open`] (so a file open in another veldtoets gives [`StoreError::InUse`]), without
    ///   writing and without the checkpoint on close, so the WAL stays as it was;
    /// - with a non-empty `-wal` file that cannot be locked (read-only), the file and its WAL are
    ///   copied to a private temporary directory and the copy is read.
    ///
    /// A file with an older schema is not migrated: a temporary copy is (in
    /// [`std::env::temp_dir`], removed when the store is dropped). Every writing method of the
    /// returned store gives [`StoreError::ReadOnly`]. An encrypted file gives
    /// [`StoreError::Encrypted`]: [`Store::open_read_only_with`] reads it.
    pub fn open_read_only(path: &Path) -> Result<(Store, Inspection), StoreError> {
        Store::open_read_only_with(path, None)
    }

    /// [`Store::open_read_only`] for a plain or an encrypted file, with the passphrase rules of
    /// [`Store::open_with`]. The copies it may read (of a file with a pending WAL that cannot be
    /// locked, or migrated from an older schema) are copies of the encrypted bytes or written
    /// through the keyed connection: encrypted with the same key.
    pub fn open_read_only_with(
        path: &Path,
        passphrase: Option<&Passphrase>,
    ) -> Result<(Store, Inspection), StoreError> {
        let mut attempt = 0;
        loop {
            attempt += 1;
            let store = Store::open_read_only_unloaded_with(path, passphrase)?;
            let inspection = store.load()?;
            match store.verify_unchanged() {
                Ok(()) => return Ok((store, inspection)),
                Err(StoreError::InUse(_)) if attempt < 3 => continue,
                Err(e) => return Err(e),
            }
        }
    }

    /// [`Store::open_read_only_with`] without reading the inspection into memory.
    pub(crate) fn open_read_only_unloaded_with(
        path: &Path,
        passphrase: Option<&Passphrase>,
    ) -> Result<Store, StoreError> {
        let key = key_for(path, detect(path)?, passphrase)?;
        let wal = wal_len(path);
        let mut state = ReadOnlyState::default();
        let conn = match wal {
            None => {
                state.unchanged = Some(FileStamp::of(path)?);
                open_immutable(path, key)?
            }
            Some(_) if file_writable(path) && file_writable(&side_file(path, "-wal")) => {
                match open_locked_reading(path, key) {
                    Ok(conn) => conn,
                    Err(
                        e @ (StoreError::InUse(_)
                        | StoreError::Corrupt { .. }
                        | StoreError::WrongPassphrase(_)),
                    ) => return Err(e),
                    // The lock could not be taken for another reason (a read-only share):
                    // read a copy.
                    Err(_) => open_copy(path, key, &mut state)?,
                }
            }
            Some(0) => {
                state.unchanged = Some(FileStamp::of(path)?);
                open_immutable(path, key)?
            }
            Some(_) => open_copy(path, key, &mut state)?,
        };
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
            read_only: Some(state),
            key: key.map(Passphrase::duplicate),
        };
        store.first_read()?;
        let version = store.known_version()?;
        if version < CURRENT_VERSION {
            store.migrate_copy(version)?;
        }
        store
            .conn
            .pragma_update(None, "query_only", true)
            .map_err(|e| sqlite(path, e))?;
        Ok(store)
    }

    /// Replaces the connection of a read-only store by one on a migrated temporary copy; the
    /// connection on the file itself is kept for [`Store::check`].
    fn migrate_copy(&mut self, version: u32) -> Result<(), StoreError> {
        let Some(state) = self.read_only.as_mut() else {
            return Err(StoreError::ReadOnly(self.path.clone()));
        };
        if state.scratch.is_some() {
            // Already a private copy: migrate it in place.
            return schema::migrate(&self.conn, version).map_err(|e| sqlite(&self.path, e));
        }
        let scratch = ScratchDir::new(&self.path)?;
        let copy = scratch.file_for(&self.path);
        // On an encrypted file's connection, VACUUM INTO writes the copy with the same key.
        self.conn
            .execute("VACUUM INTO ?1", [copy.to_string_lossy()])
            .map_err(|e| sqlite(&self.path, e))?;
        let conn = connect(
            &copy,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            self.key.as_ref(),
            &self.path,
        )?;
        schema::migrate(&conn, version).map_err(|e| sqlite(&self.path, e))?;
        let origin = std::mem::replace(&mut self.conn, conn);
        origin
            .pragma_update(None, "query_only", true)
            .map_err(|e| sqlite(&self.path, e))?;
        state.origin = Some(origin);
        state.scratch = Some(scratch);
        Ok(())
    }

    /// For a store reading its file without a lock: [`StoreError::InUse`] when the file changed
    /// since it was opened (another program opened it for writing).
    fn verify_unchanged(&self) -> Result<(), StoreError> {
        match self.read_only.as_ref().and_then(|s| s.unchanged.as_ref()) {
            Some(stamp) if FileStamp::of(&self.path)? != *stamp => {
                Err(StoreError::InUse(self.path.clone()))
            }
            _ => Ok(()),
        }
    }

    /// Whether this store was opened with [`Store::open_read_only`]: every writing method then
    /// returns [`StoreError::ReadOnly`].
    pub fn is_read_only(&self) -> bool {
        self.read_only.is_some()
    }

    /// [`StoreError::ReadOnly`] for a read-only store.
    fn writable(&self) -> Result<(), StoreError> {
        if self.read_only.is_some() {
            return Err(StoreError::ReadOnly(self.path.clone()));
        }
        Ok(())
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The durability settings of the connection this store writes with, as SQLite reports them:
    /// the journal mode (`"wal"`) and the `synchronous` level (2 = FULL). Only reads them; for
    /// tests that keep [`Store::open`] honest.
    pub fn durability(&self) -> Result<(String, i64), StoreError> {
        let mode: String = self
            .conn
            .pragma_query_value(None, "journal_mode", |r| r.get(0))
            .map_err(|e| self.err(e))?;
        let synchronous: i64 = self
            .conn
            .pragma_query_value(None, "synchronous", |r| r.get(0))
            .map_err(|e| self.err(e))?;
        Ok((mode.to_ascii_lowercase(), synchronous))
    }

    fn err(&self, e: rusqlite::Error) -> StoreError {
        sqlite(&self.path, e)
    }

    /// Takes the exclusive lock now, so a second opener is refused at once.
    fn lock(&self) -> Result<(), StoreError> {
        self.conn
            .execute_batch("BEGIN IMMEDIATE; COMMIT;")
            .map_err(|e| open_error(&self.path, e, self.key.is_some()))?;
        self.first_read()
    }

    /// The schema version of the file, after checking that it is a veldtoets file this program
    /// can read (its `application_id`, and a version not newer than [`CURRENT_VERSION`]). Only
    /// reads.
    fn known_version(&self) -> Result<u32, StoreError> {
        let application_id = self.pragma_u32("application_id")?;
        if application_id as i32 != APPLICATION_ID {
            return Err(StoreError::Foreign(self.path.clone()));
        }
        let version = self.pragma_u32("user_version")?;
        if version > CURRENT_VERSION {
            return Err(StoreError::Newer {
                path: self.path.clone(),
                found: version,
                known: CURRENT_VERSION,
            });
        }
        Ok(version)
    }

    /// Reads the schema: takes the lock of a locked connection, replays a WAL, and finds a
    /// damaged file.
    fn first_read(&self) -> Result<(), StoreError> {
        self.conn
            .query_row("SELECT count(*) FROM sqlite_schema", [], |r| {
                r.get::<_, i64>(0)
            })
            .map(|_| ())
            .map_err(|e| open_error(&self.path, e, self.key.is_some()))
    }

    fn configure(&self) -> Result<(), StoreError> {
        let mode: String = self
            .conn
            .pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))
            .map_err(|e| self.err(e))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(StoreError::Invalid {
                path: self.path.clone(),
                detail: format!("WAL-modus kon niet worden ingesteld (kreeg '{mode}')"),
            });
        }
        self.conn
            .execute_batch("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;")
            .map_err(|e| self.err(e))
    }

    fn pragma_u32(&self, name: &str) -> Result<u32, StoreError> {
        pragma_u32(&self.conn, &self.path, name)
    }

    /// Writes a consistent copy beside the file (`NAME.v{version}.bak`, atomically) before a
    /// migration, and returns its path. The copy of an encrypted file is written through its
    /// keyed connection: encrypted with the same key and salt.
    fn backup(&self, version: u32) -> Result<PathBuf, StoreError> {
        let mut name = self.path.as_os_str().to_owned();
        name.push(format!(".v{version}.bak"));
        let target = PathBuf::from(name);
        let temp = temp_path(&target);
        let _ = std::fs::remove_file(&temp);
        self.conn
            .execute("VACUUM INTO ?1", [temp.to_string_lossy()])
            .map_err(|e| self.err(e))?;
        std::fs::rename(&temp, &target).map_err(|e| io_error(&target, e))?;
        Ok(target)
    }

    /// Registers an inspecteur (idempotent).
    pub fn add_inspector(&mut self, id: Uuid, name: &str) -> Result<(), StoreError> {
        self.writable()?;
        self.conn
            .execute(
                "INSERT OR IGNORE INTO inspecteur (id, naam) VALUES (?1, ?2)",
                params![id.to_string(), name.trim()],
            )
            .map(|_| ())
            .map_err(|e| self.err(e))
    }

    /// Stores one revision in its own committed transaction.
    pub fn append(&mut self, change: &Change) -> Result<(), StoreError> {
        self.append_all(std::slice::from_ref(change))
    }

    /// Stores several revisions in one committed transaction (all or nothing).
    pub fn append_all(&mut self, changes: &[Change]) -> Result<(), StoreError> {
        self.writable()?;
        let path = self.path.clone();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| sqlite(&path, e))?;
        for change in changes {
            rows::insert(&tx, change).map_err(|e| sqlite(&path, e))?;
        }
        tx.commit().map_err(|e| sqlite(&path, e))
    }

    /// Records the earlier rounds of a hertoets (oldest first), in one transaction.
    pub fn set_rounds(
        &mut self,
        rounds: &[crate::domain::inspection::Round],
    ) -> Result<(), StoreError> {
        self.writable()?;
        let path = self.path.clone();
        let tx = self.conn.transaction().map_err(|e| sqlite(&path, e))?;
        for (i, round) in rounds.iter().enumerate() {
            rows::insert_round(&tx, i + 1, round).map_err(|e| sqlite(&path, e))?;
        }
        tx.commit().map_err(|e| sqlite(&path, e))
    }

    /// Reads the whole inspection into memory, with the kader from the file's own snapshot.
    pub fn load(&self) -> Result<Inspection, StoreError> {
        let (id, kader_id, kader_text, created): (String, String, String, String) = self
            .conn
            .query_row(
                "SELECT id, kader_id, kader_bron, aangemaakt_op FROM onderzoek",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .map_err(|e| match e {
                rusqlite::Error::QueryReturnedNoRows => StoreError::Corrupt {
                    path: self.path.clone(),
                    detail: "het onderzoek ontbreekt in het bestand".into(),
                },
                e => self.err(e),
            })?;
        let invalid = |detail: String| StoreError::Invalid {
            path: self.path.clone(),
            detail,
        };
        let framework = kader_io::parse(&kader_text, &format!("{kader_id} (in het bestand)"))
            .map_err(|e| invalid(e.to_string()))?;
        let id = Uuid::parse_str(&id)
            .map_err(|_| invalid(format!("ongeldige onderzoek-id '{id}'; {DAMAGED}")))?;
        let created = created
            .parse()
            .map_err(|_| invalid(format!("ongeldige aanmaakdatum '{created}'; {DAMAGED}")))?;
        let mut inspection = Inspection::new(id, framework, created);
        rows::load_into(&self.conn, &mut inspection).map_err(|e| match e {
            rows::LoadError::Sqlite(e) => self.err(e),
            rows::LoadError::Invalid(detail) => invalid(detail),
        })?;
        Ok(inspection)
    }

    /// Integrity, foreign keys, schema version and row counts. For a read-only store reading a
    /// migrated copy, the integrity and the schema version are those of the file itself.
    pub fn check(&self) -> Result<CheckReport, StoreError> {
        let file = self
            .read_only
            .as_ref()
            .and_then(|s| s.origin.as_ref())
            .unwrap_or(&self.conn);
        let mut stmt = file
            .prepare("PRAGMA integrity_check")
            .map_err(|e| self.err(e))?;
        let integrity = stmt
            .query_map([], |r| r.get::<_, String>(0))
            .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
            .map_err(|e| self.err(e))?;
        let foreign_key_violations = self
            .conn
            .prepare("PRAGMA foreign_key_check")
            .and_then(|mut s| s.query_map([], |_| Ok(())).map(|rows| rows.count()))
            .map_err(|e| self.err(e))?;
        let mut counts = Vec::new();
        for table in schema::TABLES {
            let n: i64 = self
                .conn
                .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
                .map_err(|e| self.err(e))?;
            counts.push((table, u64::try_from(n).unwrap_or(0)));
        }
        let report = CheckReport {
            schema_version: pragma_u32(file, &self.path, "user_version")?,
            integrity,
            foreign_key_violations,
            counts,
        };
        self.verify_unchanged()?;
        Ok(report)
    }
}

/// What to do about a file whose content is damaged.
const DAMAGED: &str =
    "het bestand is beschadigd, gebruik een reservekopie of een kopie van een collega";

/// A SQLite error on `path`, as the user should hear it: a full disk, a read-only or moved file
/// get their own variant; anything else is [`StoreError::Sqlite`] with a Dutch description.
pub(crate) fn sqlite(path: &Path, error: rusqlite::Error) -> StoreError {
    if let rusqlite::Error::SqliteFailure(f, _) = &error {
        match f.code {
            rusqlite::ErrorCode::DiskFull => return StoreError::DiskFull(path.to_path_buf()),
            rusqlite::ErrorCode::ReadOnly if f.extended_code == SQLITE_READONLY_DBMOVED => {
                return StoreError::Moved(path.to_path_buf());
            }
            rusqlite::ErrorCode::ReadOnly => return StoreError::ReadOnly(path.to_path_buf()),
            _ => {}
        }
    }
    StoreError::Sqlite {
        path: path.to_path_buf(),
        error,
    }
}

/// `SQLITE_READONLY_DBMOVED`: the file was renamed or deleted while open.
const SQLITE_READONLY_DBMOVED: std::ffi::c_int = 8 << 8 | 8;

/// An I/O error on `path`.
pub(crate) fn io_error(path: &Path, error: std::io::Error) -> StoreError {
    StoreError::Io {
        path: path.to_path_buf(),
        error,
    }
}

/// An error while opening (taking the lock, first read): in use, damaged, a wrong passphrase, or
/// as [`sqlite`]. For an `encrypted` file "not a database" on the first read means that the key
/// does not decrypt it: SQLCipher cannot tell a wrong passphrase from a damaged first page.
fn open_error(path: &Path, e: rusqlite::Error, encrypted: bool) -> StoreError {
    match e {
        rusqlite::Error::SqliteFailure(f, _)
            if encrypted && f.code == rusqlite::ErrorCode::NotADatabase =>
        {
            StoreError::WrongPassphrase(path.to_path_buf())
        }
        rusqlite::Error::SqliteFailure(f, _)
            if matches!(
                f.code,
                rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked
            ) =>
        {
            StoreError::InUse(path.to_path_buf())
        }
        rusqlite::Error::SqliteFailure(f, _)
            if matches!(
                f.code,
                rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase
            ) =>
        {
            StoreError::Corrupt {
                path: path.to_path_buf(),
                // SQLite's own detail is English: say it in Dutch.
                detail: if f.code == rusqlite::ErrorCode::NotADatabase {
                    "SQLite herkent er geen database in".to_string()
                } else {
                    "de database erin is onleesbaar".to_string()
                },
            }
        }
        e => sqlite(path, e),
    }
}

/// A SQLite error in Dutch: what happened and what to do. SQLite's own (English) text only for
/// the rare errors without a Dutch description.
fn sqlite_text(error: &rusqlite::Error) -> String {
    use rusqlite::ErrorCode as C;
    let rusqlite::Error::SqliteFailure(f, detail) = error else {
        return format!("onverwachte databasefout ({error})");
    };
    let detail = detail.clone().unwrap_or_else(|| f.to_string());
    match f.code {
        C::DatabaseBusy | C::DatabaseLocked => {
            "het bestand is bezet door een ander programma; sluit het daar en probeer het opnieuw"
                .into()
        }
        C::DiskFull => "de schijf is vol; maak ruimte vrij en probeer het opnieuw".into(),
        C::ReadOnly => {
            "het bestand is alleen-lezen; maak een kopie op een schrijfbare plek om te bewerken"
                .into()
        }
        C::CannotOpen => "het bestand of een hulpbestand ernaast (met -wal achter de naam) kan niet worden geopend of gemaakt; controleer of de map bestaat en of u erin mag schrijven".into(),
        C::SystemIoFailure => format!(
            "lees- of schrijffout van de schijf (code {}); controleer of de schijf vol, losgekoppeld of onbereikbaar is en probeer het opnieuw",
            f.extended_code
        ),
        C::DatabaseCorrupt | C::NotADatabase => {
            "het bestand is beschadigd; gebruik een reservekopie of een kopie van een collega"
                .into()
        }
        C::PermissionDenied => {
            "u hebt geen toestemming om het bestand te lezen of te schrijven".into()
        }
        C::OutOfMemory => {
            "er is te weinig geheugen; sluit andere programma's en probeer het opnieuw".into()
        }
        C::TooBig => "een tekst of gegeven is te groot om op te slaan".into(),
        C::ConstraintViolation => {
            format!("de gegevens voldoen niet aan de regels van het bestand ({detail})")
        }
        _ => format!(
            "onverwachte databasefout (code {}: {detail})",
            f.extended_code
        ),
    }
}

fn pragma_u32(conn: &Connection, path: &Path, name: &str) -> Result<u32, StoreError> {
    conn.pragma_query_value(None, name, |r| r.get::<_, i64>(0))
        .map(|v| u32::try_from(v).unwrap_or(u32::MAX))
        .map_err(|e| sqlite(path, e))
}

/// Whether closing `conn` checkpoints its WAL into the file (SQLite's default) or leaves the WAL
/// exactly as it is. Applies to every database of the connection, attached ones included: a
/// failed `ATTACH` (a wrong passphrase) closes the file it opened, and SQLite's checkpoint copies
/// WAL frames without decrypting them, so without this a refused file would still change.
pub(crate) fn set_checkpoint_on_close(
    conn: &Connection,
    path: &Path,
    on: bool,
) -> Result<(), StoreError> {
    conn.set_db_config(
        rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE,
        !on,
    )
    .map(|_| ())
    .map_err(|e| sqlite(path, e))
}

/// The passphrase to key a connection to `path` with: none for a plain file (a passphrase given
/// for one is not used), the given one for an encrypted file, [`StoreError::Encrypted`] when an
/// encrypted file comes without one.
fn key_for<'p>(
    path: &Path,
    kind: FileKind,
    passphrase: Option<&'p Passphrase>,
) -> Result<Option<&'p Passphrase>, StoreError> {
    match (kind, passphrase) {
        (FileKind::Plain(_), _) => Ok(None),
        (FileKind::Encrypted, Some(passphrase)) => Ok(Some(passphrase)),
        (FileKind::Encrypted, None) => Err(StoreError::Encrypted(path.to_path_buf())),
    }
}

/// Opens a connection to `target` (a path, or a `file:` URI with `SQLITE_OPEN_URI`); with a
/// `key`, `PRAGMA key` is its first statement. Neither touches the file: SQLite reads it on the
/// first statement that needs it, which also tells whether the key is right.
///
/// SQLCipher's own log (English, on stderr: "hmac check failed for pgno=1" on every wrong
/// passphrase) is switched off; the store reports in Dutch what went wrong.
pub(crate) fn connect(
    target: impl AsRef<Path>,
    flags: OpenFlags,
    key: Option<&Passphrase>,
    path: &Path,
) -> Result<Connection, StoreError> {
    let conn = Connection::open_with_flags(target, flags).map_err(|e| sqlite(path, e))?;
    if let Some(key) = key {
        // SQLite's message about this statement could quote part of it: the passphrase. Never
        // passed on.
        conn.execute_batch(key.key_statement().as_str())
            .map_err(|_| StoreError::Invalid {
                path: path.to_path_buf(),
                detail: "de sleutel kon niet uit het wachtwoord worden ingesteld (onverwachte databasefout); probeer het opnieuw".into(),
            })?;
    }
    conn.execute_batch("PRAGMA cipher_log_level = NONE;")
        .map_err(|e| sqlite(path, e))?;
    Ok(conn)
}

/// Gives the not yet written encrypted database `schema` of `conn` a new salt (see
/// [`new_salt_hex`]). Must come before its first write: SQLCipher writes the salt as the file's
/// first 16 bytes. It ignores a malformed value silently, hence the check.
fn set_new_salt(conn: &Connection, schema: &str, path: &Path) -> Result<(), StoreError> {
    let salt = new_salt_hex();
    conn.execute_batch(&format!("PRAGMA {schema}.cipher_salt = \"x'{salt}'\";"))
        .map_err(|e| sqlite(path, e))?;
    let set: String = conn
        .query_row(&format!("PRAGMA {schema}.cipher_salt"), [], |r| r.get(0))
        .map_err(|e| sqlite(path, e))?;
    if !set.eq_ignore_ascii_case(&salt) {
        return Err(StoreError::Invalid {
            path: path.to_path_buf(),
            detail: "de versleuteling kon niet worden ingesteld; het bestand is niet gemaakt"
                .into(),
        });
    }
    Ok(())
}

/// The name under which [`export_to`] attaches the file it writes.
const EXPORT_SCHEMA: &str = "veldtoets_export";

/// Writes the database `schema` of `conn` completely to the new file `target` (which must not
/// exist), encrypted with `key` (and a new salt) or plain, with veldtoets' `application_id` and
/// the same schema version, and syncs it. Uses SQLCipher's `sqlcipher_export`, which reads
/// through the connection: an encrypted source is decrypted in memory only, and nothing but the
/// target is written. `label` names the file in errors.
pub(crate) fn export_to(
    conn: &Connection,
    schema: &str,
    target: &Path,
    key: Option<&Passphrase>,
    label: &Path,
) -> Result<(), StoreError> {
    let version: u32 = conn
        .query_row(&format!("PRAGMA {schema}.user_version"), [], |r| r.get(0))
        .map_err(|e| sqlite(label, e))?;
    // Made here, empty: a connection opened without SQLITE_OPEN_CREATE (the store's) cannot
    // attach a file that does not exist, and SQLite takes an empty file as a new database.
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(target)
        .map_err(|e| io_error(target, e))?;
    conn.execute(
        &format!("ATTACH DATABASE ?1 AS {EXPORT_SCHEMA} KEY ?2"),
        params![target.to_string_lossy(), key.map_or("", Passphrase::text)],
    )
    .map_err(|e| sqlite(target, e))?;
    let written = (|| {
        if key.is_some() {
            set_new_salt(conn, EXPORT_SCHEMA, target)?;
        }
        conn.query_row(
            &format!("SELECT sqlcipher_export('{EXPORT_SCHEMA}', ?1)"),
            [schema],
            |_| Ok(()),
        )
        .map_err(|e| sqlite(target, e))?;
        // sqlcipher_export copies tables and indexes, not these two header fields.
        conn.execute_batch(&format!(
            "PRAGMA {EXPORT_SCHEMA}.application_id = {APPLICATION_ID}; PRAGMA {EXPORT_SCHEMA}.user_version = {version};"
        ))
        .map_err(|e| sqlite(target, e))
    })();
    let detached = conn
        .execute_batch(&format!("DETACH DATABASE {EXPORT_SCHEMA}"))
        .map_err(|e| sqlite(target, e));
    written?;
    detached?;
    std::fs::File::open(target)
        .and_then(|f| f.sync_all())
        .map_err(|e| io_error(target, e))
}

/// A new salt for an encrypted file, as hexadecimal digits: [`ENCRYPTED_MAGIC`] and 12 random
/// bytes (96 bits, from the operating system's random source through UUID v4).
fn new_salt_hex() -> String {
    let random = Uuid::new_v4().into_bytes();
    // Bytes 6 and 8 of a v4 UUID hold its version and variant; the other 14 are random.
    let random = [0, 1, 2, 3, 4, 5, 7, 9, 10, 11, 12, 13].map(|i| random[i]);
    ENCRYPTED_MAGIC
        .iter()
        .chain(&random)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A connection reading `path` as an immutable file: no locks, no side files, the `-wal` file
/// (if any) ignored. Only for a file whose WAL is absent or empty.
fn open_immutable(path: &Path, key: Option<&Passphrase>) -> Result<Connection, StoreError> {
    let absolute = std::path::absolute(path).map_err(|e| io_error(path, e))?;
    connect(
        format!("{}?immutable=1", file_uri(&absolute)),
        OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        key,
        path,
    )
}

/// A connection reading `path` (which has a `-wal` file) under the exclusive lock, as
/// [`Store::open`] does, but writing nothing: no statement may write, and closing leaves the WAL
/// as it is instead of checkpointing it into the file.
fn open_locked_reading(path: &Path, key: Option<&Passphrase>) -> Result<Connection, StoreError> {
    let conn = connect(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        key,
        path,
    )?;
    set_checkpoint_on_close(&conn, path, false)?;
    conn.pragma_update(None, "locking_mode", "EXCLUSIVE")
        .and_then(|()| conn.pragma_update(None, "query_only", true))
        .and_then(|()| conn.busy_timeout(Duration::from_millis(200)))
        .map_err(|e| sqlite(path, e))?;
    conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| {
        r.get::<_, i64>(0)
    })
    .map_err(|e| open_error(path, e, key.is_some()))?;
    Ok(conn)
}

/// A connection on a private temporary copy of `path` and its `-wal` file (recorded in `state`,
/// so the copy lives as long as the store). The copy of an encrypted file is as encrypted as the
/// file: its bytes are copied, not its content.
fn open_copy(
    path: &Path,
    key: Option<&Passphrase>,
    state: &mut ReadOnlyState,
) -> Result<Connection, StoreError> {
    let scratch = ScratchDir::new(path)?;
    let copy = scratch.copy_with_wal(path)?;
    let conn = connect(
        &copy,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        key,
        path,
    )?;
    conn.pragma_update(None, "locking_mode", "EXCLUSIVE")
        .map_err(|e| sqlite(path, e))?;
    state.scratch = Some(scratch);
    Ok(conn)
}

/// A `file:` URI for an absolute path (for the `immutable` parameter).
pub(crate) fn file_uri(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    let mut out = String::from("file:");
    if !text.starts_with('/') {
        out.push_str("///");
    }
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"/-_.~:".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// A unique temporary name beside `path` (see [`fsutil::temp_path`]).
pub use crate::fsutil::temp_path;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_uris_escape_what_sqlite_would_read_as_parameters() {
        assert_eq!(
            file_uri(Path::new("/tmp/a b?c#d%e.veldtoets")),
            "file:/tmp/a%20b%3Fc%23d%25e.veldtoets"
        );
    }

    #[test]
    fn sqlite_errors_are_dutch() {
        let full = rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_FULL),
            None,
        );
        let e = sqlite(Path::new("x.veldtoets"), full);
        assert!(matches!(e, StoreError::DiskFull(_)), "{e}");
        assert!(e.to_string().contains("schijf is vol"), "{e}");
        let moved = rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(SQLITE_READONLY_DBMOVED),
            None,
        );
        assert!(matches!(
            sqlite(Path::new("x.veldtoets"), moved),
            StoreError::Moved(_)
        ));
        let io = rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_IOERR_WRITE),
            Some("disk I/O error".into()),
        );
        let text = sqlite(Path::new("x.veldtoets"), io).to_string();
        assert!(text.contains("schrijffout"), "{text}");
        assert!(!text.contains("disk I/O"), "{text}");
    }
}
