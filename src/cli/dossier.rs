//! The dossier commands: `dossier` (add, edit or delete one dossier), `dossiervraag` (answer a
//! checklist item for one dossier) and `dossiers --importeer` (numbers and dates from the
//! organisation's case list, in one transaction).
//!
//! They write the same records the dossiers screen of the app writes, attributed like `oordeel`
//! (`--inspecteur`, else whoever made the file). A dossier is found by its number among the live
//! dossiers; a number carried by two live dossiers (after merging copies) and a dossier whose
//! versions disagree are refused until someone settles them in the app. Nothing is written —
//! not even the inspecteur's name — when anything is wrong or nothing would change.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use anyhow::{Context, Result, anyhow, bail};
use jiff::civil::Date;

use crate::domain::inspection::{
    Change, CheckAnswer, CheckData, DossierData, Inspection, Kind, Record, Revision, Selection,
    Stamp,
};
use crate::domain::record::RecordData;
use crate::domain::sample::SampleRequest;
use crate::domain::termijn::{self, DateKind};
use crate::fsutil;
use crate::store::Store;

use super::{Author, csv, open};

/// The fields an edit of a dossier sets; what it leaves out stays as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct DossierEdit {
    /// A new date per kind (`None` clears it), in the order given.
    dates: Vec<(DateKind, Option<Date>)>,
    selectie: Option<Selection>,
    notitie: Option<String>,
}

impl DossierEdit {
    /// `data` with this edit made.
    fn apply(&self, data: &DossierData) -> DossierData {
        let mut new = data.clone();
        for &(kind, date) in &self.dates {
            new.dates.set(kind, date);
        }
        if let Some(selectie) = self.selectie {
            new.selectie = selectie;
        }
        if let Some(notitie) = &self.notitie {
            new.notitie.clone_from(notitie);
        }
        new
    }
}

/// The fields (by their JSON names, a date by its id) in which two versions of a dossier differ.
fn changed_fields(old: &DossierData, new: &DossierData) -> Vec<&'static str> {
    old.differing_fields(new)
}

/// The date kinds as the kader, the file and JSON name them: "melding_ontvangen, …".
fn date_kind_tokens(kinds: &[DateKind]) -> String {
    kinds
        .iter()
        .map(|k| k.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn parse_date_kind(kinds: &[DateKind], token: &str) -> Option<DateKind> {
    let token = token.trim().to_lowercase();
    kinds.iter().copied().find(|k| k.as_str() == token)
}

fn parse_selectie(text: &str) -> Result<Selection, String> {
    Selection::parse(&text.trim().to_lowercase())
        .ok_or_else(|| format!("'{text}' is geen selectie; kies willekeurig of gericht"))
}

/// One `--datum SOORT=DATUM`; an empty date clears that date.
fn parse_datum_arg(kinds: &[DateKind], arg: &str) -> Result<(DateKind, Option<Date>)> {
    let Some((token, value)) = arg.split_once('=') else {
        bail!(
            "--datum '{arg}': schrijf SOORT=dd-mm-jjjj, bijvoorbeeld melding_ontvangen=03-02-2026 (SOORT is {})",
            date_kind_tokens(kinds)
        );
    };
    let kind = parse_date_kind(kinds, token).ok_or_else(|| {
        anyhow!(
            "--datum: onbekende datumsoort '{token}'; het kader van dit bestand kent {}",
            date_kind_tokens(kinds)
        )
    })?;
    if value.trim().is_empty() {
        return Ok((kind, None));
    }
    let date = termijn::parse_date_input(value).map_err(|e| anyhow!("--datum {token}: {e}"))?;
    Ok((kind, Some(date)))
}

fn parse_datum_args(kinds: &[DateKind], args: &[String]) -> Result<Vec<(DateKind, Option<Date>)>> {
    let mut dates: Vec<(DateKind, Option<Date>)> = Vec::new();
    for arg in args {
        let (kind, date) = parse_datum_arg(kinds, arg)?;
        if dates.iter().any(|(k, _)| *k == kind) {
            bail!(
                "--datum {} staat er twee keer; geef elke datumsoort één keer",
                kind.as_str()
            );
        }
        dates.push((kind, date));
    }
    Ok(dates)
}

/// The dossier number as typed, trimmed; an empty one is refused.
fn parse_number(nummer: &str) -> Result<String> {
    let nummer = nummer.trim();
    if nummer.is_empty() {
        bail!("het dossiernummer is leeg; geef het (pseudonieme) dossiernummer");
    }
    Ok(nummer.to_string())
}

/// The one live dossier numbered `nummer` (`None` when there is none). A number that two live
/// dossiers carry (after merging copies) and a dossier whose versions disagree are refused
/// with the reason: a script must not pick one of them.
fn find_dossier<'a>(
    inspection: &'a Inspection,
    file: &Path,
    nummer: &str,
) -> Result<Option<&'a Revision<DossierData>>, String> {
    let found: Vec<&Revision<DossierData>> = inspection
        .dossiers
        .current()
        .filter(|d| d.data.nummer.trim() == nummer)
        .collect();
    match found[..] {
        [] => Ok(None),
        [one] if inspection.dossiers.is_conflicted(&one.meta.entity) => Err(format!(
            "dossier {nummer} heeft versies die elkaar tegenspreken (een conflict na het samenvoegen van kopieën); kies eerst in de app welke versie geldt"
        )),
        [one] => Ok(Some(one)),
        _ => Err(format!(
            "dossiernummer {nummer} staat {} keer in '{}' (na het samenvoegen van kopieën); los dat eerst op in de app (samenvoegen of hernummeren)",
            found.len(),
            file.display()
        )),
    }
}

