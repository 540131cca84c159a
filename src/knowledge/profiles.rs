//! The schemes whose rules go beyond EMVCo, and the ids of their rules: what a finding names.
//! Which identifiers imply a scheme is the knowledge table's ([`crate::scheme`]); the rules
//! themselves are applied by [`crate::profile`].

use core::fmt;

/// A scheme whose rules go beyond EMVCo. The [id](Profile::id) is the provider id shared with
/// the provider registry.
///
/// # Examples
/// ```
/// use emvqr::Profile;
/// assert_eq!(Profile::ALL.len(), 14);
/// assert_eq!(Profile::Pix.id(), "pix");
/// assert_eq!(Profile::from_id("vietqr"), Some(Profile::VietQr));
/// assert_eq!(Profile::from_id("nope"), None);
/// // Pix GUIDs compare in any ASCII case, in templates 26–51 only.
/// assert_eq!(Profile::for_guid(26, "BR.GOV.BCB.PIX"), Some(Profile::Pix));
/// assert_eq!(Profile::for_guid(62, "br.gov.bcb.pix"), None);
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Profile {
    /// Brazil's Pix (BR Code), GUID `br.gov.bcb.pix` in any ASCII case.
    Pix,
    /// Thailand's PromptPay credit transfer, `A000000677010111` or `A000000677010114`.
    PromptPay,
    /// Thai QR bill payment, `A000000677010112` (domestic) or `A000000677012006` (cross-border).
    ThaiBillPay,
    /// Singapore's PayNow, `SG.PAYNOW`.
    PayNow,
    /// The SGQR label, `SG.SGQR`.
    Sgqr,
    /// Malaysia's DuitNow, `A0000006150001`.
    DuitNow,
    /// Indonesia's QRIS, central repository `ID.CO.QRIS.WWW`.
    Qris,
    /// Vietnam's VietQR (NAPAS 247), `A000000727`.
    VietQr,
    /// Cambodia's KHQR (Bakong): template 29 or 30 whose sub-ID 00 is an account ID `name@bank`.
    Khqr,
    /// The Philippines' QR Ph, `com.p2pqrpay`, `ph.ppmi.p2m` or `ph.ppmi.p2micro`.
    QrPh,
    /// Hong Kong's Faster Payment System, `hk.com.hkicl` in any ASCII case.
    Fps,
    /// India's UPI / BharatQR, `A000000524`.
    Upi,
    /// Japan's JPQR, `jp.or.paymentsjapan`.
    Jpqr,
    /// Argentina's interoperable codes: in a code of country `AR`, a template whose sub-ID 00 is
    /// the merchant's CUIT (11 digits) rather than a GUID.
    Argentina,
}

impl Profile {
    /// Every profile, in the order their rules are checked.
    pub const ALL: [Profile; 14] = [
        Profile::Pix,
        Profile::PromptPay,
        Profile::ThaiBillPay,
        Profile::PayNow,
        Profile::Sgqr,
        Profile::DuitNow,
        Profile::Qris,
        Profile::VietQr,
        Profile::Khqr,
        Profile::QrPh,
        Profile::Fps,
        Profile::Upi,
        Profile::Jpqr,
        Profile::Argentina,
    ];

