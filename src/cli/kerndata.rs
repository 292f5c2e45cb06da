//! `veldtoets kerngegeven` and `veldtoets eindoordeel`: the kerndata of an onderzoek (figures the
//! kader asks for, typed in Dutch notation and stored canonical; see
//! [`crate::domain::kerndata`]) and the eindoordeel the inspecteurs choose in a kader with
//! `maat = "keuze"`.

use std::path::Path;

use anyhow::{Result, anyhow, bail};

use crate::domain::inspection::{Inspection, KerngegevenData, KeuzeData, Record, Stamp};
use crate::domain::kader::{Framework, Measure, Verdict};
use crate::domain::kerndata::{KeyFigure, Quantity};
use crate::domain::termijn::format_date_nl;
use crate::domain::wederhoor::Phase;

use super::{Author, open};

/// `veldtoets kerngegeven FILE ID (--waarde W | --leeg) [--toelichting T]`: a new version of the
/// kerngegeven `id`; `waarde` `None` records it as not known. Without `toelichting` the existing
/// one stays.
pub(super) fn kerngegeven(
    file: &Path,
    id: &str,
    waarde: Option<&str>,
    toelichting: Option<&str>,
    inspecteur: Option<&str>,
) -> Result<()> {
    let id = id.trim();
    let (mut store, mut inspection) = open(file)?;
    let figure = key_figure(&inspection.framework, id)?.clone();
    if let Phase::Vastgesteld { on } = inspection.phase() {
        bail!(
            "kerngegeven {id}: niet vastgelegd: het rapport is op {} definitief vastgesteld; de kerndata in het rapport liggen vast tot het onderzoek wordt heropend (veldtoets heropenen '{}' --reden …)",
            format_date_nl(on),
            file.display()
        );
    }
    let quantity = waarde.map(|text| parse_value(&figure, text)).transpose()?;
    let existing = inspection.kerngegevens.get(&figure.id);
    let conflicted = inspection.kerngegevens.is_conflicted(&figure.id);
    let data = KerngegevenData {
        waarde: quantity.map(Quantity::canonical).unwrap_or_default(),
        toelichting: match toelichting {
            Some(t) => t.trim().to_string(),
            None => existing
                .filter(|_| !conflicted)
                .map(|r| r.data.toelichting.clone())
                .unwrap_or_default(),
        },
    };
    if !conflicted && existing.is_some_and(|r| r.data == data) {
        println!(
            "kerngegeven {} ({}): niets veranderd",
            figure.id, figure.label
        );
        return Ok(());
    }
    let author = Author::decide(&mut inspection, inspecteur)?;
    let change = inspection.change(
        &figure.id,
        Record::Kerngegeven(data),
        author.id,
        Stamp::now(),
    );
    author.register(&mut store)?;
    store.append(&change)?;
    let resolved = change.meta.replaces.len() > 1;
    inspection.apply(change);
    let shown = quantity.map_or_else(|| "leeg (niet bekend)".to_string(), |q| figure.show(q));
    println!(
        "kerngegeven {} ({}): {shown} vastgelegd door {}{}",
        figure.id,
        figure.label,
        inspection.inspector_name(author.id),
        if resolved { " (conflict opgelost)" } else { "" }
    );
    Ok(())
}

/// The kerngegeven `id` of the kader, or a refusal that names the ones there are.
fn key_figure<'f>(fw: &'f Framework, id: &str) -> Result<&'f KeyFigure> {
    if fw.key_figures.is_empty() {
        bail!(
            "het kader {} vraagt geen kerngegevens; er is niets vastgelegd",
            fw.id
        );
    }
    fw.key_figure(id).ok_or_else(|| {
        let known: Vec<String> = fw
            .key_figures
            .iter()
            .map(|k| format!("{} ({})", k.id, k.label))
            .collect();
        anyhow!(
            "kerngegeven '{id}' staat niet in het kader {}; kies uit: {}. Er is niets vastgelegd",
            fw.id,
            known.join(", ")
        )
    })
}

/// The typed value of `figure`, or a refusal saying what to type.
fn parse_value(figure: &KeyFigure, text: &str) -> Result<Quantity> {
    if text.trim().is_empty() {
        bail!(
            "kerngegeven {}: --waarde is leeg; geef een waarde (bijvoorbeeld {}) of --leeg als zij niet bekend is. Er is niets vastgelegd",
            figure.id,
            figure.kind.example()
        );
    }
    Quantity::parse(figure.kind, text).map_err(|e| {
        anyhow!(
            "kerngegeven {} ({}): {e}. Er is niets vastgelegd",
            figure.id,
            figure.label
        )
    })
}

