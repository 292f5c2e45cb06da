//! The oordeel of one verwachting as the rapport shows it: in a table cell, for the earlier
//! round of a hertoets, and which kind of entry it is ([`Shown`]); in the layout of seed 003
//! (a kader with criterion oordelen) as + / - per round.

use crate::domain::Judgement;
use crate::domain::JudgementValue;
use crate::domain::inspection::{OordeelData, Round};
use crate::domain::kader::{Assessment, Variant};

use super::{Builder, EarlierRound, Shown};
use crate::report::model::Text;

impl Builder<'_> {
    pub(super) fn shown(&self, index: usize) -> Shown<'_> {
        let e = self.fw.expectation(index);
        match e.assessment {
            Assessment::NotAssessed => return Shown::NotAssessed,
            Assessment::Inventoried => return Shown::Inventoried(self.inspection.oordeel(&e.id)),
            Assessment::Judged => {}
        }
        if let Some(c) = self.conflicts.iter().find(|c| c.verwachting == e.id) {
            return Shown::Conflict(c);
        }
        match self.inspection.oordeel(&e.id) {
            Some(r) => Shown::Judged(r),
            None => Shown::Missing,
        }
    }

    /// The oordeel in a table cell: "voldoende", "onvoldoende (wachtlijst)", "geïnventariseerd" …
    pub(super) fn cell_label(&self, index: usize) -> Text {
        match self.shown(index) {
            Shown::Inventoried(_) => Text::italic("geïnventariseerd"),
            Shown::NotAssessed => Text::italic("niet beoordeeld"),
            Shown::Conflict(_) => Text::bold("conflict, onopgelost"),
            Shown::Missing => Text::italic("nog niet beoordeeld"),
            Shown::Judged(r) => self.value_label(index, &r.data),
        }
    }

    pub(super) fn value_label(&self, index: usize, data: &OordeelData) -> Text {
        match data.value {
            JudgementValue::Voldoende => Text::plain("voldoende"),
            JudgementValue::NietBeoordeeld => Text::italic("niet beoordeeld"),
            JudgementValue::Onvoldoende => match self.named_variant(index, data) {
                Some(v) => Text::bold(format!("onvoldoende ({})", v.id)),
                None => Text::bold("onvoldoende"),
            },
        }
    }

    /// The reason of an onvoldoende the rapport names: one that is not the default, or any
    /// when the verwachting has more than one.
    fn named_variant(&self, index: usize, data: &OordeelData) -> Option<&Variant> {
        match data.judgement(self.fw, index) {
            Judgement::NotMet { variant: Some(v) } => {
                let v = &self.fw.rules.variants[v];
                (!v.is_default || self.fw.variants_of(index).count() > 1).then_some(v)
            }
            _ => None,
        }
    }

    /// An oordeel as + / - (seed 003), the reason of an onvoldoende in brackets.
    pub(super) fn mark_label(&self, index: usize, data: &OordeelData) -> Text {
        match data.value {
            JudgementValue::Voldoende => Text::bold("+"),
            JudgementValue::NietBeoordeeld => Text::italic("niet beoordeeld"),
            JudgementValue::Onvoldoende => match self.named_variant(index, data) {
                Some(v) => Text::bold(format!("- ({})", v.id)),
                None => Text::bold("-"),
            },
        }
    }

    /// The oordeel of this round in its column of the seed-003 table.
    pub(super) fn mark_cell(&self, index: usize) -> Text {
        match self.shown(index) {
            Shown::Judged(r) => self.mark_label(index, &r.data),
            _ => self.cell_label(index),
        }
    }

    /// The oordeel of an earlier round in its column of the seed-003 table.
    pub(super) fn earlier_mark(&self, round: &Round, index: usize) -> Text {
        match self.fw.expectation(index).assessment {
            Assessment::Inventoried => return Text::italic("geïnventariseerd"),
            Assessment::NotAssessed => return Text::italic("niet beoordeeld"),
            Assessment::Judged => {}
        }
        let id = &self.fw.expectation(index).id;
        let Some(o) = round.oordelen.get(id) else {
            return Text::italic("geen oordeel");
        };
        match Judgement::parse(self.fw, index, &o.oordeel) {
            Ok(j) => self.mark_label(
                index,
                &OordeelData::from_judgement(self.fw, j, String::new()),
            ),
            // Written with another version of the kader: show what was recorded.
            Err(_) => Text::plain(o.oordeel.clone()),
        }
    }

    /// The earlier round's oordeel in a table cell.
    pub(super) fn earlier_label(&self, earlier: &EarlierRound, index: usize) -> Text {
        match self.fw.expectation(index).assessment {
            Assessment::Inventoried => return Text::italic("geïnventariseerd"),
            Assessment::NotAssessed => return Text::italic("niet beoordeeld"),
            Assessment::Judged => {}
        }
        let Some(text) = earlier.texts.get(&index) else {
            return Text::plain("–");
        };
        match Judgement::parse(self.fw, index, text) {
            Ok(j) => self.value_label(
                index,
                &OordeelData::from_judgement(self.fw, j, String::new()),
            ),
            // Written with another version of the kader: show what was recorded.
            Err(_) => Text::plain(text.clone()),
        }
    }
}
