//! The canvas: the bundled font, text measured and drawn the same in PNG and SVG (fitted,
//! wrapped, upright) and shapes.

use super::scale::px;
use crate::Lang;
use ab_glyph::{point, Font as _, FontRef, PxScale, ScaleFont};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use std::sync::OnceLock;

/// The font family the SVG names: viewers read it as a CSS font list. Arimo (Liberation Sans'
/// upstream), Arial and Helvetica have the same advance widths as Liberation Sans, so the SVG
/// keeps the PNG's layout wherever one of them is installed (docs/decisions.md, issue 19).
const FAMILY: &str = "Liberation Sans, Arimo, Arial, Helvetica, sans-serif";
static REGULAR: &[u8] = include_bytes!("../../../assets/fonts/LiberationSans-Regular.ttf");
static BOLD: &[u8] = include_bytes!("../../../assets/fonts/LiberationSans-Bold.ttf");

// Font sizes in pixels (the em, CSS `font-size`).
pub(super) const TITLE_PX: f64 = 46.0;
pub(super) const LABEL_PX: f64 = 29.0;
pub(super) const TICK_PX: f64 = 28.0;
pub(super) const VALUE_PX: f64 = 25.0;
pub(super) const NOTE_PX: f64 = 32.0;
/// plotters' SVG backend writes `font-size` as the style's size divided by this.
const SVG_SIZE_FACTOR: f64 = 1.24;
/// Longest text measured; longer labels are cut first (they could never fit anyway).
const MAX_CHARS: usize = 200;

pub(super) fn err(e: impl std::fmt::Display) -> ChartError {
    ChartError::Draw(e.to_string())
}

/// The bundled font, parsed once per process.
pub(super) struct Faces {
    regular: FontRef<'static>,
    pub(super) bold: FontRef<'static>,
}

pub(super) fn faces() -> Drawn<&'static Faces> {
    static FACES: OnceLock<Option<Faces>> = OnceLock::new();
    FACES
        .get_or_init(|| {
            Some(Faces {
                regular: FontRef::try_from_slice(REGULAR).ok()?,
                bold: FontRef::try_from_slice(BOLD).ok()?,
            })
        })
        .as_ref()
        .ok_or(ChartError::Font)
}

/// Why a chart could not be drawn; it becomes the detail of an `E-output` error.
#[derive(Debug, thiserror::Error)]
pub(super) enum ChartError {
    #[error("the bundled font could not be loaded")]
    Font,
    /// The drawing backend or the file system failed.
    #[error("{0}")]
    Draw(String),
}

pub(super) type Drawn<T = ()> = std::result::Result<T, ChartError>;

/// Size, weight and colour of a text.
#[derive(Clone, Copy)]
pub(super) struct Look {
    pub(super) px: f64,
    pub(super) bold: bool,
    pub(super) color: RGBColor,
}

pub(super) const fn look(px: f64, color: RGBColor) -> Look {
    Look {
        px,
        bold: false,
        color,
    }
}

/// Text and shape helpers on one drawing area, all in pixels. `raster` draws text pixel by
/// pixel (PNG); otherwise text goes to the backend as text (SVG).
pub(super) struct Canvas<'a, DB: DrawingBackend> {
    pub(super) area: &'a DrawingArea<DB, Shift>,
    pub(super) faces: &'a Faces,
    pub(super) raster: bool,
    pub(super) lang: Lang,
    /// Width of the area: the chart's, or one panel's.
    pub(super) w: i32,
}

/// A raster canvas of the chart's size in Dutch, for tests that measure or draw text.
#[cfg(test)]
pub(super) fn test_canvas<R>(f: impl FnOnce(&Canvas<'_, BitMapBackend<'_>>) -> R) -> R {
    let mut buf = vec![0u8; 1600 * 900 * 3];
    let root = BitMapBackend::with_buffer(&mut buf, super::size()).into_drawing_area();
    let c = Canvas {
        area: &root,
        faces: faces().expect("the bundled font loads"),
        raster: true,
        lang: Lang::Nl,
        w: super::WIDTH,
    };
    f(&c)
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
    pub(super) fn width(&self, text: &str, l: Look) -> Drawn<i32> {
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
    pub(super) fn text(&self, text: &str, at: (i32, i32), l: Look, h: HPos, v: VPos) -> Drawn {
        self.text_turned(text, at, l, Pos::new(h, v), false)
    }

    /// Text reading bottom to top whose end sits at `at` (under a bar, centred on it).
    pub(super) fn upright(&self, text: &str, at: (i32, i32), l: Look) -> Drawn {
        self.text_turned(text, at, l, Pos::new(HPos::Right, VPos::Center), true)
    }

    pub(super) fn text_turned(
        &self,
        text: &str,
        at: (i32, i32),
        l: Look,
        pos: Pos,
        turned: bool,
    ) -> Drawn {
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

    pub(super) fn rect(
        &self,
        (x0, y0): (i32, i32),
        (x1, y1): (i32, i32),
        color: RGBColor,
    ) -> Drawn {
        self.area
            .draw(&Rectangle::new([(x0, y0), (x1, y1)], color.filled()))
            .map_err(err)
    }

    pub(super) fn line(&self, points: Vec<(i32, i32)>, color: RGBColor, width: u32) -> Drawn {
        let style = ShapeStyle {
            color: color.to_rgba(),
            filled: false,
            stroke_width: width,
        };
        self.area
            .draw(&PathElement::new(points, style))
            .map_err(err)
    }

    pub(super) fn dot(&self, at: (i32, i32), radius: i32, color: RGBColor) -> Drawn {
        self.area
            .draw(&Circle::new(at, radius, color.filled()))
            .map_err(err)?;
        self.area
            .draw(&Circle::new(at, radius - 2, WHITE.filled()))
            .map_err(err)
    }

    /// A filled point.
    pub(super) fn disc(&self, at: (i32, i32), radius: i32, color: RGBColor) -> Drawn {
        self.area
            .draw(&Circle::new(at, radius, color.filled()))
            .map_err(err)
    }

    /// A dashed horizontal line at `y` from `x0` to `x1`.
    pub(super) fn dashed(
        &self,
        (x0, x1): (i32, i32),
        y: i32,
        color: RGBColor,
        width: u32,
    ) -> Drawn {
        const DASH: i32 = 16;
        const GAP: i32 = 10;
        let mut x = x0;
        while x < x1 {
            let end = (x + DASH).min(x1);
            self.line(vec![(x, y), (end, y)], color, width)?;
            x = end + GAP;
        }
        Ok(())
    }

    /// `text` cut with "…" to at most `max` pixels wide; empty when not even "…" fits.
    pub(super) fn fit(&self, text: &str, l: Look, max: i32) -> Drawn<String> {
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
    pub(super) fn wrap(&self, text: &str, l: Look, max: i32) -> Drawn<Vec<String>> {
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

    /// A number for people in the chart's language ([`Lang::number`]).
    pub(super) fn number(&self, v: f64, decimals: usize) -> String {
        self.lang.number(v, decimals)
    }
}

#[cfg(test)]
mod tests {
    use super::super::palette::INK;
    use super::*;

    #[test]
    fn fit_cuts_to_the_width_and_wrap_keeps_words_whole() {
        test_canvas(|c| {
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
        });
    }
}
