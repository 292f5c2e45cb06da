//! Tidy: the architecture's invariants (ARCHITECTURE.md, "Invariants") as a test, in the style of
//! rust-analyzer's `xtask/src/tidy.rs`. It reads every `.rs` file under `src/` and fails with one
//! line per violation (`file:line: rule`) when
//!
//! - `src/domain/` reads the clock, uses randomness or does I/O (`Timestamp::now`, `Zoned::now`,
//!   `SystemTime`, `Instant::now`, clock/random UUIDs, `std::fs`/`io`/`net`/`process`/`env`,
//!   `rand`): the clock is read in `src/clock.rs` and passed in;
//! - `src/domain/` names a GUI, database or PDF crate (`egui`, `eframe`, `egui_extras`, `rfd`,
//!   `rusqlite`, `printpdf`) or any `crate::` module other than `crate::domain`;
//! - a file outside `src/store/` names `rusqlite` (so `ui` never touches it either);
//! - `src/report/` touches `std::fs` or reads the clock (it returns bytes; the date comes in);
//! - a file outside `src/ui/` names `egui`, `eframe`, `egui_extras` or `rfd` (`cli.rs` starts the
//!   app through `crate::ui::run` without naming egui);
//! - a file outside `src/report/` names `printpdf` (`overzicht.rs` renders through `report`);
//! - `src/fsutil.rs` names any `crate::` module (it depends on nothing else in the crate, in
//!   particular not on `store`, which uses it);
//! - a file does not start with a `//!` module doc;
//! - the modules of `src/ui/` import each other in a cycle (no module may import a module that,
//!   directly or through others, imports it back; see [`ui_cycles`]).
//!
//! How it reads code: comments (line, block and doc comments), string, raw string and char
//! literals are blanked first, so prose or SQL mentioning "rusqlite" does not count. `use` trees
//! are flattened (`use std::{fs, io}` names `std::fs` and `std::io`), and whitespace around `::`
//! is ignored within a line. Names are matched as whole identifiers (`egui` does not match
//! `egui_kittest`). Limitations: this is text, not name resolution, so an alias
//! (`use jiff::Timestamp as T; T::now()`), a glob import followed by a bare `now()`, a path
//! broken across lines, `super::super::…` out of `domain`, code produced by macros and files
//! pulled in with `#[path]` are not seen; `#[cfg(test)]` code is held to the same rules.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

/// One broken rule at one place.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Violation {
    path: String,
    line: usize,
    rule: String,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.path, self.line, self.rule)
    }
}

/// A rule forbidding some names in some files.
struct Rule {
    /// Does the rule apply to this file (path relative to the crate root, `/`-separated)?
    applies: fn(&str) -> bool,
    /// Paths or identifiers that must not appear (matched as whole identifiers).
    forbidden: &'static [&'static str],
    /// What the rule says, shown with each violation.
    says: &'static str,
}

const CLOCK: &[&str] = &["Timestamp::now", "Zoned::now", "SystemTime", "Instant::now"];

const DOMAIN_IMPURE: &[&str] = &[
    "Timestamp::now",
    "Zoned::now",
    "SystemTime",
    "Instant::now",
    "Uuid::now_v1",
    "Uuid::now_v6",
    "Uuid::now_v7",
    "Uuid::new_v4",
    "Uuid::new_v7",
    "std::fs",
    "std::io",
    "std::net",
    "std::process",
    "std::env",
    "rand",
];

const GUI_CRATES: &[&str] = &["egui", "eframe", "egui_extras", "rfd"];

const RULES: &[Rule] = &[
    Rule {
        applies: |p| p.starts_with("src/domain/"),
        forbidden: DOMAIN_IMPURE,
        says: "domain reads no clock, uses no randomness and does no I/O \
               (take a `Stamp` or a date as a parameter; the clock is read in src/clock.rs)",
    },
    Rule {
        applies: |p| p.starts_with("src/domain/"),
        forbidden: &[
            "egui",
            "eframe",
            "egui_extras",
            "rfd",
            "rusqlite",
            "printpdf",
        ],
        says: "domain knows no GUI, database or PDF crate",
    },
    Rule {
        applies: |p| !p.starts_with("src/store/"),
        forbidden: &["rusqlite"],
        says: "only src/store/ knows rusqlite",
    },
    Rule {
        applies: |p| p.starts_with("src/report/"),
        forbidden: &["std::fs"],
        says: "report does no file I/O (it returns bytes)",
    },
    Rule {
        applies: |p| p.starts_with("src/report/"),
        forbidden: CLOCK,
        says: "report reads no clock (the rapport date comes in through `ReportOptions`)",
    },
    Rule {
        applies: |p| !p.starts_with("src/ui/"),
        forbidden: GUI_CRATES,
        says: "only src/ui/ knows egui, eframe and rfd",
    },
    Rule {
        applies: |p| !p.starts_with("src/report/"),
        forbidden: &["printpdf"],
        says: "only src/report/ knows printpdf",
    },
];

