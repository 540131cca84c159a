//! The validated, borrowed consumer-presented payload and its typed accessors.

use core::fmt;

use super::text::decode_base64;
use crate::knowledge::hex::Hex;
use crate::wire::ber::{self, Item, Items, Tag, Tlv, TlvIter};
use crate::wire::cpm_error::{Error, ErrorKind, TagPath, Warning, WarningKind};
use crate::wire::limits::{MAX_CPM_BYTES, RECOMMENDED_MAX_BYTES};

pub(crate) const PFI: Tag = Tag::from_u32(0x85);
pub(crate) const APPLICATION: Tag = Tag::from_u32(0x61);
pub(crate) const COMMON: Tag = Tag::from_u32(0x62);
const APP_TRANSPARENT: Tag = Tag::from_u32(0x63);
const COMMON_TRANSPARENT: Tag = Tag::from_u32(0x64);
const AID: Tag = Tag::from_u32(0x4F);
const LABEL: Tag = Tag::from_u32(0x50);
const TRACK2: Tag = Tag::from_u32(0x57);
const PAN: Tag = Tag::from_u32(0x5A);
const NAME: Tag = Tag::from_u32(0x5F20);
const LANGUAGE: Tag = Tag::from_u32(0x5F2D);
const ISSUER_URL: Tag = Tag::from_u32(0x5F50);
const VERSION: Tag = Tag::from_u32(0x9F08);
const TOKEN_REQUESTOR: Tag = Tag::from_u32(0x9F19);
const PAR: Tag = Tag::from_u32(0x9F24);
const LAST4: Tag = Tag::from_u32(0x9F25);

/// The Payload Format Indicator value of this version.
pub(crate) const PFI_VALUE: &[u8] = b"CPV01";

/// The tags whose values are text in the field map (inside `61` and `62`).
#[cfg(feature = "alloc")]
pub(crate) fn is_text_tag(tag: Tag) -> bool {
    matches!(tag.to_u32(), 0x50 | 0x5F20 | 0x5F2D | 0x5F50)
}

/// A validated consumer-presented payload borrowing its BER bytes.
///
/// Built by [`CpmPayload::parse`] (raw BER) or [`CpmPayload::parse_base64`] (the scanned
/// text). Every rule of `spec/cpm/README.md` has been checked.
///
/// # Examples
/// ```
/// use emvqr::cpm::{CpmPayload, MAX_CPM_BYTES};
/// // EMVCo CPM Annex B, example 2: two applications and common card data.
/// let text = "hQVDUFYwMWETTwegAAAAVVVVUAhQcm9kdWN0MWETTwegAAAAZmZmUAhQcm9kdWN0MmJJWggSNFZ4kBI0WF8gDkNBUkRIT0xERVIvRU1WXy0IcnVlc2RlZW5kIZ8QBwYBCgMAAACfJghYT9OF+iNLzJ82AgABnzcEbVjvEw==";
/// let mut buf = [0u8; MAX_CPM_BYTES];
/// let p = CpmPayload::parse_base64(text, &mut buf)?;
/// let labels: Vec<_> = p.applications().filter_map(|a| a.label()).collect();
/// assert_eq!(labels, ["Product1", "Product2"]);
/// assert!(p.common().is_some());
/// assert_eq!(p.objects().count(), 4);
/// assert_eq!(p.other_templates().count(), 0);
/// # Ok::<(), emvqr::cpm::Error>(())
/// ```
#[derive(Clone, Copy)]
pub struct CpmPayload<'a> {
    ber: &'a [u8],
    apps: [Option<Tlv<'a>>; 2],
    common: Option<Tlv<'a>>,
}

fn err(kind: ErrorKind, offset: usize, path: TagPath) -> Error {
    Error::new(kind, offset, path)
}

/// Which one-byte and two-byte tags a level has shown; three-byte tags are rare and looked up
/// by rescanning.
struct Seen {
    one: [u64; 4],
    /// Two-byte tags: the class and form bits of the first byte, and the 7 bits of the second.
    two: [u64; 16],
}

impl Seen {
    const fn new() -> Seen {
        Seen {
            one: [0; 4],
            two: [0; 16],
        }
    }

    /// The bit of a one- or two-byte tag.
    fn slot(tag: Tag) -> Option<(bool, usize)> {
        let v = tag.to_u32();
        match tag.len() {
            1 => usize::try_from(v).ok().map(|i| (false, i)),
            2 => {
                // A two-byte tag is at most 0xFFFF: its top three bits (class and constructed)
                // are 0–7.
                let class = usize::try_from(v >> 13).ok()?;
                let low = usize::try_from(v & 0x7F).ok()?;
                Some((true, class.checked_mul(128)?.checked_add(low)?))
            }
            _ => None,
        }
    }

    fn word(&mut self, two: bool, i: usize) -> Option<&mut u64> {
        if two {
            self.two.get_mut(i / 64)
        } else {
            self.one.get_mut(i / 64)
        }
    }

    /// Records `tag`; true when it was already there. `level` is the level's objects, read to
    /// find a three-byte tag that occurs before `before`.
    fn insert<'a>(&mut self, tag: Tag, level: impl FnOnce() -> Items<'a>, before: usize) -> bool {
        match Seen::slot(tag) {
            Some((two, i)) => {
                let bit = 1u64 << (i % 64);
                match self.word(two, i) {
                    Some(w) => {
                        let had = *w & bit != 0;
                        *w |= bit;
                        had
                    }
                    None => false,
                }
            }
            None => occurs_before(level(), tag, before),
        }
    }

    fn contains<'a>(&self, tag: Tag, level: impl FnOnce() -> Items<'a>) -> bool {
        match Seen::slot(tag) {
            Some((two, i)) => {
                let words = if two { &self.two[..] } else { &self.one[..] };
                words
                    .get(i / 64)
                    .is_some_and(|w| w & (1u64 << (i % 64)) != 0)
            }
            None => occurs_before(level(), tag, usize::MAX),
        }
    }
}

fn occurs_before(level: Items<'_>, tag: Tag, before: usize) -> bool {
    level
        .take_while(|t| t.offset < before)
        .any(|t| t.tag == tag)
}

