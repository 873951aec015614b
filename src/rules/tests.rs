//! Every rule of the catalogue (SPEC section 3), each with a register that breaks it and one
//! that does not, then the boundaries of each rule. The registers are small CSV files loaded
//! as `klacht` loads them (see [`super::testkit`]).

use super::testkit::{check, check_with, config, date, row, Checked, Row, Sheet, AS_OF};
use crate::base::{Rule, Severity};
use crate::config::Config;
use crate::register::{ExclusionReason, Field};
use crate::Lang;
use std::collections::BTreeSet;

/// Sheets, configuration and reference date of one check.
struct Case {
    sheets: Vec<Sheet>,
    config: Config,
    as_of: &'static str,
}

impl Case {
    fn run(&self) -> Checked {
        check_with(&self.sheets, &self.config, self.as_of)
    }
}

/// One sheet of `rows`, default configuration, [`AS_OF`].
fn rows<const N: usize>(rows: [Row; N]) -> Case {
    sheet(Sheet::new(rows))
}

fn sheet(sheet: Sheet) -> Case {
    Case {
        sheets: vec![sheet],
        config: Config::default(),
        as_of: AS_OF,
    }
}

/// A customer's complaint received (and acknowledged, closed, updated) on `day`.
fn on(customer: &str, day: &str) -> Row {
    row()
        .set(Field::Customer, customer)
        .set(Field::ReceivedDate, day)
        .set(Field::AckDate, day)
        .set(Field::ClosedDate, day)
        .set(Field::LastUpdate, day)
}

type Build = fn() -> Case;

/// Per rule: a register that breaks it, and a near one that does not.
fn catalogue() -> Vec<(Rule, Build, Build)> {
    use Field as F;
    vec![
        (
            Rule::MissingColumn,
            || sheet(Sheet::new([row()]).without(F::Handler)),
            || rows([row()]),
        ),
        (
            Rule::UnmappedColumn,
            || sheet(Sheet::new([row().tail("Apeldoorn")]).extra_column("Plaats")),
            || rows([row()]),
        ),
        (
            Rule::UnreadableValue,
            || rows([row().set(F::Urgency, "9")]),
            || rows([row().set(F::Urgency, "cat. 3")]),
        ),
        (
            Rule::MissingReceivedDate,
            || rows([row(), row().set(F::ReceivedDate, "")]),
            || sheet(Sheet::new([row()]).raw("Totaal;;;;;;;2").raw("2026")),
        ),
        (
            Rule::MissingDescription,
            || rows([row().set(F::Description, "")]),
            || rows([row()]),
        ),
        (
            Rule::MissingHandler,
            || rows([row().set(F::Handler, "")]),
            || rows([row()]),
        ),
        (
            Rule::MissingId,
            || rows([row().set(F::Id, "")]),
            || rows([row()]),
        ),
        (
            Rule::DuplicateId,
            || rows([row().set(F::Id, "K-7"), row().set(F::Id, "K-7")]),
            || Case {
                sheets: vec![Sheet::new([row()]), Sheet::new([row()])],
                ..rows([])
            },
        ),
        (
            Rule::PossibleDuplicate,
            || {
                rows([
                    on("Bakkerij Smit", "01-09-2026")
                        .set(F::Description, "Koelcel lekt water bij de deur"),
                    on("Bakkerij Smit", "01-09-2026")
                        .set(F::Description, "koelcel lekt water bij deur"),
                ])
            },
            || {
                rows([
                    on("Bakkerij Smit", "01-09-2026")
                        .set(F::Description, "Koelcel lekt water bij de deur"),
                    on("Bakkerij Smit", "01-09-2026").set(F::Description, "Factuur te hoog"),
                ])
            },
        ),
        (
            Rule::MissingChannel,
            || rows([row().set(F::Channel, "")]),
            || rows([row()]),
        ),
        (
            Rule::MissingUrgency,
            || rows([row().set(F::Urgency, "")]),
            || rows([row()]),
        ),
        (
            Rule::MissingAssessment,
            || rows([row().set(F::Assessor, "")]),
            || rows([row()]),
        ),
        (
            Rule::LegalNeedsWritten,
            || rows([row().set(F::Urgency, "2").set(F::HandlingMode, "gesprek")]),
            || {
                rows([row()
                    .set(F::Urgency, "2")
                    .set(F::HandlingMode, "schriftelijk")])
            },
        ),
        (
            Rule::MissingNature,
            || rows([row().set(F::Nature, "")]),
            || rows([row()]),
        ),
        (
            Rule::NatureConflict,
            || rows([row().set(F::Urgency, "7").set(F::Nature, "technisch")]),
            || rows([row().set(F::Urgency, "7").set(F::Nature, "niet-technisch")]),
        ),
        (
            Rule::MissingAcknowledgement,
            || rows([row().set(F::AckDate, "")]),
            || rows([row()]),
        ),
        (
            Rule::LateAcknowledgement,
            || rows([row().set(F::AckDate, "03-09-2026")]),
            || rows([row().set(F::AckDate, "02-09-2026")]),
        ),
        (
            Rule::DateOrder,
            || rows([row().set(F::ClosedDate, "31-08-2026")]),
            || rows([row().set(F::ClosedDate, "01-09-2026")]),
        ),
        (
            Rule::FutureDate,
            || rows([row().set(F::ClosedDate, "01-10-2026")]),
            || rows([row().set(F::DueDate, "01-10-2026")]),
        ),
        (
            Rule::StatusConflict,
            || rows([row().set(F::ClosedDate, "")]),
            || rows([row().open("02-09-2026")]),
        ),
        (
            Rule::Stale,
            || rows([row().open("02-09-2026").set(F::LastUpdate, "15-09-2026")]),
            || rows([row().open("02-09-2026").set(F::LastUpdate, "16-09-2026")]),
        ),
        (
            Rule::Overdue,
            || rows([row().open("15-09-2026").set(F::Urgency, "3")]),
            || rows([row().open("16-09-2026").set(F::Urgency, "3")]),
        ),
        (
            Rule::ClosedWithoutCause,
            || rows([row().set(F::Cause, "")]),
            || rows([row().open("02-09-2026")]),
        ),
        (
            Rule::ClosedWithoutSolution,
            || rows([row().set(F::Solution, "")]),
            || rows([row().open("02-09-2026")]),
        ),
        (
            Rule::OpenEscalation,
            || rows([row().open("28-09-2026").set(F::Urgency, "1")]),
            || rows([row().set(F::Urgency, "1")]),
        ),
        (
            Rule::RepeatComplaint,
            || {
                rows([
                    on("Bakkerij Smit", "30-09-2025"),
                    on("Bakkerij Smit", "30-09-2026"),
                ])
            },
            || {
                rows([
                    on("Bakkerij Smit", "29-09-2025"),
                    on("Bakkerij Smit", "30-09-2026"),
                ])
            },
        ),
        (
            Rule::DisputeWindow,
            || rows([row().open("30-11-2025").set(F::CustomerType, "particulier")]),
            || rows([row().open("01-12-2025").set(F::CustomerType, "particulier")]),
        ),
    ]
}

