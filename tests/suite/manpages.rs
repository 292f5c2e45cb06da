//! The man pages of the Debian package, `packaging/linux/man/veldtoets.1` and
//! `veldtoets-desktop.1`, are generated here and compared with the committed files, so they
//! cannot drift from the real command line: a changed command, argument or help text fails this
//! test until the pages are regenerated with
//!
//! ```sh
//! UPDATE_SNAPSHOTS=1 cargo test --test suite manpages::
//! ```
//!
//! (then review the diff). `veldtoets.1` is made with clap_mangen from `veldtoets::cli::command()`,
//! the same Dutch definition that `--help` prints: the page header, synopsis, description and
//! option lists of the program and of every subcommand are clap_mangen's, put together under
//! Dutch section headings; only the linking paragraphs and the exit status are written here.
//! `veldtoets-desktop.1` describes the launcher script `packaging/linux/veldtoets-desktop`,
//! which has no clap definition: its page is written here, and the test checks the script still
//! does what the page says.
//!
//! The date and version on both pages are those of the newest entry of the Debian changelog
//! (`packaging/linux/changelog`, installed as `changelog.Debian.gz`), which is checked against
//! Cargo.toml: version and package revision, maintainer, and the `[package.metadata.deb]`
//! entries that install the changelog and the pages.

use crate::common;

use std::path::{Path, PathBuf};

use clap::Command;
use clap_mangen::Man;
use clap_mangen::roff::{Inline, Roff, bold, italic, roman};

/// What roff writes before every rendered piece; kept once, at the top of a page.
const PREAMBLE: &str = ".ie \\n(.g .ds Aq \\(aq\n.el .ds Aq '\n";

/// The manual a page belongs to (the centre of the page header).
const MANUAL: &str = "veldtoets";

/// The subcommands' argument headings (from `clap_nl`), as clap_mangen renders them (`.SH`
/// upper case), and as they are shown inside a subcommand's section.
const ARG_HEADINGS: [(&str, &str); 2] = [("ARGUMENTEN", "Argumenten:"), ("OPTIES", "Opties:")];

/// English that clap_mangen writes and that must not reach the pages.
const ENGLISH: [&str; 10] = [
    ".SH NAME",
    "SYNOPSIS",
    "DESCRIPTION",
    ".SH OPTIONS",
    "SUBCOMMANDS",
    ".SH VERSION",
    "[default:",
    "Possible values",
    "[OPTIONS]",
    "May also be specified",
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// One piece of roff rendered into memory, without roff's preamble.
fn piece(render: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>) -> String {
    let mut out = Vec::new();
    render(&mut out).expect("rendering into memory");
    let text = String::from_utf8(out).expect("roff is UTF-8");
    match text.strip_prefix(PREAMBLE) {
        Some(body) => body.to_string(),
        None => panic!("roff no longer starts with the expected preamble: {text:?}"),
    }
}

/// Hand-written roff built with the roff crate (so text is escaped as clap_mangen escapes it).
fn written(build: impl FnOnce(&mut Roff)) -> String {
    let mut roff = Roff::new();
    build(&mut roff);
    piece(|w| roff.to_writer(w))
}

/// A section heading line (`.SH "ZIE OOK"`).
fn heading(title: &str) -> String {
    written(|r| {
        r.control("SH", [title]);
    })
}

/// `rendered` without its first line, clap_mangen's heading `.SH {english}`.
fn body<'a>(rendered: &'a str, english: &str) -> &'a str {
    let first = format!(".SH {english}\n");
    rendered.strip_prefix(&first).unwrap_or_else(|| {
        panic!("clap_mangen no longer starts this section with {first:?}: {rendered:?}")
    })
}

/// A reference to another page: **name**(1).
fn page_ref(name: &str) -> [Inline; 2] {
    [bold(name), roman("(1)")]
}

/// The date (YYYY-MM-DD) and the Debian version of the newest changelog entry.
struct Release {
    date: String,
    version: String,
}

fn changelog_path() -> PathBuf {
    root().join("packaging/linux/changelog")
}

