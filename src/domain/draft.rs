//! Drafts: text an inspector is typing that is not yet a revision.
//!
//! A text field edits a draft; the draft becomes a revision when the inspector pauses, leaves the
//! field or the screen. Until then the draft itself is kept durable (the store writes it to a
//! small table outside the revision history), so a crash loses at most the last fraction of a
//! second of typing. This module names the fields a draft can belong to, with a stable textual
//! key for the file and a Dutch description for people.

use std::fmt;

use jiff::Timestamp;
use uuid::Uuid;

use super::inspection::Inspection;
use super::wederhoor::RapportBlok;

/// Which text a draft edits.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    DetailsNote,
    WaitlistNote,
    InterviewParticipants(String),
    InterviewNote(String),
    Answer {
        interview: String,
        vraag: String,
    },
    FlashNote(String),
    DossierNote(String),
    CheckNote {
        dossier: String,
        vraag: String,
    },
    DocumentNote(String),
    Onderbouwing(String),
    /// The criterion-level onderbouwing ("Onderbouwing Ad 1.1") of a criterium (by id), in a
    /// kader with criterion oordelen.
    CriteriumOnderbouwing(String),
    /// The verbeterpunt of an onvoldoende verwachting (by id).
    Verbeterpunt(String),
    /// A block of the rapport the inspecteurs write (Samenvatting, Conclusie).
    Rapporttekst(RapportBlok),
    /// The onderbouwing of the eindoordeel the inspecteur chose (one per onderzoek), in a kader
    /// with `maat = "keuze"`.
    KeuzeOnderbouwing,
    /// The toelichting of a kerngegeven of the kader (by id): where the figure comes from, or
    /// why it is missing.
    KerngegevenToelichting(String),
    /// The flitsinterview dialog as a whole: a new one (`None`) or an edit of a saved one. Its
    /// text is the dialog's state in the UI's own encoding.
    FlashDialog(Option<String>),
}

impl Field {
    /// The stable key under which the draft is stored (e.g. `onderbouwing/1.1.1`).
    pub fn key(&self) -> String {
        match self {
            Field::DetailsNote => "onderzoek/notitie".into(),
            Field::WaitlistNote => "wachtlijst/notitie".into(),
            Field::InterviewParticipants(id) => format!("interview/deelnemers/{id}"),
            Field::InterviewNote(id) => format!("interview/notitie/{id}"),
            Field::Answer { interview, vraag } => format!("antwoord/{interview}/{vraag}"),
            Field::FlashNote(id) => format!("flitsinterview/notitie/{id}"),
            Field::DossierNote(id) => format!("dossier/notitie/{id}"),
            Field::CheckNote { dossier, vraag } => format!("dossiercheck/{dossier}/{vraag}"),
            Field::DocumentNote(item) => format!("document/notitie/{item}"),
            Field::Onderbouwing(v) => format!("onderbouwing/{v}"),
            Field::CriteriumOnderbouwing(c) => format!("criterium/onderbouwing/{c}"),
            Field::Verbeterpunt(v) => format!("verbeterpunt/{v}"),
            Field::Rapporttekst(blok) => format!("rapporttekst/{}", blok.as_str()),
            Field::KeuzeOnderbouwing => "keuze/onderbouwing".into(),
            Field::KerngegevenToelichting(id) => format!("kerngegeven/toelichting/{id}"),
            Field::FlashDialog(None) => "flitsinterview/nieuw".into(),
            Field::FlashDialog(Some(id)) => format!("flitsinterview/bewerken/{id}"),
        }
    }

