//! The terminal summary of `klacht check`: what was read, how it maps, what is wrong and where.

use crate::base::location::FileIdx;
use crate::base::{Rule, Severity, Step};
use crate::messages::text;
use crate::register::Finding;
use crate::register::{Exclusion, ExclusionReason, Field, Register};
use crate::rules::Counts;
use crate::Lang;
use std::borrow::Cow;
use std::ffi::OsStr;
use std::fmt::Write;
use std::io::IsTerminal;

/// Whether to colour: only on a terminal, and only while `NO_COLOR` is unset or empty
/// (no-color.org), so that piped output and logs stay plain text.
fn colour_enabled(is_tty: bool, no_color: Option<&OsStr>) -> bool {
    is_tty && no_color.is_none_or(|v| v.is_empty())
}

/// ANSI colours, or plain text.
struct Paint(bool);

impl Paint {
    fn new(enabled: bool) -> Paint {
        Paint(enabled)
    }

    /// Colours for standard output as it is now.
    fn detect() -> Paint {
        let no_color = std::env::var_os("NO_COLOR");
        Paint::new(colour_enabled(
            std::io::stdout().is_terminal(),
            no_color.as_deref(),
        ))
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

    /// `text` coloured and padded to `width` characters; the padding is outside the escapes,
    /// which take no room on screen, so columns line up with and without colour.
    fn padded(&self, s: Severity, text: &str, width: usize) -> String {
        let pad = width.saturating_sub(text.chars().count());
        format!("{}{}", self.severity(s, text), " ".repeat(pad))
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

/// SPEC §3's row accounting: `Rijen: 12 gelezen = 9 gebruikt + 1 uitgesloten + 2 leeg`.
fn rows_line(register: &Register, lang: Lang) -> String {
    let t = |nl, en| lang.pick(nl, en);
    let rows = register.rows();
    format!(
        "{}: {} {} = {} {} + {} {} + {} {}",
        t("Rijen", "Rows"),
        rows.read,
        t("gelezen", "read"),
        rows.used,
        t("gebruikt", "used"),
        rows.excluded,
        t("uitgesloten", "excluded"),
        rows.blank,
        t("leeg", "blank"),
    )
}

/// What `klacht export` says when done: the row accounting (the excluded rows are not in
/// the complaints table; those without a date of receipt are in the findings), the findings,
/// and the files with their rows.
pub fn export_summary(
    register: &Register,
    findings: &[Finding],
    written: &crate::render::export::Written,
    lang: Lang,
) -> String {
    let paint = Paint::detect();
    let t = |nl, en| lang.pick(nl, en);
    let mut out = rows_line(register, lang);
    let _ = writeln!(
        out,
        "\n{}: {}",
        t("Bevindingen", "Findings"),
        severity_counts(&Counts::of(findings), lang, &paint)
    );
    let _ = writeln!(out, "{}", t("Geschreven:", "Written:"));
    for (path, n, what) in [
        (
            &written.complaints,
            register.complaints.len(),
            t("klachten", "complaints"),
        ),
        (
            &written.findings,
            findings.len(),
            t("bevindingen", "findings"),
        ),
    ] {
        let _ = writeln!(
            out,
            "  {} ({n} {what})",
            printable(&path.display().to_string())
        );
    }
    out
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

/// The sheets of the workbook at `path` that were not read, one line each with the reason.
fn passed_over_lines(out: &mut String, register: &Register, path: &std::path::Path, lang: Lang) {
    for p in register.passed_over.iter().filter(|p| p.path == path) {
        let _ = writeln!(
            out,
            "  {} {}: {}",
            lang.pick("niet gelezen: blad", "not read: sheet"),
            printable(&p.sheet),
            p.reason.label(lang)
        );
    }
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
    for (i, s) in register.sources.iter().enumerate() {
        // A workbook read on several sheets is named once, above its sheets.
        let same_file = |j: Option<usize>| {
            j.and_then(|j| register.sources.get(j))
                .is_some_and(|o| o.path == s.path)
        };
        if !same_file(i.checked_sub(1)) {
            let _ = writeln!(
                out,
                "{}",
                paint.bold(&printable(&s.path.display().to_string()))
            );
        }
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
        if !same_file(Some(i + 1)) {
            passed_over_lines(&mut out, register, &s.path, lang);
        }
    }
    let _ = writeln!(out, "\n{}", rows_line(register, lang));
    // A file without a column for the date of receipt excludes every row for that one
    // reason: one line per file says so, the other exclusions are listed.
    let no_date_column = |file: FileIdx| {
        (register.sources.get(usize::from(file)))
            .is_some_and(|s| s.column_of(Field::ReceivedDate).is_none())
    };
    let whole_file =
        |e: &Exclusion| e.reason == ExclusionReason::NoReceivedDate && no_date_column(e.file);
    for (i, s) in register.sources.iter().enumerate() {
        let Ok(file) = FileIdx::try_from(i) else {
            break;
        };
        let n = (register.exclusions.iter())
            .filter(|e| e.file == file && whole_file(e))
            .count();
        if n > 0 {
            let _ = writeln!(
                out,
                "  {}",
                text(
                    "N-excluded-no-date-column",
                    lang,
                    &[("file", &printable(&s.name())), ("rows", &n.to_string())]
                )
            );
        }
    }
    let listed: Vec<&Exclusion> = (register.exclusions.iter())
        .filter(|e| !whole_file(e))
        .collect();
    for e in listed.iter().take(show) {
        let at = crate::base::location::CellRef::row(e.file, e.row);
        let _ = writeln!(
            out,
            "  {} {}: {} ({})",
            t("uitgesloten", "excluded"),
            printable(&register.place(&at, lang)),
            e.reason.label(lang),
            printable(&e.text)
        );
    }
    if listed.len() > show {
        let _ = writeln!(out, "  … {} {}", t("en nog", "and"), listed.len() - show);
    }

    let counts = Counts::of(findings);
    let _ = writeln!(
        out,
        "\n{}: {}",
        t("Bevindingen", "Findings"),
        severity_counts(&counts, lang, paint)
    );
    for step in Step::ALL {
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
        let at = f.at.map(|a| register.place(&a, lang)).unwrap_or_default();
        let file = register
            .sources
            .get(usize::from(f.file))
            .map(|s| s.name())
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "  {} {} {}  {}",
            paint.padded(f.severity, f.severity.label(lang), 12),
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
    if let Some(hint) = crate::render::explain::hint(&counts, lang) {
        let _ = writeln!(out, "\n{hint}");
    }
    out
}

/// A required field one file has no column for, with the headers that could hold it (the
/// candidates `--suggest-mapping` names, best first).
#[derive(Debug, Clone, PartialEq)]
pub struct MissingColumn {
    pub file: FileIdx,
    pub field: Field,
    pub candidates: Vec<String>,
}

/// Candidate headers named per field; the rest are left to `--suggest-mapping`.
const SHOWN_CANDIDATES: usize = 5;

/// The cause first, once per file, for a register whose headers the tool does not know: the
/// required fields without a column, the headers that could hold them, and
/// `--suggest-mapping` as the next step. Empty when no required column is missing.
pub fn missing_columns(register: &Register, missing: &[MissingColumn], lang: Lang) -> String {
    let mut out = String::new();
    for (i, s) in register.sources.iter().enumerate() {
        let here: Vec<&MissingColumn> = missing
            .iter()
            .filter(|m| usize::from(m.file) == i)
            .collect();
        if here.is_empty() {
            continue;
        }
        let fields: Vec<&str> = here.iter().map(|m| m.field.header(lang)).collect();
        let name = printable(&s.name()).into_owned();
        let _ = writeln!(
            out,
            "{}",
            text(
                "N-missing-columns",
                lang,
                &[("file", &name), ("fields", &fields.join(", "))]
            )
        );
        for m in &here {
            let field = format!("{} ({})", m.field.header(lang), m.field.key());
            let line = if m.candidates.is_empty() {
                text("N-no-candidates", lang, &[("field", &field)])
            } else {
                let mut headers: Vec<String> = (m.candidates.iter())
                    .take(SHOWN_CANDIDATES)
                    .map(|h| crate::config::quote(h))
                    .collect();
                if m.candidates.len() > SHOWN_CANDIDATES {
                    headers.push("…".to_string());
                }
                let headers = headers.join(", ");
                text(
                    "N-candidates",
                    lang,
                    &[("field", &field), ("headers", &headers)],
                )
            };
            let _ = writeln!(out, "  {}", printable(&line));
        }
        let path = shell_word(&s.path.display().to_string());
        let _ = writeln!(
            out,
            "  {}\n",
            printable(&text("N-suggest-mapping", lang, &[("file", &path)]))
        );
    }
    out
}

/// `word` as one word for a POSIX shell, quoted only when it needs it.
fn shell_word(word: &str) -> String {
    let plain = |c: char| c.is_alphanumeric() || "-_./+,:@%".contains(c);
    if !word.is_empty() && word.chars().all(plain) {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
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
    let one_decimal = |v: Option<f64>| v.map(|d| lang.number(d, 1)).unwrap_or_else(|| "–".into());
    let mut lines = vec![
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
            one_decimal(k.handling_wd.median),
        ),
    ];
    if let Some(total) = k.cost.total {
        lines.push((
            t("faalkosten afgehandeld", "failure costs closed"),
            total.text(lang),
        ));
    }
    if let Some(share) = k.justified.share_yes {
        lines.push((
            t("gegrond (van beoordeeld)", "justified (of judged)"),
            crate::render::text::percent(share, lang),
        ));
    }
    if k.reopened > 0 {
        lines.push((t("heropend", "reopened"), k.reopened.to_string()));
    }
    if let Some(rate) = &k.rate_per_1000 {
        lines.push((
            t(
                "klachten per 1.000 werkbonnen",
                "complaints per 1,000 work orders",
            ),
            one_decimal(rate.received),
        ));
    }
    for (label, value) in lines {
        let _ = writeln!(out, "  {label:<38} {value:>8}");
    }
    let flow = &figures.tables.flow;
    // Received in P with an unreadable closed date: neither closed nor open, its own term.
    let left_out = if flow.left_out > 0 {
        format!(
            " − {} {}",
            flow.left_out,
            t("(afhandeldatum onleesbaar)", "(closed date unreadable)")
        )
    } else {
        String::new()
    };
    let _ = writeln!(
        out,
        "  {} {} + {} − {}{left_out} = {} {}",
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
    if !k.left_out.unreadable.is_empty() {
        let fields: Vec<String> = k
            .left_out
            .unreadable
            .iter()
            .map(|(f, n)| format!("{} {n}", f.header(lang).to_lowercase()))
            .collect();
        let _ = writeln!(
            out,
            "  {} {}",
            t(
                "buiten de cijfers (waarde onleesbaar):",
                "left out of figures (value unreadable):"
            ),
            fields.join(", ")
        );
    }
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
    let _ = writeln!(out, "  {}", written.page.display());
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
    if let Some(hint) = crate::render::explain::hint(&k.findings, lang) {
        let _ = writeln!(out, "{hint}");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::register::Field;
    use crate::rules::testkit::{check, row, Checked};

    #[test]
    fn colour_only_on_a_terminal_without_no_color() {
        assert!(colour_enabled(true, None));
        assert!(
            colour_enabled(true, Some(OsStr::new(""))),
            "empty NO_COLOR is unset"
        );
        assert!(!colour_enabled(true, Some(OsStr::new("1"))));
        assert!(!colour_enabled(false, None), "piped");
        assert!(!colour_enabled(false, Some(OsStr::new("1"))));
    }

    #[test]
    fn the_painter_colours_by_severity_or_not_at_all() {
        let on = Paint::new(true);
        assert_eq!(on.severity(Severity::Error, "3"), "\x1b[31m3\x1b[0m");
        assert_eq!(on.severity(Severity::Warning, "3"), "\x1b[33m3\x1b[0m");
        assert_eq!(on.severity(Severity::Info, "3"), "\x1b[36m3\x1b[0m");
        assert_eq!(on.bold("x"), "\x1b[1mx\x1b[0m");
        let off = Paint::new(false);
        assert_eq!(off.severity(Severity::Error, "3"), "3");
        assert_eq!(off.bold("x"), "x");
    }

    /// Five findings in three steps and the data group: missing-channel (C2), missing-handler
    /// (J3), unreadable-value (I4), overdue (B5) and stale (S5).
    fn checked() -> Checked {
        check([
            row().set(Field::Channel, ""),
            row().set(Field::Handler, ""),
            row().set(Field::Urgency, "9"),
            row().open("02-01-2026"),
            row(),
        ])
    }

    #[test]
    fn the_summary_groups_counts_by_step_then_lists_the_first_findings() {
        let c = checked();
        assert_eq!(c.findings.len(), 5, "{:?}", c.findings);
        let text = summary_with(&c.register, &c.findings, Lang::En, 2, &Paint::new(false));
        assert!(!text.contains('\x1b'), "{text}");
        assert!(
            text.contains("Findings: 2 errors, 3 warnings, 0 info"),
            "{text}"
        );
        let lines: Vec<&str> = text.lines().collect();
        let at = |needle: &str| {
            lines
                .iter()
                .position(|l| l.trim() == needle)
                .unwrap_or_else(|| panic!("no line {needle:?} in\n{text}"))
        };
        // Steps in procedure order, each followed by its rules with count and severity.
        let steps = ["receipt", "registration", "follow-up", "data"];
        let idx: Vec<usize> = steps.iter().map(|s| at(s)).collect();
        assert!(idx.windows(2).all(|w| w[0] < w[1]), "{text}");
        let rule_line = |step: &str, n: usize| -> Vec<&str> {
            lines[at(step) + n].split_whitespace().collect()
        };
        assert_eq!(rule_line("receipt", 1), ["1", "missing-channel", "warning"]);
        assert_eq!(
            rule_line("registration", 1),
            ["1", "missing-handler", "error"]
        );
        assert_eq!(rule_line("follow-up", 1), ["1", "stale", "warning"]);
        assert_eq!(rule_line("follow-up", 2), ["1", "overdue", "warning"]);
        assert_eq!(rule_line("data", 1), ["1", "unreadable-value", "error"]);
        // The first two findings with file and cell, then the rest counted.
        assert!(
            text.contains("warning      register1.csv C2  No channel recorded."),
            "{text}"
        );
        assert!(
            text.contains("error        register1.csv J3  No handler"),
            "{text}"
        );
        assert!(
            !text.contains("register1.csv I4"),
            "only --show findings listed"
        );
        assert!(text.contains("… and 3 more (full list"), "{text}");
        // Dutch
        let nl = summary_with(&c.register, &c.findings, Lang::Nl, 5, &Paint::new(false));
        assert!(
            nl.contains("Bevindingen: 2 fouten, 3 waarschuwingen, 0 info"),
            "{nl}"
        );
        assert!(nl.contains("register1.csv S5"), "{nl}");
        assert!(!nl.contains("en nog"), "all five shown: {nl}");
        // It ends with where to read more, naming the rule found most often: all five rules
        // once here, so the first code of them.
        assert_eq!(
            nl.lines().last(),
            Some("meer uitleg: klacht uitleg CODE (bijvoorbeeld klacht uitleg missing-channel)")
        );
    }

    #[test]
    fn the_summary_is_coloured_only_when_asked() {
        let c = checked();
        let on = summary_with(&c.register, &c.findings, Lang::En, 2, &Paint::new(true));
        assert!(on.contains("\x1b[31m2\x1b[0m errors"), "{on}");
        assert!(on.contains("\x1b[33mwarning\x1b[0m"), "{on}");
        let off = summary_with(&c.register, &c.findings, Lang::En, 2, &Paint::new(false));
        assert!(!off.contains('\x1b'));
        // The same text once the escapes are taken out.
        let plain = on
            .replace("\x1b[31m", "")
            .replace("\x1b[33m", "")
            .replace("\x1b[36m", "")
            .replace("\x1b[1m", "")
            .replace("\x1b[0m", "");
        assert_eq!(plain, off);
    }
}
