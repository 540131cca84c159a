//! Merchant-presented mode: the validated, borrowed view of a payload.
//!
//! [`Payload::parse`] checks everything once (structure, order, duplicates, CRC and every
//! data-object rule); afterwards each accessor is infallible and returns slices of the input.
//! Nothing on this path allocates.

mod fast;
mod rules;
mod validate;

pub use rules::{GuidKind, guid_kind};

use core::fmt;

use crate::error::{Error, Path, Warning};
use crate::options::DecodeOptions;
use crate::profile::Recognised;
use crate::tlv::{Tlv, TlvIter};

/// Most warnings kept per payload; further ones are counted in
/// [`Payload::warnings_dropped`].
///
/// # Examples
/// ```
/// const PIX: &str = "00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-4266554400005204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***63041D3D";
/// let p = emvqr::Payload::parse(PIX)?;
/// assert!(p.warnings().len() <= emvqr::mpm::MAX_WARNINGS);
/// assert_eq!(p.warnings_dropped(), 0);
/// # Ok::<(), emvqr::Error>(())
/// ```
pub const MAX_WARNINGS: usize = 16;

/// Names of the root data objects, by ID (EMVCo MPM Table 3.6).
///
/// # Examples
/// ```
/// use emvqr::mpm::object_name;
/// assert_eq!(object_name(54), "Transaction Amount");
/// assert_eq!(object_name(15), "Merchant Account (UnionPay)");
/// assert_eq!(object_name(100), "Unknown");
/// ```
#[must_use]
pub const fn object_name(id: u8) -> &'static str {
    match id {
        0 => "Payload Format Indicator",
        1 => "Point of Initiation Method",
        2 | 3 => "Merchant Account (Visa)",
        4 | 5 => "Merchant Account (Mastercard)",
        6..=8 | 17..=25 => "Merchant Account (EMVCo reserved)",
        9 | 10 => "Merchant Account (Discover)",
        11 | 12 => "Merchant Account (American Express)",
        13 | 14 => "Merchant Account (JCB)",
        15 | 16 => "Merchant Account (UnionPay)",
        26..=51 => "Merchant Account Information Template",
        52 => "Merchant Category Code",
        53 => "Transaction Currency",
        54 => "Transaction Amount",
        55 => "Tip or Convenience Indicator",
        56 => "Convenience Fee Fixed",
        57 => "Convenience Fee Percentage",
        58 => "Country Code",
        59 => "Merchant Name",
        60 => "Merchant City",
        61 => "Postal Code",
        62 => "Additional Data Field Template",
        63 => "CRC",
        64 => "Merchant Information - Language Template",
        65..=79 => "RFU for EMVCo",
        80..=99 => "Unreserved Template",
        _ => "Unknown",
    }
}

/// Names of the sub-objects of template 62 and 64; the GUID for merchant account and
/// unreserved templates.
///
/// # Examples
/// ```
/// use emvqr::mpm::sub_object_name;
/// assert_eq!(sub_object_name(62, 5), "Reference Label");
/// assert_eq!(sub_object_name(26, 0), "Globally Unique Identifier");
/// assert_eq!(sub_object_name(64, 1), "Merchant Name (Alternate Language)");
/// ```
#[must_use]
pub const fn sub_object_name(template: u8, sub: u8) -> &'static str {
    match (template, sub) {
        (62, 1) => "Bill Number",
        (62, 2) => "Mobile Number",
        (62, 3) => "Store Label",
        (62, 4) => "Loyalty Number",
        (62, 5) => "Reference Label",
        (62, 6) => "Customer Label",
        (62, 7) => "Terminal Label",
        (62, 8) => "Purpose of Transaction",
        (62, 9) => "Additional Consumer Data Request",
        (62, 10) => "Merchant Tax ID",
        (62, 11) => "Merchant Channel",
        (62, 50..=99) => "Payment System Specific",
        (62, _) => "RFU for EMVCo",
        (64, 0) => "Language Preference",
        (64, 1) => "Merchant Name (Alternate Language)",
        (64, 2) => "Merchant City (Alternate Language)",
        (64, _) => "RFU for EMVCo",
        (26..=51 | 80..=99, 0) => "Globally Unique Identifier",
        (26..=51 | 80..=99, _) => "Network Specific",
        _ => "Unknown",
    }
}

/// True for IDs whose value is a template (26–51, 62, 64, 80–99).
///
/// # Examples
/// ```
/// use emvqr::mpm::is_template;
/// assert!(is_template(26) && is_template(62) && is_template(64) && is_template(99));
/// assert!(!is_template(15) && !is_template(54) && !is_template(63));
/// ```
#[must_use]
pub const fn is_template(id: u8) -> bool {
    matches!(id, 26..=51 | 62 | 64 | 80..=99)
}

