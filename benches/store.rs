//! Storage benchmarks (a bench binary, not criterion, to report percentiles):
//! - a single-edit commit (p50/p99) while the file holds 200 dossiers and 5,000 notes;
//! - opening such a file (probe, lock, load everything into memory);
//! - a keystroke's draft reaching the disk (p50/p99): the store write alone, and end to end
//!   through the app's workspace and store thread (keystroke → confirmed durable), with the
//!   time the UI thread spends per keystroke;
//! - encrypted against plain (issue 14), in the same run on two files of the same size: open
//!   time (interleaved, so both see the same machine load) and single-edit commit percentiles.
//!   Targets: encrypted commit p99 < 1 ms, encrypted open ≤ 1.5× plain. The open is not met by
//!   design: SQLCipher's key derivation alone takes ~0.15 s (see ARCHITECTURE.md, the decision on
//!   the key derivation); the bench also prints the ratio without it.
//!
//! Run with `cargo bench --bench store`.

mod support;

use std::path::Path;
use std::time::{Duration, Instant};

use std::sync::Arc;
use veldtoets::domain::inspection::{OordeelData, Record, Stamp};

use veldtoets::store::{Passphrase, Store};
use veldtoets::ui::worker::StoreHandle;
use veldtoets::ui::workspace::{DraftTarget, Workspace};

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

fn report(name: &str, mut samples: Vec<Duration>) {
    samples.sort();
    println!(
        "{name}: n={} p50={:?} p90={:?} p99={:?} max={:?}",
        samples.len(),
        percentile(&samples, 0.50),
        percentile(&samples, 0.90),
        percentile(&samples, 0.99),
        samples[samples.len() - 1]
    );
}

/// The samples' p50 and p99.
fn p50_p99(mut samples: Vec<Duration>) -> (Duration, Duration) {
    samples.sort();
    (percentile(&samples, 0.50), percentile(&samples, 0.99))
}

/// `edits` single-oordeel commits on an open store, each timed alone.
fn commits(
    store: &mut Store,
    inspection: &mut veldtoets::domain::inspection::Inspection,
    edits: usize,
) -> Vec<Duration> {
    let author = *inspection.inspectors.keys().next().unwrap();
    let ids: Vec<String> = inspection
        .framework
        .expectations()
        .iter()
        .map(|e| e.expectation.id.clone())
        .collect();
    let mut times = Vec::with_capacity(edits);
    for n in 0..edits {
        let id = &ids[n % ids.len()];
        let data = OordeelData::parse(
            &inspection.framework,
            id,
            if n % 2 == 0 {
                "voldoende"
            } else {
                "onvoldoende"
            },
            format!("Onderbouwing versie {n}: bevindingen uit interviews en dossiers."),
        )
        .unwrap();
        let change = inspection.change(id, Record::Oordeel(data), author, Stamp::now());
        let t = Instant::now();
        store.append(&change).unwrap();
        times.push(t.elapsed());
        inspection.apply(change);
    }
    times
}

/// Encrypted against plain on two files built alike: open time, interleaved, and commit
/// percentiles, alternating blocks of commits so both files see the same load.
fn encrypted_against_plain(dir: &Path, quick: bool) {
    let passphrase = Passphrase::new("correct paard batterij nietje".into()).unwrap();
    let plain = dir.join("groot-gewoon.veldtoets");
    let encrypted = dir.join("groot-versleuteld.veldtoets");
    support::large_inspection(&plain, 40, 200, 5000);
    support::large_inspection_with(&encrypted, 40, 200, 5000, Some(&passphrase));
    println!(
        "encrypted vs plain: files of {} KiB (plain) and {} KiB (encrypted)",
        std::fs::metadata(&plain).unwrap().len() / 1024,
        std::fs::metadata(&encrypted).unwrap().len() / 1024
    );
    let runs = if quick { 3 } else { 30 };
    let (mut plain_opens, mut encrypted_opens) = (Vec::new(), Vec::new());
    for _ in 0..runs {
        let t = Instant::now();
        drop(Store::open(&plain).unwrap());
        plain_opens.push(t.elapsed());
        let t = Instant::now();
        drop(Store::open_with(&encrypted, Some(&passphrase)).unwrap());
        encrypted_opens.push(t.elapsed());
    }
    let (plain_open, _) = p50_p99(plain_opens.clone());
    let (encrypted_open, _) = p50_p99(encrypted_opens.clone());
    report("open, plain (probe + lock + load)", plain_opens);
    report(
        "open, encrypted (probe + key + lock + load)",
        encrypted_opens,
    );
    println!(
        "open, encrypted / plain (p50): {:.2}× (target ≤ 1.5×; not met by design: the key derivation, see ARCHITECTURE.md)",
        encrypted_open.as_secs_f64() / plain_open.as_secs_f64()
    );

    // The fixed cost of an encrypted open is SQLCipher's key derivation (PBKDF2-HMAC-SHA512,
    // 256,000 iterations, once per connection): measured as the difference between opening a
    // new, nearly empty encrypted file and a plain one.
    let small_plain = dir.join("klein-gewoon.veldtoets");
    let small_encrypted = dir.join("klein-versleuteld.veldtoets");
    support::large_inspection(&small_plain, 0, 0, 0);
    support::large_inspection_with(&small_encrypted, 0, 0, 0, Some(&passphrase));
    let (mut small_plain_opens, mut small_encrypted_opens) = (Vec::new(), Vec::new());
    for _ in 0..runs {
        let t = Instant::now();
        drop(Store::open(&small_plain).unwrap());
        small_plain_opens.push(t.elapsed());
        let t = Instant::now();
        drop(Store::open_with(&small_encrypted, Some(&passphrase)).unwrap());
        small_encrypted_opens.push(t.elapsed());
    }
    let (small_plain_open, _) = p50_p99(small_plain_opens);
    let (small_encrypted_open, _) = p50_p99(small_encrypted_opens);
    let derivation = small_encrypted_open.saturating_sub(small_plain_open);
    println!(
        "open of a new file (p50): plain {small_plain_open:?}, encrypted {small_encrypted_open:?}: key derivation ≈ {derivation:?}"
    );
    println!(
        "open, encrypted without the key derivation / plain (p50): {:.2}×",
        encrypted_open.saturating_sub(derivation).as_secs_f64() / plain_open.as_secs_f64()
    );

    let (mut plain_store, mut plain_inspection, _) = Store::open(&plain).unwrap();
    let (mut encrypted_store, mut encrypted_inspection, _) =
        Store::open_with(&encrypted, Some(&passphrase)).unwrap();
    let (blocks, per_block) = if quick { (2, 25) } else { (20, 250) };
    let (mut plain_commits, mut encrypted_commits) = (Vec::new(), Vec::new());
    for _ in 0..blocks {
        plain_commits.extend(commits(&mut plain_store, &mut plain_inspection, per_block));
        encrypted_commits.extend(commits(
            &mut encrypted_store,
            &mut encrypted_inspection,
            per_block,
        ));
    }
    let (_, encrypted_p99) = p50_p99(encrypted_commits.clone());
    report("single-edit commit, plain", plain_commits);
    report("single-edit commit, encrypted", encrypted_commits);
    println!("single-edit commit, encrypted p99: {encrypted_p99:?} (target < 1 ms)");
}

