//! CRC-16/CCITT-FALSE (also named CRC-16/IBM-3740), the checksum of ID 63.
//!
//! Polynomial 0x1021, initial value 0xFFFF, no reflection, no final XOR; EMVCo MPM §4.7.3.
//! The checksum covers the UTF-8 bytes of every object before the CRC plus the CRC's own
//! ID and length, `"6304"`.

use crc::{CRC_16_IBM_3740, Crc, Table};

/// The algorithm with the `crc` crate's slice-by-16 tables: `tables()[k][b]` is what byte `b`
/// followed by `k` zero bytes adds to the state.
const ALGORITHM: Crc<u16, Table<16>> = Crc::<u16, Table<16>>::new(&CRC_16_IBM_3740);
static CRC16: Crc<u16, Table<16>> = ALGORITHM;

/// The initial state (no reflection and no final XOR: the state is the checksum).
const INIT: u16 = 0xFFFF;

/// `LEAD[n]`: the state that `n` zero bytes take to [`INIT`]. A payload whose length is not a
/// multiple of 16 starts with a block of `16 - r` zero bytes and its first `r` bytes, from
/// `LEAD[16 - r]`; every block is then a whole one.
static LEAD: [u16; 16] = lead_states();

/// One zero byte takes state `s` to `(s << 8) ^ T0[s >> 8]`. Backwards: the low byte of the
/// result is the low byte of `T0[s >> 8]`, which names `s >> 8` (the map is one to one for
/// this polynomial; `checksum_matches_the_crc_crate` checks every length), and the high byte
/// gives back the low byte of `s`.
// Evaluated at compile time: an index out of range fails the build.
#[allow(clippy::indexing_slicing, clippy::arithmetic_side_effects)]
const fn lead_states() -> [u16; 16] {
    let t0 = &ALGORITHM.table()[0];
    let mut out = [0u16; 16];
    let mut state = INIT;
    let mut n = 0;
    while n < 16 {
        out[n] = state;
        let mut hi = 0;
        while hi < 255 && t0[hi] & 0xFF != state & 0xFF {
            hi += 1;
        }
        let lo = (state ^ t0[hi]) >> 8;
        state = ((hi as u16) << 8) | lo;
        n += 1;
    }
    out
}

/// `row[b]`.
#[inline(always)]
fn look(row: &[u16; 256], b: u8) -> u16 {
    row.get(usize::from(b)).copied().unwrap_or(0)
}

/// The state after a block of 16 bytes, from `state`.
#[inline(always)]
fn block(state: u16, b: &[u8; 16]) -> u16 {
    let [
        t0,
        t1,
        t2,
        t3,
        t4,
        t5,
        t6,
        t7,
        t8,
        t9,
        t10,
        t11,
        t12,
        t13,
        t14,
        t15,
    ] = CRC16.table();
    let [
        b0,
        b1,
        b2,
        b3,
        b4,
        b5,
        b6,
        b7,
        b8,
        b9,
        b10,
        b11,
        b12,
        b13,
        b14,
        b15,
    ] = *b;
    let [hi, lo] = state.to_be_bytes();
    // The fourteen bytes the state does not touch first: their chain of XORs runs ahead, and
    // the state's own dependency is two lookups per block.
    let rest = look(t13, b2)
        ^ look(t12, b3)
        ^ look(t11, b4)
        ^ look(t10, b5)
        ^ look(t9, b6)
        ^ look(t8, b7)
        ^ look(t7, b8)
        ^ look(t6, b9)
        ^ look(t5, b10)
        ^ look(t4, b11)
        ^ look(t3, b12)
        ^ look(t2, b13)
        ^ look(t1, b14)
        ^ look(t0, b15);
    rest ^ look(t15, b0 ^ hi) ^ look(t14, b1 ^ lo)
}

