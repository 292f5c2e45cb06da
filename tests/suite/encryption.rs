//! Encrypted inspection files (issue 14, the store core): no known plain text in the file, its
//! WAL, its drafts, its backups or its copies; a missing or wrong passphrase is refused with the
//! file left byte for byte as it was and no side file; plain files of every schema version still
//! open; garbage is still told apart from an encrypted veldtoets file.

use std::path::{Path, PathBuf};

use jiff::Timestamp;
use uuid::Uuid;
use veldtoets::domain::inspection::{
    CheckAnswer, CheckData, Details, DocumentData, DossierData, Inspection, InterviewData,
    OordeelData, Record, Selection, Stamp,
};
use veldtoets::json::ExportJson;
use veldtoets::kader_io;
use veldtoets::store::{
    CURRENT_VERSION, ENCRYPTED_MAGIC, FileKind, Keyring, Passphrase, Store, StoreError, Unlock,
    convert, detect, merge_with, probe,
};

const ORGANISATIE: &str = "Veilig Thuis Geheimregio";
const MARKER: &str = "GEHEIMMARKER-7731";
const DOSSIER: &str = "VTG-2026-8841";
const INTERVIEW_NOTE: &str = "Gesprek met de gedragswetenschapper over de veiligheidstaxatie";
const DRAFT_MARKER: &str = "CONCEPTMARKER-5150";
/// The organisation in every schema fixture (the demo).
const FIXTURE_ORGANISATIE: &str = "Veilig Thuis Gelderzoom";

fn pass(text: &str) -> Passphrase {
    Passphrase::new(text.to_string()).unwrap()
}

fn right() -> Passphrase {
    pass("correct paard batterij nietje")
}

fn stamp(seconds: i64) -> Stamp {
    Stamp {
        rev: Uuid::now_v7(),
        at: Timestamp::from_second(1_790_000_000 + seconds).unwrap(),
    }
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

fn side(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

/// Fails when any of `needles` appears in the bytes of `path` (named `what` in the message).
fn assert_no_plaintext(path: &Path, needles: &[&str], what: &str) {
    let bytes = std::fs::read(path).unwrap();
    for needle in needles {
        assert!(
            !contains(&bytes, needle),
            "{what} ({}) holds the plain text '{needle}'",
            path.display()
        );
    }
}

/// The words every encrypted file must hide: the case data written here, and SQLite's own
/// structure (its header and the schema's SQL).
const NEEDLES: &[&str] = &[
    ORGANISATIE,
    MARKER,
    DOSSIER,
    INTERVIEW_NOTE,
    DRAFT_MARKER,
    "SQLite format 3",
    "CREATE TABLE",
];

/// An encrypted file with a record of several kinds, still open (its WAL holds the edits).
fn new_encrypted(dir: &Path, name: &str) -> (PathBuf, Store, Inspection) {
    let path = dir.join(name);
    let framework = kader_io::builtin("vt-2016-stap2").unwrap();
    let (mut store, mut inspection) = Store::create_encrypted(
        &path,
        framework,
        ORGANISATIE,
        "E. Voorbeeld",
        stamp(0),
        &right(),
    )
    .unwrap();
    let interview = Uuid::now_v7().to_string();
    let dossier = Uuid::now_v7().to_string();
    let details = inspection.details_id();
    let records = vec![
        (
            details,
            Record::Details(Details {
                organisatie: ORGANISATIE.into(),
                notitie: "Tweedaags bezoek".into(),
                ..Details::default()
            }),
        ),
        (
            interview.clone(),
            Record::Interview(InterviewData {
                rol: "management".into(),
                datum: Some("2026-10-13".parse().unwrap()),
                deelnemers: "directeur, gedragswetenschapper".into(),
                notitie: INTERVIEW_NOTE.into(),
                ..Default::default()
            }),
        ),
        (
            dossier.clone(),
            Record::Dossier(DossierData {
                nummer: DOSSIER.into(),
                selectie: Selection::Gericht,
                dates: Default::default(),
                notitie: "Melding van school over een kind van negen".into(),
            }),
        ),
        (
            inspection.check_id(&dossier, "dos-1.3.1"),
            Record::Check(CheckData {
                dossier: dossier.clone(),
                vraag: "dos-1.3.1".into(),
                antwoord: CheckAnswer::Nee,
                notitie: format!("Geen veiligheidsplan in {DOSSIER}"),
            }),
        ),
        (
            inspection.document_id("doc-01"),
            Record::Document(DocumentData {
                item: Some("doc-01".into()),
                naam: "Samenwerkingsafspraken".into(),
                ontvangen: true,
                notitie: String::new(),
            }),
        ),
    ];
    for (i, (entity, record)) in records.into_iter().enumerate() {
        set(&mut store, &mut inspection, &entity, record, 10 + i as i64);
    }
    let oordeel = Record::Oordeel(
        OordeelData::parse(
            &inspection.framework,
            "1.3.1",
            "onvoldoende",
            format!("{MARKER}: in 4 van 10 dossiers geen veiligheidsplan"),
        )
        .unwrap(),
    );
    set(&mut store, &mut inspection, "1.3.1", oordeel, 30);
    (path, store, inspection)
}

#[test]
fn an_encrypted_file_and_its_wal_hold_no_plaintext_and_read_back_with_the_passphrase() {
    let dir = tempfile::tempdir().unwrap();
    let (path, store, inspection) = new_encrypted(dir.path(), "geheim.veldtoets");
    assert!(store.is_encrypted());
    assert!(store.check().unwrap().is_ok());
    // While open: the edits are in the WAL, which must be as unreadable as the file.
    let wal = side(&path, "-wal");
    assert!(
        std::fs::metadata(&wal).unwrap().len() > 0,
        "the edits are in the WAL while the file is open"
    );
    assert_no_plaintext(&path, NEEDLES, "the open file");
    assert_no_plaintext(&wal, NEEDLES, "the WAL of the open file");
    let before = export(&inspection);
    drop(store);

    assert_eq!(listing(dir.path()), ["geheim.veldtoets"], "no side files");
    assert_no_plaintext(&path, NEEDLES, "the closed file");
    let bytes = std::fs::read(&path).unwrap();
    assert!(bytes.starts_with(ENCRYPTED_MAGIC));
    assert_eq!(bytes.len() % 4096, 0);
    assert_eq!(detect(&path).unwrap(), FileKind::Encrypted);

    let (store, reopened, report) = Store::open_with(&path, Some(&right())).unwrap();
    assert_eq!(report.migrated_from, None);
    assert!(store.is_encrypted());
    assert_eq!(export(&reopened), before, "everything written reads back");
    assert_eq!(reopened.organisatie(), ORGANISATIE);
    assert!(
        reopened
            .oordeel("1.3.1")
            .unwrap()
            .data
            .onderbouwing
            .starts_with(MARKER)
    );
    drop(store);

    let (reader, read) = Store::open_read_only_with(&path, Some(&right())).unwrap();
    assert!(reader.is_encrypted() && reader.is_read_only());
    assert_eq!(export(&read), before);
    drop(reader);
    assert_eq!(
        std::fs::read(&path).unwrap(),
        bytes,
        "reading changed nothing"
    );
    assert_eq!(listing(dir.path()), ["geheim.veldtoets"]);
}

#[test]
fn two_encrypted_files_have_different_salts() {
    let dir = tempfile::tempdir().unwrap();
    let (a, store_a, _) = new_encrypted(dir.path(), "a.veldtoets");
    let (b, store_b, _) = new_encrypted(dir.path(), "b.veldtoets");
    drop((store_a, store_b));
    let (a, b) = (std::fs::read(a).unwrap(), std::fs::read(b).unwrap());
    assert_eq!(&a[..4], ENCRYPTED_MAGIC);
    assert_eq!(&b[..4], ENCRYPTED_MAGIC);
    assert_ne!(a[4..16], b[4..16], "the random part of the salt differs");
}

#[test]
fn drafts_are_encrypted_too() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut store, inspection) = new_encrypted(dir.path(), "concept.veldtoets");
    let author = *inspection.inspectors.keys().next().unwrap();
    let text = format!("{DRAFT_MARKER} nog niet afgemaakte onderbouwing");
    store
        .save_draft("onderbouwing/1.1.1", &text, author, Timestamp::now())
        .unwrap();
    assert_no_plaintext(&path, &[DRAFT_MARKER], "the file with a draft");
    assert_no_plaintext(
        &side(&path, "-wal"),
        &[DRAFT_MARKER],
        "the WAL with a draft",
    );
    drop(store);
    assert_no_plaintext(&path, &[DRAFT_MARKER], "the closed file with a draft");
    let (store, reopened, _) = Store::open_with(&path, Some(&right())).unwrap();
    let drafts = store.drafts().unwrap();
    assert_eq!(drafts.len(), 1);
    assert_eq!(drafts[0].text, text);
    assert_eq!(
        reopened.drafts.len(),
        1,
        "the draft is restored with the file"
    );
}

