//! The report's figures against hand-computed values, and against a naive second
//! implementation on random registers.

use super::model::*;
use super::*;
use crate::base::location::CellRef;
use crate::base::{Rule, Severity};
use crate::calendar::Profile;
use crate::register::{Channel, Complaint, RowCount, Source, Status, Urgency};
use crate::testkit::{self, List};
use chrono::{Datelike, Days};

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn u(n: u8) -> Option<Urgency> {
    Urgency::new(n)
}

const T: Option<Nature> = Some(Nature::Technical);
const NT: Option<Nature> = Some(Nature::NonTechnical);

fn source(name: &str, sheet: Option<&str>, rows: RowCount) -> Source {
    Source {
        rows,
        ..Source::named(name, sheet)
    }
}

/// The hand fixture: P = 2026-Q3 (1 July – 30 September 2026), D = 30 September 2026,
/// default targets (ack 1 wd; close 10 wd for urgency 1–3, 20 for 4–7, none for 8, 20 for
/// unclassified), cao calendar. Q3 2026 has no holidays, so working days there are weekdays;
/// Q2 2026 has Tweede Paasdag 6/4, Koningsdag 27/4, Hemelvaartsdag 14/5, Tweede Pinksterdag
/// 25/5. Working days count the days after the start up to and including the end.
///
/// | id  | received   | closed     | urg | nature | channel | ack        | due        | notes |
/// |-----|------------|------------|-----|--------|---------|------------|------------|-------|
/// | C01 | 2026-06-15 | 2026-07-03 | 2   | –      | –       | 06-16      |            | open at start; 14 wd / 18 cd |
/// | C02 | 2026-07-01 | 2026-07-15 | 5   | T      | email   | 07-02 (1)  |            | 10 wd / 14 cd |
/// | C03 | 2026-07-06 | –          | 4   | NT     | phone   | 07-08 (2)  |            | age 62 wd, overdue 42 |
/// | C04 | 2026-07-10 | 2026-07-20 | 1   | T      | letter  | 07-10 (0)  |            | 6 wd / 10 cd |
/// | C05 | 2026-08-03 | 2026-08-31 | –   | –      | –       | –          |            | 20 wd / 28 cd, = target 20 |
/// | C06 | 2026-08-10 | 2026-09-30 | 8   | T      | web     | 08-11 (1)  |            | 37 wd / 51 cd, no target |
/// | C07 | 2026-08-12 | 2026-08-21 | 5   | T      | email   | 08-12 (0)  | 2026-08-20 | 7 wd / 9 cd, late vs due |
/// | C08 | 2026-08-17 | –          | 3   | T      | phone   | 08-18 (1)  | 2026-10-30 | age 32 > 10, due not passed |
/// | C09 | 2026-09-01 | –          | 7   | NT     | in pers.| 09-03 (2)  | 2026-09-15 | age 21, 11 wd past due |
/// | C10 | 2026-09-28 | –          | 2   | T      | letter  | –          |            | age 2, escalation |
/// | C11 | 2026-03-02 | –          | 4   | T      | –       | –          |            | age 148 wd, overdue 128 |
/// | C12 | 2026-04-01 | 2026-06-30 | 7   | NT     | –       | –          |            | previous period; 60 wd |
/// | C13 | 2026-10-02 | –          | 4   | –      | –       | –          |            | after P and D |
/// | C14 | 2026-07-20 | 2026-06-25 | –   | –      | –       | –          |            | closed before received |
/// | C15 | 2026-09-10 | 2026-09-09 | –   | NT     | fax     | 09-08      |            | closed and acked before received |
/// | C16 | 2025-09-15 | 2025-09-25 | 5   | T      | –       | –          |            | year ago; 8 wd |
///
/// C01–C10 come from file 0 (a.xlsx, sheet Register), C11–C16 from file 1 (b.csv).
fn fixture() -> Register {
    let mut v = Vec::new();
    let mut add = |id: &str, received: NaiveDate, f: &dyn Fn(&mut Complaint)| {
        let mut c = Complaint {
            file: if v.len() < 10 { 0 } else { 1 },
            row: v.len() as u32 + 1,
            id: id.into(),
            received,
            ..Complaint::default()
        };
        f(&mut c);
        v.push(c);
    };
    add("C01", ymd(2026, 6, 15), &|c| {
        c.closed_date = Some(ymd(2026, 7, 3));
        c.urgency = u(2);
        c.ack_date = Some(ymd(2026, 6, 16));
        c.cause = Some("Lekkage".into());
        c.handler = Some("Piet".into());
    });
    add("C02", ymd(2026, 7, 1), &|c| {
        c.closed_date = Some(ymd(2026, 7, 15));
        c.urgency = u(5);
        c.nature = T;
        c.channel = Some(Channel::Email);
        c.ack_date = Some(ymd(2026, 7, 2));
        c.cause = Some("Lekkage".into());
        c.department = Some("Service".into());
        c.handler = Some("Piet".into());
        c.customer = Some("Jansen BV".into());
    });
    add("C03", ymd(2026, 7, 6), &|c| {
        c.urgency = u(4);
        c.nature = NT;
        c.channel = Some(Channel::Phone);
        c.ack_date = Some(ymd(2026, 7, 8));
        c.cause = Some("Onjuiste factuur".into());
        c.department = Some("Administratie".into());
        c.handler = Some("Piet".into());
        c.contact_person = Some("Sanne".into());
    });
    add("C04", ymd(2026, 7, 10), &|c| {
        c.closed_date = Some(ymd(2026, 7, 20));
        c.urgency = u(1);
        c.nature = T;
        c.channel = Some(Channel::Letter);
        c.ack_date = Some(ymd(2026, 7, 10));
        c.cause = Some("lekkage ".into());
        c.department = Some("Service".into());
        c.handler = Some("Anna".into());
        c.customer = Some("Pietersen".into());
        c.customer_id = Some("D-100".into());
    });
    add("C05", ymd(2026, 8, 3), &|c| {
        c.closed_date = Some(ymd(2026, 8, 31));
        c.cause = Some("Lekkage".into());
        c.handler = Some("Anna".into());
    });
    add("C06", ymd(2026, 8, 10), &|c| {
        c.closed_date = Some(ymd(2026, 9, 30));
        c.urgency = u(8);
        c.nature = T;
        c.channel = Some(Channel::Web);
        c.ack_date = Some(ymd(2026, 8, 11));
        c.cause = Some("Montage-fout".into());
        c.department = Some("Service".into());
        c.handler = Some("Anna".into());
    });
    add("C07", ymd(2026, 8, 12), &|c| {
        c.closed_date = Some(ymd(2026, 8, 21));
        c.due_date = Some(ymd(2026, 8, 20));
        c.urgency = u(5);
        c.nature = T;
        c.channel = Some(Channel::Email);
        c.ack_date = Some(ymd(2026, 8, 12));
        c.cause = Some("Montagefout".into());
        c.handler = Some("Anna".into());
        c.customer = Some("jansen  bv".into());
    });
    add("C08", ymd(2026, 8, 17), &|c| {
        c.due_date = Some(ymd(2026, 10, 30));
        c.urgency = u(3);
        c.nature = T;
        c.channel = Some(Channel::Phone);
        c.ack_date = Some(ymd(2026, 8, 18));
        c.handler = Some("Anna".into());
    });
    add("C09", ymd(2026, 9, 1), &|c| {
        c.due_date = Some(ymd(2026, 9, 15));
        c.urgency = u(7);
        c.nature = NT;
        c.channel = Some(Channel::InPerson);
        c.ack_date = Some(ymd(2026, 9, 3));
        c.cause = Some("Gedrag monteur".into());
        c.department = Some("Administratie".into());
        c.handler = Some("Anna".into());
    });
    add("C10", ymd(2026, 9, 28), &|c| {
        c.urgency = u(2);
        c.nature = T;
        c.channel = Some(Channel::Letter);
        c.handler = Some("Anna".into());
        c.customer = Some("P. Pietersen".into());
        c.customer_id = Some("d100".into());
    });
    add("C11", ymd(2026, 3, 2), &|c| {
        c.urgency = u(4);
        c.nature = T;
        c.cause = Some("Lekkage".into());
        c.customer = Some("Bakker".into());
        // A closed status without a closed date still counts as open: the date is unknown.
        c.status = Some(Status::Closed);
    });
    add("C12", ymd(2026, 4, 1), &|c| {
        c.closed_date = Some(ymd(2026, 6, 30));
        c.urgency = u(7);
        c.nature = NT;
        c.cause = Some("Onjuiste factuur".into());
    });
    add("C13", ymd(2026, 10, 2), &|c| {
        c.urgency = u(4);
        c.customer = Some("Bakker".into());
    });
    add("C14", ymd(2026, 7, 20), &|c| {
        c.closed_date = Some(ymd(2026, 6, 25));
    });
    add("C15", ymd(2026, 9, 10), &|c| {
        c.closed_date = Some(ymd(2026, 9, 9));
        c.ack_date = Some(ymd(2026, 9, 8));
        c.nature = NT;
        c.channel = Some(Channel::Fax);
        c.cause = Some("Onjuiste factuur".into());
    });
    add("C16", ymd(2025, 9, 15), &|c| {
        c.closed_date = Some(ymd(2025, 9, 25));
        c.urgency = u(5);
        c.nature = T;
        c.cause = Some("Lekkage".into());
        c.customer = Some("Bakker".into());
    });
    Register {
        sources: vec![
            source(
                "a.xlsx",
                Some("Register"),
                RowCount {
                    read: 12,
                    used: 10,
                    excluded: 1,
                    blank: 1,
                },
            ),
            source(
                "b.csv",
                None,
                RowCount {
                    read: 6,
                    used: 6,
                    excluded: 0,
                    blank: 0,
                },
            ),
        ],
        complaints: v,
        exclusions: Vec::new(),
        findings: Vec::new(),
        passed_over: Vec::new(),
    }
}

