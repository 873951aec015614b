//! The management summary: the figures written out in sentences, exact numbers, no verdict the
//! numbers do not carry ("12 more than in 2026-Q2", never "a worrying rise").

use crate::metrics::model::{Figures, Headline, ParetoRow};
use crate::metrics::signals;
use crate::render::text::{day, percent};
use crate::Lang;

/// The summary's sentences in reading order.
pub fn sentences(f: &Figures, lang: Lang) -> Vec<String> {
    let k = &f.kpi;
    let (prev, ago) = (&k.previous, &k.year_ago);
    let t = |nl, en| lang.pick(nl, en);
    let compare = |now: u64, get: fn(&Headline) -> u64| {
        format!(
            "{} {} {}",
            versus(now, get(prev), &prev.period.label, lang),
            t("en", "and"),
            versus(now, get(ago), &ago.period.label, lang)
        )
    };
    let mut out = Vec::new();
    let n = k.received;
    out.push(match lang {
        Lang::Nl => format!(
            "In {} {} {} ontvangen: {}.",
            k.period.label,
            verb(n, "is", "zijn"),
            complaints(n, lang),
            compare(n, |h| h.received)
        ),
        Lang::En => format!(
            "In {}, {} {} received: {}.",
            k.period.label,
            complaints(n, lang),
            verb(n, "was", "were"),
            compare(n, |h| h.received)
        ),
    });
    let n = k.closed;
    out.push(match lang {
        Lang::Nl => format!(
            "Afgehandeld {} {}: {}.",
            verb(n, "is", "zijn"),
            complaints(n, lang),
            compare(n, |h| h.closed)
        ),
        Lang::En => format!(
            "{} {} closed: {}.",
            complaints(n, lang),
            verb(n, "was", "were"),
            compare(n, |h| h.closed)
        ),
    });
    let n = k.open_at_end;
    out.push(match lang {
        Lang::Nl => format!(
            "Aan het einde van de periode {} {} open (aan het begin {}): {}.",
            verb(n, "stond", "stonden"),
            complaints(n, lang),
            lang.number(k.open_at_start as f64, 0),
            compare(n, |h| h.open_at_end)
        ),
        Lang::En => format!(
            "At the end of the period {} {} open ({} at the start): {}.",
            complaints(n, lang),
            verb(n, "was", "were"),
            lang.number(k.open_at_start as f64, 0),
            compare(n, |h| h.open_at_end)
        ),
    });
    let n = k.overdue;
    out.push(match lang {
        Lang::Nl => format!(
            "Op de peildatum {} {} {} achterstallig: {}.",
            day(k.period.as_of),
            verb(n, "was", "waren"),
            complaints(n, lang),
            compare(n, |h| h.overdue)
        ),
        Lang::En => format!(
            "At the reference date {}, {} {} overdue: {}.",
            day(k.period.as_of),
            complaints(n, lang),
            verb(n, "was", "were"),
            compare(n, |h| h.overdue)
        ),
    });
    out.push(within_target(f, lang));
    out.push(outcome(f, lang));
    out.push(signals_sentence(f, lang));
    for (rows, nl, en) in [
        (&f.tables.pareto_technical, "technische", "technical"),
        (
            &f.tables.pareto_non_technical,
            "niet-technische",
            "non-technical",
        ),
    ] {
        out.push(leading_causes(rows, lang.pick(nl, en), lang));
    }
    out
}

/// `12 meer dan in 2026-Q2 (111; +10,8%)`: the difference, the earlier figure, and the change
/// in % where the earlier figure is not 0.
pub(super) fn versus(now: u64, then: u64, label: &str, lang: Lang) -> String {
    let then_text = lang.number(then as f64, 0);
    let rel = |sign: &str| {
        if then == 0 {
            String::new()
        } else {
            let change = (now as f64 - then as f64).abs() / then as f64;
            format!("; {sign}{}", percent(change, lang))
        }
    };
    let diff = lang.number(now.abs_diff(then) as f64, 0);
    match (now.cmp(&then), lang) {
        (std::cmp::Ordering::Equal, Lang::Nl) => format!("evenveel als in {label} ({then_text})"),
        (std::cmp::Ordering::Equal, Lang::En) => format!("as many as in {label} ({then_text})"),
        (std::cmp::Ordering::Greater, Lang::Nl) => {
            format!("{diff} meer dan in {label} ({then_text}{})", rel("+"))
        }
        (std::cmp::Ordering::Greater, Lang::En) => {
            format!("{diff} more than in {label} ({then_text}{})", rel("+"))
        }
        (std::cmp::Ordering::Less, Lang::Nl) => {
            format!("{diff} minder dan in {label} ({then_text}{})", rel("−"))
        }
        (std::cmp::Ordering::Less, Lang::En) => {
            format!("{diff} fewer than in {label} ({then_text}{})", rel("−"))
        }
    }
}

