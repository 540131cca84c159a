//! The raw TLV iterator never panics, its offsets strictly increase, and values never reach
//! past the end of the input.
#![no_main]

use emvqr::tlv::TlvIter;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let chars = text.chars().count();
    let mut last: Option<usize> = None;
    for item in TlvIter::new(text) {
        match item {
            Ok(t) => {
                assert!(last.is_none_or(|l| t.offset() > l));
                assert!(t.value_offset() + t.char_len() <= chars);
                assert!(t.value_byte_offset() + t.value().len() <= text.len());
                last = Some(t.offset());
            }
            Err(e) => assert!(e.offset() <= chars),
        }
    }
});