fn release() -> Release {
    let text = read(&changelog_path());
    let first = text.lines().next().expect("changelog is empty");
    let version = first
        .strip_prefix("veldtoets (")
        .and_then(|rest| rest.split_once(')'))
        .map(|(version, _)| version.to_string())
        .unwrap_or_else(|| panic!("first changelog line is not `veldtoets (VERSION) …`: {first}"));
    let trailer = text
        .lines()
        .find(|l| l.starts_with(" -- "))
        .expect("changelog entry without its ` -- maintainer  date` line");
    let (_, date) = trailer
        .split_once(">  ")
        .unwrap_or_else(|| panic!("trailer without `>  date`: {trailer}"));
    let date = jiff::fmt::rfc2822::parse(date)
        .unwrap_or_else(|e| panic!("changelog date {date:?} is not RFC 2822: {e}"));
    Release {
        date: date.date().to_string(),
        version,
    }
}

fn upstream_version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

/// A page's `.TH` header and the preamble before it; no hyphenation (groff would break Dutch
/// words and the synopses by English patterns) and so no justification either (it would leave
/// wide gaps).
fn header(man: &Man) -> String {
    let title = piece(|w| man.render_title(w));
    format!(
        "{PREAMBLE}{title}{}",
        written(|r| {
            r.control("nh", []);
            r.control("ad", ["l"]);
        })
    )
}

fn man(cmd: Command, title: &str, release: &Release) -> Man {
    Man::new(cmd)
        .title(title)
        .section("1")
        .date(release.date.clone())
        .source(format!("veldtoets {}", upstream_version()))
        .manual(MANUAL)
}

/// Replaces what clap_mangen still writes in English inside option lists (an empty default as
/// `--help` shows it), and drops the spaces it leaves at the end of a synopsis.
fn dutch(text: String) -> String {
    let text = text
        .replace("[default: ]", "[standaard: \"\"]")
        .replace("[default: ", "[standaard: ")
        .replace("Possible values:", "Mogelijke waarden:");
    text.lines()
        .map(|l| format!("{}\n", l.trim_end()))
        .collect()
}

/// One subcommand: its synopsis, description and argument lists as clap_mangen renders them,
/// as a `.SS` subsection (the option headings become lines inside it).
fn subcommand(sub: &Command) -> String {
    let full = format!("veldtoets {}", sub.get_name());
    // Every subcommand has -h/--help; the page says so once instead of in every list.
    let cmd = sub
        .clone()
        .bin_name(full.clone())
        .mut_arg("help", |a| a.hide(true));
    let man = Man::new(cmd);
    let mut out = written(|r| {
        r.control("SS", [full.as_str()]);
    });
    out += body(&piece(|w| man.render_synopsis_section(w)), "SYNOPSIS");
    let description = piece(|w| man.render_description_section(w));
    let description = body(&description, "DESCRIPTION");
    if !description.is_empty() {
        out += ".PP\n";
        out += description;
    }
    let options = piece(|w| man.render_options_section(w));
    for line in options.lines() {
        match line.strip_prefix(".SH ") {
            Some(heading) => {
                let (_, shown) = ARG_HEADINGS
                    .iter()
                    .find(|(rendered, _)| *rendered == heading)
                    .unwrap_or_else(|| {
                        panic!("argument heading {heading:?} of {full} is not in ARG_HEADINGS")
                    });
                out += &written(|r| {
                    r.control("PP", []);
                    r.text([italic(*shown)]);
                });
            }
            None => {
                out += line;
                out += "\n";
            }
        }
    }
    out
}

