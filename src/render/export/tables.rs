//! The export's two tables, a slice of rows at a time ([`Frames`]), as the writers take them:
//! columns of polars and texts as dictionaries ([`Part`]). Columns are built straight from the
//! register's complaints and findings, side by side (rayon), each in one pass, with no text
//! made per cell where the value is a register text already, and a made text (a pseudonym, a
//! cause group, a message) made once per distinct value of a slice.
//!
//! docs/export.md documents every column; a test below holds the two together.

use super::parts::{texts, Dict, Part};
use crate::base::location::FileIdx;
use crate::calendar::Calendar;
use crate::metrics::compute::Durations;
use crate::register::causes::CauseGroups;
use crate::register::customer::pseudonym;
use crate::register::{Complaint, Field, Finding, Register};
use crate::Lang;
use chrono::{Datelike, NaiveDate};
use polars::prelude::*;
use rayon::prelude::*;
use std::hash::Hash;
use std::ops::Range;

/// A column of `complaints`: a canonical field (SPEC §2, named by its key), or one the export
/// adds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ComplaintColumn {
    Field(Field),
    /// The cause group (SPEC §10) of the cause as written, right after it.
    CauseGroup,
    /// The id was derived from file and row (the register had none: `missing-id`).
    IdDerived,
    /// The fields whose cell could not be read (`unreadable-value`), comma-separated keys.
    Unreadable,
    HandlingWd,
    HandlingCd,
    AckWd,
    AckCd,
    File,
    Sheet,
    Row,
    Line,
}

impl ComplaintColumn {
    /// The columns in file order: the canonical fields in register order, the cause group
    /// beside the cause, then the export's own.
    pub fn all() -> Vec<ComplaintColumn> {
        use ComplaintColumn::*;
        let mut out = Vec::new();
        for f in crate::register::Field::ALL {
            out.push(Field(*f));
            if *f == crate::register::Field::Cause {
                out.push(CauseGroup);
            }
        }
        out.extend([
            IdDerived, Unreadable, HandlingWd, HandlingCd, AckWd, AckCd, File, Sheet, Row, Line,
        ]);
        out
    }

    /// The column's name in the file.
    pub fn name(self) -> &'static str {
        use ComplaintColumn::*;
        match self {
            Field(f) => f.key(),
            CauseGroup => "cause_group",
            IdDerived => "id_derived",
            Unreadable => "unreadable",
            HandlingWd => "handling_wd",
            HandlingCd => "handling_cd",
            AckWd => "ack_wd",
            AckCd => "ack_cd",
            File => "file",
            Sheet => "sheet",
            Row => "row",
            Line => "line",
        }
    }
}

/// A column of `findings`: the items of `check --json` (SPEC §8), with the row and line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FindingColumn {
    Code,
    Severity,
    Step,
    /// The complaint's id.
    Id,
    File,
    Sheet,
    Cell,
    Row,
    Line,
    Value,
    Message,
}

impl FindingColumn {
    /// The columns in file order.
    pub const ALL: [FindingColumn; 11] = {
        use FindingColumn::*;
        [
            Code, Severity, Step, Id, File, Sheet, Cell, Row, Line, Value, Message,
        ]
    };

    /// The column's name in the file.
    pub fn name(self) -> &'static str {
        use FindingColumn::*;
        match self {
            Code => "code",
            Severity => "severity",
            Step => "step",
            Id => "id",
            File => "file",
            Sheet => "sheet",
            Cell => "cell",
            Row => "row",
            Line => "line",
            Value => "value",
            Message => "message",
        }
    }
}

/// The register's sources (file, sheet), for the `file` and `sheet` columns of both tables.
struct Sources<'a> {
    /// Per source, the file as given on the command line, as `check --json` names it.
    files: Vec<String>,
    sheets: Vec<Option<&'a str>>,
}

impl<'a> Sources<'a> {
    fn of(register: &'a Register) -> Sources<'a> {
        Sources {
            files: (register.sources.iter())
                .map(|s| s.path.display().to_string())
                .collect(),
            sheets: (register.sources.iter())
                .map(|s| s.sheet.as_deref())
                .collect(),
        }
    }

    /// The `file` column of rows from the sources `of`.
    fn files(&self, name: &str, of: impl Iterator<Item = FileIdx>) -> Part {
        keys(name, of.map(Some), |i| {
            self.files.get(usize::from(i)).cloned()
        })
    }

    /// The `sheet` column of rows from the sources `of`: null for a CSV file.
    fn sheets(&self, name: &str, of: impl Iterator<Item = FileIdx>) -> Part {
        keys(name, of.map(Some), |i| {
            Some(
                self.sheets
                    .get(usize::from(i))
                    .copied()
                    .flatten()?
                    .to_string(),
            )
        })
    }
}

/// The rows of a table, made a slice at a time: the writers write a slice (a Parquet row
/// group) and reuse its memory for the next, instead of holding the whole table.
pub trait Frames: Sync {
    /// How many rows the table has.
    fn rows(&self) -> usize;

