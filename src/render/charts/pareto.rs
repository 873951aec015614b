//! Paretos: bars sorted descending with a cumulative-% line, alone or as panels side by side.

use super::bars::draw_bar;
use super::canvas::{look, Canvas, Drawn, TICK_PX};
use super::frame::{draw_legend, draw_plot, Mark, Shared};
use super::labels::{value_labels, MAX_UPRIGHT_PX};
use super::palette::{CUMULATIVE, INK};
use super::scale::{px, Plot, Scale};
use super::{Body, Chart, ChartText, ParetoPanel, HEIGHT};
use plotters::prelude::*;

/// Panels side by side under the chart's title, each a Pareto on the shared count axis.
pub(super) fn draw_panels<DB: DrawingBackend>(
    c: &Canvas<DB>,
    chart: &Chart,
    panels: &[ParetoPanel],
    cumulative_label: &str,
    y: i32,
) -> Drawn {
    // One legend for all panels: the groups' colours and the cumulative line.
    let mut legend: Vec<(String, RGBColor, Mark)> = panels
        .iter()
        .map(|p| (p.label.clone(), p.color, Mark::Box))
        .collect();
    legend.push((cumulative_label.to_string(), CUMULATIVE, Mark::Line));
    let y = draw_legend(c, &legend, y)? + 10;
    // Widths in proportion to the causes shown, with room for the axes and a small group.
    let weights: Vec<i32> = panels
        .iter()
        .map(|p| i32::try_from(p.items.len().max(2)).unwrap_or(2) + 2)
        .collect();
    let total: i32 = weights.iter().sum::<i32>().max(1);
    let scale = chart.scale();
    // Room for the longest cause name (as it would stand upright), the same in every panel so
    // that the panels share their baseline as they share their axis.
    let l = look(TICK_PX, INK);
    let mut room = 0;
    for (label, _) in panels.iter().flat_map(|p| &p.items) {
        room = room.max(c.width(label, l)?.min(MAX_UPRIGHT_PX + 80));
    }
    let shared = Shared {
        scale,
        label_room: room + 6,
    };
    let mut x = 0;
    for (i, panel) in panels.iter().enumerate() {
        let width = if i + 1 == panels.len() {
            c.w - x
        } else {
            c.w * weights[i] / total
        };
        let area = c
            .area
            .clone()
            .shrink((x, 0), (width.unsigned_abs(), HEIGHT.unsigned_abs()));
        let pc = Canvas {
            area: &area,
            faces: c.faces,
            raster: c.raster,
            lang: c.lang,
            w: width,
        };
        // The x title ("oorzaak") is left out: its room goes to the cause names, which
        // stand upright in a narrow panel.
        let text = ChartText {
            title: String::new(),
            x_label: String::new(),
            y_label: panel.label.clone(),
            ..chart.text.clone()
        };
        let body = Body::Pareto {
            items: panel.items.clone(),
            cumulative_label,
            color: panel.color,
            panel: true,
        };
        draw_plot(&pc, &Chart { text: &text, body }, y, Some(shared))?;
        x += width;
    }
    Ok(())
}

pub(super) fn draw_pareto<DB: DrawingBackend>(
    c: &Canvas<DB>,
    plot: &Plot,
    scale: &Scale,
    items: &[(String, f64)],
    color: RGBColor,
) -> Drawn {
    let n = items.len();
    let slot = plot.slot(n);
    let bar_w = (slot * 0.7).clamp(1.0, 140.0);
    let mut labels = Vec::with_capacity(n);
    for (i, (_, value)) in items.iter().enumerate() {
        let x = plot.centre(i, n);
        let top = draw_bar(
            c,
            plot,
            scale,
            (x - bar_w / 2.0, x + bar_w / 2.0),
            *value,
            color,
        )?;
        labels.push((*value, top, x));
    }
    let total: f64 = items.iter().map(|(_, v)| v).sum();
    if total <= 0.0 || !total.is_finite() {
        return value_labels(c, &labels, slot, false);
    }
    let percent = Scale {
        top: 1.0,
        step: 0.2,
    };
    let mut running = 0.0;
    let points: Vec<(i32, i32)> = items
        .iter()
        .enumerate()
        .map(|(i, (_, v))| {
            running += v;
            (px(plot.centre(i, n)), plot.y(&percent, running / total))
        })
        .collect();
    if points.len() > 1 {
        c.line(points.clone(), CUMULATIVE, 5)?;
    }
    if slot >= 24.0 || points.len() == 1 {
        for p in points {
            c.dot(p, 7, CUMULATIVE)?;
        }
    }
    // The numbers last, over the line.
    value_labels(c, &labels, slot, true)
}
