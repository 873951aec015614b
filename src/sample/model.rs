//! The generated complaint: one [`Row`] per complaint, produced in order of receipt by the
//! [`Generator`]. Rows hold small indices into the word tables of [`content`], never strings,
//! so a million of them cost nothing but the writing.

use super::content::{self, CAUSES, COORDINATOR, DIRECTOR, KAM};
use super::rng::{mix, Rng};
use super::{PlantedCounts, WrittenCause};
use crate::register::{Channel, HandlingMode, Justified, Nature, Status, Urgency};
use chrono::{Datelike, Days, NaiveDate, Weekday};

/// How often each procedure gap is planted, per mille of the rows where it can occur.
pub(crate) struct GapRates {
    pub missing_urgency: u32,
    pub missing_handler: u32,
    pub missing_channel: u32,
    pub missing_nature: u32,
    /// Among categories 3–8.
    pub missing_assessment: u32,
    pub missing_ack: u32,
    pub late_ack: u32,
    /// Among categories 1–2: answered by conversation instead of in writing.
    pub legal_conversation: u32,
    /// Among category 7: ticked as technical.
    pub nature_conflict: u32,
    /// Among closed complaints.
    pub status_conflict: u32,
    pub closed_without_cause: u32,
    pub closed_without_solution: u32,
}

/// The clean sample: a well-kept register with a few gaps.
pub(crate) const CLEAN: GapRates = GapRates {
    missing_urgency: 30,
    missing_handler: 4,
    missing_channel: 5,
    missing_nature: 5,
    missing_assessment: 10,
    missing_ack: 25,
    late_ack: 60,
    legal_conversation: 80,
    nature_conflict: 15,
    status_conflict: 4,
    closed_without_cause: 15,
    closed_without_solution: 8,
};

/// The demo register: kept by hand, so gaps are commoner.
pub(crate) const DEMO: GapRates = GapRates {
    missing_urgency: 50,
    missing_handler: 12,
    missing_channel: 15,
    missing_nature: 15,
    missing_assessment: 30,
    missing_ack: 50,
    late_ack: 80,
    legal_conversation: 250,
    nature_conflict: 40,
    status_conflict: 12,
    closed_without_cause: 40,
    closed_without_solution: 15,
};

/// The note column.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Note {
    None,
    /// An entry of [`content::NOTES`].
    Fixed(u8),
    /// "Eerder gemeld onder" the complaint with this id.
    Earlier {
        year: i32,
        seq: u32,
    },
}

/// The solution column.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Solution {
    /// An entry of the cause's solutions.
    Cause(u8),
    /// An entry of the unjustified-complaint answers for the cause's nature.
    NotJustified(u8),
}

/// One generated complaint.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Row {
    /// The id is `{year}-{seq:03}`: numbered per year, as registers do.
    pub year: i32,
    pub seq: u32,
    pub received: NaiveDate,
    pub channel: Option<Channel>,
    /// A letter sent by registered mail (*aangetekend*).
    pub registered: bool,
    pub customer: u32,
    pub business: bool,
    pub job: Option<u32>,
    /// Index into [`CAUSES`].
    pub cause: u8,
    /// How the cause column writes it (see [`content::Cause::spelling`]).
    pub spelling: u8,
    /// Description parts: subject (cause subject or equipment), problem, suffix, urgency tail.
    pub subject: u8,
    pub problem: u8,
    pub suffix: u8,
    pub tail: u8,
    /// The category the complaint has, whether or not it was recorded.
    pub category: u8,
    pub urgency: Option<Urgency>,
    pub nature: Option<Nature>,
    /// Indices into [`content::STAFF`].
    pub handler: Option<u8>,
    pub contact: Option<u8>,
    pub assessor: Option<u8>,
    pub mode: Option<HandlingMode>,
    pub ack: Option<NaiveDate>,
    /// Acknowledged at least 4 working days late (late under any holiday calendar).
    pub ack_late: bool,
    pub department: u8,
    pub due: Option<NaiveDate>,
    pub cause_filled: bool,
    pub solution: Option<Solution>,
    pub closed: Option<NaiveDate>,
    pub status: Status,
    pub last_update: Option<NaiveDate>,
    pub justified: Option<Justified>,
    pub cost_cents: Option<u32>,
    /// The customer's score 1–5 for the handling, when asked and answered (closed only).
    pub satisfaction: Option<u8>,
    pub note: Note,
    /// The customer complained before, within the last 330 days.
    pub repeat: bool,
}

