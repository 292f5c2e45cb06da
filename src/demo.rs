//! The demo inspections: complete, fictional onderzoeken for trying the app, one per demo kader.
//!
//! The content (interviews, flitsinterviews, dossiers, documents, oordelen, criterion oordelen and,
//! for a hertoets, the earlier round) is data in `assets/demo/demo-KADER.toml`; this module turns
//! it into revisions and writes them to a new inspection file under a temporary name, renamed
//! into place only when everything is written.
//!
//! - `vt-2016-stap2` ([`create`]): an onderzoek on stap 2, eindoordeel matig.
//! - `vt-2015-stap1`: a hertoets of stap 1 in the shape of seed 003: the first round (8 of the 24
//!   verwachtingen) is built as an onderzoek of its own in memory and kept as the earlier round
//!   exactly as `veldtoets new --hertoets-van` keeps one ([`Inspection::as_round`]); the hertoets
//!   itself has 18 of the 24, both onvoldoende, with criterion oordelen V/M/O in both rounds.
//! - `vt-2024-tijdigheid`: the 2024 focus of seed 004 (tijdigheid and zicht op veiligheid):
//!   dossiers with the kader's own dates (`datums`), open dossiers over their term, shares within
//!   term against the 80% norms, and the wachtlijst per zaak (`[[wachtzaak]]`, each with its
//!   contacts about safety), some without a contact in the last 30 days.
//! - `vng-2016-risicoscan`: a risicoscan in the shape of seed 001: gesprekken with the three
//!   roles, a toelichting per topic (inventoried verwachtingen), every kerngegeven typed in Dutch
//!   (`[[kerngegeven]]`, read with [`Quantity::parse`]) and the category chosen by the analyst
//!   (`[keuze]`), written as the records `veldtoets` writes for them.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Context, Result, anyhow, bail};
use jiff::civil::{Date, DateTime};
use jiff::{SignedDuration, Timestamp};
use serde::Deserialize;
use uuid::Uuid;

use crate::domain::Framework;
use crate::domain::inspection::{
    AnswerData, Change, CheckAnswer, CheckData, ContactData, Details, DocumentData, DossierData,
    FlashData, Inspection, InterviewData, KerngegevenData, KeuzeData, OordeelData, Record, Round,
    Selection, Stamp, Tag, Tags, WachtzaakData, WaitlistData,
};
use crate::domain::kader::Measure;
use crate::domain::kerndata::Quantity;
use crate::domain::termijn::CaseDates;
use crate::domain::wachtlijst::{Prioriteit, WachtOp};
use crate::kader_io;
use crate::store::{Passphrase, Store, StoreError};

/// The kader of the default demo ([`create`]).
pub const DEMO_KADER: &str = "vt-2016-stap2";

/// The kader of the stap 1 hertoets demo.
pub const DEMO_KADER_STAP1: &str = "vt-2015-stap1";

/// The kader of the demo on tijdigheid and zicht op veiligheid (seed 004).
pub const DEMO_KADER_2024: &str = "vt-2024-tijdigheid";

/// The kader of the demo risicoscan (seed 001, VNG 2016): kerndata and a category chosen by the
/// analyst.
pub const DEMO_KADER_RISICOSCAN: &str = "vng-2016-risicoscan";

/// Every kader with a demo, the default first.
pub const DEMO_KADERS: [&str; 4] = [
    DEMO_KADER,
    DEMO_KADER_STAP1,
    DEMO_KADER_2024,
    DEMO_KADER_RISICOSCAN,
];

/// The demo data per kader, in the order of [`DEMO_KADERS`].
const DEMO_TEXTS: [&str; 4] = [
    include_str!("../assets/demo/demo-vt-2016-stap2.toml"),
    include_str!("../assets/demo/demo-vt-2015-stap1.toml"),
    include_str!("../assets/demo/demo-vt-2024-tijdigheid.toml"),
    include_str!("../assets/demo/demo-vng-2016-risicoscan.toml"),
];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoDto {
    organisatie: String,
    bezoek_van: String,
    bezoek_tot: String,
    inspecteurs: Vec<String>,
    #[serde(default)]
    notitie: String,
    #[serde(default)]
    interview: Vec<InterviewDto>,
    #[serde(default)]
    flitsinterview: Vec<FlitsDto>,
    #[serde(default)]
    dossier: Vec<DossierDto>,
    #[serde(default)]
    document: Vec<DocumentDto>,
    wachtlijst: WachtlijstDto,
    /// The wachtlijst per zaak: households waiting, each with its contacts about safety.
    #[serde(default)]
    wachtzaak: Vec<WachtzaakDto>,
    oordelen: BTreeMap<String, OordeelDto>,
    /// The oordeel per criterium (kaders with criterion oordelen): criterium id → code on the
    /// kader's scale ("M") and the onderbouwing "Ad 1.1".
    #[serde(default)]
    criteria: BTreeMap<String, OordeelDto>,
    /// For a hertoets: the round before it.
    #[serde(default)]
    eerdere_ronde: Option<RondeDto>,
    /// The kerndata of the onderzoek (kaders with `[[kerngegeven]]`), typed as an inspecteur
    /// types them.
    #[serde(default)]
    kerngegeven: Vec<KerngegevenDto>,
    /// The eindoordeel chosen by the inspecteur (kaders with `maat = "keuze"`).
    #[serde(default)]
    keuze: Option<KeuzeDto>,
}

