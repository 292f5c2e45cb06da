//! The rapport as a tagged PDF (PDF/UA-1, issue 17), read back with lopdf the way a screen
//! reader would: the catalog (`/MarkInfo`, `/Lang`, `/StructTreeRoot`, `/ViewerPreferences`,
//! XMP with `pdfuaid:part`), the structure tree with the text of every element taken from the
//! marked content of the pages, the headings in the order and at the levels of the report
//! model, every table with header cells, every verwachting in reading order, the running
//! header, footer and watermark as artifacts, and the outline.
//!
//! `UPDATE_SNAPSHOTS=1 cargo test --test suite pdf_structure::` rewrites
//! `tests/snapshots/pdf_structure_demo.txt`, the structure tree of the demo conceptrapport as
//! text.

use crate::common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use jiff::civil::{Date, date};
use lopdf::{Dictionary, Document, Object, ObjectId};
use veldtoets::domain::inspection::Inspection;
use veldtoets::report::{self, Block, Report, ReportOptions};

const REPORT_DATE: Date = date(2026, 10, 20);

fn demo() -> Inspection {
    let dir = tempfile::tempdir().expect("temp dir");
    let (_store, inspection) =
        veldtoets::demo::create(&dir.path().join("demo.veldtoets")).expect("demo");
    inspection
}

/// One structure element, with the text of its own marked content.
#[derive(Debug)]
struct Elem {
    role: String,
    attrs: Dictionary,
    id: Option<String>,
    /// The text of the element's marked-content sequences, in order.
    text: String,
    /// Page (0-based) and baseline (points from the bottom) of its first marked content.
    first: Option<(usize, f32)>,
    kids: Vec<Elem>,
}

impl Elem {
    /// The element and everything below it, depth first (reading order).
    fn walk(&self) -> Vec<&Elem> {
        let mut out = vec![self];
        for kid in &self.kids {
            out.extend(kid.walk());
        }
        out
    }

    /// The text of the element and everything below it.
    fn all_text(&self) -> String {
        let mut text = self.text.clone();
        for kid in &self.kids {
            text.push_str(&kid.all_text());
        }
        text
    }

    fn attr_name(&self, key: &[u8]) -> Option<String> {
        self.attrs
            .get(key)
            .and_then(Object::as_name)
            .ok()
            .map(|n| String::from_utf8_lossy(n).into_owned())
    }