/// The CRC-16/CCITT-FALSE of `bytes`.
///
/// Slice-by-16 over the `crc` crate's tables, in whole blocks only: the bytes that do not fill
/// a block are read as the end of a first block led by zeros, from the state those zeros take
/// to the initial value. The chain from one block to the next is two lookups, and no byte is
/// read one at a time (the crate's own loop reads the last `len % 16` bytes so: on a typical
/// 158-byte payload that was 45% of the time).
///
/// # Examples
/// ```
/// assert_eq!(emvqr::crc::checksum(b"123456789"), 0x29B1);
/// ```
#[must_use]
pub fn checksum(bytes: &[u8]) -> u16 {
    Stream::new(bytes).finish()
}

/// A checksum worked out a block at a time, so that the decoder can interleave it with its
/// walk of the objects: the two chains of dependent instructions then run side by side.
pub(crate) struct Stream<'a> {
    state: u16,
    blocks: core::slice::ChunksExact<'a, u8>,
}

impl<'a> Stream<'a> {
    /// A checksum of `bytes`, with the first block (the one led by zeros, if any) done.
    #[inline(always)]
    pub(crate) fn new(bytes: &'a [u8]) -> Stream<'a> {
        let r = bytes.len() % 16;
        let (head, body) = bytes.split_at(r);
        let mut state = INIT;
        if r != 0 {
            let pad = 16usize.wrapping_sub(r);
            let first = match bytes.first_chunk::<16>() {
                // The first `r` bytes, moved to the end of the block: zeros come in front
                // (`pad` is 1 to 15, so the shift is 8 to 120 bits).
                Some(b) => (u128::from_be_bytes(*b) >> pad.wrapping_mul(8)).to_be_bytes(),
                None => {
                    let mut b = [0u8; 16];
                    if let Some(end) = b.get_mut(pad..) {
                        end.copy_from_slice(head);
                    }
                    b
                }
            };
            state = block(LEAD.get(pad).copied().unwrap_or(INIT), &first);
        }
        Stream {
            state,
            blocks: body.chunks_exact(16),
        }
    }

    /// Takes in the next block, if any is left.
    #[inline(always)]
    pub(crate) fn step(&mut self) {
        if let Some(b) = self.blocks.next().and_then(<[u8]>::first_chunk::<16>) {
            self.state = block(self.state, b);
        }
    }

    /// Takes in every block left.
    #[inline(always)]
    pub(crate) fn run(&mut self) {
        for c in &mut self.blocks {
            if let Some(b) = c.first_chunk::<16>() {
                self.state = block(self.state, b);
            }
        }
    }

    /// The checksum, after the blocks left.
    #[inline(always)]
    pub(crate) fn finish(mut self) -> u16 {
        self.run();
        self.state
    }
}

/// Writes a CRC as the four upper-case hexadecimal digits used in ID 63.
///
/// # Examples
/// ```
/// assert_eq!(&emvqr::crc::to_hex(0x007B), b"007B");
/// ```
#[must_use]
pub fn to_hex(crc: u16) -> [u8; 4] {
    let nibble = |shift: u32| {
        let n = usize::from((crc >> shift) & 0xF);
        crate::knowledge::hex::DIGITS
            .get(n)
            .copied()
            .unwrap_or(b'0')
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

    /// Every length from 0 to 600 (each remainder of 16, short and long), against the `crc`
    /// crate's own loop.
    #[test]
    fn checksum_matches_the_crc_crate() {
        let bytes: [u8; 600] = core::array::from_fn(|i| (i as u8).wrapping_mul(151) ^ 0x5A);
        for n in 0..=bytes.len() {
            assert_eq!(
                checksum(&bytes[..n]),
                CRC16.checksum(&bytes[..n]),
                "length {n}"
            );
        }
        assert_eq!(LEAD[0], INIT);
    }

    proptest::proptest! {
        #[test]
        fn checksum_agrees_on_any_bytes(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..700)) {
            proptest::prop_assert_eq!(checksum(&bytes), CRC16.checksum(&bytes));
        }
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
