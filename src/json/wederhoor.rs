//! The after-the-visit parts of `veldtoets export --json`: `status` (the phase of the onderzoek),
//! `reacties` (hoor en wederhoor, each with its besluit), `vervolg` (what follows, with the
//! computed dates), `verbeterpunten` and `rapportteksten` (what the inspectors wrote for the
//! rapport); and the list `veldtoets vergelijk --json` prints. Dates are ISO 8601 (`2026-11-03`),
//! like every other date in the export.

use serde::Serialize;

use super::date_out;

use crate::domain::inspection::Inspection;
use crate::domain::wederhoor::RapportBlok;
use crate::report::ParagraphChange;

/// The phase of the onderzoek.
#[derive(Debug, Serialize)]
pub struct StatusJson {
    /// `in_uitvoering`, `concept_verzonden`, `reacties_verwerkt` (a concept was sent and every
    /// reactie has a besluit) or `vastgesteld`.
    pub fase: &'static str,
    /// The phase in Dutch words: "concept verzonden op 03-11-2026".
    pub omschrijving: String,
    /// When the (last) conceptrapport was sent; stays after vaststellen.
    pub concept_verzonden: Option<String>,
    /// SHA-256 (hex) of the conceptrapport PDF as sent.
    pub concept_sha256: Option<String>,
    /// When the rapport was vastgesteld; `null` while not (also after heropenen).
    pub vastgesteld: Option<String>,
    /// Why the onderzoek was last heropend; `null` unless it was heropend since the last
    /// vaststelling.
    pub heropend_reden: Option<String>,
    /// Two copies took different phase steps (listed in `conflicten`); the values above are a
    /// placeholder until someone chooses.
    pub conflict: bool,
}

impl StatusJson {
    pub fn of_inspection(inspection: &Inspection) -> StatusJson {
        let phase = inspection.phase();
        let data = inspection.phase_data();
        StatusJson {
            fase: phase.as_str(),
            omschrijving: phase.label(),
            concept_verzonden: date_out(data.concept_verzonden),
            concept_sha256: data.concept_hash.clone(),
            vastgesteld: date_out(data.vastgesteld),
            heropend_reden: Some(data.heropend_reden.trim().to_string()).filter(|r| !r.is_empty()),
            conflict: inspection.phase_conflicted(),
        }
    }
}

/// A reactie of the organisation on the conceptrapport.
#[derive(Debug, Serialize)]
pub struct ReactieJson {
    pub id: String,
    pub ontvangen: Option<String>,
    /// Who reacted: a function, not a name.
    pub van: String,
    /// The paragraph of the concept it points at ("3.2"), if any.
    pub paragraaf: Option<String>,
    /// The verwachting it points at, if any.
    pub verwachting: Option<String>,
    /// `feitelijk`, `aanvulling` or `zienswijze`.
    pub soort: &'static str,
    pub tekst: String,
    /// Who recorded the reactie.
    pub inspecteur: String,
    /// The versions of this reactie disagree (see `conflicten`).
    pub conflict: bool,
    /// The inspectorate's besluit, `null` while there is none.
    pub besluit: Option<BesluitJson>,
}

/// The besluit on one reactie.
#[derive(Debug, Serialize)]
pub struct BesluitJson {
    /// `overgenomen`, `deels` or `niet`.
    pub besluit: &'static str,
    pub motivering: String,
    pub inspecteur: String,
    /// When the besluit was recorded (RFC 3339).
    pub tijd: String,
    /// The versions of this besluit disagree (see `conflicten`).
    pub conflict: bool,
    /// The oordelen that changed because of the reactie, each against the concept as sent.
    pub wijzigingen: Vec<WijzigingJson>,
}

/// An oordeel version a besluit names.
#[derive(Debug, Serialize)]
pub struct WijzigingJson {
    pub verwachting: String,
    /// The oordeel revision (its id in the file).
    pub revisie: String,
    /// The oordeel in the concept as sent (`voldoende`, `onvoldoende:wachtlijst`, …; `null`:
    /// not judged then).
    pub oordeel_concept: Option<String>,
    /// The oordeel of that revision (`null`: removed, or not in this file).
    pub oordeel: Option<String>,
    /// Whether the onderbouwing differs from the one in the concept.
    pub onderbouwing_gewijzigd: bool,
    /// The file does not hold the revision named (edited outside veldtoets).
    pub ontbreekt: bool,
    /// "1.3.1: van onvoldoende naar voldoende".
    pub omschrijving: String,
}

impl ReactieJson {
    /// The live reacties, by date received (then id), as [`Inspection::reacties`].
    pub fn of_inspection(inspection: &Inspection) -> Vec<ReactieJson> {
        let name = |id| inspection.inspector_name(id).to_string();
        inspection
            .reacties()
            .into_iter()
            .map(|(r, b)| ReactieJson {
                id: r.meta.entity.clone(),
                ontvangen: date_out(r.data.ontvangen),
                van: r.data.van.clone(),
                paragraaf: r.data.paragraaf.clone(),
                verwachting: r.data.verwachting.clone(),
                soort: r.data.soort.as_str(),
                tekst: r.data.tekst.clone(),
                inspecteur: name(r.meta.author),
                conflict: inspection.reacties.is_conflicted(&r.meta.entity),
                besluit: b.map(|b| BesluitJson {
                    besluit: b.data.besluit.as_str(),
                    motivering: b.data.motivering.clone(),
                    inspecteur: name(b.meta.author),
                    tijd: b.meta.at.to_string(),
                    conflict: inspection.besluiten.is_conflicted(&b.meta.entity),
                    wijzigingen: inspection
                        .linked_changes(&b.data)
                        .into_iter()
                        .map(|w| WijzigingJson {
                            omschrijving: w.label(),
                            verwachting: w.verwachting,
                            revisie: w.rev.to_string(),
                            onderbouwing_gewijzigd: w.before.as_ref().map(|o| &o.onderbouwing)
                                != w.after.as_ref().map(|o| &o.onderbouwing),
                            oordeel_concept: w.before.map(|o| o.text()),
                            oordeel: w.after.map(|o| o.text()),
                            ontbreekt: w.missing,
                        })
                        .collect(),
                }),
            })
            .collect()
    }
}

