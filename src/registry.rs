//! The provider registry: which provider a merchant account, URL, wallet payment code or CPM
//! application identifier belongs to.
//!
//! The registry is data. Its source of truth is `spec/registry/providers.json` (documented in
//! `spec/README.md`); `spec/tools/gen_registry.py` turns it into the `static` tables embedded
//! here, so [`Registry::embedded`] needs no allocator. With the `alloc` feature a
//! [`RegistryBuf`] holds a registry built or extended at run time (deserialized with the
//! `serde` feature); its [`RegistryBuf::view`] is the same borrowed [`Registry`], so one matching
//! code serves both.
//!
//! Matching is exact unless a rule says otherwise: GUIDs compare byte for byte, or ASCII
//! case-insensitively where the provider's rule says so ([`CaseRule`]); nothing is trimmed and
//! no Unicode case folding is ever applied. AIDs match as a prefix only where the rule declares
//! `prefix`.

#[rustfmt::skip]
mod tables;

#[cfg(feature = "alloc")]
use alloc::vec::Vec;

/// A provider: a network, scheme or wallet that codes can name.
///
/// # Examples
/// ```
/// let r = emvqr::Registry::embedded();
/// let tenpay = r.provider("tenpay").unwrap();
/// assert_eq!(tenpay.name, "Tenpay / WeChat Pay");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Provider<'a> {
    /// Stable lower-case id (`unionpay`, `pix`, `thai-billpay`).
    pub id: &'a str,
    /// Display name.
    pub name: &'a str,
    /// Provenance of the entry.
    pub source: &'a str,
}

/// How a GUID or URL prefix compares.
///
/// # Examples
/// ```
/// let r = emvqr::Registry::embedded();
/// // Alipay's URL prefix compares ASCII case-insensitively.
/// assert_eq!(r.match_url("HTTPS://QR.ALIPAY.COM/fkx17923").next().map(|rule| rule.provider), Some("alipay"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum CaseRule {
    /// Byte for byte.
    Exact,
    /// ASCII letters in either case; every other byte exactly (never Unicode case folding).
    AsciiInsensitive,
}

impl CaseRule {
    fn eq(self, a: &[u8], b: &[u8]) -> bool {
        match self {
            CaseRule::Exact => a == b,
            CaseRule::AsciiInsensitive => a == b || eq_fold(a, b),
        }
    }

    fn starts_with(self, text: &[u8], prefix: &[u8]) -> bool {
        text.get(..prefix.len())
            .is_some_and(|head| self.eq(head, prefix))
    }
}

