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

use crate::error::{Error, Result};
use crate::render::output::write_atomic;
use crate::Lang;
use ab_glyph::{point, Font as _, FontRef, PxScale, ScaleFont};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

const WIDTH: i32 = 1600;
const HEIGHT: i32 = 900;
/// The font family the SVG names: viewers read it as a CSS font list, and Arial, the usual
/// fallback, has the same metrics as Liberation Sans, so the SVG keeps the PNG's layout.
const FAMILY: &str = "Liberation Sans, Arial, Helvetica, sans-serif";
static REGULAR: &[u8] = include_bytes!("../../assets/fonts/LiberationSans-Regular.ttf");
static BOLD: &[u8] = include_bytes!("../../assets/fonts/LiberationSans-Bold.ttf");

const MARGIN: i32 = 40;
// Font sizes in pixels (the em, CSS `font-size`).
const TITLE_PX: f64 = 46.0;
const LABEL_PX: f64 = 29.0;
const TICK_PX: f64 = 28.0;
const VALUE_PX: f64 = 25.0;
const NOTE_PX: f64 = 32.0;
/// plotters' SVG backend writes `font-size` as the style's size divided by this.
const SVG_SIZE_FACTOR: f64 = 1.24;
/// Line pitch of wrapped category labels.
const LINE_PITCH: i32 = 33;
/// Category labels wrap to at most this many lines before they are turned upright.
const MAX_LABEL_LINES: usize = 3;
/// Upright category labels are cut to this length so the plot keeps most of the height.
const MAX_UPRIGHT_PX: i32 = 270;
/// Narrowest slot that still gets its own label; below it labels are thinned.
const MIN_LABEL_SLOT: f64 = 34.0;
/// Room above the tallest bar or point, as a share of the axis, for its value label.
const HEADROOM: f64 = 1.1;
/// Longest text measured; longer labels are cut first (they could never fit anyway).
const MAX_CHARS: usize = 200;

const INK: RGBColor = RGBColor(33, 37, 41);
const MUTED: RGBColor = RGBColor(88, 94, 102);
const GRID: RGBColor = RGBColor(225, 228, 232);
const AXIS: RGBColor = RGBColor(110, 116, 124);
const NEUTRAL: RGBColor = RGBColor(96, 104, 114);
const CUMULATIVE: RGBColor = RGBColor(214, 96, 28);

/// Category colours shared by charts and workbook so a category looks the same everywhere.
pub struct Palette;

impl Palette {
    /// Urgency 1 (most urgent, dark red) to 8 (calm slate blue); `None` (unclassified) and
    /// numbers outside 1–8 are grey.
    ///
    /// ```
    /// use klacht::render::charts::Palette;
    /// assert_ne!(Palette::urgency(Some(1)), Palette::urgency(Some(8)));
    /// assert_eq!(Palette::urgency(None), Palette::urgency(Some(0)));
    /// ```
    pub fn urgency(n: Option<u8>) -> RGBColor {
        const SCALE: [RGBColor; 8] = [
            RGBColor(142, 16, 34),
            RGBColor(200, 44, 40),
            RGBColor(232, 100, 58),
            RGBColor(244, 158, 86),
            RGBColor(214, 190, 128),
            RGBColor(142, 178, 196),
            RGBColor(92, 138, 176),
            RGBColor(84, 104, 136),
        ];
        match n {
            Some(k @ 1..=8) => SCALE[usize::from(k - 1)],
            _ => RGBColor(166, 170, 176),
        }
    }

    /// Technical (petrol) versus non-technical (plum) complaints.
    pub fn nature(technical: bool) -> RGBColor {
        if technical {
            RGBColor(0, 122, 135)
        } else {
            RGBColor(142, 82, 150)
        }
    }

    /// Colours of named series in order (received, closed, open, …); repeats after ten.
    pub fn series(i: usize) -> RGBColor {
        const SERIES: [RGBColor; 10] = [
            RGBColor(31, 102, 165),
            RGBColor(54, 150, 84),
            RGBColor(232, 135, 30),
            RGBColor(142, 82, 150),
            RGBColor(0, 122, 135),
            RGBColor(190, 50, 60),
            RGBColor(128, 98, 70),
            RGBColor(110, 116, 124),
            RGBColor(180, 160, 40),
            RGBColor(88, 120, 200),
        ];
        SERIES[i % SERIES.len()]
    }

    /// `0xRRGGBB`, the form `rust_xlsxwriter::Color::RGB` takes.
    ///
    /// ```
    /// use klacht::render::charts::Palette;
    /// use plotters::style::RGBColor;
    /// assert_eq!(Palette::hex(RGBColor(0x12, 0x34, 0x56)), 0x123456);
    /// ```
    pub fn hex(c: RGBColor) -> u32 {
        (u32::from(c.0) << 16) | (u32::from(c.1) << 8) | u32::from(c.2)
    }
}

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
        move |detail: String| Error::new("E-output", &path).detail(detail)
    };
    let faces = faces().map_err(fail(&png))?;
    // The SVG is drawn first, in memory, so a drawing failure leaves neither file.
    let doc = svg_document(faces, chart).map_err(fail(&svg))?;
    write_atomic(&png, &[], |tmp| {
        write_png(tmp, faces, chart).map_err(fail(&png))
    })?;
    write_atomic(&svg, &[], |tmp| {
        std::fs::write(tmp, &doc).map_err(|e| fail(&svg)(e.to_string()))
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

fn err(e: impl std::fmt::Display) -> String {
    e.to_string()
}

/// The bundled font, parsed once per process.
struct Faces {
    regular: FontRef<'static>,
    bold: FontRef<'static>,
}

fn faces() -> Drawn<&'static Faces> {
    static FACES: OnceLock<Option<Faces>> = OnceLock::new();
    FACES
        .get_or_init(|| {
            Some(Faces {
                regular: FontRef::try_from_slice(REGULAR).ok()?,
                bold: FontRef::try_from_slice(BOLD).ok()?,
            })
        })
        .as_ref()
        .ok_or_else(|| "the bundled font could not be loaded".to_string())
}

type Drawn<T = ()> = std::result::Result<T, String>;

/// Size, weight and colour of a text.
#[derive(Clone, Copy)]
struct Look {
    px: f64,
    bold: bool,
    color: RGBColor,
}

const fn look(px: f64, color: RGBColor) -> Look {
    Look {
        px,
        bold: false,
        color,
    }
}

/// Text and shape helpers on one drawing area, all in pixels. `raster` draws text pixel by
/// pixel (PNG); otherwise text goes to the backend as text (SVG).
struct Canvas<'a, DB: DrawingBackend> {
    area: &'a DrawingArea<DB, Shift>,
    faces: &'a Faces,
    raster: bool,
    lang: Lang,
    /// Width of the area: the chart's, or one panel's.
    w: i32,
}

