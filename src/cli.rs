//! The command line. Parsing with clap, then thin calls into the library; every error is reported
//! once, as one Dutch message on stderr, with a non-zero exit code.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand};

use uuid::Uuid;

use crate::demo;
use crate::domain::inspection::{EarlierRound, Inspection, OordeelData, Record, Stamp};
use crate::domain::termijn;
use crate::domain::{self, Framework, JudgementSet};
use crate::fsutil;
use crate::json::{ExportJson, KaderJson, ScoreJson};
use crate::kader_io;
use crate::store::{self, Store};

#[derive(Debug, Parser)]
#[command(
    name = "veldtoets",
    version,
    about = "Veldwerk voor inspecteurs: toetsingskader, oordelen en eindoordeel, offline.\nZonder opdracht opent het venster.",
    disable_help_subcommand = true
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Opent een onderzoeksbestand in het venster van veldtoets.
    Open {
        /// Het .veldtoets-bestand.
        file: PathBuf,
    },
    /// Toont de ingebouwde toetsingskaders: id, titel, aantal beoordeelde verwachtingen.
    Kaders {
        /// Als JSON (een lijst objecten) in plaats van tekst.
        #[arg(long)]
        json: bool,
    },
    /// Berekent het eindoordeel met de beslisregels en print het als JSON: van een
    /// oordelenbestand (met --kader) of van een onderzoeksbestand.
    Score {
        /// Kader-id (zie `veldtoets kaders`) of pad naar een kaderbestand.
        #[arg(long, value_name = "ID|PAD")]
        kader: Option<String>,
        /// Met --kader: JSON-bestand met per verwachting een oordeel. Zonder: een .veldtoets-bestand.
        #[arg(value_name = "OORDELEN.json|BESTAND")]
        input: PathBuf,
    },
    /// Maakt een nieuw onderzoeksbestand.
    New {
        /// Het nieuwe bestand (bijvoorbeeld gelderzoom.veldtoets); mag nog niet bestaan.
        file: PathBuf,
        /// Kader-id (zie `veldtoets kaders`) of pad naar een kaderbestand.
        #[arg(long, value_name = "ID|PAD")]
        kader: String,
        /// De organisatie die wordt onderzocht.
        #[arg(long, value_name = "NAAM")]
        organisatie: String,
        /// De inspecteur die het bestand maakt.
        #[arg(long, value_name = "NAAM")]
        inspecteur: Option<String>,
        /// Eerste bezoekdag (dd-mm-jjjj).
        #[arg(long, value_name = "DATUM")]
        bezoek_van: Option<String>,
        /// Laatste bezoekdag (dd-mm-jjjj).
        #[arg(long, value_name = "DATUM")]
        bezoek_tot: Option<String>,
        /// Hertoets: neem de oordelen van dit eerdere onderzoeksbestand over als vorige ronde.
        #[arg(long, value_name = "BESTAND")]
        hertoets_van: Option<PathBuf>,
    },
    /// Maakt een volledig, fictief demo-onderzoek om veldtoets mee te proberen.
    Demo {
        /// Het nieuwe bestand; mag nog niet bestaan.
        file: PathBuf,
    },
    /// Legt een (nieuwe versie van een) oordeel vast; eerdere versies blijven bewaard.
    Oordeel {
        file: PathBuf,
        /// Verwachting-id, bijvoorbeeld 1.3.1.
        verwachting: String,
        /// voldoende, onvoldoende, onvoldoende:<variant> of niet_beoordeeld.
        oordeel: String,
        /// De onderbouwing (komt in het rapport).
        #[arg(long, value_name = "TEKST", default_value = "")]
        onderbouwing: String,
        /// Wie het oordeel geeft (standaard: wie het bestand maakte).
        #[arg(long, value_name = "NAAM")]
        inspecteur: Option<String>,
    },
    /// Controleert een onderzoeksbestand: schemaversie, integriteit, aantallen.
    Check {
        file: PathBuf,
        /// Als JSON.
        #[arg(long)]
        json: bool,
    },
    /// Exporteert het hele onderzoek.
    Export {
        file: PathBuf,
        /// Schrijf het hele onderzoek als JSON naar dit bestand ('-' voor standaarduitvoer).
        #[arg(long, value_name = "UIT", required_unless_present = "pdf")]
        json: Option<PathBuf>,
        /// Schrijf het rapport als PDF naar dit bestand.
        #[arg(long, value_name = "UIT")]
        pdf: Option<PathBuf>,
        /// Met --pdf: een conceptrapport voor hoor en wederhoor (watermerk CONCEPT, vertrouwelijk).
        #[arg(long, requires = "pdf")]
        concept: bool,
        /// Met --pdf: de rapportdatum (dd-mm-jjjj); standaard vandaag.
        #[arg(long, value_name = "DATUM", requires = "pdf")]
        datum: Option<String>,
    },
    /// Voegt kopieën van hetzelfde onderzoek (van de inspecteurs in het veld) samen tot één
    /// bestand en print een samenvatting als JSON. Niets gaat verloren: verschillende oordelen
    /// over dezelfde verwachting blijven beide bewaard als conflict, tot iemand een nieuw oordeel
    /// vastlegt (`veldtoets oordeel`).
    Merge {
        /// Het doelbestand. Bestaat het nog niet, dan wordt het gemaakt als kopie van de eerste
        /// bron.
        #[arg(long, value_name = "DOEL")]
        into: PathBuf,
        /// De bestanden om samen te voegen (ze worden alleen gelezen).
        #[arg(value_name = "BRON", required = true)]
        sources: Vec<PathBuf>,
    },
    /// Landelijk overzicht van onderzoeken met hetzelfde kader: de organisaties gerangschikt naar
    /// eindoordeel en aantal verwachtingen voldoende, de matrix organisaties × verwachtingen en
    /// per verwachting het aantal organisaties voldoende en onvoldoende.
    #[command(group(clap::ArgGroup::new("uitvoer").required(true).multiple(true).args(["json", "pdf"])))]
    Overzicht {
        /// Schrijf JSON naar dit bestand ('-' voor standaarduitvoer).
        #[arg(long, value_name = "UIT")]
        json: Option<PathBuf>,
        /// Schrijf het overzicht als PDF naar dit bestand.
        #[arg(long, value_name = "UIT.pdf")]
        pdf: Option<PathBuf>,
        /// Datum op het PDF-overzicht (dd-mm-jjjj; standaard vandaag).
        #[arg(long, value_name = "DATUM", requires = "pdf")]
        datum: Option<String>,
        /// De onderzoeksbestanden, één per organisatie.
        #[arg(value_name = "BESTAND", required = true)]
        files: Vec<PathBuf>,
    },
}

