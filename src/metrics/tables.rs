//! Turns the per-complaint flags and the grouped counts into the report's rows: ordered,
//! with zero rows where the report shows every category, and with shares.

use super::compute::{urgency_slot, Ctx, Flags, TimeAcc};
use super::frame::{self, month_start, CauseCount as FrameCause, CostSum, GroupSums, Groups};
use super::model::{
    AgeBucket, CauseCount, CauseGroupRow, ChannelCount, CostCause, CostDepartment, CostFigures,
    CostNature, CostRow, CostUrgency, CountShare, DurationStats, FlowCheck, GroupRow, HeadingRow,
    Headline, HeadlineFigure, HeadlineRow, MonthRate, MonthRow, NatureCount, OpenItem, ParetoRow,
    RatePer1000, RateRow, RecurringCause, RepeatComplainant, SpellingCount, TimeGroup, TimeRow,
    UrgencyRow,
};
use super::period::Period;
use super::signals::{Series, SeriesKind, Window};
use super::stats::{per_1000, rel_change, share};
use crate::base::key::same_key;
use crate::config::{work_orders_over, Volumes};
use crate::register::customer::pseudonym;
use crate::register::{Cents, Channel, Field, Nature, Source, Urgency};
use chrono::NaiveDate;
use std::cmp::Reverse;
use std::collections::BTreeMap;
use std::collections::HashMap;

/// Handling and acknowledgement accumulators over P: all, per urgency slot, per nature slot.
pub struct Times {
    pub all: TimeAcc,
    pub urgency: [TimeAcc; 9],
    pub nature: [TimeAcc; 3],
}

/// Index 0–1 for technical/non-technical, 2 for not recorded.
fn nature_slot(n: Option<Nature>) -> usize {
    n.and_then(|n| Nature::ALL.iter().position(|x| *x == n))
        .unwrap_or(Nature::ALL.len())
}

impl Times {
    pub fn of(ctx: &Ctx, flags: &[Flags]) -> Times {
        let mut t = Times {
            all: TimeAcc::default(),
            urgency: Default::default(),
            nature: Default::default(),
        };
        for (i, f) in flags.iter().enumerate() {
            if !(f.received || f.closed) {
                continue;
            }
            let c = &ctx.complaints[i];
            t.all.add(ctx, i, f);
            // An unreadable urgency or nature is no group: left out of the split (SPEC §5).
            if !c.unreadable.contains(Field::Urgency) {
                t.urgency[urgency_slot(c.urgency)].add(ctx, i, f);
            }
            if !c.unreadable.contains(Field::Nature) {
                t.nature[nature_slot(c.nature)].add(ctx, i, f);
            }
        }
        t
    }
}

/// The urgency of slot 0–8 (8: unclassified).
fn slot_urgency(slot: usize) -> Option<Urgency> {
    u8::try_from(slot + 1).ok().and_then(Urgency::new)
}

/// The nature of slot 0–2 (2: not recorded).
fn slot_nature(slot: usize) -> Option<Nature> {
    Nature::ALL.get(slot).copied()
}

pub fn time_row(group: TimeGroup, acc: &TimeAcc) -> TimeRow {
    let mut acc = acc.clone();
    let ack_wd = DurationStats::of(&mut acc.ack_wd);
    TimeRow {
        group,
        handling_wd: DurationStats::of(&mut acc.handling_wd),
        handling_cd: DurationStats::of(&mut acc.handling_cd),
        ack_missing: acc.ack_missing,
        ack_within_target: acc.ack_within_target,
        ack_share_within_target: share(acc.ack_within_target, ack_wd.n),
        ack_wd,
        with_target: acc.with_target,
        within_target: acc.within_target,
        share_within_target: share(acc.within_target, acc.with_target),
    }
}

pub fn times_by_urgency(t: &Times) -> Vec<TimeRow> {
    t.urgency
        .iter()
        .enumerate()
        .map(|(s, acc)| time_row(TimeGroup::Urgency(slot_urgency(s)), acc))
        .collect()
}

