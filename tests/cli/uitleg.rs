//! `klacht uitleg CODE` (`explain`): every rule of SPEC §3 explained in both languages with its
//! step and settings, the settings in force from the configuration, an unknown code answered
//! with the nearest codes, the listing by step; and the findings that point to it (terminal
//! summaries, the Bevindingen sheet).

use crate::util::*;
use calamine::{open_workbook, Data, Xlsx};
use std::collections::BTreeMap;
use std::path::Path;

/// SPEC §3's rule table, code and step, copied from the SPEC (not read from the code).
const SPEC: [(&str, &str); 27] = [
    ("missing-column", "registration"),
    ("unmapped-column", "—"),
    ("unreadable-value", "—"),
    ("missing-received-date", "registration"),
    ("missing-description", "registration"),
    ("missing-handler", "registration"),
    ("missing-id", "registration"),
    ("duplicate-id", "registration"),
    ("possible-duplicate", "registration"),
    ("missing-channel", "receipt"),
    ("missing-urgency", "assessment"),
    ("missing-assessment", "assessment"),
    ("legal-needs-written", "assessment"),
    ("missing-nature", "assessment"),
    ("nature-conflict", "assessment"),
    ("missing-acknowledgement", "acknowledgement"),
    ("late-acknowledgement", "acknowledgement"),
    ("date-order", "—"),
    ("future-date", "—"),
    ("status-conflict", "follow-up"),
    ("stale", "follow-up"),
    ("overdue", "follow-up"),
    ("closed-without-cause", "action"),
    ("closed-without-solution", "action"),
    ("open-escalation", "follow-up"),
    ("repeat-complaint", "action"),
    ("dispute-window", "follow-up"),
];

/// A SPEC step as klacht names it: (Dutch, English), in the procedure's order.
const STEPS: [(&str, &str, &str); 7] = [
    ("receipt", "ontvangst", "receipt"),
    ("registration", "registreren", "registration"),
    ("assessment", "beoordelen", "assessment"),
    ("acknowledgement", "ontvangstbevestiging", "acknowledgement"),
    ("follow-up", "opvolging", "follow-up"),
    ("action", "actie", "action"),
    ("—", "gegevens", "data"),
];

/// The settings of klacht.toml each rule uses, as the SPEC (§3, §4, §7) ties them to it.
const SETTINGS: [(&str, &[&str]); 10] = [
    ("missing-column", &["[columns]"]),
    ("unmapped-column", &["[columns]"]),
    ("unreadable-value", &["[values", "date_order"]),
    ("missing-urgency", &["targets.unclassified"]),
    (
        "missing-acknowledgement",
        &[
            "targets.acknowledge",
            "calendar.profile",
            "calendar.closures",
        ],
    ),
    (
        "late-acknowledgement",
        &[
            "targets.acknowledge",
            "calendar.profile",
            "calendar.closures",
        ],
    ),
    ("stale", &["targets.stale", "calendar.profile"]),
    (
        "overdue",
        &["targets.close", "targets.unclassified", "calendar.profile"],
    ),
    ("repeat-complaint", &["targets.repeat_days"]),
    ("dispute-window", &["targets.dispute_months"]),
];

fn step_of(code: &str) -> (&'static str, &'static str) {
    let spec = SPEC.iter().find(|(c, _)| *c == code).unwrap().1;
    let (_, nl, en) = STEPS.iter().find(|(s, _, _)| *s == spec).unwrap();
    (nl, en)
}

/// Runs klacht in `dir`; returns (exit code, stdout, stderr).
fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = klacht_in(dir, args);
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).expect("UTF-8"),
        String::from_utf8(out.stderr).expect("UTF-8"),
    )
}

/// `text` with every run of white space one space: the explanation is wrapped to the terminal.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn every_spec_rule_is_explained_in_both_languages_with_its_step_and_settings() {
    let dir = temp_dir("uitleg-every");
    for (code, _) in SPEC {
        let (nl_step, en_step) = step_of(code);
        let runs = [
            (
                vec!["uitleg", code],
                nl_step,
                "stap",
                "Wat de procedure vraagt",
            ),
            (
                vec!["--lang", "en", "explain", code],
                en_step,
                "step",
                "What the procedure asks",
            ),
        ];
        for (args, step, word, procedure) in runs {
            let (exit, out, err) = run(&dir, &args);
            assert_eq!(exit, 0, "{args:?}: {err}");
            let first = out.lines().next().unwrap_or_default();
            assert!(first.starts_with(code), "{args:?}: {first}");
            assert!(
                first.contains(&format!("{word}: {step} ")),
                "{args:?}: the step is named: {first}"
            );
            assert!(out.contains(procedure), "{args:?}:\n{out}");
            assert!(out.contains("Model Klachtenbehandeling"), "{args:?}");
            // How to change the severity, with the rule's own key.
            assert!(
                out.contains(&format!("    [severity]\n    {code} = \"")),
                "{args:?}:\n{out}"
            );
            assert!(!out.contains('{'), "a blank left in {args:?}:\n{out}");
            let settings = SETTINGS.iter().find(|(c, _)| *c == code);
            for key in settings.map_or(&[][..], |(_, keys)| *keys) {
                assert!(
                    flat(&out).contains(key),
                    "{args:?}: {key} not named:\n{out}"
                );
            }
        }
    }
}

