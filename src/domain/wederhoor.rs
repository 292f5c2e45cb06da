//! After the visit: the phase of an onderzoek (in uitvoering → concept verzonden → reacties
//! verwerkt → definitief vastgesteld), the organisation's reacties on the conceptrapport (hoor en
//! wederhoor) and the inspectorate's besluit on each.
//!
//! The phase is one record ([`PhaseData`], id [`Inspection::phase_id`]); every step is a new
//! revision of it, so its history is the audit trail (who sent the concept, who vastgesteld, who
//! heropende and why). A reactie is a record of its own; its besluit is a separate record (id
//! derived from the reactie), so the reactie as received stays as it was. "Reacties verwerkt" is
//! not stored: it is the state in which a concept was sent and every reactie has a besluit.
//!
//! After vaststellen the oordelen and onderbouwingen are frozen ([`Inspection::is_frozen`]);
//! changing one needs an explicit heropenen with a reason ([`Inspection::reopen`]).

use jiff::civil::Date;
use uuid::Uuid;

use super::inspection::{Inspection, Stamp, derived_id};
use super::kader::{FollowUp, FollowUpFrom};
use super::kinds::{BesluitData, PhaseData, ReactieData};
use super::record::{Change, Kinded, Revision};
use super::status::Status;
use super::termijn::format_date_nl;

/// The stored step of an onderzoek's phase record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, PartialOrd, Ord)]
pub enum Fase {
    #[default]
    InUitvoering,
    ConceptVerzonden,
    Vastgesteld,
}

impl Fase {
    pub const ALL: [Fase; 3] = [
        Fase::InUitvoering,
        Fase::ConceptVerzonden,
        Fase::Vastgesteld,
    ];

    /// The token in the file and in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Fase::InUitvoering => "in_uitvoering",
            Fase::ConceptVerzonden => "concept_verzonden",
            Fase::Vastgesteld => "vastgesteld",
        }
    }

    pub fn parse(s: &str) -> Option<Fase> {
        Fase::ALL.into_iter().find(|f| f.as_str() == s)
    }
}

/// What kind of reaction the organisation gave.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, PartialOrd, Ord)]
pub enum ReactieSoort {
    /// A factual inaccuracy to correct.
    #[default]
    Feitelijk,
    /// An addition.
    Aanvulling,
    /// The organisation's view.
    Zienswijze,
}

impl ReactieSoort {
    pub const ALL: [ReactieSoort; 3] = [
        ReactieSoort::Feitelijk,
        ReactieSoort::Aanvulling,
        ReactieSoort::Zienswijze,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ReactieSoort::Feitelijk => "feitelijk",
            ReactieSoort::Aanvulling => "aanvulling",
            ReactieSoort::Zienswijze => "zienswijze",
        }
    }

    /// For the rapport and the screen.
    pub fn label(self) -> &'static str {
        match self {
            ReactieSoort::Feitelijk => "feitelijke onjuistheid",
            ReactieSoort::Aanvulling => "aanvulling",
            ReactieSoort::Zienswijze => "zienswijze",
        }
    }

    pub fn parse(s: &str) -> Option<ReactieSoort> {
        ReactieSoort::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// The inspectorate's decision on one reactie.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, PartialOrd, Ord)]
pub enum Besluit {
    #[default]
    Overgenomen,
    Deels,
    Niet,
}

impl Besluit {
    pub const ALL: [Besluit; 3] = [Besluit::Overgenomen, Besluit::Deels, Besluit::Niet];

    pub fn as_str(self) -> &'static str {
        match self {
            Besluit::Overgenomen => "overgenomen",
            Besluit::Deels => "deels",
            Besluit::Niet => "niet",
        }
    }

    /// For the rapport and the screen.
    pub fn label(self) -> &'static str {
        match self {
            Besluit::Overgenomen => "overgenomen",
            Besluit::Deels => "deels overgenomen",
            Besluit::Niet => "niet overgenomen",
        }
    }

    pub fn parse(s: &str) -> Option<Besluit> {
        Besluit::ALL.into_iter().find(|b| b.as_str() == s)
    }
}

/// The phase of an onderzoek as people see it (the stored [`Fase`], with "reacties verwerkt"
/// derived).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    InUitvoering,
    ConceptVerzonden { on: Date },
    ReactiesVerwerkt { concept: Date },
    Vastgesteld { on: Date },
}