impl<'a> CpmPayload<'a> {
    /// Parses and validates raw BER bytes (the base64-decoded payload).
    ///
    /// # Errors
    /// The first failure in the order of `spec/cpm/README.md`; offsets are byte offsets into
    /// `ber`.
    ///
    /// # Examples
    /// ```
    /// use emvqr::cpm::CpmPayload;
    /// // `85` `CPV01`, then one application template with its ADF Name and a PAN.
    /// let ber = [
    ///     0x85, 0x05, b'C', b'P', b'V', b'0', b'1',
    ///     0x61, 0x11, 0x4F, 0x07, 0xA0, 0x00, 0x00, 0x00, 0x55, 0x55, 0x55,
    ///     0x5A, 0x06, 0x12, 0x34, 0x56, 0x78, 0x90, 0x12,
    /// ];
    /// let p = CpmPayload::parse(&ber)?;
    /// assert_eq!(p.as_bytes().len(), ber.len());
    /// assert_eq!(p.applications().next().and_then(|a| a.pan()).map(|p| p.len()), Some(12));
    ///
    /// // The Payload Format Indicator must come first.
    /// let e = CpmPayload::parse(&ber[7..]).unwrap_err();
    /// assert_eq!(e.offset(), 0);
    /// # Ok::<(), emvqr::cpm::Error>(())
    /// ```
    pub fn parse(ber: &'a [u8]) -> Result<CpmPayload<'a>, Error> {
        if ber.is_empty() {
            return Err(err(ErrorKind::Empty, 0, TagPath::ROOT));
        }
        if ber.len() > MAX_CPM_BYTES {
            return Err(err(ErrorKind::TooLong, 0, TagPath::ROOT));
        }
        ber::validate(ber)?;
        let payload = check_root(ber)?;
        payload.check_templates()?;
        Ok(payload)
    }

    /// Decodes strict base64 `text` into `buf` and parses the bytes.
    ///
    /// # Errors
    /// Base64 errors (character offsets into `text`), then those of [`CpmPayload::parse`]
    /// (byte offsets into the decoded bytes).
    ///
    /// # Examples
    /// ```
    /// use emvqr::cpm::{CpmPayload, MAX_CPM_BYTES};
    /// let mut buf = [0u8; MAX_CPM_BYTES];
    /// let p = CpmPayload::parse_base64("hQVDUFYwMWEaTwegAAAAVVVVVw8SNFZ4kBI0WNGRIgESNF8=", &mut buf)?;
    /// assert_eq!(p.aids().next(), Some(&[0xA0, 0x00, 0x00, 0x00, 0x55, 0x55, 0x55][..]));
    /// assert_eq!(CpmPayload::parse_base64("", &mut buf).unwrap_err().code(), "empty");
    /// # Ok::<(), emvqr::cpm::Error>(())
    /// ```
    pub fn parse_base64(
        text: impl AsRef<[u8]>,
        buf: &'a mut [u8; MAX_CPM_BYTES],
    ) -> Result<CpmPayload<'a>, Error> {
        let ber = decode_base64(text, buf)?;
        CpmPayload::parse(ber)
    }

    /// Locates the templates of bytes known to be valid (no checks).
    #[cfg(feature = "alloc")]
    pub(crate) fn locate(ber: &'a [u8]) -> CpmPayload<'a> {
        let mut p = CpmPayload {
            ber,
            apps: [None, None],
            common: None,
        };
        for t in TlvIter::new(ber).flatten() {
            if t.tag() == APPLICATION {
                if p.apps[0].is_none() {
                    p.apps[0] = Some(t);
                } else if p.apps[1].is_none() {
                    p.apps[1] = Some(t);
                }
            } else if t.tag() == COMMON && p.common.is_none() {
                p.common = Some(t);
            }
        }
        p
    }

    /// The BER bytes.
    #[must_use]
    pub const fn as_bytes(&self) -> &'a [u8] {
        self.ber
    }

    /// The root objects in payload order: `85`, the templates.
    pub fn objects(&self) -> impl Iterator<Item = Tlv<'a>> + use<'a> {
        TlvIter::new(self.ber).flatten()
    }

    /// The application templates (`61`), one or two, in payload order.
    ///
    /// # Examples
    /// ```
    /// use emvqr::cpm::{CpmPayload, MAX_CPM_BYTES};
    /// let mut buf = [0u8; MAX_CPM_BYTES];
    /// let p = CpmPayload::parse_base64("hQVDUFYwMWEaTwegAAAAVVVVVw8SNFZ4kBI0WNGRIgESNF8=", &mut buf)?;
    /// let app = p.applications().next().unwrap();
    /// assert_eq!(app.track2().map(|t| t.service_code()), Some(*b"201"));
    /// assert!(p.common().is_none());
    /// # Ok::<(), emvqr::cpm::Error>(())
    /// ```
    pub fn applications(&self) -> impl Iterator<Item = ApplicationTemplate<'a>> + use<'a> {
        let common = self.common;
        self.apps
            .into_iter()
            .flatten()
            .map(move |template| ApplicationTemplate { template, common })
    }

    /// The ADF Names (AIDs, `4F`) of the application templates, in payload order.
    ///
    /// # Examples
    /// ```
    /// use emvqr::cpm::{CpmPayload, MAX_CPM_BYTES};
    /// let text = "hQVDUFYwMWETTwegAAAAVVVVUAhQcm9kdWN0MWETTwegAAAAZmZmUAhQcm9kdWN0MmJJWggSNFZ4kBI0WF8gDkNBUkRIT0xERVIvRU1WXy0IcnVlc2RlZW5kIZ8QBwYBCgMAAACfJghYT9OF+iNLzJ82AgABnzcEbVjvEw==";
    /// let mut buf = [0u8; MAX_CPM_BYTES];
    /// let p = CpmPayload::parse_base64(text, &mut buf)?;
    /// let aids: Vec<&[u8]> = p.aids().collect();
    /// assert_eq!(aids, [&[0xA0, 0, 0, 0, 0x55, 0x55, 0x55][..], &[0xA0, 0, 0, 0, 0x66, 0x66, 0x66][..]]);
    /// # Ok::<(), emvqr::cpm::Error>(())
    /// ```
    pub fn aids(&self) -> impl Iterator<Item = &'a [u8]> + use<'a> {
        self.applications().map(|a| a.aid())
    }

