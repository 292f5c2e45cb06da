//! Edits as field-level changes: "set `melding_ontvangen` of dossier X to D", "set `antwoord`
//! of the dossiervraag Q of dossier X to `ja`", "set the tag of 1.3.1 in answer A to
//! `weerspreekt`". A screen says *what* it changes; the change is made against the model as it
//! is when the command is applied (read the current record, change those fields, write a new
//! revision), never against a copy of the record taken while the screen was drawn. So two edits
//! in one frame never undo each other, whatever order the widgets were drawn in.
//!
//! Generic over every record kind through the record mechanism (`Kind::fields`, `Value`,
//! `Record::values`/`Record::from_values`): one [`Edit`] type for every screen and kind.

use crate::domain::inspection::{
    AnswerData, CheckData, CriteriumOordeelData, DocumentData, FieldError, FieldType, Inspection,
    KerngegevenData, KeuzeData, Kind, Kinded, OordeelData, Record, Value,
};
use crate::domain::judgement::JudgementValue;
use crate::domain::kader::Measure;
use crate::domain::record::with_kind;
use crate::domain::termijn::DateKind;
use jiff::civil::Date;

use super::types::{DraftTarget, Input};

/// Which record an edit is for.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum RecordRef {
    /// A record that exists, by kind and id (an edit of a record that is gone is dropped).
    Id(Kind, String),
    /// The onderzoek's own details (one per onderzoek).
    Details,
    /// The wachtlijst facts (one per onderzoek).
    Waitlist,
    /// The answer to guide question `vraag` in interview `interview`; made when first set.
    Answer { interview: String, vraag: String },
    /// The answer to checklist item `vraag` for dossier `dossier`; made when first set.
    Check { dossier: String, vraag: String },
    /// The record of the kader's requested document `item`; made when first set.
    Document(String),
    /// The oordeel on a verwachting (by id); made (niet beoordeeld) when first set.
    Oordeel(String),
    /// The inspectors' oordeel on a criterium (by id), in a kader with criterion oordelen; made
    /// (niet beoordeeld, no onderbouwing) when first set.
    Criterium(String),
    /// The eindoordeel the inspecteur chose (one per onderzoek), in a kader that has it chosen
    /// (`maat = "keuze"`); made (nothing chosen) when first set.
    Keuze,
    /// The value of the kader's kerngegeven (by id); made (empty) when first set.
    Kerngegeven(String),
}

impl RecordRef {
    /// The record's kind and id in this inspection.
    pub fn resolve(&self, insp: &Inspection) -> (Kind, String) {
        match self {
            RecordRef::Id(kind, entity) => (*kind, entity.clone()),
            RecordRef::Details => (Kind::Details, insp.details_id()),
            RecordRef::Waitlist => (Kind::Waitlist, insp.waitlist_id()),
            RecordRef::Answer { interview, vraag } => {
                (Kind::Answer, insp.answer_id(interview, vraag))
            }
            RecordRef::Check { dossier, vraag } => (Kind::Check, insp.check_id(dossier, vraag)),
            RecordRef::Document(item) => (Kind::Document, insp.document_id(item)),
            RecordRef::Oordeel(verwachting) => (Kind::Oordeel, verwachting.clone()),
            RecordRef::Criterium(criterium) => (Kind::CriteriumOordeel, criterium.clone()),
            RecordRef::Keuze => (Kind::Keuze, insp.keuze_id()),
            RecordRef::Kerngegeven(id) => (Kind::Kerngegeven, id.clone()),
        }
    }

