//! Property tests: arbitrary valid payloads round-trip through the builder and the decoder;
//! arbitrary input never panics; prefixes and CRC mutations are rejected.
#![allow(
    clippy::arithmetic_side_effects,
    clippy::unwrap_used,
    clippy::indexing_slicing
)]

mod common;

use common::{ANNEX_B, Model, Val, minor_units, model, s_char, seal};
use emvqr::{
    DecodeOptions, Error, ErrorKind, FieldValue, Initiation, MerchantAccount, Path, Payload,
    PayloadBuilder, Tip,
};
use proptest::prelude::*;

/// Touches every accessor of a decoded payload (the point is that none panics).
fn exercise(p: &Payload<'_>) -> usize {
    let mut n = p.as_str().len();
    n += p.format_indicator().len();
    n += usize::from(p.initiation().is_some());
    for o in p.objects() {
        n += o.value.len() + o.offset;
    }
    for a in p.merchant_accounts() {
        n += usize::from(a.id()) + a.guid().map_or(0, str::len);
        if let MerchantAccount::Template(t) = a {
            n += t.fields().count();
        }
    }
    n += p.merchant_category_code().map_or(0, str::len);
    n += p.currency_code().len();
    n += p.currency().map_or(0, |c| usize::from(c.exponent()));
    if let Some(a) = p.amount() {
        for e in 0..=4 {
            n += usize::from(a.to_minor_units(e).is_some());
        }
    }
    n += match p.tip() {
        Some(Tip::Fixed(a)) => a.as_str().len(),
        Some(Tip::Percentage(s)) => s.len(),
        Some(Tip::Prompt) => 1,
        None => 0,
    };
    n += p.country().len() + p.merchant_name().map_or(0, str::len);
    n += p.merchant_city().map_or(0, str::len) + p.postal_code().map_or(0, str::len);
    if let Some(t) = p.additional_data() {
        n += t.fields().count();
    }
    if let Some(l) = p.language() {
        n += l.language().map_or(0, str::len) + l.merchant_name().map_or(0, str::len);
        n += l.merchant_city().map_or(0, str::len);
    }
    for t in p.unreserved_templates() {
        n += t.fields().count() + t.guid().map_or(0, str::len);
    }
    n += p.rfu_objects().count() + p.crc().len();
    n += p.warnings().len() + p.warnings_dropped();
    n += p.field_map().len();
    n
}

/// Parses strictly and leniently; checks error offsets against the character count.
fn parse_never_panics(s: &str) -> Result<(), TestCaseError> {
    let chars = s.chars().count();
    for opts in [DecodeOptions::strict(), DecodeOptions::lenient()] {
        match Payload::parse_with(s, &opts) {
            Ok(p) => {
                exercise(&p);
            }
            Err(e) => prop_assert!(
                e.offset() <= chars,
                "{e:?} past the end ({chars} chars) of {s:?}"
            ),
        }
    }
    Ok(())
}

fn expected_warnings(m: &Model, chars: usize) -> Vec<&'static str> {
    let mut w = Vec::new();
    match (m.text(1), m.objects.contains_key(&54)) {
        (Some("11"), true) => w.push("static_with_amount"),
        (Some("12"), false) => w.push("dynamic_without_amount"),
        _ => {}
    }
    if chars > 512 {
        w.push("over_recommended_size");
    }
    w.sort_unstable();
    w
}

