//! Tagged PDF (PDF/UA-1): the structure tree of the rapport and the document-level entries an
//! accessible PDF needs.
//!
//! printpdf 0.12 writes marked content (`BDC … EMC`) but no structure tree. So the renderer
//! builds a [`StructTree`] while it lays the report model out (one element per heading,
//! paragraph, list item, table cell, … in reading order), marks every piece of text it draws
//! either as content of one element ([`Mark::Content`], which gets a marked-content id per page)
//! or as an artifact (running header and footer, page numbers, the CONCEPT watermark, rules and
//! shading, a table header repeated on a following page), and after printpdf has built the
//! document [`finish`] writes into it: the structure elements, the parent tree, `/StructParents`
//! and `/Tabs` on every page, and in the catalog `/MarkInfo`, `/Lang`, `/StructTreeRoot`,
//! `/ViewerPreferences /DisplayDocTitle`, the XMP metadata (with `pdfuaid:part` 1) and the
//! outline of the chapters.
//!
//! A drawing (a chart) is one `Figure` element: its drawing operations and the text in it are
//! one marked-content sequence of that element, and the element carries the drawing's text
//! alternative (`/Alt`) and its bounding box (`/BBox`), so a screen reader reads the words
//! instead of the labels and bars.
//!
//! The objects are written with lopdf, the very version printpdf builds its documents with
//! (`PdfDocument::to_lopdf_document`), so no second PDF library is compiled in and the saved
//! bytes are never parsed again.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use printpdf::DictItem;
use printpdf_lopdf::{Dictionary, Document, Object, ObjectId, Stream, StringFormat};

use super::ReportError;

/// The document language, in the catalog and the XMP metadata.
pub const LANG: &str = "nl-NL";

/// An element of the structure tree, by index.
pub type ElemId = usize;

/// The structure types the rapport uses (ISO 32000-1, 14.8.4), named as in the standard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(clippy::upper_case_acronyms)]
pub enum Role {
    Document,
    /// A heading, level 1 to 6.
    H(u8),
    P,
    L,
    LI,
    Lbl,
    LBody,
    Table,
    THead,
    TBody,
    TR,
    TH(Scope),
    TD,
    TOC,
    TOCI,
    /// A drawing; give it a text alternative with [`StructTree::set_alt`].
    Figure,
}

/// What a header cell heads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Column,
    Row,
}

impl Role {
    fn name(self) -> &'static str {
        match self {
            Role::Document => "Document",
            Role::H(1) => "H1",
            Role::H(2) => "H2",
            Role::H(3) => "H3",
            Role::H(4) => "H4",
            Role::H(5) => "H5",
            Role::H(_) => "H6",
            Role::P => "P",
            Role::L => "L",
            Role::LI => "LI",
            Role::Lbl => "Lbl",
            Role::LBody => "LBody",
            Role::Table => "Table",
            Role::THead => "THead",
            Role::TBody => "TBody",
            Role::TR => "TR",
            Role::TH(_) => "TH",
            Role::TD => "TD",
            Role::TOC => "TOC",
            Role::TOCI => "TOCI",
            Role::Figure => "Figure",
        }
    }
}

/// What a piece of drawn text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// Real content of this structure element.
    Content(ElemId),
    /// Not part of the document's content: read by no screen reader.
    Artifact(Artifact),
}

/// The kinds of artifact on a rapport page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Artifact {
    /// The running header.
    Header,
    /// The running footer with the page number.
    Footer,
    /// The CONCEPT watermark.
    Watermark,
    /// A table's header row repeated on a following page.
    Pagination,
    /// Rules, shading and the colour bar: decoration only.
    Layout,
}

impl Artifact {
    /// The property list of the artifact's marked-content sequence.
    fn properties(self) -> DictItem {
        let (kind, subtype) = match self {
            Artifact::Header => ("Pagination", Some("Header")),
            Artifact::Footer => ("Pagination", Some("Footer")),
            Artifact::Watermark => ("Pagination", Some("Watermark")),
            Artifact::Pagination => ("Pagination", None),
            Artifact::Layout => ("Layout", None),
        };
        let name = |n: &str| DictItem::Name(n.as_bytes().to_vec());
        let mut map = BTreeMap::from([("Type".to_string(), name(kind))]);
        if let Some(subtype) = subtype {
            map.insert("Subtype".to_string(), name(subtype));
        }
        DictItem::Dict { map }
    }
}

