//! Line charts over months: one line per series, gaps where a value is missing.

use super::canvas::{Canvas, Drawn};
use super::clean;
use super::palette::Palette;
use super::scale::{px, Plot, Scale};
use plotters::prelude::*;

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