/// Registers the author and writes `changes` in one transaction.
fn write(store: &mut Store, author: &Author, changes: &[Change]) -> Result<()> {
    author.register(store)?;
    store.append_all(changes)?;
    Ok(())
}

/// "let op:" lines for dates that contradict each other (written anyway, as the app does).
fn warn_date_problems(inspection: &Inspection, what: &str, data: &DossierData) {
    for problem in data.dates.problems(&inspection.framework.date_rules) {
        eprintln!("let op: {what}: {problem}");
    }
}

fn term_status(inspection: &Inspection, data: &DossierData) -> String {
    termijn::case_status(
        &inspection.framework.deadlines,
        &data.dates,
        inspection.peildatum(),
    )
    .text
}

/// `veldtoets dossier`: adds the dossier `nummer`, edits the live one with that number (only the
/// given fields), or deletes it.
pub(super) fn dossier(
    file: &Path,
    nummer: &str,
    datum: &[String],
    selectie: Option<&str>,
    notitie: Option<String>,
    verwijder: bool,
    inspecteur: Option<&str>,
) -> Result<()> {
    let nummer = parse_number(nummer)?;
    let (mut store, mut inspection) = open(file)?;
    let edit = DossierEdit {
        dates: parse_datum_args(&inspection.framework.dates, datum)?,
        selectie: selectie
            .map(parse_selectie)
            .transpose()
            .map_err(|e| anyhow!("--selectie: {e}"))?,
        notitie: notitie.map(|n| n.trim().to_string()),
    };
    if verwijder && edit != DossierEdit::default() {
        bail!(
            "--verwijder gaat niet samen met --datum, --selectie of --notitie; verwijder het dossier of bewerk het"
        );
    }
    let author = Author::decide(&mut inspection, inspecteur)?;
    let found = find_dossier(&inspection, file, &nummer)
        .map_err(anyhow::Error::msg)?
        .cloned();
    let name = inspection.inspector_name(author.id).to_string();
    match found {
        None if verwijder => bail!(
            "dossier {nummer} staat niet in '{}'; er is niets verwijderd",
            file.display()
        ),
        Some(old) if verwijder => {
            let change = inspection.deletion(
                &old.meta.entity,
                Record::Dossier(old.data),
                author.id,
                Stamp::now(),
            );
            write(&mut store, &author, &[change])?;
            println!("dossier {nummer} verwijderd door {name}; het blijft bewaard in de historie");
        }
        None => {
            let data = edit.apply(&DossierData {
                nummer: nummer.clone(),
                ..DossierData::default()
            });
            let entity = Stamp::now().rev.to_string();
            let change = inspection.change(
                &entity,
                Record::Dossier(data.clone()),
                author.id,
                Stamp::now(),
            );
            write(&mut store, &author, &[change])?;
            warn_date_problems(&inspection, &format!("dossier {nummer}"), &data);
            println!(
                "dossier {nummer} toegevoegd door {name}; termijnen: {}",
                term_status(&inspection, &data)
            );
        }
        Some(old) => {
            let data = edit.apply(&old.data);
            let fields = changed_fields(&old.data, &data);
            if fields.is_empty() {
                println!(
                    "dossier {nummer}: niets gewijzigd (de gegeven waarden stonden er al); er is niets geschreven"
                );
                return Ok(());
            }
            let change = inspection.change(
                &old.meta.entity,
                Record::Dossier(data.clone()),
                author.id,
                Stamp::now(),
            );
            write(&mut store, &author, &[change])?;
            warn_date_problems(&inspection, &format!("dossier {nummer}"), &data);
            println!(
                "dossier {nummer} bijgewerkt door {name} ({}); termijnen: {}",
                fields.join(", "),
                term_status(&inspection, &data)
            );
        }
    }
    Ok(())
}

