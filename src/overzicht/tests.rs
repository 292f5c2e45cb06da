//! Unit tests of the overzicht: ranking, refusals, and that `compleet` follows
//! [`Inspection::status`] like the score JSON and the rapport.

use super::*;
use crate::domain::inspection::{Details, OordeelData, Record, Stamp};
use crate::kader_io;
use jiff::Timestamp;
use uuid::Uuid;

fn inspection(kader: &str, organisatie: &str, failed: &[&str]) -> Inspection {
    let fw = kader_io::builtin(kader).expect("built-in kader").clone();
    let at = Timestamp::UNIX_EPOCH;
    let mut i = Inspection::new(Uuid::now_v7(), fw, at);
    let author = i.add_inspector("E. Voorbeeld");
    let stamp = || Stamp {
        rev: Uuid::now_v7(),
        at,
    };
    let details = i.change(
        &i.details_id(),
        Record::Details(Details {
            organisatie: organisatie.into(),
            ..Details::default()
        }),
        author,
        stamp(),
    );
    i.apply(details);
    let ids: Vec<String> = scored_ids(&i).into_iter().map(str::to_string).collect();
    for id in ids {
        let text = failed
            .iter()
            .find_map(|f| {
                let (fid, variant) = f.split_once(':').unwrap_or((f, ""));
                (fid == id).then(|| {
                    if variant.is_empty() {
                        "onvoldoende".to_string()
                    } else {
                        format!("onvoldoende:{variant}")
                    }
                })
            })
            .unwrap_or_else(|| "voldoende".to_string());
        let data = OordeelData::parse(&i.framework, &id, &text, String::new()).unwrap();
        let change = i.change(&id, Record::Oordeel(data), author, stamp());
        i.apply(change);
    }
    i
}

#[test]
fn ranks_by_verdict_then_met_then_name() {
    let a = inspection("vt-2016-stap2", "Veilig Thuis Zeeland", &["1.5.3"]);
    let b = inspection("vt-2016-stap2", "Veilig Thuis Amstelland", &["1.5.3"]);
    let c = inspection("vt-2016-stap2", "Veilig Thuis Brabant", &[]);
    let d = inspection(
        "vt-2016-stap2",
        "Veilig Thuis Wachtend",
        &["2.1.1:wachtlijst"],
    );
    let paths = ["a", "b", "c", "d"].map(Path::new);
    let o = build(&[
        (paths[0], &a),
        (paths[1], &b),
        (paths[2], &c),
        (paths[3], &d),
    ])
    .unwrap();
    let names: Vec<&str> = o
        .organisaties
        .iter()
        .map(|r| r.organisatie.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "Veilig Thuis Brabant",
            "Veilig Thuis Amstelland",
            "Veilig Thuis Zeeland",
            "Veilig Thuis Wachtend"
        ]
    );
    let wachtend = &o.organisaties[3];
    assert!(wachtend.wachtlijst);
    assert_eq!(wachtend.eindoordeel, Verdict::MATIG);
    assert_eq!(wachtend.onvoldoende_verwachtingen, ["2.1.1"]);
    assert!(!o.organisaties[0].wachtlijst);
    assert_eq!(o.organisaties[3].positie, 4);
    assert_eq!(o.verwachtingen.len(), 30);
    let col = o
        .verwachtingen
        .iter()
        .position(|k| k.id == "1.5.3")
        .unwrap();
    assert_eq!(o.per_verwachting[col].onvoldoende, 2);
    assert_eq!(o.per_verwachting[col].voldoende, 2);
    assert_eq!(
        o.eindoordelen,
        EindoordeelTelling {
            voldoende: 3,
            matig: 1,
            onvoldoende: 0,
            nog_geen_oordeel: 0,
            per_eindoordeel: vec![
                EindoordeelAantal {
                    eindoordeel: "voldoende".into(),
                    naam: "voldoende".into(),
                    aantal: 3,
                },
                EindoordeelAantal {
                    eindoordeel: "matig".into(),
                    naam: "matig".into(),
                    aantal: 1,
                },
            ],
        }
    );
    let json = serde_json::to_value(&o).unwrap();
    assert_eq!(json["organisaties"][3]["eindoordeel"], "matig");
    assert_eq!(json["organisaties"][0]["oordelen"][col], "voldoende");
    assert_eq!(json["organisaties"][1]["oordelen"][col], "onvoldoende");
    let wl = o
        .verwachtingen
        .iter()
        .position(|k| k.id == "2.1.1")
        .unwrap();
    assert_eq!(
        json["organisaties"][3]["oordelen"][wl],
        "onvoldoende:wachtlijst"
    );
}

