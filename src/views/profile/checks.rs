//! The rules of each profile, in the order `spec/README.md` lists them.
//!
//! Values are found with `Payload::get` (constant time) and one walk of each template's headers;
//! character offsets, which cost a count of the characters before them in a non-ASCII payload,
//! are computed only for a finding.

use super::report::Sink;
use crate::knowledge::profiles::{Profile, Rule};
use crate::knowledge::scheme;
use crate::views::mpm::payload::Payload;
use crate::wire::error::{Error, Path};
use crate::wire::tlv::TlvIter;

use super::grammar::{
    PixKey, alnum, bic, date, digits, digits_n, email, pix_key, pix_txid, pix_url, plain_amount,
    time, upper_alnum, vpa,
};

type R = Result<(), Error>;

/// A proxy kind: its sub-ID, the rule of its format, and the format.
type Proxy = (u8, Rule, fn(&str) -> bool);

/// A value: a slice of the payload, located on demand by [`Cx::at`].
#[derive(Clone, Copy)]
struct Val<'a> {
    text: &'a str,
}

/// The header at byte `pos` of a template value that passed validation (so well-formed, each
/// sub-ID at most once): its sub-ID, where its value starts and where it ends (the next
/// header), as byte offsets into `value`. `ascii` says the value is ASCII (lengths are then
/// byte counts). On text that is not well-formed it reads nothing or some range, never panics,
/// and always moves forward.
///
/// The offsets are `u16` (a payload is at most 999 characters): the answer comes back in a
/// register, where a wider one went through memory and stalled on the way back.
#[inline(always)]
fn header_at(value: &str, ascii: bool, pos: usize) -> Option<(u8, u16, u16)> {
    let bytes = value.as_bytes();
    let &[i0, i1, l0, l1] = bytes.get(pos..pos.checked_add(4)?)? else {
        return None;
    };
    let digit = |b: u8| b.wrapping_sub(b'0');
    let id = digit(i0).wrapping_mul(10).wrapping_add(digit(i1));
    let len = usize::from(digit(l0).wrapping_mul(10).wrapping_add(digit(l1)));
    let start = pos.saturating_add(4);
    let end = if ascii {
        start.saturating_add(len)
    } else {
        let body = value.get(start..)?;
        body.char_indices()
            .nth(len)
            .map_or(bytes.len(), |(i, _)| start.saturating_add(i))
    };
    Some((id, u16::try_from(start).ok()?, u16::try_from(end).ok()?))
}

/// Sub-object `sid` of a template value that passed validation.
#[cfg(test)]
fn sub_in(value: &str, ascii: bool, sid: u8) -> Option<&str> {
    let mut pos = 0;
    while let Some((id, start, end)) = header_at(value, ascii, pos) {
        if id == sid {
            return value.get(usize::from(start)..usize::from(end));
        }
        pos = usize::from(end);
    }
    None
}

/// IDs 26–51, the merchant account templates, as a bit set.
const ACCOUNT_TEMPLATES: u128 = ((1u128 << 52) - 1) & !((1u128 << 26) - 1);

/// The present IDs among `ids` (a bit set of root IDs), ascending.
pub(super) fn ids_in(present: u128, ids: u128) -> impl Iterator<Item = u8> {
    let mut bits = present & ids;
    core::iter::from_fn(move || {
        if bits == 0 {
            return None;
        }
        let id = bits.trailing_zeros();
        bits &= bits.wrapping_sub(1);
        u8::try_from(id).ok()
    })
}

/// The most sub-objects a template value holds: at most 99 characters, each sub-object at
/// least five.
const MAX_SUBS: usize = 20;

/// A template of the payload: its ID, its value and where each sub-object is.
struct Tpl<'a> {
    id: u8,
    value: &'a str,
    /// The sub-IDs in the order found (unused slots hold `0xFF`, which no sub-ID is) and the
    /// byte range of each one's value. The rules ask for sub-objects in any order, some
    /// twice: one walk of the headers up front answers every question with a short scan.
    sids: [u8; MAX_SUBS],
    ranges: [(u16, u16); MAX_SUBS],
}

impl<'a> Tpl<'a> {
    #[inline(always)]
    fn of(p: &Payload<'a>, id: u8) -> Option<Tpl<'a>> {
        let mut t = Tpl::blank(id, p.get(id)?);
        t.index(p.is_ascii());
        Some(t)
    }

    /// A template with nothing indexed yet (see [`Tpl::index`]).
    #[inline(always)]
    fn blank(id: u8, value: &'a str) -> Tpl<'a> {
        Tpl {
            id,
            value,
            sids: [0xFF; MAX_SUBS],
            ranges: [(0, 0); MAX_SUBS],
        }
    }

    /// Walks the value's headers into the table; `ascii`: the whole payload is ASCII. Done in
    /// place: a table built in one place and returned was read back with wide loads from
    /// narrow stores, and stalled. Out of line: inlined into each profile's loop it cost 7 KB
    /// of code for no measurable speed.
    #[inline(never)]
    fn index(&mut self, ascii: bool) {
        let value = self.value;
        let ascii = ascii || value.is_ascii();
        let mut pos = 0;
        for (sid, range) in self.sids.iter_mut().zip(self.ranges.iter_mut()) {
            let Some((id, start, end)) = header_at(value, ascii, pos) else {
                break;
            };
            (*sid, *range) = (id, (start, end));
            pos = usize::from(end);
        }
    }

    fn sub(&self, sid: u8) -> Option<Val<'a>> {
        let i = self.sids.iter().position(|&s| s == sid)?;
        let &(start, end) = self.ranges.get(i)?;
        let text = self.value.get(usize::from(start)..usize::from(end))?;
        Some(Val { text })
    }

    fn guid(&self) -> Option<&'a str> {
        self.sub(0).map(|v| v.text)
    }

