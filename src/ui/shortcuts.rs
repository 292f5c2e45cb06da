//! Every keyboard shortcut of the app, in one table: the overview of sneltoetsen ("?" or
//! Shift+F1, and the "Sneltoetsen" button) is drawn from [`groups`], and the handlers take
//! their keys from the same constants ([`Combo`]s such as [`NEXT`] or [`TO_OORDEEL`]) where
//! that is practical. The screen keys F1–F8 come from [`Screen::key`], which the app's handler
//! uses too.
//!
//! The tests below read the sources of `src/ui/` and fail when a key is handled anywhere (a
//! `Key::…` in the code, or a key with its modifiers in `consume_key(…)`) that the overview does
//! not list, so the overview cannot go stale silently.
//!
//! A leaf like `types`: it imports no other module of `ui` but `types`.

use eframe::egui::{self, Key, KeyboardShortcut, Modifiers};

use super::types::Screen;

/// One key with its modifiers, as the overview shows it and a handler takes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Combo {
    pub modifiers: Modifiers,
    pub key: Key,
}

impl Combo {
    pub const fn new(modifiers: Modifiers, key: Key) -> Combo {
        Combo { modifiers, key }
    }

    /// A key without modifiers.
    pub const fn key(key: Key) -> Combo {
        Combo::new(Modifiers::NONE, key)
    }

    pub const fn shortcut(self) -> KeyboardShortcut {
        KeyboardShortcut::new(self.modifiers, self.key)
    }

    /// Takes a press of this combination from the input (see `InputState::consume_key`: an
    /// extra Shift or Alt is ignored, so check the combinations with those first).
    pub fn consume(self, input: &mut egui::InputState) -> bool {
        input.consume_key(self.modifiers, self.key)
    }

    /// Takes the presses of exactly this combination from the input (an extra Shift or Alt is
    /// another combination: Alt+Rechts is not Rechts) and says how many there were this frame.
    pub fn take_exact(self, input: &mut egui::InputState) -> usize {
        let mut taken = 0;
        input.events.retain(|event| match event {
            egui::Event::Key {
                key,
                pressed: true,
                modifiers,
                ..
            } if *key == self.key && modifiers.matches_exact(self.modifiers) => {
                taken += 1;
                false
            }
            _ => true,
        });
        taken
    }

    /// "Ctrl+Shift+F", "Alt+Omhoog", "?".
    pub fn text(self) -> String {
        let m = self.modifiers;
        let mut parts: Vec<&str> = Vec::new();
        if m.ctrl || m.command || m.mac_cmd {
            parts.push("Ctrl");
        }
        if m.alt {
            parts.push("Alt");
        }
        if m.shift {
            parts.push("Shift");
        }
        let key = key_name(self.key);
        parts.push(&key);
        parts.join("+")
    }

    /// Whether `self` and `other` are the same keys (Ctrl and the command key are one).
    fn same(self, other: Combo) -> bool {
        let norm = |m: Modifiers| (m.ctrl || m.command || m.mac_cmd, m.alt, m.shift);
        self.key == other.key && norm(self.modifiers) == norm(other.modifiers)
    }
}

/// A key's name in Dutch, as on the keyboard or in the app's buttons ("Alt+Links").
pub fn key_name(key: Key) -> String {
    match key {
        Key::ArrowUp => "Omhoog".into(),
        Key::ArrowDown => "Omlaag".into(),
        Key::ArrowLeft => "Links".into(),
        Key::ArrowRight => "Rechts".into(),
        Key::PageUp => "Page Up".into(),
        Key::PageDown => "Page Down".into(),
        Key::Escape => "Esc".into(),
        Key::Space => "Spatie".into(),
        Key::Questionmark => "?".into(),
        other => other.name().to_string(),
    }
}