/// A marked-content sequence to open in a content stream: its tag and property list.
pub struct MarkedContent {
    pub tag: &'static str,
    pub properties: DictItem,
}

#[derive(Debug, Clone, Copy)]
enum Kid {
    Elem(ElemId),
    /// A marked-content sequence on a page (0-based) with its id on that page.
    Content {
        page: usize,
        mcid: i64,
    },
}

#[derive(Debug)]
struct Elem {
    role: Role,
    parent: Option<ElemId>,
    kids: Vec<Kid>,
    /// The header cells a data cell belongs to.
    headers: Vec<ElemId>,
    /// The text alternative (`/Alt`) of a figure.
    alt: Option<String>,
    /// Where a figure is drawn on its page: left, bottom, right, top in PDF user space.
    bbox: Option<[f32; 4]>,
}

/// The logical structure of the rapport, built in reading order while the pages are laid out.
#[derive(Debug)]
pub struct StructTree {
    elems: Vec<Elem>,
    /// Per page, the element of each marked-content id (the parent tree).
    pages: Vec<Vec<ElemId>>,
}

/// The document's metadata, for the Info dictionary and the XMP packet.
pub struct DocInfo<'a> {
    pub title: &'a str,
    /// Who publishes the rapport ("Inspectie Jeugdzorg en …"); empty: not written.
    pub author: &'a str,
    pub subject: &'a str,
    pub keywords: &'a [&'a str],
    pub creator: &'a str,
    pub producer: &'a str,
    /// Year, month, day: the rapport date (written as noon UTC).
    pub date: (i16, i8, i8),
}

/// A bookmark: a chapter (level 1) or a paragraph under it (level 2), where its heading is.
pub struct OutlineEntry {
    pub title: String,
    pub level: u8,
    /// 0-based page index.
    pub page: usize,
    /// The top of the heading in PDF user space (points from the bottom of the page).
    pub top: f32,
}

impl StructTree {
    /// The root element, `Document`.
    pub const DOCUMENT: ElemId = 0;

    pub fn new() -> StructTree {
        StructTree {
            elems: vec![Elem {
                role: Role::Document,
                parent: None,
                kids: Vec::new(),
                headers: Vec::new(),
                alt: None,
                bbox: None,
            }],
            pages: Vec::new(),
        }
    }

    /// Appends a new element with `role` as the last child of `parent`.
    pub fn add(&mut self, parent: ElemId, role: Role) -> ElemId {
        let id = self.elems.len();
        self.elems.push(Elem {
            role,
            parent: Some(parent),
            kids: Vec::new(),
            headers: Vec::new(),
            alt: None,
            bbox: None,
        });
        self.elems[parent].kids.push(Kid::Elem(id));
        id
    }

    /// Records that data cell `cell` is headed by the header cells `headers`.
    pub fn set_headers(&mut self, cell: ElemId, headers: Vec<ElemId>) {
        self.elems[cell].headers = headers;
    }

    /// Gives `elem` (a figure) its text alternative: what it shows, in words.
    pub fn set_alt(&mut self, elem: ElemId, alt: impl Into<String>) {
        self.elems[elem].alt = Some(alt.into());
    }

    /// Records where `elem` (a figure) is drawn on its page: left, bottom, right and top in
    /// PDF user space (points from the bottom left corner).
    pub fn set_bbox(&mut self, elem: ElemId, bbox: [f32; 4]) {
        self.elems[elem].bbox = Some(bbox);
    }

    /// The marked-content sequence for the next piece of text on `page` (0-based) marked `mark`:
    /// for content a new marked-content id, recorded as the element's next child.
    pub fn begin(&mut self, mark: Mark, page: usize) -> MarkedContent {
        match mark {
            Mark::Artifact(artifact) => MarkedContent {
                tag: "Artifact",
                properties: artifact.properties(),
            },
            Mark::Content(elem) => {
                if self.pages.len() <= page {
                    self.pages.resize_with(page + 1, Vec::new);
                }
                let mcid = self.pages[page].len() as i64;
                self.pages[page].push(elem);
                self.elems[elem].kids.push(Kid::Content { page, mcid });
                MarkedContent {
                    tag: self.elems[elem].role.name(),
                    properties: DictItem::Dict {
                        map: BTreeMap::from([("MCID".to_string(), DictItem::Int(mcid))]),
                    },
                }
            }
        }
    }

