//! Report model → A4 pages → PDF bytes. The only code that knows printpdf.
//!
//! Layout happens in two passes over simple drawing items (text runs, rules, filled boxes):
//! first the content is flowed onto pages (paragraphs wrapped by measured widths, headings kept
//! with what follows, tables broken between rows, or inside a row taller than a page, with the
//! header row repeated); then, once the page count and the page of every section are known, the
//! table of contents, header, footer ("pagina X van Y") and, for a concept, the CONCEPT
//! watermark are added. The items are finally turned into printpdf ops, one text object per
//! page, and saved with the fonts subsetted.
//!
//! The PDF is tagged (PDF/UA-1, see [`super::tagged`]): while the content is flowed, every
//! heading, paragraph, list item and table cell becomes an element of the structure tree in
//! reading order, and every text item carries a [`Mark`]: the element it belongs to, or the kind
//! of artifact it is (header, footer, watermark, a repeated table header, decoration). The ops
//! wrap each run of text in a marked-content sequence accordingly.
//!
//! A [`Figure`] (a chart) is drawn as one marked-content sequence of a `Figure` element with
//! its text alternative, below its caption (a paragraph) and on the same page.

use printpdf::{
    Color, Greyscale, Line as PdfLine, LineDashPattern, LinePoint, Mm, Op, PaintMode, PdfDocument,
    PdfFontHandle, PdfPage, PdfParseErrorSeverity, PdfSaveOptions, Point, Pt, Rect, Rgb, TextItem,
    TextMatrix,
};

use super::ReportError;
use super::fonts::{FontIds, Fonts, SUPERSCRIPT_RISE, SUPERSCRIPT_SCALE};
use super::layout::{Line, Measure, fit_columns, wrap};
use super::model::{
    Align, Block, Figure, Report, ReportMeta, RowKind, Section, Shape, Style, Table, Text, Tone,
};
use super::tagged::{self, Artifact, DocInfo, ElemId, Mark, OutlineEntry, Role, Scope, StructTree};
use crate::domain::termijn::format_date_nl;

// A4 in points, and the text area.
const PAGE_W: f32 = 595.276;
const PAGE_H: f32 = 841.89;
const LEFT: f32 = 68.0;
const RIGHT: f32 = 62.0;
const TOP: f32 = 82.0;
const BOTTOM: f32 = 70.0;
const WIDTH: f32 = PAGE_W - LEFT - RIGHT;
const LIMIT: f32 = PAGE_H - BOTTOM;

// Type sizes and leading, in points.
const BODY: f32 = 10.0;
const BODY_LEAD: f32 = 14.0;
const SMALL: f32 = 8.0;
const SMALL_LEAD: f32 = 10.5;
const CELL: f32 = 9.0;
const CELL_LEAD: f32 = 11.5;
const CELL_PAD_X: f32 = 4.0;
const CELL_PAD_Y: f32 = 3.5;
const PARA_GAP: f32 = 6.0;

/// Colours as RGB components.
type Rgb3 = (f32, f32, f32);
const INK: Rgb3 = (0.1, 0.1, 0.1);
const ACCENT: Rgb3 = (0.04, 0.24, 0.44);
const MUTED: Rgb3 = (0.38, 0.38, 0.38);
const RULE: Rgb3 = (0.72, 0.72, 0.72);
const HEADER_FILL: Rgb3 = (0.89, 0.91, 0.94);
const TOTAL_FILL: Rgb3 = (0.95, 0.95, 0.95);
const ATTENTION_FILL: Rgb3 = (1.0, 0.9, 0.82);
const NOTICE_FILL: Rgb3 = (1.0, 0.96, 0.86);
const NOTICE_BAR: Rgb3 = (0.85, 0.45, 0.05);
/// The watermark: light enough to read the text through, without transparency.
const WATERMARK: f32 = 0.88;
/// Space between a figure's caption and its drawing.
const CAPTION_GAP: f32 = 4.0;
/// The outline of a box in a figure.
const FIGURE_STROKE: f32 = 0.75;
/// A label in a figure too wide for its room is set smaller down to this share of its size.
const LABEL_SHRINK: f32 = 0.8;

/// The colour of a figure's tone.
fn tone(tone: Tone) -> Rgb3 {
    match tone {
        Tone::Ink => INK,
        Tone::Muted => MUTED,
        Tone::Accent => ACCENT,
        Tone::Rule => RULE,
        Tone::Attention => ATTENTION_FILL,
        Tone::AttentionEdge => NOTICE_BAR,
        Tone::Paper => (1.0, 1.0, 1.0),
    }
}

/// Renders the report model as PDF bytes: A4, embedded subsetted fonts, metadata, and tagged
/// for accessibility (PDF/UA-1: structure tree, `/Lang nl-NL`, artifacts, outline, XMP).
pub fn render_pdf(report: &Report) -> Result<Vec<u8>, ReportError> {
    render_pdf_with_progress(report, &|_| {})
}

/// [`render_pdf`], calling `progress` with the share done (0.0 ..= 1.0) as it goes.
pub fn render_pdf_with_progress(
    report: &Report,
    progress: &dyn Fn(f32),
) -> Result<Vec<u8>, ReportError> {
    render(report, progress, true)
}

/// The same pages without tags: no structure tree, no marked content, printpdf's own
/// bookmarks. Only for the benchmark that measures what tagging costs.
#[doc(hidden)]
pub fn render_pdf_untagged(report: &Report) -> Result<Vec<u8>, ReportError> {
    render(report, &|_| {}, false)
}

const SAVE_OPTIONS: PdfSaveOptions = PdfSaveOptions {
    optimize: true,
    subset_fonts: true,
    secure: true,
    image_optimization: None,
};

