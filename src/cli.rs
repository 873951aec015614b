//! The command line: flags are parsed here (clap) and turned into each command's options;
//! the commands themselves live in [`crate::cmd`].

use crate::base::Severity;
use crate::cmd::{self, EXIT_ERROR, EXIT_OK};
use crate::config::Config;
use crate::error::Error;
use crate::Lang;
use chrono::NaiveDate;
use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

const AFTER_HELP: &str = "\
Voorbeelden / examples:
  klacht check klachtenregister.xlsx
  klacht check register.csv --json > bevindingen.json
  klacht check register.xlsx --findings bevindingen.xlsx --as-of 2026-09-30
  klacht check register.xlsx --suggest-causes > oorzaken.toml
  klacht report klachtenregister.xlsx --period 2026-Q3
  klacht export klachtenregister.xlsx --out export
  klacht sample --rows 1000 --seed 7 --out proef.xlsx
  klacht template --out leeg-register.xlsx
  klacht uitleg late-acknowledgement

Exit codes: 0 ok, 1 findings at or above --fail-on, 2 usage error or unreadable input.";

/// klacht: the complaint register of an NVKL installer, checked against the complaint
/// procedure and turned into the management report.
#[derive(Debug, Parser)]
#[command(name = "klacht", version, about, after_help = AFTER_HELP, propagate_version = true)]
pub struct Cli {
    /// Output language: nl (default) or en. Overrides `lang` in klacht.toml.
    #[arg(long, global = true, value_name = "nl|en", value_parser = parse_lang)]
    pub lang: Option<Lang>,
    /// Configuration file (default: klacht.toml in the working directory, if present).
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands, with their Dutch names as aliases.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Import and validate a register; print the findings
    #[command(visible_alias = "controleer")]
    Check(CheckArgs),
    /// Write the periodic management report
    #[command(visible_alias = "rapport")]
    Report(ReportArgs),
    /// Explain a rule: the procedure, the check, the fix in the register
    #[command(visible_alias = "explain")]
    Uitleg(UitlegArgs),
    /// Write the register and its findings as Parquet (or CSV) tables for analysis elsewhere
    #[command(visible_alias = "exporteer")]
    Export(ExportArgs),
    /// Write an empty register workbook that follows the procedure
    #[command(visible_alias = "sjabloon")]
    Template(TemplateArgs),
    /// Write a synthetic register of a fictional installer
    #[command(visible_alias = "voorbeeld")]
    Sample(SampleArgs),
    /// Show the effective configuration
    #[command(visible_alias = "instellingen")]
    Config(ConfigArgs),
    /// Print shell completions (bash, zsh, fish, powershell, elvish).
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

/// Reading options shared by the commands that read registers.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// Register files: xlsx, xlsm, xls, xlsb, ods or csv. Several files form one register.
    #[arg(required = true, value_name = "REGISTER")]
    pub registers: Vec<PathBuf>,
    /// Sheet to read; may be given more than once (default: every sheet whose header row is
    /// recognised).
    #[arg(long, value_name = "NAME")]
    pub sheet: Vec<String>,
    /// Text encoding of CSV files (default: detected; e.g. windows-1252, utf-8).
    #[arg(long, value_name = "LABEL")]
    pub encoding: Option<String>,
    /// Reference date (default: today for check; for report the end of the period, or today
    /// while the period runs).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub as_of: Option<NaiveDate>,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Print the whole result as one JSON document on stdout.
    #[arg(long)]
    pub json: bool,
    /// Also write all findings to FILE (.xlsx, .csv or .json).
    #[arg(long, value_name = "FILE")]
    pub findings: Option<PathBuf>,
    /// Write a copy of the register with the cells that have findings coloured and annotated
    /// (.xlsx).
    #[arg(long, value_name = "FILE")]
    pub annotate: Option<PathBuf>,
    /// Exit with code 1 when findings of this severity or worse exist.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,
    /// How many findings to list on the terminal.
    #[arg(long, default_value_t = 20, value_name = "N")]
    pub show: usize,
    /// Instead of the summary, print a klacht.toml skeleton for this register: its columns
    /// and values, and what still needs a mapping.
    #[arg(long, conflicts_with_all = ["json", "findings"])]
    pub suggest_mapping: bool,
    /// Instead of the summary, print the causes as the register writes them, grouped, as a
    /// klacht.toml cause list ([causes."NAME"] with their spellings and counts), and the pairs
    /// of causes kept apart that look most alike.
    #[arg(long, conflicts_with_all = ["json", "findings", "annotate", "suggest_mapping"])]
    pub suggest_causes: bool,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Period: 2026-Q3, 2026-07, 2026-H2, 2026 or 2026-07-01..2026-09-30 (default: the last
    /// full quarter).
    #[arg(long, value_name = "PERIOD")]
    pub period: Option<String>,
    /// Output folder (default: reports/<period>).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Show customer names instead of pseudonyms.
    #[arg(long)]
    pub show_names: bool,
    /// Exit with code 1 when findings of this severity or worse exist.
    #[arg(long, value_enum, default_value_t = FailOn::Never)]
    pub fail_on: FailOn,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Output folder for complaints.parquet and findings.parquet (.csv with --format csv);
    /// files of an earlier export there are replaced.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// parquet, or csv for Excel (UTF-8 with BOM, ';', decimal comma).
    #[arg(long, value_enum, default_value_t = ExportFormat::Parquet)]
    pub format: ExportFormat,
    /// Show customer names instead of pseudonyms.
    #[arg(long)]
    pub show_names: bool,
}

/// The file format of `export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Parquet,
    Csv,
}

