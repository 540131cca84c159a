//! The BER-TLV layer of the consumer-presented mode: binary, no payment semantics.
//!
//! The profile is the strict subset EMV uses (EMV Book 3 Annex B), read like DER:
//!
//! - tags of one to three bytes (a first subsequent byte of `80` is refused);
//! - definite lengths only, in their shortest form, at most [`MAX_CPM_BYTES`];
//! - constructed objects (bit 6 of the first tag byte) hold a sequence of objects that tiles
//!   their value exactly, nested at most [`MAX_DEPTH`] levels;
//! - nothing after the last object; a run of `00` bytes there is reported as
//!   [`BerTrailing`](crate::cpm::ErrorKind::BerTrailing).
//!
//! All arithmetic is checked; nothing allocates; offsets are absolute byte offsets.
//!
//! ```
//! use emvqr::ber::{Tag, TlvIter};
//! let ber = [0x61, 0x03, 0x5A, 0x01, 0x12];
//! let template = TlvIter::new(&ber).next().unwrap()?;
//! assert_eq!(template.tag(), Tag::from_u32(0x61));
//! let pan = template.children().next().unwrap()?;
//! assert_eq!((pan.offset(), pan.value()), (2, &[0x12][..]));
//! # Ok::<(), emvqr::cpm::Error>(())
//! ```

use core::fmt;

use super::cpm_error::{Error, ErrorKind, TagPath};
use super::limits::MAX_CPM_BYTES;

pub use super::tag::{MAX_DEPTH, Tag};

impl Tag {
    /// Reads the tag at the start of `bytes`: the tag and its length in bytes.
    #[inline]
    ///
    /// # Errors
    /// [`ErrorKind::BerTruncated`] when `bytes` ends inside the tag, [`ErrorKind::BerTag`] for a
    /// first byte `00`, a first subsequent byte `80`, or a tag longer than three bytes.
    ///
    /// # Examples
    /// ```
    /// use emvqr::ber::Tag;
    /// use emvqr::cpm::ErrorKind;
    /// assert_eq!(Tag::read(&[0x9F, 0x26, 0x08]), Ok((Tag::from_u32(0x9F26), 2)));
    /// assert_eq!(Tag::read(&[0x9F]), Err(ErrorKind::BerTruncated));
    /// assert_eq!(Tag::read(&[0x9F, 0x80, 0x01]), Err(ErrorKind::BerTag));
    /// ```
    pub fn read(bytes: &[u8]) -> Result<(Tag, usize), ErrorKind> {
        let Some(&b0) = bytes.first() else {
            return Err(ErrorKind::BerTruncated);
        };
        if b0 == 0 {
            return Err(ErrorKind::BerTag);
        }
        if b0 & 0x1F != 0x1F {
            return Ok((Tag::from_u32(u32::from(b0)), 1));
        }
        let Some(&b1) = bytes.get(1) else {
            return Err(ErrorKind::BerTruncated);
        };
        if b1 == 0x80 {
            return Err(ErrorKind::BerTag);
        }
        let two = u32::from(b0) << 8 | u32::from(b1);
        if b1 & 0x80 == 0 {
            return Ok((Tag::from_u32(two), 2));
        }
        let Some(&b2) = bytes.get(2) else {
            return Err(ErrorKind::BerTruncated);
        };
        if b2 & 0x80 != 0 {
            return Err(ErrorKind::BerTag);
        }
        Ok((Tag::from_u32(two << 8 | u32::from(b2)), 3))
    }
}

