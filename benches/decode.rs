//! Decode, CRC-only and build throughput.
//!
//! `decode` parses representative payloads from `spec/mpm` (typical static ASCII, dynamic with
//! an amount, the Annex B example in UTF-8, a 512-character payload, a hostile stale-CRC
//! reject); `crc` hashes exactly the bytes each decode input's CRC covers, the floor any decoder
//! pays; `build` encodes the typical payload from its fields.
// `criterion_group!` defines an undocumented `pub fn`.
#![allow(
    missing_docs,
    clippy::arithmetic_side_effects,
    clippy::unwrap_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkGroup, Criterion, Throughput, criterion_group, criterion_main};
use emvqr::{Payload, PayloadBuilder};

/// The payloads, all taken from `spec/mpm`: a name, the file and the vector id.
const INPUTS: [(&str, &str, &str); 5] = [
    (
        "typical_static_ascii",
        "real.json",
        "mpm-real-qrph-gcash-static",
    ),
    ("dynamic_amount", "real.json", "mpm-real-paynow-uen"),
    ("annex_b_utf8", "annex_b.json", "mpm-annex-b"),
    ("maximal_512", "rules.json", "mpm-size-512"),
    ("hostile_stale_crc", "hostile.json", "mpm-hostile-c2-stale"),
];

fn load(file: &str, id: &str) -> String {
    let path = format!("{}/spec/mpm/{file}", env!("CARGO_MANIFEST_DIR"));
    let vectors: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    vectors
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["id"] == id)
        .and_then(|v| v["payload"].as_str())
        .unwrap_or_else(|| panic!("{id} not in {path}"))
        .to_owned()
}

/// The typical payload's fields through the typed setters.
fn typical_builder() -> PayloadBuilder {
    PayloadBuilder::new()
        .static_code()
        .merchant_template(
            27,
            "com.p2pqrpay",
            &[
                (1, "GXCHPHM2XXX"),
                (2, "99964403"),
                (3, "217020000000656"),
                (4, "DWQM4TK3JDNYH9CHA"),
            ],
        )
        .merchant_category_code("6016")
        .currency("608")
        .country("PH")
        .merchant_name("AN***A%20C")
        .merchant_city("MALANDAY")
        .postal_code("1234")
}

fn configure(g: &mut BenchmarkGroup<'_, criterion::measurement::WallTime>) {
    g.measurement_time(Duration::from_secs(3))
        .warm_up_time(Duration::from_secs(1))
        .sample_size(50);
}

fn benches(c: &mut Criterion) {
    let loaded: Vec<(&str, String)> = INPUTS
        .iter()
        .map(|&(name, file, id)| (name, load(file, id)))
        .collect();
    let inputs: Vec<(&str, &str)> = loaded.iter().map(|(n, s)| (*n, s.as_str())).collect();
    for (name, text) in &inputs {
        let valid = !name.starts_with("hostile");
        assert_eq!(Payload::parse(text).is_ok(), valid, "{name}: {text}");
    }
    let typical = inputs[0].1;
    assert!(typical.is_ascii() && (120..=180).contains(&typical.len()));
    assert_eq!(inputs[3].1.chars().count(), 512);

    let mut g = c.benchmark_group("decode");
    configure(&mut g);
    for &(name, text) in &inputs {
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function(name, |b| b.iter(|| Payload::parse(black_box(text)).is_ok()));
    }
    g.finish();

    // The EMVCo rules alone (the scheme profiles off), as the codec was specified before the
    // profiles existed.
    let mut g = c.benchmark_group("decode_emvco_only");
    configure(&mut g);
    let emvco = emvqr::DecodeOptions::strict().profiles(false);
    for &(name, text) in &inputs[..3] {
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function(name, |b| {
            b.iter(|| Payload::parse_with(black_box(text), &emvco).is_ok())
        });
    }
    g.finish();

    let mut g = c.benchmark_group("crc");
    configure(&mut g);
    for &(name, text) in &inputs {
        // The CRC covers everything up to and including "6304".
        let covered = &text.as_bytes()[..text.len() - 4];
        g.throughput(Throughput::Bytes(covered.len() as u64));
        g.bench_function(name, |b| {
            b.iter(|| emvqr::crc::checksum(black_box(covered)))
        });
    }
    g.finish();

    let mut g = c.benchmark_group("build");
    configure(&mut g);
    // The typical payload's own fields, through the field map.
    let builder =
        PayloadBuilder::from_field_map(&Payload::parse(typical).unwrap().field_map()).unwrap();
    assert_eq!(builder.build().unwrap().as_str(), typical);
    assert_eq!(typical_builder().build().unwrap().as_str(), typical);
    g.throughput(Throughput::Bytes(typical.len() as u64));
    g.bench_function("typical_build", |b| b.iter(|| black_box(&builder).build()));
    g.bench_function("typical_encode_unchecked", |b| {
        b.iter(|| black_box(&builder).encode_unchecked())
    });
    g.bench_function("typical_setters_and_build", |b| {
        b.iter(|| typical_builder().build())
    });
    g.finish();
}

criterion_group!(decode, benches);
criterion_main!(decode);
