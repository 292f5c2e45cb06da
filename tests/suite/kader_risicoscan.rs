//! The fourth built-in kader, `vng-2016-risicoscan` (seed 001, VNG 2016 "Veilig Thuis – basis op
//! orde"), and its demo: the thirteen topics of bijlage 1 in three thema's, the three categories of
//! §1.2 chosen by the analyst (`maat = "keuze"`), the kerndata 18-20, a fresh file without an
//! eindoordeel until a choice is written, the store round trip of kerngegeven and keuze records,
//! and — through the real binary — the demo's score.

use crate::common;

use std::path::Path;

use common::TestDir;
use veldtoets::domain::inspection::{Inspection, KerngegevenData, KeuzeData, Record, Stamp};
use veldtoets::domain::kader::Measure;
use veldtoets::domain::kerndata::{KeyFigureKind, Quantity};
use veldtoets::domain::scoring::{Standing, headline};
use veldtoets::domain::{Assessment, Framework, score};
use veldtoets::kader_io;
use veldtoets::store::Store;

const KADER: &str = "vng-2016-risicoscan";

fn framework() -> &'static Framework {
    kader_io::builtin(KADER).expect("the risicoscan is built in")
}

/// The thema's of bijlage 1 with their topics, as the criteria are titled.
const TOPICS: [(&str, &[&str]); 3] = [
    (
        "Inhoudelijke dienstverlening",
        &[
            "Topic 1: Inspectie rapport stap 1 en verbeterplan",
            "Topic 2: Hertoets inspectie",
            "Topic 3: Wachtlijsten",
            "Topic 4: Zicht op veiligheid",
            "Topic 5: Bereikbaarheid en beschikbaarheid",
            "Topic 6: Deskundigheidsbevordering van medewerkers",
            "Topic 7: Doorontwikkeling van een systeemgerichte gezinsaanpak",
            "Topic 8: Verbeteren registratie en beleidsinformatie",
        ],
    ),
    (
        "Visie en positionering Veilig Thuis",
        &[
            "Topic 9: Visie op de positie van Veilig Thuis in totaal sociaal domein",
            "Topic 10: Inrichting van de lokale structuren sociaal domein",
            "Topic 11: Vraagstukken als gevolg hiervan",
        ],
    ),
    (
        "Governance/bestuurskracht",
        &[
            "Topic 12: Visie op positionering Veilig Thuis (zelfstandige stichting, onderdeel van stichting, onderdeel van GGD, anders)",
            "Topic 13: Visie op sturing en bekostiging",
        ],
    ),
];

/// The category texts of §1.2, verbatim (category 2 in two paragraphs).
const BASIS_OP_ORDE: &str = "De Veilig Thuis organisaties die tot deze categorie behoren hebben aangetoond te voldoen aan de (meeste) gestelde randvoorwaarden. Er is sprake van een gezamenlijke bestuurlijke visie op de positionering van de Veilig Thuis organisatie, voldoende prioritering van financiële middelen en capaciteit en van kwalitatief voldoende tactisch en operationeel management.";
const KWETSBAAR_1: &str = "Tot deze categorie behoren enerzijds Veilig Thuis organisaties die in korte tijd een (grote) inhaalslag hebben laten zien op een of meerdere van bovenstaande punten en daarmee lijken te voldoen aan de (meeste) gestelde randvoorwaarden. Deze ontwikkelingen zijn echter dusdanig pril dat er een risico aanwezig is dat de vooruitgang niet beklijft.";
const KWETSBAAR_2: &str = "Anderzijds behoren tot deze categorie de Veilig Thuis organisaties die op dit moment nog niet aan de gestelde randvoorwaarden voldoen maar dusdanige verbeteracties in gang hebben gezet dat de verwachting is dat dit binnen afzienbare tijd wel het geval zal zijn.";
const NIET_OP_ORDE: &str = "De Veilig Thuis organisaties die tot deze categorie behoren voldoen op dit moment (nog) niet aan de gestelde randvoorwaarden. De verbeteracties die in gang zijn gezet leiden (nog) onvoldoende tot resultaat. Tot deze categorie kunnen ook Veilig Thuis organisaties behoren die redelijk tot goed uit de toetsing Eerste Fase van de inspecties zijn gekomen.";

