//! The steekproef (issue 13 item 7; seed 000: dossiers "deels willekeurig geselecteerd"): from
//! the organisation's list of dossier numbers (the frame) a random sample of a chosen size,
//! reproducible from its seed. The draw is recorded (seed, frame size, the numbers drawn) so
//! Bijlage 2 can say "12 dossiers, willekeurig getrokken uit 340" and anyone can redo it.
//!
//! Pure: the seed comes in (the CLI or app picks one and shows it). The generator is SplitMix64,
//! fixed here so a seed gives the same sample on every machine and in every later version; the
//! sample is the first `n` of a Fisher–Yates shuffle, every subset of size `n` equally likely.

use std::collections::BTreeSet;

use uuid::Uuid;

use super::inspection::{DossierData, Inspection, Selection, Stamp};
use super::kinds::SteekproefData;
use super::record::{Change, Kinded};
use super::wederhoor::Refused;

/// SplitMix64 (Steele, Lea and Flood, 2014): small, fast, and fully determined by its seed.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A uniform number in `0..bound` (`bound > 0`), without modulo bias (Lemire's method with
    /// rejection).
    fn below(&mut self, bound: u64) -> u64 {
        let threshold = bound.wrapping_neg() % bound;
        loop {
            let m = u128::from(self.next()) * u128::from(bound);
            if (m as u64) >= threshold {
                return (m >> 64) as u64;
            }
        }
    }
}

/// The indices into a frame of `size` numbers of a sample of `n` (all of them when `n >= size`),
/// in the order drawn.
pub fn draw(size: usize, n: usize, seed: u64) -> Vec<usize> {
    let n = n.min(size);
    let mut rng = SplitMix64(seed);
    let mut order: Vec<usize> = (0..size).collect();
    for i in 0..n {
        let j = i + rng.below((size - i) as u64) as usize;
        order.swap(i, j);
    }
    order.truncate(n);
    order
}

/// The frame as given, cleaned: numbers trimmed, blank lines dropped, each number once
/// (case-insensitively, as duplicates are found), in the order given.
pub fn frame(numbers: &[String]) -> Vec<String> {
    let mut seen = BTreeSet::new();
    numbers
        .iter()
        .map(|n| n.trim())
        .filter(|n| !n.is_empty())
        .filter(|n| seen.insert(n.to_lowercase()))
        .map(str::to_string)
        .collect()
}

/// A steekproef drawn for an onderzoek: what to write.
#[derive(Debug, Clone)]
pub struct Sample {
    /// The record of the draw, then one new willekeurig dossier per number drawn.
    pub changes: Vec<Change>,
    /// The numbers drawn, in the order drawn.
    pub drawn: Vec<String>,
    /// The frame after cleaning and leaving out the numbers already in the onderzoek.
    pub frame_size: usize,
    /// Numbers of the list that are already dossiers of this onderzoek (left out of the frame).
    pub already_there: Vec<String>,
}

/// What to draw: `size` dossiers from the list `numbers` (from `source`, a file name) with
/// `seed`.
#[derive(Debug, Clone, Copy)]
pub struct SampleRequest<'a> {
    pub numbers: &'a [String],
    pub size: usize,
    pub seed: u64,
    pub source: &'a str,
}

