//! A till scans the code a customer's wallet shows (consumer-presented mode), picks the
//! application it supports and reads the account, printing card data masked only.
//!
//! `cargo run --example till_cpm -- [SCANNED TEXT]`

use emvqr::cpm::{CpmPayload, MAX_CPM_BYTES};

/// A UnionPay-style consumer-presented code (constructed test data, not a real card).
const SAMPLE: &str = "hQVDUFYwMWFOTwigAAADMwEBAVcRYgAAAAAAAAXTASIBEjRWeJBfNAEBYyufJghaPBECnkewbZ8nAYCfEAkHAQEBA6AAAAGfNgIAKoICfACfNwQSNFZ4";

/// The AIDs this terminal accepts, by prefix: UnionPay, then Visa and Mastercard.
const SUPPORTED: &[&[u8]] = &[
    &[0xA0, 0x00, 0x00, 0x03, 0x33],
    &[0xA0, 0x00, 0x00, 0x00, 0x03],
    &[0xA0, 0x00, 0x00, 0x00, 0x04],
];

fn main() {
    let text = std::env::args().nth(1).unwrap_or_else(|| SAMPLE.to_owned());
    let mut buf = [0u8; MAX_CPM_BYTES];
    let p = match CpmPayload::parse_base64(&text, &mut buf) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("not a valid consumer-presented code: {e} [{}]", e.code());
            std::process::exit(1);
        }
    };
    let Some(app) = p.select(SUPPORTED) else {
        eprintln!("no application this terminal accepts");
        std::process::exit(1);
    };
    let aid: String = app.aid().iter().map(|b| format!("{b:02X}")).collect();
    println!("application: {aid} {}", app.label().unwrap_or(""));
    // `Pan` and `Track2` display masked; the digits come out only through `reveal()`.
    if let Some(pan) = app.pan() {
        println!("account:     {pan}");
    }
    if let Some(t2) = app.track2() {
        println!("track 2:     {t2}");
    }
}
