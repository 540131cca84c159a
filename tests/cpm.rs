//! Runs every consumer-presented vector under `spec/cpm/`, checks the builder round trip of
//! the canonical valid ones, and holds the properties of the CPM codec.
#![cfg(feature = "serde")]
// Everything in an integration test is test code, helpers included.
#![allow(
    clippy::arithmetic_side_effects,
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use emvqr::ber::{self, Tag, TlvIter};
use emvqr::cpm::{
    self, ApplicationBuilder, CpmBuilder, CpmPayload, CpmPayloadBuf, MAX_CPM_BYTES, Node,
};
use proptest::prelude::*;
use serde_json::Value;

fn vector_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("spec")
        .join("cpm");
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .expect("spec/cpm exists")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
}

fn hex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).expect("hex"))
        .collect()
}

/// Checks one vector; `Err` describes the first disagreement.
fn check(v: &Value) -> Result<(), String> {
    let mut buf = [0u8; MAX_CPM_BYTES];
    let ber_input;
    let text = v.get("payload").and_then(Value::as_str);
    let parsed = match text {
        Some(text) => CpmPayload::parse_base64(text, &mut buf),
        None => {
            ber_input = hex(v["payload_hex"].as_str().ok_or("no payload")?);
            CpmPayload::parse(&ber_input)
        }
    };
    match (v["expect"].as_str(), parsed) {
        (Some("valid"), Ok(p)) => {
            let fields = serde_json::to_value(p.field_map()).map_err(|e| e.to_string())?;
            if fields != v["fields"] {
                return Err(format!("fields {fields} != {}", v["fields"]));
            }
            let warnings: Vec<&str> = p.warnings().map(|w| w.code()).collect();
            let want: Vec<&str> = v["warnings"]
                .as_array()
                .ok_or("no warnings")?
                .iter()
                .filter_map(Value::as_str)
                .collect();
            if warnings != want {
                return Err(format!("warnings {warnings:?} != {want:?}"));
            }
            if v.get("canonical").and_then(Value::as_bool) != Some(false) {
                let rebuilt = CpmBuilder::from_payload(&p)
                    .build()
                    .map_err(|e| format!("rebuild: {e}"))?;
                if rebuilt.as_bytes() != p.as_bytes() {
                    return Err("builder round trip changed the bytes".into());
                }
                if text.is_some_and(|t| rebuilt.to_base64() != t) {
                    return Err("base64 round trip changed the text".into());
                }
            }
            Ok(())
        }
        (Some("invalid"), Err(e)) => {
            let want = &v["error"];
            let got = (e.code(), e.offset() as u64, e.path().to_string());
            let exp = (
                want["code"].as_str().unwrap_or_default(),
                want["offset"].as_u64().unwrap_or(u64::MAX),
                want["path"].as_str().unwrap_or_default().to_string(),
            );
            if got == exp {
                Ok(())
            } else {
                Err(format!("error {got:?} != {exp:?}"))
            }
        }
        (Some("valid"), Err(e)) => Err(format!(
            "refused: {} at {} ({})",
            e.code(),
            e.offset(),
            e.path()
        )),
        (Some("invalid"), Ok(_)) => Err("accepted".into()),
        (other, _) => Err(format!("bad expect {other:?}")),
    }
}

#[test]
fn spec_cpm_vectors() {
    let mut ids = BTreeSet::new();
    let mut hostile = BTreeSet::new();
    let mut failures = Vec::new();
    let mut total = 0;
    for file in vector_files() {
        let text = fs::read_to_string(&file).expect("readable");
        let vectors: Vec<Value> = serde_json::from_str(&text).expect("a JSON array");
        for v in &vectors {
            let id = v["id"].as_str().expect("id").to_string();
            assert!(id.starts_with("cpm-"), "{id}");
            assert!(
                v["source"].as_str().is_some_and(|s| !s.is_empty()),
                "{id}: source"
            );
            assert!(ids.insert(id.clone()), "duplicate id {id}");
            if let Some(h) = v.get("hostile").and_then(Value::as_str) {
                hostile.insert(h.to_string());
            }
            total += 1;
            if let Err(why) = check(v) {
                failures.push(format!("{id}: {why}"));
            }
        }
    }
    for f in &failures {
        println!("FAIL {f}");
    }
    assert!(
        failures.is_empty(),
        "{} of {total} vectors failed",
        failures.len()
    );
    for j in 1..=14 {
        assert!(
            hostile.contains(&format!("J{j}")),
            "no vector for HOSTILE.md J{j}"
        );
    }
    println!("{total} CPM vectors passed");
}