    fn path(&self, sid: u8) -> Path {
        Path::sub(self.id, sid)
    }
}

struct Cx<'p, 'a, 's, 'o, 'r> {
    p: &'p Payload<'a>,
    /// The IDs of the templates recognised for the profile being checked, as a bit set.
    mine: u128,
    sink: &'s mut Sink<'o, 'r>,
}

impl<'a> Cx<'_, 'a, '_, '_, '_> {
    fn hit(&mut self, rule: Rule, at: usize, path: Path) -> R {
        self.sink.hit(rule, at, path)
    }

    /// The character offset of `v`, a slice of the payload.
    fn at(&self, v: &str) -> usize {
        let base = self.p.as_str();
        let byte = v.as_ptr().addr().saturating_sub(base.as_ptr().addr());
        match base.get(..byte) {
            Some(s) if s.is_ascii() => byte,
            Some(s) => s.chars().count(),
            None => 0,
        }
    }

    fn root(&self, id: u8) -> Option<Val<'a>> {
        self.p.get(id).map(|text| Val { text })
    }

    /// `rule` when sub-object `sid` is absent (at the template's value) or fails `ok`.
    fn sub_must(&mut self, t: &Tpl<'a>, sid: u8, rule: Rule, ok: impl Fn(&str) -> bool) -> R {
        match t.sub(sid) {
            None => self.hit(rule, self.at(t.value), t.path(sid)),
            Some(v) if !ok(v.text) => self.hit(rule, self.at(v.text), t.path(sid)),
            Some(_) => Ok(()),
        }
    }

    /// `rule` when sub-object `sid` is present and fails `ok`.
    fn sub_may(&mut self, t: &Tpl<'a>, sid: u8, rule: Rule, ok: impl Fn(&str) -> bool) -> R {
        match t.sub(sid) {
            Some(v) if !ok(v.text) => self.hit(rule, self.at(v.text), t.path(sid)),
            _ => Ok(()),
        }
    }

    /// Exactly one of the proxy sub-objects `kinds`, each well-formed: `missing` (reported at
    /// the template's value, path of the first kind) when none, `ambiguous` at the second.
    fn one_proxy(&mut self, t: &Tpl<'a>, kinds: &[Proxy], missing: Rule, ambiguous: Rule) -> R {
        let mut found = 0u8;
        for &(sid, rule, ok) in kinds {
            let Some(v) = t.sub(sid) else { continue };
            found = found.saturating_add(1);
            if found > 1 {
                self.hit(ambiguous, self.at(v.text), t.path(sid))?;
            }
            if !ok(v.text) {
                self.hit(rule, self.at(v.text), t.path(sid))?;
            }
        }
        if found == 0 {
            let first = kinds.first().map_or(0, |k| k.0);
            self.hit(missing, self.at(t.value), t.path(first))?;
        }
        Ok(())
    }

    /// `rule` when the currency (53) is not one `profile` settles in.
    fn currency(&mut self, profile: Profile, rule: Rule) -> R {
        self.root_in(53, profile.currencies(), rule)
    }

    /// `rule` when the country (58) is not `profile`'s.
    fn country(&mut self, profile: Profile, rule: Rule) -> R {
        self.root_in(58, &[profile.country()], rule)
    }

    /// `rule` when root object `id` is present and not one of `allowed`.
    fn root_in(&mut self, id: u8, allowed: &[&str], rule: Rule) -> R {
        // The common case, a value that is allowed, without locating the value's end.
        if allowed.iter().any(|a| self.p.value_is(id, a.as_bytes())) {
            return Ok(());
        }
        match self.root(id) {
            Some(v) => self.hit(rule, self.at(v.text), Path::id(id)),
            None => Ok(()),
        }
    }
}

/// The IDs of the payload's templates 26–51 recognised for the profile being checked,
/// ascending. Each loop builds its [`Tpl`] in place: yielded by an iterator, the table was
/// copied through memory on every step.
fn templates(p: &Payload<'_>, mine: u128) -> impl Iterator<Item = u8> {
    ids_in(p.present(), mine)
}

