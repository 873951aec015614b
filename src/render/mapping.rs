//! `klacht check --suggest-mapping`: a `klacht.toml` skeleton for a register whose headers or
//! values the tool does not all know, written from a [`Survey`] of the file.
//!
//! Every field gets a line under `[columns]`: the header detection chose, or, commented out,
//! the unmapped headers whose values fit the field. Every field with fixed values that has a
//! column gets a `[values.…]` table listing the distinct values found: those the built-in
//! reading understands as comments, the others as `"Value" = ""` for the user to fill in. Once
//! filled in, the text is a configuration that `Config::from_toml_str` accepts. Texts from the
//! file appear only as quoted TOML strings, so no cell can break the file.

use crate::base::key::key_chars;
use crate::base::DayOrder;
use crate::config::{quote, vocabulary, Config};
use crate::ingest::header;
use crate::ingest::survey::{reading, ColumnStats, Survey};
use crate::ingest::value::OrderEvidence;
use crate::ingest::Raw;
use crate::messages::fill;
use crate::register::{Column, MatchKind};
use crate::register::{Field, FieldKind, Need};
use crate::Lang;
use std::fmt::Write;

/// Writes one line (`w!(out)` an empty one) to a String, which cannot fail.
macro_rules! w {
    ($out:expr) => {
        $out.push('\n')
    };
    ($out:expr, $($arg:tt)*) => {{
        let _ = writeln!($out, $($arg)*);
    }};
}

/// Distinct values listed per `[values.…]` table; the rest are counted in a comment.
pub const SHOWN_VALUES: usize = 50;
/// Candidate headers named for a field without a column.
const SHOWN_CANDIDATES: usize = 6;
/// Example values are cut to this many characters.
const EXAMPLE_CHARS: usize = 40;

/// The skeleton for the surveyed file, comments in `lang`. `config` is the configuration in
/// force: its `[columns]` and `[values]` are kept, so the suggestion can be refined by running
/// it again with `--config`.
pub fn suggestion(survey: &Survey, config: &Config, lang: Lang) -> String {
    let mut out = String::new();
    let columns: Vec<(&Column, &ColumnStats)> = survey.columns.iter().zip(&survey.stats).collect();
    heading(&mut out, survey, lang);
    dates(&mut out, &columns, config, lang);
    columns_table(&mut out, &columns, survey.rows == 0, config, lang);
    values_tables(&mut out, &columns, config, lang);
    out
}

/// What was read and what to do with the text.
fn heading(out: &mut String, survey: &Survey, lang: Lang) {
    let name = survey
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut source = quote(&name);
    if let Some(sheet) = &survey.sheet {
        let _ = write!(source, " ({} {})", lang.pick("blad", "sheet"), quote(sheet));
    }
    w!(
        out,
        "# {}",
        fill(
            lang.pick(
                "klacht.toml voorgesteld door klacht check --suggest-mapping voor {source}.",
                "klacht.toml suggested by klacht check --suggest-mapping for {source}."
            ),
            &[("source", &source)]
        )
    );
    let row = (survey.header_row + 1).to_string();
    let header_line = if survey.fallback {
        lang.pick(
            "Geen kopregel herkend: rij {row}, de eerste rij met twee of meer ingevulde cellen, is als kopregel genomen. Klopt dat niet, verwijder dan de rijen erboven of geef de kolommen hieronder zelf op.",
            "No header row recognised: row {row}, the first row with two or more filled cells, was taken as the header. If that is wrong, delete the rows above it or name the columns below yourself.",
        )
    } else {
        lang.pick("Kopregel in rij {row}.", "Header row in row {row}.")
    };
    w!(out, "# {}", fill(header_line, &[("row", &row)]));
    w!(
        out,
        "# {}",
        fill(
            lang.pick(
                "{rows} rijen met gegevens onder de kopregel.",
                "{rows} rows with data below the header."
            ),
            &[("rows", &survey.rows.to_string())]
        )
    );
    w!(
        out,
        "# {}",
        lang.pick(
            "Vul elke lege waarde (\"\") in met een van de genoemde sleutels, haal een # weg waar een voorstel klopt, en gebruik het bestand met --config BESTAND (of sla het op als klacht.toml).",
            "Fill in every empty value (\"\") with one of the keys named, remove the # where a suggestion is right, and use the file with --config FILE (or save it as klacht.toml)."
        )
    );
    w!(out);
    w!(out, "lang = {}", quote(lang.pick("nl", "en")));
}

