//! Scales and the plot box: nice round axis steps from zero, and values to pixels.

use super::HEADROOM;

/// A y axis from 0 to `top` in steps of `step`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Scale {
    pub(super) top: f64,
    pub(super) step: f64,
}

impl Scale {
    /// A "nice" axis (steps of 1, 2, 2.5 or 5 times a power of ten) with room above `max` and at
    /// most eight steps, the finest such; counts (`integer`) get whole steps. `intervals` forces
    /// the number of steps, so that a second axis can share the gridlines.
    pub(super) fn nice(max: f64, integer: bool, intervals: Option<u32>) -> Scale {
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

    pub(super) fn ticks(&self) -> Vec<f64> {
        let count = (self.top / self.step).round().clamp(1.0, 50.0) as u32;
        (0..=count).map(|i| f64::from(i) * self.step).collect()
    }

    /// Digits after the decimal point that the steps need.
    pub(super) fn decimals(&self) -> usize {
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
pub(super) struct Plot {
    pub(super) left: i32,
    pub(super) top: i32,
    pub(super) right: i32,
    pub(super) bottom: i32,
}

impl Plot {
    pub(super) fn y(&self, scale: &Scale, v: f64) -> i32 {
        let share = if scale.top > 0.0 {
            (v / scale.top).clamp(0.0, 1.0)
        } else {
            0.0
        };
        self.bottom - px(share * f64::from(self.bottom - self.top))
    }

    pub(super) fn slot(&self, n: usize) -> f64 {
        f64::from(self.right - self.left) / n.max(1) as f64
    }

    pub(super) fn centre(&self, i: usize, n: usize) -> f64 {
        f64::from(self.left) + (i as f64 + 0.5) * self.slot(n)
    }
}

/// Rounds a pixel coordinate; coordinates stay within a few thousand, so the cast is exact.
pub(super) fn px(v: f64) -> i32 {
    v.round().clamp(-1e6, 1e6) as i32
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