/// Reads a definite length at the start of `bytes`: the length and the number of bytes it
/// takes.
///
/// # Errors
/// [`ErrorKind::BerTruncated`], [`ErrorKind::BerIndefinite`] (`80`),
/// [`ErrorKind::BerNonMinimal`] (a leading zero byte, or `81` before a value under 128), and
/// [`ErrorKind::BerOverflow`] (more than four length bytes, or a value over [`MAX_CPM_BYTES`]).
///
/// # Examples
/// ```
/// use emvqr::ber::read_length;
/// use emvqr::cpm::ErrorKind;
/// assert_eq!(read_length(&[0x05]), Ok((5, 1)));
/// assert_eq!(read_length(&[0x81, 0xC8]), Ok((200, 2)));
/// assert_eq!(read_length(&[0x81, 0x05]), Err(ErrorKind::BerNonMinimal));
/// assert_eq!(read_length(&[0x80]), Err(ErrorKind::BerIndefinite));
/// ```
#[inline]
pub fn read_length(bytes: &[u8]) -> Result<(usize, usize), ErrorKind> {
    let Some(&first) = bytes.first() else {
        return Err(ErrorKind::BerTruncated);
    };
    if first < 0x80 {
        return Ok((usize::from(first), 1));
    }
    if first == 0x80 {
        return Err(ErrorKind::BerIndefinite);
    }
    let count = usize::from(first & 0x7F);
    if count > 4 {
        return Err(ErrorKind::BerOverflow);
    }
    let digits = bytes
        .get(1..)
        .and_then(|rest| rest.get(..count))
        .ok_or(ErrorKind::BerTruncated)?;
    if digits.first() == Some(&0) {
        return Err(ErrorKind::BerNonMinimal);
    }
    let mut value: u32 = 0;
    for &d in digits {
        value = value
            .checked_mul(256)
            .and_then(|v| v.checked_add(u32::from(d)))
            .ok_or(ErrorKind::BerOverflow)?;
    }
    if count == 1 && value < 0x80 {
        return Err(ErrorKind::BerNonMinimal);
    }
    let value = usize::try_from(value).map_err(|_| ErrorKind::BerOverflow)?;
    if value > MAX_CPM_BYTES {
        return Err(ErrorKind::BerOverflow);
    }
    Ok((value, count.saturating_add(1)))
}

/// Number of bytes of the shortest length encoding of `len`.
///
/// # Examples
/// ```
/// use emvqr::ber::length_len;
/// assert_eq!((length_len(127), length_len(128), length_len(300)), (1, 2, 3));
/// ```
#[must_use]
pub const fn length_len(len: usize) -> usize {
    if len < 0x80 {
        1
    } else if len <= 0xFF {
        2
    } else if len <= 0xFFFF {
        3
    } else if len <= 0xFF_FFFF {
        4
    } else {
        5
    }
}

/// One data object as read: its tag, where it starts and its value.
///
/// `Debug` shows the tag, offset and length, never the value (it may be card data).
///
/// # Examples
/// ```
/// use emvqr::ber::{Tag, TlvIter};
/// let ber = [0x61, 0x04, 0x50, 0x02, b'O', b'K'];
/// let t = TlvIter::new(&ber).next().unwrap()?;
/// assert!(t.is_constructed());
/// assert_eq!((t.offset(), t.value_offset(), t.end()), (0, 2, 6));
/// let label = t.children().next().unwrap()?;
/// assert_eq!((label.tag(), label.value()), (Tag::from_u32(0x50), &b"OK"[..]));
/// assert_eq!(label.path().to_string(), "61.50");
/// # Ok::<(), emvqr::cpm::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Tlv<'a> {
    tag: Tag,
    offset: usize,
    header_len: usize,
    value: &'a [u8],
    parent: TagPath,
}

impl<'a> Tlv<'a> {
    /// The tag.
    #[must_use]
    pub const fn tag(&self) -> Tag {
        self.tag
    }

    /// The value: a slice of the input.
    #[must_use]
    pub const fn value(&self) -> &'a [u8] {
        self.value
    }

    /// Byte offset of the tag from the start of the payload.
    #[must_use]
    pub const fn offset(&self) -> usize {
        self.offset
    }

    /// Byte offset of the value from the start of the payload.
    #[must_use]
    pub const fn value_offset(&self) -> usize {
        self.offset.saturating_add(self.header_len)
    }

    /// Byte offset just past the value.
    #[must_use]
    pub const fn end(&self) -> usize {
        self.value_offset().saturating_add(self.value.len())
    }

    /// The object's tag path (`61.57`).
    #[must_use]
    pub fn path(&self) -> TagPath {
        self.parent.child(self.tag)
    }

    /// True for a constructed object (a template).
    #[must_use]
    pub fn is_constructed(&self) -> bool {
        self.tag.is_constructed()
    }

    /// The objects inside a validated value, without paths or errors.
    pub(crate) fn items(&self) -> Items<'a> {
        Items::new(self.value, self.value_offset())
    }

    /// The objects inside the value (meaningful for a constructed object).
    #[must_use]
    pub fn children(&self) -> TlvIter<'a> {
        TlvIter {
            data: self.value,
            pos: 0,
            base: self.value_offset(),
            path: self.path(),
            done: false,
        }
    }
}

