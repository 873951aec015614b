//! The c-chart and its rules on hand-made monthly counts, and against a plain second reading of
//! SPEC §10 on random counts.

use super::*;
use proptest::prelude::*;

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn key(y: i32, m: u32) -> i32 {
    y * 12 + m as i32 - 1
}

fn q3() -> Period {
    Period::between(ymd(2026, 7, 1), ymd(2026, 9, 30))
}

fn settings(rules: &[u8]) -> SignalSettings {
    SignalSettings {
        baseline_months: 24,
        min_baseline: 12,
        rules: rules.to_vec(),
    }
}

/// (month index, rule, direction, run) of each finding.
fn found(
    counts: &[u64],
    baseline: usize,
    running: bool,
) -> Vec<(usize, u8, Direction, Option<usize>)> {
    let (_, found) = judge(counts, baseline, running, &[1, 2, 3]).unwrap();
    found
        .iter()
        .map(|f| (f.index, f.rule, f.direction, f.run))
        .collect()
}

use Direction::{Down, Up};

#[test]
fn limits_are_the_baseline_mean_plus_and_minus_three_roots() {
    // c̄ = 25: UCL 25 + 15 = 40, LCL 25 − 15 = 10.
    let l = Limits::of(&[20, 30, 25, 25]).unwrap();
    assert_eq!((l.centre, l.ucl, l.lcl), (25.0, 40.0, Some(10.0)));
    // Zero months count: (0 + 8) / 2 = 4; LCL 4 − 6 ≤ 0 is none.
    let l = Limits::of(&[0, 8]).unwrap();
    assert_eq!((l.centre, l.ucl, l.lcl), (4.0, 10.0, None));
    // c̄ = 9: LCL exactly 0 is none as well.
    assert_eq!(Limits::of(&[9]).unwrap().lcl, None);
    // c̄ = 0: UCL 0, any complaint is above it.
    assert_eq!(Limits::of(&[0, 0]).unwrap().ucl, 0.0);
    assert_eq!(Limits::of(&[]), None);
}

#[test]
fn rule_1_flags_a_month_of_p_above_the_upper_or_below_the_lower_limit() {
    // Baseline c̄ = 25 (UCL 40, LCL 10) with baseline months outside the limits: those are
    // never judged. P: 41 up, 9 down, 40 and 10 on the limits are no signal.
    let mut counts = vec![20, 30, 45, 5, 25, 25, 25, 25, 30, 20, 25, 25];
    assert_eq!(Limits::of(&counts).unwrap().centre, 25.0);
    counts.extend([41, 9, 40, 10]);
    assert_eq!(
        found(&counts, 12, false),
        [(12, 1, Up, None), (13, 1, Down, None)]
    );
}

#[test]
fn without_a_lower_limit_no_month_is_too_low() {
    // c̄ = 4: LCL would be −2. A month of 0 is no signal; 11 > UCL 10 is.
    let mut counts = vec![4; 12];
    counts.extend([0, 11, 10]);
    assert_eq!(found(&counts, 12, false), [(13, 1, Up, None)]);
}

#[test]
fn rule_2_is_one_signal_per_run_of_eight_at_its_last_month_in_p() {
    // c̄ = 5 from 12 baseline months; the last 5 baseline months are above it.
    let base = [1, 8, 1, 8, 1, 8, 1, 6, 7, 6, 7, 6];
    assert_eq!(Limits::of(&base).unwrap().centre, 5.0);
    // P: 6, 6, 7: the run from month 7 reaches 8 months in P's third month: reported there.
    let mut c = base.to_vec();
    c.extend([6, 6, 7]);
    assert_eq!(found(&c, 12, false), [(14, 2, Up, Some(8))]);
    // Reaching 8 in P's first month and lasting: one signal, at P's last month, 10 long.
    let mut c = base.to_vec();
    c[6] = 6;
    c.extend([6, 6, 7]);
    assert!(Limits::of(&c[..12]).unwrap().centre < 6.0);
    assert_eq!(found(&c, 12, false), [(14, 2, Up, Some(10))]);
    // Broken in P's second month by a month equal to c̄ (still 5): reported at the month
    // before, and the month after starts a new run.
    let mut c = vec![1, 3, 1, 8, 1, 8, 6, 6, 7, 6, 7, 6];
    assert_eq!(Limits::of(&c).unwrap().centre, 5.0);
    c.extend([6, 5, 6]);
    assert_eq!(found(&c, 12, false), [(12, 2, Up, Some(8))]);
    // Seven months above is no run.
    let mut c = base.to_vec();
    c.extend([6, 6, 4]);
    assert_eq!(found(&c, 12, false), []);
    // A run of eight that ends before P is not P's signal.
    let mut c = vec![8, 8, 8, 8, 8, 8, 8, 8, 2, 2, 2, 2];
    assert_eq!(Limits::of(&c).unwrap().centre, 6.0);
    c.extend([6, 6, 6]);
    assert_eq!(found(&c, 12, false), []);
}

