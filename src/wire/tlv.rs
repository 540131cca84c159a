//! The MPM wire layer: a text TLV reader with no payment semantics.
//!
//! A data object is a two-digit ID, a two-digit length `01`–`99` and a value of that many
//! **characters** (Unicode scalar values, EMVCo MPM §4.4.1.1), not bytes. The reader works on
//! anything TLV-shaped, root or template, and never allocates.
//!
//! ```
//! use emvqr::tlv::TlvIter;
//! let ids: Vec<u8> = TlvIter::new("000201" /* ID 00, length 02, "01" */)
//!     .map(|r| r.map(|t| t.id()))
//!     .collect::<Result<_, _>>()?;
//! assert_eq!(ids, [0]);
//! # Ok::<(), emvqr::Error>(())
//! ```

use super::error::{Error, ErrorKind, Path};
pub use super::limits::{MAX_INPUT_BYTES, RECOMMENDED_MAX_CHARS};

/// One data object as read from the wire.
///
/// # Examples
/// ```
/// use emvqr::tlv::TlvIter;
/// // Lengths count characters: "最佳" is two characters, six bytes.
/// let t = TlvIter::new("5902最佳").next().unwrap()?;
/// assert_eq!((t.id(), t.value(), t.char_len()), (59, "最佳", 2));
/// assert_eq!((t.offset(), t.value_offset()), (0, 4));
/// # Ok::<(), emvqr::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tlv<'a> {
    id: u8,
    value: &'a str,
    offset: usize,
    byte_offset: usize,
}

impl<'a> Tlv<'a> {
    /// The ID, 0–99.
    #[must_use]
    pub const fn id(&self) -> u8 {
        self.id
    }

    /// The value, a slice of the input.
    #[must_use]
    pub const fn value(&self) -> &'a str {
        self.value
    }

    /// Character offset of the object's ID from the start of the payload.
    #[must_use]
    pub const fn offset(&self) -> usize {
        self.offset
    }

    /// Character offset of the object's value from the start of the payload.
    #[must_use]
    pub const fn value_offset(&self) -> usize {
        self.offset.saturating_add(4)
    }

    /// Byte offset of the object's ID within the text the iterator reads.
    #[must_use]
    pub const fn byte_offset(&self) -> usize {
        self.byte_offset
    }

    /// Byte offset of the value within the text the iterator reads.
    #[must_use]
    pub const fn value_byte_offset(&self) -> usize {
        self.byte_offset.saturating_add(4)
    }

    /// Length of the value in characters (1–99).
    #[must_use]
    pub fn char_len(&self) -> usize {
        if self.value.is_ascii() {
            self.value.len()
        } else {
            self.value.chars().count()
        }
    }
}

/// A fallible iterator over the data objects of one level.
///
/// It yields each object in order and stops after the first error, which carries the
/// character offset and path. Values must tile the text exactly.
///
/// # Examples
/// ```
/// use emvqr::tlv::TlvIter;
/// let objects: Vec<(u8, &str)> = TlvIter::new("000201010211")
///     .map(|r| r.map(|t| (t.id(), t.value())))
///     .collect::<Result<_, _>>()?;
/// assert_eq!(objects, [(0, "01"), (1, "11")]);
///
/// // A length running past the end: the error says what and where.
/// let err = TlvIter::new("00020101991").find_map(Result::err).unwrap();
/// assert_eq!((err.code(), err.offset(), err.path().to_string()), ("length_overrun", 8, "01".to_string()));
/// # Ok::<(), emvqr::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct TlvIter<'a> {
    text: &'a str,
    pos: usize,
    chars: usize,
    ascii: bool,
    parent: Option<u8>,
    done: bool,
}

