//! The group-by counts, done by polars on a frame of the complaints that matter for the
//! report. The figures' polars calls all live here (its Rust API changes between minor
//! releases; the export's are in `render::export`); what goes in and comes out are plain Rust
//! types.
//!
//! The frame holds only the complaints some table counts (see [`Selection`]), with the period
//! flags computed in Rust ([`Flags`]) as Boolean columns, so that every count is a sum of a
//! flag per group.

use super::compute::{Ctx, Flags};
use crate::register::{Channel, Field, Nature};
use chrono::{Datelike, NaiveDate};
use polars::prelude::*;
use rayon::prelude::*;
use rustc_hash::FxHashMap;

/// Month number `year·12 + month0`, consecutive across years.
pub fn month_key(d: NaiveDate) -> i32 {
    d.year() * 12 + d.month0() as i32
}

/// The first day of month key `k` (`year·12 + month0`).
pub fn month_start(k: i32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(
        k.div_euclid(12),
        u32::try_from(k.rem_euclid(12)).ok()? + 1,
        1,
    )
}

/// Quarter number `year·4 + quarter0`, consecutive across years.
pub fn quarter_key(d: NaiveDate) -> i32 {
    d.year() * 4 + (d.month0() / 3) as i32
}

/// The quarter number of month key `m`.
pub fn quarter_of_month(m: i32) -> i32 {
    m.div_euclid(12) * 4 + m.rem_euclid(12) / 3
}

/// The month and quarter ranges (inclusive keys) beyond the period flags whose complaints the
/// frame must hold.
#[derive(Debug, Clone, Copy)]
pub struct Selection {
    pub months: (i32, i32),
    pub quarters: (i32, i32),
}

impl Selection {
    fn wants(&self, c: &crate::register::Complaint, f: &Flags) -> bool {
        let in_months = |k: i32| self.months.0 <= k && k <= self.months.1;
        f.received
            || f.closed
            || f.open_end
            || f.overdue
            || in_months(month_key(c.received))
            || c.closed_on().is_some_and(|d| in_months(month_key(d)))
            || (self.quarters.0..=self.quarters.1).contains(&quarter_key(c.received))
    }
}

/// The code of a value that could not be read (an urgency, channel or nature cell with an
/// `unreadable-value` finding): a group of its own that no table shows, so the complaint is
/// neither "not recorded" nor any category (SPEC §5 "left out").
pub const UNREADABLE: u32 = 255;

/// The code of `field` of `c`: `code(value)`, [`UNREADABLE`] when the cell could not be read,
/// `None` when nothing was recorded.
fn coded<T>(
    c: &crate::register::Complaint,
    field: crate::register::Field,
    value: Option<T>,
    code: impl Fn(T) -> Option<u32>,
) -> Option<u32> {
    if c.unreadable.contains(field) {
        Some(UNREADABLE)
    } else {
        value.and_then(code)
    }
}

fn code<T: PartialEq>(all: &[T], v: &T) -> Option<u32> {
    all.iter()
        .position(|x| x == v)
        .and_then(|p| u32::try_from(p).ok())
}