    /// The rows `rows` of the table, column by column, repeating texts as dictionaries.
    fn parts(&self, rows: Range<usize>) -> PolarsResult<Vec<Part>>;

    /// The rows `rows` of the table as a frame.
    fn frame(&self, rows: Range<usize>) -> PolarsResult<DataFrame> {
        let columns: Vec<Column> = (self.parts(rows)?.into_iter())
            .map(Part::into_column)
            .collect();
        DataFrame::new(columns.first().map_or(0, Column::len), columns)
    }
}

/// The complaints table: one row per complaint, in register order (file, then row).
pub struct Complaints<'a> {
    cs: &'a [Complaint],
    causes: &'a CauseGroups,
    calendar: &'a Calendar,
    sources: Sources<'a>,
    show_names: bool,
}

impl<'a> Complaints<'a> {
    /// Durations under `calendar`, causes in their `causes` group, customers by pseudonym
    /// unless `show_names`.
    pub fn new(
        register: &'a Register,
        causes: &'a CauseGroups,
        calendar: &'a Calendar,
        show_names: bool,
    ) -> Complaints<'a> {
        Complaints {
            cs: &register.complaints,
            causes,
            calendar,
            sources: Sources::of(register),
            show_names,
        }
    }
}

impl Frames for Complaints<'_> {
    fn rows(&self) -> usize {
        self.cs.len()
    }

    fn parts(&self, rows: Range<usize>) -> PolarsResult<Vec<Part>> {
        let cs = self.cs.get(rows).unwrap_or_default();
        let durations: Vec<Durations> = cs
            .par_iter()
            .map(|c| Durations::of(c, self.calendar))
            .collect();
        let slice = Slice {
            of: self,
            cs,
            durations,
        };
        ComplaintColumn::all()
            .par_iter()
            .map(|c| slice.column(*c))
            .collect()
    }
}

/// The complaints of one slice of the table, with their durations.
struct Slice<'a> {
    of: &'a Complaints<'a>,
    cs: &'a [Complaint],
    durations: Vec<Durations>,
}