    /// The stable provider id (`"pix"`, `"thai-billpay"`, ...).
    #[must_use]
    pub const fn id(self) -> &'static str {
        match self {
            Profile::Pix => "pix",
            Profile::PromptPay => "promptpay",
            Profile::ThaiBillPay => "thai-billpay",
            Profile::PayNow => "paynow",
            Profile::Sgqr => "sgqr",
            Profile::DuitNow => "duitnow",
            Profile::Qris => "qris",
            Profile::VietQr => "vietqr",
            Profile::Khqr => "khqr",
            Profile::QrPh => "qrph",
            Profile::Fps => "fps",
            Profile::Upi => "upi",
            Profile::Jpqr => "jpqr",
            Profile::Argentina => "argentina",
        }
    }

    /// The scheme's name as its users know it.
    ///
    /// ```
    /// assert_eq!(emvqr::Profile::ThaiBillPay.name(), "Thai QR bill payment");
    /// ```
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Profile::Pix => "Pix",
            Profile::PromptPay => "PromptPay",
            Profile::ThaiBillPay => "Thai QR bill payment",
            Profile::PayNow => "PayNow",
            Profile::Sgqr => "SGQR",
            Profile::DuitNow => "DuitNow",
            Profile::Qris => "QRIS",
            Profile::VietQr => "VietQR",
            Profile::Khqr => "KHQR",
            Profile::QrPh => "QR Ph",
            Profile::Fps => "FPS",
            Profile::Upi => "UPI",
            Profile::Jpqr => "JPQR",
            Profile::Argentina => "Argentina's interoperable QR",
        }
    }

    /// What the scheme calls sub-ID `sub` of template `template`, where this crate knows it:
    /// `account` says that the template is the scheme's own merchant account template
    /// (recognised by its identifier, wherever it sits), whose sub-IDs a scheme names whatever
    /// the template's ID; other entries are for fixed template IDs (Pix's txid in 62, KHQR's
    /// times in 99).
    ///
    /// ```
    /// use emvqr::Profile;
    /// assert_eq!(Profile::Pix.field_name(26, true, 1), Some("Pix key"));
    /// assert_eq!(Profile::Pix.field_name(62, false, 5), Some("txid"));
    /// assert_eq!(Profile::Pix.field_name(62, false, 1), None);
    /// ```
    #[must_use]
    pub fn field_name(self, template: u8, account: bool, sub: u8) -> Option<&'static str> {
        FIELD_NAMES
            .iter()
            .find(|&&(p, at, s, _)| {
                p == self
                    && s == sub
                    && match at {
                        At::Account => account,
                        At::Id(id) => id == template,
                    }
            })
            .map(|&(.., name)| name)
    }

    /// Looks a profile up by its provider id.
    #[must_use]
    pub fn from_id(id: &str) -> Option<Profile> {
        Profile::ALL.into_iter().find(|p| p.id() == id)
    }

    /// The scheme's country (ISO 3166-1 alpha-2), as its codes write it in 58.
    ///
    /// ```
    /// assert_eq!(emvqr::Profile::Khqr.country(), "KH");
    /// ```
    #[must_use]
    pub const fn country(self) -> &'static str {
        match self {
            Profile::Pix => "BR",
            Profile::PromptPay | Profile::ThaiBillPay => "TH",
            Profile::PayNow | Profile::Sgqr => "SG",
            Profile::DuitNow => "MY",
            Profile::Qris => "ID",
            Profile::VietQr => "VN",
            Profile::Khqr => "KH",
            Profile::QrPh => "PH",
            Profile::Fps => "HK",
            Profile::Upi => "IN",
            Profile::Jpqr => "JP",
            Profile::Argentina => "AR",
        }
    }

    /// The currencies (ISO 4217 numeric, as written in 53) the scheme settles in; empty when
    /// the scheme sets none (the SGQR label; Thai cross-border bill payment is checked apart).
    ///
    /// Where a scheme settles in a currency that is not legal tender in its country (US dollars
    /// in Cambodia, renminbi in Hong Kong), the decoder raises no `country_currency_mismatch`.
    ///
    /// ```
    /// assert_eq!(emvqr::Profile::Khqr.currencies(), ["116", "840"]);
    /// ```
    #[must_use]
    pub const fn currencies(self) -> &'static [&'static str] {
        match self {
            Profile::Pix => &["986"],
            Profile::PromptPay | Profile::ThaiBillPay => &["764"],
            Profile::PayNow => &["702"],
            Profile::Sgqr => &[],
            Profile::DuitNow => &["458"],
            Profile::Qris => &["360"],
            Profile::VietQr => &["704"],
            Profile::Khqr => &["116", "840"],
            Profile::QrPh => &["608"],
            Profile::Fps => &["344", "156"],
            Profile::Upi => &["356"],
            Profile::Jpqr => &["392"],
            Profile::Argentina => &["032"],
        }
    }

    pub(crate) const fn bit(self) -> u16 {
        1 << (self as u16)
    }
}

impl fmt::Display for Profile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// Where a scheme's field name applies: its merchant account template, or a fixed template.
#[derive(Clone, Copy)]
enum At {
    Account,
    Id(u8),
}

