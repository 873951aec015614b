//! The `klacht check` summary on the terminal: counts per rule grouped by procedure step, the
//! first findings with their cells, "… and N more", and colour only on a terminal.

use crate::util::*;
use std::process::Command;

/// `klacht check` of the sample workbook with stdout piped, `NO_COLOR` set or not, run in a
/// fresh directory named after the test.
fn piped(test: &str, no_color: Option<&str>, args: &[&str]) -> String {
    let dir = temp_dir(test);
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_klacht"));
    cmd.args(["--lang", "en", "check", "--as-of", "2026-09-30"])
        .args(args)
        .arg(sample("klachtenregister-2025-2026.xlsx"))
        .current_dir(&dir)
        .env_remove("NO_COLOR");
    if let Some(v) = no_color {
        cmd.env("NO_COLOR", v);
    }
    let out = cmd.output().expect("the klacht binary runs");
    assert!(out.status.code() == Some(0) || out.status.code() == Some(1));
    assert!(!out.stderr.contains(&0x1b), "no escapes on stderr");
    String::from_utf8(out.stdout).expect("UTF-8")
}

#[test]
fn piped_output_has_no_colour_with_or_without_no_color() {
    for no_color in [None, Some(""), Some("1")] {
        let text = piped("piped", no_color, &[]);
        assert!(text.contains("Findings:"), "{text}");
        assert!(
            !text.contains('\x1b'),
            "escape codes in piped output ({no_color:?})"
        );
    }
}

#[test]
fn the_summary_lists_the_first_findings_with_cells_and_counts_the_rest() {
    let dir = temp_dir("summary-show");
    let (doc, _) = check_json(
        &dir,
        &[
            "--as-of",
            "2026-09-30",
            arg(&sample("klachtenregister-2025-2026.xlsx")),
        ],
    );
    let items = doc["items"].as_array().unwrap();
    let text = piped("piped-show", Some("1"), &["--show", "3"]);
    // Each of the first three findings with its sheet and cell.
    let address = |item: &serde_json::Value| {
        assert_eq!(item["sheet"], "Klachtenregister");
        format!(" Klachtenregister!{}  ", item["cell"].as_str().unwrap())
    };
    for item in &items[..3] {
        let cell = address(item);
        assert!(text.contains(&cell), "{cell} missing:\n{text}");
    }
    assert!(
        !text.contains(&address(&items[3])),
        "only three listed:\n{text}"
    );
    assert!(
        text.contains(&format!("… and {} more", items.len() - 3)),
        "{text}"
    );
    // Counts per rule under the procedure steps, in procedure order.
    let order = [
        "receipt",
        "registration",
        "assessment",
        "acknowledgement",
        "follow-up",
        "action",
    ];
    let at: Vec<usize> = order
        .iter()
        .map(|s| {
            text.lines()
                .position(|l| l == format!("  {s}"))
                .unwrap_or_else(|| panic!("no step {s}:\n{text}"))
        })
        .collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{text}");
    for (code, n) in doc["findings"]["by_rule"].as_object().unwrap() {
        let line = text
            .lines()
            .find(|l| l.split_whitespace().nth(1) == Some(code))
            .unwrap_or_else(|| panic!("no count line for {code}:\n{text}"));
        assert_eq!(
            line.split_whitespace().next(),
            Some(n.to_string().as_str()),
            "{line}"
        );
    }
}

#[test]
fn the_report_summary_writes_decimals_as_its_language_does() {
    let dir = temp_dir("report-summary-decimals");
    let register = sample("klachtenregister-2025-2026.xlsx");
    for (lang, label, point) in [
        ("nl", "doorlooptijd mediaan (werkdagen)", ","),
        ("en", "handling time median (working days)", "."),
    ] {
        let out = format!("r-{lang}");
        let args = [
            "--lang",
            lang,
            "report",
            "--period",
            "2026-Q3",
            "--as-of",
            "2026-09-30",
            "--fail-on",
            "never",
            "--out",
            &out,
            arg(&register),
        ];
        let run = klacht_in(&dir, &args);
        assert_eq!(
            run.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        let kpi: serde_json::Value =
            serde_json::from_slice(&std::fs::read(dir.join(&out).join("kpi.json")).unwrap())
                .unwrap();
        let median = kpi["handling_wd"]["median"].as_f64().unwrap();
        let want = format!("{median:.1}").replace('.', point);
        let text = String::from_utf8(run.stdout).unwrap();
        let line = text.lines().find(|l| l.contains(label)).expect(label);
        assert_eq!(
            line.split_whitespace().last(),
            Some(want.as_str()),
            "{line}"
        );
    }
}
