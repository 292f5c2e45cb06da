//! No output ever replaces an inspection: every refused output path through the real binary. Each
//! refusal exits non-zero with one Dutch message naming the file, and leaves every file byte for
//! byte as it was, with no temporary file left behind.

use crate::common;

use std::collections::BTreeMap;
use std::path::Path;

use common::TestDir;

/// Every file in `dir` (recursively, hidden ones included) with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let entry = entry.unwrap();
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let name = path.strip_prefix(dir).unwrap().display().to_string();
                out.insert(name, std::fs::read(&path).unwrap());
            }
        }
    }
    out
}

/// Runs `args`, asserts a refusal naming `names` (each must appear in the one line on stderr)
/// and containing `words`, and that nothing in the directory changed.
fn refused(dir: &TestDir, args: &[&str], names: &[&str], words: &str) {
    let before = snapshot(dir.path());
    let out = dir.run(args);
    out.failure()
        .no_panic()
        .stderr_one_line()
        .stderr_contains(words);
    for name in names {
        out.stderr_contains(name);
    }
    out.stderr_not_contains("os error");
    let after = snapshot(dir.path());
    let before_names: Vec<&String> = before.keys().collect();
    let after_names: Vec<&String> = after.keys().collect();
    assert_eq!(
        after_names, before_names,
        "files appeared or vanished: {args:?}"
    );
    for (name, bytes) in &before {
        assert!(after[name] == *bytes, "{name} changed by {args:?}");
    }
}

fn two_inspections() -> TestDir {
    let dir = TestDir::new();
    dir.new_inspection("a.veldtoets");
    dir.run([
        "oordeel",
        "a.veldtoets",
        "1.3.1",
        "onvoldoende",
        "--onderbouwing",
        "In 4 van 10 dossiers geen veiligheidsplan.",
    ])
    .success();
    dir.new_inspection("b.veldtoets");
    dir
}

#[test]
fn export_onto_itself_is_refused() {
    let dir = two_inspections();
    refused(
        &dir,
        &["export", "a.veldtoets", "--pdf", "a.veldtoets"],
        &["a.veldtoets"],
        "wordt niet overschreven",
    );
    refused(
        &dir,
        &["export", "a.veldtoets", "--json", "a.veldtoets"],
        &["a.veldtoets"],
        "wordt niet overschreven",
    );
    refused(
        &dir,
        &[
            "export",
            "a.veldtoets",
            "--json",
            "uit.json",
            "--pdf",
            "a.veldtoets",
        ],
        &["a.veldtoets"],
        "wordt niet overschreven",
    );
    // Spelled differently: an absolute path, and through a subfolder.
    dir.mkdir("sub");
    let absolute = dir.join("a.veldtoets").display().to_string();
    refused(
        &dir,
        &["export", "a.veldtoets", "--pdf", &absolute],
        &["a.veldtoets"],
        "wordt niet overschreven",
    );
    refused(
        &dir,
        &["export", "a.veldtoets", "--pdf", "sub/../a.veldtoets"],
        &["a.veldtoets"],
        "wordt niet overschreven",
    );
}

#[test]
fn export_onto_another_inspection_is_refused_whatever_its_name() {
    let dir = two_inspections();
    refused(
        &dir,
        &["export", "a.veldtoets", "--pdf", "b.veldtoets"],
        &["b.veldtoets"],
        "is een onderzoeksbestand",
    );
    refused(
        &dir,
        &["export", "a.veldtoets", "--json", "b.veldtoets"],
        &["b.veldtoets"],
        "is een onderzoeksbestand",
    );
    // An inspection named like a rapport is still an inspection.
    std::fs::copy(dir.join("b.veldtoets"), dir.join("rapport.pdf")).unwrap();
    refused(
        &dir,
        &["export", "a.veldtoets", "--pdf", "rapport.pdf"],
        &["rapport.pdf"],
        "is een onderzoeksbestand",
    );
    // A backup made before a migration is an inspection too.
    std::fs::copy(dir.join("a.veldtoets"), dir.join("a.veldtoets.v1.bak")).unwrap();
    refused(
        &dir,
        &["export", "a.veldtoets", "--json", "a.veldtoets.v1.bak"],
        &["a.veldtoets.v1.bak"],
        "is een onderzoeksbestand",
    );
}

#[cfg(unix)]
#[test]
fn export_onto_a_link_to_the_inspection_is_refused() {
    let dir = two_inspections();
    std::fs::hard_link(dir.join("a.veldtoets"), dir.join("hard.json")).unwrap();
    std::os::unix::fs::symlink(dir.join("a.veldtoets"), dir.join("zacht.pdf")).unwrap();
    refused(
        &dir,
        &["export", "a.veldtoets", "--json", "hard.json"],
        &["hard.json", "a.veldtoets"],
        "hetzelfde bestand",
    );
    refused(
        &dir,
        &["export", "a.veldtoets", "--pdf", "zacht.pdf"],
        &["zacht.pdf", "a.veldtoets"],
        "hetzelfde bestand",
    );
}