fn sorted_codes(p: &Payload<'_>) -> Vec<&'static str> {
    let mut w: Vec<_> = p.warnings().iter().map(|w| w.code()).collect();
    w.sort_unstable();
    w
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// Model → builder → text → decoder gives back the model.
    #[test]
    fn valid_model_round_trips(m in model()) {
        let built = match m.builder().build() {
            Ok(b) => b,
            Err(e) => return Err(TestCaseError::fail(format!("build refused a valid model: {e:?} ({e})"))),
        };
        let text = built.as_str();
        let p = Payload::parse(text).map_err(|e| TestCaseError::fail(format!("{e:?} on {text}")))?;
        let mut fields = p.field_map();
        prop_assert!(matches!(fields.remove("63"), Some(FieldValue::Text(ref c)) if c.len() == 4));
        prop_assert_eq!(&fields, &m.field_map());

        prop_assert_eq!(p.format_indicator(), "01");
        prop_assert_eq!(p.merchant_name(), m.text(59));
        prop_assert_eq!(p.merchant_city(), m.text(60));
        prop_assert_eq!(p.postal_code(), m.text(61));
        prop_assert_eq!(p.merchant_category_code(), m.text(52));
        prop_assert_eq!(Some(p.currency_code()), m.text(53));
        prop_assert_eq!(Some(p.country()), m.text(58));
        prop_assert_eq!(p.currency().map(|c| c.exponent()), Some(m.exponent));
        prop_assert_eq!(p.amount().map(|a| a.as_str()), m.text(54));
        if let Some(a) = p.amount() {
            prop_assert_eq!(a.to_minor_units(m.exponent), Some(minor_units(a.as_str(), m.exponent)));
        }
        let want_poi = m.text(1).map(|s| if s == "11" { Initiation::Static } else { Initiation::Dynamic });
        prop_assert_eq!(p.initiation(), want_poi);
        let want_tip = match m.text(55) {
            Some("01") => Some(String::from("prompt")),
            Some("02") => m.text(56).map(|s| format!("fixed {s}")),
            Some(_) => m.text(57).map(|s| format!("percent {s}")),
            None => None,
        };
        let got_tip = p.tip().map(|t| match t {
            Tip::Prompt => String::from("prompt"),
            Tip::Fixed(a) => format!("fixed {a}"),
            Tip::Percentage(s) => format!("percent {s}"),
        });
        prop_assert_eq!(got_tip, want_tip);

        let accounts: Vec<(u8, Option<&str>)> = p.merchant_accounts().map(|a| (a.id(), a.guid())).collect();
        let want: Vec<(u8, Option<&str>)> = m
            .objects
            .iter()
            .filter(|(id, _)| (2..=51).contains(*id))
            .map(|(id, v)| (*id, match v { Val::Template(t) => t.get(&0).map(String::as_str), Val::Text(_) => None }))
            .collect();
        prop_assert_eq!(accounts, want);
        for a in p.merchant_accounts() {
            if let MerchantAccount::Template(t) = a {
                let got: Vec<(u8, &str)> = t.fields().map(|o| (o.id, o.value)).collect();
                let want: Vec<(u8, &str)> = m.template(t.id()).unwrap().iter().map(|(k, v)| (*k, v.as_str())).collect();
                prop_assert_eq!(got, want);
                // Sub-object offsets are absolute: the value starts 4 characters after the ID.
                for o in t.fields() {
                    let before: String = text.chars().skip(o.offset + 4).take(o.value.chars().count()).collect();
                    prop_assert_eq!(before.as_str(), o.value);
                }
            }
        }
        let add: Option<Vec<(u8, &str)>> = p.additional_data().map(|t| t.fields().map(|o| (o.id, o.value)).collect());
        let want_add = m.template(62).map(|t| t.iter().map(|(k, v)| (*k, v.as_str())).collect());
        prop_assert_eq!(add, want_add);
        let lang = p.language().map(|l| (l.language(), l.merchant_name(), l.merchant_city()));
        let want_lang = m.template(64).map(|t| (t.get(&0).map(String::as_str), t.get(&1).map(String::as_str), t.get(&2).map(String::as_str)));
        prop_assert_eq!(lang, want_lang);
        let unres: Vec<u8> = p.unreserved_templates().map(|t| t.id()).collect();
        let want_unres: Vec<u8> = m.objects.keys().copied().filter(|id| *id >= 80).collect();
        prop_assert_eq!(unres, want_unres);

        let chars = text.chars().count();
        prop_assert_eq!(sorted_codes(&p), expected_warnings(&m, chars));
        prop_assert_eq!(p.warnings_dropped(), 0);

        // Lenient decoding of a strictly valid payload changes nothing.
        let l = Payload::parse_with(text, &DecodeOptions::lenient()).unwrap();
        prop_assert_eq!(l.field_map(), p.field_map());
        prop_assert_eq!(sorted_codes(&l), sorted_codes(&p));
        // Bytes and the owned twin agree.
        let b = Payload::parse_bytes(text.as_bytes(), &DecodeOptions::strict()).unwrap();
        prop_assert_eq!(b.field_map(), p.field_map());
        prop_assert_eq!(built.as_payload().field_map(), p.field_map());
        prop_assert_eq!(m.builder().encode_unchecked().unwrap(), text);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// The field map of a builder payload rebuilds the same text, byte for byte.
    #[test]
    fn builder_payloads_reencode_byte_for_byte(m in model()) {
        let built = m.builder().build().unwrap();
        let p = Payload::parse(built.as_str()).unwrap();
        let again = PayloadBuilder::from_field_map(&p.field_map()).unwrap().build().unwrap();
        prop_assert_eq!(again.as_str(), built.as_str());
        let parsed: emvqr::PayloadBuf = built.as_str().parse().unwrap();
        prop_assert_eq!(parsed.to_string(), built.as_str());
    }

    #[test]
    fn arbitrary_strings_never_panic(s in ".*") {
        parse_never_panics(&s)?;
    }

    #[test]
    fn tlv_shaped_strings_never_panic(
        pieces in prop::collection::vec(tlv_piece(), 0..40),
        sealed in any::<bool>(),
    ) {
        let body: String = pieces.concat();
        parse_never_panics(&body)?;
        if sealed {
            parse_never_panics(&seal(&body))?;
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..3100)) {
        let chars = String::from_utf8_lossy(&bytes).chars().count();
        for opts in [DecodeOptions::strict(), DecodeOptions::lenient()] {
            match Payload::parse_bytes(&bytes, &opts) {
                Ok(p) => {
                    exercise(&p);
                }
                Err(e) => prop_assert!(e.offset() <= chars, "{e:?} past the end ({chars} chars)"),
            }
        }
    }

    /// Bytes that are almost a payload: a valid one with a few bytes overwritten.
    #[test]
    fn corrupted_payload_bytes_never_panic(
        m in model(),
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..4),
    ) {
        let mut bytes = m.builder().build().unwrap().into_string().into_bytes();
        for (i, b) in edits {
            let i = i.index(bytes.len());
            bytes[i] = b;
        }
        let chars = String::from_utf8_lossy(&bytes).chars().count();
        for opts in [DecodeOptions::strict(), DecodeOptions::lenient()] {
            match Payload::parse_bytes(&bytes, &opts) {
                Ok(p) => {
                    exercise(&p);
                }
                Err(e) => prop_assert!(e.offset() <= chars, "{e:?} past the end ({chars} chars)"),
            }
        }
    }

    /// No strict prefix of a valid payload is a valid payload.
    #[test]
    fn strict_prefixes_are_rejected(m in model()) {
        let built = m.builder().build().unwrap();
        let text = built.as_str();
        for (i, _) in text.char_indices() {
            let prefix = &text[..i];
            prop_assert!(Payload::parse(prefix).is_err(), "prefix {prefix:?} accepted");
            prop_assert!(Payload::parse_with(prefix, &DecodeOptions::lenient()).is_err(), "prefix {prefix:?} accepted leniently");
        }
    }

    /// Changing one CRC digit (to another upper-case hex digit) is a mismatch at the CRC value.
    #[test]
    fn crc_digit_flip_is_a_mismatch(
        m in model(),
        pos in 0usize..4,
        digit in prop::sample::select(&b"0123456789ABCDEF"[..]),
    ) {
        let built = m.builder().build().unwrap();
        let text = built.as_str();
        let at = text.len() - 4 + pos;
        prop_assume!(text.as_bytes()[at] != digit);
        let mut mutated = String::from(&text[..at]);
        mutated.push(char::from(digit));
        mutated.push_str(&text[at + 1..]);
        let chars = mutated.chars().count();
        let computed = u16::from_str_radix(&text[text.len() - 4..], 16).unwrap();
        let found = u16::from_str_radix(&mutated[mutated.len() - 4..], 16).unwrap();
        for opts in [DecodeOptions::strict(), DecodeOptions::lenient()] {
            let e = Payload::parse_with(&mutated, &opts).unwrap_err();
            prop_assert_eq!(e.kind(), ErrorKind::CrcMismatch { found, computed });
            prop_assert_eq!(e.offset(), chars - 4);
            prop_assert_eq!(e.path(), Path::id(63));
        }
    }
}

/// Pieces that tend to form TLV: digits, `63`, `04`, whole objects, multibyte characters.
fn tlv_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[0-9]{2}",
        2 => Just(String::from("63")),
        2 => Just(String::from("04")),
        1 => Just(String::from("6304")),
        1 => Just(String::from("000201")),
        1 => "[0-9A-Fa-f]{4}",
        2 => prop::collection::vec(s_char(), 1..6).prop_map(|v| v.into_iter().collect()),
        1 => "[\\x00-\\x1f\\x7f\u{85}\u{200b}\u{202e}]",
        4 => (0u8..=99, prop::collection::vec(s_char(), 1..30)).prop_map(|(id, v)| {
            let n = v.len();
            let v: String = v.into_iter().collect();
            format!("{id:02}{n:02}{v}")
        }),
        2 => (prop::sample::select(&[26u8, 62, 64, 80][..]), prop::collection::vec((0u8..=12, "[ -~]{1,8}"), 1..4))
            .prop_map(|(id, subs)| {
                let inner: String = subs.iter().map(|(s, v)| format!("{s:02}{:02}{v}", v.len())).collect();
                format!("{id:02}{:02}{inner}", inner.chars().count().min(99))
            }),
    ]
}