fn render(report: &Report, progress: &dyn Fn(f32), tagged: bool) -> Result<Vec<u8>, ReportError> {
    let fonts = Fonts::load()?;
    progress(0.05);
    let mut composer = Composer::new(&fonts);
    composer.title_page(report);
    let sections = report.sections.len().max(1) as f32;
    for (i, section) in report.sections.iter().enumerate() {
        composer.section(report, i, section);
        progress(0.05 + 0.45 * (i + 1) as f32 / sections);
    }
    let Composition {
        pages,
        section_pages,
        mut tree,
        outline,
    } = composer.finish(&report.meta);

    let mut doc = PdfDocument::new(&report.meta.title);
    let ids = fonts.add_to(&mut doc);
    let pdf_pages: Vec<PdfPage> = pages
        .iter()
        .enumerate()
        .map(|(i, page)| {
            let tags = tagged.then_some((&mut tree, i));
            PdfPage::new(Mm(210.0), Mm(297.0), page.ops(&ids, tags))
        })
        .collect();
    doc.with_pages(pdf_pages);
    set_metadata(&mut doc, &report.meta);
    progress(0.6);

    let mut warnings = Vec::new();
    let mut pdf = if tagged {
        let mut pdf = doc.to_lopdf_document(&SAVE_OPTIONS, &mut warnings);
        check(&warnings)?;
        let meta = &report.meta;
        let info = DocInfo {
            title: &meta.title,
            author: &meta.author,
            subject: &meta.subject,
            keywords: &keywords(meta),
            creator: CREATOR,
            producer: PRODUCER,
            date: (meta.date.year(), meta.date.month(), meta.date.day()),
        };
        tagged::finish(&mut pdf, &tree, &info, &outline)?;
        pdf
    } else {
        for (section, page) in report.sections.iter().zip(section_pages) {
            if let Some(page) = page
                && section.level <= 2
            {
                doc.add_bookmark(&section.heading(), page + 1);
            }
        }
        let pdf = doc.to_lopdf_document(&SAVE_OPTIONS, &mut warnings);
        check(&warnings)?;
        pdf
    };
    progress(0.7);
    compress(&mut pdf)?;
    progress(0.9);
    let mut bytes = Vec::new();
    let saved = if tagged {
        // Object streams keep the many small structure elements compact.
        pdf.save_modern(&mut bytes)
    } else {
        pdf.save_to(&mut bytes)
    };
    saved.map_err(|e| ReportError::Pdf(e.to_string()))?;
    progress(1.0);
    Ok(bytes)
}

/// Deflates every stream that is not compressed yet (page contents, fonts, ToUnicode maps) at
/// the default level, unless that does not make it smaller. The XMP metadata stays plain.
fn compress(pdf: &mut printpdf_lopdf::Document) -> Result<(), ReportError> {
    use std::io::Write as _;
    for object in pdf.objects.values_mut() {
        let printpdf_lopdf::Object::Stream(stream) = object else {
            continue;
        };
        if !stream.allows_compression || stream.dict.has(b"Filter") {
            continue;
        }
        let mut encoder = flate2::write::ZlibEncoder::new(
            Vec::with_capacity(stream.content.len() / 3),
            flate2::Compression::default(),
        );
        let deflated = encoder
            .write_all(&stream.content)
            .and_then(|()| encoder.finish())
            .map_err(|e| ReportError::Pdf(e.to_string()))?;
        if deflated.len() < stream.content.len() {
            stream.dict.set("Filter", "FlateDecode");
            stream.set_content(deflated);
        }
    }
    Ok(())
}

/// The first error printpdf reported, if any.
fn check(warnings: &[printpdf::PdfWarnMsg]) -> Result<(), ReportError> {
    match warnings
        .iter()
        .find(|w| w.severity == PdfParseErrorSeverity::Error)
    {
        Some(error) => Err(ReportError::Pdf(error.msg.clone())),
        None => Ok(()),
    }
}

const CREATOR: &str = "veldtoets";
const PRODUCER: &str = "veldtoets (printpdf)";

fn keywords(meta: &ReportMeta) -> [&'static str; 2] {
    [
        "rapport",
        if meta.concept {
            "concept"
        } else {
            "definitief"
        },
    ]
}

fn set_metadata(doc: &mut PdfDocument, meta: &ReportMeta) {
    let date = printpdf::DateTime {
        date: printpdf::Date {
            year: i32::from(meta.date.year()),
            month: u8::try_from(meta.date.month()).unwrap_or(1),
            day: u8::try_from(meta.date.day()).unwrap_or(1),
        },
        time: printpdf::Time {
            hour: 12,
            minute: 0,
            second: 0,
            millisecond: 0,
        },
        offset: printpdf::Offset {
            hours: 0,
            minutes: 0,
            seconds: 0,
            milliseconds: 0,
        },
    };
    let info = &mut doc.metadata.info;
    info.document_title = meta.title.clone();
    info.subject = meta.subject.clone();
    info.creator = CREATOR.to_string();
    info.producer = PRODUCER.to_string();
    info.creation_date = date;
    info.modification_date = date;
    info.metadata_date = date;
    info.keywords = keywords(meta).iter().map(|k| k.to_string()).collect();
}

// ---------------------------------------------------------------------------------------------
// Drawing items

/// One thing drawn on a page; `y` is measured from the top of the page (a text baseline, or the
/// top edge of a box).
#[derive(Debug, Clone)]
enum Item {
    Text {
        x: f32,
        y: f32,
        style: Style,
        size: f32,
        color: Rgb3,
        text: String,
        /// What the text is: content of a structure element, or an artifact.
        mark: Mark,
    },
    Fill {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        color: Rgb3,
    },
    Rule {
        x1: f32,
        x2: f32,
        y: f32,
        width: f32,
        color: Rgb3,
    },
    /// A figure's drawing, in page coordinates: one marked-content sequence of `elem`.
    Figure { elem: ElemId, drawing: Vec<Drawn> },
    /// The diagonal CONCEPT watermark.
    Watermark {
        x: f32,
        y: f32,
        degrees: f32,
        size: f32,
        text: String,
    },
}

/// One element of a figure's drawing, placed on the page (`y` from the top of the page).
#[derive(Debug, Clone)]
enum Drawn {
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        fill: Option<Rgb3>,
        stroke: Option<Rgb3>,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width: f32,
        color: Rgb3,
        dash: Option<f32>,
    },
    /// One line of text, measured and fitted: `x` is its left edge, `y` its baseline.
    Text {
        x: f32,
        y: f32,
        style: Style,
        size: f32,
        color: Rgb3,
        text: String,
    },
}

#[derive(Default)]
struct Page {
    items: Vec<Item>,
}

fn rgb((r, g, b): Rgb3) -> Color {
    Color::Rgb(Rgb {
        r,
        g,
        b,
        icc_profile: None,
    })
}

impl Page {
    fn text_line(&mut self, line: &Line, x: f32, y: f32, size: f32, color: Rgb3, mark: Mark) {
        let last = line.runs.len().saturating_sub(1);
        for (i, run) in line.runs.iter().enumerate() {
            let (size, y) = if run.style == Style::Superscript {
                (size * SUPERSCRIPT_SCALE, y - size * SUPERSCRIPT_RISE)
            } else {
                (size, y)
            };
            self.items.push(Item::Text {
                x: x + run.x,
                y,
                style: run.style,
                size,
                color,
                text: if i == last && line.space_after {
                    format!("{} ", run.text)
                } else {
                    run.text.clone()
                },
                mark,
            });
        }
    }