fn finding(rule: Rule, severity: Severity, complaint: Option<usize>) -> Finding {
    Finding {
        rule,
        severity,
        at: Some(CellRef::row(0, 1)),
        file: 0,
        complaint,
        value: String::new(),
        field: None,
        detail: String::new(),
    }
}

fn fixture_findings() -> Vec<Finding> {
    vec![
        // On C12, which does not matter for Q3: left out.
        finding(Rule::MissingChannel, Severity::Warning, Some(11)),
        finding(Rule::LateAcknowledgement, Severity::Warning, Some(2)),
        // About a file: counted.
        finding(Rule::MissingColumn, Severity::Error, None),
        finding(Rule::DateOrder, Severity::Error, Some(13)),
    ]
}

fn run(
    register: &Register,
    findings: &[Finding],
    period: &str,
    as_of: NaiveDate,
    names: bool,
) -> Figures {
    run_with(&Config::default(), register, findings, period, as_of, names)
}

fn run_with(
    config: &Config,
    register: &Register,
    findings: &[Finding],
    period: &str,
    as_of: NaiveDate,
    names: bool,
) -> Figures {
    let calendar = Calendar::new(Profile::Cao, &[]);
    compute(&Inputs {
        register,
        findings,
        config,
        calendar: &calendar,
        period: Period::parse(period).unwrap(),
        as_of,
        show_names: names,
        customers: None,
        volumes: None,
    })
    .unwrap()
}

/// As `report` computes them: beside the rules, with the rules' customer keys and no
/// findings, which are counted afterwards. Must equal the figures computed after the rules.
#[test]
fn figures_beside_the_rules_equal_figures_after_them() {
    let register = fixture();
    let findings = fixture_findings();
    let config = Config::default();
    let calendar = Calendar::new(Profile::Cao, &[]);
    let keys = crate::register::keys::Keys::of(&register.complaints);
    for (period, as_of) in [("2026-Q3", ymd(2026, 9, 30)), ("2026-Q2", ymd(2026, 6, 30))] {
        let mut beside = compute(&Inputs {
            register: &register,
            findings: &[],
            config: &config,
            calendar: &calendar,
            period: Period::parse(period).unwrap(),
            as_of,
            show_names: false,
            customers: Some(keys.customers()),
            volumes: None,
        })
        .unwrap();
        assert!(beside.tables.findings.is_empty());
        beside.count_findings(&findings);
        let after = run(&register, &findings, period, as_of, false);
        assert!(!after.tables.repeat_complainants.is_empty() || period != "2026-Q3");
        assert_eq!(beside, after, "{period}");
    }
}

fn q3() -> Figures {
    run(
        &fixture(),
        &fixture_findings(),
        "2026-Q3",
        ymd(2026, 9, 30),
        false,
    )
}

fn stats(
    n: u64,
    mean: Option<f64>,
    median: Option<f64>,
    p90: Option<i64>,
    max: Option<i64>,
) -> DurationStats {
    DurationStats {
        n,
        mean,
        median,
        p90,
        max,
    }
}

#[test]
fn headline_counts_by_hand() {
    let k = q3().kpi;
    assert_eq!(
        k.period,
        PeriodInfo {
            label: "2026-Q3".into(),
            start: ymd(2026, 7, 1),
            end: ymd(2026, 9, 30),
            as_of: ymd(2026, 9, 30),
        }
    );
    // C02 C03 C04 C05 C06 C07 C08 C09 C10 C14 C15.
    assert_eq!(k.received, 11);
    // C01 C02 C04 C05 C06 C07 C15 (C14's closed date lies in June).
    assert_eq!(k.closed, 7);
    // open(30 June): C01 (closed 3 July) and C11; C12 closed on 30 June itself is not.
    assert_eq!(k.open_at_start, 2);
    // open(30 Sept): C03 C08 C09 C10 C11; C06 closed that day, C14/C15 closed before.
    assert_eq!(k.open_at_end, 5);
    // C03 (62 > 20), C09 (due 15 Sept passed), C11 (148 > 20); C08's due date overrides
    // its urgency target (32 > 10 but due 30 Oct); C10 is 2 wd old.
    assert_eq!(k.overdue, 3);
    assert_eq!(
        k.rows,
        RowCount {
            read: 18,
            used: 16,
            excluded: 1,
            blank: 1
        }
    );
}

#[test]
fn flow_check_is_honest_about_date_order_errors() {
    let f = q3().tables.flow;
    // 2 + 11 − 7 = 6, but open(end) = 5: C14 was received in P and "closed" before it.
    assert_eq!(
        f,
        FlowCheck {
            open_at_start: 2,
            received: 11,
            closed: 7,
            left_out: 0,
            open_at_end: 5,
            expected_open_at_end: 6,
            difference: -1,
            holds: false,
            date_order: 2,
        }
    );
    // Without the date-order rows the identity holds.
    let mut reg = fixture();
    reg.complaints
        .retain(|c| !matches!(c.id.as_str(), "C14" | "C15"));
    let f = run(&reg, &[], "2026-Q3", ymd(2026, 9, 30), false)
        .tables
        .flow;
    assert!(f.holds, "{f:?}");
    assert_eq!(
        (f.open_at_start, f.received, f.closed, f.open_at_end),
        (2, 9, 6, 5)
    );
    assert_eq!((f.difference, f.date_order), (0, 0));
}

/// Complaints whose closed date cannot be read are neither open nor closed: the flow check
/// subtracts those received in P as a line of its own and still balances. An unreadable
/// urgency is in no row of the urgency table (not unclassified) and, without a due date, its
/// target is unknown: not overdue.
#[test]
fn flow_check_balances_with_left_out_complaints() {
    use crate::register::Field;
    let mut reg = fixture();
    reg.complaints
        .retain(|c| !matches!(c.id.as_str(), "C14" | "C15"));
    let base = run(&reg, &[], "2026-Q3", ymd(2026, 9, 30), false);
    let mut add = |id: &str, received: NaiveDate, field: Field| {
        let mut c = Complaint {
            file: 1,
            row: 20 + reg.complaints.len() as u32,
            id: id.into(),
            received,
            ..Complaint::default()
        };
        c.unreadable.insert(field);
        reg.complaints.push(c);
    };
    // L1: received in P, closed date unreadable: otherwise open at the end and overdue.
    add("L1", ymd(2026, 7, 1), Field::ClosedDate);
    // L2: received before P, closed date unreadable: otherwise open at the start.
    add("L2", ymd(2026, 6, 1), Field::ClosedDate);
    // L3: received in P, open, urgency unreadable: otherwise unclassified and overdue.
    add("L3", ymd(2026, 7, 1), Field::Urgency);
    let fig = run(&reg, &[], "2026-Q3", ymd(2026, 9, 30), false);
    let (b, f) = (&base.tables.flow, &fig.tables.flow);
    assert_eq!(
        (
            f.open_at_start,
            f.received,
            f.closed,
            f.left_out,
            f.open_at_end
        ),
        (
            b.open_at_start,
            b.received + 2,
            b.closed,
            1,
            b.open_at_end + 1
        )
    );
    assert_eq!(
        f.open_at_start + f.received - f.closed - f.left_out,
        f.open_at_end
    );
    assert!(f.holds && f.difference == 0, "{f:?}");
    let k = &fig.kpi;
    assert_eq!(k.flow, Flow::from(f));
    assert_eq!(k.left_out.field(Field::ClosedDate), 2);
    assert_eq!(k.left_out.field(Field::Urgency), 1);
    assert_eq!(k.overdue, base.kpi.overdue);
    // Unclassified gains L1 (no urgency recorded), not L3.
    let (u, bu) = (&k.by_urgency[8], &base.kpi.by_urgency[8]);
    assert_eq!(
        (u.urgency, u.received, u.open_at_end, u.overdue),
        (None, bu.received + 1, bu.open_at_end, bu.overdue)
    );
    let table: u64 = k.by_urgency.iter().map(|u| u.received).sum();
    assert_eq!(table, k.received - 1, "L3 is in no row");
    let open: u64 = k.ageing.iter().map(|a| a.open).sum();
    let base_open: u64 = base.kpi.ageing.iter().map(|a| a.open).sum();
    assert_eq!(open, base_open + 1, "L3 is open, L1 and L2 are not");
}

