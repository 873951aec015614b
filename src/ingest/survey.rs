//! A light pass over one register file for `klacht check --suggest-mapping`: which header row
//! and columns were found, and per column what its values look like (dates and their
//! day/month order, numbers, the distinct texts with their counts).
//!
//! It reads rows through the same readers and header detection as loading does, but parses
//! no complaints, so it also works on a file that does not (yet) read as a register: when no
//! row looks like a header, the first row with two or more filled cells stands in for it.

use super::header;
use super::value::{self, OrderEvidence};
use super::{Raw, RawRow, ReadOptions};
use crate::base::key::normalize_key;
use crate::config::Config;
use crate::error::{Error, Result};
use crate::register::Column;
use crate::register::FieldKind;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Distinct values counted per column; beyond this, new values are only counted as untracked
/// cells (a free-text column has as many values as rows).
pub const DISTINCT_LIMIT: usize = 1000;

/// What one file's columns hold.
#[derive(Debug, Clone)]
pub struct Survey {
    pub path: PathBuf,
    /// The sheet read (workbooks only).
    pub sheet: Option<String>,
    /// 0-based row of the header row.
    pub header_row: u32,
    /// True when no row looked like a header and the first row with two or more filled cells
    /// (else the first filled row) was taken as the header.
    pub fallback: bool,
    /// The header row's columns with the fields detection gave them.
    pub columns: Vec<Column>,
    /// Per column of `columns`, what its cells hold.
    pub stats: Vec<ColumnStats>,
    /// Rows below the header with at least one filled cell.
    pub rows: u64,
}

/// The values of one column.
#[derive(Debug, Clone, Default)]
pub struct ColumnStats {
    /// Cells that are not blank (empty, a lone space, `n.v.t.`, `-` …).
    pub filled: u64,
    /// Filled cells that read as a date.
    pub dates: u64,
    /// What the date cells say about the day/month order.
    pub order: OrderEvidence,
    /// Filled cells that read as an amount and not as a date.
    pub numbers: u64,
    /// Distinct values, most frequent first (after [`survey`] finishes); texts that a value
    /// mapping would treat as one key (`E-mail`, `email`) are one value, under the spelling
    /// seen first.
    pub values: Vec<Distinct>,
    /// Filled cells whose value was not counted because [`DISTINCT_LIMIT`] was reached.
    pub untracked: u64,
    index: HashMap<(bool, String), usize>,
}

/// One distinct value of a column.
#[derive(Debug, Clone, PartialEq)]
pub struct Distinct {
    /// The cell as first seen.
    pub raw: Raw,
    pub count: u64,
}

impl ColumnStats {
    /// Most of the filled cells (nine in ten) are dates.
    pub fn is_dates(&self) -> bool {
        self.filled > 0 && self.dates * 10 >= self.filled * 9
    }

    /// Most of the filled cells (nine in ten) are amounts.
    pub fn is_numbers(&self) -> bool {
        self.filled > 0 && self.numbers * 10 >= self.filled * 9
    }

    /// How many filled cells a field of `kind` would read: cells that parse, counted over
    /// the distinct values.
    pub fn readable_as(&self, kind: FieldKind) -> u64 {
        self.values
            .iter()
            .filter(|d| matches!(reading(kind, &d.raw), Ok(Some(_))))
            .map(|d| d.count)
            .sum()
    }

    /// Counts one filled cell (`date1904`: the workbook's date system, for serial numbers).
    pub fn add(&mut self, cell: &Raw, date1904: bool) {
        self.filled += 1;
        if let Some(d) = date_evidence(cell, date1904) {
            self.dates += 1;
            self.order.add(&d);
        } else if matches!(value::parse_money(cell), Ok(Some(_))) {
            self.numbers += 1;
        }
        let key = distinct_key(cell);
        if let Some(&i) = self.index.get(&key) {
            self.values[i].count += 1;
        } else if self.values.len() < DISTINCT_LIMIT {
            self.index.insert(key, self.values.len());
            self.values.push(Distinct {
                raw: cell.clone(),
                count: 1,
            });
        } else {
            self.untracked += 1;
        }
    }

    /// Puts the values most frequent first; equal counts keep the order first seen.
    fn sort(&mut self) {
        self.values.sort_by_key(|d| std::cmp::Reverse(d.count));
        self.index = (self.values.iter().enumerate())
            .map(|(i, d)| (distinct_key(&d.raw), i))
            .collect();
    }
}

