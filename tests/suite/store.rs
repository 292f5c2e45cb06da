//! The inspection file: round trips, the revision model (history, conflicts), safe opening of bad
//! files, the single-writer lock and the schema fixtures.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use uuid::Uuid;
use veldtoets::domain::inspection::{
    AnswerData, CheckAnswer, CheckData, Details, DocumentData, DossierData, FlashData, Inspection,
    InterviewData, OordeelData, Record, Selection, Stamp, Tag, WaitlistData,
};
use veldtoets::domain::termijn::{CaseDates, DateKind};
use veldtoets::json::ExportJson;
use veldtoets::kader_io;
use veldtoets::store::{CURRENT_VERSION, Store, StoreError};

fn stamp(seconds: i64) -> Stamp {
    Stamp {
        rev: Uuid::now_v7(),
        at: Timestamp::from_second(1_790_000_000 + seconds).unwrap(),
    }
}

fn new_file(dir: &Path, name: &str) -> (PathBuf, Store, Inspection) {
    let path = dir.join(name);
    let framework = kader_io::builtin("vt-2016-stap2").unwrap();
    let (store, inspection) = Store::create(
        &path,
        framework,
        "Veilig Thuis Proefregio",
        "E. Voorbeeld",
        stamp(0),
    )
    .unwrap();
    (path, store, inspection)
}

fn export(inspection: &Inspection) -> serde_json::Value {
    let mut v = serde_json::to_value(ExportJson::new(inspection, Timestamp::UNIX_EPOCH)).unwrap();
    v.as_object_mut().unwrap().remove("geexporteerd_op");
    v
}

fn set(store: &mut Store, inspection: &mut Inspection, entity: &str, data: Record, at: i64) {
    let author = *inspection.inspectors.keys().next().unwrap();
    let change = inspection.change(entity, data, author, stamp(at));
    store.append(&change).unwrap();
    inspection.apply(change);
}

fn oordeel(inspection: &Inspection, id: &str, text: &str, why: &str) -> Record {
    Record::Oordeel(OordeelData::parse(&inspection.framework, id, text, why.to_string()).unwrap())
}

