//! The day/month order of numeric dates: found per column by `ingest`, configured in
//! `config`, kept per column in the `register`.

use serde::Serialize;

/// The order of the first two parts of a numeric date: which part of an ambiguous date such
/// as `03-04-2026` is the day. Found per column from its values, else the configured
/// `date_order`.
///
/// Serialised as `day_first` / `month_first` (as `check --json` writes a column's order);
/// `klacht.toml` writes it as [`DayOrder::key`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DayOrder {
    /// Dutch and European use: 3 April.
    #[default]
    DayFirst,
    /// US use: 4 March.
    MonthFirst,
}

impl DayOrder {
    /// `day-first` or `month-first`, as in `klacht.toml`.
    pub fn key(self) -> &'static str {
        match self {
            DayOrder::DayFirst => "day-first",
            DayOrder::MonthFirst => "month-first",
        }
    }
}
