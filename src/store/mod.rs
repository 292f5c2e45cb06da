//! The inspection file: one SQLite file (`.veldtoets`) per onderzoek. The only module that knows
//! rusqlite.
//!
//! - **Opening safely.** [`probe`] reads the 100-byte header without SQLite, so a garbage,
//!   truncated, foreign or newer file is refused before anything could write to it (and no side
//!   file appears). An older schema is backed up beside the file (`VACUUM INTO`, then rename) and
//!   migrated, one transaction per migration.
//! - **One writer.** The connection runs in `locking_mode=EXCLUSIVE`: while a veldtoets has the
//!   file open, another gets [`StoreError::InUse`] at once.
//! - **Durability.** WAL with `synchronous=FULL`: every [`Store::append`] is one committed
//!   transaction that survives a process kill, an OS crash and a power loss once it returns.
//! - **Creating atomically.** [`Store::create`] builds the file under a temporary name beside the
//!   target and renames it into place, so a half-made file never appears.

mod merge;
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
use crate::kader_io;

pub use merge::{MergeError, MergeOutcome, MergeProgress, MergeSummary, merge};
pub use schema::{APPLICATION_ID, CURRENT_VERSION};

/// The file extension of an inspection file.
pub const EXTENSION: &str = "veldtoets";

/// Why an inspection file cannot be used. Every message says what is wrong and what to do.
#[derive(Debug, Error)]
pub enum StoreError {
    #[error("'{0}' bestaat niet; kies een bestaand .veldtoets-bestand of maak een nieuw onderzoek")]
    NotFound(PathBuf),
    #[error("'{0}' bestaat al; kies een andere naam of open het bestaande bestand")]
    AlreadyExists(PathBuf),
    #[error("'{0}' is geen bestand maar een map")]
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
        "'{0}' is al geopend in een ander venster of programma (veldtoets staat maar één gebruiker tegelijk toe). Sluit het daar en probeer het opnieuw"
    )]
    InUse(PathBuf),
    #[error(
        "'{path}' is beschadigd: {detail}. Het bestand is niet gewijzigd; gebruik een reservekopie of een kopie van een collega"
    )]
    Corrupt { path: PathBuf, detail: String },
    #[error("'{path}': {detail}")]
    Invalid { path: PathBuf, detail: String },
    #[error("'{path}' kan niet worden gelezen of geschreven: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("databasefout in '{path}': {source}")]
    Sqlite {
        path: PathBuf,
        source: rusqlite::Error,
    },
}

/// What the header of a file says, read without SQLite.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Probe {
    pub schema_version: u32,
}