    /// The printpdf ops of this page: boxes and rules, the watermark, then all text in one text
    /// object. With `tags` (the structure tree and this page's index) every run of text with the
    /// same [`Mark`] is wrapped in a marked-content sequence, and the boxes, rules and watermark
    /// are marked as artifacts.
    fn ops(&self, ids: &FontIds, mut tags: Option<(&mut StructTree, usize)>) -> Vec<Op> {
        let mut ops = Vec::with_capacity(self.items.len() * 4 + 8);
        let font = |style: Style| match style {
            Style::Regular | Style::Superscript => ids.regular.clone(),
            Style::Bold => ids.bold.clone(),
            Style::Italic => ids.italic.clone(),
        };
        let mut begin = |ops: &mut Vec<Op>, mark: Mark| {
            if let Some((tree, page)) = tags.as_mut() {
                let marked = tree.begin(mark, *page);
                ops.push(Op::BeginMarkedContentWithProperties {
                    tag: marked.tag.to_string(),
                    properties: marked.properties,
                });
                true
            } else {
                false
            }
        };
        let mut fill: Option<Rgb3> = None;

        // Three layers: table and notice backgrounds with the rules, then the watermark (so a
        // shaded row cannot hide it), then all text on top.
        let mut decoration = self
            .items
            .iter()
            .filter(|i| matches!(i, Item::Fill { .. } | Item::Rule { .. }))
            .peekable();
        let open = decoration.peek().is_some() && begin(&mut ops, Mark::Artifact(Artifact::Layout));
        for item in decoration {
            match item {
                Item::Fill { x, y, w, h, color } => {
                    if fill != Some(*color) {
                        ops.push(Op::SetFillColor { col: rgb(*color) });
                        fill = Some(*color);
                    }
                    ops.push(Op::DrawRectangle {
                        rectangle: Rect {
                            x: Pt(*x),
                            y: Pt(PAGE_H - *y - *h),
                            width: Pt(*w),
                            height: Pt(*h),
                            mode: Some(PaintMode::Fill),
                            winding_order: None,
                        },
                    });
                }
                Item::Rule {
                    x1,
                    x2,
                    y,
                    width,
                    color,
                } => {
                    ops.push(Op::SetOutlineColor { col: rgb(*color) });
                    ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
                    let point = |x: f32| LinePoint {
                        p: Point {
                            x: Pt(x),
                            y: Pt(PAGE_H - *y),
                        },
                        bezier: false,
                    };
                    ops.push(Op::DrawLine {
                        line: PdfLine {
                            points: vec![point(*x1), point(*x2)],
                            is_closed: false,
                        },
                    });
                }
                Item::Text { .. } | Item::Watermark { .. } | Item::Figure { .. } => {}
            }
        }
        if open {
            ops.push(Op::EndMarkedContent);
        }

        // Figures: each one marked-content sequence of its element, text on top of the shapes.
        for item in &self.items {
            let Item::Figure { elem, drawing } = item else {
                continue;
            };
            let open = begin(&mut ops, Mark::Content(*elem));
            ops.push(Op::SaveGraphicsState);
            figure_ops(drawing, &font, &mut ops);
            ops.push(Op::RestoreGraphicsState);
            if open {
                ops.push(Op::EndMarkedContent);
            }
            fill = None;
        }

        let mut current: Option<(Style, f32)> = None;
        for item in &self.items {
            let Item::Watermark {
                x,
                y,
                degrees,
                size,
                text,
            } = item
            else {
                continue;
            };
            let open = begin(&mut ops, Mark::Artifact(Artifact::Watermark));
            let (s, c) = degrees.to_radians().sin_cos();
            ops.push(Op::SaveGraphicsState);
            ops.push(Op::StartTextSection);
            ops.push(Op::SetFillColor {
                col: Color::Greyscale(Greyscale {
                    percent: WATERMARK,
                    icc_profile: None,
                }),
            });
            ops.push(Op::SetFont {
                font: PdfFontHandle::External(ids.bold.clone()),
                size: Pt(*size),
            });
            ops.push(Op::SetTextMatrix {
                matrix: TextMatrix::Raw([c, s, -s, c, *x, PAGE_H - *y]),
            });
            ops.push(Op::ShowText {
                items: vec![TextItem::Text(text.clone())],
            });
            ops.push(Op::EndTextSection);
            ops.push(Op::RestoreGraphicsState);
            if open {
                ops.push(Op::EndMarkedContent);
            }
            fill = None;
        }

        let mut in_text = false;
        // The mark of the marked-content sequence open inside the text object.
        let mut marked: Option<Mark> = None;
        for item in &self.items {
            let Item::Text {
                x,
                y,
                style,
                size,
                color,
                text,
                mark,
            } = item
            else {
                continue;
            };
            if !in_text {
                ops.push(Op::StartTextSection);
                in_text = true;
            }
            if marked != Some(*mark) {
                if marked.is_some() {
                    ops.push(Op::EndMarkedContent);
                }
                marked = begin(&mut ops, *mark).then_some(*mark);
            }
            if fill != Some(*color) {
                ops.push(Op::SetFillColor { col: rgb(*color) });
                fill = Some(*color);
            }
            let font_style = if *style == Style::Superscript {
                Style::Regular
            } else {
                *style
            };
            if current != Some((font_style, *size)) {
                ops.push(Op::SetFont {
                    font: PdfFontHandle::External(font(font_style)),
                    size: Pt(*size),
                });
                current = Some((font_style, *size));
            }
            ops.push(Op::SetTextMatrix {
                matrix: TextMatrix::Translate(Pt(*x), Pt(PAGE_H - *y)),
            });
            ops.push(Op::ShowText {
                items: vec![TextItem::Text(text.clone())],
            });
        }
        if marked.is_some() {
            ops.push(Op::EndMarkedContent);
        }
        if in_text {
            ops.push(Op::EndTextSection);
        }
        ops
    }
}

