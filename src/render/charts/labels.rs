//! Labels: category labels under the axis (flat, wrapped, upright or thinned) and value
//! labels over bars where they fit.

use super::canvas::{look, Canvas, Drawn, TICK_PX, VALUE_PX};
use super::palette::{AXIS, INK};
use super::scale::{px, Plot};
use super::{MARGIN, WIDTH};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// Line pitch of wrapped category labels.
pub(super) const LINE_PITCH: i32 = 33;
/// Category labels wrap to at most this many lines before they are turned upright.
const MAX_LABEL_LINES: usize = 3;
/// Upright category labels are cut to this length so the plot keeps most of the height.
pub(super) const MAX_UPRIGHT_PX: i32 = 270;
/// Narrowest slot that still gets its own label; below it labels are thinned.
const MIN_LABEL_SLOT: f64 = 34.0;
/// Labels under the plot: wrapped horizontally when every word fits its slot, else upright.
pub(super) enum XLabels {
    Flat {
        lines: Vec<Vec<String>>,
        step: usize,
    },
    Upright {
        lines: Vec<Vec<String>>,
        step: usize,
        length: i32,
    },
    Single {
        texts: Vec<String>,
    },
}

impl XLabels {
    pub(super) fn height(&self) -> i32 {
        match self {
            XLabels::Flat { lines, .. } => {
                let most = lines.iter().map(Vec::len).max().unwrap_or(1).max(1);
                LINE_PITCH * i32::try_from(most).unwrap_or(1)
            }
            XLabels::Upright { length, .. } => *length,
            XLabels::Single { .. } => LINE_PITCH,
        }
    }
}

/// Category labels: wrapped horizontally (at most three lines, a long word may reach into the
/// neighbours' room as long as no two labels come closer than a gap), else turned upright.
pub(super) fn category_labels<DB: DrawingBackend>(
    c: &Canvas<DB>,
    labels: &[&str],
    plot: &Plot,
) -> Drawn<XLabels> {
    let n = labels.len();
    let slot = plot.slot(n);
    let step = (MIN_LABEL_SLOT / slot).ceil().max(1.0) as usize;
    let room = px(slot * step as f64) - 12;
    let l = look(TICK_PX, INK);
    let mut lines = Vec::with_capacity(n);
    let mut flat = true;
    let mut previous_right = f64::from(MARGIN) - 16.0;
    for (i, label) in labels.iter().enumerate().step_by(step) {
        let wrapped = c.wrap(label, l, room)?;
        let mut widest = 0;
        for line in &wrapped {
            widest = widest.max(c.width(line, l)?);
        }
        let centre = plot.centre(i, n);
        let half = f64::from(widest) / 2.0;
        flat &= wrapped.len() <= MAX_LABEL_LINES
            && centre - half >= previous_right + 16.0
            && centre + half <= f64::from(c.w - MARGIN / 2);
        previous_right = centre + half;
        lines.push(wrapped);
    }
    if flat {
        return Ok(XLabels::Flat { lines, step });
    }
    // Upright lines stand side by side: as many as the slot is wide, at most three. A panel
    // (narrower than the chart) has no x title, and its labels get that room.
    let max_upright = if c.w < WIDTH {
        MAX_UPRIGHT_PX + 80
    } else {
        MAX_UPRIGHT_PX
    };
    let columns = ((slot * step as f64 - 6.0) / f64::from(LINE_PITCH))
        .floor()
        .clamp(1.0, 3.0) as usize;
    let mut upright = Vec::with_capacity(lines.len());
    let mut length = 0;
    for label in labels.iter().step_by(step) {
        let mut wrapped = c.wrap(label, l, max_upright)?;
        if wrapped.len() > columns {
            let rest = wrapped.split_off(columns).join(" ");
            if let Some(last) = wrapped.last_mut() {
                *last = format!("{last} {rest}");
            }
        }
        for line in &mut wrapped {
            *line = c.fit(line, l, max_upright)?;
            length = length.max(c.width(line, l)?);
        }
        upright.push(wrapped);
    }
    Ok(XLabels::Upright {
        lines: upright,
        step,
        length: length + 6,
    })
}