impl fmt::Debug for Tlv<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Tlv({} at {}, {} bytes)",
            self.path(),
            self.offset,
            self.value.len()
        )
    }
}

/// One object of bytes already validated: no path, no error.
#[derive(Clone, Copy)]
pub(crate) struct Item<'a> {
    pub(crate) tag: Tag,
    pub(crate) offset: usize,
    pub(crate) header_len: usize,
    pub(crate) value: &'a [u8],
}

impl<'a> Item<'a> {
    pub(crate) fn value_offset(&self) -> usize {
        self.offset.saturating_add(self.header_len)
    }

    /// The full view, under `parent`.
    pub(crate) fn tlv(&self, parent: TagPath) -> Tlv<'a> {
        Tlv {
            tag: self.tag,
            offset: self.offset,
            header_len: self.header_len,
            value: self.value,
            parent,
        }
    }
}

/// The objects of one level of bytes already validated by [`validate`]; it stops early on
/// anything malformed instead of reporting it.
#[derive(Clone)]
pub(crate) struct Items<'a> {
    data: &'a [u8],
    pos: usize,
    base: usize,
}

impl<'a> Items<'a> {
    pub(crate) const fn new(data: &'a [u8], base: usize) -> Items<'a> {
        Items { data, pos: 0, base }
    }
}

impl<'a> Iterator for Items<'a> {
    type Item = Item<'a>;

    #[inline]
    fn next(&mut self) -> Option<Item<'a>> {
        let rest = self.data.get(self.pos..).filter(|r| !r.is_empty())?;
        let (tag, tag_len) = Tag::read(rest).ok()?;
        let (len, len_len) = read_length(rest.get(tag_len..)?).ok()?;
        let header_len = tag_len.saturating_add(len_len);
        let value = rest.get(header_len..)?.get(..len)?;
        let offset = self.base.saturating_add(self.pos);
        self.pos = self.pos.saturating_add(header_len).saturating_add(len);
        Some(Item {
            tag,
            offset,
            header_len,
            value,
        })
    }
}

/// Reads one level of objects, left to right. After an error it yields nothing more.
///
/// `Debug` shows the position, never the bytes.
///
/// # Examples
/// ```
/// use emvqr::ber::TlvIter;
/// // The second object's length runs past the end: the error has its offset and tag path.
/// let ber = [0x85, 0x01, 0x00, 0x61, 0x05, 0x4F];
/// let mut objects = TlvIter::new(&ber);
/// assert!(objects.next().unwrap().is_ok());
/// let e = objects.next().unwrap().unwrap_err();
/// assert_eq!((e.code(), e.offset(), e.path().to_string()), ("ber_truncated", 3, "61".to_string()));
/// assert!(objects.next().is_none());
/// ```
#[derive(Clone)]
pub struct TlvIter<'a> {
    data: &'a [u8],
    pos: usize,
    base: usize,
    path: TagPath,
    done: bool,
}

impl<'a> TlvIter<'a> {
    /// Reads the root level of `data`; offsets start at 0.
    #[must_use]
    pub const fn new(data: &'a [u8]) -> TlvIter<'a> {
        TlvIter {
            data,
            pos: 0,
            base: 0,
            path: TagPath::ROOT,
            done: false,
        }
    }

    fn fail(
        &mut self,
        kind: ErrorKind,
        offset: usize,
        path: TagPath,
    ) -> Option<Result<Tlv<'a>, Error>> {
        self.done = true;
        Some(Err(Error::new(kind, offset, path)))
    }
}

