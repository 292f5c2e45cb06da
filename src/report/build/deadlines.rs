//! Chapter 3, Termijnen en wachtlijst: the termijnen computed from the dossiers, and the
//! wachtlijst at the time of the visit.

use crate::domain::inspection::Selection;
use crate::report::model::{Block, Column, Row, Section, Table, Text};
use crate::report::text::{count, format_date_long};

use super::Builder;

impl Builder<'_> {
    pub(super) fn deadlines(&self) -> Vec<Section> {
        let chapter = self.chapters.deadlines;
        let fw = self.fw;
        // A dossier number recorded twice (an unresolved duplicate) counts once.
        let dossiers = self.inspection.dossier_groups();
        let random = dossiers
            .iter()
            .filter(|group| group[0].data.selectie == Selection::Willekeurig)
            .count();
        let mut blocks = Vec::new();
        let mut out = vec![Section {
            number: Some(chapter.to_string()),
            title: "Termijnen en wachtlijst".to_string(),
            level: 1,
            blocks: vec![Block::Paragraph(Text::plain(
                "Dit hoofdstuk geeft de wettelijke termijnen zoals die uit het dossieronderzoek blijken, en de wachtlijst ten tijde van het bezoek. Het gaat om aantallen; het rapport noemt geen dossiers en geen personen.",
            ))],
        }];

        if fw.deadlines.is_empty() {
            blocks.push(Block::Paragraph(Text::plain(
                "Dit toetsingskader kent geen termijnen.",
            )));
        } else if dossiers.is_empty() {
            blocks.push(Block::Paragraph(Text::plain(
                "Er zijn geen dossiers onderzocht; de termijnen zijn niet berekend.",
            )));
        } else {
            let peil = self.inspection.peildatum().map_or_else(
                || "Zonder peildatum telt een dossier zonder einddatum als ‘onbekend’.".to_string(),
                |d| {
                    format!(
                        "Een dossier waarin de einddatum (nog) ontbreekt is ‘open’ en is gemeten tot de peildatum, {}: is de termijn dan al verstreken, dan telt het als te laat; anders telt het mee als nog niet binnen de termijn afgerond.",
                        format_date_long(d)
                    )
                },
            );
            blocks.push(Block::Paragraph(Text::plain(format!(
                "De inspecteurs hebben in {} ({} willekeurig en {} gericht geselecteerd) de data vastgelegd waarop de termijnen rusten. De termijnen zijn uit die data berekend. {peil} Een dossier waarin de begindatum ontbreekt of de data niet kunnen kloppen telt als ‘onbekend’ en niet mee in het aandeel binnen de termijn.",
                count(dossiers.len() as u64, "dossier", "dossiers"),
                random,
                dossiers.len() - random
            ))));
            let rows = fw
                .deadlines
                .iter()
                .zip(self.inspection.deadline_summaries())
                .map(|(def, s)| {
                    let share = s
                        .share_met()
                        .map_or_else(|| "–".to_string(), |x| format!("{}%", (x * 100.0).round()));
                    let open = s.open + s.open_missed;
                    Row::new(vec![
                        Text::plain(def.name.clone()),
                        Text::plain(def.expectations.join(", ")),
                        Text::plain(s.met.to_string()),
                        Text::plain(s.missed.to_string()),
                        Text::plain(if s.open_missed > 0 {
                            format!("{open} ({} te laat)", s.open_missed)
                        } else {
                            open.to_string()
                        }),
                        Text::plain(s.unknown.to_string()),
                        Text::bold(share),
                    ])
                })
                .collect();
            blocks.push(Block::Table(Table {
                columns: vec![
                    Column::new("Termijn", 32.0),
                    Column::new("Verwachting", 13.0),
                    Column::new("Binnen", 9.0).right(),
                    Column::new("Te laat", 9.0).right(),
                    Column::new("Open", 12.0).right(),
                    Column::new("Onbekend", 11.0).right(),
                    Column::new("Aandeel binnen", 14.0).right(),
                ],
                header: true,
                rows,
            }));
            // The basis of each share in words, where open dossiers change the count.
            let bases: Vec<Text> = fw
                .deadlines
                .iter()
                .zip(self.inspection.deadline_summaries())
                .filter(|(_, s)| s.open + s.open_missed > 0)
                .map(|(def, s)| Text::plain(format!("{}: {}.", def.name, s.describe())))
                .collect();
            let norms: Vec<Text> = self
                .inspection
                .norm_checks()
                .iter()
                .map(|c| {
                    let reached = match c.reached() {
                        Some(true) => "gehaald",
                        Some(false) => "niet gehaald",
                        None => "niet te bepalen",
                    };
                    let within = if c.deadline().is_some() {
                        " binnen de termijn"
                    } else {
                        ""
                    };
                    Text::plain(format!(
                        "{}: minimaal {}%{within} (verwachting {}): {reached}.",
                        c.name(),
                        c.norm.min_percent,
                        c.norm.expectations.join(", ")
                    ))
                })
                .collect();
            if !norms.is_empty() {
                blocks.push(Block::Paragraph(Text::bold(
                    "Normen van het toetsingskader:",
                )));
                blocks.push(Block::List(norms));
            }
            if !bases.is_empty() {
                blocks.push(Block::Note(Text::plain(
                    "Aandeel binnen: binnen de termijn afgerond, van alle dossiers waarvan de uitkomst bekend is of die nog open zijn. Per termijn met open dossiers:",
                )));
                blocks.push(Block::List(bases));
            }
        }
        out.push(Section {
            number: Some(format!("{chapter}.1")),
            title: "Termijnen".to_string(),
            level: 2,
            blocks,
        });

        let waitlist = self.inspection.waitlist.get(&self.inspection.waitlist_id());
        let text = match waitlist.map(|w| &w.data) {
            None => "Over een wachtlijst is niets vastgelegd.".to_string(),
            Some(w) => {
                let when = w
                    .peildatum
                    .map(|d| format!("Op {}", format_date_long(d)))
                    .unwrap_or_else(|| "Ten tijde van het bezoek".to_string());
                // What a melding waits for, in the words of the kader's dossier dates: the
                // Veilig Thuis kaders of 2015/2016 triage first, a kader of its own not said.
                let triage = self
                    .fw
                    .dates
                    .contains(&crate::domain::DateKind::TRIAGEBESLUIT);
                match w.aantal {
                    None => format!("{when} is het aantal wachtende meldingen niet vastgelegd."),
                    Some(0) if triage => {
                        format!("{when} was er geen wachtlijst voor triage of onderzoek.")
                    }
                    Some(0) => format!("{when} was er geen wachtlijst."),
                    Some(n) => {
                        let mut t = if triage {
                            format!(
                                "{when} {} op triage of onderzoek",
                                count(n, "melding wachtte", "meldingen wachtten")
                            )
                        } else {
                            format!(
                                "{when} {} op de wachtlijst",
                                count(n, "melding stond", "meldingen stonden")
                            )
                        };
                        if let Some(d) = w.oudste {
                            t.push_str(&format!(
                                "; de oudste wachtte sinds {}",
                                format_date_long(d)
                            ));
                        }
                        t.push('.');
                        t
                    }
                }
            }
        };
        let mut blocks = vec![Block::Paragraph(Text::plain(text))];
        blocks.extend(self.waiting_cases());
        out.push(Section {
            number: Some(format!("{chapter}.2")),
            title: "Wachtlijst".to_string(),
            level: 2,
            blocks,
        });
        out
    }
}