/// A new, empty file of the risicoscan at `path`, with its one author.
fn fresh(path: &Path) -> (Store, Inspection, uuid::Uuid) {
    let (store, inspection) = Store::create(
        path,
        framework(),
        "Veilig Thuis Testregio",
        "T. Voorbeeld",
        Stamp::now(),
    )
    .expect("create");
    let author = *inspection.inspectors.keys().next().expect("an author");
    (store, inspection, author)
}

/// Writes `record` as a new revision of `id`, in memory and on disk.
fn write(
    store: &mut Store,
    inspection: &mut Inspection,
    author: uuid::Uuid,
    id: &str,
    record: Record,
) {
    let change = inspection.change(id, record, author, Stamp::now());
    inspection.apply(change.clone());
    store.append(&change).expect("append");
}

fn reopen(path: &Path) -> Inspection {
    let (_, inspection, _) = Store::open(path).expect("reopen");
    inspection
}

fn standing(inspection: &Inspection) -> Standing {
    score(&inspection.framework, &inspection.judgements()).standing()
}

// ---------------------------------------------------------------------------------------------
// The kader

#[test]
fn the_kader_has_the_13_topics_of_bijlage_1_in_three_themas() {
    let fw = framework();
    assert_eq!(fw.id, KADER);
    assert_eq!(
        fw.title,
        "Risicoscan Veilig Thuis – basis op orde (VNG, 2016)"
    );
    assert!(
        fw.source.contains("Veilig Thuis – basis op orde"),
        "{}",
        fw.source
    );
    assert!(fw.source.contains("bijlage 1"), "{}", fw.source);
    assert_eq!(fw.inspectorate, "Vereniging van Nederlandse Gemeenten");

    let themes: Vec<(&str, Vec<&str>)> = fw
        .themes
        .iter()
        .map(|t| {
            (
                t.title.as_str(),
                t.criteria.iter().map(|c| c.title.as_str()).collect(),
            )
        })
        .collect();
    let expected: Vec<(&str, Vec<&str>)> = TOPICS.iter().map(|(t, c)| (*t, c.to_vec())).collect();
    assert_eq!(themes, expected);

    // Ids follow the format: 1 → 1.1 → 1.1.1; one verwachting per topic, only inventoried.
    for t in &fw.themes {
        for c in &t.criteria {
            assert!(c.id.starts_with(&format!("{}.", t.id)), "{}", c.id);
            assert_eq!(c.expectations.len(), 1, "{}", c.id);
            let e = &c.expectations[0];
            assert_eq!(e.id, format!("{}.1", c.id));
            assert_eq!(e.assessment, Assessment::Inventoried, "{}", e.id);
            assert!(
                e.text.contains("feitelijke situatie") && e.text.contains("in kaart gebracht"),
                "{}: {}",
                e.id,
                e.text
            );
        }
    }
    assert_eq!(fw.expectations().len(), 13);
    assert_eq!(fw.judged_count(), 0);

    // The thema omschrijvingen are the paragraphs of §1.3.
    assert!(
        fw.themes[0]
            .description
            .ends_with("met extra focus op het bestaan van eventuele wachtlijsten en hoe zicht op veiligheid is georganiseerd.")
    );
    assert!(
        fw.themes[1]
            .description
            .contains("ten opzichte van de lokale structuur (wijkteams)")
    );
    assert_eq!(
        fw.themes[2].description,
        "Binnen dit hoofdthema wordt per Veilig Thuis organisatie in kaart gebracht welke visie gemeenten in de Veilig Thuis regio hebben op de positionering, sturing en bekostiging van Veilig Thuis."
    );

    // Nothing is computed: the analyst chooses.
    assert_eq!(fw.rules.measure, Measure::Choice);
    assert!(fw.rules.scales.is_empty());
    assert!(fw.rules.conditions.is_empty() && fw.rules.variants.is_empty());
    assert!(
        fw.rules
            .explanation
            .contains("De volgende drie categorieën worden gehanteerd als het gaat om het functioneren van Veilig Thuis organisaties")
    );
    assert!(
        fw.rules
            .explanation
            .contains("Deze risicoanalyse wordt besproken met wethouders en bestuurders")
    );
}

