//! The one table of scheme knowledge: every identifier the crate knows (EMVCo primitive IDs,
//! template GUIDs with their case rule, AIDs with their prefix rule, provider URL forms,
//! payment-code prefixes and lengths, CPM AIDs and formats) and what each implies: the
//! provider, the scheme [profile](crate::profile) that applies, the EMVCo amendments that scheme
//! makes, and whether the identifier names an account a wallet can route to (a rule of the
//! [registry](crate::registry)).
//!
//! The table is data: `spec/registry/providers.json`, turned into the `static` rows below by
//! `spec/tools/gen_registry.py` (its format is in `spec/README.md`, *The knowledge table*).
//! The decoder looks each merchant account template's identifier up once, during its walk
//! ([`lookup`]), and keeps the row; the validator's amendments, the profile rules and
//! [`scan`](crate::scan()) read the row from there, so none of them matches GUIDs on its own.
//!
//! # Examples
//! ```
//! use emvqr::scheme::{self, Amendments};
//! use emvqr::Profile;
//! let pix = scheme::lookup(26, "BR.GOV.BCB.PIX").unwrap();
//! assert_eq!((pix.rule.provider, pix.profile), ("pix", Some(Profile::Pix)));
//! assert!(pix.amendments.contains(Amendments::UTF8_NAMES));
//! assert!(pix.registry.is_some());
//! // UPI's transaction reference template carries UPI's AID: the profile applies, but it is no
//! // account to route to.
//! let reference = scheme::lookup(27, "A000000524").unwrap();
//! assert_eq!((reference.profile, reference.registry), (Some(Profile::Upi), None));
//! assert!(scheme::lookup(26, "br.gov.bcb.pix.evil").is_none());
//! assert!(scheme::rows().iter().any(|r| r.rule.provider == "unionpay"));
//! ```

use super::identifier::{
    CaseRule, Matcher, Provider, Rule, guid_matches, url_form_match, url_matches,
};
use super::profiles::{self, Profile, ProfileSet};

/// Each amendment a scheme makes, with the departure rule it is reported under (warning
/// `scheme_departure`). Pix's [`Amendments::UTF8_NAMES`] keeps its own warning, `non_ascii`;
/// [`Amendments::GUID_CASE_WARNING`] is a strictness, not a departure.
const DEPARTURES: [(Profile, Amendments, profiles::Rule); 8] = [
    (
        Profile::PromptPay,
        Amendments::OPTIONAL_52_59_60,
        profiles::Rule::PROMPTPAY_FIELDS_ABSENT,
    ),
    (
        Profile::ThaiBillPay,
        Amendments::OPTIONAL_52_59_60,
        profiles::Rule::THAI_BILLPAY_FIELDS_ABSENT,
    ),
    (
        Profile::VietQr,
        Amendments::OPTIONAL_52_59_60,
        profiles::Rule::VIETQR_FIELDS_ABSENT,
    ),
    (
        Profile::DuitNow,
        Amendments::PFI_02,
        profiles::Rule::DUITNOW_PFI_02,
    ),
    (
        Profile::DuitNow,
        Amendments::PRIMITIVE_82,
        profiles::Rule::DUITNOW_PRIMITIVE_82,
    ),
    (
        Profile::Khqr,
        Amendments::ACCOUNT_ID_GUID,
        profiles::Rule::KHQR_ACCOUNT_ID_GUID,
    ),
    (
        Profile::Khqr,
        Amendments::TEMPLATE_99_NO_GUID,
        profiles::Rule::KHQR_TIMESTAMPS_GUID,
    ),
    (
        Profile::Argentina,
        Amendments::ACCOUNT_ID_GUID,
        profiles::Rule::ARGENTINA_IDENTIFIER,
    ),
];

/// The departure rule under which `profile` makes amendment `a`.
fn departure(profile: Profile, a: Amendments) -> Option<profiles::Rule> {
    DEPARTURES
        .iter()
        .find(|(p, x, _)| *p == profile && *x == a)
        .map(|&(_, _, rule)| rule)
}

/// The departures from EMVCo MPM a scheme makes, as a set. The decoder applies them to a
/// payload carrying one of the scheme's identifiers.
///
/// # Examples
/// ```
/// use emvqr::scheme::Amendments;
/// let both = Amendments::UTF8_NAMES.with(Amendments::PFI_02);
/// assert!(both.contains(Amendments::PFI_02) && !both.contains(Amendments::OPTIONAL_52_59_60));
/// assert!(Amendments::NONE.is_empty());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Amendments(u8);

