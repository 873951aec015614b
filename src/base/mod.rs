//! The vocabulary every layer shares, at the bottom of the crate (docs/architecture.md): cell
//! locations, the day/month order of dates, the one folding of text into keys, and the rule
//! catalogue with its severities and procedure steps. Nothing here knows the register, the
//! configuration or a file format.

pub mod catalogue;
mod day_order;
pub mod first;
pub mod key;
pub mod location;
mod severity;

pub use catalogue::Rule;
pub use day_order::DayOrder;
pub use severity::{Severity, Step};
