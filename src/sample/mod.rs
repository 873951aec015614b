//! `klacht sample`: synthetic complaint registers of a fictional installer, Koeltechniek Van
//! der Berg B.V. in Apeldoorn, for trying the tool and for benchmarks.
//!
//! Two kinds of output come from one generator (seeded, with its own
//! random generator so the bytes never change):
//! - [`write_sample`]: a clean, machine-shaped register of any size (one header row with the
//!   template's headers, one complaint per row), as `.xlsx` or `.csv`;
//! - [`write_demo_workbook`] and [`write_demo_csv`]: the bundled demo files, the same company's
//!   register as people really keep it (title rows, header variants, typed-in dates, blank and
//!   totals rows, a Windows-1252 CSV export), with the gaps counted in [`demo_planted`].
//!
//! Both write a cause several ways, as different people do (SPEC §10), the usual spelling
//! the most frequent; [`demo_causes`] and [`sample_causes`] say which cause each text is.
//! Both come with the company's work orders per month ([`write_sample_volume`],
//! [`write_demo_volume`]), for the complaints per 1,000 work orders (SPEC §5).

mod clean;
mod content;
mod demo;
mod model;
mod rng;
mod volume;

pub use demo::{
    demo_causes, demo_planted, demo_quirks, demo_volume, write_demo_csv, write_demo_volume,
    write_demo_workbook, DemoQuirks,
};
pub use volume::{sample_volume, volume_path, write_sample_volume, VolumeLine};

use crate::base::Rule;
use crate::error::{Error, Result};
use crate::Lang;
use chrono::{Datelike as _, NaiveDate};
use std::path::{Path, PathBuf};

/// What [`write_sample`] generates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SampleOptions {
    /// Number of complaints.
    pub rows: usize,
    /// The same seed gives the same register, byte for byte.
    pub seed: u64,
    /// First and last day complaints are received.
    pub start: NaiveDate,
    pub end: NaiveDate,
    /// Language of the headers and of the closed vocabularies (channel, status, …).
    pub lang: Lang,
}

impl Default for SampleOptions {
    fn default() -> Self {
        SampleOptions {
            rows: 500,
            seed: 1,
            start: NaiveDate::from_ymd_opt(2025, 1, 1).unwrap_or_default(),
            end: NaiveDate::from_ymd_opt(2026, 9, 30).unwrap_or_default(),
            lang: Lang::Nl,
        }
    }
}

/// Writes a clean, machine-shaped register to `out`: `.xlsx` (real date cells) or `.csv`
/// (UTF-8 with byte-order mark so Excel shows accents, `;`, CRLF, `dd-mm-yyyy`, decimal comma).
/// The file appears complete or not at all: it is written beside `out` and renamed into place.
///
/// ```no_run
/// use klacht::sample::{write_sample, SampleOptions};
/// let opts = SampleOptions { rows: 1_000_000, ..SampleOptions::default() };
/// write_sample(&opts, std::path::Path::new("bench.csv")).unwrap();
/// ```
pub fn write_sample(opts: &SampleOptions, out: &Path) -> Result<()> {
    check_options(opts)?;
    match extension(out).as_str() {
        "csv" => write_atomically(out, |tmp| clean::write_csv(opts, tmp)),
        "xlsx" => {
            if opts.rows > clean::XLSX_MAX_ROWS {
                return Err(Error::SampleTooManyRows {
                    path: out.into(),
                    limit: clean::XLSX_MAX_ROWS,
                });
            }
            write_atomically(out, |tmp| clean::write_xlsx(opts, tmp))
        }
        _ => Err(Error::SampleExt { path: out.into() }),
    }
}

/// The gaps planted in a clean sample, counted by running its generator (cheap: no writing).
pub fn sample_planted(opts: &SampleOptions) -> Result<PlantedCounts> {
    check_options(opts)?;
    let mut g = model::Generator::new(opts.rows, opts.seed, opts.start, opts.end, &model::CLEAN);
    g.by_ref().for_each(drop);
    Ok(g.counts)
}

/// The causes a clean sample writes, in register order (complaints without a cause left out),
/// each with the cause it is: what a report's cause groups must find.
pub fn sample_causes(opts: &SampleOptions) -> Result<Vec<WrittenCause>> {
    check_options(opts)?;
    let g = model::Generator::new(opts.rows, opts.seed, opts.start, opts.end, &model::CLEAN);
    Ok(g.filter_map(|r| r.written_cause()).collect())
}