pub fn times_by_nature(t: &Times) -> Vec<TimeRow> {
    t.nature
        .iter()
        .enumerate()
        .map(|(s, acc)| time_row(TimeGroup::Nature(slot_nature(s)), acc))
        .collect()
}

/// Sums per code, as a lookup.
fn by_code(sums: Vec<(Option<u32>, GroupSums)>) -> HashMap<Option<u32>, GroupSums> {
    sums.into_iter().collect()
}

/// All nine urgency rows, zero rows included.
pub fn urgency_rows(sums: Vec<(Option<u32>, GroupSums)>, times: &[TimeRow]) -> Vec<UrgencyRow> {
    let sums = by_code(sums);
    times
        .iter()
        .enumerate()
        .map(|(slot, t)| {
            let u = slot_urgency(slot);
            let s = sums
                .get(&u.map(|u| u32::from(u.number())))
                .copied()
                .unwrap_or_default();
            UrgencyRow {
                urgency: u,
                received: s.received,
                closed: s.closed,
                open_at_end: s.open_end,
                overdue: s.overdue,
                handling_wd: t.handling_wd.clone(),
            }
        })
        .collect()
}

/// received(P) per value of a vocabulary (all values in order, then not recorded).
fn received_per<T: Copy>(all: &[T], sums: Vec<(Option<u32>, GroupSums)>) -> Vec<(Option<T>, u64)> {
    let sums = by_code(sums);
    let received = |code: Option<u32>| sums.get(&code).map_or(0, |s| s.received);
    all.iter()
        .enumerate()
        .map(|(i, v)| (Some(*v), received(u32::try_from(i).ok())))
        .chain(std::iter::once((None, received(None))))
        .collect()
}

pub fn channel_counts(sums: Vec<(Option<u32>, GroupSums)>) -> Vec<ChannelCount> {
    received_per(Channel::ALL, sums)
        .into_iter()
        .map(|(channel, received)| ChannelCount { channel, received })
        .collect()
}

pub fn nature_counts(sums: Vec<(Option<u32>, GroupSums)>) -> Vec<NatureCount> {
    received_per(Nature::ALL, sums)
        .into_iter()
        .map(|(nature, received)| NatureCount { nature, received })
        .collect()
}

pub fn shares<K: Clone>(rows: &[(K, u64)], total: u64) -> Vec<CountShare<K>> {
    rows.iter()
        .map(|(key, count)| CountShare {
            key: key.clone(),
            count: *count,
            share: share(*count, total),
        })
        .collect()
}

/// [`shares`] of the rows' own total.
pub fn shares_of_rows<K: Clone>(rows: &[(K, u64)]) -> Vec<CountShare<K>> {
    shares(rows, rows.iter().map(|(_, n)| n).sum())
}

fn group_row(name: Option<String>, s: GroupSums) -> GroupRow {
    GroupRow {
        name,
        received: s.received,
        closed: s.closed,
        open_at_end: s.open_end,
        overdue: s.overdue,
        handling_wd_median: s.handling_wd_median,
    }
}

/// Rows per name, sorted by name (case-insensitively), not recorded last; groups with nothing
/// to show for P (only in the frame for the trend) are left out.
pub fn named_rows(sums: Vec<(Option<String>, GroupSums)>) -> Vec<GroupRow> {
    let mut rows: Vec<GroupRow> = sums
        .into_iter()
        .filter(|(_, s)| s.received + s.closed + s.open_end + s.overdue > 0)
        .map(|(name, s)| group_row(name, s))
        .collect();
    rows.sort_by_cached_key(|r| {
        (
            r.name.is_none(),
            r.name.as_deref().map(str::to_lowercase),
            r.name.clone(),
        )
    });
    rows
}

/// One row per input file, in input order, zero rows included.
pub fn file_rows(sums: Vec<(Option<u32>, GroupSums)>, sources: &[Source]) -> Vec<GroupRow> {
    let sums = by_code(sums);
    sources
        .iter()
        .enumerate()
        .map(|(i, src)| {
            let name = match &src.sheet {
                Some(sheet) => format!("{} ({sheet})", src.name()),
                None => src.name(),
            };
            let s = sums
                .get(&u32::try_from(i).ok())
                .copied()
                .unwrap_or_default();
            group_row(Some(name), s)
        })
        .collect()
}