impl Slice<'_> {
    fn column(&self, column: ComplaintColumn) -> PolarsResult<Part> {
        use ComplaintColumn as C;
        let (cs, name) = (self.cs, column.name());
        let wd = |get: fn(&Durations) -> Option<i32>| ints(name, self.durations.iter().map(get));
        Ok(match column {
            C::Field(f) => return self.field(f),
            C::CauseGroup => {
                let causes = cs.iter().map(|c| c.cause.as_deref());
                Dict::made(
                    name,
                    causes,
                    |cause| cause,
                    |cause| Some(self.of.causes.group_of(cause)?.name().to_string()),
                )
            }
            C::IdDerived => Part::Column(Column::new(
                name.into(),
                cs.iter().map(|c| c.id_derived).collect::<Vec<bool>>(),
            )),
            // Keyed by the set of fields: its text made once per set, not once per row.
            C::Unreadable => {
                let sets = cs
                    .iter()
                    .map(|c| Some(c.unreadable).filter(|u| !u.is_empty()));
                keys(name, sets, |set| {
                    let fields: Vec<&str> = set.iter().map(Field::key).collect();
                    Some(fields.join(","))
                })
            }
            C::HandlingWd => wd(|d| d.handling_wd),
            C::HandlingCd => wd(|d| d.handling_cd),
            C::AckWd => wd(|d| d.ack_wd),
            C::AckCd => wd(|d| d.ack_cd),
            C::File => self.of.sources.files(name, cs.iter().map(|c| c.file)),
            C::Sheet => self.of.sources.sheets(name, cs.iter().map(|c| c.file)),
            C::Row => longs(name, cs.iter().map(|c| Some(i64::from(c.row) + 1))),
            C::Line => longs(
                name,
                cs.iter()
                    .map(|c| c.line.and_then(|l| i64::try_from(l).ok())),
            ),
        })
    }

    /// A canonical field: text as written, enums by key, dates as dates, the urgency as a
    /// small integer, the cost in exact cents; customers by pseudonym unless names are asked
    /// for, as in the report.
    fn field(&self, f: Field) -> PolarsResult<Part> {
        let (cs, name) = (self.cs, f.key());
        let text = |get: fn(&Complaint) -> Option<&str>| Dict::part(name, cs.iter().map(get));
        let distinct =
            |get: fn(&Complaint) -> Option<&str>| Part::Distinct(texts(name, cs.iter().map(get)));
        let person = |get: fn(&Complaint) -> Option<&str>| {
            if self.of.show_names {
                return text(get);
            }
            Dict::made(name, cs.iter().map(get), |v| v, |v| Some(pseudonym(v)))
        };
        let date = |get: fn(&Complaint) -> Option<NaiveDate>| dates(name, cs.iter().map(get));
        Ok(match f {
            Field::Id => distinct(|c| Some(c.id.as_str())),
            Field::ReceivedDate => date(|c| Some(c.received)),
            Field::Channel => keys(name, cs.iter().map(|c| c.channel), |v| Some(v.key().into())),
            Field::Customer => person(|c| c.customer.as_deref()),
            Field::CustomerId => person(|c| c.customer_id.as_deref()),
            Field::CustomerType => keys(name, cs.iter().map(|c| c.customer_type), |v| {
                Some(v.key().into())
            }),
            Field::JobRef => text(|c| c.job_ref.as_deref()),
            Field::Description => text(|c| c.description.as_deref()),
            Field::Nature => keys(name, cs.iter().map(|c| c.nature), |v| Some(v.key().into())),
            Field::Urgency => Part::Column(
                Int8Chunked::from_iter_options(
                    name.into(),
                    cs.iter()
                        .map(|c| c.urgency.and_then(|u| i8::try_from(u.number()).ok())),
                )
                .into_series()
                .into(),
            ),
            Field::Handler => text(|c| c.handler.as_deref()),
            Field::ContactPerson => text(|c| c.contact_person.as_deref()),
            Field::Assessor => text(|c| c.assessor.as_deref()),
            Field::HandlingMode => keys(name, cs.iter().map(|c| c.handling_mode), |v| {
                Some(v.key().into())
            }),
            Field::AckDate => date(|c| c.ack_date),
            Field::Department => text(|c| c.department.as_deref()),
            Field::DueDate => date(|c| c.due_date),
            Field::Cause => text(|c| c.cause.as_deref()),
            Field::Solution => text(|c| c.solution.as_deref()),
            Field::ClosedDate => date(|c| c.closed_date),
            Field::Status => keys(name, cs.iter().map(|c| c.status), |v| Some(v.key().into())),
            Field::LastUpdate => date(|c| c.last_update),
            Field::Justified => keys(name, cs.iter().map(|c| c.justified), |v| {
                Some(v.key().into())
            }),
            Field::Cost => Part::Column(
                Int128Chunked::from_iter_options(
                    name.into(),
                    cs.iter().map(|c| c.cost.map(|v| i128::from(v.0))),
                )
                .into_decimal(COST_PRECISION, 2)?
                .into_series()
                .into(),
            ),
            // A score as its number, yes/no as the words (the field's keys).
            Field::Satisfaction => keys(name, cs.iter().map(|c| c.satisfaction), |v| Some(v.key())),
            Field::Notes => text(|c| c.notes.as_deref()),
        })
    }
}

/// Digits of the cost column: Parquet keeps a DECIMAL(18, 2) in a 64-bit integer, which
/// every reader takes; a register's amounts (below `Cents::LIMIT`) fit with room to spare.
const COST_PRECISION: usize = 18;

/// Days since 1970-01-01, polars' and Parquet's DATE.
fn epoch_days(d: NaiveDate) -> i32 {
    /// `NaiveDate::num_days_from_ce` of 1970-01-01.
    const EPOCH_CE: i32 = 719_163;
    d.num_days_from_ce() - EPOCH_CE
}

/// A column of a few values, written as their texts (vocabulary keys, file names): its
/// dictionary made per value, without hashing a text per row.
fn keys<V: Copy + Hash + Eq>(
    name: &str,
    values: impl Iterator<Item = Option<V>>,
    text: impl Fn(V) -> Option<String>,
) -> Part {
    Dict::made(name, values, |v| v, text)
}

fn ints(name: &str, values: impl Iterator<Item = Option<i32>>) -> Part {
    Part::Column(
        Int32Chunked::from_iter_options(name.into(), values)
            .into_series()
            .into(),
    )
}