/// The date a cell shows as a date: a workbook date cell, or text written as a date. A bare
/// number is no evidence, whether a number cell or digits in text: a date read as an Excel
/// serial or as `yyyymmdd` would make every column of zip codes, coordinates or day counts
/// a date column (a configured date column still reads both).
fn date_evidence(cell: &Raw, date1904: bool) -> Option<value::DateValue> {
    let bare = match cell {
        Raw::Number(_) => true,
        Raw::Text(t) => {
            let t = t.trim();
            !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit())
        }
        _ => false,
    };
    if bare {
        return None;
    }
    value::parse_date(cell, date1904).ok().flatten()
}

/// Cells with the same key are one distinct value: texts by the form value mappings compare
/// them in, other cells as displayed (a number cell is never mapped, so it stays apart).
fn distinct_key(cell: &Raw) -> (bool, String) {
    match cell {
        Raw::Text(t) => {
            let form = normalize_key(t);
            // A text without letters or digits cannot be a mapping key: keep it as written.
            if form.is_empty() {
                (false, t.trim().to_string())
            } else {
                (true, form)
            }
        }
        other => (false, other.display()),
    }
}

/// The key a cell reads as in a field of `kind` with fixed values (`"phone"`, `"3"`): `Ok(None)`
/// for a blank cell, `Err(())` when the built-in reading does not understand it or the field
/// has no fixed values.
#[allow(clippy::result_unit_err)] // like the value parsers: the caller knows the cell
pub fn reading(kind: FieldKind, raw: &Raw) -> Result<Option<String>, ()> {
    fn key<T>(v: Option<T>, k: fn(T) -> &'static str) -> Option<String> {
        v.map(|v| k(v).to_string())
    }
    Ok(match kind {
        FieldKind::Urgency => value::parse_urgency(raw)?.map(|u| u.number().to_string()),
        FieldKind::Channel => key(value::parse_channel(raw)?, |v| v.key()),
        FieldKind::Nature => key(value::parse_nature(raw)?, |v| v.key()),
        FieldKind::Status => key(value::parse_status(raw)?, |v| v.key()),
        FieldKind::HandlingMode => key(value::parse_handling_mode(raw)?, |v| v.key()),
        FieldKind::CustomerType => key(value::parse_customer_type(raw)?, |v| v.key()),
        FieldKind::Justified => key(value::parse_justified(raw)?, |v| v.key()),
        FieldKind::Satisfaction => value::parse_satisfaction(raw)?.map(|v| v.key()),
        FieldKind::Text | FieldKind::Date | FieldKind::Money => return Err(()),
    })
}

/// A cell that holds nothing: empty, white space or a blank word.
fn blank(cell: &Raw) -> bool {
    match cell {
        Raw::Text(s) => value::is_blank_text(s),
        other => other.is_empty(),
    }
}

