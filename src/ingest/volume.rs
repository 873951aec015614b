//! The company's work orders per month (`[volume]`, SPEC §5 complaint rate): from the
//! configuration's own months, or from the small CSV it names, read as registers are read
//! (`;` or `,`, UTF-8 or Windows-1252, Dutch numbers `1.234`).
//!
//! The file has a month, a number of work orders and optionally a department per line, with
//! or without a header row (`maand;werkbonnen;afdeling`, in any order). A line without a
//! department is the company's total for the month; without one, the total is the sum of the
//! departments. A blank number means no volume for that month; blank lines and totals rows
//! (`Totaal`) are skipped. Anything else that cannot be read stops the run with the file and
//! the cell.

use super::csv::open_csv;
use super::load::is_totals;
use super::value::{parse_date, parse_money};
use super::{Raw, RawRow, ReadOptions};
use crate::base::key::{normalize_key, same_key};
use crate::base::DayOrder;
use crate::config::{
    month_key_text, month_start, Config, DepartmentVolume, VolumeSetting, Volumes, MAX_WORK_ORDERS,
};
use crate::error::{Error, VolumeProblem};
use crate::register::Field;
use crate::Lang;
use chrono::NaiveDate;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// The volume the configuration gives, read from its file if it names one; `None` without
/// `[volume]`.
pub fn volumes(config: &Config) -> Result<Option<Volumes>, Error> {
    match &config.volume {
        None => Ok(None),
        Some(VolumeSetting::Months(months)) => Ok(Some(Volumes::from_months(months))),
        Some(VolumeSetting::File { path, .. }) => read_volume_file(path, config).map(Some),
    }
}

/// Reads the volume file at `path` under the configuration's limits; numeric dates in the
/// month column (`1-7-2026`) follow its `date_order`.
pub fn read_volume_file(path: &Path, config: &Config) -> Result<Volumes, Error> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, &e))?;
    if meta.len() > config.limits.max_bytes {
        return Err(Error::TooLarge {
            path: path.into(),
            limit: config.limits.max_bytes.to_string(),
            key: "max_bytes",
        });
    }
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, &e))?;
    let opts = ReadOptions {
        limits: config.limits.clone(),
        ..ReadOptions::default()
    };
    let (_, rows) = open_csv(path, bytes, &opts)?;
    read_rows(path, rows, config.date_order)
}

/// The columns of the file.
#[derive(Debug, Clone, Copy)]
struct Columns {
    month: usize,
    work_orders: usize,
    department: Option<usize>,
}

/// Headers of the month and work-orders columns, compared as header keys (case, accents,
/// spaces and punctuation aside); the department's are the register's.
const MONTH_HEADERS: &[&str] = &["maand", "month", "periode", "period", "jaar maand"];
const WORK_ORDER_HEADERS: &[&str] = &[
    "werkbonnen",
    "werkbon",
    "aantal werkbonnen",
    "work orders",
    "work order",
    "orders",
    "opdrachten",
    "aantal opdrachten",
    "aantal",
    "volume",
    "installaties",
    "installations",
    "jobs",
];

impl Columns {
    /// The columns named by a header row, if it names a month and a work-orders column.
    fn from_header(cells: &[Raw]) -> Option<Columns> {
        let find = |names: &[&str]| {
            cells.iter().position(|c| match c {
                Raw::Text(t) => names.iter().any(|n| same_key(n, t)),
                _ => false,
            })
        };
        let department = Field::Department;
        let mut department_names = vec![department.header(Lang::Nl), department.header(Lang::En)];
        department_names.extend(department.synonyms());
        Some(Columns {
            month: find(MONTH_HEADERS)?,
            work_orders: find(WORK_ORDER_HEADERS)?,
            department: find(&department_names),
        })
    }
}

/// What the rows say, before the totals are made.
#[derive(Default)]
struct Read {
    /// The month's total as written, and its row.
    totals: BTreeMap<NaiveDate, (u64, u32)>,
    /// Per department key: the name as first written and its months.
    departments: BTreeMap<String, (String, BTreeMap<NaiveDate, u64>)>,
    /// The row that gave a (month, department key), for duplicates.
    first: HashMap<(NaiveDate, String), u32>,
}

