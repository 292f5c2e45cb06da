//! The PDF rapport: the report model of the demo inspection as a snapshot, and the rendered PDF
//! read back in-process with lopdf (sections, every verwachting, watermark only on a concept,
//! page numbers, Dutch characters, metadata), a hertoets with both rounds, and a conflict.
//!
//! `UPDATE_SNAPSHOTS=1 cargo test --test report` rewrites `tests/snapshots/report_demo.txt`.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::path::PathBuf;

use jiff::Timestamp;
use jiff::civil::{Date, date};
use uuid::Uuid;
use veldtoets::domain::inspection::{Inspection, OordeelData, Record, Round, RoundOordeel, Stamp};
use veldtoets::report::{self, Block, ReportOptions, RowKind, Section};

const REPORT_DATE: Date = date(2026, 10, 20);

/// A fresh demo inspection (the file lives in a temporary directory that is removed again).
fn demo() -> Inspection {
    let dir = tempfile::tempdir().expect("temp dir");
    let (_store, inspection) =
        veldtoets::demo::create(&dir.path().join("demo.veldtoets")).expect("demo");
    inspection
}

fn concept() -> ReportOptions<'static> {
    ReportOptions::new(true, REPORT_DATE)
}

fn definitive() -> ReportOptions<'static> {
    ReportOptions::new(false, REPORT_DATE)
}

/// The text of every page of a PDF, extracted with lopdf.
struct PdfText {
    pages: Vec<String>,
    /// All text without any whitespace. lopdf glues the lines of one text object together and
    /// a phrase may wrap anywhere, so phrases are compared with their whitespace removed.
    compact: String,
    doc: lopdf::Document,
}

impl PdfText {
    fn read(bytes: &[u8]) -> PdfText {
        assert!(bytes.starts_with(b"%PDF-"), "not a PDF");
        let doc = lopdf::Document::load_mem(bytes).expect("lopdf reads the rapport");
        let pages: Vec<String> = doc
            .get_pages()
            .keys()
            .map(|&n| doc.extract_text(&[n]).expect("text of a page"))
            .collect();
        let compact = compact(&pages.concat());
        PdfText {
            pages,
            compact,
            doc,
        }
    }

    fn has(&self, phrase: &str) -> bool {
        self.compact.contains(&compact(phrase))
    }

    fn info(&self, key: &[u8]) -> String {
        let info = self
            .doc
            .trailer
            .get(b"Info")
            .and_then(|o| o.as_reference())
            .and_then(|id| self.doc.get_dictionary(id))
            .expect("an Info dictionary");
        let value = info.get(key).expect("the key is present");
        lopdf::decode_text_string(value).expect("a text string")
    }
}

fn compact(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

fn snapshot_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("snapshots")
        .join(name)
}

/// Compares `actual` with a committed snapshot, or rewrites it with `UPDATE_SNAPSHOTS=1`.
fn check_snapshot(name: &str, actual: &str) {
    let path = snapshot_path(name);
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some_and(|v| v == "1") {
        std::fs::create_dir_all(path.parent().expect("parent")).expect("snapshot dir");
        std::fs::write(&path, actual).expect("write snapshot");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "snapshot {} is missing; run UPDATE_SNAPSHOTS=1 cargo test --test report",
            path.display()
        )
    });
    if expected != actual {
        let first = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| expected.lines().count().min(actual.lines().count()));
        panic!(
            "the report model differs from {} at line {}:\n  expected: {:?}\n  actual:   {:?}\nIf the change is intended, run UPDATE_SNAPSHOTS=1 cargo test --test report and review the diff.",
            path.display(),
            first + 1,
            expected.lines().nth(first).unwrap_or("<end>"),
            actual.lines().nth(first).unwrap_or("<end>"),
        );
    }
}

fn section<'r>(report: &'r report::Report, number: &str) -> &'r Section {
    report
        .sections
        .iter()
        .find(|s| s.number.as_deref() == Some(number))
        .unwrap_or_else(|| panic!("no section {number}"))
}

fn tables(section: &Section) -> impl Iterator<Item = &report::Table> {
    section.blocks.iter().filter_map(|b| match b {
        Block::Table(t) => Some(t),
        _ => None,
    })
}

