//! Errors and warnings of the consumer-presented mode: what went wrong, and where.

use core::fmt;

use super::tag::{MAX_DEPTH, Tag, packed_tag};

/// Most tags a [`TagPath`] holds: the BER nesting-depth cap.
const PATH_TAGS: usize = MAX_DEPTH;

/// The tag path of a finding: `""` for the root, `"61"`, `"61.57"`, `"61.63.9F26"`.
///
/// Holds up to 12 bytes of tags, packed: at least [`ber::MAX_DEPTH`](crate::ber::MAX_DEPTH)
/// tags, the deepest a valid payload has.
///
/// # Examples
/// ```
/// use emvqr::ber::Tag;
/// use emvqr::cpm::TagPath;
/// let path = TagPath::of(Tag::from_u32(0x61)).child(Tag::from_u32(0x9F25));
/// assert_eq!((path.to_string(), path.depth()), ("61.9F25".to_string(), 2));
/// assert_eq!(path.tags().last(), Some(Tag::from_u32(0x9F25)));
/// assert!(TagPath::ROOT.is_root());
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct TagPath {
    bytes: [u8; PATH_TAGS * 3],
    used: u8,
}

impl TagPath {
    /// The root (no object).
    pub const ROOT: TagPath = TagPath {
        bytes: [0; PATH_TAGS * 3],
        used: 0,
    };

    /// The path of one object at the root.
    #[must_use]
    pub fn of(tag: Tag) -> TagPath {
        TagPath::ROOT.child(tag)
    }

    /// This path extended by `tag`; a path whose 12 bytes cannot hold `tag` is returned
    /// unchanged.
    #[must_use]
    #[inline]
    pub fn child(self, tag: Tag) -> TagPath {
        let mut out = self;
        let used = usize::from(self.used);
        let raw = tag.to_bytes();
        let n = tag.len();
        let (Some(src), Some(dst)) = (
            raw.get(..n),
            used.checked_add(n)
                .and_then(|end| out.bytes.get_mut(used..end)),
        ) else {
            return self;
        };
        dst.copy_from_slice(src);
        // `used + n <= 12` here.
        out.used = self.used.saturating_add(u8::try_from(n).unwrap_or(0));
        out
    }

    fn byte_len(&self) -> usize {
        usize::from(self.used)
    }

    /// The tags of the path, outermost first.
    pub fn tags(&self) -> impl Iterator<Item = Tag> + '_ {
        let mut rest = self.bytes.get(..self.byte_len()).unwrap_or(&[]);
        core::iter::from_fn(move || {
            let (tag, len) = packed_tag(rest)?;
            rest = rest.get(len..)?;
            Some(tag)
        })
    }

    /// Number of tags in the path (0 for the root).
    #[must_use]
    pub fn depth(&self) -> usize {
        self.tags().count()
    }

    /// True for the root.
    #[must_use]
    pub const fn is_root(&self) -> bool {
        self.used == 0
    }
}

impl fmt::Display for TagPath {
    /// `""` for the root, else the tags in upper-case hex joined by `.`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, tag) in self.tags().enumerate() {
            if i > 0 {
                f.write_str(".")?;
            }
            write!(f, "{tag}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for TagPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "TagPath(\"{self}\")")
    }
}

