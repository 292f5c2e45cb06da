//! Validation of a kader file: the DTOs as written → a [`Framework`] whose invariants the domain
//! relies on (ids unique, every reference resolved, scales contiguous, open-ended and monotone,
//! no alternative scale better than the standard one, numbers bounded).
//!
//! Every check adds a [`Problem`] naming the line (from the TOML span) and the field instead of
//! stopping, so one pass reports everything. The checks are split by part of the file: [`themes`]
//! (thema → criterium → verwachting), [`rules`] (the beslisregels), [`scales`] (their schalen),
//! [`deadlines`] (termijnen) and [`sources`] (bronnen); the checks shared by all of them (numbers,
//! ids, references) are here.

mod criterion_scale;
mod deadlines;
mod follow_ups;
mod key_figures;
mod norms;
mod rules;
mod scales;
mod sources;
mod themes;

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use crate::domain::kader::{Assessment, Framework, MAX_VERDICTS, Verdict};
use crate::domain::termijn;

use super::dto::{EindoordeelDto, KaderDto, Number, Text};
use super::{FORMAT_VERSION, Problem};

/// Validates `dto`, read from `text` (kept in the framework), into a framework, or every problem
/// found.
pub(super) fn framework(
    dto: KaderDto,
    text: &str,
    lines: &LineIndex,
) -> Result<Framework, Vec<Problem>> {
    let mut v = Validator {
        lines,
        problems: Vec::new(),
        verdicts: Verdict::BUILTIN.to_vec(),
    };
    let framework = v.framework(dto, text);
    match framework {
        Some(f) if v.problems.is_empty() => Ok(f),
        _ => Err(v.problems),
    }
}

/// Byte offset → line number.
pub(super) struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub(super) fn new(text: &str) -> LineIndex {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex { starts }
    }

    /// 1-based line of a byte offset.
    pub(super) fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset)
    }
}

/// Collects the problems; one method per check.
struct Validator<'a> {
    lines: &'a LineIndex,
    problems: Vec<Problem>,
    /// The kader's eindoordelen, best first, once read (the beslisregels name them).
    verdicts: Vec<Verdict>,
}

/// The verwachtingen of the kader, for resolving references to them.
struct Refs<'a> {
    index: &'a HashMap<&'a str, usize>,
    flat: &'a [(String, Assessment)],
    /// Span of each verwachting's id, aligned with `flat`.
    spans: &'a [Range<usize>],
}

