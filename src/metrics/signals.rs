//! Signals (SPEC §10): a control chart of the complaints received per month, for all
//! complaints, the technical, the non-technical and each cause group of P, with its centre line
//! and limits from the months before P, judged by three rules in the months of P. Without the
//! company's volume a c-chart of the counts; with it (`[volume]`) a u-chart of the complaints
//! per 1,000 work orders, whose limits follow each month's work orders.
//!
//! Decisions where SPEC §10 leaves room (docs/decisions.md, issue 19):
//! * **Months** are calendar months, counted whole, as on the *Trend* sheet: P's months run
//!   from the month of its first day to the month of its last.
//! * **Months not over at D**: a month of P that starts after D is not judged (its complaints
//!   are yet to come); the month holding D, when D is not its last day, is still running and
//!   its count can only grow, so only upward signals are judged in it.
//! * **Runs** (rules 2 and 3) are looked for in the chart's months, baseline and P. A run that
//!   ends in a judged month of P is reported once, at its last month (the month that breaks it
//!   follows, or P's last judged month), with its length and first month: a shift that lasts
//!   the whole quarter is one signal, not one per month. A month equal to the centre line
//!   (rule 2) or to the month before (rule 3) breaks a run.
//! * **Rule 3** counts six months with five rises (or falls) between them, as Nelson's rule 3
//!   and Minitab's test 3 do.
//! * **Limits** are compared strictly: a count equal to the upper limit is no signal.
//! * **u-chart**: rates per 1,000 work orders (as `kpi.rate_per_1000`), every series divided by
//!   the company's work orders of the month. A month without work orders (none given, or 0) has
//!   no rate: it is left out of ū, not judged, and breaks a run; the history is the baseline
//!   months with work orders.

use super::frame::month_start;
use super::period::Period;
use super::stats::per_1000;
use crate::config::{SignalSettings, Volumes};
use chrono::NaiveDate;
use serde::Serialize;

mod words;
pub use words::{describe, explain, in_words, month_name};

/// Months in a run of rule 2, and in a rising or falling run of rule 3.
const RULE2_MONTHS: usize = 8;
const RULE3_MONTHS: usize = 6;

/// The months a chart covers and which of them are judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    /// Month key (`year·12 + month0`) of the chart's first month: the baseline's first, or
    /// the first judged month of P without a baseline.
    pub first: i32,
    /// Baseline months: the chart's first `baseline` months.
    pub baseline: usize,
    /// Months of P judged, after the baseline.
    pub judged: usize,
    /// The last judged month is not over at D: only upward signals in it.
    pub running: bool,
}

impl Window {
    /// The window of period `p` at reference date `as_of`: `settings.baseline_months` before
    /// P's first month, but none before `register_first` (the month key of the register's
    /// first complaint; `None` for an empty register, which has no history).
    pub fn new(
        p: &Period,
        as_of: NaiveDate,
        register_first: Option<i32>,
        settings: &SignalSettings,
    ) -> Window {
        let key = super::frame::month_key;
        let p0 = key(p.start);
        let from = p0 - i32::try_from(settings.baseline_months).unwrap_or(i32::MAX);
        // A register begun after P's first month has no baseline, and no months before it.
        let first = register_first.map_or(p0, |f| f.max(from));
        let last = key(p.end).min(key(as_of));
        let last_day = month_start(last + 1).and_then(|d| d.pred_opt());
        let judged = usize::try_from(last - first.max(p0) + 1).unwrap_or(0);
        Window {
            first,
            baseline: usize::try_from(p0 - first).unwrap_or(0),
            judged,
            running: judged > 0 && last_day.is_some_and(|d| as_of < d),
        }
    }

    /// Months in the chart.
    pub fn len(&self) -> usize {
        self.baseline + self.judged
    }

    /// Whether the chart has no months.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The month keys of the chart, inclusive; `None` without months.
    pub fn months(&self) -> Option<(i32, i32)> {
        let len = i32::try_from(self.len()).ok().filter(|&n| n > 0)?;
        Some((self.first, self.first + len - 1))
    }

    /// Whether the baseline is long enough to judge by `settings` and there is a month to
    /// judge with a rule.
    pub fn judges(&self, settings: &SignalSettings) -> bool {
        self.enough(settings) && self.judged > 0 && !settings.rules.is_empty()
    }

