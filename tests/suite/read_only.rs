//! Read-only inspection files: [`Store::open_read_only`] reads a file without ever writing to it
//! or leaving a side file; writing refuses with [`StoreError::ReadOnly`]. The cases a user without
//! write permission meets (a `chmod 444` file, a write-protected folder, a pending WAL) run the
//! real binary as `nobody` and are skipped with a message when the tests do not run as root.

use crate::common;

use std::path::{Path, PathBuf};

use common::{TestDir, assert_unchanged, snapshot};
use jiff::Timestamp;
use uuid::Uuid;
use veldtoets::domain::inspection::{Inspection, OordeelData, Record, Stamp};
use veldtoets::kader_io;
use veldtoets::store::{CURRENT_VERSION, Store, StoreError};

fn stamp() -> Stamp {
    Stamp {
        rev: Uuid::now_v7(),
        at: Timestamp::now(),
    }
}

fn new_file(path: &Path) -> (Store, Inspection) {
    let framework = kader_io::builtin("vt-2016-stap2").unwrap();
    Store::create(
        path,
        framework,
        "Veilig Thuis Proefregio",
        "E. Voorbeeld",
        stamp(),
    )
    .unwrap()
}

fn set_oordeel(store: &mut Store, inspection: &mut Inspection, id: &str, why: &str) {
    let author = *inspection.inspectors.keys().next().unwrap();
    let data = OordeelData::parse(&inspection.framework, id, "onvoldoende", why.into()).unwrap();
    let change = inspection.change(id, Record::Oordeel(data), author, stamp());
    store.append(&change).unwrap();
    inspection.apply(change);
}

/// A copy of `source` taken while it was open with a committed edit only in its WAL: `target`
/// and `target-wal`, with the oordeel 2.4.1 "in de wal" committed in the WAL only.
fn copy_with_pending_wal(source: &Path, target: &Path) {
    let (mut store, mut inspection, _) = Store::open(source).unwrap();
    set_oordeel(&mut store, &mut inspection, "2.4.1", "in de wal");
    let mut wal = source.as_os_str().to_owned();
    wal.push("-wal");
    let mut target_wal = target.as_os_str().to_owned();
    target_wal.push("-wal");
    std::fs::copy(source, target).unwrap();
    std::fs::copy(&wal, &target_wal).unwrap();
    assert!(std::fs::metadata(&target_wal).unwrap().len() > 0);
    drop(store);
}

#[test]
fn a_read_only_store_reads_everything_and_refuses_every_write() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.veldtoets");
    let (mut store, mut inspection) = new_file(&path);
    set_oordeel(&mut store, &mut inspection, "1.3.1", "vier van tien");
    drop(store);
    let before = snapshot(dir.path());

    let (mut store, read) = Store::open_read_only(&path).unwrap();
    assert!(store.is_read_only());
    assert_eq!(
        read.oordeel("1.3.1").unwrap().data.onderbouwing,
        "vier van tien"
    );
    assert!(store.check().unwrap().is_ok());
    let copy = read.clone();
    let author = *copy.inspectors.keys().next().unwrap();
    let data = OordeelData::parse(&copy.framework, "1.3.2", "voldoende", String::new()).unwrap();
    let change = copy.change("1.3.2", Record::Oordeel(data), author, stamp());
    let err = store.append(&change).unwrap_err();
    assert!(
        matches!(&err, StoreError::ReadOnly(p) if p == &path),
        "{err}"
    );
    assert!(err.to_string().contains("alleen-lezen"), "{err}");
    assert!(err.to_string().contains("kopie"), "{err}");
    assert!(matches!(
        store.add_inspector(Uuid::now_v7(), "J. Proef"),
        Err(StoreError::ReadOnly(_))
    ));
    let merged = store.merge_from(&[], &mut |_| {});
    assert!(matches!(
        merged,
        Err(veldtoets::store::MergeError::Store(StoreError::ReadOnly(_)))
    ));
    // Two readers at once are fine.
    let (second, _) = Store::open_read_only(&path).unwrap();
    drop((store, second));
    assert_unchanged(dir.path(), &before, "reading");
}