#[test]
fn the_demo_report_model_matches_the_snapshot() {
    let inspection = demo();
    let model = report::build(&inspection, &concept());
    // Deterministic: a second demo (new ids, new timestamps) gives the same model.
    let again = report::build(&demo(), &concept());
    assert_eq!(model, again, "the model depends on ids or timestamps");
    check_snapshot("report_demo.txt", &model.to_text());
}

#[test]
fn the_demo_model_says_what_the_issue_asks() {
    let inspection = demo();
    let model = report::build(&inspection, &concept());
    assert!(model.meta.concept);
    assert!(!model.meta.provisional);
    assert_eq!(model.title_page.kind, "Conceptrapport");
    let facts: BTreeMap<_, _> = model.title_page.facts.iter().cloned().collect();
    assert_eq!(facts["Bezoek"], "13 en 14 oktober 2026");
    assert_eq!(facts["Inspecteurs"], "E. Voorbeeld en J. Proef");
    assert_eq!(facts["Rapportdatum"], "20 oktober 2026");
    assert!(
        model
            .title_page
            .notices
            .iter()
            .any(|n| n.starts_with("Vertrouwelijk"))
    );

    // The 2.x sections are the thema's, each with a table per criterium.
    let themes: Vec<&str> = model
        .sections
        .iter()
        .filter(|s| s.number.as_deref().is_some_and(|n| n.starts_with("2.")))
        .map(|s| s.title.as_str())
        .collect();
    assert_eq!(
        themes,
        [
            "Inzetten vervolgtrajecten",
            "Onderzoeken",
            "Cliëntenpositie",
            "Organisatie"
        ]
    );
    let rows: Vec<(String, String)> = model
        .sections
        .iter()
        .filter(|s| s.number.as_deref().is_some_and(|n| n.starts_with("2.")))
        .flat_map(tables)
        .flat_map(|t| &t.rows)
        .map(|r| (r.cells[0].plain_text(), r.cells[2].plain_text()))
        .collect();
    assert_eq!(rows.len(), 31, "every verwachting has a row");
    let oordeel: BTreeMap<_, _> = rows.into_iter().collect();
    assert_eq!(oordeel["1.4.4"], "geïnventariseerd");
    assert_eq!(oordeel["1.3.2"], "onvoldoende");
    assert_eq!(oordeel["2.1.1"], "voldoende");

    // The eindoordeel with the beslisregels applied: 9 aftrekpunten, matig (beslisregel 5).
    let verdict = section(&model, "4.1");
    let text = format!("{verdict:?}");
    assert!(text.contains("Eindoordeel: matig"), "{text}");
    assert!(text.contains("Beslisregel 5"), "{text}");
    let applied = tables(section(&model, "4.2"))
        .next()
        .expect("deduction table");
    let total = applied.rows.last().expect("a total row");
    assert_eq!(total.kind, RowKind::Total);
    assert_eq!(total.cells[2].plain_text(), "9");
    let double = applied
        .rows
        .iter()
        .find(|r| r.cells[0].plain_text() == "2.1.2")
        .expect("2.1.2 failed");
    assert_eq!(double.cells[2].plain_text(), "2");

    // Termijnen and onderzoeksopzet: counts only, no dossier numbers (the inspectors' own
    // onderbouwing may cite a pseudonymous dossier number; that text is theirs).
    let deadlines = tables(section(&model, "3.1"))
        .next()
        .expect("termijnen table");
    assert_eq!(deadlines.rows.len(), inspection.framework.deadlines.len());
    let generated = format!(
        "{:?}{:?}",
        section(&model, "3.1"),
        section(&model, "Bijlage 2")
    );
    for dossier in inspection.dossier_list() {
        assert!(
            !generated.contains(&dossier.data.nummer),
            "dossier number {} in the termijnen or the onderzoeksopzet",
            dossier.data.nummer
        );
    }
}