/// The frame of the selected complaints. A cause is keyed by the name of its group
/// ([`crate::register::causes`]: case, accents, punctuation, qualifiers, compounds, word order
/// and slips do not split a cause); the key is looked up once per distinct text.
pub fn build(ctx: &Ctx, flags: &[Flags], sel: Selection) -> PolarsResult<DataFrame> {
    let rows: Vec<usize> = (0..flags.len())
        .into_par_iter()
        .filter(|&i| sel.wants(&ctx.complaints[i], &flags[i]))
        .collect();
    let cs = ctx.complaints;
    let mut keys: FxHashMap<&str, Option<&str>> = FxHashMap::default();
    for &i in &rows {
        if let Some(cause) = cs[i].cause.as_deref() {
            keys.entry(cause)
                .or_insert_with(|| ctx.causes.group_of(cause).map(|g| g.name()));
        }
    }
    fn text(v: &Option<crate::register::Text>) -> Option<&str> {
        v.as_deref().map(str::trim).filter(|s| !s.is_empty())
    }
    let rows = &rows[..];
    // The columns are made side by side: the rules leave a core free now and then, and this
    // frame of a few hundred thousand rows was a single-threaded half second.
    let makers: Vec<Box<dyn Fn() -> Column + Send + Sync + '_>> = vec![
        Box::new(|| column("idx", rows, |i| i as u64)),
        Box::new(|| {
            column("urgency", rows, |i| {
                coded(&cs[i], Field::Urgency, cs[i].urgency, |u| {
                    Some(u32::from(u.number()))
                })
            })
        }),
        Box::new(|| {
            column("channel", rows, |i| {
                coded(&cs[i], Field::Channel, cs[i].channel, |c| {
                    code(Channel::ALL, &c)
                })
            })
        }),
        Box::new(|| {
            column("nature", rows, |i| {
                coded(&cs[i], Field::Nature, cs[i].nature, |n| {
                    code(Nature::ALL, &n)
                })
            })
        }),
        // The nature the cause tables count a complaint under: the cause list's, when it
        // gives one for the complaint's cause group, else the complaint's own.
        Box::new(|| {
            column("cause_nature", rows, |i| {
                let listed = cs[i]
                    .cause
                    .as_deref()
                    .and_then(|c| ctx.causes.index_of(c))
                    .and_then(|g| ctx.cause_natures.get(g).copied().flatten());
                match listed {
                    Some(n) => code(Nature::ALL, &n),
                    None => coded(&cs[i], Field::Nature, cs[i].nature, |n| {
                        code(Nature::ALL, &n)
                    }),
                }
            })
        }),
        Box::new(|| column("file", rows, |i| u32::from(cs[i].file))),
        Box::new(|| column("department", rows, |i| text(&cs[i].department))),
        Box::new(|| column("handler", rows, |i| text(&cs[i].handler))),
        Box::new(|| {
            column("cause", rows, |i| {
                cs[i]
                    .cause
                    .as_deref()
                    .and_then(|c| keys.get(c).copied().flatten())
            })
        }),
        Box::new(|| column("received_p", rows, |i| flags[i].received)),
        Box::new(|| column("closed_p", rows, |i| flags[i].closed)),
        // The cost in cents of a complaint closed in P, summed exactly per group.
        Box::new(|| {
            column("cost", rows, |i| {
                cs[i].cost.filter(|_| flags[i].closed).map(|c| c.0)
            })
        }),
        Box::new(|| column("open_end", rows, |i| flags[i].open_end)),
        Box::new(|| column("overdue", rows, |i| flags[i].overdue)),
        Box::new(|| {
            column("handling_wd", rows, |i| {
                ctx.prep[i].handling_wd.filter(|_| flags[i].closed)
            })
        }),
        Box::new(|| column("received_month", rows, |i| month_key(cs[i].received))),
        Box::new(|| column("received_quarter", rows, |i| quarter_key(cs[i].received))),
        Box::new(|| column("closed_month", rows, |i| cs[i].closed_on().map(month_key))),
    ];
    let columns: Vec<Column> = makers.par_iter().map(|make| make()).collect();
    DataFrame::new(rows.len(), columns)
}

/// A column named `name` with `value(i)` for each complaint `i` of `rows`.
fn column<T>(name: &str, rows: &[usize], value: impl Fn(usize) -> T) -> Column
where
    Series: NamedFrom<Vec<T>, [T]>,
{
    Column::new(
        name.into(),
        rows.iter().map(|&i| value(i)).collect::<Vec<T>>(),
    )
}

/// The period figures of one group.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct GroupSums {
    pub received: u64,
    pub closed: u64,
    pub open_end: u64,
    pub overdue: u64,
    /// Median handling time in working days over closed(P) (polars' median: the mean of the
    /// two middle values for even n, as SPEC §5).
    pub handling_wd_median: Option<f64>,
}