fn read_rows(
    path: &Path,
    rows: impl Iterator<Item = Result<RawRow, Error>>,
    order: DayOrder,
) -> Result<Volumes, Error> {
    let fail = |row: u32, col: Option<usize>, problem| Error::Volume {
        path: path.into(),
        row,
        col: col.and_then(|c| u32::try_from(c).ok()),
        problem,
    };
    let mut columns: Option<Columns> = None;
    let mut read = Read::default();
    let mut last_row = 0;
    for row in rows {
        let RawRow { row, cells, .. } = row?;
        last_row = row;
        if cells.iter().all(Raw::is_empty) {
            continue;
        }
        let cols = match columns {
            Some(c) => c,
            None => {
                // A first line that starts with a month has no header: month, number,
                // department in that order.
                if parse_month(&cells[0], order).is_some() {
                    Columns {
                        month: 0,
                        work_orders: 1,
                        department: Some(2),
                    }
                } else {
                    let found = Columns::from_header(&cells);
                    columns = Some(found.ok_or_else(|| fail(row, None, VolumeProblem::Header))?);
                    continue;
                }
            }
        };
        columns = Some(cols);
        let cell = |c: usize| cells.get(c).unwrap_or(&Raw::Empty);
        let month_cell = cell(cols.month);
        let month = parse_month(month_cell, order);
        // A totals row has no month (a department may start like one: `Sommelsdijk`).
        let first_text = cells.iter().find_map(|c| match c {
            Raw::Text(t) if !t.trim().is_empty() => Some(t),
            _ => None,
        });
        if month.is_none() && first_text.is_some_and(|t| is_totals(t)) {
            continue;
        }
        let Some(work_orders) = parse_work_orders(cell(cols.work_orders)).map_err(|()| {
            let value = crate::config::quote(&cell(cols.work_orders).display());
            let max = MAX_WORK_ORDERS;
            fail(
                row,
                Some(cols.work_orders),
                VolumeProblem::WorkOrders { value, max },
            )
        })?
        else {
            // No number: no volume for the month.
            continue;
        };
        let month = month.ok_or_else(|| {
            let value = crate::config::quote(&month_cell.display());
            fail(row, Some(cols.month), VolumeProblem::Month { value })
        })?;
        let department = cols
            .department
            .map(|c| cell(c).display().trim().to_string())
            .filter(|d| !d.is_empty());
        let key = department.as_deref().map(normalize_key).unwrap_or_default();
        if let Some(first) = read.first.insert((month, key.clone()), row) {
            let what = match &department {
                Some(d) => format!("{}, {d}", month_key_text(month)),
                None => month_key_text(month),
            };
            let problem = VolumeProblem::Duplicate {
                what,
                first: first + 1,
            };
            return Err(fail(row, Some(cols.month), problem));
        }
        match department {
            None => {
                read.totals.insert(month, (work_orders, row));
            }
            Some(name) => {
                let entry = read
                    .departments
                    .entry(key)
                    .or_insert((name, BTreeMap::new()));
                entry.1.insert(month, work_orders);
            }
        }
    }
    if read.totals.is_empty() && read.departments.is_empty() {
        return Err(fail(last_row, None, VolumeProblem::NoRows));
    }
    volumes_of(read).map_err(|(row, problem)| fail(row, None, problem))
}

/// The totals per month (as written, else the sum of the departments) and the departments
/// sorted by name; a written total below its departments' sum is an error at its row.
fn volumes_of(read: Read) -> Result<Volumes, (u32, VolumeProblem)> {
    let mut sums: BTreeMap<NaiveDate, u64> = BTreeMap::new();
    for (_, months) in read.departments.values() {
        for (&m, &n) in months {
            *sums.entry(m).or_default() += n;
        }
    }
    let mut totals = sums.clone();
    for (&month, &(total, row)) in &read.totals {
        let sum = sums.get(&month).copied().unwrap_or(0);
        if total < sum {
            let month = month_key_text(month);
            return Err((row, VolumeProblem::Total { month, total, sum }));
        }
        totals.insert(month, total);
    }
    let mut departments: Vec<DepartmentVolume> = read
        .departments
        .into_values()
        .map(|(name, months)| DepartmentVolume { name, months })
        .collect();
    departments.sort_by_cached_key(|d| (d.name.to_lowercase(), d.name.clone()));
    Ok(Volumes {
        totals,
        departments,
    })
}

/// A whole number of work orders (`412`, `1.234`); `Ok(None)` for a blank cell.
fn parse_work_orders(raw: &Raw) -> Result<Option<u64>, ()> {
    match parse_money(raw)? {
        None => Ok(None),
        // A whole, non-negative number within range (read as an amount: `1.234`, `412,00`).
        Some(c) if c.0 >= 0 && c.0 % 100 == 0 && (c.0 / 100) as u64 <= MAX_WORK_ORDERS => {
            Ok(Some((c.0 / 100) as u64))
        }
        Some(_) => Err(()),
    }
}