fn prefix_errors(text: &str) -> Vec<(usize, Error)> {
    text.char_indices()
        .filter_map(|(i, _)| Payload::parse(&text[..i]).err().map(|e| (i, e)))
        .collect()
}

#[test]
fn annex_b_prefixes_are_rejected() {
    let p = Payload::parse(ANNEX_B).unwrap();
    assert_eq!(p.merchant_name(), Some("BEST TRANSPORT"));
    let n = ANNEX_B.char_indices().count();
    assert_eq!(
        prefix_errors(ANNEX_B).len(),
        n,
        "some strict prefix of Annex B was accepted"
    );
    for (i, _) in ANNEX_B.char_indices() {
        assert!(Payload::parse_with(&ANNEX_B[..i], &DecodeOptions::lenient()).is_err());
    }
}

#[test]
fn annex_b_crc_digit_flips() {
    let chars = ANNEX_B.chars().count();
    let at = ANNEX_B.len() - 4;
    for pos in 0..4 {
        for d in "0123456789ABCDEF".chars() {
            if ANNEX_B[at + pos..].starts_with(d) {
                continue;
            }
            let mut s = String::from(&ANNEX_B[..at + pos]);
            s.push(d);
            s.push_str(&ANNEX_B[at + pos + 1..]);
            let e = Payload::parse(&s).unwrap_err();
            assert_eq!(e.code(), "crc_mismatch", "{s}");
            assert_eq!(e.offset(), chars - 4);
        }
    }
}

