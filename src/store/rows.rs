//! Mapping between revisions and table rows.

use std::collections::{BTreeMap, HashMap};

use jiff::Timestamp;
use jiff::civil::{Date, DateTime};
use rusqlite::{Connection, Row, params};
use uuid::Uuid;

use super::schema::table;
use crate::domain::inspection::{
    AnswerData, Change, CheckAnswer, CheckData, Details, DocumentData, DossierData, EarlierRound,
    FlashData, Inspection, InterviewData, Kind, Meta, OordeelData, Record, Selection, Tag, Tags,
    WaitlistData,
};
use crate::domain::judgement::JudgementValue;
use crate::domain::termijn::CaseDates;

pub enum LoadError {
    Sqlite(rusqlite::Error),
    Invalid(String),
}

impl From<rusqlite::Error> for LoadError {
    fn from(e: rusqlite::Error) -> Self {
        LoadError::Sqlite(e)
    }
}

fn date(d: Option<Date>) -> Option<String> {
    d.map(|d| d.to_string())
}

fn tags_json(tags: &Tags) -> String {
    let map: BTreeMap<&str, &str> = tags.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    serde_json::to_string(&map).unwrap_or_else(|_| "{}".to_string())
}

/// Inserts one revision and its `vervangt` rows. Inserting a revision that is already present is
/// a no-op, so replaying or merging is idempotent.
pub fn insert(conn: &Connection, change: &Change) -> rusqlite::Result<()> {
    let m = &change.meta;
    let common = (
        m.rev.to_string(),
        m.entity.as_str(),
        m.author.to_string(),
        m.at.to_string(),
        i64::from(m.deleted),
    );
    let (rev, id, author, at, deleted) = &common;
    match &change.data {
        Record::Details(d) => conn.execute(
            "INSERT OR IGNORE INTO onderzoek_gegevens (rev, id, inspecteur, tijd, verwijderd, organisatie, bezoek_van, bezoek_tot, notitie) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![rev, id, author, at, deleted, d.organisatie, date(d.bezoek_van), date(d.bezoek_tot), d.notitie],
        ),
        Record::Interview(d) => conn.execute(
            "INSERT OR IGNORE INTO interview (rev, id, inspecteur, tijd, verwijderd, rol, datum, deelnemers, notitie) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![rev, id, author, at, deleted, d.rol, date(d.datum), d.deelnemers, d.notitie],
        ),
        Record::Answer(d) => conn.execute(
            "INSERT OR IGNORE INTO antwoord (rev, id, inspecteur, tijd, verwijderd, interview, vraag, notitie, tags) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![rev, id, author, at, deleted, d.interview, d.vraag, d.notitie, tags_json(&d.tags)],
        ),
        Record::Flash(d) => conn.execute(
            "INSERT OR IGNORE INTO flitsinterview (rev, id, inspecteur, tijd, verwijderd, functie, tijdstip, antwoorden, tags, notitie) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                rev, id, author, at, deleted, d.functie,
                d.tijdstip.map(|t| t.to_string()),
                serde_json::to_string(&d.antwoorden).unwrap_or_else(|_| "{}".into()),
                tags_json(&d.tags), d.notitie
            ],
        ),
        Record::Dossier(d) => conn.execute(
            "INSERT OR IGNORE INTO dossier (rev, id, inspecteur, tijd, verwijderd, nummer, selectie, melding_ontvangen, triagebesluit, start_onderzoek, afronding_onderzoek, vervolgtraject_ingezet, notitie) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            params![
                rev, id, author, at, deleted, d.nummer, d.selectie.as_str(),
                date(d.dates.melding_ontvangen), date(d.dates.triagebesluit),
                date(d.dates.start_onderzoek), date(d.dates.afronding_onderzoek),
                date(d.dates.vervolgtraject_ingezet), d.notitie
            ],
        ),
        Record::Check(d) => conn.execute(
            "INSERT OR IGNORE INTO dossiercheck (rev, id, inspecteur, tijd, verwijderd, dossier, vraag, antwoord, notitie) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![rev, id, author, at, deleted, d.dossier, d.vraag, d.antwoord.as_str(), d.notitie],
        ),
        Record::Document(d) => conn.execute(
            "INSERT OR IGNORE INTO document (rev, id, inspecteur, tijd, verwijderd, item, naam, ontvangen, notitie) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![rev, id, author, at, deleted, d.item, d.naam, i64::from(d.ontvangen), d.notitie],
        ),
        Record::Waitlist(d) => conn.execute(
            "INSERT OR IGNORE INTO wachtlijst (rev, id, inspecteur, tijd, verwijderd, aantal, oudste, peildatum, notitie) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![rev, id, author, at, deleted, d.aantal, date(d.oudste), date(d.peildatum), d.notitie],
        ),
        Record::Oordeel(d) => conn.execute(
            "INSERT OR IGNORE INTO oordeel (rev, id, inspecteur, tijd, verwijderd, waarde, variant, onderbouwing) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![rev, id, author, at, deleted, d.value.as_str(), d.variant, d.onderbouwing],
        ),
    }?;
    let mut stmt =
        conn.prepare_cached("INSERT OR IGNORE INTO vervangt (rev, vorig) VALUES (?1, ?2)")?;
    for previous in &m.replaces {
        stmt.execute(params![rev, previous.to_string()])?;
    }
    Ok(())
}