/// Opening with `passphrase` (read-write or read-only) fails with an error `is_expected`, leaving
/// every file in `dir` (the file, and any side file it has) byte for byte as it was.
fn assert_refused_untouched(
    path: &Path,
    passphrase: Option<&Passphrase>,
    is_expected: fn(&StoreError) -> bool,
    words: &str,
) {
    let dir = path.parent().unwrap();
    let snapshot = || {
        listing(dir)
            .into_iter()
            .map(|name| {
                let bytes = std::fs::read(dir.join(&name)).unwrap();
                (name, bytes)
            })
            .collect::<Vec<_>>()
    };
    let before = snapshot();
    for read_only in [false, true] {
        let err = if read_only {
            Store::open_read_only_with(path, passphrase).err()
        } else {
            Store::open_with(path, passphrase)
                .map(|(s, i, _)| (s, i))
                .err()
        }
        .expect("must be refused");
        assert!(is_expected(&err), "read_only={read_only}: unexpected {err}");
        let message = err.to_string();
        assert!(message.contains(words), "{message}");
        assert!(message.contains(&path.display().to_string()), "{message}");
        assert!(message.contains("niet gewijzigd"), "{message}");
        assert!(
            snapshot() == before,
            "read_only={read_only}: a file changed or a side file appeared: {:?}",
            listing(dir)
        );
    }
}

