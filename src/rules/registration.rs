//! The registration step: a complaint number, a date of receipt, a short description and the
//! employee who will handle it. (Rows without a date of receipt never become complaints: the
//! reader reports them.)

use super::{Context, Finding, Rule};
use crate::register::Field;
use std::collections::HashMap;

/// `missing-id`, `duplicate-id` (within one file: branches may number their own registers
/// from 1), `missing-description`, `missing-handler`. A file without a description or
/// handler column has a `missing-column` error already, so those are not repeated per row.
pub fn check(ctx: &Context, out: &mut Vec<Finding>) {
    let register = ctx.register;
    let mut first: HashMap<(u16, &str), usize> = HashMap::new();
    for (i, c) in register.complaints.iter().enumerate() {
        if c.id_derived {
            if !ctx.unreadable(c, Field::Id) {
                out.push(ctx.finding(i, Rule::MissingId, Field::Id, &c.id));
            }
        } else if let Some(&j) = first.get(&(c.file, c.id.as_str())) {
            // `j` is an earlier `i` of this enumeration.
            let earlier =
                register.address(&register.cell_or_row(&register.complaints[j], Field::Id));
            out.push(
                ctx.finding(i, Rule::DuplicateId, Field::Id, &c.id)
                    .detail(format!(" ({earlier})")),
            );
        } else {
            first.insert((c.file, c.id.as_str()), i);
        }
        for (rule, field, absent) in [
            (
                Rule::MissingDescription,
                Field::Description,
                c.description.is_none(),
            ),
            (Rule::MissingHandler, Field::Handler, c.handler.is_none()),
        ] {
            if absent && register.cell(c, field).is_some() && !ctx.unreadable(c, field) {
                out.push(ctx.finding(i, rule, field, ""));
            }
        }
    }
}
