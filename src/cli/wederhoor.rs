//! After the visit: `concept` (write the conceptrapport and record it sent), `reactie` (a
//! reactie of the organisation, hoor en wederhoor), `besluit` (the inspectorate's decision on a
//! reactie), `vaststellen`, `heropenen` and `privacy`; the texts the inspectors write for the
//! rapport, `verbeterpunt` and `rapporttekst` (refused once vastgesteld, like an oordeel); and
//! `vergelijk` (the concept as sent beside the rapport now, with the reacties per paragraph).
//!
//! The decisions are the domain's ([`crate::domain::wederhoor`]); a refusal lists every reason
//! it gives. As with the other editing commands nothing is written — not even the inspecteur's
//! name — when anything is wrong. `concept` writes the PDF first and records the step only when
//! the PDF is on disk, so a concept is never recorded as sent without the file that was sent.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result, anyhow, bail};
use jiff::civil::Date;
use sha2::{Digest, Sha256};

use crate::domain::inspection::{Change, Inspection, ReactieData, Record, Stamp};
use crate::domain::termijn::{self, format_date_nl};
use crate::domain::wederhoor::{Besluit, Phase, RapportBlok, ReactieSoort, Refused};
use crate::json::VergelijkingJson;
use crate::report::{self, ReportOptions};
use crate::store::Store;

use super::{Author, check_outputs, open, open_read, print_json, write_output};

/// A refusal of the domain as one Dutch message: "`what`: reason; reason".
fn refused(what: &str, refusal: Refused) -> anyhow::Error {
    anyhow!("{what}: {}", refusal.0.join("; "))
}

fn parse_date(text: &str, option: &str) -> Result<Date> {
    termijn::parse_date_input(text).map_err(|e| anyhow!("{option}: {e}"))
}

/// The SHA-256 of `bytes`, as lowercase hex.
fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Registers the author and writes `change` (one transaction), then applies it in memory.
fn record(
    store: &mut Store,
    inspection: &mut Inspection,
    author: &Author,
    change: Change,
) -> Result<()> {
    author.register(store)?;
    store.append(&change)?;
    inspection.apply(change);
    Ok(())
}

/// "let op:" when the eindoordeel is not final (`when`: "in het concept", …).
fn warn_provisional(inspection: &Inspection, when: &str) {
    let status = inspection.status();
    if status.is_final() {
        return;
    }
    let mut why = Vec::new();
    if !status.not_judged().is_empty() {
        why.push(format!(
            "zonder oordeel: {}",
            status.not_judged().join(", ")
        ));
    }
    if !status.conflicts().is_empty() {
        why.push(format!(
            "oordelen in conflict: {}",
            status.conflicts().join(", ")
        ));
    }
    if !status.record_conflicts().is_empty() {
        why.push(format!(
            "gegevens in conflict of dubbel: {}",
            status.record_conflicts().join(", ")
        ));
    }
    eprintln!(
        "let op: het eindoordeel {when} is voorlopig ({})",
        why.join("; ")
    );
}

