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

use std::collections::HashMap;

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

/// What the evidence of every verwachting shares, computed once per change and owned, so a
/// screen keeps it between frames (`ui::workspace::Derived`): the termijn summaries and every
/// checklist item counted over all dossiers. Counting the dossiervragen is the expensive part
/// (every dossier × every item); drawing a verwachting then only looks its items up.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EvidenceBasis {
    pub summaries: Vec<DeadlineSummary>,
    /// Per checklist item id, its answers over all dossiers.
    checks: HashMap<String, CheckTally>,
}

/// One checklist item counted over all dossiers (dossiers sharing a number counted once); see
/// [`CheckEvidence`] for the meaning of each count.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct CheckTally {
    ja: u32,
    nee: u32,
    nvt: u32,
    open: u32,
    nee_dossiers: Vec<(String, String)>,
    conflict: u32,
    conflict_dossiers: Vec<String>,
}

type CheckIndex<'a> = HashMap<(&'a str, &'a str), &'a Revision<super::inspection::CheckData>>;

impl EvidenceBasis {
    /// Counts every checklist item of the kader over the dossiers of `inspection`.
    pub fn new(inspection: &Inspection) -> EvidenceBasis {
        EvidenceBasis::with_summaries(inspection, inspection.deadline_summaries())
    }

    /// As [`EvidenceBasis::new`], with the termijn summaries already computed.
    pub fn with_summaries(
        inspection: &Inspection,
        summaries: Vec<DeadlineSummary>,
    ) -> EvidenceBasis {
        let dossiers = inspection.dossier_groups();
        let index: CheckIndex<'_> = inspection
            .checks
            .current()
            .map(|c| ((c.data.dossier.as_str(), c.data.vraag.as_str()), c))
            .collect();
        let checks = inspection
            .framework
            .sources
            .checklist
            .iter()
            .map(|q| (q.id.clone(), tally(inspection, &dossiers, &index, &q.id)))
            .collect();
        EvidenceBasis { summaries, checks }
    }
}

/// Counts checklist item `vraag` over the dossier groups.
fn tally(
    inspection: &Inspection,
    dossiers: &[Vec<&Revision<DossierData>>],
    index: &CheckIndex<'_>,
    vraag: &str,
) -> CheckTally {
    let mut c = CheckTally::default();
    for group in dossiers {
        let number = group
            .first()
            .map_or(String::new(), |d| d.data.nummer.clone());
        let mut notes: Vec<&str> = Vec::new();
        let answers: Vec<Option<CheckAnswer>> = group
            .iter()
            .map(|d| {
                let check = index.get(&(d.meta.entity.as_str(), vraag)).copied();
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
}

/// Gathers the evidence for verwachting `id`.
pub fn evidence<'a>(inspection: &'a Inspection, id: &str) -> Evidence<'a> {
    gather(inspection, id, &EvidenceBasis::new(inspection))
}

/// Gathers the evidence for verwachting `id` from a basis computed before
/// ([`EvidenceBasis::new`]): a screen computes that once per change, not in every frame.
pub fn evidence_from<'a>(
    inspection: &'a Inspection,
    id: &str,
    basis: &EvidenceBasis,
) -> Evidence<'a> {
    gather(inspection, id, basis)
}

/// The number of pieces of evidence per verwachting, in kader order (see [`Evidence::count`]).
pub fn counts(inspection: &Inspection) -> Vec<usize> {
    counts_from(inspection, &EvidenceBasis::new(inspection))
}

/// As [`counts`], from a basis computed before.
pub fn counts_from(inspection: &Inspection, basis: &EvidenceBasis) -> Vec<usize> {
    inspection
        .framework
        .expectations()
        .iter()
        .map(|e| gather(inspection, &e.expectation.id, basis).count())
        .collect()
}

fn gather<'a>(inspection: &'a Inspection, id: &str, basis: &EvidenceBasis) -> Evidence<'a> {
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

    let checks = fw
        .sources
        .checklist
        .iter()
        .filter(|q| q.expectations.iter().any(|e| e == id))
        .map(|q| {
            let t = basis.checks.get(&q.id).cloned().unwrap_or_default();
            CheckEvidence {
                question: q,
                ja: t.ja,
                nee: t.nee,
                nvt: t.nvt,
                open: t.open,
                nee_dossiers: t.nee_dossiers,
                conflict: t.conflict,
                conflict_dossiers: t.conflict_dossiers,
            }
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
        .zip(basis.summaries.iter().copied())
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
