//! Drafts: text being typed, persisted outside the revision history so a crash loses nothing.
//!
//! The `concept` table holds at most one row per field ([`Field::key`]). Writing a draft is one
//! small committed transaction (WAL, `synchronous=FULL`, like every write), so it survives a
//! process kill once the call returns. When the draft becomes a revision, the revision and the
//! removal of its draft are one transaction: there is never a moment where the text is in
//! neither place.
//!
//! [`Field::key`]: crate::domain::draft::Field::key

use jiff::Timestamp;
use rusqlite::{Connection, TransactionBehavior, params};
use uuid::Uuid;

use crate::domain::draft::StoredDraft;
use crate::domain::inspection::Change;

use super::rows::{self, LoadError};
use super::{Store, StoreError, sqlite};

impl Store {
    /// Writes (or replaces) the draft of one field, committed before it returns.
    pub fn save_draft(
        &mut self,
        key: &str,
        text: &str,
        author: Uuid,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        self.writable()?;
        self.conn
            .prepare_cached(
                "INSERT INTO concept (sleutel, tekst, inspecteur, bijgewerkt_op) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (sleutel) DO UPDATE SET tekst = excluded.tekst,
                     inspecteur = excluded.inspecteur, bijgewerkt_op = excluded.bijgewerkt_op",
            )
            .and_then(|mut stmt| {
                stmt.execute(params![key, text, author.to_string(), at.to_string()])
            })
            .map(|_| ())
            .map_err(|e| sqlite(&self.path, e))
    }

    /// Removes the draft of one field (it was saved as a revision, or discarded on purpose).
    pub fn clear_draft(&mut self, key: &str) -> Result<(), StoreError> {
        self.writable()?;
        self.conn
            .execute("DELETE FROM concept WHERE sleutel = ?1", [key])
            .map(|_| ())
            .map_err(|e| sqlite(&self.path, e))
    }

    /// Stores a revision and removes the drafts it settles, in one committed transaction.
    pub fn append_settling(
        &mut self,
        change: &Change,
        drafts: &[String],
    ) -> Result<(), StoreError> {
        self.writable()?;
        let path = self.path.clone();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| sqlite(&path, e))?;
        rows::insert(&tx, change).map_err(|e| sqlite(&path, e))?;
        for key in drafts {
            tx.execute("DELETE FROM concept WHERE sleutel = ?1", [key])
                .map_err(|e| sqlite(&path, e))?;
        }
        tx.commit().map_err(|e| sqlite(&path, e))
    }

    /// Every draft in the file, oldest first.
    pub fn drafts(&self) -> Result<Vec<StoredDraft>, StoreError> {
        read_drafts(&self.conn).map_err(|e| match e {
            LoadError::Sqlite(e) => sqlite(&self.path, e),
            LoadError::Invalid(detail) => StoreError::Invalid {
                path: self.path.clone(),
                detail,
            },
        })
    }
}

/// Reads the `concept` table (used by [`Store::drafts`] and when loading an inspection).
pub(super) fn read_drafts(conn: &Connection) -> Result<Vec<StoredDraft>, LoadError> {
    let mut stmt = conn.prepare(
        "SELECT sleutel, tekst, inspecteur, bijgewerkt_op FROM concept ORDER BY bijgewerkt_op, sleutel",
    )?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        let key: String = row.get(0)?;
        let author: String = row.get(2)?;
        let at: String = row.get(3)?;
        out.push(StoredDraft {
            text: row.get(1)?,
            author: Uuid::parse_str(&author).map_err(|_| {
                LoadError::Invalid(format!(
                    "concepttekst '{key}' heeft een ongeldige inspecteur-id"
                ))
            })?,
            at: at.parse().map_err(|_| {
                LoadError::Invalid(format!("concepttekst '{key}' heeft een ongeldige tijd"))
            })?,
            key,
        });
    }
    Ok(out)
}

/// A complete copy of an open inspection being written ("opslaan als…"): a file under a
/// temporary name beside the target, open for the writes that could not reach the original.
pub struct Copy {
    pub store: Store,
    target: std::path::PathBuf,
}

impl Store {
    /// Starts a copy of this file at `target` (which must not exist): a consistent snapshot
    /// (`VACUUM INTO`) under a temporary name, opened so pending writes can be added.
    /// [`Copy::finish`] puts it in place. The copy of an encrypted file is encrypted with the same
    /// key (`VACUUM INTO` on the keyed connection) and opened with it.
    pub fn copy_to(&self, target: &std::path::Path) -> Result<Copy, StoreError> {
        if target.exists() {
            return Err(StoreError::AlreadyExists(target.to_path_buf()));
        }
        let temp = crate::fsutil::temp_path(target);
        let _ = std::fs::remove_file(&temp);
        self.conn
            .execute("VACUUM INTO ?1", [temp.to_string_lossy()])
            .map_err(|e| sqlite(target, e))?;
        match Store::open_unloaded_with(&temp, self.key.as_ref()) {
            Ok((store, _)) => Ok(Copy {
                store,
                target: target.to_path_buf(),
            }),
            Err(e) => {
                let _ = std::fs::remove_file(&temp);
                Err(e)
            }
        }
    }
}

impl Copy {
    /// Gives the copy up: closes it and removes the temporary file.
    pub fn abandon(self) {
        let temp = self.store.path.clone();
        drop(self.store);
        let _ = std::fs::remove_file(&temp);
        let mut wal = temp.into_os_string();
        wal.push("-wal");
        let _ = std::fs::remove_file(wal);
    }

    /// Closes the copy (everything checkpointed into the one file) and renames it into place.
    pub fn finish(self) -> Result<std::path::PathBuf, StoreError> {
        let temp = self.store.path.clone();
        let target = self.target;
        let cleanup = |e: StoreError| {
            let _ = std::fs::remove_file(&temp);
            e
        };
        self.store
            .conn
            .close()
            .map_err(|(_, e)| cleanup(sqlite(&temp, e)))?;
        std::fs::File::open(&temp)
            .and_then(|f| f.sync_all())
            .and_then(|()| std::fs::rename(&temp, &target))
            .map_err(|error| {
                cleanup(StoreError::Io {
                    path: target.clone(),
                    error,
                })
            })?;
        Ok(target)
    }
}