    fn enough(&self, settings: &SignalSettings) -> bool {
        self.baseline >= settings.min_baseline as usize
    }

    /// The company's work orders in each month of the chart, `None` where not given.
    pub fn work_orders(&self, volumes: &Volumes) -> Vec<Option<u64>> {
        (0..self.len())
            .map(|i| {
                let (_, start) = month_label(self, i);
                volumes.total(start)
            })
            .collect()
    }
}

/// Centre line and control limits of a month of a chart.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Limits {
    /// c̄: the mean count of the baseline months, zero months included; on a u-chart ū.
    pub centre: f64,
    /// c̄ + 3√c̄; on a u-chart ū + 3√(ū / nᵢ).
    pub ucl: f64,
    /// c̄ − 3√c̄ (ū − 3√(ū / nᵢ)) when above 0; else none (a count cannot fall below it).
    pub lcl: Option<f64>,
}

impl Limits {
    /// The limits of `baseline`'s counts; `None` without baseline months.
    pub fn of(baseline: &[u64]) -> Option<Limits> {
        if baseline.is_empty() {
            return None;
        }
        // Counts and months stay far below 2^53: exact in f64.
        let centre = baseline.iter().sum::<u64>() as f64 / baseline.len() as f64;
        Some(Limits::around(centre, 3.0 * centre.sqrt()))
    }

    /// A u-chart's limits for a month of `n` work orders around `centre`, ū in complaints per
    /// 1,000 work orders; `None` for no work orders.
    ///
    /// ```
    /// use klacht::metrics::signals::Limits;
    /// // ū = 20 per 1,000 (0.02 per work order); 5,000 work orders: 3√(0.02 / 5000) = 0.006.
    /// let l = Limits::of_rate(20.0, 5000).unwrap();
    /// assert!((l.ucl - 26.0).abs() < 1e-9 && (l.lcl.unwrap() - 14.0).abs() < 1e-9);
    /// assert_eq!(Limits::of_rate(20.0, 0), None);
    /// ```
    pub fn of_rate(centre: f64, n: u64) -> Option<Limits> {
        // 1000 · 3√(ū/1000 / n) = 3√(1000 · ū / n): the spread in the same unit as ū.
        let spread = (n > 0).then(|| 3.0 * (centre * 1000.0 / n as f64).sqrt())?;
        Some(Limits::around(centre, spread))
    }

    fn around(centre: f64, spread: f64) -> Limits {
        Limits {
            centre,
            ucl: centre + spread,
            lcl: Some(centre - spread).filter(|l| *l > 0.0),
        }
    }
}

/// A series on its chart: each month's value and limits (`None` for a month without work
/// orders on a u-chart) and what the rules found.
#[derive(Debug, Clone, PartialEq)]
pub struct Judged {
    /// c̄ or ū.
    pub centre: f64,
    /// The count, or the rate per 1,000 work orders, of each chart month.
    pub values: Vec<Option<f64>>,
    pub limits: Vec<Option<Limits>>,
    pub found: Vec<Found>,
}

/// Up (more complaints) or down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Up,
    Down,
}

/// What a rule found in one series: at chart month `index`, and for rules 2 and 3 the run's
/// length in months (it began `run − 1` months before `index`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    pub index: usize,
    pub rule: u8,
    pub direction: Direction,
    pub run: Option<usize>,
}

/// The c-chart of `counts` (one per chart month: `baseline` baseline months, then the judged
/// months of P) judged by `rules`: each finding once per month, rule and direction, in month
/// order. `running`: the last month is not over, so no downward signal ends in it. `None`
/// without baseline months.
pub fn judge(counts: &[u64], baseline: usize, running: bool, rules: &[u8]) -> Option<Judged> {
    let limits = Limits::of(counts.get(..baseline)?)?;
    let values: Vec<Option<f64>> = counts.iter().map(|&c| Some(c as f64)).collect();
    let every = vec![Some(limits); counts.len()];
    let found = find(&values, limits.centre, &every, baseline, running, rules);
    Some(Judged {
        centre: limits.centre,
        values,
        limits: every,
        found,
    })
}

