//! The procedure as rules: each finding says which rule, how serious, which procedure step and
//! which cell shows it.

use crate::base::location::CellRef;
use crate::base::{Rule, Severity};
use crate::register::Finding;
use crate::Lang;
use serde::Serialize;

pub mod procedure;
pub mod registration;
#[cfg(test)]
pub(crate) mod testkit;
#[cfg(test)]
mod tests;

use crate::base::location::FileIdx;
use crate::calendar::Calendar;
use crate::register::{Complaint, Field, FieldKind, Register};
use chrono::NaiveDate;
use rustc_hash::FxHashSet;

/// Number of fields and of rules: sizes of the lookup tables the rules use per complaint.
const FIELDS: usize = Field::ALL.len();
const RULES: usize = Rule::ALL.len();

/// What the rules look at: the register, the configuration, the calendar and the reference
/// date, with the lookups they make per complaint prepared as tables.
pub struct Context<'a> {
    pub register: &'a Register,
    pub config: &'a crate::config::Config,
    pub calendar: &'a Calendar,
    pub as_of: NaiveDate,
    /// Cells already reported unreadable: no second finding says they are missing.
    unreadable: FxHashSet<CellRef>,
    /// Per file, the column of each field (by `Field as usize`).
    columns: Vec<[Option<u32>; FIELDS]>,
    /// The configured severity of each rule (by `Rule as usize`).
    severity: [Severity; RULES],
}

/// The findings of the rules over some of the complaints, and the columns already reported
/// once for their whole file. Complaints are checked in parallel chunks, each with its own
/// `Out`; [`check_all`] merges them in order.
#[derive(Default)]
pub struct Out {
    findings: Vec<Finding>,
    reported: Vec<(FileIdx, Rule)>,
}

impl Out {
    /// Adds a finding.
    pub fn push(&mut self, finding: Finding) {
        self.findings.push(finding);
    }
}

impl<'a> Context<'a> {
    /// A context over `register`.
    pub fn new(
        register: &'a Register,
        config: &'a crate::config::Config,
        calendar: &'a Calendar,
        as_of: NaiveDate,
    ) -> Context<'a> {
        let unreadable = register
            .findings
            .iter()
            .filter(|f| f.rule == Rule::UnreadableValue)
            .filter_map(|f| f.at)
            .collect();
        let columns = register
            .sources
            .iter()
            .map(|s| {
                Field::ALL
                    .iter()
                    .map(|&f| s.column_of(f))
                    .collect::<Vec<_>>()
            })
            .map(|cols| std::array::from_fn(|i| cols[i]))
            .collect();
        Context {
            register,
            config,
            calendar,
            as_of,
            unreadable,
            columns,
            severity: std::array::from_fn(|i| config.severity(Rule::ALL[i])),
        }
    }

    /// The cell that holds `field` for `c`, if its file has that column (`Register::cell`).
    pub fn cell(&self, c: &Complaint, field: Field) -> Option<CellRef> {
        let col = self.columns.get(usize::from(c.file))?[field as usize]?;
        Some(CellRef::cell(c.file, c.row, col))
    }

    /// The cell for `field`, or the row when the file has no such column.
    pub fn cell_or_row(&self, c: &Complaint, field: Field) -> CellRef {
        self.cell(c, field)
            .unwrap_or_else(|| CellRef::row(c.file, c.row))
    }

    /// The configured severity of `rule`.
    pub fn severity(&self, rule: Rule) -> Severity {
        self.severity[rule as usize]
    }

    /// A finding about complaint `i`'s `field` (its cell, or its row when the file lacks the
    /// column).
    pub fn finding(&self, i: usize, rule: Rule, field: Field, value: impl Into<String>) -> Finding {
        let c = &self.register.complaints[i];
        Finding {
            rule,
            severity: self.severity(rule),
            at: Some(self.cell_or_row(c, field)),
            file: c.file,
            complaint: Some(i),
            value: value.into(),
            field: Some(field),
            detail: String::new(),
        }
    }

    /// Whether `field`'s cell of `c` was already reported unreadable.
    pub fn unreadable(&self, c: &Complaint, field: Field) -> bool {
        !self.unreadable.is_empty()
            && self
                .cell(c, field)
                .is_some_and(|at| self.unreadable.contains(&at))
    }

    /// Reports that complaint `i` lacks `field`: at its cell when the file has the column
    /// (unless the cell was unreadable, which is reported already), and once for the whole
    /// file, at its header row, when the file has no such column at all.
    ///
    /// `i` is an index into the register's complaints, as every rule gets it from enumerating
    /// them.
    pub fn missing(&self, i: usize, rule: Rule, field: Field, out: &mut Out) {
        let c = &self.register.complaints[i];
        if self.cell(c, field).is_some() {
            if !self.unreadable(c, field) {
                out.push(self.finding(i, rule, field, ""));
            }
            return;
        }
        self.once_for_file(c.file, rule, field, String::new, out);
    }

    /// Reports `rule` once for `file`, at its header row: the file has no `field` column.
    /// `detail` is only made for the first report.
    pub fn once_for_file(
        &self,
        file: FileIdx,
        rule: Rule,
        field: Field,
        detail: impl FnOnce() -> String,
        out: &mut Out,
    ) {
        if out.reported.contains(&(file, rule)) {
            return;
        }
        out.reported.push((file, rule));
        let header_row = self
            .register
            .sources
            .get(usize::from(file))
            .map_or(0, |s| s.header_row);
        out.push(Finding {
            rule,
            severity: self.severity(rule),
            at: Some(CellRef::row(file, header_row)),
            file,
            complaint: None,
            value: String::new(),
            field: Some(field),
            detail: detail(),
        });
    }
}

