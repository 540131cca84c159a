//! The rules of each profile, in the order `spec/README.md` lists them.
//!
//! Values are found with `Payload::get` (constant time) and short walks of one template;
//! character offsets, which cost a count of the characters before them in a non-ASCII payload,
//! are computed only for a finding.

use crate::error::{Error, Path};
use crate::mpm::Payload;
use crate::tlv::TlvIter;

use super::{Profile, Rule, Sink};

type R = Result<(), Error>;

/// A proxy kind: its sub-ID, the rule of its format, and the format.
type Proxy = (u8, Rule, fn(&str) -> bool);

/// A value: a slice of the payload, located on demand by [`Cx::at`].
#[derive(Clone, Copy)]
struct Val<'a> {
    text: &'a str,
}

fn two_digits(s: Option<&str>) -> Option<usize> {
    match s?.as_bytes() {
        [a @ b'0'..=b'9', b @ b'0'..=b'9'] => Some(
            usize::from(a.wrapping_sub(b'0'))
                .wrapping_mul(10)
                .wrapping_add(usize::from(b.wrapping_sub(b'0'))),
        ),
        _ => None,
    }
}

/// Sub-IDs kept by [`Subs::of`]: every rule names a sub-object below 32.
const SUBS: usize = 32;

/// Where the sub-objects 00–31 of a template value are: byte ranges, the last one of a
/// repeated sub-ID.
#[derive(Clone, Copy)]
struct Subs {
    have: u32,
    spans: [(u16, u16); SUBS],
}

impl Subs {
    /// One walk of a template value that passed validation (so well-formed). `ascii` says the
    /// value is ASCII (lengths are then byte counts).
    fn of(value: &str, ascii: bool) -> Subs {
        let mut s = Subs {
            have: 0,
            spans: [(0, 0); SUBS],
        };
        let bytes = value.as_bytes();
        let mut pos = 0usize;
        while let Some(&[i0, i1, l0, l1]) = bytes.get(pos..pos.saturating_add(4)) {
            let (Some(id), Some(len)) = (digit_pair(i0, i1), digit_pair(l0, l1)) else {
                break;
            };
            let start = pos.saturating_add(4);
            let end = if ascii {
                start.saturating_add(len)
            } else {
                let body = value.get(start..).unwrap_or("");
                body.char_indices()
                    .nth(len)
                    .map_or(bytes.len(), |(i, _)| start.saturating_add(i))
            };
            if end > bytes.len() || !value.is_char_boundary(end) {
                break;
            }
            if let (Some(slot), Ok(a), Ok(b)) = (
                s.spans.get_mut(id),
                u16::try_from(start),
                u16::try_from(end),
            ) {
                *slot = (a, b);
                s.have |= 1u32 << id;
            }
            pos = end;
        }
        s
    }

    /// The value of sub-object `sid` of `value`, the text [`Subs::of`] walked.
    fn get<'a>(&self, value: &'a str, sid: u8) -> Option<&'a str> {
        if sid >= 32 || self.have & (1u32 << sid) == 0 {
            return None;
        }
        let &(a, b) = self.spans.get(usize::from(sid))?;
        value.get(usize::from(a)..usize::from(b))
    }
}

/// The value of sub-object `sid` (below 32) of a template value that passed validation.
fn sub_of(value: &str, ascii: bool, sid: u8) -> Option<&str> {
    Subs::of(value, ascii).get(value, sid)
}

/// Two ASCII digits as a number.
fn digit_pair(a: u8, b: u8) -> Option<usize> {
    let (a, b) = (a.wrapping_sub(b'0'), b.wrapping_sub(b'0'));
    (a < 10 && b < 10).then(|| usize::from(a).wrapping_mul(10).wrapping_add(usize::from(b)))
}

/// The GUID (sub-ID 00) of a validated template value: its first object in the usual case,
/// else found by a walk.
pub(super) fn guid_of(value: &str) -> Option<&str> {
    if value.get(0..2) == Some("00")
        && let Some(g) = two_digits(value.get(2..4)).and_then(|n| value.get(4..n.saturating_add(4)))
        && g.is_ascii()
    {
        return Some(g);
    }
    sub_of(value, value.is_ascii(), 0)
}

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

/// A template of the payload: its ID, value and where its sub-objects 00–31 are.
#[derive(Clone, Copy)]
struct Tpl<'a> {
    id: u8,
    value: &'a str,
    subs: Subs,
}

impl<'a> Tpl<'a> {
    fn of(p: &Payload<'a>, id: u8) -> Option<Tpl<'a>> {
        let value = p.get(id)?;
        Some(Tpl {
            id,
            value,
            subs: Subs::of(value, value.is_ascii()),
        })
    }

    fn sub(&self, sid: u8) -> Option<Val<'a>> {
        let text = self.subs.get(self.value, sid)?;
        Some(Val { text })
    }

    fn guid(&self) -> Option<&'a str> {
        self.subs.get(self.value, 0)
    }

    fn path(&self, sid: u8) -> Path {
        Path::sub(self.id, sid)
    }
}

struct Cx<'p, 'a, 's, 'o> {
    p: &'p Payload<'a>,
    /// The IDs of the templates recognised for the profile being checked, as a bit set.
    mine: u128,
    sink: &'s mut Sink<'o>,
}