#[test]
fn handling_and_ack_times_by_hand() {
    let fig = q3();
    let k = &fig.kpi;
    // closed(P) without C15 (closed before received): C04 6, C07 7, C02 10, C01 14, C05 20,
    // C06 37. Sum 94 / 6 = 15.666… (kept unrounded); even n: median (10 + 14) / 2 = 12; p90 rank
    // ⌈5.4⌉ = 6 → 37.
    assert_eq!(
        k.handling_wd,
        stats(6, Some(94.0 / 6.0), Some(12.0), Some(37), Some(37))
    );
    // Calendar days: 10, 9, 14, 18, 28, 51 → sum 130 / 6 = 21.666…, median (14 + 18) / 2 = 16.
    assert_eq!(
        k.handling_cd,
        stats(6, Some(130.0 / 6.0), Some(16.0), Some(51), Some(51))
    );
    // received(P) with an ack: C02 1, C03 2, C04 0, C06 1, C07 0, C08 1, C09 2 → median 1,
    // within 1 wd: 5. Missing: C05 C10 C14. C15 acknowledged before received: left out.
    assert_eq!(
        k.ack,
        AckStats {
            n: 7,
            missing: 3,
            within_target: 5,
            median_wd: Some(1.0)
        }
    );
    assert_eq!(
        fig.kpi.left_out,
        LeftOut {
            handling_date_order: 1,
            ack_date_order: 1,
            unreadable: Default::default(),
        }
    );
    let all = &fig.tables.times_all;
    assert_eq!(all.group, TimeGroup::All);
    // With a target: C01 (14 > 10 ✗), C02 (10 ≤ 20 ✓), C04 (6 ≤ 10 ✓), C05 (20 ≤ 20 ✓),
    // C07 (due 20 Aug, closed 21 Aug ✗ although 7 ≤ 20); C06 (urgency 8) has none.
    assert_eq!((all.with_target, all.within_target), (5, 3));
    assert_eq!(all.share_within_target, Some(0.6));
    assert_eq!(all.ack_share_within_target, Some(5.0 / 7.0));
    assert_eq!(all.ack_wd.max, Some(2));
    assert_eq!(all.ack_missing, 3);
}

#[test]
fn urgency_rows_include_unclassified_and_zero_rows() {
    let k = q3().kpi;
    let rows: Vec<_> = k
        .by_urgency
        .iter()
        .map(|r| {
            (
                r.urgency.map(Urgency::number),
                r.received,
                r.closed,
                r.open_at_end,
                r.overdue,
                r.handling_wd.n,
                r.handling_wd.median,
            )
        })
        .collect();
    assert_eq!(
        rows,
        vec![
            (Some(1), 1, 1, 0, 0, 1, Some(6.0)),  // C04
            (Some(2), 1, 1, 1, 0, 1, Some(14.0)), // C10 received, C01 closed
            (Some(3), 1, 0, 1, 0, 0, None),       // C08
            (Some(4), 1, 0, 2, 2, 0, None),       // C03; C11 open and overdue
            (Some(5), 2, 2, 0, 0, 2, Some(8.5)),  // C02 10, C07 7
            (Some(6), 0, 0, 0, 0, 0, None),       // nothing: still a row
            (Some(7), 1, 0, 1, 1, 0, None),       // C09
            (Some(8), 1, 1, 0, 0, 1, Some(37.0)), // C06
            (None, 3, 2, 0, 0, 1, Some(20.0)),    // C05 C14 C15; C15 left out of times
        ]
    );
    // n < 5: no p90 anywhere, mean and max still given.
    assert!(k.by_urgency.iter().all(|r| r.handling_wd.p90.is_none()));
    assert_eq!(k.by_urgency[4].handling_wd.mean, Some(8.5));
    assert_eq!(k.by_urgency[4].handling_wd.max, Some(10));
    assert_eq!(k.by_urgency[5].handling_wd, DurationStats::default());
}

#[test]
fn channels_natures_and_shares() {
    let fig = q3();
    let ch: Vec<_> = fig
        .kpi
        .by_channel
        .iter()
        .map(|c| (c.channel.map(Channel::key), c.received))
        .collect();
    assert_eq!(
        ch,
        vec![
            (Some("letter"), 2),
            (Some("fax"), 1),
            (Some("email"), 2),
            (Some("phone"), 2),
            (Some("in_person"), 1),
            (Some("web"), 1),
            (Some("other"), 0),
            (None, 2),
        ]
    );
    let nat: Vec<_> = fig
        .kpi
        .by_nature
        .iter()
        .map(|n| (n.nature, n.received))
        .collect();
    assert_eq!(nat, vec![(T, 6), (NT, 3), (None, 2)]);
    let shares: Vec<_> = fig.tables.by_nature.iter().map(|s| s.share).collect();
    assert_eq!(
        shares,
        vec![Some(6.0 / 11.0), Some(3.0 / 11.0), Some(2.0 / 11.0)]
    );
    assert_eq!(fig.tables.by_channel[0].share, Some(2.0 / 11.0));
    assert_eq!(fig.tables.by_channel[6].share, Some(0.0));
}

#[test]
fn departments_handlers_and_files() {
    let t = q3().tables;
    let dep: Vec<_> = t
        .by_department
        .iter()
        .map(|r| {
            (
                r.name.as_deref(),
                r.received,
                r.closed,
                r.open_at_end,
                r.overdue,
                r.handling_wd_median,
            )
        })
        .collect();
    assert_eq!(
        dep,
        vec![
            // C03 C09: open and overdue.
            (Some("Administratie"), 2, 0, 2, 2, None),
            // C02 10, C04 6, C06 37 → median 10.
            (Some("Service"), 3, 3, 0, 0, Some(10.0)),
            // The rest; closed C01 14, C05 20, C07 7 (C15 left out) → 14.
            (None, 6, 4, 3, 1, Some(14.0)),
        ]
    );
    let handlers: Vec<_> = t
        .by_handler
        .iter()
        .map(|r| (r.name.as_deref(), r.received, r.closed))
        .collect();
    assert_eq!(
        handlers,
        vec![(Some("Anna"), 7, 4), (Some("Piet"), 2, 2), (None, 2, 1)]
    );
    let files: Vec<_> = t
        .by_file
        .iter()
        .map(|r| {
            (
                r.name.as_deref(),
                r.received,
                r.closed,
                r.open_at_end,
                r.overdue,
                r.handling_wd_median,
            )
        })
        .collect();
    assert_eq!(
        files,
        vec![
            (Some("a.xlsx (Register)"), 9, 6, 4, 2, Some(12.0)),
            (Some("b.csv"), 2, 1, 1, 1, None),
        ]
    );
}

#[test]
fn overdue_list_buckets_and_escalations() {
    let t = q3().tables;
    let od: Vec<_> = t
        .overdue
        .iter()
        .map(|o| {
            (
                o.id.as_str(),
                o.age_wd,
                o.age_cd,
                o.target_wd,
                o.due_date,
                o.days_past_target,
            )
        })
        .collect();
    assert_eq!(
        od,
        vec![
            ("C11", 148, 212, Some(20), None, Some(128)),
            ("C03", 62, 86, Some(20), None, Some(42)),
            // Due 15 Sept → 30 Sept: 16–18, 21–25, 28–30 = 11 working days past.
            ("C09", 21, 29, None, Some(ymd(2026, 9, 15)), Some(11)),
        ]
    );
    let c03 = &t.overdue[1];
    assert_eq!((c03.file, c03.row, c03.index), (0, 3, 2));
    assert_eq!(c03.handler.as_deref(), Some("Piet"));
    assert_eq!(c03.contact_person.as_deref(), Some("Sanne"));
    // The contact person defaults to the handler.
    assert_eq!(t.overdue[2].contact_person.as_deref(), Some("Anna"));
    let buckets: Vec<_> = t
        .age_buckets
        .iter()
        .map(|b| (b.label, b.open, b.overdue))
        .collect();
    assert_eq!(
        buckets,
        vec![
            ("0–10", 1, 0), // C10
            ("11–20", 0, 0),
            ("21–40", 2, 1), // C08 32, C09 21 (overdue)
            ("41–60", 0, 0),
            ("> 60", 2, 2), // C03 62, C11 148
        ]
    );
    let esc: Vec<_> = t
        .escalations
        .iter()
        .map(|e| (e.id.as_str(), e.age_wd, e.overdue, e.days_past_target))
        .collect();
    assert_eq!(esc, vec![("C10", 2, false, None)]);
}

