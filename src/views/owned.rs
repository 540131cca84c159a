//! Owned payloads, the field map, and the builder (feature `alloc`).

use alloc::collections::BTreeMap;
use alloc::format;
use alloc::string::{String, ToString};
use core::fmt;
use core::str::FromStr;

use crate::knowledge::profiles::Profile;
use crate::views::mpm::index::{Index, is_template};
use crate::views::mpm::payload::Payload;
use crate::views::options::DecodeOptions;
use crate::views::profile::apply::check_profile;
use crate::wire::crc;
use crate::wire::error::{Error, ErrorKind, Path};
use crate::wire::tlv::two_digit_text;

/// An owned, validated payload: the twin of [`Payload`] that owns its text.
///
/// `Display` writes the payload; `FromStr` parses it strictly.
///
/// # Examples
/// ```
/// let p: emvqr::PayloadBuf = "00020101021229300012D156000000000510A93FO3230Q31280012D15600000001030812345678520441115802CN5914BEST TRANSPORT6007BEIJING64200002ZH0104最佳运输0202北京540523.7253031565502016233030412340603***0708A60086670902ME91320016A0112233449988770708123456786304A13A".parse()?;
/// assert_eq!(p.as_payload().merchant_city(), Some("BEIJING"));
/// # Ok::<(), emvqr::Error>(())
/// ```
#[derive(Clone)]
pub struct PayloadBuf {
    text: String,
    ix: Index,
}

impl PayloadBuf {
    pub(crate) fn from_parts(text: String, ix: Index) -> PayloadBuf {
        PayloadBuf { text, ix }
    }

    /// Parses and validates strictly.
    ///
    /// # Errors
    /// As [`Payload::parse`].
    ///
    /// # Examples
    /// ```
    /// use emvqr::PayloadBuf;
    /// let text = "00020101021202164111111111111111520454115303840540512.005802US5904SHOP6003NYC6304E78E";
    /// let p = PayloadBuf::parse(text)?;
    /// assert_eq!(p.as_str(), text);
    /// assert_eq!(PayloadBuf::parse("0002").unwrap_err().code(), "length_overrun");
    /// # Ok::<(), emvqr::Error>(())
    /// ```
    pub fn parse(text: &str) -> Result<PayloadBuf, Error> {
        Self::parse_with(text, &DecodeOptions::strict())
    }

    /// Parses and validates with options.
    ///
    /// # Errors
    /// As [`Payload::parse_with`].
    ///
    /// # Examples
    /// ```
    /// use emvqr::{DecodeOptions, Leniency, PayloadBuf};
    /// let text = "00020101021202164111111111111111520454115303840540512.005802US5904SHOP6003NYC6304e78e";
    /// let opts = DecodeOptions::strict().allow(Leniency::LowercaseCrc);
    /// let p = PayloadBuf::parse_with(text, &opts)?;
    /// assert_eq!(p.into_string(), text);
    /// # Ok::<(), emvqr::Error>(())
    /// ```
    pub fn parse_with(text: &str, options: &DecodeOptions) -> Result<PayloadBuf, Error> {
        Ok(Payload::parse_with(text, options)?.to_owned_payload())
    }

    /// The borrowed view, with every accessor.
    #[must_use]
    pub fn as_payload(&self) -> Payload<'_> {
        Payload::from_parts(&self.text, self.ix)
    }

    /// The payload text.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The payload text, owned.
    #[must_use]
    pub fn into_string(self) -> String {
        self.text
    }

    /// A builder for a new payload.
    ///
    /// # Examples
    /// ```
    /// use emvqr::{PayloadBuf, PayloadBuilder};
    /// assert_eq!(PayloadBuf::builder().encode_unchecked()?, PayloadBuilder::new().encode_unchecked()?);
    /// # Ok::<(), emvqr::Error>(())
    /// ```
    pub fn builder() -> PayloadBuilder {
        PayloadBuilder::new()
    }
}

impl fmt::Display for PayloadBuf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl fmt::Debug for PayloadBuf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.as_payload(), f)
    }
}

impl PartialEq for PayloadBuf {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

impl Eq for PayloadBuf {}

impl FromStr for PayloadBuf {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        PayloadBuf::parse(s)
    }
}