/// `veldtoets concept FILE --pdf OUT --verzonden DATUM`: renders the conceptrapport as it reads
/// once sent, writes it, then records the step with the PDF's SHA-256 and the rapport's text.
pub(super) fn concept(
    file: &Path,
    pdf: &Path,
    verzonden: &str,
    inspecteur: Option<&str>,
) -> Result<()> {
    let on = parse_date(verzonden, "--verzonden")?;
    if pdf == Path::new("-") {
        bail!(
            "--pdf: het verzonden concept moet een bestand zijn (de SHA-256 ervan wordt vastgelegd), niet de standaarduitvoer; geef een bestandsnaam"
        );
    }
    check_outputs(&[Some(pdf)], &[file])?;
    let (mut store, mut inspection) = open(file)?;
    let author = Author::decide(&mut inspection, inspecteur)?;
    let what = "het concept kan niet als verzonden worden vastgelegd";
    let before = inspection.phase();
    // The rapport as it reads once sent ("verzonden op …"): the step applied to a copy. The
    // hash and the text are not part of the rapport, so they are left empty here.
    let step = inspection
        .send_concept(on, String::new(), String::new(), author.id, Stamp::now())
        .map_err(|r| {
            let error = refused(what, r);
            if inspection.open_privacy_findings().is_empty() {
                error
            } else {
                anyhow!(
                    "{error}. Zie `veldtoets privacy {0}`; vrijgeven met `veldtoets privacy {0} --vrijgeven NR --reden …`",
                    file.display()
                )
            }
        })?;
    let mut sent = inspection.clone();
    sent.apply(step);
    let model = report::build(&sent, &ReportOptions::new(true, on));
    let bytes = report::render_pdf(&model).with_context(|| {
        format!(
            "het conceptrapport van '{}' kon niet worden gemaakt; er is niets vastgelegd",
            file.display()
        )
    })?;
    let hash = sha256_hex(&bytes);
    let change = inspection
        .send_concept(
            on,
            hash.clone(),
            model.plain_text(),
            author.id,
            Stamp::now(),
        )
        .map_err(|r| refused(what, r))?;
    write_output(pdf, &[file], &bytes).with_context(|| {
        format!(
            "het conceptrapport is niet geschreven naar '{}'; de verzending is niet vastgelegd",
            pdf.display()
        )
    })?;
    record(&mut store, &mut inspection, &author, change).with_context(|| {
        format!(
            "het conceptrapport staat in '{}', maar de verzending is NIET vastgelegd in '{}' (het onderzoek staat nog op ‘{}’); verstuur het pas nadat `veldtoets concept` opnieuw is gelukt",
            pdf.display(),
            file.display(),
            before.label()
        )
    })?;
    warn_provisional(&inspection, "in het concept");
    super::warn_plain_export(pdf, store.is_encrypted());
    let replaced = match before {
        Phase::ConceptVerzonden { on: earlier } | Phase::ReactiesVerwerkt { concept: earlier } => {
            format!(" (vervangt het concept van {})", format_date_nl(earlier))
        }
        _ => String::new(),
    };
    println!(
        "conceptrapport '{}' geschreven en vastgelegd als verzonden op {} door {}{replaced}; SHA-256 {hash}",
        pdf.display(),
        format_date_nl(on),
        inspection.inspector_name(author.id)
    );
    Ok(())
}

/// The arguments of `veldtoets reactie` (apart from the file and the inspecteur).
pub(super) struct NewReactie {
    pub paragraaf: Option<String>,
    pub verwachting: Option<String>,
    pub soort: String,
    pub tekst: String,
    pub van: Option<String>,
    pub ontvangen: Option<String>,
}

/// `Some(trimmed)` unless empty.
fn non_empty(text: Option<String>) -> Option<String> {
    text.map(|t| t.trim().to_string()).filter(|t| !t.is_empty())
}

/// `veldtoets reactie`: records a new reactie and prints its id (a fresh UUIDv7), nothing else.
pub(super) fn reactie(file: &Path, new: NewReactie, inspecteur: Option<&str>) -> Result<()> {
    let soort = ReactieSoort::parse(&new.soort.trim().to_lowercase()).ok_or_else(|| {
        anyhow!(
            "--soort: '{}' is geen soort reactie; kies feitelijk (feitelijke onjuistheid), aanvulling of zienswijze",
            new.soort
        )
    })?;
    let ontvangen = match &new.ontvangen {
        Some(text) => parse_date(text, "--ontvangen")?,
        None => jiff::Zoned::now().date(),
    };
    let (mut store, mut inspection) = open(file)?;
    let author = Author::decide(&mut inspection, inspecteur)?;
    let data = ReactieData {
        ontvangen: Some(ontvangen),
        van: new.van.unwrap_or_default().trim().to_string(),
        paragraaf: non_empty(new.paragraaf),
        verwachting: non_empty(new.verwachting),
        soort,
        tekst: new.tekst.trim().to_string(),
    };
    let entity = Stamp::now().rev.to_string();
    let change = inspection.add_reactie(&entity, data, author.id, Stamp::now());
    let mut reasons = change
        .as_ref()
        .err()
        .map(|r| r.0.clone())
        .unwrap_or_default();
    if let Some(sent) = inspection.phase_data().concept_verzonden
        && ontvangen < sent
    {
        reasons.push(format!(
            "de reactie zou op {} zijn ontvangen, vóór de verzending van het concept op {}; geef de juiste datum met --ontvangen",
            format_date_nl(ontvangen),
            format_date_nl(sent)
        ));
    }
    if !reasons.is_empty() {
        return Err(refused("de reactie is niet vastgelegd", Refused(reasons)));
    }
    let change = change.map_err(|r| refused("de reactie is niet vastgelegd", r))?;
    record(&mut store, &mut inspection, &author, change)?;
    println!("{entity}");
    Ok(())
}

