//! Output: JSON, the terminal, findings files (and, with the report, the workbook and charts).

pub mod annotate;
pub mod findings_file;
pub mod json;
pub mod output;

pub mod template;
pub mod terminal;
