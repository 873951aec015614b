//! The report's charts (SPEC §6, `grafieken/`) as PNG for slides and SVG for print.
//!
//! Everything is laid out by hand on plotters' drawing areas rather than through its chart
//! builder, because slide legibility needs control the builder does not give: large type,
//! category labels that wrap or turn upright instead of overlapping, month labels thinned from the
//! most recent month back, value labels only where they fit. The font is bundled (Liberation
//! Sans, SIL Open Font License 1.1, `assets/fonts/`) so the charts look the same on every machine,
//! and nothing depends on time or hashing, so the same input gives byte-identical files.
//!
//! Text in the PNG is rasterised here with `ab_glyph` rather than by plotters, whose `ab_glyph`
//! text drawing ignores each glyph's side bearing (letters drift apart: "Klach ten"). Both files
//! measure text with the same font metrics, so PNG and SVG share one layout.

mod bars;
mod canvas;
mod frame;
mod labels;
mod lines;
mod palette;
mod pareto;
mod scale;
#[cfg(test)]
mod tests;

pub use palette::Palette;

use crate::error::{Error, Result};
use crate::metrics::signals::{Limits, SignalUnit};
use crate::render::output::write_atomic;
use crate::Lang;
use canvas::{err, faces, ChartError, Drawn, Faces};
use frame::{draw, Mark};
use palette::{shade, BAND, LIMIT, NEUTRAL};
use plotters::prelude::*;
use scale::Scale;
use std::path::{Path, PathBuf};

const WIDTH: i32 = 1600;
const HEIGHT: i32 = 900;
const MARGIN: i32 = 40;
/// Room above the tallest bar or point, as a share of the axis, for its value label.
const HEADROOM: f64 = 1.1;

/// The texts of one chart, already in the output language.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartText {
    pub title: String,
    pub x_label: String,
    pub y_label: String,
    /// Shown in the middle of a chart that has no data.
    pub empty_note: String,
    /// Number format: `1.234,5` in Dutch, `1,234.5` in English.
    pub lang: Lang,
}

impl ChartText {
    /// Texts with the standard note for a chart without data.
    ///
    /// ```
    /// use klacht::render::charts::ChartText;
    /// use klacht::Lang;
    /// let t = ChartText::new(Lang::Nl, "Klachten per urgentie", "Urgentie", "Aantal");
    /// assert_eq!(t.empty_note, "Geen gegevens in deze periode");
    /// ```
    pub fn new(lang: Lang, title: &str, x_label: &str, y_label: &str) -> ChartText {
        ChartText {
            title: title.to_string(),
            x_label: x_label.to_string(),
            y_label: y_label.to_string(),
            empty_note: lang
                .pick("Geen gegevens in deze periode", "No data in this period")
                .to_string(),
            lang,
        }
    }
}

/// One category of a bar chart with one value per series.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub label: String,
    pub values: Vec<f64>,
    /// The category's own colour (e.g. [`Palette::urgency`]). With several series its values are
    /// drawn in shades of it, first series darkest, and the legend shows the shades in grey.
    pub color: Option<RGBColor>,
    /// Why a missing value of this category has no bar ("n te klein"): written upright where
    /// the bar would stand, so that no reader takes the empty place for a zero.
    pub missing: Option<String>,
}

/// Grouped bar chart (e.g. per urgency: received, closed, open at end) — `series_names` one per
/// value in each Bar. Writes `<path_stem>.png` and `<path_stem>.svg` and returns both paths.
///
/// Missing, NaN and infinite values draw no bar (with the category's [`Bar::missing`] note in
/// its place); negative values are drawn as 0.
///
/// ```no_run
/// use klacht::render::charts::{bar_chart, Bar, ChartText};
/// use klacht::Lang;
/// let text = ChartText::new(Lang::Nl, "Achterstallige klachten", "Werkdagen over termijn", "Aantal");
/// let bars = vec![Bar { label: "0–10".into(), values: vec![12.0], color: None, missing: None }];
/// bar_chart("grafieken/achterstand".as_ref(), &text, &["Open".into()], &bars)?;
/// # Ok::<(), klacht::Error>(())
/// ```
pub fn bar_chart(
    path_stem: &Path,
    text: &ChartText,
    series_names: &[String],
    bars: &[Bar],
) -> Result<Vec<PathBuf>, Error> {
    render(
        path_stem,
        &Chart {
            text,
            body: Body::Bars { series_names, bars },
        },
    )
}

