//! The borrowed consumer-presented path (base64 into a caller buffer, BER parse, every
//! accessor, masked formatting, errors) performs no heap allocation.
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

#[path = "common/counting.rs"]
mod counting;

use std::fmt::Write as _;

use counting::allocations;
use emvqr::ber::{self, Tag, TlvIter};
use emvqr::cpm::{self, CpmPayload, MAX_CPM_BYTES};

#[global_allocator]
static GLOBAL: counting::Counting = counting::Counting;

/// The stack buffer the formatting checks write into.
type StackBuf = counting::StackBuf<512>;

const EX1: &str = "hQVDUFYwMWEaTwegAAAAVVVVVw8SNFZ4kBI0WNGRIgESNF8=";
const EX2: &str = "hQVDUFYwMWETTwegAAAAVVVVUAhQcm9kdWN0MWETTwegAAAAZmZmUAhQcm9kdWN0MmJJWggSNFZ4kBI0WF8gDkNBUkRIT0xERVIvRU1WXy0IcnVlc2RlZW5kIZ8QBwYBCgMAAACfJghYT9OF+iNLzJ82AgABnzcEbVjvEw==";

/// Reads everything the borrowed view offers; returns a digest so nothing is optimised out.
fn walk(p: &CpmPayload<'_>) -> usize {
    let mut out = StackBuf::new();
    let mut n = p.as_bytes().len() + p.warnings().count();
    for o in p.objects() {
        n += o.offset() + o.value().len() + o.tag().len();
        for c in o.children().flatten() {
            n += c.value_offset() + c.path().depth();
            let _ = write!(out, "{}", c.path());
        }
    }
    for aid in p.aids() {
        n += aid.len();
    }
    for a in p.applications() {
        n += a.aid().len() + a.label().map_or(0, str::len);
        n += a.cardholder_name().map_or(0, str::len) + a.language().map_or(0, str::len);
        n += a.issuer_url().map_or(0, str::len) + usize::from(a.version()[1]);
        n += a.token_requestor_id().map_or(0, <[u8]>::len);
        n += a.payment_account_reference().map_or(0, str::len);
        n += a.pan_last4().map_or(0, <[u8]>::len);
        n += a.transparent().map_or(0, |t| t.value().len());
        n += a.find(Tag::from_u32(0x5F2D)).map_or(0, |t| t.value().len());
        if let Some(pan) = a.pan() {
            n += pan.len() + pan.digits().count() + pan.last4().count();
            let _ = write!(out, "{pan} {pan:?} {}", pan.reveal());
        }
        if let Some(t2) = a.track2() {
            n += t2.expiry().len() + t2.service_code().len() + t2.as_bytes().len();
            let _ = write!(out, "{t2} {t2:?} {}", t2.reveal());
        }
        let _ = write!(out, "{a:?}");
    }
    if let Some(c) = p.common() {
        n += c.objects().count() + c.transparent().map_or(0, |t| t.value().len());
        let _ = write!(out, "{c:?}");
    }
    n += p.other_templates().count();
    let rid: &[u8] = &[0xA0, 0, 0, 0, 0x55];
    n += p.select(&[rid]).map_or(0, |a| a.aid().len());
    let _ = write!(out, "{p:?}");
    n + out.len
}

#[test]
fn decoding_and_reading_allocate_nothing() {
    for text in [EX1, EX2] {
        let mut buf = [0u8; MAX_CPM_BYTES];
        let (digest, count) = allocations(|| {
            let p = CpmPayload::parse_base64(text, &mut buf).unwrap();
            walk(&p)
        });
        assert!(digest > 0);
        assert_eq!(count, 0, "{text}");
    }
}

#[test]
fn errors_allocate_nothing() {
    let invalid = [
        "",
        "hQVDUFYwMQ",
        "hQVDUFYwMQ===",
        "hQVD UFY",
        "hQVDUFYwMR==",
        "hQVDUFYwM",
        "hQVDUFYwMQ==",
        "hQVDUFYwMWGA",
    ];
    for text in invalid {
        let mut buf = [0u8; MAX_CPM_BYTES];
        let (result, count) = allocations(|| {
            let mut out = StackBuf::new();
            let e = CpmPayload::parse_base64(text, &mut buf).unwrap_err();
            let _ = write!(out, "{e} {e:?} {}", e.path());
            (e.code(), out.len)
        });
        assert!(result.1 > 0);
        assert_eq!(count, 0, "{text}");
    }
    let long = "A".repeat(cpm::MAX_CPM_TEXT + 1);
    let mut buf = [0u8; MAX_CPM_BYTES];
    let (e, count) = allocations(|| CpmPayload::parse_base64(&long, &mut buf).unwrap_err());
    assert_eq!((e.code(), count), ("too_long", 0));
}

#[test]
fn ber_layer_allocates_nothing() {
    let data = [0x61, 0x08, 0x62, 0x06, 0x63, 0x04, 0x64, 0x02, 0x5A, 0x00];
    let (n, count) = allocations(|| {
        let depth = ber::validate(&data).is_err();
        let tags = TlvIter::new(&data[4..]).flatten().count();
        usize::from(depth) + tags
    });
    assert_eq!((n, count), (2, 0));
}

#[test]
fn the_counter_sees_allocations() {
    let mut buf = [0u8; MAX_CPM_BYTES];
    let p = CpmPayload::parse_base64(EX2, &mut buf).unwrap();
    // The owned field map allocates: the counter must notice.
    let (map, count) = allocations(|| p.field_map());
    assert!(!map.is_empty());
    assert!(count > 0);
}
