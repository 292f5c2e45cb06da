//! clap in Dutch: the help (headings, `-h`/`-V`, `[OPTIES]`) and every parse error, so none of
//! clap's English ("error: unexpected argument", "Usage:", "For more information, try
//! '--help'") reaches a user.
//!
//! The help is clap's own, rendered with a Dutch template and Dutch headings. A parse error is
//! rebuilt from its [`ErrorKind`] and context (the argument, the value, clap's suggestion): one
//! `fout:` line saying what is wrong and what to do, then the usage of the command and where to
//! read more. Exit codes are clap's: 0 for `--help` and `--version`, 2 for a usage error.

use std::ffi::OsString;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command, CommandFactory, FromArgMatches};

use super::args::Cli;

/// What parsing the command line ended in, when it is not a command to run.
#[derive(Debug)]
pub struct Exit {
    /// Printed on standard output (help, version) instead of standard error (an error).
    pub stdout: bool,
    pub text: String,
    /// 0 for help and version, 2 for a usage error (clap's convention).
    pub code: u8,
}

/// The command line definition with Dutch help text.
pub fn command() -> Command {
    dutch(Cli::command(), true)
}

/// Parses `args` (the program name first) into the commands, or the help, the version or a
/// Dutch error to print.
pub fn parse_from<I, T>(args: I) -> Result<Cli, Exit>
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let args: Vec<OsString> = args.into_iter().map(Into::into).collect();
    let mut cmd = command();
    let matches = match cmd.try_get_matches_from_mut(&args) {
        Ok(m) => m,
        Err(e) => return Err(exit(&e, &mut cmd, &args)),
    };
    Cli::from_arg_matches(&matches).map_err(|e| exit(&e, &mut cmd, &args))
}

const TEMPLATE: &str =
    "{before-help}{about-with-newline}\nGebruik: {usage}\n\n{all-args}{after-help}";
const OPTIONS: &str = "Opties";
const ARGUMENTS: &str = "Argumenten";

fn dutch(cmd: Command, top: bool) -> Command {
    let mut cmd = cmd
        .help_template(TEMPLATE)
        .subcommand_help_heading("Opdrachten")
        .subcommand_value_name("OPDRACHT")
        .disable_help_flag(true)
        .mut_args(|a| {
            let heading = if a.is_positional() {
                ARGUMENTS
            } else {
                OPTIONS
            };
            a.help_heading(heading)
        })
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help("Toont deze uitleg")
                .help_heading(OPTIONS),
        );
    if top {
        cmd = cmd.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("Toont het versienummer")
                .help_heading(OPTIONS),
        );
    }
    cmd.mut_subcommands(|sub| dutch(sub, false))
}

/// clap's remaining English in a rendered help or usage.
fn polish(text: &str) -> String {
    text.replace("[OPTIONS]", "[OPTIES]")
}

fn exit(error: &clap::Error, cmd: &mut Command, args: &[OsString]) -> Exit {
    match error.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => Exit {
            stdout: true,
            text: polish(&error.render().to_string()),
            code: 0,
        },
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => Exit {
            stdout: false,
            text: polish(&error.render().to_string()),
            code: 2,
        },
        _ => Exit {
            stdout: false,
            text: error_text(error, cmd, args),
            code: 2,
        },
    }
}

/// The subcommand named on the command line, if any (`new` in `veldtoets new …`).
fn subcommand_name(cmd: &Command, args: &[OsString]) -> Option<String> {
    let first = args.get(1)?.to_str()?;
    cmd.find_subcommand(first).map(|s| s.get_name().to_string())
}

fn string(error: &clap::Error, kind: ContextKind) -> Option<String> {
    match error.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        // Suggestions come least similar first: the last is the best guess.
        ContextValue::Strings(v) => v.last().cloned(),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        _ => None,
    }
}

fn strings(error: &clap::Error, kind: ContextKind) -> Vec<String> {
    match error.get(kind) {
        Some(ContextValue::String(s)) => vec![s.clone()],
        Some(ContextValue::Strings(v)) => v.clone(),
        Some(ContextValue::StyledStr(s)) => vec![s.to_string()],
        Some(ContextValue::StyledStrs(v)) => v.iter().map(ToString::to_string).collect(),
        _ => Vec::new(),
    }
}

/// `a`, `a en b`, `a, b en c`.
fn list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} en {last}", rest.join(", ")),
    }
}

