//! The errors of the `toml` crate (and of serde through it) as Dutch problems: what is wrong
//! and what to do, on the line the error points at and, when the file's syntax is sound, the
//! field it is about (`thema[2].criterium[1].titel`, indices counted from 1).
//!
//! The crate's own English text never reaches the user: the serde messages ("invalid type",
//! "unknown field", "missing field", …) and the parser's ("invalid basic string", "duplicate
//! key", …) are recognised by their fixed wording and rewritten; anything unrecognised gets a
//! general Dutch description, still with its line.

use std::ops::Range;

use toml::de::{DeTable, DeValue};

use super::Problem;
use super::validate::LineIndex;

/// The problem for a `toml::from_str` error on `text`.
pub(super) fn problem(error: &toml::de::Error, text: &str, lines: &LineIndex) -> Problem {
    let span = error.span();
    let line = span.as_ref().map(|s| lines.line(s.start));
    let message = error.message().trim();
    // A document that parses is structurally sound: the error is about a value in it (serde).
    match DeTable::parse(text) {
        Ok(doc) => {
            let mut path = Vec::new();
            if let Some(span) = span.as_ref().filter(|s| !s.is_empty()) {
                find(doc.get_ref(), span.start, &mut path);
            }
            let (field, message) = data_problem(message, &path, span.as_ref(), text);
            Problem {
                line,
                field,
                message,
            }
        }
        Err(_) => Problem {
            line,
            field: String::new(),
            message: format!(
                "de opmaak van het bestand klopt hier niet (TOML): {}",
                syntax_text(message, span.as_ref(), text)
            ),
        },
    }
}

/// One step of a path into the document.
enum Step {
    Key(String),
    /// 0-based; shown 1-based.
    Index(usize),
}

/// Shows a path as `thema[2].criterium[1].titel`: keys joined by dots, array positions counted
/// from 1 as people count.
fn show(path: &[Step]) -> String {
    let mut out = String::new();
    for step in path {
        match step {
            Step::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            Step::Index(i) => out.push_str(&format!("[{}]", i + 1)),
        }
    }
    out
}

/// Finds the deepest key or value whose span contains `pos` below `table`, leaving its path in
/// `path`. A table's span is its header, so children are searched before the node itself.
fn find(table: &DeTable, pos: usize, path: &mut Vec<Step>) -> bool {
    for (key, value) in table {
        path.push(Step::Key(key.get_ref().to_string()));
        if find_in(value.get_ref(), pos, path)
            || key.span().contains(&pos)
            || value.span().contains(&pos)
        {
            return true;
        }
        path.pop();
    }
    false
}

fn find_in(value: &DeValue, pos: usize, path: &mut Vec<Step>) -> bool {
    match value {
        DeValue::Table(t) => find(t, pos, path),
        DeValue::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                path.push(Step::Index(i));
                if find_in(item.get_ref(), pos, path) || item.span().contains(&pos) {
                    return true;
                }
                path.pop();
            }
            false
        }
        _ => false,
    }
}

/// The text at `span`, on one line and shortened, to show what was written.
fn snippet(text: &str, span: Option<&Range<usize>>) -> Option<String> {
    let s = text.get(span?.clone())?.trim();
    let first = s.lines().next().unwrap_or("").trim();
    if first.is_empty() {
        return None;
    }
    let short: String = first.chars().take(40).collect();
    Some(if short.len() < first.len() || first.len() < s.len() {
        format!("{short}…")
    } else {
        short
    })
}

/// The names between backticks in `text`, in order: "`a`, `b` or `c`" → [a, b, c].
fn backticked(text: &str) -> Vec<&str> {
    text.split('`').skip(1).step_by(2).collect()
}

