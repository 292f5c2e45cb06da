//! The PDF rapport: the report model of the demo inspection as a snapshot, and the rendered PDF
//! read back in-process with lopdf (sections, every verwachting, watermark only on a concept,
//! page numbers, Dutch characters, metadata), a hertoets with both rounds, and a conflict. The
//! stap 1 hertoets of seed 003 (criterion oordelen V/M/O, a column per round, "Ad 1.1", 8 → 18
//! of 24, people counted per interview) as a snapshot and in the PDF, and a chain of three rounds.
//!
//! `UPDATE_SNAPSHOTS=1 cargo test --test suite report::` rewrites `tests/snapshots/report_demo.txt` and
//! `tests/snapshots/report_stap1_hertoets.txt`.

use crate::common;

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::path::PathBuf;

use jiff::Timestamp;
use jiff::civil::{Date, date};
use uuid::Uuid;
use veldtoets::domain::inspection::{
    Details, Inspection, InterviewData, KerngegevenData, KeuzeData, OordeelData, Record, Round,
    RoundOordeel, Stamp,
};
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
    common::check_text_snapshot(&snapshot_path(name), actual, "report");
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
            author: String::new(),
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

/// Seed 003, table per criterium: the oordelen of the onderzoek in August 2015 and of the
/// hertoets in May 2016 ("-" / "+" per verwachting, "nvt" for 3.1.1), and the criterion oordelen
/// of both rounds.
const STAP1_THEN: &str = "
    1.1.1 - 1.1.2 - 1.1.3 - 1.1.4 -
    1.2.1 - 1.2.2 - 1.2.3 + 1.2.4 - 1.2.5 -
    1.3.1 - 1.3.2 - 1.3.3 + 1.3.4 -
    2.1.1 - 2.1.2 - 2.1.3 +
    2.2.1 - 2.2.2 + 2.2.3 +
    3.1.2 + 3.1.3 + 3.1.4 -
    3.2.1 - 3.2.2 +";
const STAP1_NOW: &str = "
    1.1.1 + 1.1.2 - 1.1.3 + 1.1.4 -
    1.2.1 + 1.2.2 + 1.2.3 + 1.2.4 - 1.2.5 -
    1.3.1 + 1.3.2 + 1.3.3 + 1.3.4 +
    2.1.1 - 2.1.2 + 2.1.3 +
    2.2.1 + 2.2.2 + 2.2.3 +
    3.1.2 + 3.1.3 + 3.1.4 -
    3.2.1 + 3.2.2 +";
const CRITERIA_THEN: [(&str, &str); 7] = [
    ("1.1", "O"),
    ("1.2", "O"),
    ("1.3", "O"),
    ("2.1", "O"),
    ("2.2", "M"),
    ("3.1", "V"),
    ("3.2", "O"),
];
const CRITERIA_NOW: [(&str, &str); 7] = [
    ("1.1", "M"),
    ("1.2", "M"),
    ("1.3", "V"),
    ("2.1", "M"),
    ("2.2", "V"),
    ("3.1", "V"),
    ("3.2", "V"),
];
const AD_1_1_THEN: &str = "Tijdens het onderzoek in augustus 2015 voldeed Veilig Thuis Drenthe niet aan de wettelijke eis om 7 dagen per week en 24 uur per dag bereikbaar en beschikbaar te zijn. Dit waren urgente verbeterpunten.";
const AD_1_1_NOW: &str = "Tijdens de hertoets in mei 2016 constateren de inspecteurs dat Veilig Thuis Drenthe inmiddels 24/7 bereikbaar is.\n\nDe bereikbaarheid van een vertrouwensarts buiten kantoortijden is een aanhoudend verbeterpunt.";