/// The overdue list (most days past target first), the open urgency 1–2 escalations (oldest
/// first) and the age buckets of everything open at D.
pub fn open_lists(
    ctx: &Ctx,
    flags: &[Flags],
    d: NaiveDate,
) -> (Vec<OpenItem>, Vec<OpenItem>, Vec<AgeBucket>) {
    const BUCKETS: [(&str, i64, Option<i64>); 5] = [
        ("0–10", 0, Some(10)),
        ("11–20", 11, Some(20)),
        ("21–40", 21, Some(40)),
        ("41–60", 41, Some(60)),
        ("> 60", 61, None),
    ];
    let mut buckets: Vec<AgeBucket> = BUCKETS
        .iter()
        .map(|&(label, from_wd, to_wd)| AgeBucket {
            label,
            from_wd,
            to_wd,
            open: 0,
            overdue: 0,
        })
        .collect();
    // Sort small keys first and build the (larger) items in their final order.
    let (mut overdue, mut escalations) = (Vec::new(), Vec::new());
    for (i, f) in flags.iter().enumerate() {
        if !f.open_d {
            continue;
        }
        let age = i64::from(f.age_wd);
        if let Some(b) = buckets
            .iter_mut()
            .find(|b| age >= b.from_wd && b.to_wd.is_none_or(|t| age <= t))
        {
            b.open += 1;
            b.overdue += u64::from(f.overdue);
        }
        let received = ctx.complaints[i].received;
        if f.overdue {
            let past = ctx.days_past_target(i, f.age_wd, d);
            overdue.push((Reverse(past), Reverse(age), received, i));
        }
        if ctx.complaints[i]
            .urgency
            .is_some_and(Urgency::is_escalation)
        {
            escalations.push((received, i));
        }
    }
    overdue.sort_unstable();
    escalations.sort_unstable();
    let item = |i: usize| open_item(ctx, flags, i, d);
    (
        overdue.into_iter().map(|(_, _, _, i)| item(i)).collect(),
        escalations.into_iter().map(|(_, i)| item(i)).collect(),
        buckets,
    )
}

/// Complaint `i` as a line of the open lists, with its age and target at `d`.
fn open_item(ctx: &Ctx, flags: &[Flags], i: usize, d: NaiveDate) -> OpenItem {
    let (c, f) = (&ctx.complaints[i], &flags[i]);
    OpenItem {
        index: i,
        id: c.id.to_string(),
        file: c.file,
        row: c.row,
        line: c.line,
        received: c.received,
        urgency: c.urgency,
        handler: c.handler.as_deref().map(str::to_string),
        contact_person: c.contact().map(str::to_string),
        age_wd: i64::from(f.age_wd),
        age_cd: (d - c.received).num_days(),
        target_wd: ctx.prep[i].target.working_days(),
        due_date: c.due_date,
        overdue: f.overdue,
        days_past_target: f.overdue.then(|| ctx.days_past_target(i, f.age_wd, d)),
    }
}

/// The reopened complaints that matter for P (SPEC §5 reopened(P)), oldest first.
pub fn reopened(ctx: &Ctx, flags: &[Flags], d: NaiveDate) -> Vec<OpenItem> {
    let mut found: Vec<(NaiveDate, usize)> = (0..flags.len())
        .filter(|&i| flags[i].matters && ctx.complaints[i].is_reopened())
        .map(|i| (ctx.complaints[i].received, i))
        .collect();
    found.sort_unstable();
    found
        .into_iter()
        .map(|(_, i)| open_item(ctx, flags, i, d))
        .collect()
}