impl<'a> Iterator for TlvIter<'a> {
    type Item = Result<Tlv<'a>, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let rest = self.data.get(self.pos..).unwrap_or(&[]);
        if rest.is_empty() {
            self.done = true;
            return None;
        }
        let at = self.base.saturating_add(self.pos);
        if rest.first() == Some(&0) && rest.iter().all(|&b| b == 0) {
            return self.fail(ErrorKind::BerTrailing, at, self.path);
        }
        let (tag, tag_len) = match Tag::read(rest) {
            Ok(t) => t,
            Err(kind) => return self.fail(kind, at, self.path),
        };
        let after_tag = rest.get(tag_len..).unwrap_or(&[]);
        let (len, len_len) = match read_length(after_tag) {
            Ok(l) => l,
            Err(ErrorKind::BerTruncated) => {
                return self.fail(ErrorKind::BerTruncated, at, self.path.child(tag));
            }
            Err(kind) => {
                return self.fail(kind, at.saturating_add(tag_len), self.path.child(tag));
            }
        };
        let header_len = tag_len.saturating_add(len_len);
        let Some(value) = rest.get(header_len..).and_then(|v| v.get(..len)) else {
            return self.fail(ErrorKind::BerTruncated, at, self.path.child(tag));
        };
        self.pos = self.pos.saturating_add(header_len).saturating_add(len);
        Some(Ok(Tlv {
            tag,
            offset: at,
            header_len,
            value,
            parent: self.path,
        }))
    }
}

impl core::iter::FusedIterator for TlvIter<'_> {}

impl fmt::Debug for TlvIter<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TlvIter")
            .field("path", &self.path)
            .field("position", &self.base.saturating_add(self.pos))
            .field("len", &self.data.len())
            .finish_non_exhaustive()
    }
}

/// Checks the whole tree: every object of every level, constructed values included, depth
/// first and left to right; the first failure wins.
///
/// # Errors
/// Any `ber_*` error, with the byte offset and the tag path where it was found.
///
/// # Examples
/// ```
/// use emvqr::ber::validate;
/// assert!(validate(&[0x61, 0x03, 0x5A, 0x01, 0x12]).is_ok());
/// // A length in a nested object that is not in its shortest form.
/// let e = validate(&[0x61, 0x04, 0x5A, 0x81, 0x01, 0x12]).unwrap_err();
/// assert_eq!((e.code(), e.offset(), e.path().to_string()), ("ber_non_minimal", 3, "61.5A".to_string()));
/// ```
pub fn validate(data: &[u8]) -> Result<(), Error> {
    // The fast walk only answers yes or no; the precise error (offset and path) comes from
    // the slower walk, run only when the fast one says no.
    if well_formed(data, 1) {
        Ok(())
    } else {
        validate_level(TlvIter::new(data), 1)
    }
}

/// The same rules as [`validate`] without positions or paths: true when `data` is well-formed.
fn well_formed(data: &[u8], depth: usize) -> bool {
    let mut i = 0usize;
    while let Some(rest) = data.get(i..).filter(|r| !r.is_empty()) {
        let Ok((tag, tag_len)) = Tag::read(rest) else {
            return false;
        };
        let Some(after_tag) = rest.get(tag_len..) else {
            return false;
        };
        let Ok((len, len_len)) = read_length(after_tag) else {
            return false;
        };
        let start = tag_len.saturating_add(len_len);
        let Some(value) = rest.get(start..).and_then(|v| v.get(..len)) else {
            return false;
        };
        if tag.is_constructed()
            && !value.is_empty()
            && (depth >= MAX_DEPTH || !well_formed(value, depth.saturating_add(1)))
        {
            return false;
        }
        i = i.saturating_add(start).saturating_add(len);
    }
    true
}

fn validate_level(iter: TlvIter<'_>, depth: usize) -> Result<(), Error> {
    for item in iter {
        let tlv = item?;
        if tlv.is_constructed() && !tlv.value().is_empty() {
            if depth >= MAX_DEPTH {
                return Err(Error::new(
                    ErrorKind::BerDepth,
                    tlv.value_offset(),
                    tlv.path(),
                ));
            }
            validate_level(tlv.children(), depth.saturating_add(1))?;
        }
    }
    Ok(())
}