/// The u-chart of `complaints` per 1,000 of `work_orders` (both one per chart month, as for
/// [`judge`]): ū = Σ complaints × 1000 / Σ work orders over the baseline months with work
/// orders, each month's limits from its own work orders. `None` when no baseline month has
/// work orders.
pub fn judge_rates(
    complaints: &[u64],
    work_orders: &[Option<u64>],
    baseline: usize,
    running: bool,
    rules: &[u8],
) -> Option<Judged> {
    let with_orders = || {
        complaints
            .iter()
            .zip(work_orders)
            .take(baseline)
            .filter_map(|(&c, &n)| Some((c, n.filter(|&n| n > 0)?)))
    };
    let total = |f: fn((u64, u64)) -> u64| with_orders().map(f).sum::<u64>();
    let orders = Some(total(|(_, n)| n)).filter(|&n| n > 0);
    let centre = per_1000(total(|(c, _)| c), orders)?;
    let values = rates(complaints, work_orders);
    let limits: Vec<Option<Limits>> = work_orders
        .iter()
        .map(|n| Limits::of_rate(centre, (*n)?))
        .collect();
    let found = find(&values, centre, &limits, baseline, running, rules);
    Some(Judged {
        centre,
        values,
        limits,
        found,
    })
}

/// Complaints per 1,000 work orders of each month; `None` without work orders.
fn rates(complaints: &[u64], work_orders: &[Option<u64>]) -> Vec<Option<f64>> {
    complaints
        .iter()
        .zip(work_orders)
        .map(|(&c, &n)| per_1000(c, n))
        .collect()
}

/// The rules of `rules` on `values` around `centre` with each month's `limits`; a month
/// without a value is not judged and breaks every run.
fn find(
    values: &[Option<f64>],
    centre: f64,
    limits: &[Option<Limits>],
    baseline: usize,
    running: bool,
    rules: &[u8],
) -> Vec<Found> {
    let n = values.len();
    // Months a downward signal may end in.
    let n_down = n - usize::from(running && n > baseline);
    let c = centre;
    let value = |i: usize| values[i];
    let mut found = Vec::new();
    let mut add = |index: usize, rule: u8, direction: Direction, run: Option<usize>| {
        found.push(Found {
            index,
            rule,
            direction,
            run,
        });
    };
    if rules.contains(&1) {
        for (i, l) in limits.iter().enumerate().skip(baseline) {
            let (Some(v), Some(l)) = (value(i), l) else {
                continue;
            };
            if v > l.ucl {
                add(i, 1, Direction::Up, None);
            } else if i < n_down && l.lcl.is_some_and(|l| v < l) {
                add(i, 1, Direction::Down, None);
            }
        }
    }
    if rules.contains(&2) {
        for (end, len) in runs(n, baseline, |i| value(i).is_some_and(|v| v > c)) {
            if len >= RULE2_MONTHS {
                add(end, 2, Direction::Up, Some(len));
            }
        }
        for (end, len) in runs(n_down, baseline, |i| value(i).is_some_and(|v| v < c)) {
            if len >= RULE2_MONTHS {
                add(end, 2, Direction::Down, Some(len));
            }
        }
    }
    if rules.contains(&3) {
        // A run of rises over `len` months spans `len + 1` months.
        let step = |i: usize| Some((value(i.checked_sub(1)?)?, value(i)?));
        let rises = |i: usize| step(i).is_some_and(|(a, b)| b > a);
        for (end, len) in runs(n, baseline, rises) {
            if len + 1 >= RULE3_MONTHS {
                add(end, 3, Direction::Up, Some(len + 1));
            }
        }
        let falls = |i: usize| step(i).is_some_and(|(a, b)| b < a);
        for (end, len) in runs(n_down, baseline, falls) {
            if len + 1 >= RULE3_MONTHS {
                add(end, 3, Direction::Down, Some(len + 1));
            }
        }
    }
    found.sort_by_key(|f| (f.index, f.rule, f.direction));
    found
}

/// The maximal runs of months `0..n` for which `on` holds that end at or after month `from`:
/// (last month, length).
fn runs(n: usize, from: usize, on: impl Fn(usize) -> bool) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut len = 0;
    for i in 0..n {
        len = if on(i) { len + 1 } else { 0 };
        let ends = i + 1 == n || !on(i + 1);
        if len > 0 && ends && i >= from {
            out.push((i, len));
        }
    }
    out
}