/// Reads the 100-byte SQLite header of `path` and decides whether veldtoets may open it. Never
/// writes and never creates a file.
pub fn probe(path: &Path) -> Result<Probe, StoreError> {
    let io = |source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    };
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
    const MAGIC: &[u8; 16] = b"SQLite format 3\0";
    if header.is_empty() {
        return Err(StoreError::Empty(path.to_path_buf()));
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
    let len = meta.len();
    let pages = u64::from(be32(28));
    let header_valid = be32(92) == be32(24);
    if len % page_size != 0 || (header_valid && pages * page_size > len) {
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
    Ok(Probe { schema_version })
}

/// An open inspection file. Holds the exclusive lock until dropped.
pub struct Store {
    conn: Connection,
    path: PathBuf,
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
    /// Creates a new inspection file at `path` (which must not exist) for `framework`, with the
    /// organisatie and the first inspecteur.
    pub fn create(
        path: &Path,
        framework: &Framework,
        organisatie: &str,
        inspecteur: &str,
        stamp: Stamp,
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
            let conn = Connection::open(&temp).map_err(|e| sqlite(&temp, e))?;
            schema::migrate(&conn, 0).map_err(|e| sqlite(&temp, e))?;
            conn.execute(
                "INSERT INTO onderzoek (id, kader_id, kader_bron, aangemaakt_op) VALUES (?1, ?2, ?3, ?4)",
                params![
                    onderzoek.to_string(),
                    framework.id,
                    framework.source_text,
                    stamp.at.to_string()
                ],
            )
            .map_err(|e| sqlite(&temp, e))?;
            conn.close().map_err(|(_, e)| sqlite(&temp, e))?;
            std::fs::rename(&temp, path).map_err(|source| StoreError::Io {
                path: path.to_path_buf(),
                source,
            })
        })();
        if let Err(e) = result {
            let _ = std::fs::remove_file(&temp);
            return Err(e);
        }
        let (mut store, mut loaded, _) = Store::open(path)?;
        store.add_inspector(author, inspection.inspector_name(author))?;
        loaded.add_inspector(inspecteur);
        store.append(&details)?;
        loaded.apply(details);
        Ok((store, loaded))
    }

    /// Opens an existing inspection file: probe, lock, migrate (after a backup) and load.
    pub fn open(path: &Path) -> Result<(Store, Inspection, OpenReport), StoreError> {
        let (store, report) = Store::open_unloaded(path)?;
        let inspection = store.load()?;
        Ok((store, inspection, report))
    }

    /// [`Store::open`] without reading the inspection into memory: probe, lock, migrate.
    pub(crate) fn open_unloaded(path: &Path) -> Result<(Store, OpenReport), StoreError> {
        let probed = probe(path)?;
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| sqlite(path, e))?;
        // Exclusive locking before the first access: no shared-memory file, and nobody else
        // can read or write while we have the file open.
        conn.pragma_update(None, "locking_mode", "EXCLUSIVE")
            .map_err(|e| sqlite(path, e))?;
        conn.busy_timeout(Duration::from_millis(200))
            .map_err(|e| sqlite(path, e))?;
        let store = Store {
            conn,
            path: path.to_path_buf(),
        };
        store.lock()?;
        store.configure()?;

        let version: u32 = store.pragma_u32("user_version")?;
        if version > CURRENT_VERSION {
            return Err(StoreError::Newer {
                path: path.to_path_buf(),
                found: version,
                known: CURRENT_VERSION,
            });
        }
        let mut report = OpenReport::default();
        if version < CURRENT_VERSION {
            let backup = store.backup(version)?;
            schema::migrate(&store.conn, version).map_err(|e| store.err(e))?;
            report.migrated_from = Some((version, backup));
        }
        debug_assert!(probed.schema_version <= CURRENT_VERSION);
        Ok((store, report))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn err(&self, e: rusqlite::Error) -> StoreError {
        sqlite(&self.path, e)
    }

    /// Takes the exclusive lock now, so a second opener is refused at once.
    fn lock(&self) -> Result<(), StoreError> {
        let result = self
            .conn
            .execute_batch("BEGIN IMMEDIATE; COMMIT;")
            .and_then(|()| {
                self.conn
                    .query_row("SELECT count(*) FROM sqlite_schema", [], |r| {
                        r.get::<_, i64>(0)
                    })
            });
        match result {
            Ok(_) => Ok(()),
            Err(rusqlite::Error::SqliteFailure(e, _))
                if matches!(
                    e.code,
                    rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked
                ) =>
            {
                Err(StoreError::InUse(self.path.clone()))
            }
            Err(rusqlite::Error::SqliteFailure(e, detail))
                if matches!(
                    e.code,
                    rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase
                ) =>
            {
                Err(StoreError::Corrupt {
                    path: self.path.clone(),
                    detail: detail.unwrap_or_else(|| e.to_string()),
                })
            }
            Err(e) => Err(self.err(e)),
        }
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
        self.conn
            .pragma_query_value(None, name, |r| r.get::<_, i64>(0))
            .map(|v| u32::try_from(v).unwrap_or(u32::MAX))
            .map_err(|e| self.err(e))
    }

    /// Writes a consistent copy beside the file (`NAME.v{version}.bak`, atomically) before a
    /// migration, and returns its path.
    fn backup(&self, version: u32) -> Result<PathBuf, StoreError> {
        let mut name = self.path.as_os_str().to_owned();
        name.push(format!(".v{version}.bak"));
        let target = PathBuf::from(name);
        let temp = temp_path(&target);
        let _ = std::fs::remove_file(&temp);
        self.conn
            .execute("VACUUM INTO ?1", [temp.to_string_lossy()])
            .map_err(|e| self.err(e))?;
        std::fs::rename(&temp, &target).map_err(|source| StoreError::Io {
            path: target.clone(),
            source,
        })?;
        Ok(target)
    }

    /// Registers an inspecteur (idempotent).
    pub fn add_inspector(&mut self, id: Uuid, name: &str) -> Result<(), StoreError> {
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

    /// Records the oordelen of an earlier round (for a hertoets).
    pub fn set_earlier_round(
        &mut self,
        round: &crate::domain::inspection::EarlierRound,
    ) -> Result<(), StoreError> {
        let oordelen = serde_json::to_string(&round.oordelen).unwrap_or_else(|_| "{}".into());
        self.conn
            .execute(
                "INSERT OR REPLACE INTO eerdere_ronde (onderzoek, omschrijving, datum, oordelen) VALUES (?1, ?2, ?3, ?4)",
                params![
                    round.onderzoek,
                    round.omschrijving,
                    round.datum.map(|d| d.to_string()),
                    oordelen
                ],
            )
            .map(|_| ())
            .map_err(|e| self.err(e))
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
        let id =
            Uuid::parse_str(&id).map_err(|e| invalid(format!("ongeldige onderzoek-id: {e}")))?;
        let created = created
            .parse()
            .map_err(|e| invalid(format!("ongeldige aanmaakdatum: {e}")))?;
        let mut inspection = Inspection::new(id, framework, created);
        rows::load_into(&self.conn, &mut inspection).map_err(|e| match e {
            rows::LoadError::Sqlite(e) => self.err(e),
            rows::LoadError::Invalid(detail) => invalid(detail),
        })?;
        Ok(inspection)
    }

    /// Integrity, foreign keys, schema version and row counts.
    pub fn check(&self) -> Result<CheckReport, StoreError> {
        let mut stmt = self
            .conn
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
        Ok(CheckReport {
            schema_version: self.pragma_u32("user_version")?,
            integrity,
            foreign_key_violations,
            counts,
        })
    }
}

fn sqlite(path: &Path, source: rusqlite::Error) -> StoreError {
    StoreError::Sqlite {
        path: path.to_path_buf(),
        source,
    }
}

/// A temporary name beside `path` (same directory, so a rename is atomic).
pub fn temp_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.{}.tmp", std::process::id()))
}