/// A cause as a generated register writes it, and the cause it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WrittenCause {
    /// The complaint's date of receipt.
    pub received: NaiveDate,
    /// Which of the generator's causes it is (the same for all its spellings).
    pub cause: usize,
    /// The cause's usual spelling.
    pub name: &'static str,
    /// The text in the cause column.
    pub text: &'static str,
    /// Another word for the cause, which no spelling rule folds onto its name.
    pub synonym: bool,
}

/// Procedure gaps planted in a generated register, per kind, counted from the complaints as
/// written, so that a validation of the file must find exactly these (with the reference date
/// at the end of the sample period or later).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PlantedCounts {
    /// Complaints written.
    pub complaints: usize,
    pub missing_urgency: usize,
    pub missing_handler: usize,
    pub missing_channel: usize,
    pub missing_nature: usize,
    /// No assessor or no handling mode (never on categories 1–2).
    pub missing_assessment: usize,
    pub missing_acknowledgement: usize,
    /// Acknowledged 4 to 12 weekdays after receipt: late under any holiday calendar.
    pub late_acknowledgement: usize,
    /// Category 1–2 answered by conversation.
    pub legal_needs_written: usize,
    /// Category 7 marked technical.
    pub nature_conflict: usize,
    /// A closed date with an open status, or a closed status without closed date.
    pub status_conflict: usize,
    pub closed_without_cause: usize,
    pub closed_without_solution: usize,
    /// Complaints whose customer complained before within 330 days (same customer, often the
    /// same job); every other complaint is from a new customer with new jobs.
    pub repeat_complaint: usize,
    /// Without closed date (open at the end of the period).
    pub open_at_end: usize,
    /// Category 1–2 without closed date.
    pub open_escalation: usize,
    /// Columns the tool does not know (the demo's `Plaats`).
    pub unmapped_column: usize,
}

impl PlantedCounts {
    fn add(&mut self, r: &model::Row) {
        use crate::register::{HandlingMode, Nature, Status};
        let n = |b: bool| usize::from(b);
        let category = r.urgency.map(|u| u.number());
        self.complaints += 1;
        self.missing_urgency += n(r.urgency.is_none());
        self.missing_handler += n(r.handler.is_none());
        self.missing_channel += n(r.channel.is_none());
        self.missing_nature += n(r.nature.is_none());
        self.missing_assessment += n(r.assessor.is_none() || r.mode.is_none());
        self.missing_acknowledgement += n(r.ack.is_none());
        self.late_acknowledgement += n(r.ack.is_some() && r.ack_late);
        self.legal_needs_written +=
            n(category.is_some_and(|c| c <= 2) && r.mode == Some(HandlingMode::Conversation));
        self.nature_conflict += n(category == Some(7) && r.nature == Some(Nature::Technical));
        self.status_conflict += n(r.closed.is_some() != (r.status == Status::Closed));
        self.closed_without_cause += n(r.is_closed() && !r.cause_filled);
        self.closed_without_solution += n(r.is_closed() && r.solution.is_none());
        self.repeat_complaint += n(r.repeat);
        self.open_at_end += n(r.closed.is_none());
        self.open_escalation += n(r.closed.is_none() && category.is_some_and(|c| c <= 2));
    }

    /// The counts keyed by the rule that should report them.
    pub fn by_rule(&self) -> Vec<(Rule, usize)> {
        vec![
            (Rule::MissingUrgency, self.missing_urgency),
            (Rule::MissingHandler, self.missing_handler),
            (Rule::MissingChannel, self.missing_channel),
            (Rule::MissingNature, self.missing_nature),
            (Rule::MissingAssessment, self.missing_assessment),
            (Rule::MissingAcknowledgement, self.missing_acknowledgement),
            (Rule::LateAcknowledgement, self.late_acknowledgement),
            (Rule::LegalNeedsWritten, self.legal_needs_written),
            (Rule::NatureConflict, self.nature_conflict),
            (Rule::StatusConflict, self.status_conflict),
            (Rule::ClosedWithoutCause, self.closed_without_cause),
            (Rule::ClosedWithoutSolution, self.closed_without_solution),
            (Rule::RepeatComplaint, self.repeat_complaint),
            (Rule::OpenEscalation, self.open_escalation),
            (Rule::UnmappedColumn, self.unmapped_column),
        ]
    }
}