    fn headers(&self) -> Vec<String> {
        self.attrs
            .get(b"Headers")
            .and_then(Object::as_array)
            .map(|ids| {
                ids.iter()
                    .filter_map(|id| lopdf::decode_text_string(id).ok())
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// What a page's content stream says: the text of each marked-content id with where it starts,
/// the text marked as artifact, and text outside any marked content.
#[derive(Default)]
struct PageContent {
    marked: BTreeMap<i64, (String, f32)>,
    artifacts: Vec<String>,
    unmarked: String,
}

struct TaggedPdf {
    doc: Document,
    pages: Vec<PageContent>,
    root: Elem,
}

impl TaggedPdf {
    fn read(bytes: &[u8]) -> TaggedPdf {
        let doc = Document::load_mem(bytes).expect("lopdf reads the rapport");
        let page_ids: Vec<ObjectId> = doc.get_pages().into_values().collect();
        let pages = page_ids.iter().map(|&id| page_content(&doc, id)).collect();
        let page_index: BTreeMap<ObjectId, usize> = page_ids
            .iter()
            .enumerate()
            .map(|(i, &id)| (id, i))
            .collect();
        let document = {
            let tree_root = doc
                .catalog()
                .and_then(|c| c.get(b"StructTreeRoot"))
                .and_then(|o| doc.dereference(o))
                .and_then(|(_, o)| o.as_dict())
                .expect("a StructTreeRoot in the catalog");
            assert_eq!(
                tree_root.get(b"Type").and_then(Object::as_name).ok(),
                Some(&b"StructTreeRoot"[..])
            );
            let kids = tree_root
                .get(b"K")
                .and_then(Object::as_array)
                .expect("the root has kids");
            assert_eq!(kids.len(), 1, "one Document element");
            kids[0].clone()
        };
        let mut pdf = TaggedPdf {
            doc,
            pages,
            root: Elem {
                role: String::new(),
                attrs: Dictionary::new(),
                id: None,
                text: String::new(),
                first: None,
                kids: Vec::new(),
            },
        };
        pdf.root = pdf.elem(&document, &page_index);
        pdf
    }

    fn elem(&self, obj: &Object, page_index: &BTreeMap<ObjectId, usize>) -> Elem {
        let (_, obj) = self.doc.dereference(obj).expect("a structure element");
        let dict = obj.as_dict().expect("a structure element is a dictionary");
        assert_eq!(
            dict.get(b"Type").and_then(Object::as_name).ok(),
            Some(&b"StructElem"[..])
        );
        let role = dict
            .get(b"S")
            .and_then(Object::as_name)
            .map(|n| String::from_utf8_lossy(n).into_owned())
            .expect("a structure type");
        let page = dict
            .get(b"Pg")
            .and_then(Object::as_reference)
            .ok()
            .map(|id| page_index[&id]);
        let attrs = dict
            .get(b"A")
            .and_then(|a| self.doc.dereference(a))
            .and_then(|(_, a)| a.as_dict())
            .cloned()
            .unwrap_or_default();
        let id = dict
            .get(b"ID")
            .ok()
            .and_then(|i| lopdf::decode_text_string(i).ok());
        let mut elem = Elem {
            role,
            attrs,
            id,
            text: String::new(),
            first: None,
            kids: Vec::new(),
        };
        let kids: Vec<Object> = match dict.get(b"K") {
            Ok(Object::Array(kids)) => kids.clone(),
            Ok(kid) => vec![kid.clone()],
            Err(_) => Vec::new(),
        };
        for kid in &kids {
            let mcr = match kid {
                Object::Integer(mcid) => Some((page.expect("/Pg for an MCID"), *mcid)),
                Object::Dictionary(d) if d.has(b"MCID") => Some((
                    page_index[&d.get(b"Pg").and_then(Object::as_reference).expect("/Pg")],
                    d.get(b"MCID").and_then(Object::as_i64).expect("/MCID"),
                )),
                _ => None,
            };
            match mcr {
                Some((page, mcid)) => {
                    let (text, y) = self.pages[page]
                        .marked
                        .get(&mcid)
                        .unwrap_or_else(|| panic!("MCID {mcid} is not on page {}", page + 1));
                    elem.text.push_str(text);
                    elem.first.get_or_insert((page, *y));
                }
                None => elem.kids.push(self.elem(kid, page_index)),
            }
        }
        elem
    }

    fn catalog(&self) -> &Dictionary {
        self.doc.catalog().expect("a catalog")
    }

    fn headings(&self) -> Vec<(u8, String)> {
        self.root
            .walk()
            .into_iter()
            .filter_map(|e| {
                let level = e.role.strip_prefix('H')?.parse::<u8>().ok()?;
                Some((level, e.all_text().trim().to_string()))
            })
            .collect()
    }

    fn of_role(&self, role: &str) -> Vec<&Elem> {
        self.root
            .walk()
            .into_iter()
            .filter(|e| e.role == role)
            .collect()
    }

    /// Outline titles with their depth, in order.
    fn outline(&self) -> Vec<(usize, String)> {
        fn items(
            doc: &Document,
            first: Option<&Object>,
            depth: usize,
            out: &mut Vec<(usize, String)>,
        ) {
            let mut next = first.and_then(|o| o.as_reference().ok());
            while let Some(id) = next {
                let item = doc.get_dictionary(id).expect("an outline item");
                let title = item
                    .get(b"Title")
                    .and_then(lopdf::decode_text_string)
                    .expect("a title");
                out.push((depth, title));
                items(doc, item.get(b"First").ok(), depth + 1, out);
                next = item.get(b"Next").and_then(Object::as_reference).ok();
            }
        }
        let outlines = self
            .catalog()
            .get(b"Outlines")
            .and_then(Object::as_reference)
            .and_then(|id| self.doc.get_dictionary(id))
            .expect("an outline");
        let mut out = Vec::new();
        items(&self.doc, outlines.get(b"First").ok(), 0, &mut out);
        out
    }

    /// The structure tree as indented text: type, scope or headers, and the element's own text
    /// (shortened).
    fn to_text(&self) -> String {
        let ids: BTreeMap<String, String> = self
            .root
            .walk()
            .into_iter()
            .filter_map(|e| Some((e.id.clone()?, e.all_text().trim().to_string())))
            .collect();
        let mut out = String::new();
        fn write(e: &Elem, depth: usize, ids: &BTreeMap<String, String>, out: &mut String) {
            out.push_str(&"  ".repeat(depth));
            out.push_str(&e.role);
            if let Some(scope) = e.attr_name(b"Scope") {
                out.push_str(&format!(" [scope {scope}]"));
            }
            let headers: Vec<String> = e
                .headers()
                .iter()
                .map(|h| ids.get(h).cloned().unwrap_or_else(|| format!("?{h}")))
                .collect();
            if !headers.is_empty() {
                out.push_str(&format!(" [headers: {}]", headers.join(" | ")));
            }
            if let Some(numbering) = e.attr_name(b"ListNumbering") {
                out.push_str(&format!(" [{numbering}]"));
            }
            let text = e.text.trim();
            if !text.is_empty() {
                let mut short: String = text.chars().take(72).collect();
                if short.len() < text.len() {
                    short.push('…');
                }
                out.push_str(&format!(" {short:?}"));
            }
            out.push('\n');
            for kid in &e.kids {
                write(kid, depth + 1, ids, out);
            }
        }
        write(&self.root, 0, &ids, &mut out);
        out
    }
}

/// Reads one page's content stream: marked-content sequences with their MCID or as artifacts,
/// text shown with the page's fonts decoded through their encodings (ToUnicode).
fn page_content(doc: &Document, page: ObjectId) -> PageContent {
    let fonts = doc.get_page_fonts(page).expect("page fonts");
    let encodings: BTreeMap<Vec<u8>, lopdf::Encoding> = fonts
        .into_iter()
        .map(|(name, font)| {
            assert!(
                font.has(b"ToUnicode")
                    || font.get(b"Subtype").and_then(Object::as_name).ok() != Some(&b"Type0"[..]),
                "font {} has no ToUnicode map",
                String::from_utf8_lossy(&name)
            );
            (name, font.get_font_encoding(doc).expect("an encoding"))
        })
        .collect();
    let content = doc.get_and_decode_page_content(page).expect("page content");
    let mut out = PageContent::default();
    // The open marked-content sequences: Some(mcid), or None for an artifact.
    let mut stack: Vec<Option<i64>> = Vec::new();
    let mut artifact = String::new();
    let mut font: Option<&lopdf::Encoding> = None;
    let mut y = 0.0;
    for op in &content.operations {
        match op.operator.as_str() {
            "BDC" | "BMC" => {
                let tag = op.operands.first().and_then(|o| o.as_name().ok());
                if tag == Some(&b"Artifact"[..]) {
                    stack.push(None);
                    artifact.clear();
                } else {
                    let mcid = op
                        .operands
                        .get(1)
                        .and_then(|p| p.as_dict().ok())
                        .and_then(|d| d.get(b"MCID").ok())
                        .and_then(|m| m.as_i64().ok())
                        .expect("marked content other than an artifact has an MCID");
                    assert!(
                        !stack.iter().any(Option::is_some),
                        "nested marked content with an MCID"
                    );
                    assert!(
                        out.marked.insert(mcid, (String::new(), f32::NAN)).is_none(),
                        "MCID {mcid} used twice on one page"
                    );
                    stack.push(Some(mcid));
                }
            }
            "EMC" => {
                let closed = stack.pop().expect("EMC without BDC");
                if closed.is_none() {
                    out.artifacts.push(std::mem::take(&mut artifact));
                }
            }
            "Tf" => {
                font = op
                    .operands
                    .first()
                    .and_then(|n| n.as_name().ok())
                    .and_then(|n| encodings.get(n));
            }
            "Tm" => {
                y = op
                    .operands
                    .get(5)
                    .and_then(|v| v.as_float().ok())
                    .expect("a Tm with six operands");
            }
            "Tj" | "TJ" => {
                let encoding = font.expect("text shown with a font set");
                let mut text = String::new();
                for operand in &op.operands {
                    let strings = match operand {
                        Object::Array(items) => items.clone(),
                        other => vec![other.clone()],
                    };
                    for s in strings {
                        if let Object::String(bytes, _) = s {
                            text.push_str(
                                &Document::decode_text(encoding, &bytes).expect("decodable text"),
                            );
                        }
                    }
                }
                match stack.last() {
                    None => out.unmarked.push_str(&text),
                    Some(None) => artifact.push_str(&text),
                    Some(Some(mcid)) => {
                        let entry = out.marked.get_mut(mcid).expect("open MCID");
                        if entry.0.is_empty() {
                            entry.1 = y;
                        }
                        entry.0.push_str(&text);
                    }
                }
            }
            _ => {}
        }
    }
    assert!(stack.is_empty(), "a marked-content sequence is not closed");
    out
}

fn snapshot_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("snapshots")
        .join(name)
}

/// Compares `actual` with a committed snapshot, or rewrites it with `UPDATE_SNAPSHOTS=1`.
fn check_snapshot(name: &str, actual: &str) {
    common::check_text_snapshot(&snapshot_path(name), actual, "pdf_structure");
}

fn compact(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The headings the model has, in order: the title, every section heading and every heading
/// block.
fn model_headings(model: &Report) -> Vec<String> {
    let mut out = vec![model.title_page.title.clone()];
    for section in &model.sections {
        out.push(section.heading());
        for block in &section.blocks {
            if let Block::Heading { text, .. } = block {
                out.push(text.plain_text());
            }
        }
    }
    out
}

/// Everything a tagged rapport must have, whatever its content.
fn assert_tagged(pdf: &TaggedPdf, model: &Report) {
    let catalog = pdf.catalog();
    let marked = catalog
        .get(b"MarkInfo")
        .and_then(Object::as_dict)
        .and_then(|m| m.get(b"Marked"))
        .and_then(Object::as_bool);
    assert_eq!(marked.ok(), Some(true), "/MarkInfo << /Marked true >>");
    let lang = catalog
        .get(b"Lang")
        .and_then(lopdf::decode_text_string)
        .expect("/Lang");
    assert_eq!(lang, "nl-NL");
    let display_title = catalog
        .get(b"ViewerPreferences")
        .and_then(Object::as_dict)
        .and_then(|v| v.get(b"DisplayDocTitle"))
        .and_then(Object::as_bool);
    assert_eq!(display_title.ok(), Some(true), "/DisplayDocTitle true");
    assert!(pdf.doc.version.as_str() >= "1.7", "PDF {}", pdf.doc.version);

    // XMP: PDF/UA-1 identification and the title.
    let xmp = catalog
        .get(b"Metadata")
        .and_then(Object::as_reference)
        .and_then(|id| pdf.doc.get_object(id))
        .and_then(Object::as_stream)
        .map(|s| String::from_utf8_lossy(&s.content).into_owned())
        .expect("an XMP metadata stream");
    assert!(xmp.contains("<pdfuaid:part>1</pdfuaid:part>"), "{xmp}");
    assert!(
        xmp.contains(&format!(
            "<rdf:li xml:lang=\"x-default\">{}</rdf:li>",
            model.meta.title
        )),
        "{xmp}"
    );
    assert!(xmp.contains("<rdf:li>nl-NL</rdf:li>"), "{xmp}");
    let info = pdf
        .doc
        .trailer
        .get(b"Info")
        .and_then(Object::as_reference)
        .and_then(|id| pdf.doc.get_dictionary(id))
        .expect("an Info dictionary");
    let title = info.get(b"Title").and_then(lopdf::decode_text_string);
    assert_eq!(title.ok().as_deref(), Some(model.meta.title.as_str()));
    assert!(!info.has(b"GTS_PDFXVersion"), "no claim of PDF/X");
    // The author, when the model has one, in the Info dictionary and the XMP.
    let author = info.get(b"Author").and_then(lopdf::decode_text_string).ok();
    let expected = (!model.meta.author.is_empty()).then(|| model.meta.author.clone());
    assert_eq!(author, expected);
    if let Some(author) = expected {
        assert!(
            xmp.contains(&format!(
                "<dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>"
            )),
            "{xmp}"
        );
    }

    // Every page: in the parent tree, and all its text marked (content or artifact).
    for (i, &page) in pdf.doc.get_pages().values().enumerate() {
        let dict = pdf.doc.get_dictionary(page).expect("a page");
        assert_eq!(
            dict.get(b"StructParents").and_then(Object::as_i64).ok(),
            Some(i as i64)
        );
        assert!(
            pdf.pages[i].unmarked.is_empty(),
            "text on page {} outside marked content: {:?}",
            i + 1,
            pdf.pages[i].unmarked
        );
        assert!(
            pdf.pages[i]
                .marked
                .values()
                .all(|(text, _)| !text.is_empty()),
            "empty marked content on page {}",
            i + 1
        );
    }
    assert_eq!(pdf.root.role, "Document");

    // The headings: the model's, in order, H1 first and no level skipped.
    let headings = pdf.headings();
    let texts: Vec<String> = headings.iter().map(|(_, t)| compact(t)).collect();
    let expected: Vec<String> = model_headings(model).iter().map(|t| compact(t)).collect();
    assert_eq!(texts, expected, "the headings in reading order");
    let mut previous = 0;
    for (level, text) in &headings {
        assert!(
            (1..=previous + 1).contains(level),
            "H{level} {text:?} after H{previous}"
        );
        previous = *level;
    }
    for section in &model.sections {
        let level = headings
            .iter()
            .find(|(_, t)| compact(t) == compact(&section.heading()))
            .map(|(l, _)| *l);
        assert_eq!(level, Some(section.level), "{}", section.heading());
    }

    // Every table has header cells; column headers say so, data cells name theirs.
    let model_tables = model
        .sections
        .iter()
        .flat_map(|s| &s.blocks)
        .filter(|b| matches!(b, Block::Table(_)))
        .count();
    let tables = pdf.of_role("Table");
    let facts = usize::from(!model.title_page.facts.is_empty());
    assert_eq!(tables.len(), model_tables + facts, "one Table per table");
    let ids: Vec<String> = pdf
        .root
        .walk()
        .iter()
        .filter_map(|e| e.id.clone())
        .collect();
    for table in &tables {
        let cells = table.walk();
        let th: Vec<&&Elem> = cells.iter().filter(|e| e.role == "TH").collect();
        assert!(!th.is_empty(), "a table without TH: {:?}", table.all_text());
        assert!(th.iter().all(|h| h.attr_name(b"Scope").is_some()));
        for td in cells.iter().filter(|e| e.role == "TD") {
            let headers = td.headers();
            assert!(!headers.is_empty(), "a TD without headers");
            assert!(headers.iter().all(|h| ids.contains(h)), "{headers:?}");
        }
        for head in cells.iter().filter(|e| e.role == "THead") {
            for h in head.walk().iter().filter(|e| e.role == "TH") {
                assert_eq!(h.attr_name(b"Scope").as_deref(), Some("Column"));
            }
        }
    }

    // Lists: L > LI > Lbl + LBody.
    for list in pdf.of_role("L") {
        assert!(!list.kids.is_empty());
        for item in &list.kids {
            assert_eq!(item.role, "LI");
            let roles: Vec<&str> = item.kids.iter().map(|k| k.role.as_str()).collect();
            assert_eq!(roles, ["Lbl", "LBody"]);
        }
    }

    // Reading order is the visual order: the blocks of the document go down the pages.
    let mut last: Option<(usize, f32)> = None;
    for block in &pdf.root.kids {
        let Some(first) = block.walk().iter().find_map(|e| e.first) else {
            continue;
        };
        if let Some((page, y)) = last {
            assert!(
                first.0 > page || (first.0 == page && first.1 <= y + 0.01),
                "{} {:?} is above the block before it",
                block.role,
                block.all_text()
            );
        }
        last = Some(first);
    }

    // The running header and footer are artifacts on every page, never content.
    let content = pdf.root.all_text();
    let n = pdf.pages.len();
    for (i, page) in pdf.pages.iter().enumerate() {
        let number = format!("pagina {} van {n}", i + 1);
        assert!(
            page.artifacts.iter().any(|a| a.contains(&number)),
            "page {}: the page number is not an artifact: {:?}",
            i + 1,
            page.artifacts
        );
        assert!(!content.contains(&number), "{number} in the structure");
    }
    let footer = format!(
        "{} · {}",
        model.meta.organisation,
        veldtoets::domain::termijn::format_date_nl(model.meta.date)
    );
    assert!(!compact(&content).contains(&compact(&footer)), "{footer}");
    assert!(
        pdf.pages.iter().all(|p| p
            .artifacts
            .iter()
            .any(|a| compact(a).contains(&compact(&footer)))),
        "the footer is an artifact on every page"
    );

    // The outline follows the chapters and their paragraphs.
    let outline = pdf.outline();
    let expected: Vec<(usize, String)> = model
        .sections
        .iter()
        .filter(|s| s.level <= 2)
        .map(|s| (usize::from(s.level) - 1, s.heading()))
        .collect();
    assert_eq!(outline, expected);
}

#[test]
fn the_demo_conceptrapport_is_a_tagged_pdf_a_screen_reader_can_follow() {
    let inspection = demo();
    let options = ReportOptions::new(true, REPORT_DATE);
    let model = report::build(&inspection, &options);
    // Its author: the inspectorate the kader names.
    assert_eq!(
        model.meta.author,
        "Inspectie Jeugdzorg en Inspectie voor de Gezondheidszorg"
    );
    let bytes = report::render_pdf(&model).expect("a PDF");
    let pdf = TaggedPdf::read(&bytes);
    assert_tagged(&pdf, &model);

    // Every verwachting, in kader order, in the Nr. column of the tables of chapter 2.
    let ids: Vec<String> = pdf
        .of_role("TD")
        .into_iter()
        .filter(|td| {
            td.headers().iter().any(|h| {
                pdf.of_role("TH")
                    .iter()
                    .any(|th| th.id.as_ref() == Some(h) && th.text.trim() == "Nr.")
            })
        })
        .map(|td| td.text.trim().to_string())
        .filter(|id| inspection.framework.index_of(id).is_some())
        .collect();
    let kader: Vec<String> = inspection
        .framework
        .expectations()
        .iter()
        .map(|e| e.expectation.id.clone())
        .collect();
    assert_eq!(
        ids[..kader.len()],
        kader[..],
        "the verwachtingen in reading order"
    );

    // The watermark is an artifact on every page and no content says CONCEPT on its own.
    for (i, page) in pdf.pages.iter().enumerate() {
        assert!(
            page.artifacts.iter().any(|a| a == "CONCEPT"),
            "no CONCEPT artifact on page {}",
            i + 1
        );
    }
    assert!(
        pdf.root.walk().iter().all(|e| e.text.trim() != "CONCEPT"),
        "the watermark is in the structure"
    );

    // The table of contents: an entry per section with its page number.
    let entries = pdf.of_role("TOCI");
    assert_eq!(
        entries.len(),
        model.sections.iter().filter(|s| s.in_contents()).count()
    );
    assert!(
        entries[0].all_text().trim_end().ends_with(char::is_numeric),
        "{:?}",
        entries[0].all_text()
    );

    check_snapshot("pdf_structure_demo.txt", &pdf.to_text());
}

#[test]
fn the_definitive_rapport_is_tagged_without_a_watermark() {
    let options = ReportOptions::new(false, REPORT_DATE);
    let model = report::build(&demo(), &options);
    let bytes = report::render_pdf(&model).expect("a PDF");
    let pdf = TaggedPdf::read(&bytes);
    assert_tagged(&pdf, &model);
    assert!(
        pdf.pages
            .iter()
            .all(|p| p.artifacts.iter().all(|a| a != "CONCEPT")),
        "a watermark on the definitive rapport"
    );
}

#[test]
fn the_landelijk_overzicht_is_tagged() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("demo.veldtoets");
    let (_store, inspection) = veldtoets::demo::create(&path).expect("demo");
    let overzicht =
        veldtoets::overzicht::build(&[(path.as_path(), &inspection)]).expect("overzicht");
    let model = veldtoets::overzicht::report(&overzicht, REPORT_DATE);
    let bytes = veldtoets::overzicht::pdf(&overzicht, REPORT_DATE).expect("a PDF");
    let pdf = TaggedPdf::read(&bytes);
    assert_tagged(&pdf, &model);
}

#[test]
fn a_table_without_a_header_row_heads_its_rows() {
    use report::{Column, ReportMeta, Row, Section, Table, Text, TitlePage};
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
            title: "Sleutels en waarden".into(),
            level: 1,
            blocks: vec![
                // A run-in label right under a chapter: H2, not H3 (no level skipped).
                Block::Heading {
                    level: 2,
                    text: Text::plain("Toelichting"),
                },
                Block::Table(Table {
                    columns: vec![Column::new("Sleutel", 1.0), Column::new("Waarde", 2.0)],
                    header: false,
                    rows: vec![
                        Row::new(vec![Text::plain("Organisatie"), Text::plain("Proef")]),
                        Row::new(vec![Text::plain("Datum"), Text::plain("20 oktober 2026")]),
                    ],
                }),
            ],
        }],
    };
    let pdf = TaggedPdf::read(&report::render_pdf(&model).expect("a PDF"));
    assert_tagged(&pdf, &model);
    assert_eq!(
        pdf.headings(),
        [
            (1, "Proef".to_string()),
            (1, "1 Sleutels en waarden".to_string()),
            (2, "Toelichting".to_string())
        ]
    );
    let table = pdf.of_role("Table")[0]
        .walk()
        .iter()
        .map(|e| e.role.clone())
        .collect::<Vec<_>>();
    assert_eq!(
        table,
        ["Table", "TBody", "TR", "TH", "TD", "TR", "TH", "TD"]
    );
    let th = pdf.of_role("TH");
    assert_eq!(th[0].attr_name(b"Scope").as_deref(), Some("Row"));
    assert_eq!(th[0].text.trim(), "Organisatie");
    assert!(
        pdf.root
            .walk()
            .iter()
            .all(|e| e.text.trim() != "Sleutel" && e.text.trim() != "Waarde"),
        "no header row drawn"
    );
}