/// "1.1.1 -" pairs as oordeel texts ("voldoende" / "onvoldoende").
fn seed_oordelen(table: &str) -> Vec<(String, &'static str)> {
    let words: Vec<&str> = table.split_whitespace().collect();
    words
        .chunks(2)
        .map(|pair| {
            let value = if pair[1] == "+" {
                "voldoende"
            } else {
                "onvoldoende"
            };
            (pair[0].to_string(), value)
        })
        .collect()
}

/// A clock for deterministic revisions: every stamp a second after the one before.
struct Clock(u64);

impl Clock {
    fn stamp(&mut self) -> Stamp {
        self.0 += 1;
        Stamp {
            rev: Uuid::from_u64_pair(3, self.0),
            at: Timestamp::from_second(1_463_000_000 + self.0 as i64).expect("a time"),
        }
    }
}

/// An earlier round of the stap 1 file, as `Inspection::rounds` keeps it.
fn stap1_round(
    naam: &str,
    datum: Date,
    table: &str,
    criteria: &[(&str, &str)],
    onderbouwing_1_1: &str,
) -> Round {
    Round {
        onderzoek: Uuid::from_u64_pair(9, datum.year() as u64).to_string(),
        naam: naam.into(),
        omschrijving: "Veilig Thuis Drenthe (Toetsingskader Veilig Thuis 2015, stap 1)".into(),
        datum: Some(datum),
        eindoordeel: Some(veldtoets::domain::Verdict::ONVOLDOENDE),
        oordelen: seed_oordelen(table)
            .into_iter()
            .map(|(id, oordeel)| {
                (
                    id,
                    RoundOordeel {
                        oordeel: oordeel.into(),
                        onderbouwing: String::new(),
                    },
                )
            })
            .collect(),
        criteria: criteria
            .iter()
            .map(|(id, code)| {
                (
                    id.to_string(),
                    RoundOordeel {
                        oordeel: code.to_string(),
                        onderbouwing: if *id == "1.1" {
                            onderbouwing_1_1.to_string()
                        } else {
                            String::new()
                        },
                    },
                )
            })
            .collect(),
    }
}

/// The hertoets of seed 003 (stap 1, Veilig Thuis Drenthe, May 2016) built through the domain
/// API: this round's oordelen and criterion oordelen, the onderzoek of August 2015 as its earlier
/// round, and interviews with their participants counted as in seed 003's Bijlage 2.
fn stap1_hertoets() -> Inspection {
    let framework = veldtoets::kader_io::builtin("vt-2015-stap1")
        .expect("built-in kader")
        .clone();
    let mut inspection =
        Inspection::new(Uuid::from_u64_pair(1, 3), framework, Timestamp::UNIX_EPOCH);
    let who = inspection.add_inspector("E. Voorbeeld");
    let mut clock = Clock(0);
    let details = inspection.change(
        &inspection.details_id(),
        Record::Details(Details {
            organisatie: "Veilig Thuis Drenthe".into(),
            bezoek_van: Some(date(2016, 5, 10)),
            bezoek_tot: Some(date(2016, 5, 11)),
            notitie: String::new(),
            peildatum: None,
        }),
        who,
        clock.stamp(),
    );
    inspection.apply(details);
    let fw = inspection.framework.clone();
    for (id, value) in seed_oordelen(STAP1_NOW) {
        let why = if id == "1.1.1" {
            "De bereikbaarheidsdienst wordt uitgevoerd door een andere Veilig Thuis organisatie."
        } else {
            ""
        };
        let data = OordeelData::parse(&fw, &id, value, why.into()).expect("oordeel");
        let change = inspection.change(&id, Record::Oordeel(data), who, clock.stamp());
        inspection.apply(change);
    }
    for (id, code) in CRITERIA_NOW {
        let why = if id == "1.1" { AD_1_1_NOW } else { "" };
        let change = inspection
            .set_criterion_oordeel(id, code, why, who, clock.stamp())
            .expect("a criterion oordeel");
        inspection.apply(change);
    }
    for (rol, counts) in [
        ("management", vec![("manager", "2")]),
        (
            "uitvoerend_medewerkers",
            vec![("uitvoerend medewerker", "1")],
        ),
        (
            "uitvoerend_medewerkers",
            vec![("uitvoerend medewerker", "2")],
        ),
        (
            "vertrouwensartsen",
            vec![("vertrouwensarts", "1"), ("gedragswetenschapper", "1")],
        ),
    ] {
        let id = Uuid::from_u64_pair(5, clock.0).to_string();
        let change = inspection.change(
            &id,
            Record::Interview(InterviewData {
                rol: rol.into(),
                datum: Some(date(2016, 5, 10)),
                deelnemers: String::new(),
                notitie: String::new(),
                aantallen: counts
                    .into_iter()
                    .map(|(f, n)| (f.to_string(), n.to_string()))
                    .collect(),
            }),
            who,
            clock.stamp(),
        );
        inspection.apply(change);
    }
    inspection.rounds = vec![stap1_round(
        "Onderzoek",
        date(2015, 8, 25),
        STAP1_THEN,
        &CRITERIA_THEN,
        AD_1_1_THEN,
    )];
    inspection
}