/// The cause groups with a complaint received in P (`flags[i].received`), each with its
/// spellings counted over those complaints: most complaints first, ties in the register's
/// group order; spellings most frequent first, ties in register order.
pub fn cause_groups(ctx: &Ctx, flags: &[Flags]) -> Vec<CauseGroupRow> {
    let groups = &ctx.causes.groups;
    // Per group: per spelling count, and the natures seen (None: mixed or never recorded).
    let mut counts: Vec<Vec<u64>> = groups.iter().map(|g| vec![0; g.spellings.len()]).collect();
    let mut natures: Vec<(bool, Option<Nature>)> = vec![(false, None); groups.len()];
    for (c, f) in ctx.complaints.iter().zip(flags) {
        let Some(text) = c.cause.as_deref().filter(|_| f.received) else {
            continue;
        };
        let Some((g, s)) = ctx.causes.spelling_of(text) else {
            continue;
        };
        counts[g][s] += 1;
        let seen = &mut natures[g];
        let nature = if c.unreadable.contains(Field::Nature) {
            None
        } else {
            c.nature
        };
        *seen = match seen {
            (false, _) => (true, nature),
            (true, n) if *n == nature => (true, nature),
            _ => (true, None),
        };
    }
    let mut out: Vec<(u64, CauseGroupRow)> = groups
        .iter()
        .zip(counts)
        .zip(natures)
        .zip(&ctx.cause_natures)
        .filter_map(|(((g, counts), (_, seen)), listed)| {
            let nature = listed.or(seen);
            let total: u64 = counts.iter().sum();
            let mut spellings: Vec<SpellingCount> = g
                .spellings
                .iter()
                .zip(counts)
                .filter(|(_, n)| *n > 0)
                .map(|(s, count)| SpellingCount {
                    text: s.text.clone(),
                    count,
                })
                .collect();
            spellings.sort_by_key(|s| Reverse(s.count));
            (total > 0).then(|| {
                (
                    total,
                    CauseGroupRow {
                        cause: g.name().to_string(),
                        nature,
                        spellings,
                    },
                )
            })
        })
        .collect();
    out.sort_by_key(|(total, _)| Reverse(*total));
    out.into_iter().map(|(_, row)| row).collect()
}

/// Whether the nature code `n` is an unreadable nature (left out of every split by nature).
fn unreadable_nature(n: Option<i32>) -> bool {
    n.and_then(|n| u32::try_from(n).ok()) == Some(frame::UNREADABLE)
}

/// Causes of received(P) per (cause, nature), most frequent first, then by cause and nature.
/// Complaints whose nature could not be read are left out (their split is unknown).
pub fn causes(counts: &[FrameCause]) -> Vec<CauseCount> {
    let mut out: Vec<CauseCount> = counts
        .iter()
        .filter(|c| !unreadable_nature(c.second))
        .map(|c| CauseCount {
            cause: c.key.clone(),
            nature: c
                .second
                .and_then(|n| usize::try_from(n).ok())
                .and_then(slot_nature),
            count: c.count,
        })
        .collect();
    out.sort_by_cached_key(|c| (Reverse(c.count), c.cause.to_lowercase(), c.nature));
    out
}

/// The Pareto of the causes of one nature (`None`: not recorded).
pub fn pareto(causes: &[CauseCount], nature: Option<Nature>) -> Vec<ParetoRow> {
    let rows = causes
        .iter()
        .filter(|c| c.nature == nature)
        .map(|c| (c.cause.clone(), c.count));
    with_shares(rows.collect())
        .into_iter()
        .map(|(cause, count, share, cumulative_share)| ParetoRow {
            cause,
            count,
            share,
            cumulative_share,
        })
        .collect()
}

/// Counts in the order given, each with its share of their total and the running share down
/// the list: the figures of a Pareto table.
fn with_shares<K>(rows: Vec<(K, u64)>) -> Vec<(K, u64, f64, f64)> {
    let total: u64 = rows.iter().map(|(_, n)| n).sum();
    let mut running = 0;
    rows.into_iter()
        .map(|(key, count)| {
            running += count;
            let part = |n| share(n, total).unwrap_or(0.0);
            (key, count, part(count), part(running))
        })
        .collect()
}

