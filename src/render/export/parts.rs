//! A slice's columns as the writers take them ([`Part`]): polars columns, and text columns
//! already split into keys and distinct texts ([`Dict`]).
//!
//! Parquet stores a text column that repeats as a dictionary page and keys. polars' writer
//! makes that dictionary itself from a column of every text: it estimates the distinct count,
//! hashes every text again and casts — on the 1M-row register a fifth of the export's work
//! beyond `check` (docs/performance.md, issue 20). The register's texts are at hand here, most
//! of them from short vocabularies, so the table makes the dictionary as it reads them and the
//! Parquet writer takes it as it is; the CSV writer and the tests see an ordinary text column
//! ([`Part::into_column`]).

use polars::prelude::*;
use polars_arrow::array::{Array, DictionaryArray, MutableBinaryViewArray, PrimitiveArray};
use polars_arrow::bitmap::MutableBitmap;
use polars_arrow::datatypes::{ArrowDataType, IntegerType};
use rustc_hash::FxHashMap;
use std::hash::Hash;

/// One column of a slice of a table.
pub enum Part {
    /// Any column: the Parquet writer chooses its encoding as polars would.
    Column(Column),
    /// Text that is (almost) always distinct — ids, work orders, cells: written plain, without
    /// polars' estimate of its distinct count, which would only say so.
    Distinct(Column),
    /// Text that repeats, as its dictionary.
    Dict(Dict),
}

impl Part {
    /// How many rows the part has.
    pub fn rows(&self) -> usize {
        match self {
            Part::Column(c) | Part::Distinct(c) => c.len(),
            Part::Dict(d) => d.keys.len(),
        }
    }

    /// The part as a polars column (a dictionary as its texts).
    pub fn into_column(self) -> Column {
        match self {
            Part::Column(c) | Part::Distinct(c) => c,
            Part::Dict(d) => d.into_column(),
        }
    }
}

/// Distinct texts, a share of the rows above which a dictionary does not pay (polars' writer
/// uses the same bound on its estimate). A column that crosses it is written plain.
const DICT_SHARE: f64 = 0.75;

/// Columns shorter than this always take a dictionary (as in polars' writer).
const DICT_MIN_ROWS: usize = 128;

/// Rows after which a column with nearly every text distinct so far is written plain at once,
/// without hashing the rest: ids, work orders, free text in a real register.
const PROBE_ROWS: usize = 4096;

/// A text column as keys into its distinct texts, in the order each first appears — the order
/// polars' own cast gives, so the file is the one polars' writer would write.
pub struct Dict {
    name: PlSmallStr,
    /// Per row, the index of its text in `texts`; 0 for a null.
    keys: Vec<u32>,
    /// Per row, whether it has a text; `None` when every row has one.
    valid: Option<MutableBitmap>,
    texts: MutableBinaryViewArray<str>,
}

impl Dict {
    /// The part of `values`: a dictionary, or plain text when nearly every text is distinct.
    pub fn part<'a>(name: &str, values: impl Iterator<Item = Option<&'a str>>) -> Part {
        let values: Vec<Option<&'a str>> = values.collect();
        let mut dict = Builder::new(values.len());
        let mut index: FxHashMap<&'a str, u32> = FxHashMap::default();
        for (row, v) in values.iter().enumerate() {
            if dict.too_distinct(row) {
                return Part::Distinct(texts(name, values.iter().copied()));
            }
            let key = v.map(|v| *index.entry(v).or_insert_with(|| dict.text(v)));
            dict.push(key);
        }
        dict.finish(name)
    }

    /// The part of `make(row)` for each row, made once per distinct `key(row)`: causes,
    /// customers and findings' messages repeat, and a group lookup, a hash or a message costs
    /// more than finding the text made before.
    pub fn made<T: Copy, K: Hash + Eq>(
        name: &str,
        rows: impl Iterator<Item = Option<T>>,
        key: impl Fn(T) -> K,
        make: impl Fn(T) -> Option<String>,
    ) -> Part {
        let rows: Vec<Option<T>> = rows.collect();
        let mut dict = Builder::new(rows.len());
        // Per key, the key of the text made for it; per text made, its key.
        let mut keys: FxHashMap<K, Option<u32>> = FxHashMap::default();
        let mut made: FxHashMap<String, u32> = FxHashMap::default();
        for (i, row) in rows.iter().enumerate() {
            if dict.too_distinct(i) {
                let texts_made = rows.iter().map(|row| row.and_then(&make));
                return Part::Distinct(texts(name, texts_made));
            }
            let key = row.and_then(|row| {
                *keys.entry(key(row)).or_insert_with(|| {
                    let text = make(row)?;
                    Some(match made.get(&text) {
                        Some(&key) => key,
                        None => {
                            let key = dict.text(&text);
                            made.insert(text, key);
                            key
                        }
                    })
                })
            });
            dict.push(key);
        }
        dict.finish(name)
    }

    /// The column of every row's text.
    fn into_column(self) -> Column {
        let texts = self.texts.freeze();
        let mut column = StringChunkedBuilder::new(self.name, self.keys.len());
        for (row, &key) in self.keys.iter().enumerate() {
            match &self.valid {
                Some(valid) if !valid.get(row) => column.append_null(),
                // Every key was made as an index of `texts`.
                _ => column.append_value(texts.value(key as usize)),
            }
        }
        column.finish().into_series().into()
    }

    /// The dictionary as the Arrow array Parquet's dictionary encoding takes.
    pub fn into_array(self) -> PolarsResult<DictionaryArray<u32>> {
        let keys = PrimitiveArray::new(
            ArrowDataType::UInt32,
            self.keys.into(),
            self.valid.map(Into::into),
        );
        let values = self.texts.freeze();
        let dtype =
            ArrowDataType::Dictionary(IntegerType::UInt32, Box::new(values.dtype().clone()), false);
        DictionaryArray::try_new(dtype, keys, values.boxed())
    }
}

