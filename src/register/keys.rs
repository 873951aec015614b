//! Which complaints share a customer or a job: keys made from the customer number (else the
//! name) and the job reference, numbered so that equal keys get equal numbers. The rules
//! (`repeat-complaint`, `possible-duplicate`) and the figures (customers with a repeat) count
//! by the same numbers.

use crate::base::first;
use crate::base::key::push_key;
use crate::register::{Complaint, Text};

/// The customer a complaint comes from: the customer number, else the normalised name.
pub fn customer_key(c: &Complaint) -> Option<Text> {
    match (&c.customer_id, &c.customer) {
        (Some(id), _) => key_text("#", id),
        (None, Some(name)) => key_text("", name),
        _ => None,
    }
}

/// `prefix` and the normalised key of `s`, unless that is empty; a compact text, so that
/// a short key costs no allocation.
fn key_text(prefix: &str, s: &str) -> Option<Text> {
    let mut key = Text::from(prefix);
    push_key(&mut key, s);
    (!key.is_empty()).then_some(key)
}

/// No key: no customer, or no job reference (or not asked for).
pub const NO_KEY: u32 = first::NONE;

/// The customer key ([`customer_key`]) and the normalised job reference of every complaint,
/// as numbers: equal numbers for equal keys.
pub struct Keys {
    customer: Vec<u32>,
    job: Vec<u32>,
}

impl Keys {
    /// The keys of `complaints`, in their order.
    pub fn of(complaints: &[Complaint]) -> Keys {
        let (customer, job) = rayon::join(
            || customer_numbers(complaints, |_| true),
            || intern(complaints, |c| key_text("", c.job_ref.as_deref()?)),
        );
        Keys { customer, job }
    }

    /// The customer number of every complaint ([`customer_numbers`] of all of them).
    pub fn customers(&self) -> &[u32] {
        &self.customer
    }

    /// The number of every complaint's normalised job reference.
    pub fn jobs(&self) -> &[u32] {
        &self.job
    }
}

/// The customer key ([`customer_key`]) of each complaint that is `wanted`, as a number: equal
/// numbers for equal keys, [`NO_KEY`] for a complaint without one or not wanted.
pub fn customer_numbers(
    complaints: &[Complaint],
    wanted: impl Fn(&Complaint) -> bool + Sync,
) -> Vec<u32> {
    intern(complaints, |c| wanted(c).then(|| customer_key(c)).flatten())
}

/// Numbers equal keys alike, in order of first sight; the keys are made on every core.
fn intern(complaints: &[Complaint], key: impl Fn(&Complaint) -> Option<Text> + Sync) -> Vec<u32> {
    use rayon::prelude::*;
    let keys: Vec<Option<Text>> = complaints.par_iter().map(&key).collect();
    first::numbered(&keys)
}
