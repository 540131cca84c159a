//! Universal scan: classify any scanned text and list the providers it names.
//!
//! Four format families are tried on the whole input:
//!
//! * **mpm**: the text reads as an EMV merchant-presented payload; each merchant account
//!   (02–51, payload order) is matched against the registry (primitive IDs, GUIDs, AIDs,
//!   KHQR-style account IDs). Unreserved templates 80–99 are never candidates. A payload whose
//!   structure reads but which breaks a rule is still `mpm`, with its candidates, and
//!   [`Scan::mpm_error`] says which rule: routing refuses it (`invalid_payload`).
//! * **cpm**: the text starts with `hQVDUFY` (base64 of `85 05 "CPV"`, EMV CPM §5.1) or with a
//!   registered non-EMV CPM prefix (JPQR `hQVKUFFS`), and is all base64 characters.
//! * **url**: a registered provider URL code (`wxp://`, `https://qr.alipay.com/`, ...), all
//!   printable ASCII without spaces.
//! * **paycode**: ASCII digits only, matching at least one wallet payment-code rule.
//!
//! A text over [`MAX_INPUT_BYTES`](crate::MAX_INPUT_BYTES) (the largest QR byte-mode payload) is
//! always [`Kind::Unknown`].
//!
//! Exactly one family must match for the kind to be that family; none gives
//! [`Kind::Unknown`], more than one [`Kind::Ambiguous`]. Scanning allocates nothing: candidates
//! go in a fixed array of [`MAX_CANDIDATES`]; beyond it the extra ones are dropped and
//! [`Scan::overflowed`] is set (routing then refuses to choose).
//!
//! A wallet that decodes the payload anyway (to show the merchant) calls [`scan_payload`] on
//! the decoded [`Payload`] instead, so the text is not decoded twice. Two templates naming the
//! same provider with different accounts are recorded as [`Scan::conflict`].
//!
//! The embedded registry carries a generated lookup index (exact GUIDs and AIDs sorted by their
//! ASCII lower-case form, and the rules of each family listed apart), so a merchant account
//! tries only the rules that can match it; a registry built at run time is matched rule by rule.
//! Both give the same candidates in the same order (`Registry::unindexed`, tested).

use crate::knowledge::identifier::{
    Matcher, Rule, guid_matches, hex_bytes_match, paycode_matches, url_form_match, url_matches,
};
use crate::knowledge::registry::Registry;
use crate::knowledge::scheme;
use crate::views::cpm::payload::CpmPayload;
use crate::views::cpm::text::CPM_PREFIX;
use crate::views::mpm::payload::{MerchantAccount, Payload, Template};
use crate::views::options::DecodeOptions;
use crate::wire::error::Error;
use crate::wire::limits::{MAX_CPM_BYTES, MAX_INPUT_BYTES};

/// The most candidates a scan keeps.
///
/// # Examples
/// ```
/// // A payload whose templates 26–42 all name Tenpay: 17 candidates, one too many.
/// let mut text = String::from("000201");
/// for id in 26..=42 {
///     text += &format!("{id}140010com.tenpay");
/// }
/// text += "5204581253031565802CN5912NOODLE HOUSE6008SHANGHAI6304";
/// let crc = emvqr::crc::to_hex(emvqr::crc::checksum(text.as_bytes()));
/// text += core::str::from_utf8(&crc).unwrap();
/// let s = emvqr::scan(&text);
/// assert_eq!(s.candidate_count(), emvqr::scan::MAX_CANDIDATES);
/// assert!(s.overflowed());
/// // Routing refuses a scan that did not see every candidate.
/// let table = emvqr::RoutingTable::embedded("tenpay").unwrap();
/// let refusal = emvqr::route(&text, &table).refusal();
/// assert_eq!(refusal.map(|r| r.code()), Some("too_many_candidates"));
/// ```
pub const MAX_CANDIDATES: usize = 16;

/// The format family of a scanned text.
///
/// # Examples
/// ```
/// use emvqr::Kind;
/// const PIX: &str = "00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-4266554400005204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***63041D3D";
/// assert_eq!(emvqr::scan(PIX).kind(), Kind::Mpm);
/// assert_eq!(emvqr::scan("https://qr.alipay.com/fkx12345").kind(), Kind::Url);
/// assert_eq!(emvqr::scan("hello").kind(), Kind::Unknown);
/// assert_eq!(Kind::Paycode.code(), "paycode");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Kind {
    /// EMV merchant-presented mode payload.
    Mpm,
    /// Consumer-presented code (EMV CPM or a registered non-EMV CPM format).
    Cpm,
    /// A provider's URL code.
    Url,
    /// A wallet payment code (digits).
    Paycode,
    /// No family matched.
    Unknown,
    /// More than one family matched the whole input.
    Ambiguous,
}