#[test]
fn causes_pareto_and_recurring() {
    let fig = q3();
    let causes: Vec<_> = fig
        .kpi
        .causes
        .iter()
        .map(|c| (c.cause.as_str(), c.nature, c.count))
        .collect();
    assert_eq!(
        causes,
        vec![
            // "Lekkage" and "lekkage " are one cause; shown as first written (C02).
            ("Lekkage", T, 2),
            // "Montage-fout" (C06) and "Montagefout" (C07) too.
            ("Montage-fout", T, 2),
            ("Onjuiste factuur", NT, 2),
            ("Gedrag monteur", NT, 1),
            ("Lekkage", None, 1), // C05, nature not recorded
        ]
    );
    let t = &fig.tables;
    let par = |rows: &[ParetoRow]| -> Vec<(String, u64, f64, f64)> {
        rows.iter()
            .map(|r| (r.cause.clone(), r.count, r.share, r.cumulative_share))
            .collect()
    };
    assert_eq!(
        par(&t.pareto_technical),
        vec![
            ("Lekkage".into(), 2, 0.5, 0.5),
            ("Montage-fout".into(), 2, 0.5, 1.0)
        ]
    );
    assert_eq!(
        par(&t.pareto_non_technical),
        vec![
            ("Onjuiste factuur".into(), 2, 2.0 / 3.0, 2.0 / 3.0),
            ("Gedrag monteur".into(), 1, 1.0 / 3.0, 1.0)
        ]
    );
    assert_eq!(
        par(&t.pareto_unknown_nature),
        vec![("Lekkage".into(), 1, 1.0, 1.0)]
    );

    let labels: Vec<_> = t
        .recurring_quarters
        .iter()
        .map(|q| q.label.as_str())
        .collect();
    assert_eq!(labels, vec!["2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"]);
    let rec: Vec<_> = t
        .recurring_causes
        .iter()
        .map(|r| {
            (
                r.cause.as_str(),
                r.nature,
                r.counts.clone(),
                r.total,
                r.quarters,
                r.recurring,
            )
        })
        .collect();
    // Technical and non-technical apart, as in the Pareto.
    assert_eq!(
        rec,
        vec![
            // C11 (Q1), C02 C04 (Q3); C16 (2025-Q3) is outside the window.
            ("Lekkage", T, vec![0, 1, 0, 2], 3, 2, true),
            ("Onjuiste factuur", NT, vec![0, 0, 1, 2], 3, 2, true), // C12; C03 C15
            ("Lekkage", None, vec![0, 0, 1, 1], 2, 2, true),        // C01 (Q2), C05 (Q3)
            ("Montage-fout", T, vec![0, 0, 0, 2], 2, 1, false),
            ("Gedrag monteur", NT, vec![0, 0, 0, 1], 1, 1, false),
        ]
    );
}

#[test]
fn repeat_complainants_pseudonymised_or_named() {
    let fig = q3();
    let t = &fig.tables;
    assert_eq!(t.repeat_window.start, ymd(2025, 10, 1));
    assert_eq!(t.repeat_window.end, ymd(2026, 9, 30));
    // "Jansen BV" / "jansen  bv" (C02 C07) by name; D-100 / d100 (C04 C10) by customer number
    // although the names differ. Bakker: C16 is before the window and C13 after it.
    let mut got: Vec<_> = t
        .repeat_complainants
        .iter()
        .map(|r| (r.customer.clone(), r.complaints, r.ids.clone()))
        .collect();
    got.sort();
    let mut want = vec![
        (
            pseudonym("Jansen BV"),
            2,
            vec!["C02".to_string(), "C07".to_string()],
        ),
        (
            pseudonym("Pietersen"),
            2,
            vec!["C04".to_string(), "C10".to_string()],
        ),
    ];
    want.sort();
    assert_eq!(got, want);
    assert!(got.iter().all(|(c, _, _)| c.starts_with("K-")));
    assert_eq!(fig.kpi.previous.repeat_complainants, 1); // Bakker: C16 and C11
    let named = run(&fixture(), &[], "2026-Q3", ymd(2026, 9, 30), true);
    let mut names: Vec<_> = named
        .tables
        .repeat_complainants
        .iter()
        .map(|r| r.customer.as_str())
        .collect();
    names.sort();
    assert_eq!(names, vec!["Jansen BV", "Pietersen"]);
    let r = &named.tables.repeat_complainants[0];
    assert!(r.first_received < r.last_received);
}

use crate::register::customer::pseudonym;

#[test]
fn previous_and_year_ago_by_hand() {
    let k = q3().kpi;
    let p = &k.previous;
    assert_eq!(p.period.label, "2026-Q2");
    assert_eq!(p.period.as_of, ymd(2026, 6, 30));
    // received C01 C12; closed C12, C14 (its closed date); open(31 March) C11;
    // open(30 June) C01 C11; overdue at 30 June: C11 (82 wd), C01 (11 > 10).
    assert_eq!(
        (
            p.received,
            p.closed,
            p.open_at_start,
            p.open_at_end,
            p.overdue
        ),
        (2, 2, 1, 2, 2)
    );
    // Only C12 counts for handling: 1 April → 30 June is 60 wd (4 holidays).
    assert_eq!(p.handling_wd_median, Some(60.0));
    assert_eq!(p.handling_wd_mean, Some(60.0));
    assert_eq!(p.handling_wd_p90, None);
    assert_eq!(p.share_within_target, Some(0.0)); // 60 > 20
    assert_eq!(p.ack_share_within_target, Some(1.0)); // C01 in 1 wd
    let y = &k.year_ago;
    assert_eq!(y.period.label, "2025-Q3");
    assert_eq!(y.period.as_of, ymd(2025, 9, 30));
    assert_eq!(
        (
            y.received,
            y.closed,
            y.open_at_start,
            y.open_at_end,
            y.overdue
        ),
        (1, 1, 0, 0, 0)
    );
    assert_eq!(y.handling_wd_median, Some(8.0)); // C16
    assert_eq!(y.share_within_target, Some(1.0));
    assert_eq!(y.ack_share_within_target, None);
    assert_eq!(y.repeat_complainants, 0);
}

#[test]
fn trend_rows_with_changes_and_no_percent_on_zero_base() {
    let t = q3().tables;
    let row = |f: HeadlineFigure| t.headline.iter().find(|r| r.figure == f).unwrap().clone();
    let r = row(HeadlineFigure::Received);
    assert_eq!(
        (r.value, r.previous, r.year_ago),
        (Some(11.0), Some(2.0), Some(1.0))
    );
    assert_eq!(
        (r.change_previous, r.rel_change_previous),
        (Some(9.0), Some(4.5))
    );
    assert_eq!(
        (r.change_year_ago, r.rel_change_year_ago),
        (Some(10.0), Some(10.0))
    );
    let s = row(HeadlineFigure::OpenAtStart);
    // 2 against 0 a year ago: a change, no percentage.
    assert_eq!(
        (s.change_year_ago, s.rel_change_year_ago),
        (Some(2.0), None)
    );
    let a = row(HeadlineFigure::AckShareWithinTarget);
    assert_eq!(a.year_ago, None);
    assert_eq!((a.change_year_ago, a.rel_change_year_ago), (None, None));
    let m = row(HeadlineFigure::HandlingWdMedian);
    assert_eq!((m.value, m.previous), (Some(12.0), Some(60.0)));
    assert_eq!(m.rel_change_previous, Some(-0.8));
    assert_eq!(m.unit, Unit::WorkingDays);
    assert_eq!(row(HeadlineFigure::RepeatComplainants).value, Some(2.0));
    assert_eq!(row(HeadlineFigure::ShareWithinTarget).value, Some(0.6));
    assert_eq!(t.headline.len(), HeadlineFigure::ALL.len());
}

#[test]
fn monthly_series_of_24_months() {
    let t = q3().tables;
    // The 24 months end with P's last month; those before the fixture's first complaint (the
    // earliest received date, found here by hand) have no data and are not listed.
    let first = fixture()
        .complaints
        .iter()
        .map(|c| c.received)
        .min()
        .unwrap();
    let from = first.format("%Y-%m").to_string();
    assert!(
        from.as_str() > "2024-10",
        "the fixture starts within the window"
    );
    let months = (2026 - first.year()) * 12 + 9 - first.month() as i32 + 1;
    assert_eq!(t.monthly.len(), months as usize);
    assert_eq!(t.monthly[0].month, from);
    assert_eq!(t.monthly.last().unwrap().month, "2026-09");
    assert_eq!(t.monthly.last().unwrap().start, ymd(2026, 9, 1));
    let m = |label: &str| t.monthly.iter().find(|r| r.month == label).unwrap().clone();
    let row = |r: MonthRow| {
        (
            r.received,
            r.received_technical,
            r.received_non_technical,
            r.received_unknown_nature,
            r.closed,
            r.closed_technical,
            r.closed_non_technical,
            r.closed_unknown_nature,
        )
    };
    assert_eq!(row(m("2025-09")), (1, 1, 0, 0, 1, 1, 0, 0)); // C16
    assert_eq!(row(m("2026-06")), (1, 0, 0, 1, 2, 0, 1, 1)); // C01; C12, C14
    assert_eq!(row(m("2026-07")), (4, 2, 1, 1, 3, 2, 0, 1)); // C02 C03 C04 C14; C01 C02 C04
    assert_eq!(row(m("2026-08")), (4, 3, 0, 1, 2, 1, 0, 1)); // C05–C08; C05 C07
    assert_eq!(row(m("2026-09")), (3, 1, 2, 0, 2, 1, 1, 0)); // C09 C10 C15; C06 C15
    assert!(t.monthly.iter().all(|r| r.month.as_str() >= from.as_str()));
    let total: u64 = t.monthly.iter().map(|r| r.received).sum();
    // All but C13 (October 2026).
    assert_eq!(total, 15);
}