/// Applies `profile`, whose templates are the IDs in `mine` (a bit set).
pub(super) fn run(profile: Profile, p: &Payload<'_>, mine: u128, sink: &mut Sink<'_, '_>) -> R {
    let mut cx = Cx { p, mine, sink };
    match profile {
        Profile::Pix => pix(&mut cx),
        Profile::PromptPay => promptpay(&mut cx),
        Profile::ThaiBillPay => thai_billpay(&mut cx),
        Profile::PayNow => paynow(&mut cx),
        Profile::Sgqr => sgqr(&mut cx),
        Profile::DuitNow => duitnow(&mut cx),
        Profile::Qris => qris(&mut cx),
        Profile::VietQr => vietqr(&mut cx),
        Profile::Khqr => khqr(&mut cx),
        Profile::QrPh => qrph(&mut cx),
        Profile::Fps => fps(&mut cx),
        Profile::Upi => upi(&mut cx),
        Profile::Jpqr => jpqr(&mut cx),
        Profile::Argentina => argentina(&mut cx),
    }
}

// ---------------------------------------------------------------------------------------------
// Values (their grammars are in `grammar.rs`)

// ---------------------------------------------------------------------------------------------
// Profiles

/// The location URL (25) of the payload's first unreserved template (80–99) whose GUID is
/// Pix's: Pix Automático's recurrence URL, which stands in for a key or URL in 26.
fn pix_recurrence<'a>(p: &Payload<'a>) -> Option<(u8, Val<'a>)> {
    let unreserved = ((1u128 << 100) - 1) & !((1u128 << 80) - 1);
    ids_in(p.present(), unreserved).find_map(|id| {
        let t = Tpl::of(p, id)?;
        let pix = t
            .guid()
            .is_some_and(|g| Profile::for_guid(26, g) == Some(Profile::Pix));
        pix.then(|| t.sub(25).map(|u| (id, u))).flatten()
    })
}

/// A Pix location URL: its grammar, then the punycode warning.
fn pix_location(cx: &mut Cx<'_, '_, '_, '_, '_>, u: Val<'_>, path: Path) -> R {
    if !pix_url(u.text) {
        return cx.hit(Rule::PIX_URL, cx.at(u.text), path);
    }
    if u.text.split('/').next().is_some_and(|h| {
        h.split('.')
            .any(|l| l.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("xn--")))
    }) {
        cx.hit(Rule::PIX_URL_PUNYCODE, cx.at(u.text), path)?;
    }
    Ok(())
}

fn pix(cx: &mut Cx<'_, '_, '_, '_, '_>) -> R {
    let mut dynamic = false;
    let mut first = true;
    let p = cx.p;
    // Pix Automático: the recurrence URL in an unreserved Pix template.
    let recurrence = pix_recurrence(p);
    if let Some((id, u)) = recurrence {
        pix_location(cx, u, Path::sub(id, 25))?;
    }
    for t in templates(p, cx.mine) {
        let Some(value) = p.get(t) else { continue };
        let mut t = Tpl::blank(t, value);
        t.index(p.is_ascii());
        let key = t.sub(1);
        let url = t.sub(25);
        match (key, url) {
            (None, None) if recurrence.is_none() => {
                cx.hit(Rule::PIX_KEY_OR_URL, cx.at(t.value), t.path(1))?;
            }
            (Some(_), Some(u)) => cx.hit(Rule::PIX_KEY_AND_URL, cx.at(u.text), t.path(25))?,
            _ => {}
        }
        if let Some(k) = key {
            match pix_key(k.text) {
                PixKey::Valid => {}
                PixKey::BadCheckDigits => {
                    cx.hit(Rule::PIX_KEY_CHECK_DIGITS, cx.at(k.text), t.path(1))?
                }
                PixKey::Malformed => cx.hit(Rule::PIX_KEY, cx.at(k.text), t.path(1))?,
            }
        }
        if let Some(u) = url {
            pix_location(cx, u, t.path(25))?;
        }
        cx.sub_may(&t, 3, Rule::PIX_FSS, |v| digits_n(v, 8))?;
        if first {
            dynamic = key.is_none() && (url.is_some() || recurrence.is_some());
            first = false;
        }
    }
    let txid = Tpl::of(cx.p, 62).and_then(|t| t.sub(5));
    match txid {
        None => {
            let at = cx.root(62).map_or(0, |v| cx.at(v.text));
            cx.hit(Rule::PIX_TXID_MISSING, at, Path::sub(62, 5))?;
        }
        Some(v) if dynamic && v.text != "***" => {
            cx.hit(Rule::PIX_TXID_DYNAMIC, cx.at(v.text), Path::sub(62, 5))?;
        }
        Some(v) if !dynamic && !pix_txid(v.text) => {
            cx.hit(Rule::PIX_TXID, cx.at(v.text), Path::sub(62, 5))?;
        }
        Some(_) => {}
    }
    cx.currency(Profile::Pix, Rule::PIX_CURRENCY)?;
    cx.country(Profile::Pix, Rule::PIX_COUNTRY)?;
    cx.root_in(52, &["0000"], Rule::PIX_MCC)
}

