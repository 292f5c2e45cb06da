//! The record kinds of an inspection, each declared once: its data type, its fields (which are
//! also its columns in the file and its names in conflict lists), its summary, and one line in the
//! `record_kinds!` list at the bottom. The machinery that works on any kind is in
//! [`super::record`].
//!
//! Adding a kind: write its data type and `RecordData` impl here, add its line to the list, add
//! its field to [`super::inspection::Inspection`] (the compiler points there), and give it a table
//! and a migration in `store::schema`.

use std::collections::BTreeMap;
use std::fmt;

use jiff::civil::{Date, DateTime};

use super::inspection::Inspection;
use super::judgement::{Judgement, JudgementError, JudgementValue};
use super::kader::Framework;
use super::record::Kinded;
use super::record::{Field, FieldError, FieldType, RecordData, Value, Values, record_kinds};
use super::termijn::{self, CaseDates};
use super::wachtlijst::{Prioriteit, WachtOp};
use super::wederhoor::{Besluit, Fase, RapportBlok, ReactieSoort};

/// How an observation bears on a verwachting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Tag {
    Ondersteunt,
    Weerspreekt,
    Neutraal,
}

impl Tag {
    pub const ALL: [Tag; 3] = [Tag::Ondersteunt, Tag::Weerspreekt, Tag::Neutraal];

    pub fn as_str(self) -> &'static str {
        match self {
            Tag::Ondersteunt => "ondersteunt",
            Tag::Weerspreekt => "weerspreekt",
            Tag::Neutraal => "neutraal",
        }
    }

    pub fn parse(s: &str) -> Option<Tag> {
        Tag::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

impl fmt::Display for Tag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Tags per verwachting id.
pub type Tags = BTreeMap<String, Tag>;

/// The onderzoek's editable details.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Details {
    pub organisatie: String,
    pub bezoek_van: Option<Date>,
    pub bezoek_tot: Option<Date>,
    pub notitie: String,
    /// The date up to which open dossiers are measured against their termijnen, when the
    /// inspectors set one; otherwise the first visit day counts ([`Inspection::peildatum`]).
    pub peildatum: Option<Date>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct InterviewData {
    /// Role id from the kader's interview guide.
    pub rol: String,
    pub datum: Option<Date>,
    /// Participants by function only, never by name.
    pub deelnemers: String,
    pub notitie: String,
    /// How many took part per function ("uitvoerend medewerker" → "3"), never names; the
    /// counts are digits (see [`InterviewData::counts`]).
    pub aantallen: BTreeMap<String, String>,
}

impl InterviewData {
    /// The participants per function with a count above zero (a count that is not a number is
    /// left out: it was not written by veldtoets).
    pub fn counts(&self) -> Vec<(&str, u32)> {
        self.aantallen
            .iter()
            .filter_map(|(f, n)| {
                let n: u32 = n.trim().parse().ok()?;
                (n > 0 && !f.trim().is_empty()).then_some((f.trim(), n))
            })
            .collect()
    }

    /// The number of participants, when counted.
    pub fn participant_total(&self) -> Option<u32> {
        let counts = self.counts();
        (!counts.is_empty()).then(|| counts.iter().map(|(_, n)| n).sum())
    }
}

/// The answer to one guide question in one interview.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AnswerData {
    pub interview: String,
    pub vraag: String,
    pub notitie: String,
    pub tags: Tags,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FlashData {
    pub functie: String,
    pub tijdstip: Option<DateTime>,
    /// Answer per flitsvraag id.
    pub antwoorden: BTreeMap<String, String>,
    pub tags: Tags,
    pub notitie: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Selection {
    #[default]
    Willekeurig,
    Gericht,
}

impl Selection {
    pub fn as_str(self) -> &'static str {
        match self {
            Selection::Willekeurig => "willekeurig",
            Selection::Gericht => "gericht",
        }
    }

    pub fn parse(s: &str) -> Option<Selection> {
        [Selection::Willekeurig, Selection::Gericht]
            .into_iter()
            .find(|v| v.as_str() == s)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DossierData {
    /// Pseudonymous dossier number only.
    pub nummer: String,
    pub selectie: Selection,
    pub dates: CaseDates,
    pub notitie: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, PartialOrd, Ord)]
pub enum CheckAnswer {
    Ja,
    Nee,
    Nvt,
    #[default]
    Open,
}

impl CheckAnswer {
    pub fn as_str(self) -> &'static str {
        match self {
            CheckAnswer::Ja => "ja",
            CheckAnswer::Nee => "nee",
            CheckAnswer::Nvt => "nvt",
            CheckAnswer::Open => "open",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            CheckAnswer::Ja => "ja",
            CheckAnswer::Nee => "nee",
            CheckAnswer::Nvt => "n.v.t.",
            CheckAnswer::Open => "—",
        }
    }

    pub fn parse(s: &str) -> Option<CheckAnswer> {
        [
            CheckAnswer::Ja,
            CheckAnswer::Nee,
            CheckAnswer::Nvt,
            CheckAnswer::Open,
        ]
        .into_iter()
        .find(|v| v.as_str() == s)
    }
}

/// The answer to one checklist item for one dossier.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CheckData {
    pub dossier: String,
    pub vraag: String,
    pub antwoord: CheckAnswer,
    pub notitie: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DocumentData {
    /// The kader's document item id, if it is a requested document.
    pub item: Option<String>,
    pub naam: String,
    pub ontvangen: bool,
    pub notitie: String,
}

/// Facts about the wachtlijst at the time of the visit.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct WaitlistData {
    pub aantal: Option<u32>,
    pub oudste: Option<Date>,
    pub peildatum: Option<Date>,
    pub notitie: String,
}

/// One version of the oordeel on one verwachting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OordeelData {
    pub value: JudgementValue,
    /// Variant id (e.g. `wachtlijst`) for an onvoldoende, as resolved against the kader.
    pub variant: Option<String>,
    pub onderbouwing: String,
}

impl OordeelData {
    /// Builds an oordeel from the textual form (`onvoldoende:wachtlijst` …), validated against
    /// the kader; a plain onvoldoende gets the kader's default variant.
    pub fn parse(
        framework: &Framework,
        verwachting: &str,
        text: &str,
        onderbouwing: String,
    ) -> Result<OordeelData, JudgementError> {
        let index = framework
            .index_of(verwachting)
            .ok_or_else(|| JudgementError::UnknownExpectation(verwachting.to_string()))?;
        let judgement = Judgement::parse(framework, index, text)?;
        Ok(OordeelData::from_judgement(
            framework,
            judgement,
            onderbouwing,
        ))
    }

    pub fn from_judgement(
        framework: &Framework,
        judgement: Judgement,
        onderbouwing: String,
    ) -> OordeelData {
        let variant = match judgement {
            Judgement::NotMet { variant: Some(v) } => Some(framework.rules.variants[v].id.clone()),
            _ => None,
        };
        OordeelData {
            value: judgement.value(),
            variant,
            onderbouwing,
        }
    }

