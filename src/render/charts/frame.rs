//! The frame of a chart: title, legend, axes and their titles, then the body drawn by its kind.

use super::bars::draw_bars;
use super::canvas::{err, look, Canvas, Drawn, Faces, Look, LABEL_PX, NOTE_PX, TICK_PX, TITLE_PX};
use super::labels::{category_labels, draw_x_labels, single_labels};
use super::lines::{draw_band, draw_control, draw_lines};
use super::palette::{AXIS, CUMULATIVE, GRID, INK, MUTED};
use super::pareto::{draw_panels, draw_pareto};
use super::scale::{px, Plot, Scale};
use super::{Body, Chart, HEIGHT, MARGIN, WIDTH};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

pub(super) enum Mark {
    Box,
    /// A line with a point on it (a series).
    Line,
    /// A line alone (a centre line).
    Plain,
    /// A dashed line (control limits).
    Dash,
    /// A filled point (a month with a signal).
    Dot,
}

impl Mark {
    /// Room the swatch takes before the name.
    fn swatch(&self) -> i32 {
        match self {
            Mark::Box | Mark::Dot => 38,
            Mark::Line | Mark::Plain | Mark::Dash => 52,
        }
    }
}

/// Draws the whole chart on `area` (1600×900).
pub(super) fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    faces: &Faces,
    raster: bool,
    chart: &Chart,
) -> Drawn {
    area.fill(&WHITE).map_err(err)?;
    let c = Canvas {
        area,
        faces,
        raster,
        lang: chart.text.lang,
        w: WIDTH,
    };
    let text = chart.text;
    let title_font = Look {
        px: TITLE_PX,
        bold: true,
        color: INK,
    };
    let title = c.fit(&text.title, title_font, WIDTH - 2 * MARGIN)?;
    c.text(&title, (MARGIN, 34), title_font, HPos::Left, VPos::Top)?;
    let y = 112;
    if let Body::Panels {
        panels,
        cumulative_label,
    } = &chart.body
    {
        return draw_panels(&c, chart, panels, cumulative_label, y);
    }
    draw_plot(&c, chart, y, None)
}

/// What panels side by side share: the count axis and the room for the category labels.
#[derive(Clone, Copy)]
pub(super) struct Shared {
    pub(super) scale: Scale,
    pub(super) label_room: i32,
}

/// Everything under the title (legend, axes, data, labels) from `y` down across the canvas;
/// `shared` when it is one of several panels.
pub(super) fn draw_plot<DB: DrawingBackend>(
    c: &Canvas<DB>,
    chart: &Chart,
    mut y: i32,
    shared: Option<Shared>,
) -> Drawn {
    let text = chart.text;
    if chart.is_empty() {
        // An empty plot: the axis line and the note in the middle of where the data would be.
        let note = c.fit(&text.empty_note, look(NOTE_PX, MUTED), c.w - 2 * MARGIN)?;
        let baseline = HEIGHT - 110;
        c.line(
            vec![(MARGIN + 60, baseline), (c.w - MARGIN, baseline)],
            AXIS,
            2,
        )?;
        let middle = (y + baseline) / 2;
        c.text(
            &note,
            (c.w / 2, middle),
            look(NOTE_PX, MUTED),
            HPos::Center,
            VPos::Center,
        )?;
        return x_title(c, &text.x_label, (MARGIN + 60, c.w - MARGIN));
    }

    let legend = chart.legend();
    if !legend.is_empty() {
        y = draw_legend(c, &legend, y)? + 10;
    }

    let scale = shared.map_or_else(|| chart.scale(), |s| s.scale);
    let tick_font = look(TICK_PX, MUTED);
    let decimals = scale.decimals();
    let ticks: Vec<(f64, String)> = scale
        .ticks()
        .into_iter()
        .map(|t| (t, c.lang.number(t, decimals)))
        .collect();
    let mut tick_width = 0;
    for (_, label) in &ticks {
        tick_width = tick_width.max(c.width(label, tick_font)?);
    }
    let pareto = match &chart.body {
        Body::Pareto {
            items,
            cumulative_label,
            color,
            panel,
        } => Some((items, *cumulative_label, *color, *panel)),
        _ => None,
    };
    let right_ticks: Vec<(f64, String)> = (0..=5)
        .map(|i| (f64::from(i) / 5.0, format!("{}%", i * 20)))
        .collect();
    let right_width = match pareto {
        Some(_) => c.width("100%", tick_font)? + 16,
        None => 12,
    };
    let left = (MARGIN + tick_width + 16).min(c.w / 2);
    let right = c.w - MARGIN - right_width;

    // Axis titles above the axes; in a Pareto they double as the legend.
    let axis_font = look(LABEL_PX, MUTED);
    match pareto {
        Some((_, cumulative_label, color, false)) => {
            let half = (c.w - 2 * MARGIN) / 2 - 60;
            draw_entry(c, &text.y_label, color, &Mark::Box, (MARGIN, y), half)?;
            let label = c.fit(cumulative_label, axis_font, half)?;
            let w = c.width(&label, axis_font)?;
            let x = c.w - MARGIN - w - 52;
            draw_entry(c, &label, CUMULATIVE, &Mark::Line, (x, y), half)?;
            y += 52;
        }
        _ if !text.y_label.trim().is_empty() => {
            let label = c.fit(&text.y_label, axis_font, c.w - 2 * MARGIN)?;
            c.text(&label, (MARGIN, y), axis_font, HPos::Left, VPos::Top)?;
            y += 52;
        }
        _ => {}
    }

    let categories = chart.categories();
    let n = categories.len();
    let top = y + 8;
    let probe = Plot {
        left,
        top,
        right,
        bottom: HEIGHT,
    };
    let x_labels = match chart.body {
        Body::Lines { .. } | Body::Control(_) => single_labels(c, &categories, probe.slot(n))?,
        _ => category_labels(c, &categories, &probe)?,
    };
    let title_room = if text.x_label.trim().is_empty() {
        0
    } else {
        44
    };
    let label_room = x_labels.height().max(shared.map_or(0, |s| s.label_room));
    let bottom = HEIGHT - 30 - title_room - label_room - 14;
    let plot = Plot {
        left,
        top,
        right,
        bottom: bottom.max(top + 40),
    };

    if let Body::Control(control) = &chart.body {
        draw_band(c, &plot, control.period_from, n)?;
    }
    for (t, label) in &ticks {
        let gy = plot.y(&scale, *t);
        if *t > 0.0 {
            c.line(vec![(plot.left, gy), (plot.right, gy)], GRID, 1)?;
        }
        c.text(
            label,
            (plot.left - 14, gy),
            tick_font,
            HPos::Right,
            VPos::Center,
        )?;
    }
    if pareto.is_some() {
        let right_font = look(TICK_PX, CUMULATIVE);
        for (share, label) in &right_ticks {
            let gy = plot.bottom - px(share * f64::from(plot.bottom - plot.top));
            c.text(
                label,
                (plot.right + 14, gy),
                right_font,
                HPos::Left,
                VPos::Center,
            )?;
        }
    }

    match &chart.body {
        Body::Bars { series_names, bars } => draw_bars(c, &plot, &scale, series_names, bars)?,
        Body::Lines { series, .. } => draw_lines(c, &plot, &scale, series, n)?,
        Body::Control(control) => draw_control(c, &plot, &scale, control, n)?,
        Body::Pareto { items, color, .. } => draw_pareto(c, &plot, &scale, items, *color)?,
        Body::Panels { .. } => {}
    }
    c.line(
        vec![(plot.left, plot.bottom), (plot.right, plot.bottom)],
        AXIS,
        2,
    )?;
    draw_x_labels(c, &plot, n, &x_labels)?;
    x_title(c, &text.x_label, (plot.left, plot.right))
}

