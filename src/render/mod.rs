//! Output: JSON, the terminal, findings files (and, with the report, the workbook, the charts
//! and the management-review page; with `export`, the tables for analysis elsewhere).

pub mod annotate;
pub mod cause_list;
pub mod charts;
pub mod explain;
pub mod export;
pub mod findings_file;
pub mod glossary;
pub mod json;
pub mod mapping;
pub mod output;
pub mod page;
pub mod report;
pub mod template;
pub mod terminal;
pub mod text;
pub mod workbook;