/// Every violation in one source file. `path` is relative to the crate root (`src/…`).
fn check(path: &str, text: &str) -> Vec<Violation> {
    let mut found = Vec::new();
    let mut report = |line: usize, rule: String| {
        let v = Violation {
            path: path.to_string(),
            line,
            rule,
        };
        if !found.contains(&v) {
            found.push(v);
        }
    };

    let first = text.lines().position(|l| !l.trim().is_empty());
    if first.is_none_or(|i| {
        !text
            .lines()
            .nth(i)
            .unwrap_or("")
            .trim_start()
            .starts_with("//!")
    }) {
        report(
            first.map_or(1, |i| i + 1),
            "every module starts with a `//!` doc saying what it is for".to_string(),
        );
    }

    let mentions = mentions(&strip(text));
    // A name on a line is reported once, under the first (most specific) rule forbidding it.
    let mut seen: Vec<(usize, &str)> = Vec::new();
    for rule in RULES.iter().filter(|r| (r.applies)(path)) {
        for (line, hay) in &mentions {
            for name in rule.forbidden {
                if names(hay, name) && !seen.contains(&(*line, name)) {
                    seen.push((*line, name));
                    report(*line, format!("{} (found `{name}`)", rule.says));
                }
            }
        }
    }

    let in_domain = path.starts_with("src/domain/");
    let is_fsutil = path == "src/fsutil.rs";
    if in_domain || is_fsutil {
        for (line, hay) in &mentions {
            for module in crate_modules(hay) {
                if is_fsutil {
                    report(
                        *line,
                        format!(
                            "fsutil depends on nothing else in the crate (found `crate::{module}`)"
                        ),
                    );
                } else if module != "domain" {
                    report(
                        *line,
                        format!(
                            "domain imports nothing from the rest of the crate \
                             (found `crate::{module}`)"
                        ),
                    );
                }
            }
        }
    }
    found.sort_by_key(|v| v.line);
    found
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Does `hay` contain `name` as a whole identifier or path (not as part of a longer identifier)?
fn names(hay: &str, name: &str) -> bool {
    hay.match_indices(name).any(|(at, _)| {
        let before = hay[..at].chars().next_back();
        let after = hay[at + name.len()..].chars().next();
        !before.is_some_and(is_ident) && !after.is_some_and(is_ident)
    })
}

/// The modules named right after `crate::` (`crate::{…}` is left to the flattened `use` trees).
fn crate_modules(hay: &str) -> Vec<&str> {
    hay.match_indices("crate::")
        .filter(|(at, _)| {
            !hay[..*at]
                .chars()
                .next_back()
                .is_some_and(|c| is_ident(c) || c == '$')
        })
        .filter_map(|(at, m)| {
            let rest = &hay[at + m.len()..];
            let end = rest.find(|c: char| !is_ident(c)).unwrap_or(rest.len());
            (end > 0).then(|| &rest[..end])
        })
        .collect()
}

/// The source with comments and the contents of string and char literals replaced by spaces
/// (newlines kept, so line numbers stay right). Lifetimes and labels (`'a`) are left alone.
fn strip(src: &str) -> String {
    let c: Vec<char> = src.chars().collect();
    let blank = |ch: char| if ch == '\n' { '\n' } else { ' ' };
    let mut out = String::with_capacity(src.len());
    let mut i = 0;
    while i < c.len() {
        let ch = c[i];
        let next = c.get(i + 1).copied();
        if ch == '/' && next == Some('/') {
            while i < c.len() && c[i] != '\n' {
                out.push(' ');
                i += 1;
            }
        } else if ch == '/' && next == Some('*') {
            let mut depth = 0usize;
            while i < c.len() {
                if c[i] == '/' && c.get(i + 1) == Some(&'*') {
                    depth += 1;
                    out.push_str("  ");
                    i += 2;
                } else if c[i] == '*' && c.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    out.push_str("  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    out.push(blank(c[i]));
                    i += 1;
                }
            }
        } else if ch == '"' {
            out.push('"');
            i += 1;
            while i < c.len() && c[i] != '"' {
                if c[i] == '\\' {
                    out.push(' ');
                    i += 1;
                }
                if i < c.len() {
                    out.push(blank(c[i]));
                    i += 1;
                }
            }
            if i < c.len() {
                out.push('"');
                i += 1;
            }
        } else if let Some(hashes) = raw_string_start(&c, i) {
            // r"…", r#"…"#, br"…", cr"…": copy the opener, blank up to the matching closer.
            let open = 1 + hashes + 1;
            out.extend(&c[i..i + open]);
            i += open;
            let closes = |j: usize| c[j] == '"' && (1..=hashes).all(|k| c.get(j + k) == Some(&'#'));
            while i < c.len() && !closes(i) {
                out.push(blank(c[i]));
                i += 1;
            }
            let end = (i + 1 + hashes).min(c.len());
            out.extend(&c[i..end]);
            i = end;
        } else if ch == '\'' && next == Some('\\') {
            // An escaped char literal: '\n', '\'', '\u{1F600}'.
            out.push('\'');
            out.push_str("  ");
            i += 3;
            while i < c.len() && c[i] != '\'' && c[i] != '\n' {
                out.push(' ');
                i += 1;
            }
            if i < c.len() && c[i] == '\'' {
                out.push('\'');
                i += 1;
            }
        } else if ch == '\'' && c.get(i + 2) == Some(&'\'') {
            // A plain char literal: 'x', '"'.
            out.push('\'');
            out.push(blank(c[i + 1]));
            out.push('\'');
            i += 3;
        } else {
            out.push(ch);
            i += 1;
        }
    }
    out
}

/// At `i`, does a raw string literal start (`r"`, `r#"`, `br"`, `cr"`)? Returns its `#` count.
fn raw_string_start(c: &[char], i: usize) -> Option<usize> {
    if c[i] != 'r' {
        return None;
    }
    let before = |k: usize| i.checked_sub(k).map(|j| c[j]);
    let starts_token = match before(1) {
        Some('b' | 'c') => !before(2).is_some_and(is_ident),
        p => !p.is_some_and(is_ident),
    };
    if !starts_token {
        return None;
    }
    let hashes = c[i + 1..].iter().take_while(|&&h| h == '#').count();
    (c.get(i + 1 + hashes) == Some(&'"')).then_some(hashes)
}

/// What the (stripped) code names, with line numbers: every line (whitespace around `::`
/// removed), and every path a `use` tree imports, flattened (`use std::{fs, io::Read}` gives
/// `std::fs` and `std::io::Read`, each at the line of its last segment).
fn mentions(code: &str) -> Vec<(usize, String)> {
    let mut out: Vec<(usize, String)> = code
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, tighten_paths(l)))
        .collect();

    let tokens = tokens(code);
    let mut i = 0;
    while i < tokens.len() {
        if tokens[i].1 == "use" {
            i += 1;
            if tokens.get(i).is_some_and(|t| t.1 == "::") {
                i += 1;
            }
            let mut paths = Vec::new();
            use_tree(&tokens, &mut i, &[], &mut paths);
            out.extend(paths);
        } else {
            i += 1;
        }
    }
    out
}