#[test]
fn the_concept_pdf_has_every_section_verwachting_and_page_the_watermark_and_dutch_text() {
    let inspection = demo();
    let bytes = report::pdf(&inspection, &concept()).expect("a PDF");
    let pdf = PdfText::read(&bytes);
    let n = pdf.pages.len();
    assert!(n >= 15, "only {n} pages");
    for (i, page) in pdf.pages.iter().enumerate() {
        assert!(page.contains("CONCEPT"), "no watermark on page {}", i + 1);
        let number = format!("pagina {} van {n}", i + 1);
        assert!(page.contains(&number), "no '{number}' on page {}", i + 1);
    }
    for heading in [
        "CONCEPTRAPPORT",
        "Vertrouwelijk",
        "Inhoud",
        "Samenvatting",
        "1 Inleiding",
        "2 Bevindingen",
        "2.3 Cliëntenpositie",
        "Onderbouwing bij criterium 1.1",
        "3 Termijnen en wachtlijst",
        "4 Eindoordeel en vervolg",
        "Bijlage 1 – Toetsingskader",
        "Bijlage 2 – Onderzoeksopzet",
        "Bijlage 3 – Beslisregels",
        "Beslisregel 5",
        "geïnventariseerd",
        "13 en 14 oktober 2026",
        "thema’s",
        "Veilig Thuis Gelderzoom · 20-10-2026",
    ] {
        assert!(pdf.has(heading), "'{heading}' is missing from the PDF");
    }
    for e in inspection.framework.expectations() {
        let id = &e.expectation.id;
        assert!(pdf.has(id), "verwachting {id} is missing");
    }
    assert_eq!(pdf.info(b"Creator"), "veldtoets");
    assert_eq!(pdf.info(b"Title"), "Conceptrapport Veilig Thuis Gelderzoom");
    let created = pdf
        .doc
        .trailer
        .get(b"Info")
        .and_then(|o| o.as_reference())
        .and_then(|id| pdf.doc.get_dictionary(id))
        .and_then(|d| d.get(b"CreationDate"))
        .and_then(|o| o.as_str())
        .map(|s| String::from_utf8_lossy(s).to_string())
        .expect("a creation date");
    assert!(created.starts_with("D:20261020"), "{created}");

    // The fonts are embedded and subsetted: far smaller than the three TTFs (1.2 MB).
    let font_files: Vec<usize> = pdf
        .doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter_map(|d| d.get(b"FontFile2").ok())
        .filter_map(|o| o.as_reference().ok())
        .filter_map(|id| pdf.doc.get_object(id).ok())
        .filter_map(|o| o.as_stream().ok())
        .map(|s| s.content.len())
        .collect();
    assert_eq!(font_files.len(), 3, "regular, bold and italic embedded");
    assert!(bytes.len() < 400_000, "{} bytes", bytes.len());
}

#[test]
fn the_definitive_rapport_has_no_watermark() {
    let inspection = demo();
    let bytes = report::pdf(&inspection, &definitive()).expect("a PDF");
    let pdf = PdfText::read(&bytes);
    assert!(!pdf.has("CONCEPT"), "a definitive rapport says CONCEPT");
    assert!(!pdf.has("Vertrouwelijk"));
    assert!(pdf.has("RAPPORT"));
    assert!(pdf.has("Dit is het definitieve rapport van 20 oktober 2026."));
    assert!(pdf.pages[0].contains(&format!("pagina 1 van {}", pdf.pages.len())));
    assert_eq!(pdf.info(b"Title"), "Rapport Veilig Thuis Gelderzoom");
}

