//! Technical versus non-technical complaints; the procedure treats both the same way, the
//! management review wants them apart.

use super::vocab::vocabulary;

vocabulary! {
    /// The nature (*aard*) of a complaint.
    Nature {
        Technical = ("technical", "technisch", "technical"),
        /// Staff behaviour, a wrong invoice, a missed appointment, ….
        NonTechnical = ("non_technical", "niet-technisch", "non-technical"),
    }
}