/// The day/month order each date column shows, and `date_order`.
fn dates(out: &mut String, columns: &[(&Column, &ColumnStats)], config: &Config, lang: Lang) {
    let dated: Vec<(&Column, &ColumnStats)> = columns
        .iter()
        .copied()
        .filter(|(c, s)| match c.field {
            Some(f) => f.kind() == FieldKind::Date,
            None => !c.header.is_empty() && s.is_dates(),
        })
        .collect();
    if !dated.is_empty() {
        w!(out);
        w!(
            out,
            "# {}",
            lang.pick(
                "Datumkolommen en de dag/maand-volgorde die hun waarden tonen:",
                "Date columns and the day/month order their values show:"
            )
        );
        for (c, s) in &dated {
            let field = c.field.map(|f| format!(" ({f})")).unwrap_or_default();
            w!(
                out,
                "#   {}{field}: {}",
                quote(&c.header),
                order_text(s, lang)
            );
        }
    }
    let all = OrderEvidence {
        day_first: dated.iter().map(|(_, s)| s.order.day_first).sum(),
        month_first: dated.iter().map(|(_, s)| s.order.month_first).sum(),
        us_clock: dated.iter().map(|(_, s)| s.order.us_clock).sum(),
    };
    match all.order() {
        Some(order) => w!(
            out,
            "date_order = {}   # {}",
            quote(order.key()),
            lang.pick(
                "voor waarden die in beide volgordes passen, zoals 03-04-2026",
                "for values that fit both orders, such as 03-04-2026"
            )
        ),
        None if config.date_order != DayOrder::default() => {
            w!(out, "date_order = {}", quote(config.date_order.key()))
        }
        None => w!(
            out,
            "# date_order = {}   # {}",
            quote(config.date_order.key()),
            lang.pick(
                "de waarden wijzen geen volgorde aan (of beide)",
                "the values settle no order (or both)"
            )
        ),
    }
}

/// `[columns]`: per field the header found, or the candidates; then the columns left over.
fn columns_table(
    out: &mut String,
    columns: &[(&Column, &ColumnStats)],
    no_data: bool,
    config: &Config,
    lang: Lang,
) {
    let unmapped: Vec<(&Column, &ColumnStats)> = columns
        .iter()
        .copied()
        .filter(|(c, _)| c.field.is_none() && !c.header.is_empty())
        .collect();
    w!(out);
    w!(out, "[columns]");
    w!(
        out,
        "# {}",
        lang.pick(
            "Gevonden kolommen; hoort een kolom niet bij dat veld, schrijf dan veld = [] (geen kolom). Een veld zonder kolom staat uitgecommentarieerd, met de kolommen die ervoor in aanmerking komen.",
            "Columns found; if a column does not hold that field, write field = [] (no column). A field without a column is commented out, with the columns that could hold it."
        )
    );
    for &field in Field::ALL {
        if let Some((c, _)) = columns.iter().find(|(c, _)| c.field == Some(field)) {
            let loose = matches!(c.how, Some(MatchKind::Prefix | MatchKind::Contains));
            let note = if loose {
                lang.pick(
                    "   # herkend aan een deel van de kop",
                    "   # recognised by part of the header",
                )
            } else {
                ""
            };
            w!(out, "{} = {}{note}", field.key(), quote(&c.header));
            continue;
        }
        if config.columns.get(&field).is_some_and(|h| h.is_empty()) {
            w!(
                out,
                "{} = []   # {}",
                field.key(),
                lang.pick(
                    "geen kolom (uit de configuratie)",
                    "no column (from the configuration)"
                )
            );
            continue;
        }
        let found = candidates(field, &unmapped, no_data);
        let mut note = String::new();
        if field.need() == Need::Required {
            note.push_str(lang.pick("VERPLICHT; ", "REQUIRED; "));
        }
        if found.is_empty() {
            note.push_str(lang.pick("geen kandidaten", "no candidates"));
        } else {
            note.push_str(lang.pick("kandidaten: ", "candidates: "));
            let names: Vec<String> = found
                .iter()
                .take(SHOWN_CANDIDATES)
                .map(|c| quote(&c.header))
                .collect();
            note.push_str(&names.join(", "));
            if found.len() > SHOWN_CANDIDATES {
                note.push_str(", …");
            }
        }
        w!(out, "# {} = \"\"   # {note}", field.key());
    }
    if !unmapped.is_empty() {
        w!(
            out,
            "# {}",
            lang.pick(
                "Kolommen zonder veld (een voorbeeldwaarde; wat ze bevatten):",
                "Columns without a field (an example value; what they hold):"
            )
        );
        for (c, s) in &unmapped {
            w!(out, "#   {} — {}", quote(&c.header), shape(s, lang));
        }
    }
}