/// The ops of a figure's drawing: boxes and lines in order, then its text in one text object.
fn figure_ops(drawing: &[Drawn], font: &dyn Fn(Style) -> printpdf::FontId, ops: &mut Vec<Op>) {
    let mut fill: Option<Rgb3> = None;
    let mut outline: Option<(Rgb3, f32)> = None;
    let mut dashed: Option<f32> = None;
    let mut set_fill = |ops: &mut Vec<Op>, color: Rgb3| {
        if fill != Some(color) {
            ops.push(Op::SetFillColor { col: rgb(color) });
            fill = Some(color);
        }
    };
    let mut set_outline = |ops: &mut Vec<Op>, color: Rgb3, width: f32, dash: Option<f32>| {
        if outline != Some((color, width)) {
            ops.push(Op::SetOutlineColor { col: rgb(color) });
            ops.push(Op::SetOutlineThickness { pt: Pt(width) });
            outline = Some((color, width));
        }
        if dashed != dash {
            ops.push(Op::SetLineDashPattern {
                dash: match dash {
                    Some(d) => LineDashPattern::new(0.0, &[d, d]),
                    None => LineDashPattern::solid(),
                },
            });
            dashed = dash;
        }
    };
    for shape in drawing {
        match *shape {
            Drawn::Rect {
                x,
                y,
                w,
                h,
                fill,
                stroke,
            } => {
                let mode = match (fill, stroke) {
                    (Some(_), Some(_)) => PaintMode::FillStroke,
                    (Some(_), None) => PaintMode::Fill,
                    (None, Some(_)) => PaintMode::Stroke,
                    (None, None) => continue,
                };
                if let Some(color) = fill {
                    set_fill(ops, color);
                }
                if let Some(color) = stroke {
                    set_outline(ops, color, FIGURE_STROKE, None);
                }
                ops.push(Op::DrawRectangle {
                    rectangle: Rect {
                        x: Pt(x),
                        y: Pt(PAGE_H - y - h),
                        width: Pt(w),
                        height: Pt(h),
                        mode: Some(mode),
                        winding_order: None,
                    },
                });
            }
            Drawn::Line {
                x1,
                y1,
                x2,
                y2,
                width,
                color,
                dash,
            } => {
                set_outline(ops, color, width, dash);
                let point = |x: f32, y: f32| LinePoint {
                    p: Point {
                        x: Pt(x),
                        y: Pt(PAGE_H - y),
                    },
                    bezier: false,
                };
                ops.push(Op::DrawLine {
                    line: PdfLine {
                        points: vec![point(x1, y1), point(x2, y2)],
                        is_closed: false,
                    },
                });
            }
            Drawn::Text { .. } => {}
        }
    }
    let mut in_text = false;
    let mut current: Option<(Style, f32)> = None;
    for shape in drawing {
        let Drawn::Text {
            x,
            y,
            style,
            size,
            color,
            ref text,
        } = *shape
        else {
            continue;
        };
        if !in_text {
            ops.push(Op::StartTextSection);
            in_text = true;
        }
        set_fill(ops, color);
        if current != Some((style, size)) {
            ops.push(Op::SetFont {
                font: PdfFontHandle::External(font(style)),
                size: Pt(size),
            });
            current = Some((style, size));
        }
        ops.push(Op::SetTextMatrix {
            matrix: TextMatrix::Translate(Pt(x), Pt(PAGE_H - y)),
        });
        ops.push(Op::ShowText {
            items: vec![TextItem::Text(text.clone())],
        });
    }
    if in_text {
        ops.push(Op::EndTextSection);
    }
}

// ---------------------------------------------------------------------------------------------
// Flowing content onto pages

/// A table-of-contents line whose page number is filled in at the end.
struct PendingEntry {
    page: usize,
    y: f32,
    section: usize,
    /// The structure element of the entry; the page number belongs to it.
    elem: ElemId,
}

/// The laid-out pages with what the tagged PDF needs besides them.
struct Composition {
    pages: Vec<Page>,
    /// The page each section's heading landed on.
    section_pages: Vec<Option<usize>>,
    tree: StructTree,
    outline: Vec<OutlineEntry>,
}

struct Composer<'f> {
    fonts: &'f Fonts,
    pages: Vec<Page>,
    /// The top of the free space on the current page.
    y: f32,
    /// The page each section's heading landed on.
    section_pages: Vec<Option<usize>>,
    contents: Vec<PendingEntry>,
    /// The structure tree, built in reading order.
    tree: StructTree,
    /// What the text placed by [`Composer::lines`] is.
    mark: Mark,
    /// The level of the last heading tagged (H1 = 1), so no level is skipped.
    heading: u8,
    /// The heading level of the current section.
    section_heading: u8,
    outline: Vec<OutlineEntry>,
}

