//! The c-chart and its rules on hand-made monthly counts, and against a plain second reading of
//! SPEC §10 on random counts.

use super::*;
use crate::Lang;
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
type Findings = Vec<(usize, u8, Direction, Option<usize>)>;

fn found(counts: &[u64], baseline: usize, running: bool) -> Findings {
    judge(counts, baseline, running, &[1, 2, 3])
        .unwrap()
        .found
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
    let out = signals(&w, &s, &all, None);
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
    assert_eq!(out.chart.centre, None);
    assert_eq!(out.chart.months.len(), 14);
    assert_eq!(out.chart.months[0].month, "2025-08");
    // One month more history and it is judged.
    let w = Window::new(&q3(), ymd(2026, 9, 30), Some(key(2025, 7)), &s);
    let counts = [vec![3; 12], vec![90, 3, 3]].concat();
    let out = signals(&w, &s, &[series(SeriesKind::Received, None, &counts)], None);
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
        None,
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
    assert_eq!(chart.centre, Some(25.0));
    assert_eq!(chart.fixed_limits().unwrap().ucl, 40.0);
    assert!(chart
        .months
        .iter()
        .all(|m| m.limits == chart.fixed_limits()));
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
        None,
    );
    assert!(out.signals.is_empty());
    assert!(out.chart.centre.is_some());
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
            value: SignalValue::Count(value),
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

/// A month as the plain reading sees it: its value and its upper and lower limit, or nothing
/// (a month without work orders).
type Month = Option<(f64, f64, f64)>;

