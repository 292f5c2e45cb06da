//! Making a long (~40-page) rapport: the demo inspection with long onderbouwingen, built in
//! memory by appending a revision per verwachting. Target: the whole PDF in under 200 ms.
//!
//! The rapport is a tagged PDF (PDF/UA-1, issue 17); "render pdf untagged (long)" renders the
//! same model without the structure tree and marked content, so the two figures give the cost
//! of tagging. The sizes and pages of both are printed first.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use jiff::Timestamp;
use jiff::civil::date;
use uuid::Uuid;
use veldtoets::domain::inspection::{Inspection, OordeelData, Record, Stamp};
use veldtoets::report::{self, ReportOptions};

/// The demo inspection with every onderbouwing made about five times as long (~40 pages).
fn long_inspection() -> Inspection {
    let dir = tempfile::tempdir().expect("temp dir");
    let (_store, mut inspection) =
        veldtoets::demo::create(&dir.path().join("demo.veldtoets")).expect("demo");
    let author = inspection.add_inspector("E. Voorbeeld");
    let fw = inspection.framework.clone();
    let extra = "Tijdens het dossieronderzoek zagen de inspecteurs dat de afspraken uit het \
        veiligheidsplan in de meeste dossiers concreet zijn, maar dat niet altijd is vastgelegd \
        wie toeziet op de naleving ervan en wanneer de veiligheid opnieuw wordt beoordeeld. In de \
        gesprekken bevestigden medewerkers en leidinggevenden dit beeld; zij noemden de \
        werkdruk in het regioteam Zuid en de wisselingen in de bezetting als belangrijkste \
        oorzaken.";
    for (i, e) in fw.expectations().iter().enumerate() {
        let id = &e.expectation.id;
        let current = inspection
            .oordeel(id)
            .expect("the demo judges every verwachting");
        let text = format!(
            "{}\n\n{extra}\n\n{}\n\n{extra} {extra}\n\n{extra} {extra}",
            current.data.onderbouwing, current.data.onderbouwing
        );
        let data = OordeelData {
            onderbouwing: text,
            ..current.data.clone()
        };
        let change = inspection.change(
            id,
            Record::Oordeel(data),
            author,
            Stamp {
                rev: Uuid::now_v7(),
                at: Timestamp::from_second(1_800_000_000 + i as i64).expect("time"),
            },
        );
        inspection.apply(change);
    }
    inspection
}

fn bench(c: &mut Criterion) {
    let inspection = long_inspection();
    let options = ReportOptions::new(true, date(2026, 10, 20));
    let model = report::build(&inspection, &options);
    let pages_of = |bytes: &[u8]| {
        lopdf::Document::load_mem(bytes)
            .map(|d| d.get_pages().len())
            .unwrap_or(0)
    };
    let tagged = report::render_pdf(&model).expect("a PDF");
    let untagged = report::render_pdf_untagged(&model).expect("a PDF");
    eprintln!(
        "long rapport: {} pages, tagged {} bytes, untagged {} bytes ({} pages)",
        pages_of(&tagged),
        tagged.len(),
        untagged.len(),
        pages_of(&untagged)
    );

    let mut group = c.benchmark_group("report");
    group.sample_size(20);
    group.bench_function("build model (long)", |b| {
        b.iter(|| report::build(black_box(&inspection), &options))
    });
    group.bench_function("render pdf (long)", |b| {
        b.iter(|| report::render_pdf(black_box(&model)).expect("a PDF"))
    });
    group.bench_function("render pdf untagged (long)", |b| {
        b.iter(|| report::render_pdf_untagged(black_box(&model)).expect("a PDF"))
    });
    group.bench_function("pdf end to end (long)", |b| {
        b.iter(|| report::pdf(black_box(&inspection), &options).expect("a PDF"))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
