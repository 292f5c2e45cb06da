//! The beslisregels: the measure, the schalen, the aftrekpunten, the variants of an onvoldoende
//! and the voorwaarden, each a named check, run in the order of the file's sections so the
//! problems come out in that order.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::ops::Range;

use toml::Spanned;

use crate::domain::kader::{
    Condition, DecisionRules, Deduction, MAX_POINTS, Measure, Scale, Theme, Variant,
};

use super::super::dto::{
    AftrekDto, BeslisregelsDto, Number, SchaalDto, Text, VariantDto, VoorwaardeDto,
};
use super::{Refs, Validator, is_slug};

/// How the aftrek of an onvoldoende verwachting is named in messages.
const POINTS: &str = "de aftrek per onvoldoende verwachting";

impl Validator<'_> {
    pub(super) fn rules(
        &mut self,
        dto: Spanned<BeslisregelsDto>,
        refs: &Refs,
        themes: &[Theme],
    ) -> Option<DecisionRules> {
        let dto = dto.into_inner();
        let measure = self.measure(&dto.maat);
        if measure == Some(Measure::Choice) {
            return self.choice_rules(dto);
        }
        let scales = self.declared_scales(&dto.schaal, measure);
        let default_scale = match &dto.standaard_schaal {
            Some(id) => self.scale_ref(id, "beslisregels.standaard_schaal", &scales, &dto.schaal),
            None => {
                self.problem(
                    Some(dto.maat.span()),
                    "beslisregels.standaard_schaal",
                    "ontbreekt: noem de schaal waarop het eindoordeel wordt gelezen".to_string(),
                );
                None
            }
        };
        let default_deduction = match &dto.aftrek_standaard {
            None => Some(1),
            Some(n) => self.number(n, "beslisregels.aftrek_standaard", POINTS, MAX_POINTS),
        };
        let deductions = self.deductions(&dto.aftrek, refs);
        let variants = self.variants(&dto.variant, refs, &scales, &dto.schaal);
        self.one_default_variant_each(&dto.variant, &variants, refs);
        let conditions = self.conditions(&dto.voorwaarde, refs, themes);

        let measure = measure?;
        let default_scale = default_scale?;
        let default_deduction = default_deduction?;
        if scales.len() != dto.schaal.len() {
            return None; // a broken scale, already reported
        }
        let scale_spans: Vec<Range<usize>> = dto.schaal.iter().map(|s| s.id.span()).collect();
        self.scales_never_better(&scales, &scale_spans, default_scale, measure);
        Some(DecisionRules {
            measure,
            default_deduction,
            deductions,
            variants,
            scales,
            default_scale,
            conditions,
            explanation: dto.toelichting,
        })
    }

    /// The beslisregels of `maat = "keuze"`: the analyst chooses the eindoordeel, so a schaal,
    /// aftrek, variant or voorwaarde would never be applied; each is refused with the reason.
    fn choice_rules(&mut self, dto: BeslisregelsDto) -> Option<DecisionRules> {
        let unused = [
            (
                "standaard_schaal",
                dto.standaard_schaal.as_ref().map(|t| t.span()),
            ),
            (
                "aftrek_standaard",
                dto.aftrek_standaard.as_ref().map(|n| n.span()),
            ),
            ("schaal", dto.schaal.first().map(|s| s.id.span())),
            ("aftrek", dto.aftrek.first().map(|a| a.verwachting.span())),
            ("variant", dto.variant.first().map(|v| v.id.span())),
            (
                "voorwaarde",
                dto.voorwaarde.first().map(|v| v.anders.span()),
            ),
        ];
        let mut ok = true;
        for (key, span) in unused {
            if let Some(span) = span {
                ok = false;
                self.problem(
                    Some(span),
                    format!("beslisregels.{key}"),
                    "bij maat = \"keuze\" kiest de inspecteur het eindoordeel en rekent veldtoets niets uit; laat dit weg of kies maat aftrekpunten of voldoende".to_string(),
                );
            }
        }
        ok.then_some(DecisionRules {
            measure: Measure::Choice,
            default_deduction: 0,
            deductions: HashMap::new(),
            variants: Vec::new(),
            scales: Vec::new(),
            default_scale: 0,
            conditions: Vec::new(),
            explanation: dto.toelichting,
        })
    }

    /// `maat`: aftrekpunten, voldoende or keuze.
    fn measure(&mut self, maat: &Text) -> Option<Measure> {
        match maat.get_ref().as_str() {
            "aftrekpunten" => Some(Measure::Deductions),
            "voldoende" => Some(Measure::MetCount),
            "keuze" => Some(Measure::Choice),
            other => {
                self.problem(
                    Some(maat.span()),
                    "beslisregels.maat",
                    format!("onbekende maat '{other}'; kies aftrekpunten, voldoende of keuze"),
                );
                None
            }
        }
    }

    /// The schalen with unique ids; a scale with problems is reported and left out.
    fn declared_scales(&mut self, dtos: &[SchaalDto], measure: Option<Measure>) -> Vec<Scale> {
        let mut scales = Vec::new();
        let mut scale_ids = HashSet::new();
        for (si, s) in dtos.iter().enumerate() {
            let field = format!("beslisregels.schaal[{}]", si + 1);
            self.unique(&mut scale_ids, &s.id, &format!("{field}.id"));
            if let Some(scale) = self.scale(s, &field, measure) {
                scales.push(scale);
            }
        }
        scales
    }

    /// A reference to a scale, by id. A declared scale with its own problems is already
    /// reported; it is not called unknown.
    fn scale_ref(
        &mut self,
        id: &Text,
        field: &str,
        scales: &[Scale],
        declared: &[SchaalDto],
    ) -> Option<usize> {
        let found = scales.iter().position(|s| s.id == *id.get_ref());
        if found.is_none() && !declared.iter().any(|s| s.id.get_ref() == id.get_ref()) {
            self.problem(
                Some(id.span()),
                field,
                format!("onbekende schaal '{}'", id.get_ref()),
            );
        }
        found
    }

    /// `aftrek`: bounded points on a scored verwachting, at most one rule per verwachting.
    fn deductions(&mut self, dtos: &[AftrekDto], refs: &Refs) -> HashMap<usize, Deduction> {
        let mut deductions = HashMap::new();
        for (ai, a) in dtos.iter().enumerate() {
            let weight = self.points(&a.punten, ai);
            let field = format!("beslisregels.aftrek[{}].verwachting", ai + 1);
            if let Some(index) = self.scored_ref(refs, &a.verwachting, &field) {
                let previous = deductions.insert(
                    index,
                    Deduction {
                        // An out-of-range weight is reported, so this kader is refused anyway.
                        points: weight.unwrap_or(0),
                        rule: a.regel.clone(),
                    },
                );
                if previous.is_some() {
                    self.problem(
                        Some(a.verwachting.span()),
                        &field,
                        format!(
                            "verwachting '{}' heeft al een aftrekregel",
                            a.verwachting.get_ref()
                        ),
                    );
                }
            }
        }
        deductions
    }

    fn points(&mut self, punten: &Number, ai: usize) -> Option<u32> {
        self.number(
            punten,
            &format!("beslisregels.aftrek[{}].punten", ai + 1),
            POINTS,
            MAX_POINTS,
        )
    }

    /// `variant`: on a scored verwachting, a valid id unique per verwachting, a known scale.
    fn variants(
        &mut self,
        dtos: &[VariantDto],
        refs: &Refs,
        scales: &[Scale],
        declared: &[SchaalDto],
    ) -> Vec<Variant> {
        let mut variants: Vec<Variant> = Vec::new();
        for (vi, v) in dtos.iter().enumerate() {
            let field = format!("beslisregels.variant[{}]", vi + 1);
            let Some(expectation) =
                self.scored_ref(refs, &v.verwachting, &format!("{field}.verwachting"))
            else {
                continue;
            };
            if !is_slug(v.id.get_ref()) {
                self.problem(
                    Some(v.id.span()),
                    format!("{field}.id"),
                    format!(
                        "'{}' is geen geldige variant-id: gebruik kleine letters, cijfers en '-' of '_'",
                        v.id.get_ref()
                    ),
                );
            }
            if variants
                .iter()
                .any(|o| o.expectation == expectation && o.id == *v.id.get_ref())
            {
                self.problem(
                    Some(v.id.span()),
                    format!("{field}.id"),
                    format!(
                        "dubbele variant '{}' bij verwachting {}",
                        v.id.get_ref(),
                        v.verwachting.get_ref()
                    ),
                );
            }
            let scale = v
                .schaal
                .as_ref()
                .and_then(|s| self.scale_ref(s, &format!("{field}.schaal"), scales, declared));
            variants.push(Variant {
                expectation,
                id: v.id.get_ref().clone(),
                name: v.naam.clone(),
                is_default: v.standaard,
                counts: v.telt_mee,
                scale,
                rule: v.regel.clone(),
            });
        }
        variants
    }

    /// Every verwachting with variants has exactly one marked `standaard` (a plain onvoldoende).
    fn one_default_variant_each(&mut self, dtos: &[VariantDto], variants: &[Variant], refs: &Refs) {
        let with_variants: BTreeSet<usize> = variants.iter().map(|v| v.expectation).collect();
        for e in with_variants {
            let first_span = dtos
                .iter()
                .find(|v| refs.index.get(v.verwachting.get_ref().as_str()) == Some(&e))
                .map(|v| v.verwachting.span());
            let defaults = variants
                .iter()
                .filter(|v| v.expectation == e && v.is_default)
                .count();
            if defaults != 1 {
                self.problem(
                    first_span,
                    "beslisregels.variant",
                    format!(
                        "verwachting {} heeft {defaults} varianten met standaard = true; precies één is nodig (die bedoelt een gewoon 'onvoldoende')",
                        refs.flat[e].0
                    ),
                );
            }
        }
    }

    /// `voorwaarde`: a known thema and/or scored verwachtingen, and a known verdict otherwise.
    fn conditions(
        &mut self,
        dtos: &[VoorwaardeDto],
        refs: &Refs,
        themes: &[Theme],
    ) -> Vec<Condition> {
        let mut conditions = Vec::new();
        for (ci, c) in dtos.iter().enumerate() {
            let field = format!("beslisregels.voorwaarde[{}]", ci + 1);
            let mut expectations = Vec::new();
            let mut label = String::new();
            if let Some(theme_id) = &c.thema {
                match themes.iter().find(|t| t.id == *theme_id.get_ref()) {
                    Some(theme) => {
                        label = format!("thema {} {}", theme.id, theme.title);
                        expectations.extend(
                            theme
                                .criteria
                                .iter()
                                .flat_map(|c| &c.expectations)
                                .filter(|e| e.assessment.is_scored())
                                .filter_map(|e| refs.index.get(e.id.as_str()).copied()),
                        );
                    }
                    None => self.problem(
                        Some(theme_id.span()),
                        format!("{field}.thema"),
                        format!("onbekend thema '{}'", theme_id.get_ref()),
                    ),
                }
            }
            for (ei, id) in c.verwachtingen.iter().enumerate() {
                if let Some(index) =
                    self.scored_ref(refs, id, &format!("{field}.verwachtingen[{}]", ei + 1))
                {
                    expectations.push(index);
                }
            }
            if c.thema.is_none() && c.verwachtingen.is_empty() {
                self.problem(
                    Some(c.anders.span()),
                    &field,
                    "een voorwaarde noemt een thema of verwachtingen".to_string(),
                );
            }
            if label.is_empty() {
                label = format!(
                    "verwachtingen {}",
                    c.verwachtingen
                        .iter()
                        .map(|v| v.get_ref().as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                );
            }
            if let Some(otherwise) = self.verdict(&c.anders, &format!("{field}.anders")) {
                expectations.sort_unstable();
                expectations.dedup();
                conditions.push(Condition {
                    expectations,
                    label,
                    otherwise,
                    rule: c.regel.clone(),
                });
            }
        }
        conditions
    }
}