/// The Pareto of received(P) by the headings of the cause list (`group = "…"`), from the
/// period's cause groups: most complaints first, ties in the list's order of the headings,
/// the rest (`None`: not listed, or listed without a heading) last as a Pareto's "other" is.
/// Empty when no entry of the list has a heading.
pub fn cause_headings(ctx: &Ctx, groups: &[CauseGroupRow]) -> Vec<HeadingRow> {
    let mut order: Vec<&str> = Vec::new();
    for h in ctx.cause_list.iter().filter_map(|e| e.group.as_deref()) {
        if !order.contains(&h) {
            order.push(h);
        }
    }
    if order.is_empty() {
        return Vec::new();
    }
    // Per heading in `order`, then the rest.
    let mut counts = vec![0u64; order.len() + 1];
    for row in groups {
        let heading = row
            .spellings
            .first()
            .and_then(|s| ctx.causes.index_of(&s.text))
            .and_then(|g| ctx.entry_of(g))
            .and_then(|e| e.group.as_deref())
            .and_then(|h| order.iter().position(|o| *o == h));
        counts[heading.unwrap_or(order.len())] +=
            row.spellings.iter().map(|s| s.count).sum::<u64>();
    }
    let other = counts.pop().unwrap_or(0);
    let mut rows: Vec<(Option<String>, u64)> = order
        .iter()
        .zip(counts)
        .filter(|(_, n)| *n > 0)
        .map(|(h, n)| (Some(h.to_string()), n))
        .collect();
    // Stable: ties keep the list's order.
    rows.sort_by_key(|(_, n)| Reverse(*n));
    if other > 0 {
        rows.push((None, other));
    }
    with_shares(rows)
        .into_iter()
        .map(|(heading, count, share, cumulative_share)| HeadingRow {
            heading,
            count,
            share,
            cumulative_share,
        })
        .collect()
}

/// Counts per (cause, nature) over the four quarters `q0..q0+3`, from the counts per (cause,
/// month key, nature); technical and non-technical apart as in the Pareto, an unreadable nature
/// left out.
pub fn recurring(counts: &[FrameCause], q0: i32) -> Vec<RecurringCause> {
    let mut per: HashMap<(&str, Option<Nature>), [u64; 4]> = HashMap::new();
    for c in counts.iter().filter(|c| !unreadable_nature(c.third)) {
        let slot = c
            .second
            .and_then(|m| usize::try_from(frame::quarter_of_month(m) - q0).ok())
            .filter(|&s| s < 4);
        let nature = c
            .third
            .and_then(|n| usize::try_from(n).ok())
            .and_then(slot_nature);
        if let Some(s) = slot {
            per.entry((c.key.as_str(), nature)).or_default()[s] += c.count;
        }
    }
    let mut out: Vec<RecurringCause> = per
        .into_iter()
        .map(|((key, nature), counts)| {
            let quarters = counts.iter().filter(|&&n| n > 0).count() as u64;
            RecurringCause {
                cause: key.to_string(),
                nature,
                counts: counts.to_vec(),
                total: counts.iter().sum(),
                quarters,
                recurring: quarters >= 2,
            }
        })
        .collect();
    out.sort_by_cached_key(|r| {
        (
            !r.recurring,
            Reverse(r.total),
            r.cause.to_lowercase(),
            r.nature,
        )
    });
    out
}

/// The four calendar quarters ending with the one holding `end`, oldest first.
pub fn last_four_quarters(end: NaiveDate) -> Vec<Period> {
    let mut q = vec![Period::quarter_of(end)];
    for _ in 0..3 {
        let prev = q[q.len() - 1].previous();
        q.push(prev);
    }
    q.reverse();
    q
}

