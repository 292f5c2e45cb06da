//! Is this eindoordeel final? The one place that decides it, for the rapport, the overzicht, the
//! CLI and the JSON.
//!
//! An eindoordeel is **final** when every scored verwachting has exactly one oordeel and no
//! verwachting (scored or not) has concurrent oordelen that differ (an unresolved conflict). It is
//! **provisional** when some scored verwachtingen have an oordeel but not all do, or a conflict is
//! left anywhere. There is **no** eindoordeel at all, not even a provisional one, when no scored
//! verwachting has an oordeel, whatever the beslisregels give for zero. [`Status`] says which,
//! and when it is not final, why ([`Open`]).
//!
//! A conflict in any other record (a dossier, a dossiervraag, the wachtlijst, …) also keeps the
//! eindoordeel provisional: the evidence and termijnen it rests on are unresolved
//! ([`Open::records`]). [`Inspection::status`] includes them; a caller that builds a status
//! itself with [`Status::new`] adds them with [`Status::with_record_conflicts`] (or uses
//! [`Status::of_inspection`]).
//!
//! So does a duplicate natural key left by a merge (two dossiers with one number, two free
//! documents with one name; [`super::duplicates`]): until it is resolved the group counts as one,
//! and only where its members agree. Its description ("dossiernummer VTG-2026-0668 staat 2 keer
//! in het onderzoek") follows the record conflicts in [`Open::records`].

use super::duplicates::Duplicate;
use super::inspection::{Conflict, Inspection, Kind};
use super::judgement::{Judgement, JudgementSet};
use super::kader::{Framework, Verdict};
use super::scoring::{Score, Standing, score};

/// How far the eindoordeel of an inspection (or of a set of oordelen) has come.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// No scored verwachting has an oordeel: there is no eindoordeel to show.
    NoJudgement(Open),
    /// The verdict over the oordelen so far, which can still change.
    Provisional(Verdict, Open),
    /// Every scored verwachting has one oordeel and no conflict is left.
    Final(Verdict),
}

/// Why an eindoordeel is not final.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Open {
    /// Scored verwachtingen without an oordeel, in kader order. Verwachtingen in conflict are
    /// not in this list (they are in [`Open::conflicts`]).
    pub not_judged: Vec<String>,
    /// Verwachtingen (scored or not) whose concurrent oordelen differ, in kader order.
    pub conflicts: Vec<String>,
    /// Other records in conflict, in words ("dossier VTG-2026-0668", "dossiervraag dos-1.1.1b in
    /// dossier VTG-2026-0668"), in the order of [`Inspection::all_conflicts`]; then the
    /// unresolved duplicates ("dossiernummer VTG-2026-0668 staat 2 keer in het onderzoek"), in
    /// the order of [`Inspection::duplicates`].
    pub records: Vec<String>,
}

