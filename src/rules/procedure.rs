//! The procedure's steps after registration: receipt, assessment, acknowledgement, follow-up
//! and action, plus the date checks that keep the figures honest.

use super::{Context, Out};
use crate::base::first;
use crate::base::key::normalize_key;
use crate::base::Rule;
use crate::register::keys::{Keys, NO_KEY};
use crate::register::Finding;
use crate::register::{Complaint, CustomerType, Field, HandlingMode, Nature, Status};
use chrono::{Datelike, Months, NaiveDate};
use rustc_hash::FxHashMap;

/// Runs the rules of this module about complaint `i` alone.
pub fn complaint(ctx: &Context, i: usize, c: &Complaint, out: &mut Out) {
    receipt_and_assessment(ctx, i, c, out);
    acknowledgement(ctx, i, c, out);
    dates(ctx, i, c, out);
    follow_up(ctx, i, c, out);
    action(ctx, i, c, out);
}

fn receipt_and_assessment(ctx: &Context, i: usize, c: &Complaint, out: &mut Out) {
    if c.channel.is_none() {
        ctx.missing(i, Rule::MissingChannel, Field::Channel, out);
    }
    if c.urgency.is_none() {
        ctx.missing(i, Rule::MissingUrgency, Field::Urgency, out);
    }
    if c.nature.is_none() {
        ctx.missing(i, Rule::MissingNature, Field::Nature, out);
    }
    // Assessor and handling mode: per complaint where the file has the column, once for the
    // file where it has not.
    let (mut in_file, mut not_in_file) = ([None; 2], [None; 2]);
    for (k, (f, missing)) in [
        (Field::Assessor, c.assessor.is_none()),
        (Field::HandlingMode, c.handling_mode.is_none()),
    ]
    .into_iter()
    .enumerate()
    {
        if missing && !ctx.unreadable(c, f) {
            if ctx.cell(c, f).is_some() {
                in_file[k] = Some(f);
            } else {
                not_in_file[k] = Some(f);
            }
        }
    }
    let keys = |fields: &[Option<Field>]| {
        let keys: Vec<&str> = fields.iter().flatten().map(|f| f.key()).collect();
        keys.join(",")
    };
    if let Some(&first) = in_file.iter().flatten().next() {
        out.push(
            ctx.finding(i, Rule::MissingAssessment, first, "")
                .detail(keys(&in_file)),
        );
    }
    if let Some(&first) = not_in_file.iter().flatten().next() {
        ctx.once_for_file(
            c.file,
            Rule::MissingAssessment,
            first,
            || keys(&not_in_file),
            out,
        );
    }
    if let Some(u) = c.urgency.filter(|u| u.is_escalation()) {
        if c.handling_mode == Some(HandlingMode::Conversation) {
            out.push(ctx.finding(
                i,
                Rule::LegalNeedsWritten,
                Field::HandlingMode,
                u.to_string(),
            ));
        }
    }
    if c.urgency.is_some_and(|u| u.number() == 7) && c.nature == Some(Nature::Technical) {
        out.push(ctx.finding(i, Rule::NatureConflict, Field::Nature, "7"));
    }
}

fn acknowledgement(ctx: &Context, i: usize, c: &Complaint, out: &mut Out) {
    match c.ack_date {
        // Not yet a gap while the acknowledgement term is still running at the reference date.
        None if ctx.calendar.working_days(c.received, ctx.as_of)
            <= i64::from(ctx.config.targets.ack_wd) => {}
        None => ctx.missing(i, Rule::MissingAcknowledgement, Field::AckDate, out),
        Some(ack) if ack >= c.received => {
            let wd = ctx.calendar.working_days(c.received, ack);
            let target = ctx.config.targets.ack_wd;
            if wd > i64::from(target) {
                out.push(
                    ctx.finding(i, Rule::LateAcknowledgement, Field::AckDate, wd.to_string())
                        .detail(target.to_string()),
                );
            }
        }
        Some(_) => {} // before receipt: a date-order error instead
    }
}

