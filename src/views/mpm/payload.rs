//! The validated, borrowed view of a merchant-presented payload and its accessors.

use core::fmt;

use super::index::{ACCOUNT_IDS, Index, Span, is_template, length_before};
use crate::knowledge::scheme::{self, Recognised};
use crate::wire::error::{Path, Warning};
use crate::wire::tlv::{Tlv, TlvIter};

/// A merchant-presented payload, validated, borrowing the input.
///
/// # Examples
/// ```
/// let text = "00020101021229300012D156000000000510A93FO3230Q31280012D15600000001030812345678520441115802CN5914BEST TRANSPORT6007BEIJING64200002ZH0104最佳运输0202北京540523.7253031565502016233030412340603***0708A60086670902ME91320016A0112233449988770708123456786304A13A";
/// let p = emvqr::Payload::parse(text)?;
/// assert_eq!(p.merchant_name(), Some("BEST TRANSPORT"));
/// assert_eq!(p.amount().map(|a| a.as_str()), Some("23.72"));
/// assert_eq!(p.language().and_then(|l| l.merchant_name()), Some("最佳运输"));
/// # Ok::<(), emvqr::Error>(())
/// ```
///
/// Every accessor, on the EMVCo Annex B example:
/// ```
/// use emvqr::{Initiation, Payload, Tip};
/// const ANNEX_B: &str = "00020101021229300012D156000000000510A93FO3230Q31280012D15600000001030812345678520441115802CN5914BEST TRANSPORT6007BEIJING64200002ZH0104最佳运输0202北京540523.7253031565502016233030412340603***0708A60086670902ME91320016A0112233449988770708123456786304A13A";
/// let p = Payload::parse(ANNEX_B)?;
/// assert_eq!(p.as_str(), ANNEX_B);
/// assert_eq!(p.format_indicator(), "01");
/// assert_eq!(p.initiation(), Some(Initiation::Dynamic));
/// assert_eq!(p.merchant_accounts().map(|a| a.id()).collect::<Vec<_>>(), [29, 31]);
/// assert_eq!(p.merchant_category_code(), Some("4111"));
/// assert_eq!((p.currency_code(), p.currency().map(|c| c.alpha())), ("156", Some("CNY")));
/// assert_eq!(p.tip(), Some(Tip::Prompt));
/// assert_eq!((p.country(), p.merchant_city(), p.postal_code()), ("CN", Some("BEIJING"), None));
/// assert_eq!(p.get(59), Some("BEST TRANSPORT"));
/// assert_eq!(p.objects().next().map(|o| o.id), Some(0));
/// assert_eq!(p.additional_data().and_then(|t| t.get(3)), Some("1234"));
/// assert_eq!(p.template(29).and_then(|t| t.guid()), Some("D15600000000"));
/// assert_eq!(p.unreserved_templates().map(|t| t.id()).collect::<Vec<_>>(), [91]);
/// assert_eq!(p.rfu_objects().count(), 0);
/// assert_eq!(p.crc(), "A13A");
/// assert!(p.warnings().is_empty() && p.warnings_dropped() == 0);
/// # #[cfg(feature = "alloc")] {
/// let owned = p.to_owned_payload();
/// assert_eq!(owned.as_payload(), p);
/// # }
/// # Ok::<(), emvqr::Error>(())
/// ```
#[derive(Clone, Copy)]
pub struct Payload<'a> {
    pub(crate) text: &'a str,
    pub(crate) ix: Index,
}

