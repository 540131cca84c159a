//! Naive oracles: a bit-by-bit CRC and a character-by-character TLV splitter, checked against
//! the library on random input.
#![allow(
    clippy::arithmetic_side_effects,
    clippy::unwrap_used,
    clippy::indexing_slicing
)]

mod common;

use common::{ANNEX_B, MULTIBYTE, model, s_char};
use emvqr::tlv::TlvIter;
use emvqr::{ErrorKind, Path};
use proptest::prelude::*;

/// CRC-16/CCITT-FALSE, one bit at a time: poly 0x1021, init 0xFFFF, MSB first, no
/// reflection, no final XOR.
fn naive_crc(bytes: &[u8]) -> u16 {
    let mut crc: u16 = 0xFFFF;
    for &byte in bytes {
        for bit in (0..8).rev() {
            let input = (byte >> bit) & 1 == 1;
            let top = crc & 0x8000 != 0;
            crc <<= 1;
            if input != top {
                crc ^= 0x1021;
            }
        }
    }
    crc
}

/// What the naive splitter reports: (kind, character offset, path).
type NaiveError = (ErrorKind, usize, Path);

/// Splits `s` into (id, value, character offset of the ID), reading characters one at a time.
/// `base` is the absolute offset of `s`; `parent` the template it is the value of.
fn naive_split(
    s: &str,
    base: usize,
    parent: Option<u8>,
) -> (Vec<(u8, String, usize)>, Option<NaiveError>) {
    let chars: Vec<char> = s.chars().collect();
    let level = parent.map_or(Path::ROOT, Path::id);
    let object = |id: u8| parent.map_or(Path::id(id), |p| Path::sub(p, id));
    let digit = |c: char| c.to_digit(10).filter(|_| c.is_ascii_digit());
    let mut out = Vec::new();
    let mut pos = 0;
    while pos < chars.len() {
        let at = base + pos;
        if chars.len() - pos < 4 {
            return (out, Some((ErrorKind::Truncated, at, level)));
        }
        let (Some(i1), Some(i2)) = (digit(chars[pos]), digit(chars[pos + 1])) else {
            return (out, Some((ErrorKind::InvalidId, at, level)));
        };
        let id = u8::try_from(i1 * 10 + i2).unwrap();
        let (Some(l1), Some(l2)) = (digit(chars[pos + 2]), digit(chars[pos + 3])) else {
            return (out, Some((ErrorKind::InvalidLength, at + 2, object(id))));
        };
        let len = usize::try_from(l1 * 10 + l2).unwrap();
        if len == 0 {
            return (out, Some((ErrorKind::ZeroLength, at + 2, object(id))));
        }
        if pos + 4 + len > chars.len() {
            return (out, Some((ErrorKind::LengthOverrun, at + 2, object(id))));
        }
        let value: String = chars[pos + 4..pos + 4 + len].iter().collect();
        out.push((id, value, at));
        pos += 4 + len;
    }
    (out, None)
}

/// The library's split in the same shape, checking each object's byte offsets as it goes.
fn library_split(
    s: &str,
    base: usize,
    parent: Option<u8>,
) -> (Vec<(u8, String, usize)>, Option<NaiveError>) {
    let it = match parent {
        None => TlvIter::new(s),
        Some(p) => TlvIter::nested(s, base, p),
    };
    let mut out = Vec::new();
    for r in it {
        match r {
            Ok(t) => {
                assert_eq!(&s[t.value_byte_offset()..][..t.value().len()], t.value());
                assert_eq!(t.value_offset(), t.offset() + 4);
                assert_eq!(t.char_len(), t.value().chars().count());
                assert_eq!(s[..t.byte_offset()].chars().count() + base, t.offset());
                out.push((t.id(), t.value().to_string(), t.offset()));
            }
            Err(e) => return (out, Some((e.kind(), e.offset(), e.path()))),
        }
    }
    (out, None)
}

/// Encodes (id, value) pairs with character-counted lengths.
fn encode(objects: &[(u8, String)]) -> String {
    objects
        .iter()
        .map(|(id, v)| format!("{id:02}{:02}{v}", v.chars().count()))
        .collect()
}

#[derive(Debug, Clone)]
enum Edit {
    Truncate(prop::sample::Index),
    Delete(prop::sample::Index),
    Insert(prop::sample::Index, char),
    Replace(prop::sample::Index, char),
}