/// `[values.…]` for every field with fixed values that has a column.
fn values_tables(
    out: &mut String,
    columns: &[(&Column, &ColumnStats)],
    config: &Config,
    lang: Lang,
) {
    for &field in Field::ALL {
        let Some(keys) = vocabulary(field.kind()) else {
            continue;
        };
        let Some((c, s)) = columns.iter().find(|(c, _)| c.field == Some(field)) else {
            continue;
        };
        let allowed = keys.join(", ");
        w!(out);
        w!(out, "[values.{}]", field.key());
        w!(
            out,
            "# {}",
            fill(
                lang.pick(
                    "Kolom {header}: {filled} ingevulde cellen, {distinct} verschillende waarden. Sleutels: {allowed}.",
                    "Column {header}: {filled} filled cells, {distinct} distinct values. Keys: {allowed}."
                ),
                &[
                    ("header", &quote(&c.header)),
                    ("filled", &s.filled.to_string()),
                    ("distinct", &distinct_count(s)),
                    ("allowed", &allowed),
                ]
            )
        );
        for d in s.values.iter().take(SHOWN_VALUES) {
            let n = format!("{}×", d.count);
            let configured = match &d.raw {
                Raw::Text(text) | Raw::Error(text) => config.map_value(field, text),
                _ => None,
            };
            match (&d.raw, configured, reading(field.kind(), &d.raw)) {
                (Raw::Text(text) | Raw::Error(text), Some(to), _) => w!(
                    out,
                    "{} = {}   # {n}, {}",
                    quote(text.trim()),
                    quote(to),
                    lang.pick("uit de configuratie", "from the configuration")
                ),
                (raw, None, Ok(Some(key))) => w!(
                    out,
                    "# {} = {}   # {n}, {}",
                    quote(raw.display().trim()),
                    quote(&key),
                    lang.pick("al begrepen", "already understood")
                ),
                (Raw::Text(text) | Raw::Error(text), None, _)
                    if key_chars(text).next().is_none() =>
                {
                    w!(
                        out,
                        "# {}   # {n}; {}",
                        quote(text.trim()),
                        lang.pick(
                            "zonder letters of cijfers: niet te vertalen, verbeter de cellen",
                            "no letters or digits: cannot be mapped, correct the cells"
                        )
                    )
                }
                (Raw::Text(text) | Raw::Error(text), None, _) => w!(
                    out,
                    "{} = \"\"   # {n}; {} {allowed}",
                    quote(text.trim()),
                    lang.pick("een van:", "one of:")
                ),
                (raw, _, _) => w!(
                    out,
                    "# {}   # {n}; {}",
                    quote(&raw.display()),
                    lang.pick(
                        "geen tekst: alleen tekst wordt vertaald, verbeter de cellen",
                        "not text: only text is mapped, correct the cells"
                    )
                ),
            }
        }
        let hidden: u64 = s.values.iter().skip(SHOWN_VALUES).map(|d| d.count).sum();
        let rest = s.values.len().saturating_sub(SHOWN_VALUES);
        if rest > 0 || s.untracked > 0 {
            w!(
        out,
                "# {}",
                fill(
                    lang.pick(
                        "… en nog {values} waarden in {cells} cellen, niet getoond; vertaal ze op dezelfde manier.",
                        "… and {values} more values in {cells} cells, not shown; map them the same way."
                    ),
                    &[
                        (
                            "values",
                            &if s.untracked > 0 {
                                format!("{}{rest}", lang.pick("meer dan ", "over "))
                            } else {
                                rest.to_string()
                            }
                        ),
                        ("cells", &(hidden + s.untracked).to_string()),
                    ]
                )
            );
        }
    }
}