/// The cells of the row `id` in the tables of section `number`, as plain text.
fn row_of(model: &report::Report, number: &str, id: &str) -> Vec<String> {
    tables(section(model, number))
        .flat_map(|t| &t.rows)
        .find(|r| r.cells[0].plain_text() == id)
        .map(|r| r.cells.iter().map(|c| c.plain_text()).collect())
        .unwrap_or_else(|| panic!("no row {id} in {number}"))
}

#[test]
fn a_stap1_hertoets_has_the_layout_of_seed_003() {
    let inspection = stap1_hertoets();
    assert_eq!(inspection.met_of(), (18, 24));
    let model = report::build(&inspection, &definitive());
    check_snapshot("report_stap1_hertoets.txt", &model.to_text());
    let text = model.plain_text();

    // A column per round, named with its month; the criterion oordeel of each round in the
    // criterium row, + / - per verwachting below it.
    let table = tables(section(&model, "2.1")).next().expect("a table");
    let titles: Vec<&str> = table.columns.iter().map(|c| c.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Nr.",
            "Criterium en verwachtingen",
            "Onderzoek aug. 2015",
            "Hertoets mei 2016"
        ]
    );
    assert_eq!(
        row_of(&model, "2.1", "1.1"),
        ["1.1", "Oordeel op het criterium", "O", "M"]
    );
    assert_eq!(row_of(&model, "2.1", "1.1.1")[2..], ["-", "+"]);
    assert_eq!(row_of(&model, "2.1", "1.1.2")[2..], ["-", "-"]);
    assert_eq!(row_of(&model, "2.1", "1.3")[2..], ["O", "V"]);
    assert_eq!(row_of(&model, "2.2", "2.2")[2..], ["M", "V"]);
    assert_eq!(row_of(&model, "2.3", "3.1")[2..], ["V", "V"]);
    assert_eq!(
        row_of(&model, "2.3", "3.1.1")[2..],
        ["niet beoordeeld", "niet beoordeeld"]
    );
    // Every criterium has its table, each verwachting its row.
    let rows: usize = (1..=3)
        .flat_map(|t| tables(section(&model, &format!("2.{t}"))).collect::<Vec<_>>())
        .map(|t| t.rows.len())
        .sum();
    assert_eq!(rows, 7 + 25);

    // The legend: the kader's criterion scale and + / -, and that a criterium can be voldoende
    // while not every verwachting is met.
    for phrase in [
        "- V voldoende\n- M matig\n- O onvoldoende",
        "- + voldoende: Veilig Thuis Drenthe voldoet aan de verwachting",
        "- - onvoldoende: Veilig Thuis Drenthe voldoet (nog) niet aan de verwachting",
        "In de tabellen staan zowel de oordelen op basis van het onderzoek in augustus 2015 als de oordelen op basis van de hertoets in mei 2016.",
        "Bij een aantal criteria kan het oordeel van de inspecteurs voldoende zijn terwijl Veilig Thuis Drenthe (nog) niet aan alle verwachtingen voldoet",
        // Onderbouwing Ad 1.1: then (the earlier round's own text) and now.
        "Onderbouwing\n\nAd 1.1 Veilig Thuis is te allen tijde bereikbaar en beschikbaar.",
        &format!("Onderzoek augustus 2015. {AD_1_1_THEN}"),
        "Hertoets mei 2016. Tijdens de hertoets in mei 2016 constateren de inspecteurs",
        "De bereikbaarheid van een vertrouwensarts buiten kantoortijden is een aanhoudend verbeterpunt.",
        "Ad 3.2 Veilig Thuis zorgt voor (jeugd)hulp in samenhang met andere hulp.",
        // Per verwachting, how it moved since the onderzoek.
        "1.1.1 – voldoende (verbeterpunt opgeheven)",
        "1.1.2 – onvoldoende (aanhoudend verbeterpunt)",
        "3.1.2 – voldoende\n\n3.1.3 – voldoende\n",
        // The kader's footnote on the verwachting that is not assessed.
        "3.1.1: Deze verwachting wordt nog niet beoordeeld",
        // Samenvatting: both rounds' results and eindoordelen.
        "In augustus 2015 onderzochten de inspecteurs de kwaliteit van Veilig Thuis Drenthe aan de hand van het Toetsingskader Veilig Thuis 2015, stap 1. Veilig Thuis Drenthe voldeed toen aan 8 van de 24 verwachtingen; het eindoordeel was onvoldoende.",
        "Op 10 en 11 mei 2016 heeft de inspecteur E. Voorbeeld een hertoets gedaan bij Veilig Thuis Drenthe.",
        "Veilig Thuis Drenthe voldoet in mei 2016 aan 18 van de 24 verwachtingen die meetellen in het eindoordeel, tegen 8 bij het onderzoek in augustus 2015; 6 verwachtingen zijn onvoldoende.",
        "Eindoordeel: onvoldoende.",
        // Inleiding: each round named with its month.
        "§ 1.1 Onderzoek augustus 2015",
        "§ 1.2 Hertoets mei 2016\n\nIn mei 2016 hebben de inspecteurs een hertoets uitgevoerd bij Veilig Thuis Drenthe.",
        "De 16 onvoldoende verwachtingen waren verbeterpunten.",
        "§ 1.3 Toetsingskader",
        // Eindoordeel: the earlier round beside this one.
        "Bij het onderzoek in augustus 2015 voldeed Veilig Thuis Drenthe aan 8 van de 24 verwachtingen; het eindoordeel was onvoldoende.",
        // Bijlage 2: people per interview, grouped by role, no names.
        "Gestandaardiseerde interviews aan de hand van de gespreksleidraad van het toetsingskader, 4 interviews in totaal:",
        "- interview met twee managers;\n- twee interviews met in totaal drie uitvoerend medewerkers;\n- interview met een gedragswetenschapper en een vertrouwensarts.",
    ] {
        assert!(text.contains(phrase), "{phrase:?} missing:\n{text}");
    }
    let titles: Vec<String> = model
        .title_page
        .facts
        .iter()
        .map(|(l, _)| l.clone())
        .collect();
    assert!(titles.contains(&"Onderzoek".to_string()), "{titles:?}");
    assert_eq!(
        model.title_page.subtitles.last().map(String::as_str),
        Some("Hertoets")
    );
    // The table of interviews per role gives way to the counts.
    assert!(!text.contains("niet afgenomen"), "{text}");

    let pdf = PdfText::read(&report::render_pdf(&model).expect("a PDF"));
    for phrase in [
        "Onderzoek aug. 2015",
        "Hertoets mei 2016",
        "Oordeel op het criterium",
        "V voldoende",
        "M matig",
        "O onvoldoende",
        "voldoende zijn terwijl Veilig Thuis Drenthe (nog) niet aan alle verwachtingen voldoet",
        "Ad 1.1 Veilig Thuis is te allen tijde bereikbaar en beschikbaar.",
        "Ad 2.2 Professionals zorgen ervoor dat acuut onveilige situaties worden opgeheven.",
        "voldeed toen aan 8 van de 24 verwachtingen",
        "voldoet in mei 2016 aan 18 van de 24 verwachtingen",
        "1.1 Onderzoek augustus 2015",
        "1.2 Hertoets mei 2016",
        "twee interviews met in totaal drie uitvoerend medewerkers",
        "1.1.2 – onvoldoende (aanhoudend verbeterpunt)",
    ] {
        assert!(pdf.has(phrase), "{phrase:?} is missing from the PDF");
    }
}