    /// The field a stored key names; `None` for a key this version does not know.
    pub fn parse(key: &str) -> Option<Field> {
        let two = |rest: &str| {
            rest.split_once('/')
                .filter(|(a, b)| !a.is_empty() && !b.is_empty())
                .map(|(a, b)| (a.to_string(), b.to_string()))
        };
        let one = |rest: &str| (!rest.is_empty()).then(|| rest.to_string());
        let (head, rest) = key.split_once('/')?;
        match head {
            "onderzoek" if rest == "notitie" => Some(Field::DetailsNote),
            "wachtlijst" if rest == "notitie" => Some(Field::WaitlistNote),
            "interview" => {
                let (what, id) = rest.split_once('/')?;
                let id = one(id)?;
                match what {
                    "deelnemers" => Some(Field::InterviewParticipants(id)),
                    "notitie" => Some(Field::InterviewNote(id)),
                    _ => None,
                }
            }
            "antwoord" => two(rest).map(|(interview, vraag)| Field::Answer { interview, vraag }),
            "flitsinterview" if rest == "nieuw" => Some(Field::FlashDialog(None)),
            "flitsinterview" => {
                let (what, id) = rest.split_once('/')?;
                let id = one(id)?;
                match what {
                    "notitie" => Some(Field::FlashNote(id)),
                    "bewerken" => Some(Field::FlashDialog(Some(id))),
                    _ => None,
                }
            }
            "dossier" => rest
                .strip_prefix("notitie/")
                .and_then(one)
                .map(Field::DossierNote),
            "dossiercheck" => two(rest).map(|(dossier, vraag)| Field::CheckNote { dossier, vraag }),
            "document" => rest
                .strip_prefix("notitie/")
                .and_then(one)
                .map(Field::DocumentNote),
            "onderbouwing" => one(rest).map(Field::Onderbouwing),
            "criterium" => rest
                .strip_prefix("onderbouwing/")
                .and_then(one)
                .map(Field::CriteriumOnderbouwing),
            "verbeterpunt" => one(rest).map(Field::Verbeterpunt),
            "rapporttekst" => RapportBlok::parse(rest).map(Field::Rapporttekst),
            "keuze" if rest == "onderbouwing" => Some(Field::KeuzeOnderbouwing),
            "kerngegeven" => rest
                .strip_prefix("toelichting/")
                .and_then(one)
                .map(Field::KerngegevenToelichting),
            _ => None,
        }
    }

    /// What the field is, in Dutch, for a person ("onderbouwing bij 1.1.1").
    pub fn describe(&self, inspection: &Inspection) -> String {
        let dossier = |id: &str| {
            inspection
                .dossiers
                .history(id)
                .and_then(|h| h.latest())
                .map_or_else(|| "onbekend".to_string(), |d| d.data.nummer.clone())
        };
        let role = |id: &str| {
            inspection
                .interviews
                .history(id)
                .and_then(|h| h.latest())
                .map(|i| {
                    inspection
                        .framework
                        .sources
                        .roles
                        .iter()
                        .find(|r| r.id == i.data.rol)
                        .map_or_else(|| i.data.rol.clone(), |r| r.name.clone())
                })
                .unwrap_or_else(|| "onbekend".to_string())
        };
        let flash = |id: &str| {
            inspection
                .flashes
                .history(id)
                .and_then(|h| h.latest())
                .map_or_else(|| "onbekend".to_string(), |f| f.data.functie.clone())
        };
        match self {
            Field::DetailsNote => "notitie bij het onderzoek".into(),
            Field::WaitlistNote => "notitie bij de wachtlijst".into(),
            Field::InterviewParticipants(id) => format!("deelnemers interview {}", role(id)),
            Field::InterviewNote(id) => format!("notitie interview {}", role(id)),
            Field::Answer { interview, vraag } => {
                format!("antwoord op vraag {vraag} in interview {}", role(interview))
            }
            Field::FlashNote(id) => format!("notitie flitsinterview {}", flash(id)),
            Field::DossierNote(id) => format!("notitie dossier {}", dossier(id)),
            Field::CheckNote { dossier: d, vraag } => {
                format!("toelichting dossier {} vraag {vraag}", dossier(d))
            }
            Field::DocumentNote(item) => format!("notitie document {item}"),
            Field::Onderbouwing(v) => format!("onderbouwing bij {v}"),
            Field::CriteriumOnderbouwing(c) => format!("onderbouwing bij criterium {c}"),
            Field::Verbeterpunt(v) => format!("verbeterpunt bij {v}"),
            Field::Rapporttekst(RapportBlok::Samenvatting) => "Samenvatting van het rapport".into(),
            Field::Rapporttekst(RapportBlok::Conclusie) => "Conclusie van het rapport".into(),
            Field::KeuzeOnderbouwing => "onderbouwing van het eindoordeel".into(),
            Field::KerngegevenToelichting(id) => format!(
                "toelichting bij kerngegeven {}",
                inspection
                    .framework
                    .key_figure(id)
                    .map_or(id.as_str(), |k| k.label.as_str())
            ),
            Field::FlashDialog(None) => "nieuw flitsinterview".into(),
            Field::FlashDialog(Some(id)) => format!("flitsinterview {} (bewerken)", flash(id)),
        }
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.key())
    }
}

