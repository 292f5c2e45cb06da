//! `veldtoets versleutel`, `ontsleutel --naar` and `wachtwoord`: converting an inspection file
//! through a verified new file ([`store::convert`]), never changing it in place.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow, bail};

use crate::store::{self, FileKind};

use super::secrets;

/// `veldtoets versleutel FILE`: a plain file becomes encrypted with a new passphrase.
pub(super) fn versleutel(file: &Path) -> Result<()> {
    if store::detect(file)? == FileKind::Encrypted {
        bail!(
            "'{}' is al versleuteld; een ander wachtwoord geeft u met `veldtoets wachtwoord '{}'`",
            file.display(),
            file.display()
        );
    }
    let passphrase = secrets::choose(false)?.ok_or_else(|| {
        anyhow!(
            "'{}' is niet versleuteld: er is geen wachtwoord gegeven; geef het met de omgevingsvariabele {}, met --wachtwoord-bestand PAD of in een terminal",
            file.display(),
            secrets::ENV
        )
    })?;
    let done = store::convert(file, None, file, Some(&passphrase))
        .with_context(|| format!("'{}' is niet versleuteld", file.display()))?;
    println!(
        "'{}' is versleuteld ({} regels gecontroleerd); open het voortaan met het wachtwoord",
        file.display(),
        done.rows
    );
    for backup in backups(file, false) {
        eprintln!(
            "let op: de reservekopie '{}' (van een eerdere bijwerking van het bestand) is niet versleuteld; verwijder die als u hem niet meer nodig hebt",
            backup.display()
        );
    }
    Ok(())
}

/// `veldtoets ontsleutel FILE --naar KOPIE`: a plain copy; the file itself stays as it is.
pub(super) fn ontsleutel(file: &Path, naar: &Path) -> Result<()> {
    if let FileKind::Plain(_) = store::detect(file)? {
        bail!(
            "'{}' is niet versleuteld; er is niets te ontsleutelen",
            file.display()
        );
    }
    // `convert` replaces the source when the target is the same file: here that would put the
    // whole onderzoek in plain text where the encrypted file was.
    if crate::fsutil::same_file(file, naar) {
        bail!(
            "--naar '{}' is het versleutelde bestand zelf; kies een nieuwe naam voor de onversleutelde kopie. '{}' is niet gewijzigd",
            naar.display(),
            file.display()
        );
    }
    let passphrase = secrets::for_file(file)?;
    let done = store::convert(file, passphrase.as_ref(), naar, None).with_context(|| {
        format!(
            "er is geen onversleutelde kopie van '{}' gemaakt",
            file.display()
        )
    })?;
    println!(
        "onversleutelde kopie '{}' geschreven ({} regels gecontroleerd); '{}' is ongewijzigd",
        naar.display(),
        done.rows,
        file.display()
    );
    eprintln!(
        "let op: '{}' is niet versleuteld; iedereen die het bestand in handen krijgt, kan alles lezen. Verwijder het zodra u het niet meer nodig hebt",
        naar.display()
    );
    Ok(())
}

/// `veldtoets wachtwoord FILE`: a new passphrase for an encrypted file.
pub(super) fn wachtwoord(file: &Path) -> Result<()> {
    if let FileKind::Plain(_) = store::detect(file)? {
        bail!(
            "'{}' is niet versleuteld; versleutel het met `veldtoets versleutel '{}'`",
            file.display(),
            file.display()
        );
    }
    let current = secrets::for_file(file)?;
    let new = secrets::choose(true)?.ok_or_else(|| {
        anyhow!(
            "er is geen nieuw wachtwoord gegeven; geef het met de omgevingsvariabele {}, met --nieuw-wachtwoord-bestand PAD of in een terminal. '{}' is niet gewijzigd",
            secrets::ENV_NEW,
            file.display()
        )
    })?;
    let done = store::convert(file, current.as_ref(), file, Some(&new))
        .with_context(|| format!("het wachtwoord van '{}' is niet gewijzigd", file.display()))?;
    println!(
        "het wachtwoord van '{}' is gewijzigd ({} regels gecontroleerd); het oude wachtwoord opent het niet meer. Kopieën die collega's al hebben, houden hun oude wachtwoord",
        file.display(),
        done.rows
    );
    for backup in backups(file, true) {
        eprintln!(
            "let op: de reservekopie '{}' (van een eerdere bijwerking van het bestand) opent nog met het oude wachtwoord; verwijder die als u hem niet meer nodig hebt",
            backup.display()
        );
    }
    Ok(())
}

/// The backups beside `file` made before a migration (`FILE.vN.bak`), the encrypted or the
/// plain ones.
fn backups(file: &Path, encrypted: bool) -> Vec<PathBuf> {
    let Some(name) = file.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return Vec::new();
    };
    let dir = match file.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let prefix = format!("{name}.v");
    let mut found: Vec<PathBuf> = std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .filter(|e| {
            let n = e.file_name().to_string_lossy().into_owned();
            n.starts_with(&prefix) && n.ends_with(".bak")
        })
        .map(|e| e.path())
        .filter(|p| match store::detect(p) {
            Ok(FileKind::Plain(_)) => !encrypted,
            Ok(FileKind::Encrypted) => encrypted,
            Err(_) => false,
        })
        .collect();
    found.sort();
    found
}
