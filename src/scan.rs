//! Universal scan: classify any scanned text and list the providers it names.
//!
//! Four format families are tried on the whole input:
//!
//! * **mpm**: the text decodes as an EMV merchant-presented payload; each merchant account
//!   (02–51, payload order) is matched against the registry (primitive IDs, GUIDs, AIDs,
//!   KHQR-style account IDs). Unreserved templates 80–99 are never candidates.
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

use crate::registry::{Matcher, Registry, Rule, guid_matches, url_matches};
use crate::{DecodeOptions, Error, MerchantAccount, Payload};

/// The most candidates a scan keeps.
pub const MAX_CANDIDATES: usize = 16;

/// The format family of a scanned text.
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
            Matcher::Url { .. } => MatchedBy::Url,
            Matcher::UrlPath { .. } => MatchedBy::UrlPath,
            Matcher::Paycode { .. } => MatchedBy::Paycode,
            Matcher::CpmAid { .. } => MatchedBy::CpmAid,
            Matcher::CpmFormat { .. } => MatchedBy::CpmFormat,
        }
    }
}

/// A provider the scanned text names, with what matched.
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
}

/// A candidate as stored: the rule's index and the merchant account ID (0 outside MPM).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Slot {
    rule: u32,
    id: u8,
}

/// The result of [`scan`]: the kind and the candidates, in payload order (registry order
/// within one account).
#[derive(Debug, Clone, Copy)]
pub struct Scan<'a> {
    kind: Kind,
    families: u8,
    text: &'a str,
    rules: &'a [Rule<'a>],
    slots: [Slot; MAX_CANDIDATES],
    len: usize,
    overflowed: bool,
    payload: Option<Payload<'a>>,
    mpm_error: Option<Error>,
}

impl<'a> Scan<'a> {
    fn new(text: &'a str, rules: &'a [Rule<'a>]) -> Scan<'a> {
        Scan {
            kind: Kind::Unknown,
            families: 0,
            text,
            rules,
            slots: [Slot { rule: 0, id: 0 }; MAX_CANDIDATES],
            len: 0,
            overflowed: false,
            payload: None,
            mpm_error: None,
        }
    }

    /// Records rule `rule` as a candidate, for merchant account `id` (0 outside MPM).
    fn push(&mut self, rule: usize, id: u8) {
        let Ok(rule) = u32::try_from(rule) else {
            return;
        };
        match self.slots.get_mut(self.len) {
            Some(slot) => {
                *slot = Slot { rule, id };
                self.len = self.len.saturating_add(1);
            }
            None => self.overflowed = true,
        }
    }

    fn expand(&self, slot: Slot) -> Candidate<'a> {
        let index = usize::try_from(slot.rule).unwrap_or(usize::MAX);
        // Every stored slot names a rule of `self.rules` (checked when it was pushed).
        let (provider, matched_by) = self.rules.get(index).map_or(("", MatchedBy::Guid), |r| {
            (r.provider, MatchedBy::of(&r.matcher))
        });
        let (id, matched, template) = match slot.id {
            0 => (None, self.text, false),
            id @ 2..=25 => (
                Some(id),
                self.payload.and_then(|p| p.get(id)).unwrap_or(""),
                false,
            ),
            id => (
                Some(id),
                self.payload
                    .and_then(|p| p.template(id))
                    .and_then(|t| t.guid())
                    .unwrap_or(""),
                true,
            ),
        };
        Candidate {
            provider,
            matched_by,
            rule: index,
            id,
            matched,
            template,
        }
    }

    fn family(&mut self, kind: Kind) {
        self.families |= kind.bit();
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
        let slots = self.slots.get(..self.len).unwrap_or(&[]);
        slots.iter().map(|&s| self.expand(s))
    }

    /// (provider, merchant account ID or 0) of each candidate, without the matched text.
    pub(crate) fn keys(&self) -> impl Iterator<Item = (&'a str, u8)> + Clone + '_ {
        let rules = self.rules;
        self.slots
            .get(..self.len)
            .unwrap_or(&[])
            .iter()
            .map(move |s| {
                let provider = usize::try_from(s.rule)
                    .ok()
                    .and_then(|i| rules.get(i))
                    .map_or("", |r| r.provider);
                (provider, s.id)
            })
    }

    /// Candidate `index`.
    #[must_use]
    pub fn candidate(&self, index: usize) -> Option<Candidate<'a>> {
        let slot = *self.slots.get(..self.len)?.get(index)?;
        Some(self.expand(slot))
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

    /// The decoded payload when the text is an EMV MPM payload.
    #[must_use]
    pub const fn payload(&self) -> Option<&Payload<'a>> {
        self.payload.as_ref()
    }

    /// Why the text did not decode as an EMV MPM payload (set for every non-MPM text).
    #[must_use]
    pub const fn mpm_error(&self) -> Option<Error> {
        self.mpm_error
    }
}

/// Scans with the embedded registry and strict decoding.
#[must_use]
pub fn scan(text: &str) -> Scan<'_> {
    scan_with(&Registry::embedded(), text, &DecodeOptions::strict())
}

