//! How dates and shares are written for people: the same in the workbook's texts and on the
//! page.

use crate::Lang;
use chrono::NaiveDate;

/// `30-09-2026`.
pub fn day(d: NaiveDate) -> String {
    d.format("%d-%m-%Y").to_string()
}

/// `01-07-2026 t/m 30-09-2026`.
pub fn span(start: NaiveDate, end: NaiveDate, lang: Lang) -> String {
    format!("{} {} {}", day(start), lang.pick("t/m", "to"), day(end))
}

/// A fraction as a percentage with one decimal, as the workbook's `0.0%` shows it:
/// `0.8333` → `83,3%` (Dutch), `83.3%` (English).
///
/// ```
/// use klacht::render::text::percent;
/// use klacht::Lang;
/// assert_eq!(percent(0.8333, Lang::Nl), "83,3%");
/// assert_eq!(percent(1.0, Lang::En), "100.0%");
/// ```
pub fn percent(share: f64, lang: Lang) -> String {
    format!("{}%", lang.number(share * 100.0, 1))
}
