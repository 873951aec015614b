//! The terminal summary of `klacht check`: what was read, how it maps, what is wrong and where.

use crate::register::Register;
use crate::rules::{Counts, Finding, Rule, Severity, Step};
use crate::Lang;
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

/// `3 fouten, 1 waarschuwing, 0 info`, coloured by severity.
fn severity_counts(c: &Counts, lang: Lang, paint: &Paint) -> String {
    let word = |n: u64, one_nl, many_nl, one_en, many_en| {
        if n == 1 {
            lang.pick(one_nl, one_en)
        } else {
            lang.pick(many_nl, many_en)
        }
    };
    format!(
        "{} {}, {} {}, {} info",
        paint.severity(Severity::Error, &c.error.to_string()),
        word(c.error, "fout", "fouten", "error", "errors"),
        paint.severity(Severity::Warning, &c.warning.to_string()),
        word(
            c.warning,
            "waarschuwing",
            "waarschuwingen",
            "warning",
            "warnings"
        ),
        paint.severity(Severity::Info, &c.info.to_string()),
    )
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
        let _ = writeln!(out, "{}", paint.bold(&s.path.display().to_string()));
        let mut how = s.format.to_string();
        if let Some(sheet) = &s.sheet {
            let _ = write!(how, ", {} {sheet}", t("blad", "sheet"));
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
            s.header_row + 1
        );
        let mapped: Vec<String> = s
            .columns
            .iter()
            .filter_map(|c| Some(format!("{} → {}", c.header, c.field?.key())))
            .collect();
        let _ = writeln!(out, "  {}: {}", t("kolommen", "columns"), mapped.join(", "));
        let unmapped: Vec<&str> = s.unmapped().map(|c| c.header.as_str()).collect();
        if !unmapped.is_empty() {
            let _ = writeln!(
                out,
                "  {}: {}",
                t("niet herkend", "not recognised"),
                unmapped.join(", ")
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
            register.address(&at),
            e.reason.label(lang),
            e.text
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
        "\n{}: {}",
        t("Bevindingen", "Findings"),
        severity_counts(&counts, lang, paint)
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
            file,
            at,
            f.message(register, lang)
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

/// The terminal summary of `klacht report`: headline figures and where the report was written.
pub fn report_summary(
    figures: &crate::metrics::model::Figures,
    written: &crate::render::report::Written,
    lang: Lang,
) -> String {
    let paint = Paint::detect();
    let k = &figures.kpi;
    let t = |nl, en| lang.pick(nl, en);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} {} ({} – {}), {} {}",
        paint.bold(t("Klachtenrapport", "Complaints report")),
        k.period.label,
        k.period.start.format("%d-%m-%Y"),
        k.period.end.format("%d-%m-%Y"),
        t("peildatum", "reference date"),
        k.period.as_of.format("%d-%m-%Y"),
    );
    let days = |v: Option<f64>| v.map(|d| format!("{d:.1}")).unwrap_or_else(|| "–".into());
    let lines = [
        (t("ontvangen", "received"), k.received.to_string()),
        (t("afgehandeld", "closed"), k.closed.to_string()),
        (
            t("open bij begin", "open at start"),
            k.open_at_start.to_string(),
        ),
        (
            t("open bij einde", "open at end"),
            k.open_at_end.to_string(),
        ),
        (t("achterstallig", "overdue"), k.overdue.to_string()),
        (
            t(
                "doorlooptijd mediaan (werkdagen)",
                "handling time median (working days)",
            ),
            days(k.handling_wd.median),
        ),
    ];
    for (label, value) in lines {
        let _ = writeln!(out, "  {label:<38} {value:>8}");
    }
    let flow = &figures.tables.flow;
    let _ = writeln!(
        out,
        "  {} {} + {} − {} = {} {}",
        t("stroomcontrole:", "flow check:"),
        flow.open_at_start,
        flow.received,
        flow.closed,
        flow.open_at_end,
        if flow.holds {
            t("(klopt)", "(holds)").to_string()
        } else {
            format!(
                "({} {})",
                t("klopt niet, verschil", "does not hold, difference"),
                flow.difference
            )
        }
    );
    let _ = writeln!(
        out,
        "  {}: {}",
        t("bevindingen", "findings"),
        severity_counts(&k.findings, lang, &paint)
    );
    let _ = writeln!(
        out,
        "{} {}",
        t("Geschreven:", "Written:"),
        written.workbook.display()
    );
    let _ = writeln!(out, "  {}", written.kpi.display());
    let _ = writeln!(
        out,
        "  {} {}",
        written.charts.len(),
        t("grafiekbestanden in", "chart files in")
    );
    if let Some(dir) = written.charts.first().and_then(|p| p.parent()) {
        let _ = writeln!(out, "  {}", dir.display());
    }
    out
}
