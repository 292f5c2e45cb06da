//! `veldtoets export FILE --json OUT`: the whole inspection as one deterministic JSON object.

use std::collections::BTreeMap;

use serde::Serialize;

use super::date_out;

use crate::domain::duplicates::Duplicate;
use crate::domain::inspection::{
    ConflictVersion, Inspection, Kind, OordeelData, RecordConflict, Revision, Tags,
};
use crate::domain::kader::Measure;
use crate::domain::termijn::{self, DeadlineOutcome};

use super::ScoreJson;
use super::rounds::{CriteriumJson, RondeJson};
use super::wederhoor::{
    RapporttekstenJson, ReactieJson, StatusJson, VerbeterpuntJson, VervolgJson,
};

/// The whole inspection. Apart from `geexporteerd_op`, two files with the same content export
/// byte-identical JSON: every list is in a fixed order (kader order, then id).
#[derive(Debug, Serialize)]
pub struct ExportJson {
    pub formaat: u32,
    pub geexporteerd_op: String,
    pub onderzoek: OnderzoekJson,
    pub interviews: Vec<InterviewJson>,
    pub flitsinterviews: Vec<FlitsJson>,
    pub dossiers: Vec<DossierJson>,
    pub termijnen: Vec<TermijnJson>,
    pub documenten: Vec<DocumentJson>,
    pub wachtlijst: Option<WachtlijstJson>,
    pub oordelen: Vec<OordeelJson>,
    /// Every record of every kind whose versions disagree (different content, or edit versus
    /// delete): oordelen as before (`verwachting`, `versies`), plus `soort`, `record`,
    /// `omschrijving` and `velden` for every kind. A record listed here shows elsewhere in the
    /// export only a placeholder value (with `conflict: true`), never a version picked by clock.
    pub conflicten: Vec<ConflictJson>,
    /// Natural keys that occur twice or more (two dossiers with one number, two free documents
    /// with one name), left by a merge until someone merges or renumbers them. Until then the
    /// dossiers of one number count as one in `termijnen`, and the eindoordeel is voorlopig.
    pub dubbelen: Vec<DubbelJson>,
    pub score: ScoreJson,
    /// Text that was typed but not yet confirmed as a revision (recovered after a crash, or
    /// being typed in an app that has the file open), oldest first.
    pub concepten: Vec<ConceptJson>,
    /// The phase of the onderzoek: in uitvoering, concept verzonden, reacties verwerkt or
    /// vastgesteld, with the dates.
    pub status: StatusJson,
    /// The organisation's reacties on the conceptrapport (hoor en wederhoor), by date received,
    /// each with the inspectorate's besluit (or `null`).
    pub reacties: Vec<ReactieJson>,
    /// What follows the rapport: the kader's vervolg rules for this eindoordeel (final or
    /// provisional; none without one), each with its due date once the date it counts from is
    /// there.
    pub vervolg: Vec<VervolgJson>,
    /// One verbeterpunt per onvoldoende verwachting, in kader order: as an inspecteur wrote it,
    /// or derived from the verwachting (`afgeleid: true`).
    pub verbeterpunten: Vec<VerbeterpuntJson>,
    /// The Samenvatting and Conclusie the inspectors wrote for the rapport; `null` when absent.
    pub rapportteksten: RapporttekstenJson,
    /// The inspectors' oordeel per criterium (kaders with criterion oordelen; else empty).
    pub criteria: Vec<CriteriumJson>,
    /// Every round of the onderzoek, oldest first: the earlier rounds of a hertoets, then this
    /// file's own (`huidig: true`).
    pub rondes: Vec<RondeJson>,
    /// The kader's norms on figures, each with its figure for this onderzoek and the oordeel it
    /// suggests (a suggestion only: the oordelen are the inspectors').
    pub normen: Vec<NormJson>,
    /// The steekproeven drawn with `veldtoets steekproef`, oldest first.
    pub steekproeven: Vec<SteekproefJson>,
    /// The wachtlijst per zaak, longest waiting first, each with its contacts.
    pub wachtzaken: Vec<WachtzaakJson>,
    /// The figures over `wachtzaken` at the peildatum (zicht op veiligheid).
    pub wachtlijst_cijfers: WachtlijstCijfersJson,
    /// Every kerngegeven the kader asks for, in kader order, filled in or not.
    pub kerngegevens: Vec<KerngegevenJson>,
    /// The eindoordeel the inspecteurs chose (kaders with `maat = "keuze"`); `null` for another
    /// kader, when nothing is chosen yet, or when the choice is in conflict (see `conflicten`).
    pub gekozen_eindoordeel: Option<GekozenEindoordeelJson>,
}

