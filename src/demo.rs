//! The demo inspection: a complete, fictional onderzoek on `vt-2016-stap2` for trying the app.
//!
//! The content (interviews, flitsinterviews, dossiers, documents, oordelen) is data in
//! `assets/demo/demo-vt-2016-stap2.toml`; this module turns it into revisions and writes them to
//! a new inspection file in one transaction.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Context, Result, anyhow, bail};
use jiff::civil::{Date, DateTime};
use jiff::{SignedDuration, Timestamp};
use serde::Deserialize;
use uuid::Uuid;

use crate::domain::inspection::{
    AnswerData, Change, CheckAnswer, CheckData, Details, DocumentData, DossierData, FlashData,
    Inspection, InterviewData, OordeelData, Record, Selection, Stamp, Tag, Tags, WaitlistData,
};
use crate::domain::termijn::CaseDates;
use crate::kader_io;
use crate::store::{Store, StoreError};

/// The kader the demo uses.
pub const DEMO_KADER: &str = "vt-2016-stap2";
const DEMO_TEXT: &str = include_str!("../assets/demo/demo-vt-2016-stap2.toml");

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
    oordelen: BTreeMap<String, OordeelDto>,
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

/// Creates the demo inspection at `path` (which must not exist) and returns it, opened. The file
/// is built under a temporary name and renamed into place, so a failure leaves nothing behind.
pub fn create(path: &Path) -> Result<(Store, Inspection)> {
    if path.exists() {
        return Err(StoreError::AlreadyExists(path.to_path_buf()).into());
    }
    let temp = crate::store::temp_path(path);
    let result = build(&temp).and_then(|()| {
        std::fs::rename(&temp, path)
            .with_context(|| format!("'{}' kan niet worden geschreven", path.display()))
    });
    if let Err(e) = result {
        let _ = std::fs::remove_file(&temp);
        return Err(e);
    }
    let (store, inspection, _) = Store::open(path)?;
    Ok((store, inspection))
}