/// A draft as stored in the inspection file: typed, not yet confirmed as a revision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredDraft {
    /// [`Field::key`] of the field (kept as text: a newer veldtoets may know more fields).
    pub key: String,
    pub text: String,
    pub author: Uuid,
    /// When this text was written to disk.
    pub at: Timestamp,
}

impl StoredDraft {
    pub fn field(&self) -> Option<Field> {
        Field::parse(&self.key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_round_trips_through_its_key() {
        let fields = [
            Field::DetailsNote,
            Field::WaitlistNote,
            Field::InterviewParticipants("i-1".into()),
            Field::InterviewNote("i-1".into()),
            Field::Answer {
                interview: "i-1".into(),
                vraag: "v/2".into(),
            },
            Field::FlashNote("f".into()),
            Field::DossierNote("d".into()),
            Field::CheckNote {
                dossier: "d".into(),
                vraag: "dos-1.1.1b".into(),
            },
            Field::DocumentNote("doc-1".into()),
            Field::Onderbouwing("1.1.1".into()),
            Field::CriteriumOnderbouwing("1.1".into()),
            Field::Verbeterpunt("1.3.2".into()),
            Field::Rapporttekst(RapportBlok::Samenvatting),
            Field::Rapporttekst(RapportBlok::Conclusie),
            Field::KeuzeOnderbouwing,
            Field::KerngegevenToelichting("structureel_budget".into()),
            Field::FlashDialog(None),
            Field::FlashDialog(Some("f-1".into())),
        ];
        for field in fields {
            assert_eq!(Field::parse(&field.key()), Some(field.clone()), "{field}");
        }
    }

    /// The keys are in files already written: they never change.
    #[test]
    fn the_keys_of_the_chosen_eindoordeel_and_the_kerndata_are_stable() {
        assert_eq!(Field::KeuzeOnderbouwing.key(), "keuze/onderbouwing");
        assert_eq!(
            Field::KerngegevenToelichting("structureel_budget".into()).key(),
            "kerngegeven/toelichting/structureel_budget"
        );
        assert_eq!(
            Field::parse("kerngegeven/toelichting/fte_2016"),
            Some(Field::KerngegevenToelichting("fte_2016".into()))
        );
    }

    #[test]
    fn unknown_or_malformed_keys_are_not_guessed() {
        for key in [
            "",
            "onderbouwing",
            "onderbouwing/",
            "antwoord/i-1",
            "antwoord//v",
            "interview/iets/x",
            "toekomst/veld",
            "dossier/x",
            "rapporttekst/inleiding",
            "verbeterpunt/",
            "criterium/onderbouwing/",
            "criterium/1.1",
            "criterium/oordeel/1.1",
            "keuze",
            "keuze/",
            "keuze/eindoordeel",
            "keuze/onderbouwing/x",
            "kerngegeven/toelichting/",
            "kerngegeven/waarde/budget",
            "kerngegeven/budget",
        ] {
            assert_eq!(Field::parse(key), None, "{key}");
        }
    }
}
