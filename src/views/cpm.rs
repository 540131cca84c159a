//! Consumer-presented mode (EMVCo QRCPS CPM): base64 of BER-TLV carrying card or token data.
//!
//! At the till the consumer's wallet shows a code and the merchant's terminal scans it. The
//! text is strict base64 ([`decode_base64`]) of a BER-TLV payload ([`crate::ber`]) read into
//! a validated, borrowed [`CpmPayload`]. Nothing on this path allocates; without the `alloc`
//! feature the caller provides the buffer.
//!
//! ```
//! use emvqr::cpm::{self, CpmPayload, MAX_CPM_BYTES};
//! // EMVCo CPM Annex B, example 1.
//! let text = "hQVDUFYwMWEaTwegAAAAVVVVVw8SNFZ4kBI0WNGRIgESNF8=";
//! assert!(cpm::is_cpm(text));
//! let mut buf = [0u8; MAX_CPM_BYTES];
//! let payload = CpmPayload::parse_base64(text, &mut buf)?;
//! let app = payload.applications().next().unwrap();
//! assert_eq!(app.aid(), [0xA0, 0x00, 0x00, 0x00, 0x55, 0x55, 0x55]);
//! // Card data prints masked.
//! assert_eq!(app.pan().unwrap().to_string(), "123456******3458");
//! # Ok::<(), emvqr::cpm::Error>(())
//! ```
//!
//! Card data is secret: [`Pan`] and [`Track2`] print masked (`Display` and `Debug`), and the
//! `Debug` form of every CPM type masks PAN (`5A`), Track 2 (`57`), the Payment Account
//! Reference (`9F24`) and the cardholder name (`5F20`). The digits are reachable only through
//! [`Pan::digits`], [`Pan::reveal`] and [`Track2::reveal`]. [`mask`] says whether any value
//! is card data, by its tag or by a Luhn-valid card number in its digits, and prints it masked;
//! [`CpmPayload::field_map_masked`] applies it to every value.

mod mask;
#[cfg(feature = "alloc")]
mod owned;
pub(crate) mod payload;
pub(crate) mod text;

pub use crate::wire::cpm_error::{Error, ErrorKind, TagPath, Warning, WarningKind};
pub use crate::wire::limits::{MAX_CPM_BYTES, MAX_CPM_TEXT, RECOMMENDED_MAX_BYTES};
pub use mask::{Masked, mask};
#[cfg(feature = "alloc")]
pub use owned::{ApplicationBuilder, CpmBuilder, CpmField, CpmFieldMap, CpmPayloadBuf, Node};
pub use payload::{
    ApplicationTemplate, CommonData, CpmPayload, Pan, RevealedPan, RevealedTrack2, Track2,
};
#[cfg(feature = "alloc")]
pub use text::encode_base64;
pub use text::{CPM_PREFIX, decode_base64, is_cpm};
