//! A small CSV reader for the case lists organisations export from their registration system or
//! Excel (`veldtoets dossiers --importeer`): the delimiter `;` (what Dutch Excel writes) or `,`,
//! decided from the header line; an optional UTF-8 byte order mark; quoted fields with `""` for a
//! quote (and line breaks inside quotes); LF or CRLF line ends. Pure: text in, rows out, each
//! with the line it starts on (counted from 1, as people count).

/// One record of the file: its cells (unquoted, not trimmed) and the line it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub line: usize,
    pub cells: Vec<String>,
}

/// The records of a CSV text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// The delimiter found in the header line.
    pub delimiter: char,
    /// Every record, blank lines included (as one empty cell).
    pub rows: Vec<Row>,
    /// The line of a record whose quote is never closed: it runs to the end of the text and
    /// is not in `rows`.
    pub unclosed_quote: Option<usize>,
}

/// `;` or `,`: whichever the header line (the first line, outside quotes) has more of; `;` when
/// it has neither (a single column).
pub fn detect_delimiter(text: &str) -> char {
    let header = text.strip_prefix('\u{feff}').unwrap_or(text);
    let header = header.split('\n').next().unwrap_or("");
    let (mut semicolons, mut commas, mut quoted) = (0usize, 0usize, false);
    for c in header.chars() {
        match c {
            '"' => quoted = !quoted,
            ';' if !quoted => semicolons += 1,
            ',' if !quoted => commas += 1,
            _ => {}
        }
    }
    if commas > semicolons { ',' } else { ';' }
}

/// Splits `text` into records (see the module doc).
pub fn read(text: &str) -> Table {
    let delimiter = detect_delimiter(text);
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut rows = Vec::new();
    let mut cells: Vec<String> = Vec::new();
    let mut cell = String::new();
    // Whether the current cell was quoted (then a later quote is taken literally) and whether
    // we are inside its quotes.
    let (mut was_quoted, mut in_quotes) = (false, false);
    let (mut line, mut row_line) = (1usize, 1usize);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if in_quotes {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    cell.push('"');
                }
                '"' => in_quotes = false,
                '\r' if chars.peek() == Some(&'\n') => {}
                '\n' => {
                    line += 1;
                    cell.push('\n');
                }
                c => cell.push(c),
            }
            continue;
        }
        match c {
            '"' if !was_quoted && cell.trim().is_empty() => {
                cell.clear();
                was_quoted = true;
                in_quotes = true;
            }
            c if c == delimiter => {
                cells.push(std::mem::take(&mut cell));
                was_quoted = false;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                cells.push(std::mem::take(&mut cell));
                rows.push(Row {
                    line: row_line,
                    cells: std::mem::take(&mut cells),
                });
                was_quoted = false;
                line += 1;
                row_line = line;
            }
            c => cell.push(c),
        }
    }
    let unclosed_quote = in_quotes.then_some(row_line);
    if !in_quotes && (!cells.is_empty() || !cell.is_empty() || was_quoted) {
        cells.push(cell);
        rows.push(Row {
            line: row_line,
            cells,
        });
    }
    Table {
        delimiter,
        rows,
        unclosed_quote,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(table: &Table) -> Vec<(usize, Vec<&str>)> {
        table
            .rows
            .iter()
            .map(|r| (r.line, r.cells.iter().map(String::as_str).collect()))
            .collect()
    }

    #[test]
    fn semicolons_bom_and_crlf() {
        let table = read("\u{feff}nummer;melding_ontvangen\r\nVT-1;03-02-2026\r\nVT-2;\r\n");
        assert_eq!(table.delimiter, ';');
        assert_eq!(
            cells(&table),
            [
                (1, vec!["nummer", "melding_ontvangen"]),
                (2, vec!["VT-1", "03-02-2026"]),
                (3, vec!["VT-2", ""]),
            ]
        );
        assert_eq!(table.unclosed_quote, None);
    }

    #[test]
    fn commas_quotes_and_a_line_break_inside_quotes() {
        let text = "nummer,notitie\nVT-1,\"zegt \"\"nee\"\", met komma, en\nnieuwe regel\"\n\"VT-2\",\"\"\nVT-3,x";
        let table = read(text);
        assert_eq!(table.delimiter, ',');
        assert_eq!(
            cells(&table),
            [
                (1, vec!["nummer", "notitie"]),
                (2, vec!["VT-1", "zegt \"nee\", met komma, en\nnieuwe regel"]),
                (4, vec!["VT-2", ""]),
                (5, vec!["VT-3", "x"]),
            ]
        );
    }

    #[test]
    fn delimiter_follows_the_header_not_the_data() {
        assert_eq!(detect_delimiter("nummer;notitie\nA;een, twee, drie"), ';');
        assert_eq!(detect_delimiter("\"a;b\",c\n"), ',');
        assert_eq!(detect_delimiter("nummer\nA"), ';');
        // A comma inside a cell of a semicolon file stays in the cell.
        let table = read("nummer;notitie\nA;een, twee");
        assert_eq!(table.rows[1].cells, ["A", "een, twee"]);
    }

    #[test]
    fn blank_lines_and_a_missing_final_newline() {
        let table = read("a;b\n\n1;2");
        assert_eq!(
            cells(&table),
            [(1, vec!["a", "b"]), (2, vec![""]), (3, vec!["1", "2"])]
        );
        assert!(read("").rows.is_empty());
        assert_eq!(cells(&read("\"\"")), [(1, vec![""])]);
    }

    #[test]
    fn an_unclosed_quote_is_reported_with_its_line() {
        let table = read("a;b\n1;2\n3;\"open\n4;5\n");
        assert_eq!(cells(&table), [(1, vec!["a", "b"]), (2, vec!["1", "2"])]);
        assert_eq!(table.unclosed_quote, Some(3));
    }

    #[test]
    fn a_quote_inside_an_unquoted_cell_is_kept() {
        let table = read("a;b\n5\" scherm;\"x\"y\n");
        assert_eq!(table.rows[1].cells, ["5\" scherm", "xy"]);
    }
}