impl Status {
    /// The status of `score`, the score of `judgements` under `framework`, with `conflicts` the
    /// unresolved conflicts of the inspection (their verwachtingen count as niet beoordeeld in
    /// `judgements`).
    pub fn new(
        framework: &Framework,
        judgements: &JudgementSet,
        score: &Score,
        conflicts: &[Conflict<'_>],
    ) -> Status {
        let conflicts: Vec<String> = conflicts
            .iter()
            .map(|c| c.verwachting.to_string())
            .collect();
        let not_judged = judgements
            .iter()
            .filter(|(i, j)| {
                let e = framework.expectation(*i);
                e.assessment.is_scored() && *j == Judgement::NotJudged && !conflicts.contains(&e.id)
            })
            .map(|(i, _)| framework.expectation(i).id.clone())
            .collect();
        let open = Open {
            not_judged,
            conflicts,
            records: Vec::new(),
        };
        match score.standing() {
            Standing::NoJudgement => Status::NoJudgement(open),
            Standing::Final(v) if open.conflicts.is_empty() => Status::Final(v),
            Standing::Provisional(v) | Standing::Final(v) => Status::Provisional(v, open),
        }
    }

    /// The status of a set of oordelen outside any inspection file (no conflicts possible).
    pub fn of_judgements(
        framework: &Framework,
        judgements: &JudgementSet,
        score: &Score,
    ) -> Status {
        Status::new(framework, judgements, score, &[])
    }

    /// The status of an inspection: [`Status::new`] with the conflicts of every kind and the
    /// unresolved duplicates.
    pub fn of_inspection(
        inspection: &Inspection,
        judgements: &JudgementSet,
        score: &Score,
    ) -> Status {
        Status::new(
            &inspection.framework,
            judgements,
            score,
            &inspection.conflicts(),
        )
        .with_record_conflicts(inspection.open_record_descriptions())
    }

    /// Adds conflicts in records other than oordelen (descriptions, see [`Open::records`]): a
    /// final status becomes provisional.
    pub fn with_record_conflicts(self, records: Vec<String>) -> Status {
        if records.is_empty() {
            return self;
        }
        match self {
            Status::NoJudgement(mut open) => {
                open.records = records;
                Status::NoJudgement(open)
            }
            Status::Provisional(v, mut open) => {
                open.records = records;
                Status::Provisional(v, open)
            }
            Status::Final(v) => Status::Provisional(
                v,
                Open {
                    records,
                    ..Open::default()
                },
            ),
        }
    }

    /// Every scored verwachting judged and no conflict left.
    pub fn is_final(&self) -> bool {
        matches!(self, Status::Final(_))
    }

    /// No scored verwachting has an oordeel: nothing may be shown as an eindoordeel.
    pub fn is_no_judgement(&self) -> bool {
        matches!(self, Status::NoJudgement(_))
    }

    /// The verdict, if there is one to show (provisional or final).
    pub fn verdict(&self) -> Option<Verdict> {
        match self {
            Status::NoJudgement(_) => None,
            Status::Provisional(v, _) | Status::Final(v) => Some(*v),
        }
    }

    /// Why the eindoordeel is not final; `None` when it is.
    pub fn open(&self) -> Option<&Open> {
        match self {
            Status::NoJudgement(open) | Status::Provisional(_, open) => Some(open),
            Status::Final(_) => None,
        }
    }

    /// The verwachtingen in conflict (empty when final).
    pub fn conflicts(&self) -> &[String] {
        self.open().map_or(&[], |o| o.conflicts.as_slice())
    }

    /// The other records in conflict, in words (empty when final).
    pub fn record_conflicts(&self) -> &[String] {
        self.open().map_or(&[], |o| o.records.as_slice())
    }

    /// The scored verwachtingen without an oordeel, conflicts excluded (empty when final).
    pub fn not_judged(&self) -> &[String] {
        self.open().map_or(&[], |o| o.not_judged.as_slice())
    }

    /// The same decision as a [`Standing`] (what [`crate::domain::scoring::headline`] shows).
    pub fn standing(&self) -> Standing {
        match self {
            Status::NoJudgement(_) => Standing::NoJudgement,
            Status::Provisional(v, _) => Standing::Provisional(*v),
            Status::Final(v) => Standing::Final(*v),
        }
    }
}

impl Inspection {
    /// Whether the eindoordeel of this inspection is final, and why not when it is not (conflicts
    /// of every kind included). Scores the current oordelen; a caller that has the score already
    /// uses [`Status::of_inspection`].
    pub fn status(&self) -> Status {
        let judgements = self.judgements();
        let score = score(&self.framework, &judgements);
        Status::of_inspection(self, &judgements, &score)
    }

    /// The records other than oordelen in conflict, in words (see [`Open::records`]).
    pub fn record_conflict_descriptions(&self) -> Vec<String> {
        self.all_conflicts()
            .into_iter()
            .filter(|c| c.kind != Kind::Oordeel)
            .map(|c| c.description)
            .collect()
    }

    /// Everything unresolved in the records other than oordelen, in words: the record conflicts
    /// ([`Inspection::record_conflict_descriptions`]), then the duplicates
    /// ([`Duplicate::description`]). What [`Open::records`] holds.
    pub fn open_record_descriptions(&self) -> Vec<String> {
        let mut out = self.record_conflict_descriptions();
        out.extend(self.duplicates().iter().map(Duplicate::description));
        out
    }
}