/// ja, nee or nvt (also n.v.t., in any case); "open" is not an answer one sets.
fn parse_answer(text: &str) -> Result<CheckAnswer> {
    let token = text.trim().to_lowercase();
    let token = if token == "n.v.t." { "nvt" } else { &token };
    match CheckAnswer::parse(token) {
        Some(answer) if answer != CheckAnswer::Open => Ok(answer),
        _ => bail!("'{text}' is geen antwoord op een dossiervraag; kies ja, nee of nvt"),
    }
}

/// The error for a checklist id the kader does not have: the ids that look like it, or else
/// the first few.
fn unknown_question(inspection: &Inspection, vraag: &str) -> anyhow::Error {
    let framework = &inspection.framework;
    let ids: Vec<&str> = framework
        .sources
        .checklist
        .iter()
        .map(|q| q.id.as_str())
        .collect();
    if ids.is_empty() {
        return anyhow!(
            "onbekende dossiervraag '{vraag}': het kader {} heeft geen dossiervragen",
            framework.id
        );
    }
    let wanted = vraag.trim().to_lowercase();
    let alike: Vec<&str> = ids
        .iter()
        .copied()
        .filter(|id| !wanted.is_empty() && id.to_lowercase().contains(&wanted))
        .take(4)
        .collect();
    if !alike.is_empty() {
        return anyhow!(
            "onbekende dossiervraag '{vraag}'; bedoelt u {}?",
            alike.join(" of ")
        );
    }
    const SHOWN: usize = 6;
    let mut list = ids[..ids.len().min(SHOWN)].join(", ");
    if ids.len() > SHOWN {
        let _ = write!(list, " … ({} in totaal)", ids.len());
    }
    anyhow!(
        "onbekende dossiervraag '{vraag}'; het kader {} kent {list}",
        framework.id
    )
}

/// `veldtoets dossiervraag`: the answer (and the toelichting) of one checklist item for one
/// dossier; without `--toelichting` the toelichting already there stays.
pub(super) fn dossiervraag(
    file: &Path,
    nummer: &str,
    vraag: &str,
    antwoord: &str,
    toelichting: Option<String>,
    inspecteur: Option<&str>,
) -> Result<()> {
    let nummer = parse_number(nummer)?;
    let answer = parse_answer(antwoord)?;
    let (mut store, mut inspection) = open(file)?;
    let vraag = vraag.trim();
    if !inspection
        .framework
        .sources
        .checklist
        .iter()
        .any(|q| q.id == vraag)
    {
        return Err(unknown_question(&inspection, vraag));
    }
    let author = Author::decide(&mut inspection, inspecteur)?;
    let dossier = find_dossier(&inspection, file, &nummer)
        .map_err(anyhow::Error::msg)?
        .ok_or_else(|| {
            anyhow!(
                "dossier {nummer} staat niet in '{}'; voeg het eerst toe met: veldtoets dossier {} {nummer}",
                file.display(),
                file.display()
            )
        })?;
    let dossier_entity = dossier.meta.entity.clone();
    let entity = inspection.check_id(&dossier_entity, vraag);
    let conflicted = inspection.checks.is_conflicted(&entity);
    if conflicted && toelichting.is_none() {
        bail!(
            "dossiervraag {vraag} van dossier {nummer} heeft versies die elkaar tegenspreken (een conflict na het samenvoegen van kopieën); geef ook --toelichting om beide versies te vervangen, of kies in de app"
        );
    }
    let current = inspection.checks.get(&entity).map(|c| c.data.clone());
    let mut data = current.clone().unwrap_or_else(|| CheckData {
        dossier: dossier_entity.clone(),
        vraag: vraag.to_string(),
        ..CheckData::default()
    });
    data.antwoord = answer;
    if let Some(t) = toelichting {
        data.notitie = t.trim().to_string();
    }
    if !conflicted && current.as_ref() == Some(&data) {
        println!(
            "dossier {nummer}, {vraag}: niets gewijzigd (het antwoord was al {}); er is niets geschreven",
            answer.label()
        );
        return Ok(());
    }
    let change = inspection.change(&entity, Record::Check(data), author.id, Stamp::now());
    write(&mut store, &author, &[change])?;
    let was = match current.map(|c| c.antwoord) {
        Some(before) if before != answer && before != CheckAnswer::Open && !conflicted => {
            format!(" (was {})", before.label())
        }
        _ => String::new(),
    };
    println!(
        "dossier {nummer}, {vraag}: {}{was} vastgelegd door {}{}",
        answer.label(),
        inspection.inspector_name(author.id),
        if conflicted {
            " (conflict opgelost)"
        } else {
            ""
        }
    );
    Ok(())
}