#[test]
fn every_kind_of_record_round_trips() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut store, mut inspection) = new_file(dir.path(), "rond.veldtoets");
    let date = |s: &str| s.parse().unwrap();
    let interview = Uuid::now_v7().to_string();
    let dossier = Uuid::now_v7().to_string();
    let details_id = inspection.details_id();
    let records = vec![
        (
            details_id,
            Record::Details(Details {
                organisatie: "Veilig Thuis Proefregio".into(),
                bezoek_van: Some(date("2026-10-13")),
                bezoek_tot: Some(date("2026-10-14")),
                notitie: "Tweedaags bezoek".into(),
                peildatum: Some(date("2026-10-13")),
            }),
        ),
        (
            interview.clone(),
            Record::Interview(InterviewData {
                rol: "management".into(),
                datum: Some(date("2026-10-13")),
                deelnemers: "directeur, manager".into(),
                notitie: "Open gesprek — ‘goed voorbereid’".into(),
                aantallen: [("directeur".to_string(), "1".to_string())].into(),
            }),
        ),
        (
            inspection.answer_id(&interview, "man-01"),
            Record::Answer(AnswerData {
                interview: interview.clone(),
                vraag: "man-01".into(),
                notitie: "Normen vastgelegd in werkinstructie.".into(),
                tags: BTreeMap::from([("1.2.1".to_string(), Tag::Ondersteunt)]),
            }),
        ),
        (
            Uuid::now_v7().to_string(),
            Record::Flash(FlashData {
                functie: "medewerker frontoffice".into(),
                tijdstip: Some("2026-10-13T10:40".parse().unwrap()),
                antwoorden: BTreeMap::from([(
                    "fl-01".to_string(),
                    "Direct de achterwacht".to_string(),
                )]),
                tags: BTreeMap::from([("1.3.1".to_string(), Tag::Neutraal)]),
                notitie: String::new(),
            }),
        ),
        (
            dossier.clone(),
            Record::Dossier(DossierData {
                nummer: "VTP-2026-0001".into(),
                selectie: Selection::Gericht,
                dates: CaseDates::default()
                    .with(DateKind::MELDING_ONTVANGEN, Some(date("2026-05-04")))
                    .with(DateKind::TRIAGEBESLUIT, Some(date("2026-05-07")))
                    .with(DateKind::START_ONDERZOEK, Some(date("2026-05-08")))
                    .with(DateKind::AFRONDING_ONDERZOEK, Some(date("2026-08-01")))
                    .with(DateKind::VERVOLGTRAJECT_INGEZET, None),
                notitie: "Melding van school".into(),
            }),
        ),
        (
            inspection.check_id(&dossier, "dos-1.3.1"),
            Record::Check(CheckData {
                dossier: dossier.clone(),
                vraag: "dos-1.3.1".into(),
                antwoord: CheckAnswer::Nee,
                notitie: "Alleen mondelinge afspraken".into(),
            }),
        ),
        (
            inspection.document_id("doc-01"),
            Record::Document(DocumentData {
                item: Some("doc-01".into()),
                naam: "Samenwerkingsafspraken".into(),
                ontvangen: true,
                notitie: "Getekend 2025".into(),
            }),
        ),
        (
            inspection.waitlist_id(),
            Record::Waitlist(WaitlistData {
                aantal: Some(14),
                oudste: Some(date("2026-09-01")),
                peildatum: Some(date("2026-10-13")),
                notitie: "Wachtlijst voor onderzoek".into(),
            }),
        ),
    ];
    for (i, (entity, record)) in records.into_iter().enumerate() {
        set(&mut store, &mut inspection, &entity, record, 10 + i as i64);
    }
    let o = oordeel(
        &inspection,
        "2.1.1",
        "onvoldoende:wachtlijst",
        "Wachtlijst van 14 zaken.",
    );
    set(&mut store, &mut inspection, "2.1.1", o, 30);

    let before = export(&inspection);
    drop(store);
    let (_, reopened, report) = Store::open(&path).unwrap();
    assert_eq!(report.migrated_from, None);
    assert_eq!(
        export(&reopened),
        before,
        "a reopened file holds exactly what was written"
    );
    assert_eq!(before["dossiers"][0]["termijnen"][2]["status"], "te_laat");
    assert_eq!(before["dossiers"][0]["termijnen"][2]["dagen_te_laat"], 14);
    assert_eq!(before["score"]["schaal"], "wachtlijst");
}

#[test]
fn a_changed_oordeel_keeps_its_history() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut store, mut inspection) = new_file(dir.path(), "hist.veldtoets");
    for (i, (value, why)) in [
        ("voldoende", "eerste indruk"),
        ("onvoldoende", "4 van 10 dossiers zonder plan"),
        ("onvoldoende", "na dossieronderzoek: 5 van 12"),
    ]
    .iter()
    .enumerate()
    {
        let o = oordeel(&inspection, "1.3.1", value, why);
        set(&mut store, &mut inspection, "1.3.1", o, i as i64 + 1);
    }
    drop(store);
    let (_, inspection, _) = Store::open(&path).unwrap();
    let history = inspection.oordelen.history("1.3.1").unwrap();
    let revisions = history.revisions();
    assert_eq!(revisions.len(), 3);
    assert!(revisions[0].meta.replaces.is_empty());
    assert_eq!(revisions[1].meta.replaces, vec![revisions[0].meta.rev]);
    assert_eq!(revisions[2].meta.replaces, vec![revisions[1].meta.rev]);
    assert_eq!(history.head_ids(), vec![revisions[2].meta.rev]);
    let current = inspection.oordeel("1.3.1").unwrap();
    assert_eq!(current.data.onderbouwing, "na dossieronderzoek: 5 van 12");
    assert!(inspection.conflicts().is_empty());
}