fn promptpay(cx: &mut Cx<'_, '_, '_, '_, '_>) -> R {
    let p = cx.p;
    for t in templates(p, cx.mine) {
        let Some(value) = p.get(t) else { continue };
        let mut t = Tpl::blank(t, value);
        t.index(p.is_ascii());
        let kinds: [Proxy; 5] = [
            (
                1u8,
                Rule::PROMPTPAY_MOBILE,
                (|v: &str| digits_n(v, 13) && v.starts_with("0066")) as fn(&str) -> bool,
            ),
            (2, Rule::PROMPTPAY_TAX_ID, |v: &str| digits_n(v, 13)),
            (3, Rule::PROMPTPAY_EWALLET, |v: &str| digits_n(v, 15)),
            (4, Rule::PROMPTPAY_BANK_ACCOUNT, |v: &str| {
                v.len() <= 43 && digits(v)
            }),
            (5, Rule::PROMPTPAY_OTA, |v: &str| v.len() == 10 && alnum(v)),
        ];
        cx.one_proxy(
            &t,
            &kinds,
            Rule::PROMPTPAY_PROXY_MISSING,
            Rule::PROMPTPAY_PROXY_AMBIGUOUS,
        )?;
    }
    cx.currency(Profile::PromptPay, Rule::PROMPTPAY_CURRENCY)?;
    cx.country(Profile::PromptPay, Rule::PROMPTPAY_COUNTRY)
}

fn thai_billpay(cx: &mut Cx<'_, '_, '_, '_, '_>) -> R {
    let mut domestic = false;
    let p = cx.p;
    for t in templates(p, cx.mine) {
        let Some(value) = p.get(t) else { continue };
        let mut t = Tpl::blank(t, value);
        t.index(p.is_ascii());
        domestic |= t.guid() == Some("A000000677010112");
        cx.sub_must(&t, 1, Rule::THAI_BILLPAY_BILLER_ID, |v| {
            digits_n(v, 13) || digits_n(v, 15)
        })?;
        cx.sub_must(&t, 2, Rule::THAI_BILLPAY_REFERENCE1, |v| {
            v.chars().count() <= 20
        })?;
        cx.sub_may(&t, 3, Rule::THAI_BILLPAY_REFERENCE2, |v| {
            v.chars().count() <= 20
        })?;
        for sid in [2u8, 3] {
            cx.sub_may(&t, sid, Rule::THAI_BILLPAY_REFERENCE_CHARSET, upper_alnum)?;
        }
    }
    if domestic {
        cx.currency(Profile::ThaiBillPay, Rule::THAI_BILLPAY_CURRENCY)?;
    }
    cx.country(Profile::ThaiBillPay, Rule::THAI_BILLPAY_COUNTRY)
}

fn paynow(cx: &mut Cx<'_, '_, '_, '_, '_>) -> R {
    let p = cx.p;
    for t in templates(p, cx.mine) {
        let Some(value) = p.get(t) else { continue };
        let mut t = Tpl::blank(t, value);
        t.index(p.is_ascii());
        cx.sub_must(&t, 1, Rule::PAYNOW_PROXY_TYPE, |v| matches!(v, "0" | "2"))?;
        let kind = t.sub(1).map(|v| v.text);
        cx.sub_must(&t, 2, Rule::PAYNOW_PROXY_VALUE, |v| match kind {
            Some("0") => v.strip_prefix("+65").is_some_and(|n| digits_n(n, 8)),
            _ => v.len() <= 13 && alnum(v),
        })?;
        cx.sub_may(&t, 3, Rule::PAYNOW_EDITABLE, |v| matches!(v, "0" | "1"))?;
        cx.sub_may(&t, 4, Rule::PAYNOW_EXPIRY, |v| {
            date(v.get(..8).unwrap_or(""))
                && (v.len() == 8 || (v.len() == 14 && time(v.get(8..).unwrap_or(""))))
        })?;
        if let Some(v) = t.sub(4).filter(|v| v.text.len() == 14) {
            cx.hit(Rule::PAYNOW_EXPIRY_DATETIME, cx.at(v.text), t.path(4))?;
        }
    }
    cx.currency(Profile::PayNow, Rule::PAYNOW_CURRENCY)?;
    cx.country(Profile::PayNow, Rule::PAYNOW_COUNTRY)
}

fn sgqr(cx: &mut Cx<'_, '_, '_, '_, '_>) -> R {
    let p = cx.p;
    for t in templates(p, cx.mine) {
        let Some(value) = p.get(t) else { continue };
        let mut t = Tpl::blank(t, value);
        t.index(p.is_ascii());
        if t.id != 51 {
            let at = t.sub(0).map_or(cx.at(t.value), |g| cx.at(g.text));
            cx.hit(Rule::SGQR_TEMPLATE_ID, at, t.path(0))?;
        }
        cx.sub_must(&t, 1, Rule::SGQR_ID, |_| true)?;
        cx.sub_may(&t, 3, Rule::SGQR_POSTAL_CODE, |v| digits_n(v, 6))?;
        cx.sub_may(&t, 7, Rule::SGQR_DATE, date)?;
    }
    cx.country(Profile::Sgqr, Rule::SGQR_COUNTRY)
}