#[test]
fn every_rule_of_the_catalogue_has_a_breaking_and_a_clean_case() {
    let table = catalogue();
    let covered: BTreeSet<Rule> = table.iter().map(|(r, _, _)| *r).collect();
    let all: BTreeSet<Rule> = Rule::ALL.iter().copied().collect();
    assert_eq!(covered, all, "a rule without a test, or a test of no rule");
    assert_eq!(table.len(), Rule::ALL.len(), "one entry per rule");
    for (rule, breaks, keeps) in table {
        let broken = breaks().run();
        assert!(
            broken.count(rule) >= 1,
            "{rule:?} not found in its breaking case: {:?}",
            broken.findings
        );
        for f in broken.of(rule) {
            assert_eq!(f.severity, rule.default_severity(), "{rule:?}");
            assert!(f.at.is_some(), "{rule:?} without a cell");
            for lang in [Lang::Nl, Lang::En] {
                let text = f.message(&broken.register, lang);
                assert!(
                    !text.is_empty() && !text.contains('{') && !text.contains('}'),
                    "{rule:?} message {text:?}"
                );
            }
        }
        let clean = keeps().run();
        assert_eq!(clean.count(rule), 0, "{rule:?}: {:?}", clean.of(rule));
    }
}

/// The table of SPEC section 3, copied row for row (code, step, severity, rule): the
/// contract the catalogue is held to, not the catalogue read back.
const SPEC_SECTION_3: &str = r#"
| `missing-column` | registration | error | a required column (received date, description, handler) is absent from the file |
| `unmapped-column` | — | info | a column was not recognised (once per column) |
| `unreadable-value` | — | error | a cell cannot be read as its field's type (e.g. date `31-02-2026`, urgency `9`, `hoog`) |
| `missing-received-date` | registration | error | no date of receipt |
| `missing-description` | registration | error | no short description |
| `missing-handler` | registration | error | no handling employee |
| `missing-id` | registration | warning | no complaint number (an id is derived) |
| `duplicate-id` | registration | error | the same complaint number twice |
| `possible-duplicate` | registration | warning | same customer, same received date, near-identical description |
| `missing-channel` | receipt | warning | no channel recorded |
| `missing-urgency` | assessment | warning | no urgency category ("unclassified" in the report) |
| `missing-assessment` | assessment | warning | no assessor or no handling mode |
| `legal-needs-written` | assessment | warning | urgency 1 or 2 but handling mode is not written |
| `missing-nature` | assessment | warning | technical / non-technical not recorded |
| `nature-conflict` | assessment | warning | urgency 7 (non-technical) recorded as technical |
| `missing-acknowledgement` | acknowledgement | warning | no acknowledgement date |
| `late-acknowledgement` | acknowledgement | warning | acknowledged after the target (default 1 working day) |
| `date-order` | — | error | acknowledgement, assessment or closed date before the received date |
| `future-date` | — | error | a date after the reference date |
| `status-conflict` | follow-up | error | status closed without closed date, or closed date with status open |
| `stale` | follow-up | warning | open, and no update for more than N working days (default 10) where `last_update` exists |
| `overdue` | follow-up | warning | open at the reference date and older than its target |
| `closed-without-cause` | action | warning | closed without a cause |
| `closed-without-solution` | action | warning | closed without a solution / action |
| `open-escalation` | follow-up | info | urgency 1 or 2 still open at the reference date |
| `repeat-complaint` | action | info | same customer (id, else normalised name) or same job/installation complained in the 365 days before |
| `dispute-window` | follow-up | info | consumer complaint open 10 months or more (12-month dispute term) |
"#;

#[test]
fn the_catalogue_is_the_table_of_spec_section_3() {
    use crate::base::Step;
    // SPEC's words for the steps; `—` (rules about the data, no one step) is `Step::General`.
    let step = |s: &str| match s {
        "receipt" => Step::Receipt,
        "registration" => Step::Registration,
        "assessment" => Step::Assessment,
        "acknowledgement" => Step::Acknowledgement,
        "follow-up" => Step::FollowUp,
        "action" => Step::Action,
        "—" => Step::General,
        other => panic!("step {other:?} is not in SPEC section 3"),
    };
    let severity = |s: &str| match s {
        "error" => Severity::Error,
        "warning" => Severity::Warning,
        "info" => Severity::Info,
        other => panic!("severity {other:?} is not in SPEC section 3"),
    };
    let mut spec = Vec::new();
    for line in SPEC_SECTION_3.lines().filter(|l| !l.is_empty()) {
        let cells: Vec<&str> = line.split(" | ").map(str::trim).collect();
        let code = cells[0].trim_start_matches("| `").trim_end_matches('`');
        spec.push((code, step(cells[1]), severity(cells[2])));
    }
    assert_eq!(spec.len(), 27, "the rows of SPEC section 3");

    // Every code of the SPEC is a rule with the SPEC's step and severity …
    for &(code, step, severity) in &spec {
        let rule = Rule::from_code(code).unwrap_or_else(|| panic!("{code}: no such rule"));
        assert_eq!(rule.code(), code);
        assert_eq!(rule.step(), step, "{code}: step");
        assert_eq!(rule.default_severity(), severity, "{code}: severity");
    }
    // … and every rule is a code of the SPEC, each once.
    let mut codes: Vec<&str> = Rule::ALL.iter().map(|r| r.code()).collect();
    let mut spec_codes: Vec<&str> = spec.iter().map(|(code, _, _)| *code).collect();
    codes.sort_unstable();
    spec_codes.sort_unstable();
    assert_eq!(codes, spec_codes);
}

