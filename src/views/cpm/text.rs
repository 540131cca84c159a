//! The text of a consumer-presented code: strict base64 of its BER-TLV bytes.

use base64::Engine as _;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};

use crate::wire::cpm_error::{Error, ErrorKind, TagPath};
use crate::wire::limits::{MAX_CPM_BYTES, MAX_CPM_TEXT};

/// The prefix of every EMV CPM text: base64 of `85 05 'C' 'P' 'V'` (CPM §5.1).
///
/// # Examples
/// ```
/// let text = "hQVDUFYwMWEaTwegAAAAVVVVVw8SNFZ4kBI0WNGRIgESNF8=";
/// assert!(text.starts_with(emvqr::cpm::CPM_PREFIX));
/// ```
pub const CPM_PREFIX: &str = "hQVDUFY";

/// Standard alphabet, canonical padding required, no trailing bits (RFC 4648 §3.5).
const STRICT: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    GeneralPurposeConfig::new()
        .with_encode_padding(true)
        .with_decode_allow_trailing_bits(false)
        .with_decode_padding_mode(DecodePaddingMode::RequireCanonical),
);

/// True when `text` starts with [`CPM_PREFIX`], the way a POI tells an EMV CPM code apart.
///
/// # Examples
/// ```
/// use emvqr::cpm::is_cpm;
/// assert!(is_cpm("hQVDUFYwMWEaTwegAAAAVVVVVw8SNFZ4kBI0WNGRIgESNF8="));
/// assert!(!is_cpm("000201010211"));
/// ```
#[must_use]
pub fn is_cpm(text: impl AsRef<[u8]>) -> bool {
    text.as_ref().starts_with(CPM_PREFIX.as_bytes())
}

/// Decodes strict base64 into `buf`, returning the decoded bytes.
///
/// Strict means: the standard alphabet (no `-`, `_`, whitespace or line breaks), canonical
/// padding, and zero unused bits in the last symbol, so one byte string has exactly one text.
///
/// # Errors
/// `empty`, `too_long` (more than [`MAX_CPM_TEXT`] bytes, checked before decoding),
/// `base64_alphabet`, `base64_padding`, `base64_length`, `base64_non_canonical`; offsets count
/// characters of `text`.
///
/// # Examples
/// ```
/// use emvqr::cpm::{self, MAX_CPM_BYTES};
/// let mut buf = [0u8; MAX_CPM_BYTES];
/// assert_eq!(cpm::decode_base64("hQVDUFYwMQ==", &mut buf)?.len(), 7);
/// // URL-safe symbols are not the standard alphabet; missing padding is refused too.
/// let e = cpm::decode_base64("hQVD_FYwMQ==", &mut buf).unwrap_err();
/// assert_eq!((e.code(), e.offset()), ("base64_alphabet", 4));
/// assert_eq!(cpm::decode_base64("hQVDUFYwMQ", &mut buf).unwrap_err().code(), "base64_padding");
/// # Ok::<(), emvqr::cpm::Error>(())
/// ```
pub fn decode_base64(
    text: impl AsRef<[u8]>,
    buf: &mut [u8; MAX_CPM_BYTES],
) -> Result<&[u8], Error> {
    let text = text.as_ref();
    if text.is_empty() {
        return Err(Error::new(ErrorKind::Empty, 0, TagPath::ROOT));
    }
    if text.len() > MAX_CPM_TEXT {
        return Err(Error::new(ErrorKind::TooLong, 0, TagPath::ROOT));
    }
    match STRICT.decode_slice(text, buf) {
        Ok(n) => Ok(buf.get(..n).unwrap_or(&[])),
        Err(e) => Err(classify_base64(text).unwrap_or_else(|| from_crate_error(&e))),
    }
}

/// Finds the first base64 defect of `text`, left to right, with its character offset; `None`
/// when the text is well-formed. The decoder only runs this after a failure, so the fast path
/// pays nothing for the precise report.
fn classify_base64(text: &[u8]) -> Option<Error> {
    let err = |kind, at| Some(Error::new(kind, at, TagPath::ROOT));
    let mut pad_start = None;
    for (i, &b) in text.iter().enumerate() {
        if b.is_ascii_alphanumeric() || b == b'+' || b == b'/' {
            if let Some(p) = pad_start {
                return err(ErrorKind::Base64Padding, p);
            }
        } else if b == b'=' {
            pad_start.get_or_insert(i);
        } else {
            return err(ErrorKind::Base64Alphabet, i);
        }
    }
    let symbols = pad_start.unwrap_or(text.len());
    let pads = text.len().saturating_sub(symbols);
    let last = symbols.saturating_sub(1);
    let (wanted, unused_mask) = match symbols % 4 {
        0 => (0, 0),
        2 => (2, 0x0F),
        3 => (1, 0x03),
        _ => return err(ErrorKind::Base64Length, last),
    };
    if pads != wanted {
        return err(ErrorKind::Base64Padding, symbols);
    }
    let value = text.get(last).map_or(0, |&c| sextet(c));
    if value & unused_mask != 0 {
        return err(ErrorKind::Base64NonCanonical, last);
    }
    None
}

