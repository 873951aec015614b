//! Test helpers for the rules: small registers written as CSV files (template headers, `;`,
//! `dd-mm-jjjj`) and loaded the way `klacht` loads them, so that the reading rules and the
//! procedure rules are tested on the same path real registers take.

use super::{check_all, Context};
use crate::base::Rule;
use crate::config::Config;
use crate::ingest::ReadOptions;
use crate::register::Finding;
use crate::register::{Field, Register};
use crate::Lang;
use chrono::NaiveDate;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The reference date of the tests: Wednesday 30 September 2026 (no holidays in September).
pub const AS_OF: &str = "30-09-2026";

/// A date written `dd-mm-jjjj`, as the CSV cells hold it.
pub fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%d-%m-%Y").unwrap()
}

/// The columns of a [`Sheet`] unless a test drops some: every field [`row`] fills.
const COLUMNS: &[Field] = &[
    Field::Id,
    Field::ReceivedDate,
    Field::Channel,
    Field::Customer,
    Field::CustomerType,
    Field::JobRef,
    Field::Description,
    Field::Nature,
    Field::Urgency,
    Field::Handler,
    Field::Assessor,
    Field::HandlingMode,
    Field::AckDate,
    Field::DueDate,
    Field::Cause,
    Field::Solution,
    Field::ClosedDate,
    Field::Status,
    Field::LastUpdate,
];

/// One register row: cells by field, plus cells right of the last header.
#[derive(Debug, Clone)]
pub struct Row {
    cells: BTreeMap<Field, String>,
    tail: Vec<String>,
}

/// A complaint that breaks no rule at [`AS_OF`]: received Tuesday 1 September 2026 by e-mail
/// from a business customer, urgency 5, assessed, answered in writing, acknowledged the same
/// day, closed a week later with cause and solution. Without an id, customer or job reference
/// of its own, the [`Sheet`] numbers them (`K-1`, `Klant 1`, `WB-1`), so rows never repeat
/// each other by accident.
pub fn row() -> Row {
    let cells = [
        (Field::ReceivedDate, "01-09-2026"),
        (Field::Channel, "e-mail"),
        (Field::CustomerType, "zakelijk"),
        (Field::Description, "Koelcel haalt temperatuur niet"),
        (Field::Nature, "technisch"),
        (Field::Urgency, "5"),
        (Field::Handler, "Jan de Vries"),
        (Field::Assessor, "Marieke Bos"),
        (Field::HandlingMode, "schriftelijk"),
        (Field::AckDate, "01-09-2026"),
        (Field::Cause, "montagefout"),
        (Field::Solution, "leiding opnieuw gesoldeerd"),
        (Field::ClosedDate, "08-09-2026"),
        (Field::Status, "afgehandeld"),
        (Field::LastUpdate, "08-09-2026"),
    ];
    Row {
        cells: cells.iter().map(|(f, v)| (*f, v.to_string())).collect(),
        tail: Vec::new(),
    }
}

impl Row {
    /// Sets `field`'s cell (`""` leaves it blank).
    pub fn set(mut self, field: Field, value: &str) -> Row {
        self.cells.insert(field, value.to_string());
        self
    }

    /// Received on `received` (`dd-mm-jjjj`), acknowledged the same day, and still open:
    /// no closed date, cause or solution, status in progress, last update on receipt.
    pub fn open(self, received: &str) -> Row {
        self.set(Field::ReceivedDate, received)
            .set(Field::AckDate, received)
            .set(Field::LastUpdate, received)
            .set(Field::ClosedDate, "")
            .set(Field::Cause, "")
            .set(Field::Solution, "")
            .set(Field::Status, "in behandeling")
    }

    /// Adds a cell right of the last header (a shifted row, or the value of an extra column).
    pub fn tail(mut self, value: &str) -> Row {
        self.tail.push(value.to_string());
        self
    }
}

/// One CSV file: template headers for its columns, then its rows and any literal lines.
#[derive(Debug, Clone)]
pub struct Sheet {
    columns: Vec<Field>,
    extra_headers: Vec<String>,
    lines: Vec<Line>,
}

#[derive(Debug, Clone)]
enum Line {
    Row(Row),
    Raw(String),
}