#[test]
fn refuses_mixed_kaders_and_duplicate_onderzoeken() {
    let a = inspection("vt-2016-stap2", "A", &[]);
    let b = inspection("vt-2015-stap1", "B", &[]);
    let err = build(&[
        (Path::new("a.veldtoets"), &a),
        (Path::new("b.veldtoets"), &b),
    ])
    .unwrap_err();
    assert!(matches!(err, OverzichtError::MixedKader { .. }), "{err}");
    assert!(err.to_string().contains("b.veldtoets"), "{err}");
    let err = build(&[
        (Path::new("a.veldtoets"), &a),
        (Path::new("a2.veldtoets"), &a),
    ])
    .unwrap_err();
    assert!(matches!(err, OverzichtError::SameOnderzoek { .. }), "{err}");
    assert!(err.to_string().contains("veldtoets merge"), "{err}");
    assert_eq!(build(&[]).unwrap_err(), OverzichtError::Empty);
}

#[test]
fn compleet_follows_the_status_everywhere() {
    use crate::domain::status::Status;
    use crate::json::ScoreJson;
    use crate::report::{ReportOptions, build as rapport};

    let date = jiff::civil::date(2026, 10, 20);
    let agree = |i: &Inspection| {
        let status = i.status();
        let o = build(&[(Path::new("x.veldtoets"), i)]).unwrap();
        let row = &o.organisaties[0];
        assert_eq!(row.compleet, status.is_final(), "{status:?}");
        assert_eq!(row.nog_geen_oordeel, status.is_no_judgement(), "{status:?}");
        assert_eq!(ScoreJson::of_inspection(i).compleet, status.is_final());
        let meta = rapport(i, &ReportOptions::new(false, date)).meta;
        assert_eq!(meta.provisional, !status.is_final(), "{status:?}");
        status
    };

    let mut i = inspection("vt-2016-stap2", "Veilig Thuis Heel", &["1.5.3"]);
    assert_eq!(agree(&i), Status::Final(Verdict::VOLDOENDE));

    // Concurrent, different oordelen on the inventoried 1.4.4: the score is complete, the
    // eindoordeel is not final.
    let oordeel = |i: &Inspection, value: &str| {
        Record::Oordeel(OordeelData::parse(&i.framework, "1.4.4", value, String::new()).unwrap())
    };
    let stamp = || Stamp {
        rev: Uuid::now_v7(),
        at: Timestamp::UNIX_EPOCH,
    };
    let a = i.add_inspector("A");
    let b = i.add_inspector("B");
    let first = i.change("1.4.4", oordeel(&i, "voldoende"), a, stamp());
    let second = i.change("1.4.4", oordeel(&i, "onvoldoende"), b, stamp());
    i.apply(first);
    i.apply(second);
    let status = agree(&i);
    assert!(
        matches!(status, Status::Provisional(v, _) if v == Verdict::VOLDOENDE),
        "{status:?}"
    );
    assert_eq!(status.conflicts(), ["1.4.4"]);
    assert!(status.not_judged().is_empty());

    // Nothing judged: no eindoordeel at all; every scored verwachting is named.
    let fw = kader_io::builtin("vt-2016-stap2").unwrap().clone();
    let empty = Inspection::new(Uuid::now_v7(), fw, Timestamp::UNIX_EPOCH);
    let status = agree(&empty);
    assert!(status.is_no_judgement(), "{status:?}");
    assert_eq!(status.verdict(), None);
    assert_eq!(status.not_judged().len(), 30);
}

