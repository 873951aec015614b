//! The work orders that go with a generated register (SPEC §5 complaint rate): per month and
//! department, as a small CSV that `[volume] file` in `klacht.toml` names.
//!
//! The work is seasonal as the complaints are (airco in summer heat, heating in winter), and
//! sized from the complaints the generator expects each month: about 25 to 34 complaints per
//! 1,000 work orders, a little more in busy months, with a few per cent of noise from a
//! random stream of its own (the register's bytes do not change). Administration does no
//! work orders: its complaints count in the company's rate only.

use super::content::DEPARTMENTS;
use super::model::{self, day_weight, next_day, MONTH_WEIGHT};
use super::rng::{mix, Rng};
use super::{output_error, write_atomically, SampleOptions};
use crate::config::month_start;
use crate::error::Result;
use crate::Lang;
use chrono::{Datelike, NaiveDate};
use std::path::{Path, PathBuf};

/// Sets the volume's noise apart from the register's streams of the same seed.
const VOLUME_STREAM: u64 = 0x574F_524B_4F52_4445;

/// Per month (January first), the share in per cent of the work orders done by the
/// departments that do them: Service, Koeltechniek, Installatie/Projecten. They follow the
/// departments' shares of the generated complaints, weighed so that Service (many short
/// visits) has fewer complaints per work order than the company and Installatie/Projecten
/// (fewer, larger jobs) more: about 0.85 and 1.4 times Koeltechniek's rate.
const SHARES: [[u32; 3]; 12] = [
    [70, 15, 15],
    [69, 16, 15],
    [65, 15, 20],
    [62, 14, 24],
    [60, 17, 23],
    [58, 20, 22],
    [58, 21, 21],
    [58, 21, 21],
    [60, 17, 23],
    [63, 13, 24],
    [65, 15, 20],
    [69, 15, 16],
];

/// One line of the volume file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VolumeLine {
    /// The month's first day.
    pub month: NaiveDate,
    /// As the register names the department.
    pub department: &'static str,
    pub work_orders: u64,
}

/// The work orders per month and department for a register generated with `opts`: every
/// month with a day in `opts.start..=opts.end`, a part month sized for its days.
pub fn sample_volume(opts: &SampleOptions) -> Vec<VolumeLine> {
    volume_of(opts.rows, opts.seed, opts.start, opts.end)
}

/// The volume file's name beside the register `register`: `<name>-werkbonnen.csv`
/// (English: `<name>-work-orders.csv`).
///
/// ```
/// use klacht::sample::volume_path;
/// use klacht::Lang;
/// let p = volume_path("proef/klachten.xlsx".as_ref(), Lang::Nl);
/// assert_eq!(p, std::path::Path::new("proef/klachten-werkbonnen.csv"));
/// ```
pub fn volume_path(register: &Path, lang: Lang) -> PathBuf {
    let stem = register
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name = format!("{stem}-{}.csv", lang.pick("werkbonnen", "work-orders"));
    register.with_file_name(name)
}

/// Writes [`sample_volume`] to `out`.
pub fn write_sample_volume(opts: &SampleOptions, out: &Path) -> Result<()> {
    write_volume(&sample_volume(opts), opts.lang, out)
}

/// Writes `lines` as a CSV as the clean sample writes it (UTF-8 with byte-order mark, `;`,
/// CRLF), with a header in `lang`.
pub(super) fn write_volume(lines: &[VolumeLine], lang: Lang, out: &Path) -> Result<()> {
    let mut text = String::from('\u{feff}');
    text.push_str(lang.pick(
        "maand;afdeling;werkbonnen\r\n",
        "month;department;work orders\r\n",
    ));
    for l in lines {
        text.push_str(&format!(
            "{};{};{}\r\n",
            l.month.format("%Y-%m"),
            l.department,
            l.work_orders
        ));
    }
    write_atomically(out, |tmp| {
        std::fs::write(tmp, text.as_bytes()).map_err(|e| output_error(tmp, &e))
    })
}

