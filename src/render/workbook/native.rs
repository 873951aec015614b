//! Native Excel charts over the sheet's own tables, in the colours of the PNG charts
//! ([`crate::render::charts::Palette`]), so the workbook and the slides look alike.

use super::layout::color;
use crate::render::charts::Palette;
use rust_xlsxwriter::{
    Chart, ChartDataLabel, ChartFont, ChartFormat, ChartLegendPosition, ChartLine,
    ChartLineDashType, ChartMarker, ChartMarkerType, ChartPoint, ChartSolidFill, ChartType,
};

/// A cell range: sheet, first row, column, last row, column.
pub type Range<'n> = (&'n str, u32, u16, u32, u16);

/// One series: its name, its values, its colour and how a line chart draws it.
pub struct Series<'n> {
    pub name: String,
    pub values: Range<'n>,
    pub color: plotters::style::RGBColor,
    pub stroke: Stroke,
}

/// How [`lines`] draws a series.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stroke {
    /// A line with a point per month.
    Marked,
    /// A thin line (a centre line).
    Plain,
    /// A thin dashed line (a control limit).
    Dashed,
    /// Large points without a line (the months with a signal).
    Points,
}

impl<'n> Series<'n> {
    /// A series in `color`, drawn as a line with points.
    pub fn new(
        name: impl Into<String>,
        values: Range<'n>,
        color: plotters::style::RGBColor,
    ) -> Series<'n> {
        Series {
            name: name.into(),
            values,
            color,
            stroke: Stroke::Marked,
        }
    }

    /// The `i`-th named series in the palette's order.
    pub fn nth(i: usize, name: impl Into<String>, values: Range<'n>) -> Series<'n> {
        Series::new(name, values, Palette::series(i))
    }

    /// The same series drawn as `stroke`.
    pub fn drawn(self, stroke: Stroke) -> Series<'n> {
        Series { stroke, ..self }
    }
}

/// Grouped columns, one colour per series.
pub fn columns(title: &str, x: &str, y: &str, categories: Range, series: &[Series]) -> Chart {
    let mut chart = Chart::new(ChartType::Column);
    for s in series {
        chart
            .add_series()
            .set_name(s.name.as_str())
            .set_categories(categories)
            .set_values(s.values)
            .set_gap(60)
            .set_format(&mut fill(s.color));
    }
    dress(&mut chart, title, x, y, series.len() > 1);
    chart
}

/// Lines over categories (months), each series drawn by its [`Stroke`].
pub fn lines(title: &str, x: &str, y: &str, categories: Range, series: &[Series]) -> Chart {
    let mut chart = Chart::new(ChartType::Line);
    for s in series {
        let c = color(s.color);
        let line = |width, dash| {
            ChartFormat::new()
                .set_line(
                    ChartLine::new()
                        .set_color(c)
                        .set_width(width)
                        .set_dash_type(dash),
                )
                .clone()
        };
        let points = |size| {
            ChartMarker::new()
                .set_type(ChartMarkerType::Circle)
                .set_size(size)
                .set_format(
                    ChartFormat::new()
                        .set_solid_fill(ChartSolidFill::new().set_color(c))
                        .set_no_line(),
                )
                .clone()
        };
        let none = || ChartMarker::new().set_none().clone();
        let (mut format, marker) = match s.stroke {
            Stroke::Marked => (line(2.25, ChartLineDashType::Solid), points(5)),
            Stroke::Plain => (line(1.5, ChartLineDashType::Solid), none()),
            Stroke::Dashed => (line(1.5, ChartLineDashType::Dash), none()),
            Stroke::Points => (ChartFormat::new().set_no_line().clone(), points(9)),
        };
        chart
            .add_series()
            .set_name(s.name.as_str())
            .set_categories(categories)
            .set_values(s.values)
            .set_format(&mut format)
            .set_marker(&marker);
    }
    dress(&mut chart, title, x, y, true);
    chart
}

/// Pareto: counts as columns, the cumulative share as a line on a 0–100 % second axis.
pub fn pareto(
    title: &str,
    y: &str,
    categories: Range,
    counts: Series,
    cumulative: Series,
) -> Chart {
    let mut chart = Chart::new(ChartType::Column);
    chart
        .add_series()
        .set_name(counts.name.as_str())
        .set_categories(categories)
        .set_values(counts.values)
        .set_gap(40)
        .set_format(&mut fill(counts.color));
    let mut line = Chart::new(ChartType::Line);
    let c = color(cumulative.color);
    line.add_series()
        .set_name(cumulative.name.as_str())
        .set_categories(categories)
        .set_values(cumulative.values)
        .set_secondary_axis(true)
        .set_format(ChartFormat::new().set_line(ChartLine::new().set_color(c).set_width(2.25)))
        .set_marker(
            ChartMarker::new()
                .set_type(ChartMarkerType::Circle)
                .set_size(5)
                .set_format(
                    ChartFormat::new()
                        .set_solid_fill(ChartSolidFill::new().set_color(c))
                        .set_no_line(),
                ),
        );
    chart.combine(&line);
    // The secondary axis is set on the primary chart.
    chart.y2_axis().set_min(0).set_max(1).set_num_format("0%");
    dress(&mut chart, title, "", y, true);
    chart
}

/// A pie of shares with a colour per category and percentages on the slices.
pub fn pie(
    title: &str,
    categories: Range,
    values: Range,
    colors: &[plotters::style::RGBColor],
) -> Chart {
    let mut chart = Chart::new(ChartType::Pie);
    let points: Vec<ChartPoint> = colors
        .iter()
        .map(|c| ChartPoint::new().set_format(&mut fill(*c)))
        .collect();
    chart
        .add_series()
        .set_categories(categories)
        .set_values(values)
        .set_points(&points)
        .set_data_label(ChartDataLabel::new().show_percentage());
    chart.title().set_name(title).set_font(&title_font());
    chart.legend().set_position(ChartLegendPosition::Right);
    chart
}

fn fill(c: plotters::style::RGBColor) -> ChartFormat {
    let mut f = ChartFormat::new();
    f.set_solid_fill(ChartSolidFill::new().set_color(color(c)));
    f
}

fn title_font() -> ChartFont {
    ChartFont::new().set_size(12).set_bold().clone()
}

/// Title, axis names, legend below (only with several series), no decimals on counts.
fn dress(chart: &mut Chart, title: &str, x: &str, y: &str, legend: bool) {
    chart.title().set_name(title).set_font(&title_font());
    if !x.is_empty() {
        chart.x_axis().set_name(x);
    }
    chart.y_axis().set_name(y).set_min(0);
    if legend {
        chart.legend().set_position(ChartLegendPosition::Bottom);
    } else {
        chart.legend().set_hidden();
    }
}
