//! The identifiers codes carry and how each is matched: the types of the rows of the
//! knowledge table ([`scheme`](super::scheme)) and of run-time registries, and the one matching code
//! both use.
//!
//! Matching is exact unless a rule says otherwise: GUIDs compare byte for byte, or ASCII
//! case-insensitively where the rule says so ([`CaseRule`]); nothing is trimmed and no Unicode
//! case folding is ever applied. AIDs match as a prefix only where the rule declares `prefix`.

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
            CaseRule::AsciiInsensitive => a.eq_ignore_ascii_case(b),
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
    /// A URL code that matches `form` whole, from its first character to its last: the
    /// grammar of one of a provider's URL forms (scheme, exact host, path shape, characters and
    /// lengths), never a bare prefix. See [`url_form_match`] for the form's syntax.
    UrlForm {
        /// The form.
        form: &'a str,
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
    super::hex::pairs(v)
        .zip(aid)
        .all(|(pair, &byte)| pair == Some(byte))
}

pub(crate) fn url_matches(m: &Matcher<'_>, text: &str) -> bool {
    match *m {
        Matcher::Url { prefix, case } => {
            !prefix.is_empty() && case.starts_with(text.as_bytes(), prefix.as_bytes())
        }
        Matcher::UrlForm { form } => url_form_match(form, text).is_some(),
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

/// Matches a whole URL code against a form; `Some` with the text of the form's captured run
/// (empty when it has none), `None` when the code is not of the form.
///
/// A form is a sequence of:
/// * a literal character, compared in either ASCII case (printed codes are often upper case);
/// * `(abc|def)`: one of the literal words, in either ASCII case;
/// * `{CMIN-MAX}` or `{CN}`: a run of `MIN` to `MAX` (or exactly `N`) characters of class `C`:
///   `d` digits, `a` ASCII letters and digits, `t` letters, digits, `_` and `-`, `n` those of
///   a host name (letters, digits, `.` and `-`: a form with one is tried on any host), `h` hex
///   digits, `q` the characters of a URL query (letters, digits and `-._~%!$&'()*+,;=:@/?`),
///   `f` those of a query and a fragment (`q` and `#`). A run takes as many characters of its
///   class as it can, up to its maximum: the next literal must not be of its class. A `!`
///   after the count (`{d8!}`) captures the run: the code's issuing institution.
///
/// A malformed form matches nothing.
///
/// # Examples
/// ```
/// use emvqr::registry::url_form_match;
/// let form = "https://qr.95516.com/{d8!}/{d32}";
/// let code = "https://qr.95516.com/00010000/62202101234567890123456789012345";
/// assert_eq!(url_form_match(form, code), Some("00010000"));
/// // The gateway endpoint on the same host is no payment code.
/// assert_eq!(url_form_match(form, "https://qr.95516.com/qrcGtwWeb-web/api/userAuth?x=1"), None);
/// assert_eq!(url_form_match("wxp://f2f{t20-80}", "WXP://F2F0YpJfRdX8mWcqH7m1pQWMoHvB"), Some(""));
/// assert_eq!(url_form_match("wxp://f2f{t20-80}", "wxp://"), None);
/// assert_eq!(url_form_match("https://qr.alipay.com/(fkx|bax){a8-40}", "https://qr.alipay.com/a7x123456789"), None);
/// ```
#[must_use]
pub fn url_form_match<'t>(form: &str, text: &'t str) -> Option<&'t str> {
    let t = text.as_bytes();
    let mut f = form.as_bytes();
    let mut at = 0usize;
    let mut captured: &'t str = "";
    while let Some((&c, rest)) = f.split_first() {
        match c {
            b'{' => {
                let end = rest.iter().position(|&b| b == b'}')?;
                let (spec, after) = rest.split_at(end);
                let (class, min, max, capture) = run_spec(spec)?;
                let start = at;
                let limit = t.len().min(start.saturating_add(max));
                at = start.saturating_add(
                    t.get(start..limit)?
                        .iter()
                        .position(|&b| !class.contains(b))
                        .unwrap_or(limit.saturating_sub(start)),
                );
                if at.wrapping_sub(start) < min {
                    return None;
                }
                if capture {
                    captured = text.get(start..at)?;
                }
                f = after.get(1..)?;
            }
            b'(' => {
                let end = rest.iter().position(|&b| b == b')')?;
                let (words, after) = rest.split_at(end);
                let word = words.split(|&b| b == b'|').find(|w| {
                    !w.is_empty()
                        && t.get(at..at.saturating_add(w.len()))
                            .is_some_and(|s| s.eq_ignore_ascii_case(w))
                })?;
                at = at.checked_add(word.len())?;
                f = after.get(1..)?;
            }
            _ => {
                // A run of literal characters, compared at once.
                let n = f
                    .iter()
                    .position(|&b| b == b'{' || b == b'(')
                    .unwrap_or(f.len());
                let (literal, after) = f.split_at(n);
                let end = at.checked_add(n)?;
                if !t
                    .get(at..end)
                    .is_some_and(|s| s.eq_ignore_ascii_case(literal))
                {
                    return None;
                }
                at = end;
                f = after;
            }
        }
    }
    (at == t.len()).then_some(captured)
}