const EX2: &str = "hQVDUFYwMWETTwegAAAAVVVVUAhQcm9kdWN0MWETTwegAAAAZmZmUAhQcm9kdWN0MmJJWggSNFZ4kBI0WF8gDkNBUkRIT0xERVIvRU1WXy0IcnVlc2RlZW5kIZ8QBwYBCgMAAACfJghYT9OF+iNLzJ82AgABnzcEbVjvEw==";

#[test]
fn annex_b_example_2_accessors() {
    let mut buf = [0u8; MAX_CPM_BYTES];
    let p = CpmPayload::parse_base64(EX2, &mut buf).unwrap();
    let aids: Vec<&[u8]> = p.aids().collect();
    assert_eq!(
        aids,
        [&hex("A0000000555555")[..], &hex("A0000000666666")[..]]
    );
    let apps: Vec<_> = p.applications().collect();
    assert_eq!(apps[0].label(), Some("Product1"));
    assert_eq!(apps[1].label(), Some("Product2"));
    // The PAN, name and language come from the common data template, for both.
    for a in &apps {
        assert_eq!(a.pan().unwrap().reveal().to_string(), "1234567890123458");
        assert_eq!(a.cardholder_name(), Some("CARDHOLDER/EMV"));
        assert_eq!(a.language(), Some("ruesdeen"));
        assert_eq!(a.version(), [0x00, 0x10]);
        assert!(a.track2().is_none());
    }
    let common = p.common().unwrap();
    let own: Vec<u32> = common.objects().map(|t| t.tag().to_u32()).collect();
    assert_eq!(own, [0x5A, 0x5F20, 0x5F2D, 0x64]);
    let t64 = common.transparent().unwrap();
    let tags: Vec<Tag> = t64.children().map(|t| t.unwrap().tag()).collect();
    assert_eq!(
        tags,
        [0x9F10, 0x9F26, 0x9F36, 0x9F37].map(Tag::from_u32).to_vec()
    );
    // Selection: the merchant's preference order decides, partial AIDs match.
    let a6 = hex("A0000000666666");
    let rid5 = hex("A000000055");
    assert_eq!(p.select(&[&a6, &rid5]).unwrap().label(), Some("Product2"));
    assert_eq!(p.select(&[&rid5, &a6]).unwrap().label(), Some("Product1"));
    assert!(p.select(&[&hex("A0000000031010")]).is_none());
    assert!(p.select(&[]).is_none());
    // A longer supported AID than the template's does not match.
    assert!(p.select(&[&hex("A000000055555501")]).is_none());
}

#[test]
fn application_accessors_read_their_own_tags() {
    let par = "V0010013018294890189001234567";
    assert_eq!(par.len(), 29);
    let app = ApplicationBuilder::new(&hex("A0000000041010"))
        .label("Card")
        .pan("5413330089010434")
        .object(Tag::from_u32(0x9F08), &[0x00, 0x02])
        .object(Tag::from_u32(0x9F19), &hex("123456789012"))
        .object(Tag::from_u32(0x9F24), par.as_bytes())
        .object(Tag::from_u32(0x9F25), &hex("0434"));
    let built = CpmBuilder::new().application(app).build().unwrap();
    let view = built.view();
    let a = view.applications().next().unwrap();
    assert_eq!(a.version(), [0x00, 0x02]);
    assert_eq!(a.token_requestor_id(), Some(&hex("123456789012")[..]));
    assert_eq!(a.payment_account_reference(), Some(par));
    assert_eq!(a.pan_last4(), Some(&hex("0434")[..]));
    let tags: Vec<u32> = a.objects().map(|t| t.tag().to_u32()).collect();
    assert_eq!(tags, [0x4F, 0x50, 0x5A, 0x9F08, 0x9F19, 0x9F24, 0x9F25]);
    assert!(a.transparent().is_none());
    // Its printed form names the AID and the label, and hides the card data.
    let shown = format!("{a:?}");
    assert!(
        shown.starts_with("ApplicationTemplate {") && shown.contains("A0000000041010"),
        "{shown}"
    );
    assert!(
        shown.contains("Card") && !shown.contains("5413330089010434") && !shown.contains(par),
        "{shown}"
    );
    let cryptogram = Node::primitive(Tag::from_u32(0x9F26), &[0x11; 8]);
    let with_63 = ApplicationBuilder::new(&hex("A0000000041010"))
        .pan("5413330089010434")
        .transparent(vec![cryptogram]);
    let built = CpmBuilder::new().application(with_63).build().unwrap();
    let view = built.view();
    let t = view.applications().next().unwrap().transparent().unwrap();
    assert_eq!((t.tag().to_u32(), t.value().len()), (0x63, 11));
    // A version of another length than 2 bytes is refused, so the accessor's default
    // (00 10) stands only for an absent one.
    let odd = ApplicationBuilder::new(&hex("A0000000041010"))
        .pan("5413330089010434")
        .object(Tag::from_u32(0x9F08), &[0x02]);
    let e = CpmBuilder::new().application(odd).build().unwrap_err();
    assert_eq!(
        (e.code(), e.path().to_string()),
        ("field_length", "61.9F08".to_owned())
    );
}

