//! Passphrases on the command line, from three sources in this order:
//! 1. `--wachtwoord-bestand PAD`: the first line of that file (for scripts; the file should be
//!    readable by its owner only);
//! 2. the environment variable `VELDTOETS_WACHTWOORD`;
//! 3. a prompt on the terminal (`/dev/tty`, without echo), when there is one.
//!
//! A new passphrase (`wachtwoord FILE`) comes from `--nieuw-wachtwoord-bestand PAD`,
//! `VELDTOETS_NIEUW_WACHTWOORD` or the terminal (asked twice). The passphrase is never printed,
//! logged or written anywhere; it lives in a [`Passphrase`], wiped when dropped.

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::{Context, Result, anyhow, bail};

use crate::store::{self, FileKind, Keyring, Passphrase, StoreError, Unlock};

/// The environment variable with the passphrase.
pub(super) const ENV: &str = store::PASSPHRASE_ENV;
/// The environment variable with a new passphrase (`veldtoets wachtwoord`).
pub(super) const ENV_NEW: &str = store::NEW_PASSPHRASE_ENV;

/// How often a passphrase typed on the terminal may be wrong before the command stops.
const ATTEMPTS: usize = 3;

/// Where this run's passphrases come from (set once from the arguments).
static SOURCES: Mutex<Sources> = Mutex::new(Sources {
    file: None,
    new_file: None,
});

struct Sources {
    file: Option<PathBuf>,
    new_file: Option<PathBuf>,
}

/// Records `--wachtwoord-bestand` and `--nieuw-wachtwoord-bestand` for this run.
pub(super) fn set_sources(file: Option<PathBuf>, new_file: Option<PathBuf>) {
    if let Ok(mut sources) = SOURCES.lock() {
        *sources = Sources { file, new_file };
    }
}

fn sources_file(new: bool) -> Option<PathBuf> {
    SOURCES.lock().ok().and_then(|s| {
        if new {
            s.new_file.clone()
        } else {
            s.file.clone()
        }
    })
}

/// The passphrase given without a terminal: `--wachtwoord-bestand`, else `VELDTOETS_WACHTWOORD`
/// (for a new one: `--nieuw-wachtwoord-bestand`, else `VELDTOETS_NIEUW_WACHTWOORD`). `None` when
/// neither is given.
fn given(new: bool) -> Result<Option<Passphrase>> {
    let (option, env) = if new {
        ("--nieuw-wachtwoord-bestand", ENV_NEW)
    } else {
        ("--wachtwoord-bestand", ENV)
    };
    if let Some(path) = sources_file(new) {
        let text = std::fs::read(&path)
            .with_context(|| format!("{option} '{}' kan niet worden gelezen", path.display()))?;
        let text = String::from_utf8(text).map_err(|_| {
            anyhow!(
                "{option} '{}' is geen tekst (UTF-8); zet het wachtwoord als tekst op de eerste regel",
                path.display()
            )
        })?;
        warn_if_readable_by_others(option, &path);
        let first = first_line(text);
        return Passphrase::new(first)
            .map(Some)
            .with_context(|| format!("{option} '{}'", path.display()));
    }
    match std::env::var(env) {
        Ok(text) => Passphrase::new(text).map(Some).context(env),
        Err(std::env::VarError::NotPresent) => Ok(None),
        Err(std::env::VarError::NotUnicode(_)) => {
            bail!("{env} is geen geldige tekst (UTF-8)")
        }
    }
}

/// A passphrase file that others on this computer may read (group or world permissions) is
/// used, with a warning saying how to restrict it.
fn warn_if_readable_by_others(option: &str, path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Ok(meta) = std::fs::metadata(path) {
            let mode = meta.permissions().mode() & 0o777;
            if mode & 0o044 != 0 {
                eprintln!(
                    "let op: {option} '{}' kan ook door anderen op deze computer worden gelezen (rechten {mode:o}); beperk dat met `chmod 600 '{}'`",
                    path.display(),
                    path.display()
                );
            }
        }
    }
    #[cfg(not(unix))]
    let _ = (option, path);
}

/// The first line of `text` without its line ending (a file written by `echo` ends in one).
fn first_line(mut text: String) -> String {
    if let Some(end) = text.find(['\n', '\r']) {
        // Overwritten before it is shortened, so no copy of the rest stays behind.
        let mut bytes = std::mem::take(&mut text).into_bytes();
        bytes[end..].iter_mut().for_each(|b| *b = 0);
        bytes.truncate(end);
        text = String::from_utf8(bytes).unwrap_or_default();
    }
    text
}

