//! Line breaking by measured widths, independent of any PDF library.
//!
//! [`wrap`] breaks styled text into lines no wider than a given width (ragged right), at spaces;
//! a `\n` forces a break and a word longer than a whole line is cut where it must. Widths come
//! from a [`Measure`], so the algorithm is tested with a fixed-width fake.

use super::model::{Style, Text};

/// Measures text; implemented by the embedded fonts.
pub trait Measure {
    /// Width in points of `text` in `style` at `size` points.
    fn width(&self, style: Style, size: f32, text: &str) -> f32;
}

/// A piece of one line in one style, `x` points from the start of the line.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub style: Style,
    pub text: String,
    pub x: f32,
    pub width: f32,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Line {
    pub runs: Vec<Run>,
    pub width: f32,
    /// The line ends where the text had a space or a line break (not inside a word cut to
    /// fit). The renderer then draws a space after it, invisible but read by text extraction
    /// and screen readers, so the last word of a line does not run into the first of the next.
    pub space_after: bool,
}

impl Line {
    fn push(&mut self, style: Style, text: &str, width: f32) {
        match self.runs.last_mut() {
            Some(last) if last.style == style => {
                last.text.push_str(text);
                last.width += width;
            }
            _ => self.runs.push(Run {
                style,
                text: text.to_string(),
                x: self.width,
                width,
            }),
        }
        self.width += width;
    }

    pub fn is_empty(&self) -> bool {
        self.runs.is_empty()
    }

    /// The line's text without styling (for tests).
    #[cfg(test)]
    pub fn text(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }
}

/// A word: text between spaces, possibly in several styles.
#[derive(Default)]
struct Word {
    pieces: Vec<(Style, String)>,
    /// The style of the space before it, if there was one.
    space_before: Option<Style>,
    /// How many `\n` came before it.
    breaks_before: usize,
}

fn words(text: &Text) -> Vec<Word> {
    let mut out = Vec::new();
    let mut word = Word::default();
    let mut space: Option<Style> = None;
    let mut line_breaks = 0;
    for span in &text.spans {
        for c in span.text.chars() {
            if c == '\n' || c.is_whitespace() {
                if !word.pieces.is_empty() {
                    out.push(std::mem::take(&mut word));
                }
                if c == '\n' {
                    line_breaks += 1;
                    space = None;
                } else if line_breaks == 0 {
                    space = Some(span.style);
                }
                continue;
            }
            if word.pieces.is_empty() {
                word.space_before = space.take();
                word.breaks_before = std::mem::take(&mut line_breaks);
            }
            match word.pieces.last_mut() {
                Some((style, s)) if *style == span.style => s.push(c),
                _ => word.pieces.push((span.style, c.to_string())),
            }
        }
    }
    if !word.pieces.is_empty() {
        out.push(word);
    }
    out
}

/// Breaks `text` into lines at most `max_width` points wide at `size` points.
/// Column widths that give every column at least `min[i]` (its longest header word, so a
/// header never breaks inside a word: "Onbekend", not "Onbeken d"), taking the room from the
/// columns with more than their minimum, in proportion to what they have spare. When the spare
/// room is not enough, the widths stay as they were (a word is then cut, as `wrap` does).
pub fn fit_columns(widths: &[f32], min: &[f32]) -> Vec<f32> {
    let deficit: f32 = widths.iter().zip(min).map(|(w, m)| (m - w).max(0.0)).sum();
    let spare: f32 = widths.iter().zip(min).map(|(w, m)| (w - m).max(0.0)).sum();
    if deficit <= 0.0 || spare < deficit {
        return widths.to_vec();
    }
    widths
        .iter()
        .zip(min)
        .map(|(&w, &m)| {
            if w < m {
                m
            } else {
                w - (w - m) / spare * deficit
            }
        })
        .collect()
}

