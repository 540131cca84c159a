//! The sizes every layer bounds its work by, checked before any other work.

/// The largest input accepted, in bytes: the byte-mode capacity of a version 40-L QR symbol.
///
/// # Examples
/// ```
/// use emvqr::{MAX_INPUT_BYTES, Payload};
/// let long = "0".repeat(MAX_INPUT_BYTES + 1);
/// assert_eq!(Payload::parse(&long).unwrap_err().code(), "too_long");
/// ```
pub const MAX_INPUT_BYTES: usize = 2953;

/// The size the specification recommends not to exceed, in characters (EMVCo MPM §4.1).
///
/// # Examples
/// ```
/// # #[cfg(feature = "alloc")] {
/// use emvqr::{PayloadBuilder, tlv::RECOMMENDED_MAX_CHARS};
/// let long = "X".repeat(80);
/// let mut b = PayloadBuilder::new()
///     .merchant_account(2, "4111111111111111")
///     .merchant_category_code("5411")
///     .currency("840")
///     .country("US")
///     .merchant_name("SHOP")
///     .merchant_city("NYC");
/// for sub in 1..=5 {
///     b = b.template_field(80 + sub, 0, "com.example").template_field(80 + sub, 1, &long);
/// }
/// let p = b.build()?;
/// assert!(p.as_str().chars().count() > RECOMMENDED_MAX_CHARS);
/// assert_eq!(p.as_payload().warnings()[0].code(), "over_recommended_size");
/// # }
/// # Ok::<(), emvqr::Error>(())
/// ```
pub const RECOMMENDED_MAX_CHARS: usize = 512;

/// The largest scanned text accepted, in bytes: the byte-mode capacity of a version 40-L
/// QR symbol.
///
/// # Examples
/// ```
/// use emvqr::cpm::{self, MAX_CPM_BYTES, MAX_CPM_TEXT};
/// let mut buf = [0u8; MAX_CPM_BYTES];
/// let long = "A".repeat(MAX_CPM_TEXT + 4);
/// let e = cpm::decode_base64(&long, &mut buf).unwrap_err();
/// assert_eq!((e.code(), e.offset()), ("too_long", 0));
/// ```
pub const MAX_CPM_TEXT: usize = MAX_INPUT_BYTES;

/// The largest BER payload: what the longest valid base64 text under [`MAX_CPM_TEXT`]
/// (2,952 characters) decodes to.
///
/// # Examples
/// ```
/// use emvqr::cpm::{self, MAX_CPM_BYTES};
/// // The caller's buffer for the decoded bytes: no allocation on the decoding path.
/// let mut buf = [0u8; MAX_CPM_BYTES];
/// assert_eq!(cpm::decode_base64("hQVDUFYwMQ==", &mut buf)?, b"\x85\x05CPV01");
/// # Ok::<(), emvqr::cpm::Error>(())
/// ```
pub const MAX_CPM_BYTES: usize = (MAX_CPM_TEXT / 4) * 3;

/// More than this many bytes of BER may not be recovered by every reader (CPM §3.1.1).
///
/// # Examples
/// ```
/// # #[cfg(feature = "alloc")] {
/// use emvqr::cpm::{CpmPayloadBuf, RECOMMENDED_MAX_BYTES};
/// let p = CpmPayloadBuf::from_base64("hQVDUFYwMWEaTwegAAAAVVVVVw8SNFZ4kBI0WNGRIgESNF8=")?;
/// assert!(p.as_bytes().len() <= RECOMMENDED_MAX_BYTES);
/// assert_eq!(p.view().warnings().count(), 0);
/// # }
/// # Ok::<(), emvqr::cpm::Error>(())
/// ```
pub const RECOMMENDED_MAX_BYTES: usize = 512;
