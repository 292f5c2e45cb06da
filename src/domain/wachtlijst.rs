//! The wachtlijst per zaak (issue 13 item 4; seed 004, "Aanhoudende onveiligheid tijdens het
//! wachten op Veilig Thuis"): the waiting cases — a pseudonymous number, the melding date, the
//! priority and what the household waits for (the veiligheidsbeoordeling, an onderzoek or
//! Voorwaarden & Vervolg) — each with its contacts about safety while it waits (date, with whom
//! by function, never a name). From them the figures of "zicht op veiligheid": how many wait,
//! the longest wait, and the share with a contact in the last N days before the peildatum (N from
//! the kader). The four summary facts of the wachtlijst record (aantal, oudste, peildatum,
//! notitie) stay as they are.

use jiff::civil::Date;

use super::inspection::Inspection;
use super::kinds::{ContactData, WachtzaakData};
use super::record::{Kinded, Revision};

/// How many days before the peildatum a contact still counts as zicht op veiligheid when the
/// kader does not say (`[wachtlijst] contact_binnen_dagen`).
pub const DEFAULT_CONTACT_DAYS: u32 = 30;

/// What a waiting household waits for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, PartialOrd, Ord, Hash)]
pub enum WachtOp {
    #[default]
    Veiligheidsbeoordeling,
    Onderzoek,
    /// The dienst Voorwaarden & Vervolg.
    VoorwaardenEnVervolg,
}

impl WachtOp {
    pub const ALL: [WachtOp; 3] = [
        WachtOp::Veiligheidsbeoordeling,
        WachtOp::Onderzoek,
        WachtOp::VoorwaardenEnVervolg,
    ];

    /// The token in the file, on the command line and in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            WachtOp::Veiligheidsbeoordeling => "veiligheidsbeoordeling",
            WachtOp::Onderzoek => "onderzoek",
            WachtOp::VoorwaardenEnVervolg => "vv",
        }
    }

    /// For the rapport and the screen.
    pub fn label(self) -> &'static str {
        match self {
            WachtOp::Veiligheidsbeoordeling => "veiligheidsbeoordeling",
            WachtOp::Onderzoek => "onderzoek",
            WachtOp::VoorwaardenEnVervolg => "Voorwaarden & Vervolg",
        }
    }

    pub fn parse(s: &str) -> Option<WachtOp> {
        WachtOp::ALL.into_iter().find(|w| w.as_str() == s)
    }
}

/// The priority the organisation gave the melding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, PartialOrd, Ord, Hash)]
pub enum Prioriteit {
    Hoog,
    #[default]
    Normaal,
}

impl Prioriteit {
    pub const ALL: [Prioriteit; 2] = [Prioriteit::Hoog, Prioriteit::Normaal];

    pub fn as_str(self) -> &'static str {
        match self {
            Prioriteit::Hoog => "hoog",
            Prioriteit::Normaal => "normaal",
        }
    }

    pub fn parse(s: &str) -> Option<Prioriteit> {
        Prioriteit::ALL.into_iter().find(|p| p.as_str() == s)
    }
}

/// One waiting case with its contacts, as of the peildatum.
#[derive(Debug, Clone)]
pub struct WaitingCase<'a> {
    pub zaak: &'a Revision<WachtzaakData>,
    /// Its live contacts, oldest first.
    pub contacts: Vec<&'a Revision<ContactData>>,
    /// Days from the melding to the peildatum (`None` without either date).
    pub waiting_days: Option<i64>,
    /// The latest contact on or before the peildatum.
    pub last_contact: Option<Date>,
    /// A contact within the last N days before the peildatum: zicht op veiligheid.
    pub in_sight: bool,
}