/// The schemes' names of their sub-IDs, where they differ from EMVCo's generic ones (REFERENCE.md
/// §3.2 and the schemes' specifications it cites). Fixed templates come before the merchant
/// account template of the same scheme (QRIS's 51 before its domestic templates).
const FIELD_NAMES: &[(Profile, At, u8, &str)] = &[
    (Profile::Pix, At::Account, 1, "Pix key"),
    (Profile::Pix, At::Account, 2, "additional information"),
    (Profile::Pix, At::Account, 3, "payment facilitator (ISPB)"),
    (Profile::Pix, At::Account, 25, "location URL of the charge"),
    (Profile::Pix, At::Id(62), 5, "txid"),
    (
        Profile::PromptPay,
        At::Account,
        1,
        "PromptPay ID: mobile number",
    ),
    (
        Profile::PromptPay,
        At::Account,
        2,
        "PromptPay ID: national ID or tax ID",
    ),
    (
        Profile::PromptPay,
        At::Account,
        3,
        "PromptPay ID: e-wallet ID",
    ),
    (
        Profile::PromptPay,
        At::Account,
        4,
        "PromptPay ID: bank account",
    ),
    (Profile::PromptPay, At::Account, 5, "PromptPay ID: OTA"),
    (Profile::ThaiBillPay, At::Account, 1, "biller ID"),
    (Profile::ThaiBillPay, At::Account, 2, "reference 1"),
    (Profile::ThaiBillPay, At::Account, 3, "reference 2"),
    (
        Profile::PayNow,
        At::Account,
        1,
        "proxy type (0 mobile, 2 UEN)",
    ),
    (
        Profile::PayNow,
        At::Account,
        2,
        "proxy: mobile number or UEN",
    ),
    (
        Profile::PayNow,
        At::Account,
        3,
        "amount editable (1 yes, 0 no)",
    ),
    (Profile::PayNow, At::Account, 4, "expiry date"),
    (Profile::DuitNow, At::Account, 1, "acquirer ID"),
    (Profile::DuitNow, At::Account, 2, "merchant ID"),
    (Profile::Qris, At::Id(51), 2, "NMID (national merchant ID)"),
    (Profile::Qris, At::Id(51), 3, "merchant criteria"),
    (Profile::Qris, At::Account, 1, "merchant PAN"),
    (Profile::Qris, At::Account, 2, "merchant ID"),
    (Profile::Qris, At::Account, 3, "merchant criteria"),
    (
        Profile::VietQr,
        At::Account,
        1,
        "beneficiary: bank BIN (00) and account or card (01)",
    ),
    (
        Profile::VietQr,
        At::Account,
        2,
        "service code (QRIBFTTA account, QRIBFTTC card)",
    ),
    (Profile::Khqr, At::Id(29), 0, "Bakong account ID"),
    (Profile::Khqr, At::Id(30), 0, "Bakong account ID"),
    (Profile::Khqr, At::Id(30), 1, "merchant ID"),
    (Profile::Khqr, At::Id(30), 2, "acquiring bank"),
    (
        Profile::Khqr,
        At::Id(99),
        0,
        "creation time (ms since 1970)",
    ),
    (
        Profile::Khqr,
        At::Id(99),
        1,
        "expiration time (ms since 1970)",
    ),
    (Profile::Fps, At::Account, 1, "clearing code (bank)"),
    (Profile::Fps, At::Account, 2, "FPS ID"),
    (Profile::Fps, At::Account, 3, "mobile number"),
    (Profile::Fps, At::Account, 4, "e-mail address"),
    (Profile::Upi, At::Id(26), 1, "VPA"),
    (Profile::Upi, At::Id(26), 2, "minimum amount"),
    (Profile::Upi, At::Id(27), 1, "transaction reference"),
    (Profile::Upi, At::Id(28), 1, "Aadhaar number"),
];

/// A set of profiles.
///
/// # Examples
/// ```
/// use emvqr::profile::{Profile, ProfileSet};
/// const PIX: &str = "00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-4266554400005204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***63041D3D";
/// let set = emvqr::Payload::parse(PIX)?.profiles();
/// assert!(set.contains(Profile::Pix));
/// assert_eq!(set.iter().collect::<Vec<_>>(), [Profile::Pix]);
/// assert!(ProfileSet::EMPTY.is_empty());
/// assert!(ProfileSet::EMPTY.with(Profile::Upi).contains(Profile::Upi));
/// # Ok::<(), emvqr::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct ProfileSet(u16);

impl ProfileSet {
    /// The empty set.
    pub const EMPTY: ProfileSet = ProfileSet(0);

    /// Whether `p` is in the set.
    #[must_use]
    pub const fn contains(self, p: Profile) -> bool {
        self.0 & p.bit() != 0
    }

    /// The set with `p` added.
    #[must_use]
    pub const fn with(self, p: Profile) -> ProfileSet {
        ProfileSet(self.0 | p.bit())
    }

    /// True when no profile is in the set.
    #[must_use]
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The profiles in the set, in [`Profile::ALL`] order (the order of their bits).
    pub fn iter(self) -> impl Iterator<Item = Profile> {
        let mut left = self.0;
        core::iter::from_fn(move || {
            let at = left.trailing_zeros();
            left &= left.wrapping_sub(1);
            Profile::ALL.get(usize::try_from(at).ok()?).copied()
        })
    }
}

/// The profiles' ids joined by `+`, in [`Profile::ALL`] order (`sgqr+paynow` would be
/// `paynow+sgqr`); empty for the empty set. This is the `scheme` of `emvqr decode --json`.
///
/// ```
/// use emvqr::{Profile, profile::ProfileSet};
/// let set = ProfileSet::EMPTY.with(Profile::Sgqr).with(Profile::PayNow);
/// assert_eq!(set.to_string(), "paynow+sgqr");
/// ```
impl core::fmt::Display for ProfileSet {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        for (i, p) in self.iter().enumerate() {
            if i > 0 {
                f.write_str("+")?;
            }
            f.write_str(p.id())?;
        }
        Ok(())
    }
}

