#![cfg(feature = "serde")]
//! The embedded registry and routing tables equal their JSON sources, and every paycode, scan
//! and route vector under `spec/` passes.
// Everything in an integration test is test code, helpers included.
#![allow(
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    clippy::arithmetic_side_effects
)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use emvqr::registry::RegistryBuf;
use emvqr::route::{RoutingTableBuf, decide};
use emvqr::scan::scan_with;
use emvqr::{DecodeOptions, Leniency, Registry, RoutingTable, scan};
use serde_json::Value;

fn spec() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("spec")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn json_files(kind: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(spec().join(kind))
        .expect("spec folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    v.sort();
    assert!(!v.is_empty(), "no vectors in spec/{kind}");
    v
}

fn vectors(kind: &str) -> Vec<Value> {
    json_files(kind)
        .iter()
        .flat_map(|p| {
            serde_json::from_str::<Vec<Value>>(&read(p))
                .unwrap_or_else(|e| panic!("{}: {e}", p.display()))
        })
        .collect()
}

fn options(v: &Value) -> DecodeOptions {
    let mut opts = DecodeOptions::strict();
    for name in v
        .pointer("/options/lenient")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let name = name.as_str().expect("leniency name");
        opts = if name == "all" {
            DecodeOptions::lenient()
        } else {
            opts.allow(Leniency::from_name(name).expect("known leniency"))
        };
    }
    opts
}

fn s<'a>(v: &'a Value, key: &str) -> &'a str {
    v[key]
        .as_str()
        .unwrap_or_else(|| panic!("{}: no string {key}", v["id"]))
}

#[test]
fn embedded_registry_equals_json() {
    let text = read(&spec().join("registry/providers.json"));
    let buf: RegistryBuf<'_> = serde_json::from_str(&text).expect("registry JSON");
    assert_eq!(buf.view(), Registry::embedded());
    // Every provider id the issue names is present.
    for id in [
        "unionpay",
        "tenpay",
        "alipay",
        "alipayplus",
        "visa",
        "mastercard",
        "amex",
        "jcb",
        "discover",
        "pix",
        "promptpay",
        "thai-billpay",
        "paynow",
        "sgqr",
        "nets",
        "duitnow",
        "qris",
        "vietqr",
        "vnpay",
        "khqr",
        "qrph",
        "fps",
        "upi",
        "jpqr",
    ] {
        assert!(buf.view().provider(id).is_some(), "{id} missing");
    }
    // Rules name known providers only.
    for r in &buf.rules {
        assert!(buf.view().provider(r.provider).is_some(), "{}", r.provider);
    }
}

#[test]
fn embedded_routing_tables_equal_json() {
    let files = json_files("routing");
    assert_eq!(files.len(), RoutingTable::embedded_all().len());
    for path in files {
        let text = read(&path);
        let buf: RoutingTableBuf<'_> = serde_json::from_str(&text).expect("routing JSON");
        let embedded = RoutingTable::embedded(buf.wallet).expect("embedded table");
        assert_eq!(buf.view(), embedded, "{}", path.display());
        for r in &buf.routes {
            assert!(Registry::embedded().provider(r.provider).is_some());
            assert!(r.via == "direct" || Registry::embedded().provider(r.via).is_some());
        }
    }
}

#[test]
fn registry_is_extendable_at_run_time() {
    let extra = r#"{"providers":[{"id":"examplepay","name":"Example Pay","source":"test"}],
        "rules":[{"provider":"examplepay","match":{"kind":"guid","value":"com.example.pay","case":"exact"},"source":"test"}]}"#;
    let extra: RegistryBuf<'_> = serde_json::from_str(extra).expect("extra registry");
    let mut reg = RegistryBuf::embedded();
    reg.extend(&extra);
    let text = "00020101021126330015com.example.pay0110merchant-152045812530315658\
                02CN5904SHOP6008SHANGHAI";
    let body = format!("{text}6304");
    let payload = format!("{body}{:04X}", emvqr::crc::checksum(body.as_bytes()));
    let before = scan(&payload);
    assert_eq!(before.candidates().len(), 0);
    let after = scan_with(&reg.view(), &payload, &DecodeOptions::strict());
    let found: Vec<_> = after.candidates().map(|c| c.provider).collect();
    assert_eq!(found, ["examplepay"]);
}

fn distinct_providers(s: &emvqr::Scan<'_>) -> BTreeSet<String> {
    s.candidates().map(|c| c.provider.to_owned()).collect()
}