#[test]
fn export_onto_a_side_file_is_refused() {
    let dir = two_inspections();
    for side in ["a.veldtoets-wal", "a.veldtoets-shm", "a.veldtoets-journal"] {
        refused(
            &dir,
            &["export", "a.veldtoets", "--pdf", side],
            &[side, "a.veldtoets"],
            "hulpbestand",
        );
    }
    // The side file of another inspection, while that one is open (its -wal exists).
    let held = veldtoets::store::Store::open(&dir.join("b.veldtoets")).unwrap();
    assert!(
        dir.exists("b.veldtoets-wal"),
        "an open file has a -wal file"
    );
    refused(
        &dir,
        &["export", "a.veldtoets", "--json", "b.veldtoets-wal"],
        &["b.veldtoets-wal"],
        "hulpbestand",
    );
    // And the file itself while it is open in "another veldtoets".
    refused(
        &dir,
        &["export", "a.veldtoets", "--pdf", "b.veldtoets"],
        &["b.veldtoets"],
        "is een onderzoeksbestand",
    );
    drop(held);
}

#[test]
fn overzicht_with_the_output_name_forgotten_is_refused() {
    let dir = two_inspections();
    // `--json` takes a.veldtoets as its output: it must not be overwritten.
    refused(
        &dir,
        &["overzicht", "--json", "a.veldtoets", "b.veldtoets"],
        &["a.veldtoets"],
        "is een onderzoeksbestand",
    );
    refused(
        &dir,
        &["overzicht", "--pdf", "a.veldtoets", "b.veldtoets"],
        &["a.veldtoets"],
        "is een onderzoeksbestand",
    );
    refused(
        &dir,
        &[
            "overzicht",
            "--json",
            "b.veldtoets",
            "a.veldtoets",
            "b.veldtoets",
        ],
        &["b.veldtoets"],
        "wordt niet overschreven",
    );
    // The same output named twice.
    refused(
        &dir,
        &["overzicht", "--json", "o", "--pdf", "o", "a.veldtoets"],
        &["'o'"],
        "hetzelfde bestand",
    );
}

#[test]
fn a_directory_is_refused_as_output() {
    let dir = two_inspections();
    dir.mkdir("uitvoer");
    refused(
        &dir,
        &["export", "a.veldtoets", "--pdf", "uitvoer"],
        &["uitvoer"],
        "is een map",
    );
    refused(
        &dir,
        &["export", "a.veldtoets", "--json", "uitvoer/"],
        &["uitvoer"],
        "is een map",
    );
    refused(
        &dir,
        &["overzicht", "--pdf", ".", "a.veldtoets"],
        &["'.'"],
        "is een map",
    );
    refused(
        &dir,
        &["export", "a.veldtoets", "--pdf", "bestaat-niet/rapport.pdf"],
        &["bestaat-niet"],
        "bestaat niet",
    );
}

#[test]
fn merge_into_one_of_its_sources_is_refused() {
    let dir = two_inspections();
    dir.run(["merge", "--into", "team.veldtoets", "a.veldtoets"])
        .success();
    refused(
        &dir,
        &["merge", "--into", "team.veldtoets", "team.veldtoets"],
        &["team.veldtoets"],
        "zowel het doel als een bron",
    );
    refused(
        &dir,
        &[
            "merge",
            "--into",
            "team.veldtoets",
            "a.veldtoets",
            "./team.veldtoets",
        ],
        &["team.veldtoets"],
        "zowel het doel als een bron",
    );
    #[cfg(unix)]
    {
        std::fs::hard_link(dir.join("team.veldtoets"), dir.join("link.veldtoets")).unwrap();
        refused(
            &dir,
            &["merge", "--into", "team.veldtoets", "link.veldtoets"],
            &["link.veldtoets"],
            "zowel het doel als een bron",
        );
        std::fs::remove_file(dir.join("link.veldtoets")).unwrap();
    }
    // Into a side file of a source (which does not exist yet).
    refused(
        &dir,
        &["merge", "--into", "a.veldtoets-wal", "a.veldtoets"],
        &["a.veldtoets-wal"],
        "hulpbestand",
    );
    // Into something that is not an inspection.
    dir.write("notities.txt", "mijn aantekeningen\n".repeat(20));
    refused(
        &dir,
        &["merge", "--into", "notities.txt", "a.veldtoets"],
        &["notities.txt"],
        "geen veldtoets-bestand",
    );
}

#[test]
fn ordinary_outputs_are_still_written_and_replaced() {
    let dir = two_inspections();
    dir.write("rapport.pdf", "een oud rapport");
    dir.run(["export", "a.veldtoets", "--pdf", "rapport.pdf"])
        .success();
    assert!(dir.read_bytes("rapport.pdf").starts_with(b"%PDF"));
    dir.run(["export", "a.veldtoets", "--json", "uit.json"])
        .success();
    dir.run([
        "overzicht",
        "--json",
        "o.json",
        "a.veldtoets",
        "b.veldtoets",
    ])
    .success();
    dir.run(["export", "a.veldtoets", "--json", "-"])
        .success()
        .json();
    let names: Vec<String> = snapshot(dir.path()).into_keys().collect();
    assert_eq!(
        names,
        [
            "a.veldtoets",
            "b.veldtoets",
            "o.json",
            "rapport.pdf",
            "uit.json"
        ],
        "no temporary file is left"
    );
}
