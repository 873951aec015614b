//! The workbook read back: sheets, titles, tables, charts, text that looks like a formula,
//! pseudonyms, byte-identical output.

use super::*;
use crate::calendar::{Calendar, Profile};
use crate::config::Config;
use crate::metrics::{compute, Inputs, Period};
use crate::register::{Column as HeaderColumn, MatchKind};
use crate::register::{Complaint, Field, RowCount, Source};
use crate::rules::{check_all, Context};
use calamine::{open_workbook, Data, Reader, Xlsx};
use chrono::NaiveDate;
use std::io::Read;
use std::path::PathBuf;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

const FORMULA_TEXT: &str = "=HYPERLINK(\"http://x\",\"klik\")";

/// The register's columns: (field, header as written).
const COLUMNS: [(Option<Field>, &str); 14] = [
    (Some(Field::Id), "Klachtnummer"),
    (Some(Field::ReceivedDate), "Datum ontvangst"),
    (Some(Field::Channel), "Kanaal"),
    (Some(Field::Customer), "Klant"),
    (Some(Field::Description), "Omschrijving"),
    (Some(Field::Nature), "Aard"),
    (Some(Field::Urgency), "Urgentie"),
    (Some(Field::Handler), "Behandelaar"),
    (Some(Field::AckDate), "Bevestigd op"),
    (Some(Field::Department), "Afdeling"),
    (Some(Field::Cause), "Oorzaak"),
    (Some(Field::Solution), "Oplossing"),
    (Some(Field::ClosedDate), "Afgehandeld op"),
    (None, "Monteur"),
];

struct Fixture {
    register: Register,
    findings: Vec<Finding>,
    figures: Figures,
    provenance: Provenance,
}

/// A small installer's register around 2026-Q3: closed and open complaints of several
/// urgencies, a repeat customer, an escalation, overdue items, and a description that looks
/// like a formula.
fn fixture(show_names: bool) -> Fixture {
    use crate::register::{Channel::*, Justified::*, Nature::*, Status};
    type Row = (
        &'static str,
        NaiveDate,
        crate::register::Channel,
        &'static str,
        &'static str,
        Option<crate::register::Nature>,
        Option<u8>,
        Option<&'static str>,
        Option<NaiveDate>,
    );
    let rows: [Row; 12] = [
        (
            "K-001",
            d(2026, 7, 2),
            Email,
            "Jansen",
            "Lekkage na onderhoud",
            Some(Technical),
            Some(4),
            Some("Lekkage"),
            Some(d(2026, 7, 10)),
        ),
        (
            "K-002",
            d(2026, 7, 5),
            Phone,
            "Jansen",
            "Weer lekkage",
            Some(Technical),
            Some(5),
            Some("Lekkage"),
            Some(d(2026, 8, 20)),
        ),
        (
            "K-003",
            d(2026, 7, 15),
            Letter,
            "Bakker",
            "Factuur te hoog",
            Some(NonTechnical),
            Some(7),
            Some("Factuur onjuist"),
            Some(d(2026, 7, 16)),
        ),
        (
            "K-004",
            d(2026, 8, 1),
            Letter,
            "De Vries",
            "Aangetekende brief",
            Some(Technical),
            Some(1),
            None,
            None,
        ),
        (
            "K-005",
            d(2026, 8, 10),
            Email,
            "Smit",
            "Geen koeling",
            None,
            None,
            None,
            None,
        ),
        (
            "K-006",
            d(2026, 9, 25),
            Phone,
            "Visser",
            "Storing",
            Some(Technical),
            Some(6),
            None,
            None,
        ),
        (
            "K-007",
            d(2026, 6, 20),
            Email,
            "Smit",
            "Lawaai buitendeel",
            Some(Technical),
            Some(3),
            Some("Montagefout"),
            Some(d(2026, 7, 3)),
        ),
        (
            "K-008",
            d(2025, 8, 12),
            Email,
            "Mulder",
            "Lekkage",
            Some(Technical),
            Some(4),
            Some("Lekkage"),
            Some(d(2025, 8, 30)),
        ),
        (
            "K-009",
            d(2026, 5, 1),
            Web,
            "Bos",
            "Thermostaat",
            Some(Technical),
            Some(6),
            Some("Instelling"),
            Some(d(2026, 5, 20)),
        ),
        (
            "K-010",
            d(2026, 9, 1),
            Email,
            "Jansen",
            FORMULA_TEXT,
            Some(Technical),
            Some(5),
            Some("Lekkage"),
            Some(d(2026, 9, 5)),
        ),
        (
            "K-011",
            d(2026, 7, 20),
            InPerson,
            "Meijer",
            "Monteur onbeleefd",
            Some(NonTechnical),
            Some(2),
            Some("Gedrag monteur"),
            Some(d(2026, 7, 22)),
        ),
        (
            "K-012",
            d(2026, 8, 15),
            Email,
            "Dekker",
            "Lekkage leiding",
            Some(Technical),
            Some(6),
            Some("Lekkage"),
            Some(d(2026, 8, 18)),
        ),
    ];
    let complaints: Vec<Complaint> = rows
        .iter()
        .enumerate()
        .map(
            |(
                i,
                (id, received, channel, customer, description, nature, urgency, cause, closed),
            )| Complaint {
                file: 0,
                row: 3 + i as u32,
                id: (*id).into(),
                received: *received,
                channel: Some(*channel),
                customer: Some((*customer).into()),
                description: Some((*description).into()),
                nature: *nature,
                urgency: urgency.and_then(Urgency::new),
                handler: Some(if i % 2 == 0 { "Piet" } else { "Anne" }.into()),
                ack_date: received.succ_opt(),
                department: (i % 3 == 0).then(|| "Service".into()),
                cause: cause.map(Into::into),
                solution: closed.map(|_| "Hersteld".into()),
                closed_date: *closed,
                extra: vec![format!("monteur {i}")],
                // Every other closed complaint has a cost: € 100,00, € 151,00, … (see
                // `fixture_costs`); the closed ones are judged yes, no, partly in turn.
                cost: closed.and(fixture_cost(i)),
                justified: closed.map(|_| [Yes, No, Partly][i % 3]),
                // K-006 was closed once and reopened.
                status: (*id == "K-006").then_some(Status::Reopened),
                ..Complaint::default()
            },
        )
        .collect();
    let n = complaints.len() as u64;
    let source = Source {
        path: PathBuf::from("/data/klachtenregister.xlsx"),
        format: "xlsx",
        sheet: Some("Register".to_string()),
        encoding: None,
        separator: None,
        sha256: "ab".repeat(32),
        bytes: 12_345,
        header_row: 2,
        columns: COLUMNS
            .iter()
            .enumerate()
            .map(|(c, (field, header))| HeaderColumn {
                col: c as u32,
                header: header.to_string(),
                field: *field,
                how: field.map(|_| MatchKind::Exact),
            })
            .collect(),
        date_columns: Vec::new(),
        rows: RowCount {
            read: n + 1,
            used: n,
            excluded: 0,
            blank: 1,
        },
    };
    let register = Register {
        sources: vec![source],
        complaints,
        exclusions: Vec::new(),
        findings: Vec::new(),
        passed_over: Vec::new(),
    };
    let config = Config::default();
    let calendar = Calendar::new(Profile::Cao, &[]);
    let as_of = d(2026, 9, 30);
    let findings = check_all(&Context::new(&register, &config, &calendar, as_of));
    let figures = compute(&Inputs {
        register: &register,
        findings: &findings,
        config: &config,
        calendar: &calendar,
        period: Period::parse("2026-Q3").unwrap(),
        as_of,
        show_names,
        customers: None,
        volumes: None,
    })
    .unwrap();
    let provenance = Provenance {
        tool_version: "0.1.0".into(),
        generated: d(2026, 10, 1).and_hms_opt(8, 30, 0).unwrap(),
        company: Some("Koeltechniek Test & Zn B.V.".into()),
        config_text: "[targets]\nacknowledge = 1\n".into(),
        calendar_profile: "cao".into(),
        targets: vec![("Ontvangst bevestigen".into(), "1 werkdag".into())],
        command_line: "klacht report register.xlsx --period 2026-Q3".into(),
    };
    Fixture {
        register,
        findings,
        figures,
        provenance,
    }
}

