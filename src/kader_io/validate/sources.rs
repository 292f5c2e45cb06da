//! The bronnen (interview roles and questions, flitsvragen, dossiervragen, documents): ids
//! unique, references known, and every scored verwachting backed by at least one source.

use std::collections::HashSet;

use crate::domain::kader::{DocumentItem, EvidenceSources, Question, Role};

use super::super::dto::{BronnenDto, Text, VraagDto};
use super::{Refs, Validator};

impl Validator<'_> {
    pub(super) fn sources(&mut self, dto: BronnenDto, refs: &Refs) -> EvidenceSources {
        let mut ids = HashSet::new();
        let mut covered = HashSet::new();
        let mut role_ids = HashSet::new();
        let mut roles = Vec::new();
        for (ri, r) in dto.rol.iter().enumerate() {
            let field = format!("bronnen.rol[{}]", ri + 1);
            self.unique(&mut role_ids, &r.id, &format!("{field}.id"));
            let questions = r
                .vraag
                .iter()
                .enumerate()
                .map(|(qi, q)| {
                    self.question(
                        q,
                        &format!("{field}.vraag[{}]", qi + 1),
                        refs,
                        &mut ids,
                        &mut covered,
                    )
                })
                .collect();
            roles.push(Role {
                id: r.id.get_ref().clone(),
                name: r.naam.clone(),
                questions,
            });
        }
        let mut list = |v: &mut Self, items: &[VraagDto], name: &str| -> Vec<Question> {
            items
                .iter()
                .enumerate()
                .map(|(i, q)| {
                    v.question(
                        q,
                        &format!("bronnen.{name}[{}]", i + 1),
                        refs,
                        &mut ids,
                        &mut covered,
                    )
                })
                .collect()
        };
        let flash_questions = list(self, &dto.flitsvraag, "flitsvraag");
        let checklist = list(self, &dto.dossiervraag, "dossiervraag");
        let mut documents = Vec::new();
        for (di, d) in dto.document.iter().enumerate() {
            let field = format!("bronnen.document[{}]", di + 1);
            self.unique(&mut ids, &d.id, &format!("{field}.id"));
            let expectations = self.refs_list(
                &d.verwachtingen,
                &format!("{field}.verwachtingen"),
                refs,
                &mut covered,
            );
            documents.push(DocumentItem {
                id: d.id.get_ref().clone(),
                name: d.naam.clone(),
                expectations,
            });
        }
        for ((id, assessment), span) in refs.flat.iter().zip(refs.spans) {
            if assessment.is_scored() && !covered.contains(id) {
                self.problem(
                    Some(span.clone()),
                    "bronnen",
                    format!(
                        "verwachting {id} wordt door geen enkele bron (interviewvraag, flitsvraag, dossiervraag of document) onderbouwd"
                    ),
                );
            }
        }
        EvidenceSources {
            explanation: dto.toelichting,
            roles,
            flash_questions,
            checklist,
            documents,
        }
    }

    pub(super) fn question(
        &mut self,
        q: &VraagDto,
        field: &str,
        refs: &Refs,
        ids: &mut HashSet<String>,
        covered: &mut HashSet<String>,
    ) -> Question {
        self.unique(ids, &q.id, &format!("{field}.id"));
        if q.tekst.trim().is_empty() {
            self.problem(
                Some(q.id.span()),
                format!("{field}.tekst"),
                "mag niet leeg zijn".to_string(),
            );
        }
        let expectations = self.refs_list(
            &q.verwachtingen,
            &format!("{field}.verwachtingen"),
            refs,
            covered,
        );
        Question {
            id: q.id.get_ref().clone(),
            text: q.tekst.clone(),
            expectations,
        }
    }

    pub(super) fn refs_list(
        &mut self,
        list: &[Text],
        field: &str,
        refs: &Refs,
        covered: &mut HashSet<String>,
    ) -> Vec<String> {
        let mut out = Vec::new();
        for (i, id) in list.iter().enumerate() {
            if self
                .expectation_ref(refs, id, &format!("{field}[{}]", i + 1))
                .is_some()
            {
                covered.insert(id.get_ref().clone());
                out.push(id.get_ref().clone());
            }
        }
        out
    }
}