/// The text values of a decoded payload: (path, character offset of the value, its length in
/// characters, whether the value is of format ans and covered by the `non_ascii_text`
/// leniency, whether it is of format ans at all).
fn text_values(p: &Payload<'_>) -> Vec<(Path, usize, usize, bool, bool)> {
    let mut out = Vec::new();
    for o in p.objects() {
        let len = o.value.chars().count();
        match o.id {
            2..=25 => out.push((Path::id(o.id), o.offset + 4, len, false, true)),
            59..=61 => out.push((Path::id(o.id), o.offset + 4, len, true, true)),
            26..=51 | 62 | 64 | 80..=99 => {
                let t = p.template(o.id).unwrap();
                for f in t.fields() {
                    let (ans, lenient) = match (o.id, f.id) {
                        (64, 0) => continue,
                        (64, _) => (false, false),
                        (62, _) => (true, true),
                        (_, 0) => (true, false),
                        _ => (false, false),
                    };
                    let flen = f.value.chars().count();
                    out.push((Path::sub(o.id, f.id), f.offset + 4, flen, lenient, ans));
                }
            }
            _ => {}
        }
    }
    out
}

/// Byte sequences that are not UTF-8: stray bytes, an overlong form, a surrogate, a code
/// point past U+10FFFF, a truncated sequence.
const BAD_UTF8: &[&[u8]] = &[
    b"\xFF",
    b"\x80",
    b"\xC0\xAF",
    b"\xED\xA0\x80",
    b"\xF4\x90\x80\x80",
    b"\xE4\xB8",
];

