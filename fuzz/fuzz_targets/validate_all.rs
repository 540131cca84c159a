//! `Payload::validate_all` agrees with the decoder on any input: valid exactly when the decoder
//! accepts it, the decoder's error among its errors, a valid payload's warnings the decoder's,
//! every finding in payload order; and it never panics.
#![no_main]

#[macro_use]
mod mutate;

use emvqr::DecodeOptions;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for opts in [
        DecodeOptions::strict(),
        DecodeOptions::pedantic(),
        DecodeOptions::lenient(),
    ] {
        if let Err(why) = emvqr::mpm::validate_all_differential(text, &opts) {
            panic!("{text:?}: {why}");
        }
    }
});

half_structure_aware!();