/// Runs the CLI with the process arguments and returns the exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
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
            eprintln!("fout: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<()> {
    match cli.command {
        None => crate::ui::run(None),
        Some(Command::Open { file }) => {
            // Refuse a bad file here already, with the same message the window would show.
            store::probe(&file)?;
            crate::ui::run(Some(file))
        }
        Some(Command::Kaders { json }) => kaders(json),
        Some(Command::Score { kader, input }) => match kader {
            Some(kader) => score_judgements(&kader, &input),
            None => score_file(&input),
        },
        Some(Command::New {
            file,
            kader,
            organisatie,
            inspecteur,
            bezoek_van,
            bezoek_tot,
            hertoets_van,
        }) => new(
            &file,
            &kader,
            &organisatie,
            inspecteur.as_deref(),
            [bezoek_van.as_deref(), bezoek_tot.as_deref()],
            hertoets_van.as_deref(),
        ),
        Some(Command::Demo { file }) => {
            let (_, inspection) = demo::create(&file).with_context(|| {
                format!(
                    "demo-onderzoek '{}' kon niet worden gemaakt",
                    file.display()
                )
            })?;
            println!(
                "demo-onderzoek '{}' gemaakt: {} ({}), {} versies",
                file.display(),
                inspection.organisatie(),
                inspection.framework.id,
                inspection.revision_count()
            );
            Ok(())
        }
        Some(Command::Oordeel {
            file,
            verwachting,
            oordeel,
            onderbouwing,
            inspecteur,
        }) => set_oordeel(
            &file,
            &verwachting,
            &oordeel,
            onderbouwing,
            inspecteur.as_deref(),
        ),
        Some(Command::Check { file, json }) => check(&file, json),
        Some(Command::Export {
            file,
            json,
            pdf,
            concept,
            datum,
        }) => export(
            &file,
            json.as_deref(),
            pdf.as_deref(),
            concept,
            datum.as_deref(),
        ),
        Some(Command::Merge { into, sources }) => merge(&into, &sources),
        Some(Command::Overzicht {
            json,
            pdf,
            datum,
            files,
        }) => overzicht(json.as_deref(), pdf.as_deref(), datum.as_deref(), &files),
    }
}

