//! No input, as bytes or as text, strictly or leniently, makes the decoder panic; an error
//! never points past the end of the input.
//!
//! Half the mutations are structure-aware (see `mutate.rs`): they keep the TLV shape and the CRC
//! valid, so the field and cross-object rules get fuzzed too.
#![no_main]

#[macro_use]
mod mutate;

use emvqr::{DecodeOptions, Payload};
use libfuzzer_sys::fuzz_target;

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

half_structure_aware!();