/// One run of a URL form: its class, the fewest and most characters, whether it is captured.
type Run = (ByteSet, usize, usize, bool);

/// A set of ASCII bytes, as a bit set.
#[derive(Clone, Copy)]
struct ByteSet(u128);

impl ByteSet {
    /// The digits, the letters when `alnum`, `a-f` and `A-F` when `hex`, and the bytes of
    /// `chars` (ASCII).
    // Evaluated at compile time only (the class constants): an out-of-range byte fails the
    // build.
    #[allow(clippy::indexing_slicing, clippy::arithmetic_side_effects)]
    const fn of(alnum: bool, hex: bool, chars: &[u8]) -> ByteSet {
        let mut set = 0u128;
        let mut b = 0u8;
        while b < 128 {
            let digit = b.is_ascii_digit();
            let letter = b.is_ascii_alphabetic();
            let hexletter = matches!(b, b'a'..=b'f' | b'A'..=b'F');
            if digit || (alnum && letter) || (hex && hexletter) {
                set |= 1 << b;
            }
            b += 1;
        }
        let mut i = 0;
        while i < chars.len() {
            set |= 1 << chars[i];
            i += 1;
        }
        ByteSet(set)
    }

    fn contains(self, b: u8) -> bool {
        b < 128 && self.0 & (1u128 << b) != 0
    }
}

const DIGITS: ByteSet = ByteSet::of(false, false, b"");
const ALNUM: ByteSet = ByteSet::of(true, false, b"");
const TOKEN: ByteSet = ByteSet::of(true, false, b"_-");
const HOST: ByteSet = ByteSet::of(true, false, b".-");
const HEX: ByteSet = ByteSet::of(false, true, b"");
const QUERY: ByteSet = ByteSet::of(true, false, b"-._~%!$&'()*+,;=:@/?");
const QUERY_FRAGMENT: ByteSet = ByteSet::of(true, false, b"-._~%!$&'()*+,;=:@/?#");

