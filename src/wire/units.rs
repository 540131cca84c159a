//! Other readings of one payload: a reader that counts lengths in bytes (as in PHP, Go or C) or
//! in UTF-16 units (as in JavaScript, Java and the KHQR SDKs) instead of characters.
//!
//! An all-ASCII payload reads the same in every unit. A payload with multi-byte characters
//! almost never tiles under another unit; when it does, the other reader sees other objects
//! from the same text and the same CRC, and the decoder refuses it (`length_unit_ambiguous`).

use super::error::LengthUnit;
use super::tlv::TlvIter;

/// One object of another reading: its ID and the byte range of its value.
type Object = (u8, usize, usize);

/// The object another reader counting in `unit` reads at byte `at`: a header of four ASCII
/// digits (any length, `00` included: the other reader may be laxer than EMVCo), then a value
/// of that many units, which must not split a character.
fn object_at(text: &str, at: usize, unit: LengthUnit) -> Option<Object> {
    let header = text.as_bytes().get(at..at.checked_add(4)?)?;
    let mut n = [0u8; 4];
    for (d, &b) in n.iter_mut().zip(header) {
        *d = b.checked_sub(b'0').filter(|&d| d <= 9)?;
    }
    let [i0, i1, l0, l1] = n;
    let id = i0.wrapping_mul(10).wrapping_add(i1);
    let len = usize::from(l0.wrapping_mul(10).wrapping_add(l1));
    let start = at.checked_add(4)?;
    let end = match unit {
        LengthUnit::Byte => start.checked_add(len)?,
        LengthUnit::Utf16 => {
            let (mut units, mut end) = (0usize, start);
            for c in text.get(start..)?.chars() {
                if units >= len {
                    break;
                }
                units = units.saturating_add(c.len_utf16());
                end = end.saturating_add(c.len_utf8());
            }
            if units != len {
                return None;
            }
            end
        }
    };
    (end <= text.len() && text.is_char_boundary(end)).then_some((id, start, end))
}

/// Whether the root level of `text` tiles under `unit` and ends with a CRC object of four
/// characters: the other reader then accepts the text's structure and its CRC (the CRC covers
/// the same bytes in every reading).
fn tiles(text: &str, unit: LengthUnit) -> bool {
    let mut at = 0;
    let mut last = None;
    while at < text.len() {
        let Some(o) = object_at(text, at, unit) else {
            return false;
        };
        at = o.2;
        last = Some(o);
    }
    matches!(last, Some((63, start, end)) if end.wrapping_sub(start) == 4)
}

/// Where the root objects another reader counting in `unit` reads from `text` first differ
/// from the character reading: the character offset and ID of the first of our objects that
/// differs (in ID or value). `None` when the other reader cannot read `text` (it does not tile
/// under `unit`), or reads the same objects.
pub(crate) fn first_difference(text: &str, unit: LengthUnit) -> Option<(usize, u8)> {
    // Within the Basic Multilingual Plane (no four-byte character), UTF-16 units are
    // characters: that reading is ours.
    if (unit == LengthUnit::Utf16 && !has_astral(text)) || !tiles(text, unit) {
        return None;
    }
    let mut first = None;
    let mut theirs_at = Some(0);
    let mut crc_last = false;
    for t in TlvIter::new(text) {
        // Ours must tile too: a text we cannot read has no reading to compare with.
        let t = t.ok()?;
        crc_last = t.id() == 63 && t.char_len() == 4;
        if first.is_none() {
            let start = t.value_byte_offset();
            let ours = (t.id(), start, start.saturating_add(t.value().len()));
            let theirs = theirs_at.and_then(|at| object_at(text, at, unit));
            theirs_at = theirs.map(|o| o.2);
            if Some(ours) != theirs {
                first = Some((t.offset(), t.id()));
            }
        }
    }
    // Both readings cover the whole text: equal objects throughout are one reading.
    first.filter(|_| crc_last)
}

/// Whether `text` has a character beyond U+FFFF: a byte with its top four bits set starts one
/// (checked a block at a time, which the compiler vectorises).
fn has_astral(text: &str) -> bool {
    text.as_bytes().chunks(32).any(|block| {
        let top = block.iter().fold(0u8, |m, &b| {
            m | (b & b.wrapping_shl(1) & b.wrapping_shl(2) & b.wrapping_shl(3))
        });
        top & 0x80 != 0
    })
}