#[test]
fn a_file_open_for_writing_elsewhere_is_refused_as_in_use() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.veldtoets");
    let (held, _) = new_file(&path);
    let err = Store::open_read_only(&path).err().expect("in use");
    assert!(matches!(&err, StoreError::InUse(p) if p == &path), "{err}");
    drop(held);
    Store::open_read_only(&path).expect("free once closed");
    // And the other way round: a reader does not block a writer.
    let (reader, _) = Store::open_read_only(&path).unwrap();
    let (writer, _, _) = Store::open(&path).unwrap();
    drop((reader, writer));
}

#[test]
fn a_pending_wal_is_read_and_left_exactly_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("bron.veldtoets");
    drop(new_file(&source));
    let other = tempfile::tempdir().unwrap();
    let path = other.path().join("kopie.veldtoets");
    copy_with_pending_wal(&source, &path);
    let before = snapshot(other.path());
    let (store, read) = Store::open_read_only(&path).unwrap();
    assert_eq!(
        read.oordeel("2.4.1").unwrap().data.onderbouwing,
        "in de wal"
    );
    assert!(store.check().unwrap().is_ok());
    drop(store);
    assert_unchanged(other.path(), &before, "reading a file with a pending WAL");
    // Opened for writing, the WAL is taken in as usual.
    let (_, read, _) = Store::open(&path).unwrap();
    assert_eq!(
        read.oordeel("2.4.1").unwrap().data.onderbouwing,
        "in de wal"
    );
}

/// Every schema version ever written reads without being migrated in place: the fixture stays
/// byte for byte as it was and no backup or side file appears.
#[test]
fn older_files_are_read_through_a_migrated_temporary_copy() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for version in 1..=CURRENT_VERSION {
        let fixture = fixtures.join(format!("schema-v{version}.veldtoets"));
        if !fixture.exists() {
            // tests/suite/store.rs insists on every fixture; here only the ones there are.
            continue;
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("fixture.veldtoets");
        std::fs::copy(&fixture, &path).unwrap();
        let before = snapshot(dir.path());
        let (store, inspection) = Store::open_read_only(&path).unwrap();
        assert_eq!(inspection.organisatie(), "Veilig Thuis Gelderzoom");
        assert_eq!(inspection.dossier_list().len(), 12);
        let report = store.check().unwrap();
        assert!(report.is_ok(), "{report:?}");
        assert_eq!(report.schema_version, version, "the file's own version");
        drop(store);
        assert_unchanged(dir.path(), &before, &format!("reading schema v{version}"));
    }
}

#[test]
fn reading_commands_never_change_a_file() {
    let dir = TestDir::new();
    dir.new_inspection("a.veldtoets");
    dir.run(["oordeel", "a.veldtoets", "1.3.1", "voldoende"])
        .success();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schema-v1.veldtoets");
    std::fs::copy(&fixture, dir.join("oud.veldtoets")).unwrap();
    let before = snapshot(dir.path());
    for args in [
        vec!["score", "a.veldtoets"],
        vec!["check", "a.veldtoets"],
        vec!["check", "oud.veldtoets"],
        vec!["score", "oud.veldtoets"],
        vec!["export", "oud.veldtoets", "--json", "-"],
        vec!["overzicht", "--json", "-", "a.veldtoets"],
    ] {
        dir.run(&args).success();
    }
    assert_unchanged(dir.path(), &before, "reading commands");
}

