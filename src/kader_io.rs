//! The kader file format (TOML, `formaat = 1`; see `assets/kaders/FORMAT.md`): serde DTOs, their
//! validation into [`domain::kader`](crate::domain::kader) types, and the kaders compiled into the
//! binary.
//!
//! Validation collects every problem it finds, each naming the file, the line (from the TOML
//! spans) and the field, so an inspectorate editing a kader can fix a file in one pass.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::fmt;
use std::ops::Range;
use std::path::Path;
use std::sync::OnceLock;

use serde::Deserialize;
use thiserror::Error;
use toml::Spanned;

use crate::domain::kader::{
    Assessment, Band, Condition, Criterion, DecisionRules, Deduction, DocumentItem,
    EvidenceSources, Expectation, Framework, MAX_BAND_LIMIT, MAX_DEADLINE_DAYS, MAX_EXPECTATIONS,
    MAX_POINTS, Measure, Question, Role, Scale, Theme, Variant, Verdict,
};
use crate::domain::termijn::{DateKind, DayCount, DeadlineDef};

/// The newest kader format this program reads.
pub const FORMAT_VERSION: i64 = 1;

/// The kaders shipped inside the binary: (id, file text).
pub const BUILTIN: [(&str, &str); 2] = [
    (
        "vt-2016-stap2",
        include_str!("../assets/kaders/vt-2016-stap2.toml"),
    ),
    (
        "vt-2015-stap1",
        include_str!("../assets/kaders/vt-2015-stap1.toml"),
    ),
];

/// A kader file that cannot be used, with every problem found.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub struct KaderError {
    /// The file name (or `ingebouwd:<id>` for a built-in kader).
    pub file: String,
    pub problems: Vec<Problem>,
}

/// One problem in a kader file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub line: Option<usize>,
    /// Dotted path of the field, e.g. `beslisregels.aftrek[0].verwachting`.
    pub field: String,
    pub message: String,
}

impl fmt::Display for KaderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "kaderbestand '{}' is ongeldig:", self.file)?;
        for p in &self.problems {
            write!(f, "\n  - {p}")?;
        }
        Ok(())
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(line) = self.line {
            write!(f, "regel {line}, ")?;
        }
        if self.field.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "veld {}: {}", self.field, self.message)
        }
    }
}

/// Why a kader could not be found or read.
#[derive(Debug, Error)]
pub enum LoadError {
    #[error(
        "onbekend kader '{0}': geen ingebouwd kader en geen bestand met die naam (ingebouwd: {ids})",
        ids = builtin_ids().join(", ")
    )]
    Unknown(String),
    #[error("kaderbestand '{path}' kan niet worden gelezen: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error(transparent)]
    Invalid(#[from] KaderError),
}

pub fn builtin_ids() -> Vec<&'static str> {
    BUILTIN.iter().map(|(id, _)| *id).collect()
}

/// A built-in kader by id. Parsed once per process.
pub fn builtin(id: &str) -> Option<&'static Framework> {
    static PARSED: OnceLock<Vec<Framework>> = OnceLock::new();
    let all = PARSED.get_or_init(|| {
        BUILTIN
            .iter()
            .map(|(id, text)| {
                parse(text, &format!("ingebouwd:{id}")).unwrap_or_else(|e| {
                    panic!("built-in kader {id} is invalid (a build defect): {e}")
                })
            })
            .collect()
    });
    all.iter().find(|f| f.id == id)
}

/// Resolves a `--kader ID|PATH` argument: a built-in id first, otherwise a file path.
pub fn resolve(id_or_path: &str) -> Result<Framework, LoadError> {
    if let Some(framework) = builtin(id_or_path) {
        return Ok(framework.clone());
    }
    let path = Path::new(id_or_path);
    if !path.exists() {
        return Err(LoadError::Unknown(id_or_path.to_string()));
    }
    load_path(path)
}