/// The headers of `survey`'s columns without a field that could hold `field`, best first: the
/// candidates the suggestion names, for the check summary of a file that lacks a column.
pub fn candidate_headers(survey: &Survey, field: Field) -> Vec<String> {
    let unmapped: Vec<(&Column, &ColumnStats)> = (survey.columns.iter().zip(&survey.stats))
        .filter(|(c, _)| c.field.is_none() && !c.header.is_empty())
        .collect();
    candidates(field, &unmapped, survey.rows == 0)
        .into_iter()
        .map(|c| c.header.clone())
        .collect()
}

/// The unmapped columns whose values fit `field`, best first: headers whose words name the
/// field before the others ([`header::naming`]: `open_dt` before `target_dt` for the date of
/// receipt), then those with more values the field reads. In a file without data rows every
/// unmapped column is a candidate.
fn candidates<'a>(
    field: Field,
    unmapped: &[(&'a Column, &'a ColumnStats)],
    no_data: bool,
) -> Vec<&'a Column> {
    if no_data {
        return unmapped.iter().map(|(c, _)| *c).collect();
    }
    let kind = field.kind();
    let mut fit: Vec<(&Column, u32, u64)> = unmapped
        .iter()
        .filter(|(_, s)| s.filled > 0)
        .filter_map(|&(c, s)| {
            let score = if vocabulary(kind).is_some() {
                s.readable_as(kind)
            } else {
                0
            };
            let naming = header::naming(&c.header, field);
            let ok = match kind {
                FieldKind::Date => s.is_dates(),
                FieldKind::Money => s.is_numbers(),
                // Numbers are text of a field whose header names it (`case_enquiry_id`).
                FieldKind::Text => !s.is_dates() && (!s.is_numbers() || naming > 0),
                // A column of numbers holds fixed values only where they read as the field's
                // (urgency 3), not zip codes or coordinates.
                _ => {
                    !s.is_dates()
                        && (!s.is_numbers() || score > 0)
                        && s.untracked == 0
                        && s.values.len() <= SHOWN_VALUES
                }
            };
            ok.then_some((c, naming, score))
        })
        .collect();
    // Stable: equal scores keep the columns' order.
    fit.sort_by_key(|f| (std::cmp::Reverse(f.1), std::cmp::Reverse(f.2)));
    fit.into_iter().map(|(c, _, _)| c).collect()
}

/// The day/month order a date column's values show, for people.
fn order_text(s: &ColumnStats, lang: Lang) -> String {
    let e = &s.order;
    let args = [
        ("day", e.day_first.to_string()),
        ("month", e.month_first.to_string()),
        ("clock", e.us_clock.to_string()),
    ];
    let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let text = match e.order() {
        Some(DayOrder::MonthFirst) if e.month_first == 0 => lang.pick(
            "maand eerst ({clock} waarden hebben een tijd met AM/PM, zoals in de VS)",
            "month first ({clock} values have a time with AM/PM, the US way)",
        ),
        Some(DayOrder::DayFirst) => lang.pick(
            "dag eerst ({day} waarden kunnen alleen zo gelezen worden, zoals 13-02-2026)",
            "day first ({day} values can only be read that way, such as 13-02-2026)",
        ),
        Some(DayOrder::MonthFirst) => lang.pick(
            "maand eerst ({month} waarden kunnen alleen zo gelezen worden, zoals 02-13-2026)",
            "month first ({month} values can only be read that way, such as 02-13-2026)",
        ),
        None if s.dates == 0 => lang.pick("leeg", "empty"),
        None if e.day_first > 0 => lang.pick(
            "gemengd: {day} waarden alleen dag eerst, {month} alleen maand eerst; de overige volgen date_order",
            "mixed: {day} values only day first, {month} only month first; the others follow date_order",
        ),
        None => lang.pick(
            "geen aanwijzing: elke waarde is ondubbelzinnig geschreven of past in beide volgordes",
            "no evidence: every value is unambiguous as written or fits both orders",
        ),
    };
    fill(text, &args)
}