fn longs(name: &str, values: impl Iterator<Item = Option<i64>>) -> Part {
    Part::Column(
        Int64Chunked::from_iter_options(name.into(), values)
            .into_series()
            .into(),
    )
}

fn dates(name: &str, values: impl Iterator<Item = Option<NaiveDate>>) -> Part {
    Part::Column(
        Int32Chunked::from_iter_options(name.into(), values.map(|d| d.map(epoch_days)))
            .into_date()
            .into_series()
            .into(),
    )
}

/// The findings table: one row per finding, in the order of `check --json`'s items, with
/// the same values (the message in the output language); `id`, `sheet`, `cell`, `row`, `line`
/// and `value` are null where the finding has none.
pub struct Findings<'a> {
    register: &'a Register,
    fs: &'a [Finding],
    sources: Sources<'a>,
    lang: Lang,
}

impl<'a> Findings<'a> {
    pub fn new(register: &'a Register, findings: &'a [Finding], lang: Lang) -> Findings<'a> {
        Findings {
            register,
            fs: findings,
            sources: Sources::of(register),
            lang,
        }
    }
}

impl Frames for Findings<'_> {
    fn rows(&self) -> usize {
        self.fs.len()
    }

    fn parts(&self, rows: Range<usize>) -> PolarsResult<Vec<Part>> {
        let (register, sources) = (self.register, &self.sources);
        let fs = self.fs.get(rows).unwrap_or_default();
        let columns = FindingColumn::ALL
            .par_iter()
            .map(|&column| {
                use FindingColumn as C;
                let name = column.name();
                match column {
                    C::Code => keys(name, fs.iter().map(|f| Some(f.rule)), |r| {
                        Some(r.code().into())
                    }),
                    C::Severity => keys(name, fs.iter().map(|f| Some(f.severity)), |v| {
                        Some(v.key().into())
                    }),
                    C::Step => keys(name, fs.iter().map(|f| Some(f.rule.step())), |v| {
                        Some(v.key().into())
                    }),
                    C::Id => Dict::part(
                        name,
                        fs.iter().map(|f| {
                            let c = register.complaints.get(f.complaint?)?;
                            Some(c.id.as_str())
                        }),
                    ),
                    C::File => sources.files(name, fs.iter().map(|f| f.file)),
                    C::Sheet => sources.sheets(name, fs.iter().map(|f| f.file)),
                    C::Cell => {
                        use std::fmt::Write;
                        let mut cells = StringChunkedBuilder::new(name.into(), fs.len());
                        let mut a1 = String::new();
                        for f in fs {
                            match f.at {
                                Some(at) => {
                                    a1.clear();
                                    let _ = write!(a1, "{at}");
                                    cells.append_value(&a1);
                                }
                                None => cells.append_null(),
                            }
                        }
                        Part::Distinct(cells.finish().into_series().into())
                    }
                    C::Row => longs(name, fs.iter().map(|f| Some(i64::from(f.at?.row) + 1))),
                    C::Line => {
                        let mut lines = Lines::from(register, fs.first());
                        longs(
                            name,
                            fs.iter().map(|f| {
                                let at = f.at?;
                                i64::try_from(lines.line(at.file, at.row)?).ok()
                            }),
                        )
                    }
                    C::Value => Dict::part(
                        name,
                        fs.iter()
                            .map(|f| Some(f.value.as_str()).filter(|v| !v.is_empty())),
                    ),
                    // Made once per distinct message key: most findings share their
                    // message with others of the slice (a million findings of the 1M-row
                    // register have 92,638 messages).
                    C::Message => {
                        Dict::made(name, fs.iter().map(Some), Finding::message_key, |f| {
                            Some(f.message(register, self.lang))
                        })
                    }
                }
            })
            .collect::<Vec<Part>>();
        Ok(columns)
    }
}

/// The CSV lines of the findings' rows, found by walking the complaints and the excluded
/// rows along with the findings (all three are in file and row order) instead of by a search
/// per finding ([`Register::line`], which is still asked for a row the walk passed).
struct Lines<'a> {
    register: &'a Register,
    complaint: usize,
    excluded: usize,
}

