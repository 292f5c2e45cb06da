//! The steekproef through the real binary (issue 13 item 7): drawn from the organisation's list,
//! reproducible from its seed, added as willekeurig dossiers, recorded for Bijlage 2 and JSON;
//! refusals leave the file untouched.

use crate::common;

use common::TestDir;
use veldtoets::report::{self, ReportOptions};
use veldtoets::store::Store;

fn new_file(dir: &TestDir, name: &str) {
    dir.run([
        "new",
        "--onversleuteld",
        name,
        "--kader",
        "vt-2016-stap2",
        "--organisatie",
        "Veilig Thuis Proefregio",
        "--inspecteur",
        "E. Voorbeeld",
    ])
    .success();
}

fn drawn(dir: &TestDir, file: &str) -> Vec<String> {
    let export = dir.run(["export", file, "--json", "-"]).success().json();
    export["steekproeven"][0]["getrokken"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_steekproef_is_drawn_recorded_and_redone_from_its_seed() {
    let dir = TestDir::new();
    let list: String = (1..=340).map(|n| format!("VTP-2026-{n:04}\n")).collect();
    dir.write("zaken.txt", &list);
    new_file(&dir, "a.veldtoets");
    new_file(&dir, "b.veldtoets");
    for file in ["a.veldtoets", "b.veldtoets"] {
        dir.run([
            "steekproef",
            file,
            "--uit",
            "zaken.txt",
            "--aantal",
            "12",
            "--zaad",
            "20261013",
        ])
        .success()
        .stdout_contains("12 dossiers getrokken uit 340 nummers (zaad 20261013;");
    }
    let a = drawn(&dir, "a.veldtoets");
    assert_eq!(a.len(), 12);
    assert_eq!(
        a,
        drawn(&dir, "b.veldtoets"),
        "the same seed draws the same"
    );

    let export = dir
        .run(["export", "a.veldtoets", "--json", "-"])
        .success()
        .json();
    let s = &export["steekproeven"][0];
    assert_eq!(s["zaad"], "20261013");
    assert_eq!(s["populatie"], 340);
    assert_eq!(s["aantal"], 12);
    assert_eq!(s["bron"], "zaken.txt");
    let dossiers = export["dossiers"].as_array().unwrap();
    assert_eq!(dossiers.len(), 12);
    assert!(dossiers.iter().all(|d| d["selectie"] == "willekeurig"));

    // Bijlage 2 says what was drawn from what.
    let (_, inspection) = Store::open_read_only(&dir.join("a.veldtoets")).unwrap();
    let text = report::build(
        &inspection,
        &ReportOptions::new(true, jiff::civil::date(2026, 11, 30)),
    )
    .plain_text();
    assert!(
        text.contains("12 dossiers, willekeurig getrokken uit 340 dossiernummers (zaad 20261013)"),
        "{text}"
    );

    // A second draw leaves the dossiers already there out of the frame (a CSV with a header,
    // pasted on stdin), and names them.
    let csv = format!(
        "dossiernummer;melding_ontvangen\n{};01-02-2026\nVTP-X-1;\nVTP-X-2;\n",
        a[0]
    );
    dir.cmd([
        "steekproef",
        "a.veldtoets",
        "--uit",
        "-",
        "--aantal",
        "2",
        "--zaad",
        "5",
    ])
    .stdin(csv)
    .output()
    .success()
    .stdout_contains("2 dossiers getrokken uit 2 nummers")
    .stdout_contains(&format!("al een dossier van dit onderzoek: {}", a[0]));
}

#[test]
fn refusals_name_the_reason_and_write_nothing() {
    let dir = TestDir::new();
    new_file(&dir, "s.veldtoets");
    dir.write("drie.txt", "A-1\nA-2\n\nA-2\nA-3\n");
    dir.write("breed.csv", "zaak;datum\nA-1;01-01-2026\n");
    let before = dir.read_bytes("s.veldtoets");
    for (args, message) in [
        (
            vec!["--uit", "drie.txt", "--aantal", "4"],
            "de lijst bevat 3 nummers die nog geen dossier zijn; een steekproef van 4 kan niet",
        ),
        (
            vec!["--uit", "drie.txt", "--aantal", "0"],
            "een steekproef van 0 dossiers trekt niets",
        ),
        (
            vec!["--uit", "breed.csv", "--aantal", "1"],
            "geen kolom nummer of dossiernummer",
        ),
        (
            vec!["--uit", "s.veldtoets", "--aantal", "1"],
            "is een onderzoeksbestand, geen lijst van dossiernummers",
        ),
        (vec!["--uit", "weg.txt", "--aantal", "1"], "weg.txt"),
    ] {
        let mut all = vec!["steekproef", "s.veldtoets"];
        all.extend(args);
        dir.run(&all).failure().stderr_contains(message);
        assert_eq!(dir.read_bytes("s.veldtoets"), before, "{all:?}");
    }
}