/// An argument as clap names it (`--kader <ID|PAD>`, `<BESTAND>`, a group
/// `<--json <UIT>|--pdf <UIT.pdf>>`) as a user reads it.
fn arg_text(arg: &str) -> String {
    if let Some(inner) = arg.strip_prefix("<-").and_then(|a| a.strip_suffix('>')) {
        return format!("-{inner}")
            .split('|')
            .collect::<Vec<_>>()
            .join(" of ");
    }
    arg.to_string()
}

/// The option itself without its value placeholder: `--kader <ID|PAD>` → `--kader`.
fn flag(arg: &str) -> &str {
    arg.split([' ', '=']).next().unwrap_or(arg)
}

fn error_text(error: &clap::Error, cmd: &mut Command, args: &[OsString]) -> String {
    let sub = subcommand_name(cmd, args);
    let program = cmd.get_name().to_string();
    let full = match &sub {
        Some(s) => format!("{program} {s}"),
        None => program.clone(),
    };
    let invalid_arg = string(error, ContextKind::InvalidArg).unwrap_or_default();
    let invalid_value = string(error, ContextKind::InvalidValue).unwrap_or_default();
    let suggestion = |kind| {
        string(error, kind)
            .map(|s| format!("; bedoelt u '{s}'?"))
            .unwrap_or_default()
    };
    let mut show_usage = true;
    let message = match error.kind() {
        ErrorKind::InvalidSubcommand => {
            show_usage = false;
            let name = string(error, ContextKind::InvalidSubcommand).unwrap_or_default();
            let names: Vec<String> = cmd
                .get_subcommands()
                .map(|s| s.get_name().to_string())
                .collect();
            let guess = string(error, ContextKind::SuggestedSubcommand)
                .map_or_else(|| ".".to_string(), |s| format!("; bedoelt u '{s}'?"));
            format!(
                "onbekende opdracht '{name}'{guess} De opdrachten zijn: {}; een bestand openen in het venster gaat met '{program} open BESTAND'",
                names.join(", ")
            )
        }
        ErrorKind::UnknownArgument if invalid_arg.starts_with('-') => {
            let mut text = format!(
                "onbekende optie '{invalid_arg}' bij '{full}'{}",
                suggestion(ContextKind::SuggestedArg)
            );
            if error.get(ContextKind::TrailingArg).is_some() {
                text.push_str(&format!(
                    "; is '{invalid_arg}' een waarde (zoals een naam die met - begint), zet dan -- ervoor"
                ));
            }
            text
        }
        ErrorKind::UnknownArgument => format!(
            "'{invalid_arg}' is een argument te veel voor '{full}'; zet een naam met spaties tussen aanhalingstekens"
        ),
        ErrorKind::MissingRequiredArgument => {
            let missing: Vec<String> = strings(error, ContextKind::InvalidArg)
                .iter()
                .map(|a| arg_text(a))
                .collect();
            let verb = if missing.len() == 1 {
                "ontbreekt"
            } else {
                "ontbreken"
            };
            format!("'{full}' is niet compleet: {} {verb}", list(&missing))
        }
        ErrorKind::InvalidValue if invalid_value.is_empty() => {
            let placeholder = invalid_arg
                .split_once(' ')
                .map(|(_, p)| format!(" ({p})"))
                .unwrap_or_default();
            format!(
                "bij {} hoort een waarde{placeholder}; zet die direct erachter",
                flag(&invalid_arg)
            )
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            let valid = strings(error, ContextKind::ValidValue);
            let choose = if valid.is_empty() {
                String::new()
            } else {
                format!("; kies uit {}", list(&valid))
            };
            format!(
                "ongeldige waarde '{invalid_value}' bij {}{choose}",
                flag(&invalid_arg)
            )
        }
        ErrorKind::ArgumentConflict => {
            let prior = strings(error, ContextKind::PriorArg);
            if prior.is_empty() || prior.first() == Some(&invalid_arg) {
                format!(
                    "{} staat er meer dan eens; geef het één keer",
                    flag(&invalid_arg)
                )
            } else {
                let prior: Vec<String> = prior.iter().map(|p| flag(p).to_string()).collect();
                format!(
                    "{} kan niet samen met {}; kies één van beide",
                    flag(&invalid_arg),
                    list(&prior)
                )
            }
        }
        ErrorKind::NoEquals => format!(
            "geef de waarde van {0} met een =, zoals {0}=…",
            flag(&invalid_arg)
        ),
        ErrorKind::TooManyValues => format!(
            "'{invalid_value}' is een waarde te veel bij {}; geef er één",
            flag(&invalid_arg)
        ),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => format!(
            "bij {} horen meer waarden; zie '{full} --help'",
            flag(&invalid_arg)
        ),
        ErrorKind::MissingSubcommand => format!("bij '{full}' hoort een opdracht"),
        ErrorKind::InvalidUtf8 => {
            "een argument bevat tekens die geen geldige tekst (UTF-8) zijn; gebruik een naam met gewone tekens".to_string()
        }
        _ => "de opdrachtregel kan niet worden gelezen; controleer de opdracht".to_string(),
    };
    let mut text = format!("fout: {message}\n");
    if show_usage {
        let usage = usage(cmd, sub.as_deref());
        text.push_str(&format!("Gebruik: {usage}\n"));
    }
    text.push_str(&format!("Meer uitleg: {full} --help\n"));
    text
}

