//! Any bytes as an image file, the way a wallet reads a picture from its gallery: the reader
//! never panics (it reports the QR decoder's own panics as errors) and stays within its size
//! limits; every text it returns goes through the MPM decoder and the scan without panicking.
#![no_main]

use emvqr::{DecodeOptions, Payload, read, scan};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(texts) = read::from_bytes(data) else {
        return;
    };
    for text in texts {
        for opts in [DecodeOptions::strict(), DecodeOptions::lenient()] {
            if let Err(e) = Payload::parse_with(&text, &opts) {
                assert!(e.offset() <= text.chars().count());
            }
        }
        let _ = scan(&text).candidates().len();
    }
});