    /// The textual form, e.g. `onvoldoende:wachtlijst`.
    pub fn text(&self) -> String {
        match (&self.value, &self.variant) {
            (JudgementValue::Onvoldoende, Some(v)) => format!("onvoldoende:{v}"),
            (value, _) => value.as_str().to_string(),
        }
    }

    /// The judgement against a kader. A variant the kader does not know (a file written with an
    /// older kader) counts as a plain onvoldoende with the default variant.
    pub fn judgement(&self, framework: &Framework, expectation: usize) -> Judgement {
        match self.value {
            JudgementValue::Voldoende => Judgement::Met,
            JudgementValue::NietBeoordeeld => Judgement::NotJudged,
            JudgementValue::Onvoldoende => {
                let named = self.variant.as_deref().and_then(|name| {
                    framework
                        .variants_of(expectation)
                        .find(|(_, v)| v.id == name)
                        .map(|(i, _)| i)
                });
                Judgement::NotMet {
                    variant: named.or_else(|| framework.default_variant(expectation)),
                }
            }
        }
    }

    /// Whether two versions say the same thing (then two heads are not a real conflict).
    pub fn same_content(&self, other: &OordeelData) -> bool {
        self.value == other.value
            && self.variant == other.variant
            && self.onderbouwing.trim() == other.onderbouwing.trim()
    }
}

/// The inspectors' own oordeel on one criterium, in a kader with criterion oordelen (one record
/// per criterium, id: the criterium id; see [`super::rounds`]). Never computed from the
/// verwachtingen.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CriteriumOordeelData {
    /// The code on the kader's criterion scale ("M"); empty: not judged yet.
    pub oordeel: String,
    /// The criterion-level onderbouwing ("Onderbouwing Ad 1.1").
    pub onderbouwing: String,
}

/// The value of one kerngegeven of the kader (one record per kerngegeven, id: its id in the
/// kader; see [`super::kerndata`]).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct KerngegevenData {
    /// The value in its stored form ([`super::kerndata::Quantity::canonical`]); empty: not
    /// known yet.
    pub waarde: String,
    /// Where the figure comes from, or why it is missing.
    pub toelichting: String,
}

impl KerngegevenData {
    /// The value, if one is filled in and readable.
    pub fn quantity(&self) -> Option<super::kerndata::Quantity> {
        super::kerndata::Quantity::from_canonical(self.waarde.trim())
    }
}

/// The eindoordeel chosen by the inspecteur in a kader that has it chosen (`maat = "keuze"`;
/// seed 001: a category per organisation); one record per onderzoek.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct KeuzeData {
    /// The id of one of the kader's eindoordelen; empty: nothing chosen (yet).
    pub eindoordeel: String,
    /// Why this eindoordeel.
    pub onderbouwing: String,
}

/// A steekproef drawn from the organisation's list of dossier numbers (one record per draw; see
/// [`super::sample`]): enough to redo it and to say in Bijlage 2 what was drawn from what.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SteekproefData {
    /// The seed (a `u64` in decimal): the same seed on the same frame draws the same numbers.
    pub zaad: String,
    /// How many numbers the frame held (after cleaning, without the dossiers already there).
    pub populatie: Option<u32>,
    /// How many were drawn.
    pub aantal: Option<u32>,
    /// The numbers drawn, one per line, in the order drawn.
    pub getrokken: String,
    /// Where the list came from (a file name), for the record.
    pub bron: String,
}

/// A case on the wachtlijst (see [`super::wachtlijst`]): a household waiting for the
/// veiligheidsbeoordeling, an onderzoek or Voorwaarden & Vervolg.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct WachtzaakData {
    /// Pseudonymous number only.
    pub nummer: String,
    pub melding: Option<Date>,
    pub prioriteit: Prioriteit,
    pub wacht_op: WachtOp,
    pub notitie: String,
}

/// A contact about safety with a waiting household (zicht op veiligheid while it waits).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ContactData {
    /// The waiting case's record id.
    pub zaak: String,
    pub datum: Option<Date>,
    /// With whom, by function ("moeder", "wijkteam"), never a name.
    pub met: String,
    pub notitie: String,
}

/// The phase of the onderzoek after the visit (one record per onderzoek; see
/// [`super::wederhoor`]). Every step carries the earlier steps' facts forward.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PhaseData {
    pub fase: Fase,
    pub concept_verzonden: Option<Date>,
    /// SHA-256 (hex) of the conceptrapport PDF as sent.
    pub concept_hash: Option<String>,
    /// The text of the conceptrapport as sent (paragraph by paragraph), to compare later.
    pub concept_tekst: String,
    pub vastgesteld: Option<Date>,
    /// Why the onderzoek was last heropend (empty otherwise).
    pub heropend_reden: String,
}

/// A reaction of the organisation on the conceptrapport (hoor en wederhoor).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReactieData {
    pub ontvangen: Option<Date>,
    /// Who reacted: a function ("bestuurder"), never a name.
    pub van: String,
    /// The paragraph of the concept it points at ("3.2"), if any.
    pub paragraaf: Option<String>,
    /// The verwachting it points at, if any.
    pub verwachting: Option<String>,
    pub soort: ReactieSoort,
    pub tekst: String,
}

impl ReactieData {
    /// What the reactie points at, for lists: "paragraaf 3.2", "verwachting 1.3.1".
    pub fn reference(&self) -> String {
        let paragraaf = self
            .paragraaf
            .as_deref()
            .map(str::trim)
            .filter(|p| !p.is_empty());
        match (paragraaf, &self.verwachting) {
            (Some(p), Some(v)) => format!("paragraaf {p} (verwachting {v})"),
            (None, Some(v)) => format!("verwachting {v}"),
            (Some(p), None) => format!("paragraaf {p}"),
            (None, None) => "het rapport".to_string(),
        }
    }
}

/// The inspectorate's besluit on one reactie (one record per reactie).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BesluitData {
    /// The reactie's record id.
    pub reactie: String,
    pub besluit: Besluit,
    pub motivering: String,
    /// The oordeel versions that changed because of the reactie: verwachting id → the revision
    /// (its UUID as text) that was written for it. Empty when nothing changed (always for
    /// "niet overgenomen").
    pub wijzigingen: BTreeMap<String, String>,
}

/// A privacy finding kept explicitly in the rapport, with the reason (see
/// [`super::privacy`]; one record per place and fragment).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct VrijgaveData {
    /// Where: "onderbouwing 1.3.1".
    pub plaats: String,
    pub fragment: String,
    pub reden: String,
}