#[test]
fn a_complete_register_has_no_findings() {
    let c = check([row(), row(), row().open("28-09-2026")]);
    assert!(c.findings.is_empty(), "{:#?}", c.findings);
    assert_eq!(c.register.complaints.len(), 3);
}

// ---- reading: columns, values, rows ------------------------------------------------------

#[test]
fn a_missing_required_column_is_one_error_and_no_row_findings() {
    for field in [Field::Description, Field::Handler] {
        let c = check_with(
            &[Sheet::new([row(), row()]).without(field)],
            &Config::default(),
            AS_OF,
        );
        let missing = c.of(Rule::MissingColumn);
        assert_eq!(missing.len(), 1, "{field:?}");
        assert_eq!(missing[0].field, Some(field));
        assert_eq!(missing[0].complaint, None);
        assert_eq!(c.cells(Rule::MissingColumn), ["1:1"], "at the header row");
        assert_eq!(c.count(Rule::MissingDescription), 0);
        assert_eq!(c.count(Rule::MissingHandler), 0);
        assert_eq!(c.register.complaints.len(), 2, "the rows are still read");
    }
}

#[test]
fn a_register_without_received_date_column_reports_the_column_once() {
    let c = check_with(
        &[Sheet::new([row(), row(), row()]).without(Field::ReceivedDate)],
        &Config::default(),
        AS_OF,
    );
    assert_eq!(c.count(Rule::MissingColumn), 1);
    assert_eq!(
        c.of(Rule::MissingColumn)[0].field,
        Some(Field::ReceivedDate)
    );
    assert_eq!(
        c.count(Rule::MissingReceivedDate),
        0,
        "the column is reported, not each row"
    );
    assert_eq!(c.register.complaints.len(), 0);
    assert_eq!(
        c.register.exclusions.len(),
        3,
        "every row excluded, with its reason"
    );
    assert!(c
        .register
        .exclusions
        .iter()
        .all(|e| e.reason == ExclusionReason::NoReceivedDate));
}

#[test]
fn an_unmapped_column_is_reported_once_at_its_header() {
    let c = check_with(
        &[Sheet::new([row().tail("Apeldoorn"), row().tail("Deventer")]).extra_column("Plaats")],
        &Config::default(),
        AS_OF,
    );
    assert_eq!(c.count(Rule::UnmappedColumn), 1);
    assert_eq!(c.of(Rule::UnmappedColumn)[0].value, "Plaats");
    assert_eq!(c.cells(Rule::UnmappedColumn), ["T1"]);
    assert_eq!(
        c.count(Rule::UnreadableValue),
        0,
        "its values are kept, not stray"
    );
    assert_eq!(c.register.complaints[1].extra, ["Deventer"]);
}

#[test]
fn unreadable_values_are_reported_once_at_their_cell() {
    use Field as F;
    let c = check([
        row().set(F::Urgency, "9"),
        row().set(F::Urgency, "hoog"),
        row().set(F::AckDate, "31-02-2026"),
        row().set(F::Channel, "postduif"),
    ]);
    assert_eq!(c.cells(Rule::UnreadableValue), ["I2", "I3", "M4", "C5"]);
    let values: Vec<&str> = c
        .of(Rule::UnreadableValue)
        .iter()
        .map(|f| f.value.as_str())
        .collect();
    assert_eq!(values, ["9", "hoog", "31-02-2026", "postduif"]);
    // Not also reported as missing.
    for rule in [
        Rule::MissingUrgency,
        Rule::MissingAcknowledgement,
        Rule::MissingChannel,
    ] {
        assert_eq!(c.count(rule), 0, "{rule:?}");
    }
    assert_eq!(c.register.complaints.len(), 4, "the rows are still used");
}

#[test]
fn an_unreadable_received_date_excludes_the_row_without_a_missing_finding() {
    let c = check([row(), row().set(Field::ReceivedDate, "31-02-2026")]);
    assert_eq!(c.cells(Rule::UnreadableValue), ["B3"]);
    assert_eq!(c.count(Rule::MissingReceivedDate), 0);
    assert_eq!(c.register.complaints.len(), 1);
    assert_eq!(c.register.exclusions.len(), 1);
}

#[test]
fn a_stray_cell_right_of_the_header_is_unreadable_and_the_row_is_kept() {
    let c = check([row(), row().tail("stuk tekst na een tab")]);
    assert_eq!(c.cells(Rule::UnreadableValue), ["T3"]);
    let f = c.of(Rule::UnreadableValue)[0];
    assert_eq!(f.value, "stuk tekst na een tab");
    assert_eq!(f.field, None);
    assert!(
        f.message(&c.register, Lang::En).contains("shifted"),
        "{}",
        f.message(&c.register, Lang::En)
    );
    assert_eq!(c.register.complaints.len(), 2);
}

#[test]
fn rows_without_received_date_are_excluded_with_a_finding_but_totals_and_notes_without() {
    let c = check_with(
        &[Sheet::new([row(), row().set(Field::ReceivedDate, "")])
            .raw("Totaal;;;;;;;2")
            .raw("Aantal klachten: 2")
            .raw("2026")],
        &Config::default(),
        AS_OF,
    );
    assert_eq!(c.cells(Rule::MissingReceivedDate), ["B3"]);
    let reasons: Vec<ExclusionReason> = c.register.exclusions.iter().map(|e| e.reason).collect();
    assert_eq!(
        reasons,
        [
            ExclusionReason::NoReceivedDate,
            ExclusionReason::Totals,
            ExclusionReason::Totals,
            ExclusionReason::Note
        ]
    );
    assert_eq!(
        c.findings.len(),
        1,
        "totals and note rows are no complaints: {:?}",
        c.findings
    );
    let rows = c.register.rows();
    assert_eq!(
        (rows.read, rows.used, rows.excluded, rows.blank),
        (5, 1, 4, 0)
    );
}

