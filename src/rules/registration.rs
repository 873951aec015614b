//! The registration step: a complaint number, a date of receipt, a short description and the
//! employee who will handle it. (Rows without a date of receipt never become complaints: the
//! reader reports them.)

use super::{Context, Out};
use crate::base::Rule;
use crate::register::Finding;
use crate::register::{Complaint, Field};

/// `missing-id`, `missing-description`, `missing-handler` for complaint `i`. A file without a
/// description or handler column has a `missing-column` error already, so those are not
/// repeated per row.
pub fn complaint(ctx: &Context, i: usize, c: &Complaint, out: &mut Out) {
    if c.id_derived && !ctx.unreadable(c, Field::Id) {
        out.push(ctx.finding(i, Rule::MissingId, Field::Id, c.id.as_str()));
    }
    for (rule, field, absent) in [
        (
            Rule::MissingDescription,
            Field::Description,
            c.description.is_none(),
        ),
        (Rule::MissingHandler, Field::Handler, c.handler.is_none()),
    ] {
        if absent && ctx.cell(c, field).is_some() && !ctx.unreadable(c, field) {
            out.push(ctx.finding(i, rule, field, ""));
        }
    }
}

/// `duplicate-id`, within one file: branches may number their own registers from 1.
pub fn duplicate_ids(ctx: &Context) -> Vec<Finding> {
    use rayon::prelude::*;
    let register = ctx.register;
    let ids: Vec<Option<(u16, &str)>> = register
        .complaints
        .par_iter()
        .map(|c| (!c.id_derived).then_some((c.file, c.id.as_str())))
        .collect();
    let mut out = Vec::new();
    for (i, &j) in crate::base::first::first_equal(&ids).iter().enumerate() {
        if j == crate::base::first::NONE || j as usize == i {
            continue;
        }
        let earlier =
            register.address(&ctx.cell_or_row(&register.complaints[j as usize], Field::Id));
        out.push(
            ctx.finding(
                i,
                Rule::DuplicateId,
                Field::Id,
                register.complaints[i].id.as_str(),
            )
            .detail(format!(" ({earlier})")),
        );
    }
    out
}
