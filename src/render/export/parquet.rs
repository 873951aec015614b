//! The tables as Parquet: polars-io's writer for the file (schema, metadata, footer), the row
//! groups encoded here from the table's [`Part`]s, a column per core.
//!
//! polars-io's `write_batch` would take a frame: every text as its own string, a dictionary
//! made again for each text column, the pages encoded on the one thread that writes the file.
//! Given the parts, repeating texts go to Parquet's dictionary encoding as the dictionaries the
//! table made, distinct texts go plain without estimating their distinct count, and every
//! other column is encoded as polars would (docs/decisions.md, issue 20). A test holds the
//! bytes to polars' own writer's.

use super::parts::Part;
use super::tables::Frames;
use crate::error::{Error, Result};
use polars::prelude::{CompatLevel, PolarsResult, SchemaExt};
use polars_arrow::array::Array;
use polars_io::parquet::write::get_encodings;
use polars_io::prelude::{KeyValueMetadata, ParquetCompression, ParquetWriter, StatisticsOptions};
use polars_parquet::write::{
    array_to_columns, compress, CompressedPage, CompressionOptions, Encoding, ParquetType, Version,
    WriteOptions,
};
use rayon::prelude::*;
use std::io::Write;
use std::ops::Range;
use std::path::Path;

/// Writes `table` as Parquet to `tmp`, a row group per slice (errors name `path`).
///
/// Snappy: every reader docs/export.md names takes it (it is Spark's own default); on the
/// 1M-row register it wrote in the time of no compression at half the size (zstd: 45 % smaller
/// again, 0.1–0.2 s more). Nothing in the file depends on the time or on chance: polars writes
/// `created_by` without a date, the Arrow schema and the key-value pairs given here, and the
/// dictionaries follow the order of first appearance.
pub fn write(
    tmp: &Path,
    path: &Path,
    table: &dyn Frames,
    metadata: Vec<(String, String)>,
) -> Result<()> {
    let err = |e: &dyn std::fmt::Display| Error::output(path, e);
    let file = std::fs::File::create(tmp).map_err(|e| err(&e))?;
    let mut out = std::io::BufWriter::new(file);
    // The schema, from a frame without rows: dictionaries are text columns there.
    let empty = table.frame(0..0).map_err(|e| err(&e))?;
    let mut writer = ParquetWriter::new(&mut out)
        .with_compression(ParquetCompression::Snappy)
        .with_key_value_metadata(Some(KeyValueMetadata::from_static(metadata)))
        .batched(empty.schema())
        .map_err(|e| err(&e))?;
    let types = writer.parquet_schema().fields().to_vec();
    let encodings = get_encodings(&empty.schema().to_arrow(CompatLevel::newest()));
    let parts = |t: &dyn Frames, rows: Range<usize>| t.parts(rows);
    super::slices(table, path, parts, |parts| {
        let rows = parts.first().map_or(0, Part::rows) as u64;
        let pages = encode(parts, &types, &encodings).map_err(|e| err(&e))?;
        (writer.write_row_group(rows, &pages)).map_err(|e| err(&e))
    })?;
    writer.finish().map_err(|e| err(&e))?;
    drop(writer);
    out.flush().map_err(|e| err(&e))
}

/// The options of every page: polars' defaults (statistics, version 1, pages of 1 MiB) with
/// Snappy, as `ParquetWriter` uses them.
fn options() -> WriteOptions {
    WriteOptions {
        statistics: StatisticsOptions::default(),
        version: Version::V1,
        compression: CompressionOptions::Snappy,
        data_page_size: None,
    }
}