    /// The Common Data Template (`62`), present only with two application templates.
    #[must_use]
    pub fn common(&self) -> Option<CommonData<'a>> {
        self.common.map(|template| CommonData { template })
    }

    /// The other root templates (not `85`, `61` or `62`), kept as they came.
    pub fn other_templates(&self) -> impl Iterator<Item = Tlv<'a>> + use<'a> {
        self.objects()
            .filter(|t| !matches!(t.tag().to_u32(), 0x85 | 0x61 | 0x62))
    }

    /// The application template a POI picks (CPM §5.1): for each AID the merchant supports, in
    /// the merchant's order of preference, the first template whose ADF Name equals it or
    /// starts with it (partial selection). `None` when no template is eligible.
    ///
    /// # Examples
    /// ```
    /// use emvqr::cpm::{CpmPayload, MAX_CPM_BYTES};
    /// let text = "hQVDUFYwMWETTwegAAAAVVVVUAhQcm9kdWN0MWETTwegAAAAZmZmUAhQcm9kdWN0MmJJWggSNFZ4kBI0WF8gDkNBUkRIT0xERVIvRU1WXy0IcnVlc2RlZW5kIZ8QBwYBCgMAAACfJghYT9OF+iNLzJ82AgABnzcEbVjvEw==";
    /// let mut buf = [0u8; MAX_CPM_BYTES];
    /// let p = CpmPayload::parse_base64(text, &mut buf)?;
    /// // Partial selection: a supported AID that is a prefix of the ADF Name.
    /// let prefix: &[u8] = &[0xA0, 0x00, 0x00, 0x00, 0x55];
    /// assert_eq!(p.select(&[prefix]).and_then(|a| a.label()), Some("Product1"));
    /// assert!(p.select(&[&[0xA0, 0x00, 0x00, 0x00, 0x03]]).is_none());
    /// # Ok::<(), emvqr::cpm::Error>(())
    /// ```
    #[must_use]
    pub fn select(&self, supported: &[&[u8]]) -> Option<ApplicationTemplate<'a>> {
        supported.iter().find_map(|want| {
            self.applications()
                .find(|a| !want.is_empty() && a.aid().starts_with(want))
        })
    }

    /// The warnings: `over_recommended_size` above 512 bytes.
    ///
    /// # Examples
    /// ```
    /// # #[cfg(feature = "alloc")] {
    /// use emvqr::cpm::{ApplicationBuilder, CpmBuilder};
    /// // 600 bytes of issuer URL: over the 512 bytes every reader is expected to recover.
    /// let url = format!("https://issuer.example/{}", "a".repeat(600));
    /// let p = CpmBuilder::new()
    ///     .application(
    ///         ApplicationBuilder::new(&[0xA0, 0x00, 0x00, 0x00, 0x55, 0x55, 0x55])
    ///             .pan("1234567890123458")
    ///             .issuer_url(&url),
    ///     )
    ///     .build()?;
    /// let w: Vec<_> = p.view().warnings().map(|w| (w.code(), w.offset())).collect();
    /// assert_eq!(w, [("over_recommended_size", 0)]);
    /// # }
    /// # Ok::<(), emvqr::cpm::Error>(())
    /// ```
    pub fn warnings(&self) -> impl Iterator<Item = Warning> + use<> {
        let over = self.ber.len() > RECOMMENDED_MAX_BYTES;
        over.then(|| Warning::new(WarningKind::OverRecommendedSize, 0, TagPath::ROOT))
            .into_iter()
    }

    /// One walk per template (`61`, `61`, `62`), object by object: a repeated tag, a tag of
    /// `62` also in a `61`, then the object's field rule; then the rules across objects.
    fn check_templates(&self) -> Result<(), Error> {
        let mut seen = [Seen::new(), Seen::new()];
        let mut facts = [Facts::default(); 3];
        facts[2].common = true;
        for ((app, set), facts) in self.apps.iter().zip(seen.iter_mut()).zip(facts.iter_mut()) {
            if let Some(app) = app {
                for child in app.items() {
                    if set.insert(child.tag, || app.items(), child.offset) {
                        let path = app.path().child(child.tag);
                        return Err(err(ErrorKind::DuplicateTag, child.offset, path));
                    }
                    check_field(&child, app)?;
                    facts.note(child);
                }
            }
        }
        if let Some(common) = &self.common {
            let mut own = Seen::new();
            for child in common.items() {
                let in_app = self.apps.iter().zip(seen.iter()).any(|(app, set)| {
                    app.as_ref()
                        .is_some_and(|a| set.contains(child.tag, || a.items()))
                });
                if own.insert(child.tag, || common.items(), child.offset) || in_app {
                    let path = common.path().child(child.tag);
                    return Err(err(ErrorKind::DuplicateTag, child.offset, path));
                }
                check_field(&child, common)?;
                facts[2].note(child);
            }
        }
        let [first, second, common] = facts;
        for (app, facts) in self.apps.iter().zip([first, second]) {
            if let Some(t) = app {
                facts.check(t, &common)?;
            }
        }
        Ok(())
    }
}

/// The objects of a template the rules across objects look at.
#[derive(Clone, Copy, Default)]
struct Facts<'a> {
    aid: bool,
    pan: Option<&'a [u8]>,
    /// Track 2, its value offset, and whether it sits in the common data.
    track2: Option<(&'a [u8], usize, bool)>,
    common: bool,
}

impl<'a> Facts<'a> {
    fn note(&mut self, t: Item<'a>) {
        match t.tag {
            AID => self.aid = true,
            PAN => self.pan = Some(t.value),
            TRACK2 => self.track2 = Some((t.value, t.value_offset(), self.common)),
            _ => {}
        }
    }

    /// `4F` present; `5A` or `57` here or in the common data; the two PANs equal.
    fn check(&self, template: &Tlv<'a>, common: &Facts<'a>) -> Result<(), Error> {
        if !self.aid {
            let path = template.path().child(AID);
            return Err(err(
                ErrorKind::MissingMandatory,
                template.value_offset(),
                path,
            ));
        }
        match (self.pan.or(common.pan), self.track2.or(common.track2)) {
            (None, None) => {
                let path = template.path().child(PAN);
                Err(err(
                    ErrorKind::MissingMandatory,
                    template.value_offset(),
                    path,
                ))
            }
            (Some(p), Some((t2, at, in_common))) if !Pan::cn(p).same_digits(&Track2(t2).pan()) => {
                let parent = if in_common { COMMON } else { APPLICATION };
                let path = TagPath::of(parent).child(TRACK2);
                Err(err(ErrorKind::PanMismatch, at, path))
            }
            _ => Ok(()),
        }
    }
}