/// What a finding's message is made of ([`Finding::message_key`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct MessageKey<'a> {
    rule: Rule,
    field: Option<Field>,
    /// The file and column of the cell: the column's name as written.
    column: Option<(FileIdx, Option<u32>)>,
    value: &'a str,
    detail: &'a str,
    of_complaint: bool,
}

impl Finding {
    /// Adds the `{detail}` of the message.
    pub fn detail(mut self, detail: impl Into<String>) -> Finding {
        self.detail = detail.into();
        self
    }

    /// The column's name as the user wrote it, or the field's name, or `kolom L`.
    fn column_name(&self, register: &Register, lang: Lang) -> String {
        let written = self.at.and_then(|at| {
            let col = at.col?;
            let source = register.sources.get(usize::from(at.file))?;
            let c = source.columns.iter().find(|c| c.col == col)?;
            (!c.header.is_empty()).then(|| c.header.clone())
        });
        match (written, self.field, self.at.and_then(|a| a.col)) {
            (Some(h), _, _) => h,
            (None, Some(f), _) => f.header(lang).to_string(),
            (None, None, Some(col)) => format!(
                "{} {}",
                lang.pick("kolom", "column"),
                crate::base::location::column_letters(col)
            ),
            (None, None, None) => String::new(),
        }
    }

