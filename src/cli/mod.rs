//! The command line. Parsing with clap, then thin calls into the library; every error is reported
//! once, as one Dutch message on stderr, with a non-zero exit code.
//!
//! `args` defines the commands; one module per group runs them: `score` (`kaders`, `score`),
//! `inspection` (`new`, `demo`, `oordeel`, `check`), `kerndata` (`kerngegeven`, `eindoordeel`),
//! `dossier` (`dossier`, `dossiervraag`, `dossiers --importeer`, with the case-list reader in
//! `csv`), `wachtlijst` (`wachtzaak`, `contact`), `wederhoor` (`concept`, `reactie`,
//! `besluit`, `vaststellen`, `heropenen`, `privacy`, `verbeterpunt`, `rapporttekst`,
//! `vergelijk`), `export`, `merge`, `overzicht` and `encryption` (`versleutel`, `ontsleutel`,
//! `wachtwoord`). `secrets` gets passphrases (a file, the environment, the terminal).
//! Every JSON shape printed lives in [`crate::json`]; the helpers shared by the commands (opening
//! a file, guarding and writing outputs) live here.

mod args;
mod clap_nl;
mod csv;
mod dossier;
mod encryption;
mod export;
mod inspection;
mod kerndata;
mod merge;
mod overzicht;
mod score;
mod secrets;
mod wachtlijst;
mod wederhoor;

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result, anyhow, bail};

use crate::domain::inspection::Inspection;
use crate::domain::termijn;
use crate::fsutil;
use crate::store::{self, Store};
use uuid::Uuid;

use args::{Cli, Command};

/// The command line with its Dutch help, as `--help` shows it; the man pages are generated from
/// it (`tests/suite/manpages.rs`).
pub use clap_nl::command;
pub use score::{parse_judgements, read_judgements};

/// Runs the CLI with the process arguments and returns the exit code.
/// `veldtoets check FILE | head` closes the pipe before everything is printed, and `println!`
/// then panics. A command-line tool ends quietly there, as the errors above do; every other panic
/// is reported as before. (Not for the window: nothing of it is printed to a pipe.)
fn quiet_on_broken_pipe() {
    let report = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let payload = info.payload();
        let message = payload
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| payload.downcast_ref::<&str>().copied())
            .unwrap_or("");
        if message.starts_with("failed printing to std") && message.contains("Broken pipe") {
            std::process::exit(0);
        }
        report(info);
    }));
}

pub fn main() -> ExitCode {
    let cli = match clap_nl::parse_from(std::env::args_os()) {
        Ok(cli) => cli,
        Err(exit) => {
            // Help and version on standard output, a usage error on standard error; a closed
            // pipe (`veldtoets --help | head`) is not worth a message.
            if exit.stdout {
                let _ = std::io::stdout().lock().write_all(exit.text.as_bytes());
            } else {
                let _ = std::io::stderr().lock().write_all(exit.text.as_bytes());
            }
            return ExitCode::from(exit.code);
        }
    };
    if !matches!(cli.command, None | Some(Command::Open { .. })) {
        quiet_on_broken_pipe();
    }
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            let broken_pipe = error.chain().any(|e| {
                let kind = e
                    .downcast_ref::<std::io::Error>()
                    .map(std::io::Error::kind)
                    .or_else(|| {
                        e.downcast_ref::<serde_json::Error>()
                            .and_then(serde_json::Error::io_error_kind)
                    });
                kind == Some(std::io::ErrorKind::BrokenPipe)
            });
            if broken_pipe {
                // The reader of our output went away (e.g. `| head`): nothing to report.
                return ExitCode::SUCCESS;
            }
            eprintln!("fout: {}", error_text(&error));
            ExitCode::FAILURE
        }
    }
}

/// The error and its causes as one Dutch line (`a: b: c`, like anyhow's `{:#}`). A library error
/// that slipped through without a Dutch message of its own (an I/O error writing standard output,
/// a JSON writer error) is shown by kind in Dutch instead of its English text, and a cause whose
/// text the message before it already contains is not repeated.
fn error_text(error: &anyhow::Error) -> String {
    let mut parts: Vec<String> = Vec::new();
    for cause in error.chain() {
        let text = if let Some(io) = cause.downcast_ref::<std::io::Error>() {
            fsutil::io_error_text(io)
        } else if let Some(json) = cause.downcast_ref::<serde_json::Error>() {
            match json.io_error_kind() {
                Some(kind) => fsutil::io_error_text(&kind.into()),
                None => "de JSON-gegevens zijn ongeldig".to_string(),
            }
        } else {
            cause.to_string()
        };
        if parts.last().is_some_and(|before| before.contains(&text)) {
            continue;
        }
        parts.push(text);
    }
    parts.join(": ")
}

