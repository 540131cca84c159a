//! The owned payload, the builder and the field map (feature `alloc`).

use alloc::borrow::ToOwned as _;
use alloc::collections::BTreeMap;
use alloc::string::{String, ToString as _};
use alloc::vec::Vec;
use core::fmt;

use super::payload::{APPLICATION, COMMON, CpmPayload, PFI, PFI_VALUE, is_text_tag};
use super::text::encode_base64;
use crate::knowledge::hex::Hex;
use crate::wire::ber::{self, MAX_DEPTH, Tag, Tlv};
use crate::wire::cpm_error::{Error, ErrorKind, TagPath};
use crate::wire::limits::MAX_CPM_BYTES;

/// One data object of a payload being built: a primitive value or a template of objects.
///
/// # Examples
/// ```
/// use emvqr::ber::Tag;
/// use emvqr::cpm::{ApplicationBuilder, CpmBuilder, Node};
/// // A Common Data Template with its transparent template `64`.
/// let common = vec![
///     Node::primitive(Tag::from_u32(0x5A), &[0x12, 0x34, 0x56, 0x78, 0x90, 0x12, 0x34, 0x58]),
///     Node::template(Tag::from_u32(0x64), vec![Node::primitive(Tag::from_u32(0x9F36), &[0x00, 0x01])]),
/// ];
/// assert_eq!(common[1].tag(), Tag::from_u32(0x64));
/// let p = CpmBuilder::new()
///     .application(ApplicationBuilder::new(&[0xA0, 0x00, 0x00, 0x00, 0x55, 0x55, 0x55]))
///     .application(ApplicationBuilder::new(&[0xA0, 0x00, 0x00, 0x00, 0x66, 0x66, 0x66]))
///     .common(common)
///     .build()?;
/// assert!(p.view().common().and_then(|c| c.transparent()).is_some());
/// # Ok::<(), emvqr::cpm::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub enum Node {
    /// A primitive object.
    Primitive {
        /// Its tag.
        tag: Tag,
        /// Its value.
        value: Vec<u8>,
    },
    /// A constructed object (a template).
    Constructed {
        /// Its tag (bit 6 of the first byte set).
        tag: Tag,
        /// Its objects, in order.
        children: Vec<Node>,
    },
}

impl Node {
    /// A primitive object.
    #[must_use]
    pub fn primitive(tag: Tag, value: &[u8]) -> Node {
        Node::Primitive {
            tag,
            value: value.to_vec(),
        }
    }

    /// A template.
    #[must_use]
    pub fn template(tag: Tag, children: Vec<Node>) -> Node {
        Node::Constructed { tag, children }
    }

    /// The object as read, templates opened (the input is already validated, so at most
    /// [`MAX_DEPTH`] levels deep).
    fn from_tlv(t: &Tlv<'_>) -> Node {
        if t.is_constructed() {
            Node::template(
                t.tag(),
                t.children().flatten().map(|c| Node::from_tlv(&c)).collect(),
            )
        } else {
            Node::primitive(t.tag(), t.value())
        }
    }

    /// The tag.
    #[must_use]
    pub const fn tag(&self) -> Tag {
        match self {
            Node::Primitive { tag, .. } | Node::Constructed { tag, .. } => *tag,
        }
    }

    /// Appends the object with shortest lengths; `None` past [`MAX_DEPTH`] levels or
    /// [`MAX_CPM_BYTES`] bytes.
    fn write(&self, out: &mut Vec<u8>, depth: usize) -> Option<()> {
        if depth > MAX_DEPTH || out.len() > MAX_CPM_BYTES {
            return None;
        }
        match self {
            Node::Primitive { tag, value } => {
                ber::write_header(out, *tag, value.len());
                out.extend_from_slice(value);
            }
            Node::Constructed { tag, children } => {
                let mut inner = Vec::new();
                for c in children {
                    c.write(&mut inner, depth.saturating_add(1))?;
                }
                if inner.len() > MAX_CPM_BYTES {
                    return None;
                }
                ber::write_header(out, *tag, inner.len());
                out.extend_from_slice(&inner);
            }
        }
        Some(())
    }
}

impl fmt::Debug for Node {
    /// Tags and lengths only: a node may hold card data.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Node::Primitive { tag, value } => write!(f, "{tag}[{} bytes]", value.len()),
            Node::Constructed { tag, children } => {
                write!(f, "{tag}")?;
                f.debug_list().entries(children).finish()
            }
        }
    }
}