/// The share within target with its counts, against the two earlier periods.
fn within_target(f: &Figures, lang: Lang) -> String {
    let k = &f.kpi;
    let all = &f.tables.times_all;
    let share = |s: Option<f64>| {
        s.map_or_else(
            || lang.pick("niet te bepalen", "not available").to_string(),
            |s| percent(s, lang),
        )
    };
    let (prev, ago) = (&k.previous, &k.year_ago);
    match (k.share_within_target, lang) {
        (None, Lang::Nl) => "Geen van de in de periode afgehandelde klachten had een norm; het aandeel binnen de norm is niet te bepalen.".to_string(),
        (None, Lang::En) => "None of the complaints closed in the period had a target; the share within target cannot be given.".to_string(),
        (Some(s), Lang::Nl) => format!(
            "Van de {} in de periode afgehandelde klachten met een norm {} {} binnen de norm afgehandeld ({}); in {} was dat {}, in {} {}.",
            lang.number(all.with_target as f64, 0),
            verb(all.within_target, "is", "zijn"),
            lang.number(all.within_target as f64, 0),
            percent(s, lang),
            prev.period.label,
            share(prev.share_within_target),
            ago.period.label,
            share(ago.share_within_target),
        ),
        (Some(s), Lang::En) => format!(
            "Of the {} complaints closed in the period that had a target, {} {} closed within it ({}); in {} it was {}, in {} {}.",
            lang.number(all.with_target as f64, 0),
            lang.number(all.within_target as f64, 0),
            verb(all.within_target, "was", "were"),
            percent(s, lang),
            prev.period.label,
            share(prev.share_within_target),
            ago.period.label,
            share(ago.share_within_target),
        ),
    }
}

/// The failure costs of the complaints closed against the two earlier periods, the share
/// justified and the reopened complaints, in one sentence (the page's first section must fit
/// its first page; the *Faalkosten* section has the rest).
fn outcome(f: &Figures, lang: Lang) -> String {
    let k = &f.kpi;
    let (c, j) = (&k.cost, &k.justified);
    let n = |v: u64| lang.number(v as f64, 0);
    let amount = |h: &Headline| {
        h.cost_total.map_or_else(
            || lang.pick("geen bedragen", "no amounts").to_string(),
            |t| t.text(lang),
        )
    };
    let (prev, ago) = (&k.previous, &k.year_ago);
    let earlier = format!(
        "in {} {}, in {} {}",
        prev.period.label,
        amount(prev),
        ago.period.label,
        amount(ago)
    );
    let costs = match (c.total, lang) {
        (None, Lang::Nl) => format!("geen bedragen vastgelegd ({earlier})"),
        (None, Lang::En) => format!("no amounts recorded ({earlier})"),
        (Some(total), Lang::Nl) => format!(
            "{} over {} met een bedrag ({earlier})",
            total.text(lang),
            complaints(c.n, lang)
        ),
        (Some(total), Lang::En) => format!(
            "{} over {} with an amount ({earlier})",
            total.text(lang),
            complaints(c.n, lang)
        ),
    };
    let justified = match (j.share_yes, lang) {
        (None, Lang::Nl) => "gegrond: niet vastgelegd".to_string(),
        (None, Lang::En) => "justified: not recorded".to_string(),
        (Some(s), Lang::Nl) => format!(
            "gegrond {} ({} ja, {} deels, {} nee)",
            percent(s, lang),
            n(j.yes),
            n(j.partly),
            n(j.no)
        ),
        (Some(s), Lang::En) => format!(
            "justified {} ({} yes, {} partly, {} no)",
            percent(s, lang),
            n(j.yes),
            n(j.partly),
            n(j.no)
        ),
    };
    match lang {
        Lang::Nl => format!(
            "Faalkosten van de afgehandelde klachten: {costs}; {justified}; heropend: {}.",
            n(k.reopened)
        ),
        Lang::En => format!(
            "Failure costs of the complaints closed: {costs}; {justified}; reopened: {}.",
            n(k.reopened)
        ),
    }
}