fn tighten_paths(line: &str) -> String {
    let mut s = line.to_string();
    loop {
        let t = s
            .replace(" ::", "::")
            .replace(":: ", "::")
            .replace("\t::", "::");
        if t == s {
            return s;
        }
        s = t;
    }
}

/// Identifiers and the punctuation of `use` trees, each with its line.
fn tokens(code: &str) -> Vec<(usize, String)> {
    let c: Vec<char> = code.chars().collect();
    let mut out = Vec::new();
    let mut line = 1;
    let mut i = 0;
    while i < c.len() {
        let ch = c[i];
        if ch == '\n' {
            line += 1;
            i += 1;
        } else if is_ident(ch) {
            let start = i;
            while i < c.len() && is_ident(c[i]) {
                i += 1;
            }
            out.push((line, c[start..i].iter().collect()));
        } else if ch == ':' && c.get(i + 1) == Some(&':') {
            out.push((line, "::".to_string()));
            i += 2;
        } else {
            if matches!(ch, '{' | '}' | ',' | '*' | ';') {
                out.push((line, ch.to_string()));
            }
            i += 1;
        }
    }
    out
}

/// Parses one `use` tree at `tokens[*i]` under `prefix`, pushing each imported path.
fn use_tree(
    tokens: &[(usize, String)],
    i: &mut usize,
    prefix: &[String],
    out: &mut Vec<(usize, String)>,
) {
    let mut path = prefix.to_vec();
    while let Some((line, tok)) = tokens.get(*i) {
        match tok.as_str() {
            "{" => {
                *i += 1;
                while let Some((_, t)) = tokens.get(*i) {
                    match t.as_str() {
                        "}" => {
                            *i += 1;
                            return;
                        }
                        ";" => return,
                        "," => *i += 1,
                        _ => {
                            let before = *i;
                            use_tree(tokens, i, &path, out);
                            if *i == before {
                                *i += 1;
                            }
                        }
                    }
                }
                return;
            }
            "*" => {
                *i += 1;
                path.push("*".to_string());
                out.push((*line, path.join("::")));
                return;
            }
            "::" | "," | "}" | ";" => return,
            ident => {
                *i += 1;
                if ident != "self" {
                    path.push(ident.to_string());
                }
                match tokens.get(*i).map(|t| t.1.as_str()) {
                    Some("::") => *i += 1,
                    Some("as") => {
                        *i += 2;
                        out.push((*line, path.join("::")));
                        return;
                    }
                    _ => {
                        out.push((*line, path.join("::")));
                        return;
                    }
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// No cycles among the modules of `ui`.

/// A module path (`["ui", "screens", "start"]`).
type Module = Vec<String>;

/// The module a file under `src/ui/` is (`src/ui/screens/start.rs` → `ui::screens::start`,
/// `src/ui/screens/mod.rs` → `ui::screens`); `None` for any other file.
fn ui_module(path: &str) -> Option<Module> {
    let rest = path.strip_prefix("src/")?.strip_suffix(".rs")?;
    let mut module: Module = rest.split('/').map(str::to_string).collect();
    if module.len() > 1 && module.last().is_some_and(|m| m == "mod") {
        module.pop();
    }
    (module.first().is_some_and(|m| m == "ui")).then_some(module)
}

/// A path as written in `module` (`crate::ui::app::file_name`, `super::worker::Jobs`,
/// `self::x`, or starting with a name in `aliases`), made absolute; `None` when it does not
/// start in this crate (`std::…`, `egui::…`, a local variable).
fn absolute(
    module: &[String],
    path: &[String],
    aliases: &BTreeMap<String, Module>,
) -> Option<Module> {
    let first = path.first()?;
    let (mut base, mut rest) = match first.as_str() {
        "crate" => (Vec::new(), &path[1..]),
        "self" => (module.to_vec(), &path[1..]),
        "super" => (
            module[..module.len().saturating_sub(1)].to_vec(),
            &path[1..],
        ),
        name => (aliases.get(name)?.clone(), &path[1..]),
    };
    while rest.first().is_some_and(|s| s == "super") {
        base.pop();
        rest = &rest[1..];
    }
    base.extend(rest.iter().cloned());
    Some(base)
}

/// The longest module of `known` that `path` lies in (the module an item path points into).
fn module_in(path: &[String], known: &BTreeSet<Module>) -> Option<Module> {
    (1..=path.len())
        .rev()
        .map(|n| path[..n].to_vec())
        .find(|m| known.contains(m))
}

/// The `ui` modules one file refers to, each with the first line it does so: every path of its
/// `use` trees, and every path in its code that starts with `crate`, `self`, `super`, a name it
/// imported from the crate or a submodule it declares (`mod x;`).
fn ui_references(module: &[String], text: &str, known: &BTreeSet<Module>) -> Vec<(usize, Module)> {
    let code = strip(text);
    let tokens = tokens(&code);
    // The module each token is in: the file's, or an inline `mod tests { … }` in it (where
    // `super` is the file's module).
    let mut scopes: Vec<Module> = Vec::with_capacity(tokens.len());
    let mut inline: Vec<(String, usize)> = Vec::new();
    let mut depth = 0usize;
    for (i, (_, tok)) in tokens.iter().enumerate() {
        match tok.as_str() {
            "{" => {
                depth += 1;
                if i >= 2 && tokens[i - 2].1 == "mod" {
                    inline.push((tokens[i - 1].1.clone(), depth));
                }
            }
            "}" => {
                if inline.last().is_some_and(|(_, d)| *d == depth) {
                    inline.pop();
                }
                depth = depth.saturating_sub(1);
            }
            _ => {}
        }
        let mut scope = module.to_vec();
        scope.extend(inline.iter().map(|(name, _)| name.clone()));
        scopes.push(scope);
    }
    // The `use` trees, flattened; the tokens they span are not read again as code.
    let mut uses: Vec<(usize, usize, Vec<String>)> = Vec::new();
    let mut in_use = vec![false; tokens.len()];
    let mut i = 0;
    while i < tokens.len() {
        if tokens[i].1 == "use" {
            let start = i;
            i += 1;
            if tokens.get(i).is_some_and(|t| t.1 == "::") {
                i += 1;
            }
            let mut paths = Vec::new();
            use_tree(&tokens, &mut i, &[], &mut paths);
            while i < tokens.len() && tokens[i].1 != ";" {
                i += 1;
            }
            in_use[start..i.min(tokens.len())].fill(true);
            uses.extend(
                paths
                    .into_iter()
                    .map(|(line, p)| (line, start, p.split("::").map(str::to_string).collect())),
            );
        } else {
            i += 1;
        }
    }
    // Names that stand for a module of the crate (or an item in one) in this file: the
    // submodules it declares (`mod x;`) and what it imports.
    let mut aliases: BTreeMap<String, Module> = BTreeMap::new();
    for (i, (_, tok)) in tokens.iter().enumerate() {
        if tok == "mod"
            && !in_use[i]
            && let Some((_, name)) = tokens.get(i + 1)
        {
            let mut child = module.to_vec();
            child.push(name.clone());
            aliases.insert(name.clone(), child);
        }
    }
    let mut found: Vec<(usize, Module)> = Vec::new();
    for (line, at, path) in &uses {
        if let Some(abs) = absolute(&scopes[*at], path, &BTreeMap::new()) {
            if let Some(name) = path.last().filter(|n| n.as_str() != "*") {
                aliases.insert(name.clone(), abs.clone());
            }
            found.push((*line, abs));
        }
    }
    // Paths in the code: `a::b::c` chains outside `use` trees and `mod` declarations.
    let mut i = 0;
    while i < tokens.len() {
        let starts = !in_use[i]
            && is_ident(tokens[i].1.chars().next().unwrap_or(' '))
            && !(i > 0 && (tokens[i - 1].1 == "::" || tokens[i - 1].1 == "mod"));
        if !starts {
            i += 1;
            continue;
        }
        let line = tokens[i].0;
        let mut path = vec![tokens[i].1.clone()];
        let mut j = i + 1;
        while j + 1 < tokens.len()
            && tokens[j].1 == "::"
            && is_ident(tokens[j + 1].1.chars().next().unwrap_or(' '))
        {
            path.push(tokens[j + 1].1.clone());
            j += 2;
        }
        if (path.len() > 1 || aliases.contains_key(&path[0]))
            && let Some(abs) = absolute(&scopes[i], &path, &aliases)
        {
            found.push((line, abs));
        }
        i = j;
    }
    let mut out: Vec<(usize, Module)> = Vec::new();
    for (line, abs) in found {
        let Some(target) = module_in(&abs, known) else {
            continue;
        };
        if target != module && !out.iter().any(|(_, m)| *m == target) {
            out.push((line, target));
        }
    }
    out.sort();
    out
}

/// Cycles among the modules of `src/ui/`: `files` are (path relative to the crate root, text).
/// For each module (in order) that is not already in a reported cycle and can reach itself, one
/// violation showing its shortest cycle with the file and line of each import in it.
///
/// An edge is any reference to another `ui` module (see [`ui_references`]); declaring a
/// submodule (`pub mod x;`) is not one. Text, not name resolution: a re-export under another
/// name or a path built by a macro is not followed.
fn ui_cycles(files: &[(String, String)]) -> Vec<Violation> {
    let modules: Vec<(&str, Module, &str)> = files
        .iter()
        .filter_map(|(path, text)| Some((path.as_str(), ui_module(path)?, text.as_str())))
        .collect();
    let known: BTreeSet<Module> = modules.iter().map(|(_, m, _)| m.clone()).collect();
    let mut file_of: BTreeMap<Module, &str> = BTreeMap::new();
    // Edges: module → (target → line of the first reference).
    let mut edges: BTreeMap<Module, BTreeMap<Module, usize>> = BTreeMap::new();
    for (path, module, text) in &modules {
        file_of.insert(module.clone(), path);
        let targets = edges.entry(module.clone()).or_default();
        for (line, target) in ui_references(module, text, &known) {
            targets.entry(target).or_insert(line);
        }
    }
    let name = |m: &Module| m.join("::");
    let mut violations = Vec::new();
    let mut reported: BTreeSet<Module> = BTreeSet::new();
    for start in edges.keys() {
        if reported.contains(start) {
            continue;
        }
        // The shortest way back to `start` (breadth first), if there is one.
        let mut previous: BTreeMap<Module, Module> = BTreeMap::new();
        let mut queue = std::collections::VecDeque::from([start.clone()]);
        let mut back = None;
        'search: while let Some(m) = queue.pop_front() {
            for next in edges.get(&m).into_iter().flat_map(BTreeMap::keys) {
                if next == start {
                    back = Some(m.clone());
                    break 'search;
                }
                if !previous.contains_key(next) {
                    previous.insert(next.clone(), m.clone());
                    queue.push_back(next.clone());
                }
            }
        }
        let Some(last) = back else {
            continue;
        };
        let mut cycle = vec![last];
        while let Some(p) = previous.get(cycle.last().unwrap()) {
            cycle.push(p.clone());
        }
        cycle.reverse(); // start … last
        let mut steps = Vec::new();
        for (k, m) in cycle.iter().enumerate() {
            let next = cycle.get(k + 1).unwrap_or(start);
            let line = edges[m][next];
            steps.push(format!(
                "{} → {} ({}:{line})",
                name(m),
                name(next),
                file_of[m]
            ));
        }
        reported.extend(cycle.iter().cloned());
        violations.push(Violation {
            path: file_of[start].to_string(),
            line: edges[start][cycle.get(1).unwrap_or(start)],
            rule: format!(
                "the modules of ui import each other in a cycle; move what they share into a \
                 module both can import (ui/types.rs): {}",
                steps.join(", ")
            ),
        });
    }
    violations
}

/// Every `.rs` file under `dir`, sorted.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|x| x == "rs") {
            files.push(path);
        }
    }
    files
}

#[test]
fn tidy() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let files = rust_files(&root.join("src"));
    let mut checked = Vec::new();
    let mut violations = Vec::new();
    let mut sources = Vec::new();
    for file in &files {
        let rel = file
            .strip_prefix(root)
            .expect("under the crate root")
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        let text = fs::read_to_string(file)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", file.display()));
        violations.extend(check(&rel, &text));
        checked.push(rel.clone());
        sources.push((rel, text));
    }
    violations.extend(ui_cycles(&sources));
    // Guard against a walk that silently finds nothing.
    for expected in [
        "src/lib.rs",
        "src/domain/inspection.rs",
        "src/store/mod.rs",
        "src/ui/mod.rs",
    ] {
        assert!(
            checked.iter().any(|f| f == expected),
            "tidy did not find {expected}"
        );
    }
    if !violations.is_empty() {
        let list: Vec<String> = violations.iter().map(ToString::to_string).collect();
        panic!(
            "\n{} architecture violation(s) (see ARCHITECTURE.md, Invariants):\n{}\n",
            list.len(),
            list.join("\n")
        );
    }
}