/// Scans with a registry and decode options (for the MPM family).
#[must_use]
pub fn scan_with<'a>(registry: &Registry<'a>, text: &'a str, options: &DecodeOptions) -> Scan<'a> {
    let rules = registry.rules();
    let mut s = Scan::new(text, rules);

    match Payload::parse_with(text, options) {
        Ok(p) => {
            s.family(Kind::Mpm);
            mpm_candidates(&mut s, rules, &p);
            s.payload = Some(p);
        }
        Err(e) => s.mpm_error = Some(e),
    }
    if text.len() > crate::MAX_INPUT_BYTES {
        // No QR symbol carries more: nothing longer is classified.
        return s;
    }

    if text.starts_with(EMV_CPM_PREFIX) && is_base64(text) {
        s.family(Kind::Cpm);
        // INTEGRATION(cpm): decode `text` with the CPM decoder and, for each application
        // template (61) in order, push one candidate per rule of
        // `registry.match_cpm_aid(<tag 4F bytes>)` with `MatchedBy::CpmAid`, `id: None` and
        // `matched: text`. Until then an EMV CPM code is recognised but names no provider.
    }

    // The whole-input checks of each family run only once one of its rules matched.
    let mut printable = None;
    let mut base64 = None;
    let mut digits = None;
    for (i, rule) in rules.iter().enumerate() {
        let family = match rule.matcher {
            Matcher::CpmFormat { prefix } => (!prefix.is_empty()
                && text.starts_with(prefix)
                && *base64.get_or_insert_with(|| is_base64(text)))
            .then_some(Kind::Cpm),
            Matcher::Url { .. } | Matcher::UrlPath { .. } => (url_matches(&rule.matcher, text)
                && *printable.get_or_insert_with(|| is_printable(text)))
            .then_some(Kind::Url),
            Matcher::Paycode {
                pattern,
                min_len,
                max_len,
            } => (*digits.get_or_insert_with(|| text.bytes().all(|b| b.is_ascii_digit()))
                && crate::registry::paycode_matches(pattern, min_len, max_len, text))
            .then_some(Kind::Paycode),
            _ => None,
        };
        if let Some(kind) = family {
            s.family(kind);
            s.push(i, 0);
        }
    }

    s.kind = match s.families.count_ones() {
        0 => Kind::Unknown,
        1 => s.families().next().unwrap_or(Kind::Unknown),
        _ => Kind::Ambiguous,
    };
    s
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
pub const EMV_CPM_PREFIX: &str = "hQVDUFY";

fn mpm_candidates<'a>(s: &mut Scan<'a>, rules: &'a [Rule<'a>], p: &Payload<'a>) {
    for account in p.merchant_accounts() {
        match account {
            MerchantAccount::Primitive { id, .. } => {
                for (i, rule) in rules.iter().enumerate() {
                    if let Matcher::PrimitiveId { first, last } = rule.matcher
                        && (first..=last).contains(&id)
                    {
                        s.push(i, id);
                    }
                }
            }
            MerchantAccount::Template(t) => {
                let Some(guid) = t.guid() else { continue };
                for (i, rule) in rules.iter().enumerate() {
                    if guid_matches(&rule.matcher, t.id(), guid) {
                        s.push(i, t.id());
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::{CaseRule, Provider};

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
    fn emv_cpm_prefix() {
        let s = scan("hQVDUFYwMWEaTwegAAAAVVVVVw8SNFZ4kBI0WNGRIgESNF8=");
        assert_eq!(s.kind(), Kind::Cpm);
        // Not all base64 characters: not CPM.
        assert_eq!(scan("hQVDUFY wMWE").kind(), Kind::Unknown);
    }
}