/// A run, from `CMIN-MAX` or `CN` with an optional `!`.
fn run_spec(spec: &[u8]) -> Option<Run> {
    let (&c, counts) = spec.split_first()?;
    let (counts, capture) = match counts.split_last() {
        Some((b'!', head)) => (head, true),
        _ => (counts, false),
    };
    let class = match c {
        b'd' => DIGITS,
        b'a' => ALNUM,
        b't' => TOKEN,
        b'n' => HOST,
        b'h' => HEX,
        b'q' => QUERY,
        b'f' => QUERY_FRAGMENT,
        _ => return None,
    };
    let number = |s: &[u8]| -> Option<usize> {
        if s.is_empty() || s.len() > 4 {
            return None;
        }
        s.iter().try_fold(0usize, |n, &d| {
            d.is_ascii_digit().then(|| {
                n.wrapping_mul(10)
                    .wrapping_add(usize::from(d.wrapping_sub(b'0')))
            })
        })
    };
    let (min, max) = match counts.iter().position(|&b| b == b'-') {
        Some(dash) => (
            number(counts.get(..dash)?)?,
            number(counts.get(dash.checked_add(1)?..)?)?,
        ),
        None => {
            let n = number(counts)?;
            (n, n)
        }
    };
    (min <= max && max > 0).then_some((class, min, max, capture))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_forms_match_whole_codes() {
        let up = "https://qr.95516.com/{d8!}/{a1-64}";
        assert_eq!(
            url_form_match(
                up,
                "HTTPS://QR.95516.COM/48020000/41021807049545615165705599"
            ),
            Some("48020000")
        );
        // Seven digits are no institution; a trailing character after the code is no code.
        assert_eq!(
            url_form_match(up, "https://qr.95516.com/4802000/4102"),
            None
        );
        assert_eq!(
            url_form_match(up, "https://qr.95516.com/48020000/4102 "),
            None
        );
        assert_eq!(url_form_match(up, "https://qr.95516.com/48020000/"), None);
        // A run stops at its maximum: 65 letters and digits are one too many.
        let long = format!("https://qr.95516.com/48020000/{}", "a".repeat(65));
        assert_eq!(url_form_match(up, &long), None);
        // Alternatives, in either case; none of them is a prefix of the rest.
        let ali = "https://qr.alipay.com/(fkx|bax){a4-40}";
        assert_eq!(
            url_form_match(ali, "https://qr.alipay.com/BAX0319"),
            Some("")
        );
        assert_eq!(url_form_match(ali, "https://qr.alipay.com/ygx0319"), None);
        // Literals compare in ASCII case only: no Unicode folding.
        assert_eq!(url_form_match("k{d1}", "\u{212A}1"), None);
        // A query and a fragment.
        let q = "https://payapp.weixin.qq.com/qr/{t8-64}?{f1-512}";
        let code = "https://payapp.weixin.qq.com/qr/AQGXFj0KWP93Es0y3w5rYzdY?t=CwAK#wechat_pay";
        assert_eq!(url_form_match(q, code), Some(""));
        assert_eq!(
            url_form_match(q, "https://payapp.weixin.qq.com/qr/AQGXFj0K?t= x"),
            None
        );
    }

    proptest::proptest! {
        /// Any form on any text: no panic, and a capture is a piece of the text.
        #[test]
        fn url_form_match_is_total(form in "[a-z:/.{}()|!?#0-9dathqf-]{0,24}", text in "\\PC{0,40}") {
            if let Some(captured) = url_form_match(&form, &text) {
                proptest::prop_assert!(text.contains(captured));
            }
        }
    }

    #[test]
    fn malformed_url_forms_match_nothing() {
        for form in [
            "a{d8",
            "a{x3}",
            "a{d}",
            "a{d0}",
            "a{d5-3}",
            "a{d12345}",
            "a{d1-2-3}",
            "a(b|c",
            "a{-3}",
        ] {
            assert_eq!(url_form_match(form, "a1"), None, "{form}");
            assert_eq!(url_form_match(form, "a123"), None, "{form}");
        }
        // An empty form matches the empty text only.
        assert_eq!(url_form_match("", ""), Some(""));
        assert_eq!(url_form_match("", "x"), None);
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
    fn cpm_aid_bytes_against_hex_text() {
        let aid = [0xA0, 0x00, 0x00, 0x03, 0x33];
        // Equal, in either case of the hex digits.
        assert!(hex_bytes_match("A000000333", &aid, false));
        assert!(hex_bytes_match("a000000333", &aid, false));
        assert!(hex_bytes_match("A000000333", &aid, true));
        // Longer only with `prefix`; shorter never.
        let longer = [0xA0, 0x00, 0x00, 0x03, 0x33, 0x01];
        assert!(hex_bytes_match("A000000333", &longer, true));
        assert!(!hex_bytes_match("A000000333", &longer, false));
        assert!(!hex_bytes_match("A000000333", &aid[..4], true));
        // A value that is not whole bytes of hex matches nothing.
        assert!(!hex_bytes_match("", &aid, true));
        assert!(!hex_bytes_match("A00", &[0xA0, 0x00], true));
        assert!(!hex_bytes_match("G000000333", &aid, false));
        assert!(!hex_bytes_match("A000000334", &aid, false));
    }

    #[test]
    fn paycode_classes() {
        // Single digits in a class, each one and no other.
        for (d, want) in [
            ("1", true),
            ("3", true),
            ("5", true),
            ("2", false),
            ("0", false),
        ] {
            assert_eq!(paycode_matches("[135]", 1, 1, d), want, "{d}");
        }
        // A range of one digit.
        assert!(paycode_matches("[3-3]", 1, 1, "3"));
        assert!(!paycode_matches("[3-3]", 1, 1, "4"));
        // A range whose end is no digit is malformed: it matches nothing.
        assert!(!paycode_matches("[0-x]", 1, 1, "5"));
        assert!(!paycode_matches("[x]", 1, 1, "5"));
    }
}
