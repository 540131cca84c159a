//! One payload, one meaning: the decoder's verdict agrees with reference readings of the text
//! by a reader counting lengths in bytes and one counting UTF-16 units. A payload it accepts
//! has no other reading that differs from its own; one it refuses as `length_unit_ambiguous`
//! has one, and the leniency turns the refusal into the warning.
//!
//! Half the mutations are structure-aware (see `mutate.rs`): lengths counted in characters and
//! a correct CRC, with multi-byte characters among the values tried.
#![no_main]

#[macro_use]
mod mutate;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Err(e) = emvqr::mpm::length_unit_differential(text) {
            panic!("{text:?}: {e}");
        }
    }
});

half_structure_aware!();
