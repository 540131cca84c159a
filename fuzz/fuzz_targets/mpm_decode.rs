//! No input, as bytes or as text, strictly or leniently, makes the decoder panic; an error
//! never points past the end of the input.
//!
//! Half the mutations are structure-aware (see `mutate.rs`): they keep the TLV shape and the CRC
//! valid, so the field and cross-object rules get fuzzed too.
#![no_main]

mod mutate;

use emvqr::{DecodeOptions, Payload};
use libfuzzer_sys::{fuzz_mutator, fuzz_target, fuzzer_mutate};

fuzz_target!(|data: &[u8]| {
    for opts in [DecodeOptions::strict(), DecodeOptions::lenient()] {
        match Payload::parse_bytes(data, &opts) {
            Ok(p) => {
                let _ = p.field_map();
                for a in p.merchant_accounts() {
                    let _ = a.guid();
                }
                if let Some(a) = p.amount() {
                    let _ = a.to_minor_units(3);
                }
            }
            Err(e) => {
                let chars = String::from_utf8_lossy(data).chars().count();
                assert!(e.offset() <= chars.max(data.len()));
            }
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
