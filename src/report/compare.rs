//! Comparing the conceptrapport as it was sent with the rapport as it is now, paragraph by
//! paragraph, and why each changed: the reacties (hoor en wederhoor) that point at it.
//!
//! The concept is stored as its plain text ([`Report::plain_text`]) when it is sent; this module
//! reads that text back into paragraphs (the title page, then each `§ heading` with its text),
//! pairs them with the paragraphs of the rapport now by number (by title for the unnumbered
//! Samenvatting) and says for each whether it changed, was added or was removed. A reactie
//! belongs to a paragraph when it points at it by number, or at a verwachting whose onderbouwing
//! is in it ([`super::build::verwachting_paragraphs`]). A paragraph a reactie points at that did
//! not change is listed too ("ongewijzigd"), so a reactie that was overgenomen but left no trace
//! stands out.
//!
//! A section heading is a block of its own that starts with `§ `; a paragraph an inspecteur typed
//! that starts the same way would be read as a heading, which can only add a spurious entry.

use std::collections::BTreeMap;

use crate::domain::inspection::Inspection;
use crate::domain::wederhoor::{Besluit, ReactieSoort};

use super::build::verwachting_paragraphs;
use super::model::Report;

/// One paragraph of a rapport's plain text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextParagraph {
    /// "2.3", "Bijlage 4"; `None` for the title page and the Samenvatting.
    pub number: Option<String>,
    /// As printed: "2.3 Cliëntenpositie", "Bijlage 4 – Verwerking hoor en wederhoor",
    /// "Samenvatting", or "titelpagina".
    pub heading: String,
    /// Everything under the heading.
    pub text: String,
}

impl TextParagraph {
    /// What pairs it with its counterpart: the number, else the heading.
    fn key(&self) -> &str {
        self.number.as_deref().unwrap_or(&self.heading)
    }
}

/// The paragraphs of a rapport's plain text ([`Report::plain_text`]): the title page first
/// (heading "titelpagina"), then every section.
pub fn text_paragraphs(plain: &str) -> Vec<TextParagraph> {
    let mut out = vec![TextParagraph {
        number: None,
        heading: "titelpagina".to_string(),
        text: String::new(),
    }];
    let mut body: Vec<&str> = Vec::new();
    let flush = |out: &mut Vec<TextParagraph>, body: &mut Vec<&str>| {
        if let Some(last) = out.last_mut() {
            last.text = body.join("\n\n").trim().to_string();
        }
        body.clear();
    };
    for block in plain.split("\n\n") {
        let block = block.trim_matches('\n');
        match block.strip_prefix("§ ") {
            Some(heading) if !heading.contains('\n') => {
                flush(&mut out, &mut body);
                out.push(TextParagraph {
                    number: number_of(heading),
                    heading: heading.trim().to_string(),
                    text: String::new(),
                });
            }
            _ => body.push(block),
        }
    }
    flush(&mut out, &mut body);
    out
}

/// The number in a heading: "2.3" of "2.3 Cliëntenpositie", "Bijlage 4" of "Bijlage 4 –
/// Verwerking hoor en wederhoor"; `None` for "Samenvatting".
fn number_of(heading: &str) -> Option<String> {
    if let Some(rest) = heading.strip_prefix("Bijlage ") {
        let n: String = rest.chars().take_while(|c| !c.is_whitespace()).collect();
        return Some(format!("Bijlage {n}"));
    }
    let first = heading.split_whitespace().next()?;
    first
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_digit())
        .then(|| first.trim_end_matches('.').to_string())
}

/// How a paragraph differs between the concept and the rapport now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wijziging {
    Gewijzigd,
    Toegevoegd,
    Verwijderd,
    /// The same in both; listed only when a reactie points at it.
    Ongewijzigd,
}

impl Wijziging {
    /// The word in the list and the token in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Wijziging::Gewijzigd => "gewijzigd",
            Wijziging::Toegevoegd => "toegevoegd",
            Wijziging::Verwijderd => "verwijderd",
            Wijziging::Ongewijzigd => "ongewijzigd",
        }
    }
}

/// One paragraph that differs (or that a reactie points at), in the order of the rapport now,
/// a removed one where it stood in the concept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextChange {
    pub wijziging: Wijziging,
    pub number: Option<String>,
    /// "2.3 Cliëntenpositie", "Samenvatting", "titelpagina" (as now; as in the concept for a
    /// removed paragraph).
    pub heading: String,
}