/// The x-axis title at the bottom, centred under `span`.
fn x_title<DB: DrawingBackend>(c: &Canvas<DB>, title: &str, (left, right): (i32, i32)) -> Drawn {
    let l = look(LABEL_PX, MUTED);
    let title = c.fit(title, l, right - left)?;
    c.text(
        &title,
        ((left + right) / 2, HEIGHT - 30),
        l,
        HPos::Center,
        VPos::Bottom,
    )
}

/// One legend entry (swatch and name) with its top-left at `at`; returns its width.
fn draw_entry<DB: DrawingBackend>(
    c: &Canvas<DB>,
    name: &str,
    color: RGBColor,
    mark: &Mark,
    (x, y): (i32, i32),
    max: i32,
) -> Drawn<i32> {
    let l = look(LABEL_PX, INK);
    let name = c.fit(name, l, max - 52)?;
    match mark {
        Mark::Box => c.rect((x, y + 4), (x + 26, y + 30), color)?,
        Mark::Line => {
            c.line(vec![(x, y + 17), (x + 40, y + 17)], color, 5)?;
            c.dot((x + 20, y + 17), 7, color)?;
        }
        Mark::Plain => c.line(vec![(x, y + 17), (x + 40, y + 17)], color, 3)?,
        Mark::Dash => c.dashed((x, x + 40), y + 17, color, 3)?,
        Mark::Dot => c.disc((x + 13, y + 17), 11, color)?,
    }
    let swatch = mark.swatch();
    c.text(&name, (x + swatch, y + 17), l, HPos::Left, VPos::Center)?;
    Ok(swatch + c.width(&name, l)?)
}

/// Legend entries in rows from the left margin; returns the y below the last row.
pub(super) fn draw_legend<DB: DrawingBackend>(
    c: &Canvas<DB>,
    entries: &[(String, RGBColor, Mark)],
    top: i32,
) -> Drawn<i32> {
    let l = look(LABEL_PX, INK);
    let (mut x, mut y) = (MARGIN, top);
    let limit = c.w - MARGIN;
    for (name, color, mark) in entries {
        let width = mark.swatch() + c.width(&c.fit(name, l, limit - MARGIN - 52)?, l)?;
        if x > MARGIN && x + width > limit {
            x = MARGIN;
            y += 44;
        }
        x += draw_entry(c, name, *color, mark, (x, y), limit - x)? + 44;
    }
    Ok(y + 44)
}