impl Kind {
    /// Stable snake_case name (`mpm`, `cpm`, `url`, `paycode`, `unknown`, `ambiguous`).
    #[must_use]
    pub const fn code(self) -> &'static str {
        match self {
            Kind::Mpm => "mpm",
            Kind::Cpm => "cpm",
            Kind::Url => "url",
            Kind::Paycode => "paycode",
            Kind::Unknown => "unknown",
            Kind::Ambiguous => "ambiguous",
        }
    }

    const fn bit(self) -> u8 {
        match self {
            Kind::Mpm => 1,
            Kind::Cpm => 2,
            Kind::Url => 4,
            Kind::Paycode => 8,
            Kind::Unknown | Kind::Ambiguous => 0,
        }
    }
}

/// Which kind of registry rule matched.
///
/// # Examples
/// ```
/// use emvqr::MatchedBy;
/// const CODE: &str = "0002010102111516620000001234567826280010com.tenpay0110190001234527480010COM.ALIPAY0130https://qr.alipay.com/fkx123455204581253031565802CN5912NOODLE HOUSE6008SHANGHAI63043D87";
/// let how: Vec<_> = emvqr::scan(CODE).candidates().map(|c| c.matched_by).collect();
/// assert_eq!(how, [MatchedBy::PrimitiveId, MatchedBy::Guid, MatchedBy::Guid]);
/// assert_eq!(MatchedBy::PrimitiveId.code(), "primitive_id");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum MatchedBy {
    /// A primitive merchant account ID (02–25).
    PrimitiveId,
    /// A template GUID.
    Guid,
    /// A template GUID that is an AID.
    Aid,
    /// A template account ID (KHQR).
    AccountId,
    /// A URL prefix.
    Url,
    /// An `https` URL path prefix on any host.
    UrlPath,
    /// A wallet payment-code rule.
    Paycode,
    /// A CPM application identifier (tag 4F).
    CpmAid,
    /// A non-EMV CPM text prefix.
    CpmFormat,
}

impl MatchedBy {
    /// Stable snake_case name (`primitive_id`, `guid`, `aid`, ...).
    #[must_use]
    pub const fn code(self) -> &'static str {
        match self {
            MatchedBy::PrimitiveId => "primitive_id",
            MatchedBy::Guid => "guid",
            MatchedBy::Aid => "aid",
            MatchedBy::AccountId => "account_id",
            MatchedBy::Url => "url",
            MatchedBy::UrlPath => "url_path",
            MatchedBy::Paycode => "paycode",
            MatchedBy::CpmAid => "cpm_aid",
            MatchedBy::CpmFormat => "cpm_format",
        }
    }

    const fn of(m: &Matcher<'_>) -> MatchedBy {
        match m {
            Matcher::PrimitiveId { .. } => MatchedBy::PrimitiveId,
            Matcher::Guid { .. } => MatchedBy::Guid,
            Matcher::Aid { .. } => MatchedBy::Aid,
            Matcher::AccountId { .. } => MatchedBy::AccountId,
            Matcher::Url { .. } | Matcher::UrlForm { .. } => MatchedBy::Url,
            Matcher::UrlPath { .. } => MatchedBy::UrlPath,
            Matcher::Paycode { .. } => MatchedBy::Paycode,
            Matcher::CpmAid { .. } => MatchedBy::CpmAid,
            Matcher::CpmFormat { .. } => MatchedBy::CpmFormat,
        }
    }
}