fn check_options(opts: &SampleOptions) -> Result<()> {
    let years = 1900..=9999;
    if opts.start > opts.end
        || !years.contains(&opts.start.year_ce().1)
        || !years.contains(&opts.end.year_ce().1)
    {
        return Err(Error::SamplePeriod {
            start: opts.start,
            end: opts.end,
        });
    }
    Ok(())
}

/// The lower-case extension of `p`.
fn extension(p: &Path) -> String {
    p.extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default()
}

/// Runs `write` on a temporary file beside `out`, then renames it into place; the temporary
/// file is removed when writing fails, so `out` is never half-written.
fn write_atomically(out: &Path, write: impl FnOnce(&Path) -> Result<()>) -> Result<()> {
    let tmp = temp_path(out);
    let result =
        write(&tmp).and_then(|()| std::fs::rename(&tmp, out).map_err(|e| output_error(out, &e)));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// `dir/.name.tmp1234.ext`: same directory (so the rename is atomic), same extension.
fn temp_path(out: &Path) -> PathBuf {
    let name = out
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = format!(".{name}.tmp{}.{}", std::process::id(), extension(out));
    match out.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.join(tmp),
        _ => PathBuf::from(tmp),
    }
}

/// A failure while writing `out`.
fn output_error(out: &Path, err: &dyn std::fmt::Display) -> Error {
    Error::output(out, err)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    pub(super) fn temp_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("klacht-sample-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn defaults_are_the_documented_ones() {
        let o = SampleOptions::default();
        assert_eq!((o.rows, o.seed, o.lang), (500, 1, Lang::Nl));
        assert_eq!((o.start, o.end), (d(2025, 1, 1), d(2026, 9, 30)));
    }

    #[test]
    fn other_extensions_are_a_usage_error_and_leave_nothing_behind() {
        let dir = temp_dir("ext");
        for name in ["x.txt", "x.xls", "x"] {
            let err = write_sample(&SampleOptions::default(), &dir.join(name)).unwrap_err();
            assert_eq!(err.code(), "E-usage");
            assert!(
                err.message(Lang::Nl).contains(".xlsx of .csv"),
                "{}",
                err.message(Lang::Nl)
            );
        }
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 0);
    }

    #[test]
    fn an_empty_period_is_a_usage_error() {
        let opts = SampleOptions {
            start: d(2026, 1, 2),
            end: d(2026, 1, 1),
            ..SampleOptions::default()
        };
        let err = write_sample(&opts, Path::new("x.csv")).unwrap_err();
        assert_eq!(err.code(), "E-usage");
        assert!(sample_planted(&opts).is_err());
    }

    #[test]
    fn unwritable_output_is_an_output_error_without_temp_files() {
        let dir = temp_dir("unwritable");
        let out = dir.join("missing-dir").join("x.csv");
        let err = write_sample(&SampleOptions::default(), &out).unwrap_err();
        assert_eq!(err.code(), "E-output");
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 0);
    }

    #[test]
    fn temp_files_sit_beside_the_output_with_its_extension() {
        let t = temp_path(Path::new("/a/b/reg.XLSX"));
        assert_eq!(t.parent(), Some(Path::new("/a/b")));
        assert!(t.to_string_lossy().ends_with(".xlsx"));
        assert_eq!(
            temp_path(Path::new("reg.csv")).parent(),
            Some(Path::new(""))
        );
    }

    #[test]
    fn planted_counts_are_a_few_percent_and_by_rule_lists_them() {
        let p = sample_planted(&SampleOptions {
            rows: 20_000,
            ..SampleOptions::default()
        })
        .unwrap();
        assert_eq!(p.complaints, 20_000);
        for (rule, n) in p.by_rule() {
            if rule == Rule::UnmappedColumn {
                assert_eq!(n, 0, "the clean sample has only template columns");
                continue;
            }
            assert!(n > 0, "{rule:?}");
            if !matches!(
                rule,
                Rule::RepeatComplaint | Rule::LateAcknowledgement | Rule::MissingUrgency
            ) {
                assert!(n * 100 < 3 * p.complaints, "{rule:?}: {n}");
            }
        }
    }
}