/// What to tell a user who gave no passphrase and has no terminal.
fn how_to_give(file: &Path) -> String {
    format!(
        "'{}' is versleuteld en er is geen wachtwoord gegeven; geef het met de omgevingsvariabele {ENV}, met --wachtwoord-bestand PAD, of start de opdracht in een terminal",
        file.display()
    )
}

/// The passphrase to open the existing file `file` with: none for a plain file; for an encrypted
/// one the given passphrase, or one typed on the terminal (asked again when wrong, up to three
/// times). A given passphrase is not tried here: the open that follows refuses a wrong one.
pub(super) fn for_file(file: &Path) -> Result<Option<Passphrase>> {
    match store::detect(file)? {
        FileKind::Plain(_) => Ok(None),
        FileKind::Encrypted => {
            // Not tried here: opening the file tries it (a key derivation costs ~0.2 s) and
            // refuses a wrong one with the store's message, the file untouched.
            if let Some(passphrase) = given(false)? {
                return Ok(Some(passphrase));
            }
            let mut keyring = Keyring::new();
            ask_until_unlocked(&mut keyring, file)?;
            Ok(keyring.passphrase_for(file).map(Passphrase::duplicate))
        }
    }
}

/// A keyring that opens every encrypted file in `files`: the given passphrase, and for a file it
/// does not open, one typed on the terminal (so files that share a passphrase ask once). Without
/// a terminal, a file the given passphrase does not open is refused. A file veldtoets refuses for
/// another reason is left to the command, which reports it in its own words.
pub(super) fn keyring_for(files: &[&Path], also: Option<Passphrase>) -> Result<Keyring> {
    let mut keyring = Keyring::new();
    if let Some(passphrase) = also {
        keyring.add(passphrase);
    }
    let given = given(false)?;
    let have_given = given.is_some();
    if let Some(passphrase) = given {
        keyring.add(passphrase);
    }
    for file in files {
        match keyring.unlock(file) {
            // A file veldtoets refuses anyway: the command itself says so, in its own words.
            Err(_) | Ok(Unlock::Plain | Unlock::Unlocked) => {}
            Ok(Unlock::Locked) if have_given && !has_terminal() => {
                return Err(StoreError::WrongPassphrase(file.to_path_buf()).into());
            }
            Ok(Unlock::Locked) => ask_until_unlocked(&mut keyring, file)?,
        }
    }
    Ok(keyring)
}

/// Asks on the terminal for the passphrase of `file` until `keyring` opens it.
fn ask_until_unlocked(keyring: &mut Keyring, file: &Path) -> Result<()> {
    if !has_terminal() {
        bail!(how_to_give(file));
    }
    for attempt in 1..=ATTEMPTS {
        let Some(passphrase) = prompt(&format!("Wachtwoord voor '{}': ", file.display()))? else {
            bail!(how_to_give(file));
        };
        if keyring.add_for(file, passphrase)? {
            return Ok(());
        }
        if attempt < ATTEMPTS {
            eprintln!("Het wachtwoord klopt niet. Probeer het opnieuw.");
        }
    }
    Err(StoreError::WrongPassphrase(file.to_path_buf()).into())
}

/// The passphrase given without a terminal (`demo`: encrypted only when one is given).
pub(super) fn given_only() -> Result<Option<Passphrase>> {
    given(false)
}

/// The passphrase for a new encrypted file (`new`, `versleutel`) or a new passphrase
/// (`wachtwoord`, with `new`): given, or typed twice on the terminal. `None` when none is given
/// and there is no terminal.
pub(super) fn choose(new: bool) -> Result<Option<Passphrase>> {
    if let Some(passphrase) = given(new)? {
        return Ok(Some(passphrase));
    }
    if !has_terminal() {
        return Ok(None);
    }
    let label = if new {
        "Nieuw wachtwoord"
    } else {
        "Wachtwoord"
    };
    for attempt in 1..=ATTEMPTS {
        let Some(first) = prompt(&format!("{label}: "))? else {
            return Ok(None);
        };
        let Some(second) = prompt(&format!("{label} (herhaal): "))? else {
            return Ok(None);
        };
        if first.text() == second.text() {
            return Ok(Some(first));
        }
        if attempt < ATTEMPTS {
            eprintln!("De twee wachtwoorden verschillen. Probeer het opnieuw.");
        }
    }
    bail!("de twee wachtwoorden verschilden {ATTEMPTS} keer; er is niets gewijzigd")
}

