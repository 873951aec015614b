//! Per-complaint work, done once: durations in working and calendar days, the closing
//! target, and the period flags (received, closed, open, overdue) that every count sums.

use super::model::{
    CostFigures, DurationStats, Headline, JustifiedCounts, PeriodInfo, SatisfactionFigures,
};
use super::period::Period;
use super::stats::share;
use crate::base::key::key_chars;
use crate::calendar::Calendar;
use crate::config::CauseEntry;
use crate::config::Targets;
use crate::register::causes::{group_listed, CauseGroups, Listed};
use crate::register::{Cents, Complaint, Field, Justified, Nature, Satisfaction, Scale, Urgency};
use chrono::NaiveDate;
use rayon::prelude::*;

/// The cause groups of the whole register (SPEC §10): the causes with a letter or digit, the
/// company's list first. The report and `check --suggest-causes` group alike, so that the
/// list the suggestion writes gives the report's groups back.
pub fn register_cause_groups(complaints: &[Complaint], cause_list: &[CauseEntry]) -> CauseGroups {
    let listed: Vec<Listed> = cause_list
        .iter()
        .map(|e| Listed {
            name: &e.name,
            also: &e.also,
        })
        .collect();
    group_listed(
        complaints
            .iter()
            .filter_map(|c| c.cause.as_deref())
            .filter(|c| key_chars(c).next().is_some()),
        &listed,
    )
}

/// The closing target of a complaint: the register's due date overrides the urgency target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Due(NaiveDate),
    WorkingDays(u32),
    /// Urgency 8, or no target configured for its category.
    None,
    /// The due date, or without one the urgency, could not be read
    /// ([`Complaint::target_unknown`]): left out of overdue and of the share within target.
    Unknown,
}

impl Target {
    /// The target of `c` under `targets`.
    pub fn of(c: &Complaint, targets: &Targets) -> Target {
        if c.target_unknown() {
            return Target::Unknown;
        }
        match (c.due_date, targets.close_target(c.urgency)) {
            (Some(due), _) => Target::Due(due),
            (None, Some(wd)) => Target::WorkingDays(wd),
            (None, None) => Target::None,
        }
    }

    /// The urgency target in working days, for the lists (`None` with a due date or none).
    pub fn working_days(self) -> Option<u32> {
        match self {
            Target::WorkingDays(wd) => Some(wd),
            _ => None,
        }
    }
}

/// Durations of one complaint. `None` where the end date is missing or before the received
/// date (a `date-order` error: such a duration is left out, and counted in `LeftOut`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Prep {
    pub handling_wd: Option<i32>,
    pub handling_cd: Option<i32>,
    pub ack_wd: Option<i32>,
    pub target: Target,
}

/// The durations of one complaint, each `None` where its end date is missing or before the
/// received date: what the figures measure and what `klacht export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Durations {
    /// Received → closed in working days (SPEC §4: the working days d with A < d ≤ B).
    pub handling_wd: Option<i32>,
    /// Received → closed in calendar days.
    pub handling_cd: Option<i32>,
    /// Received → acknowledged in working days.
    pub ack_wd: Option<i32>,
    /// Received → acknowledged in calendar days.
    pub ack_cd: Option<i32>,
}

impl Durations {
    /// The durations of `c` under `calendar`.
    pub fn of(c: &Complaint, calendar: &Calendar) -> Durations {
        let after = |d: Option<NaiveDate>| d.filter(|d| *d >= c.received);
        let (closed, ack) = (after(c.closed_on()), after(c.ack_date));
        let cd = |d: NaiveDate| clamp_i32((d - c.received).num_days());
        Durations {
            handling_wd: closed.map(|d| wd(calendar, c.received, d)),
            handling_cd: closed.map(cd),
            ack_wd: ack.map(|d| wd(calendar, c.received, d)),
            ack_cd: ack.map(cd),
        }
    }
}

/// Working days d with a < d ≤ b, as i32 (a register spans far less than 2^31 days).
fn wd(calendar: &Calendar, a: NaiveDate, b: NaiveDate) -> i32 {
    clamp_i32(calendar.working_days(a, b))
}

fn clamp_i32(v: i64) -> i32 {
    i32::try_from(v).unwrap_or(if v < 0 { i32::MIN } else { i32::MAX })
}