    /// The record's current data; for a record that is made when first set and does not exist
    /// (or was deleted), what it starts as. `None` when there is nothing to edit: a record by id
    /// that is gone, or one that belongs to an interview, dossier, document, verwachting,
    /// criterium or kerngegeven that is not there (or a criterion oordeel in a kader without
    /// them, a chosen eindoordeel in a kader that computes it).
    pub fn current(&self, insp: &Inspection) -> Option<Record> {
        let (kind, entity) = self.resolve(insp);
        if let Some(record) = current_record(insp, kind, &entity) {
            return Some(record);
        }
        Some(match self {
            RecordRef::Id(..) => return None,
            RecordRef::Details => Record::Details(insp.details_data()),
            RecordRef::Waitlist => Record::Waitlist(Default::default()),
            RecordRef::Answer { interview, vraag } => {
                insp.interviews.get(interview)?;
                Record::Answer(AnswerData {
                    interview: interview.clone(),
                    vraag: vraag.clone(),
                    ..AnswerData::default()
                })
            }
            RecordRef::Check { dossier, vraag } => {
                insp.dossiers.get(dossier)?;
                Record::Check(CheckData {
                    dossier: dossier.clone(),
                    vraag: vraag.clone(),
                    ..CheckData::default()
                })
            }
            RecordRef::Document(item) => {
                let requested = insp
                    .framework
                    .sources
                    .documents
                    .iter()
                    .find(|d| d.id == *item)?;
                Record::Document(DocumentData {
                    item: Some(item.clone()),
                    naam: requested.name.clone(),
                    ..DocumentData::default()
                })
            }
            RecordRef::Oordeel(verwachting) => {
                insp.framework.index_of(verwachting)?;
                Record::Oordeel(OordeelData {
                    value: JudgementValue::NietBeoordeeld,
                    variant: None,
                    onderbouwing: String::new(),
                })
            }
            RecordRef::Criterium(criterium) => {
                let fw = &insp.framework;
                if !fw.has_criterion_oordelen() {
                    return None;
                }
                fw.criterion(criterium)?;
                Record::CriteriumOordeel(CriteriumOordeelData::default())
            }
            RecordRef::Keuze => {
                if insp.framework.rules.measure != Measure::Choice {
                    return None;
                }
                Record::Keuze(KeuzeData::default())
            }
            RecordRef::Kerngegeven(id) => {
                insp.framework.key_figure(id)?;
                Record::Kerngegeven(KerngegevenData::default())
            }
        })
    }
}

/// The current (live) data of a record of any kind, if it has any. For a record in conflict,
/// the placeholder described at `History` (callers refuse to edit those first).
pub fn current_record(insp: &Inspection, kind: Kind, entity: &str) -> Option<Record> {
    with_kind!(kind, T => T::records(insp).get(entity).map(|r| r.data.clone().into_record()))
}

/// The data a deleted record had (its tombstone's), if its current state is a deletion.
pub fn deleted_record(insp: &Inspection, kind: Kind, entity: &str) -> Option<Record> {
    with_kind!(kind, T => T::records(insp)
        .history(entity)
        .and_then(|h| h.latest())
        .filter(|r| r.meta.deleted)
        .map(|r| r.data.clone().into_record()))
}

/// One change of one field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldChange {
    /// Set the field (by its name in [`Kind::fields`]) to this value.
    Set { field: &'static str, value: Value },
    /// Set (`Some`) or remove (`None`) one entry of a map field: one tag per verwachting, one
    /// answer per flitsvraag.
    Entry {
        field: &'static str,
        key: String,
        value: Option<String>,
    },
    /// Set (`Some`) or clear (`None`) one date of a dates field (a dossier's `datums`).
    Date {
        field: &'static str,
        kind: DateKind,
        date: Option<Date>,
    },
}

impl FieldChange {
    pub fn field(&self) -> &'static str {
        match self {
            FieldChange::Set { field, .. }
            | FieldChange::Entry { field, .. }
            | FieldChange::Date { field, .. } => field,
        }
    }
}

/// Field-level changes of one record, written as one revision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub record: RecordRef,
    pub changes: Vec<FieldChange>,
}