// ---------------------------------------------------------------------------------------------
// The bar charts of chapter 4 (issue 13 item 8)

mod charts {
    use super::*;
    use crate::overzicht::pdf::chart::{
        BAR_W, BAR_X, Chart, ROW_H, bar_length, height, parts, percent, rows_per_figure, x_at,
    };
    use crate::report::{Align, Block, Figure, Shape, Style, Tone};

    /// An overzicht of organisations `(name, share within triage)` with `norm` on triage,
    /// built from a real one so every other field is filled in.
    fn overzicht(orgs: &[(&str, Option<f64>)], norm: Option<u32>) -> Overzicht {
        let template = inspection("vt-2016-stap2", "Sjabloon", &[]);
        let mut o = build(&[(Path::new("sjabloon.veldtoets"), &template)]).unwrap();
        let row = o.organisaties[0].clone();
        o.termijnen[0].norm = norm;
        o.organisaties = orgs
            .iter()
            .enumerate()
            .map(|(i, &(name, share))| {
                let mut r = row.clone();
                r.positie = i + 1;
                r.organisatie = name.to_string();
                r.bestand = format!("{i}.veldtoets");
                r.tijdigheid[0].aandeel_binnen = share;
                r.tijdigheid[0].norm_gehaald =
                    norm.zip(share).map(|(n, x)| x * 100.0 >= f64::from(n));
                r
            })
            .collect();
        let t = &mut o.per_termijn[0];
        t.norm = norm;
        let triage = |r: &Rij| r.tijdigheid[0].norm_gehaald;
        t.gehaald = o
            .organisaties
            .iter()
            .filter(|r| triage(r) == Some(true))
            .count() as u32;
        t.niet_gehaald = o
            .organisaties
            .iter()
            .filter(|r| triage(r) == Some(false))
            .count() as u32;
        t.onbekend = o
            .organisaties
            .iter()
            .filter(|r| triage(r).is_none())
            .count() as u32;
        o
    }