/// The volume of `rows` complaints generated with `seed` over `start..=end`.
pub(super) fn volume_of(
    rows: usize,
    seed: u64,
    start: NaiveDate,
    end: NaiveDate,
) -> Vec<VolumeLine> {
    // The generator spreads the rows over the days by their weights: the expected
    // complaints of a month are rows × its days' weight / the whole weight.
    let mut months: Vec<(NaiveDate, u128)> = Vec::new();
    let mut total = 0u128;
    let mut d = start;
    while d <= end {
        let w = u128::from(day_weight(d));
        total += w;
        let month = month_start(d);
        match months.last_mut() {
            Some((m, sum)) if *m == month => *sum += w,
            _ => months.push((month, w)),
        }
        let next = next_day(d);
        if next == d {
            break;
        }
        d = next;
    }
    let mut rng = Rng::new(mix(seed) ^ VOLUME_STREAM);
    let mut out = Vec::new();
    for (month, weight) in months {
        let m0 = month.month0() as usize;
        // Complaints per 1,000 work orders, in tenths: 25.0 in the quietest month, more
        // when the work piles up.
        let rate_tenths = 250 + 10 * (u128::from(MONTH_WEIGHT[m0]) - 8);
        for (dept, share) in SHARES[m0].iter().enumerate() {
            let noise = u128::from(rng.range(950, 1050));
            // rows·weight/total complaints × 1000 / (rate_tenths / 10) work orders, × share
            // per cent, × noise per mille; rounded half up, at least one.
            let num = rows as u128 * weight * 10_000 * u128::from(*share) * noise;
            let den = total.max(1) * rate_tenths * 100 * 1000;
            let n = ((num + den / 2) / den).max(1);
            out.push(VolumeLine {
                month,
                department: model::at(&DEPARTMENTS, u8::try_from(dept).unwrap_or(0)),
                work_orders: u64::try_from(n).unwrap_or(u64::MAX),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn work_orders_follow_the_season_and_the_complaints() {
        let opts = SampleOptions {
            rows: 20_000,
            ..SampleOptions::default()
        };
        let lines = sample_volume(&opts);
        // Every month of the period, three departments each, as the register names them.
        assert_eq!(lines.len(), 21 * 3);
        assert_eq!(
            (lines[0].month, lines[62].month),
            (d(2025, 1, 1), d(2026, 9, 1))
        );
        for l in &lines {
            assert!(DEPARTMENTS[..3].contains(&l.department), "{l:?}");
        }
        let mut work: BTreeMap<NaiveDate, u64> = BTreeMap::new();
        for l in &lines {
            *work.entry(l.month).or_default() += l.work_orders;
        }
        // Complaints the generated register has per month.
        let mut complaints: BTreeMap<NaiveDate, u64> = BTreeMap::new();
        let g = model::Generator::new(opts.rows, opts.seed, opts.start, opts.end, &model::CLEAN);
        for row in g {
            *complaints.entry(month_start(row.received)).or_default() += 1;
        }
        for (m, n) in &work {
            let rate = complaints[m] as f64 * 1000.0 / *n as f64;
            assert!((22.0..38.0).contains(&rate), "{m}: {rate}");
        }
        // Summer work is more than spring work.
        assert!(work[&d(2025, 7, 1)] > work[&d(2025, 4, 1)] * 13 / 10);
        // Koeltechniek does a larger part in summer.
        let part = |m: NaiveDate, dept: &str| {
            lines
                .iter()
                .find(|l| l.month == m && l.department == dept)
                .unwrap()
                .work_orders as f64
                / work[&m] as f64
        };
        assert!(part(d(2025, 7, 1), "Koeltechniek") > part(d(2025, 1, 1), "Koeltechniek") + 0.03);
        // Per department over the whole period: Service below Koeltechniek below
        // Installatie/Projecten, none far from the company's rate.
        let g = model::Generator::new(opts.rows, opts.seed, opts.start, opts.end, &model::CLEAN);
        let mut by_dept = [0u64; 4];
        for row in g {
            by_dept[usize::from(row.department)] += 1;
        }
        let rate = |i: usize| {
            let orders: u64 = lines
                .iter()
                .filter(|l| l.department == DEPARTMENTS[i])
                .map(|l| l.work_orders)
                .sum();
            by_dept[i] as f64 * 1000.0 / orders as f64
        };
        let (service, koel, project) = (rate(0), rate(1), rate(2));
        assert!(
            service < koel && koel < project,
            "{service} {koel} {project}"
        );
        assert!(
            service > 18.0 && project < 45.0,
            "{service} {koel} {project}"
        );
    }

    #[test]
    fn a_part_month_is_sized_for_its_days_and_the_seed_fixes_the_numbers() {
        let whole = volume_of(10_000, 1, d(2026, 1, 1), d(2026, 2, 28));
        let half = volume_of(10_000, 1, d(2026, 1, 1), d(2026, 2, 14));
        // The same complaints spread over fewer days: February's half gets about the
        // complaints (and so the work) the whole month had, January less.
        let feb = |v: &[VolumeLine]| -> u64 {
            v.iter()
                .filter(|l| l.month.month() == 2)
                .map(|l| l.work_orders)
                .sum()
        };
        let jan = |v: &[VolumeLine]| -> u64 {
            v.iter()
                .filter(|l| l.month.month() == 1)
                .map(|l| l.work_orders)
                .sum()
        };
        assert!(jan(&half) > jan(&whole) && feb(&half) < feb(&whole));
        assert_eq!(whole, volume_of(10_000, 1, d(2026, 1, 1), d(2026, 2, 28)));
        assert_ne!(whole, volume_of(10_000, 2, d(2026, 1, 1), d(2026, 2, 28)));
    }

    #[test]
    fn the_file_is_what_the_volume_reader_reads() {
        let dir = super::super::tests::temp_dir("volume");
        let lines = volume_of(500, 3, d(2026, 5, 10), d(2026, 8, 31));
        for lang in [Lang::Nl, Lang::En] {
            let out = dir.join("w.csv");
            write_volume(&lines, lang, &out).unwrap();
            let text = std::fs::read_to_string(&out).unwrap();
            let header = lang.pick("maand;afdeling;werkbonnen", "month;department;work orders");
            assert!(text.starts_with(&format!("\u{feff}{header}\r\n2026-05;Service;")));
            let read =
                crate::ingest::volume::read_volume_file(&out, &crate::config::Config::default())
                    .unwrap();
            let mut totals: BTreeMap<NaiveDate, u64> = BTreeMap::new();
            for l in &lines {
                *totals.entry(l.month).or_default() += l.work_orders;
            }
            assert_eq!(read.totals, totals);
            let names: Vec<&str> = read.departments.iter().map(|d| d.name.as_str()).collect();
            assert_eq!(names, ["Installatie/Projecten", "Koeltechniek", "Service"]);
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