/// SPEC §10 read plainly, month by month of P: rule 1 on the month itself; rules 2 and 3 on
/// the run of months ending there, walked back, reported where the run does not go on. A
/// month without a value is in no run.
fn naive(months: &[Month], c: f64, baseline: usize, running: bool) -> Findings {
    let n = months.len();
    let v = |i: usize| months[i].map(|m| m.0);
    let mut out = Vec::new();
    for m in baseline..n {
        let over = running && m == n - 1;
        let dirs: &[Direction] = if over { &[Up] } else { &[Up, Down] };
        if let Some(&Some((value, ucl, lcl))) = months.get(m) {
            if value > ucl {
                out.push((m, 1, Up, None));
            }
            if !over && lcl > 0.0 && value < lcl {
                out.push((m, 1, Down, None));
            }
        }
        for &d in dirs {
            let side = |i: usize| v(i).is_some_and(|x| if d == Up { x > c } else { x < c });
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
            let step = |i: usize| match (v(i - 1), v(i)) {
                (Some(a), Some(b)) => {
                    if d == Up {
                        b > a
                    } else {
                        b < a
                    }
                }
                _ => false,
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

/// The c-chart read plainly: c̄ the baseline's mean, limits c̄ ± 3√c̄ in every month.
fn naive_c(counts: &[u64], baseline: usize, running: bool) -> Findings {
    let c = counts[..baseline].iter().sum::<u64>() as f64 / baseline as f64;
    let (ucl, lcl) = (c + 3.0 * c.sqrt(), c - 3.0 * c.sqrt());
    let months: Vec<Month> = counts.iter().map(|&x| Some((x as f64, ucl, lcl))).collect();
    naive(&months, c, baseline, running)
}

/// The u-chart read plainly, per 1,000 work orders: ū over the baseline months that have work
/// orders, each month's rate and limits ū ± 3√(ū / nᵢ) from its own work orders.
fn naive_u(
    complaints: &[u64],
    orders: &[Option<u64>],
    baseline: usize,
    running: bool,
) -> (f64, Vec<Month>, Findings) {
    let given = |i: usize| orders[i].filter(|&n| n > 0);
    let (mut sum_c, mut sum_n) = (0, 0);
    for i in (0..baseline).filter(|&i| given(i).is_some()) {
        sum_c += complaints[i];
        sum_n += given(i).unwrap();
    }
    let u = sum_c as f64 * 1000.0 / sum_n as f64;
    let months: Vec<Month> = (0..complaints.len())
        .map(|i| {
            let n = given(i)? as f64;
            let spread = 3.0 * (u * 1000.0 / n).sqrt();
            Some((complaints[i] as f64 * 1000.0 / n, u + spread, u - spread))
        })
        .collect();
    let found = naive(&months, u, baseline, running);
    (u, months, found)
}

proptest! {
    #[test]
    fn the_rules_agree_with_a_plain_reading(
        baseline in 1usize..30,
        counts in proptest::collection::vec(0u64..12, 31..60),
        running in any::<bool>(),
    ) {
        let got = found(&counts, baseline, running);
        prop_assert_eq!(&got, &naive_c(&counts, baseline, running));
        // Each once per month, rule and direction.
        let mut keys: Vec<_> = got.iter().map(|f| (f.0, f.1, f.2)).collect();
        keys.dedup();
        prop_assert_eq!(keys.len(), got.len());
    }
}

proptest! {
    #[test]
    fn the_u_chart_agrees_with_a_plain_reading(
        baseline in 1usize..30,
        months in proptest::collection::vec(
            (0u64..30, prop_oneof![
                1 => Just(None),
                1 => Just(Some(0u64)),
                8 => (200u64..3000).prop_map(Some),
            ]),
            31..60,
        ),
        running in any::<bool>(),
    ) {
        let (complaints, orders): (Vec<u64>, Vec<Option<u64>>) = months.into_iter().unzip();
        let got = judge_rates(&complaints, &orders, baseline, running, &[1, 2, 3]);
        let with_orders = orders[..baseline].iter().any(|n| n.is_some_and(|n| n > 0));
        prop_assert_eq!(got.is_some(), with_orders);
        let Some(got) = got else {
            return Ok(());
        };
        let (u, plain, found) = naive_u(&complaints, &orders, baseline, running);
        let close = |a: f64, b: f64| (a - b).abs() <= 1e-9 * b.abs().max(1.0);
        prop_assert!(close(got.centre, u));
        for (i, want) in plain.iter().enumerate() {
            let (v, l) = (got.values[i], got.limits[i]);
            match want {
                None => prop_assert!(v.is_none() && l.is_none(), "month {}", i),
                Some((value, ucl, lcl)) => {
                    let (v, l) = (v.unwrap(), l.unwrap());
                    prop_assert!(close(v, *value) && close(l.ucl, *ucl));
                    prop_assert_eq!(l.lcl.is_some(), *lcl > 0.0);
                    prop_assert!(l.lcl.is_none_or(|x| close(x, *lcl)));
                }
            }
        }
        let got: Vec<_> = got.found.iter().map(|f| (f.index, f.rule, f.direction, f.run)).collect();
        prop_assert_eq!(got, found);
    }
}

#[test]
fn a_u_chart_judges_the_rate_against_limits_from_each_months_work_orders() {
    // Baseline: 12 months of 20 complaints in 1,000 work orders, and one month without work
    // orders (90 complaints) that counts for nothing: ū = 240 × 1000 / 12000 = 20.
    let mut complaints = vec![20; 13];
    complaints[5] = 90;
    let mut orders = vec![Some(1000); 13];
    orders[5] = None;
    // P: 40 complaints in twice the work (rate 20), 40 in the usual work (40), a month without
    // work orders, none in 1,000 work orders (0).
    complaints.extend([40, 40, 30, 0]);
    orders.extend([Some(2000), Some(1000), None, Some(1000)]);
    let j = judge_rates(&complaints, &orders, 13, false, &[1, 2, 3]).unwrap();
    assert_eq!(j.centre, 20.0);
    // 1,000 work orders: 20 ± 3√20; 2,000: 20 ± 3√10.
    let l = j.limits[0].unwrap();
    assert!((l.ucl - (20.0 + 3.0 * 20f64.sqrt())).abs() < 1e-12);
    assert!((l.lcl.unwrap() - (20.0 - 3.0 * 20f64.sqrt())).abs() < 1e-12);
    assert!((j.limits[13].unwrap().ucl - (20.0 + 3.0 * 10f64.sqrt())).abs() < 1e-12);
    assert_eq!((j.values[5], j.limits[5]), (None, None));
    assert_eq!((j.values[13], j.values[14]), (Some(20.0), Some(40.0)));
    assert_eq!((j.values[15], j.limits[15]), (None, None));
    let found: Vec<_> = j
        .found
        .iter()
        .map(|f| (f.index, f.rule, f.direction))
        .collect();
    assert_eq!(found, [(14, 1, Up), (16, 1, Down)]);
    // The same counts as a c-chart: 40 is no signal in either month (c̄ = 330 / 13, the month
    // without work orders in it), and 0 is.
    let c = judge(&complaints, 13, false, &[1]).unwrap();
    let found: Vec<_> = c.found.iter().map(|f| (f.index, f.direction)).collect();
    assert_eq!(found, [(16, Down)]);
    // No baseline month with work orders: no chart.
    assert_eq!(judge_rates(&complaints, &[None; 17], 13, false, &[1]), None);
    // A month without work orders breaks a run: 3 rises, a gap, 3 rises is no rule 3.
    let complaints = [vec![10; 12], vec![1, 2, 3, 4, 5, 6, 7]].concat();
    let mut orders = vec![Some(1000); 19];
    assert_eq!(
        judge_rates(&complaints, &orders, 12, false, &[3])
            .unwrap()
            .found
            .len(),
        1
    );
    orders[15] = None;
    assert!(judge_rates(&complaints, &orders, 12, false, &[3])
        .unwrap()
        .found
        .is_empty());
}

#[test]
fn with_work_orders_every_series_is_a_u_chart_of_the_rate() {
    let s = settings(&[1, 2, 3]);
    let w = Window::new(&q3(), ymd(2026, 9, 30), Some(key(2020, 1)), &s);
    // 24 baseline months of 500 work orders, the first ten without: 14 months of history.
    let mut orders = vec![Some(500); 27];
    for o in &mut orders[..10] {
        *o = None;
    }
    // August has twice the work; September none given.
    orders[25] = Some(1000);
    orders[26] = None;
    // Received: 10 a month (ū = 20), August 30 (rate 30 ≤ 20 + 3√20 = 33.4: no signal).
    let mut received = vec![10; 27];
    received[25] = 30;
    // Cause: 1 a month (ū = 2, UCL at 500 work orders 2 + 3√4 = 8), July 5 (rate 10).
    let mut cause = vec![1; 27];
    cause[24] = 5;
    let all = [
        series(SeriesKind::Received, None, &received),
        series(SeriesKind::Cause, Some("lekkage"), &cause),
    ];
    let out = signals(&w, &s, &all, Some(&orders));
    let json = serde_json::to_value(&out.signals).unwrap();
    assert_eq!(
        json,
        serde_json::json!([
            {"series": "cause", "cause": "lekkage", "rule": 1, "month": "2026-07",
             "direction": "up", "value": 10.0, "centre": 2.0, "ucl": 8.0, "lcl": null,
             "unit": "rate", "run_from": null, "run_months": null},
        ])
    );
    let chart = &out.chart;
    assert_eq!(
        (chart.unit, chart.history, chart.centre),
        (SignalUnit::Rate, 14, Some(20.0))
    );
    assert_eq!(chart.fixed_limits(), None);
    let aug = &chart.months[25];
    assert_eq!(
        (aug.received, aug.work_orders, aug.value),
        (30, Some(1000), Some(30.0))
    );
    assert!((aug.limits.unwrap().ucl - (20.0 + 3.0 * 20f64.sqrt())).abs() < 1e-12);
    let sep = &chart.months[26];
    assert_eq!((sep.work_orders, sep.value, sep.limits), (None, None, None));
    assert_eq!(
        chart
            .without_work_orders()
            .map(|m| m.month.as_str())
            .collect::<Vec<_>>(),
        ["2026-09"]
    );
    // The same counts without work orders: August's 30 is a c-chart signal.
    let out = signals(&w, &s, &all[..1], None);
    assert_eq!(out.signals.len(), 1);
    assert_eq!(out.signals[0].value, SignalValue::Count(30));

    // Eleven months with work orders: too little history, whatever the register holds.
    for o in &mut orders[..13] {
        *o = None;
    }
    let out = signals(&w, &s, &all, Some(&orders));
    assert!(out.signals.is_empty());
    let history: Vec<u64> = out
        .short_history
        .iter()
        .map(|h| h.baseline_months)
        .collect();
    assert_eq!(history, [11, 11]);
    assert_eq!((out.chart.centre, out.chart.history), (None, 11));
    // The rates are still drawn, without limits.
    assert_eq!(out.chart.months[24].value, Some(20.0));
    assert_eq!(
        in_words(&[], &out.chart, Lang::Nl),
        ["Geen signalen: te weinig historie (11 maanden met werkbonnen vóór de periode in het register, minimaal 12 nodig)."]
    );
}

#[test]
fn rate_signals_in_words() {
    let rate = |series, cause: Option<&str>, rule, value, run: Option<(&str, u64)>| Signal {
        series,
        cause: cause.map(str::to_string),
        rule,
        month: "2026-07".into(),
        direction: Up,
        value: SignalValue::Rate(value),
        centre: 18.2,
        ucl: 26.98,
        lcl: Some(9.42),
        unit: SignalUnit::Rate,
        run_from: run.map(|r| r.0.to_string()),
        run_months: run.map(|r| r.1),
    };
    let received = rate(SeriesKind::Received, None, 1, 31.37, None);
    assert_eq!(
        describe(&received, Lang::Nl),
        "juli 2026: 31,4 klachten per 1.000 werkbonnen, boven de bovengrens 27,0 (gemiddeld 18,2)"
    );
    assert_eq!(
        describe(&received, Lang::En),
        "July 2026: 31.4 complaints per 1,000 work orders, above the upper limit 27.0 (mean 18.2)"
    );
    let cause = rate(
        SeriesKind::Cause,
        Some("lekkage"),
        2,
        19.04,
        Some(("2025-12", 8)),
    );
    assert_eq!(
        describe(&cause, Lang::Nl),
        "juli 2026: 8 maanden op rij meer klachten met oorzaak “lekkage” per 1.000 werkbonnen dan gemiddeld (18,2), sinds december 2025; deze maand 19,0"
    );
    let technical = rate(SeriesKind::Technical, None, 3, 24.0, Some(("2026-02", 6)));
    assert_eq!(
        describe(&technical, Lang::En),
        "July 2026: 6 months in a row more technical complaints per 1,000 work orders than the month before, since February 2026; this month 24.0 (mean 18.2)"
    );
}

#[test]
fn a_u_chart_explains_its_limits_and_the_months_without_work_orders() {
    let s = settings(&[1, 2, 3]);
    let w = Window::new(&q3(), ymd(2026, 9, 30), Some(key(2020, 1)), &s);
    let mut orders = vec![Some(500); 27];
    orders[3] = None;
    orders[26] = None;
    let all = [series(SeriesKind::Received, None, &[10; 27])];
    let out = signals(&w, &s, &all, Some(&orders));
    assert_eq!(
        explain(&out.chart, Lang::Nl),
        [
            "u-kaart op klachten per 1.000 werkbonnen van het bedrijf ([volume]), voor elke reeks. Gemiddelde uit de 23 maanden met werkbonnen van juli 2024 t/m juni 2026: klachten × 1.000 / werkbonnen over die maanden. Grenzen per maand: gemiddelde ± 3√(gemiddelde × 1.000 / werkbonnen van de maand), de ondergrens alleen boven 0.",
            "1 maand zonder werkbonnen in de basis telt niet mee.",
            "Zonder werkbonnen, dus niet beoordeeld: september 2026.",
            "Regels: 1 een maand buiten de grenzen; 2 acht of meer maanden op rij boven of onder het gemiddelde; 3 zes maanden op rij stijgend of dalend.",
        ]
    );
    assert_eq!(in_words(&[], &out.chart, Lang::En), ["No signals."]);
}