#[test]
fn paycode_vectors() {
    let all = vectors("paycode");
    for v in &all {
        let scanned = scan(s(v, "payload"));
        let providers = distinct_providers(&scanned);
        // Providers of one family (Alipay and Alipay+) are one code with two acceptance paths.
        let first = providers.iter().next().map_or("", String::as_str);
        let one_family = providers
            .iter()
            .all(|p| emvqr::scheme::same_family(first, p));
        let got = match (scanned.kind(), one_family) {
            (emvqr::Kind::Paycode, true) => "match",
            (emvqr::Kind::Paycode, false) => "ambiguous",
            _ => "none",
        };
        assert_eq!(got, s(v, "expect"), "{}", v["id"]);
        let want: BTreeSet<String> = v["providers"]
            .as_array()
            .expect("providers")
            .iter()
            .map(|p| p.as_str().expect("id").to_owned())
            .collect();
        assert_eq!(providers, want, "{}", v["id"]);
    }
    eprintln!("paycode vectors: {}", all.len());
}

#[test]
fn scan_vectors() {
    let all = vectors("scan");
    let reg = Registry::embedded();
    for v in &all {
        let scanned = scan_with(&reg, s(v, "payload"), &options(v));
        assert_eq!(scanned.kind().code(), s(v, "expect"), "{}", v["id"]);
        // The lookup index of the embedded registry changes nothing.
        let linear = scan_with(&reg.unindexed(), s(v, "payload"), &options(v));
        assert!(
            scanned.candidates().eq(linear.candidates()),
            "{}: indexed and linear scans differ",
            v["id"]
        );
        let got: Vec<Value> = scanned
            .candidates()
            .map(|c| {
                let mut o =
                    serde_json::json!({"provider": c.provider, "matched_by": c.matched_by.code()});
                if let Some(id) = c.id {
                    o["id"] = Value::from(id);
                }
                if let Some(institution) = c.institution {
                    o["institution"] = Value::from(institution);
                }
                o
            })
            .collect();
        // Vectors may leave `id` out: compare only the keys each expected candidate has.
        let want = v["candidates"].as_array().expect("candidates");
        assert_eq!(got.len(), want.len(), "{}: {got:?}", v["id"]);
        for (g, w) in got.iter().zip(want) {
            for (k, wv) in w.as_object().expect("candidate object") {
                assert_eq!(&g[k], wv, "{}: {k}", v["id"]);
            }
        }
    }
    eprintln!("scan vectors: {}", all.len());
}

#[test]
fn route_vectors() {
    let all = vectors("route");
    let reg = Registry::embedded();
    for v in &all {
        let id = &v["id"];
        let wallet = s(v, "wallet");
        let table_text;
        let loaded;
        let table = match v.get("table").and_then(Value::as_str) {
            Some(file) => {
                table_text = read(&spec().join("routing").join(file));
                loaded = serde_json::from_str::<RoutingTableBuf<'_>>(&table_text).expect("table");
                assert_eq!(loaded.wallet, wallet, "{id}");
                loaded.view()
            }
            None => RoutingTable::embedded(wallet).expect("embedded wallet"),
        };
        let d = decide(scan_with(&reg, s(v, "payload"), &options(v)), &table);
        let expect = s(v, "expect");
        if let Some(kind) = v.get("kind").and_then(Value::as_str) {
            assert_eq!(d.scan().kind().code(), kind, "{id}");
        }
        match d.route() {
            Some(r) => {
                assert_eq!(expect, "routed", "{id}");
                assert_eq!(d.refusal(), None);
                assert_eq!(r.provider, s(&v["route"], "provider"), "{id}");
                assert_eq!(r.via, s(&v["route"], "via"), "{id}");
                assert_eq!(d.ranked().next(), Some(r.candidate), "{id}");
            }
            None => {
                assert!(v["route"].is_null(), "{id}");
                assert_eq!(d.refusal().map(|r| r.code()), Some(expect), "{id}");
            }
        }
        if let Some(want) = v.get("skipped").and_then(Value::as_array) {
            let got: Vec<Value> = d
                .scan()
                .candidates()
                .enumerate()
                .filter_map(|(i, c)| {
                    d.skipped(i)
                        .map(|r| serde_json::json!({"provider": c.provider, "reason": r.code()}))
                })
                .collect();
            assert_eq!(&got, want, "{id}");
        }
        // Every candidate is either chosen or skipped with a reason.
        let chosen = d.route().map(|r| r.candidate);
        for i in 0..d.scan().candidates().len() {
            assert!(
                (Some(i) == chosen) != d.skipped(i).is_some(),
                "{id}: candidate {i}"
            );
        }
    }
    eprintln!("route vectors: {}", all.len());
}