/// Time labels: one line each, thinned so they never touch, always labelling the last one.
pub(super) fn single_labels<DB: DrawingBackend>(
    c: &Canvas<DB>,
    labels: &[&str],
    slot: f64,
) -> Drawn<XLabels> {
    let l = look(TICK_PX, INK);
    let mut widest = 0;
    for label in labels {
        widest = widest.max(c.width(label, l)?);
    }
    let step = (f64::from(widest + 24) / slot).ceil().max(1.0) as usize;
    let room = px(slot * step as f64) - 16;
    let n = labels.len();
    let mut texts = Vec::with_capacity(n);
    for (i, label) in labels.iter().enumerate() {
        let shown = (n - 1 - i).is_multiple_of(step);
        texts.push(if shown {
            c.fit(label, l, room)?
        } else {
            String::new()
        });
    }
    Ok(XLabels::Single { texts })
}

pub(super) fn draw_x_labels<DB: DrawingBackend>(
    c: &Canvas<DB>,
    plot: &Plot,
    n: usize,
    labels: &XLabels,
) -> Drawn {
    let l = look(TICK_PX, INK);
    let y = plot.bottom + 12;
    match labels {
        XLabels::Flat { lines, step } => {
            for (k, label) in lines.iter().enumerate() {
                let x = px(plot.centre(k * step, n));
                for (row, line) in label.iter().enumerate() {
                    let dy = LINE_PITCH * i32::try_from(row).unwrap_or(0);
                    c.text(line, (x, y + dy), l, HPos::Center, VPos::Top)?;
                }
            }
        }
        XLabels::Upright { lines, step, .. } => {
            for (k, label) in lines.iter().enumerate() {
                let centre = plot.centre(k * step, n);
                let first = (label.len().max(1) - 1) as f64 / 2.0;
                for (column, line) in label.iter().enumerate() {
                    let x = px(centre + (column as f64 - first) * f64::from(LINE_PITCH));
                    c.upright(line, (x, y), l)?;
                }
            }
        }
        XLabels::Single { texts } => {
            for (k, text) in texts.iter().enumerate() {
                let x = px(plot.centre(k, n));
                if !text.is_empty() {
                    c.line(vec![(x, plot.bottom), (x, plot.bottom + 8)], AXIS, 2)?;
                }
                c.text(text, (x, y), l, HPos::Center, VPos::Top)?;
            }
        }
    }
    Ok(())
}

/// Value labels above bars, all with the same decimals, when every label fits the width it has.
/// With `backdrop`, each label stands on a white box, so that a line drawn across the bars (the
/// Pareto's cumulative %) never hides a number.
pub(super) fn value_labels<DB: DrawingBackend>(
    c: &Canvas<DB>,
    labels: &[(f64, i32, f64)],
    room: f64,
    backdrop: bool,
) -> Drawn {
    let l = look(VALUE_PX, INK);
    let decimals = if labels.iter().all(|(v, _, _)| v.fract() == 0.0) {
        0
    } else {
        1
    };
    let mut texts = Vec::with_capacity(labels.len());
    for &(value, _, _) in labels {
        let text = c.lang.number(value, decimals);
        if f64::from(c.width(&text, l)?) > room - 4.0 {
            return Ok(());
        }
        texts.push(text);
    }
    for (text, &(_, top, x)) in texts.iter().zip(labels) {
        if backdrop {
            let half = c.width(text, l)? / 2 + 4;
            let height = VALUE_PX as i32 + 4;
            c.rect(
                (px(x) - half, top - 8 - height),
                (px(x) + half, top - 4),
                WHITE,
            )?;
        }
        c.text(text, (px(x), top - 6), l, HPos::Center, VPos::Bottom)?;
    }
    Ok(())
}