/// Which monthly count a signal is about (`kpi.json` `series`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SeriesKind {
    Received,
    Technical,
    NonTechnical,
    /// One cause group, named in `cause`.
    Cause,
}

/// One series' counts per chart month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Series {
    pub kind: SeriesKind,
    pub cause: Option<String>,
    pub counts: Vec<u64>,
}

/// What a signal's numbers count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SignalUnit {
    /// Complaints per month (a c-chart).
    Count,
    /// Complaints per 1,000 work orders of the month (a u-chart).
    Rate,
}

/// A signal's month: its count, or its rate per 1,000 work orders (as `unit` says). A count
/// stays a whole number in `kpi.json`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(untagged)]
pub enum SignalValue {
    Count(u64),
    Rate(f64),
}

impl SignalValue {
    pub fn as_f64(self) -> f64 {
        match self {
            SignalValue::Count(n) => n as f64,
            SignalValue::Rate(r) => r,
        }
    }
}

/// `kpi.signals`: one rule's finding in one month of one series.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Signal {
    pub series: SeriesKind,
    /// The cause group's name for `series: cause`, else `null`.
    pub cause: Option<String>,
    pub rule: u8,
    /// `2026-08`.
    pub month: String,
    pub direction: Direction,
    /// The month's count or rate; centre and limits in the same unit, the limits the month's.
    pub value: SignalValue,
    pub centre: f64,
    pub ucl: f64,
    pub lcl: Option<f64>,
    pub unit: SignalUnit,
    /// Rules 2 and 3: the run's first month and its length in months; `null` for rule 1.
    pub run_from: Option<String>,
    pub run_months: Option<u64>,
}

/// `kpi.signals_history`: a series not judged because the history before P is shorter than
/// `min_baseline` months (on a u-chart: months with work orders).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ShortHistory {
    pub series: SeriesKind,
    pub cause: Option<String>,
    /// The months of history there are before P.
    pub baseline_months: u64,
}

/// One month of the chart of all complaints received (the *Trend* sheet, `grafieken/signalen`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChartMonth {
    /// `2026-08`.
    pub month: String,
    pub start: NaiveDate,
    pub received: u64,
    /// On a u-chart: the company's work orders of the month, `None` where not given.
    pub work_orders: Option<u64>,
    /// What the chart shows: the count, or the rate per 1,000 work orders (`None` without
    /// work orders).
    pub value: Option<f64>,
    /// The month's centre line and limits; `None` with too little history (or, on a u-chart,
    /// without work orders).
    pub limits: Option<Limits>,
    /// A judged month of P (else a baseline month).
    pub in_period: bool,
    /// The rules that signal in this month of the received series, with their direction.
    pub signals: Vec<(u8, Direction)>,
}

/// The signals of a period, for the workbook and the charts: the chart of all complaints
/// received and how it was judged.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SignalChart {
    /// A c-chart of counts, or a u-chart of rates.
    pub unit: SignalUnit,
    pub months: Vec<ChartMonth>,
    /// Baseline months (the first of `months`).
    pub baseline: usize,
    /// The baseline months the centre line is taken from: all of them on a c-chart, those
    /// with work orders on a u-chart.
    pub history: usize,
    /// c̄ or ū; `None` without baseline months or with fewer than `min_baseline`.
    pub centre: Option<f64>,
    /// The settings it was judged by.
    pub min_baseline: u32,
    pub rules: Vec<u8>,
    /// The last month is not over at the reference date.
    pub running: bool,
}

impl SignalChart {
    /// The baseline's first and last month (`2024-07`), when it has any.
    pub fn baseline_span(&self) -> Option<(&str, &str)> {
        let months = self.months.get(..self.baseline)?;
        Some((&months.first()?.month, &months.last()?.month))
    }

    /// A c-chart's limits, the same in every month; `None` on a u-chart (its limits are the
    /// months') or with too little history.
    pub fn fixed_limits(&self) -> Option<Limits> {
        match self.unit {
            SignalUnit::Count => self.months.iter().find_map(|m| m.limits),
            SignalUnit::Rate => None,
        }
    }

    /// The months of P that are not judged for want of work orders (a u-chart's).
    pub fn without_work_orders(&self) -> impl Iterator<Item = &ChartMonth> {
        let rate = self.unit == SignalUnit::Rate;
        self.months
            .iter()
            .filter(move |m| rate && m.in_period && m.value.is_none())
    }
}