impl Amendments {
    /// None.
    pub const NONE: Amendments = Amendments(0);
    /// Merchant name and city (59, 60) may hold characters beyond ASCII (format S) (Pix).
    pub const UTF8_NAMES: Amendments = Amendments(1);
    /// The GUID is written in lower case: another case is accepted with the warning
    /// `guid_case_folded` (Pix).
    pub const GUID_CASE_WARNING: Amendments = Amendments(2);
    /// Merchant category code, name and city (52, 59, 60) may be absent (PromptPay, Thai bill
    /// payment, VietQR).
    pub const OPTIONAL_52_59_60: Amendments = Amendments(4);
    /// Payload format indicator `02` is accepted (DuitNow).
    pub const PFI_02: Amendments = Amendments(8);
    /// The template's sub-ID 00 is an account ID rather than a GUID (KHQR's Bakong account ID,
    /// an Argentine merchant's CUIT).
    pub const ACCOUNT_ID_GUID: Amendments = Amendments(16);
    /// Template 99 carries data without a GUID (KHQR's timestamps).
    pub const TEMPLATE_99_NO_GUID: Amendments = Amendments(32);
    /// Unreserved ID 82 holds a primitive value, not a template (DuitNow's integrity digest).
    pub const PRIMITIVE_82: Amendments = Amendments(64);

    /// Whether every amendment of `other` is in the set.
    #[must_use]
    pub const fn contains(self, other: Amendments) -> bool {
        self.0 & other.0 == other.0
    }

    /// The set with `other`'s amendments added.
    #[must_use]
    pub const fn with(self, other: Amendments) -> Amendments {
        Amendments(self.0 | other.0)
    }

    /// True when the set is empty.
    #[must_use]
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }
}

/// One row of the knowledge table: an identifier and what it implies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row {
    /// The identifier (its matcher), the provider it names and its provenance.
    pub rule: Rule<'static>,
    /// The scheme profile that applies to a payload carrying it.
    pub profile: Option<Profile>,
    /// The EMVCo amendments that scheme makes.
    pub amendments: Amendments,
    /// Its index among the embedded registry's rules, when it names an account a wallet can
    /// route to; `None` for identifiers that only tell the scheme (UPI's reference template,
    /// PromptPay's OTA AID).
    pub registry: Option<u16>,
}

/// Lookups over the embedded registry's rules, generated with them: the same rules are tried
/// as by a linear pass, fewer of them per input (templates are looked up with [`lookup`]).
#[derive(Debug)]
pub(crate) struct RuleIndex {
    /// Primitive ID rules, in rule order.
    pub(crate) primitive: &'static [u16],
    /// Payment-code and CPM-format rules, in rule order.
    pub(crate) whole: &'static [u16],
    /// URL rules by `scheme://host` (lower case), with their scheme's rules, in rule order.
    pub(crate) url_hosts: &'static [(&'static str, &'static [u16])],
    /// URL rules tried on any code of a scheme (their host is not literal), in rule order.
    pub(crate) url_schemes: &'static [(&'static str, &'static [u16])],
}

/// The embedded URL rules a code may match, in rule order: those of its scheme and host, or of
/// its scheme alone; none without a scheme. Every code a rule matches is under one of the
/// rule's keys (the generator checks each form's examples).
pub(crate) fn url_rules(text: &str) -> &'static [u16] {
    let n = text
        .bytes()
        .take(11)
        .position(|b| !b.is_ascii_alphabetic())
        .unwrap_or(11);
    let (Some(scheme), Some(rest)) = (text.get(..n), text.get(n..)) else {
        return &[];
    };
    let Some(after) = rest.strip_prefix("://").filter(|_| (1..=10).contains(&n)) else {
        return &[];
    };
    let end = text
        .len()
        .saturating_sub(after.len())
        .saturating_add(after.find(['/', '?', '#']).unwrap_or(after.len()));
    let authority = text.get(..end).unwrap_or_default();
    let by = |table: &'static [(&'static str, &'static [u16])], key: &str| {
        table
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|&(_, rules)| rules)
    };
    by(INDEX.url_hosts, authority)
        .or_else(|| by(INDEX.url_schemes, scheme))
        .unwrap_or_default()
}

// PROVIDERS, ROWS, RULES, row_as_written, OTHER_CASE, TEMPLATE_OTHER and INDEX, generated
// from the data.
include!("scheme/table.rs");