/// What a rule matches.
///
/// # Examples
/// ```
/// use emvqr::registry::{Matcher, Rule};
/// let rule = Rule {
///     provider: "examplepay",
///     matcher: Matcher::Paycode { pattern: "9[0-4]", min_len: 18, max_len: 18 },
///     source: "example",
/// };
/// let rules = [rule];
/// let r = emvqr::Registry::new(&[], &rules);
/// assert_eq!(r.match_paycode("934567890123456789").count(), 1);
/// assert_eq!(r.match_paycode("954567890123456789").count(), 0);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(tag = "kind", rename_all = "snake_case"))]
pub enum Matcher<'a> {
    /// A primitive merchant account ID in `first..=last` (02–25).
    PrimitiveId {
        /// First ID.
        first: u8,
        /// Last ID.
        last: u8,
    },
    /// A template GUID (sub-ID 00 of a template in `templates`, default 26–51), equal under
    /// `case`.
    Guid {
        /// The GUID.
        value: &'a str,
        /// Its case rule.
        case: CaseRule,
        /// The template IDs it is recognised in, first and last.
        #[cfg_attr(feature = "serde", serde(default = "all_templates"))]
        templates: [u8; 2],
    },
    /// A template GUID that is an AID (in a template in `templates`, default 26–51):
    /// hexadecimal digits in either case; equal, or, only when `prefix` is declared, starting
    /// with `value`.
    Aid {
        /// The AID in hex.
        value: &'a str,
        /// Whether longer AIDs starting with `value` match.
        prefix: bool,
        /// The template IDs it is recognised in, first and last.
        #[cfg_attr(feature = "serde", serde(default = "all_templates"))]
        templates: [u8; 2],
    },
    /// A template in `first..=last` whose sub-ID 00 is an account ID containing `contains`
    /// (KHQR's `name@bank`) rather than a GUID.
    AccountId {
        /// First template ID.
        first: u8,
        /// Last template ID.
        last: u8,
        /// Text the account ID contains.
        contains: &'a str,
    },
    /// A URL code starting with `prefix` (scheme, host and path start).
    Url {
        /// The prefix.
        prefix: &'a str,
        /// Its case rule.
        case: CaseRule,
    },
    /// An `https://HOST` URL (any host of letters, digits, `.` and `-`, scheme in any case)
    /// whose path starts with `path_prefix`, exactly.
    UrlPath {
        /// The path prefix, from its `/`.
        path_prefix: &'a str,
    },
    /// A wallet payment code: ASCII digits only, `min_len..=max_len` long, starting with
    /// `pattern`. A pattern is a sequence of a digit, `.` (any digit) or a class `[0-57-9]`;
    /// a malformed pattern matches nothing.
    Paycode {
        /// The leading pattern.
        pattern: &'a str,
        /// Shortest length.
        min_len: u8,
        /// Longest length.
        max_len: u8,
    },
    /// A CPM application identifier (tag 4F), in hex; equal, or starting with `value` when
    /// `prefix` is declared (EMV CPM §5.1 partial selection).
    CpmAid {
        /// The AID in hex.
        value: &'a str,
        /// Whether longer AIDs starting with `value` match.
        prefix: bool,
    },
    /// A non-EMV consumer-presented code recognised by its text prefix (JPQR `hQVKUFFS`).
    CpmFormat {
        /// The prefix, exact.
        prefix: &'a str,
    },
}

/// Merchant account templates 26–51: the default range of GUID and AID rules.
///
/// # Examples
/// ```
/// use emvqr::registry::{ALL_TEMPLATES, Matcher};
/// let r = emvqr::Registry::embedded();
/// let pix = r.match_template(26, "br.gov.bcb.pix").next().unwrap();
/// assert!(matches!(pix.matcher, Matcher::Guid { templates, .. } if templates == ALL_TEMPLATES));
/// ```
pub const ALL_TEMPLATES: [u8; 2] = [26, 51];

#[cfg(feature = "serde")]
const fn all_templates() -> [u8; 2] {
    ALL_TEMPLATES
}

fn in_range(range: [u8; 2], id: u8) -> bool {
    let [first, last] = range;
    (first..=last).contains(&id)
}

/// One matching rule of the registry.
///
/// # Examples
/// ```
/// let r = emvqr::Registry::embedded();
/// let rule = r.match_primitive(15).next().unwrap();
/// assert_eq!(rule.provider, "unionpay");
/// assert!(!rule.source.is_empty());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Rule<'a> {
    /// The provider id it names.
    pub provider: &'a str,
    /// What it matches.
    #[cfg_attr(feature = "serde", serde(rename = "match"))]
    pub matcher: Matcher<'a>,
    /// Provenance.
    pub source: &'a str,
}

/// A borrowed registry: providers and rules. Cheap to copy. Two registries are equal when
/// their providers and rules are.
///
/// # Examples
/// ```
/// let r = emvqr::Registry::embedded();
/// assert!(r.providers().len() > 10 && !r.rules().is_empty());
/// let guid: Vec<_> = r.match_template(26, "br.gov.bcb.pix").map(|rule| rule.provider).collect();
/// assert_eq!(guid, ["pix"]);
/// // The index changes speed, never answers.
/// assert!(r.match_template(26, "br.gov.bcb.pix").eq(r.unindexed().match_template(26, "br.gov.bcb.pix")));
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Registry<'a> {
    providers: &'a [Provider<'a>],
    rules: &'a [Rule<'a>],
    index: Option<&'static RuleIndex>,
}

