//! `--format csv`: the export's frames as CSV that Dutch Excel opens by double-click
//! (docs/export.md): UTF-8 with a byte-order mark (without it Excel reads the file as
//! Windows-1252 and garbles every accent), `;` between fields (the list separator of Dutch
//! Windows, so the columns land in columns), CRLF line ends, a decimal comma in amounts
//! (`1234,56`, read as a number by Dutch Excel; no thousands separator), ISO dates
//! (`2026-07-01`, which Excel reads as a date in every locale and machines read unambiguously)
//! and text neutralised against formula injection as the findings file does.

use super::tables::Frames;
use crate::error::{Error, Result};
use crate::render::output::neutralize;
use chrono::NaiveDate;
use polars::prelude::*;
use std::io::Write;
use std::path::Path;

/// Writes `table` to `tmp` (errors name `path`, the file the user asked for).
pub fn write(tmp: &Path, path: &Path, table: &dyn Frames) -> Result<()> {
    let err = |e: &dyn std::fmt::Display| Error::output(path, e);
    let file = std::fs::File::create(tmp).map_err(|e| err(&e))?;
    let mut out = std::io::BufWriter::new(file);
    out.write_all("\u{feff}".as_bytes()).map_err(|e| err(&e))?;
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    let empty = table.frame(0..0).map_err(|e| err(&e))?;
    let names: Vec<&str> = empty.columns().iter().map(|c| c.name().as_str()).collect();
    w.write_record(&names).map_err(|e| err(&e))?;
    let mut field = String::new();
    let frame = |t: &dyn Frames, rows| t.frame(rows);
    super::slices(table, path, frame, |df| {
        let cells = (df.columns().iter())
            .map(Cells::of)
            .collect::<PolarsResult<Vec<Cells>>>()
            .map_err(|e| err(&e))?;
        for i in 0..df.height() {
            for c in &cells {
                field.clear();
                c.write(i, &mut field);
                w.write_field(field.as_bytes()).map_err(|e| err(&e))?;
            }
            w.write_record(None::<&[u8]>).map_err(|e| err(&e))?;
        }
        Ok(())
    })?;
    let mut out = w.into_inner().map_err(|e| err(e.error()))?;
    out.flush().map_err(|e| err(&e))
}

/// A column's cells, by type.
enum Cells {
    Text(StringChunked),
    Whole(Int64Chunked),
    Date(Int32Chunked),
    /// A decimal: its integer values and their scale (digits after the comma).
    Amount(Int128Chunked, usize),
    Flag(BooleanChunked),
}

impl Cells {
    fn of(c: &Column) -> PolarsResult<Cells> {
        let s = c.as_materialized_series().rechunk();
        Ok(match s.dtype() {
            DataType::String => Cells::Text(s.str()?.clone()),
            DataType::Date => Cells::Date(s.date()?.physical().clone()),
            DataType::Decimal(_, scale) => Cells::Amount(s.decimal()?.physical().clone(), *scale),
            DataType::Boolean => Cells::Flag(s.bool()?.clone()),
            _ => Cells::Whole(s.cast(&DataType::Int64)?.i64()?.clone()),
        })
    }

    /// Appends row `i`'s cell to `out` (nothing for a null).
    fn write(&self, i: usize, out: &mut String) {
        use std::fmt::Write as _;
        let _ = match self {
            Cells::Text(ca) => {
                if let Some(v) = ca.get(i) {
                    out.push_str(&neutralize(v));
                }
                Ok(())
            }
            Cells::Whole(ca) => ca.get(i).map_or(Ok(()), |v| write!(out, "{v}")),
            Cells::Date(ca) => ca
                .get(i)
                .and_then(from_epoch_days)
                .map_or(Ok(()), |d| write!(out, "{}", d.format("%Y-%m-%d"))),
            Cells::Amount(ca, scale) => ca.get(i).map_or(Ok(()), |v| {
                let sign = if v < 0 { "-" } else { "" };
                let (abs, unit) = (v.unsigned_abs(), 10u128.pow(*scale as u32));
                match scale {
                    0 => write!(out, "{sign}{abs}"),
                    _ => write!(out, "{sign}{},{:0scale$}", abs / unit, abs % unit),
                }
            }),
            Cells::Flag(ca) => ca.get(i).map_or(Ok(()), |v| write!(out, "{v}")),
        };
    }
}

/// The date `days` after 1970-01-01.
fn from_epoch_days(days: i32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(1970, 1, 1)?
        .checked_add_signed(chrono::TimeDelta::try_days(i64::from(days))?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_written_for_dutch_excel() {
        let cell = |c: Column, i: usize| {
            let mut out = String::new();
            Cells::of(&c).unwrap().write(i, &mut out);
            out
        };
        let amounts = Int128Chunked::from_iter_options(
            "cost".into(),
            [Some(123_456i128), Some(-5), None].into_iter(),
        )
        .into_decimal(18, 2)
        .unwrap()
        .into_series()
        .into();
        let amounts: Column = amounts;
        assert_eq!(cell(amounts.clone(), 0), "1234,56");
        assert_eq!(cell(amounts.clone(), 1), "-0,05");
        assert_eq!(cell(amounts, 2), "");
        let days: Column = Int32Chunked::from_iter_options("d".into(), [Some(20_640)].into_iter())
            .into_date()
            .into_series()
            .into();
        assert_eq!(cell(days, 0), "2026-07-06");
        let text = Column::new("t".into(), ["=SUM(A1)", "-5 graden", "lekkage"]);
        assert_eq!(cell(text.clone(), 0), "'=SUM(A1)");
        assert_eq!(cell(text.clone(), 1), "'-5 graden");
        assert_eq!(cell(text, 2), "lekkage");
        let whole = Column::new("n".into(), [Some(7i8), None]);
        assert_eq!(cell(whole.clone(), 0), "7");
        assert_eq!(cell(whole, 1), "");
        assert_eq!(cell(Column::new("b".into(), [true]), 0), "true");
    }
}