fn run(cli: Cli) -> Result<()> {
    let new_passphrase_file = match &cli.command {
        Some(Command::Wachtwoord {
            nieuw_wachtwoord_bestand,
            ..
        }) => nieuw_wachtwoord_bestand.clone(),
        _ => None,
    };
    secrets::set_sources(cli.wachtwoord_bestand.clone(), new_passphrase_file);
    match cli.command {
        None => crate::ui::run(None),
        Some(Command::Open { file }) => {
            // Refuse a bad file here already, with the same message the window would show (an
            // encrypted one is fine: the window asks for its passphrase).
            store::detect(&file)?;
            crate::ui::run(Some(file))
        }
        Some(Command::Kaders { json }) => score::kaders(json),
        Some(Command::Score { kader, input }) => match kader {
            Some(kader) => score::score_judgements(&kader, &input),
            None => score::score_file(&input),
        },
        Some(Command::New {
            file,
            kader,
            organisatie,
            inspecteur,
            bezoek_van,
            bezoek_tot,
            hertoets_van,
            onversleuteld,
        }) => inspection::new(
            &file,
            &kader,
            &organisatie,
            inspecteur.as_deref(),
            [bezoek_van.as_deref(), bezoek_tot.as_deref()],
            hertoets_van.as_deref(),
            onversleuteld,
        ),
        Some(Command::Demo { file, kader }) => inspection::demo(&file, kader.as_deref()),
        Some(Command::Criterium {
            file,
            criterium,
            oordeel,
            onderbouwing,
            inspecteur,
        }) => inspection::set_criterium(
            &file,
            &criterium,
            &oordeel,
            &onderbouwing,
            inspecteur.as_deref(),
        ),
        Some(Command::Oordeel {
            file,
            verwachting,
            oordeel,
            onderbouwing,
            inspecteur,
        }) => inspection::set_oordeel(
            &file,
            &verwachting,
            &oordeel,
            onderbouwing,
            inspecteur.as_deref(),
        ),
        Some(Command::Kerngegeven {
            file,
            kerngegeven,
            waarde,
            leeg,
            toelichting,
            inspecteur,
        }) => kerndata::kerngegeven(
            &file,
            &kerngegeven,
            if leeg { None } else { waarde.as_deref() },
            toelichting.as_deref(),
            inspecteur.as_deref(),
        ),
        Some(Command::Eindoordeel {
            file,
            eindoordeel,
            onderbouwing,
            inspecteur,
        }) => kerndata::eindoordeel(&file, &eindoordeel, &onderbouwing, inspecteur.as_deref()),
        Some(Command::Dossier {
            file,
            nummer,
            datum,
            selectie,
            notitie,
            verwijder,
            inspecteur,
        }) => dossier::dossier(
            &file,
            &nummer,
            &datum,
            selectie.as_deref(),
            notitie,
            verwijder,
            inspecteur.as_deref(),
        ),
        Some(Command::Dossiervraag {
            file,
            nummer,
            vraag,
            antwoord,
            toelichting,
            inspecteur,
        }) => dossier::dossiervraag(
            &file,
            &nummer,
            &vraag,
            &antwoord,
            toelichting,
            inspecteur.as_deref(),
        ),
        Some(Command::Dossiers {
            file,
            importeer,
            inspecteur,
        }) => dossier::import(&file, &importeer, inspecteur.as_deref()),
        Some(Command::Steekproef {
            file,
            uit,
            aantal,
            zaad,
            inspecteur,
        }) => dossier::sample(&file, &uit, aantal, zaad, inspecteur.as_deref()),
        Some(Command::Wachtzaak {
            file,
            nummer,
            melding,
            wacht_op,
            prioriteit,
            notitie,
            verwijder,
            inspecteur,
        }) => wachtlijst::wachtzaak(
            &file,
            &nummer,
            &wachtlijst::WachtzaakArgs {
                melding: melding.as_deref(),
                wacht_op: wacht_op.as_deref(),
                prioriteit: prioriteit.as_deref(),
                notitie: notitie.as_deref(),
                verwijder,
            },
            inspecteur.as_deref(),
        ),
        Some(Command::Contact {
            file,
            nummer,
            datum,
            met,
            notitie,
            inspecteur,
        }) => wachtlijst::contact(
            &file,
            &nummer,
            &datum,
            &met,
            notitie.as_deref(),
            inspecteur.as_deref(),
        ),
        Some(Command::Check { file, json }) => inspection::check(&file, json),
        Some(Command::Export {
            file,
            json,
            pdf,
            concept,
            datum,
        }) => export::export(
            &file,
            json.as_deref(),
            pdf.as_deref(),
            concept,
            datum.as_deref(),
        ),
        Some(Command::Concept {
            file,
            pdf,
            verzonden,
            inspecteur,
        }) => wederhoor::concept(&file, &pdf, &verzonden, inspecteur.as_deref()),
        Some(Command::Reactie {
            file,
            paragraaf,
            verwachting,
            soort,
            tekst,
            van,
            ontvangen,
            inspecteur,
        }) => wederhoor::reactie(
            &file,
            wederhoor::NewReactie {
                paragraaf,
                verwachting,
                soort,
                tekst,
                van,
                ontvangen,
            },
            inspecteur.as_deref(),
        ),
        Some(Command::Besluit {
            file,
            reactie,
            besluit,
            motivering,
            wijzigingen,
            inspecteur,
        }) => wederhoor::besluit(
            &file,
            &reactie,
            &besluit,
            &motivering,
            &wijzigingen,
            inspecteur.as_deref(),
        ),
        Some(Command::Vaststellen {
            file,
            datum,
            inspecteur,
        }) => wederhoor::vaststellen(&file, &datum, inspecteur.as_deref()),
        Some(Command::Privacy {
            file,
            vrijgeven,
            reden,
            inspecteur,
        }) => wederhoor::privacy(&file, vrijgeven, reden.as_deref(), inspecteur.as_deref()),
        Some(Command::Heropenen {
            file,
            reden,
            inspecteur,
        }) => wederhoor::heropenen(&file, &reden, inspecteur.as_deref()),
        Some(Command::Verbeterpunt {
            file,
            verwachting,
            tekst,
            inspecteur,
        }) => wederhoor::verbeterpunt(&file, &verwachting, &tekst, inspecteur.as_deref()),
        Some(Command::Rapporttekst {
            file,
            blok,
            tekst,
            inspecteur,
        }) => wederhoor::rapporttekst(&file, &blok, &tekst, inspecteur.as_deref()),
        Some(Command::Vergelijk { file, json }) => wederhoor::vergelijk(&file, json),
        Some(Command::Versleutel { file }) => encryption::versleutel(&file),
        Some(Command::Ontsleutel { file, naar }) => encryption::ontsleutel(&file, &naar),
        Some(Command::Wachtwoord { file, .. }) => encryption::wachtwoord(&file),
        Some(Command::Merge {
            into,
            sources,
            onversleuteld,
        }) => merge::merge(&into, &sources, onversleuteld),
        Some(Command::Overzicht {
            json,
            pdf,
            datum,
            files,
        }) => overzicht::overzicht(json.as_deref(), pdf.as_deref(), datum.as_deref(), &files),
    }
}