/// The paragraphs that differ between two plain texts, by key; unchanged ones are left out.
pub fn compare_texts(before: &str, after: &str) -> Vec<TextChange> {
    compare_paragraphs(&text_paragraphs(before), &text_paragraphs(after), |_| false)
}

/// [`compare_texts`] on parsed paragraphs; an unchanged paragraph is listed when `keep` says so.
fn compare_paragraphs(
    before: &[TextParagraph],
    after: &[TextParagraph],
    keep: impl Fn(&TextParagraph) -> bool,
) -> Vec<TextChange> {
    let old: BTreeMap<&str, &TextParagraph> = before.iter().map(|p| (p.key(), p)).collect();
    let new: BTreeMap<&str, &TextParagraph> = after.iter().map(|p| (p.key(), p)).collect();
    let change = |wijziging, p: &TextParagraph| TextChange {
        wijziging,
        number: p.number.clone(),
        heading: p.heading.clone(),
    };
    // (position in the rapport now, tie-break, change): a removed paragraph goes right after
    // the paragraph before it in the concept that is still there.
    let mut out: Vec<(usize, usize, TextChange)> = Vec::new();
    for (at, p) in after.iter().enumerate() {
        match old.get(p.key()) {
            None => out.push((at, 0, change(Wijziging::Toegevoegd, p))),
            Some(o) if o.text != p.text || o.heading != p.heading => {
                out.push((at, 0, change(Wijziging::Gewijzigd, p)));
            }
            Some(_) if keep(p) => out.push((at, 0, change(Wijziging::Ongewijzigd, p))),
            Some(_) => {}
        }
    }
    let position: BTreeMap<&str, usize> = after
        .iter()
        .enumerate()
        .map(|(i, p)| (p.key(), i))
        .collect();
    for (i, p) in before.iter().enumerate() {
        if new.contains_key(p.key()) {
            continue;
        }
        let anchor = before[..i]
            .iter()
            .rev()
            .find_map(|q| position.get(q.key()).copied());
        let (at, tie) = match anchor {
            Some(a) => (a, i + 1),
            None => (0, 0),
        };
        out.push((at, tie, change(Wijziging::Verwijderd, p)));
    }
    out.sort_by_key(|(at, tie, _)| (*at, *tie));
    out.into_iter().map(|(_, _, c)| c).collect()
}

/// A reactie that points at a changed paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkedReactie {
    /// Its number in the bijlage "Verwerking hoor en wederhoor" (by date received, from 1).
    pub number: usize,
    pub id: String,
    pub soort: ReactieSoort,
    /// `None` while it has none.
    pub besluit: Option<Besluit>,
    /// What it points at: "paragraaf 2.3", "verwachting 1.3.1".
    pub reference: String,
}

impl LinkedReactie {
    /// "reactie 2 (feitelijk, overgenomen)".
    pub fn label(&self) -> String {
        format!(
            "reactie {} ({}, {})",
            self.number,
            self.soort.as_str(),
            self.besluit.map_or("nog geen besluit", Besluit::label)
        )
    }
}

/// A paragraph of [`compare`] with the reacties that point at it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParagraphChange {
    pub change: TextChange,
    pub reacties: Vec<LinkedReactie>,
    /// The difference is only that between a concept and the definitive rapport (the title
    /// page's kind, the Leeswijzer, the Vervolg): a concept made now reads as the one sent.
    pub form_only: bool,
}

impl ParagraphChange {
    /// "gewijzigd: § 2.3 Cliëntenpositie — reactie 2 (feitelijk, overgenomen)".
    pub fn line(&self) -> String {
        let what = if self.change.heading == "titelpagina" {
            "titelpagina".to_string()
        } else {
            format!("§ {}", self.change.heading)
        };
        let mut line = format!("{}: {what}", self.change.wijziging.as_str());
        if self.form_only {
            line.push_str(" (alleen het verschil tussen concept en definitief rapport)");
        }
        if !self.reacties.is_empty() {
            let labels: Vec<String> = self.reacties.iter().map(LinkedReactie::label).collect();
            line.push_str(" — ");
            line.push_str(&labels.join(", "));
        }
        line
    }
}