/// The checker itself must fail on planted violations, or the test above proves nothing.
mod planted {
    use super::{check, ui_cycles};

    fn rules(path: &str, text: &str) -> Vec<(usize, String)> {
        check(path, text)
            .into_iter()
            .map(|v| (v.line, v.rule))
            .collect()
    }

    fn has(found: &[(usize, String)], line: usize, part: &str) -> bool {
        found.iter().any(|(l, r)| *l == line && r.contains(part))
    }

    #[test]
    fn a_clock_in_the_domain_is_reported() {
        let src = "//! Fake.\n\nfn f() {\n    let _ = jiff::Timestamp::now();\n}\n";
        let found = rules("src/domain/x.rs", src);
        assert!(has(&found, 4, "`Timestamp::now`"), "{found:?}");
        assert_eq!(found.len(), 1, "{found:?}");
        // The same code outside the domain is fine.
        assert!(rules("src/ui/x.rs", src).is_empty());
    }

    #[test]
    fn impure_domain_code_is_reported_in_every_spelling() {
        let src = "//! Fake.\nuse std::{fmt, fs, io::Read};\nuse uuid::Uuid;\n\
                   fn f() { let _ = Uuid :: now_v7(); let _ = std::env::var(\"X\"); }\n\
                   fn g() { let _ = std::time::SystemTime::now(); let _ = rand::random::<u8>(); }\n";
        let found = rules("src/domain/x.rs", src);
        assert!(has(&found, 2, "`std::fs`"), "{found:?}");
        assert!(has(&found, 2, "`std::io`"), "{found:?}");
        assert!(has(&found, 4, "`Uuid::now_v7`"), "{found:?}");
        assert!(has(&found, 4, "`std::env`"), "{found:?}");
        assert!(has(&found, 5, "`SystemTime`"), "{found:?}");
        assert!(has(&found, 5, "`rand`"), "{found:?}");
        // `std::fmt` and a deterministic UUIDv5 are allowed.
        let pure = "//! Fake.\nuse std::fmt;\nfn f(n: uuid::Uuid) { let _ = uuid::Uuid::new_v5(&n, b\"x\"); }\n";
        assert!(rules("src/domain/x.rs", pure).is_empty());
    }

