//! Decoding and every accessor of the borrowed view perform no heap allocation.
//!
//! This test binary installs a counting global allocator; the count is thread-local, so the
//! harness's own allocations on other threads do not disturb a measurement.
//!
//! The global allocator needs `unsafe impl GlobalAlloc`, so the package lint is `deny` (which a
//! test file may lift) while `src/lib.rs` keeps `#![forbid(unsafe_code)]` for the library.
#![allow(
    unsafe_code,
    clippy::arithmetic_side_effects,
    clippy::unwrap_used,
    clippy::indexing_slicing
)]

mod common;
#[path = "common/counting.rs"]
mod counting;

use std::fmt::Write as _;

use common::{ANNEX_B, seal};
use counting::allocations;
use emvqr::tlv::TlvIter;
use emvqr::{DecodeOptions, MerchantAccount, Payload, Tip};

#[global_allocator]
static GLOBAL: counting::Counting = counting::Counting;

/// The stack buffer the formatting checks write into.
type StackBuf = counting::StackBuf<256>;

/// Reads everything the borrowed view offers; returns a digest so nothing is optimised out.
fn walk(p: &Payload<'_>) -> usize {
    let mut n = p.as_str().len() + p.format_indicator().len();
    n += usize::from(p.initiation().is_some());
    for o in p.objects() {
        n += usize::from(o.id) + o.value.len() + o.offset;
        n += p.get(o.id).map_or(0, str::len);
    }
    for a in p.merchant_accounts() {
        n += usize::from(a.id()) + a.guid().map_or(0, str::len);
        match a {
            MerchantAccount::Template(t) => {
                n += t.value().len() + usize::from(t.path().root_id().unwrap_or(0));
                for f in t.fields() {
                    n += usize::from(f.id) + f.value.len() + f.offset;
                }
                n += t.get(1).map_or(0, str::len);
            }
            MerchantAccount::Primitive { network, value, .. } => {
                n += network.name().len() + value.len();
            }
        }
    }
    n += p.merchant_category_code().map_or(0, str::len) + p.currency_code().len();
    if let Some(c) = p.currency() {
        n += usize::from(c.numeric()) + c.alpha().len();
        if let Some(a) = p.amount() {
            n += usize::try_from(a.to_minor_units(c.exponent()).unwrap_or(0)).unwrap_or(0);
            n += a.as_str().len();
        }
    }
    n += match p.tip() {
        Some(Tip::Fixed(a)) => a.as_str().len() + usize::from(a.to_minor_units(2).is_some()),
        Some(Tip::Percentage(s)) => s.len(),
        Some(Tip::Prompt) => 1,
        None => 0,
    };
    n += p.country().len() + p.merchant_name().map_or(0, str::len);
    n += p.merchant_city().map_or(0, str::len) + p.postal_code().map_or(0, str::len);
    if let Some(t) = p.additional_data() {
        for f in t.fields() {
            n += usize::from(f.id) + f.value.len();
        }
        n += t.get(5).map_or(0, str::len);
    }
    if let Some(l) = p.language() {
        n += l.language().map_or(0, str::len) + l.merchant_name().map_or(0, str::len);
        n += l.merchant_city().map_or(0, str::len) + l.template().fields().count();
    }
    for t in p.unreserved_templates() {
        n += t.fields().count() + t.guid().map_or(0, str::len);
    }
    for o in p.rfu_objects() {
        n += o.value.len();
    }
    n += p.crc().len() + p.warnings_dropped();
    let mut buf = StackBuf::new();
    for w in p.warnings() {
        n += w.code().len() + w.offset() + usize::from(w.path().root_id().unwrap_or(0));
        buf.len = 0;
        let _ = write!(buf, "{w}");
        n += buf.len;
    }
    n
}

/// One data object with its character-counted length.
fn tlv(id: u8, value: &str) -> String {
    format!("{id:02}{:02}{value}", value.chars().count())
}

/// Typical static ASCII payload (a Pix key).
fn typical() -> String {
    seal(
        &[
            tlv(0, "01"),
            tlv(
                26,
                &(tlv(0, "br.gov.bcb.pix") + &tlv(1, "123e4567-e12b-12d1-a456-426655440000")),
            ),
            tlv(52, "0000"),
            tlv(53, "986"),
            tlv(58, "BR"),
            tlv(59, "FULANO DE TAL"),
            tlv(60, "BRASILIA"),
            tlv(62, &tlv(5, "***")),
        ]
        .concat(),
    )
}

