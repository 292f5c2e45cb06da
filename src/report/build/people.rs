//! Interview participants in words, for Bijlage 2 as seed 003 writes it: "twee interviews met in
//! totaal drie uitvoerend medewerkers", "interview met een vertrouwensarts en een
//! gedragswetenschapper". Numbers up to twelve in words, Dutch plurals of the functions; never
//! a name.

use std::collections::BTreeMap;

use crate::domain::inspection::InterviewData;
use crate::domain::wederhoor::number_in_words;
use crate::report::text::join_and;

/// The interviews of one role in words. `role` names the role where no count says who took
/// part ("uitvoerend medewerkers").
pub(super) fn interviews_in_words(interviews: &[&InterviewData], role: &str) -> String {
    let n = interviews.len();
    let mut totals: BTreeMap<&str, u32> = BTreeMap::new();
    let mut counted = 0;
    for interview in interviews {
        let counts = interview.counts();
        if !counts.is_empty() {
            counted += 1;
        }
        for (function, k) in counts {
            let total = totals.entry(function).or_default();
            *total = total.saturating_add(k);
        }
    }
    let what = if n == 1 {
        "interview".to_string()
    } else {
        format!("{} interviews", number_in_words(count_u32(n)))
    };
    if counted == 0 {
        return format!("{what} met {role} (aantal deelnemers niet vastgelegd)");
    }
    let people: Vec<String> = totals
        .iter()
        .map(|(function, k)| people(*k, function))
        .collect();
    let people = join_and(&people);
    let uncounted = n - counted;
    if uncounted > 0 {
        let which = if uncounted == 1 {
            "één interview".to_string()
        } else {
            format!("{} interviews", number_in_words(count_u32(uncounted)))
        };
        return format!(
            "{what} met ten minste {people} (van {which} is het aantal deelnemers niet vastgelegd)"
        );
    }
    if n == 1 {
        format!("{what} met {people}")
    } else {
        format!("{what} met in totaal {people}")
    }
}

fn count_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// "een vertrouwensarts", "drie uitvoerend medewerkers", "14 teamleiders".
pub(super) fn people(n: u32, function: &str) -> String {
    if n == 1 {
        format!("een {}", singular(function))
    } else {
        format!("{} {}", number_in_words(n), plural(function))
    }
}