/// `veldtoets.1`: the program, every subcommand, the exit status.
fn veldtoets_page(release: &Release) -> String {
    let mut cmd = veldtoets::cli::command();
    cmd.build();
    let about = cmd.get_about().expect("veldtoets has an about").to_string();
    let summary = about
        .lines()
        .next()
        .expect("about has a first line")
        .to_string();
    let man = man(cmd.clone(), "VELDTOETS", release);

    let mut page = header(&man);
    page += &written(|r| {
        r.control("SH", ["NAAM"]);
        r.text([roman(format!("veldtoets - {summary}"))]);
    });
    page += &heading("OVERZICHT");
    page += body(&piece(|w| man.render_synopsis_section(w)), "SYNOPSIS");
    page += &heading("BESCHRIJVING");
    page += body(&piece(|w| man.render_description_section(w)), "DESCRIPTION");
    page += &written(|r| {
        r.control("PP", []);
        r.text([
            roman("Elke opdracht hieronder toont met "),
            bold("-h"),
            roman(" of "),
            bold("--help"),
            roman(" dezelfde uitleg als deze pagina. Gaat er iets mis, dan staat de reden in één regel die begint met "),
            bold("fout:"),
            roman(" op de standaardfoutuitvoer."),
        ]);
        r.control("PP", []);
        let [name, section] = page_ref("veldtoets-desktop");
        r.text([
            roman("Het menu-item en een dubbelklik op een .veldtoets-bestand starten het venster via "),
            name,
            section,
            roman("."),
        ]);
    });
    let options = piece(|w| man.render_options_section(w));
    assert!(
        options.starts_with(".SH OPTIES\n"),
        "the program's options are no longer under the heading Opties: {options:?}"
    );
    page += &options;

    page += &heading("OPDRACHTEN");
    let mut subs: Vec<&Command> = cmd.get_subcommands().filter(|s| !s.is_hide_set()).collect();
    // The order of `--help` (clap_mangen sorts the same way for its own list).
    subs.sort_by_key(|s| s.get_display_order());
    for sub in subs {
        page += &subcommand(sub);
    }

    page += &written(|r| {
        r.control("SH", ["AFSLUITSTATUS"]);
        r.control("TP", []);
        r.text([bold("0")]);
        r.text([
            roman("Gelukt; ook na "),
            bold("--help"),
            roman(" en "),
            bold("--version"),
            roman("."),
        ]);
        r.control("TP", []);
        r.text([bold("1")]);
        r.text([
            roman("De opdracht is mislukt; de reden staat in de regel "),
            bold("fout:"),
            roman(" op de standaardfoutuitvoer."),
        ]);
        r.control("TP", []);
        r.text([bold("2")]);
        r.text([roman("De opdrachtregel klopt niet (een onbekende opdracht of optie, een ontbrekend argument); de regel "), bold("fout:"), roman(" zegt wat er mis is, gevolgd door het gebruik van de opdracht.")]);
    });
    page += &heading("VERSIE");
    page += body(&piece(|w| man.render_version_section(w)), "VERSION");
    page += &written(|r| {
        r.control("SH", ["ZIE OOK"]);
        r.text(page_ref("veldtoets-desktop"));
    });
    dutch(page)
}

/// The launcher the desktop entry runs (`Exec=veldtoets-desktop %f`): a shell script without
/// options, so its command here only gives the page header, the name and the version.
fn desktop_command() -> Command {
    Command::new("veldtoets-desktop")
        .version(upstream_version())
        .about("Opent veldtoets vanuit het bureaublad: het startscherm of onderzoeksbestanden")
        .disable_help_flag(true)
        .disable_version_flag(true)
}

fn desktop_page(release: &Release) -> String {
    let mut cmd = desktop_command();
    cmd.build();
    let about = cmd.get_about().expect("about").to_string();
    let man = man(cmd, "VELDTOETS-DESKTOP", release);
    let mut page = header(&man);
    page += &written(|r| {
        r.control("SH", ["NAAM"]);
        r.text([roman(format!("veldtoets-desktop - {about}"))]);
    });
    page += &written(|r| {
        let [veldtoets, one] = page_ref("veldtoets");
        r.control("SH", ["OVERZICHT"]);
        r.text([
            bold("veldtoets-desktop"),
            roman(" ["),
            italic("BESTAND"),
            roman("]..."),
        ]);
        r.control("SH", ["BESCHRIJVING"]);
        r.text([
            bold("veldtoets-desktop"),
            roman(" is wat het menu-item van veldtoets en een dubbelklik op een .veldtoets-bestand starten. Een bureaublad geeft het gekozen bestand als enige argument mee, of niets; de opdrachtregel van "),
            veldtoets,
            one,
            roman(" opent een bestand alleen met de opdracht "),
            bold("open"),
            roman(". Daarom:"),
        ]);
        r.control("TP", []);
        r.text([roman("zonder argument")]);
        r.text([bold("veldtoets"), roman(": het startscherm;")]);
        r.control("TP", []);
        r.text([roman("één "), italic("BESTAND")]);
        r.text([
            bold("veldtoets open -- "),
            italic("BESTAND"),
            roman(": het onderzoek in het venster;"),
        ]);
        r.control("TP", []);
        r.text([roman("meer bestanden")]);
        r.text([roman("een venster per bestand.")]);
        r.control("PP", []);
        r.text([
            roman("Weigert veldtoets een bestand (geen veldtoets-bestand, beschadigd, of gemaakt door een nieuwere versie), dan stopt het met één regel "),
            bold("fout:"),
            roman(" op de standaardfoutuitvoer, voordat er een venster opent. Die melding toont veldtoets-desktop ook in een dialoogvenster, met "),
            bold("zenity"),
            roman(", "),
            bold("kdialog"),
            roman(", "),
            bold("notify-send"),
            roman(" of "),
            bold("xmessage"),
            roman(" (wat er is geïnstalleerd), en geeft haar door op de standaardfoutuitvoer."),
        ]);
        r.control("PP", []);
        r.text([roman(
            "veldtoets-desktop kent geen opties: elk argument is een bestand.",
        )]);
        r.control("SH", ["AFSLUITSTATUS"]);
        r.text([roman(
            "Met geen of één bestand die van veldtoets; met meer bestanden 0.",
        )]);
    });
    page += &heading("VERSIE");
    page += body(&piece(|w| man.render_version_section(w)), "VERSION");
    page += &written(|r| {
        r.control("SH", ["ZIE OOK"]);
        r.text(page_ref("veldtoets"));
    });
    dutch(page)
}