#[test]
fn debug_and_display_never_show_card_data() {
    let mut buf = [0u8; MAX_CPM_BYTES];
    let p = CpmPayload::parse_base64(EX2, &mut buf).unwrap();
    let owned = CpmPayloadBuf::from_base64(EX2).unwrap();
    let app = p.applications().next().unwrap();
    let pan = app.pan().unwrap();
    for shown in [
        format!("{p:?}"),
        format!("{p:#?}"),
        format!("{owned:?}"),
        format!("{app:?}"),
        format!("{pan}"),
        format!("{pan:?}"),
        format!("{:?}", pan.reveal()),
        format!("{:?}", CpmBuilder::from_payload(&p)),
    ] {
        assert!(!shown.contains("1234567890123458"), "{shown}");
        assert!(!shown.contains("7890"), "{shown}");
        assert!(!shown.contains("CARDHOLDER"), "{shown}");
    }
    assert_eq!(pan.to_string(), "123456******3458");
    // The printed forms keep their structure: the templates, the tags of the common data, the
    // redacted sizes.
    let debug = format!("{p:?}");
    for part in [
        "CpmPayload { len: ",
        "application: ApplicationTemplate {",
        "common: Some(CommonData { tags: [Tag(5A), Tag(5F20), Tag(5F2D), Tag(64)]",
        "cardholder_name: Some(<14 bytes redacted>)",
    ] {
        assert!(debug.contains(part), "{part} in {debug}");
    }
    // Debug output stays masked even for a revealed PAN or track (it ends in logs).
    assert_eq!(format!("{pan:?}"), "Pan(123456******3458)");
    assert_eq!(format!("{:?}", pan.reveal()), "Pan(123456******3458)");
    assert_eq!(pan.len(), 16);
    assert!(!pan.is_empty());
    assert_eq!(cpm::Pan::from_cn(&hex("1234567890123458")), Some(pan));
    assert_eq!(cpm::Pan::from_cn(&hex("12345678901234FF")), None);
    let ex1 =
        CpmPayloadBuf::from_base64("hQVDUFYwMWEaTwegAAAAVVVVVw8SNFZ4kBI0WNGRIgESNF8=").unwrap();
    let view = ex1.view();
    let t2 = view.applications().next().unwrap().track2().unwrap();
    assert_eq!(t2.to_string(), "123456******3458D************");
    assert!(!format!("{t2:?}").contains("1912"));
    assert!(!format!("{:?}", t2.reveal()).contains("1912"));
    assert_eq!(format!("{t2:?}"), "Track2(123456******3458D************)");
    assert_eq!(
        format!("{:?}", t2.reveal()),
        "Track2(123456******3458D************)"
    );
    assert_eq!(t2.reveal().to_string(), "1234567890123458D191220112345");
}

