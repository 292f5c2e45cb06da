//! What the rapport says about an eindoordeel that is not final: the decision itself is
//! [`Status`](crate::domain::status::Status); here it becomes the "Voorlopig" / "Nog geen
//! eindoordeel" notice and the verdict as printed.

use super::Builder;
use crate::report::model::Text;
use crate::report::text::{count, join_and};

impl Builder<'_> {
    /// The eindoordeel is not final (some scored verwachting without an oordeel, or a conflict).
    pub(super) fn provisional(&self) -> bool {
        !self.status.is_final()
    }

    /// No scored verwachting has an oordeel: the rapport must not print a verdict at all.
    pub(super) fn nothing_judged(&self) -> bool {
        self.status.is_no_judgement()
    }

    /// The verwachtingen in conflict, in kader order.
    pub(super) fn conflict_ids(&self) -> Vec<String> {
        self.status.conflicts().to_vec()
    }

    /// Scored verwachtingen without an oordeel (conflicts excluded: they are named separately).
    pub(super) fn not_judged_ids(&self) -> Vec<String> {
        self.status.not_judged().to_vec()
    }

    /// "voldoende", "matig (voorlopig)" or "nog geen oordeel".
    pub(super) fn verdict_text(&self) -> String {
        match self.status.verdict() {
            None if self.choice => "nog niet gekozen".to_string(),
            None => "nog geen oordeel".to_string(),
            Some(v) if self.provisional() => format!("{v} (voorlopig)"),
            Some(v) => v.to_string(),
        }
    }

    /// The plain statement that the score is provisional, if it is.
    pub(super) fn provisional_notice(&self) -> Option<Text> {
        if !self.provisional() {
            return None;
        }
        if self.nothing_judged() && self.choice {
            return Some(Text::bold("Nog geen eindoordeel. ").and(format!(
                "{}. Bij dit toetsingskader kiezen de inspecteurs het eindoordeel en onderbouwen zij hun keuze; dit rapport geeft daarom nog geen eindoordeel.",
                self.no_choice_yet()
            )));
        }
        if self.nothing_judged() {
            let mut what = format!(
                "Er is nog geen enkel oordeel vastgelegd: geen van de {} die meetellen in het eindoordeel is beoordeeld",
                count(
                    self.fw.judged_count() as u64,
                    "verwachting",
                    "verwachtingen"
                )
            );
            if !self.conflicts.is_empty() {
                let ids = self.conflict_ids();
                what.push_str(&format!(
                    " (bij {} staan verschillende oordelen van inspecteurs naast elkaar en dat conflict is nog niet opgelost)",
                    join_and(&ids)
                ));
            }
            return Some(Text::bold("Nog geen eindoordeel. ").and(format!(
                "{what}. Dit rapport geeft daarom geen eindoordeel; dat volgt uit de beslisregels zodra de verwachtingen zijn beoordeeld."
            )));
        }
        let mut parts = Vec::new();
        if !self.conflicts.is_empty() {
            let ids = self.conflict_ids();
            parts.push(format!(
                "bij {} ({}) staan verschillende oordelen van inspecteurs naast elkaar; dat conflict is nog niet opgelost en telt daarom niet mee",
                count(ids.len() as u64, "verwachting", "verwachtingen"),
                join_and(&ids),
            ));
        }
        // `Open::records` holds the record conflicts and then the duplicate keys; they are
        // worded apart.
        let duplicates: Vec<String> = self
            .inspection
            .duplicates()
            .iter()
            .map(|d| d.description())
            .collect();
        let (doubled, records): (Vec<String>, Vec<String>) = self
            .status
            .record_conflicts()
            .iter()
            .cloned()
            .partition(|r| duplicates.contains(r));
        if !records.is_empty() {
            parts.push(format!(
                "bij {} ({}) staan verschillende versies van inspecteurs naast elkaar; tot dat conflict is opgelost telt het niet mee in de bevindingen",
                count(records.len() as u64, "gegeven", "gegevens"),
                join_and(&records),
            ));
        }
        if !doubled.is_empty() {
            parts.push(format!(
                "{} (dubbel vastgelegd); tot de inspecteurs dat oplossen door samen te voegen of te hernummeren, telt het als één en alleen waar de gegevens overeenkomen",
                join_and(&doubled),
            ));
        }
        let missing = self.not_judged_ids();
        if !missing.is_empty() {
            parts.push(format!(
                "{} nog geen oordeel ({})",
                count(
                    missing.len() as u64,
                    "verwachting heeft",
                    "verwachtingen hebben"
                ),
                join_and(&missing)
            ));
        }
        Some(Text::bold("Voorlopig. ").and(if self.choice {
            format!(
                "Het gekozen eindoordeel rust op onvolledige gegevens: {}. Het eindoordeel is pas definitief als dat is opgelost.",
                parts.join("; ")
            )
        } else {
            format!(
                "Dit eindoordeel is onvolledig: {}. Het eindoordeel is pas definitief als elke verwachting één oordeel heeft.",
                parts.join("; ")
            )
        }))
    }
}
