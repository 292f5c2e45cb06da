//! The report model: what the rapport says, as plain data, before any layout.
//!
//! A [`Report`] is a title page plus a flat list of [`Section`]s (chapters at level 1, numbered
//! paragraphs below them), each holding [`Block`]s: paragraphs, headings, lists, tables and
//! notices made of styled [`Span`]s. Nothing here knows about pages, fonts or PDF; the renderer
//! decides how it looks. [`Report::to_text`] writes the model as readable text, for snapshot
//! tests and for reading a rapport without a PDF viewer.

use std::fmt::Write as _;

use jiff::civil::Date;

/// A complete rapport.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub meta: ReportMeta,
    pub title_page: TitlePage,
    /// Every section in reading order; a level-1 section starts a new page.
    pub sections: Vec<Section>,
}

/// Facts about the rapport as a document: metadata, header and footer.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportMeta {
    /// The document title (PDF metadata), e.g. "Conceptrapport Veilig Thuis Gelderzoom".
    pub title: String,
    /// The document subject (PDF metadata).
    pub subject: String,
    /// Who publishes it (PDF metadata): the inspectorate the kader names, else the team.
    pub author: String,
    /// The organisation, printed in the page header.
    pub organisation: String,
    /// The rapport date.
    pub date: Date,
    /// A conceptrapport: watermarked and marked vertrouwelijk.
    pub concept: bool,
    /// The eindoordeel is not final: oordelen are missing or in conflict.
    pub provisional: bool,
}

/// The first page.
#[derive(Debug, Clone, PartialEq)]
pub struct TitlePage {
    /// "Conceptrapport" or "Rapport".
    pub kind: String,
    /// The main title, e.g. the organisation.
    pub title: String,
    /// Lines under the title (the kader, "Hertoets").
    pub subtitles: Vec<String>,
    /// Label → value, e.g. "Bezoek" → "13 en 14 oktober 2026".
    pub facts: Vec<(String, String)>,
    /// Remarks printed prominently ("Vertrouwelijk …", "Voorlopig …").
    pub notices: Vec<String>,
}

/// A chapter or numbered paragraph.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// "1", "2.3", "Bijlage 1"; `None` for an unnumbered section (Samenvatting, Inhoud).
    pub number: Option<String>,
    pub title: String,
    /// 1 for a chapter (new page), 2 for a paragraph within it.
    pub level: u8,
    pub blocks: Vec<Block>,
}

impl Section {
    /// Whether the table of contents lists this section (every section except the one holding
    /// the table of contents itself).
    pub fn in_contents(&self) -> bool {
        !self.blocks.contains(&Block::Contents)
    }

    /// The heading as printed: "2.3 Cliëntenpositie", "Bijlage 1 – Toetsingskader".
    pub fn heading(&self) -> String {
        match &self.number {
            None => self.title.clone(),
            Some(n) if n.starts_with("Bijlage") => format!("{n} – {}", self.title),
            Some(n) => format!("{n} {}", self.title),
        }
    }
}

/// One block of content.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Paragraph(Text),
    /// An unnumbered heading inside a section, kept on the page with what follows. Level 1 is a
    /// sub-heading ("Criterium 1.1 …"), level 2 a run-in label ("1.1.1 – onvoldoende").
    Heading {
        level: u8,
        text: Text,
    },
    /// A bulleted list.
    List(Vec<Text>),
    Table(Table),
    /// A framed remark that must not be missed (a provisional score, an unresolved conflict).
    Notice(Text),
    /// Small print, e.g. the footnotes of the toetsingskader.
    Note(Text),
    /// The table of contents: every section, with page numbers filled in by the renderer.
    Contents,
    /// A drawing (a chart) with its caption and a text alternative, kept on one page.
    Figure(Figure),
}