/// One row of a case list: the dossier number and what the row gives.
#[derive(Debug, Clone, PartialEq, Eq)]
struct CaseRow {
    line: usize,
    nummer: String,
    edit: DossierEdit,
}

/// What is wrong with one line of a case list.
#[derive(Debug, Clone, PartialEq, Eq)]
struct LineProblem {
    line: usize,
    message: String,
}

/// What a column of a case list holds, from its name in the header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Nummer,
    Date(DateKind),
    Selectie,
    Notitie,
    /// No name in the header: only allowed when empty (Excel writes such columns).
    Unnamed,
    /// An unknown name (reported once, at the header).
    Unknown,
}

/// Reads a case list (see `veldtoets dossiers --help`): a header row naming the columns —
/// `nummer` (or `dossiernummer`), date kinds, `selectie`, `notitie`, in any case —, then one
/// dossier per row; an empty cell gives nothing, a blank row is skipped. Returns the rows and
/// every problem, each with its line; rows are returned also when there are problems, so the
/// caller can report those that depend on the file too.
fn parse_case_list(text: &str, kinds: &[DateKind]) -> (Vec<CaseRow>, Vec<LineProblem>) {
    let table = csv::read(text);
    let mut problems = Vec::new();
    let mut problem = |line: usize, message: String| problems.push(LineProblem { line, message });
    let mut rows = table
        .rows
        .into_iter()
        .filter(|r| r.cells.iter().any(|c| !c.trim().is_empty()));
    let mut out = Vec::new();
    let Some(header) = rows.next() else {
        problem(
            table.unclosed_quote.unwrap_or(1),
            "de lijst heeft geen kopregel; de eerste regel noemt de kolommen, bijvoorbeeld nummer;melding_ontvangen".to_string(),
        );
        return (out, problems);
    };
    let mut columns: Vec<Column> = Vec::new();
    for (i, name) in header.cells.iter().enumerate() {
        let key = name.trim().to_lowercase();
        let column = match key.as_str() {
            "" => Column::Unnamed,
            "nummer" | "dossiernummer" => Column::Nummer,
            "selectie" => Column::Selectie,
            "notitie" => Column::Notitie,
            other => parse_date_kind(kinds, other).map_or(Column::Unknown, Column::Date),
        };
        if column == Column::Unknown {
            problem(
                header.line,
                format!(
                    "kolom {} '{}' is onbekend; gebruik nummer, {}, selectie of notitie",
                    i + 1,
                    name.trim(),
                    date_kind_tokens(kinds)
                ),
            );
        } else if column != Column::Unnamed
            && let Some(first) = columns.iter().position(|c| *c == column)
        {
            problem(
                header.line,
                format!(
                    "kolom {} '{}' staat er al als kolom {}; geef elke kolom één keer",
                    i + 1,
                    name.trim(),
                    first + 1
                ),
            );
        }
        columns.push(column);
    }
    let has_number = columns.contains(&Column::Nummer);
    if !has_number {
        problem(
            header.line,
            format!(
                "de kopregel heeft geen kolom nummer (of dossiernummer); de eerste regel noemt de kolommen, bijvoorbeeld nummer{}melding_ontvangen",
                table.delimiter
            ),
        );
    }
    let mut first_line: BTreeMap<String, usize> = BTreeMap::new();
    for row in rows {
        let line = row.line;
        if row.cells.len() != columns.len() {
            problem(
                line,
                format!(
                    "{} {}, de kopregel heeft er {} (scheidingsteken '{}')",
                    row.cells.len(),
                    if row.cells.len() == 1 {
                        "veld"
                    } else {
                        "velden"
                    },
                    columns.len(),
                    table.delimiter
                ),
            );
            continue;
        }
        let mut nummer = None;
        let mut edit = DossierEdit::default();
        for (i, (column, cell)) in columns.iter().zip(&row.cells).enumerate() {
            let value = cell.trim();
            if value.is_empty() {
                continue;
            }
            match column {
                Column::Nummer => nummer = Some(value.to_string()),
                Column::Date(kind) => match termijn::parse_date_input(value) {
                    Ok(date) => edit.dates.push((*kind, Some(date))),
                    Err(e) => problem(line, format!("{}: {e}", kind.as_str())),
                },
                Column::Selectie => match parse_selectie(value) {
                    Ok(s) => edit.selectie = Some(s),
                    Err(e) => problem(line, format!("selectie: {e}")),
                },
                Column::Notitie => edit.notitie = Some(value.to_string()),
                Column::Unnamed => problem(
                    line,
                    format!(
                        "kolom {} heeft geen naam in de kopregel maar wel een waarde ('{value}')",
                        i + 1
                    ),
                ),
                Column::Unknown => {}
            }
        }
        if !has_number {
            continue;
        }
        let Some(nummer) = nummer else {
            problem(line, "het dossiernummer is leeg".to_string());
            continue;
        };
        if let Some(first) = first_line.get(&nummer) {
            problem(
                line,
                format!(
                    "dossiernummer {nummer} staat ook op regel {first}; elk nummer mag één keer in de lijst"
                ),
            );
            continue;
        }
        first_line.insert(nummer.clone(), line);
        out.push(CaseRow { line, nummer, edit });
    }
    if let Some(line) = table.unclosed_quote {
        problem(
            line,
            "een aanhalingsteken (\") wordt niet gesloten; de rest van de lijst is daardoor niet te lezen".to_string(),
        );
    }
    problems.sort_by_key(|p| p.line);
    (out, problems)
}

