//! Scoring 10,000 judgement sets with the stap 2 beslisregels.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use veldtoets::domain::{Judgement, JudgementSet, score};
use veldtoets::kader_io;

/// 10,000 varied, deterministic judgement sets (a small LCG; no RNG dependency needed).
fn sets(framework: &veldtoets::domain::Framework) -> Vec<JudgementSet> {
    let mut state: u64 = 0x5eed;
    let mut next = move || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) as usize
    };
    (0..10_000)
        .map(|_| {
            let mut set = JudgementSet::empty(framework);
            for i in 0..framework.expectations().len() {
                let variants: Vec<usize> = framework.variants_of(i).map(|(v, _)| v).collect();
                let judgement = match next() % 10 {
                    0 | 1 => Judgement::NotMet {
                        variant: (!variants.is_empty()).then(|| variants[next() % variants.len()]),
                    },
                    2 => Judgement::NotJudged,
                    _ => Judgement::Met,
                };
                set.set(i, judgement);
            }
            set
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    for id in ["vt-2016-stap2", "vt-2015-stap1"] {
        let framework = kader_io::builtin(id).expect("built-in kader");
        let sets = sets(framework);
        c.bench_function(&format!("score 10,000 judgement sets ({id})"), |b| {
            b.iter(|| {
                for set in &sets {
                    black_box(score(framework, black_box(set)));
                }
            })
        });
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
