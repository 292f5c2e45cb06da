//! Merge benchmark (a bench binary, not criterion: one merge of 100,000 records takes long enough
//! to time directly, and the phases are reported from the progress callback).
//!
//! Ten copies of one onderzoek each get N new records (dossiers with every checklist item
//! answered, plus a new version of every oordeel, so the result has conflicts too); then the ten
//! files are merged into a new target, and again into an existing one. N = 1,000, 5,000 and
//! 10,000 per file shows that the time grows linearly with the number of records (the time per
//! record stays flat). Target: ten files of 10,000 records in under a second.
//!
//! Run with `cargo bench --bench merge`.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use uuid::Uuid;
use veldtoets::domain::inspection::{
    Change, CheckAnswer, CheckData, DossierData, OordeelData, Record, Stamp,
};
use veldtoets::domain::termijn::{CaseDates, DateKind};
use veldtoets::kader_io;
use veldtoets::store::{self, MergeProgress, Store};

const FILES: usize = 10;

/// Creates the shared starting file: the onderzoek every inspector got a copy of.
fn base(path: &Path) {
    let framework = kader_io::builtin("vt-2016-stap2").unwrap();
    Store::create(
        path,
        framework,
        "Veilig Thuis Groot",
        "E. Voorbeeld",
        Stamp::now(),
    )
    .unwrap();
}

/// Adds `records` new revisions to the copy at `path` as inspecteur `who`, in one transaction.
fn fieldwork(path: &Path, who: &str, records: usize) -> usize {
    let (mut store, mut inspection, _) = Store::open(path).unwrap();
    let author = inspection.add_inspector(who);
    store.add_inspector(author, who).unwrap();
    let fw = inspection.framework.clone();
    let mut changes: Vec<Change> = Vec::with_capacity(records);
    // A new version of every oordeel (30 records): every file disagrees with every other.
    for e in fw.expectations() {
        if changes.len() >= records || !e.expectation.assessment.is_scored() {
            continue;
        }
        let id = &e.expectation.id;
        let data = OordeelData::parse(
            &fw,
            id,
            "onvoldoende",
            format!("{who}: bevindingen uit interviews en dossiers."),
        )
        .unwrap();
        changes.push(inspection.change(id, Record::Oordeel(data), author, Stamp::now()));
    }
    let date = |s: &str| Some(s.parse().unwrap());
    let mut n = 0;
    while changes.len() < records {
        n += 1;
        let dossier = Uuid::now_v7().to_string();
        changes.push(
            inspection.change(
                &dossier,
                Record::Dossier(DossierData {
                    nummer: format!("VTG-{who}-{n:05}"),
                    selectie: Default::default(),
                    dates: CaseDates::default()
                        .with(DateKind::MELDING_ONTVANGEN, date("2026-05-04"))
                        .with(DateKind::TRIAGEBESLUIT, date("2026-05-07"))
                        .with(DateKind::START_ONDERZOEK, date("2026-05-08"))
                        .with(DateKind::AFRONDING_ONDERZOEK, date("2026-07-01"))
                        .with(DateKind::VERVOLGTRAJECT_INGEZET, None),
                    notitie: "Melding van school; gezin bekend bij wijkteam.".into(),
                }),
                author,
                Stamp::now(),
            ),
        );
        for q in &fw.sources.checklist {
            if changes.len() >= records {
                break;
            }
            changes.push(inspection.change(
                &inspection.check_id(&dossier, &q.id),
                Record::Check(CheckData {
                    dossier: dossier.clone(),
                    vraag: q.id.clone(),
                    antwoord: CheckAnswer::Ja,
                    notitie: "Vastgelegd in het dossier, met datum en handtekening.".into(),
                }),
                author,
                Stamp::now(),
            ));
        }
    }
    store.append_all(&changes).unwrap();
    changes.len()
}

/// CPU time of this thread so far (Linux), to report figures that do not depend on how busy the
/// machine is; the merge runs on the calling thread.
fn cpu_time() -> Option<Duration> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let nanos: u64 = text.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(nanos))
}