/// The list as text; one that is not UTF-8 is refused, naming the line of the first bad byte.
fn decode_list(list: &Path, bytes: Vec<u8>) -> Result<String> {
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let line = 1 + e.as_bytes()[..valid].iter().filter(|&&b| b == b'\n').count();
        anyhow!(
            "dossierlijst '{}' is geen UTF-8-tekst (regel {line}); sla de lijst in Excel op als 'CSV UTF-8 (door komma's gescheiden)' en probeer het opnieuw",
            list.display()
        )
    })
}

/// The numbers of a steekproef frame: one per line, or the column `nummer` (or
/// `dossiernummer`) of a CSV file with a header line.
fn frame_numbers(text: &str) -> Result<Vec<String>> {
    let table = super::csv::read(text);
    if let Some(line) = table.unclosed_quote {
        bail!("regel {line}: een aanhalingsteken wordt niet gesloten");
    }
    let Some(first) = table.rows.first() else {
        return Ok(Vec::new());
    };
    let header: Vec<String> = first
        .cells
        .iter()
        .map(|c| c.trim().to_lowercase())
        .collect();
    let column = header
        .iter()
        .position(|c| c == "nummer" || c == "dossiernummer");
    match column {
        Some(col) => Ok(table.rows[1..]
            .iter()
            .filter_map(|r| r.cells.get(col).cloned())
            .collect()),
        None if header.len() == 1 => Ok(table
            .rows
            .iter()
            .filter_map(|r| r.cells.first().cloned())
            .collect()),
        None => bail!(
            "de lijst heeft meer kolommen maar geen kolom nummer of dossiernummer; geef één nummer per regel of een kopregel met nummer"
        ),
    }
}