#[test]
fn a_hertoets_shows_the_earlier_round_beside_this_one() {
    let mut inspection = demo();
    let mut earlier: BTreeMap<String, String> = inspection
        .framework
        .expectations()
        .iter()
        .map(|e| (e.expectation.id.clone(), "onvoldoende".to_string()))
        .collect();
    earlier.insert("2.1.1".into(), "onvoldoende:wachtlijst".into());
    earlier.insert("3.1.1".into(), "voldoende".into());
    inspection.rounds = vec![Round {
        onderzoek: Uuid::nil().to_string(),
        naam: "Onderzoek".into(),
        omschrijving: "Toezicht stap 2 bij Veilig Thuis Gelderzoom".into(),
        datum: Some(date(2025, 3, 11)),
        eindoordeel: None,
        oordelen: earlier
            .into_iter()
            .map(|(k, oordeel)| {
                (
                    k,
                    RoundOordeel {
                        oordeel,
                        onderbouwing: String::new(),
                    },
                )
            })
            .collect(),
        criteria: BTreeMap::new(),
    }];
    let model = report::build(&inspection, &concept());
    assert_eq!(
        model.title_page.subtitles.last().map(String::as_str),
        Some("Hertoets")
    );
    let table = tables(section(&model, "2.1"))
        .next()
        .expect("a criterium table");
    let titles: Vec<&str> = table.columns.iter().map(|c| c.title.as_str()).collect();
    assert_eq!(
        titles,
        ["Nr.", "Verwachting", "Onderzoek (11-03-2025)", "Hertoets"]
    );
    let row = |s: &str, id: &str| -> Vec<String> {
        tables(section(&model, s))
            .flat_map(|t| &t.rows)
            .find(|r| r.cells[0].plain_text() == id)
            .map(|r| r.cells.iter().map(|c| c.plain_text()).collect())
            .unwrap_or_else(|| panic!("no row {id}"))
    };
    assert_eq!(row("2.1", "1.1.1")[2..], ["onvoldoende", "voldoende"]);
    assert_eq!(
        row("2.2", "2.1.1")[2..],
        ["onvoldoende (wachtlijst)", "voldoende"]
    );
    assert_eq!(row("2.3", "3.1.1")[2..], ["voldoende", "voldoende"]);
    assert_eq!(
        row("2.1", "1.4.4")[2..],
        ["geïnventariseerd", "geïnventariseerd"]
    );
    let summary = format!("{:?}", model.sections[1]);
    assert!(
        summary.contains("in de eerdere ronde voldeed Veilig Thuis Gelderzoom aan 1 van de 30"),
        "{summary}"
    );

    let pdf = PdfText::read(&report::render_pdf(&model).expect("a PDF"));
    assert!(pdf.has("Onderzoek (11-03-2025)"));
    assert!(pdf.has("Hertoets"));
    assert!(pdf.has("onvoldoende (wachtlijst)"));
}

#[test]
fn an_unresolved_conflict_is_shown_and_makes_the_score_provisional() {
    let mut inspection = demo();
    let a = inspection.add_inspector("E. Voorbeeld");
    let b = inspection.add_inspector("J. Proef");
    let at = |s: i64| Timestamp::from_second(1_792_000_000 + s).expect("a time");
    let fw = inspection.framework.clone();
    let versions = [
        (a, "voldoende", "Monitoring loopt volgens afspraak."),
        (b, "onvoldoende", "In 4 van 12 dossiers geen monitoring."),
    ];
    let changes: Vec<_> = versions
        .iter()
        .enumerate()
        .map(|(i, (who, value, why))| {
            let data = OordeelData::parse(&fw, "1.5.3", value, why.to_string()).expect("oordeel");
            inspection.change(
                "1.5.3",
                Record::Oordeel(data),
                *who,
                Stamp {
                    rev: Uuid::now_v7(),
                    at: at(i as i64),
                },
            )
        })
        .collect();
    for change in changes {
        inspection.apply(change);
    }
    assert_eq!(inspection.conflicts().len(), 1);

    let model = report::build(&inspection, &concept());
    assert!(model.meta.provisional);
    let row = tables(section(&model, "2.1"))
        .flat_map(|t| &t.rows)
        .find(|r| r.cells[0].plain_text() == "1.5.3")
        .expect("row 1.5.3");
    assert_eq!(row.kind, RowKind::Attention);
    assert_eq!(row.cells[2].plain_text(), "conflict, onopgelost");
    let text = model.to_text();
    assert!(
        text.contains("Voorlopig eindoordeel"),
        "no provisional verdict"
    );
    assert!(text.contains("Versie 1 (E. Voorbeeld): voldoende"));
    assert!(text.contains("Versie 2 (J. Proef): onvoldoende"));
    assert!(text.contains("1.5.3 (conflict, onopgelost)"));

    let pdf = PdfText::read(&report::render_pdf(&model).expect("a PDF"));
    assert!(pdf.has("conflict, onopgelost"));
    assert!(pdf.has("Voorlopig"));
    assert!(pdf.has("In 4 van 12 dossiers geen monitoring."));
}