#[test]
fn rule_2_down_mirrors_up() {
    // c̄ = 10 (LCL 0.51): months of 9 and 8 are below the centre, not below the limit.
    let mut c = vec![16, 16, 16, 16, 16, 16, 16, 2, 2, 2, 1, 1];
    assert_eq!(Limits::of(&c).unwrap().centre, 10.0);
    c.extend([9, 9, 8]);
    // Months 7–14 below: eight, ending in P's last month.
    assert_eq!(found(&c, 12, false), [(14, 2, Down, Some(8))]);
}

#[test]
fn rule_3_wants_six_months_each_higher_or_lower_than_the_one_before() {
    // Flat baseline c̄ = 20 (UCL 33.4, LCL 6.6); P months rise inside the limits.
    let mut c = vec![20; 9];
    c.extend([14, 16, 18]);
    assert_eq!(Limits::of(&c).unwrap().centre, 19.0);
    // 14 < 16 < 18 < 20 < 22 < 24: six months, five rises, ending in P's third month.
    c.extend([20, 22, 24]);
    assert_eq!(found(&c, 12, false), [(14, 3, Up, Some(6))]);
    // Five months rising is not enough; an equal month breaks the run.
    let mut c = vec![20; 10];
    c.extend([16, 18]);
    c.extend([20, 22, 24]);
    assert_eq!(found(&c, 12, false), []);
    let mut c = vec![20; 9];
    c.extend([14, 16, 18]);
    c.extend([20, 20, 24]);
    assert_eq!(found(&c, 12, false), []);
    // Falling: 26 > 24 > 22 > 20 > 18 > 16.
    let mut c = vec![20; 9];
    c.extend([26, 24, 22]);
    c.extend([20, 18, 16]);
    assert_eq!(found(&c, 12, false), [(14, 3, Down, Some(6))]);
}

#[test]
fn one_month_can_carry_several_rules_each_once() {
    // c̄ = 4 from 12 months (4 zeros and 8 sixes); P: 7, 8, 9 rising from the last sixes, and
    // 15 above UCL 10 in the last month.
    let mut c = vec![0, 0, 0, 0, 6, 6, 6, 6, 6, 6, 6, 6];
    c.extend([7, 8, 15]);
    assert_eq!(Limits::of(&c[..12]).unwrap().centre, 4.0);
    // Rule 2: months 4–14 above c̄ (11). Rule 3: 6, 7, 8, 15 is only four months rising.
    assert_eq!(
        found(&c, 12, false),
        [(14, 1, Up, None), (14, 2, Up, Some(11))]
    );
}