/// The root rules: `85` first with `CPV01`, one or two `61`, `62` only after two `61`, other
/// templates last, no primitive but `85`, no repeated tag but `61`.
fn check_root(ber: &[u8]) -> Result<CpmPayload<'_>, Error> {
    let mut p = CpmPayload {
        ber,
        apps: [None, None],
        common: None,
    };
    let mut seen = Seen::new();
    let mut after_templates = false;
    for (i, item) in Items::new(ber, 0).enumerate() {
        let t = item.tlv(TagPath::ROOT);
        let tag = t.tag();
        if i == 0 {
            if tag != PFI {
                return Err(err(ErrorKind::PfiNotFirst, 0, TagPath::of(PFI)));
            }
            if t.value() != PFI_VALUE {
                return Err(err(ErrorKind::InvalidPfi, t.value_offset(), t.path()));
            }
        }
        if tag != APPLICATION && seen.insert(tag, || Items::new(ber, 0), t.offset()) {
            return Err(err(ErrorKind::DuplicateTag, t.offset(), t.path()));
        }
        if tag == PFI {
            continue;
        }
        if !tag.is_constructed() {
            return Err(err(ErrorKind::UnexpectedObject, t.offset(), t.path()));
        }
        if tag == APPLICATION {
            if after_templates || p.common.is_some() {
                return Err(err(ErrorKind::TemplateOrder, t.offset(), t.path()));
            }
            match &mut p.apps {
                [a @ None, _] | [Some(_), a @ None] => *a = Some(t),
                [Some(_), Some(_)] => {
                    return Err(err(ErrorKind::TemplateCount, t.offset(), t.path()));
                }
            }
        } else if tag == COMMON {
            if after_templates || p.apps[0].is_none() {
                return Err(err(ErrorKind::TemplateOrder, t.offset(), t.path()));
            }
            if p.apps[1].is_none() {
                return Err(err(ErrorKind::TemplateCount, t.offset(), t.path()));
            }
            p.common = Some(t);
        } else {
            after_templates = true;
        }
    }
    if p.apps[0].is_none() {
        return Err(err(
            ErrorKind::MissingApplicationTemplate,
            ber.len(),
            TagPath::of(APPLICATION),
        ));
    }
    Ok(p)
}

/// The length range and byte rule of each POI data object of CPM Table 6.1.
fn check_field(t: &Item<'_>, parent: &Tlv<'_>) -> Result<(), Error> {
    let v = t.value;
    let path = || parent.path().child(t.tag);
    let (min, max) = match t.tag.to_u32() {
        0x4F => (5, 16),
        0x50 => (1, 16),
        0x57 => (1, 19),
        0x5A => (1, 10),
        0x5F20 => (2, 26),
        0x5F2D => (2, 8),
        0x5F50 => (1, MAX_CPM_BYTES),
        0x9F08 | 0x9F25 => (2, 2),
        0x9F19 => (6, 6),
        0x9F24 => (29, 29),
        _ => return Ok(()),
    };
    let odd_language = t.tag == LANGUAGE && !v.len().is_multiple_of(2);
    if v.len() < min || v.len() > max || odd_language {
        return Err(err(ErrorKind::FieldLength, t.value_offset(), path()));
    }
    let at = |i: usize| t.value_offset().saturating_add(i);
    let charset = |class: u8| match v.iter().position(|&b| !in_class(b, class)) {
        Some(i) => Err(err(ErrorKind::InvalidCharset, at(i), path())),
        None => Ok(()),
    };
    let format = |r: Result<(), usize>| r.map_err(|i| err(ErrorKind::InvalidFormat, at(i), path()));
    match t.tag.to_u32() {
        0x50 => charset(LABEL_CHARS),
        0x5F20 | 0x5F50 => charset(ANS_CHARS),
        0x5F2D => charset(LETTERS),
        0x9F24 => charset(UPPER_DIGITS),
        0x57 => format(check_track2(v)),
        0x5A => format(check_cn_pan(v)),
        0x9F19 | 0x9F25 => format(check_bcd(v)),
        _ => Ok(()),
    }
}

/// Character classes of the text objects, one bit each.
const LABEL_CHARS: u8 = 1;
const ANS_CHARS: u8 = 2;
const LETTERS: u8 = 4;
const UPPER_DIGITS: u8 = 8;

/// The classes of every byte.
// Evaluated at compile time: an out-of-range index would fail the build, not panic.
#[allow(clippy::indexing_slicing, clippy::arithmetic_side_effects)]
static CLASSES: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0x20;
    while b <= 0x7E {
        let c = b as u8;
        let mut bits = ANS_CHARS;
        if c.is_ascii_alphanumeric() || c == b' ' {
            bits |= LABEL_CHARS;
        }
        if c.is_ascii_alphabetic() {
            bits |= LETTERS;
        }
        if c.is_ascii_uppercase() || c.is_ascii_digit() {
            bits |= UPPER_DIGITS;
        }
        t[b] = bits;
        b += 1;
    }
    t
};

fn in_class(b: u8, class: u8) -> bool {
    CLASSES
        .get(usize::from(b))
        .is_some_and(|&bits| bits & class != 0)
}

/// The `i`-th nibble (high first) of `bytes`.
fn nibble(bytes: &[u8], i: usize) -> u8 {
    let b = bytes.get(i / 2).copied().unwrap_or(0xFF);
    if i.is_multiple_of(2) {
        b >> 4
    } else {
        b & 0x0F
    }
}

fn nibbles(bytes: &[u8]) -> impl Iterator<Item = u8> + '_ {
    bytes.iter().flat_map(|&b| [b >> 4, b & 0x0F])
}

/// Fewest and most PAN digits (ISO/IEC 7812).
const PAN_DIGITS: core::ops::RangeInclusive<usize> = 8..=19;

/// Numeric (n): every nibble a digit. `Err` holds the byte index of the first bad nibble.
fn check_bcd(v: &[u8]) -> Result<(), usize> {
    match nibbles(v).position(|n| n > 9) {
        Some(i) => Err(i / 2),
        None => Ok(()),
    }
}

/// Compressed numeric PAN: 8–19 digits, then at most one `F` to fill the last byte.
fn check_cn_pan(v: &[u8]) -> Result<(), usize> {
    let total = v.len().saturating_mul(2);
    let mut digits = 0usize;
    for (i, n) in nibbles(v).enumerate() {
        let last = i.saturating_add(1) == total;
        match n {
            0..=9 if digits < *PAN_DIGITS.end() => digits = digits.saturating_add(1),
            0xF if last => {}
            _ => return Err(i / 2),
        }
    }
    if digits < *PAN_DIGITS.start() {
        return Err(0);
    }
    Ok(())
}

/// Track 2 Equivalent Data: PAN (8–19 digits), separator `D`, expiry YYMM (month 01–12),
/// service code (3 digits), discretionary digits, and one `F` only as the last nibble.
fn check_track2(v: &[u8]) -> Result<(), usize> {
    let total = v.len().saturating_mul(2);
    let mut separator = None;
    let mut pan = 0usize;
    let mut after = 0usize;
    for (i, n) in nibbles(v).enumerate() {
        let last = i.saturating_add(1) == total;
        match (separator, n) {
            (None, 0..=9) if pan < *PAN_DIGITS.end() => pan = pan.saturating_add(1),
            (None, 0xD) if pan >= *PAN_DIGITS.start() => separator = Some(i),
            (Some(_), 0..=9) => after = after.saturating_add(1),
            (Some(_), 0xF) if last => {}
            _ => return Err(i / 2),
        }
    }
    let Some(sep) = separator else {
        return Err(0);
    };
    if after < 7 {
        return Err(0);
    }
    let m1 = sep.saturating_add(3);
    let month = nibble(v, m1)
        .saturating_mul(10)
        .saturating_add(nibble(v, m1.saturating_add(1)));
    if !(1..=12).contains(&month) {
        return Err(m1 / 2);
    }
    Ok(())
}

