//! Mapping between revisions and table rows, for every record kind alike: a kind's table has the
//! common columns (`rev`, `id`, `inspecteur`, `tijd`, `verwijderd`) followed by one column per
//! field of the kind ([`Kind::fields`], same names, same order).

use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasherDefault, Hasher};

use jiff::Timestamp;
use jiff::civil::{Date, DateTime};
use rusqlite::types::Value as SqlValue;
use rusqlite::{Connection, Row, params, params_from_iter};
use uuid::Uuid;

use super::schema::table;
use crate::domain::inspection::{
    Change, Field, FieldType, Inspection, Kind, Meta, Record, Round, RoundOordeel, Value,
};
use crate::domain::termijn::{CaseDates, DateKind};

pub enum LoadError {
    Sqlite(rusqlite::Error),
    Invalid(String),
}

impl From<rusqlite::Error> for LoadError {
    fn from(e: rusqlite::Error) -> Self {
        LoadError::Sqlite(e)
    }
}

/// A field value as SQLite stores it: dates as ISO text, flags as 0/1, maps as JSON text.
fn to_sql(value: Value) -> SqlValue {
    match value {
        Value::Text(t) => SqlValue::Text(t),
        Value::OptText(t) => t.map_or(SqlValue::Null, SqlValue::Text),
        Value::Date(d) => d.map_or(SqlValue::Null, |d| SqlValue::Text(d.to_string())),
        Value::DateTime(t) => t.map_or(SqlValue::Null, |t| SqlValue::Text(t.to_string())),
        Value::Count(n) => n.map_or(SqlValue::Null, |n| SqlValue::Integer(i64::from(n))),
        Value::Flag(b) => SqlValue::Integer(i64::from(b)),
        Value::Map(m) => {
            SqlValue::Text(serde_json::to_string(&m).unwrap_or_else(|_| "{}".to_string()))
        }
        Value::Dates(d) => {
            let map: BTreeMap<&str, String> =
                d.iter().map(|(k, d)| (k.as_str(), d.to_string())).collect();
            SqlValue::Text(serde_json::to_string(&map).unwrap_or_else(|_| "{}".to_string()))
        }
    }
}

/// The dates of a dossier from their JSON object (`{"melding_ontvangen": "2026-02-03"}`); an id
/// that no kader could have declared, or a value that is not a date, is an error.
fn dates_from_json(text: &str) -> Option<CaseDates> {
    let map: BTreeMap<String, String> = serde_json::from_str(text).ok()?;
    map.into_iter()
        .map(|(id, date)| {
            let valid_id = !id.is_empty()
                && id.len() <= 64
                && id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
            let date = date.parse::<Date>().ok()?;
            valid_id.then(|| (DateKind::from_id(&id), date))
        })
        .collect()
}

/// Reads field `index` of `row` as a value of type `ty` (column `at` of the row).
fn from_sql(row: &Row, at: usize, table: &str, field: &Field) -> Result<Value, LoadError> {
    let bad = |text: &str| {
        LoadError::Invalid(format!("{table}.{}: ongeldige waarde '{text}'", field.name))
    };
    Ok(match field.ty {
        FieldType::Text => Value::Text(row.get(at)?),
        FieldType::OptText => Value::OptText(row.get(at)?),
        FieldType::Date => {
            let text: Option<String> = row.get(at)?;
            Value::Date(
                text.map(|t| t.parse::<Date>().map_err(|_| bad(&t)))
                    .transpose()?,
            )
        }
        FieldType::DateTime => {
            let text: Option<String> = row.get(at)?;
            Value::DateTime(
                text.map(|t| t.parse::<DateTime>().map_err(|_| bad(&t)))
                    .transpose()?,
            )
        }
        FieldType::Count => Value::Count(row.get(at)?),
        FieldType::Flag => Value::Flag(row.get::<_, i64>(at)? != 0),
        FieldType::Map => {
            let text: String = row.get(at)?;
            Value::Map(serde_json::from_str(&text).map_err(|_| bad(&text))?)
        }
        FieldType::Dates => {
            let text: String = row.get(at)?;
            Value::Dates(dates_from_json(&text).ok_or_else(|| bad(&text))?)
        }
    })
}