/// `veldtoets besluit FILE REACTIE-ID overgenomen|deels|niet --motivering T [--wijziging V]…`.
pub(super) fn besluit(
    file: &Path,
    reactie: &str,
    besluit: &str,
    motivering: &str,
    wijzigingen: &[String],
    inspecteur: Option<&str>,
) -> Result<()> {
    let besluit = Besluit::parse(&besluit.trim().to_lowercase()).ok_or_else(|| {
        anyhow!(
            "'{besluit}' is geen besluit; kies overgenomen, deels (deels overgenomen) of niet (niet overgenomen)"
        )
    })?;
    let reactie = reactie.trim();
    let (mut store, mut inspection) = open(file)?;
    let author = Author::decide(&mut inspection, inspecteur)?;
    let change = inspection
        .decide(
            reactie,
            besluit,
            motivering,
            wijzigingen,
            author.id,
            Stamp::now(),
        )
        .map_err(|r| refused("het besluit is niet vastgelegd", r))?;
    let Record::Besluit(decided) = &change.data else {
        bail!(
            "interne fout: het besluit is als ander soort gegeven aangeboden; er is niets geschreven"
        );
    };
    let decided = decided.clone();
    let about = inspection.reacties.get(reactie).map_or_else(
        || format!("reactie {reactie}"),
        |r| format!("de reactie op {}", r.data.reference()),
    );
    let id = inspection.besluit_id(reactie);
    let unchanged = inspection.besluiten.get(&id).is_some_and(|b| {
        !inspection.besluiten.is_conflicted(&id)
            && b.data.besluit == besluit
            && b.data.motivering == motivering.trim()
            && b.data.wijzigingen == decided.wijzigingen
    });
    if unchanged {
        println!(
            "besluit op {about}: {} stond er al met deze motivering en deze wijzigingen; er is niets geschreven",
            besluit.label()
        );
        return Ok(());
    }
    record(&mut store, &mut inspection, &author, change)?;
    println!(
        "besluit op {about}: {}, vastgelegd door {}",
        besluit.label(),
        inspection.inspector_name(author.id)
    );
    for w in inspection.linked_changes(&decided) {
        println!("  gewijzigd door deze reactie: {}", w.label());
    }
    // A change on the verwachting the reactie points at that this besluit does not name.
    let pointed_at = inspection
        .reacties
        .get(reactie)
        .and_then(|r| r.data.verwachting.clone());
    if besluit != Besluit::Niet
        && let Some(v) = pointed_at
        && !decided.wijzigingen.contains_key(&v)
        && let Some(w) = inspection
            .oordeel_changes_since_concept()
            .into_iter()
            .find(|w| w.verwachting == v)
    {
        println!(
            "let op: het oordeel over {v} is sinds het concept gewijzigd ({}); kwam dat door deze reactie, koppel het dan met --wijziging {v}",
            w.label()
        );
    }
    if matches!(inspection.phase(), Phase::ReactiesVerwerkt { .. })
        && inspection.vaststellen_blockers().is_empty()
    {
        println!(
            "elke reactie heeft nu een besluit; stel het rapport vast met: veldtoets vaststellen {} --datum DD-MM-JJJJ",
            file.display()
        );
    }
    Ok(())
}

/// `veldtoets vaststellen FILE --datum DATUM`: refused with every blocker.
pub(super) fn vaststellen(file: &Path, datum: &str, inspecteur: Option<&str>) -> Result<()> {
    let on = parse_date(datum, "--datum")?;
    let (mut store, mut inspection) = open(file)?;
    let author = Author::decide(&mut inspection, inspecteur)?;
    let change = inspection
        .vaststellen(on, author.id, Stamp::now())
        .map_err(|r| refused("het onderzoek kan niet worden vastgesteld", r))?;
    record(&mut store, &mut inspection, &author, change)?;
    warn_provisional(&inspection, "in het vastgestelde rapport");
    println!(
        "onderzoek vastgesteld op {} door {}; oordelen en onderbouwingen liggen nu vast (wijzigen kan pas na veldtoets heropenen). Het definitieve rapport: veldtoets export {} --pdf rapport.pdf",
        format_date_nl(on),
        inspection.inspector_name(author.id),
        file.display()
    );
    Ok(())
}