/// An application template (`61`) seen with the Common Data Template, whose objects apply to
/// both applications.
///
/// # Examples
/// ```
/// use emvqr::ber::Tag;
/// use emvqr::cpm::{CpmPayload, MAX_CPM_BYTES};
/// let text = "hQVDUFYwMWETTwegAAAAVVVVUAhQcm9kdWN0MWETTwegAAAAZmZmUAhQcm9kdWN0MmJJWggSNFZ4kBI0WF8gDkNBUkRIT0xERVIvRU1WXy0IcnVlc2RlZW5kIZ8QBwYBCgMAAACfJghYT9OF+iNLzJ82AgABnzcEbVjvEw==";
/// let mut buf = [0u8; MAX_CPM_BYTES];
/// let p = CpmPayload::parse_base64(text, &mut buf)?;
/// let app = p.applications().nth(1).unwrap();
/// assert_eq!(app.label(), Some("Product2"));
/// assert_eq!(app.language(), Some("ruesdeen"));
/// // The PAN and the cardholder name come from the common data; both stay masked in output.
/// assert_eq!(app.pan().map(|p| p.to_string()), Some("123456******3458".to_string()));
/// assert!(app.find(Tag::from_u32(0x5F20)).is_some());
/// assert_eq!(app.version(), [0x00, 0x10]);
/// # Ok::<(), emvqr::cpm::Error>(())
/// ```
#[derive(Clone, Copy)]
pub struct ApplicationTemplate<'a> {
    template: Tlv<'a>,
    common: Option<Tlv<'a>>,
}

fn child<'a>(t: &Tlv<'a>, tag: Tag) -> Option<Tlv<'a>> {
    t.children().flatten().find(|c| c.tag() == tag)
}

fn text(t: Option<Tlv<'_>>) -> Option<&str> {
    t.and_then(|t| core::str::from_utf8(t.value()).ok())
}

impl<'a> ApplicationTemplate<'a> {
    /// The template as read.
    #[must_use]
    pub const fn tlv(&self) -> Tlv<'a> {
        self.template
    }

    /// The template's own objects, in payload order.
    pub fn objects(&self) -> impl Iterator<Item = Tlv<'a>> + use<'a> {
        self.template.children().flatten()
    }

    fn own(&self, tag: Tag) -> Option<Tlv<'a>> {
        child(&self.template, tag)
    }

    /// An object of this template, else of the Common Data Template.
    #[must_use]
    pub fn find(&self, tag: Tag) -> Option<Tlv<'a>> {
        self.own(tag)
            .or_else(|| self.common.and_then(|c| child(&c, tag)))
    }

    /// ADF Name (`4F`), the AID: 5–16 bytes.
    #[must_use]
    pub fn aid(&self) -> &'a [u8] {
        self.own(AID).map_or(&[], |t| t.value())
    }

    /// Application Label (`50`).
    #[must_use]
    pub fn label(&self) -> Option<&'a str> {
        text(self.own(LABEL))
    }

    /// The PAN: from `5A`, else from Track 2 (`57`); this template first, then the common data.
    #[must_use]
    pub fn pan(&self) -> Option<Pan<'a>> {
        match self.find(PAN) {
            Some(p) => Some(Pan::cn(p.value())),
            None => self.track2().map(|t| t.pan()),
        }
    }

    /// Track 2 Equivalent Data (`57`).
    #[must_use]
    pub fn track2(&self) -> Option<Track2<'a>> {
        self.find(TRACK2).map(|t| Track2(t.value()))
    }

    /// Cardholder Name (`5F20`).
    #[must_use]
    pub fn cardholder_name(&self) -> Option<&'a str> {
        text(self.find(NAME))
    }

    /// Language Preference (`5F2D`): one to four two-letter ISO 639-1 codes.
    #[must_use]
    pub fn language(&self) -> Option<&'a str> {
        text(self.find(LANGUAGE))
    }

    /// Issuer URL (`5F50`).
    #[must_use]
    pub fn issuer_url(&self) -> Option<&'a str> {
        text(self.find(ISSUER_URL))
    }

    /// Application Version Number (`9F08`); the specification's default is `00 10`.
    #[must_use]
    pub fn version(&self) -> [u8; 2] {
        match self.find(VERSION).map(|t| t.value()) {
            Some(&[a, b]) => [a, b],
            _ => [0x00, 0x10],
        }
    }

    /// Token Requestor ID (`9F19`), 6 bytes of BCD.
    #[must_use]
    pub fn token_requestor_id(&self) -> Option<&'a [u8]> {
        self.find(TOKEN_REQUESTOR).map(|t| t.value())
    }

    /// Payment Account Reference (`9F24`), 29 upper-case letters and digits.
    #[must_use]
    pub fn payment_account_reference(&self) -> Option<&'a str> {
        text(self.find(PAR))
    }

    /// Last 4 Digits of PAN (`9F25`), 2 bytes of BCD.
    #[must_use]
    pub fn pan_last4(&self) -> Option<&'a [u8]> {
        self.find(LAST4).map(|t| t.value())
    }

    /// The Application Specific Transparent Template (`63`), opaque to the POI.
    #[must_use]
    pub fn transparent(&self) -> Option<Tlv<'a>> {
        self.own(APP_TRANSPARENT)
    }
}

impl fmt::Debug for ApplicationTemplate<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApplicationTemplate")
            .field("aid", &Hex(self.aid()))
            .field("label", &self.label())
            .field("pan", &self.pan())
            .field("track2", &self.track2())
            .field(
                "cardholder_name",
                &self.cardholder_name().map(Redacted::of_str),
            )
            .field(
                "payment_account_reference",
                &self.payment_account_reference().map(Redacted::of_str),
            )
            .field(
                "transparent_len",
                &self.transparent().map(|t| t.value().len()),
            )
            .finish_non_exhaustive()
    }
}