#[test]
fn a_chain_of_three_rounds_shows_three_columns() {
    let mut inspection = stap1_hertoets();
    // This file is now the second hertoets: the hertoets of May 2016 became an earlier round.
    let second = stap1_round(
        "Hertoets",
        date(2016, 5, 10),
        STAP1_NOW,
        &CRITERIA_NOW,
        AD_1_1_NOW,
    );
    inspection.rounds.push(second);
    let who = inspection.add_inspector("E. Voorbeeld");
    let mut clock = Clock(1000);
    let details = inspection.change(
        &inspection.details_id(),
        Record::Details(Details {
            organisatie: "Veilig Thuis Drenthe".into(),
            bezoek_van: Some(date(2016, 11, 22)),
            bezoek_tot: None,
            notitie: String::new(),
            peildatum: None,
        }),
        who,
        clock.stamp(),
    );
    inspection.apply(details);
    let fw = inspection.framework.clone();
    for id in ["1.1.2", "2.1.1"] {
        let data = OordeelData::parse(&fw, id, "voldoende", String::new()).expect("oordeel");
        let change = inspection.change(id, Record::Oordeel(data), who, clock.stamp());
        inspection.apply(change);
    }
    // 1.1 judged anew without an onderbouwing; 2.1 not judged in this round yet.
    let change = inspection
        .set_criterion_oordeel("1.1", "v", "", who, clock.stamp())
        .expect("a criterion oordeel");
    inspection.apply(change);
    let change = inspection
        .set_criterion_oordeel("2.1", "", "", who, clock.stamp())
        .expect("no criterion oordeel");
    inspection.apply(change);

    let model = report::build(&inspection, &definitive());
    let table = tables(section(&model, "2.1")).next().expect("a table");
    let titles: Vec<&str> = table.columns.iter().map(|c| c.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Nr.",
            "Criterium en verwachtingen",
            "Onderzoek aug. 2015",
            "Hertoets mei 2016",
            "Tweede hertoets nov. 2016"
        ]
    );
    assert_eq!(row_of(&model, "2.1", "1.1")[2..], ["O", "M", "V"]);
    assert_eq!(row_of(&model, "2.1", "1.1.2")[2..], ["-", "-", "+"]);
    assert_eq!(
        row_of(&model, "2.2", "2.1")[2..],
        ["O", "M", "nog niet beoordeeld"]
    );
    let text = model.plain_text();
    for phrase in [
        "§ 1.1 Onderzoek augustus 2015",
        "§ 1.2 Hertoets mei 2016\n\nIn mei 2016 voerden de inspecteurs een hertoets uit. Veilig Thuis Drenthe voldeed toen aan 18 van de 24 verwachtingen; het eindoordeel was onvoldoende. De 6 onvoldoende verwachtingen waren verbeterpunten.",
        "§ 1.3 Tweede hertoets november 2016",
        "In de tabellen staan de oordelen op basis van het onderzoek in augustus 2015, de oordelen op basis van de hertoets in mei 2016 en de oordelen op basis van de tweede hertoets in november 2016, naast elkaar.",
        "voldoet in november 2016 aan 20 van de 24 verwachtingen die meetellen in het eindoordeel, tegen 18 bij de hertoets in mei 2016",
        // Both earlier rounds' onderbouwing of 1.1; this round has none yet.
        &format!("Onderzoek augustus 2015. {AD_1_1_THEN}"),
        "Hertoets mei 2016. Tijdens de hertoets in mei 2016",
        "Tweede hertoets november 2016. Geen onderbouwing vastgelegd.",
        "Er is nog geen oordeel op dit criterium vastgelegd.",
        "1.1.2 – voldoende (verbeterpunt opgeheven)",
        "nog geen oordeel vastgelegd",
    ] {
        assert!(text.contains(phrase), "{phrase:?} missing:\n{text}");
    }
    assert_eq!(
        model.title_page.subtitles.last().map(String::as_str),
        Some("Tweede hertoets")
    );

    let pdf = PdfText::read(&report::render_pdf(&model).expect("a PDF"));
    for phrase in [
        "Onderzoek aug. 2015",
        "Hertoets mei 2016",
        "Tweede hertoets nov. 2016",
        "Ad 1.1",
    ] {
        assert!(pdf.has(phrase), "{phrase:?} is missing from the PDF");
    }
}

