//! Errors and warnings: what went wrong, and where.

use core::fmt;

/// The data-object path of a finding: the root, a root object (`59`) or a
/// sub-object of a template (`62.05`).
///
/// # Examples
/// ```
/// use emvqr::Path;
/// assert_eq!(Path::sub(62, 5).to_string(), "62.05");
/// assert_eq!((Path::id(59).root_id(), Path::id(59).sub_id()), (Some(59), None));
/// assert!(Path::ROOT.is_root() && Path::ROOT.to_string().is_empty());
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Path {
    // 0xFF = absent.
    root: u8,
    sub: u8,
}

const NONE: u8 = 0xFF;

impl Path {
    /// The payload root (no object).
    pub const ROOT: Path = Path {
        root: NONE,
        sub: NONE,
    };

    /// A root object.
    #[must_use]
    pub const fn id(id: u8) -> Path {
        Path {
            root: id,
            sub: NONE,
        }
    }

    /// A sub-object of a template.
    #[must_use]
    pub const fn sub(id: u8, sub: u8) -> Path {
        Path { root: id, sub }
    }

    /// The root-level ID, if any.
    #[must_use]
    pub const fn root_id(self) -> Option<u8> {
        if self.root == NONE {
            None
        } else {
            Some(self.root)
        }
    }

    /// The sub-object ID, if any.
    #[must_use]
    pub const fn sub_id(self) -> Option<u8> {
        if self.sub == NONE {
            None
        } else {
            Some(self.sub)
        }
    }

    /// True for the payload root.
    #[must_use]
    pub const fn is_root(self) -> bool {
        self.root == NONE
    }
}

impl fmt::Display for Path {
    /// `""` for the root, `"59"`, or `"62.05"`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.root_id(), self.sub_id()) {
            (None, _) => Ok(()),
            (Some(r), None) => write!(f, "{r:02}"),
            (Some(r), Some(s)) => write!(f, "{r:02}.{s:02}"),
        }
    }
}

impl fmt::Debug for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Path(\"{self}\")")
    }
}

/// Why an amount (54, 56) or a percentage (57) was refused.
///
/// # Examples
/// ```
/// # #[cfg(feature = "alloc")] {
/// use emvqr::{AmountProblem, ErrorKind, PayloadBuilder};
/// let err = PayloadBuilder::new().currency("986").amount("010").build().unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::InvalidAmount(AmountProblem::LeadingZero));
/// # }
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AmountProblem {
    /// Not digits with at most one `.` and at least one digit before it.
    Grammar,
    /// The value is zero.
    Zero,
    /// A leading zero before other integer digits (`010`).
    LeadingZero,
    /// More decimals than the currency's minor unit allows.
    Precision,
    /// A percentage outside 0.01–99.99, or with more than 2 decimals.
    Range,
}

impl AmountProblem {
    const fn describe(self) -> &'static str {
        match self {
            AmountProblem::Grammar => "not digits with at most one '.'",
            AmountProblem::Zero => "zero",
            AmountProblem::LeadingZero => "has a leading zero",
            AmountProblem::Precision => "has more decimals than the currency allows",
            AmountProblem::Range => "outside 0.01-99.99",
        }
    }
}

