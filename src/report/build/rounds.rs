//! The rounds of an onderzoek as the rapport names them, for a kader with criterion oordelen
//! (the layout of seed 003): every earlier round of a hertoets, then this file's own round.
//! "Onderzoek aug. 2015" above a table column, "Onderzoek augustus 2015" as the title of a
//! paragraph of the Inleiding, "het onderzoek in augustus 2015" in a sentence, and what each
//! round concluded ("voldeed aan 8 van de 24 verwachtingen; het eindoordeel was onvoldoende").

use jiff::civil::Date;

use crate::domain::JudgementValue;
use crate::domain::inspection::Round;
use crate::domain::termijn::MONTHS;

use super::{Builder, lowercase_first};

/// Dutch month abbreviations, January first, as a table header writes them ("aug. 2015").
const MONTHS_SHORT: [&str; 12] = [
    "jan.", "feb.", "mrt.", "apr.", "mei", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "dec.",
];

fn month_index(date: Date) -> usize {
    // jiff guarantees a month in 1..=12.
    usize::try_from(date.month() - 1).unwrap_or(0).min(11)
}

/// "augustus 2015".
pub(super) fn month_year(date: Date) -> String {
    format!("{} {}", MONTHS[month_index(date)], date.year())
}

/// One round as the rapport shows it: an earlier round of the file, or the file's own.
pub(super) struct RoundRef<'a> {
    /// "Onderzoek", "Hertoets", "Tweede hertoets".
    pub naam: String,
    /// The first visit day.
    pub date: Option<Date>,
    /// The earlier round; `None` for this file's own round.
    pub earlier: Option<&'a Round>,
}

impl RoundRef<'_> {
    /// The header of its table column: "Onderzoek aug. 2015", "Hertoets mei 2016".
    pub fn column(&self) -> String {
        match self.date {
            Some(d) => format!(
                "{} {} {}",
                self.naam,
                MONTHS_SHORT[month_index(d)],
                d.year()
            ),
            None => self.naam.clone(),
        }
    }

    /// Its title in the Inleiding: "Onderzoek augustus 2015".
    pub fn title(&self) -> String {
        match self.date {
            Some(d) => format!("{} {}", self.naam, month_year(d)),
            None => self.naam.clone(),
        }
    }

    /// In a sentence: "het onderzoek in augustus 2015", "de hertoets in mei 2016".
    pub fn phrase(&self) -> String {
        let name = lowercase_first(&self.naam);
        let article = if name.starts_with("onderzoek") {
            "het"
        } else {
            "de"
        };
        match self.date {
            Some(d) => format!("{article} {name} in {}", month_year(d)),
            None => format!("{article} {name}"),
        }
    }

    /// "In augustus 2015" at the start of a sentence, or `fallback` without a date.
    pub fn when_capitalised(&self, fallback: &str) -> String {
        match self.date {
            Some(d) => format!("In {}", month_year(d)),
            None => fallback.to_string(),
        }
    }

    /// Whether this is the first onderzoek (not a hertoets).
    pub fn is_first_onderzoek(&self) -> bool {
        lowercase_first(&self.naam).starts_with("onderzoek")
    }
}

impl<'a> Builder<'a> {
    /// The earlier rounds of this onderzoek, oldest first.
    pub(super) fn earlier_rounds(&self) -> Vec<RoundRef<'a>> {
        self.inspection
            .rounds
            .iter()
            .enumerate()
            .map(|(i, round)| RoundRef {
                naam: match round.naam.trim() {
                    "" => crate::domain::rounds::round_name(i),
                    naam => naam.to_string(),
                },
                date: round.datum,
                earlier: Some(round),
            })
            .collect()
    }

    /// This file's own round.
    pub(super) fn this_round(&self) -> RoundRef<'a> {
        RoundRef {
            naam: self.inspection.round_name(),
            date: self.inspection.details_data().bezoek_van,
            earlier: None,
        }
    }

    /// Every round, oldest first, this one last.
    pub(super) fn all_rounds(&self) -> Vec<RoundRef<'a>> {
        let mut rounds = self.earlier_rounds();
        rounds.push(self.this_round());
        rounds
    }

    /// The layout of seed 003 with earlier rounds beside this one.
    pub(super) fn has_rounds(&self) -> bool {
        self.criterion_layout && !self.inspection.rounds.is_empty()
    }

    /// What an earlier round concluded, after "voldeed": "aan 8 van de 24 verwachtingen; het
    /// eindoordeel was onvoldoende".
    pub(super) fn round_result(&self, round: &Round) -> String {
        let (met, scored) = round.met_of(self.fw);
        let verdict = match round.eindoordeel {
            Some(v) => format!("het eindoordeel was {v}"),
            None => "een definitief eindoordeel is toen niet vastgesteld".to_string(),
        };
        format!("aan {met} van de {scored} verwachtingen; {verdict}")
    }

    /// The scored verwachtingen an earlier round judged onvoldoende.
    pub(super) fn round_not_met(&self, round: &Round) -> usize {
        self.fw
            .expectations()
            .iter()
            .filter(|e| e.expectation.assessment.is_scored())
            .filter(|e| {
                round.value(self.fw, &e.expectation.id) == Some(JudgementValue::Onvoldoende)
            })
            .count()
    }

    /// The paragraph on an earlier round in the Samenvatting and the Inleiding: "In augustus
    /// 2015 onderzochten de inspecteurs … Veilig Thuis Drenthe voldeed toen aan 8 van de 24
    /// verwachtingen; het eindoordeel was onvoldoende."
    pub(super) fn round_paragraph(&self, round: &RoundRef<'_>, index: usize) -> String {
        let org = &self.organisation;
        let Some(earlier) = round.earlier else {
            return String::new();
        };
        let what = if round.is_first_onderzoek() {
            format!(
                "{} onderzochten de inspecteurs de kwaliteit van {org} aan de hand van het {}.",
                round.when_capitalised("Eerder"),
                self.fw.title
            )
        } else {
            format!(
                "{} voerden de inspecteurs een {} uit.",
                round.when_capitalised(if index == 0 { "Eerder" } else { "Daarna" }),
                lowercase_first(&round.naam)
            )
        };
        format!("{what} {org} voldeed toen {}.", self.round_result(earlier))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn round(naam: &str, date: Option<Date>) -> RoundRef<'static> {
        RoundRef {
            naam: naam.to_string(),
            date,
            earlier: None,
        }
    }

    #[test]
    fn rounds_are_named_as_the_seed_names_them() {
        let first = round("Onderzoek", Some(date(2015, 8, 25)));
        assert_eq!(first.column(), "Onderzoek aug. 2015");
        assert_eq!(first.title(), "Onderzoek augustus 2015");
        assert_eq!(first.phrase(), "het onderzoek in augustus 2015");
        assert!(first.is_first_onderzoek());
        let again = round("Hertoets", Some(date(2016, 5, 10)));
        assert_eq!(again.column(), "Hertoets mei 2016");
        assert_eq!(again.phrase(), "de hertoets in mei 2016");
        assert_eq!(again.when_capitalised("Daarna"), "In mei 2016");
        let third = round("Tweede hertoets", None);
        assert_eq!(third.column(), "Tweede hertoets");
        assert_eq!(third.phrase(), "de tweede hertoets");
        assert_eq!(third.when_capitalised("Daarna"), "Daarna");
        assert!(!third.is_first_onderzoek());
    }
}
