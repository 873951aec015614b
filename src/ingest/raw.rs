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

/// A cell borrowed from where the reader keeps it (a workbook row, or the CSV parser's record
/// buffer): what the value parsers read, so that a cell that becomes a date or a category
/// never becomes a `String` of its own. A million-row register has twenty-odd million cells.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum RawRef<'a> {
    Empty,
    Text(&'a str),
    Number(f64),
    DateTime(NaiveDateTime),
    Bool(bool),
    Error(&'a str),
}

impl Raw {
    /// The cell as the user sees it, for messages and the annotated copy.
    pub fn display(&self) -> String {
        RawRef::from(self).display()
    }

    /// True for an empty cell or one holding only white space.
    pub fn is_empty(&self) -> bool {
        RawRef::from(self).is_empty()
    }
}

impl<'a> From<&'a Raw> for RawRef<'a> {
    fn from(raw: &'a Raw) -> RawRef<'a> {
        match raw {
            Raw::Empty => RawRef::Empty,
            Raw::Text(s) => RawRef::Text(s),
            Raw::Number(n) => RawRef::Number(*n),
            Raw::DateTime(d) => RawRef::DateTime(*d),
            Raw::Bool(b) => RawRef::Bool(*b),
            Raw::Error(e) => RawRef::Error(e),
        }
    }
}

impl From<RawRef<'_>> for Raw {
    fn from(raw: RawRef<'_>) -> Raw {
        match raw {
            RawRef::Empty => Raw::Empty,
            RawRef::Text(s) => Raw::Text(s.to_string()),
            RawRef::Number(n) => Raw::Number(n),
            RawRef::DateTime(d) => Raw::DateTime(d),
            RawRef::Bool(b) => Raw::Bool(b),
            RawRef::Error(e) => Raw::Error(e.to_string()),
        }
    }
}

impl RawRef<'_> {
    /// The cell as the user sees it (see [`Raw::display`]).
    pub fn display(self) -> String {
        match self {
            RawRef::Empty => String::new(),
            RawRef::Text(s) | RawRef::Error(s) => s.to_string(),
            RawRef::Number(n) => format_number(n),
            RawRef::DateTime(d) => {
                if d.time() == chrono::NaiveTime::MIN {
                    d.format("%Y-%m-%d").to_string()
                } else {
                    d.format("%Y-%m-%d %H:%M:%S").to_string()
                }
            }
            RawRef::Bool(b) => if b { "TRUE" } else { "FALSE" }.to_string(),
        }
    }

    /// True for an empty cell or one holding only white space.
    pub fn is_empty(self) -> bool {
        match self {
            RawRef::Empty => true,
            RawRef::Text(s) => s.trim().is_empty(),
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