/// The Common Data Template (`62`).
///
/// # Examples
/// ```
/// use emvqr::ber::Tag;
/// use emvqr::cpm::{CpmPayload, MAX_CPM_BYTES};
/// let text = "hQVDUFYwMWETTwegAAAAVVVVUAhQcm9kdWN0MWETTwegAAAAZmZmUAhQcm9kdWN0MmJJWggSNFZ4kBI0WF8gDkNBUkRIT0xERVIvRU1WXy0IcnVlc2RlZW5kIZ8QBwYBCgMAAACfJghYT9OF+iNLzJ82AgABnzcEbVjvEw==";
/// let mut buf = [0u8; MAX_CPM_BYTES];
/// let p = CpmPayload::parse_base64(text, &mut buf)?;
/// let common = p.common().unwrap();
/// assert!(common.find(Tag::from_u32(0x5A)).is_some());
/// assert!(common.transparent().is_some()); // `64`, opaque to the POI
/// assert_eq!(common.tlv().path().to_string(), "62");
/// # Ok::<(), emvqr::cpm::Error>(())
/// ```
#[derive(Clone, Copy)]
pub struct CommonData<'a> {
    template: Tlv<'a>,
}

impl<'a> CommonData<'a> {
    /// The template as read.
    #[must_use]
    pub const fn tlv(&self) -> Tlv<'a> {
        self.template
    }

    /// The template's objects, in payload order.
    pub fn objects(&self) -> impl Iterator<Item = Tlv<'a>> + use<'a> {
        self.template.children().flatten()
    }

    /// One object of the template.
    #[must_use]
    pub fn find(&self, tag: Tag) -> Option<Tlv<'a>> {
        child(&self.template, tag)
    }

    /// The Common Data Transparent Template (`64`), opaque to the POI.
    #[must_use]
    pub fn transparent(&self) -> Option<Tlv<'a>> {
        self.find(COMMON_TRANSPARENT)
    }
}

impl fmt::Debug for CommonData<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CommonData")
            .field("tags", &TagList(self.template))
            .finish_non_exhaustive()
    }
}

impl fmt::Debug for CpmPayload<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let apps = self.applications();
        let mut d = f.debug_struct("CpmPayload");
        d.field("len", &self.ber.len());
        for app in apps {
            d.field("application", &app);
        }
        d.field("common", &self.common()).finish_non_exhaustive()
    }
}

struct Redacted(usize);

impl Redacted {
    fn of_str(s: &str) -> Redacted {
        Redacted(s.len())
    }
}

impl fmt::Debug for Redacted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "<{} bytes redacted>", self.0)
    }
}

struct TagList<'a>(Tlv<'a>);

impl fmt::Debug for TagList<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list()
            .entries(self.0.children().flatten().map(|t| t.tag()))
            .finish()
    }
}

/// How many leading and trailing digits of a PAN of `len` digits (8 to 19) a masked form
/// shows: the last 4, and of the first 6 as many as leave at least 4 hidden.
fn shown(len: usize) -> (usize, usize) {
    (len.saturating_sub(8).min(6), len.min(4))
}

/// A Primary Account Number: its digits, borrowed from `5A` or from Track 2.
///
/// `Display` and `Debug` print it masked (`123456******3458`); [`Pan::reveal`] prints every
/// digit.
///
/// # Examples
/// ```
/// use emvqr::cpm::Pan;
/// // EMVCo's test PAN 1234567890123458 in compressed numeric.
/// let pan = Pan::from_cn(&[0x12, 0x34, 0x56, 0x78, 0x90, 0x12, 0x34, 0x58]).unwrap();
/// assert_eq!(pan.to_string(), "123456******3458");
/// assert_eq!(format!("{pan:?}"), "Pan(123456******3458)");
/// assert_eq!(pan.last4().collect::<Vec<u8>>(), b"3458");
/// assert_eq!((pan.len(), pan.digits().count()), (16, 16));
/// assert!(Pan::from_cn(&[0x12, 0x3A]).is_none());
/// ```
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Pan<'a> {
    bytes: &'a [u8],
    len: usize,
}

impl<'a> Pan<'a> {
    /// The PAN of compressed-numeric bytes (`5A`): 8–19 digits and at most one `F` of
    /// padding; `None` otherwise.
    #[must_use]
    pub fn from_cn(bytes: &'a [u8]) -> Option<Pan<'a>> {
        check_cn_pan(bytes).ok().map(|()| Pan::cn(bytes))
    }

    /// The digits of compressed-numeric bytes (up to the first non-digit nibble).
    fn cn(bytes: &'a [u8]) -> Pan<'a> {
        let len = nibbles(bytes).take_while(|&n| n <= 9).count();
        Pan { bytes, len }
    }

    /// Number of digits.
    #[must_use]
    pub const fn len(&self) -> usize {
        self.len
    }

    /// True when there are no digits (never, for a validated payload).
    #[must_use]
    pub const fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The digits, as ASCII.
    pub fn digits(&self) -> impl Iterator<Item = u8> + 'a {
        let bytes = self.bytes;
        (0..self.len).map(move |i| b'0'.saturating_add(nibble(bytes, i)))
    }

    /// The last four digits (fewer for a shorter PAN), as ASCII.
    pub fn last4(&self) -> impl Iterator<Item = u8> + 'a {
        self.digits().skip(self.len.saturating_sub(4))
    }

    fn same_digits(&self, other: &Pan<'_>) -> bool {
        self.len == other.len && self.digits().eq(other.digits())
    }

    /// A form whose `Display` prints every digit. Never log it.
    ///
    /// # Examples
    /// ```
    /// use emvqr::cpm::Pan;
    /// let pan = Pan::from_cn(&[0x12, 0x34, 0x56, 0x78, 0x90, 0x12, 0x34, 0x58]).unwrap();
    /// // For the payment message only: compare or forward it, never log it.
    /// assert_eq!(pan.reveal().to_string().len(), 16);
    /// assert!(pan.reveal().to_string().chars().all(|c| c.is_ascii_digit()));
    /// ```
    #[must_use]
    pub const fn reveal(&self) -> RevealedPan<'a> {
        RevealedPan(*self)
    }
}

impl fmt::Display for Pan<'_> {
    /// Masked: at most the first 6 and the last 4 digits.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (head, tail) = shown(self.len);
        for (i, d) in self.digits().enumerate() {
            let visible = i < head || i >= self.len.saturating_sub(tail);
            f.write_str(if visible { "" } else { "*" })?;
            if visible {
                write!(f, "{}", char::from(d))?;
            }
        }
        Ok(())
    }
}

impl fmt::Debug for Pan<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Pan({self})")
    }
}

/// Every digit of a PAN (from [`Pan::reveal`]).
///
/// # Examples
/// ```
/// use emvqr::cpm::Pan;
/// let pan = Pan::from_cn(&[0x12, 0x34, 0x56, 0x78, 0x90, 0x12, 0x34, 0x58]).unwrap();
/// let revealed = pan.reveal();
/// // `Debug` stays masked, so a stray `{:?}` in a log leaks nothing.
/// assert!(format!("{revealed:?}").contains("******"));
/// assert_eq!(revealed.to_string().len(), pan.len());
/// ```
#[derive(Clone, Copy)]
pub struct RevealedPan<'a>(Pan<'a>);