/// `veldtoets eindoordeel FILE ID --onderbouwing T`: the eindoordeel the inspecteurs choose (a
/// new version of the one keuze record of the onderzoek).
pub(super) fn eindoordeel(
    file: &Path,
    eindoordeel: &str,
    onderbouwing: &str,
    inspecteur: Option<&str>,
) -> Result<()> {
    let (mut store, mut inspection) = open(file)?;
    let fw = &inspection.framework;
    if fw.rules.measure != Measure::Choice {
        bail!(
            "het kader {} laat de inspecteur het eindoordeel niet kiezen: bij dit kader volgt het eindoordeel uit de beslisregels; leg oordelen vast met `veldtoets oordeel`. Er is niets vastgelegd",
            fw.id
        );
    }
    // After vaststellen, the eindoordeel is frozen until heropenen (as every oordeel).
    inspection.refuse_if_frozen().map_err(|r| {
        let reasons = r.0.join("; ").replace(
            "heropenen BESTAND",
            &format!("heropenen '{}'", file.display()),
        );
        anyhow!("eindoordeel: niet vastgelegd: {reasons}")
    })?;
    let verdict = find_verdict(fw, eindoordeel)?;
    if onderbouwing.trim().is_empty() {
        bail!(
            "--onderbouwing mag niet leeg zijn: zeg waarom {} het eindoordeel is (dat komt in het rapport). Er is niets vastgelegd",
            verdict.label()
        );
    }
    let data = KeuzeData {
        eindoordeel: verdict.as_str().to_string(),
        onderbouwing: onderbouwing.trim().to_string(),
    };
    let id = inspection.keuze_id();
    if !inspection.keuzes.is_conflicted(&id)
        && inspection.keuzes.get(&id).is_some_and(|r| r.data == data)
    {
        println!(
            "eindoordeel: {} ({}) was al gekozen; niets veranderd",
            verdict.label(),
            verdict.as_str()
        );
        return Ok(());
    }
    let author = Author::decide(&mut inspection, inspecteur)?;
    let change = inspection.change(&id, Record::Keuze(data), author.id, Stamp::now());
    author.register(&mut store)?;
    store.append(&change)?;
    let resolved = change.meta.replaces.len() > 1;
    inspection.apply(change);
    println!(
        "eindoordeel: {} ({}) gekozen door {}{}",
        verdict.label(),
        verdict.as_str(),
        inspection.inspector_name(author.id),
        if resolved { " (conflict opgelost)" } else { "" }
    );
    print_standing(&inspection);
    Ok(())
}

/// The eindoordeel of the kader with this id (or, case-insensitively, this naam); a refusal
/// lists them.
fn find_verdict(fw: &Framework, typed: &str) -> Result<Verdict> {
    let typed = typed.trim();
    let found = fw.verdict(typed).or_else(|| {
        fw.verdicts
            .iter()
            .copied()
            .find(|v| v.label().eq_ignore_ascii_case(typed))
    });
    found.ok_or_else(|| {
        let known: Vec<String> = fw
            .verdicts
            .iter()
            .map(|v| format!("{} ({})", v.as_str(), v.label()))
            .collect();
        anyhow!(
            "'{typed}' is geen eindoordeel van het kader {}; kies uit: {}. Er is niets vastgelegd",
            fw.id,
            known.join(", ")
        )
    })
}

/// When the choice is not yet final: what still keeps it open (a conflict elsewhere, an
/// oordeel missing), in one line.
fn print_standing(inspection: &Inspection) {
    let status = inspection.status();
    if status.is_final() {
        return;
    }
    let mut open: Vec<String> = Vec::new();
    open.extend(
        status
            .conflicts()
            .iter()
            .map(|c| format!("conflict bij {c}")),
    );
    open.extend(status.record_conflicts().iter().cloned());
    if !status.not_judged().is_empty() {
        open.push(format!(
            "nog geen oordeel bij {}",
            status.not_judged().join(", ")
        ));
    }
    if !open.is_empty() {
        println!("let op: het eindoordeel is voorlopig: {}", open.join("; "));
    }
}