#[test]
fn a_first_stap1_onderzoek_has_one_column_and_the_legend_but_no_rounds() {
    let mut inspection = stap1_hertoets();
    inspection.rounds.clear();
    let model = report::build(&inspection, &definitive());
    let table = tables(section(&model, "2.1")).next().expect("a table");
    let titles: Vec<&str> = table.columns.iter().map(|c| c.title.as_str()).collect();
    assert_eq!(titles, ["Nr.", "Criterium en verwachtingen", "Oordeel"]);
    assert_eq!(
        row_of(&model, "2.1", "1.1"),
        ["1.1", "Oordeel op het criterium", "M"]
    );
    let text = model.plain_text();
    for phrase in [
        "- V voldoende\n- M matig\n- O onvoldoende",
        "Onderbouwing\n\nAd 1.1 Veilig Thuis is te allen tijde bereikbaar en beschikbaar.\n\nTijdens de hertoets in mei 2016",
        "1.1.1 – voldoende\n",
        "§ 1.1 Het onderzoek",
        "Veilig Thuis Drenthe voldoet aan 18 van de 24 verwachtingen die meetellen in het eindoordeel; 6 verwachtingen zijn onvoldoende.",
    ] {
        assert!(text.contains(phrase), "{phrase:?} missing:\n{text}");
    }
    for absent in [
        "geen oordeel:",
        "Onderzoek augustus 2015",
        "verbeterpunt opgeheven",
        "In de tabellen staan",
    ] {
        assert!(!text.contains(absent), "{absent:?} in:\n{text}");
    }
}