/// The cost of the fixture's `i`th complaint, if closed: every other one.
fn fixture_cost(i: usize) -> Option<crate::register::Cents> {
    i.is_multiple_of(2)
        .then(|| crate::register::Cents(10_000 + 2_550 * i as i64))
}

/// Writes the fixture's workbook to a fresh temporary file.
fn write(fix: &Fixture, lang: Lang, show_names: bool, name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("klacht-workbook-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{name}.xlsx"));
    let input = WorkbookInput {
        figures: &fix.figures,
        register: &fix.register,
        findings: &fix.findings,
        lang,
        show_names,
        provenance: &fix.provenance,
    };
    write_workbook(&path, &input).unwrap();
    path
}

/// Every file in the xlsx package, by name.
fn parts(path: &Path) -> BTreeMap<String, String> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut out = BTreeMap::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        let mut text = String::new();
        if f.read_to_string(&mut text).is_ok() {
            out.insert(name, text);
        }
    }
    out
}

use std::collections::BTreeMap;

fn text_at(range: &calamine::Range<Data>, row: u32, col: u32) -> String {
    match range.get_value((row, col)) {
        Some(Data::String(s)) => s.clone(),
        Some(other) => other.to_string(),
        None => String::new(),
    }
}

/// The tables each sheet should hold (Dutch), in order.
fn expected_tables() -> [(&'static str, &'static [&'static str]); 11] {
    [
        (
            "Samenvatting",
            &["Kerncijfers", "Doorstroom", "Gegevenskwaliteit"],
        ),
        ("Urgentie", &["PerUrgentie"]),
        ("Kanaal en aard", &["Kanalen", "Aard", "Afdelingen"]),
        (
            "Achterstallig",
            &[
                "Leeftijd",
                "Behandelaars",
                "Escalaties",
                "AchterstalligeKlachten",
            ],
        ),
        (
            "Doorlooptijden",
            &[
                "AfhandeltijdUrgentie",
                "AfhandeltijdAard",
                "BevestigingUrgentie",
                "BevestigingAard",
            ],
        ),
        (
            "Oorzaken",
            &[
                "OorzakenTechnisch",
                "OorzakenNietTechnisch",
                "OorzakenFaalkosten",
                "TerugkerendeOorzaken",
                "Herhaalklagers",
                "Schrijfwijzen",
            ],
        ),
        (
            "Faalkosten",
            &[
                "Faalkosten",
                "FaalkostenAard",
                "FaalkostenUrgentie",
                "FaalkostenAfdeling",
                "Gegrond",
                "Tevredenheid",
                "Heropend",
            ],
        ),
        ("Trend", &["PerMaand", "Signaalkaart", "Signalen"]),
        ("Bevindingen", &["BevindingenPerRegel", "Bevindingenlijst"]),
        ("Register", &["Klachten"]),
        (
            "Verantwoording",
            &[
                "Rapportgegevens",
                "Normen",
                "Invoerbestanden",
                "Kolommen",
                "Datumkolommen",
                "UitgeslotenRijen",
                "Begrippen",
            ],
        ),
    ]
}

#[test]
fn sheet_names_are_the_ten_of_the_spec_and_the_costs_in_order() {
    let nl = sheet_names(Lang::Nl);
    assert_eq!(nl[0], "Samenvatting");
    assert_eq!(nl[2], "Kanaal en aard");
    assert_eq!(nl[6], "Faalkosten");
    assert_eq!(nl[10], "Verantwoording");
    let en = sheet_names(Lang::En);
    assert_eq!(en[4], "Handling times");
    assert_eq!(en[8], "Findings");
    for names in [nl, en] {
        let mut sorted = names.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), 11);
        assert!(names
            .iter()
            .all(|n| n.len() <= 31 && !n.contains(['[', ']', ':', '*', '?', '/', '\\'])));
    }
}