/// A kerngegeven of the kader with its value in this onderzoek.
#[derive(Debug, Serialize)]
pub struct KerngegevenJson {
    pub id: String,
    pub naam: String,
    /// `aantal`, `bedrag` or `fte`.
    pub soort: &'static str,
    /// "euro", "fte", "meldingen"; empty for a plain count.
    pub eenheid: String,
    pub periode: String,
    pub groep: String,
    /// The value in its stored form ("4250000.5": a dot before the decimals, no grouping);
    /// `null` when not filled in (or recorded as not known).
    pub waarde: Option<String>,
    /// The value as the rapport prints it ("€ 4.250.000,50", "42,5 fte"); `null` with `waarde`.
    pub weergave: Option<String>,
    /// Where the value comes from, or why it is missing.
    pub toelichting: String,
    /// The versions disagree (see `conflicten`): the values above are a placeholder, not a
    /// chosen version.
    pub conflict: bool,
}

/// The chosen eindoordeel with its onderbouwing.
#[derive(Debug, Serialize)]
pub struct GekozenEindoordeelJson {
    /// The id of the eindoordeel in the kader (as `score.eindoordeel`).
    pub eindoordeel: String,
    pub naam: String,
    /// What the eindoordeel means, as the kader describes it (may be empty).
    pub omschrijving: String,
    pub onderbouwing: String,
    /// Who recorded the choice (its latest version).
    pub inspecteur: String,
    /// When (RFC 3339).
    pub tijd: String,
}

impl KerngegevenJson {
    /// Every kerngegeven of the kader, in kader order.
    pub fn of_inspection(inspection: &Inspection) -> Vec<KerngegevenJson> {
        inspection
            .framework
            .key_figures
            .iter()
            .map(|k| {
                let record = inspection.kerngegevens.get(&k.id);
                let value = record.and_then(|r| r.data.quantity());
                KerngegevenJson {
                    id: k.id.clone(),
                    naam: k.label.clone(),
                    soort: k.kind.as_str(),
                    eenheid: k.unit.clone(),
                    periode: k.period.clone(),
                    groep: k.group.clone(),
                    waarde: value.map(|q| q.canonical()),
                    weergave: value.map(|q| k.show(q)),
                    toelichting: record
                        .map(|r| r.data.toelichting.clone())
                        .unwrap_or_default(),
                    conflict: inspection.kerngegevens.is_conflicted(&k.id),
                }
            })
            .collect()
    }
}

impl GekozenEindoordeelJson {
    pub fn of_inspection(inspection: &Inspection) -> Option<GekozenEindoordeelJson> {
        if inspection.framework.rules.measure != Measure::Choice {
            return None;
        }
        let (verdict, revision) = inspection.chosen_verdict()?;
        Some(GekozenEindoordeelJson {
            eindoordeel: verdict.as_str().to_string(),
            naam: verdict.label().to_string(),
            omschrijving: inspection
                .framework
                .verdict_description(verdict)
                .to_string(),
            onderbouwing: revision.data.onderbouwing.clone(),
            inspecteur: inspection.inspector_name(revision.meta.author).to_string(),
            tijd: revision.meta.at.to_string(),
        })
    }
}

/// A waiting case.
#[derive(Debug, Serialize)]
pub struct WachtzaakJson {
    pub id: String,
    pub nummer: String,
    pub melding: Option<String>,
    /// `veiligheidsbeoordeling`, `onderzoek` or `vv`.
    pub wacht_op: &'static str,
    /// `hoog` or `normaal`.
    pub prioriteit: &'static str,
    /// Days from the melding to the peildatum.
    pub dagen_wachtend: Option<i64>,
    pub laatste_contact: Option<String>,
    /// A contact within `wachtlijst_cijfers.contact_binnen_dagen` before the peildatum.
    pub zicht: bool,
    pub contacten: Vec<ContactJson>,
    pub conflict: bool,
}

#[derive(Debug, Serialize)]
pub struct ContactJson {
    pub datum: Option<String>,
    /// With whom, by function.
    pub met: String,
}

#[derive(Debug, Serialize)]
pub struct WachtlijstCijfersJson {
    pub peildatum: Option<String>,
    pub wachtend: usize,
    /// Per kind of wait (`veiligheidsbeoordeling`, `onderzoek`, `vv`), how many.
    pub per_soort: BTreeMap<&'static str, usize>,
    pub langste_wachttijd_dagen: Option<i64>,
    pub oudste_melding: Option<String>,
    pub met_contact: usize,
    pub contact_binnen_dagen: u32,
    /// `met_contact / wachtend` (0..=1); `null` without waiting cases.
    pub aandeel_met_contact: Option<f64>,
}

