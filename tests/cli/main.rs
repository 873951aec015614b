//! Integration tests: run the `klacht` binary on the bundled sample data and on the real
//! registers in `../shared/registers/`. One test binary (polars makes each binary large).

mod annotate;
mod causes;
mod check;
mod corpus;
mod cost;
mod export;
mod figures;
mod foreign;
mod import;
mod injection;
mod mapping;
mod page;
mod parallel;
mod report;
mod rules;
mod settings;
mod sheets;
mod signals;
mod suggest_causes;
mod template;
mod terminal;
mod u_chart;
mod uitleg;
mod util;
mod volume;