impl Phase {
    /// The token in JSON (`status.fase`).
    pub fn as_str(self) -> &'static str {
        match self {
            Phase::InUitvoering => "in_uitvoering",
            Phase::ConceptVerzonden { .. } => "concept_verzonden",
            Phase::ReactiesVerwerkt { .. } => "reacties_verwerkt",
            Phase::Vastgesteld { .. } => "vastgesteld",
        }
    }

    /// "concept verzonden op 03-11-2026", for the app header and the rapport.
    pub fn label(self) -> String {
        match self {
            Phase::InUitvoering => "in uitvoering".to_string(),
            Phase::ConceptVerzonden { on } => {
                format!("concept verzonden op {}", format_date_nl(on))
            }
            Phase::ReactiesVerwerkt { .. } => "reacties verwerkt".to_string(),
            Phase::Vastgesteld { on } => {
                format!("definitief vastgesteld op {}", format_date_nl(on))
            }
        }
    }
}

/// Why a step cannot be taken now, in Dutch, one reason per item.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", .0.join("; "))]
pub struct Refused(pub Vec<String>);

impl Inspection {
    /// The id of the single phase record of this onderzoek.
    pub fn phase_id(&self) -> String {
        derived_id(self.id, "fase")
    }

    /// The id of the besluit record on reactie `reactie` (one per reactie).
    pub fn besluit_id(&self, reactie: &str) -> String {
        derived_id(self.id, &format!("besluit/{reactie}"))
    }

    /// The phase record's current content (default: in uitvoering). While the phase record is in
    /// conflict (two copies took different steps), the shown placeholder; see
    /// [`Inspection::phase_conflicted`].
    pub fn phase_data(&self) -> PhaseData {
        PhaseData::records(self)
            .get(&self.phase_id())
            .map(|r| r.data.clone())
            .unwrap_or_default()
    }

    /// Whether two copies took different phase steps (a conflict like any other record's).
    pub fn phase_conflicted(&self) -> bool {
        PhaseData::records(self).is_conflicted(&self.phase_id())
    }

    /// The phase as people see it.
    pub fn phase(&self) -> Phase {
        let data = self.phase_data();
        match (data.fase, data.concept_verzonden, data.vastgesteld) {
            (Fase::Vastgesteld, _, Some(on)) => Phase::Vastgesteld { on },
            (Fase::ConceptVerzonden, Some(on), _) | (Fase::Vastgesteld, Some(on), None) => {
                let reacties = self.reacties();
                if !reacties.is_empty() && reacties.iter().all(|(_, b)| b.is_some()) {
                    Phase::ReactiesVerwerkt { concept: on }
                } else {
                    Phase::ConceptVerzonden { on }
                }
            }
            _ => Phase::InUitvoering,
        }
    }

    /// After vaststellen, oordelen and onderbouwingen may not change until heropenen.
    pub fn is_frozen(&self) -> bool {
        matches!(self.phase(), Phase::Vastgesteld { .. })
    }

    /// The live reacties, by date received (then id), each with its live besluit, if any.
    pub fn reacties(&self) -> Vec<(&Revision<ReactieData>, Option<&Revision<BesluitData>>)> {
        let mut list: Vec<_> = ReactieData::records(self)
            .current()
            .map(|r| {
                let besluit = BesluitData::records(self).get(&self.besluit_id(&r.meta.entity));
                (r, besluit)
            })
            .collect();
        list.sort_by(|(a, _), (b, _)| {
            (a.data.ontvangen, &a.meta.entity).cmp(&(b.data.ontvangen, &b.meta.entity))
        });
        list
    }

    /// A revision of the phase record with `data`, replacing its heads.
    fn phase_change(&self, data: PhaseData, author: Uuid, stamp: Stamp) -> Change {
        self.change(&self.phase_id(), data.into_record(), author, stamp)
    }

