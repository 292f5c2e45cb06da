//! Shared by the benchmarks: a large inspection file like a busy two-day visit, scaled up.

#![allow(dead_code)]

use std::path::Path;

use uuid::Uuid;
use veldtoets::domain::inspection::{
    AnswerData, Change, CheckAnswer, CheckData, DossierData, Inspection, InterviewData, Record,
    Stamp, Tag,
};
use veldtoets::domain::termijn::{CaseDates, DateKind};
use veldtoets::kader_io;
use veldtoets::store::{Passphrase, Store};

/// Creates `path` with `interviews` interviews (every guide question answered), `dossiers`
/// dossiers with dates and every checklist item answered, and notes on answers and checks until
/// `notes` notes exist. Returns the number of revisions written.
pub fn large_inspection(path: &Path, interviews: usize, dossiers: usize, notes: usize) -> usize {
    large_inspection_with(path, interviews, dossiers, notes, None)
}

/// [`large_inspection`], encrypted with `passphrase` when one is given.
pub fn large_inspection_with(
    path: &Path,
    interviews: usize,
    dossiers: usize,
    notes: usize,
    passphrase: Option<&Passphrase>,
) -> usize {
    let framework = kader_io::builtin("vt-2016-stap2").unwrap();
    let (organisatie, inspecteur) = ("Veilig Thuis Groot", "E. Voorbeeld");
    let (mut store, mut inspection) = match passphrase {
        Some(passphrase) => Store::create_encrypted(
            path,
            framework,
            organisatie,
            inspecteur,
            Stamp::now(),
            passphrase,
        ),
        None => Store::create(path, framework, organisatie, inspecteur, Stamp::now()),
    }
    .unwrap();
    let author = *inspection.inspectors.keys().next().unwrap();
    let mut changes: Vec<Change> = Vec::new();
    let mut notes_left = notes;
    let mut note = |text: String| {
        if notes_left > 0 {
            notes_left -= 1;
            text
        } else {
            String::new()
        }
    };
    let mut push = |inspection: &mut Inspection, c: Change| {
        inspection.apply(c.clone());
        changes.push(c);
    };
    let roles = &framework.sources.roles;
    for i in 0..interviews {
        let role = &roles[i % roles.len()];
        let id = Uuid::now_v7().to_string();
        let c = inspection.change(
            &id,
            Record::Interview(InterviewData {
                rol: role.id.clone(),
                datum: Some("2026-10-13".parse().unwrap()),
                deelnemers: "teamleider, twee medewerkers".into(),
                notitie: String::new(),
                ..Default::default()
            }),
            author,
            Stamp::now(),
        );
        push(&mut inspection, c);
        for q in &role.questions {
            let answer = inspection.answer_id(&id, &q.id);
            let tags = q
                .expectations
                .iter()
                .map(|e| (e.clone(), Tag::Ondersteunt))
                .collect();
            let c = inspection.change(
                &answer,
                Record::Answer(AnswerData {
                    interview: id.clone(),
                    vraag: q.id.clone(),
                    notitie: note(format!(
                        "Antwoord {i}/{}: de werkwijze is beschreven en wordt in de praktijk gevolgd; voorbeelden uit recente meldingen bevestigen dit.",
                        q.id
                    )),
                    tags,
                }),
                author,
                Stamp::now(),
            );
            push(&mut inspection, c);
        }
    }
    let start: jiff::civil::Date = "2026-03-02".parse().unwrap();
    for d in 0..dossiers {
        let id = Uuid::now_v7().to_string();
        let melding = start + jiff::Span::new().days(d as i64 % 180);
        let day = |n: i64| Some(melding + jiff::Span::new().days(n));
        let c = inspection.change(
            &id,
            Record::Dossier(DossierData {
                nummer: format!("VTG-2026-{d:04}"),
                selectie: Default::default(),
                dates: CaseDates::default()
                    .with(DateKind::MELDING_ONTVANGEN, Some(melding))
                    .with(DateKind::TRIAGEBESLUIT, day(3 + (d as i64 % 4)))
                    .with(DateKind::START_ONDERZOEK, day(4 + (d as i64 % 3)))
                    .with(DateKind::AFRONDING_ONDERZOEK, day(60 + (d as i64 % 40)))
                    .with(DateKind::VERVOLGTRAJECT_INGEZET, day(62 + (d as i64 % 40))),
                notitie: String::new(),
            }),
            author,
            Stamp::now(),
        );
        push(&mut inspection, c);
        for q in &framework.sources.checklist {
            let check = inspection.check_id(&id, &q.id);
            let c = inspection.change(
                &check,
                Record::Check(CheckData {
                    dossier: id.clone(),
                    vraag: q.id.clone(),
                    antwoord: if d % 5 == 0 {
                        CheckAnswer::Nee
                    } else {
                        CheckAnswer::Ja
                    },
                    notitie: note(format!(
                        "Dossier {d}, {}: aangetroffen in het verslag van het MDO.",
                        q.id
                    )),
                }),
                author,
                Stamp::now(),
            );
            push(&mut inspection, c);
        }
    }
    store.append_all(&changes).unwrap();
    changes.len()
}