impl<'a> Payload<'a> {
    /// The whole payload text.
    #[must_use]
    pub const fn as_str(&self) -> &'a str {
        self.text
    }

    /// The root IDs present, as a bit set.
    pub(crate) const fn present(&self) -> u128 {
        self.ix.present
    }

    /// The payload is ASCII: character offsets are byte offsets.
    pub(crate) const fn is_ascii(&self) -> bool {
        self.ix.ascii
    }

    /// Adds warnings found after validation (those beyond the room are counted as dropped).
    pub(crate) fn push_warnings(&mut self, warnings: &[Warning]) {
        warnings.iter().for_each(|w| self.ix.push_warning(*w));
    }

    /// The scheme profiles recognised by the validation.
    pub(crate) const fn recognised(&self) -> &Recognised {
        &self.ix.recognised
    }

    /// The index, taken out of the payload.
    #[cfg(feature = "alloc")]
    pub(crate) const fn into_index(self) -> Index {
        self.ix
    }

    pub(crate) fn span_str(text: &'a str, s: Span) -> &'a str {
        text.get(usize::from(s.start)..usize::from(s.end))
            .unwrap_or("")
    }

    /// The value of a root object, if present.
    #[must_use]
    pub fn get(&self, id: u8) -> Option<&'a str> {
        if id > 99 || self.ix.present & (1u128 << id) == 0 {
            return None;
        }
        Some(Self::span_str(self.text, self.ix.span(self.text, id)))
    }

    /// Whether root object `id` is present with a value equal to the ASCII text `literal`:
    /// the bytes after its header against the literal, with no span worked out (a value
    /// holding more than ASCII is longer in bytes than its length in characters, so it never
    /// equals an ASCII literal of that length).
    #[inline(always)]
    pub(crate) fn value_is(&self, id: u8, literal: &[u8]) -> bool {
        if id > 99 || self.ix.present & (1u128 << id) == 0 {
            return false;
        }
        let at = usize::from(self.ix.starts.get(usize::from(id)).copied().unwrap_or(0));
        let bytes = self.text.as_bytes();
        // Compared byte by byte: the values are short, and a slice compare is a library call.
        length_before(bytes, at) == Some(literal.len())
            && bytes
                .get(at..at.saturating_add(literal.len()))
                .is_some_and(|v| v.iter().zip(literal).all(|(x, y)| x == y))
    }

    /// Every root object in payload order (63 included).
    pub fn objects(&self) -> impl Iterator<Item = DataObject<'a>> + '_ {
        let text = self.text;
        self.ix.in_order(text).map(move |(id, span)| DataObject {
            id,
            value: Self::span_str(text, span),
            offset: self.ix.object_offset(text, span),
        })
    }

    /// The Payload Format Indicator (00), normally `"01"`.
    #[must_use]
    pub fn format_indicator(&self) -> &'a str {
        self.get(0).unwrap_or("")
    }

    /// Point of Initiation Method (01): static or dynamic, when present.
    #[must_use]
    pub fn initiation(&self) -> Option<Initiation> {
        match self.get(1)? {
            "11" => Some(Initiation::Static),
            "12" => Some(Initiation::Dynamic),
            _ => None,
        }
    }

    /// The merchant accounts (02–51), in payload order.
    pub fn merchant_accounts(&self) -> impl Iterator<Item = MerchantAccount<'a>> + '_ {
        let text = self.text;
        // The walk of the headers stops after the last account present (they usually come
        // first). Only the accounts' objects are located (their offsets cost a count when not
        // ASCII).
        let mut walk = self.ix.in_order(text);
        let mut left = self.ix.present & ACCOUNT_IDS;
        core::iter::from_fn(move || {
            while left != 0 {
                let (id, span) = walk.next()?;
                if matches!(id, 2..=51) {
                    left &= !(1u128 << id);
                    return Some((id, span));
                }
            }
            None
        })
        .map(move |(id, span)| {
            let value = Self::span_str(text, span);
            match id {
                2..=25 => MerchantAccount::Primitive {
                    id,
                    network: Network::for_id(id),
                    value,
                },
                _ => MerchantAccount::Template(Template::new(DataObject {
                    id,
                    value,
                    offset: self.ix.object_offset(text, span),
                })),
            }
        })
    }

    /// Merchant Category Code (52). Absent only where a recognised scheme allows it.
    #[must_use]
    pub fn merchant_category_code(&self) -> Option<&'a str> {
        self.get(52)
    }

    /// Transaction currency (53), ISO 4217 numeric text such as `"986"`.
    #[must_use]
    pub fn currency_code(&self) -> &'a str {
        self.get(53).unwrap_or("")
    }

    /// The transaction currency looked up in ISO 4217.
    #[must_use]
    pub fn currency(&self) -> Option<crate::knowledge::iso::Currency> {
        crate::knowledge::iso::currency(self.currency_code())
    }

    /// Transaction amount (54).
    #[must_use]
    pub fn amount(&self) -> Option<Amount<'a>> {
        self.get(54).map(Amount)
    }

    /// Tip or convenience fee (55, 56, 57).
    #[must_use]
    pub fn tip(&self) -> Option<Tip<'a>> {
        match self.get(55)? {
            "01" => Some(Tip::Prompt),
            "02" => Some(Tip::Fixed(Amount(self.get(56)?))),
            "03" => Some(Tip::Percentage(self.get(57)?)),
            _ => None,
        }
    }

    /// Country code (58), ISO 3166-1 alpha-2.
    #[must_use]
    pub fn country(&self) -> &'a str {
        self.get(58).unwrap_or("")
    }

    /// Merchant name (59).
    #[must_use]
    pub fn merchant_name(&self) -> Option<&'a str> {
        self.get(59)
    }

    /// Merchant city (60).
    #[must_use]
    pub fn merchant_city(&self) -> Option<&'a str> {
        self.get(60)
    }

    /// Postal code (61).
    #[must_use]
    pub fn postal_code(&self) -> Option<&'a str> {
        self.get(61)
    }

    /// Additional data field template (62).
    #[must_use]
    pub fn additional_data(&self) -> Option<Template<'a>> {
        self.template(62)
    }

    /// Merchant information in an alternate language (64).
    #[must_use]
    pub fn language(&self) -> Option<LanguageTemplate<'a>> {
        self.template(64).map(LanguageTemplate)
    }

    /// Unreserved templates (80–99), in payload order.
    pub fn unreserved_templates(&self) -> impl Iterator<Item = Template<'a>> + '_ {
        self.objects()
            .filter(|o| matches!(o.id, 80..=99) && o.id != self.ix.opaque)
            .map(Template::new)
    }

    /// Objects with IDs reserved for future use (65–79), kept opaque.
    pub fn rfu_objects(&self) -> impl Iterator<Item = DataObject<'a>> + '_ {
        self.objects().filter(|o| matches!(o.id, 65..=79))
    }

    /// A template by ID (26–51, 62, 64, 80–99); `None` also for an unreserved ID whose value
    /// the recognised scheme writes as a primitive value (DuitNow's digest in 82, see
    /// `spec/README.md`), which [`Payload::get`] gives.
    #[must_use]
    pub fn template(&self, id: u8) -> Option<Template<'a>> {
        if !is_template(id) || self.ix.present & (1u128 << id) == 0 || id == self.ix.opaque {
            return None;
        }
        let span = self.ix.span(self.text, id);
        Some(Template::new(DataObject {
            id,
            value: Self::span_str(self.text, span),
            offset: self.ix.object_offset(self.text, span),
        }))
    }

    /// The CRC value (63) as written, four hex digits.
    #[must_use]
    pub fn crc(&self) -> &'a str {
        self.get(63).unwrap_or("")
    }

    /// The warnings raised while parsing (at most [`MAX_WARNINGS`](crate::mpm::MAX_WARNINGS)).
    #[must_use]
    pub fn warnings(&self) -> &[Warning] {
        self.ix
            .warnings
            .get(..usize::from(self.ix.warning_count))
            .unwrap_or(&[])
    }

    /// Warnings not kept because more than [`MAX_WARNINGS`](crate::mpm::MAX_WARNINGS) were raised.
    #[must_use]
    pub const fn warnings_dropped(&self) -> usize {
        self.ix.warnings_dropped as usize
    }

    #[cfg(feature = "alloc")]
    pub(crate) fn from_parts(text: &'a str, ix: Index) -> Payload<'a> {
        Payload { text, ix }
    }
}