    /// Records that the conceptrapport was sent on `on`, with the SHA-256 of the PDF sent and
    /// the rapport's text as sent (so it can be reproduced and compared later). Allowed while in
    /// uitvoering or after an earlier concept (a second concept replaces the first; the history
    /// keeps both); refused once vastgesteld or while the phase is in conflict.
    pub fn send_concept(
        &self,
        on: Date,
        hash: String,
        sent_text: String,
        author: Uuid,
        stamp: Stamp,
    ) -> Result<Change, Refused> {
        self.phase_unconflicted()?;
        if let Phase::Vastgesteld { on: done } = self.phase() {
            return Err(Refused(vec![format!(
                "het rapport is op {} definitief vastgesteld; heropen het onderzoek eerst",
                format_date_nl(done)
            )]));
        }
        let findings = self.open_privacy_findings();
        if !findings.is_empty() {
            let mut reasons = vec![format!(
                "de tekst van het rapport bevat mogelijk gegevens over een zaak of persoon ({}); pas de tekst aan, of geef elke vondst bewust vrij met een reden",
                if findings.len() == 1 {
                    "1 vondst".to_string()
                } else {
                    format!("{} vondsten", findings.len())
                }
            )];
            reasons.extend(findings.iter().map(|f| f.line()));
            return Err(Refused(reasons));
        }
        let data = PhaseData {
            fase: Fase::ConceptVerzonden,
            concept_verzonden: Some(on),
            concept_hash: Some(hash),
            concept_tekst: sent_text,
            ..self.phase_data()
        };
        Ok(self.phase_change(data, author, stamp))
    }

    /// What stands in the way of vaststellen, in Dutch: no concept sent, reacties without a
    /// besluit (named), scored verwachtingen without an oordeel, unresolved conflicts or
    /// duplicates, already vastgesteld.
    pub fn vaststellen_blockers(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.phase_conflicted() {
            out.push(
                "twee kopieën hebben de fase van het onderzoek verschillend vastgelegd; kies eerst een versie"
                    .to_string(),
            );
        }
        match self.phase() {
            Phase::InUitvoering => out.push(
                "er is nog geen conceptrapport verzonden (hoor en wederhoor gaat aan vaststellen vooraf)"
                    .to_string(),
            ),
            Phase::Vastgesteld { on } => out.push(format!(
                "het rapport is al op {} vastgesteld",
                format_date_nl(on)
            )),
            _ => {}
        }
        let open: Vec<String> = self
            .reacties()
            .iter()
            .filter(|(_, b)| b.is_none())
            .map(|(r, _)| r.data.reference())
            .collect();
        if !open.is_empty() {
            out.push(format!(
                "{} zonder besluit: {}",
                if open.len() == 1 {
                    "1 reactie".to_string()
                } else {
                    format!("{} reacties", open.len())
                },
                open.join(", ")
            ));
        }
        if let Status::Provisional(_, open) | Status::NoJudgement(open) = self.status()
            && !open.not_judged.is_empty()
        {
            let n = open.not_judged.len();
            out.push(format!(
                "{} zonder oordeel: {}",
                if n == 1 {
                    "1 beoordeelde verwachting".to_string()
                } else {
                    format!("{n} beoordeelde verwachtingen")
                },
                open.not_judged.join(", ")
            ));
        }
        let conflicts = self.all_conflicts();
        if !conflicts.is_empty() {
            let names: Vec<&str> = conflicts.iter().map(|c| c.description.as_str()).collect();
            out.push(format!("open conflicten: {}", names.join(", ")));
        }
        let duplicates = self.duplicates();
        if !duplicates.is_empty() {
            let names: Vec<String> = duplicates.iter().map(|d| d.description()).collect();
            out.push(format!("dubbel vastgelegd: {}", names.join(", ")));
        }
        out
    }

    /// Vaststellen on `on`: refused with every reason from
    /// [`Inspection::vaststellen_blockers`].
    pub fn vaststellen(&self, on: Date, author: Uuid, stamp: Stamp) -> Result<Change, Refused> {
        let blockers = self.vaststellen_blockers();
        if !blockers.is_empty() {
            return Err(Refused(blockers));
        }
        let data = self.phase_data();
        if data.concept_verzonden.is_some_and(|c| on < c) {
            return Err(Refused(vec![format!(
                "de vaststellingsdatum {} ligt vóór de verzending van het concept ({})",
                format_date_nl(on),
                data.concept_verzonden.map_or(String::new(), format_date_nl)
            )]));
        }
        Ok(self.phase_change(
            PhaseData {
                fase: Fase::Vastgesteld,
                vastgesteld: Some(on),
                heropend_reden: String::new(),
                ..data
            },
            author,
            stamp,
        ))
    }