/// Repeat complainants in `window`, most complaints first, then by how they are shown.
pub fn repeat_complainants(ctx: &Ctx, window: &Period, show_names: bool) -> Vec<RepeatComplainant> {
    let mut out: Vec<RepeatComplainant> = ctx
        .repeat_groups(window)
        .into_iter()
        .map(|g| {
            let cs = ctx.complaints;
            let first_of = |f: fn(&crate::register::Complaint) -> Option<&str>| {
                g.iter()
                    .find_map(|&i| f(&cs[i]).map(|s| s.trim().to_string()))
            };
            let name = first_of(|c| c.customer.as_deref())
                .or_else(|| first_of(|c| c.customer_id.as_deref()));
            let name = name.unwrap_or_default();
            RepeatComplainant {
                customer: if show_names { name } else { pseudonym(&name) },
                complaints: g.len() as u64,
                first_received: cs[g[0]].received,
                last_received: cs[g[g.len() - 1]].received,
                ids: g.iter().map(|&i| cs[i].id.to_string()).collect(),
            }
        })
        .collect();
    out.sort_by(|a, b| {
        b.complaints
            .cmp(&a.complaints)
            .then_with(|| a.customer.cmp(&b.customer))
            .then_with(|| a.first_received.cmp(&b.first_received))
    });
    out
}

/// The month rows `m0..=m0+23` filled from the per-month counts, from the month of the
/// register's first complaint (`first`, a month key) on: a month before the register began
/// has no data, and a row of zeros would read as a quiet month. Without complaints (`None`)
/// all 24 months are shown.
pub fn monthly(
    m0: i32,
    first: Option<i32>,
    received: &[(i32, Option<u32>, u64)],
    closed: &[(i32, Option<u32>, u64)],
) -> Vec<MonthRow> {
    let from = first.map_or(m0, |f| f.max(m0));
    let mut rows: Vec<MonthRow> = (from..m0 + 24)
        .filter_map(|k| {
            let start = month_start(k)?;
            Some(MonthRow {
                month: start.format("%Y-%m").to_string(),
                start,
                received: 0,
                received_technical: 0,
                received_non_technical: 0,
                received_unknown_nature: 0,
                closed: 0,
                closed_technical: 0,
                closed_non_technical: 0,
                closed_unknown_nature: 0,
            })
        })
        .collect();
    let len = rows.len();
    let slot = |k: i32| usize::try_from(k - from).ok().filter(|&s| s < len);
    let nature = nature_of_code;
    for &(k, n, count) in received {
        if let Some(r) = slot(k).map(|s| &mut rows[s]) {
            r.received += count;
            *[
                &mut r.received_technical,
                &mut r.received_non_technical,
                &mut r.received_unknown_nature,
            ][nature(n)] += count;
        }
    }
    for &(k, n, count) in closed {
        if let Some(r) = slot(k).map(|s| &mut rows[s]) {
            r.closed += count;
            *[
                &mut r.closed_technical,
                &mut r.closed_non_technical,
                &mut r.closed_unknown_nature,
            ][nature(n)] += count;
        }
    }
    rows
}

/// The nature slot (0–2, as [`nature_slot`]) of a frame's nature code; an unreadable nature
/// is not recorded.
fn nature_of_code(n: Option<u32>) -> usize {
    nature_slot(n.and_then(|n| slot_nature(usize::try_from(n).ok()?)))
}

/// The signals' series over the months of `w`: all complaints received, the technical and the
/// non-technical (the complaints' own nature, as on the *Trend* sheet) from the per-month
/// counts `received`, then each group of `groups` (the causes of P) from `causes` (per cause,
/// month and nature).
pub fn signal_series(
    w: &Window,
    received: &[(i32, Option<u32>, u64)],
    causes: &[FrameCause],
    groups: &[CauseGroupRow],
) -> Vec<Series> {
    let len = w.len();
    let slot = |k: i32| usize::try_from(k - w.first).ok().filter(|&s| s < len);
    let mut all = vec![0; len];
    let mut by_nature = [vec![0; len], vec![0; len]];
    for &(k, n, count) in received {
        if let Some(s) = slot(k) {
            all[s] += count;
            if let Some(v) = by_nature.get_mut(nature_of_code(n)) {
                v[s] += count;
            }
        }
    }
    let [technical, non_technical] = by_nature;
    let mut out = vec![
        Series {
            kind: SeriesKind::Received,
            cause: None,
            counts: all,
        },
        Series {
            kind: SeriesKind::Technical,
            cause: None,
            counts: technical,
        },
        Series {
            kind: SeriesKind::NonTechnical,
            cause: None,
            counts: non_technical,
        },
    ];
    let first = out.len();
    let index: HashMap<&str, usize> = groups
        .iter()
        .enumerate()
        .map(|(i, g)| (g.cause.as_str(), first + i))
        .collect();
    out.extend(groups.iter().map(|g| Series {
        kind: SeriesKind::Cause,
        cause: Some(g.cause.clone()),
        counts: vec![0; len],
    }));
    for c in causes {
        let at = c.second.and_then(slot);
        if let (Some(&i), Some(s)) = (index.get(c.key.as_str()), at) {
            out[i].counts[s] += c.count;
        }
    }
    out
}