/// The verbeterpunt of one onvoldoende verwachting as the inspectors wrote it (one record per
/// verwachting, id derived from it). While there is none, the rapport shows a pre-fill derived
/// from the verwachting ([`super::wederhoor::verbeterpunt_prefill`]), which is not stored.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct VerbeterpuntData {
    /// The verwachting id ("1.3.2").
    pub verwachting: String,
    pub tekst: String,
}

/// A free-text block of the rapport written by the inspectors (the Samenvatting or the
/// Conclusie), beside the generated counts; one record per block, id derived from its name.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RapporttekstData {
    pub blok: RapportBlok,
    pub tekst: String,
}

/// The first `max` characters of `text`, with an ellipsis when cut.
fn short(text: &str, max: usize) -> String {
    let text = text.trim();
    match text.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_string(),
    }
}

/// "label: value" parts joined by ", ", leaving out empty values.
fn parts(items: &[(&str, String)]) -> String {
    let list: Vec<String> = items
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| {
            if k.is_empty() {
                v.clone()
            } else {
                format!("{k} {v}")
            }
        })
        .collect();
    if list.is_empty() {
        "(leeg)".to_string()
    } else {
        list.join(", ")
    }
}

fn tags_text(tags: &Tags) -> String {
    tags.iter()
        .map(|(k, v)| format!("{k} {v}"))
        .collect::<Vec<_>>()
        .join(" ")
}

fn tags_map(tags: &Tags) -> BTreeMap<String, String> {
    tags.iter()
        .map(|(k, v)| (k.clone(), v.as_str().to_string()))
        .collect()
}

fn tags_from(field: &'static str, map: BTreeMap<String, String>) -> Result<Tags, FieldError> {
    map.into_iter()
        .map(|(k, v)| match Tag::parse(&v) {
            Some(t) => Ok((k, t)),
            None => Err(FieldError { field, value: v }),
        })
        .collect()
}

use FieldType::{
    Count, Date as DateField, DateTime as DateTimeField, Dates, Flag, Map, OptText, Text,
};

impl RecordData for Details {
    const FIELDS: &'static [Field] = &[
        Field::new("organisatie", "organisatie", Text),
        Field::new("bezoek_van", "bezoek van", DateField),
        Field::new("bezoek_tot", "bezoek tot", DateField),
        Field::new("notitie", "notitie", Text),
        Field::new("peildatum", "peildatum", DateField),
    ];
    fn values(&self) -> Vec<Value> {
        vec![
            Value::Text(self.organisatie.clone()),
            Value::Date(self.bezoek_van),
            Value::Date(self.bezoek_tot),
            Value::Text(self.notitie.clone()),
            Value::Date(self.peildatum),
        ]
    }
    fn from_values(mut v: Values) -> Result<Self, FieldError> {
        Ok(Details {
            organisatie: v.text()?,
            bezoek_van: v.date()?,
            bezoek_tot: v.date()?,
            notitie: v.text()?,
            peildatum: v.date()?,
        })
    }
    fn describe(_: &Inspection, _: &str, _: Option<&Self>) -> String {
        "gegevens van het onderzoek".to_string()
    }
    fn summary(&self) -> String {
        parts(&[
            ("", self.organisatie.clone()),
            (
                "bezoek van",
                self.bezoek_van
                    .map_or(String::new(), termijn::format_date_nl),
            ),
            (
                "tot",
                self.bezoek_tot
                    .map_or(String::new(), termijn::format_date_nl),
            ),
            ("notitie", short(&self.notitie, 40)),
        ])
    }
}

impl RecordData for InterviewData {
    const FIELDS: &'static [Field] = &[
        Field::new("rol", "rol", Text),
        Field::new("datum", "datum", DateField),
        Field::new("deelnemers", "deelnemers", Text),
        Field::new("notitie", "notitie", Text),
        Field::new("aantallen", "aantal deelnemers per functie", Map),
    ];
    fn values(&self) -> Vec<Value> {
        vec![
            Value::Text(self.rol.clone()),
            Value::Date(self.datum),
            Value::Text(self.deelnemers.clone()),
            Value::Text(self.notitie.clone()),
            Value::Map(self.aantallen.clone()),
        ]
    }
    fn from_values(mut v: Values) -> Result<Self, FieldError> {
        Ok(InterviewData {
            rol: v.text()?,
            datum: v.date()?,
            deelnemers: v.text()?,
            notitie: v.text()?,
            aantallen: v.map()?,
        })
    }
    fn describe(inspection: &Inspection, entity: &str, _: Option<&Self>) -> String {
        inspection.describe_interview(entity)
    }
    fn summary(&self) -> String {
        parts(&[
            ("rol", self.rol.clone()),
            (
                "datum",
                self.datum.map_or(String::new(), termijn::format_date_nl),
            ),
            ("deelnemers", short(&self.deelnemers, 40)),
            ("notitie", short(&self.notitie, 40)),
        ])
    }
}

impl RecordData for AnswerData {
    const FIELDS: &'static [Field] = &[
        Field::new("interview", "interview", Text),
        Field::new("vraag", "vraag", Text),
        Field::new("notitie", "notitie", Text),
        Field::new("tags", "koppelingen", Map),
    ];
    fn values(&self) -> Vec<Value> {
        vec![
            Value::Text(self.interview.clone()),
            Value::Text(self.vraag.clone()),
            Value::Text(self.notitie.clone()),
            Value::Map(tags_map(&self.tags)),
        ]
    }
    fn from_values(mut v: Values) -> Result<Self, FieldError> {
        Ok(AnswerData {
            interview: v.text()?,
            vraag: v.text()?,
            notitie: v.text()?,
            tags: tags_from("tags", v.map()?)?,
        })
    }
    fn describe(inspection: &Inspection, entity: &str, shown: Option<&Self>) -> String {
        match shown {
            Some(a) => format!(
                "antwoord op vraag {} in {}",
                a.vraag,
                inspection.describe_interview(&a.interview)
            ),
            None => format!("antwoord {entity}"),
        }
    }
    fn summary(&self) -> String {
        parts(&[
            ("", short(&self.notitie, 60)),
            ("tags", tags_text(&self.tags)),
        ])
    }
}