#[test]
fn the_three_categories_of_section_1_2_in_order_with_their_text() {
    let fw = framework();
    let verdicts: Vec<(&str, &str)> = fw
        .verdicts
        .iter()
        .map(|v| (v.as_str(), v.label()))
        .collect();
    assert_eq!(
        verdicts,
        [
            ("basis_op_orde", "Basis op orde"),
            (
                "potentieel_kwetsbaar",
                "Basis op orde maar potentieel kwetsbaar / Basis binnen afzienbare tijd op orde"
            ),
            ("basis_niet_op_orde", "Basis niet op orde"),
        ]
    );
    assert!(fw.verdicts.windows(2).all(|w| w[0] < w[1]), "best first");
    let descriptions: Vec<&str> = fw
        .verdicts
        .iter()
        .map(|v| fw.verdict_description(*v))
        .collect();
    assert_eq!(
        descriptions,
        [
            BASIS_OP_ORDE.to_string(),
            format!("{KWETSBAAR_1}\n\n{KWETSBAAR_2}"),
            NIET_OP_ORDE.to_string(),
        ]
    );
}

#[test]
fn the_kerndata_18_to_20_are_seven_figures_with_their_kind() {
    let fw = framework();
    let figures: Vec<(&str, &str, KeyFigureKind, &str, &str, &str)> = fw
        .key_figures
        .iter()
        .map(|k| {
            (
                k.id.as_str(),
                k.label.as_str(),
                k.kind,
                k.unit.as_str(),
                k.period.as_str(),
                k.group.as_str(),
            )
        })
        .collect();
    use KeyFigureKind::{Aantal, Bedrag, Fte};
    let q1 = "januari t/m maart 2016";
    let april = "op 1 april 2016";
    assert_eq!(
        figures,
        [
            (
                "structureel_budget",
                "Structurele budget VT 2016",
                Bedrag,
                "euro",
                "2016",
                "Kerndata en financiën"
            ),
            (
                "meldingen",
                "Aantal meldingen VT",
                Aantal,
                "",
                q1,
                "Primair proces"
            ),
            (
                "adviesvragen",
                "Aantal adviesvragen",
                Aantal,
                "",
                q1,
                "Primair proces"
            ),
            (
                "onderzoeken",
                "Aantal onderzoeken",
                Aantal,
                "",
                q1,
                "Primair proces"
            ),
            (
                "formatie_vt",
                "VT in fte (vast en tijdelijk)",
                Fte,
                "fte",
                april,
                "Formatie"
            ),
            (
                "formatie_vertrouwensartsen",
                "Formatie vertrouwensartsen in fte (vast en tijdelijk)",
                Fte,
                "fte",
                april,
                "Formatie"
            ),
            (
                "formatie_gedragswetenschappers",
                "Formatie gedragswetenschappers in fte (vast en tijdelijk)",
                Fte,
                "fte",
                april,
                "Formatie"
            ),
        ]
    );
    assert_eq!(
        fw.key_figure("structureel_budget")
            .map(|k| k.show(Quantity::parse(Bedrag, "6.480.000").unwrap())),
        Some("€ 6.480.000,00".to_string())
    );
    assert!(fw.key_figure("budget").is_none());
}