/// Every row of the embedded table, in data order.
#[must_use]
pub fn rows() -> &'static [Row] {
    &ROWS
}

/// The row whose template identifier matches sub-ID 00 (`guid`) of template `template`.
///
/// Rows are unique: no two template rows of the table match the same identifier (the
/// generator checks it), so the first match is the only one.
#[must_use]
pub fn lookup(template: u8, guid: &str) -> Option<&'static Row> {
    lookup_index(template, guid).and_then(|i| ROWS.get(i))
}

/// [`lookup`], as an index into the rows.
fn lookup_index(template: u8, guid: &str) -> Option<usize> {
    if !matches!(template, 26..=51) {
        return None;
    }
    // Most codes write an identifier as the data does, which every case rule accepts: the bytes
    // and the template range settle it.
    match row_as_written(guid.as_bytes(), template) {
        Some(i) => Some(usize::from(i)),
        None => row_otherwise(template, guid),
    }
}

/// The row of an identifier not written as in the data: another ASCII case, or an account ID.
fn row_otherwise(template: u8, guid: &str) -> Option<usize> {
    let matches = |i: usize| {
        ROWS.get(i)
            .is_some_and(|row| guid_matches(&row.rule.matcher, template, guid))
    };
    // Another spelling: the values of the rows that accept other cases, equal to it but for
    // ASCII case, each checked with its row's own rule.
    let folding = OTHER_CASE.get(guid.len()).copied().unwrap_or(&[]);
    for &(value, i) in folding {
        let i = usize::from(i);
        if value.as_bytes().eq_ignore_ascii_case(guid.as_bytes()) && matches(i) {
            return Some(i);
        }
    }
    TEMPLATE_OTHER
        .iter()
        .filter(|&&([first, last], _)| (first..=last).contains(&template))
        .map(|&(_, i)| usize::from(i))
        .find(|&i| matches(i))
}

impl Profile {
    /// The profile a merchant account template identifies, from its ID (26–51) and GUID: the
    /// profile of the row of the knowledge table the GUID matches ([`lookup`]).
    #[must_use]
    pub fn for_guid(template_id: u8, guid: &str) -> Option<Profile> {
        lookup(template_id, guid).and_then(|row| row.profile)
    }
}

/// The provider whose URL form `text` is, if any: the first of the table's URL rows that
/// matches.
///
/// ```
/// assert_eq!(emvqr::scheme::url_provider("wxp://f2f0YpJfRdX8mWcqH7m1pQWMoHvB"), Some("tenpay"));
/// assert_eq!(emvqr::scheme::url_provider("https://example.com/pay"), None);
/// ```
#[must_use]
pub fn url_provider(text: &str) -> Option<&'static str> {
    url_rules(text)
        .iter()
        .filter_map(|&i| RULES.get(usize::from(i)))
        .find(|r| url_matches(&r.matcher, text))
        .map(|r| r.provider)
}

/// Whether `code_provider`'s codes may stand in `template_provider`'s template: the same
/// provider, or one of its family (an Alipay template holds Alipay+ and AlipayHK codes).
///
/// ```
/// assert!(emvqr::scheme::same_family("alipay", "alipayplus"));
/// assert!(!emvqr::scheme::same_family("alipay", "tenpay"));
/// ```
#[must_use]
pub fn same_family(template_provider: &str, code_provider: &str) -> bool {
    family(template_provider) == family(code_provider)
}

/// What the table says of one provider's accounts (generated from the data's `family`,
/// `serves` and `account`, and from its family's URL rules).
struct Kin {
    id: &'static str,
    /// The provider whose codes this one's are (itself when the data names none).
    family: &'static str,
    /// The wallets an acquirer's codes stand in for.
    serves: &'static [&'static str],
    /// Whether the family's codes are URLs of known forms.
    urls: bool,
    /// The form of a primitive account (the URL form grammar); empty when unknown.
    account: &'static str,
}

fn kin(provider: &str) -> Option<&'static Kin> {
    KIN.iter().find(|k| k.id == provider)
}

/// A provider's family: the data's `family`, or the provider itself.
fn family(provider: &str) -> &str {
    kin(provider).map_or(provider, |k| k.family)
}