impl RecordData for FlashData {
    const FIELDS: &'static [Field] = &[
        Field::new("functie", "functie", Text),
        Field::new("tijdstip", "tijdstip", DateTimeField),
        Field::new("antwoorden", "antwoorden", Map),
        Field::new("tags", "koppelingen", Map),
        Field::new("notitie", "notitie", Text),
    ];
    fn values(&self) -> Vec<Value> {
        vec![
            Value::Text(self.functie.clone()),
            Value::DateTime(self.tijdstip),
            Value::Map(self.antwoorden.clone()),
            Value::Map(tags_map(&self.tags)),
            Value::Text(self.notitie.clone()),
        ]
    }
    fn from_values(mut v: Values) -> Result<Self, FieldError> {
        Ok(FlashData {
            functie: v.text()?,
            tijdstip: v.date_time()?,
            antwoorden: v.map()?,
            tags: tags_from("tags", v.map()?)?,
            notitie: v.text()?,
        })
    }
    fn describe(_: &Inspection, entity: &str, shown: Option<&Self>) -> String {
        match shown {
            Some(f) => match f.tijdstip {
                Some(t) => format!("flitsinterview {} ({})", f.functie, t),
                None => format!("flitsinterview {}", f.functie),
            },
            None => format!("flitsinterview {entity}"),
        }
    }
    fn summary(&self) -> String {
        parts(&[
            ("", self.functie.clone()),
            (
                "tijdstip",
                self.tijdstip.map_or(String::new(), |t| t.to_string()),
            ),
            ("antwoorden", self.antwoorden.len().to_string()),
            ("tags", tags_text(&self.tags)),
            ("notitie", short(&self.notitie, 40)),
        ])
    }
}

impl RecordData for DossierData {
    /// The dates are one field of the file (`datums`, a JSON object by date id, the dates the
    /// kader declares); in conflict lists each date is named by its id.
    const FIELDS: &'static [Field] = &[
        Field::new("nummer", "nummer", Text),
        Field::new("selectie", "selectie", Text),
        Field::new("datums", "data", Dates),
        Field::new("notitie", "notitie", Text),
    ];
    fn values(&self) -> Vec<Value> {
        vec![
            Value::Text(self.nummer.clone()),
            Value::Text(self.selectie.as_str().to_string()),
            Value::Dates(self.dates.clone()),
            Value::Text(self.notitie.clone()),
        ]
    }
    fn from_values(mut v: Values) -> Result<Self, FieldError> {
        Ok(DossierData {
            nummer: v.text()?,
            selectie: v.token(Selection::parse)?,
            dates: v.dates()?,
            notitie: v.text()?,
        })
    }
    fn describe(inspection: &Inspection, entity: &str, _: Option<&Self>) -> String {
        inspection.describe_dossier(entity)
    }
    fn summary(&self) -> String {
        let mut items = vec![
            ("nummer", self.nummer.clone()),
            ("selectie", self.selectie.as_str().to_string()),
        ];
        for (kind, d) in self.dates.iter() {
            items.push((kind.as_str(), termijn::format_date_nl(d)));
        }
        items.push(("notitie", short(&self.notitie, 40)));
        parts(&items)
    }
}

impl RecordData for CheckData {
    const FIELDS: &'static [Field] = &[
        Field::new("dossier", "dossier", Text),
        Field::new("vraag", "vraag", Text),
        Field::new("antwoord", "antwoord", Text),
        Field::new("notitie", "toelichting", Text),
    ];
    fn values(&self) -> Vec<Value> {
        vec![
            Value::Text(self.dossier.clone()),
            Value::Text(self.vraag.clone()),
            Value::Text(self.antwoord.as_str().to_string()),
            Value::Text(self.notitie.clone()),
        ]
    }
    fn from_values(mut v: Values) -> Result<Self, FieldError> {
        Ok(CheckData {
            dossier: v.text()?,
            vraag: v.text()?,
            antwoord: v.token(CheckAnswer::parse)?,
            notitie: v.text()?,
        })
    }
    fn describe(inspection: &Inspection, entity: &str, shown: Option<&Self>) -> String {
        match shown {
            Some(c) => format!(
                "dossiervraag {} in {}",
                c.vraag,
                inspection.describe_dossier(&c.dossier)
            ),
            None => format!("dossiervraag {entity}"),
        }
    }
    fn summary(&self) -> String {
        parts(&[
            ("", self.antwoord.label().to_string()),
            ("notitie", short(&self.notitie, 40)),
        ])
    }
}

impl RecordData for DocumentData {
    const FIELDS: &'static [Field] = &[
        Field::new("item", "gevraagd document", OptText),
        Field::new("naam", "naam", Text),
        Field::new("ontvangen", "ontvangen", Flag),
        Field::new("notitie", "notitie", Text),
    ];
    fn values(&self) -> Vec<Value> {
        vec![
            Value::OptText(self.item.clone()),
            Value::Text(self.naam.clone()),
            Value::Flag(self.ontvangen),
            Value::Text(self.notitie.clone()),
        ]
    }
    fn from_values(mut v: Values) -> Result<Self, FieldError> {
        Ok(DocumentData {
            item: v.opt_text()?,
            naam: v.text()?,
            ontvangen: v.flag()?,
            notitie: v.text()?,
        })
    }
    fn describe(_: &Inspection, entity: &str, shown: Option<&Self>) -> String {
        match shown {
            Some(d) if !d.naam.trim().is_empty() => format!("document {}", d.naam),
            Some(d) => format!("document {}", d.item.as_deref().unwrap_or(entity)),
            None => format!("document {entity}"),
        }
    }
    fn summary(&self) -> String {
        let ontvangen = if self.ontvangen {
            "ontvangen"
        } else {
            "niet ontvangen"
        };
        parts(&[
            ("", self.naam.clone()),
            ("", ontvangen.to_string()),
            ("notitie", short(&self.notitie, 40)),
        ])
    }
}

impl RecordData for WaitlistData {
    const FIELDS: &'static [Field] = &[
        Field::new("aantal", "aantal wachtenden", Count),
        Field::new("oudste", "oudste melding", DateField),
        Field::new("peildatum", "peildatum", DateField),
        Field::new("notitie", "notitie", Text),
    ];
    fn values(&self) -> Vec<Value> {
        vec![
            Value::Count(self.aantal),
            Value::Date(self.oudste),
            Value::Date(self.peildatum),
            Value::Text(self.notitie.clone()),
        ]
    }
    fn from_values(mut v: Values) -> Result<Self, FieldError> {
        Ok(WaitlistData {
            aantal: v.count()?,
            oudste: v.date()?,
            peildatum: v.date()?,
            notitie: v.text()?,
        })
    }
    fn describe(_: &Inspection, _: &str, _: Option<&Self>) -> String {
        "wachtlijst".to_string()
    }
    fn summary(&self) -> String {
        parts(&[
            (
                "aantal",
                self.aantal.map_or(String::new(), |n| n.to_string()),
            ),
            (
                "oudste",
                self.oudste.map_or(String::new(), termijn::format_date_nl),
            ),
            (
                "peildatum",
                self.peildatum
                    .map_or(String::new(), termijn::format_date_nl),
            ),
            ("notitie", short(&self.notitie, 40)),
        ])
    }
}

