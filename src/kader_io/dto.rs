//! The kader file as written: serde DTOs whose field names are the Dutch keys of the format.
//! Everything that can be wrong in a value keeps its span, so the validator can name the line.

use serde::Deserialize;
use toml::Spanned;

pub(super) type Text = Spanned<String>;
/// A number as written: read as i64 (any TOML integer) so that a negative or huge value gets a
/// message naming its field instead of a bare TOML type error, then bounded by the validator.
pub(super) type Number = Spanned<i64>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct KaderDto {
    pub(super) formaat: Spanned<i64>,
    pub(super) id: Text,
    pub(super) titel: String,
    #[serde(default)]
    pub(super) bron: String,
    #[serde(default)]
    pub(super) inleiding: String,
    /// Who publishes rapporten on this kader ("Inspectie Jeugdzorg en …").
    #[serde(default)]
    pub(super) inspectie: String,
    #[serde(default)]
    pub(super) thema: Vec<ThemaDto>,
    pub(super) beslisregels: Spanned<BeslisregelsDto>,
    /// The eindoordelen, best first; voldoende / matig / onvoldoende when absent.
    #[serde(default)]
    pub(super) eindoordeel: Vec<EindoordeelDto>,
    /// The dates a dossier records; the five of the Veilig Thuis kaders when absent.
    #[serde(default)]
    pub(super) datum: Vec<DatumDto>,
    #[serde(default)]
    pub(super) termijn: Vec<TermijnDto>,
    #[serde(default)]
    pub(super) bronnen: BronnenDto,
    #[serde(default)]
    pub(super) vervolg: Vec<VervolgDto>,
    #[serde(default)]
    pub(super) criteriumoordeel: Vec<CriteriumoordeelDto>,
    #[serde(default)]
    pub(super) norm: Vec<NormDto>,
    #[serde(default)]
    pub(super) wachtlijst: Option<WachtlijstDto>,
    /// Kerndata asked per onderzoek (seed 001: budget, meldingen in a quarter, fte).
    #[serde(default)]
    pub(super) kerngegeven: Vec<KerngegevenDto>,
}

/// How the wachtlijst per zaak is judged: a contact within this many days before the peildatum
/// counts as zicht op veiligheid.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct WachtlijstDto {
    pub(super) contact_binnen_dagen: Number,
}

/// A norm on a figure: the share within a termijn must be at least `minimaal` percent.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct NormDto {
    /// The figure: the share within this termijn …
    #[serde(default)]
    pub(super) termijn: Option<Text>,
    /// … or another figure ("zicht_op_veiligheid").
    #[serde(default)]
    pub(super) cijfer: Option<Text>,
    pub(super) minimaal: Number,
    /// The verwachtingen it informs; left out: the termijn's own.
    #[serde(default)]
    pub(super) verwachtingen: Option<Vec<Text>>,
    #[serde(default)]
    pub(super) regel: String,
}