    /// Everything [`Finding::message`] reads of the finding: two findings with the same key
    /// have the same message, which the export makes once for both.
    pub fn message_key(&self) -> MessageKey<'_> {
        MessageKey {
            rule: self.rule,
            field: self.field,
            column: self.at.map(|at| (at.file, at.col)),
            value: &self.value,
            detail: &self.detail,
            of_complaint: self.complaint.is_some(),
        }
    }

    /// The message in `lang`, from the catalogue.
    pub fn message(&self, register: &Register, lang: Lang) -> String {
        let field = self.column_name(register, lang);
        let detail = match (self.rule, self.field) {
            (Rule::UnreadableValue, Some(f)) => {
                let mut detail = expected(f.kind(), lang).to_string();
                detail.push_str(&mapping_hint(f, &self.value, lang));
                detail
            }
            (Rule::UnreadableValue, None) => lang
                .pick(
                    " (cel buiten de kolommen van het register; is de rij verschoven?)",
                    " (cell outside the register's columns; is the row shifted?)",
                )
                .to_string(),
            (Rule::MissingAssessment, _) => self
                .detail
                .split(',')
                .filter_map(Field::from_key)
                .map(|f| f.header(lang))
                .collect::<Vec<_>>()
                .join(lang.pick(" en ", " and ")),
            (Rule::StatusConflict, _) => match self.detail.as_str() {
                "closed-without-date" => lang.pick(
                    "status afgehandeld maar geen afhandeldatum",
                    "status closed but no closed date",
                ),
                _ => lang.pick(
                    "afhandeldatum ingevuld maar status nog open",
                    "closed date filled in but status still open",
                ),
            }
            .to_string(),
            (Rule::RepeatComplaint, _) => match self.detail.split(':').next() {
                Some("customer") => lang.pick("van dezelfde klant", "from the same customer"),
                _ => lang.pick(
                    "over hetzelfde werk of dezelfde installatie",
                    "about the same job or installation",
                ),
            }
            .to_string(),
            _ => self.detail.clone(),
        };
        let mut text = crate::messages::text(
            self.rule.code(),
            lang,
            &[
                ("field", &field),
                ("value", &self.value),
                ("detail", &detail),
                // `repeat-complaint` carries its window after the kind: `customer:365`.
                ("days", self.detail.split(':').nth(1).unwrap_or_default()),
            ],
        );
        if self.complaint.is_none() && self.field.is_some() && self.rule.per_complaint() {
            text.push(' ');
            text.push_str(&crate::messages::fill(
                lang.pick(
                    "De kolom {field} ontbreekt in dit bestand: dit geldt voor alle klachten.",
                    "The file has no column {field}: this applies to every complaint.",
                ),
                &[("field", &field)],
            ));
        }
        text
    }
}

/// The `[values.…]` line that would map an unreadable `value` of a field with fixed values,
/// so the message says how to make it readable; empty for other fields and for a value
/// without letters or digits (no mapping can name it).
fn mapping_hint(field: Field, value: &str, lang: Lang) -> String {
    let Some(keys) = crate::config::vocabulary(field.kind()) else {
        return String::new();
    };
    if crate::base::key::key_chars(value).next().is_none() {
        return String::new();
    }
    let mapping = format!(
        "[values.{}] {} = \"\"",
        field.key(),
        crate::config::quote(value.trim())
    );
    crate::messages::text(
        "H-map-value",
        lang,
        &[("mapping", &mapping), ("keys", &keys.join(", "))],
    )
}

/// What an unreadable cell should have held, for the message.
fn expected(kind: FieldKind, lang: Lang) -> &'static str {
    match kind {
        FieldKind::Text => lang.pick(" (Excel-foutwaarde)", " (Excel error value)"),
        FieldKind::Date => lang.pick(" als datum", " as a date"),
        FieldKind::Urgency => lang.pick(" als urgentiecategorie 1–8", " as urgency category 1–8"),
        FieldKind::Channel => lang.pick(
            " als kanaal (brief, fax, e-mail, telefoon, mondeling, website, anders)",
            " as a channel (letter, fax, e-mail, phone, in person, web, other)",
        ),
        FieldKind::Nature => lang.pick(
            " als technisch/niet-technisch",
            " as technical/non-technical",
        ),
        FieldKind::CustomerType => lang.pick(" als particulier/zakelijk", " as consumer/business"),
        FieldKind::HandlingMode => {
            lang.pick(" als gesprek/schriftelijk", " as conversation/written")
        }
        FieldKind::Status => lang.pick(
            " als status (open, in behandeling, afgehandeld)",
            " as a status (open, in progress, closed)",
        ),
        FieldKind::Justified => lang.pick(" als ja/nee/deels", " as yes/no/partly"),
        FieldKind::Money => lang.pick(
            " als bedrag (zoals € 1.234,56; onder een miljard euro)",
            " as an amount (such as € 1,234.56; below a billion euros)",
        ),
        FieldKind::Satisfaction => lang.pick(
            " als tevredenheid (score 1–10 of ja/nee)",
            " as satisfaction (score 1–10 or yes/no)",
        ),
    }
}