#[test]
fn concurrent_versions_are_a_conflict_until_resolved() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut store, mut inspection) = new_file(dir.path(), "conflict.veldtoets");
    let base = oordeel(&inspection, "1.5.3", "voldoende", "basis");
    set(&mut store, &mut inspection, "1.5.3", base, 1);

    // Two laptops, each starting from the same file, change the same oordeel.
    let a = inspection.add_inspector("E. Voorbeeld");
    let b = inspection.add_inspector("J. Proef");
    store.add_inspector(b, "J. Proef").unwrap();
    let mine = inspection.change(
        "1.5.3",
        oordeel(&inspection, "1.5.3", "onvoldoende", "A"),
        a,
        stamp(2),
    );
    let theirs = inspection.change(
        "1.5.3",
        oordeel(&inspection, "1.5.3", "voldoende", "B"),
        b,
        stamp(3),
    );
    assert_eq!(mine.meta.replaces, theirs.meta.replaces);
    for change in [mine, theirs] {
        store.append(&change).unwrap();
        inspection.apply(change);
    }
    let conflicts = inspection.conflicts();
    assert_eq!(conflicts.len(), 1);
    assert_eq!(conflicts[0].verwachting, "1.5.3");
    assert_eq!(conflicts[0].versions.len(), 2);
    let index = inspection.framework.index_of("1.5.3").unwrap();
    assert_eq!(
        inspection.judgements().get(index),
        veldtoets::domain::Judgement::NotJudged,
        "an unresolved conflict is not scored"
    );

    // Writing a new version replaces both heads: the resolution records what it resolves.
    let resolution = inspection.change(
        "1.5.3",
        oordeel(&inspection, "1.5.3", "onvoldoende", "samen besloten"),
        a,
        stamp(4),
    );
    assert_eq!(resolution.meta.replaces.len(), 2);
    store.append(&resolution).unwrap();
    inspection.apply(resolution);
    assert!(inspection.conflicts().is_empty());
    assert_eq!(
        inspection
            .oordelen
            .history("1.5.3")
            .unwrap()
            .revisions()
            .len(),
        4
    );
}

#[test]
fn concurrent_identical_versions_are_not_a_conflict() {
    let dir = tempfile::tempdir().unwrap();
    let (_, _store, mut inspection) = new_file(dir.path(), "same.veldtoets");
    let a = inspection.add_inspector("E. Voorbeeld");
    let b = inspection.add_inspector("J. Proef");
    let first = inspection.change(
        "4.1.3",
        oordeel(&inspection, "4.1.3", "onvoldoende", "Geen tijdpad."),
        a,
        stamp(1),
    );
    let second = inspection.change(
        "4.1.3",
        oordeel(&inspection, "4.1.3", "onvoldoende", "Geen tijdpad. "),
        b,
        stamp(2),
    );
    inspection.apply(first);
    inspection.apply(second);
    assert!(inspection.conflicts().is_empty());
}

#[test]
fn deleting_a_record_leaves_a_tombstone() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut store, mut inspection) = new_file(dir.path(), "del.veldtoets");
    let id = Uuid::now_v7().to_string();
    let data = Record::Dossier(DossierData {
        nummer: "VTP-1".into(),
        ..DossierData::default()
    });
    set(&mut store, &mut inspection, &id, data.clone(), 1);
    let author = *inspection.inspectors.keys().next().unwrap();
    let tombstone = inspection.deletion(&id, data, author, stamp(2));
    store.append(&tombstone).unwrap();
    drop(store);
    let (_, inspection, _) = Store::open(&path).unwrap();
    assert!(inspection.dossiers.get(&id).is_none());
    assert_eq!(
        inspection.dossiers.history(&id).unwrap().revisions().len(),
        2
    );
}

#[test]
fn create_refuses_an_existing_file_and_leaves_it_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bestaand.veldtoets");
    std::fs::write(&path, b"iets anders").unwrap();
    let framework = kader_io::builtin("vt-2016-stap2").unwrap();
    let err = Store::create(&path, framework, "X", "Y", stamp(0))
        .err()
        .unwrap();
    assert!(matches!(err, StoreError::AlreadyExists(_)), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), b"iets anders");
}

