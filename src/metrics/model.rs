//! The figures of the periodic management report as plain data: [`Kpi`] is `kpi.json`
//! (SPEC §8, stable keys), [`Tables`] holds what the workbook sheets and charts need on top.
//!
//! Conventions, the same everywhere in this module:
//! * counts are integers (`u64`); durations are numbers of days (`i64`, or `f64` for means and
//!   medians, which can fall between days);
//! * shares and relative changes are fractions (`0.25` = 25 %), so the workbook can apply a
//!   percent format to the number itself;
//! * `None` (JSON `null`) where a figure has no data: a median of nothing, a share of a zero
//!   base, a p90 with fewer than five values ([`DurationStats::p90`]);
//! * means are kept at full precision (`kpi.json` is not rounded, SPEC §8): the workbook rounds
//!   them to 2 decimals (half away from zero) where it shows them; medians are exact (a whole
//!   or half day); p90 and max are values that occur in the data.
//!
//! Sheet by sheet (SPEC §6): *Samenvatting* ← [`Tables::headline`], [`Tables::flow`],
//! [`Kpi::rows`], [`Kpi::findings`]; *Urgentie* ← [`Kpi::by_urgency`]; *Kanaal en aard* ←
//! [`Tables::by_channel`], [`Tables::by_nature`]; *Achterstallig* ← [`Tables::overdue`],
//! [`Tables::age_buckets`], [`Tables::escalations`]; *Doorlooptijden* ← [`Tables::times_all`],
//! [`Tables::times_by_urgency`], [`Tables::times_by_nature`]; *Oorzaken* ←
//! [`Tables::pareto_technical`] (and the other two), [`Kpi::cause_headings`],
//! [`Kpi::cause_actions`], [`Tables::recurring_causes`], [`Tables::repeat_complainants`],
//! [`Kpi::cause_groups`]; *Trend* ← [`Tables::monthly`]; *Bevindingen* ←
//! [`Tables::findings`]; *Register* ← [`Tables::register_rows`], [`Tables::causes`].
//! Departments, handlers and source files: [`Tables::by_department`], [`Tables::by_handler`],
//! [`Tables::by_file`].

use super::period::Period;
use super::signals::{ShortHistory, Signal, SignalChart};
use crate::base::location::FileIdx;
use crate::register::causes::CauseGroups;
use crate::register::{Cents, Channel, Nature, RowCount, Scale, Urgency};
use crate::rules::Counts;
use crate::Lang;
use chrono::NaiveDate;
use serde::{Serialize, Serializer};

/// Everything the report shows for one period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figures {
    /// `kpi.json`, exactly the keys of SPEC §8.
    pub kpi: Kpi,
    /// The workbook's tables beyond `kpi.json`.
    pub tables: Tables,
}

/// The period reported on and the reference date D of its "open"/"overdue" figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PeriodInfo {
    pub label: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
    /// Reference date D: overdue, ages and escalations are measured at the end of this day.
    /// For the previous and year-ago periods it is the earlier of their end and the report's D.
    pub as_of: NaiveDate,
}

