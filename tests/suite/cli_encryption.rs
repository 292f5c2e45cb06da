//! Encrypted inspection files through the real binary (issue 14): `new` is encrypted by default
//! and refuses without a passphrase source; every command works on an encrypted file with the
//! passphrase from `VELDTOETS_WACHTWOORD`, from `--wachtwoord-bestand` and typed on a terminal;
//! without it or with a wrong one the file is left byte for byte as it was; `versleutel`,
//! `ontsleutel --naar` and `wachtwoord`; merge and overzicht of encrypted and mixed files;
//! exports say they are not encrypted.

use crate::common;

use common::{Output, TestDir};

const PASS: &str = "correct paard batterij nietje";
const ORG: &str = "Veilig Thuis Geheimregio";
const MARKER: &str = "ONDERBOUWINGMARKER-4471";

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

/// Every file in the directory with its bytes (the passphrase file and outputs included).
fn snapshot(dir: &TestDir) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().unwrap().is_file())
        .map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let bytes = std::fs::read(e.path()).unwrap();
            (name, bytes)
        })
        .collect();
    files.sort();
    files
}

/// How a command gets the passphrase.
#[derive(Clone, Copy, Debug)]
enum Given {
    Env,
    File,
}

fn run_with(dir: &TestDir, given: Given, pass: &str, args: &[&str]) -> Output {
    let mut cmd = dir.cmd(args);
    match given {
        Given::Env => {
            cmd.env("VELDTOETS_WACHTWOORD", pass);
        }
        Given::File => {
            let file = dir.write("wachtwoord.txt", format!("{pass}\n"));
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(file, std::fs::Permissions::from_mode(0o600)).unwrap();
            cmd.arg("--wachtwoord-bestand").arg("wachtwoord.txt");
        }
    }
    cmd.output()
}

/// A new encrypted file `name` with an oordeel carrying [`MARKER`].
fn new_encrypted(dir: &TestDir, name: &str) {
    run_with(
        dir,
        Given::Env,
        PASS,
        &[
            "new",
            name,
            "--kader",
            "vt-2016-stap2",
            "--organisatie",
            ORG,
            "--inspecteur",
            "E. Voorbeeld",
        ],
    )
    .success()
    .stdout_contains("versleuteld");
    run_with(
        dir,
        Given::Env,
        PASS,
        &[
            "oordeel",
            name,
            "1.3.1",
            "onvoldoende",
            "--onderbouwing",
            &format!("{MARKER}: in 4 van 10 dossiers geen veiligheidsplan"),
        ],
    )
    .success();
}

fn assert_encrypted(dir: &TestDir, name: &str) {
    for file in [name.to_string(), format!("{name}-wal")] {
        if let Ok(bytes) = std::fs::read(dir.join(&file)) {
            for needle in [ORG, MARKER, "SQLite format 3"] {
                assert!(!contains(&bytes, needle), "{file} holds '{needle}'");
            }
        }
    }
}

#[test]
fn new_is_encrypted_by_default_and_refuses_without_a_passphrase() {
    let dir = TestDir::new();
    let out = dir.run([
        "new",
        "a.veldtoets",
        "--kader",
        "vt-2016-stap2",
        "--organisatie",
        ORG,
    ]);
    out.failure()
        .stderr_one_line()
        .stderr_contains("VELDTOETS_WACHTWOORD")
        .stderr_contains("--wachtwoord-bestand")
        .stderr_contains("--onversleuteld");
    assert!(!dir.exists("a.veldtoets"));
    assert_eq!(
        snapshot(&dir),
        Vec::<(String, Vec<u8>)>::new(),
        "nothing was written"
    );

    new_encrypted(&dir, "a.veldtoets");
    assert_encrypted(&dir, "a.veldtoets");

    let out = dir.run([
        "new",
        "--onversleuteld",
        "b.veldtoets",
        "--kader",
        "vt-2016-stap2",
        "--organisatie",
        ORG,
    ]);
    out.success()
        .stdout_contains("onversleuteld")
        .stderr_contains("niet versleuteld");
    assert!(contains(&dir.read_bytes("b.veldtoets"), "SQLite format 3"));

    // The demo is plain unless a passphrase is given, and never asks for one.
    dir.run(["demo", "demo.veldtoets"])
        .success()
        .stdout_contains("onversleuteld");
    run_with(&dir, Given::Env, PASS, &["demo", "demo-v.veldtoets"])
        .success()
        .stdout_contains("versleuteld");
    let bytes = dir.read_bytes("demo-v.veldtoets");
    assert!(!contains(&bytes, "Gelderzoom") && bytes.starts_with(b"VTTS"));
}