impl Row {
    pub(crate) fn cause(&self) -> &'static content::Cause {
        // `cause` is always drawn below CAUSES.len(); the fallback keeps this panic-free.
        CAUSES.get(usize::from(self.cause)).unwrap_or(&CAUSES[0])
    }

    /// The cause column: the cause as this complaint's handler wrote it, if filled in.
    pub(crate) fn cause_text(&self) -> Option<&'static str> {
        self.cause_filled
            .then(|| self.cause().spelling(self.spelling))
    }

    /// The cause written, with the cause it is, for the tests' truth.
    pub(crate) fn written_cause(&self) -> Option<WrittenCause> {
        let cause = self.cause();
        Some(WrittenCause {
            received: self.received,
            cause: usize::from(self.cause),
            name: cause.name,
            text: self.cause_text()?,
            synonym: cause.is_synonym(self.spelling),
        })
    }

    /// Closed by the register's evidence, as the validator sees it.
    pub(crate) fn is_closed(&self) -> bool {
        self.closed.is_some() || self.status == Status::Closed
    }

    /// `2025-007`.
    pub(crate) fn push_id(&self, out: &mut String) {
        push_id(out, self.year, self.seq);
    }

    /// The short description, one Dutch sentence.
    pub(crate) fn push_description(&self, out: &mut String) {
        let cause = self.cause();
        let subject = if cause.technical {
            at(content::equipment(cause, self.business), self.subject)
        } else {
            at(cause.subjects, self.subject)
        };
        out.push_str(subject);
        out.push(' ');
        out.push_str(at(cause.problems, self.problem));
        if cause.technical {
            out.push_str(at(&content::TECH_SUFFIXES, self.suffix));
        }
        let tails = content::URGENCY_TAILS
            .get(usize::from(self.category.saturating_sub(1)))
            .copied()
            .unwrap_or(&[]);
        out.push_str(at(tails, self.tail));
        out.push('.');
    }

    pub(crate) fn solution_text(&self) -> Option<&'static str> {
        match self.solution? {
            Solution::Cause(i) => Some(at(self.cause().solutions, i)),
            Solution::NotJustified(i) => Some(at(not_justified(self.cause()), i)),
        }
    }

    /// The remark, if any.
    pub(crate) fn push_note(&self, out: &mut String) {
        match self.note {
            Note::None => {}
            Note::Fixed(i) => out.push_str(at(&content::NOTES, i)),
            Note::Earlier { year, seq } => {
                out.push_str("Eerder gemeld onder ");
                push_id(out, year, seq);
            }
        }
    }

    /// `WB104233`.
    pub(crate) fn push_job(&self, out: &mut String) {
        if let Some(j) = self.job {
            out.push_str("WB");
            push_uint(out, u64::from(j), 6);
        }
    }
}

/// Answers to an unjustified complaint of `cause`'s nature.
fn not_justified(cause: &content::Cause) -> &'static [&'static str] {
    if cause.technical {
        &content::NOT_JUSTIFIED_TECH
    } else {
        &content::NOT_JUSTIFIED_NON_TECH
    }
}