/// What is wrong with a payload. Each kind has a stable snake_case [code](ErrorKind::code).
///
/// # Examples
/// ```
/// use emvqr::{ErrorKind, Payload};
/// let err = Payload::parse("0002").unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::LengthOverrun);
/// assert_eq!(err.kind().code(), "length_overrun");
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// The input is longer than [`MAX_INPUT_BYTES`](crate::MAX_INPUT_BYTES).
    TooLong,
    /// The input is empty.
    Empty,
    /// The input bytes are not UTF-8.
    InvalidUtf8,
    /// The input ends inside an ID or a length.
    Truncated,
    /// An ID that is not two ASCII digits.
    InvalidId,
    /// A length that is not two ASCII digits.
    InvalidLength,
    /// Length `00`.
    ZeroLength,
    /// A value running past the end of its parent.
    LengthOverrun,
    /// An ID repeated at one level.
    DuplicateId,
    /// The first object is not the Payload Format Indicator `00`.
    PfiNotFirst,
    /// No CRC object `63`.
    CrcMissing,
    /// Something follows the CRC object.
    CrcNotLast,
    /// The CRC object's length is not `04`.
    CrcLength,
    /// The CRC value is not four hexadecimal digits.
    CrcNotHex,
    /// The CRC value uses lower-case hexadecimal digits.
    CrcLowercase,
    /// The CRC does not match the payload.
    CrcMismatch {
        /// The CRC written in the payload.
        found: u16,
        /// The CRC computed over the payload.
        computed: u16,
    },
    /// A mandatory object is absent.
    MissingMandatory,
    /// None of the merchant account objects 02–51 is present.
    MissingMerchantAccount,
    /// A merchant account or unreserved template without its GUID (sub-ID 00).
    MissingGuid,
    /// A GUID that is not an AID, a hyphenless UUID or a reverse domain name.
    InvalidGuid,
    /// A value longer than its maximum.
    FieldTooLong,
    /// A value not of numeric format, or not of its fixed length.
    InvalidFormat,
    /// A character outside the value's character set.
    InvalidCharset,
    /// Payload Format Indicator other than `01`.
    InvalidPfi,
    /// Point of Initiation Method other than `11` or `12`.
    InvalidPoi,
    /// Not an ISO 4217 numeric currency.
    InvalidCurrency,
    /// Not an ISO 3166-1 alpha-2 country code.
    InvalidCountry,
    /// An amount or percentage that breaks the grammar or its range.
    InvalidAmount(AmountProblem),
    /// Language preference that is not two letters.
    InvalidLanguage,
    /// Tip or convenience indicator (55) and fee objects (56, 57) inconsistent.
    TipRule,
    /// An RFU object, refused because [`DecodeOptions::reject_rfu`](crate::DecodeOptions::reject_rfu) is set
    /// (or given to a builder).
    RfuId,
    /// A value cannot be encoded (empty, or more than 99 characters).
    Unencodable,
    /// A scheme profile's rule is broken (see [`Rule`](crate::profile::Rule) and
    /// [`Error::rule`]).
    Profile(crate::knowledge::profiles::Rule),
    /// A merchant account template holds another provider's code (an Alipay template holding
    /// a WeChat Pay URL): a wallet would open or pay something else than the template says.
    AccountMismatch,
    /// The merchant name (59) is only white space and invisible characters: a wallet would show
    /// its user no payee.
    BlankName,
    /// A reader counting lengths in another unit (bytes, UTF-16 units) also reads the payload,
    /// CRC included, but as other objects: two readers would pay two different codes.
    LengthUnitAmbiguous {
        /// The unit of the other reading.
        unit: LengthUnit,
    },
}

