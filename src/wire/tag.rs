//! BER tags, the names of consumer-presented data objects, and the nesting they may reach.

use core::fmt;

/// The deepest nesting accepted: root objects are at depth 1, the objects of a root template
/// at depth 2 (`61.57`), and so on down to depth 4 (`61.63.BF0C.9F26`).
///
/// # Examples
/// ```
/// use emvqr::ber::validate;
/// // Five nested templates: one too many.
/// let ber = [0x61, 0x08, 0x61, 0x06, 0x61, 0x04, 0x61, 0x02, 0x61, 0x00];
/// assert_eq!(validate(&ber).unwrap_err().code(), "ber_depth");
/// ```
pub const MAX_DEPTH: usize = 4;

/// A BER tag of one to three bytes, held as its big-endian value (`0x5F20`).
///
/// # Examples
/// ```
/// use emvqr::ber::Tag;
/// let name = Tag::from_u32(0x5F20);
/// assert_eq!((name.len(), name.to_u32(), name.to_string()), (2, 0x5F20, "5F20".to_string()));
/// assert_eq!(name.to_bytes(), [0x5F, 0x20, 0x00]);
/// assert!(Tag::from_u32(0x61).is_constructed() && !name.is_constructed());
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Tag(u32);

impl Tag {
    /// The tag whose bytes, big-endian, make `value` (`0x9F26`). Not checked: a value that is
    /// not a well-formed tag is refused when written and read back.
    #[must_use]
    pub const fn from_u32(value: u32) -> Tag {
        Tag(value & 0x00FF_FFFF)
    }

    /// The big-endian value of the tag's bytes.
    #[must_use]
    pub const fn to_u32(self) -> u32 {
        self.0
    }

    /// Number of bytes of the tag (1 to 3).
    #[must_use]
    pub const fn len(self) -> usize {
        if self.0 > 0xFFFF {
            3
        } else if self.0 > 0xFF {
            2
        } else {
            1
        }
    }

    /// Always false: a tag has at least one byte (present for symmetry with [`Tag::len`]).
    #[must_use]
    pub const fn is_empty(self) -> bool {
        false
    }

    /// The tag's bytes, left-aligned: only the first [`len`](Tag::len) are meaningful.
    #[must_use]
    pub const fn to_bytes(self) -> [u8; 3] {
        let [_, a, b, c] = self.0.to_be_bytes();
        match self.len() {
            3 => [a, b, c],
            2 => [b, c, 0],
            _ => [c, 0, 0],
        }
    }

    fn first_byte(self) -> u8 {
        self.to_bytes()[0]
    }

    /// True when bit 6 of the first byte is set: the value is a sequence of objects.
    #[must_use]
    pub fn is_constructed(self) -> bool {
        self.first_byte() & 0x20 != 0
    }
}

impl fmt::Display for Tag {
    /// Upper-case hex of the tag's bytes: `5F20`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.len() {
            1 => write!(f, "{:02X}", self.0),
            2 => write!(f, "{:04X}", self.0),
            _ => write!(f, "{:06X}", self.0),
        }
    }
}

impl fmt::Debug for Tag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Tag({self})")
    }
}

/// The tag at the start of `bytes`, written by [`Tag::to_bytes`] (a path's packed tags): its
/// length follows from its first bytes.
pub(crate) fn packed_tag(bytes: &[u8]) -> Option<(Tag, usize)> {
    let &b0 = bytes.first()?;
    let len = if b0 & 0x1F != 0x1F {
        1
    } else if bytes.get(1)? & 0x80 == 0 {
        2
    } else {
        3
    };
    let value = bytes
        .get(..len)?
        .iter()
        .fold(0u32, |v, &b| (v << 8) | u32::from(b));
    Some((Tag::from_u32(value), len))
}
