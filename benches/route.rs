//! Scan and route throughput, beside decoding alone.
//!
//! `decode` parses a payload; `decode_scan_route` parses it and routes the decoded payload for a
//! wallet (`route_payload`, embedded registry and table): the difference between the two is the
//! cost of scanning and routing. `scan` and `scan_route` start from the text (`emvqr::scan`,
//! `emvqr::route`), which also tries the URL, payment-code and CPM families.
// `criterion_group!` defines an undocumented `pub fn`.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use emvqr::route::route_payload;
use emvqr::unified::{Merchant, UnifiedAccounts, unified_code};
use emvqr::{Payload, Registry, RoutingTable, route, scan};

/// The real static Pix payload of the BCB manual (spec/mpm/real.json).
const PIX: &str = "00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-4266554400005204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***63041D3D";

fn bench(c: &mut Criterion) {
    let unified = unified_code(
        &UnifiedAccounts {
            unionpay: "6200000012345678",
            tenpay: "1900012345",
            alipay: "https://qr.alipay.com/fkx12345",
        },
        &Merchant {
            category_code: "5812",
            currency: "156",
            country: "CN",
            name: "NOODLE HOUSE",
            city: "SHANGHAI",
        },
    )
    .expect("unified code");
    let cases: [(&str, &str, &str); 3] = [
        ("pix", PIX, "pix"),
        ("unified", unified.as_str(), "alipay"),
        (
            "url",
            "https://qr.alipay.com/fkx17923ubpxijxrwtpj9c3",
            "unionpay",
        ),
    ];
    let registry = Registry::embedded();
    let mut g = c.benchmark_group("route");
    g.warm_up_time(Duration::from_millis(500));
    g.measurement_time(Duration::from_secs(2));
    g.sample_size(30);
    for (name, text, wallet) in cases {
        let table = RoutingTable::embedded(wallet).expect("table");
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function(format!("decode/{name}"), |b| {
            b.iter(|| Payload::parse(black_box(text)).is_ok());
        });
        if name != "url" {
            g.bench_function(format!("decode_scan_route/{name}"), |b| {
                b.iter(|| {
                    let p = Payload::parse(black_box(text)).unwrap();
                    route_payload(&registry, &table, &p).route().map(|r| r.cost)
                });
            });
        }
        g.bench_function(format!("scan/{name}"), |b| {
            b.iter(|| scan(black_box(text)).candidates().len());
        });
        g.bench_function(format!("scan_route/{name}"), |b| {
            b.iter(|| route(black_box(text), &table).route().map(|r| r.cost));
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