impl RecordData for OordeelData {
    const FIELDS: &'static [Field] = &[
        Field::new("waarde", "oordeel", Text),
        Field::new("variant", "variant", OptText),
        Field::new("onderbouwing", "onderbouwing", Text),
    ];
    fn values(&self) -> Vec<Value> {
        vec![
            Value::Text(self.value.as_str().to_string()),
            Value::OptText(self.variant.clone()),
            Value::Text(self.onderbouwing.clone()),
        ]
    }
    fn from_values(mut v: Values) -> Result<Self, FieldError> {
        Ok(OordeelData {
            value: v.token(JudgementValue::parse)?,
            variant: v.opt_text()?,
            onderbouwing: v.text()?,
        })
    }
    fn same(&self, other: &Self) -> bool {
        self.same_content(other)
    }
    /// `oordeel` (the value with its variant) and `onderbouwing` (ignoring surrounding blanks),
    /// as the oordelen screen and JSON name them.
    fn differing_fields(&self, o: &Self) -> Vec<&'static str> {
        let mut out = Vec::new();
        if self.text() != o.text() {
            out.push("oordeel");
        }
        if self.onderbouwing.trim() != o.onderbouwing.trim() {
            out.push("onderbouwing");
        }
        out
    }
    fn describe(_: &Inspection, entity: &str, _: Option<&Self>) -> String {
        format!("oordeel {entity}")
    }
    fn summary(&self) -> String {
        parts(&[
            ("", self.text()),
            ("onderbouwing", short(&self.onderbouwing, 60)),
        ])
    }
}

impl RecordData for CriteriumOordeelData {
    const FIELDS: &'static [Field] = &[
        Field::new("oordeel", "oordeel", Text),
        Field::new("onderbouwing", "onderbouwing", Text),
    ];
    fn values(&self) -> Vec<Value> {
        vec![
            Value::Text(self.oordeel.clone()),
            Value::Text(self.onderbouwing.clone()),
        ]
    }
    fn from_values(mut v: Values) -> Result<Self, FieldError> {
        Ok(CriteriumOordeelData {
            oordeel: v.text()?,
            onderbouwing: v.text()?,
        })
    }
    fn describe(_: &Inspection, entity: &str, _: Option<&Self>) -> String {
        format!("oordeel op criterium {entity}")
    }
    fn summary(&self) -> String {
        parts(&[
            (
                "",
                if self.oordeel.trim().is_empty() {
                    "niet beoordeeld".to_string()
                } else {
                    self.oordeel.trim().to_string()
                },
            ),
            ("onderbouwing", short(&self.onderbouwing, 60)),
        ])
    }
}

impl RecordData for KerngegevenData {
    const FIELDS: &'static [Field] = &[
        Field::new("waarde", "waarde", Text),
        Field::new("toelichting", "toelichting", Text),
    ];
    fn values(&self) -> Vec<Value> {
        vec![
            Value::Text(self.waarde.clone()),
            Value::Text(self.toelichting.clone()),
        ]
    }
    fn from_values(mut v: Values) -> Result<Self, FieldError> {
        Ok(KerngegevenData {
            waarde: v.text()?,
            toelichting: v.text()?,
        })
    }
    fn describe(inspection: &Inspection, entity: &str, _: Option<&Self>) -> String {
        match inspection.framework.key_figure(entity) {
            Some(k) => format!("kerngegeven {}", k.label),
            None => format!("kerngegeven {entity}"),
        }
    }
    fn summary(&self) -> String {
        parts(&[
            (
                "",
                if self.waarde.trim().is_empty() {
                    "niet ingevuld".to_string()
                } else {
                    self.waarde.trim().to_string()
                },
            ),
            ("toelichting", short(&self.toelichting, 60)),
        ])
    }
}

impl RecordData for KeuzeData {
    const FIELDS: &'static [Field] = &[
        Field::new("eindoordeel", "eindoordeel", Text),
        Field::new("onderbouwing", "onderbouwing", Text),
    ];
    fn values(&self) -> Vec<Value> {
        vec![
            Value::Text(self.eindoordeel.clone()),
            Value::Text(self.onderbouwing.clone()),
        ]
    }
    fn from_values(mut v: Values) -> Result<Self, FieldError> {
        Ok(KeuzeData {
            eindoordeel: v.text()?,
            onderbouwing: v.text()?,
        })
    }
    fn describe(_: &Inspection, _: &str, _: Option<&Self>) -> String {
        "gekozen eindoordeel".to_string()
    }
    fn summary(&self) -> String {
        parts(&[
            (
                "",
                if self.eindoordeel.trim().is_empty() {
                    "niets gekozen".to_string()
                } else {
                    self.eindoordeel.trim().to_string()
                },
            ),
            ("onderbouwing", short(&self.onderbouwing, 60)),
        ])
    }
}

impl RecordData for SteekproefData {
    const FIELDS: &'static [Field] = &[
        Field::new("zaad", "zaad", Text),
        Field::new("populatie", "aantal nummers op de lijst", Count),
        Field::new("aantal", "aantal getrokken", Count),
        Field::new("getrokken", "getrokken nummers", Text),
        Field::new("bron", "bron", Text),
    ];
    fn values(&self) -> Vec<Value> {
        vec![
            Value::Text(self.zaad.clone()),
            Value::Count(self.populatie),
            Value::Count(self.aantal),
            Value::Text(self.getrokken.clone()),
            Value::Text(self.bron.clone()),
        ]
    }
    fn from_values(mut v: Values) -> Result<Self, FieldError> {
        Ok(SteekproefData {
            zaad: v.text()?,
            populatie: v.count()?,
            aantal: v.count()?,
            getrokken: v.text()?,
            bron: v.text()?,
        })
    }
    fn describe(_: &Inspection, _: &str, shown: Option<&Self>) -> String {
        match shown.and_then(|s| s.aantal.zip(s.populatie)) {
            Some((n, of)) => format!("steekproef van {n} uit {of}"),
            None => "steekproef".to_string(),
        }
    }
    fn summary(&self) -> String {
        parts(&[
            ("zaad", self.zaad.clone()),
            (
                "",
                self.aantal
                    .zip(self.populatie)
                    .map(|(n, of)| format!("{n} uit {of}"))
                    .unwrap_or_default(),
            ),
        ])
    }
}

impl RecordData for WachtzaakData {
    const FIELDS: &'static [Field] = &[
        Field::new("nummer", "nummer", Text),
        Field::new("melding", "melding ontvangen", DateField),
        Field::new("prioriteit", "prioriteit", Text),
        Field::new("wacht_op", "wacht op", Text),
        Field::new("notitie", "notitie", Text),
    ];
    fn values(&self) -> Vec<Value> {
        vec![
            Value::Text(self.nummer.clone()),
            Value::Date(self.melding),
            Value::Text(self.prioriteit.as_str().to_string()),
            Value::Text(self.wacht_op.as_str().to_string()),
            Value::Text(self.notitie.clone()),
        ]
    }
    fn from_values(mut v: Values) -> Result<Self, FieldError> {
        Ok(WachtzaakData {
            nummer: v.text()?,
            melding: v.date()?,
            prioriteit: v.token(Prioriteit::parse)?,
            wacht_op: v.token(WachtOp::parse)?,
            notitie: v.text()?,
        })
    }
    fn describe(_: &Inspection, entity: &str, shown: Option<&Self>) -> String {
        match shown {
            Some(z) => format!("wachtende zaak {}", z.nummer),
            None => format!("wachtende zaak {entity}"),
        }
    }
    fn summary(&self) -> String {
        parts(&[
            ("", self.nummer.clone()),
            (
                "melding",
                self.melding
                    .map(termijn::format_date_nl)
                    .unwrap_or_default(),
            ),
            ("wacht op", self.wacht_op.label().to_string()),
            ("prioriteit", self.prioriteit.as_str().to_string()),
        ])
    }
}