/// Characters that damage TLV in interesting ways: digits, letters, look-alike digits,
/// multibyte characters.
fn damage_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => prop::sample::select(&['0', '1', '2', '9'][..]),
        2 => prop::char::range('0', '9'),
        1 => prop::sample::select(&['A', 'x', ' ', '.', '٣', '０', '²', '\u{0}'][..]),
        2 => prop::sample::select(MULTIBYTE),
    ]
}

fn edit() -> impl Strategy<Value = Edit> {
    let ix = any::<prop::sample::Index>;
    prop_oneof![
        ix().prop_map(Edit::Truncate),
        ix().prop_map(Edit::Delete),
        (ix(), damage_char()).prop_map(|(i, c)| Edit::Insert(i, c)),
        (ix(), damage_char()).prop_map(|(i, c)| Edit::Replace(i, c)),
    ]
}

fn apply(s: &str, edits: &[Edit]) -> String {
    let mut chars: Vec<char> = s.chars().collect();
    for e in edits {
        let n = chars.len();
        match e {
            Edit::Truncate(i) if n > 0 => chars.truncate(i.index(n)),
            Edit::Delete(i) if n > 0 => {
                chars.remove(i.index(n));
            }
            Edit::Insert(i, c) => chars.insert(i.index(n + 1), *c),
            Edit::Replace(i, c) if n > 0 => chars[i.index(n)] = *c,
            _ => {}
        }
    }
    chars.into_iter().collect()
}

/// Mostly well-formed TLV (random IDs, values with multibyte characters), sometimes damaged.
fn tlv_input() -> impl Strategy<Value = (String, bool)> {
    let value = prop_oneof![
        4 => prop::collection::vec(s_char(), 1..=12),
        1 => prop::collection::vec(s_char(), 1..=99),
    ]
    .prop_map(|v| v.into_iter().collect::<String>());
    (
        prop::collection::vec((0u8..=99, value), 0..8),
        prop::collection::vec(edit(), 0..=3),
    )
        .prop_map(|(objects, edits)| {
            let clean = edits.is_empty();
            (apply(&encode(&objects), &edits), clean)
        })
}

fn check_split(s: &str, base: usize, parent: Option<u8>) -> Result<(), TestCaseError> {
    let naive = naive_split(s, base, parent);
    let lib = library_split(s, base, parent);
    prop_assert_eq!(&lib.0, &naive.0, "objects differ on {:?}", s);
    prop_assert_eq!(lib.1, naive.1, "errors differ on {:?}", s);
    Ok(())
}

#[test]
fn naive_crc_check_value() {
    assert_eq!(naive_crc(b"123456789"), 0x29B1);
    assert_eq!(emvqr::crc::checksum(b"123456789"), 0x29B1);
    assert_eq!(naive_crc(b""), 0xFFFF);
    let at = ANNEX_B.len() - 4;
    assert_eq!(naive_crc(&ANNEX_B.as_bytes()[..at]), 0xA13A);
}

#[test]
fn naive_split_of_annex_b() {
    let (objects, err) = naive_split(ANNEX_B, 0, None);
    assert_eq!(err, None);
    assert_eq!(objects.len(), 15);
    assert_eq!(library_split(ANNEX_B, 0, None), (objects, None));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn crc_agrees_with_naive(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        prop_assert_eq!(emvqr::crc::checksum(&bytes), naive_crc(&bytes));
    }

    /// The CRC a builder writes is the naive CRC of everything before it.
    #[test]
    fn builder_crc_agrees_with_naive(m in model()) {
        let text = m.builder().build().unwrap().into_string();
        let at = text.len() - 4;
        prop_assert_eq!(&text[at..], format!("{:04X}", naive_crc(&text.as_bytes()[..at])));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1024, ..ProptestConfig::default() })]

    /// Root level: same objects, same first error (kind, character offset, path).
    #[test]
    fn splitter_agrees_with_naive((s, clean) in tlv_input()) {
        if clean {
            prop_assert_eq!(naive_split(&s, 0, None).1, None);
        }
        check_split(&s, 0, None)?;
    }

    /// Inside a template: offsets are absolute, paths name the template.
    #[test]
    fn nested_splitter_agrees_with_naive(
        (s, _) in tlv_input(),
        base in 0usize..3000,
        parent in prop::sample::select(&[26u8, 51, 62, 64, 80, 99][..]),
    ) {
        check_split(&s, base, Some(parent))?;
    }

    #[test]
    fn splitter_agrees_on_digit_soup(s in "[0-9]{0,40}") {
        check_split(&s, 0, None)?;
    }

    #[test]
    fn splitter_agrees_on_arbitrary_text(s in ".{0,24}") {
        check_split(&s, 0, None)?;
    }
}