fn main() {
    // `cargo test --benches` runs bench binaries with `--bench`-less args; keep that quick.
    let quick = !std::env::args().any(|a| a == "--bench");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("groot.veldtoets");
    let built = Instant::now();
    let revisions = support::large_inspection(&path, 40, 200, 5000);
    println!(
        "file: 40 interviews, 200 dossiers, 5,000 notes = {revisions} revisions, {} KiB, built in {:?}",
        std::fs::metadata(&path).unwrap().len() / 1024,
        built.elapsed()
    );

    let runs = if quick { 3 } else { 30 };
    let mut opens = Vec::new();
    for _ in 0..runs {
        let t = Instant::now();
        let opened = Store::open(&path).unwrap();
        opens.push(t.elapsed());
        drop(opened);
    }
    report("open (probe + lock + load)", opens);

    let (mut store, mut inspection, _) = Store::open(&path).unwrap();
    let author = *inspection.inspectors.keys().next().unwrap();
    let ids: Vec<String> = inspection
        .framework
        .expectations()
        .iter()
        .map(|e| e.expectation.id.clone())
        .collect();
    let edits = if quick { 50 } else { 5000 };
    let mut commits = Vec::with_capacity(edits);
    for n in 0..edits {
        let id = &ids[n % ids.len()];
        let data = OordeelData::parse(
            &inspection.framework,
            id,
            if n % 2 == 0 {
                "voldoende"
            } else {
                "onvoldoende"
            },
            format!("Onderbouwing versie {n}: bevindingen uit interviews en dossiers."),
        )
        .unwrap();
        let change = inspection.change(id, Record::Oordeel(data), author, Stamp::now());
        let t = Instant::now();
        store.append(&change).unwrap();
        commits.push(t.elapsed());
        inspection.apply(change);
    }
    report("single-edit commit (synchronous=FULL, WAL)", commits);

    drop(store);

    // A draft write, as the store thread does it for each persisted keystroke.
    let (mut store, inspection, _) = Store::open(&path).unwrap();
    let keys = if quick { 50 } else { 5000 };
    let mut text = String::new();
    let mut writes = Vec::with_capacity(keys);
    for n in 0..keys {
        text.push(char::from(b'a' + (n % 26) as u8));
        let t = Instant::now();
        store
            .save_draft("onderbouwing/1.1.1", &text, author, jiff::Timestamp::now())
            .unwrap();
        writes.push(t.elapsed());
    }
    report(
        "draft write (one keystroke's text, synchronous=FULL)",
        writes,
    );
    drop(store);
    drop(inspection);

    // End to end: the workspace persists the draft (throttled per field), the store thread
    // writes it; measured from the keystroke to the confirmation that it is on disk.
    let (store, inspection, _) = Store::open(&path).unwrap();
    let handle = StoreHandle::start(store, path.clone(), Arc::new(NoWaker));
    let mut ws = Workspace::new(inspection, handle, "E. Voorbeeld", path.clone());
    let mut durable = Vec::new();
    let mut ui_side = Vec::new();
    let rounds = if quick { 5 } else { 200 };
    for n in 0..rounds {
        // A different field each round, so every keystroke is persisted at once (the 250 ms
        // throttle applies per field).
        let target = DraftTarget::Onderbouwing(ids[n % ids.len()].clone());
        let t = Instant::now();
        ws.draft_text(&target).push('x');
        ws.touch_draft(&target);
        ui_side.push(t.elapsed());
        // What the app's frame loop does: persist what is due, collect confirmations.
        while !ws.drafts_durable() {
            ws.persist_drafts(Instant::now());
            ws.store.poll();
            std::thread::yield_now();
        }
        durable.push(t.elapsed());
        if n % ids.len() == ids.len() - 1 {
            ws.commit_all_drafts();
        }
    }
    report(
        "keystroke → draft durable (workspace + store thread)",
        durable,
    );
    report("UI thread per keystroke (draft + send)", ui_side);
    drop(ws);

    encrypted_against_plain(dir.path(), quick);
}

struct NoWaker;

impl veldtoets::ui::worker::Waker for NoWaker {
    fn wake(&self) {}
}