#[test]
fn a_wrong_or_missing_passphrase_leaves_the_file_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let (path, store, _) = new_encrypted(dir.path(), "slot.veldtoets");
    drop(store);
    assert_refused_untouched(
        &path,
        Some(&pass("verkeerd wachtwoord")),
        |e| matches!(e, StoreError::WrongPassphrase(_)),
        "het wachtwoord klopt niet",
    );
    // One character off, and the right one with different case.
    assert_refused_untouched(
        &path,
        Some(&pass("correct paard batterij nietj")),
        |e| matches!(e, StoreError::WrongPassphrase(_)),
        "het wachtwoord klopt niet",
    );
    assert_refused_untouched(
        &path,
        Some(&pass("Correct paard batterij nietje")),
        |e| matches!(e, StoreError::WrongPassphrase(_)),
        "het wachtwoord klopt niet",
    );
    assert_refused_untouched(
        &path,
        None,
        |e| matches!(e, StoreError::Encrypted(_)),
        "dit onderzoeksbestand is versleuteld; geef het wachtwoord",
    );
    // The plain entry points say the same.
    let err = Store::open(&path).err().unwrap();
    assert!(matches!(err, StoreError::Encrypted(_)), "{err}");
    let err = Store::open_read_only(&path).err().unwrap();
    assert!(matches!(err, StoreError::Encrypted(_)), "{err}");
    let err = probe(&path).unwrap_err();
    assert!(matches!(err, StoreError::Encrypted(_)), "{err}");
    // And the right one still opens it.
    Store::open_with(&path, Some(&right())).unwrap();
}

/// The state a crash or a full disk leaves: edits only in the WAL. A wrong passphrase must not
/// checkpoint, replay or remove that WAL.
#[test]
fn a_wrong_passphrase_leaves_a_pending_wal_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let (path, store, inspection) = new_encrypted(dir.path(), "open.veldtoets");
    let copies = tempfile::tempdir().unwrap();
    let copy = copies.path().join("kopie.veldtoets");
    std::fs::copy(&path, &copy).unwrap();
    std::fs::copy(side(&path, "-wal"), side(&copy, "-wal")).unwrap();
    let expected = export(&inspection);
    drop(store);
    assert!(std::fs::metadata(side(&copy, "-wal")).unwrap().len() > 0);
    assert_refused_untouched(
        &copy,
        Some(&pass("verkeerd")),
        |e| matches!(e, StoreError::WrongPassphrase(_)),
        "het wachtwoord klopt niet",
    );
    assert_refused_untouched(
        &copy,
        None,
        |e| matches!(e, StoreError::Encrypted(_)),
        "versleuteld",
    );
    // With the right passphrase the WAL's edits are there.
    let (reader, read) = Store::open_read_only_with(&copy, Some(&right())).unwrap();
    assert_eq!(export(&read), expected);
    drop(reader);
    let (store, read, _) = Store::open_with(&copy, Some(&right())).unwrap();
    assert_eq!(export(&read), expected);
    drop(store);
    assert_eq!(listing(copies.path()), ["kopie.veldtoets"], "checkpointed");
    assert_no_plaintext(&copy, NEEDLES, "the checkpointed copy");
}

#[test]
fn a_passphrase_given_for_a_plain_file_is_not_used() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("gewoon.veldtoets");
    let framework = kader_io::builtin("vt-2016-stap2").unwrap();
    let (store, _) =
        Store::create(&path, framework, ORGANISATIE, "E. Voorbeeld", stamp(0)).unwrap();
    assert!(!store.is_encrypted());
    drop(store);
    let (store, inspection, _) = Store::open_with(&path, Some(&right())).unwrap();
    assert!(!store.is_encrypted());
    assert_eq!(inspection.organisatie(), ORGANISATIE);
    drop(store);
    assert!(
        contains(&std::fs::read(&path).unwrap(), ORGANISATIE),
        "still plain"
    );
}

fn fixture(version: u32) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(format!("tests/fixtures/schema-v{version}.veldtoets"))
}

/// Plain files of every schema version ever written still open, with or without a passphrase
/// (which a plain file does not use).
#[test]
fn plain_fixtures_of_every_version_still_open() {
    for version in 1..=CURRENT_VERSION {
        for passphrase in [None, Some(right())] {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("gewoon.veldtoets");
            std::fs::copy(fixture(version), &path).unwrap();
            assert!(matches!(detect(&path).unwrap(), FileKind::Plain(_)));
            let (reader, read) = Store::open_read_only_with(&path, passphrase.as_ref()).unwrap();
            assert!(!reader.is_encrypted());
            assert_eq!(read.organisatie(), FIXTURE_ORGANISATIE, "version {version}");
            drop(reader);
            let (store, inspection, report) = Store::open_with(&path, passphrase.as_ref()).unwrap();
            assert!(!store.is_encrypted());
            assert_eq!(
                report.migrated_from.is_some(),
                version < CURRENT_VERSION,
                "version {version}"
            );
            assert_eq!(inspection.organisatie(), FIXTURE_ORGANISATIE);
            assert_eq!(inspection.dossier_list().len(), 12);
        }
    }
}

/// Encrypts a copy of the plain file `source` into `target` (which must not exist) as a veldtoets
/// file: `sqlcipher_export` into an attached database keyed with `passphrase`, with a salt that
/// starts with the veldtoets magic, then the schema version and application id (which
/// `sqlcipher_export` does not copy).
fn encrypt_copy(source: &Path, target: &Path, passphrase: &str, user_version: u32) {
    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("bron.veldtoets");
    std::fs::copy(source, &plain).unwrap();
    let conn = rusqlite::Connection::open(&plain).unwrap();
    conn.execute(
        "ATTACH DATABASE ?1 AS versleuteld KEY ?2",
        [target.to_str().unwrap(), passphrase],
    )
    .unwrap();
    let salt: String = ENCRYPTED_MAGIC
        .iter()
        .copied()
        .chain(Uuid::new_v4().into_bytes().into_iter().take(12))
        .map(|b| format!("{b:02x}"))
        .collect();
    conn.execute_batch(&format!(
        "PRAGMA versleuteld.cipher_salt = \"x'{salt}'\";
         SELECT sqlcipher_export('versleuteld');
         PRAGMA versleuteld.user_version = {user_version};
         PRAGMA versleuteld.application_id = {};
         DETACH DATABASE versleuteld;",
        veldtoets::store::APPLICATION_ID
    ))
    .unwrap();
    drop(conn);
    let bytes = std::fs::read(target).unwrap();
    assert!(bytes.starts_with(ENCRYPTED_MAGIC), "the salt was set");
    assert!(!contains(&bytes, FIXTURE_ORGANISATIE));
}

