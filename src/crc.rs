//! CRC-16/CCITT-FALSE (also named CRC-16/IBM-3740), the checksum of ID 63.
//!
//! Polynomial 0x1021, initial value 0xFFFF, no reflection, no final XOR; EMVCo MPM §4.7.3.
//! The checksum covers the UTF-8 bytes of every object before the CRC plus the CRC's own
//! ID and length, `"6304"`.

use crc::{CRC_16_IBM_3740, Crc, Table};

static CRC16: Crc<u16, Table<16>> = Crc::<u16, Table<16>>::new(&CRC_16_IBM_3740);

/// The CRC-16/CCITT-FALSE of `bytes`.
///
/// # Examples
/// ```
/// assert_eq!(emvqr::crc::checksum(b"123456789"), 0x29B1);
/// ```
#[must_use]
pub fn checksum(bytes: &[u8]) -> u16 {
    CRC16.checksum(bytes)
}

/// Writes a CRC as the four upper-case hexadecimal digits used in ID 63.
///
/// # Examples
/// ```
/// assert_eq!(&emvqr::crc::to_hex(0x007B), b"007B");
/// ```
#[must_use]
pub fn to_hex(crc: u16) -> [u8; 4] {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let nibble = |shift: u32| {
        let n = usize::from((crc >> shift) & 0xF);
        HEX.get(n).copied().unwrap_or(b'0')
    };
    [nibble(12), nibble(8), nibble(4), nibble(0)]
}

/// The result of reading the four characters of a CRC value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Hex {
    /// Four hex digits; `lowercase` when any letter is lower case.
    Value { value: u16, lowercase: bool },
    /// Some character is not a hex digit.
    NotHex,
}

/// Reads four hexadecimal digits strictly (no sign, no prefix, no whitespace).
pub(crate) fn parse_hex(text: &[u8]) -> Hex {
    if text.len() != 4 {
        return Hex::NotHex;
    }
    let mut value: u16 = 0;
    let mut lowercase = false;
    for &b in text {
        let digit = match b {
            b'0'..=b'9' => b.wrapping_sub(b'0'),
            b'A'..=b'F' => b.wrapping_sub(b'A').wrapping_add(10),
            b'a'..=b'f' => {
                lowercase = true;
                b.wrapping_sub(b'a').wrapping_add(10)
            }
            _ => return Hex::NotHex,
        };
        value = (value << 4) | u16::from(digit);
    }
    Hex::Value { value, lowercase }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_value() {
        assert_eq!(checksum(b"123456789"), 0x29B1);
        assert_eq!(checksum(b""), 0xFFFF);
    }

    #[test]
    fn hex_round_trip() {
        for v in [0u16, 0x7B, 0xA13A, 0xFFFF, 0x6304] {
            let h = to_hex(v);
            assert_eq!(
                parse_hex(&h),
                Hex::Value {
                    value: v,
                    lowercase: false
                }
            );
        }
        assert_eq!(
            parse_hex(b"dd2c"),
            Hex::Value {
                value: 0xDD2C,
                lowercase: true
            }
        );
        assert_eq!(parse_hex(b"+1A2"), Hex::NotHex);
        assert_eq!(parse_hex(b"WXYZ"), Hex::NotHex);
        assert_eq!(parse_hex(b"ABC"), Hex::NotHex);
        assert_eq!(parse_hex(b" ABC"), Hex::NotHex);
    }
}
