//! Decode time of the working tree (`current`) beside an earlier commit (`previous`), in one
//! process, interleaved: see `run.sh`.
#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::arithmetic_side_effects)]

use std::hint::black_box;
use std::time::Instant;

/// The payloads of `benches/decode.rs`, plus Pix: a name, the file and the vector id.
const INPUTS: [(&str, &str, &str); 6] = [
    ("typical", "real.json", "mpm-real-qrph-gcash-static"),
    ("pix", "real.json", "mpm-real-pix-bcb-manual"),
    ("annex_b", "annex_b.json", "mpm-annex-b"),
    ("dynamic", "real.json", "mpm-real-paynow-uen"),
    ("maximal", "rules.json", "mpm-size-512"),
    ("stale_crc", "hostile.json", "mpm-hostile-c2-stale"),
];

fn load(file: &str, id: &str) -> String {
    let path = format!("{}/../../spec/mpm/{file}", env!("CARGO_MANIFEST_DIR"));
    let vectors: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    vectors.as_array().unwrap().iter().find(|v| v["id"] == id).unwrap()["payload"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// Nanoseconds per decode of `text`, `n` times, by the current build or the previous one.
fn time(text: &str, n: u32, current: bool) -> f64 {
    let start = Instant::now();
    let mut ok = 0u32;
    for _ in 0..n {
        ok += if current {
            u32::from(current::Payload::parse(black_box(text)).is_ok())
        } else {
            u32::from(previous::Payload::parse(black_box(text)).is_ok())
        };
    }
    black_box(ok);
    start.elapsed().as_nanos() as f64 / f64::from(n)
}

fn main() {
    let rounds: usize = std::env::args().nth(1).map_or(40, |s| s.parse().unwrap());
    let n = 20_000;
    println!(
        "{:10} {:>9} {:>9} {:>6}   {:>9} {:>9} {:>6}   (ns per decode, {rounds} rounds)",
        "payload", "prev min", "curr min", "ratio", "prev med", "curr med", "ratio"
    );
    for (name, file, id) in INPUTS {
        let text = load(file, id);
        let (mut prev, mut curr) = (Vec::new(), Vec::new());
        for round in 0..rounds {
            if round % 2 == 0 {
                prev.push(time(&text, n, false));
                curr.push(time(&text, n, true));
            } else {
                curr.push(time(&text, n, true));
                prev.push(time(&text, n, false));
            }
        }
        prev.sort_by(f64::total_cmp);
        curr.sort_by(f64::total_cmp);
        let (pm, cm) = (prev[rounds / 2], curr[rounds / 2]);
        println!(
            "{name:10} {:9.1} {:9.1} {:6.3}   {pm:9.1} {cm:9.1} {:6.3}",
            prev[0],
            curr[0],
            curr[0] / prev[0],
            cm / pm
        );
    }
}
