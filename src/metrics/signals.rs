//! Signals (SPEC §10): a c-chart of the complaints received per month, for all complaints, the
//! technical, the non-technical and each cause group of P, with its centre line and limits from
//! the months before P, judged by three rules in the months of P.
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

use super::frame::month_start;
use super::period::Period;
use crate::config::SignalSettings;
use crate::Lang;
use chrono::{Datelike, NaiveDate};
use serde::Serialize;

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
}

/// Centre line and control limits of a c-chart.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Limits {
    /// c̄: the mean count of the baseline months, zero months included.
    pub centre: f64,
    /// c̄ + 3√c̄.
    pub ucl: f64,
    /// c̄ − 3√c̄ when above 0; else none (a count cannot fall below it).
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
        let spread = 3.0 * centre.sqrt();
        Some(Limits {
            centre,
            ucl: centre + spread,
            lcl: Some(centre - spread).filter(|l| *l > 0.0),
        })
    }
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

/// The rules of `rules` on `counts` (one per chart month: `baseline` baseline months, then the
/// judged months of P), each finding once per month, rule and direction, in month order.
/// `running`: the last month is not over, so no downward signal ends in it. `None` without
/// baseline months.
pub fn judge(
    counts: &[u64],
    baseline: usize,
    running: bool,
    rules: &[u8],
) -> Option<(Limits, Vec<Found>)> {
    let limits = Limits::of(counts.get(..baseline)?)?;
    let n = counts.len();
    // Months a downward signal may end in.
    let n_down = n - usize::from(running && n > baseline);
    let c = limits.centre;
    let value = |i: usize| counts[i] as f64;
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
        for i in baseline..n {
            if value(i) > limits.ucl {
                add(i, 1, Direction::Up, None);
            } else if i < n_down && limits.lcl.is_some_and(|l| value(i) < l) {
                add(i, 1, Direction::Down, None);
            }
        }
    }
    if rules.contains(&2) {
        for (end, len) in runs(n, baseline, |i| value(i) > c) {
            if len >= RULE2_MONTHS {
                add(end, 2, Direction::Up, Some(len));
            }
        }
        for (end, len) in runs(n_down, baseline, |i| value(i) < c) {
            if len >= RULE2_MONTHS {
                add(end, 2, Direction::Down, Some(len));
            }
        }
    }
    if rules.contains(&3) {
        // A run of rises over `len` months spans `len + 1` months.
        let rises = |i: usize| i > 0 && counts[i] > counts[i - 1];
        for (end, len) in runs(n, baseline, rises) {
            if len + 1 >= RULE3_MONTHS {
                add(end, 3, Direction::Up, Some(len + 1));
            }
        }
        let falls = |i: usize| i > 0 && counts[i] < counts[i - 1];
        for (end, len) in runs(n_down, baseline, falls) {
            if len + 1 >= RULE3_MONTHS {
                add(end, 3, Direction::Down, Some(len + 1));
            }
        }
    }
    found.sort_by_key(|f| (f.index, f.rule, f.direction));
    Some((limits, found))
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
    /// The month's count.
    pub value: u64,
    pub centre: f64,
    pub ucl: f64,
    pub lcl: Option<f64>,
    pub unit: SignalUnit,
    /// Rules 2 and 3: the run's first month and its length in months; `null` for rule 1.
    pub run_from: Option<String>,
    pub run_months: Option<u64>,
}

/// `kpi.signals_history`: a series not judged because the register's history before P is
/// shorter than `min_baseline` months.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ShortHistory {
    pub series: SeriesKind,
    pub cause: Option<String>,
    /// The months of history there are before P.
    pub baseline_months: u64,
}

/// One month of the chart of all complaints received (the *Trend* sheet, `grafieken/signalen`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChartMonth {
    /// `2026-08`.
    pub month: String,
    pub start: NaiveDate,
    pub received: u64,
    /// A judged month of P (else a baseline month).
    pub in_period: bool,
    /// The rules that signal in this month of the received series, with their direction.
    pub signals: Vec<(u8, Direction)>,
}