/// A [`Dict`] being made, row by row.
struct Builder {
    keys: Vec<u32>,
    valid: MutableBitmap,
    nulls: usize,
    texts: MutableBinaryViewArray<str>,
}

impl Builder {
    fn new(rows: usize) -> Builder {
        Builder {
            keys: Vec::with_capacity(rows),
            valid: MutableBitmap::with_capacity(rows),
            nulls: 0,
            texts: MutableBinaryViewArray::new(),
        }
    }

    /// Adds a distinct text; its key.
    fn text(&mut self, text: &str) -> u32 {
        self.texts.push_value(text);
        (self.texts.len() - 1) as u32
    }

    /// Whether, at row `row`, the texts so far say the column will not take a dictionary.
    fn too_distinct(&self, row: usize) -> bool {
        row == PROBE_ROWS && self.texts.len() as f64 > DICT_SHARE * row as f64
    }

    /// Adds a row: its text's key, or none.
    fn push(&mut self, key: Option<u32>) {
        self.keys.push(key.unwrap_or(0));
        self.valid.push(key.is_some());
        self.nulls += usize::from(key.is_none());
    }

    fn finish(self, name: &str) -> Part {
        let rows = self.keys.len();
        let distinct = self.texts.len();
        let dict = Dict {
            name: name.into(),
            keys: self.keys,
            valid: (self.nulls > 0).then_some(self.valid),
            texts: self.texts,
        };
        if rows > DICT_MIN_ROWS && distinct as f64 / rows as f64 > DICT_SHARE {
            return Part::Distinct(dict.into_column());
        }
        Part::Dict(dict)
    }
}

/// A plain text column.
pub fn texts<S: AsRef<str>>(name: &str, values: impl Iterator<Item = Option<S>>) -> Column {
    StringChunked::from_iter_options(name.into(), values)
        .into_series()
        .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(part: Part) -> Vec<Option<String>> {
        let c = part.into_column();
        (c.str().unwrap().iter())
            .map(|v| v.map(str::to_string))
            .collect()
    }

    #[test]
    fn a_dictionary_keeps_every_row_and_its_texts_in_order_of_first_appearance() {
        let rows = [
            Some("lekkage"),
            None,
            Some("storing"),
            Some("lekkage"),
            None,
        ];
        let part = Dict::part("cause", rows.iter().copied());
        let Part::Dict(dict) = part else {
            panic!("five rows take a dictionary")
        };
        assert_eq!(dict.keys, [0, 0, 1, 0, 0]);
        let array = dict.into_array().unwrap();
        assert_eq!(array.len(), 5);
        assert_eq!(array.null_count(), 2);
        let values = array.values().as_any();
        let values = values
            .downcast_ref::<polars_arrow::array::Utf8ViewArray>()
            .unwrap();
        assert_eq!(
            values.values_iter().collect::<Vec<_>>(),
            ["lekkage", "storing"]
        );
        let part = Dict::part("cause", rows.iter().copied());
        let want: Vec<Option<String>> = rows.iter().map(|v| v.map(str::to_string)).collect();
        assert_eq!(texts(part), want);
    }

    #[test]
    fn texts_made_once_per_text_share_a_key_when_they_are_the_same() {
        let rows = [
            Some("Jansen"),
            Some("Bakker"),
            None,
            Some("jansen"),
            Some("Jansen"),
        ];
        let made = |v: &str| (v != "Bakker").then(|| v.to_lowercase());
        let part = Dict::made("customer", rows.iter().copied(), |v| v, made);
        let Part::Dict(dict) = part else {
            panic!("five rows take a dictionary")
        };
        assert_eq!(dict.keys, [0, 0, 0, 0, 0]);
        let valid = dict.valid.as_ref().unwrap();
        assert_eq!(
            (0..5).map(|i| valid.get(i)).collect::<Vec<_>>(),
            [true, false, false, true, true]
        );
        assert_eq!(dict.texts.len(), 1);
    }

    #[test]
    fn a_column_of_distinct_texts_is_written_plain() {
        let ids: Vec<Option<String>> = (0..1000).map(|i| Some(format!("K-{i}"))).collect();
        let part = Dict::part("id", ids.iter().map(|v| v.as_deref()));
        assert!(matches!(part, Part::Distinct(_)));
        assert_eq!(texts(part), ids);
        // The same number of rows, a quarter of them distinct: a dictionary.
        let causes: Vec<String> = (0..1000).map(|i| format!("oorzaak {}", i % 250)).collect();
        let part = Dict::part("cause", causes.iter().map(|v| Some(v.as_str())));
        assert!(matches!(part, Part::Dict(_)));
        // Distinct for the rows looked at first, then repeating: decided at the probe.
        let ids: Vec<String> = (0..3 * PROBE_ROWS)
            .map(|i| format!("K-{}", i % (PROBE_ROWS + 1)))
            .collect();
        let part = Dict::part("id", ids.iter().map(|v| Some(v.as_str())));
        assert!(matches!(part, Part::Distinct(_)));
        let want: Vec<Option<String>> = ids.into_iter().map(Some).collect();
        assert_eq!(texts(part), want);
    }
}