#[test]
fn the_trend_starts_with_the_registers_first_month() {
    let m0 = 2024 * 12 + 9; // 2024-10
    let all = tables::monthly(m0, None, &[], &[]);
    assert_eq!(all.len(), 24, "without complaints all 24 months");
    assert_eq!(tables::monthly(m0, Some(m0 - 40), &[], &[]).len(), 24);
    let later = tables::monthly(
        m0,
        Some(m0 + 5),
        &[(m0 + 5, None, 2), (m0 + 23, None, 7)],
        &[],
    );
    assert_eq!(later.len(), 19);
    assert_eq!((later[0].month.as_str(), later[0].received), ("2025-03", 2));
    assert_eq!(
        (later[18].month.as_str(), later[18].received),
        ("2026-09", 7)
    );
    assert!(tables::monthly(m0, Some(m0 + 24), &[], &[]).is_empty());
}

#[test]
fn register_rows_and_findings_that_matter() {
    let fig = q3();
    let ids: Vec<_> = fig
        .tables
        .register_rows
        .iter()
        .map(|&i| fixture().complaints[i].id.clone())
        .collect();
    // Not C12 (closed 30 June), C13 (after P), C16 (2025).
    assert_eq!(
        ids,
        vec![
            "C01", "C02", "C03", "C04", "C05", "C06", "C07", "C08", "C09", "C10", "C11", "C14",
            "C15"
        ]
    );
    assert_eq!(fig.tables.findings, vec![1, 2, 3]);
    let f = &fig.kpi.findings;
    assert_eq!((f.error, f.warning, f.info), (2, 1, 0));
    assert_eq!(
        f.by_rule.iter().map(|(k, v)| (*k, *v)).collect::<Vec<_>>(),
        vec![
            ("date-order", 1),
            ("late-acknowledgement", 1),
            ("missing-column", 1)
        ]
    );
}

#[test]
fn kpi_json_has_exactly_the_spec_keys() {
    let v = serde_json::to_value(&q3().kpi).unwrap();
    let keys = |v: &serde_json::Value| -> Vec<String> {
        let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
        k.sort();
        k
    };
    let sorted = |s: &[&str]| -> Vec<String> {
        let mut k: Vec<String> = s.iter().map(|x| x.to_string()).collect();
        k.sort();
        k
    };
    assert_eq!(keys(&v), sorted(crate::testkit::KPI_KEYS));
    assert_eq!(
        keys(&v["period"]),
        sorted(&["label", "start", "end", "as_of"])
    );
    assert_eq!(
        keys(&v["rows"]),
        sorted(&["read", "used", "excluded", "blank"])
    );
    let stat = sorted(&["n", "mean", "median", "p90", "max"]);
    assert_eq!(keys(&v["handling_wd"]), stat);
    assert_eq!(keys(&v["handling_cd"]), stat);
    assert_eq!(
        keys(&v["ack"]),
        sorted(&["n", "missing", "within_target", "median_wd"])
    );
    assert_eq!(
        keys(&v["by_urgency"][0]),
        sorted(&[
            "urgency",
            "received",
            "closed",
            "open_at_end",
            "overdue",
            "handling_wd"
        ])
    );
    assert_eq!(keys(&v["by_channel"][0]), sorted(&["channel", "received"]));
    assert_eq!(keys(&v["by_nature"][0]), sorted(&["nature", "received"]));
    assert_eq!(keys(&v["causes"][0]), sorted(&["cause", "nature", "count"]));
    assert_eq!(
        keys(&v["findings"]),
        sorted(&["error", "warning", "info", "by_rule"])
    );
    // Values: dates as ISO text, counts as integers, nulls where there is no data.
    assert_eq!(v["period"]["start"], "2026-07-01");
    assert_eq!(v["received"], 11);
    assert_eq!(v["by_urgency"][0]["urgency"], 1);
    assert!(v["by_urgency"][8]["urgency"].is_null());
    assert!(v["by_urgency"][5]["handling_wd"]["median"].is_null());
    assert_eq!(v["by_channel"][7]["channel"], serde_json::Value::Null);
    assert_eq!(v["by_channel"][2]["channel"], "email");
    assert_eq!(v["by_nature"][1]["nature"], "non_technical");
    assert_eq!(v["handling_wd"]["median"], 12.0);
    assert_eq!(v["handling_wd"]["p90"], 37);
    assert_eq!(v["findings"]["by_rule"]["date-order"], 1);
    assert_eq!(v["previous"]["period"]["label"], "2026-Q2");
    // Without a volume there is no complaint rate, and the periods' headlines have no key for it.
    assert!(v["rate_per_1000"].is_null());
    assert!(v["previous"].get("rate_per_1000").is_none());
    // The workbook tables serialise too.
    let t = serde_json::to_value(&q3().tables).unwrap();
    assert_eq!(t["times_by_urgency"][8]["group"]["by"], "urgency");
    assert!(t["times_by_urgency"][8]["group"]["value"].is_null());
    assert_eq!(t["headline"][0]["figure"], "received");
}

/// Q3 with a cause list: headings for three causes (two tied at 2), and an action on the
/// leak dated 1 July.
fn q3_listed(montage_first: bool) -> Figures {
    let entry = |name: &str, group: &str| crate::config::CauseEntry {
        name: name.into(),
        also: Vec::new(),
        nature: None,
        group: Some(group.into()),
        action: None,
        action_date: None,
    };
    let mut causes = vec![
        crate::config::CauseEntry {
            action: Some("perscontrole".into()),
            action_date: Some(ymd(2026, 7, 1)),
            ..entry("Lekkage", "installatie")
        },
        entry("Onjuiste factuur", "administratie"),
        entry("Montagefout", "montage"),
    ];
    if montage_first {
        causes.swap(1, 2);
    }
    let config = Config {
        causes,
        ..Config::default()
    };
    let (p, d) = ("2026-Q3", ymd(2026, 9, 30));
    run_with(&config, &fixture(), &[], p, d, false)
}

#[test]
fn cause_headings_pareto_with_ties_in_list_order_and_the_rest_last() {
    // received(Q3) with a cause: Lekkage C02, C04, C05; Montage-fout/Montagefout C06, C07;
    // Onjuiste factuur C03, C15; Gedrag monteur C09 (not listed): 8.
    let rows = |f: Figures| -> Vec<(Option<String>, u64, f64, f64)> {
        f.kpi
            .cause_headings
            .into_iter()
            .map(|h| (h.heading, h.count, h.share, h.cumulative_share))
            .collect()
    };
    let h = |s: &str| Some(s.to_string());
    assert_eq!(
        rows(q3_listed(false)),
        vec![
            (h("installatie"), 3, 3.0 / 8.0, 3.0 / 8.0),
            (h("administratie"), 2, 2.0 / 8.0, 5.0 / 8.0),
            (h("montage"), 2, 2.0 / 8.0, 7.0 / 8.0),
            (None, 1, 1.0 / 8.0, 1.0),
        ]
    );
    let swapped: Vec<_> = rows(q3_listed(true)).into_iter().map(|r| r.0).collect();
    assert_eq!(
        swapped,
        [h("installatie"), h("montage"), h("administratie"), None]
    );
    assert!(q3().kpi.cause_headings.is_empty(), "no list, no headings");
}

#[test]
fn cause_actions_before_and_after_by_hand() {
    // Lekkage received: C16 2025-09-15, C11 2026-03-02, C01 2026-06-15 before 1 July;
    // C02 on 1 July itself, C04 10 July, C05 3 August after.
    let f = q3_listed(false);
    let a = &f.kpi.cause_actions;
    assert_eq!(a.len(), 1, "only the entry with an action date");
    let a = &a[0];
    assert_eq!(
        (a.cause.as_str(), a.action.as_deref(), a.action_date),
        ("Lekkage", Some("perscontrole"), ymd(2026, 7, 1))
    );
    let w = |w: &ActionWindow| (w.from, w.to, w.complaints, w.months, w.per_month);
    assert_eq!(
        w(&a.before),
        (ymd(2025, 7, 1), ymd(2026, 6, 30), 3, 12.0, Some(0.25))
    );
    assert_eq!(
        w(&a.after),
        (ymd(2026, 7, 1), ymd(2026, 9, 30), 3, 3.0, Some(1.0))
    );
    assert!(q3().kpi.cause_actions.is_empty());
    let v = serde_json::to_value(&f.kpi).unwrap();
    let keys = |v: &serde_json::Value| -> Vec<String> {
        let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
        k.sort();
        k
    };
    assert_eq!(
        keys(&v["cause_actions"][0]),
        ["action", "action_date", "after", "before", "cause"]
    );
    assert_eq!(
        keys(&v["cause_actions"][0]["after"]),
        ["complaints", "from", "months", "per_month", "to"]
    );
    assert_eq!(
        keys(&v["cause_headings"][0]),
        ["count", "cumulative_share", "heading", "share"]
    );
}