    /// Heropenen with a reason: back to "concept verzonden", the vaststelling and the reason
    /// kept in the history. Refused when not vastgesteld or without a reason.
    pub fn reopen(&self, reason: &str, author: Uuid, stamp: Stamp) -> Result<Change, Refused> {
        self.phase_unconflicted()?;
        if !self.is_frozen() {
            return Err(Refused(vec![
                "het onderzoek is niet vastgesteld; heropenen is niet nodig".to_string(),
            ]));
        }
        if reason.trim().is_empty() {
            return Err(Refused(vec![
                "geef een reden voor het heropenen (die komt in de historie)".to_string(),
            ]));
        }
        let data = self.phase_data();
        Ok(self.phase_change(
            PhaseData {
                fase: Fase::ConceptVerzonden,
                vastgesteld: None,
                heropend_reden: reason.trim().to_string(),
                ..data
            },
            author,
            stamp,
        ))
    }

    /// A new reactie. Refused once vastgesteld, before a concept was sent, or when it points
    /// at a verwachting the kader does not have.
    pub fn add_reactie(
        &self,
        entity: &str,
        data: ReactieData,
        author: Uuid,
        stamp: Stamp,
    ) -> Result<Change, Refused> {
        let mut reasons = Vec::new();
        match self.phase() {
            Phase::InUitvoering => reasons.push(
                "er is nog geen conceptrapport verzonden; een reactie hoort bij een verzonden concept"
                    .to_string(),
            ),
            Phase::Vastgesteld { .. } => reasons.push(
                "het rapport is definitief vastgesteld; heropen het onderzoek eerst".to_string(),
            ),
            _ => {}
        }
        if let Some(v) = &data.verwachting
            && self.framework.index_of(v).is_none()
        {
            reasons.push(format!(
                "verwachting '{v}' staat niet in het toetsingskader"
            ));
        }
        if data.verwachting.is_none() && data.paragraaf.as_deref().is_none_or(str::is_empty) {
            reasons.push(
                "zeg waar de reactie op wijst: een paragraaf van het concept of een verwachting"
                    .to_string(),
            );
        }
        if data.tekst.trim().is_empty() {
            reasons.push("de tekst van de reactie is leeg".to_string());
        }
        if !reasons.is_empty() {
            return Err(Refused(reasons));
        }
        Ok(self.change(entity, data.into_record(), author, stamp))
    }

    /// The besluit on reactie `reactie` (a new one, or a new version). Refused once vastgesteld,
    /// for an unknown reactie, or without a motivering.
    pub fn decide(
        &self,
        reactie: &str,
        besluit: Besluit,
        motivering: &str,
        author: Uuid,
        stamp: Stamp,
    ) -> Result<Change, Refused> {
        if self.is_frozen() {
            return Err(Refused(vec![
                "het rapport is definitief vastgesteld; heropen het onderzoek eerst".to_string(),
            ]));
        }
        if ReactieData::records(self).get(reactie).is_none() {
            return Err(Refused(vec![format!(
                "er is geen reactie met id '{reactie}'"
            )]));
        }
        if motivering.trim().is_empty() {
            return Err(Refused(vec![
                "geef een motivering bij het besluit (die komt in de bijlage van het rapport)"
                    .to_string(),
            ]));
        }
        let data = BesluitData {
            reactie: reactie.to_string(),
            besluit,
            motivering: motivering.trim().to_string(),
        };
        Ok(self.change(&self.besluit_id(reactie), data.into_record(), author, stamp))
    }

    /// Refused while the phase record is in conflict.
    fn phase_unconflicted(&self) -> Result<(), Refused> {
        if self.phase_conflicted() {
            Err(Refused(vec![
                "twee kopieën hebben de fase van het onderzoek verschillend vastgelegd; kies eerst een versie"
                    .to_string(),
            ]))
        } else {
            Ok(())
        }
    }
}

impl Inspection {
    /// Refused once vastgesteld: oordelen and onderbouwingen are frozen until heropenen.
    pub fn refuse_if_frozen(&self) -> Result<(), Refused> {
        match self.phase() {
            Phase::Vastgesteld { on } => Err(Refused(vec![format!(
                "het rapport is op {} definitief vastgesteld; oordelen en onderbouwingen liggen vast tot het onderzoek wordt heropend (veldtoets heropenen BESTAND --reden …)",
                format_date_nl(on)
            )])),
            _ => Ok(()),
        }
    }
}