/// The signals of a period, for the workbook and the charts: the chart of all complaints
/// received and how it was judged.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SignalChart {
    pub months: Vec<ChartMonth>,
    /// Baseline months (the first of `months`).
    pub baseline: usize,
    /// `None` without baseline months or with fewer than `min_baseline`.
    pub limits: Option<Limits>,
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
/// series of all complaints received, which the chart shows) by `settings`.
pub fn signals(w: &Window, settings: &SignalSettings, series: &[Series]) -> Signals {
    let enough = w.enough(settings);
    let mut out = Signals {
        signals: Vec::new(),
        short_history: Vec::new(),
        chart: SignalChart {
            months: (0..w.len())
                .map(|i| {
                    let (month, start) = month_label(w, i);
                    ChartMonth {
                        month,
                        start,
                        received: series
                            .first()
                            .and_then(|s| s.counts.get(i))
                            .map_or(0, |&n| n),
                        in_period: i >= w.baseline,
                        signals: Vec::new(),
                    }
                })
                .collect(),
            baseline: w.baseline,
            limits: None,
            min_baseline: settings.min_baseline,
            rules: settings.rules.clone(),
            running: w.running,
        },
    };
    if !enough {
        out.short_history = series
            .iter()
            .map(|s| ShortHistory {
                series: s.kind,
                cause: s.cause.clone(),
                baseline_months: w.baseline as u64,
            })
            .collect();
        return out;
    }
    for (k, s) in series.iter().enumerate() {
        let Some((limits, found)) = judge(&s.counts, w.baseline, w.running, &settings.rules) else {
            continue;
        };
        if k == 0 {
            out.chart.limits = Some(limits);
            for f in &found {
                if let Some(m) = out.chart.months.get_mut(f.index) {
                    m.signals.push((f.rule, f.direction));
                }
            }
        }
        out.signals.extend(found.iter().map(|f| Signal {
            series: s.kind,
            cause: s.cause.clone(),
            rule: f.rule,
            month: month_label(w, f.index).0,
            direction: f.direction,
            value: s.counts[f.index],
            centre: limits.centre,
            ucl: limits.ucl,
            lcl: limits.lcl,
            unit: SignalUnit::Count,
            run_from: f.run.map(|r| month_label(w, f.index + 1 - r).0),
            run_months: f.run.map(|r| r as u64),
        }));
    }
    out
}

/// The name of month `2026-08` for a sentence: `augustus 2026`, `August 2026`.
pub fn month_name(month: &str, lang: Lang) -> String {
    const NL: [&str; 12] = [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ];
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    match NaiveDate::parse_from_str(&format!("{month}-01"), "%Y-%m-%d") {
        Ok(d) => {
            let names = match lang {
                Lang::Nl => NL,
                Lang::En => EN,
            };
            format!("{} {}", names[d.month0() as usize], d.year())
        }
        Err(_) => month.to_string(),
    }
}

/// What a series counts, for `n` complaints: `82 klachten ontvangen`, `1 technische klacht`.
fn counted(kind: SeriesKind, cause: Option<&str>, n: u64, lang: Lang) -> String {
    let one = n == 1;
    let noun = match (kind, lang) {
        (SeriesKind::Received, Lang::Nl) => {
            if one {
                "klacht ontvangen"
            } else {
                "klachten ontvangen"
            }
        }
        (SeriesKind::Received, Lang::En) => {
            if one {
                "complaint received"
            } else {
                "complaints received"
            }
        }
        (SeriesKind::Technical, Lang::Nl) => {
            if one {
                "technische klacht"
            } else {
                "technische klachten"
            }
        }
        (SeriesKind::Technical, Lang::En) => {
            if one {
                "technical complaint"
            } else {
                "technical complaints"
            }
        }
        (SeriesKind::NonTechnical, Lang::Nl) => {
            if one {
                "niet-technische klacht"
            } else {
                "niet-technische klachten"
            }
        }
        (SeriesKind::NonTechnical, Lang::En) => {
            if one {
                "non-technical complaint"
            } else {
                "non-technical complaints"
            }
        }
        (SeriesKind::Cause, _) => {
            let cause = cause.unwrap_or_default();
            return match (lang, one) {
                (Lang::Nl, true) => format!("{n} klacht met oorzaak “{cause}”"),
                (Lang::Nl, false) => format!("{n} klachten met oorzaak “{cause}”"),
                (Lang::En, true) => format!("{n} complaint with cause “{cause}”"),
                (Lang::En, false) => format!("{n} complaints with cause “{cause}”"),
            };
        }
    };
    format!("{n} {noun}")
}

/// The series for a sentence without a number: `klachten ontvangen`, `technische klachten`.
fn plural(kind: SeriesKind, cause: Option<&str>, lang: Lang) -> String {
    let text = counted(kind, cause, 2, lang);
    text.strip_prefix("2 ").unwrap_or(&text).to_string()
}