impl RecordData for ContactData {
    const FIELDS: &'static [Field] = &[
        Field::new("zaak", "zaak", Text),
        Field::new("datum", "datum", DateField),
        Field::new("met", "met", Text),
        Field::new("notitie", "notitie", Text),
    ];
    fn values(&self) -> Vec<Value> {
        vec![
            Value::Text(self.zaak.clone()),
            Value::Date(self.datum),
            Value::Text(self.met.clone()),
            Value::Text(self.notitie.clone()),
        ]
    }
    fn from_values(mut v: Values) -> Result<Self, FieldError> {
        Ok(ContactData {
            zaak: v.text()?,
            datum: v.date()?,
            met: v.text()?,
            notitie: v.text()?,
        })
    }
    fn describe(inspection: &Inspection, entity: &str, shown: Option<&Self>) -> String {
        let zaak = shown.and_then(|c| {
            WachtzaakData::records(inspection)
                .history(&c.zaak)
                .and_then(|h| h.latest())
        });
        match zaak {
            Some(z) => format!("contact met wachtende zaak {}", z.data.nummer),
            None => format!("contact {entity}"),
        }
    }
    fn summary(&self) -> String {
        parts(&[
            (
                "",
                self.datum.map(termijn::format_date_nl).unwrap_or_default(),
            ),
            ("met", self.met.clone()),
        ])
    }
}

impl RecordData for PhaseData {
    const FIELDS: &'static [Field] = &[
        Field::new("fase", "fase", Text),
        Field::new("concept_verzonden", "concept verzonden", DateField),
        Field::new("concept_hash", "kenmerk concept (SHA-256)", OptText),
        Field::new("concept_tekst", "tekst van het concept", Text),
        Field::new("vastgesteld", "vastgesteld", DateField),
        Field::new("heropend_reden", "reden heropenen", Text),
    ];
    fn values(&self) -> Vec<Value> {
        vec![
            Value::Text(self.fase.as_str().to_string()),
            Value::Date(self.concept_verzonden),
            Value::OptText(self.concept_hash.clone()),
            Value::Text(self.concept_tekst.clone()),
            Value::Date(self.vastgesteld),
            Value::Text(self.heropend_reden.clone()),
        ]
    }
    fn from_values(mut v: Values) -> Result<Self, FieldError> {
        Ok(PhaseData {
            fase: v.token(Fase::parse)?,
            concept_verzonden: v.date()?,
            concept_hash: v.opt_text()?,
            concept_tekst: v.text()?,
            vastgesteld: v.date()?,
            heropend_reden: v.text()?,
        })
    }
    fn describe(_: &Inspection, _: &str, _: Option<&Self>) -> String {
        "fase van het onderzoek".to_string()
    }
    fn summary(&self) -> String {
        parts(&[
            ("", self.fase.as_str().replace('_', " ")),
            (
                "concept",
                self.concept_verzonden
                    .map_or(String::new(), termijn::format_date_nl),
            ),
            (
                "vastgesteld",
                self.vastgesteld
                    .map_or(String::new(), termijn::format_date_nl),
            ),
            ("heropend", short(&self.heropend_reden, 40)),
        ])
    }
}

impl RecordData for ReactieData {
    const FIELDS: &'static [Field] = &[
        Field::new("ontvangen", "ontvangen", DateField),
        Field::new("van", "van (functie)", Text),
        Field::new("paragraaf", "paragraaf", OptText),
        Field::new("verwachting", "verwachting", OptText),
        Field::new("soort", "soort", Text),
        Field::new("tekst", "tekst", Text),
    ];
    fn values(&self) -> Vec<Value> {
        vec![
            Value::Date(self.ontvangen),
            Value::Text(self.van.clone()),
            Value::OptText(self.paragraaf.clone()),
            Value::OptText(self.verwachting.clone()),
            Value::Text(self.soort.as_str().to_string()),
            Value::Text(self.tekst.clone()),
        ]
    }
    fn from_values(mut v: Values) -> Result<Self, FieldError> {
        Ok(ReactieData {
            ontvangen: v.date()?,
            van: v.text()?,
            paragraaf: v.opt_text()?,
            verwachting: v.opt_text()?,
            soort: v.token(ReactieSoort::parse)?,
            tekst: v.text()?,
        })
    }
    fn describe(_: &Inspection, entity: &str, shown: Option<&Self>) -> String {
        match shown {
            Some(r) => format!("reactie op {}", r.reference()),
            None => format!("reactie {entity}"),
        }
    }
    fn summary(&self) -> String {
        parts(&[
            ("", self.soort.label().to_string()),
            ("", short(&self.tekst, 60)),
        ])
    }
}

impl RecordData for BesluitData {
    const FIELDS: &'static [Field] = &[
        Field::new("reactie", "reactie", Text),
        Field::new("besluit", "besluit", Text),
        Field::new("motivering", "motivering", Text),
        Field::new("wijzigingen", "gewijzigde oordelen", Map),
    ];
    fn values(&self) -> Vec<Value> {
        vec![
            Value::Text(self.reactie.clone()),
            Value::Text(self.besluit.as_str().to_string()),
            Value::Text(self.motivering.clone()),
            Value::Map(self.wijzigingen.clone()),
        ]
    }
    fn from_values(mut v: Values) -> Result<Self, FieldError> {
        Ok(BesluitData {
            reactie: v.text()?,
            besluit: v.token(Besluit::parse)?,
            motivering: v.text()?,
            wijzigingen: v.map()?,
        })
    }
    fn describe(inspection: &Inspection, entity: &str, shown: Option<&Self>) -> String {
        let reactie = shown.and_then(|b| {
            ReactieData::records(inspection)
                .history(&b.reactie)
                .and_then(|h| h.latest())
        });
        match reactie {
            Some(r) => format!("besluit op de reactie op {}", r.data.reference()),
            None => format!("besluit {entity}"),
        }
    }
    fn summary(&self) -> String {
        parts(&[
            ("", self.besluit.label().to_string()),
            ("", short(&self.motivering, 60)),
            (
                "gewijzigd",
                self.wijzigingen
                    .keys()
                    .map(String::as_str)
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
        ])
    }
}