/// `privacy FILE`: every finding, numbered, open or kept with its reason; with `--vrijgeven NR
/// --reden T` finding NR is kept explicitly.
pub(super) fn privacy(
    file: &Path,
    keep: Option<usize>,
    reason: Option<&str>,
    inspecteur: Option<&str>,
) -> Result<()> {
    let (mut store, mut inspection) = open(file)?;
    let findings = inspection.privacy_findings();
    if let Some(number) = keep {
        let Some(finding) = number.checked_sub(1).and_then(|i| findings.get(i)) else {
            bail!(
                "--vrijgeven {number}: er is geen vondst met dat nummer (er zijn er {}); zie `veldtoets privacy {}`",
                findings.len(),
                file.display()
            );
        };
        let author = Author::decide(&mut inspection, inspecteur)?;
        let Some(change) =
            inspection.keep_finding(finding, reason.unwrap_or(""), author.id, Stamp::now())
        else {
            bail!("--reden mag niet leeg zijn: zeg waarom de vondst in het rapport mag blijven");
        };
        record(&mut store, &mut inspection, &author, change)?;
        println!(
            "vondst {number} vrijgegeven door {}: {}",
            inspection.inspector_name(author.id),
            finding.line()
        );
        return Ok(());
    }
    if findings.is_empty() {
        println!(
            "geen vondsten: de onderbouwingen, verbeterpunten, samenvatting en conclusie noemen geen dossiernummers of persoonsgegevens"
        );
    }
    for (i, finding) in findings.iter().enumerate() {
        match &finding.kept {
            Some(reason) => println!("{}. {} — vrijgegeven: {reason}", i + 1, finding.line()),
            None => println!("{}. {}", i + 1, finding.line()),
        }
    }
    Ok(())
}

/// `veldtoets heropenen FILE --reden T`.
pub(super) fn heropenen(file: &Path, reden: &str, inspecteur: Option<&str>) -> Result<()> {
    let (mut store, mut inspection) = open(file)?;
    let author = Author::decide(&mut inspection, inspecteur)?;
    let change = inspection
        .reopen(reden, author.id, Stamp::now())
        .map_err(|r| refused("het onderzoek kan niet worden heropend", r))?;
    record(&mut store, &mut inspection, &author, change)?;
    println!(
        "onderzoek heropend door {} (reden: {}); oordelen en onderbouwingen kunnen weer worden gewijzigd. Stel het daarna opnieuw vast met veldtoets vaststellen",
        inspection.inspector_name(author.id),
        reden.trim()
    );
    Ok(())
}

/// A frozen-file refusal with `BESTAND` replaced by the file.
fn refused_in(file: &Path, what: &str, refusal: Refused) -> anyhow::Error {
    let reasons = refusal.0.join("; ").replace(
        "heropenen BESTAND",
        &format!("heropenen '{}'", file.display()),
    );
    anyhow!("{what}: {reasons}")
}

/// `veldtoets verbeterpunt FILE VERWACHTING --tekst T`: the verbeterpunt of an onvoldoende
/// verwachting as written; an empty text removes it, so the derived one applies again.
pub(super) fn verbeterpunt(
    file: &Path,
    verwachting: &str,
    tekst: &str,
    inspecteur: Option<&str>,
) -> Result<()> {
    let verwachting = verwachting.trim();
    let (mut store, mut inspection) = open(file)?;
    let author = Author::decide(&mut inspection, inspecteur)?;
    let what = format!("verbeterpunt {verwachting} niet vastgelegd");
    let change = inspection
        .set_verbeterpunt(verwachting, tekst, author.id, Stamp::now())
        .map_err(|r| refused_in(file, &what, r))?;
    let Some(change) = change else {
        if tekst.trim().is_empty() {
            println!(
                "verbeterpunt {verwachting}: er was geen eigen tekst; het rapport houdt het afgeleide verbeterpunt. Er is niets geschreven"
            );
        } else {
            println!("verbeterpunt {verwachting}: deze tekst stond er al; er is niets geschreven");
        }
        return Ok(());
    };
    let removed = change.meta.deleted;
    record(&mut store, &mut inspection, &author, change)?;
    let who = inspection.inspector_name(author.id);
    if removed {
        println!(
            "verbeterpunt {verwachting}: eigen tekst verwijderd door {who}; het rapport toont weer het afgeleide verbeterpunt"
        );
    } else {
        println!("verbeterpunt {verwachting}: vastgelegd door {who}");
    }
    Ok(())
}

