//! `klacht` reads a complaint register (*klachtenregister*) as Dutch installation companies
//! keep it, checks every complaint against the NVKL complaint procedure, and writes the
//! periodic management report.
//!
//! The modules follow the pipeline: [`ingest`] (files to raw cells and typed values) →
//! [`register`] (the complaint model) → [`rules`] and [`calendar`] (the procedure) →
//! [`metrics`] (figures) → [`render`] (workbook, charts, JSON, terminal), with [`cli`] on top.

pub mod base;
pub mod calendar;
pub mod cli;
pub mod cmd;
pub mod config;
pub mod error;
pub mod ingest;
pub mod lang;
#[cfg(test)]
mod layers;
pub mod messages;
pub mod metrics;
pub mod progress;
pub mod register;
pub mod render;
pub mod rules;
pub mod sample;
#[cfg(test)]
mod testkit;

pub use error::{Error, Result};
pub use lang::Lang;
