//! Decode, CRC-only and build throughput.
//!
//! `decode` parses representative payloads; `crc` hashes exactly the bytes each decode
//! input's CRC covers, the floor any decoder pays; `build` encodes the typical payload.
// `criterion_group!` defines an undocumented `pub fn`.
#![allow(
    missing_docs,
    clippy::arithmetic_side_effects,
    clippy::unwrap_used,
    clippy::indexing_slicing
)]

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkGroup, Criterion, Throughput, criterion_group, criterion_main};
use emvqr::{Payload, PayloadBuilder};

const ANNEX_B: &str = "00020101021229300012D156000000000510A93FO3230Q31280012D15600000001030812345678520441115802CN5914BEST TRANSPORT6007BEIJING64200002ZH0104最佳运输0202北京540523.7253031565502016233030412340603***0708A60086670902ME91320016A0112233449988770708123456786304A13A";

/// A typical static ASCII payload (~150 characters): a Visa PAN, a Pix key, reference label.
fn typical_builder() -> PayloadBuilder {
    PayloadBuilder::new()
        .static_code()
        .merchant_account(2, "4111111111111111")
        .merchant_template(
            26,
            "br.gov.bcb.pix",
            &[(1, "123e4567-e12b-12d1-a456-426655440000")],
        )
        .merchant_category_code("5812")
        .currency("986")
        .country("BR")
        .merchant_name("PADARIA SAO JORGE")
        .merchant_city("SAO PAULO")
        .postal_code("01310100")
        .additional_data(5, "***")
}

/// A dynamic payload with an amount (PromptPay-style).
fn dynamic() -> String {
    PayloadBuilder::new()
        .dynamic()
        .merchant_template(29, "A000000677010111", &[(1, "0066812345678")])
        .merchant_category_code("5411")
        .currency("764")
        .amount("1250.75")
        .country("TH")
        .merchant_name("SIAM GROCERY")
        .merchant_city("BANGKOK")
        .additional_data(1, "INV-2024-000123")
        .additional_data(7, "POS-07")
        .build()
        .map(String::from)
        .unwrap()
}

/// About 512 characters: every block as full as its format allows.
fn maximal() -> String {
    let sub = "X".repeat(27);
    let subs: Vec<(u8, &str)> = vec![(1, &sub), (2, &sub)];
    let mut b = PayloadBuilder::new()
        .dynamic()
        .merchant_account(2, &"4".repeat(30))
        .merchant_template(26, "A0000000031010A0000000031010AB12", &subs)
        .merchant_template(27, "com.example.payments.gateway", &subs)
        .merchant_category_code("5999")
        .currency("840")
        .amount("9999999999.99")
        .country("US")
        .merchant_name(&"M".repeat(25))
        .merchant_city(&"C".repeat(15))
        .postal_code("9410512345")
        .language("ES", "COMERCIANTE DE EJEMPLO S", Some("CIUDAD DE MEXIC"));
    for sub in 1..=3 {
        b = b.additional_data(sub, &"7".repeat(25));
    }
    b.build().map(String::from).unwrap()
}

/// The typical payload with a stale CRC: scanned in full, then refused.
fn stale_crc(typical: &str) -> String {
    let (head, crc) = typical.split_at(typical.len() - 4);
    let flipped = if crc.starts_with('0') { "1" } else { "0" };
    format!("{head}{flipped}{}", &crc[1..])
}

fn configure(g: &mut BenchmarkGroup<'_, criterion::measurement::WallTime>) {
    g.measurement_time(Duration::from_secs(3))
        .warm_up_time(Duration::from_secs(1))
        .sample_size(50);
}

fn benches(c: &mut Criterion) {
    let typical = typical_builder().build().map(String::from).unwrap();
    let dynamic = dynamic();
    let maximal = maximal();
    let stale = stale_crc(&typical);
    let inputs: [(&str, &str, bool); 5] = [
        ("typical_ascii", &typical, true),
        ("dynamic_amount", &dynamic, true),
        ("annex_b_utf8", ANNEX_B, true),
        ("maximal", &maximal, true),
        ("stale_crc", &stale, false),
    ];
    for (name, text, valid) in inputs {
        assert_eq!(Payload::parse(text).is_ok(), valid, "{name}: {text}");
    }
    assert!((120..=180).contains(&typical.chars().count()), "{typical}");
    assert!((480..=512).contains(&maximal.chars().count()), "{maximal}");

    let mut g = c.benchmark_group("decode");
    configure(&mut g);
    for (name, text, _) in inputs {
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function(name, |b| b.iter(|| Payload::parse(black_box(text)).is_ok()));
    }
    g.finish();

    let mut g = c.benchmark_group("crc");
    configure(&mut g);
    for (name, text, _) in inputs {
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
    let builder = typical_builder();
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
