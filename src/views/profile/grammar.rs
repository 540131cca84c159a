//! The value grammars of the scheme profiles (e-mail, DNS host, dates, UUID, Pix keys and URLs,
//! BIC, UPI VPA, ...), written as `nom` combinators.
//!
//! They run only on the few short values of a template whose GUID names a scheme, so they favour
//! a readable grammar over hand-written byte loops; the MPM wire decoder itself stays
//! hand-written. Every grammar here is ASCII, so the parsers read bytes (`&[u8]`), fail with the
//! zero-size error `()` and run in nom's check mode (no output is built): `nom` appears in no
//! public signature. The check digits of CPF and CNPJ are plain arithmetic.

use nom::branch::alt;
use nom::bytes::{tag, take, take_while, take_while_m_n, take_while1};
use nom::combinator::{all_consuming, opt, recognize, value, verify};
use nom::multi::{fold_many0, fold_many1};
use nom::sequence::preceded;
use nom::{Check, Complete, Emit, OutputM, Parser};

/// The input of every grammar: the value's bytes.
type In<'a> = &'a [u8];

/// A parser's result, with the zero-size error `()`.
type Res<'a, O> = nom::IResult<In<'a>, O, ()>;

/// Whether `p` matches all of `v`, in nom's check mode (no output is built).
fn full<'a, P: Parser<In<'a>, Error = ()>>(p: P, v: &'a str) -> bool {
    all_consuming(p)
        .process::<OutputM<Check, Check, Complete>>(v.as_bytes())
        .is_ok()
}

/// What `p` outputs if it matches all of `v`.
fn full_match<'a, P: Parser<In<'a>, Error = ()>>(p: P, v: &'a str) -> Option<P::Output> {
    all_consuming(p)
        .process::<OutputM<Emit, Check, Complete>>(v.as_bytes())
        .ok()
        .map(|(_, o)| o)
}

fn is_digit(b: u8) -> bool {
    b.is_ascii_digit()
}

fn is_alnum(b: u8) -> bool {
    b.is_ascii_alphanumeric()
}

fn is_upper_alnum(b: u8) -> bool {
    b.is_ascii_uppercase() || b.is_ascii_digit()
}

/// Exactly `n` bytes of class `f`: `n` bytes taken at once, then checked.
fn exactly<'a>(
    n: usize,
    f: impl Fn(u8) -> bool,
) -> impl Parser<In<'a>, Output = In<'a>, Error = ()> {
    verify(take(n), move |s: &[u8]| s.iter().all(|&b| f(b)))
}

/// One byte in `lo..=hi`.
fn range<'a>(lo: u8, hi: u8) -> impl Parser<In<'a>, Output = In<'a>, Error = ()> {
    take_while_m_n(1, 1, move |b: u8| (lo..=hi).contains(&b))
}

/// One or more ASCII digits.
pub(crate) fn digits(v: &str) -> bool {
    full(take_while1(is_digit), v)
}

/// Exactly `n` ASCII digits (`n` ≥ 1: no value is 0 digits).
pub(super) fn digits_n(v: &str, n: usize) -> bool {
    n != 0 && full(exactly(n, is_digit), v)
}

/// One or more ASCII letters or digits.
pub(super) fn alnum(v: &str) -> bool {
    full(take_while1(is_alnum), v)
}

/// One or more upper-case ASCII letters or digits.
pub(super) fn upper_alnum(v: &str) -> bool {
    full(take_while1(is_upper_alnum), v)
}

// ---------------------------------------------------------------------------------------------
// Host names and e-mail addresses

/// A DNS label: 1–63 ASCII letters, digits and hyphens, no hyphen at either end.
fn label(i: In<'_>) -> Res<'_, In<'_>> {
    verify(
        take_while_m_n(1, 63, |b: u8| is_alnum(b) || b == b'-'),
        |l: &[u8]| l.first() != Some(&b'-') && l.last() != Some(&b'-'),
    )
    .parse_complete(i)
}