impl PartialEq for Registry<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.providers == other.providers && self.rules == other.rules
    }
}

impl Eq for Registry<'_> {}

/// Lookups over the embedded rules, generated with them: the same rules are tried as by a
/// linear pass, fewer of them per input.
#[derive(Debug)]
pub(crate) struct RuleIndex {
    /// Exact GUID and AID rules: (value in ASCII lower case, rule index), sorted by length, then
    /// value, then rule index.
    pub(crate) keys: &'static [(&'static str, u16)],
    /// Template rules the keys do not cover (prefix AIDs, account IDs), in rule order.
    pub(crate) template_other: &'static [u16],
    /// Primitive ID rules, in rule order.
    pub(crate) primitive: &'static [u16],
    /// URL, payment-code and CPM-format rules, in rule order.
    pub(crate) whole: &'static [u16],
}

/// Rule indexes to try: all of them, or a listed subset.
#[derive(Debug, Clone)]
pub(crate) enum Indices<'i> {
    All(core::ops::Range<usize>),
    Listed(core::slice::Iter<'i, u16>),
}

impl Iterator for Indices<'_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        match self {
            Indices::All(r) => r.next(),
            Indices::Listed(it) => it.next().map(|&i| usize::from(i)),
        }
    }
}

/// The order of the index keys: by length, then by bytes after ASCII lower-casing (so most
/// comparisons end at the lengths).
#[cfg(test)]
fn cmp_ascii_lower(a: &str, b: &str) -> core::cmp::Ordering {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return a.len().cmp(&b.len());
    }
    if a == b {
        return core::cmp::Ordering::Equal;
    }
    for (x, y) in a.iter().zip(b) {
        let (x, y) = (x.to_ascii_lowercase(), y.to_ascii_lowercase());
        if x != y {
            return x.cmp(&y);
        }
    }
    core::cmp::Ordering::Equal
}

impl Default for Registry<'static> {
    fn default() -> Self {
        Self::embedded()
    }
}

