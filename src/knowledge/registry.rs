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
//! `prefix`. The embedded rules are the registered rows of the crate's one table of scheme
//! knowledge ([`crate::scheme`]), which also tells the decoder what each identifier implies.

#[cfg(feature = "alloc")]
use alloc::vec::Vec;

pub use super::identifier::{ALL_TEMPLATES, CaseRule, Matcher, Provider, Rule, url_form_match};
use super::identifier::{guid_matches, hex_bytes_match, paycode_matches, url_matches};
use super::scheme;

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
    index: Option<&'static scheme::RuleIndex>,
}

impl PartialEq for Registry<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.providers == other.providers && self.rules == other.rules
    }
}

impl Eq for Registry<'_> {}

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
            providers: &scheme::PROVIDERS,
            rules: &scheme::RULES,
            index: Some(&scheme::INDEX),
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

    fn pick(
        &self,
        listed: impl FnOnce(&'static scheme::RuleIndex) -> &'static [u16],
    ) -> Indices<'static> {
        match self.index {
            Some(ix) => Indices::Listed(listed(ix).iter()),
            None => Indices::All(0..self.rules.len()),
        }
    }

    /// Rules to try for a primitive merchant account.
    pub(crate) fn primitive_candidates(&self) -> Indices<'static> {
        self.pick(|ix| ix.primitive)
    }

    /// Rules to try on the whole input: payment codes and CPM formats, and every rule when
    /// unindexed.
    pub(crate) fn whole_candidates(&self) -> Indices<'static> {
        self.pick(|ix| ix.whole)
    }

    /// The URL rules to try on `text` besides [`Self::whole_candidates`]: those of its scheme
    /// and host when indexed (none otherwise: the whole candidates are every rule).
    pub(crate) fn url_candidates(&self, text: &str) -> Indices<'static> {
        Indices::Listed(match self.index {
            Some(_) => scheme::url_rules(text).iter(),
            None => [].iter(),
        })
    }

    /// Whether this is the embedded registry, whose rules are the registered rows of the
    /// knowledge table (so a payload's recognised rows name its rules).
    pub(crate) const fn is_embedded(&self) -> bool {
        self.index.is_some()
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
    /// // Pix's and Alipay's GUIDs match in either ASCII case; PayNow's only as written.
    /// assert_eq!(r.match_template(26, "BR.GOV.BCB.PIX").next().map(|rule| rule.provider), Some("pix"));
    /// assert_eq!(r.match_template(27, "com.alipay").next().map(|rule| rule.provider), Some("alipay"));
    /// assert_eq!(r.match_template(26, "sg.paynow").count(), 0);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registries_are_equal_by_their_tables() {
        let r = Registry::embedded();
        // The index changes speed, not the registry.
        assert_eq!(r, r.unindexed());
        let (providers, rules) = (&scheme::PROVIDERS[..], &scheme::RULES[..]);
        assert_eq!(r, Registry::new(providers, rules));
        // Fewer providers, or fewer rules, is another registry.
        let last = |n: usize| n.saturating_sub(1);
        let fewer_providers = Registry::new(&providers[..last(providers.len())], rules);
        let fewer_rules = Registry::new(providers, &rules[..last(rules.len())]);
        assert_ne!(r, fewer_providers);
        assert_ne!(r, fewer_rules);
        assert_ne!(fewer_providers, fewer_rules);
    }

    #[test]
    fn indices_list_all_rules_or_the_listed_ones() {
        assert!(Indices::All(2..5).eq([2, 3, 4]));
        let listed = [7u16, 1, 9];
        assert!(Indices::Listed(listed.iter()).eq([7, 1, 9]));
        assert_eq!(Indices::All(0..0).next(), None);
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
        assert_eq!(ids("wxp://f2f0YpJfRdX8mWcqH7m1pQWMoHvB"), Some("tenpay"));
        assert_eq!(
            ids("HTTPS://QR.ALIPAY.COM/FKX00613RNTBP6WA98JEC5"),
            Some("alipay")
        );
        assert_eq!(ids("https://qr.alipay.com.evil.example/fkx1"), None);
        // A URL form is a grammar over the whole code, never a prefix.
        assert_eq!(ids("wxp://"), None);
        assert_eq!(ids("https://qr.alipay.com/../../x"), None);
        assert_eq!(
            ids("https://qr.95516.com/qrcGtwWeb-web/api/userAuth?v=1"),
            None
        );
        assert_eq!(
            ids("https://qr.95516.com/00010000/62202101234567890123456789012345"),
            Some("unionpay")
        );
        assert_eq!(
            ids("https://qr.pbcdci.cn/004043112022083115224300703035700000004"),
            Some("ecny")
        );
        assert_eq!(
            ids("HTTPS://EXAMPLE.COM/MPM/3/R1BMRDA5NVBM"),
            Some("alipayplus")
        );
        // The payload is the base64 of a GPLD object, so it starts `R1BMRD`.
        assert_eq!(ids("https://example.com/MPM/3/"), None);
        assert_eq!(ids("https://example.com/MPM/3/hello"), None);
        assert_eq!(ids("https://ex ample.com/MPM/3/x"), None);
        assert_eq!(ids("https:///MPM/3/x"), None);
    }
}