/// A paragraph number as a reactie may write it ("§ 2.3", "paragraaf 2.3.", "bijlage 4"),
/// as the rapport numbers it.
fn normalise_paragraph(text: &str) -> String {
    let text = text.trim();
    let text = text.strip_prefix('§').unwrap_or(text).trim();
    let lower = text.to_lowercase();
    let text = lower
        .strip_prefix("paragraaf")
        .or_else(|| lower.strip_prefix("par."))
        .unwrap_or(&lower)
        .trim()
        .trim_end_matches('.');
    match text.strip_prefix("bijlage") {
        Some(n) => format!("Bijlage {}", n.trim()),
        None => text.to_string(),
    }
}

/// The conceptrapport as sent (`sent`, its plain text) compared with the rapport `now`: every
/// paragraph that changed, was added or removed, and every unchanged one a reactie points at,
/// each with the reacties that point at it (by paragraph number, or at a verwachting in it) or
/// whose besluit names an oordeel in it that changed.
/// `concept_now` is the concept as it would be made now (dated as the one sent): a paragraph it
/// has exactly as sent differs from `now` only by being definitive ([`ParagraphChange::form_only`]).
pub fn compare(
    inspection: &Inspection,
    sent: &str,
    now: &Report,
    concept_now: &Report,
) -> Vec<ParagraphChange> {
    let paragraphs = verwachting_paragraphs(&inspection.framework);
    let reacties: Vec<(LinkedReactie, Vec<String>)> = inspection
        .reacties()
        .iter()
        .enumerate()
        .map(|(i, (r, b))| {
            let mut targets = Vec::new();
            if let Some(p) = r.data.paragraaf.as_deref().filter(|p| !p.trim().is_empty()) {
                targets.push(normalise_paragraph(p));
            }
            if let Some(p) = r
                .data
                .verwachting
                .as_deref()
                .and_then(|v| paragraphs.get(v))
            {
                targets.push(p.clone());
            }
            // And the paragraphs of the oordelen its besluit says it changed.
            if let Some(b) = b {
                targets.extend(
                    b.data
                        .wijzigingen
                        .keys()
                        .filter_map(|v| paragraphs.get(v))
                        .cloned(),
                );
            }
            let linked = LinkedReactie {
                number: i + 1,
                id: r.meta.entity.clone(),
                soort: r.data.soort,
                besluit: b.map(|b| b.data.besluit),
                reference: r.data.reference(),
            };
            (linked, targets)
        })
        .collect();
    let linked_to = |number: Option<&str>| -> Vec<LinkedReactie> {
        let Some(number) = number else {
            return Vec::new();
        };
        reacties
            .iter()
            .filter(|(_, targets)| targets.iter().any(|t| t == number))
            .map(|(r, _)| r.clone())
            .collect()
    };
    let before = text_paragraphs(sent);
    let after = text_paragraphs(&now.plain_text());
    let as_concept = text_paragraphs(&concept_now.plain_text());
    let by_key = |list: &[TextParagraph], key: &str| -> Option<(String, String)> {
        list.iter()
            .find(|p| p.key() == key)
            .map(|p| (p.heading.clone(), p.text.clone()))
    };
    compare_paragraphs(&before, &after, |p| {
        !linked_to(p.number.as_deref()).is_empty()
    })
    .into_iter()
    .map(|change| {
        let key = change.number.as_deref().unwrap_or(&change.heading);
        let form_only = change.wijziging != Wijziging::Ongewijzigd
            && by_key(&before, key) == by_key(&as_concept, key);
        ParagraphChange {
            reacties: linked_to(change.number.as_deref()),
            change,
            form_only,
        }
    })
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A rapport's plain text from (heading, text) pairs, the title page first.
    fn rapport(title: &str, sections: &[(&str, &str)]) -> String {
        let mut blocks = vec![title.to_string()];
        for (heading, text) in sections {
            blocks.push(format!("§ {heading}"));
            if !text.is_empty() {
                blocks.push((*text).to_string());
            }
        }
        blocks.join("\n\n") + "\n"
    }

    #[test]
    fn paragraphs_are_read_back_with_their_numbers() {
        let text = rapport(
            "Conceptrapport\nVeilig Thuis Gelderzoom",
            &[
                ("Samenvatting", "Een.\n\nTwee."),
                ("2 Bevindingen", ""),
                ("2.3 Cliëntenpositie", "Drie."),
                ("Bijlage 4 – Verwerking hoor en wederhoor", "Vier."),
            ],
        );
        let paragraphs = text_paragraphs(&text);
        let read: Vec<(Option<&str>, &str, &str)> = paragraphs
            .iter()
            .map(|p| (p.number.as_deref(), p.heading.as_str(), p.text.as_str()))
            .collect();
        assert_eq!(
            read,
            [
                (
                    None,
                    "titelpagina",
                    "Conceptrapport\nVeilig Thuis Gelderzoom"
                ),
                (None, "Samenvatting", "Een.\n\nTwee."),
                (Some("2"), "2 Bevindingen", ""),
                (Some("2.3"), "2.3 Cliëntenpositie", "Drie."),
                (
                    Some("Bijlage 4"),
                    "Bijlage 4 – Verwerking hoor en wederhoor",
                    "Vier."
                ),
            ]
        );
    }

    #[test]
    fn what_changed_was_added_or_removed() {
        let base: &[(&str, &str)] = &[
            ("Samenvatting", "Matig."),
            ("2.1 Inzetten", "Onvoldoende."),
            ("2.2 Onderzoeken", "Voldoende."),
            ("3.1 Termijnen", "85%."),
        ];
        fn changed<'a>(
            base: &[(&'a str, &'a str)],
            at: usize,
            heading: &'a str,
            text: &'a str,
        ) -> Vec<(&'a str, &'a str)> {
            let mut v = base.to_vec();
            v[at] = (heading, text);
            v
        }
        let line = |c: &TextChange| format!("{} {}", c.wijziging.as_str(), c.heading);
        for (name, before, after, expected) in [
            ("identical", base.to_vec(), base.to_vec(), vec![]),
            (
                "a paragraph's text",
                base.to_vec(),
                changed(base, 1, "2.1 Inzetten", "Voldoende na reactie."),
                vec!["gewijzigd 2.1 Inzetten"],
            ),
            (
                "a title under the same number",
                base.to_vec(),
                changed(base, 2, "2.2 Onderzoek", "Voldoende."),
                vec!["gewijzigd 2.2 Onderzoek"],
            ),
            (
                "the unnumbered Samenvatting by its title",
                base.to_vec(),
                changed(base, 0, "Samenvatting", "Voldoende."),
                vec!["gewijzigd Samenvatting"],
            ),
            (
                "an added paragraph at its place",
                base.to_vec(),
                {
                    let mut v = base.to_vec();
                    v.insert(3, ("2.3 Cliëntenpositie", "Nieuw."));
                    v.push(("Bijlage 4 – Verwerking hoor en wederhoor", "R."));
                    v
                },
                vec![
                    "toegevoegd 2.3 Cliëntenpositie",
                    "toegevoegd Bijlage 4 – Verwerking hoor en wederhoor",
                ],
            ),
            (
                "a removed paragraph where it stood",
                base.to_vec(),
                {
                    let mut v = base.to_vec();
                    v.remove(2);
                    v
                },
                vec!["verwijderd 2.2 Onderzoeken"],
            ),
            (
                "removed, added and changed together, in the order of the rapport",
                base.to_vec(),
                vec![
                    ("Samenvatting", "Matig."),
                    ("2.1 Inzetten", "Anders."),
                    ("3.1 Termijnen", "85%."),
                    ("3.2 Wachtlijst", "Geen."),
                ],
                vec![
                    "gewijzigd 2.1 Inzetten",
                    "verwijderd 2.2 Onderzoeken",
                    "toegevoegd 3.2 Wachtlijst",
                ],
            ),
        ] {
            let changes = compare_texts(&rapport("Concept", &before), &rapport("Concept", &after));
            let lines: Vec<String> = changes.iter().map(line).collect();
            assert_eq!(lines, expected, "{name}");
        }
        // The title page is compared like a paragraph.
        let changes = compare_texts(&rapport("Conceptrapport", base), &rapport("Rapport", base));
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].heading, "titelpagina");
    }

    #[test]
    fn paragraph_numbers_as_reacties_write_them() {
        for (written, number) in [
            ("2.3", "2.3"),
            (" § 2.3 ", "2.3"),
            ("paragraaf 2.3.", "2.3"),
            ("Paragraaf 4.1", "4.1"),
            ("bijlage 4", "Bijlage 4"),
            ("§ Bijlage 4", "Bijlage 4"),
        ] {
            assert_eq!(normalise_paragraph(written), number, "{written}");
        }
    }
}