/// Whether every reading of `text` that succeeds reads the objects ours does.
pub(crate) fn agree(text: &str) -> bool {
    LengthUnit::ALL
        .iter()
        .all(|&u| first_difference(text, u).is_none())
}

/// The root objects a reader counting in `unit` reads, written the plain way (the text encoded
/// into that unit, then cut): a reference for [`first_difference`] in the tests and the fuzz
/// target `length_units`. `None` when they do not tile, or do not end with a CRC object of four.
#[cfg(all(any(test, feature = "fuzzing"), feature = "alloc"))]
// Reference code for tests: digits below 10, lengths below 100, units cast back from what they
// were widened from.
#[allow(clippy::arithmetic_side_effects, clippy::cast_possible_truncation)]
pub(crate) fn reference_reading(
    text: &str,
    unit: Option<LengthUnit>,
) -> Option<alloc::vec::Vec<(u8, alloc::string::String)>> {
    use alloc::string::String;
    use alloc::vec::Vec;
    // The text as units: characters (ours), bytes or UTF-16 units, each unit as a u32.
    let units: Vec<u32> = match unit {
        None => text.chars().map(u32::from).collect(),
        Some(LengthUnit::Byte) => text.bytes().map(u32::from).collect(),
        Some(LengthUnit::Utf16) => text.encode_utf16().map(u32::from).collect(),
    };
    let digit = |u: u32| (0x30..=0x39).contains(&u).then(|| u.wrapping_sub(0x30));
    let mut out = Vec::new();
    let mut at = 0usize;
    while at < units.len() {
        let h: Vec<u32> = units
            .get(at..at.checked_add(4)?)?
            .iter()
            .map(|&u| digit(u))
            .collect::<Option<_>>()?;
        let (id, len) = match h.as_slice() {
            [a, b, c, d] => (a * 10 + b, (c * 10 + d) as usize),
            _ => return None,
        };
        // Ours reads no empty value; another reader may.
        if unit.is_none() && len == 0 {
            return None;
        }
        let value = units.get(at.checked_add(4)?..at.checked_add(4)?.checked_add(len)?)?;
        let value = match unit {
            None => value
                .iter()
                .map(|&u| char::from_u32(u))
                .collect::<Option<String>>()?,
            Some(LengthUnit::Byte) => {
                let bytes: Vec<u8> = value.iter().map(|&u| u as u8).collect();
                String::from_utf8(bytes).ok()?
            }
            Some(LengthUnit::Utf16) => {
                let wide: Vec<u16> = value.iter().map(|&u| u as u16).collect();
                String::from_utf16(&wide).ok()?
            }
        };
        out.push((u8::try_from(id).ok()?, value));
        at = at.checked_add(4)?.checked_add(len)?;
    }
    matches!(out.last(), Some((63, v)) if v.chars().count() == 4).then_some(out)
}

#[cfg(test)]
#[allow(clippy::arithmetic_side_effects)]
mod tests {
    use super::*;

    #[test]
    fn astral_characters_are_found() {
        assert!(!has_astral("ASCII, é, 最, \u{FFFF}"));
        for at in 0..70 {
            assert!(has_astral(&format!("{}😀", "a".repeat(at))), "{at}");
        }
    }

    #[test]
    fn objects_by_unit() {
        // "é" is one character, two bytes, one UTF-16 unit; "😀" one character, four bytes,
        // two UTF-16 units.
        assert_eq!(object_at("5902é!", 0, LengthUnit::Byte), Some((59, 4, 6)));
        assert_eq!(object_at("5902é!", 0, LengthUnit::Utf16), Some((59, 4, 7)));
        assert_eq!(object_at("5902😀", 0, LengthUnit::Utf16), Some((59, 4, 8)));
        // A value may not split a character: not one object in that unit.
        assert_eq!(object_at("5901é", 0, LengthUnit::Byte), None);
        assert_eq!(object_at("5901😀", 0, LengthUnit::Utf16), None);
        assert_eq!(object_at("59x1", 0, LengthUnit::Byte), None);
        assert_eq!(object_at("5905abc", 0, LengthUnit::Byte), None);
    }

    #[test]
    fn an_ascii_text_reads_the_same_in_every_unit() {
        let text = "000201010211520454115303840540512.005802US5904SHOP6003NYC63040000";
        assert!(agree(text));
        for unit in LengthUnit::ALL {
            assert!(tiles(text, unit));
            assert_eq!(first_difference(text, unit), None);
        }
    }

