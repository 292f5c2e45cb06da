//! Durability: a process writing edits is killed with SIGKILL; the file must pass
//! `integrity_check` and hold every edit that was reported committed.
//!
//! The writer is this same test binary, started again with `VELDTOETS_KILL_WRITER` set: it runs
//! only [`writer`], which appends oordelen forever and prints each committed revision id.

#![cfg(unix)]

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};

use uuid::Uuid;
use veldtoets::domain::inspection::{OordeelData, Record, Stamp};
use veldtoets::kader_io;
use veldtoets::store::Store;

const WRITER_ENV: &str = "VELDTOETS_KILL_WRITER";

/// Not a test on its own: the child process of [`sigkill_loses_no_committed_edit`]. Without the
/// environment variable it returns at once.
#[test]
fn writer() {
    let Ok(path) = std::env::var(WRITER_ENV) else {
        return;
    };
    let (mut store, mut inspection, _) = Store::open(path.as_ref()).expect("open");
    let author = *inspection.inspectors.keys().next().expect("an inspecteur");
    let ids: Vec<String> = inspection
        .framework
        .expectations()
        .iter()
        .map(|e| e.expectation.id.clone())
        .collect();
    let mut out = std::io::stdout().lock();
    for n in 0.. {
        let id = &ids[n % ids.len()];
        let value = if n % 3 == 0 {
            "onvoldoende"
        } else {
            "voldoende"
        };
        let data = OordeelData::parse(&inspection.framework, id, value, format!("versie {n}"))
            .expect("valid oordeel");
        let change = inspection.change(id, Record::Oordeel(data), author, Stamp::now());
        store.append(&change).expect("append");
        writeln!(out, "committed {}", change.meta.rev).expect("stdout");
        out.flush().expect("flush");
        inspection.apply(change);
    }
}

#[test]
fn sigkill_loses_no_committed_edit() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kill.veldtoets");
    let framework = kader_io::builtin("vt-2016-stap2").unwrap();
    drop(
        Store::create(
            &path,
            framework,
            "Veilig Thuis Proefregio",
            "E. Voorbeeld",
            Stamp::now(),
        )
        .unwrap(),
    );

    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            &crate::common::test_name(module_path!(), "writer"),
            "--nocapture",
            "--test-threads",
            "1",
        ])
        .env(WRITER_ENV, &path)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut committed = Vec::new();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    while committed.len() < 300 {
        let line = lines.next().expect("writer ended early").unwrap();
        if let Some(rev) = line.strip_prefix("committed ") {
            committed.push(Uuid::parse_str(rev).unwrap());
        }
    }
    // Kill mid-stream: the writer is busy appending more as we do this.
    child.kill().unwrap();
    child.wait().unwrap();

    let (store, inspection, _) = Store::open(&path).expect("reopens after SIGKILL");
    let report = store.check().unwrap();
    assert_eq!(report.integrity, vec!["ok".to_string()]);
    let stored: std::collections::HashSet<Uuid> = inspection
        .oordelen
        .histories()
        .flat_map(|(_, h)| h.revisions().iter().map(|r| r.meta.rev))
        .collect();
    for rev in &committed {
        assert!(stored.contains(rev), "committed revision {rev} was lost");
    }
    assert!(stored.len() >= committed.len());
}
