//! Arbitrary bytes as a CSV register: decoding, separator sniffing, the record scanner, header
//! detection, value parsing and the rules.
#![no_main]

mod check;

libfuzzer_sys::fuzz_target!(|data: &[u8]| check::run("fuzz.csv", data));