/// A validated consumer-presented payload that owns its BER bytes.
///
/// # Examples
/// ```
/// use emvqr::cpm::CpmPayloadBuf;
/// let text = "hQVDUFYwMWEaTwegAAAAVVVVVw8SNFZ4kBI0WNGRIgESNF8=";
/// let p = CpmPayloadBuf::from_base64(text)?;
/// assert_eq!(p.view().aids().count(), 1);
/// // Owned bytes round-trip exactly.
/// assert_eq!(CpmPayloadBuf::parse(p.as_bytes())?, p);
/// assert_eq!(p.to_base64(), text);
/// # Ok::<(), emvqr::cpm::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct CpmPayloadBuf {
    ber: Vec<u8>,
}

impl CpmPayloadBuf {
    /// Validates and copies raw BER bytes.
    ///
    /// # Errors
    /// As [`CpmPayload::parse`].
    pub fn parse(ber: &[u8]) -> Result<CpmPayloadBuf, Error> {
        CpmPayload::parse(ber).map(|p| CpmPayloadBuf::from(&p))
    }

    /// Decodes and validates the scanned base64 text.
    ///
    /// # Errors
    /// As [`CpmPayload::parse_base64`].
    ///
    /// # Examples
    /// ```
    /// use emvqr::cpm::CpmPayloadBuf;
    /// let e = CpmPayloadBuf::from_base64("hQVDUFYwMWEaTwegAAAAVVVVVw8SNFZ4kBI0WNGRIgESNF8").unwrap_err();
    /// assert_eq!(e.code(), "base64_padding");
    /// ```
    pub fn from_base64(text: impl AsRef<[u8]>) -> Result<CpmPayloadBuf, Error> {
        let mut buf = [0u8; MAX_CPM_BYTES];
        CpmPayload::parse_base64(text, &mut buf).map(|p| CpmPayloadBuf::from(&p))
    }

    /// The borrowed view.
    #[must_use]
    pub fn view(&self) -> CpmPayload<'_> {
        CpmPayload::locate(&self.ber)
    }

    /// The BER bytes.
    #[must_use]
    pub fn as_bytes(&self) -> &[u8] {
        &self.ber
    }

    /// The text for a QR symbol: standard, padded base64.
    #[must_use]
    pub fn to_base64(&self) -> String {
        encode_base64(&self.ber)
    }
}

impl From<&CpmPayload<'_>> for CpmPayloadBuf {
    fn from(p: &CpmPayload<'_>) -> CpmPayloadBuf {
        CpmPayloadBuf {
            ber: p.as_bytes().to_vec(),
        }
    }
}

impl fmt::Debug for CpmPayloadBuf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.view(), f)
    }
}

/// Builds a consumer-presented payload: `85` `CPV01` first, then the objects in the order
/// given, each with the shortest length encoding. [`CpmBuilder::build`] checks the result with
/// the decoder's rules, so the builder never produces a payload the decoder refuses.
///
/// # Examples
/// ```
/// use emvqr::cpm::{ApplicationBuilder, CpmBuilder};
/// let payload = CpmBuilder::new()
///     .application(
///         ApplicationBuilder::new(&[0xA0, 0x00, 0x00, 0x00, 0x55, 0x55, 0x55])
///             .track2("1234567890123458D191220112345"),
///     )
///     .build()?;
/// assert_eq!(payload.to_base64(), "hQVDUFYwMWEaTwegAAAAVVVVVw8SNFZ4kBI0WNGRIgESNF8=");
/// # Ok::<(), emvqr::cpm::Error>(())
/// ```
#[derive(Clone, Debug, Default)]
pub struct CpmBuilder {
    objects: Vec<Node>,
}

impl CpmBuilder {
    /// An empty builder (the Payload Format Indicator is added by [`build`](CpmBuilder::build)).
    #[must_use]
    pub fn new() -> CpmBuilder {
        CpmBuilder::default()
    }

    /// Every object after the Payload Format Indicator, in payload order, to re-encode a
    /// decoded payload (byte for byte: decoded payloads use shortest lengths).
    ///
    /// # Examples
    /// ```
    /// use emvqr::cpm::{CpmBuilder, CpmPayloadBuf};
    /// let text = "hQVDUFYwMWETTwegAAAAVVVVUAhQcm9kdWN0MWETTwegAAAAZmZmUAhQcm9kdWN0MmJJWggSNFZ4kBI0WF8gDkNBUkRIT0xERVIvRU1WXy0IcnVlc2RlZW5kIZ8QBwYBCgMAAACfJghYT9OF+iNLzJ82AgABnzcEbVjvEw==";
    /// let p = CpmPayloadBuf::from_base64(text)?;
    /// let again = CpmBuilder::from_payload(&p.view()).build()?;
    /// assert_eq!(again, p);
    /// # Ok::<(), emvqr::cpm::Error>(())
    /// ```
    #[must_use]
    pub fn from_payload(p: &CpmPayload<'_>) -> CpmBuilder {
        CpmBuilder {
            objects: p.objects().skip(1).map(|t| Node::from_tlv(&t)).collect(),
        }
    }

