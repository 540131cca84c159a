//! Consumer-presented decoding throughput: base64 and BER together (`decode`), BER alone
//! (`parse_ber`), and base64 alone (`base64`).
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
use emvqr::ber::Tag;
use emvqr::cpm::{self, ApplicationBuilder, CpmBuilder, CpmPayload, MAX_CPM_BYTES, Node};

/// EMVCo CPM Annex B, example 1: one application template with Track 2.
const ANNEX_B_1: &str = "hQVDUFYwMWEaTwegAAAAVVVVVw8SNFZ4kBI0WNGRIgESNF8=";

/// EMVCo CPM Annex B, example 2: two application templates and common data with template 64.
const ANNEX_B_2: &str = "hQVDUFYwMWETTwegAAAAVVVVUAhQcm9kdWN0MWETTwegAAAAZmZmUAhQcm9kdWN0MmJJWggSNFZ4kBI0WF8gDkNBUkRIT0xERVIvRU1WXy0IcnVlc2RlZW5kIZ8QBwYBCgMAAACfJghYT9OF+iNLzJ82AgABnzcEbVjvEw==";

/// A UnionPay-like code: AID, Track 2 of a test PAN, PAN sequence number, and a `63`
/// cryptogram template (9F26, 9F27, 9F10, 9F36, 82, 9F37).
fn unionpay_like() -> String {
    let p = |tag: u32, value: &[u8]| Node::primitive(Tag::from_u32(tag), value);
    CpmBuilder::new()
        .application(
            ApplicationBuilder::new(&[0xA0, 0, 0, 0x03, 0x33, 0x01, 0x01, 0x01])
                .track2("6200000000000005D30122011234567890")
                .object(Tag::from_u32(0x5F34), &[0x01])
                .transparent(vec![
                    p(0x9F26, &[0x5A, 0x3C, 0x11, 0x02, 0x9E, 0x47, 0xB0, 0x6D]),
                    p(0x9F27, &[0x80]),
                    p(0x9F10, &[0x07, 0x01, 0x01, 0x03, 0xA0, 0x00, 0x00, 0x01]),
                    p(0x9F36, &[0x00, 0x2A]),
                    p(0x82, &[0x7C, 0x00]),
                    p(0x9F37, &[0x12, 0x34, 0x56, 0x78]),
                ]),
        )
        .build()
        .unwrap()
        .to_base64()
}

/// The slowest valid input known: a 61 of 540 distinct three-byte tags (each repeat check
/// rescans the template), about 2,200 bytes of BER.
fn worst_three_byte_tags() -> Vec<u8> {
    let mut inner = vec![
        0x4F, 0x05, 0xA0, 0, 0, 0, 0x03, 0x5A, 0x04, 0x12, 0x34, 0x56, 0x78,
    ];
    let tags = (0x81u8..=0xFF).flat_map(|b1| (0u8..0x80).map(move |b2| [0x9F, b1, b2, 0x00]));
    for t in tags.take(540) {
        inner.extend_from_slice(&t);
    }
    let mut ber = vec![0x85, 0x05, b'C', b'P', b'V', b'0', b'1', 0x61, 0x82];
    ber.extend_from_slice(&u16::try_from(inner.len()).unwrap().to_be_bytes());
    ber.extend_from_slice(&inner);
    ber
}

fn configure(g: &mut BenchmarkGroup<'_, criterion::measurement::WallTime>) {
    g.measurement_time(Duration::from_secs(3))
        .warm_up_time(Duration::from_secs(1))
        .sample_size(50);
}

fn benches(c: &mut Criterion) {
    let unionpay = unionpay_like();
    let inputs: [(&str, &str); 3] = [
        ("annex_b_1", ANNEX_B_1),
        ("annex_b_2", ANNEX_B_2),
        ("unionpay_like", &unionpay),
    ];
    let mut buf = [0u8; MAX_CPM_BYTES];
    for (name, text) in inputs {
        assert!(CpmPayload::parse_base64(text, &mut buf).is_ok(), "{name}");
    }

    let mut g = c.benchmark_group("cpm_decode");
    configure(&mut g);
    for (name, text) in inputs {
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function(name, |b| {
            let mut buf = [0u8; MAX_CPM_BYTES];
            b.iter(|| {
                CpmPayload::parse_base64(black_box(text), &mut buf)
                    .map(|p| p.as_bytes().len())
                    .is_ok()
            })
        });
    }
    g.finish();

    let mut g = c.benchmark_group("cpm_parse_ber");
    configure(&mut g);
    for (name, text) in inputs {
        let ber = cpm::decode_base64(text, &mut buf).unwrap().to_vec();
        g.throughput(Throughput::Bytes(ber.len() as u64));
        g.bench_function(name, |b| {
            b.iter(|| CpmPayload::parse(black_box(&ber)).is_ok())
        });
    }
    g.finish();

    let mut g = c.benchmark_group("cpm_worst");
    configure(&mut g);
    let worst = worst_three_byte_tags();
    assert!(CpmPayload::parse(&worst).is_ok());
    g.throughput(Throughput::Bytes(worst.len() as u64));
    g.bench_function("three_byte_tags_540", |b| {
        b.iter(|| CpmPayload::parse(black_box(&worst)).is_ok())
    });
    g.finish();

    let mut g = c.benchmark_group("cpm_base64");
    configure(&mut g);
    for (name, text) in inputs {
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function(name, |b| {
            let mut buf = [0u8; MAX_CPM_BYTES];
            b.iter(|| cpm::decode_base64(black_box(text), &mut buf).map(<[u8]>::len))
        });
    }
    g.finish();
}

criterion_group!(cpm_benches, benches);
criterion_main!(cpm_benches);