/// Replaces the character at `at` (a character offset) and recomputes the CRC.
fn replace_and_reseal(text: &str, at: usize, c: char) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    chars.truncate(chars.len() - 8);
    chars[at] = c;
    seal(&chars.into_iter().collect::<String>())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// A control character anywhere in a text value is `invalid_charset` at that character,
    /// strict or lenient, with the path of the value.
    #[test]
    fn control_character_is_pinpointed(
        m in model(),
        pick in any::<prop::sample::Index>(),
        at in any::<prop::sample::Index>(),
        c in prop::sample::select(&['\u{0}', '\t', '\n', '\r', '\u{1B}', '\u{1F}', '\u{7F}', '\u{85}', '\u{9F}'][..]),
    ) {
        let built = m.builder().build().unwrap();
        let p = built.as_payload();
        let values = text_values(&p);
        let (path, off, len, _, _) = *pick.get(&values);
        let target = off + at.index(len);
        let mutated = replace_and_reseal(p.as_str(), target, c);
        for opts in [DecodeOptions::strict(), DecodeOptions::lenient()] {
            let e = Payload::parse_with(&mutated, &opts).unwrap_err();
            prop_assert_eq!((e.code(), e.offset(), e.path()), ("invalid_charset", target, path), "{}", mutated);
        }
    }

    /// A non-ASCII character in an ans value is `invalid_charset` at that character; under
    /// `non_ascii_text` the text objects 59–61 and 62's labels accept it with a warning.
    #[test]
    fn non_ascii_in_ans_is_pinpointed(
        m in model(),
        pick in any::<prop::sample::Index>(),
        at in any::<prop::sample::Index>(),
        c in prop::sample::select(&['é', 'Ç', '最', '😀', '\u{A0}', 'ｱ'][..]),
    ) {
        let built = m.builder().build().unwrap();
        let p = built.as_payload();
        let values: Vec<_> = text_values(&p).into_iter().filter(|v| v.4).collect();
        let (path, off, len, lenient_ok, _) = *pick.get(&values);
        let target = off + at.index(len);
        let mutated = replace_and_reseal(p.as_str(), target, c);
        let e = Payload::parse(&mutated).unwrap_err();
        prop_assert_eq!((e.code(), e.offset(), e.path()), ("invalid_charset", target, path), "{}", mutated);
        // A non-ASCII character may also let a reader counting bytes tile the payload
        // otherwise (`length_unit_ambiguous`, tested on its own): allowed here.
        let opts = DecodeOptions::strict()
            .allow(emvqr::Leniency::NonAsciiText)
            .allow(emvqr::Leniency::LengthUnitAmbiguous);
        match Payload::parse_with(&mutated, &opts) {
            Ok(l) => {
                prop_assert!(lenient_ok, "{path} accepted non-ASCII under non_ascii_text: {mutated}");
                let hit = l.warnings().iter().any(|w| {
                    (w.code(), w.offset(), w.path()) == ("invalid_charset", target, path)
                });
                prop_assert!(hit, "no relaxed warning in {:?}", l.warnings());
            }
            // A merchant name left with only white space (a lone `U+00A0`) is refused as blank.
            Err(e) if path == Path::id(59)
                && mutated.chars().skip(off).take(len).all(char::is_whitespace) =>
            {
                prop_assert_eq!((e.code(), e.offset(), e.path()), ("blank_name", off, path));
            }
            Err(e) => {
                prop_assert!(!lenient_ok, "{e:?} under non_ascii_text: {mutated}");
                prop_assert_eq!((e.code(), e.offset(), e.path()), ("invalid_charset", target, path));
            }
        }
    }

    /// More decimals than the currency's exponent: `invalid_amount` at 54's value, the same
    /// from the builder; `amount_precision` accepts it and the minor units are then `None`.
    #[test]
    fn amount_precision_against_currency(
        m in model(),
        int in 1u32..100_000,
        digits in "[0-9]{4}",
    ) {
        let mut m = m;
        let amount = format!("{int}.{}", &digits[..usize::from(m.exponent) + 1]);
        m.objects.insert(54, Val::Text(amount.clone()));
        let b = m.builder();
        let text = b.encode_unchecked().unwrap();
        let e = Payload::parse(&text).unwrap_err();
        prop_assert_eq!(e.kind(), ErrorKind::InvalidAmount(emvqr::AmountProblem::Precision));
        prop_assert_eq!(e.path(), Path::id(54));
        // Another amount may let a reader counting bytes tile the payload otherwise
        // (`length_unit_ambiguous`, tested on its own): allowed here.
        let lenient = DecodeOptions::strict()
            .allow(emvqr::Leniency::AmountPrecision)
            .allow(emvqr::Leniency::LengthUnitAmbiguous);
        let l = Payload::parse_with(&text, &lenient).unwrap();
        let o54 = l.objects().find(|o| o.id == 54).unwrap();
        prop_assert_eq!(e.offset(), o54.offset + 4);
        prop_assert!(l.warnings().iter().any(|w| w.code() == "invalid_amount" && w.offset() == o54.offset + 4));
        prop_assert_eq!(l.amount().unwrap().to_minor_units(m.exponent), None);
        prop_assert_eq!(l.amount().unwrap().as_str(), amount.as_str());
        let be = b.build().unwrap_err();
        prop_assert_eq!((be.kind(), be.offset(), be.path()), (e.kind(), e.offset(), e.path()));
    }

    /// A bad byte sequence at a character boundary: `invalid_utf8` at that character.
    #[test]
    fn invalid_utf8_is_pinpointed(
        m in model(),
        at in any::<prop::sample::Index>(),
        bad in prop::sample::select(BAD_UTF8),
    ) {
        let text = m.builder().build().unwrap().into_string();
        let boundaries: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
        let k = at.index(boundaries.len());
        let mut bytes = text.as_bytes().to_vec();
        bytes.splice(boundaries[k]..boundaries[k], bad.iter().copied());
        let e = Payload::parse_bytes(&bytes, &DecodeOptions::lenient()).unwrap_err();
        prop_assert_eq!((e.code(), e.offset(), e.path()), ("invalid_utf8", k, Path::ROOT));
    }
}
