//! The fast path is a subset of the full validation: on any input it either hands over, or
//! finds the payload valid with no warning, and then the full validation, strict and lenient,
//! finds it valid with no warning and builds the same index.
//!
//! Half the mutations are structure-aware (see `mutate.rs`), so most inputs keep a valid TLV
//! shape and CRC and reach the fast path's rules.
#![no_main]

#[macro_use]
mod mutate;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Err(e) = emvqr::mpm::fast_path_differential(text) {
            panic!("{text:?}: {e}");
        }
    }
});

half_structure_aware!();