impl<'a> Lines<'a> {
    /// The walk from the row of finding `first` on.
    fn from(register: &'a Register, first: Option<&Finding>) -> Lines<'a> {
        let key = first
            .and_then(|f| f.at)
            .map_or((0, 0), |at| (at.file, at.row));
        Lines {
            register,
            complaint: (register.complaints).partition_point(|c| (c.file, c.row) < key),
            excluded: (register.exclusions).partition_point(|e| (e.file, e.row) < key),
        }
    }

    fn line(&mut self, file: FileIdx, row: u32) -> Option<u64> {
        let (cs, es) = (&self.register.complaints, &self.register.exclusions);
        let key = (file, row);
        while cs
            .get(self.complaint)
            .is_some_and(|c| (c.file, c.row) < key)
        {
            self.complaint += 1;
        }
        while es.get(self.excluded).is_some_and(|e| (e.file, e.row) < key) {
            self.excluded += 1;
        }
        match (cs.get(self.complaint), es.get(self.excluded)) {
            (Some(c), _) if (c.file, c.row) == key => c.line,
            (_, Some(e)) if (e.file, e.row) == key => e.line,
            _ => self.register.line(file, row),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::Profile;
    use crate::rules::testkit::{check, row};

    #[test]
    fn a_complaint_becomes_a_typed_row_with_its_durations_under_the_calendar() {
        // Received Thu 23 Apr 2026, acknowledged Tue 28 Apr (Mon 27 is Koningsdag), closed
        // Fri 8 May: working days 24, 28, 29, 30 Apr, 1, 4, 5 (no lustrum), 6, 7, 8 May.
        let checked = check([
            row()
                .set(Field::ReceivedDate, "23-04-2026")
                .set(Field::AckDate, "28-04-2026")
                .set(Field::ClosedDate, "08-05-2026")
                .set(Field::Urgency, "cat. 3")
                .set(Field::Channel, "telefonisch"),
            row()
                .set(Field::Urgency, "hoog")
                .set(Field::ClosedDate, "31-08-2026"),
        ]);
        let causes =
            crate::metrics::compute::register_cause_groups(&checked.register.complaints, &[]);
        let cal = Calendar::new(Profile::Cao, &[]);
        let table = Complaints::new(&checked.register, &causes, &cal, false);
        let df = table.frame(0..table.rows()).unwrap();
        let names: Vec<&str> = df.get_column_names().iter().map(|n| n.as_str()).collect();
        let want: Vec<&str> = ComplaintColumn::all().iter().map(|c| c.name()).collect();
        assert_eq!(names, want);
        assert_eq!(df.height(), 2);
        let int = |name: &str| -> Vec<Option<i64>> {
            let c = df.column(name).unwrap().cast(&DataType::Int64).unwrap();
            c.i64().unwrap().iter().collect()
        };
        let text = |name: &str| -> Vec<Option<String>> {
            let c = df.column(name).unwrap();
            c.str()
                .unwrap()
                .iter()
                .map(|s| s.map(str::to_string))
                .collect()
        };
        assert_eq!(
            int("handling_wd"),
            [Some(10), None],
            "closed before received"
        );
        assert_eq!(int("handling_cd"), [Some(15), None]);
        assert_eq!(int("ack_wd"), [Some(2), Some(0)]);
        assert_eq!(int("ack_cd"), [Some(5), Some(0)]);
        assert_eq!(int("urgency"), [Some(3), None]);
        assert_eq!(df.column("urgency").unwrap().dtype(), &DataType::Int8);
        assert_eq!(text("unreadable"), [None, Some("urgency".to_string())]);
        assert_eq!(
            text("channel"),
            [Some("phone".to_string()), Some("email".to_string())]
        );
        assert_eq!(int("row"), [Some(2), Some(3)], "the header is row 1");
        assert_eq!(df.column("received_date").unwrap().dtype(), &DataType::Date);
        assert_eq!(
            int("received_date")[0],
            Some(20566),
            "days since 1970-01-01"
        );
        assert_eq!(
            text("cause_group"),
            vec![Some("montagefout".to_string()); 2]
        );

        let table = Findings::new(&checked.register, &checked.findings, Lang::En);
        let findings = table.frame(0..table.rows()).unwrap();
        assert_eq!(findings.height(), checked.findings.len());
        let names: Vec<&str> = findings
            .get_column_names()
            .iter()
            .map(|n| n.as_str())
            .collect();
        let want: Vec<&str> = FindingColumn::ALL.iter().map(|c| c.name()).collect();
        assert_eq!(names, want);
    }

    #[test]
    fn the_walk_finds_the_lines_a_search_finds() {
        use crate::register::{Exclusion, ExclusionReason};
        let complaint = |file, row| Complaint {
            file,
            row,
            line: Some(u64::from(row) * 10 + u64::from(file)),
            ..Complaint::default()
        };
        let excluded = |file, row| Exclusion {
            file,
            row,
            line: Some(u64::from(row) * 10 + 5),
            reason: ExclusionReason::NoReceivedDate,
            text: String::new(),
        };
        let register = Register {
            complaints: vec![
                complaint(0, 1),
                complaint(0, 3),
                complaint(0, 4),
                complaint(1, 2),
            ],
            exclusions: vec![excluded(0, 2), excluded(1, 1)],
            ..Register::default()
        };
        // In order, with rows of neither kind, a row twice, and one back (out of order).
        let asked = [
            (0, 0),
            (0, 1),
            (0, 2),
            (0, 2),
            (0, 3),
            (0, 9),
            (1, 1),
            (1, 2),
            (0, 4),
            (2, 1),
        ];
        let at = |(file, row)| Finding {
            rule: crate::base::Rule::MissingChannel,
            severity: crate::base::Severity::Warning,
            at: Some(crate::base::location::CellRef::row(file, row)),
            file,
            complaint: None,
            value: String::new(),
            field: None,
            detail: String::new(),
        };
        let mut lines = Lines::from(&register, Some(&at(asked[0])));
        for (file, row) in asked {
            assert_eq!(
                lines.line(file, row),
                register.line(file, row),
                "{file}:{row}"
            );
        }
        let found: Vec<Option<u64>> = asked.iter().map(|&(f, r)| register.line(f, r)).collect();
        assert_eq!(found[1..5], [Some(10), Some(25), Some(25), Some(30)]);
        // A walk that starts later begins at its first finding.
        let mut later = Lines::from(&register, Some(&at((1, 1))));
        assert_eq!(later.line(1, 2), Some(21));
    }

    #[test]
    fn slices_make_the_frame_of_the_whole() {
        let checked = check([
            row()
                .set(Field::Customer, "Jansen")
                .set(Field::Cause, "lekkage"),
            row().set(Field::Customer, "Bakker"),
            row()
                .set(Field::Customer, "Jansen")
                .set(Field::Cause, "Lekkage"),
        ]);
        let causes =
            crate::metrics::compute::register_cause_groups(&checked.register.complaints, &[]);
        let cal = Calendar::new(Profile::Cao, &[]);
        let table = Complaints::new(&checked.register, &causes, &cal, false);
        let whole = table.frame(0..3).unwrap();
        let mut parts = table.frame(0..1).unwrap();
        parts.vstack_mut(&table.frame(1..3).unwrap()).unwrap();
        assert!(whole.equals_missing(&parts));
        let customers: Vec<Option<&str>> = whole
            .column("customer")
            .unwrap()
            .str()
            .unwrap()
            .iter()
            .collect();
        let (j, b) = (pseudonym("Jansen"), pseudonym("Bakker"));
        assert_eq!(
            customers,
            [Some(j.as_str()), Some(b.as_str()), Some(j.as_str())]
        );
        let groups: Vec<Option<&str>> = whole
            .column("cause_group")
            .unwrap()
            .str()
            .unwrap()
            .iter()
            .collect();
        assert_eq!(
            groups,
            [Some("lekkage"), Some("montagefout"), Some("lekkage")]
        );
    }

    #[test]
    fn amounts_fit_the_decimal_and_days_count_from_1970() {
        // The largest amount a register cell holds, in DECIMAL(18, 2).
        assert!(crate::register::Cents::LIMIT < 10i64.pow(COST_PRECISION as u32));
        assert_eq!(epoch_days(NaiveDate::from_ymd_opt(1970, 1, 2).unwrap()), 1);
    }

    #[test]
    fn the_docs_describe_every_column_and_no_other() {
        let docs = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/export.md"))
            .unwrap();
        // The two schema tables, in order: rows that start with a column name in backticks.
        let section = |title: &str| -> Vec<String> {
            let start = docs.find(title).unwrap();
            docs[start..]
                .lines()
                .skip_while(|l| !l.starts_with("| column"))
                .skip(2)
                .take_while(|l| l.starts_with("| `"))
                .map(|l| l.split('`').nth(1).unwrap().to_string())
                .collect()
        };
        let complaints: Vec<String> = ComplaintColumn::all()
            .iter()
            .map(|c| c.name().to_string())
            .collect();
        assert_eq!(section("## `complaints.parquet`"), complaints);
        let findings: Vec<String> = FindingColumn::ALL
            .iter()
            .map(|c| c.name().to_string())
            .collect();
        assert_eq!(section("## `findings.parquet`"), findings);
    }
}
