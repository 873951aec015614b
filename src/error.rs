//! Errors that stop a run (exit code 2): the input cannot be read, the configuration is wrong,
//! an output cannot be written. Problems inside a readable register are findings, not errors.
//!
//! Each variant carries its facts as typed fields; [`Error::message`] renders them in Dutch or
//! English through one exhaustive `match`, so a variant without both texts does not compile.
//! The texts live here, not in [`crate::messages`]: the catalogue keeps the texts keyed by
//! codes that arrive as data (rule codes, notices, progress).

use crate::base::location::CellRef;
use crate::messages::fill;
use crate::Lang;
use chrono::NaiveDate;
use std::path::{Path, PathBuf};

/// A run-stopping error, rendered in either language by [`Error::message`].
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.message(Lang::En))]
pub enum Error {
    /// The input file does not exist.
    NotFound { path: PathBuf },
    /// A directory was given where a file is needed.
    IsDir { path: PathBuf },
    /// Any other failure to read a file.
    Io { path: PathBuf, detail: String },
    /// The file holds nothing (or only white space).
    Empty { path: PathBuf },
    /// Neither the extension nor the content names a readable format.
    Format { path: PathBuf },
    /// A password-protected workbook.
    Encrypted { path: PathBuf },
    /// The file is damaged or not of the `format` it claims.
    Corrupt {
        path: PathBuf,
        format: String,
        detail: String,
    },
    /// The file is larger than the `limits.<key>` setting (`limit` already written as a size).
    TooLarge {
        path: PathBuf,
        limit: String,
        key: &'static str,
    },
    /// A sheet's used area, from A1 to `cell`, is larger than `limits.max_cells`.
    TooManyCells {
        path: PathBuf,
        sheet: String,
        cell: String,
        cells: u64,
        limit: u64,
    },
    /// A CSV record with more fields than `limits.max_fields`.
    TooManyFields {
        path: PathBuf,
        line: u64,
        fields: usize,
        limit: usize,
    },
    /// A workbook that unpacks to more than `limit` times its size.
    ZipBomb {
        path: PathBuf,
        unpacked: String,
        ratio: u64,
        limit: u64,
    },
    /// A sheet asked for by name that the workbook lacks.
    NoSheet {
        path: PathBuf,
        sheet: String,
        sheets: Vec<String>,
    },
    /// No row looks like a register's header row.
    NoRegister { path: PathBuf },
    /// More sheets and files than a file index holds.
    TooManySources { path: PathBuf },
    /// A text file with NUL bytes (first on `line`).
    NulBytes { path: PathBuf, line: usize },
    /// Text that is not valid in its (detected or given) encoding.
    Encoding {
        path: PathBuf,
        encoding: &'static str,
    },
    /// `--encoding` names no known encoding.
    UnknownEncoding { path: PathBuf, label: String },
    /// klacht.toml is not valid TOML.
    ConfigSyntax {
        path: PathBuf,
        line: usize,
        detail: String,
    },
    /// A setting of klacht.toml (`key`, dotted, on `line`) that cannot be used.
    Config {
        path: PathBuf,
        line: usize,
        key: String,
        problem: ConfigProblem,
    },
    /// An output cannot be written.
    Output { path: PathBuf, detail: String },
    /// An output would overwrite an input.
    OutputIsInput { path: PathBuf },
    /// Only the lock file of an open workbook was given.
    OnlyLockFiles { path: PathBuf, workbook: String },
    /// `--suggest-mapping` with more than one file.
    SuggestOneFile { path: PathBuf },
    /// `--suggest-mapping` without a file (clap normally prevents it).
    NoRegisterGiven,
    /// `--annotate` to a file that is not `.xlsx`.
    AnnotateExt { path: PathBuf },
    /// `--findings` to a file of no known kind.
    FindingsExt { path: PathBuf },
    /// The register changed while it was read.
    Changed { path: PathBuf },
    /// An internal error of the group-by engine.
    Metrics { detail: String },
    /// `--period` in none of the accepted forms.
    Period { value: String },
    /// `klacht sample` to a file that is neither `.xlsx` nor `.csv`.
    SampleExt { path: PathBuf },
    /// `klacht sample` asked for more complaints than a worksheet holds.
    SampleTooManyRows { path: PathBuf, limit: usize },
    /// `klacht sample` for an empty period or one outside 1900–9999.
    SamplePeriod { start: NaiveDate, end: NaiveDate },
    /// `klacht uitleg CODE` with a code that names no rule; `nearest` are the closest codes.
    UnknownRule { code: String, nearest: Vec<String> },
    /// A row (0-based `row`, as Excel numbers it less one) or cell (`col`) of the volume file
    /// (`[volume] file`) that cannot be used.
    Volume {
        path: PathBuf,
        row: u32,
        col: Option<u32>,
        problem: VolumeProblem,
    },
}

/// What is wrong with a row or cell of the volume file (see [`Error::Volume`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VolumeProblem {
    /// Not a month.
    Month { value: String },
    /// Not a whole number of work orders from 0 to `max`.
    WorkOrders { value: String, max: u64 },
    /// The month (and department) `what` was given before, on row `first` (1-based).
    Duplicate { what: String, first: u32 },
    /// A month's total is below the sum of its departments.
    Total { month: String, total: u64, sum: u64 },
    /// The header row names no month or no work-orders column.
    Header,
    /// No row with a month and a number of work orders.
    NoRows,
}

