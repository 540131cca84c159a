//! Decoding options: strict by default, with named leniencies.

use core::fmt;

/// A named relaxation of one strict rule, for producers seen in the wild.
///
/// Under a leniency the error it covers becomes a [`Warning`](crate::Warning) whose code is the
/// error's code. Each one has a vector in `spec/mpm/`.
///
/// # Examples
/// ```
/// use emvqr::Leniency;
/// assert_eq!(Leniency::LowercaseCrc.name(), "lowercase_crc");
/// assert_eq!(Leniency::from_name("zero_amount"), Some(Leniency::ZeroAmount));
/// assert!(Leniency::ALL.iter().all(|l| Leniency::from_name(l.name()) == Some(*l)));
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Leniency {
    /// CRC written in lower-case hexadecimal (`crc_lowercase`): HDFC BharatQR, TrueMoney slips.
    /// Accepted with that warning by default; this leniency matters only under
    /// [`DecodeOptions::pedantic`].
    LowercaseCrc,
    /// Payload Format Indicator other than `01` (`invalid_pfi`).
    PayloadFormat,
    /// Template sub-ID 00 that is not a GUID (`invalid_guid`): KHQR account IDs, Nepal connectIPS.
    NonGuidIdentifier,
    /// Template without sub-ID 00 (`missing_guid`): KHQR template 99.
    MissingGuid,
    /// More decimals than the currency's minor unit (`invalid_amount`).
    AmountPrecision,
    /// Leading zeros in an amount (`invalid_amount`).
    AmountLeadingZeros,
    /// A zero amount or fixed fee (`invalid_amount`): Nepal samples.
    ZeroAmount,
    /// Non-ASCII text in the ans text objects 59, 60, 61 and 62's labels (`invalid_charset`).
    NonAsciiText,
    /// Every error of a scheme profile (`profile_rule`), such as a malformed Pix key.
    ProfileRules,
    /// A payload that a reader counting lengths in bytes or UTF-16 units reads as other objects
    /// (`length_unit_ambiguous`): for a reader that knows its back end counts characters too.
    LengthUnitAmbiguous,
}

impl Leniency {
    /// Every leniency.
    pub const ALL: [Leniency; 10] = [
        Leniency::LowercaseCrc,
        Leniency::PayloadFormat,
        Leniency::NonGuidIdentifier,
        Leniency::MissingGuid,
        Leniency::AmountPrecision,
        Leniency::AmountLeadingZeros,
        Leniency::ZeroAmount,
        Leniency::NonAsciiText,
        Leniency::ProfileRules,
        Leniency::LengthUnitAmbiguous,
    ];

    /// The stable snake_case name used in vectors and on the command line.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Leniency::LowercaseCrc => "lowercase_crc",
            Leniency::PayloadFormat => "payload_format",
            Leniency::NonGuidIdentifier => "non_guid_identifier",
            Leniency::MissingGuid => "missing_guid",
            Leniency::AmountPrecision => "amount_precision",
            Leniency::AmountLeadingZeros => "amount_leading_zeros",
            Leniency::ZeroAmount => "zero_amount",
            Leniency::NonAsciiText => "non_ascii_text",
            Leniency::ProfileRules => "profile_rules",
            Leniency::LengthUnitAmbiguous => "length_unit_ambiguous",
        }
    }

    /// Looks a leniency up by its name.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Leniency> {
        Leniency::ALL.into_iter().find(|l| l.name() == name)
    }

    const fn bit(self) -> u16 {
        1 << (self as u16)
    }
}

impl fmt::Display for Leniency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// How strictly to decode. The default is strict: the EMVCo rules as amended by the scheme
/// recognised from the payload's identifiers (each departure accepted with the warning
/// `scheme_departure` naming it), then that scheme's [profile](crate::profile).
/// [`DecodeOptions::pedantic`] applies the EMVCo rules as written.
///
/// # Examples
/// ```
/// use emvqr::{DecodeOptions, Leniency};
/// let opts = DecodeOptions::strict().allow(Leniency::ZeroAmount);
/// assert!(opts.allows(Leniency::ZeroAmount));
/// assert!(!DecodeOptions::default().allows(Leniency::ZeroAmount));
/// ```
#[must_use]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DecodeOptions {
    leniencies: u16,
    reject_rfu: bool,
    skip_profiles: bool,
    pedantic: bool,
}

impl DecodeOptions {
    /// Strict decoding (the default).
    ///
    /// # Examples
    /// ```
    /// use emvqr::{DecodeOptions, Leniency};
    /// let strict = DecodeOptions::strict();
    /// assert_eq!(strict, DecodeOptions::default());
    /// assert!(Leniency::ALL.iter().all(|&l| !strict.allows(l)));
    /// assert!(strict.applies_profiles() && !strict.rejects_rfu());
    /// ```
    pub const fn strict() -> DecodeOptions {
        DecodeOptions {
            leniencies: 0,
            reject_rfu: false,
            skip_profiles: false,
            pedantic: false,
        }
    }

