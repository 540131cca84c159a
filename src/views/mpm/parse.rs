//! Decoding: the validation, then the profiles of the schemes the payload's identifiers name.

use super::index::Index;
use super::payload::Payload;
use super::validate;
use crate::views::options::DecodeOptions;
use crate::views::profile::apply::apply_to;
use crate::wire::error::Error;

impl<'a> Payload<'a> {
    /// Parses and validates a payload with the strict default rules.
    ///
    /// # Errors
    /// The first rule broken, in the order documented in `spec/README.md`: size, structure,
    /// order and duplicates, CRC, templates, field rules, then rules across fields.
    ///
    /// # Examples
    /// ```
    /// const PIX: &str = "00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-4266554400005204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***63041D3D";
    /// let p = emvqr::Payload::parse(PIX)?;
    /// assert_eq!(p.merchant_city(), Some("BRASILIA"));
    /// // One character changed: the CRC (63) no longer matches.
    /// let bad = PIX.replace("BRASILIA", "BRASILIO");
    /// let e = emvqr::Payload::parse(&bad).unwrap_err();
    /// assert_eq!((e.code(), e.path().to_string()), ("crc_mismatch", "63".to_string()));
    /// # Ok::<(), emvqr::Error>(())
    /// ```
    pub fn parse(text: &'a str) -> Result<Payload<'a>, Error> {
        Self::parse_with(text, &DecodeOptions::strict())
    }

    /// Parses and validates a payload with the given options.
    ///
    /// # Errors
    /// As [`Payload::parse`], less what the enabled leniencies turn into warnings.
    ///
    /// # Examples
    /// ```
    /// use emvqr::{DecodeOptions, Leniency, Payload};
    /// // A Pix code with an amount of zero: refused strictly, a warning when allowed.
    /// const ZERO: &str = "00020126510014br.gov.bcb.pix0115thalesog@me.com0210Pedido 12352040000530398654040.005802BR5914Thales Ogliari6015SAO MIGUEL DO O62070503***63044406";
    /// assert_eq!(Payload::parse(ZERO).unwrap_err().code(), "invalid_amount");
    /// let p = Payload::parse_with(ZERO, &DecodeOptions::strict().allow(Leniency::ZeroAmount))?;
    /// assert_eq!(p.amount().map(|a| a.as_str()), Some("0.00"));
    /// assert!(!p.warnings().is_empty());
    /// # Ok::<(), emvqr::Error>(())
    /// ```
    pub fn parse_with(text: &'a str, options: &DecodeOptions) -> Result<Payload<'a>, Error> {
        Self::parse_inner(text, options, false)
    }

    /// As [`Payload::parse_with`] for a payload this crate encoded, whose CRC it computed over
    /// the bytes before it: the CRC is not computed again.
    #[cfg(feature = "alloc")]
    pub(crate) fn parse_encoded(
        text: &'a str,
        options: &DecodeOptions,
    ) -> Result<Payload<'a>, Error> {
        Self::parse_inner(text, options, true)
    }

    fn parse_inner(
        text: &'a str,
        options: &DecodeOptions,
        crc_known: bool,
    ) -> Result<Payload<'a>, Error> {
        validate::check_size(text.len())?;
        let mut p = Payload {
            text,
            ix: Index::new(text),
        };
        validate::validate(text, options, &mut p.ix, crc_known)?;
        if options.applies_profiles() {
            apply_to(&mut p, options)?;
        }
        Ok(p)
    }

    /// The structure of a payload that may break a rule: its objects and templates tile, and
    /// its identifiers are looked up, but no value is checked (not even the CRC). For telling
    /// what an invalid code names; never for paying it.
    pub(crate) fn parse_structure(text: &'a str) -> Result<Payload<'a>, Error> {
        validate::check_size(text.len())?;
        let mut p = Payload {
            text,
            ix: Index::new(text),
        };
        validate::structure(text, &mut p.ix)?;
        Ok(p)
    }

    /// Parses bytes: checks the size, then UTF-8, then the payload.
    ///
    /// # Errors
    /// [`ErrorKind::TooLong`](crate::ErrorKind::TooLong),
    /// [`ErrorKind::InvalidUtf8`](crate::ErrorKind::InvalidUtf8) (at the character offset of the
    /// first bad byte), or any error of [`Payload::parse_with`].
    ///
    /// # Examples
    /// ```
    /// use emvqr::{DecodeOptions, Payload};
    /// const PIX: &[u8] = b"00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-4266554400005204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***63041D3D";
    /// let opts = DecodeOptions::strict();
    /// assert_eq!(Payload::parse_bytes(PIX, &opts)?.country(), "BR");
    /// // A byte that is not UTF-8 at offset 2.
    /// let e = Payload::parse_bytes(b"00\xff2", &opts).unwrap_err();
    /// assert_eq!((e.code(), e.offset()), ("invalid_utf8", 2));
    /// # Ok::<(), emvqr::Error>(())
    /// ```
    pub fn parse_bytes(bytes: &'a [u8], options: &DecodeOptions) -> Result<Payload<'a>, Error> {
        let text = validate::check_bytes(bytes)?;
        Self::parse_with(text, options)
    }
}