pub fn wrap(text: &Text, size: f32, max_width: f32, measure: &impl Measure) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut line = Line::default();
    for word in words(text) {
        for _ in 0..word.breaks_before {
            line.space_after = !line.is_empty();
            lines.push(std::mem::take(&mut line));
        }
        let widths: Vec<f32> = word
            .pieces
            .iter()
            .map(|(style, s)| measure.width(*style, size, s))
            .collect();
        let word_width: f32 = widths.iter().sum();
        let space = match word.space_before {
            Some(style) if !line.is_empty() => Some((style, measure.width(style, size, " "))),
            _ => None,
        };
        let space_width = space.map_or(0.0, |(_, w)| w);
        if !line.is_empty() && line.width + space_width + word_width > max_width {
            line.space_after = space.is_some();
            lines.push(std::mem::take(&mut line));
        } else if let Some((style, w)) = space {
            line.push(style, " ", w);
        }
        if word_width <= max_width {
            for ((style, s), w) in word.pieces.iter().zip(widths) {
                line.push(*style, s, w);
            }
            continue;
        }
        // A word wider than a whole line: cut it character by character.
        for (style, s) in &word.pieces {
            for c in s.chars() {
                let mut buf = [0u8; 4];
                let c = c.encode_utf8(&mut buf);
                let w = measure.width(*style, size, c);
                if !line.is_empty() && line.width + w > max_width {
                    lines.push(std::mem::take(&mut line));
                }
                line.push(*style, c, w);
            }
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character is 1 point wide at size 1, bold 2.
    struct Fixed;

    impl Measure for Fixed {
        fn width(&self, style: Style, size: f32, text: &str) -> f32 {
            let per = if style == Style::Bold { 2.0 } else { 1.0 };
            text.chars().count() as f32 * per * size
        }
    }

    fn texts(lines: &[Line]) -> Vec<String> {
        lines.iter().map(Line::text).collect()
    }

    #[test]
    fn breaks_at_spaces_within_the_width() {
        let lines = wrap(&Text::plain("aa bb cc dd"), 1.0, 5.0, &Fixed);
        assert_eq!(texts(&lines), ["aa bb", "cc dd"]);
        assert!(lines.iter().all(|l| l.width <= 5.0));
        let lines = wrap(&Text::plain("aa bb cc"), 1.0, 4.9, &Fixed);
        assert_eq!(texts(&lines), ["aa", "bb", "cc"]);
    }

    #[test]
    fn collapses_runs_of_spaces_and_honours_newlines() {
        let lines = wrap(&Text::plain("  aa   bb\ncc \n\ndd"), 1.0, 50.0, &Fixed);
        assert_eq!(texts(&lines), ["aa bb", "cc", "", "dd"]);
    }

    #[test]
    fn cuts_a_word_longer_than_the_line() {
        let lines = wrap(&Text::plain("x abcdefghij y"), 1.0, 4.0, &Fixed);
        assert_eq!(texts(&lines), ["x", "abcd", "efgh", "ij y"]);
    }

    #[test]
    fn keeps_styles_apart_and_positions_runs() {
        let text = Text::bold("ab").and(" cd").and_bold("e");
        let lines = wrap(&text, 1.0, 100.0, &Fixed);
        assert_eq!(lines.len(), 1);
        let runs: Vec<(Style, &str, f32)> = lines[0]
            .runs
            .iter()
            .map(|r| (r.style, r.text.as_str(), r.x))
            .collect();
        assert_eq!(
            runs,
            [
                (Style::Bold, "ab", 0.0),
                (Style::Regular, " cd", 4.0),
                (Style::Bold, "e", 7.0)
            ]
        );
        assert_eq!(lines[0].width, 9.0);
    }

    #[test]
    fn a_line_ends_with_a_space_where_the_text_had_one() {
        let after = |lines: &[Line]| lines.iter().map(|l| l.space_after).collect::<Vec<_>>();
        assert_eq!(
            after(&wrap(&Text::plain("aa bb cc dd"), 1.0, 5.0, &Fixed)),
            [true, false]
        );
        assert_eq!(
            after(&wrap(&Text::plain("aa\n\nbb"), 1.0, 50.0, &Fixed)),
            [true, false, false]
        );
        // A word cut to fit is not two words.
        assert_eq!(
            after(&wrap(&Text::plain("abcdefgh"), 1.0, 4.0, &Fixed)),
            [false, false]
        );
    }

    #[test]
    fn empty_text_is_one_empty_line() {
        assert_eq!(texts(&wrap(&Text::new(), 1.0, 10.0, &Fixed)), [""]);
    }

    #[test]
    fn columns_widen_to_their_longest_header_word_from_the_spare_room() {
        // Too narrow for its word: it gets its minimum, from the wide column only.
        let w = fit_columns(&[100.0, 30.0, 50.0], &[20.0, 40.0, 50.0]);
        assert_eq!(w, vec![90.0, 40.0, 50.0]);
        assert!((w.iter().sum::<f32>() - 180.0).abs() < 1e-3);
        // Nothing too narrow, or no room to give: unchanged.
        assert_eq!(fit_columns(&[50.0, 50.0], &[10.0, 10.0]), vec![50.0, 50.0]);
        assert_eq!(fit_columns(&[50.0, 10.0], &[50.0, 20.0]), vec![50.0, 10.0]);
    }
}