    /// Adds an application template (`61`).
    #[must_use]
    pub fn application(mut self, app: ApplicationBuilder) -> CpmBuilder {
        self.objects.push(Node::template(APPLICATION, app.objects));
        self
    }

    /// Adds the Common Data Template (`62`).
    #[must_use]
    pub fn common(mut self, objects: Vec<Node>) -> CpmBuilder {
        self.objects.push(Node::template(COMMON, objects));
        self
    }

    /// Adds any object at the root (another template).
    ///
    /// # Examples
    /// ```
    /// use emvqr::ber::Tag;
    /// use emvqr::cpm::{ApplicationBuilder, CpmBuilder, Node};
    /// // A root template other than 61 and 62 comes last and is kept as it is.
    /// let other = Node::template(Tag::from_u32(0x7F01), vec![Node::primitive(Tag::from_u32(0x9F36), &[0, 1])]);
    /// let p = CpmBuilder::new()
    ///     .application(ApplicationBuilder::new(&[0xA0, 0x00, 0x00, 0x00, 0x55, 0x55, 0x55]).pan("1234567890123458"))
    ///     .object(other)
    ///     .build()?;
    /// assert_eq!(p.view().other_templates().count(), 1);
    /// # Ok::<(), emvqr::cpm::Error>(())
    /// ```
    #[must_use]
    pub fn object(mut self, node: Node) -> CpmBuilder {
        self.objects.push(node);
        self
    }

    /// The BER bytes, checked by [`CpmPayload::parse`].
    ///
    /// # Errors
    /// `too_long` or `ber_depth` when the objects cannot be written; otherwise the decoder's
    /// error for the written bytes (offsets into them).
    ///
    /// # Examples
    /// ```
    /// use emvqr::cpm::{ApplicationBuilder, CpmBuilder};
    /// // An application template needs a PAN or Track 2: the decoder's rule refuses it.
    /// let e = CpmBuilder::new()
    ///     .application(ApplicationBuilder::new(&[0xA0, 0x00, 0x00, 0x00, 0x55, 0x55, 0x55]))
    ///     .build()
    ///     .unwrap_err();
    /// assert_eq!(e.path().to_string(), "61.5A");
    /// ```
    pub fn build(&self) -> Result<CpmPayloadBuf, Error> {
        let mut ber = Vec::new();
        ber::write_header(&mut ber, PFI, PFI_VALUE.len());
        ber.extend_from_slice(PFI_VALUE);
        for o in &self.objects {
            if o.write(&mut ber, 1).is_none() {
                let kind = if ber.len() > MAX_CPM_BYTES {
                    ErrorKind::TooLong
                } else {
                    ErrorKind::BerDepth
                };
                return Err(Error::new(kind, 0, TagPath::of(o.tag())));
            }
        }
        CpmPayloadBuf::parse(&ber)
    }
}

/// The objects of one application template (`61`), in the order added.
///
/// # Examples
/// ```
/// use emvqr::ber::Tag;
/// use emvqr::cpm::{ApplicationBuilder, CpmBuilder};
/// let p = CpmBuilder::new()
///     .application(
///         ApplicationBuilder::new(&[0xA0, 0x00, 0x00, 0x00, 0x55, 0x55, 0x55])
///             .label("Product1")
///             .pan("1234567890123458")
///             .cardholder_name("CARDHOLDER/EMV")
///             .language("en")
///             .object(Tag::from_u32(0x9F08), &[0x00, 0x10]),
///     )
///     .build()?;
/// let app = p.view().applications().next().unwrap();
/// assert_eq!((app.label(), app.language()), (Some("Product1"), Some("en")));
/// assert_eq!(app.pan().map(|p| p.to_string()), Some("123456******3458".to_string()));
/// # Ok::<(), emvqr::cpm::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct ApplicationBuilder {
    objects: Vec<Node>,
}

/// BCD nibbles of a digit string: `0`–`9`, `D` (separator), and `F` padding to a whole
/// byte. Any other character becomes nibble `E`, which the final check refuses.
fn bcd(digits: &str) -> Vec<u8> {
    let nib = |c: u8| match c {
        b'0'..=b'9' => c.wrapping_sub(b'0'),
        b'D' | b'd' => 0xD,
        _ => 0xE,
    };
    digits
        .as_bytes()
        .chunks(2)
        .map(|pair| match pair {
            [a, b] => nib(*a) << 4 | nib(*b),
            [a] => nib(*a) << 4 | 0xF,
            _ => 0xFF,
        })
        .collect()
}