    /// The tree as indented text: one element a line with its type, a header cell's scope and
    /// the number of its marked-content sequences. For tests of the layout.
    #[cfg(test)]
    pub fn outline_text(&self) -> String {
        let mut out = String::new();
        self.write_text(Self::DOCUMENT, 0, &mut out);
        out
    }

    #[cfg(test)]
    fn write_text(&self, elem: ElemId, depth: usize, out: &mut String) {
        let e = &self.elems[elem];
        let contents = e
            .kids
            .iter()
            .filter(|k| matches!(k, Kid::Content { .. }))
            .count();
        let scope = match e.role {
            Role::TH(Scope::Column) => " (Column)",
            Role::TH(Scope::Row) => " (Row)",
            _ => "",
        };
        let alt = e
            .alt
            .as_ref()
            .map(|a| format!(" Alt={a:?}"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "{}{}{scope} {contents}{alt}",
            "  ".repeat(depth),
            e.role.name()
        );
        for kid in &e.kids {
            if let Kid::Elem(child) = kid {
                self.write_text(*child, depth + 1, out);
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Writing into the document

fn name(text: &str) -> Object {
    Object::Name(text.as_bytes().to_vec())
}

fn int(n: usize) -> Object {
    Object::Integer(i64::try_from(n).unwrap_or(i64::MAX))
}

/// A text string: PDFDocEncoding for ASCII, else UTF-16BE with a byte order mark.
fn text_string(text: &str) -> Object {
    let data = if text.is_ascii() {
        text.as_bytes().to_vec()
    } else {
        let mut data = Vec::with_capacity(2 + 2 * text.len());
        data.extend_from_slice(&[0xFE, 0xFF]);
        for unit in text.encode_utf16() {
            data.extend_from_slice(&unit.to_be_bytes());
        }
        data
    };
    Object::String(data, StringFormat::Literal)
}

fn dict<const N: usize>(entries: [(&str, Object); N]) -> Dictionary {
    Dictionary::from_iter(entries)
}

fn pdf_error(error: impl std::fmt::Display) -> ReportError {
    ReportError::Pdf(error.to_string())
}

/// Writes the structure tree, the accessibility entries, the metadata and the outline into
/// `doc`, the document printpdf built from the pages the tree was marked on.
pub fn finish(
    doc: &mut Document,
    tree: &StructTree,
    info: &DocInfo<'_>,
    outline: &[OutlineEntry],
) -> Result<(), ReportError> {
    let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
    if tree.pages.len() > pages.len() {
        return Err(ReportError::Pdf(format!(
            "de structuur noemt {} pagina's, het document heeft er {}",
            tree.pages.len(),
            pages.len()
        )));
    }
    doc.version = "1.7".to_string();

    // Structure elements: ids first, so parents and children can point at each other.
    let root = doc.new_object_id();
    let ids: Vec<ObjectId> = tree.elems.iter().map(|_| doc.new_object_id()).collect();
    let th_id = |elem: ElemId| format!("th{elem}");
    let mut id_tree: Vec<(String, ObjectId)> = Vec::new();
    for (index, elem) in tree.elems.iter().enumerate() {
        let first_page = elem.kids.iter().find_map(|k| match k {
            Kid::Content { page, .. } => Some(*page),
            Kid::Elem(_) => None,
        });
        let kids: Vec<Object> = elem
            .kids
            .iter()
            .map(|kid| match *kid {
                Kid::Elem(child) => Object::Reference(ids[child]),
                Kid::Content { page, mcid } if Some(page) == first_page => Object::Integer(mcid),
                Kid::Content { page, mcid } => Object::Dictionary(dict([
                    ("Type", name("MCR")),
                    ("Pg", Object::Reference(pages[page])),
                    ("MCID", Object::Integer(mcid)),
                ])),
            })
            .collect();
        let mut map = dict([
            ("Type", name("StructElem")),
            ("S", name(elem.role.name())),
            ("P", Object::Reference(elem.parent.map_or(root, |p| ids[p]))),
        ]);
        if !kids.is_empty() {
            map.set("K", kids);
        }
        if let Some(page) = first_page {
            map.set("Pg", pages[page]);
        }
        match elem.role {
            Role::TH(scope) => {
                let scope = match scope {
                    Scope::Column => "Column",
                    Scope::Row => "Row",
                };
                map.set("A", dict([("O", name("Table")), ("Scope", name(scope))]));
                let id = th_id(index);
                map.set("ID", text_string(&id));
                id_tree.push((id, ids[index]));
            }
            Role::L => {
                map.set(
                    "A",
                    dict([("O", name("List")), ("ListNumbering", name("Disc"))]),
                );
            }
            Role::Figure => {
                if let Some([left, bottom, right, top]) = elem.bbox {
                    map.set(
                        "A",
                        dict([
                            ("O", name("Layout")),
                            (
                                "BBox",
                                Object::Array(
                                    [left, bottom, right, top]
                                        .into_iter()
                                        .map(Object::Real)
                                        .collect(),
                                ),
                            ),
                        ]),
                    );
                }
            }
            _ => {}
        }
        if let Some(alt) = &elem.alt {
            map.set("Alt", text_string(alt));
        }
        if !elem.headers.is_empty() {
            let headers: Vec<Object> = elem
                .headers
                .iter()
                .map(|&h| text_string(&th_id(h)))
                .collect();
            map.set(
                "A",
                dict([("O", name("Table")), ("Headers", Object::Array(headers))]),
            );
        }
        doc.set_object(ids[index], map);
    }

    // The parent tree: per page, the element of each marked-content id.
    let mut nums = Vec::with_capacity(2 * tree.pages.len());
    for (page, elems) in tree.pages.iter().enumerate() {
        nums.push(int(page));
        nums.push(Object::Array(
            elems.iter().map(|&e| Object::Reference(ids[e])).collect(),
        ));
    }
    let parent_tree = doc.add_object(dict([("Nums", Object::Array(nums))]));
    let mut root_dict = dict([
        ("Type", name("StructTreeRoot")),
        (
            "K",
            Object::Array(vec![Object::Reference(ids[StructTree::DOCUMENT])]),
        ),
        ("ParentTree", Object::Reference(parent_tree)),
        ("ParentTreeNextKey", int(pages.len())),
    ]);
    if !id_tree.is_empty() {
        id_tree.sort_by(|a, b| a.0.cmp(&b.0));
        let names: Vec<Object> = id_tree
            .iter()
            .flat_map(|(id, obj)| [text_string(id), Object::Reference(*obj)])
            .collect();
        let id_tree = doc.add_object(dict([("Names", Object::Array(names))]));
        root_dict.set("IDTree", id_tree);
    }
    doc.set_object(root, root_dict);

    // Every page: its key in the parent tree, and annotations (if any) in structure order.
    for (index, &page) in pages.iter().enumerate() {
        let dict = doc.get_dictionary_mut(page).map_err(pdf_error)?;
        dict.set("StructParents", int(index));
        dict.set("Tabs", name("S"));
    }

    let outlines = write_outline(doc, outline, &pages);
    let metadata = doc.add_object(
        Stream::new(
            dict([("Type", name("Metadata")), ("Subtype", name("XML"))]),
            xmp(info).into_bytes(),
        )
        // Readable by tools that look for the packet without decoding streams.
        .with_compression(false),
    );

    let catalog = doc.catalog_mut().map_err(pdf_error)?;
    catalog.set("Lang", text_string(LANG));
    catalog.set("MarkInfo", dict([("Marked", Object::Boolean(true))]));
    catalog.set("StructTreeRoot", root);
    catalog.set(
        "ViewerPreferences",
        dict([("DisplayDocTitle", Object::Boolean(true))]),
    );
    catalog.set("Metadata", metadata);
    match outlines {
        Some(outlines) => {
            catalog.set("Outlines", outlines);
            catalog.set("PageMode", name("UseOutlines"));
        }
        None => {
            catalog.remove(b"Outlines");
            catalog.set("PageMode", name("UseNone"));
        }
    }

    // The Info dictionary, in step with the XMP packet (and without printpdf's PDF/X claim).
    let info_dict = info_dictionary(info);
    match doc.trailer.get(b"Info").and_then(Object::as_reference) {
        Ok(id) => doc.set_object(id, info_dict),
        Err(_) => {
            let id = doc.add_object(info_dict);
            doc.trailer.set("Info", id);
        }
    }
    Ok(())
}

fn pdf_date(info: &DocInfo<'_>) -> String {
    let (y, m, d) = info.date;
    format!("D:{y:04}{m:02}{d:02}120000Z")
}

fn xmp_date(info: &DocInfo<'_>) -> String {
    let (y, m, d) = info.date;
    format!("{y:04}-{m:02}-{d:02}T12:00:00Z")
}

fn info_dictionary(info: &DocInfo<'_>) -> Dictionary {
    let date = text_string(&pdf_date(info));
    let mut d = dict([
        ("Title", text_string(info.title)),
        ("Subject", text_string(info.subject)),
        ("Keywords", text_string(&info.keywords.join(", "))),
        ("Creator", text_string(info.creator)),
        ("Producer", text_string(info.producer)),
        ("CreationDate", date.clone()),
        ("ModDate", date),
        ("Trapped", name("False")),
    ]);
    if !info.author.trim().is_empty() {
        d.set("Author", text_string(info.author));
    }
    d
}

/// Escapes text for XML character data and attribute values.
fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 does not allow.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// The XMP metadata packet: title, subject, language, keywords, dates, producer and the PDF/UA
/// identification (ISO 14289-1, 5).
fn xmp(info: &DocInfo<'_>) -> String {
    let mut out = String::with_capacity(2048);
    let date = xmp_date(info);
    let _ = write!(
        out,
        concat!(
            "<?xpacket begin=\"\u{FEFF}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n",
            "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n",
            "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n",
            "<rdf:Description rdf:about=\"\"\n",
            " xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n",
            " xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n",
            " xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n",
            " xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n",
            "<dc:format>application/pdf</dc:format>\n",
            "{creators}",
            "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{title}</rdf:li></rdf:Alt></dc:title>\n",
            "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">{subject}</rdf:li></rdf:Alt></dc:description>\n",
            "<dc:language><rdf:Bag><rdf:li>{lang}</rdf:li></rdf:Bag></dc:language>\n",
            "<pdf:Keywords>{keywords}</pdf:Keywords>\n",
            "<pdf:Producer>{producer}</pdf:Producer>\n",
            "<xmp:CreatorTool>{creator}</xmp:CreatorTool>\n",
            "<xmp:CreateDate>{date}</xmp:CreateDate>\n",
            "<xmp:ModifyDate>{date}</xmp:ModifyDate>\n",
            "<xmp:MetadataDate>{date}</xmp:MetadataDate>\n",
            "<pdfuaid:part>1</pdfuaid:part>\n",
            "</rdf:Description>\n",
            "</rdf:RDF>\n",
            "</x:xmpmeta>\n",
            "<?xpacket end=\"w\"?>"
        ),
        creators = if info.author.trim().is_empty() {
            String::new()
        } else {
            format!(
                "<dc:creator><rdf:Seq><rdf:li>{}</rdf:li></rdf:Seq></dc:creator>\n",
                xml(info.author.trim())
            )
        },
        title = xml(info.title),
        subject = xml(info.subject),
        lang = LANG,
        keywords = xml(&info.keywords.join(", ")),
        producer = xml(info.producer),
        creator = xml(info.creator),
        date = date,
    );
    out
}

/// Writes the outline: the chapters, each with its paragraphs below it, in reading order.
/// Returns the outline dictionary, or `None` when there is nothing to list.
fn write_outline(
    doc: &mut Document,
    entries: &[OutlineEntry],
    pages: &[ObjectId],
) -> Option<ObjectId> {
    let entries: Vec<&OutlineEntry> = entries.iter().filter(|e| e.page < pages.len()).collect();
    // The parent (an index into `entries`) of every entry: a paragraph hangs under the chapter
    // before it, or at the top when there is none.
    let mut parents: Vec<Option<usize>> = Vec::with_capacity(entries.len());
    let mut chapter: Option<usize> = None;
    for (i, entry) in entries.iter().enumerate() {
        if entry.level <= 1 {
            chapter = Some(i);
            parents.push(None);
        } else {
            parents.push(chapter);
        }
    }
    let children = |parent: Option<usize>| -> Vec<usize> {
        (0..entries.len())
            .filter(|&i| parents[i] == parent)
            .collect()
    };
    let top = children(None);
    let (&first, &last) = (top.first()?, top.last()?);
    let root = doc.new_object_id();
    let ids: Vec<ObjectId> = entries.iter().map(|_| doc.new_object_id()).collect();
    for (i, entry) in entries.iter().enumerate() {
        let siblings = children(parents[i]);
        let position = siblings.iter().position(|&s| s == i).unwrap_or(0);
        let mut item = dict([
            ("Title", text_string(&entry.title)),
            (
                "Parent",
                Object::Reference(parents[i].map_or(root, |p| ids[p])),
            ),
            (
                "Dest",
                Object::Array(vec![
                    Object::Reference(pages[entry.page]),
                    name("XYZ"),
                    Object::Integer(0),
                    Object::Real(entry.top),
                    Object::Null,
                ]),
            ),
        ]);
        if position > 0 {
            item.set("Prev", ids[siblings[position - 1]]);
        }
        if let Some(&next) = siblings.get(position + 1) {
            item.set("Next", ids[next]);
        }
        let kids = children(Some(i));
        if let (Some(&first), Some(&last)) = (kids.first(), kids.last()) {
            item.set("First", ids[first]);
            item.set("Last", ids[last]);
            // Open: the paragraphs show under their chapter.
            item.set("Count", int(kids.len()));
        }
        doc.set_object(ids[i], item);
    }
    doc.set_object(
        root,
        dict([
            ("Type", name("Outlines")),
            ("First", Object::Reference(ids[first])),
            ("Last", Object::Reference(ids[last])),
            ("Count", int(entries.len())),
        ]),
    );
    Some(root)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_gets_increasing_mcids_per_page_and_artifacts_none() {
        let mut tree = StructTree::new();
        let p = tree.add(StructTree::DOCUMENT, Role::P);
        let h = tree.add(StructTree::DOCUMENT, Role::H(1));
        let first = tree.begin(Mark::Content(h), 0);
        assert_eq!(first.tag, "H1");
        let artifact = tree.begin(Mark::Artifact(Artifact::Header), 0);
        assert_eq!(artifact.tag, "Artifact");
        let second = tree.begin(Mark::Content(p), 0);
        let third = tree.begin(Mark::Content(p), 1);
        let mcid = |m: &MarkedContent| match &m.properties {
            DictItem::Dict { map } => map.get("MCID").cloned(),
            _ => None,
        };
        assert_eq!(mcid(&first), Some(DictItem::Int(0)));
        assert_eq!(mcid(&second), Some(DictItem::Int(1)));
        assert_eq!(mcid(&third), Some(DictItem::Int(0)));
        assert_eq!(tree.pages, vec![vec![h, p], vec![p]]);
        assert_eq!(tree.outline_text(), "Document 0\n  P 2\n  H1 1\n");
    }

    #[test]
    fn xmp_escapes_and_names_pdf_ua() {
        let info = DocInfo {
            title: "Rapport <A&B>",
            author: "Inspectie <Jeugdzorg>",
            subject: "Toezicht",
            keywords: &["rapport", "concept"],
            creator: "veldtoets",
            producer: "veldtoets",
            date: (2026, 10, 20),
        };
        let packet = xmp(&info);
        assert!(
            packet.contains("<dc:creator><rdf:Seq><rdf:li>Inspectie &lt;Jeugdzorg&gt;</rdf:li></rdf:Seq></dc:creator>"),
            "{packet}"
        );
        assert!(
            packet.contains(">Rapport &lt;A&amp;B&gt;</rdf:li>"),
            "{packet}"
        );
        assert!(packet.contains("<pdfuaid:part>1</pdfuaid:part>"));
        assert!(packet.contains("<rdf:li>nl-NL</rdf:li>"));
        assert!(packet.contains("2026-10-20T12:00:00Z"));
        assert_eq!(pdf_date(&info), "D:20261020120000Z");
    }

    #[test]
    fn a_figure_gets_its_alt_text_and_bounding_box() {
        let mut tree = StructTree::new();
        let caption = tree.add(StructTree::DOCUMENT, Role::P);
        let figure = tree.add(StructTree::DOCUMENT, Role::Figure);
        tree.set_alt(
            figure,
            "Staafdiagram: A 92%; norm 80%; 1 van 1 organisatie haalt de norm.",
        );
        tree.set_bbox(figure, [68.0, 300.0, 533.276, 500.0]);
        let marked = tree.begin(Mark::Content(caption), 0);
        assert_eq!(marked.tag, "P");
        let marked = tree.begin(Mark::Content(figure), 0);
        assert_eq!(marked.tag, "Figure");
        assert_eq!(
            tree.outline_text(),
            "Document 0\n  P 1\n  Figure 1 Alt=\"Staafdiagram: A 92%; norm 80%; 1 van 1 organisatie haalt de norm.\"\n"
        );

        // A one-page document, as printpdf hands it over.
        let mut doc = Document::with_version("1.7");
        let pages = doc.new_object_id();
        let page = doc.add_object(dict([("Type", name("Page")), ("Parent", pages.into())]));
        doc.set_object(
            pages,
            dict([
                ("Type", name("Pages")),
                ("Kids", Object::Array(vec![page.into()])),
                ("Count", Object::Integer(1)),
            ]),
        );
        let catalog = doc.add_object(dict([("Type", name("Catalog")), ("Pages", pages.into())]));
        doc.trailer.set("Root", catalog);
        let info = DocInfo {
            title: "Landelijk overzicht",
            author: "",
            subject: "Tijdigheid",
            keywords: &["rapport"],
            creator: "veldtoets",
            producer: "veldtoets",
            date: (2026, 10, 20),
        };
        finish(&mut doc, &tree, &info, &[]).expect("finished");

        let figures: Vec<&Dictionary> = doc
            .objects
            .values()
            .filter_map(|o| o.as_dict().ok())
            .filter(|d| d.get(b"S").and_then(Object::as_name).ok() == Some(&b"Figure"[..]))
            .collect();
        assert_eq!(figures.len(), 1);
        let figure = figures[0];
        let Ok(Object::String(alt, _)) = figure.get(b"Alt") else {
            panic!("no /Alt: {figure:?}");
        };
        assert_eq!(
            alt,
            b"Staafdiagram: A 92%; norm 80%; 1 van 1 organisatie haalt de norm."
        );
        let layout = figure.get(b"A").and_then(Object::as_dict).expect("/A");
        assert_eq!(
            layout.get(b"O").and_then(Object::as_name).ok(),
            Some(&b"Layout"[..])
        );
        let bbox: Vec<f32> = layout
            .get(b"BBox")
            .and_then(Object::as_array)
            .expect("/BBox")
            .iter()
            .map(|v| v.as_float().expect("a number"))
            .collect();
        assert_eq!(bbox, [68.0, 300.0, 533.276, 500.0]);
        assert_eq!(
            figure
                .get(b"K")
                .and_then(Object::as_array)
                .map(Vec::len)
                .ok(),
            Some(1)
        );
        // The paragraph has no alternative text.
        assert!(
            doc.objects
                .values()
                .filter_map(|o| o.as_dict().ok())
                .filter(|d| d.get(b"S").and_then(Object::as_name).ok() == Some(&b"P"[..]))
                .all(|d| !d.has(b"Alt"))
        );
    }

    #[test]
    fn text_strings_are_ascii_or_utf16_with_a_bom() {
        assert_eq!(
            text_string("nl-NL"),
            Object::String(b"nl-NL".to_vec(), StringFormat::Literal)
        );
        let Object::String(data, _) = text_string("ë") else {
            panic!("a string");
        };
        assert_eq!(data, vec![0xFE, 0xFF, 0x00, 0xEB]);
    }
}
