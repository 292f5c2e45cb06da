//! Converting an inspection file between plain and encrypted, or to another passphrase:
//! `veldtoets versleutel`, `ontsleutel --naar` and `wachtwoord`.
//!
//! [`convert`] never changes a file in place. It writes a complete new file under a temporary
//! name beside the target (`sqlcipher_export`, through one connection that reads the source with
//! its key and writes the target with the new one: no plain text reaches the disk unless the
//! target is meant to be plain), verifies it (opened with its own key: integrity check, and the
//! same rows in every table as the source), and only then renames it into place. The source is
//! held under veldtoets' exclusive lock from the first read to the rename, so no edit can slip in
//! between; when the target is the source itself, its `-wal` is checkpointed into it first, so
//! nothing of the old file is left beside the new one.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, params};

use super::merge::remove_with_side_files;
use super::{
    CURRENT_VERSION, Passphrase, StoreError, connect, detect, export_to, io_error, key_for,
    open_error, set_checkpoint_on_close, sqlite,
};
use crate::fsutil;

/// What [`convert`] wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conversion {
    /// The file written (the source itself when it was replaced).
    pub target: PathBuf,
    /// Whether the source itself was replaced.
    pub replaced: bool,
    /// The rows in every table, the same in the source and the target (verified).
    pub rows: u64,
}

/// The name the source is attached under.
const SOURCE: &str = "convert_source";

/// Writes the inspection file `source` (plain, or encrypted with `source_key`) as `target`:
/// encrypted with `target_key` (a new salt), or plain without one. `target` is either a new file
/// (it must not exist) or `source` itself, which is then replaced atomically once the new file is
/// verified. A file veldtoets refuses, a wrong passphrase, a file open elsewhere: an error, and
/// nothing changed.
pub fn convert(
    source: &Path,
    source_key: Option<&Passphrase>,
    target: &Path,
    target_key: Option<&Passphrase>,
) -> Result<Conversion, StoreError> {
    let key = key_for(source, detect(source)?, source_key)?;
    let replaced = fsutil::same_file(source, target);
    if !replaced {
        if std::fs::symlink_metadata(target).is_ok() {
            return Err(StoreError::AlreadyExists(target.to_path_buf()));
        }
        if let Some(parent) = target.parent().filter(|p| !p.as_os_str().is_empty())
            && !parent.is_dir()
        {
            return Err(StoreError::Invalid {
                path: target.to_path_buf(),
                detail: format!(
                    "de map '{}' bestaat niet; kies een bestaande map",
                    parent.display()
                ),
            });
        }
    }
    let conn = Connection::open_in_memory().map_err(|e| sqlite(source, e))?;
    conn.execute_batch("PRAGMA cipher_log_level = NONE; PRAGMA locking_mode = EXCLUSIVE;")
        .map_err(|e| sqlite(source, e))?;
    // Until the key is checked, closing leaves the source's WAL exactly as it is: SQLite's
    // checkpoint copies WAL frames without decrypting them, so a wrong passphrase would still
    // change the file. Switched back on once the key opens it (`convert_attached`).
    set_checkpoint_on_close(&conn, source, false)?;
    let absolute = std::path::absolute(source).map_err(|e| io_error(source, e))?;
    conn.execute(
        &format!("ATTACH DATABASE ?1 AS {SOURCE} KEY ?2"),
        params![absolute.to_string_lossy(), key.map_or("", Passphrase::text)],
    )
    .map_err(|e| open_error(source, e, key.is_some()))?;
    let result = convert_attached(&conn, source, key.is_some(), target, target_key, replaced);
    // Releases the lock; with the source replaced, on a file that is no longer there.
    let _ = conn.execute_batch(&format!("DETACH DATABASE {SOURCE}"));
    result
}

