//! Scanning and routing with the embedded registry and tables perform no heap allocation.
//!
//! This test binary installs a counting global allocator; the count is thread-local, so the
//! harness's own allocations on other threads do not disturb a measurement. Every payload is
//! read from the vector files before the measurement starts.
//!
//! The global allocator needs `unsafe impl GlobalAlloc`, so the package lint is `deny` (which a
//! test file may lift) while `src/lib.rs` keeps `#![forbid(unsafe_code)]` for the library.
#![allow(
    unsafe_code,
    clippy::arithmetic_side_effects,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

#[path = "common/counting.rs"]
mod counting;

use counting::allocations;
use emvqr::{Registry, RoutingTable, route, scan};

#[global_allocator]
static GLOBAL: counting::Counting = counting::Counting;

/// Every payload of the scan and route vectors (read before measuring).
fn payloads() -> Vec<String> {
    let mut out = Vec::new();
    for kind in ["scan", "route", "paycode"] {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("spec")
            .join(kind);
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            // Vector files only (not the sources the real-code vectors are built from).
            if path.extension().is_none_or(|e| e != "json") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let json: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap();
            out.extend(
                json.iter()
                    .map(|v| v["payload"].as_str().unwrap().to_owned()),
            );
        }
    }
    out
}

/// A digest of everything a decision exposes, so nothing is optimised out.
fn digest(d: &emvqr::Decision<'_>) -> usize {
    let mut n = d.scan().kind().code().len() + usize::from(d.scan().overflowed());
    for (i, c) in d.scan().candidates().enumerate() {
        n += c.provider.len() + c.matched_by.code().len() + c.matched.len() + c.rule;
        n += usize::from(c.id.unwrap_or(0));
        n += d.skipped(i).map_or(0, |r| r.code().len());
        n += d
            .route_of(i)
            .map_or(0, |(via, cost)| via.len() + usize::from(cost));
    }
    n += d.ranked().sum::<usize>();
    n += d.route().map_or(0, |r| r.provider.len() + r.via.len());
    n += d.refusal().map_or(0, |r| r.code().len());
    n
}

#[test]
fn scan_and_route_allocate_nothing() {
    let payloads = payloads();
    assert!(payloads.len() > 100);
    let tables = RoutingTable::embedded_all();
    let mut total = 0;
    for p in &payloads {
        let (n, count) = allocations(|| {
            let mut n = scan(p).candidates().len();
            let decoded = emvqr::Payload::parse(p).ok();
            for t in tables {
                n += digest(&route(p, t));
                if let Some(d) = &decoded {
                    n += digest(&emvqr::route::route_payload(&Registry::embedded(), t, d));
                }
            }
            n
        });
        assert_eq!(count, 0, "{p}");
        total += n;
    }
    assert!(total > 0);
}

#[test]
fn registry_lookups_allocate_nothing() {
    let (n, count) = allocations(|| {
        let r = Registry::embedded();
        r.match_cpm_aid(&[0xA0, 0, 0, 0x03, 0x33, 1, 1, 1]).count()
            + r.match_template(26, "br.gov.bcb.pix").count()
            + r.match_primitive(15).count()
            + r.match_url("wxp://f2f0YpJfRdX8mWcqH7m1pQWMoHvB").count()
            + r.match_paycode("134567890123456789").count()
            + usize::from(RoutingTable::embedded("tenpay").is_some())
    });
    assert_eq!(count, 0);
    assert_eq!(n, 6);
}

#[test]
fn the_counter_sees_allocations() {
    let (v, count) = allocations(|| vec![1u8; 16]);
    assert_eq!(v.len(), 16);
    assert!(count >= 1);
}