/// Surveys the register in `path`, with the headers and sheet choice of `config` and `opts`.
///
/// ```
/// use klacht::{config::Config, ingest::{survey::survey, ReadOptions}};
/// let dir = std::env::temp_dir().join(format!("klacht-survey-doc-{}", std::process::id()));
/// std::fs::create_dir_all(&dir)?;
/// let path = dir.join("r.csv");
/// std::fs::write(&path, "Datum;Omschrijving;Kanaal\n3-2-2026;Lek;Tel.\n13-2-2026;Tocht;tel\n")?;
/// let s = survey(&path, &Config::default(), &ReadOptions::default())?;
/// assert_eq!(s.rows, 2);
/// assert_eq!(s.stats[0].order.day_first, 1);
/// assert_eq!(s.stats[2].values.len(), 1, "Tel. and tel are one value");
/// # std::fs::remove_dir_all(&dir)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn survey(path: &Path, config: &Config, opts: &ReadOptions) -> Result<Survey> {
    let bytes = super::spreadsheet::read_input(path, opts)?;
    let opened = super::load::open(path, bytes, config, opts)?;
    let (header, fallback) = match opened.header {
        Some(h) => (h, false),
        None => {
            let filled = |r: &RawRow| r.cells.iter().filter(|c| !blank(c)).count();
            let (index, row) = opened
                .head
                .iter()
                .enumerate()
                .take(header::HEADER_SCAN_ROWS)
                .find(|(_, r)| filled(r) >= 2)
                .or_else(|| opened.head.iter().enumerate().find(|(_, r)| filled(r) > 0))
                .ok_or_else(|| Error::NoRegister { path: path.into() })?;
            let (columns, score) = header::match_row(row, &config.columns);
            let h = header::HeaderMatch {
                index,
                row: row.row,
                columns,
                score,
            };
            (h, true)
        }
    };
    let date1904 = opened.sheet.date1904;
    let mut stats = vec![ColumnStats::default(); header.columns.len()];
    let mut rows = 0;
    let body = opened
        .head
        .into_iter()
        .skip(header.index + 1)
        .map(Ok)
        .chain(opened.sheet.csv.into_iter().flatten());
    for row in body {
        let row = row?;
        let mut any = false;
        for (cell, s) in row.cells.iter().zip(stats.iter_mut()) {
            if !blank(cell) {
                any = true;
                s.add(cell, date1904);
            }
        }
        rows += u64::from(any);
    }
    for s in &mut stats {
        s.sort();
    }
    Ok(Survey {
        path: path.to_path_buf(),
        sheet: opened.sheet.name,
        header_row: header.row,
        fallback,
        columns: header.columns,
        stats,
        rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::DayOrder;

    fn text(s: &str) -> Raw {
        Raw::Text(s.to_string())
    }

    #[test]
    fn values_are_grouped_as_mappings_compare_them_and_counted() {
        let mut s = ColumnStats::default();
        for v in ["E-mail", "email", "EMAIL", "Referral", "#", "#"] {
            s.add(&text(v), false);
        }
        s.add(&Raw::Number(3.0), false);
        s.add(&text("3"), false);
        assert_eq!(s.filled, 8);
        let got: Vec<(String, u64)> = s
            .values
            .iter()
            .map(|d| (d.raw.display(), d.count))
            .collect();
        assert_eq!(
            got,
            vec![
                ("E-mail".into(), 3),
                ("Referral".into(), 1),
                ("#".into(), 2),
                ("3".into(), 1),
                ("3".into(), 1)
            ],
            "a number cell and the text 3 stay apart: only text cells are mapped"
        );
    }

    #[test]
    fn dates_and_their_order_are_counted() {
        let mut s = ColumnStats::default();
        for v in [
            "05/13/2022 01:00:00 AM",
            "05/01/2022",
            "2022-05-14",
            "tomorrow",
        ] {
            s.add(&text(v), false);
        }
        assert_eq!((s.dates, s.order.month_first, s.order.day_first), (3, 1, 0));
        assert_eq!(s.order.order(), Some(DayOrder::MonthFirst));
        assert!(!s.is_dates(), "one in four is no date");
    }

    #[test]
    fn bare_numbers_are_numbers_not_dates() {
        // Zip codes, coordinates and day counts: as number cells of a workbook (each of them
        // a valid Excel serial) and as text in a CSV, `yyyymmdd` included.
        let mut cells = ColumnStats::default();
        for n in [60614.0, 41.92, 3.0, 12.0] {
            cells.add(&Raw::Number(n), false);
        }
        let mut texts = ColumnStats::default();
        for t in ["60614", "41.92", "3", "20220103"] {
            texts.add(&text(t), false);
        }
        for s in [&cells, &texts] {
            assert_eq!((s.dates, s.numbers), (0, 4));
            assert!(!s.is_dates() && s.is_numbers());
        }
        // Date cells and dates written as text still are dates.
        let mut dates = ColumnStats::default();
        let day = chrono::NaiveDate::from_ymd_opt(2022, 1, 3).unwrap();
        dates.add(&Raw::DateTime(day.and_hms_opt(0, 0, 0).unwrap()), false);
        dates.add(&text("01/03/2022"), false);
        dates.add(&text("2022-01-03"), false);
        assert_eq!(dates.dates, 3);
    }

    #[test]
    fn the_distinct_limit_bounds_memory_and_counts_the_rest() {
        let mut s = ColumnStats::default();
        for i in 0..DISTINCT_LIMIT + 5 {
            s.add(&text(&format!("waarde {i}")), false);
        }
        s.add(&text("waarde 0"), false);
        assert_eq!(s.values.len(), DISTINCT_LIMIT);
        assert_eq!(s.untracked, 5);
        assert_eq!(s.values[0].count, 2);
    }

    #[test]
    fn readings_are_the_fields_keys() {
        assert_eq!(
            reading(FieldKind::Channel, &text("Tel.")),
            Ok(Some("phone".into()))
        );
        assert_eq!(
            reading(FieldKind::Urgency, &text("cat. 3")),
            Ok(Some("3".into()))
        );
        assert_eq!(
            reading(FieldKind::Status, &text("Solved")),
            Ok(Some("closed".into()))
        );
        assert_eq!(reading(FieldKind::Channel, &text("Referral")), Err(()));
        assert_eq!(reading(FieldKind::Channel, &text("n.v.t.")), Ok(None));
        assert_eq!(reading(FieldKind::Text, &text("x")), Err(()));
    }
}