/// `veldtoets steekproef FILE --uit LIJST --aantal N [--zaad Z]`: draws the sample, records the
/// draw and adds the dossiers, all in one transaction.
pub(super) fn sample(
    file: &Path,
    list: &Path,
    n: usize,
    seed: Option<u64>,
    inspecteur: Option<&str>,
) -> Result<()> {
    let from_stdin = list.as_os_str() == "-";
    if !from_stdin
        && (fsutil::same_file(file, list) || fsutil::is_inspection_file(list).unwrap_or(false))
    {
        bail!(
            "'{}' is een onderzoeksbestand, geen lijst van dossiernummers; geef een tekst- of CSV-bestand",
            list.display()
        );
    }
    let text = if from_stdin {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut text).context(
            "de lijst kon niet van de standaardinvoer worden gelezen (is het UTF-8-tekst?)",
        )?;
        text
    } else {
        let bytes = std::fs::read(list)
            .map_err(|e| anyhow!("lijst {}", fsutil::PathError::read(list, e)))?;
        decode_list(list, bytes)?
    };
    let numbers = frame_numbers(&text)
        .with_context(|| format!("lijst '{}' kan niet worden gelezen", list.display()))?;
    // The seed is chosen here, at the edge, and shown so the draw can be redone.
    let seed = seed.unwrap_or_else(|| {
        let now = jiff::Timestamp::now().as_nanosecond() as u64;
        now ^ u64::from(std::process::id()).rotate_left(32)
    });
    let (mut store, mut inspection) = open(file)?;
    let author = Author::decide(&mut inspection, inspecteur)?;
    let source = if from_stdin {
        "standaardinvoer".to_string()
    } else {
        list.file_name().map_or_else(
            || list.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        )
    };
    let drawn = inspection
        .draw_sample(
            SampleRequest {
                numbers: &numbers,
                size: n,
                seed,
                source: &source,
            },
            author.id,
            Stamp::now,
            || Stamp::now().rev.to_string(),
        )
        .map_err(|r| anyhow!("er is geen steekproef getrokken: {r}"))?;
    author.register(&mut store)?;
    store.append_all(&drawn.changes)?;
    for change in drawn.changes {
        inspection.apply(change);
    }
    println!(
        "steekproef: {} getrokken uit {} (zaad {seed}; trek dezelfde steekproef opnieuw met --zaad {seed}), toegevoegd als willekeurig geselecteerd door {}",
        count_nl(drawn.drawn.len(), "dossier", "dossiers"),
        count_nl(drawn.frame_size, "nummer", "nummers"),
        inspection.inspector_name(author.id)
    );
    for nummer in &drawn.drawn {
        println!("  {nummer}");
    }
    if !drawn.already_there.is_empty() {
        println!(
            "niet meegeteld, al een dossier van dit onderzoek: {}",
            drawn.already_there.join(", ")
        );
    }
    Ok(())
}