#[test]
fn long_text_wraps_and_breaks_across_pages() {
    let mut inspection = demo();
    let author = inspection.add_inspector("E. Voorbeeld");
    let sentence = "De inspecteurs zagen in de dossiers dat het veiligheidsplan wel is opgesteld, maar niet is besproken met alle betrokkenen. ";
    let long = format!(
        "{}\n\n{}{}",
        sentence.repeat(60),
        "Eenheelerglangwoordzonderspatiesdatnergenspastenookgeenafbrekingkent".repeat(12),
        " einde."
    );
    let fw = inspection.framework.clone();
    for (i, id) in ["1.3.1", "2.3.2"].into_iter().enumerate() {
        let data = OordeelData::parse(&fw, id, "voldoende", long.clone()).expect("oordeel");
        let change = inspection.change(
            id,
            Record::Oordeel(data),
            author,
            Stamp {
                rev: Uuid::now_v7(),
                at: Timestamp::from_second(1_800_000_000 + i as i64).expect("time"),
            },
        );
        inspection.apply(change);
    }
    let short = PdfText::read(&report::pdf(&demo(), &concept()).expect("pdf"))
        .pages
        .len();
    let pdf = PdfText::read(&report::pdf(&inspection, &concept()).expect("pdf"));
    assert!(
        pdf.pages.len() > short + 2,
        "{} vs {short}",
        pdf.pages.len()
    );
    assert!(pdf.has("einde."));
}

#[test]
fn progress_goes_from_zero_to_one() {
    let inspection = demo();
    let seen = RefCell::new(Vec::new());
    let record = |share: f32| seen.borrow_mut().push(share);
    let options = concept().with_progress(&record);
    report::pdf(&inspection, &options).expect("a PDF");
    let seen = seen.into_inner();
    assert_eq!(seen.first(), Some(&0.0));
    assert_eq!(seen.last(), Some(&1.0));
    assert!(seen.windows(2).all(|w| w[0] <= w[1]), "{seen:?}");
}

#[test]
fn an_empty_stap1_inspection_renders_with_everything_open() {
    let framework = veldtoets::kader_io::builtin("vt-2015-stap1")
        .expect("built-in kader")
        .clone();
    let inspection = Inspection::new(Uuid::nil(), framework, Timestamp::UNIX_EPOCH);
    let model = report::build(&inspection, &definitive());
    assert!(model.meta.provisional, "nothing judged yet");
    let text = model.to_text();
    // Nothing judged: no verdict, not even a provisional one (stap 1 gives "onvoldoende" for
    // zero verwachtingen met).
    assert_no_verdict_claimed(&text);
    assert!(text.contains("datum niet vastgelegd"));
    // 3.1.1 is not assessed in stap 1; everything else has no oordeel yet.
    let rows: BTreeMap<String, String> = model
        .sections
        .iter()
        .filter(|s| s.number.as_deref().is_some_and(|n| n.starts_with("2.")))
        .flat_map(tables)
        .flat_map(|t| &t.rows)
        .map(|r| (r.cells[0].plain_text(), r.cells[2].plain_text()))
        .collect();
    assert_eq!(rows["3.1.1"], "niet beoordeeld");
    assert_eq!(rows["1.1.1"], "nog niet beoordeeld");
    // Stap 1 counts verwachtingen met and has a voorwaarde on thema Veiligheid.
    let rules = format!("{:?}", section(&model, "Bijlage 3"));
    assert!(rules.contains("Verwachtingen voldoende"), "{rules}");
    assert!(rules.contains("Voorwaarden"), "{rules}");

    let pdf = PdfText::read(&report::render_pdf(&model).expect("a PDF"));
    assert!(pdf.has("nog niet beoordeeld"));
    assert!(pdf.has(&format!("pagina 1 van {}", pdf.pages.len())));
    assert!(!pdf.has("CONCEPT"));
}

/// The rapport of an inspection without any oordeel claims no eindoordeel anywhere.
#[track_caller]
fn assert_no_verdict_claimed(text: &str) {
    for lie in [
        "Voorlopig eindoordeel",
        "Eindoordeel: voldoende",
        "Eindoordeel: matig",
        "Eindoordeel: onvoldoende",
        "voldoende (voorlopig)",
        "matig (voorlopig)",
        "Beslisregel: ",
        "Geen enkele verwachting die meetelt is onvoldoende",
    ] {
        assert!(
            !text.contains(lie),
            "{lie:?} in a rapport without oordelen:\n{text}"
        );
    }
    for honest in [
        "Eindoordeel: nog geen oordeel",
        "Nog geen eindoordeel.",
        "Er zijn nog geen oordelen, dus er is nog geen beslisregel toegepast.",
    ] {
        assert!(text.contains(honest), "{honest:?} missing:\n{text}");
    }
}