/// An oordeel of an earlier round as the `ronde` table keeps it (JSON).
#[derive(serde::Serialize, serde::Deserialize)]
struct RoundOordeelRow {
    oordeel: String,
    #[serde(default)]
    onderbouwing: String,
}

/// The oordelen (or criterion oordelen) of a round from its JSON column.
fn round_oordelen(text: &str, what: &str) -> Result<BTreeMap<String, RoundOordeel>, LoadError> {
    let rows: BTreeMap<String, RoundOordeelRow> =
        serde_json::from_str(text).map_err(|e| LoadError::Invalid(format!("{what}: {e}")))?;
    Ok(rows
        .into_iter()
        .map(|(k, r)| {
            (
                k,
                RoundOordeel {
                    oordeel: r.oordeel,
                    onderbouwing: r.onderbouwing,
                },
            )
        })
        .collect())
}

fn round_oordelen_json(oordelen: &BTreeMap<String, RoundOordeel>) -> String {
    let rows: BTreeMap<&String, RoundOordeelRow> = oordelen
        .iter()
        .map(|(k, o)| {
            (
                k,
                RoundOordeelRow {
                    oordeel: o.oordeel.clone(),
                    onderbouwing: o.onderbouwing.clone(),
                },
            )
        })
        .collect();
    serde_json::to_string(&rows).unwrap_or_else(|_| "{}".to_string())
}

/// Inserts (or replaces) earlier round number `volgorde` (from 1) of a hertoets.
pub fn insert_round(conn: &Connection, volgorde: usize, round: &Round) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT OR REPLACE INTO ronde (onderzoek, volgorde, naam, omschrijving, datum, eindoordeel, oordelen, criteria) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            round.onderzoek,
            volgorde as i64,
            round.naam,
            round.omschrijving,
            round.datum.map(|d| d.to_string()),
            round.eindoordeel.map(|v| v.as_str()),
            round_oordelen_json(&round.oordelen),
            round_oordelen_json(&round.criteria),
        ],
    )
    .map(|_| ())
}

/// Inserts one revision and its `vervangt` rows. Inserting a revision that is already present is
/// a no-op, so replaying or merging is idempotent.
pub fn insert(conn: &Connection, change: &Change) -> rusqlite::Result<()> {
    let m = &change.meta;
    let kind = change.data.kind();
    let fields = kind.fields();
    let names: Vec<&str> = fields.iter().map(|f| f.name).collect();
    let placeholders: Vec<String> = (1..=5 + fields.len()).map(|i| format!("?{i}")).collect();
    let sql = format!(
        "INSERT OR IGNORE INTO {} (rev, id, inspecteur, tijd, verwijderd, {}) VALUES ({})",
        table(kind),
        names.join(", "),
        placeholders.join(", ")
    );
    let rev = m.rev.to_string();
    let mut values = vec![
        SqlValue::Text(rev.clone()),
        SqlValue::Text(m.entity.clone()),
        SqlValue::Text(m.author.to_string()),
        SqlValue::Text(m.at.to_string()),
        SqlValue::Integer(i64::from(m.deleted)),
    ];
    values.extend(change.data.values().into_iter().map(to_sql));
    conn.prepare_cached(&sql)?
        .execute(params_from_iter(values))?;
    let mut stmt =
        conn.prepare_cached("INSERT OR IGNORE INTO vervangt (rev, vorig) VALUES (?1, ?2)")?;
    for previous in &m.replaces {
        stmt.execute(params![rev, previous.to_string()])?;
    }
    Ok(())
}