#[test]
fn reference_date_after_the_period_moves_overdue_only() {
    // D = 15 October: received/closed/open figures of P do not change; at D, C13 (received
    // 2 Oct, 9 wd) is open but within its 20 wd, C10 (13 wd > 10) has become overdue, and
    // C09 is 22 wd past its due date (11 in September + 11 in October).
    let fig = run(&fixture(), &[], "2026-Q3", ymd(2026, 10, 15), false);
    let k = &fig.kpi;
    assert_eq!((k.received, k.closed, k.open_at_end), (11, 7, 5));
    assert_eq!(k.period.as_of, ymd(2026, 10, 15));
    assert_eq!(k.overdue, 4);
    let t = &fig.tables;
    let c09 = t.overdue.iter().find(|o| o.id == "C09").unwrap();
    assert_eq!(c09.days_past_target, Some(22));
    // 0–10: C13 (9); 11–20: C10 (13, overdue); 21–40: C09 (32, overdue); 41–60: C08 (43,
    // due date not passed); > 60: C03, C11.
    let b: Vec<_> = t.age_buckets.iter().map(|b| (b.open, b.overdue)).collect();
    assert_eq!(b, vec![(1, 0), (1, 1), (1, 1), (1, 0), (2, 2)]);
    let esc = &t.escalations[0];
    assert_eq!(
        (esc.id.as_str(), esc.overdue, esc.days_past_target),
        ("C10", true, Some(3))
    );
    // The previous period is still measured at its own end.
    assert_eq!(k.previous.period.as_of, ymd(2026, 6, 30));
}

#[test]
fn empty_register_gives_nulls_and_zero_rows() {
    let reg = Register::default();
    let fig = run(&reg, &[], "2026-07", ymd(2026, 7, 31), false);
    let k = &fig.kpi;
    assert_eq!(
        (
            k.received,
            k.closed,
            k.open_at_start,
            k.open_at_end,
            k.overdue
        ),
        (0, 0, 0, 0, 0)
    );
    assert_eq!(k.handling_wd, DurationStats::default());
    assert_eq!(k.by_urgency.len(), 9);
    assert_eq!(k.by_channel.len(), Channel::ALL.len() + 1);
    assert_eq!(k.by_nature.len(), 3);
    assert!(k.causes.is_empty());
    assert!(fig.tables.flow.holds);
    assert_eq!(fig.tables.by_nature[0].share, None);
    assert_eq!(fig.tables.monthly.len(), 24);
    assert!(fig.tables.by_file.is_empty());
}

#[test]
fn an_empty_register_has_no_costs_judgements_or_answers() {
    let k = run(
        &Register::default(),
        &[],
        "2026-07",
        ymd(2026, 7, 31),
        false,
    )
    .kpi;
    assert_eq!((k.cost.n, k.cost.missing, k.cost.left_out), (0, 0, 0));
    assert_eq!(
        (k.cost.total, k.cost.mean, k.cost.median),
        (None, None, None)
    );
    assert!(k.cost.by_cause.is_empty() && k.cost.by_department.is_empty());
    assert_eq!((k.cost.by_nature.len(), k.cost.by_urgency.len()), (3, 9));
    assert_eq!(k.justified.share_yes, None);
    assert_eq!(k.satisfaction, SatisfactionFigures::default());
    assert_eq!((k.reopened, k.previous.cost_total), (0, None));
}

/// C02 (closed 15-07, urgency 5) reopened with its closed date left in: it is open for every
/// figure — not closed, open at the end, overdue at 30-09 (65 working days: 22 in July after
/// the 1st, 21 in August, 22 in September; target 20), out of the handling times — and
/// counted and listed as reopened.
#[test]
fn a_reopened_complaint_is_open_for_every_figure_and_listed() {
    let before = q3();
    let mut reg = fixture();
    let c02 = reg.complaints.iter().position(|c| c.id == "C02").unwrap();
    reg.complaints[c02].status = Some(Status::Reopened);
    let after = run(
        &reg,
        &fixture_findings(),
        "2026-Q3",
        ymd(2026, 9, 30),
        false,
    );
    let (b, a) = (&before.kpi, &after.kpi);
    assert_eq!(a.closed, b.closed - 1);
    assert_eq!(a.open_at_end, b.open_at_end + 1);
    assert_eq!(a.overdue, b.overdue + 1);
    assert_eq!(a.handling_wd.n, b.handling_wd.n - 1);
    // The flow check is off by the fixture's date-order complaints only, as before.
    assert_eq!(after.tables.flow.difference, before.tables.flow.difference);
    assert_eq!((b.reopened, a.reopened), (0, 1));
    let listed: Vec<&str> = after
        .tables
        .reopened
        .iter()
        .map(|i| i.id.as_str())
        .collect();
    assert_eq!(listed, ["C02"]);
    assert_eq!(after.tables.reopened[0].age_wd, 65);
}

// ---------------------------------------------------------------------------------------------
// Randomised comparison with a naive implementation.

/// Deterministic LCG (Knuth MMIX constants): the test needs no rand crate.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, bound: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % bound
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next(100) < percent
    }
}

fn random_register(seed: u64, n: usize) -> Register {
    let mut r = Lcg(seed);
    let base = ymd(2024, 1, 1);
    let complaints = (0..n)
        .map(|i| {
            let received = base + Days::new(r.next(1100));
            let mut c = Complaint {
                id: compact_str::format_compact!("R{i}"),
                row: i as u32,
                received,
                urgency: if r.chance(15) {
                    None
                } else {
                    u(r.next(8) as u8 + 1)
                },
                nature: [T, NT, None][r.next(3) as usize],
                channel: if r.chance(20) {
                    None
                } else {
                    Some(Channel::ALL[r.next(7) as usize])
                },
                department: [None, Some("Service".into()), Some("Montage".into())]
                    [r.next(3) as usize]
                    .clone(),
                ..Complaint::default()
            };
            if r.chance(75) {
                // Mostly after receipt; some date-order errors.
                c.closed_date = Some(if r.chance(3) {
                    received - Days::new(r.next(30) + 1)
                } else {
                    received + Days::new(r.next(90))
                });
            } else if r.chance(10) {
                c.status = Some(Status::Closed);
            }
            if r.chance(70) {
                c.ack_date = Some(received + Days::new(r.next(5)));
            }
            if r.chance(15) {
                c.due_date = Some(received + Days::new(r.next(40)));
            }
            c
        })
        .collect();
    Register {
        complaints,
        ..Register::default()
    }
}

/// Working days a < d ≤ b under the cao holidays as written out in [`crate::testkit`] (SPEC
/// §4), not as the crate's calendar computes them.
fn naive_wd(a: NaiveDate, b: NaiveDate) -> i64 {
    testkit::working_days(List::Cao, a, b)
}

#[derive(Debug, PartialEq)]
struct Naive {
    received: u64,
    closed: u64,
    open_at_start: u64,
    open_at_end: u64,
    overdue: u64,
    median: Option<f64>,
    p90: Option<i64>,
    max: Option<i64>,
    per_urgency: Vec<(u64, u64, u64, u64)>,
}

fn naive(reg: &Register, p: &Period, d: NaiveDate) -> Naive {
    let targets = crate::config::Targets::default();
    let open = |c: &Complaint, x: NaiveDate| {
        c.received <= x
            && match c.closed_date {
                None => true,
                Some(cd) => cd > x,
            }
    };
    let in_p = |x: NaiveDate| p.start <= x && x <= p.end;
    let before = p.start.pred_opt().unwrap();
    let mut out = Naive {
        received: 0,
        closed: 0,
        open_at_start: 0,
        open_at_end: 0,
        overdue: 0,
        median: None,
        p90: None,
        max: None,
        per_urgency: vec![(0, 0, 0, 0); 9],
    };
    let mut times = Vec::new();
    for c in &reg.complaints {
        let slot = match c.urgency {
            Some(u) => u.number() as usize - 1,
            None => 8,
        };
        let mut is_overdue = false;
        if open(c, d) {
            is_overdue = match c.due_date {
                Some(due) => d > due,
                None => match targets.close_target(c.urgency) {
                    Some(t) => naive_wd(c.received, d) > t as i64,
                    None => false,
                },
            };
        }
        if in_p(c.received) {
            out.received += 1;
            out.per_urgency[slot].0 += 1;
        }
        if let Some(cd) = c.closed_date {
            if in_p(cd) {
                out.closed += 1;
                out.per_urgency[slot].1 += 1;
                if cd >= c.received {
                    times.push(naive_wd(c.received, cd));
                }
            }
        }
        if open(c, before) {
            out.open_at_start += 1;
        }
        if open(c, p.end) {
            out.open_at_end += 1;
            out.per_urgency[slot].2 += 1;
        }
        if is_overdue {
            out.overdue += 1;
            out.per_urgency[slot].3 += 1;
        }
    }
    out.median = testkit::median(&times);
    out.p90 = testkit::p90(&times);
    out.max = times.iter().copied().max();
    out
}