/// Everything the figures read, with the per-complaint durations computed once.
pub struct Ctx<'a> {
    pub complaints: &'a [Complaint],
    pub calendar: &'a Calendar,
    pub targets: &'a Targets,
    /// Durations, computed for the complaints received or closed in one of the periods the
    /// figures cover (the only ones whose durations any figure reads), else `None`.
    pub prep: Vec<Prep>,
    /// Interned customer key per complaint (or per complaint received in the customer span,
    /// else [`NO_CUSTOMER`]): only equal and unequal keys matter.
    customers: std::borrow::Cow<'a, [u32]>,
    /// The cause groups of the whole register (SPEC §10), so that every period counts a cause
    /// under the same group and name.
    pub causes: CauseGroups,
    /// Per group of [`Ctx::causes`], the nature the company's cause list gives it: its
    /// complaints count under that nature in the cause tables.
    pub cause_natures: Vec<Option<Nature>>,
    /// The company's cause list, whose entries [`CauseGroup::listed`] points into.
    ///
    /// [`CauseGroup::listed`]: crate::register::causes::CauseGroup::listed
    pub cause_list: &'a [CauseEntry],
}

/// No customer recorded, or received outside the span the repeat figures look at.
const NO_CUSTOMER: u32 = crate::register::keys::NO_KEY;

impl<'a> Ctx<'a> {
    /// Computes, in parallel, the durations of the complaints received or closed in one of
    /// `periods`, and interns the customer keys of those received in `customer_span` unless
    /// `customers` has them for every complaint already (the rules' keys).
    pub fn new(
        complaints: &'a [Complaint],
        calendar: &'a Calendar,
        targets: &'a Targets,
        periods: &[Period],
        customer_span: &Period,
        customers: Option<&'a [u32]>,
        cause_list: &'a [CauseEntry],
    ) -> Ctx<'a> {
        let in_periods = |d: NaiveDate| periods.iter().any(|p| p.contains(d));
        let prep = complaints
            .par_iter()
            .map(|c| {
                let target = Target::of(c, targets);
                if !(in_periods(c.received) || c.closed_on().is_some_and(in_periods)) {
                    return Prep {
                        handling_wd: None,
                        handling_cd: None,
                        ack_wd: None,
                        target,
                    };
                }
                let d = Durations::of(c, calendar);
                Prep {
                    handling_wd: d.handling_wd,
                    handling_cd: d.handling_cd,
                    ack_wd: d.ack_wd,
                    target,
                }
            })
            .collect();
        let causes = register_cause_groups(complaints, cause_list);
        let cause_natures = causes
            .groups
            .iter()
            .map(|g| {
                g.listed
                    .and_then(|e| cause_list.get(e))
                    .and_then(|e| e.nature)
            })
            .collect();
        Ctx {
            causes,
            cause_natures,
            cause_list,
            complaints,
            calendar,
            targets,
            prep,
            customers: match customers.filter(|k| k.len() == complaints.len()) {
                Some(keys) => keys.into(),
                None => crate::register::keys::customer_numbers(complaints, |c| {
                    customer_span.contains(c.received)
                })
                .into(),
            },
        }
    }

    /// The entry of the cause list that group `g` of [`Ctx::causes`] is, if any.
    pub fn entry_of(&self, g: usize) -> Option<&'a CauseEntry> {
        let list = self.cause_list;
        self.causes.groups.get(g)?.listed.and_then(|e| list.get(e))
    }

    /// The flags of every complaint for period `p` and reference date `d`, in parallel.
    pub fn flags(&self, p: &Period, d: NaiveDate) -> Vec<Flags> {
        let before_start = p.start.pred_opt().unwrap_or(p.start);
        self.complaints
            .par_iter()
            .zip(self.prep.par_iter())
            .map(|(c, prep)| {
                let open_d = c.is_open_at(d);
                let age_wd = if open_d {
                    wd(self.calendar, c.received, d)
                } else {
                    0
                };
                let overdue = open_d
                    && match prep.target {
                        Target::Due(due) => d > due,
                        Target::WorkingDays(t) => i64::from(age_wd) > i64::from(t),
                        Target::None | Target::Unknown => false,
                    };
                let received = p.contains(c.received);
                let closed = c.closed_on().is_some_and(|x| p.contains(x));
                // Open on some day X of P: X = max(received, start) is the first candidate.
                let first = c.received.max(p.start);
                let open_during = first <= p.end && c.closed_on().is_none_or(|x| x > first);
                Flags {
                    received,
                    closed,
                    open_start: c.is_open_at(before_start),
                    open_end: c.is_open_at(p.end),
                    open_d,
                    overdue,
                    matters: received || closed || open_during,
                    age_wd,
                }
            })
            .collect()
    }

    /// Days past the target of an overdue complaint at `d`.
    pub fn days_past_target(&self, i: usize, age_wd: i32, d: NaiveDate) -> i64 {
        match self.prep[i].target {
            Target::Due(due) => self.calendar.working_days(due, d),
            Target::WorkingDays(t) => i64::from(age_wd) - i64::from(t),
            Target::None | Target::Unknown => 0,
        }
    }

    /// The headline figures of period `p` at reference date `d`.
    pub fn headline(&self, p: &Period, d: NaiveDate, flags: &[Flags]) -> Headline {
        let mut all = TimeAcc::default();
        let (mut open_start, mut open_end, mut overdue) = (0, 0, 0);
        for (i, f) in flags.iter().enumerate() {
            all.add(self, i, f);
            open_start += u64::from(f.open_start);
            open_end += u64::from(f.open_end);
            overdue += u64::from(f.overdue);
        }
        let handling = DurationStats::of(&mut all.handling_wd);
        let outcome = self.outcome(flags);
        Headline {
            period: PeriodInfo {
                label: p.label.clone(),
                start: p.start,
                end: p.end,
                as_of: d,
            },
            received: all.received,
            closed: all.closed,
            open_at_start: open_start,
            open_at_end: open_end,
            overdue,
            handling_wd_mean: handling.mean,
            handling_wd_median: handling.median,
            handling_wd_p90: handling.p90,
            share_within_target: share(all.within_target, all.with_target),
            ack_share_within_target: share(all.ack_within_target, all.ack_wd.len() as u64),
            repeat_complainants: self.repeat_groups(&repeat_window(p.end)).len() as u64,
            cost_total: outcome.cost_total(),
            share_justified: outcome.justified().share_yes,
            rate_per_1000: None,
        }
    }

    /// What the handling of closed(P) came to: costs, justification, satisfaction.
    pub fn outcome(&self, flags: &[Flags]) -> Outcome {
        let mut out = Outcome::default();
        for (c, _) in self.complaints.iter().zip(flags).filter(|(_, f)| f.closed) {
            out.add(c);
        }
        out
    }

    /// Complaints received in `window` (within the customer span), grouped by customer
    /// (customer number, else the normalised name: the key of the `repeat-complaint` rule),
    /// groups of 2 or more only. Each group lists its complaint indices in received order;
    /// groups come in the order of their first complaint.
    pub fn repeat_groups(&self, window: &Period) -> Vec<Vec<usize>> {
        let mut keyed: Vec<(u32, NaiveDate, usize)> = self
            .complaints
            .par_iter()
            .zip(self.customers.par_iter())
            .enumerate()
            .filter(|(_, (c, &k))| k != NO_CUSTOMER && window.contains(c.received))
            .map(|(i, (c, &k))| (k, c.received, i))
            .collect();
        keyed.par_sort_unstable();
        let mut out: Vec<Vec<usize>> = keyed
            .chunk_by(|a, b| a.0 == b.0)
            .filter(|g| g.len() >= 2)
            .map(|g| g.iter().map(|&(_, _, i)| i).collect())
            .collect();
        out.sort_unstable_by_key(|g: &Vec<usize>| g[0]);
        out
    }
}