/// Whether a template of `template_provider` may hold a code of `code_provider`: one of its
/// family, or an acquirer's code for that wallet (a SwiftPass URL in an Alipay template).
///
/// ```
/// assert!(emvqr::scheme::may_hold("alipay", "alipayplus"));
/// assert!(emvqr::scheme::may_hold("alipay", "swiftpass"));
/// assert!(!emvqr::scheme::may_hold("alipay", "tenpay"));
/// ```
#[must_use]
pub fn may_hold(template_provider: &str, code_provider: &str) -> bool {
    let wallet = family(template_provider);
    wallet == family(code_provider)
        || kin(code_provider).is_some_and(|k| k.serves.contains(&wallet))
}

/// The wallets an acquirer's codes stand for (the data's `serves`); empty for others.
///
/// ```
/// assert_eq!(emvqr::scheme::serves("swiftpass"), ["tenpay", "alipay"]);
/// assert!(emvqr::scheme::serves("alipay").is_empty());
/// ```
#[must_use]
pub fn serves(provider: &str) -> &'static [&'static str] {
    kin(provider).map_or(&[], |k| k.serves)
}

/// Whether the table knows the form of `provider`'s accounts (its family, its acquirers or
/// its URL codes): the Chinese wallets and their acquirers.
pub(crate) fn has_own_accounts(provider: &str) -> bool {
    kin(provider).is_some()
}

/// How an account fits the provider whose template or primitive ID holds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Fit {
    /// Of the provider's form, or of a provider whose form is not known.
    Fits,
    /// Another provider's code, or not of the provider's form: a wallet would pay the wrong
    /// account (`account_mismatch`).
    Mismatch,
    /// A URL on a host none of the provider's known forms uses (`account_unverified`).
    Unverified,
}

/// How the URL `url` in a template of `provider` fits it. Checked only for providers whose
/// codes are URLs of known forms (the Chinese wallets): their template holds one of their own
/// codes or an acquirer's code for them.
pub(crate) fn url_fit(provider: &str, url: &str) -> Fit {
    if !kin(provider).is_some_and(|k| k.urls) {
        return Fit::Fits;
    }
    match url_provider(url) {
        Some(other) if may_hold(provider, other) => Fit::Fits,
        Some(_) => Fit::Mismatch,
        None => Fit::Unverified,
    }
}

/// How the value of primitive merchant account `id` (02–25) fits its provider's account form.
pub(crate) fn primitive_fit(id: u8, value: &str) -> Fit {
    match primitive_provider(id).and_then(kin) {
        Some(k) if !k.account.is_empty() && url_form_match(k.account, value).is_none() => {
            Fit::Mismatch
        }
        _ => Fit::Fits,
    }
}

/// The provider a primitive merchant account ID (02–25) names: the first of the table's
/// primitive-ID rows whose range holds it.
///
/// # Examples
/// ```
/// assert_eq!(emvqr::scheme::primitive_provider(16), Some("unionpay"));
/// assert_eq!(emvqr::scheme::primitive_provider(20), None);
/// ```
#[must_use]
pub fn primitive_provider(id: u8) -> Option<&'static str> {
    INDEX
        .primitive
        .iter()
        .filter_map(|&i| RULES.get(usize::from(i)))
        .find(|r| matches!(r.matcher, Matcher::PrimitiveId { first, last } if (first..=last).contains(&id)))
        .map(|r| r.provider)
}

/// The rows recognised in a payload's templates 26–51, found once by its validation and kept
/// in its index: the profiles and amendments they imply, and the registry rules they name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Recognised {
    /// For each template 26–51, its row's index plus one (0: none).
    rows: [u8; 26],
    /// The templates 26–51 with a row, as a bit set of IDs less 26.
    found: u32,
    profiles: ProfileSet,
    amendments: Amendments,
    /// The scheme recognised from the country ([`BY_COUNTRY`] index plus one; 0: none).
    country: u8,
}

impl Recognised {
    /// Nothing recognised.
    pub(crate) const EMPTY: Recognised = Recognised {
        rows: [0; 26],
        found: 0,
        profiles: ProfileSet::EMPTY,
        amendments: Amendments::NONE,
        country: 0,
    };

    /// Notes the scheme of the payload's country (58), if the table recognises one by country.
    pub(crate) fn note_country(&mut self, country: &str) {
        let Some(i) = BY_COUNTRY.iter().position(|&(c, _, _)| c == country) else {
            return;
        };
        if let (Some(&(_, p, a)), Ok(n)) = (BY_COUNTRY.get(i), u8::try_from(i)) {
            self.profiles = self.profiles.with(p);
            self.amendments = self.amendments.with(a);
            self.country = n.saturating_add(1);
        }
    }