/// A month as people write one: `2026-07`, `2026/7`, `07-2026`, `7/2026`, `juli 2026`,
/// `jul-26`, `July 2026`, or a date in the month (`1-7-2026`, `2026-07-01`, a date cell).
fn parse_month(raw: &Raw, order: DayOrder) -> Option<NaiveDate> {
    let text = match raw {
        Raw::DateTime(d) => return Some(month_start(d.date())),
        Raw::Text(t) => t.trim().trim_start_matches('\'').trim(),
        _ => return None,
    };
    if let Some(month) = numeric_month(text) {
        return Some(month);
    }
    // A bare number is no month (a date parser would take it for a serial or yyyymmdd).
    if text.is_empty() || text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let date = |t: &str, order| {
        parse_date(&Raw::Text(t.to_string()), false)
            .ok()
            .flatten()
            .and_then(|v| v.resolve(order))
            .map(|d| month_start(d.date()))
    };
    // A whole date, else a month name with a day put before it (`juli 2026`, `jul-26`).
    let named = text.starts_with(char::is_alphabetic);
    date(text, order)
        .or_else(|| named.then(|| date(&format!("1 {text}"), DayOrder::DayFirst))?)
        .or_else(|| named.then(|| date(&format!("1-{text}"), DayOrder::DayFirst))?)
}

