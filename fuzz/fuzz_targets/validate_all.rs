//! `Payload::validate_all` agrees with the decoder on any input: valid exactly when the decoder
//! accepts it, the decoder's error among its errors, a valid payload's warnings the decoder's,
//! every finding in payload order; and it never panics.
#![no_main]

mod mutate;

use emvqr::DecodeOptions;
use libfuzzer_sys::{fuzz_mutator, fuzz_target, fuzzer_mutate};

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

fuzz_mutator!(|data: &mut [u8], size: usize, max_size: usize, seed: u32| {
    if seed % 2 == 0 {
        if let Some(n) = mutate::mutate(data, size, max_size, seed) {
            return n;
        }
    }
    fuzzer_mutate(data, size, max_size)
});