/// How a broken rule is reported.
///
/// # Examples
/// ```
/// use emvqr::profile::Severity;
/// use emvqr::Rule;
/// assert_eq!(Rule::from_id("pix.key").map(Rule::severity), Some(Severity::Error));
/// assert_eq!(Rule::from_id("pix.mcc").map(Rule::severity), Some(Severity::Warning));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Severity {
    /// The code cannot be paid in its scheme: an error when decoding strictly.
    Error,
    /// A soft convention: always a warning.
    Warning,
    /// A departure from EMVCo that the scheme makes deliberately and widely: accepted with the
    /// warning `scheme_departure` naming it, an error under
    /// [`DecodeOptions::pedantic`](crate::DecodeOptions::pedantic) (which reports the EMVCo rule
    /// it departs from).
    Departure,
}

/// One rule of a profile: an index into the static rule table. Small and `Copy`.
///
/// # Examples
/// ```
/// use emvqr::{Profile, Rule};
/// let rule = Rule::from_id("pix.txid").unwrap();
/// assert_eq!(rule.id(), "pix.txid");
/// assert_eq!(rule.profile(), Profile::Pix);
/// assert!(!rule.summary().is_empty());
/// assert_eq!(Rule::account_of(Profile::Pix).id(), "pix.account");
/// assert!(Rule::all().any(|r| r.profile() == Profile::PromptPay));
/// assert_eq!(Rule::from_id("pix.nope"), None);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Rule(u16);

struct RuleInfo {
    id: &'static str,
    profile: Profile,
    severity: Severity,
    summary: &'static str,
}