/// Every command, with the passphrase from the environment and from a file: it works; without a
/// passphrase and with a wrong one, it is refused and nothing changes.
#[test]
fn every_command_works_with_each_way_of_giving_the_passphrase() {
    for given in [Given::Env, Given::File] {
        let dir = TestDir::new();
        new_encrypted(&dir, "f.veldtoets");
        dir.write(
            "zaken.csv",
            "dossiernummer,melding_ontvangen\nVT-1,02-11-2026\nVT-2,03-11-2026\n",
        );
        let commands: Vec<Vec<&str>> = vec![
            vec!["score", "f.veldtoets"],
            vec!["check", "f.veldtoets"],
            vec!["export", "f.veldtoets", "--json", "f.json"],
            vec!["export", "f.veldtoets", "--pdf", "f.pdf"],
            vec!["oordeel", "f.veldtoets", "1.1.1", "voldoende"],
            vec![
                "dossier",
                "f.veldtoets",
                "D-1",
                "--datum",
                "melding_ontvangen=02-11-2026",
            ],
            vec!["dossiervraag", "f.veldtoets", "D-1", "dos-1.3.1", "ja"],
            vec!["dossiers", "f.veldtoets", "--importeer", "zaken.csv"],
            vec![
                "verbeterpunt",
                "f.veldtoets",
                "1.3.1",
                "--tekst",
                "Leg het veiligheidsplan vast.",
            ],
            vec![
                "concept",
                "f.veldtoets",
                "--pdf",
                "concept.pdf",
                "--verzonden",
                "20-11-2026",
            ],
            vec!["vergelijk", "f.veldtoets"],
        ];
        for args in &commands {
            let before = snapshot(&dir);
            // Without a passphrase: refused, naming the ways to give it; nothing changed.
            let out = dir.cmd(args).output();
            out.failure()
                .stderr_contains("versleuteld")
                .stderr_contains("VELDTOETS_WACHTWOORD");
            assert_eq!(snapshot(&dir), before, "{args:?} without a passphrase");
            // A wrong one: refused; nothing changed.
            let out = run_with(&dir, given, "niet het wachtwoord", args);
            out.failure().stderr_contains("wachtwoord klopt niet");
            let mut expected = before.clone();
            if matches!(given, Given::File) {
                // The passphrase file itself is (re)written by the test.
                expected.retain(|(n, _)| n != "wachtwoord.txt");
            }
            let mut after = snapshot(&dir);
            after.retain(|(n, _)| n != "wachtwoord.txt");
            expected.retain(|(n, _)| n != "wachtwoord.txt");
            assert_eq!(
                after, expected,
                "{args:?} with a wrong passphrase ({given:?})"
            );
            // The right one (from a file only its owner may read: no warning about it).
            let out = run_with(&dir, given, PASS, args);
            out.success().stderr_not_contains("kan ook door anderen");
            let output = args
                .iter()
                .position(|a| *a == "--json" || *a == "--pdf")
                .map(|i| args[i + 1]);
            if let Some(output) = output {
                out.stderr_contains(&format!(
                    "'{output}' komt uit een versleuteld onderzoek, maar dit bestand is niet versleuteld"
                ));
            }
        }
        assert_encrypted(&dir, "f.veldtoets");
        // The edits are all there.
        let score = run_with(&dir, given, PASS, &["score", "f.veldtoets"]).json();
        assert_eq!(score["voldoende"], 1, "{score}");
        let export = dir.read("f.json");
        assert!(export.contains(MARKER) && export.contains(ORG));
    }
}

