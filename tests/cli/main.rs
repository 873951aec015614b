//! Integration tests: run the `klacht` binary on the bundled sample data and on the real
//! registers in `../shared/registers/`. One test binary (polars makes each binary large).

mod check;
mod foreign;
mod import;
mod report;
mod rules;
mod settings;
mod terminal;
mod util;