/// Appends the tag and the shortest length encoding of `len` to `out`.
///
/// # Examples
/// ```
/// use emvqr::ber::{Tag, write_header};
/// let mut out = Vec::new();
/// write_header(&mut out, Tag::from_u32(0x9F26), 200);
/// assert_eq!(out, [0x9F, 0x26, 0x81, 0xC8]);
/// ```
#[cfg(feature = "alloc")]
pub fn write_header(out: &mut alloc::vec::Vec<u8>, tag: Tag, len: usize) {
    let bytes = tag.to_bytes();
    out.extend_from_slice(bytes.get(..tag.len()).unwrap_or(&bytes));
    let n = length_len(len);
    if n == 1 {
        // `len < 0x80` here.
        out.push(u8::try_from(len).unwrap_or(0));
    } else {
        let count = n.saturating_sub(1);
        out.push(0x80 | u8::try_from(count).unwrap_or(0));
        let be = len.to_be_bytes();
        let skip = be.len().saturating_sub(count);
        out.extend_from_slice(be.get(skip..).unwrap_or(&[]));
    }
}

#[cfg(test)]
#[allow(clippy::arithmetic_side_effects)]
mod tests {
    use super::*;

    fn err(data: &[u8]) -> (&'static str, usize, std::string::String) {
        let e = validate(data).unwrap_err();
        (e.code(), e.offset(), e.path().to_string())
    }

    #[test]
    fn tags() {
        assert_eq!(Tag::read(&[0x5A]), Ok((Tag::from_u32(0x5A), 1)));
        assert_eq!(Tag::read(&[0x5F, 0x20]), Ok((Tag::from_u32(0x5F20), 2)));
        assert_eq!(
            Tag::read(&[0x9F, 0x81, 0x01]),
            Ok((Tag::from_u32(0x9F8101), 3))
        );
        assert_eq!(Tag::read(&[0x9F, 0xFF, 0xFF]), Err(ErrorKind::BerTag));
        assert_eq!(Tag::read(&[0x9F, 0x80]), Err(ErrorKind::BerTag));
        assert_eq!(Tag::read(&[0x9F]), Err(ErrorKind::BerTruncated));
        assert_eq!(Tag::read(&[0x00]), Err(ErrorKind::BerTag));
        assert_eq!(Tag::from_u32(0x9F8101).to_string(), "9F8101");
        assert_eq!(Tag::from_u32(0x61).to_string(), "61");
        assert!(Tag::from_u32(0x61).is_constructed() && !Tag::from_u32(0x5F20).is_constructed());
    }

    #[test]
    fn tag_length_is_the_count_of_its_bytes() {
        // The largest value of each size and the smallest of the next.
        for (value, len, text) in [
            (0x5A, 1, "5A"),
            (0xFF, 1, "FF"),
            (0x0100, 2, "0100"),
            (0xFFFF, 2, "FFFF"),
            (0x01_0000, 3, "010000"),
            (0xFF_FFFF, 3, "FFFFFF"),
        ] {
            let tag = Tag::from_u32(value);
            assert_eq!(tag.len(), len, "{value:X}");
            assert!(!tag.is_empty(), "{value:X}");
            assert_eq!(tag.to_string(), text);
        }
        assert_eq!(Tag::from_u32(0xFFFF).to_bytes(), [0xFF, 0xFF, 0x00]);
        assert_eq!(Tag::from_u32(0xFF).to_bytes(), [0xFF, 0x00, 0x00]);
        assert_eq!(format!("{:?}", Tag::from_u32(0x9F26)), "Tag(9F26)");
    }