impl Validator<'_> {
    pub(super) fn problem(
        &mut self,
        span: Option<Range<usize>>,
        field: impl Into<String>,
        message: String,
    ) {
        self.problems.push(Problem {
            line: span.map(|s| self.lines.line(s.start)),
            field: field.into(),
            message,
        });
    }

    fn framework(&mut self, dto: KaderDto, text: &str) -> Option<Framework> {
        if *dto.formaat.get_ref() != FORMAT_VERSION {
            let found = *dto.formaat.get_ref();
            self.problem(
                Some(dto.formaat.span()),
                "formaat",
                if found > FORMAT_VERSION {
                    format!(
                        "formaat {found} is nieuwer dan deze versie van veldtoets kent ({FORMAT_VERSION}); installeer een nieuwere veldtoets"
                    )
                } else {
                    format!("formaat {found} bestaat niet; gebruik formaat = {FORMAT_VERSION}")
                },
            );
            return None;
        }
        if !is_slug(dto.id.get_ref()) {
            self.problem(
                Some(dto.id.span()),
                "id",
                format!(
                    "'{}' is geen geldige id: gebruik kleine letters, cijfers en '-'",
                    dto.id.get_ref()
                ),
            );
        }
        if dto.titel.trim().is_empty() {
            self.problem(None, "titel", "mag niet leeg zijn".to_string());
        }

        let themes = self.themes(&dto.thema);
        let flat: Vec<(String, Assessment)> = themes
            .iter()
            .flat_map(|t| &t.criteria)
            .flat_map(|c| &c.expectations)
            .map(|e| (e.id.clone(), e.assessment))
            .collect();
        let spans: Vec<Range<usize>> = dto
            .thema
            .iter()
            .flat_map(|t| &t.criterium)
            .flat_map(|c| &c.verwachting)
            .map(|e| e.id.span())
            .collect();
        let index: HashMap<&str, usize> = flat
            .iter()
            .enumerate()
            .map(|(i, (id, _))| (id.as_str(), i))
            .collect();
        // Under keuze the analyst chooses the eindoordeel: topics may all be inventoried.
        let choice = dto.beslisregels.get_ref().maat.get_ref() == "keuze";
        if !choice && !flat.iter().any(|(_, a)| a.is_scored()) {
            self.problem(
                None,
                "thema",
                "het kader bevat geen enkele beoordeelde verwachting".to_string(),
            );
        }
        let refs = Refs {
            index: &index,
            flat: &flat,
            spans: &spans,
        };
        self.verdicts = self.verdict_scale(&dto.eindoordeel);
        let rules = self.rules(dto.beslisregels, &refs, &themes);
        let dates = self.dates(&dto.datum);
        let deadlines = self.deadlines(&dto.termijn, &dates.kinds, &refs);
        let sources = self.sources(dto.bronnen, &refs);
        let follow_ups = self.follow_ups(&dto.vervolg);
        let criterion_scale = self.criterion_scale(&dto.criteriumoordeel);
        let norms = self.norms(&dto.norm, &deadlines, &refs);
        let key_figures = self.key_figures(&dto.kerngegeven);
        let rules = rules?;

        let mut framework = Framework::new(
            dto.id.into_inner(),
            dto.titel,
            dto.bron,
            dto.inleiding,
            themes,
            rules,
            deadlines,
            sources,
            text.to_string(),
        );
        framework.verdicts = self.verdicts.clone();
        framework.verdict_descriptions = if dto.eindoordeel.is_empty() {
            vec![String::new(); framework.verdicts.len()]
        } else {
            dto.eindoordeel
                .iter()
                .map(|d| d.omschrijving.trim().to_string())
                .collect()
        };
        framework.key_figures = key_figures;
        framework.date_rules =
            termijn::date_rules(&dates.kinds, &framework.deadlines, &dates.extra_rules);
        framework.dates = dates.kinds;
        framework.follow_ups = follow_ups;
        framework.criterion_scale = criterion_scale;
        framework.norms = norms;
        framework.inspectorate = dto.inspectie.trim().to_string();
        framework.contact_days = dto.wachtlijst.as_ref().and_then(|w| {
            let days = self.number(
                &w.contact_binnen_dagen,
                "wachtlijst.contact_binnen_dagen",
                "het aantal dagen",
                366,
            )?;
            if days == 0 {
                self.problem(
                    Some(w.contact_binnen_dagen.span()),
                    "wachtlijst.contact_binnen_dagen",
                    "0 dagen laat geen contact meetellen; geef een aantal van 1 tot en met 366"
                        .to_string(),
                );
                return None;
            }
            Some(days)
        });
        Some(framework)
    }

    /// A number from the file if it lies in `0..=max`; otherwise a problem naming the field.
    /// `what` names the quantity in the message ("het aantal aftrekpunten").
    pub(super) fn number(&mut self, n: &Number, field: &str, what: &str, max: u32) -> Option<u32> {
        let value = *n.get_ref();
        match u32::try_from(value) {
            Ok(v) if v <= max => Some(v),
            _ => {
                let message = if value < 0 {
                    format!(
                        "{value} is negatief; {what} is een geheel getal van 0 tot en met {max}"
                    )
                } else {
                    format!(
                        "{value} is te groot; {what} is ten hoogste {max} (zie 'Grenzen' in FORMAT.md)"
                    )
                };
                self.problem(Some(n.span()), field, message);
                None
            }
        }
    }

    /// An id used as a token in files and JSON (a dossier date, an eindoordeel): lower-case
    /// letters, digits and `_`. Reports a problem naming `example` and returns false otherwise
    /// (an empty id is left to [`Validator::unique`]).
    pub(super) fn token_id(&mut self, id: &Text, field: &str, example: &str) -> bool {
        let value = id.get_ref();
        let valid = value
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !valid {
            self.problem(
                Some(id.span()),
                field,
                format!(
                    "'{value}' is geen geldige id; gebruik kleine letters, cijfers en _ (zoals {example})"
                ),
            );
        }
        valid
    }

    pub(super) fn unique(&mut self, seen: &mut HashSet<String>, id: &Text, field: &str) {
        let value = id.get_ref();
        if value.trim().is_empty() {
            self.problem(Some(id.span()), field, "mag niet leeg zijn".to_string());
        } else if !seen.insert(value.clone()) {
            self.problem(Some(id.span()), field, format!("dubbele id '{value}'"));
        }
    }

    pub(super) fn extends(&mut self, id: &Text, parent: &str, field: &str) {
        let value = id.get_ref();
        let ok = value
            .strip_prefix(parent)
            .and_then(|rest| rest.strip_prefix('.'))
            .is_some_and(|rest| !rest.is_empty() && !rest.contains('.'));
        if !ok {
            self.problem(
                Some(id.span()),
                field,
                format!("id '{value}' hoort te beginnen met '{parent}.' (de id van het bovenliggende niveau)"),
            );
        }
    }

    pub(super) fn expectation_ref(&mut self, refs: &Refs, id: &Text, field: &str) -> Option<usize> {
        let found = refs.index.get(id.get_ref().as_str()).copied();
        if found.is_none() {
            self.problem(
                Some(id.span()),
                field,
                format!("onbekende verwachting '{}'", id.get_ref()),
            );
        }
        found
    }

    pub(super) fn scored_ref(&mut self, refs: &Refs, id: &Text, field: &str) -> Option<usize> {
        let index = self.expectation_ref(refs, id, field)?;
        if !refs.flat[index].1.is_scored() {
            self.problem(
                Some(id.span()),
                field,
                format!(
                    "verwachting '{}' wordt niet beoordeeld ({}); een beslisregel kan er niet op werken",
                    id.get_ref(),
                    refs.flat[index].1.label()
                ),
            );
            return None;
        }
        Some(index)
    }

    pub(super) fn verdict(&mut self, text: &Text, field: &str) -> Option<Verdict> {
        let v = self
            .verdicts
            .iter()
            .copied()
            .find(|v| v.as_str() == text.get_ref());
        if v.is_none() {
            let ids: Vec<&str> = self.verdicts.iter().map(|v| v.as_str()).collect();
            let choices = match ids.split_last() {
                Some((last, rest)) if !rest.is_empty() => format!("{} of {last}", rest.join(", ")),
                _ => ids.join(", "),
            };
            self.problem(
                Some(text.span()),
                field,
                format!("onbekend eindoordeel '{}'; kies {choices}", text.get_ref()),
            );
        }
        v
    }

    /// The eindoordelen of `[[eindoordeel]]`, best first: two to [`MAX_VERDICTS`], with
    /// well-formed unique ids and a label; the three of the Veilig Thuis kaders when absent.
    fn verdict_scale(&mut self, dtos: &[EindoordeelDto]) -> Vec<Verdict> {
        if dtos.is_empty() {
            return Verdict::BUILTIN.to_vec();
        }
        if dtos.len() < 2 || dtos.len() > MAX_VERDICTS {
            self.problem(
                Some(dtos[0].id.span()),
                "eindoordeel",
                format!(
                    "{} eindoordelen; een kader heeft er 2 tot en met {MAX_VERDICTS}, van best naar slechtst",
                    dtos.len()
                ),
            );
            return Verdict::BUILTIN.to_vec();
        }
        let mut seen = HashSet::new();
        for (i, d) in dtos.iter().enumerate() {
            let field = format!("eindoordeel[{}]", i + 1);
            self.unique(&mut seen, &d.id, &format!("{field}.id"));
            self.token_id(&d.id, &format!("{field}.id"), "basis_op_orde");
            if d.naam.get_ref().trim().is_empty() {
                self.problem(
                    Some(d.naam.span()),
                    format!("{field}.naam"),
                    "mag niet leeg zijn".to_string(),
                );
            }
        }
        let labels: Vec<(&str, &str)> = dtos
            .iter()
            .map(|d| (d.id.get_ref().as_str(), d.naam.get_ref().trim()))
            .collect();
        Verdict::scale(&labels).unwrap_or_else(|| Verdict::BUILTIN.to_vec())
    }
}

fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}