/// A date as the messages show it.
fn dmy(d: NaiveDate) -> String {
    // chrono's `format` parses its pattern on every call: a tenth of the rules' time on a
    // million rows, where many findings name a date. Years outside 0–9999 get its signs.
    // `format!` itself was still 3 % of a million-row report: the digits are put in place.
    if let Ok(y @ 0..=9999) = u32::try_from(d.year()) {
        let digit = |n: u32, unit: u32| char::from(b'0' + (n / unit % 10) as u8);
        let (day, month) = (d.day(), d.month());
        [
            digit(day, 10),
            digit(day, 1),
            '-',
            digit(month, 10),
            digit(month, 1),
            '-',
            digit(y, 1000),
            digit(y, 100),
            digit(y, 10),
            digit(y, 1),
        ]
        .into_iter()
        .collect()
    } else {
        d.format("%d-%m-%Y").to_string()
    }
}

fn dates(ctx: &Context, i: usize, c: &Complaint, out: &mut Out) {
    for (field, date) in [
        (Field::AckDate, c.ack_date),
        (Field::ClosedDate, c.closed_date),
    ] {
        if let Some(d) = date.filter(|d| *d < c.received) {
            out.push(
                ctx.finding(i, Rule::DateOrder, field, dmy(d))
                    .detail(dmy(c.received)),
            );
        }
    }
    for (field, date) in [
        (Field::ReceivedDate, Some(c.received)),
        (Field::AckDate, c.ack_date),
        (Field::ClosedDate, c.closed_date),
        (Field::LastUpdate, c.last_update),
    ] {
        if let Some(d) = date.filter(|d| *d > ctx.as_of) {
            out.push(
                ctx.finding(i, Rule::FutureDate, field, dmy(d))
                    .detail(dmy(ctx.as_of)),
            );
        }
    }
}

fn follow_up(ctx: &Context, i: usize, c: &Complaint, out: &mut Out) {
    match (c.status, c.closed_date) {
        // Without a closed-date column the register cannot date any closure: said once.
        (Some(Status::Closed), None) if ctx.cell(c, Field::ClosedDate).is_none() => ctx
            .once_for_file(
                c.file,
                Rule::StatusConflict,
                Field::ClosedDate,
                || "closed-without-date".into(),
                out,
            ),
        // An unreadable closed date is reported as such, not as missing.
        (Some(Status::Closed), None) if ctx.unreadable(c, Field::ClosedDate) => {}
        (Some(Status::Closed), None) => out.push(
            ctx.finding(i, Rule::StatusConflict, Field::Status, Status::Closed.key())
                .detail("closed-without-date"),
        ),
        // A reopened complaint keeps the date it was first closed: no conflict.
        (Some(s), Some(_)) if s.is_open() && s != Status::Reopened => out.push(
            ctx.finding(i, Rule::StatusConflict, Field::Status, s.key())
                .detail("open-with-date"),
        ),
        _ => {}
    }
    if c.received > ctx.as_of || !c.is_open_at(ctx.as_of) {
        return;
    }
    if let Some(update) = c.last_update.filter(|u| *u <= ctx.as_of) {
        let idle = ctx.calendar.working_days(update, ctx.as_of);
        let limit = ctx.config.targets.stale_wd;
        if idle > i64::from(limit) {
            out.push(
                ctx.finding(i, Rule::Stale, Field::LastUpdate, idle.to_string())
                    .detail(limit.to_string()),
            );
        }
    }
    let age = ctx.calendar.working_days(c.received, ctx.as_of);
    if let Some(target) = overdue_target(ctx, c, age) {
        out.push(
            ctx.finding(i, Rule::Overdue, Field::ReceivedDate, age.to_string())
                .detail(target),
        );
    }
    if let Some(u) = c.urgency.filter(|u| u.is_escalation()) {
        out.push(ctx.finding(i, Rule::OpenEscalation, Field::Urgency, u.to_string()));
    }
    if c.customer_type == Some(CustomerType::Consumer) {
        let months = months_between(c.received, ctx.as_of);
        if months >= ctx.config.targets.dispute_months {
            out.push(ctx.finding(
                i,
                Rule::DisputeWindow,
                Field::CustomerType,
                months.to_string(),
            ));
        }
    }
}