// ---- registration -------------------------------------------------------------------------

#[test]
fn missing_id_derives_one_from_file_and_row() {
    let c = check([row(), row().set(Field::Id, "")]);
    assert_eq!(c.cells(Rule::MissingId), ["A3"]);
    assert_eq!(c.of(Rule::MissingId)[0].value, "register1:3");
    assert_eq!(c.register.complaints[1].id, "register1:3");
}

#[test]
fn duplicate_ids_count_within_one_file_only() {
    let one = check([
        row().set(Field::Id, "K-7"),
        row().set(Field::Id, "K-8"),
        row().set(Field::Id, "K-7"),
        row().set(Field::Id, "K-7"),
    ]);
    assert_eq!(one.cells(Rule::DuplicateId), ["A4", "A5"]);
    assert_eq!(
        one.of(Rule::DuplicateId)[0].detail,
        " (A2)",
        "points at the first"
    );
    // Branches number their own registers: K-1 in two files is no duplicate (decisions.md).
    let two = check_with(
        &[Sheet::new([row(), row()]), Sheet::new([row(), row()])],
        &Config::default(),
        AS_OF,
    );
    assert_eq!(two.register.complaints[2].id, "K-1");
    assert_eq!(two.count(Rule::DuplicateId), 0);
}

#[test]
fn missing_description_and_handler_per_complaint() {
    let c = check([
        row().set(Field::Description, ""),
        row().set(Field::Handler, "-"),
        row(),
    ]);
    assert_eq!(c.cells(Rule::MissingDescription), ["G2"]);
    assert_eq!(c.cells(Rule::MissingHandler), ["J3"]);
}

#[test]
fn possible_duplicates_need_same_customer_date_and_near_identical_text() {
    use Field as F;
    let text = "Buitenunit maakt veel lawaai 's nachts bij de buren";
    let c = check([
        on("Bakkerij Smit", "01-09-2026").set(F::Description, text),
        on("bakkerij  smit", "01-09-2026").set(
            F::Description,
            "Buitenunit maakt veel lawaai 's nachts bij buren",
        ),
        on("Bakkerij Smit", "01-09-2026").set(F::Description, "Factuur klopt niet"),
        on("Bakkerij Smit", "02-09-2026").set(F::Description, text),
        on("Slagerij Jansen", "01-09-2026").set(F::Description, text),
    ]);
    assert_eq!(c.cells(Rule::PossibleDuplicate), ["G3"]);
    assert_eq!(c.of(Rule::PossibleDuplicate)[0].value, "K-1");
}

// ---- receipt and assessment ---------------------------------------------------------------

/// The recommended fields whose gaps are reported per complaint (or once for a file without
/// the column), with the rule that reports them.
fn recommended() -> Vec<(Rule, Field)> {
    vec![
        (Rule::MissingChannel, Field::Channel),
        (Rule::MissingUrgency, Field::Urgency),
        (Rule::MissingNature, Field::Nature),
        (Rule::MissingAssessment, Field::Assessor),
        (Rule::MissingAssessment, Field::HandlingMode),
        (Rule::MissingAcknowledgement, Field::AckDate),
        (Rule::ClosedWithoutCause, Field::Cause),
        (Rule::ClosedWithoutSolution, Field::Solution),
    ]
}

#[test]
fn recommended_fields_are_missing_per_complaint_where_the_column_exists() {
    for (rule, field) in recommended() {
        let c = check([row().set(field, ""), row(), row().set(field, "n.v.t.")]);
        let cell = |i: usize| {
            let at = c.register.cell(&c.register.complaints[i], field).unwrap();
            c.register.address(&at)
        };
        assert_eq!(c.cells(rule), [cell(0), cell(2)], "{rule:?} {field:?}");
        assert!(c.of(rule).iter().all(|f| f.complaint.is_some()));
    }
}

#[test]
fn recommended_columns_absent_from_the_file_are_reported_once() {
    for (rule, field) in recommended() {
        let c = check_with(
            &[Sheet::new([row(), row(), row()]).without(field)],
            &Config::default(),
            AS_OF,
        );
        let found = c.of(rule);
        assert_eq!(found.len(), 1, "{rule:?} {field:?}: {found:?}");
        assert_eq!(found[0].complaint, None, "about the file");
        assert_eq!(found[0].field, Some(field));
        assert_eq!(c.cells(rule), ["1:1"], "at the header row");
    }
    // Two files without the column: once each.
    let c = check_with(
        &[
            Sheet::new([row()]).without(Field::Channel),
            Sheet::new([row()]).without(Field::Channel),
        ],
        &Config::default(),
        AS_OF,
    );
    assert_eq!(c.count(Rule::MissingChannel), 2);
}

#[test]
fn missing_assessment_names_both_gaps_in_one_finding() {
    let c = check([row().set(Field::Assessor, "").set(Field::HandlingMode, "")]);
    let f = c.of(Rule::MissingAssessment);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].detail, "assessor,handling_mode");
}

#[test]
fn legal_needs_written_only_for_urgency_1_or_2_by_conversation() {
    use Field as F;
    let c = check([
        row().set(F::Urgency, "1").set(F::HandlingMode, "gesprek"),
        row().set(F::Urgency, "2").set(F::HandlingMode, "gesprek"),
        row()
            .set(F::Urgency, "1")
            .set(F::HandlingMode, "schriftelijk"),
        row().set(F::Urgency, "3").set(F::HandlingMode, "gesprek"),
        row().set(F::Urgency, "2").set(F::HandlingMode, ""),
    ]);
    assert_eq!(c.cells(Rule::LegalNeedsWritten), ["L2", "L3"]);
    // A blank handling mode is an incomplete assessment, not a legal warning.
    assert_eq!(c.cells(Rule::MissingAssessment), ["L6"]);
}

