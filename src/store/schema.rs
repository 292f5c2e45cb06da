//! Schema migrations: `schema/NNNN_name.sql`, compiled in and applied in order, each in one
//! transaction that also sets `PRAGMA user_version`.

use rusqlite::Connection;

use crate::domain::inspection::Kind;

/// `PRAGMA application_id` of every veldtoets file ("VTTS").
pub const APPLICATION_ID: i32 = 0x5654_5453;

/// The migrations, in order; the schema version of a file is the number applied.
const MIGRATIONS: &[(&str, &str)] = &[
    (
        "0001_initial",
        include_str!("../../schema/0001_initial.sql"),
    ),
    (
        "0002_concept",
        include_str!("../../schema/0002_concept.sql"),
    ),
    (
        "0003_wederhoor",
        include_str!("../../schema/0003_wederhoor.sql"),
    ),
    ("0004_rondes", include_str!("../../schema/0004_rondes.sql")),
    (
        "0005_kaderdata",
        include_str!("../../schema/0005_kaderdata.sql"),
    ),
    (
        "0006_kerndata",
        include_str!("../../schema/0006_kerndata.sql"),
    ),
];

/// The newest schema version this program writes.
pub const CURRENT_VERSION: u32 = MIGRATIONS.len() as u32;

/// The table holding the revisions of one kind of record (its Dutch name).
pub const fn table(kind: Kind) -> &'static str {
    match kind {
        Kind::Details => "onderzoek_gegevens",
        Kind::Interview => "interview",
        Kind::Answer => "antwoord",
        Kind::Flash => "flitsinterview",
        Kind::Dossier => "dossier",
        Kind::Check => "dossiercheck",
        Kind::Document => "document",
        Kind::Waitlist => "wachtlijst",
        Kind::Oordeel => "oordeel",
        Kind::CriteriumOordeel => "criteriumoordeel",
        Kind::Phase => "fase",
        Kind::Reactie => "reactie",
        Kind::Besluit => "besluit",
        Kind::Vrijgave => "vrijgave",
        Kind::Verbeterpunt => "verbeterpunt",
        Kind::Rapporttekst => "rapporttekst",
        Kind::Steekproef => "steekproef",
        Kind::Wachtzaak => "wachtzaak",
        Kind::Contact => "contact",
        Kind::Kerngegeven => "kerngegeven",
        Kind::Keuze => "gekozen_eindoordeel",
    }
}

/// Tables holding inspection data, in schema order (for counts and the merge): the onderzoek,
/// its inspecteurs, the earlier rounds and the `vervangt` edges, then one table per [`Kind`].
pub const TABLES: [&str; 25] = [
    "onderzoek",
    "inspecteur",
    "ronde",
    "vervangt",
    table(Kind::Details),
    table(Kind::Interview),
    table(Kind::Answer),
    table(Kind::Flash),
    table(Kind::Dossier),
    table(Kind::Check),
    table(Kind::Document),
    table(Kind::Waitlist),
    table(Kind::Oordeel),
    table(Kind::CriteriumOordeel),
    table(Kind::Phase),
    table(Kind::Reactie),
    table(Kind::Besluit),
    table(Kind::Vrijgave),
    table(Kind::Verbeterpunt),
    table(Kind::Rapporttekst),
    table(Kind::Steekproef),
    table(Kind::Wachtzaak),
    table(Kind::Contact),
    table(Kind::Kerngegeven),
    table(Kind::Keuze),
];

/// Applies every migration after `from`, one transaction each.
pub fn migrate(conn: &Connection, from: u32) -> rusqlite::Result<()> {
    for (index, (_name, sql)) in MIGRATIONS.iter().enumerate().skip(from as usize) {
        let version = index + 1;
        conn.execute_batch(&format!(
            "BEGIN IMMEDIATE;\n{sql}\nPRAGMA application_id = {APPLICATION_ID};\nPRAGMA user_version = {version};\nCOMMIT;"
        ))
        .inspect_err(|_| {
            let _ = conn.execute_batch("ROLLBACK");
        })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_its_own_table_in_schema_order() {
        let kinds: Vec<&str> = Kind::ALL.into_iter().map(table).collect();
        assert_eq!(kinds, TABLES[TABLES.len() - Kind::ALL.len()..]);
    }
}
