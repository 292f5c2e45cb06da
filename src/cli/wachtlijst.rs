//! `veldtoets wachtzaak` and `veldtoets contact`: the wachtlijst per zaak and the contacts about
//! safety with waiting households (see [`crate::domain::wachtlijst`]).

use std::path::Path;

use anyhow::{Result, anyhow, bail};

use crate::domain::inspection::{ContactData, Record, Stamp, WachtzaakData};
use crate::domain::termijn::format_date_nl;
use crate::domain::wachtlijst::{Prioriteit, WachtOp};

use super::{Author, open, parse_date_arg};

/// What `wachtzaak` sets; `None` leaves a field of an existing case as it is.
pub(super) struct WachtzaakArgs<'a> {
    pub melding: Option<&'a str>,
    pub wacht_op: Option<&'a str>,
    pub prioriteit: Option<&'a str>,
    pub notitie: Option<&'a str>,
    pub verwijder: bool,
}

/// `veldtoets wachtzaak FILE NUMMER …`: adds the waiting case `nummer`, edits the live one
/// with that number (only the given fields), or removes it.
pub(super) fn wachtzaak(
    file: &Path,
    nummer: &str,
    args: &WachtzaakArgs<'_>,
    inspecteur: Option<&str>,
) -> Result<()> {
    let nummer = nummer.trim();
    if nummer.is_empty() {
        bail!("geef het (pseudonieme) nummer van de wachtende zaak");
    }
    let melding = parse_date_arg(args.melding, "--melding")?;
    let wacht_op = args
        .wacht_op
        .map(|w| {
            WachtOp::parse(&w.trim().to_lowercase()).ok_or_else(|| {
                anyhow!(
                    "--wacht-op: '{w}' is onbekend; kies veiligheidsbeoordeling, onderzoek of vv (Voorwaarden & Vervolg)"
                )
            })
        })
        .transpose()?;
    let prioriteit = args
        .prioriteit
        .map(|p| {
            Prioriteit::parse(&p.trim().to_lowercase())
                .ok_or_else(|| anyhow!("--prioriteit: '{p}' is onbekend; kies hoog of normaal"))
        })
        .transpose()?;
    let (mut store, mut inspection) = open(file)?;
    let author = Author::decide(&mut inspection, inspecteur)?;
    let existing = inspection.waiting_case_by_number(nummer).cloned();
    let change = match (&existing, args.verwijder) {
        (None, true) => {
            bail!("er is geen wachtende zaak met nummer '{nummer}'; er is niets verwijderd")
        }
        (Some(old), true) => inspection.deletion(
            &old.meta.entity,
            Record::Wachtzaak(old.data.clone()),
            author.id,
            Stamp::now(),
        ),
        (old, false) => {
            let mut data = old.as_ref().map_or_else(
                || WachtzaakData {
                    nummer: nummer.to_string(),
                    ..WachtzaakData::default()
                },
                |o| o.data.clone(),
            );
            if old.is_none() && (melding.is_none() || wacht_op.is_none()) {
                bail!(
                    "een nieuwe wachtende zaak heeft een meldingsdatum en wat zij wacht: geef --melding DD-MM-JJJJ en --wacht-op veiligheidsbeoordeling|onderzoek|vv"
                );
            }
            if let Some(m) = melding {
                data.melding = Some(m);
            }
            if let Some(w) = wacht_op {
                data.wacht_op = w;
            }
            if let Some(p) = prioriteit {
                data.prioriteit = p;
            }
            if let Some(n) = args.notitie {
                data.notitie = n.trim().to_string();
            }
            if old.as_ref().is_some_and(|o| o.data == data) {
                println!("wachtende zaak {nummer}: niets veranderd");
                return Ok(());
            }
            let entity = old
                .as_ref()
                .map_or_else(|| Stamp::now().rev.to_string(), |o| o.meta.entity.clone());
            inspection.change(&entity, Record::Wachtzaak(data), author.id, Stamp::now())
        }
    };
    author.register(&mut store)?;
    store.append(&change)?;
    inspection.apply(change);
    let what = match (&existing, args.verwijder) {
        (_, true) => "verwijderd",
        (Some(_), false) => "bijgewerkt",
        (None, false) => "toegevoegd",
    };
    println!(
        "wachtende zaak {nummer}: {what} door {}",
        inspection.inspector_name(author.id)
    );
    print_figures(&inspection);
    Ok(())
}

/// `veldtoets contact FILE NUMMER --datum D --met FUNCTIE`: a contact about safety with the
/// waiting household of case `nummer`.
pub(super) fn contact(
    file: &Path,
    nummer: &str,
    datum: &str,
    met: &str,
    notitie: Option<&str>,
    inspecteur: Option<&str>,
) -> Result<()> {
    let datum = parse_date_arg(Some(datum), "--datum")?;
    if met.trim().is_empty() {
        bail!("--met: zeg met wie er contact was, als functie (bijvoorbeeld moeder, wijkteam)");
    }
    let (mut store, mut inspection) = open(file)?;
    let Some(zaak) = inspection.waiting_case_by_number(nummer).cloned() else {
        bail!(
            "er is geen wachtende zaak met nummer '{}'; voeg haar eerst toe met veldtoets wachtzaak",
            nummer.trim()
        );
    };
    if let (Some(d), Some(m)) = (datum, zaak.data.melding)
        && d < m
    {
        bail!(
            "--datum: het contact ({}) ligt vóór de melding ({}); er is niets vastgelegd",
            format_date_nl(d),
            format_date_nl(m)
        );
    }
    let author = Author::decide(&mut inspection, inspecteur)?;
    let data = ContactData {
        zaak: zaak.meta.entity.clone(),
        datum,
        met: met.trim().to_string(),
        notitie: notitie.unwrap_or("").trim().to_string(),
    };
    let change = inspection.change(
        &Stamp::now().rev.to_string(),
        Record::Contact(data),
        author.id,
        Stamp::now(),
    );
    author.register(&mut store)?;
    store.append(&change)?;
    inspection.apply(change);
    println!(
        "contact met wachtende zaak {} vastgelegd door {}",
        zaak.data.nummer,
        inspection.inspector_name(author.id)
    );
    print_figures(&inspection);
    Ok(())
}

/// "wachtlijst: 3 wachtend, langste 312 d; 1 van 3 met contact in de laatste 30 dagen".
fn print_figures(inspection: &crate::domain::inspection::Inspection) {
    let f = inspection.waitlist_figures();
    let longest = f
        .longest
        .map(|(d, _)| format!(", langste {d} d"))
        .unwrap_or_default();
    match f.peildatum {
        Some(p) => println!(
            "wachtlijst op {}: {} wachtend{longest}; {} van {} met contact in de laatste {} dagen",
            format_date_nl(p),
            f.waiting,
            f.in_sight,
            f.waiting,
            f.days
        ),
        None => println!(
            "wachtlijst: {} wachtend; zonder peildatum (of bezoekdatum) zijn wachttijd en zicht niet te bepalen",
            f.waiting
        ),
    }
}