#[test]
fn the_workbook_has_its_sheets_titles_and_tables_where_written() {
    let fix = fixture(false);
    for lang in [Lang::Nl, Lang::En] {
        let path = write(&fix, lang, false, &format!("layout-{lang:?}"));
        let mut wb: Xlsx<_> = open_workbook(&path).unwrap();
        assert_eq!(
            wb.sheet_names(),
            sheet_names(lang).map(String::from).to_vec()
        );
        for name in sheet_names(lang) {
            let range = wb.worksheet_range(name).unwrap();
            assert_eq!(range.start(), Some((0, 0)), "{name}: title in A1");
            assert!(!text_at(&range, 0, 0).is_empty(), "{name}: title");
            let sub = text_at(&range, 1, 0);
            assert!(
                sub.contains("2026-Q3") && sub.contains("Koeltechniek"),
                "{name}: {sub}"
            );
        }
    }

    let path = write(&fix, Lang::Nl, false, "tables");
    let mut wb: Xlsx<_> = open_workbook(&path).unwrap();
    wb.load_tables().unwrap();
    let mut all_names = Vec::new();
    for (sheet, tables) in expected_tables() {
        let found: Vec<String> = wb
            .table_names_in_sheet(sheet)
            .into_iter()
            .cloned()
            .collect();
        assert_eq!(found, tables.to_vec(), "tables on {sheet}");
        let range = wb.worksheet_range(sheet).unwrap();
        for name in tables {
            let table = wb.table_by_name(name).unwrap();
            let (first_data_row, first_col) = table.data().start().unwrap_or((0, 0));
            assert_eq!(first_col, 0, "{name} starts in column A");
            let header_row = first_data_row - 1;
            for (c, h) in table.columns().iter().enumerate() {
                assert_eq!(&text_at(&range, header_row, c as u32), h, "{name} header");
            }
            // A bold title row (or its note) right above every table.
            assert!(
                !text_at(&range, header_row - 1, 0).is_empty(),
                "{name}: title row"
            );
            all_names.push(name.to_string());
        }
    }
    let n = all_names.len();
    all_names.sort();
    all_names.dedup();
    assert_eq!(all_names.len(), n, "table names are unique in the workbook");

    let urgency = wb.table_by_name("PerUrgentie").unwrap();
    assert_eq!(
        urgency.columns()[..3],
        [
            "Urgentie".to_string(),
            "Omschrijving (procedure)".into(),
            "Ontvangen".into()
        ]
    );
}

#[test]
fn figures_land_in_their_cells_with_the_procedures_labels() {
    let fix = fixture(false);
    let path = write(&fix, Lang::Nl, false, "figures");
    let mut wb: Xlsx<_> = open_workbook(&path).unwrap();
    wb.load_tables().unwrap();

    let urgency = wb.table_by_name("PerUrgentie").unwrap();
    let rows: Vec<&[Data]> = urgency.data().rows().collect();
    assert_eq!(rows.len(), 9, "categories 1–8 and unclassified");
    assert_eq!(rows[0][0], Data::String("1".into()));
    assert_eq!(
        rows[0][1],
        Data::String("NVKL geschillenbemiddeling / SGB / rechtszaak (door klant ingezet)".into())
    );
    assert_eq!(rows[8][0], Data::String("geen".into()));
    for (row, fig) in rows.iter().zip(&fix.figures.kpi.by_urgency) {
        assert_eq!(row[2], Data::Float(fig.received as f64));
        assert_eq!(row[5], Data::Float(fig.overdue as f64));
        // Fewer than five closed complaints per category here: p90 is "n te klein".
        if fig.handling_wd.n > 0 {
            assert_eq!(row[8], Data::String("n te klein".into()));
        }
    }

    let flow = wb.table_by_name("Doorstroom").unwrap();
    let flow: Vec<&[Data]> = flow.data().rows().collect();
    let f = &fix.figures.tables.flow;
    let column: Vec<Data> = flow.iter().map(|r| r[1].clone()).collect();
    assert_eq!(
        column,
        [
            f.open_at_start,
            f.received,
            f.closed,
            f.expected_open_at_end as u64,
            f.open_at_end,
            0
        ]
        .map(|n| Data::Float(n as f64))
        .into_iter()
        .chain([Data::String("klopt".into())])
        .collect::<Vec<_>>()
    );
    assert!(flow[3][0]
        .to_string()
        .starts_with("= verwacht open op 30-09-2026"));

    let register = wb.table_by_name("Klachten").unwrap();
    assert_eq!(
        register.data().rows().count(),
        fix.figures.tables.register_rows.len()
    );
    let monteur = register
        .columns()
        .iter()
        .position(|h| h == "Monteur")
        .unwrap();
    let first = register.data().rows().next().unwrap();
    assert_eq!(first[monteur], Data::String("monteur 0".into()));
    let received = register
        .columns()
        .iter()
        .position(|h| h == "Datum ontvangst")
        .unwrap();
    assert!(
        matches!(first[received], Data::DateTime(_)),
        "dates are dates"
    );

    let findings = wb.table_by_name("Bevindingenlijst").unwrap();
    assert_eq!(
        findings.data().rows().count(),
        fix.figures.tables.findings.len()
    );
    let cell = findings.columns().iter().position(|h| h == "Cel").unwrap();
    assert!(findings
        .data()
        .rows()
        .all(|r| r[cell].to_string().starts_with("Register!")
            || r[cell].to_string().starts_with("Register: rij")));
    // Each finding with the first sentence of its rule's explanation, last.
    let code = findings.columns().iter().position(|h| h == "Code").unwrap();
    assert_eq!(
        findings.columns().last().map(String::as_str),
        Some("Uitleg")
    );
    for r in findings.data().rows() {
        let rule = crate::base::Rule::from_code(&r[code].to_string()).unwrap();
        let uitleg = r.last().unwrap().to_string();
        assert_eq!(uitleg, rule.explanation().summary.nl);
    }

    let en = write(&fix, Lang::En, false, "figures-en");
    let mut wb: Xlsx<_> = open_workbook(&en).unwrap();
    wb.load_tables().unwrap();
    let urgency = wb.table_by_name("PerUrgency").unwrap();
    let fifth: Vec<&[Data]> = urgency.data().rows().collect();
    assert_eq!(fifth[4][1], Data::String("warranty claim".into()));
    assert_eq!(fifth[8][0], Data::String("none".into()));
}

