//! Dutch wording helpers: long dates ("13 oktober 2026"), visit periods, plurals.

use jiff::civil::Date;

use crate::domain::termijn::MONTHS;

fn month_name(date: Date) -> &'static str {
    // jiff guarantees a month in 1..=12.
    MONTHS[usize::try_from(date.month() - 1).unwrap_or(0).min(11)]
}

/// A date written out in Dutch, e.g. "13 oktober 2026".
pub fn format_date_long(date: Date) -> String {
    format!("{} {} {}", date.day(), month_name(date), date.year())
}

/// A visit period in Dutch: "13 oktober 2026", "13 en 14 oktober 2026",
/// "13 tot en met 16 oktober 2026", "30 september tot en met 2 oktober 2026".
pub fn format_period(from: Option<Date>, to: Option<Date>) -> Option<String> {
    match (from, to) {
        (None, None) => None,
        (Some(d), None) | (None, Some(d)) => Some(format_date_long(d)),
        (Some(from), Some(to)) if to <= from => Some(format_date_long(from)),
        (Some(from), Some(to)) => {
            let joiner = if from.tomorrow().ok() == Some(to) {
                "en"
            } else {
                "tot en met"
            };
            let start = if from.year() != to.year() {
                format_date_long(from)
            } else if from.month() != to.month() {
                format!("{} {}", from.day(), month_name(from))
            } else {
                from.day().to_string()
            };
            Some(format!("{start} {joiner} {}", format_date_long(to)))
        }
    }
}

/// "1 verwachting", "3 verwachtingen".
pub fn count(n: impl Into<u64>, singular: &str, plural: &str) -> String {
    let n = n.into();
    format!("{n} {}", if n == 1 { singular } else { plural })
}

/// Small numbers in words, as Dutch prose writes them ("twee versies"); larger ones in digits.
pub fn number_word(n: usize) -> String {
    const WORDS: [&str; 13] = [
        "nul", "één", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien",
        "elf", "twaalf",
    ];
    WORDS
        .get(n)
        .map_or_else(|| n.to_string(), |w| (*w).to_string())
}

/// A list in Dutch: "a", "a en b", "a, b en c".
pub fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} en {last}", init.join(", ")),
    }
}

/// Splits free text typed by an inspector into paragraphs at blank lines, trimming each; single
/// line breaks stay inside a paragraph.
pub fn paragraphs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in text.lines() {
        let line = line.trim_end();
        if line.trim().is_empty() {
            if !current.is_empty() {
                out.push(current.join("\n"));
                current.clear();
            }
        } else {
            current.push(line);
        }
    }
    if !current.is_empty() {
        out.push(current.join("\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn long_dates_and_periods() {
        assert_eq!(format_date_long(date(2026, 10, 13)), "13 oktober 2026");
        assert_eq!(
            format_period(Some(date(2026, 10, 13)), Some(date(2026, 10, 14))).as_deref(),
            Some("13 en 14 oktober 2026")
        );
        assert_eq!(
            format_period(Some(date(2026, 10, 13)), Some(date(2026, 10, 16))).as_deref(),
            Some("13 tot en met 16 oktober 2026")
        );
        assert_eq!(
            format_period(Some(date(2026, 9, 30)), Some(date(2026, 10, 2))).as_deref(),
            Some("30 september tot en met 2 oktober 2026")
        );
        assert_eq!(
            format_period(Some(date(2026, 12, 31)), Some(date(2027, 1, 1))).as_deref(),
            Some("31 december 2026 en 1 januari 2027")
        );
        assert_eq!(
            format_period(Some(date(2026, 10, 13)), None).as_deref(),
            Some("13 oktober 2026")
        );
        assert_eq!(format_period(None, None), None);
    }

    #[test]
    fn paragraphs_split_at_blank_lines() {
        assert_eq!(
            paragraphs("een\ntwee\n\n  \ndrie  \n"),
            vec!["een\ntwee".to_string(), "drie".to_string()]
        );
        assert!(paragraphs("  \n").is_empty());
    }

    #[test]
    fn dutch_lists() {
        let items = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(join_and(&items(&["a"])), "a");
        assert_eq!(join_and(&items(&["a", "b"])), "a en b");
        assert_eq!(join_and(&items(&["a", "b", "c"])), "a, b en c");
    }
}