/// A provider the scanned text names, with what matched.
///
/// # Examples
/// ```
/// const CODE: &str = "0002010102111516620000001234567826280010com.tenpay0110190001234527480010COM.ALIPAY0130https://qr.alipay.com/fkx123455204581253031565802CN5912NOODLE HOUSE6008SHANGHAI63043D87";
/// let s = emvqr::scan(CODE);
/// let c = s.candidate(1).unwrap();
/// assert_eq!((c.provider, c.id, c.matched, c.template), ("tenpay", Some(26), "com.tenpay", true));
/// let first = s.candidate(0).unwrap();
/// assert_eq!((first.provider, first.id, first.template), ("unionpay", Some(15), false));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Candidate<'a> {
    /// The provider id.
    pub provider: &'a str,
    /// The kind of rule that matched.
    pub matched_by: MatchedBy,
    /// The index of the rule in the registry.
    pub rule: usize,
    /// The merchant account ID (02–51) for MPM candidates.
    pub id: Option<u8>,
    /// The text that matched: the primitive's value, the GUID, or the whole input.
    pub matched: &'a str,
    /// Whether the candidate is a merchant account template (26–51).
    pub template: bool,
    /// The institution the code names, where its form says (the captured run of a
    /// [`Matcher::UrlForm`]): the acquiring institution of a UnionPay code, the operating
    /// institution of an e-CNY code.
    pub institution: Option<&'a str>,
}

impl Candidate<'_> {
    /// The wallets whose codes an acquirer's candidate stands for (SwiftPass: WeChat Pay and
    /// Alipay), from the embedded table; empty for a wallet's or a scheme's own candidate.
    ///
    /// # Examples
    /// ```
    /// let s = emvqr::scan("https://app.wepayez.com/spay/scanQr?qrcodeId=ca88737518a9466bbfb923644f4338d9---B");
    /// let c = s.candidate(0).unwrap();
    /// assert_eq!((c.provider, c.serves()), ("swiftpass", &["tenpay", "alipay"][..]));
    /// ```
    #[must_use]
    pub fn serves(&self) -> &'static [&'static str] {
        scheme::serves(self.provider)
    }
}

/// A candidate as stored: the rule's index, the merchant account ID (0 outside MPM) and the
/// text that matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Slot<'a> {
    rule: u32,
    id: u8,
    matched: &'a str,
    /// The institution the code names, or empty.
    institution: &'a str,
}

/// The result of [`scan`]: the kind and the candidates, in payload order (registry order
/// within one account).
///
/// # Examples
/// ```
/// use emvqr::Kind;
/// const CODE: &str = "0002010102111516620000001234567826280010com.tenpay0110190001234527480010COM.ALIPAY0130https://qr.alipay.com/fkx123455204581253031565802CN5912NOODLE HOUSE6008SHANGHAI63043D87";
/// let s = emvqr::scan(CODE);
/// assert_eq!(s.kind(), Kind::Mpm);
/// assert_eq!(s.families().collect::<Vec<_>>(), [Kind::Mpm]);
/// assert_eq!(s.candidate_count(), 3);
/// let providers: Vec<_> = s.candidates().map(|c| c.provider).collect();
/// assert_eq!(providers, ["unionpay", "tenpay", "alipay"]);
/// assert!(s.candidate(3).is_none());
/// assert!(!s.overflowed());
/// assert_eq!(s.conflict(), None);
/// assert_eq!(s.mpm_error(), None);
///
/// // A URL code is not an MPM payload: `mpm_error` says why.
/// let url = emvqr::scan("https://qr.alipay.com/fkx12345");
/// assert_eq!(url.kind(), Kind::Url);
/// assert!(url.mpm_error().is_some());
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Scan<'a> {
    kind: Kind,
    families: u8,
    rules: &'a [Rule<'a>],
    slots: [Slot<'a>; MAX_CANDIDATES],
    len: usize,
    overflowed: bool,
    conflict: Option<&'a str>,
    mpm_error: Option<Error>,
}