#[test]
fn text_that_looks_like_a_formula_stays_text() {
    let fix = fixture(false);
    let path = write(&fix, Lang::Nl, false, "injection");
    let mut wb: Xlsx<_> = open_workbook(&path).unwrap();
    let register = wb.worksheet_range("Register").unwrap();
    assert!(
        register
            .used_cells()
            .any(|(_, _, v)| *v == Data::String(FORMULA_TEXT.into())),
        "the description is there, as text"
    );
    for name in sheet_names(Lang::Nl) {
        let formulas = wb.worksheet_formula(name).unwrap();
        assert!(
            formulas.used_cells().all(|(_, _, f)| f.is_empty()),
            "{name} holds a formula"
        );
    }
    let xml = &parts(&path)["xl/worksheets/sheet10.xml"];
    assert!(
        !xml.contains("<f>"),
        "no formula element in the Register sheet"
    );
}

#[test]
fn charts_exist_and_sit_beside_the_tables_never_over_them() {
    let fix = fixture(false);
    let path = write(&fix, Lang::Nl, false, "charts");
    let parts = parts(&path);
    let charts = parts
        .keys()
        .filter(|k| k.starts_with("xl/charts/chart"))
        .count();
    // Urgency, channel + nature, ageing, handling times, two Paretos by count and one by
    // cost, the costs per urgency, trend, signals.
    assert_eq!(charts, 11);
    // Each caches the values it plots, which rust_xlsxwriter takes from the cells it wrote
    // (a table a chart reads is written one by one: layout::Charted).
    for (name, xml) in parts.iter().filter(|(k, _)| k.starts_with("xl/charts/")) {
        assert!(xml.contains("<c:v>"), "{name}");
        assert!(
            !xml.contains("<c:v></c:v>"),
            "{name}: a plotted value not cached"
        );
    }
    let mut anchored = 0;
    for sheet in 1..=11 {
        let Some(rels) = parts.get(&format!("xl/worksheets/_rels/sheet{sheet}.xml.rels")) else {
            continue;
        };
        let targets = attribute_values(rels, "Target=\"");
        let last_table_col = targets
            .iter()
            .filter(|t| t.contains("tables/"))
            .map(|t| {
                let xml = &parts[&format!("xl/{}", t.trim_start_matches("../"))];
                let range = &attribute_values(xml, "ref=\"")[0];
                column_number(range.split(':').nth(1).unwrap())
            })
            .max()
            .unwrap_or(0);
        for drawing in targets.iter().filter(|t| t.contains("drawings/")) {
            let xml = &parts[&format!("xl/{}", drawing.trim_start_matches("../"))];
            for from in xml.split("<xdr:from><xdr:col>").skip(1) {
                let col: u32 = from.split('<').next().unwrap().parse().unwrap();
                assert!(
                    col > last_table_col,
                    "sheet{sheet}: chart at column {col} over a table"
                );
                anchored += 1;
            }
        }
    }
    assert_eq!(anchored, charts);
}

/// Values of `key…"` attributes in `xml`.
fn attribute_values(xml: &str, key: &str) -> Vec<String> {
    xml.split(key)
        .skip(1)
        .map(|s| s.split('"').next().unwrap_or_default().to_string())
        .collect()
}

/// 0-based column of a cell reference such as `AB12`.
fn column_number(cell: &str) -> u32 {
    cell.chars()
        .take_while(char::is_ascii_alphabetic)
        .fold(0, |n, c| n * 26 + (c as u32 - 'A' as u32 + 1))
        - 1
}

#[test]
fn identical_input_gives_identical_bytes() {
    let fix = fixture(false);
    let a = std::fs::read(write(&fix, Lang::Nl, false, "same-a")).unwrap();
    let b = std::fs::read(write(&fix, Lang::Nl, false, "same-b")).unwrap();
    assert!(a == b, "two writes differ");
    let props = &parts(&write(&fix, Lang::Nl, false, "same-c"))["docProps/core.xml"];
    assert!(
        props.contains("2026-10-01T08:30:00Z"),
        "creation time is the generation time"
    );
}

#[test]
fn customer_names_stay_out_unless_asked_for() {
    let hidden = fixture(false);
    let all: String = parts(&write(&hidden, Lang::Nl, false, "hidden"))
        .into_values()
        .collect();
    for name in ["Jansen", "Bakker", "De Vries"] {
        assert!(!all.contains(name), "{name} in the workbook");
    }
    let jansen = crate::register::customer::pseudonym("Jansen");
    assert!(all.contains(&jansen), "the pseudonym is shown instead");

    let shown = fixture(true);
    let all: String = parts(&write(&shown, Lang::Nl, true, "shown"))
        .into_values()
        .collect();
    assert!(all.contains("Jansen") && !all.contains(&jansen));
}

