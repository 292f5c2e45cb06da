//! Passphrases for several files at once: a merge of copies, a landelijk overzicht, a hertoets
//! that reads an earlier round. Colleagues usually share one passphrase per inspection, so a
//! [`Keyring`] tries the passphrases it already holds on each encrypted file before anyone is
//! asked again; only a file none of them opens is [`Unlock::Locked`].

use std::path::{Path, PathBuf};

use super::{FileKind, Passphrase, StoreError, detect, open_error, open_immutable};
use crate::fsutil;

/// The passphrases known so far and which file each one opens. Holds every passphrase as a
/// [`Passphrase`]: never printed, wiped when the keyring is dropped.
#[derive(Debug, Default)]
pub struct Keyring {
    passphrases: Vec<Passphrase>,
    /// Each file found to open with a passphrase, as an absolute path, with its index.
    files: Vec<(PathBuf, usize)>,
}

/// What [`Keyring::unlock`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unlock {
    /// A plain file: it needs no passphrase.
    Plain,
    /// An encrypted file that one of the keyring's passphrases opens.
    Unlocked,
    /// An encrypted file none of them opens: ask for its passphrase and [`Keyring::add`] it.
    Locked,
}

impl Keyring {
    /// An empty keyring.
    pub fn new() -> Keyring {
        Keyring::default()
    }

    /// A keyring with one passphrase.
    pub fn with(passphrase: Passphrase) -> Keyring {
        let mut keyring = Keyring::new();
        keyring.add(passphrase);
        keyring
    }

    /// Adds a passphrase (once: the same text twice is kept once).
    pub fn add(&mut self, passphrase: Passphrase) {
        if !self
            .passphrases
            .iter()
            .any(|p| p.text() == passphrase.text())
        {
            self.passphrases.push(passphrase);
        }
    }

    /// Tries `passphrase` on the encrypted file `path` (one key derivation) and, when it opens
    /// it, keeps it for that file. A passphrase that does not open it is not kept, so a wrong one
    /// typed by the user is never tried again on other files. Returns whether it opens `path`.
    pub fn add_for(&mut self, path: &Path, passphrase: Passphrase) -> Result<bool, StoreError> {
        if !passphrase_opens(path, &passphrase)? {
            return Ok(false);
        }
        let absolute = std::path::absolute(path).map_err(|e| super::io_error(path, e))?;
        let index = match self
            .passphrases
            .iter()
            .position(|p| p.text() == passphrase.text())
        {
            Some(i) => i,
            None => {
                self.passphrases.push(passphrase);
                self.passphrases.len() - 1
            }
        };
        self.files.push((absolute, index));
        Ok(true)
    }

    /// Whether it holds no passphrase.
    pub fn is_empty(&self) -> bool {
        self.passphrases.is_empty()
    }

    /// Decides what `path` needs: nothing (plain), a passphrase this keyring holds (tried one by
    /// one, each a key derivation of SQLCipher, and remembered for the file), or one it does not
    /// hold. A file veldtoets refuses anyway (garbage, truncated, …) gives that error. Only reads
    /// the file, without locks and without side files.
    pub fn unlock(&mut self, path: &Path) -> Result<Unlock, StoreError> {
        match detect(path)? {
            FileKind::Plain(_) => Ok(Unlock::Plain),
            FileKind::Encrypted => {
                if self.passphrase_for(path).is_some() {
                    return Ok(Unlock::Unlocked);
                }
                for (i, passphrase) in self.passphrases.iter().enumerate() {
                    if passphrase_opens(path, passphrase)? {
                        let absolute =
                            std::path::absolute(path).map_err(|e| super::io_error(path, e))?;
                        self.files.push((absolute, i));
                        return Ok(Unlock::Unlocked);
                    }
                }
                Ok(Unlock::Locked)
            }
        }
    }

    /// The passphrase [`Keyring::unlock`] found for `path` (the same file under another name
    /// counts), if any.
    pub fn passphrase_for(&self, path: &Path) -> Option<&Passphrase> {
        let absolute = std::path::absolute(path).ok();
        self.files
            .iter()
            .find(|(file, _)| Some(file) == absolute.as_ref() || fsutil::same_file(file, path))
            .map(|&(_, i)| &self.passphrases[i])
    }
}

/// Whether `passphrase` opens the encrypted file `path`: SQLCipher's check of the first page.
/// Reads the file as immutable (no lock, no side file, nothing written), so it also works on a
/// file open in veldtoets elsewhere.
pub fn passphrase_opens(path: &Path, passphrase: &Passphrase) -> Result<bool, StoreError> {
    let conn = open_immutable(path, Some(passphrase))?;
    match conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| {
        r.get::<_, i64>(0)
    }) {
        Ok(_) => Ok(true),
        Err(e) => match open_error(path, e, true) {
            StoreError::WrongPassphrase(_) => Ok(false),
            other => Err(other),
        },
    }
}