    /// The scheme recognised by country, with its amendments.
    fn by_country(&self) -> Option<(Profile, Amendments)> {
        let slot = usize::from(self.country.checked_sub(1)?);
        BY_COUNTRY.get(slot).map(|&(_, p, a)| (p, a))
    }

    /// Looks up the GUID of template `template_id` (only 26–51 are looked up) and notes its row.
    pub(crate) fn note(&mut self, template_id: u8, guid: &str) -> Option<&'static Row> {
        let i = lookup_index(template_id, guid)?;
        self.record(template_id, i)
    }

    /// [`Recognised::note`] for the decoder's fast path, which only accepts an identifier the
    /// table knows as written there (well-formed and in its scheme's case, as the generator
    /// checks), or one the table does not know; any other is left to the full validation.
    // Out of line: the decoder's template walk keeps its registers (fewer instructions measured).
    #[inline(never)]
    pub(crate) fn note_as_written(&mut self, template_id: u8, guid: &str) -> Noted {
        if !matches!(template_id, 26..=51) {
            return Noted::Unknown;
        }
        if let Some(i) = row_as_written(guid.as_bytes(), template_id) {
            return match self.record(template_id, usize::from(i)) {
                Some(_) => Noted::AsWritten,
                None => Noted::Otherwise,
            };
        }
        match row_otherwise(template_id, guid) {
            Some(_) => Noted::Otherwise,
            None => Noted::Unknown,
        }
    }

    /// Keeps row `i` for template `template_id`.
    fn record(&mut self, template_id: u8, i: usize) -> Option<&'static Row> {
        let row = ROWS.get(i)?;
        let offset = template_id.wrapping_sub(26);
        let slot = self.rows.get_mut(usize::from(offset))?;
        *slot = u8::try_from(i).ok()?.checked_add(1)?;
        self.found |= 1u32 << offset;
        if let Some(p) = row.profile {
            self.profiles = self.profiles.with(p);
        }
        self.amendments = self.amendments.with(row.amendments);
        Some(row)
    }

    /// The row of template `template_id`, if it was recognised.
    pub(crate) fn row(&self, template_id: u8) -> Option<&'static Row> {
        let slot = *self.rows.get(usize::from(template_id.checked_sub(26)?))?;
        ROWS.get(usize::from(slot.checked_sub(1)?))
    }

    /// The profiles recognised.
    pub(crate) const fn profiles(&self) -> ProfileSet {
        self.profiles
    }

    /// Whether a recognised scheme makes amendment `a`.
    pub(crate) const fn amends(&self, a: Amendments) -> bool {
        self.amendments.contains(a)
    }

    /// The departure rule of the first recognised scheme (in profile order) that makes
    /// amendment `a`.
    pub(crate) fn departure(&self, a: Amendments) -> Option<profiles::Rule> {
        if !self.amends(a) {
            return None;
        }
        let by_country = self
            .by_country()
            .filter(|&(_, x)| x.contains(a))
            .and_then(|(p, _)| departure(p, a));
        (0..26u8)
            .filter_map(|offset| self.row(offset.wrapping_add(26)))
            .filter(|row| row.amendments.contains(a))
            .filter_map(|row| row.profile.and_then(|p| departure(p, a)))
            .chain(by_country)
            .min_by_key(|rule| rule.profile())
    }

    /// The departure rule under which template `template_id`'s own row makes amendment `a`.
    /// Falls back to the scheme recognised by country, whose amendments cover every template.
    pub(crate) fn departure_of(&self, template_id: u8, a: Amendments) -> Option<profiles::Rule> {
        let own = self
            .row(template_id)
            .filter(|row| row.amendments.contains(a))
            .and_then(|row| departure(row.profile?, a));
        own.or_else(|| {
            let (p, x) = self.by_country()?;
            x.contains(a).then(|| departure(p, a)).flatten()
        })
    }

    /// The IDs of the templates whose row implies profile `p`, as a bit set of root IDs.
    pub(crate) fn templates_of(&self, p: Profile) -> u128 {
        let mut set = 0u128;
        let mut left = self.found;
        while left != 0 {
            let offset = left.trailing_zeros();
            left &= left.wrapping_sub(1);
            let id = u8::try_from(offset).map_or(0, |o| o.wrapping_add(26));
            if self.row(id).is_some_and(|r| r.profile == Some(p)) {
                set |= 1u128 << id;
            }
        }
        set
    }
}