impl<'a> Scan<'a> {
    pub(crate) fn empty(rules: &'a [Rule<'a>]) -> Scan<'a> {
        Scan {
            kind: Kind::Unknown,
            families: 0,
            rules,
            slots: [Slot {
                rule: 0,
                id: 0,
                matched: "",
                institution: "",
            }; MAX_CANDIDATES],
            len: 0,
            overflowed: false,
            conflict: None,
            mpm_error: None,
        }
    }

    /// Records rule `rule` as a candidate, for merchant account `id` (0 outside MPM).
    fn push(&mut self, rule: usize, id: u8, matched: &'a str) {
        self.push_institution(rule, id, matched, "");
    }

    /// [`Scan::push`] of a code that names its institution.
    fn push_institution(&mut self, rule: usize, id: u8, matched: &'a str, institution: &'a str) {
        let Ok(rule) = u32::try_from(rule) else {
            return;
        };
        match self.slots.get_mut(self.len) {
            Some(slot) => {
                *slot = Slot {
                    rule,
                    id,
                    matched,
                    institution,
                };
                self.len = self.len.saturating_add(1);
            }
            None => self.overflowed = true,
        }
    }

    fn rule(&self, slot: &Slot<'a>) -> Option<&'a Rule<'a>> {
        self.rules.get(usize::try_from(slot.rule).ok()?)
    }

    fn expand(&self, slot: &Slot<'a>) -> Candidate<'a> {
        // Every stored slot names a rule of `self.rules` (it was found there).
        let (provider, matched_by) = self.rule(slot).map_or(("", MatchedBy::Guid), |r| {
            (r.provider, MatchedBy::of(&r.matcher))
        });
        Candidate {
            provider,
            matched_by,
            rule: usize::try_from(slot.rule).unwrap_or(usize::MAX),
            id: (slot.id != 0).then_some(slot.id),
            matched: slot.matched,
            template: is_account_template(slot.id),
            institution: (!slot.institution.is_empty()).then_some(slot.institution),
        }
    }

    fn family(&mut self, kind: Kind) {
        self.families |= kind.bit();
    }

    fn finish(&mut self) {
        self.kind = match self.families.count_ones() {
            0 => Kind::Unknown,
            1 => self.families().next().unwrap_or(Kind::Unknown),
            _ => Kind::Ambiguous,
        };
    }

    /// The format family.
    #[must_use]
    pub const fn kind(&self) -> Kind {
        self.kind
    }

    /// Every family that matched the whole input (more than one when [`Kind::Ambiguous`]).
    pub fn families(&self) -> impl Iterator<Item = Kind> + use<> {
        let bits = self.families;
        [Kind::Mpm, Kind::Cpm, Kind::Url, Kind::Paycode]
            .into_iter()
            .filter(move |k| bits & k.bit() != 0)
    }

    /// The candidates, in order.
    pub fn candidates(&self) -> impl ExactSizeIterator<Item = Candidate<'a>> + Clone + '_ {
        self.stored().iter().map(|s| self.expand(s))
    }

    fn stored(&self) -> &[Slot<'a>] {
        self.slots.get(..self.len).unwrap_or(&[])
    }

    /// (provider, merchant account ID or 0) of each candidate.
    pub(crate) fn keys(&self) -> impl Iterator<Item = (&'a str, u8)> + Clone + '_ {
        self.stored()
            .iter()
            .map(|s| (self.rule(s).map_or("", |r| r.provider), s.id))
    }

    /// Candidate `index`.
    #[must_use]
    pub fn candidate(&self, index: usize) -> Option<Candidate<'a>> {
        self.stored().get(index).map(|s| self.expand(s))
    }

    /// How many candidates.
    #[must_use]
    pub const fn candidate_count(&self) -> usize {
        self.len
    }

    /// Whether more than [`MAX_CANDIDATES`] matched (the extra ones are not listed).
    #[must_use]
    pub const fn overflowed(&self) -> bool {
        self.overflowed
    }

    /// A provider named by two merchant accounts with different accounts: two templates with
    /// different sub-objects 01–99, or two primitive IDs with different values (UnionPay's 15
    /// and 16): one could be shown and the other paid.
    #[must_use]
    pub const fn conflict(&self) -> Option<&'a str> {
        self.conflict
    }

    /// Why the text did not decode as a valid EMV MPM payload: set for every non-MPM text,
    /// and for an MPM payload that breaks a rule ([`Scan::is_valid`] is then false; its
    /// structure still reads, so its candidates are listed, and routing refuses it).
    ///
    /// ```
    /// use emvqr::Kind;
    /// // A KHQR code whose dynamic form has no expiry: KHQR's, and invalid.
    /// let text = "00020101021229180014jonhsmith@nbcq520459995303116540750000.05802KH5910Jonh Smith6010Phnom Penh62150211855123456789917001316257134678276304A96B";
    /// let s = emvqr::scan(text);
    /// assert_eq!(s.kind(), Kind::Mpm);
    /// assert_eq!(s.candidate(0).map(|c| c.provider), Some("khqr"));
    /// assert!(!s.is_valid());
    /// assert_eq!(s.mpm_error().and_then(|e| e.rule()), Some("khqr.expiry_missing"));
    /// ```
    #[must_use]
    pub const fn mpm_error(&self) -> Option<Error> {
        self.mpm_error
    }

    /// Whether the text is a valid code of its family: false for an MPM payload that breaks a
    /// rule ([`Scan::mpm_error`] says which), for an ambiguous text and for an unknown one.
    #[must_use]
    pub const fn is_valid(&self) -> bool {
        match self.kind {
            Kind::Mpm => self.mpm_error.is_none(),
            Kind::Unknown | Kind::Ambiguous => false,
            Kind::Cpm | Kind::Url | Kind::Paycode => true,
        }
    }
}

