//! Triangulation: all evidence bearing on one verwachting, from every source together.
//!
//! Interview answers and flitsinterviews count when the inspector tagged them for the
//! verwachting (or, for answers, when the guide question informs it and the answer has a note);
//! dossier checks are summarised per checklist item as "x van y dossiers"; documents and termijnen
//! come from the kader's links.
//!
//! A record in conflict (see [`crate::domain::inspection::History`]) is never counted as if one
//! version had won: a conflicted dossiervraag — or any dossiervraag of a dossier that one copy
//! deleted and another edited — counts as neither ja nor nee but as unresolved
//! ([`CheckEvidence::conflict`]); termijnen come from [`Inspection::deadline_summaries`], which
//! counts an unresolved dossier as unknown.
//!
//! Dossiers sharing a number (an unresolved duplicate after a merge, see
//! [`super::duplicates`]) count as one dossier in "x van y dossiers": a checklist item counts
//! once for the group, with the answer of its members when every member that answered it agrees,
//! and as unresolved ([`CheckEvidence::conflict`]) when they differ.

use super::duplicates::{GroupAnswer, group_answer};
use super::inspection::{
    AnswerData, CheckAnswer, DocumentData, DossierData, FlashData, Inspection, InterviewData,
    Revision, Tag,
};
use super::kader::{DocumentItem, Question, Role};
use super::termijn::{DeadlineDef, DeadlineSummary};

/// One interview answer bearing on the verwachting.
pub struct AnswerEvidence<'a> {
    pub interview: &'a Revision<InterviewData>,
    pub role: Option<&'a Role>,
    pub question: &'a Question,
    pub answer: &'a Revision<AnswerData>,
    pub tag: Option<Tag>,
}

pub struct FlashEvidence<'a> {
    pub flash: &'a Revision<FlashData>,
    pub tag: Option<Tag>,
    /// The answers to questions that inform the verwachting.
    pub answers: Vec<(&'a Question, &'a str)>,
}

/// One checklist item over all dossiers (dossiers sharing a number counted once).
pub struct CheckEvidence<'a> {
    pub question: &'a Question,
    pub ja: u32,
    pub nee: u32,
    pub nvt: u32,
    /// Dossiers where the item was not answered yet.
    pub open: u32,
    /// Numbers of the dossiers answered "nee", with the note.
    pub nee_dossiers: Vec<(String, String)>,
    /// Dossiers where the answer is unresolved (the versions of the dossiervraag disagree, the
    /// dossier itself is deleted in one copy and edited in another, or two dossiers with the
    /// same number answer it differently): counted in none of the above.
    pub conflict: u32,
    /// Numbers of those dossiers.
    pub conflict_dossiers: Vec<String>,
}

impl CheckEvidence<'_> {
    /// "x van y dossiers": ja out of the dossiers where the item applies.
    pub fn summary(&self) -> String {
        let applicable = self.ja + self.nee;
        let mut s = format!("ja in {} van {} dossiers", self.ja, applicable);
        if self.nvt > 0 {
            s.push_str(&format!(", {} n.v.t.", self.nvt));
        }
        if self.open > 0 {
            s.push_str(&format!(", {} nog niet bekeken", self.open));
        }
        if self.conflict > 0 {
            s.push_str(&format!(
                ", {} met een onopgelost conflict (voorlopig niet meegeteld)",
                self.conflict
            ));
        }
        s
    }
}

pub struct DocumentEvidence<'a> {
    pub item: &'a DocumentItem,
    pub record: Option<&'a Revision<DocumentData>>,
    /// The document record is in conflict: `record` is only the placeholder version, and the
    /// document is not counted as evidence until the conflict is resolved.
    pub conflict: bool,
}

/// Everything known about one verwachting.
pub struct Evidence<'a> {
    pub answers: Vec<AnswerEvidence<'a>>,
    pub flashes: Vec<FlashEvidence<'a>>,
    pub checks: Vec<CheckEvidence<'a>>,
    pub documents: Vec<DocumentEvidence<'a>>,
    pub deadlines: Vec<(&'a DeadlineDef, DeadlineSummary)>,
}