fn convert_attached(
    conn: &Connection,
    source: &Path,
    encrypted: bool,
    target: &Path,
    target_key: Option<&Passphrase>,
    replaced: bool,
) -> Result<Conversion, StoreError> {
    // Takes the exclusive lock (a file open in veldtoets elsewhere is refused here) and checks
    // the key and the header.
    let application_id: i32 = conn
        .query_row(&format!("PRAGMA {SOURCE}.application_id"), [], |r| r.get(0))
        .map_err(|e| open_error(source, e, encrypted))?;
    // The key is right: closing folds a pending WAL into the file as every close does (the
    // content is the same) and removes the `-wal` file the attach made.
    set_checkpoint_on_close(conn, source, true)?;
    conn.execute_batch("BEGIN IMMEDIATE; COMMIT;")
        .map_err(|e| open_error(source, e, encrypted))?;
    if application_id != super::APPLICATION_ID {
        return Err(StoreError::Foreign(source.to_path_buf()));
    }
    let version: u32 = conn
        .query_row(&format!("PRAGMA {SOURCE}.user_version"), [], |r| r.get(0))
        .map_err(|e| sqlite(source, e))?;
    if version > CURRENT_VERSION {
        return Err(StoreError::Newer {
            path: source.to_path_buf(),
            found: version,
            known: CURRENT_VERSION,
        });
    }
    let expected = row_counts(conn, SOURCE, source)?;

    let temp = fsutil::temp_path(target);
    let written = export_to(conn, SOURCE, &temp, target_key, target)
        .and_then(|()| verify(&temp, target_key, target, &expected));
    let rows = match written {
        Ok(rows) => rows,
        Err(e) => {
            remove_with_side_files(&temp);
            return Err(e);
        }
    };
    if replaced {
        // The WAL of the old file goes into it and its `-wal` file away, while the lock is held:
        // the new file must not find an old `-wal` beside it.
        let mode: Result<String, _> =
            conn.query_row(&format!("PRAGMA {SOURCE}.journal_mode = DELETE"), [], |r| {
                r.get(0)
            });
        if !matches!(&mode, Ok(m) if m.eq_ignore_ascii_case("delete")) {
            remove_with_side_files(&temp);
            return Err(StoreError::Invalid {
                path: source.to_path_buf(),
                detail: "de wachtende wijzigingen konden niet in het bestand worden verwerkt; het bestand is niet gewijzigd".into(),
            });
        }
    } else if std::fs::symlink_metadata(target).is_ok() {
        // Someone made it meanwhile: never replace a file we did not check.
        remove_with_side_files(&temp);
        return Err(StoreError::AlreadyExists(target.to_path_buf()));
    }
    if let Err(e) = std::fs::rename(&temp, target) {
        remove_with_side_files(&temp);
        return Err(io_error(target, e));
    }
    fsutil::sync_parent(target);
    Ok(Conversion {
        target: target.to_path_buf(),
        replaced,
        rows,
    })
}

/// The rows in every table of `schema`, by table name.
fn row_counts(
    conn: &Connection,
    schema: &str,
    path: &Path,
) -> Result<Vec<(String, u64)>, StoreError> {
    let tables: Vec<String> = conn
        .prepare(&format!(
            "SELECT name FROM {schema}.sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        ))
        .and_then(|mut stmt| {
            stmt.query_map([], |r| r.get(0))
                .and_then(|rows| rows.collect())
        })
        .map_err(|e| sqlite(path, e))?;
    tables
        .into_iter()
        .map(|table| {
            let n: i64 = conn
                .query_row(
                    &format!(
                        "SELECT count(*) FROM {schema}.\"{}\"",
                        table.replace('"', "\"\"")
                    ),
                    [],
                    |r| r.get(0),
                )
                .map_err(|e| sqlite(path, e))?;
            Ok((table, u64::try_from(n).unwrap_or(0)))
        })
        .collect()
}

/// Opens the written copy with its own key and checks it: integrity, veldtoets' header, and the
/// same rows in every table as the source. Returns the number of rows.
fn verify(
    temp: &Path,
    key: Option<&Passphrase>,
    target: &Path,
    expected: &[(String, u64)],
) -> Result<u64, StoreError> {
    let failed = |detail: String| StoreError::Invalid {
        path: target.to_path_buf(),
        detail: format!("de nieuwe kopie klopt niet ({detail}); er is niets vervangen"),
    };
    let conn = connect(
        temp,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        key,
        target,
    )?;
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .map_err(|e| sqlite(target, e))?;
    if integrity != "ok" {
        return Err(failed(integrity));
    }
    let application_id: i32 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .map_err(|e| sqlite(target, e))?;
    if application_id != super::APPLICATION_ID {
        return Err(failed("geen veldtoets-kenmerk".into()));
    }
    let found = row_counts(&conn, "main", target)?;
    if found != expected {
        return Err(failed("niet dezelfde regels als het origineel".into()));
    }
    drop(conn);
    match (detect(temp)?, key) {
        (super::FileKind::Encrypted, Some(_)) | (super::FileKind::Plain(_), None) => {}
        _ => return Err(failed("de versleuteling is niet zoals gevraagd".into())),
    }
    Ok(expected.iter().map(|(_, n)| n).sum())
}