/// One level of the scale of the inspectors' oordeel per criterium (seed 003: V, M, O).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct CriteriumoordeelDto {
    pub(super) code: Text,
    pub(super) naam: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ThemaDto {
    pub(super) id: Text,
    pub(super) titel: String,
    #[serde(default)]
    pub(super) omschrijving: String,
    #[serde(default)]
    pub(super) criterium: Vec<CriteriumDto>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct CriteriumDto {
    pub(super) id: Text,
    pub(super) titel: String,
    #[serde(default)]
    pub(super) voetnoten: Vec<String>,
    #[serde(default)]
    pub(super) verwachting: Vec<VerwachtingDto>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct VerwachtingDto {
    pub(super) id: Text,
    pub(super) tekst: Text,
    #[serde(default)]
    pub(super) voetnoten: Vec<String>,
    #[serde(default)]
    pub(super) beoordeling: Option<Text>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct BeslisregelsDto {
    pub(super) maat: Text,
    /// Default 1.
    #[serde(default)]
    pub(super) aftrek_standaard: Option<Number>,
    /// Required unless `maat = "keuze"` (then there are no schalen).
    #[serde(default)]
    pub(super) standaard_schaal: Option<Text>,
    #[serde(default)]
    pub(super) toelichting: String,
    #[serde(default)]
    pub(super) aftrek: Vec<AftrekDto>,
    #[serde(default)]
    pub(super) variant: Vec<VariantDto>,
    #[serde(default)]
    pub(super) schaal: Vec<SchaalDto>,
    #[serde(default)]
    pub(super) voorwaarde: Vec<VoorwaardeDto>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct AftrekDto {
    pub(super) verwachting: Text,
    pub(super) punten: Number,
    #[serde(default)]
    pub(super) regel: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct VariantDto {
    pub(super) verwachting: Text,
    pub(super) id: Text,
    pub(super) naam: String,
    #[serde(default)]
    pub(super) standaard: bool,
    #[serde(default = "yes")]
    pub(super) telt_mee: bool,
    #[serde(default)]
    pub(super) schaal: Option<Text>,
    #[serde(default)]
    pub(super) regel: String,
}

fn yes() -> bool {
    true
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct SchaalDto {
    pub(super) id: Text,
    pub(super) naam: String,
    #[serde(default)]
    pub(super) band: Vec<Spanned<BandDto>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct BandDto {
    pub(super) van: Number,
    #[serde(default)]
    pub(super) tot: Option<Number>,
    pub(super) eindoordeel: Text,
    #[serde(default)]
    pub(super) regel: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct VoorwaardeDto {
    #[serde(default)]
    pub(super) thema: Option<Text>,
    #[serde(default)]
    pub(super) verwachtingen: Vec<Text>,
    pub(super) anders: Text,
    #[serde(default)]
    pub(super) regel: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct TermijnDto {
    pub(super) id: Text,
    pub(super) naam: String,
    pub(super) vanaf: Text,
    /// One date, or a list: the first of these dates filled in stops the clock.
    pub(super) tot: Spanned<Stops>,
    /// The term applies only to dossiers with its `vanaf` date.
    #[serde(default)]
    pub(super) optioneel: bool,
    #[serde(default)]
    pub(super) dagen: Option<Number>,
    #[serde(default)]
    pub(super) weken: Option<Number>,
    #[serde(default)]
    pub(super) eenheid: Option<Text>,
    #[serde(default)]
    pub(super) verwachtingen: Vec<Text>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct VervolgDto {
    pub(super) id: Text,
    pub(super) tekst: String,
    pub(super) na: Text,
    #[serde(default)]
    pub(super) weken: Option<Number>,
    #[serde(default)]
    pub(super) maanden: Option<Number>,
    #[serde(default)]
    pub(super) eindoordelen: Vec<Text>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct BronnenDto {
    #[serde(default)]
    pub(super) toelichting: String,
    #[serde(default)]
    pub(super) rol: Vec<RolDto>,
    #[serde(default)]
    pub(super) flitsvraag: Vec<VraagDto>,
    #[serde(default)]
    pub(super) dossiervraag: Vec<VraagDto>,
    #[serde(default)]
    pub(super) document: Vec<DocumentDto>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RolDto {
    pub(super) id: Text,
    pub(super) naam: String,
    #[serde(default)]
    pub(super) vraag: Vec<VraagDto>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct VraagDto {
    pub(super) id: Text,
    pub(super) tekst: String,
    #[serde(default)]
    pub(super) verwachtingen: Vec<Text>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct DocumentDto {
    pub(super) id: Text,
    pub(super) naam: String,
    #[serde(default)]
    pub(super) verwachtingen: Vec<Text>,
}

/// A dossier date: `id` (the token in termijnen, files and JSON), `naam` (the Dutch label) and
/// optionally the dates it never lies before (`na`).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct DatumDto {
    pub(super) id: Text,
    pub(super) naam: Text,
    #[serde(default)]
    pub(super) na: Vec<Text>,
}

/// The stop date of a termijn as written: one date or a list of alternatives.
#[derive(Deserialize)]
#[serde(untagged)]
pub(super) enum Stops {
    One(String),
    Many(Vec<String>),
}

impl Stops {
    pub(super) fn ids(&self) -> Vec<&str> {
        match self {
            Stops::One(id) => vec![id.as_str()],
            Stops::Many(ids) => ids.iter().map(String::as_str).collect(),
        }
    }
}

/// An eindoordeel label: `id` (used in the beslisregels, files and JSON) and `naam`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct EindoordeelDto {
    pub(super) id: Text,
    pub(super) naam: Text,
    /// What the eindoordeel means (seed 001 §1.2: the text of each category); optional.
    #[serde(default)]
    pub(super) omschrijving: String,
}

/// A kerngegeven asked per onderzoek: `id`, `naam`, `soort` (aantal, bedrag, fte), optionally
/// `eenheid`, `periode` and `groep`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct KerngegevenDto {
    pub(super) id: Text,
    pub(super) naam: Text,
    pub(super) soort: Text,
    #[serde(default)]
    pub(super) eenheid: Option<String>,
    #[serde(default)]
    pub(super) periode: String,
    #[serde(default)]
    pub(super) groep: String,
}