/// A file that must be refused: its path, the error it must give, words its message contains.
type BadFile = (PathBuf, fn(&StoreError) -> bool, &'static str);

fn bad_files(dir: &Path) -> Vec<BadFile> {
    let mut out: Vec<BadFile> = Vec::new();

    let garbage = dir.join("rommel.veldtoets");
    std::fs::write(
        &garbage,
        "Dit is een boodschappenlijst, geen onderzoek.\n".repeat(50),
    )
    .unwrap();
    out.push((
        garbage,
        |e| matches!(e, StoreError::NotSqlite(_)),
        "geen veldtoets-bestand",
    ));

    let empty = dir.join("leeg.veldtoets");
    std::fs::write(&empty, b"").unwrap();
    out.push((empty, |e| matches!(e, StoreError::Empty(_)), "leeg"));

    let (good, store, _) = new_file(dir, "afgekapt.veldtoets");
    drop(store);
    let bytes = std::fs::read(&good).unwrap();
    std::fs::write(&good, &bytes[..bytes.len() / 2 + 100]).unwrap();
    out.push((good, |e| matches!(e, StoreError::Truncated(_)), "afgekapt"));

    let (short, store, _) = new_file(dir, "kort.veldtoets");
    drop(store);
    let bytes = std::fs::read(&short).unwrap();
    std::fs::write(&short, &bytes[..60]).unwrap();
    out.push((short, |e| matches!(e, StoreError::Truncated(_)), "afgekapt"));

    let foreign = dir.join("ander.veldtoets");
    {
        let conn = rusqlite::Connection::open(&foreign).unwrap();
        conn.execute_batch(
            "CREATE TABLE boodschappen (naam TEXT); INSERT INTO boodschappen VALUES ('melk');",
        )
        .unwrap();
    }
    out.push((
        foreign,
        |e| matches!(e, StoreError::Foreign(_)),
        "ander programma",
    ));

    let (newer, store, _) = new_file(dir, "nieuwer.veldtoets");
    drop(store);
    {
        let conn = rusqlite::Connection::open(&newer).unwrap();
        conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
        conn.pragma_update(None, "user_version", CURRENT_VERSION + 1)
            .unwrap();
    }
    out.push((
        newer,
        |e| matches!(e, StoreError::Newer { .. }),
        "nieuwere veldtoets",
    ));
    out
}

fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn bad_files_are_refused_byte_for_byte_untouched() {
    let dir = tempfile::tempdir().unwrap();
    for (path, is_expected, words) in bad_files(dir.path()) {
        let before = std::fs::read(&path).unwrap();
        let files_before = listing(dir.path());
        let err = Store::open(&path).err().expect("must be refused");
        assert!(
            is_expected(&err),
            "{}: unexpected error {err}",
            path.display()
        );
        let message = err.to_string();
        assert!(message.contains(words), "{}: {message}", path.display());
        assert!(message.contains(&path.display().to_string()), "{message}");
        assert_eq!(
            std::fs::read(&path).unwrap(),
            before,
            "{} was changed",
            path.display()
        );
        assert_eq!(
            listing(dir.path()),
            files_before,
            "side files left by {}",
            path.display()
        );
    }
}

#[test]
fn missing_file_and_directory_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let err = Store::open(&dir.path().join("er-niet.veldtoets"))
        .err()
        .unwrap();
    assert!(matches!(err, StoreError::NotFound(_)), "{err}");
    let err = Store::open(dir.path()).err().unwrap();
    assert!(matches!(err, StoreError::NotAFile(_)), "{err}");
}

#[test]
fn a_file_open_elsewhere_is_refused_without_side_files() {
    let dir = tempfile::tempdir().unwrap();
    let (path, store, _) = new_file(dir.path(), "bezet.veldtoets");
    let files = listing(dir.path());
    let err = Store::open(&path)
        .err()
        .expect("second open must be refused");
    assert!(matches!(err, StoreError::InUse(_)), "{err}");
    assert!(err.to_string().contains("al geopend"), "{err}");
    assert_eq!(listing(dir.path()), files);
    drop(store);
    Store::open(&path).expect("free again once closed");
}