/// A steekproef: enough to redo it.
#[derive(Debug, Serialize)]
pub struct SteekproefJson {
    /// The seed (a u64, as text so no JSON reader rounds it).
    pub zaad: String,
    /// How many numbers the list held (without the dossiers already there).
    pub populatie: Option<u32>,
    pub aantal: Option<u32>,
    /// The numbers drawn, in the order drawn.
    pub getrokken: Vec<String>,
    pub bron: String,
}

/// A norm with its figure.
#[derive(Debug, Serialize)]
pub struct NormJson {
    /// The termijn whose share within term is the figure; `null` for another figure.
    pub termijn: Option<String>,
    /// What the figure is: "termijn" (the share within `termijn`) or "zicht_op_veiligheid" (the
    /// share of waiting cases with a recent contact).
    pub cijfer: &'static str,
    /// The norm: at least this percentage within term.
    pub minimaal: u32,
    pub verwachtingen: Vec<String>,
    /// The figure (0..=1), as `termijnen[].aandeel_binnen` for a termijn; `null` without one.
    pub aandeel_binnen: Option<f64>,
    /// The figure reaches the norm; `null` without a figure.
    pub gehaald: Option<bool>,
    /// `voldoende` or `onvoldoende`; `null` without a figure.
    pub suggestie: Option<&'static str>,
    pub regel: String,
}

/// A draft: text typed into a field that is on disk but not yet a revision.
#[derive(Debug, Serialize)]
pub struct ConceptJson {
    /// The field's stable key, e.g. `onderbouwing/1.1.1`.
    pub veld: String,
    /// The field in words, e.g. "onderbouwing bij 1.1.1".
    pub omschrijving: String,
    pub tekst: String,
    pub inspecteur: String,
    /// When the text reached the disk (RFC 3339).
    pub tijd: String,
}

#[derive(Debug, Serialize)]
pub struct OnderzoekJson {
    pub id: String,
    pub organisatie: String,
    pub kader: String,
    pub kader_titel: String,
    pub aangemaakt_op: String,
    pub bezoek_van: Option<String>,
    pub bezoek_tot: Option<String>,
    /// The date open dossiers are measured up to: the one set, else the first visit day.
    pub peildatum: Option<String>,
    pub notitie: String,
    pub inspecteurs: Vec<InspecteurJson>,
    /// The latest earlier round of a hertoets (see `rondes` for every round).
    pub eerdere_ronde: Option<EerdereRondeJson>,
}

#[derive(Debug, Serialize)]
pub struct InspecteurJson {
    pub id: String,
    pub naam: String,
}

#[derive(Debug, Serialize)]
pub struct EerdereRondeJson {
    pub onderzoek: String,
    pub omschrijving: String,
    pub datum: Option<String>,
    pub oordelen: BTreeMap<String, String>,
}

#[derive(Debug, Serialize)]
pub struct InterviewJson {
    pub id: String,
    pub rol: String,
    pub datum: Option<String>,
    pub deelnemers: String,
    /// Participants per function (never names): {"uitvoerend medewerker": 3}.
    pub aantallen: BTreeMap<String, u32>,
    pub notitie: String,
    pub inspecteur: String,
    pub antwoorden: Vec<AntwoordJson>,
    /// The versions of this interview disagree (see `conflicten`); the values above are a
    /// placeholder, not a chosen version.
    pub conflict: bool,
}

#[derive(Debug, Serialize)]
pub struct AntwoordJson {
    pub id: String,
    pub vraag: String,
    pub notitie: String,
    pub tags: BTreeMap<String, String>,
    pub inspecteur: String,
    /// The versions disagree (see `conflicten`).
    pub conflict: bool,
}

#[derive(Debug, Serialize)]
pub struct FlitsJson {
    pub id: String,
    pub functie: String,
    pub tijdstip: Option<String>,
    pub antwoorden: BTreeMap<String, String>,
    pub tags: BTreeMap<String, String>,
    pub notitie: String,
    pub inspecteur: String,
    /// The versions disagree (see `conflicten`).
    pub conflict: bool,
}