/// One step of the vervolg for this onderzoek: a [`FollowUp`] of the kader that applies to its
/// eindoordeel, with the date it is due.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Vervolg {
    pub id: String,
    pub tekst: String,
    /// The date it is due; `None` while the date its term counts from is not known yet.
    pub due: Option<Date>,
    /// "zes weken na verzending van het conceptrapport".
    pub basis: String,
}

/// A small number in words, as a rapport writes it ("zes weken"); digits from 13 on.
pub fn number_in_words(n: u32) -> String {
    const WORDS: [&str; 13] = [
        "nul", "een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien",
        "elf", "twaalf",
    ];
    WORDS
        .get(n as usize)
        .map_or_else(|| n.to_string(), |w| (*w).to_string())
}

impl FollowUp {
    /// "zes weken na verzending van het conceptrapport".
    pub fn basis(&self) -> String {
        let term = match (self.weeks, self.months) {
            (1, 0) => "een week".to_string(),
            (w, 0) => format!("{} weken", number_in_words(w)),
            (_, 1) => "een maand".to_string(),
            (_, m) => format!("{} maanden", number_in_words(m)),
        };
        format!("{term} na {}", self.from.words())
    }

    /// The due date, counted from `start`.
    pub fn due(&self, start: Date) -> Option<Date> {
        let span = jiff::Span::new()
            .weeks(i64::from(self.weeks))
            .months(i64::from(self.months));
        start.checked_add(span).ok()
    }
}

impl Inspection {
    /// The vervolg rules of the kader that apply to this onderzoek's eindoordeel (final or
    /// provisional; none while there is no eindoordeel), with their dates from the concept or
    /// vaststelling date when those are known.
    pub fn vervolg(&self) -> Vec<Vervolg> {
        let verdict = match self.status() {
            Status::Final(v) | Status::Provisional(v, _) => v,
            Status::NoJudgement(_) => return Vec::new(),
        };
        let phase = self.phase_data();
        self.framework
            .follow_ups
            .iter()
            .filter(|f| f.verdicts.is_empty() || f.verdicts.contains(&verdict))
            .map(|f| {
                let start = match f.from {
                    FollowUpFrom::ConceptSent => phase.concept_verzonden,
                    FollowUpFrom::Vastgesteld => phase.vastgesteld,
                };
                Vervolg {
                    id: f.id.clone(),
                    tekst: f.text.clone(),
                    due: start.and_then(|d| f.due(d)),
                    basis: f.basis(),
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_round_trip() {
        for f in Fase::ALL {
            assert_eq!(Fase::parse(f.as_str()), Some(f));
        }
        for s in ReactieSoort::ALL {
            assert_eq!(ReactieSoort::parse(s.as_str()), Some(s));
        }
        for b in Besluit::ALL {
            assert_eq!(Besluit::parse(b.as_str()), Some(b));
        }
        assert_eq!(Besluit::parse("ja"), None);
    }

    #[test]
    fn terms_in_words_and_dates() {
        let rule = |weeks, months| FollowUp {
            id: "x".into(),
            text: "t".into(),
            from: FollowUpFrom::ConceptSent,
            weeks,
            months,
            verdicts: Vec::new(),
        };
        let start = Date::constant(2026, 11, 3);
        for (weeks, months, basis, due) in [
            (
                6,
                0,
                "zes weken na verzending van het conceptrapport",
                (2026, 12, 15),
            ),
            (
                1,
                0,
                "een week na verzending van het conceptrapport",
                (2026, 11, 10),
            ),
            (
                0,
                6,
                "zes maanden na verzending van het conceptrapport",
                (2027, 5, 3),
            ),
            (
                0,
                1,
                "een maand na verzending van het conceptrapport",
                (2026, 12, 3),
            ),
            (
                0,
                14,
                "14 maanden na verzending van het conceptrapport",
                (2028, 1, 3),
            ),
        ] {
            let r = rule(weeks, months);
            assert_eq!(r.basis(), basis);
            assert_eq!(r.due(start), Some(Date::constant(due.0, due.1, due.2)));
        }
        // The end of a month clamps (31 January + one month = 28 February).
        assert_eq!(
            rule(0, 1).due(Date::constant(2027, 1, 31)),
            Some(Date::constant(2027, 2, 28))
        );
    }
}