impl VolumeProblem {
    /// Stable code.
    pub fn code(&self) -> &'static str {
        match self {
            VolumeProblem::Month { .. } => "E-volume-month",
            VolumeProblem::WorkOrders { .. } => "E-volume-number",
            VolumeProblem::Duplicate { .. } => "E-volume-duplicate",
            VolumeProblem::Total { .. } => "E-volume-total",
            VolumeProblem::Header => "E-volume-header",
            VolumeProblem::NoRows => "E-volume-empty",
        }
    }

    /// Dutch and English templates (after the file and the row or cell) and their blanks.
    fn texts(&self) -> Texts {
        match self {
            VolumeProblem::Month { value } => (
                "{value} is geen maand; schrijf bijvoorbeeld 2026-07, 07-2026 of juli 2026.",
                "{value} is not a month; write for example 2026-07, 07-2026 or juli 2026.",
                vec![("value", value.clone())],
            ),
            VolumeProblem::WorkOrders { value, max } => (
                "{value} is geen aantal werkbonnen; verwacht een geheel getal van 0 tot en met {max}.",
                "{value} is not a number of work orders; expected a whole number from 0 to {max}.",
                vec![("value", value.clone()), ("max", max.to_string())],
            ),
            VolumeProblem::Duplicate { what, first } => (
                "{what} staat al op rij {first}; geef elke maand (per afdeling) één keer.",
                "{what} is given on row {first} already; give each month (per department) once.",
                vec![("what", what.clone()), ("first", first.to_string())],
            ),
            VolumeProblem::Total { month, total, sum } => (
                "het totaal van {month} ({total}) is kleiner dan de som van de afdelingen ({sum}).",
                "the total of {month} ({total}) is less than the sum of the departments ({sum}).",
                vec![
                    ("month", month.clone()),
                    ("total", total.to_string()),
                    ("sum", sum.to_string()),
                ],
            ),
            VolumeProblem::Header => (
                "geen kolommen voor maand en aantal werkbonnen gevonden. Schrijf als kopregel maand;werkbonnen (en eventueel ;afdeling), of laat de kopregel weg en begin elke regel met een maand en een aantal.",
                "no columns for month and number of work orders found. Write a header row month;work orders (and optionally ;department), or leave the header out and start every line with a month and a number.",
                vec![],
            ),
            VolumeProblem::NoRows => (
                "geen regel met een maand en een aantal werkbonnen.",
                "no line with a month and a number of work orders.",
                vec![],
            ),
        }
    }
}

/// What is wrong with one setting of klacht.toml (see [`Error::Config`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigProblem {
    /// Not a known setting here; `allowed` lists the known ones.
    UnknownKey {
        allowed: Vec<String>,
    },
    NotTable,
    NotText,
    /// Neither a column header nor a list of them.
    NotTexts,
    /// Not a list; `example` shows one.
    NotList {
        example: &'static str,
    },
    /// Not a whole number in `min..=max`.
    Number {
        value: String,
        min: i64,
        max: i64,
    },
    /// Not a whole number in `min..=max`, nor "none".
    NumberOrNone {
        value: String,
        min: i64,
        max: i64,
    },
    /// Not one of `allowed`.
    Choice {
        value: String,
        allowed: Vec<String>,
    },
    /// Not a date nor a period of at most `max` days.
    Date {
        value: String,
        max: i64,
    },
    /// A value mapping for a field without fixed values.
    NoValues {
        allowed: Vec<String>,
    },
    /// A value to map without letters or digits.
    BlankKey,
    /// `value` is also given for `other`.
    Duplicate {
        value: String,
        other: String,
    },
    /// A cause of the cause list without letters or digits in its name.
    CauseName,
    /// Not one date (a cause's `action_date`).
    Day {
        value: String,
    },
    /// `value` above (`at_most`) or below the value `limit` of the setting `other`.
    Order {
        value: u32,
        other: &'static str,
        limit: u32,
        at_most: bool,
    },
    /// Not a month written `YYYY-MM`.
    Month {
        value: String,
    },
    /// `[volume]` with both `months` and `file`.
    VolumeBoth,
    /// A file named in the configuration that does not exist.
    FileNotFound {
        path: String,
    },
}