impl fmt::Debug for Payload<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut m = f.debug_map();
        for o in self.objects() {
            m.entry(&format_args!("{:02}", o.id), &o.value);
        }
        m.finish()
    }
}

impl fmt::Display for Payload<'_> {
    /// Writes the payload text, exactly as parsed.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.text)
    }
}

impl PartialEq for Payload<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

impl Eq for Payload<'_> {}

/// One data object: ID, value and character offset of its ID.
///
/// # Examples
/// ```
/// const PIX: &str = "00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-4266554400005204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***63041D3D";
/// let p = emvqr::Payload::parse(PIX)?;
/// let first = p.objects().next().unwrap();
/// assert_eq!((first.id, first.value, first.offset), (0, "01", 0));
/// let name = p.objects().find(|o| o.id == 59).unwrap();
/// assert_eq!(&PIX[name.offset..name.offset + 4], "5913");
/// # Ok::<(), emvqr::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DataObject<'a> {
    /// The ID.
    pub id: u8,
    /// The value, a slice of the input.
    pub value: &'a str,
    /// Character offset of the object's ID in the payload.
    pub offset: usize,
}

impl<'a> From<Tlv<'a>> for DataObject<'a> {
    fn from(t: Tlv<'a>) -> Self {
        DataObject {
            id: t.id(),
            value: t.value(),
            offset: t.offset(),
        }
    }
}