#[test]
fn nature_conflict_is_urgency_7_recorded_as_technical() {
    use Field as F;
    let c = check([
        row().set(F::Urgency, "7").set(F::Nature, "T"),
        row().set(F::Urgency, "7").set(F::Nature, "NT"),
        row().set(F::Urgency, "6").set(F::Nature, "technisch"),
        row().set(F::Urgency, "7").set(F::Nature, ""),
    ]);
    assert_eq!(c.cells(Rule::NatureConflict), ["H2"]);
    assert_eq!(c.count(Rule::MissingNature), 1);
}

// ---- acknowledgement ---------------------------------------------------------------------

/// Working days of late acknowledgements in `rows` (their values).
fn late(rows: impl IntoIterator<Item = Row>, cfg: &Config) -> Vec<String> {
    let c = check_with(&[Sheet::new(rows)], cfg, AS_OF);
    c.of(Rule::LateAcknowledgement)
        .iter()
        .map(|f| format!("{}@{}", f.value, c.register.address(&f.at.unwrap())))
        .collect()
}

fn acked(received: &str, ack: &str) -> Row {
    row()
        .set(Field::ReceivedDate, received)
        .set(Field::AckDate, ack)
}

#[test]
fn late_acknowledgement_at_the_target_is_on_time_and_one_over_is_late() {
    let cao = Config::default();
    // Tuesday → Wednesday: 1 working day; → Thursday: 2.
    assert_eq!(
        late([acked("01-09-2026", "02-09-2026")], &cao),
        Vec::<String>::new()
    );
    assert_eq!(late([acked("01-09-2026", "03-09-2026")], &cao), ["2@M2"]);
    // Same day: 0.
    assert!(late([acked("01-09-2026", "01-09-2026")], &cao).is_empty());
    // Friday → Monday across the weekend: 1; → Tuesday: 2.
    assert!(late([acked("25-09-2026", "28-09-2026")], &cao).is_empty());
    assert_eq!(late([acked("25-09-2026", "29-09-2026")], &cao), ["2@M2"]);
    // Received on Saturday, acknowledged Monday: 1.
    assert!(late([acked("26-09-2026", "28-09-2026")], &cao).is_empty());
    // Christmas 2025: Wednesday 24 → Monday 29 December is 1 working day; Tuesday 30 is 2.
    assert!(late([acked("24-12-2025", "29-12-2025")], &cao).is_empty());
    assert_eq!(late([acked("24-12-2025", "30-12-2025")], &cao), ["2@M2"]);
    // Koningsdag, Monday 27 April 2026: Friday 24 → Tuesday 28 is 1 working day.
    assert!(late([acked("24-04-2026", "28-04-2026")], &cao).is_empty());
    assert_eq!(late([acked("24-04-2026", "29-04-2026")], &cao), ["2@M2"]);
    // A closure day configured by the company counts like a holiday.
    let closed = config("[calendar]\nclosures = [\"2026-09-02\"]\n");
    assert!(late([acked("01-09-2026", "03-09-2026")], &closed).is_empty());
    // A longer target moves the boundary.
    let two = config("[targets]\nacknowledge = 2\n");
    assert!(late([acked("01-09-2026", "03-09-2026")], &two).is_empty());
    assert_eq!(late([acked("01-09-2026", "04-09-2026")], &two), ["3@M2"]);
}

#[test]
fn late_acknowledgement_across_easter_depends_on_the_holiday_profile() {
    // Thursday 2 April 2026 → Tuesday 7 April: Goede Vrijdag is a working day under the cao
    // (2 working days: late), a holiday under the Atw (1: on time).
    let row = [acked("02-04-2026", "07-04-2026")];
    assert_eq!(late(row.clone(), &Config::default()), ["2@M2"]);
    assert!(late(row, &config("[calendar]\nprofile = \"atw\"\n")).is_empty());
}

#[test]
fn an_acknowledgement_before_receipt_is_a_date_order_error_not_a_late_one() {
    let c = check([acked("02-09-2026", "01-09-2026")]);
    assert_eq!(c.cells(Rule::DateOrder), ["M2"]);
    assert_eq!(c.count(Rule::LateAcknowledgement), 0);
}

// ---- dates --------------------------------------------------------------------------------

#[test]
fn date_order_checks_acknowledgement_and_closed_dates() {
    use Field as F;
    let c = check([
        row().set(F::AckDate, "31-08-2026"),
        row()
            .set(F::ClosedDate, "31-08-2026")
            .set(F::LastUpdate, "31-08-2026"),
        row().set(F::ClosedDate, "01-09-2026"),
        row().set(F::DueDate, "31-08-2026"),
    ]);
    assert_eq!(c.cells(Rule::DateOrder), ["M2", "Q3"]);
    assert_eq!(c.of(Rule::DateOrder)[0].detail, "01-09-2026");
}

#[test]
fn future_dates_are_errors_except_the_due_date() {
    use Field as F;
    let next = "01-10-2026";
    let c = check([
        row().open(next),
        row().set(F::AckDate, next),
        row().set(F::ClosedDate, next),
        row().set(F::LastUpdate, next),
        row().set(F::DueDate, next),
        row().set(F::ClosedDate, AS_OF).set(F::LastUpdate, AS_OF),
    ]);
    // The first row's received, acknowledgement and last update dates lie ahead.
    assert_eq!(
        c.cells(Rule::FutureDate),
        ["B2", "M2", "S2", "M3", "Q4", "S5"]
    );
    assert!(c.of(Rule::FutureDate).iter().all(|f| f.detail == AS_OF));
}

// ---- follow-up ---------------------------------------------------------------------------

#[test]
fn status_conflict_both_ways() {
    use Field as F;
    let c = check([
        row().set(F::ClosedDate, ""),
        row().set(F::Status, "open"),
        row().set(F::Status, "in behandeling"),
        row().set(F::Status, "gesloten"),
        row().set(F::Status, ""),
        row().open("28-09-2026"),
    ]);
    assert_eq!(c.cells(Rule::StatusConflict), ["R2", "R3", "R4"]);
    let details: Vec<&str> = c
        .of(Rule::StatusConflict)
        .iter()
        .map(|f| f.detail.as_str())
        .collect();
    assert_eq!(
        details,
        ["closed-without-date", "open-with-date", "open-with-date"]
    );
}

