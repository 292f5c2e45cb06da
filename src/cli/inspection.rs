//! The commands on one inspection file: `new`, `demo`, `oordeel` and `check`.

use std::path::Path;

use anyhow::{Context, Result, bail};

use crate::demo as demo_file;
use crate::domain::inspection::{OordeelData, Record, Round, Stamp};
use crate::json::FileCheckJson;
use crate::kader_io;
use crate::store::{self, Store};

use super::{Author, open, open_read, parse_date_arg, print_json, secrets};

pub(super) fn new(
    file: &Path,
    kader: &str,
    organisatie: &str,
    inspecteur: Option<&str>,
    [van, tot]: [Option<&str>; 2],
    hertoets_van: Option<&Path>,
    onversleuteld: bool,
) -> Result<()> {
    if organisatie.trim().is_empty() {
        bail!("--organisatie mag niet leeg zijn");
    }
    if file.exists() {
        return Err(store::StoreError::AlreadyExists(file.to_path_buf()).into());
    }
    let framework = kader_io::resolve(kader)?;
    let bezoek_van = parse_date_arg(van, "--bezoek-van")?;
    let bezoek_tot = parse_date_arg(tot, "--bezoek-tot")?;
    if let (Some(v), Some(t)) = (bezoek_van, bezoek_tot)
        && t < v
    {
        bail!("--bezoek-tot ligt vóór --bezoek-van");
    }
    if onversleuteld
        && let Some(path) = hertoets_van
        && matches!(store::detect(path), Ok(store::FileKind::Encrypted))
    {
        bail!(
            "de eerdere ronde '{}' is versleuteld: een onversleuteld nieuw onderzoek zou de oordelen en onderbouwingen eruit onversleuteld op schijf zetten. Maak het nieuwe onderzoek versleuteld (zonder --onversleuteld); er is niets gemaakt",
            path.display()
        );
    }
    // Read the earlier round first, so a bad earlier file leaves nothing behind.
    let passphrase = if onversleuteld {
        None
    } else {
        Some(secrets::choose(false)?.ok_or_else(|| secrets::none_for_new(file))?)
    };
    let earlier = hertoets_van
        .map(|path| -> Result<Vec<Round>> {
            // Often encrypted with the same passphrase as the new file: then asked once.
            let keys = secrets::keyring_for(&[path], passphrase.as_ref().map(store::Passphrase::duplicate))
                .with_context(|| format!("eerdere ronde '{}' kan niet worden gelezen", path.display()))?;
            let (_, previous) = Store::open_read_only_with(path, keys.passphrase_for(path))
                .with_context(|| format!("eerdere ronde '{}' kan niet worden gelezen", path.display()))?;
            if previous.framework.id != framework.id {
                bail!(
                    "de eerdere ronde '{}' gebruikt kader {}, dit onderzoek {}; een hertoets gebruikt hetzelfde kader",
                    path.display(),
                    previous.framework.id,
                    framework.id
                );
            }
            // Every round the earlier file kept, then its own: a chain keeps them all.
            Ok(previous.rounds_for_hertoets())
        })
        .transpose()?;
    let inspecteur = inspecteur.map_or_else(default_inspector, str::to_string);
    let (mut store, mut inspection) = match &passphrase {
        Some(passphrase) => Store::create_encrypted(
            file,
            &framework,
            organisatie,
            &inspecteur,
            Stamp::now(),
            passphrase,
        )?,
        None => Store::create(file, &framework, organisatie, &inspecteur, Stamp::now())?,
    };
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
    if let Some(rounds) = earlier {
        store.set_rounds(&rounds)?;
    }
    println!(
        "onderzoek '{}' gemaakt: {} met kader {}, {}",
        file.display(),
        organisatie.trim(),
        framework.id,
        if passphrase.is_some() {
            "versleuteld"
        } else {
            "onversleuteld"
        }
    );
    if passphrase.is_none() {
        eprintln!(
            "let op: '{}' is niet versleuteld; iedereen die het bestand in handen krijgt, kan alles lezen. Versleutel het met `veldtoets versleutel '{}'`",
            file.display(),
            file.display()
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

/// `veldtoets demo FILE [--kader ID]`: the demo of that kader (without one, the stap 2 demo).
pub(super) fn demo(file: &Path, kader: Option<&str>) -> Result<()> {
    let kader = kader.map_or(demo_file::DEMO_KADER, str::trim);
    // An unknown kader is refused on its own, before anything about the file.
    demo_file::check_kader(kader)?;
    // Fictional data: encrypted only when a passphrase is given (never asked for).
    let passphrase = secrets::given_only()?;
    let (_, inspection) = demo_file::create_for_with(file, kader, passphrase.as_ref())
        .with_context(|| {
            format!(
                "demo-onderzoek '{}' kon niet worden gemaakt",
                file.display()
            )
        })?;
    println!(
        "demo-onderzoek '{}' gemaakt: {} ({}), {} versies, {}",
        file.display(),
        inspection.organisatie(),
        inspection.framework.id,
        inspection.revision_count(),
        if passphrase.is_some() {
            "versleuteld"
        } else {
            "onversleuteld"
        }
    );
    Ok(())
}

pub(super) fn set_oordeel(
    file: &Path,
    verwachting: &str,
    oordeel: &str,
    onderbouwing: String,
    inspecteur: Option<&str>,
) -> Result<()> {
    let (mut store, mut inspection) = open(file)?;
    // After vaststellen, oordelen and onderbouwingen are frozen until heropenen.
    inspection.refuse_if_frozen().map_err(|r| {
        let reasons = r.0.join("; ").replace(
            "heropenen BESTAND",
            &format!("heropenen '{}'", file.display()),
        );
        anyhow::anyhow!("{verwachting}: niet vastgelegd: {reasons}")
    })?;
    let data = OordeelData::parse(&inspection.framework, verwachting, oordeel, onderbouwing)?;
    let author = Author::decide(&mut inspection, inspecteur)?;
    let who = author.id;
    let change = inspection.change(verwachting, Record::Oordeel(data), who, Stamp::now());
    author.register(&mut store)?;
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

/// `veldtoets criterium FILE CRITERIUM V|M|O --onderbouwing T`.
pub(super) fn set_criterium(
    file: &Path,
    criterium: &str,
    oordeel: &str,
    onderbouwing: &str,
    inspecteur: Option<&str>,
) -> Result<()> {
    let (mut store, mut inspection) = open(file)?;
    let criterium = criterium.trim();
    let code = match oordeel.trim() {
        "niet_beoordeeld" | "niet beoordeeld" => "",
        code => code,
    };
    let author = Author::decide(&mut inspection, inspecteur)?;
    let who = author.id;
    let change = inspection
        .set_criterion_oordeel(criterium, code, onderbouwing, who, Stamp::now())
        .map_err(|r| {
            let reasons = r.0.join("; ").replace(
                "heropenen BESTAND",
                &format!("heropenen '{}'", file.display()),
            );
            anyhow::anyhow!("criterium {criterium}: niet vastgelegd: {reasons}")
        })?;
    author.register(&mut store)?;
    store.append(&change)?;
    let resolved = change.meta.replaces.len() > 1;
    inspection.apply(change);
    let shown = inspection
        .criterion_oordeel(criterium)
        .map(|r| r.data.oordeel.clone())
        .filter(|o| !o.is_empty())
        .and_then(|code| {
            inspection
                .framework
                .criterion_level(&code)
                .map(|l| format!("{} ({})", l.code, l.name))
        })
        .unwrap_or_else(|| "niet beoordeeld".to_string());
    println!(
        "criterium {criterium}: {shown} vastgelegd door {}{}",
        inspection.inspector_name(who),
        if resolved { " (conflict opgelost)" } else { "" }
    );
    Ok(())
}

pub(super) fn check(file: &Path, json: bool) -> Result<()> {
    let (store, inspection) = open_read(file)?;
    let report = store.check()?;
    let summary = FileCheckJson::new(file, &report, &inspection);
    if json {
        print_json(&summary)?;
    } else {
        let (judged, conflicts) = (summary.beoordeeld, summary.conflicten);
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
            "oordelen:       {judged} van {} beoordeeld, {} in conflict",
            inspection.framework.judged_count(),
            summary.conflicten_oordelen
        );
        println!("conflicten:     {conflicts} (alle soorten records)");
        for duplicate in inspection.duplicates() {
            println!("dubbel:         {}", duplicate.description());
        }
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
