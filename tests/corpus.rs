//! Replays the committed fuzz corpus and every crash artifact through every decoder on the
//! stable toolchain, so CI guards every input the fuzzers ever found.

#![allow(clippy::expect_used, clippy::arithmetic_side_effects, clippy::panic)]

use std::fs;
use std::path::{Path, PathBuf};

use emvqr::cpm::{CpmBuilder, CpmPayload, MAX_CPM_BYTES};
use emvqr::tlv::TlvIter;
use emvqr::{DecodeOptions, Payload};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            files(&p, out);
        } else if !p
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        {
            out.push(p);
        }
    }
}

/// The CPM decoders: the bytes as scanned text and as raw BER.
fn replay_cpm(data: &[u8]) {
    let mut buf = [0u8; MAX_CPM_BYTES];
    let from_text = CpmPayload::parse_base64(data, &mut buf);
    let rebuilt = from_text.map(|p| {
        CpmBuilder::from_payload(&p)
            .build()
            .map(|b| b.as_bytes() == p.as_bytes())
    });
    match rebuilt {
        Ok(same) => assert_eq!(same, Ok(true)),
        Err(e) => assert!(e.offset() <= data.len()),
    }
    match CpmPayload::parse(data) {
        Ok(p) => assert_eq!(p.as_bytes().len(), data.len()),
        Err(e) => assert!(e.offset() <= data.len()),
    }
}

/// Scan and route, for every embedded wallet: a decision routes or refuses, never both, and
/// every candidate is chosen or skipped with a reason.
fn replay_route(text: &str) {
    use emvqr::route::{RoutingTable, route};
    for table in RoutingTable::embedded_all() {
        let d = route(text, table);
        assert_eq!(d.route().is_some(), d.refusal().is_none());
        let chosen = d.route().map(|r| r.candidate);
        for i in 0..d.scan().candidates().len() {
            assert!((Some(i) == chosen) != d.skipped(i).is_some());
        }
    }
}

/// The image reader (feature `image`): any bytes, no panic; what it reads decodes or fails
/// cleanly.
#[cfg(feature = "image")]
fn replay_image(data: &[u8]) {
    if let Ok(texts) = emvqr::read::from_bytes(data) {
        for text in texts {
            if let Err(e) = Payload::parse_with(&text, &DecodeOptions::lenient()) {
                assert!(e.offset() <= text.chars().count());
            }
        }
    }
}

fn replay(data: &[u8]) {
    replay_cpm(data);
    #[cfg(feature = "image")]
    replay_image(data);
    if let Ok(text) = std::str::from_utf8(data) {
        replay_route(text);
        // The fast path is a subset of the full validation (feature `fuzzing`, which
        // `--all-features` enables).
        #[cfg(feature = "fuzzing")]
        if let Err(e) = emvqr::mpm::fast_path_differential(text) {
            panic!("{text:?}: {e}");
        }
        #[cfg(feature = "fuzzing")]
        if let Err(e) = emvqr::mpm::length_unit_differential(text) {
            panic!("{text:?}: {e}");
        }
        #[cfg(feature = "fuzzing")]
        for opts in [DecodeOptions::strict(), DecodeOptions::pedantic()] {
            if let Err(e) = emvqr::mpm::validate_all_differential(text, &opts) {
                panic!("{text:?}: {e}");
            }
        }
    }
    for opts in [DecodeOptions::strict(), DecodeOptions::lenient()] {
        match Payload::parse_bytes(data, &opts) {
            Ok(p) => {
                let map = p.field_map();
                assert!(map.contains_key("00") && map.contains_key("63"));
            }
            Err(e) => assert!(e.offset() <= data.len()),
        }
    }
    if let Ok(text) = std::str::from_utf8(data) {
        let chars = text.chars().count();
        for item in TlvIter::new(text) {
            match item {
                Ok(t) => assert!(t.value_offset() + t.char_len() <= chars),
                Err(e) => assert!(e.offset() <= chars),
            }
        }
    }
}

#[test]
fn fuzz_corpus_and_artifacts_replay() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut all = Vec::new();
    files(&root.join("corpus"), &mut all);
    files(&root.join("artifacts"), &mut all);
    for f in &all {
        let data = fs::read(f).expect("readable corpus file");
        replay(&data);
    }
    assert!(!all.is_empty(), "the seed corpus is committed");
    println!("{} corpus files replayed", all.len());
}

/// Every dictionary `fuzz/run.sh` names exists, and each of its entries is one quoted token as
/// libFuzzer reads it (an optional `name=`, then printable ASCII with `\xHH`, `\\` or `\"`
/// escapes, in quotes).
#[test]
fn fuzz_dictionaries_exist_and_parse() {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let script = fs::read_to_string(fuzz.join("run.sh")).expect("fuzz/run.sh");
    let named: Vec<&str> = script
        .split("-dict=")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .collect();
    assert!(named.contains(&"dict/cpm.dict") && named.contains(&"dict/mpm.dict"));
    for name in named {
        let text = fs::read_to_string(fuzz.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        let mut entries = 0;
        for line in text
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
        {
            // An optional name: letters, digits and `_`, then `=`.
            let token = match line.split_once('=') {
                Some((name, rest))
                    if name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') =>
                {
                    rest
                }
                _ => line,
            };
            let inner = token
                .strip_prefix('"')
                .and_then(|l| l.strip_suffix('"'))
                .unwrap_or_else(|| panic!("{name}: {line:?} is not one quoted token"));
            let mut chars = inner.chars();
            while let Some(c) = chars.next() {
                assert!(c.is_ascii() && !c.is_ascii_control(), "{name}: {line:?}");
                if c == '\\' {
                    match chars.next() {
                        Some('x') => {
                            let hex: String = chars.by_ref().take(2).collect();
                            assert!(u8::from_str_radix(&hex, 16).is_ok(), "{name}: {line:?}");
                        }
                        Some('\\' | '"') => {}
                        other => panic!("{name}: {line:?}: escape {other:?}"),
                    }
                }
            }
            entries += 1;
        }
        assert!(entries > 10, "{name}: {entries} entries");
    }
}
