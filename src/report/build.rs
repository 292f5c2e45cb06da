//! Inspection → report model: what the rapport says, in Dutch.
//!
//! The layout follows the published Veilig Thuis rapporten (seed 003): title page, Samenvatting,
//! Inleiding, per thema and criterium a table of the verwachtingen with their oordeel (and the
//! earlier round's beside it for a hertoets) followed by the onderbouwing, the termijnen from
//! the dossiers, the eindoordeel with the beslisregels applied, and the bijlagen (toetsingskader,
//! onderzoeksopzet, beslisregels).
//!
//! Only current state goes in: no revision ids, no timestamps, no dossier numbers, no personal
//! data beyond the inspecteurs' names. So the model is deterministic for a given inspection and
//! date, whatever ids the revisions carry.

use std::collections::{BTreeMap, BTreeSet};

use crate::domain::inspection::{Conflict, Inspection, OordeelData, Revision, Selection};
use crate::domain::kader::{Assessment, Band, Framework, Measure};
use crate::domain::scoring::Standing;
use crate::domain::termijn::format_date_nl;
use crate::domain::{Judgement, JudgementSet, JudgementValue, Score, score as score_of};

use super::ReportOptions;
use super::model::{
    Block, Column, Report, ReportMeta, Row, RowKind, Section, Style, Table, Text, TitlePage,
};
use super::text::{count, format_date_long, format_period, join_and, number_word, paragraphs};

/// Builds the report model of `inspection`. Pure: the date comes from `options`.
pub fn build(inspection: &Inspection, options: &ReportOptions<'_>) -> Report {
    Builder::new(inspection, options).report()
}

/// The oordeel of one verwachting as the rapport shows it.
enum Shown<'a> {
    /// Not scored by the kader: only inventoried.
    Inventoried(Option<&'a Revision<OordeelData>>),
    /// Not assessed in this kader at all.
    NotAssessed,
    /// Two or more inspectors judged differently and nobody resolved it yet.
    Conflict(&'a Conflict<'a>),
    Judged(&'a Revision<OordeelData>),
    /// No oordeel recorded yet.
    Missing,
}

struct Builder<'a> {
    inspection: &'a Inspection,
    fw: &'a Framework,
    concept: bool,
    date: jiff::civil::Date,
    organisation: String,
    period: Option<String>,
    inspectors: Vec<String>,
    score: Score,
    conflicts: Vec<Conflict<'a>>,
    earlier: Option<EarlierRound>,
    /// Section numbers of the chapters, fixed up front so text can refer to them.
    chapters: Chapters,
}

/// The earlier round of a hertoets, resolved against the kader.
struct EarlierRound {
    label: String,
    date: Option<jiff::civil::Date>,
    description: String,
    /// verwachting index → the earlier oordeel as textually recorded.
    texts: BTreeMap<usize, String>,
    score: Score,
}

struct Chapters {
    findings: &'static str,
    deadlines: &'static str,
    verdict: &'static str,
}