/// Loads and validates a kader file.
pub fn load_path(path: &Path) -> Result<Framework, LoadError> {
    let text = std::fs::read_to_string(path).map_err(|source| LoadError::Read {
        path: path.display().to_string(),
        source,
    })?;
    Ok(parse(&text, &path.display().to_string())?)
}

/// Parses and validates kader text; `file` names it in error messages.
pub fn parse(text: &str, file: &str) -> Result<Framework, KaderError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines = LineIndex::new(text);
    let dto: KaderDto = toml::from_str(text).map_err(|e| KaderError {
        file: file.to_string(),
        problems: vec![Problem {
            line: e.span().map(|s| lines.line(s.start)),
            field: String::new(),
            message: format!("geen geldig kaderbestand (TOML): {}", e.message().trim()),
        }],
    })?;
    let mut v = Validator {
        lines: &lines,
        problems: Vec::new(),
    };
    let framework = v.framework(dto, text);
    match framework {
        Some(f) if v.problems.is_empty() => Ok(f),
        _ => Err(KaderError {
            file: file.to_string(),
            problems: v.problems,
        }),
    }
}

// ---------------------------------------------------------------------------------------------
// DTOs: the file as written. Field names are the Dutch keys of the format.

type Text = Spanned<String>;
/// A number as written: read as i64 (any TOML integer) so that a negative or huge value gets a
/// message naming its field instead of a bare TOML type error, then bounded by the validator.
type Number = Spanned<i64>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct KaderDto {
    formaat: Spanned<i64>,
    id: Text,
    titel: String,
    #[serde(default)]
    bron: String,
    #[serde(default)]
    inleiding: String,
    #[serde(default)]
    thema: Vec<ThemaDto>,
    beslisregels: Spanned<BeslisregelsDto>,
    #[serde(default)]
    termijn: Vec<TermijnDto>,
    #[serde(default)]
    bronnen: BronnenDto,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ThemaDto {
    id: Text,
    titel: String,
    #[serde(default)]
    omschrijving: String,
    #[serde(default)]
    criterium: Vec<CriteriumDto>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CriteriumDto {
    id: Text,
    titel: String,
    #[serde(default)]
    voetnoten: Vec<String>,
    #[serde(default)]
    verwachting: Vec<VerwachtingDto>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct VerwachtingDto {
    id: Text,
    tekst: Text,
    #[serde(default)]
    voetnoten: Vec<String>,
    #[serde(default)]
    beoordeling: Option<Text>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BeslisregelsDto {
    maat: Text,
    /// Default 1.
    #[serde(default)]
    aftrek_standaard: Option<Number>,
    standaard_schaal: Text,
    #[serde(default)]
    toelichting: String,
    #[serde(default)]
    aftrek: Vec<AftrekDto>,
    #[serde(default)]
    variant: Vec<VariantDto>,
    #[serde(default)]
    schaal: Vec<SchaalDto>,
    #[serde(default)]
    voorwaarde: Vec<VoorwaardeDto>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AftrekDto {
    verwachting: Text,
    punten: Number,
    #[serde(default)]
    regel: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct VariantDto {
    verwachting: Text,
    id: Text,
    naam: String,
    #[serde(default)]
    standaard: bool,
    #[serde(default = "yes")]
    telt_mee: bool,
    #[serde(default)]
    schaal: Option<Text>,
    #[serde(default)]
    regel: String,
}

fn yes() -> bool {
    true
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SchaalDto {
    id: Text,
    naam: String,
    #[serde(default)]
    band: Vec<Spanned<BandDto>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BandDto {
    van: Number,
    #[serde(default)]
    tot: Option<Number>,
    eindoordeel: Text,
    #[serde(default)]
    regel: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct VoorwaardeDto {
    #[serde(default)]
    thema: Option<Text>,
    #[serde(default)]
    verwachtingen: Vec<Text>,
    anders: Text,
    #[serde(default)]
    regel: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TermijnDto {
    id: Text,
    naam: String,
    vanaf: Text,
    tot: Text,
    #[serde(default)]
    dagen: Option<Number>,
    #[serde(default)]
    weken: Option<Number>,
    #[serde(default)]
    eenheid: Option<Text>,
    #[serde(default)]
    verwachtingen: Vec<Text>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct BronnenDto {
    #[serde(default)]
    toelichting: String,
    #[serde(default)]
    rol: Vec<RolDto>,
    #[serde(default)]
    flitsvraag: Vec<VraagDto>,
    #[serde(default)]
    dossiervraag: Vec<VraagDto>,
    #[serde(default)]
    document: Vec<DocumentDto>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RolDto {
    id: Text,
    naam: String,
    #[serde(default)]
    vraag: Vec<VraagDto>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct VraagDto {
    id: Text,
    tekst: String,
    #[serde(default)]
    verwachtingen: Vec<Text>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DocumentDto {
    id: Text,
    naam: String,
    #[serde(default)]
    verwachtingen: Vec<Text>,
}

// ---------------------------------------------------------------------------------------------
// Validation

struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(text: &str) -> LineIndex {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex { starts }
    }

    /// 1-based line of a byte offset.
    fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset)
    }
}

struct Validator<'a> {
    lines: &'a LineIndex,
    problems: Vec<Problem>,
}

impl Validator<'_> {
    fn problem(&mut self, span: Option<Range<usize>>, field: impl Into<String>, message: String) {
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
        if !flat.iter().any(|(_, a)| a.is_scored()) {
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
        let rules = self.rules(dto.beslisregels, &refs, &themes);
        let deadlines = self.deadlines(&dto.termijn, &refs);
        let sources = self.sources(dto.bronnen, &refs);
        let rules = rules?;

        Some(Framework::new(
            dto.id.into_inner(),
            dto.titel,
            dto.bron,
            dto.inleiding,
            themes,
            rules,
            deadlines,
            sources,
            text.to_string(),
        ))
    }

    fn themes(&mut self, dtos: &[ThemaDto]) -> Vec<Theme> {
        let mut seen = HashSet::new();
        let mut themes = Vec::new();
        let mut count = 0usize;
        if dtos.is_empty() {
            self.problem(None, "thema", "het kader bevat geen thema's".to_string());
        }
        for (ti, t) in dtos.iter().enumerate() {
            let field = format!("thema[{ti}]");
            self.unique(&mut seen, &t.id, &format!("{field}.id"));
            if t.criterium.is_empty() {
                self.problem(
                    Some(t.id.span()),
                    &field,
                    format!("thema {} heeft geen criteria", t.id.get_ref()),
                );
            }
            let mut criteria = Vec::new();
            for (ci, c) in t.criterium.iter().enumerate() {
                let cfield = format!("{field}.criterium[{ci}]");
                self.unique(&mut seen, &c.id, &format!("{cfield}.id"));
                self.extends(&c.id, t.id.get_ref(), &format!("{cfield}.id"));
                if c.verwachting.is_empty() {
                    self.problem(
                        Some(c.id.span()),
                        &cfield,
                        format!("criterium {} heeft geen verwachtingen", c.id.get_ref()),
                    );
                }
                let mut expectations = Vec::new();
                for (ei, e) in c.verwachting.iter().enumerate() {
                    let efield = format!("{cfield}.verwachting[{ei}]");
                    count += 1;
                    if count == MAX_EXPECTATIONS + 1 {
                        self.problem(
                            Some(e.id.span()),
                            format!("{efield}.id"),
                            format!(
                                "verwachting {} is de {count}e; een kader heeft ten hoogste {MAX_EXPECTATIONS} verwachtingen",
                                e.id.get_ref()
                            ),
                        );
                    }
                    self.unique(&mut seen, &e.id, &format!("{efield}.id"));
                    self.extends(&e.id, c.id.get_ref(), &format!("{efield}.id"));
                    if e.tekst.get_ref().trim().is_empty() {
                        self.problem(
                            Some(e.tekst.span()),
                            format!("{efield}.tekst"),
                            "mag niet leeg zijn".to_string(),
                        );
                    }
                    let assessment = match e.beoordeling.as_ref().map(|b| b.get_ref().as_str()) {
                        None | Some("beoordeeld") => Assessment::Judged,
                        Some("inventarisatie") => Assessment::Inventoried,
                        Some("buiten_beoordeling") => Assessment::NotAssessed,
                        Some(other) => {
                            self.problem(
                                e.beoordeling.as_ref().map(|b| b.span()),
                                format!("{efield}.beoordeling"),
                                format!(
                                    "onbekende waarde '{other}'; kies beoordeeld, inventarisatie of buiten_beoordeling"
                                ),
                            );
                            Assessment::Judged
                        }
                    };
                    expectations.push(Expectation {
                        id: e.id.get_ref().clone(),
                        text: e.tekst.get_ref().clone(),
                        footnotes: e.voetnoten.clone(),
                        assessment,
                    });
                }
                criteria.push(Criterion {
                    id: c.id.get_ref().clone(),
                    title: c.titel.clone(),
                    footnotes: c.voetnoten.clone(),
                    expectations,
                });
            }
            themes.push(Theme {
                id: t.id.get_ref().clone(),
                title: t.titel.clone(),
                description: t.omschrijving.clone(),
                criteria,
            });
        }
        themes
    }

    /// A number from the file if it lies in `0..=max`; otherwise a problem naming the field.
    /// `what` names the quantity in the message ("het aantal aftrekpunten").
    fn number(&mut self, n: &Number, field: &str, what: &str, max: u32) -> Option<u32> {
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

    fn unique(&mut self, seen: &mut HashSet<String>, id: &Text, field: &str) {
        let value = id.get_ref();
        if value.trim().is_empty() {
            self.problem(Some(id.span()), field, "mag niet leeg zijn".to_string());
        } else if !seen.insert(value.clone()) {
            self.problem(Some(id.span()), field, format!("dubbele id '{value}'"));
        }
    }

    fn extends(&mut self, id: &Text, parent: &str, field: &str) {
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

    fn expectation_ref(&mut self, refs: &Refs, id: &Text, field: &str) -> Option<usize> {
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

    fn scored_ref(&mut self, refs: &Refs, id: &Text, field: &str) -> Option<usize> {
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

    fn verdict(&mut self, text: &Text, field: &str) -> Option<Verdict> {
        let v = Verdict::parse(text.get_ref());
        if v.is_none() {
            self.problem(
                Some(text.span()),
                field,
                format!(
                    "onbekend eindoordeel '{}'; kies voldoende, matig of onvoldoende",
                    text.get_ref()
                ),
            );
        }
        v
    }

    fn rules(
        &mut self,
        dto: Spanned<BeslisregelsDto>,
        refs: &Refs,
        themes: &[Theme],
    ) -> Option<DecisionRules> {
        let dto = dto.into_inner();
        let measure = match dto.maat.get_ref().as_str() {
            "aftrekpunten" => Some(Measure::Deductions),
            "voldoende" => Some(Measure::MetCount),
            other => {
                self.problem(
                    Some(dto.maat.span()),
                    "beslisregels.maat",
                    format!("onbekende maat '{other}'; kies aftrekpunten of voldoende"),
                );
                None
            }
        };

        let mut scales = Vec::new();
        let mut scale_ids = HashSet::new();
        for (si, s) in dto.schaal.iter().enumerate() {
            let field = format!("beslisregels.schaal[{si}]");
            self.unique(&mut scale_ids, &s.id, &format!("{field}.id"));
            if let Some(scale) = self.scale(s, &field, measure) {
                scales.push(scale);
            }
        }
        let scale_index = |id: &str| scales.iter().position(|s: &Scale| s.id == id);
        // A declared scale with its own problems is already reported; don't call it unknown.
        let declared = |id: &str| dto.schaal.iter().any(|s| s.id.get_ref() == id);
        let default_scale = scale_index(dto.standaard_schaal.get_ref());
        if default_scale.is_none() && !declared(dto.standaard_schaal.get_ref()) {
            self.problem(
                Some(dto.standaard_schaal.span()),
                "beslisregels.standaard_schaal",
                format!("onbekende schaal '{}'", dto.standaard_schaal.get_ref()),
            );
        }

        let points = "de aftrek per onvoldoende verwachting";
        let default_deduction = match &dto.aftrek_standaard {
            None => Some(1),
            Some(n) => self.number(n, "beslisregels.aftrek_standaard", points, MAX_POINTS),
        };
        let mut deductions = HashMap::new();
        for (ai, a) in dto.aftrek.iter().enumerate() {
            let weight = self.number(
                &a.punten,
                &format!("beslisregels.aftrek[{ai}].punten"),
                points,
                MAX_POINTS,
            );
            let field = format!("beslisregels.aftrek[{ai}].verwachting");
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

        let mut variants = Vec::new();
        for (vi, v) in dto.variant.iter().enumerate() {
            let field = format!("beslisregels.variant[{vi}]");
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
                .any(|o: &Variant| o.expectation == expectation && o.id == *v.id.get_ref())
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
            let scale = match &v.schaal {
                None => None,
                Some(s) => {
                    let found = scale_index(s.get_ref());
                    if found.is_none() && !declared(s.get_ref()) {
                        self.problem(
                            Some(s.span()),
                            format!("{field}.schaal"),
                            format!("onbekende schaal '{}'", s.get_ref()),
                        );
                    }
                    found
                }
            };
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
        let with_variants: BTreeSet<usize> = variants.iter().map(|v| v.expectation).collect();
        for e in with_variants {
            let first_span = dto
                .variant
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

        let mut conditions = Vec::new();
        for (ci, c) in dto.voorwaarde.iter().enumerate() {
            let field = format!("beslisregels.voorwaarde[{ci}]");
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
                    self.scored_ref(refs, id, &format!("{field}.verwachtingen[{ei}]"))
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

    fn scale(&mut self, s: &SchaalDto, field: &str, measure: Option<Measure>) -> Option<Scale> {
        let mut bands = Vec::new();
        // Where the next band must start; unknown after a band with an out-of-range limit.
        let mut expected_from = Some(0u32);
        let mut ok = true;
        if s.band.is_empty() {
            self.problem(
                Some(s.id.span()),
                field,
                format!("schaal '{}' heeft geen banden", s.id.get_ref()),
            );
            return None;
        }
        for (bi, spanned) in s.band.iter().enumerate() {
            let b = spanned.get_ref();
            let bfield = format!("{field}.band[{bi}]");
            let span = Some(spanned.span());
            let limit = "een grens van een band";
            let van = self.number(&b.van, &format!("{bfield}.van"), limit, MAX_BAND_LIMIT);
            let tot = match &b.tot {
                None => Some(None),
                Some(t) => self
                    .number(t, &format!("{bfield}.tot"), limit, MAX_BAND_LIMIT)
                    .map(Some),
            };
            let (Some(van), Some(tot)) = (van, tot) else {
                // Reported; the rest of the scale is not checked against a limit out of range.
                ok = false;
                expected_from = None;
                self.verdict(&b.eindoordeel, &format!("{bfield}.eindoordeel"));
                continue;
            };
            if let Some(expected) = expected_from
                && van != expected
            {
                ok = false;
                let message = if van > expected {
                    format!(
                        "gat in de schaal: {} tot en met {} valt in geen enkele band",
                        expected,
                        van - 1
                    )
                } else {
                    format!(
                        "overlap in de schaal: band begint bij {van} maar {van} valt al in de vorige band"
                    )
                };
                self.problem(span.clone(), format!("{bfield}.van"), message);
            }
            let last = bi + 1 == s.band.len();
            match (tot, last) {
                (Some(tot), _) if tot < van => {
                    ok = false;
                    self.problem(
                        span.clone(),
                        format!("{bfield}.tot"),
                        format!("tot ({tot}) ligt vóór van ({van})"),
                    );
                }
                (Some(_), true) => {
                    ok = false;
                    self.problem(
                        span.clone(),
                        format!("{bfield}.tot"),
                        "de laatste band is open naar boven: laat 'tot' weg".to_string(),
                    );
                }
                (None, false) => {
                    ok = false;
                    self.problem(
                        span.clone(),
                        format!("{bfield}.tot"),
                        "alleen de laatste band mag zonder 'tot'".to_string(),
                    );
                }
                _ => {}
            }
            // Bounded by MAX_BAND_LIMIT, so `t + 1` cannot overflow.
            expected_from = match tot {
                Some(t) => Some(t + 1),
                None => expected_from,
            };
            let Some(verdict) = self.verdict(&b.eindoordeel, &format!("{bfield}.eindoordeel"))
            else {
                ok = false;
                continue;
            };
            if let (Some(previous), Some(measure)) = (bands.last(), measure) {
                let previous: &Band = previous;
                let worse = match measure {
                    Measure::Deductions => verdict < previous.verdict,
                    Measure::MetCount => verdict > previous.verdict,
                };
                if worse {
                    ok = false;
                    self.problem(
                        span.clone(),
                        format!("{bfield}.eindoordeel"),
                        format!(
                            "een slechter resultaat geeft hier een beter eindoordeel ({} na {})",
                            verdict, previous.verdict
                        ),
                    );
                }
            }
            bands.push(Band {
                from: van,
                to: tot,
                verdict,
                rule: b.regel.clone(),
            });
        }
        ok.then(|| Scale {
            id: s.id.get_ref().clone(),
            name: s.naam.clone(),
            bands,
        })
    }

    /// Every other scale must be nowhere better than the default one; otherwise a variant could
    /// make failing a verwachting improve the eindoordeel.
    fn scales_never_better(
        &mut self,
        scales: &[Scale],
        spans: &[Range<usize>],
        default: usize,
        measure: Measure,
    ) {
        // Both scales are step functions, constant between band starts: comparing them at every
        // band start of either scale compares them everywhere.
        let breakpoints: BTreeSet<u32> = scales
            .iter()
            .flat_map(|s| &s.bands)
            .flat_map(|b| [Some(b.from), b.to.and_then(|t| t.checked_add(1))])
            .flatten()
            .collect();
        for (i, scale) in scales.iter().enumerate() {
            if i == default {
                continue;
            }
            if let Some(value) = breakpoints
                .iter()
                .find(|&&v| scale.band(v).verdict < scales[default].band(v).verdict)
            {
                let what = match measure {
                    Measure::Deductions => "aftrekpunten",
                    Measure::MetCount => "verwachtingen voldoende",
                };
                self.problem(
                    spans.get(i).cloned(),
                    format!("beslisregels.schaal[{i}]"),
                    format!(
                        "schaal '{}' geeft bij {value} {what} een beter eindoordeel dan de standaardschaal '{}'",
                        scale.id, scales[default].id
                    ),
                );
            }
        }
    }

    fn deadlines(&mut self, dtos: &[TermijnDto], refs: &Refs) -> Vec<DeadlineDef> {
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for (ti, t) in dtos.iter().enumerate() {
            let field = format!("termijn[{ti}]");
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
            if days == 0 {
                self.problem(
                    Some(t.id.span()),
                    &field,
                    "een termijn heeft een lengte: geef dagen en/of weken".to_string(),
                );
            }
            if from.is_some() && from == to {
                self.problem(
                    Some(t.tot.span()),
                    format!("{field}.tot"),
                    "begin- en einddatum van een termijn zijn verschillend".to_string(),
                );
            }
            let mut expectations = Vec::new();
            for (ei, id) in t.verwachtingen.iter().enumerate() {
                if self
                    .expectation_ref(refs, id, &format!("{field}.verwachtingen[{ei}]"))
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

    fn date_kind(&mut self, text: &Text, field: &str) -> Option<DateKind> {
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

    fn sources(&mut self, dto: BronnenDto, refs: &Refs) -> EvidenceSources {
        let mut ids = HashSet::new();
        let mut covered = HashSet::new();
        let mut role_ids = HashSet::new();
        let mut roles = Vec::new();
        for (ri, r) in dto.rol.iter().enumerate() {
            let field = format!("bronnen.rol[{ri}]");
            self.unique(&mut role_ids, &r.id, &format!("{field}.id"));
            let questions = r
                .vraag
                .iter()
                .enumerate()
                .map(|(qi, q)| {
                    self.question(
                        q,
                        &format!("{field}.vraag[{qi}]"),
                        refs,
                        &mut ids,
                        &mut covered,
                    )
                })
                .collect();
            roles.push(Role {
                id: r.id.get_ref().clone(),
                name: r.naam.clone(),
                questions,
            });
        }
        let mut list = |v: &mut Self, items: &[VraagDto], name: &str| -> Vec<Question> {
            items
                .iter()
                .enumerate()
                .map(|(i, q)| {
                    v.question(
                        q,
                        &format!("bronnen.{name}[{i}]"),
                        refs,
                        &mut ids,
                        &mut covered,
                    )
                })
                .collect()
        };
        let flash_questions = list(self, &dto.flitsvraag, "flitsvraag");
        let checklist = list(self, &dto.dossiervraag, "dossiervraag");
        let mut documents = Vec::new();
        for (di, d) in dto.document.iter().enumerate() {
            let field = format!("bronnen.document[{di}]");
            self.unique(&mut ids, &d.id, &format!("{field}.id"));
            let expectations = self.refs_list(
                &d.verwachtingen,
                &format!("{field}.verwachtingen"),
                refs,
                &mut covered,
            );
            documents.push(DocumentItem {
                id: d.id.get_ref().clone(),
                name: d.naam.clone(),
                expectations,
            });
        }
        for ((id, assessment), span) in refs.flat.iter().zip(refs.spans) {
            if assessment.is_scored() && !covered.contains(id) {
                self.problem(
                    Some(span.clone()),
                    "bronnen",
                    format!(
                        "verwachting {id} wordt door geen enkele bron (interviewvraag, flitsvraag, dossiervraag of document) onderbouwd"
                    ),
                );
            }
        }
        EvidenceSources {
            explanation: dto.toelichting,
            roles,
            flash_questions,
            checklist,
            documents,
        }
    }

    fn question(
        &mut self,
        q: &VraagDto,
        field: &str,
        refs: &Refs,
        ids: &mut HashSet<String>,
        covered: &mut HashSet<String>,
    ) -> Question {
        self.unique(ids, &q.id, &format!("{field}.id"));
        if q.tekst.trim().is_empty() {
            self.problem(
                Some(q.id.span()),
                format!("{field}.tekst"),
                "mag niet leeg zijn".to_string(),
            );
        }
        let expectations = self.refs_list(
            &q.verwachtingen,
            &format!("{field}.verwachtingen"),
            refs,
            covered,
        );
        Question {
            id: q.id.get_ref().clone(),
            text: q.tekst.clone(),
            expectations,
        }
    }

    fn refs_list(
        &mut self,
        list: &[Text],
        field: &str,
        refs: &Refs,
        covered: &mut HashSet<String>,
    ) -> Vec<String> {
        let mut out = Vec::new();
        for (i, id) in list.iter().enumerate() {
            if self
                .expectation_ref(refs, id, &format!("{field}[{i}]"))
                .is_some()
            {
                covered.insert(id.get_ref().clone());
                out.push(id.get_ref().clone());
            }
        }
        out
    }
}

struct Refs<'a> {
    index: &'a HashMap<&'a str, usize>,
    flat: &'a [(String, Assessment)],
    /// Span of each verwachting's id, aligned with `flat`.
    spans: &'a [Range<usize>],
}

fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}