impl<'f> Composer<'f> {
    fn new(fonts: &'f Fonts) -> Composer<'f> {
        Composer {
            fonts,
            pages: Vec::new(),
            y: TOP,
            section_pages: Vec::new(),
            contents: Vec::new(),
            tree: StructTree::new(),
            mark: Mark::Artifact(Artifact::Layout),
            heading: 0,
            section_heading: 1,
            outline: Vec::new(),
        }
    }

    /// Adds a structure element under the document and makes it the one text goes to.
    fn element(&mut self, role: Role) -> ElemId {
        self.element_in(StructTree::DOCUMENT, role)
    }

    /// Adds a structure element under `parent` and makes it the one text goes to.
    fn element_in(&mut self, parent: ElemId, role: Role) -> ElemId {
        let elem = self.tree.add(parent, role);
        self.mark = Mark::Content(elem);
        elem
    }

    /// A heading element at `level`, or lower if that would skip a level after the last one.
    fn heading(&mut self, level: u8) -> ElemId {
        let level = level.clamp(1, 6).min(self.heading + 1);
        self.heading = level;
        self.element(Role::H(level))
    }

    fn page(&mut self) -> &mut Page {
        if self.pages.is_empty() {
            self.pages.push(Page::default());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = TOP;
    }

    fn at_top(&self) -> bool {
        self.y <= TOP + 0.01
    }

    /// Starts a new page unless `height` still fits on this one.
    fn ensure(&mut self, height: f32) {
        if self.y + height > LIMIT && !self.at_top() {
            self.new_page();
        }
    }

    /// Vertical space, dropped at the top of a page.
    fn gap(&mut self, height: f32) {
        if !self.at_top() {
            self.y += height;
        }
    }

    fn wrap(&self, text: &Text, size: f32, width: f32) -> Vec<Line> {
        let clean = Text {
            spans: text
                .spans
                .iter()
                .map(|s| super::model::Span {
                    text: self.fonts.sanitize(&s.text),
                    style: s.style,
                })
                .collect(),
        };
        wrap(&clean, size, width, self.fonts)
    }

    /// Places wrapped lines from the cursor down, breaking pages between lines. A paragraph of
    /// several lines never leaves a single line at the bottom of a page.
    fn lines(&mut self, lines: &[Line], x: f32, size: f32, lead: f32, color: Rgb3) {
        let fits = ((LIMIT - self.y) / lead).floor().max(0.0) as usize;
        if lines.len() > 1 && fits < 2 && !self.at_top() {
            self.new_page();
        }
        for line in lines {
            if self.y + lead > LIMIT {
                self.new_page();
            }
            let baseline = self.y + size * 0.95;
            let mark = self.mark;
            self.page().text_line(line, x, baseline, size, color, mark);
            self.y += lead;
        }
    }

    fn title_page(&mut self, report: &Report) {
        let tp = &report.title_page;
        self.new_page();
        let page = self.pages.len() - 1;
        self.pages[page].items.push(Item::Fill {
            x: 0.0,
            y: 0.0,
            w: PAGE_W,
            h: 14.0,
            color: ACCENT,
        });
        self.y = 150.0;
        self.element(Role::P);
        let kind = self.wrap(&Text::bold(tp.kind.to_uppercase()), 14.0, WIDTH);
        self.lines(&kind, LEFT, 14.0, 20.0, ACCENT);
        self.y += 14.0;
        self.heading(1);
        let title = self.wrap(&Text::bold(tp.title.clone()), 28.0, WIDTH);
        self.lines(&title, LEFT, 28.0, 34.0, INK);
        self.y += 6.0;
        for subtitle in &tp.subtitles {
            self.element(Role::P);
            let lines = self.wrap(&Text::plain(subtitle.clone()), 14.0, WIDTH);
            self.lines(&lines, LEFT, 14.0, 19.0, MUTED);
        }
        self.y = self.y.max(330.0) + 20.0;
        // The facts are a table of two columns, each label the header of its row.
        let facts = (!tp.facts.is_empty()).then(|| {
            let table = self.tree.add(StructTree::DOCUMENT, Role::Table);
            self.tree.add(table, Role::TBody)
        });
        let label_w = 110.0;
        for (label, value) in &tp.facts {
            if let Some(body) = facts {
                let row = self.tree.add(body, Role::TR);
                let header = self.tree.add(row, Role::TH(Scope::Row));
                let cell = self.tree.add(row, Role::TD);
                self.tree.set_headers(cell, vec![header]);
                self.mark = Mark::Content(header);
                let label = self.wrap(&Text::bold(label.clone()), BODY, label_w - 8.0);
                let top = self.y;
                self.lines(&label, LEFT, BODY, BODY_LEAD, MUTED);
                let after_label = self.y;
                self.y = top;
                self.mark = Mark::Content(cell);
                let value = self.wrap(&Text::plain(value.clone()), BODY, WIDTH - label_w);
                self.lines(&value, LEFT + label_w, BODY, BODY_LEAD, INK);
                self.y = self.y.max(after_label) + 4.0;
            }
        }
        self.y += 24.0;
        for notice in &tp.notices {
            self.element(Role::P);
            self.notice(&Text::plain(notice.clone()));
            self.y += 8.0;
        }
    }

    fn section(&mut self, report: &Report, index: usize, section: &Section) {
        let title = section.heading();
        let heading = Text::bold(title.clone());
        self.heading(section.level);
        self.section_heading = self.heading;
        let lines = if section.level <= 1 {
            self.new_page();
            self.wrap(&heading, 18.0, WIDTH)
        } else {
            self.gap(12.0);
            let lines = self.wrap(&heading, 13.0, WIDTH);
            // Keep the heading with the start of what follows.
            self.ensure(lines.len() as f32 * 18.0 + 60.0);
            lines
        };
        if section.level <= 2 {
            self.outline.push(OutlineEntry {
                title,
                level: section.level,
                page: self.pages.len() - 1,
                top: PAGE_H - self.y,
            });
        }
        if section.level <= 1 {
            self.lines(&lines, LEFT, 18.0, 24.0, ACCENT);
            self.y += 10.0;
        } else {
            self.lines(&lines, LEFT, 13.0, 18.0, ACCENT);
            self.y += 4.0;
        }
        if self.section_pages.len() <= index {
            self.section_pages.resize(index + 1, None);
        }
        self.section_pages[index] = Some(self.pages.len() - 1);
        for block in &section.blocks {
            self.block(report, block);
        }
    }

    fn block(&mut self, report: &Report, block: &Block) {
        match block {
            Block::Paragraph(text) => {
                self.element(Role::P);
                let lines = self.wrap(text, BODY, WIDTH);
                self.lines(&lines, LEFT, BODY, BODY_LEAD, INK);
                self.y += PARA_GAP;
            }
            Block::Heading { level, text } => {
                let (size, lead, color, gap) = if *level <= 1 {
                    (11.5, 16.0, ACCENT, 8.0)
                } else {
                    (BODY, BODY_LEAD, INK, 5.0)
                };
                self.gap(gap);
                self.heading(self.section_heading.saturating_add(*level));
                let lines = self.wrap(&emphasised(text), size, WIDTH);
                self.ensure(lines.len() as f32 * lead + 3.0 * BODY_LEAD + 8.0);
                self.lines(&lines, LEFT, size, lead, color);
                self.y += 3.0;
            }
            Block::List(items) => {
                let list = self.tree.add(StructTree::DOCUMENT, Role::L);
                for item in items {
                    let lines = self.wrap(item, BODY, WIDTH - 14.0);
                    if lines.len() > 1 {
                        self.ensure(2.0 * BODY_LEAD);
                    } else {
                        self.ensure(BODY_LEAD);
                    }
                    let entry = self.tree.add(list, Role::LI);
                    self.element_in(entry, Role::Lbl);
                    let bullet = self.wrap(&Text::plain("•"), BODY, 10.0);
                    let top = self.y;
                    self.lines(&bullet, LEFT + 3.0, BODY, BODY_LEAD, ACCENT);
                    self.y = top;
                    self.element_in(entry, Role::LBody);
                    self.lines(&lines, LEFT + 14.0, BODY, BODY_LEAD, INK);
                    self.y += 2.0;
                }
                self.y += PARA_GAP - 2.0;
            }
            Block::Notice(text) => {
                self.element(Role::P);
                self.notice(text);
                self.y += PARA_GAP + 2.0;
            }
            Block::Note(text) => {
                self.element(Role::P);
                let lines = self.wrap(text, SMALL, WIDTH);
                self.lines(&lines, LEFT, SMALL, SMALL_LEAD, MUTED);
                self.y += 3.0;
            }
            Block::Table(table) => {
                self.table(table);
                self.y += PARA_GAP + 4.0;
            }
            Block::Contents => self.contents(report),
            Block::Figure(figure) => {
                self.figure(figure);
                self.y += PARA_GAP + 4.0;
            }
        }
    }

    /// A figure: its caption as a paragraph, then the drawing as a `Figure` element with its
    /// text alternative, both on one page. A drawing taller than the page's text area allows
    /// (below its caption) is scaled down to fit.
    fn figure(&mut self, figure: &Figure) {
        let caption = if figure.caption.is_empty() {
            Vec::new()
        } else {
            self.wrap(&figure.caption, BODY, WIDTH)
        };
        let caption_h = if caption.is_empty() {
            0.0
        } else {
            caption.len() as f32 * BODY_LEAD + CAPTION_GAP
        };
        let room = LIMIT - TOP - caption_h;
        let scale = if figure.height > room {
            (room / figure.height).max(0.1)
        } else {
            1.0
        };
        let height = figure.height * scale;
        self.ensure(caption_h + height);
        if !caption.is_empty() {
            self.element(Role::P);
            self.lines(&caption, LEFT, BODY, BODY_LEAD, INK);
            self.y += CAPTION_GAP;
        }
        let elem = self.element(Role::Figure);
        self.tree.set_alt(elem, figure.alt.clone());
        let top = self.y;
        self.tree.set_bbox(
            elem,
            [
                LEFT,
                PAGE_H - top - height,
                LEFT + Figure::WIDTH * scale,
                PAGE_H - top,
            ],
        );
        let at = |x: f32, y: f32| (LEFT + x * scale, top + y * scale);
        let mut drawing = Vec::with_capacity(figure.shapes.len());
        for shape in &figure.shapes {
            drawing.push(match shape {
                Shape::Rect {
                    x,
                    y,
                    w,
                    h,
                    fill,
                    stroke,
                } => {
                    let (x, y) = at(*x, *y);
                    Drawn::Rect {
                        x,
                        y,
                        w: w * scale,
                        h: h * scale,
                        fill: fill.map(tone),
                        stroke: stroke.map(tone),
                    }
                }
                Shape::Line {
                    x1,
                    y1,
                    x2,
                    y2,
                    width,
                    tone: t,
                    dash,
                } => {
                    let (x1, y1) = at(*x1, *y1);
                    let (x2, y2) = at(*x2, *y2);
                    Drawn::Line {
                        x1,
                        y1,
                        x2,
                        y2,
                        width: width * scale,
                        color: tone(*t),
                        dash: dash.map(|d| d * scale),
                    }
                }
                Shape::Label {
                    x,
                    y,
                    text,
                    style,
                    size,
                    tone: t,
                    align,
                    max_width,
                } => {
                    let style = match style {
                        Style::Superscript => Style::Regular,
                        other => *other,
                    };
                    let text = self.fonts.sanitize(&text.replace('\n', " "));
                    let (text, size, width) =
                        self.fit(text, style, size * scale, max_width.map(|m| m * scale));
                    let (x, y) = at(*x, *y);
                    let left = match align {
                        Align::Left => x,
                        Align::Center => x - width / 2.0,
                        Align::Right => x - width,
                    };
                    Drawn::Text {
                        x: left,
                        y,
                        style,
                        size,
                        color: tone(*t),
                        text,
                    }
                }
            });
        }
        self.page().items.push(Item::Figure { elem, drawing });
        self.y = top + height;
    }

    /// `text` at `size`, set smaller (to [`LABEL_SHRINK`]) and then shortened with "…" until
    /// it is at most `max` wide: the text, its size and its width.
    fn fit(&self, text: String, style: Style, size: f32, max: Option<f32>) -> (String, f32, f32) {
        let width = self.fonts.width(style, size, &text);
        let Some(max) = max.filter(|&m| width > m) else {
            return (text, size, width);
        };
        let size = (size * max / width).max(size * LABEL_SHRINK);
        let width = self.fonts.width(style, size, &text);
        if width <= max {
            return (text, size, width);
        }
        let mut chars: Vec<char> = text.chars().collect();
        while !chars.is_empty() {
            chars.pop();
            let short = format!("{}…", chars.iter().collect::<String>().trim_end());
            let width = self.fonts.width(style, size, &short);
            if width <= max {
                return (short, size, width);
            }
        }
        let width = self.fonts.width(style, size, "…");
        ("…".to_string(), size, width)
    }

    /// A framed remark: a tinted box with a bar on the left, split over pages if it must.
    fn notice(&mut self, text: &Text) {
        let pad = 6.0;
        let lines = self.wrap(text, BODY, WIDTH - 2.0 * pad - 4.0);
        let height = lines.len() as f32 * BODY_LEAD + 2.0 * pad;
        self.ensure(height.min(LIMIT - TOP));
        let mut start = 0;
        while start < lines.len() {
            let fits = (((LIMIT - self.y - 2.0 * pad) / BODY_LEAD).floor().max(0.0)) as usize;
            if fits == 0 {
                self.new_page();
                continue;
            }
            let end = (start + fits).min(lines.len());
            let h = (end - start) as f32 * BODY_LEAD + 2.0 * pad;
            let top = self.y;
            let page = self.page();
            page.items.push(Item::Fill {
                x: LEFT,
                y: top,
                w: WIDTH,
                h,
                color: NOTICE_FILL,
            });
            page.items.push(Item::Fill {
                x: LEFT,
                y: top,
                w: 3.0,
                h,
                color: NOTICE_BAR,
            });
            self.y += pad;
            for line in &lines[start..end] {
                let baseline = self.y + BODY * 0.95;
                let mark = self.mark;
                self.page()
                    .text_line(line, LEFT + pad + 4.0, baseline, BODY, INK, mark);
                self.y += BODY_LEAD;
            }
            self.y += pad;
            start = end;
            if start < lines.len() {
                self.new_page();
            }
        }
    }

    fn contents(&mut self, report: &Report) {
        let toc = self.tree.add(StructTree::DOCUMENT, Role::TOC);
        for (index, section) in report.sections.iter().enumerate() {
            if !section.in_contents() {
                continue;
            }
            let entry = self.tree.add(toc, Role::TOCI);
            let elem = self.element_in(entry, Role::P);
            let (style, x, gap) = if section.level <= 1 {
                (Style::Bold, LEFT, 5.0)
            } else {
                (Style::Regular, LEFT + 18.0, 0.0)
            };
            self.gap(gap);
            let mut lines = self.wrap(
                &Text::new().add(style, section.heading()),
                BODY,
                WIDTH - (x - LEFT) - 40.0,
            );
            // Read as "2.1 Inzetten vervolgtrajecten 5", not "…vervolgtrajecten5".
            if let Some(last) = lines.last_mut() {
                last.space_after = true;
            }
            self.ensure(lines.len() as f32 * BODY_LEAD);
            let page = self.pages.len() - 1;
            let last_baseline = self.y + (lines.len() as f32 - 1.0) * BODY_LEAD + BODY * 0.95;
            self.lines(&lines, x, BODY, BODY_LEAD, INK);
            self.contents.push(PendingEntry {
                page,
                y: last_baseline,
                section: index,
                elem,
            });
        }
    }

    fn table(&mut self, table: &Table) {
        let total: f32 = table.columns.iter().map(|c| c.width.max(0.1)).sum();
        let widths: Vec<f32> = table
            .columns
            .iter()
            .map(|c| c.width.max(0.1) / total * WIDTH)
            .collect();
        // A header word is never cut in two when the other columns can spare the room.
        let widths = if table.header {
            let min: Vec<f32> = table
                .columns
                .iter()
                .map(|c| {
                    let longest = c
                        .title
                        .split_whitespace()
                        .map(|w| self.fonts.width(Style::Bold, CELL, &self.fonts.sanitize(w)))
                        .fold(0.0, f32::max);
                    longest + 2.0 * CELL_PAD_X + 0.5
                })
                .collect();
            fit_columns(&widths, &min)
        } else {
            widths
        };
        let xs: Vec<f32> = widths
            .iter()
            .scan(LEFT, |x, w| {
                let here = *x;
                *x += w;
                Some(here)
            })
            .collect();
        let header: Option<Vec<Vec<Line>>> = table.header.then(|| {
            table
                .columns
                .iter()
                .zip(&widths)
                .map(|(c, w)| self.wrap(&Text::bold(c.title.clone()), CELL, w - 2.0 * CELL_PAD_X))
                .collect()
        });
        let header_h = header.as_ref().map_or(0.0, |cells| {
            row_height(cells.iter().map(Vec::len).max().unwrap_or(1))
        });

        let rows: Vec<Vec<Vec<Line>>> = table
            .rows
            .iter()
            .map(|row| {
                widths
                    .iter()
                    .enumerate()
                    .map(|(i, w)| {
                        let cell = row.cells.get(i).cloned().unwrap_or_default();
                        let cell = if row.kind == RowKind::Total {
                            Text::bold(cell.plain_text())
                        } else {
                            cell
                        };
                        self.wrap(&cell, CELL, w - 2.0 * CELL_PAD_X)
                    })
                    .collect()
            })
            .collect();

        // The structure: Table > THead > TR > TH (scope column), TBody > TR > TD, each data cell
        // naming its header cells. A table without a header row heads each row with its first
        // cell (scope row).
        let elem = self.tree.add(StructTree::DOCUMENT, Role::Table);
        let header_cells: Vec<ElemId> = if header.is_some() {
            let head = self.tree.add(elem, Role::THead);
            let row = self.tree.add(head, Role::TR);
            table
                .columns
                .iter()
                .map(|_| self.tree.add(row, Role::TH(Scope::Column)))
                .collect()
        } else {
            Vec::new()
        };
        let body = self.tree.add(elem, Role::TBody);
        let row_marks: Vec<Vec<Mark>> = table
            .rows
            .iter()
            .map(|_| {
                let row = self.tree.add(body, Role::TR);
                let cells: Vec<ElemId> = (0..table.columns.len())
                    .map(|i| {
                        let role = if header_cells.is_empty() && i == 0 {
                            Role::TH(Scope::Row)
                        } else {
                            Role::TD
                        };
                        self.tree.add(row, role)
                    })
                    .collect();
                for (i, &cell) in cells.iter().enumerate() {
                    let headers = match header_cells.get(i) {
                        Some(&column) => vec![column],
                        None if i > 0 => vec![cells[0]],
                        None => Vec::new(),
                    };
                    if !headers.is_empty() {
                        self.tree.set_headers(cell, headers);
                    }
                }
                cells.into_iter().map(Mark::Content).collect()
            })
            .collect();
        let header_marks: Vec<Mark> = header_cells.iter().copied().map(Mark::Content).collect();
        // On a following page the header row is repeated for the eye only.
        let repeated = vec![Mark::Artifact(Artifact::Pagination); table.columns.len()];

        // Keep the header with (the start of) the first row.
        let first = rows.first().map_or(0.0, |r| {
            row_height(r.iter().map(Vec::len).max().unwrap_or(1).min(3))
        });
        self.ensure(header_h + first);
        let draw_header = |me: &mut Self, marks: &[Mark]| {
            if let Some(cells) = &header {
                me.table_row(cells, 0, usize::MAX, &xs, &widths, table, None, marks);
            }
        };
        draw_header(self, &header_marks);
        for (r, cells) in rows.iter().enumerate() {
            let n = cells.iter().map(Vec::len).max().unwrap_or(1);
            let height = row_height(n);
            let kind = table.rows[r].kind;
            let marks = &row_marks[r];
            if self.y + height <= LIMIT {
                self.table_row(cells, 0, n, &xs, &widths, table, Some(kind), marks);
                continue;
            }
            if height <= LIMIT - TOP - header_h {
                self.new_page();
                draw_header(self, &repeated);
                self.table_row(cells, 0, n, &xs, &widths, table, Some(kind), marks);
                continue;
            }
            // A row taller than a page: split it between lines.
            let mut start = 0;
            let mut fresh = false;
            while start < n {
                let fits = ((LIMIT - self.y - 2.0 * CELL_PAD_Y) / CELL_LEAD).floor() as isize;
                if fits < 2 && !fresh {
                    self.new_page();
                    draw_header(self, &repeated);
                    fresh = true;
                    continue;
                }
                // On a fresh page at least one line goes, however little room the header leaves.
                let end = (start + fits.max(1) as usize).min(n);
                fresh = false;
                self.table_row(cells, start, end, &xs, &widths, table, Some(kind), marks);
                start = end;
                if start < n {
                    self.new_page();
                    draw_header(self, &repeated);
                    fresh = true;
                }
            }
        }
    }

    /// Draws lines `from..to` of every cell of one row at the cursor and moves below it; the
    /// header row when `kind` is `None`. `marks` says what each cell's text is.
    #[allow(clippy::too_many_arguments)]
    fn table_row(
        &mut self,
        cells: &[Vec<Line>],
        from: usize,
        to: usize,
        xs: &[f32],
        widths: &[f32],
        table: &Table,
        kind: Option<RowKind>,
        marks: &[Mark],
    ) {
        let is_header = kind.is_none();
        let n = cells
            .iter()
            .map(|c| c.len().min(to).saturating_sub(from))
            .max()
            .unwrap_or(0)
            .max(1);
        let height = row_height(n);
        let top = self.y;
        let fill = match kind {
            None => Some(HEADER_FILL),
            Some(RowKind::Total) => Some(TOTAL_FILL),
            Some(RowKind::Attention) => Some(ATTENTION_FILL),
            Some(RowKind::Normal) => None,
        };
        let page = self.page();
        if let Some(color) = fill {
            page.items.push(Item::Fill {
                x: LEFT,
                y: top,
                w: WIDTH,
                h: height,
                color,
            });
        }
        for (i, cell) in cells.iter().enumerate() {
            let align = table.columns.get(i).map_or(Align::Left, |c| c.align);
            for (k, line) in cell.iter().enumerate().take(to).skip(from) {
                let baseline = top + CELL_PAD_Y + (k - from) as f32 * CELL_LEAD + CELL * 0.95;
                let x = match align {
                    Align::Left => xs[i] + CELL_PAD_X,
                    Align::Center => xs[i] + (widths[i] - line.width) / 2.0,
                    Align::Right => xs[i] + widths[i] - CELL_PAD_X - line.width,
                };
                let color = if is_header { ACCENT } else { INK };
                let mark = marks
                    .get(i)
                    .copied()
                    .unwrap_or(Mark::Artifact(Artifact::Layout));
                page.text_line(line, x, baseline, CELL, color, mark);
            }
        }
        let (width, color) = if is_header || kind == Some(RowKind::Total) {
            (0.8, ACCENT)
        } else {
            (0.4, RULE)
        };
        page.items.push(Item::Rule {
            x1: LEFT,
            x2: LEFT + WIDTH,
            y: top + height,
            width,
            color,
        });
        if kind == Some(RowKind::Total) || is_header {
            page.items.push(Item::Rule {
                x1: LEFT,
                x2: LEFT + WIDTH,
                y: top,
                width,
                color,
            });
        }
        self.y = top + height;
    }

    /// Adds what depends on the whole document: contents page numbers, header, footer, watermark.
    fn finish(mut self, meta: &ReportMeta) -> Composition {
        let total = self.pages.len();
        for entry in &self.contents {
            if let Some(page) = self.section_pages.get(entry.section).copied().flatten() {
                let number = (page + 1).to_string();
                let w = self.fonts.width(Style::Regular, BODY, &number);
                self.pages[entry.page].items.push(Item::Text {
                    x: LEFT + WIDTH - w,
                    y: entry.y,
                    style: Style::Regular,
                    size: BODY,
                    color: INK,
                    text: number,
                    mark: Mark::Content(entry.elem),
                });
            }
        }
        let date = format_date_nl(meta.date);
        let kind = if meta.concept {
            "Conceptrapport – vertrouwelijk"
        } else {
            "Rapport"
        };
        let organisation = self.fonts.sanitize(&meta.organisation);
        let watermark = meta.concept.then(|| self.watermark());
        for (i, page) in self.pages.iter_mut().enumerate() {
            if let Some(mark) = &watermark {
                page.items.push(mark.clone());
            }
            let small = |x: f32, y: f32, text: String, artifact: Artifact| Item::Text {
                x,
                y,
                style: Style::Regular,
                size: SMALL,
                color: MUTED,
                text,
                mark: Mark::Artifact(artifact),
            };
            let right = |text: &str| LEFT + WIDTH - self.fonts.width(Style::Regular, SMALL, text);
            if i > 0 {
                let header_right = format!("{kind} · {date}");
                page.items
                    .push(small(LEFT, 48.0, organisation.clone(), Artifact::Header));
                page.items.push(small(
                    right(&header_right),
                    48.0,
                    header_right,
                    Artifact::Header,
                ));
                page.items.push(Item::Rule {
                    x1: LEFT,
                    x2: LEFT + WIDTH,
                    y: 54.0,
                    width: 0.4,
                    color: RULE,
                });
            }
            let footer_y = PAGE_H - 38.0;
            page.items.push(Item::Rule {
                x1: LEFT,
                x2: LEFT + WIDTH,
                y: footer_y - 11.0,
                width: 0.4,
                color: RULE,
            });
            page.items.push(small(
                LEFT,
                footer_y,
                format!("{organisation} · {date}"),
                Artifact::Footer,
            ));
            let number = format!("pagina {} van {total}", i + 1);
            page.items
                .push(small(right(&number), footer_y, number, Artifact::Footer));
        }
        Composition {
            pages: self.pages,
            section_pages: self.section_pages,
            tree: self.tree,
            outline: self.outline,
        }
    }

    /// "CONCEPT" across the page diagonal, centred.
    fn watermark(&self) -> Item {
        let text = "CONCEPT";
        let size = 110.0;
        let degrees = (PAGE_H / PAGE_W).atan().to_degrees();
        let width = self.fonts.width(Style::Bold, size, text);
        let cap = 0.72 * size;
        let (s, c) = degrees.to_radians().sin_cos();
        // Start of the baseline so that the text's centre lands on the page centre (PDF
        // coordinates grow upwards; `y` below is measured from the top).
        let cx = PAGE_W / 2.0;
        let cy = PAGE_H / 2.0;
        let x = cx - c * width / 2.0 + s * cap / 2.0;
        let y_up = cy - s * width / 2.0 - c * cap / 2.0;
        Item::Watermark {
            x,
            y: PAGE_H - y_up,
            degrees,
            size,
            text: text.to_string(),
        }
    }
}

/// The text in bold, footnote marks kept.
fn emphasised(text: &Text) -> Text {
    text.spans.iter().fold(Text::new(), |out, span| {
        let style = match span.style {
            Style::Superscript => Style::Superscript,
            _ => Style::Bold,
        };
        out.add(style, span.text.clone())
    })
}

fn row_height(lines: usize) -> f32 {
    lines.max(1) as f32 * CELL_LEAD + 2.0 * CELL_PAD_Y
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_figure_is_the_text_width_and_fits_an_empty_page_under_two_caption_lines() {
        assert!(
            (Figure::WIDTH - WIDTH).abs() < 1e-3,
            "{} ≠ {WIDTH}",
            Figure::WIDTH
        );
        const { assert!(Figure::MAX_HEIGHT + 2.0 * BODY_LEAD + CAPTION_GAP <= LIMIT - TOP) };
    }

    #[test]
    fn a_label_too_wide_is_set_smaller_then_shortened() {
        let fonts = Fonts::load().expect("fonts");
        let composer = Composer::new(&fonts);
        let name = "Veilig Thuis Noord- en Oost Gelderland".to_string();
        let full = fonts.width(Style::Regular, 8.0, &name);
        let (text, size, width) = composer.fit(name.clone(), Style::Regular, 8.0, None);
        assert_eq!((text.as_str(), size), (name.as_str(), 8.0));
        assert!((width - full).abs() < 1e-3);
        let (text, size, width) = composer.fit(name.clone(), Style::Regular, 8.0, Some(full * 0.9));
        assert_eq!(text, name, "set smaller, not shortened");
        assert!((8.0 * LABEL_SHRINK..8.0).contains(&size), "{size}");
        assert!(width <= full * 0.9 + 1e-3);
        let (text, size, width) = composer.fit(name, Style::Regular, 8.0, Some(full * 0.5));
        assert!(
            text.ends_with('…') && text.starts_with("Veilig Thuis"),
            "{text}"
        );
        assert!((size - 8.0 * LABEL_SHRINK).abs() < 1e-3);
        assert!(width <= full * 0.5 + 1e-3);
    }
}