fn build(path: &Path) -> Result<()> {
    let dto: DemoDto = toml::from_str(DEMO_TEXT).context("demogegevens zijn ongeldig")?;
    let framework = kader_io::builtin(DEMO_KADER)
        .ok_or_else(|| anyhow!("ingebouwd kader {DEMO_KADER} ontbreekt"))?;
    let van = date(&dto.bezoek_van)?;
    let tot = date(&dto.bezoek_tot)?;
    let mut clock = Clock {
        next: van
            .at(8, 30, 0, 0)
            .to_zoned(jiff::tz::TimeZone::UTC)
            .context("bezoekdatum buiten bereik")?
            .timestamp(),
    };
    let first = dto
        .inspecteurs
        .first()
        .ok_or_else(|| anyhow!("de demogegevens noemen geen inspecteur"))?;
    let (mut store, mut inspection) =
        Store::create(path, framework, &dto.organisatie, first, clock.stamp())?;
    let mut authors = Vec::new();
    for name in &dto.inspecteurs {
        let id = inspection.add_inspector(name);
        store.add_inspector(id, name)?;
        authors.push(id);
    }
    let author = |i: usize| -> Result<Uuid> {
        authors
            .get(i)
            .copied()
            .ok_or_else(|| anyhow!("inspecteur {i} bestaat niet in de demogegevens"))
    };

    let mut changes: Vec<Change> = Vec::new();
    let mut push = |inspection: &mut Inspection, change: Change| {
        inspection.apply(change.clone());
        changes.push(change);
    };

    let details_id = inspection.details_id();
    let details = inspection.change(
        &details_id,
        Record::Details(Details {
            organisatie: dto.organisatie.clone(),
            bezoek_van: Some(van),
            bezoek_tot: Some(tot),
            notitie: dto.notitie.clone(),
        }),
        author(0)?,
        clock.stamp(),
    );
    push(&mut inspection, details);

    for d in &dto.document {
        let id = inspection.document_id(&d.item);
        let naam = framework
            .sources
            .documents
            .iter()
            .find(|x| x.id == d.item)
            .map(|x| x.name.clone())
            .ok_or_else(|| anyhow!("onbekend document '{}' in de demogegevens", d.item))?;
        let change = inspection.change(
            &id,
            Record::Document(DocumentData {
                item: Some(d.item.clone()),
                naam,
                ontvangen: d.ontvangen,
                notitie: d.notitie.clone(),
            }),
            author(0)?,
            clock.stamp(),
        );
        push(&mut inspection, change);
    }

    for i in &dto.interview {
        let role = framework
            .role(&i.rol)
            .ok_or_else(|| anyhow!("onbekende rol '{}' in de demogegevens", i.rol))?;
        let datum = date(&i.datum)?;
        clock.at(datum.at(9, 0, 0, 0))?;
        let who = author(i.inspecteur)?;
        let id = Uuid::now_v7().to_string();
        let change = inspection.change(
            &id,
            Record::Interview(InterviewData {
                rol: i.rol.clone(),
                datum: Some(datum),
                deelnemers: i.deelnemers.clone(),
                notitie: i.notitie.clone(),
                aantallen: i
                    .aantallen
                    .iter()
                    .map(|(f, n)| (f.clone(), n.to_string()))
                    .collect(),
            }),
            who,
            clock.stamp(),
        );
        push(&mut inspection, change);
        for (vraag, a) in &i.antwoorden {
            if !role.questions.iter().any(|q| q.id == *vraag) {
                bail!("vraag '{vraag}' hoort niet bij rol '{}'", i.rol);
            }
            let answer_id = inspection.answer_id(&id, vraag);
            let change = inspection.change(
                &answer_id,
                Record::Answer(AnswerData {
                    interview: id.clone(),
                    vraag: vraag.clone(),
                    notitie: a.notitie.clone(),
                    tags: tags(&a.tags)?,
                }),
                who,
                clock.stamp(),
            );
            push(&mut inspection, change);
        }
    }

    for f in &dto.flitsinterview {
        let tijdstip: DateTime = f
            .tijdstip
            .parse()
            .with_context(|| format!("ongeldig tijdstip '{}'", f.tijdstip))?;
        clock.at(tijdstip)?;
        let change = inspection.change(
            &Uuid::now_v7().to_string(),
            Record::Flash(FlashData {
                functie: f.functie.clone(),
                tijdstip: Some(tijdstip),
                antwoorden: f.antwoorden.clone(),
                tags: tags(&f.tags)?,
                notitie: f.notitie.clone(),
            }),
            author(f.inspecteur)?,
            clock.stamp(),
        );
        push(&mut inspection, change);
    }

    for d in &dto.dossier {
        let who = author(d.inspecteur)?;
        let id = Uuid::now_v7().to_string();
        let selectie = Selection::parse(&d.selectie)
            .ok_or_else(|| anyhow!("onbekende selectie '{}'", d.selectie))?;
        let change = inspection.change(
            &id,
            Record::Dossier(DossierData {
                nummer: d.nummer.clone(),
                selectie,
                dates: CaseDates {
                    melding_ontvangen: opt_date(&d.melding_ontvangen)?,
                    triagebesluit: opt_date(&d.triagebesluit)?,
                    start_onderzoek: opt_date(&d.start_onderzoek)?,
                    afronding_onderzoek: opt_date(&d.afronding_onderzoek)?,
                    vervolgtraject_ingezet: opt_date(&d.vervolgtraject_ingezet)?,
                },
                notitie: d.notitie.clone(),
            }),
            who,
            clock.stamp(),
        );
        push(&mut inspection, change);
        for q in &framework.sources.checklist {
            let answer = match d.checks.get(&q.id) {
                Some(text) => CheckAnswer::parse(text)
                    .ok_or_else(|| anyhow!("onbekend checkantwoord '{text}'"))?,
                None => CheckAnswer::Ja,
            };
            let check_id = inspection.check_id(&id, &q.id);
            let change = inspection.change(
                &check_id,
                Record::Check(CheckData {
                    dossier: id.clone(),
                    vraag: q.id.clone(),
                    antwoord: answer,
                    notitie: d.check_notities.get(&q.id).cloned().unwrap_or_default(),
                }),
                who,
                clock.stamp(),
            );
            push(&mut inspection, change);
        }
    }

    let waitlist_id = inspection.waitlist_id();
    let change = inspection.change(
        &waitlist_id,
        Record::Waitlist(WaitlistData {
            aantal: dto.wachtlijst.aantal,
            oudste: opt_date(&dto.wachtlijst.oudste)?,
            peildatum: opt_date(&dto.wachtlijst.peildatum)?,
            notitie: dto.wachtlijst.notitie.clone(),
        }),
        author(0)?,
        clock.stamp(),
    );
    push(&mut inspection, change);

    clock.at(tot.at(14, 0, 0, 0))?;
    for e in framework.expectations() {
        let id = &e.expectation.id;
        let o = dto
            .oordelen
            .get(id)
            .ok_or_else(|| anyhow!("de demogegevens missen een oordeel voor {id}"))?;
        let data = OordeelData::parse(framework, id, &o.oordeel, o.onderbouwing.clone())?;
        let change = inspection.change(
            id,
            Record::Oordeel(data),
            author(o.inspecteur)?,
            clock.stamp(),
        );
        push(&mut inspection, change);
    }

    store.append_all(&changes)?;
    Ok(())
}