/// The private copies this process has in the temporary directory of a file named `name`
/// (a read-only store's migrated copy lives there while the store is open).
fn scratch_copies(name: &str) -> Vec<PathBuf> {
    let prefix = format!("veldtoets-{}-", std::process::id());
    std::fs::read_dir(std::env::temp_dir())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with(&prefix))
        .flat_map(|e| std::fs::read_dir(e.path()).into_iter().flatten())
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with(name))
        .map(|e| e.path())
        .collect()
}

/// An encrypted file of an older schema version is migrated like a plain one, after a backup
/// that is as encrypted as the file (`VACUUM INTO` on the keyed connection); read-only, its
/// migrated private copy is encrypted too.
#[test]
fn an_encrypted_older_file_is_migrated_with_an_encrypted_backup() {
    for version in 1..CURRENT_VERSION {
        let dir = tempfile::tempdir().unwrap();
        let name = format!(
            "oud-versleuteld-{}-v{version}.veldtoets",
            Uuid::new_v4().simple()
        );
        let path = dir.path().join(&name);
        encrypt_copy(
            &fixture(version),
            &path,
            "correct paard batterij nietje",
            version,
        );
        assert_eq!(detect(&path).unwrap(), FileKind::Encrypted);
        let original = std::fs::read(&path).unwrap();

        // Read-only: migrated in a private copy, which is encrypted as well.
        let (reader, read) = Store::open_read_only_with(&path, Some(&right())).unwrap();
        assert_eq!(read.organisatie(), FIXTURE_ORGANISATIE);
        let copies = scratch_copies(&name);
        assert!(
            !copies.is_empty(),
            "version {version}: a migrated copy is read"
        );
        for copy in &copies {
            assert!(std::fs::read(copy).unwrap().starts_with(ENCRYPTED_MAGIC));
            assert_no_plaintext(copy, &[FIXTURE_ORGANISATIE], "the migrated private copy");
        }
        assert_eq!(reader.check().unwrap().schema_version, version);
        drop(reader);
        assert!(scratch_copies(&name).is_empty(), "removed with the store");
        assert_eq!(std::fs::read(&path).unwrap(), original, "read-only");

        assert_refused_untouched(
            &path,
            None,
            |e| matches!(e, StoreError::Encrypted(_)),
            "versleuteld",
        );
        let (store, inspection, report) = Store::open_with(&path, Some(&right())).unwrap();
        let (from, backup) = report.migrated_from.clone().expect("migrated");
        assert_eq!(from, version);
        assert_eq!(inspection.organisatie(), FIXTURE_ORGANISATIE);
        assert_eq!(inspection.dossier_list().len(), 12);
        assert!(store.check().unwrap().is_ok());
        assert_eq!(store.check().unwrap().schema_version, CURRENT_VERSION);
        assert_no_plaintext(
            &backup,
            &[FIXTURE_ORGANISATIE, "SQLite format 3"],
            "the backup",
        );
        assert_no_plaintext(&path, &[FIXTURE_ORGANISATIE], "the migrated file");
        assert_no_plaintext(&side(&path, "-wal"), &[FIXTURE_ORGANISATIE], "its WAL");
        drop(store);
        assert_no_plaintext(&path, &[FIXTURE_ORGANISATIE], "the migrated, closed file");

        // The backup opens with the same passphrase, at the old version.
        assert_eq!(detect(&backup).unwrap(), FileKind::Encrypted);
        let err = Store::open_read_only(&backup).err().unwrap();
        assert!(matches!(err, StoreError::Encrypted(_)), "{err}");
        let (backup_store, from_backup) =
            Store::open_read_only_with(&backup, Some(&right())).unwrap();
        assert_eq!(backup_store.check().unwrap().schema_version, version);
        assert_eq!(from_backup.organisatie(), FIXTURE_ORGANISATIE);
    }
}

/// "Opslaan als…" of an encrypted file writes an encrypted copy, keyed like the original.
#[test]
fn a_copy_of_an_encrypted_file_is_encrypted() {
    let dir = tempfile::tempdir().unwrap();
    let (_, store, inspection) = new_encrypted(dir.path(), "origineel.veldtoets");
    let target = dir.path().join("kopie.veldtoets");
    let copy = store.copy_to(&target).unwrap();
    assert!(copy.store.is_encrypted());
    copy.finish().unwrap();
    assert_no_plaintext(&target, NEEDLES, "the copy");
    let err = Store::open(&target).err().unwrap();
    assert!(matches!(err, StoreError::Encrypted(_)), "{err}");
    drop(store);
    let (_, read, _) = Store::open_with(&target, Some(&right())).unwrap();
    assert_eq!(export(&read), export(&inspection));
}