/// Byte span of a root value.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Span {
    pub(crate) start: u16,
    pub(crate) end: u16,
}

/// The index built by the parse: where each root object is, and the warnings.
///
/// Kept small, since a payload is returned (and so copied) by value: each object's value start
/// only (its end follows from the length digits before it, with a count of characters for the
/// few values beyond ASCII), and no list of IDs in payload order (a walk from one object's end
/// to the next header gives it).
#[derive(Clone, Copy)]
pub(crate) struct Index {
    /// Byte offset of each present root object's value; its header is the four bytes before.
    pub(crate) starts: [u16; 100],
    /// The root IDs present, as a bit set.
    pub(crate) present: u128,
    /// The root values holding a character beyond ASCII, as a bit set.
    pub(crate) wide: u128,
    /// The scheme profiles recognised from the GUIDs of 26–51, found once by the validation.
    pub(crate) recognised: Recognised,
    pub(crate) warnings: [Warning; MAX_WARNINGS],
    pub(crate) warning_count: u8,
    pub(crate) warnings_dropped: u16,
    /// The payload is ASCII: character offsets equal byte offsets.
    pub(crate) ascii: bool,
    /// Every byte of the payload is printable ASCII (U+0020–U+007E).
    pub(crate) printable: bool,
}

/// True when every byte is ASCII. An OR of every byte, without early exit: the compiler makes
/// it vector code throughout, where the standard library's check reads the last bytes of each
/// 64 one at a time (a third of a typical payload).
fn all_ascii(bytes: &[u8]) -> bool {
    bytes.iter().fold(0u8, |acc, &b| acc | b) < 0x80
}

/// True when every byte is in U+0020–U+007E (one compare a byte, vector code).
fn all_printable_ascii(bytes: &[u8]) -> bool {
    !bytes
        .iter()
        .fold(false, |bad, &b| bad | (b.wrapping_sub(b' ') > b'~' - b' '))
}

/// The number written by the two ASCII digits at byte `at` (unchecked: the text is validated).
#[inline(always)]
fn digits_at(bytes: &[u8], at: usize) -> Option<usize> {
    match bytes.get(at..at.checked_add(2)?)? {
        &[a, b] => Some(
            usize::from(a.wrapping_sub(b'0'))
                .wrapping_mul(10)
                .wrapping_add(usize::from(b.wrapping_sub(b'0'))),
        ),
        _ => None,
    }
}

/// The length (in characters) of the value starting at byte `at`: the two digits before it.
#[inline(always)]
fn length_before(bytes: &[u8], at: usize) -> Option<usize> {
    digits_at(bytes, at.checked_sub(2)?)
}

impl Index {
    /// An empty index for `text`.
    #[inline(always)]
    pub(crate) fn new(text: &str) -> Index {
        let bytes = text.as_bytes();
        let printable = all_printable_ascii(bytes);
        Index {
            starts: [0; 100],
            present: 0,
            wide: 0,
            recognised: Recognised::EMPTY,
            warnings: [Warning::PLACEHOLDER; MAX_WARNINGS],
            warning_count: 0,
            warnings_dropped: 0,
            // Most payloads are printable ASCII: one pass says so, and that they are ASCII.
            ascii: printable || all_ascii(bytes),
            printable,
        }
    }

    /// Records root object `id`, whose value starts at byte `start`; `wide`: the value holds a
    /// character beyond ASCII. (`present` is the caller's.)
    #[inline(always)]
    pub(crate) fn record(&mut self, id: u8, start: u16, wide: bool) {
        if let Some(s) = self.starts.get_mut(usize::from(id)) {
            *s = start;
        }
        if wide {
            self.wide |= 1u128 << (id & 127);
        }
    }

    /// The byte span of root object `id`'s value in `text` (empty when it is absent).
    #[inline(always)]
    pub(crate) fn span(&self, text: &str, id: u8) -> Span {
        let start = self.starts.get(usize::from(id)).copied().unwrap_or(0);
        let at = usize::from(start);
        let Some(len) = length_before(text.as_bytes(), at) else {
            return Span::default();
        };
        let end = if self.ascii || self.wide & (1u128 << (id & 127)) == 0 {
            at.saturating_add(len)
        } else {
            text.get(at..)
                .and_then(|v| v.char_indices().nth(len))
                .map_or(text.len(), |(i, _)| at.saturating_add(i))
        };
        Span {
            start,
            end: u16::try_from(end).unwrap_or(start),
        }
    }

