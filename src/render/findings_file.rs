//! `--findings FILE`: the full list of findings as xlsx (a summary sheet and the list as an
//! Excel table), CSV (neutralised against formula injection) or JSON.

use super::json::{check_document, Item};
use super::output::{neutralize, write_atomic};
use crate::base::Rule;
use crate::error::{Error, Result};
use crate::register::Finding;
use crate::register::Register;
use crate::rules::Counts;
use crate::Lang;
use rust_xlsxwriter::{Format, Table, TableColumn, Workbook};
use std::path::{Path, PathBuf};

/// Writes the findings to `path`, by its extension.
pub fn write(
    path: &Path,
    inputs: &[PathBuf],
    register: &Register,
    findings: &[Finding],
    lang: Lang,
) -> Result<()> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let doc = check_document(register, findings, lang);
    match ext.as_str() {
        "json" => write_atomic(path, inputs, |tmp| {
            let text = serde_json::to_vec_pretty(&doc).map_err(|e| Error::output(path, e))?;
            std::fs::write(tmp, text).map_err(|e| Error::output(path, e))
        }),
        "csv" => write_atomic(path, inputs, |tmp| write_csv(tmp, &doc.items, lang)),
        "xlsx" => write_atomic(path, inputs, |tmp| {
            write_xlsx(tmp, &doc.items, &Counts::of(findings), lang)
        }),
        _ => Err(Error::FindingsExt { path: path.into() }),
    }
}

/// Column headings of the findings list.
fn headings(lang: Lang) -> [&'static str; 10] {
    [
        lang.pick("code", "code"),
        lang.pick("ernst", "severity"),
        lang.pick("stap", "step"),
        lang.pick("klachtnummer", "complaint"),
        lang.pick("bestand", "file"),
        lang.pick("blad", "sheet"),
        lang.pick("cel", "cell"),
        lang.pick("regel", "line"),
        lang.pick("waarde", "value"),
        lang.pick("melding", "message"),
    ]
}

fn row(item: &Item) -> [String; 10] {
    [
        item.code.to_string(),
        item.severity.to_string(),
        item.step.to_string(),
        item.id.clone(),
        item.file.clone(),
        item.sheet.clone().unwrap_or_default(),
        item.cell.clone(),
        item.line.map(|l| l.to_string()).unwrap_or_default(),
        item.value.clone(),
        item.message.clone(),
    ]
}

fn write_csv(tmp: &Path, items: &[Item], lang: Lang) -> Result<()> {
    let err = |e: csv::Error| Error::output(tmp, e);
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_path(tmp)
        .map_err(err)?;
    w.write_record(headings(lang)).map_err(err)?;
    for item in items {
        let cells = row(item);
        w.write_record(cells.iter().map(|c| neutralize(c).into_owned()))
            .map_err(err)?;
    }
    w.flush().map_err(|e| Error::output(tmp, e))
}

fn write_xlsx(tmp: &Path, items: &[Item], counts: &Counts, lang: Lang) -> Result<()> {
    let err = |e: rust_xlsxwriter::XlsxError| Error::output(tmp, e);
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();

    let sheet = wb.add_worksheet();
    sheet
        .set_name(lang.pick("Samenvatting", "Summary"))
        .map_err(err)?;
    sheet
        .write_string_with_format(0, 0, lang.pick("Regel", "Rule"), &bold)
        .map_err(err)?;
    sheet
        .write_string_with_format(0, 1, lang.pick("Stap", "Step"), &bold)
        .map_err(err)?;
    sheet
        .write_string_with_format(0, 2, lang.pick("Aantal", "Count"), &bold)
        .map_err(err)?;
    let mut r = 1;
    for rule in Rule::ALL {
        let Some(n) = counts.by_rule.get(rule.code()) else {
            continue;
        };
        sheet.write_string(r, 0, rule.code()).map_err(err)?;
        sheet
            .write_string(r, 1, rule.step().label(lang))
            .map_err(err)?;
        sheet.write_number(r, 2, *n as f64).map_err(err)?;
        r += 1;
    }
    sheet.set_column_width(0, 28).map_err(err)?;
    sheet.set_column_width(1, 22).map_err(err)?;

    let list = wb.add_worksheet();
    list.set_name(lang.pick("Bevindingen", "Findings"))
        .map_err(err)?;
    let heads = headings(lang);
    for (i, item) in items.iter().enumerate() {
        for (c, text) in row(item).iter().enumerate() {
            // write_string never makes a formula of user text.
            list.write_string(i as u32 + 1, c as u16, text)
                .map_err(err)?;
        }
    }
    let columns: Vec<TableColumn> = heads
        .iter()
        .map(|h| TableColumn::new().set_header(*h))
        .collect();
    let last_row = items.len().max(1) as u32;
    list.add_table(
        0,
        0,
        last_row,
        heads.len() as u16 - 1,
        &Table::new().set_columns(&columns),
    )
    .map_err(err)?;
    list.set_freeze_panes(1, 0).map_err(err)?;
    for (c, w) in [24, 12, 16, 16, 30, 16, 8, 8, 24, 80].iter().enumerate() {
        list.set_column_width(c as u16, *w).map_err(err)?;
    }
    wb.save(tmp).map_err(err)
}
