//! The embedded fonts (Liberation Sans, SIL OFL 1.1, see `assets/fonts/`) and text measurement.
//!
//! printpdf's op API does not lay out text, so the renderer measures it: the advance of every
//! glyph from the font's `hmtx` table, scaled by the font size. Text is shown without kerning,
//! so the measured width is exactly what a viewer draws. Each font is parsed once per render.

use std::cell::RefCell;
use std::collections::HashMap;

use printpdf::{FontId, ParsedFont, PdfDocument};

use super::ReportError;
use super::layout::Measure;
use super::model::Style;

const REGULAR: &[u8] = include_bytes!("../../assets/fonts/LiberationSans-Regular.ttf");
const BOLD: &[u8] = include_bytes!("../../assets/fonts/LiberationSans-Bold.ttf");
const ITALIC: &[u8] = include_bytes!("../../assets/fonts/LiberationSans-Italic.ttf");

/// Superscript text is drawn at this share of the font size, raised by [`SUPERSCRIPT_RISE`].
pub const SUPERSCRIPT_SCALE: f32 = 0.62;
pub const SUPERSCRIPT_RISE: f32 = 0.36;

/// Characters below this are cached in a table (Latin script, punctuation, €), the rest in a map.
const TABLE: usize = 0x2100;
/// A table entry not yet looked up.
const UNKNOWN: u32 = u32::MAX;
/// A table entry for a character the font has no glyph for.
const NO_GLYPH: u32 = u32::MAX - 1;

/// One parsed face with a cache of glyph advances.
pub struct Face {
    parsed: ParsedFont,
    units_per_em: f32,
    /// Advances in font units of the characters below [`TABLE`], or [`UNKNOWN`] / [`NO_GLYPH`]:
    /// measuring is done for every word of the rapport, so this lookup must be cheap.
    table: RefCell<Vec<u32>>,
    /// char → advance in font units, or `None` when the font has no glyph for it.
    advances: RefCell<HashMap<char, Option<u16>>>,
}

impl Face {
    fn parse(bytes: &[u8], name: &'static str) -> Result<Face, ReportError> {
        let mut warnings = Vec::new();
        let parsed =
            ParsedFont::from_bytes(bytes, 0, &mut warnings).ok_or(ReportError::Font(name))?;
        let units_per_em = f32::from(parsed.pdf_font_metrics.units_per_em);
        if units_per_em <= 0.0 {
            return Err(ReportError::Font(name));
        }
        Ok(Face {
            parsed,
            units_per_em,
            table: RefCell::new(vec![UNKNOWN; TABLE]),
            advances: RefCell::new(HashMap::new()),
        })
    }

    /// The advance of `c` in font units, if the font has a glyph for it.
    fn advance(&self, c: char) -> Option<u16> {
        let index = c as usize;
        if index < TABLE {
            let known = self.table.borrow()[index];
            match known {
                UNKNOWN => {}
                NO_GLYPH => return None,
                advance => return u16::try_from(advance).ok(),
            }
            let advance = self.lookup(c);
            self.table.borrow_mut()[index] = advance.map_or(NO_GLYPH, u32::from);
            return advance;
        }
        if let Some(known) = self.advances.borrow().get(&c) {
            return *known;
        }
        let advance = self.lookup(c);
        self.advances.borrow_mut().insert(c, advance);
        advance
    }

    fn lookup(&self, c: char) -> Option<u16> {
        self.parsed
            .lookup_glyph_index(u32::from(c))
            .filter(|&gid| gid != 0)
            .map(|gid| self.parsed.get_horizontal_advance(gid))
    }

    pub fn has_glyph(&self, c: char) -> bool {
        self.advance(c).is_some()
    }

    /// Width of `text` at `size` points.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        let units: u32 = text
            .chars()
            .map(|c| u32::from(self.advance(c).unwrap_or(0)))
            .sum();
        units as f32 * size / self.units_per_em
    }
}

/// The three faces the rapport uses, parsed, and their ids once added to a document.
pub struct Fonts {
    pub regular: Face,
    pub bold: Face,
    pub italic: Face,
}

/// The font ids of one document.
pub struct FontIds {
    pub regular: FontId,
    pub bold: FontId,
    pub italic: FontId,
}

impl Fonts {
    pub fn load() -> Result<Fonts, ReportError> {
        Ok(Fonts {
            regular: Face::parse(REGULAR, "LiberationSans-Regular")?,
            bold: Face::parse(BOLD, "LiberationSans-Bold")?,
            italic: Face::parse(ITALIC, "LiberationSans-Italic")?,
        })
    }

    pub fn face(&self, style: Style) -> &Face {
        match style {
            Style::Regular | Style::Superscript => &self.regular,
            Style::Bold => &self.bold,
            Style::Italic => &self.italic,
        }
    }

    /// Adds the fonts to `doc` (printpdf embeds and subsets them when saving).
    pub fn add_to(&self, doc: &mut PdfDocument) -> FontIds {
        FontIds {
            regular: doc.add_font(&self.regular.parsed),
            bold: doc.add_font(&self.bold.parsed),
            italic: doc.add_font(&self.italic.parsed),
        }
    }

    /// Replaces what the fonts cannot show: tabs and odd spaces become spaces, soft hyphens and
    /// control characters go, anything else without a glyph becomes `?`.
    pub fn sanitize(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        for c in text.chars() {
            match c {
                '\n' => out.push('\n'),
                '\t' | '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' => out.push(' '),
                '\u{00AD}' | '\u{200B}'..='\u{200D}' | '\u{FEFF}' => {}
                c if c.is_control() => {}
                c if self.regular.has_glyph(c)
                    && self.bold.has_glyph(c)
                    && self.italic.has_glyph(c) =>
                {
                    out.push(c)
                }
                _ => out.push('?'),
            }
        }
        out
    }
}

impl Measure for Fonts {
    fn width(&self, style: Style, size: f32, text: &str) -> f32 {
        match style {
            Style::Superscript => self.regular.width(text, size * SUPERSCRIPT_SCALE),
            other => self.face(other).width(text, size),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fonts_cover_dutch_text() {
        let fonts = Fonts::load().expect("embedded fonts parse");
        let dutch = "ë ï é è ö ü ’ ‘ “ ” – — €";
        for face in [&fonts.regular, &fonts.bold, &fonts.italic] {
            for c in dutch.chars().filter(|c| *c != ' ') {
                assert!(face.has_glyph(c), "no glyph for {c:?}");
            }
        }
        assert_eq!(fonts.sanitize("a\tb\u{00AD}c\u{7}"), "a bc");
        assert_eq!(fonts.sanitize("Cliëntenpositie – €"), "Cliëntenpositie – €");
    }

    #[test]
    fn widths_scale_with_size_and_add_up() {
        let fonts = Fonts::load().expect("embedded fonts parse");
        let a = fonts.width(Style::Regular, 10.0, "abc");
        let b = fonts.width(Style::Regular, 20.0, "abc");
        assert!(a > 10.0 && a < 30.0, "{a}");
        assert!((b - 2.0 * a).abs() < 1e-3);
        let ab = fonts.width(Style::Regular, 10.0, "ab") + fonts.width(Style::Regular, 10.0, "c");
        assert!((ab - a).abs() < 1e-3);
        assert!(fonts.width(Style::Bold, 10.0, "abc") > a);
    }
}