/// The value of one kerngegeven of the kader: its id, the value as typed in Dutch ("€ 6.480.000",
/// "96,4"; empty: not known) and where it comes from.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct KerngegevenDto {
    id: String,
    waarde: String,
    #[serde(default)]
    toelichting: String,
    #[serde(default)]
    inspecteur: usize,
}

/// The eindoordeel chosen by the inspecteur: an id of one of the kader's eindoordelen and why.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct KeuzeDto {
    eindoordeel: String,
    onderbouwing: String,
    #[serde(default)]
    inspecteur: usize,
}

/// An earlier round of a hertoets: the onderzoek it concluded, of the same organisation on the
/// same kader and with the same inspecteurs (by index).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RondeDto {
    bezoek_van: String,
    bezoek_tot: String,
    #[serde(default)]
    notitie: String,
    oordelen: BTreeMap<String, OordeelDto>,
    #[serde(default)]
    criteria: BTreeMap<String, OordeelDto>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct InterviewDto {
    rol: String,
    datum: String,
    deelnemers: String,
    /// Participants per function (no names): `{ "uitvoerend medewerker" = 3 }`.
    #[serde(default)]
    aantallen: BTreeMap<String, u32>,
    inspecteur: usize,
    #[serde(default)]
    notitie: String,
    #[serde(default)]
    antwoorden: BTreeMap<String, AntwoordDto>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AntwoordDto {
    notitie: String,
    #[serde(default)]
    tags: BTreeMap<String, String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FlitsDto {
    functie: String,
    tijdstip: String,
    inspecteur: usize,
    #[serde(default)]
    notitie: String,
    #[serde(default)]
    antwoorden: BTreeMap<String, String>,
    #[serde(default)]
    tags: BTreeMap<String, String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DossierDto {
    nummer: String,
    selectie: String,
    melding_ontvangen: Option<String>,
    triagebesluit: Option<String>,
    start_onderzoek: Option<String>,
    afronding_onderzoek: Option<String>,
    vervolgtraject_ingezet: Option<String>,
    /// Dates a kader declares itself (`[[datum]]`), by id.
    #[serde(default)]
    datums: BTreeMap<String, String>,
    inspecteur: usize,
    #[serde(default)]
    notitie: String,
    #[serde(default)]
    checks: BTreeMap<String, String>,
    #[serde(default)]
    check_notities: BTreeMap<String, String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DocumentDto {
    item: String,
    ontvangen: bool,
    #[serde(default)]
    notitie: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WachtlijstDto {
    aantal: Option<u32>,
    #[serde(default)]
    oudste: Option<String>,
    peildatum: Option<String>,
    #[serde(default)]
    notitie: String,
}

/// A waiting case of the wachtlijst per zaak: a pseudonymous number, the melding date, what the
/// household waits for (`veiligheidsbeoordeling`, `onderzoek` or `vv`), the priority (`hoog` or
/// `normaal`, default `normaal`) and its contacts about safety while it waits.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WachtzaakDto {
    nummer: String,
    melding: String,
    wacht_op: String,
    #[serde(default)]
    prioriteit: Option<String>,
    #[serde(default)]
    notitie: String,
    #[serde(default)]
    contacten: Vec<ContactDto>,
    #[serde(default)]
    inspecteur: usize,
}

/// A contact about safety with a waiting household: the date and with whom, by function.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ContactDto {
    datum: String,
    met: String,
    #[serde(default)]
    notitie: String,
}

/// An oordeel on a verwachting ("voldoende", "onvoldoende:wachtlijst", "niet_beoordeeld") or on
/// a criterium (a code of the kader's criterion scale).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OordeelDto {
    oordeel: String,
    onderbouwing: String,
    inspecteur: usize,
}

fn date(text: &str) -> Result<Date> {
    text.parse()
        .with_context(|| format!("ongeldige datum '{text}' in de demogegevens"))
}

fn opt_date(text: &Option<String>) -> Result<Option<Date>> {
    text.as_deref().map(date).transpose()
}

/// The dates of a demo dossier, each a date the kader declares.
fn case_dates(framework: &Framework, d: &DossierDto) -> Result<CaseDates> {
    let builtin = [
        ("melding_ontvangen", &d.melding_ontvangen),
        ("triagebesluit", &d.triagebesluit),
        ("start_onderzoek", &d.start_onderzoek),
        ("afronding_onderzoek", &d.afronding_onderzoek),
        ("vervolgtraject_ingezet", &d.vervolgtraject_ingezet),
    ];
    let given = builtin
        .into_iter()
        .filter_map(|(id, text)| text.as_deref().map(|t| (id, t)))
        .chain(d.datums.iter().map(|(id, t)| (id.as_str(), t.as_str())));
    let mut dates = CaseDates::default();
    for (id, text) in given {
        let kind = framework.date_kind(id).ok_or_else(|| {
            anyhow!(
                "dossier {}: datum '{id}' staat niet in het kader {}",
                d.nummer,
                framework.id
            )
        })?;
        dates.set(kind, Some(date(text)?));
    }
    Ok(dates)
}

fn tags(raw: &BTreeMap<String, String>) -> Result<Tags> {
    raw.iter()
        .map(|(k, v)| {
            Tag::parse(v)
                .map(|t| (k.clone(), t))
                .ok_or_else(|| anyhow!("onbekende tag '{v}' in de demogegevens"))
        })
        .collect()
}

/// Hands out stamps with times spread over the visit days, so the history reads like fieldwork.
struct Clock {
    next: Timestamp,
}

impl Clock {
    /// A clock at 08.30 on the first visit day.
    fn starting(day: Date) -> Result<Clock> {
        Ok(Clock {
            next: day
                .at(8, 30, 0, 0)
                .to_zoned(jiff::tz::TimeZone::UTC)
                .context("bezoekdatum buiten bereik")?
                .timestamp(),
        })
    }

    fn stamp(&mut self) -> Stamp {
        let at = self.next;
        self.next = at + SignedDuration::from_secs(20);
        Stamp {
            rev: Uuid::now_v7(),
            at,
        }
    }

    /// Moves the clock to a moment of the visit (no earlier than now).
    fn at(&mut self, moment: DateTime) -> Result<()> {
        let t = moment
            .to_zoned(jiff::tz::TimeZone::UTC)
            .context("tijdstip buiten bereik")?
            .timestamp();
        if t > self.next {
            self.next = t;
        }
        Ok(())
    }
}

/// The demo data of `kader`, or a Dutch refusal naming the kaders that have a demo.
fn demo_text(kader: &str) -> Result<&'static str> {
    DEMO_KADERS
        .iter()
        .position(|k| *k == kader)
        .map(|i| DEMO_TEXTS[i])
        .ok_or_else(|| {
            anyhow!(
                "er is geen demo-onderzoek voor kader '{kader}'; kies een van: {}",
                DEMO_KADERS.join(", ")
            )
        })
}

/// Whether `kader` has a demo; the error names the kaders that do.
pub fn check_kader(kader: &str) -> Result<()> {
    demo_text(kader).map(|_| ())
}

/// Creates the default demo inspection (on [`DEMO_KADER`]) at `path`; see [`create_for`].
pub fn create(path: &Path) -> Result<(Store, Inspection)> {
    create_for(path, DEMO_KADER)
}

/// Creates the demo inspection of `kader` (one of [`DEMO_KADERS`]) at `path` (which must not
/// exist) and returns it, opened. The file is built under a temporary name and renamed into
/// place, so a failure leaves nothing behind.
pub fn create_for(path: &Path, kader: &str) -> Result<(Store, Inspection)> {
    create_for_with(path, kader, None)
}

/// [`create_for`], encrypted with `passphrase` when one is given (the demo holds fictional data:
/// plain is fine, encrypted when the user asks for it).
pub fn create_for_with(
    path: &Path,
    kader: &str,
    passphrase: Option<&Passphrase>,
) -> Result<(Store, Inspection)> {
    let text = demo_text(kader)?;
    if path.exists() {
        return Err(StoreError::AlreadyExists(path.to_path_buf()).into());
    }
    let temp = crate::store::temp_path(path);
    let result = build(&temp, kader, text, passphrase).and_then(|()| {
        std::fs::rename(&temp, path)
            .with_context(|| format!("'{}' kan niet worden geschreven", path.display()))
    });
    if let Err(e) = result {
        let _ = std::fs::remove_file(&temp);
        return Err(e);
    }
    let (store, inspection, _) = Store::open_with(path, passphrase)?;
    Ok((store, inspection))
}

fn parse(text: &str) -> Result<DemoDto> {
    toml::from_str(text).context("demogegevens zijn ongeldig")
}

fn build(path: &Path, kader: &str, text: &str, passphrase: Option<&Passphrase>) -> Result<()> {
    let dto = parse(text)?;
    let framework =
        kader_io::builtin(kader).ok_or_else(|| anyhow!("ingebouwd kader {kader} ontbreekt"))?;
    let van = date(&dto.bezoek_van)?;
    let tot = date(&dto.bezoek_tot)?;
    // The earlier round first: bad data in it stops the demo before any file is made.
    let rounds = dto
        .eerdere_ronde
        .as_ref()
        .map(|r| earlier_round(framework, &dto, r, van))
        .transpose()?;
    let mut clock = Clock::starting(van)?;
    let first = dto
        .inspecteurs
        .first()
        .ok_or_else(|| anyhow!("de demogegevens noemen geen inspecteur"))?;
    let (mut store, mut inspection) = match passphrase {
        Some(passphrase) => Store::create_encrypted(
            path,
            framework,
            &dto.organisatie,
            first,
            clock.stamp(),
            passphrase,
        )?,
        None => Store::create(path, framework, &dto.organisatie, first, clock.stamp())?,
    };
    let mut authors = Vec::new();
    for name in &dto.inspecteurs {
        let id = inspection.add_inspector(name);
        store.add_inspector(id, name)?;
        authors.push(id);
    }
    if let Some(rounds) = rounds {
        // The file is still under its temporary name: a failure after this leaves nothing.
        store.set_rounds(&rounds)?;
        inspection.rounds = rounds;
    }

    let mut b = Builder {
        framework,
        inspection,
        authors,
        clock,
        changes: Vec::new(),
    };
    b.details(&dto.organisatie, van, tot, &dto.notitie)?;
    b.documents(&dto.document)?;
    b.interviews(&dto.interview)?;
    b.flashes(&dto.flitsinterview)?;
    b.dossiers(&dto.dossier)?;
    b.waitlist(&dto.wachtlijst)?;
    b.waiting_cases(&dto.wachtzaak)?;
    b.clock.at(tot.at(14, 0, 0, 0))?;
    b.key_figures(&dto.kerngegeven)?;
    b.oordelen(&dto.oordelen)?;
    b.criteria(&dto.criteria)?;
    b.choice(dto.keuze.as_ref())?;

    store.append_all(&b.changes)?;
    Ok(())
}

/// The earlier round of a hertoets: built as an onderzoek of its own in memory (details,
/// oordelen, criterion oordelen) and concluded the way a hertoets file keeps its earlier round.
fn earlier_round(
    framework: &Framework,
    dto: &DemoDto,
    ronde: &RondeDto,
    hertoets_van: Date,
) -> Result<Vec<Round>> {
    let van = date(&ronde.bezoek_van)?;
    let tot = date(&ronde.bezoek_tot)?;
    if tot < van || tot >= hertoets_van {
        bail!(
            "de eerdere ronde in de demogegevens ({van} tot {tot}) ligt niet vóór de hertoets ({hertoets_van})"
        );
    }
    let mut clock = Clock::starting(van)?;
    let mut inspection = Inspection::new(Uuid::now_v7(), framework.clone(), clock.stamp().at);
    let authors = dto
        .inspecteurs
        .iter()
        .map(|name| inspection.add_inspector(name))
        .collect();
    let mut b = Builder {
        framework,
        inspection,
        authors,
        clock,
        changes: Vec::new(),
    };
    b.details(&dto.organisatie, van, tot, &ronde.notitie)?;
    b.clock.at(tot.at(14, 0, 0, 0))?;
    b.oordelen(&ronde.oordelen)?;
    b.criteria(&ronde.criteria)?;
    Ok(b.inspection.rounds_for_hertoets())
}

/// Turns demo data into revisions: each step applies its changes to the in-memory inspection
/// and collects them for one write.
struct Builder<'a> {
    framework: &'a Framework,
    inspection: Inspection,
    /// The inspecteurs' ids, by their index in the demo data.
    authors: Vec<Uuid>,
    clock: Clock,
    changes: Vec<Change>,
}