/// Line chart over months (labels like "2025-01"), several named series (e.g. received, closed,
/// technical, non-technical). A NaN or infinite value leaves a gap in its line.
pub fn line_chart(
    path_stem: &Path,
    text: &ChartText,
    x_labels: &[String],
    series: &[(String, Vec<f64>)],
) -> Result<Vec<PathBuf>, Error> {
    render(
        path_stem,
        &Chart {
            text,
            body: Body::Lines { x_labels, series },
        },
    )
}

/// Pareto: bars sorted descending (ties keep their order) with a cumulative-% line on a
/// secondary axis (0–100 %). NaN, infinite and negative counts count as 0.
pub fn pareto_chart(
    path_stem: &Path,
    text: &ChartText,
    items: &[(String, f64)],
    cumulative_label: &str,
) -> Result<Vec<PathBuf>, Error> {
    let mut items: Vec<(String, f64)> = items
        .iter()
        .map(|(label, v)| (label.clone(), clean(*v).unwrap_or(0.0)))
        .collect();
    items.sort_by(|a, b| b.1.total_cmp(&a.1));
    render(
        path_stem,
        &Chart {
            text,
            body: Body::Pareto {
                items,
                cumulative_label,
                color: Palette::series(0),
                panel: false,
            },
        },
    )
}

/// One panel of [`pareto_panels`]: a group of causes (technical, non-technical) in its colour.
#[derive(Debug, Clone, PartialEq)]
pub struct ParetoPanel {
    /// The group's name, shown with a swatch of `color` above its panel.
    pub label: String,
    pub color: RGBColor,
    pub items: Vec<(String, f64)>,
}

/// Paretos side by side under one title, one per group, each with its own cumulative line and
/// all on one count axis so the bars compare across panels. A cause that occurs in two groups
/// stands once in each panel, never twice in one chart without a word to tell them apart.
/// Counts are cleaned and sorted as in [`pareto_chart`]; an empty group shows the empty note.
pub fn pareto_panels(
    path_stem: &Path,
    text: &ChartText,
    panels: &[ParetoPanel],
    cumulative_label: &str,
) -> Result<Vec<PathBuf>, Error> {
    let panels: Vec<ParetoPanel> = panels
        .iter()
        .map(|p| {
            let mut items: Vec<(String, f64)> = p
                .items
                .iter()
                .map(|(label, v)| (label.clone(), clean(*v).unwrap_or(0.0)))
                .collect();
            items.sort_by(|a, b| b.1.total_cmp(&a.1));
            ParetoPanel { items, ..p.clone() }
        })
        .collect();
    render(
        path_stem,
        &Chart {
            text,
            body: Body::Panels {
                panels,
                cumulative_label,
            },
        },
    )
}

/// A control chart (SPEC §10): monthly counts (a c-chart) or rates (a u-chart) over the
/// baseline and the period, with the centre line and control limits of the baseline, the
/// period's months shaded and the months with a signal marked.
#[derive(Debug, Clone, PartialEq)]
pub struct ControlChart {
    /// Month labels (`2026-08`).
    pub months: Vec<String>,
    /// The count or rate of each month; a NaN or infinite value leaves a gap.
    pub values: Vec<f64>,
    /// Counts (whole steps on the axis, whole numbers at the signals) or rates (one decimal).
    pub unit: SignalUnit,
    /// The period's first month; the months before it are the baseline.
    pub period_from: usize,
    /// `None`: too little history, the values alone.
    pub limits: Option<ControlLimits>,
    /// Per month: it has a signal.
    pub flagged: Vec<bool>,
    /// The legend, in the output language: the values, the centre line, the limits, a signal,
    /// the period.
    pub names: [String; 5],
}

/// A control chart's centre line and limits.
#[derive(Debug, Clone, PartialEq)]
pub enum ControlLimits {
    /// A c-chart's: the same in every month, drawn across the plot.
    Fixed(Limits),
    /// A u-chart's: the centre line across, the limits of each month (from its work orders;
    /// `None` for a month without) as steps, one level per month.
    PerMonth {
        centre: f64,
        months: Vec<Option<Limits>>,
    },
}