#[derive(Debug, Args)]
pub struct TemplateArgs {
    /// Where to write the empty register.
    #[arg(long, value_name = "FILE", default_value = "klachtenregister.xlsx")]
    pub out: PathBuf,
}

#[derive(Debug, Args)]
pub struct SampleArgs {
    /// Number of complaints.
    #[arg(long, default_value_t = 500)]
    pub rows: usize,
    /// Seed: the same seed gives the same register.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// First date of receipt.
    #[arg(long, value_parser = parse_date, default_value = "2025-01-01")]
    pub from: NaiveDate,
    /// Last date of receipt.
    #[arg(long, value_parser = parse_date, default_value = "2026-09-30")]
    pub to: NaiveDate,
    /// Output file: .xlsx or .csv.
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
}

#[derive(Debug, Args)]
pub struct UitlegArgs {
    /// Rule code, e.g. late-acknowledgement (without a code: every rule by procedure step).
    #[arg(value_name = "CODE")]
    pub code: Option<String>,
}

#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// Print the effective configuration with all defaults as TOML.
    #[arg(long)]
    pub print: bool,
}

/// The lowest severity that makes the exit code 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

impl FailOn {
    /// The severity threshold, or `None` for never.
    pub fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Info => Some(Severity::Info),
            FailOn::Never => None,
        }
    }
}

// The flags as each command's plain options (`crate::cmd`): the commands never see clap.

impl From<InputArgs> for cmd::Input {
    fn from(a: InputArgs) -> cmd::Input {
        cmd::Input {
            registers: a.registers,
            sheet: a.sheet,
            encoding: a.encoding,
            as_of: a.as_of,
        }
    }
}

impl From<CheckArgs> for cmd::CheckOptions {
    fn from(a: CheckArgs) -> cmd::CheckOptions {
        cmd::CheckOptions {
            input: a.input.into(),
            json: a.json,
            findings: a.findings,
            annotate: a.annotate,
            fail_on: a.fail_on.threshold(),
            show: a.show,
            suggest_mapping: a.suggest_mapping,
            suggest_causes: a.suggest_causes,
        }
    }
}

impl From<ReportArgs> for cmd::ReportOptions {
    fn from(a: ReportArgs) -> cmd::ReportOptions {
        cmd::ReportOptions {
            input: a.input.into(),
            period: a.period,
            out: a.out,
            show_names: a.show_names,
            fail_on: a.fail_on.threshold(),
        }
    }
}

impl From<ExportArgs> for cmd::ExportOptions {
    fn from(a: ExportArgs) -> cmd::ExportOptions {
        cmd::ExportOptions {
            input: a.input.into(),
            out: a.out,
            format: match a.format {
                ExportFormat::Parquet => crate::render::export::Format::Parquet,
                ExportFormat::Csv => crate::render::export::Format::Csv,
            },
            show_names: a.show_names,
        }
    }
}

impl From<TemplateArgs> for cmd::TemplateOptions {
    fn from(a: TemplateArgs) -> cmd::TemplateOptions {
        cmd::TemplateOptions { out: a.out }
    }
}

impl From<SampleArgs> for cmd::SampleOptions {
    fn from(a: SampleArgs) -> cmd::SampleOptions {
        cmd::SampleOptions {
            rows: a.rows,
            seed: a.seed,
            from: a.from,
            to: a.to,
            out: a.out,
        }
    }
}

impl From<UitlegArgs> for cmd::UitlegOptions {
    fn from(a: UitlegArgs) -> cmd::UitlegOptions {
        cmd::UitlegOptions { code: a.code }
    }
}

impl From<ConfigArgs> for cmd::ConfigOptions {
    fn from(a: ConfigArgs) -> cmd::ConfigOptions {
        cmd::ConfigOptions { print: a.print }
    }
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::parse(s).ok_or_else(|| format!("'{s}': use nl or en"))
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| format!("'{s}': use YYYY-MM-DD, e.g. 2026-09-30"))
}

/// Runs the command line and returns the exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang_flag = cli.lang;
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            let lang = lang_flag.unwrap_or_default();
            eprintln!(
                "klacht: {}: {}",
                lang.pick("fout", "error"),
                crate::render::terminal::printable(&e.message(lang))
            );
            ExitCode::from(EXIT_ERROR)
        }
    }
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> Result<u8, Error> {
    let dir = std::env::current_dir().map_err(|e| Error::io(".", &e))?;
    let mut config = Config::load(cli.config.as_deref(), &dir)?;
    if let Some(lang) = cli.lang {
        config.lang = lang;
    }
    match cli.command {
        Command::Check(args) => {
            let mut opts = cmd::CheckOptions::from(args);
            opts.input.registers =
                cmd::locks::without_lock_files(&opts.input.registers, config.lang)?;
            cmd::check::run(&config, &opts)
        }
        Command::Report(args) => {
            let mut opts = cmd::ReportOptions::from(args);
            opts.input.registers =
                cmd::locks::without_lock_files(&opts.input.registers, config.lang)?;
            cmd::report::run(&config, &opts)
        }
        Command::Export(args) => {
            let mut opts = cmd::ExportOptions::from(args);
            opts.input.registers =
                cmd::locks::without_lock_files(&opts.input.registers, config.lang)?;
            cmd::export::run(&config, &opts)
        }
        Command::Template(args) => cmd::template::run(&config, &args.into()),
        Command::Sample(args) => cmd::sample::run(&config, &args.into()),
        Command::Config(args) => cmd::config::run(&config, &args.into()),
        Command::Uitleg(args) => cmd::uitleg::run(&config, &args.into()),
        Command::Completions { shell } => {
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "klacht", &mut script);
            crate::render::output::print(&String::from_utf8_lossy(&script))?;
            Ok(EXIT_OK)
        }
    }
}