#[test]
fn a_closed_file_leaves_no_side_files() {
    let dir = tempfile::tempdir().unwrap();
    let (_, store, _) = new_file(dir.path(), "schoon.veldtoets");
    drop(store);
    assert_eq!(listing(dir.path()), vec!["schoon.veldtoets".to_string()]);
}

/// Every schema version this program ever wrote has a fixture in `tests/fixtures/`; each must
/// open (migrated after a backup when older) with its content intact.
#[test]
fn schema_fixtures_of_every_version_open() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for version in 1..=CURRENT_VERSION {
        let source = fixtures.join(format!("schema-v{version}.veldtoets"));
        assert!(source.exists(), "missing fixture {}", source.display());
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("fixture.veldtoets");
        std::fs::copy(&source, &path).unwrap();
        let (store, inspection, report) = Store::open(&path).unwrap();
        if version < CURRENT_VERSION {
            let (from, backup) = report.migrated_from.clone().expect("migrated");
            assert_eq!(from, version);
            // The backup is a consistent copy (`VACUUM INTO`), not a byte copy: it holds the same
            // data at the old version.
            let (backup_store, from_backup) = Store::open_read_only(&backup).unwrap();
            assert_eq!(backup_store.check().unwrap().schema_version, version);
            let (_, from_source) = Store::open_read_only(&source).unwrap();
            assert_eq!(export(&from_backup), export(&from_source));
        } else {
            assert_eq!(report.migrated_from, None);
        }
        assert!(store.check().unwrap().is_ok());
        // The fixture is the demo inspection; its content must survive every migration.
        assert_eq!(inspection.organisatie(), "Veilig Thuis Gelderzoom");
        assert_eq!(inspection.framework.id, "vt-2016-stap2");
        assert_eq!(inspection.dossier_list().len(), 12);
        // Every demo dossier has its melding date, in a column of its own before version 5 and
        // in `datums` since.
        assert!(
            inspection.dossier_list().iter().all(|d| d
                .data
                .dates
                .get(DateKind::MELDING_ONTVANGEN)
                .is_some()),
            "version {version}: dossier dates lost"
        );
        assert_eq!(
            veldtoets::domain::score(&inspection.framework, &inspection.judgements()).verdict,
            veldtoets::domain::Verdict::MATIG
        );
        // Since version 6 the fixture also holds kerndata and a chosen category (copied in from
        // the risicoscan demo); every row must survive later migrations.
        if version >= 6 {
            let values: Vec<&str> = inspection
                .kerngegevens
                .current()
                .map(|r| r.data.waarde.as_str())
                .collect();
            assert_eq!(values.len(), 7, "version {version}: kerngegevens lost");
            assert!(
                values.iter().all(|v| !v.is_empty()),
                "version {version}: {values:?}"
            );
            let chosen: Vec<&str> = inspection
                .keuzes
                .current()
                .map(|r| r.data.eindoordeel.as_str())
                .collect();
            assert_eq!(chosen, ["potentieel_kwetsbaar"], "version {version}");
        }
    }
}

#[test]
fn bad_files_are_refused_untouched_when_read_only_too() {
    let dir = tempfile::tempdir().unwrap();
    for (path, is_expected, words) in bad_files(dir.path()) {
        let before = std::fs::read(&path).unwrap();
        let files_before = listing(dir.path());
        let err = Store::open_read_only(&path).err().expect("must be refused");
        assert!(is_expected(&err), "{}: unexpected {err}", path.display());
        assert!(err.to_string().contains(words), "{err}");
        assert_eq!(std::fs::read(&path).unwrap(), before);
        assert_eq!(listing(dir.path()), files_before);
    }
}

/// `path-wal` as a path.
fn wal_of(path: &Path) -> PathBuf {
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    PathBuf::from(wal)
}