#[test]
fn builder_writes_annex_b_example_2() {
    let p = |tag: u32, v: &[u8]| Node::primitive(Tag::from_u32(tag), v);
    let built = CpmBuilder::new()
        .application(ApplicationBuilder::new(&hex("A0000000555555")).label("Product1"))
        .application(ApplicationBuilder::new(&hex("A0000000666666")).label("Product2"))
        .common(vec![
            p(0x5A, &hex("1234567890123458")),
            p(0x5F20, b"CARDHOLDER/EMV"),
            p(0x5F2D, b"ruesdeen"),
            Node::template(
                Tag::from_u32(0x64),
                vec![
                    p(0x9F10, &hex("06010A03000000")),
                    p(0x9F26, &hex("584FD385FA234BCC")),
                    p(0x9F36, &hex("0001")),
                    p(0x9F37, &hex("6D58EF13")),
                ],
            ),
        ])
        .build()
        .unwrap();
    assert_eq!(built.to_base64(), EX2);
}

#[test]
fn pan_from_5a_else_track2() {
    let b = CpmBuilder::new()
        .application(
            ApplicationBuilder::new(&hex("A0000000031010"))
                .track2("4761739001010010D25122011143878089"),
        )
        .build()
        .unwrap();
    let view = b.view();
    let app = view.applications().next().unwrap();
    assert_eq!(app.pan().unwrap().len(), 16);
    assert_eq!(
        String::from_utf8(app.pan().unwrap().last4().collect()).unwrap(),
        "0010"
    );
    assert_eq!(&app.track2().unwrap().expiry(), b"2512");
    assert_eq!(&app.track2().unwrap().service_code(), b"201");
    // Odd-length PAN in 5A.
    let b = CpmBuilder::new()
        .application(ApplicationBuilder::new(&hex("A0000000031010")).pan("6212345678901234567"))
        .build()
        .unwrap();
    let view = b.view();
    let pan = view.applications().next().unwrap().pan().unwrap();
    assert_eq!(pan.reveal().to_string(), "6212345678901234567");
    assert_eq!(pan.to_string(), "621234*********4567");
}

/// An arbitrary tree of objects (depth at most 4 including the root level).
fn arb_node(depth: u32) -> BoxedStrategy<Node> {
    let tags = prop_oneof![
        Just(0x9F26u32),
        Just(0x9F36),
        Just(0x5F34),
        Just(0x9F8101),
        Just(0x82),
        Just(0xC1),
    ];
    let leaf = (tags, proptest::collection::vec(any::<u8>(), 0..140))
        .prop_map(|(t, v)| Node::primitive(Tag::from_u32(t), &v))
        .boxed();
    if depth == 0 {
        return leaf;
    }
    let inner = (
        prop_oneof![Just(0x70u32), Just(0xBF0C), Just(0xE1)],
        proptest::collection::vec(arb_node(depth - 1), 0..4),
    )
        .prop_map(|(t, c)| Node::template(Tag::from_u32(t), c));
    prop_oneof![leaf, inner].boxed()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Build → parse → rebuild gives the same bytes, and the text decodes back to them.
    #[test]
    fn builder_round_trip(
        extra in proptest::collection::vec(arb_node(1), 0..4),
        name in "[A-Z/ ]{2,26}",
        pan in "[1-9][0-9]{7,18}",
    ) {
        let mut app = ApplicationBuilder::new(&hex("A0000000031010"))
            .pan(&pan)
            .cardholder_name(&name);
        app = app.transparent(extra);
        let built = match CpmBuilder::new().application(app).build() {
            Ok(b) => b,
            Err(e) => {
                prop_assert_eq!(e.code(), "too_long");
                return Ok(());
            }
        };
        let again = CpmBuilder::from_payload(&built.view()).build().unwrap();
        prop_assert_eq!(&again, &built);
        let text = built.to_base64();
        let mut buf = [0u8; MAX_CPM_BYTES];
        let p = CpmPayload::parse_base64(&text, &mut buf).unwrap();
        prop_assert_eq!(p.as_bytes(), built.as_bytes());
        prop_assert_eq!(
            p.applications().next().unwrap().pan().unwrap().reveal().to_string(),
            pan
        );
    }

    /// No input panics; an error points inside the input (or at its end).
    #[test]
    fn arbitrary_bytes_never_panic(data in proptest::collection::vec(any::<u8>(), 0..300)) {
        match CpmPayload::parse(&data) {
            Ok(p) => prop_assert_eq!(p.as_bytes().len(), data.len()),
            Err(e) => prop_assert!(e.offset() <= data.len()),
        }
        for item in TlvIter::new(&data) {
            match item {
                Ok(t) => prop_assert!(t.end() <= data.len()),
                Err(e) => prop_assert!(e.offset() <= data.len()),
            }
        }
        let _ = ber::validate(&data);
    }

    /// Mutating one byte of a valid payload never panics, and a still-valid result
    /// re-encodes to the same bytes.
    #[test]
    fn one_byte_mutations(at in 0usize..124, byte in any::<u8>()) {
        let mut buf = [0u8; MAX_CPM_BYTES];
        let mut ber = cpm::decode_base64(EX2, &mut buf).unwrap().to_vec();
        let at = at % ber.len();
        ber[at] = byte;
        match CpmPayload::parse(&ber) {
            Ok(p) => {
                let again = CpmBuilder::from_payload(&p).build().unwrap();
                prop_assert_eq!(again.as_bytes(), &ber[..]);
            }
            Err(e) => prop_assert!(e.offset() <= ber.len()),
        }
    }

    /// Any text: no panic; base64 errors point inside the text.
    #[test]
    fn arbitrary_text_never_panics(text in "[A-Za-z0-9+/=_\\- \n]{0,200}") {
        let mut buf = [0u8; MAX_CPM_BYTES];
        if let Err(e) = CpmPayload::parse_base64(&text, &mut buf) {
            prop_assert!(!e.kind().is_base64() || e.offset() <= text.len());
        }
    }
}