#[test]
fn status_conflict_without_closed_date_column_is_reported_once_for_the_file() {
    let c = check_with(
        &[Sheet::new([row(), row(), row().open("28-09-2026")]).without(Field::ClosedDate)],
        &Config::default(),
        AS_OF,
    );
    let f = c.of(Rule::StatusConflict);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].complaint, None);
    assert_eq!(c.cells(Rule::StatusConflict), ["1:1"]);
    // No closed status at all: nothing to contradict.
    let open = check_with(
        &[Sheet::new([row().open("28-09-2026")]).without(Field::ClosedDate)],
        &Config::default(),
        AS_OF,
    );
    assert_eq!(open.count(Rule::StatusConflict), 0);
}

#[test]
fn an_unreadable_closed_date_is_not_also_a_status_conflict() {
    let c = check([row().set(Field::ClosedDate, "31-02-2026")]);
    assert_eq!(c.cells(Rule::UnreadableValue), ["Q2"]);
    assert_eq!(c.count(Rule::StatusConflict), 0, "{:?}", c.findings);
}

#[test]
fn stale_after_more_than_n_working_days_without_update() {
    use Field as F;
    let open = || row().open("02-09-2026");
    let c = check([
        open().set(F::LastUpdate, "16-09-2026"),
        open().set(F::LastUpdate, "15-09-2026"),
        open().set(F::LastUpdate, ""),
        row().set(F::LastUpdate, "01-09-2026"),
    ]);
    assert_eq!(c.cells(Rule::Stale), ["S3"]);
    assert_eq!(
        (
            c.of(Rule::Stale)[0].value.as_str(),
            c.of(Rule::Stale)[0].detail.as_str()
        ),
        ("11", "10")
    );
    assert_eq!(
        c.count(Rule::Overdue),
        0,
        "20 working days old: at the target"
    );
    let five = check_with(
        &[Sheet::new([open().set(F::LastUpdate, "23-09-2026")])],
        &config("[targets]\nstale = 4\n"),
        AS_OF,
    );
    assert_eq!(five.count(Rule::Stale), 1);
}

/// The overdue findings as `value/detail@cell`.
fn overdue(rows: impl IntoIterator<Item = Row>, as_of: &str) -> Vec<String> {
    let c = check_with(&[Sheet::new(rows)], &Config::default(), as_of);
    c.of(Rule::Overdue)
        .iter()
        .map(|f| {
            format!(
                "{}/{}@{}",
                f.value,
                f.detail,
                c.register.address(&f.at.unwrap())
            )
        })
        .collect()
}

#[test]
fn overdue_at_the_target_is_not_and_one_over_is() {
    use Field as F;
    let open = |received: &str, urgency: &str| {
        row()
            .open(received)
            .set(F::Urgency, urgency)
            .set(F::LastUpdate, "")
    };
    assert_eq!(
        overdue(
            [
                open("16-09-2026", "3"), // 10 working days: at the target
                open("15-09-2026", "3"), // 11
                open("02-09-2026", "5"), // 20: at the target
                open("01-09-2026", "5"), // 21
                open("02-09-2026", ""),  // unclassified: 20
                open("01-09-2026", ""),  // 21
                open("02-01-2025", "8"), // no target
            ],
            AS_OF
        ),
        ["11/10@B3", "21/20@B5", "21/20@B7"]
    );
    // Across Christmas 2025: 15 → 31 December is 10 working days, 12 → 31 is 11.
    assert_eq!(
        overdue(
            [open("15-12-2025", "2"), open("12-12-2025", "2")],
            "31-12-2025"
        ),
        ["11/10@B3"]
    );
    // A closed complaint is never overdue.
    assert!(overdue(
        [row()
            .set(F::ReceivedDate, "01-01-2026")
            .set(F::AckDate, "01-01-2026")],
        AS_OF
    )
    .is_empty());
}

#[test]
fn a_due_date_overrides_the_urgency_target_both_ways() {
    use Field as F;
    let open = |received: &str, urgency: &str, due: &str| {
        row()
            .open(received)
            .set(F::Urgency, urgency)
            .set(F::DueDate, due)
            .set(F::LastUpdate, "")
    };
    assert_eq!(
        overdue(
            [
                open("15-09-2026", "3", AS_OF), // past the target, not the due date
                open("28-09-2026", "3", "29-09-2026"), // young, but past its due date
                open("02-01-2025", "8", "29-09-2026"), // no target, but a due date
                open("02-01-2025", "8", "01-10-2026"), // due date ahead
            ],
            AS_OF
        ),
        // 443 working days from 2 January 2025 to 30 September 2026 (counted day by day).
        ["2/29-09-2026@B3", "443/29-09-2026@B4"]
    );
}

#[test]
fn open_escalation_is_urgency_1_or_2_open_at_the_reference_date() {
    use Field as F;
    let c = check([
        row().open("28-09-2026").set(F::Urgency, "1"),
        row().open("28-09-2026").set(F::Urgency, "2"),
        row().open("28-09-2026").set(F::Urgency, "3"),
        row().set(F::Urgency, "2"),
        // Closed status without closed date still counts as open (decisions.md).
        row().set(F::Urgency, "1").set(F::ClosedDate, ""),
        // Closed after the reference date: open on it.
        row().set(F::Urgency, "1").set(F::ClosedDate, "01-10-2026"),
    ]);
    assert_eq!(c.cells(Rule::OpenEscalation), ["I2", "I3", "I6", "I7"]);
    // Received after the reference date: not open on it.
    let later = check([row().open("01-10-2026").set(F::Urgency, "1")]);
    assert_eq!(later.count(Rule::OpenEscalation), 0);
}