/// A signal in words, as the summary lists it: `augustus 2026: 82 klachten ontvangen, boven de
/// bovengrens 61,1 (gemiddeld 41,8)`.
pub fn describe(s: &Signal, lang: Lang) -> String {
    let num = |v: f64| lang.number(v, 1);
    let month = month_name(&s.month, lang);
    let cause = s.cause.as_deref();
    let runs = s.run_months.unwrap_or(0);
    let from = s
        .run_from
        .as_deref()
        .map(|m| month_name(m, lang))
        .unwrap_or_default();
    let what = plural(s.series, cause, lang);
    let more = match (s.direction, lang) {
        (Direction::Up, Lang::Nl) => "meer",
        (Direction::Down, Lang::Nl) => "minder",
        (Direction::Up, Lang::En) => "more",
        (Direction::Down, Lang::En) => "fewer",
    };
    let (value, centre) = (s.value, num(s.centre));
    match (s.rule, lang) {
        (1, _) => {
            let counted = counted(s.series, cause, s.value, lang);
            let limit = match s.direction {
                Direction::Up => s.ucl,
                Direction::Down => s.lcl.unwrap_or(0.0),
            };
            let limit = num(limit);
            match (s.direction, lang) {
                (Direction::Up, Lang::Nl) => format!(
                    "{month}: {counted}, boven de bovengrens {limit} (gemiddeld {centre})"
                ),
                (Direction::Down, Lang::Nl) => format!(
                    "{month}: {counted}, onder de ondergrens {limit} (gemiddeld {centre})"
                ),
                (Direction::Up, Lang::En) => {
                    format!("{month}: {counted}, above the upper limit {limit} (mean {centre})")
                }
                (Direction::Down, Lang::En) => {
                    format!("{month}: {counted}, below the lower limit {limit} (mean {centre})")
                }
            }
        }
        (2, Lang::Nl) => format!(
            "{month}: {runs} maanden op rij {more} {what} dan gemiddeld ({centre}), sinds {from}; deze maand {value}"
        ),
        (2, Lang::En) => format!(
            "{month}: {runs} months in a row {more} {what} than the mean ({centre}), since {from}; this month {value}"
        ),
        (_, Lang::Nl) => format!(
            "{month}: {runs} maanden op rij {more} {what} dan de maand ervoor, sinds {from}; deze maand {value} (gemiddeld {centre})"
        ),
        (_, Lang::En) => format!(
            "{month}: {runs} months in a row {more} {what} than the month before, since {from}; this month {value} (mean {centre})"
        ),
    }
}

/// The signals as the summary lists them, one sentence each ([`describe`]); without any, one
/// sentence that says so and why.
pub fn in_words(signals: &[Signal], chart: &SignalChart, lang: Lang) -> Vec<String> {
    if !signals.is_empty() {
        return signals.iter().map(|s| describe(s, lang)).collect();
    }
    let text = if chart.rules.is_empty() {
        lang.pick(
            "Geen signalen: er zijn geen regels ingesteld ([signals] rules).",
            "No signals: no rules are set ([signals] rules).",
        )
        .to_string()
    } else if chart.limits.is_none() {
        let (n, min) = (chart.baseline, chart.min_baseline);
        match lang {
            Lang::Nl => format!(
                "Geen signalen: te weinig historie ({n} {} vóór de periode in het register, minimaal {min} nodig).",
                if n == 1 { "maand" } else { "maanden" }
            ),
            Lang::En => format!(
                "No signals: too little history ({n} {} before the period in the register, at least {min} needed).",
                if n == 1 { "month" } else { "months" }
            ),
        }
    } else {
        lang.pick("Geen signalen.", "No signals.").to_string()
    };
    vec![text]
}

/// How the limits were set and which rules were judged, in lines for notes under the signals;
/// none without limits.
pub fn explain(chart: &SignalChart, lang: Lang) -> Vec<String> {
    explained(chart, lang).unwrap_or_default()
}

fn explained(chart: &SignalChart, lang: Lang) -> Option<Vec<String>> {
    chart.limits?;
    let (from, to) = chart.baseline_span()?;
    let (from, to, n) = (month_name(from, lang), month_name(to, lang), chart.baseline);
    let rules: Vec<&str> = chart
        .rules
        .iter()
        .filter_map(|r| match (r, lang) {
            (1, Lang::Nl) => Some("1 een maand buiten de grenzen"),
            (2, Lang::Nl) => Some("2 acht of meer maanden op rij boven of onder het gemiddelde"),
            (3, Lang::Nl) => Some("3 zes maanden op rij stijgend of dalend"),
            (1, Lang::En) => Some("1 a month outside the limits"),
            (2, Lang::En) => Some("2 eight or more months in a row above or below the mean"),
            (3, Lang::En) => Some("3 six months in a row rising or falling"),
            _ => None,
        })
        .collect();
    let rules = if rules.is_empty() {
        lang.pick("geen ([signals] rules)", "none ([signals] rules)")
            .to_string()
    } else {
        rules.join("; ")
    };
    let mut lines = match lang {
        Lang::Nl => vec![
            format!("Gemiddelde en grenzen uit de {n} maanden {from} t/m {to}: bovengrens = gemiddelde + 3√gemiddelde, ondergrens = gemiddelde − 3√gemiddelde (alleen boven 0)."),
            format!("Regels: {rules}."),
        ],
        Lang::En => vec![
            format!("Mean and limits from the {n} months {from} to {to}: upper limit = mean + 3√mean, lower limit = mean − 3√mean (only above 0)."),
            format!("Rules: {rules}."),
        ],
    };
    if let Some(last) = chart.months.last().filter(|_| chart.running) {
        let month = month_name(&last.month, lang);
        lines.push(match lang {
            Lang::Nl => format!(
                "{month} was op de peildatum nog niet om: daarin alleen signalen naar boven."
            ),
            Lang::En => {
                format!("{month} was not over at the reference date: only upward signals in it.")
            }
        });
    }
    Some(lines)
}

#[cfg(test)]
mod tests;