/// A plain copy of the same onderzoek merges into an encrypted file, which stays encrypted; a
/// plain source of an older schema is read through a private copy keyed like the target.
#[test]
fn plain_sources_merge_into_an_encrypted_file() {
    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("collega.veldtoets");
    let framework = kader_io::builtin("vt-2016-stap2").unwrap();
    let (store, _) =
        Store::create(&plain, framework, ORGANISATIE, "E. Voorbeeld", stamp(0)).unwrap();
    drop(store);
    let encrypted = dir.path().join("team.veldtoets");
    encrypt_copy(
        &plain,
        &encrypted,
        "correct paard batterij nietje",
        CURRENT_VERSION,
    );
    {
        let (mut store, mut inspection, _) = Store::open(&plain).unwrap();
        let oordeel = Record::Oordeel(
            OordeelData::parse(
                &inspection.framework,
                "1.3.1",
                "onvoldoende",
                format!("{MARKER} van een collega"),
            )
            .unwrap(),
        );
        set(&mut store, &mut inspection, "1.3.1", oordeel, 5);
    }
    let (mut store, _, _) = Store::open_with(&encrypted, Some(&right())).unwrap();
    let outcome = store.merge_from(&[&plain], &mut |_| {}).unwrap();
    assert!(
        outcome
            .inspection
            .oordeel("1.3.1")
            .unwrap()
            .data
            .onderbouwing
            .starts_with(MARKER)
    );
    assert_no_plaintext(&encrypted, &[MARKER, ORGANISATIE], "the merged file");
    assert_no_plaintext(&side(&encrypted, "-wal"), &[MARKER, ORGANISATIE], "its WAL");
    drop(store);
    assert_no_plaintext(
        &encrypted,
        &[MARKER, ORGANISATIE],
        "the merged, closed file",
    );
    let (_, read, _) = Store::open_with(&encrypted, Some(&right())).unwrap();
    assert!(read.oordeel("1.3.1").is_some());

    // An older plain source: the fixture, into an encrypted copy of itself (migrated on open).
    let older = dir.path().join("oud.veldtoets");
    std::fs::copy(fixture(CURRENT_VERSION - 1), &older).unwrap();
    let target = dir.path().join("oud-versleuteld.veldtoets");
    encrypt_copy(
        &older,
        &target,
        "correct paard batterij nietje",
        CURRENT_VERSION - 1,
    );
    let (mut store, before, report) = Store::open_with(&target, Some(&right())).unwrap();
    assert!(report.migrated_from.is_some());
    let older_bytes = std::fs::read(&older).unwrap();
    let outcome = store.merge_from(&[&older], &mut |_| {}).unwrap();
    assert_eq!(
        export(&outcome.inspection),
        export(&before),
        "the same rows"
    );
    assert_eq!(
        std::fs::read(&older).unwrap(),
        older_bytes,
        "the source is only read"
    );
    drop(store);
    assert_no_plaintext(&target, &[FIXTURE_ORGANISATIE], "the merged file");
}

/// An encrypted source cannot be merged without its passphrase: refused, nothing written.
#[test]
fn an_encrypted_source_is_refused_by_a_merge_without_passphrase() {
    let dir = tempfile::tempdir().unwrap();
    let (source, store, _) = new_encrypted(dir.path(), "bron.veldtoets");
    drop(store);
    let target = dir.path().join("doel.veldtoets");
    let err = veldtoets::store::merge(&target, &[&source], &mut |_| {})
        .err()
        .unwrap();
    assert!(err.to_string().contains("versleuteld"), "{err}");
    assert!(!target.exists());
}

/// A newer encrypted file is refused once the passphrase shows its version, untouched.
#[test]
fn a_newer_encrypted_file_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nieuwer.veldtoets");
    encrypt_copy(
        &fixture(CURRENT_VERSION),
        &path,
        "correct paard batterij nietje",
        CURRENT_VERSION + 1,
    );
    assert_refused_untouched(
        &path,
        Some(&right()),
        |e| matches!(e, StoreError::Newer { .. }),
        "nieuwere veldtoets",
    );
}

#[test]
fn garbage_is_still_not_a_veldtoets_file() {
    let dir = tempfile::tempdir().unwrap();
    // Random-looking bytes, a whole number of pages: not encrypted veldtoets, not SQLite.
    let garbage = dir.path().join("rommel.veldtoets");
    let bytes: Vec<u8> = (0..8192u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    std::fs::write(&garbage, &bytes).unwrap();
    for passphrase in [None, Some(right())] {
        assert_refused_untouched(
            &garbage,
            passphrase.as_ref(),
            |e| matches!(e, StoreError::NotSqlite(_)),
            "geen veldtoets-bestand",
        );
    }

    // Another program's SQLCipher database (a random salt): not ours either.
    let foreign = dir.path().join("ander-versleuteld.veldtoets");
    {
        let conn = rusqlite::Connection::open(&foreign).unwrap();
        conn.execute_batch(
            "PRAGMA key = 'correct paard batterij nietje';
             CREATE TABLE boodschappen (naam TEXT); INSERT INTO boodschappen VALUES ('melk');",
        )
        .unwrap();
    }
    if !std::fs::read(&foreign)
        .unwrap()
        .starts_with(ENCRYPTED_MAGIC)
    {
        assert_refused_untouched(
            &foreign,
            Some(&right()),
            |e| matches!(e, StoreError::NotSqlite(_)),
            "geen veldtoets-bestand",
        );
    }

    // An encrypted veldtoets file cut short.
    let (path, store, _) = new_encrypted(dir.path(), "afgekapt.veldtoets");
    drop(store);
    let bytes = std::fs::read(&path).unwrap();
    std::fs::write(&path, &bytes[..bytes.len() - 1000]).unwrap();
    assert_refused_untouched(
        &path,
        Some(&right()),
        |e| matches!(e, StoreError::Truncated(_)),
        "afgekapt",
    );
    std::fs::write(&path, &bytes[..10]).unwrap();
    assert_refused_untouched(
        &path,
        Some(&right()),
        |e| matches!(e, StoreError::Truncated(_)),
        "afgekapt",
    );
}

/// No output (PDF, JSON) may replace an encrypted inspection file either.
#[test]
fn the_output_guard_recognises_an_encrypted_file() {
    let dir = tempfile::tempdir().unwrap();
    let (path, store, _) = new_encrypted(dir.path(), "bewaak.veldtoets");
    drop(store);
    assert!(veldtoets::fsutil::is_inspection_file(&path).unwrap());
    assert!(veldtoets::fsutil::check_output_target(&path, &[]).is_err());
}

fn other() -> Passphrase {
    pass("een ander wachtwoord van het team")
}

/// Every file in `dir` with its bytes.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    listing(dir)
        .into_iter()
        .map(|name| {
            let bytes = std::fs::read(dir.join(&name)).unwrap();
            (name, bytes)
        })
        .collect()
}