/// `veldtoets rapporttekst FILE samenvatting|conclusie --tekst T`; an empty text removes the
/// block.
pub(super) fn rapporttekst(
    file: &Path,
    blok: &str,
    tekst: &str,
    inspecteur: Option<&str>,
) -> Result<()> {
    let blok = RapportBlok::parse(&blok.trim().to_lowercase()).ok_or_else(|| {
        anyhow!("'{blok}' is geen blok van het rapport; kies samenvatting of conclusie")
    })?;
    let (mut store, mut inspection) = open(file)?;
    let author = Author::decide(&mut inspection, inspecteur)?;
    let what = format!("de {} is niet vastgelegd", blok.as_str());
    let change = inspection
        .set_rapporttekst(blok, tekst, author.id, Stamp::now())
        .map_err(|r| refused_in(file, &what, r))?;
    let Some(change) = change else {
        if tekst.trim().is_empty() {
            println!(
                "{}: er stond geen tekst; er is niets geschreven",
                blok.as_str()
            );
        } else {
            println!(
                "{}: deze tekst stond er al; er is niets geschreven",
                blok.as_str()
            );
        }
        return Ok(());
    };
    let removed = change.meta.deleted;
    record(&mut store, &mut inspection, &author, change)?;
    let who = inspection.inspector_name(author.id);
    if removed {
        println!(
            "{}: verwijderd door {who}; het rapport heeft geen eigen {} meer",
            blok.as_str(),
            blok.as_str()
        );
    } else {
        println!("{}: vastgelegd door {who}", blok.as_str());
    }
    Ok(())
}

/// `veldtoets vergelijk FILE [--json]`: the concept as sent beside the rapport as it is now (the
/// definitive rapport, dated on the vaststelling or today), paragraph by paragraph, with the
/// reacties pointing at each. Only reads the file.
pub(super) fn vergelijk(file: &Path, json: bool) -> Result<()> {
    let (_store, inspection) = open_read(file)?;
    let data = inspection.phase_data();
    let sent = data
        .concept_verzonden
        .filter(|_| !data.concept_tekst.trim().is_empty());
    let Some(sent) = sent else {
        bail!(
            "er is nog geen conceptrapport verzonden, dus er is niets om mee te vergelijken; verstuur eerst het concept met `veldtoets concept {} --pdf concept.pdf --verzonden DD-MM-JJJJ`",
            file.display()
        );
    };
    if inspection.phase_conflicted() {
        eprintln!(
            "let op: twee kopieën hebben de fase van het onderzoek verschillend vastgelegd; vergeleken wordt met het concept van de getoonde versie"
        );
    }
    let date = data
        .vastgesteld
        .unwrap_or_else(|| jiff::Zoned::now().date());
    let now = report::build(&inspection, &ReportOptions::new(false, date));
    let concept_now = report::build(&inspection, &ReportOptions::new(true, sent));
    let changes = report::compare(&inspection, &data.concept_tekst, &now, &concept_now);
    if json {
        let list: Vec<VergelijkingJson> = changes.iter().map(VergelijkingJson::new).collect();
        return print_json(&list);
    }
    let phase = match inspection.phase() {
        Phase::Vastgesteld { on } => format!(
            "het definitieve rapport, vastgesteld op {}",
            format_date_nl(on)
        ),
        _ => "het rapport zoals het nu is (nog niet vastgesteld)".to_string(),
    };
    let mut out = std::io::stdout().lock();
    let mut say = |line: String| writeln!(out, "{line}").context(super::STDOUT_FAILED);
    say(format!(
        "het conceptrapport zoals verzonden op {} vergeleken met {phase}:",
        format_date_nl(sent)
    ))?;
    if changes.is_empty() {
        say("geen verschillen".to_string())?;
    }
    for change in &changes {
        say(change.line())?;
    }
    Ok(())
}
