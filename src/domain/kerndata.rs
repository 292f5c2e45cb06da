//! Kerndata: figures about the organisation that a kader asks for per onderzoek (seed 001,
//! "Kerndata en financiën": the structural budget, meldingen and onderzoeken in a quarter, the
//! fte of Veilig Thuis). A kader declares each figure with its kind, unit and period
//! (`[[kerngegeven]]`); the inspector enters the value, which is kept as a record and printed in
//! the rapport.
//!
//! A value is a [`Quantity`]: a non-negative amount in hundredths, so money in cents and fte with
//! two decimals are exact. Input is Dutch: a comma for decimals, dots only between groups of
//! three digits ("1.234.567,89"); "12.5" is refused rather than guessed.

use std::fmt;

/// What a kerngegeven counts; decides the decimals allowed and the default unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyFigureKind {
    /// A whole number (meldingen, onderzoeken).
    Aantal,
    /// Money in euro, with cents.
    Bedrag,
    /// Formation in fte, up to two decimals.
    Fte,
}

impl KeyFigureKind {
    pub const ALL: [KeyFigureKind; 3] = [
        KeyFigureKind::Aantal,
        KeyFigureKind::Bedrag,
        KeyFigureKind::Fte,
    ];

    /// The token in kader files (`soort = "bedrag"`).
    pub fn as_str(self) -> &'static str {
        match self {
            KeyFigureKind::Aantal => "aantal",
            KeyFigureKind::Bedrag => "bedrag",
            KeyFigureKind::Fte => "fte",
        }
    }

    pub fn parse(s: &str) -> Option<KeyFigureKind> {
        KeyFigureKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The unit when the kader names none: none for a count, "euro", "fte".
    pub fn default_unit(self) -> &'static str {
        match self {
            KeyFigureKind::Aantal => "",
            KeyFigureKind::Bedrag => "euro",
            KeyFigureKind::Fte => "fte",
        }
    }

    /// Decimals a value may have.
    pub fn decimals(self) -> u32 {
        match self {
            KeyFigureKind::Aantal => 0,
            KeyFigureKind::Bedrag | KeyFigureKind::Fte => 2,
        }
    }

    /// An example value in words, for hints and messages.
    pub fn example(self) -> &'static str {
        match self {
            KeyFigureKind::Aantal => "1.250",
            KeyFigureKind::Bedrag => "4.250.000,00",
            KeyFigureKind::Fte => "42,5",
        }
    }
}

/// A kerngegeven as the kader declares it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyFigure {
    /// Token used for the record and in JSON (`structureel_budget`).
    pub id: String,
    /// What is asked ("Structurele budget VT 2016").
    pub label: String,
    pub kind: KeyFigureKind,
    /// The unit printed after the value ("euro", "fte", "meldingen"); may be empty for a count.
    pub unit: String,
    /// The period or moment the value is about ("januari t/m maart 2016", "op 1 april 2016").
    pub period: String,
    /// A heading grouping figures ("Primair proces", "Formatie"); may be empty.
    pub group: String,
}

impl KeyFigure {
    /// The value as shown: "€ 4.250.000,00", "42,5 fte", "1.250 meldingen".
    pub fn show(&self, value: Quantity) -> String {
        let number = value.dutch(self.kind);
        match self.kind {
            KeyFigureKind::Bedrag if self.unit == "euro" || self.unit == "€" => {
                format!("€ {number}")
            }
            _ if self.unit.is_empty() => number,
            _ => format!("{number} {}", self.unit),
        }
    }
}

/// A non-negative amount in hundredths (cents, hundredths of an fte).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Quantity(u64);

/// Largest amount accepted: a thousand billion (far above any budget or count).
const MAX_WHOLE: u64 = 1_000_000_000_000;