impl<'a> Registry<'a> {
    /// The registry embedded in the crate (generated from `spec/registry/providers.json`).
    ///
    /// # Examples
    /// ```
    /// let r = emvqr::Registry::embedded();
    /// assert!(r.provider("unionpay").is_some() && r.provider("nowhere").is_none());
    /// ```
    #[must_use]
    pub const fn embedded() -> Registry<'static> {
        Registry {
            providers: &tables::PROVIDERS,
            rules: &tables::RULES,
            index: Some(&tables::INDEX),
        }
    }

    /// A registry over the given slices.
    #[must_use]
    pub const fn new(providers: &'a [Provider<'a>], rules: &'a [Rule<'a>]) -> Registry<'a> {
        Registry {
            providers,
            rules,
            index: None,
        }
    }

    /// The same registry without its lookup index (every rule tried in turn).
    #[must_use]
    pub const fn unindexed(self) -> Registry<'a> {
        Registry {
            providers: self.providers,
            rules: self.rules,
            index: None,
        }
    }

    fn pick(&self, listed: impl FnOnce(&'static RuleIndex) -> &'static [u16]) -> Indices<'static> {
        match self.index {
            Some(ix) => Indices::Listed(listed(ix).iter()),
            None => Indices::All(0..self.rules.len()),
        }
    }

    /// Rules to try for a primitive merchant account.
    pub(crate) fn primitive_candidates(&self) -> Indices<'static> {
        self.pick(|ix| ix.primitive)
    }

    /// Rules to try on the whole input (URL, payment code, CPM format).
    pub(crate) fn whole_candidates(&self) -> Indices<'static> {
        self.pick(|ix| ix.whole)
    }

    /// Calls `f` with the index of every rule that may match a template's GUID, in rule order
    /// (each still to be checked with the rule itself).
    pub(crate) fn template_candidates(&self, guid: &str, mut f: impl FnMut(usize)) {
        let Some(ix) = self.index else {
            (0..self.rules.len()).for_each(f);
            return;
        };
        // Keys equal to `guid` ignoring ASCII case form one run of the sorted keys, among those
        // of its length (found by comparing lengths only).
        let n = guid.len();
        let start = ix.keys.partition_point(|(k, _)| k.len() < n);
        let run = ix
            .keys
            .get(start..)
            .unwrap_or(&[])
            .iter()
            .take_while(|(k, _)| k.len() == n)
            .filter(|(k, _)| eq_fold(k.as_bytes(), guid.as_bytes()))
            .map(|&(_, i)| i);
        // Merge the run (sorted by rule index) with the other template rules, in rule order.
        let mut a = run.peekable();
        let mut b = ix.template_other.iter().copied().peekable();
        loop {
            let next = match (a.peek(), b.peek()) {
                (Some(&x), Some(&y)) if x <= y => a.next(),
                (Some(_), Some(_)) | (None, Some(_)) => b.next(),
                (Some(_), None) => a.next(),
                (None, None) => None,
            };
            match next {
                Some(i) => f(usize::from(i)),
                None => break,
            }
        }
    }

    /// The providers.
    #[must_use]
    pub const fn providers(&self) -> &'a [Provider<'a>] {
        self.providers
    }

    /// The rules, in matching order.
    #[must_use]
    pub const fn rules(&self) -> &'a [Rule<'a>] {
        self.rules
    }

    /// The provider with this id.
    #[must_use]
    pub fn provider(&self, id: &str) -> Option<&'a Provider<'a>> {
        self.providers.iter().find(|p| p.id == id)
    }

    /// Rules matching a primitive merchant account ID (02–25), in registry order.
    ///
    /// # Examples
    /// ```
    /// let r = emvqr::Registry::embedded();
    /// assert_eq!(r.match_primitive(4).map(|rule| rule.provider).collect::<Vec<_>>(), ["mastercard"]);
    /// ```
    pub fn match_primitive(&self, id: u8) -> impl Iterator<Item = &'a Rule<'a>> + use<'a> {
        self.rules.iter().filter(move |r| match r.matcher {
            Matcher::PrimitiveId { first, last } => (first..=last).contains(&id),
            _ => false,
        })
    }

    /// Rules matching a template (ID `template`, sub-ID 00 `guid`), in registry order.
    ///
    /// # Examples
    /// ```
    /// let r = emvqr::Registry::embedded();
    /// // Pix's GUID matches in either case; Alipay's only as written.
    /// assert_eq!(r.match_template(26, "BR.GOV.BCB.PIX").next().map(|rule| rule.provider), Some("pix"));
    /// assert_eq!(r.match_template(27, "COM.ALIPAY").next().map(|rule| rule.provider), Some("alipay"));
    /// assert_eq!(r.match_template(27, "com.alipay").count(), 0);
    /// ```
    pub fn match_template<'g>(
        &self,
        template: u8,
        guid: &'g str,
    ) -> impl Iterator<Item = &'a Rule<'a>> + use<'a, 'g> {
        self.rules
            .iter()
            .filter(move |r| guid_matches(&r.matcher, template, guid))
    }

    /// Rules matching a URL code, in registry order.
    ///
    /// # Examples
    /// ```
    /// let r = emvqr::Registry::embedded();
    /// assert_eq!(r.match_url("wxp://f2f0YpJfRdX8mWcqH7m1pQWMoHvB").next().map(|rule| rule.provider), Some("tenpay"));
    /// assert_eq!(r.match_url("https://example.com/").count(), 0);
    /// ```
    pub fn match_url<'u>(&self, text: &'u str) -> impl Iterator<Item = &'a Rule<'a>> + use<'a, 'u> {
        self.rules
            .iter()
            .filter(move |r| url_matches(&r.matcher, text))
    }

    /// Rules matching a wallet payment code, in registry order.
    ///
    /// # Examples
    /// ```
    /// let r = emvqr::Registry::embedded();
    /// // An 18-digit code starting 10–15 is a WeChat Pay payment code.
    /// assert_eq!(r.match_paycode("134567890123456789").next().map(|rule| rule.provider), Some("tenpay"));
    /// ```
    pub fn match_paycode<'u>(
        &self,
        text: &'u str,
    ) -> impl Iterator<Item = &'a Rule<'a>> + use<'a, 'u> {
        self.rules.iter().filter(move |r| match r.matcher {
            Matcher::Paycode {
                pattern,
                min_len,
                max_len,
            } => paycode_matches(pattern, min_len, max_len, text),
            _ => false,
        })
    }

    /// Rules matching a CPM application identifier (the bytes of tag 4F), in registry order.
    /// A rule matches an equal AID, or a longer one only when it declares `prefix`.
    ///
    /// # Examples
    /// ```
    /// let r = emvqr::Registry::embedded();
    /// // Visa's rule declares `prefix`: a longer AID matches.
    /// let aid = [0xA0, 0x00, 0x00, 0x00, 0x03, 0x10, 0x10, 0x01];
    /// assert_eq!(r.match_cpm_aid(&aid).next().map(|rule| rule.provider), Some("visa"));
    /// ```
    pub fn match_cpm_aid<'b>(
        &self,
        aid: &'b [u8],
    ) -> impl Iterator<Item = &'a Rule<'a>> + use<'a, 'b> {
        self.rules.iter().filter(move |r| match r.matcher {
            Matcher::CpmAid { value, prefix } => hex_bytes_match(value, aid, prefix),
            _ => false,
        })
    }

    /// Rules matching a non-EMV consumer-presented code by its prefix, in registry order.
    ///
    /// # Examples
    /// ```
    /// let r = emvqr::Registry::embedded();
    /// assert_eq!(r.match_cpm_format("hQVKUFFSAAAA").next().map(|rule| rule.provider), Some("jpqr"));
    /// ```
    pub fn match_cpm_format<'u>(
        &self,
        text: &'u str,
    ) -> impl Iterator<Item = &'a Rule<'a>> + use<'a, 'u> {
        self.rules.iter().filter(move |r| match r.matcher {
            Matcher::CpmFormat { prefix } => !prefix.is_empty() && text.starts_with(prefix),
            _ => false,
        })
    }
}

