//! The plan of the copy: which cells get which marks and notes, and the sheet names Excel
//! accepts.

use super::copy::Copied;
use crate::base::location::CellRef;
use crate::base::Severity;
use crate::register::Finding;
use crate::register::{Register, Source};
use crate::render::explain;
use crate::Lang;

/// One sheet of the copy: its name, and what happened while copying.
pub(super) struct SheetPlan {
    pub(super) name: String,
    pub(super) copied: Copied,
}

/// A cell with findings: the worst severity colours it, the lines make its note.
#[derive(Debug)]
pub(super) struct Mark {
    pub(super) row: u32,
    pub(super) col: u32,
    pub(super) severity: Severity,
    pub(super) lines: Vec<String>,
}

/// Where a finding is shown in the copy: its cell, or its row (at the row's first cell).
/// `None` for findings about a whole file: no address, or a row finding at the header row
/// (a column the file lacks), which go to the summary sheet instead.
pub(super) fn cell_of(register: &Register, f: &Finding) -> Option<CellRef> {
    let at = f.at?;
    let header_row = register.sources.get(usize::from(at.file))?.header_row;
    (at.col.is_some() || at.row != header_row).then_some(at)
}

/// The lines a finding adds to its cell's note: `code (severity): message`, then the first
/// sentence of the rule's explanation, which names `klacht uitleg` for the rest.
pub(super) fn note_lines(
    register: &Register,
    f: &Finding,
    whole_row: bool,
    lang: Lang,
) -> Vec<String> {
    let row = if whole_row {
        lang.pick(" [hele rij]", " [whole row]")
    } else {
        ""
    };
    vec![
        format!(
            "{} ({}){row}: {}",
            f.rule.code(),
            f.severity.label(lang),
            f.message(register, lang)
        ),
        format!(
            "→ {} ({} {})",
            explain::summary(f.rule, lang),
            lang.pick("klacht uitleg", "klacht explain"),
            f.rule.code()
        ),
    ]
}

/// Marks in row-then-column order, one per cell, the findings of a cell kept in their order.
pub(super) fn group(mut marks: Vec<Mark>) -> Vec<Mark> {
    marks.sort_by_key(|m| (m.row, m.col));
    let mut out: Vec<Mark> = Vec::with_capacity(marks.len());
    for m in marks {
        match out.last_mut() {
            Some(last) if (last.row, last.col) == (m.row, m.col) => {
                last.severity = last.severity.max(m.severity);
                last.lines.extend(m.lines);
            }
            _ => out.push(m),
        }
    }
    out
}

/// A sheet name Excel accepts, unique in the workbook: the source's sheet name or the CSV
/// file's stem, without the characters Excel forbids (`[]:*?/\`), at most 31 characters, and
/// numbered ` (2)`, ` (3)`, … where names clash (Excel compares them case-insensitively).
pub(super) fn sheet_names(sources: &[Source], summary: &str, lang: Lang) -> Vec<String> {
    let mut taken = vec![summary.to_lowercase(), "history".to_string()];
    let mut out = Vec::with_capacity(sources.len());
    for source in sources {
        let raw = match &source.sheet {
            Some(s) => s.clone(),
            None => source
                .path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default(),
        };
        let clean: String = raw
            .chars()
            .filter(|c| !"[]:*?/\\".contains(*c) && !c.is_control())
            .collect();
        let clean = clean.trim().trim_matches('\'').trim();
        let base = if clean.is_empty() {
            lang.pick("Blad", "Sheet").to_string()
        } else {
            clean.to_string()
        };
        let mut name = fit(&base, 31);
        let mut n = 2;
        while taken.contains(&name.to_lowercase()) {
            let suffix = format!(" ({n})");
            name = format!("{}{suffix}", fit(&base, 31 - suffix.len()).trim_end());
            n += 1;
        }
        taken.push(name.to_lowercase());
        out.push(name);
    }
    out
}

/// The longest prefix of `s` of at most `max` UTF-16 units (Excel counts in those), without a
/// trailing apostrophe, which Excel refuses at the end of a sheet name.
pub(super) fn fit(s: &str, max: usize) -> String {
    let mut out = String::new();
    let mut len = 0;
    for c in s.chars() {
        len += c.len_utf16();
        if len > max {
            break;
        }
        out.push(c);
    }
    out.trim_end_matches('\'').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_xlsxwriter::Workbook;

    #[test]
    fn sheet_names_excel_accepts() {
        let source = |sheet: Option<&str>, path: &str| Source::named(path, sheet);
        let sources = [
            source(Some("Register"), "a.xlsx"),
            source(Some("register"), "b.xlsx"),
            source(Some("[Klachten]: 2026/Q3*?"), "c.xlsx"),
            source(None, "vestiging-apeldoorn-klachtenregister-2026.csv"),
            source(None, "vestiging-apeldoorn-klachtenregister-2026-kopie.csv"),
            source(Some("Bevindingen"), "d.xlsx"),
            source(Some("'quoted'"), "e.xlsx"),
            source(Some("***"), "f.xlsx"),
            source(Some("History"), "g.xlsx"),
        ];
        let names = sheet_names(&sources, "Bevindingen", Lang::Nl);
        assert_eq!(
            names,
            [
                "Register",
                "register (2)",
                "Klachten 2026Q3",
                "vestiging-apeldoorn-klachtenreg",
                "vestiging-apeldoorn-klachte (2)",
                "Bevindingen (2)",
                "quoted",
                "Blad",
                "History (2)",
            ]
        );
        let mut wb = Workbook::new();
        for name in &names {
            wb.add_worksheet().set_name(name).unwrap();
        }
    }
}
