//! Arbitrary bytes as a workbook register: format detection, the zip-bomb guard, calamine's
//! readers (xlsx, xlsb, xls, ods by content), the cell limit, merged regions, header detection,
//! value parsing and the rules.
#![no_main]

mod check;

libfuzzer_sys::fuzz_target!(|data: &[u8]| check::run("fuzz.xlsx", data));