/// `kpi.json` (SPEC §8). Field order is the JSON key order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Kpi {
    pub period: PeriodInfo,
    /// Row accounting over all input files: read = used + excluded + blank.
    pub rows: RowCount,
    /// received(P): received date in P.
    pub received: u64,
    /// closed(P): closed date in P.
    pub closed: u64,
    /// open(start − 1 day): the backlog carried into P, the flow check's first term.
    pub open_at_start: u64,
    /// open(end): the backlog at the end of P.
    pub open_at_end: u64,
    /// overdue(D): open at D and older than its target, or D after its due date.
    pub overdue: u64,
    /// Handling time received → closed over closed(P), working days. Complaints closed
    /// before they were received are left out (see [`LeftOut`]).
    pub handling_wd: DurationStats,
    /// The same in calendar days.
    pub handling_cd: DurationStats,
    /// Acknowledgement over received(P).
    pub ack: AckStats,
    /// Urgency 1–8, then unclassified (`urgency: null`); all nine rows, zero rows included.
    pub by_urgency: Vec<UrgencyRow>,
    /// received(P) per channel, every channel in [`Channel::ALL`] order, then `null`
    /// (no channel recorded); zero rows included.
    pub by_channel: Vec<ChannelCount>,
    /// received(P) per nature: technical, non-technical, `null` (not recorded).
    pub by_nature: Vec<NatureCount>,
    /// received(P) with a cause, per (cause, nature); most frequent first, then by cause.
    pub causes: Vec<CauseCount>,
    /// Headline figures of the previous period of the same length.
    pub previous: Headline,
    /// Headline figures of the same period a year earlier.
    pub year_ago: Headline,
    /// Findings on the complaints that matter for P (see [`Tables::register_rows`]) plus
    /// the findings about files and excluded rows (those without a complaint).
    pub findings: Counts,
    /// Share of closed(P) with a target that met it (as in [`Kpi::previous`]).
    pub share_within_target: Option<f64>,
    /// Customers with 2 or more complaints received in the 12 months ending at P's end.
    pub repeat_complainants: u64,
    /// The flow check.
    pub flow: Flow,
    /// Complaints open at D by age bucket (working days).
    pub ageing: Vec<AgeingRow>,
    /// Per department, in the order of [`Tables::by_department`].
    pub by_department: Vec<DepartmentRow>,
    /// Causes over the last four quarters, in the order of [`Tables::recurring_causes`].
    pub recurring_causes: Vec<RecurringRow>,
    /// The 24 months ending with P's end month, oldest first.
    pub trend: Vec<TrendRow>,
    /// Complaints left out of figures, per reason.
    pub left_out: LeftOut,
    /// The cause groups of received(P), in the order of [`Kpi::causes`]' counting: most
    /// complaints first (SPEC §10).
    pub cause_groups: Vec<CauseGroupRow>,
    /// A Pareto of received(P) with a cause by the headings of the company's cause list
    /// (`group = "…"`); empty when no entry has one.
    pub cause_headings: Vec<HeadingRow>,
    /// For each entry of the cause list with an `action_date`, in list order: its complaints
    /// before and after the corrective action (SPEC §10).
    pub cause_actions: Vec<CauseAction>,
    /// The signals of P's months (SPEC §10), of c-charts or, with `[volume]`, u-charts of the
    /// rate per 1,000 work orders (`unit`): received, technical,
    /// non-technical, then the cause groups in the order of [`Kpi::cause_groups`]; per series
    /// by month, rule and direction.
    pub signals: Vec<Signal>,
    /// Every series, when the register's history before P is too short to judge it (fewer
    /// months than `[signals] min_baseline`); else empty.
    pub signals_history: Vec<ShortHistory>,
    /// Complaints per 1,000 work orders where the company gives its volume (`[volume]`);
    /// `null` without.
    pub rate_per_1000: Option<RatePer1000>,
    /// What the complaints closed in P cost (*faalkosten*, SPEC §5).
    pub cost: CostFigures,
    /// Whether the complaints closed in P were justified (*gegrond*).
    pub justified: JustifiedCounts,
    /// Complaints that matter for P with the status reopened (*heropend*): open for every
    /// figure, listed in [`Tables::reopened`].
    pub reopened: u64,
    /// The customers' satisfaction with the handling of the complaints closed in P.
    pub satisfaction: SatisfactionFigures,
}

/// `kpi.cost`: the failure costs of closed(P), exact to the cent: n + missing + left_out =
/// closed(P).
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct CostFigures {
    /// closed(P) with a cost.
    pub n: u64,
    /// closed(P) without one (blank, `-`, `n.v.t.`).
    pub missing: u64,
    /// closed(P) whose cost cell could not be read (`unreadable-value`): left out, neither
    /// a cost nor missing (SPEC §5 "left out").
    pub left_out: u64,
    /// The sum; `None` when n = 0.
    pub total: Option<Cents>,
    /// Mean and median, rounded to the cent (half away from zero); `None` when n = 0.
    pub mean: Option<Cents>,
    pub median: Option<Cents>,
    /// A Pareto of the cause groups by cost: most first, then by name; the costs without a
    /// cause (`cause: null`) last.
    pub by_cause: Vec<CostRow<CostCause>>,
    /// Technical, non-technical, not recorded (`null`); an unreadable nature in no row.
    pub by_nature: Vec<CostRow<CostNature>>,
    /// Urgency 1–8, then unclassified (`null`); an unreadable urgency in no row.
    pub by_urgency: Vec<CostRow<CostUrgency>>,
    /// Per department by name, not recorded (`null`) last.
    pub by_department: Vec<CostRow<CostDepartment>>,
}

/// The costs of one group of closed(P): how many complaints with a cost, their sum, and its
/// share of [`CostFigures::total`]. Rows without a cost are left out.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CostRow<K> {
    /// The group's key fields (`cause` and `nature`, `urgency`, …).
    #[serde(flatten)]
    pub key: K,
    pub n: u64,
    pub total: Cents,
    /// total / the total of all closed(P) with a cost; `None` when that is 0.
    pub share: Option<f64>,
}

/// A cause group in the cost Pareto.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CostCause {
    /// The group's name; `None`: no cause recorded.
    pub cause: Option<String>,
    /// The nature the cause list gives it, else the one all its costed complaints share;
    /// `None` when they differ or none is recorded.
    pub nature: Option<Nature>,
    /// Running share down the Pareto.
    pub cumulative_share: Option<f64>,
}