/// Opens `file` for writing (commands that change it). A read-only file is refused with
/// [`store::StoreError::ReadOnly`].
fn open(file: &Path) -> Result<(Store, Inspection)> {
    let passphrase = secrets::for_file(file)?;
    let (store, inspection, report) = Store::open_with(file, passphrase.as_ref())?;
    if let Some((version, backup)) = report.migrated_from {
        eprintln!(
            "let op: '{}' is bijgewerkt van bestandsversie {version} naar {}; een reservekopie staat in '{}'",
            file.display(),
            store::CURRENT_VERSION,
            backup.display()
        );
    }
    Ok((store, inspection))
}

/// Opens `file` for reading only (commands that only read it): never written, never migrated,
/// also when it is write-protected.
fn open_read(file: &Path) -> Result<(Store, Inspection)> {
    let passphrase = secrets::for_file(file)?;
    Ok(Store::open_read_only_with(file, passphrase.as_ref())?)
}

/// After writing `out` (a PDF or JSON, never encrypted) from an encrypted inspection file: says
/// so on standard error.
fn warn_plain_export(out: &Path, encrypted: bool) {
    if encrypted && out != Path::new("-") {
        eprintln!(
            "let op: '{}' komt uit een versleuteld onderzoek, maar dit bestand is niet versleuteld; bewaar en verstuur het zorgvuldig",
            out.display()
        );
    }
}

