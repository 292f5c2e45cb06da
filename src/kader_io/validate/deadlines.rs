//! The termijnen: known dossier dates in the order of a case (a term runs forward) and unit, a
//! written, bounded length (zero days is "direct na"), known verwachtingen.

use std::collections::HashSet;

use crate::domain::kader::MAX_DEADLINE_DAYS;
use crate::domain::termijn::{DateKind, DayCount, DeadlineDef};

use super::super::dto::{Number, TermijnDto, Text};
use super::{Refs, Validator};

impl Validator<'_> {
    pub(super) fn deadlines(&mut self, dtos: &[TermijnDto], refs: &Refs) -> Vec<DeadlineDef> {
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for (ti, t) in dtos.iter().enumerate() {
            let field = format!("termijn[{}]", ti + 1);
            self.unique(&mut seen, &t.id, &format!("{field}.id"));
            let from = self.date_kind(&t.vanaf, &format!("{field}.vanaf"));
            let to = self.date_kind(&t.tot, &format!("{field}.tot"));
            let unit = match t.eenheid.as_ref().map(|e| e.get_ref().as_str()) {
                None | Some("kalenderdagen") => Some(DayCount::Calendar),
                Some("werkdagen") => Some(DayCount::Workdays),
                Some(other) => {
                    self.problem(
                        t.eenheid.as_ref().map(|e| e.span()),
                        format!("{field}.eenheid"),
                        format!("onbekende eenheid '{other}'; kies kalenderdagen of werkdagen"),
                    );
                    None
                }
            };
            let length = |v: &mut Self, n: &Option<Number>, key: &str, what: &str, max: u32| {
                n.as_ref().map_or(Some(0), |n| {
                    v.number(n, &format!("{field}.{key}"), what, max)
                })
            };
            let dagen = length(
                self,
                &t.dagen,
                "dagen",
                "het aantal dagen",
                MAX_DEADLINE_DAYS,
            );
            let weken = length(
                self,
                &t.weken,
                "weken",
                "het aantal weken",
                MAX_DEADLINE_DAYS / 7,
            );
            let days = match (dagen, weken) {
                // Both bounded, so the sum cannot overflow.
                (Some(d), Some(w)) => d + 7 * w,
                _ => 1, // reported above
            };
            if days > MAX_DEADLINE_DAYS {
                self.problem(
                    t.weken.as_ref().map(|w| w.span()),
                    format!("{field}.weken"),
                    format!(
                        "de termijn is samen {days} dagen; een termijn is ten hoogste {MAX_DEADLINE_DAYS} dagen (tien jaar)"
                    ),
                );
            }
            // A length must be written; `dagen = 0` is a term of its own ("direct na": the
            // same day).
            if t.dagen.is_none() && t.weken.is_none() {
                self.problem(
                    Some(t.id.span()),
                    &field,
                    "een termijn heeft een lengte: geef dagen en/of weken (dagen = 0 voor ‘direct na’)"
                        .to_string(),
                );
            }
            if from.is_some() && from == to {
                self.problem(
                    Some(t.tot.span()),
                    format!("{field}.tot"),
                    "begin- en einddatum van een termijn zijn verschillend".to_string(),
                );
            }
            // The dossier dates follow each other in the order of the case; a term runs forward.
            if let (Some(from), Some(to)) = (from, to)
                && to < from
            {
                self.problem(
                    Some(t.tot.span()),
                    format!("{field}.tot"),
                    format!(
                        "de termijn loopt terug: {} komt in een zaak vóór {}; draai vanaf en tot om",
                        to.as_str(),
                        from.as_str()
                    ),
                );
            }
            let mut expectations = Vec::new();
            for (ei, id) in t.verwachtingen.iter().enumerate() {
                if self
                    .expectation_ref(refs, id, &format!("{field}.verwachtingen[{}]", ei + 1))
                    .is_some()
                {
                    expectations.push(id.get_ref().clone());
                }
            }
            if let (Some(from), Some(to), Some(unit)) = (from, to, unit) {
                out.push(DeadlineDef {
                    id: t.id.get_ref().clone(),
                    name: t.naam.clone(),
                    from,
                    to,
                    days,
                    unit,
                    expectations,
                });
            }
        }
        out
    }

    pub(super) fn date_kind(&mut self, text: &Text, field: &str) -> Option<DateKind> {
        let kind = DateKind::parse(text.get_ref());
        if kind.is_none() {
            self.problem(
                Some(text.span()),
                field,
                format!(
                    "onbekende dossierdatum '{}'; kies {}",
                    text.get_ref(),
                    DateKind::ALL.map(DateKind::as_str).join(", ")
                ),
            );
        }
        kind
    }
}
