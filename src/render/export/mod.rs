//! `klacht export`: the normalised register and its findings as two tables for analysis
//! elsewhere (SPEC §12), `complaints` and `findings`, in Parquet or as CSV for Dutch Excel.
//!
//! The tables are polars frames ([`tables`], which with the writer here holds the export's
//! polars calls, as `metrics::frame` holds the figures'); Parquet is polars-io's writer, CSV
//! the `csv` crate over the same frames (`csv`), so the two formats cannot drift apart. Both
//! files are written to temporary names and renamed only when both are complete
//! (docs/export.md).

mod csv;
mod parquet;
mod parts;
mod tables;

use super::output::{commit, stage, Staged};
use crate::calendar::Calendar;
use crate::error::{Error, Result};
use crate::register::causes::CauseGroups;
use crate::register::{Finding, Register};
use crate::Lang;
use std::ops::Range;
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
            Format::Parquet => parquet::write(tmp, &path, table, self.metadata()),
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

/// Hands the slices of `table`, [`SLICE_ROWS`] rows each and made by `make`, to `write` in
/// order, making each while the one before is written.
fn slices<T: Send>(
    table: &dyn Frames,
    path: &Path,
    make: impl Fn(&dyn Frames, Range<usize>) -> polars::prelude::PolarsResult<T> + Sync,
    mut write: impl FnMut(T) -> Result<()> + Send,
) -> Result<()> {
    let n = table.rows();
    let make = |start: usize| -> Option<Result<T>> {
        (start < n).then(|| {
            make(table, start..n.min(start + SLICE_ROWS)).map_err(|e| Error::output(path, e))
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