/// Reads every row of the file into `inspection`.
pub fn load_into(conn: &Connection, inspection: &mut Inspection) -> Result<(), LoadError> {
    let mut replaces: HashMap<String, Vec<Uuid>> = HashMap::new();
    {
        let mut stmt = conn.prepare("SELECT rev, vorig FROM vervangt ORDER BY rev, vorig")?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let rev: String = row.get(0)?;
            let previous: String = row.get(1)?;
            replaces
                .entry(rev)
                .or_default()
                .push(uuid(&previous, "vervangt.vorig")?);
        }
    }
    {
        let mut stmt = conn.prepare("SELECT id, naam FROM inspecteur ORDER BY id")?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let id: String = row.get(0)?;
            inspection
                .inspectors
                .insert(uuid(&id, "inspecteur.id")?, row.get(1)?);
        }
    }
    {
        let mut stmt =
            conn.prepare("SELECT onderzoek, omschrijving, datum, oordelen FROM eerdere_ronde")?;
        let mut rows = stmt.query([])?;
        if let Some(row) = rows.next()? {
            let oordelen: String = row.get(3)?;
            inspection.earlier_round = Some(EarlierRound {
                onderzoek: row.get(0)?,
                omschrijving: row.get(1)?,
                datum: opt_date(row.get(2)?, "eerdere_ronde.datum")?,
                oordelen: serde_json::from_str(&oordelen)
                    .map_err(|e| LoadError::Invalid(format!("eerdere_ronde.oordelen: {e}")))?,
            });
        }
    }

    let mut load = |kind: Kind,
                    columns: &str,
                    decode: &dyn Fn(&Row) -> Result<Record, LoadError>|
     -> Result<(), LoadError> {
        let table = table(kind);
        let sql = format!(
            "SELECT rev, id, inspecteur, tijd, verwijderd, {columns} FROM {table} ORDER BY rev"
        );
        let mut stmt = conn.prepare(&sql)?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let rev: String = row.get(0)?;
            let at: String = row.get(3)?;
            let author: String = row.get(2)?;
            let meta = Meta {
                rev: uuid(&rev, table)?,
                entity: row.get(1)?,
                author: uuid(&author, table)?,
                at: at
                    .parse::<Timestamp>()
                    .map_err(|e| LoadError::Invalid(format!("{table}.tijd '{at}': {e}")))?,
                deleted: row.get::<_, i64>(4)? != 0,
                replaces: replaces.remove(&rev).unwrap_or_default(),
            };
            let data = decode(row)?;
            inspection.load(Change { meta, data });
        }
        Ok(())
    };

    load(
        Kind::Details,
        "organisatie, bezoek_van, bezoek_tot, notitie",
        &|r| {
            Ok(Record::Details(Details {
                organisatie: r.get(5)?,
                bezoek_van: opt_date(r.get(6)?, "bezoek_van")?,
                bezoek_tot: opt_date(r.get(7)?, "bezoek_tot")?,
                notitie: r.get(8)?,
            }))
        },
    )?;
    load(Kind::Interview, "rol, datum, deelnemers, notitie", &|r| {
        Ok(Record::Interview(InterviewData {
            rol: r.get(5)?,
            datum: opt_date(r.get(6)?, "interview.datum")?,
            deelnemers: r.get(7)?,
            notitie: r.get(8)?,
        }))
    })?;
    load(Kind::Answer, "interview, vraag, notitie, tags", &|r| {
        Ok(Record::Answer(AnswerData {
            interview: r.get(5)?,
            vraag: r.get(6)?,
            notitie: r.get(7)?,
            tags: tags(&r.get::<_, String>(8)?)?,
        }))
    })?;
    load(
        Kind::Flash,
        "functie, tijdstip, antwoorden, tags, notitie",
        &|r| {
            let tijdstip: Option<String> = r.get(6)?;
            let antwoorden: String = r.get(7)?;
            Ok(Record::Flash(FlashData {
                functie: r.get(5)?,
                tijdstip: tijdstip
                    .map(|t| {
                        t.parse::<DateTime>().map_err(|e| {
                            LoadError::Invalid(format!("flitsinterview.tijdstip '{t}': {e}"))
                        })
                    })
                    .transpose()?,
                antwoorden: serde_json::from_str(&antwoorden)
                    .map_err(|e| LoadError::Invalid(format!("flitsinterview.antwoorden: {e}")))?,
                tags: tags(&r.get::<_, String>(8)?)?,
                notitie: r.get(9)?,
            }))
        },
    )?;
    load(
        Kind::Dossier,
        "nummer, selectie, melding_ontvangen, triagebesluit, start_onderzoek, afronding_onderzoek, vervolgtraject_ingezet, notitie",
        &|r| {
            let selectie: String = r.get(6)?;
            Ok(Record::Dossier(DossierData {
                nummer: r.get(5)?,
                selectie: Selection::parse(&selectie)
                    .ok_or_else(|| LoadError::Invalid(format!("dossier.selectie '{selectie}'")))?,
                dates: CaseDates {
                    melding_ontvangen: opt_date(r.get(7)?, "melding_ontvangen")?,
                    triagebesluit: opt_date(r.get(8)?, "triagebesluit")?,
                    start_onderzoek: opt_date(r.get(9)?, "start_onderzoek")?,
                    afronding_onderzoek: opt_date(r.get(10)?, "afronding_onderzoek")?,
                    vervolgtraject_ingezet: opt_date(r.get(11)?, "vervolgtraject_ingezet")?,
                },
                notitie: r.get(12)?,
            }))
        },
    )?;
    load(Kind::Check, "dossier, vraag, antwoord, notitie", &|r| {
        let antwoord: String = r.get(7)?;
        Ok(Record::Check(CheckData {
            dossier: r.get(5)?,
            vraag: r.get(6)?,
            antwoord: CheckAnswer::parse(&antwoord)
                .ok_or_else(|| LoadError::Invalid(format!("dossiercheck.antwoord '{antwoord}'")))?,
            notitie: r.get(8)?,
        }))
    })?;
    load(Kind::Document, "item, naam, ontvangen, notitie", &|r| {
        Ok(Record::Document(DocumentData {
            item: r.get(5)?,
            naam: r.get(6)?,
            ontvangen: r.get::<_, i64>(7)? != 0,
            notitie: r.get(8)?,
        }))
    })?;
    load(Kind::Waitlist, "aantal, oudste, peildatum, notitie", &|r| {
        Ok(Record::Waitlist(WaitlistData {
            aantal: r.get(5)?,
            oudste: opt_date(r.get(6)?, "wachtlijst.oudste")?,
            peildatum: opt_date(r.get(7)?, "wachtlijst.peildatum")?,
            notitie: r.get(8)?,
        }))
    })?;
    load(Kind::Oordeel, "waarde, variant, onderbouwing", &|r| {
        let waarde: String = r.get(5)?;
        Ok(Record::Oordeel(OordeelData {
            value: JudgementValue::parse(&waarde)
                .ok_or_else(|| LoadError::Invalid(format!("oordeel.waarde '{waarde}'")))?,
            variant: r.get(6)?,
            onderbouwing: r.get(7)?,
        }))
    })?;
    inspection.finish_loading();
    inspection.drafts = super::drafts::read_drafts(conn)?;
    Ok(())
}

fn uuid(text: &str, what: &str) -> Result<Uuid, LoadError> {
    Uuid::parse_str(text)
        .map_err(|e| LoadError::Invalid(format!("{what}: ongeldige id '{text}': {e}")))
}

fn opt_date(text: Option<String>, what: &str) -> Result<Option<Date>, LoadError> {
    text.map(|t| {
        t.parse::<Date>()
            .map_err(|e| LoadError::Invalid(format!("{what}: ongeldige datum '{t}': {e}")))
    })
    .transpose()
}

fn tags(text: &str) -> Result<Tags, LoadError> {
    let raw: BTreeMap<String, String> =
        serde_json::from_str(text).map_err(|e| LoadError::Invalid(format!("tags: {e}")))?;
    raw.into_iter()
        .map(|(k, v)| {
            Tag::parse(&v)
                .map(|t| (k, t))
                .ok_or_else(|| LoadError::Invalid(format!("onbekende tag '{v}'")))
        })
        .collect()
}