    #[test]
    fn the_domain_imports_only_the_domain() {
        let src = "//! Fake.\nuse super::kader::Framework;\nuse crate::domain::judgement::Judgement;\n\
                   use crate::{\n    domain::termijn,\n    store::Store,\n};\nfn f() { crate::kader_io::load(); }\n\
                   fn g(c: egui::Context, p: printpdf::PdfDocument) {}\n";
        let found = rules("src/domain/x.rs", src);
        assert!(has(&found, 6, "`crate::store`"), "{found:?}");
        assert!(has(&found, 8, "`crate::kader_io`"), "{found:?}");
        assert!(has(&found, 9, "`egui`"), "{found:?}");
        assert!(has(&found, 9, "`printpdf`"), "{found:?}");
        assert_eq!(found.len(), 4, "{found:?}");
    }

    #[test]
    fn crates_outside_their_module_are_reported() {
        let src = "//! Fake.\nuse rusqlite::Connection;\nfn f(_: &eframe::Frame) {}\nuse printpdf as pdf;\n";
        let ui = rules("src/ui/x.rs", src);
        assert!(has(&ui, 2, "only src/store/ knows rusqlite"), "{ui:?}");
        assert!(has(&ui, 4, "only src/report/ knows printpdf"), "{ui:?}");
        assert_eq!(ui.len(), 2, "{ui:?}");
        let cli = rules("src/cli.rs", src);
        assert!(has(&cli, 3, "only src/ui/ knows egui"), "{cli:?}");
        let store = rules("src/store/x.rs", "//! Fake.\nuse rusqlite::Connection;\n");
        assert!(store.is_empty(), "{store:?}");
    }