impl CostRow<CostCause> {
    /// The cause as the report names it, `(geen oorzaak vastgelegd)` for the costs without.
    pub fn cause_label(&self, lang: Lang) -> String {
        match &self.key.cause {
            Some(c) => c.clone(),
            None => lang
                .pick("(geen oorzaak vastgelegd)", "(no cause recorded)")
                .to_string(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CostNature {
    pub nature: Option<Nature>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CostUrgency {
    pub urgency: Option<Urgency>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CostDepartment {
    pub department: Option<String>,
}

/// `kpi.justified` over closed(P): *partly* apart, never folded into yes; yes + no + partly +
/// unknown + left_out = closed(P).
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct JustifiedCounts {
    pub yes: u64,
    pub no: u64,
    pub partly: u64,
    /// Nothing recorded.
    pub unknown: u64,
    /// The cell could not be read: not unknown, left out.
    pub left_out: u64,
    /// yes / (yes + no + partly); `None` when that is 0.
    pub share_yes: Option<f64>,
}

/// `kpi.satisfaction` over closed(P) (SPEC §5). A complaint whose answer could not be read
/// is left out of all of it, the response rate's base too.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct SatisfactionFigures {
    /// closed(P) with an answer.
    pub responses: u64,
    /// responses / closed(P) (less those left out); `None` without closed complaints.
    pub response_rate: Option<f64>,
    /// The mean score on the register's scale, unrounded; `None` without scores (a yes/no
    /// register has none).
    pub mean: Option<f64>,
    /// The register's scale, decided from all its answers; `None` without any.
    pub scale: Option<Scale>,
    /// Satisfied (a score of 4+ of 5, 7+ of 10, or yes) / responses.
    pub share_satisfied: Option<f64>,
    /// closed(P) whose answer could not be read.
    pub left_out: u64,
}

/// `kpi.cause_headings`: one heading of the cause list and its complaints received in P.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HeadingRow {
    /// The `group` of the cause list's entries; `null` for the rest ("overige"): causes not
    /// listed, or listed without a heading.
    pub heading: Option<String>,
    pub count: u64,
    /// count / all complaints received in P with a cause.
    pub share: f64,
    pub cumulative_share: f64,
}

/// `kpi.cause_actions`: a listed cause with a corrective action, and its complaints in the 12
/// months before the action's date and from that date to the end of P, side by side.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CauseAction {
    /// The entry's name (its cause group, all spellings and natures).
    pub cause: String,
    pub action: Option<String>,
    pub action_date: NaiveDate,
    /// [action_date − 12 months, action_date).
    pub before: ActionWindow,
    /// [action_date, end of P]; empty (`to` before `from`, 0 months) when the action is
    /// dated after P.
    pub after: ActionWindow,
}

/// Complaints of one cause received in a window of days.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActionWindow {
    /// First day, inclusive.
    pub from: NaiveDate,
    /// Last day, inclusive.
    pub to: NaiveDate,
    pub complaints: u64,
    /// The window's length in months, a partial month as a share (see
    /// [`super::actions::months_in`]).
    pub months: f64,
    /// complaints / months; `None` for a window of no months.
    pub per_month: Option<f64>,
}

/// `kpi.rate_per_1000` (SPEC §5 complaint rate): complaints received per 1,000 work orders.
/// A rate needs work orders for every month it covers: a period that is not whole calendar
/// months, or has a month without a volume, or none at all, has no rate (`null`), never 0.
/// Rates are not rounded; they are computed from the integer counts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RatePer1000 {
    /// For P: received(P) × 1000 / the work orders of P's months.
    pub received: Option<f64>,
    /// The same for the previous period.
    pub previous: Option<f64>,
    /// The same for the period a year earlier.
    pub year_ago: Option<f64>,
    /// Per department the volume gives, in its order (by name).
    pub by_department: Vec<RateRow>,
    /// Per month of the trend ([`Kpi::trend`]), oldest first: what a u-chart on the rate
    /// reads (SPEC §10).
    pub months: Vec<MonthRate>,
}

/// One department's complaints received in P against its work orders in P.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RateRow {
    /// As the volume file writes it; complaints count under it when their department is
    /// the same text but for case, accents, spaces and punctuation.
    pub department: String,
    pub complaints: u64,
    /// `None` unless every month of P has the department's number.
    pub work_orders: Option<u64>,
    pub rate: Option<f64>,
}

/// Complaints received in one month against its work orders.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MonthRate {
    /// `2026-07`.
    pub month: String,
    pub complaints: u64,
    /// `None`: no volume given for the month.
    pub work_orders: Option<u64>,
    pub rate: Option<f64>,
}