/// Opens `file` for writing (commands that change it). A read-only file is refused with
/// [`store::StoreError::ReadOnly`].
fn open(file: &Path) -> Result<(Store, Inspection)> {
    let (store, inspection, report) = Store::open(file)?;
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
    Ok(Store::open_read_only(file)?)
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

fn default_inspector() -> String {
    std::env::var("VELDTOETS_INSPECTEUR")
        .or_else(|_| std::env::var("USER"))
        .or_else(|_| std::env::var("USERNAME"))
        .ok()
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| "inspecteur".to_string())
}

fn parse_date_arg(text: Option<&str>, what: &str) -> Result<Option<jiff::civil::Date>> {
    text.map(|t| termijn::parse_date_input(t).map_err(|e| anyhow::anyhow!("{what}: {e}")))
        .transpose()
}

fn new(
    file: &Path,
    kader: &str,
    organisatie: &str,
    inspecteur: Option<&str>,
    [van, tot]: [Option<&str>; 2],
    hertoets_van: Option<&Path>,
) -> Result<()> {
    if organisatie.trim().is_empty() {
        bail!("--organisatie mag niet leeg zijn");
    }
    let framework = kader_io::resolve(kader)?;
    let bezoek_van = parse_date_arg(van, "--bezoek-van")?;
    let bezoek_tot = parse_date_arg(tot, "--bezoek-tot")?;
    if let (Some(v), Some(t)) = (bezoek_van, bezoek_tot)
        && t < v
    {
        bail!("--bezoek-tot ligt vóór --bezoek-van");
    }
    // Read the earlier round first, so a bad earlier file leaves nothing behind.
    let earlier = hertoets_van
        .map(|path| -> Result<EarlierRound> {
            let (_, previous) = open_read(path)
                .with_context(|| format!("eerdere ronde '{}' kan niet worden gelezen", path.display()))?;
            if previous.framework.id != framework.id {
                bail!(
                    "de eerdere ronde '{}' gebruikt kader {}, dit onderzoek {}; een hertoets gebruikt hetzelfde kader",
                    path.display(),
                    previous.framework.id,
                    framework.id
                );
            }
            let details = previous.details_data();
            Ok(EarlierRound {
                onderzoek: previous.id.to_string(),
                omschrijving: format!("{} ({})", details.organisatie, framework.title),
                datum: details.bezoek_van,
                oordelen: previous.judgements().to_texts(&previous.framework),
            })
        })
        .transpose()?;
    let inspecteur = inspecteur.map_or_else(default_inspector, str::to_string);
    let (mut store, mut inspection) =
        Store::create(file, &framework, organisatie, &inspecteur, Stamp::now())?;
    if bezoek_van.is_some() || bezoek_tot.is_some() {
        let mut details = inspection.details_data();
        details.bezoek_van = bezoek_van;
        details.bezoek_tot = bezoek_tot;
        let author = inspection.add_inspector(&inspecteur);
        let change = inspection.change(
            &inspection.details_id(),
            Record::Details(details),
            author,
            Stamp::now(),
        );
        store.append(&change)?;
        inspection.apply(change);
    }
    if let Some(round) = earlier {
        store.set_earlier_round(&round)?;
    }
    println!(
        "onderzoek '{}' gemaakt: {} met kader {}",
        file.display(),
        organisatie.trim(),
        framework.id
    );
    Ok(())
}