#[test]
fn random_registers_match_a_naive_implementation() {
    let reg = random_register(20260930, 3000);
    for (period, as_of) in [
        ("2026-Q3", ymd(2026, 9, 30)),
        ("2025-07", ymd(2025, 7, 31)),
        ("2025-H2", ymd(2026, 2, 14)),
        ("2024", ymd(2024, 12, 31)),
        ("2025-02-10..2025-05-20", ymd(2025, 5, 20)),
    ] {
        let fig = run(&reg, &[], period, as_of, false);
        let p = Period::parse(period).unwrap();
        let want = naive(&reg, &p, as_of);
        let k = &fig.kpi;
        let got = Naive {
            received: k.received,
            closed: k.closed,
            open_at_start: k.open_at_start,
            open_at_end: k.open_at_end,
            overdue: k.overdue,
            median: k.handling_wd.median,
            p90: k.handling_wd.p90,
            max: k.handling_wd.max,
            per_urgency: k
                .by_urgency
                .iter()
                .map(|r| (r.received, r.closed, r.open_at_end, r.overdue))
                .collect(),
        };
        assert_eq!(got, want, "{period}");
        assert!(
            want.received > 50 && want.overdue > 0,
            "{period}: fixture too thin"
        );
        // The previous period and a year ago through the same naive path.
        let prev = p.previous();
        let pd = prev.end.min(as_of);
        let wp = naive(&reg, &prev, pd);
        let hp = &k.previous;
        assert_eq!(
            (
                hp.received,
                hp.closed,
                hp.open_at_start,
                hp.open_at_end,
                hp.overdue,
                hp.handling_wd_median
            ),
            (
                wp.received,
                wp.closed,
                wp.open_at_start,
                wp.open_at_end,
                wp.overdue,
                wp.median
            ),
            "{period} previous"
        );
        let ya = p.year_ago();
        let wy = naive(&reg, &ya, ya.end.min(as_of));
        let hy = &k.year_ago;
        assert_eq!(
            (
                hy.received,
                hy.closed,
                hy.open_at_end,
                hy.overdue,
                hy.handling_wd_p90
            ),
            (wy.received, wy.closed, wy.open_at_end, wy.overdue, wy.p90),
            "{period} year ago"
        );
        // Internal consistency of the tables.
        let t = &fig.tables;
        assert_eq!(t.overdue.len() as u64, k.overdue);
        let open_d = reg
            .complaints
            .iter()
            .filter(|c| c.is_open_at(as_of))
            .count() as u64;
        assert_eq!(t.age_buckets.iter().map(|b| b.open).sum::<u64>(), open_d);
        assert_eq!(
            t.by_channel.iter().map(|c| c.count).sum::<u64>(),
            k.received
        );
        assert_eq!(
            t.by_department.iter().map(|r| r.received).sum::<u64>(),
            k.received
        );
        assert_eq!(
            t.by_department.iter().map(|r| r.overdue).sum::<u64>(),
            k.overdue
        );
        let f = &t.flow;
        assert_eq!(f.holds, f.difference == 0);
        if f.date_order == 0 {
            assert!(f.holds);
        }
        assert!(t
            .overdue
            .windows(2)
            .all(|w| w[0].days_past_target >= w[1].days_past_target));
    }
}

#[test]
fn polars_median_per_group_equals_the_exact_median() {
    let reg = random_register(7, 800);
    let fig = run(&reg, &[], "2025", ymd(2025, 12, 31), false);
    for row in &fig.tables.by_department {
        let v: Vec<i64> = reg
            .complaints
            .iter()
            .filter(|c| c.department.as_deref() == row.name.as_deref())
            .filter_map(|c| {
                let cd = c.closed_date?;
                (Period::parse("2025").unwrap().contains(cd) && cd >= c.received)
                    .then(|| naive_wd(c.received, cd))
            })
            .collect();
        assert_eq!(
            row.handling_wd_median,
            testkit::median(&v),
            "{:?}",
            row.name
        );
    }
}

/// The statistics of SPEC §5 against their definitions ([`crate::testkit`]), on short lists
/// of few and of many distinct values, so that even n, ties and n < 5 all occur.
#[test]
fn median_and_p90_equal_their_definitions() {
    let mut r = Lcg(17);
    let (mut even, mut split_middle) = (0, 0);
    for _ in 0..2000 {
        let n = r.next(25) as usize;
        let spread = [3, 40, 1000][r.next(3) as usize];
        let mut v: Vec<i32> = (0..n).map(|_| r.next(spread) as i32 - 5).collect();
        let wide: Vec<i64> = v.iter().map(|&x| i64::from(x)).collect();
        v.sort_unstable();
        assert_eq!(stats::median(&v), testkit::median(&wide), "{v:?}");
        assert_eq!(stats::p90(&v).map(i64::from), testkit::p90(&wide), "{v:?}");
        let is_even = n > 0 && n.is_multiple_of(2);
        even += usize::from(is_even);
        split_middle += usize::from(is_even && v[n / 2 - 1] != v[n / 2]);
    }
    assert!(
        even > 500 && split_middle > 300,
        "{even} even, {split_middle} split"
    );
}

/// Complaints received on the 10th of each month from July 2024 to September 2026: five a
/// month in 2024 (three technical "Lekkage", two non-technical "Factuur fout"), three a month
/// after (two and one), and ten more technical ones in August 2026, written "LEKKAGE".
fn signal_register() -> Register {
    let mut complaints = Vec::new();
    let mut add = |received: NaiveDate, nature: Option<Nature>, cause: &str| {
        let i = complaints.len();
        complaints.push(Complaint {
            id: compact_str::format_compact!("S{i}"),
            row: i as u32,
            received,
            nature,
            cause: Some(cause.into()),
            ..Complaint::default()
        });
    };
    for k in 0..27 {
        let received = ymd(2024, 7, 10) + chrono::Months::new(k);
        let (t, nt) = if received.year() == 2024 {
            (3, 2)
        } else {
            (2, 1)
        };
        (0..t).for_each(|_| add(received, T, "Lekkage"));
        (0..nt).for_each(|_| add(received, NT, "Factuur fout"));
    }
    (0..10).for_each(|_| add(ymd(2026, 8, 20), T, "LEKKAGE"));
    Register {
        complaints,
        ..Register::default()
    }
}

#[test]
fn signals_over_a_baseline_before_the_trend() {
    // P = 2026-H2 at D = 30 September: July–September judged against the 24 months from July
    // 2024, six of them before the trend's 24 months. Received c̄ = (6·5 + 18·3) / 24 = 3.5,
    // technical (6·3 + 18·2) / 24 = 2.25, non-technical (6·2 + 18) / 24 = 1.25.
    let fig = run(&signal_register(), &[], "2026-H2", ymd(2026, 9, 30), false);
    let k = &fig.kpi;
    // Series, cause, rule, month, direction, value, centre, run months.
    type Row<'a> = (
        &'a str,
        Option<&'a str>,
        u8,
        &'a str,
        signals::Direction,
        u64,
        f64,
        Option<u64>,
    );
    let got: Vec<Row> = k
        .signals
        .iter()
        .map(|s| {
            let series = match s.series {
                signals::SeriesKind::Received => "received",
                signals::SeriesKind::Technical => "technical",
                signals::SeriesKind::NonTechnical => "non_technical",
                signals::SeriesKind::Cause => "cause",
            };
            let c = s.cause.as_deref();
            let signals::SignalValue::Count(value) = s.value else {
                panic!("a c-chart counts: {s:?}");
            };
            (
                series,
                c,
                s.rule,
                s.month.as_str(),
                s.direction,
                value,
                s.centre,
                s.run_months,
            )
        })
        .collect();
    use signals::Direction::{Down, Up};
    // Below the centre since January 2025 (19 months to July, 21 to September); August's ten
    // technical "lekkage" above the upper limits (3.5 + 3·√3.5 = 9.1; 2.25 + 4.5 = 6.75).
    let cause = Some("Lekkage");
    let invoice = Some("Factuur fout");
    assert_eq!(
        got,
        [
            ("received", None, 2, "2026-07", Down, 3, 3.5, Some(19)),
            ("received", None, 1, "2026-08", Up, 13, 3.5, None),
            ("technical", None, 2, "2026-07", Down, 2, 2.25, Some(19)),
            ("technical", None, 1, "2026-08", Up, 12, 2.25, None),
            ("non_technical", None, 2, "2026-09", Down, 1, 1.25, Some(21)),
            ("cause", cause, 2, "2026-07", Down, 2, 2.25, Some(19)),
            ("cause", cause, 1, "2026-08", Up, 12, 2.25, None),
            ("cause", invoice, 2, "2026-09", Down, 1, 1.25, Some(21)),
        ]
    );
    assert_eq!(k.signals[0].run_from.as_deref(), Some("2025-01"));
    assert!(k.signals_history.is_empty());
    let chart = &fig.tables.signal_chart;
    assert_eq!((chart.baseline, chart.months.len()), (24, 27));
    assert_eq!(chart.months[0].month, "2024-07");
    assert_eq!(chart.centre, Some(3.5));
    // The trend still starts 24 months before P's end.
    assert_eq!(fig.tables.monthly[0].month, "2025-01");

    // From August 2025 on, eleven months of history before July 2026: none judged.
    let mut young = signal_register();
    young.complaints.retain(|c| c.received >= ymd(2025, 8, 1));
    let fig = run(&young, &[], "2026-Q3", ymd(2026, 9, 30), false);
    assert!(fig.kpi.signals.is_empty());
    let marked: Vec<(Option<&str>, u64)> = fig
        .kpi
        .signals_history
        .iter()
        .map(|h| (h.cause.as_deref(), h.baseline_months))
        .collect();
    assert_eq!(
        marked,
        [
            (None, 11),
            (None, 11),
            (None, 11),
            (cause, 11),
            (invoice, 11)
        ]
    );
    assert_eq!(fig.tables.signal_chart.centre, None);
}

