//! Reading and checking run in parallel batches (issue 6). One thread is the sequential
//! path: every input must give the same register and findings, byte for byte, on one thread
//! and on several, also when the register spans many batches and chunks and a column that is
//! reported once per file is missing in every chunk.

use crate::util::{arg, generated, mapping, sample, shared, temp_dir};
use std::path::Path;

/// `check --json` (with an annotated findings file) on `threads` threads.
fn check(dir: &Path, threads: &str, args: &[&str]) -> (Vec<u8>, Vec<u8>) {
    let findings = dir.join(format!("findings-{threads}.csv"));
    let mut all = vec![
        "check",
        "--json",
        "--as-of",
        "2026-06-30",
        "--fail-on",
        "never",
    ];
    all.extend_from_slice(args);
    all.extend(["--findings", arg(&findings)]);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_klacht"))
        .args(&all)
        .current_dir(dir)
        .env("RAYON_NUM_THREADS", threads)
        .env("NO_COLOR", "1")
        .output()
        .expect("the klacht binary runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (out.stdout, std::fs::read(findings).unwrap())
}

fn same_on_one_and_four_threads(dir: &Path, args: &[&str]) {
    let one = check(dir, "1", args);
    let four = check(dir, "4", args);
    assert!(one.0.len() > 1_000, "{args:?}: a real document");
    assert!(
        one.0 == four.0,
        "{args:?}: JSON differs between 1 and 4 threads"
    );
    assert!(one.1 == four.1, "{args:?}: findings file differs");
}

#[test]
fn one_thread_and_four_give_the_same_register_and_findings() {
    let dir = temp_dir("parallel");
    // 40,000 rows: three read batches and five rule chunks; and the same without its
    // urgency column, so `missing-urgency` is reported once for the file from every chunk.
    let big = generated(&dir, "big.csv", 40_000, 6);
    let text = std::fs::read_to_string(&big).unwrap();
    let header: Vec<&str> = text.lines().next().unwrap().split(';').collect();
    let cat = header
        .iter()
        .position(|h| *h == "Urgentie")
        .expect("an urgency column");
    let without: String = text
        .lines()
        .map(|l| {
            let mut cells: Vec<&str> = l.split(';').collect();
            if cells.len() == header.len() {
                cells.remove(cat);
            }
            cells.join(";") + "\n"
        })
        .collect();
    let no_urgency = dir.join("no-urgency.csv");
    std::fs::write(&no_urgency, without).unwrap();
    let (doc, _) = crate::util::check_json(&dir, &[arg(&no_urgency), "--as-of", "2026-06-30"]);
    let once = doc["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "missing-urgency")
        .count();
    assert_eq!(once, 1, "missing-urgency once for the file");
    assert_eq!(doc["findings"]["by_rule"]["missing-urgency"], 1);

    same_on_one_and_four_threads(&dir, &[arg(&big)]);
    same_on_one_and_four_threads(&dir, &[arg(&no_urgency), arg(&big)]);
    let xlsx = sample("klachtenregister-2025-2026.xlsx");
    let csv = sample("klachtenregister-2025-2026.csv");
    same_on_one_and_four_threads(&dir, &[arg(&csv), arg(&xlsx)]);
    for (register, map) in [
        ("cfpb_2013_cuny_msda.csv", "cfpb.toml"),
        ("nyc311_2024-04_socrata_api.csv", "nyc311-2024.toml"),
        ("comcast_fcc_complaints_2015.tsv.csv", "comcast.toml"),
    ] {
        let (register, map) = (shared(register), mapping(map));
        same_on_one_and_four_threads(&dir, &["--config", arg(&map), arg(&register)]);
    }
}