/// Why a typed value is not a quantity; the message says what to type instead.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QuantityError {
    #[error("'{0}' is geen getal; typ bijvoorbeeld {1}")]
    NotANumber(String, &'static str),
    #[error("'{0}' is negatief; een kerngegeven is nul of meer")]
    Negative(String),
    #[error(
        "'{0}': schrijf decimalen met een komma en gebruik punten alleen tussen groepen van drie cijfers (bijvoorbeeld {1})"
    )]
    Ambiguous(String, &'static str),
    #[error("'{0}' heeft te veel decimalen; een {1} heeft er ten hoogste {2}")]
    TooPrecise(String, &'static str, u32),
    #[error("'{0}' is te groot")]
    TooLarge(String),
}

impl Quantity {
    /// Zero.
    pub const ZERO: Quantity = Quantity(0);

    /// Hundredths.
    pub fn hundredths(self) -> u64 {
        self.0
    }

    /// Reads a typed value: "€ 4.250.000", "4250000,50", "42,5 fte", "1.250". A currency sign,
    /// the unit and spaces are ignored.
    pub fn parse(kind: KeyFigureKind, text: &str) -> Result<Quantity, QuantityError> {
        let original = text.trim();
        let mut s: String = original
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '€' && *c != '\u{a0}')
            .collect();
        for suffix in ["fte", "euro", "EUR"] {
            if let Some(stripped) = s.strip_suffix(suffix) {
                s = stripped.to_string();
            }
        }
        if let Some(stripped) = s.strip_suffix(",-") {
            s = stripped.to_string();
        }
        if s.starts_with('-') {
            return Err(QuantityError::Negative(original.to_string()));
        }
        if s.is_empty()
            || !s
                .chars()
                .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
        {
            return Err(QuantityError::NotANumber(
                original.to_string(),
                kind.example(),
            ));
        }
        let (whole, fraction) = match s.split_once(',') {
            Some((w, f)) => (w, f),
            None => (s.as_str(), ""),
        };
        if fraction.contains([',', '.']) || whole.is_empty() {
            return Err(QuantityError::Ambiguous(
                original.to_string(),
                kind.example(),
            ));
        }
        // Dots only as thousands separators: the first group 1-3 digits, every other exactly 3.
        let groups: Vec<&str> = whole.split('.').collect();
        let grouped = groups.len() == 1
            || (!groups[0].is_empty()
                && groups[0].len() <= 3
                && groups[1..].iter().all(|g| g.len() == 3));
        if !grouped {
            return Err(QuantityError::Ambiguous(
                original.to_string(),
                kind.example(),
            ));
        }
        let digits: String = groups.concat();
        let fraction = fraction.trim_end_matches('0');
        if fraction.len() as u32 > kind.decimals() {
            return Err(QuantityError::TooPrecise(
                original.to_string(),
                match kind {
                    KeyFigureKind::Aantal => "aantal",
                    KeyFigureKind::Bedrag => "bedrag",
                    KeyFigureKind::Fte => "fte-waarde",
                },
                kind.decimals(),
            ));
        }
        let whole: u64 = digits
            .parse()
            .ok()
            .filter(|w| *w <= MAX_WHOLE)
            .ok_or_else(|| QuantityError::TooLarge(original.to_string()))?;
        let mut cents = 0;
        for (i, c) in fraction.chars().enumerate() {
            let digit = u64::from(c.to_digit(10).unwrap_or(0));
            cents += digit * if i == 0 { 10 } else { 1 };
        }
        Ok(Quantity(whole * 100 + cents))
    }

    /// The form stored in files and JSON: "4250000.5", "42.5", "1250" (a dot, no grouping).
    pub fn canonical(self) -> String {
        let (whole, cents) = (self.0 / 100, self.0 % 100);
        match cents {
            0 => whole.to_string(),
            c if c % 10 == 0 => format!("{whole}.{}", c / 10),
            c => format!("{whole}.{c:02}"),
        }
    }

    /// Reads the stored form (see [`Quantity::canonical`]); `None` for anything else.
    pub fn from_canonical(s: &str) -> Option<Quantity> {
        let (whole, fraction) = s.split_once('.').unwrap_or((s, ""));
        if whole.is_empty()
            || !whole.bytes().all(|b| b.is_ascii_digit())
            || !fraction.bytes().all(|b| b.is_ascii_digit())
            || fraction.len() > 2
            || (s.contains('.') && fraction.is_empty())
        {
            return None;
        }
        let whole: u64 = whole.parse().ok().filter(|w| *w <= MAX_WHOLE)?;
        let cents: u64 = match fraction.len() {
            0 => 0,
            1 => fraction.parse::<u64>().ok()? * 10,
            _ => fraction.parse().ok()?,
        };
        Some(Quantity(whole * 100 + cents))
    }

    /// Dutch notation: dots between thousands, a comma before decimals. A bedrag always shows
    /// its cents ("4.250.000,00"); an fte only the decimals it has ("42,5"); a count none.
    pub fn dutch(self, kind: KeyFigureKind) -> String {
        let (whole, cents) = (self.0 / 100, self.0 % 100);
        let digits = whole.to_string();
        let mut grouped = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                grouped.push('.');
            }
            grouped.push(c);
        }
        match kind {
            KeyFigureKind::Bedrag => format!("{grouped},{cents:02}"),
            _ if cents == 0 => grouped,
            _ if cents % 10 == 0 => format!("{grouped},{}", cents / 10),
            _ => format!("{grouped},{cents:02}"),
        }
    }
}

impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.canonical())
    }
}

#[cfg(test)]
mod tests {
    use super::KeyFigureKind::{Aantal, Bedrag, Fte};
    use super::*;

    #[test]
    fn typed_values_read_as_dutch_notation() {
        let cases: &[(KeyFigureKind, &str, Option<u64>)] = &[
            (Aantal, "1250", Some(125_000)),
            (Aantal, "1.250", Some(125_000)),
            (Aantal, " 1 250 ", Some(125_000)),
            (Aantal, "0", Some(0)),
            (Aantal, "12,5", None),
            (Aantal, "12,0", Some(1200)),
            (Bedrag, "€ 4.250.000", Some(425_000_000)),
            (Bedrag, "4.250.000,50", Some(425_000_050)),
            (Bedrag, "4250000,5", Some(425_000_050)),
            (Bedrag, "€ 12,-", Some(1200)),
            (Bedrag, "12,345", None),
            (Fte, "42,5", Some(4250)),
            (Fte, "42,5 fte", Some(4250)),
            (Fte, "0,75", Some(75)),
            (Fte, "12.5", None),
            (Fte, "1.25", None),
            (Aantal, "1.2345", None),
            (Aantal, ".250", None),
            (Aantal, "-3", None),
            (Aantal, "", None),
            (Aantal, "drie", None),
            (Aantal, "1,2,3", None),
            (Aantal, "99999999999999999999", None),
        ];
        for (kind, text, expected) in cases {
            let got = Quantity::parse(*kind, text).ok().map(Quantity::hundredths);
            assert_eq!(got, *expected, "{kind:?} {text:?}");
        }
    }

    #[test]
    fn refusals_say_what_to_type() {
        let e = Quantity::parse(Fte, "12.5").unwrap_err().to_string();
        assert!(e.contains("komma"), "{e}");
        let e = Quantity::parse(Aantal, "12,5").unwrap_err().to_string();
        assert!(e.contains("decimalen"), "{e}");
        let e = Quantity::parse(Aantal, "-1").unwrap_err().to_string();
        assert!(e.contains("negatief"), "{e}");
    }

    #[test]
    fn canonical_form_round_trips() {
        for h in [0, 1, 10, 99, 100, 4250, 425_000_050, 123_456_789_012] {
            let q = Quantity(h);
            assert_eq!(Quantity::from_canonical(&q.canonical()), Some(q), "{h}");
        }
        assert_eq!(Quantity(4250).canonical(), "42.5");
        assert_eq!(Quantity(425_000_005).canonical(), "4250000.05");
        for bad in ["", "1,5", "1.234", "-1", "1.", ".5", "a"] {
            assert_eq!(Quantity::from_canonical(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn shown_in_dutch_with_unit() {
        let figure = |kind, unit: &str| KeyFigure {
            id: "x".into(),
            label: "x".into(),
            kind,
            unit: unit.into(),
            period: String::new(),
            group: String::new(),
        };
        assert_eq!(
            figure(Bedrag, "euro").show(Quantity(425_000_000)),
            "€ 4.250.000,00"
        );
        assert_eq!(figure(Fte, "fte").show(Quantity(4250)), "42,5 fte");
        assert_eq!(figure(Fte, "fte").show(Quantity(4205)), "42,05 fte");
        assert_eq!(figure(Aantal, "").show(Quantity(125_000)), "1.250");
        assert_eq!(
            figure(Aantal, "meldingen").show(Quantity(200)),
            "2 meldingen"
        );
        assert_eq!(figure(Aantal, "").show(Quantity(12_345_600)), "123.456");
    }
}
