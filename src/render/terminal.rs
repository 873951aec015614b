//! The terminal summary of `klacht check`: what was read, how it maps, what is wrong and where.

use crate::register::Register;
use crate::rules::{Counts, Finding, Rule, Severity, Step};
use crate::Lang;
use std::borrow::Cow;
use std::fmt::Write;
use std::io::IsTerminal;

/// ANSI colours, only on a terminal and only without `NO_COLOR`.
struct Paint(bool);

impl Paint {
    fn detect() -> Paint {
        Paint(
            std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        )
    }

    fn severity(&self, s: Severity, text: &str) -> String {
        if !self.0 {
            return text.to_string();
        }
        let code = match s {
            Severity::Error => "31",
            Severity::Warning => "33",
            Severity::Info => "36",
        };
        format!("\x1b[{code}m{text}\x1b[0m")
    }

    fn bold(&self, text: &str) -> String {
        if self.0 {
            format!("\x1b[1m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
}

/// `text` safe to print on a terminal: a register cell can hold an escape sequence that
/// retitles, clears or reprograms the terminal, so control characters become `�`, and line
/// breaks and tabs a space (they would break the layout).
///
/// ```
/// use klacht::render::terminal::printable;
/// assert_eq!(printable("Lek\x1b]0;weg\x07 in\ncel"), "Lek�]0;weg� in cel");
/// assert_eq!(printable("gewoon"), "gewoon");
/// ```
pub fn printable(text: &str) -> Cow<'_, str> {
    if !text.chars().any(char::is_control) {
        return text.into();
    }
    text.chars()
        .map(|c| match c {
            '\n' | '\r' | '\t' => ' ',
            c if c.is_control() => '\u{fffd}',
            c => c,
        })
        .collect::<String>()
        .into()
}

/// The summary text; `show` findings are listed, the rest counted.
pub fn check_summary(register: &Register, findings: &[Finding], lang: Lang, show: usize) -> String {
    summary_with(register, findings, lang, show, &Paint::detect())
}

fn summary_with(
    register: &Register,
    findings: &[Finding],
    lang: Lang,
    show: usize,
    paint: &Paint,
) -> String {
    let mut out = String::new();
    let t = |nl, en| lang.pick(nl, en);
    for s in &register.sources {
        let _ = writeln!(
            out,
            "{}",
            paint.bold(&printable(&s.path.display().to_string()))
        );
        let mut how = s.format.to_string();
        if let Some(sheet) = &s.sheet {
            let _ = write!(how, ", {} {}", t("blad", "sheet"), printable(sheet));
        }
        if let (Some(enc), Some(sep)) = (s.encoding, s.separator) {
            let sep = if sep == '\t' {
                "tab".to_string()
            } else {
                format!("'{sep}'")
            };
            let _ = write!(how, ", {enc}, {} {sep}", t("scheidingsteken", "separator"));
        }
        let _ = writeln!(
            out,
            "  {how}; {} {}",
            t("kopregel in rij", "header in row"),
            s.header_row.saturating_add(1)
        );
        let mapped: Vec<String> = s
            .columns
            .iter()
            .filter_map(|c| Some(format!("{} → {}", printable(&c.header), c.field?.key())))
            .collect();
        let _ = writeln!(out, "  {}: {}", t("kolommen", "columns"), mapped.join(", "));
        let unmapped: Vec<&str> = s.unmapped().map(|c| c.header.as_str()).collect();
        if !unmapped.is_empty() {
            let _ = writeln!(
                out,
                "  {}: {}",
                t("niet herkend", "not recognised"),
                printable(&unmapped.join(", "))
            );
        }
        for d in s.date_columns.iter().filter(|d| d.is_mixed()) {
            let _ = writeln!(
                out,
                "  {}: {} ({} {}, {} {})",
                d.field.key(),
                t("dag/maand-volgorde gemengd", "mixed day/month order"),
                d.day_first_evidence,
                t("dag eerst", "day first"),
                d.month_first_evidence,
                t("maand eerst", "month first"),
            );
        }
    }
    let rows = register.rows();
    let _ = writeln!(
        out,
        "\n{}: {} {} = {} {} + {} {} + {} {}",
        t("Rijen", "Rows"),
        rows.read,
        t("gelezen", "read"),
        rows.used,
        t("gebruikt", "used"),
        rows.excluded,
        t("uitgesloten", "excluded"),
        rows.blank,
        t("leeg", "blank"),
    );
    for e in register.exclusions.iter().take(show) {
        let at = crate::ingest::location::CellRef::row(e.file, e.row);
        let _ = writeln!(
            out,
            "  {} {}: {} ({})",
            t("uitgesloten", "excluded"),
            printable(&register.address(&at)),
            e.reason.label(lang),
            printable(&e.text)
        );
    }
    if register.exclusions.len() > show {
        let _ = writeln!(
            out,
            "  … {} {}",
            t("en nog", "and"),
            register.exclusions.len() - show
        );
    }

    let counts = Counts::of(findings);
    let _ = writeln!(
        out,
        "\n{}: {} {}, {} {}, {} info",
        t("Bevindingen", "Findings"),
        paint.severity(Severity::Error, &counts.error.to_string()),
        t("fouten", "errors"),
        paint.severity(Severity::Warning, &counts.warning.to_string()),
        t("waarschuwingen", "warnings"),
        paint.severity(Severity::Info, &counts.info.to_string()),
    );
    let steps = [
        Step::Receipt,
        Step::Registration,
        Step::Assessment,
        Step::Acknowledgement,
        Step::FollowUp,
        Step::Action,
        Step::General,
    ];
    for step in steps {
        let rules: Vec<(Rule, u64)> = Rule::ALL
            .iter()
            .filter(|r| r.step() == step)
            .filter_map(|r| Some((*r, *counts.by_rule.get(r.code())?)))
            .collect();
        if rules.is_empty() {
            continue;
        }
        let _ = writeln!(out, "  {}", step.label(lang));
        for (rule, n) in rules {
            let sev = findings
                .iter()
                .find(|f| f.rule == rule)
                .map(|f| f.severity)
                .unwrap_or(rule.default_severity());
            let _ = writeln!(
                out,
                "    {:>7}  {:<26} {}",
                n,
                rule.code(),
                paint.severity(sev, sev.label(lang))
            );
        }
    }
    if !findings.is_empty() {
        let _ = writeln!(out);
    }
    for f in findings.iter().take(show) {
        let at = f.at.map(|a| register.address(&a)).unwrap_or_default();
        let file = register
            .sources
            .get(usize::from(f.file))
            .map(|s| s.name())
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "  {:<12} {} {}  {}",
            paint.severity(f.severity, f.severity.label(lang)),
            printable(&file),
            printable(&at),
            printable(&f.message(register, lang))
        );
    }
    if findings.len() > show {
        let _ = writeln!(
            out,
            "  … {} {} {}",
            t("en nog", "and"),
            findings.len() - show,
            t(
                "(volledige lijst: --json of --findings BESTAND)",
                "more (full list: --json or --findings FILE)"
            )
        );
    }
    out
}
