//! The signals in words (SPEC §10), as the summary, the *Trend* sheet and the page write them:
//! one sentence per signal, or why there are none, and how the limits were set.

use super::{Direction, SeriesKind, Signal, SignalChart, SignalUnit, SignalValue};
use crate::Lang;
use chrono::{Datelike, NaiveDate};

/// The name of month `2026-08` for a sentence: `augustus 2026`, `August 2026`.
pub fn month_name(month: &str, lang: Lang) -> String {
    match NaiveDate::parse_from_str(&format!("{month}-01"), "%Y-%m-%d") {
        Ok(d) => format!("{} {}", lang.month(d.month()), d.year()),
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

/// What a series counts per 1,000 work orders: `technische klachten per 1.000 werkbonnen`.
fn per_thousand(kind: SeriesKind, cause: Option<&str>, lang: Lang) -> String {
    let cause = cause.unwrap_or_default();
    match (kind, lang) {
        (SeriesKind::Received, Lang::Nl) => "klachten per 1.000 werkbonnen".into(),
        (SeriesKind::Received, Lang::En) => "complaints per 1,000 work orders".into(),
        (SeriesKind::Technical, Lang::Nl) => "technische klachten per 1.000 werkbonnen".into(),
        (SeriesKind::Technical, Lang::En) => "technical complaints per 1,000 work orders".into(),
        (SeriesKind::NonTechnical, Lang::Nl) => {
            "niet-technische klachten per 1.000 werkbonnen".into()
        }
        (SeriesKind::NonTechnical, Lang::En) => {
            "non-technical complaints per 1,000 work orders".into()
        }
        (SeriesKind::Cause, Lang::Nl) => {
            format!("klachten met oorzaak “{cause}” per 1.000 werkbonnen")
        }
        (SeriesKind::Cause, Lang::En) => {
            format!("complaints with cause “{cause}” per 1,000 work orders")
        }
    }
}

/// A series' month in words: `82 klachten ontvangen`, `31,4 klachten per 1.000 werkbonnen`.
fn valued(kind: SeriesKind, cause: Option<&str>, value: SignalValue, lang: Lang) -> String {
    match value {
        SignalValue::Count(n) => counted(kind, cause, n, lang),
        SignalValue::Rate(r) => {
            format!("{} {}", lang.number(r, 1), per_thousand(kind, cause, lang))
        }
    }
}

/// The series for a sentence without a number: `klachten ontvangen`, `technische klachten`,
/// `klachten per 1.000 werkbonnen`.
fn plural(kind: SeriesKind, cause: Option<&str>, unit: SignalUnit, lang: Lang) -> String {
    if unit == SignalUnit::Rate {
        return per_thousand(kind, cause, lang);
    }
    let text = counted(kind, cause, 2, lang);
    text.strip_prefix("2 ").unwrap_or(&text).to_string()
}

/// A signal in words, as the summary lists it: `augustus 2026: 82 klachten ontvangen, boven de
/// bovengrens 61,1 (gemiddeld 41,8)`; on a u-chart `juli 2026: 31,4 klachten per 1.000
/// werkbonnen, boven de bovengrens 27,0 (gemiddeld 18,2)`.
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
    let what = plural(s.series, cause, s.unit, lang);
    let more = match (s.direction, lang) {
        (Direction::Up, Lang::Nl) => "meer",
        (Direction::Down, Lang::Nl) => "minder",
        (Direction::Up, Lang::En) => "more",
        (Direction::Down, Lang::En) => "fewer",
    };
    let value = match s.value {
        SignalValue::Count(n) => n.to_string(),
        SignalValue::Rate(r) => num(r),
    };
    let centre = num(s.centre);
    match (s.rule, lang) {
        (1, _) => {
            let counted = valued(s.series, cause, s.value, lang);
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
    } else if chart.centre.is_none() {
        let (n, min) = (chart.history, chart.min_baseline);
        // A u-chart's history is the months with work orders.
        let with = match (chart.unit, lang) {
            (SignalUnit::Count, _) => "",
            (SignalUnit::Rate, Lang::Nl) => " met werkbonnen",
            (SignalUnit::Rate, Lang::En) => " with work orders",
        };
        match lang {
            Lang::Nl => format!(
                "Geen signalen: te weinig historie ({n} {}{with} vóór de periode in het register, minimaal {min} nodig).",
                if n == 1 { "maand" } else { "maanden" }
            ),
            Lang::En => format!(
                "No signals: too little history ({n} {}{with} before the period in the register, at least {min} needed).",
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
    chart.centre?;
    let (from, to) = chart.baseline_span()?;
    let (from, to, n) = (month_name(from, lang), month_name(to, lang), chart.baseline);
    let (used, left) = (chart.history, chart.baseline - chart.history);
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
    let mut lines = match (chart.unit, lang) {
        (SignalUnit::Count, Lang::Nl) => vec![
            format!("Gemiddelde en grenzen uit de {n} maanden {from} t/m {to}: bovengrens = gemiddelde + 3√gemiddelde, ondergrens = gemiddelde − 3√gemiddelde (alleen boven 0)."),
        ],
        (SignalUnit::Count, Lang::En) => vec![
            format!("Mean and limits from the {n} months {from} to {to}: upper limit = mean + 3√mean, lower limit = mean − 3√mean (only above 0)."),
        ],
        (SignalUnit::Rate, Lang::Nl) => vec![
            format!("u-kaart op klachten per 1.000 werkbonnen van het bedrijf ([volume]), voor elke reeks. Gemiddelde uit de {used} maanden met werkbonnen van {from} t/m {to}: klachten × 1.000 / werkbonnen over die maanden. Grenzen per maand: gemiddelde ± 3√(gemiddelde × 1.000 / werkbonnen van de maand), de ondergrens alleen boven 0."),
        ],
        (SignalUnit::Rate, Lang::En) => vec![
            format!("u-chart of complaints per 1,000 of the company's work orders ([volume]), for every series. Mean from the {used} months with work orders from {from} to {to}: complaints × 1,000 / work orders over those months. Limits per month: mean ± 3√(mean × 1,000 / the month's work orders), the lower limit only above 0."),
        ],
    };
    if left > 0 {
        lines.push(match lang {
            Lang::Nl => format!(
                "{left} {} zonder werkbonnen in de basis {} niet mee.",
                if left == 1 { "maand" } else { "maanden" },
                if left == 1 { "telt" } else { "tellen" }
            ),
            Lang::En => format!(
                "{left} baseline {} without work orders {} not count.",
                if left == 1 { "month" } else { "months" },
                if left == 1 { "does" } else { "do" }
            ),
        });
    }
    let unjudged: Vec<String> = chart
        .without_work_orders()
        .map(|m| month_name(&m.month, lang))
        .collect();
    if !unjudged.is_empty() {
        let months = unjudged.join(", ");
        lines.push(match lang {
            Lang::Nl => format!("Zonder werkbonnen, dus niet beoordeeld: {months}."),
            Lang::En => format!("Without work orders, so not judged: {months}."),
        });
    }
    lines.push(lang.pick("Regels: ", "Rules: ").to_string() + &rules + ".");
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