    #[test]
    fn lengths() {
        assert_eq!(read_length(&[0x05]), Ok((5, 1)));
        assert_eq!(read_length(&[0x81, 0x80]), Ok((128, 2)));
        assert_eq!(read_length(&[0x82, 0x01, 0x00]), Ok((256, 3)));
        assert_eq!(read_length(&[0x80]), Err(ErrorKind::BerIndefinite));
        assert_eq!(read_length(&[0x81, 0x05]), Err(ErrorKind::BerNonMinimal));
        assert_eq!(
            read_length(&[0x82, 0x00, 0x90]),
            Err(ErrorKind::BerNonMinimal)
        );
        assert_eq!(
            read_length(&[0x84, 0xFF, 0xFF, 0xFF, 0xFF]),
            Err(ErrorKind::BerOverflow)
        );
        assert_eq!(read_length(&[0x88]), Err(ErrorKind::BerOverflow));
        // Four length bytes are read like fewer: truncated, then a leading zero, then the cap.
        assert_eq!(read_length(&[0x84, 0x01]), Err(ErrorKind::BerTruncated));
        assert_eq!(
            read_length(&[0x84, 0x00, 0x00, 0x00, 0x85]),
            Err(ErrorKind::BerNonMinimal)
        );
        assert_eq!(
            read_length(&[0x84, 0x01, 0x00, 0x00, 0x00]),
            Err(ErrorKind::BerOverflow)
        );
        // A length of exactly the largest payload is accepted, one more is not.
        let max = u16::try_from(MAX_CPM_BYTES).unwrap().to_be_bytes();
        assert_eq!(read_length(&[0x82, max[0], max[1]]), Ok((MAX_CPM_BYTES, 3)));
        let over = u16::try_from(MAX_CPM_BYTES + 1).unwrap().to_be_bytes();
        assert_eq!(
            read_length(&[0x82, over[0], over[1]]),
            Err(ErrorKind::BerOverflow)
        );
        // The shortest form: 81 up to FF, 82 up to FFFF, 83 up to FFFFFF, then 84.
        assert_eq!(length_len(0xFFFF), 3);
        assert_eq!(length_len(0x1_0000), 4);
        assert_eq!(length_len(0xFF_FFFF), 4);
        assert_eq!(length_len(0x100_0000), 5);
        assert_eq!(read_length(&[0x82, 0x01]), Err(ErrorKind::BerTruncated));
        assert_eq!(read_length(&[]), Err(ErrorKind::BerTruncated));
        for len in [0, 1, 127, 128, 255, 256, 2214] {
            assert_eq!(
                length_len(len),
                if len < 128 {
                    1
                } else if len < 256 {
                    2
                } else {
                    3
                }
            );
        }
    }

    #[test]
    fn structure_errors_point_at_the_object() {
        assert_eq!(
            err(&[0x61, 0x03, 0x4F, 0x20, 0x00]),
            ("ber_truncated", 2, "61.4F".into())
        );
        assert_eq!(
            err(&[0x61, 0x80, 0x00, 0x00]),
            ("ber_indefinite", 1, "61".into())
        );
        assert_eq!(
            err(&[0x85, 0x01, 0x00, 0x00, 0x00]),
            ("ber_trailing", 3, "".into())
        );
        assert_eq!(
            err(&[0x85, 0x01, 0x00, 0x00, 0x01]),
            ("ber_tag", 3, "".into())
        );
        assert_eq!(
            err(&[0x9F, 0xFF, 0xFF, 0xFF, 0x01]),
            ("ber_tag", 0, "".into())
        );
        // Depth: 61 > 62 > 63 > 64 > 5A is one level too deep.
        let deep = [0x61, 0x08, 0x62, 0x06, 0x63, 0x04, 0x64, 0x02, 0x5A, 0x00];
        assert_eq!(err(&deep), ("ber_depth", 8, "61.62.63.64".into()));
        assert!(validate(&deep[4..]).is_ok());
    }