#[derive(Debug, Serialize)]
pub struct DossierJson {
    pub id: String,
    pub nummer: String,
    pub selectie: String,
    /// Every date the kader declares, by its id (`melding_ontvangen`), in the kader's order;
    /// `null` when not filled in. The kader validation keeps these ids apart from the other
    /// keys ([`crate::kader_io`]'s reserved date ids).
    #[serde(flatten)]
    pub datums: DatesJson,
    pub notitie: String,
    pub inspecteur: String,
    pub termijnen: Vec<DossierTermijnJson>,
    pub datumproblemen: Vec<String>,
    pub checks: Vec<CheckJson>,
    /// The versions of this dossier disagree (see `conflicten`): the values above are a
    /// placeholder (the last version both copies agreed on), not a chosen version.
    pub conflict: bool,
}

#[derive(Debug, Serialize)]
pub struct DossierTermijnJson {
    pub termijn: String,
    /// "binnen", "te_laat", "open" (no stop date yet, within the term at the peildatum),
    /// "open_te_laat" (no stop date yet and over the term at the peildatum), "onvolledig" (the
    /// start date is missing, or there is no peildatum), "onmogelijk" or "nvt" (an optional
    /// term, and the dossier has no start date for it).
    pub status: &'static str,
    /// Days from the start date to the stop date, or to the peildatum for an open case.
    pub dagen: Option<i64>,
    pub dagen_te_laat: Option<i64>,
    pub toelichting: String,
    /// The dossier's versions give different outcomes for this term (or one deletes it): the
    /// outcome is unresolved and counted as `onbekend` in `termijnen`.
    pub conflict: bool,
}

#[derive(Debug, Serialize)]
pub struct CheckJson {
    pub vraag: String,
    pub antwoord: String,
    pub notitie: String,
    /// The versions of this answer disagree (see `conflicten`): not counted as ja or nee.
    pub conflict: bool,
}

#[derive(Debug, Serialize)]
pub struct TermijnJson {
    pub id: String,
    pub naam: String,
    pub binnen: u32,
    pub te_laat: u32,
    pub onbekend: u32,
    /// Share within term: `binnen` over every dossier with a known outcome, the open ones
    /// included (`binnen + te_laat + open - open_te_laat`).
    pub aandeel_binnen: Option<f64>,
    /// Dossiers without their stop date yet, measured up to `onderzoek.peildatum`;
    /// `open_te_laat` of them are over the term (and counted in `te_laat`).
    pub open: u32,
    pub open_te_laat: u32,
    /// The basis in words: "41 van 60 dossiers binnen termijn; 12 open, waarvan 9 over
    /// termijn (68% binnen)".
    pub basis: String,
}

#[derive(Debug, Serialize)]
pub struct DocumentJson {
    pub id: String,
    pub item: Option<String>,
    pub naam: String,
    pub ontvangen: bool,
    pub notitie: String,
    /// The versions disagree (see `conflicten`).
    pub conflict: bool,
}

#[derive(Debug, Serialize)]
pub struct WachtlijstJson {
    pub aantal: Option<u32>,
    pub oudste: Option<String>,
    pub peildatum: Option<String>,
    pub notitie: String,
    /// The versions disagree (see `conflicten`).
    pub conflict: bool,
}

#[derive(Debug, Serialize)]
pub struct OordeelJson {
    pub verwachting: String,
    /// The current oordeel; `null` when the verwachting is in conflict (then there is no single
    /// current value: see `versies`).
    pub oordeel: Option<String>,
    /// `null` in a conflict, like `oordeel`.
    pub onderbouwing: Option<String>,
    /// `null` in a conflict, like `oordeel`.
    pub inspecteur: Option<String>,
    /// `null` in a conflict, like `oordeel`.
    pub tijd: Option<String>,
    /// Every version in causal order: each after the versions it replaces (`vervangt`),
    /// concurrent versions by id — never by clock.
    pub historie: Vec<VersieJson>,
    /// The versions disagree (also listed in `conflicten`).
    pub conflict: bool,
    /// The current versions (the heads): one normally, all sides of a conflict.
    pub versies: Vec<VersieJson>,
}

#[derive(Debug, Serialize)]
pub struct VersieJson {
    pub versie: String,
    /// For an oordeel only (left out for other kinds).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub oordeel: Option<String>,
    /// For an oordeel only (left out for other kinds).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub onderbouwing: Option<String>,
    pub inspecteur: String,
    pub tijd: String,
    pub vervangt: Vec<String>,
    /// This version deletes the record (a tombstone).
    pub verwijderd: bool,
    /// The content in short ("ja", "nummer VTG-1, melding_ontvangen 03-02-2026"), or
    /// "verwijderd".
    pub samenvatting: String,
}

