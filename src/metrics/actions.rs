//! The effect of corrective actions (SPEC §10, ISO 9001 10.2): for each entry of the cause
//! list with an `action_date`, the complaints of its cause group in the 12 months before the
//! date and from the date to the end of P, with the months each side, so that the two rates
//! can be set side by side. Numbers only: whether the action worked is for people to judge.

use super::compute::Ctx;
use super::model::{ActionWindow, CauseAction};
use super::period::Period;
use chrono::{Datelike, Months, NaiveDate};

/// The months the window before an action reaches back.
const BEFORE_MONTHS: u32 = 12;

/// `d` moved back `n` calendar months; a day the earlier month lacks becomes its last day
/// (12 months back from 29 February 2024 is 28 February 2023).
pub fn months_back(d: NaiveDate, n: u32) -> NaiveDate {
    d.checked_sub_months(Months::new(n))
        .unwrap_or(NaiveDate::MIN)
}

/// The length in months of the days `from..=to` (0 when `to` is before `from`).
///
/// Counted back from the day after `to`: whole months as long as they stay within the
/// window, then the rest as a share of the month-long step it falls in. So the 12 months
/// before an action are 12 whatever the month lengths, and a window ending on a month's last
/// day is its whole calendar months plus the share of its first month's days: 15 March to
/// 30 September is 6 + 17/31 months.
pub fn months_in(from: NaiveDate, to: NaiveDate) -> f64 {
    let Some(end) = to.succ_opt().filter(|_| to >= from) else {
        return 0.0;
    };
    let month_number = |d: NaiveDate| i64::from(d.year()) * 12 + i64::from(d.month0());
    // An upper bound on the whole months; lowered until the step stays within the window.
    let mut whole = u32::try_from(month_number(end) - month_number(from)).unwrap_or(0);
    while whole > 0 && months_back(end, whole) < from {
        whole -= 1;
    }
    let step = months_back(end, whole);
    let before = months_back(end, whole + 1);
    let rest = (step - from).num_days() as f64 / (step - before).num_days() as f64;
    f64::from(whole) + rest
}

/// The window `from..=to` with its complaints counted.
fn window(from: NaiveDate, to: NaiveDate, complaints: u64) -> ActionWindow {
    let months = months_in(from, to);
    ActionWindow {
        from,
        to,
        complaints,
        months,
        per_month: (months > 0.0).then(|| complaints as f64 / months),
    }
}

/// The cause list's entries with an `action_date`, in list order, with their complaints
/// before and after; empty when none has one. A complaint counts by its received date.
pub fn cause_actions(ctx: &Ctx, p: &Period) -> Vec<CauseAction> {
    let dated: Vec<(usize, NaiveDate)> = ctx
        .cause_list
        .iter()
        .enumerate()
        .filter_map(|(e, entry)| entry.action_date.map(|d| (e, d)))
        .collect();
    if dated.is_empty() {
        return Vec::new();
    }
    // Per group of the register's causes, the dated entry it is (a position in `dated`).
    let of_group: Vec<Option<usize>> = ctx
        .causes
        .groups
        .iter()
        .map(|g| dated.iter().position(|&(e, _)| Some(e) == g.listed))
        .collect();
    let windows: Vec<[(NaiveDate, NaiveDate); 2]> = dated
        .iter()
        .map(|&(_, a)| {
            let last_before = a.pred_opt().unwrap_or(a);
            [(months_back(a, BEFORE_MONTHS), last_before), (a, p.end)]
        })
        .collect();
    // Complaints outside every window are passed over before their cause is looked up.
    let first = windows
        .iter()
        .map(|w| w[0].0)
        .min()
        .unwrap_or(NaiveDate::MAX);
    let last = windows
        .iter()
        .map(|w| w[0].1.max(w[1].1))
        .max()
        .unwrap_or(NaiveDate::MIN);
    let mut counts = vec![[0u64; 2]; dated.len()];
    for c in ctx
        .complaints
        .iter()
        .filter(|c| first <= c.received && c.received <= last)
    {
        let Some(k) = c
            .cause
            .as_deref()
            .and_then(|t| ctx.causes.index_of(t))
            .and_then(|g| of_group[g])
        else {
            continue;
        };
        for (side, (from, to)) in windows[k].iter().enumerate() {
            counts[k][side] += u64::from(*from <= c.received && c.received <= *to);
        }
    }
    dated
        .iter()
        .zip(windows)
        .zip(counts)
        .map(|((&(e, date), [before, after]), [n_before, n_after])| {
            let entry = &ctx.cause_list[e];
            CauseAction {
                cause: entry.name.clone(),
                action: entry.action.clone(),
                action_date: date,
                before: window(before.0, before.1, n_before),
                after: window(after.0, after.1, n_after),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn twelve_months_back_keeps_the_day_or_takes_the_month_end() {
        assert_eq!(months_back(ymd(2026, 3, 1), 12), ymd(2025, 3, 1));
        // 29 February: a year earlier February has 28 days.
        assert_eq!(months_back(ymd(2024, 2, 29), 12), ymd(2023, 2, 28));
        // A 31st: a year earlier the same month, the same day.
        assert_eq!(months_back(ymd(2026, 5, 31), 12), ymd(2025, 5, 31));
        // A 31st a month back into a shorter month: its last day.
        assert_eq!(months_back(ymd(2026, 3, 31), 1), ymd(2026, 2, 28));
    }

    #[test]
    fn the_twelve_months_before_an_action_are_twelve_whatever_the_date() {
        for a in [
            ymd(2026, 3, 1),
            ymd(2026, 3, 15),
            ymd(2024, 2, 29),
            ymd(2026, 5, 31),
            ymd(2026, 1, 31),
            ymd(2025, 3, 1),
        ] {
            let from = months_back(a, 12);
            assert_eq!(months_in(from, a.pred_opt().unwrap()), 12.0, "{a}");
        }
    }

    #[test]
    fn a_partial_month_counts_as_its_share_of_days() {
        // Whole calendar months.
        assert_eq!(months_in(ymd(2026, 3, 1), ymd(2026, 9, 30)), 7.0);
        assert_eq!(months_in(ymd(2026, 2, 1), ymd(2026, 2, 28)), 1.0);
        // April–September whole, and 17 of March's 31 days (15–31 March).
        assert_eq!(
            months_in(ymd(2026, 3, 15), ymd(2026, 9, 30)),
            6.0 + 17.0 / 31.0
        );
        // From a 31st: February whole and 1 of January's 31 days.
        assert_eq!(
            months_in(ymd(2026, 1, 31), ymd(2026, 2, 28)),
            1.0 + 1.0 / 31.0
        );
        // From 29 February to the end of March 2024: March whole, 1 of February's 29 days.
        assert_eq!(
            months_in(ymd(2024, 2, 29), ymd(2024, 3, 31)),
            1.0 + 1.0 / 29.0
        );
        // One day, and a window that ends before it starts.
        assert_eq!(months_in(ymd(2026, 9, 30), ymd(2026, 9, 30)), 1.0 / 30.0);
        assert_eq!(months_in(ymd(2026, 10, 1), ymd(2026, 9, 30)), 0.0);
    }
}