    /// A name whose multi-byte characters make another reader stop early and read the rest
    /// of it as an amount: `mb` is a character of two bytes or of two UTF-16 units.
    fn smuggled(mb: &str) -> String {
        format!("5926{}NOODLE5406999.9963040000", mb.repeat(10))
    }

    #[test]
    fn a_smuggled_amount_is_found_where_the_readings_part() {
        for (mb, unit) in [("é", LengthUnit::Byte), ("😀", LengthUnit::Utf16)] {
            let text = smuggled(mb);
            assert!(tiles(&text, unit), "{unit}");
            // Ours: 59 (26 characters) and 63; theirs: 59, 54 = 999.99 and 63.
            assert_eq!(first_difference(&text, unit), Some((0, 59)), "{unit}");
            assert!(!agree(&text));
        }
        // "é" is one UTF-16 unit: that reader reads what we read.
        assert_eq!(first_difference(&smuggled("é"), LengthUnit::Utf16), None);
        // A name with multi-byte characters that no other reader can tile.
        assert!(agree("5904éééé63040000"));
    }

    #[cfg(feature = "alloc")]
    #[test]
    fn the_reference_readings_agree() {
        for text in [smuggled("é"), smuggled("😀"), "5904éééé63040000".into()] {
            for unit in LengthUnit::ALL {
                let ours = reference_reading(&text, None);
                let theirs = reference_reading(&text, Some(unit));
                let differs = ours.is_some() && theirs.is_some() && ours != theirs;
                assert_eq!(
                    first_difference(&text, unit).is_some(),
                    differs,
                    "{text} {unit}"
                );
            }
        }
    }

    #[cfg(feature = "alloc")]
    use proptest::strategy::Strategy;

    #[cfg(feature = "alloc")]
    proptest::proptest! {
        /// On texts of headers, ASCII and multi-byte characters, the reading by units finds a
        /// difference exactly where the reference readings differ.
        #[test]
        fn first_difference_is_the_reference(
            parts in proptest::collection::vec(
                proptest::prop_oneof![
                    "[0-9]{2}(0[0-9]|1[0-9])",
                    "[A-Z0-9.]{1,6}",
                    proptest::sample::select(vec!["é", "😀", "最", "6304"]).prop_map(String::from),
                ],
                1..24,
            ),
            crc in "[0-9A-F]{4}",
        ) {
            let text = format!("{}6304{crc}", parts.concat());
            let ours = reference_reading(&text, None);
            for unit in LengthUnit::ALL {
                let theirs = reference_reading(&text, Some(unit));
                let differs = ours.is_some() && theirs.is_some() && ours != theirs;
                proptest::prop_assert_eq!(first_difference(&text, unit).is_some(), differs);
            }
        }

        /// A value of `k` multi-byte characters, then a tail that is itself an object as long
        /// as the surplus of those characters in the other unit: the other reader ends the
        /// value early and reads the tail as an object. Found at the value's object, in
        /// exactly the units where the surplus is not zero.
        #[test]
        fn constructed_smuggling_is_found(
            before in "(5[0-9]04[A-Z]{4}){0,3}",
            mb in proptest::sample::select(vec!["é", "最", "😀"]),
            k in 5usize..12,
            filler in "[A-Z ]{0,8}",
        ) {
            let surplus = |unit: LengthUnit| {
                let extra = match unit {
                    LengthUnit::Byte => mb.len(),
                    LengthUnit::Utf16 => mb.encode_utf16().count(),
                };
                k * (extra - 1)
            };
            for unit in LengthUnit::ALL {
                let n = surplus(unit);
                if !(5..=99).contains(&n) {
                    continue;
                }
                let tail = format!("99{:02}{}", n - 4, "9".repeat(n - 4));
                let value = format!("{}{filler}{tail}", mb.repeat(k));
                let head = format!("{before}64{:02}", value.chars().count());
                let text = format!("{head}{value}63040000");
                let at = before.chars().count();
                proptest::prop_assert_eq!(first_difference(&text, unit), Some((at, 64)));
                let other = if unit == LengthUnit::Byte { LengthUnit::Utf16 } else { LengthUnit::Byte };
                let theirs = reference_reading(&text, Some(other));
                let differs = theirs.is_some() && theirs != reference_reading(&text, None);
                proptest::prop_assert_eq!(first_difference(&text, other).is_some(), differs);
            }
        }
    }
}