/// Whether a person at a terminal can be asked: standard input is a terminal and `/dev/tty`
/// opens (a script with its input redirected is never asked).
fn has_terminal() -> bool {
    use std::io::IsTerminal;
    std::io::stdin().is_terminal() && terminal::open().is_some()
}

/// Asks on the terminal, without echo. `None` on end of input (Ctrl+D). An empty answer is asked
/// again (a passphrase has at least one character).
fn prompt(question: &str) -> Result<Option<Passphrase>> {
    let Some(tty) = terminal::open() else {
        return Ok(None);
    };
    loop {
        let Some(line) = terminal::read_hidden(&tty, question)
            .context("het wachtwoord kan niet van de terminal worden gelezen")?
        else {
            return Ok(None);
        };
        if line.is_empty() {
            eprintln!("Het wachtwoord is leeg; typ minstens één teken.");
            continue;
        }
        return Passphrase::new(line).map(Some).map_err(Into::into);
    }
}

#[cfg(unix)]
mod terminal {
    use super::*;
    use std::fs::File;
    use std::os::fd::AsRawFd;

    /// The controlling terminal, for reading and writing; `None` without one (a script, CI).
    pub(super) fn open() -> Option<File> {
        std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open("/dev/tty")
            .ok()
    }

    /// Writes `question` to the terminal and reads a line with echo switched off (restored
    /// afterwards, also on an error). `None` on end of input.
    pub(super) fn read_hidden(tty: &File, question: &str) -> std::io::Result<Option<String>> {
        let fd = tty.as_raw_fd();
        // SAFETY: `termios` is plain data; tcgetattr fills it for a valid descriptor.
        let mut saved: libc::termios = unsafe { std::mem::zeroed() };
        // SAFETY: `fd` is an open descriptor of the terminal and `saved` is writable.
        let have_termios = unsafe { libc::tcgetattr(fd, &mut saved) } == 0;
        if have_termios {
            let mut hidden = saved;
            hidden.c_lflag &= !libc::ECHO;
            hidden.c_lflag |= libc::ECHONL;
            // SAFETY: as above; `hidden` is a valid termios derived from the current one.
            unsafe { libc::tcsetattr(fd, libc::TCSANOW, &hidden) };
        }
        let mut writer = tty;
        let result = writer
            .write_all(question.as_bytes())
            .and_then(|()| writer.flush())
            .and_then(|()| {
                let mut line = String::new();
                let n = std::io::BufReader::new(tty).read_line(&mut line)?;
                Ok((n > 0).then(|| first_line(line)))
            });
        if have_termios {
            // SAFETY: restores the settings read above on the same descriptor.
            unsafe { libc::tcsetattr(fd, libc::TCSANOW, &saved) };
        }
        result
    }
}

#[cfg(not(unix))]
mod terminal {
    /// No terminal prompt on this platform: the passphrase comes from the environment or a file.
    pub(super) fn open() -> Option<std::fs::File> {
        None
    }

    pub(super) fn read_hidden(
        _tty: &std::fs::File,
        _question: &str,
    ) -> std::io::Result<Option<String>> {
        Ok(None)
    }
}

/// What to tell a user who creates a file without any passphrase source and no terminal.
pub(super) fn none_for_new(file: &Path) -> anyhow::Error {
    anyhow!(
        "'{}' is niet gemaakt: een nieuw onderzoek wordt versleuteld en er is geen wachtwoord gegeven; geef het met de omgevingsvariabele {ENV}, met --wachtwoord-bestand PAD of in een terminal, of kies uitdrukkelijk --onversleuteld",
        file.display()
    )
}

#[cfg(test)]
mod tests {
    use super::first_line;

    #[test]
    fn the_first_line_without_its_ending() {
        assert_eq!(first_line("geheim\n".into()), "geheim");
        assert_eq!(first_line("geheim\r\nrest".into()), "geheim");
        assert_eq!(first_line("  met spaties  ".into()), "  met spaties  ");
        assert_eq!(first_line("\nleeg".into()), "");
    }
}
