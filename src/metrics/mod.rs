//! The figures of the periodic management report (SPEC §5), for a period P, the previous
//! period of the same length and the same period a year earlier.
//!
//! Decisions where SPEC §5 leaves room (also documented on the model types):
//! * **open_at_start** is open(start − 1 day), the flow check's first term.
//! * **Flow check**: computed, never forced. It holds whenever closed dates are not before
//!   received dates; each complaint closed before it was received can break it, and the
//!   report shows the difference and the number of such complaints.
//! * **Date-order errors** (closed or acknowledged before received): counted in closed(P) /
//!   received(P) as their dates say, but left out of handling and acknowledgement times (a
//!   negative duration is no duration), and counted in `LeftOut`.
//! * **Unreadable values** (SPEC §5 "left out"): a complaint is left out of every figure that
//!   needs a field it has an unreadable value for, and counted per field over the complaints
//!   that matter for P (`LeftOut::unreadable`). An unreadable closed date makes it neither
//!   open nor closed; the flow check subtracts those received in P as a line of its own.
//! * **Previous and year-ago periods** are measured at the earlier of their own end and the
//!   report's reference date D.
//! * **Share within target**: of closed(P) with a target (a due date, else the urgency
//!   target; category 8 has none), those with handling time ≤ target or closed on or before
//!   the due date. Acknowledgement share: of the acknowledged received(P), ack time ≤ target.
//! * **Causes** (Pareto, `kpi.causes`): complaints *received* in P with a cause, so they can
//!   be set against received(P); recurring causes: complaints received in each of the four
//!   calendar quarters ending with the quarter that holds P's end.
//! * **Repeat complainants**: the customer number, else the normalised name (the key of the
//!   `repeat-complaint` rule); 2 or more complaints received in the 12 months ending at P's
//!   end; shown by pseudonym unless names are asked for.
//! * **Complaints that matter for P**: received in P, closed in P, or open on some day of P.
//!   `kpi.findings` counts the findings on those complaints plus the findings that belong
//!   to no complaint (about a file's columns, or about excluded rows): the report reads those
//!   files, so their problems are part of its data quality.
//! * **Overdue age** and targets are in working days of the configured calendar; age buckets
//!   0–10, 11–20, 21–40, 41–60, > 60 working days cover every complaint open at D.

pub mod actions;
pub mod compute;
pub mod frame;
pub mod model;
pub mod period;
pub mod signals;
pub mod stats;
pub mod tables;

pub use model::Figures;
pub use period::Period;

use crate::calendar::Calendar;
use crate::config::{Config, Volumes};
use crate::error::Error;
use crate::register::Finding;
use crate::register::{Nature, Register, Scale};
use crate::rules::Counts;
use chrono::NaiveDate;
use compute::{repeat_window, Ctx};
use model::{
    AckStats, AgeingRow, DepartmentRow, Flow, Kpi, LeftOut, PeriodInfo, RecurringRow, Tables,
    TimeGroup, TrendRow,
};

/// What the report is computed from.
pub struct Inputs<'a> {
    pub register: &'a Register,
    /// The validation findings on the register (`rules::check_all`).
    pub findings: &'a [Finding],
    pub config: &'a Config,
    pub calendar: &'a Calendar,
    /// The period P.
    pub period: Period,
    /// The reference date D (see [`Period::default_as_of`]).
    pub as_of: NaiveDate,
    /// Show customer names instead of pseudonyms (`--show-names`).
    pub show_names: bool,
    /// The customer number of every complaint, when the rules have made them already
    /// (`register::keys::Keys::customers`); else the figures make their own.
    pub customers: Option<&'a [u32]>,
    /// The company's work orders per month (`[volume]`), for the complaint rate.
    pub volumes: Option<&'a Volumes>,
}

