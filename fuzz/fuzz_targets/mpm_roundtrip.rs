//! A payload the decoder accepts re-encodes through the builder to a payload with the same
//! fields, and byte for byte when it was in canonical (ascending) order.
#![no_main]

use emvqr::{DecodeOptions, Payload, PayloadBuilder};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let opts = DecodeOptions::strict();
    let Ok(p) = Payload::parse_with(text, &opts) else {
        return;
    };
    if p.warnings().iter().any(|w| w.code() == "rfu_id") {
        return; // A generator never emits RFU objects.
    }
    let mut map = p.field_map();
    let rebuilt = PayloadBuilder::from_field_map(&map)
        .and_then(|b| b.options(opts).build())
        .expect("an accepted payload re-encodes");
    let mut again = rebuilt.as_payload().field_map();
    again.remove("63");
    map.remove("63");
    assert_eq!(again, map);
    let reparsed = Payload::parse(rebuilt.as_str()).expect("re-encoded payload decodes");
    assert_eq!(reparsed.as_str(), rebuilt.as_str());
});