    proptest::proptest! {
        /// The fast walk and the precise walk agree on every input.
        #[test]
        fn fast_and_precise_walks_agree(data in proptest::collection::vec(
            proptest::prop_oneof![
                proptest::prelude::Just(0x00u8), proptest::prelude::Just(0x61),
                proptest::prelude::Just(0x9F), proptest::prelude::Just(0x81),
                proptest::prelude::Just(0x80), proptest::prelude::Just(0x02),
                proptest::prelude::Just(0x5A), proptest::prelude::Just(0xFF),
                proptest::prelude::any::<u8>(),
            ],
            0..40,
        )) {
            let precise = validate_level(TlvIter::new(&data), 1).is_ok();
            proptest::prop_assert_eq!(well_formed(&data, 1), precise);
        }
    }

    #[test]
    fn object_positions() {
        // 85 05 "CPV01" then 61 81 80 <128 bytes>: a two-byte length.
        let mut data = std::vec![0x85, 0x05, b'C', b'P', b'V', b'0', b'1', 0x61, 0x81, 0x80];
        data.extend([0x5A, 0x7E]);
        data.extend([0x12; 0x7E]);
        let objects: std::vec::Vec<_> = TlvIter::new(&data).map(Result::unwrap).collect();
        let positions: std::vec::Vec<_> = objects
            .iter()
            .map(|t| (t.offset(), t.value_offset(), t.end()))
            .collect();
        assert_eq!(positions, [(0, 2, 7), (7, 10, 138)]);
        assert_eq!(objects[1].end(), data.len());
        let pan = objects[1].children().next().unwrap().unwrap();
        assert_eq!((pan.offset(), pan.value_offset(), pan.end()), (10, 12, 138));
    }

    #[test]
    fn debug_shows_positions_never_bytes() {
        let data = [0x85, 0x01, 0xAB, 0x5A, 0x01, 0xCD];
        let mut it = TlvIter::new(&data);
        let first = it.next().unwrap().unwrap();
        let shown = format!("{it:?}");
        assert!(shown.starts_with("TlvIter {"), "{shown}");
        assert!(
            shown.contains("position: 3") && shown.contains("len: 6"),
            "{shown}"
        );
        let shown = format!("{first:?}");
        assert_eq!(shown, "Tlv(85 at 0, 1 bytes)");
        for shown in [format!("{it:?}"), format!("{first:?}")] {
            assert!(!shown.contains("AB") && !shown.contains("171"), "{shown}");
            assert!(!shown.contains("CD") && !shown.contains("205"), "{shown}");
        }
    }

    #[test]
    fn fast_walk_accepts_nested_templates() {
        // CPM Annex B, example 1: 85 "CPV01", then 61 holding 4F and 57.
        let annex_b_1 = [
            0x85, 0x05, 0x43, 0x50, 0x56, 0x30, 0x31, 0x61, 0x1A, 0x4F, 0x07, 0xA0, 0x00, 0x00,
            0x00, 0x55, 0x55, 0x55, 0x57, 0x0F, 0x12, 0x34, 0x56, 0x78, 0x90, 0x12, 0x34, 0x58,
            0xD1, 0x91, 0x22, 0x01, 0x12, 0x34, 0x5F,
        ];
        assert!(well_formed(&annex_b_1, 1));
        // Four levels of templates is the limit; the fast walk says yes at the limit and no
        // one level past it.
        let four = [0x61, 0x06, 0x62, 0x04, 0x63, 0x02, 0x5A, 0x00];
        assert!(well_formed(&four, 1));
        let five = [0x61, 0x08, 0x62, 0x06, 0x63, 0x04, 0x64, 0x02, 0x5A, 0x00];
        assert!(!well_formed(&five, 1));
    }

    #[test]
    fn empty_constructed_value_is_fine() {
        assert!(validate(&[0x61, 0x00]).is_ok());
        assert!(validate(&[]).is_ok());
    }

    #[cfg(feature = "alloc")]
    #[test]
    fn headers_are_minimal() {
        let mut out = alloc::vec::Vec::new();
        write_header(&mut out, Tag::from_u32(0x9F26), 8);
        write_header(&mut out, Tag::from_u32(0x61), 200);
        write_header(&mut out, Tag::from_u32(0x62), 300);
        assert_eq!(
            out,
            [0x9F, 0x26, 0x08, 0x61, 0x81, 200, 0x62, 0x82, 0x01, 0x2C]
        );
    }
}