// The keys the handlers use. Everywhere.
/// Opens (or closes) the overview of sneltoetsen, when no text field has the focus.
pub const HELP: Combo = Combo::key(Key::Questionmark);
/// Opens (or closes) the overview of sneltoetsen, also from a text field.
pub const HELP_F1: Combo = Combo::new(Modifiers::SHIFT, Key::F1);
/// Log a flitsinterview, from any screen.
pub const FLASH: Combo = Combo::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::F);
pub const ESCAPE: Combo = Combo::key(Key::Escape);
// The start screen.
pub const NEW: Combo = Combo::new(Modifiers::COMMAND, Key::N);
pub const OPEN: Combo = Combo::new(Modifiers::COMMAND, Key::O);
// Verwachtingen and criteria.
pub const SEARCH: Combo = Combo::new(Modifiers::COMMAND, Key::F);
pub const NEXT: Combo = Combo::new(Modifiers::ALT, Key::ArrowRight);
pub const PREVIOUS: Combo = Combo::new(Modifiers::ALT, Key::ArrowLeft);
pub const TO_CRITERION: Combo = Combo::new(Modifiers::ALT, Key::ArrowUp);
pub const TO_EXPECTATION: Combo = Combo::new(Modifiers::ALT, Key::ArrowDown);
/// Puts the focus on the oordeel (the chosen one of V, O and N, or the criterion scale).
pub const TO_OORDEEL: Combo = Combo::new(Modifiers::ALT, Key::O);
pub const VOLDOENDE: Combo = Combo::key(Key::V);
pub const ONVOLDOENDE: Combo = Combo::key(Key::O);
pub const NIET_BEOORDEELD: Combo = Combo::key(Key::N);
/// In a group of radio buttons (the oordeel on a verwachting, the eindoordeel the inspecteur
/// chooses on the Overzicht), on one of them: the next choice, chosen at once (and the focus
/// goes with it), round from the last to the first.
pub const CHOICE_NEXT: [Combo; 2] = [Combo::key(Key::ArrowRight), Combo::key(Key::ArrowDown)];
/// In a group of radio buttons: the previous choice, chosen at once, round from the first.
pub const CHOICE_PREVIOUS: [Combo; 2] = [Combo::key(Key::ArrowLeft), Combo::key(Key::ArrowUp)];
/// The arrows of a group of radio buttons as the overview lists them: back / on, per pair.
const CHOICE_ARROWS: [Combo; 4] = [
    CHOICE_PREVIOUS[0],
    CHOICE_NEXT[0],
    CHOICE_PREVIOUS[1],
    CHOICE_NEXT[1],
];
pub const DELETE: Combo = Combo::key(Key::Delete);
pub const BACKSPACE: Combo = Combo::key(Key::Backspace);
// Tags (interviews and flitsinterviews).
pub const ONDERSTEUNT: Combo = Combo::key(Key::O);
pub const WEERSPREEKT: Combo = Combo::key(Key::W);
pub const NEUTRAAL: Combo = Combo::key(Key::N);
// The flitsinterview dialog.
pub const SAVE_DIALOG: Combo = Combo::new(Modifiers::COMMAND, Key::Enter);
pub const SUGGESTION_DOWN: Combo = Combo::key(Key::ArrowDown);
pub const SUGGESTION_UP: Combo = Combo::key(Key::ArrowUp);

const ENTER: Combo = Combo::key(Key::Enter);
const TAB: Combo = Combo::key(Key::Tab);
const SHIFT_TAB: Combo = Combo::new(Modifiers::SHIFT, Key::Tab);
const SPACE: Combo = Combo::key(Key::Space);
const UP: Combo = Combo::key(Key::ArrowUp);
const DOWN: Combo = Combo::key(Key::ArrowDown);
const LEFT: Combo = Combo::key(Key::ArrowLeft);
const RIGHT: Combo = Combo::key(Key::ArrowRight);
const PAGE_UP: Combo = Combo::key(Key::PageUp);
const PAGE_DOWN: Combo = Combo::key(Key::PageDown);
const HOME: Combo = Combo::key(Key::Home);
const END: Combo = Combo::key(Key::End);

/// The key that chooses a level of a kader's criterion scale: its code when that is one
/// letter (stap 1: V, M, O).
pub fn criterion_level_key(code: &str) -> Option<Key> {
    let mut chars = code.trim().chars();
    let c = chars.next()?;
    if chars.next().is_some() || !c.is_ascii_alphabetic() {
        return None;
    }
    Key::from_name(&c.to_ascii_uppercase().to_string())
}

/// One line of the overview: the keys (alternatives, or a pair such as "Alt+Links / Alt+Rechts"
/// with "vorige / volgende") and what they do.
#[derive(Debug, Clone)]
pub struct Entry {
    pub keys: Vec<Combo>,
    pub what: String,
}

impl Entry {
    fn new(keys: &[Combo], what: &str) -> Entry {
        Entry {
            keys: keys.to_vec(),
            what: what.to_string(),
        }
    }

    /// "Alt+Links / Alt+Rechts".
    pub fn keys_text(&self) -> String {
        self.keys
            .iter()
            .map(|c| c.text())
            .collect::<Vec<_>>()
            .join(" / ")
    }
}

