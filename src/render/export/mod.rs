//! `klacht export`: the normalised register and its findings as two tables for analysis
//! elsewhere (SPEC §12), `complaints` and `findings`, in Parquet or as CSV for Dutch Excel.
//!
//! The tables are polars frames ([`tables`], which with the writer here holds the export's
//! polars calls, as `metrics::frame` holds the figures'); Parquet is polars-io's writer, CSV
//! the `csv` crate over the same frames (`csv`), so the two formats cannot drift apart. Both
//! files are written to temporary names and renamed only when both are complete
//! (docs/export.md).

mod csv;
mod tables;

use super::output::{commit, stage, Staged};
use crate::calendar::Calendar;
use crate::error::{Error, Result};
use crate::register::causes::CauseGroups;
use crate::register::{Finding, Register};
use crate::Lang;
use polars::prelude::DataFrame;
use polars_io::prelude::{KeyValueMetadata, ParquetCompression, ParquetWriter};
use std::io::Write;
use std::path::{Path, PathBuf};
use tables::Frames;

/// The file format of the two tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Parquet,
    /// UTF-8 with BOM, `;`, decimal comma: what Dutch Excel opens by double-click.
    Csv,
}

impl Format {
    /// The files' extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Parquet => "parquet",
            Format::Csv => "csv",
        }
    }
}

/// What to export and where.
pub struct Export<'a> {
    pub dir: &'a Path,
    /// The registers read: never overwritten.
    pub inputs: &'a [PathBuf],
    pub register: &'a Register,
    /// The working-day calendar of the configuration, for the durations.
    pub calendar: &'a Calendar,
    /// A description of that calendar for the Parquet metadata (`klacht.calendar`).
    pub calendar_text: String,
    pub lang: Lang,
    pub show_names: bool,
    pub format: Format,
}

/// The files written, for the terminal.
pub struct Written {
    pub complaints: PathBuf,
    pub findings: PathBuf,
}

/// Rows per Parquet row group, and per slice of a table made at a time: small enough that a
/// slice's memory is reused for the next instead of a million rows' being taken fresh from the
/// system (a whole-table frame took 0.8 GB more and was slower), large enough for readers
/// (DuckDB's own row groups are 122,880 rows).
const SLICE_ROWS: usize = 65_536;

impl Export<'_> {
    /// Writes the complaints table to its temporary file, for [`Export::commit`]; its causes in
    /// their `causes` group (the report's). Apart from the findings, so that it can be written
    /// while the rules run.
    pub fn complaints(&self, causes: &CauseGroups) -> Result<Staged> {
        let table = tables::Complaints::new(self.register, causes, self.calendar, self.show_names);
        self.stage("complaints", &table)
    }

    /// Writes the findings table to its temporary file, for [`Export::commit`].
    pub fn findings(&self, findings: &[Finding]) -> Result<Staged> {
        self.stage(
            "findings",
            &tables::Findings::new(self.register, findings, self.lang),
        )
    }

    /// Puts both tables in place, replacing the files of an earlier export.
    pub fn commit(&self, complaints: Staged, findings: Staged) -> Result<Written> {
        commit(vec![complaints, findings])?;
        Ok(Written {
            complaints: self.path("complaints"),
            findings: self.path("findings"),
        })
    }

    fn path(&self, table: &str) -> PathBuf {
        self.dir
            .join(format!("{table}.{}", self.format.extension()))
    }

    fn stage(&self, name: &str, table: &dyn Frames) -> Result<Staged> {
        let path = self.path(name);
        stage(&path, self.inputs, |tmp| match self.format {
            Format::Parquet => write_parquet(tmp, &path, table, self.metadata()),
            Format::Csv => csv::write(tmp, &path, table),
        })
    }

    /// The Parquet key-value metadata: the tool's version and the calendar of the durations.
    fn metadata(&self) -> Vec<(String, String)> {
        vec![
            ("klacht.version".into(), env!("CARGO_PKG_VERSION").into()),
            ("klacht.calendar".into(), self.calendar_text.clone()),
        ]
    }
}

/// Hands the frames of `table`, [`SLICE_ROWS`] rows each, to `write` in order, making each
/// while the one before is written.
fn slices(
    table: &dyn Frames,
    path: &Path,
    mut write: impl FnMut(DataFrame) -> Result<()> + Send,
) -> Result<()> {
    let n = table.rows();
    let make = |start: usize| -> Option<Result<DataFrame>> {
        (start < n).then(|| {
            (table.frame(start..n.min(start + SLICE_ROWS))).map_err(|e| Error::output(path, e))
        })
    };
    let mut start = 0;
    let mut next = make(start);
    while let Some(frame) = next {
        let frame = frame?;
        start += SLICE_ROWS;
        let (written, made) = rayon::join(|| write(frame), || make(start));
        written?;
        next = made;
    }
    Ok(())
}

/// Writes `table` as Parquet to `tmp`, a row group per slice (errors name `path`).
///
/// Snappy: every reader docs/export.md names takes it (it is Spark's own default); on the
/// 1M-row register it wrote in the time of no compression at half the size (zstd: 45 % smaller
/// again, 0.1–0.2 s more). Nothing in the file depends on the time or on chance: polars writes
/// `created_by` without a date, the Arrow schema and the key-value pairs given here, and its
/// dictionaries follow the order of first appearance.
fn write_parquet(
    tmp: &Path,
    path: &Path,
    table: &dyn Frames,
    metadata: Vec<(String, String)>,
) -> Result<()> {
    let err = |e: &dyn std::fmt::Display| Error::output(path, e);
    let file = std::fs::File::create(tmp).map_err(|e| err(&e))?;
    let mut out = std::io::BufWriter::new(file);
    // The schema, from a frame without rows.
    let empty = table.frame(0..0).map_err(|e| err(&e))?;
    let mut writer = ParquetWriter::new(&mut out)
        .with_compression(ParquetCompression::Snappy)
        .with_key_value_metadata(Some(KeyValueMetadata::from_static(metadata)))
        .batched(empty.schema())
        .map_err(|e| err(&e))?;
    slices(table, path, |frame| {
        writer.write_batch(&frame).map_err(|e| err(&e))
    })?;
    writer.finish().map_err(|e| err(&e))?;
    drop(writer);
    out.flush().map_err(|e| err(&e))
}