impl Sheet {
    /// A sheet with every column [`row`] fills.
    pub fn new(rows: impl IntoIterator<Item = Row>) -> Sheet {
        Sheet {
            columns: COLUMNS.to_vec(),
            extra_headers: Vec::new(),
            lines: rows.into_iter().map(Line::Row).collect(),
        }
    }

    /// Leaves `field`'s column out of the file.
    pub fn without(mut self, field: Field) -> Sheet {
        self.columns.retain(|f| *f != field);
        self
    }

    /// Adds `field`'s column (in template order); its cells are blank unless rows set them.
    pub fn with(mut self, field: Field) -> Sheet {
        if !self.columns.contains(&field) {
            self.columns.push(field);
            self.columns.sort();
        }
        self
    }

    /// Adds a column with a header the tool does not know, right of the others.
    pub fn extra_column(mut self, header: &str) -> Sheet {
        self.extra_headers.push(header.to_string());
        self
    }

    /// Appends a line as written, e.g. a totals row `;;;Totaal;3`.
    pub fn raw(mut self, line: &str) -> Sheet {
        self.lines.push(Line::Raw(line.to_string()));
        self
    }

    /// The file's text: header, then the lines; rows are numbered from 1 for their id,
    /// customer and job reference unless they set their own.
    pub fn csv(&self) -> String {
        let mut header: Vec<&str> = self.columns.iter().map(|f| f.header(Lang::Nl)).collect();
        header.extend(self.extra_headers.iter().map(String::as_str));
        let mut out = header.join(";") + "\n";
        let mut n = 0;
        for line in &self.lines {
            match line {
                Line::Raw(text) => out += text,
                Line::Row(r) => {
                    n += 1;
                    let auto = |f: Field| match f {
                        Field::Id => format!("K-{n}"),
                        Field::Customer => format!("Klant {n}"),
                        Field::JobRef => format!("WB-{n}"),
                        _ => String::new(),
                    };
                    let mut cells: Vec<String> = self
                        .columns
                        .iter()
                        .map(|f| r.cells.get(f).cloned().unwrap_or_else(|| auto(*f)))
                        .collect();
                    cells.extend(r.tail.iter().cloned());
                    out += &cells.join(";");
                }
            }
            out += "\n";
        }
        out
    }
}

/// A configuration from `klacht.toml` text.
pub fn config(toml: &str) -> Config {
    Config::from_toml_str(toml, "klacht.toml".as_ref()).unwrap()
}

/// Writes each sheet as `registerN.csv` into a fresh directory and loads them as one register.
pub fn load(sheets: &[Sheet], config: &Config) -> Register {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "klacht-rules-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let paths: Vec<PathBuf> = sheets
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let p = dir.join(format!("register{}.csv", i + 1));
            std::fs::write(&p, s.csv()).unwrap();
            p
        })
        .collect();
    let register = crate::ingest::load::load(&paths, config, &ReadOptions::default());
    let _ = std::fs::remove_dir_all(&dir);
    register.unwrap()
}

/// A register with the findings of every rule on it.
pub struct Checked {
    pub register: Register,
    pub findings: Vec<Finding>,
}

impl Checked {
    /// The findings of `rule`.
    pub fn of(&self, rule: Rule) -> Vec<&Finding> {
        self.findings.iter().filter(|f| f.rule == rule).collect()
    }

    /// How many findings `rule` has.
    pub fn count(&self, rule: Rule) -> usize {
        self.of(rule).len()
    }

    /// The cell addresses of `rule`'s findings (`C2`; CSV has no sheet name).
    pub fn cells(&self, rule: Rule) -> Vec<String> {
        self.of(rule)
            .iter()
            .map(|f| f.at.map(|a| self.register.address(&a)).unwrap_or_default())
            .collect()
    }
}

/// Loads `sheets` and runs every rule, with `config` on reference date `as_of` (`dd-mm-jjjj`).
pub fn check_with(sheets: &[Sheet], config: &Config, as_of: &str) -> Checked {
    let register = load(sheets, config);
    let calendar = config.calendar.working_days();
    let findings = {
        let ctx = Context::new(&register, config, &calendar, date(as_of));
        check_all(&ctx)
    };
    Checked { register, findings }
}

/// One sheet of `rows`, checked with the defaults on [`AS_OF`].
pub fn check(rows: impl IntoIterator<Item = Row>) -> Checked {
    check_with(&[Sheet::new(rows)], &Config::default(), AS_OF)
}
