//! The privacy check before a conceptrapport leaves the inspectorate: the rapport may carry case
//! data only as counts, so text the inspectors wrote (onderbouwingen, verbeterpunten, their
//! Samenvatting and Conclusie) is scanned for what identifies a case or a
//! person — a dossier number of this onderzoek, a BSN (nine digits passing the elfproef), a phone
//! number, an e-mail address, a date of birth. Each finding is fixed by editing the text, or kept
//! explicitly with a reason (a `vrijgave` record, so the decision is in the history and merges
//! like any other).
//!
//! The scanners are deliberately narrow: dates of the visit, verwachting ids (1.3.1), kader ids
//! (dos-1.1.1b), percentages and years are never flagged.

use super::inspection::{Inspection, Stamp, derived_id};
use super::kinds::{RapporttekstData, VerbeterpuntData, VrijgaveData};
use super::record::{Change, Kinded};
use super::termijn::MONTHS;
use super::wederhoor::RapportBlok;

/// What a finding looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum FindingKind {
    Dossiernummer,
    Bsn,
    Telefoonnummer,
    Email,
    Geboortedatum,
}

impl FindingKind {
    pub fn label(self) -> &'static str {
        match self {
            FindingKind::Dossiernummer => "dossiernummer",
            FindingKind::Bsn => "BSN-achtig nummer",
            FindingKind::Telefoonnummer => "telefoonnummer",
            FindingKind::Email => "e-mailadres",
            FindingKind::Geboortedatum => "geboortedatum",
        }
    }
}

/// One fragment of text that looks like case data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Where: "onderbouwing 1.3.1".
    pub place: String,
    pub kind: FindingKind,
    /// The fragment as written.
    pub fragment: String,
    /// The id of the vrijgave record that keeps it (stable for the same place and fragment).
    pub key: String,
    /// Kept explicitly (with this reason), or still open.
    pub kept: Option<String>,
}

impl Finding {
    /// "onderbouwing 1.3.1: dossiernummer 'VTG-2026-0668'".
    pub fn line(&self) -> String {
        format!("{}: {} '{}'", self.place, self.kind.label(), self.fragment)
    }
}

/// Finds case data in `text`; `numbers` are the dossier numbers of the onderzoek.
pub fn scan(text: &str, numbers: &[&str]) -> Vec<(FindingKind, String)> {
    let mut out = Vec::new();
    let lower = text.to_lowercase();
    for number in numbers {
        let n = number.trim();
        if n.chars().count() < 3 {
            continue;
        }
        let needle = n.to_lowercase();
        let mut from = 0;
        while let Some(at) = lower[from..].find(&needle) {
            let start = from + at;
            let end = start + needle.len();
            if boundary(&lower, start, end) {
                out.push((FindingKind::Dossiernummer, text[start..end].to_string()));
            }
            from = end;
        }
    }
    out.extend(
        emails(text)
            .into_iter()
            .map(|e| (FindingKind::Email, e.to_string())),
    );
    for (start, end) in digit_runs(text) {
        let run = &text[start..end];
        let digits: Vec<u32> = run.chars().filter_map(|c| c.to_digit(10)).collect();
        let plus = text[..start].ends_with('+');
        if digits.len() == 9 && elfproef(&digits) && !looks_like_date(run) {
            out.push((FindingKind::Bsn, run.to_string()));
        } else if is_phone(&digits, plus) && !looks_like_date(run) {
            let fragment = if plus {
                format!("+{run}")
            } else {
                run.to_string()
            };
            out.push((FindingKind::Telefoonnummer, fragment));
        }
    }
    out.extend(
        birth_dates(text)
            .into_iter()
            .map(|d| (FindingKind::Geboortedatum, d)),
    );
    out.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
    out.dedup();
    out
}

