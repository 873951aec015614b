//! `klacht` reads a complaint register (*klachtenregister*) as Dutch installation companies
//! keep it, checks every complaint against the NVKL complaint procedure, and writes the
//! periodic management report.
//!
//! The modules are layers that import only downward (docs/architecture.md, checked by the
//! layer test): [`base`] (the shared vocabulary) → [`calendar`] → [`register`] (the complaint
//! model) → [`config`] → [`ingest`] (files to the register) → [`rules`] (findings) →
//! [`metrics`] (figures) → [`render`] (workbook, charts, JSON, terminal) → [`cmd`] → [`cli`].

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
