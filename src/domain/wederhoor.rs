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
//! changing one needs an explicit heropenen with a reason ([`Inspection::reopen`]). So are the
//! texts the inspectors write for the rapport: per onvoldoende verwachting a **verbeterpunt**
//! (pre-filled from the verwachting by [`verbeterpunt_prefill`]: derived, not stored, until an
//! inspecteur edits it; a record per verwachting once edited) and the **Samenvatting** and
//! **Conclusie** blocks ([`RapportBlok`]; a record per block, a tombstone removes it).

use jiff::Timestamp;
use jiff::civil::Date;
use uuid::Uuid;

use super::inspection::{Inspection, Stamp, derived_id};
use super::judgement::JudgementValue;
use super::kader::{Assessment, FollowUp, FollowUpFrom};
use super::kinds::{
    BesluitData, OordeelData, PhaseData, RapporttekstData, ReactieData, VerbeterpuntData,
};
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

    /// The besluit on reactie `reactie` (a new one, or a new version), naming the verwachtingen
    /// whose oordeel or onderbouwing changed because of it (`wijzigingen`; the complete list:
    /// each links the current version of that oordeel). Refused once vastgesteld, for an
    /// unknown reactie, without a motivering, for a "niet overgenomen" that names changes, and
    /// for a verwachting whose oordeel has not changed since the concept was sent.
    pub fn decide(
        &self,
        reactie: &str,
        besluit: Besluit,
        motivering: &str,
        wijzigingen: &[String],
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
        let mut reasons = Vec::new();
        if motivering.trim().is_empty() {
            reasons.push(
                "geef een motivering bij het besluit (die komt in de bijlage van het rapport)"
                    .to_string(),
            );
        }
        if besluit == Besluit::Niet && !wijzigingen.is_empty() {
            reasons.push(
                "een niet overgenomen reactie verandert geen oordeel; laat de gewijzigde oordelen weg of kies overgenomen of deels"
                    .to_string(),
            );
        }
        let changed = self.oordeel_changes_since_concept();
        let mut linked = std::collections::BTreeMap::new();
        for v in wijzigingen {
            let v = v.trim();
            if self.framework.index_of(v).is_none() {
                reasons.push(format!(
                    "verwachting '{v}' staat niet in het toetsingskader"
                ));
            } else if let Some(w) = changed.iter().find(|w| w.verwachting == v) {
                linked.insert(v.to_string(), w.rev.to_string());
            } else {
                reasons.push(format!(
                    "het oordeel over {v} is sinds het verzonden concept niet gewijzigd; pas eerst het oordeel of de onderbouwing aan en koppel de wijziging daarna"
                ));
            }
        }
        if !reasons.is_empty() {
            return Err(Refused(reasons));
        }
        let data = BesluitData {
            reactie: reactie.to_string(),
            besluit,
            motivering: motivering.trim().to_string(),
            wijzigingen: linked,
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
    /// When the conceptrapport now on record was sent: the time of the phase revision that
    /// recorded it (a later heropenen or vaststellen carries the same concept forward). `None`
    /// before a concept was sent.
    pub fn concept_sent_at(&self) -> Option<Timestamp> {
        let current = self.phase_data();
        current.concept_hash.as_ref()?;
        PhaseData::records(self)
            .history(&self.phase_id())?
            .revisions()
            .iter()
            .filter(|r| !r.meta.deleted && r.data.concept_hash == current.concept_hash)
            .map(|r| r.meta.at)
            .min()
    }

    /// The live oordeel of `verwachting` as it stood at `at` (the last revision in causal order
    /// written at or before it; `None`: not judged or removed then).
    fn oordeel_as_of(&self, verwachting: &str, at: Timestamp) -> Option<&OordeelData> {
        let last = OordeelData::records(self)
            .history(verwachting)?
            .revisions()
            .iter()
            .rfind(|r| r.meta.at <= at)?;
        (!last.meta.deleted).then_some(&last.data)
    }

    /// Every oordeel whose current version differs from the one in the concept as sent, in
    /// kader order (none before a concept was sent; a conflicted oordeel is left out until it
    /// is resolved). "Since the concept" is by the revisions' time stamps: the concept's and
    /// the oordelen's are written by the same laptops.
    pub fn oordeel_changes_since_concept(&self) -> Vec<OordeelWijziging> {
        let Some(sent) = self.concept_sent_at() else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for e in self.framework.expectations() {
            let id = e.expectation.id.as_str();
            let Some(history) = OordeelData::records(self).history(id) else {
                continue;
            };
            if OordeelData::records(self).is_conflicted(id) {
                continue;
            }
            let Some(head) = history.latest() else {
                continue;
            };
            if head.meta.at <= sent {
                continue;
            }
            let before = self.oordeel_as_of(id, sent).cloned();
            let after = (!head.meta.deleted).then(|| head.data.clone());
            if before != after {
                out.push(OordeelWijziging {
                    verwachting: id.to_string(),
                    rev: head.meta.rev,
                    before,
                    after,
                    missing: false,
                });
            }
        }
        out
    }

    /// The changes a besluit names, each compared with the concept as sent.
    pub fn linked_changes(&self, besluit: &BesluitData) -> Vec<OordeelWijziging> {
        let sent = self.concept_sent_at();
        besluit
            .wijzigingen
            .iter()
            .map(|(v, rev)| {
                let revision = rev.parse::<Uuid>().ok().and_then(|uuid| {
                    OordeelData::records(self)
                        .history(v)
                        .and_then(|h| h.revision(uuid))
                        .map(|r| (uuid, r))
                });
                let before = sent.and_then(|at| self.oordeel_as_of(v, at).cloned());
                match revision {
                    Some((uuid, r)) => OordeelWijziging {
                        verwachting: v.clone(),
                        rev: uuid,
                        before,
                        after: (!r.meta.deleted).then(|| r.data.clone()),
                        missing: false,
                    },
                    None => OordeelWijziging {
                        verwachting: v.clone(),
                        rev: rev.parse().unwrap_or_default(),
                        before,
                        after: None,
                        missing: true,
                    },
                }
            })
            .collect()
    }

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

/// An oordeel (or its onderbouwing) that differs from what the conceptrapport as sent said:
/// a change since the concept, or the change a besluit names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OordeelWijziging {
    pub verwachting: String,
    /// The revision holding the change: the current one, or the one a besluit linked.
    pub rev: Uuid,
    /// The oordeel in the concept as sent (`None`: not judged then).
    pub before: Option<OordeelData>,
    /// The oordeel of `rev` (`None`: removed, or — with `missing` — not in this file).
    pub after: Option<OordeelData>,
    /// A besluit names a version this file does not hold (edited outside veldtoets).
    pub missing: bool,
}

impl OordeelWijziging {
    /// "1.3.1: van onvoldoende naar voldoende", "1.3.1: onderbouwing aangepast".
    pub fn label(&self) -> String {
        let v = &self.verwachting;
        if self.missing {
            return format!("{v}: versie niet in dit bestand");
        }
        let value = |o: &Option<OordeelData>| {
            o.as_ref()
                .map_or(JudgementValue::NietBeoordeeld, |o| o.value)
        };
        let (before, after) = (value(&self.before), value(&self.after));
        if before == after {
            format!("{v}: onderbouwing aangepast")
        } else {
            format!("{v}: van {} naar {}", before.label(), after.label())
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

/// A free-text block of the rapport written by the inspectors, beside the generated text.
#[derive(Debug, Clone, Copy, PartialEq, Hash, Eq, Default, PartialOrd, Ord)]
pub enum RapportBlok {
    /// In the Samenvatting, below the generated counts.
    #[default]
    Samenvatting,
    /// In paragraph Eindoordeel of the chapter Eindoordeel en vervolg, below the generated
    /// eindoordeel.
    Conclusie,
}

impl RapportBlok {
    pub const ALL: [RapportBlok; 2] = [RapportBlok::Samenvatting, RapportBlok::Conclusie];

    /// The token in the file, on the command line and in JSON; also the place of a privacy
    /// finding.
    pub fn as_str(self) -> &'static str {
        match self {
            RapportBlok::Samenvatting => "samenvatting",
            RapportBlok::Conclusie => "conclusie",
        }
    }

    pub fn parse(s: &str) -> Option<RapportBlok> {
        RapportBlok::ALL.into_iter().find(|b| b.as_str() == s)
    }
}

/// The verbeterpunt of one onvoldoende verwachting as the rapport shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verbeterpunt {
    pub verwachting: String,
    pub tekst: String,
    /// Derived from the verwachting ([`verbeterpunt_prefill`]), not written by an inspecteur.
    pub afgeleid: bool,
    /// Two copies edited it differently: `tekst` is the placeholder (see
    /// [`super::record::History`]) until someone writes a new version.
    pub conflict: bool,
}

/// Separable particles: written apart in a main clause ("legt … vast"), together with the verb
/// at the end of a subordinate clause ("vastlegt"). Several are prepositions too, so a word
/// counts as a particle only where a particle can stand: before the end, a preposition or a
/// subordinate clause.
const PARTICLES: &[&str] = &[
    "vast", "af", "na", "uit", "op", "samen", "mee", "toe", "terug", "aan", "in", "door", "bij",
    "over", "voor", "weg", "bijeen",
];

/// Fixed parts of verb expressions, written apart from the verb in a subordinate clause ("zorg
/// draagt voor", "in kennis stelt van"). A one-word part needs the same context as a particle;
/// a longer one stands anywhere.
const FIXED_PARTS: &[&[&str]] = &[&["in", "kennis"], &["in", "staat"], &["zorg"]];

/// Prepositions that start a phrase a Dutch subordinate clause may put after its verb ("dat
/// Veilig Thuis zorg draagt voor …"). `van` is left out: it almost always belongs to the noun
/// before it ("het netwerk van de betrokkenen").
const PREPOSITIONS: &[&str] = &[
    "met", "voor", "over", "tot", "bij", "aan", "in", "op", "naar", "door", "binnen", "na",
    "tijdens", "zonder", "tegen", "uit", "onder", "volgens", "rond", "via",
];

/// Words that start a subordinate or relative clause, which stands after the verb ("vastlegt
/// welke …"). `of` is left out (it is "or" as often as "whether"); it counts after a particle.
const CLAUSE_WORDS: &[&str] = &[
    "welke", "wie", "wat", "dat", "die", "indien", "wanneer", "waarom", "hoe", "zodat", "omdat",
    "waarbij", "waarin", "waarmee", "om",
];

/// Finite verbs that go with a participle ("heeft … vastgelegd") or an infinitive ("kan …
/// inzetten"): at the end of a subordinate clause they stand before it ("… heeft vastgelegd").
const PERFECT: &[&str] = &["heeft", "hebben", "is", "zijn", "wordt", "worden"];
/// Verbs with a te-infinitive: "Veilig Thuis dient … te starten".
const TE_VERBS: &[&str] = &["dient", "dienen", "hoort", "behoort", "hoeft", "probeert"];
const MODALS: &[&str] = &[
    "kan", "kunnen", "moet", "moeten", "zal", "zullen", "mag", "wil",
];

/// A word without the punctuation around it, in lower case.
fn bare(word: &str) -> String {
    word.trim_matches(|c: char| !c.is_alphanumeric() && c != '/')
        .to_lowercase()
}

/// Whether `word` looks like a past participle: `ge…d/t/en`, also after a particle
/// ("vastgelegd", "uitgewerkt").
fn participle_like(word: &str) -> bool {
    let w = bare(word);
    if w.chars().count() < 5 || !(w.ends_with('d') || w.ends_with('t') || w.ends_with("en")) {
        return false;
    }
    w.starts_with("ge")
        || PARTICLES
            .iter()
            .any(|p| w.strip_prefix(p).is_some_and(|rest| rest.starts_with("ge")))
}

/// Whether a clause word at `at` starts a clause (not "indien nodig", "waar mogelijk").
fn starts_clause(words: &[&str], at: usize) -> bool {
    CLAUSE_WORDS.contains(&bare(words[at]).as_str())
        && !words
            .get(at + 1)
            .is_some_and(|next| matches!(bare(next).as_str(), "nodig" | "mogelijk"))
}

/// The first position at or after `from` where a subordinate clause starts (a preposition just
/// before its clause word belongs to it: "met wie").
fn clause_boundary(words: &[&str], from: usize) -> Option<usize> {
    (from..words.len())
        .find(|&i| starts_clause(words, i))
        .map(|i| {
            if i > from && PREPOSITIONS.contains(&bare(words[i - 1]).as_str()) {
                i - 1
            } else {
                i
            }
        })
}

/// What may follow a particle: nothing, a preposition (also `van`), `of` or a clause.
fn particle_context(words: &[&str], next: usize) -> bool {
    match words.get(next) {
        None => true,
        Some(word) => {
            let w = bare(word);
            PREPOSITIONS.contains(&w.as_str())
                || w == "van"
                || w == "of"
                || starts_clause(words, next)
        }
    }
}

/// The verb phrase `verb rest…` of a main clause as the end of a subordinate one ("legt tenminste
/// vast welke …" → "tenminste vastlegt welke …"), or `None` when its structure is not one this
/// recognises with confidence (a coordination of two verbs, say).
fn subordinate(verb: &str, rest: &[&str]) -> Option<String> {
    let join = |before: &[&str], verb_part: String, after: &[&str]| -> String {
        before
            .iter()
            .map(|w| (*w).to_string())
            .chain(std::iter::once(verb_part))
            .chain(after.iter().map(|w| (*w).to_string()))
            .collect::<Vec<_>>()
            .join(" ")
    };
    // Two verb phrases joined ("voert de triage uit en start …"): not recognised.
    for (i, word) in rest.iter().enumerate() {
        let is_particle = PARTICLES.contains(&bare(word).as_str());
        let coordinated = word.ends_with(',')
            || rest
                .get(i + 1)
                .is_some_and(|next| matches!(bare(next).as_str(), "en" | "en/of"));
        if is_particle && coordinated {
            return None;
        }
    }
    let lower = verb.to_lowercase();
    // A perfect ("heeft … vastgelegd") or a modal ("kan … inzetten"): the finite verb goes
    // before the participle or infinitive.
    if PERFECT.contains(&lower.as_str()) || MODALS.contains(&lower.as_str()) {
        let end = if MODALS.contains(&lower.as_str()) {
            let clause = clause_boundary(rest, 0).unwrap_or(rest.len());
            (1..clause)
                .find(|&i| PREPOSITIONS.contains(&bare(rest[i]).as_str()))
                .unwrap_or(clause)
        } else {
            clause_boundary(rest, 0).unwrap_or(rest.len())
        };
        let found = (0..end).rev().find(|&i| {
            if MODALS.contains(&lower.as_str()) {
                bare(rest[i]).ends_with("en") && bare(rest[i]).chars().count() > 2
            } else {
                participle_like(rest[i])
            }
        });
        if let Some(at) = found {
            return Some(join(
                &rest[..at],
                format!("{verb} {}", rest[at]),
                &rest[at + 1..],
            ));
        }
        if MODALS.contains(&lower.as_str()) {
            return None;
        }
    }
    // A verb with a te-infinitive ("dient … te starten"): the finite verb goes before "te".
    if TE_VERBS.contains(&lower.as_str()) {
        let end = clause_boundary(rest, 0).unwrap_or(rest.len());
        if let Some(at) = (0..end.saturating_sub(1)).find(|&i| bare(rest[i]) == "te") {
            return Some(join(&rest[..at], format!("{verb} te"), &rest[at + 1..]));
        }
    }
    // A separable particle or a fixed part: written with the verb, where it stands.
    for at in 0..rest.len() {
        for part in FIXED_PARTS {
            let fits = rest.len() >= at + part.len()
                && part
                    .iter()
                    .zip(&rest[at..])
                    .all(|(p, w)| bare(w) == *p && !w.ends_with(','));
            if fits && (part.len() > 1 || particle_context(rest, at + 1)) {
                let phrase = rest[at..at + part.len()].join(" ");
                return Some(join(
                    &rest[..at],
                    format!("{phrase} {verb}"),
                    &rest[at + part.len()..],
                ));
            }
        }
        let word = rest[at];
        if PARTICLES.contains(&bare(word).as_str())
            && !word.ends_with(',')
            && particle_context(rest, at + 1)
        {
            return Some(join(&rest[..at], format!("{word}{verb}"), &rest[at + 1..]));
        }
    }
    // Otherwise the verb goes before the first clause, else before the first prepositional
    // phrase, else at the end.
    let at = clause_boundary(rest, 0)
        .or_else(|| {
            rest.iter()
                .position(|w| PREPOSITIONS.contains(&bare(w).as_str()))
        })
        .unwrap_or(rest.len());
    Some(join(&rest[..at], verb.to_string(), &rest[at..]))
}

/// The verbeterpunt pre-filled from verwachting `id` with text `verwachting` for the organisation
/// `organisatie`, worded as the rapporten do ("Een verbeterpunt is dat Veilig Thuis Haaglanden
/// …", seed 002): the verwachting as a subordinate clause with the organisation as its subject.
/// That works when the verwachting starts with (the first words of) the organisation's name
/// followed by its verb ("Veilig Thuis legt tenminste vast welke …" → "Een verbeterpunt is dat
/// Veilig Thuis Gelderzoom tenminste vastlegt welke …"). Any other verwachting is quoted: "Een
/// verbeterpunt is dat Veilig Thuis Gelderzoom gaat voldoen aan verwachting 2.2.1: het plan van
/// aanpak …". Derived each time, never stored, until an inspecteur edits it.
pub fn verbeterpunt_prefill(id: &str, verwachting: &str, organisatie: &str) -> String {
    let text = verwachting.trim().trim_end_matches('.').trim_end();
    let organisatie = organisatie.trim();
    let words: Vec<&str> = text.split_whitespace().collect();
    let name: Vec<&str> = organisatie.split_whitespace().collect();
    let subject = words.iter().zip(&name).take_while(|(w, n)| w == n).count();
    let verb = words.get(subject).copied().filter(|v| {
        v.chars().next().is_some_and(char::is_lowercase) && v.chars().all(char::is_alphabetic)
    });
    if subject > 0
        && let Some(verb) = verb
        && let Some(clause) = subordinate(verb, &words[subject + 1..])
    {
        return format!("Een verbeterpunt is dat {organisatie} {clause}.");
    }
    let who = if organisatie.is_empty() {
        "de organisatie"
    } else {
        organisatie
    };
    // "Het plan van aanpak …" → "het plan van aanpak …", but "Veilig Thuis …" stays.
    let quoted = match (words.first(), words.get(1)) {
        (Some(first), second)
            if !second.is_some_and(|s| s.chars().next().is_some_and(char::is_uppercase))
                && first.chars().skip(1).all(|c| !c.is_uppercase()) =>
        {
            let mut chars = text.chars();
            chars
                .next()
                .map(|c| c.to_lowercase().chain(chars).collect())
                .unwrap_or_default()
        }
        _ => text.to_string(),
    };
    format!("Een verbeterpunt is dat {who} gaat voldoen aan verwachting {id}: {quoted}.")
}

impl Inspection {
    /// The id of the verbeterpunt record of verwachting `verwachting` (one per verwachting).
    pub fn verbeterpunt_id(&self, verwachting: &str) -> String {
        derived_id(self.id, &format!("verbeterpunt/{verwachting}"))
    }

    /// The id of the record of a free-text block of the rapport (one per block).
    pub fn rapporttekst_id(&self, blok: RapportBlok) -> String {
        derived_id(self.id, &format!("rapporttekst/{}", blok.as_str()))
    }

    /// Whether verwachting `verwachting` has a verbeterpunt: it is scored and its one current
    /// oordeel is onvoldoende. Otherwise why not, in Dutch, naming its oordeel.
    pub fn verbeterpunt_applies(&self, verwachting: &str) -> Result<(), String> {
        const ONLY: &str = "een verbeterpunt hoort alleen bij een onvoldoende verwachting";
        let Some(index) = self.framework.index_of(verwachting) else {
            return Err(format!(
                "verwachting '{verwachting}' staat niet in het toetsingskader"
            ));
        };
        let assessment = self.framework.expectation(index).assessment;
        if assessment != Assessment::Judged {
            return Err(format!(
                "verwachting {verwachting} wordt {} en krijgt geen oordeel voldoende of onvoldoende; {ONLY}",
                assessment.label()
            ));
        }
        if OordeelData::records(self).is_conflicted(verwachting) {
            return Err(format!(
                "de oordelen op verwachting {verwachting} zijn in conflict; kies eerst één oordeel"
            ));
        }
        match self.oordeel(verwachting).map(|r| r.data.value) {
            None => Err(format!(
                "verwachting {verwachting} heeft nog geen oordeel; {ONLY}"
            )),
            Some(JudgementValue::Onvoldoende) => Ok(()),
            Some(value) => Err(format!(
                "het oordeel op verwachting {verwachting} is {}; {ONLY}",
                value.label()
            )),
        }
    }

    /// The verbeterpunt of `verwachting` when it has one ([`Inspection::verbeterpunt_applies`]):
    /// as edited, or else derived from the verwachting.
    pub fn verbeterpunt(&self, verwachting: &str) -> Option<Verbeterpunt> {
        self.verbeterpunt_applies(verwachting).ok()?;
        let id = self.verbeterpunt_id(verwachting);
        let records = VerbeterpuntData::records(self);
        Some(match records.get(&id) {
            Some(r) => Verbeterpunt {
                verwachting: verwachting.to_string(),
                tekst: r.data.tekst.trim().to_string(),
                afgeleid: false,
                conflict: records.is_conflicted(&id),
            },
            None => Verbeterpunt {
                verwachting: verwachting.to_string(),
                tekst: self.verbeterpunt_prefill(verwachting)?,
                afgeleid: true,
                conflict: records.is_conflicted(&id),
            },
        })
    }

    /// The verbeterpunt pre-filled from verwachting `verwachting` for this organisation
    /// ([`verbeterpunt_prefill`]); `None` for a verwachting the kader does not have.
    pub fn verbeterpunt_prefill(&self, verwachting: &str) -> Option<String> {
        let index = self.framework.index_of(verwachting)?;
        Some(verbeterpunt_prefill(
            verwachting,
            &self.framework.expectation(index).text,
            self.organisatie(),
        ))
    }

    /// Every verbeterpunt, one per onvoldoende verwachting, in kader order. A verbeterpunt
    /// written for a verwachting that is no longer onvoldoende stays in the file but is not
    /// listed (it comes back when the verwachting is onvoldoende again).
    pub fn verbeterpunten(&self) -> Vec<Verbeterpunt> {
        self.framework
            .expectations()
            .iter()
            .filter_map(|e| self.verbeterpunt(&e.expectation.id))
            .collect()
    }

    /// Refused once vastgesteld: `what` ("verbeterpunten") lies fixed until heropenen.
    fn refuse_if_frozen_text(&self, what: &str) -> Result<(), Refused> {
        match self.phase() {
            Phase::Vastgesteld { on } => Err(Refused(vec![format!(
                "het rapport is op {} definitief vastgesteld; {what} liggen vast tot het onderzoek wordt heropend (veldtoets heropenen BESTAND --reden …)",
                format_date_nl(on)
            )])),
            _ => Ok(()),
        }
    }

    /// The verbeterpunt of `verwachting` as an inspecteur writes it. An empty text removes the
    /// written one (a tombstone), so the rapport shows the derived verbeterpunt again. `None`
    /// when there is nothing to write: the same text is already there, or there is no written
    /// verbeterpunt to remove. Refused once vastgesteld and for a verwachting that is not
    /// onvoldoende (naming its oordeel).
    pub fn set_verbeterpunt(
        &self,
        verwachting: &str,
        tekst: &str,
        author: Uuid,
        stamp: Stamp,
    ) -> Result<Option<Change>, Refused> {
        self.refuse_if_frozen_text("oordelen, onderbouwingen en verbeterpunten")?;
        self.verbeterpunt_applies(verwachting)
            .map_err(|reason| Refused(vec![reason]))?;
        let id = self.verbeterpunt_id(verwachting);
        let data = VerbeterpuntData {
            verwachting: verwachting.to_string(),
            tekst: tekst.trim().to_string(),
        };
        Ok(self.text_change(&id, data, author, stamp))
    }

    /// The text of a block the inspectors wrote, trimmed; `None` when there is none.
    pub fn rapporttekst(&self, blok: RapportBlok) -> Option<String> {
        RapporttekstData::records(self)
            .get(&self.rapporttekst_id(blok))
            .map(|r| r.data.tekst.trim().to_string())
            .filter(|t| !t.is_empty())
    }

    /// Whether two copies wrote the block differently.
    pub fn rapporttekst_conflicted(&self, blok: RapportBlok) -> bool {
        RapporttekstData::records(self).is_conflicted(&self.rapporttekst_id(blok))
    }

    /// The Samenvatting or Conclusie block as an inspecteur writes it; an empty text removes it
    /// (a tombstone). `None` when there is nothing to write (the same text, or nothing to
    /// remove). Refused once vastgesteld.
    pub fn set_rapporttekst(
        &self,
        blok: RapportBlok,
        tekst: &str,
        author: Uuid,
        stamp: Stamp,
    ) -> Result<Option<Change>, Refused> {
        self.refuse_if_frozen_text("de teksten van het rapport")?;
        let data = RapporttekstData {
            blok,
            tekst: tekst.trim().to_string(),
        };
        Ok(self.text_change(&self.rapporttekst_id(blok), data, author, stamp))
    }

    /// A new version of a text record (`data.tekst` trimmed), a tombstone for an empty text, or
    /// `None` when that changes nothing. A record in conflict always gets a new version (which
    /// resolves the conflict).
    fn text_change<T: Kinded + HasText>(
        &self,
        id: &str,
        data: T,
        author: Uuid,
        stamp: Stamp,
    ) -> Option<Change> {
        let records = T::records(self);
        let conflicted = records.is_conflicted(id);
        let current = records.get(id);
        if data.text().is_empty() {
            let current = current?;
            return Some(self.deletion(id, current.data.clone().into_record(), author, stamp));
        }
        if !conflicted && current.is_some_and(|c| c.data.text().trim() == data.text()) {
            return None;
        }
        Some(self.change(id, data.into_record(), author, stamp))
    }
}

/// A record kind whose content is one text written by the inspectors.
trait HasText {
    fn text(&self) -> &str;
}

impl HasText for VerbeterpuntData {
    fn text(&self) -> &str {
        &self.tekst
    }
}

impl HasText for RapporttekstData {
    fn text(&self) -> &str {
        &self.tekst
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

    #[test]
    fn a_verbeterpunt_is_prefilled_from_the_verwachting() {
        const ORG: &str = "Veilig Thuis Gelderzoom";
        for (verwachting, expected) in [
            // A separable particle joins the verb before a clause (seed 002: "… onvoldoende
            // concreet vastleggen welke afspraken …").
            (
                "Veilig Thuis legt tenminste vast welke ondersteuning, hulp of behandeling wordt ingezet ten behoeve van de veiligheid.",
                "Een verbeterpunt is dat Veilig Thuis Gelderzoom tenminste vastlegt welke ondersteuning, hulp of behandeling wordt ingezet ten behoeve van de veiligheid.",
            ),
            // A te-infinitive (seed 004): the finite verb goes before "te".
            (
                "Veilig Thuis dient direct na de veiligheidsbeoordeling te starten met een onderzoek of de dienst Voorwaarden & Vervolg.",
                "Een verbeterpunt is dat Veilig Thuis Gelderzoom direct na de veiligheidsbeoordeling dient te starten met een onderzoek of de dienst Voorwaarden & Vervolg.",
            ),
            // … at the end of the sentence.
            (
                "Veilig Thuis rondt onderzoeken binnen vijf dagen en tien weken na ontvangst van de melding af.",
                "Een verbeterpunt is dat Veilig Thuis Gelderzoom onderzoeken binnen vijf dagen en tien weken na ontvangst van de melding afrondt.",
            ),
            // … before `of` (whether) and before a preposition.
            (
                "Veilig Thuis gaat na of de stappen leiden tot herstel van de veiligheid.",
                "Een verbeterpunt is dat Veilig Thuis Gelderzoom nagaat of de stappen leiden tot herstel van de veiligheid.",
            ),
            (
                "Veilig Thuis vraagt waar nodig informatie op bij het professionele netwerk.",
                "Een verbeterpunt is dat Veilig Thuis Gelderzoom waar nodig informatie opvraagt bij het professionele netwerk.",
            ),
            // A perfect: the finite verb before the participle (seed 002: "nog niet is gestart
            // met de invulling van het kwaliteitsmanagementsysteem").
            (
                "Veilig Thuis is gestart met de invulling van het kwaliteitsmanagementsysteem.",
                "Een verbeterpunt is dat Veilig Thuis Gelderzoom is gestart met de invulling van het kwaliteitsmanagementsysteem.",
            ),
            (
                "Veilig Thuis heeft afspraken vastgelegd over het monitoren van meldingen die direct worden overgedragen.",
                "Een verbeterpunt is dat Veilig Thuis Gelderzoom afspraken heeft vastgelegd over het monitoren van meldingen die direct worden overgedragen.",
            ),
            (
                "Veilig Thuis heeft samenwerkingsafspraken met haar ketenpartners vastgelegd.",
                "Een verbeterpunt is dat Veilig Thuis Gelderzoom samenwerkingsafspraken met haar ketenpartners heeft vastgelegd.",
            ),
            // `heeft` as the main verb.
            (
                "Veilig Thuis heeft een tijdpad tot het behalen van het certificaat.",
                "Een verbeterpunt is dat Veilig Thuis Gelderzoom een tijdpad heeft tot het behalen van het certificaat.",
            ),
            // A modal: before the infinitive; "indien nodig" is no clause.
            (
                "Veilig Thuis kan indien nodig een beroep doen op gespecialiseerde professionals.",
                "Een verbeterpunt is dat Veilig Thuis Gelderzoom indien nodig een beroep kan doen op gespecialiseerde professionals.",
            ),
            // Fixed parts of an expression stay apart from the verb.
            (
                "Veilig Thuis draagt zorg voor het opstellen van een veiligheidsplan.",
                "Een verbeterpunt is dat Veilig Thuis Gelderzoom zorg draagt voor het opstellen van een veiligheidsplan.",
            ),
            (
                "Veilig Thuis stelt haar professionals in staat samen te werken met ketenpartners.",
                "Een verbeterpunt is dat Veilig Thuis Gelderzoom haar professionals in staat stelt samen te werken met ketenpartners.",
            ),
            // Before a clause, with the preposition that belongs to it.
            (
                "Veilig Thuis onderneemt actie indien leden van gezinnen ontevreden zijn.",
                "Een verbeterpunt is dat Veilig Thuis Gelderzoom actie onderneemt indien leden van gezinnen ontevreden zijn.",
            ),
            (
                "Veilig Thuis bepaalt aan de hand van de melding met wie contact wordt gelegd.",
                "Een verbeterpunt is dat Veilig Thuis Gelderzoom aan de hand van de melding bepaalt met wie contact wordt gelegd.",
            ),
            // Before the first prepositional phrase (not `van`), else at the end.
            (
                "Veilig Thuis voert (een of meer) individuele gesprekken met alle direct betrokkenen.",
                "Een verbeterpunt is dat Veilig Thuis Gelderzoom (een of meer) individuele gesprekken voert met alle direct betrokkenen.",
            ),
            (
                "Veilig Thuis beschikt over één registratiesysteem.",
                "Een verbeterpunt is dat Veilig Thuis Gelderzoom beschikt over één registratiesysteem.",
            ),
            // Two verb phrases: not rewritten, quoted.
            (
                "Veilig Thuis voert de triage uit en start het onderzoek binnen vijf dagen.",
                "Een verbeterpunt is dat Veilig Thuis Gelderzoom gaat voldoen aan verwachting 9.9.9: Veilig Thuis voert de triage uit en start het onderzoek binnen vijf dagen.",
            ),
            // Another subject: quoted, its first word in lower case.
            (
                "Het plan van aanpak wordt multidisciplinair opgesteld.",
                "Een verbeterpunt is dat Veilig Thuis Gelderzoom gaat voldoen aan verwachting 9.9.9: het plan van aanpak wordt multidisciplinair opgesteld.",
            ),
        ] {
            assert_eq!(
                verbeterpunt_prefill("9.9.9", verwachting, ORG),
                expected,
                "{verwachting}"
            );
        }
        // The subject is the organisation's name as far as the verwachting has it; without a
        // name the verwachting is quoted.
        assert_eq!(
            verbeterpunt_prefill("4.1.2", "Veilig Thuis is gestart met ISO.", "Veilig Thuis"),
            "Een verbeterpunt is dat Veilig Thuis is gestart met ISO."
        );
        assert_eq!(
            verbeterpunt_prefill("4.1.2", "Veilig Thuis is gestart met ISO.", ""),
            "Een verbeterpunt is dat de organisatie gaat voldoen aan verwachting 4.1.2: Veilig Thuis is gestart met ISO."
        );
        assert_eq!(
            verbeterpunt_prefill("4.1.2", "Veilig Thuis is gestart met ISO.", "GGD Drenthe"),
            "Een verbeterpunt is dat GGD Drenthe gaat voldoen aan verwachting 4.1.2: Veilig Thuis is gestart met ISO."
        );
    }

    #[test]
    fn rapport_blocks_round_trip() {
        for b in RapportBlok::ALL {
            assert_eq!(RapportBlok::parse(b.as_str()), Some(b));
        }
        assert_eq!(RapportBlok::parse("inleiding"), None);
    }
}