/// `kpi.cause_groups`: a cause group with the spellings it merged, counted over received(P).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CauseGroupRow {
    /// The group's name: its most frequent spelling in the register.
    pub cause: String,
    /// The nature the company's cause list gives it, else the nature its complaints in P
    /// share; `null` when they differ or none is recorded.
    pub nature: Option<Nature>,
    pub spellings: Vec<SpellingCount>,
}

/// One spelling of a cause group as written, and its complaints received in P.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SpellingCount {
    pub text: String,
    pub count: u64,
}

/// `kpi.flow`: open_before + received − closed − left_out = open_at_end.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Flow {
    /// open(start − 1 day).
    pub open_before: u64,
    pub received: u64,
    pub closed: u64,
    /// received(P) whose closed date could not be read: neither closed nor open.
    pub left_out: u64,
    pub open_at_end: u64,
    pub holds: bool,
}

impl From<&FlowCheck> for Flow {
    fn from(f: &FlowCheck) -> Flow {
        Flow {
            open_before: f.open_at_start,
            received: f.received,
            closed: f.closed,
            left_out: f.left_out,
            open_at_end: f.open_at_end,
            holds: f.holds,
        }
    }
}

/// `kpi.ageing`: one age bucket of the complaints open at D.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AgeingRow {
    /// `0–10`, `11–20`, `21–40`, `41–60`, `> 60` working days.
    pub bucket: &'static str,
    pub open: u64,
    pub overdue: u64,
}

/// `kpi.by_department`: one department (`None`: not recorded).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DepartmentRow {
    pub department: Option<String>,
    pub received: u64,
    pub closed: u64,
    pub open_at_end: u64,
    pub overdue: u64,
}

/// `kpi.recurring_causes`: a cause's complaints per quarter, oldest quarter first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecurringRow {
    pub cause: String,
    pub nature: Option<Nature>,
    pub quarters: Vec<u64>,
    pub total: u64,
}

/// `kpi.trend`: received and closed in one month; technical and non-technical count the
/// complaints received that month by nature (as the *Trend* sheet's chart shows them).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TrendRow {
    /// `2026-07`.
    pub month: String,
    pub received: u64,
    pub closed: u64,
    pub technical: u64,
    pub non_technical: u64,
}

/// n, mean, median, p90, max of a list of durations in days (SPEC §5).
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct DurationStats {
    pub n: u64,
    /// Full precision (rounded where shown); `None` when n = 0.
    pub mean: Option<f64>,
    /// The middle value, the mean of the two middle values for even n; `None` when n = 0.
    pub median: Option<f64>,
    /// Nearest rank: the value at position ⌈0.9·n⌉ of the sorted values (1-based).
    /// `None` when n < 5: the workbook prints the n and "n too small".
    pub p90: Option<i64>,
    /// `None` when n = 0.
    pub max: Option<i64>,
}

/// Acknowledgement over received(P).
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct AckStats {
    /// received(P) with an acknowledgement date not before the received date.
    pub n: u64,
    /// received(P) without an acknowledgement date.
    pub missing: u64,
    /// Of `n`: acknowledged within the target (ack time ≤ `targets.ack_wd` working days).
    pub within_target: u64,
    /// Median acknowledgement time in working days; `None` when n = 0.
    pub median_wd: Option<f64>,
}

/// One urgency category (or unclassified) for P.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UrgencyRow {
    /// 1–8, `None` for unclassified.
    pub urgency: Option<Urgency>,
    pub received: u64,
    pub closed: u64,
    pub open_at_end: u64,
    /// overdue(D).
    pub overdue: u64,
    /// Handling times in working days over closed(P) of this category.
    pub handling_wd: DurationStats,
}

/// received(P) for one channel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChannelCount {
    /// `None`: no channel recorded.
    pub channel: Option<Channel>,
    pub received: u64,
}

/// received(P) for one nature.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NatureCount {
    /// `None`: nature not recorded.
    pub nature: Option<Nature>,
    pub received: u64,
}

/// A cause of complaints received in P.
///
/// Causes are free text: they are grouped case- and space-insensitively and shown as first
/// written in the register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CauseCount {
    pub cause: String,
    pub nature: Option<Nature>,
    pub count: u64,
}