impl Inspection {
    /// Draws a steekproef of `request.size` dossiers from its numbers with its seed: the numbers already in
    /// the onderzoek are left out of the frame (they were selected before), the rest is drawn
    /// from and each number drawn becomes a new willekeurig dossier; the draw itself is
    /// recorded. `ids` gives the record ids (the draw's first, then one per dossier). Refused for
    /// a size of zero, more than the frame holds, or an empty frame.
    pub fn draw_sample(
        &self,
        request: SampleRequest<'_>,
        author: Uuid,
        mut stamp: impl FnMut() -> Stamp,
        mut id: impl FnMut() -> String,
    ) -> Result<Sample, Refused> {
        let SampleRequest {
            numbers,
            size: n,
            seed,
            source,
        } = request;
        let existing: BTreeSet<String> = self
            .dossiers
            .current()
            .map(|d| d.data.nummer.trim().to_lowercase())
            .collect();
        let (already_there, frame): (Vec<String>, Vec<String>) = frame(numbers)
            .into_iter()
            .partition(|n| existing.contains(&n.to_lowercase()));
        if frame.is_empty() {
            return Err(Refused(vec![if already_there.is_empty() {
                "de lijst bevat geen dossiernummers".to_string()
            } else {
                "elk nummer van de lijst is al een dossier van dit onderzoek; er valt niets te trekken"
                    .to_string()
            }]));
        }
        if n == 0 {
            return Err(Refused(vec![
                "een steekproef van 0 dossiers trekt niets; geef het aantal".to_string(),
            ]));
        }
        if n > frame.len() {
            return Err(Refused(vec![format!(
                "de lijst bevat {}; een steekproef van {n} kan niet",
                if frame.len() == 1 {
                    "1 nummer dat nog geen dossier is".to_string()
                } else {
                    format!("{} nummers die nog geen dossier zijn", frame.len())
                }
            )]));
        }
        let drawn: Vec<String> = draw(frame.len(), n, seed)
            .into_iter()
            .map(|i| frame[i].clone())
            .collect();
        let record = SteekproefData {
            zaad: seed.to_string(),
            populatie: Some(frame.len() as u32),
            aantal: Some(n as u32),
            getrokken: drawn.join("\n"),
            bron: source.trim().to_string(),
        };
        let mut changes = vec![self.change(&id(), record.into_record(), author, stamp())];
        for nummer in &drawn {
            let dossier = DossierData {
                nummer: nummer.clone(),
                selectie: Selection::Willekeurig,
                ..DossierData::default()
            };
            changes.push(self.change(&id(), dossier.into_record(), author, stamp()));
        }
        Ok(Sample {
            changes,
            drawn,
            frame_size: frame.len(),
            already_there,
        })
    }

    /// The live draws, oldest first.
    pub fn samples(&self) -> Vec<&SteekproefData> {
        let mut list: Vec<_> = SteekproefData::records(self).current().collect();
        list.sort_by_key(|r| r.meta.at);
        list.into_iter().map(|r| &r.data).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_seed_gives_the_same_sample_every_time() {
        let a = draw(340, 12, 20_261_013);
        assert_eq!(a, draw(340, 12, 20_261_013));
        assert_eq!(a.len(), 12);
        let distinct: BTreeSet<usize> = a.iter().copied().collect();
        assert_eq!(distinct.len(), 12, "no number twice");
        assert!(a.iter().all(|&i| i < 340));
        assert_ne!(a, draw(340, 12, 20_261_014), "another seed, another sample");
        // Fixed for ever: a recorded seed must redo the same draw in any later version.
        assert_eq!(draw(10, 3, 1), [5, 7, 9]);
    }

    #[test]
    fn a_sample_larger_than_the_frame_is_the_frame() {
        let mut all = draw(5, 9, 7);
        all.sort_unstable();
        assert_eq!(all, [0, 1, 2, 3, 4]);
        assert!(draw(0, 3, 7).is_empty());
    }

    /// Every number is equally likely to be drawn: over 20,000 draws of 3 from 10, each number's
    /// count stays close to 6,000 (chi-square with 9 degrees of freedom below 27.9, p = 0.001).
    #[test]
    fn every_number_is_equally_likely() {
        let (size, n, runs) = (10usize, 3usize, 20_000u64);
        let mut counts = vec![0u64; size];
        for seed in 0..runs {
            for i in draw(size, n, seed.wrapping_mul(0x2545_F491_4F6C_DD1D)) {
                counts[i] += 1;
            }
        }
        let expected = (runs * n as u64) as f64 / size as f64;
        let chi2: f64 = counts
            .iter()
            .map(|&c| (c as f64 - expected).powi(2) / expected)
            .sum();
        assert!(chi2 < 27.9, "chi² = {chi2:.1}, counts {counts:?}");
    }

    #[test]
    fn the_frame_is_cleaned() {
        let list: Vec<String> = [" A-1", "a-1", "", "B-2 ", "  ", "C-3"]
            .map(String::from)
            .to_vec();
        assert_eq!(frame(&list), ["A-1", "B-2", "C-3"]);
    }
}
