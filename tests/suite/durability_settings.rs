//! The settings behind "once an edit is acknowledged it survives a power loss": every store that
//! can write runs its connection in WAL mode with `synchronous=FULL`. Lowering either (NORMAL
//! loses the last commits on a power cut; OFF or a rollback journal can corrupt the file) fails
//! this test, which the SIGKILL test in `durability.rs` cannot notice: a killed process loses
//! nothing the OS already has, whatever `synchronous` says.

use crate::common;

use std::path::Path;
use std::sync::Arc;

use common::TestDir;
use veldtoets::domain::inspection::Stamp;
use veldtoets::kader_io;
use veldtoets::store::Store;
use veldtoets::ui::worker::{StoreHandle, Waker};

/// `PRAGMA synchronous` value of FULL.
const FULL: i64 = 2;

struct NoWaker;

impl Waker for NoWaker {
    fn wake(&self) {}
}

fn assert_durable(store: &Store, how: &str) {
    let (journal_mode, synchronous) = store.durability().expect("read the settings");
    assert_eq!(
        journal_mode, "wal",
        "{how}: the connection that writes must use WAL"
    );
    assert_eq!(
        synchronous, FULL,
        "{how}: the connection that writes must use synchronous=FULL (2), got {synchronous}"
    );
}

/// WAL is persistent: bytes 18 and 19 of the header (read/write format version) are 2.
fn assert_wal_in_header(path: &Path) {
    let bytes = std::fs::read(path).unwrap();
    assert_eq!(
        (bytes[18], bytes[19]),
        (2, 2),
        "'{}' is not in WAL mode on disk",
        path.display()
    );
}

#[test]
fn a_created_store_writes_with_wal_and_synchronous_full() {
    let dir = TestDir::new();
    let path = dir.join("nieuw.veldtoets");
    let framework = kader_io::builtin("vt-2016-stap2").unwrap();
    let (store, _) = Store::create(
        &path,
        framework,
        "Veilig Thuis Proefregio",
        "E. Voorbeeld",
        Stamp::now(),
    )
    .unwrap();
    assert_durable(&store, "Store::create");
    drop(store);
    assert_wal_in_header(&path);

    let demo = dir.join("demo.veldtoets");
    let (store, _) = veldtoets::demo::create(&demo).unwrap();
    assert_durable(&store, "demo::create");
}

#[test]
fn an_existing_file_is_opened_with_wal_and_synchronous_full() {
    let dir = TestDir::new();
    let path = dir.join("bestaand.veldtoets");
    drop(veldtoets::demo::create(&path).unwrap());
    let (store, _, _) = Store::open(&path).unwrap();
    assert_durable(&store, "Store::open");
    drop(store);
    assert_wal_in_header(&path);
}

#[test]
fn a_migrated_file_is_opened_with_wal_and_synchronous_full() {
    let dir = TestDir::new();
    let path = dir.join("oud.veldtoets");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schema-v1.veldtoets"),
        &path,
    )
    .unwrap();
    let (store, _, report) = Store::open(&path).unwrap();
    assert!(
        report.migrated_from.is_some(),
        "the fixture is an older file"
    );
    assert_durable(&store, "Store::open of a migrated file");
}

#[test]
fn the_store_thread_writes_with_wal_and_synchronous_full() {
    let dir = TestDir::new();
    let path = dir.join("app.veldtoets");
    drop(veldtoets::demo::create(&path).unwrap());
    let (store, _, _) = Store::open(&path).unwrap();
    let mut handle = StoreHandle::start(store, path, Arc::new(NoWaker));
    let settings = handle
        .access()
        .unwrap()
        .run(|store| store.durability().expect("read the settings"))
        .expect("the store thread runs the task");
    assert_eq!(
        settings,
        ("wal".to_string(), FULL),
        "the app's store thread"
    );
    handle.close();
}