/// The usage line of the command (or subcommand `sub`), without clap's "Usage:" heading.
fn usage(cmd: &mut Command, sub: Option<&str>) -> String {
    let program = cmd.get_name().to_string();
    let rendered = match sub.and_then(|name| cmd.find_subcommand_mut(name)) {
        Some(target) => target.render_usage(),
        None => cmd.render_usage(),
    }
    .to_string();
    let line = rendered
        .trim()
        .strip_prefix("Usage:")
        .unwrap_or(rendered.trim())
        .trim()
        .to_string();
    let line = if line.starts_with(&program) {
        line
    } else {
        format!("{program} {line}")
    };
    polish(&line)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(args: &[&str]) -> Exit {
        let mut all = vec!["veldtoets"];
        all.extend_from_slice(args);
        parse_from(all).expect_err("a usage error")
    }

    const ENGLISH: [&str; 7] = [
        "error:",
        "Usage:",
        "For more information",
        "unexpected",
        "required",
        "[OPTIONS]",
        "tip:",
    ];

    #[track_caller]
    fn dutch(e: &Exit) {
        for word in ENGLISH {
            assert!(!e.text.contains(word), "{word:?} in {}", e.text);
        }
    }

    #[test]
    fn usage_errors_are_dutch_and_name_the_argument() {
        let e = err(&[
            "new",
            "x.veldtoets",
            "--kader",
            "k",
            "--organisatie",
            "o",
            "--onzin",
        ]);
        assert_eq!((e.code, e.stdout), (2, false));
        assert!(e.text.contains("'--onzin'"), "{}", e.text);
        assert!(e.text.contains("Gebruik: veldtoets new"), "{}", e.text);
        dutch(&e);

        let e = err(&["new"]);
        for part in ["--kader", "--organisatie", "<BESTAND>", "ontbreken"] {
            assert!(e.text.contains(part), "{part:?} in {}", e.text);
        }
        dutch(&e);

        let e = err(&["score", "--kader"]);
        assert!(
            e.text.contains("bij --kader hoort een waarde"),
            "{}",
            e.text
        );
        dutch(&e);

        let e = err(&["scroe"]);
        assert!(
            e.text.contains("'scroe'") && e.text.contains("'score'"),
            "{}",
            e.text
        );
        dutch(&e);

        let e = err(&["overzicht", "a.veldtoets"]);
        assert!(e.text.contains("--json <UIT> of --pdf"), "{}", e.text);
        dutch(&e);

        let e = err(&["check", "a", "b"]);
        assert!(e.text.contains("'b'"), "{}", e.text);
        dutch(&e);
    }

    #[test]
    fn help_and_version_go_to_stdout_with_exit_code_0() {
        let e = err(&["--help"]);
        assert_eq!((e.code, e.stdout), (0, true));
        for part in [
            "Gebruik: veldtoets",
            "Opdrachten:",
            "Opties:",
            "Toont deze uitleg",
        ] {
            assert!(e.text.contains(part), "{part:?} in {}", e.text);
        }
        dutch(&e);
        let e = err(&["new", "-h"]);
        for part in [
            "Gebruik: veldtoets new",
            "Argumenten:",
            "<BESTAND>",
            "--kader",
        ] {
            assert!(e.text.contains(part), "{part:?} in {}", e.text);
        }
        dutch(&e);
        let e = err(&["--version"]);
        assert_eq!((e.code, e.stdout), (0, true));
        assert!(e.text.starts_with("veldtoets "), "{}", e.text);
    }

    #[test]
    fn commands_still_parse() {
        let cli = parse_from(["veldtoets", "kaders", "--json"]).expect("parses");
        assert!(matches!(
            cli.command,
            Some(super::super::args::Command::Kaders { json: true })
        ));
        command().debug_assert();
    }
}