impl Rule {
    /// Rules about one complaint (as opposed to a column or a file).
    pub fn per_complaint(self) -> bool {
        !matches!(
            self,
            Rule::MissingColumn | Rule::UnmappedColumn | Rule::UnreadableValue
        )
    }
}

/// Complaints checked together on one thread.
const CHUNK: usize = 8_192;

/// All findings on a register: those made while reading and those of the rules, in the
/// order of the files and cells they point at.
///
/// The rules about one complaint run in parallel chunks; the rules that compare complaints
/// (duplicate numbers, repeats, possible duplicates) run beside them. The result is the same
/// as one pass in register order: each chunk keeps its findings in order, a column reported
/// once per file is kept from the first chunk that reports it, and the sort is stable.
pub fn check_all(ctx: &Context) -> Vec<Finding> {
    check_with_keys(
        ctx,
        &crate::register::keys::Keys::of(&ctx.register.complaints),
    )
}

/// [`check_all`] with the complaints' customer and job keys already made: `report` makes
/// them once for the rules and the figures.
pub fn check_with_keys(ctx: &Context, keys: &crate::register::keys::Keys) -> Vec<Finding> {
    use rayon::prelude::*;
    let complaints = &ctx.register.complaints;
    let ((chunks, ids), (repeats, duplicates)) = rayon::join(
        || {
            rayon::join(
                || {
                    complaints
                        .par_chunks(CHUNK)
                        .enumerate()
                        .map(|(k, chunk)| {
                            let mut out = Out::default();
                            for (j, c) in chunk.iter().enumerate() {
                                let i = k * CHUNK + j;
                                registration::complaint(ctx, i, c, &mut out);
                                procedure::complaint(ctx, i, c, &mut out);
                            }
                            out
                        })
                        .collect::<Vec<Out>>()
                },
                || registration::duplicate_ids(ctx),
            )
        },
        || {
            rayon::join(
                || procedure::repeats(ctx, keys),
                || procedure::possible_duplicates(ctx, keys),
            )
        },
    );
    let found = chunks.iter().map(|out| out.findings.len()).sum::<usize>();
    let mut all = Vec::with_capacity(
        ctx.register.findings.len() + ids.len() + found + repeats.len() + duplicates.len(),
    );
    all.extend_from_slice(&ctx.register.findings);
    all.extend(ids);
    let mut reported = FxHashSet::default();
    for out in chunks {
        for f in out.findings {
            // A once-per-file finding again from a later chunk.
            if f.complaint.is_none() && !reported.insert((f.file, f.rule)) {
                continue;
            }
            all.push(f);
        }
    }
    all.extend(repeats);
    all.extend(duplicates);
    all.retain(|f| ctx.config.enabled(f.rule));
    all.par_sort_by_key(|f| (f.file, f.at.map(|a| (a.row, a.col)), f.rule));
    all
}

/// Counts per severity and per rule code.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub error: u64,
    pub warning: u64,
    pub info: u64,
    pub by_rule: std::collections::BTreeMap<&'static str, u64>,
}

impl Counts {
    /// Counts `findings`.
    pub fn of<'a>(findings: impl IntoIterator<Item = &'a Finding>) -> Counts {
        let mut c = Counts::default();
        for f in findings {
            match f.severity {
                Severity::Error => c.error += 1,
                Severity::Warning => c.warning += 1,
                Severity::Info => c.info += 1,
            }
            *c.by_rule.entry(f.rule.code()).or_default() += 1;
        }
        c
    }
}