    /// Organisations with their share within triage.
    type Orgs<'a> = &'a [(&'a str, Option<f64>)];

    fn labels(chart: &Chart) -> Vec<&str> {
        chart.bars.iter().map(|b| b.label.as_str()).collect()
    }

    #[test]
    fn bars_go_best_first_ties_by_name_and_no_data_last() {
        let cases: [(Orgs, &[&str]); 4] = [
            (
                &[("B", Some(0.5)), ("A", Some(0.9)), ("C", Some(0.7))],
                &["A", "C", "B"],
            ),
            // Equal shares by name (case-insensitive), whatever the ranking.
            (
                &[
                    ("zuid", Some(0.8)),
                    ("Noord", Some(0.8)),
                    ("Oost", Some(1.0)),
                ],
                &["Oost", "Noord", "zuid"],
            ),
            // No data last, by name; 0% is data and comes before them.
            (
                &[
                    ("X", None),
                    ("W", None),
                    ("V", Some(0.0)),
                    ("U", Some(0.25)),
                ],
                &["U", "V", "W", "X"],
            ),
            (&[], &[]),
        ];
        for (orgs, expected) in cases {
            let chart = Chart::of(&overzicht(orgs, Some(80)), 0);
            assert_eq!(labels(&chart), expected, "{orgs:?}");
        }
    }

    #[test]
    fn bar_lengths_and_the_axis_scale_with_the_share() {
        let cases = [
            (0.0, 0.0),
            (0.25, BAR_W / 4.0),
            (0.5, BAR_W / 2.0),
            (1.0, BAR_W),
            (1.3, BAR_W),
            (-0.2, 0.0),
        ];
        for (share, length) in cases {
            assert!((bar_length(share) - length).abs() < 1e-3, "{share}");
        }
        assert_eq!(x_at(0.0), BAR_X);
        assert!((x_at(80.0) - (BAR_X + 0.8 * BAR_W)).abs() < 1e-3);
        assert!(
            x_at(100.0) < Figure::WIDTH - 30.0,
            "room for '100%' after a full bar"
        );
        for (share, text) in [(0.0, "0%"), (0.925, "93%"), (0.794, "79%"), (1.0, "100%")] {
            assert_eq!(percent(share), text);
        }
    }

    #[test]
    fn the_norm_count_is_the_chapters_figure() {
        let cases: [(Orgs, Option<u32>, Option<&str>); 4] = [
            (
                &[("A", Some(0.92)), ("B", Some(0.75)), ("C", None)],
                Some(80),
                Some("1 van 3 organisaties ≥ 80% (1 zonder gegevens)"),
            ),
            (
                &[("A", Some(0.8)), ("B", Some(0.81))],
                Some(80),
                Some("2 van 2 organisaties ≥ 80%"),
            ),
            (
                &[("A", Some(0.5))],
                Some(60),
                Some("0 van 1 organisatie ≥ 60%"),
            ),
            (&[("A", Some(0.5))], None, None),
        ];
        for (orgs, norm, expected) in cases {
            let o = overzicht(orgs, norm);
            let chart = Chart::of(&o, 0);
            assert_eq!(chart.norm_count().as_deref(), expected, "{orgs:?}");
            assert_eq!(
                (chart.gehaald, chart.niet_gehaald, chart.onbekend),
                (
                    o.per_termijn[0].gehaald,
                    o.per_termijn[0].niet_gehaald,
                    o.per_termijn[0].onbekend
                )
            );
        }
    }

    #[test]
    fn the_caption_and_alt_text_say_it_in_words() {
        let o = overzicht(
            &[
                ("Veilig Thuis B", Some(0.75)),
                ("Veilig Thuis A", Some(0.92)),
                ("Veilig Thuis C", None),
            ],
            Some(80),
        );
        let figures = Chart::of(&o, 0).figures(1);
        assert_eq!(figures.len(), 1);
        let f = &figures[0];
        let naam = &o.termijnen[0].naam;
        assert_eq!(
            f.caption.plain_text(),
            format!(
                "Figuur 1 – {naam}: aandeel binnen de termijn per organisatie, van hoog naar laag. 1 van 3 organisaties ≥ 80% (1 zonder gegevens)."
            )
        );
        assert_eq!(
            f.alt,
            format!(
                "Staafdiagram: aandeel binnen termijn per organisatie, {naam}, van hoog naar laag. Veilig Thuis A 92%, Veilig Thuis B 75%, Veilig Thuis C geen gegevens; norm 80%; 1 van 3 organisaties haalt de norm (1 zonder gegevens)."
            )
        );
        let plain = Chart::of(&overzicht(&[("A", Some(0.5)), ("B", Some(0.6))], None), 0);
        let f = &plain.figures(2)[0];
        assert!(
            f.caption
                .plain_text()
                .ends_with("Het kader stelt voor deze termijn geen norm."),
            "{}",
            f.caption.plain_text()
        );
        assert!(
            f.alt.ends_with("B 60%, A 50%; het kader stelt geen norm."),
            "{}",
            f.alt
        );
    }

    #[test]
    fn the_drawing_has_bars_numbers_axis_and_norm_line() {
        let o = overzicht(
            &[
                ("Boven", Some(0.9)),
                ("Onder", Some(0.5)),
                ("Leeg", None),
                ("Nul", Some(0.0)),
            ],
            Some(80),
        );
        let f = &Chart::of(&o, 0).figures(1)[0];
        assert_eq!(f.height, height(4, true));
        let texts: Vec<(&str, Style)> = f
            .shapes
            .iter()
            .filter_map(|s| match s {
                Shape::Label { text, style, .. } => Some((text.as_str(), *style)),
                _ => None,
            })
            .collect();
        for expected in [
            ("Boven", Style::Regular),
            ("90%", Style::Regular),
            ("Onder", Style::Regular),
            ("50%", Style::Bold),
            ("Nul", Style::Regular),
            ("0%", Style::Bold),
            ("Leeg", Style::Regular),
            ("geen gegevens", Style::Italic),
            ("norm 80%", Style::Bold),
        ] {
            assert!(texts.contains(&expected), "{expected:?} in {texts:?}");
        }
        for tick in ["0%", "20%", "40%", "60%", "80%", "100%"] {
            assert!(texts.iter().any(|(t, _)| *t == tick), "{tick}");
        }
        // One bar each for Boven and Onder: solid above the norm, light with an edge below.
        let bars: Vec<(f32, f32, Option<Tone>, Option<Tone>)> = f
            .shapes
            .iter()
            .filter_map(|s| match *s {
                Shape::Rect {
                    y, w, fill, stroke, ..
                } if y < height(4, false) - 20.0 => Some((y, w, fill, stroke)),
                _ => None,
            })
            .collect();
        assert_eq!(bars.len(), 2, "no bar for 0% or for no data: {bars:?}");
        assert!((bars[0].1 - 0.9 * BAR_W).abs() < 1e-3);
        assert_eq!((bars[0].2, bars[0].3), (Some(Tone::Accent), None));
        assert!((bars[1].1 - 0.5 * BAR_W).abs() < 1e-3);
        assert_eq!(
            (bars[1].2, bars[1].3),
            (Some(Tone::Attention), Some(Tone::AttentionEdge))
        );
        assert!(
            (bars[1].0 - bars[0].0 - ROW_H).abs() < 1e-3,
            "one row apart"
        );
        // The norm: one dashed line at 80%; names right-aligned before the bars.
        let dashed: Vec<f32> = f
            .shapes
            .iter()
            .filter_map(|s| match *s {
                Shape::Line {
                    x1,
                    x2,
                    dash: Some(_),
                    ..
                } if x1 == x2 => Some(x1),
                _ => None,
            })
            .collect();
        assert_eq!(dashed, [x_at(80.0)]);
        assert!(f.shapes.iter().any(|s| matches!(
            s,
            Shape::Label { text, align: Align::Right, x, .. } if text == "Boven" && *x < BAR_X
        )));
        // Everything inside the figure.
        for s in &f.shapes {
            let (x, y) = match *s {
                Shape::Rect { x, y, w, h, .. } => (x + w, y + h),
                Shape::Line { x2, y2, .. } => (x2, y2),
                Shape::Label { x, y, .. } => (x, y),
            };
            assert!(
                (0.0..=Figure::WIDTH).contains(&x) && (0.0..=f.height).contains(&y),
                "{s:?}"
            );
        }
        // Without a norm: no line, no legend, every bar solid.
        let f = &Chart::of(&overzicht(&[("A", Some(0.3))], None), 0).figures(1)[0];
        assert_eq!(f.height, height(1, false));
        assert!(
            !f.shapes
                .iter()
                .any(|s| matches!(s, Shape::Line { dash: Some(_), .. }))
        );
        assert!(!f.shapes.iter().any(|s| matches!(
            s,
            Shape::Rect {
                stroke: Some(_),
                ..
            }
        )));
    }

    #[test]
    fn long_charts_are_split_in_even_parts_that_fit_a_page() {
        let cases: [(usize, usize, &[usize]); 7] = [
            (0, 39, &[0]),
            (1, 39, &[1]),
            (30, 39, &[30]),
            (39, 39, &[39]),
            (40, 39, &[20, 20]),
            (45, 39, &[23, 22]),
            (100, 39, &[34, 33, 33]),
        ];
        for (n, max, sizes) in cases {
            let ranges = parts(n, max);
            let lens: Vec<usize> = ranges.iter().map(|r| r.len()).collect();
            assert_eq!(lens, sizes, "{n} in parts of {max}");
            assert_eq!(ranges.first().map(|r| r.start), Some(0));
            assert!(ranges.windows(2).all(|w| w[0].end == w[1].start));
            assert_eq!(ranges.last().map(|r| r.end), Some(n));
        }
        assert!(rows_per_figure() >= 30, "30 organisations in one figure");
        assert!(height(rows_per_figure(), true) <= Figure::MAX_HEIGHT);
        assert!(height(rows_per_figure() + 1, true) > Figure::MAX_HEIGHT);

        // 85 organisations: three figures, every organisation once, each figure fits.
        let names: Vec<String> = (0..85).map(|i| format!("Veilig Thuis {i:02}")).collect();
        let orgs: Vec<(&str, Option<f64>)> = names
            .iter()
            .enumerate()
            .map(|(i, n)| (n.as_str(), (i % 7 != 0).then_some(i as f64 / 85.0)))
            .collect();
        let chart = Chart::of(&overzicht(&orgs, Some(80)), 0);
        let figures = chart.figures(3);
        assert_eq!(figures.len(), 3);
        for (i, f) in figures.iter().enumerate() {
            assert!(f.height <= Figure::MAX_HEIGHT, "{}", f.height);
            let caption = f.caption.plain_text();
            assert!(
                caption.starts_with(&format!("Figuur 3 (deel {} van 3) – ", i + 1)),
                "{caption}"
            );
            assert!(
                f.alt.contains(&format!("(deel {} van 3)", i + 1)),
                "{}",
                f.alt
            );
            assert!(
                f.alt.contains(
                    "norm 80%; 14 van 85 organisaties halen de norm (13 zonder gegevens)"
                ),
                "{}",
                f.alt
            );
        }
        let shown: Vec<&str> = figures
            .iter()
            .flat_map(|f| &f.shapes)
            .filter_map(|s| match s {
                Shape::Label {
                    text,
                    align: Align::Right,
                    ..
                } => Some(text.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(shown, labels(&chart), "every organisation once, in order");
    }

    #[test]
    fn chapter_4_has_a_figure_per_termijn_with_figures() {
        let o = overzicht(&[("A", Some(0.9)), ("B", None)], Some(80));
        let report = crate::overzicht::report(&o, jiff::civil::date(2026, 10, 20));
        let chapter = report.sections.last().unwrap();
        assert_eq!(chapter.title, "Tijdigheid en wachtlijst");
        let figures: Vec<&Figure> = chapter
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Figure(f) => Some(f),
                _ => None,
            })
            .collect();
        // Only triage has a share; the other termijnen are named instead.
        assert_eq!(figures.len(), 1);
        assert!(figures[0].alt.contains("A 90%, B geen gegevens; norm 80%"));
        let text = report.to_text();
        assert!(
            text.contains("Geen figuur voor start onderzoek, afronding onderzoek, vervolgtraject"),
            "{text}"
        );
        assert!(text.contains("[alt] Staafdiagram: "), "{text}");
        // The table prints the same percentages.
        assert!(text.contains("| A | 90% |"), "{text}");

        // Renders, with the figures.
        let bytes = crate::overzicht::pdf(&o, jiff::civil::date(2026, 10, 20)).unwrap();
        assert!(bytes.starts_with(b"%PDF-"));
    }

    #[test]
    fn no_chart_without_any_share() {
        let o = overzicht(&[("A", None)], Some(80));
        assert!(!Chart::of(&o, 0).has_data());
        let report = crate::overzicht::report(&o, jiff::civil::date(2026, 10, 20));
        let blocks = &report.sections.last().unwrap().blocks;
        assert!(!blocks.iter().any(|b| matches!(b, Block::Figure(_))));
        assert!(!report.to_text().contains("De figuren tonen"));
    }
}