/// What is wrong with a consumer-presented payload. Each kind has a stable snake_case
/// [code](ErrorKind::code).
///
/// # Examples
/// ```
/// use emvqr::cpm::{CpmPayload, ErrorKind, MAX_CPM_BYTES};
/// let mut buf = [0u8; MAX_CPM_BYTES];
/// let e = CpmPayload::parse_base64("hQVDUFYwMWGA", &mut buf).unwrap_err();
/// assert_eq!(e.kind(), ErrorKind::BerIndefinite);
/// assert_eq!(e.kind().code(), "ber_indefinite");
/// assert!(!e.kind().is_base64());
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// More than [`MAX_CPM_TEXT`](crate::cpm::MAX_CPM_TEXT) bytes of text or
    /// [`MAX_CPM_BYTES`](crate::cpm::MAX_CPM_BYTES) bytes of BER.
    TooLong,
    /// No input.
    Empty,
    /// A character outside the standard base64 alphabet (URL-safe symbols, whitespace, ...).
    Base64Alphabet,
    /// Padding missing, in excess or in the middle.
    Base64Padding,
    /// A number of symbols no byte string encodes to (one symbol left over).
    Base64Length,
    /// The last symbol has non-zero unused bits (a non-canonical encoding).
    Base64NonCanonical,
    /// A tag longer than three bytes, a tag with a zero first subsequent byte, or a tag starting
    /// with byte `00` that is not trailing padding.
    BerTag,
    /// The input or the parent ends inside a tag, a length or a value.
    BerTruncated,
    /// An indefinite length (`80`).
    BerIndefinite,
    /// A length not in its shortest form (`81 05`, `82 00 10`).
    BerNonMinimal,
    /// A length that cannot fit in any consumer-presented payload.
    BerOverflow,
    /// Constructed objects nested deeper than [`MAX_DEPTH`](crate::ber::MAX_DEPTH).
    BerDepth,
    /// Padding bytes (`00`) after the last object.
    BerTrailing,
    /// The first object is not the Payload Format Indicator `85`.
    PfiNotFirst,
    /// The Payload Format Indicator is not `CPV01`.
    InvalidPfi,
    /// No Application Template `61`.
    MissingApplicationTemplate,
    /// A third Application Template, or a Common Data Template without two Application
    /// Templates.
    TemplateCount,
    /// A `61` or `62` after an object that must follow it.
    TemplateOrder,
    /// A primitive object at the root other than `85`.
    UnexpectedObject,
    /// A tag repeated in one template, at the root, or in both an Application Template and the
    /// Common Data Template.
    DuplicateTag,
    /// A mandatory object is absent (`4F`, or both `5A` and `57`).
    MissingMandatory,
    /// A value of a length outside its range.
    FieldLength,
    /// A value that breaks its format (BCD, compressed numeric, Track 2 layout).
    InvalidFormat,
    /// A byte outside the value's character set.
    InvalidCharset,
    /// The PAN in Track 2 (`57`) differs from the Application PAN (`5A`).
    PanMismatch,
}