fn count_nl(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `veldtoets dossiers --importeer`: every row of the case list adds or updates one dossier,
/// all in one transaction; any bad row (reported with every other) and nothing is written.
pub(super) fn import(file: &Path, list: &Path, inspecteur: Option<&str>) -> Result<()> {
    if fsutil::same_file(file, list) || fsutil::is_inspection_file(list).unwrap_or(false) {
        bail!(
            "'{}' is een onderzoeksbestand, geen dossierlijst; geef een CSV-bestand met een kopregel, bijvoorbeeld nummer;melding_ontvangen",
            list.display()
        );
    }
    let bytes = std::fs::read(list)
        .map_err(|e| anyhow!("dossierlijst {}", fsutil::PathError::read(list, e)))?;
    let text = decode_list(list, bytes)?;
    let (mut store, mut inspection) = open(file)?;
    let (rows, mut problems) = parse_case_list(&text, &inspection.framework.dates);
    let author = Author::decide(&mut inspection, inspecteur)?;

    let mut changes: Vec<Change> = Vec::new();
    // What was written, for the warnings about contradicting dates.
    let mut written: Vec<(usize, &str, DossierData)> = Vec::new();
    let (mut added, mut updated, mut unchanged) = (0usize, 0usize, 0usize);
    for row in &rows {
        match find_dossier(&inspection, file, &row.nummer) {
            Err(message) => problems.push(LineProblem {
                line: row.line,
                message,
            }),
            Ok(None) => {
                let data = row.edit.apply(&DossierData {
                    nummer: row.nummer.clone(),
                    ..DossierData::default()
                });
                let entity = Stamp::now().rev.to_string();
                changes.push(inspection.change(
                    &entity,
                    Record::Dossier(data.clone()),
                    author.id,
                    Stamp::now(),
                ));
                written.push((row.line, &row.nummer, data));
                added += 1;
            }
            Ok(Some(old)) => {
                let data = row.edit.apply(&old.data);
                if changed_fields(&old.data, &data).is_empty() {
                    unchanged += 1;
                    continue;
                }
                changes.push(inspection.change(
                    &old.meta.entity,
                    Record::Dossier(data.clone()),
                    author.id,
                    Stamp::now(),
                ));
                written.push((row.line, &row.nummer, data));
                updated += 1;
            }
        }
    }
    if !problems.is_empty() {
        problems.sort_by_key(|p| p.line);
        let mut message = format!(
            "dossierlijst '{}' is niet ingelezen ({}); er is niets gewijzigd in '{}'. Verbeter de lijst en probeer het opnieuw:",
            list.display(),
            if problems.len() == 1 {
                "1 fout".to_string()
            } else {
                format!("{} fouten", problems.len())
            },
            file.display()
        );
        for p in &problems {
            let _ = write!(message, "\n  - regel {}: {}", p.line, p.message);
        }
        bail!(message);
    }
    let summary = format!(
        "{}, {updated} bijgewerkt, {unchanged} ongewijzigd",
        Kind::Dossier.count_with(added as u64, "nieuw")
    );
    if changes.is_empty() {
        println!(
            "dossierlijst '{}' ingelezen: {summary}; er is niets geschreven",
            list.display()
        );
        return Ok(());
    }
    write(&mut store, &author, &changes)?;
    for (line, nummer, data) in &written {
        warn_date_problems(
            &inspection,
            &format!("regel {line}, dossier {nummer}"),
            data,
        );
    }
    println!(
        "dossierlijst '{}' ingelezen in '{}' door {}: {summary}",
        list.display(),
        file.display(),
        inspection.inspector_name(author.id)
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Option<Date> {
        Some(termijn::parse_date_input(text).unwrap())
    }

    fn lines(problems: &[LineProblem]) -> Vec<usize> {
        problems.iter().map(|p| p.line).collect()
    }

    #[test]
    fn a_good_list_in_excel_style() {
        let text = "\u{feff}Nummer;melding_ontvangen;TRIAGEBESLUIT;selectie;notitie\r\n\
                    VT-1;03-02-2026;2026-02-05;gericht;\"zie \"\"map\"\"; 2\"\r\n\
                    VT-2;;;;\r\n\
                    ;;;;\r\n";
        let (rows, problems) = parse_case_list(text, &DateKind::BUILTIN);
        assert_eq!(problems, []);
        assert_eq!(
            rows,
            [
                CaseRow {
                    line: 2,
                    nummer: "VT-1".into(),
                    edit: DossierEdit {
                        dates: vec![
                            (DateKind::MELDING_ONTVANGEN, date("03-02-2026")),
                            (DateKind::TRIAGEBESLUIT, date("05-02-2026")),
                        ],
                        selectie: Some(Selection::Gericht),
                        notitie: Some("zie \"map\"; 2".into()),
                    },
                },
                CaseRow {
                    line: 3,
                    nummer: "VT-2".into(),
                    edit: DossierEdit::default(),
                },
            ]
        );
    }

    #[test]
    fn every_bad_row_is_reported_with_its_line() {
        let text = "dossiernummer,melding_ontvangen,selectie\n\
                    A,31-02-2026,\n\
                    B,01-02-2026,per ongeluk\n\
                    ,01-02-2026,\n\
                    C,01-02-2026\n\
                    A,01-02-2026,\n\
                    D,01-02-2026,gericht\n";
        let (rows, problems) = parse_case_list(text, &DateKind::BUILTIN);
        assert_eq!(lines(&problems), [2, 3, 4, 5, 6], "{problems:#?}");
        assert!(
            problems[0]
                .message
                .contains("melding_ontvangen: '31-02-2026'")
        );
        assert!(problems[1].message.contains("'per ongeluk'"));
        assert!(problems[2].message.contains("leeg"));
        assert!(
            problems[3]
                .message
                .contains("2 velden, de kopregel heeft er 3")
        );
        assert!(problems[4].message.contains("ook op regel 2"));
        let numbers: Vec<&str> = rows.iter().map(|r| r.nummer.as_str()).collect();
        assert_eq!(numbers, ["A", "B", "D"]);
    }

    #[test]
    fn header_problems() {
        let (_, problems) = parse_case_list(
            "nummer;melding;nummer;;notitie\nA;x;A;;\n",
            &DateKind::BUILTIN,
        );
        assert_eq!(lines(&problems), [1, 1], "{problems:#?}");
        assert!(
            problems[0]
                .message
                .contains("kolom 2 'melding' is onbekend")
        );
        assert!(problems[1].message.contains("kolom 3 'nummer' staat er al"));

        let (_, problems) = parse_case_list("melding_ontvangen\n01-02-2026\n", &DateKind::BUILTIN);
        assert_eq!(lines(&problems), [1]);
        assert!(problems[0].message.contains("geen kolom nummer"));

        let (_, problems) = parse_case_list("\u{feff}\r\n", &DateKind::BUILTIN);
        assert!(problems[0].message.contains("geen kopregel"));

        // An unnamed column is fine while empty.
        let (rows, problems) = parse_case_list("nummer;\nA;\nB;x\n", &DateKind::BUILTIN);
        assert_eq!(lines(&problems), [3]);
        assert!(problems[0].message.contains("kolom 2 heeft geen naam"));
        assert_eq!(
            rows.len(),
            2,
            "rows with problems are kept for the checks against the file"
        );
    }

    #[test]
    fn an_unclosed_quote_is_a_problem_on_its_line() {
        let (_, problems) =
            parse_case_list("nummer;notitie\nA;x\nB;\"open\nC;y\n", &DateKind::BUILTIN);
        assert_eq!(lines(&problems), [3]);
        assert!(problems[0].message.contains("aanhalingsteken"));
    }

    #[test]
    fn an_edit_changes_only_what_it_gives() {
        let old = DossierData {
            nummer: "A".into(),
            selectie: Selection::Gericht,
            notitie: "oud".into(),
            ..DossierData::default()
        };
        let mut with_date = old.clone();
        with_date
            .dates
            .set(DateKind::START_ONDERZOEK, date("01-03-2026"));
        let edit = DossierEdit {
            dates: vec![(DateKind::START_ONDERZOEK, date("01-03-2026"))],
            ..DossierEdit::default()
        };
        assert_eq!(edit.apply(&old), with_date);
        assert_eq!(changed_fields(&old, &edit.apply(&old)), ["start_onderzoek"]);
        assert!(changed_fields(&with_date, &edit.apply(&with_date)).is_empty());
        let clear = DossierEdit {
            dates: vec![(DateKind::START_ONDERZOEK, None)],
            ..DossierEdit::default()
        };
        assert_eq!(clear.apply(&with_date), old);
    }

    #[test]
    fn datum_arguments() {
        assert_eq!(
            parse_datum_arg(&DateKind::BUILTIN, "melding_ontvangen=3-2-2026").unwrap(),
            (DateKind::MELDING_ONTVANGEN, date("03-02-2026"))
        );
        assert_eq!(
            parse_datum_arg(&DateKind::BUILTIN, "triagebesluit=").unwrap(),
            (DateKind::TRIAGEBESLUIT, None)
        );
        let e = parse_datum_arg(&DateKind::BUILTIN, "melding=03-02-2026")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("'melding'") && e.contains("melding_ontvangen"),
            "{e}"
        );
        let e = parse_datum_arg(&DateKind::BUILTIN, "03-02-2026")
            .unwrap_err()
            .to_string();
        assert!(e.contains("SOORT=dd-mm-jjjj"), "{e}");
        let e = parse_datum_arg(&DateKind::BUILTIN, "triagebesluit=32-01-2026")
            .unwrap_err()
            .to_string();
        assert!(e.contains("32-01-2026"), "{e}");
        let twice = [
            "triagebesluit=".to_string(),
            "triagebesluit=01-01-2026".into(),
        ];
        assert!(parse_datum_args(&DateKind::BUILTIN, &twice).is_err());
    }

    #[test]
    fn answers() {
        assert_eq!(parse_answer("JA").unwrap(), CheckAnswer::Ja);
        assert_eq!(parse_answer("n.v.t.").unwrap(), CheckAnswer::Nvt);
        assert_eq!(parse_answer("nvt").unwrap(), CheckAnswer::Nvt);
        assert!(parse_answer("open").is_err());
        assert!(parse_answer("misschien").is_err());
    }
}