/// A merge's wall-clock time, its CPU time, and the wall-clock time of its phases (from the
/// progress reports).
struct Timing {
    wall: Duration,
    cpu: Option<Duration>,
    phases: Vec<(&'static str, Duration)>,
}

/// Times one merge.
fn timed_merge(target: &Path, sources: &[&Path]) -> Timing {
    let cpu_start = cpu_time();
    let start = Instant::now();
    let mut marks: Vec<(&'static str, Instant)> = Vec::new();
    let outcome = store::merge(target, sources, &mut |p| {
        let name = match p {
            MergeProgress::Checking { .. } => "controleren",
            MergeProgress::Creating { .. } => "kopiëren",
            MergeProgress::Reading { .. } => "lezen",
            MergeProgress::Writing => "schrijven",
            MergeProgress::Loading => "laden",
        };
        if marks.last().is_none_or(|(last, _)| *last != name) {
            marks.push((name, Instant::now()));
        }
    })
    .unwrap();
    let wall = start.elapsed();
    let cpu = cpu_time().zip(cpu_start).map(|(end, start)| end - start);
    let end = Instant::now();
    let phases = marks
        .iter()
        .enumerate()
        .map(|(i, (name, at))| {
            let next = marks.get(i + 1).map_or(end, |(_, t)| *t);
            (*name, next - *at)
        })
        .collect();
    std::hint::black_box(outcome);
    Timing { wall, cpu, phases }
}

fn remove(path: &Path) {
    let _ = std::fs::remove_file(path);
}

fn main() {
    // `cargo test --benches` runs bench binaries without `--bench`; keep that quick.
    let quick = !std::env::args().any(|a| a == "--bench");
    // VELDTOETS_BENCH_SIZES=10000 runs only that size.
    let chosen: Vec<usize> = std::env::var("VELDTOETS_BENCH_SIZES")
        .map(|v| v.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_default();
    let sizes: &[usize] = if !chosen.is_empty() {
        &chosen
    } else if quick {
        &[200]
    } else {
        &[1_000, 5_000, 10_000]
    };
    let runs = if quick { 1 } else { 5 };
    println!("merge: {FILES} copies of one onderzoek, each with N new records");
    for &size in sizes {
        let dir = tempfile::tempdir().unwrap();
        let basis = dir.path().join("basis.veldtoets");
        base(&basis);
        let mut sources: Vec<PathBuf> = Vec::new();
        let mut records = 0;
        for i in 0..FILES {
            let path = dir.path().join(format!("inspecteur{i}.veldtoets"));
            std::fs::copy(&basis, &path).unwrap();
            records += fieldwork(&path, &format!("Inspecteur {i}"), size);
            sources.push(path);
        }
        let refs: Vec<&Path> = sources.iter().map(PathBuf::as_path).collect();
        let bytes: u64 = sources
            .iter()
            .map(|p| std::fs::metadata(p).unwrap().len())
            .sum();

        let target = dir.path().join("team.veldtoets");
        let mut new_times = Vec::new();
        let mut new_cpu = Vec::new();
        let mut phases = Vec::new();
        for _ in 0..runs {
            remove(&target);
            let t = timed_merge(&target, &refs);
            new_times.push(t.wall);
            new_cpu.extend(t.cpu);
            phases = t.phases;
        }
        let mut existing_times = Vec::new();
        let mut existing_cpu = Vec::new();
        for _ in 0..runs {
            remove(&target);
            std::fs::copy(&basis, &target).unwrap();
            let t = timed_merge(&target, &refs);
            existing_times.push(t.wall);
            existing_cpu.extend(t.cpu);
        }
        let (_, merged, _) = Store::open(&target).unwrap();
        let conflicts = merged.conflicts().len();
        for v in [
            &mut new_times,
            &mut existing_times,
            &mut new_cpu,
            &mut existing_cpu,
        ] {
            v.sort();
        }
        let median = |v: &[Duration]| v[v.len() / 2];
        let cpu = |v: &[Duration]| {
            if v.is_empty() {
                "n/a".to_string()
            } else {
                format!("{:.1?}", median(v))
            }
        };
        let per_record = |d: Duration| d.as_secs_f64() * 1e6 / records as f64;
        println!(
            "N={size:>6}: {records:>6} records in {FILES} files ({} KiB), result {} revisions, {conflicts} conflicts",
            bytes / 1024,
            merged.revision_count()
        );
        println!(
            "  into a new target:       median {:>8.1?} ({:.2} µs/record), min {:.1?}, max {:.1?}; CPU time median {}",
            median(&new_times),
            per_record(median(&new_times)),
            new_times[0],
            new_times[new_times.len() - 1],
            cpu(&new_cpu)
        );
        println!(
            "  into an existing target: median {:>8.1?} ({:.2} µs/record), min {:.1?}; CPU time median {}",
            median(&existing_times),
            per_record(median(&existing_times)),
            existing_times[0],
            cpu(&existing_cpu)
        );
        let phases: Vec<String> = phases
            .iter()
            .map(|(name, d)| format!("{name} {d:.1?}"))
            .collect();
        println!("  phases (new target, last run): {}", phases.join(", "));
    }
}
