//! Cells as the readers deliver them, before any field knows what they mean.

use chrono::NaiveDateTime;

/// One cell as read. CSV gives only `Text`; workbooks also give typed cells.
#[derive(Debug, Clone, PartialEq)]
pub enum Raw {
    Empty,
    Text(String),
    /// A plain number (possibly an Excel date serial in a date column).
    Number(f64),
    /// A cell Excel itself formats as a date or time.
    DateTime(NaiveDateTime),
    Bool(bool),
    /// An Excel error value such as `#N/A` or `#REF!`.
    Error(String),
}

impl Raw {
    /// The cell as the user sees it, for messages and the annotated copy.
    pub fn display(&self) -> String {
        match self {
            Raw::Empty => String::new(),
            Raw::Text(s) => s.clone(),
            Raw::Number(n) => format_number(*n),
            Raw::DateTime(d) => {
                if d.time() == chrono::NaiveTime::MIN {
                    d.format("%Y-%m-%d").to_string()
                } else {
                    d.format("%Y-%m-%d %H:%M:%S").to_string()
                }
            }
            Raw::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
            Raw::Error(e) => e.clone(),
        }
    }

    /// True for an empty cell or one holding only white space.
    pub fn is_empty(&self) -> bool {
        match self {
            Raw::Empty => true,
            Raw::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }
}

/// Whole numbers without a trailing `.0`, as a spreadsheet shows them.
pub fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}
