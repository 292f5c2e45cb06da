//! The texts the inspectors write for the rapport beside what is generated: the verbeterpunt
//! after the onderbouwing of each onvoldoende verwachting (as in seed 002, where each finding is
//! followed by "Een verbeterpunt is dat …", and seed 003, where the verbeterpunten are part of the
//! onderbouwing per criterium), their Samenvatting below the generated counts and their Conclusie
//! below the generated eindoordeel. A block that is empty is left out; a text two copies wrote
//! differently (a conflict) is shown with every version, never one picked by clock.

use crate::domain::inspection::{History, Kinded, RapporttekstData, Revision, VerbeterpuntData};
use crate::domain::wederhoor::RapportBlok;
use crate::report::model::{Block, Text};
use crate::report::text::{number_word, paragraphs};

use super::{Builder, capitalise};

impl Builder<'_> {
    /// The verbeterpunt of verwachting `id` after its onderbouwing, when it has one (an
    /// onvoldoende verwachting): as written, or derived from the verwachting.
    pub(super) fn verbeterpunt_blocks(&self, id: &str) -> Vec<Block> {
        let Some(verbeterpunt) = self.inspection.verbeterpunt(id) else {
            return Vec::new();
        };
        if verbeterpunt.conflict {
            let history = VerbeterpuntData::records(self.inspection)
                .history(&self.inspection.verbeterpunt_id(id));
            let mut blocks = vec![Block::Paragraph(Text::bold("Verbeterpunt: ").and_bold(
                "conflict, onopgelost. ",
            ).and(
                "De inspecteurs hebben het verbeterpunt verschillend vastgelegd en dat is nog niet opgelost.",
            ))];
            blocks.extend(self.versions(history, |d| d.tekst.as_str()));
            return blocks;
        }
        labelled(&verbeterpunt.tekst)
    }

    /// The Samenvatting or Conclusie the inspectors wrote, as paragraphs (under a heading for
    /// the Conclusie); nothing when there is none.
    pub(super) fn written_block(&self, blok: RapportBlok) -> Vec<Block> {
        let inspection = self.inspection;
        let mut blocks = Vec::new();
        if blok == RapportBlok::Conclusie {
            blocks.push(Block::Heading {
                level: 1,
                text: Text::plain("Conclusie"),
            });
        }
        if inspection.rapporttekst_conflicted(blok) {
            let history =
                RapporttekstData::records(inspection).history(&inspection.rapporttekst_id(blok));
            blocks.push(Block::Notice(
                Text::bold("Conflict, onopgelost. ").and(format!(
                    "De inspecteurs hebben de {} verschillend vastgelegd en dat is nog niet opgelost.",
                    blok.as_str()
                )),
            ));
            blocks.extend(self.versions(history, |d| d.tekst.as_str()));
            return blocks;
        }
        let Some(text) = inspection.rapporttekst(blok) else {
            return Vec::new();
        };
        blocks.extend(
            paragraphs(&text)
                .into_iter()
                .map(|p| Block::Paragraph(Text::plain(p))),
        );
        blocks
    }

    /// Every live version of a text in conflict: "Versie 1 (E. Voorbeeld)" and its paragraphs.
    pub(super) fn versions<T>(
        &self,
        history: Option<&History<T>>,
        text: impl Fn(&T) -> &str,
    ) -> Vec<Block> {
        let heads: Vec<&Revision<T>> = history
            .map(|h| h.heads().filter(|r| !r.meta.deleted).collect())
            .unwrap_or_default();
        let mut blocks = Vec::new();
        if heads.len() > 1 {
            blocks.push(Block::Note(Text::plain(format!(
                "{} versies; tot er één is gekozen staan ze hier allemaal.",
                capitalise(&number_word(heads.len()))
            ))));
        }
        for (n, version) in heads.iter().enumerate() {
            let name = self.inspection.inspector_name(version.meta.author);
            blocks.push(Block::Heading {
                level: 2,
                text: Text::plain(format!("Versie {} ({name})", n + 1)),
            });
            blocks.extend(
                paragraphs(text(&version.data))
                    .into_iter()
                    .map(|p| Block::Paragraph(Text::plain(p))),
            );
        }
        blocks
    }
}

/// A verbeterpunt as paragraphs, its first words marked: a text that says it is a verbeterpunt
/// ("Een verbeterpunt is dat …") gets those words in bold, any other is preceded by a bold
/// "Verbeterpunt:".
pub(super) fn labelled(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    for (i, paragraph) in paragraphs(text).into_iter().enumerate() {
        let shown = if i > 0 {
            Text::plain(paragraph)
        } else {
            let lower = paragraph.to_lowercase();
            let lead = ["een verbeterpunt", "verbeterpunt"]
                .into_iter()
                .find(|lead| lower.starts_with(lead))
                .map(|lead| paragraph.char_indices().nth(lead.chars().count()))
                .map(|end| end.map_or(paragraph.len(), |(at, _)| at));
            match lead {
                Some(at) => Text::bold(&paragraph[..at]).and(&paragraph[at..]),
                None => Text::bold("Verbeterpunt: ").and(paragraph),
            }
        };
        blocks.push(Block::Paragraph(shown));
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_verbeterpunt_is_marked_once() {
        for (text, expected) in [
            (
                "Een verbeterpunt is dat Veilig Thuis de afspraken vastlegt.",
                vec!["**Een verbeterpunt** is dat Veilig Thuis de afspraken vastlegt."],
            ),
            (
                "Verbeterpunt: de afspraken.",
                vec!["**Verbeterpunt**: de afspraken."],
            ),
            (
                "De afspraken vastleggen.\n\nEn opvolgen.",
                vec!["**Verbeterpunt: **De afspraken vastleggen.", "En opvolgen."],
            ),
            ("  \n", vec![]),
        ] {
            let shown: Vec<String> = labelled(text)
                .iter()
                .map(|b| match b {
                    Block::Paragraph(t) => t.marked_up(),
                    other => panic!("{other:?}"),
                })
                .collect();
            assert_eq!(shown, expected, "{text}");
        }
    }
}
