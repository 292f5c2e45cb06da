//! The schalen of the beslisregels: bands contiguous from 0, open-ended, monotone, and no other
//! scale anywhere better than the standard one.

use std::collections::BTreeSet;
use std::ops::Range;

use crate::domain::kader::{Band, MAX_BAND_LIMIT, Measure, Scale};

use super::super::dto::SchaalDto;
use super::Validator;

impl Validator<'_> {
    pub(super) fn scale(
        &mut self,
        s: &SchaalDto,
        field: &str,
        measure: Option<Measure>,
    ) -> Option<Scale> {
        let mut bands = Vec::new();
        // Where the next band must start; unknown after a band with an out-of-range limit.
        let mut expected_from = Some(0u32);
        let mut ok = true;
        if s.band.is_empty() {
            self.problem(
                Some(s.id.span()),
                field,
                format!("schaal '{}' heeft geen banden", s.id.get_ref()),
            );
            return None;
        }
        for (bi, spanned) in s.band.iter().enumerate() {
            let b = spanned.get_ref();
            let bfield = format!("{field}.band[{}]", bi + 1);
            let span = Some(spanned.span());
            let limit = "een grens van een band";
            let van = self.number(&b.van, &format!("{bfield}.van"), limit, MAX_BAND_LIMIT);
            let tot = match &b.tot {
                None => Some(None),
                Some(t) => self
                    .number(t, &format!("{bfield}.tot"), limit, MAX_BAND_LIMIT)
                    .map(Some),
            };
            let (Some(van), Some(tot)) = (van, tot) else {
                // Reported; the rest of the scale is not checked against a limit out of range.
                ok = false;
                expected_from = None;
                self.verdict(&b.eindoordeel, &format!("{bfield}.eindoordeel"));
                continue;
            };
            if let Some(expected) = expected_from
                && van != expected
            {
                ok = false;
                let message = if van > expected {
                    format!(
                        "gat in de schaal: {} tot en met {} valt in geen enkele band",
                        expected,
                        van - 1
                    )
                } else {
                    format!(
                        "overlap in de schaal: band begint bij {van} maar {van} valt al in de vorige band"
                    )
                };
                self.problem(span.clone(), format!("{bfield}.van"), message);
            }
            let last = bi + 1 == s.band.len();
            match (tot, last) {
                (Some(tot), _) if tot < van => {
                    ok = false;
                    self.problem(
                        span.clone(),
                        format!("{bfield}.tot"),
                        format!("tot ({tot}) ligt vóór van ({van})"),
                    );
                }
                (Some(_), true) => {
                    ok = false;
                    self.problem(
                        span.clone(),
                        format!("{bfield}.tot"),
                        "de laatste band is open naar boven: laat 'tot' weg".to_string(),
                    );
                }
                (None, false) => {
                    ok = false;
                    self.problem(
                        span.clone(),
                        format!("{bfield}.tot"),
                        "alleen de laatste band mag zonder 'tot'".to_string(),
                    );
                }
                _ => {}
            }
            // Bounded by MAX_BAND_LIMIT, so `t + 1` cannot overflow.
            expected_from = match tot {
                Some(t) => Some(t + 1),
                None => expected_from,
            };
            let Some(verdict) = self.verdict(&b.eindoordeel, &format!("{bfield}.eindoordeel"))
            else {
                ok = false;
                continue;
            };
            if let (Some(previous), Some(measure)) = (bands.last(), measure) {
                let previous: &Band = previous;
                let worse = match measure {
                    Measure::Deductions => verdict < previous.verdict,
                    Measure::MetCount => verdict > previous.verdict,
                    // No schalen under keuze (refused before they are read).
                    Measure::Choice => false,
                };
                if worse {
                    ok = false;
                    self.problem(
                        span.clone(),
                        format!("{bfield}.eindoordeel"),
                        format!(
                            "een slechter resultaat geeft hier een beter eindoordeel ({} na {})",
                            verdict, previous.verdict
                        ),
                    );
                }
            }
            bands.push(Band {
                from: van,
                to: tot,
                verdict,
                rule: b.regel.clone(),
            });
        }
        ok.then(|| Scale {
            id: s.id.get_ref().clone(),
            name: s.naam.clone(),
            bands,
        })
    }

    /// Every other scale must be nowhere better than the default one; otherwise a variant could
    /// make failing a verwachting improve the eindoordeel.
    pub(super) fn scales_never_better(
        &mut self,
        scales: &[Scale],
        spans: &[Range<usize>],
        default: usize,
        measure: Measure,
    ) {
        // Both scales are step functions, constant between band starts: comparing them at every
        // band start of either scale compares them everywhere.
        let breakpoints: BTreeSet<u32> = scales
            .iter()
            .flat_map(|s| &s.bands)
            .flat_map(|b| [Some(b.from), b.to.and_then(|t| t.checked_add(1))])
            .flatten()
            .collect();
        for (i, scale) in scales.iter().enumerate() {
            if i == default {
                continue;
            }
            if let Some(value) = breakpoints
                .iter()
                .find(|&&v| scale.band(v).verdict < scales[default].band(v).verdict)
            {
                let what = match measure {
                    Measure::Deductions => "aftrekpunten",
                    Measure::MetCount | Measure::Choice => "verwachtingen voldoende",
                };
                self.problem(
                    spans.get(i).cloned(),
                    format!("beslisregels.schaal[{}]", i + 1),
                    format!(
                        "schaal '{}' geeft bij {value} {what} een beter eindoordeel dan de standaardschaal '{}'",
                        scale.id, scales[default].id
                    ),
                );
            }
        }
    }
}