fn duitnow(cx: &mut Cx<'_, '_, '_, '_, '_>) -> R {
    let p = cx.p;
    for t in templates(p, cx.mine) {
        let Some(value) = p.get(t) else { continue };
        let mut t = Tpl::blank(t, value);
        t.index(p.is_ascii());
        cx.sub_must(&t, 1, Rule::DUITNOW_ACQUIRER, |v| digits_n(v, 6))?;
        cx.sub_must(&t, 2, Rule::DUITNOW_MERCHANT_ID, |v| {
            v.chars().count() <= 28
        })?;
    }
    cx.currency(Profile::DuitNow, Rule::DUITNOW_CURRENCY)?;
    cx.country(Profile::DuitNow, Rule::DUITNOW_COUNTRY)
}

const QRIS_CRITERIA: [&str; 7] = ["UMI", "UKE", "UME", "UBE", "URE", "PSO", "BLU"];

fn qris(cx: &mut Cx<'_, '_, '_, '_, '_>) -> R {
    let p = cx.p;
    for t in templates(p, cx.mine) {
        let Some(value) = p.get(t) else { continue };
        let mut t = Tpl::blank(t, value);
        t.index(p.is_ascii());
        if t.id != 51 {
            let at = t.sub(0).map_or(cx.at(t.value), |g| cx.at(g.text));
            cx.hit(Rule::QRIS_TEMPLATE_ID, at, t.path(0))?;
        }
        cx.sub_must(&t, 2, Rule::QRIS_NMID, |v| {
            v.strip_prefix("ID").is_some_and(|n| digits_n(n, 13))
        })?;
        match t.sub(3) {
            None => cx.hit(Rule::QRIS_CRITERIA_MISSING, cx.at(t.value), t.path(3))?,
            Some(v) if !QRIS_CRITERIA.contains(&v.text) => {
                cx.hit(Rule::QRIS_CRITERIA, cx.at(v.text), t.path(3))?;
            }
            Some(_) => {}
        }
    }
    // Every code of Indonesia is QRIS: a static one names its merchant in the central
    // repository (51); a dynamic one may carry the issuer's template alone.
    if cx.mine == 0 && cx.root(1).map(|v| v.text) != Some("12") {
        cx.hit(Rule::QRIS_CENTRAL_REPOSITORY, 0, Path::id(51))?;
    }
    // Domestic templates 26–45 of a QRIS code: reverse-domain GUIDs of the PJSPs.
    let p = cx.p;
    let domestic = ((1u128 << 46) - 1) & !((1u128 << 26) - 1);
    for t in ids_in(p.present(), domestic) {
        let Some(value) = p.get(t) else { continue };
        let mut t = Tpl::blank(t, value);
        t.index(p.is_ascii());
        // Another scheme's template, or a wallet's or acquirer's whose accounts the table
        // knows (SwiftPass's `SWP.COM` and Alipay's `com.alipay` in real codes), keeps its own
        // layout.
        if t.guid()
            .and_then(|g| scheme::lookup(t.id, g))
            .is_some_and(|row| row.profile.is_some() || scheme::has_own_accounts(row.rule.provider))
        {
            continue;
        }
        cx.sub_may(&t, 1, Rule::QRIS_MERCHANT_PAN, |v| {
            v.len() <= 19 && digits(v)
        })?;
        cx.sub_may(&t, 3, Rule::QRIS_CRITERIA, |v| QRIS_CRITERIA.contains(&v))?;
    }
    cx.currency(Profile::Qris, Rule::QRIS_CURRENCY)?;
    cx.country(Profile::Qris, Rule::QRIS_COUNTRY)
}

fn vietqr(cx: &mut Cx<'_, '_, '_, '_, '_>) -> R {
    let p = cx.p;
    for t in templates(p, cx.mine) {
        let Some(value) = p.get(t) else { continue };
        let mut t = Tpl::blank(t, value);
        t.index(p.is_ascii());
        let Some(b) = t.sub(1) else {
            cx.hit(Rule::VIETQR_BENEFICIARY, cx.at(t.value), t.path(1))?;
            continue;
        };
        // 01 is itself a template: {00 BIN, 01 account or card number}.
        let mut bin: Option<(&str, usize)> = None;
        let mut consumer: Option<(&str, usize)> = None;
        let mut broken = false;
        for r in TlvIter::nested(b.text, cx.at(b.text), t.id) {
            match r {
                Err(e) => {
                    cx.hit(Rule::VIETQR_BENEFICIARY, e.offset(), t.path(1))?;
                    broken = true;
                    break;
                }
                Ok(s) if s.id() == 0 => bin = Some((s.value(), s.value_offset())),
                Ok(s) if s.id() == 1 => consumer = Some((s.value(), s.value_offset())),
                Ok(_) => {}
            }
        }
        if !broken {
            match bin {
                None => cx.hit(Rule::VIETQR_BIN, cx.at(b.text), t.path(1))?,
                Some((v, at)) if !digits_n(v, 6) => cx.hit(Rule::VIETQR_BIN, at, t.path(1))?,
                Some(_) => {}
            }
            match consumer {
                None => cx.hit(Rule::VIETQR_CONSUMER, cx.at(b.text), t.path(1))?,
                Some((v, at)) if !(v.len() <= 19 && alnum(v)) => {
                    cx.hit(Rule::VIETQR_CONSUMER, at, t.path(1))?;
                }
                Some(_) => {}
            }
        }
        cx.sub_must(&t, 2, Rule::VIETQR_SERVICE_CODE, |v| {
            matches!(v, "QRIBFTTA" | "QRIBFTTC" | "QRPUSH" | "QRCASH")
        })?;
    }
    cx.currency(Profile::VietQr, Rule::VIETQR_CURRENCY)?;
    cx.country(Profile::VietQr, Rule::VIETQR_COUNTRY)
}