impl RecordData for VrijgaveData {
    const FIELDS: &'static [Field] = &[
        Field::new("plaats", "plaats", Text),
        Field::new("fragment", "fragment", Text),
        Field::new("reden", "reden", Text),
    ];
    fn values(&self) -> Vec<Value> {
        vec![
            Value::Text(self.plaats.clone()),
            Value::Text(self.fragment.clone()),
            Value::Text(self.reden.clone()),
        ]
    }
    fn from_values(mut v: Values) -> Result<Self, FieldError> {
        Ok(VrijgaveData {
            plaats: v.text()?,
            fragment: v.text()?,
            reden: v.text()?,
        })
    }
    fn describe(_: &Inspection, entity: &str, shown: Option<&Self>) -> String {
        match shown {
            Some(v) => format!("vrijgave van '{}' in {}", v.fragment, v.plaats),
            None => format!("vrijgave {entity}"),
        }
    }
    fn summary(&self) -> String {
        parts(&[("", short(&self.reden, 60))])
    }
}

impl RecordData for VerbeterpuntData {
    const FIELDS: &'static [Field] = &[
        Field::new("verwachting", "verwachting", Text),
        Field::new("tekst", "verbeterpunt", Text),
    ];
    fn values(&self) -> Vec<Value> {
        vec![
            Value::Text(self.verwachting.clone()),
            Value::Text(self.tekst.clone()),
        ]
    }
    fn from_values(mut v: Values) -> Result<Self, FieldError> {
        Ok(VerbeterpuntData {
            verwachting: v.text()?,
            tekst: v.text()?,
        })
    }
    /// Surrounding blanks are not a difference (as for an onderbouwing).
    fn same(&self, other: &Self) -> bool {
        self.verwachting == other.verwachting && self.tekst.trim() == other.tekst.trim()
    }
    fn describe(_: &Inspection, entity: &str, shown: Option<&Self>) -> String {
        match shown {
            Some(v) => format!("verbeterpunt {}", v.verwachting),
            None => format!("verbeterpunt {entity}"),
        }
    }
    fn summary(&self) -> String {
        parts(&[("", short(&self.tekst, 60))])
    }
}

impl RecordData for RapporttekstData {
    const FIELDS: &'static [Field] = &[
        Field::new("blok", "blok", Text),
        Field::new("tekst", "tekst", Text),
    ];
    fn values(&self) -> Vec<Value> {
        vec![
            Value::Text(self.blok.as_str().to_string()),
            Value::Text(self.tekst.clone()),
        ]
    }
    fn from_values(mut v: Values) -> Result<Self, FieldError> {
        Ok(RapporttekstData {
            blok: v.token(RapportBlok::parse)?,
            tekst: v.text()?,
        })
    }
    fn same(&self, other: &Self) -> bool {
        self.blok == other.blok && self.tekst.trim() == other.tekst.trim()
    }
    fn describe(_: &Inspection, entity: &str, shown: Option<&Self>) -> String {
        match shown {
            Some(r) => format!("{} van de inspecteurs", r.blok.as_str()),
            None => format!("rapporttekst {entity}"),
        }
    }
    fn summary(&self) -> String {
        parts(&[("", short(&self.tekst, 60))])
    }
}