/// received, closed, open at end, overdue and median handling time per value of `key`.
fn group_sums(df: &DataFrame, key: &str) -> PolarsResult<(DataFrame, Vec<GroupSums>)> {
    let out = df
        .clone()
        .lazy()
        .group_by([col(key)])
        .agg([
            col("received_p").sum().alias("received"),
            col("closed_p").sum().alias("closed"),
            col("open_end").sum().alias("open_end"),
            col("overdue").sum().alias("overdue_n"),
            col("handling_wd").median().alias("median"),
        ])
        .collect()?;
    let (received, closed, open_end, overdue) = (
        u64s(&out, "received")?,
        u64s(&out, "closed")?,
        u64s(&out, "open_end")?,
        u64s(&out, "overdue_n")?,
    );
    let median = f64s(&out, "median")?;
    let sums = (0..out.height())
        .map(|r| GroupSums {
            received: received[r],
            closed: closed[r],
            open_end: open_end[r],
            overdue: overdue[r],
            handling_wd_median: median[r],
        })
        .collect();
    Ok((out, sums))
}

/// [`GroupSums`] per value of a numeric code column (`urgency`, `channel`, `nature`, `file`).
fn sums_by_code(df: &DataFrame, key: &str) -> PolarsResult<Vec<(Option<u32>, GroupSums)>> {
    let (out, sums) = group_sums(df, key)?;
    Ok(opt_u32s(&out, key)?.into_iter().zip(sums).collect())
}

/// [`GroupSums`] per value of a text column (`department`, `handler`).
fn sums_by_text(df: &DataFrame, key: &str) -> PolarsResult<Vec<(Option<String>, GroupSums)>> {
    let (out, sums) = group_sums(df, key)?;
    Ok(opt_strs(&out, key)?.into_iter().zip(sums).collect())
}

/// A count of complaints per (cause key, second key, third key), with the lowest complaint
/// index of the group (whose spelling of the cause the report shows).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CauseCount {
    pub key: String,
    pub second: Option<i32>,
    /// The nature code where the counts are also split by nature; else `None`.
    pub third: Option<i32>,
    pub count: u64,
    pub first: usize,
}

/// Rows passing `filter` with a cause, counted per (cause, `second`, `third`).
fn cause_counts(
    df: &DataFrame,
    filter: Expr,
    second: &str,
    third: Option<&str>,
) -> PolarsResult<Vec<CauseCount>> {
    let mut keys = vec![col("cause"), col(second)];
    keys.extend(third.map(col));
    let out = df
        .clone()
        .lazy()
        .filter(filter.and(col("cause").is_not_null()))
        .group_by(keys)
        .agg([len().alias("n"), col("idx").min().alias("first")])
        .collect()?;
    let (keys, seconds) = (opt_strs(&out, "cause")?, opt_i32s(&out, second)?);
    let thirds = match third {
        Some(t) => opt_i32s(&out, t)?,
        None => vec![None; out.height()],
    };
    let (n, first) = (u64s(&out, "n")?, u64s(&out, "first")?);
    Ok(keys
        .into_iter()
        .zip(seconds.into_iter().zip(thirds))
        .zip(n.into_iter().zip(first))
        .filter_map(|((key, (second, third)), (count, first))| {
            Some(CauseCount {
                key: key?,
                second,
                third,
                count,
                first: usize::try_from(first).ok()?,
            })
        })
        .collect())
}

/// Causes of complaints received in P, per (cause, nature code).
fn causes_received(df: &DataFrame) -> PolarsResult<Vec<CauseCount>> {
    cause_counts(df, col("received_p"), "cause_nature", None)
}

/// Causes of complaints received in the months `m0..=m1`, per (cause, month key, nature code):
/// technical and non-technical apart, as in the Pareto. The recurring causes' quarters and the
/// signals' series of each cause group are both summed from these, one pass for the two.
fn causes_by_month(df: &DataFrame, m0: i32, m1: i32) -> PolarsResult<Vec<CauseCount>> {
    cause_counts(
        df,
        between("received_month", m0, m1),
        "received_month",
        Some("cause_nature"),
    )
}

