//! The index a validation builds of a payload: where each root object is, the rows of the
//! knowledge table its templates name, and its warnings. Kept small: a payload is returned by
//! value.

use crate::knowledge::scheme::Recognised;
use crate::wire::error::Warning;

/// Most warnings kept per payload; further ones are counted in
/// [`Payload::warnings_dropped`](crate::Payload::warnings_dropped).
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
    /// A template ID whose value a recognised scheme writes as a primitive value (DuitNow's
    /// digest in 82), so that it is read as one; 0 when none.
    pub(crate) opaque: u8,
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
pub(crate) fn length_before(bytes: &[u8], at: usize) -> Option<usize> {
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
            opaque: 0,
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

/// IDs 02–51 (merchant accounts) as a bit set.
pub(crate) const ACCOUNT_IDS: u128 = ((1u128 << 52) - 1) & !0b11;