pub(crate) fn guid_matches(m: &Matcher<'_>, template: u8, guid: &str) -> bool {
    match *m {
        Matcher::Guid {
            value,
            case,
            templates,
        } => in_range(templates, template) && case.eq(value.as_bytes(), guid.as_bytes()),
        Matcher::Aid {
            value,
            prefix,
            templates,
        } => in_range(templates, template) && hex_text_match(value, guid, prefix),
        Matcher::AccountId {
            first,
            last,
            contains,
        } => (first..=last).contains(&template) && !contains.is_empty() && guid.contains(contains),
        _ => false,
    }
}

/// `text` equals `value` (hex digits, ASCII case-insensitive), or starts with it when `prefix`.
fn hex_text_match(value: &str, text: &str, prefix: bool) -> bool {
    let (v, t) = (value.as_bytes(), text.as_bytes());
    if v.is_empty() || !t.iter().all(u8::is_ascii_hexdigit) {
        return false;
    }
    if prefix {
        CaseRule::AsciiInsensitive.starts_with(t, v)
    } else {
        v.eq_ignore_ascii_case(t)
    }
}

fn hex_val(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => b.checked_sub(b'0'),
        b'a'..=b'f' => b.checked_sub(b'a' - 10),
        b'A'..=b'F' => b.checked_sub(b'A' - 10),
        _ => None,
    }
}