impl Evidence<'_> {
    /// Number of pieces of evidence actually gathered (not counting empty checklist items or
    /// documents not received).
    pub fn count(&self) -> usize {
        self.answers.len()
            + self.flashes.len()
            + self.checks.iter().filter(|c| c.ja + c.nee > 0).count()
            + self
                .documents
                .iter()
                .filter(|d| {
                    !d.conflict
                        && d.record
                            .is_some_and(|r| r.data.ontvangen || !r.data.notitie.is_empty())
                })
                .count()
            + self
                .deadlines
                .iter()
                .filter(|(_, s)| s.met + s.missed > 0)
                .count()
    }

    /// Tally of tags over answers and flitsinterviews: (ondersteunt, weerspreekt, neutraal).
    pub fn tags(&self) -> (usize, usize, usize) {
        let tags = self
            .answers
            .iter()
            .map(|a| a.tag)
            .chain(self.flashes.iter().map(|f| f.tag));
        tags.fold((0, 0, 0), |(o, w, n), t| match t {
            Some(Tag::Ondersteunt) => (o + 1, w, n),
            Some(Tag::Weerspreekt) => (o, w + 1, n),
            Some(Tag::Neutraal) => (o, w, n + 1),
            None => (o, w, n),
        })
    }
}

/// What every verwachting's evidence shares: the live dossiers in order, grouped by number
/// ([`Inspection::dossier_groups`]), and the termijn summaries. Computed once when gathering
/// evidence for many verwachtingen.
struct Shared<'a> {
    dossiers: Vec<Vec<&'a Revision<DossierData>>>,
    summaries: Vec<DeadlineSummary>,
    /// Current checks by (dossier, checklist item), when gathering for every verwachting; for a
    /// single one, looking each check up by its derived id is cheaper than building this.
    checks: Option<CheckIndex<'a>>,
}

type CheckIndex<'a> =
    std::collections::HashMap<(&'a str, &'a str), &'a Revision<super::inspection::CheckData>>;

impl<'a> Shared<'a> {
    fn new(inspection: &'a Inspection, index_checks: bool) -> Shared<'a> {
        Shared::with_summaries(inspection, index_checks, inspection.deadline_summaries())
    }

    fn with_summaries(
        inspection: &'a Inspection,
        index_checks: bool,
        summaries: Vec<DeadlineSummary>,
    ) -> Shared<'a> {
        Shared {
            dossiers: inspection.dossier_groups(),
            summaries,
            checks: index_checks.then(|| {
                inspection
                    .checks
                    .current()
                    .map(|c| ((c.data.dossier.as_str(), c.data.vraag.as_str()), c))
                    .collect()
            }),
        }
    }

    fn check(
        &self,
        inspection: &'a Inspection,
        dossier: &str,
        vraag: &str,
    ) -> Option<&'a Revision<super::inspection::CheckData>> {
        match &self.checks {
            Some(index) => index.get(&(dossier, vraag)).copied(),
            None => inspection.checks.get(&inspection.check_id(dossier, vraag)),
        }
    }
}

/// Gathers the evidence for verwachting `id`.
pub fn evidence<'a>(inspection: &'a Inspection, id: &str) -> Evidence<'a> {
    gather(inspection, id, &Shared::new(inspection, false))
}

/// [`evidence`] with the shares within each termijn already computed (`summaries`, as
/// [`Inspection::deadline_summaries`] gives them): a screen computes those once per change, not
/// in every frame.
pub fn evidence_with<'a>(
    inspection: &'a Inspection,
    id: &str,
    summaries: &[DeadlineSummary],
) -> Evidence<'a> {
    gather(
        inspection,
        id,
        &Shared::with_summaries(inspection, false, summaries.to_vec()),
    )
}

/// The number of pieces of evidence per verwachting, in kader order (see [`Evidence::count`]).
pub fn counts(inspection: &Inspection) -> Vec<usize> {
    let shared = Shared::new(inspection, true);
    inspection
        .framework
        .expectations()
        .iter()
        .map(|e| gather(inspection, &e.expectation.id, &shared).count())
        .collect()
}