/// For an open complaint of `age` working days: the target it is past (as text for the
/// message), or `None` when it is not overdue. A due date overrides the urgency's target.
fn overdue_target(ctx: &Context, c: &Complaint, age: i64) -> Option<String> {
    // Without a readable target it is not known to be overdue: its unreadable-value error says
    // what to repair.
    if c.target_unknown() {
        return None;
    }
    match c.due_date {
        Some(due) => (ctx.as_of > due).then(|| dmy(due)),
        None => {
            let target = ctx.config.targets.close_target(c.urgency)?;
            (age > i64::from(target)).then(|| target.to_string())
        }
    }
}

/// Whole calendar months from `a` to `b`: a month counts once its day of the month is
/// reached, or the month's last day when it is shorter (31 January → 28 February is one
/// month, as legal terms are counted).
pub fn months_between(a: NaiveDate, b: NaiveDate) -> u32 {
    if b < a {
        return 0;
    }
    let m = (b.year() - a.year()) * 12 + b.month() as i32 - a.month() as i32;
    // `a + m months` (clamped to the month's end by chrono) lies in b's month: whole when
    // it is not after b, else one month less. Never negative since b >= a.
    let reached = u32::try_from(m)
        .ok()
        .and_then(|n| a.checked_add_months(Months::new(n)))
        .is_some_and(|d| d <= b);
    let whole = if reached { m } else { m - 1 };
    u32::try_from(whole).unwrap_or(0)
}

fn action(ctx: &Context, i: usize, c: &Complaint, out: &mut Out) {
    if !c.is_closed() {
        return;
    }
    if c.cause.is_none() {
        ctx.missing(i, Rule::ClosedWithoutCause, Field::Cause, out);
    }
    if c.solution.is_none() {
        ctx.missing(i, Rule::ClosedWithoutSolution, Field::Solution, out);
    }
}

/// `repeat-complaint`: the same customer, or the same job/installation, complained in the
/// `repeat_days` days before.
pub fn repeats(ctx: &Context, keys: &Keys) -> Vec<Finding> {
    use rayon::slice::ParallelSliceMut;
    let window = i64::from(ctx.config.targets.repeat_days);
    let complaints = &ctx.register.complaints;
    // Every index below comes from `order`, which holds exactly the complaints' indexes.
    let mut order: Vec<usize> = (0..complaints.len()).collect();
    // (file, row) is unique, so the order is total.
    order.par_sort_unstable_by_key(|&i| {
        (
            complaints[i].received,
            complaints[i].file,
            complaints[i].row,
        )
    });
    let slots = |ks: &[u32]| {
        let n = ks
            .iter()
            .filter(|&&k| k != NO_KEY)
            .max()
            .map_or(0, |&m| m as usize + 1);
        vec![usize::MAX; n]
    };
    let mut last_customer = slots(keys.customers());
    let mut last_job = slots(keys.jobs());
    let mut out = Vec::new();
    for i in order {
        let c = &complaints[i];
        let seen = |last: &mut Vec<usize>, k: u32| {
            let slot = last.get_mut(k as usize)?;
            let prev = std::mem::replace(slot, i);
            (prev != usize::MAX && (c.received - complaints[prev].received).num_days() <= window)
                .then_some(prev)
        };
        let by_customer =
            seen(&mut last_customer, keys.customers()[i]).map(|p| (p, Field::Customer));
        let by_job = seen(&mut last_job, keys.jobs()[i]).map(|p| (p, Field::JobRef));
        if let Some((p, field)) = by_customer.or(by_job) {
            let who = match field {
                Field::Customer => "customer",
                _ => "job",
            };
            out.push(
                ctx.finding(i, Rule::RepeatComplaint, field, complaints[p].id.clone())
                    .detail(format!("{who}:{window}")),
            );
        }
    }
    out
}