fn sextet(c: u8) -> u8 {
    match c {
        b'A'..=b'Z' => c.wrapping_sub(b'A'),
        b'a'..=b'z' => c.wrapping_sub(b'a').wrapping_add(26),
        b'0'..=b'9' => c.wrapping_sub(b'0').wrapping_add(52),
        b'+' => 62,
        _ => 63,
    }
}

/// Maps an error of the `base64` crate the classifier did not explain (none is known).
fn from_crate_error(e: &base64::DecodeSliceError) -> Error {
    use base64::{DecodeError, DecodeSliceError};
    let (kind, at) = match e {
        DecodeSliceError::DecodeError(DecodeError::InvalidByte(at, _)) => {
            (ErrorKind::Base64Alphabet, *at)
        }
        DecodeSliceError::DecodeError(DecodeError::InvalidLength(at)) => {
            (ErrorKind::Base64Length, *at)
        }
        DecodeSliceError::DecodeError(DecodeError::InvalidLastSymbol(at, _)) => {
            (ErrorKind::Base64NonCanonical, *at)
        }
        DecodeSliceError::DecodeError(DecodeError::InvalidPadding) => (ErrorKind::Base64Padding, 0),
        DecodeSliceError::OutputSliceTooSmall => (ErrorKind::TooLong, 0),
    };
    Error::new(kind, at, TagPath::ROOT)
}

/// Encodes `ber` as standard, padded base64.
///
/// # Examples
/// ```
/// assert_eq!(emvqr::cpm::encode_base64(b"\x85\x05CPV01"), "hQVDUFYwMQ==");
/// ```
#[cfg(feature = "alloc")]
#[must_use]
pub fn encode_base64(ber: &[u8]) -> alloc::string::String {
    STRICT.encode(ber)
}

#[cfg(test)]
#[allow(clippy::arithmetic_side_effects)]
mod tests {
    use super::*;

    fn code(text: &str) -> (&'static str, usize) {
        let mut buf = [0u8; MAX_CPM_BYTES];
        let e = decode_base64(text, &mut buf).unwrap_err();
        (e.code(), e.offset())
    }

    #[test]
    fn strict_base64() {
        let mut buf = [0u8; MAX_CPM_BYTES];
        assert_eq!(
            decode_base64("hQVDUFYwMQ==", &mut buf).unwrap(),
            b"\x85\x05CPV01\0"[..7].as_ref()
        );
        assert_eq!(code(""), ("empty", 0));
        assert_eq!(code("hQVDUFYwMQ"), ("base64_padding", 10));
        assert_eq!(code("hQVDUFYwMQ="), ("base64_padding", 10));
        assert_eq!(code("hQVDUFYwMQ==="), ("base64_padding", 10));
        assert_eq!(code("hQVD=UFYwMQ=="), ("base64_padding", 4));
        assert_eq!(code("hQVDUFYwMR=="), ("base64_non_canonical", 9));
        assert_eq!(code("hQVDUFYwM"), ("base64_length", 8));
        assert_eq!(code("hQVD UFY"), ("base64_alphabet", 4));
        assert_eq!(code("hQVD-UFY"), ("base64_alphabet", 4));
        assert_eq!(code(&"A".repeat(MAX_CPM_TEXT + 1)), ("too_long", 0));
    }

    #[test]
    fn largest_text_fits_the_buffer() {
        let mut buf = [0u8; MAX_CPM_BYTES];
        let text = "A".repeat(MAX_CPM_TEXT - 1);
        assert_eq!(decode_base64(&text, &mut buf).unwrap().len(), MAX_CPM_BYTES);
        assert_eq!(
            code(&"A".repeat(MAX_CPM_TEXT)),
            ("base64_length", MAX_CPM_TEXT - 1)
        );
    }

    #[cfg(feature = "alloc")]
    proptest::proptest! {
        /// The classifier agrees with the `base64` crate on what is valid.
        #[test]
        fn classifier_agrees_with_the_crate(s in "[A-Da-d0+/=\\- ]{0,16}") {
            let bytes = s.as_bytes();
            if !bytes.is_empty() {
                let crate_ok = STRICT.decode(bytes).is_ok();
                proptest::prop_assert_eq!(crate_ok, classify_base64(bytes).is_none(), "{}", s);
            }
        }
    }
}
