//! Bar charts: grouped bars, with the reason a value is missing written where its bar would stand.

use super::canvas::{look, Canvas, Drawn, VALUE_PX};
use super::labels::value_labels;
use super::palette::{shade, Palette, MUTED};
use super::scale::{px, Plot, Scale};
use super::{clean, Bar, Chart};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// One bar of `value` between `x0` and `x1`, at least 2 px tall when above zero so it shows.
pub(super) fn draw_bar<DB: DrawingBackend>(
    c: &Canvas<DB>,
    plot: &Plot,
    scale: &Scale,
    x: (f64, f64),
    value: f64,
    color: RGBColor,
) -> Drawn<i32> {
    let mut y = plot.y(scale, value);
    if value > 0.0 {
        y = y.min(plot.bottom - 2);
    }
    if y < plot.bottom {
        c.rect((px(x.0), y), (px(x.1), plot.bottom), color)?;
    }
    Ok(y)
}

pub(super) fn draw_bars<DB: DrawingBackend>(
    c: &Canvas<DB>,
    plot: &Plot,
    scale: &Scale,
    series_names: &[String],
    bars: &[Bar],
) -> Drawn {
    let n = bars.len();
    let m = Chart::group_size(series_names, bars);
    let slot = plot.slot(n);
    let gap = if m > 1 {
        (slot * 0.03).clamp(2.0, 8.0)
    } else {
        0.0
    };
    let share = if m > 1 { 0.82 } else { 0.62 };
    let bar_w = ((slot * share - gap * (m - 1) as f64) / m as f64).clamp(1.0, 120.0);
    let group_w = bar_w * m as f64 + gap * (m - 1) as f64;
    let mut labels = Vec::new();
    let mut notes = Vec::new();
    for (i, bar) in bars.iter().enumerate() {
        let x0 = plot.centre(i, n) - group_w / 2.0;
        for (j, raw) in bar.values.iter().enumerate() {
            let left = x0 + j as f64 * (bar_w + gap);
            let Some(value) = clean(*raw) else {
                if let Some(note) = &bar.missing {
                    notes.push((note.as_str(), left + bar_w / 2.0));
                }
                continue;
            };
            let color = match bar.color {
                Some(own) => shade(own, j, m),
                None => Palette::series(j),
            };
            let top = draw_bar(c, plot, scale, (left, left + bar_w), value, color)?;
            labels.push((value, top, left + bar_w / 2.0));
        }
    }
    let room = if m > 1 { bar_w + gap } else { slot };
    value_labels(c, &labels, room, false)?;
    missing_notes(c, plot, &notes)
}

/// The reason a value has no bar, upright from the axis where the bar would stand.
fn missing_notes<DB: DrawingBackend>(c: &Canvas<DB>, plot: &Plot, notes: &[(&str, f64)]) -> Drawn {
    let l = look(VALUE_PX, MUTED);
    let height = plot.bottom - plot.top - 20;
    for &(note, x) in notes {
        let note = c.fit(note, l, height)?;
        c.text_turned(
            &note,
            (px(x), plot.bottom - 10),
            l,
            Pos::new(HPos::Left, VPos::Center),
            true,
        )?;
    }
    Ok(())
}
