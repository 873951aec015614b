//! Output: JSON, the terminal, findings files (and, with the report, the workbook and charts).

pub mod annotate;
pub mod cause_list;
pub mod charts;
pub mod findings_file;
pub mod json;
pub mod mapping;
pub mod output;
pub mod report;
pub mod template;
pub mod terminal;
pub mod workbook;