/// Why an edit cannot be made against the model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditError {
    /// The record (or what it belongs to) is not there (any more).
    Gone,
    /// The kind has no field of this name.
    UnknownField(&'static str),
    /// The value is not of the field's type (or the field is not a map).
    WrongType(&'static str),
    /// The result is not a valid record (an unknown token).
    Invalid(FieldError),
}

impl Edit {
    /// Sets one field.
    pub fn set(record: RecordRef, field: &'static str, value: Value) -> Edit {
        Edit {
            record,
            changes: vec![FieldChange::Set { field, value }],
        }
    }

    /// Sets (`Some`) or removes (`None`) one entry of a map field.
    pub fn entry(record: RecordRef, field: &'static str, key: &str, value: Option<&str>) -> Edit {
        Edit {
            record,
            changes: vec![FieldChange::Entry {
                field,
                key: key.to_string(),
                value: value.map(str::to_string),
            }],
        }
    }

    /// Sets (`Some`) or clears (`None`) one date of a dossier.
    pub fn date(record: RecordRef, kind: DateKind, date: Option<Date>) -> Edit {
        Edit {
            record,
            changes: vec![FieldChange::Date {
                field: "datums",
                kind,
                date,
            }],
        }
    }

    /// And sets another field in the same revision.
    pub fn and(mut self, field: &'static str, value: Value) -> Edit {
        self.changes.push(FieldChange::Set { field, value });
        self
    }

    /// Whether the edit changes field `field`.
    pub fn touches(&self, field: &str) -> bool {
        self.changes.iter().any(|c| c.field() == field)
    }

    /// The record as it will be: the current one (or what it starts as) with the changes made.
    pub fn apply(&self, insp: &Inspection) -> Result<Record, EditError> {
        let current = self.record.current(insp).ok_or(EditError::Gone)?;
        change_fields(current, &self.changes)
    }
}

/// `record` with `changes` made to its fields.
pub fn change_fields(record: Record, changes: &[FieldChange]) -> Result<Record, EditError> {
    let kind = record.kind();
    let fields = kind.fields();
    let mut values = record.values();
    for change in changes {
        let name = change.field();
        let i = fields
            .iter()
            .position(|f| f.name == name)
            .ok_or(EditError::UnknownField(name))?;
        match change {
            FieldChange::Set { value, .. } => {
                if value.ty() != fields[i].ty {
                    return Err(EditError::WrongType(name));
                }
                values[i] = value.clone();
            }
            FieldChange::Entry { key, value, .. } => {
                let Value::Map(map) = &mut values[i] else {
                    return Err(EditError::WrongType(name));
                };
                match value {
                    Some(v) => map.insert(key.clone(), v.clone()),
                    None => map.remove(key),
                };
            }
            FieldChange::Date { kind, date, .. } => {
                let Value::Dates(dates) = &mut values[i] else {
                    return Err(EditError::WrongType(name));
                };
                dates.set(*kind, *date);
            }
        }
    }
    Record::from_values(kind, values).map_err(EditError::Invalid)
}

/// The value of field `field` of a record, if it has one of that name.
pub fn field_value(record: &Record, field: &str) -> Option<Value> {
    let i = record
        .kind()
        .fields()
        .iter()
        .position(|f| f.name == field)?;
    record.values().into_iter().nth(i)
}

/// The record and text field a draft edits; `None` for the flitsinterview dialog (a whole
/// record, saved by its own button) and for the texts the domain writes itself.
pub fn draft_field(target: &DraftTarget) -> Option<(RecordRef, &'static str)> {
    Some(match target {
        DraftTarget::DetailsNote => (RecordRef::Details, "notitie"),
        DraftTarget::WaitlistNote => (RecordRef::Waitlist, "notitie"),
        DraftTarget::InterviewParticipants(id) => {
            (RecordRef::Id(Kind::Interview, id.clone()), "deelnemers")
        }
        DraftTarget::InterviewNote(id) => (RecordRef::Id(Kind::Interview, id.clone()), "notitie"),
        DraftTarget::Answer { interview, vraag } => (
            RecordRef::Answer {
                interview: interview.clone(),
                vraag: vraag.clone(),
            },
            "notitie",
        ),
        DraftTarget::FlashNote(id) => (RecordRef::Id(Kind::Flash, id.clone()), "notitie"),
        DraftTarget::DossierNote(id) => (RecordRef::Id(Kind::Dossier, id.clone()), "notitie"),
        DraftTarget::CheckNote { dossier, vraag } => (
            RecordRef::Check {
                dossier: dossier.clone(),
                vraag: vraag.clone(),
            },
            "notitie",
        ),
        DraftTarget::DocumentNote(item) => (RecordRef::Document(item.clone()), "notitie"),
        DraftTarget::Onderbouwing(v) => (RecordRef::Oordeel(v.clone()), "onderbouwing"),
        DraftTarget::CriteriumOnderbouwing(c) => (RecordRef::Criterium(c.clone()), "onderbouwing"),
        DraftTarget::KeuzeOnderbouwing => (RecordRef::Keuze, "onderbouwing"),
        DraftTarget::KerngegevenToelichting(id) => {
            (RecordRef::Kerngegeven(id.clone()), "toelichting")
        }
        // Written by the domain (`Inspection::set_verbeterpunt`, `set_rapporttekst`): an empty
        // text removes, the derived verbeterpunt is not stored.
        DraftTarget::Verbeterpunt(_) | DraftTarget::Rapporttekst(_) => return None,
        DraftTarget::FlashDialog(_) => return None,
    })
}

/// The record and text field an [`Input`] edits.
pub fn input_field(input: &Input) -> (RecordRef, &'static str) {
    match input {
        Input::KerngegevenWaarde(id) => (RecordRef::Kerngegeven(id.clone()), "waarde"),
    }
}

/// A text value (for a field of type text).
pub fn text(t: impl Into<String>) -> Value {
    Value::Text(t.into())
}

/// Whether a field of `kind` named `field` exists and has type `ty` (for tests and asserts).
pub fn has_field(kind: Kind, field: &str, ty: FieldType) -> bool {
    kind.fields().iter().any(|f| f.name == field && f.ty == ty)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::inspection::{DossierData, Stamp, Tag};
    use uuid::Uuid;

    fn stamp(n: u128) -> Stamp {
        Stamp {
            rev: Uuid::from_u128(n),
            at: jiff::Timestamp::UNIX_EPOCH,
        }
    }

    fn inspection() -> Inspection {
        let framework = crate::kader_io::builtin("vt-2016-stap2").unwrap().clone();
        let mut insp = Inspection::new(Uuid::from_u128(1), framework, jiff::Timestamp::UNIX_EPOCH);
        let dossier = Record::Dossier(DossierData {
            nummer: "VTG-1".into(),
            notitie: "eerste".into(),
            ..DossierData::default()
        });
        let change = insp.change("d1", dossier, Uuid::nil(), stamp(10));
        insp.apply(change);
        insp
    }

    fn write(insp: &mut Inspection, edit: &Edit, n: u128) {
        let (_, entity) = edit.record.resolve(insp);
        let record = edit.apply(insp).unwrap();
        let change = insp.change(&entity, record, Uuid::nil(), stamp(n));
        insp.apply(change);
    }

    #[test]
    fn two_edits_of_one_record_both_land_whatever_their_order() {
        let mut insp = inspection();
        let dossier = RecordRef::Id(Kind::Dossier, "d1".into());
        let date = Date::constant(2026, 3, 2);
        // Both made "in the same frame": neither carries the other's field.
        let a = Edit::date(dossier.clone(), DateKind::MELDING_ONTVANGEN, Some(date));
        let b = Edit::set(dossier.clone(), "selectie", text("gericht"));
        write(&mut insp, &a, 11);
        write(&mut insp, &b, 12);
        let d = &insp.dossiers.get("d1").unwrap().data;
        assert_eq!(d.dates.get(DateKind::MELDING_ONTVANGEN), Some(date));
        assert_eq!(d.selectie.as_str(), "gericht");
        assert_eq!(d.notitie, "eerste", "untouched fields stay");
    }

    #[test]
    fn records_made_when_first_set_start_from_their_kader_item() {
        let mut insp = inspection();
        let vraag = insp.framework.sources.checklist[0].id.clone();
        let check = RecordRef::Check {
            dossier: "d1".into(),
            vraag: vraag.clone(),
        };
        write(
            &mut insp,
            &Edit::set(check.clone(), "antwoord", text("ja")),
            11,
        );
        let (_, id) = check.resolve(&insp);
        let c = &insp.checks.get(&id).unwrap().data;
        assert_eq!(
            (c.dossier.as_str(), c.vraag.as_str()),
            ("d1", vraag.as_str())
        );
        assert_eq!(c.antwoord.as_str(), "ja");

        let item = insp.framework.sources.documents[0].clone();
        let doc = RecordRef::Document(item.id.clone());
        write(
            &mut insp,
            &Edit::set(doc.clone(), "ontvangen", Value::Flag(true)),
            12,
        );
        let d = &insp.documents.get(&doc.resolve(&insp).1).unwrap().data;
        assert_eq!(d.naam, item.name);
        assert!(d.ontvangen);

        let e = insp.framework.expectation(0).id.clone();
        let oordeel = Edit::set(RecordRef::Oordeel(e.clone()), "waarde", text("onvoldoende"))
            .and("variant", Value::OptText(None));
        write(&mut insp, &oordeel, 13);
        assert_eq!(
            insp.oordeel(&e).unwrap().data.value,
            JudgementValue::Onvoldoende
        );
        // Nothing to start from: a check of a dossier that is not there, an unknown kader item.
        let lost = RecordRef::Check {
            dossier: "weg".into(),
            vraag,
        };
        assert_eq!(
            Edit::set(lost, "antwoord", text("ja")).apply(&insp),
            Err(EditError::Gone)
        );
        let unknown = Edit::set(
            RecordRef::Document("x".into()),
            "ontvangen",
            Value::Flag(true),
        );
        assert_eq!(unknown.apply(&insp), Err(EditError::Gone));
    }

    #[test]
    fn a_criterion_oordeel_is_made_when_first_set_only_where_the_kader_has_them() {
        // Stap 2 has no criterion oordelen: nothing to edit.
        let stap2 = inspection();
        let edit = Edit::set(RecordRef::Criterium("1.1".into()), "oordeel", text("V"));
        assert_eq!(edit.apply(&stap2), Err(EditError::Gone));

        let framework = crate::kader_io::builtin("vt-2015-stap1").unwrap().clone();
        let mut insp = Inspection::new(Uuid::from_u128(2), framework, jiff::Timestamp::UNIX_EPOCH);
        let unknown = Edit::set(RecordRef::Criterium("9.9".into()), "oordeel", text("V"));
        assert_eq!(unknown.apply(&insp), Err(EditError::Gone));
        write(
            &mut insp,
            &Edit::set(RecordRef::Criterium("1.1".into()), "oordeel", text("M")),
            11,
        );
        write(
            &mut insp,
            &Edit::set(
                RecordRef::Criterium("1.1".into()),
                "onderbouwing",
                text("Ad 1.1"),
            ),
            12,
        );
        let c = &insp.criterion_oordeel("1.1").unwrap().data;
        assert_eq!(
            (c.oordeel.as_str(), c.onderbouwing.as_str()),
            ("M", "Ad 1.1")
        );
    }

    /// A kader whose eindoordeel is chosen, with one kerngegeven.
    const KEUZE_KADER: &str = r#"
formaat = 1
id = "keuze"
titel = "Keuze"
[[thema]]
id = "1"
titel = "Thema"
[[thema.criterium]]
id = "1.1"
titel = "Topic"
[[thema.criterium.verwachting]]
id = "1.1.1"
tekst = "Beschreven."
beoordeling = "inventarisatie"
[beslisregels]
maat = "keuze"
[[eindoordeel]]
id = "goed"
naam = "goed"
[[eindoordeel]]
id = "slecht"
naam = "slecht"
[[kerngegeven]]
id = "budget"
naam = "Budget"
soort = "bedrag"
"#;

    #[test]
    fn a_keuze_and_a_kerngegeven_are_made_when_first_set_only_where_the_kader_has_them() {
        let stap2 = inspection();
        let keuze = Edit::set(RecordRef::Keuze, "eindoordeel", text("voldoende"));
        assert_eq!(keuze.apply(&stap2), Err(EditError::Gone));
        let budget = Edit::set(
            RecordRef::Kerngegeven("budget".into()),
            "waarde",
            text("12"),
        );
        assert_eq!(budget.apply(&stap2), Err(EditError::Gone));

        let framework = crate::kader_io::parse(KEUZE_KADER, "keuze.toml").unwrap();
        let mut insp = Inspection::new(Uuid::from_u128(3), framework, jiff::Timestamp::UNIX_EPOCH);
        write(
            &mut insp,
            &Edit::set(RecordRef::Keuze, "eindoordeel", text("slecht")),
            11,
        );
        write(
            &mut insp,
            &Edit::set(RecordRef::Keuze, "onderbouwing", text("Waarom.")),
            12,
        );
        let (verdict, revision) = insp.chosen_verdict().unwrap();
        assert_eq!(verdict.as_str(), "slecht");
        assert_eq!(revision.data.onderbouwing, "Waarom.");
        assert_eq!(
            RecordRef::Keuze.resolve(&insp),
            (Kind::Keuze, insp.keuze_id())
        );
        write(&mut insp, &budget, 13);
        assert_eq!(insp.kerngegevens.get("budget").unwrap().data.waarde, "12");
        let unknown = Edit::set(RecordRef::Kerngegeven("fte".into()), "waarde", text("1"));
        assert_eq!(unknown.apply(&insp), Err(EditError::Gone));
    }

    #[test]
    fn every_input_names_a_text_field_of_its_kind() {
        let input = Input::KerngegevenWaarde("budget".into());
        let (record, field) = input_field(&input);
        assert_eq!(record, RecordRef::Kerngegeven("budget".into()));
        assert!(has_field(Kind::Kerngegeven, field, FieldType::Text));
    }

    #[test]
    fn a_map_entry_is_set_and_removed_alone() {
        let mut insp = inspection();
        let interview = Record::Interview(Default::default());
        let change = insp.change("i1", interview, Uuid::nil(), stamp(11));
        insp.apply(change);
        let answer = RecordRef::Answer {
            interview: "i1".into(),
            vraag: "v1".into(),
        };
        write(
            &mut insp,
            &Edit::entry(answer.clone(), "tags", "1.1.1", Some("ondersteunt")),
            12,
        );
        write(
            &mut insp,
            &Edit::entry(answer.clone(), "tags", "1.2.1", Some("weerspreekt")),
            13,
        );
        write(
            &mut insp,
            &Edit::entry(answer.clone(), "tags", "1.1.1", None),
            14,
        );
        let id = answer.resolve(&insp).1;
        let tags = &insp.answers.get(&id).unwrap().data.tags;
        assert_eq!(tags.len(), 1);
        assert_eq!(tags.get("1.2.1"), Some(&Tag::Weerspreekt));
    }

    #[test]
    fn unknown_fields_wrong_types_and_bad_tokens_are_refused() {
        let insp = inspection();
        let dossier = RecordRef::Id(Kind::Dossier, "d1".into());
        assert_eq!(
            Edit::set(dossier.clone(), "kleur", text("rood")).apply(&insp),
            Err(EditError::UnknownField("kleur"))
        );
        assert_eq!(
            Edit::set(dossier.clone(), "notitie", Value::Flag(true)).apply(&insp),
            Err(EditError::WrongType("notitie"))
        );
        assert!(matches!(
            Edit::set(dossier, "selectie", text("soms")).apply(&insp),
            Err(EditError::Invalid(_))
        ));
        assert_eq!(
            Edit::set(
                RecordRef::Id(Kind::Dossier, "weg".into()),
                "notitie",
                text("x")
            )
            .apply(&insp),
            Err(EditError::Gone)
        );
    }

    #[test]
    fn every_draft_names_a_text_field_of_its_kind() {
        let targets = [
            DraftTarget::DetailsNote,
            DraftTarget::WaitlistNote,
            DraftTarget::InterviewParticipants("i".into()),
            DraftTarget::InterviewNote("i".into()),
            DraftTarget::Answer {
                interview: "i".into(),
                vraag: "v".into(),
            },
            DraftTarget::FlashNote("f".into()),
            DraftTarget::DossierNote("d".into()),
            DraftTarget::CheckNote {
                dossier: "d".into(),
                vraag: "v".into(),
            },
            DraftTarget::DocumentNote("doc".into()),
            DraftTarget::Onderbouwing("1.1.1".into()),
            DraftTarget::CriteriumOnderbouwing("1.1".into()),
            DraftTarget::KeuzeOnderbouwing,
            DraftTarget::KerngegevenToelichting("budget".into()),
        ];
        let insp = inspection();
        for target in targets {
            let (record, field) = draft_field(&target).unwrap();
            let (kind, _) = record.resolve(&insp);
            assert!(has_field(kind, field, FieldType::Text), "{target:?}");
        }
        assert!(draft_field(&DraftTarget::FlashDialog(None)).is_none());
    }
}