/// Reads every row of the file into `inspection`.
pub fn load_into(conn: &Connection, inspection: &mut Inspection) -> Result<(), LoadError> {
    // Read in storage order (no ORDER BY: sorting by a text key costs an index walk); each
    // record's revisions are ordered causally afterwards, and each `vervangt` list by id.
    let mut replaces: HashMap<Uuid, Vec<Uuid>, BuildHasherDefault<IdHasher>> = HashMap::default();
    {
        let mut stmt = conn.prepare("SELECT rev, vorig FROM vervangt")?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let rev = uuid(text(row, 0)?, "vervangt.rev")?;
            let previous = uuid(text(row, 1)?, "vervangt.vorig")?;
            replaces.entry(rev).or_default().push(previous);
        }
        for list in replaces.values_mut() {
            list.sort_unstable();
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
        let mut stmt = conn.prepare(
            "SELECT onderzoek, naam, omschrijving, datum, eindoordeel, oordelen, criteria FROM ronde ORDER BY volgorde",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let eindoordeel: Option<String> = row.get(4)?;
            let eindoordeel = eindoordeel
                .map(|v| {
                    inspection
                        .framework
                        .verdict(&v)
                        .ok_or_else(|| LoadError::Invalid(format!("ronde.eindoordeel: '{v}'")))
                })
                .transpose()?;
            inspection.rounds.push(Round {
                onderzoek: row.get(0)?,
                naam: row.get(1)?,
                omschrijving: row.get(2)?,
                datum: opt_date(row.get(3)?, "ronde.datum")?,
                eindoordeel,
                oordelen: round_oordelen(&row.get::<_, String>(5)?, "ronde.oordelen")?,
                criteria: round_oordelen(&row.get::<_, String>(6)?, "ronde.criteria")?,
            });
        }
    }

    for kind in Kind::ALL {
        let table = table(kind);
        let fields = kind.fields();
        let names: Vec<&str> = fields.iter().map(|f| f.name).collect();
        let sql = format!(
            "SELECT rev, id, inspecteur, tijd, verwijderd, {} FROM {table}",
            names.join(", ")
        );
        let mut stmt = conn.prepare(&sql)?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let rev = uuid(text(row, 0)?, table)?;
            let at = text(row, 3)?;
            let meta = Meta {
                rev,
                entity: row.get(1)?,
                author: uuid(text(row, 2)?, table)?,
                at: at.parse::<Timestamp>().map_err(|_| {
                    LoadError::Invalid(format!("{table}.tijd: ongeldig tijdstip '{at}'"))
                })?,
                deleted: row.get::<_, i64>(4)? != 0,
                replaces: replaces.remove(&rev).unwrap_or_default(),
            };
            let values = fields
                .iter()
                .enumerate()
                .map(|(i, field)| from_sql(row, 5 + i, table, field))
                .collect::<Result<Vec<Value>, LoadError>>()?;
            let data = Record::from_values(kind, values)
                .map_err(|e| LoadError::Invalid(format!("{table}: {e}")))?;
            inspection.load(Change { meta, data });
        }
    }
    inspection.finish_loading();
    inspection.drafts = super::drafts::read_drafts(conn)?;
    Ok(())
}

/// A hasher for revision ids: their bytes are already well spread (UUIDv7 ends in random bits,
/// v4 is random), so folding them is enough; SipHash's protection against chosen keys buys
/// nothing for ids read from one's own file and costs a tenth of a large load.
#[derive(Default)]
struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(29) ^ u64::from_le_bytes(word))
                .wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }
}

/// Column `at` of `row` as text, borrowed from SQLite (no copy).
fn text<'r>(row: &'r Row, at: usize) -> Result<&'r str, LoadError> {
    row.get_ref(at)?
        .as_str()
        .map_err(|_| LoadError::Invalid(format!("kolom {at}: tekst verwacht")))
}

fn uuid(text: &str, what: &str) -> Result<Uuid, LoadError> {
    Uuid::parse_str(text).map_err(|_| LoadError::Invalid(format!("{what}: ongeldige id '{text}'")))
}

fn opt_date(text: Option<String>, what: &str) -> Result<Option<Date>, LoadError> {
    text.map(|t| {
        t.parse::<Date>()
            .map_err(|_| LoadError::Invalid(format!("{what}: ongeldige datum '{t}'")))
    })
    .transpose()
}
