//! The passphrase of an encrypted inspection file.
//!
//! A [`Passphrase`] never shows its content (`Debug` prints `Passphrase(***)`, there is no
//! `Display`), is overwritten with zeros when dropped, and is passed by reference. The store keeps
//! one private copy per open file (for the connections it opens later: the backup before a
//! migration, a read-only migrated copy, "opslaan als…"), wiped when the store is dropped.
//!
//! It is given to SQLCipher as a passphrase (`PRAGMA key = '…'`, SQLCipher's own key derivation
//! with the file's salt), never as a raw key. The statement text is built in a buffer that is
//! wiped too; SQLite itself keeps the text of a prepared statement until it is finalized.

use std::fmt;

/// The environment variable the CLI reads a passphrase from (for scripts).
pub const PASSPHRASE_ENV: &str = "VELDTOETS_WACHTWOORD";
/// The environment variable the CLI reads a new passphrase from (`veldtoets wachtwoord`).
pub const NEW_PASSPHRASE_ENV: &str = "VELDTOETS_NIEUW_WACHTWOORD";

/// Why a text cannot be a passphrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PassphraseError {
    /// SQLCipher takes an empty key as "not encrypted".
    #[error("het wachtwoord is leeg; kies een wachtwoord van minstens één teken")]
    Empty,
    /// A NUL character would end the key statement early.
    #[error("het wachtwoord bevat een nulteken (NUL); kies een wachtwoord zonder dat teken")]
    Nul,
    /// SQLCipher takes `x'…'` with hexadecimal digits as a raw key (and salt), not as a
    /// passphrase.
    #[error(
        "het wachtwoord heeft de vorm x'…' met alleen hexadecimale cijfers, die als ruwe sleutel zou worden gelezen; kies een ander wachtwoord"
    )]
    RawKey,
}

/// A passphrase, wiped from memory when dropped. See the module documentation.
pub struct Passphrase(Wiped);

impl Passphrase {
    /// Takes `text` as a passphrase, used exactly as given (no trimming). Refuses an empty text,
    /// one with a NUL character and one SQLCipher would read as a raw key (`x'…'`, hex digits).
    pub fn new(text: String) -> Result<Passphrase, PassphraseError> {
        let text = Wiped(text);
        if text.0.is_empty() {
            return Err(PassphraseError::Empty);
        }
        if text.0.contains('\0') {
            return Err(PassphraseError::Nul);
        }
        if looks_like_raw_key(&text.0) {
            return Err(PassphraseError::RawKey);
        }
        Ok(Passphrase(text))
    }

    /// A second copy, wiped on drop like the first (for the store, which outlives the caller's).
    pub(crate) fn duplicate(&self) -> Passphrase {
        Passphrase(Wiped(self.0.0.clone()))
    }

    /// The passphrase itself, for a bound `KEY ?` parameter (an attached file) and for comparing
    /// two passphrases.
    pub(crate) fn text(&self) -> &str {
        &self.0.0
    }

    /// The statement that keys a connection with this passphrase: `PRAGMA key = '…'`, the
    /// passphrase as an SQL string literal (single quotes doubled).
    pub(crate) fn key_statement(&self) -> Wiped {
        let text = &self.0.0;
        let quotes = text.matches('\'').count();
        // Sized once, so the buffer is never reallocated (which would leave a copy behind).
        let mut sql = String::with_capacity("PRAGMA key = '';".len() + text.len() + quotes);
        sql.push_str("PRAGMA key = '");
        for c in text.chars() {
            if c == '\'' {
                sql.push('\'');
            }
            sql.push(c);
        }
        sql.push_str("';");
        Wiped(sql)
    }
}

/// SQLCipher's test for a raw key: `x'` (either case), then an even number of hexadecimal
/// digits, then `'`.
fn looks_like_raw_key(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() >= 5
        && bytes[..2].eq_ignore_ascii_case(b"x'")
        && bytes[bytes.len() - 1] == b'\''
        && (bytes.len() - 3).is_multiple_of(2)
        && bytes[2..bytes.len() - 1].iter().all(u8::is_ascii_hexdigit)
}

impl fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Passphrase(***)")
    }
}

/// A text that is overwritten with zeros when dropped.
pub(crate) struct Wiped(String);

impl Wiped {
    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }
}

impl Drop for Wiped {
    fn drop(&mut self) {
        // Zeros are valid UTF-8, so the string stays a string while it is wiped. `black_box`
        // keeps the compiler from dropping the writes as dead stores before the deallocation.
        let text = std::mem::take(&mut self.0);
        let mut bytes = text.into_bytes();
        bytes.iter_mut().for_each(|b| *b = 0);
        std::hint::black_box(&mut bytes);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_the_content() {
        let pass = Passphrase::new("geheim-wachtwoord".into()).unwrap();
        assert_eq!(format!("{pass:?}"), "Passphrase(***)");
        assert_eq!(format!("{:?}", Some(&pass)), "Some(Passphrase(***))");
    }

    #[test]
    fn empty_and_nul_are_refused() {
        assert_eq!(
            Passphrase::new(String::new()).unwrap_err(),
            PassphraseError::Empty
        );
        assert_eq!(
            Passphrase::new("a\0b".into()).unwrap_err(),
            PassphraseError::Nul
        );
    }

    #[test]
    fn what_sqlcipher_would_read_as_a_raw_key_is_refused() {
        let raw = format!("x'{}'", "ab".repeat(32));
        assert_eq!(Passphrase::new(raw).unwrap_err(), PassphraseError::RawKey);
        assert_eq!(
            Passphrase::new("X'00'".into()).unwrap_err(),
            PassphraseError::RawKey
        );
        for fine in ["x'zz'", "x'0'", "x'00", "'x'00''", "x''"] {
            assert!(Passphrase::new(fine.into()).is_ok(), "{fine}");
        }
    }

    #[test]
    fn the_key_statement_quotes_the_passphrase_as_an_sql_string() {
        let pass = Passphrase::new("it's \"x'00'\"; --".into()).unwrap();
        assert_eq!(
            pass.key_statement().as_str(),
            "PRAGMA key = 'it''s \"x''00''\"; --';"
        );
        let plain = Passphrase::new("ëén wachtwoord".into()).unwrap();
        let sql = plain.key_statement();
        assert_eq!(sql.as_str(), "PRAGMA key = 'ëén wachtwoord';");
        assert!(sql.0.capacity() >= sql.0.len());
    }
}