/// Typed on a terminal (`script` gives the command one): asked without echo, again after a wrong
/// passphrase; `new` asks twice.
#[test]
fn the_passphrase_is_asked_on_a_terminal() {
    let dir = TestDir::new();
    let bin = common::bin();
    let script = |command: String, input: &str| -> std::process::Output {
        use std::io::Write;
        let mut child = std::process::Command::new("script")
            .args(["-qec", &command, "/dev/null"])
            .current_dir(dir.path())
            .env("HOME", dir.path())
            .env_remove("VELDTOETS_WACHTWOORD")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("script (util-linux) runs");
        let mut stdin = child.stdin.take().unwrap();
        for line in input.lines() {
            // One line per prompt, as a person types: the program reads after it asks.
            std::thread::sleep(std::time::Duration::from_millis(700));
            stdin.write_all(format!("{line}\n").as_bytes()).unwrap();
            stdin.flush().unwrap();
        }
        std::thread::sleep(std::time::Duration::from_millis(700));
        drop(stdin);
        child.wait_with_output().unwrap()
    };
    let out = script(
        format!(
            "{} new t.veldtoets --kader vt-2016-stap2 --organisatie '{ORG}'",
            bin.display()
        ),
        &format!("{PASS}\n{PASS}\n"),
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(text.contains("Wachtwoord (herhaal)"), "{text}");
    assert!(!text.contains(PASS), "the passphrase was echoed: {text}");
    assert!(dir.read_bytes("t.veldtoets").starts_with(b"VTTS"));

    let out = script(
        format!("{} score t.veldtoets", bin.display()),
        &format!("fout\n{PASS}\n"),
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(text.contains("Het wachtwoord klopt niet"), "{text}");
    assert!(text.contains("\"kader\": \"vt-2016-stap2\""), "{text}");
    assert!(!text.contains(PASS), "the passphrase was echoed: {text}");
}

#[test]
fn versleutel_ontsleutel_and_wachtwoord_convert_through_a_verified_copy() {
    let dir = TestDir::new();
    dir.new_inspection("p.veldtoets");
    dir.run([
        "oordeel",
        "p.veldtoets",
        "1.3.1",
        "onvoldoende",
        "--onderbouwing",
        MARKER,
    ])
    .success();
    // Without a passphrase source and a terminal: refused, unchanged.
    let before = dir.read_bytes("p.veldtoets");
    dir.run(["versleutel", "p.veldtoets"])
        .failure()
        .stderr_contains("VELDTOETS_WACHTWOORD");
    assert_eq!(dir.read_bytes("p.veldtoets"), before);

    // A backup from an earlier migration stays plain: said.
    std::fs::copy(dir.join("p.veldtoets"), dir.join("p.veldtoets.v3.bak")).unwrap();
    run_with(&dir, Given::Env, PASS, &["versleutel", "p.veldtoets"])
        .success()
        .stdout_contains("is versleuteld")
        .stderr_contains(
            "p.veldtoets.v3.bak' (van een eerdere bijwerking van het bestand) is niet versleuteld",
        );
    // One made after, encrypted, keeps the old passphrase through `wachtwoord`: said too.
    std::fs::copy(dir.join("p.veldtoets"), dir.join("p.veldtoets.v4.bak")).unwrap();
    let bytes = dir.read_bytes("p.veldtoets");
    assert!(bytes.starts_with(b"VTTS") && !contains(&bytes, MARKER));
    run_with(&dir, Given::Env, PASS, &["versleutel", "p.veldtoets"])
        .failure()
        .stderr_contains("al versleuteld");

    // A new passphrase from a file; the old one no longer opens it.
    let nieuw = dir.write("nieuw.txt", "een nieuw wachtwoord\n");
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(nieuw, std::fs::Permissions::from_mode(0o644)).unwrap();
    }
    run_with(
        &dir,
        Given::Env,
        PASS,
        &[
            "wachtwoord",
            "p.veldtoets",
            "--nieuw-wachtwoord-bestand",
            "nieuw.txt",
        ],
    )
    .success()
    .stdout_contains("gewijzigd")
    .stderr_contains(
        "p.veldtoets.v4.bak' (van een eerdere bijwerking van het bestand) opent nog met het oude wachtwoord",
    )
    .stderr_not_contains("v3.bak")
    // Readable by others, which is said.
    .stderr_contains(
        "let op: --nieuw-wachtwoord-bestand 'nieuw.txt' kan ook door anderen op deze computer worden gelezen (rechten 644)",
    )
    .stderr_contains("chmod 600 'nieuw.txt'");
    run_with(&dir, Given::Env, PASS, &["score", "p.veldtoets"])
        .failure()
        .stderr_contains("wachtwoord klopt niet");
    let mut cmd = dir.cmd(["wachtwoord", "p.veldtoets"]);
    cmd.env("VELDTOETS_WACHTWOORD", "een nieuw wachtwoord")
        .env("VELDTOETS_NIEUW_WACHTWOORD", PASS);
    cmd.output().success();

    // A plain copy; the original is unchanged.
    let before = dir.read_bytes("p.veldtoets");
    run_with(
        &dir,
        Given::File,
        PASS,
        &["ontsleutel", "p.veldtoets", "--naar", "kopie.veldtoets"],
    )
    .success()
    .stderr_contains("niet versleuteld");
    assert_eq!(dir.read_bytes("p.veldtoets"), before);
    assert!(contains(&dir.read_bytes("kopie.veldtoets"), MARKER));
    dir.run(["score", "kopie.veldtoets"]).success();
    // Never over an existing file.
    run_with(
        &dir,
        Given::Env,
        PASS,
        &["ontsleutel", "p.veldtoets", "--naar", "kopie.veldtoets"],
    )
    .failure()
    .stderr_contains("bestaat al");
    // Never over the encrypted file itself, by its own name, another spelling or a hard link.
    std::fs::hard_link(dir.join("p.veldtoets"), dir.join("link.veldtoets")).unwrap();
    let before = snapshot(&dir);
    for naar in ["p.veldtoets", "./p.veldtoets", "link.veldtoets"] {
        run_with(
            &dir,
            Given::Env,
            PASS,
            &["ontsleutel", "p.veldtoets", "--naar", naar],
        )
        .failure()
        .stderr_contains("is het versleutelde bestand zelf")
        .stderr_contains("niet gewijzigd");
        assert_eq!(snapshot(&dir), before, "--naar {naar}");
    }
    assert_encrypted(&dir, "p.veldtoets");
}

/// Two encrypted copies merge (a new target is encrypted), with different passphrases asked for
/// by the keyring; a plain target stays plain; an overzicht reads encrypted and plain files.
#[test]
fn merge_and_overzicht_of_encrypted_and_mixed_files() {
    let dir = TestDir::new();
    new_encrypted(&dir, "a.veldtoets");
    std::fs::copy(dir.join("a.veldtoets"), dir.join("b.veldtoets")).unwrap();
    run_with(
        &dir,
        Given::Env,
        PASS,
        &[
            "oordeel",
            "b.veldtoets",
            "2.1.1",
            "voldoende",
            "--inspecteur",
            "B. Collega",
            "--onderbouwing",
            "TWEEDE-MARKER",
        ],
    )
    .success();
    let merged = run_with(
        &dir,
        Given::Env,
        PASS,
        &[
            "merge",
            "--into",
            "team.veldtoets",
            "a.veldtoets",
            "b.veldtoets",
        ],
    );
    merged.success();
    assert_eq!(merged.json()["aangemaakt"], true);
    assert_encrypted(&dir, "team.veldtoets");
    assert!(!contains(
        &dir.read_bytes("team.veldtoets"),
        "TWEEDE-MARKER"
    ));
    let score = run_with(&dir, Given::Env, PASS, &["score", "team.veldtoets"]).json();
    assert_eq!(score["voldoende"], 1);
    assert_eq!(score["onvoldoende"], 1);

    // A plain copy merged into an encrypted target and an encrypted one into a plain target:
    // each target keeps its own.
    run_with(
        &dir,
        Given::Env,
        PASS,
        &["ontsleutel", "a.veldtoets", "--naar", "plain.veldtoets"],
    )
    .success();
    // Encrypted content into a plain target only when asked for explicitly, and refused before
    // any passphrase is needed.
    let before = snapshot(&dir);
    dir.cmd(["merge", "--into", "plain.veldtoets", "b.veldtoets"])
        .output()
        .failure()
        .stderr_contains("'plain.veldtoets' is niet versleuteld en 'b.veldtoets' is dat wel")
        .stderr_contains("veldtoets versleutel 'plain.veldtoets'")
        .stderr_contains("--onversleuteld")
        .stderr_contains("niets gewijzigd");
    assert_eq!(snapshot(&dir), before);
    run_with(
        &dir,
        Given::Env,
        PASS,
        &[
            "merge",
            "--into",
            "plain.veldtoets",
            "b.veldtoets",
            "--onversleuteld",
        ],
    )
    .success();
    assert!(contains(
        &dir.read_bytes("plain.veldtoets"),
        "TWEEDE-MARKER"
    ));
    run_with(
        &dir,
        Given::Env,
        PASS,
        &["merge", "--into", "a.veldtoets", "plain.veldtoets"],
    )
    .success();
    assert_encrypted(&dir, "a.veldtoets");

    // Without the passphrase (no terminal): refused, the target not made.
    dir.cmd(["merge", "--into", "x.veldtoets", "a.veldtoets"])
        .output()
        .failure()
        .stderr_contains("VELDTOETS_WACHTWOORD");
    assert!(!dir.exists("x.veldtoets"));

    dir.run([
        "new",
        "--onversleuteld",
        "ander.veldtoets",
        "--kader",
        "vt-2016-stap2",
        "--organisatie",
        "Veilig Thuis Andere Regio",
    ])
    .success();
    let out = run_with(
        &dir,
        Given::Env,
        PASS,
        &[
            "overzicht",
            "--json",
            "overzicht.json",
            "a.veldtoets",
            "ander.veldtoets",
        ],
    );
    out.success().stderr_contains("niet versleuteld");
    assert!(dir.read("overzicht.json").contains(ORG));
}

/// `new --hertoets-van` reads an encrypted earlier round with the new file's passphrase.
#[test]
fn a_hertoets_reads_an_encrypted_earlier_round() {
    let dir = TestDir::new();
    new_encrypted(&dir, "ronde1.veldtoets");
    run_with(
        &dir,
        Given::File,
        PASS,
        &[
            "new",
            "ronde2.veldtoets",
            "--kader",
            "vt-2016-stap2",
            "--organisatie",
            ORG,
            "--hertoets-van",
            "ronde1.veldtoets",
        ],
    )
    .success();
    assert_encrypted(&dir, "ronde2.veldtoets");
    let export = run_with(
        &dir,
        Given::File,
        PASS,
        &["export", "ronde2.veldtoets", "--json", "-"],
    )
    .json();
    assert!(export.to_string().contains("onvoldoende"), "{export}");

    // An unencrypted hertoets of an encrypted round would put that round in plain text: refused
    // before any passphrase is asked, nothing made.
    let before = snapshot(&dir);
    dir.run([
        "new",
        "--onversleuteld",
        "ronde3.veldtoets",
        "--kader",
        "vt-2016-stap2",
        "--organisatie",
        ORG,
        "--hertoets-van",
        "ronde1.veldtoets",
    ])
    .failure()
    .stderr_contains("de eerdere ronde 'ronde1.veldtoets' is versleuteld")
    .stderr_contains("niets gemaakt");
    assert_eq!(snapshot(&dir), before);
}
