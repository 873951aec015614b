//! Line charts over months: one line per series, gaps where a value is missing; and the
//! control chart, a line of monthly counts (or rates) over its centre line and limits with the
//! months of the period shaded and the months with a signal marked.

use super::canvas::{look, Canvas, Drawn, Look, VALUE_PX};
use super::palette::{Palette, BAND, LIMIT, NEUTRAL};
use super::scale::{px, Plot, Scale};
use super::{clean, ControlChart, ControlLimits};
use crate::metrics::signals::{Limits, SignalUnit};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

pub(super) fn draw_lines<DB: DrawingBackend>(
    c: &Canvas<DB>,
    plot: &Plot,
    scale: &Scale,
    series: &[(String, Vec<f64>)],
    n: usize,
) -> Drawn {
    let markers = plot.slot(n) >= 24.0;
    for (s, (_, values)) in series.iter().enumerate() {
        let color = Palette::series(s);
        let points: Vec<Option<(i32, i32)>> = values
            .iter()
            .enumerate()
            .map(|(i, v)| clean(*v).map(|v| (px(plot.centre(i, n)), plot.y(scale, v))))
            .collect();
        for run in points.split(Option::is_none) {
            let run: Vec<(i32, i32)> = run.iter().flatten().copied().collect();
            if run.len() > 1 {
                c.line(run.clone(), color, 5)?;
            }
            if markers || run.len() == 1 {
                for p in run {
                    c.dot(p, 7, color)?;
                }
            }
        }
    }
    Ok(())
}

/// The months of the period, from `from` on, on a tinted ground (drawn under the grid).
pub(super) fn draw_band<DB: DrawingBackend>(
    c: &Canvas<DB>,
    plot: &Plot,
    from: usize,
    n: usize,
) -> Drawn {
    if from >= n {
        return Ok(());
    }
    let left = px(plot.centre(from, n) - plot.slot(n) / 2.0);
    c.rect((left, plot.top), (plot.right, plot.bottom), BAND)
}

/// Centre line and limits across the plot (a u-chart's limits as steps, one level per month),
/// the values over them, the months with a signal as red points with their value.
pub(super) fn draw_control<DB: DrawingBackend>(
    c: &Canvas<DB>,
    plot: &Plot,
    scale: &Scale,
    chart: &ControlChart,
    n: usize,
) -> Drawn {
    let across = (plot.left, plot.right);
    match &chart.limits {
        Some(ControlLimits::Fixed(l)) => {
            let y = plot.y(scale, l.centre);
            c.line(vec![(across.0, y), (across.1, y)], NEUTRAL, 3)?;
            for limit in std::iter::once(l.ucl).chain(l.lcl) {
                c.dashed(across, plot.y(scale, limit), LIMIT, 3)?;
            }
        }
        Some(ControlLimits::PerMonth { centre, months }) => {
            let y = plot.y(scale, *centre);
            c.line(vec![(across.0, y), (across.1, y)], NEUTRAL, 3)?;
            draw_steps(c, plot, scale, months, |l| Some(l.ucl))?;
            draw_steps(c, plot, scale, months, |l| l.lcl)?;
        }
        None => {}
    }
    let values = [(String::new(), chart.values.clone())];
    draw_lines(c, plot, scale, &values, n)?;
    let label = Look {
        bold: true,
        ..look(VALUE_PX, LIMIT)
    };
    let decimals = match chart.unit {
        SignalUnit::Count => 0,
        SignalUnit::Rate => 1,
    };
    for (i, v) in chart.values.iter().enumerate() {
        let Some(v) = clean(*v).filter(|_| chart.flagged.get(i) == Some(&true)) else {
            continue;
        };
        let at = (px(plot.centre(i, n)), plot.y(scale, v));
        c.disc(at, 11, LIMIT)?;
        c.text(
            &c.number(v, decimals),
            (at.0, at.1 - 16),
            label,
            HPos::Center,
            VPos::Bottom,
        )?;
    }
    Ok(())
}

/// One limit of each month (`pick`: the upper or the lower, if any) as a dashed level across
/// the month's slot, joined to the next month's level: a step line with gaps where a month has
/// none.
fn draw_steps<DB: DrawingBackend>(
    c: &Canvas<DB>,
    plot: &Plot,
    scale: &Scale,
    months: &[Option<Limits>],
    pick: impl Fn(&Limits) -> Option<f64>,
) -> Drawn {
    let n = months.len();
    let half = plot.slot(n) / 2.0;
    let level = |i: usize| months.get(i).copied().flatten().and_then(|l| pick(&l));
    for i in 0..n {
        let Some(v) = level(i) else {
            continue;
        };
        let y = plot.y(scale, v);
        let mid = plot.centre(i, n);
        let right = px(mid + half);
        c.dashed((px(mid - half), right), y, LIMIT, 3)?;
        if let Some(next) = level(i + 1) {
            c.line(vec![(right, y), (right, plot.y(scale, next))], LIMIT, 3)?;
        }
    }
    Ok(())
}