fn khqr(cx: &mut Cx<'_, '_, '_, '_, '_>) -> R {
    let p = cx.p;
    // The Bakong SDKs count lengths in UTF-16 units, EMVCo in characters: they differ only
    // beyond the Basic Multilingual Plane, where the two would read the code differently.
    if !p.is_ascii()
        && let Some((id, at)) = p.objects().find_map(|o| {
            let i = o.value.find(|c: char| c.len_utf16() == 2)?;
            Some((o.id, o.value.get(i..)?))
        })
    {
        cx.hit(Rule::KHQR_NON_BMP, cx.at(at), Path::id(id))?;
    }
    for t in templates(p, cx.mine) {
        let Some(value) = p.get(t) else { continue };
        let mut t = Tpl::blank(t, value);
        t.index(p.is_ascii());
        cx.sub_must(&t, 0, Rule::KHQR_ACCOUNT_ID, |v| {
            v.split_once('@').is_some_and(|(n, b)| {
                let part =
                    |s: &str| !s.is_empty() && s.bytes().all(|c| c.is_ascii_graphic() && c != b'@');
                part(n) && part(b)
            })
        })?;
        for sid in 0..=2 {
            cx.sub_may(&t, sid, Rule::KHQR_ACCOUNT_LENGTH, |v| {
                khqr_len(v) <= KHQR_MAX_ACCOUNT
            })?;
        }
        if t.id == 30 {
            cx.sub_must(&t, 1, Rule::KHQR_MERCHANT_ID, |_| true)?;
            cx.sub_must(&t, 2, Rule::KHQR_ACQUIRING_BANK, |_| true)?;
        }
    }
    // UnionPay settles KHQR codes in riel only.
    if let Some(v) = cx.root(15)
        && cx.root(53).is_some_and(|c| c.text == "840")
    {
        cx.hit(Rule::KHQR_UNIONPAY_USD, cx.at(v.text), Path::id(15))?;
    }
    cx.currency(Profile::Khqr, Rule::KHQR_CURRENCY)?;
    if cx.root(53).map(|v| v.text) == Some("116")
        && let Some(a) = cx.root(54)
        && a.text
            .split_once('.')
            .is_some_and(|(_, f)| f.bytes().any(|b| b != b'0'))
    {
        cx.hit(Rule::KHQR_AMOUNT_KHR, cx.at(a.text), Path::id(54))?;
    }
    let dynamic = cx.root(1).map(|v| v.text) == Some("12");
    if dynamic && cx.root(54).is_none() {
        let at = cx.root(1).map_or(0, |v| cx.at(v.text));
        cx.hit(Rule::KHQR_AMOUNT_MISSING, at, Path::id(54))?;
    }
    let stamps = Tpl::of(cx.p, 99);
    let stamps_at = stamps.as_ref().map_or(0, |t| cx.at(t.value));
    let created = stamps.as_ref().and_then(|t| t.sub(0));
    let expires = stamps.as_ref().and_then(|t| t.sub(1));
    if dynamic && created.is_none() {
        cx.hit(Rule::KHQR_TIMESTAMP_MISSING, stamps_at, Path::sub(99, 0))?;
    }
    // The timestamps are the dynamic code's: a static code's 99 is not read (ABA's static
    // codes carry other data there, and the Bakong SDKs check 99 only when 01 is 12).
    for (sid, v) in [(0u8, created), (1, expires)] {
        if let Some(v) = v
            && dynamic
            && !digits_n(v.text, 13)
        {
            cx.hit(Rule::KHQR_TIMESTAMP, cx.at(v.text), Path::sub(99, sid))?;
        }
    }
    if dynamic && created.is_some() && expires.is_none() {
        cx.hit(Rule::KHQR_EXPIRY_MISSING, stamps_at, Path::sub(99, 1))?;
    }
    if let (Some(c), Some(e)) = (created, expires)
        && dynamic
        && digits_n(c.text, 13)
        && digits_n(e.text, 13)
        && e.text <= c.text
    {
        cx.hit(Rule::KHQR_EXPIRY_ORDER, cx.at(e.text), Path::sub(99, 1))?;
    }
    cx.country(Profile::Khqr, Rule::KHQR_COUNTRY)
}

/// Longest KHQR account field (29/30 sub-IDs 00–02), in [`khqr_len`] units.
const KHQR_MAX_ACCOUNT: usize = 32;

/// The length of a KHQR value as the Bakong SDKs count it: UTF-16 units (`spec/README.md`,
/// KHQR decisions).
fn khqr_len(v: &str) -> usize {
    v.encode_utf16().count()
}