/// Adds an oordeel with `text` as onderbouwing to the file at `path` (opened with `key`).
fn add_oordeel(path: &Path, key: Option<&Passphrase>, verwachting: &str, text: &str, at: i64) {
    let (mut store, mut inspection, _) = Store::open_with(path, key).unwrap();
    let oordeel = Record::Oordeel(
        OordeelData::parse(
            &inspection.framework,
            verwachting,
            "voldoende",
            text.to_string(),
        )
        .unwrap(),
    );
    set(&mut store, &mut inspection, verwachting, oordeel, at);
}

#[test]
fn a_keyring_tries_its_passphrases_and_remembers_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let (path, store, _) = new_encrypted(dir.path(), "kr.veldtoets");
    drop(store);
    let plain = dir.path().join("gewoon.veldtoets");
    let framework = kader_io::builtin("vt-2016-stap2").unwrap();
    drop(Store::create(&plain, framework, ORGANISATIE, "E. Voorbeeld", stamp(0)).unwrap());
    let before = snapshot(dir.path());

    let mut keyring = Keyring::new();
    assert_eq!(keyring.unlock(&plain).unwrap(), Unlock::Plain);
    assert_eq!(keyring.unlock(&path).unwrap(), Unlock::Locked);
    keyring.add(other());
    assert_eq!(
        keyring.unlock(&path).unwrap(),
        Unlock::Locked,
        "a wrong one"
    );
    assert!(keyring.passphrase_for(&path).is_none());
    keyring.add(right());
    assert_eq!(keyring.unlock(&path).unwrap(), Unlock::Unlocked);
    let found = keyring.passphrase_for(&path).unwrap();
    assert!(veldtoets::store::passphrase_opens(&path, found).unwrap());
    // The same file under another name.
    let relative = Path::new(".").join(&path);
    assert!(keyring.passphrase_for(&relative).is_some());
    assert_eq!(
        snapshot(dir.path()),
        before,
        "trying passphrases writes nothing"
    );

    let garbage = dir.path().join("rommel.veldtoets");
    std::fs::write(&garbage, b"geen onderzoek").unwrap();
    assert!(keyring.unlock(&garbage).is_err());

    // A passphrase typed for one file is kept only when it opens that file.
    let mut typed = Keyring::new();
    assert!(!typed.add_for(&path, other()).unwrap());
    assert!(typed.is_empty() && typed.passphrase_for(&path).is_none());
    assert!(typed.add_for(&path, right()).unwrap());
    assert!(typed.passphrase_for(&path).is_some());
    assert_eq!(typed.unlock(&path).unwrap(), Unlock::Unlocked);
    assert_eq!(snapshot(dir.path())[..before.len()], before[..]);
}

