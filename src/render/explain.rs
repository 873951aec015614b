//! `klacht uitleg [CODE]`: a rule explained where the user is, as `rustc --explain` does —
//! the procedure's step and what it asks, what the rule checks with the settings in force, why
//! it matters, how to fix it in the register, how to change its severity; without a code, every
//! rule by step. The texts are the rule catalogue's ([`crate::base::catalogue::Explanation`]);
//! this module fills in the column headers and the configuration in force.

use crate::base::catalogue::Setting;
use crate::base::{DayOrder, Rule, Step};
use crate::config::Config;
use crate::messages::{fill, text};
use crate::register::Field;
use crate::rules::Counts;
use crate::Lang;
use std::cmp::Reverse;
use std::fmt::Write as _;

/// Width the paragraphs are wrapped to: readable in an 80- to 100-column terminal.
const WIDTH: usize = 88;

/// The explanation's first sentence, for the workbook's findings and the annotated copy.
pub fn summary(rule: Rule, lang: Lang) -> &'static str {
    rule.explanation().summary.pick(lang)
}

/// The full explanation of `rule`, with the settings of `config`.
pub fn explanation(rule: Rule, config: &Config, lang: Lang) -> String {
    let t = |nl, en| lang.pick(nl, en);
    let e = rule.explanation();
    let filled = |text: &str| fill_blanks(text, config, lang);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} · {}: {} · {}: {}\n",
        rule.code(),
        t("stap", "step"),
        rule.step().label(lang),
        t("ernst", "severity"),
        severity_in_force(rule, config, lang)
    );
    out.push_str(&wrap(&filled(e.summary.pick(lang)), 0));
    let procedure = format!(
        "Model Klachtenbehandeling, {}:",
        rule.step().procedure_section(lang)
    );
    let sections = [
        (
            t("Wat de procedure vraagt", "What the procedure asks"),
            format!("{procedure}\n{}", filled(e.procedure.pick(lang))),
        ),
        (
            t("Wat klacht controleert", "What klacht checks"),
            filled(e.checks.pick(lang)),
        ),
        (
            t("Waarom het ertoe doet", "Why it matters"),
            filled(e.why.pick(lang)),
        ),
        (
            t(
                "Zo herstelt u het in het register",
                "How to fix it in the register",
            ),
            filled(e.fix.pick(lang)),
        ),
    ];
    for (head, body) in sections {
        let _ = write!(out, "\n{head}\n");
        for paragraph in body.lines() {
            out.push_str(&wrap(paragraph, 2));
        }
    }
    let _ = write!(
        out,
        "\n{}\n",
        t("Ernst en instellingen", "Severity and settings")
    );
    out.push_str(&wrap(
        &fill(
            t(
                "Nu {now} (standaard: {default}). Anders instellen in klacht.toml (error, warning, info of off):",
                "Now {now} (default: {default}). Set otherwise in klacht.toml (error, warning, info or off):",
            ),
            &[
                ("now", &severity_in_force(rule, config, lang)),
                ("default", rule.default_severity().label(lang)),
            ],
        ),
        2,
    ));
    let key = if config.enabled(rule) {
        config.severity(rule).key()
    } else {
        "off"
    };
    let _ = writeln!(out, "    [severity]\n    {} = \"{key}\"", rule.code());
    if !e.settings.is_empty() {
        let keys: Vec<&str> = e.settings.iter().map(|s| s.key()).collect();
        out.push_str(&wrap(
            &format!(
                "{} {}.",
                t("Instellingen van deze regel:", "Settings of this rule:"),
                keys.join(", ")
            ),
            2,
        ));
    }
    out.push_str(&wrap(&source_sentence(config, lang), 2));
    out
}

/// Every rule by procedure step, with its severity in force and its first sentence.
pub fn listing(config: &Config, lang: Lang) -> String {
    let t = |nl, en| lang.pick(nl, en);
    let mut out = wrap(
        t(
            "De controleregels van klacht per stap van het Model Klachtenbehandeling, met de ernst zoals die nu is ingesteld. klacht uitleg CODE geeft de hele uitleg van een regel.",
            "klacht's rules by step of the Model Klachtenbehandeling, with the severity as now set. klacht explain CODE gives a rule's whole explanation.",
        ),
        0,
    );
    for step in Step::ALL {
        let rules: Vec<Rule> = Rule::ALL
            .iter()
            .copied()
            .filter(|r| r.step() == step)
            .collect();
        if rules.is_empty() {
            continue;
        }
        let _ = write!(
            out,
            "\n{} — {}\n",
            step.label(lang),
            step.procedure_section(lang)
        );
        for rule in rules {
            let _ = writeln!(
                out,
                "  {:<26} {}",
                rule.code(),
                severity_in_force(rule, config, lang)
            );
            out.push_str(&wrap(summary(rule, lang), 6));
        }
    }
    out.push('\n');
    out.push_str(&wrap(&source_sentence(config, lang), 0));
    out
}