/// The bytes `aid` equal the hex text `value`, or start with it when `prefix`.
pub(crate) fn hex_bytes_match(value: &str, aid: &[u8], prefix: bool) -> bool {
    let v = value.as_bytes();
    if v.is_empty() || !v.len().is_multiple_of(2) {
        return false;
    }
    let want = v.len() / 2;
    if aid.len() < want || (!prefix && aid.len() != want) {
        return false;
    }
    v.chunks_exact(2).zip(aid).all(|(pair, byte)| match pair {
        [hi, lo] => match (hex_val(*hi), hex_val(*lo)) {
            (Some(h), Some(l)) => h.checked_mul(16).and_then(|x| x.checked_add(l)) == Some(*byte),
            _ => false,
        },
        _ => false,
    })
}

pub(crate) fn url_matches(m: &Matcher<'_>, text: &str) -> bool {
    match *m {
        Matcher::Url { prefix, case } => {
            !prefix.is_empty() && case.starts_with(text.as_bytes(), prefix.as_bytes())
        }
        Matcher::UrlPath { path_prefix } => https_path(text)
            .is_some_and(|path| !path_prefix.is_empty() && path.starts_with(path_prefix)),
        _ => false,
    }
}

/// The path (from its `/`) of an `https://HOST/...` URL whose host is letters, digits, `.`, `-`.
fn https_path(text: &str) -> Option<&str> {
    const SCHEME: &str = "https://";
    let head = text.get(..SCHEME.len())?;
    if !head.eq_ignore_ascii_case(SCHEME) {
        return None;
    }
    let rest = text.get(SCHEME.len()..)?;
    let slash = rest.find('/')?;
    let host = rest.get(..slash)?;
    let host_ok = !host.is_empty()
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-');
    if host_ok { rest.get(slash..) } else { None }
}

/// Whether `text` (ASCII digits only) has a length in `min..=max` and starts with `pattern`.
pub(crate) fn paycode_matches(pattern: &str, min: u8, max: u8, text: &str) -> bool {
    let t = text.as_bytes();
    if t.len() < usize::from(min) || t.len() > usize::from(max) || !t.iter().all(u8::is_ascii_digit)
    {
        return false;
    }
    let mut digits = t.iter();
    let mut p = pattern.as_bytes();
    while let Some((&c, rest)) = p.split_first() {
        let Some(&d) = digits.next() else {
            return false;
        };
        match c {
            b'0'..=b'9' => {
                if c != d {
                    return false;
                }
                p = rest;
            }
            b'.' => p = rest,
            b'[' => {
                let Some(end) = rest.iter().position(|&b| b == b']') else {
                    return false;
                };
                let (class, after) = rest.split_at(end);
                match class_contains(class, d) {
                    Some(true) => {}
                    _ => return false,
                }
                p = after.get(1..).unwrap_or(&[]);
            }
            _ => return false,
        }
    }
    true
}

/// Whether the class body (`0-57-9`) contains the digit `d`; `None` when malformed.
fn class_contains(class: &[u8], d: u8) -> Option<bool> {
    if class.is_empty() {
        return None;
    }
    let mut found = false;
    let mut rest = class;
    while let Some((&lo, after)) = rest.split_first() {
        if !lo.is_ascii_digit() {
            return None;
        }
        if let [b'-', hi, tail @ ..] = after {
            if !hi.is_ascii_digit() || *hi < lo {
                return None;
            }
            found |= (lo..=*hi).contains(&d);
            rest = tail;
        } else {
            found |= lo == d;
            rest = after;
        }
    }
    Some(found)
}

