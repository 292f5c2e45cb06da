//! A full disk never locks the file out: on a small tmpfs, a CLI write hits the full disk and
//! fails with a clear Dutch message; the file is then left with its header running ahead of the
//! file and the committed edits in its WAL (the state that used to be refused as "afgekapt of
//! beschadigd"). Once space is free, `check` accepts it, nothing committed is lost, and writing
//! works again.
//!
//! Needs root (to mount a tmpfs); skipped with a message otherwise.

#![cfg(unix)]

use crate::common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::TestDir;

/// A tmpfs mounted on a directory; unmounted when dropped, whatever happened.
struct Tmpfs {
    dir: PathBuf,
}

impl Tmpfs {
    fn mount(dir: &Path, size_kb: u64) -> Option<Tmpfs> {
        if !common::is_root() {
            return None;
        }
        let status = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size_kb}k"), "tmpfs"])
            .arg(dir)
            .status()
            .ok()?;
        status.success().then(|| Tmpfs {
            dir: dir.to_path_buf(),
        })
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let ok = Command::new("umount")
            .arg(&self.dir)
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            let _ = Command::new("umount").arg("-l").arg(&self.dir).status();
        }
    }
}

/// Fills the file system of `dir` until `free_kb` KiB are left: writes until the disk is full,
/// then gives back `free_kb`.
fn fill(dir: &Path, free_kb: u64) -> PathBuf {
    let path = dir.join("vuller");
    let mut file = std::fs::File::create(&path).unwrap();
    let chunk = vec![0x55u8; 4096];
    let mut written = 0u64;
    while file.write_all(&chunk).is_ok() {
        written += chunk.len() as u64;
    }
    let _ = file.flush();
    file.set_len(written.saturating_sub(free_kb * 1024))
        .unwrap();
    file.sync_all().unwrap();
    path
}

/// (pages × page size from the header, the file's length, the `-wal` file's length).
fn header_state(path: &Path) -> (u64, u64, u64) {
    let bytes = std::fs::read(path).unwrap();
    let page_size = match u16::from_be_bytes([bytes[16], bytes[17]]) {
        1 => 65536,
        n => u64::from(n),
    };
    let pages = u64::from(u32::from_be_bytes([
        bytes[28], bytes[29], bytes[30], bytes[31],
    ]));
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    let wal = std::fs::metadata(PathBuf::from(wal)).map_or(0, |m| m.len());
    (pages * page_size, bytes.len() as u64, wal)
}

fn remove_inspection(path: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(name));
    }
}

#[test]
fn a_cli_write_on_a_full_disk_leaves_a_file_that_check_accepts() {
    let dir = TestDir::new();
    let disk = dir.mkdir("schijf");
    let Some(_tmpfs) = Tmpfs::mount(&disk, 1024) else {
        eprintln!(
            "a_cli_write_on_a_full_disk_leaves_a_file_that_check_accepts: overgeslagen, want een tmpfs aankoppelen mag hier niet (alleen als root)"
        );
        return;
    };
    let file = "schijf/d.veldtoets";
    let path = dir.join(file);
    let pristine = dir.join("ongerept.veldtoets");
    dir.run(["demo", file]).success();
    dir.run([
        "oordeel",
        file,
        "1.1.1",
        "onvoldoende",
        "--onderbouwing",
        "vastgelegd voor de schijf vol raakte",
    ])
    .success();
    std::fs::copy(&path, &pristine).unwrap();
    let long = "x".repeat(30_000);
    let ids = ["1.3.1", "1.3.2", "2.1.1", "2.1.2", "2.2.1", "2.3.1"];

    // How much free space reproduces the state depends on the file system's bookkeeping: try
    // several amounts until a write fails with the header ahead of the file and a pending WAL.
    let mut reproduced = None;
    for free_kb in [48u64, 56, 60, 64, 72, 80, 96, 112, 128, 160, 192] {
        remove_inspection(&path);
        let _ = std::fs::remove_file(disk.join("vuller"));
        std::fs::copy(&pristine, &path).unwrap();
        let filler = fill(&disk, free_kb);
        let mut committed = Vec::new();
        let mut failed = None;
        for id in ids {
            let why = format!("{id}: {long}");
            let out = dir.run(["oordeel", file, id, "onvoldoende", "--onderbouwing", &why]);
            if out.status().success() {
                committed.push(id);
            } else {
                failed = Some(out);
                break;
            }
        }
        let (claimed, len, wal) = header_state(&path);
        match failed {
            Some(out) if claimed > len && wal > 0 => {
                reproduced = Some((free_kb, committed, out, filler));
                break;
            }
            _ => {
                let _ = std::fs::remove_file(&filler);
            }
        }
    }
    let Some((free_kb, committed, failed, filler)) = reproduced else {
        panic!(
            "no amount of free space reproduced a failed write with the header ahead of the file"
        );
    };
    eprintln!("reproduced with {free_kb} KiB free; committed before the failure: {committed:?}");

    // The write that hit the full disk says so, in Dutch, once, with a non-zero exit.
    failed
        .failure()
        .stderr_one_line()
        .stderr_contains("schijf is vol")
        .stderr_contains(file)
        .stderr_not_contains("database or disk is full");

    // Still full: reading works already (SQLite reads the WAL), and nothing was written.
    let before = std::fs::read(&path).unwrap();
    dir.run(["check", file]).success();
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "check wrote to the file"
    );

    // Space is freed: check accepts the file and every committed oordeel is there.
    std::fs::remove_file(&filler).unwrap();
    dir.run(["check", file])
        .success()
        .stdout_contains("integriteit:    ok");
    let export = dir.run(["export", file, "--json", "-"]).success().json();
    let text = |id: &str| {
        export["oordelen"]
            .as_array()
            .unwrap()
            .iter()
            .find(|o| o["verwachting"] == id)
            .and_then(|o| o["onderbouwing"].as_str())
            .map(str::to_string)
    };
    assert_eq!(
        text("1.1.1").as_deref(),
        Some("vastgelegd voor de schijf vol raakte")
    );
    for id in &committed {
        assert_eq!(text(id), Some(format!("{id}: {long}")), "{id} lost");
    }

    // And writing works again; closing then checkpoints the WAL into the file.
    dir.run(["oordeel", file, "3.1.1", "voldoende"]).success();
    dir.run(["check", file]).success();
    let (claimed, len, wal) = header_state(&path);
    assert_eq!((claimed, wal), (len, 0), "the WAL was checkpointed");
}