impl ApplicationBuilder {
    /// A template with its ADF Name (`4F`).
    #[must_use]
    pub fn new(aid: &[u8]) -> ApplicationBuilder {
        ApplicationBuilder {
            objects: alloc::vec![Node::primitive(Tag::from_u32(0x4F), aid)],
        }
    }

    /// Application Label (`50`).
    #[must_use]
    pub fn label(self, label: &str) -> ApplicationBuilder {
        self.object(Tag::from_u32(0x50), label.as_bytes())
    }

    /// Track 2 Equivalent Data (`57`) from its digits and the separator `D`
    /// (`"1234567890123458D191220112345"`); `F` padding is added when needed.
    #[must_use]
    pub fn track2(self, track: &str) -> ApplicationBuilder {
        self.object(Tag::from_u32(0x57), &bcd(track))
    }

    /// Application PAN (`5A`) from its digits; `F` padding is added when needed.
    #[must_use]
    pub fn pan(self, digits: &str) -> ApplicationBuilder {
        self.object(Tag::from_u32(0x5A), &bcd(digits))
    }

    /// Cardholder Name (`5F20`).
    #[must_use]
    pub fn cardholder_name(self, name: &str) -> ApplicationBuilder {
        self.object(Tag::from_u32(0x5F20), name.as_bytes())
    }

    /// Language Preference (`5F2D`).
    #[must_use]
    pub fn language(self, codes: &str) -> ApplicationBuilder {
        self.object(Tag::from_u32(0x5F2D), codes.as_bytes())
    }

    /// Issuer URL (`5F50`).
    #[must_use]
    pub fn issuer_url(self, url: &str) -> ApplicationBuilder {
        self.object(Tag::from_u32(0x5F50), url.as_bytes())
    }

    /// The Application Specific Transparent Template (`63`).
    ///
    /// # Examples
    /// ```
    /// use emvqr::ber::Tag;
    /// use emvqr::cpm::{ApplicationBuilder, CpmBuilder, Node};
    /// let cryptogram = Node::primitive(Tag::from_u32(0x9F26), &[0x11; 8]);
    /// let p = CpmBuilder::new()
    ///     .application(
    ///         ApplicationBuilder::new(&[0xA0, 0x00, 0x00, 0x00, 0x55, 0x55, 0x55])
    ///             .track2("1234567890123458D191220112345")
    ///             .transparent(vec![cryptogram]),
    ///     )
    ///     .build()?;
    /// let app = p.view().applications().next().unwrap();
    /// assert_eq!(app.transparent().map(|t| t.path().to_string()), Some("61.63".to_string()));
    /// # Ok::<(), emvqr::cpm::Error>(())
    /// ```
    #[must_use]
    pub fn transparent(mut self, objects: Vec<Node>) -> ApplicationBuilder {
        self.objects
            .push(Node::template(Tag::from_u32(0x63), objects));
        self
    }

    /// Any primitive object.
    #[must_use]
    pub fn object(mut self, tag: Tag, value: &[u8]) -> ApplicationBuilder {
        self.objects.push(Node::primitive(tag, value));
        self
    }
}

/// A value of the field map: upper-case hex or text, a template, or the values of a repeated
/// tag.
///
/// # Examples
/// ```
/// use emvqr::cpm::{CpmField, CpmPayloadBuf};
/// let p = CpmPayloadBuf::from_base64("hQVDUFYwMWEaTwegAAAAVVVVVw8SNFZ4kBI0WNGRIgESNF8=")?;
/// let map = p.view().field_map();
/// assert_eq!(map.get("85"), Some(&CpmField::Value("4350563031".into())));
/// let aid = CpmField::Value("A0000000555555".into());
/// assert!(matches!(map.get("61"), Some(CpmField::Template(app)) if app.get("4F") == Some(&aid)));
/// # Ok::<(), emvqr::cpm::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(untagged))]
pub enum CpmField {
    /// Upper-case hex, or text for `50`, `5F20`, `5F2D` and `5F50` in `61` and `62`.
    Value(String),
    /// A template's objects.
    Template(CpmFieldMap),
    /// Every occurrence of a repeated tag, in payload order (two `61`).
    List(Vec<CpmField>),
}