/// A merchant account template ID.
pub(crate) const fn is_account_template(id: u8) -> bool {
    matches!(id, 26..=51)
}

/// Scans with the embedded registry and strict decoding.
///
/// A text that does not decode is not an error: its kind is [`Kind::Unknown`] (or another
/// family), and [`Scan::mpm_error`] says why it is not an MPM payload.
///
/// # Examples
/// ```
/// let s = emvqr::scan("wxp://f2f0YpJfRdX8mWcqH7m1pQWMoHvB");
/// assert_eq!(s.kind().code(), "url");
/// assert_eq!(s.candidate(0).unwrap().provider, "tenpay");
/// ```
#[must_use]
pub fn scan(text: &str) -> Scan<'_> {
    scan_with(&Registry::embedded(), text, &DecodeOptions::strict())
}

/// Scans an already decoded payload (kind [`Kind::Mpm`]): only its merchant accounts are
/// matched. A wallet that decodes the payload to show it routes it without decoding it again.
///
/// # Examples
/// ```
/// use emvqr::{Payload, Registry};
/// const PIX: &str = "00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-4266554400005204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***63041D3D";
/// let payload = Payload::parse(PIX)?;
/// let s = emvqr::scan::scan_payload(&Registry::embedded(), &payload);
/// assert_eq!(s.candidate(0).unwrap().provider, "pix");
/// # Ok::<(), emvqr::Error>(())
/// ```
#[must_use]
pub fn scan_payload<'a>(registry: &Registry<'a>, payload: &Payload<'a>) -> Scan<'a> {
    let mut s = Scan::empty(registry.rules());
    scan_payload_into(&mut s, registry, payload);
    s
}

/// [`scan_payload`] into `s`, an empty scan of the registry's rules.
pub(crate) fn scan_payload_into<'a>(
    s: &mut Scan<'a>,
    registry: &Registry<'a>,
    payload: &Payload<'a>,
) {
    s.family(Kind::Mpm);
    mpm_candidates(s, registry, payload);
    s.finish();
}

