//! What each command is asked to do, as plain values: the command line (`crate::cli`) builds
//! them from its flags, as ripgrep turns its low-level arguments into high-level ones, so the
//! commands never see clap.

use crate::base::Severity;
use chrono::NaiveDate;
use std::path::PathBuf;

/// Exit code: the run worked and no finding reached `--fail-on`.
pub const EXIT_OK: u8 = 0;
/// Exit code: the run worked but findings at or above `--fail-on` exist.
pub const EXIT_FINDINGS: u8 = 1;
/// Exit code: usage error or unreadable input.
pub const EXIT_ERROR: u8 = 2;

/// The registers to read and how, for the commands that read them.
#[derive(Debug, Clone, Default)]
pub struct Input {
    /// Register files; several form one register.
    pub registers: Vec<PathBuf>,
    /// Sheets to read (empty: every sheet whose header row is recognised).
    pub sheet: Vec<String>,
    /// Text encoding of CSV files (`None`: detected).
    pub encoding: Option<String>,
    /// Reference date (`None`: the command's default).
    pub as_of: Option<NaiveDate>,
}

/// `check`: validate a register and print the findings.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    pub input: Input,
    /// The whole result as one JSON document on stdout.
    pub json: bool,
    /// Also write all findings here.
    pub findings: Option<PathBuf>,
    /// Write an annotated copy of the register here.
    pub annotate: Option<PathBuf>,
    /// Exit with [`EXIT_FINDINGS`] when findings of this severity or worse exist; `None`:
    /// never.
    pub fail_on: Option<Severity>,
    /// How many findings to list on the terminal.
    pub show: usize,
    /// Print a klacht.toml skeleton for the register instead of the summary.
    pub suggest_mapping: bool,
    /// Print the register's cause groups as a klacht.toml cause list instead of the summary.
    pub suggest_causes: bool,
}

/// `report`: write the periodic management report.
#[derive(Debug, Clone)]
pub struct ReportOptions {
    pub input: Input,
    /// The period as written (`None`: the last full quarter).
    pub period: Option<String>,
    /// Output folder (`None`: `reports/<period>`).
    pub out: Option<PathBuf>,
    /// Customer names instead of pseudonyms.
    pub show_names: bool,
    /// As for [`CheckOptions::fail_on`].
    pub fail_on: Option<Severity>,
}

/// `export`: write the register and its findings as tables for analysis elsewhere.
#[derive(Debug, Clone)]
pub struct ExportOptions {
    pub input: Input,
    /// Output folder.
    pub out: PathBuf,
    pub format: crate::render::export::Format,
    /// Customer names instead of pseudonyms.
    pub show_names: bool,
}

/// `template`: write an empty register workbook.
#[derive(Debug, Clone)]
pub struct TemplateOptions {
    pub out: PathBuf,
}

/// `sample`: write a synthetic register.
#[derive(Debug, Clone)]
pub struct SampleOptions {
    pub rows: usize,
    pub seed: u64,
    /// First and last date of receipt.
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// `.xlsx` or `.csv`.
    pub out: PathBuf,
}

/// `uitleg`: explain a rule, or list them all.
#[derive(Debug, Clone)]
pub struct UitlegOptions {
    /// The rule's code as typed (`None`: every rule by step).
    pub code: Option<String>,
}

/// `config`: show the effective configuration.
#[derive(Debug, Clone)]
pub struct ConfigOptions {
    /// Print it with all defaults as TOML.
    pub print: bool,
}