#[test]
fn the_settings_in_force_come_from_the_configuration() {
    let dir = temp_dir("uitleg-config");
    let (_, out, _) = run(&dir, &["uitleg", "late-acknowledgement"]);
    let out = flat(&out);
    assert!(
        out.contains("1 werkdag (instelling targets.acknowledge)"),
        "{out}"
    );
    assert!(out.contains("ernst: waarschuwing"), "{out}");
    assert!(out.contains("Geen klacht.toml gevonden"), "{out}");

    std::fs::write(
        dir.join("klacht.toml"),
        "[targets]\nacknowledge = 3\nclose = { 1 = 5 }\n[calendar]\nprofile = \"atw\"\n\
         [severity]\nlate-acknowledgement = \"error\"\nopen-escalation = \"off\"\n",
    )
    .unwrap();
    let (exit, out, err) = run(&dir, &["uitleg", "late-acknowledgement"]);
    assert_eq!(exit, 0, "{err}");
    let out = flat(&out);
    assert!(
        out.contains("3 werkdagen (instelling targets.acknowledge)"),
        "{out}"
    );
    assert!(
        out.contains("de feestdagen van profiel atw (instelling calendar.profile)"),
        "{out}"
    );
    assert!(out.contains("ernst: fout"), "{out}");
    assert!(
        out.contains("late-acknowledgement = \"error\""),
        "the line to change, as it is now: {out}"
    );
    let from = format!(
        "Instellingen gelezen uit {}",
        dir.join("klacht.toml").display()
    );
    assert!(out.contains(&from), "{out}");
    let (_, out, _) = run(&dir, &["--lang", "en", "explain", "overdue"]);
    assert!(
        flat(&out).contains(
            "urgency 1: 5 working days, 2–3: 10 working days, 4–7: 20 working days, 8: no target (setting targets.close)"
        ),
        "{out}"
    );
    let (_, out, _) = run(&dir, &["uitleg", "open-escalation"]);
    assert!(out.contains("ernst: uit"), "{out}");
    assert!(out.contains("open-escalation = \"off\""), "{out}");

    // --config as the other commands take it, here from another directory.
    let other = temp_dir("uitleg-config-other");
    let config = dir.join("klacht.toml");
    let (exit, out, _) = run(
        &other,
        &["--config", arg(&config), "uitleg", "late-acknowledgement"],
    );
    assert_eq!(exit, 0);
    assert!(
        flat(&out).contains("3 werkdagen (instelling targets.acknowledge)"),
        "{out}"
    );
}

#[test]
fn an_unknown_code_is_a_usage_error_that_names_the_nearest_codes() {
    let dir = temp_dir("uitleg-unknown");
    for (args, nearest, words) in [
        (
            &["uitleg", "late-ack"][..],
            "late-acknowledgement",
            "is geen regel van klacht. Bedoelt u:",
        ),
        (
            &["uitleg", "overdeu"],
            "overdue",
            "is geen regel van klacht",
        ),
        (
            &["--lang", "en", "explain", "duplicate"],
            "duplicate-id, possible-duplicate",
            "is not a rule of klacht. Did you mean:",
        ),
    ] {
        let (exit, out, err) = run(&dir, args);
        assert_eq!(exit, 2, "{args:?}");
        assert!(out.is_empty(), "nothing on stdout: {out}");
        assert!(err.contains(words), "{args:?}: {err}");
        assert!(err.contains(nearest), "{args:?}: {err}");
    }
    // A code is found as people type it.
    let (exit, out, _) = run(&dir, &["uitleg", "Late_Acknowledgement"]);
    assert_eq!(exit, 0);
    assert!(out.starts_with("late-acknowledgement "), "{out}");
}