#[test]
fn a_table_over_several_pages_has_one_header_row_in_the_structure() {
    use report::{Column, ReportMeta, Row, Section, Table, Text, TitlePage};
    let rows = (1..=120)
        .map(|i| Row::new(vec![Text::plain(format!("rij {i}")), Text::plain("waarde")]))
        .collect();
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
            title: "Lange tabel".into(),
            level: 1,
            blocks: vec![Block::Table(Table {
                columns: vec![
                    Column::new("Kolomkop links", 1.0),
                    Column::new("Kolomkop rechts", 2.0),
                ],
                header: true,
                rows,
            })],
        }],
    };
    let pdf = TaggedPdf::read(&report::render_pdf(&model).expect("a PDF"));
    assert!(pdf.pages.len() >= 4, "{} pages", pdf.pages.len());
    assert_tagged(&pdf, &model);
    assert_eq!(pdf.of_role("TH").len(), 2, "the header row once");
    assert_eq!(pdf.of_role("TR").len(), 121);
    // On every following page the repeated header is an artifact.
    for page in &pdf.pages[2..] {
        assert!(
            page.artifacts.iter().any(|a| a.contains("Kolomkop links")),
            "{:?}",
            page.artifacts
        );
    }
    let cells: Vec<String> = pdf
        .of_role("TD")
        .iter()
        .step_by(2)
        .map(|td| td.text.trim().to_string())
        .collect();
    let expected: Vec<String> = (1..=120).map(|i| format!("rij {i}")).collect();
    assert_eq!(cells, expected, "the rows in order");
}