impl ErrorKind {
    /// The stable snake_case code of this kind, as used in `spec/` vectors and the CLI.
    #[must_use]
    pub const fn code(&self) -> &'static str {
        match self {
            ErrorKind::TooLong => "too_long",
            ErrorKind::Empty => "empty",
            ErrorKind::InvalidUtf8 => "invalid_utf8",
            ErrorKind::Truncated => "truncated",
            ErrorKind::InvalidId => "invalid_id",
            ErrorKind::InvalidLength => "invalid_length",
            ErrorKind::ZeroLength => "zero_length",
            ErrorKind::LengthOverrun => "length_overrun",
            ErrorKind::DuplicateId => "duplicate_id",
            ErrorKind::PfiNotFirst => "pfi_not_first",
            ErrorKind::CrcMissing => "crc_missing",
            ErrorKind::CrcNotLast => "crc_not_last",
            ErrorKind::CrcLength => "crc_length",
            ErrorKind::CrcNotHex => "crc_not_hex",
            ErrorKind::CrcLowercase => "crc_lowercase",
            ErrorKind::CrcMismatch { .. } => "crc_mismatch",
            ErrorKind::MissingMandatory => "missing_mandatory",
            ErrorKind::MissingMerchantAccount => "missing_merchant_account",
            ErrorKind::MissingGuid => "missing_guid",
            ErrorKind::InvalidGuid => "invalid_guid",
            ErrorKind::FieldTooLong => "field_too_long",
            ErrorKind::InvalidFormat => "invalid_format",
            ErrorKind::InvalidCharset => "invalid_charset",
            ErrorKind::InvalidPfi => "invalid_pfi",
            ErrorKind::InvalidPoi => "invalid_poi",
            ErrorKind::InvalidCurrency => "invalid_currency",
            ErrorKind::InvalidCountry => "invalid_country",
            ErrorKind::InvalidAmount(_) => "invalid_amount",
            ErrorKind::InvalidLanguage => "invalid_language",
            ErrorKind::TipRule => "tip_rule",
            ErrorKind::AccountMismatch => "account_mismatch",
            ErrorKind::BlankName => "blank_name",
            ErrorKind::LengthUnitAmbiguous { .. } => "length_unit_ambiguous",
            ErrorKind::RfuId => "rfu_id",
            ErrorKind::Unencodable => "unencodable",
            ErrorKind::Profile(_) => "profile_rule",
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ErrorKind::TooLong => {
                write!(
                    f,
                    "input longer than {} bytes",
                    super::limits::MAX_INPUT_BYTES
                )
            }
            ErrorKind::Empty => f.write_str("empty input"),
            ErrorKind::InvalidUtf8 => f.write_str("input is not valid UTF-8"),
            ErrorKind::Truncated => f.write_str("input ends inside an ID or length"),
            ErrorKind::InvalidId => f.write_str("ID is not two ASCII digits"),
            ErrorKind::InvalidLength => f.write_str("length is not two ASCII digits"),
            ErrorKind::ZeroLength => f.write_str("length 00 is not allowed"),
            ErrorKind::LengthOverrun => f.write_str("value runs past the end of its parent"),
            ErrorKind::DuplicateId => f.write_str("ID appears twice at this level"),
            ErrorKind::PfiNotFirst => f.write_str("payload does not start with ID 00"),
            ErrorKind::CrcMissing => f.write_str("no CRC (ID 63) at the end"),
            ErrorKind::CrcNotLast => f.write_str("data follows the CRC (ID 63)"),
            ErrorKind::CrcLength => f.write_str("CRC length is not 04"),
            ErrorKind::CrcNotHex => f.write_str("CRC is not four hexadecimal digits"),
            ErrorKind::CrcLowercase => f.write_str("CRC uses lower-case hexadecimal"),
            ErrorKind::CrcMismatch { found, computed } => {
                write!(f, "CRC says {found:04X}, payload hashes to {computed:04X}")
            }
            ErrorKind::MissingMandatory => f.write_str("mandatory data object missing"),
            ErrorKind::MissingMerchantAccount => {
                f.write_str("no merchant account information (IDs 02-51)")
            }
            ErrorKind::MissingGuid => f.write_str("template has no GUID (sub-ID 00)"),
            ErrorKind::InvalidGuid => {
                f.write_str("GUID is not an AID, a UUID or a reverse domain name")
            }
            ErrorKind::FieldTooLong => f.write_str("value longer than allowed"),
            ErrorKind::InvalidFormat => f.write_str("value has the wrong format or length"),
            ErrorKind::InvalidCharset => f.write_str("character not allowed in this value"),
            ErrorKind::InvalidPfi => f.write_str("payload format indicator is not 01"),
            ErrorKind::InvalidPoi => f.write_str("point of initiation is not 11 or 12"),
            ErrorKind::InvalidCurrency => f.write_str("not an ISO 4217 numeric currency"),
            ErrorKind::InvalidCountry => f.write_str("not an ISO 3166-1 alpha-2 country"),
            ErrorKind::InvalidAmount(p) => write!(f, "amount {}", p.describe()),
            ErrorKind::InvalidLanguage => f.write_str("language is not two letters"),
            ErrorKind::TipRule => f.write_str("tip or convenience fee objects inconsistent"),
            ErrorKind::AccountMismatch => f.write_str("the template holds another provider's code"),
            ErrorKind::BlankName => {
                f.write_str("merchant name of only blank or invisible characters")
            }
            ErrorKind::LengthUnitAmbiguous { unit } => write!(
                f,
                "a reader counting lengths in {unit} reads other objects from this payload"
            ),
            ErrorKind::RfuId => f.write_str("ID reserved for future use"),
            ErrorKind::Unencodable => f.write_str("value must be 1 to 99 characters"),
            ErrorKind::Profile(r) => write!(f, "{} ({})", r.summary(), r.id()),
        }
    }
}