#[test]
fn a_criterion_oordeel_in_conflict_shows_every_version() {
    let mut inspection = stap1_hertoets();
    let a = inspection.add_inspector("E. Voorbeeld");
    let b = inspection.add_inspector("J. Proef");
    let mut clock = Clock(2000);
    // Two copies judged criterium 1.2 independently.
    let first = inspection
        .set_criterion_oordeel(
            "1.2",
            "V",
            "Voldoende personeel aangenomen.",
            a,
            clock.stamp(),
        )
        .expect("a version");
    let second = inspection
        .set_criterion_oordeel("1.2", "O", "De wachtlijst groeit nog.", b, clock.stamp())
        .expect("another version");
    inspection.apply(first);
    inspection.apply(second);

    let model = report::build(&inspection, &definitive());
    let row = tables(section(&model, "2.1"))
        .flat_map(|t| &t.rows)
        .find(|r| r.cells[0].plain_text() == "1.2")
        .expect("the criterium row");
    assert_eq!(row.kind, RowKind::Attention);
    assert_eq!(row.cells[3].plain_text(), "conflict, onopgelost");
    let text = model.plain_text();
    for phrase in [
        "Conflict, onopgelost. De inspecteurs hebben het oordeel op dit criterium verschillend vastgelegd",
        "Voldoende personeel aangenomen.",
        "De wachtlijst groeit nog.",
        "- conflict, onopgelost: inspecteurs oordeelden verschillend",
    ] {
        assert!(text.contains(phrase), "{phrase:?} missing:\n{text}");
    }
}