/// A serde error about a value: the field path and a Dutch message.
fn data_problem(
    message: &str,
    path: &[Step],
    span: Option<&Range<usize>>,
    text: &str,
) -> (String, String) {
    let field = show(path);
    let written = snippet(text, span);
    let join = |parent: &str, key: &str| {
        if parent.is_empty() {
            key.to_string()
        } else {
            format!("{parent}.{key}")
        }
    };
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let mut names = backticked(rest).into_iter();
        let name = names.next().unwrap_or("?").to_string();
        let allowed: Vec<&str> = names.collect();
        let hint = if allowed.is_empty() {
            "hier horen geen velden".to_string()
        } else {
            format!("hier horen: {}", allowed.join(", "))
        };
        // The key itself is the field; name it even when the path was not found.
        let field = if field.is_empty() {
            name.clone()
        } else {
            field
        };
        return (
            field,
            format!(
                "onbekend veld '{name}'; {hint}. Controleer de spelling of verwijder het veld (zie FORMAT.md)"
            ),
        );
    }
    if let Some(rest) = message.strip_prefix("missing field ") {
        let name = backticked(rest).first().copied().unwrap_or("?").to_string();
        return (
            join(&field, &name),
            format!("het verplichte veld '{name}' ontbreekt; voeg {name} = … toe (zie FORMAT.md)"),
        );
    }
    if let Some(rest) = message.strip_prefix("duplicate field ") {
        let name = backticked(rest).first().copied().unwrap_or("?").to_string();
        return (
            join(&field, &name),
            format!("het veld '{name}' staat twee keer in dezelfde tabel; laat er één over"),
        );
    }
    // "hier staat 12, maar …" when the value can be shown, else a plain description.
    let found = |what: &str| match &written {
        Some(w) => format!("{what}: hier staat {w}, maar"),
        None => format!("{what}:"),
    };
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        let (given, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        if given.starts_with("integer") && given.ends_with(" as i128") {
            let number = backticked(given).first().copied().unwrap_or("").to_string();
            return (
                field,
                format!(
                    "het getal {number} is te groot; zie 'Grenzen' in FORMAT.md voor wat hier mag"
                ),
            );
        }
        return (
            field,
            format!(
                "{} hier hoort {}",
                found("verkeerd soort waarde"),
                expected_text(expected)
            ),
        );
    }
    if let Some(rest) = message.strip_prefix("invalid value: ") {
        let expected = rest.split_once(", expected ").map_or("", |(_, e)| e);
        return (
            field,
            format!(
                "{} hier hoort {}",
                found("ongeldige waarde"),
                expected_text(expected)
            ),
        );
    }
    if message.starts_with("invalid length ") {
        return (
            field,
            format!(
                "{} het aantal elementen klopt niet; zie FORMAT.md voor wat hier hoort",
                found("verkeerde lijst")
            ),
        );
    }
    (
        field,
        format!(
            "{} dat past niet in het kaderformaat; zie FORMAT.md voor wat hier hoort",
            found("ongeldige waarde")
        ),
    )
}

/// What serde expected ("i64", "a string", "struct ThemaDto", …) in Dutch.
fn expected_text(expected: &str) -> &'static str {
    let e = expected.trim();
    if matches!(
        e,
        "i8" | "i16" | "i32" | "i64" | "i128" | "u8" | "u16" | "u32" | "u64" | "u128" | "usize"
    ) || e.contains("integer")
    {
        "een geheel getal, zonder aanhalingstekens (bijvoorbeeld 2)"
    } else if e == "a string" || e == "a borrowed string" || e == "a character" {
        "een tekst tussen aanhalingstekens (bijvoorbeeld \"…\")"
    } else if e == "a boolean" {
        "true of false"
    } else if e == "a sequence" {
        "een lijst tussen [ en ] (bijvoorbeeld [\"1.1.1\", \"1.1.2\"])"
    } else if e.starts_with("struct ") || e == "a map" || e.contains("table") {
        "een tabel (een kop [naam] of [[naam]] met velden eronder)"
    } else {
        "een ander soort waarde; zie FORMAT.md"
    }
}