impl Builder<'_> {
    fn author(&self, i: usize) -> Result<Uuid> {
        self.authors
            .get(i)
            .copied()
            .ok_or_else(|| anyhow!("inspecteur {i} bestaat niet in de demogegevens"))
    }

    /// A new revision of record `id`, stamped by the clock.
    fn write(&mut self, id: &str, record: Record, author: Uuid) {
        let change = self
            .inspection
            .change(id, record, author, self.clock.stamp());
        self.keep(change);
    }

    fn keep(&mut self, change: Change) {
        self.inspection.apply(change.clone());
        self.changes.push(change);
    }

    fn details(&mut self, organisatie: &str, van: Date, tot: Date, notitie: &str) -> Result<()> {
        let id = self.inspection.details_id();
        let record = Record::Details(Details {
            organisatie: organisatie.to_string(),
            bezoek_van: Some(van),
            bezoek_tot: Some(tot),
            notitie: notitie.to_string(),
            peildatum: None,
        });
        let author = self.author(0)?;
        self.write(&id, record, author);
        Ok(())
    }

    fn documents(&mut self, documents: &[DocumentDto]) -> Result<()> {
        for d in documents {
            let id = self.inspection.document_id(&d.item);
            let naam = self
                .framework
                .sources
                .documents
                .iter()
                .find(|x| x.id == d.item)
                .map(|x| x.name.clone())
                .ok_or_else(|| anyhow!("onbekend document '{}' in de demogegevens", d.item))?;
            let record = Record::Document(DocumentData {
                item: Some(d.item.clone()),
                naam,
                ontvangen: d.ontvangen,
                notitie: d.notitie.clone(),
            });
            let author = self.author(0)?;
            self.write(&id, record, author);
        }
        Ok(())
    }

    fn interviews(&mut self, interviews: &[InterviewDto]) -> Result<()> {
        let framework = self.framework;
        for i in interviews {
            let role = framework
                .role(&i.rol)
                .ok_or_else(|| anyhow!("onbekende rol '{}' in de demogegevens", i.rol))?;
            let datum = date(&i.datum)?;
            self.clock.at(datum.at(9, 0, 0, 0))?;
            let who = self.author(i.inspecteur)?;
            let id = Uuid::now_v7().to_string();
            let record = Record::Interview(InterviewData {
                rol: i.rol.clone(),
                datum: Some(datum),
                deelnemers: i.deelnemers.clone(),
                notitie: i.notitie.clone(),
                aantallen: i
                    .aantallen
                    .iter()
                    .map(|(f, n)| (f.clone(), n.to_string()))
                    .collect(),
            });
            self.write(&id, record, who);
            for (vraag, a) in &i.antwoorden {
                if !role.questions.iter().any(|q| q.id == *vraag) {
                    bail!("vraag '{vraag}' hoort niet bij rol '{}'", i.rol);
                }
                let answer_id = self.inspection.answer_id(&id, vraag);
                let record = Record::Answer(AnswerData {
                    interview: id.clone(),
                    vraag: vraag.clone(),
                    notitie: a.notitie.clone(),
                    tags: tags(&a.tags)?,
                });
                self.write(&answer_id, record, who);
            }
        }
        Ok(())
    }

    fn flashes(&mut self, flashes: &[FlitsDto]) -> Result<()> {
        for f in flashes {
            let tijdstip: DateTime = f
                .tijdstip
                .parse()
                .with_context(|| format!("ongeldig tijdstip '{}'", f.tijdstip))?;
            self.clock.at(tijdstip)?;
            let record = Record::Flash(FlashData {
                functie: f.functie.clone(),
                tijdstip: Some(tijdstip),
                antwoorden: f.antwoorden.clone(),
                tags: tags(&f.tags)?,
                notitie: f.notitie.clone(),
            });
            let author = self.author(f.inspecteur)?;
            self.write(&Uuid::now_v7().to_string(), record, author);
        }
        Ok(())
    }

    fn dossiers(&mut self, dossiers: &[DossierDto]) -> Result<()> {
        let framework = self.framework;
        for d in dossiers {
            let who = self.author(d.inspecteur)?;
            let id = Uuid::now_v7().to_string();
            let selectie = Selection::parse(&d.selectie)
                .ok_or_else(|| anyhow!("onbekende selectie '{}'", d.selectie))?;
            let record = Record::Dossier(DossierData {
                nummer: d.nummer.clone(),
                selectie,
                dates: case_dates(framework, d)?,
                notitie: d.notitie.clone(),
            });
            self.write(&id, record, who);
            if let Some(vraag) = d
                .checks
                .keys()
                .chain(d.check_notities.keys())
                .find(|v| !framework.sources.checklist.iter().any(|q| q.id == **v))
            {
                bail!(
                    "dossiervraag '{vraag}' van dossier {} staat niet in het kader",
                    d.nummer
                );
            }
            for q in &framework.sources.checklist {
                let answer = match d.checks.get(&q.id) {
                    Some(text) => CheckAnswer::parse(text)
                        .ok_or_else(|| anyhow!("onbekend checkantwoord '{text}'"))?,
                    None => CheckAnswer::Ja,
                };
                let check_id = self.inspection.check_id(&id, &q.id);
                let record = Record::Check(CheckData {
                    dossier: id.clone(),
                    vraag: q.id.clone(),
                    antwoord: answer,
                    notitie: d.check_notities.get(&q.id).cloned().unwrap_or_default(),
                });
                self.write(&check_id, record, who);
            }
        }
        Ok(())
    }

    fn waitlist(&mut self, w: &WachtlijstDto) -> Result<()> {
        let id = self.inspection.waitlist_id();
        let record = Record::Waitlist(WaitlistData {
            aantal: w.aantal,
            oudste: opt_date(&w.oudste)?,
            peildatum: opt_date(&w.peildatum)?,
            notitie: w.notitie.clone(),
        });
        let author = self.author(0)?;
        self.write(&id, record, author);
        Ok(())
    }

    /// The wachtlijst per zaak: each waiting case, then its contacts (oldest first), as
    /// `veldtoets wachtzaak` and `veldtoets contact` record them. A number given twice, an
    /// unknown wait or priority, or a contact before the melding stops the demo.
    fn waiting_cases(&mut self, cases: &[WachtzaakDto]) -> Result<()> {
        let mut seen = std::collections::BTreeSet::new();
        for z in cases {
            let nummer = z.nummer.trim();
            if nummer.is_empty() || !seen.insert(nummer.to_lowercase()) {
                bail!("wachtende zaak '{nummer}' in de demogegevens is leeg of dubbel");
            }
            let melding = date(&z.melding)?;
            let wacht_op = WachtOp::parse(z.wacht_op.trim()).ok_or_else(|| {
                anyhow!(
                    "wachtende zaak {nummer}: wacht_op '{}' is onbekend; kies veiligheidsbeoordeling, onderzoek of vv",
                    z.wacht_op
                )
            })?;
            let prioriteit = match z.prioriteit.as_deref() {
                None => Prioriteit::default(),
                Some(p) => Prioriteit::parse(p.trim()).ok_or_else(|| {
                    anyhow!("wachtende zaak {nummer}: prioriteit '{p}' is onbekend; kies hoog of normaal")
                })?,
            };
            let who = self.author(z.inspecteur)?;
            let zaak = Uuid::now_v7().to_string();
            let record = Record::Wachtzaak(WachtzaakData {
                nummer: nummer.to_string(),
                melding: Some(melding),
                prioriteit,
                wacht_op,
                notitie: z.notitie.clone(),
            });
            self.write(&zaak, record, who);
            let mut contacts: Vec<(Date, &ContactDto)> = z
                .contacten
                .iter()
                .map(|c| date(&c.datum).map(|d| (d, c)))
                .collect::<Result<_>>()?;
            contacts.sort_by_key(|(d, _)| *d);
            for (datum, c) in contacts {
                if datum < melding {
                    bail!(
                        "wachtende zaak {nummer}: het contact van {datum} ligt vóór de melding ({melding})"
                    );
                }
                if c.met.trim().is_empty() {
                    bail!(
                        "wachtende zaak {nummer}: zeg bij het contact van {datum} met wie (als functie)"
                    );
                }
                let record = Record::Contact(ContactData {
                    zaak: zaak.clone(),
                    datum: Some(datum),
                    met: c.met.trim().to_string(),
                    notitie: c.notitie.clone(),
                });
                self.write(&Uuid::now_v7().to_string(), record, who);
            }
        }
        Ok(())
    }

    /// One oordeel per verwachting of the kader, in kader order.
    fn oordelen(&mut self, oordelen: &BTreeMap<String, OordeelDto>) -> Result<()> {
        let framework = self.framework;
        if let Some(id) = oordelen.keys().find(|id| framework.index_of(id).is_none()) {
            bail!("de demogegevens geven een oordeel voor {id}, dat niet in het kader staat");
        }
        for e in framework.expectations() {
            let id = &e.expectation.id;
            let o = oordelen
                .get(id)
                .ok_or_else(|| anyhow!("de demogegevens missen een oordeel voor {id}"))?;
            let data = OordeelData::parse(framework, id, &o.oordeel, o.onderbouwing.clone())?;
            let author = self.author(o.inspecteur)?;
            self.write(id, Record::Oordeel(data), author);
        }
        Ok(())
    }

    /// The kerndata, each value read as the inspecteur typed it ([`Quantity::parse`]) and kept
    /// in its stored form; one record per kerngegeven, with the kerngegeven id as its id. A
    /// kerngegeven the kader does not ask for, one given twice or a value that is no quantity of
    /// its kind stops the demo.
    fn key_figures(&mut self, figures: &[KerngegevenDto]) -> Result<()> {
        let framework = self.framework;
        let mut seen = std::collections::BTreeSet::new();
        for k in figures {
            let id = k.id.trim();
            let figure = framework.key_figure(id).ok_or_else(|| {
                anyhow!(
                    "de demogegevens geven kerngegeven '{id}', dat niet in kader {} staat",
                    framework.id
                )
            })?;
            if !seen.insert(id) {
                bail!("de demogegevens geven kerngegeven '{id}' twee keer");
            }
            let waarde = match k.waarde.trim() {
                "" => String::new(),
                typed => Quantity::parse(figure.kind, typed)
                    .map_err(|e| anyhow!("kerngegeven '{id}' in de demogegevens: {e}"))?
                    .canonical(),
            };
            let record = Record::Kerngegeven(KerngegevenData {
                waarde,
                toelichting: k.toelichting.clone(),
            });
            let author = self.author(k.inspecteur)?;
            self.write(id, record, author);
        }
        Ok(())
    }

    /// The eindoordeel chosen by the inspecteur, as the one keuze record of the onderzoek; only
    /// for a kader whose eindoordeel is chosen (`maat = "keuze"`), and only one of its
    /// eindoordelen, with an onderbouwing.
    fn choice(&mut self, keuze: Option<&KeuzeDto>) -> Result<()> {
        let framework = self.framework;
        let Some(k) = keuze else {
            return Ok(());
        };
        if framework.rules.measure != Measure::Choice {
            bail!(
                "de demogegevens kiezen een eindoordeel, maar bij kader {} wordt het eindoordeel berekend",
                framework.id
            );
        }
        let id = k.eindoordeel.trim();
        if framework.verdict(id).is_none() {
            let ids: Vec<&str> = framework.verdicts.iter().map(|v| v.as_str()).collect();
            bail!(
                "de demogegevens kiezen eindoordeel '{id}', dat kader {} niet kent; kies een van: {}",
                framework.id,
                ids.join(", ")
            );
        }
        if k.onderbouwing.trim().is_empty() {
            bail!("de demogegevens kiezen eindoordeel '{id}' zonder onderbouwing");
        }
        let record = Record::Keuze(KeuzeData {
            eindoordeel: id.to_string(),
            onderbouwing: k.onderbouwing.clone(),
        });
        let author = self.author(k.inspecteur)?;
        let record_id = self.inspection.keuze_id();
        self.write(&record_id, record, author);
        Ok(())
    }

    /// One criterion oordeel per criterium of a kader with criterion oordelen, in kader order;
    /// none for any other kader.
    fn criteria(&mut self, criteria: &BTreeMap<String, OordeelDto>) -> Result<()> {
        let framework = self.framework;
        if !framework.has_criterion_oordelen() {
            if let Some(id) = criteria.keys().next() {
                bail!(
                    "de demogegevens geven een oordeel op criterium {id}, maar kader {} kent geen oordeel per criterium",
                    framework.id
                );
            }
            return Ok(());
        }
        if let Some(id) = criteria.keys().find(|id| framework.criterion(id).is_none()) {
            bail!(
                "de demogegevens geven een oordeel op criterium {id}, dat niet in het kader staat"
            );
        }
        for c in framework.criteria() {
            let o = criteria
                .get(&c.id)
                .filter(|o| !o.oordeel.trim().is_empty())
                .ok_or_else(|| {
                    anyhow!("de demogegevens missen een oordeel op criterium {}", c.id)
                })?;
            let author = self.author(o.inspecteur)?;
            let stamp = self.clock.stamp();
            let change = self
                .inspection
                .set_criterion_oordeel(&c.id, &o.oordeel, &o.onderbouwing, author, stamp)
                .map_err(|r| {
                    anyhow!("criterium {} in de demogegevens: {}", c.id, r.0.join("; "))
                })?;
            self.keep(change);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Verdict;
    use crate::domain::privacy;

    fn framework(kader: &str) -> &'static Framework {
        kader_io::builtin(kader).expect("builtin kader")
    }

    #[test]
    fn every_demo_kader_has_data_and_a_builtin_kader() {
        for kader in DEMO_KADERS {
            let dto = parse(demo_text(kader).expect("demo text")).expect("valid demo data");
            assert!(kader_io::builtin(kader).is_some(), "{kader}");
            assert!(!dto.oordelen.is_empty(), "{kader}");
        }
        let refused = demo_text("vt-2099-stap9").expect_err("no demo for an unknown kader");
        let text = refused.to_string();
        for kader in DEMO_KADERS {
            assert!(text.contains(kader), "{text}");
        }
    }

    #[test]
    fn the_stap1_earlier_round_is_8_of_24_onvoldoende_with_every_criterion() {
        let fw = framework(DEMO_KADER_STAP1);
        let dto = parse(demo_text(DEMO_KADER_STAP1).expect("text")).expect("data");
        let ronde = dto.eerdere_ronde.as_ref().expect("an earlier round");
        let van = date(&dto.bezoek_van).expect("date");
        let rounds = earlier_round(fw, &dto, ronde, van).expect("earlier round");
        assert_eq!(rounds.len(), 1);
        let round = &rounds[0];
        assert_eq!(round.naam, "Onderzoek");
        assert_eq!(round.datum, Some(date("2015-08-25").expect("date")));
        assert_eq!(round.met_of(fw), (8, 24));
        assert_eq!(round.eindoordeel, Some(Verdict::ONVOLDOENDE));
        assert_eq!(round.criteria.len(), fw.criteria().count());
        assert!(round.criteria.values().all(|c| !c.onderbouwing.is_empty()));
        let codes: Vec<&str> = round
            .criteria
            .values()
            .map(|c| c.oordeel.as_str())
            .collect();
        assert_eq!(codes, ["O", "O", "O", "O", "M", "V", "O"]);
    }

    #[test]
    fn an_earlier_round_after_the_hertoets_is_refused() {
        let fw = framework(DEMO_KADER_STAP1);
        let dto = parse(demo_text(DEMO_KADER_STAP1).expect("text")).expect("data");
        let ronde = dto.eerdere_ronde.as_ref().expect("an earlier round");
        let too_early = date("2015-08-01").expect("date");
        let err = earlier_round(fw, &dto, ronde, too_early).expect_err("refused");
        assert!(err.to_string().contains("vóór de hertoets"), "{err}");
    }

    #[test]
    fn criterion_oordelen_on_a_kader_without_them_are_refused() {
        let text = demo_text(DEMO_KADER)
            .expect("text")
            .replace(
                "[oordelen.\"1.1.1\"]",
                "[criteria.\"1.1\"]\noordeel = \"V\"\nonderbouwing = \"x\"\ninspecteur = 0\n\n[oordelen.\"1.1.1\"]",
            );
        let dir = tempfile::tempdir().expect("tempdir");
        let err =
            build(&dir.path().join("x.veldtoets"), DEMO_KADER, &text, None).expect_err("refused");
        assert!(
            format!("{err:#}").contains("kent geen oordeel per criterium"),
            "{err:#}"
        );
    }

    /// The 2024 demo's wachtlijst per zaak becomes waiting cases with their contacts; bad
    /// waiting cases stop the demo before a file exists.
    #[test]
    fn the_2024_demo_records_waiting_cases_and_refuses_bad_ones() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("demo.veldtoets");
        let (_, inspection) = create_for(&path, DEMO_KADER_2024).expect("demo");
        let f = inspection.waitlist_figures();
        assert_eq!(f.waiting, 10);
        assert_eq!(f.in_sight, 6);
        assert_eq!(f.days, 30);
        assert_eq!(f.longest.map(|(d, _)| d), Some(337));

        let text = demo_text(DEMO_KADER_2024).expect("text");
        let cases = [
            (
                "wacht_op = \"vv\"\nprioriteit = \"hoog\"",
                "wacht_op = \"triage\"\nprioriteit = \"hoog\"",
                "kies veiligheidsbeoordeling, onderzoek of vv",
            ),
            (
                "{ datum = \"2026-11-10\", met = \"melder (huisarts)\" }",
                "{ datum = \"2026-11-01\", met = \"melder (huisarts)\" }",
                "vóór de melding",
            ),
            (
                "nummer = \"VTD-2026-0716\"",
                "nummer = \"VTD-2026-0498\"",
                "leeg of dubbel",
            ),
            (
                "prioriteit = \"hoog\"\nnotitie = \"Melding van de huisarts",
                "prioriteit = \"spoed\"\nnotitie = \"Melding van de huisarts",
                "kies hoog of normaal",
            ),
        ];
        for (i, (from, to, message)) in cases.into_iter().enumerate() {
            assert_eq!(text.matches(from).count(), 1, "{from}");
            let bad = text.replace(from, to);
            let target = dir.path().join(format!("bad-{i}.veldtoets"));
            let err = build(&target, DEMO_KADER_2024, &bad, None).expect_err("refused");
            assert!(format!("{err:#}").contains(message), "{err:#}");
        }
    }

    /// The risicoscan demo types its kerndata in Dutch and chooses a category; a value that is
    /// no Dutch quantity, a kerngegeven or category the kader does not know, a kerngegeven given
    /// twice, a choice without onderbouwing, and kerndata or a choice on a kader without them
    /// stop the demo.
    #[test]
    fn the_risicoscan_demo_refuses_bad_kerndata_and_choices() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("demo.veldtoets");
        let (_, inspection) = create_for(&path, DEMO_KADER_RISICOSCAN).expect("demo");
        assert_eq!(inspection.kerngegevens.current().count(), 7);
        let stored = |id: &str| {
            inspection
                .kerngegevens
                .get(id)
                .map(|r| r.data.waarde.clone())
        };
        assert_eq!(stored("structureel_budget").as_deref(), Some("6480000"));
        assert_eq!(stored("formatie_vt").as_deref(), Some("96.4"));
        assert_eq!(
            inspection
                .chosen_verdict()
                .map(|(v, _)| v.as_str().to_string()),
            Some("potentieel_kwetsbaar".to_string())
        );

        let text = demo_text(DEMO_KADER_RISICOSCAN).expect("text");
        let cases = [
            (
                "waarde = \"96,4\"",
                "waarde = \"96.4\"",
                "schrijf decimalen met een komma",
            ),
            (
                "waarde = \"312\"",
                "waarde = \"312,5\"",
                "te veel decimalen",
            ),
            (
                "id = \"adviesvragen\"",
                "id = \"budget\"",
                "kerngegeven 'budget', dat niet in kader vng-2016-risicoscan staat",
            ),
            (
                "id = \"adviesvragen\"",
                "id = \"meldingen\"",
                "kerngegeven 'meldingen' twee keer",
            ),
            (
                "eindoordeel = \"potentieel_kwetsbaar\"",
                "eindoordeel = \"voldoende\"",
                "kies een van: basis_op_orde, potentieel_kwetsbaar, basis_niet_op_orde",
            ),
            (
                "onderbouwing = \"Veilig Thuis Polderrand heeft na",
                "onderbouwing = \"\" # \"",
                "zonder onderbouwing",
            ),
        ];
        for (i, (from, to, message)) in cases.into_iter().enumerate() {
            assert_eq!(text.matches(from).count(), 1, "{from}");
            let bad = text.replace(from, to);
            let target = dir.path().join(format!("bad-{i}.veldtoets"));
            let err = build(&target, DEMO_KADER_RISICOSCAN, &bad, None).expect_err("refused");
            assert!(format!("{err:#}").contains(message), "{err:#}");
        }

        let stap2 = demo_text(DEMO_KADER).expect("text");
        let additions = [
            (
                "\n[keuze]\neindoordeel = \"voldoende\"\nonderbouwing = \"Gekozen.\"\n",
                "wordt het eindoordeel berekend",
            ),
            (
                "\n[[kerngegeven]]\nid = \"meldingen\"\nwaarde = \"12\"\n",
                "kerngegeven 'meldingen', dat niet in kader vt-2016-stap2 staat",
            ),
        ];
        for (i, (extra, message)) in additions.into_iter().enumerate() {
            let bad = format!("{stap2}{extra}");
            let target = dir.path().join(format!("stap2-{i}.veldtoets"));
            let err = build(&target, DEMO_KADER, &bad, None).expect_err("refused");
            assert!(format!("{err:#}").contains(message), "{err:#}");
        }
    }

    /// Every text the rapport may carry from the demo data — the oordelen's and criteria's
    /// onderbouwingen of every round, the chosen eindoordeel's onderbouwing and the kerndata's
    /// toelichtingen — passes the privacy check of a concept.
    #[test]
    fn no_onderbouwing_of_any_demo_looks_like_case_data() {
        for kader in DEMO_KADERS {
            let dto = parse(demo_text(kader).expect("text")).expect("data");
            let numbers: Vec<&str> = dto
                .dossier
                .iter()
                .map(|d| d.nummer.as_str())
                .chain(dto.wachtzaak.iter().map(|z| z.nummer.as_str()))
                .collect();
            let mut maps = vec![("oordeel", &dto.oordelen), ("criterium", &dto.criteria)];
            if let Some(r) = &dto.eerdere_ronde {
                maps.push(("eerdere ronde oordeel", &r.oordelen));
                maps.push(("eerdere ronde criterium", &r.criteria));
            }
            let texts = maps
                .into_iter()
                .flat_map(|(round, map)| {
                    map.iter().map(move |(id, o)| {
                        (format!("{kader} {round} {id}"), o.onderbouwing.as_str())
                    })
                })
                .chain(
                    dto.keuze
                        .iter()
                        .map(|k| (format!("{kader} keuze"), k.onderbouwing.as_str())),
                )
                .chain(dto.kerngegeven.iter().map(|k| {
                    (
                        format!("{kader} kerngegeven {}", k.id),
                        k.toelichting.as_str(),
                    )
                }));
            for (place, text) in texts {
                assert!(text.trim().len() > 40, "{place}: too short");
                let found = privacy::scan(text, &numbers);
                assert!(found.is_empty(), "{place}: {found:?}");
            }
        }
    }
}