/// The inspecteur a CLI edit is attributed to: the named one, else whoever created the file.
fn author(store: &mut Store, inspection: &mut Inspection, name: Option<&str>) -> Result<Uuid> {
    match name {
        Some(name) if !name.trim().is_empty() => {
            let id = inspection.add_inspector(name);
            store.add_inspector(id, name)?;
            Ok(id)
        }
        Some(_) => bail!("--inspecteur mag niet leeg zijn"),
        None => Ok(inspection
            .details
            .history(&inspection.details_id())
            .and_then(|h| h.revisions().first())
            .map(|r| r.meta.author)
            .or_else(|| inspection.inspectors.keys().next().copied())
            .ok_or_else(|| {
                anyhow::anyhow!("het bestand noemt geen inspecteur; geef --inspecteur NAAM")
            })?),
    }
}

fn set_oordeel(
    file: &Path,
    verwachting: &str,
    oordeel: &str,
    onderbouwing: String,
    inspecteur: Option<&str>,
) -> Result<()> {
    let (mut store, mut inspection) = open(file)?;
    let data = OordeelData::parse(&inspection.framework, verwachting, oordeel, onderbouwing)?;
    let who = author(&mut store, &mut inspection, inspecteur)?;
    let change = inspection.change(verwachting, Record::Oordeel(data), who, Stamp::now());
    store.append(&change)?;
    let resolved = change.meta.replaces.len() > 1;
    inspection.apply(change);
    let current = inspection
        .oordeel(verwachting)
        .map(|r| r.data.text())
        .unwrap_or_default();
    println!(
        "{verwachting}: {current} vastgelegd door {}{}",
        inspection.inspector_name(who),
        if resolved { " (conflict opgelost)" } else { "" }
    );
    Ok(())
}

fn score_file(file: &Path) -> Result<()> {
    let (_, inspection) = open_read(file)?;
    let judgements = inspection.judgements();
    let score = domain::score(&inspection.framework, &judgements);
    let mut json = ScoreJson::new(&inspection.framework, &judgements, &score);
    json.conflicten = Some(inspection.conflicts().len());
    print_json(&json)
}

fn check(file: &Path, json: bool) -> Result<()> {
    let (store, inspection) = open_read(file)?;
    let report = store.check()?;
    let conflicts = inspection.conflicts().len();
    let judged = inspection
        .judgements()
        .iter()
        .filter(|(i, j)| {
            inspection.framework.expectation(*i).assessment.is_scored()
                && *j != domain::Judgement::NotJudged
        })
        .count();
    if json {
        print_json(&serde_json::json!({
            "bestand": file.display().to_string(),
            "schemaversie": report.schema_version,
            "integriteit": report.integrity,
            "vreemde_sleutels": report.foreign_key_violations,
            "aantallen": report.counts.iter().map(|(t, n)| (t.to_string(), *n)).collect::<BTreeMap<_, _>>(),
            "onderzoek": inspection.id.to_string(),
            "organisatie": inspection.organisatie(),
            "kader": inspection.framework.id,
            "beoordeeld": judged,
            "conflicten": conflicts,
            "ok": report.is_ok(),
        }))?;
    } else {
        println!("bestand:        {}", file.display());
        println!(
            "schemaversie:   {} (deze veldtoets schrijft {})",
            report.schema_version,
            store::CURRENT_VERSION
        );
        println!("integriteit:    {}", report.integrity.join("; "));
        println!(
            "vreemde sleutels: {}",
            if report.foreign_key_violations == 0 {
                "ok".to_string()
            } else {
                format!("{} fouten", report.foreign_key_violations)
            }
        );
        println!(
            "onderzoek:      {} ({})",
            inspection.organisatie(),
            inspection.framework.id
        );
        println!(
            "oordelen:       {judged} van {} beoordeeld, {conflicts} conflicten",
            inspection.framework.judged_count()
        );
        let counts: Vec<String> = report
            .counts
            .iter()
            .map(|(t, n)| format!("{t} {n}"))
            .collect();
        println!("rijen:          {}", counts.join(", "));
    }
    if !report.is_ok() {
        bail!(
            "'{}' heeft integriteitsproblemen; gebruik een reservekopie of een kopie van een collega",
            file.display()
        );
    }
    Ok(())
}