#[test]
fn a_fresh_inspection_has_no_eindoordeel_in_the_rapport() {
    let framework = veldtoets::kader_io::builtin("vt-2016-stap2")
        .expect("built-in kader")
        .clone();
    let inspection = Inspection::new(Uuid::nil(), framework, Timestamp::UNIX_EPOCH);
    let model = report::build(&inspection, &concept());
    assert!(model.meta.provisional);
    assert!(
        model
            .title_page
            .notices
            .iter()
            .any(|n| n.starts_with("Nog geen eindoordeel.")
                && n.contains("geen van de 30 verwachtingen")),
        "{:?}",
        model.title_page.notices
    );
    let text = model.to_text();
    assert_no_verdict_claimed(&text);
    let summary = format!("{:?}", section_titled(&model, "Samenvatting"));
    assert!(summary.contains("nog geen oordeel"), "{summary}");
    assert!(!summary.contains("aftrekpunten op"), "{summary}");
    let verdict = format!("{:?}", section(&model, "4.1"));
    assert!(
        verdict.contains("Eindoordeel: nog geen oordeel"),
        "{verdict}"
    );

    // One oordeel makes it a provisional eindoordeel, said as such.
    let mut inspection = inspection;
    let author = inspection.add_inspector("E. Voorbeeld");
    let fw = inspection.framework.clone();
    let data = OordeelData::parse(&fw, "1.3.1", "voldoende", String::new()).expect("oordeel");
    let change = inspection.change(
        "1.3.1",
        Record::Oordeel(data),
        author,
        Stamp {
            rev: Uuid::now_v7(),
            at: Timestamp::UNIX_EPOCH,
        },
    );
    inspection.apply(change);
    let text = report::build(&inspection, &concept()).to_text();
    assert!(text.contains("Voorlopig eindoordeel"), "{text}");
    assert!(
        text.contains("Eindoordeel: voldoende (voorlopig)"),
        "{text}"
    );
    assert!(!text.contains("Nog geen eindoordeel"), "{text}");

    let pdf = PdfText::read(&report::pdf(&report_without_oordelen(), &concept()).expect("pdf"));
    assert!(pdf.has("Eindoordeel: nog geen oordeel"));
    assert!(!pdf.has("Voorlopig eindoordeel"));
}

fn report_without_oordelen() -> Inspection {
    let framework = veldtoets::kader_io::builtin("vt-2016-stap2")
        .expect("built-in kader")
        .clone();
    Inspection::new(Uuid::nil(), framework, Timestamp::UNIX_EPOCH)
}

fn section_titled<'r>(report: &'r report::Report, title: &str) -> &'r Section {
    report
        .sections
        .iter()
        .find(|s| s.title == title)
        .unwrap_or_else(|| panic!("no section {title}"))
}

#[test]
fn a_table_row_taller_than_a_page_is_split_and_the_header_repeats_on_every_page() {
    use report::{Column, Report, ReportMeta, Row, Table, Text, TitlePage};
    let huge = "Een zeer lange toelichting in één cel. ".repeat(700);
    let table = Table {
        columns: vec![
            Column::new("Kolomkop links", 20.0),
            Column::new("Kolomkop rechts", 80.0),
        ],
        header: true,
        rows: vec![
            Row::new(vec![Text::plain("eerste"), Text::plain("kort")]),
            Row::new(vec![Text::plain("tweede"), Text::plain(huge)]),
            Row::new(vec![Text::plain("derde"), Text::plain("slotregel")]),
        ],
    };
    let model = Report {
        meta: ReportMeta {
            title: "Proef".into(),
            subject: "Tabellen".into(),
            organisation: "Proeforganisatie".into(),
            date: REPORT_DATE,
            concept: false,
            provisional: false,
        },
        title_page: TitlePage {
            kind: "Rapport".into(),
            title: "Proef".into(),
            subtitles: vec![],
            facts: vec![],
            notices: vec![],
        },
        sections: vec![Section {
            number: Some("1".into()),
            title: "Tabel".into(),
            level: 1,
            blocks: vec![Block::Table(table)],
        }],
    };
    let pdf = PdfText::read(&report::render_pdf(&model).expect("a PDF"));
    assert!(pdf.pages.len() >= 4, "{} pages", pdf.pages.len());
    for (i, page) in pdf.pages.iter().enumerate().skip(1) {
        assert!(
            compact(page).contains("Kolomkoplinks"),
            "no header row on page {}",
            i + 1
        );
    }
    assert!(pdf.has("slotregel"));
}