fn gather<'a>(inspection: &'a Inspection, id: &str, shared: &Shared<'a>) -> Evidence<'a> {
    let fw = &inspection.framework;
    let mut answers = Vec::new();
    for a in inspection.answers.current() {
        let Some(interview) = inspection.interviews.get(&a.data.interview) else {
            continue;
        };
        let role = fw.role(&interview.data.rol);
        let Some(question) = role.and_then(|r| r.questions.iter().find(|q| q.id == a.data.vraag))
        else {
            continue;
        };
        let tag = a.data.tags.get(id).copied();
        let informs = question.expectations.iter().any(|e| e == id);
        if tag.is_some() || (informs && !a.data.notitie.trim().is_empty()) {
            answers.push(AnswerEvidence {
                interview,
                role,
                question,
                answer: a,
                tag,
            });
        }
    }
    answers.sort_by(|x, y| {
        (
            x.interview.data.datum,
            &x.interview.meta.entity,
            &x.question.id,
        )
            .cmp(&(
                y.interview.data.datum,
                &y.interview.meta.entity,
                &y.question.id,
            ))
    });

    let mut flashes = Vec::new();
    for f in inspection.flashes.current() {
        let tag = f.data.tags.get(id).copied();
        let answers: Vec<(&Question, &str)> = fw
            .sources
            .flash_questions
            .iter()
            .filter(|q| q.expectations.iter().any(|e| e == id))
            .filter_map(|q| {
                f.data
                    .antwoorden
                    .get(&q.id)
                    .filter(|t| !t.trim().is_empty())
                    .map(|t| (q, t.as_str()))
            })
            .collect();
        if tag.is_some() || !answers.is_empty() {
            flashes.push(FlashEvidence {
                flash: f,
                tag,
                answers,
            });
        }
    }
    flashes.sort_by_key(|f| f.flash.data.tijdstip);

    let dossiers = &shared.dossiers;
    let checks = fw
        .sources
        .checklist
        .iter()
        .filter(|q| q.expectations.iter().any(|e| e == id))
        .map(|q| {
            let mut c = CheckEvidence {
                question: q,
                ja: 0,
                nee: 0,
                nvt: 0,
                open: 0,
                nee_dossiers: Vec::new(),
                conflict: 0,
                conflict_dossiers: Vec::new(),
            };
            for group in dossiers {
                let number = group
                    .first()
                    .map_or(String::new(), |d| d.data.nummer.clone());
                let mut notes: Vec<&str> = Vec::new();
                let answers: Vec<Option<CheckAnswer>> = group
                    .iter()
                    .map(|d| {
                        let check = shared.check(inspection, &d.meta.entity, &q.id);
                        let unresolved = check
                            .is_some_and(|r| inspection.checks.is_conflicted(&r.meta.entity))
                            || existence_disputed(inspection, &d.meta.entity);
                        if unresolved {
                            return None;
                        }
                        Some(check.map_or(CheckAnswer::Open, |r| {
                            if r.data.antwoord == CheckAnswer::Nee {
                                let note = r.data.notitie.as_str();
                                if !notes.iter().any(|n| n.trim() == note.trim()) {
                                    notes.push(note);
                                }
                            }
                            r.data.antwoord
                        }))
                    })
                    .collect();
                match group_answer(answers) {
                    GroupAnswer::Unresolved => {
                        c.conflict += 1;
                        c.conflict_dossiers.push(number);
                    }
                    GroupAnswer::Agreed(CheckAnswer::Ja) => c.ja += 1,
                    GroupAnswer::Agreed(CheckAnswer::Nee) => {
                        c.nee += 1;
                        let notes: Vec<&str> = notes
                            .iter()
                            .copied()
                            .filter(|n| !n.trim().is_empty() || notes.len() == 1)
                            .collect();
                        c.nee_dossiers.push((number, notes.join("; ")));
                    }
                    GroupAnswer::Agreed(CheckAnswer::Nvt) => c.nvt += 1,
                    GroupAnswer::Agreed(CheckAnswer::Open) | GroupAnswer::Open => c.open += 1,
                }
            }
            c
        })
        .collect();

    let documents = fw
        .sources
        .documents
        .iter()
        .filter(|d| d.expectations.iter().any(|e| e == id))
        .map(|item| {
            let id = inspection.document_id(&item.id);
            DocumentEvidence {
                item,
                record: inspection.documents.get(&id),
                conflict: inspection.documents.is_conflicted(&id),
            }
        })
        .collect();

    let deadlines = fw
        .deadlines
        .iter()
        .zip(shared.summaries.iter().copied())
        .filter(|(def, _)| def.expectations.iter().any(|e| e == id))
        .collect();

    Evidence {
        answers,
        flashes,
        checks,
        documents,
        deadlines,
    }
}

/// Whether one copy deleted the dossier while another edited it (an unresolved conflict).
fn existence_disputed(inspection: &Inspection, dossier: &str) -> bool {
    inspection
        .dossiers
        .history(dossier)
        .is_some_and(|h| h.is_conflicted() && h.heads().any(|r| r.meta.deleted))
}