/// An owned registry, built or extended at run time.
///
/// Its strings borrow from the text it was deserialized from (`serde_json::from_str`), so JSON
/// strings with escape sequences cannot be borrowed and fail to deserialize: write them as
/// plain UTF-8.
///
/// # Examples
/// ```
/// use emvqr::registry::{Matcher, Provider, RegistryBuf, Rule};
/// let mut reg = RegistryBuf::embedded();
/// let ours = RegistryBuf {
///     providers: vec![Provider { id: "examplepay", name: "ExamplePay", source: "example" }],
///     rules: vec![Rule {
///         provider: "examplepay",
///         matcher: Matcher::Url { prefix: "examplepay://", case: emvqr::registry::CaseRule::Exact },
///         source: "example",
///     }],
/// };
/// reg.extend(&ours);
/// let view = reg.view();
/// assert_eq!(view.match_url("examplepay://pay/1").next().map(|r| r.provider), Some("examplepay"));
/// assert!(view.provider("tenpay").is_some());
/// ```
#[cfg(feature = "alloc")]
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct RegistryBuf<'a> {
    /// The providers.
    #[cfg_attr(feature = "serde", serde(borrow))]
    pub providers: Vec<Provider<'a>>,
    /// The rules, in matching order.
    #[cfg_attr(feature = "serde", serde(borrow))]
    pub rules: Vec<Rule<'a>>,
}

#[cfg(feature = "alloc")]
impl<'a> RegistryBuf<'a> {
    /// A copy of the embedded registry, to extend.
    #[must_use]
    pub fn embedded() -> RegistryBuf<'static> {
        let r = Registry::embedded();
        RegistryBuf {
            providers: r.providers().to_vec(),
            rules: r.rules().to_vec(),
        }
    }

    /// Appends another registry's providers (those whose id is new) and rules.
    ///
    /// # Examples
    /// ```
    /// # #[cfg(feature = "serde")] {
    /// use emvqr::registry::RegistryBuf;
    /// // The JSON shape of `spec/registry/providers.json`.
    /// let json = r#"{
    ///   "providers": [{ "id": "examplepay", "name": "ExamplePay", "source": "example" }],
    ///   "rules": [{
    ///     "provider": "examplepay",
    ///     "match": { "kind": "guid", "value": "com.examplepay", "case": "ascii_insensitive" },
    ///     "source": "example"
    ///   }]
    /// }"#;
    /// let ours: RegistryBuf<'_> = serde_json::from_str(json)?;
    /// let mut reg = RegistryBuf::embedded();
    /// reg.extend(&ours);
    /// let found: Vec<_> = reg.view().match_template(30, "COM.EXAMPLEPAY").map(|r| r.provider).collect();
    /// assert_eq!(found, ["examplepay"]);
    /// # }
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn extend(&mut self, other: &RegistryBuf<'a>) {
        for p in &other.providers {
            if !self.providers.iter().any(|q| q.id == p.id) {
                self.providers.push(*p);
            }
        }
        self.rules.extend_from_slice(&other.rules);
    }

    /// The borrowed view used for matching.
    #[must_use]
    pub fn view(&self) -> Registry<'_> {
        Registry::new(&self.providers, &self.rules)
    }
}

/// The embedded routing tables (crate-internal access for the `route` module).
pub(crate) fn embedded_routing_tables() -> &'static [crate::route::RoutingTable<'static>] {
    &tables::ROUTING_TABLES
}