/// The gesprekspartners of §1.2 are the roles, each asked the four points of §1.2 verbatim; the
/// file says what is verbatim and what is an example; every topic has a source.
#[test]
fn the_sources_are_the_gesprekken_of_section_1_2() {
    let fw = framework();
    let text = common::shipped_kader(KADER);
    assert_eq!(text, fw.source_text);
    for needle in [
        "LETTERLIJK uit de notitie",
        "VOORBEELD (geen onderdeel van een gepubliceerd kader)",
    ] {
        assert!(text.contains(needle), "{needle}");
    }
    // The real person named in the seed is never copied.
    assert!(!text.contains("Sprokkereef"));

    let roles: Vec<&str> = fw.sources.roles.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(
        roles,
        [
            "Ambtelijke adviseurs van de verantwoordelijk wethouder",
            "Vertegenwoordiger(s) van de Veilig Thuis organisatie",
            "De verantwoordelijk wethouder (waar nodig)",
        ]
    );
    let points = [
        "Knelpunten die ervaren worden en de oorzaken die daaraan (mogelijk) ten grondslag liggen",
        "Opgaven",
        "Belangrijkste partners in de keten – die onderdeel uitmaken van het verbeterproces",
        "Wensen ten aanzien van de inrichting van het verbeterproces",
    ];
    for role in &fw.sources.roles {
        let first: Vec<&str> = role
            .questions
            .iter()
            .take(4)
            .map(|q| q.text.as_str())
            .collect();
        assert_eq!(first, points, "{}", role.id);
    }
    let documents: Vec<&str> = fw
        .sources
        .documents
        .iter()
        .map(|d| d.name.as_str())
        .collect();
    assert!(
        documents.contains(&"Inspectierapport stap 1"),
        "{documents:?}"
    );
    assert!(
        documents.contains(&"Verbeterplan naar aanleiding van het inspectierapport"),
        "{documents:?}"
    );
    for e in fw.expectations() {
        let id = &e.expectation.id;
        let asked = fw
            .sources
            .roles
            .iter()
            .flat_map(|r| &r.questions)
            .any(|q| q.expectations.contains(id));
        assert!(asked, "no gespreksvraag for topic {id}");
    }
}

// ---------------------------------------------------------------------------------------------
// The chosen eindoordeel

#[test]
fn a_fresh_file_has_no_eindoordeel_until_a_category_is_chosen() {
    let dir = TestDir::new();
    let path = dir.join("scan.veldtoets");
    let (mut store, mut inspection, author) = fresh(&path);

    let s = score(&inspection.framework, &inspection.judgements());
    assert_eq!(s.standing(), Standing::NoJudgement);
    assert!(!s.chosen);
    assert_eq!(s.scale, None);
    let h = headline(&s);
    assert_eq!(h.text, "nog geen eindoordeel");
    assert!(inspection.chosen_verdict().is_none());

    // A toelichting on a topic does not make an eindoordeel.
    let data = veldtoets::domain::inspection::OordeelData::parse(
        framework(),
        "1.3.1",
        "niet_beoordeeld",
        "De wachtlijst is in drie maanden gehalveerd.".to_string(),
    )
    .expect("oordeel");
    write(
        &mut store,
        &mut inspection,
        author,
        "1.3.1",
        Record::Oordeel(data),
    );
    assert_eq!(standing(&inspection), Standing::NoJudgement);

    let id = inspection.keuze_id();
    let keuze = KeuzeData {
        eindoordeel: "basis_op_orde".to_string(),
        onderbouwing: "Aan de randvoorwaarden is voldaan.".to_string(),
    };
    write(
        &mut store,
        &mut inspection,
        author,
        &id,
        Record::Keuze(keuze),
    );
    let basis = framework().verdict("basis_op_orde").expect("verdict");
    assert_eq!(standing(&inspection), Standing::Final(basis));
    drop(store);

    // And so after reopening the file.
    let inspection = reopen(&path);
    let s = score(&inspection.framework, &inspection.judgements());
    assert_eq!(s.standing(), Standing::Final(basis));
    assert!(s.chosen);
    assert_eq!(s.verdict, basis);
    let h = headline(&s);
    assert_eq!(h.text, "BASIS OP ORDE");
    assert!(
        h.progress.contains("gekozen door de inspecteur"),
        "{}",
        h.progress
    );

    // Choosing again: the newest choice counts.
    let (mut store, _, _) = Store::open(&path).expect("open");
    let mut inspection = inspection;
    let keuze = KeuzeData {
        eindoordeel: "basis_niet_op_orde".to_string(),
        onderbouwing: "Na de hertoets bijgesteld.".to_string(),
    };
    write(
        &mut store,
        &mut inspection,
        author,
        &id,
        Record::Keuze(keuze),
    );
    let niet = framework().verdict("basis_niet_op_orde").expect("verdict");
    assert_eq!(standing(&inspection), Standing::Final(niet));
    drop(store);
    assert_eq!(standing(&reopen(&path)), Standing::Final(niet));
}

