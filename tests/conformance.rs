//! Runs every vector under `spec/mpm/` and holds the expected-failures ledger.
//!
//! One line is printed per failing vector. A vector listed in `spec/expected_failures.txt`
//! may fail; if it passes, the run fails too, so the ledger only shrinks.
#![allow(
    clippy::arithmetic_side_effects,
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use emvqr::{DecodeOptions, FieldMap, FieldValue, Leniency, Payload, PayloadBuilder};
use serde_json::Value;

fn spec_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("spec")
}

fn vector_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(spec_dir().join("mpm"))
        .expect("spec/mpm exists")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
}

fn ledger() -> BTreeSet<String> {
    let text = fs::read_to_string(spec_dir().join("expected_failures.txt")).unwrap_or_default();
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(String::from)
        .collect()
}

fn options(v: &Value) -> Result<DecodeOptions, String> {
    let mut opts = match v.pointer("/options/pedantic") {
        None => DecodeOptions::strict(),
        Some(Value::Bool(true)) => DecodeOptions::pedantic(),
        Some(Value::Bool(false)) => DecodeOptions::strict(),
        Some(_) => return Err("options.pedantic is not a boolean".to_owned()),
    };
    if let Some(on) = v.pointer("/options/profiles").and_then(Value::as_bool) {
        opts = opts.profiles(on);
    }
    if let Some(list) = v.pointer("/options/lenient").and_then(Value::as_array) {
        for name in list {
            let name = name.as_str().ok_or("leniency name is not a string")?;
            if name == "all" {
                opts = DecodeOptions::lenient().profiles(opts.applies_profiles());
            } else {
                let l = Leniency::from_name(name).ok_or(format!("unknown leniency {name}"))?;
                opts = opts.allow(l);
            }
        }
    }
    Ok(opts)
}

fn payload_bytes(v: &Value) -> Result<Vec<u8>, String> {
    if let Some(s) = v.get("payload").and_then(Value::as_str) {
        return Ok(s.as_bytes().to_vec());
    }
    let hex = v
        .get("payload_hex")
        .and_then(Value::as_str)
        .ok_or("no payload")?;
    (0..hex.len())
        .step_by(2)
        .map(|i| {
            hex.get(i..i + 2)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
                .ok_or_else(|| "bad payload_hex".to_string())
        })
        .collect()
}

/// The vector-file shape of a field map.
fn to_json(map: &FieldMap) -> Value {
    let obj = map
        .iter()
        .map(|(k, v)| {
            let v = match v {
                FieldValue::Text(t) => Value::String(t.clone()),
                FieldValue::Template(m) => Value::Object(
                    m.iter()
                        .map(|(sk, sv)| (sk.clone(), Value::String(sv.clone())))
                        .collect(),
                ),
            };
            (k.clone(), v)
        })
        .collect();
    Value::Object(obj)
}

/// True when root objects and each template's sub-objects are in ascending ID order.
fn ascending(p: &Payload<'_>) -> bool {
    let ids: Vec<u8> = p.objects().map(|o| o.id).collect();
    if !ids.windows(2).all(|w| w[0] < w[1]) {
        return false;
    }
    p.objects().all(|o| match p.template(o.id) {
        Some(t) => {
            let subs: Vec<u8> = t.fields().map(|s| s.id).collect();
            subs.windows(2).all(|w| w[0] < w[1])
        }
        None => true,
    })
}