/// A validated template (26–51, 62, 64, 80–99): its sub-objects, one level deep.
///
/// # Examples
/// ```
/// const PIX: &str = "00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-4266554400005204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***63041D3D";
/// let p = emvqr::Payload::parse(PIX)?;
/// let t = p.template(26).unwrap();
/// assert_eq!(t.id(), 26);
/// assert_eq!(t.guid(), Some("br.gov.bcb.pix"));
/// assert_eq!(t.get(1), Some("123e4567-e12b-12d1-a456-426655440000"));
/// assert_eq!(t.fields().map(|f| f.id).collect::<Vec<_>>(), [0, 1]);
/// assert!(t.value().starts_with("0014br.gov.bcb.pix"));
/// assert_eq!(t.path().to_string(), "26");
/// # Ok::<(), emvqr::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Template<'a> {
    object: DataObject<'a>,
}

impl<'a> Template<'a> {
    fn new(object: DataObject<'a>) -> Template<'a> {
        Template { object }
    }

    /// The template's ID.
    #[must_use]
    pub const fn id(&self) -> u8 {
        self.object.id
    }

    /// The raw value (all sub-objects).
    #[must_use]
    pub const fn value(&self) -> &'a str {
        self.object.value
    }

    /// The sub-objects in payload order (offsets are absolute).
    pub fn fields(&self) -> impl Iterator<Item = DataObject<'a>> + use<'a> {
        // Validated at parse time, so the iterator yields no error; stop at one regardless.
        TlvIter::nested(
            self.object.value,
            self.object.offset.saturating_add(4),
            self.object.id,
        )
        .map_while(Result::ok)
        .map(DataObject::from)
    }

    /// A sub-object's value.
    #[must_use]
    pub fn get(&self, sub: u8) -> Option<&'a str> {
        // The first sub-object (where a GUID usually is), when ASCII, without the general walk:
        // what the walk would yield first.
        let v = self.object.value;
        let digit = |b: u8| {
            b.is_ascii_digit()
                .then(|| usize::from(b.wrapping_sub(b'0')))
        };
        if let Some(&[i1, i2, l1, l2]) = v.as_bytes().get(..4)
            && let (Some(i1), Some(i2), Some(l1), Some(l2)) =
                (digit(i1), digit(i2), digit(l1), digit(l2))
            && i1.wrapping_mul(10).wrapping_add(i2) == usize::from(sub)
        {
            let len = l1.wrapping_mul(10).wrapping_add(l2);
            if let Some(first) = v.get(4..len.saturating_add(4))
                && len > 0
                && first.is_ascii()
            {
                return Some(first);
            }
        }
        self.fields().find(|o| o.id == sub).map(|o| o.value)
    }

    /// The Globally Unique Identifier (sub-ID 00), for merchant account and unreserved templates.
    #[must_use]
    pub fn guid(&self) -> Option<&'a str> {
        self.get(0)
    }

    /// The path of this template.
    #[must_use]
    pub const fn path(&self) -> Path {
        Path::id(self.object.id)
    }
}

/// The language template (64).
///
/// # Examples
/// ```
/// const ANNEX_B: &str = "00020101021229300012D156000000000510A93FO3230Q31280012D15600000001030812345678520441115802CN5914BEST TRANSPORT6007BEIJING64200002ZH0104最佳运输0202北京540523.7253031565502016233030412340603***0708A60086670902ME91320016A0112233449988770708123456786304A13A";
/// let lang = emvqr::Payload::parse(ANNEX_B)?.language().unwrap();
/// assert_eq!(lang.language(), Some("ZH"));
/// assert_eq!(lang.merchant_name(), Some("最佳运输"));
/// assert_eq!(lang.merchant_city(), Some("北京"));
/// assert_eq!(lang.template().id(), 64);
/// # Ok::<(), emvqr::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LanguageTemplate<'a>(Template<'a>);