fn man_dir() -> PathBuf {
    root().join("packaging/linux/man")
}

/// Compares a page with the committed file, or rewrites it with `UPDATE_SNAPSHOTS=1`.
fn check_page(name: &str, actual: &str) {
    common::check_text_snapshot(&man_dir().join(name), actual, "manpages");
}

#[track_caller]
fn assert_dutch(name: &str, page: &str) {
    for word in ENGLISH {
        assert!(!page.contains(word), "{word:?} in {name}");
    }
}

#[test]
fn veldtoets_page_is_generated_from_the_command_line() {
    let page = veldtoets_page(&release());
    check_page("veldtoets.1", &page);
}

#[test]
fn desktop_page_is_up_to_date() {
    let page = desktop_page(&release());
    check_page("veldtoets-desktop.1", &page);
}

/// Every subcommand has its section, with every one of its arguments and its help text; the
/// headings are Dutch.
#[test]
fn veldtoets_page_covers_every_command_and_argument() {
    let page = veldtoets_page(&release());
    assert_dutch("veldtoets.1", &page);
    for section in [
        ".SH NAAM\nveldtoets \\- ",
        ".SH OVERZICHT\n",
        ".SH BESCHRIJVING\n",
        ".SH OPTIES\n",
        ".SH OPDRACHTEN\n",
        ".SH AFSLUITSTATUS\n",
        ".SH VERSIE\n",
        ".SH \"ZIE OOK\"\n",
    ] {
        assert!(page.contains(section), "{section:?} missing");
    }
    let escape = |s: &str| s.replace('\\', "\\\\").replace('-', "\\-");
    let mut cmd = veldtoets::cli::command();
    cmd.build();
    let mut count = 0;
    for sub in cmd.get_subcommands() {
        count += 1;
        let start = page
            .find(&format!(".SS \"veldtoets {}\"\n", sub.get_name()))
            .unwrap_or_else(|| panic!("no section for `veldtoets {}`", sub.get_name()));
        let end = page[start + 1..]
            .find("\n.S")
            .map_or(page.len(), |i| start + 1 + i);
        let section = &page[start..end];
        let about = sub
            .get_about()
            .expect("every command has an about")
            .to_string();
        assert!(
            section.contains(&escape(&about)),
            "`veldtoets {}`: its description is missing",
            sub.get_name()
        );
        for arg in sub.get_arguments().filter(|a| a.get_id() != "help") {
            let name = match arg.get_long() {
                Some(long) => format!("\\fB\\-\\-{}\\fR", escape(long)),
                None => format!(
                    "\\fI{}\\fR",
                    escape(&arg.get_value_names().expect("named")[0])
                ),
            };
            assert!(
                section.contains(&name),
                "`veldtoets {}`: {name} missing",
                sub.get_name()
            );
            let help = arg
                .get_help()
                .expect("every argument has a help")
                .to_string();
            assert!(
                section.contains(&escape(&help).replace('\'', "\\*(Aq")),
                "`veldtoets {}`: the help of {name} is missing",
                sub.get_name()
            );
        }
    }
    assert_eq!(
        page.matches(".SS ").count(),
        count,
        "one section per command"
    );
    assert!(count >= 20, "only {count} commands");
}