impl ControlLimits {
    /// The highest upper limit: the axis must reach above it.
    fn top(&self) -> Option<f64> {
        match self {
            ControlLimits::Fixed(l) => Some(l.ucl),
            ControlLimits::PerMonth { months, .. } => {
                months.iter().flatten().map(|l| l.ucl).reduce(f64::max)
            }
        }
    }
}

/// A c-chart ([`ControlChart`]). Writes `<path_stem>.png` and `<path_stem>.svg`.
pub fn control_chart(
    path_stem: &Path,
    text: &ChartText,
    chart: &ControlChart,
) -> Result<Vec<PathBuf>, Error> {
    render(
        path_stem,
        &Chart {
            text,
            body: Body::Control(chart),
        },
    )
}

struct Chart<'a> {
    text: &'a ChartText,
    body: Body<'a>,
}

enum Body<'a> {
    Bars {
        series_names: &'a [String],
        bars: &'a [Bar],
    },
    Lines {
        x_labels: &'a [String],
        series: &'a [(String, Vec<f64>)],
    },
    Pareto {
        items: Vec<(String, f64)>,
        cumulative_label: &'a str,
        color: RGBColor,
        /// One of [`Body::Panels`]: the shared legend stands above, the group's name heads it.
        panel: bool,
    },
    Panels {
        panels: Vec<ParetoPanel>,
        cumulative_label: &'a str,
    },
    Control(&'a ControlChart),
}

/// A drawable value: finite, never below the axis.
fn clean(v: f64) -> Option<f64> {
    v.is_finite().then_some(v.max(0.0))
}

/// Writes both files for `chart`, each through a temporary file renamed into place.
fn render(path_stem: &Path, chart: &Chart) -> Result<Vec<PathBuf>> {
    let png = with_suffix(path_stem, "png");
    let svg = with_suffix(path_stem, "svg");
    let fail = |path: &Path| {
        let path = path.to_path_buf();
        move |e: ChartError| Error::output(&path, e)
    };
    let faces = faces().map_err(fail(&png))?;
    // The SVG is drawn first, in memory, so a drawing failure leaves neither file.
    let doc = svg_document(faces, chart).map_err(fail(&svg))?;
    write_atomic(&png, &[], |tmp| {
        write_png(tmp, faces, chart).map_err(fail(&png))
    })?;
    write_atomic(&svg, &[], |tmp| {
        std::fs::write(tmp, &doc).map_err(|e| fail(&svg)(err(e)))
    })?;
    Ok(vec![png, svg])
}

/// `stem` + `.ext`, keeping dots already in the stem (`trend-2026.Q3` → `trend-2026.Q3.png`).
fn with_suffix(stem: &Path, ext: &str) -> PathBuf {
    let mut name = stem.as_os_str().to_os_string();
    name.push(".");
    name.push(ext);
    PathBuf::from(name)
}

/// The bitmap encoder picks the format by extension, so the picture is drawn to `<tmp>.png`
/// first and then moved onto `tmp`, which [`write_atomic`] renames into place.
fn write_png(tmp: &Path, faces: &Faces, chart: &Chart) -> Drawn {
    let staging = with_suffix(tmp, "png");
    let result = {
        let root = BitMapBackend::new(&staging, size()).into_drawing_area();
        draw(&root, faces, true, chart).and_then(|()| root.present().map_err(err))
    }
    .and_then(|()| std::fs::rename(&staging, tmp).map_err(err));
    if result.is_err() {
        let _ = std::fs::remove_file(&staging);
    }
    result
}

fn svg_document(faces: &Faces, chart: &Chart) -> Drawn<String> {
    let mut doc = String::new();
    {
        let root = SVGBackend::with_string(&mut doc, size()).into_drawing_area();
        draw(&root, faces, false, chart)?;
        root.present().map_err(err)?;
    }
    Ok(doc)
}

fn size() -> (u32, u32) {
    (WIDTH.unsigned_abs(), HEIGHT.unsigned_abs())
}