/// A kader whose eindoordeel the inspecteurs choose (`maat = "keuze"`), every topic only
/// inventoried, with kerndata in two groepen; fictional.
const KEUZE_KADER: &str = r#"
formaat = 1
id = "voorbeeld-keuze"
titel = "Voorbeeldscan met gekozen eindoordeel"
inspectie = "Voorbeeldinspectie"

[[thema]]
id = "1"
titel = "Organisatie"

[[thema.criterium]]
id = "1.1"
titel = "Sturing"

[[thema.criterium.verwachting]]
id = "1.1.1"
tekst = "Hoe stuurt de organisatie op de kwaliteit van het werk?"
beoordeling = "inventarisatie"

[[thema.criterium.verwachting]]
id = "1.1.2"
tekst = "Hoe is de formatie opgebouwd?"
beoordeling = "inventarisatie"

[beslisregels]
maat = "keuze"

[[eindoordeel]]
id = "categorie_1"
naam = "basis op orde"
omschrijving = "De organisatie heeft de basis op orde."

[[eindoordeel]]
id = "categorie_2"
naam = "basis op orde maar kwetsbaar"
omschrijving = "De basis is op orde, maar de organisatie is kwetsbaar door een krappe formatie."

[[eindoordeel]]
id = "categorie_3"
naam = "risico"
omschrijving = "Er zijn risico's voor de kwaliteit van het werk."

[[kerngegeven]]
id = "budget"
naam = "Structureel budget"
soort = "bedrag"
periode = "2026"
groep = "Financiën"

[[kerngegeven]]
id = "meldingen"
naam = "Meldingen"
soort = "aantal"
eenheid = "meldingen"
periode = "eerste kwartaal 2026"
groep = "Primair proces"

[[kerngegeven]]
id = "formatie"
naam = "Formatie"
soort = "fte"
periode = "op 1 april 2026"
groep = "Primair proces"
"#;

/// An onderzoek on [`KEUZE_KADER`] with kerndata (the formatie not known) and the toelichting
/// of both topics; with `choice`, the eindoordeel chosen with its onderbouwing.
fn keuze_inspection(choice: Option<(&str, &str)>) -> Inspection {
    let framework = veldtoets::kader_io::parse(KEUZE_KADER, "keuze.toml").expect("the kader");
    let mut inspection = Inspection::new(Uuid::nil(), framework, Timestamp::UNIX_EPOCH);
    let author = inspection.add_inspector("E. Voorbeeld");
    let stamp = || Stamp {
        rev: Uuid::now_v7(),
        at: Timestamp::UNIX_EPOCH,
    };
    let mut records = vec![
        (
            "budget".to_string(),
            Record::Kerngegeven(KerngegevenData {
                waarde: "4250000.5".to_string(),
                toelichting: "Begroting 2026".to_string(),
            }),
        ),
        (
            "meldingen".to_string(),
            Record::Kerngegeven(KerngegevenData {
                waarde: "1250".to_string(),
                toelichting: String::new(),
            }),
        ),
        (
            "formatie".to_string(),
            Record::Kerngegeven(KerngegevenData {
                waarde: String::new(),
                toelichting: "Levert de organisatie na.".to_string(),
            }),
        ),
    ];
    let fw = inspection.framework.clone();
    for (id, text) in [
        (
            "1.1.1",
            "De organisatie stuurt met een jaarplan en kwartaalrapportages.",
        ),
        ("1.1.2", "De formatie is krap; vacatures staan lang open."),
    ] {
        let data =
            OordeelData::parse(&fw, id, "niet_beoordeeld", text.to_string()).expect("oordeel");
        records.push((id.to_string(), Record::Oordeel(data)));
    }
    if let Some((eindoordeel, onderbouwing)) = choice {
        records.push((
            inspection.keuze_id(),
            Record::Keuze(KeuzeData {
                eindoordeel: eindoordeel.to_string(),
                onderbouwing: onderbouwing.to_string(),
            }),
        ));
    }
    for (id, record) in records {
        let change = inspection.change(&id, record, author, stamp());
        inspection.apply(change);
    }
    inspection
}