#[test]
fn dispute_window_for_consumers_open_ten_months_or_more() {
    use Field as F;
    let c = check([
        row().open("30-11-2025").set(F::CustomerType, "particulier"), // 10 months
        row().open("01-12-2025").set(F::CustomerType, "particulier"), // 9
        row().open("01-01-2024").set(F::CustomerType, "zakelijk"),    // business: never
        row().open("01-01-2024").set(F::CustomerType, ""),            // unknown: never
        row()
            .set(F::ReceivedDate, "01-01-2025")
            .set(F::AckDate, "01-01-2025")
            .set(F::CustomerType, "particulier"),
    ]);
    assert_eq!(c.cells(Rule::DisputeWindow), ["E2"]);
    assert_eq!(c.of(Rule::DisputeWindow)[0].value, "10");
    // Received 30 April 2025: ten months are complete on 28 February 2026, the month's end.
    let consumer = || Sheet::new([row().open("30-04-2025").set(F::CustomerType, "particulier")]);
    let at =
        |as_of| check_with(&[consumer()], &Config::default(), as_of).count(Rule::DisputeWindow);
    assert_eq!((at("27-02-2026"), at("28-02-2026")), (0, 1));
}

// ---- action -------------------------------------------------------------------------------

#[test]
fn closed_without_cause_or_solution_only_once_closed() {
    use Field as F;
    let c = check([
        row().set(F::Cause, ""),
        row().set(F::Solution, ""),
        row().open("28-09-2026"),
        // Closed by status alone still needs a cause.
        row().set(F::ClosedDate, "").set(F::Cause, "?"),
    ]);
    assert_eq!(c.cells(Rule::ClosedWithoutCause), ["O2", "O5"]);
    assert_eq!(c.cells(Rule::ClosedWithoutSolution), ["P3"]);
}

#[test]
fn repeat_complaints_within_365_days_by_customer_or_job() {
    use Field as F;
    let c = check([
        on("Bakkerij Smit", "30-09-2025"),
        on("Bakkerij Smit", "30-09-2026"), // 365 days: a repeat
        on("Slagerij Jansen", "29-09-2025"),
        on("Slagerij Jansen", "30-09-2026"), // 366 days: not
        on("Kapsalon Anna", "03-03-2026").set(F::JobRef, "WB-900"),
        on("Huisarts De Wit", "04-03-2026").set(F::JobRef, "wb 900"), // same installation
        on("Huisarts De Wit", "05-03-2026")
            .set(F::JobRef, "WB-901")
            .set(F::Customer, "HUISARTS de wit"),
    ]);
    assert_eq!(c.cells(Rule::RepeatComplaint), ["D3", "F7", "D8"]);
    let f = c.of(Rule::RepeatComplaint);
    let got: Vec<(&str, &str)> = f
        .iter()
        .map(|f| (f.value.as_str(), f.detail.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("K-1", "customer:365"),
            ("K-5", "job:365"),
            ("K-6", "customer:365")
        ]
    );
    assert_eq!(
        f[1].message(&c.register, Lang::En),
        "Repeat complaint: another complaint about the same job or installation in the 365 days before (K-5)."
    );
    // A shorter window in the configuration: fewer repeats, and the message says so.
    let short = check_with(
        &[Sheet::new([
            on("Smit", "01-03-2026"),
            on("Smit", "01-06-2026"),
            on("Smit", "15-06-2026"),
        ])],
        &config("[targets]\nrepeat_days = 30\n"),
        AS_OF,
    );
    let f = short.of(Rule::RepeatComplaint);
    assert_eq!(short.cells(Rule::RepeatComplaint), ["D4"]);
    assert_eq!(
        f[0].message(&short.register, Lang::Nl),
        "Herhaalde klacht: ook een klacht van dezelfde klant in de 30 dagen ervoor (K-2)."
    );
}

#[test]
fn repeat_complaints_by_customer_number_before_name() {
    use Field as F;
    let with_id = |name: &str, id: &str, day: &str| on(name, day).set(F::CustomerId, id);
    let c = check_with(
        &[Sheet::new([
            with_id("Smit", "D-100", "01-03-2026"),
            with_id("Bakkerij Smit BV", "D-100", "02-03-2026"), // same number: a repeat
            with_id("Jansen", "D-200", "03-03-2026"),
            with_id("Jansen", "D-201", "04-03-2026"), // same name, other number: not
        ])
        .with(Field::CustomerId)],
        &Config::default(),
        AS_OF,
    );
    assert_eq!(c.count(Rule::RepeatComplaint), 1);
    assert_eq!(c.of(Rule::RepeatComplaint)[0].value, "K-1");
}

// ---- configuration: severities and rules switched off --------------------------------------

#[test]
fn configured_severities_show_in_the_findings_and_off_rules_report_nothing() {
    use Field as F;
    let cfg = config(
        "[severity]\nmissing-channel = \"error\"\nunreadable-value = \"warning\"\n\
         repeat-complaint = \"off\"\nunmapped-column = \"off\"\nmissing-column = \"info\"\n",
    );
    let sheet = Sheet::new([
        on("Bakkerij Smit", "01-09-2026")
            .set(F::Channel, "")
            .tail("x"),
        on("Bakkerij Smit", "02-09-2026")
            .set(F::Urgency, "hoog")
            .tail("y"),
    ])
    .extra_column("Plaats")
    .without(F::Handler);
    let c = check_with(std::slice::from_ref(&sheet), &cfg, AS_OF);
    let severities =
        |c: &Checked, rule| -> Vec<Severity> { c.of(rule).iter().map(|f| f.severity).collect() };
    assert_eq!(severities(&c, Rule::MissingChannel), [Severity::Error]);
    assert_eq!(severities(&c, Rule::UnreadableValue), [Severity::Warning]);
    assert_eq!(severities(&c, Rule::MissingColumn), [Severity::Info]);
    assert_eq!(c.count(Rule::RepeatComplaint), 0);
    assert_eq!(c.count(Rule::UnmappedColumn), 0);
    // The same register with the defaults shows what was switched off or changed.
    let d = check_with(&[sheet], &Config::default(), AS_OF);
    assert_eq!(severities(&d, Rule::MissingChannel), [Severity::Warning]);
    assert_eq!(severities(&d, Rule::UnreadableValue), [Severity::Error]);
    assert_eq!(d.count(Rule::RepeatComplaint), 1);
    assert_eq!(d.count(Rule::UnmappedColumn), 1);
}