impl<'a> LanguageTemplate<'a> {
    /// Language preference (64.00), ISO 639 two letters, as written (`ZH`, `ja`).
    #[must_use]
    pub fn language(&self) -> Option<&'a str> {
        self.0.get(0)
    }

    /// Merchant name in the alternate language (64.01).
    #[must_use]
    pub fn merchant_name(&self) -> Option<&'a str> {
        self.0.get(1)
    }

    /// Merchant city in the alternate language (64.02).
    #[must_use]
    pub fn merchant_city(&self) -> Option<&'a str> {
        self.0.get(2)
    }

    /// The underlying template.
    #[must_use]
    pub const fn template(&self) -> Template<'a> {
        self.0
    }
}

/// Static or dynamic code (ID 01).
///
/// # Examples
/// ```
/// const ANNEX_B: &str = "00020101021229300012D156000000000510A93FO3230Q31280012D15600000001030812345678520441115802CN5914BEST TRANSPORT6007BEIJING64200002ZH0104最佳运输0202北京540523.7253031565502016233030412340603***0708A60086670902ME91320016A0112233449988770708123456786304A13A";
/// // 01 is `12`: a code for one transaction.
/// assert_eq!(emvqr::Payload::parse(ANNEX_B)?.initiation(), Some(emvqr::Initiation::Dynamic));
/// // 01 is `11`.
/// const PROMPTPAY: &str = "00020101021129370016A000000677010111011300668012345675802TH530376463046197";
/// assert_eq!(emvqr::Payload::parse(PROMPTPAY)?.initiation(), Some(emvqr::Initiation::Static));
/// # Ok::<(), emvqr::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Initiation {
    /// `11`: the same code for many transactions.
    Static,
    /// `12`: a new code for each transaction.
    Dynamic,
}

/// A validated amount (54 or 56): digits with at most one `.`, kept as written.
///
/// # Examples
/// ```
/// const ANNEX_B: &str = "00020101021229300012D156000000000510A93FO3230Q31280012D15600000001030812345678520441115802CN5914BEST TRANSPORT6007BEIJING64200002ZH0104最佳运输0202北京540523.7253031565502016233030412340603***0708A60086670902ME91320016A0112233449988770708123456786304A13A";
/// let amount = emvqr::Payload::parse(ANNEX_B)?.amount().unwrap();
/// assert_eq!(amount.as_str(), "23.72");
/// assert_eq!(amount.to_minor_units(2), Some(2372));
/// assert_eq!(amount.to_minor_units(3), Some(23720));
/// // More decimals than the currency has: no exact value.
/// assert_eq!(amount.to_minor_units(0), None);
/// # Ok::<(), emvqr::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Amount<'a>(&'a str);

impl<'a> Amount<'a> {
    /// The amount as written (`"23.72"`).
    #[must_use]
    pub const fn as_str(&self) -> &'a str {
        self.0
    }

    /// The amount in minor units of a currency with `exponent` decimals (`"23.72"`, 2 → 2372),
    /// exactly, never through a float. `None` when it has more decimals than `exponent` or
    /// overflows.
    #[must_use]
    pub fn to_minor_units(&self, exponent: u8) -> Option<u64> {
        let (int, frac) = self.0.split_once('.').unwrap_or((self.0, ""));
        let exp = usize::from(exponent);
        if frac.len() > exp {
            return None;
        }
        let mut v: u64 = 0;
        let pad = exp.saturating_sub(frac.len());
        for b in int.bytes().chain(frac.bytes()) {
            let d = u64::from(b.checked_sub(b'0').filter(|d| *d <= 9)?);
            v = v.checked_mul(10)?.checked_add(d)?;
        }
        for _ in 0..pad {
            v = v.checked_mul(10)?;
        }
        Some(v)
    }
}

impl fmt::Display for Amount<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