fn between(name: &str, lo: i32, hi: i32) -> Expr {
    col(name).gt_eq(lit(lo)).and(col(name).lt_eq(lit(hi)))
}

/// Complaints per (month key, nature code) for the months `m0..=m1`, counted by the month of
/// `month_col` (`received_month` or `closed_month`).
fn per_month(
    df: &DataFrame,
    month_col: &str,
    m0: i32,
    m1: i32,
) -> PolarsResult<Vec<(i32, Option<u32>, u64)>> {
    let out = df
        .clone()
        .lazy()
        .filter(between(month_col, m0, m1))
        .group_by([col(month_col), col("nature")])
        .agg([len().alias("n")])
        .collect()?;
    let (months, natures, n) = (
        opt_i32s(&out, month_col)?,
        opt_u32s(&out, "nature")?,
        u64s(&out, "n")?,
    );
    Ok(months
        .into_iter()
        .zip(natures)
        .zip(n)
        .filter_map(|((m, nat), n)| Some((m?, nat, n)))
        .collect())
}

/// The failure costs of one group of closed(P): how many, their sum in cents, and the cause
/// nature they all share (`None`: mixed, or none recorded).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CostSum {
    pub n: u64,
    pub total: i64,
    pub nature: Option<u32>,
}

/// [`CostSum`] per value of `key`, over the complaints closed in P with a cost.
fn cost_sums(df: &DataFrame, key: &str) -> PolarsResult<(DataFrame, Vec<CostSum>)> {
    let nature = || col("cause_nature");
    let out = df
        .clone()
        .lazy()
        .filter(col("cost").is_not_null())
        .group_by([col(key)])
        .agg([
            col("cost").sum().alias("cost_total"),
            len().alias("cost_n"),
            nature().min().alias("nature_min"),
            nature().max().alias("nature_max"),
            nature().null_count().alias("nature_nulls"),
        ])
        .collect()?;
    let (n, nulls) = (u64s(&out, "cost_n")?, u64s(&out, "nature_nulls")?);
    let (lo, hi) = (opt_u32s(&out, "nature_min")?, opt_u32s(&out, "nature_max")?);
    let cast = cast(&out, "cost_total", &DataType::Int64)?;
    let totals: Vec<i64> = cast.i64()?.iter().map(|v| v.unwrap_or(0)).collect();
    let sums = (0..out.height())
        .map(|r| CostSum {
            n: n[r],
            total: totals[r],
            nature: lo[r].filter(|&l| Some(l) == hi[r] && nulls[r] == 0 && l != UNREADABLE),
        })
        .collect();
    Ok((out, sums))
}

/// The period sums per code: urgency, channel, nature and file.
type CodeSums = Vec<(Option<u32>, GroupSums)>;

/// Every group-by the figures need from the frame.
pub struct Groups {
    pub urgency: CodeSums,
    pub channel: CodeSums,
    pub nature: CodeSums,
    pub file: CodeSums,
    pub department: Vec<(Option<String>, GroupSums)>,
    pub handler: Vec<(Option<String>, GroupSums)>,
    pub causes_received: Vec<CauseCount>,
    /// Causes received per month and nature in the months `cause_months`.
    pub causes_by_month: Vec<CauseCount>,
    /// Complaints per month and nature, received and closed, in the months `months`.
    pub received_monthly: Vec<(i32, Option<u32>, u64)>,
    pub closed_monthly: Vec<(i32, Option<u32>, u64)>,
    /// The costs of closed(P) per urgency and nature code, per department and per cause
    /// group.
    pub cost_urgency: Vec<(Option<u32>, CostSum)>,
    pub cost_nature: Vec<(Option<u32>, CostSum)>,
    pub cost_department: Vec<(Option<String>, CostSum)>,
    pub cost_cause: Vec<(Option<String>, CostSum)>,
}