impl ErrorKind {
    /// The stable snake_case code, as used in `spec/cpm` vectors and the CLI.
    #[must_use]
    pub const fn code(&self) -> &'static str {
        match self {
            ErrorKind::TooLong => "too_long",
            ErrorKind::Empty => "empty",
            ErrorKind::Base64Alphabet => "base64_alphabet",
            ErrorKind::Base64Padding => "base64_padding",
            ErrorKind::Base64Length => "base64_length",
            ErrorKind::Base64NonCanonical => "base64_non_canonical",
            ErrorKind::BerTag => "ber_tag",
            ErrorKind::BerTruncated => "ber_truncated",
            ErrorKind::BerIndefinite => "ber_indefinite",
            ErrorKind::BerNonMinimal => "ber_non_minimal",
            ErrorKind::BerOverflow => "ber_overflow",
            ErrorKind::BerDepth => "ber_depth",
            ErrorKind::BerTrailing => "ber_trailing",
            ErrorKind::PfiNotFirst => "pfi_not_first",
            ErrorKind::InvalidPfi => "invalid_pfi",
            ErrorKind::MissingApplicationTemplate => "missing_application_template",
            ErrorKind::TemplateCount => "template_count",
            ErrorKind::TemplateOrder => "template_order",
            ErrorKind::UnexpectedObject => "unexpected_object",
            ErrorKind::DuplicateTag => "duplicate_tag",
            ErrorKind::MissingMandatory => "missing_mandatory",
            ErrorKind::FieldLength => "field_length",
            ErrorKind::InvalidFormat => "invalid_format",
            ErrorKind::InvalidCharset => "invalid_charset",
            ErrorKind::PanMismatch => "pan_mismatch",
        }
    }

    /// True for the errors of the base64 layer, whose offsets count characters of the text.
    #[must_use]
    pub const fn is_base64(&self) -> bool {
        matches!(
            self,
            ErrorKind::Base64Alphabet
                | ErrorKind::Base64Padding
                | ErrorKind::Base64Length
                | ErrorKind::Base64NonCanonical
        )
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ErrorKind::TooLong => "input longer than a QR code can carry",
            ErrorKind::Empty => "empty input",
            ErrorKind::Base64Alphabet => "character outside the standard base64 alphabet",
            ErrorKind::Base64Padding => "base64 padding missing, in excess or misplaced",
            ErrorKind::Base64Length => "base64 text has one symbol too many",
            ErrorKind::Base64NonCanonical => "base64 last symbol has non-zero unused bits",
            ErrorKind::BerTag => "malformed BER tag",
            ErrorKind::BerTruncated => "BER object runs past the end of its parent",
            ErrorKind::BerIndefinite => "indefinite BER length",
            ErrorKind::BerNonMinimal => "BER length not in its shortest form",
            ErrorKind::BerOverflow => "BER length too large",
            ErrorKind::BerDepth => "templates nested too deep",
            ErrorKind::BerTrailing => "padding after the last object",
            ErrorKind::PfiNotFirst => "payload does not start with tag 85",
            ErrorKind::InvalidPfi => "payload format indicator is not CPV01",
            ErrorKind::MissingApplicationTemplate => "no application template (tag 61)",
            ErrorKind::TemplateCount => "wrong number of application templates",
            ErrorKind::TemplateOrder => "template out of order",
            ErrorKind::UnexpectedObject => "primitive object at the root",
            ErrorKind::DuplicateTag => "tag appears twice",
            ErrorKind::MissingMandatory => "mandatory data object missing",
            ErrorKind::FieldLength => "value length out of range",
            ErrorKind::InvalidFormat => "value has the wrong format",
            ErrorKind::InvalidCharset => "byte not allowed in this value",
            ErrorKind::PanMismatch => "Track 2 PAN differs from the application PAN",
        })
    }
}

/// A consumer-presented decoding or encoding error: its kind, offset and tag path.
///
/// Offsets count bytes of the decoded BER from 0, except for base64 errors
/// ([`ErrorKind::is_base64`]), [`ErrorKind::TooLong`] and [`ErrorKind::Empty`] on text input,
/// whose offsets count characters of the scanned text. Small and `Copy`; never allocates.
///
/// # Examples
/// ```
/// use emvqr::cpm::{CpmPayload, MAX_CPM_BYTES};
/// let mut buf = [0u8; MAX_CPM_BYTES];
/// // A base64 error counts characters of the text...
/// let e = CpmPayload::parse_base64("hQVDUFYwM Q==", &mut buf).unwrap_err();
/// assert_eq!((e.code(), e.offset()), ("base64_alphabet", 9));
/// // ...a BER error bytes of the decoded payload, with a tag path.
/// let e = CpmPayload::parse(&[0x85, 0x05, b'C', b'P', b'V', b'0', b'2']).unwrap_err();
/// assert_eq!(e.path().to_string(), "85");
/// assert!(!e.to_string().is_empty());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[error("{kind} at {} {offset}{}", if kind.is_base64() { "character" } else { "byte" }, PathSuffix(*path))]
pub struct Error {
    kind: ErrorKind,
    offset: u16,
    path: TagPath,
}

struct PathSuffix(TagPath);

impl fmt::Display for PathSuffix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_root() {
            Ok(())
        } else {
            write!(f, " (tag {})", self.0)
        }
    }
}

impl Error {
    pub(crate) fn new(kind: ErrorKind, offset: usize, path: TagPath) -> Error {
        Error {
            kind,
            offset: u16::try_from(offset).unwrap_or(u16::MAX),
            path,
        }
    }

    /// What is wrong.
    #[must_use]
    pub const fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The stable snake_case code of the kind.
    #[must_use]
    pub const fn code(&self) -> &'static str {
        self.kind.code()
    }

    /// Where: a byte offset into the decoded BER, or a character offset into the base64 text
    /// for base64 errors.
    #[must_use]
    pub const fn offset(&self) -> usize {
        self.offset as usize
    }

    /// Which object: `""` for the root, `"61.57"`.
    #[must_use]
    pub const fn path(&self) -> TagPath {
        self.path
    }
}

