//! File writing that never leaves a half-written file and never replaces an inspection.
//!
//! - [`write_atomic`]: write beside the target under a unique hidden name, flush to disk, then
//!   rename over it.
//! - [`check_output_target`]: the guard every output (PDF, JSON, overzicht) passes first. It
//!   refuses an existing inspection file (decided by content: the SQLite header and veldtoets'
//!   `application_id`, or the first bytes of an encrypted one), a target that is one of the inputs (same path, same file through a link),
//!   a SQLite side file of an inspection (`-wal`, `-shm`, `-journal`) and a directory. A file
//!   veldtoets has open anywhere is an inspection file, so that is refused too.
//! - [`io_error_text`]: an [`std::io::Error`] as Dutch text, so no English OS message reaches a
//!   user; [`PathError`] pairs it with the path.
//!
//! This module knows nothing of `crate::store` (the store uses it, not the other way round).

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use thiserror::Error;

/// The first 16 bytes of every SQLite database file.
pub const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// `PRAGMA application_id` of every veldtoets file ("VTTS"), at offset 68 of the header. The store
/// checks at compile time that its own constant is the same.
pub const INSPECTION_APPLICATION_ID: i32 = 0x5654_5453;

/// The first 4 bytes of an encrypted inspection file ("VTTS", the start of its salt); the store's
/// `ENCRYPTED_MAGIC` is this constant.
pub const ENCRYPTED_INSPECTION_MAGIC: &[u8; 4] = b"VTTS";

/// The suffixes of SQLite's side files beside a database.
pub const SIDE_FILE_SUFFIXES: [&str; 3] = ["-wal", "-shm", "-journal"];

/// Whether `header` (the first bytes of a file) is the header of an inspection file: a SQLite
/// database with veldtoets' application id, or an encrypted inspection file.
pub fn is_inspection_header(header: &[u8]) -> bool {
    let plain = header.len() >= 72
        && header.starts_with(SQLITE_MAGIC)
        && i32::from_be_bytes([header[68], header[69], header[70], header[71]])
            == INSPECTION_APPLICATION_ID;
    plain || (header.len() >= 16 && header.starts_with(ENCRYPTED_INSPECTION_MAGIC))
}

/// Whether `path` is an existing inspection file, decided by its content (not its name). A
/// missing path or a directory is not one.
pub fn is_inspection_file(path: &Path) -> std::io::Result<bool> {
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_file() => {}
        Ok(_) => return Ok(false),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(e),
    }
    let mut header = Vec::with_capacity(100);
    std::fs::File::open(path)?
        .take(100)
        .read_to_end(&mut header)?;
    Ok(is_inspection_header(&header))
}

/// Why an output file is not written. Nothing was written in any case.
#[derive(Debug, Error)]
pub enum OutputRefused {
    #[error(
        "'{0}' is een map, geen bestand; geef een bestandsnaam op (bijvoorbeeld een naam in die map). Er is niets geschreven"
    )]
    Directory(PathBuf),
    #[error(
        "'{0}' is een onderzoeksbestand en wordt niet overschreven; kies een andere naam voor de uitvoer (bijvoorbeeld met .pdf of .json). Er is niets geschreven"
    )]
    Inspection(PathBuf),
    #[error(
        "'{target}' is hetzelfde bestand als de invoer '{input}' en wordt niet overschreven; kies een andere naam voor de uitvoer. Er is niets geschreven"
    )]
    SameAsInput { target: PathBuf, input: PathBuf },
    #[error(
        "'{target}' is een hulpbestand van het onderzoeksbestand '{inspection}' (er kunnen opgeslagen wijzigingen in staan) en wordt niet overschreven; kies een andere naam voor de uitvoer. Er is niets geschreven"
    )]
    SideFile {
        target: PathBuf,
        inspection: PathBuf,
    },
    #[error(
        "de map '{folder}' voor '{target}' bestaat niet; kies een bestaande map. Er is niets geschreven"
    )]
    NoFolder { target: PathBuf, folder: PathBuf },
    #[error(
        "'{path}' kan niet worden gecontroleerd voordat het wordt overschreven: {detail}. Kies een andere naam voor de uitvoer; er is niets geschreven"
    )]
    Unreadable { path: PathBuf, detail: String },
}