/// A drawing the width of the text, with a caption above it and a text alternative that
/// states what it shows (the `/Alt` of its `Figure` element, read instead of the drawing).
/// The renderer keeps caption and drawing together on one page; a drawing taller than
/// [`Figure::MAX_HEIGHT`] is scaled down to fit, so split long charts into several figures.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// Printed above the drawing ("Figuur 1 – …"): real text, read like a paragraph.
    pub caption: Text,
    /// What the drawing shows, in words, with its figures.
    pub alt: String,
    /// The height of the drawing in points; its width is [`Figure::WIDTH`].
    pub height: f32,
    /// What is drawn, in points from the drawing's top left corner (`y` grows downwards), in
    /// painting order.
    pub shapes: Vec<Shape>,
}

impl Figure {
    /// The width of a drawing in points: the text width of the page.
    pub const WIDTH: f32 = 465.276;
    /// The tallest drawing that fits on an empty page below a caption of two lines, in points.
    pub const MAX_HEIGHT: f32 = 650.0;
}

/// One element of a [`Figure`]'s drawing.
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    /// A box with its top left corner at (`x`, `y`): filled, outlined (0.75 pt), or both.
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        fill: Option<Tone>,
        stroke: Option<Tone>,
    },
    /// A straight line `width` points wide; with `dash`, dashed in dashes and gaps that long.
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width: f32,
        tone: Tone,
        dash: Option<f32>,
    },
    /// One line of text with its baseline at `y`; `x` is its left edge, centre or right edge
    /// as `align` says. Text wider than `max_width` is set smaller (to 80 %), then shortened
    /// with "…".
    Label {
        x: f32,
        y: f32,
        text: String,
        style: Style,
        size: f32,
        tone: Tone,
        align: Align,
        max_width: Option<f32>,
    },
}

/// The colours a figure may use; the renderer decides what they look like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// Body text.
    Ink,
    /// Secondary text: axis labels, "geen gegevens".
    Muted,
    /// The rapport's accent colour, dark enough to read as solid in grey.
    Accent,
    /// Thin rules and grid lines.
    Rule,
    /// A light fill for what needs attention (as a shaded table row).
    Attention,
    /// The strong edge of an attention fill.
    AttentionEdge,
    /// The page: white, to set a line apart from what it crosses.
    Paper,
}

/// Styled text: a sequence of spans. A `\n` inside a span is a line break.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Text {
    pub spans: Vec<Span>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    pub text: String,
    pub style: Style,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Style {
    Regular,
    Bold,
    Italic,
    /// A footnote mark: small and raised.
    Superscript,
}

impl Text {
    pub fn new() -> Text {
        Text::default()
    }

    pub fn plain(text: impl Into<String>) -> Text {
        Text::new().add(Style::Regular, text)
    }

    pub fn bold(text: impl Into<String>) -> Text {
        Text::new().add(Style::Bold, text)
    }

    pub fn italic(text: impl Into<String>) -> Text {
        Text::new().add(Style::Italic, text)
    }

    /// Appends a span (empty text is skipped; text in the same style as the last span joins it).
    pub fn add(mut self, style: Style, text: impl Into<String>) -> Text {
        let text = text.into();
        if text.is_empty() {
            return self;
        }
        match self.spans.last_mut() {
            Some(last) if last.style == style => last.text.push_str(&text),
            _ => self.spans.push(Span { text, style }),
        }
        self
    }

    pub fn and(self, text: impl Into<String>) -> Text {
        self.add(Style::Regular, text)
    }

    pub fn and_bold(self, text: impl Into<String>) -> Text {
        self.add(Style::Bold, text)
    }

    pub fn and_italic(self, text: impl Into<String>) -> Text {
        self.add(Style::Italic, text)
    }

    pub fn is_empty(&self) -> bool {
        self.spans.iter().all(|s| s.text.is_empty())
    }

    /// The text without styling.
    pub fn plain_text(&self) -> String {
        self.spans.iter().map(|s| s.text.as_str()).collect()
    }