/// The group-bys of [`Groups`], side by side: each is a small query, and one after the other
/// they left a core idle between polars' steps while the rules had finished. `months`: the
/// months counted per month; `cause_months`: those of the causes per month.
pub fn groups(
    df: &DataFrame,
    months: (i32, i32),
    cause_months: (i32, i32),
) -> PolarsResult<Groups> {
    let (((by_code, by_text), ((received, by_month), (received_m, closed_m))), costs) = rayon::join(
        || {
            rayon::join(
                || {
                    rayon::join(
                        || {
                            ["urgency", "channel", "nature", "file"]
                                .par_iter()
                                .map(|key| sums_by_code(df, key))
                                .collect::<PolarsResult<Vec<_>>>()
                        },
                        || {
                            ["department", "handler"]
                                .par_iter()
                                .map(|key| sums_by_text(df, key))
                                .collect::<PolarsResult<Vec<_>>>()
                        },
                    )
                },
                || {
                    rayon::join(
                        || {
                            rayon::join(
                                || causes_received(df),
                                || causes_by_month(df, cause_months.0, cause_months.1),
                            )
                        },
                        || {
                            rayon::join(
                                || per_month(df, "received_month", months.0, months.1),
                                || per_month(df, "closed_month", months.0, months.1),
                            )
                        },
                    )
                },
            )
        },
        || {
            ["urgency", "nature", "department", "cause"]
                .par_iter()
                .map(|key| cost_sums(df, key))
                .collect::<PolarsResult<Vec<_>>>()
        },
    );
    // Exactly as many results as keys above.
    let mut by_code = by_code?.into_iter();
    let mut by_text = by_text?.into_iter();
    let mut costs = costs?.into_iter();
    let mut cost_code = |key: &str| -> PolarsResult<Vec<(Option<u32>, CostSum)>> {
        let (out, sums) = costs.next().unwrap_or_default();
        Ok(opt_u32s(&out, key)?.into_iter().zip(sums).collect())
    };
    let cost_urgency = cost_code("urgency")?;
    let cost_nature = cost_code("nature")?;
    let mut cost_text = |key: &str| -> PolarsResult<Vec<(Option<String>, CostSum)>> {
        let (out, sums) = costs.next().unwrap_or_default();
        Ok(opt_strs(&out, key)?.into_iter().zip(sums).collect())
    };
    let cost_department = cost_text("department")?;
    let cost_cause = cost_text("cause")?;
    Ok(Groups {
        urgency: by_code.next().unwrap_or_default(),
        channel: by_code.next().unwrap_or_default(),
        nature: by_code.next().unwrap_or_default(),
        file: by_code.next().unwrap_or_default(),
        department: by_text.next().unwrap_or_default(),
        handler: by_text.next().unwrap_or_default(),
        causes_received: received?,
        causes_by_month: by_month?,
        received_monthly: received_m?,
        closed_monthly: closed_m?,
        cost_urgency,
        cost_nature,
        cost_department,
        cost_cause,
    })
}

fn cast(df: &DataFrame, name: &str, dtype: &DataType) -> PolarsResult<Column> {
    df.column(name)?.cast(dtype)
}

fn u64s(df: &DataFrame, name: &str) -> PolarsResult<Vec<u64>> {
    let c = cast(df, name, &DataType::UInt64)?;
    Ok(c.u64()?.iter().map(|v| v.unwrap_or(0)).collect())
}

fn f64s(df: &DataFrame, name: &str) -> PolarsResult<Vec<Option<f64>>> {
    let c = cast(df, name, &DataType::Float64)?;
    Ok(c.f64()?.iter().collect())
}

fn opt_u32s(df: &DataFrame, name: &str) -> PolarsResult<Vec<Option<u32>>> {
    let c = cast(df, name, &DataType::UInt32)?;
    Ok(c.u32()?.iter().collect())
}

fn opt_i32s(df: &DataFrame, name: &str) -> PolarsResult<Vec<Option<i32>>> {
    let c = cast(df, name, &DataType::Int32)?;
    Ok(c.i32()?.iter().collect())
}

fn opt_strs(df: &DataFrame, name: &str) -> PolarsResult<Vec<Option<String>>> {
    Ok(df
        .column(name)?
        .str()?
        .iter()
        .map(|s| s.map(str::to_string))
        .collect())
}