/// A TOML syntax error in Dutch: what is wrong on the line and how to fix it.
fn syntax_text(message: &str, span: Option<&Range<usize>>, text: &str) -> String {
    let head = message
        .split_once(", expected")
        .map_or(message, |(h, _)| h)
        .lines()
        .next()
        .unwrap_or("")
        .trim();
    let starts = |prefixes: &[&str]| prefixes.iter().any(|p| head.starts_with(p));
    if head == "duplicate key" {
        return match snippet(text, span) {
            Some(key) => format!(
                "'{key}' staat twee keer in dezelfde tabel; laat er één over (of begin een nieuwe [[…]]-kop)"
            ),
            None => "een sleutel staat twee keer in dezelfde tabel; laat er één over".to_string(),
        };
    }
    if head.starts_with("cannot extend value of type") {
        return "deze sleutel of tabel is eerder al op een andere manier gegeven (bijvoorbeeld [naam] na [[naam]], of naam = … en ook een kop [naam]); gebruik één vorm".to_string();
    }
    let dutch = if starts(&[
        "missing escaped value",
        "invalid escape",
        "too few unicode value digits",
        "invalid unicode",
    ]) {
        "ongeldig teken na een '\\' in een tekst; schrijf \\\\ voor een backslash, of zet de tekst tussen enkele aanhalingstekens"
    } else if starts(&[
        "invalid basic string",
        "invalid multi-line basic string",
        "invalid literal string",
        "invalid multi-line literal string",
        "invalid string",
        "missing opening quote",
    ]) {
        "een tekst is niet goed afgesloten; controleer de aanhalingstekens (een tekst staat tussen \"…\" op één regel, of tussen \"\"\"…\"\"\")"
    } else if starts(&[
        "string values must be quoted",
        "missing value",
        "invalid value",
    ]) {
        "de waarde ontbreekt, of een tekst staat niet tussen aanhalingstekens; schrijf bijvoorbeeld titel = \"…\""
    } else if starts(&["key with no value", "missing assignment"]) {
        "na de naam van het veld ontbreekt '= waarde'; schrijf bijvoorbeeld titel = \"…\""
    } else if starts(&["unclosed array table"]) {
        "de kop [[…]] is niet afgesloten; eindig hem met ]]"
    } else if starts(&["unclosed table", "missing table open", "invalid table"]) {
        "de kop […] is niet goed geschreven; schrijf [naam] of [[naam]]"
    } else if starts(&[
        "unclosed array",
        "missing comma between array elements",
        "extra comma in array",
        "missing array opening",
        "unexpected `=` in array",
    ]) {
        "een lijst [ … ] klopt niet; scheid de waarden met komma's en sluit af met ]"
    } else if starts(&[
        "unclosed inline table",
        "missing comma between key-value pairs",
        "extra comma in inline table",
        "missing key for inline table element",
        "missing inline table opening",
        "invalid inline table element",
    ]) {
        "een tabel { … } op één regel klopt niet; scheid de velden met komma's en sluit af met }"
    } else if starts(&[
        "unexpected key or value",
        "unexpected content",
        "extra assignment",
        "extra `=`",
        "invalid key-value pair",
    ]) {
        "onverwachte tekst na de waarde; zet elk veld (naam = waarde) op een eigen regel"
    } else if starts(&[
        "invalid unquoted key",
        "unquoted keys cannot be empty",
        "invalid key",
        "keys cannot be",
    ]) {
        "ongeldige veldnaam; gebruik letters, cijfers, _ en -"
    } else if starts(&[
        "integer number overflowed",
        "floating-point number overflowed",
    ]) {
        "het getal is te groot; zie 'Grenzen' in FORMAT.md"
    } else if starts(&[
        "invalid integer",
        "invalid float",
        "invalid hexadecimal",
        "invalid octal",
        "invalid binary",
        "invalid mantissa",
        "invalid fraction",
        "invalid exponent",
        "unexpected leading zero",
        "redundant",
        "integers with a radix",
        "radix must be lowercase",
        "`_` may only go between digits",
        "unexpected sign",
    ]) {
        "ongeldig getal; schrijf een geheel getal zoals 12 (zonder voorloopnullen of aanhalingstekens)"
    } else if starts(&["invalid date-time"]) {
        "ongeldige datum of tijd"
    } else if starts(&["invalid boolean"]) {
        "ongeldige waarde; schrijf true of false"
    } else if starts(&[
        "carriage return",
        "invalid comment character",
        "missing comment start",
    ]) {
        "deze regel bevat een ongeldig (onzichtbaar) teken; verwijder het"
    } else if starts(&["cannot recurse further", "recursion limit"]) {
        "het bestand is te diep genest"
    } else {
        "controleer aanhalingstekens, '=' en de haken [ ] op deze regel (zie FORMAT.md)"
    };
    dutch.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem_of(text: &str) -> Problem {
        #[derive(serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct Doc {
            getal: i64,
            #[serde(default)]
            naam: String,
            #[serde(default)]
            rij: Vec<Rij>,
        }
        #[derive(serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct Rij {
            id: String,
        }
        let error = toml::from_str::<Doc>(text).err().expect("an error");
        problem(&error, text, &LineIndex::new(text))
    }

    const ENGLISH: [&str; 8] = [
        "expected",
        "invalid",
        "unknown field",
        "missing field",
        "duplicate",
        "string",
        "integer",
        "key",
    ];

    #[track_caller]
    fn dutch(p: &Problem) {
        for word in ENGLISH {
            assert!(!p.message.contains(word), "{word:?} in {p:?}");
        }
    }

    #[test]
    fn serde_errors_name_the_field_one_based() {
        let p = problem_of("getal = 1\n[[rij]]\nid = \"a\"\n[[rij]]\nid = 4\n");
        assert_eq!((p.line, p.field.as_str()), (Some(5), "rij[2].id"), "{p:?}");
        assert!(p.message.contains("tekst"), "{p:?}");
        dutch(&p);

        let p = problem_of("getal = 1\n[[rij]]\nid = \"a\"\n[[rij]]\nidd = \"b\"\n");
        assert_eq!((p.line, p.field.as_str()), (Some(5), "rij[2].idd"), "{p:?}");
        assert!(
            p.message.contains("'idd'") && p.message.contains("id"),
            "{p:?}"
        );
        dutch(&p);

        let p = problem_of("getal = 1\n[[rij]]\n");
        assert_eq!((p.line, p.field.as_str()), (Some(2), "rij[1].id"), "{p:?}");
        assert!(p.message.contains("ontbreekt"), "{p:?}");
        dutch(&p);

        let p = problem_of("naam = \"x\"\n");
        assert_eq!((p.line, p.field.as_str()), (Some(1), "getal"), "{p:?}");
        dutch(&p);

        let p = problem_of("getal = \"een\"\n");
        assert_eq!((p.line, p.field.as_str()), (Some(1), "getal"), "{p:?}");
        assert!(p.message.contains("\"een\"") && p.message.contains("geheel getal"));
        dutch(&p);

        let p = problem_of("getal = 99999999999999999999\n");
        assert!(p.message.contains("te groot"), "{p:?}");
        dutch(&p);
    }

    #[test]
    fn syntax_errors_are_dutch_with_their_line() {
        for (text, line, part) in [
            ("getal = 1\nnaam = \"abc\n", 2, "aanhalingstekens"),
            ("getal = 1\ngetal = 2\n", 2, "twee keer"),
            ("getal = 1\n[[rij]\nid = \"a\"\n", 2, "]]"),
            ("getal 1\n", 1, "="),
            ("getal = 1\nnaam = 'a' 'b'\n", 2, "eigen regel"),
            ("getal = 1\nnaam = \"\\q\"\n", 2, "backslash"),
            ("getal = \n", 1, "ontbreekt"),
        ] {
            let p = problem_of(text);
            assert_eq!(p.line, Some(line), "{text:?}: {p:?}");
            assert!(p.message.contains(part), "{text:?}: {p:?}");
            assert!(p.field.is_empty(), "{p:?}");
            dutch(&p);
        }
    }
}