/// The headline figures of one period, for the trend (previous period, a year ago).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Headline {
    /// The period and the reference date used for its overdue figure.
    pub period: PeriodInfo,
    pub received: u64,
    pub closed: u64,
    pub open_at_start: u64,
    pub open_at_end: u64,
    pub overdue: u64,
    pub handling_wd_mean: Option<f64>,
    pub handling_wd_median: Option<f64>,
    pub handling_wd_p90: Option<i64>,
    /// Share of closed(P) with a target that met it.
    pub share_within_target: Option<f64>,
    /// Share of the acknowledged received(P) acknowledged within the target.
    pub ack_share_within_target: Option<f64>,
    /// Customers with 2 or more complaints received in the 12 months ending at the period's end.
    pub repeat_complainants: u64,
    /// The failure costs of closed(P) (`kpi.cost.total` for P); `None` without any.
    pub cost_total: Option<Cents>,
    /// Share of closed(P) justified (`kpi.justified.share_yes` for P).
    pub share_justified: Option<f64>,
    /// Complaints received per 1,000 work orders, where the volume gives it; in `kpi.json`
    /// under [`Kpi::rate_per_1000`] (so `previous` and `year_ago` keep their keys).
    #[serde(skip)]
    pub rate_per_1000: Option<f64>,
}

impl Headline {
    /// The value of `figure`, as a number for the trend table.
    pub fn value(&self, figure: HeadlineFigure) -> Option<f64> {
        // Counts stay far below 2^53: exact in f64.
        let count = |n: u64| Some(n as f64);
        match figure {
            HeadlineFigure::Received => count(self.received),
            HeadlineFigure::Closed => count(self.closed),
            HeadlineFigure::CostTotal => self.cost_total.map(Cents::euros),
            HeadlineFigure::ShareJustified => self.share_justified,
            HeadlineFigure::OpenAtStart => count(self.open_at_start),
            HeadlineFigure::OpenAtEnd => count(self.open_at_end),
            HeadlineFigure::Overdue => count(self.overdue),
            // The table shows the mean rounded: its differences are those of what it shows.
            HeadlineFigure::HandlingWdMean => self.handling_wd_mean.map(super::stats::round2),
            HeadlineFigure::HandlingWdMedian => self.handling_wd_median,
            HeadlineFigure::HandlingWdP90 => self.handling_wd_p90.map(|v| v as f64),
            HeadlineFigure::ShareWithinTarget => self.share_within_target,
            HeadlineFigure::AckShareWithinTarget => self.ack_share_within_target,
            HeadlineFigure::RepeatComplainants => count(self.repeat_complainants),
            HeadlineFigure::RatePer1000 => self.rate_per_1000.map(super::stats::round2),
        }
    }
}

/// The workbook's tables beyond `kpi.json`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Tables {
    /// Headline figures with previous period, year ago and changes, in [`HeadlineFigure::ALL`]
    /// order.
    pub headline: Vec<HeadlineRow>,
    pub flow: FlowCheck,
    /// received(P) per channel with shares, in the order of [`Kpi::by_channel`].
    pub by_channel: Vec<CountShare<Option<Channel>>>,
    /// received(P) per nature with shares, in the order of [`Kpi::by_nature`].
    pub by_nature: Vec<CountShare<Option<Nature>>>,
    /// Per department (as written, trimmed), sorted by name, not recorded (`None`) last.
    pub by_department: Vec<GroupRow>,
    /// Per handler (as written, trimmed), sorted by name, not recorded (`None`) last.
    pub by_handler: Vec<GroupRow>,
    /// Per input file (name = the file's name, sheet appended for workbooks), in input order.
    pub by_file: Vec<GroupRow>,
    /// Complaints overdue at D, most days past target first (then oldest, then id).
    pub overdue: Vec<OpenItem>,
    /// Complaints open at D by age in working days: 0–10, 11–20, 21–40, 41–60, > 60.
    pub age_buckets: Vec<AgeBucket>,
    /// Urgency 1–2 complaints open at D, oldest first.
    pub escalations: Vec<OpenItem>,
    /// The reopened complaints that matter for P ([`Kpi::reopened`]), oldest first, with
    /// their age at D.
    pub reopened: Vec<OpenItem>,
    /// Handling and acknowledgement times over all complaints.
    pub times_all: TimeRow,
    /// The same per urgency 1–8, then unclassified.
    pub times_by_urgency: Vec<TimeRow>,
    /// The same per nature: technical, non-technical, not recorded.
    pub times_by_nature: Vec<TimeRow>,
    /// Cause Pareto of technical complaints received in P with a cause.
    pub pareto_technical: Vec<ParetoRow>,
    /// Cause Pareto of non-technical complaints received in P with a cause.
    pub pareto_non_technical: Vec<ParetoRow>,
    /// Cause Pareto of complaints received in P with a cause but no nature recorded.
    pub pareto_unknown_nature: Vec<ParetoRow>,
    /// The four calendar quarters ending with the quarter that holds P's end, oldest first.
    pub recurring_quarters: Vec<Period>,
    /// Every cause of a complaint received in those quarters with its count per quarter;
    /// recurring ones (in 2 or more quarters) first, then by total, then by cause.
    pub recurring_causes: Vec<RecurringCause>,
    /// The 12 months ending at P's end in which repeat complainants are counted.
    pub repeat_window: Period,
    /// Customers with 2 or more complaints received in [`Tables::repeat_window`], most
    /// complaints first.
    pub repeat_complainants: Vec<RepeatComplainant>,
    /// Received and closed per month, the 24 months ending with P's end month, oldest first.
    pub monthly: Vec<MonthRow>,
    /// The control chart of all complaints received (a c-chart, or with `[volume]` a u-chart of
    /// their rate): baseline and P's judged months (SPEC §10).
    pub signal_chart: SignalChart,
    /// Indices into `Register::complaints` of the complaints that matter for P: received in
    /// P, closed in P, or open at some day of P. In register order.
    pub register_rows: Vec<usize>,
    /// Indices into the findings given to `compute` that count for P (see [`Kpi::findings`]),
    /// in their given order.
    pub findings: Vec<usize>,
    /// The cause groups of the whole register, for the group of each complaint's cause
    /// (the *Register* sheet). Not serialised: `kpi.cause_groups` holds those of P.
    #[serde(skip)]
    pub causes: CauseGroups,
}