/// Scans with a registry and decode options (for the MPM family).
///
/// # Examples
/// ```
/// use emvqr::{DecodeOptions, Registry};
/// let s = emvqr::scan::scan_with(&Registry::embedded(), "https://qr.alipay.com/fkx12345", &DecodeOptions::strict());
/// assert_eq!(s.candidate(0).unwrap().provider, "alipay");
/// ```
#[must_use]
pub fn scan_with<'a>(registry: &Registry<'a>, text: &'a str, options: &DecodeOptions) -> Scan<'a> {
    let rules = registry.rules();
    let mut s = Scan::empty(rules);

    match Payload::parse_with(text, options) {
        Ok(p) => {
            s.family(Kind::Mpm);
            mpm_candidates(&mut s, registry, &p);
        }
        Err(e) => {
            s.mpm_error = Some(e);
            // A code that reads as MPM but breaks a rule still names its providers, so that a
            // wallet can say whose code it refuses (an MPM payload starts with its PFI, `00`).
            if text.starts_with("00")
                && let Ok(p) = Payload::parse_structure(text)
            {
                s.family(Kind::Mpm);
                mpm_candidates(&mut s, registry, &p);
            }
        }
    }
    if text.len() > MAX_INPUT_BYTES {
        // No QR symbol carries more: nothing longer is classified.
        s.finish();
        return s;
    }

    if text.starts_with(EMV_CPM_PREFIX) && is_base64(text) {
        s.family(Kind::Cpm);
        // Each application template's AID names its network, in template order. A code that
        // does not decode stays a CPM code that names no provider.
        let mut buf = [0u8; MAX_CPM_BYTES];
        if let Ok(p) = CpmPayload::parse_base64(text, &mut buf) {
            for aid in p.aids() {
                push_cpm_aid(&mut s, rules, aid);
            }
        }
    }

    // The whole-input checks of each family run only once one of its rules matched. The
    // embedded URL rules are looked up by the code's scheme and host; an MPM payload, which
    // starts with digits, tries none.
    let mut printable = None;
    let mut base64 = None;
    let mut digits = None;
    let url_rules = registry.url_candidates(text);
    for i in registry.whole_candidates().chain(url_rules) {
        let Some(rule) = rules.get(i) else { continue };
        // A URL form's match gives the institution it captures.
        let mut institution = "";
        let family = match rule.matcher {
            Matcher::CpmFormat { prefix } => (!prefix.is_empty()
                && text.starts_with(prefix)
                && *base64.get_or_insert_with(|| is_base64(text)))
            .then_some(Kind::Cpm),
            Matcher::UrlForm { form } => (url_form_match(form, text).is_some_and(|captured| {
                institution = captured;
                true
            }) && *printable
                .get_or_insert_with(|| is_printable(text)))
            .then_some(Kind::Url),
            Matcher::Url { .. } | Matcher::UrlPath { .. } => (url_matches(&rule.matcher, text)
                && *printable.get_or_insert_with(|| is_printable(text)))
            .then_some(Kind::Url),
            Matcher::Paycode {
                pattern,
                min_len,
                max_len,
            } => (*digits.get_or_insert_with(|| text.bytes().all(|b| b.is_ascii_digit()))
                && paycode_matches(pattern, min_len, max_len, text))
            .then_some(Kind::Paycode),
            _ => None,
        };
        if let Some(kind) = family {
            s.family(kind);
            s.push_institution(i, 0, text, institution);
        }
    }
    s.finish();
    s
}

/// Adds one candidate per rule matching a CPM application identifier (the bytes of tag 4F of
/// one application template), in rule order. What matched is the rule's AID (in hex), never
/// the scanned text, which carries card data.
fn push_cpm_aid<'a>(s: &mut Scan<'a>, rules: &'a [Rule<'a>], aid: &[u8]) {
    for (i, rule) in rules.iter().enumerate() {
        if let Matcher::CpmAid { value, prefix } = rule.matcher
            && hex_bytes_match(value, aid, prefix)
        {
            s.push(i, 0, value);
        }
    }
}

fn is_base64(text: &str) -> bool {
    !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'='))
}

/// Printable ASCII without space: the characters of a URL code.
fn is_printable(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| (0x21..=0x7E).contains(&b))
}

/// Base64 of `85 05 "CPV"`: the start of every EMV CPM payload.
///
/// # Examples
/// ```
/// // Base64 of `85 05 "CPV01"`: a consumer-presented code (never log one: it carries card data).
/// let s = emvqr::scan("hQVDUFYwMQ==");
/// assert!("hQVDUFYwMQ==".starts_with(emvqr::scan::EMV_CPM_PREFIX));
/// assert_eq!(s.kind(), emvqr::Kind::Cpm);
/// ```
pub const EMV_CPM_PREFIX: &str = CPM_PREFIX;

fn mpm_candidates<'a>(s: &mut Scan<'a>, registry: &Registry<'a>, p: &Payload<'a>) {
    let rules = registry.rules();
    for account in p.merchant_accounts() {
        match account {
            MerchantAccount::Primitive { id, value, .. } => {
                for i in registry.primitive_candidates() {
                    if let Some(Matcher::PrimitiveId { first, last }) =
                        rules.get(i).map(|r| r.matcher)
                        && (first..=last).contains(&id)
                    {
                        s.push(i, id, value);
                    }
                }
            }
            MerchantAccount::Template(t) => {
                let Some(guid) = t.guid() else { continue };
                let id = t.id();
                if registry.is_embedded() {
                    // The embedded rules are the knowledge table's registered rows: the row
                    // the validation looked up names the rule.
                    if let Some(i) = p.recognised().row(id).and_then(|row| row.registry) {
                        s.push(usize::from(i), id, guid);
                    }
                } else {
                    for (i, r) in rules.iter().enumerate() {
                        if guid_matches(&r.matcher, id, guid) {
                            s.push(i, id, guid);
                        }
                    }
                }
            }
        }
    }
    s.conflict = conflicting_accounts(s, p);
}