    /// The EMVCo rules as written, for producers checking their own codes: no scheme departure
    /// is accepted (each is reported as the EMVCo error it departs from: `invalid_guid`,
    /// `missing_guid`, `missing_mandatory`, `invalid_pfi`, `invalid_charset`), and lower-case
    /// CRC digits are the error `crc_lowercase`. Leniencies still apply on top.
    ///
    /// # Examples
    /// ```
    /// use emvqr::{DecodeOptions, Payload};
    /// // A KHQR code: its template 29 holds a Bakong account ID where EMVCo puts a GUID.
    /// let khqr = "00020101021129190015john_smith@devb5204599953031165802KH5910John Smith6010Phnom Penh63046BFA";
    /// let w = Payload::parse(khqr)?.warnings()[0];
    /// assert_eq!((w.code(), w.rule()), ("scheme_departure", Some("khqr.account_id_guid")));
    /// let e = Payload::parse_with(khqr, &DecodeOptions::pedantic()).unwrap_err();
    /// assert_eq!((e.code(), e.path().to_string()), ("invalid_guid", "29.00".to_string()));
    /// # Ok::<(), emvqr::Error>(())
    /// ```
    pub const fn pedantic() -> DecodeOptions {
        DecodeOptions {
            pedantic: true,
            ..DecodeOptions::strict()
        }
    }

    /// Whether the EMVCo rules apply as written ([`DecodeOptions::pedantic`]).
    #[must_use]
    pub const fn is_pedantic(&self) -> bool {
        self.pedantic
    }

    /// Every leniency enabled.
    ///
    /// # Examples
    /// ```
    /// use emvqr::{DecodeOptions, Leniency, Payload};
    /// let opts = DecodeOptions::lenient();
    /// assert!(Leniency::ALL.iter().all(|&l| opts.allows(l)));
    /// // Lower-case CRC digits are then a warning, not an error.
    /// let text = "00020101021202164111111111111111520454115303840540512.005802US5904SHOP6003NYC6304e78e";
    /// assert_eq!(Payload::parse_with(text, &opts)?.warnings()[0].code(), "crc_lowercase");
    /// # Ok::<(), emvqr::Error>(())
    /// ```
    pub const fn lenient() -> DecodeOptions {
        DecodeOptions {
            // One bit per leniency.
            leniencies: u16::MAX >> 16usize.saturating_sub(Leniency::ALL.len()),
            ..DecodeOptions::strict()
        }
    }

    /// Enables one leniency.
    pub const fn allow(mut self, leniency: Leniency) -> DecodeOptions {
        self.leniencies |= leniency.bit();
        self
    }

    /// Refuse objects with RFU IDs (root 65–79, 62.00, 62.12–49, 64.03–99) instead of
    /// keeping them with an `rfu_id` warning.
    ///
    /// # Examples
    /// ```
    /// use emvqr::{DecodeOptions, Payload};
    /// // ID 65 is reserved for future use: a warning by default, an error on request.
    /// let text = "00020101021202164111111111111111520454115303840540512.005802US5904SHOP6003NYC6502AB6304CB30";
    /// assert_eq!(Payload::parse(text)?.warnings()[0].code(), "rfu_id");
    /// let opts = DecodeOptions::strict().reject_rfu(true);
    /// assert!(opts.rejects_rfu());
    /// let e = Payload::parse_with(text, &opts).unwrap_err();
    /// assert_eq!((e.code(), e.path().to_string()), ("rfu_id", "65".to_string()));
    /// # Ok::<(), emvqr::Error>(())
    /// ```
    pub const fn reject_rfu(mut self, reject: bool) -> DecodeOptions {
        self.reject_rfu = reject;
        self
    }

    /// Apply the scheme profiles of the schemes recognised in the payload (the default), or
    /// not: with `false` only the EMVCo rules and the scheme amendments of `spec/README.md`
    /// are checked.
    ///
    /// # Examples
    /// ```
    /// use emvqr::{DecodeOptions, Payload};
    /// let text = "00020126260014br.gov.bcb.pix0104abcd5204000053039865802BR5903ABC6003RIO62070503***630422CD";
    /// assert_eq!(Payload::parse(text).unwrap_err().rule(), Some("pix.key"));
    /// let opts = DecodeOptions::strict().profiles(false);
    /// assert!(!opts.applies_profiles());
    /// assert!(Payload::parse_with(text, &opts).is_ok());
    /// ```
    pub const fn profiles(mut self, apply: bool) -> DecodeOptions {
        self.skip_profiles = !apply;
        self
    }

    /// Whether scheme profiles are applied.
    #[must_use]
    pub const fn applies_profiles(&self) -> bool {
        !self.skip_profiles
    }

    /// Whether a leniency is enabled.
    #[must_use]
    pub const fn allows(&self, leniency: Leniency) -> bool {
        self.leniencies & leniency.bit() != 0
    }

    /// Whether RFU objects are refused.
    #[must_use]
    pub const fn rejects_rfu(&self) -> bool {
        self.reject_rfu
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for l in Leniency::ALL {
            assert_eq!(Leniency::from_name(l.name()), Some(l));
            assert!(DecodeOptions::lenient().allows(l));
            assert!(!DecodeOptions::strict().allows(l));
        }
        assert_eq!(Leniency::from_name("nope"), None);
    }
}