#[test]
fn every_rule_can_be_switched_off() {
    for (rule, breaks, _) in catalogue() {
        let mut case = breaks();
        case.config = config(&format!("[severity]\n{} = \"off\"\n", rule.code()));
        assert_eq!(
            case.run().count(rule),
            0,
            "{rule:?} still reported when off"
        );
        let mut case = breaks();
        let other = if rule.default_severity() == Severity::Info {
            "error"
        } else {
            "info"
        };
        case.config = config(&format!("[severity]\n{} = \"{other}\"\n", rule.code()));
        let c = case.run();
        assert!(c.count(rule) > 0);
        assert!(
            c.of(rule).iter().all(|f| f.severity.key() == other),
            "{rule:?}: {:?}",
            c.of(rule)
        );
    }
}

#[test]
fn testkit_dates_are_what_the_tests_assume() {
    assert_eq!(date(AS_OF).format("%A").to_string(), "Wednesday");
    assert_eq!(date("01-09-2026").format("%A").to_string(), "Tuesday");
}

#[test]
fn messages_name_the_numbers_and_the_column() {
    use Field as F;
    let msg = |c: &Checked, rule, lang| c.of(rule)[0].message(&c.register, lang);
    let c = check([
        acked("01-09-2026", "03-09-2026"),
        // Closed without date counts as open: urgency 8 keeps it from being overdue too.
        row().set(F::ClosedDate, "").set(F::Urgency, "8"),
        row().open("15-09-2026").set(F::Urgency, "3"),
    ]);
    assert_eq!(
        msg(&c, Rule::LateAcknowledgement, Lang::En),
        "Receipt acknowledged after 2 working days (target: 1)."
    );
    assert_eq!(
        msg(&c, Rule::StatusConflict, Lang::Nl),
        "Status en afhandeldatum spreken elkaar tegen: status afgehandeld maar geen afhandeldatum."
    );
    assert_eq!(
        msg(&c, Rule::Overdue, Lang::En),
        "Open and past its target: 11 working days old (target: 10)."
    );
    let absent = check_with(
        &[Sheet::new([row()]).without(F::Handler).without(F::Channel)],
        &Config::default(),
        AS_OF,
    );
    assert_eq!(
        msg(&absent, Rule::MissingColumn, Lang::Nl),
        "Verplichte kolom Behandelaar ontbreekt in het bestand."
    );
    assert_eq!(
        msg(&absent, Rule::MissingChannel, Lang::En),
        "No channel recorded. The file has no column Channel: this applies to every complaint."
    );
}

#[test]
fn a_missing_acknowledgement_is_a_gap_only_once_its_term_has_passed() {
    // Received Tuesday 29 September 2026; the target is 1 working day.
    let received = |d: &str| row().set(Field::ReceivedDate, d).set(Field::AckDate, "");
    let at = |as_of: &str| {
        check_with(
            &[Sheet::new([received("29-09-2026")])],
            &Config::default(),
            as_of,
        )
        .count(Rule::MissingAcknowledgement)
    };
    assert_eq!(at("29-09-2026"), 0, "received today");
    assert_eq!(at("30-09-2026"), 0, "the one working day is still running");
    assert_eq!(at("01-10-2026"), 1, "two working days later it is a gap");
}

/// A complaint whose closed date cannot be read is not known to be open: no follow-up rule
/// fires on it (its `unreadable-value` error says what to repair). An unreadable urgency
/// without a due date leaves its target unknown: not overdue either. The same rows with the
/// cells blank do fire, so the rules are reached.
#[test]
fn no_follow_up_rule_fires_without_a_readable_closed_date_or_target() {
    use Field as F;
    let old = |closed: &str, urgency: &str| {
        row()
            .open("02-01-2025")
            .set(F::Urgency, urgency)
            .set(F::CustomerType, "particulier")
            .set(F::Status, "")
            .set(F::ClosedDate, closed)
    };
    let follow_up = [
        Rule::Overdue,
        Rule::Stale,
        Rule::OpenEscalation,
        Rule::DisputeWindow,
    ];
    let blank = check([old("", "1")]);
    for rule in follow_up {
        assert_eq!(blank.count(rule), 1, "{rule:?} fires on an open complaint");
    }
    let unreadable = check([old("31-02-2026", "1")]);
    for rule in follow_up {
        assert_eq!(unreadable.count(rule), 0, "{rule:?}");
    }
    let u = unreadable.of(Rule::UnreadableValue);
    assert_eq!(u.len(), 1);
    assert_eq!(u[0].complaint, Some(0), "the finding names its complaint");
    assert!(unreadable.register.complaints[0].closed_unknown());
    // Urgency `hoog`: unreadable, so no target and not overdue; blank: unclassified, 20 wd.
    assert_eq!(check([old("", "hoog")]).count(Rule::Overdue), 0);
    assert_eq!(check([old("", "")]).count(Rule::Overdue), 1);
}

#[test]
fn findings_with_the_same_message_key_have_the_same_message() {
    use crate::register::Field as F;
    // Findings that share their key (two rows without urgency, two with the same unreadable
    // date) and findings whose keys differ only in the value.
    let checked = check([
        row().set(F::Urgency, ""),
        row().set(F::Urgency, ""),
        row().set(F::ClosedDate, "31-02-2026"),
        row().set(F::ClosedDate, "31-02-2026"),
        row().set(F::ClosedDate, "30-02-2026"),
        row().set(F::Channel, "duif"),
    ]);
    let fs = &checked.findings;
    let mut shared = 0;
    for (i, a) in fs.iter().enumerate() {
        for b in &fs[i + 1..] {
            for lang in [Lang::Nl, Lang::En] {
                let (ma, mb) = (
                    a.message(&checked.register, lang),
                    b.message(&checked.register, lang),
                );
                if a.message_key() == b.message_key() {
                    assert_eq!(ma, mb, "{a:?} {b:?}");
                    shared += 1;
                } else if a.rule == b.rule && a.value != b.value {
                    assert_ne!(a.message_key(), b.message_key());
                }
            }
        }
    }
    assert!(shared >= 4, "{shared} pairs share a key");
    let dates = checked.of(Rule::UnreadableValue);
    assert_eq!(dates.len(), 4, "three dates and the channel");
    assert_ne!(
        dates[0].message_key(),
        dates[2].message_key(),
        "31-02 and 30-02"
    );
}