/// The trend table: each headline figure for P, previous and year ago, with changes; the
/// complaints per 1,000 work orders last when `with_rate` (the company gives its volume).
pub fn headline_rows(
    p: &Headline,
    prev: &Headline,
    ya: &Headline,
    with_rate: bool,
) -> Vec<HeadlineRow> {
    let rate = with_rate.then_some(HeadlineFigure::RatePer1000);
    HeadlineFigure::ALL
        .iter()
        .copied()
        .chain(rate)
        .map(|f| {
            let (v, pv, yv) = (p.value(f), prev.value(f), ya.value(f));
            let diff = |b: Option<f64>| Some(v? - b?);
            HeadlineRow {
                figure: f,
                unit: f.unit(),
                value: v,
                previous: pv,
                year_ago: yv,
                change_previous: diff(pv),
                rel_change_previous: rel_change(v, pv),
                change_year_ago: diff(yv),
                rel_change_year_ago: rel_change(v, yv),
            }
        })
        .collect()
}

/// Complaints per 1,000 work orders (SPEC §5): for P, the previous period and a year earlier
/// (each `(period, received)`), per month of the trend (`monthly`) and per department of the
/// volume, its complaints the received(P) of the register's departments (`departments`) whose
/// name is the same but for case, accents, spaces and punctuation.
pub fn rates(
    volumes: &Volumes,
    periods: [(&Period, u64); 3],
    monthly: &[MonthRow],
    departments: &[GroupRow],
) -> RatePer1000 {
    let [(p, _), _, _] = periods;
    let [received, previous, year_ago] = periods.map(|(q, complaints)| {
        per_1000(
            complaints,
            work_orders_over(&volumes.totals, q.start, q.end),
        )
    });
    // No complaint of the period names a department: none can be counted under one.
    let recorded = departments.iter().any(|g| g.name.is_some());
    let by_department = volumes
        .departments
        .iter()
        .filter(|_| recorded)
        .map(|d| {
            let complaints = departments
                .iter()
                .filter(|g| g.name.as_deref().is_some_and(|n| same_key(n, &d.name)))
                .map(|g| g.received)
                .sum();
            let work_orders = work_orders_over(&d.months, p.start, p.end);
            RateRow {
                department: d.name.clone(),
                complaints,
                work_orders,
                rate: per_1000(complaints, work_orders),
            }
        })
        .collect();
    let months = monthly
        .iter()
        .map(|m| {
            let work_orders = volumes.total(m.start);
            MonthRate {
                month: m.month.clone(),
                complaints: m.received,
                work_orders,
                rate: per_1000(m.received, work_orders),
            }
        })
        .collect();
    RatePer1000 {
        received,
        previous,
        year_ago,
        by_department,
        months,
    }
}