impl ConfigProblem {
    /// Stable code.
    pub fn code(&self) -> &'static str {
        match self {
            ConfigProblem::UnknownKey { .. } => "E-config-unknown-key",
            ConfigProblem::NotTable => "E-config-not-table",
            ConfigProblem::NotText => "E-config-not-text",
            ConfigProblem::NotTexts => "E-config-not-texts",
            ConfigProblem::NotList { .. } => "E-config-not-list",
            ConfigProblem::Number { .. } => "E-config-number",
            ConfigProblem::NumberOrNone { .. } => "E-config-number-or-none",
            ConfigProblem::Choice { .. } => "E-config-choice",
            ConfigProblem::Date { .. } => "E-config-date",
            ConfigProblem::NoValues { .. } => "E-config-no-values",
            ConfigProblem::BlankKey => "E-config-blank-key",
            ConfigProblem::Duplicate { .. } => "E-config-duplicate",
            ConfigProblem::CauseName => "E-config-cause-name",
            ConfigProblem::Day { .. } => "E-config-day",
            ConfigProblem::Order { .. } => "E-config-order",
            ConfigProblem::Month { .. } => "E-config-month",
            ConfigProblem::VolumeBoth => "E-config-volume-both",
            ConfigProblem::FileNotFound { .. } => "E-config-file",
        }
    }

    /// Dutch and English templates (after `{file}, regel {line}: `) and the blanks besides
    /// `{key}`.
    fn texts(&self) -> Texts {
        match self {
            ConfigProblem::UnknownKey { allowed } => (
                "onbekende instelling {key}. Toegestaan: {allowed}.",
                "unknown setting {key}. Allowed: {allowed}.",
                vec![("allowed", allowed.join(", "))],
            ),
            ConfigProblem::NotTable => (
                "{key} moet een tabel zijn, zoals [{key}].",
                "{key} must be a table, like [{key}].",
                vec![],
            ),
            ConfigProblem::NotText => (
                "{key} moet tekst tussen aanhalingstekens zijn.",
                "{key} must be text in quotes.",
                vec![],
            ),
            ConfigProblem::NotTexts => (
                "{key} moet een kolomkop zijn (\"Kop\") of een lijst ervan ([\"Kop 1\", \"Kop 2\"]).",
                "{key} must be a column header (\"Header\") or a list of them ([\"Header 1\", \"Header 2\"]).",
                vec![],
            ),
            ConfigProblem::NotList { example } => (
                "{key} moet een lijst zijn, zoals {example}.",
                "{key} must be a list, like {example}.",
                vec![("example", example.to_string())],
            ),
            ConfigProblem::Number { value, min, max } => (
                "{key} = {value} is ongeldig; verwacht een geheel getal van {min} tot en met {max}.",
                "{key} = {value} is not valid; expected a whole number from {min} to {max}.",
                vec![("value", value.clone()), ("min", min.to_string()), ("max", max.to_string())],
            ),
            ConfigProblem::NumberOrNone { value, min, max } => (
                "{key} = {value} is ongeldig; verwacht een geheel getal van {min} tot en met {max}, of \"none\" voor geen streeftermijn.",
                "{key} = {value} is not valid; expected a whole number from {min} to {max}, or \"none\" for no target.",
                vec![("value", value.clone()), ("min", min.to_string()), ("max", max.to_string())],
            ),
            ConfigProblem::Choice { value, allowed } => (
                "{key} = {value} is ongeldig; kies uit {allowed}.",
                "{key} = {value} is not valid; choose from {allowed}.",
                vec![("value", value.clone()), ("allowed", allowed.join(", "))],
            ),
            ConfigProblem::Date { value, max } => (
                "{key}: {value} is geen geldige datum of periode; schrijf \"JJJJ-MM-DD\" of \"JJJJ-MM-DD..JJJJ-MM-DD\" (van vroeg naar laat, hoogstens {max} dagen).",
                "{key}: {value} is not a valid date or period; write \"YYYY-MM-DD\" or \"YYYY-MM-DD..YYYY-MM-DD\" (earliest first, at most {max} days).",
                vec![("value", value.clone()), ("max", max.to_string())],
            ),
            ConfigProblem::NoValues { allowed } => (
                "{key}: waarden vertalen kan alleen voor velden met vaste waarden: {allowed}.",
                "{key}: value mappings exist only for fields with fixed values: {allowed}.",
                vec![("allowed", allowed.join(", "))],
            ),
            ConfigProblem::BlankKey => (
                "{key}: een waarde zonder letters of cijfers kan niet vertaald worden; zulke cellen gelden als leeg.",
                "{key}: a value without letters or digits cannot be mapped; such cells count as blank.",
                vec![],
            ),
            ConfigProblem::Duplicate { value, other } => (
                "{key}: {value} staat ook al bij {other}.",
                "{key}: {value} is also given for {other}.",
                vec![("value", value.clone()), ("other", other.clone())],
            ),
            ConfigProblem::CauseName => (
                "{key}: een oorzaak heeft een naam met letters of cijfers nodig, zoals [causes.\"lekkage koudemiddel\"].",
                "{key}: a cause needs a name with letters or digits, like [causes.\"lekkage koudemiddel\"].",
                vec![],
            ),
            ConfigProblem::Day { value } => (
                "{key} = {value} is geen geldige datum; schrijf JJJJ-MM-DD, zoals 2026-03-01.",
                "{key} = {value} is not a valid date; write YYYY-MM-DD, like 2026-03-01.",
                vec![("value", value.clone())],
            ),
            ConfigProblem::Order { value, other, limit, at_most } => {
                let blanks = vec![
                    ("value", value.to_string()),
                    ("other", other.to_string()),
                    ("limit", limit.to_string()),
                ];
                if *at_most {
                    (
                        "{key} = {value} mag niet groter zijn dan {other} = {limit}.",
                        "{key} = {value} may not be more than {other} = {limit}.",
                        blanks,
                    )
                } else {
                    (
                        "{key} = {value} mag niet kleiner zijn dan {other} = {limit}.",
                        "{key} = {value} may not be less than {other} = {limit}.",
                        blanks,
                    )
                }
            }
            ConfigProblem::Month { value } => (
                "{key}: {value} is geen maand; schrijf \"JJJJ-MM\", zoals \"2026-07\".",
                "{key}: {value} is not a month; write \"YYYY-MM\", like \"2026-07\".",
                vec![("value", value.clone())],
            ),
            ConfigProblem::VolumeBoth => (
                "{key}: geef de werkbonnen per maand (volume.months) of in een bestand (volume.file), niet allebei.",
                "{key}: give the work orders per month (volume.months) or in a file (volume.file), not both.",
                vec![],
            ),
            ConfigProblem::FileNotFound { path } => (
                "{key}: bestand {path} niet gevonden (een pad is vanuit de map van dit instellingenbestand).",
                "{key}: file {path} not found (a path is taken from the folder of this settings file).",
                vec![("path", path.clone())],
            ),
        }
    }
}