/// Tip or convenience fee (55 with 56 or 57).
///
/// # Examples
/// ```
/// const ANNEX_B: &str = "00020101021229300012D156000000000510A93FO3230Q31280012D15600000001030812345678520441115802CN5914BEST TRANSPORT6007BEIJING64200002ZH0104最佳运输0202北京540523.7253031565502016233030412340603***0708A60086670902ME91320016A0112233449988770708123456786304A13A";
/// // 55 is `01`: the wallet asks the consumer for a tip.
/// assert_eq!(emvqr::Payload::parse(ANNEX_B)?.tip(), Some(emvqr::Tip::Prompt));
/// # Ok::<(), emvqr::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tip<'a> {
    /// `01`: the wallet prompts the consumer for a tip.
    Prompt,
    /// `02`: a fixed convenience fee (56).
    Fixed(Amount<'a>),
    /// `03`: a percentage convenience fee (57), as written (`"3.00"`).
    Percentage(&'a str),
}

/// A payment network implied by a primitive merchant account ID (02–25).
///
/// # Examples
/// ```
/// use emvqr::Network;
/// assert_eq!(Network::for_id(15), Network::UnionPay);
/// assert_eq!(Network::for_id(4).name(), "mastercard");
/// assert_eq!(Network::for_id(20), Network::Reserved);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Network {
    /// 02–03.
    Visa,
    /// 04–05.
    Mastercard,
    /// 09–10.
    Discover,
    /// 11–12.
    Amex,
    /// 13–14.
    Jcb,
    /// 15–16.
    UnionPay,
    /// 06–08 and 17–25, reserved by EMVCo (used by some national schemes).
    Reserved,
}

impl Network {
    /// The network of a primitive merchant account ID, as the knowledge table's primitive-ID
    /// rows name it; [`Network::Reserved`] outside the networks' IDs.
    #[must_use]
    pub fn for_id(id: u8) -> Network {
        match scheme::primitive_provider(id) {
            Some("visa") => Network::Visa,
            Some("mastercard") => Network::Mastercard,
            Some("discover") => Network::Discover,
            Some("amex") => Network::Amex,
            Some("jcb") => Network::Jcb,
            Some("unionpay") => Network::UnionPay,
            _ => Network::Reserved,
        }
    }

    /// A short lower-case name (`visa`, `unionpay`, `reserved`).
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Network::Visa => "visa",
            Network::Mastercard => "mastercard",
            Network::Discover => "discover",
            Network::Amex => "amex",
            Network::Jcb => "jcb",
            Network::UnionPay => "unionpay",
            Network::Reserved => "reserved",
        }
    }
}

/// A merchant account: a primitive 02–25 whose network is implied by its ID, or a template
/// 26–51 identified by its GUID.
///
/// # Examples
/// ```
/// use emvqr::{MerchantAccount, Network};
/// const CODE: &str = "0002010102111516620000001234567826280010com.tenpay0110190001234527480010COM.ALIPAY0130https://qr.alipay.com/fkx123455204581253031565802CN5912NOODLE HOUSE6008SHANGHAI63043D87";
/// let p = emvqr::Payload::parse(CODE)?;
/// let accounts: Vec<_> = p.merchant_accounts().collect();
/// assert_eq!(accounts.iter().map(|a| a.id()).collect::<Vec<_>>(), [15, 26, 27]);
/// assert!(matches!(accounts[0], MerchantAccount::Primitive { network: Network::UnionPay, .. }));
/// assert_eq!(accounts[0].guid(), None);
/// assert_eq!(accounts[1].guid(), Some("com.tenpay"));
/// # Ok::<(), emvqr::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MerchantAccount<'a> {
    /// IDs 02–25.
    Primitive {
        /// The ID.
        id: u8,
        /// The network its ID implies.
        network: Network,
        /// The account value (for example a merchant PAN).
        value: &'a str,
    },
    /// IDs 26–51.
    Template(Template<'a>),
}

impl<'a> MerchantAccount<'a> {
    /// The ID (02–51).
    #[must_use]
    pub const fn id(&self) -> u8 {
        match self {
            MerchantAccount::Primitive { id, .. } => *id,
            MerchantAccount::Template(t) => t.id(),
        }
    }

    /// The GUID of a template account.
    #[must_use]
    pub fn guid(&self) -> Option<&'a str> {
        match self {
            MerchantAccount::Primitive { .. } => None,
            MerchantAccount::Template(t) => t.guid(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_primitive_id_has_its_network() {
        let named: Vec<&str> = (0u8..=26).map(|id| Network::for_id(id).name()).collect();
        let mut want = vec!["reserved"; 27];
        for (ids, name) in [
            (2u8..=3, "visa"),
            (4..=5, "mastercard"),
            (9..=10, "discover"),
            (11..=12, "amex"),
            (13..=14, "jcb"),
            (15..=16, "unionpay"),
        ] {
            for id in ids {
                want[usize::from(id)] = name;
            }
        }
        assert_eq!(named, want);
    }
}