/// A decoding or encoding error: its kind, the character offset and the data-object path.
///
/// Small and `Copy`; it never allocates.
///
/// # Examples
/// ```
/// use emvqr::Payload;
/// let text = "00020101021202164111111111111111520454115303840540512.005802US5904SHOP6003NYC6304E78F";
/// let err = Payload::parse(text).unwrap_err();
/// assert_eq!(err.code(), "crc_mismatch");
/// assert_eq!((err.offset(), err.path().to_string()), (81, "63".to_string()));
/// assert!(err.rule().is_none());
/// // `Display` gives a message for people; `code()` is the stable part.
/// assert!(!err.to_string().is_empty());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[error("{kind} at character {offset}{}", PathSuffix(*path))]
pub struct Error {
    kind: ErrorKind,
    offset: u32,
    path: Path,
}

struct PathSuffix(Path);

impl fmt::Display for PathSuffix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_root() {
            Ok(())
        } else {
            write!(f, " (data object {})", self.0)
        }
    }
}

impl Error {
    pub(crate) fn new(kind: ErrorKind, offset: usize, path: Path) -> Error {
        Error {
            kind,
            offset: u32::try_from(offset).unwrap_or(u32::MAX),
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

    /// Where: the offset in characters (Unicode scalar values) from the start of the payload.
    #[must_use]
    pub const fn offset(&self) -> usize {
        self.offset as usize
    }

    /// Which data object: `""` for the root, `"59"`, `"62.05"`.
    #[must_use]
    pub const fn path(&self) -> Path {
        self.path
    }

    /// The scheme-profile rule id (`"pix.key"`) of a [`ErrorKind::Profile`] error.
    #[must_use]
    pub fn rule(&self) -> Option<&'static str> {
        match self.kind {
            ErrorKind::Profile(r) => Some(r.id()),
            _ => None,
        }
    }
}

/// What a warning is about. Warnings are findings that do not make a payload invalid.
///
/// # Examples
/// ```
/// use emvqr::{Payload, WarningKind};
/// let text = "00020101021102164111111111111111520454115303840540512.005802US5904SHOP6003NYC63047964";
/// let p = Payload::parse(text)?;
/// assert_eq!(p.warnings()[0].kind(), WarningKind::StaticWithAmount);
/// # Ok::<(), emvqr::Error>(())
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WarningKind {
    /// An object with an ID reserved for future use (kept opaque).
    RfuId,
    /// A static code (PoI 11) carrying an amount.
    StaticWithAmount,
    /// A dynamic code (PoI 12) without an amount.
    DynamicWithoutAmount,
    /// More than 512 characters, the specification's recommended maximum.
    OverRecommendedSize,
    /// An invisible character (zero-width, soft hyphen, BOM) in a text value.
    InvisibleChar,
    /// A bidirectional control character in a text value.
    BidiControl,
    /// A text value other than the merchant name (city, postal code, the alternate-language
    /// name and city) that is only white space and invisible characters.
    BlankText,
    /// A name or city whose letters mix scripts as no single language writes them (Latin with
    /// Cyrillic or Greek, or two such scripts): the mark of look-alike letters (UTS #39,
    /// restriction levels).
    MixedScript,
    /// The currency is not legal tender in the country.
    CountryCurrencyMismatch,
    /// A GUID matched its scheme only after ASCII case folding.
    GuidCaseFolded,
    /// Non-ASCII text in a value the scheme allows it in.
    NonAscii,
    /// A template whose GUID (sub-ID 00) is not its first object.
    GuidNotFirst,
    /// A wallet's template holding a URL on a host none of the wallet's known code forms uses
    /// (an acquirer the registry does not know, or no code of the wallet at all).
    AccountUnverified,
    /// A soft convention of a scheme profile not followed (see
    /// [`Rule`](crate::profile::Rule)).
    Profile(crate::knowledge::profiles::Rule),
    /// A departure from EMVCo that a recognised scheme makes deliberately (see
    /// [`Severity::Departure`](crate::profile::Severity::Departure)): accepted, and named by its
    /// rule; an error under [`DecodeOptions::pedantic`](crate::DecodeOptions::pedantic).
    Departure(crate::knowledge::profiles::Rule),
    /// An error accepted as a warning: by a [`Leniency`](crate::Leniency), or by default for
    /// lower-case CRC digits (`crc_lowercase`).
    Relaxed(ErrorKind),
}

impl WarningKind {
    /// The stable snake_case code; a relaxed error keeps the error's code.
    #[must_use]
    pub const fn code(&self) -> &'static str {
        match self {
            WarningKind::RfuId => "rfu_id",
            WarningKind::StaticWithAmount => "static_with_amount",
            WarningKind::DynamicWithoutAmount => "dynamic_without_amount",
            WarningKind::OverRecommendedSize => "over_recommended_size",
            WarningKind::InvisibleChar => "invisible_char",
            WarningKind::BidiControl => "bidi_control",
            WarningKind::BlankText => "blank_text",
            WarningKind::MixedScript => "mixed_script",
            WarningKind::CountryCurrencyMismatch => "country_currency_mismatch",
            WarningKind::GuidCaseFolded => "guid_case_folded",
            WarningKind::NonAscii => "non_ascii",
            WarningKind::GuidNotFirst => "guid_not_first",
            WarningKind::AccountUnverified => "account_unverified",
            WarningKind::Profile(_) => "profile_rule",
            WarningKind::Departure(_) => "scheme_departure",
            WarningKind::Relaxed(k) => k.code(),
        }
    }
}