impl<'a> TlvIter<'a> {
    /// Reads the objects of a whole payload (the root level).
    #[must_use]
    pub fn new(text: &'a str) -> TlvIter<'a> {
        TlvIter {
            text,
            pos: 0,
            chars: 0,
            ascii: text.is_ascii(),
            parent: None,
            done: false,
        }
    }

    /// As [`TlvIter::new`], when the caller already knows whether `text` is ASCII.
    pub(crate) const fn with_ascii(text: &'a str, ascii: bool) -> TlvIter<'a> {
        TlvIter {
            text,
            pos: 0,
            chars: 0,
            ascii,
            parent: None,
            done: false,
        }
    }

    /// Reads the objects inside the value of template `parent`, whose value starts at
    /// character `value_offset` of the payload (so that errors carry absolute offsets).
    ///
    /// # Examples
    /// ```
    /// use emvqr::tlv::TlvIter;
    /// // Template 62 whose value starts at character 4 of the payload.
    /// let t = TlvIter::nested("0503***", 4, 62).next().unwrap()?;
    /// assert_eq!((t.id(), t.value(), t.offset()), (5, "***", 4));
    /// # Ok::<(), emvqr::Error>(())
    /// ```
    #[must_use]
    pub fn nested(value: &'a str, value_offset: usize, parent: u8) -> TlvIter<'a> {
        TlvIter::nested_in(value, value_offset, parent, false)
    }

    /// As [`TlvIter::nested`], when the payload is known to be ASCII (so is every value).
    pub(crate) fn nested_in(
        value: &'a str,
        value_offset: usize,
        parent: u8,
        payload_ascii: bool,
    ) -> TlvIter<'a> {
        TlvIter {
            text: value,
            pos: 0,
            chars: value_offset,
            ascii: payload_ascii || value.is_ascii(),
            parent: Some(parent),
            done: false,
        }
    }

    /// Byte position of the next object within the text.
    #[must_use]
    pub const fn byte_position(&self) -> usize {
        self.pos
    }

    /// Character offset (absolute) of the next object.
    #[must_use]
    pub const fn offset(&self) -> usize {
        self.chars
    }

    fn level_path(&self) -> Path {
        match self.parent {
            None => Path::ROOT,
            Some(p) => Path::id(p),
        }
    }

    fn object_path(&self, id: u8) -> Path {
        match self.parent {
            None => Path::id(id),
            Some(p) => Path::sub(p, id),
        }
    }

    fn fail(
        &mut self,
        kind: ErrorKind,
        offset: usize,
        path: Path,
    ) -> Option<Result<Tlv<'a>, Error>> {
        self.done = true;
        Some(Err(Error::new(kind, offset, path)))
    }

    /// The header error for a rest that does not start with four ASCII characters.
    fn bad_header(&mut self, rest: &str) -> Option<Result<Tlv<'a>, Error>> {
        let mut chars = rest.chars();
        let (Some(a), Some(b), Some(c), Some(d)) =
            (chars.next(), chars.next(), chars.next(), chars.next())
        else {
            return self.fail(ErrorKind::Truncated, self.chars, self.level_path());
        };
        if !(a.is_ascii_digit() && b.is_ascii_digit()) {
            return self.fail(ErrorKind::InvalidId, self.chars, self.level_path());
        }
        let id = two_digits(a as u8, b as u8);
        let kind = if c.is_ascii_digit() && d.is_ascii_digit() {
            // Unreachable in practice: four ASCII digits are four bytes.
            ErrorKind::Truncated
        } else {
            ErrorKind::InvalidLength
        };
        let path = self.object_path(id);
        self.fail(kind, self.chars.saturating_add(2), path)
    }
}

#[inline]
const fn two_digits(a: u8, b: u8) -> u8 {
    a.wrapping_sub(b'0')
        .wrapping_mul(10)
        .wrapping_add(b.wrapping_sub(b'0'))
}