#[test]
fn a_choice_of_an_unknown_category_is_ignored() {
    let dir = TestDir::new();
    let path = dir.join("scan.veldtoets");
    let (mut store, mut inspection, author) = fresh(&path);
    let id = inspection.keuze_id();
    for unknown in ["uitstekend", "voldoende", ""] {
        let keuze = KeuzeData {
            eindoordeel: unknown.to_string(),
            onderbouwing: "Een keuze die het kader niet kent.".to_string(),
        };
        write(
            &mut store,
            &mut inspection,
            author,
            &id,
            Record::Keuze(keuze),
        );
        assert!(inspection.chosen_verdict().is_none(), "{unknown:?}");
        assert_eq!(standing(&inspection), Standing::NoJudgement, "{unknown:?}");
    }
    drop(store);
    let inspection = reopen(&path);
    // The record is kept as written, but it chooses nothing.
    assert_eq!(
        inspection
            .keuzes
            .get(&id)
            .map(|r| r.data.eindoordeel.as_str()),
        Some("")
    );
    let s = score(&inspection.framework, &inspection.judgements());
    assert_eq!(s.standing(), Standing::NoJudgement);
    assert_eq!(headline(&s).text, "nog geen eindoordeel");
}

// ---------------------------------------------------------------------------------------------
// Kerngegeven and keuze records in the store

#[test]
fn the_store_round_trips_kerngegeven_and_keuze_records() {
    let dir = TestDir::new();
    let path = dir.join("scan.veldtoets");
    let (mut store, mut inspection, author) = fresh(&path);
    let typed = [
        (
            "structureel_budget",
            "€ 6.480.000,50",
            "6480000.5",
            "€ 6.480.000,50",
        ),
        ("meldingen", "1.485", "1485", "1.485"),
        ("formatie_vt", "96,4", "96.4", "96,4 fte"),
        ("formatie_vertrouwensartsen", "0,75 fte", "0.75", "0,75 fte"),
    ];
    for (id, text, _, _) in typed {
        let kind = framework().key_figure(id).expect("figure").kind;
        let value = Quantity::parse(kind, text).expect("a Dutch value");
        let data = KerngegevenData {
            waarde: value.canonical(),
            toelichting: format!("bron van {id}"),
        };
        write(
            &mut store,
            &mut inspection,
            author,
            id,
            Record::Kerngegeven(data),
        );
    }
    // A figure that is not known: an empty value with the reason.
    let unknown = KerngegevenData {
        waarde: String::new(),
        toelichting: "Nog niet aangeleverd.".to_string(),
    };
    write(
        &mut store,
        &mut inspection,
        author,
        "onderzoeken",
        Record::Kerngegeven(unknown.clone()),
    );
    let keuze = KeuzeData {
        eindoordeel: "potentieel_kwetsbaar".to_string(),
        onderbouwing: "Pril herstel.".to_string(),
    };
    let keuze_id = inspection.keuze_id();
    write(
        &mut store,
        &mut inspection,
        author,
        &keuze_id,
        Record::Keuze(keuze.clone()),
    );
    drop(store);

    let back = reopen(&path);
    for (id, _, stored, shown) in typed {
        let r = back
            .kerngegevens
            .get(id)
            .unwrap_or_else(|| panic!("{id} lost"));
        assert_eq!(r.data.waarde, stored, "{id}");
        assert_eq!(r.data.toelichting, format!("bron van {id}"));
        assert_eq!(r.meta.author, author);
        let figure = back.framework.key_figure(id).expect("figure");
        let value = r.data.quantity().expect("readable");
        assert_eq!(figure.show(value), shown, "{id}");
    }
    let r = back.kerngegevens.get("onderzoeken").expect("kept");
    assert_eq!(r.data, unknown);
    assert_eq!(r.data.quantity(), None);
    assert!(back.kerngegevens.get("adviesvragen").is_none());
    let r = back.keuzes.get(&keuze_id).expect("keuze kept");
    assert_eq!(r.data, keuze);
    let (verdict, _) = back.chosen_verdict().expect("chosen");
    assert_eq!(verdict.as_str(), "potentieel_kwetsbaar");

    // A correction is a new version; the file keeps the old one and reads the new.
    let (mut store, _, _) = Store::open(&path).expect("open");
    let mut inspection = back;
    let corrected = KerngegevenData {
        waarde: "1490".to_string(),
        toelichting: "Gecorrigeerd na de kwartaalrapportage.".to_string(),
    };
    write(
        &mut store,
        &mut inspection,
        author,
        "meldingen",
        Record::Kerngegeven(corrected.clone()),
    );
    drop(store);
    let back = reopen(&path);
    assert_eq!(
        back.kerngegevens.get("meldingen").map(|r| &r.data),
        Some(&corrected)
    );
    assert!(!back.kerngegevens.is_conflicted("meldingen"));
    let history = back.kerngegevens.history("meldingen").expect("history");
    let values: Vec<&str> = history
        .revisions()
        .iter()
        .map(|r| r.data.waarde.as_str())
        .collect();
    assert_eq!(values, ["1485", "1490"]);
}