/// A headline figure of the trend table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HeadlineFigure {
    Received,
    Closed,
    /// Failure costs of the complaints closed.
    CostTotal,
    /// Share of the complaints closed that were justified.
    ShareJustified,
    OpenAtStart,
    OpenAtEnd,
    Overdue,
    HandlingWdMean,
    HandlingWdMedian,
    HandlingWdP90,
    ShareWithinTarget,
    AckShareWithinTarget,
    RepeatComplainants,
    /// Not in [`HeadlineFigure::ALL`]: shown only where the company gives its volume.
    RatePer1000,
}

/// How a headline value is to be formatted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// A whole number.
    Count,
    /// Working days.
    WorkingDays,
    /// A fraction shown as a percentage.
    Share,
    /// Complaints per 1,000 work orders.
    Rate,
    /// Euros, exact to the cent.
    Money,
}

impl HeadlineFigure {
    /// All figures in table order.
    pub const ALL: [HeadlineFigure; 13] = [
        HeadlineFigure::Received,
        HeadlineFigure::Closed,
        HeadlineFigure::CostTotal,
        HeadlineFigure::ShareJustified,
        HeadlineFigure::OpenAtStart,
        HeadlineFigure::OpenAtEnd,
        HeadlineFigure::Overdue,
        HeadlineFigure::HandlingWdMean,
        HeadlineFigure::HandlingWdMedian,
        HeadlineFigure::HandlingWdP90,
        HeadlineFigure::ShareWithinTarget,
        HeadlineFigure::AckShareWithinTarget,
        HeadlineFigure::RepeatComplainants,
    ];