#[test]
fn a_running_month_gives_only_upward_signals() {
    // c̄ = 25 (LCL 10): the last month, not over at D, has 3 complaints so far: no signal;
    // the month before it, over, with 9: rule 1 down.
    let mut c = vec![25; 12];
    c.extend([9, 3]);
    assert_eq!(found(&c, 12, true), [(12, 1, Down, None)]);
    assert_eq!(
        found(&c, 12, false),
        [(12, 1, Down, None), (13, 1, Down, None)]
    );
    // Up in a running month stands: it can only grow.
    let mut c = vec![25; 12];
    c.push(41);
    assert_eq!(found(&c, 12, true), [(12, 1, Up, None)]);
    // A downward run ends before the running month: seven months below c̄ ≈ 25.8 up to it,
    // no signal; once over, the run is eight and the last month is below the lower limit.
    let mut c = vec![30, 30, 30, 30, 30, 30, 30, 20, 20, 20, 20, 20];
    c.extend([20, 20, 1]);
    assert_eq!(found(&c, 12, true), []);
    assert_eq!(
        found(&c, 12, false),
        [(14, 1, Down, None), (14, 2, Down, Some(8))]
    );
    // With eight before it (c̄ = 25), the run is reported at its last month that is over.
    c[6] = 20;
    assert_eq!(found(&c, 12, true), [(13, 2, Down, Some(8))]);
}

#[test]
fn the_window_is_the_baseline_before_p_clipped_at_the_registers_first_month() {
    let s = settings(&[1, 2, 3]);
    let end = ymd(2026, 9, 30);
    // A register since January 2025: 18 baseline months, P's three judged.
    let w = Window::new(&q3(), end, Some(key(2025, 1)), &s);
    assert_eq!(
        w,
        Window {
            first: key(2025, 1),
            baseline: 18,
            judged: 3,
            running: false
        }
    );
    assert_eq!(w.months(), Some((key(2025, 1), key(2026, 9))));
    assert!(w.judges(&s));
    // An older register: the 24 months before July 2026.
    let w = Window::new(&q3(), end, Some(key(2019, 3)), &s);
    assert_eq!((w.first, w.baseline), (key(2024, 7), 24));
    // A register since August 2025: 11 months, too few.
    let w = Window::new(&q3(), end, Some(key(2025, 8)), &s);
    assert_eq!((w.baseline, w.judged), (11, 3));
    assert!(!w.judges(&s));
    // Begun inside P: no baseline, and no months before the first.
    let w = Window::new(&q3(), end, Some(key(2026, 8)), &s);
    assert_eq!((w.first, w.baseline, w.judged), (key(2026, 8), 0, 2));
    // Empty register.
    let w = Window::new(&q3(), end, None, &s);
    assert_eq!((w.first, w.baseline, w.judged), (key(2026, 7), 0, 3));
    // D in August: September is not judged, August is running; at its last day it is over.
    let first = Some(key(2020, 1));
    let w = Window::new(&q3(), ymd(2026, 8, 15), first, &s);
    assert_eq!((w.judged, w.running), (2, true));
    let w = Window::new(&q3(), ymd(2026, 8, 31), first, &s);
    assert_eq!((w.judged, w.running), (2, false));
    // D before P: nothing judged.
    let w = Window::new(&q3(), ymd(2026, 6, 30), first, &s);
    assert_eq!((w.judged, w.running, w.len()), (0, false, 24));
    assert!(!w.judges(&s));
    // A period ending mid-month counts that month whole and it is still running at its end.
    let p = Period::between(ymd(2026, 7, 15), ymd(2026, 9, 10));
    let w = Window::new(&p, p.end, first, &s);
    assert_eq!((w.baseline, w.judged, w.running), (24, 3, true));
    // No rules: nothing to judge.
    assert!(!Window::new(&q3(), end, first, &settings(&[])).judges(&settings(&[])));
}

fn series(kind: SeriesKind, cause: Option<&str>, counts: &[u64]) -> Series {
    Series {
        kind,
        cause: cause.map(str::to_string),
        counts: counts.to_vec(),
    }
}