/// Causes named in a sentence before the rest is counted ("… and 4 others").
const NAMED: usize = 3;

/// The most frequent cause of one nature, every cause tied with it named too: naming one of
/// equals would be a choice the figures do not make.
fn leading_causes(rows: &[ParetoRow], nature: &str, lang: Lang) -> String {
    let Some(top) = rows.first() else {
        return match lang {
            Lang::Nl => {
                format!("Er zijn in de periode geen {nature} klachten met een oorzaak ontvangen.")
            }
            Lang::En => format!("No {nature} complaints with a cause were received in the period."),
        };
    };
    let total: u64 = rows.iter().map(|r| r.count).sum();
    let tied: Vec<&ParetoRow> = rows.iter().take_while(|r| r.count == top.count).collect();
    let mut names: Vec<String> = tied
        .iter()
        .take(NAMED)
        .map(|r| format!("“{}”", r.cause))
        .collect();
    if tied.len() > NAMED {
        let more = tied.len() - NAMED;
        names.push(match lang {
            Lang::Nl => format!("{more} andere"),
            Lang::En => format!("{more} {}", if more == 1 { "other" } else { "others" }),
        });
    }
    let names = list(&names, lang);
    let n = lang.number(top.count as f64, 0);
    let of = lang.number(total as f64, 0);
    let share = percent(top.count as f64 / total as f64, lang);
    match (tied.len() > 1, lang) {
        (false, Lang::Nl) => format!(
            "De meest genoemde {nature} oorzaak was {names}: {n} van de {of} {nature} klachten met een oorzaak ({share})."
        ),
        (true, Lang::Nl) => format!(
            "De meest genoemde {nature} oorzaken waren {names}: elk {n} van de {of} {nature} klachten met een oorzaak ({share})."
        ),
        (false, Lang::En) => format!(
            "The most frequent {nature} cause was {names}: {n} of the {of} {nature} complaints with a cause ({share})."
        ),
        (true, Lang::En) => format!(
            "The most frequent {nature} causes were {names}: {n} each of the {of} {nature} complaints with a cause ({share})."
        ),
    }
}

/// `a, b en c` / `a, b and c`.
fn list(items: &[String], lang: Lang) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} {} {last}", rest.join(", "), lang.pick("en", "and")),
    }
}

/// `1 klacht`, `12 klachten`, `1.234 complaints`.
pub(super) fn complaints(n: u64, lang: Lang) -> String {
    let word = match (n == 1, lang) {
        (true, Lang::Nl) => "klacht",
        (false, Lang::Nl) => "klachten",
        (true, Lang::En) => "complaint",
        (false, Lang::En) => "complaints",
    };
    format!("{} {word}", lang.number(n as f64, 0))
}

/// The verb agreeing with a count: `is` / `zijn`.
fn verb(n: u64, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 {
        one
    } else {
        many
    }
}

/// The signals in one sentence: the first three as the summary sheet writes them, the rest
/// counted (all of them are in the page's *Signalen* section); or why there are none.
fn signals_sentence(f: &Figures, lang: Lang) -> String {
    const SHOWN: usize = 3;
    let all = &f.kpi.signals;
    let lines = signals::in_words(all, &f.tables.signal_chart, lang);
    if all.is_empty() {
        return lines.join(" ");
    }
    let n = all.len();
    let mut text = format!(
        "{} {}: {}",
        lang.number(n as f64, 0),
        match (lang, n) {
            (Lang::Nl, 1) => "signaal",
            (Lang::Nl, _) => "signalen",
            (Lang::En, 1) => "signal",
            (Lang::En, _) => "signals",
        },
        lines[..n.min(SHOWN)].join("; ")
    );
    if n > SHOWN {
        text.push_str(&match lang {
            Lang::Nl => format!("; en {} meer (zie Signalen)", n - SHOWN),
            Lang::En => format!("; and {} more (see Signals)", n - SHOWN),
        });
    }
    text.push('.');
    text
}