/// The flow check as computed, with the date-order complaints that explain a difference and
/// the received(P) whose closed date could not be read (neither closed nor open: a line of
/// their own, so that the check still balances).
pub fn flow(ctx: &Ctx, head: &Headline, flags: &[Flags]) -> FlowCheck {
    let (mut date_order, mut left_out) = (0, 0);
    for (f, c) in flags.iter().zip(ctx.complaints) {
        date_order += u64::from(f.matters && c.closed_on().is_some_and(|x| x < c.received));
        left_out += u64::from(f.received && c.closed_unknown());
    }
    let as_i64 = |n: u64| i64::try_from(n).unwrap_or(i64::MAX);
    let expected =
        as_i64(head.open_at_start) + as_i64(head.received) - as_i64(head.closed) - as_i64(left_out);
    let difference = as_i64(head.open_at_end) - expected;
    FlowCheck {
        open_at_start: head.open_at_start,
        received: head.received,
        closed: head.closed,
        left_out,
        open_at_end: head.open_at_end,
        expected_open_at_end: expected,
        difference,
        holds: difference == 0,
        date_order,
    }
}

/// Month key range for the trend: the 24 months ending with `end`'s month.
pub fn trend_months(end: NaiveDate) -> (i32, i32) {
    let m1 = frame::month_key(end);
    (m1 - 23, m1)
}

/// Per field, the complaints that matter for P whose value for it could not be read: each is
/// left out of the figures that need the field (SPEC §5 "left out").
pub fn left_out_fields(ctx: &Ctx, flags: &[Flags]) -> BTreeMap<Field, u64> {
    let mut out = BTreeMap::new();
    for (f, c) in flags.iter().zip(ctx.complaints) {
        if f.matters && !c.unreadable.is_empty() {
            for field in c.unreadable.iter() {
                *out.entry(field).or_default() += 1;
            }
        }
    }
    out
}

/// The splits of the failure costs of closed(P) (SPEC §5) from the frame's sums, added to
/// `cost` (n, missing, total, mean and median): every nature and urgency (zero rows
/// included), the departments and cause groups with a cost; each with its share of the total.
pub fn cost_splits(mut cost: CostFigures, g: &Groups) -> CostFigures {
    let total = cost.total.map_or(0, |t| t.0);
    fn row<K>(key: K, s: CostSum, total: i64) -> CostRow<K> {
        CostRow {
            key,
            n: s.n,
            total: Cents(s.total),
            // Amounts below 2^53 cents convert exactly; the division is the only rounding.
            share: (total != 0).then(|| s.total as f64 / total as f64),
        }
    }
    let by_code = |sums: &[(Option<u32>, CostSum)], code: Option<u32>| {
        let none = CostSum {
            n: 0,
            total: 0,
            nature: None,
        };
        sums.iter()
            .find(|(c, _)| *c == code)
            .map_or(none, |(_, s)| *s)
    };
    cost.by_nature = (0..=Nature::ALL.len())
        .map(|slot| {
            let nature = slot_nature(slot);
            let code = nature.and_then(|_| u32::try_from(slot).ok());
            row(CostNature { nature }, by_code(&g.cost_nature, code), total)
        })
        .collect();
    cost.by_urgency = (0..9)
        .map(|slot| {
            let urgency = slot_urgency(slot);
            let code = urgency.map(|u| u32::from(u.number()));
            row(
                CostUrgency { urgency },
                by_code(&g.cost_urgency, code),
                total,
            )
        })
        .collect();
    let mut departments = g.cost_department.clone();
    departments.sort_by_cached_key(|(name, _)| {
        (
            name.is_none(),
            name.as_deref().map(str::to_lowercase),
            name.clone(),
        )
    });
    cost.by_department = departments
        .into_iter()
        .map(|(department, s)| row(CostDepartment { department }, s, total))
        .collect();
    let mut causes = g.cost_cause.clone();
    causes.sort_by_cached_key(|(name, s)| {
        (
            name.is_none(),
            Reverse(s.total),
            name.as_deref().map(str::to_lowercase),
        )
    });
    let mut running = 0i64;
    cost.by_cause = causes
        .into_iter()
        .map(|(cause, s)| {
            running = running.saturating_add(s.total);
            let key = CostCause {
                cause,
                nature: s
                    .nature
                    .and_then(|n| usize::try_from(n).ok())
                    .and_then(slot_nature),
                cumulative_share: (total != 0).then(|| running as f64 / total as f64),
            };
            row(key, s, total)
        })
        .collect();
    cost
}