    /// Stable key, the same as the field name in [`Headline`].
    pub fn key(self) -> &'static str {
        match self {
            HeadlineFigure::Received => "received",
            HeadlineFigure::Closed => "closed",
            HeadlineFigure::CostTotal => "cost_total",
            HeadlineFigure::ShareJustified => "share_justified",
            HeadlineFigure::OpenAtStart => "open_at_start",
            HeadlineFigure::OpenAtEnd => "open_at_end",
            HeadlineFigure::Overdue => "overdue",
            HeadlineFigure::HandlingWdMean => "handling_wd_mean",
            HeadlineFigure::HandlingWdMedian => "handling_wd_median",
            HeadlineFigure::HandlingWdP90 => "handling_wd_p90",
            HeadlineFigure::ShareWithinTarget => "share_within_target",
            HeadlineFigure::AckShareWithinTarget => "ack_share_within_target",
            HeadlineFigure::RepeatComplainants => "repeat_complainants",
            HeadlineFigure::RatePer1000 => "rate_per_1000",
        }
    }

    /// The figure's name for people.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            HeadlineFigure::Received => lang.pick("Ontvangen klachten", "Complaints received"),
            HeadlineFigure::Closed => lang.pick("Afgehandelde klachten", "Complaints closed"),
            HeadlineFigure::CostTotal => lang.pick(
                "Faalkosten afgehandelde klachten",
                "Failure costs of complaints closed",
            ),
            HeadlineFigure::ShareJustified => lang.pick(
                "Gegrond (ja van ja, nee en deels)",
                "Justified (yes of yes, no and partly)",
            ),
            HeadlineFigure::OpenAtStart => {
                lang.pick("Open bij begin periode", "Open at start of period")
            }
            HeadlineFigure::OpenAtEnd => {
                lang.pick("Open bij einde periode", "Open at end of period")
            }
            HeadlineFigure::Overdue => {
                lang.pick("Achterstallig op peildatum", "Overdue at reference date")
            }
            HeadlineFigure::HandlingWdMean => lang.pick(
                "Doorlooptijd gemiddeld (werkdagen)",
                "Handling time mean (working days)",
            ),
            HeadlineFigure::HandlingWdMedian => lang.pick(
                "Doorlooptijd mediaan (werkdagen)",
                "Handling time median (working days)",
            ),
            HeadlineFigure::HandlingWdP90 => lang.pick(
                "Doorlooptijd p90 (werkdagen)",
                "Handling time p90 (working days)",
            ),
            HeadlineFigure::ShareWithinTarget => {
                lang.pick("Afgehandeld binnen norm", "Closed within target")
            }
            HeadlineFigure::AckShareWithinTarget => {
                lang.pick("Ontvangst tijdig bevestigd", "Acknowledged within target")
            }
            HeadlineFigure::RepeatComplainants => lang.pick(
                "Herhaalklagers (12 maanden)",
                "Repeat complainants (12 months)",
            ),
            HeadlineFigure::RatePer1000 => lang.pick(
                "Klachten per 1.000 werkbonnen",
                "Complaints per 1,000 work orders",
            ),
        }
    }

    /// How the value is formatted.
    pub fn unit(self) -> Unit {
        match self {
            HeadlineFigure::HandlingWdMean
            | HeadlineFigure::HandlingWdMedian
            | HeadlineFigure::HandlingWdP90 => Unit::WorkingDays,
            HeadlineFigure::ShareWithinTarget
            | HeadlineFigure::AckShareWithinTarget
            | HeadlineFigure::ShareJustified => Unit::Share,
            HeadlineFigure::CostTotal => Unit::Money,
            HeadlineFigure::RatePer1000 => Unit::Rate,
            _ => Unit::Count,
        }
    }
}

impl Serialize for HeadlineFigure {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.key())
    }
}

/// One line of the trend table on the summary sheet.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HeadlineRow {
    pub figure: HeadlineFigure,
    pub unit: Unit,
    /// The figure for P.
    pub value: Option<f64>,
    pub previous: Option<f64>,
    pub year_ago: Option<f64>,
    /// value − previous.
    pub change_previous: Option<f64>,
    /// (value − previous) / previous as a fraction; `None` where previous is 0 or missing.
    pub rel_change_previous: Option<f64>,
    /// value − year_ago.
    pub change_year_ago: Option<f64>,
    /// (value − year_ago) / year_ago as a fraction; `None` where year_ago is 0 or missing.
    pub rel_change_year_ago: Option<f64>,
}

/// open(start − 1) + received(P) − closed(P) = open(end), as computed, not forced.
///
/// The identity holds for every complaint whose closed date is not before its received date;
/// each complaint closed before it was received (a `date-order` error) can break it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FlowCheck {
    pub open_at_start: u64,
    pub received: u64,
    pub closed: u64,
    /// received(P) whose closed date could not be read: neither closed nor open at the end,
    /// so a line of its own.
    pub left_out: u64,
    pub open_at_end: u64,
    /// open_at_start + received − closed − left_out.
    pub expected_open_at_end: i64,
    /// open_at_end − expected_open_at_end; 0 when the check holds.
    pub difference: i64,
    pub holds: bool,
    /// Complaints that matter for P with a closed date before their received date: the
    /// explanation when the check does not hold.
    pub date_order: u64,
}

/// Complaints left out of a figure: because a date it needs is before the received date (the
/// rules report them as `date-order` errors), or because a value it needs could not be read
/// (`unreadable-value`). In `kpi.json` one object: the two date-order counts and a count per
/// field key (fields with none left out are not listed).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct LeftOut {
    /// closed(P) left out of handling times (and of the share within target).
    pub handling_date_order: u64,
    /// received(P) left out of acknowledgement times.
    pub ack_date_order: u64,
    /// Per field, the complaints that matter for P whose value could not be read. Each is
    /// left out of every figure that needs the field: an unreadable urgency of the urgency
    /// table (it is not "unclassified"), an unreadable closed date of closed, open, overdue,
    /// ageing and handling times, an unreadable channel or nature of their splits, an
    /// unreadable due date (or urgency without one) of overdue and the share within target.
    #[serde(flatten)]
    pub unreadable: std::collections::BTreeMap<crate::register::Field, u64>,
}

impl LeftOut {
    /// Complaints that matter for P left out because `field` could not be read.
    pub fn field(&self, field: crate::register::Field) -> u64 {
        self.unreadable.get(&field).copied().unwrap_or(0)
    }
}