/// The compressed pages of one row group: each part encoded (as the `types` of the file's
/// schema; a column under polars' `encodings`) and compressed, side by side.
fn encode(
    parts: Vec<Part>,
    types: &[ParquetType],
    encodings: &[Vec<Encoding>],
) -> PolarsResult<Vec<Vec<CompressedPage>>> {
    let options = options();
    let columns = (parts.into_par_iter().zip(types).zip(encodings))
        .map(|((part, type_), encoding)| {
            let (array, encoding): (Box<dyn Array>, &[Encoding]) = match part {
                Part::Column(c) => (arrow(c), encoding),
                Part::Distinct(c) => (arrow(c), &[Encoding::Plain]),
                Part::Dict(d) => (d.into_array()?.boxed(), &[Encoding::RleDictionary]),
            };
            let leaves = array_to_columns(array, type_.clone(), options, encoding)?;
            (leaves.into_iter())
                .map(|pages| {
                    pages
                        .map(|page| Ok(compress(page?, Vec::new(), options.compression)?))
                        .collect::<PolarsResult<Vec<CompressedPage>>>()
                })
                .collect::<PolarsResult<Vec<_>>>()
        })
        .collect::<PolarsResult<Vec<_>>>()?;
    Ok(columns.into_iter().flatten().collect())
}

/// A column as one Arrow array.
fn arrow(column: polars::prelude::Column) -> Box<dyn Array> {
    (column.as_materialized_series().rechunk()).to_arrow(0, CompatLevel::newest())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::export::parts::Dict;
    use crate::render::export::SLICE_ROWS;
    use polars::prelude::*;

    /// A table of texts that repeat, texts that do not, numbers with nulls and dates, in two
    /// row groups; its texts given as the export's tables give them.
    struct Sample(DataFrame);

    impl Frames for Sample {
        fn rows(&self) -> usize {
            self.0.height()
        }

        fn parts(&self, rows: Range<usize>) -> PolarsResult<Vec<Part>> {
            let df = self.0.slice(rows.start as i64, rows.len());
            let texts = |name: &str| -> Vec<Option<String>> {
                let c = df.column(name).unwrap().str().unwrap().clone();
                c.iter().map(|v| v.map(str::to_string)).collect()
            };
            let (causes, ids) = (texts("cause"), texts("id"));
            Ok(vec![
                Dict::part("cause", causes.iter().map(Option::as_deref)),
                Dict::part("id", ids.iter().map(Option::as_deref)),
                Part::Column(df.column("row").unwrap().clone()),
                Part::Column(df.column("received").unwrap().clone()),
            ])
        }
    }

    #[test]
    fn dictionaries_made_by_the_table_give_the_bytes_of_polars_own_writer() {
        let n = SLICE_ROWS + 1000;
        let mut df = df!(
            "cause" => (0..n).map(|i| (i % 11 != 0).then(|| format!("lekkage {}", i % 7))).collect::<Vec<_>>(),
            "id" => (0..n).map(|i| format!("K-{i}")).collect::<Vec<_>>(),
            "row" => (0..n).map(|i| (i % 3 != 0).then_some(i as i64)).collect::<Vec<_>>(),
            "received" => (0..n).map(|i| (i % 5) as i32 + 20_000).collect::<Vec<_>>(),
        )
        .unwrap();
        df.apply("received", |c| c.cast(&DataType::Date).unwrap())
            .unwrap();
        let table = Sample(df.clone());
        assert!(matches!(table.parts(0..n).unwrap()[0], Part::Dict(_)));
        assert!(matches!(table.parts(0..n).unwrap()[1], Part::Distinct(_)));
        let metadata = || vec![("klacht.version".to_string(), "test".to_string())];
        let dir = std::env::temp_dir().join(format!("klacht-parquet-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let tmp = dir.join("ours.parquet");
        write(&tmp, &tmp, &table, metadata()).unwrap();
        let ours = std::fs::read(&tmp).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();

        let mut theirs = Vec::new();
        let mut writer = ParquetWriter::new(&mut theirs)
            .with_compression(ParquetCompression::Snappy)
            .with_key_value_metadata(Some(KeyValueMetadata::from_static(metadata())))
            .batched(df.schema())
            .unwrap();
        for start in (0..n).step_by(SLICE_ROWS) {
            writer
                .write_batch(&df.slice(start as i64, SLICE_ROWS))
                .unwrap();
        }
        writer.finish().unwrap();
        drop(writer);
        assert_eq!(ours.len(), theirs.len());
        assert!(ours == theirs, "the files differ");
    }
}
