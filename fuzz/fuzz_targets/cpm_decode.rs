//! No input, as base64 text or as raw BER, makes the CPM decoder panic; an error never points
//! past the end of its input; every accepted payload re-encodes to the same bytes.
#![no_main]

use emvqr::cpm::{CpmBuilder, CpmPayload, MAX_CPM_BYTES};
use libfuzzer_sys::fuzz_target;

fn exercise(p: &CpmPayload<'_>) {
    for a in p.applications() {
        let _ = (a.aid(), a.label(), a.cardholder_name(), a.version());
        if let Some(pan) = a.pan() {
            let _ = pan.to_string();
        }
        if let Some(t2) = a.track2() {
            let _ = (t2.to_string(), t2.expiry(), t2.service_code());
        }
    }
    let _ = p.field_map();
    let rebuilt = CpmBuilder::from_payload(p).build();
    assert_eq!(rebuilt.map(|b| b.as_bytes() == p.as_bytes()), Ok(true));
}

fuzz_target!(|data: &[u8]| {
    let mut buf = [0u8; MAX_CPM_BYTES];
    match CpmPayload::parse_base64(data, &mut buf) {
        Ok(p) => exercise(&p),
        Err(e) => assert!(e.offset() <= data.len()),
    }
    match CpmPayload::parse(data) {
        Ok(p) => exercise(&p),
        Err(e) => assert!(e.offset() <= data.len()),
    }
});