fn export(
    file: &Path,
    json: Option<&Path>,
    pdf: Option<&Path>,
    concept: bool,
    datum: Option<&str>,
) -> Result<()> {
    let date = parse_date_arg(datum, "--datum")?.unwrap_or_else(|| jiff::Zoned::now().date());
    check_outputs(&[json, pdf], &[file])?;
    let (_, inspection) = open_read(file)?;
    if let Some(out) = json {
        let export = ExportJson::new(&inspection, jiff::Timestamp::now());
        let mut bytes = serde_json::to_vec_pretty(&export)?;
        bytes.push(b'\n');
        write_output(out, &[file], &bytes)?;
    }
    if let Some(out) = pdf {
        let options = crate::report::ReportOptions::new(concept, date);
        let bytes = crate::report::pdf(&inspection, &options).with_context(|| {
            format!(
                "het rapport van '{}' kon niet worden gemaakt",
                file.display()
            )
        })?;
        write_output(out, &[file], &bytes)?;
        if out != Path::new("-") {
            eprintln!(
                "{} geschreven: {} ({} KB)",
                if concept {
                    "conceptrapport"
                } else {
                    "definitief rapport"
                },
                out.display(),
                bytes.len() / 1024
            );
        }
    }
    Ok(())
}

fn kaders(json: bool) -> Result<()> {
    let list: Vec<KaderJson> = kader_io::builtin_ids()
        .into_iter()
        .filter_map(kader_io::builtin)
        .map(|f| KaderJson {
            id: f.id.clone(),
            titel: f.title.clone(),
            beoordeelde_verwachtingen: f.judged_count(),
        })
        .collect();
    let mut out = std::io::stdout().lock();
    if json {
        serde_json::to_writer_pretty(&mut out, &list)?;
        writeln!(out)?;
    } else {
        for k in list {
            writeln!(
                out,
                "{}\t{}\t{}",
                k.id, k.titel, k.beoordeelde_verwachtingen
            )?;
        }
    }
    Ok(())
}

fn score_judgements(kader: &str, input: &Path) -> Result<()> {
    let framework = kader_io::resolve(kader)?;
    let judgements = read_judgements(&framework, input)?;
    let score = domain::score(&framework, &judgements);
    print_json(&ScoreJson::new(&framework, &judgements, &score))
}

/// Reads a judgements JSON file: one object mapping verwachting id → oordeel text.
pub fn read_judgements(framework: &Framework, path: &Path) -> Result<JudgementSet> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| anyhow::anyhow!("oordelenbestand {}", fsutil::PathError::read(path, e)))?;
    parse_judgements(framework, &text)
        .with_context(|| format!("oordelenbestand '{}'", path.display()))
}

/// Parses the judgements JSON text against a kader. A leading byte-order mark is allowed; an id
/// given twice is an error (JSON parsers disagree on which one wins).
pub fn parse_judgements(framework: &Framework, text: &str) -> Result<JudgementSet> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let value: serde_json::Value = serde_json::from_str(text).context("geen geldige JSON")?;
    if !value.is_object() {
        bail!(
            "verwacht één JSON-object van verwachting naar oordeel, bijvoorbeeld {{\"1.1.1\": \"voldoende\"}}"
        );
    }
    let Pairs(pairs) = serde_json::from_str(text).context("geen geldige JSON")?;
    let mut entries = BTreeMap::new();
    for (id, value) in &pairs {
        let Some(text) = value.as_str() else {
            bail!("het oordeel bij '{id}' moet een tekst zijn, zoals \"voldoende\", niet {value}");
        };
        if entries.insert(id.as_str(), text).is_some() {
            bail!("verwachting '{id}' staat twee keer in het bestand; laat er één over");
        }
    }
    Ok(JudgementSet::from_texts(framework, entries)?)
}

/// A JSON object as its key/value pairs in order, duplicates kept.
struct Pairs(Vec<(String, serde_json::Value)>);