/// `a` and `b` equal ignoring ASCII case, stopping at the first difference (most keys
/// compared differ in their first bytes).
fn eq_fold(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|(x, y)| x == y || x.eq_ignore_ascii_case(y))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_keys_sorted_for_lookup() {
        // `template_candidates` relies on this order: lengths ascending, equal keys adjacent
        // and in rule order.
        let ix = Registry::embedded().index.unwrap();
        assert!(!ix.keys.is_empty());
        for w in ix.keys.windows(2) {
            let ((a, i), (b, j)) = (w[0], w[1]);
            let o = cmp_ascii_lower(a, b);
            assert!(o.is_lt() || (o.is_eq() && i < j), "{a} {i} / {b} {j}");
        }
    }

    #[test]
    fn paycode_patterns() {
        assert!(paycode_matches("1[0-4]", 18, 18, "134567890123456789"));
        assert!(!paycode_matches("1[0-4]", 18, 18, "154567890123456789"));
        assert!(!paycode_matches("1[0-4]", 18, 18, "13456789012345678"));
        assert!(!paycode_matches("1[0-4]", 18, 18, "13456789012345678a"));
        assert!(paycode_matches(
            "......02",
            24,
            24,
            "123456021234567890123456"
        ));
        assert!(!paycode_matches(
            "......02",
            24,
            24,
            "123456031234567890123456"
        ));
        assert!(paycode_matches(
            "289..........[0-57-9]",
            19,
            19,
            "2891234567890512345"
        ));
        assert!(!paycode_matches(
            "289..........[0-57-9]",
            19,
            19,
            "2891234567890612345"
        ));
        assert!(paycode_matches(
            "289..........6",
            19,
            19,
            "2891234567890612345"
        ));
        // Malformed patterns match nothing.
        assert!(!paycode_matches("[0-", 3, 3, "012"));
        assert!(!paycode_matches("[]", 3, 3, "012"));
        assert!(!paycode_matches("[9-0]", 3, 3, "012"));
        assert!(!paycode_matches("x", 3, 3, "012"));
        // A pattern longer than the code matches nothing.
        assert!(!paycode_matches("1234", 0, 3, "123"));
    }

    #[test]
    fn aid_matching_is_exact_unless_prefix_declared() {
        assert!(hex_text_match(
            "A000000677010111",
            "a000000677010111",
            false
        ));
        assert!(!hex_text_match(
            "A000000677010111",
            "A000000677010111FF",
            false
        ));
        assert!(!hex_text_match("A000000677010111", "A0000006770101", false));
        assert!(hex_text_match("A000000333", "A000000333010101", true));
        assert!(!hex_text_match("A000000333", "A00000033", true));
        assert!(!hex_text_match("A000000333", "A000000333 ", true));
    }

    #[test]
    fn cpm_aid_bytes() {
        let r = Registry::embedded();
        let up = [0xA0, 0x00, 0x00, 0x03, 0x33, 0x01, 0x01, 0x01];
        let ids: [&str; 1] = ["unionpay"];
        assert!(r.match_cpm_aid(&up).map(|x| x.provider).eq(ids));
        assert_eq!(r.match_cpm_aid(&[0xA0, 0x00, 0x00, 0x03]).count(), 0);
        assert_eq!(r.match_cpm_aid(&[]).count(), 0);
        // Visa's AID with a suffix matches by the declared prefix.
        let visa = [0xA0, 0, 0, 0, 0x03, 0x10, 0x10, 0x01];
        assert!(r.match_cpm_aid(&visa).map(|x| x.provider).eq(["visa"]));
    }

    #[test]
    fn guid_case_rules() {
        let r = Registry::embedded();
        let pix: [&str; 1] = ["pix"];
        assert!(
            r.match_template(26, "BR.GOV.BCB.PIX")
                .map(|x| x.provider)
                .eq(pix)
        );
        assert_eq!(r.match_template(26, "br.gov.bcb.pix ").count(), 0);
        assert_eq!(r.match_template(26, "br.gov.bcb.pix.evil").count(), 0);
        assert_eq!(r.match_template(26, "sg.paynow").count(), 0);
        assert_eq!(r.match_template(26, "SG.PAYNOW").count(), 1);
        // KHQR account IDs only in 29–30.
        assert_eq!(r.match_template(29, "john@bank").count(), 1);
        assert_eq!(r.match_template(26, "john@bank").count(), 0);
    }

    #[test]
    fn urls() {
        let r = Registry::embedded();
        let ids = |t: &str| r.match_url(t).map(|x| x.provider).next();
        assert_eq!(ids("wxp://f2f0abc"), Some("tenpay"));
        assert_eq!(ids("HTTPS://QR.ALIPAY.COM/fkx1"), Some("alipay"));
        assert_eq!(ids("https://qr.alipay.com.evil.example/fkx1"), None);
        assert_eq!(ids("HTTPS://EXAMPLE.COM/MPM/3/R1BMRA"), Some("alipayplus"));
        assert_eq!(ids("https://ex ample.com/MPM/3/x"), None);
        assert_eq!(ids("https:///MPM/3/x"), None);
    }
}