impl<DB: DrawingBackend> Canvas<'_, DB> {
    fn face(&self, l: Look) -> (&FontRef<'static>, PxScale) {
        let face = if l.bold {
            &self.faces.bold
        } else {
            &self.faces.regular
        };
        // ab_glyph scales to the font's ascent-to-descent height; convert from the em.
        let upem = face.units_per_em().unwrap_or(2048.0);
        let scale = l.px as f32 * face.height_unscaled() / upem;
        (face, PxScale::from(scale))
    }

    /// Advance width of `text` in pixels, kerning included.
    fn width(&self, text: &str, l: Look) -> Drawn<i32> {
        let (face, scale) = self.face(l);
        let scaled = face.as_scaled(scale);
        let mut width = 0f32;
        let mut prev = None;
        for c in text.chars() {
            let id = scaled.glyph_id(c);
            if let Some(p) = prev {
                width += scaled.kern(p, id);
            }
            width += scaled.h_advance(id);
            prev = Some(id);
        }
        Ok(px(f64::from(width).ceil()))
    }

    /// Draws `text` anchored at `at` like SVG does: horizontally by `h`, and with the baseline
    /// 0.76 em below (top), 0.5 ex below (centre) or 0.5 ex above (bottom) the anchor.
    fn text(&self, text: &str, at: (i32, i32), l: Look, h: HPos, v: VPos) -> Drawn {
        self.text_turned(text, at, l, Pos::new(h, v), false)
    }

    /// Text reading bottom to top whose end sits at `at` (under a bar, centred on it).
    fn upright(&self, text: &str, at: (i32, i32), l: Look) -> Drawn {
        self.text_turned(text, at, l, Pos::new(HPos::Right, VPos::Center), true)
    }

    fn text_turned(&self, text: &str, at: (i32, i32), l: Look, pos: Pos, turned: bool) -> Drawn {
        if text.is_empty() {
            return Ok(());
        }
        if !self.raster {
            let weight = if l.bold {
                FontStyle::Bold
            } else {
                FontStyle::Normal
            };
            let style = TextStyle {
                font: (FAMILY, l.px * SVG_SIZE_FACTOR, weight).into_font(),
                color: l.color.to_backend_color(),
                pos,
            };
            let style = if turned {
                style.transform(FontTransform::Rotate270)
            } else {
                style
            };
            return self.area.draw_text(text, &style, at).map_err(err);
        }
        let (face, scale) = self.face(l);
        let scaled = face.as_scaled(scale);
        let em = l.px as f32;
        let half_ex = 0.264 * em;
        let mut pen = match pos.h_pos {
            HPos::Left => 0.0,
            HPos::Center => -(self.width(text, l)? as f32) / 2.0,
            HPos::Right => -(self.width(text, l)? as f32),
        };
        let baseline = match pos.v_pos {
            VPos::Top => 0.76 * em,
            VPos::Center => half_ex,
            VPos::Bottom => -half_ex,
        };
        let mut pixels = Vec::new();
        let mut prev = None;
        for c in text.chars() {
            let id = scaled.glyph_id(c);
            if let Some(p) = prev {
                pen += scaled.kern(p, id);
            }
            prev = Some(id);
            let glyph = id.with_scale_and_position(scale, point(pen, baseline));
            pen += scaled.h_advance(id);
            let Some(outline) = face.outline_glyph(glyph) else {
                continue;
            };
            let bounds = outline.px_bounds();
            // Glyph bounds are whole pixels a few hundred wide at most: the casts are exact.
            let (x0, y0) = (bounds.min.x as i32, bounds.min.y as i32);
            outline.draw(|x, y, coverage| {
                if coverage > 0.0 {
                    let (dx, dy) = (x0 + x as i32, y0 + y as i32);
                    let (dx, dy) = if turned { (dy, -dx) } else { (dx, dy) };
                    pixels.push(((at.0 + dx, at.1 + dy), coverage.min(1.0)));
                }
            });
        }
        for (p, coverage) in pixels {
            let color = l.color.mix(f64::from(coverage));
            self.area.draw_pixel(p, &color).map_err(err)?;
        }
        Ok(())
    }

    fn rect(&self, (x0, y0): (i32, i32), (x1, y1): (i32, i32), color: RGBColor) -> Drawn {
        self.area
            .draw(&Rectangle::new([(x0, y0), (x1, y1)], color.filled()))
            .map_err(err)
    }

    fn line(&self, points: Vec<(i32, i32)>, color: RGBColor, width: u32) -> Drawn {
        let style = ShapeStyle {
            color: color.to_rgba(),
            filled: false,
            stroke_width: width,
        };
        self.area
            .draw(&PathElement::new(points, style))
            .map_err(err)
    }

    fn dot(&self, at: (i32, i32), radius: i32, color: RGBColor) -> Drawn {
        self.area
            .draw(&Circle::new(at, radius, color.filled()))
            .map_err(err)?;
        self.area
            .draw(&Circle::new(at, radius - 2, WHITE.filled()))
            .map_err(err)
    }

    /// `text` cut with "…" to at most `max` pixels wide; empty when not even "…" fits.
    fn fit(&self, text: &str, l: Look, max: i32) -> Drawn<String> {
        let text: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let chars: Vec<char> = text.chars().take(MAX_CHARS).collect();
        if chars.len() == text.chars().count() && self.width(&text, l)? <= max {
            return Ok(text);
        }
        let cut = |n: usize| format!("{}…", chars[..n].iter().collect::<String>().trim_end());
        // Binary search for the longest prefix that fits with the ellipsis.
        let (mut lo, mut hi) = (0, chars.len());
        while lo < hi {
            let mid = (lo + hi).div_ceil(2);
            if self.width(&cut(mid), l)? <= max {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        let best = cut(lo);
        Ok(if self.width(&best, l)? <= max {
            best
        } else {
            String::new()
        })
    }

    /// Greedy word wrap into lines of at most `max` pixels; a word wider than that gets a line
    /// of its own and is not cut.
    fn wrap(&self, text: &str, l: Look, max: i32) -> Drawn<Vec<String>> {
        let mut lines: Vec<String> = Vec::new();
        for word in text.split_whitespace() {
            match lines.last_mut() {
                Some(line) if self.width(&format!("{line} {word}"), l)? <= max => {
                    line.push(' ');
                    line.push_str(word);
                }
                _ => lines.push(word.to_string()),
            }
        }
        Ok(lines)
    }

    /// A number for people with `decimals` digits, grouped and pointed as the language writes it.
    fn number(&self, v: f64, decimals: usize) -> String {
        let (group, point) = match self.lang {
            Lang::Nl => ('.', ','),
            Lang::En => (',', '.'),
        };
        let s = format!("{:.*}", decimals, v.abs());
        let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
        let mut out = String::new();
        if v < 0.0 && s.chars().any(|c| c.is_ascii_digit() && c != '0') {
            out.push('-');
        }
        for (i, c) in int.chars().enumerate() {
            if i > 0 && (int.len() - i) % 3 == 0 {
                out.push(group);
            }
            out.push(c);
        }
        if !frac.is_empty() {
            out.push(point);
            out.push_str(frac);
        }
        out
    }
}

/// A y axis from 0 to `top` in steps of `step`.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Scale {
    top: f64,
    step: f64,
}

