//! Colours: the ink and grid of every chart, and the category colours charts and workbook share.

use plotters::prelude::*;

pub(super) const INK: RGBColor = RGBColor(33, 37, 41);
pub(super) const MUTED: RGBColor = RGBColor(88, 94, 102);
pub(super) const GRID: RGBColor = RGBColor(225, 228, 232);
pub(super) const AXIS: RGBColor = RGBColor(110, 116, 124);
pub(super) const NEUTRAL: RGBColor = RGBColor(96, 104, 114);
pub(super) const CUMULATIVE: RGBColor = RGBColor(214, 96, 28);
/// Control limits and the months with a signal.
pub(super) const LIMIT: RGBColor = RGBColor(190, 50, 60);
/// The ground of the period's months in a c-chart.
pub(super) const BAND: RGBColor = RGBColor(226, 236, 249);

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

    /// Control limits and the months with a signal: red, in charts and workbook alike.
    pub fn limit() -> RGBColor {
        LIMIT
    }

    /// The centre line of a c-chart: grey.
    pub fn centre() -> RGBColor {
        NEUTRAL
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

/// Series `j` of `m` in one category colour: the first full, later ones lighter.
pub(super) fn shade(c: RGBColor, j: usize, m: usize) -> RGBColor {
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

#[cfg(test)]
mod tests {
    use super::*;

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