/// One step of the vervolg: a vervolg rule of the kader that applies to this eindoordeel.
#[derive(Debug, Serialize)]
pub struct VervolgJson {
    /// The rule's id in the kader, e.g. `verbetermaatregelen`.
    pub id: String,
    pub tekst: String,
    /// The date it is due; `null` while the date it counts from (the concept's sending or the
    /// vaststelling) is not there yet.
    pub datum: Option<String>,
    /// The term in words: "zes weken na verzending van het conceptrapport".
    pub basis: String,
}

impl VervolgJson {
    /// The vervolg of the onderzoek, in kader order ([`Inspection::vervolg`]); empty while
    /// there is no eindoordeel.
    pub fn of_inspection(inspection: &Inspection) -> Vec<VervolgJson> {
        inspection
            .vervolg()
            .into_iter()
            .map(|v| VervolgJson {
                id: v.id,
                tekst: v.tekst,
                datum: date_out(v.due),
                basis: v.basis,
            })
            .collect()
    }
}

/// The verbeterpunt of an onvoldoende verwachting (`export --json`, `verbeterpunten`).
#[derive(Debug, Serialize)]
pub struct VerbeterpuntJson {
    pub verwachting: String,
    pub tekst: String,
    /// Derived from the verwachting (not written by an inspecteur, not stored).
    pub afgeleid: bool,
    /// Two copies wrote it differently (see `conflicten`); `tekst` is a placeholder.
    pub conflict: bool,
}

impl VerbeterpuntJson {
    /// One per onvoldoende verwachting, in kader order ([`Inspection::verbeterpunten`]).
    pub fn of_inspection(inspection: &Inspection) -> Vec<VerbeterpuntJson> {
        inspection
            .verbeterpunten()
            .into_iter()
            .map(|v| VerbeterpuntJson {
                verwachting: v.verwachting,
                tekst: v.tekst,
                afgeleid: v.afgeleid,
                conflict: v.conflict,
            })
            .collect()
    }
}

/// The blocks the inspectors wrote for the rapport (`export --json`, `rapportteksten`); `null`
/// when absent.
#[derive(Debug, Serialize)]
pub struct RapporttekstenJson {
    pub samenvatting: Option<String>,
    pub conclusie: Option<String>,
}

impl RapporttekstenJson {
    pub fn of_inspection(inspection: &Inspection) -> RapporttekstenJson {
        RapporttekstenJson {
            samenvatting: inspection.rapporttekst(RapportBlok::Samenvatting),
            conclusie: inspection.rapporttekst(RapportBlok::Conclusie),
        }
    }
}

/// One entry of `veldtoets vergelijk --json`: a paragraph that differs between the concept as
/// sent and the rapport as it is now, or one a reactie points at.
#[derive(Debug, Serialize)]
pub struct VergelijkingJson {
    /// `gewijzigd`, `toegevoegd`, `verwijderd`, or `ongewijzigd` (only for a paragraph a
    /// reactie points at).
    pub wijziging: &'static str,
    /// The paragraph number ("2.3", "Bijlage 4"); `null` for the title page and the
    /// Samenvatting.
    pub paragraaf: Option<String>,
    /// The heading as printed: "2.3 Cliëntenpositie", "Samenvatting", or "titelpagina".
    pub kop: String,
    /// The reacties pointing at this paragraph (by its number, or at a verwachting in it).
    pub reacties: Vec<VergelijkingReactieJson>,
    /// The difference is only that between a concept and the definitive rapport (a concept made
    /// now reads here as the one sent): the title page's kind, the Leeswijzer, the Vervolg.
    pub alleen_vorm: bool,
}

/// A reactie in `veldtoets vergelijk --json`.
#[derive(Debug, Serialize)]
pub struct VergelijkingReactieJson {
    /// Its number in the bijlage "Verwerking hoor en wederhoor" (1, 2, …).
    pub nummer: usize,
    pub id: String,
    /// `feitelijk`, `aanvulling` or `zienswijze`.
    pub soort: &'static str,
    /// `overgenomen`, `deels` or `niet`; `null` while there is none.
    pub besluit: Option<&'static str>,
    /// What it points at: "paragraaf 2.3", "verwachting 1.3.1".
    pub betreft: String,
}

impl VergelijkingJson {
    pub fn new(change: &ParagraphChange) -> VergelijkingJson {
        VergelijkingJson {
            wijziging: change.change.wijziging.as_str(),
            paragraaf: change.change.number.clone(),
            kop: change.change.heading.clone(),
            reacties: change
                .reacties
                .iter()
                .map(|r| VergelijkingReactieJson {
                    nummer: r.number,
                    id: r.id.clone(),
                    soort: r.soort.as_str(),
                    besluit: r.besluit.map(|b| b.as_str()),
                    betreft: r.reference.clone(),
                })
                .collect(),
            alleen_vorm: change.form_only,
        }
    }
}