/// A host name: a label, then one or more `.label`, the last one 2 or more ASCII letters (so
/// never an IP address, nor a single label such as `localhost`).
fn host(i: In<'_>) -> Res<'_, ()> {
    let last = fold_many1(preceded(tag("."), label), || None, |_, l| Some(l));
    value(
        (),
        verify((label, last), |(_, last): &(In<'_>, Option<In<'_>>)| {
            last.is_some_and(|l| l.len() >= 2 && l.iter().all(u8::is_ascii_alphabetic))
        }),
    )
    .parse_complete(i)
}

/// An e-mail atom's character: an ASCII letter or digit or one of ``!#$%&'*+/=?^_`{|}~-``.
fn is_atext(b: u8) -> bool {
    is_alnum(b)
        || matches!(
            b,
            b'!' | b'#'..=b'\'' | b'*' | b'+' | b'/' | b'=' | b'?' | b'^'..=b'`' | b'{'..=b'~' | b'-'
        )
}

/// An e-mail address: a dot-atom local part of at most 64 characters, `@`, a host name.
fn mailbox(i: In<'_>) -> Res<'_, ()> {
    let atom = || take_while1(is_atext);
    let dot_atom = recognize((
        atom(),
        fold_many0(preceded(tag("."), atom()), || (), |(), _| ()),
    ));
    value(
        (),
        (verify(dot_atom, |l: &[u8]| l.len() <= 64), tag("@"), host),
    )
    .parse_complete(i)
}

/// A DNS label (see [`label`]).
#[cfg(test)]
pub(super) fn dns_label(v: &str) -> bool {
    full(label, v)
}

/// A host name of two or more labels whose last label is letters (see [`host`]).
#[cfg(test)]
pub(super) fn dns_host(v: &str) -> bool {
    full(host, v)
}

/// An e-mail address: a dot-atom local part (at most 64) `@` a host name.
pub(super) fn email(v: &str) -> bool {
    full(mailbox, v)
}

// ---------------------------------------------------------------------------------------------
// Dates, times and amounts

/// `YYYYMMDD`, a real date of the Gregorian calendar (years 0000–9999).
pub(super) fn date(v: &str) -> bool {
    if !digits_n(v, 8) {
        return false;
    }
    // The calendar is arithmetic on the fields, at fixed places.
    let field = |r: core::ops::Range<usize>| number(v.as_bytes().get(r).unwrap_or(&[]));
    let (y, m, d) = (field(0..4), field(4..6), field(6..8));
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

/// The value of a short run of ASCII digits.
fn number(digits: &[u8]) -> u32 {
    digits.iter().fold(0u32, |a, d| {
        a.saturating_mul(10)
            .saturating_add(u32::from(d.saturating_sub(b'0')))
    })
}

/// `hhmmss`, 000000–235959.
pub(super) fn time(v: &str) -> bool {
    let hour = alt((
        (range(b'0', b'1'), range(b'0', b'9')),
        (tag("2"), range(b'0', b'3')),
    ));
    let sexagesimal = || (range(b'0', b'5'), range(b'0', b'9'));
    full((hour, sexagesimal(), sexagesimal()), v)
}

/// Digits, then optionally `.` and at most 2 decimals (`98`, `98.`, `98.7`, `98.73`).
pub(super) fn plain_amount(v: &str) -> bool {
    let decimals = (tag("."), take_while_m_n(0, 2, is_digit));
    full((take_while1(is_digit), opt(decimals)), v)
}

// ---------------------------------------------------------------------------------------------
// Identifiers

/// A UUID with hyphens: 8-4-4-4-12 hex digits, either case.
fn uuid(i: In<'_>) -> Res<'_, ()> {
    let hex = |n| exactly(n, |b: u8| b.is_ascii_hexdigit());
    let group = |n| preceded(tag("-"), hex(n));
    value((), (hex(8), group(4), group(4), group(4), group(12))).parse_complete(i)
}

/// A UUID with hyphens (see [`uuid`]).
#[cfg(test)]
pub(super) fn uuid_hyphenated(v: &str) -> bool {
    full(uuid, v)
}

/// A CNPJ's shape: 12 upper-case letters or digits, then 2 digits.
fn cnpj(i: In<'_>) -> Res<'_, ()> {
    value((), (exactly(12, is_upper_alnum), exactly(2, is_digit))).parse_complete(i)
}

/// A CNPJ's shape (see [`cnpj`]).
#[cfg(test)]
pub(super) fn cnpj_shape(v: &str) -> bool {
    full(cnpj, v)
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

/// Check digits of a CNPJ of the right shape, each character valued at its ASCII code less 48
/// (the numeric CNPJ is the case of 14 digits).
pub(super) fn cnpj_ok(v: &str) -> bool {
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
pub(super) enum PixKey {
    Valid,
    BadCheckDigits,
    Malformed,
}

/// The shape of a Pix key; no value has two.
#[derive(Clone, Copy)]
enum KeyShape {
    /// An e-mail address of at most 77 characters, a `+55` phone number or a UUID.
    Final,
    /// 11 digits.
    Cpf,
    /// 12 upper-case letters or digits and 2 digits.
    Cnpj,
}

/// A Pix key: an e-mail address (at most 77), `+55` and 10 or 11 digits, a CPF (11 digits), a
/// CNPJ (see [`cnpj`]) or a UUID with hyphens; a CPF or CNPJ must have its check digits.
pub(super) fn pix_key(v: &str) -> PixKey {
    // Each shape must match the whole value before the next is tried; the fixed-length shapes
    // come first, as they reject a value of another shape within its first few bytes.
    let shape = alt((
        value(KeyShape::Cpf, all_consuming(exactly(11, is_digit))),
        value(KeyShape::Cnpj, all_consuming(cnpj)),
        value(KeyShape::Final, all_consuming(uuid)),
        value(
            KeyShape::Final,
            all_consuming((tag("+55"), take_while_m_n(10, 11, is_digit))),
        ),
        value(KeyShape::Final, all_consuming(mailbox)),
    ));
    match full_match(shape, v) {
        Some(KeyShape::Final) if v.len() <= 77 => PixKey::Valid,
        Some(KeyShape::Cpf) if cpf_ok(v) => PixKey::Valid,
        Some(KeyShape::Cnpj) if cnpj_ok(v) => PixKey::Valid,
        Some(KeyShape::Cpf | KeyShape::Cnpj) => PixKey::BadCheckDigits,
        Some(KeyShape::Final) | None => PixKey::Malformed,
    }
}

/// A Pix URL path's character: an ASCII letter or digit or one of `-._~/!$&'()*+,;=:`.
fn is_path(b: u8) -> bool {
    is_alnum(b)
        || matches!(
            b,
            b'-' | b'.' | b'_' | b'~' | b'/' | b'!' | b'$' | b'&'..=b',' | b';' | b'=' | b':'
        )
}

/// A Pix location URL of at most 77 characters: `host[/path]`, host a DNS name; no scheme, user,
/// port, query or escapes.
pub(super) fn pix_url(v: &str) -> bool {
    let path = take_while(is_path);
    v.len() <= 77 && full((host, opt(preceded(tag("/"), path))), v)
}

/// A static Pix code's txid: `***`, or 1–25 ASCII letters and digits.
pub(super) fn pix_txid(v: &str) -> bool {
    full(alt((tag("***"), take_while_m_n(1, 25, is_alnum))), v)
}

/// A SWIFT BIC: 4 letters (institution), 2 letters (country), 2 letters or digits (location),
/// optionally 3 more (branch); upper case.
pub(super) fn bic(v: &str) -> bool {
    let institution_country = exactly(6, |b: u8| b.is_ascii_uppercase());
    full(
        (
            institution_country,
            exactly(2, is_upper_alnum),
            opt(exactly(3, is_upper_alnum)),
        ),
        v,
    )
}

/// A UPI virtual payment address `handle@psp`: the handle ASCII letters, digits, `.`, `-` and
/// `_`; the PSP 2 or more ASCII letters or digits.
pub(super) fn vpa(v: &str) -> bool {
    let handle = take_while1(|b: u8| is_alnum(b) || matches!(b, b'.' | b'-' | b'_'));
    let psp = take_while_m_n(2, usize::MAX, is_alnum);
    full((handle, tag("@"), psp), v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cnpj_check_digits_at_remainders_0_1_and_2() {
        // Each check digit is 0 for a remainder below 2, else 11 minus the remainder: numbers
        // whose first or second digit comes from a remainder of 0, 1 and 2.
        for (good, bad) in [
            ("10000008000101", "10000008000111"),
            ("10000017000100", "10000017000190"),
            ("10000001000190", "10000001000100"),
            ("10000010000180", "10000010000181"),
            ("10000003000189", "10000003000180"),
        ] {
            assert!(cnpj_ok(good), "{good}");
            assert!(!cnpj_ok(bad), "{bad}");
        }
    }

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

    // Table-driven boundary tests of the value grammars: each accepted value passes, each
    // rejected one fails, and the message names the grammar and the value.

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
                "20240229", "20000229", "19960229", "20230101", "20231231", "20230131", "20230331",
                "20230430", "20230531", "20230630", "20230731", "20230831", "20230930", "20231031",
                "20231130", "20230228", "99991231",
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
                "", ".", ".5", "98.735", "98..7", "9.8.7", "-1", "+1", "1,00", "1e3", " 1", "1 ",
                "1.a", "1.-", "١", "1.٣",
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

/// Each grammar over short strings of its own alphabet and a few foreign characters: it never
/// panics, and what it accepts has the property stated independently of the grammar.
#[cfg(test)]
#[allow(clippy::arithmetic_side_effects)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Days since 0000-03-01 of a proleptic Gregorian date (month and day may overflow).
    fn day_number(y: i64, m: i64, d: i64) -> i64 {
        let (y, m) = if m <= 2 { (y - 1, m + 9) } else { (y, m - 3) };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * m + 2) / 5 + d - 1;
        era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy
    }

    /// The date of a day number (the inverse of [`day_number`]).
    fn civil(n: i64) -> (i64, i64, i64) {
        let era = n.div_euclid(146_097);
        let doe = n - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = doy - (153 * mp + 2) / 5 + 1;
        let m = if mp < 10 { mp + 3 } else { mp - 9 };
        (yoe + era * 400 + i64::from(m <= 2), m, d)
    }

    fn all_ascii_digits(s: &str) -> bool {
        s.bytes().all(|b| b.is_ascii_digit())
    }

    proptest! {
        #[test]
        fn runs(v in "[0-9a-zA-Z_٣é ]{0,6}", n in 1usize..8) {
            prop_assert_eq!(digits(&v), !v.is_empty() && all_ascii_digits(&v));
            prop_assert_eq!(digits_n(&v, n), v.len() == n && all_ascii_digits(&v));
            let ascii_alnum = !v.is_empty() && v.chars().all(|c| c.is_ascii_alphanumeric());
            prop_assert_eq!(alnum(&v), ascii_alnum);
            let upper = v == v.to_ascii_uppercase();
            prop_assert_eq!(upper_alnum(&v), ascii_alnum && upper);
        }

        #[test]
        fn labels_and_hosts(v in "[a-zA-Z0-9.\\-_é@:]{0,12}|[a-z]{60,66}\\.[a-z]{2}") {
            if dns_label(&v) {
                prop_assert!((1..=63).contains(&v.len()));
                prop_assert!(!v.starts_with('-') && !v.ends_with('-') && !v.contains('.'));
            }
            if dns_host(&v) {
                let labels: Vec<&str> = v.split('.').collect();
                prop_assert!(labels.len() >= 2);
                prop_assert!(labels.iter().all(|l| dns_label(l)));
                let tld = labels.last().copied().unwrap_or("");
                prop_assert!(tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()));
                prop_assert!(v.parse::<core::net::Ipv4Addr>().is_err());
            }
        }

        #[test]
        fn emails(v in "[a-z0-9.+!_@\\-é ]{0,14}|[a-z]{60,66}@[a-z]{1,3}\\.[a-z]{2}") {
            if email(&v) {
                prop_assert_eq!(v.matches('@').count(), 1);
                let (local, host) = v.split_once('@').unwrap_or_default();
                prop_assert!((1..=64).contains(&local.len()));
                prop_assert!(!local.starts_with('.') && !local.ends_with('.'));
                prop_assert!(!local.contains(".."));
                prop_assert!(dns_host(host));
                prop_assert!(v.is_ascii() && !v.contains(' '));
            }
        }

        #[test]
        fn dates(v in "[0-9]{4}[01][0-9][0-3][0-9]|[0-9]{2}(00|[0-9]{2})02(2[89]|30)|[0-9/ a-]{0,9}") {
            let calendar = v.len() == 8 && all_ascii_digits(&v) && {
                let n = |r: core::ops::Range<usize>| v[r].parse::<i64>().unwrap_or(-1);
                let (y, m, d) = (n(0..4), n(4..6), n(6..8));
                (1..=12).contains(&m) && d >= 1 && civil(day_number(y, m, d)) == (y, m, d)
            };
            prop_assert_eq!(date(&v), calendar, "{}", v);
        }

        #[test]
        fn times(v in "[0-2][0-9][0-6][0-9][0-6][0-9]|[0-9:a٣]{0,7}") {
            let clock = v.len() == 6 && all_ascii_digits(&v) && {
                let n = |r: core::ops::Range<usize>| v[r].parse::<u32>().unwrap_or(99);
                n(0..2) < 24 && n(2..4) < 60 && n(4..6) < 60
            };
            prop_assert_eq!(time(&v), clock, "{}", v);
        }

        #[test]
        fn amounts(v in "[0-9.\\-+e,٣ ]{0,7}") {
            if plain_amount(&v) {
                let (int, frac) = v.split_once('.').unwrap_or((&v, ""));
                prop_assert!(int.parse::<u64>().is_ok() && all_ascii_digits(int));
                prop_assert!(frac.len() <= 2 && all_ascii_digits(frac));
                // What is accepted reads as a decimal number.
                prop_assert!(v.parse::<f64>().is_ok());
            }
        }

        #[test]
        fn uuids(v in "[0-9a-fA-F\\-]{34,38}|[0-9a-gA-G\\-é{}]{0,40}") {
            if uuid_hyphenated(&v) {
                prop_assert_eq!(v.len(), 36);
                let hyphens: Vec<usize> = v.match_indices('-').map(|(i, _)| i).collect();
                prop_assert_eq!(hyphens, vec![8, 13, 18, 23]);
                prop_assert!(u128::from_str_radix(&v.replace('-', ""), 16).is_ok());
            }
        }

        #[test]
        fn pix_keys(
            v in concat!(
                "[0-9]{10,15}|[0-9A-Z]{12}[0-9]{2}|\\+55[0-9 ]{8,12}",
                "|[a-z0-9.@\\-]{0,16}|[0-9a-f\\-]{36}"
            )
        ) {
            match pix_key(&v) {
                PixKey::BadCheckDigits => {
                    prop_assert!(v.len() == 11 || v.len() == 14);
                    prop_assert!(v.bytes().skip(12).all(|b| b.is_ascii_digit()));
                }
                PixKey::Valid if v.len() == 11 && all_ascii_digits(&v) => {
                    // A CPF: each check digit is 11 less the weighted sum mod 11, or 0 if that
                    // is 10 or 11 (weights 10..2, then 11..2).
                    let d: Vec<u32> = v.bytes().map(|b| u32::from(b - b'0')).collect();
                    let dv = |n: usize| {
                        let weights = (2..=n as u32 + 1).rev();
                        let s: u32 = d.iter().take(n).zip(weights).map(|(x, w)| x * w).sum();
                        let r = 11 - s % 11;
                        if r >= 10 { 0 } else { r }
                    };
                    prop_assert_eq!((dv(9), dv(10)), (d[9], d[10]));
                }
                PixKey::Valid => {
                    prop_assert!(v.len() <= 77);
                    let shaped = v.contains('@') || v.starts_with("+55");
                    prop_assert!(shaped || v.len() == 14 || v.len() == 36);
                }
                PixKey::Malformed => {}
            }
        }

        #[test]
        fn pix_urls(
            v in concat!(
                "[a-z0-9.]{1,12}(/[a-zA-Z0-9~%?#@: ]{0,8})?|[a-z:/@.]{0,16}",
                "|[a-z]{30,40}\\.[a-z]{2}/[a-z]{30,40}"
            )
        ) {
            if pix_url(&v) {
                prop_assert!(v.len() <= 77);
                let host = v.split('/').next().unwrap_or_default();
                prop_assert!(dns_host(host));
                for c in ['?', '#', '%', '@', ' ', '\\'] {
                    prop_assert!(!v.contains(c), "{:?} in {}", c, v);
                }
                prop_assert!(!host.contains(':') && !v.contains("://"));
            }
        }

        #[test]
        fn txids(v in "[*a-zA-Z0-9\\-_é]{0,27}") {
            if pix_txid(&v) {
                let run = (1..=25).contains(&v.len())
                    && v.chars().all(|c| c.is_ascii_alphanumeric());
                prop_assert!(v == "***" || run);
            }
        }

        #[test]
        fn bics(v in "[A-Z]{6}[A-Z0-9]{2,5}|[A-Za-z0-9\\-Ä]{0,12}") {
            if bic(&v) {
                prop_assert!(v.len() == 8 || v.len() == 11);
                prop_assert!(v[..6].chars().all(|c| c.is_ascii_uppercase()));
                prop_assert_eq!(v.to_ascii_uppercase(), v.clone());
            }
        }

        #[test]
        fn vpas(v in "[a-z0-9._\\-+@é ]{0,12}") {
            if vpa(&v) {
                prop_assert_eq!(v.matches('@').count(), 1);
                let (handle, psp) = v.split_once('@').unwrap_or_default();
                prop_assert!(!handle.is_empty() && psp.len() >= 2);
                prop_assert!(v.is_ascii() && !v.contains(' ') && !v.contains('+'));
            }
        }
    }
}