impl<'a> Cx<'_, 'a, '_, '_> {
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

    /// `rule` when root object `id` is present and not one of `allowed`.
    fn root_in(&mut self, id: u8, allowed: &[&str], rule: Rule) -> R {
        match self.root(id) {
            Some(v) if !allowed.iter().any(|a| same(a, v.text)) => {
                self.hit(rule, self.at(v.text), Path::id(id))
            }
            _ => Ok(()),
        }
    }
}

/// The payload's templates 26–51 recognised for the profile being checked, in ID order.
fn templates<'p, 'a>(p: &'p Payload<'a>, mine: u128) -> impl Iterator<Item = Tpl<'a>> + 'p {
    ids_in(p.present(), mine).filter_map(move |id| Tpl::of(p, id))
}

/// Applies `profile`, whose templates are the IDs in `mine` (a bit set).
pub(super) fn run(profile: Profile, p: &Payload<'_>, mine: u128, sink: &mut Sink<'_>) -> R {
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
    }
}

// ---------------------------------------------------------------------------------------------
// Value grammars

/// `a == b` for the short codes compared here, without a library call.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).all(|(x, y)| x == y)
}

fn digits(v: &str) -> bool {
    !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit())
}

fn digits_n(v: &str, n: usize) -> bool {
    v.len() == n && digits(v)
}

fn alnum(v: &str) -> bool {
    !v.is_empty() && v.bytes().all(|b| b.is_ascii_alphanumeric())
}

fn upper_alnum(v: &str) -> bool {
    !v.is_empty()
        && v.bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}

/// A DNS label: ASCII letters, digits and inner hyphens, 1–63.
fn dns_label(l: &str) -> bool {
    !l.is_empty()
        && l.len() <= 63
        && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && !l.starts_with('-')
        && !l.ends_with('-')
}

/// A host name of two or more labels whose last label is letters (so never an IP address).
fn dns_host(h: &str) -> bool {
    let mut labels = 0usize;
    let mut last = "";
    for l in h.split('.') {
        if !dns_label(l) {
            return false;
        }
        labels = labels.saturating_add(1);
        last = l;
    }
    labels >= 2 && last.len() >= 2 && last.bytes().all(|b| b.is_ascii_alphabetic())
}

/// An e-mail address: a dot-atom local part (at most 64) `@` a host name.
fn email(v: &str) -> bool {
    let Some((local, host)) = v.split_once('@') else {
        return false;
    };
    const SPECIALS: &[u8] = b"!#$%&'*+/=?^_`{|}~-";
    local.len() <= 64
        && local.split('.').all(|a| {
            !a.is_empty()
                && a.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || SPECIALS.contains(&b))
        })
        && dns_host(host)
}

/// `YYYYMMDD`, a real calendar date.
fn date(v: &str) -> bool {
    let b = v.as_bytes();
    if !digits_n(v, 8) {
        return false;
    }
    let num = |s: &[u8]| {
        s.iter().fold(0u32, |a, d| {
            a.saturating_mul(10)
                .saturating_add(u32::from(d.saturating_sub(b'0')))
        })
    };
    let (y, m, d) = (
        num(b.get(..4).unwrap_or(&[])),
        num(b.get(4..6).unwrap_or(&[])),
        num(b.get(6..8).unwrap_or(&[])),
    );
    let leap = (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400);
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

/// `hhmmss`.
fn time(v: &str) -> bool {
    matches!(
        v.as_bytes(),
        [
            b'0'..=b'1',
            b'0'..=b'9',
            b'0'..=b'5',
            b'0'..=b'9',
            b'0'..=b'5',
            b'0'..=b'9'
        ] | [
            b'2',
            b'0'..=b'3',
            b'0'..=b'5',
            b'0'..=b'9',
            b'0'..=b'5',
            b'0'..=b'9'
        ]
    )
}

/// Digits with at most one `.` and at most 2 decimals, a digit before the `.`.
fn plain_amount(v: &str) -> bool {
    let (int, frac) = v.split_once('.').unwrap_or((v, ""));
    digits(int) && frac.len() <= 2 && frac.bytes().all(|b| b.is_ascii_digit())
}

/// A UUID with hyphens, 8-4-4-4-12 hex digits.
fn uuid_hyphenated(v: &str) -> bool {
    v.len() == 36
        && v.bytes().enumerate().all(|(i, b)| {
            if matches!(i, 8 | 13 | 18 | 23) {
                b == b'-'
            } else {
                b.is_ascii_hexdigit()
            }
        })
}

/// Check digits of a CPF (11 digits).
fn cpf_ok(v: &str) -> bool {
    let d: [u32; 11] = match digits_of(v) {
        Some(d) => d,
        None => return false,
    };
    let check = |n: usize| {
        let sum = d
            .iter()
            .take(n)
            .zip((2..=u32::try_from(n).unwrap_or(0).saturating_add(1)).rev())
            .fold(0u32, |a, (x, w)| a.saturating_add(x.saturating_mul(w)));
        sum.saturating_mul(10) % 11 % 10
    };
    Some(&check(9)) == d.get(9) && Some(&check(10)) == d.get(10)
}

fn digits_of<const N: usize>(v: &str) -> Option<[u32; N]> {
    let mut out = [0u32; N];
    if v.len() != N {
        return None;
    }
    for (slot, b) in out.iter_mut().zip(v.bytes()) {
        *slot = u32::from(b.checked_sub(b'0').filter(|x| *x <= 9)?);
    }
    Some(out)
}

/// A CNPJ: 12 upper-case letters or digits and 2 check digits, each character valued at its
/// ASCII code less 48 (the numeric CNPJ is the case of 14 digits).
fn cnpj_shape(v: &str) -> bool {
    v.len() == 14
        && v.bytes()
            .take(12)
            .all(|b| b.is_ascii_digit() || b.is_ascii_uppercase())
        && v.bytes().skip(12).all(|b| b.is_ascii_digit())
}

fn cnpj_ok(v: &str) -> bool {
    let vals: [u32; 14] = {
        let mut out = [0u32; 14];
        for (slot, b) in out.iter_mut().zip(v.bytes()) {
            *slot = u32::from(b.saturating_sub(b'0'));
        }
        out
    };
    const W: [u32; 13] = [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];
    let check = |n: usize| {
        let weights = W.get(W.len().saturating_sub(n)..).unwrap_or(&[]);
        let sum = vals
            .iter()
            .zip(weights)
            .fold(0u32, |a, (x, w)| a.saturating_add(x.saturating_mul(*w)));
        let r = sum % 11;
        if r < 2 { 0 } else { 11u32.saturating_sub(r) }
    };
    Some(&check(12)) == vals.get(12) && Some(&check(13)) == vals.get(13)
}

/// What kind of Pix key a value is.
enum PixKey {
    Valid,
    BadCheckDigits,
    Malformed,
}

fn pix_key(v: &str) -> PixKey {
    if v.contains('@') {
        return if v.len() <= 77 && email(v) {
            PixKey::Valid
        } else {
            PixKey::Malformed
        };
    }
    if let Some(n) = v.strip_prefix("+55") {
        return if matches!(n.len(), 10 | 11) && digits(n) {
            PixKey::Valid
        } else {
            PixKey::Malformed
        };
    }
    if digits_n(v, 11) {
        return if cpf_ok(v) {
            PixKey::Valid
        } else {
            PixKey::BadCheckDigits
        };
    }
    if cnpj_shape(v) {
        return if cnpj_ok(v) {
            PixKey::Valid
        } else {
            PixKey::BadCheckDigits
        };
    }
    if uuid_hyphenated(v) {
        return PixKey::Valid;
    }
    PixKey::Malformed
}

/// A Pix location URL: `host[/path]`, host a DNS name, no scheme, user, port or escapes.
fn pix_url(v: &str) -> bool {
    let (host, path) = v.split_once('/').unwrap_or((v, ""));
    const PATH_EXTRA: &[u8] = b"-._~/!$&'()*+,;=:";
    v.len() <= 77
        && dns_host(host)
        && !host.eq_ignore_ascii_case("localhost")
        && path
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || PATH_EXTRA.contains(&b))
}