/// The first provider named by two templates with different accounts.
/// Two templates, or two primitive accounts (UnionPay's 15 and 16, Visa's 02 and 03), of one
/// provider with different accounts. A primitive account and a template of one provider hold
/// their accounts in different forms and are not compared.
fn conflicting_accounts<'a>(s: &Scan<'a>, p: &Payload<'a>) -> Option<&'a str> {
    for (i, (pa, ida)) in s.keys().enumerate() {
        for (pb, idb) in s.keys().skip(i.saturating_add(1)) {
            if pa != pb || ida == idb || is_account_template(ida) != is_account_template(idb) {
                continue;
            }
            let differ = if is_account_template(ida) {
                matches!((p.template(ida), p.template(idb)),
                    (Some(ta), Some(tb)) if !same_account(&ta, &tb))
            } else {
                matches!(ida, 2..=25) && matches!(idb, 2..=25) && p.get(ida) != p.get(idb)
            };
            if differ {
                return Some(pa);
            }
        }
    }
    None
}

/// Two templates hold the same account: the same sub-objects 01–99 with the same values
/// (the GUID, sub-ID 00, may differ in case).
fn same_account(a: &Template<'_>, b: &Template<'_>) -> bool {
    let count = |t: &Template<'_>| t.fields().filter(|f| f.id != 0).count();
    count(a) == count(b)
        && a.fields()
            .filter(|f| f.id != 0)
            .all(|f| b.get(f.id) == Some(f.value))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::knowledge::registry::{CaseRule, Provider};

    #[test]
    fn url_and_paycode_colliding_is_ambiguous() {
        // A run-time registry whose URL rule is a bare digit prefix collides with a paycode.
        let providers = [Provider {
            id: "x",
            name: "X",
            source: "test",
        }];
        let rules = [
            Rule {
                provider: "x",
                matcher: Matcher::Url {
                    prefix: "62",
                    case: CaseRule::Exact,
                },
                source: "test",
            },
            Rule {
                provider: "x",
                matcher: Matcher::Paycode {
                    pattern: "62",
                    min_len: 19,
                    max_len: 19,
                },
                source: "test",
            },
        ];
        let reg = Registry::new(&providers, &rules);
        let s = scan_with(&reg, "6212345678901234567", &DecodeOptions::strict());
        assert_eq!(s.kind(), Kind::Ambiguous);
        assert_eq!(s.families().count(), 2);
        assert_eq!(s.candidates().len(), 2);
        assert_eq!(s.candidate_count(), 2);
    }

    #[test]
    fn overflow_is_reported() {
        let providers = [Provider {
            id: "x",
            name: "X",
            source: "test",
        }];
        let rule = Rule {
            provider: "x",
            matcher: Matcher::Paycode {
                pattern: "1",
                min_len: 1,
                max_len: 30,
            },
            source: "test",
        };
        let rules = [rule; MAX_CANDIDATES + 1];
        let reg = Registry::new(&providers, &rules);
        let s = scan_with(&reg, "123", &DecodeOptions::strict());
        assert_eq!(s.kind(), Kind::Paycode);
        assert_eq!(s.candidates().len(), MAX_CANDIDATES);
        assert!(s.overflowed());
    }

    #[test]
    fn over_the_size_cap_is_unknown() {
        let mut long = [b'1'; crate::MAX_INPUT_BYTES + 1];
        long[..6].copy_from_slice(b"wxp://");
        let text = core::str::from_utf8(&long).unwrap();
        let s = scan(text);
        assert_eq!(s.kind(), Kind::Unknown);
        assert_eq!(s.candidate_count(), 0);
        assert_eq!(
            s.mpm_error().map(|e| e.kind()),
            Some(crate::ErrorKind::TooLong)
        );
        // One byte shorter, it is read (and is no code a URL form allows).
        let at_cap = scan(&text[..crate::MAX_INPUT_BYTES]);
        assert_ne!(
            at_cap.mpm_error().map(|e| e.kind()),
            Some(crate::ErrorKind::TooLong)
        );
    }

    #[test]
    fn cpm_aid_candidates() {
        let reg = Registry::embedded();
        let text = "hQVDUFYwMWEaTwegAAAAVVVVVw8SNFZ4kBI0WNGRIgESNF8=";
        let mut s = scan_with(&reg, text, &DecodeOptions::strict());
        push_cpm_aid(&mut s, reg.rules(), &[0xA0, 0, 0, 0x03, 0x33, 1, 1, 2]);
        push_cpm_aid(&mut s, reg.rules(), &[0xA0, 0, 0, 0, 0x55, 0x55, 0x55]);
        let got: [(&str, MatchedBy); 1] = [("unionpay", MatchedBy::CpmAid)];
        assert!(s.candidates().map(|c| (c.provider, c.matched_by)).eq(got));
    }

    #[test]
    fn decoded_cpm_names_its_network_without_echoing_card_data() {
        // A UnionPay debit AID (A000000333010101) with a Track 2 Equivalent.
        let text = "hQVDUFYwMWFOTwigAAADMwEBAVcRYgAAAAAAAAXTASIBEjRWeJBfNAEBYyufJghaPBECnkewbZ8nAYCfEAkHAQEBA6AAAAGfNgIAKoICfACfNwQSNFZ4";
        let s = scan(text);
        assert_eq!(s.kind(), Kind::Cpm);
        let got: Vec<_> = s
            .candidates()
            .map(|c| (c.provider, c.matched_by, c.matched))
            .collect();
        assert_eq!(got.len(), 1);
        assert_eq!(
            got.first().map(|g| (g.0, g.1)),
            Some(("unionpay", MatchedBy::CpmAid))
        );
        assert!(got.iter().all(|g| !g.2.contains("hQVDUFY")));
    }

    #[test]
    fn emv_cpm_prefix() {
        let s = scan("hQVDUFYwMWEaTwegAAAAVVVVVw8SNFZ4kBI0WNGRIgESNF8=");
        assert_eq!(s.kind(), Kind::Cpm);
        // Not all base64 characters: not CPM.
        assert_eq!(scan("hQVDUFY wMWE").kind(), Kind::Unknown);
    }

    #[test]
    fn only_ids_26_to_51_are_templates() {
        // The unified code of spec/route/route.json: UnionPay in primitive 15, Tenpay and
        // Alipay in templates 26 and 27.
        let s = scan(
            "0002010102111516620000001234567826280010com.tenpay0110190001234527480010COM.ALIPAY0130https://qr.alipay.com/fkx123455204581253031565802CN5912NOODLE HOUSE6008SHANGHAI63043D87",
        );
        let found: Vec<_> = s
            .candidates()
            .map(|c| (c.provider, c.id, c.template))
            .collect();
        assert_eq!(
            found,
            [
                ("unionpay", Some(15), false),
                ("tenpay", Some(26), true),
                ("alipay", Some(27), true)
            ]
        );
        // A URL code has no merchant account ID and no template.
        let s = scan("https://qr.alipay.com/fkx12345");
        let c = s.candidate(0).unwrap();
        assert_eq!((c.provider, c.id, c.template), ("alipay", None, false));
        for id in [0u8, 2, 15, 25, 52, 62, 80, 99] {
            assert!(!is_account_template(id), "{id}");
        }
        for id in [26u8, 40, 51] {
            assert!(is_account_template(id), "{id}");
        }
    }

    /// A static CNY code with templates 26 and 27 of the given values, sealed with its CRC.
    fn two_templates(v26: &str, v27: &str) -> String {
        let (n26, n27) = (v26.len(), v27.len());
        let body = format!(
            "00020101021126{n26:02}{v26}27{n27:02}{v27}\
             5204581253031565802CN5912NOODLE HOUSE6008SHANGHAI6304"
        );
        let crc = crate::wire::crc::to_hex(crate::wire::crc::checksum(body.as_bytes()));
        format!("{body}{}", core::str::from_utf8(&crc).unwrap())
    }

    #[test]
    fn a_template_with_one_more_sub_object_is_another_account() {
        let a = "0010com.tenpay01101900012345";
        let same = two_templates(a, "0010COM.TENPAY01101900012345");
        assert_eq!(scan(&same).kind(), Kind::Mpm);
        assert_eq!(scan(&same).conflict(), None);
        // The second template holds everything the first does, and a sub-object 02 more.
        let more = two_templates(a, "0010com.tenpay011019000123450201X");
        assert_eq!(scan(&more).kind(), Kind::Mpm);
        assert_eq!(scan(&more).conflict(), Some("tenpay"));
        let fewer = two_templates("0010com.tenpay011019000123450201X", a);
        assert_eq!(scan(&fewer).conflict(), Some("tenpay"));
    }
}