/// Byte length of the first `n` characters of `s`, or `None` when `s` has fewer.
#[inline]
fn char_prefix_len(s: &str, n: usize) -> Option<usize> {
    if let Some(head) = s.as_bytes().get(..n)
        && head.is_ascii()
    {
        return Some(n);
    }
    let mut seen = 0usize;
    for (i, _) in s.char_indices() {
        if seen == n {
            return Some(i);
        }
        seen = seen.saturating_add(1);
    }
    (seen == n).then_some(s.len())
}

impl<'a> Iterator for TlvIter<'a> {
    type Item = Result<Tlv<'a>, Error>;

    // Inlined into the validation loops, the iterator's state stays in registers.
    #[inline(always)]
    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let bytes = self.text.as_bytes();
        let rest = bytes.get(self.pos..)?;
        let Some(&[i1, i2, l1, l2]) = rest.get(..4) else {
            if rest.is_empty() {
                self.done = true;
                return None;
            }
            return self.bad_header(self.text.get(self.pos..).unwrap_or(""));
        };
        if (i1 | i2 | l1 | l2) & 0x80 != 0 {
            return self.bad_header(self.text.get(self.pos..).unwrap_or(""));
        }
        if !(i1.is_ascii_digit() && i2.is_ascii_digit()) {
            return self.fail(ErrorKind::InvalidId, self.chars, self.level_path());
        }
        let id = two_digits(i1, i2);
        let len_offset = self.chars.saturating_add(2);
        if !(l1.is_ascii_digit() && l2.is_ascii_digit()) {
            let path = self.object_path(id);
            return self.fail(ErrorKind::InvalidLength, len_offset, path);
        }
        let len = usize::from(two_digits(l1, l2));
        if len == 0 {
            let path = self.object_path(id);
            return self.fail(ErrorKind::ZeroLength, len_offset, path);
        }
        let start = self.pos.saturating_add(4);
        let value_bytes = if self.ascii {
            (rest.len().saturating_sub(4) >= len).then_some(len)
        } else {
            char_prefix_len(self.text.get(start..).unwrap_or(""), len)
        };
        let Some(value_bytes) = value_bytes else {
            let path = self.object_path(id);
            return self.fail(ErrorKind::LengthOverrun, len_offset, path);
        };
        let end = start.saturating_add(value_bytes);
        let value = self.text.get(start..end).unwrap_or("");
        let tlv = Tlv {
            id,
            value,
            offset: self.chars,
            byte_offset: self.pos,
        };
        self.pos = end;
        self.chars = self.chars.saturating_add(4).saturating_add(len);
        Some(Ok(tlv))
    }
}

impl core::iter::FusedIterator for TlvIter<'_> {}

/// `"00"` to `"99"`, back to back.
#[cfg(feature = "alloc")]
const DIGIT_PAIRS: &str = "0001020304050607080910111213141516171819\
                           2021222324252627282930313233343536373839\
                           4041424344454647484950515253545556575859\
                           6061626364656667686970717273747576777879\
                           8081828384858687888990919293949596979899";

/// The two-digit text of `n` (0–99; `"00"` otherwise).
#[cfg(feature = "alloc")]
pub(crate) fn two_digit_text(n: u8) -> &'static str {
    let at = usize::from(n).wrapping_mul(2);
    DIGIT_PAIRS.get(at..at.wrapping_add(2)).unwrap_or("00")
}