/// The shortcuts of one screen (or of the whole app).
#[derive(Debug, Clone)]
pub struct Group {
    pub title: String,
    /// The screen the group belongs to, if it is one.
    pub screen: Option<Screen>,
    pub entries: Vec<Entry>,
}

/// The screens in the order of their function keys (Conflicten, F7, included).
fn screens_by_key() -> Vec<Screen> {
    let mut all: Vec<Screen> = Screen::ALL.to_vec();
    all.push(Screen::Conflicten);
    all.sort_by_key(|s| s.key().name());
    all
}

/// Every shortcut of the app, grouped per screen, in Dutch: what the overview shows.
pub fn groups() -> Vec<Group> {
    let group = |title: &str, screen: Option<Screen>, entries: Vec<Entry>| Group {
        title: title.to_string(),
        screen,
        entries,
    };
    let mut everywhere: Vec<Entry> = screens_by_key()
        .into_iter()
        .map(|s| {
            let what = if s == Screen::Conflicten {
                "Naar Conflicten (alleen zolang er iets te kiezen is)".to_string()
            } else {
                format!("Naar {}", s.title())
            };
            Entry {
                keys: vec![Combo::key(s.key())],
                what,
            }
        })
        .collect();
    everywhere.extend([
        Entry::new(&[FLASH], "Een flitsinterview vastleggen, vanaf elk scherm"),
        Entry::new(
            &[HELP, HELP_F1],
            "Dit overzicht van sneltoetsen openen of sluiten (? buiten een tekstveld)",
        ),
        Entry::new(&[TAB, SHIFT_TAB], "Naar het volgende / vorige onderdeel"),
        Entry::new(
            &[SPACE, ENTER],
            "De knop, link of keuze met de focus bedienen",
        ),
        Entry::new(
            &[ESCAPE],
            "Een venster sluiten: een melding (OK), dit overzicht, of bij het sluiten terug naar het onderzoek",
        ),
    ]);
    vec![
        group("Overal in een geopend onderzoek", None, everywhere),
        group(
            "Startscherm",
            None,
            vec![
                Entry::new(&[NEW], "Nieuw onderzoek"),
                Entry::new(&[OPEN], "Een onderzoek openen"),
                Entry::new(&[ENTER], "In \"Uw naam\": de naam vastleggen"),
            ],
        ),
        group(
            "Bestand kiezen",
            None,
            vec![
                Entry::new(&[ENTER], "In \"Pad:\": dit bestand of deze map kiezen"),
                Entry::new(
                    &[ESCAPE],
                    "Eerst \"Vervangen?\" intrekken, dan het venster sluiten",
                ),
            ],
        ),
        group(
            "Overzicht (F1)",
            Some(Screen::Overzicht),
            vec![
                Entry::new(
                    &[ENTER],
                    "In \"Teamlid toevoegen\": de naam aan het team toevoegen",
                ),
                Entry::new(
                    &CHOICE_ARROWS,
                    "Op het eindoordeel (kader waarin de inspecteur het eindoordeel kiest): het vorige / volgende kiezen (Links en Omhoog terug, Rechts en Omlaag verder)",
                ),
            ],
        ),
        group(
            "Interviews (F2)",
            Some(Screen::Interviews),
            vec![
                Entry::new(
                    &[ONDERSTEUNT, WEERSPREEKT, NEUTRAAL],
                    "Op een tag-regel: ondersteunt / weerspreekt / neutraal",
                ),
                Entry::new(&[DELETE, BACKSPACE], "Op een tag-regel: de tag wissen"),
                Entry::new(
                    &[ENTER],
                    "In \"Functie\" of \"Aantal\": de functie met haar aantal toevoegen",
                ),
            ],
        ),
        group(
            "Flitsinterview (Ctrl+Shift+F)",
            Some(Screen::Flitsinterviews),
            vec![
                Entry::new(&[TAB, ENTER], "Naar het volgende veld"),
                Entry::new(
                    &[SUGGESTION_DOWN, SUGGESTION_UP],
                    "In \"Functie\": een eerder gebruikte functie kiezen (Enter neemt haar over)",
                ),
                Entry::new(
                    &[ONDERSTEUNT, WEERSPREEKT, NEUTRAAL],
                    "Bij een verwachting: ondersteunt / weerspreekt / neutraal",
                ),
                Entry::new(&[DELETE, BACKSPACE], "Bij een verwachting: de tag wissen"),
                Entry::new(&[SAVE_DIALOG], "Opslaan"),
                Entry::new(&[ESCAPE], "Annuleren (vraagt eerst, als er iets getypt is)"),
            ],
        ),
        group(
            "Dossiers (F4)",
            Some(Screen::Dossiers),
            vec![
                Entry::new(&[ENTER], "In \"Dossiernummer\": het dossier toevoegen"),
                Entry::new(
                    &[UP, DOWN, PAGE_UP, PAGE_DOWN, HOME, END],
                    "In de tabel: een ander dossier kiezen",
                ),
                Entry::new(&[LEFT, RIGHT], "In de tabel: naar links / rechts schuiven"),
                Entry::new(
                    &[UP, DOWN, PAGE_UP, PAGE_DOWN, HOME, END],
                    "Op de scheidingslijn onder de tabel: de tabel kleiner / groter maken",
                ),
                Entry::new(
                    &[UP, DOWN, PAGE_UP, PAGE_DOWN, HOME, END],
                    "Eén vraag over alle dossiers: naar een ander dossier",
                ),
                Entry::new(
                    &[Combo::key(Key::J), Combo::key(Key::N), Combo::key(Key::V)],
                    "Eén vraag over alle dossiers: ja / nee / n.v.t. (en door naar het volgende dossier)",
                ),
                Entry::new(
                    &[DELETE, BACKSPACE],
                    "Eén vraag over alle dossiers: het antwoord wissen",
                ),
            ],
        ),
        group(
            "Verwachtingen (F6)",
            Some(Screen::Verwachtingen),
            vec![
                Entry::new(
                    &[PREVIOUS, NEXT],
                    "Vorige / volgende verwachting (met een filter: in de werklijst)",
                ),
                Entry::new(
                    &[TO_OORDEEL],
                    "Naar het oordeel (de keuze voldoende, onvoldoende, niet beoordeeld)",
                ),
                Entry::new(
                    &[VOLDOENDE, ONVOLDOENDE, NIET_BEOORDEELD],
                    "Buiten een tekstveld: voldoende / onvoldoende / niet beoordeeld",
                ),
                Entry::new(
                    &CHOICE_ARROWS,
                    "Op het oordeel: de vorige / volgende keuze kiezen (Links en Omhoog terug, Rechts en Omlaag verder); zo ook op het eindoordeel dat u kiest (Overzicht, F1)",
                ),
                Entry::new(&[SEARCH], "Zoeken in de verwachtingen"),
                Entry::new(&[ESCAPE], "In het zoekveld: de zoekwoorden wissen"),
                Entry::new(
                    &[TO_CRITERION],
                    "Naar het criterium van de verwachting (kader met een oordeel per criterium)",
                ),
            ],
        ),
        group(
            "Criterium (kader met een oordeel per criterium, zoals stap 1)",
            Some(Screen::Verwachtingen),
            vec![
                Entry::new(&[PREVIOUS, NEXT], "Vorig / volgend criterium"),
                Entry::new(&[TO_EXPECTATION], "Terug naar de verwachting"),
                Entry::new(&[TO_OORDEEL], "Naar het oordeel op het criterium"),
                Entry::new(
                    &[Combo::key(Key::V), Combo::key(Key::M), Combo::key(Key::O)],
                    "Buiten een tekstveld: het niveau met die letter (stap 1: voldoende / matig / onvoldoende)",
                ),
                Entry::new(
                    &[NIET_BEOORDEELD, DELETE],
                    "Buiten een tekstveld: niet beoordeeld",
                ),
            ],
        ),
        group(
            "Conflicten (F7)",
            Some(Screen::Conflicten),
            vec![
                Entry::new(
                    &[ENTER],
                    "In \"Nieuw nummer\" of \"Nieuwe naam\": hernummeren",
                ),
                Entry::new(
                    &[ESCAPE],
                    "In \"Nieuw nummer\" of \"Nieuwe naam\": niet hernummeren",
                ),
            ],
        ),
        group(
            "Wederhoor (F8)",
            Some(Screen::Wederhoor),
            vec![Entry::new(
                &[ENTER],
                "In het laatste veld van een formulier (vaststellen, heropenen, vrijgeven): bevestigen",
            )],
        ),
        group(
            "Vraag om uw naam",
            None,
            vec![Entry::new(&[ENTER], "De naam vastleggen")],
        ),
    ]
}