/// The Argentine profile, recognised from the country: every merchant account template's CUIT,
/// written in its 00 (11 digits: Mercado Pago, Naranja X, Getnet, Prisma) or in its 01 after a
/// 00 of `CUIT` (older Prisma / Todo Pago codes, with hyphens).
fn argentina(cx: &mut Cx<'_, '_, '_, '_, '_>) -> R {
    let p = cx.p;
    for t in ids_in(p.present(), ACCOUNT_TEMPLATES) {
        let Some(t) = Tpl::of(p, t) else { continue };
        match t.sub(0) {
            Some(g) if g.text == "CUIT" => cx.sub_must(&t, 1, Rule::ARGENTINA_CUIT, cuit)?,
            Some(g) if digits_n(g.text, 11) => cx.sub_must(&t, 0, Rule::ARGENTINA_CUIT, cuit)?,
            _ => {}
        }
    }
    cx.currency(Profile::Argentina, Rule::ARGENTINA_CURRENCY)
}

/// An Argentine CUIT or CUIL, `NNNNNNNNNNN` or `NN-NNNNNNNN-N`, whose last digit is the mod-11
/// check digit of the first ten (weights 5 4 3 2 7 6 5 4 3 2; a remainder of 11 gives 0, and
/// 10 is never issued).
pub(super) fn cuit(v: &str) -> bool {
    const WEIGHTS: [u32; 10] = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
    let mut buf = [0u8; 11];
    let b: &[u8] = match v.as_bytes() {
        [a, b, b'-', mid @ .., b'-', c] if mid.len() == 8 => {
            let (head, tail) = buf.split_at_mut(2);
            head.copy_from_slice(&[*a, *b]);
            let (middle, last) = tail.split_at_mut(8);
            middle.copy_from_slice(mid);
            last.copy_from_slice(&[*c]);
            &buf
        }
        whole => whole,
    };
    if b.len() != 11 || !b.iter().all(u8::is_ascii_digit) {
        return false;
    }
    let sum: u32 = b
        .iter()
        .zip(WEIGHTS)
        .map(|(&d, w)| u32::from(d.wrapping_sub(b'0')).wrapping_mul(w))
        .fold(0, u32::wrapping_add);
    let check = match 11u32.wrapping_sub(sum % 11) {
        11 => 0,
        10 => return false,
        c => c,
    };
    b.last()
        .is_some_and(|&d| u32::from(d.wrapping_sub(b'0')) == check)
}

fn qrph(cx: &mut Cx<'_, '_, '_, '_, '_>) -> R {
    let p = cx.p;
    for t in templates(p, cx.mine) {
        let Some(value) = p.get(t) else { continue };
        let mut t = Tpl::blank(t, value);
        t.index(p.is_ascii());
        cx.sub_must(&t, 1, Rule::QRPH_BIC, bic)?;
        if t.guid() == Some("com.p2pqrpay") {
            cx.sub_may(&t, 2, Rule::QRPH_NETWORK_CODE, |v| digits_n(v, 8))?;
        } else {
            cx.sub_must(&t, 3, Rule::QRPH_MERCHANT_ID, |_| true)?;
        }
    }
    cx.currency(Profile::QrPh, Rule::QRPH_CURRENCY)?;
    cx.country(Profile::QrPh, Rule::QRPH_COUNTRY)
}

fn fps(cx: &mut Cx<'_, '_, '_, '_, '_>) -> R {
    let p = cx.p;
    for t in templates(p, cx.mine) {
        let Some(value) = p.get(t) else { continue };
        let mut t = Tpl::blank(t, value);
        t.index(p.is_ascii());
        cx.sub_may(&t, 1, Rule::FPS_CLEARING_CODE, |v| digits_n(v, 3))?;
        let kinds: [Proxy; 3] = [
            (
                2u8,
                Rule::FPS_ID,
                (|v: &str| matches!(v.len(), 7..=9) && digits(v)) as fn(&str) -> bool,
            ),
            (3, Rule::FPS_MOBILE, |v: &str| {
                v.strip_prefix("+852-").is_some_and(|n| digits_n(n, 8))
            }),
            (4, Rule::FPS_EMAIL, email),
        ];
        cx.one_proxy(
            &t,
            &kinds,
            Rule::FPS_PROXY_MISSING,
            Rule::FPS_PROXY_AMBIGUOUS,
        )?;
    }
    cx.currency(Profile::Fps, Rule::FPS_CURRENCY)?;
    for id in [59u8, 60] {
        if let Some(v) = cx.root(id).filter(|v| v.text == "NA") {
            cx.hit(Rule::FPS_PLACEHOLDER, cx.at(v.text), Path::id(id))?;
        }
    }
    cx.country(Profile::Fps, Rule::FPS_COUNTRY)
}