    /// The text with light markup: `**bold**`, `_italic_`, `^1` for a footnote mark.
    pub fn marked_up(&self) -> String {
        let mut out = String::new();
        for span in &self.spans {
            match span.style {
                Style::Regular => out.push_str(&span.text),
                Style::Bold => {
                    let _ = write!(out, "**{}**", span.text);
                }
                Style::Italic => {
                    let _ = write!(out, "_{}_", span.text);
                }
                Style::Superscript => {
                    let _ = write!(out, "^{}", span.text);
                }
            }
        }
        out
    }
}

impl From<&str> for Text {
    fn from(text: &str) -> Text {
        Text::plain(text)
    }
}

impl From<String> for Text {
    fn from(text: String) -> Text {
        Text::plain(text)
    }
}

/// A table; the renderer repeats the header row on every page the table spans.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub columns: Vec<Column>,
    /// Whether to print the header row (a key-value table may go without).
    pub header: bool,
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub title: String,
    /// Relative width; the renderer scales the columns to the text width.
    pub width: f32,
    pub align: Align,
}

impl Column {
    pub fn new(title: impl Into<String>, width: f32) -> Column {
        Column {
            title: title.into(),
            width,
            align: Align::Left,
        }
    }

    pub fn right(self) -> Column {
        Column {
            align: Align::Right,
            ..self
        }
    }