/// `yyyy-mm` or `mm-yyyy`, with `-`, `/` or `.` between and the month in one or two digits.
fn numeric_month(text: &str) -> Option<NaiveDate> {
    let (a, b) = text.split_once(['-', '/', '.'])?;
    let number = |s: &str, len: std::ops::RangeInclusive<usize>| {
        (len.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    let (year, month) = match (number(a, 4..=4), number(b, 1..=2)) {
        (Some(y), Some(m)) => (y, m),
        _ => (number(b, 4..=4)?, number(a, 1..=2)?),
    };
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn month(y: i32, m: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, 1).unwrap()
    }

    /// Reads `text` as a volume file named `w.csv`.
    fn read(text: &str) -> Result<Volumes, Error> {
        let (_, rows) = open_csv(
            Path::new("w.csv"),
            text.as_bytes().to_vec(),
            &ReadOptions::default(),
        )?;
        read_rows(Path::new("w.csv"), rows, DayOrder::DayFirst)
    }

    /// Code, 1-based row and column letter of a volume error.
    fn at(e: &Error) -> (&'static str, u32, Option<u32>) {
        match e {
            Error::Volume { row, col, .. } => (e.code(), row + 1, *col),
            _ => panic!("not a volume error: {e:?}"),
        }
    }

    #[test]
    fn months_as_people_write_them() {
        let text = |s: &str| Raw::Text(s.to_string());
        for (written, y, m) in [
            ("2026-07", 2026, 7),
            (" 2026/7 ", 2026, 7),
            ("2026.12", 2026, 12),
            ("07-2026", 2026, 7),
            ("7/2026", 2026, 7),
            ("juli 2026", 2026, 7),
            ("jul 2026", 2026, 7),
            ("July 2026", 2026, 7),
            ("mrt 2026", 2026, 3),
            ("jul-26", 2026, 7),
            ("1-7-2026", 2026, 7),
            ("31-07-2026", 2026, 7),
            ("2026-07-01", 2026, 7),
            ("'2026-07", 2026, 7),
        ] {
            assert_eq!(
                parse_month(&text(written), DayOrder::DayFirst),
                Some(month(y, m)),
                "{written}"
            );
        }
        let cell = chrono::NaiveDateTime::parse_from_str("2026-07-01 00:00", "%Y-%m-%d %H:%M");
        assert_eq!(
            parse_month(&Raw::DateTime(cell.unwrap()), DayOrder::DayFirst),
            Some(month(2026, 7))
        );
        // An ambiguous date follows the configured order.
        assert_eq!(
            parse_month(&text("1-7-2026"), DayOrder::MonthFirst),
            Some(month(2026, 1))
        );
        for bad in [
            "",
            "2026",
            "202607",
            "46204",
            "2026-13",
            "13-2026",
            "juli",
            "zomer 2026",
            "2026-07-32",
            "-",
        ] {
            assert_eq!(parse_month(&text(bad), DayOrder::DayFirst), None, "{bad}");
        }
    }

    #[test]
    fn work_orders_are_whole_numbers_as_dutch_excel_writes_them() {
        let text = |s: &str| Raw::Text(s.to_string());
        assert_eq!(parse_work_orders(&text("412")), Ok(Some(412)));
        assert_eq!(parse_work_orders(&text("1.234")), Ok(Some(1234)));
        assert_eq!(parse_work_orders(&text("1.234,00")), Ok(Some(1234)));
        assert_eq!(parse_work_orders(&text("0")), Ok(Some(0)));
        assert_eq!(parse_work_orders(&text("")), Ok(None));
        assert_eq!(parse_work_orders(&text("n.v.t.")), Ok(None));
        for bad in ["-3", "41,5", "veel", "2000000000"] {
            assert_eq!(parse_work_orders(&text(bad)), Err(()), "{bad}");
        }
    }

    #[test]
    fn a_file_with_header_departments_and_totals() {
        let v = read(
            "Afdeling;Maand;Aantal werkbonnen\n\
             Service;2026-07;300\n\
             Koeltechniek;2026-07;1.100\n\
             \n\
             ;2026-07;1.500\n\
             Service;2026-08;280\n\
             koeltechniek ;2026-08;900\n\
             Service;2026-09;\n\
             Totaal;;4.080\n\
             Sommelsdijk;2026-08;0\n",
        )
        .unwrap();
        // July's total as written; August's the sum of its departments; September has none.
        assert_eq!(
            v.totals,
            [(month(2026, 7), 1500), (month(2026, 8), 1180)].into()
        );
        let names: Vec<&str> = v.departments.iter().map(|d| d.name.as_str()).collect();
        assert_eq!(names, ["Koeltechniek", "Service", "Sommelsdijk"]);
        assert_eq!(
            v.departments[0].months,
            [(month(2026, 7), 1100), (month(2026, 8), 900)].into()
        );
        assert_eq!(
            v.departments[1].months,
            [(month(2026, 7), 300), (month(2026, 8), 280)].into()
        );
    }

    #[test]
    fn a_file_without_header_is_month_number_department() {
        let v = read("2026-07,412\n2026-08,\"1,380\"\n").unwrap();
        assert_eq!(
            v.totals,
            [(month(2026, 7), 412), (month(2026, 8), 1380)].into()
        );
        assert!(v.departments.is_empty());
        // Windows-1252, as Dutch Excel saves CSV.
        let bytes = b"maand;werkbonnen;afdeling\r\n2026-07;12;Caf\xe9\r\n".to_vec();
        let (_, rows) = open_csv(Path::new("w.csv"), bytes, &ReadOptions::default()).unwrap();
        let v = read_rows(Path::new("w.csv"), rows, DayOrder::DayFirst).unwrap();
        assert_eq!(v.departments[0].name, "Café");
    }

    #[test]
    fn errors_name_the_row_and_cell() {
        let cases = [
            (
                "maand;werkbonnen\n2026-07;412\nzomer;380\n",
                "E-volume-month",
                3,
                Some(0),
            ),
            (
                "maand;werkbonnen\n2026-07;-3\n",
                "E-volume-number",
                2,
                Some(1),
            ),
            (
                "maand;werkbonnen\n2026-07;41,5\n",
                "E-volume-number",
                2,
                Some(1),
            ),
            (
                "2026-07;412\n\n2026-7;413\n",
                "E-volume-duplicate",
                3,
                Some(0),
            ),
            (
                "maand;afdeling;werkbonnen\n2026-07;Service;4\n2026-07;SERVICE;5\n",
                "E-volume-duplicate",
                3,
                Some(0),
            ),
            (
                "maand;afdeling;werkbonnen\n2026-07;Service;40\n2026-07;;30\n",
                "E-volume-total",
                3,
                None,
            ),
            (
                "datum;aantal klachten\n2026-07;4\n",
                "E-volume-header",
                1,
                None,
            ),
            ("maand;werkbonnen\n2026-07;\n", "E-volume-empty", 2, None),
        ];
        for (text, code, row, col) in cases {
            let e = read(text).unwrap_err();
            assert_eq!(at(&e), (code, row, col), "{text}");
            assert_eq!(e.path(), Some(Path::new("w.csv")));
        }
        let e = read("2026-07;412\n2026-07;413\n").unwrap_err();
        assert_eq!(
            e.message(Lang::Nl),
            "w.csv, cel A2: 2026-07 staat al op rij 1; geef elke maand (per afdeling) één keer."
        );
        let e = read("maand;werkbonnen\n2026-07;veel\n").unwrap_err();
        assert_eq!(
            e.message(Lang::En),
            "w.csv, cell B2: \"veel\" is not a number of work orders; expected a whole number from 0 to 1000000000."
        );
    }

    #[test]
    fn the_configuration_gives_months_or_a_file() {
        assert_eq!(volumes(&Config::default()), Ok(None));
        let july = month(2026, 7);
        let config = Config {
            volume: Some(VolumeSetting::Months([(july, 412)].into())),
            ..Config::default()
        };
        assert_eq!(volumes(&config).unwrap().unwrap().total(july), Some(412));
        let config = Config {
            volume: Some(VolumeSetting::File {
                written: "weg.csv".into(),
                path: "/nonexistent/weg.csv".into(),
            }),
            ..Config::default()
        };
        assert_eq!(volumes(&config).unwrap_err().code(), "E-not-found");
    }
}