/// Whether `text[start..end]` is not part of a longer word or number.
fn boundary(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// Runs of digits joined by single spaces, dashes or dots ("06-12345678", "123.456.789",
/// "+31 6 1234 5678"), as byte ranges; a run never starts or ends with a separator.
fn digit_runs(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit()
            || (i > 0 && (bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_'))
        {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i;
        let mut j = i;
        while j < bytes.len() {
            if bytes[j].is_ascii_digit() {
                j += 1;
                end = j;
            } else if matches!(bytes[j], b' ' | b'-' | b'.')
                && j + 1 < bytes.len()
                && bytes[j + 1].is_ascii_digit()
            {
                j += 1;
            } else {
                break;
            }
        }
        // A run glued to letters ("dos-1.1.1b", "VTG2026") is an id, not a number.
        let glued = bytes.get(end).is_some_and(|b| b.is_ascii_alphabetic())
            || (start > 0
                && bytes[start - 1] == b'-'
                && start > 1
                && bytes[start - 2].is_ascii_alphabetic());
        if !glued {
            out.push((start, end));
        }
        i = end.max(i + 1);
    }
    out
}

/// The elfproef of a BSN: 9×d1 + 8×d2 + … + 2×d8 − 1×d9 is a multiple of 11 (and not 0).
fn elfproef(digits: &[u32]) -> bool {
    if digits.len() != 9 || digits.iter().all(|&d| d == 0) {
        return false;
    }
    let sum: i64 = digits[..8]
        .iter()
        .enumerate()
        .map(|(i, &d)| i64::from(d) * (9 - i as i64))
        .sum::<i64>()
        - i64::from(digits[8]);
    sum % 11 == 0
}

/// A Dutch phone number: ten digits starting with 0 (06-12345678, 010-1234567), or 31 followed
/// by nine digits after a plus or as 0031.
fn is_phone(digits: &[u32], plus: bool) -> bool {
    match digits {
        [0, 0, 3, 1, rest @ ..] => rest.len() == 9,
        [3, 1, rest @ ..] if plus => rest.len() == 9,
        [0, second, ..] => digits.len() == 10 && *second != 0,
        _ => false,
    }
}

/// "03-02-2026", "3.2.2026", "2026-02-03": a date, not a number to flag.
fn looks_like_date(run: &str) -> bool {
    let parts: Vec<&str> = run.split(['-', '.', ' ']).collect();
    let lens: Vec<usize> = parts.iter().map(|p| p.len()).collect();
    matches!(lens.as_slice(), [1 | 2, 1 | 2, 4] | [4, 1 | 2, 1 | 2])
}

/// E-mail addresses: `local@domain.tld`.
fn emails(text: &str) -> Vec<&str> {
    let is_part = |c: char| c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | '+');
    let mut out = Vec::new();
    for (at, _) in text.match_indices('@') {
        let start = text[..at]
            .char_indices()
            .rev()
            .take_while(|(_, c)| is_part(*c))
            .last()
            .map_or(at, |(i, _)| i);
        let end = text[at + 1..]
            .char_indices()
            .take_while(|(_, c)| is_part(*c))
            .last()
            .map_or(at + 1, |(i, c)| at + 1 + i + c.len_utf8());
        let domain = text[at + 1..end].trim_end_matches('.');
        if start < at && domain.contains('.') && !domain.starts_with('.') {
            out.push(&text[start..at + 1 + domain.len()]);
        }
    }
    out
}

/// A date right after a birth keyword ("geboren op 3 februari 2010", "geb. 03-02-2010",
/// "geboortedatum: 3/2/2010").
fn birth_dates(text: &str) -> Vec<String> {
    let lower = text.to_lowercase();
    let mut out = Vec::new();
    for keyword in ["geboortedatum", "geboren", "geb."] {
        for (at, _) in lower.match_indices(keyword) {
            let after = at + keyword.len();
            if keyword == "geboren" && lower[..at].ends_with("geb") {
                continue;
            }
            let rest = &text[after..];
            let skip = rest
                .char_indices()
                .find(|(_, c)| c.is_ascii_digit())
                .map(|(i, _)| i);
            let Some(skip) = skip.filter(|&s| {
                let between = rest[..s].trim().trim_start_matches(':').trim();
                between.is_empty() || between == "op" || between == "in"
            }) else {
                continue;
            };
            let candidate = &rest[skip..];
            let numeric: String = candidate
                .chars()
                .take_while(|c| c.is_ascii_digit() || matches!(c, '-' | '/' | '.'))
                .collect();
            let numeric = numeric.trim_end_matches(['-', '/', '.']);
            let parts = numeric.split(['-', '/', '.']).count();
            if parts == 3 && numeric.len() >= 6 {
                out.push(numeric.to_string());
                continue;
            }
            // "3 februari 2010"
            let words: Vec<&str> = candidate.split_whitespace().take(3).collect();
            if let [day, month, year] = words.as_slice() {
                let month = month.to_lowercase();
                let year: String = year.chars().take_while(char::is_ascii_digit).collect();
                if day.chars().all(|c| c.is_ascii_digit())
                    && MONTHS.contains(&month.as_str())
                    && year.len() == 4
                {
                    out.push(format!("{day} {month} {year}"));
                }
            }
        }
    }
    out
}

impl Inspection {
    /// Every finding in the text the rapport carries from the inspectors, in the order of the
    /// rapport: the Samenvatting they wrote (place "samenvatting"), per verwachting in kader
    /// order its onderbouwing ("onderbouwing 1.3.1") and its written verbeterpunt
    /// ("verbeterpunt 1.3.1"; a derived one is the kader's text), then their Conclusie
    /// ("conclusie"); each with whether it was kept explicitly. Every live version of a record in
    /// conflict is scanned: either may end up in the rapport.
    pub fn privacy_findings(&self) -> Vec<Finding> {
        let dossiers = self.dossier_list();
        let numbers: Vec<&str> = dossiers.iter().map(|d| d.data.nummer.as_str()).collect();
        let mut out = Vec::new();
        self.scan_block(RapportBlok::Samenvatting, &numbers, &mut out);
        for criterium in self.framework.criteria() {
            if let Some(history) = self.criteriumoordelen.history(&criterium.id) {
                let texts = history
                    .heads()
                    .filter(|r| !r.meta.deleted)
                    .map(|r| r.data.onderbouwing.as_str());
                let place = format!("onderbouwing Ad {}", criterium.id);
                self.scan_place(&place, texts, &numbers, &mut out);
            }
            for e in &criterium.expectations {
                self.scan_expectation(&e.id, &numbers, &mut out);
            }
        }
        self.scan_block(RapportBlok::Conclusie, &numbers, &mut out);
        // The earlier rounds' texts, which a hertoets rapport may quote: read-only, so a finding
        // there can only be kept with a reason.
        for round in &self.rounds {
            let texts = round
                .criteria
                .iter()
                .map(|(id, o)| (format!("onderbouwing Ad {id}"), o))
                .chain(
                    round
                        .oordelen
                        .iter()
                        .map(|(id, o)| (format!("onderbouwing {id}"), o)),
                );
            for (place, o) in texts {
                let place = format!("{place} ({})", round.naam.to_lowercase());
                self.scan_place(
                    &place,
                    std::iter::once(o.onderbouwing.as_str()),
                    &numbers,
                    &mut out,
                );
            }
        }
        out
    }

    /// The findings in the onderbouwing and the written verbeterpunt of verwachting `id`.
    fn scan_expectation(&self, id: &str, numbers: &[&str], out: &mut Vec<Finding>) {
        if let Some(history) = self.oordelen.history(id) {
            let texts = history
                .heads()
                .filter(|r| !r.meta.deleted)
                .map(|r| r.data.onderbouwing.as_str());
            self.scan_place(&format!("onderbouwing {id}"), texts, numbers, out);
        }
        // Only a verbeterpunt the rapport shows, and only one an inspecteur wrote.
        if self.verbeterpunt(id).is_some_and(|v| !v.afgeleid)
            && let Some(history) =
                VerbeterpuntData::records(self).history(&self.verbeterpunt_id(id))
        {
            let texts = history
                .heads()
                .filter(|r| !r.meta.deleted)
                .map(|r| r.data.tekst.as_str());
            self.scan_place(&format!("verbeterpunt {id}"), texts, numbers, out);
        }
    }

    /// The findings in a block the inspectors wrote (every live version).
    fn scan_block(&self, blok: RapportBlok, numbers: &[&str], out: &mut Vec<Finding>) {
        if let Some(history) = RapporttekstData::records(self).history(&self.rapporttekst_id(blok))
        {
            let texts = history
                .heads()
                .filter(|r| !r.meta.deleted)
                .map(|r| r.data.tekst.as_str());
            self.scan_place(blok.as_str(), texts, numbers, out);
        }
    }

    /// The findings in `texts` (the versions of the text at `place`), each once.
    fn scan_place<'t>(
        &self,
        place: &str,
        texts: impl Iterator<Item = &'t str>,
        numbers: &[&str],
        out: &mut Vec<Finding>,
    ) {
        for text in texts {
            for (kind, fragment) in scan(text, numbers) {
                let key = self.vrijgave_id(place, &fragment);
                let kept = VrijgaveData::records(self)
                    .get(&key)
                    .map(|r| r.data.reden.clone());
                let finding = Finding {
                    place: place.to_string(),
                    kind,
                    fragment,
                    key,
                    kept,
                };
                if !out.contains(&finding) {
                    out.push(finding);
                }
            }
        }
    }

    /// The findings not kept explicitly: these stop a concept from being sent.
    pub fn open_privacy_findings(&self) -> Vec<Finding> {
        self.privacy_findings()
            .into_iter()
            .filter(|f| f.kept.is_none())
            .collect()
    }

    /// The id of the vrijgave record for a fragment at a place.
    pub fn vrijgave_id(&self, place: &str, fragment: &str) -> String {
        derived_id(self.id, &format!("vrijgave/{place}/{fragment}"))
    }

    /// Keeps a finding explicitly, with a reason (refused without one).
    pub fn keep_finding(
        &self,
        finding: &Finding,
        reason: &str,
        author: uuid::Uuid,
        stamp: Stamp,
    ) -> Option<Change> {
        if reason.trim().is_empty() {
            return None;
        }
        let data = VrijgaveData {
            plaats: finding.place.clone(),
            fragment: finding.fragment.clone(),
            reden: reason.trim().to_string(),
        };
        Some(self.change(&finding.key, data.into_record(), author, stamp))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_flagged() {
        let numbers = ["VTG-2026-0668", "12"];
        for (text, expected) in [
            (
                "In dossier VTG-2026-0668 ontbrak het plan.",
                vec![(FindingKind::Dossiernummer, "VTG-2026-0668")],
            ),
            (
                "zie vtg-2026-0668, en VTG-2026-06681 niet",
                vec![(FindingKind::Dossiernummer, "vtg-2026-0668")],
            ),
            (
                "BSN 111222333 genoemd",
                vec![(FindingKind::Bsn, "111222333")],
            ),
            ("BSN 111.222.333.", vec![(FindingKind::Bsn, "111.222.333")]),
            (
                "bel 06-12345678 of 010 1234567",
                vec![
                    (FindingKind::Telefoonnummer, "010 1234567"),
                    (FindingKind::Telefoonnummer, "06-12345678"),
                ],
            ),
            (
                "via +31 6 12345678",
                vec![(FindingKind::Telefoonnummer, "+31 6 12345678")],
            ),
            (
                "mail naar j.jansen@example.nl.",
                vec![(FindingKind::Email, "j.jansen@example.nl")],
            ),
            (
                "het kind (geboren op 3 februari 2015) en geb. 04-05-2016",
                vec![
                    (FindingKind::Geboortedatum, "04-05-2016"),
                    (FindingKind::Geboortedatum, "3 februari 2015"),
                ],
            ),
            (
                "Geboortedatum: 1/2/2012",
                vec![(FindingKind::Geboortedatum, "1/2/2012")],
            ),
        ] {
            let found = scan(text, &numbers);
            let found: Vec<(FindingKind, &str)> =
                found.iter().map(|(k, f)| (*k, f.as_str())).collect();
            assert_eq!(found, expected, "{text}");
        }
    }

    #[test]
    fn what_is_not_flagged() {
        let numbers = ["VTG-2026-0668", "12"];
        for text in [
            "Verwachting 1.3.1 en dossiervraag dos-1.1.1b; 85% binnen de termijn.",
            "Op 03-02-2026 en 3.2.2026 en 2026-02-03 sprak de inspectie met 12 medewerkers.",
            "Het bezoek was van 13-10-2026 tot 14-10-2026; 30 verwachtingen, 24 organisaties.",
            "Een negencijferig getal dat de elfproef niet haalt: 123456789.",
            "Telefonisch bereikbaar (0800) en 2.1.1 / 2.1.2; in 2025 en 2026.",
            "het e-mailadres @inspectie en a@b zonder punt",
            "De kinderen zijn geboren in gezinnen waar geweld speelt.",
            "VTG-2026 is een reeks, VTG-2026-06689 is een ander nummer",
        ] {
            assert_eq!(scan(text, &numbers), Vec::new(), "{text}");
        }
    }

    #[test]
    fn elfproef() {
        assert!(super::elfproef(&[1, 1, 1, 2, 2, 2, 3, 3, 3]));
        assert!(!super::elfproef(&[1, 2, 3, 4, 5, 6, 7, 8, 9]));
        assert!(!super::elfproef(&[0; 9]));
    }
}