#[test]
fn too_little_history_marks_every_series_and_signals_nothing() {
    let s = settings(&[1, 2, 3]);
    let w = Window::new(&q3(), ymd(2026, 9, 30), Some(key(2025, 8)), &s);
    let counts = [vec![3; 11], vec![90, 90, 90]].concat();
    let all = [
        series(SeriesKind::Received, None, &counts),
        series(SeriesKind::Technical, None, &counts),
        series(SeriesKind::NonTechnical, None, &counts),
        series(SeriesKind::Cause, Some("lekkage"), &counts),
    ];
    let out = signals(&w, &s, &all);
    assert!(out.signals.is_empty());
    let marked: Vec<(SeriesKind, Option<&str>, u64)> = out
        .short_history
        .iter()
        .map(|h| (h.series, h.cause.as_deref(), h.baseline_months))
        .collect();
    assert_eq!(
        marked,
        [
            (SeriesKind::Received, None, 11),
            (SeriesKind::Technical, None, 11),
            (SeriesKind::NonTechnical, None, 11),
            (SeriesKind::Cause, Some("lekkage"), 11),
        ]
    );
    assert_eq!(out.chart.limits, None);
    assert_eq!(out.chart.months.len(), 14);
    assert_eq!(out.chart.months[0].month, "2025-08");
    // One month more history and it is judged.
    let w = Window::new(&q3(), ymd(2026, 9, 30), Some(key(2025, 7)), &s);
    let counts = [vec![3; 12], vec![90, 3, 3]].concat();
    let out = signals(&w, &s, &[series(SeriesKind::Received, None, &counts)]);
    assert!(out.short_history.is_empty());
    assert_eq!(out.signals.len(), 1);
}

#[test]
fn signals_carry_their_series_month_limits_and_run() {
    let s = settings(&[1, 2, 3]);
    let w = Window::new(&q3(), ymd(2026, 9, 30), Some(key(2020, 1)), &s);
    assert_eq!(w.len(), 27);
    // Received: c̄ = 25, August 41. Cause: c̄ = 1 (UCL 4), September 6.
    let mut received = vec![25; 24];
    received.extend([25, 41, 25]);
    let mut cause = vec![1; 24];
    cause.extend([1, 1, 6]);
    let flat = vec![2; 27];
    let out = signals(
        &w,
        &s,
        &[
            series(SeriesKind::Received, None, &received),
            series(SeriesKind::Technical, None, &flat),
            series(SeriesKind::Cause, Some("lekkage"), &cause),
        ],
    );
    let json = serde_json::to_value(&out.signals).unwrap();
    assert_eq!(
        json,
        serde_json::json!([
            {"series": "received", "cause": null, "rule": 1, "month": "2026-08",
             "direction": "up", "value": 41, "centre": 25.0, "ucl": 40.0, "lcl": 10.0,
             "unit": "count", "run_from": null, "run_months": null},
            {"series": "cause", "cause": "lekkage", "rule": 1, "month": "2026-09",
             "direction": "up", "value": 6, "centre": 1.0, "ucl": 4.0, "lcl": null,
             "unit": "count", "run_from": null, "run_months": null},
        ])
    );
    // The chart is the received series, with its signal marked.
    let chart = &out.chart;
    assert_eq!((chart.baseline, chart.months.len()), (24, 27));
    assert_eq!(chart.baseline_span(), Some(("2024-07", "2026-06")));
    assert_eq!(chart.limits.unwrap().ucl, 40.0);
    let marked: Vec<(&str, &[(u8, Direction)])> = chart
        .months
        .iter()
        .filter(|m| !m.signals.is_empty())
        .map(|m| (m.month.as_str(), m.signals.as_slice()))
        .collect();
    assert_eq!(marked, [("2026-08", &[(1, Up)][..])]);
    assert!(chart.months[24].in_period && !chart.months[23].in_period);
    // Only the rules asked for.
    let out = signals(
        &w,
        &settings(&[2, 3]),
        &[series(SeriesKind::Received, None, &received)],
    );
    assert!(out.signals.is_empty());
    assert!(out.chart.limits.is_some());
}