impl fmt::Display for WarningKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WarningKind::RfuId => f.write_str("ID reserved for future use"),
            WarningKind::StaticWithAmount => f.write_str("static code carries an amount"),
            WarningKind::DynamicWithoutAmount => f.write_str("dynamic code has no amount"),
            WarningKind::OverRecommendedSize => f.write_str("payload over 512 characters"),
            WarningKind::InvisibleChar => f.write_str("invisible character in text"),
            WarningKind::BidiControl => f.write_str("bidirectional control character in text"),
            WarningKind::BlankText => f.write_str("text of only blank or invisible characters"),
            WarningKind::MixedScript => {
                f.write_str("letters of scripts no single language mixes (look-alikes)")
            }
            WarningKind::CountryCurrencyMismatch => {
                f.write_str("currency is not legal tender in the country")
            }
            WarningKind::GuidCaseFolded => f.write_str("GUID matched after case folding"),
            WarningKind::NonAscii => f.write_str("non-ASCII text"),
            WarningKind::GuidNotFirst => f.write_str("GUID is not the template's first object"),
            WarningKind::AccountUnverified => f.write_str(
                "the wallet's template holds a URL of no form the wallet is known to use",
            ),
            WarningKind::Profile(r) => write!(f, "{} ({})", r.summary(), r.id()),
            WarningKind::Departure(r) => {
                write!(f, "departure from EMVCo: {} ({})", r.summary(), r.id())
            }
            WarningKind::Relaxed(ErrorKind::CrcLowercase) => {
                f.write_str("CRC written in lower-case hexadecimal")
            }
            WarningKind::Relaxed(k) => write!(f, "accepted leniently: {k}"),
        }
    }
}

/// A unit another reader counts lengths in.
///
/// # Examples
/// ```
/// use emvqr::LengthUnit;
/// assert_eq!(LengthUnit::ALL, [LengthUnit::Byte, LengthUnit::Utf16]);
/// assert_eq!(LengthUnit::Utf16.to_string(), "UTF-16 units");
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LengthUnit {
    /// UTF-8 bytes.
    Byte,
    /// UTF-16 code units (a character beyond U+FFFF counts two).
    Utf16,
}