/// Strictly valid, with one warning of each kind the strict decoder raises.
fn with_warnings() -> String {
    seal(&warned_body())
}

/// Strictly valid, with more warnings than the 16 kept (so some are dropped).
fn many_warnings() -> String {
    let mut body = warned_body();
    for id in 66..=79 {
        body.push_str(&tlv(id, "ok"));
    }
    seal(&body)
}

fn warned_body() -> String {
    [
        tlv(0, "01"),
        tlv(1, "11"),
        // Pix in upper case, with an invisible and a bidi character in the free text (02).
        tlv(
            26,
            &(tlv(0, "BR.GOV.BCB.PIX")
                + &tlv(1, "pix@example.com")
                + &tlv(2, "info\u{200B}\u{202E}ab")),
        ),
        // GUID not first.
        tlv(27, &(tlv(1, "X") + &tlv(0, "A000000000010203040506"))),
        tlv(52, "0000"),
        // BRL in Portugal: a currency mismatch, and a Pix country warning.
        tlv(53, "986"),
        tlv(54, "10.00"),
        tlv(58, "PT"),
        tlv(59, "JOSÉ é"),
        tlv(60, "SÃO PAULO"),
        tlv(
            62,
            &[
                tlv(5, "***"),
                tlv(20, "RFU"),
                tlv(30, "RFU"),
                tlv(40, "RFU"),
            ]
            .concat(),
        ),
        tlv(
            64,
            &[tlv(0, "PT"), tlv(1, "Jos\u{00AD}é"), tlv(3, "X\u{200F}")].concat(),
        ),
        tlv(65, "RFU"),
    ]
    .concat()
}

/// Valid only with leniencies: lower-case CRC, leading zero and extra decimals in 54.
fn lenient_only() -> String {
    let s = seal(
        &[
            tlv(0, "01"),
            tlv(2, "4111111111111111"),
            tlv(52, "5411"),
            tlv(53, "840"),
            tlv(54, "01.234"),
            tlv(58, "US"),
            tlv(59, "SHOP"),
            tlv(60, "NYC"),
        ]
        .concat(),
    );
    let (head, crc) = s.split_at(s.len() - 4);
    let crc = crc.to_ascii_lowercase();
    assert!(
        crc.bytes().any(|b| b.is_ascii_lowercase()),
        "pick a body whose CRC has a letter"
    );
    format!("{head}{crc}")
}

/// A valid body without 59 (and, with `name`, a 59 holding `name`).
fn shop(name: Option<&str>) -> String {
    let mut body = [
        tlv(0, "01"),
        tlv(2, "4111111111111111"),
        tlv(52, "5411"),
        tlv(53, "840"),
        tlv(58, "US"),
    ]
    .concat();
    if let Some(n) = name {
        body.push_str(&tlv(59, n));
    }
    body.push_str(&tlv(60, "NYC"));
    seal(&body)
}

#[test]
fn the_counter_counts() {
    let (_, n) = allocations(|| String::from("allocates"));
    assert!(n >= 1);
    let (_, n) = allocations(|| 1 + 1);
    assert_eq!(n, 0);
}

#[test]
fn valid_payloads_decode_without_allocating() {
    let typical = typical();
    let warned = with_warnings();
    let many = many_warnings();
    for text in [ANNEX_B, typical.as_str(), warned.as_str(), many.as_str()] {
        let (p, n) = allocations(|| Payload::parse(text));
        let p = p.unwrap_or_else(|e| panic!("{e} on {text}"));
        assert_eq!(n, 0, "Payload::parse allocated on {text}");
        let (digest, n) = allocations(|| walk(&p));
        assert!(digest > 0);
        assert_eq!(n, 0, "an accessor allocated on {text}");
        let (r, n) =
            allocations(|| Payload::parse_bytes(text.as_bytes(), &DecodeOptions::strict()));
        assert!(r.is_ok());
        assert_eq!(n, 0, "Payload::parse_bytes allocated on {text}");
        let (r, n) =
            allocations(|| Payload::parse_with(text, &DecodeOptions::lenient()).map(|p| walk(&p)));
        assert!(r.is_ok());
        assert_eq!(n, 0, "lenient parse allocated on {text}");
        let (count, n) = allocations(|| TlvIter::new(text).filter(Result::is_ok).count());
        assert!(count > 0);
        assert_eq!(n, 0);
        let (_, n) = allocations(|| emvqr::crc::checksum(text.as_bytes()));
        assert_eq!(n, 0);
    }
}