/// Makes `path` readable and enterable for everyone (tempfile makes private directories).
fn open_up(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

fn skip_unless_nobody(test: &str) -> bool {
    if common::can_run_as_nobody() {
        return false;
    }
    eprintln!(
        "{test}: overgeslagen, want dit kan alleen als root (runuser -u nobody) en met een binary die nobody mag starten"
    );
    true
}

/// `oordeel` and `merge --into` refuse; every reading command works; nothing changes.
fn read_only_cli_cases(dir: &TestDir, file: &str, out_dir: &Path) {
    let before = snapshot(dir.join(Path::new(file).parent().unwrap_or(Path::new(""))));
    let score = dir.run_as("nobody", ["score", file]);
    score.success();
    assert_eq!(score.json()["kader"], "vt-2016-stap2");
    dir.run_as("nobody", ["check", file]).success();
    let json = out_dir.join("uit.json");
    let pdf = out_dir.join("uit.pdf");
    dir.run_as(
        "nobody",
        [
            "export".as_ref(),
            file.as_ref(),
            "--json".as_ref(),
            json.as_os_str(),
            "--pdf".as_ref(),
            pdf.as_os_str(),
        ],
    )
    .success();
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
    dir.run_as("nobody", ["overzicht", "--json", "-", file])
        .success();
    // A read-only source can be merged into a new file elsewhere.
    let merged = out_dir.join("team.veldtoets");
    dir.run_as(
        "nobody",
        [
            "merge".as_ref(),
            "--into".as_ref(),
            merged.as_os_str(),
            file.as_ref(),
        ],
    )
    .success();
    let merged = merged.display().to_string();
    for args in [
        vec!["oordeel", file, "1.3.1", "voldoende"],
        vec!["merge", "--into", file, &merged],
    ] {
        dir.run_as("nobody", &args)
            .failure()
            .stderr_one_line()
            .stderr_contains("alleen-lezen")
            .stderr_contains(file)
            .stderr_not_contains("3850")
            .stderr_not_contains("I/O");
    }
    let parent = dir.join(Path::new(file).parent().unwrap_or(Path::new("")));
    assert_unchanged(&parent, &before, "read-only commands as nobody");
}

#[cfg(unix)]
#[test]
fn a_write_protected_file_is_read_by_a_normal_user() {
    if skip_unless_nobody("a_write_protected_file_is_read_by_a_normal_user") {
        return;
    }
    let dir = TestDir::new();
    dir.new_inspection("a.veldtoets");
    dir.run(["oordeel", "a.veldtoets", "1.3.1", "onvoldoende"])
        .success();
    open_up(&dir.join("a.veldtoets"), 0o444);
    let out = dir.mkdir("uit");
    open_up(dir.path(), 0o755);
    open_up(&out, 0o777);
    read_only_cli_cases(&dir, "a.veldtoets", &out);
    // Before this change: "disk I/O error … 3850".
    let export = dir.run_as("nobody", ["export", "a.veldtoets", "--json", "-"]);
    export.success();
    assert_eq!(export.json()["oordelen"][0]["verwachting"], "1.3.1");
}

#[cfg(unix)]
#[test]
fn a_file_in_a_write_protected_folder_is_read_by_a_normal_user() {
    if skip_unless_nobody("a_file_in_a_write_protected_folder_is_read_by_a_normal_user") {
        return;
    }
    let dir = TestDir::new();
    let share = dir.mkdir("share");
    let path: PathBuf = share.join("a.veldtoets");
    drop(new_file(&path));
    // The file itself is the user's and writable; only the folder is not.
    let status = std::process::Command::new("chown")
        .args(["nobody"])
        .arg(&path)
        .status()
        .unwrap();
    assert!(status.success());
    open_up(&share, 0o755);
    let out = dir.mkdir("uit");
    open_up(dir.path(), 0o755);
    open_up(&out, 0o777);
    read_only_cli_cases(&dir, "share/a.veldtoets", &out);
}

#[cfg(unix)]
#[test]
fn a_write_protected_file_with_a_pending_wal_is_read_with_its_wal() {
    if skip_unless_nobody("a_write_protected_file_with_a_pending_wal_is_read_with_its_wal") {
        return;
    }
    let dir = TestDir::new();
    let source = dir.join("bron.veldtoets");
    drop(new_file(&source));
    let share = dir.mkdir("share");
    let path = share.join("a.veldtoets");
    copy_with_pending_wal(&source, &path);
    open_up(&path, 0o444);
    open_up(&share.join("a.veldtoets-wal"), 0o444);
    open_up(&share, 0o755);
    open_up(dir.path(), 0o755);
    let before = snapshot(&share);
    let export = dir.run_as("nobody", ["export", "share/a.veldtoets", "--json", "-"]);
    export.success();
    let oordelen = export.json()["oordelen"].clone();
    assert!(
        oordelen
            .as_array()
            .unwrap()
            .iter()
            .any(|o| o["verwachting"] == "2.4.1"),
        "the oordeel committed in the WAL is read: {oordelen}"
    );
    dir.run_as("nobody", ["check", "share/a.veldtoets"])
        .success();
    dir.run_as(
        "nobody",
        ["oordeel", "share/a.veldtoets", "1.1.1", "voldoende"],
    )
    .failure()
    .stderr_contains("alleen-lezen");
    assert_unchanged(&share, &before, "reading a write-protected file with a WAL");
}