impl LengthUnit {
    /// Every unit other than the character, in the order the decoder tries them.
    pub const ALL: [LengthUnit; 2] = [LengthUnit::Byte, LengthUnit::Utf16];

    /// The stable snake_case name (`byte`, `utf16`).
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            LengthUnit::Byte => "byte",
            LengthUnit::Utf16 => "utf16",
        }
    }
}

impl fmt::Display for LengthUnit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            LengthUnit::Byte => "bytes",
            LengthUnit::Utf16 => "UTF-16 units",
        })
    }
}

/// A non-fatal finding, with its character offset and path.
///
/// # Examples
/// ```
/// use emvqr::Payload;
/// let text = "00020101021102164111111111111111520454115303840540512.005802US5904SHOP6003NYC63047964";
/// let w = Payload::parse(text)?.warnings()[0];
/// assert_eq!((w.code(), w.path().to_string()), ("static_with_amount", "54".to_string()));
/// # Ok::<(), emvqr::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Warning {
    kind: WarningKind,
    offset: u32,
    path: Path,
}

impl Warning {
    /// What fills the unused slots of a warning list (never shown). Chosen so that, as laid out
    /// by the compiler, it is likely all zero bytes: an index full of them is then cleared by
    /// one fill rather than copied from a pattern.
    pub(crate) const PLACEHOLDER: Warning = Warning {
        kind: WarningKind::Relaxed(ErrorKind::TooLong),
        offset: 0,
        path: Path { root: 0, sub: 0 },
    };

    pub(crate) fn new(kind: WarningKind, offset: usize, path: Path) -> Warning {
        Warning {
            kind,
            offset: u32::try_from(offset).unwrap_or(u32::MAX),
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

    /// Character offset from the start of the payload.
    #[must_use]
    pub const fn offset(&self) -> usize {
        self.offset as usize
    }

    /// Data-object path.
    #[must_use]
    pub const fn path(&self) -> Path {
        self.path
    }

    /// The scheme-profile rule id of a profile warning or a scheme departure, or of a profile
    /// error relaxed by
    /// [`Leniency::ProfileRules`](crate::Leniency::ProfileRules).
    #[must_use]
    pub fn rule(&self) -> Option<&'static str> {
        match self.kind {
            WarningKind::Profile(r)
            | WarningKind::Departure(r)
            | WarningKind::Relaxed(ErrorKind::Profile(r)) => Some(r.id()),
            _ => None,
        }
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} at character {}{}",
            self.kind,
            self.offset,
            PathSuffix(self.path)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_display() {
        assert_eq!(Path::ROOT.to_string(), "");
        assert_eq!(Path::id(5).to_string(), "05");
        assert_eq!(Path::sub(62, 5).to_string(), "62.05");
        assert_eq!(Path::sub(62, 5).root_id(), Some(62));
        assert_eq!(Path::id(59).sub_id(), None);
    }

    #[test]
    fn error_message_says_what_and_where() {
        let e = Error::new(ErrorKind::DuplicateId, 88, Path::id(59));
        assert_eq!(e.code(), "duplicate_id");
        assert_eq!(
            e.to_string(),
            "ID appears twice at this level at character 88 (data object 59)"
        );
        let e = Error::new(
            ErrorKind::CrcMismatch {
                found: 0xA13B,
                computed: 0xA13A,
            },
            4,
            Path::id(63),
        );
        assert!(
            e.to_string()
                .starts_with("CRC says A13B, payload hashes to A13A")
        );
    }

    #[test]
    fn relaxed_warning_keeps_error_code() {
        let w = Warning::new(
            WarningKind::Relaxed(ErrorKind::CrcLowercase),
            3,
            Path::id(63),
        );
        assert_eq!(w.code(), "crc_lowercase");
    }

    #[test]
    fn error_is_small() {
        assert!(core::mem::size_of::<Error>() <= 16);
    }
}