/// Every figure of the report.
///
/// The only error is an internal one of the group-by engine (`E-metrics`): figures are never
/// silently incomplete.
pub fn compute(inputs: &Inputs) -> Result<Figures, Error> {
    let internal = |e: polars::error::PolarsError| Error::Metrics {
        detail: e.to_string(),
    };
    let register = inputs.register;
    let (p, d) = (&inputs.period, inputs.as_of);
    let (prev_p, ya_p) = (p.previous(), p.year_ago());
    let (prev_span, ya_span) = (prev_p.clone(), ya_p.clone());
    let windows = [&p.end, &prev_p.end, &ya_p.end].map(|end| repeat_window(*end));
    let customer_span = Period::between(
        windows.iter().map(|w| w.start).min().unwrap_or(p.start),
        windows.iter().map(|w| w.end).max().unwrap_or(p.end),
    );
    let ctx = Ctx::new(
        &register.complaints,
        inputs.calendar,
        &inputs.config.targets,
        &[p.clone(), prev_p.clone(), ya_p.clone()],
        &customer_span,
        inputs.customers,
        &inputs.config.causes,
    );

    let flags = ctx.flags(p, d);
    let other = |q: Period| {
        let qd = q.end.min(d);
        ctx.headline(&q, qd, &ctx.flags(&q, qd))
    };
    // The three periods' headlines are independent passes over the register: side by side.
    let (mut head, (mut previous, mut year_ago)) = rayon::join(
        || ctx.headline(p, d, &flags),
        || rayon::join(|| other(prev_p), || other(ya_p)),
    );

    let quarters = tables::last_four_quarters(p.end);
    let q0 = frame::quarter_key(quarters[0].start);
    let months = tables::trend_months(p.end);
    let first_month = register
        .complaints
        .iter()
        .map(|c| frame::month_key(c.received))
        .min();
    let settings = &inputs.config.signals;
    let window = signals::Window::new(p, d, first_month, settings);
    // The frame's months: the trend's and the signals' (a baseline reaching further back).
    let frame_months = window
        .months()
        .map_or(months, |(m0, _)| (m0.min(months.0), months.1));
    let sel = frame::Selection {
        months: frame_months,
        quarters: (q0, q0 + 3),
    };
    let df = frame::build(&ctx, &flags, sel).map_err(internal)?;
    // The causes per month: the recurring causes' four quarters and the signals' months.
    let quarter_months = (
        frame::month_key(quarters[0].start),
        frame::month_key(quarters[3].end),
    );
    let cause_months = window.months().map_or(quarter_months, |(m0, m1)| {
        (m0.min(quarter_months.0), m1.max(quarter_months.1))
    });
    let groups = frame::groups(&df, frame_months, cause_months).map_err(internal)?;
    let outcome = ctx.outcome(&flags);
    let cost = tables::cost_splits(outcome.cost(), &groups);
    let cause_groups = tables::cause_groups(&ctx, &flags);
    // With the company's volume the signals are u-charts of the rate.
    let work_orders = inputs.volumes.map(|v| window.work_orders(v));
    let signals = signals::signals(
        &window,
        settings,
        &tables::signal_series(
            &window,
            &groups.received_monthly,
            &groups.causes_by_month,
            &cause_groups,
        ),
        work_orders.as_deref(),
    );

    let times = tables::Times::of(&ctx, &flags);
    let times_by_urgency = tables::times_by_urgency(&times);
    let times_all = tables::time_row(TimeGroup::All, &times.all);
    let by_urgency = tables::urgency_rows(groups.urgency, &times_by_urgency);
    let by_channel = tables::channel_counts(groups.channel);
    let by_nature = tables::nature_counts(groups.nature);
    let causes = tables::causes(&groups.causes_received);
    let (overdue, escalations, age_buckets) = tables::open_lists(&ctx, &flags, d);
    let reopened = tables::reopened(&ctx, &flags, d);
    // The scale is the register's, decided from all its answers: every period reads alike.
    let scale = Scale::of(register.complaints.iter().filter_map(|c| c.satisfaction));

    let register_rows: Vec<usize> = (0..flags.len()).filter(|&i| flags[i].matters).collect();
    let [window, _, _] = windows;

    let by_department = tables::named_rows(groups.department);
    let monthly = tables::monthly(
        months.0,
        first_month,
        &groups.received_monthly,
        &groups.closed_monthly,
    );
    let rate_per_1000 = inputs.volumes.map(|v| {
        let periods = [
            (p, head.received),
            (&prev_span, previous.received),
            (&ya_span, year_ago.received),
        ];
        tables::rates(v, periods, &monthly, &by_department)
    });
    if let Some(r) = &rate_per_1000 {
        head.rate_per_1000 = r.received;
        previous.rate_per_1000 = r.previous;
        year_ago.rate_per_1000 = r.year_ago;
    }

    let left_out = LeftOut {
        handling_date_order: times.all.handling_date_order,
        ack_date_order: times.all.ack_date_order,
        unreadable: tables::left_out_fields(&ctx, &flags),
    };

    let tables = Tables {
        headline: tables::headline_rows(&head, &previous, &year_ago, rate_per_1000.is_some()),
        flow: tables::flow(&ctx, &head, &flags),
        // Shares of the complaints in the table: an unreadable channel or nature is in no row.
        by_channel: tables::shares_of_rows(
            &by_channel
                .iter()
                .map(|c| (c.channel, c.received))
                .collect::<Vec<_>>(),
        ),
        by_nature: tables::shares_of_rows(
            &by_nature
                .iter()
                .map(|c| (c.nature, c.received))
                .collect::<Vec<_>>(),
        ),
        by_department,
        by_handler: tables::named_rows(groups.handler),
        by_file: tables::file_rows(groups.file, &register.sources),
        overdue,
        age_buckets,
        escalations,
        reopened,
        times_by_urgency,
        times_by_nature: tables::times_by_nature(&times),
        pareto_technical: tables::pareto(&causes, Some(Nature::Technical)),
        pareto_non_technical: tables::pareto(&causes, Some(Nature::NonTechnical)),
        pareto_unknown_nature: tables::pareto(&causes, None),
        recurring_causes: tables::recurring(&groups.causes_by_month, q0),
        recurring_quarters: quarters,
        repeat_complainants: tables::repeat_complainants(&ctx, &window, inputs.show_names),
        repeat_window: window,
        monthly,
        signal_chart: signals.chart,
        register_rows,
        findings: Vec::new(),
        times_all: times_all.clone(),
        // Moved in last (below): the figures after this still read it.
        causes: Default::default(),
    };
    let kpi = Kpi {
        period: PeriodInfo {
            label: p.label.clone(),
            start: p.start,
            end: p.end,
            as_of: d,
        },
        rows: register.rows(),
        received: head.received,
        closed: head.closed,
        open_at_start: head.open_at_start,
        open_at_end: head.open_at_end,
        overdue: head.overdue,
        handling_wd: times_all.handling_wd.clone(),
        handling_cd: times_all.handling_cd.clone(),
        ack: AckStats {
            n: times_all.ack_wd.n,
            missing: times_all.ack_missing,
            within_target: times_all.ack_within_target,
            median_wd: times_all.ack_wd.median,
        },
        by_urgency,
        by_channel,
        by_nature,
        causes,
        previous,
        year_ago,
        findings: Counts::default(),
        share_within_target: head.share_within_target,
        repeat_complainants: head.repeat_complainants,
        flow: Flow::from(&tables.flow),
        ageing: tables
            .age_buckets
            .iter()
            .map(|b| AgeingRow {
                bucket: b.label,
                open: b.open,
                overdue: b.overdue,
            })
            .collect(),
        by_department: tables
            .by_department
            .iter()
            .map(|d| DepartmentRow {
                department: d.name.clone(),
                received: d.received,
                closed: d.closed,
                open_at_end: d.open_at_end,
                overdue: d.overdue,
            })
            .collect(),
        recurring_causes: tables
            .recurring_causes
            .iter()
            .map(|c| RecurringRow {
                cause: c.cause.clone(),
                nature: c.nature,
                quarters: c.counts.clone(),
                total: c.total,
            })
            .collect(),
        trend: tables
            .monthly
            .iter()
            .map(|m| TrendRow {
                month: m.month.clone(),
                received: m.received,
                closed: m.closed,
                technical: m.received_technical,
                non_technical: m.received_non_technical,
            })
            .collect(),
        left_out,
        cause_headings: tables::cause_headings(&ctx, &cause_groups),
        cause_actions: actions::cause_actions(&ctx, p),
        cause_groups,
        signals: signals.signals,
        signals_history: signals.short_history,
        rate_per_1000,
        cost,
        justified: outcome.justified(),
        reopened: 0,
        satisfaction: outcome.satisfaction(scale),
    };
    let mut figures = Figures { kpi, tables };
    figures.kpi.reopened = figures.tables.reopened.len() as u64;
    figures.tables.causes = ctx.causes;
    figures.count_findings(inputs.findings);
    Ok(figures)
}

impl Figures {
    /// Counts `findings` for the period: those on the complaints that matter for it and those
    /// on no complaint. Separate from [`compute`], so that `report` can compute the figures
    /// while the rules still run (given no findings) and count the findings after.
    pub fn count_findings(&mut self, findings: &[Finding]) {
        // `register_rows` is in register order: a sorted list to search.
        use rayon::prelude::*;
        let matters = &self.tables.register_rows;
        let chosen: Vec<usize> = (0..findings.len())
            .into_par_iter()
            .filter(|&k| {
                findings[k]
                    .complaint
                    .is_none_or(|i| matters.binary_search(&i).is_ok())
            })
            .collect();
        self.kpi.findings = Counts::of(chosen.iter().map(|&k| &findings[k]));
        self.tables.findings = chosen;
    }
}

#[cfg(test)]
mod tests;