#[test]
fn a_chosen_eindoordeel_and_the_kerndata_are_in_the_rapport_without_beslisregels() {
    let inspection = keuze_inspection(Some((
        "categorie_2",
        "De formatie is structureel te krap voor het aantal meldingen.",
    )));
    let model = report::build(&inspection, &definitive());
    assert!(!model.meta.provisional);
    let kerndata = section_titled(&model, "Kerndata");
    assert_eq!(kerndata.number.as_deref(), Some("1.2"));
    assert_eq!(tables(kerndata).count(), 2, "a table per groep");

    let pdf = PdfText::read(&report::pdf(&inspection, &definitive()).expect("pdf"));
    for phrase in [
        "Kerndata",
        "Financiën",
        "Primair proces",
        "Structureel budget",
        "€ 4.250.000,50",
        "Begroting 2026",
        "1.250 meldingen",
        "eerste kwartaal 2026",
        "niet ingevuld",
        "Levert de organisatie na.",
        "Eindoordeel: basis op orde maar kwetsbaar",
        "De basis is op orde, maar de organisatie is kwetsbaar door een krappe formatie.",
        "De formatie is structureel te krap voor het aantal meldingen.",
        // The toelichting of inventoried topics.
        "De organisatie stuurt met een jaarplan en kwartaalrapportages.",
        "De formatie is krap; vacatures staan lang open.",
        // Bijlage 3 lists the eindoordelen to choose from.
        "Bijlage 3 – Eindoordelen",
        "Er zijn risico's voor de kwaliteit van het werk.",
    ] {
        assert!(
            pdf.has(phrase),
            "{phrase:?} missing:\n{}",
            pdf.pages.concat()
        );
    }
    let text = pdf.pages.concat().to_lowercase();
    for wrong in [
        "aftrekpunt",
        "schaal",
        "beslisregel",
        "nog geen eindoordeel",
    ] {
        assert!(!text.contains(wrong), "{wrong:?} in the rapport:\n{text}");
    }
}

#[test]
fn without_a_choice_the_rapport_says_there_is_no_eindoordeel_yet() {
    let inspection = keuze_inspection(None);
    let model = report::build(&inspection, &concept());
    assert!(model.meta.provisional);
    assert!(
        model
            .title_page
            .notices
            .iter()
            .any(|n| n.starts_with("Nog geen eindoordeel.")
                && n.contains("nog geen eindoordeel gekozen")),
        "{:?}",
        model.title_page.notices
    );
    let verdict = format!("{:?}", section(&model, "4.1"));
    assert!(
        verdict.contains("Eindoordeel: nog niet gekozen"),
        "{verdict}"
    );
    let text = model.to_text();
    for lie in [
        "Eindoordeel: basis op orde",
        "Eindoordeel: risico",
        "Voorlopig eindoordeel",
        "aftrekpunt",
        "schaal",
        "beslisregel",
    ] {
        assert!(!text.contains(lie), "{lie:?} without a choice:\n{text}");
    }
    // The kerndata are there all the same.
    assert!(text.contains("€ 4.250.000,50"), "{text}");
}