record_kinds! {
    $
    /// The onderzoek's own details (one record per onderzoek).
    Details(Details) in details as "onderzoek",
        "onderzoeksgegeven" / "onderzoeksgegevens", true;
    Interview(InterviewData) in interviews as "interview", "interview" / "interviews", true;
    Answer(AnswerData) in answers as "antwoord",
        "interviewantwoord" / "interviewantwoorden", true;
    Flash(FlashData) in flashes as "flitsinterview", "flitsinterview" / "flitsinterviews", true;
    Dossier(DossierData) in dossiers as "dossier", "dossier" / "dossiers", true;
    Check(CheckData) in checks as "dossiervraag", "dossiervraag" / "dossiervragen", false;
    Document(DocumentData) in documents as "document", "document" / "documenten", true;
    /// The wachtlijst facts (one record per onderzoek).
    Waitlist(WaitlistData) in waitlist as "wachtlijst",
        "wachtlijstgegeven" / "wachtlijstgegevens", true;
    Oordeel(OordeelData) in oordelen as "oordeel", "oordeel" / "oordelen", true;
    /// The inspectors' oordeel per criterium (kaders with criterion oordelen).
    CriteriumOordeel(CriteriumOordeelData) in criteriumoordelen as "criteriumoordeel",
        "criteriumoordeel" / "criteriumoordelen", true;
    /// The phase after the visit (one record per onderzoek).
    Phase(PhaseData) in phase as "fase", "fasegegeven" / "fasegegevens", true;
    Reactie(ReactieData) in reacties as "reactie", "reactie" / "reacties", false;
    Besluit(BesluitData) in besluiten as "besluit", "besluit" / "besluiten", true;
    Vrijgave(VrijgaveData) in vrijgaven as "vrijgave", "vrijgave" / "vrijgaven", false;
    /// The verbeterpunt of an onvoldoende verwachting, as edited (one record per verwachting).
    Verbeterpunt(VerbeterpuntData) in verbeterpunten as "verbeterpunt",
        "verbeterpunt" / "verbeterpunten", true;
    /// The Samenvatting or Conclusie written by the inspectors (one record per block).
    Rapporttekst(RapporttekstData) in rapportteksten as "rapporttekst",
        "rapporttekst" / "rapportteksten", false;
    /// A steekproef of dossiers drawn from the organisation's list (one record per draw).
    Steekproef(SteekproefData) in steekproeven as "steekproef", "steekproef" / "steekproeven",
        false;
    /// A case on the wachtlijst, and a contact about safety while it waits.
    Wachtzaak(WachtzaakData) in wachtzaken as "wachtzaak", "wachtende zaak" / "wachtende zaken",
        false;
    Contact(ContactData) in contacten as "contact", "contact" / "contacten", true;
    /// The value of a kerngegeven of the kader (one record per kerngegeven).
    Kerngegeven(KerngegevenData) in kerngegevens as "kerngegeven",
        "kerngegeven" / "kerngegevens", true;
    /// The eindoordeel chosen by the inspecteur (kaders with `maat = "keuze"`; one record).
    Keuze(KeuzeData) in keuzes as "keuze", "gekozen eindoordeel" / "gekozen eindoordelen", true;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::record::{Kind, Record};
    use crate::domain::termijn::DateKind;

    #[test]
    fn every_kind_round_trips_through_its_values() {
        let date = Date::constant(2026, 2, 3);
        let mut dates = CaseDates::default();
        dates.set(DateKind::TRIAGEBESLUIT, Some(date));
        let mut tags = Tags::new();
        tags.insert("1.3.1".into(), Tag::Weerspreekt);
        let records = vec![
            Record::Details(Details {
                organisatie: "VT Gelderzoom".into(),
                bezoek_van: Some(date),
                bezoek_tot: None,
                notitie: "n".into(),
                peildatum: Some(date),
            }),
            Record::Interview(InterviewData {
                rol: "management".into(),
                datum: Some(date),
                deelnemers: "teamleider".into(),
                notitie: String::new(),
                aantallen: BTreeMap::from([("teamleider".to_string(), "1".to_string())]),
            }),
            Record::Answer(AnswerData {
                interview: "i".into(),
                vraag: "v".into(),
                notitie: "x".into(),
                tags: tags.clone(),
            }),
            Record::Flash(FlashData {
                functie: "medewerker".into(),
                tijdstip: Some(date.at(10, 5, 0, 0)),
                antwoorden: [("f1".to_string(), "ja".to_string())].into(),
                tags,
                notitie: String::new(),
            }),
            Record::Dossier(DossierData {
                nummer: "VTG-1".into(),
                selectie: Selection::Gericht,
                dates,
                notitie: String::new(),
            }),
            Record::Check(CheckData {
                dossier: "d".into(),
                vraag: "dos-1".into(),
                antwoord: CheckAnswer::Nvt,
                notitie: "t".into(),
            }),
            Record::Document(DocumentData {
                item: Some("doc-1".into()),
                naam: "beleid".into(),
                ontvangen: true,
                notitie: String::new(),
            }),
            Record::Waitlist(WaitlistData {
                aantal: Some(12),
                oudste: Some(date),
                peildatum: None,
                notitie: String::new(),
            }),
            Record::Oordeel(OordeelData {
                value: JudgementValue::Onvoldoende,
                variant: Some("wachtlijst".into()),
                onderbouwing: "o".into(),
            }),
            Record::CriteriumOordeel(CriteriumOordeelData {
                oordeel: "M".into(),
                onderbouwing: "Ad 1.1".into(),
            }),
            Record::Phase(PhaseData {
                fase: Fase::Vastgesteld,
                concept_verzonden: Some(date),
                concept_hash: Some("ab12".into()),
                concept_tekst: "1 Inleiding".into(),
                vastgesteld: Some(date),
                heropend_reden: String::new(),
            }),
            Record::Reactie(ReactieData {
                ontvangen: Some(date),
                van: "bestuurder".into(),
                paragraaf: Some("3.2".into()),
                verwachting: None,
                soort: ReactieSoort::Zienswijze,
                tekst: "r".into(),
            }),
            Record::Besluit(BesluitData {
                reactie: "r1".into(),
                besluit: Besluit::Deels,
                motivering: "m".into(),
                wijzigingen: BTreeMap::from([(
                    "1.3.1".to_string(),
                    "0f9a3c52-8e1b-4f7a-9d2e-5c6b7a8d9e0f".to_string(),
                )]),
            }),
            Record::Vrijgave(VrijgaveData {
                plaats: "onderbouwing 1.3.1".into(),
                fragment: "06-12345678".into(),
                reden: "telefoonnummer van de organisatie".into(),
            }),
            Record::Verbeterpunt(VerbeterpuntData {
                verwachting: "1.3.2".into(),
                tekst: "Een verbeterpunt is dat Veilig Thuis de afspraken vastlegt.".into(),
            }),
            Record::Rapporttekst(RapporttekstData {
                blok: RapportBlok::Conclusie,
                tekst: "De inspecties zien een stijgende lijn.".into(),
            }),
            Record::Steekproef(SteekproefData {
                zaad: "20261013".into(),
                populatie: Some(340),
                aantal: Some(2),
                getrokken: "VTG-1\nVTG-2".into(),
                bron: "zaken.csv".into(),
            }),
            Record::Wachtzaak(WachtzaakData {
                nummer: "W-1".into(),
                melding: Some(date),
                prioriteit: Prioriteit::Hoog,
                wacht_op: WachtOp::VoorwaardenEnVervolg,
                notitie: "n".into(),
            }),
            Record::Contact(ContactData {
                zaak: "w1".into(),
                datum: Some(date),
                met: "moeder".into(),
                notitie: String::new(),
            }),
            Record::Kerngegeven(KerngegevenData {
                waarde: "4250000.5".into(),
                toelichting: "jaarrekening".into(),
            }),
            Record::Keuze(KeuzeData {
                eindoordeel: "basis_op_orde".into(),
                onderbouwing: "o".into(),
            }),
        ];
        let kinds: Vec<Kind> = records.iter().map(Record::kind).collect();
        assert_eq!(kinds, Kind::ALL);
        for record in records {
            let kind = record.kind();
            let values = record.values();
            assert_eq!(values.len(), kind.fields().len(), "{kind:?}");
            for (v, f) in values.iter().zip(kind.fields()) {
                assert_eq!(v.ty(), f.ty, "{kind:?}.{}", f.name);
            }
            assert_eq!(Record::from_values(kind, values).as_ref(), Ok(&record));
        }
    }

    #[test]
    fn a_bad_token_names_its_field() {
        let mut values = Record::Check(CheckData::default()).values();
        values[2] = Value::Text("misschien".into());
        let error = Record::from_values(Kind::Check, values).unwrap_err();
        assert_eq!(error.field, "antwoord");
        assert_eq!(
            error.to_string(),
            "veld antwoord: ongeldige waarde 'misschien'"
        );
        let mut values = Record::Rapporttekst(RapporttekstData::default()).values();
        values[0] = Value::Text("inleiding".into());
        let error = Record::from_values(Kind::Rapporttekst, values).unwrap_err();
        assert_eq!(error.field, "blok");
    }

    #[test]
    fn combining_takes_the_named_fields_from_the_other_version() {
        let a = DossierData {
            nummer: "VTG-1".into(),
            notitie: "van A".into(),
            ..DossierData::default()
        };
        let mut b = a.clone();
        b.dates.set(
            DateKind::MELDING_ONTVANGEN,
            Some(Date::constant(2026, 1, 5)),
        );
        b.notitie = "van B".into();
        assert_eq!(a.differing_fields(&b), ["melding_ontvangen", "notitie"]);
        let c = a.combined(&b, &["melding_ontvangen"]).unwrap();
        assert_eq!(c.dates, b.dates);
        assert_eq!(c.notitie, "van A");
    }

    #[test]
    fn nouns_and_tokens() {
        assert_eq!(Kind::Check.count_with(2, "nieuw"), "2 nieuwe dossiervragen");
        assert_eq!(Kind::Dossier.count_with(1, "nieuw"), "1 nieuw dossier");
        for kind in Kind::ALL {
            assert_eq!(Kind::parse(kind.as_str()), Some(kind));
        }
    }
}