/// Two encrypted copies with different passphrases merge into a new file, encrypted with the
/// first one's passphrase and holding both edits; into an existing plain target, which stays
/// plain; and without a passphrase for a source, nothing is written.
#[test]
fn encrypted_copies_merge_with_their_own_passphrases() {
    let dir = tempfile::tempdir().unwrap();
    let (a, store, _) = new_encrypted(dir.path(), "a.veldtoets");
    drop(store);
    let b = dir.path().join("b.veldtoets");
    convert(&a, Some(&right()), &b, Some(&other())).unwrap();
    add_oordeel(&a, Some(&right()), "1.1.1", "ONDERBOUWING-VAN-A", 100);
    add_oordeel(&b, Some(&other()), "1.2.1", "ONDERBOUWING-VAN-B", 101);

    // Without the second passphrase: refused before anything is written.
    let target = dir.path().join("samen.veldtoets");
    let err = merge_with(&target, &[&a, &b], &Keyring::with(right()), &mut |_| {})
        .err()
        .unwrap();
    assert!(err.to_string().contains("versleuteld"), "{err}");
    assert!(!target.exists());

    let mut keys = Keyring::new();
    keys.add(right());
    keys.add(other());
    for source in [&a, &b] {
        assert_eq!(keys.unlock(source).unwrap(), Unlock::Unlocked);
    }
    let a_bytes = std::fs::read(&a).unwrap();
    let outcome = merge_with(&target, &[&a, &b], &keys, &mut |_| {}).unwrap();
    assert!(outcome.summary.created);
    assert_eq!(detect(&target).unwrap(), FileKind::Encrypted);
    assert_no_plaintext(
        &target,
        &[
            ORGANISATIE,
            "ONDERBOUWING-VAN-A",
            "ONDERBOUWING-VAN-B",
            MARKER,
        ],
        "the merged file",
    );
    assert_eq!(std::fs::read(&a).unwrap(), a_bytes, "a source is only read");
    let (_, merged, _) = Store::open_with(&target, Some(&right())).unwrap();
    assert!(merged.oordeel("1.1.1").is_some() && merged.oordeel("1.2.1").is_some());
    assert!(matches!(
        Store::open_with(&target, Some(&other())).err().unwrap(),
        StoreError::WrongPassphrase(_)
    ));

    // Into an existing plain target: it keeps its own (no) encryption.
    let plain = dir.path().join("gewoon.veldtoets");
    convert(&a, Some(&right()), &plain, None).unwrap();
    let outcome = merge_with(&plain, &[&b], &keys, &mut |_| {}).unwrap();
    assert!(!outcome.summary.created);
    assert!(matches!(detect(&plain).unwrap(), FileKind::Plain(_)));
    let (_, merged, _) = Store::open(&plain).unwrap();
    assert!(merged.oordeel("1.2.1").is_some());

    // A wrong passphrase for a source (the keyring found none for it) is refused too.
    let target2 = dir.path().join("samen2.veldtoets");
    let err = merge_with(
        &target2,
        &[&plain, &b],
        &Keyring::with(right()),
        &mut |_| {},
    )
    .err()
    .unwrap();
    assert!(err.to_string().contains("versleuteld"), "{err}");
    assert!(!target2.exists());
}

/// An encrypted source of an older schema is migrated in a private copy written with its own
/// key: no plain text of it appears in the temporary directory, and the merge reads it.
#[test]
fn an_older_encrypted_source_merges_without_a_plain_copy() {
    let dir = tempfile::tempdir().unwrap();
    let older = dir.path().join("oud-versleuteld.veldtoets");
    encrypt_copy(
        &fixture(CURRENT_VERSION - 1),
        &older,
        "correct paard batterij nietje",
        CURRENT_VERSION - 1,
    );
    let target = dir.path().join("nieuw.veldtoets");
    let mut keys = Keyring::with(right());
    assert_eq!(keys.unlock(&older).unwrap(), Unlock::Unlocked);
    let older_bytes = std::fs::read(&older).unwrap();
    let mut seen_plain = Vec::new();
    merge_with(&target, &[&older], &keys, &mut |_| {
        for copy in scratch_copies("oud-versleuteld") {
            if let Ok(bytes) = std::fs::read(&copy)
                && contains(&bytes, FIXTURE_ORGANISATIE)
            {
                seen_plain.push(copy);
            }
        }
    })
    .unwrap();
    assert!(seen_plain.is_empty(), "plain copies: {seen_plain:?}");
    assert_eq!(std::fs::read(&older).unwrap(), older_bytes);
    assert_eq!(detect(&target).unwrap(), FileKind::Encrypted);
    assert_no_plaintext(&target, &[FIXTURE_ORGANISATIE], "the merged file");
    let (_, merged, _) = Store::open_with(&target, Some(&right())).unwrap();
    assert_eq!(merged.details.current().count(), 1);
}

/// `versleutel`, `ontsleutel --naar` and `wachtwoord` as the store does them: a verified new
/// file, the source replaced only when it is the target.
#[test]
fn convert_encrypts_decrypts_and_rekeys_through_a_verified_copy() {
    let dir = tempfile::tempdir().unwrap();
    let (enc, store, inspection) = new_encrypted(dir.path(), "bron.veldtoets");
    drop(store);
    let expected = export(&inspection);

    // Decrypt to a copy: the original stays as it was.
    let enc_bytes = std::fs::read(&enc).unwrap();
    let plain = dir.path().join("kopie.veldtoets");
    let done = convert(&enc, Some(&right()), &plain, None).unwrap();
    assert!(!done.replaced && done.rows > 0);
    assert_eq!(std::fs::read(&enc).unwrap(), enc_bytes);
    assert!(matches!(detect(&plain).unwrap(), FileKind::Plain(_)));
    assert!(contains(&std::fs::read(&plain).unwrap(), ORGANISATIE));
    assert_eq!(export(&Store::open(&plain).unwrap().1), expected);

    // Encrypt in place (with a pending WAL: an edit the plain file has not checkpointed).
    {
        let (mut store, mut inspection, _) = Store::open(&plain).unwrap();
        let oordeel = Record::Oordeel(
            OordeelData::parse(
                &inspection.framework,
                "1.1.1",
                "onvoldoende",
                "IN-DE-WAL".into(),
            )
            .unwrap(),
        );
        set(&mut store, &mut inspection, "1.1.1", oordeel, 200);
        // A copy of the file and its WAL as a crash leaves them.
        std::fs::copy(&plain, dir.path().join("crash.veldtoets")).unwrap();
        std::fs::copy(side(&plain, "-wal"), dir.path().join("crash.veldtoets-wal")).unwrap();
    }
    let crash = dir.path().join("crash.veldtoets");
    assert!(side(&crash, "-wal").exists());
    let done = convert(&crash, None, &crash, Some(&other())).unwrap();
    assert!(done.replaced);
    assert_eq!(detect(&crash).unwrap(), FileKind::Encrypted);
    assert!(
        !side(&crash, "-wal").exists(),
        "no old WAL beside the new file"
    );
    assert_no_plaintext(
        &crash,
        &[ORGANISATIE, MARKER, "IN-DE-WAL"],
        "the encrypted file",
    );
    let (_, read, _) = Store::open_with(&crash, Some(&other())).unwrap();
    assert_eq!(
        read.oordeel("1.1.1").unwrap().data.onderbouwing,
        "IN-DE-WAL"
    );

    // A new passphrase in place: the old one no longer opens it.
    convert(&crash, Some(&other()), &crash, Some(&right())).unwrap();
    assert!(matches!(
        Store::open_with(&crash, Some(&other())).err().unwrap(),
        StoreError::WrongPassphrase(_)
    ));
    let (_, reread, _) = Store::open_with(&crash, Some(&right())).unwrap();
    assert_eq!(export(&reread), export(&read));

    // No temporary file is left behind.
    assert!(
        listing(dir.path()).iter().all(|n| !n.ends_with(".tmp")),
        "{:?}",
        listing(dir.path())
    );
}