/// Every key combination the overview lists.
pub fn listed() -> Vec<Combo> {
    groups()
        .into_iter()
        .flat_map(|g| g.entries)
        .flat_map(|e| e.keys)
        .collect()
}

/// Whether the overview lists `combo`.
pub fn is_listed(combo: Combo) -> bool {
    listed().into_iter().any(|c| c.same(combo))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::{Path, PathBuf};

    /// The code of every file under `src/ui/` (its tests left out), but this one.
    fn sources() -> Vec<(PathBuf, String)> {
        fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    walk(&path, out);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    out.push(path);
                }
            }
        }
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ui");
        let mut files = Vec::new();
        walk(&root, &mut files);
        files.sort();
        files
            .into_iter()
            .filter(|p| !p.ends_with("shortcuts.rs"))
            .map(|p| {
                let text = std::fs::read_to_string(&p).unwrap();
                let code = match text.find("#[cfg(test)]") {
                    Some(i) => text[..i].to_string(),
                    None => text,
                };
                (p, code)
            })
            .collect()
    }

    fn ident_after(text: &str) -> &str {
        let end = text
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(text.len());
        &text[..end]
    }

    /// Every `Key::Name` in `code`, with its line.
    fn keys_in(code: &str) -> Vec<(usize, String)> {
        let mut out = Vec::new();
        for (n, line) in code.lines().enumerate() {
            let mut rest = line;
            while let Some(i) = rest.find("Key::") {
                let before = &rest[..i];
                rest = &rest[i + 5..];
                // `KeyboardShortcut::` and the like end in "Key::" only as part of a longer name.
                if before.ends_with(|c: char| c.is_ascii_alphanumeric() || c == '_') {
                    continue;
                }
                let name = ident_after(rest);
                if name.starts_with(|c: char| c.is_ascii_uppercase()) {
                    out.push((n + 1, name.to_string()));
                }
            }
        }
        out
    }

    /// The arguments of every call of `call(` in `code` (up to its closing parenthesis).
    fn calls<'a>(code: &'a str, call: &str) -> Vec<(usize, &'a str)> {
        let mut out = Vec::new();
        let mut from = 0;
        while let Some(i) = code[from..].find(call) {
            let start = from + i + call.len();
            let mut depth = 1;
            let mut end = start;
            for (j, c) in code[start..].char_indices() {
                match c {
                    '(' => depth += 1,
                    ')' => depth -= 1,
                    _ => {}
                }
                if depth == 0 {
                    end = start + j;
                    break;
                }
            }
            let line = code[..start].lines().count();
            out.push((line, &code[start..end]));
            from = start;
        }
        out
    }

    /// The modifiers and key written in `args` (`Modifiers::ALT, Key::O`), if a key is.
    fn combo_in(args: &str) -> Option<Combo> {
        let key = keys_in(args).into_iter().next()?.1;
        let key = Key::from_name(&key)?;
        let mut modifiers = Modifiers::NONE;
        let mut rest = args;
        while let Some(i) = rest.find("Modifiers::") {
            rest = &rest[i + 11..];
            modifiers = modifiers.plus(match ident_after(rest) {
                "ALT" => Modifiers::ALT,
                "CTRL" => Modifiers::CTRL,
                "SHIFT" => Modifiers::SHIFT,
                "COMMAND" => Modifiers::COMMAND,
                "MAC_CMD" => Modifiers::MAC_CMD,
                _ => Modifiers::NONE,
            });
        }
        Some(Combo::new(modifiers, key))
    }

    #[test]
    fn every_key_handled_in_the_code_is_in_the_overview() {
        let listed = listed();
        let mut missing = Vec::new();
        let mut seen = 0;
        for (path, code) in sources() {
            for (line, name) in keys_in(&code) {
                seen += 1;
                let Some(key) = Key::from_name(&name) else {
                    missing.push(format!("{}:{line}: Key::{name} (unknown)", path.display()));
                    continue;
                };
                if !listed.iter().any(|c| c.key == key) {
                    missing.push(format!("{}:{line}: Key::{name}", path.display()));
                }
            }
        }
        assert!(seen > 40, "the sources were read ({seen} keys)");
        assert!(
            missing.is_empty(),
            "keys handled but not in the overview of sneltoetsen (src/ui/shortcuts.rs):\n{}",
            missing.join("\n")
        );
    }

    #[test]
    fn every_key_taken_with_its_modifiers_is_in_the_overview_with_them() {
        let mut missing = Vec::new();
        let mut seen = 0;
        for (path, code) in sources() {
            for call in [
                "consume_key(",
                "count_and_consume_key(",
                "key_pressed(",
                "KeyboardShortcut::new(",
                "Combo::new(",
                "Combo::key(",
            ] {
                for (line, args) in calls(&code, call) {
                    if let Some(combo) = combo_in(args) {
                        seen += 1;
                        if !is_listed(combo) {
                            missing.push(format!(
                                "{}:{line}: {} ({call}{args})",
                                path.display(),
                                combo.text()
                            ));
                        }
                    }
                }
            }
        }
        assert!(seen >= 10, "the calls were found ({seen})");
        // The check itself: a key the overview does not have is found.
        let unknown = combo_in("egui::Modifiers::COMMAND.plus(Modifiers::ALT), egui::Key::Q");
        assert_eq!(
            unknown,
            Some(Combo::new(Modifiers::COMMAND.plus(Modifiers::ALT), Key::Q))
        );
        assert!(!is_listed(unknown.unwrap()));
        assert_eq!(
            keys_in("x(Key::Home); KeyboardShortcut::new(y)"),
            [(1, "Home".into())]
        );
        assert!(
            missing.is_empty(),
            "shortcuts handled but not in the overview of sneltoetsen:\n{}",
            missing.join("\n")
        );
    }

    #[test]
    fn the_letters_of_every_builtin_criterion_scale_are_in_the_overview() {
        let criterion = groups()
            .into_iter()
            .find(|g| g.title.starts_with("Criterium"))
            .unwrap();
        let keys: Vec<Key> = criterion
            .entries
            .iter()
            .flat_map(|e| e.keys.iter().map(|c| c.key))
            .collect();
        for id in crate::kader_io::builtin_ids() {
            let fw = crate::kader_io::builtin(id).unwrap();
            for level in &fw.criterion_scale {
                if let Some(key) = criterion_level_key(&level.code) {
                    assert!(keys.contains(&key), "{id}: {} not listed", level.code);
                }
            }
        }
    }

    #[test]
    fn every_screen_has_its_function_key_in_the_overview() {
        let all = groups();
        let everywhere = &all[0].entries;
        for screen in screens_by_key() {
            let entry = everywhere
                .iter()
                .find(|e| e.keys == [Combo::key(screen.key())])
                .unwrap_or_else(|| panic!("{screen:?}"));
            assert!(entry.what.contains(screen.title()), "{}", entry.what);
        }
        assert_eq!(everywhere[0].keys_text(), "F1");
    }

    /// The arrows choose in both radio groups the app has: the oordeel on a verwachting and
    /// the eindoordeel the inspecteur chooses on the Overzicht; both screens list them.
    #[test]
    fn the_arrows_of_a_radio_group_are_listed_where_there_is_one() {
        for screen in [Screen::Overzicht, Screen::Verwachtingen] {
            let group = groups()
                .into_iter()
                .find(|g| g.screen == Some(screen))
                .unwrap();
            let entry = group
                .entries
                .iter()
                .find(|e| e.keys == CHOICE_ARROWS)
                .unwrap_or_else(|| panic!("{screen:?}"));
            assert!(entry.what.contains("eindoordeel"), "{}", entry.what);
        }
    }

    #[test]
    fn an_arrow_with_alt_is_not_taken_as_the_arrow() {
        let press = |modifiers| egui::Event::Key {
            key: Key::ArrowRight,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers,
        };
        let mut input = egui::InputState::default();
        input.events = vec![
            press(Modifiers::ALT),
            press(Modifiers::NONE),
            press(Modifiers::NONE),
        ];
        assert_eq!(CHOICE_NEXT[0].take_exact(&mut input), 2);
        assert_eq!(input.events.len(), 1, "Alt+Rechts is left alone");
        assert_eq!(CHOICE_NEXT[0].take_exact(&mut input), 0);
        assert!(NEXT.consume(&mut input));
    }

    #[test]
    fn keys_read_as_on_the_keyboard_in_dutch() {
        assert_eq!(FLASH.text(), "Ctrl+Shift+F");
        assert_eq!(NEXT.text(), "Alt+Rechts");
        assert_eq!(TO_CRITERION.text(), "Alt+Omhoog");
        assert_eq!(HELP.text(), "?");
        assert_eq!(HELP_F1.text(), "Shift+F1");
        assert_eq!(SEARCH.text(), "Ctrl+F");
        assert_eq!(Combo::key(Key::PageDown).text(), "Page Down");
        assert_eq!(criterion_level_key("m"), Some(Key::M));
        assert_eq!(criterion_level_key("VV"), None);
    }
}