#[test]
fn without_a_code_every_rule_is_listed_once_under_its_step() {
    let dir = temp_dir("uitleg-list");
    for (args, english) in [
        (&["uitleg"][..], false),
        (&["--lang", "en", "explain"], true),
    ] {
        let (exit, out, err) = run(&dir, args);
        assert_eq!(exit, 0, "{err}");
        let lines: Vec<&str> = out.lines().collect();
        // Step headings in the procedure's order, each with its own rules below it.
        let mut heading_at = Vec::new();
        for (spec, nl, en) in STEPS {
            let label = if english { en } else { nl };
            let at = lines
                .iter()
                .position(|l| l.starts_with(&format!("{label} — ")))
                .unwrap_or_else(|| panic!("no heading {label}:\n{out}"));
            heading_at.push((spec, at));
        }
        assert!(heading_at.windows(2).all(|w| w[0].1 < w[1].1), "{out}");
        let listed: Vec<(usize, &str)> = lines
            .iter()
            .enumerate()
            .filter(|(_, l)| l.starts_with("  ") && !l.starts_with("   "))
            .map(|(i, l)| (i, l.split_whitespace().next().unwrap()))
            .collect();
        let mut codes: Vec<&str> = listed.iter().map(|(_, c)| *c).collect();
        codes.sort_unstable();
        let mut spec: Vec<&str> = SPEC.iter().map(|(c, _)| *c).collect();
        spec.sort_unstable();
        assert_eq!(codes, spec, "each SPEC code once");
        for (i, code) in listed {
            let step = SPEC.iter().find(|(c, _)| *c == code).unwrap().1;
            let under = heading_at.iter().rev().find(|(_, at)| *at < i).unwrap().0;
            assert_eq!(under, step, "{code} under the wrong step:\n{out}");
        }
    }
}

/// The rule found most often in a `check --json` document (the first code of those tied).
fn most_found(doc: &serde_json::Value) -> String {
    let by_rule = doc["findings"]["by_rule"].as_object().unwrap();
    let max = by_rule.values().filter_map(|v| v.as_u64()).max().unwrap();
    by_rule
        .iter()
        .find(|(_, v)| v.as_u64() == Some(max))
        .map(|(k, _)| k.clone())
        .unwrap()
}

#[test]
fn the_findings_point_to_the_explanation() {
    let dir = temp_dir("uitleg-findings");
    let register = sample("klachtenregister-2025-2026.xlsx");
    let (doc, _) = check_json(&dir, &["--as-of", "2026-09-30", arg(&register)]);
    let most = most_found(&doc);
    // The terminal summary of check ends with the hint, naming the rule found most often.
    let (_, out, _) = run(&dir, &["check", "--as-of", "2026-09-30", arg(&register)]);
    assert_eq!(
        out.lines().last(),
        Some(
            format!("meer uitleg: klacht uitleg CODE (bijvoorbeeld klacht uitleg {most})").as_str()
        ),
        "{out}"
    );
    let (_, out, _) = run(
        &dir,
        &[
            "--lang",
            "en",
            "check",
            "--as-of",
            "2026-09-30",
            arg(&register),
        ],
    );
    assert_eq!(
        out.lines().last(),
        Some(format!("more: klacht explain CODE (for example klacht explain {most})").as_str())
    );
    // And so does report's, for the findings that count for the period.
    let (exit, out, err) = run(
        &dir,
        &[
            "report",
            arg(&register),
            "--period",
            "2026-Q3",
            "--out",
            "rapport",
        ],
    );
    assert_eq!(exit, 0, "{err}");
    let kpi: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("rapport/kpi.json")).unwrap()).unwrap();
    let period_most = most_found(&kpi);
    assert_eq!(
        out.lines().last(),
        Some(
            format!("meer uitleg: klacht uitleg CODE (bijvoorbeeld klacht uitleg {period_most})")
                .as_str()
        ),
        "{out}"
    );

    // The Bevindingen sheet: each finding and each rule's count with the explanation's first
    // sentence, the one `klacht uitleg CODE` prints first.
    let mut wb: Xlsx<_> = open_workbook(dir.join("rapport/klachtenrapport-2026-Q3.xlsx")).unwrap();
    wb.load_tables().unwrap();
    let mut first_sentence: BTreeMap<String, String> = BTreeMap::new();
    for table in ["Bevindingenlijst", "BevindingenPerRegel"] {
        let t = wb.table_by_name(table).unwrap();
        let col = |name: &str| t.columns().iter().position(|h| h == name).unwrap();
        let (code, uitleg) = (col("Code"), col("Uitleg"));
        assert_eq!(uitleg, t.columns().len() - 1, "{table}: Uitleg comes last");
        let mut rows = 0;
        for row in t.data().rows() {
            let code = row[code].to_string();
            let Data::String(text) = &row[uitleg] else {
                panic!("{table}: no explanation for {code}");
            };
            let expected = first_sentence.entry(code.clone()).or_insert_with(|| {
                let (_, out, _) = run(&dir, &["uitleg", &code]);
                // The paragraph after the heading line.
                flat(out.split("\n\n").nth(1).unwrap())
            });
            assert_eq!(text, expected, "{table}, {code}");
            rows += 1;
        }
        assert!(rows > 0, "{table} has rows");
    }
    assert!(first_sentence.len() > 5, "{first_sentence:?}");
}