/// The line the terminal summaries of `check` and `report` end with, `meer uitleg: klacht
/// uitleg CODE`, with the rule found most often as the example (of those tied, the first
/// code); `None` without findings.
pub fn hint(counts: &Counts, lang: Lang) -> Option<String> {
    let (code, _) = (counts.by_rule.iter()).max_by_key(|(code, n)| (**n, Reverse(**code)))?;
    Some(text("N-explain", lang, &[("code", code)]))
}

/// The severity in force: the configured one, or off.
fn severity_in_force(rule: Rule, config: &Config, lang: Lang) -> String {
    if config.enabled(rule) {
        config.severity(rule).label(lang).to_string()
    } else {
        lang.pick("uit", "off").to_string()
    }
}

/// Where the settings come from.
fn source_sentence(config: &Config, lang: Lang) -> String {
    match &config.source {
        Some(path) => fill(
            lang.pick(
                "Instellingen gelezen uit {file}; klacht config --print toont ze alle.",
                "Settings read from {file}; klacht config --print shows them all.",
            ),
            &[("file", &path.display().to_string())],
        ),
        None => lang
            .pick(
                "Geen klacht.toml gevonden: dit zijn de standaardwaarden; klacht config --print toont ze alle.",
                "No klacht.toml found: these are the defaults; klacht config --print shows them all.",
            )
            .to_string(),
    }
}

/// Fills the blanks of an explanation: field keys with the column's header, setting keys with
/// the value in force and the setting's name.
fn fill_blanks(template: &str, config: &Config, lang: Lang) -> String {
    let headers: Vec<(&str, String)> = Field::ALL
        .iter()
        .map(|f| (f.key(), quoted(f.header(lang), lang)))
        .collect();
    let settings: Vec<(&str, String)> = Setting::ALL
        .iter()
        .map(|&s| (s.key(), in_force(s, config, lang)))
        .collect();
    let args: Vec<(&str, &str)> = headers
        .iter()
        .chain(settings.iter())
        .map(|(k, v)| (*k, v.as_str()))
        .collect();
    fill(template, &args)
}

/// A setting's value in force with its name, e.g. `1 werkdag (instelling targets.acknowledge)`.
fn in_force(setting: Setting, config: &Config, lang: Lang) -> String {
    let t = &config.targets;
    let count = |n: usize, one: (&str, &str), many: (&str, &str)| {
        let (nl, en) = if n == 1 { one } else { many };
        format!("{n} {}", lang.pick(nl, en))
    };
    // How many of the company's own headers, words or days the file gives.
    let now = |n: usize| match n {
        0 => lang.pick("nu geen", "none now").to_string(),
        n => format!("{} {n}", lang.pick("nu", "now")),
    };
    let own = |n: usize, nl: &str, en: &str| format!("{} ({})", lang.pick(nl, en), now(n));
    let value = match setting {
        Setting::Columns => {
            let n = config.columns.values().map(Vec::len).sum();
            return own(
                n,
                "eigen koppen onder [columns] in klacht.toml",
                "headers of your own under [columns] in klacht.toml",
            );
        }
        Setting::Values => {
            let n = config.values.values().map(|m| m.len()).sum();
            return own(
                n,
                "eigen woorden onder [values.…] in klacht.toml",
                "words of your own under [values.…] in klacht.toml",
            );
        }
        Setting::DateOrder => match config.date_order {
            DayOrder::DayFirst => lang.pick("dag eerst", "day first").to_string(),
            DayOrder::MonthFirst => lang.pick("maand eerst", "month first").to_string(),
        },
        Setting::Acknowledge => working_days(Some(t.ack_wd), lang),
        Setting::Close => close_targets(&t.close_wd, lang),
        Setting::Unclassified => working_days(t.unclassified_wd, lang),
        Setting::Stale => working_days(Some(t.stale_wd), lang),
        Setting::DisputeMonths => count(
            t.dispute_months as usize,
            ("maand", "month"),
            ("maanden", "months"),
        ),
        Setting::RepeatDays => count(t.repeat_days as usize, ("dag", "day"), ("dagen", "days")),
        Setting::CalendarProfile => format!(
            "{} {}",
            lang.pick("de feestdagen van profiel", "the holidays of profile"),
            config.calendar.profile.key()
        ),
        Setting::Closures => format!(
            "{}, {}",
            lang.pick("de eigen sluitingsdagen", "the company's closure days"),
            now(config.calendar.closures.len())
        ),
    };
    format!(
        "{value} ({} {})",
        lang.pick("instelling", "setting"),
        setting.key()
    )
}