/// `emvqr decode` on consumer-presented text.
#[cfg(feature = "cli")]
mod cli {
    use std::process::Command;

    use serde_json::Value;

    use super::EX2;

    fn decode(args: &[&str]) -> (i32, String) {
        let out = Command::new(env!("CARGO_BIN_EXE_emvqr"))
            .arg("decode")
            .args(args)
            .output()
            .expect("runs");
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8(out.stdout).expect("UTF-8"),
        )
    }

    #[test]
    fn json_masks_card_data_unless_revealed() {
        let (code, out) = decode(&["--json", EX2]);
        assert_eq!(code, 0);
        let v: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["mode"], "cpm");
        assert_eq!(v["valid"], true);
        assert_eq!(v["warnings"], Value::Array(vec![]));
        assert_eq!(v["fields"]["62"]["5A"], "123456******3458");
        assert!(!out.contains("1234567890123458"), "{out}");
        assert_eq!(v["fields"]["61"][1]["50"], "Product2");
        assert_eq!(v["fields"]["85"], "4350563031");
        // For a terminal integration, everything.
        let (code, out) = decode(&["--json", "--reveal", EX2]);
        assert_eq!(code, 0);
        let v: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["fields"]["62"]["5A"], "1234567890123458");
        let (_, tree) = decode(&["--reveal", EX2]);
        assert!(tree.contains("1234567890123458"), "{tree}");
    }

    /// Card data is masked by meaning: a PAN under a track tag or an unknown tag, and the
    /// cardholder's name.
    #[test]
    fn card_data_is_masked_wherever_it_sits() {
        use emvqr::cpm::{ApplicationBuilder, CpmBuilder};
        let tag = emvqr::ber::Tag::from_u32;
        let text = CpmBuilder::new()
            .application(
                ApplicationBuilder::new(&[0xA0, 0, 0, 0, 0x03, 0x10, 0x10])
                    .pan("4761739001010010")
                    .object(
                        tag(0x9F6B),
                        &[
                            0x41, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0xD2, 0x51, 0x2F,
                        ],
                    )
                    .object(tag(0x5F20), b"JOHN SMITH")
                    .object(tag(0x9F7C), b"4111111111111111"),
            )
            .build()
            .expect("payload")
            .to_base64();
        for args in [vec![text.as_str()], vec!["--json", text.as_str()]] {
            let (code, out) = decode(&args);
            assert_eq!(code, 0, "{out}");
            assert!(!out.contains("4111111111111111"), "{out}");
            assert!(!out.contains("41111111111111"), "{out}");
            assert!(!out.contains("JOHN SMITH"), "{out}");
        }
    }

    #[test]
    fn tree_masks_card_data() {
        let (code, out) = decode(&[EX2]);
        assert_eq!(code, 0);
        assert!(
            out.starts_with("valid consumer-presented payload (124 bytes)"),
            "{out}"
        );
        assert!(out.contains("123456******3458"), "{out}");
        assert!(!out.contains("1234567890123458"), "{out}");
        assert!(out.contains("warnings: none"), "{out}");
    }

    #[test]
    fn invalid_gives_the_error_object_and_exit_1() {
        let (code, out) = decode(&["--json", "hQVDUFYwMWEaTwegAAAAVVVVVw8SNFZ4kBI0WNGRIgESNF9="]);
        assert_eq!(code, 1);
        let v: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["mode"], "cpm");
        assert_eq!(v["valid"], false);
        assert_eq!(v["error"]["code"], "base64_non_canonical");
        assert_eq!(v["error"]["offset"], 46);
        assert_eq!(v["error"]["path"], "");
        assert!(
            v["error"]["message"]
                .as_str()
                .unwrap()
                .contains("character 46")
        );
        // A BER error carries its tag path.
        let (code, out) = decode(&["--json", "hQVDUFYwMWGA"]);
        assert_eq!(code, 1);
        let v: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(
            (
                v["error"]["code"].as_str(),
                v["error"]["offset"].as_u64(),
                v["error"]["path"].as_str()
            ),
            (Some("ber_indefinite"), Some(8), Some("61"))
        );
        let (code, out) = decode(&["hQVDUFYwMWGA"]);
        assert_eq!(code, 1);
        assert!(
            out.starts_with("invalid: indefinite BER length at byte 8 (tag 61)"),
            "{out}"
        );
    }

    #[test]
    fn mpm_text_still_goes_to_the_mpm_decoder() {
        let (code, out) = decode(&["--json", "hQVD"]);
        assert_eq!(code, 1);
        let v: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["mode"], "mpm");
    }
}