/// The state a full disk leaves: edits committed in the WAL, the header's page count ahead of
/// the file (the checkpoint on close wrote page 1, then could not extend the file).
#[test]
fn a_header_ahead_of_the_file_is_fine_while_the_wal_holds_the_pages() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut store, mut inspection) = new_file(dir.path(), "vol.veldtoets");
    let long = "x".repeat(40_000);
    let data = oordeel(&inspection, "1.3.1", "onvoldoende", &long);
    set(&mut store, &mut inspection, "1.3.1", data, 1);
    // A copy of the file and its WAL while open, with page 1 taken from the WAL (as a checkpoint
    // would write it first): the header claims pages the file does not have yet.
    let copy = dir.path().join("kopie.veldtoets");
    std::fs::copy(&path, &copy).unwrap();
    std::fs::copy(wal_of(&path), wal_of(&copy)).unwrap();
    drop(store);
    let wal = std::fs::read(wal_of(&copy)).unwrap();
    let page_size = u32::from_be_bytes([wal[8], wal[9], wal[10], wal[11]]) as usize;
    let mut newest_page_1 = None;
    for frame in wal[32..].chunks_exact(24 + page_size) {
        if u32::from_be_bytes([frame[0], frame[1], frame[2], frame[3]]) == 1 {
            newest_page_1 = Some(frame[24..].to_vec());
        }
    }
    let page_1 = newest_page_1.expect("page 1 is in the WAL");
    let mut bytes = std::fs::read(&copy).unwrap();
    let claimed = u32::from_be_bytes([page_1[28], page_1[29], page_1[30], page_1[31]]) as usize;
    assert!(claimed * page_size > bytes.len(), "the header runs ahead");
    bytes[..page_size].copy_from_slice(&page_1);
    std::fs::write(&copy, &bytes).unwrap();

    veldtoets::store::probe(&copy).expect("a pending WAL explains the header");
    let (reader, read) = Store::open_read_only(&copy).unwrap();
    assert_eq!(read.oordeel("1.3.1").unwrap().data.onderbouwing, long);
    drop(reader);
    assert_eq!(
        std::fs::read(&copy).unwrap(),
        bytes,
        "reading wrote to the file"
    );
    let (store, read, _) = Store::open(&copy).unwrap();
    assert_eq!(read.oordeel("1.3.1").unwrap().data.onderbouwing, long);
    assert!(store.check().unwrap().is_ok());
    drop(store);
    assert!(!wal_of(&copy).exists(), "checkpointed on close");
    // Without the WAL the same header means a truncated file.
    std::fs::write(&copy, &bytes).unwrap();
    assert!(matches!(
        veldtoets::store::probe(&copy),
        Err(StoreError::Truncated(_))
    ));
}

/// A truncated file is refused untouched, also when a WAL lies beside it that cannot make up for
/// the missing pages.
#[test]
fn a_damaged_file_with_a_wal_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let (path, store, _) = new_file(dir.path(), "kapot.veldtoets");
    drop(store);
    let bytes = std::fs::read(&path).unwrap();
    let half = &bytes[..(bytes.len() / 2) / 4096 * 4096];
    std::fs::write(&path, half).unwrap();
    std::fs::write(wal_of(&path), vec![0xAB; 4096 + 32]).unwrap();
    let wal_before = std::fs::read(wal_of(&path)).unwrap();
    let files = listing(dir.path());
    for read_only in [false, true] {
        let err = if read_only {
            Store::open_read_only(&path).err()
        } else {
            Store::open(&path).map(|(s, i, _)| (s, i)).err()
        }
        .expect("a damaged file is refused");
        let message = err.to_string();
        assert!(
            message.contains("beschadigd") || message.contains("afgekapt"),
            "{message}"
        );
        assert_eq!(std::fs::read(&path).unwrap(), half);
        assert_eq!(std::fs::read(wal_of(&path)).unwrap(), wal_before);
        assert_eq!(listing(dir.path()), files);
    }
}