/// What [`Recognised::note_as_written`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Noted {
    /// A row's identifier, written as in the table: noted.
    AsWritten,
    /// A row's identifier written otherwise (another case, an account ID): not noted.
    Otherwise,
    /// No row's identifier.
    Unknown,
}

/// Whether `guid`, recognised as `row`, is written in the case its scheme asks for: always,
/// unless the scheme asks for its own spelling ([`Amendments::GUID_CASE_WARNING`]).
pub(crate) fn guid_in_scheme_case(row: &Row, guid: &str) -> bool {
    match row.rule.matcher {
        Matcher::Guid {
            value,
            case: CaseRule::AsciiInsensitive,
            ..
        } if row.amendments.contains(Amendments::GUID_CASE_WARNING) => value == guid,
        _ => true,
    }
}

/// The registered rows' rules, in row order: the embedded registry's rules.
// Evaluated at compile time: an index out of range fails the build.
#[allow(clippy::indexing_slicing, clippy::arithmetic_side_effects)]
const fn registered<const N: usize>(rows: &[Row]) -> [Rule<'static>; N] {
    let mut out = [PLACEHOLDER; N];
    let mut i = 0;
    while i < rows.len() {
        if let Some(j) = rows[i].registry {
            out[j as usize] = rows[i].rule;
        }
        i += 1;
    }
    out
}