/// The entry `i` of a word table; empty for an index outside it.
pub(crate) fn at(table: &[&'static str], i: u8) -> &'static str {
    table.get(usize::from(i)).copied().unwrap_or("")
}

/// Appends `n` in decimal, zero-padded to `width` digits (at most 20).
pub(crate) fn push_uint(out: &mut String, mut n: u64, width: usize) {
    let mut digits = [b'0'; 20];
    let mut start = digits.len();
    loop {
        start -= 1;
        digits[start] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    start = start.min(digits.len().saturating_sub(width));
    out.extend(digits[start..].iter().map(|&b| char::from(b)));
}

/// `dd-mm-yyyy`, the Dutch date as written in registers.
pub(crate) fn push_date(out: &mut String, d: NaiveDate) {
    push_uint(out, u64::from(d.day()), 2);
    out.push('-');
    push_uint(out, u64::from(d.month()), 2);
    out.push('-');
    push_uint(out, u64::try_from(d.year()).unwrap_or(0), 4);
}

/// A fictional customer name, fixed by the customer number and `salt`.
pub(crate) fn push_customer_name(out: &mut String, customer: u32, business: bool, salt: u64) {
    let h = mix(u64::from(customer) ^ salt);
    let pick = |table: &[&'static str], shift: u32| {
        let len = table.len().max(1) as u64;
        table
            .get(((h >> shift) % len) as usize)
            .copied()
            .unwrap_or("")
    };
    let initial = |shift: u32| {
        let i = ((h >> shift) % content::INITIALS.len() as u64) as usize;
        char::from(content::INITIALS.get(i).copied().unwrap_or(b'J'))
    };
    if business {
        out.push_str(pick(&content::BUSINESS_KINDS, 0));
        out.push(' ');
        if (h >> 20) & 1 == 0 {
            out.push_str(pick(&content::SURNAMES, 8));
        } else {
            out.push_str(pick(&content::BUSINESS_NAMES, 8));
        }
        out.push_str(pick(&content::LEGAL_FORMS, 40));
        return;
    }
    match (h >> 16) % 4 {
        0 => {
            out.push(initial(24));
            out.push_str(". ");
        }
        1 => out.push_str("Fam. "),
        2 => {
            out.push_str(pick(&content::FIRST_NAMES, 24));
            out.push(' ');
        }
        _ => {
            out.push(initial(24));
            out.push('.');
            out.push(initial(32));
            out.push_str(". ");
        }
    }
    out.push_str(pick(&content::SURNAMES, 8));
}

fn push_id(out: &mut String, year: i32, seq: u32) {
    push_uint(out, u64::try_from(year).unwrap_or(0), 4);
    out.push('-');
    push_uint(out, u64::from(seq), 3);
}

fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

/// The day after `d` (or `d` itself at the end of the calendar).
pub(crate) fn next_day(d: NaiveDate) -> NaiveDate {
    d.succ_opt().unwrap_or(d)
}

/// `n` weekdays (Monday–Friday) after `d`. Holidays are ignored here; the gaps that depend on
/// working days keep a margin that no holiday calendar can close.
pub(crate) fn add_weekdays(mut d: NaiveDate, n: u32) -> NaiveDate {
    let mut left = n;
    while left > 0 {
        let next = next_day(d);
        if next == d {
            break;
        }
        d = next;
        if !is_weekend(d) {
            left -= 1;
        }
    }
    d
}

/// Relative number of complaints per weekday, Monday first: phones ring on working days.
const WEEKDAY_WEIGHT: [u64; 7] = [24, 21, 20, 19, 16, 3, 1];
/// Relative number per month, January first: heating trouble in winter, airco in summer heat.
pub(crate) const MONTH_WEIGHT: [u64; 12] = [11, 10, 8, 8, 9, 13, 17, 15, 10, 8, 9, 11];

/// How many complaints day `d` gets relative to other days.
pub(crate) fn day_weight(d: NaiveDate) -> u64 {
    // Weekday 0–6 and month 0–11 index tables of seven and twelve.
    WEEKDAY_WEIGHT[d.weekday().num_days_from_monday() as usize] * MONTH_WEIGHT[d.month0() as usize]
}

/// Sets the spelling stream apart from the main one of the same seed.
const SPELLING_STREAM: u64 = 0x5350_454C_4C49_4E47;
/// Sets the satisfaction stream apart from the main one and the spelling one.
const SATISFACTION_STREAM: u64 = 0x5441_5445_4E52_4544;

/// Customers who answer the satisfaction question, per mille of the closed complaints.
const RESPONSE_SHARE: u32 = 450;
/// Score weights 1–5 after a justified, a partly justified and an unjustified complaint; a
/// long handling (more than four weeks) takes the next row.
const SCORE_WEIGHTS: [[u32; 5]; 3] = [
    [20, 40, 110, 420, 410],
    [50, 110, 260, 380, 200],
    [180, 250, 300, 190, 80],
];

/// Consumer customers: the rest are businesses.
const CONSUMER_SHARE: u32 = 600;
/// A complaint from a customer who complained before.
const REPEAT_SHARE: u32 = 120;
/// The furthest back a repeat complaint looks, in days (inside the validator's 365).
const REPEAT_WINDOW: i64 = 330;
/// Remembered complaints a repeat can refer to.
const RING: usize = 256;
/// The span, in days, the remembered complaints should cover however many rows there are.
const RING_SPAN_DAYS: u64 = 120;

/// Urgency category weights 1–8 for technical and non-technical complaints.
const TECH_URGENCY: [u32; 8] = [8, 30, 40, 150, 300, 380, 0, 90];
const NON_TECH_URGENCY: [u32; 8] = [3, 20, 70, 120, 0, 0, 730, 57];

#[derive(Clone, Copy)]
struct Recent {
    received: NaiveDate,
    customer: u32,
    business: bool,
    job: Option<u32>,
    cause: u8,
    year: i32,
    seq: u32,
}

/// Produces the complaints of a register in order of receipt.
pub(crate) struct Generator {
    rng: Rng,
    /// The cause's spelling comes from a stream of its own, one draw per row, so that the
    /// spellings leave every other field as it was before they were written several ways.
    spellings: Rng,
    /// Satisfaction scores come from a stream of their own for the same reason: the column
    /// came later, and every other field stays as it was.
    satisfaction: Rng,
    rates: &'static GapRates,
    start: NaiveDate,
    end: NaiveDate,
    /// Complaints still to come per day from `start`.
    per_day: Vec<u32>,
    day: usize,
    year: i32,
    seq: u32,
    next_customer: u32,
    next_job: u32,
    recent: Vec<Recent>,
    recent_pos: usize,
    /// A row is remembered when a random `u64` falls below this: a sample of the rows, so
    /// that the memory spans months even with a thousand complaints a day.
    remember_below: u64,
    /// Customers who complained again today: a second repeat the same day would look like a
    /// duplicate entry.
    today: NaiveDate,
    repeated_today: Vec<u32>,
    cause_weights: [[u32; CAUSES.len()]; 12],
    /// The gaps planted so far.
    pub counts: PlantedCounts,
}

impl Generator {
    /// `rows` complaints received in `[start, end]` (the caller checks `start <= end`).
    pub(crate) fn new(
        rows: usize,
        seed: u64,
        start: NaiveDate,
        end: NaiveDate,
        rates: &'static GapRates,
    ) -> Generator {
        let mut rng = Rng::new(seed);
        let span = usize::try_from((end - start).num_days() + 1).unwrap_or(0);
        let mut cumulative = Vec::with_capacity(span);
        let mut total = 0u64;
        let mut d = start;
        for _ in 0..span {
            total += day_weight(d);
            cumulative.push(total);
            d = next_day(d);
        }
        let mut per_day = vec![0u32; span];
        if total > 0 {
            for _ in 0..rows {
                let r = rng.next_u64() % total;
                let i = cumulative.partition_point(|&c| c <= r);
                if let Some(n) = per_day.get_mut(i) {
                    *n += 1;
                }
            }
        }
        let mut cause_weights = [[0u32; CAUSES.len()]; 12];
        for (m, weights) in cause_weights.iter_mut().enumerate() {
            for (w, c) in weights.iter_mut().zip(CAUSES.iter()) {
                *w = c.weight * c.season.factor(m as u32 + 1);
            }
        }
        let per_span = (rows as u64).saturating_mul(RING_SPAN_DAYS) / (span as u64).max(1);
        let remember_below = if per_span <= RING as u64 {
            u64::MAX
        } else {
            u64::MAX / per_span * RING as u64
        };
        let next_customer = 10_000 + rng.below(5_000);
        let next_job = 100_000 + rng.below(20_000);
        Generator {
            rng,
            spellings: Rng::new(mix(seed) ^ SPELLING_STREAM),
            satisfaction: Rng::new(mix(seed) ^ SATISFACTION_STREAM),
            rates,
            start,
            end,
            per_day,
            day: 0,
            year: 0,
            seq: 0,
            next_customer,
            next_job,
            recent: Vec::with_capacity(RING),
            recent_pos: 0,
            remember_below,
            today: start,
            repeated_today: Vec::new(),
            cause_weights,
            counts: PlantedCounts::default(),
        }
    }

    /// A recent complaint of the same customer to repeat, if one fits the window.
    fn pick_recent(&mut self, received: NaiveDate) -> Option<Recent> {
        for _ in 0..6 {
            let i = self
                .rng
                .below(u32::try_from(self.recent.len()).unwrap_or(0)) as usize;
            let r = *self.recent.get(i)?;
            let age = (received - r.received).num_days();
            if (1..=REPEAT_WINDOW).contains(&age) && !self.repeated_today.contains(&r.customer) {
                self.repeated_today.push(r.customer);
                return Some(r);
            }
        }
        None
    }

    fn remember(&mut self, row: &Row) {
        if self.remember_below != u64::MAX && self.rng.next_u64() >= self.remember_below {
            return;
        }
        let r = Recent {
            received: row.received,
            customer: row.customer,
            business: row.business,
            job: row.job,
            cause: row.cause,
            year: row.year,
            seq: row.seq,
        };
        if self.recent.len() < RING {
            self.recent.push(r);
        } else if let Some(slot) = self.recent.get_mut(self.recent_pos) {
            *slot = r;
        }
        self.recent_pos = (self.recent_pos + 1) % RING;
    }

    fn new_job(&mut self) -> u32 {
        self.next_job += 1 + self.rng.below(6);
        self.next_job
    }

    /// The next received date, or `None` when all rows are out.
    fn next_received(&mut self) -> Option<NaiveDate> {
        loop {
            let left = self.per_day.get_mut(self.day)?;
            if *left > 0 {
                *left -= 1;
                return self.start.checked_add_days(Days::new(self.day as u64));
            }
            self.day += 1;
        }
    }

    fn generate(&mut self, received: NaiveDate) -> Row {
        let rates = self.rates;
        if received.year() != self.year {
            self.year = received.year();
            self.seq = 0;
        }
        self.seq += 1;
        if received != self.today {
            self.today = received;
            self.repeated_today.clear();
        }

        // Who complains: a customer from before, or a new one.
        let prev = if self.rng.chance(REPEAT_SHARE) {
            self.pick_recent(received)
        } else {
            None
        };
        let (customer, business) = match prev {
            Some(p) => (p.customer, p.business),
            None => {
                self.next_customer += 1;
                (self.next_customer, !self.rng.chance(CONSUMER_SHARE))
            }
        };

        // What about: the cause decides the nature; repeats are often the same trouble again.
        let cause = match prev {
            Some(p) if self.rng.chance(450) => {
                if CAUSES
                    .get(usize::from(p.cause))
                    .is_some_and(|c| c.technical)
                    && self.rng.chance(500)
                {
                    content::NOT_FIXED
                } else {
                    p.cause
                }
            }
            _ => self
                .rng
                // Twelve months of weights; `month0` is 0–11.
                .weighted(&self.cause_weights[received.month0() as usize]) as u8,
        };
        let c = CAUSES.get(usize::from(cause)).unwrap_or(&CAUSES[0]);
        let spelling = c.pick_spelling(self.spellings.below(1000));
        let mut urgency_weights = if c.technical {
            TECH_URGENCY
        } else {
            NON_TECH_URGENCY
        };
        if cause == content::WRONG_INVOICE {
            urgency_weights[2] *= 3;
        }
        let category = self.rng.weighted(&urgency_weights) as u8 + 1;
        let escalation = category <= 2;

        let job = match prev {
            Some(p) if p.job.is_some() && self.rng.chance(600) => p.job,
            _ if self.rng.chance(if c.technical { 950 } else { 600 }) => Some(self.new_job()),
            _ => None,
        };

        let subject = if c.technical {
            self.rng.index(content::equipment(c, business).len())
        } else {
            self.rng.index(c.subjects.len())
        };
        let problem = self.rng.index(c.problems.len());
        let suffix = self.rng.index(content::TECH_SUFFIXES.len());
        let tail = self.rng.index(
            content::URGENCY_TAILS
                .get(usize::from(category - 1))
                .map_or(1, |t| t.len()),
        );

        // Receipt.
        let mut registered = false;
        let channel = if escalation {
            let letter = self.rng.chance(if category == 1 { 650 } else { 800 });
            registered = letter;
            if letter {
                Channel::Letter
            } else {
                Channel::Email
            }
        } else {
            const CH: [Channel; 6] = [
                Channel::Email,
                Channel::Phone,
                Channel::InPerson,
                Channel::Letter,
                Channel::Web,
                Channel::Fax,
            ];
            CH[self.rng.weighted(&[440, 380, 60, 50, 55, 15])]
        };

        // Assessment.
        let department = at_u8(c.departments, self.rng.index(c.departments.len()));
        let handler = if escalation && self.rng.chance(600) {
            KAM
        } else {
            let staff = content::handlers_of(department);
            at_u8(staff, self.rng.index(staff.len()))
        };
        let contact = if escalation && self.rng.chance(500) {
            DIRECTOR
        } else {
            handler
        };
        let assessor = if escalation {
            if self.rng.chance(800) {
                DIRECTOR
            } else {
                KAM
            }
        } else {
            [DIRECTOR, KAM, COORDINATOR][self.rng.weighted(&[550, 400, 50])]
        };
        let written_share = match category {
            1 | 2 => 1000,
            3 => 500,
            _ if channel.is_written() => 300,
            _ => 150,
        };
        let mut mode = if self.rng.chance(written_share) {
            HandlingMode::Written
        } else {
            HandlingMode::Conversation
        };
        if escalation && self.rng.chance(rates.legal_conversation) {
            mode = HandlingMode::Conversation;
        }

        // Handling time in working days against the procedure's targets.
        let target = if category <= 3 { 10 } else { 20 };
        let handling = if category == 1 {
            self.rng.range(25, 95)
        } else {
            match self.rng.below(100) {
                0..=71 => self.rng.range(1, target * 3 / 4),
                72..=87 => self.rng.range(target * 3 / 4, target),
                88..=96 => self.rng.range(target + 1, 2 * target),
                _ => self.rng.range(2 * target, 2 * target + 60),
            }
        };
        let stuck = self.rng.chance(8);
        let finished = add_weekdays(received, handling);
        let mut closed = (!stuck && finished <= self.end).then_some(finished);
        // Acknowledgement: same or next working day, sometimes late (never after closing),
        // sometimes never.
        let mut ack_late = false;
        let ack = if self.rng.chance(rates.missing_ack) {
            None
        } else {
            let late = if self.rng.chance(rates.late_ack) {
                Some(add_weekdays(received, self.rng.range(4, 12)))
            } else {
                None
            };
            match late.filter(|d| *d <= self.end && *d <= finished) {
                Some(d) => {
                    ack_late = true;
                    Some(d)
                }
                None => {
                    let same_day = !is_weekend(received) && self.rng.chance(550);
                    let next = if same_day {
                        received
                    } else {
                        add_weekdays(received, 1)
                    };
                    Some(if next > self.end { received } else { next })
                }
            }
        };
        let mut status = match closed {
            Some(_) => Status::Closed,
            None if self.rng.chance(700) => Status::InProgress,
            None => Status::Open,
        };
        let last_update = match (closed, status) {
            (Some(d), _) => Some(d),
            (None, Status::InProgress) => {
                let age = u32::try_from((self.end - received).num_days()).unwrap_or(0);
                received
                    .checked_add_days(Days::new(u64::from(self.rng.below(age.saturating_add(1)))))
            }
            _ => None,
        };
        if closed.is_some() && self.rng.chance(rates.status_conflict) {
            if self.rng.chance(500) {
                status = Status::InProgress;
            } else {
                closed = None;
            }
        }
        let is_closed = closed.is_some() || status == Status::Closed;
        let due = if category <= 3 && self.rng.chance(300) {
            Some(add_weekdays(received, 10)).filter(|d| *d <= self.end)
        } else {
            None
        };

        // Action: cause and solution once closed; justified and cost.
        let justified = is_closed.then(|| {
            let w = if c.technical {
                [550, 250, 200]
            } else {
                [450, 350, 200]
            };
            [Justified::Yes, Justified::No, Justified::Partly][self.rng.weighted(&w)]
        });
        let cause_filled = if is_closed {
            !self.rng.chance(rates.closed_without_cause)
        } else {
            status == Status::InProgress && self.rng.chance(300)
        };
        let solution = (is_closed && !self.rng.chance(rates.closed_without_solution)).then(|| {
            if justified == Some(Justified::No) {
                Solution::NotJustified(self.rng.index(not_justified(c).len()))
            } else {
                Solution::Cause(self.rng.index(c.solutions.len()))
            }
        });
        let cost_cents = match justified {
            Some(Justified::Yes | Justified::Partly) => self.cost(cause, c.technical),
            _ => None,
        };
        let satisfaction = self.satisfaction(received, closed, justified);
        let note = match prev {
            Some(p) if self.rng.chance(500) => Note::Earlier {
                year: p.year,
                seq: p.seq,
            },
            _ if self.rng.chance(100) => Note::Fixed(self.rng.index(content::NOTES.len())),
            _ => Note::None,
        };

        // Planted registration and assessment gaps.
        let mut urgency = Urgency::new(category);
        let mut nature = Some(if c.technical {
            Nature::Technical
        } else {
            Nature::NonTechnical
        });
        let mut assessor = Some(assessor);
        let mut mode = Some(mode);
        if category == 7 && self.rng.chance(rates.nature_conflict) {
            nature = Some(Nature::Technical);
        } else if self.rng.chance(rates.missing_nature) {
            nature = None;
        }
        if self.rng.chance(rates.missing_urgency) {
            urgency = None;
        }
        if !escalation && self.rng.chance(rates.missing_assessment) {
            if self.rng.chance(700) {
                assessor = None;
            } else {
                mode = None;
            }
        }
        let handler = (!self.rng.chance(rates.missing_handler)).then_some(handler);
        let channel = (!self.rng.chance(rates.missing_channel)).then_some(channel);

        let row = Row {
            year: self.year,
            seq: self.seq,
            received,
            channel,
            registered: registered && channel.is_some(),
            customer,
            business,
            job,
            cause,
            spelling,
            subject,
            problem,
            suffix,
            tail,
            category,
            urgency,
            nature,
            handler,
            contact: handler.map(|_| contact),
            assessor,
            mode,
            ack,
            ack_late,
            department,
            due,
            cause_filled,
            solution,
            closed,
            status,
            last_update,
            justified,
            cost_cents,
            satisfaction,
            note,
            repeat: prev.is_some(),
        };
        self.counts.add(&row);
        self.remember(&row);
        row
    }

    /// The customer's score 1–5 for a closed complaint, if they answered: mostly satisfied
    /// after a justified complaint handled within four weeks, less after an unjustified one or
    /// a long wait. Two draws per row from the satisfaction stream, whatever the row.
    fn satisfaction(
        &mut self,
        received: NaiveDate,
        closed: Option<NaiveDate>,
        justified: Option<Justified>,
    ) -> Option<u8> {
        let answered = self.satisfaction.chance(RESPONSE_SHARE);
        let row = match justified {
            Some(Justified::Yes) => 0,
            Some(Justified::Partly) => 1,
            _ => 2,
        };
        let long = closed.is_some_and(|c| (c - received).num_days() > 28);
        let weights = SCORE_WEIGHTS[(row + usize::from(long)).min(2)];
        let score = self.satisfaction.weighted(&weights) as u8 + 1;
        (answered && closed.is_some()).then_some(score)
    }

    /// Failure costs in cents: repairs for technical complaints, credits for invoices.
    fn cost(&mut self, cause: u8, technical: bool) -> Option<u32> {
        let euros = if technical {
            if !self.rng.chance(550) {
                return None;
            }
            match self.rng.below(100) {
                0..=49 => self.rng.range(45, 250),
                50..=84 => self.rng.range(250, 900),
                _ => self.rng.range(900, 4500),
            }
        } else if cause == content::WRONG_INVOICE && self.rng.chance(700) {
            self.rng.range(25, 450)
        } else if cause == content::MISSED_APPOINTMENT && self.rng.chance(300) {
            [65, 75][self.rng.below(2) as usize]
        } else {
            return None;
        };
        let cents = [0, 0, 0, 50, 25, 75][self.rng.below(6) as usize];
        Some(euros * 100 + cents)
    }
}

/// The entry `i` of an index table; 0 outside it.
fn at_u8(table: &[u8], i: u8) -> u8 {
    table.get(usize::from(i)).copied().unwrap_or(0)
}

impl Iterator for Generator {
    type Item = Row;

    fn next(&mut self) -> Option<Row> {
        let received = self.next_received()?;
        Some(self.generate(received))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn rows(n: usize, seed: u64) -> Vec<Row> {
        Generator::new(n, seed, d(2025, 1, 1), d(2026, 9, 30), &CLEAN).collect()
    }

    #[test]
    fn weekdays_skip_weekends() {
        // Friday 2026-03-06 + 1 weekday = Monday 9th; + 5 = Friday 13th.
        assert_eq!(add_weekdays(d(2026, 3, 6), 1), d(2026, 3, 9));
        assert_eq!(add_weekdays(d(2026, 3, 6), 5), d(2026, 3, 13));
        assert_eq!(add_weekdays(d(2026, 3, 7), 1), d(2026, 3, 9));
        assert_eq!(add_weekdays(d(2026, 3, 7), 0), d(2026, 3, 7));
    }

    #[test]
    fn numbers_and_dates_are_padded() {
        let mut s = String::new();
        push_uint(&mut s, 7, 3);
        s.push(' ');
        push_uint(&mut s, 123_456, 3);
        s.push(' ');
        push_uint(&mut s, 0, 1);
        s.push(' ');
        push_date(&mut s, d(2026, 3, 5));
        assert_eq!(s, "007 123456 0 05-03-2026");
    }

    #[test]
    fn rows_come_in_order_of_receipt_with_exact_count_and_ids() {
        let all = rows(3000, 5);
        assert_eq!(all.len(), 3000);
        assert!(all.windows(2).all(|w| w[0].received <= w[1].received));
        assert!(all
            .iter()
            .all(|r| r.received >= d(2025, 1, 1) && r.received <= d(2026, 9, 30)));
        let mut ids: Vec<String> = all
            .iter()
            .map(|r| {
                let mut s = String::new();
                r.push_id(&mut s);
                s
            })
            .collect();
        assert_eq!(ids[0], "2025-001");
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), 3000, "ids are unique");
    }

    #[test]
    fn dates_follow_each_other_and_stay_inside_the_period() {
        let end = d(2026, 9, 30);
        for r in rows(5000, 9) {
            for x in [r.ack, r.closed, r.last_update, r.due]
                .into_iter()
                .flatten()
            {
                assert!(x >= r.received && x <= end, "{r:?}");
            }
            if let Some(c) = r.closed {
                assert!(c > r.received, "closed after at least one working day");
                assert!(
                    r.ack.is_none_or(|a| a <= c),
                    "acknowledged before closing: {r:?}"
                );
            }
        }
    }

    #[test]
    fn weekdays_and_summer_get_more_complaints() {
        let all = rows(20_000, 1);
        let weekend = all.iter().filter(|r| is_weekend(r.received)).count();
        assert!(weekend * 100 / all.len() < 6, "{weekend}");
        let in_month = |m: u32| {
            all.iter()
                .filter(|r| r.received.month() == m && r.received.year() == 2025)
                .count()
        };
        assert!(
            in_month(7) > in_month(4) * 3 / 2,
            "July {} vs April {}",
            in_month(7),
            in_month(4)
        );
        let airco_summer = all
            .iter()
            .filter(|r| {
                r.received.month() == 7 && CAUSES[usize::from(r.cause)].name == "koudemiddellekkage"
            })
            .count();
        let airco_winter = all
            .iter()
            .filter(|r| {
                r.received.month() == 1 && CAUSES[usize::from(r.cause)].name == "koudemiddellekkage"
            })
            .count();
        assert!(
            airco_summer > 2 * airco_winter,
            "{airco_summer} vs {airco_winter}"
        );
    }

    #[test]
    fn mix_is_realistic() {
        let all = rows(20_000, 2);
        let n = all.len();
        let share = |f: &dyn Fn(&Row) -> bool| all.iter().filter(|r| f(r)).count() * 1000 / n;
        let mid = share(&|r| r.urgency.is_some_and(|u| (4..=7).contains(&u.number())));
        assert!(mid > 750, "most are 4–7: {mid}");
        let high = share(&|r| r.urgency.is_some_and(|u| u.number() <= 3));
        assert!((30..120).contains(&high), "few 1–3: {high}");
        assert!(share(&|r| r.urgency.is_none()) > 10);
        let mail_phone = share(&|r| matches!(r.channel, Some(Channel::Email | Channel::Phone)));
        assert!(mail_phone > 700, "{mail_phone}");
        let fax = share(&|r| r.channel == Some(Channel::Fax));
        assert!(fax < 30, "{fax}");
        let ack_quick = share(&|r| r.ack.is_some() && !r.ack_late);
        assert!(ack_quick > 850, "{ack_quick}");
        let closed = share(&|r| r.closed.is_some());
        assert!(closed > 900, "most closed: {closed}");
        let repeat = share(&|r| r.repeat);
        assert!((60..160).contains(&repeat), "{repeat}");
        let handlers: std::collections::BTreeSet<_> =
            all.iter().filter_map(|r| r.handler).collect();
        assert!((6..=8).contains(&handlers.len()), "{handlers:?}");
    }

    #[test]
    fn escalations_come_in_writing_and_are_answered_in_writing() {
        let all = rows(20_000, 3);
        let cat2: Vec<_> = all.iter().filter(|r| r.category == 2).collect();
        let letters = cat2.iter().filter(|r| r.registered).count();
        assert!(letters * 10 > cat2.len() * 6, "{letters} of {}", cat2.len());
        let written = cat2
            .iter()
            .filter(|r| r.mode == Some(HandlingMode::Written))
            .count();
        assert!(written * 10 > cat2.len() * 8);
        assert!(all
            .iter()
            .all(|r| !r.registered || r.channel == Some(Channel::Letter)));
    }

    #[test]
    fn recent_complaints_are_open_old_ones_closed() {
        let all = rows(5000, 4);
        let last_week = all
            .iter()
            .filter(|r| r.received > d(2026, 9, 23))
            .collect::<Vec<_>>();
        let open = last_week.iter().filter(|r| r.closed.is_none()).count();
        assert!(
            open * 3 > last_week.len() * 2,
            "{open} of {}",
            last_week.len()
        );
        assert!(all
            .iter()
            .filter(|r| r.received == d(2026, 9, 30))
            .all(|r| r.closed.is_none()));
        let old = all
            .iter()
            .filter(|r| r.received < d(2025, 6, 1))
            .collect::<Vec<_>>();
        let open_old = old.iter().filter(|r| r.closed.is_none()).count();
        assert!(open_old * 50 < old.len(), "{open_old} of {}", old.len());
    }

    #[test]
    fn status_agrees_with_closed_date_except_planted_conflicts() {
        let mut g = Generator::new(20_000, 6, d(2025, 1, 1), d(2026, 9, 30), &CLEAN);
        let all: Vec<Row> = g.by_ref().collect();
        let conflicts = all
            .iter()
            .filter(|r| r.closed.is_some() != (r.status == Status::Closed))
            .count();
        assert_eq!(conflicts, g.counts.status_conflict);
        assert!(conflicts > 0 && conflicts * 100 < all.len());
    }

    #[test]
    fn urgency_seven_is_non_technical_except_planted_conflicts() {
        let mut g = Generator::new(20_000, 8, d(2025, 1, 1), d(2026, 9, 30), &CLEAN);
        let all: Vec<Row> = g.by_ref().collect();
        let conflicts = all
            .iter()
            .filter(|r| {
                r.urgency.is_some_and(|u| u.number() == 7) && r.nature != Some(Nature::NonTechnical)
            })
            .filter(|r| r.nature.is_some())
            .count();
        assert_eq!(conflicts, g.counts.nature_conflict);
        assert!(conflicts > 0);
        assert!(all.iter().all(|r| r.category != 7 || !r.cause().technical));
    }

    #[test]
    fn closed_complaints_have_cause_and_solution_except_planted_gaps() {
        let mut g = Generator::new(20_000, 10, d(2025, 1, 1), d(2026, 9, 30), &CLEAN);
        let all: Vec<Row> = g.by_ref().collect();
        let closed: Vec<_> = all.iter().filter(|r| r.is_closed()).collect();
        let no_cause = closed.iter().filter(|r| !r.cause_filled).count();
        assert_eq!(no_cause, g.counts.closed_without_cause);
        assert!(no_cause > 0 && no_cause * 20 < closed.len());
        assert!(closed.iter().all(|r| r.justified.is_some()));
        assert!(all
            .iter()
            .filter(|r| !r.is_closed())
            .all(|r| r.solution.is_none() && r.justified.is_none()));
    }

    #[test]
    fn repeats_reuse_the_customer_within_the_window() {
        let all = rows(5000, 12);
        let mut last: std::collections::HashMap<u32, NaiveDate> = Default::default();
        for r in &all {
            let before = last.insert(r.customer, r.received);
            assert_eq!(r.repeat, before.is_some(), "{r:?}");
            if let Some(b) = before {
                let age = (r.received - b).num_days();
                assert!((1..=330).contains(&age), "{age}");
            }
        }
    }

    #[test]
    fn descriptions_read_as_sentences() {
        for r in rows(2000, 13) {
            let mut s = String::new();
            r.push_description(&mut s);
            assert!(s.ends_with('.') && s.len() > 15, "{s}");
            assert!(s.chars().next().is_some_and(char::is_uppercase), "{s}");
            assert!(!s.contains("  ") && !s.contains(" ."), "{s}");
        }
    }

    #[test]
    fn spellings_leave_every_other_field_as_it_is() {
        // Another spelling stream changes the spellings and nothing else: the main stream does
        // not feed them, so writing causes several ways moved no planted gap.
        let new = || Generator::new(5000, 14, d(2025, 1, 1), d(2026, 9, 30), &CLEAN);
        let mut other = new();
        other.spellings = Rng::new(99);
        let (a, b): (Vec<Row>, Vec<Row>) = (new().collect(), other.collect());
        assert_eq!(a.len(), b.len());
        let mut differ = 0;
        for (x, y) in a.iter().zip(&b) {
            differ += usize::from(x.spelling != y.spelling);
            assert_eq!(
                Row {
                    spelling: 0,
                    ..x.clone()
                },
                Row {
                    spelling: 0,
                    ..y.clone()
                }
            );
        }
        assert!(differ > 500, "{differ}");
        let written = a.iter().filter_map(Row::written_cause).collect::<Vec<_>>();
        let usual = written.iter().filter(|w| w.text == w.name).count();
        assert!(usual * 100 > written.len() * 60 && usual * 100 < written.len() * 75);
        assert_eq!(written.len(), a.iter().filter(|r| r.cause_filled).count());
    }

    #[test]
    fn satisfaction_leaves_every_other_field_as_it_is() {
        // The scores came later, from a stream of their own: another stream changes them and
        // nothing else, so the sample's planted gaps and every other column stayed.
        let new = || Generator::new(5000, 14, d(2025, 1, 1), d(2026, 9, 30), &CLEAN);
        let mut other = new();
        other.satisfaction = Rng::new(7);
        let (a, b): (Vec<Row>, Vec<Row>) = (new().collect(), other.collect());
        let mut differ = 0;
        for (x, y) in a.iter().zip(&b) {
            differ += usize::from(x.satisfaction != y.satisfaction);
            let plain = |r: &Row| Row {
                satisfaction: None,
                ..r.clone()
            };
            assert_eq!(plain(x), plain(y));
        }
        assert!(differ > 500, "{differ}");
        // Only closed complaints are scored, about 45 % of them, 1–5, mostly satisfied.
        let closed: Vec<&Row> = a.iter().filter(|r| r.closed.is_some()).collect();
        let scored: Vec<u8> = closed.iter().filter_map(|r| r.satisfaction).collect();
        assert!(a
            .iter()
            .all(|r| r.closed.is_some() || r.satisfaction.is_none()));
        assert!(scored.len() * 100 > closed.len() * 40 && scored.len() * 100 < closed.len() * 50);
        assert!(scored.iter().all(|s| (1..=5).contains(s)));
        let satisfied = scored.iter().filter(|&&s| s >= 4).count();
        assert!(
            satisfied * 2 > scored.len(),
            "{satisfied} of {}",
            scored.len()
        );
    }

    #[test]
    fn empty_and_single_day_periods() {
        assert_eq!(
            Generator::new(0, 1, d(2025, 1, 1), d(2025, 1, 31), &CLEAN).count(),
            0
        );
        let one: Vec<Row> = Generator::new(50, 1, d(2025, 1, 6), d(2025, 1, 6), &CLEAN).collect();
        assert_eq!(one.len(), 50);
        assert!(one
            .iter()
            .all(|r| r.received == d(2025, 1, 6) && r.ack.is_none_or(|a| a == r.received)));
    }
}