/// Saves a workbook at `name` in a temporary folder with one sheet "Lijst": a heading and a
/// list of `rows` rows of `columns` (a count, then "x"), the sheet's limits set by `limits`;
/// returns the path and what [`Sheet::list`] placed.
fn one_list(
    name: &str,
    limits: impl FnOnce(Sheet) -> Sheet,
    columns: &[Column],
    rows: usize,
    hint: &str,
) -> (PathBuf, layout::Placed) {
    let cells = |i: usize| {
        let mut row = vec![Cell::count(i as u64)];
        row.extend((1..columns.len()).map(|_| Cell::text("x")));
        row
    };
    list_of(name, limits, columns, rows, cells, hint)
}

/// The same with the cells of row `i` given by `cells(i)`, saved as the report is saved.
fn list_of(
    name: &str,
    limits: impl FnOnce(Sheet) -> Sheet,
    columns: &[Column],
    rows: usize,
    cells: impl Fn(usize) -> Vec<Cell> + Sync,
    hint: &str,
) -> (PathBuf, layout::Placed) {
    let path = temp_path(name);
    let formats = Formats::new(Lang::Nl);
    let bulk = Bulk::new(&formats);
    let mut wb = Workbook::new();
    // A fixed creation time: two lists written a second apart are the same bytes.
    let made = NaiveDate::from_ymd_opt(2026, 1, 1)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .unwrap();
    wb.set_properties(&DocProperties::new().set_creation_datetime(&made));
    formats.register(&mut wb);
    let placed = {
        let ws = wb.add_worksheet_with_constant_memory().unwrap();
        let sheet = Sheet::new(ws, &formats, (&bulk, 1), "Lijst", Lang::Nl, String::new());
        let mut s = limits(sheet.unwrap());
        s.heading("Lijst").unwrap();
        let placed = s.list("Lijst", columns, rows, cells, hint).unwrap();
        s.finish().unwrap();
        placed
    };
    bulk.save(&mut wb, &path).unwrap();
    (path, placed)
}