/// The desktop page describes what the launcher script does; when the script changes, so must
/// the page.
#[test]
fn desktop_page_matches_the_launcher() {
    let page = desktop_page(&release());
    assert_dutch("veldtoets-desktop.1", &page);
    assert!(
        page.contains(".SH NAAM\nveldtoets\\-desktop \\- "),
        "{page}"
    );
    let script = read(&root().join("packaging/linux/veldtoets-desktop"));
    for (does, says) in [
        ("exec veldtoets\n", "\\fBveldtoets\\fR: het startscherm"),
        (
            "veldtoets open -- \"$1\"",
            "\\fBveldtoets open \\-\\- \\fR\\fIBESTAND\\fR",
        ),
        ("for file in \"$@\"", "een venster per bestand"),
        ("grep '^fout:'", "\\fBfout:\\fR"),
        ("command -v zenity", "\\fBzenity\\fR"),
        ("command -v kdialog", "\\fBkdialog\\fR"),
        ("command -v notify-send", "\\fBnotify\\-send\\fR"),
        ("command -v xmessage", "\\fBxmessage\\fR"),
    ] {
        assert!(
            script.contains(does),
            "the launcher no longer does {does:?}; update its man page"
        );
        assert!(page.contains(says), "the page no longer says {says:?}");
    }
    let cli = veldtoets::cli::command();
    assert!(
        cli.find_subcommand("open").is_some(),
        "the page names `veldtoets open`"
    );
    let entry = read(&root().join("packaging/linux/veldtoets.desktop"));
    assert!(
        entry.contains("\nExec=veldtoets-desktop %f\n"),
        "the desktop entry runs the launcher"
    );
}

/// The changelog's newest entry is this version, by the package's maintainer, and the package
/// installs it, both pages and the lintian overrides.
#[test]
fn changelog_and_pages_are_in_the_package() {
    let manifest: toml::Table = toml::from_str(&read(&root().join("Cargo.toml"))).expect("toml");
    let deb = manifest["package"]["metadata"]["deb"]
        .as_table()
        .expect("[package.metadata.deb]");
    let revision = deb.get("revision").and_then(|r| r.as_str()).unwrap_or("1");
    let release = release();
    assert_eq!(
        release.version,
        format!("{}-{revision}", upstream_version()),
        "the newest entry of packaging/linux/changelog is not this version: add one"
    );
    let maintainer = deb["maintainer"].as_str().expect("maintainer");
    let changelog = read(&changelog_path());
    assert!(
        changelog.contains(&format!("\n -- {maintainer}  ")),
        "the changelog entry is not signed by the maintainer {maintainer}"
    );
    assert_eq!(deb["changelog"].as_str(), Some("packaging/linux/changelog"));

    let assets: Vec<(String, String)> = deb["assets"]
        .as_array()
        .expect("assets")
        .iter()
        .map(|a| {
            let a = a.as_array().expect("asset triple");
            (
                a[0].as_str().expect("source").to_string(),
                a[1].as_str().expect("target").to_string(),
            )
        })
        .collect();
    // The override of initial-upload-closes-no-bugs (no ITP bug: the package is not uploaded to
    // the Debian archive) is only true of a first entry.
    let overrides = read(&root().join("packaging/linux/lintian-overrides"));
    let entries = changelog
        .lines()
        .filter(|l| l.starts_with("veldtoets ("))
        .count();
    if overrides.contains("initial-upload-closes-no-bugs") {
        assert_eq!(
            entries, 1,
            "the changelog has more than one entry: remove the initial-upload-closes-no-bugs override"
        );
    }
    assert!(
        assets.contains(&(
            "packaging/linux/lintian-overrides".to_string(),
            "usr/share/lintian/overrides/veldtoets".to_string()
        )),
        "the lintian overrides are not installed"
    );
    for page in ["veldtoets.1", "veldtoets-desktop.1"] {
        let source = format!("packaging/linux/man/{page}");
        assert!(
            assets.contains(&(source.clone(), "usr/share/man/man1/".to_string())),
            "{source} is not installed in usr/share/man/man1/"
        );
        assert!(root().join(&source).is_file(), "{source} missing");
    }
}