impl Chart<'_> {
    fn is_empty(&self) -> bool {
        match &self.body {
            Body::Bars { bars, .. } => bars.iter().all(|b| b.values.is_empty()),
            Body::Lines { series, .. } => series.iter().all(|(_, v)| v.is_empty()),
            Body::Pareto { items, .. } => items.is_empty(),
            Body::Panels { panels, .. } => panels.iter().all(|p| p.items.is_empty()),
            Body::Control(c) => c.values.is_empty(),
        }
    }

    fn categories(&self) -> Vec<&str> {
        match &self.body {
            Body::Bars { bars, .. } => bars.iter().map(|b| b.label.as_str()).collect(),
            Body::Lines { x_labels, series } => {
                let n = series.iter().map(|(_, v)| v.len()).max().unwrap_or(0);
                let n = n.max(x_labels.len());
                (0..n)
                    .map(|i| x_labels.get(i).map_or("", String::as_str))
                    .collect()
            }
            Body::Pareto { items, .. } => items.iter().map(|(l, _)| l.as_str()).collect(),
            Body::Panels { .. } => Vec::new(),
            Body::Control(c) => c.months.iter().map(String::as_str).collect(),
        }
    }

    fn values(&self) -> Vec<f64> {
        match &self.body {
            Body::Bars { bars, .. } => bars.iter().flat_map(|b| b.values.iter().copied()).collect(),
            Body::Lines { series, .. } => {
                series.iter().flat_map(|(_, v)| v.iter().copied()).collect()
            }
            Body::Pareto { items, .. } => items.iter().map(|(_, v)| *v).collect(),
            Body::Panels { panels, .. } => panels
                .iter()
                .flat_map(|p| p.items.iter().map(|(_, v)| *v))
                .collect(),
            // The upper limit must fit under the top as well.
            Body::Control(c) => c
                .values
                .iter()
                .copied()
                .chain(c.limits.as_ref().and_then(ControlLimits::top))
                .collect(),
        }
    }

    fn scale(&self) -> Scale {
        let values: Vec<f64> = self.values().into_iter().filter_map(clean).collect();
        let max = values.iter().copied().fold(0.0, f64::max);
        // A c-chart counts, whatever its limits are; a u-chart's rates are fractions.
        let integer = match self.body {
            Body::Control(c) => c.unit == SignalUnit::Count,
            _ => values.iter().all(|v| v.fract() == 0.0),
        };
        let intervals = matches!(self.body, Body::Pareto { .. } | Body::Panels { .. }).then_some(5);
        Scale::nice(max, integer, intervals)
    }

    /// Number of values per bar group (at least one).
    fn group_size(series_names: &[String], bars: &[Bar]) -> usize {
        let longest = bars.iter().map(|b| b.values.len()).max().unwrap_or(0);
        longest.max(series_names.len()).max(1)
    }

    fn legend(&self) -> Vec<(String, RGBColor, Mark)> {
        match &self.body {
            Body::Bars { series_names, bars } if series_names.len() > 1 => {
                let m = Self::group_size(series_names, bars);
                let tinted = bars.iter().any(|b| b.color.is_some());
                series_names
                    .iter()
                    .enumerate()
                    .map(|(j, name)| {
                        let color = if tinted {
                            shade(NEUTRAL, j, m)
                        } else {
                            Palette::series(j)
                        };
                        (name.clone(), color, Mark::Box)
                    })
                    .collect()
            }
            Body::Lines { series, .. } if series.len() > 1 => series
                .iter()
                .enumerate()
                .map(|(i, (name, _))| (name.clone(), Palette::series(i), Mark::Line))
                .collect(),
            Body::Control(c) => {
                let [values, centre, limits, signal, period] = c.names.clone();
                let mut legend = vec![(values, Palette::series(0), Mark::Line)];
                if c.limits.is_some() {
                    legend.push((centre, NEUTRAL, Mark::Plain));
                    legend.push((limits, LIMIT, Mark::Dash));
                }
                if c.flagged.iter().any(|f| *f) {
                    legend.push((signal, LIMIT, Mark::Dot));
                }
                if c.period_from < c.months.len() {
                    legend.push((period, BAND, Mark::Box));
                }
                legend
            }
            _ => Vec::new(),
        }
    }
}