/// The 12 months ending at `end`: (end − 12 months, end].
pub fn repeat_window(end: NaiveDate) -> Period {
    let start = end
        .checked_sub_months(chrono::Months::new(12))
        .and_then(|d| d.succ_opt())
        .unwrap_or(NaiveDate::MIN);
    Period::between(start, end)
}

/// Where one complaint stands for a period P and a reference date D.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Flags {
    /// Received in P.
    pub received: bool,
    /// Closed in P.
    pub closed: bool,
    /// open(start − 1).
    pub open_start: bool,
    /// open(end).
    pub open_end: bool,
    /// open(D).
    pub open_d: bool,
    /// overdue(D).
    pub overdue: bool,
    /// Received in P, closed in P, or open on some day of P.
    pub matters: bool,
    /// age(D) in working days when open at D, else 0.
    pub age_wd: i32,
}

/// Handling and acknowledgement figures of one group of complaints.
#[derive(Debug, Clone, Default)]
pub struct TimeAcc {
    pub received: u64,
    pub closed: u64,
    /// Handling times of closed(P), date-order errors left out.
    pub handling_wd: Vec<i32>,
    pub handling_cd: Vec<i32>,
    /// closed(P) closed before received.
    pub handling_date_order: u64,
    pub with_target: u64,
    pub within_target: u64,
    /// Acknowledgement times of received(P).
    pub ack_wd: Vec<i32>,
    pub ack_missing: u64,
    pub ack_within_target: u64,
    /// received(P) acknowledged before received.
    pub ack_date_order: u64,
}