#[test]
fn convert_refuses_without_changing_anything() {
    let dir = tempfile::tempdir().unwrap();
    let (enc, store, _) = new_encrypted(dir.path(), "bron.veldtoets");
    let copy = dir.path().join("kopie.veldtoets");
    // Open in veldtoets (this store holds the lock): refused.
    let err = convert(&enc, Some(&right()), &copy, None).unwrap_err();
    assert!(matches!(err, StoreError::InUse(_)), "{err}");
    drop(store);
    let before = snapshot(dir.path());
    for (key, what) in [
        (None, "versleuteld"),
        (Some(other()), "wachtwoord klopt niet"),
    ] {
        for target in [&copy, &enc] {
            let err = convert(&enc, key.as_ref(), target, None).unwrap_err();
            assert!(err.to_string().contains(what), "{err}");
            assert_eq!(snapshot(dir.path()), before);
        }
    }
    std::fs::write(&copy, b"bestaat al").unwrap();
    let before = snapshot(dir.path());
    let err = convert(&enc, Some(&right()), &copy, None).unwrap_err();
    assert!(matches!(err, StoreError::AlreadyExists(_)), "{err}");
    assert_eq!(snapshot(dir.path()), before);
}

/// A conversion (versleutel / ontsleutel / wachtwoord) with a wrong passphrase on a file whose
/// last edits are still in its WAL (the state a crash leaves) changes neither the file nor the WAL.
#[test]
fn convert_with_a_wrong_passphrase_leaves_a_pending_wal_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let (path, store, _) = new_encrypted(dir.path(), "open.veldtoets");
    let copies = tempfile::tempdir().unwrap();
    let copy = copies.path().join("kopie.veldtoets");
    std::fs::copy(&path, &copy).unwrap();
    std::fs::copy(side(&path, "-wal"), side(&copy, "-wal")).unwrap();
    drop(store);
    assert!(std::fs::metadata(side(&copy, "-wal")).unwrap().len() > 0);
    let before = snapshot(copies.path());
    let target = copies.path().join("doel.veldtoets");
    for (key, what) in [
        (Some(other()), "wachtwoord klopt niet"),
        (None, "versleuteld"),
    ] {
        for (to, to_key) in [(&target, None), (&copy, Some(other())), (&copy, None)] {
            let err = convert(&copy, key.as_ref(), to, to_key.as_ref()).unwrap_err();
            assert!(err.to_string().contains(what), "{err}");
            assert_eq!(snapshot(copies.path()), before, "a file or its WAL changed");
        }
    }
    // The right passphrase still finds the WAL's edits.
    let done = convert(&copy, Some(&right()), &target, None).unwrap();
    assert!(!done.replaced);
    assert!(Store::open(&target).is_ok());
}

/// An empty `-wal` file beside an encrypted file (left by a crash right after a checkpoint) is
/// left as it is by a refused open, like every other side file.
#[test]
fn a_wrong_passphrase_leaves_an_empty_wal_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let (path, store, _) = new_encrypted(dir.path(), "leeg.veldtoets");
    drop(store);
    std::fs::write(side(&path, "-wal"), b"").unwrap();
    assert_refused_untouched(
        &path,
        Some(&pass("verkeerd")),
        |e| matches!(e, StoreError::WrongPassphrase(_)),
        "het wachtwoord klopt niet",
    );
    Store::open_with(&path, Some(&right())).unwrap();
}

/// A conversion to a new file leaves nothing beside the source: no `-wal` file from reading it.
#[test]
fn convert_leaves_no_side_file_beside_the_source() {
    let dir = tempfile::tempdir().unwrap();
    let (path, store, _) = new_encrypted(dir.path(), "bron.veldtoets");
    drop(store);
    assert_eq!(listing(dir.path()), ["bron.veldtoets"]);
    convert(
        &path,
        Some(&right()),
        &dir.path().join("plat.veldtoets"),
        None,
    )
    .unwrap();
    convert(
        &dir.path().join("plat.veldtoets"),
        None,
        &dir.path().join("weer.veldtoets"),
        Some(&other()),
    )
    .unwrap();
    assert_eq!(
        listing(dir.path()),
        ["bron.veldtoets", "plat.veldtoets", "weer.veldtoets"]
    );
}