/// What a warning is about. Warnings do not make a payload invalid.
///
/// # Examples
/// ```
/// assert_eq!(emvqr::cpm::WarningKind::OverRecommendedSize.code(), "over_recommended_size");
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WarningKind {
    /// More than 512 bytes of BER, which not every reader recovers (CPM §3.1.1).
    OverRecommendedSize,
}

impl WarningKind {
    /// The stable snake_case code.
    #[must_use]
    pub const fn code(&self) -> &'static str {
        match self {
            WarningKind::OverRecommendedSize => "over_recommended_size",
        }
    }
}

impl fmt::Display for WarningKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WarningKind::OverRecommendedSize => f.write_str("payload over 512 bytes"),
        }
    }
}

/// A non-fatal finding, with its byte offset and tag path.
///
/// # Examples
/// ```
/// use emvqr::cpm::{CpmPayload, MAX_CPM_BYTES};
/// let mut buf = [0u8; MAX_CPM_BYTES];
/// // A small payload has no warning; one over 512 bytes of BER has `over_recommended_size`.
/// let p = CpmPayload::parse_base64("hQVDUFYwMWEaTwegAAAAVVVVVw8SNFZ4kBI0WNGRIgESNF8=", &mut buf)?;
/// assert_eq!(p.warnings().count(), 0);
/// # Ok::<(), emvqr::cpm::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Warning {
    kind: WarningKind,
    offset: u16,
    path: TagPath,
}

impl Warning {
    pub(crate) fn new(kind: WarningKind, offset: usize, path: TagPath) -> Warning {
        Warning {
            kind,
            offset: u16::try_from(offset).unwrap_or(u16::MAX),
            path,
        }
    }

    /// What the warning is about.
    #[must_use]
    pub const fn kind(&self) -> WarningKind {
        self.kind
    }

    /// The stable snake_case code.
    #[must_use]
    pub const fn code(&self) -> &'static str {
        self.kind.code()
    }

    /// Byte offset into the decoded BER.
    #[must_use]
    pub const fn offset(&self) -> usize {
        self.offset as usize
    }

    /// Tag path.
    #[must_use]
    pub const fn path(&self) -> TagPath {
        self.path
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} at byte {}{}",
            self.kind,
            self.offset,
            PathSuffix(self.path)
        )
    }
}

#[cfg(test)]
#[allow(clippy::arithmetic_side_effects)]
mod tests {
    use super::*;

    #[test]
    fn error_is_small() {
        assert!(core::mem::size_of::<Error>() <= 16);
    }

    #[test]
    fn path_display() {
        assert_eq!(TagPath::ROOT.to_string(), "");
        let p = TagPath::of(Tag::from_u32(0x61)).child(Tag::from_u32(0x57));
        assert_eq!(p.to_string(), "61.57");
        let deep = p
            .child(Tag::from_u32(0x9F_81_01))
            .child(Tag::from_u32(0x5F20));
        assert_eq!(deep.to_string(), "61.57.9F8101.5F20");
        assert_eq!(deep.depth(), 4);
        // Full (12 bytes): a tag that does not fit is not added.
        let full = deep
            .child(Tag::from_u32(0x9F8102))
            .child(Tag::from_u32(0x5F21));
        assert_eq!(full.to_string(), "61.57.9F8101.5F20.9F8102.5F21");
        assert_eq!(full.child(Tag::from_u32(0x9F26)), full);
    }

    #[test]
    fn message_says_what_and_where() {
        let e = Error::new(
            ErrorKind::DuplicateTag,
            40,
            TagPath::of(Tag::from_u32(0x61)).child(Tag::from_u32(0x5A)),
        );
        assert_eq!(e.to_string(), "tag appears twice at byte 40 (tag 61.5A)");
        let e = Error::new(ErrorKind::Base64Alphabet, 3, TagPath::ROOT);
        assert_eq!(
            e.to_string(),
            "character outside the standard base64 alphabet at character 3"
        );
    }
}
