//! Hexadecimal, the notation of EMV's tags, AIDs and binary values (and of the identifiers in
//! the knowledge table): bytes shown as upper-case digits, and digits of either case read
//! back. The one place the crate does either.

use core::fmt;

/// The upper-case hexadecimal digits.
pub(crate) const DIGITS: &[u8; 16] = b"0123456789ABCDEF";

/// Bytes shown as upper-case hexadecimal, two digits a byte, with `{}` or `{:?}`.
///
/// # Examples
/// ```
/// use emvqr::Hex;
/// assert_eq!(Hex(&[0xA0, 0x00, 0x00, 0x03, 0x33]).to_string(), "A000000333");
/// assert_eq!(format!("{:?}", Hex(b"\x9f\x26")), "9F26");
/// ```
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Hex<'a>(pub &'a [u8]);

impl fmt::Display for Hex<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.iter().try_for_each(|&b| {
            let digit =
                |n: u8| char::from(DIGITS.get(usize::from(n & 0xF)).copied().unwrap_or(b'0'));
            f.write_fmt(format_args!("{}{}", digit(b >> 4), digit(b)))
        })
    }
}

impl fmt::Debug for Hex<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// The value of one hexadecimal digit, either case.
pub(crate) const fn digit(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b.wrapping_sub(b'0')),
        b'a'..=b'f' => Some(b.wrapping_sub(b'a').wrapping_add(10)),
        b'A'..=b'F' => Some(b.wrapping_sub(b'A').wrapping_add(10)),
        _ => None,
    }
}

/// The bytes of `text` read two digits at a time (either case): `None` for a pair that is not
/// two digits. An odd last digit is left out; callers check the length.
pub(crate) fn pairs(text: &[u8]) -> impl Iterator<Item = Option<u8>> + '_ {
    text.chunks_exact(2).map(|pair| match *pair {
        [hi, lo] => Some(digit(hi)?.wrapping_shl(4) | digit(lo)?),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::string::ToString;
    use std::vec::Vec;

    fn decode(text: &str) -> Option<Vec<u8>> {
        if text.len() % 2 == 1 {
            return None;
        }
        pairs(text.as_bytes()).collect()
    }

    #[test]
    fn every_byte_round_trips() {
        let all: Vec<u8> = (0..=255).collect();
        let text = Hex(&all).to_string();
        assert_eq!(text.len(), 512);
        assert!(text.starts_with("000102") && text.ends_with("FDFEFF"));
        assert_eq!(decode(&text), Some(all.clone()));
        assert_eq!(decode(&text.to_ascii_lowercase()), Some(all));
    }

    #[test]
    fn non_digits_and_odd_lengths_are_refused() {
        for bad in ["0", "0g", "g0", "123", " 0", "0x"] {
            assert_eq!(decode(bad), None, "{bad}");
        }
        assert_eq!(decode(""), Some(Vec::new()));
        assert_eq!(
            (digit(b'/'), digit(b':'), digit(b'@'), digit(b'G')),
            (None, None, None, None)
        );
        assert_eq!((digit(b'`'), digit(b'g')), (None, None));
        assert_eq!(
            (digit(b'9'), digit(b'a'), digit(b'F')),
            (Some(9), Some(10), Some(15))
        );
    }
}
