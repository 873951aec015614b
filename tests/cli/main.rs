//! Integration tests: run the `klacht` binary on the bundled sample data and on the real
//! registers in `../shared/registers/`. One test binary (polars makes each binary large).

mod check;
mod import;
mod parallel;
mod report;
mod util;
