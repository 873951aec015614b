//! Running the binary and finding test inputs.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// The written-out holidays of SPEC §4 (2024–2027), working days counted one day at a time,
/// and median and p90 by their definitions: the unit tests' oracle (`src/testkit.rs`),
/// included as it is so that both kinds of test share one table.
#[path = "../../src/testkit.rs"]
pub mod oracle;

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A file in `sample-data/`.
pub fn sample(name: &str) -> PathBuf {
    root().join("sample-data").join(name)
}

/// A real register in `../shared/registers/` (CI has `shared/` beside the clone).
pub fn shared(name: &str) -> PathBuf {
    let p = root().join("../shared/registers").join(name);
    assert!(
        p.exists(),
        "{} is missing: the tests need ../shared/registers",
        p.display()
    );
    p
}

/// A mapping from `examples/mappings/`.
pub fn mapping(name: &str) -> PathBuf {
    root().join("examples/mappings").join(name)
}

/// A fresh, empty temporary directory for one test.
pub fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("klacht-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Runs `klacht` with `args` in `dir` (so no stray klacht.toml is picked up).
pub fn klacht_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_klacht"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("the klacht binary runs")
}

/// Runs `klacht` with `args` in `dir`, which must succeed and name the output folder with
/// `--out` (relative to `dir`, or absolute); returns the report's `kpi.json`.
pub fn report_kpi(dir: &Path, args: &[&str]) -> serde_json::Value {
    let run = klacht_in(dir, args);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let at = args.iter().position(|a| *a == "--out").expect("--out");
    let out = dir.join(args[at + 1]);
    serde_json::from_slice(&std::fs::read(out.join("kpi.json")).unwrap()).unwrap()
}

/// Runs `klacht check --json` and parses its document; returns it with the exit code.
pub fn check_json(dir: &Path, args: &[&str]) -> (serde_json::Value, i32) {
    let mut all = vec!["check", "--json"];
    all.extend_from_slice(args);
    let out = klacht_in(dir, &all);
    let code = out.status.code().unwrap_or(-1);
    let doc = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "check --json gave no JSON ({e}); exit {code}\nstderr: {}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (doc, code)
}

/// How many findings of rule `code` a `check --json` document has.
pub fn count(doc: &serde_json::Value, code: &str) -> u64 {
    doc["findings"]["by_rule"][code].as_u64().unwrap_or(0)
}

/// The items of rule `code` in a `check --json` document, in its order.
pub fn items_of<'a>(doc: &'a serde_json::Value, code: &str) -> Vec<&'a serde_json::Value> {
    doc["items"]
        .as_array()
        .map(|items| items.iter().filter(|i| i["code"] == code).collect())
        .unwrap_or_default()
}

/// Writes a seeded synthetic register of `rows` rows to `dir/name` with `klacht sample`.
pub fn generated(dir: &Path, name: &str, rows: u32, seed: u32) -> PathBuf {
    let path = dir.join(name);
    let (rows, seed) = (rows.to_string(), seed.to_string());
    let out = klacht_in(
        dir,
        &[
            "sample",
            "--rows",
            &rows,
            "--seed",
            &seed,
            "--out",
            arg(&path),
        ],
    );
    assert!(
        out.status.success(),
        "klacht sample: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    path
}

/// A path as an argument.
pub fn arg(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// What a run that had to finish in time gave.
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
    pub took: Duration,
}

/// Runs `klacht` with `args` in `dir` and kills it after `limit`: the test then fails with
/// "hang" instead of waiting forever. Output is drained while it runs, so a chatty run cannot
/// block on a full pipe.
pub fn klacht_timed(dir: &Path, args: &[&str], limit: Duration) -> Run {
    let start = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_klacht"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("SOURCE_DATE_EPOCH")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the klacht binary starts");
    let drain = |pipe: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut text = Vec::new();
            if let Some(mut p) = pipe {
                let _ = p.read_to_end(&mut text);
            }
            String::from_utf8_lossy(&text).into_owned()
        })
    };
    let out = drain(child.stdout.take().map(|p| Box::new(p) as _));
    let err = drain(child.stderr.take().map(|p| Box::new(p) as _));
    let status = loop {
        if let Some(status) = child.try_wait().expect("waiting for klacht") {
            break status;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("hang: klacht {args:?} still ran after {limit:?} and was killed");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Run {
        code: status.code(),
        stdout: out.join().unwrap_or_default(),
        stderr: err.join().unwrap_or_default(),
        took: start.elapsed(),
    }
}

/// One complaint of a `klacht sample` register, read by the tests' own, plain reading of its
/// CSV (not by klacht): the second implementation the figures are checked against.
pub struct Generated {
    pub received: chrono::NaiveDate,
    pub closed: Option<chrono::NaiveDate>,
    pub ack: Option<chrono::NaiveDate>,
    pub urgency: Option<u8>,
    pub due: Option<chrono::NaiveDate>,
    /// The customer number, else the name without case, spaces or punctuation.
    pub customer: String,
    pub technical: Option<bool>,
    /// The cause as written, if filled in.
    pub cause: Option<String>,
    /// The department as written, if filled in.
    pub department: Option<String>,
}

/// The complaints of a register written by `klacht sample` (`;`, dates `dd-mm-jjjj`).
pub fn read_generated(path: &Path) -> Vec<Generated> {
    let text = std::fs::read_to_string(path).unwrap();
    let text = text.trim_start_matches('\u{feff}');
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(text.as_bytes());
    let headers = rdr.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let oc = col("Oorzaak");
    let afd = col("Afdeling");
    let (rc, cc, ac, uc, dc, kc, nc, tc) = (
        col("Datum ontvangst"),
        col("Datum afgehandeld"),
        col("Datum ontvangstbevestiging"),
        col("Urgentie"),
        col("Streefdatum"),
        col("Klantnummer"),
        col("Klant"),
        col("Aard"),
    );
    let date = |s: &str| chrono::NaiveDate::parse_from_str(s.trim(), "%d-%m-%Y").ok();
    rdr.records()
        .map(|r| {
            let r = r.unwrap();
            let customer = if r[kc].trim().is_empty() {
                r[nc]
                    .chars()
                    .filter(|c| c.is_alphanumeric())
                    .flat_map(char::to_lowercase)
                    .collect()
            } else {
                r[kc].trim().to_lowercase()
            };
            Generated {
                received: date(&r[rc]).unwrap(),
                closed: date(&r[cc]),
                ack: date(&r[ac]),
                urgency: r[uc].trim().parse().ok(),
                due: date(&r[dc]),
                customer,
                technical: match r[tc].trim() {
                    "technisch" => Some(true),
                    "niet-technisch" => Some(false),
                    _ => None,
                },
                cause: Some(r[oc].trim().to_string()).filter(|c| !c.is_empty()),
                department: Some(r[afd].trim().to_string()).filter(|c| !c.is_empty()),
            }
        })
        .collect()
}
