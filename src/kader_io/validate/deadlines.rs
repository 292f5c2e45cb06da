//! The dossier dates (`[[datum]]`: ids, labels, their order) and the termijnen over them: known
//! dates in the order of a case (a term runs forward) and unit, a written, bounded length (zero
//! days is "direct na"), known verwachtingen.

use std::collections::HashSet;

use crate::domain::kader::{MAX_DATES, MAX_DEADLINE_DAYS};
use crate::domain::termijn::{DateKind, DateProblem, DayCount, DeadlineDef};

use super::super::dto::{DatumDto, Number, TermijnDto, Text};
use super::{Refs, Validator};

/// Names a date may not have: the other keys of a dossier in JSON, where its dates are keys too.
const RESERVED_DATE_IDS: [&str; 10] = [
    "id",
    "nummer",
    "selectie",
    "datums",
    "notitie",
    "inspecteur",
    "termijnen",
    "datumproblemen",
    "checks",
    "conflict",
];

/// The dossier dates of a kader, in the order of a case, and the order rules its `na` adds.
pub(super) struct Dates {
    pub(super) kinds: Vec<DateKind>,
    pub(super) extra_rules: Vec<DateProblem>,
}

impl Validator<'_> {
    /// The declared dates, or the five of the Veilig Thuis kaders (with an onderzoek that ends
    /// after it starts) when the kader declares none.
    pub(super) fn dates(&mut self, dtos: &[DatumDto]) -> Dates {
        if dtos.is_empty() {
            return Dates {
                kinds: DateKind::BUILTIN.to_vec(),
                extra_rules: vec![DateProblem {
                    earlier: DateKind::START_ONDERZOEK,
                    later: DateKind::AFRONDING_ONDERZOEK,
                }],
            };
        }
        if dtos.len() > MAX_DATES {
            self.problem(
                Some(dtos[MAX_DATES].id.span()),
                "datum",
                format!("een kader heeft ten hoogste {MAX_DATES} dossierdata"),
            );
        }
        let mut seen = HashSet::new();
        let mut kinds: Vec<DateKind> = Vec::new();
        for (di, d) in dtos.iter().enumerate() {
            let field = format!("datum[{}]", di + 1);
            self.unique(&mut seen, &d.id, &format!("{field}.id"));
            let id = d.id.get_ref();
            if self.token_id(&d.id, &format!("{field}.id"), "melding_ontvangen")
                && RESERVED_DATE_IDS.contains(&id.as_str())
            {
                self.problem(
                    Some(d.id.span()),
                    format!("{field}.id"),
                    format!(
                        "'{id}' is al de naam van een ander gegeven van een dossier; kies een andere id (niet {})",
                        RESERVED_DATE_IDS.join(", ")
                    ),
                );
            }
            let label = d.naam.get_ref().trim();
            if label.is_empty() {
                self.problem(
                    Some(d.naam.span()),
                    format!("{field}.naam"),
                    "mag niet leeg zijn".to_string(),
                );
            }
            kinds.push(DateKind::new(id, label));
        }
        let mut extra_rules = Vec::new();
        for (di, d) in dtos.iter().enumerate() {
            for (ni, earlier) in d.na.iter().enumerate() {
                let field = format!("datum[{}].na[{}]", di + 1, ni + 1);
                let Some(position) = kinds.iter().position(|k| k.as_str() == earlier.get_ref())
                else {
                    self.unknown_date(&kinds, earlier, &field);
                    continue;
                };
                if position >= di {
                    self.problem(
                        Some(earlier.span()),
                        field,
                        format!(
                            "'{}' staat niet vóór '{}' in de lijst van data; zet de data in de volgorde van een zaak",
                            earlier.get_ref(),
                            d.id.get_ref()
                        ),
                    );
                    continue;
                }
                extra_rules.push(DateProblem {
                    earlier: kinds[position],
                    later: kinds[di],
                });
            }
        }
        Dates { kinds, extra_rules }
    }

    pub(super) fn deadlines(
        &mut self,
        dtos: &[TermijnDto],
        dates: &[DateKind],
        refs: &Refs,
    ) -> Vec<DeadlineDef> {
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for (ti, t) in dtos.iter().enumerate() {
            let field = format!("termijn[{}]", ti + 1);
            self.unique(&mut seen, &t.id, &format!("{field}.id"));
            let from = self.date_kind(dates, &t.vanaf, &format!("{field}.vanaf"));
            let stop_ids = t.tot.get_ref().ids();
            if stop_ids.is_empty() {
                self.problem(
                    Some(t.tot.span()),
                    format!("{field}.tot"),
                    "noem ten minste één datum die de termijn stopt".to_string(),
                );
            }
            let mut stops: Vec<DateKind> = Vec::new();
            let mut stops_known = !stop_ids.is_empty();
            for id in &stop_ids {
                let text = Text::new(t.tot.span(), (*id).to_string());
                match self.date_kind(dates, &text, &format!("{field}.tot")) {
                    Some(kind) if stops.contains(&kind) => {
                        self.problem(
                            Some(t.tot.span()),
                            format!("{field}.tot"),
                            format!("'{id}' staat twee keer in tot"),
                        );
                    }
                    Some(kind) => stops.push(kind),
                    None => stops_known = false,
                }
            }
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
            if let Some(from) = from
                && stops.contains(&from)
            {
                self.problem(
                    Some(t.tot.span()),
                    format!("{field}.tot"),
                    "begin- en einddatum van een termijn zijn verschillend".to_string(),
                );
            }
            // The dossier dates follow each other in the order of the case; a term runs forward.
            let position = |kind: DateKind| dates.iter().position(|k| *k == kind);
            if let Some(from) = from {
                for to in &stops {
                    if position(*to) < position(from) {
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
                }
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
            if let (Some(from), true, Some(unit)) = (from, stops_known, unit)
                && let Some((&to, also_to)) = stops.split_first()
            {
                out.push(DeadlineDef {
                    id: t.id.get_ref().clone(),
                    name: t.naam.clone(),
                    from,
                    to,
                    also_to: also_to.to_vec(),
                    optional: t.optioneel,
                    days,
                    unit,
                    expectations,
                });
            }
        }
        out
    }

    pub(super) fn date_kind(
        &mut self,
        dates: &[DateKind],
        text: &Text,
        field: &str,
    ) -> Option<DateKind> {
        let kind = dates.iter().copied().find(|k| k.as_str() == text.get_ref());
        if kind.is_none() {
            self.unknown_date(dates, text, field);
        }
        kind
    }

    fn unknown_date(&mut self, dates: &[DateKind], text: &Text, field: &str) {
        let known: Vec<&str> = dates.iter().map(|k| k.as_str()).collect();
        self.problem(
            Some(text.span()),
            field,
            format!(
                "onbekende dossierdatum '{}'; kies {} (of declareer hem met [[datum]])",
                text.get_ref(),
                known.join(", ")
            ),
        );
    }
}