/// Dutch template, English template, values of their blanks.
type Texts = (&'static str, &'static str, Vec<(&'static str, String)>);

fn shown(path: &Path) -> (&'static str, String) {
    ("file", path.display().to_string())
}

impl Error {
    /// An I/O failure on `file`, with the cases a user can act on told apart.
    pub fn io(file: impl AsRef<Path>, err: &std::io::Error) -> Error {
        let path = file.as_ref().to_path_buf();
        match err.kind() {
            std::io::ErrorKind::NotFound => Error::NotFound { path },
            std::io::ErrorKind::IsADirectory => Error::IsDir { path },
            _ => Error::Io {
                path,
                detail: err.to_string(),
            },
        }
    }

    /// An output failure on `file`.
    pub fn output(file: impl AsRef<Path>, detail: impl ToString) -> Error {
        Error::Output {
            path: file.as_ref().to_path_buf(),
            detail: detail.to_string(),
        }
    }

    /// Stable code, e.g. `E-encrypted` (tests and docs name errors by it).
    pub fn code(&self) -> &'static str {
        match self {
            Error::NotFound { .. } => "E-not-found",
            Error::IsDir { .. } => "E-is-dir",
            Error::Io { .. } => "E-io",
            Error::Empty { .. } => "E-empty",
            Error::Format { .. } => "E-format",
            Error::Encrypted { .. } => "E-encrypted",
            Error::Corrupt { .. } => "E-corrupt",
            Error::TooLarge { .. } => "E-too-large",
            Error::TooManyCells { .. } => "E-too-many-cells",
            Error::TooManyFields { .. } => "E-too-many-fields",
            Error::ZipBomb { .. } => "E-zip-bomb",
            Error::NoSheet { .. } => "E-no-sheet",
            Error::NoRegister { .. } => "E-no-register",
            Error::TooManySources { .. } => "E-too-many-sources",
            Error::NulBytes { .. } => "E-nul-bytes",
            Error::Encoding { .. } => "E-encoding",
            Error::ConfigSyntax { .. } => "E-config-syntax",
            Error::Config { problem, .. } => problem.code(),
            Error::Volume { problem, .. } => problem.code(),
            Error::Output { .. } => "E-output",
            Error::OutputIsInput { .. } => "E-output-is-input",
            Error::OnlyLockFiles { .. } => "E-only-lock-files",
            Error::SuggestOneFile { .. } => "E-suggest-one-file",
            Error::AnnotateExt { .. } => "E-annotate-ext",
            Error::Changed { .. } => "E-changed",
            Error::Metrics { .. } => "E-metrics",
            Error::Period { .. } => "E-period",
            Error::UnknownRule { .. } => "E-unknown-rule",
            Error::UnknownEncoding { .. }
            | Error::NoRegisterGiven
            | Error::FindingsExt { .. }
            | Error::SampleExt { .. }
            | Error::SampleTooManyRows { .. }
            | Error::SamplePeriod { .. } => "E-usage",
        }
    }

    /// The file concerned, if any.
    pub fn path(&self) -> Option<&Path> {
        match self {
            Error::NotFound { path }
            | Error::IsDir { path }
            | Error::Io { path, .. }
            | Error::Empty { path }
            | Error::Format { path }
            | Error::Encrypted { path }
            | Error::Corrupt { path, .. }
            | Error::TooLarge { path, .. }
            | Error::TooManyCells { path, .. }
            | Error::TooManyFields { path, .. }
            | Error::ZipBomb { path, .. }
            | Error::NoSheet { path, .. }
            | Error::NoRegister { path }
            | Error::TooManySources { path }
            | Error::NulBytes { path, .. }
            | Error::Encoding { path, .. }
            | Error::UnknownEncoding { path, .. }
            | Error::ConfigSyntax { path, .. }
            | Error::Config { path, .. }
            | Error::Output { path, .. }
            | Error::OutputIsInput { path }
            | Error::OnlyLockFiles { path, .. }
            | Error::SuggestOneFile { path }
            | Error::AnnotateExt { path }
            | Error::FindingsExt { path }
            | Error::Changed { path }
            | Error::SampleExt { path }
            | Error::SampleTooManyRows { path, .. }
            | Error::Volume { path, .. } => Some(path),
            Error::NoRegisterGiven
            | Error::Metrics { .. }
            | Error::Period { .. }
            | Error::SamplePeriod { .. }
            | Error::UnknownRule { .. } => None,
        }
    }

    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let (nl, en, mut args) = self.texts();
        let mut template = lang.pick(nl, en).to_string();
        let problem = match self {
            Error::Config { problem, .. } => Some(problem.texts()),
            Error::Volume { problem, .. } => Some(problem.texts()),
            _ => None,
        };
        if let Some((nl, en, more)) = problem {
            template.push_str(lang.pick(nl, en));
            args.extend(more);
        }
        let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
        fill(&template, &args)
    }

    /// Dutch and English templates and the values of their blanks: the one place the texts of
    /// errors are written.
    fn texts(&self) -> Texts {
        match self {
            Error::NotFound { path } => (
                "{file}: bestand niet gevonden.",
                "{file}: file not found.",
                vec![shown(path)],
            ),
            Error::IsDir { path } => (
                "{file}: is een map, geen bestand. Geef het registerbestand zelf op.",
                "{file}: is a directory, not a file. Name the register file itself.",
                vec![shown(path)],
            ),
            Error::Io { path, detail } => (
                "{file}: kan niet gelezen worden: {detail}",
                "{file}: cannot be read: {detail}",
                vec![shown(path), ("detail", detail.clone())],
            ),
            Error::Empty { path } => (
                "{file}: het bestand is leeg.",
                "{file}: the file is empty.",
                vec![shown(path)],
            ),
            Error::Format { path } => (
                "{file}: onbekend bestandstype. Gebruik xlsx, xlsm, xls, xlsb, ods of csv.",
                "{file}: unknown file type. Use xlsx, xlsm, xls, xlsb, ods or csv.",
                vec![shown(path)],
            ),
            Error::Encrypted { path } => (
                "{file}: de werkmap is met een wachtwoord beveiligd. Sla een onbeveiligde kopie op en geef die op.",
                "{file}: the workbook is password-protected. Save an unprotected copy and use that.",
                vec![shown(path)],
            ),
            Error::Corrupt { path, format, detail } => (
                "{file}: het bestand is beschadigd of geen geldige {format}: {detail}",
                "{file}: the file is damaged or not a valid {format}: {detail}",
                vec![shown(path), ("format", format.clone()), ("detail", detail.clone())],
            ),
            Error::TooLarge { path, limit, key } => (
                "{file}: het bestand is groter dan de grens van {limit} (instelling limits.{key}).",
                "{file}: the file is larger than the limit of {limit} (setting limits.{key}).",
                vec![shown(path), ("limit", limit.clone()), ("key", key.to_string())],
            ),
            Error::TooManyCells { path, sheet, cell, cells, limit } => (
                "{file}: blad {sheet} loopt tot cel {cell} en heeft daarmee {cells} cellen, meer dan de grens van {limit} (instelling limits.max_cells). Verwijder verdwaalde cellen ver buiten het register.",
                "{file}: sheet {sheet} reaches cell {cell} and so has {cells} cells, more than the limit of {limit} (setting limits.max_cells). Delete stray cells far outside the register.",
                vec![
                    shown(path),
                    ("sheet", sheet.clone()),
                    ("cell", cell.clone()),
                    ("cells", cells.to_string()),
                    ("limit", limit.to_string()),
                ],
            ),
            Error::TooManyFields { path, line, fields, limit } => (
                "{file}: regel {line} heeft {fields} velden, meer dan de grens van {limit} (instelling limits.max_fields).",
                "{file}: line {line} has {fields} fields, more than the limit of {limit} (setting limits.max_fields).",
                vec![
                    shown(path),
                    ("line", line.to_string()),
                    ("fields", fields.to_string()),
                    ("limit", limit.to_string()),
                ],
            ),
            Error::ZipBomb { path, unpacked, ratio, limit } => (
                "{file}: de werkmap pakt uit tot {unpacked}, {ratio} keer zo groot als het bestand, meer dan de grens van {limit} keer (instelling limits.max_ratio). Zo'n bestand is bijna altijd een zipbom; is het een echte werkmap, verhoog dan de grens.",
                "{file}: the workbook unpacks to {unpacked}, {ratio} times the size of the file, more than the limit of {limit} times (setting limits.max_ratio). Such a file is nearly always a zip bomb; if it is a real workbook, raise the limit.",
                vec![
                    shown(path),
                    ("unpacked", unpacked.clone()),
                    ("ratio", ratio.to_string()),
                    ("limit", limit.to_string()),
                ],
            ),
            Error::NoSheet { path, sheet, sheets } => (
                "{file}: blad {sheet} bestaat niet. Bladen in dit bestand: {sheets}.",
                "{file}: there is no sheet {sheet}. Sheets in this file: {sheets}.",
                vec![shown(path), ("sheet", sheet.clone()), ("sheets", sheets.join(", "))],
            ),
            Error::NoRegister { path } => (
                "{file}: geen register gevonden: geen rij lijkt op een kopregel met bijvoorbeeld Datum ontvangst, Omschrijving en Behandelaar.",
                "{file}: no register found: no row looks like a header row with, for example, Date received, Description and Handler.",
                vec![shown(path)],
            ),
            Error::TooManySources { path } => (
                "{file}: meer dan 65.536 bladen en bestanden in één keer; lees het register in delen.",
                "{file}: more than 65,536 sheets and files at once; read the register in parts.",
                vec![shown(path)],
            ),
            Error::NulBytes { path, line } => (
                "{file}: regel {line} bevat NUL-tekens (0x00), dus dit is geen tekstbestand. Is het een werkmap met een verkeerde naam, of is het beschadigd?",
                "{file}: line {line} holds NUL characters (0x00), so this is not a text file. Is it a workbook under a wrong name, or is it damaged?",
                vec![shown(path), ("line", line.to_string())],
            ),
            Error::Encoding { path, encoding } => (
                "{file}: de tekst is geen geldige {encoding}.",
                "{file}: the text is not valid {encoding}.",
                vec![shown(path), ("encoding", encoding.to_string())],
            ),
            Error::UnknownEncoding { label, .. } => (
                "encoding \"{label}\": onbekende tekenset (utf-8, windows-1252, utf-16le, …)",
                "encoding \"{label}\": unknown encoding (utf-8, windows-1252, utf-16le, …)",
                vec![("label", label.clone())],
            ),
            Error::ConfigSyntax { path, line, detail } => (
                "{file}, regel {line}: geen geldige TOML: {detail}",
                "{file}, line {line}: not valid TOML: {detail}",
                vec![shown(path), ("line", line.to_string()), ("detail", detail.clone())],
            ),
            // The problem's own text follows; see [`Error::message`].
            Error::Config { path, line, key, .. } => (
                "{file}, regel {line}: ",
                "{file}, line {line}: ",
                vec![shown(path), ("line", line.to_string()), ("key", key.clone())],
            ),
            Error::Output { path, detail } => (
                "{file}: kan niet geschreven worden: {detail}",
                "{file}: cannot be written: {detail}",
                vec![shown(path), ("detail", detail.clone())],
            ),
            Error::OutputIsInput { path } => (
                "{file}: dit is ook een invoerbestand; kies een andere uitvoer, het register wordt nooit overschreven.",
                "{file}: this is also an input file; choose another output, the register is never overwritten.",
                vec![shown(path)],
            ),
            Error::OnlyLockFiles { path, workbook } => (
                "{file}: dit is het vergrendelbestand dat Excel of LibreOffice naast een geopende werkmap zet, geen register; geef de werkmap zelf op ({workbook}).",
                "{file}: this is the lock file Excel or LibreOffice puts beside an open workbook, not a register; name the workbook itself ({workbook}).",
                vec![shown(path), ("workbook", workbook.clone())],
            ),
            Error::SuggestOneFile { path } => (
                "{file}: --suggest-mapping maakt een voorstel voor één registerbestand; geef alleen dat bestand op.",
                "{file}: --suggest-mapping makes a suggestion for one register file; name only that file.",
                vec![shown(path)],
            ),
            Error::NoRegisterGiven => (
                "geef een registerbestand op (REGISTER)",
                "name a register file (REGISTER)",
                vec![],
            ),
            Error::AnnotateExt { path } => (
                "{file}: --annotate schrijft een Excel-werkmap; gebruik een bestandsnaam op .xlsx.",
                "{file}: --annotate writes an Excel workbook; use a file name ending in .xlsx.",
                vec![shown(path)],
            ),
            Error::FindingsExt { .. } => (
                "--findings: gebruik een bestandsnaam op .xlsx, .csv of .json",
                "--findings: use a file name ending in .xlsx, .csv or .json",
                vec![],
            ),
            Error::Changed { path } => (
                "{file}: het bestand is gewijzigd terwijl klacht het las; voer de opdracht opnieuw uit.",
                "{file}: the file changed while klacht was reading it; run the command again.",
                vec![shown(path)],
            ),
            Error::Metrics { detail } => (
                "Interne fout bij het berekenen van de rapportcijfers: {detail}",
                "Internal error while computing the report figures: {detail}",
                vec![("detail", detail.clone())],
            ),
            Error::Period { value } => (
                "Periode {value} is ongeldig; schrijf 2026-Q3 (kwartaal), 2026-07 (maand), 2026-H2 (halfjaar), 2026 (jaar) of 2026-07-01..2026-09-30 (van vroeg naar laat).",
                "Period {value} is not valid; write 2026-Q3 (quarter), 2026-07 (month), 2026-H2 (half year), 2026 (year) or 2026-07-01..2026-09-30 (earliest first).",
                vec![("value", value.clone())],
            ),
            Error::SampleExt { path } => (
                "{file}: kies een bestandsnaam op .xlsx of .csv",
                "{file}: use a file name ending in .xlsx or .csv",
                vec![shown(path)],
            ),
            Error::SampleTooManyRows { path, limit } => (
                "{file}: een werkblad heeft plaats voor {limit} klachten; kies .csv voor meer",
                "{file}: a worksheet holds {limit} complaints; use .csv for more",
                vec![shown(path), ("limit", limit.to_string())],
            ),
            Error::SamplePeriod { start, end } => (
                "de periode {start} t/m {end} is leeg of valt buiten 1900–9999",
                "the period {start} to {end} is empty or outside 1900–9999",
                vec![("start", start.to_string()), ("end", end.to_string())],
            ),
            Error::UnknownRule { code, nearest } => (
                "{code} is geen regel van klacht. Bedoelt u: {nearest}? klacht uitleg zonder code toont alle regels.",
                "{code} is not a rule of klacht. Did you mean: {nearest}? klacht explain without a code lists every rule.",
                vec![("code", code.clone()), ("nearest", nearest.join(", "))],
            ),
            // The problem's own text follows; see [`Error::message`].
            Error::Volume { path, row, col, .. } => {
                let at = CellRef { file: 0, row: *row, col: *col };
                let (nl, en) = match col {
                    Some(_) => ("{file}, cel {cell}: ", "{file}, cell {cell}: "),
                    None => ("{file}, rij {row}: ", "{file}, row {row}: "),
                };
                let row = (u64::from(*row) + 1).to_string();
                (nl, en, vec![shown(path), ("cell", at.a1()), ("row", row)])
            }
        }
    }
}