/// Tags (upper-case hex) to values: the `fields` of `emvqr decode --json` for a CPM code.
///
/// It holds card data in the clear: for a terminal integration, never for a log.
///
/// # Examples
/// ```
/// use emvqr::cpm::{CpmField, CpmFieldMap, CpmPayloadBuf};
/// let p = CpmPayloadBuf::from_base64("hQVDUFYwMWEaTwegAAAAVVVVVw8SNFZ4kBI0WNGRIgESNF8=")?;
/// let map: CpmFieldMap = p.view().field_map();
/// assert_eq!(map.keys().collect::<Vec<_>>(), ["61", "85"]);
/// assert!(matches!(map.get("61"), Some(CpmField::Template(_))));
/// # Ok::<(), emvqr::cpm::Error>(())
/// ```
pub type CpmFieldMap = BTreeMap<String, CpmField>;

/// One level's objects as a map; `masked`: card data as [`super::mask`] prints it.
fn level_map<'a>(objects: impl Iterator<Item = Tlv<'a>>, poi: bool, masked: bool) -> CpmFieldMap {
    let mut map = CpmFieldMap::new();
    for t in objects {
        let value = if t.is_constructed() {
            let poi = t.tag() == APPLICATION || t.tag() == COMMON;
            CpmField::Template(level_map(t.children().flatten(), poi, masked))
        } else if let Some(m) = super::mask(t.tag(), t.value()).filter(|_| masked) {
            CpmField::Value(m.to_string())
        } else {
            match core::str::from_utf8(t.value()) {
                Ok(text) if poi && is_text_tag(t.tag()) => CpmField::Value(text.to_owned()),
                _ => CpmField::Value(Hex(t.value()).to_string()),
            }
        };
        let key = t.tag().to_string();
        match map.remove(&key) {
            None => {
                map.insert(key, value);
            }
            Some(CpmField::List(mut list)) => {
                list.push(value);
                map.insert(key, CpmField::List(list));
            }
            Some(first) => {
                map.insert(key, CpmField::List(alloc::vec![first, value]));
            }
        }
    }
    map
}

impl CpmPayload<'_> {
    /// Every object as a map of tags to values (card data in the clear).
    #[must_use]
    pub fn field_map(&self) -> CpmFieldMap {
        level_map(self.objects(), false, false)
    }

    /// Every object as a map of tags to values, card data masked ([`super::mask`]): for a log
    /// or a screen.
    ///
    /// # Examples
    /// ```
    /// use emvqr::cpm::{CpmField, CpmPayloadBuf};
    /// let p = CpmPayloadBuf::from_base64("hQVDUFYwMWEaTwegAAAAVVVVVw8SNFZ4kBI0WNGRIgESNF8=")?;
    /// let Some(CpmField::Template(app)) = p.view().field_map_masked().remove("61") else {
    ///     panic!("no application template");
    /// };
    /// assert_eq!(app.get("57"), Some(&CpmField::Value("123456******3458D************".into())));
    /// # Ok::<(), emvqr::cpm::Error>(())
    /// ```
    #[must_use]
    pub fn field_map_masked(&self) -> CpmFieldMap {
        level_map(self.objects(), false, true)
    }
}

#[cfg(test)]
#[allow(clippy::arithmetic_side_effects)]
mod tests {
    use super::*;

    #[test]
    fn builder_refuses_what_the_decoder_refuses() {
        let e = CpmBuilder::new()
            .application(ApplicationBuilder::new(&[0xA0, 0, 0, 0, 0x55]).pan("12345678x"))
            .build()
            .unwrap_err();
        assert_eq!(
            (e.code(), e.path().to_string().as_str()),
            ("invalid_format", "61.5A")
        );
        let e = CpmBuilder::new().build().unwrap_err();
        assert_eq!(e.code(), "missing_application_template");
        let mut deep = Node::primitive(Tag::from_u32(0x5A), &[1]);
        for _ in 0..6 {
            deep = Node::template(Tag::from_u32(0x61), alloc::vec![deep]);
        }
        assert_eq!(
            CpmBuilder::new().object(deep).build().unwrap_err().code(),
            "ber_depth"
        );
    }

    #[test]
    fn long_values_use_long_lengths() {
        let url = "mailto:".to_owned() + &"a".repeat(300);
        let p = CpmBuilder::new()
            .application(
                ApplicationBuilder::new(&[0xA0, 0, 0, 0, 0x55])
                    .pan("1234567890123458")
                    .issuer_url(&url),
            )
            .build()
            .unwrap();
        let view = p.view();
        assert_eq!(
            view.applications().next().unwrap().issuer_url(),
            Some(url.as_str())
        );
        assert_eq!(CpmBuilder::from_payload(&view).build().unwrap(), p);
        assert_eq!(view.warnings().count(), 0);
    }
}