impl Builder<'_> {
    /// The wachtlijst per zaak, when the inspecteurs recorded it: how many households wait and
    /// for what, the longest wait, and zicht op veiligheid (a contact in the last N days before
    /// the peildatum), in counts only.
    fn waiting_cases(&self) -> Vec<Block> {
        let f = self.inspection.waitlist_figures();
        if f.waiting == 0 {
            return Vec::new();
        }
        let Some(peil) = f.peildatum else {
            return vec![Block::Paragraph(Text::plain(format!(
                "De inspecteurs hebben {} op de wachtlijst vastgelegd; zonder peildatum zijn de wachttijden niet te bepalen.",
                count(f.waiting as u64, "wachtende zaak", "wachtende zaken")
            )))];
        };
        let kinds: Vec<String> = f
            .by_kind
            .iter()
            .map(|(k, n)| format!("{n} op {}", k.label()))
            .collect();
        let mut text = format!(
            "Per zaak vastgelegd wachtten op {} {} ({})",
            format_date_long(peil),
            count(f.waiting as u64, "huishouden", "huishoudens"),
            kinds.join(", ")
        );
        if let Some((days, melding)) = f.longest {
            text.push_str(&format!(
                "; het langst wachtende sinds {} ({days} dagen)",
                format_date_long(melding)
            ));
        }
        text.push_str(&format!(
            ". Bij {} van de {} was er in de {} dagen voor de peildatum contact over de veiligheid (zicht op veiligheid); bij {} niet.",
            f.in_sight,
            f.waiting,
            f.days,
            f.waiting - f.in_sight
        ));
        let rows = crate::domain::wachtlijst::WachtOp::ALL
            .into_iter()
            .filter_map(|kind| {
                let cases: Vec<_> = self
                    .inspection
                    .waiting_cases()
                    .into_iter()
                    .filter(|c| c.zaak.data.wacht_op == kind)
                    .collect();
                if cases.is_empty() {
                    return None;
                }
                let longest = cases
                    .iter()
                    .filter_map(|c| c.waiting_days)
                    .max()
                    .map_or_else(|| "–".to_string(), |d| format!("{d} d"));
                let seen = cases.iter().filter(|c| c.in_sight).count();
                Some(Row::new(vec![
                    Text::plain(kind.label()),
                    Text::plain(cases.len().to_string()),
                    Text::plain(longest),
                    Text::plain(format!("{seen} van {}", cases.len())),
                ]))
            })
            .collect();
        vec![
            Block::Paragraph(Text::plain(text)),
            Block::Table(Table {
                columns: vec![
                    Column::new("Wacht op", 34.0),
                    Column::new("Wachtend", 14.0).right(),
                    Column::new("Langste wachttijd", 22.0).right(),
                    Column::new(
                        format!("Contact in laatste {} dagen", f.days).as_str(),
                        30.0,
                    )
                    .right(),
                ],
                header: true,
                rows,
            }),
        ]
    }
}