#[test]
fn a_months_quarter_is_the_quarter_of_its_days() {
    for d in [
        ymd(2026, 1, 1),
        ymd(2026, 3, 31),
        ymd(2026, 4, 1),
        ymd(2026, 12, 31),
        ymd(1999, 7, 15),
        ymd(-3, 11, 2),
    ] {
        assert_eq!(
            frame::quarter_of_month(frame::month_key(d)),
            frame::quarter_key(d),
            "{d}"
        );
    }
}

/// The complaint rate against a second computation from the fixture's rows: received in a
/// period × 1000 / the volume of its months. A month without a volume leaves its period, and
/// only its period, without a rate; a department is matched by its folded name.
#[test]
fn complaints_per_1000_work_orders() {
    use crate::config::{DepartmentVolume, Volumes};
    let register = fixture();
    let month = |y, m| ymd(y, m, 1);
    // 2025-07 … 2026-12 with a number each but 2025-08 (in the year-ago quarter), October 0.
    let mut totals = std::collections::BTreeMap::new();
    let mut m = month(2025, 7);
    while m <= month(2026, 12) {
        if m != month(2025, 8) {
            totals.insert(m, u64::from(m.month()) * 37 + 400);
        }
        m = m + chrono::Months::new(1);
    }
    totals.insert(month(2026, 10), 0);
    let service: std::collections::BTreeMap<_, _> = (7..=9).map(|m| (month(2026, m), 90)).collect();
    let volumes = Volumes {
        totals: totals.clone(),
        departments: vec![
            DepartmentVolume {
                name: "Montage".into(),
                months: service.clone(),
            },
            DepartmentVolume {
                name: " SERVICE".into(),
                months: service.clone(),
            },
            DepartmentVolume {
                name: "Administratie".into(),
                months: [(month(2026, 7), 10), (month(2026, 9), 10)].into(),
            },
        ],
    };
    let config = Config::default();
    let calendar = Calendar::new(Profile::Cao, &[]);
    let figures = |period: &str| {
        compute(&Inputs {
            register: &register,
            findings: &[],
            config: &config,
            calendar: &calendar,
            period: Period::parse(period).unwrap(),
            as_of: ymd(2026, 9, 30),
            show_names: false,
            customers: None,
            volumes: Some(&volumes),
        })
        .unwrap()
    };
    // The second computation.
    let received = |a: NaiveDate, b: NaiveDate, dept: Option<&str>| {
        register
            .complaints
            .iter()
            .filter(|c| a <= c.received && c.received <= b)
            .filter(|c| dept.is_none_or(|d| c.department.as_deref() == Some(d)))
            .count() as f64
    };
    let volume =
        |a: u32, b: u32, y: i32| -> f64 { (a..=b).map(|m| totals[&month(y, m)] as f64).sum() };
    let f = figures("2026-Q3");
    let r = f.kpi.rate_per_1000.as_ref().unwrap();
    let in_q3 = received(ymd(2026, 7, 1), ymd(2026, 9, 30), None);
    assert!(in_q3 > 5.0);
    assert_eq!(r.received, Some(in_q3 * 1000.0 / volume(7, 9, 2026)));
    let q2 = received(ymd(2026, 4, 1), ymd(2026, 6, 30), None);
    assert_eq!(r.previous, Some(q2 * 1000.0 / volume(4, 6, 2026)));
    assert_eq!(r.year_ago, None, "2025-08 has no volume");
    // Per department: Service's complaints counted under " SERVICE"; Montage has none;
    // Administratie lacks August.
    let rows: Vec<(&str, u64, Option<u64>, Option<f64>)> = r
        .by_department
        .iter()
        .map(|d| (d.department.as_str(), d.complaints, d.work_orders, d.rate))
        .collect();
    let service_q3 = received(ymd(2026, 7, 1), ymd(2026, 9, 30), Some("Service"));
    let admin_q3 = received(ymd(2026, 7, 1), ymd(2026, 9, 30), Some("Administratie"));
    assert!(service_q3 > 0.0 && admin_q3 > 0.0);
    assert_eq!(
        rows,
        [
            ("Montage", 0, Some(270), Some(0.0)),
            (
                " SERVICE",
                service_q3 as u64,
                Some(270),
                Some(service_q3 * 1000.0 / 270.0)
            ),
            ("Administratie", admin_q3 as u64, None, None),
        ]
    );
    // Per month: the trend's months, from the register's first (2025-09) to 2026-09.
    let months: Vec<&str> = r.months.iter().map(|m| m.month.as_str()).collect();
    assert_eq!(months.first(), Some(&"2025-09"));
    assert_eq!(months.last(), Some(&"2026-09"));
    for m in &r.months {
        let start = NaiveDate::parse_from_str(&format!("{}-01", m.month), "%Y-%m-%d").unwrap();
        let end = start + chrono::Months::new(1) - Days::new(1);
        let n = received(start, end, None);
        assert_eq!(m.complaints as f64, n, "{}", m.month);
        assert_eq!(m.work_orders, totals.get(&start).copied(), "{}", m.month);
        assert_eq!(
            m.rate,
            m.work_orders.map(|w| n * 1000.0 / w as f64),
            "{}",
            m.month
        );
    }
    // The headline table shows it last, rounded as shown, with its changes.
    let row = f.tables.headline.last().unwrap();
    assert_eq!(
        (row.figure, row.unit),
        (HeadlineFigure::RatePer1000, Unit::Rate)
    );
    let shown = |x: Option<f64>| x.map(stats::round2);
    assert_eq!(
        (row.value, row.previous, row.year_ago),
        (shown(r.received), shown(r.previous), None)
    );
    assert_eq!(
        row.change_previous,
        Some(row.value.unwrap() - row.previous.unwrap())
    );
    // kpi.json: SPEC §8's keys and the months a u-chart reads.
    let v = serde_json::to_value(&f.kpi).unwrap();
    // (serde_json's maps are sorted by key.)
    let keys =
        |v: &serde_json::Value| -> Vec<String> { v.as_object().unwrap().keys().cloned().collect() };
    assert_eq!(
        keys(&v["rate_per_1000"]),
        [
            "by_department",
            "months",
            "previous",
            "received",
            "year_ago"
        ]
    );
    assert_eq!(
        keys(&v["rate_per_1000"]["by_department"][0]),
        ["complaints", "department", "rate", "work_orders"]
    );
    assert_eq!(
        keys(&v["rate_per_1000"]["months"][0]),
        ["complaints", "month", "rate", "work_orders"]
    );
    assert!(v["rate_per_1000"]["year_ago"].is_null());
    assert!(v["year_ago"].get("rate_per_1000").is_none());
    // October has 0 work orders: no rate, not a division by zero; a period that is not
    // whole months has none either.
    let oct = figures("2026-10");
    let r = oct.kpi.rate_per_1000.unwrap();
    assert_eq!((r.received, r.months.last().unwrap().rate), (None, None));
    let part = figures("2026-07-01..2026-08-15").kpi.rate_per_1000.unwrap();
    assert_eq!(part.received, None);
    // Without a volume: no rate, no headline row.
    let plain = q3();
    assert_eq!(plain.kpi.rate_per_1000, None);
    assert_eq!(plain.tables.headline.len(), HeadlineFigure::ALL.len());
    assert!(plain
        .tables
        .headline
        .iter()
        .all(|h| h.figure != HeadlineFigure::RatePer1000));
}
