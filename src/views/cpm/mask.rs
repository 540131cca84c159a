//! Card data by meaning, not by tag list: which values of a consumer-presented payload must
//! never reach a log or a screen whole, and how they print masked.
//!
//! A value is card data when its tag carries the PAN, a track, the Payment Account Reference,
//! the expiry or the cardholder's name, or when, wherever it sits, its digits (as BCD nibbles or
//! as ASCII) hold a run of 13 to 19 that passes the Luhn check: a card number under a tag the
//! table does not name, or under an unknown tag.

use core::fmt;

use super::payload::{Pan, Track2};
use crate::wire::ber::Tag;

/// Tags whose value is card data whatever it holds.
const CARD_TAGS: [u32; 10] = [
    0x5A,   // Application PAN
    0x57,   // Track 2 Equivalent Data
    0x56,   // Track 1 Data
    0x9F6B, // Track 2 Data
    0x9F1F, // Track 1 Discretionary Data
    0x9F20, // Track 2 Discretionary Data
    0x9F24, // Payment Account Reference
    0x5F24, // Application Expiration Date
    0x5F20, // Cardholder Name
    0x9F0B, // Cardholder Name Extended
];

/// Whether a value holds, as BCD nibbles or as ASCII digits, a run of 13 to 19 digits that
/// passes the Luhn check.
fn holds_card_number(value: &[u8]) -> bool {
    let nibbles = value.iter().flat_map(|&b| [b >> 4, b & 0x0F]);
    let ascii = value.iter().map(|&b| b.wrapping_sub(b'0'));
    luhn_run(nibbles) || luhn_run(ascii)
}

/// Whether a sequence of digits (values above 9 end a run) holds a whole run of 13 to 19
/// digits that passes the Luhn check. The work is linear in the input; a run is kept in a
/// fixed buffer (a longer one is no card number).
fn luhn_run(digits: impl Iterator<Item = u8>) -> bool {
    let mut run = [0u8; 19];
    let mut n = 0usize;
    let card =
        |run: &[u8; 19], n: usize| (13..=19).contains(&n) && luhn(run.get(..n).unwrap_or(&[]));
    for d in digits {
        if d > 9 {
            if card(&run, n) {
                return true;
            }
            n = 0;
            continue;
        }
        if let Some(slot) = run.get_mut(n) {
            *slot = d;
        }
        n = n.saturating_add(1);
    }
    card(&run, n)
}

/// The Luhn check over digits (0–9).
fn luhn(digits: &[u8]) -> bool {
    let sum = digits.iter().rev().enumerate().fold(0u32, |sum, (i, &d)| {
        let d = u32::from(d);
        let v = if i % 2 == 1 {
            let twice = d.saturating_mul(2);
            if twice > 9 {
                twice.saturating_sub(9)
            } else {
                twice
            }
        } else {
            d
        };
        sum.saturating_add(v)
    });
    !digits.is_empty() && sum % 10 == 0
}

/// A value of card data, printed masked: a PAN with at most its first 6 and last 4 digits, a
/// Track 2 with its PAN masked and the rest as `*`, anything else as its length.
///
/// # Examples
/// ```
/// use emvqr::ber::Tag;
/// use emvqr::cpm::mask;
/// // The PAN, masked by its tag.
/// let pan = [0x12, 0x34, 0x56, 0x78, 0x90, 0x12, 0x34, 0x58];
/// assert_eq!(mask(Tag::from_u32(0x5A), &pan).unwrap().to_string(), "123456******3458");
/// // A Luhn-valid card number under a tag no table names is card data too.
/// let hidden = [0x41, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11];
/// assert_eq!(mask(Tag::from_u32(0xDF01), &hidden).unwrap().to_string(), "<8 bytes masked>");
/// // An application label is not.
/// assert!(mask(Tag::from_u32(0x50), b"VISA").is_none());
/// ```
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Masked<'a> {
    /// A PAN (`5A`).
    Pan(Pan<'a>),
    /// A Track 2 (`57`, `9F6B`).
    Track2(Track2<'a>),
    /// Any other card data: its length in bytes.
    Bytes(usize),
}

impl fmt::Display for Masked<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Masked::Pan(p) => write!(f, "{p}"),
            Masked::Track2(t) => write!(f, "{t}"),
            Masked::Bytes(n) => write!(f, "<{n} bytes masked>"),
        }
    }
}

impl fmt::Debug for Masked<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Masked({self})")
    }
}

/// The masked form of a primitive value when it is card data (by its tag, or by a Luhn-valid
/// card number in its digits); `None` when it is not.
#[must_use]
pub fn mask(tag: Tag, value: &[u8]) -> Option<Masked<'_>> {
    let t = tag.to_u32();
    if !CARD_TAGS.contains(&t) && !holds_card_number(value) {
        return None;
    }
    Some(match t {
        0x5A => Pan::from_cn(value).map_or(Masked::Bytes(value.len()), Masked::Pan),
        0x57 | 0x9F6B => Track2::new(value).map_or(Masked::Bytes(value.len()), Masked::Track2),
        _ => Masked::Bytes(value.len()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn luhn_numbers_are_found_in_any_encoding() {
        // 4111 1111 1111 1111 passes; 4111 1111 1111 1112 does not.
        assert!(luhn(&[4, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]));
        assert!(!luhn(&[4, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2]));
        assert!(holds_card_number(&[
            0x41, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11
        ]));
        assert!(holds_card_number(b"card 4111111111111111 here"));
        // A run of digits is one number: twenty digits are none.
        assert!(!holds_card_number(b"99994111111111111111"));
        assert!(holds_card_number(b"4111111111111111=2512"));
        assert!(!holds_card_number(&[
            0x41, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x12
        ]));
        // Twelve digits are no card number, whatever their sum.
        assert!(!holds_card_number(b"000000000000"));
        assert!(!holds_card_number(b"VISA CREDIT"));
    }

    #[test]
    fn card_tags_are_masked_whatever_they_hold() {
        for t in CARD_TAGS {
            let m = mask(Tag::from_u32(t), b"\x01\x02");
            assert!(m.is_some(), "{t:X}");
            assert!(!m.unwrap().to_string().contains("0102"));
        }
        assert_eq!(
            mask(Tag::from_u32(0x5F20), b"JOHN SMITH").map(|m| m.to_string()),
            Some("<10 bytes masked>".into())
        );
        assert!(mask(Tag::from_u32(0x9F26), &[0x12, 0x34]).is_none());
    }
}