impl TimeAcc {
    /// Adds complaint `i` with its flags.
    pub fn add(&mut self, ctx: &Ctx, i: usize, f: &Flags) {
        let c = &ctx.complaints[i];
        let prep = &ctx.prep[i];
        if f.closed {
            self.closed += 1;
            match (prep.handling_wd, prep.handling_cd) {
                (Some(hwd), Some(hcd)) => {
                    self.handling_wd.push(hwd);
                    self.handling_cd.push(hcd);
                    let within = match (prep.target, c.closed_on()) {
                        (Target::Due(due), Some(closed)) => Some(closed <= due),
                        (Target::WorkingDays(t), _) => Some(i64::from(hwd) <= i64::from(t)),
                        _ => None,
                    };
                    if let Some(within) = within {
                        self.with_target += 1;
                        self.within_target += u64::from(within);
                    }
                }
                _ => self.handling_date_order += 1,
            }
        }
        if f.received {
            self.received += 1;
            match (c.ack_date, prep.ack_wd) {
                // Written but unreadable: not missing, left out (counted in `left_out`).
                (None, _) if c.unreadable.contains(Field::AckDate) => {}
                (None, _) => self.ack_missing += 1,
                (Some(_), None) => self.ack_date_order += 1,
                (Some(_), Some(a)) => {
                    self.ack_wd.push(a);
                    self.ack_within_target +=
                        u64::from(i64::from(a) <= i64::from(ctx.targets.ack_wd));
                }
            }
        }
    }
}

/// Costs, justification and satisfaction of a period's closed complaints, gathered in one
/// pass; an unreadable cell is left out of the figures of its field (SPEC §5).
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    /// The readable costs.
    pub costs: Vec<Cents>,
    /// Closed without a cost.
    pub cost_missing: u64,
    /// Yes, no, partly, nothing recorded, unreadable.
    pub justified: [u64; 5],
    /// The readable answers.
    pub answers: Vec<Satisfaction>,
    /// Closed with an answer or none (not with an unreadable one): the response rate's base.
    pub asked: u64,
    /// Closed with an unreadable cost, answer.
    pub cost_unreadable: u64,
    pub satisfaction_unreadable: u64,
}

impl Outcome {
    fn add(&mut self, c: &Complaint) {
        let readable = |f: Field| !c.unreadable.contains(f);
        match c.cost {
            Some(cost) => self.costs.push(cost),
            None if readable(Field::Cost) => self.cost_missing += 1,
            None => self.cost_unreadable += 1,
        }
        let slot = match c.justified {
            _ if !readable(Field::Justified) => 4,
            Some(Justified::Yes) => 0,
            Some(Justified::No) => 1,
            Some(Justified::Partly) => 2,
            None => 3,
        };
        self.justified[slot] += 1;
        if readable(Field::Satisfaction) {
            self.asked += 1;
            self.answers.extend(c.satisfaction);
        } else {
            self.satisfaction_unreadable += 1;
        }
    }

    /// The sum of the costs; `None` without any.
    pub fn cost_total(&self) -> Option<Cents> {
        (!self.costs.is_empty()).then(|| self.costs.iter().copied().sum())
    }

    /// n, missing, total, mean and median of the costs (the splits are the frame's).
    pub fn cost(&self) -> CostFigures {
        let mut sorted = self.costs.clone();
        sorted.sort_unstable();
        let total = self.cost_total();
        CostFigures {
            n: sorted.len() as u64,
            missing: self.cost_missing,
            left_out: self.cost_unreadable,
            mean: total.and_then(|t| Cents::mean(t, sorted.len() as u64)),
            median: Cents::median(&sorted),
            total,
            ..CostFigures::default()
        }
    }

    pub fn justified(&self) -> JustifiedCounts {
        let [yes, no, partly, unknown, left_out] = self.justified;
        JustifiedCounts {
            yes,
            no,
            partly,
            unknown,
            left_out,
            share_yes: share(yes, yes + no + partly),
        }
    }

    /// The satisfaction figures on the register's `scale`.
    pub fn satisfaction(&self, scale: Option<Scale>) -> SatisfactionFigures {
        let scores: Vec<u8> = self.answers.iter().filter_map(|a| a.score()).collect();
        let sum: u64 = scores.iter().map(|&s| u64::from(s)).sum();
        let satisfied = scale.map_or(0, |s| {
            self.answers.iter().filter(|&&a| s.satisfied(a)).count() as u64
        });
        let responses = self.answers.len() as u64;
        SatisfactionFigures {
            responses,
            response_rate: share(responses, self.asked),
            // Sums of scores stay far below 2^53: exact in f64.
            mean: (!scores.is_empty()).then(|| sum as f64 / scores.len() as f64),
            scale,
            share_satisfied: share(satisfied, responses),
            left_out: self.satisfaction_unreadable,
        }
    }
}

/// Index 0–7 for urgency 1–8, 8 for unclassified.
pub fn urgency_slot(u: Option<Urgency>) -> usize {
    u.map_or(8, |u| usize::from(u.number() - 1))
}