/// What an unmapped column holds: an example and its kind of values.
fn shape(s: &ColumnStats, lang: Lang) -> String {
    let Some(first) = s.values.first() else {
        return lang.pick("leeg", "empty").to_string();
    };
    let mut example: String = first
        .raw
        .display()
        .trim()
        .chars()
        .take(EXAMPLE_CHARS)
        .collect();
    if first.raw.display().trim().chars().count() > EXAMPLE_CHARS {
        example.push('…');
    }
    let kind = if s.is_dates() {
        lang.pick("datums", "dates").to_string()
    } else if s.is_numbers() {
        lang.pick("getallen", "numbers").to_string()
    } else {
        fill(
            lang.pick("{n} verschillende waarden", "{n} distinct values"),
            &[("n", &distinct_count(s))],
        )
    };
    format!("{}; {kind}", quote(&example))
}

/// The number of distinct values, or "over N" when the count stopped at the limit.
fn distinct_count(s: &ColumnStats) -> String {
    if s.untracked > 0 {
        format!("> {}", s.values.len())
    } else {
        s.values.len().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn column(col: u32, header: &str, field: Option<Field>) -> Column {
        Column {
            col,
            header: header.to_string(),
            field,
            how: field.map(|_| MatchKind::Exact),
        }
    }

    fn stats(values: &[(&str, u64)]) -> ColumnStats {
        let mut s = ColumnStats::default();
        for &(v, n) in values {
            for _ in 0..n {
                s.add(&Raw::Text(v.to_string()), false);
            }
        }
        s
    }

    fn survey(columns: Vec<Column>, stats: Vec<ColumnStats>) -> Survey {
        Survey {
            path: PathBuf::from("r.csv"),
            sheet: None,
            header_row: 0,
            fallback: false,
            columns,
            stats,
            rows: 10,
        }
    }

    /// Fills every `""` placeholder with the first allowed key of its table.
    fn filled(text: &str) -> String {
        let mut table_keys: Vec<&str> = Vec::new();
        let mut out = String::new();
        for line in text.lines() {
            if let Some(field) = line
                .strip_prefix("[values.")
                .and_then(|l| l.strip_suffix(']'))
            {
                let kind = Field::from_key(field).unwrap().kind();
                table_keys = vocabulary(kind).unwrap();
            }
            if !line.starts_with('#') && line.contains("= \"\"") {
                out.push_str(&line.replacen("= \"\"", &format!("= {}", quote(table_keys[0])), 1));
            } else {
                out.push_str(line);
            }
            out.push('\n');
        }
        out
    }

    #[test]
    fn unknown_values_become_placeholders_and_known_ones_comments() {
        let s = survey(
            vec![
                column(0, "Date received", Some(Field::ReceivedDate)),
                column(1, "Submitted via", Some(Field::Channel)),
                column(2, "Company", None),
            ],
            vec![
                stats(&[("7/29/2013", 2), ("7/30/2013", 1)]),
                stats(&[
                    ("Web", 5),
                    ("Referral", 3),
                    ("Phone", 2),
                    ("\"Quoted\"\nline", 1),
                ]),
                stats(&[("Wells Fargo", 3)]),
            ],
        );
        let text = suggestion(&s, &Config::default(), Lang::En);
        assert!(text.contains("received_date = \"Date received\""), "{text}");
        assert!(
            text.contains("# \"Web\" = \"web\"   # 5×, already understood"),
            "{text}"
        );
        assert!(
            text.contains("\"Referral\" = \"\"   # 3×; one of: letter, fax, email, phone, in_person, web, other"),
            "{text}"
        );
        assert!(
            text.contains("\"\\\"Quoted\\\"\\nline\" = \"\""),
            "cell texts are escaped: {text}"
        );
        assert!(
            text.contains("# handler = \"\"   # REQUIRED; candidates: \"Company\""),
            "{text}"
        );
        // Unfilled, the placeholders are refused; filled, the text is a configuration.
        assert!(Config::from_toml_str(&text, "s.toml".as_ref()).is_err());
        let config = Config::from_toml_str(&filled(&text), "s.toml".as_ref()).unwrap();
        assert_eq!(config.map_value(Field::Channel, "referral"), Some("letter"));
        assert_eq!(
            config.map_value(Field::Channel, "Web"),
            None,
            "understood: not mapped"
        );
        assert_eq!(config.columns[&Field::ReceivedDate], vec!["Date received"]);
        assert_eq!(config.lang, Lang::En);
    }

    #[test]
    fn dates_show_their_order_and_settle_date_order() {
        let s = survey(
            vec![
                column(0, "Datum", Some(Field::ReceivedDate)),
                column(1, "Gesloten", None),
            ],
            vec![
                stats(&[("05/13/2022", 1), ("05/01/2022", 1)]),
                stats(&[("2022-05-14", 2)]),
            ],
        );
        let text = suggestion(&s, &Config::default(), Lang::Nl);
        assert!(
            text.contains("\"Datum\" (received_date): maand eerst (1 waarden"),
            "{text}"
        );
        assert!(text.contains("\"Gesloten\": geen aanwijzing"), "{text}");
        assert!(text.contains("\ndate_order = \"month-first\""), "{text}");
        assert!(
            text.contains("# closed_date = \"\"   # kandidaten: \"Gesloten\""),
            "{text}"
        );
        let config = Config::from_toml_str(&text, "s.toml".as_ref()).unwrap();
        assert_eq!(config.date_order, DayOrder::MonthFirst);
    }

    #[test]
    fn the_configuration_in_force_is_kept() {
        let config = Config::from_toml_str(
            "[columns]\nnature = []\n[values.status]\nSolved = \"closed\"\nPending = \"in_progress\"\n",
            "k.toml".as_ref(),
        )
        .unwrap();
        let s = survey(
            vec![column(0, "Status", Some(Field::Status))],
            vec![stats(&[("Solved", 4), ("Open", 2)])],
        );
        let text = suggestion(&s, &config, Lang::En);
        assert!(text.contains("nature = []"), "{text}");
        assert!(
            text.contains("\"Solved\" = \"closed\"   # 4×, from the configuration"),
            "{text}"
        );
        let again = Config::from_toml_str(&text, "s.toml".as_ref()).unwrap();
        assert_eq!(again.map_value(Field::Status, "solved"), Some("closed"));
        assert_eq!(again.columns[&Field::Nature], Vec::<String>::new());
    }

    #[test]
    fn long_value_lists_are_cut_with_a_count() {
        let many: Vec<(String, u64)> = (0..SHOWN_VALUES + 3)
            .map(|i| (format!("soort {i}"), 1))
            .collect();
        let many: Vec<(&str, u64)> = many.iter().map(|(s, n)| (s.as_str(), *n)).collect();
        let s = survey(
            vec![column(0, "Kanaal", Some(Field::Channel))],
            vec![stats(&many)],
        );
        let text = suggestion(&s, &Config::default(), Lang::Nl);
        let listed = text.lines().filter(|l| l.starts_with("\"soort ")).count();
        assert_eq!(listed, SHOWN_VALUES);
        assert!(text.contains("… en nog 3 waarden in 3 cellen"), "{text}");
    }
}