impl fmt::Display for RevealedPan<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0
            .digits()
            .try_for_each(|d| write!(f, "{}", char::from(d)))
    }
}

impl fmt::Debug for RevealedPan<'_> {
    /// Masked, like the PAN: only `Display` reveals.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

/// Track 2 Equivalent Data (`57`): PAN, separator `D`, expiry, service code, discretionary
/// data.
///
/// `Display` and `Debug` print the PAN masked and every digit after the separator as `*`.
///
/// # Examples
/// ```
/// use emvqr::cpm::Track2;
/// // 1234567890123458 D 1912 201 12345, padded with F.
/// let bytes = [0x12, 0x34, 0x56, 0x78, 0x90, 0x12, 0x34, 0x58, 0xD1, 0x91, 0x22, 0x01, 0x12, 0x34, 0x5F];
/// let t = Track2::new(&bytes).unwrap();
/// assert_eq!((&t.expiry(), &t.service_code()), (b"1912", b"201"));
/// assert_eq!(t.pan().to_string(), "123456******3458");
/// let shown = t.to_string();
/// assert!(shown.starts_with("123456******3458") && !shown.contains("1912"));
/// assert!(Track2::new(&[0x12, 0x34]).is_none());
/// ```
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Track2<'a>(&'a [u8]);

impl<'a> Track2<'a> {
    /// Track 2 Equivalent Data from its bytes, when they follow its layout.
    #[must_use]
    pub fn new(bytes: &'a [u8]) -> Option<Track2<'a>> {
        check_track2(bytes).ok().map(|()| Track2(bytes))
    }

    /// The raw bytes.
    #[must_use]
    pub const fn as_bytes(&self) -> &'a [u8] {
        self.0
    }

    /// The PAN before the separator.
    #[must_use]
    pub fn pan(&self) -> Pan<'a> {
        Pan::cn(self.0)
    }

    fn after(&self) -> impl Iterator<Item = u8> + 'a {
        nibbles(self.0)
            .skip(self.pan().len().saturating_add(1))
            .filter(|&n| n <= 9)
    }

    /// Expiry date YYMM, as ASCII digits.
    #[must_use]
    pub fn expiry(&self) -> [u8; 4] {
        let mut out = [b'0'; 4];
        for (o, n) in out.iter_mut().zip(self.after()) {
            *o = b'0'.saturating_add(n);
        }
        out
    }

    /// Service code, as ASCII digits.
    #[must_use]
    pub fn service_code(&self) -> [u8; 3] {
        let mut out = [b'0'; 3];
        for (o, n) in out.iter_mut().zip(self.after().skip(4)) {
            *o = b'0'.saturating_add(n);
        }
        out
    }

    /// A form whose `Display` prints the whole track (`…D…`). Never log it.
    ///
    /// # Examples
    /// ```
    /// use emvqr::cpm::Track2;
    /// let bytes = [0x12, 0x34, 0x56, 0x78, 0x90, 0x12, 0x34, 0x58, 0xD1, 0x91, 0x22, 0x01, 0x12, 0x34, 0x5F];
    /// let t = Track2::new(&bytes).unwrap();
    /// // For the authorisation message only, never a log: 29 characters, the separator included.
    /// let whole = t.reveal().to_string();
    /// assert_eq!((whole.len(), whole.find('D')), (29, Some(16)));
    /// ```
    #[must_use]
    pub const fn reveal(&self) -> RevealedTrack2<'a> {
        RevealedTrack2(*self)
    }
}

impl fmt::Display for Track2<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}D", self.pan())?;
        self.after().try_for_each(|_| f.write_str("*"))
    }
}

impl fmt::Debug for Track2<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Track2({self})")
    }
}

/// A whole Track 2 (from [`Track2::reveal`]).
///
/// # Examples
/// ```
/// use emvqr::cpm::Track2;
/// let bytes = [0x12, 0x34, 0x56, 0x78, 0x90, 0x12, 0x34, 0x58, 0xD1, 0x91, 0x22, 0x01, 0x12, 0x34, 0x5F];
/// let revealed = Track2::new(&bytes).unwrap().reveal();
/// assert!(!format!("{revealed:?}").contains("1912"));
/// assert!(revealed.to_string().contains('D'));
/// ```
#[derive(Clone, Copy)]
pub struct RevealedTrack2<'a>(Track2<'a>);

impl fmt::Display for RevealedTrack2<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}D", self.0.pan().reveal())?;
        self.0
            .after()
            .try_for_each(|n| write!(f, "{}", char::from(b'0'.saturating_add(n))))
    }
}

impl fmt::Debug for RevealedTrack2<'_> {
    /// Masked, like the track: only `Display` reveals.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

#[cfg(test)]
#[allow(clippy::arithmetic_side_effects)]
mod tests {
    use super::*;

    fn hex(s: &str) -> std::vec::Vec<u8> {
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
            .collect()
    }

    const EX1: &str = "85054350563031611A4F07A0000000555555570F1234567890123458D191220112345F";

    /// EMVCo CPM Annex B, example 2 (two applications and common data), as BER.
    fn example_2() -> std::vec::Vec<u8> {
        use base64::Engine as _;
        let mut buf = [0u8; 256];
        let n = base64::engine::general_purpose::STANDARD
            .decode_slice("hQVDUFYwMWETTwegAAAAVVVVUAhQcm9kdWN0MWETTwegAAAAZmZmUAhQcm9kdWN0MmJJWggSNFZ4kBI0WF8gDkNBUkRIT0xERVIvRU1WXy0IcnVlc2RlZW5kIZ8QBwYBCgMAAACfJghYT9OF+iNLzJ82AgABnzcEbVjvEw==", &mut buf)
            .unwrap();
        buf[..n].to_vec()
    }

    #[test]
    fn the_size_limit_is_inclusive() {
        let at = std::vec![0x85u8; MAX_CPM_BYTES];
        assert_ne!(
            CpmPayload::parse(&at).unwrap_err().kind(),
            ErrorKind::TooLong
        );
        let over = std::vec![0x85u8; MAX_CPM_BYTES + 1];
        assert_eq!(
            CpmPayload::parse(&over).unwrap_err().kind(),
            ErrorKind::TooLong
        );
    }