/// Whether `word` ends in `suffix`, ignoring ASCII case.
fn ends(word: &str, suffix: &str) -> bool {
    word.len() >= suffix.len()
        && word.is_char_boundary(word.len() - suffix.len())
        && word[word.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
}

/// `word` without its last `n` bytes (an ASCII suffix checked with [`ends`]).
fn cut(word: &str, n: usize) -> &str {
    &word[..word.len() - n]
}

/// Splits a function into everything before its last word and the last word, which takes the
/// number: "uitvoerend " and "medewerker".
fn split_last(function: &str) -> (&str, &str) {
    let function = function.trim();
    match function.rfind(' ') {
        Some(at) => (&function[..=at], &function[at + 1..]),
        None => ("", function),
    }
}

/// Whether a word already reads as a plural ("medewerkers", "vertrouwensartsen").
fn looks_plural(word: &str) -> bool {
    ["ers", "els", "ems", "eurs", "'s", "en"]
        .iter()
        .any(|s| ends(word, s))
}

/// The Dutch plural of a function ("uitvoerend medewerker" → "uitvoerend medewerkers",
/// "vertrouwensarts" → "vertrouwensartsen", "orthopedagoog" → "orthopedagogen"); a function
/// typed in the plural already is kept.
pub(super) fn plural(function: &str) -> String {
    let (head, word) = split_last(function);
    if word.is_empty() || looks_plural(word) {
        return format!("{head}{word}");
    }
    let plural = if ends(word, "lid") {
        format!("{}leden", cut(word, 3))
    } else if ends(word, "kind") {
        format!("{word}eren")
    } else if ends(word, "oog") {
        format!("{}ogen", cut(word, 3))
    } else if ends(word, "aar") {
        // leraar → leraren, ambtenaar → ambtenaren
        format!("{}aren", cut(word, 3))
    } else if ["er", "el", "em", "je", "eur", "ier", "e"]
        .iter()
        .any(|s| ends(word, s))
    {
        format!("{word}s")
    } else if ["a", "i", "o", "u", "y"].iter().any(|s| ends(word, s)) {
        format!("{word}'s")
    } else {
        // arts → artsen, jurist → juristen, coördinator → coördinatoren, assistent → …en
        format!("{word}en")
    };
    format!("{head}{plural}")
}

/// The singular of a function typed in the plural ("uitvoerend medewerkers" → "uitvoerend
/// medewerker"); a singular is kept.
pub(super) fn singular(function: &str) -> String {
    let (head, word) = split_last(function);
    let singular = if ends(word, "leden") {
        format!("{}lid", cut(word, 5))
    } else if ends(word, "ogen") {
        format!("{}oog", cut(word, 4))
    } else if ends(word, "artsen") {
        cut(word, 2).to_string()
    } else if ["ers", "els", "ems", "eurs"].iter().any(|s| ends(word, s)) {
        cut(word, 1).to_string()
    } else {
        word.to_string()
    };
    format!("{head}{singular}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn interview(counts: &[(&str, &str)]) -> InterviewData {
        InterviewData {
            aantallen: counts
                .iter()
                .map(|(f, n)| (f.to_string(), n.to_string()))
                .collect(),
            ..InterviewData::default()
        }
    }

    #[test]
    fn functions_take_the_dutch_plural() {
        for (one, many) in [
            ("uitvoerend medewerker", "uitvoerend medewerkers"),
            ("vertrouwensarts", "vertrouwensartsen"),
            ("gedragswetenschapper", "gedragswetenschappers"),
            ("teamleider", "teamleiders"),
            ("orthopedagoog", "orthopedagogen"),
            ("jurist", "juristen"),
            ("coördinator", "coördinatoren"),
            ("directeur", "directeurs"),
            ("secretaresse", "secretaresses"),
            ("leraar", "leraren"),
            ("bestuurslid", "bestuursleden"),
        ] {
            assert_eq!(plural(one), many, "{one}");
            assert_eq!(singular(one), one, "{one}");
        }
        // Typed in the plural already: kept, and made singular for one person.
        for (one, many) in [
            ("uitvoerend medewerker", "uitvoerend medewerkers"),
            ("vertrouwensarts", "vertrouwensartsen"),
            ("orthopedagoog", "orthopedagogen"),
            ("directeur", "directeurs"),
            ("bestuurslid", "bestuursleden"),
        ] {
            assert_eq!(plural(many), many, "{many}");
            assert_eq!(singular(many), one, "{many}");
        }
        assert_eq!(people(1, "vertrouwensarts"), "een vertrouwensarts");
        assert_eq!(
            people(3, "uitvoerend medewerker"),
            "drie uitvoerend medewerkers"
        );
        assert_eq!(
            people(1, "uitvoerend medewerkers"),
            "een uitvoerend medewerker"
        );
        assert_eq!(people(14, "teamleider"), "14 teamleiders");
    }

    #[test]
    fn interviews_are_counted_as_the_seed_counts_them() {
        let a = interview(&[("uitvoerend medewerker", "1")]);
        let b = interview(&[("uitvoerend medewerker", "2")]);
        assert_eq!(
            interviews_in_words(&[&a, &b], "uitvoerend medewerkers"),
            "twee interviews met in totaal drie uitvoerend medewerkers"
        );
        let c = interview(&[("vertrouwensarts", "1"), ("gedragswetenschapper", "1")]);
        assert_eq!(
            interviews_in_words(&[&c], "vertrouwensartsen"),
            "interview met een gedragswetenschapper en een vertrouwensarts"
        );
        let none = interview(&[]);
        assert_eq!(
            interviews_in_words(&[&none], "management"),
            "interview met management (aantal deelnemers niet vastgelegd)"
        );
        assert_eq!(
            interviews_in_words(&[&a, &none, &b], "uitvoerend medewerkers"),
            "drie interviews met ten minste drie uitvoerend medewerkers (van één interview is het aantal deelnemers niet vastgelegd)"
        );
        // A count that is not a number was not written by veldtoets: left out.
        let odd = interview(&[("teamleider", "veel")]);
        assert_eq!(
            interviews_in_words(&[&odd], "management"),
            "interview met management (aantal deelnemers niet vastgelegd)"
        );
    }
}