    pub fn center(self) -> Column {
        Column {
            align: Align::Center,
            ..self
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// One cell per column.
    pub cells: Vec<Text>,
    pub kind: RowKind,
}

impl Row {
    pub fn new(cells: Vec<Text>) -> Row {
        Row {
            cells,
            kind: RowKind::Normal,
        }
    }

    pub fn with_kind(self, kind: RowKind) -> Row {
        Row { kind, ..self }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    Normal,
    /// A total or summary row.
    Total,
    /// A row that needs attention (e.g. an unresolved conflict): shaded.
    Attention,
}

impl Report {
    /// The whole rapport as readable text: headings marked with `=`, tables as `|` rows, bold as
    /// `**…**`. Deterministic, so it can be compared with a committed snapshot.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let meta = &self.meta;
        let _ = writeln!(out, "# {}", meta.title);
        let _ = writeln!(out, "onderwerp: {}", meta.subject);
        let _ = writeln!(
            out,
            "kop: {} | datum: {} | concept: {} | voorlopig: {}",
            meta.organisation,
            crate::domain::termijn::format_date_nl(meta.date),
            if meta.concept { "ja" } else { "nee" },
            if meta.provisional { "ja" } else { "nee" }
        );
        out.push('\n');

        let tp = &self.title_page;
        let _ = writeln!(out, "== Titelpagina ==");
        let _ = writeln!(out, "{}", tp.kind);
        let _ = writeln!(out, "{}", tp.title);
        for line in &tp.subtitles {
            let _ = writeln!(out, "{line}");
        }
        for (label, value) in &tp.facts {
            let _ = writeln!(out, "{label}: {value}");
        }
        for notice in &tp.notices {
            let _ = writeln!(out, "! {notice}");
        }

        for section in &self.sections {
            out.push('\n');
            let marks = if section.level <= 1 { "==" } else { "===" };
            let _ = writeln!(out, "{marks} {} {marks}", section.heading());
            for block in &section.blocks {
                out.push('\n');
                write_block(&mut out, block, &self.sections);
            }
        }
        out
    }
}

impl Report {
    /// The rapport as plain text, paragraph by paragraph: the title page, then every section
    /// under its numbered heading (`§ 2.3 Cliëntenpositie`, `§ Bijlage 1 – Toetsingskader`),
    /// each block a paragraph of its own, a table one line per row with the cells separated by
    /// ` | `. No markup, no page numbers and no table of contents, so the text depends only on
    /// what the rapport says. This is what is stored when a concept is sent, to compare a later
    /// rapport with it paragraph by paragraph.
    pub fn plain_text(&self) -> String {
        let mut blocks: Vec<String> = Vec::new();
        let tp = &self.title_page;
        let mut head = vec![tp.kind.clone(), tp.title.clone()];
        head.extend(tp.subtitles.iter().cloned());
        head.extend(
            tp.facts
                .iter()
                .map(|(label, value)| format!("{label}: {value}")),
        );
        blocks.push(head.join("\n"));
        blocks.extend(tp.notices.iter().cloned());
        for section in &self.sections {
            if !section.in_contents() {
                continue;
            }
            blocks.push(format!("§ {}", section.heading()));
            for block in &section.blocks {
                let text = match block {
                    Block::Paragraph(text)
                    | Block::Heading { text, .. }
                    | Block::Notice(text)
                    | Block::Note(text) => text.plain_text(),
                    Block::List(items) => items
                        .iter()
                        .map(|item| format!("- {}", item.plain_text().replace('\n', "\n  ")))
                        .collect::<Vec<_>>()
                        .join("\n"),
                    Block::Table(table) => {
                        let mut lines = Vec::new();
                        if table.header {
                            let titles: Vec<&str> =
                                table.columns.iter().map(|c| c.title.as_str()).collect();
                            lines.push(titles.join(" | "));
                        }
                        for row in &table.rows {
                            let cells: Vec<String> = row
                                .cells
                                .iter()
                                .map(|c| c.plain_text().replace('\n', " / "))
                                .collect();
                            lines.push(cells.join(" | "));
                        }
                        lines.join("\n")
                    }
                    Block::Contents => continue,
                    Block::Figure(figure) => {
                        format!("{}\n{}", figure.caption.plain_text(), figure.alt)
                    }
                };
                let text = text.trim_end();
                if !text.is_empty() {
                    blocks.push(text.to_string());
                }
            }
        }
        let mut out = blocks.join("\n\n");
        out.push('\n');
        out
    }
}

fn write_block(out: &mut String, block: &Block, sections: &[Section]) {
    match block {
        Block::Paragraph(text) => {
            let _ = writeln!(out, "{}", text.marked_up());
        }
        Block::Heading { level, text } => {
            let marks = if *level <= 1 { "####" } else { "#####" };
            let _ = writeln!(out, "{marks} {}", text.marked_up());
        }
        Block::List(items) => {
            for item in items {
                let _ = writeln!(out, "- {}", item.marked_up().replace('\n', "\n  "));
            }
        }
        Block::Table(table) => {
            if table.header {
                let titles: Vec<&str> = table.columns.iter().map(|c| c.title.as_str()).collect();
                let _ = writeln!(out, "| {} |", titles.join(" | "));
                let _ = writeln!(out, "|{}", "---|".repeat(table.columns.len()));
            }
            for row in &table.rows {
                let cells: Vec<String> = row
                    .cells
                    .iter()
                    .map(|c| c.marked_up().replace('\n', " / "))
                    .collect();
                let mark = match row.kind {
                    RowKind::Normal => "",
                    RowKind::Total => " (totaal)",
                    RowKind::Attention => " (!)",
                };
                let _ = writeln!(out, "| {} |{mark}", cells.join(" | "));
            }
        }
        Block::Notice(text) => {
            let _ = writeln!(out, "! {}", text.marked_up());
        }
        Block::Note(text) => {
            let _ = writeln!(out, "({})", text.marked_up());
        }
        Block::Figure(figure) => {
            let _ = writeln!(out, "[figuur] {}", figure.caption.marked_up());
            let _ = writeln!(out, "[alt] {}", figure.alt);
        }
        Block::Contents => {
            for section in sections.iter().filter(|s| s.in_contents()) {
                let indent = if section.level <= 1 { "" } else { "  " };
                let _ = writeln!(out, "{indent}{} …", section.heading());
            }
        }
    }
}
