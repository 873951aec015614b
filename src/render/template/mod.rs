//! `klacht template`: an empty register workbook that follows the NVKL procedure.
//!
//! A company that starts (or restarts) its register gets exactly the columns the tool reads,
//! drop-down lists whose every entry reads back as its value, date checks that keep text out
//! of date columns, and the procedure explained on a second sheet. The drop-down entries live
//! on a hidden sheet because Excel limits a typed-in list to 255 characters and the urgency
//! list alone is longer.

mod instructions;
mod lists;
mod register_sheet;
#[cfg(test)]
mod tests;
mod texts;

pub use lists::dropdown_entries;
pub use texts::{instructions_sheet_name, lists_sheet_name, register_sheet_name};

use crate::error::{Error, Result};
use crate::render::output::write_atomic;
use crate::Lang;
use chrono::{DateTime, Utc};
use instructions::write_instructions;
use lists::{dropdowns, write_lists};
use register_sheet::write_register;
use rust_xlsxwriter::{DocProperties, Workbook, XlsxError};
use std::path::Path;

/// Data rows the template prepares below the header (rows 2 to 1001): table, formats and
/// validations cover them; the Excel table grows when someone types directly below it.
pub const DATA_ROWS: u32 = 1000;

/// Writes the empty register to `out` (through a temporary file, so a failure leaves nothing).
/// The workbook's creation time comes from `SOURCE_DATE_EPOCH`, else a fixed date, so two runs
/// give identical bytes.
///
/// ```no_run
/// use klacht::render::template::write_template;
/// use klacht::Lang;
/// write_template(std::path::Path::new("klachtenregister.xlsx"), Lang::Nl, Some("Koeltechniek BV"))?;
/// # Ok::<(), klacht::Error>(())
/// ```
pub fn write_template(out: &Path, lang: Lang, company: Option<&str>) -> Result<()> {
    let company = company.map(str::trim).filter(|c| !c.is_empty());
    let created = creation_time(std::env::var("SOURCE_DATE_EPOCH").ok().as_deref());
    let failed = |e: XlsxError| Error::output(out, e);
    write_atomic(out, &[], |tmp| {
        build(lang, company, created)
            .map_err(failed)?
            .save(tmp)
            .map_err(failed)
    })
}

/// 2026-01-01T00:00:00Z: the creation time when `SOURCE_DATE_EPOCH` is not set.
const FIXED_EPOCH: i64 = 1_767_225_600;

/// The workbook's creation time: `SOURCE_DATE_EPOCH` (seconds) when it is a valid number,
/// else a fixed date. Never the clock: an empty template has no meaningful creation time.
pub(crate) fn creation_time(source_date_epoch: Option<&str>) -> DateTime<Utc> {
    source_date_epoch
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|secs| DateTime::from_timestamp(secs, 0))
        .or_else(|| DateTime::from_timestamp(FIXED_EPOCH, 0))
        .unwrap_or(DateTime::UNIX_EPOCH)
}

fn build(lang: Lang, company: Option<&str>, created: DateTime<Utc>) -> Result<Workbook, XlsxError> {
    let mut workbook = Workbook::new();
    let mut properties = DocProperties::new()
        .set_title(register_sheet_name(lang))
        .set_subject(lang.pick(
            "Klachtenregister volgens het NVKL Model Klachtenbehandeling",
            "Complaint register following the NVKL complaint procedure",
        ))
        .set_comment(lang.pick("Gemaakt met klacht template", "Made with klacht template"))
        .set_creation_datetime(&created);
    if let Some(company) = company {
        properties = properties.set_company(company);
    }
    workbook.set_properties(&properties);

    let lists = dropdowns(lang);
    write_register(workbook.add_worksheet(), lang, &lists)?;
    write_instructions(workbook.add_worksheet(), lang, company)?;
    write_lists(workbook.add_worksheet(), lang, &lists)?;
    Ok(workbook)
}