/// Words of a description, for near-identity.
fn words(s: &str) -> Vec<String> {
    let mut w: Vec<String> = s
        .split(|ch: char| !ch.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(normalize_key)
        .collect();
    w.sort();
    w.dedup();
    w
}

/// Near-identical descriptions: the same words, or at least 80 % of them shared.
pub fn near_identical(a: &str, b: &str) -> bool {
    let (wa, wb) = (words(a), words(b));
    if wa.is_empty() || wb.is_empty() {
        return wa == wb;
    }
    let shared = wa.iter().filter(|w| wb.binary_search(w).is_ok()).count();
    let union = wa.len() + wb.len() - shared;
    shared * 5 >= union * 4
}

/// `possible-duplicate`: same customer, same received date, near-identical description.
pub fn possible_duplicates(ctx: &Context, keys: &Keys) -> Vec<Finding> {
    use rayon::prelude::*;
    let complaints = &ctx.register.complaints;
    // The first complaint of each (customer, date), and the groups that have more than one.
    let days: Vec<Option<(u32, NaiveDate)>> = complaints
        .par_iter()
        .zip(keys.customers().par_iter())
        .map(|(c, &k)| (k != NO_KEY && c.description.is_some()).then_some((k, c.received)))
        .collect();
    let mut groups: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
    for (i, &head) in first::first_equal(&days).iter().enumerate() {
        let head = head as usize;
        if head != first::NONE as usize && head != i {
            groups.entry(head).or_insert_with(|| vec![head]).push(i);
        }
    }
    let description = |i: usize| complaints[i].description.as_deref().unwrap_or("");
    // The groups hold indexes from enumerating the complaints; `n` indexes `members`.
    let mut found: Vec<(usize, usize)> = Vec::new();
    for members in groups.values() {
        for (n, &i) in members.iter().enumerate().skip(1) {
            let twin = members[..n]
                .iter()
                .copied()
                .find(|&j| near_identical(description(i), description(j)));
            if let Some(j) = twin {
                found.push((i, j));
            }
        }
    }
    found.sort_unstable();
    found
        .into_iter()
        .map(|(i, j)| {
            let earlier = complaints[j].id.clone();
            ctx.finding(i, Rule::PossibleDuplicate, Field::Description, earlier)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_count_when_the_day_is_reached() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(months_between(d(2025, 1, 15), d(2025, 11, 14)), 9);
        assert_eq!(months_between(d(2025, 1, 15), d(2025, 11, 15)), 10);
        // A month from the 31st ends on the last day of a shorter month.
        assert_eq!(months_between(d(2025, 1, 31), d(2025, 2, 27)), 0);
        assert_eq!(months_between(d(2025, 1, 31), d(2025, 2, 28)), 1);
        assert_eq!(months_between(d(2024, 1, 31), d(2024, 2, 28)), 0);
        assert_eq!(months_between(d(2024, 1, 31), d(2024, 2, 29)), 1);
        assert_eq!(months_between(d(2025, 4, 30), d(2026, 2, 27)), 9);
        assert_eq!(months_between(d(2025, 4, 30), d(2026, 2, 28)), 10);
        assert_eq!(months_between(d(2025, 12, 31), d(2026, 9, 30)), 9);
        assert_eq!(months_between(d(2025, 3, 1), d(2025, 2, 1)), 0);
        assert_eq!(months_between(d(2025, 3, 1), d(2025, 3, 1)), 0);
    }

    #[test]
    fn near_identical_descriptions() {
        assert!(near_identical("Koelcel lekt", "koelcel LEKT!"));
        assert!(near_identical(
            "Buitenunit maakt veel lawaai 's nachts bij de buren",
            "Buitenunit maakt veel lawaai 's nachts bij buren"
        ));
        assert!(!near_identical("Koelcel lekt", "Factuur klopt niet"));
        assert!(!near_identical(
            "Koelcel lekt",
            "Koelcel lekt niet meer maar ijst aan"
        ));
    }

    #[test]
    fn dates_are_written_as_chrono_writes_them() {
        let mut d = NaiveDate::MIN;
        let mut checked = 0;
        while d < NaiveDate::MAX {
            assert_eq!(dmy(d), d.format("%d-%m-%Y").to_string(), "{d:?}");
            checked += 1;
            // Every day around the years 0 and 9999, else a prime step through the range.
            let near = |y: i32| (y - 2..=y + 1).contains(&d.year());
            let step = if near(0) || near(10_000) { 1 } else { 9_973 };
            d = d
                .checked_add_days(chrono::Days::new(step))
                .unwrap_or(NaiveDate::MAX);
        }
        assert!(checked > 10_000);
        assert_eq!(
            dmy(NaiveDate::from_ymd_opt(2026, 3, 7).unwrap()),
            "07-03-2026"
        );
    }
}
