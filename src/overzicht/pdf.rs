//! The landelijk overzicht as a report model for [`crate::report`]'s renderer (the PDF of
//! `veldtoets overzicht --pdf`): the ranking, the matrix, the counts per verwachting and, for a
//! kader with termijnen, the tijdigheid with a bar chart per termijn ([`chart`]).

use jiff::civil::Date;

use crate::report::{
    Block, Column, Report, ReportError, ReportMeta, Row, RowKind, Section, Table, Text, TitlePage,
    count, format_date_long, render_pdf,
};

use super::{Cel, Overzicht, Rij};

pub(super) mod chart;

/// The organisation's name, or its file when the onderzoek has no organisation filled in yet.
fn named(r: &Rij) -> &str {
    match r.organisatie.trim() {
        "" => r.bestand.as_str(),
        name => name,
    }
}

/// How many verwachtingen one matrix table shows side by side (more do not fit across A4).
const MATRIX_COLUMNS: usize = 10;

/// The overzicht as a report model: the ranking, the matrix (in tables of at most ten
/// verwachtingen) and the counts per verwachting, dated `date`. Pure and deterministic.
pub fn report(overzicht: &Overzicht, date: Date) -> Report {
    let o = overzicht;
    let provisional = o.organisaties.iter().any(|r| !r.compleet);
    // Organisations without any oordeel get their own notice below.
    let incomplete: Vec<&Rij> = o
        .organisaties
        .iter()
        .filter(|r| !r.compleet && !r.nog_geen_oordeel)
        .collect();
    let mut notices = Vec::new();
    if !incomplete.is_empty() {
        notices.push(format!(
            "Voorlopig: van {} organisatie{} is nog niet elke verwachting beoordeeld of is een conflict niet opgelost ({}).",
            incomplete.len(),
            if incomplete.len() == 1 { "" } else { "s" },
            incomplete
                .iter()
                .map(|r| named(r))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    let without: Vec<&str> = o
        .organisaties
        .iter()
        .filter(|r| r.nog_geen_oordeel)
        .map(named)
        .collect();
    let choice = o.is_choice();
    if !without.is_empty() && choice {
        notices.push(format!(
            "Nog geen eindoordeel: voor {} hebben de inspecteurs nog geen eindoordeel gekozen ({}); {} achteraan in de rangschikking.",
            if without.len() == 1 {
                "1 organisatie".to_string()
            } else {
                format!("{} organisaties", without.len())
            },
            without.join(", "),
            if without.len() == 1 { "zij staat" } else { "zij staan" },
        ));
    } else if !without.is_empty() {
        notices.push(format!(
            "Nog geen oordeel: van {} is nog geen enkele verwachting beoordeeld ({}); {} geen eindoordeel en {} achteraan in de rangschikking.",
            if without.len() == 1 {
                "1 organisatie".to_string()
            } else {
                format!("{} organisaties", without.len())
            },
            without.join(", "),
            if without.len() == 1 { "zij heeft" } else { "zij hebben" },
            if without.len() == 1 { "staat" } else { "staan" },
        ));
    }
    let e = &o.eindoordelen;

    // Under keuze nothing is counted: the ranking is the chosen eindoordeel alone.
    let mut columns = vec![
        Column::new("Nr.", 0.5).right(),
        Column::new("Organisatie", 3.6),
    ];
    if !choice {
        columns.extend([
            Column::new("Voldoende", 1.3).right(),
            Column::new("Onvoldoende", 1.5).right(),
            Column::new("Wachtlijst", 1.3).center(),
        ]);
    }
    columns.push(Column::new("Eindoordeel", if choice { 6.5 } else { 2.4 }));
    let mut ranking = Table {
        columns,
        header: true,
        rows: o
            .organisaties
            .iter()
            .map(|r| {
                let mut cells = vec![
                    Text::plain(r.positie.to_string()),
                    Text::plain(r.organisatie.clone()),
                ];
                if !choice {
                    cells.extend([
                        Text::plain(r.voldoende.to_string()),
                        Text::plain(r.onvoldoende.to_string()),
                        Text::plain(if r.wachtlijst { "ja" } else { "nee" }),
                    ]);
                }
                cells.push(if r.nog_geen_oordeel && choice {
                    Text::italic("nog geen eindoordeel gekozen")
                } else if r.nog_geen_oordeel {
                    Text::italic("nog geen oordeel")
                } else if r.compleet {
                    Text::bold(r.eindoordeel.label())
                } else {
                    Text::bold(r.eindoordeel.label()).and(" (voorlopig)")
                });
                let row = Row::new(cells);
                if r.compleet {
                    row
                } else {
                    row.with_kind(RowKind::Attention)
                }
            })
            .collect(),
    };
    let mut total = vec![
        Text::new(),
        Text::plain(count(
            o.organisaties.len() as u64,
            "organisatie",
            "organisaties",
        )),
    ];
    if !choice {
        total.extend([
            Text::new(),
            Text::new(),
            Text::plain(
                o.organisaties
                    .iter()
                    .filter(|r| r.wachtlijst)
                    .count()
                    .to_string(),
            ),
        ]);
    }
    total.push(Text::plain(e.describe()));
    ranking.rows.push(Row::new(total).with_kind(RowKind::Total));

    let mut matrix_blocks = vec![Block::Paragraph(Text::plain(
        "Per organisatie (in de volgorde van de rangschikking) de verwachtingen waarop zij onvoldoende scoort, gemarkeerd met ×; een streepje betekent niet beoordeeld. De nummering van de verwachtingen volgt het toetsingskader.",
    ))];
    for (chunk, columns) in o.verwachtingen.chunks(MATRIX_COLUMNS).enumerate() {
        let offset = chunk * MATRIX_COLUMNS;
        let mut table_columns = vec![Column::new("Organisatie", 4.6)];
        table_columns.extend(
            columns
                .iter()
                .map(|k| Column::new(k.id.clone(), 1.0).center()),
        );
        let rows = o
            .organisaties
            .iter()
            .map(|r| {
                let mut cells = vec![Text::plain(r.organisatie.clone())];
                cells.extend(r.oordelen[offset..offset + columns.len()].iter().map(|c| {
                    Text::plain(match c {
                        Cel::Voldoende => "",
                        Cel::Onvoldoende { .. } => "×",
                        Cel::NietBeoordeeld => "–",
                    })
                }));
                Row::new(cells)
            })
            .collect();
        matrix_blocks.push(Block::Table(Table {
            columns: table_columns,
            header: true,
            rows,
        }));
    }

    let per_verwachting = Table {
        columns: vec![
            Column::new("Verwachting", 5.6),
            Column::new("Voldoende", 1.3).right(),
            Column::new("Onvoldoende", 1.5).right(),
            Column::new("Niet beoordeeld", 1.5).right(),
        ],
        header: true,
        rows: o
            .verwachtingen
            .iter()
            .zip(&o.per_verwachting)
            .map(|(k, t)| {
                Row::new(vec![
                    Text::bold(k.id.clone()).and(" ").and(k.tekst.clone()),
                    Text::plain(t.voldoende.to_string()),
                    Text::plain(t.onvoldoende.to_string()),
                    Text::plain(t.niet_beoordeeld.to_string()),
                ])
            })
            .collect(),
    };

    let title = format!("Landelijk overzicht {}", o.kader_titel);
    Report {
        meta: ReportMeta {
            title: title.clone(),
            subject: format!(
                "{} vergeleken met kader {}",
                count(o.organisaties.len() as u64, "organisatie", "organisaties"),
                o.kader
            ),
            author: o.inspectie.clone(),
            organisation: "Landelijk overzicht".to_string(),
            date,
            concept: false,
            provisional,
        },
        title_page: TitlePage {
            kind: "Landelijk overzicht".to_string(),
            title: o.kader_titel.clone(),
            subtitles: vec![format!("Kader {}", o.kader)],
            facts: vec![
                ("Organisaties".to_string(), o.organisaties.len().to_string()),
                ("Eindoordeel".to_string(), e.describe()),
                ("Datum".to_string(), format_date_long(date)),
            ],
            notices,
        },
        sections: vec![
            Section {
                number: Some("1".to_string()),
                title: "Eindoordeel per organisatie".to_string(),
                level: 1,
                blocks: vec![
                    Block::Paragraph(Text::plain(ranking_text(o, !without.is_empty()))),
                    Block::Table(ranking),
                ],
            },
            // Sections 2 and 3 exist only for a kader that scores verwachtingen.
            Section {
                number: Some("2".to_string()),
                title: "Onvoldoende verwachtingen per organisatie".to_string(),
                level: 1,
                blocks: matrix_blocks,
            },
            Section {
                number: Some("3".to_string()),
                title: "Score per verwachting".to_string(),
                level: 1,
                blocks: vec![
                    Block::Paragraph(Text::plain(
                        "Per verwachting het aantal organisaties dat voldoende en onvoldoende scoort.",
                    )),
                    Block::Table(per_verwachting),
                ],
            },
        ]
        .into_iter()
        .filter(|section| section.number.as_deref() == Some("1") || !o.verwachtingen.is_empty())
        .chain(timeliness(o))
        .collect(),
    }
}

/// The paragraph above the ranking: how it is ordered, in the kader's own eindoordelen.
fn ranking_text(o: &Overzicht, some_without: bool) -> String {
    let names = o.eindoordeel_namen.join(", ");
    if o.is_choice() {
        format!(
            "De organisaties zijn gerangschikt naar het eindoordeel dat de inspecteurs per organisatie kozen ({names}, van best naar slechtst) en bij een gelijk eindoordeel op alfabetische volgorde. Bij dit kader rekent veldtoets geen eindoordeel uit.{}",
            if some_without {
                " Een organisatie waarvoor nog geen eindoordeel is gekozen, staat achteraan."
            } else {
                ""
            }
        )
    } else {
        format!(
            "De organisaties zijn gerangschikt naar eindoordeel ({names}) en daarbinnen naar het aantal verwachtingen waaraan zij voldoen. Bij een gelijke score is gerangschikt op alfabetische volgorde. Een wachtlijst begrenst het eindoordeel volgens de beslisregels van het kader.{}",
            if some_without {
                " Een organisatie waarvan nog geen enkele verwachting is beoordeeld, heeft nog geen eindoordeel en staat achteraan."
            } else {
                ""
            }
        )
    }
}

/// Chapter 4, Tijdigheid en wachtlijst (a kader with termijnen): per organisation the share
/// within each termijn against its norm, the households waiting and the longest wait; per
/// termijn how many organisations reach the norm, in the shape of seed 004's figures, and a bar
/// chart of the shares (a termijn no organisation has figures for gets no chart).
fn timeliness(o: &Overzicht) -> Option<Section> {
    if o.termijnen.is_empty() {
        return None;
    }
    let mut blocks = vec![Block::Paragraph(Text::plain(
        "Per organisatie het aandeel dossiers binnen elke wettelijke termijn, berekend uit de dossierdata; een dossier zonder einddatum is gemeten tot de peildatum van dat onderzoek. Een aandeel onder de norm van het kader is gemarkeerd. Daarnaast het aantal wachtende huishoudens en de langste wachttijd op de peildatum.",
    ))];
    let counts: Vec<Text> = o
        .termijnen
        .iter()
        .zip(&o.per_termijn)
        .filter_map(|(k, t)| {
            let norm = k.norm?;
            Some(Text::plain(format!(
                "{}: {} van {} minimaal {norm}% binnen de termijn{}.",
                k.naam,
                t.gehaald,
                count(
                    u64::from(t.gehaald + t.niet_gehaald + t.onbekend),
                    "organisatie",
                    "organisaties"
                ),
                if t.onbekend > 0 {
                    format!(" ({} zonder cijfer)", t.onbekend)
                } else {
                    String::new()
                }
            )))
        })
        .collect();
    if !counts.is_empty() {
        blocks.push(Block::List(counts));
    }
    let mut columns = vec![Column::new("Organisatie", 2.8)];
    columns.extend(o.termijnen.iter().map(|k| {
        let short = k.id.replace('_', " ");
        let title = match k.norm {
            Some(n) => format!("{short} (norm {n}%)"),
            None => short,
        };
        Column::new(title, 1.6).right()
    }));
    columns.push(Column::new("Wachtend", 1.2).right());
    columns.push(Column::new("Langste wachttijd", 1.4).right());
    let rows = o
        .organisaties
        .iter()
        .map(|r| {
            let mut cells = vec![Text::plain(r.organisatie.clone())];
            let mut below = false;
            for t in &r.tijdigheid {
                let text = t
                    .aandeel_binnen
                    .map_or_else(|| "–".to_string(), chart::percent);
                if t.norm_gehaald == Some(false) {
                    below = true;
                    cells.push(Text::bold(format!("{text}*")));
                } else {
                    cells.push(Text::plain(text));
                }
            }
            cells.push(Text::plain(
                r.wachtend
                    .map_or_else(|| "–".to_string(), |n| n.to_string()),
            ));
            cells.push(Text::plain(
                r.langste_wachttijd_dagen
                    .map_or_else(|| "–".to_string(), |d| format!("{d} d")),
            ));
            let row = Row::new(cells);
            if below {
                row.with_kind(RowKind::Attention)
            } else {
                row
            }
        })
        .collect();
    blocks.push(Block::Table(Table {
        columns,
        header: true,
        rows,
    }));
    blocks.push(Block::Note(Text::plain(
        "* onder de norm van het kader. De termijnen (kolommen):",
    )));
    blocks.push(Block::List(
        o.termijnen
            .iter()
            .map(|k| {
                Text::bold(k.id.replace('_', " "))
                    .and(": ")
                    .and(k.naam.clone())
            })
            .collect(),
    ));
    blocks.extend(charts(o));
    Some(Section {
        number: Some("4".to_string()),
        title: "Tijdigheid en wachtlijst".to_string(),
        level: 1,
        blocks,
    })
}

/// The charts of chapter 4: a sentence on how to read them, then per termijn with figures a
/// bar chart (in parts when the organisations do not fit one page); the termijnen without any
/// figures are named instead.
fn charts(o: &Overzicht) -> Vec<Block> {
    let charts: Vec<chart::Chart> = (0..o.termijnen.len())
        .map(|i| chart::Chart::of(o, i))
        .collect();
    let without: Vec<String> = o
        .termijnen
        .iter()
        .zip(&charts)
        .filter(|(_, c)| !c.has_data())
        .map(|(k, _)| k.id.replace('_', " "))
        .collect();
    let mut blocks = Vec::new();
    if charts.iter().any(chart::Chart::has_data) {
        let norms = if charts.iter().any(|c| c.norm.is_some()) {
            " De gestreepte lijn is de norm van het kader. Een staaf die de norm haalt is donker; een staaf onder de norm is licht met een rand, en het percentage erbij is vet."
        } else {
            ""
        };
        blocks.push(Block::Paragraph(Text::plain(format!(
            "De figuren tonen per termijn het aandeel dossiers binnen de termijn per organisatie, van hoog naar laag.{norms} Een organisatie zonder dossiers waarvoor de termijn te berekenen is, staat onderaan met ‘geen gegevens’."
        ))));
    }
    if !without.is_empty() {
        blocks.push(Block::Paragraph(Text::plain(format!(
            "Geen figuur voor {}: van geen enkele organisatie zijn dossiers met deze termijn te berekenen.",
            without.join(", ")
        ))));
    }
    let mut number = 0;
    for chart in charts.iter().filter(|c| c.has_data()) {
        number += 1;
        blocks.extend(chart.figures(number).into_iter().map(Block::Figure));
    }
    blocks
}

/// The overzicht as PDF bytes: [`report`] rendered by [`crate::report::render_pdf`].
pub fn pdf(overzicht: &Overzicht, date: Date) -> Result<Vec<u8>, ReportError> {
    render_pdf(&report(overzicht, date))
}