// ---------------------------------------------------------------------------------------------
// The demo

#[test]
fn the_demo_chooses_potentieel_kwetsbaar_and_fills_every_kerngegeven() {
    let dir = TestDir::new();
    let path = dir.join("demo.veldtoets");
    let (_, inspection) =
        veldtoets::demo::create_for(&path, veldtoets::demo::DEMO_KADER_RISICOSCAN).expect("demo");
    assert_eq!(inspection.framework.id, KADER);
    let (verdict, revision) = inspection.chosen_verdict().expect("a category is chosen");
    assert_eq!(verdict.as_str(), "potentieel_kwetsbaar");
    assert!(revision.data.onderbouwing.contains("pril"));
    assert_eq!(standing(&inspection), Standing::Final(verdict));

    let fw = &inspection.framework;
    assert_eq!(fw.key_figures.len(), 7);
    for k in &fw.key_figures {
        let r = inspection
            .kerngegevens
            .get(&k.id)
            .unwrap_or_else(|| panic!("kerngegeven {} missing", k.id));
        let value = r
            .data
            .quantity()
            .unwrap_or_else(|| panic!("kerngegeven {} without a value", k.id));
        assert!(value > Quantity::ZERO, "{}", k.id);
        assert!(!r.data.toelichting.trim().is_empty(), "{}", k.id);
    }
    let shown = |id: &str| {
        let k = fw.key_figure(id).expect("figure");
        k.show(
            inspection
                .kerngegevens
                .get(id)
                .and_then(|r| r.data.quantity())
                .expect("value"),
        )
    };
    assert_eq!(shown("structureel_budget"), "€ 6.480.000,00");
    assert_eq!(shown("meldingen"), "1.485");
    assert_eq!(shown("formatie_vt"), "96,4 fte");

    // A toelichting per topic, from the three gesprekken.
    for e in fw.expectations() {
        let r = inspection
            .oordeel(&e.expectation.id)
            .unwrap_or_else(|| panic!("no toelichting for {}", e.expectation.id));
        assert!(
            r.data.onderbouwing.contains("Risico"),
            "{}",
            e.expectation.id
        );
    }
    let roles: Vec<&str> = inspection
        .interviews
        .current()
        .map(|r| r.data.rol.as_str())
        .collect();
    for role in ["ambtelijk_adviseurs", "veilig_thuis", "wethouder"] {
        assert!(roles.contains(&role), "{role}: {roles:?}");
    }

    // Through the binary: the demo scores the chosen category.
    dir.run(["demo", "cli.veldtoets", "--kader", KADER])
        .success()
        .stdout_contains("Veilig Thuis Polderrand");
    let score = dir.run(["score", "cli.veldtoets"]).success().json();
    assert_eq!(score["kader"], KADER, "{score}");
    assert_eq!(score["eindoordeel"], "potentieel_kwetsbaar", "{score}");
    assert_eq!(score["schaal"], serde_json::Value::Null, "{score}");
}