impl TryFrom<&str> for PayloadBuf {
    type Error = Error;
    fn try_from(s: &str) -> Result<Self, Error> {
        PayloadBuf::parse(s)
    }
}

impl From<PayloadBuf> for String {
    fn from(p: PayloadBuf) -> String {
        p.text
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for PayloadBuf {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.text)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for PayloadBuf {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        PayloadBuf::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// A value in a [`FieldMap`]: a primitive's text, or a template's sub-objects.
///
/// # Examples
/// ```
/// use emvqr::{FieldValue, PayloadBuf};
/// let text = "00020101021202164111111111111111520454115303840540512.005802US5904SHOP6003NYC6304E78E";
/// let map = PayloadBuf::parse(text)?.as_payload().field_map();
/// assert_eq!(map.get("59"), Some(&FieldValue::Text("SHOP".into())));
/// # Ok::<(), emvqr::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(untagged))]
pub enum FieldValue {
    /// A primitive value.
    Text(String),
    /// A template: sub-ID (two digits) to value.
    Template(BTreeMap<String, String>),
}

/// Every root object by two-digit ID; templates (26–51, 62, 64, 80–99) as maps of their
/// sub-objects. The shape of the CLI's `fields` and of the vectors in `spec/`.
///
/// # Examples
/// ```
/// use emvqr::{FieldMap, FieldValue, PayloadBuilder};
/// let mut map = FieldMap::new();
/// map.insert("00".into(), FieldValue::Text("01".into()));
/// map.insert("02".into(), FieldValue::Text("4111111111111111".into()));
/// map.insert("52".into(), FieldValue::Text("5411".into()));
/// map.insert("53".into(), FieldValue::Text("840".into()));
/// map.insert("58".into(), FieldValue::Text("US".into()));
/// map.insert("59".into(), FieldValue::Text("SHOP".into()));
/// map.insert("60".into(), FieldValue::Text("NYC".into()));
/// let p = PayloadBuilder::from_field_map(&map)?.build()?;
/// assert_eq!(p.as_payload().merchant_name(), Some("SHOP"));
/// # Ok::<(), emvqr::Error>(())
/// ```
pub type FieldMap = BTreeMap<String, FieldValue>;

impl Payload<'_> {
    /// The payload as a [`FieldMap`] (63 included).
    ///
    /// # Examples
    /// ```
    /// use emvqr::{FieldValue, PayloadBuf};
    /// let text = "00020101021202164111111111111111520454115303840540512.005802US5904SHOP6003NYC6304E78E";
    /// let map = PayloadBuf::parse(text)?.as_payload().field_map();
    /// assert_eq!(map.get("63"), Some(&FieldValue::Text("E78E".into())));
    /// assert_eq!(map.len(), 10);
    /// # Ok::<(), emvqr::Error>(())
    /// ```
    #[must_use]
    pub fn field_map(&self) -> FieldMap {
        let mut map = FieldMap::new();
        for o in self.objects() {
            let value = match self.template(o.id) {
                Some(t) => FieldValue::Template(
                    t.fields()
                        .map(|s| (format!("{:02}", s.id), s.value.to_string()))
                        .collect(),
                ),
                None => FieldValue::Text(o.value.to_string()),
            };
            map.insert(format!("{:02}", o.id), value);
        }
        map
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Value {
    Text(String),
    Template(BTreeMap<u8, String>),
}

/// Builds a payload: typed setters, ascending canonical order, lengths and CRC computed.
///
/// [`build`](PayloadBuilder::build) refuses anything the decoder would reject, with the same
/// errors (offsets then refer to the encoded text).
///
/// # Examples
/// ```
/// use emvqr::PayloadBuilder;
/// let p = PayloadBuilder::new()
///     .dynamic()
///     .merchant_template(26, "br.gov.bcb.pix", &[(1, "123e4567-e12b-12d1-a456-426655440000")])
///     .merchant_category_code("0000")
///     .currency("986")
///     .amount("10.00")
///     .country("BR")
///     .merchant_name("FULANO DE TAL")
///     .merchant_city("BRASILIA")
///     .additional_data(5, "***")
///     .build()?;
/// assert_eq!(p.as_payload().amount().map(|a| a.as_str()), Some("10.00"));
/// assert!(p.as_str().starts_with("000201010212"));
/// # Ok::<(), emvqr::Error>(())
/// ```
#[must_use]
#[derive(Debug, Clone, Default)]
pub struct PayloadBuilder {
    objects: BTreeMap<u8, Value>,
    options: DecodeOptions,
    profile: Option<Profile>,
}

impl PayloadBuilder {
    /// A builder with the Payload Format Indicator `01` set.
    pub fn new() -> PayloadBuilder {
        PayloadBuilder::default().object(0, "01")
    }

    /// Validate the result with these options instead of the strict default.
    ///
    /// # Examples
    /// ```
    /// use emvqr::{DecodeOptions, Leniency, PayloadBuilder};
    /// let b = PayloadBuilder::new()
    ///     .merchant_account(2, "4111111111111111")
    ///     .merchant_category_code("5411")
    ///     .currency("840")
    ///     .amount("0")
    ///     .country("US")
    ///     .merchant_name("SHOP")
    ///     .merchant_city("NYC");
    /// assert_eq!(b.build().unwrap_err().code(), "invalid_amount");
    /// let p = b.options(DecodeOptions::strict().allow(Leniency::ZeroAmount)).build()?;
    /// assert_eq!(p.as_payload().warnings()[0].code(), "invalid_amount");
    /// # Ok::<(), emvqr::Error>(())
    /// ```
    pub fn options(mut self, options: DecodeOptions) -> PayloadBuilder {
        self.options = options;
        self
    }

    /// Build for a scheme profile: [`build`](Self::build) then refuses a payload without the
    /// profile's merchant account template (`<profile>.account`) and applies the profile's rules
    /// even when the options turn profiles off, with the errors the decoder gives.
    ///
    /// # Examples
    /// ```
    /// use emvqr::{PayloadBuilder, Profile};
    /// let e = PayloadBuilder::new()
    ///     .profile(Profile::Pix)
    ///     .merchant_template(26, "br.gov.bcb.pix", &[(1, "+55-61-91234-5678")])
    ///     .merchant_category_code("0000")
    ///     .currency("986")
    ///     .country("BR")
    ///     .merchant_name("FULANO DE TAL")
    ///     .merchant_city("BRASILIA")
    ///     .additional_data(5, "***")
    ///     .build()
    ///     .unwrap_err();
    /// assert_eq!(e.rule(), Some("pix.key"));
    /// ```
    pub fn profile(mut self, profile: Profile) -> PayloadBuilder {
        self.profile = Some(profile);
        self
    }

    /// Sets a primitive root object (replacing any previous value).
    ///
    /// # Examples
    /// ```
    /// use emvqr::PayloadBuilder;
    /// // Any primitive by ID; the builder still writes IDs in ascending order.
    /// let text = PayloadBuilder::new().object(59, "SHOP").object(52, "5411").encode_unchecked()?;
    /// assert!(text.starts_with("00020152045411"));
    /// # Ok::<(), emvqr::Error>(())
    /// ```
    pub fn object(mut self, id: u8, value: &str) -> PayloadBuilder {
        self.objects.insert(id, Value::Text(value.into()));
        self
    }

    /// Sets one sub-object of a template (26–51, 62, 64, 80–99), creating the template.
    ///
    /// # Examples
    /// ```
    /// use emvqr::PayloadBuilder;
    /// let p = PayloadBuilder::new()
    ///     .merchant_account(2, "4111111111111111")
    ///     .merchant_category_code("5411")
    ///     .currency("840")
    ///     .country("US")
    ///     .merchant_name("SHOP")
    ///     .merchant_city("NYC")
    ///     .template_field(62, 1, "INV-42")
    ///     .build()?;
    /// assert!(p.as_str().contains("62100106INV-42"));
    /// # Ok::<(), emvqr::Error>(())
    /// ```
    pub fn template_field(mut self, id: u8, sub: u8, value: &str) -> PayloadBuilder {
        let entry = self
            .objects
            .entry(id)
            .or_insert_with(|| Value::Template(BTreeMap::new()));
        if let Value::Text(_) = entry {
            *entry = Value::Template(BTreeMap::new());
        }
        if let Value::Template(m) = entry {
            m.insert(sub, value.into());
        }
        self
    }

    /// Point of initiation `11`: a static code.
    pub fn static_code(self) -> PayloadBuilder {
        self.object(1, "11")
    }

    /// Point of initiation `12`: a dynamic code.
    pub fn dynamic(self) -> PayloadBuilder {
        self.object(1, "12")
    }

    /// A primitive merchant account (02–25), such as a Visa merchant PAN in 02.
    pub fn merchant_account(self, id: u8, value: &str) -> PayloadBuilder {
        self.object(id, value)
    }

    /// A merchant account template (26–51): GUID plus network-specific sub-objects.
    pub fn merchant_template(
        mut self,
        id: u8,
        guid: &str,
        fields: &[(u8, &str)],
    ) -> PayloadBuilder {
        self.objects.remove(&id);
        let mut b = self.template_field(id, 0, guid);
        for (sub, v) in fields {
            b = b.template_field(id, *sub, v);
        }
        b
    }

    /// An unreserved template (80–99): GUID plus sub-objects.
    ///
    /// # Examples
    /// ```
    /// use emvqr::PayloadBuilder;
    /// let p = PayloadBuilder::new()
    ///     .merchant_account(2, "4111111111111111")
    ///     .merchant_category_code("5411")
    ///     .currency("840")
    ///     .country("US")
    ///     .merchant_name("SHOP")
    ///     .merchant_city("NYC")
    ///     .unreserved_template(80, "com.example.loyalty", &[(1, "MEMBER-7")])
    ///     .build()?;
    /// let t = p.as_payload().unreserved_templates().next().unwrap();
    /// assert_eq!((t.id(), t.guid()), (80, Some("com.example.loyalty")));
    /// # Ok::<(), emvqr::Error>(())
    /// ```
    pub fn unreserved_template(self, id: u8, guid: &str, fields: &[(u8, &str)]) -> PayloadBuilder {
        self.merchant_template(id, guid, fields)
    }

    /// Merchant Category Code (52).
    pub fn merchant_category_code(self, mcc: &str) -> PayloadBuilder {
        self.object(52, mcc)
    }

    /// Transaction currency (53), ISO 4217 numeric.
    pub fn currency(self, numeric: &str) -> PayloadBuilder {
        self.object(53, numeric)
    }

    /// Transaction amount (54), as exact decimal text (`"23.72"`).
    pub fn amount(self, amount: &str) -> PayloadBuilder {
        self.object(54, amount)
    }

    /// Tip indicator `01`: the consumer is prompted for a tip.
    pub fn tip_prompt(self) -> PayloadBuilder {
        self.object(55, "01")
    }

    /// Tip indicator `02` with a fixed convenience fee (56).
    pub fn fixed_fee(self, fee: &str) -> PayloadBuilder {
        self.object(55, "02").object(56, fee)
    }

    /// Tip indicator `03` with a percentage convenience fee (57).
    ///
    /// # Examples
    /// ```
    /// use emvqr::{PayloadBuilder, Tip};
    /// let p = PayloadBuilder::new()
    ///     .merchant_account(2, "4111111111111111")
    ///     .merchant_category_code("5411")
    ///     .currency("840")
    ///     .percentage_fee("3.5")
    ///     .country("US")
    ///     .merchant_name("SHOP")
    ///     .merchant_city("NYC")
    ///     .build()?;
    /// assert_eq!(p.as_payload().tip(), Some(Tip::Percentage("3.5")));
    /// # Ok::<(), emvqr::Error>(())
    /// ```
    pub fn percentage_fee(self, percent: &str) -> PayloadBuilder {
        self.object(55, "03").object(57, percent)
    }

    /// Country code (58), ISO 3166-1 alpha-2.
    pub fn country(self, alpha2: &str) -> PayloadBuilder {
        self.object(58, alpha2)
    }

    /// Merchant name (59).
    pub fn merchant_name(self, name: &str) -> PayloadBuilder {
        self.object(59, name)
    }

    /// Merchant city (60).
    pub fn merchant_city(self, city: &str) -> PayloadBuilder {
        self.object(60, city)
    }

    /// Postal code (61).
    pub fn postal_code(self, code: &str) -> PayloadBuilder {
        self.object(61, code)
    }

    /// One sub-object of the additional data template (62), e.g. 05 reference label.
    pub fn additional_data(self, sub: u8, value: &str) -> PayloadBuilder {
        self.template_field(62, sub, value)
    }

    /// The language template (64): language, name and optional city.
    ///
    /// # Examples
    /// ```
    /// use emvqr::PayloadBuilder;
    /// let p = PayloadBuilder::new()
    ///     .merchant_account(2, "4111111111111111")
    ///     .merchant_category_code("5411")
    ///     .currency("156")
    ///     .country("CN")
    ///     .merchant_name("BEST TRANSPORT")
    ///     .merchant_city("BEIJING")
    ///     .language("ZH", "最佳运输", Some("北京"))
    ///     .build()?;
    /// let lang = p.as_payload().language().unwrap();
    /// assert_eq!((lang.merchant_name(), lang.merchant_city()), (Some("最佳运输"), Some("北京")));
    /// # Ok::<(), emvqr::Error>(())
    /// ```
    pub fn language(self, language: &str, name: &str, city: Option<&str>) -> PayloadBuilder {
        let b = self
            .template_field(64, 0, language)
            .template_field(64, 1, name);
        match city {
            Some(c) => b.template_field(64, 2, c),
            None => b,
        }
    }

    /// A builder from a [`FieldMap`] (63, if present, is ignored: the builder writes the CRC).
    ///
    /// # Errors
    /// [`ErrorKind::InvalidId`] for a key that is not a two-digit ID, or a sub-object map given
    /// for a primitive ID (or text for a template ID).
    ///
    /// # Examples
    /// ```
    /// use emvqr::{FieldMap, FieldValue, PayloadBuilder};
    /// let mut map = FieldMap::new();
    /// map.insert("5X".into(), FieldValue::Text("SHOP".into()));
    /// assert_eq!(PayloadBuilder::from_field_map(&map).unwrap_err().code(), "invalid_id");
    /// ```
    pub fn from_field_map(map: &FieldMap) -> Result<PayloadBuilder, Error> {
        fn id_of(key: &str, path: Path) -> Result<u8, Error> {
            let b = key.as_bytes();
            match b {
                [a @ b'0'..=b'9', c @ b'0'..=b'9'] => Ok(a
                    .wrapping_sub(b'0')
                    .wrapping_mul(10)
                    .wrapping_add(c.wrapping_sub(b'0'))),
                _ => Err(Error::new(ErrorKind::InvalidId, 0, path)),
            }
        }
        let mut b = PayloadBuilder::default();
        for (k, v) in map {
            let id = id_of(k, Path::ROOT)?;
            if id == 63 {
                continue;
            }
            match v {
                // An unreserved ID may hold a scheme's primitive value (DuitNow's 82): the
                // validation of the built payload decides.
                FieldValue::Text(t) if !is_template(id) || matches!(id, 80..=99) => {
                    b = b.object(id, t);
                }
                FieldValue::Template(m) if is_template(id) => {
                    for (sk, sv) in m {
                        let sub = id_of(sk, Path::id(id))?;
                        b = b.template_field(id, sub, sv);
                    }
                }
                _ => return Err(Error::new(ErrorKind::InvalidFormat, 0, Path::id(id))),
            }
        }
        Ok(b)
    }

    /// Encodes the payload text without validating it (lengths and CRC are still computed).
    ///
    /// # Errors
    /// [`ErrorKind::Unencodable`] for an empty value or one over 99 characters, and
    /// [`ErrorKind::RfuId`] for RFU objects, which a generator must never emit.
    ///
    /// # Examples
    /// ```
    /// use emvqr::PayloadBuilder;
    /// // Unchecked: a payload missing its mandatory objects is still written, with its CRC.
    /// let text = PayloadBuilder::new().merchant_name("SHOP").encode_unchecked()?;
    /// assert!(text.starts_with("0002015904SHOP6304"));
    /// assert_eq!(PayloadBuilder::new().merchant_name("SHOP").build().unwrap_err().code(), "missing_mandatory");
    /// # Ok::<(), emvqr::Error>(())
    /// ```
    pub fn encode_unchecked(&self) -> Result<String, Error> {
        // Bytes, not a `String`: a template's length is written over its placeholder once its
        // sub-objects are in. Only `&str` values and ASCII digits are written.
        let mut out: alloc::vec::Vec<u8> = alloc::vec::Vec::with_capacity(256);
        let mut chars = 0usize;
        for (&id, v) in &self.objects {
            if id == 63 {
                continue;
            }
            let at = |kind, path| Error::new(kind, chars, path);
            if matches!(id, 65..=79) {
                return Err(at(ErrorKind::RfuId, Path::id(id)));
            }
            let unencodable = at(ErrorKind::Unencodable, Path::id(id));
            let n = match v {
                Value::Text(t) => {
                    let n = encodable_len(id, t).ok_or(unencodable)?;
                    push_object(&mut out, id, n, t);
                    n
                }
                Value::Template(m) => {
                    let start = out.len();
                    push_object(&mut out, id, 0, "");
                    let mut inner = 0usize;
                    for (&sub, sv) in m {
                        let path = Path::sub(id, sub);
                        if is_rfu_sub(id, sub) {
                            return Err(at(ErrorKind::RfuId, path));
                        }
                        let n = encodable_len(sub, sv).ok_or(at(ErrorKind::Unencodable, path))?;
                        push_object(&mut out, sub, n, sv);
                        inner = inner.saturating_add(n).saturating_add(4);
                    }
                    let n = Some(inner).filter(|n| id <= 99 && (1..=99).contains(n));
                    let n = n.ok_or(unencodable)?;
                    let len_at = start.saturating_add(2)..start.saturating_add(4);
                    if let (Some(slot), Ok(n8)) = (out.get_mut(len_at), u8::try_from(n)) {
                        slot.copy_from_slice(&digits(n8));
                    }
                    n
                }
            };
            chars = chars.saturating_add(n).saturating_add(4);
        }
        out.extend_from_slice(b"6304");
        let crc = crc::checksum(&out);
        out.extend_from_slice(&crc::to_hex(crc));
        String::from_utf8(out).map_err(|_| Error::new(ErrorKind::Unencodable, 0, Path::ROOT))
    }

    /// Encodes and validates the payload.
    ///
    /// # Errors
    /// As [`encode_unchecked`](Self::encode_unchecked), then any error the decoder (with this
    /// builder's options) reports on the encoded text, then, with a
    /// [`profile`](Self::profile), the profile's `<profile>.account` rule when the payload has
    /// no template of it.
    ///
    /// # Examples
    /// ```
    /// use emvqr::PayloadBuilder;
    /// let p = PayloadBuilder::new()
    ///     .static_code()
    ///     .merchant_account(2, "4111111111111111")
    ///     .merchant_category_code("5411")
    ///     .currency("840")
    ///     .country("US")
    ///     .merchant_name("SHOP")
    ///     .merchant_city("NYC")
    ///     .build()?;
    /// assert_eq!(p.as_payload().merchant_city(), Some("NYC"));
    /// # Ok::<(), emvqr::Error>(())
    /// ```
    pub fn build(&self) -> Result<PayloadBuf, Error> {
        let text = self.encode_unchecked()?;
        let opts = match self.profile {
            Some(_) => self.options.profiles(true),
            None => self.options,
        };
        // The encoder computed the CRC over the bytes before it: the decoder need not. The
        // index is taken out of the payload at once and built into the result (each copy of it
        // costs: the common path makes one).
        let mut out = PayloadBuf {
            ix: Payload::parse_encoded(&text, &opts)?.into_index(),
            text,
        };
        if let Some(profile) = self.profile
            && !out.as_payload().profiles().contains(profile)
        {
            let report = check_profile(&out.as_payload(), profile, &opts)?;
            report
                .warnings()
                .iter()
                .for_each(|w| out.ix.push_warning(*w));
        }
        Ok(out)
    }
}

/// RFU sub-IDs of 62 and 64, which a generator must not emit.
const fn is_rfu_sub(id: u8, sub: u8) -> bool {
    matches!((id, sub), (62, 0 | 12..=49) | (64, 3..=99))
}

/// The length of an object's value in characters when it can be encoded: an ID of at most 99
/// and 1–99 characters.
fn encodable_len(id: u8, value: &str) -> Option<usize> {
    let n = if value.is_ascii() {
        value.len()
    } else {
        value.chars().count()
    };
    (id <= 99 && (1..=99).contains(&n)).then_some(n)
}

/// Writes an object: its ID, its length `n` (below 100) and its value.
fn push_object(out: &mut alloc::vec::Vec<u8>, id: u8, n: usize, value: &str) {
    let [i1, i2] = digits(id);
    let [l1, l2] = digits(u8::try_from(n).unwrap_or(0));
    out.extend_from_slice(&[i1, i2, l1, l2]);
    out.extend_from_slice(value.as_bytes());
}

/// The two ASCII digits of `n` (below 100), as [`two_digit_text`] writes them.
#[inline(always)]
fn digits(n: u8) -> [u8; 2] {
    <[u8; 2]>::try_from(two_digit_text(n).as_bytes()).unwrap_or(*b"00")
}

impl Payload<'_> {
    /// Copies the payload into an owned [`PayloadBuf`](crate::PayloadBuf).
    #[must_use]
    pub fn to_owned_payload(&self) -> PayloadBuf {
        PayloadBuf::from_parts(alloc::string::String::from(self.text), self.ix)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec::Vec;

    const ANNEX_B: &str = "00020101021229300012D156000000000510A93FO3230Q31280012D15600000001030812345678520441115802CN5914BEST TRANSPORT6007BEIJING64200002ZH0104最佳运输0202北京540523.7253031565502016233030412340603***0708A60086670902ME91320016A0112233449988770708123456786304A13A";

    #[test]
    fn field_map_round_trips_through_builder() {
        let p = Payload::parse(ANNEX_B).unwrap();
        let mut map = p.field_map();
        let b = PayloadBuilder::from_field_map(&map).unwrap();
        let rebuilt = b.build().unwrap();
        // Canonical order differs from Annex B's (64 before 54), so the CRC differs.
        let mut again = rebuilt.as_payload().field_map();
        assert_ne!(again.remove("63"), map.remove("63"));
        assert_eq!(again, map);
    }

    #[test]
    fn builder_refuses_what_decoder_refuses() {
        let base = PayloadBuilder::new()
            .merchant_account(2, "4111111111111111")
            .merchant_category_code("5411")
            .currency("840")
            .country("US")
            .merchant_name("SHOP")
            .merchant_city("NYC");
        assert!(base.build().is_ok());
        let e = base.clone().amount("1e3").build().unwrap_err();
        assert_eq!(e.code(), "invalid_amount");
        assert_eq!(e.path(), Path::id(54));
        let e = base
            .clone()
            .merchant_name("LOJA\u{202E}X")
            .build()
            .unwrap_err();
        assert_eq!(e.code(), "invalid_charset");
        let e = base
            .clone()
            .merchant_name(&"x".repeat(100))
            .build()
            .unwrap_err();
        assert_eq!(e.code(), "unencodable");
        let e = base.clone().object(66, "RFU").build().unwrap_err();
        assert_eq!(e.code(), "rfu_id");
        let e = base.clone().object(59, "").build().unwrap_err();
        assert_eq!(e.code(), "unencodable");
        let e = base.clone().fixed_fee("0").build().unwrap_err();
        assert_eq!(e.code(), "invalid_amount");
        // A template whose sub-objects add up to more than 99 characters, written in place.
        let long = "x".repeat(60);
        let e = base
            .clone()
            .merchant_template(26, "br.gov.bcb.pix", &[(1, &long), (2, &long)])
            .build()
            .unwrap_err();
        assert_eq!((e.code(), e.path()), ("unencodable", Path::id(26)));
        // (Not a Pix key: this is about the encoding, so the GUID names no scheme.)
        let ok = base
            .clone()
            .merchant_template(26, "com.example.pay", &[(1, &long)])
            .build()
            .unwrap();
        let t = ok.as_payload().template(26).unwrap();
        assert_eq!(t.value().chars().count(), 19 + 64);
        assert_eq!(t.get(1), Some(long.as_str()));
    }

    #[test]
    fn display_and_from_str() {
        let p: PayloadBuf = ANNEX_B.parse().unwrap();
        assert_eq!(p.to_string(), ANNEX_B);
        let names: Vec<_> = p.as_payload().objects().map(|o| o.id).collect();
        assert_eq!(names.first(), Some(&0));
        assert_eq!(names.last(), Some(&63));
    }
}