const PLACEHOLDER: Rule<'static> = Rule {
    provider: "",
    matcher: Matcher::PrimitiveId { first: 0, last: 0 },
    source: "",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_registered_row_is_a_rule_in_order() {
        let mut next = 0u16;
        for row in rows() {
            if let Some(i) = row.registry {
                assert_eq!(i, next);
                assert_eq!(RULES.get(usize::from(i)), Some(&row.rule));
                next += 1;
            }
        }
        assert_eq!(usize::from(next), RULES.len());
        assert!(RULES.iter().all(|r| !r.provider.is_empty()));
    }

    #[test]
    fn a_profile_is_named_by_its_provider() {
        for row in rows() {
            if let Some(p) = row.profile {
                assert_eq!(p.id(), row.rule.provider);
            }
            assert!(PROVIDERS.iter().any(|p| p.id == row.rule.provider));
        }
        // Every profile is recognised by an identifier or by a country.
        for p in Profile::ALL {
            let by_row = rows().iter().any(|r| r.profile == Some(p));
            let by_country = BY_COUNTRY.iter().any(|&(_, q, _)| q == p);
            assert!(by_row || by_country, "{p}");
            assert!(
                BY_COUNTRY
                    .iter()
                    .all(|&(c, q, _)| q != p || c == p.country())
            );
        }
    }

    #[test]
    fn every_amendment_but_a_strictness_is_a_named_departure() {
        let all = [
            Amendments::UTF8_NAMES,
            Amendments::OPTIONAL_52_59_60,
            Amendments::PFI_02,
            Amendments::ACCOUNT_ID_GUID,
            Amendments::TEMPLATE_99_NO_GUID,
            Amendments::PRIMITIVE_82,
        ];
        let schemes = rows()
            .iter()
            .filter_map(|r| Some((r.profile?, r.amendments)))
            .chain(BY_COUNTRY.iter().map(|&(_, p, a)| (p, a)));
        for (p, amendments) in schemes {
            for a in all {
                // Pix's UTF-8 names keep their own warning, `non_ascii`.
                if amendments.contains(a) && a != Amendments::UTF8_NAMES {
                    let rule = departure(p, a);
                    assert!(rule.is_some_and(|r| r.profile() == p), "{p} {a:?}");
                    assert_eq!(
                        rule.map(profiles::Rule::severity),
                        Some(profiles::Severity::Departure)
                    );
                }
            }
        }
        for (p, a, rule) in DEPARTURES {
            assert_eq!(rule.profile(), p);
            assert!(!a.is_empty());
        }
    }

    #[test]
    fn the_country_names_a_scheme() {
        let mut r = Recognised::EMPTY;
        r.note_country("BR");
        assert_eq!(r, Recognised::EMPTY);
        r.note_country("AR");
        assert!(r.profiles().contains(Profile::Argentina));
        assert!(r.amends(Amendments::ACCOUNT_ID_GUID));
        let rule = Some(profiles::Rule::ARGENTINA_IDENTIFIER);
        assert_eq!(r.departure_of(50, Amendments::ACCOUNT_ID_GUID), rule);
        assert_eq!(r.departure(Amendments::ACCOUNT_ID_GUID), rule);
        assert_eq!(r.departure(Amendments::PFI_02), None);
    }

    /// The embedded rules whose URL matcher matches `text`, by a pass over every rule.
    fn url_matches_linear(text: &str) -> Vec<u16> {
        (0u16..)
            .zip(RULES.iter())
            .filter(|(_, r)| url_matches(&r.matcher, text))
            .map(|(i, _)| i)
            .collect()
    }

    #[test]
    fn url_rules_by_scheme_and_host() {
        let provider = |t: &str| url_provider(t);
        assert_eq!(
            provider("HTTPS://QR.ALIPAY.COM/FKX00613RNTBP6WA98JEC5"),
            Some("alipay")
        );
        assert_eq!(
            provider("wxp://f2f0YpJfRdX8mWcqH7m1pQWMoHvB"),
            Some("tenpay")
        );
        assert_eq!(provider("https://qr.alipay.com.evil.cn/fkx12345678"), None);
        // Only the rules of any https host are tried on an unknown host; none without a scheme.
        assert!(
            url_rules("https://example.com/a").len() < url_rules("https://qr.alipay.com/").len()
        );
        for text in [
            "000201",
            "://qr.alipay.com/",
            "abcdefghijk://x",
            "",
            "https:/x",
        ] {
            assert_eq!(url_rules(text), &[] as &[u16], "{text}");
        }
    }

    proptest::proptest! {
        /// The index finds every rule a pass over all rules finds, on codes made of the
        /// table's own hosts and schemes with any path.
        #[test]
        fn url_lookup_is_the_linear_match(
            key in proptest::sample::select(
                INDEX.url_hosts.iter().map(|&(k, _)| k.to_owned())
                    .chain(INDEX.url_schemes.iter().map(|&(k, _)| format!("{k}://")))
                    .chain(["https://alipay.com".to_owned(), "ftp://".to_owned()])
                    .collect::<Vec<_>>()
            ),
            upper in proptest::bool::ANY,
            tail in "(/|\\?|#|)(fkx|bax|281|qr/|md/|f2f|bizpayurl\\?pr=|MPM/3/|[0-9]{8}/)?[A-Za-z0-9/?=&._-]{0,48}",
        ) {
            let key = if upper { key.to_ascii_uppercase() } else { key };
            let text = format!("{key}{tail}");
            let listed: Vec<u16> = url_rules(&text)
                .iter()
                .copied()
                .filter(|&i| RULES.get(usize::from(i)).is_some_and(|r| url_matches(&r.matcher, &text)))
                .collect();
            proptest::prop_assert_eq!(listed, url_matches_linear(&text));
        }
    }

    #[test]
    fn lookup_is_the_registry_match() {
        // The lookup finds exactly what a linear pass over every template row finds.
        for row in rows() {
            let (value, templates) = match row.rule.matcher {
                Matcher::Guid {
                    value, templates, ..
                }
                | Matcher::Aid {
                    value, templates, ..
                } => (value, templates),
                _ => continue,
            };
            for id in 20u8..=60 {
                for guid in [
                    value.to_string(),
                    value.to_ascii_lowercase(),
                    value.to_ascii_uppercase(),
                ] {
                    let linear = ROWS
                        .iter()
                        .position(|r| guid_matches(&r.rule.matcher, id, &guid));
                    assert_eq!(lookup_index(id, &guid), linear, "{id} {guid}");
                    if (templates[0]..=templates[1]).contains(&id) && guid == value {
                        assert!(linear.is_some());
                    }
                }
            }
        }
    }

    #[test]
    fn recognised_rows_are_kept_per_template() {
        let mut r = Recognised::EMPTY;
        assert!(r.note(26, "br.gov.bcb.pix").is_some());
        assert!(r.note(29, "john@bank").is_some());
        assert!(r.note(30, "unknown.example").is_none());
        assert!(r.note(62, "br.gov.bcb.pix").is_none());
        assert_eq!(r.row(26).map(|x| x.rule.provider), Some("pix"));
        assert_eq!(r.row(29).map(|x| x.rule.provider), Some("khqr"));
        assert_eq!(r.row(30), None);
        assert_eq!(r.row(25), None);
        assert_eq!(r.templates_of(Profile::Pix), 1u128 << 26);
        assert_eq!(r.templates_of(Profile::Khqr), 1u128 << 29);
        assert!(r.profiles().contains(Profile::Khqr));
        assert!(r.amends(Amendments::UTF8_NAMES) && !r.amends(Amendments::PFI_02));
    }

    #[test]
    fn recognition_case_rules() {
        assert_eq!(Profile::for_guid(26, "BR.GOV.BCB.PIX"), Some(Profile::Pix));
        assert_eq!(Profile::for_guid(26, "HK.COM.HKICL"), Some(Profile::Fps));
        assert_eq!(Profile::for_guid(26, "sg.paynow"), None);
        // An AID's hex digits compare in either case, for the profile as for the registry.
        assert_eq!(Profile::for_guid(26, "a000000727"), Some(Profile::VietQr));
        assert_eq!(Profile::for_guid(80, "br.gov.bcb.pix"), None);
        assert_eq!(Profile::for_guid(29, "john@bank"), Some(Profile::Khqr));
        assert_eq!(Profile::for_guid(26, "john@bank"), None);
        // A KHQR account of any length, including the lengths of other schemes' GUIDs.
        for guid in [
            "ab@cdefghijklmn",
            "abc@defghijklmno",
            "a@b",
            "abcdefghij@klmnopqrstuvwxyz01234",
        ] {
            assert_eq!(Profile::for_guid(30, guid), Some(Profile::Khqr), "{guid}");
        }
        for p in Profile::ALL {
            if !matches!(p, Profile::Khqr | Profile::Argentina) {
                let guid = match p {
                    Profile::Pix => "br.gov.bcb.pix",
                    Profile::PromptPay => "A000000677010114",
                    Profile::ThaiBillPay => "A000000677012006",
                    Profile::PayNow => "SG.PAYNOW",
                    Profile::Sgqr => "SG.SGQR",
                    Profile::DuitNow => "A0000006150001",
                    Profile::Qris => "ID.CO.QRIS.WWW",
                    Profile::VietQr => "A000000727",
                    Profile::QrPh => "ph.ppmi.p2micro",
                    Profile::Fps => "hk.com.hkicl",
                    Profile::Upi => "A000000524",
                    _ => "jp.or.paymentsjapan",
                };
                assert_eq!(Profile::for_guid(51, guid), Some(p), "{guid}");
                assert_eq!(Profile::for_guid(52, guid), None, "{guid}");
            }
        }
        assert_eq!(Profile::for_guid(26, "br.gov.bcb.pix.evil"), None);
    }

    #[test]
    fn amendments_are_a_set() {
        let a = Amendments::UTF8_NAMES;
        assert_eq!(a.with(a), a);
        assert!(Amendments::NONE.is_empty() && !a.is_empty());
        let both = a.with(Amendments::PFI_02);
        assert!(both.contains(a) && both.contains(Amendments::PFI_02));
        assert!(!a.contains(both));
        assert!(!both.contains(Amendments::OPTIONAL_52_59_60));
    }

    #[test]
    fn primitive_ids_name_their_networks() {
        let names: Vec<Option<&str>> = (0u8..=26).map(primitive_provider).collect();
        let mut want = vec![None; 27];
        for (ids, name) in [
            (2u8..=3, "visa"),
            (4..=5, "mastercard"),
            (9..=10, "discover"),
            (11..=12, "amex"),
            (13..=14, "jcb"),
            (15..=16, "unionpay"),
        ] {
            for id in ids {
                want[usize::from(id)] = Some(name);
            }
        }
        assert_eq!(names, want);
    }

    #[test]
    fn only_a_scheme_that_asks_for_its_spelling_checks_the_case() {
        let pix = lookup(26, "br.gov.bcb.pix").unwrap();
        assert!(guid_in_scheme_case(pix, "br.gov.bcb.pix"));
        assert!(!guid_in_scheme_case(pix, "BR.GOV.BCB.PIX"));
        // FPS matches in any case too, but asks for no spelling.
        let fps = lookup(26, "HK.COM.HKICL").unwrap();
        assert_eq!(fps.rule.provider, "fps");
        assert!(guid_in_scheme_case(fps, "HK.COM.HKICL"));
        // An exact GUID is in its case whenever it matched.
        let paynow = lookup(26, "SG.PAYNOW").unwrap();
        assert!(guid_in_scheme_case(paynow, "SG.PAYNOW"));
    }
}