fn pix_txid(v: &str) -> bool {
    v == "***" || (v.len() <= 25 && alnum(v))
}

/// A SWIFT BIC: 4 letters (institution), 2 letters (country), 2 letters or digits, optionally
/// 3 more (branch); upper case.
fn bic(v: &str) -> bool {
    let b = v.as_bytes();
    matches!(b.len(), 8 | 11)
        && b.iter().take(6).all(u8::is_ascii_uppercase)
        && b.iter()
            .skip(6)
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
}

/// A UPI virtual payment address `handle@psp`.
fn vpa(v: &str) -> bool {
    let Some((local, psp)) = v.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && local
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'))
        && psp.len() >= 2
        && alnum(psp)
}

// ---------------------------------------------------------------------------------------------
// Profiles

fn pix(cx: &mut Cx<'_, '_, '_, '_>) -> R {
    let mut dynamic = false;
    let mut first = true;
    let p = cx.p;
    for t in templates(p, cx.mine) {
        let key = t.sub(1);
        let url = t.sub(25);
        match (key, url) {
            (None, None) => cx.hit(Rule::PIX_KEY_OR_URL, cx.at(t.value), t.path(1))?,
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
            if !pix_url(u.text) {
                cx.hit(Rule::PIX_URL, cx.at(u.text), t.path(25))?;
            } else if u.text.split('/').next().is_some_and(|h| {
                h.split('.')
                    .any(|l| l.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("xn--")))
            }) {
                cx.hit(Rule::PIX_URL_PUNYCODE, cx.at(u.text), t.path(25))?;
            }
        }
        cx.sub_may(&t, 3, Rule::PIX_FSS, |v| digits_n(v, 8))?;
        if first {
            dynamic = key.is_none() && url.is_some();
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
    cx.root_in(53, &["986"], Rule::PIX_CURRENCY)?;
    cx.root_in(58, &["BR"], Rule::PIX_COUNTRY)?;
    cx.root_in(52, &["0000"], Rule::PIX_MCC)
}

fn promptpay(cx: &mut Cx<'_, '_, '_, '_>) -> R {
    let p = cx.p;
    for t in templates(p, cx.mine) {
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
    cx.root_in(53, &["764"], Rule::PROMPTPAY_CURRENCY)?;
    cx.root_in(58, &["TH"], Rule::PROMPTPAY_COUNTRY)
}

fn thai_billpay(cx: &mut Cx<'_, '_, '_, '_>) -> R {
    let mut domestic = false;
    let p = cx.p;
    for t in templates(p, cx.mine) {
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
        cx.root_in(53, &["764"], Rule::THAI_BILLPAY_CURRENCY)?;
    }
    cx.root_in(58, &["TH"], Rule::THAI_BILLPAY_COUNTRY)
}

fn paynow(cx: &mut Cx<'_, '_, '_, '_>) -> R {
    let p = cx.p;
    for t in templates(p, cx.mine) {
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
    cx.root_in(53, &["702"], Rule::PAYNOW_CURRENCY)?;
    cx.root_in(58, &["SG"], Rule::PAYNOW_COUNTRY)
}

fn sgqr(cx: &mut Cx<'_, '_, '_, '_>) -> R {
    let p = cx.p;
    for t in templates(p, cx.mine) {
        if t.id != 51 {
            let at = t.sub(0).map_or(cx.at(t.value), |g| cx.at(g.text));
            cx.hit(Rule::SGQR_TEMPLATE_ID, at, t.path(0))?;
        }
        cx.sub_must(&t, 1, Rule::SGQR_ID, |_| true)?;
        cx.sub_may(&t, 3, Rule::SGQR_POSTAL_CODE, |v| digits_n(v, 6))?;
        cx.sub_may(&t, 7, Rule::SGQR_DATE, date)?;
    }
    cx.root_in(58, &["SG"], Rule::SGQR_COUNTRY)
}

fn duitnow(cx: &mut Cx<'_, '_, '_, '_>) -> R {
    let p = cx.p;
    for t in templates(p, cx.mine) {
        cx.sub_must(&t, 1, Rule::DUITNOW_ACQUIRER, |v| digits_n(v, 6))?;
        cx.sub_must(&t, 2, Rule::DUITNOW_MERCHANT_ID, |v| {
            v.chars().count() <= 28
        })?;
    }
    cx.root_in(53, &["458"], Rule::DUITNOW_CURRENCY)?;
    cx.root_in(58, &["MY"], Rule::DUITNOW_COUNTRY)
}

const QRIS_CRITERIA: [&str; 7] = ["UMI", "UKE", "UME", "UBE", "URE", "PSO", "BLU"];

fn qris(cx: &mut Cx<'_, '_, '_, '_>) -> R {
    let p = cx.p;
    for t in templates(p, cx.mine) {
        if t.id != 51 {
            let at = t.sub(0).map_or(cx.at(t.value), |g| cx.at(g.text));
            cx.hit(Rule::QRIS_TEMPLATE_ID, at, t.path(0))?;
        }
        cx.sub_must(&t, 2, Rule::QRIS_NMID, |v| {
            v.strip_prefix("ID").is_some_and(|n| digits_n(n, 13))
        })?;
        cx.sub_must(&t, 3, Rule::QRIS_CRITERIA, |v| QRIS_CRITERIA.contains(&v))?;
    }
    // Domestic templates 26–45 of a QRIS code: reverse-domain GUIDs of the PJSPs.
    let p = cx.p;
    let domestic = ((1u128 << 46) - 1) & !((1u128 << 26) - 1);
    for t in ids_in(p.present(), domestic).filter_map(|id| Tpl::of(p, id)) {
        if t.guid().and_then(|g| Profile::for_guid(t.id, g)).is_some() {
            continue;
        }
        cx.sub_may(&t, 1, Rule::QRIS_MERCHANT_PAN, |v| {
            v.len() <= 19 && digits(v)
        })?;
        cx.sub_may(&t, 3, Rule::QRIS_CRITERIA, |v| QRIS_CRITERIA.contains(&v))?;
    }
    cx.root_in(53, &["360"], Rule::QRIS_CURRENCY)?;
    cx.root_in(58, &["ID"], Rule::QRIS_COUNTRY)
}

fn vietqr(cx: &mut Cx<'_, '_, '_, '_>) -> R {
    let p = cx.p;
    for t in templates(p, cx.mine) {
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
    cx.root_in(53, &["704"], Rule::VIETQR_CURRENCY)?;
    cx.root_in(58, &["VN"], Rule::VIETQR_COUNTRY)
}

fn khqr(cx: &mut Cx<'_, '_, '_, '_>) -> R {
    let p = cx.p;
    for t in templates(p, cx.mine) {
        cx.sub_must(&t, 0, Rule::KHQR_ACCOUNT_ID, |v| {
            v.split_once('@').is_some_and(|(n, b)| {
                let part =
                    |s: &str| !s.is_empty() && s.bytes().all(|c| c.is_ascii_graphic() && c != b'@');
                part(n) && part(b)
            })
        })?;
        if t.id == 30 {
            cx.sub_must(&t, 1, Rule::KHQR_MERCHANT_ID, |_| true)?;
            cx.sub_must(&t, 2, Rule::KHQR_ACQUIRING_BANK, |_| true)?;
        }
    }
    cx.root_in(53, &["116", "840"], Rule::KHQR_CURRENCY)?;
    if cx.root(53).map(|v| v.text) == Some("116")
        && let Some(a) = cx.root(54)
        && a.text
            .split_once('.')
            .is_some_and(|(_, f)| f.bytes().any(|b| b != b'0'))
    {
        cx.hit(Rule::KHQR_AMOUNT_KHR, cx.at(a.text), Path::id(54))?;
    }
    let dynamic = cx.root(1).map(|v| v.text) == Some("12");
    let stamps = Tpl::of(cx.p, 99);
    let stamps_at = stamps.map_or(0, |t| cx.at(t.value));
    let created = stamps.and_then(|t| t.sub(0));
    let expires = stamps.and_then(|t| t.sub(1));
    if dynamic && created.is_none() {
        cx.hit(Rule::KHQR_TIMESTAMP_MISSING, stamps_at, Path::sub(99, 0))?;
    }
    for (sid, v) in [(0u8, created), (1, expires)] {
        if let Some(v) = v
            && !digits_n(v.text, 13)
        {
            cx.hit(Rule::KHQR_TIMESTAMP, cx.at(v.text), Path::sub(99, sid))?;
        }
    }
    if dynamic && created.is_some() && expires.is_none() {
        cx.hit(Rule::KHQR_EXPIRY_MISSING, stamps_at, Path::sub(99, 1))?;
    }
    if let (Some(c), Some(e)) = (created, expires)
        && digits_n(c.text, 13)
        && digits_n(e.text, 13)
        && e.text <= c.text
    {
        cx.hit(Rule::KHQR_EXPIRY_ORDER, cx.at(e.text), Path::sub(99, 1))?;
    }
    cx.root_in(58, &["KH"], Rule::KHQR_COUNTRY)
}

fn qrph(cx: &mut Cx<'_, '_, '_, '_>) -> R {
    let p = cx.p;
    for t in templates(p, cx.mine) {
        cx.sub_must(&t, 1, Rule::QRPH_BIC, bic)?;
        if t.guid() == Some("com.p2pqrpay") {
            cx.sub_may(&t, 2, Rule::QRPH_NETWORK_CODE, |v| digits_n(v, 8))?;
        } else {
            cx.sub_must(&t, 3, Rule::QRPH_MERCHANT_ID, |_| true)?;
        }
    }
    cx.root_in(53, &["608"], Rule::QRPH_CURRENCY)?;
    cx.root_in(58, &["PH"], Rule::QRPH_COUNTRY)
}

fn fps(cx: &mut Cx<'_, '_, '_, '_>) -> R {
    let p = cx.p;
    for t in templates(p, cx.mine) {
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
    cx.root_in(53, &["344", "156"], Rule::FPS_CURRENCY)?;
    for id in [59u8, 60] {
        if let Some(v) = cx.root(id).filter(|v| v.text == "NA") {
            cx.hit(Rule::FPS_PLACEHOLDER, cx.at(v.text), Path::id(id))?;
        }
    }
    cx.root_in(58, &["HK"], Rule::FPS_COUNTRY)
}

fn upi(cx: &mut Cx<'_, '_, '_, '_>) -> R {
    let p = cx.p;
    for t in templates(p, cx.mine) {
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
    cx.root_in(53, &["356"], Rule::UPI_CURRENCY)?;
    cx.root_in(58, &["IN"], Rule::UPI_COUNTRY)?;
    if cx.root(61).is_none() {
        cx.hit(Rule::UPI_POSTAL_CODE, 0, Path::id(61))?;
    }
    Ok(())
}

fn jpqr(cx: &mut Cx<'_, '_, '_, '_>) -> R {
    let p = cx.p;
    for t in templates(p, cx.mine) {
        cx.sub_must(&t, 1, Rule::JPQR_MERCHANT_ID, |v| digits_n(v, 13))?;
        cx.sub_may(&t, 2, Rule::JPQR_MERCHANT_ID, |v| digits_n(v, 4))?;
        cx.sub_may(&t, 3, Rule::JPQR_MERCHANT_ID, |v| digits_n(v, 6))?;
        cx.sub_may(&t, 4, Rule::JPQR_MERCHANT_ID, |v| digits_n(v, 6))?;
    }
    cx.root_in(53, &["392"], Rule::JPQR_CURRENCY)?;
    cx.root_in(58, &["JP"], Rule::JPQR_COUNTRY)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pix_keys() {
        for ok in [
            "fulano@example.com",
            "+5561912345678",
            "+556112345678",
            "12345678909",
            "11222333000181",
            "123e4567-e12b-12d1-a456-426655440000",
        ] {
            assert!(matches!(pix_key(ok), PixKey::Valid), "{ok}");
        }
        for bad in ["12345678900", "11222333000182"] {
            assert!(matches!(pix_key(bad), PixKey::BadCheckDigits), "{bad}");
        }
        for bad in [
            "abcd",
            "+55619123",
            "+1 555 1234",
            "fulano@",
            "a@localhost",
            "123e4567e12b12d1a456426655440000",
            "1234567890",
        ] {
            assert!(matches!(pix_key(bad), PixKey::Malformed), "{bad}");
        }
    }

    #[test]
    fn template_walks() {
        let s = |sid| sub_of("0002AB0103xyz", true, sid);
        assert_eq!((s(0), s(1), s(2)), (Some("AB"), Some("xyz"), None));
        let s = |sid| sub_of("0104最佳运输0202北京", false, sid);
        assert_eq!((s(1), s(2)), (Some("最佳运输"), Some("北京")));
        // The walk goes on past high sub-IDs; a repeated sub-ID yields its last value.
        assert_eq!(sub_of("9902ZZ0101A", true, 1), Some("A"));
        assert_eq!(sub_of("0101A0101B", true, 1), Some("B"));
        assert_eq!(guid_of("0014br.gov.bcb.pix0101X"), Some("br.gov.bcb.pix"));
        assert_eq!(
            guid_of("0109MERCHANT10016A000000677010111"),
            Some("A000000677010111")
        );
        assert_eq!(guid_of("0109MERCHANT1"), None);
        let ids: [u8; 3] = [26, 29, 51];
        let present = ids.iter().fold(1u128 << 52, |a, i| a | (1u128 << i));
        assert!(ids_in(present, super::super::ACCOUNT_TEMPLATES).eq(ids));
    }

    #[test]
    fn alphanumeric_cnpj_check_digits() {
        // Check digits computed with each character valued at its ASCII code less 48.
        assert!(cnpj_ok("12ABC34501DE35"));
        assert!(!cnpj_ok("12ABC34501DE36"));
    }

    #[test]
    fn pix_urls() {
        assert!(pix_url("pix.example.com/qr/v2/9d36b84f"));
        assert!(pix_url(
            "payload.psp.com/3ec9d2f9-5f03-4e0e-820d-63a81e769e87"
        ));
        for bad in [
            "https://pix.example.com/qr",
            "bank.com.br@evil.example/qr",
            "pix.example.com:443/qr",
            "10.0.0.1/qr",
            "localhost/qr",
            "pix.example.com/qr?x=1",
            "pix.example.com/q%20r",
            "pix.example.com\\qr",
        ] {
            assert!(!pix_url(bad), "{bad}");
        }
    }

    #[test]
    fn dates_and_times() {
        assert!(date("20240229"));
        assert!(!date("20230229"));
        assert!(!date("20231301"));
        assert!(!date("2023010"));
        assert!(time("235959"));
        assert!(!time("240000"));
        assert!(bic("GXCHPHM2XXX"));
        assert!(bic("GXCHPHM2"));
        assert!(!bic("GXCH1HM2"));
        assert!(vpa("centralwarehousingco.99331959@hdfcbank"));
        assert!(!vpa("no-at-sign"));
    }

    /// Table-driven boundary tests of the value grammars: each accepted value passes, each
    /// rejected one fails, and the message names the grammar and the value.
    mod grammars {
        use super::*;

        fn table(name: &str, f: impl Fn(&str) -> bool, ok: &[&str], bad: &[&str]) {
            for v in ok {
                assert!(f(v), "{name} should accept {v:?}");
            }
            for v in bad {
                assert!(!f(v), "{name} should reject {v:?}");
            }
        }

        fn n(c: char, k: usize) -> String {
            core::iter::repeat_n(c, k).collect()
        }

        #[test]
        fn digit_and_letter_runs() {
            let bad_common = ["", " ", "٣", "１", "1 2", "-1"];
            table("digits", digits, &["0", "9", "0123456789"], &bad_common);
            table("digits", digits, &[], &["/", ":", "1a", "12.3"]);
            table(
                "digits_n(_, 3)",
                |v| digits_n(v, 3),
                &["000", "999"],
                &["", "12", "1234", "12a", "1２"],
            );
            table(
                "alnum",
                alnum,
                &["a", "Z", "0", "aZ09"],
                &["", "a-b", "a_b", "a b", "é", "@", "[", "`", "{", "/", ":"],
            );
            table(
                "upper_alnum",
                upper_alnum,
                &["A", "Z", "0", "AZ09"],
                &["", "a", "Az", "A-B", "É", "@", "["],
            );
        }

        #[test]
        fn dns_labels() {
            let max = n('a', 63);
            let over = n('a', 64);
            let inner = format!("a{}a", n('-', 61));
            table(
                "dns_label",
                dns_label,
                &[
                    "a",
                    "Z",
                    "0",
                    "a-b",
                    "a--b",
                    "xn--bcher-kva",
                    "0a9",
                    &max,
                    &inner,
                ],
                &[
                    "", &over, "-", "-a", "a-", "-a-", "a_b", "a.b", "a b", "é", "ａ", "a/", "a:",
                    "@a", "a[", "`a", "a{", "a*",
                ],
            );
        }

        #[test]
        fn dns_hosts() {
            let l63 = n('a', 63);
            let long_label = format!("{l63}.com");
            let over_label = format!("{}.com", n('a', 64));
            // No overall length limit here: callers bound the whole value (Pix: 77).
            let four_max = format!("{l63}.{l63}.{l63}.{}", n('z', 63));
            table(
                "dns_host",
                dns_host,
                &[
                    "a.bc",
                    "example.com",
                    "EXAMPLE.COM",
                    "a.b.c.de",
                    "x-y.example.com",
                    "1.2.3.com",
                    "xn--bcher-kva.example",
                    "pix.example.xn",
                    &long_label,
                    &four_max,
                ],
                &[
                    "",
                    "com",
                    "localhost",
                    ".",
                    "a.b",
                    "a.c1",
                    "a.1c",
                    "a.co-m",
                    "a..com",
                    ".a.com",
                    "a.com.",
                    "a.-b.com",
                    "a.b-.com",
                    "10.0.0.1",
                    "a_b.com",
                    "a b.com",
                    "exämple.com",
                    "a.cöm",
                    "[::1]",
                    "a.com:80",
                    &over_label,
                ],
            );
        }

        #[test]
        fn emails() {
            let local64 = format!("{}@example.com", n('a', 64));
            let local65 = format!("{}@example.com", n('a', 65));
            table(
                "email",
                email,
                &[
                    "a@b.co",
                    "fulano@example.com",
                    "first.last@example.com",
                    "a+tag@example.com",
                    "!#$%&'*+/=?^_`{|}~-@example.com",
                    "A@EXAMPLE.COM",
                    "a@sub.example.com",
                    "a.b.c@example.com",
                    "0@example.com",
                    &local64,
                ],
                &[
                    "",
                    "@",
                    "a",
                    "a@",
                    "@example.com",
                    "a.example.com",
                    ".a@example.com",
                    "a.@example.com",
                    "a..b@example.com",
                    "a@b@example.com",
                    "a b@example.com",
                    "\"a\"@example.com",
                    "a(b)@example.com",
                    "a,b@example.com",
                    "a\\b@example.com",
                    "a@localhost",
                    "a@example.c",
                    "a@[1.2.3.4]",
                    "a@10.0.0.1",
                    "é@example.com",
                    "a@exämple.com",
                    "a@example.com.",
                    "a@.example.com",
                    "a@example..com",
                    &local65,
                ],
            );
        }

        #[test]
        fn dates() {
            table(
                "date",
                date,
                &[
                    "20240229", "20000229", "19960229", "20230101", "20231231", "20230131",
                    "20230331", "20230430", "20230531", "20230630", "20230731", "20230831",
                    "20230930", "20231031", "20231130", "20230228", "99991231",
                ],
                &[
                    "",
                    "20230229",
                    "19000229",
                    "21000229",
                    "20240230",
                    "20230000",
                    "20230100",
                    "20231301",
                    "20239901",
                    "20230132",
                    "20230431",
                    "20230631",
                    "20230931",
                    "20231131",
                    "20230229",
                    "2023010",
                    "202301011",
                    "2023-01-01",
                    "2023010a",
                    " 20230101",
                    "２０２３０１０１",
                    "+2023010",
                    "20230a01",
                ],
            );
        }

        #[test]
        fn times() {
            table(
                "time",
                time,
                &["000000", "235959", "195959", "200000", "095959", "120000"],
                &[
                    "",
                    "240000",
                    "236000",
                    "235960",
                    "250000",
                    "300000",
                    "096000",
                    "095960",
                    "23595",
                    "2359590",
                    "23:59:59",
                    "2a5959",
                    "-10000",
                    "２３５９５９",
                    "23595a",
                ],
            );
        }

        #[test]
        fn plain_amounts() {
            table(
                "plain_amount",
                plain_amount,
                &[
                    "0",
                    "1",
                    "98",
                    "98.",
                    "98.7",
                    "98.73",
                    "0.00",
                    "007",
                    "12345678901234567890",
                ],
                &[
                    "", ".", ".5", "98.735", "98..7", "9.8.7", "-1", "+1", "1,00", "1e3", " 1",
                    "1 ", "1.a", "1.-", "١", "1.٣",
                ],
            );
        }

        #[test]
        fn uuids() {
            // 36 bytes with a two-byte character where two hex digits stand.
            let non_ascii = "123e4567-e12b-12d1-a456-4266554400é";
            assert_eq!(non_ascii.len(), 36);
            table(
                "uuid_hyphenated",
                uuid_hyphenated,
                &[
                    "123e4567-e12b-12d1-a456-426655440000",
                    "123E4567-E12B-12D1-A456-426655440000",
                    "00000000-0000-0000-0000-000000000000",
                    "ffffffff-ffff-ffff-ffff-ffffffffffff",
                    "FFFFFFFF-aaaa-9999-AbCd-0123456789aB",
                ],
                &[
                    "",
                    "123e4567e12b12d1a456426655440000",
                    "123e4567-e12b-12d1-a456-42665544000",
                    "123e4567-e12b-12d1-a456-4266554400000",
                    "123e4567-e12b-12d1-a4564-26655440000",
                    "123e456-7e12b-12d1-a456-426655440000",
                    "123e4567-e12b-12d1-a456-42665544000g",
                    "g23e4567-e12b-12d1-a456-426655440000",
                    "123e4567-e12b-12d1-a456-42665544000-",
                    "{23e4567-e12b-12d1-a456-42665544000}",
                    "123e4567 e12b 12d1 a456 426655440000",
                    "123e4567-e12b-12d1-a456_426655440000",
                    non_ascii,
                ],
            );
        }

        #[test]
        fn cnpj_shapes() {
            // 14 bytes with a two-byte character among the first 12.
            let non_ascii = "é123456789012";
            assert_eq!(non_ascii.len(), 14);
            table(
                "cnpj_shape",
                cnpj_shape,
                &[
                    "11222333000181",
                    "12ABC34501DE35",
                    "ZZZZZZZZZZZZ00",
                    "AAAAAAAAAAAA99",
                    "00000000000000",
                ],
                &[
                    "",
                    "1122233300018",
                    "112223330001811",
                    "12abc34501de35",
                    "12ABC34501DE3A",
                    "12ABC34501DEA5",
                    "11.222.333/0001-81",
                    "1122233300018 ",
                    "@1222333000181",
                    "[1222333000181",
                    "11222333000 81",
                    non_ascii,
                ],
            );
        }

        #[test]
        fn pix_keys_at_the_edges() {
            fn kind(v: &str) -> &'static str {
                match pix_key(v) {
                    PixKey::Valid => "valid",
                    PixKey::BadCheckDigits => "check",
                    PixKey::Malformed => "malformed",
                }
            }
            // 77 and 78 characters.
            let email77 = format!("{}@example.comx", n('a', 64));
            let email78 = format!("{}@example.comxy", n('a', 64));
            assert_eq!((email77.len(), email78.len()), (77, 78));
            let cases: &[(&str, &str)] = &[
                ("fulano@example.com", "valid"),
                (&email77, "valid"),
                (&email78, "malformed"),
                ("a@localhost", "malformed"),
                ("12345678909@", "malformed"),
                ("+5561912345678@example.com", "valid"),
                ("ñ@example.com", "malformed"),
                ("+5561912345678", "valid"),
                ("+556112345678", "valid"),
                ("+55611234567", "malformed"),
                ("+556191234567890", "malformed"),
                ("+55619123456789", "malformed"),
                ("+55", "malformed"),
                ("+55 61912345678", "malformed"),
                ("+55619123456a8", "malformed"),
                ("+5461912345678", "malformed"),
                ("5561912345678", "malformed"),
                ("61912345678", "check"),
                ("12345678909", "valid"),
                ("12345678900", "check"),
                ("12345678919", "check"),
                ("1234567890", "malformed"),
                ("123456789090", "malformed"),
                ("123.456.789-09", "malformed"),
                ("11222333000181", "valid"),
                ("11222333000182", "check"),
                ("11222333000191", "check"),
                ("12ABC34501DE35", "valid"),
                ("12ABC34501DE36", "check"),
                ("12abc34501de35", "malformed"),
                ("112223330001810", "malformed"),
                ("11.222.333/0001-81", "malformed"),
                ("123e4567-e12b-12d1-a456-426655440000", "valid"),
                ("123E4567-E12B-12D1-A456-426655440000", "valid"),
                ("123e4567e12b12d1a456426655440000", "malformed"),
                ("123e4567-e12b-12d1-a456-42665544000g", "malformed"),
                ("", "malformed"),
                (" ", "malformed"),
                ("abcd", "malformed"),
            ];
            for (v, want) in cases {
                assert_eq!(kind(v), *want, "pix_key({v:?})");
            }
        }

        #[test]
        fn pix_urls_at_the_edges() {
            let at77 = format!("pix.example.com/{}", n('a', 61));
            let at78 = format!("pix.example.com/{}", n('a', 62));
            assert_eq!((at77.len(), at78.len()), (77, 78));
            table(
                "pix_url",
                pix_url,
                &[
                    "pix.example.com",
                    "pix.example.com/",
                    "pix.example.com/qr/v2/9d36b84f",
                    "PIX.EXAMPLE.COM/QR",
                    "pix.example.com/-._~/!$&'()*+,;=:",
                    "pix.example.com//a",
                    "a.bc/x",
                    &at77,
                ],
                &[
                    "",
                    "/",
                    "/qr",
                    "//pix.example.com",
                    &at78,
                    "https://pix.example.com/qr",
                    "pix.example.com?x=1",
                    "pix.example.com/qr?x=1",
                    "pix.example.com/qr#f",
                    "pix.example.com/q%20r",
                    "pix.example.com\\qr",
                    "pix.example.com/q r",
                    "pix.example.com/ç",
                    "pix.example.com/a@b",
                    "user@pix.example.com/qr",
                    "pix.example.com:443/qr",
                    "10.0.0.1/qr",
                    "localhost/qr",
                    "LOCALHOST/qr",
                    "pix/qr",
                    "pix.example.com./qr",
                    "[::1]/qr",
                    "pix.example.c/qr",
                    "pix.example.com/\"q\"",
                    "pix.example.com/<q>",
                    "pix.example.com/q`",
                    "pix.example.com/{q}",
                    "pix.example.com/q|r",
                    "pix.example.com/q^r",
                ],
            );
        }

        #[test]
        fn pix_txids() {
            let max = n('a', 25);
            let over = n('a', 26);
            table(
                "pix_txid",
                pix_txid,
                &["***", "a", "A", "0", "abcXYZ019", &max],
                &[
                    "", "*", "**", "****", "abc***", "a-b", "a_b", "a b", "é", "a.b", &over,
                ],
            );
        }

        #[test]
        fn bics() {
            table(
                "bic",
                bic,
                &[
                    "GXCHPHM2",
                    "GXCHPHM2XXX",
                    "AAAAAA00",
                    "ZZZZZZ99999",
                    "DEUTDEFF500",
                    "AAAAAAAA",
                ],
                &[
                    "",
                    "GXCHPHM",
                    "GXCHPHM2X",
                    "GXCHPHM2XX",
                    "GXCHPHM2XXXX",
                    "gxchphm2",
                    "GXCH1HM2",
                    "GXCHP1M2",
                    "GXCHPHm2",
                    "GXCHPH-2",
                    "GXCHPHM2XX-",
                    "GXCHPHM2xxx",
                    "GXCHPHM2 XX",
                    "@XCHPHM2",
                    "[XCHPHM2",
                    "GXCHPH@2",
                    "ÄXCHPHM",
                ],
            );
        }

        #[test]
        fn vpas() {
            table(
                "vpa",
                vpa,
                &[
                    "a@ok",
                    "centralwarehousingco.99331959@hdfcbank",
                    "a.b-c_d@upi",
                    "9876543210@ybl",
                    "A@OK",
                    ".@ok",
                    "-_.@ok",
                ],
                &[
                    "",
                    "@",
                    "@ok",
                    "a@",
                    "a@b",
                    "a@b@c",
                    "a b@ok",
                    "a+b@ok",
                    "a@ok.in",
                    "a@o-k",
                    "é@ok",
                    "a@é1",
                    "a@ok ",
                    "no-at-sign",
                ],
            );
        }
    }
}