impl OutputRefused {
    /// The file the refusal is about (the output target).
    pub fn path(&self) -> &Path {
        match self {
            OutputRefused::Directory(p) | OutputRefused::Inspection(p) => p,
            OutputRefused::SameAsInput { target, .. }
            | OutputRefused::SideFile { target, .. }
            | OutputRefused::NoFolder { target, .. } => target,
            OutputRefused::Unreadable { path, .. } => path,
        }
    }
}

/// Decides whether an output (PDF, JSON, …) may be written to `target`, before anything is
/// written. `inputs` are the files the output is made from (they are never replaced, whatever
/// they are). Refuses:
/// - a directory;
/// - an existing inspection file (by content, whatever its name; any file veldtoets has open is
///   one);
/// - one of `inputs`: the same path, or the same file through a symbolic or hard link;
/// - a SQLite side file (`X-wal`, `X-shm`, `X-journal`) of an inspection file or of an input;
/// - a target in a folder that does not exist.
///
/// Reads at most the 100-byte headers of the target and its would-be database; writes nothing.
pub fn check_output_target(target: &Path, inputs: &[&Path]) -> Result<(), OutputRefused> {
    let unreadable = |path: &Path, e: &std::io::Error| OutputRefused::Unreadable {
        path: path.to_path_buf(),
        detail: io_error_text(e),
    };
    if target.as_os_str().is_empty() {
        return Err(OutputRefused::Directory(target.to_path_buf()));
    }
    let exists = match std::fs::metadata(target) {
        Ok(meta) if meta.is_dir() => return Err(OutputRefused::Directory(target.to_path_buf())),
        Ok(_) => true,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => false,
        Err(e) => return Err(unreadable(target, &e)),
    };
    // A name ending in a separator means a folder, even one that does not exist.
    let text = target.as_os_str().to_string_lossy();
    if text.ends_with('/') || text.ends_with(std::path::MAIN_SEPARATOR) {
        return Err(OutputRefused::Directory(target.to_path_buf()));
    }
    if exists {
        for input in inputs {
            if same_file(target, input) {
                return Err(OutputRefused::SameAsInput {
                    target: target.to_path_buf(),
                    input: input.to_path_buf(),
                });
            }
        }
        match is_inspection_file(target) {
            Ok(true) => return Err(OutputRefused::Inspection(target.to_path_buf())),
            Ok(false) => {}
            Err(e) => return Err(unreadable(target, &e)),
        }
    } else if let Some(folder) = target.parent().filter(|p| !p.as_os_str().is_empty())
        && !folder.is_dir()
    {
        return Err(OutputRefused::NoFolder {
            target: target.to_path_buf(),
            folder: folder.to_path_buf(),
        });
    }
    // The side files of a database, whether they exist or not: writing one would corrupt the
    // database (or be taken for its journal) the next time it is opened.
    if let Some(database) = side_file_database(target) {
        let is_input = inputs.iter().any(|input| same_file(&database, input));
        if is_input || is_inspection_file(&database).unwrap_or(false) {
            return Err(OutputRefused::SideFile {
                target: target.to_path_buf(),
                inspection: database,
            });
        }
    }
    Ok(())
}

/// For `X-wal`, `X-shm` or `X-journal`: `X`.
pub fn side_file_database(path: &Path) -> Option<PathBuf> {
    let name = path.file_name()?.to_str()?;
    SIDE_FILE_SUFFIXES.iter().find_map(|suffix| {
        name.strip_suffix(suffix)
            .filter(|stem| !stem.is_empty())
            .map(|stem| path.with_file_name(stem))
    })
}

/// Whether `a` and `b` are the same existing file: the same canonical path, or (on unix) the same
/// device and inode, which also catches hard links.
pub fn same_file(a: &Path, b: &Path) -> bool {
    if let (Ok(ca), Ok(cb)) = (std::fs::canonicalize(a), std::fs::canonicalize(b))
        && ca == cb
    {
        return true;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(ma), Ok(mb)) = (std::fs::metadata(a), std::fs::metadata(b)) {
            return ma.dev() == mb.dev() && ma.ino() == mb.ino();
        }
    }
    false
}

/// A unique temporary name beside `path` (same directory, so a rename is atomic), hidden: the
/// process id, a per-process counter and random bits, so two writers (threads or processes) never
/// share one.
pub fn temp_path(path: &Path) -> PathBuf {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "uitvoer".to_string());
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let random = uuid::Uuid::new_v4().simple().to_string();
    let random = random.get(..12).unwrap_or(&random);
    path.with_file_name(format!(".{name}.{}-{n}-{random}.tmp", std::process::id()))
}