impl Scale {
    /// A "nice" axis (steps of 1, 2, 2.5 or 5 times a power of ten) with room above `max` and at
    /// most eight steps, the finest such; counts (`integer`) get whole steps. `intervals` forces
    /// the number of steps, so that a second axis can share the gridlines.
    fn nice(max: f64, integer: bool, intervals: Option<u32>) -> Scale {
        let max = if max.is_finite() && max > 0.0 {
            max
        } else {
            0.0
        };
        if max == 0.0 {
            return Scale {
                top: f64::from(intervals.unwrap_or(5)),
                step: 1.0,
            };
        }
        let need = max * HEADROOM;
        let most = f64::from(intervals.unwrap_or(8));
        let mut magnitude = 10f64.powf((need / most).log10().floor());
        for _ in 0..40 {
            for m in [1.0, 2.0, 2.5, 5.0] {
                let step = m * magnitude;
                let whole = step >= 1.0 && (step - step.round()).abs() < 1e-9;
                let steps = (need / step).ceil();
                if (whole || !integer) && steps <= most {
                    let step = if integer { step.round() } else { step };
                    let steps = intervals.map_or(steps, f64::from);
                    return Scale {
                        top: steps * step,
                        step,
                    };
                }
            }
            magnitude *= 10.0;
        }
        Scale {
            top: need,
            step: need,
        }
    }

    fn ticks(&self) -> Vec<f64> {
        let count = (self.top / self.step).round().clamp(1.0, 50.0) as u32;
        (0..=count).map(|i| f64::from(i) * self.step).collect()
    }

    /// Digits after the decimal point that the steps need.
    fn decimals(&self) -> usize {
        (0..3)
            .find(|&d| {
                let scaled = self.step * 10f64.powi(d as i32);
                (scaled - scaled.round()).abs() < 1e-6
            })
            .unwrap_or(3)
    }
}

/// The plot rectangle in pixels.
#[derive(Debug, Clone, Copy)]
struct Plot {
    left: i32,
    top: i32,
    right: i32,
    bottom: i32,
}

impl Plot {
    fn y(&self, scale: &Scale, v: f64) -> i32 {
        let share = if scale.top > 0.0 {
            (v / scale.top).clamp(0.0, 1.0)
        } else {
            0.0
        };
        self.bottom - px(share * f64::from(self.bottom - self.top))
    }

    fn slot(&self, n: usize) -> f64 {
        f64::from(self.right - self.left) / n.max(1) as f64
    }

    fn centre(&self, i: usize, n: usize) -> f64 {
        f64::from(self.left) + (i as f64 + 0.5) * self.slot(n)
    }
}

/// Rounds a pixel coordinate; coordinates stay within a few thousand, so the cast is exact.
fn px(v: f64) -> i32 {
    v.round().clamp(-1e6, 1e6) as i32
}

enum Mark {
    Box,
    Line,
}

/// Labels under the plot: wrapped horizontally when every word fits its slot, else upright.
enum XLabels {
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
    fn height(&self) -> i32 {
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

impl Chart<'_> {
    fn is_empty(&self) -> bool {
        match &self.body {
            Body::Bars { bars, .. } => bars.iter().all(|b| b.values.is_empty()),
            Body::Lines { series, .. } => series.iter().all(|(_, v)| v.is_empty()),
            Body::Pareto { items, .. } => items.is_empty(),
            Body::Panels { panels, .. } => panels.iter().all(|p| p.items.is_empty()),
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
        }
    }

    fn scale(&self) -> Scale {
        let values: Vec<f64> = self.values().into_iter().filter_map(clean).collect();
        let max = values.iter().copied().fold(0.0, f64::max);
        let integer = values.iter().all(|v| v.fract() == 0.0);
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
            _ => Vec::new(),
        }
    }
}

/// Series `j` of `m` in one category colour: the first full, later ones lighter.
fn shade(c: RGBColor, j: usize, m: usize) -> RGBColor {
    if m < 2 {
        return c;
    }
    let t = 0.62 * j as f64 / (m - 1) as f64;
    let mix = |v: u8| {
        (f64::from(v) + (255.0 - f64::from(v)) * t)
            .round()
            .clamp(0.0, 255.0) as u8
    };
    RGBColor(mix(c.0), mix(c.1), mix(c.2))
}