/// A count with its share of the total (received(P)).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CountShare<K> {
    pub key: K,
    pub count: u64,
    /// count / total; `None` when the total is 0.
    pub share: Option<f64>,
}

/// Figures for one department, handler or input file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupRow {
    /// `None`: not recorded.
    pub name: Option<String>,
    pub received: u64,
    pub closed: u64,
    pub open_at_end: u64,
    /// overdue(D).
    pub overdue: u64,
    /// Median handling time in working days over its closed(P).
    pub handling_wd_median: Option<f64>,
}

/// A complaint open at D, for the overdue and escalation lists.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OpenItem {
    /// Index into `Register::complaints`.
    pub index: usize,
    pub id: String,
    /// Input file and 0-based row (CSV: record; `line` the physical line), for the cell address.
    pub file: FileIdx,
    pub row: u32,
    pub line: Option<u64>,
    pub received: NaiveDate,
    pub urgency: Option<Urgency>,
    pub handler: Option<String>,
    /// The contact person, defaulting to the handler.
    pub contact_person: Option<String>,
    /// age(D) in working days.
    pub age_wd: i64,
    /// age(D) in calendar days.
    pub age_cd: i64,
    /// The urgency target in working days; `None` when a due date applies instead, for
    /// category 8, or when no target is configured.
    pub target_wd: Option<u32>,
    /// The register's due date, which overrides the urgency target.
    pub due_date: Option<NaiveDate>,
    pub overdue: bool,
    /// Working days past the target: age_wd − target_wd, or, with a due date, the working
    /// days from the due date to D. `None` when not overdue.
    pub days_past_target: Option<i64>,
}

/// Open complaints at D within an age range (working days, inclusive).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AgeBucket {
    /// `0–10`, `11–20`, `21–40`, `41–60`, `> 60`.
    pub label: &'static str,
    pub from_wd: i64,
    /// `None`: no upper bound.
    pub to_wd: Option<i64>,
    pub open: u64,
    pub overdue: u64,
}

/// The group a [`TimeRow`] covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "by", content = "value")]
pub enum TimeGroup {
    All,
    /// `None`: unclassified.
    Urgency(Option<Urgency>),
    /// `None`: not recorded.
    Nature(Option<Nature>),
}

/// Handling times over closed(P) and acknowledgement times over received(P) for one group.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimeRow {
    pub group: TimeGroup,
    pub handling_wd: DurationStats,
    pub handling_cd: DurationStats,
    /// Acknowledgement time in working days.
    pub ack_wd: DurationStats,
    /// received(P) without an acknowledgement date.
    pub ack_missing: u64,
    /// Acknowledged within `targets.ack_wd`.
    pub ack_within_target: u64,
    /// ack_within_target / ack_wd.n.
    pub ack_share_within_target: Option<f64>,
    /// closed(P) with a target (a due date or an urgency target).
    pub with_target: u64,
    /// Of those: handling time ≤ target, or closed on or before the due date.
    pub within_target: u64,
    /// within_target / with_target.
    pub share_within_target: Option<f64>,
}

/// One cause in a Pareto table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ParetoRow {
    pub cause: String,
    pub count: u64,
    /// count / total of the table.
    pub share: f64,
    /// Running total of `share` down the table (1.0 on the last row, up to rounding).
    pub cumulative_share: f64,
}

/// A cause's complaints per quarter over the last four quarters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecurringCause {
    pub cause: String,
    /// Technical and non-technical apart, as in the Pareto; `None`: not recorded.
    pub nature: Option<Nature>,
    /// Complaints received per quarter, in [`Tables::recurring_quarters`] order.
    pub counts: Vec<u64>,
    pub total: u64,
    /// Quarters with at least one complaint.
    pub quarters: u64,
    /// Present in 2 or more of the four quarters.
    pub recurring: bool,
}

/// A customer with 2 or more complaints in the repeat window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RepeatComplainant {
    /// The customer as shown: a stable pseudonym (`K-3F9A0C`) unless names are shown, then
    /// the name as first written (or the customer number when no name is recorded).
    pub customer: String,
    pub complaints: u64,
    pub first_received: NaiveDate,
    pub last_received: NaiveDate,
    /// Complaint ids in received order.
    pub ids: Vec<String>,
}

/// Received and closed in one calendar month, split by nature.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MonthRow {
    /// `2026-07`.
    pub month: String,
    /// The month's first day.
    pub start: NaiveDate,
    pub received: u64,
    pub received_technical: u64,
    pub received_non_technical: u64,
    /// Nature not recorded.
    pub received_unknown_nature: u64,
    pub closed: u64,
    pub closed_technical: u64,
    pub closed_non_technical: u64,
    pub closed_unknown_nature: u64,
}