/// Writes `bytes` to `path` atomically: readers see the old file or the complete new one. The
/// temporary file is removed on failure. Does not check the target: see [`write_output`].
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let temp = temp_path(path);
    let result = (|| {
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&temp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    } else {
        sync_parent(path);
    }
    result
}

/// Makes a rename in the directory of `path` durable (best effort: not every platform can open a
/// directory).
pub fn sync_parent(path: &Path) {
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if let Ok(dir) = std::fs::File::open(parent) {
        let _ = dir.sync_all();
    }
}

/// Why an output was not written.
#[derive(Debug, Error)]
pub enum OutputError {
    #[error(transparent)]
    Refused(#[from] OutputRefused),
    #[error(transparent)]
    Write(#[from] PathError),
}

/// Checks `target` with [`check_output_target`] against `inputs`, then writes `bytes` to it with
/// [`write_atomic`]. On any error nothing is written and no temporary file is left.
pub fn write_output(target: &Path, inputs: &[&Path], bytes: &[u8]) -> Result<(), OutputError> {
    check_output_target(target, inputs)?;
    write_atomic(target, bytes).map_err(|error| PathError::write(target, error))?;
    Ok(())
}

/// An I/O error about one path, shown in Dutch: `'PATH' kan niet worden geschreven: de schijf is
/// vol; …`.
#[derive(Debug, Error)]
#[error("'{}' {what}: {}", path.display(), io_error_text(error))]
pub struct PathError {
    pub path: PathBuf,
    /// What could not be done, e.g. "kan niet worden geschreven".
    pub what: &'static str,
    /// The underlying error (deliberately not a `source`: its English text would be printed
    /// after the Dutch one).
    pub error: std::io::Error,
}

impl PathError {
    pub fn new(path: &Path, what: &'static str, error: std::io::Error) -> PathError {
        PathError {
            path: path.to_path_buf(),
            what,
            error,
        }
    }

    /// "kan niet worden gelezen".
    pub fn read(path: &Path, error: std::io::Error) -> PathError {
        PathError::new(path, "kan niet worden gelezen", error)
    }

    /// "kan niet worden geschreven".
    pub fn write(path: &Path, error: std::io::Error) -> PathError {
        PathError::new(path, "kan niet worden geschreven", error)
    }

    pub fn kind(&self) -> std::io::ErrorKind {
        self.error.kind()
    }
}

/// An I/O error as Dutch text that says what happened and what to do, without the English OS
/// message.
pub fn io_error_text(error: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    let text = match error.kind() {
        K::NotFound => "het bestand of de map bestaat niet; controleer het pad",
        K::PermissionDenied => {
            "u hebt hier geen toestemming voor (alleen-lezen of van een andere gebruiker); kies een andere plek of vraag toegang"
        }
        K::ReadOnlyFilesystem => {
            "de schijf of map is alleen-lezen; kies een plek waar u mag schrijven"
        }
        K::StorageFull => "de schijf is vol; maak ruimte vrij en probeer het opnieuw",
        K::QuotaExceeded => {
            "uw schijfruimte (quotum) is op; maak ruimte vrij en probeer het opnieuw"
        }
        K::FileTooLarge => "het bestand is te groot voor deze schijf",
        K::IsADirectory => "dit is een map, geen bestand; geef een bestandsnaam op",
        K::NotADirectory => "een deel van het pad is geen map; controleer het pad",
        K::AlreadyExists => "het bestand bestaat al; kies een andere naam",
        K::DirectoryNotEmpty => "de map is niet leeg",
        K::InvalidFilename => {
            "de bestandsnaam is ongeldig (te lang of met tekens die hier niet mogen); kies een andere naam"
        }
        K::CrossesDevices => {
            "het bestand kan niet naar een andere schijf worden verplaatst; kies een plek op dezelfde schijf"
        }
        K::ResourceBusy => "het bestand is in gebruik; sluit het elders en probeer het opnieuw",
        K::StaleNetworkFileHandle
        | K::HostUnreachable
        | K::NetworkUnreachable
        | K::NetworkDown
        | K::ConnectionReset
        | K::ConnectionAborted => {
            "de netwerkschijf is niet bereikbaar; controleer de verbinding en probeer het opnieuw"
        }
        K::TimedOut => "het duurde te lang; probeer het opnieuw",
        K::Interrupted => "onderbroken; probeer het opnieuw",
        K::UnexpectedEof => "het bestand is korter dan verwacht (afgekapt of beschadigd)",
        K::InvalidData => "het bestand bevat ongeldige gegevens",
        K::OutOfMemory => {
            "er is te weinig geheugen; sluit andere programma's en probeer het opnieuw"
        }
        K::Unsupported => "dit kan niet op deze schijf of dit systeem",
        K::BrokenPipe => "de uitvoer is afgesloten",
        _ => {
            return match error.raw_os_error() {
                // ENOSPC, EROFS, EDQUOT, EIO on Linux, for kinds older toolchains map to Other.
                Some(28) => "de schijf is vol; maak ruimte vrij en probeer het opnieuw".into(),
                Some(30) => {
                    "de schijf of map is alleen-lezen; kies een plek waar u mag schrijven".into()
                }
                Some(122) => {
                    "uw schijfruimte (quotum) is op; maak ruimte vrij en probeer het opnieuw".into()
                }
                Some(5) => {
                    "lees- of schrijffout van de schijf (mogelijk beschadigd of losgekoppeld); controleer de schijf".into()
                }
                Some(code) => format!("onverwachte systeemfout (code {code}); probeer het opnieuw"),
                None => "onverwachte fout bij het lezen of schrijven; probeer het opnieuw".into(),
            };
        }
    };
    text.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temp_names_are_unique_hidden_and_beside_the_target() {
        let a = temp_path(Path::new("/map/rapport.pdf"));
        let b = temp_path(Path::new("/map/rapport.pdf"));
        assert_ne!(a, b);
        assert_eq!(a.parent(), Some(Path::new("/map")));
        let name = a.file_name().unwrap().to_string_lossy().into_owned();
        assert!(name.starts_with(".rapport.pdf."), "{name}");
        assert!(name.contains(&std::process::id().to_string()), "{name}");
        assert!(name.ends_with(".tmp"), "{name}");
    }

    #[test]
    fn io_errors_are_dutch() {
        use std::io::{Error, ErrorKind};
        for kind in [
            ErrorKind::NotFound,
            ErrorKind::PermissionDenied,
            ErrorKind::ReadOnlyFilesystem,
            ErrorKind::StorageFull,
            ErrorKind::IsADirectory,
        ] {
            let text = io_error_text(&Error::from(kind));
            assert!(!text.contains("os error"), "{text}");
        }
        assert!(io_error_text(&Error::from_raw_os_error(28)).contains("schijf is vol"));
        assert!(io_error_text(&Error::from_raw_os_error(21)).contains("map"));
        let e = PathError::write(Path::new("/x/y.pdf"), Error::from_raw_os_error(13));
        let text = e.to_string();
        assert!(
            text.starts_with("'/x/y.pdf' kan niet worden geschreven: "),
            "{text}"
        );
        assert!(!text.contains("os error"), "{text}");
    }

    #[test]
    fn side_files_name_their_database() {
        assert_eq!(
            side_file_database(Path::new("/m/a.veldtoets-wal")),
            Some(PathBuf::from("/m/a.veldtoets"))
        );
        assert_eq!(
            side_file_database(Path::new("a.veldtoets-journal")),
            Some(PathBuf::from("a.veldtoets"))
        );
        assert_eq!(side_file_database(Path::new("/m/rapport.pdf")), None);
        assert_eq!(side_file_database(Path::new("/m/-wal")), None);
    }

    #[test]
    fn inspection_headers_are_recognised_by_content() {
        let mut header = [0u8; 100];
        header[..16].copy_from_slice(SQLITE_MAGIC);
        assert!(!is_inspection_header(&header));
        header[68..72].copy_from_slice(&INSPECTION_APPLICATION_ID.to_be_bytes());
        assert!(is_inspection_header(&header));
        assert!(!is_inspection_header(&header[..50]));
        header[0] = b'X';
        assert!(!is_inspection_header(&header));
        let mut encrypted = [0x5au8; 100];
        encrypted[..4].copy_from_slice(ENCRYPTED_INSPECTION_MAGIC);
        assert!(is_inspection_header(&encrypted));
        assert!(!is_inspection_header(&encrypted[..8]));
    }
}