/// Refuses, before anything is written, every output in `outputs` (`-` is standard output) that
/// would replace an inspection file, one of `inputs` or a side file, or is a directory; and two
/// outputs naming the same file.
fn check_outputs(outputs: &[Option<&Path>], inputs: &[&Path]) -> Result<()> {
    let files: Vec<&Path> = outputs
        .iter()
        .flatten()
        .copied()
        .filter(|p| *p != Path::new("-"))
        .collect();
    for out in &files {
        fsutil::check_output_target(out, inputs)?;
    }
    if let [a, b] = files[..]
        && (a == b || fsutil::same_file(a, b))
    {
        bail!(
            "--json en --pdf noemen hetzelfde bestand '{}'; kies voor elk een eigen naam. Er is niets geschreven",
            a.display()
        );
    }
    Ok(())
}

fn parse_date_arg(text: Option<&str>, what: &str) -> Result<Option<jiff::civil::Date>> {
    text.map(|t| termijn::parse_date_input(t).map_err(|e| anyhow::anyhow!("{what}: {e}")))
        .transpose()
}

/// Prints `value` as pretty JSON and a newline on standard output.
fn print_json(value: &impl serde::Serialize) -> Result<()> {
    let mut out = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, value).context(STDOUT_FAILED)?;
    writeln!(out).context(STDOUT_FAILED)?;
    Ok(())
}

/// The context of a failed write to standard output (its cause is shown in Dutch by
/// [`error_text`]; a closed pipe is recognised through it and not reported).
const STDOUT_FAILED: &str = "de uitvoer (standaarduitvoer) kan niet worden geschreven";

/// `value` as pretty JSON and a newline, for [`write_output`].
fn json_bytes(value: &impl serde::Serialize) -> Result<Vec<u8>> {
    let mut bytes = serde_json::to_vec_pretty(value)?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// Writes `bytes` to `out` atomically (after [`fsutil::check_output_target`] against `inputs`),
/// or to standard output for `-`.
fn write_output(out: &Path, inputs: &[&Path], bytes: &[u8]) -> Result<()> {
    if out == Path::new("-") {
        std::io::stdout()
            .lock()
            .write_all(bytes)
            .context(STDOUT_FAILED)?;
    } else {
        fsutil::write_output(out, inputs, bytes)?;
    }
    Ok(())
}

/// The inspecteur an edit is attributed to, for every editing command: the named one,
/// else whoever created the file. A named inspecteur is written to the file only by
/// [`Author::register`], once there is something to write.
pub(super) struct Author {
    pub(super) id: Uuid,
    register: Option<String>,
}

impl Author {
    pub(super) fn decide(inspection: &mut Inspection, name: Option<&str>) -> Result<Author> {
        match name {
            Some(name) if !name.trim().is_empty() => Ok(Author {
                id: inspection.add_inspector(name),
                register: Some(name.to_string()),
            }),
            Some(_) => bail!("--inspecteur mag niet leeg zijn"),
            None => Ok(Author {
                id: inspection
                    .details
                    .history(&inspection.details_id())
                    .and_then(|h| h.revisions().first())
                    .map(|r| r.meta.author)
                    .or_else(|| inspection.inspectors.keys().next().copied())
                    .ok_or_else(|| {
                        anyhow!("het bestand noemt geen inspecteur; geef --inspecteur NAAM")
                    })?,
                register: None,
            }),
        }
    }

    /// Registers a named inspecteur in the file (idempotent), just before the edit is written.
    pub(super) fn register(&self, store: &mut Store) -> Result<()> {
        if let Some(name) = &self.register {
            store.add_inspector(self.id, name)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn library_causes_are_shown_in_dutch_once() {
        let io = std::io::Error::from_raw_os_error(21);
        let error = anyhow::Error::new(io).context("'x' kan niet worden gelezen");
        let text = error_text(&error);
        assert!(text.starts_with("'x' kan niet worden gelezen: "), "{text}");
        assert!(text.contains("map"), "{text}");
        assert!(
            !text.contains("os error") && !text.contains("Is a directory"),
            "{text}"
        );

        let json = serde_json::from_str::<serde_json::Value>("{").unwrap_err();
        let text = error_text(&anyhow::Error::new(json).context(STDOUT_FAILED));
        assert!(!text.contains("EOF") && !text.contains("column"), "{text}");

        let error = anyhow::anyhow!("a").context("a en b");
        assert_eq!(error_text(&error), "a en b");
    }
}