/// The figures of the wachtlijst per zaak.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct WaitlistFigures {
    pub waiting: usize,
    /// Per kind of wait, how many.
    pub by_kind: Vec<(WachtOp, usize)>,
    /// The longest wait in days at the peildatum, and the melding date of that case.
    pub longest: Option<(i64, Date)>,
    /// Cases with a contact in the last `days` days before the peildatum.
    pub in_sight: usize,
    pub days: u32,
    /// The peildatum the figures are taken at.
    pub peildatum: Option<Date>,
}

impl WaitlistFigures {
    /// The share of waiting cases with a recent contact, 0.0..=1.0.
    pub fn share_in_sight(&self) -> Option<f64> {
        (self.waiting > 0).then(|| self.in_sight as f64 / self.waiting as f64)
    }
}

impl Inspection {
    /// How many days back a contact counts as zicht op veiligheid (kader, else the default).
    pub fn contact_days(&self) -> u32 {
        self.framework.contact_days.unwrap_or(DEFAULT_CONTACT_DAYS)
    }

    /// The live waiting cases with their contacts, longest waiting first (then by number).
    pub fn waiting_cases(&self) -> Vec<WaitingCase<'_>> {
        let peil = self.peildatum();
        let days = i64::from(self.contact_days());
        let mut out: Vec<WaitingCase<'_>> = WachtzaakData::records(self)
            .current()
            .map(|zaak| {
                let mut contacts: Vec<&Revision<ContactData>> = ContactData::records(self)
                    .current()
                    .filter(|c| c.data.zaak == zaak.meta.entity)
                    .collect();
                contacts.sort_by_key(|c| (c.data.datum, c.meta.entity.clone()));
                let last_contact = contacts
                    .iter()
                    .filter_map(|c| c.data.datum)
                    .filter(|d| peil.is_none_or(|p| *d <= p))
                    .max();
                let waiting_days = zaak
                    .data
                    .melding
                    .zip(peil)
                    .map(|(m, p)| (p - m).get_days().into());
                let in_sight = match (last_contact, peil) {
                    (Some(c), Some(p)) => i64::from((p - c).get_days()) <= days,
                    _ => false,
                };
                WaitingCase {
                    zaak,
                    contacts,
                    waiting_days,
                    last_contact,
                    in_sight,
                }
            })
            .collect();
        out.sort_by(|a, b| {
            b.waiting_days
                .cmp(&a.waiting_days)
                .then_with(|| a.zaak.data.nummer.cmp(&b.zaak.data.nummer))
        });
        out
    }

    /// The figures over the waiting cases at the peildatum.
    pub fn waitlist_figures(&self) -> WaitlistFigures {
        let cases = self.waiting_cases();
        let by_kind = WachtOp::ALL
            .into_iter()
            .map(|k| {
                (
                    k,
                    cases.iter().filter(|c| c.zaak.data.wacht_op == k).count(),
                )
            })
            .filter(|(_, n)| *n > 0)
            .collect();
        let longest = cases
            .iter()
            .filter_map(|c| c.waiting_days.zip(c.zaak.data.melding))
            .max_by_key(|(d, _)| *d);
        WaitlistFigures {
            waiting: cases.len(),
            by_kind,
            longest,
            in_sight: cases.iter().filter(|c| c.in_sight).count(),
            days: self.contact_days(),
            peildatum: self.peildatum(),
        }
    }

    /// The live waiting case with this number (trimmed, case-insensitive).
    pub fn waiting_case_by_number(&self, nummer: &str) -> Option<&Revision<WachtzaakData>> {
        let wanted = nummer.trim().to_lowercase();
        WachtzaakData::records(self)
            .current()
            .find(|z| z.data.nummer.trim().to_lowercase() == wanted)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_round_trip() {
        for w in WachtOp::ALL {
            assert_eq!(WachtOp::parse(w.as_str()), Some(w));
        }
        for p in Prioriteit::ALL {
            assert_eq!(Prioriteit::parse(p.as_str()), Some(p));
        }
        assert_eq!(WachtOp::parse("triage"), None);
    }
}