#[test]
fn signals_in_words() {
    let signal =
        |series, cause: Option<&str>, rule, direction, value, run: Option<(&str, u64)>| Signal {
            series,
            cause: cause.map(str::to_string),
            rule,
            month: "2026-08".into(),
            direction,
            value,
            centre: 41.83,
            ucl: 61.06,
            lcl: Some(22.43),
            unit: SignalUnit::Count,
            run_from: run.map(|r| r.0.to_string()),
            run_months: run.map(|r| r.1),
        };
    let received = signal(SeriesKind::Received, None, 1, Up, 82, None);
    assert_eq!(
        describe(&received, Lang::Nl),
        "augustus 2026: 82 klachten ontvangen, boven de bovengrens 61,1 (gemiddeld 41,8)"
    );
    assert_eq!(
        describe(&received, Lang::En),
        "August 2026: 82 complaints received, above the upper limit 61.1 (mean 41.8)"
    );
    let low = signal(SeriesKind::Technical, None, 1, Down, 1, None);
    assert_eq!(
        describe(&low, Lang::Nl),
        "augustus 2026: 1 technische klacht, onder de ondergrens 22,4 (gemiddeld 41,8)"
    );
    let cause = signal(
        SeriesKind::Cause,
        Some("lekkage"),
        2,
        Up,
        50,
        Some(("2025-12", 9)),
    );
    assert_eq!(
        describe(&cause, Lang::Nl),
        "augustus 2026: 9 maanden op rij meer klachten met oorzaak “lekkage” dan gemiddeld (41,8), sinds december 2025; deze maand 50"
    );
    let falling = signal(
        SeriesKind::NonTechnical,
        None,
        3,
        Down,
        30,
        Some(("2026-03", 6)),
    );
    assert_eq!(
        describe(&falling, Lang::En),
        "August 2026: 6 months in a row fewer non-technical complaints than the month before, since March 2026; this month 30 (mean 41.8)"
    );
    assert_eq!(month_name("2026-12", Lang::Nl), "december 2026");
    assert_eq!(month_name("onzin", Lang::Nl), "onzin");
}

/// SPEC §10 read plainly, month by month of P: rule 1 on the month itself; rules 2 and 3 on
/// the run of months ending there, walked back, reported where the run does not go on.
fn naive(
    counts: &[u64],
    baseline: usize,
    running: bool,
) -> Vec<(usize, u8, Direction, Option<usize>)> {
    let n = counts.len();
    let c = counts[..baseline].iter().sum::<u64>() as f64 / baseline as f64;
    let (ucl, lcl) = (c + 3.0 * c.sqrt(), c - 3.0 * c.sqrt());
    let v = |i: usize| counts[i] as f64;
    let mut out = Vec::new();
    for m in baseline..n {
        let over = running && m == n - 1;
        let dirs: &[Direction] = if over { &[Up] } else { &[Up, Down] };
        if v(m) > ucl {
            out.push((m, 1, Up, None));
        }
        if !over && lcl > 0.0 && v(m) < lcl {
            out.push((m, 1, Down, None));
        }
        for &d in dirs {
            let side = |i: usize| if d == Up { v(i) > c } else { v(i) < c };
            let mut len = 0;
            while len <= m && side(m - len) {
                len += 1;
            }
            let next_goes_on =
                m + 1 < n && !(d == Down && running && m + 1 == n - 1) && side(m + 1);
            if len >= 8 && !next_goes_on {
                out.push((m, 2, d, Some(len)));
            }
        }
        for &d in dirs {
            let step = |i: usize| {
                if d == Up {
                    counts[i] > counts[i - 1]
                } else {
                    counts[i] < counts[i - 1]
                }
            };
            let mut len = 1;
            while len <= m && step(m + 1 - len) {
                len += 1;
            }
            let next_goes_on =
                m + 1 < n && !(d == Down && running && m + 1 == n - 1) && step(m + 1);
            if len >= 6 && !next_goes_on {
                out.push((m, 3, d, Some(len)));
            }
        }
    }
    out.sort_by_key(|f| (f.0, f.1, f.2));
    out
}

proptest! {
    #[test]
    fn the_rules_agree_with_a_plain_reading(
        baseline in 1usize..30,
        counts in proptest::collection::vec(0u64..12, 31..60),
        running in any::<bool>(),
    ) {
        let got = found(&counts, baseline, running);
        prop_assert_eq!(&got, &naive(&counts, baseline, running));
        // Each once per month, rule and direction.
        let mut keys: Vec<_> = got.iter().map(|f| (f.0, f.1, f.2)).collect();
        keys.dedup();
        prop_assert_eq!(keys.len(), got.len());
    }
}