#[test]
fn ber_debug_shows_no_values() {
    let mut buf = [0u8; MAX_CPM_BYTES];
    let p = CpmPayload::parse_base64(EX2, &mut buf).unwrap();
    let common = p.common().unwrap();
    let pan = common.find(Tag::from_u32(0x5A)).unwrap();
    let shown = format!(
        "{pan:?} {:?} {:?}",
        common.tlv().children(),
        TlvIter::new(p.as_bytes())
    );
    assert_eq!(format!("{pan:?}"), "Tlv(62.5A at 51, 8 bytes)");
    assert!(!shown.contains("18, 52"), "{shown}");
}

proptest! {
    /// The repeated-tag check agrees with a naive pairwise comparison, for one-, two- and
    /// three-byte tags, inside one template and across `61` and `62`.
    #[test]
    fn repeated_tags_match_a_naive_check(
        first in proptest::collection::vec(0usize..12, 0..10),
        second in proptest::collection::vec(0usize..12, 0..10),
        common in proptest::collection::vec(0usize..12, 0..10),
    ) {
        const POOL: [u32; 12] = [
            0xC1, 0xC2, 0x9F7A, 0x9F7B, 0xDF01, 0x5F34, 0x9F8101, 0x9F8102, 0xDF8101, 0x9F7C,
            0x9F8201, 0x82,
        ];
        let objects = |picks: &[usize]| -> Vec<Node> {
            picks.iter().map(|&i| Node::primitive(Tag::from_u32(POOL[i]), &[1])).collect()
        };
        let app = |aid: &str, picks: &[usize]| {
            let mut a = ApplicationBuilder::new(&hex(aid)).pan("4761739001010010");
            for n in objects(picks) {
                if let Node::Primitive { tag, value } = n {
                    a = a.object(tag, &value);
                }
            }
            a
        };
        let dup = |v: &[usize]| (1..v.len()).any(|i| v[..i].contains(&v[i]));
        let shares = !common.is_empty() && common.iter().any(|c| first.contains(c) || second.contains(c));
        // The PAN sits in each 61, so the 62 must not carry one.
        let built = CpmBuilder::new()
            .application(app("A0000000031010", &first))
            .application(app("A0000000041010", &second))
            .common(objects(&common))
            .build();
        let naive = dup(&first) || dup(&second) || dup(&common) || shares;
        match built {
            Ok(_) => prop_assert!(!naive),
            Err(e) => {
                prop_assert!(naive, "{}", e);
                prop_assert_eq!(e.code(), "duplicate_tag");
            }
        }
    }
}