fn temp_path(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("klacht-workbook-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

/// Row `i` of a list that covers texts that need escaping, every style, dates, blanks and
/// rows with nothing in them.
fn mixed_cells(i: usize) -> Vec<Cell> {
    const TEXTS: [&str; 8] = [
        "gewoon",
        " spatie voor",
        "regel\nna regel\n",
        "a & b <c> \"d\"",
        "bel\u{7} en _x0041_ en \r",
        "",
        "=SOM(A1)",
        "lang 🔧 ünïcode",
    ];
    if i % 11 == 5 {
        return vec![Cell::Blank; 4];
    }
    let style = layout::STYLES[i % layout::STYLES.len()];
    vec![
        Cell::marked(TEXTS[i % TEXTS.len()], style),
        Cell::Num([0.5, -3.0, 1e21, 123_456.789, f64::NAN][i % 5], style),
        if i % 7 == 3 {
            Cell::Blank
        } else {
            Cell::Date(d(1899 + (i as i32 * 7) % 200, 1 + (i as u32 % 12), 28))
        },
        if i.is_multiple_of(3) {
            Cell::Blank
        } else {
            Cell::text(TEXTS[(i + 3) % TEXTS.len()])
        },
    ]
}

/// Writes `rows` rows of `cells` from worksheet row `first_row` through rust_xlsxwriter, each
/// cell with its style's format: the oracle of the lists written in bulk.
fn write_each_cell(
    ws: &mut rust_xlsxwriter::Worksheet,
    formats: &Formats,
    first_row: u32,
    rows: usize,
    cells: impl Fn(usize) -> Vec<Cell>,
) {
    use layout::Style;
    for i in 0..rows {
        let row = first_row + i as u32;
        for (c, cell) in cells(i).iter().enumerate() {
            let col = c as u16;
            match cell {
                Cell::Text(s, Style::Text) => ws.write_string(row, col, s.as_str()),
                Cell::Text(s, style) => {
                    ws.write_string_with_format(row, col, s.as_str(), formats.plain(*style))
                }
                Cell::Num(v, style) => {
                    ws.write_number_with_format(row, col, *v, formats.plain(*style))
                }
                Cell::Date(day) => {
                    ws.write_date_with_format(row, col, day, formats.plain(Style::Date))
                }
                Cell::Blank => continue,
            }
            .unwrap();
        }
    }
}

/// The rows of a list too long for a table are written apart as XML (bulk.rs); that XML is
/// what rust_xlsxwriter itself writes for the same cells, byte for byte, over texts that need
/// escaping, every style, dates, blanks and a row with nothing in it — but for the references
/// of cells that follow the row's previous cell, which are left out; calamine reads every
/// cell back in its place.
#[test]
fn bulk_rows_are_the_xml_rust_xlsxwriter_writes() {
    let cells = mixed_cells;
    let columns: Vec<Column> = (0..4).map(|c| Column::new(format!("k{c}"))).collect();
    let rows = 200;
    let (path, placed) = list_of(
        "bulk.xlsx",
        |s| s.with_table_rows(0),
        &columns,
        rows,
        cells,
        "",
    );
    assert_eq!((placed.first_row, placed.rows), (2, rows));

    // The same cells through rust_xlsxwriter, in a workbook with the formats numbered alike.
    let formats = Formats::new(Lang::Nl);
    let mut wb = Workbook::new();
    formats.register(&mut wb);
    let ws = wb.add_worksheet_with_constant_memory().unwrap();
    write_each_cell(ws, &formats, placed.first_row, rows, cells);
    let expected = temp_path("bulk-expected.xlsx");
    wb.save(&expected).unwrap();

    let data_rows = |path: &Path| {
        let xml = parts(path)["xl/worksheets/sheet1.xml"].clone();
        let from = xml.find(r#"<row r="3""#).unwrap();
        let to = xml.find("</sheetData>").unwrap();
        xml[from..to].to_string()
    };
    let (got, written) = (data_rows(&path), data_rows(&expected));
    assert!(
        written.contains("_x005F_x0041_") && written.contains(r#"<v>1000000000000000000000</v>"#)
    );
    assert!(
        written.contains("NAN") && written.contains("xml:space"),
        "the oracle covers the cases"
    );
    // The list's last row is rust_xlsxwriter's own in both.
    let last = written.rfind("<row ").unwrap();
    let want = without_implied_references(&written[..last]) + &written[last..];
    // Cells after a gap keep their reference.
    let referenced = |xml: &str| xml.matches("<c r=").count();
    assert!(0 < referenced(&want) && referenced(&want) < referenced(&written) / 4);
    assert_eq!(got.len(), want.len());
    assert!(got == want, "bulk rows differ from rust_xlsxwriter's");

    // Every cell where rust_xlsxwriter put it.
    let compared = same_cells(&path, &expected, placed.first_row..placed.last_row + 1, 4);
    assert!(compared > 2 * rows, "{compared} cells compared");
}

/// Asserts that the first sheet of `ours` holds the cells of that of `theirs`, read back with
/// calamine, in `rows` (from 0) and the first `cols` columns; returns how many are not empty.
fn same_cells(ours: &Path, theirs: &Path, rows: std::ops::Range<u32>, cols: u32) -> usize {
    let range = |path: &Path| {
        let mut wb: Xlsx<_> = open_workbook(path).unwrap();
        let first = wb.sheet_names()[0].clone();
        wb.worksheet_range(&first).unwrap()
    };
    let (ours, theirs) = (range(ours), range(theirs));
    let mut compared = 0;
    for row in rows {
        for col in 0..cols {
            let theirs = theirs.get_value((row, col)).cloned().unwrap_or(Data::Empty);
            assert_eq!(
                ours.get_value((row, col)).cloned().unwrap_or(Data::Empty),
                theirs,
                "{row}, {col}"
            );
            compared += usize::from(theirs != Data::Empty);
        }
    }
    compared
}

/// A list short enough for an Excel table has its rows written in bulk like a longer one, and
/// is still the table rust_xlsxwriter makes: its table part is the one rust_xlsxwriter writes
/// for a table over the whole list, byte for byte, and its cells read back the same as
/// rust_xlsxwriter's own table of the list and as the list one row over the table limit.
#[test]
fn a_list_that_fits_a_table_is_written_in_bulk_as_the_same_table() {
    use rust_xlsxwriter::{Table, TableColumn, TableStyle};
    let columns: Vec<Column> = (0..4).map(|c| Column::new(format!("k{c}"))).collect();
    // Three of bulk.rs's chunks; the limit lowered to the list's length and one below it.
    let rows = 9_000;
    let write = |name: &str, limit: usize| {
        list_of(
            name,
            |s| s.with_table_rows(limit),
            &columns,
            rows,
            mixed_cells,
            "",
        )
    };
    let (table, placed) = write("mid-table.xlsx", rows);
    let (long, _) = write("mid-long.xlsx", rows - 1);
    // Header in row 2 (from 1) under the sheet's heading, the rows below it.
    assert_eq!((placed.header_row, placed.last_row), (1, 9_001));

    // rust_xlsxwriter's own table over the whole list, with every cell written by it.
    let reference = temp_path("mid-reference.xlsx");
    let formats = Formats::new(Lang::Nl);
    let mut wb = Workbook::new();
    formats.register(&mut wb);
    let ws = wb.add_worksheet_with_constant_memory().unwrap();
    ws.set_name("Lijst").unwrap();
    let headers: Vec<TableColumn> = columns
        .iter()
        .map(|c| TableColumn::new().set_header(c.header.as_str()))
        .collect();
    let reference_table = Table::new()
        .set_name("Lijst")
        .set_style(TableStyle::Medium2)
        .set_columns(&headers);
    ws.add_table(1, 0, 9_001, 3, &reference_table).unwrap();
    write_each_cell(ws, &formats, 2, rows, mixed_cells);
    wb.save(&reference).unwrap();

    let (ours, theirs) = (parts(&table), parts(&reference));
    let part = "xl/tables/table1.xml";
    assert!(ours[part].contains(r#" ref="A2:D9002""#), "{}", ours[part]);
    assert_eq!(ours[part], theirs[part]);
    assert!(!parts(&long).contains_key(part), "one row more is no table");
    // Written in bulk: most cells go without their reference, unlike rust_xlsxwriter's.
    let referenced = |parts: &BTreeMap<String, String>| {
        parts["xl/worksheets/sheet1.xml"].matches("<c r=").count()
    };
    assert!(referenced(&ours) < referenced(&theirs) / 4);

    // The table as a reader finds it: name, columns, every row.
    let mut book: Xlsx<_> = open_workbook(&table).unwrap();
    book.load_tables().unwrap();
    let found = book.table_by_name("Lijst").unwrap();
    assert_eq!(found.columns(), ["k0", "k1", "k2", "k3"]);
    assert_eq!(found.data().start(), Some((2, 0)));
    assert_eq!(found.data().end(), Some((9_001, 3)));

    // Header and rows, cell by cell.
    let all = 1..9_002;
    let compared = same_cells(&table, &reference, all.clone(), 4);
    assert!(compared > 2 * rows, "{compared} cells compared");
    assert_eq!(same_cells(&long, &reference, all, 4), compared);
}

/// `xml` (rows of cells with their references) with the reference of each cell that follows
/// the row's previous cell (or is the row's first, in column A) left out: a second reading
/// of the rule in bulk.rs.
fn without_implied_references(xml: &str) -> String {
    let mut out = String::new();
    let mut next = 1; // column number an implied cell lands in
    let mut rest = xml;
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest.find('>').unwrap() + 1;
        let tag = &rest[..end];
        if tag.starts_with("<row") {
            next = 1;
            out.push_str(tag);
        } else if let Some(after) = tag.strip_prefix("<c r=\"") {
            let reference = &after[..after.find('"').unwrap()];
            let letters: String = reference
                .chars()
                .take_while(char::is_ascii_uppercase)
                .collect();
            let column = letters
                .bytes()
                .fold(0, |n, b| n * 26 + usize::from(b - b'A') + 1);
            if column == next {
                out.push_str("<c");
                out.push_str(&after[reference.len() + 1..]);
            } else {
                out.push_str(tag);
            }
            next = column + 1;
        } else {
            out.push_str(tag);
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

#[test]
fn a_list_longer_than_a_sheet_is_cut_with_a_visible_note() {
    let (path, placed) = one_list(
        "overflow.xlsx",
        |s| s.with_max_rows(8),
        &[Column::new("n")],
        10,
        "Zie bevindingen.csv",
    );
    assert_eq!(placed.rows, 5, "rows 3–7 below the header at row 2");
    let mut wb: Xlsx<_> = open_workbook(&path).unwrap();
    let range = wb.worksheet_range("Lijst").unwrap();
    let note = text_at(&range, 1, 0);
    assert_eq!(
        note,
        "Let op: 5 van de 10 regels passen niet in een Excel-blad en zijn hieronder weggelaten. Zie bevindingen.csv"
    );
    assert_eq!(text_at(&range, 2, 0), "n");
    assert_eq!(range.get_value((7, 0)), Some(&Data::Float(4.0)));
}

/// The pieces of a long list are made on however many threads there are, and the file is
/// the same; every row is in it, also when the list's last row is empty.
#[test]
fn bulk_lists_are_the_same_bytes_on_one_thread_and_on_four() {
    let columns = [Column::new("n"), Column::new("tekst")];
    let rows = 10_000;
    let cells = |i: usize| match i {
        9_999 => vec![Cell::Blank, Cell::Blank],
        _ => vec![Cell::count(i as u64), Cell::text(format!("regel {i}"))],
    };
    let write = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        let name = format!("bulk-{threads}.xlsx");
        pool.install(|| list_of(&name, |s| s.with_table_rows(10), &columns, rows, cells, "").0)
    };
    let (one, four) = (write(1), write(4));
    assert!(std::fs::read(&one).unwrap() == std::fs::read(&four).unwrap());
    let mut wb: Xlsx<_> = open_workbook(&four).unwrap();
    let range = wb.worksheet_range("Lijst").unwrap();
    for i in [0, 4_095, 4_096, 9_998] {
        assert_eq!(
            range.get_value((2 + i, 0)),
            Some(&Data::Float(f64::from(i)))
        );
        assert_eq!(text_at(&range, 2 + i, 1), format!("regel {i}"));
    }
    assert_eq!(
        range.end(),
        Some((2 + 9_998, 1)),
        "the empty last row adds nothing"
    );
}

/// A list too long for a table is a plain range with the same header and a filter, and keeps
/// every row; a shorter one on the same kind of sheet stays a table.
#[test]
fn a_very_long_list_is_a_filtered_range_not_a_table() {
    let columns = [Column::new("n"), Column::new("tekst")];
    let write =
        |rows: usize, name: &str| one_list(name, |s| s.with_table_rows(3), &columns, rows, "").0;
    let sheet_xml = |path: &Path| {
        let parts = parts(path);
        let tables = parts.keys().filter(|n| n.starts_with("xl/tables/")).count();
        (parts["xl/worksheets/sheet1.xml"].clone(), tables)
    };

    let long = write(5, "long-list.xlsx");
    let (xml, tables) = sheet_xml(&long);
    assert_eq!(tables, 0, "no table for 5 rows when tables stop at 3");
    assert!(xml.contains(r#"<autoFilter ref="A2:B7""#), "{xml}");
    let mut wb: Xlsx<_> = open_workbook(&long).unwrap();
    let range = wb.worksheet_range("Lijst").unwrap();
    assert_eq!(text_at(&range, 1, 0), "n");
    assert_eq!(text_at(&range, 1, 1), "tekst");
    assert_eq!(
        range.get_value((6, 0)),
        Some(&Data::Float(4.0)),
        "the last row"
    );

    let (xml, tables) = sheet_xml(&write(3, "short-list.xlsx"));
    assert_eq!(tables, 1, "3 rows stay a table");
    assert!(!xml.contains("<autoFilter"));
}

#[test]
fn the_provenance_sheet_ends_with_the_pages_glossary() {
    let fix = fixture(false);
    for lang in [Lang::Nl, Lang::En] {
        let path = write(&fix, lang, false, &format!("glossary-{lang:?}"));
        let mut wb: Xlsx<_> = open_workbook(&path).unwrap();
        let range = wb.worksheet_range(sheet_names(lang)[10]).unwrap();
        let rows: Vec<(String, String)> = range
            .rows()
            .map(|r| {
                let text = |i: usize| r.get(i).map(|c| c.to_string()).unwrap_or_default();
                (text(0), text(1))
            })
            .collect();
        let glossary = crate::render::glossary::glossary(lang);
        // The last rows of the sheet, in the glossary's order.
        let tail = &rows[rows.len() - glossary.len()..];
        for ((term, meaning), (cell_term, cell_meaning)) in glossary.iter().zip(tail) {
            assert_eq!(
                (*term, *meaning),
                (cell_term.as_str(), cell_meaning.as_str())
            );
        }
    }
}

#[test]
fn english_table_names_are_unique_excel_names() {
    let fix = fixture(false);
    let path = write(&fix, Lang::En, false, "names-en");
    let mut wb: Xlsx<_> = open_workbook(&path).unwrap();
    wb.load_tables().unwrap();
    let mut names: Vec<String> = wb.table_names().into_iter().cloned().collect();
    let dutch: usize = expected_tables().iter().map(|(_, t)| t.len()).sum();
    assert_eq!(names.len(), dutch, "the same tables as in Dutch");
    assert!(names
        .iter()
        .all(|n| n.chars().all(|c| c.is_ascii_alphanumeric())
            && n.starts_with(|c: char| c.is_ascii_uppercase())));
    names.sort();
    names.dedup();
    assert_eq!(names.len(), dutch);
}

#[test]
fn several_files_add_a_file_column_and_csv_lines() {
    let mut fix = fixture(false);
    let mut csv = fix.register.sources[0].clone();
    csv.path = PathBuf::from("/data/vestiging-oost.csv");
    csv.format = "csv";
    csv.sheet = None;
    fix.register.sources.push(csv);
    let input = WorkbookInput {
        figures: &fix.figures,
        register: &fix.register,
        findings: &fix.findings,
        lang: Lang::Nl,
        show_names: false,
        provenance: &fix.provenance,
    };
    let report = Report::new(&input);
    let headers: Vec<String> = report
        .trace_columns()
        .into_iter()
        .map(|c| c.header)
        .collect();
    assert_eq!(headers, ["Bestand", "Cel", "CSV-regel"]);
    assert_eq!(
        report.trace_cells(Some(CellRef::cell(1, 16, 5)), 1, Some(18)),
        [
            Cell::text("vestiging-oost.csv"),
            Cell::text("F17"),
            Cell::Num(18.0, layout::Style::Whole)
        ]
    );
    assert_eq!(
        report.trace_cells(Some(CellRef::row(0, 16)), 0, None),
        [
            Cell::text("klachtenregister.xlsx"),
            Cell::text("Register: rij 17"),
            Cell::Blank
        ]
    );
    assert_eq!(report.trace_cells(None, 0, None)[1], Cell::Blank);
}

/// (row, column), 0-based, of a reference such as `$E$12`.
fn cell_position(cell: &str) -> (u32, u32) {
    let cell = cell.replace('$', "");
    let digits = cell.trim_start_matches(|c: char| c.is_ascii_alphabetic());
    (digits.parse::<u32>().unwrap() - 1, column_number(&cell))
}

#[test]
fn no_native_chart_plots_a_text_cell_and_a_p90_with_small_n_is_a_gap() {
    let fix = fixture(false);
    let path = write(&fix, Lang::Nl, false, "chart-values");
    let parts = parts(&path);
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&path).unwrap();
    let mut series = 0;
    let mut small_n = 0;
    for (_, xml) in parts
        .iter()
        .filter(|(k, _)| k.starts_with("xl/charts/chart"))
    {
        for (i, val) in xml.split("<c:val>").skip(1).enumerate() {
            let f = val.split("<c:f>").nth(1).unwrap();
            let f = f.split("</c:f>").next().unwrap();
            let (sheet, cells) = f.rsplit_once('!').unwrap();
            let sheet = sheet.trim_matches('\'').replace("''", "'");
            let range = wb.worksheet_range(&sheet).unwrap();
            let (a, b) = cells.split_once(':').unwrap_or((cells, cells));
            let ((r0, col), (r1, _)) = (cell_position(a), cell_position(b));
            for row in r0..=r1 {
                // Excel plots text in a value range as 0.
                assert!(
                    !matches!(range.get_value((row, col)), Some(Data::String(_))),
                    "{f}: text at row {row} plotted"
                );
            }
            series += 1;
            // The p90 of the handling-time chart: a number where the table has one, a gap
            // where it says "n te klein"; the chart shows the hidden column it reads.
            if xml.contains("<c:v>p90</c:v>") && i == 1 {
                // rust_xlsxwriter leaves plotVisOnly out to show hidden data.
                assert!(!xml.contains("<c:plotVisOnly"), "hidden data shown");
                for row in r0..=r1 {
                    let shown = text_at(&range, row, 4);
                    let plotted = text_at(&range, row, col);
                    if shown == "n te klein" {
                        small_n += 1;
                        assert_eq!(plotted, "", "row {row}");
                    } else {
                        assert_eq!(plotted, shown, "row {row}");
                    }
                }
            }
        }
    }
    assert!(series >= 10, "{series} series checked");
    assert!(small_n > 0, "the fixture has a p90 with n < 5");
}

#[test]
fn failure_costs_are_numbers_in_euros_the_user_can_sum() {
    let fix = fixture(false);
    let p = Period::parse("2026-Q3").unwrap();
    // The costs of the complaints closed in P, from the fixture's own rule: K-001, K-003,
    // K-007 and K-011 (€ 100,00 + € 151,00 + € 253,00 + € 355,00).
    let cents: i64 = (fix.register.complaints.iter().enumerate())
        .filter(|(_, c)| c.closed_date.is_some_and(|d| p.contains(d)))
        .filter_map(|(i, _)| fixture_cost(i))
        .map(|c| c.0)
        .sum();
    assert_eq!(cents, 85_900);
    for (lang, format) in [
        (Lang::Nl, "&quot;€ &quot;#,##0.00"),
        (Lang::En, "&quot;€&quot;#,##0.00"),
    ] {
        let path = write(&fix, lang, false, &format!("costs-{lang:?}"));
        let mut wb: Xlsx<_> = open_workbook(&path).unwrap();
        let range = wb.worksheet_range(sheet_names(lang)[6]).unwrap();
        let row_of = |label: &str| {
            (0..range.height() as u32)
                .find(|&r| text_at(&range, r, 0) == label)
                .unwrap_or_else(|| panic!("{label}"))
        };
        // A number, not text: the user can sum it.
        let total = row_of(lang.pick("Totaal", "Total"));
        assert_eq!(range.get_value((total, 1)), Some(&Data::Float(859.0)));
        let reopened = text_at(&range, row_of("K-006"), 0);
        assert_eq!(reopened, "K-006", "the reopened complaint is listed");
        let styles = &parts(&path)["xl/styles.xml"];
        assert!(styles.contains(format), "{lang:?}: {format}");
    }
}