/// Draws the whole chart on `area` (1600×900).
fn draw<DB: DrawingBackend>(
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

/// Panels side by side under the chart's title, each a Pareto on the shared count axis.
fn draw_panels<DB: DrawingBackend>(
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

/// What panels side by side share: the count axis and the room for the category labels.
#[derive(Clone, Copy)]
struct Shared {
    scale: Scale,
    label_room: i32,
}

/// Everything under the title (legend, axes, data, labels) from `y` down across the canvas;
/// `shared` when it is one of several panels.
fn draw_plot<DB: DrawingBackend>(
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
        .map(|t| (t, c.number(t, decimals)))
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
        Body::Lines { .. } => single_labels(c, &categories, probe.slot(n))?,
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
    }
    let swatch = match mark {
        Mark::Box => 38,
        Mark::Line => 52,
    };
    c.text(&name, (x + swatch, y + 17), l, HPos::Left, VPos::Center)?;
    Ok(swatch + c.width(&name, l)?)
}

/// Legend entries in rows from the left margin; returns the y below the last row.
fn draw_legend<DB: DrawingBackend>(
    c: &Canvas<DB>,
    entries: &[(String, RGBColor, Mark)],
    top: i32,
) -> Drawn<i32> {
    let l = look(LABEL_PX, INK);
    let (mut x, mut y) = (MARGIN, top);
    let limit = c.w - MARGIN;
    for (name, color, mark) in entries {
        let swatch = match mark {
            Mark::Box => 38,
            Mark::Line => 52,
        };
        let width = swatch + c.width(&c.fit(name, l, limit - MARGIN - 52)?, l)?;
        if x > MARGIN && x + width > limit {
            x = MARGIN;
            y += 44;
        }
        x += draw_entry(c, name, *color, mark, (x, y), limit - x)? + 44;
    }
    Ok(y + 44)
}

/// Category labels: wrapped horizontally (at most three lines, a long word may reach into the
/// neighbours' room as long as no two labels come closer than a gap), else turned upright.
fn category_labels<DB: DrawingBackend>(
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
fn single_labels<DB: DrawingBackend>(c: &Canvas<DB>, labels: &[&str], slot: f64) -> Drawn<XLabels> {
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

fn draw_x_labels<DB: DrawingBackend>(
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

/// One bar of `value` between `x0` and `x1`, at least 2 px tall when above zero so it shows.
fn draw_bar<DB: DrawingBackend>(
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

/// Value labels above bars, all with the same decimals, when every label fits the width it has.
/// With `backdrop`, each label stands on a white box, so that a line drawn across the bars (the
/// Pareto's cumulative %) never hides a number.
fn value_labels<DB: DrawingBackend>(
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
        let text = c.number(value, decimals);
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

fn draw_bars<DB: DrawingBackend>(
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

fn draw_lines<DB: DrawingBackend>(
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

fn draw_pareto<DB: DrawingBackend>(
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

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &str) -> String {
        v.to_string()
    }

    /// A fresh directory for one test.
    fn dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("klacht-charts-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn text(title: &str) -> ChartText {
        ChartText::new(Lang::Nl, title, "Urgentie", "Aantal klachten")
    }

    fn urgency_bars() -> Vec<Bar> {
        let mut bars: Vec<Bar> = (1..=8u8)
            .map(|u| Bar {
                label: u.to_string(),
                values: vec![f64::from(u) * 7.0, f64::from(u) * 5.0, f64::from(u % 3)],
                color: None,
                missing: None,
            })
            .collect();
        bars.push(Bar {
            label: s("ongeclassificeerd"),
            values: vec![14.0, 10.0, 4.0],
            color: None,
            missing: None,
        });
        bars
    }

    fn names() -> Vec<String> {
        vec![s("Ontvangen"), s("Afgehandeld"), s("Open aan einde")]
    }

    fn months(n: usize) -> Vec<String> {
        (0..n)
            .map(|i| format!("{}-{:02}", 2024 + i / 12, i % 12 + 1))
            .collect()
    }

    fn causes() -> Vec<(String, f64)> {
        vec![
            (s("foutieve factuur"), 18.0),
            (s("koudemiddellekkage"), 42.0),
            (s("condensafvoer verstopt"), 31.0),
            (s("te laat op afspraak"), 12.0),
        ]
    }

    /// Width and height from the PNG header (IHDR is always the first chunk).
    fn png_size(bytes: &[u8]) -> (u32, u32) {
        assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
        assert_eq!(&bytes[12..16], b"IHDR");
        let be = |b: &[u8]| u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
        (be(&bytes[16..20]), be(&bytes[20..24]))
    }

    /// Checks both files exist, the PNG is 1600×900 and returns the SVG text.
    fn check_files(paths: &[PathBuf], stem: &Path) -> String {
        assert_eq!(paths, [with_suffix(stem, "png"), with_suffix(stem, "svg")]);
        let png = std::fs::read(&paths[0]).unwrap();
        assert_eq!(png_size(&png), (1600, 900));
        assert!(png.len() > 10_000, "a drawn chart, not a blank page");
        let leftovers: Vec<_> = std::fs::read_dir(stem.parent().unwrap())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().contains(".tmp"))
            .collect();
        assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
        std::fs::read_to_string(&paths[1]).unwrap()
    }

    /// The chart drawn into memory exactly as for the PNG, as RGB bytes.
    fn pixels(chart: &Chart) -> Vec<u8> {
        let mut buf = vec![0u8; 1600 * 900 * 3];
        {
            let root = BitMapBackend::with_buffer(&mut buf, size()).into_drawing_area();
            draw(&root, faces().unwrap(), true, chart).unwrap();
            root.present().unwrap();
        }
        buf
    }

    fn has_color(buf: &[u8], c: RGBColor) -> bool {
        buf.chunks_exact(3).any(|p| p == [c.0, c.1, c.2])
    }

    fn count_color(buf: &[u8], c: RGBColor) -> usize {
        buf.chunks_exact(3)
            .filter(|p| *p == [c.0, c.1, c.2])
            .count()
    }

    /// The texts of the SVG's `<text>` elements with their x positions, in document order.
    fn svg_texts(svg: &str) -> Vec<(f64, String)> {
        svg.split("<text ")
            .skip(1)
            .map(|t| {
                let x = t.split("x=\"").nth(1).unwrap().split('"').next().unwrap();
                let body = t.split('>').nth(1).unwrap().split('<').next().unwrap();
                (x.parse().unwrap(), body.trim().to_string())
            })
            .collect()
    }

    fn has_text(svg: &str, text: &str) -> bool {
        svg_texts(svg).iter().any(|(_, t)| t == text)
    }

    /// The `<rect>`s of the SVG filled with `c`, as (x, width, height).
    fn svg_rects(svg: &str, c: RGBColor) -> Vec<(f64, f64, f64)> {
        let fill = format!("fill=\"#{:02X}{:02X}{:02X}\"", c.0, c.1, c.2);
        let attr = |r: &str, name: &str| -> f64 {
            let v = r.split(&format!(" {name}=\"")).nth(1).unwrap();
            v.split('"').next().unwrap().parse().unwrap()
        };
        svg.split("<rect")
            .skip(1)
            .map(|r| r.split('>').next().unwrap())
            .filter(|r| r.contains(&fill))
            .map(|r| (attr(r, "x"), attr(r, "width"), attr(r, "height")))
            .collect()
    }

    #[test]
    fn a_missing_value_draws_no_bar_and_its_reason_stands_in_its_place() {
        let dir = dir("missing");
        let stem = dir.join("doorlooptijden");
        let small = "n te klein (n = 1)";
        let none = "geen (n = 0)";
        let bar = |label: &str, values: Vec<f64>, missing: Option<&str>| Bar {
            label: s(label),
            values,
            color: None,
            missing: missing.map(s),
        };
        let bars = vec![
            bar("1", vec![29.0, f64::NAN], Some(small)),
            bar("2", vec![3.0, f64::NAN], Some(small)),
            bar("3", vec![3.0, 4.0], Some("never shown")),
            bar("4", vec![f64::NAN, f64::NAN], Some(none)),
        ];
        let names = vec![s("mediaan"), s("p90")];
        let paths = bar_chart(&stem, &text("Doorlooptijd"), &names, &bars).unwrap();
        let svg = check_files(&paths, &stem);
        // A legend swatch per series, then a rect per drawn value: no rect for a missing one,
        // not even a flat one.
        let medians = svg_rects(&svg, Palette::series(0));
        let p90s = svg_rects(&svg, Palette::series(1));
        assert_eq!(medians.len(), 1 + 3, "{medians:?}");
        assert_eq!(p90s.len(), 1 + 1, "{p90s:?}");
        assert!(medians.iter().chain(&p90s).all(|r| r.2 > 0.0));
        let texts = svg_texts(&svg);
        let at = |note: &str| -> Vec<f64> {
            texts
                .iter()
                .filter(|(_, t)| t == note)
                .map(|(x, _)| *x)
                .collect()
        };
        // Each reason stands right of its category's median, left of the next category.
        let small_at = at(small);
        assert_eq!(small_at.len(), 2, "{texts:?}");
        for (k, x) in small_at.iter().enumerate() {
            let (mx, mw, _) = medians[1 + k];
            assert!(
                *x > mx + mw && *x < medians[2 + k].0,
                "{x} for category {k}"
            );
        }
        assert_eq!(at(none).len(), 2, "both values of category 4");
        assert!(at(none).iter().all(|x| *x > p90s[1].0 + p90s[1].1));
        assert!(at("never shown").is_empty());
        // No value label 0 for the missing ones: the only 0 is the axis tick.
        assert_eq!(at("0").len(), 1);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn pareto_panels_keep_groups_apart_with_a_legend_and_one_axis() {
        let dir = dir("panels");
        let stem = dir.join("oorzaken-pareto");
        let technical = Palette::nature(true);
        let other = Palette::nature(false);
        let panels = [
            ParetoPanel {
                label: s("technisch"),
                color: technical,
                items: vec![
                    (s("koudemiddellekkage"), 13.0),
                    (s("condensafvoer verstopt"), 11.0),
                    (s("installatiefout"), 6.0),
                ],
            },
            ParetoPanel {
                label: s("niet-technisch"),
                color: other,
                items: vec![
                    (s("foutieve factuur"), 5.0),
                    (s("condensafvoer verstopt"), 1.0),
                ],
            },
        ];
        let paths = pareto_panels(&stem, &text("Oorzaken"), &panels, "cumulatief %").unwrap();
        let svg = check_files(&paths, &stem);
        let texts = svg_texts(&svg);
        let count = |t: &str| texts.iter().filter(|(_, x)| x == t).count();
        // Each group named twice (legend and panel heading), the line once in the legend.
        assert_eq!(count("technisch"), 2, "{texts:?}");
        assert_eq!(count("niet-technisch"), 2);
        assert_eq!(count("cumulatief %"), 1);
        // The cause of both natures: once per panel (whole, or wrapped to its first word),
        // each under a bar of its panel's colour.
        let at: Vec<f64> = texts
            .iter()
            .filter(|(_, t)| t.starts_with("condensafvoer"))
            .map(|(x, _)| *x)
            .collect();
        assert_eq!(at.len(), 2);
        let bars_t = svg_rects(&svg, technical);
        let bars_n = svg_rects(&svg, other);
        assert_eq!(
            (bars_t.len(), bars_n.len()),
            (1 + 3, 1 + 2),
            "swatch and bars"
        );
        let under = |x: f64, bars: &[(f64, f64, f64)]| {
            bars[1..]
                .iter()
                .any(|(bx, w, _)| x >= bx - LINE_PITCH as f64 && x <= bx + w + LINE_PITCH as f64)
        };
        assert!(under(at[0], &bars_t) && !under(at[0], &bars_n));
        assert!(under(at[1], &bars_n) && !under(at[1], &bars_t));
        // One count axis: 11 in the first panel and 1 in the second keep their ratio.
        let height = |bars: &[(f64, f64, f64)], i: usize| bars[i].2;
        let ratio = height(&bars_t, 2) / height(&bars_n, 2);
        assert!((ratio - 11.0).abs() < 0.5, "{ratio}");
        // Two cumulative lines that each end at 100 %.
        assert_eq!(count("100%"), 2);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_grouped_bar_chart_writes_png_and_svg_with_title_legend_and_labels() {
        let dir = dir("bars");
        let stem = dir.join("urgentie");
        let t = text("Klachten per urgentie");
        let paths = bar_chart(&stem, &t, &names(), &urgency_bars()).unwrap();
        let svg = check_files(&paths, &stem);
        assert!(has_text(&svg, "Klachten per urgentie"));
        assert!(has_text(&svg, "Aantal klachten") && has_text(&svg, "Urgentie"));
        for label in ["1", "8", "ongeclassificeerd", "Ontvangen", "Open aan einde"] {
            assert!(has_text(&svg, label), "{label} missing");
        }
        assert!(has_text(&svg, "56"), "value label on the tallest bar");
        let buf = pixels(&Chart {
            text: &t,
            body: Body::Bars {
                series_names: &names(),
                bars: &urgency_bars(),
            },
        });
        for j in 0..3 {
            assert!(has_color(&buf, Palette::series(j)), "series {j} drawn");
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn own_bar_colours_are_used_and_shaded_per_series() {
        let bars: Vec<Bar> = [Some(1), Some(8), None]
            .into_iter()
            .map(|u| Bar {
                label: format!("{u:?}"),
                values: vec![10.0, 6.0],
                color: Some(Palette::urgency(u)),
                missing: None,
            })
            .collect();
        let t = text("Kleuren");
        let names = [s("Ontvangen"), s("Afgehandeld")];
        let buf = pixels(&Chart {
            text: &t,
            body: Body::Bars {
                series_names: &names,
                bars: &bars,
            },
        });
        for u in [Some(1), Some(8), None] {
            let own = Palette::urgency(u);
            assert!(has_color(&buf, own));
            assert!(has_color(&buf, shade(own, 1, 2)));
        }
        assert!(
            !has_color(&buf, Palette::series(0)),
            "series colours give way"
        );
    }

    #[test]
    fn a_line_chart_over_36_months_thins_its_labels_and_keeps_the_last() {
        let dir = dir("lines");
        let stem = dir.join("trend");
        let x = months(36);
        let series = vec![
            (
                s("Ontvangen"),
                (0..36).map(|i| f64::from(i % 7 + 20)).collect(),
            ),
            (
                s("Afgehandeld"),
                (0..36).map(|i| f64::from(i % 5 + 18)).collect(),
            ),
        ];
        let t = ChartText::new(Lang::Nl, "Trend", "Maand", "Aantal");
        let svg = check_files(&line_chart(&stem, &t, &x, &series).unwrap(), &stem);
        let shown: Vec<&String> = x.iter().filter(|m| has_text(&svg, m)).collect();
        assert!(
            shown.len() < 36 && shown.len() >= 6,
            "{} labels",
            shown.len()
        );
        assert!(has_text(&svg, "2026-12"), "the latest month is labelled");
        assert!(has_text(&svg, "Ontvangen") && has_text(&svg, "Afgehandeld"));
        // Shown labels never overlap: at 28 px a month label is well under 110 px wide.
        let xs: Vec<f64> = svg_texts(&svg)
            .into_iter()
            .filter(|(_, t)| x.contains(t))
            .map(|(x, _)| x)
            .collect();
        assert!(xs.windows(2).all(|w| w[1] - w[0] > 110.0), "{xs:?}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_line_with_nan_breaks_and_a_lone_point_still_shows() {
        let t = text("Gaten");
        let x = months(5);
        let series = vec![(s("Ontvangen"), vec![3.0, f64::NAN, 5.0, f64::INFINITY, 4.0])];
        let buf = pixels(&Chart {
            text: &t,
            body: Body::Lines {
                x_labels: &x,
                series: &series,
            },
        });
        // Three lone points, each a ring in the series colour; no line joins them, so the
        // coloured area stays small.
        let blue = count_color(&buf, Palette::series(0));
        assert!(blue > 100 && blue < 1500, "{blue}");
    }

    #[test]
    fn a_pareto_sorts_descending_and_draws_the_cumulative_axis() {
        let dir = dir("pareto");
        let stem = dir.join("oorzaken");
        let t = ChartText::new(Lang::Nl, "Oorzaken", "Oorzaak", "Aantal klachten");
        let svg = check_files(
            &pareto_chart(&stem, &t, &causes(), "Cumulatief %").unwrap(),
            &stem,
        );
        let at = |label: &str| {
            svg_texts(&svg)
                .into_iter()
                .find(|(_, t)| t == label)
                .map(|(x, _)| x)
        };
        // Labels may be wrapped; the first word of each stands for its bar.
        let order = [
            "koudemiddellekkage",
            "condensafvoer",
            "foutieve",
            "te laat op",
        ];
        let xs: Vec<f64> = order
            .iter()
            .map(|w| {
                svg_texts(&svg)
                    .into_iter()
                    .find(|(_, t)| t.starts_with(w))
                    .map(|(x, _)| x)
                    .unwrap_or_else(|| panic!("{w} missing"))
            })
            .collect();
        assert!(xs.windows(2).all(|w| w[0] < w[1]), "{xs:?}");
        assert!(at("100%").is_some() && at("0%").is_some() && at("Cumulatief %").is_some());
        // The counts are drawn after the cumulative line, each on a white box, so the line's
        // markers never hide a number (they did on the sample report's 11 and 5).
        let line = svg
            .find("<polyline")
            .expect("the cumulative line is a polyline");
        for count in ["42", "31", "18", "12"] {
            let label = svg
                .find(&format!(">{count}</text>"))
                .or_else(|| svg.find(&format!(">\n{count}\n</text>")))
                .unwrap_or_else(|| panic!("count {count} missing"));
            assert!(label > line, "count {count} is drawn under the line");
            let before = &svg[..label];
            let box_at = before.rfind("<rect").expect("a box under the count");
            assert!(
                before[box_at..].contains("fill=\"#FFFFFF\""),
                "the box under {count} is white"
            );
        }
        let buf = pixels(&Chart {
            text: &t,
            body: Body::Pareto {
                items: causes(),
                cumulative_label: "Cumulatief %",
                color: Palette::series(0),
                panel: false,
            },
        });
        assert!(has_color(&buf, CUMULATIVE) && has_color(&buf, Palette::series(0)));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn labels_with_markup_characters_are_escaped_in_the_svg() {
        let dir = dir("escape");
        let stem = dir.join("x");
        let t = ChartText::new(Lang::En, "R&D <test> \"q\"", "a & b", "<y>");
        let bars = vec![Bar {
            label: s("A&B <c>"),
            values: vec![3.0],
            color: None,
            missing: None,
        }];
        let svg = check_files(&bar_chart(&stem, &t, &[s("n")], &bars).unwrap(), &stem);
        assert!(svg.contains("R&amp;D &lt;test&gt; &quot;q&quot;"));
        assert!(svg.contains("A&amp;B &lt;c&gt;"));
        assert!(!svg.contains("<c>") && !svg.contains("<test>") && !svg.contains("<y>"));
        assert!(svg.trim_end().ends_with("</svg>"));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn empty_data_gives_a_chart_with_the_note_for_every_kind() {
        let dir = dir("empty");
        let t = text("Leeg");
        let bars = bar_chart(&dir.join("a"), &t, &names(), &[]).unwrap();
        let no_values = vec![Bar {
            label: s("1"),
            values: vec![],
            color: None,
            missing: None,
        }];
        let bars_without_values = bar_chart(&dir.join("b"), &t, &names(), &no_values).unwrap();
        let lines = line_chart(&dir.join("c"), &t, &months(24), &[]).unwrap();
        let no_months = line_chart(&dir.join("d"), &t, &[], &[(s("x"), vec![])]).unwrap();
        let pareto = pareto_chart(&dir.join("e"), &t, &[], "Cumulatief %").unwrap();
        for (paths, stem) in [
            (bars, "a"),
            (bars_without_values, "b"),
            (lines, "c"),
            (no_months, "d"),
            (pareto, "e"),
        ] {
            let svg = check_files(&paths, &dir.join(stem));
            assert!(has_text(&svg, "Geen gegevens in deze periode"), "{stem}");
            assert!(has_text(&svg, "Leeg"));
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn all_zeros_nan_infinite_and_negative_values_do_not_panic() {
        let dir = dir("odd");
        let t = text("Vreemde waarden");
        let zeros = vec![Bar {
            label: s("1"),
            values: vec![0.0, 0.0],
            color: None,
            missing: None,
        }];
        let svg = check_files(
            &bar_chart(&dir.join("zeros"), &t, &names(), &zeros).unwrap(),
            &dir.join("zeros"),
        );
        assert!(has_text(&svg, "5"), "an axis up to 5 for all zeros");
        let odd = vec![Bar {
            label: s("2"),
            values: vec![f64::NAN, f64::INFINITY, -3.0, f64::NEG_INFINITY, 7.0],
            color: None,
            missing: None,
        }];
        let svg = check_files(
            &bar_chart(&dir.join("odd"), &t, &names(), &odd).unwrap(),
            &dir.join("odd"),
        );
        assert!(!svg.contains("NaN") && !svg.contains("inf"));
        assert!(
            has_text(&svg, "7") && has_text(&svg, "0"),
            "negative drawn as 0"
        );
        let items = [(s("a"), f64::NAN), (s("b"), -2.0), (s("c"), f64::INFINITY)];
        let pareto = pareto_chart(&dir.join("p"), &t, &items, "Cum.").unwrap();
        assert!(!check_files(&pareto, &dir.join("p")).contains("NaN"));
        let nan_lines = [(s("x"), vec![f64::NAN; 24])];
        line_chart(&dir.join("l"), &t, &months(24), &nan_lines).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn one_bar_stays_a_bar_not_a_wall() {
        let t = text("Eén");
        let bars = vec![Bar {
            label: s("0–10"),
            values: vec![5.0],
            color: None,
            missing: None,
        }];
        let names = [s("Achterstallig")];
        let buf = pixels(&Chart {
            text: &t,
            body: Body::Bars {
                series_names: &names,
                bars: &bars,
            },
        });
        let row = |y: usize| &buf[y * 1600 * 3..(y + 1) * 1600 * 3];
        let c = Palette::series(0);
        let widest = (0..900).map(|y| count_color(row(y), c)).max().unwrap_or(0);
        assert!(widest > 60 && widest <= 121, "bar width {widest}");
    }

    #[test]
    fn long_labels_and_titles_are_cut_with_an_ellipsis_or_turned_upright() {
        let dir = dir("long");
        let long = "een zeer lange omschrijving van de oorzaak ".repeat(10);
        let t = ChartText::new(Lang::Nl, &long, "Oorzaak", "Aantal");
        let items: Vec<(String, f64)> = (0..12)
            .map(|i| (format!("koudemiddellekkage{i} {long}"), f64::from(20 - i)))
            .collect();
        let svg = check_files(
            &pareto_chart(&dir.join("p"), &t, &items, "Cumulatief %").unwrap(),
            &dir.join("p"),
        );
        assert!(svg.contains("transform=\"rotate(270"), "upright labels");
        let texts = svg_texts(&svg);
        assert!(texts[0].1.ends_with('…'), "title cut: {}", texts[0].1);
        assert!(texts.iter().filter(|(_, t)| t.ends_with('…')).count() >= 12);
        let faces = faces().unwrap();
        let mut buf = vec![0u8; 1600 * 900 * 3];
        let root = BitMapBackend::with_buffer(&mut buf, size()).into_drawing_area();
        let c = Canvas {
            area: &root,
            faces,
            raster: true,
            lang: Lang::Nl,
            w: WIDTH,
        };
        let l = look(TICK_PX, INK);
        for (_, t) in &texts {
            let size = if t == &texts[0].1 { TITLE_PX } else { l.px };
            let bold = t == &texts[0].1;
            let w = c
                .width(
                    t,
                    Look {
                        px: size,
                        bold,
                        color: INK,
                    },
                )
                .unwrap();
            assert!(w <= WIDTH - 2 * MARGIN, "{t} is {w} px");
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn category_labels_wrap_when_they_fit_and_turn_upright_when_not() {
        let faces = faces().unwrap();
        let mut buf = vec![0u8; 1600 * 900 * 3];
        let root = BitMapBackend::with_buffer(&mut buf, size()).into_drawing_area();
        let c = Canvas {
            area: &root,
            faces,
            raster: true,
            lang: Lang::Nl,
            w: WIDTH,
        };
        let plot = Plot {
            left: 100,
            top: 200,
            right: 1540,
            bottom: 700,
        };
        let short = ["0–10", "11–20", "21–40", "41–60", ">60"];
        assert!(matches!(
            category_labels(&c, &short, &plot).unwrap(),
            XLabels::Flat { step: 1, .. }
        ));
        // A long word may reach into the room of short neighbours.
        let urgency = ["1", "2", "3", "4", "5", "6", "7", "8", "ongeclassificeerd"];
        assert!(matches!(
            category_labels(&c, &urgency, &plot).unwrap(),
            XLabels::Flat { .. }
        ));
        let two_words = ["condensafvoer verstopt", "x"];
        match category_labels(&c, &two_words, &plot).unwrap() {
            XLabels::Flat { lines, .. } => assert_eq!(lines[0], ["condensafvoer verstopt"]),
            _ => panic!("should stay flat"),
        }
        let causes = [
            "koudemiddellekkage",
            "condensafvoer verstopt",
            "foutieve factuur",
            "thermostaat defect",
            "te laat op afspraak",
            "geluidsoverlast buitendeel",
            "compressor defect",
            "onvoldoende koeling na onderhoud",
            "communicatie monteur",
            "overig",
        ];
        match category_labels(&c, &causes, &plot).unwrap() {
            XLabels::Upright {
                lines,
                step,
                length,
            } => {
                assert_eq!(step, 1);
                assert!(length <= MAX_UPRIGHT_PX + 6);
                let all: Vec<String> = lines.iter().map(|l| l.join(" ")).collect();
                assert_eq!(all, causes, "every cause complete, split over columns");
            }
            _ => panic!("should turn upright"),
        }
        let many: Vec<String> = (0..120).map(|i| format!("oorzaak {i}")).collect();
        let many: Vec<&str> = many.iter().map(String::as_str).collect();
        match category_labels(&c, &many, &plot).unwrap() {
            XLabels::Upright { step, lines, .. } => {
                assert!(step >= 3, "thinned to slots of at least 34 px");
                assert_eq!(lines.len(), 120usize.div_ceil(step));
            }
            _ => panic!("120 labels cannot lie flat"),
        }
    }

    #[test]
    fn fit_cuts_to_the_width_and_wrap_keeps_words_whole() {
        let faces = faces().unwrap();
        let mut buf = vec![0u8; 1600 * 900 * 3];
        let root = BitMapBackend::with_buffer(&mut buf, size()).into_drawing_area();
        let c = Canvas {
            area: &root,
            faces,
            raster: true,
            lang: Lang::Nl,
            w: WIDTH,
        };
        let l = look(TICK_PX, INK);
        let cut = c.fit("koudemiddellekkage", l, 120).unwrap();
        assert!(cut.ends_with('…') && cut.len() > "…".len(), "{cut}");
        assert!(c.width(&cut, l).unwrap() <= 120);
        assert_eq!(c.fit("kort", l, 120).unwrap(), "kort");
        assert_eq!(
            c.fit("  dubbele   spaties ", l, 600).unwrap(),
            "dubbele spaties"
        );
        assert_eq!(
            c.fit("iets", l, 2).unwrap(),
            "",
            "not even the ellipsis fits"
        );
        assert_eq!(
            c.wrap("te laat op afspraak", l, 130).unwrap(),
            ["te laat op", "afspraak"]
        );
        assert_eq!(
            c.wrap("koudemiddellekkage buitendeel", l, 100).unwrap(),
            ["koudemiddellekkage", "buitendeel"]
        );
        assert!(c.wrap("   ", l, 100).unwrap().is_empty());
        // Kerning and advances: a wider text measures wider, bold wider than regular.
        let bold = Look { bold: true, ..l };
        assert!(c.width("Klachten", bold).unwrap() > c.width("Klachten", l).unwrap());
        assert!(c.width("WW", l).unwrap() > c.width("ii", l).unwrap());
    }

    #[test]
    fn numbers_follow_the_language() {
        let faces = faces().unwrap();
        let mut buf = vec![0u8; 1600 * 900 * 3];
        let root = BitMapBackend::with_buffer(&mut buf, size()).into_drawing_area();
        let nl = Canvas {
            area: &root,
            faces,
            raster: true,
            lang: Lang::Nl,
            w: WIDTH,
        };
        let en = Canvas {
            lang: Lang::En,
            ..nl
        };
        assert_eq!(nl.number(1234.5, 1), "1.234,5");
        assert_eq!(en.number(1234.5, 1), "1,234.5");
        assert_eq!(nl.number(1_234_567.0, 0), "1.234.567");
        assert_eq!(nl.number(999.0, 0), "999");
        assert_eq!(nl.number(0.25, 2), "0,25");
        assert_eq!(nl.number(-0.0, 0), "0");
        assert_eq!(nl.number(-1500.0, 0), "-1.500");
    }

    #[test]
    fn scales_are_nice_start_at_zero_and_count_in_whole_steps() {
        let nice = |max, integer| Scale::nice(max, integer, None);
        assert_eq!(
            nice(73.0, true),
            Scale {
                top: 100.0,
                step: 20.0
            }
        );
        assert_eq!(
            nice(53.0, true),
            Scale {
                top: 60.0,
                step: 10.0
            }
        );
        assert_eq!(
            nice(14.0, true),
            Scale {
                top: 16.0,
                step: 2.0
            }
        );
        assert_eq!(
            nice(3.0, true),
            Scale {
                top: 4.0,
                step: 1.0
            }
        );
        assert_eq!(
            nice(1.0, true),
            Scale {
                top: 2.0,
                step: 1.0
            }
        );
        assert_eq!(
            nice(0.0, true),
            Scale {
                top: 5.0,
                step: 1.0
            }
        );
        assert_eq!(
            nice(f64::NAN, true),
            Scale {
                top: 5.0,
                step: 1.0
            }
        );
        assert_eq!(
            nice(1234.0, true),
            Scale {
                top: 1400.0,
                step: 200.0
            }
        );
        let days = nice(0.4, false);
        assert!((days.top - 0.5).abs() < 1e-9 && (days.step - 0.1).abs() < 1e-9);
        assert_eq!(days.decimals(), 1);
        assert_eq!(nice(9.0, false).decimals(), 0);
        assert_eq!(
            Scale::nice(42.0, true, Some(5)),
            Scale {
                top: 50.0,
                step: 10.0
            }
        );
        assert_eq!(
            Scale::nice(3.0, true, Some(5)),
            Scale {
                top: 5.0,
                step: 1.0
            }
        );
        for max in [0.3, 2.0, 7.0, 19.0, 99.0, 101.0, 5e6] {
            let sc = nice(max, true);
            assert!(sc.top >= max * HEADROOM && sc.step >= 1.0 && sc.step.fract() == 0.0);
            assert!(sc.ticks().len() <= 9, "{max}: {sc:?}");
            assert_eq!(sc.ticks()[0], 0.0);
        }
        assert_eq!(nice(8.0, true).ticks(), [0.0, 2.0, 4.0, 6.0, 8.0, 10.0]);
    }

    #[test]
    fn the_same_input_gives_byte_identical_files() {
        let dir = dir("same");
        let t = text("Herhaalbaar");
        let run = |name: &str| {
            let a = bar_chart(
                &dir.join(format!("{name}-bar")),
                &t,
                &names(),
                &urgency_bars(),
            )
            .unwrap();
            let b = line_chart(
                &dir.join(format!("{name}-line")),
                &t,
                &months(24),
                &[(s("Ontvangen"), (0..24).map(f64::from).collect())],
            )
            .unwrap();
            let c =
                pareto_chart(&dir.join(format!("{name}-pareto")), &t, &causes(), "Cum.").unwrap();
            [a, b, c]
                .concat()
                .iter()
                .map(|p| std::fs::read(p).unwrap())
                .collect::<Vec<_>>()
        };
        assert_eq!(run("first"), run("second"));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn an_unwritable_target_is_an_output_error_naming_the_path_and_leaves_nothing() {
        let dir = dir("fail");
        let blocker = dir.join("bestand");
        std::fs::write(&blocker, "geen map").unwrap();
        let stem = blocker.join("urgentie");
        let err = bar_chart(&stem, &text("x"), &names(), &urgency_bars()).unwrap_err();
        assert_eq!(err.code, "E-output");
        assert!(err.file.starts_with(&blocker), "{}", err.file.display());
        let target = dir.join("grafiek.png");
        std::fs::create_dir_all(&target).unwrap();
        let err =
            bar_chart(&dir.join("grafiek"), &text("x"), &names(), &urgency_bars()).unwrap_err();
        assert_eq!(err.code, "E-output");
        assert_eq!(err.file, target);
        let names: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(
            names.len(),
            2,
            "only the blocker and the directory: {names:?}"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn stems_keep_their_dots() {
        assert_eq!(
            with_suffix(Path::new("grafieken/trend-2026.Q3"), "png"),
            PathBuf::from("grafieken/trend-2026.Q3.png")
        );
    }

    #[test]
    fn the_palette_runs_from_dark_red_to_calm_blue_with_grey_for_unclassified() {
        let colours: Vec<RGBColor> = (1..=8).map(|u| Palette::urgency(Some(u))).collect();
        for (i, a) in colours.iter().enumerate() {
            assert!(colours[i + 1..].iter().all(|b| b != a), "distinct");
        }
        let (first, last) = (colours[0], colours[7]);
        assert!(first.0 > 120 && first.1 < 40 && first.2 < 60, "dark red");
        assert!(last.2 > last.0, "bluish");
        let grey = Palette::urgency(None);
        assert!(grey.0.abs_diff(grey.1) < 12 && grey.1.abs_diff(grey.2) < 12);
        assert_eq!(Palette::urgency(Some(9)), grey);
        assert_ne!(Palette::nature(true), Palette::nature(false));
        assert_eq!(Palette::series(10), Palette::series(0));
        assert_eq!(Palette::hex(RGBColor(255, 0, 128)), 0xFF0080);
        assert_eq!(Palette::hex(Palette::urgency(None)), 0xA6AAB0);
    }
}