/// A column's header as the texts quote it: «Datum ontvangst», “Date received”.
fn quoted(header: &str, lang: Lang) -> String {
    match lang {
        Lang::Nl => format!("«{header}»"),
        Lang::En => format!("“{header}”"),
    }
}

/// `1 werkdag`, `10 werkdagen`, `geen termijn`.
pub fn working_days(n: Option<u32>, lang: Lang) -> String {
    match n {
        Some(1) => lang.pick("1 werkdag", "1 working day").to_string(),
        Some(n) => format!("{n} {}", lang.pick("werkdagen", "working days")),
        None => lang.pick("geen termijn", "no target").to_string(),
    }
}

/// The closing targets per urgency, equal neighbours joined: `urgentie 1–3: 10 werkdagen,
/// 4–7: 20 werkdagen, 8: geen termijn`.
fn close_targets(close: &[Option<u32>; 8], lang: Lang) -> String {
    let mut runs: Vec<(usize, usize, Option<u32>)> = Vec::new();
    for (i, &target) in close.iter().enumerate() {
        match runs.last_mut() {
            Some((_, last, t)) if *t == target => *last = i + 1,
            _ => runs.push((i + 1, i + 1, target)),
        }
    }
    let parts: Vec<String> = runs
        .iter()
        .map(|&(first, last, target)| {
            let span = if first == last {
                first.to_string()
            } else {
                format!("{first}–{last}")
            };
            format!("{span}: {}", working_days(target, lang))
        })
        .collect();
    format!("{} {}", lang.pick("urgentie", "urgency"), parts.join(", "))
}

/// `text` as lines of at most [`WIDTH`] characters (a longer word stands alone), each indented
/// by `indent` spaces and ending in a line break.
fn wrap(text: &str, indent: usize) -> String {
    let pad = " ".repeat(indent);
    let mut out = String::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let len = line.chars().count();
        if len > 0 && indent + len + 1 + word.chars().count() > WIDTH {
            let _ = writeln!(out, "{pad}{line}");
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        let _ = writeln!(out, "{pad}{line}");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every blank of every explanation is filled: a field's header or a setting in force.
    #[test]
    fn every_blank_is_filled_in_both_languages() {
        let config = Config::default();
        for &rule in Rule::ALL {
            for lang in [Lang::Nl, Lang::En] {
                let text = explanation(rule, &config, lang);
                assert!(!text.contains('{'), "{}: {text}", rule.code());
                assert!(text.contains(rule.step().label(lang)), "{}", rule.code());
            }
        }
    }

    #[test]
    fn targets_read_as_people_say_them() {
        let t = crate::config::Targets::default();
        assert_eq!(
            close_targets(&t.close_wd, Lang::Nl),
            "urgentie 1–3: 10 werkdagen, 4–7: 20 werkdagen, 8: geen termijn"
        );
        let mut close = t.close_wd;
        close[0] = Some(1);
        close[7] = Some(20);
        assert_eq!(
            close_targets(&close, Lang::En),
            "urgency 1: 1 working day, 2–3: 10 working days, 4–8: 20 working days"
        );
    }

    #[test]
    fn a_setting_in_force_is_named_with_its_value() {
        let config = Config::from_toml_str(
            "[targets]\nacknowledge = 3\n[calendar]\nclosures = [\"2026-07-20..2026-07-24\"]\n[columns]\nreceived_date = [\"Binnen\", \"In\"]\n",
            "k.toml".as_ref(),
        )
        .unwrap();
        let nl = |s| in_force(s, &config, Lang::Nl);
        assert_eq!(
            nl(Setting::Acknowledge),
            "3 werkdagen (instelling targets.acknowledge)"
        );
        assert_eq!(
            nl(Setting::Closures),
            "de eigen sluitingsdagen, nu 5 (instelling calendar.closures)"
        );
        assert_eq!(
            nl(Setting::Columns),
            "eigen koppen onder [columns] in klacht.toml (nu 2)"
        );
        assert_eq!(
            in_force(Setting::DisputeMonths, &Config::default(), Lang::En),
            "10 months (setting targets.dispute_months)"
        );
    }

    #[test]
    fn paragraphs_wrap_at_the_width_and_keep_long_words_whole() {
        let text = "woord ".repeat(40);
        let wrapped = wrap(&text, 2);
        assert!(wrapped.lines().count() > 1);
        for line in wrapped.lines() {
            assert!(
                line.starts_with("  woord") && line.chars().count() <= WIDTH,
                "{line:?}"
            );
        }
        assert_eq!(wrapped.split_whitespace().count(), 40);
        let long = "x".repeat(WIDTH + 5);
        assert_eq!(wrap(&format!("a {long} b"), 0), format!("a\n{long}\nb\n"));
    }
}