impl<'a> Builder<'a> {
    fn new(inspection: &'a Inspection, options: &ReportOptions<'_>) -> Builder<'a> {
        let fw = &inspection.framework;
        let details = inspection.details_data();
        let organisation = match details.organisatie.trim() {
            "" => "de organisatie".to_string(),
            name => name.to_string(),
        };
        let mut inspectors: Vec<String> = inspection
            .inspectors
            .values()
            .map(|n| n.trim().to_string())
            .filter(|n| !n.is_empty())
            .collect();
        // Inspector ids derive from the onderzoek id, so their order differs between files:
        // sort by name to keep the rapport deterministic.
        inspectors.sort();
        inspectors.dedup();
        let judgements = inspection.judgements();
        let score = score_of(fw, &judgements);
        let earlier = inspection.earlier_round.as_ref().map(|round| {
            let mut texts = BTreeMap::new();
            let mut set = JudgementSet::empty(fw);
            for (id, text) in &round.oordelen {
                if let Some(index) = fw.index_of(id) {
                    texts.insert(index, text.clone());
                    // An oordeel the kader cannot read counts as not judged.
                    if let Ok(j) = Judgement::parse(fw, index, text) {
                        set.set(index, j);
                    }
                }
            }
            let label = match round.datum {
                Some(d) => format!("Eerdere ronde ({})", format_date_nl(d)),
                None => "Eerdere ronde".to_string(),
            };
            EarlierRound {
                label,
                date: round.datum,
                description: round.omschrijving.trim().to_string(),
                texts,
                score: score_of(fw, &set),
            }
        });
        Builder {
            inspection,
            fw,
            concept: options.concept,
            date: options.date,
            organisation,
            period: format_period(details.bezoek_van, details.bezoek_tot),
            inspectors,
            score,
            conflicts: inspection.conflicts(),
            earlier,
            chapters: Chapters {
                findings: "2",
                deadlines: "3",
                verdict: "4",
            },
        }
    }

    fn provisional(&self) -> bool {
        !self.score.complete || !self.conflicts.is_empty()
    }

    /// No scored verwachting has an oordeel: the rapport must not print a verdict at all.
    fn nothing_judged(&self) -> bool {
        self.score.standing() == Standing::NoJudgement
    }

    fn report(&self) -> Report {
        let kind = if self.concept {
            "Conceptrapport"
        } else {
            "Rapport"
        };
        let mut sections = vec![
            Section {
                number: None,
                title: "Inhoud".to_string(),
                level: 1,
                blocks: vec![Block::Contents],
            },
            self.summary(),
        ];
        sections.extend(self.introduction());
        sections.extend(self.findings());
        sections.extend(self.deadlines());
        sections.extend(self.verdict());
        sections.push(self.appendix_framework());
        sections.push(self.appendix_design());
        sections.push(self.appendix_rules());
        Report {
            meta: ReportMeta {
                title: format!("{kind} {}", self.organisation),
                subject: format!(
                    "Toezicht bij {} aan de hand van het {}",
                    self.organisation, self.fw.title
                ),
                organisation: self.organisation.clone(),
                date: self.date,
                concept: self.concept,
                provisional: self.provisional(),
            },
            title_page: self.title_page(kind),
            sections,
        }
    }

    // -----------------------------------------------------------------------------------------
    // Oordelen as shown

    fn shown(&self, index: usize) -> Shown<'_> {
        let e = self.fw.expectation(index);
        match e.assessment {
            Assessment::NotAssessed => return Shown::NotAssessed,
            Assessment::Inventoried => return Shown::Inventoried(self.inspection.oordeel(&e.id)),
            Assessment::Judged => {}
        }
        if let Some(c) = self.conflicts.iter().find(|c| c.verwachting == e.id) {
            return Shown::Conflict(c);
        }
        match self.inspection.oordeel(&e.id) {
            Some(r) => Shown::Judged(r),
            None => Shown::Missing,
        }
    }

    /// The oordeel in a table cell: "voldoende", "onvoldoende (wachtlijst)", "geïnventariseerd" …
    fn cell_label(&self, index: usize) -> Text {
        match self.shown(index) {
            Shown::Inventoried(_) => Text::italic("geïnventariseerd"),
            Shown::NotAssessed => Text::italic("niet beoordeeld"),
            Shown::Conflict(_) => Text::bold("conflict, onopgelost"),
            Shown::Missing => Text::italic("nog niet beoordeeld"),
            Shown::Judged(r) => self.value_label(index, &r.data),
        }
    }

    fn value_label(&self, index: usize, data: &OordeelData) -> Text {
        match data.value {
            JudgementValue::Voldoende => Text::plain("voldoende"),
            JudgementValue::NietBeoordeeld => Text::italic("niet beoordeeld"),
            JudgementValue::Onvoldoende => {
                let variant = match data.judgement(self.fw, index) {
                    Judgement::NotMet { variant: Some(v) } => Some(&self.fw.rules.variants[v]),
                    _ => None,
                };
                match variant {
                    Some(v) if !v.is_default || self.fw.variants_of(index).count() > 1 => {
                        Text::bold(format!("onvoldoende ({})", v.id))
                    }
                    _ => Text::bold("onvoldoende"),
                }
            }
        }
    }

    /// The earlier round's oordeel in a table cell.
    fn earlier_label(&self, earlier: &EarlierRound, index: usize) -> Text {
        match self.fw.expectation(index).assessment {
            Assessment::Inventoried => return Text::italic("geïnventariseerd"),
            Assessment::NotAssessed => return Text::italic("niet beoordeeld"),
            Assessment::Judged => {}
        }
        let Some(text) = earlier.texts.get(&index) else {
            return Text::plain("–");
        };
        match Judgement::parse(self.fw, index, text) {
            Ok(j) => self.value_label(
                index,
                &OordeelData::from_judgement(self.fw, j, String::new()),
            ),
            // Written with another version of the kader: show what was recorded.
            Err(_) => Text::plain(text.clone()),
        }
    }

    fn conflict_ids(&self) -> Vec<String> {
        self.conflicts
            .iter()
            .map(|c| c.verwachting.to_string())
            .collect()
    }

    /// The plain statement that the score is provisional, if it is.
    fn provisional_notice(&self) -> Option<Text> {
        if !self.provisional() {
            return None;
        }
        if self.nothing_judged() {
            let mut what = format!(
                "Er is nog geen enkel oordeel vastgelegd: geen van de {} die meetellen in het eindoordeel is beoordeeld",
                count(
                    self.fw.judged_count() as u64,
                    "verwachting",
                    "verwachtingen"
                )
            );
            if !self.conflicts.is_empty() {
                let ids = self.conflict_ids();
                what.push_str(&format!(
                    " (bij {} staan verschillende oordelen van inspecteurs naast elkaar en dat conflict is nog niet opgelost)",
                    join_and(&ids)
                ));
            }
            return Some(Text::bold("Nog geen eindoordeel. ").and(format!(
                "{what}. Dit rapport geeft daarom geen eindoordeel; dat volgt uit de beslisregels zodra de verwachtingen zijn beoordeeld."
            )));
        }
        let mut parts = Vec::new();
        if !self.conflicts.is_empty() {
            let ids = self.conflict_ids();
            parts.push(format!(
                "bij {} ({}) staan verschillende oordelen van inspecteurs naast elkaar; dat conflict is nog niet opgelost en telt daarom niet mee",
                count(ids.len() as u64, "verwachting", "verwachtingen"),
                join_and(&ids),
            ));
        }
        let missing = self.not_judged_ids();
        if !missing.is_empty() {
            parts.push(format!(
                "{} nog geen oordeel ({})",
                count(
                    missing.len() as u64,
                    "verwachting heeft",
                    "verwachtingen hebben"
                ),
                join_and(&missing)
            ));
        }
        Some(
            Text::bold("Voorlopig. ")
                .and(format!(
                    "Dit eindoordeel is onvolledig: {}. Het eindoordeel is pas definitief als elke verwachting één oordeel heeft.",
                    parts.join("; ")
                )),
        )
    }

    /// Scored verwachtingen without an oordeel (conflicts excluded: they are named separately).
    fn not_judged_ids(&self) -> Vec<String> {
        let judgements = self.inspection.judgements();
        let conflicted: BTreeSet<&str> = self.conflicts.iter().map(|c| c.verwachting).collect();
        judgements
            .iter()
            .filter(|(i, j)| {
                let e = self.fw.expectation(*i);
                e.assessment.is_scored()
                    && *j == Judgement::NotJudged
                    && !conflicted.contains(e.id.as_str())
            })
            .map(|(i, _)| self.fw.expectation(i).id.clone())
            .collect()
    }

    fn unscored_ids(&self, assessment: Assessment) -> Vec<String> {
        self.fw
            .expectations()
            .iter()
            .filter(|e| e.expectation.assessment == assessment)
            .map(|e| e.expectation.id.clone())
            .collect()
    }

    fn verdict_text(&self) -> String {
        if self.nothing_judged() {
            "nog geen oordeel".to_string()
        } else if self.provisional() {
            format!("{} (voorlopig)", self.score.verdict)
        } else {
            self.score.verdict.to_string()
        }
    }

    // -----------------------------------------------------------------------------------------
    // Title page and Samenvatting

    fn title_page(&self, kind: &str) -> TitlePage {
        let mut subtitles = vec![self.fw.title.clone()];
        if self.earlier.is_some() {
            subtitles.push("Hertoets".to_string());
        }
        let mut facts = vec![
            ("Organisatie".to_string(), self.organisation.clone()),
            ("Toetsingskader".to_string(), self.fw.title.clone()),
            (
                "Bezoek".to_string(),
                self.period
                    .clone()
                    .unwrap_or_else(|| "datum niet vastgelegd".to_string()),
            ),
            (
                "Inspecteurs".to_string(),
                if self.inspectors.is_empty() {
                    "niet vastgelegd".to_string()
                } else {
                    join_and(&self.inspectors)
                },
            ),
        ];
        if let Some(e) = &self.earlier {
            let mut what = e.description.clone();
            if let Some(d) = e.date {
                what = if what.is_empty() {
                    format_date_long(d)
                } else {
                    format!("{what}, {}", format_date_long(d))
                };
            }
            facts.push(("Eerdere ronde".to_string(), what));
        }
        facts.push(("Rapportdatum".to_string(), format_date_long(self.date)));
        facts.push((
            "Status".to_string(),
            if self.concept {
                "concept voor hoor en wederhoor".to_string()
            } else {
                "definitief".to_string()
            },
        ));
        let mut notices = Vec::new();
        if self.concept {
            notices.push(
                "Vertrouwelijk. Dit is een conceptrapport voor hoor en wederhoor; het is niet openbaar en mag niet verder worden verspreid."
                    .to_string(),
            );
        }
        if let Some(n) = self.provisional_notice() {
            notices.push(n.plain_text());
        }
        TitlePage {
            kind: kind.to_string(),
            title: self.organisation.clone(),
            subtitles,
            facts,
            notices,
        }
    }

    fn summary(&self) -> Section {
        let s = &self.score;
        let org = &self.organisation;
        let mut blocks = Vec::new();
        let who = if self.inspectors.is_empty() {
            "de inspecteurs".to_string()
        } else {
            format!("de inspecteurs {}", join_and(&self.inspectors))
        };
        let mut intro = match &self.period {
            Some(p) => format!(
                "Op {p} hebben {who} onderzoek gedaan bij {org} aan de hand van het {}.",
                self.fw.title
            ),
            None => format!(
                "{} hebben onderzoek gedaan bij {org} aan de hand van het {}.",
                capitalise(&who),
                self.fw.title
            ),
        };
        if let Some(e) = &self.earlier {
            intro.push_str(&format!(
                " Het onderzoek is een hertoets: in de eerdere ronde voldeed {org} aan {} van de {} verwachtingen.",
                e.score.met,
                self.fw.judged_count()
            ));
        }
        blocks.push(Block::Paragraph(Text::plain(intro)));

        let judged = self.fw.judged_count();
        if self.nothing_judged() {
            blocks.push(Block::Paragraph(Text::plain(format!(
                "Over geen van de {judged} verwachtingen die meetellen in het eindoordeel is al een oordeel vastgelegd."
            ))));
            blocks.push(Block::Paragraph(
                Text::bold("Eindoordeel: ")
                    .and_bold("nog geen oordeel")
                    .and(". Zonder oordelen geven de beslisregels geen eindoordeel."),
            ));
        } else {
            let mut counts = format!(
                "{org} voldoet aan {} van de {judged} verwachtingen die meetellen in het eindoordeel; {} onvoldoende.",
                s.met,
                count(s.not_met, "verwachting is", "verwachtingen zijn")
            );
            let open = s.not_judged;
            if open > 0 {
                counts.push_str(&format!(
                    " {} nog geen (eenduidig) oordeel.",
                    count(open, "verwachting heeft", "verwachtingen hebben")
                ));
            }
            if self.fw.rules.measure == Measure::Deductions {
                counts.push_str(&format!(
                    " Volgens de beslisregels levert dat {} op.",
                    count(s.deductions, "aftrekpunt", "aftrekpunten")
                ));
            }
            blocks.push(Block::Paragraph(Text::plain(counts)));
            blocks.push(Block::Paragraph(
                Text::bold(if self.provisional() {
                    "Voorlopig eindoordeel: "
                } else {
                    "Eindoordeel: "
                })
                .and_bold(self.score.verdict.to_string())
                .and(format!(". {}", s.rule)),
            ));
        }
        if let Some(n) = self.provisional_notice() {
            blocks.push(Block::Notice(n));
        }
        let failed: Vec<Text> = s
            .lines
            .iter()
            .map(|l| {
                let e = self.fw.expectation(l.expectation);
                Text::bold(e.id.clone()).and(format!(" {}", e.text))
            })
            .collect();
        if !failed.is_empty() {
            blocks.push(Block::Paragraph(Text::plain(format!(
                "{org} voldoet niet aan de volgende verwachtingen:"
            ))));
            blocks.push(Block::List(failed));
        }
        let inventoried = self.unscored_ids(Assessment::Inventoried);
        if !inventoried.is_empty() {
            blocks.push(Block::Paragraph(Text::plain(format!(
                "{} alleen geïnventariseerd en {} niet mee in het eindoordeel.",
                if inventoried.len() == 1 {
                    format!("Verwachting {} is", inventoried[0])
                } else {
                    format!("De verwachtingen {} zijn", join_and(&inventoried))
                },
                if inventoried.len() == 1 {
                    "telt"
                } else {
                    "tellen"
                }
            ))));
        }
        blocks.push(Block::Paragraph(Text::plain(format!(
            "Hoofdstuk {} geeft de bevindingen per verwachting met de onderbouwing, hoofdstuk {} de termijnen en hoofdstuk {} het eindoordeel met de toegepaste beslisregels.",
            self.chapters.findings, self.chapters.deadlines, self.chapters.verdict
        ))));
        Section {
            number: None,
            title: "Samenvatting".to_string(),
            level: 1,
            blocks,
        }
    }

    // -----------------------------------------------------------------------------------------
    // 1 Inleiding

    fn introduction(&self) -> Vec<Section> {
        let org = &self.organisation;
        let fw = self.fw;
        let details = self.inspection.details_data();
        let mut out = vec![Section {
            number: Some("1".to_string()),
            title: "Inleiding".to_string(),
            level: 1,
            blocks: vec![Block::Paragraph(Text::plain(format!(
                "Dit rapport beschrijft de bevindingen en het oordeel van de inspecteurs over {org}, getoetst aan het {}.",
                fw.title
            )))],
        }];

        let mut onderzoek = Vec::new();
        let mut visit = match &self.period {
            Some(p) => format!("De inspecteurs bezochten {org} op {p}."),
            None => format!("De bezoekdatum aan {org} is niet vastgelegd."),
        };
        if !self.inspectors.is_empty() {
            visit.push_str(&format!(
                " Het team bestond uit {}.",
                join_and(&self.inspectors)
            ));
        }
        visit.push_str(" De onderzoeksactiviteiten staan in bijlage 2.");
        onderzoek.push(Block::Paragraph(Text::plain(visit)));
        for p in paragraphs(&details.notitie) {
            onderzoek.push(Block::Paragraph(Text::plain(p)));
        }
        out.push(Section {
            number: Some("1.1".to_string()),
            title: "Het onderzoek".to_string(),
            level: 2,
            blocks: onderzoek,
        });

        let criteria: usize = fw.themes.iter().map(|t| t.criteria.len()).sum();
        let total = fw.expectations().len();
        let judged = fw.judged_count();
        let mut kader = format!(
            "Het onderzoek is uitgevoerd aan de hand van het {} (bron: {}). Het kader telt {}, {} en {}; {judged} daarvan tellen mee in het eindoordeel.",
            fw.title,
            fw.source.trim(),
            count(fw.themes.len() as u64, "thema", "thema’s"),
            count(criteria as u64, "criterium", "criteria"),
            count(total as u64, "verwachting", "verwachtingen"),
        );
        let inventoried = self.unscored_ids(Assessment::Inventoried);
        if !inventoried.is_empty() {
            kader.push_str(&format!(
                " Alleen geïnventariseerd: {}.",
                join_and(&inventoried)
            ));
        }
        let not_assessed = self.unscored_ids(Assessment::NotAssessed);
        if !not_assessed.is_empty() {
            kader.push_str(&format!(
                " Niet beoordeeld in dit kader: {}.",
                join_and(&not_assessed)
            ));
        }
        kader.push_str(
            " Het volledige toetsingskader staat in bijlage 1, de beslisregels die de oordelen tot een eindoordeel maken in bijlage 3.",
        );
        out.push(Section {
            number: Some("1.2".to_string()),
            title: "Toetsingskader".to_string(),
            level: 2,
            blocks: vec![Block::Paragraph(Text::plain(kader))],
        });

        let mut next = 3;
        if let Some(e) = &self.earlier {
            let mut what = "Dit onderzoek is een hertoets".to_string();
            if !e.description.is_empty() {
                what.push_str(&format!(" van {}", e.description));
            }
            if let Some(d) = e.date {
                what.push_str(&format!(" (eerdere ronde: {})", format_date_long(d)));
            }
            what.push_str(&format!(
                ". In de eerdere ronde voldeed {org} aan {} van de {judged} verwachtingen. De inspecteurs hebben alle verwachtingen opnieuw getoetst. De tabellen in hoofdstuk {} tonen het oordeel van de eerdere ronde naast dat van deze hertoets.",
                e.score.met, self.chapters.findings
            ));
            out.push(Section {
                number: Some(format!("1.{next}")),
                title: "Hertoets".to_string(),
                level: 2,
                blocks: vec![Block::Paragraph(Text::plain(what))],
            });
            next += 1;
        }

        let mut reading = vec![Block::Paragraph(Text::plain(format!(
            "De paragrafen van dit rapport zijn genummerd. Verwijs in een reactie naar het nummer van de paragraaf (bijvoorbeeld ‘par. {}.1’) of van de verwachting (bijvoorbeeld ‘verwachting {}’).",
            self.chapters.findings,
            fw.expectations()
                .first()
                .map_or("1.1.1", |e| e.expectation.id.as_str())
        )))];
        if self.concept {
            reading.push(Block::Paragraph(Text::plain(format!(
                "Dit is een conceptrapport. {org} kan hierop reageren (hoor en wederhoor): feitelijke onjuistheden laten corrigeren en opmerkingen maken. De inspecteurs leggen per reactie vast of en hoe die het rapport verandert; daarna volgt het definitieve rapport."
            ))));
        }
        out.push(Section {
            number: Some(format!("1.{next}")),
            title: "Leeswijzer".to_string(),
            level: 2,
            blocks: reading,
        });
        out
    }

    // -----------------------------------------------------------------------------------------
    // 2 Bevindingen

    fn findings(&self) -> Vec<Section> {
        let fw = self.fw;
        let chapter = self.chapters.findings;
        let mut intro = vec![Block::Paragraph(Text::plain(format!(
            "In dit hoofdstuk geven de inspecteurs per thema hun oordeel. Elk thema is uitgewerkt in criteria en elk criterium in verwachtingen. Per criterium volgt een tabel met het oordeel op elke verwachting{}, en daarna de onderbouwing per verwachting. De oordelen betekenen:",
            if self.earlier.is_some() {
                ", naast het oordeel uit de eerdere ronde"
            } else {
                ""
            }
        )))];
        let mut legend = vec![
            Text::plain("voldoende: ")
                .and(format!("{} voldoet aan de verwachting", self.organisation)),
            Text::bold("onvoldoende").and(
                ": niet voldaan; tussen haakjes de reden als de beslisregels die onderscheiden",
            ),
        ];
        if !self.unscored_ids(Assessment::Inventoried).is_empty() {
            legend.push(
                Text::italic("geïnventariseerd")
                    .and(": alleen in kaart gebracht, zonder oordeel; telt niet mee"),
            );
        }
        legend.push(
            Text::italic("niet beoordeeld")
                .and(": niet beoordeeld in dit onderzoek; telt niet mee"),
        );
        if !self.not_judged_ids().is_empty() {
            legend.push(
                Text::italic("nog niet beoordeeld").and(if self.nothing_judged() {
                    ": nog geen oordeel vastgelegd"
                } else {
                    ": nog geen oordeel vastgelegd; het eindoordeel is voorlopig"
                }),
            );
        }
        if !self.conflicts.is_empty() {
            legend.push(Text::bold("conflict, onopgelost").and(
                ": inspecteurs oordeelden verschillend en dat is nog niet opgelost; telt niet mee tot het is opgelost",
            ));
        }
        intro.push(Block::List(legend));
        let mut out = vec![Section {
            number: Some(chapter.to_string()),
            title: "Bevindingen".to_string(),
            level: 1,
            blocks: intro,
        }];

        let mut index = 0;
        for (t, theme) in fw.themes.iter().enumerate() {
            let mut blocks = Vec::new();
            if !theme.description.trim().is_empty() {
                blocks.push(Block::Paragraph(
                    Text::italic(format!("Thema {} {}. ", theme.id, theme.title))
                        .and(theme.description.trim()),
                ));
            }
            for criterion in &theme.criteria {
                let first = index;
                index += criterion.expectations.len();
                let indices = first..index;
                blocks.push(Block::Heading {
                    level: 1,
                    text: Text::plain(format!("Criterium {} {}", criterion.id, criterion.title)),
                });
                blocks.push(Block::Table(self.criterion_table(indices.clone())));
                blocks.push(Block::Heading {
                    level: 2,
                    text: Text::plain(format!(
                        "Onderbouwing bij criterium {} {}",
                        criterion.id, criterion.title
                    )),
                });
                for i in indices {
                    blocks.extend(self.rationale(i));
                }
            }
            out.push(Section {
                number: Some(format!("{chapter}.{}", t + 1)),
                title: theme.title.clone(),
                level: 2,
                blocks,
            });
        }
        out
    }

    fn criterion_table(&self, indices: std::ops::Range<usize>) -> Table {
        let mut columns = vec![Column::new("Nr.", 9.0), Column::new("Verwachting", 63.0)];
        if let Some(e) = &self.earlier {
            columns[1].width = 57.0;
            columns.push(Column::new(e.label.clone(), 17.0));
            columns.push(Column::new("Hertoets", 17.0));
        } else {
            columns.push(Column::new("Oordeel", 17.0));
        }
        let rows = indices
            .map(|i| {
                let e = self.fw.expectation(i);
                let mut cells = vec![Text::plain(e.id.clone()), Text::plain(e.text.clone())];
                if let Some(earlier) = &self.earlier {
                    cells.push(self.earlier_label(earlier, i));
                }
                cells.push(self.cell_label(i));
                let kind = if matches!(self.shown(i), Shown::Conflict(_)) {
                    RowKind::Attention
                } else {
                    RowKind::Normal
                };
                Row::new(cells).with_kind(kind)
            })
            .collect();
        Table {
            columns,
            header: true,
            rows,
        }
    }

    /// The onderbouwing of one verwachting: a run-in label and the inspectors' text.
    fn rationale(&self, index: usize) -> Vec<Block> {
        let e = self.fw.expectation(index);
        let mut blocks = Vec::new();
        let label = |what: Text| Block::Heading {
            level: 2,
            text: Text::plain(format!("{} – ", e.id)).and(what.plain_text()),
        };
        let body = |blocks: &mut Vec<Block>, text: &str| {
            let parts = paragraphs(text);
            if parts.is_empty() {
                blocks.push(Block::Paragraph(Text::italic(
                    "Geen onderbouwing vastgelegd.",
                )));
            }
            for p in parts {
                blocks.push(Block::Paragraph(Text::plain(p)));
            }
        };
        match self.shown(index) {
            Shown::NotAssessed => {
                blocks.push(label(Text::plain("niet beoordeeld")));
                blocks.push(Block::Paragraph(Text::italic(
                    "Deze verwachting wordt in dit toetsingskader niet beoordeeld.",
                )));
            }
            Shown::Inventoried(r) => {
                blocks.push(label(Text::plain("geïnventariseerd")));
                blocks.push(Block::Paragraph(Text::italic(
                    "Deze verwachting wordt alleen geïnventariseerd en telt niet mee in het eindoordeel.",
                )));
                if let Some(r) = r {
                    for p in paragraphs(&r.data.onderbouwing) {
                        blocks.push(Block::Paragraph(Text::plain(p)));
                    }
                }
            }
            Shown::Missing => {
                blocks.push(label(Text::plain("nog niet beoordeeld")));
                blocks.push(Block::Paragraph(Text::italic(if self.nothing_judged() {
                    "Er is nog geen oordeel vastgelegd."
                } else {
                    "Er is nog geen oordeel vastgelegd; het eindoordeel is voorlopig."
                })));
            }
            Shown::Judged(r) => {
                let mut what = self.value_label(index, &r.data).plain_text();
                if let Judgement::NotMet { variant: Some(v) } = r.data.judgement(self.fw, index) {
                    what = format!("onvoldoende: {}", self.fw.rules.variants[v].name);
                }
                blocks.push(label(Text::plain(what)));
                body(&mut blocks, &r.data.onderbouwing);
            }
            Shown::Conflict(c) => {
                blocks.push(label(Text::plain("conflict, onopgelost")));
                blocks.push(Block::Notice(
                    Text::bold("Conflict, onopgelost. ").and(format!(
                        "De inspecteurs hebben {} verschillende oordelen vastgelegd en dat is nog niet opgelost. Deze verwachting telt niet mee in het eindoordeel tot één oordeel is gekozen; het eindoordeel is daarom voorlopig.",
                        number_word(c.versions.len())
                    )),
                ));
                for (n, version) in c.versions.iter().enumerate() {
                    let name = self.inspection.inspector_name(version.meta.author);
                    let value = self.value_label(index, &version.data).plain_text();
                    blocks.push(Block::Heading {
                        level: 2,
                        text: Text::plain(format!("Versie {} ({name}): {value}", n + 1)),
                    });
                    body(&mut blocks, &version.data.onderbouwing);
                }
            }
        }
        blocks
    }

    // -----------------------------------------------------------------------------------------
    // 3 Termijnen en wachtlijst

    fn deadlines(&self) -> Vec<Section> {
        let chapter = self.chapters.deadlines;
        let fw = self.fw;
        let dossiers = self.inspection.dossier_list();
        let random = dossiers
            .iter()
            .filter(|d| d.data.selectie == Selection::Willekeurig)
            .count();
        let mut blocks = Vec::new();
        let mut out = vec![Section {
            number: Some(chapter.to_string()),
            title: "Termijnen en wachtlijst".to_string(),
            level: 1,
            blocks: vec![Block::Paragraph(Text::plain(
                "Dit hoofdstuk geeft de wettelijke termijnen zoals die uit het dossieronderzoek blijken, en de wachtlijst ten tijde van het bezoek. Het gaat om aantallen; het rapport noemt geen dossiers en geen personen.",
            ))],
        }];

        if fw.deadlines.is_empty() {
            blocks.push(Block::Paragraph(Text::plain(
                "Dit toetsingskader kent geen termijnen.",
            )));
        } else if dossiers.is_empty() {
            blocks.push(Block::Paragraph(Text::plain(
                "Er zijn geen dossiers onderzocht; de termijnen zijn niet berekend.",
            )));
        } else {
            blocks.push(Block::Paragraph(Text::plain(format!(
                "De inspecteurs hebben in {} ({} willekeurig en {} gericht geselecteerd) de data vastgelegd waarop de termijnen rusten. De termijnen zijn uit die data berekend. Een dossier waarin een datum ontbreekt of niet kan kloppen telt als ‘onbekend’ en niet mee in het aandeel binnen de termijn.",
                count(dossiers.len() as u64, "dossier", "dossiers"),
                random,
                dossiers.len() - random
            ))));
            let rows = fw
                .deadlines
                .iter()
                .zip(self.inspection.deadline_summaries())
                .map(|(def, s)| {
                    let share = s
                        .share_met()
                        .map_or_else(|| "–".to_string(), |x| format!("{}%", (x * 100.0).round()));
                    Row::new(vec![
                        Text::plain(def.name.clone()),
                        Text::plain(def.expectations.join(", ")),
                        Text::plain(s.met.to_string()),
                        Text::plain(s.missed.to_string()),
                        Text::plain(s.unknown.to_string()),
                        Text::bold(share),
                    ])
                })
                .collect();
            blocks.push(Block::Table(Table {
                columns: vec![
                    Column::new("Termijn", 36.0),
                    Column::new("Verwachting", 16.0),
                    Column::new("Binnen", 10.0).right(),
                    Column::new("Te laat", 10.0).right(),
                    Column::new("Onbekend", 12.0).right(),
                    Column::new("Aandeel binnen", 16.0).right(),
                ],
                header: true,
                rows,
            }));
        }
        out.push(Section {
            number: Some(format!("{chapter}.1")),
            title: "Termijnen".to_string(),
            level: 2,
            blocks,
        });

        let waitlist = self.inspection.waitlist.get(&self.inspection.waitlist_id());
        let text = match waitlist.map(|w| &w.data) {
            None => "Over een wachtlijst is niets vastgelegd.".to_string(),
            Some(w) => {
                let when = w
                    .peildatum
                    .map(|d| format!("Op {}", format_date_long(d)))
                    .unwrap_or_else(|| "Ten tijde van het bezoek".to_string());
                match w.aantal {
                    None => format!("{when} is het aantal wachtende meldingen niet vastgelegd."),
                    Some(0) => format!("{when} was er geen wachtlijst voor triage of onderzoek."),
                    Some(n) => {
                        let mut t = format!(
                            "{when} {} op triage of onderzoek",
                            count(n, "melding wachtte", "meldingen wachtten")
                        );
                        if let Some(d) = w.oudste {
                            t.push_str(&format!(
                                "; de oudste wachtte sinds {}",
                                format_date_long(d)
                            ));
                        }
                        t.push('.');
                        t
                    }
                }
            }
        };
        out.push(Section {
            number: Some(format!("{chapter}.2")),
            title: "Wachtlijst".to_string(),
            level: 2,
            blocks: vec![Block::Paragraph(Text::plain(text))],
        });
        out
    }

    // -----------------------------------------------------------------------------------------
    // 4 Eindoordeel en vervolg

    fn verdict(&self) -> Vec<Section> {
        let chapter = self.chapters.verdict;
        let fw = self.fw;
        let s = &self.score;
        let org = &self.organisation;
        let deductions = fw.rules.measure == Measure::Deductions;

        let mut head = vec![Block::Heading {
            level: 1,
            text: Text::plain(format!("Eindoordeel: {}", self.verdict_text())),
        }];
        if self.nothing_judged() {
            head.push(Block::Paragraph(Text::plain(format!(
                "Geen van de {} verwachtingen die meetellen heeft al een oordeel. De beslisregels (bijlage 3) geven pas een eindoordeel als er oordelen zijn.",
                fw.judged_count()
            ))));
        } else {
            head.push(Block::Paragraph(Text::plain(format!(
                "{org} voldoet aan {} van de {} verwachtingen die meetellen; {} onvoldoende{}.",
                s.met,
                fw.judged_count(),
                count(s.not_met, "verwachting is", "verwachtingen zijn"),
                if s.not_judged > 0 {
                    format!(
                        " en {} nog geen (eenduidig) oordeel",
                        count(s.not_judged, "verwachting heeft", "verwachtingen hebben")
                    )
                } else {
                    String::new()
                }
            ))));
            head.push(Block::Paragraph(
                Text::bold("Beslisregel: ").and(s.rule.clone()),
            ));
        }
        if let Some(n) = self.provisional_notice() {
            head.push(Block::Notice(n));
        }
        let mut out = vec![
            Section {
                number: Some(chapter.to_string()),
                title: "Eindoordeel en vervolg".to_string(),
                level: 1,
                blocks: Vec::new(),
            },
            Section {
                number: Some(format!("{chapter}.1")),
                title: "Eindoordeel".to_string(),
                level: 2,
                blocks: head,
            },
        ];

        let mut applied = Vec::new();
        if self.nothing_judged() {
            applied.push(Block::Paragraph(Text::plain(
                "Er zijn nog geen oordelen, dus er is nog geen beslisregel toegepast.",
            )));
        } else if s.lines.is_empty() {
            applied.push(Block::Paragraph(Text::plain(
                "Geen enkele verwachting die meetelt is onvoldoende.",
            )));
        } else {
            applied.push(Block::Paragraph(Text::plain(if deductions {
                "Per onvoldoende verwachting de aftrekpunten volgens de beslisregels (bijlage 3):"
            } else {
                "De onvoldoende verwachtingen (bijlage 3 geeft de beslisregels):"
            })));
            let mut columns = vec![
                Column::new("Verwachting", 14.0),
                Column::new("Oordeel", 20.0),
            ];
            if deductions {
                columns.push(Column::new("Aftrek", 10.0).center());
            }
            columns.push(Column::new("Toelichting", 56.0));
            let mut rows: Vec<Row> = s
                .lines
                .iter()
                .map(|l| {
                    let data = OordeelData::from_judgement(fw, l.judgement, String::new());
                    let mut cells = vec![
                        Text::plain(fw.expectation(l.expectation).id.clone()),
                        self.value_label(l.expectation, &data),
                    ];
                    if deductions {
                        cells.push(Text::plain(l.deduction.to_string()));
                    }
                    cells.push(Text::plain(l.explanation.clone()));
                    Row::new(cells)
                })
                .collect();
            if deductions {
                rows.push(
                    Row::new(vec![
                        Text::bold("Totaal"),
                        Text::new(),
                        Text::bold(s.deductions.to_string()),
                        Text::plain(format!("schaal: {}", fw.rules.scales[s.scale].name)),
                    ])
                    .with_kind(RowKind::Total),
                );
            }
            applied.push(Block::Table(Table {
                columns,
                header: true,
                rows,
            }));
        }
        for &c in &s.failed_conditions {
            let condition = &fw.rules.conditions[c];
            applied.push(Block::Paragraph(
                Text::bold(format!("Voorwaarde niet voldaan ({}): ", condition.label))
                    .and(condition.rule.clone()),
            ));
        }
        let mut left_out = Vec::new();
        for (assessment, what) in [
            (Assessment::Inventoried, "alleen geïnventariseerd"),
            (Assessment::NotAssessed, "niet beoordeeld in dit kader"),
        ] {
            let ids = self.unscored_ids(assessment);
            if !ids.is_empty() {
                left_out.push(format!("{} ({what})", join_and(&ids)));
            }
        }
        let missing = self.not_judged_ids();
        if !missing.is_empty() {
            left_out.push(format!("{} (nog geen oordeel)", join_and(&missing)));
        }
        let conflicts = self.conflict_ids();
        if !conflicts.is_empty() {
            left_out.push(format!("{} (conflict, onopgelost)", join_and(&conflicts)));
        }
        if !left_out.is_empty() {
            applied.push(Block::Paragraph(Text::plain(format!(
                "Niet meegeteld: {}.",
                left_out.join("; ")
            ))));
        }
        out.push(Section {
            number: Some(format!("{chapter}.2")),
            title: if deductions {
                "Toegepaste beslisregels en aftrekpunten".to_string()
            } else {
                "Toegepaste beslisregels".to_string()
            },
            level: 2,
            blocks: applied,
        });

        let next = if self.concept {
            format!(
                "Dit is een conceptrapport voor hoor en wederhoor. {org} kan reageren op feitelijke onjuistheden en opmerkingen maken; verwijs daarbij naar het paragraafnummer of het nummer van de verwachting. Na het verwerken van de reacties stellen de inspecteurs het definitieve rapport vast."
            )
        } else {
            format!(
                "Dit is het definitieve rapport van {}.",
                format_date_long(self.date)
            )
        };
        out.push(Section {
            number: Some(format!("{chapter}.3")),
            title: "Vervolg".to_string(),
            level: 2,
            blocks: vec![Block::Paragraph(Text::plain(next))],
        });
        out
    }

    // -----------------------------------------------------------------------------------------
    // Bijlagen

    fn appendix_framework(&self) -> Section {
        let fw = self.fw;
        let mut blocks = vec![Block::Paragraph(Text::bold(fw.title.clone()))];
        if !fw.source.trim().is_empty() {
            blocks.push(Block::Paragraph(Text::italic(format!(
                "Bron: {}",
                fw.source.trim()
            ))));
        }
        for p in paragraphs(&fw.introduction) {
            blocks.push(Block::Paragraph(Text::plain(p)));
        }
        let mut footnote = 0;
        let mut mark = |text: Text, notes: &[String], collected: &mut Vec<Text>| {
            let mut text = text;
            for (k, note) in notes.iter().enumerate() {
                footnote += 1;
                let separator = if k > 0 { "," } else { "" };
                text = text.add(Style::Superscript, format!("{separator}{footnote}"));
                collected.push(
                    Text::new()
                        .add(Style::Superscript, footnote.to_string())
                        .and(format!(" {}", note.trim())),
                );
            }
            text
        };
        for theme in &fw.themes {
            blocks.push(Block::Heading {
                level: 1,
                text: Text::plain(format!("{}. {}", theme.id, theme.title.to_uppercase())),
            });
            if !theme.description.trim().is_empty() {
                blocks.push(Block::Paragraph(Text::plain(theme.description.trim())));
            }
            for criterion in &theme.criteria {
                let mut notes = Vec::new();
                let title = mark(
                    Text::plain(format!("{} {}", criterion.id, criterion.title)),
                    &criterion.footnotes,
                    &mut notes,
                );
                blocks.push(Block::Heading {
                    level: 2,
                    text: title,
                });
                let items = criterion
                    .expectations
                    .iter()
                    .map(|e| {
                        let mut text = Text::bold(e.id.clone()).and(format!(" {}", e.text));
                        text = mark(text, &e.footnotes, &mut notes);
                        if e.assessment != Assessment::Judged {
                            text = text.and_italic(format!(" ({})", e.assessment.label()));
                        }
                        text
                    })
                    .collect();
                blocks.push(Block::List(items));
                for note in notes {
                    blocks.push(Block::Note(note));
                }
            }
        }
        Section {
            number: Some("Bijlage 1".to_string()),
            title: "Toetsingskader".to_string(),
            level: 1,
            blocks,
        }
    }

    fn appendix_design(&self) -> Section {
        let fw = self.fw;
        let inspection = self.inspection;
        let org = &self.organisation;
        let mut blocks = vec![Block::Paragraph(Text::plain(format!(
            "Het onderzoek bij {org}{} bestond uit de onderdelen hieronder. Het rapport noemt alleen aantallen: gesprekspartners staan niet met naam vermeld en dossiers niet met nummer.",
            self.period
                .as_ref()
                .map(|p| format!(" op {p}"))
                .unwrap_or_default()
        )))];

        let mut per_role: BTreeMap<&str, usize> = BTreeMap::new();
        for interview in inspection.interviews.current() {
            *per_role.entry(interview.data.rol.as_str()).or_default() += 1;
        }
        let interviews: usize = per_role.values().sum();
        let mut rows: Vec<Row> = fw
            .sources
            .roles
            .iter()
            .map(|role| {
                let n = per_role.remove(role.id.as_str()).unwrap_or(0);
                Row::new(vec![
                    Text::plain(role.name.clone()),
                    Text::plain(if n == 0 {
                        "niet afgenomen".to_string()
                    } else {
                        n.to_string()
                    }),
                ])
            })
            .collect();
        // Roles the kader does not know (a file made with another version of it).
        for (role, n) in per_role {
            rows.push(Row::new(vec![
                Text::plain(role.to_string()),
                Text::plain(n.to_string()),
            ]));
        }
        rows.push(
            Row::new(vec![
                Text::bold("Totaal"),
                Text::bold(interviews.to_string()),
            ])
            .with_kind(RowKind::Total),
        );
        blocks.push(Block::Heading {
            level: 1,
            text: Text::plain("Interviews"),
        });
        blocks.push(Block::Paragraph(Text::plain(format!(
            "Gestandaardiseerde interviews aan de hand van de gespreksleidraad van het toetsingskader: {} in totaal.",
            count(interviews as u64, "interview", "interviews")
        ))));
        blocks.push(Block::Table(Table {
            columns: vec![
                Column::new("Rol", 70.0),
                Column::new("Interviews", 30.0).right(),
            ],
            header: true,
            rows,
        }));

        let flashes = inspection.flashes.current().count();
        blocks.push(Block::Heading {
            level: 1,
            text: Text::plain("Flitsinterviews"),
        });
        blocks.push(Block::Paragraph(Text::plain(format!(
            "{} met medewerkers die op dat moment aanwezig waren, zonder aankondiging.",
            capitalise(&count(
                flashes as u64,
                "kort flitsinterview",
                "korte flitsinterviews"
            ))
        ))));

        let dossiers = inspection.dossier_list();
        let random = dossiers
            .iter()
            .filter(|d| d.data.selectie == Selection::Willekeurig)
            .count();
        blocks.push(Block::Heading {
            level: 1,
            text: Text::plain("Dossieronderzoek"),
        });
        blocks.push(Block::Paragraph(Text::plain(format!(
            "{} onderzocht aan de hand van de dossiervragen van het toetsingskader: {random} willekeurig en {} gericht geselecteerd. Uit de data in de dossiers zijn de termijnen berekend (hoofdstuk {}).",
            capitalise(&count(dossiers.len() as u64, "dossier", "dossiers")),
            dossiers.len() - random,
            self.chapters.deadlines
        ))));

        let requested = fw.sources.documents.len();
        let documents: Vec<_> = inspection.documents.current().collect();
        let received_requested = fw
            .sources
            .documents
            .iter()
            .filter(|item| {
                documents
                    .iter()
                    .any(|d| d.data.item.as_deref() == Some(item.id.as_str()) && d.data.ontvangen)
            })
            .count();
        let other = documents
            .iter()
            .filter(|d| {
                d.data.ontvangen
                    && d.data
                        .item
                        .as_deref()
                        .is_none_or(|i| !fw.sources.documents.iter().any(|x| x.id == i))
            })
            .count();
        blocks.push(Block::Heading {
            level: 1,
            text: Text::plain("Documentonderzoek"),
        });
        let mut docs = format!(
            "Voorafgaand aan het bezoek is beleidsinformatie opgevraagd: {received_requested} van de {requested} opgevraagde documenten zijn ontvangen."
        );
        if other > 0 {
            docs.push_str(&format!(
                " Daarnaast {} ontvangen.",
                count(other as u64, "ander document is", "andere documenten zijn")
            ));
        }
        blocks.push(Block::Paragraph(Text::plain(docs)));

        Section {
            number: Some("Bijlage 2".to_string()),
            title: "Onderzoeksopzet".to_string(),
            level: 1,
            blocks,
        }
    }

    fn appendix_rules(&self) -> Section {
        let fw = self.fw;
        let rules = &fw.rules;
        let deductions = rules.measure == Measure::Deductions;
        let mut blocks = Vec::new();
        for p in paragraphs(&rules.explanation) {
            blocks.push(Block::Paragraph(Text::plain(p)));
        }

        if deductions {
            blocks.push(Block::Heading {
                level: 1,
                text: Text::plain("Aftrekpunten"),
            });
            blocks.push(Block::Paragraph(Text::plain(format!(
                "Elke onvoldoende verwachting die meetelt kost {}, met deze uitzonderingen:",
                count(rules.default_deduction, "aftrekpunt", "aftrekpunten")
            ))));
            let mut weighted: Vec<_> = rules.deductions.iter().collect();
            weighted.sort_by_key(|(i, _)| **i);
            let mut items: Vec<Text> = weighted
                .into_iter()
                .map(|(&i, d)| {
                    Text::bold(format!(
                        "{}: {}. ",
                        fw.expectation(i).id,
                        count(d.points, "aftrekpunt", "aftrekpunten")
                    ))
                    .and(d.rule.clone())
                })
                .collect();
            if items.is_empty() {
                items.push(Text::plain("geen uitzonderingen"));
            }
            blocks.push(Block::List(items));
        }

        if !rules.variants.is_empty() {
            blocks.push(Block::Heading {
                level: 1,
                text: Text::plain("Redenen van een onvoldoende met een eigen gevolg"),
            });
            let items = rules
                .variants
                .iter()
                .map(|v| {
                    let mut effect = Vec::new();
                    if v.is_default {
                        effect.push("geldt als geen reden is gegeven".to_string());
                    }
                    if !v.counts {
                        effect.push("telt niet mee in de aftrekpunten".to_string());
                    }
                    if let Some(scale) = v.scale {
                        effect.push(format!(
                            "eindoordeel volgens de schaal ‘{}’",
                            rules.scales[scale].name
                        ));
                    }
                    let effect = if effect.is_empty() {
                        String::new()
                    } else {
                        format!(" ({})", effect.join("; "))
                    };
                    Text::bold(format!(
                        "{} onvoldoende wegens {}",
                        fw.expectation(v.expectation).id,
                        lowercase_first(&v.name)
                    ))
                    .and(format!("{effect}. {}", v.rule))
                })
                .collect();
            blocks.push(Block::List(items));
        }

        let measure = if deductions {
            "Aftrekpunten"
        } else {
            "Verwachtingen voldoende"
        };
        for (i, scale) in rules.scales.iter().enumerate() {
            let default = if i == rules.default_scale {
                " (standaard)"
            } else {
                ""
            };
            blocks.push(Block::Heading {
                level: 1,
                text: Text::plain(format!("Schaal: {}{default}", scale.name)),
            });
            let rows = scale
                .bands
                .iter()
                .map(|b| {
                    Row::new(vec![
                        Text::plain(band_range(b)),
                        Text::bold(b.verdict.to_string()),
                        Text::plain(b.rule.clone()),
                    ])
                })
                .collect();
            blocks.push(Block::Table(Table {
                columns: vec![
                    Column::new(measure, 18.0),
                    Column::new("Eindoordeel", 16.0),
                    Column::new("Beslisregel", 66.0),
                ],
                header: true,
                rows,
            }));
        }

        if !rules.conditions.is_empty() {
            blocks.push(Block::Heading {
                level: 1,
                text: Text::plain("Voorwaarden"),
            });
            let items = rules
                .conditions
                .iter()
                .map(|c| {
                    Text::bold(format!(
                        "{}: anders ten hoogste {}. ",
                        capitalise(&c.label),
                        c.otherwise
                    ))
                    .and(c.rule.clone())
                })
                .collect();
            blocks.push(Block::List(items));
        }
        if rules.variants.is_empty() && rules.scales.len() <= 1 && rules.conditions.is_empty() {
            blocks.push(Block::Paragraph(Text::plain(
                "De eindoordelen volgen rechtstreeks uit de schaal hierboven.",
            )));
        }
        Section {
            number: Some("Bijlage 3".to_string()),
            title: "Beslisregels".to_string(),
            level: 1,
            blocks,
        }
    }
}

/// "0 t/m 7", "12 of meer".
fn band_range(band: &Band) -> String {
    match band.to {
        Some(to) if to == band.from => to.to_string(),
        Some(to) => format!("{} t/m {to}", band.from),
        None => format!("{} of meer", band.from),
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}