/// Writes one data object (ID, character-counted length, value) to `out`.
///
/// # Errors
/// [`ErrorKind::Unencodable`] when the value is empty or longer than 99 characters, or the ID
/// is over 99.
///
/// # Examples
/// ```
/// let mut out = String::new();
/// emvqr::tlv::write_object(&mut out, 59, "最佳运输")?;
/// assert_eq!(out, "5904最佳运输");
/// assert!(emvqr::tlv::write_object(&mut out, 60, "").is_err());
/// # Ok::<(), emvqr::ErrorKind>(())
/// ```
#[cfg(feature = "alloc")]
pub fn write_object(out: &mut alloc::string::String, id: u8, value: &str) -> Result<(), ErrorKind> {
    let n = if value.is_ascii() {
        value.len()
    } else {
        value.chars().count()
    };
    let n = u8::try_from(n).map_err(|_| ErrorKind::Unencodable)?;
    if id > 99 || n == 0 || n > 99 {
        return Err(ErrorKind::Unencodable);
    }
    out.reserve(value.len().saturating_add(4));
    out.push_str(two_digit_text(id));
    out.push_str(two_digit_text(n));
    out.push_str(value);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(s: &str) -> Result<Vec<(u8, &str, usize)>, Error> {
        TlvIter::new(s)
            .map(|r| r.map(|t| (t.id(), t.value(), t.offset())))
            .collect()
    }

    #[test]
    fn splits_ascii() {
        assert_eq!(
            split("000201010212").unwrap(),
            vec![(0, "01", 0), (1, "12", 6)]
        );
    }

    #[test]
    fn counts_characters_not_bytes() {
        let v = split("0104最佳运输0202北京").unwrap();
        assert_eq!(v, vec![(1, "最佳运输", 0), (2, "北京", 8)]);
    }

    #[test]
    fn byte_counted_length_fails() {
        // "José" is 4 characters; a byte count of 5 overruns.
        let e = split("5905José").unwrap_err();
        assert_eq!(e.kind(), ErrorKind::LengthOverrun);
        assert_eq!(e.offset(), 2);
        assert_eq!(e.path(), Path::id(59));
    }

    #[test]
    fn header_errors() {
        let e = split("A0020101").unwrap_err();
        assert_eq!((e.kind(), e.offset()), (ErrorKind::InvalidId, 0));
        let e = split("000201590+3EVE").unwrap_err();
        assert_eq!((e.kind(), e.offset()), (ErrorKind::InvalidLength, 8));
        assert_eq!(e.path(), Path::id(59));
        let e = split("0002015900").unwrap_err();
        assert_eq!((e.kind(), e.offset()), (ErrorKind::ZeroLength, 8));
        let e = split("00020159").unwrap_err();
        assert_eq!((e.kind(), e.offset()), (ErrorKind::Truncated, 6));
        assert_eq!(e.path(), Path::ROOT);
        let e = split("59٠٤LOJA").unwrap_err();
        assert_eq!((e.kind(), e.offset()), (ErrorKind::InvalidLength, 2));
        let e = split("é9041234").unwrap_err();
        assert_eq!((e.kind(), e.offset()), (ErrorKind::InvalidId, 0));
        let e = split("00é").unwrap_err();
        assert_eq!((e.kind(), e.offset()), (ErrorKind::Truncated, 0));
    }

    #[test]
    fn nested_offsets_are_absolute() {
        let e = TlvIter::nested("0503***X", 40, 62)
            .collect::<Result<Vec<_>, _>>()
            .unwrap_err();
        assert_eq!((e.kind(), e.offset()), (ErrorKind::Truncated, 47));
        assert_eq!(e.path(), Path::id(62));
        let e = TlvIter::nested("0599***", 40, 62)
            .collect::<Result<Vec<_>, _>>()
            .unwrap_err();
        assert_eq!((e.kind(), e.offset()), (ErrorKind::LengthOverrun, 42));
        assert_eq!(e.path(), Path::sub(62, 5));
    }

    #[test]
    fn byte_and_character_positions_differ_after_non_ascii() {
        // "最佳" is two characters and six bytes: the second object starts at character 6,
        // byte 10 (§4.4.1.1 counts characters; slicing the text needs bytes).
        let text = "5902最佳6002北京";
        let mut it = TlvIter::new(text);
        assert_eq!((it.offset(), it.byte_position()), (0, 0));
        let first = it.next().unwrap().unwrap();
        assert_eq!((first.offset(), first.byte_offset()), (0, 0));
        assert_eq!((first.value_offset(), first.value_byte_offset()), (4, 4));
        assert_eq!((it.offset(), it.byte_position()), (6, 10));
        let second = it.next().unwrap().unwrap();
        assert_eq!((second.id(), second.value()), (60, "北京"));
        assert_eq!((second.offset(), second.byte_offset()), (6, 10));
        assert_eq!(
            (second.value_offset(), second.value_byte_offset()),
            (10, 14)
        );
        assert_eq!(second.char_len(), 2);
        assert_eq!((it.offset(), it.byte_position()), (12, text.len()));
        assert!(it.next().is_none());
        // A nested reader's character offsets are absolute, its byte offsets are within the
        // template's value.
        let sub = TlvIter::nested("0103最", 20, 64).next().unwrap();
        assert!(sub.is_err(), "one character for a length of three overruns");
        let sub = TlvIter::nested("0001最0102ab", 20, 64)
            .nth(1)
            .unwrap()
            .unwrap();
        assert_eq!((sub.offset(), sub.byte_offset()), (25, 7));
        assert_eq!((sub.value_offset(), sub.value_byte_offset()), (29, 11));
    }

    #[test]
    fn length_with_one_digit_then_a_non_ascii_character() {
        // The length "0é" is not two digits: invalid length at the length's offset, path of
        // the object, whether or not its first character is a digit.
        let e = split("000201590é").unwrap_err();
        assert_eq!((e.kind(), e.offset()), (ErrorKind::InvalidLength, 8));
        assert_eq!(e.path(), Path::id(59));
        let e = split("59é0ABC").unwrap_err();
        assert_eq!((e.kind(), e.offset()), (ErrorKind::InvalidLength, 2));
        // Fewer than four characters left is `truncated` first (spec/README.md, step 3), even
        // when those characters take four bytes or more.
        for rest in ["0é0", "é00", "00é", "é最"] {
            let e = split(&format!("000201{rest}")).unwrap_err();
            assert_eq!((e.kind(), e.offset()), (ErrorKind::Truncated, 6), "{rest}");
            assert_eq!(e.path(), Path::ROOT, "{rest}");
        }
        // An ID of one digit then a non-ASCII character is an invalid ID.
        let e = split("5é02AB").unwrap_err();
        assert_eq!((e.kind(), e.offset()), (ErrorKind::InvalidId, 0));
        assert_eq!(e.path(), Path::ROOT);
    }

    #[test]
    fn stops_after_error() {
        let mut it = TlvIter::new("AB");
        assert!(matches!(it.next(), Some(Err(_))));
        assert!(it.next().is_none());
    }

    #[cfg(feature = "alloc")]
    #[test]
    fn writes_character_counted_lengths() {
        let mut s = String::new();
        write_object(&mut s, 64, "最佳运输").unwrap();
        assert_eq!(s, "6404最佳运输");
        let mut s = String::new();
        write_object(&mut s, 7, &"x".repeat(99)).unwrap();
        assert!(s.starts_with("0799x"), "{s}");
        for n in 0..=99u8 {
            assert_eq!(two_digit_text(n), format!("{n:02}"));
        }
        // IDs are two digits, "00" to "99".
        let mut s = String::new();
        write_object(&mut s, 99, "x").unwrap();
        write_object(&mut s, 0, "y").unwrap();
        assert_eq!(s, "9901x0001y");
        assert_eq!(write_object(&mut s, 100, "x"), Err(ErrorKind::Unencodable));
        assert_eq!(write_object(&mut s, 255, "x"), Err(ErrorKind::Unencodable));
        assert_eq!(s, "9901x0001y", "a refused object writes nothing");
        assert_eq!(write_object(&mut s, 1, ""), Err(ErrorKind::Unencodable));
        assert_eq!(
            write_object(&mut s, 1, &"x".repeat(100)),
            Err(ErrorKind::Unencodable)
        );
    }
}
