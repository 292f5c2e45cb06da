//! The command line as clap parses it: every command, argument and help text (in Dutch; the
//! headings, `--help`, `--version` and the errors are made Dutch in `clap_nl`).

use std::path::PathBuf;

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "veldtoets",
    version,
    about = "Veldwerk voor inspecteurs: toetsingskader, oordelen en eindoordeel, offline.\nZonder opdracht opent het venster.",
    disable_help_subcommand = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Lees het wachtwoord van een versleuteld onderzoeksbestand van de eerste regel van dit
    /// bestand (voor scripts). Anders uit de omgevingsvariabele VELDTOETS_WACHTWOORD, anders
    /// wordt het in de terminal gevraagd.
    #[arg(long, value_name = "PAD", global = true)]
    pub wachtwoord_bestand: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Opent een onderzoeksbestand in het venster van veldtoets.
    Open {
        /// Het .veldtoets-bestand.
        #[arg(value_name = "BESTAND")]
        file: PathBuf,
    },
    /// Toont de ingebouwde toetsingskaders: id, titel, aantal beoordeelde verwachtingen.
    Kaders {
        /// Als JSON (een lijst objecten) in plaats van tekst.
        #[arg(long)]
        json: bool,
    },
    /// Berekent het eindoordeel met de beslisregels en print het als JSON: van een
    /// oordelenbestand (met --kader) of van een onderzoeksbestand.
    Score {
        /// Kader-id (zie `veldtoets kaders`) of pad naar een kaderbestand.
        #[arg(long, value_name = "ID|PAD")]
        kader: Option<String>,
        /// Met --kader: JSON-bestand met per verwachting een oordeel. Zonder: een .veldtoets-bestand.
        #[arg(value_name = "OORDELEN.json|BESTAND")]
        input: PathBuf,
    },
    /// Maakt een nieuw onderzoeksbestand.
    New {
        /// Het nieuwe bestand (bijvoorbeeld gelderzoom.veldtoets); mag nog niet bestaan.
        #[arg(value_name = "BESTAND")]
        file: PathBuf,
        /// Kader-id (zie `veldtoets kaders`) of pad naar een kaderbestand.
        #[arg(long, value_name = "ID|PAD")]
        kader: String,
        /// De organisatie die wordt onderzocht.
        #[arg(long, value_name = "NAAM")]
        organisatie: String,
        /// De inspecteur die het bestand maakt.
        #[arg(long, value_name = "NAAM")]
        inspecteur: Option<String>,
        /// Eerste bezoekdag (dd-mm-jjjj).
        #[arg(long, value_name = "DATUM")]
        bezoek_van: Option<String>,
        /// Laatste bezoekdag (dd-mm-jjjj).
        #[arg(long, value_name = "DATUM")]
        bezoek_tot: Option<String>,
        /// Hertoets: neem de oordelen van dit eerdere onderzoeksbestand over als vorige ronde.
        #[arg(long, value_name = "BESTAND")]
        hertoets_van: Option<PathBuf>,
        /// Maak het bestand zonder versleuteling (niet aanbevolen: iedereen die het bestand in
        /// handen krijgt, kan alles lezen). Zonder deze optie wordt het versleuteld met het
        /// wachtwoord uit --wachtwoord-bestand, VELDTOETS_WACHTWOORD of de terminal.
        #[arg(long)]
        onversleuteld: bool,
    },
    /// Maakt een volledig, fictief demo-onderzoek om veldtoets mee te proberen. Versleuteld als
    /// een wachtwoord is gegeven (--wachtwoord-bestand of VELDTOETS_WACHTWOORD), anders niet.
    ///
    /// Zonder --kader: een onderzoek op stap 2 (vt-2016-stap2). Met --kader vt-2015-stap1: een
    /// hertoets van stap 1 met het eerdere onderzoek als vorige ronde en een oordeel per criterium.
    /// Met --kader vt-2024-tijdigheid: termijnen, een wachtlijst per zaak en normen van 80%. Met
    /// --kader vng-2016-risicoscan: een risicoscan met kerndata en een gekozen categorie.
    Demo {
        /// Het nieuwe bestand; mag nog niet bestaan.
        #[arg(value_name = "BESTAND")]
        file: PathBuf,
        /// Het kader van het demo-onderzoek: vt-2016-stap2 (standaard), vt-2015-stap1,
        /// vt-2024-tijdigheid of vng-2016-risicoscan.
        #[arg(long, value_name = "ID")]
        kader: Option<String>,
    },
    /// Legt een (nieuwe versie van een) oordeel vast; eerdere versies blijven bewaard.
    Oordeel {
        /// Het .veldtoets-bestand.
        #[arg(value_name = "BESTAND")]
        file: PathBuf,
        /// Verwachting-id, bijvoorbeeld 1.3.1.
        #[arg(value_name = "VERWACHTING")]
        verwachting: String,
        /// voldoende, onvoldoende, onvoldoende:<variant> of niet_beoordeeld.
        #[arg(value_name = "OORDEEL")]
        oordeel: String,
        /// De onderbouwing (komt in het rapport).
        #[arg(long, value_name = "TEKST", default_value = "")]
        onderbouwing: String,
        /// Wie het oordeel geeft (standaard: wie het bestand maakte).
        #[arg(long, value_name = "NAAM")]
        inspecteur: Option<String>,
    },
    /// Legt het oordeel van de inspecteurs op een criterium vast (kaders met een oordeel per
    /// criterium, zoals stap 1: V, M of O), met de onderbouwing ("Ad 1.1"). Eerdere versies
    /// blijven bewaard.
    Criterium {
        /// Het .veldtoets-bestand.
        #[arg(value_name = "BESTAND")]
        file: PathBuf,
        /// Criterium-id, bijvoorbeeld 1.1.
        #[arg(value_name = "CRITERIUM")]
        criterium: String,
        /// Een code van de schaal van het kader (stap 1: V, M of O), of niet_beoordeeld.
        #[arg(value_name = "OORDEEL")]
        oordeel: String,
        /// De onderbouwing (komt in het rapport als "Onderbouwing Ad …").
        #[arg(long, value_name = "TEKST", default_value = "")]
        onderbouwing: String,
        /// Wie het oordeel geeft (standaard: wie het bestand maakte).
        #[arg(long, value_name = "NAAM")]
        inspecteur: Option<String>,
    },
    /// Legt de waarde van een kerngegeven vast (kaders met kerndata, zoals het structurele
    /// budget of de formatie in fte); de waarde komt in het rapport. Eerdere versies blijven
    /// bewaard.
    #[command(group(clap::ArgGroup::new("wat").required(true).args(["waarde", "leeg"])))]
    Kerngegeven {
        /// Het .veldtoets-bestand.
        #[arg(value_name = "BESTAND")]
        file: PathBuf,
        /// Id van het kerngegeven in het kader, bijvoorbeeld structureel_budget.
        #[arg(value_name = "KERNGEGEVEN")]
        kerngegeven: String,
        /// De waarde in Nederlandse schrijfwijze: een komma voor decimalen, punten alleen tussen
        /// groepen van drie cijfers (4.250.000,00; 42,5; 1.250). Een euroteken of de eenheid mag
        /// erbij staan.
        #[arg(long, value_name = "WAARDE", allow_hyphen_values = true)]
        waarde: Option<String>,
        /// In plaats van --waarde: de waarde is (nog) niet bekend; de toelichting kan zeggen
        /// waarom.
        #[arg(long)]
        leeg: bool,
        /// Waar de waarde vandaan komt of waarom zij ontbreekt (komt in het rapport); zonder
        /// blijft de bestaande toelichting staan, leeg ("") wist haar.
        #[arg(long, value_name = "TEKST")]
        toelichting: Option<String>,
        /// Wie de waarde vastlegt (standaard: wie het bestand maakte).
        #[arg(long, value_name = "NAAM")]
        inspecteur: Option<String>,
    },
    /// Legt het eindoordeel vast dat de inspecteurs kiezen, met de onderbouwing (kaders waarin
    /// de inspecteur het eindoordeel kiest, maat = "keuze"). Een nieuwe keuze vervangt de
    /// vorige; eerdere versies blijven bewaard.
    Eindoordeel {
        /// Het .veldtoets-bestand.
        #[arg(value_name = "BESTAND")]
        file: PathBuf,
        /// Id (of naam) van een eindoordeel van het kader, bijvoorbeeld categorie_1.
        #[arg(value_name = "EINDOORDEEL")]
        eindoordeel: String,
        /// Waarom dit eindoordeel (komt in het rapport).
        #[arg(long, value_name = "TEKST")]
        onderbouwing: String,
        /// Wie het eindoordeel kiest (standaard: wie het bestand maakte).
        #[arg(long, value_name = "NAAM")]
        inspecteur: Option<String>,
    },
    /// Voegt een dossier toe, bewerkt het of verwijdert het.
    ///
    /// Bestaat er een dossier met dit nummer, dan veranderen alleen de gegeven velden; anders
    /// wordt het dossier toegevoegd. --verwijder verwijdert het. Eerdere versies blijven bewaard.
    Dossier {
        /// Het .veldtoets-bestand.
        #[arg(value_name = "BESTAND")]
        file: PathBuf,
        /// Het (pseudonieme) dossiernummer, bijvoorbeeld VTG-2026-0668.
        #[arg(value_name = "NUMMER")]
        nummer: String,
        /// Een datum van het dossier (dd-mm-jjjj), bijvoorbeeld
        /// melding_ontvangen=03-02-2026; leeg (triagebesluit=) wist die datum. SOORT is
        /// melding_ontvangen, triagebesluit, start_onderzoek, afronding_onderzoek of
        /// vervolgtraject_ingezet. Mag vaker worden gegeven.
        #[arg(long, value_name = "SOORT=DATUM")]
        datum: Vec<String>,
        /// Hoe het dossier is geselecteerd: willekeurig of gericht.
        #[arg(long, value_name = "willekeurig|gericht")]
        selectie: Option<String>,
        /// Notitie bij het dossier (geen namen); leeg ("") wist de notitie.
        #[arg(long, value_name = "TEKST")]
        notitie: Option<String>,
        /// Verwijdert het dossier (het blijft in de historie bewaard).
        #[arg(long)]
        verwijder: bool,
        /// Wie de wijziging maakt (standaard: wie het bestand maakte).
        #[arg(long, value_name = "NAAM")]
        inspecteur: Option<String>,
    },
    /// Legt het antwoord op een dossiervraag vast voor één dossier.
    ///
    /// De dossiervragen zijn de checklist van het kader. Eerdere versies blijven bewaard.
    Dossiervraag {
        /// Het .veldtoets-bestand.
        #[arg(value_name = "BESTAND")]
        file: PathBuf,
        /// Het dossiernummer.
        #[arg(value_name = "NUMMER")]
        nummer: String,
        /// Id van de dossiervraag in het kader, bijvoorbeeld dos-1.3.1.
        #[arg(value_name = "VRAAG-ID")]
        vraag: String,
        /// Het antwoord: ja, nee of nvt.
        #[arg(value_name = "ja|nee|nvt")]
        antwoord: String,
        /// Toelichting bij het antwoord (geen namen); zonder blijft de bestaande toelichting
        /// staan.
        #[arg(long, value_name = "TEKST")]
        toelichting: Option<String>,
        /// Wie het antwoord geeft (standaard: wie het bestand maakte).
        #[arg(long, value_name = "NAAM")]
        inspecteur: Option<String>,
    },
    /// Leest dossiernummers en data in uit de dossierlijst van de organisatie (CSV).
    ///
    /// Nieuwe nummers worden nieuwe dossiers; bij bestaande worden de gegeven velden bijgewerkt.
    /// Alles of niets: bij één foute regel wordt niets ingelezen en worden alle foute regels
    /// genoemd.
    Dossiers {
        /// Het .veldtoets-bestand.
        #[arg(value_name = "BESTAND")]
        file: PathBuf,
        /// CSV-bestand (scheidingsteken ; of ,) met een kopregel: een kolom nummer (of
        /// dossiernummer), kolommen per datumsoort (melding_ontvangen, triagebesluit,
        /// start_onderzoek, afronding_onderzoek, vervolgtraject_ingezet) en eventueel selectie en
        /// notitie. Data als dd-mm-jjjj of jjjj-mm-dd; een lege cel verandert niets.
        #[arg(long, value_name = "LIJST.csv")]
        importeer: PathBuf,
        /// Wie de dossiers inleest (standaard: wie het bestand maakte).
        #[arg(long, value_name = "NAAM")]
        inspecteur: Option<String>,
    },
    /// Trekt een steekproef van dossiers uit de lijst van dossiernummers van de organisatie en
    /// voegt ze toe als willekeurig geselecteerde dossiers. Het zaad, het aantal nummers op de
    /// lijst en de getrokken nummers worden vastgelegd: met hetzelfde zaad en dezelfde lijst
    /// wordt dezelfde steekproef getrokken. Nummers die al een dossier zijn, tellen niet mee.
    Steekproef {
        /// Het .veldtoets-bestand.
        #[arg(value_name = "BESTAND")]
        file: PathBuf,
        /// De lijst: één dossiernummer per regel, of een CSV-bestand met een kolom nummer (of
        /// dossiernummer); - leest de lijst van de standaardinvoer (plakken).
        #[arg(long, value_name = "LIJST")]
        uit: PathBuf,
        /// Hoeveel dossiers er worden getrokken.
        #[arg(long, value_name = "N")]
        aantal: usize,
        /// Het zaad (een geheel getal): om een eerdere steekproef precies opnieuw te trekken.
        /// Zonder --zaad wordt er een gekozen en getoond.
        #[arg(long, value_name = "ZAAD")]
        zaad: Option<u64>,
        /// Wie de steekproef trekt (standaard: wie het bestand maakte).
        #[arg(long, value_name = "NAAM")]
        inspecteur: Option<String>,
    },
    /// Voegt een wachtende zaak toe aan de wachtlijst per zaak, bewerkt haar of verwijdert haar:
    /// een huishouden dat wacht op de veiligheidsbeoordeling, een onderzoek of Voorwaarden &
    /// Vervolg. Alleen een pseudoniem nummer, nooit een naam.
    Wachtzaak {
        /// Het .veldtoets-bestand.
        #[arg(value_name = "BESTAND")]
        file: PathBuf,
        /// Het (pseudonieme) nummer van de zaak.
        #[arg(value_name = "NUMMER")]
        nummer: String,
        /// Wanneer de melding is ontvangen (dd-mm-jjjj); nodig voor een nieuwe zaak.
        #[arg(long, value_name = "DATUM")]
        melding: Option<String>,
        /// Waar het huishouden op wacht: veiligheidsbeoordeling, onderzoek of vv.
        #[arg(long = "wacht-op", value_name = "SOORT")]
        wacht_op: Option<String>,
        /// De prioriteit die de organisatie gaf: hoog of normaal (standaard normaal).
        #[arg(long, value_name = "PRIORITEIT")]
        prioriteit: Option<String>,
        /// Een notitie (komt niet in het rapport).
        #[arg(long, value_name = "TEKST")]
        notitie: Option<String>,
        /// Verwijdert de zaak van de wachtlijst (de historie blijft bewaard).
        #[arg(long)]
        verwijder: bool,
        /// Wie het vastlegt (standaard: wie het bestand maakte).
        #[arg(long, value_name = "NAAM")]
        inspecteur: Option<String>,
    },
    /// Legt een contact over de veiligheid vast met een wachtend huishouden (zicht op
    /// veiligheid tijdens het wachten).
    Contact {
        /// Het .veldtoets-bestand.
        #[arg(value_name = "BESTAND")]
        file: PathBuf,
        /// Het nummer van de wachtende zaak.
        #[arg(value_name = "NUMMER")]
        nummer: String,
        /// Wanneer (dd-mm-jjjj).
        #[arg(long, value_name = "DATUM")]
        datum: String,
        /// Met wie, als functie (bijvoorbeeld moeder, wijkteam); nooit een naam.
        #[arg(long, value_name = "FUNCTIE")]
        met: String,
        /// Een notitie (komt niet in het rapport).
        #[arg(long, value_name = "TEKST")]
        notitie: Option<String>,
        /// Wie het vastlegt (standaard: wie het bestand maakte).
        #[arg(long, value_name = "NAAM")]
        inspecteur: Option<String>,
    },
    /// Controleert een onderzoeksbestand: schemaversie, integriteit, aantallen.
    Check {
        /// Het .veldtoets-bestand.
        #[arg(value_name = "BESTAND")]
        file: PathBuf,
        /// Als JSON.
        #[arg(long)]
        json: bool,
    },
    /// Exporteert het hele onderzoek.
    Export {
        /// Het .veldtoets-bestand.
        #[arg(value_name = "BESTAND")]
        file: PathBuf,
        /// Schrijf het hele onderzoek als JSON naar dit bestand ('-' voor standaarduitvoer).
        #[arg(long, value_name = "UIT", required_unless_present = "pdf")]
        json: Option<PathBuf>,
        /// Schrijf het rapport als PDF naar dit bestand.
        #[arg(long, value_name = "UIT")]
        pdf: Option<PathBuf>,
        /// Met --pdf: een conceptrapport voor hoor en wederhoor (watermerk CONCEPT, vertrouwelijk).
        /// Zonder: het definitieve rapport. Een vastgesteld onderzoek heeft geen concept meer.
        #[arg(long, requires = "pdf")]
        concept: bool,
        /// Met --pdf: de rapportdatum (dd-mm-jjjj); standaard vandaag, of voor het definitieve
        /// rapport van een vastgesteld onderzoek de datum van vaststelling.
        #[arg(long, value_name = "DATUM", requires = "pdf")]
        datum: Option<String>,
    },
    /// Maakt het conceptrapport (PDF) voor hoor en wederhoor en legt vast dat het op de gegeven
    /// datum is verzonden, met de SHA-256 van het PDF-bestand en de tekst van het rapport.
    ///
    /// Wordt het PDF-bestand niet geschreven, dan wordt ook niets vastgelegd. Een tweede concept
    /// vervangt het eerste; de historie bewaart beide.
    Concept {
        /// Het .veldtoets-bestand.
        #[arg(value_name = "BESTAND")]
        file: PathBuf,
        /// Schrijf het conceptrapport naar dit PDF-bestand.
        #[arg(long, value_name = "UIT.pdf")]
        pdf: PathBuf,
        /// De datum waarop het concept aan de organisatie wordt verzonden (dd-mm-jjjj); ook de
        /// rapportdatum.
        #[arg(long, value_name = "DATUM")]
        verzonden: String,
        /// Wie het concept verzendt (standaard: wie het bestand maakte).
        #[arg(long, value_name = "NAAM")]
        inspecteur: Option<String>,
    },
    /// Legt een reactie van de organisatie op het conceptrapport vast (hoor en wederhoor) en
    /// print het id van de nieuwe reactie.
    #[command(group(clap::ArgGroup::new("betreft").required(true).multiple(true).args(["paragraaf", "verwachting"])))]
    Reactie {
        /// Het .veldtoets-bestand.
        #[arg(value_name = "BESTAND")]
        file: PathBuf,
        /// De paragraaf van het concept waar de reactie op wijst, bijvoorbeeld 2.3.
        #[arg(long, value_name = "P")]
        paragraaf: Option<String>,
        /// De verwachting waar de reactie op wijst, bijvoorbeeld 1.3.1.
        #[arg(long, value_name = "ID")]
        verwachting: Option<String>,
        /// De soort reactie: feitelijk (feitelijke onjuistheid), aanvulling of zienswijze.
        #[arg(long, value_name = "feitelijk|aanvulling|zienswijze")]
        soort: String,
        /// De tekst van de reactie.
        #[arg(long, value_name = "TEKST")]
        tekst: String,
        /// Van wie de reactie komt: een functie (bijvoorbeeld bestuurder), geen naam.
        #[arg(long, value_name = "FUNCTIE")]
        van: Option<String>,
        /// Wanneer de reactie is ontvangen (dd-mm-jjjj); standaard vandaag.
        #[arg(long, value_name = "DATUM")]
        ontvangen: Option<String>,
        /// Wie de reactie vastlegt (standaard: wie het bestand maakte).
        #[arg(long, value_name = "NAAM")]
        inspecteur: Option<String>,
    },
    /// Legt het besluit van de inspectie op een reactie vast, met de motivering (komt in de
    /// bijlage "Verwerking hoor en wederhoor" van het rapport).
    Besluit {
        /// Het .veldtoets-bestand.
        #[arg(value_name = "BESTAND")]
        file: PathBuf,
        /// Het id van de reactie (zoals `veldtoets reactie` het printte).
        #[arg(value_name = "REACTIE-ID")]
        reactie: String,
        /// Het besluit: overgenomen, deels (deels overgenomen) of niet (niet overgenomen).
        #[arg(value_name = "overgenomen|deels|niet")]
        besluit: String,
        /// Waarom (komt in het rapport).
        #[arg(long, value_name = "TEKST")]
        motivering: String,
        /// Een verwachting waarvan het oordeel of de onderbouwing door deze reactie is
        /// gewijzigd (herhaalbaar; de volledige lijst). Koppelt de huidige versie van dat
        /// oordeel aan het besluit; het oordeel moet sinds het verzonden concept gewijzigd zijn.
        #[arg(long = "wijziging", value_name = "VERWACHTING")]
        wijzigingen: Vec<String>,
        /// Wie het besluit neemt (standaard: wie het bestand maakte).
        #[arg(long, value_name = "NAAM")]
        inspecteur: Option<String>,
    },
    /// Stelt het rapport definitief vast. Daarna liggen oordelen en onderbouwingen vast tot
    /// `veldtoets heropenen`.
    ///
    /// Kan pas als het concept is verzonden, elke reactie een besluit heeft en er geen
    /// conflicten of dubbel vastgelegde gegevens meer zijn; anders worden alle redenen genoemd.
    Vaststellen {
        /// Het .veldtoets-bestand.
        #[arg(value_name = "BESTAND")]
        file: PathBuf,
        /// De datum van vaststelling (dd-mm-jjjj).
        #[arg(long, value_name = "DATUM")]
        datum: String,
        /// Wie het rapport vaststelt (standaard: wie het bestand maakte).
        #[arg(long, value_name = "NAAM")]
        inspecteur: Option<String>,
    },
    /// Zoekt in de onderbouwingen naar gegevens over een zaak of persoon (dossiernummers,
    /// BSN, telefoonnummers, e-mailadressen, geboortedata) en toont elke vondst met een
    /// nummer. Met --vrijgeven NR --reden T blijft vondst NR bewust in het rapport staan; een
    /// concept wordt pas verzonden als elke vondst is aangepast of vrijgegeven.
    Privacy {
        /// Het .veldtoets-bestand.
        #[arg(value_name = "BESTAND")]
        file: PathBuf,
        /// Het nummer van de vondst die bewust blijft staan.
        #[arg(long, value_name = "NR", requires = "reden")]
        vrijgeven: Option<usize>,
        /// Waarom de vondst mag blijven staan (komt in de historie).
        #[arg(long, value_name = "TEKST", requires = "vrijgeven")]
        reden: Option<String>,
        /// Wie de vondst vrijgeeft (standaard: wie het bestand maakte).
        #[arg(long, value_name = "NAAM")]
        inspecteur: Option<String>,
    },
    /// Heropent een vastgesteld onderzoek, zodat oordelen en onderbouwingen weer kunnen
    /// veranderen. De reden komt in de historie.
    Heropenen {
        /// Het .veldtoets-bestand.
        #[arg(value_name = "BESTAND")]
        file: PathBuf,
        /// Waarom het onderzoek wordt heropend.
        #[arg(long, value_name = "TEKST")]
        reden: String,
        /// Wie het onderzoek heropent (standaard: wie het bestand maakte).
        #[arg(long, value_name = "NAAM")]
        inspecteur: Option<String>,
    },
    /// Legt het verbeterpunt bij een onvoldoende verwachting vast (komt in het rapport na de
    /// onderbouwing).
    ///
    /// Zolang er geen is vastgelegd, staat in het rapport een verbeterpunt dat uit de
    /// verwachting is afgeleid ("Een verbeterpunt is dat …"). Een lege tekst ("") verwijdert het
    /// vastgelegde verbeterpunt; dan geldt weer het afgeleide. Eerdere versies blijven bewaard.
    Verbeterpunt {
        /// Het .veldtoets-bestand.
        #[arg(value_name = "BESTAND")]
        file: PathBuf,
        /// Verwachting-id, bijvoorbeeld 1.3.2; het oordeel moet onvoldoende zijn.
        #[arg(value_name = "VERWACHTING")]
        verwachting: String,
        /// De tekst van het verbeterpunt (geen namen of dossiernummers).
        #[arg(long, value_name = "TEKST")]
        tekst: String,
        /// Wie het verbeterpunt vastlegt (standaard: wie het bestand maakte).
        #[arg(long, value_name = "NAAM")]
        inspecteur: Option<String>,
    },
    /// Legt de samenvatting of de conclusie van de inspecteurs vast: eigen tekst in het rapport
    /// naast de berekende aantallen (de samenvatting in het hoofdstuk Samenvatting, de conclusie
    /// bij het eindoordeel).
    ///
    /// Een lege tekst ("") haalt het blok weg. Eerdere versies blijven bewaard.
    Rapporttekst {
        /// Het .veldtoets-bestand.
        #[arg(value_name = "BESTAND")]
        file: PathBuf,
        /// Welk blok: samenvatting of conclusie.
        #[arg(value_name = "samenvatting|conclusie")]
        blok: String,
        /// De tekst (alinea's scheiden met een lege regel; geen namen of dossiernummers).
        #[arg(long, value_name = "TEKST")]
        tekst: String,
        /// Wie de tekst vastlegt (standaard: wie het bestand maakte).
        #[arg(long, value_name = "NAAM")]
        inspecteur: Option<String>,
    },
    /// Vergelijkt het conceptrapport zoals het is verzonden met het rapport zoals het nu is:
    /// welke paragrafen zijn gewijzigd, toegevoegd of verwijderd, en per paragraaf de reacties
    /// (hoor en wederhoor) die ernaar verwijzen, met hun besluit.
    ///
    /// Vergeleken wordt met het definitieve rapport zoals het nu zou worden gemaakt. Verschillen
    /// die alleen komen doordat het geen concept meer is (titelpagina, leeswijzer, vervolg) zijn
    /// zo gemarkeerd. Een paragraaf waar een reactie naar verwijst maar die niet is gewijzigd,
    /// staat er ook bij (ongewijzigd). Het bestand wordt alleen gelezen.
    Vergelijk {
        /// Het .veldtoets-bestand.
        #[arg(value_name = "BESTAND")]
        file: PathBuf,
        /// Als JSON (een lijst objecten) in plaats van tekst.
        #[arg(long)]
        json: bool,
    },
    /// Versleutelt een onversleuteld onderzoeksbestand met een nieuw wachtwoord (uit
    /// --wachtwoord-bestand, VELDTOETS_WACHTWOORD of de terminal). Het versleutelde bestand wordt
    /// eerst volledig geschreven en gecontroleerd en vervangt dan pas het origineel.
    Versleutel {
        /// Het .veldtoets-bestand.
        #[arg(value_name = "BESTAND")]
        file: PathBuf,
    },
    /// Schrijft een onversleutelde kopie van een versleuteld onderzoeksbestand. Het origineel
    /// blijft versleuteld en ongewijzigd.
    Ontsleutel {
        /// Het versleutelde .veldtoets-bestand.
        #[arg(value_name = "BESTAND")]
        file: PathBuf,
        /// De nieuwe, onversleutelde kopie; mag nog niet bestaan.
        #[arg(long, value_name = "KOPIE")]
        naar: PathBuf,
    },
    /// Geeft een versleuteld onderzoeksbestand een nieuw wachtwoord. Het huidige komt uit
    /// --wachtwoord-bestand, VELDTOETS_WACHTWOORD of de terminal; het nieuwe uit
    /// --nieuw-wachtwoord-bestand, VELDTOETS_NIEUW_WACHTWOORD of de terminal. Het bestand wordt
    /// eerst volledig opnieuw geschreven en gecontroleerd en vervangt dan pas het origineel.
    Wachtwoord {
        /// Het versleutelde .veldtoets-bestand.
        #[arg(value_name = "BESTAND")]
        file: PathBuf,
        /// Lees het nieuwe wachtwoord van de eerste regel van dit bestand (voor scripts).
        #[arg(long, value_name = "PAD")]
        nieuw_wachtwoord_bestand: Option<PathBuf>,
    },
    /// Voegt kopieën van hetzelfde onderzoek (van de inspecteurs in het veld) samen tot één
    /// bestand en print een samenvatting als JSON. Niets gaat verloren: verschillende oordelen
    /// over dezelfde verwachting blijven beide bewaard als conflict, tot iemand een nieuw oordeel
    /// vastlegt (`veldtoets oordeel`).
    Merge {
        /// Het doelbestand. Bestaat het nog niet, dan wordt het gemaakt als kopie van de eerste
        /// bron.
        #[arg(long, value_name = "DOEL")]
        into: PathBuf,
        /// De bestanden om samen te voegen (ze worden alleen gelezen).
        #[arg(value_name = "BRON", required = true)]
        sources: Vec<PathBuf>,
        /// Voeg versleutelde bronnen ook samen in een bestaand doel dat niet versleuteld is (niet
        /// aanbevolen: hun inhoud staat daarna onversleuteld op schijf). Zonder deze optie wordt
        /// dat geweigerd; versleutel het doel liever eerst met `veldtoets versleutel DOEL`.
        #[arg(long)]
        onversleuteld: bool,
    },
    /// Landelijk overzicht van onderzoeken met hetzelfde kader: de organisaties gerangschikt naar
    /// eindoordeel en aantal verwachtingen voldoende, de matrix organisaties × verwachtingen en
    /// per verwachting het aantal organisaties voldoende en onvoldoende.
    #[command(group(clap::ArgGroup::new("uitvoer").required(true).multiple(true).args(["json", "pdf"])))]
    Overzicht {
        /// Schrijf JSON naar dit bestand ('-' voor standaarduitvoer).
        #[arg(long, value_name = "UIT")]
        json: Option<PathBuf>,
        /// Schrijf het overzicht als PDF naar dit bestand.
        #[arg(long, value_name = "UIT.pdf")]
        pdf: Option<PathBuf>,
        /// Datum op het PDF-overzicht (dd-mm-jjjj; standaard vandaag).
        #[arg(long, value_name = "DATUM", requires = "pdf")]
        datum: Option<String>,
        /// De onderzoeksbestanden, één per organisatie.
        #[arg(value_name = "BESTAND", required = true)]
        files: Vec<PathBuf>,
    },
}