#[test]
fn the_accessors_see_what_they_should() {
    let p = Payload::parse(ANNEX_B).unwrap();
    assert_eq!(p.amount().and_then(|a| a.to_minor_units(2)), Some(2372));
    assert_eq!(p.merchant_accounts().count(), 2);
    assert_eq!(p.additional_data().map(|t| t.fields().count()), Some(4));
    assert_eq!(p.language().and_then(|l| l.merchant_city()), Some("北京"));
    let warned = with_warnings();
    let p = Payload::parse(&warned).unwrap();
    let codes: Vec<_> = p.warnings().iter().map(|w| w.code()).collect();
    for code in [
        "static_with_amount",
        "invisible_char",
        "bidi_control",
        "country_currency_mismatch",
        "guid_case_folded",
        "non_ascii",
        "guid_not_first",
        "rfu_id",
        "profile_rule",
    ] {
        assert!(codes.contains(&code), "{code} missing from {codes:?}");
    }
    assert!(codes.len() <= emvqr::mpm::MAX_WARNINGS);
    assert_eq!(p.warnings_dropped(), 0);
    let many = many_warnings();
    let p = Payload::parse(&many).unwrap();
    // Three slots are kept for the warnings across fields, so per-object warnings stop at 13.
    assert!(p.warnings().len() >= emvqr::mpm::MAX_WARNINGS - 3);
    assert!(p.warnings().len() <= emvqr::mpm::MAX_WARNINGS);
    assert!(p.warnings_dropped() > 0);
}

#[test]
fn lenient_decoding_does_not_allocate() {
    let text = lenient_only();
    assert!(Payload::parse(&text).is_err());
    let (r, n) = allocations(|| Payload::parse_with(&text, &DecodeOptions::lenient()));
    let p = r.unwrap_or_else(|e| panic!("{e} on {text}"));
    assert_eq!(n, 0);
    assert!(!p.warnings().is_empty());
    let (_, n) = allocations(|| walk(&p));
    assert_eq!(n, 0);
}

#[test]
fn rejections_do_not_allocate() {
    let typical = typical();
    let stale = format!("{}0000", &typical[..typical.len() - 4]);
    let bad_name = shop(Some("SHOP\u{7}"));
    let missing = shop(None);
    assert!(Payload::parse(&shop(Some("SHOP"))).is_ok());
    let long = "0".repeat(4000);
    let inputs: [&[u8]; 8] = [
        stale.as_bytes(),
        bad_name.as_bytes(),
        missing.as_bytes(),
        b"",
        b"000201010211520",
        b"0002016304\xFF\xFE",
        long.as_bytes(),
        &ANNEX_B.as_bytes()[..ANNEX_B.len() - 1],
    ];
    for bytes in inputs {
        for opts in [DecodeOptions::strict(), DecodeOptions::lenient()] {
            let (r, n) = allocations(|| {
                Payload::parse_bytes(bytes, &opts)
                    .map(|p| p.as_str().len())
                    .map_err(|e| {
                        let mut buf = StackBuf::new();
                        let _ = write!(buf, "{e} {}", e.path());
                        (e.code(), e.offset(), buf.len)
                    })
            });
            let e = r.expect_err("invalid input accepted");
            assert!(e.2 > 0);
            assert_eq!(
                n,
                0,
                "rejecting {:?} allocated ({})",
                String::from_utf8_lossy(bytes),
                e.0
            );
        }
        if let Ok(s) = std::str::from_utf8(bytes) {
            let (r, n) = allocations(|| Payload::parse(s).map(|_| ()));
            assert!(r.is_err());
            assert_eq!(n, 0);
        }
    }
}

/// Every payload of `spec/mpm`, valid or not, fast path or full validation, under the strict
/// and the lenient options: not one allocation.
#[test]
fn every_spec_payload_decodes_without_allocating() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/spec/mpm");
    let mut payloads = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            let text = std::fs::read_to_string(&path).unwrap();
            let vectors: serde_json::Value = serde_json::from_str(&text).unwrap();
            for v in vectors.as_array().unwrap() {
                if let Some(p) = v["payload"].as_str() {
                    payloads.push(p.to_owned());
                }
            }
        }
    }
    assert!(payloads.len() > 500, "{}", payloads.len());
    let mut valid = 0;
    for text in &payloads {
        for opts in [DecodeOptions::strict(), DecodeOptions::lenient()] {
            let (r, n) = allocations(|| Payload::parse_with(text, &opts).map(|p| walk(&p)));
            assert_eq!(n, 0, "decoding allocated on {text:?}");
            valid += usize::from(r.is_ok());
        }
    }
    assert!(valid > 100, "{valid}");
}
