//! Storage benchmarks (a bench binary, not criterion, to report percentiles):
//! - a single-edit commit (p50/p99) while the file holds 200 dossiers and 5,000 notes;
//! - opening such a file (probe, lock, load everything into memory);
//! - a keystroke's draft reaching the disk (p50/p99): the store write alone, and end to end
//!   through the app's workspace and store thread (keystroke → confirmed durable), with the
//!   time the UI thread spends per keystroke.
//!
//! Run with `cargo bench --bench store`.

mod support;

use std::time::{Duration, Instant};

use std::sync::Arc;
use veldtoets::domain::inspection::{OordeelData, Record, Stamp};

use veldtoets::store::Store;
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
}

struct NoWaker;

impl veldtoets::ui::worker::Waker for NoWaker {
    fn wake(&self) {}
}