/// Everything SPEC §10 reports on signals for one period.
#[derive(Debug, Clone, PartialEq)]
pub struct Signals {
    /// In series order (received, technical, non-technical, the causes as given), then month,
    /// rule and direction.
    pub signals: Vec<Signal>,
    /// Every series, when the history is too short to judge; else empty.
    pub short_history: Vec<ShortHistory>,
    pub chart: SignalChart,
}

/// `2026-08` for chart month `i` of window `w`.
fn month_label(w: &Window, i: usize) -> (String, NaiveDate) {
    let k = w.first + i32::try_from(i).unwrap_or(0);
    let start = month_start(k).unwrap_or_default();
    (start.format("%Y-%m").to_string(), start)
}

/// Judges every series of `series` (each with one count per month of `w`; the first is the
/// series of all complaints received, which the chart shows) by `settings`: as c-charts, or
/// with the company's `work_orders` per month of `w` as u-charts of the rate.
pub fn signals(
    w: &Window,
    settings: &SignalSettings,
    series: &[Series],
    work_orders: Option<&[Option<u64>]>,
) -> Signals {
    let unit = match work_orders {
        Some(_) => SignalUnit::Rate,
        None => SignalUnit::Count,
    };
    let history = work_orders.map_or(w.baseline, |n| {
        n.iter()
            .take(w.baseline)
            .filter(|n| n.is_some_and(|n| n > 0))
            .count()
    });
    let received = series.first().map_or(&[][..], |s| s.counts.as_slice());
    let count = |i: usize| received.get(i).map_or(0, |&n| n);
    let orders = |i: usize| work_orders.and_then(|n| n.get(i).copied().flatten());
    let mut out = Signals {
        signals: Vec::new(),
        short_history: Vec::new(),
        chart: SignalChart {
            unit,
            months: (0..w.len())
                .map(|i| {
                    let (month, start) = month_label(w, i);
                    ChartMonth {
                        month,
                        start,
                        received: count(i),
                        work_orders: orders(i),
                        value: match unit {
                            SignalUnit::Count => Some(count(i) as f64),
                            SignalUnit::Rate => per_1000(count(i), orders(i)),
                        },
                        limits: None,
                        in_period: i >= w.baseline,
                        signals: Vec::new(),
                    }
                })
                .collect(),
            baseline: w.baseline,
            history,
            centre: None,
            min_baseline: settings.min_baseline,
            rules: settings.rules.clone(),
            running: w.running,
        },
    };
    if history < settings.min_baseline as usize {
        out.short_history = series
            .iter()
            .map(|s| ShortHistory {
                series: s.kind,
                cause: s.cause.clone(),
                baseline_months: history as u64,
            })
            .collect();
        return out;
    }
    for (k, s) in series.iter().enumerate() {
        let judged = match work_orders {
            None => judge(&s.counts, w.baseline, w.running, &settings.rules),
            Some(n) => judge_rates(&s.counts, n, w.baseline, w.running, &settings.rules),
        };
        let Some(judged) = judged else {
            continue;
        };
        if k == 0 {
            out.chart.centre = Some(judged.centre);
            for (m, l) in out.chart.months.iter_mut().zip(&judged.limits) {
                m.limits = *l;
            }
            for f in &judged.found {
                if let Some(m) = out.chart.months.get_mut(f.index) {
                    m.signals.push((f.rule, f.direction));
                }
            }
        }
        out.signals.extend(judged.found.iter().filter_map(|f| {
            let (v, l) = (judged.values[f.index]?, judged.limits[f.index]?);
            Some(Signal {
                series: s.kind,
                cause: s.cause.clone(),
                rule: f.rule,
                month: month_label(w, f.index).0,
                direction: f.direction,
                value: match unit {
                    SignalUnit::Count => SignalValue::Count(s.counts[f.index]),
                    SignalUnit::Rate => SignalValue::Rate(v),
                },
                centre: judged.centre,
                ucl: l.ucl,
                lcl: l.lcl,
                unit,
                run_from: f.run.map(|r| month_label(w, f.index + 1 - r).0),
                run_months: f.run.map(|r| r as u64),
            })
        }));
    }
    out
}

#[cfg(test)]
mod tests;
