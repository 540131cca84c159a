//! `Payload::validate_all` agrees with the decoder: on every decode vector, and on mutations of
//! valid payloads, it finds the payload valid exactly when the decoder does, the decoder's error
//! is among its errors, and a valid payload's warnings are the decoder's (feature `fuzzing`,
//! which `--all-features` enables, exposes the check).
#![cfg(feature = "fuzzing")]
#![allow(
    clippy::arithmetic_side_effects,
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use emvqr::conform::{Vector, load};
use emvqr::{DecodeOptions, Payload};
use proptest::prelude::*;
use serde_json::Value;

fn options(v: &Vector) -> DecodeOptions {
    emvqr::conform::request_options(v.body()).expect("a vector's options")
}

/// `Err` says how `validate_all` and the decoder disagree on `text`.
fn agree(text: &str, opts: &DecodeOptions) -> Result<(), String> {
    emvqr::mpm::validate_all_differential(text, opts)
}

#[test]
fn every_decode_vector() {
    let vectors = load(&["spec/mpm", "spec/profile", "spec/real"]).expect("vectors load");
    assert!(vectors.len() > 1000);
    let mut several = 0;
    for v in &vectors {
        let Some(text) = v.body().get("payload").and_then(Value::as_str) else {
            continue;
        };
        let opts = options(v);
        if let Err(why) = agree(text, &opts) {
            panic!("{}: {why}", v.id());
        }
        if Payload::validate_all(text, &opts).errors().count() > 1 {
            several += 1;
        }
    }
    // Real codes often break more than one rule: the point of validate_all.
    assert!(several > 50, "only {several} vectors with several errors");
}

#[test]
fn every_error_is_found_once() {
    // A currency that does not exist, a name too long, and a wrong CRC: three errors.
    let text = "000201010211021641111111111111115204541153039995802US5926ABCDEFGHIJKLMNOPQRSTUVWXYZ6003NYC6304C6B5";
    let all = Payload::validate_all(text, &DecodeOptions::strict());
    let codes: Vec<_> = all.errors().map(|e| (e.code(), e.offset())).collect();
    assert_eq!(
        codes,
        [
            ("invalid_currency", 44),
            ("field_too_long", 57),
            ("crc_mismatch", 94)
        ]
    );
    // A broken root structure stops the reading: one error.
    let all = Payload::validate_all("000201019912", &DecodeOptions::strict());
    assert_eq!(all.iter().len(), 1);
    assert_eq!(
        all.errors().next().map(|e| e.code()),
        Some("length_overrun")
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// One character of a valid payload replaced: both readings still agree.
    #[test]
    fn mutations_agree(m in common::model(), at in any::<prop::sample::Index>(), c in any::<char>()) {
        let text = m.builder().build().unwrap().into_string();
        let chars: Vec<char> = text.chars().collect();
        let i = at.index(chars.len());
        let mutated: String = chars
            .iter()
            .enumerate()
            .map(|(j, &x)| if j == i { c } else { x })
            .collect();
        for opts in [DecodeOptions::strict(), DecodeOptions::pedantic(), DecodeOptions::lenient()] {
            prop_assert_eq!(agree(&mutated, &opts), Ok(()));
        }
    }
}