/// Result with the crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    /// The position of `e`'s variant. No wildcard: a new variant stops this test compiling
    /// until it is added here and to [`one_of_each`].
    fn variant(e: &Error) -> usize {
        match e {
            Error::NotFound { .. } => 0,
            Error::IsDir { .. } => 1,
            Error::Io { .. } => 2,
            Error::Empty { .. } => 3,
            Error::Format { .. } => 4,
            Error::Encrypted { .. } => 5,
            Error::Corrupt { .. } => 6,
            Error::TooLarge { .. } => 7,
            Error::TooManyCells { .. } => 8,
            Error::TooManyFields { .. } => 9,
            Error::ZipBomb { .. } => 10,
            Error::NoSheet { .. } => 11,
            Error::NoRegister { .. } => 12,
            Error::TooManySources { .. } => 13,
            Error::NulBytes { .. } => 14,
            Error::Encoding { .. } => 15,
            Error::UnknownEncoding { .. } => 16,
            Error::ConfigSyntax { .. } => 17,
            Error::Config { problem, .. } => match problem {
                ConfigProblem::UnknownKey { .. } => 18,
                ConfigProblem::NotTable => 19,
                ConfigProblem::NotText => 20,
                ConfigProblem::NotTexts => 21,
                ConfigProblem::NotList { .. } => 22,
                ConfigProblem::Number { .. } => 23,
                ConfigProblem::NumberOrNone { .. } => 24,
                ConfigProblem::Choice { .. } => 25,
                ConfigProblem::Date { .. } => 26,
                ConfigProblem::NoValues { .. } => 27,
                ConfigProblem::BlankKey => 28,
                ConfigProblem::Duplicate { .. } => 29,
                ConfigProblem::CauseName => 43,
                ConfigProblem::Day { .. } => 44,
                ConfigProblem::Order { .. } => 54,
                ConfigProblem::Month { .. } => 45,
                ConfigProblem::VolumeBoth => 46,
                ConfigProblem::FileNotFound { .. } => 47,
            },
            Error::Volume { problem, .. } => match problem {
                VolumeProblem::Month { .. } => 48,
                VolumeProblem::WorkOrders { .. } => 49,
                VolumeProblem::Duplicate { .. } => 50,
                VolumeProblem::Total { .. } => 51,
                VolumeProblem::Header => 52,
                VolumeProblem::NoRows => 53,
            },
            Error::Output { .. } => 30,
            Error::OutputIsInput { .. } => 31,
            Error::OnlyLockFiles { .. } => 32,
            Error::SuggestOneFile { .. } => 33,
            Error::NoRegisterGiven => 34,
            Error::AnnotateExt { .. } => 35,
            Error::FindingsExt { .. } => 36,
            Error::Changed { .. } => 37,
            Error::Metrics { .. } => 38,
            Error::Period { .. } => 39,
            Error::SampleExt { .. } => 40,
            Error::SampleTooManyRows { .. } => 41,
            Error::SamplePeriod { .. } => 42,
            Error::UnknownRule { .. } => 55,
        }
    }
    const VARIANTS: usize = 56;

    fn one_of_each() -> Vec<Error> {
        let p = || PathBuf::from("r.xlsx");
        let s = |t: &str| t.to_string();
        let config = |problem| Error::Config {
            path: p(),
            line: 4,
            key: s("targets.stale"),
            problem,
        };
        let volume = |col, problem| Error::Volume {
            path: PathBuf::from("w.csv"),
            row: 4,
            col,
            problem,
        };
        let day = NaiveDate::from_ymd_opt(2026, 9, 30).unwrap_or_default();
        vec![
            Error::NotFound { path: p() },
            Error::IsDir { path: p() },
            Error::Io {
                path: p(),
                detail: s("d"),
            },
            Error::Empty { path: p() },
            Error::Format { path: p() },
            Error::Encrypted { path: p() },
            Error::Corrupt {
                path: p(),
                format: s("XLSX"),
                detail: s("d"),
            },
            Error::TooLarge {
                path: p(),
                limit: s("1 MiB"),
                key: "max_bytes",
            },
            Error::TooManyCells {
                path: p(),
                sheet: s("S"),
                cell: s("B2"),
                cells: 4,
                limit: 3,
            },
            Error::TooManyFields {
                path: p(),
                line: 2,
                fields: 9,
                limit: 8,
            },
            Error::ZipBomb {
                path: p(),
                unpacked: s("1 GiB"),
                ratio: 900,
                limit: 100,
            },
            Error::NoSheet {
                path: p(),
                sheet: s("X"),
                sheets: vec![s("A"), s("B")],
            },
            Error::NoRegister { path: p() },
            Error::TooManySources { path: p() },
            Error::NulBytes { path: p(), line: 3 },
            Error::Encoding {
                path: p(),
                encoding: "UTF-8",
            },
            Error::UnknownEncoding {
                path: p(),
                label: s("x"),
            },
            Error::ConfigSyntax {
                path: p(),
                line: 1,
                detail: s("d"),
            },
            config(ConfigProblem::UnknownKey {
                allowed: vec![s("a")],
            }),
            config(ConfigProblem::NotTable),
            config(ConfigProblem::NotText),
            config(ConfigProblem::NotTexts),
            config(ConfigProblem::NotList { example: "[1, 2]" }),
            config(ConfigProblem::Number {
                value: s("-1"),
                min: 1,
                max: 9,
            }),
            config(ConfigProblem::NumberOrNone {
                value: s("-1"),
                min: 0,
                max: 9,
            }),
            config(ConfigProblem::Choice {
                value: s("x"),
                allowed: vec![s("a"), s("b")],
            }),
            config(ConfigProblem::Date {
                value: s("x"),
                max: 366,
            }),
            config(ConfigProblem::NoValues {
                allowed: vec![s("a")],
            }),
            config(ConfigProblem::BlankKey),
            config(ConfigProblem::Duplicate {
                value: s("x"),
                other: s("y"),
            }),
            Error::Output {
                path: p(),
                detail: s("d"),
            },
            Error::OutputIsInput { path: p() },
            Error::OnlyLockFiles {
                path: p(),
                workbook: s("w.xlsx"),
            },
            Error::SuggestOneFile { path: p() },
            Error::NoRegisterGiven,
            Error::AnnotateExt { path: p() },
            Error::FindingsExt { path: p() },
            Error::Changed { path: p() },
            Error::Metrics { detail: s("d") },
            Error::Period { value: s("x") },
            Error::SampleExt { path: p() },
            Error::SampleTooManyRows {
                path: p(),
                limit: 5,
            },
            Error::SamplePeriod {
                start: day,
                end: day,
            },
            config(ConfigProblem::CauseName),
            config(ConfigProblem::Day { value: s("x") }),
            config(ConfigProblem::Order {
                value: 30,
                other: "signals.baseline_months",
                limit: 24,
                at_most: true,
            }),
            config(ConfigProblem::Month { value: s("x") }),
            config(ConfigProblem::VolumeBoth),
            config(ConfigProblem::FileNotFound { path: s("w.csv") }),
            volume(Some(1), VolumeProblem::Month { value: s("x") }),
            volume(
                Some(1),
                VolumeProblem::WorkOrders {
                    value: s("-3"),
                    max: 9,
                },
            ),
            volume(
                Some(0),
                VolumeProblem::Duplicate {
                    what: s("2026-07"),
                    first: 2,
                },
            ),
            volume(
                None,
                VolumeProblem::Total {
                    month: s("2026-07"),
                    total: 3,
                    sum: 4,
                },
            ),
            volume(None, VolumeProblem::Header),
            volume(None, VolumeProblem::NoRows),
            Error::UnknownRule {
                code: s("late-ack"),
                nearest: vec![s("late-acknowledgement")],
            },
        ]
    }

    #[test]
    fn every_variant_renders_in_both_languages_with_every_blank_filled() {
        let all = one_of_each();
        let mut seen: Vec<usize> = all.iter().map(variant).collect();
        seen.sort_unstable();
        assert_eq!(seen, (0..VARIANTS).collect::<Vec<_>>(), "one of each, once");
        for e in &all {
            let (nl, en) = (e.message(Lang::Nl), e.message(Lang::En));
            for text in [&nl, &en] {
                // Blanks are lower-case names in braces; the examples in the texts
                // (`[targets]`, `["Kop 1"]`) use other brackets.
                let open = text.find('{');
                assert!(open.is_none(), "{}: unfilled blank in {text:?}", e.code());
                assert!(
                    text.chars().any(char::is_alphabetic),
                    "{}: {text:?}",
                    e.code()
                );
            }
            assert_ne!(nl, en, "{}: the same text in both languages", e.code());
            assert!(e.code().starts_with("E-"), "{}", e.code());
        }
    }

    #[test]
    fn a_setting_error_names_file_line_and_key_before_the_problem() {
        let e = Error::Config {
            path: PathBuf::from("klacht.toml"),
            line: 2,
            key: "colour".to_string(),
            problem: ConfigProblem::UnknownKey {
                allowed: vec!["company".to_string(), "lang".to_string()],
            },
        };
        assert_eq!(
            e.message(Lang::Nl),
            "klacht.toml, regel 2: onbekende instelling colour. Toegestaan: company, lang."
        );
        assert_eq!(
            e.message(Lang::En),
            "klacht.toml, line 2: unknown setting colour. Allowed: company, lang."
        );
        assert_eq!(e.code(), "E-config-unknown-key");
        assert_eq!(e.to_string(), e.message(Lang::En));
    }

    #[test]
    fn a_volume_error_names_file_and_cell_or_row() {
        let e = Error::Volume {
            path: PathBuf::from("werkbonnen.csv"),
            row: 4,
            col: Some(1),
            problem: VolumeProblem::WorkOrders {
                value: "\"-3\"".to_string(),
                max: 9,
            },
        };
        assert_eq!(
            e.message(Lang::Nl),
            "werkbonnen.csv, cel B5: \"-3\" is geen aantal werkbonnen; verwacht een geheel getal van 0 tot en met 9."
        );
        assert_eq!(
            (e.code(), e.path()),
            ("E-volume-number", Some(Path::new("werkbonnen.csv")))
        );
        let e = Error::Volume {
            path: PathBuf::from("werkbonnen.csv"),
            row: 0,
            col: None,
            problem: VolumeProblem::Header,
        };
        assert!(e
            .message(Lang::En)
            .starts_with("werkbonnen.csv, row 1: no columns"));
    }

    #[test]
    fn io_errors_a_user_can_act_on_are_told_apart() {
        let kind = |k| Error::io("r.csv", &std::io::Error::from(k)).code();
        assert_eq!(kind(std::io::ErrorKind::NotFound), "E-not-found");
        assert_eq!(kind(std::io::ErrorKind::IsADirectory), "E-is-dir");
        assert_eq!(kind(std::io::ErrorKind::PermissionDenied), "E-io");
    }
}