/// The dates of a dossier as fields of its JSON object, in the kader's order.
#[derive(Debug)]
pub struct DatesJson(pub Vec<(&'static str, Option<String>)>);

impl Serialize for DatesJson {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (id, date) in &self.0 {
            map.serialize_entry(id, date)?;
        }
        map.end()
    }
}

/// One record whose versions disagree, of any kind.
#[derive(Debug, Serialize)]
pub struct ConflictJson {
    /// The verwachting, for an oordeel conflict (left out for other kinds).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verwachting: Option<String>,
    /// Every version (head), in causal order.
    pub versies: Vec<VersieJson>,
    /// The kind: onderzoek, interview, antwoord, flitsinterview, dossier, dossiervraag,
    /// document, wachtlijst or oordeel.
    pub soort: &'static str,
    /// The record's id (the verwachting id for an oordeel).
    pub record: String,
    /// The record in words, e.g. "dossiervraag dos-1.1.1b in dossier VTG-2026-0668".
    pub omschrijving: String,
    /// The fields in which the versions differ; `verwijderd` for edit versus delete.
    pub velden: Vec<String>,
    /// The conflict in one line: "dossiervraag dos-1.1.1b in dossier VTG-2026-0668: ja
    /// (E. Voorbeeld) / nee (J. Proef)".
    pub tekst: String,
}

/// Two or more records of one kind with the same natural key.
#[derive(Debug, Serialize)]
pub struct DubbelJson {
    /// The kind, as in `conflicten[].soort`: `dossier` or `document`.
    pub soort: &'static str,
    /// The key: the dossier number or the document name (trimmed; compared case-insensitively).
    pub sleutel: String,
    /// The ids of the records, in id order.
    pub records: Vec<String>,
    /// In words: "dossiernummer VTG-2026-0668 staat 2 keer in het onderzoek".
    pub omschrijving: String,
}

impl DubbelJson {
    pub fn new(duplicate: &Duplicate) -> DubbelJson {
        DubbelJson {
            soort: duplicate.kind.as_str(),
            sleutel: duplicate.key.clone(),
            records: duplicate.entities.clone(),
            omschrijving: duplicate.description(),
        }
    }

    /// The duplicates of an inspection, in the order of [`Inspection::duplicates`].
    pub fn of_inspection(inspection: &Inspection) -> Vec<DubbelJson> {
        inspection
            .duplicates()
            .iter()
            .map(DubbelJson::new)
            .collect()
    }
}

impl ConflictJson {
    /// The JSON of a conflict, with inspecteur names from `inspection`. For an oordeel the
    /// versions carry `oordeel` and `onderbouwing` as before.
    pub fn new(inspection: &Inspection, conflict: &RecordConflict) -> ConflictJson {
        let oordeel = conflict.kind == Kind::Oordeel;
        let history = inspection
            .oordelen
            .history(&conflict.entity)
            .filter(|_| oordeel);
        ConflictJson {
            verwachting: oordeel.then(|| conflict.entity.clone()),
            versies: conflict
                .versions
                .iter()
                .map(|v| {
                    let revision =
                        history.and_then(|h| h.revisions().iter().find(|r| r.meta.rev == v.rev));
                    match revision {
                        Some(r) => version_json(inspection, r),
                        None => conflict_version_json(inspection, v),
                    }
                })
                .collect(),
            soort: conflict.kind.as_str(),
            record: conflict.entity.clone(),
            omschrijving: conflict.description.clone(),
            velden: conflict.fields.iter().map(ToString::to_string).collect(),
            tekst: conflict.line(|id| inspection.inspector_name(id)),
        }
    }
}

fn conflict_version_json(inspection: &Inspection, v: &ConflictVersion) -> VersieJson {
    VersieJson {
        versie: v.rev.to_string(),
        oordeel: None,
        onderbouwing: None,
        inspecteur: inspection.inspector_name(v.author).to_string(),
        tijd: v.at.to_string(),
        vervangt: v.replaces.iter().map(ToString::to_string).collect(),
        verwijderd: v.deleted,
        samenvatting: v.summary.clone(),
    }
}

fn tags_out(tags: &Tags) -> BTreeMap<String, String> {
    tags.iter()
        .map(|(k, v)| (k.clone(), v.as_str().to_string()))
        .collect()
}

fn version_json(inspection: &Inspection, r: &Revision<OordeelData>) -> VersieJson {
    use crate::domain::inspection::RecordData;
    VersieJson {
        versie: r.meta.rev.to_string(),
        oordeel: Some(r.data.text()),
        onderbouwing: Some(r.data.onderbouwing.clone()),
        inspecteur: inspection.inspector_name(r.meta.author).to_string(),
        tijd: r.meta.at.to_string(),
        vervangt: r.meta.replaces.iter().map(ToString::to_string).collect(),
        verwijderd: r.meta.deleted,
        samenvatting: if r.meta.deleted {
            "verwijderd".to_string()
        } else {
            r.data.summary()
        },
    }
}

impl ExportJson {
    pub fn new(inspection: &Inspection, exported_at: jiff::Timestamp) -> ExportJson {
        let fw = &inspection.framework;
        let name = |id| inspection.inspector_name(id).to_string();
        let details = inspection.details_data();

        let mut interviews: Vec<InterviewJson> = inspection
            .interviews
            .current()
            .map(|i| {
                let answers = inspection.answers_of(&i.meta.entity);
                InterviewJson {
                    id: i.meta.entity.clone(),
                    rol: i.data.rol.clone(),
                    datum: date_out(i.data.datum),
                    deelnemers: i.data.deelnemers.clone(),
                    aantallen: i
                        .data
                        .counts()
                        .into_iter()
                        .map(|(f, n)| (f.to_string(), n))
                        .collect(),
                    notitie: i.data.notitie.clone(),
                    inspecteur: name(i.meta.author),
                    antwoorden: answers
                        .values()
                        .map(|a| AntwoordJson {
                            id: a.meta.entity.clone(),
                            vraag: a.data.vraag.clone(),
                            notitie: a.data.notitie.clone(),
                            tags: tags_out(&a.data.tags),
                            inspecteur: name(a.meta.author),
                            conflict: inspection.answers.is_conflicted(&a.meta.entity),
                        })
                        .collect(),
                    conflict: inspection.interviews.is_conflicted(&i.meta.entity),
                }
            })
            .collect();
        interviews.sort_by(|a, b| (&a.datum, &a.rol, &a.id).cmp(&(&b.datum, &b.rol, &b.id)));

        let mut flitsinterviews: Vec<FlitsJson> = inspection
            .flashes
            .current()
            .map(|f| FlitsJson {
                id: f.meta.entity.clone(),
                functie: f.data.functie.clone(),
                tijdstip: f.data.tijdstip.map(|t| t.to_string()),
                antwoorden: f.data.antwoorden.clone(),
                tags: tags_out(&f.data.tags),
                notitie: f.data.notitie.clone(),
                inspecteur: name(f.meta.author),
                conflict: inspection.flashes.is_conflicted(&f.meta.entity),
            })
            .collect();
        flitsinterviews.sort_by(|a, b| (&a.tijdstip, &a.id).cmp(&(&b.tijdstip, &b.id)));

        let peildatum = inspection.peildatum();
        let dossiers = inspection
            .dossier_list()
            .into_iter()
            .map(|d| {
                let dates = &d.data.dates;
                let checks = inspection.checks_of(&d.meta.entity);
                DossierJson {
                    id: d.meta.entity.clone(),
                    nummer: d.data.nummer.clone(),
                    selectie: d.data.selectie.as_str().to_string(),
                    datums: DatesJson(
                        fw.dates
                            .iter()
                            .map(|kind| (kind.as_str(), date_out(dates.get(*kind))))
                            .collect(),
                    ),
                    notitie: d.data.notitie.clone(),
                    inspecteur: name(d.meta.author),
                    termijnen: fw
                        .deadlines
                        .iter()
                        .map(|def| {
                            let outcome = termijn::evaluate(def, dates, peildatum);
                            let unresolved = inspection.deadline_outcome(def, d).is_none();
                            let (status, dagen, over) = match outcome {
                                DeadlineOutcome::Met { elapsed } => ("binnen", Some(elapsed), None),
                                DeadlineOutcome::Missed {
                                    elapsed,
                                    over,
                                    open: false,
                                } => ("te_laat", Some(elapsed), Some(over)),
                                DeadlineOutcome::Missed {
                                    elapsed,
                                    over,
                                    open: true,
                                } => ("open_te_laat", Some(elapsed), Some(over)),
                                DeadlineOutcome::Open { elapsed } => ("open", Some(elapsed), None),
                                DeadlineOutcome::Missing(_) => ("onvolledig", None, None),
                                DeadlineOutcome::Impossible(_) => ("onmogelijk", None, None),
                                DeadlineOutcome::NotApplicable => ("nvt", None, None),
                            };
                            DossierTermijnJson {
                                termijn: def.id.clone(),
                                status,
                                dagen,
                                dagen_te_laat: over,
                                toelichting: outcome.describe(),
                                conflict: unresolved,
                            }
                        })
                        .collect(),
                    datumproblemen: dates
                        .problems(&fw.date_rules)
                        .iter()
                        .map(ToString::to_string)
                        .collect(),
                    checks: fw
                        .sources
                        .checklist
                        .iter()
                        .filter_map(|q| checks.get(q.id.as_str()))
                        .map(|c| CheckJson {
                            vraag: c.data.vraag.clone(),
                            antwoord: c.data.antwoord.as_str().to_string(),
                            notitie: c.data.notitie.clone(),
                            conflict: inspection.checks.is_conflicted(&c.meta.entity),
                        })
                        .collect(),
                    conflict: inspection.dossiers.is_conflicted(&d.meta.entity),
                }
            })
            .collect();

        let termijnen = fw
            .deadlines
            .iter()
            .zip(inspection.deadline_summaries())
            .map(|(def, s)| TermijnJson {
                id: def.id.clone(),
                naam: def.name.clone(),
                binnen: s.met,
                te_laat: s.missed,
                onbekend: s.unknown,
                aandeel_binnen: s.share_met().map(|x| (x * 1000.0).round() / 1000.0),
                open: s.open + s.open_missed,
                open_te_laat: s.open_missed,
                basis: s.describe(),
            })
            .collect();

        let mut documenten: Vec<DocumentJson> = inspection
            .documents
            .current()
            .map(|d| DocumentJson {
                id: d.meta.entity.clone(),
                item: d.data.item.clone(),
                naam: d.data.naam.clone(),
                ontvangen: d.data.ontvangen,
                notitie: d.data.notitie.clone(),
                conflict: inspection.documents.is_conflicted(&d.meta.entity),
            })
            .collect();
        let doc_order = |item: &Option<String>| {
            item.as_deref()
                .and_then(|i| fw.sources.documents.iter().position(|d| d.id == i))
                .unwrap_or(usize::MAX)
        };
        documenten.sort_by(|a, b| {
            (doc_order(&a.item), &a.naam, &a.id).cmp(&(doc_order(&b.item), &b.naam, &b.id))
        });

        let wachtlijst =
            inspection
                .waitlist
                .get(&inspection.waitlist_id())
                .map(|w| WachtlijstJson {
                    aantal: w.data.aantal,
                    oudste: date_out(w.data.oudste),
                    peildatum: date_out(w.data.peildatum),
                    notitie: w.data.notitie.clone(),
                    conflict: inspection.waitlist.is_conflicted(&w.meta.entity),
                });

        let oordelen = fw
            .expectations()
            .iter()
            .filter_map(|e| {
                let id = &e.expectation.id;
                let history = inspection.oordelen.history(id)?;
                let conflict = history.is_conflicted();
                // A conflicted oordeel has no single current value; a settled one that is
                // deleted is left out, as before.
                let current = if conflict {
                    None
                } else {
                    Some(history.current()?)
                };
                Some(OordeelJson {
                    verwachting: id.clone(),
                    oordeel: current.map(|c| c.data.text()),
                    onderbouwing: current.map(|c| c.data.onderbouwing.clone()),
                    inspecteur: current.map(|c| name(c.meta.author)),
                    tijd: current.map(|c| c.meta.at.to_string()),
                    historie: history
                        .revisions()
                        .iter()
                        .map(|r| version_json(inspection, r))
                        .collect(),
                    conflict,
                    versies: history
                        .heads()
                        .map(|r| version_json(inspection, r))
                        .collect(),
                })
            })
            .collect();

        let conflicten = inspection
            .all_conflicts()
            .iter()
            .map(|c| ConflictJson::new(inspection, c))
            .collect::<Vec<_>>();

        ExportJson {
            formaat: 1,
            geexporteerd_op: exported_at.to_string(),
            onderzoek: OnderzoekJson {
                id: inspection.id.to_string(),
                organisatie: details.organisatie.clone(),
                kader: fw.id.clone(),
                kader_titel: fw.title.clone(),
                aangemaakt_op: inspection.created_at.to_string(),
                bezoek_van: date_out(details.bezoek_van),
                bezoek_tot: date_out(details.bezoek_tot),
                peildatum: date_out(inspection.peildatum()),
                notitie: details.notitie.clone(),
                inspecteurs: inspection
                    .inspectors
                    .iter()
                    .map(|(id, naam)| InspecteurJson {
                        id: id.to_string(),
                        naam: naam.clone(),
                    })
                    .collect(),
                eerdere_ronde: inspection.previous_round().map(|r| EerdereRondeJson {
                    onderzoek: r.onderzoek.clone(),
                    omschrijving: r.omschrijving.clone(),
                    datum: date_out(r.datum),
                    oordelen: r
                        .oordelen
                        .iter()
                        .map(|(k, o)| (k.clone(), o.oordeel.clone()))
                        .collect(),
                }),
            },
            interviews,
            flitsinterviews,
            dossiers,
            termijnen,
            documenten,
            wachtlijst,
            oordelen,
            conflicten,
            dubbelen: DubbelJson::of_inspection(inspection),
            score: ScoreJson::of_inspection(inspection),
            concepten: inspection
                .drafts
                .iter()
                .map(|d| ConceptJson {
                    veld: d.key.clone(),
                    omschrijving: d.field().map_or_else(
                        || format!("onbekend veld '{}'", d.key),
                        |f| f.describe(inspection),
                    ),
                    tekst: d.text.clone(),
                    inspecteur: name(d.author),
                    tijd: d.at.to_string(),
                })
                .collect(),
            status: StatusJson::of_inspection(inspection),
            reacties: ReactieJson::of_inspection(inspection),
            vervolg: VervolgJson::of_inspection(inspection),
            verbeterpunten: VerbeterpuntJson::of_inspection(inspection),
            rapportteksten: RapporttekstenJson::of_inspection(inspection),
            criteria: CriteriumJson::of_inspection(inspection),
            rondes: RondeJson::of_inspection(inspection),
            wachtzaken: inspection
                .waiting_cases()
                .into_iter()
                .map(|c| WachtzaakJson {
                    id: c.zaak.meta.entity.clone(),
                    nummer: c.zaak.data.nummer.clone(),
                    melding: date_out(c.zaak.data.melding),
                    wacht_op: c.zaak.data.wacht_op.as_str(),
                    prioriteit: c.zaak.data.prioriteit.as_str(),
                    dagen_wachtend: c.waiting_days,
                    laatste_contact: date_out(c.last_contact),
                    zicht: c.in_sight,
                    contacten: c
                        .contacts
                        .iter()
                        .map(|k| ContactJson {
                            datum: date_out(k.data.datum),
                            met: k.data.met.clone(),
                        })
                        .collect(),
                    conflict: inspection.wachtzaken.is_conflicted(&c.zaak.meta.entity),
                })
                .collect(),
            wachtlijst_cijfers: {
                let f = inspection.waitlist_figures();
                WachtlijstCijfersJson {
                    peildatum: date_out(f.peildatum),
                    wachtend: f.waiting,
                    per_soort: f.by_kind.iter().map(|(k, n)| (k.as_str(), *n)).collect(),
                    langste_wachttijd_dagen: f.longest.map(|(d, _)| d),
                    oudste_melding: date_out(f.longest.map(|(_, m)| m)),
                    met_contact: f.in_sight,
                    contact_binnen_dagen: f.days,
                    aandeel_met_contact: f.share_in_sight().map(|x| (x * 1000.0).round() / 1000.0),
                }
            },
            steekproeven: inspection
                .samples()
                .into_iter()
                .map(|s| SteekproefJson {
                    zaad: s.zaad.clone(),
                    populatie: s.populatie,
                    aantal: s.aantal,
                    getrokken: s.getrokken.lines().map(str::to_string).collect(),
                    bron: s.bron.clone(),
                })
                .collect(),
            normen: inspection
                .norm_checks()
                .iter()
                .map(|c| NormJson {
                    termijn: c.deadline().map(|d| d.id.clone()),
                    cijfer: match c.norm.figure {
                        crate::domain::kader::NormFigure::Deadline(_) => "termijn",
                        crate::domain::kader::NormFigure::InSight => "zicht_op_veiligheid",
                    },
                    minimaal: c.norm.min_percent,
                    verwachtingen: c.norm.expectations.clone(),
                    aandeel_binnen: c.share().map(|x| (x * 1000.0).round() / 1000.0),
                    gehaald: c.reached(),
                    suggestie: c.suggestion().map(|v| v.as_str()),
                    regel: c.norm.rule.clone(),
                })
                .collect(),
            kerngegevens: KerngegevenJson::of_inspection(inspection),
            gekozen_eindoordeel: GekozenEindoordeelJson::of_inspection(inspection),
        }
    }
}