/// Checks one vector; `Err` says why it fails.
fn check(v: &Value) -> Result<(), String> {
    let bytes = payload_bytes(v)?;
    let opts = options(v)?;
    let expect = v.get("expect").and_then(Value::as_str).ok_or("no expect")?;
    let result = Payload::parse_bytes(&bytes, &opts);
    match (expect, result) {
        ("valid", Ok(p)) => {
            let fields = to_json(&p.field_map());
            let want = v.get("fields").ok_or("valid vector without fields")?;
            if &fields != want {
                return Err(format!("fields differ: got {fields}"));
            }
            let mut got: Vec<&str> = p.warnings().iter().map(|w| w.code()).collect();
            got.sort_unstable();
            let mut want: Vec<&str> = v
                .get("warnings")
                .and_then(Value::as_array)
                .ok_or("valid vector without warnings")?
                .iter()
                .filter_map(Value::as_str)
                .collect();
            want.sort_unstable();
            if got != want {
                return Err(format!("warnings {got:?}, expected {want:?}"));
            }
            let canonical = v.get("canonical").and_then(Value::as_bool).unwrap_or(true);
            reencode(&p, &opts, canonical)
        }
        ("valid", Err(e)) => Err(format!(
            "rejected: {} at {} path {:?} ({e})",
            e.code(),
            e.offset(),
            e.path().to_string()
        )),
        ("invalid", Ok(_)) => Err("accepted, expected an error".into()),
        ("invalid", Err(e)) => {
            let want = v.get("error").ok_or("invalid vector without error")?;
            let code = want.get("code").and_then(Value::as_str);
            let offset = want.get("offset").and_then(Value::as_u64);
            let path = want.get("path").and_then(Value::as_str);
            let got_path = e.path().to_string();
            if code != Some(e.code())
                || offset != Some(e.offset() as u64)
                || path != Some(got_path.as_str())
            {
                return Err(format!(
                    "error {} at {} path {:?}, expected {} at {} path {:?}",
                    e.code(),
                    e.offset(),
                    got_path,
                    code.unwrap_or("?"),
                    offset.unwrap_or(u64::MAX),
                    path.unwrap_or("?")
                ));
            }
            Ok(())
        }
        (other, _) => Err(format!("unknown expect {other:?}")),
    }
}

/// A valid payload re-encodes: byte for byte when it is in canonical (ascending) order,
/// otherwise to the same fields.
fn reencode(p: &Payload<'_>, opts: &DecodeOptions, canonical: bool) -> Result<(), String> {
    if p.rfu_objects().next().is_some() || p.warnings().iter().any(|w| w.code() == "rfu_id") {
        return Ok(()); // A generator never emits RFU objects.
    }
    let mut map = p.field_map();
    let rebuilt = PayloadBuilder::from_field_map(&map)
        .and_then(|b| b.options(*opts).build())
        .map_err(|e| format!("re-encode refused: {e}"))?;
    if canonical && ascending(p) {
        if rebuilt.as_str() != p.as_str() {
            return Err(format!("re-encoded differently: {}", rebuilt.as_str()));
        }
    } else {
        let mut again = rebuilt.as_payload().field_map();
        again.remove("63");
        map.remove("63");
        if again != map {
            return Err("re-encoded to different fields".into());
        }
    }
    Ok(())
}

#[test]
fn conformance_vectors() {
    let ledger = ledger();
    let mut ids = BTreeSet::new();
    let (mut passed, mut failed, mut expected_fail) = (0usize, 0usize, 0usize);
    let mut unexpected = Vec::new();
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for file in vector_files() {
        let text = fs::read_to_string(&file).expect("readable vector file");
        let vectors: Vec<Value> = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("{}: not a JSON array of vectors: {e}", file.display()));
        for v in &vectors {
            let id = v
                .get("id")
                .and_then(Value::as_str)
                .expect("vector id")
                .to_string();
            assert!(ids.insert(id.clone()), "duplicate vector id {id}");
            assert!(
                v.get("source")
                    .and_then(Value::as_str)
                    .is_some_and(|s| !s.is_empty()),
                "{id}: no source"
            );
            let expect = v.get("expect").and_then(Value::as_str).unwrap_or("?");
            *counts.entry(expect.to_string()).or_default() += 1;
            match (check(v), ledger.contains(&id)) {
                (Ok(()), false) => passed += 1,
                (Ok(()), true) => {
                    println!("UNEXPECTED PASS {id}: remove it from spec/expected_failures.txt");
                    unexpected.push(id);
                }
                (Err(why), true) => {
                    println!("expected failure {id}: {why}");
                    expected_fail += 1;
                }
                (Err(why), false) => {
                    println!("FAIL {id}: {why}");
                    failed += 1;
                    unexpected.push(id);
                }
            }
        }
    }
    for id in &ledger {
        assert!(ids.contains(id), "ledger names unknown vector {id}");
    }
    println!("vectors by verdict: {counts:?}; {expected_fail} expected failures in the ledger");
    println!("{passed} passed, {failed} failed");
    assert!(ids.len() >= 200, "only {} vectors", ids.len());
    assert!(unexpected.is_empty(), "unexpected results: {unexpected:?}");
}