    #[test]
    fn report_and_fsutil_are_held_to_their_rules() {
        let report = rules(
            "src/report/x.rs",
            "//! Fake.\nuse std::fs;\nfn f() { let _ = jiff::Zoned::now(); }\n",
        );
        assert!(has(&report, 2, "report does no file I/O"), "{report:?}");
        assert!(has(&report, 3, "report reads no clock"), "{report:?}");
        let fsutil = rules("src/fsutil.rs", "//! Fake.\nuse crate::store::Store;\n");
        assert!(has(&fsutil, 2, "`crate::store`"), "{fsutil:?}");
    }

    #[test]
    fn a_missing_module_doc_is_reported() {
        let found = rules("src/x.rs", "\n// A comment, not a module doc.\nfn f() {}\n");
        assert!(has(&found, 2, "`//!` doc"), "{found:?}");
        assert!(has(&rules("src/x.rs", ""), 1, "`//!` doc"));
    }

    #[test]
    fn comments_and_literals_do_not_count() {
        let src = r####"//! Knows nothing of rusqlite, egui or printpdf; never calls Timestamp::now.
/// Unlike `store`, which uses rusqlite.
// use rusqlite::Connection;
/* a block comment: crate::store /* nested: egui */ std::fs */
fn f<'a>(x: &'a str) -> (&'a str, char, char, &'static str, &'static [u8]) {
    let _ = "rusqlite::Connection \" std::fs";
    let _ = r#"egui "printpdf" crate::store"#;
    (x, '"', '\'', "Timestamp::now()", br"std::fs")
}
"####;
        assert!(rules("src/domain/x.rs", src).is_empty());
        assert!(rules("src/json.rs", src).is_empty());
        // And after all that, real code is still seen.
        let tail = format!("{src}fn g(_: rusqlite::Connection) {{}}\n");
        assert!(has(&rules("src/json.rs", &tail), 10, "rusqlite"));
    }

    #[test]
    fn longer_identifiers_are_not_names() {
        let src = "//! Fake.\nfn f(random: u8, egui_kittest: u8, my_rusqlite_x: u8) -> u8 { random + egui_kittest + my_rusqlite_x }\n";
        assert!(rules("src/domain/x.rs", src).is_empty());
    }

    fn files(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(p, t)| (p.to_string(), t.to_string()))
            .collect()
    }

    #[test]
    fn a_cycle_among_ui_modules_is_reported() {
        // Two modules: one by a `use`, the other back by a path in the code.
        let two = files(&[
            ("src/ui/mod.rs", "//! Ui.\npub mod app;\npub mod screens;\n"),
            ("src/ui/screens/mod.rs", "//! Screens.\npub mod start;\n"),
            (
                "src/ui/app.rs",
                "//! App.\nuse super::screens;\nfn f() { screens::start::show(); }\n",
            ),
            (
                "src/ui/screens/start.rs",
                "//! Start.\nfn g(p: &Path) { let _ = crate::ui::app::file_name(p); }\n",
            ),
        ]);
        let found = ui_cycles(&two);
        assert_eq!(found.len(), 1, "{found:?}");
        let rule = &found[0].rule;
        assert!(
            rule.contains("ui::app → ui::screens::start (src/ui/app.rs:3)")
                && rule.contains("ui::screens::start → ui::app (src/ui/screens/start.rs:2)"),
            "{rule}"
        );

        // Three modules, through `super`, a brace tree and an imported item.
        let three = files(&[
            (
                "src/ui/commands.rs",
                "//! C.\nuse super::workspace::DraftTarget;\n",
            ),
            (
                "src/ui/workspace.rs",
                "//! W.\nuse super::{prefs, worker::StoreHandle};\n",
            ),
            (
                "src/ui/worker.rs",
                "//! K.\nuse crate::ui::commands::FilePurpose as P;\nfn f(_: P) {}\n",
            ),
            ("src/ui/prefs.rs", "//! P.\n"),
        ]);
        let found = ui_cycles(&three);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].rule.contains("ui::commands → ui::workspace")
                && found[0].rule.contains("ui::workspace → ui::worker")
                && found[0].rule.contains("ui::worker → ui::commands"),
            "{found:?}"
        );
    }

    #[test]
    fn imports_that_point_one_way_are_no_cycle() {
        let tree = files(&[
            (
                "src/ui/mod.rs",
                "//! Ui.\npub mod app;\npub mod types;\npub mod screens;\nfn run() { app::App::new(); }\n",
            ),
            (
                "src/ui/types.rs",
                "//! Types.\nuse crate::domain::Kind;\npub enum Screen {}\n",
            ),
            (
                "src/ui/screens/mod.rs",
                "//! Screens.\npub mod a;\npub mod b;\n",
            ),
            (
                "src/ui/app.rs",
                "//! App.\nuse crate::ui::{screens::{self, a}, types::Screen};\nfn f() { screens::b::g(); a::h(); }\n",
            ),
            (
                "src/ui/screens/a.rs",
                "//! A.\nuse super::b;\nuse crate::ui::types::*;\n// crate::ui::app\n",
            ),
            (
                "src/ui/screens/b.rs",
                "//! B.\nuse super::super::types::Screen;\nfn g() { let _ = \"crate::ui::app\"; }\n",
            ),
        ]);
        assert!(ui_cycles(&tree).is_empty(), "{:?}", ui_cycles(&tree));
    }
}
