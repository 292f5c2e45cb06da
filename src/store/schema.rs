//! Schema migrations: `schema/NNNN_name.sql`, compiled in and applied in order, each in one
//! transaction that also sets `PRAGMA user_version`.

use rusqlite::Connection;

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
];

/// The newest schema version this program writes.
pub const CURRENT_VERSION: u32 = MIGRATIONS.len() as u32;

/// Tables holding inspection data, in schema order (for counts and the merge).
pub const TABLES: [&str; 13] = [
    "onderzoek",
    "inspecteur",
    "eerdere_ronde",
    "vervangt",
    "onderzoek_gegevens",
    "interview",
    "antwoord",
    "flitsinterview",
    "dossier",
    "dossiercheck",
    "document",
    "wachtlijst",
    "oordeel",
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