    /// The IDs present, in payload order, as an array and a count (for a walk that changes
    /// the index on the way).
    pub(crate) fn order(&self, text: &str) -> ([u8; 100], usize) {
        let mut order = [0u8; 100];
        let mut count = 0usize;
        for (slot, (id, _)) in order.iter_mut().zip(self.in_order(text)) {
            *slot = id;
            count = count.saturating_add(1);
        }
        (order, count)
    }

    /// The objects present, in payload order, with their values' spans: a walk of the headers
    /// of `text` (the payload this index is of), from each value's end to the next header. It
    /// moves forward at every step, so it ends on any text.
    pub(crate) fn in_order<'t>(&'t self, text: &'t str) -> impl Iterator<Item = (u8, Span)> + 't {
        let bytes = text.as_bytes();
        let mut pos = 0usize;
        core::iter::from_fn(move || {
            let start = pos.checked_add(4)?;
            let id = u8::try_from(digits_at(bytes, pos)?)
                .ok()
                .filter(|&id| id <= 99)?;
            pos = if self.ascii || self.wide & (1u128 << id) == 0 {
                start.saturating_add(length_before(bytes, start)?)
            } else {
                usize::from(self.span(text, id).end).max(start)
            };
            let short = |n: usize| u16::try_from(n).unwrap_or(u16::MAX);
            Some((
                id,
                Span {
                    start: short(start),
                    end: short(pos),
                },
            ))
        })
    }

    /// Keeps a warning found after validation, or counts it as dropped.
    pub(crate) fn push_warning(&mut self, w: Warning) {
        match self.warnings.get_mut(usize::from(self.warning_count)) {
            Some(slot) => {
                *slot = w;
                self.warning_count = self.warning_count.saturating_add(1);
            }
            None => self.warnings_dropped = self.warnings_dropped.saturating_add(1),
        }
    }

    /// Character offset of a byte offset of the payload.
    pub(crate) fn char_offset(&self, text: &str, byte: usize) -> usize {
        if self.ascii {
            byte
        } else {
            text.get(..byte).map_or(0, |s| s.chars().count())
        }
    }

    /// Character offset of the ID of the object whose value has span `s`.
    pub(crate) fn object_offset(&self, text: &str, s: Span) -> usize {
        self.char_offset(text, usize::from(s.start))
            .saturating_sub(4)
    }
}

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
    text: &'a str,
    ix: Index,
}

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
            crate::profile::apply_to(&mut p, options)?;
        }
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
        let mut left = self.ix.present & validate::ACCOUNT_IDS;
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
    pub fn currency(&self) -> Option<crate::iso::Currency> {
        crate::iso::currency(self.currency_code())
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
            .filter(|o| matches!(o.id, 80..=99))
            .map(Template::new)
    }

    /// Objects with IDs reserved for future use (65–79), kept opaque.
    pub fn rfu_objects(&self) -> impl Iterator<Item = DataObject<'a>> + '_ {
        self.objects().filter(|o| matches!(o.id, 65..=79))
    }

    /// A template by ID (26–51, 62, 64, 80–99).
    #[must_use]
    pub fn template(&self, id: u8) -> Option<Template<'a>> {
        if !is_template(id) || self.ix.present & (1u128 << id) == 0 {
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

    /// The warnings raised while parsing (at most [`MAX_WARNINGS`]).
    #[must_use]
    pub fn warnings(&self) -> &[Warning] {
        self.ix
            .warnings
            .get(..usize::from(self.ix.warning_count))
            .unwrap_or(&[])
    }

    /// Warnings not kept because more than [`MAX_WARNINGS`] were raised.
    #[must_use]
    pub const fn warnings_dropped(&self) -> usize {
        self.ix.warnings_dropped as usize
    }

    /// Copies the payload into an owned [`PayloadBuf`](crate::PayloadBuf).
    #[cfg(feature = "alloc")]
    #[must_use]
    pub fn to_owned_payload(&self) -> crate::PayloadBuf {
        crate::PayloadBuf::from_parts(alloc::string::String::from(self.text), self.ix)
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
    /// The network of a primitive merchant account ID; [`Network::Reserved`] outside the
    /// networks' IDs.
    #[must_use]
    pub const fn for_id(id: u8) -> Network {
        match id {
            2 | 3 => Network::Visa,
            4 | 5 => Network::Mastercard,
            9 | 10 => Network::Discover,
            11 | 12 => Network::Amex,
            13 | 14 => Network::Jcb,
            15 | 16 => Network::UnionPay,
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