fn upi(cx: &mut Cx<'_, '_, '_, '_, '_>) -> R {
    let p = cx.p;
    for t in templates(p, cx.mine) {
        let Some(value) = p.get(t) else { continue };
        let mut t = Tpl::blank(t, value);
        t.index(p.is_ascii());
        match t.id {
            26 => {
                cx.sub_must(&t, 1, Rule::UPI_VPA, vpa)?;
                cx.sub_may(&t, 2, Rule::UPI_MINIMUM_AMOUNT, plain_amount)?;
            }
            27 => cx.sub_must(&t, 1, Rule::UPI_REFERENCE, |v| {
                (4..=35).contains(&v.chars().count())
            })?,
            28 => cx.sub_must(&t, 1, Rule::UPI_AADHAAR, |v| digits_n(v, 12))?,
            _ => {}
        }
    }
    cx.currency(Profile::Upi, Rule::UPI_CURRENCY)?;
    cx.country(Profile::Upi, Rule::UPI_COUNTRY)?;
    if cx.root(61).is_none() {
        cx.hit(Rule::UPI_POSTAL_CODE, 0, Path::id(61))?;
    }
    Ok(())
}

fn jpqr(cx: &mut Cx<'_, '_, '_, '_, '_>) -> R {
    let p = cx.p;
    for t in templates(p, cx.mine) {
        let Some(value) = p.get(t) else { continue };
        let mut t = Tpl::blank(t, value);
        t.index(p.is_ascii());
        cx.sub_must(&t, 1, Rule::JPQR_MERCHANT_ID, |v| digits_n(v, 13))?;
        cx.sub_may(&t, 2, Rule::JPQR_MERCHANT_ID, |v| digits_n(v, 4))?;
        cx.sub_may(&t, 3, Rule::JPQR_MERCHANT_ID, |v| digits_n(v, 6))?;
        cx.sub_may(&t, 4, Rule::JPQR_MERCHANT_ID, |v| digits_n(v, 6))?;
    }
    cx.currency(Profile::Jpqr, Rule::JPQR_CURRENCY)?;
    cx.country(Profile::Jpqr, Rule::JPQR_COUNTRY)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuit_check_digits() {
        // Real CUITs of published codes (spec/real/argentina.json), plain and hyphenated.
        for good in [
            "27128490952",
            "30708632992",
            "30-71883062-8",
            "20-11111111-2",
        ] {
            assert!(cuit(good), "{good}");
        }
        // A remainder of 0 gives check digit 0 (11 - 0 = 11 -> 0).
        assert!(cuit("00000000000"));
        for bad in [
            "27128490953",
            "2712849095",
            "271284909521",
            "20-11111111-3",
            "201-1111111-2",
            "20-111111112",
            "2O-11111111-2",
            "27128490952 ",
            "",
            // Hyphens around a middle of 7 or 9 digits.
            "20-1111111-2",
            "20-111111111-2",
            // A letter whose value (A is 17 after 0) would make the check digit come right.
            "20A11111119",
        ] {
            assert!(!cuit(bad), "{bad}");
        }
        // A check digit of 10 is never issued: the first ten digits 0000000006 weigh 12,
        // remainder 1, so no eleventh digit makes a CUIT.
        assert!((0..=9).all(|d| !cuit(&format!("0000000006{d}"))));
    }

    #[test]
    fn khqr_lengths_are_utf16_units() {
        assert_eq!(khqr_len("john@devb"), 9);
        // Khmer letters: one unit each, as one character each.
        assert_eq!(khqr_len("\u{1780}\u{17b6}"), 2);
        // Beyond the Basic Multilingual Plane: two units for one character.
        assert_eq!(khqr_len("a\u{1F600}"), 3);
    }

    #[test]
    fn template_walks() {
        let s = |sid| sub_in("0002AB0103xyz", true, sid);
        assert_eq!((s(0), s(1), s(2)), (Some("AB"), Some("xyz"), None));
        let s = |sid| sub_in("0104最佳运输0202北京", false, sid);
        assert_eq!((s(1), s(2), s(3)), (Some("最佳运输"), Some("北京"), None));
        // The walk goes on past high sub-IDs and finds a GUID that is not first.
        assert_eq!(sub_in("9902ZZ0101A", true, 1), Some("A"));
        let s = |sid| sub_in("0109MERCHANT10016A000000677010111", true, sid);
        assert_eq!((s(0), s(1)), (Some("A000000677010111"), Some("MERCHANT1")));
        assert_eq!(sub_in("0109MERCHANT1", true, 0), None);
        // Lookups in any order find what a walk from the start finds.
        let mut t = Tpl::blank(26, "0003ABC0301X0201Y0101Z");
        t.index(true);
        let got: Vec<_> = [0u8, 3, 2, 1, 3, 0, 4, 2]
            .iter()
            .map(|&sid| t.sub(sid).map(|v| v.text))
            .collect();
        let want = [
            Some("ABC"),
            Some("X"),
            Some("Y"),
            Some("Z"),
            Some("X"),
            Some("ABC"),
            None,
            Some("Y"),
        ];
        assert_eq!(got, want);
        let ids: [u8; 3] = [26, 29, 51];
        let present = ids.iter().fold(1u128 << 52, |a, i| a | (1u128 << i));
        assert!(ids_in(present, ACCOUNT_TEMPLATES).eq(ids));
    }
}