    #[cfg(feature = "alloc")]
    #[test]
    fn locating_finds_the_templates_parsing_finds() {
        for ber in [hex(EX1), example_2()] {
            let parsed = CpmPayload::parse(&ber).unwrap();
            let located = CpmPayload::locate(&ber);
            assert!(located.apps == parsed.apps && located.common == parsed.common);
        }
        assert!(CpmPayload::locate(&hex(EX1)).common.is_none());
        let two = example_2();
        let common = CpmPayload::locate(&two).common.unwrap();
        assert_eq!(common.tag().to_u32(), 0x62);
    }

    #[test]
    fn the_recommended_size_is_a_bound_included() {
        // Example 1 (35 bytes) padded by a template 63 holding a 9F01 of `data` bytes.
        let padded = |data: usize| {
            let mut ber = hex(EX1);
            let inner = [&[0x9F, 0x01, 0x82][..], &(data as u16).to_be_bytes()].concat();
            let len = inner.len() + data;
            ber.extend([0x63, 0x82]);
            ber.extend((len as u16).to_be_bytes());
            ber.extend(inner);
            ber.extend(std::iter::repeat_n(0xAB, data));
            ber
        };
        let at = padded(RECOMMENDED_MAX_BYTES - 35 - 4 - 5);
        assert_eq!(at.len(), RECOMMENDED_MAX_BYTES);
        assert_eq!(CpmPayload::parse(&at).unwrap().warnings().count(), 0);
        let over = padded(RECOMMENDED_MAX_BYTES - 35 - 4 - 5 + 1);
        let kinds: std::vec::Vec<WarningKind> = CpmPayload::parse(&over)
            .unwrap()
            .warnings()
            .map(|w| w.kind())
            .collect();
        assert_eq!(kinds, [WarningKind::OverRecommendedSize]);
    }

    #[test]
    fn other_templates_are_the_rest_of_the_root() {
        let two = example_2();
        assert_eq!(
            CpmPayload::parse(&two).unwrap().other_templates().count(),
            0
        );
        // Example 1 with a template of another tag after the application's.
        let mut ber = hex(EX1);
        ber.extend(hex("63049F010100"));
        let p = CpmPayload::parse(&ber).unwrap();
        let tags: std::vec::Vec<u32> = p.other_templates().map(|t| t.tag().to_u32()).collect();
        assert_eq!(tags, [0x63]);
    }

    #[test]
    fn annex_b_example_1() {
        let ber = hex(EX1);
        let p = CpmPayload::parse(&ber).unwrap();
        let app = p.applications().next().unwrap();
        assert_eq!(app.aid(), hex("A0000000555555"));
        let t2 = app.track2().unwrap();
        assert_eq!(t2.pan().reveal().to_string(), "1234567890123458");
        assert_eq!(&t2.expiry(), b"1912");
        assert_eq!(&t2.service_code(), b"201");
        assert_eq!(t2.to_string(), "123456******3458D************");
        assert_eq!(t2.reveal().to_string(), "1234567890123458D191220112345");
        assert_eq!(app.pan().unwrap().to_string(), "123456******3458");
        let debug = format!("{p:?}");
        assert!(!debug.contains("7890"), "{debug}");
        assert_eq!(p.warnings().count(), 0);
        assert!(p.select(&[&hex("A000000055")]).is_some());
        assert!(p.select(&[&hex("A000000066")]).is_none());
    }

    #[test]
    fn every_short_tag_has_its_own_slot() {
        let mut slots = std::collections::BTreeSet::new();
        let mut count = 0;
        for b0 in 0u32..=255 {
            if b0 == 0 {
                continue;
            }
            if b0 & 0x1F != 0x1F {
                assert!(slots.insert(Seen::slot(Tag::from_u32(b0)).unwrap()));
                count += 1;
                continue;
            }
            for b1 in 0u32..0x80 {
                let (tag, _) = Tag::read(&[b0 as u8, b1 as u8]).unwrap();
                assert!(slots.insert(Seen::slot(tag).unwrap()), "{tag}");
                count += 1;
            }
        }
        assert_eq!(slots.len(), count);
        let mut seen = Seen::new();
        let none = || Items::new(&[], 0);
        assert!(!seen.insert(Tag::from_u32(0x9F7F), none, 0));
        assert!(seen.insert(Tag::from_u32(0x9F7F), none, 0));
        assert!(!seen.insert(Tag::from_u32(0xDF7F), none, 0));
        assert!(seen.contains(Tag::from_u32(0xDF7F), none));
        assert!(!seen.contains(Tag::from_u32(0x5F7F), none));
    }

    #[test]
    fn masking_hides_at_least_four_digits() {
        for len in 8..=19 {
            let (head, tail) = shown(len);
            assert!(head <= 6 && tail <= 4 && len - head - tail >= 4, "{len}");
        }
        assert_eq!(shown(16), (6, 4));
        assert_eq!(shown(8), (0, 4));
        assert_eq!(shown(12), (4, 4));
        assert_eq!(shown(19), (6, 4));
    }

    #[test]
    fn field_rules() {
        assert_eq!(check_track2(&hex("1234567890123458D191220112345F")), Ok(()));
        assert_eq!(check_track2(&hex("1234567890123458D1913201")), Err(9));
        assert_eq!(check_track2(&hex("1234567890123458D1912F01")), Err(10));
        assert_eq!(check_track2(&hex("12345678901234581912201F")), Err(9));
        assert_eq!(check_track2(&hex("1234567890123458")), Err(0));
        assert_eq!(check_track2(&hex("1234567890123458D191")), Err(0));
        assert_eq!(check_track2(&hex("1234567D1912201F")), Err(3));
        assert_eq!(check_cn_pan(&hex("1234567890123458")), Ok(()));
        assert_eq!(check_cn_pan(&hex("123456789012345F")), Ok(()));
        assert_eq!(check_cn_pan(&hex("12345678901234FF")), Err(7));
        assert_eq!(check_cn_pan(&hex("1234567F")), Err(0));
        assert_eq!(check_cn_pan(&hex("1234A678")), Err(2));
        assert_eq!(check_bcd(&hex("0012")), Ok(()));
        assert_eq!(check_bcd(&hex("001A")), Err(1));
        // 9 is the last digit, A the first nibble that is not one.
        assert_eq!(check_bcd(&hex("9999")), Ok(()));
        assert_eq!(check_bcd(&hex("99A9")), Err(1));
        // A PAN of 19 digits (the most ISO/IEC 7812 allows), filled with F; one of 20 is
        // refused at its twentieth digit.
        assert_eq!(check_cn_pan(&hex("123456789012345678")), Ok(()));
        assert_eq!(check_cn_pan(&hex("1234567890123456789F")), Ok(()));
        assert_eq!(check_cn_pan(&hex("12345678901234567890")), Err(9));
    }
}