macro_rules! rules {
    ($( $(#[$m:meta])* $name:ident: $profile:ident, $sev:ident, $id:literal, $summary:literal; )*) => {
        #[allow(non_camel_case_types, clippy::upper_case_acronyms)]
        #[repr(u16)]
        enum Ix { $( $name, )* }

        impl Rule {
            $(
                #[doc = concat!("`", $id, "`: ", $summary, ".")]
                pub const $name: Rule = Rule(Ix::$name as u16);
            )*
        }

        static RULES: &[RuleInfo] = &[
            $( RuleInfo {
                id: $id,
                profile: Profile::$profile,
                severity: Severity::$sev,
                summary: $summary,
            }, )*
        ];
    };
}

rules! {
    PIX_ACCOUNT: Pix, Error, "pix.account", "no Pix merchant account template";
    PIX_KEY_OR_URL: Pix, Error, "pix.key_or_url", "neither a Pix key (01) nor a location URL (25)";
    PIX_KEY_AND_URL: Pix, Error, "pix.key_and_url", "both a Pix key (01) and a location URL (25)";
    PIX_KEY: Pix, Error, "pix.key", "Pix key is not an e-mail, +55 phone, CPF, CNPJ or random key";
    PIX_KEY_CHECK_DIGITS: Pix, Error, "pix.key_check_digits", "CPF or CNPJ key with wrong check digits";
    PIX_URL: Pix, Error, "pix.url", "location URL is not host[/path] without scheme, user, port or escapes";
    PIX_URL_PUNYCODE: Pix, Warning, "pix.url_punycode", "location URL host has an IDN (xn--) label";
    PIX_FSS: Pix, Error, "pix.fss", "facilitator ISPB (03) is not 8 digits";
    PIX_TXID_MISSING: Pix, Error, "pix.txid_missing", "no transaction id (62.05)";
    PIX_TXID: Pix, Error, "pix.txid", "static txid is neither *** nor 1-25 ASCII letters and digits";
    PIX_TXID_DYNAMIC: Pix, Warning, "pix.txid_dynamic", "dynamic code with a txid other than ***";
    PIX_CURRENCY: Pix, Error, "pix.currency", "currency is not 986 (BRL)";
    PIX_COUNTRY: Pix, Warning, "pix.country", "country is not BR";
    PIX_MCC: Pix, Warning, "pix.mcc", "merchant category code is not 0000";

    PROMPTPAY_ACCOUNT: PromptPay, Error, "promptpay.account", "no PromptPay merchant account template";
    PROMPTPAY_PROXY_MISSING: PromptPay, Error, "promptpay.proxy_missing", "no proxy (01-05)";
    PROMPTPAY_PROXY_AMBIGUOUS: PromptPay, Error, "promptpay.proxy_ambiguous", "more than one proxy (01-05)";
    PROMPTPAY_MOBILE: PromptPay, Error, "promptpay.mobile", "mobile proxy is not 0066 plus 9 digits";
    PROMPTPAY_TAX_ID: PromptPay, Error, "promptpay.tax_id", "national or tax ID proxy is not 13 digits";
    PROMPTPAY_EWALLET: PromptPay, Error, "promptpay.ewallet", "e-wallet proxy is not 15 digits";
    PROMPTPAY_BANK_ACCOUNT: PromptPay, Error, "promptpay.bank_account", "bank account proxy is not 1-43 digits";
    PROMPTPAY_OTA: PromptPay, Error, "promptpay.ota", "OTA proxy is not 10 ASCII letters or digits";
    PROMPTPAY_CURRENCY: PromptPay, Error, "promptpay.currency", "currency is not 764 (THB)";
    PROMPTPAY_COUNTRY: PromptPay, Warning, "promptpay.country", "country is not TH";
    PROMPTPAY_FIELDS_ABSENT: PromptPay, Departure, "promptpay.fields_absent", "merchant category code, name or city (52, 59, 60) absent, which PromptPay allows";

    THAI_BILLPAY_ACCOUNT: ThaiBillPay, Error, "thai-billpay.account", "no Thai bill payment template";
    THAI_BILLPAY_BILLER_ID: ThaiBillPay, Error, "thai-billpay.biller_id", "biller ID (01) missing or not 13 or 15 digits";
    THAI_BILLPAY_REFERENCE1: ThaiBillPay, Error, "thai-billpay.reference1", "reference 1 (02) missing or over 20 characters";
    THAI_BILLPAY_REFERENCE2: ThaiBillPay, Error, "thai-billpay.reference2", "reference 2 (03) over 20 characters";
    THAI_BILLPAY_REFERENCE_CHARSET: ThaiBillPay, Warning, "thai-billpay.reference_charset", "reference not upper-case ASCII letters and digits";
    THAI_BILLPAY_CURRENCY: ThaiBillPay, Error, "thai-billpay.currency", "domestic bill payment currency is not 764 (THB)";
    THAI_BILLPAY_COUNTRY: ThaiBillPay, Warning, "thai-billpay.country", "country is not TH";
    THAI_BILLPAY_FIELDS_ABSENT: ThaiBillPay, Departure, "thai-billpay.fields_absent", "merchant category code, name or city (52, 59, 60) absent, which Thai bill payment allows";

    PAYNOW_ACCOUNT: PayNow, Error, "paynow.account", "no PayNow merchant account template";
    PAYNOW_PROXY_TYPE: PayNow, Error, "paynow.proxy_type", "proxy type (01) missing or not 0 (mobile) or 2 (UEN)";
    PAYNOW_PROXY_VALUE: PayNow, Error, "paynow.proxy_value", "proxy value (02) missing, or not +65 plus 8 digits (mobile) or 1-13 ASCII letters and digits (UEN)";
    PAYNOW_EDITABLE: PayNow, Error, "paynow.editable", "amount-editable flag (03) is not 0 or 1";
    PAYNOW_EXPIRY: PayNow, Error, "paynow.expiry", "expiry (04) is not a date YYYYMMDD or YYYYMMDDhhmmss";
    PAYNOW_EXPIRY_DATETIME: PayNow, Warning, "paynow.expiry_datetime", "expiry in 14 digits instead of YYYYMMDD";
    PAYNOW_CURRENCY: PayNow, Error, "paynow.currency", "currency is not 702 (SGD)";
    PAYNOW_COUNTRY: PayNow, Warning, "paynow.country", "country is not SG";

    SGQR_ACCOUNT: Sgqr, Error, "sgqr.account", "no SGQR template";
    SGQR_TEMPLATE_ID: Sgqr, Error, "sgqr.template_id", "SGQR template is not at ID 51";
    SGQR_ID: Sgqr, Error, "sgqr.id", "SGQR ID number (01) missing";
    SGQR_POSTAL_CODE: Sgqr, Error, "sgqr.postal_code", "postal code (03) is not 6 digits";
    SGQR_DATE: Sgqr, Error, "sgqr.date", "revision date (07) is not a date YYYYMMDD";
    SGQR_COUNTRY: Sgqr, Warning, "sgqr.country", "country is not SG";

    DUITNOW_ACCOUNT: DuitNow, Error, "duitnow.account", "no DuitNow merchant account template";
    DUITNOW_ACQUIRER: DuitNow, Error, "duitnow.acquirer", "acquirer ID (01) missing or not 6 digits";
    DUITNOW_MERCHANT_ID: DuitNow, Error, "duitnow.merchant_id", "merchant or QR ID (02) missing or over 28 characters";
    DUITNOW_CURRENCY: DuitNow, Error, "duitnow.currency", "currency is not 458 (MYR)";
    DUITNOW_COUNTRY: DuitNow, Warning, "duitnow.country", "country is not MY";
    DUITNOW_PFI_02: DuitNow, Departure, "duitnow.pfi_02", "payload format indicator 02, which DuitNow producers write";
    DUITNOW_PRIMITIVE_82: DuitNow, Departure, "duitnow.primitive_82", "unreserved ID 82 holding a primitive value (DuitNow's integrity digest), not a template";

    QRIS_ACCOUNT: Qris, Error, "qris.account", "no QRIS central repository template";
    QRIS_TEMPLATE_ID: Qris, Error, "qris.template_id", "QRIS central repository template is not at ID 51";
    QRIS_NMID: Qris, Error, "qris.nmid", "NMID (51.02) missing or not ID plus 13 digits";
    QRIS_CENTRAL_REPOSITORY: Qris, Error, "qris.central_repository", "static code without the central repository template (51)";
    QRIS_CRITERIA: Qris, Error, "qris.criteria", "merchant criteria (03) not UMI, UKE, UME, UBE, URE, PSO or BLU";
    QRIS_CRITERIA_MISSING: Qris, Warning, "qris.criteria_missing", "merchant criteria (51.03) absent";
    QRIS_MERCHANT_PAN: Qris, Error, "qris.merchant_pan", "merchant PAN (01) of a domestic template is not 1-19 digits";
    QRIS_CURRENCY: Qris, Error, "qris.currency", "currency is not 360 (IDR)";
    QRIS_COUNTRY: Qris, Warning, "qris.country", "country is not ID";

    VIETQR_ACCOUNT: VietQr, Error, "vietqr.account", "no VietQR merchant account template";
    VIETQR_BENEFICIARY: VietQr, Error, "vietqr.beneficiary", "beneficiary organisation (01) missing or not a well-formed template";
    VIETQR_BIN: VietQr, Error, "vietqr.bin", "acquirer BIN (01.00) missing or not 6 digits";
    VIETQR_CONSUMER: VietQr, Error, "vietqr.consumer", "account or card number (01.01) missing or not 1-19 ASCII letters and digits";
    VIETQR_SERVICE_CODE: VietQr, Warning, "vietqr.service_code", "service code (02) missing or not QRIBFTTA, QRIBFTTC, QRPUSH or QRCASH";
    VIETQR_CURRENCY: VietQr, Error, "vietqr.currency", "currency is not 704 (VND)";
    VIETQR_COUNTRY: VietQr, Warning, "vietqr.country", "country is not VN";
    VIETQR_FIELDS_ABSENT: VietQr, Departure, "vietqr.fields_absent", "merchant category code, name or city (52, 59, 60) absent, which VietQR allows";

    KHQR_ACCOUNT: Khqr, Error, "khqr.account", "no KHQR merchant account template (29 or 30)";
    KHQR_ACCOUNT_ID: Khqr, Error, "khqr.account_id", "Bakong account ID is not name@bank";
    KHQR_NON_BMP: Khqr, Error, "khqr.non_bmp", "a character beyond the Basic Multilingual Plane, whose length the Bakong SDKs count in UTF-16 units: the code reads differently there";
    KHQR_ACCOUNT_LENGTH: Khqr, Error, "khqr.account_length", "account ID, account information, merchant ID or acquiring bank (29/30 sub-IDs 00-02) over 32 characters";
    KHQR_MERCHANT_ID: Khqr, Error, "khqr.merchant_id", "merchant template (30) without merchant ID (01)";
    KHQR_ACQUIRING_BANK: Khqr, Error, "khqr.acquiring_bank", "merchant template (30) without acquiring bank (02)";
    KHQR_CURRENCY: Khqr, Error, "khqr.currency", "currency is not 116 (KHR) or 840 (USD)";
    KHQR_AMOUNT_KHR: Khqr, Error, "khqr.amount_khr", "KHR amount with a fraction";
    KHQR_AMOUNT_MISSING: Khqr, Error, "khqr.amount_missing", "dynamic code (01 = 12) without an amount (54)";
    KHQR_UNIONPAY_USD: Khqr, Error, "khqr.unionpay_usd", "UnionPay account (15) in a USD code";
    KHQR_TIMESTAMP_MISSING: Khqr, Error, "khqr.timestamp_missing", "dynamic code without creation timestamp (99.00)";
    KHQR_TIMESTAMP: Khqr, Error, "khqr.timestamp", "timestamp of a dynamic code (99.00, 99.01) is not 13 digits of milliseconds";
    KHQR_EXPIRY_MISSING: Khqr, Error, "khqr.expiry_missing", "dynamic code without expiration timestamp (99.01)";
    KHQR_EXPIRY_ORDER: Khqr, Error, "khqr.expiry_order", "expiration (99.01) of a dynamic code not after creation (99.00)";
    KHQR_COUNTRY: Khqr, Warning, "khqr.country", "country is not KH";
    KHQR_ACCOUNT_ID_GUID: Khqr, Departure, "khqr.account_id_guid", "Bakong account ID in place of a GUID (29/30.00)";
    KHQR_TIMESTAMPS_GUID: Khqr, Departure, "khqr.timestamps_guid", "timestamp template (99) without a GUID";

    QRPH_ACCOUNT: QrPh, Error, "qrph.account", "no QR Ph merchant account template";
    QRPH_BIC: QrPh, Error, "qrph.bic", "receiving institution BIC (01) missing or malformed";
    QRPH_NETWORK_CODE: QrPh, Error, "qrph.network_code", "P2P network code (02) is not 8 digits";
    QRPH_MERCHANT_ID: QrPh, Error, "qrph.merchant_id", "P2M template without merchant ID (03)";
    QRPH_CURRENCY: QrPh, Error, "qrph.currency", "currency is not 608 (PHP)";
    QRPH_COUNTRY: QrPh, Warning, "qrph.country", "country is not PH";

    FPS_ACCOUNT: Fps, Error, "fps.account", "no FPS merchant account template";
    FPS_CLEARING_CODE: Fps, Error, "fps.clearing_code", "participant clearing code (01) is not 3 digits";
    FPS_PROXY_MISSING: Fps, Error, "fps.proxy_missing", "none of FPS ID (02), mobile (03) or e-mail (04)";
    FPS_PROXY_AMBIGUOUS: Fps, Error, "fps.proxy_ambiguous", "more than one of FPS ID (02), mobile (03), e-mail (04)";
    FPS_ID: Fps, Error, "fps.fps_id", "FPS ID (02) is not 7-9 digits";
    FPS_MOBILE: Fps, Error, "fps.mobile", "mobile (03) is not +852- plus 8 digits";
    FPS_EMAIL: Fps, Error, "fps.email", "e-mail (04) is not an e-mail address";
    FPS_CURRENCY: Fps, Error, "fps.currency", "currency is not 344 (HKD) or 156 (CNY)";
    FPS_PLACEHOLDER: Fps, Warning, "fps.placeholder", "merchant name or city is the placeholder NA";
    FPS_COUNTRY: Fps, Warning, "fps.country", "country is not HK";

    UPI_ACCOUNT: Upi, Error, "upi.account", "no UPI merchant account template";
    UPI_VPA: Upi, Error, "upi.vpa", "VPA (26.01) missing or not handle@psp";
    UPI_MINIMUM_AMOUNT: Upi, Error, "upi.minimum_amount", "minimum amount (26.02) is not digits with at most 2 decimals";
    UPI_REFERENCE: Upi, Error, "upi.reference", "transaction reference (27.01) missing or not 4-35 characters";
    UPI_AADHAAR: Upi, Error, "upi.aadhaar", "Aadhaar number (28.01) missing or not 12 digits";
    UPI_CURRENCY: Upi, Error, "upi.currency", "currency is not 356 (INR)";
    UPI_COUNTRY: Upi, Warning, "upi.country", "country is not IN";
    UPI_POSTAL_CODE: Upi, Warning, "upi.postal_code", "no postal code (61)";

    JPQR_ACCOUNT: Jpqr, Error, "jpqr.account", "no JPQR merchant account template";
    JPQR_MERCHANT_ID: Jpqr, Error, "jpqr.merchant_id", "unified merchant ID levels (01 13 digits, 02 4, 03 and 04 6) missing or malformed";
    JPQR_CURRENCY: Jpqr, Error, "jpqr.currency", "currency is not 392 (JPY)";
    JPQR_COUNTRY: Jpqr, Warning, "jpqr.country", "country is not JP";

    ARGENTINA_ACCOUNT: Argentina, Error, "argentina.account", "no merchant account template of an Argentine code";
    ARGENTINA_CUIT: Argentina, Error, "argentina.cuit", "CUIT (a template's 00, or its 01 after a 00 of CUIT) not 11 digits with a valid check digit";
    ARGENTINA_CURRENCY: Argentina, Error, "argentina.currency", "currency is not 032 (ARS)";
    ARGENTINA_IDENTIFIER: Argentina, Departure, "argentina.identifier", "template sub-ID 00 that is not a GUID (a CUIT, or a label such as CUIT or INFOTX), as Argentine producers write it";
}

impl Rule {
    fn info(self) -> Option<&'static RuleInfo> {
        RULES.get(usize::from(self.0))
    }

    /// The stable rule id, `"<profile>.<rule>"` (`"pix.key"`).
    #[must_use]
    pub fn id(self) -> &'static str {
        self.info().map_or("", |i| i.id)
    }

    /// The profile the rule belongs to.
    #[must_use]
    pub fn profile(self) -> Profile {
        self.info().map_or(Profile::Pix, |i| i.profile)
    }

    /// Whether a violation is an error or a warning.
    #[must_use]
    pub fn severity(self) -> Severity {
        self.info().map_or(Severity::Error, |i| i.severity)
    }

    /// One line saying what the rule forbids.
    #[must_use]
    pub fn summary(self) -> &'static str {
        self.info().map_or("", |i| i.summary)
    }

    /// Every rule, in table order (grouped by profile).
    pub fn all() -> impl Iterator<Item = Rule> {
        (0..RULES.len()).filter_map(|i| u16::try_from(i).ok().map(Rule))
    }

    /// Looks a rule up by its id.
    #[must_use]
    pub fn from_id(id: &str) -> Option<Rule> {
        Rule::all().find(|r| r.id() == id)
    }

    /// The rule the builder reports when a payload built for `profile` has no template of it.
    #[must_use]
    pub const fn account_of(profile: Profile) -> Rule {
        match profile {
            Profile::Pix => Rule::PIX_ACCOUNT,
            Profile::PromptPay => Rule::PROMPTPAY_ACCOUNT,
            Profile::ThaiBillPay => Rule::THAI_BILLPAY_ACCOUNT,
            Profile::PayNow => Rule::PAYNOW_ACCOUNT,
            Profile::Sgqr => Rule::SGQR_ACCOUNT,
            Profile::DuitNow => Rule::DUITNOW_ACCOUNT,
            Profile::Qris => Rule::QRIS_ACCOUNT,
            Profile::VietQr => Rule::VIETQR_ACCOUNT,
            Profile::Khqr => Rule::KHQR_ACCOUNT,
            Profile::QrPh => Rule::QRPH_ACCOUNT,
            Profile::Fps => Rule::FPS_ACCOUNT,
            Profile::Upi => Rule::UPI_ACCOUNT,
            Profile::Jpqr => Rule::JPQR_ACCOUNT,
            Profile::Argentina => Rule::ARGENTINA_ACCOUNT,
        }
    }
}