impl<'de> serde::Deserialize<'de> for Pairs {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Pairs;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("een JSON-object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Pairs, A::Error> {
                let mut pairs = Vec::new();
                while let Some(pair) = map.next_entry()? {
                    pairs.push(pair);
                }
                Ok(Pairs(pairs))
            }
        }
        deserializer.deserialize_map(Visitor)
    }
}

fn print_json(value: &impl serde::Serialize) -> Result<()> {
    let mut out = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, value)?;
    writeln!(out)?;
    Ok(())
}

/// Writes `bytes` to `out` atomically (after [`fsutil::check_output_target`] against `inputs`),
/// or to standard output for `-`.
fn write_output(out: &Path, inputs: &[&Path], bytes: &[u8]) -> Result<()> {
    if out == Path::new("-") {
        std::io::stdout().lock().write_all(bytes)?;
    } else {
        fsutil::write_output(out, inputs, bytes)?;
    }
    Ok(())
}

fn merge(into: &Path, sources: &[PathBuf]) -> Result<()> {
    let sources: Vec<&Path> = sources.iter().map(PathBuf::as_path).collect();
    let outcome = store::merge(into, &sources, &mut |_| {})?;
    let summary = &outcome.summary;
    if let Some((version, backup)) = &summary.migrated_from {
        eprintln!(
            "let op: '{}' is bijgewerkt van bestandsversie {version} naar {}; een reservekopie staat in '{}'",
            into.display(),
            store::CURRENT_VERSION,
            backup.display()
        );
    }
    if !summary.conflicts.is_empty() {
        eprintln!(
            "let op: {} verwachting{} met verschillende oordelen ({}); leg per verwachting het oordeel vast met `veldtoets oordeel {} VERWACHTING OORDEEL`",
            summary.conflicts.len(),
            if summary.conflicts.len() == 1 {
                ""
            } else {
                "en"
            },
            summary.conflicts.join(", "),
            into.display()
        );
    }
    print_json(&serde_json::json!({
        "doel": into.display().to_string(),
        "aangemaakt": summary.created,
        "bronnen": summary.sources.iter().map(|p| p.display().to_string()).collect::<Vec<_>>(),
        "toegevoegd": summary.added.iter().map(|(t, n)| (t.to_string(), *n)).collect::<BTreeMap<_, _>>(),
        "toegevoegd_totaal": summary.total_added(),
        "conflicten": summary.conflicts.len(),
        "conflict_verwachtingen": summary.conflicts,
        "versies": outcome.inspection.revision_count(),
    }))
}

fn overzicht(
    json: Option<&Path>,
    pdf: Option<&Path>,
    datum: Option<&str>,
    files: &[PathBuf],
) -> Result<()> {
    let date = parse_date_arg(datum, "--datum")?.unwrap_or_else(|| jiff::Zoned::now().date());
    let paths: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
    check_outputs(&[json, pdf], &paths)?;
    let mut loaded = Vec::with_capacity(files.len());
    for file in files {
        let (_, inspection) = open_read(file)?;
        loaded.push((file.as_path(), inspection));
    }
    let inputs: Vec<(&Path, &Inspection)> = loaded.iter().map(|(p, i)| (*p, i)).collect();
    let overzicht = crate::overzicht::build(&inputs)?;
    for row in overzicht.organisaties.iter().filter(|r| !r.compleet) {
        eprintln!(
            "let op: '{}' ({}) is niet compleet: {} niet beoordeeld, {} conflict{}; het eindoordeel is voorlopig",
            row.bestand,
            row.organisatie,
            row.niet_beoordeeld,
            row.conflicten,
            if row.conflicten == 1 { "" } else { "en" }
        );
    }
    if let Some(out) = pdf {
        let bytes = crate::overzicht::pdf(&overzicht, date)?;
        write_output(out, &paths, &bytes)?;
    }
    if let Some(out) = json {
        let mut bytes = serde_json::to_vec_pretty(&overzicht)?;
        bytes.push(b'\n');
        write_output(out, &paths, &bytes)?;
    }
    Ok(())
}