impl fmt::Debug for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Rule(\"{}\")", self.id())
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profiles_and_rules_print_their_ids() {
        extern crate alloc;
        use alloc::format;
        assert_eq!(format!("{}", Profile::Pix), "pix");
        assert_eq!(
            format!("{}", Rule::account_of(Profile::Pix)),
            Rule::account_of(Profile::Pix).id()
        );
        let rule = Rule::account_of(Profile::Upi);
        assert_eq!(format!("{rule:?}"), format!("Rule(\"{}\")", rule.id()));
    }

    #[test]
    fn a_profile_set_is_empty_until_one_is_added() {
        assert!(ProfileSet::EMPTY.is_empty());
        assert!(ProfileSet::default().is_empty());
        let one = ProfileSet::EMPTY.with(Profile::Khqr);
        assert!(!one.is_empty());
        assert!(one.contains(Profile::Khqr) && !one.contains(Profile::Pix));
        assert!(one.iter().eq([Profile::Khqr]));
    }

    #[test]
    fn table_is_consistent() {
        let mut n = 0usize;
        for (i, r) in Rule::all().enumerate() {
            assert_eq!(usize::from(r.0), i);
            assert_eq!(Rule::from_id(r.id()), Some(r), "{}", r.id());
            let (prefix, name) = r.id().split_once('.').unwrap();
            assert_eq!(prefix, r.profile().id());
            assert!(
                name.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'),
                "{}",
                r.id()
            );
            assert!(!r.summary().is_empty());
            n += 1;
        }
        assert_eq!(n, RULES.len());
        for p in Profile::ALL {
            assert_eq!(Profile::from_id(p.id()), Some(p));
            assert_eq!(Rule::account_of(p).profile(), p);
            assert_eq!(Rule::account_of(p).severity(), Severity::Error);
        }
        assert_eq!(Profile::from_id("nope"), None);
    }

    #[test]
    fn a_set_lists_its_profiles_in_order() {
        let set = ProfileSet::EMPTY
            .with(Profile::Jpqr)
            .with(Profile::Pix)
            .with(Profile::Khqr);
        let listed: Vec<Profile> = set.iter().collect();
        assert_eq!(listed, [Profile::Pix, Profile::Khqr, Profile::Jpqr]);
        let all = Profile::ALL
            .into_iter()
            .fold(ProfileSet::EMPTY, ProfileSet::with);
        assert!(all.iter().eq(Profile::ALL));
        assert_eq!(ProfileSet::EMPTY.iter().count(), 0);
    }
}
