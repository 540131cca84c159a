//! Value grammars shared by the decoder and the builder: character sets, amounts, GUIDs.

use nom::Parser;
use nom::character::complete::{char, digit0, digit1};
use nom::combinator::{all_consuming, opt, recognize};
use nom::sequence::pair;

use crate::error::AmountProblem;

/// Display hazards found in a text value.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Hazards {
    /// First non-ASCII character (char index), if any.
    pub(crate) non_ascii: Option<usize>,
    /// First invisible character (char index).
    pub(crate) invisible: Option<usize>,
    /// First bidirectional control (char index).
    pub(crate) bidi: Option<usize>,
}

/// True for characters of the ans set.
#[inline]
pub(crate) const fn is_ans(c: char) -> bool {
    matches!(c, ' '..='~')
}

/// True for control characters, never allowed in any value.
#[inline]
pub(crate) const fn is_control(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{1F}' | '\u{7F}'..='\u{9F}')
}

/// Bidirectional formatting characters.
#[inline]
pub(crate) const fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
    )
}

/// Characters that render as nothing.
#[inline]
pub(crate) const fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{180E}' | '\u{200B}'..='\u{200D}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}'
    )
}

/// Checks an S value: returns the char index of the first control character, and the hazards.
pub(crate) fn scan_s(value: &str) -> Result<Hazards, usize> {
    let mut h = Hazards::default();
    if value.is_ascii() {
        return match value.bytes().position(|b| !(b' '..=b'~').contains(&b)) {
            Some(i) => Err(i),
            None => Ok(h),
        };
    }
    for (i, c) in value.chars().enumerate() {
        if is_control(c) {
            return Err(i);
        }
        if !c.is_ascii() && h.non_ascii.is_none() {
            h.non_ascii = Some(i);
        }
        if is_invisible(c) && h.invisible.is_none() {
            h.invisible = Some(i);
        }
        if is_bidi_control(c) && h.bidi.is_none() {
            h.bidi = Some(i);
        }
    }
    Ok(h)
}

/// Char index of the first character outside ans.
#[inline]
pub(crate) fn first_non_ans(value: &str) -> Option<usize> {
    if value.is_ascii() {
        value.bytes().position(|b| !(b' '..=b'~').contains(&b))
    } else {
        value.chars().position(|c| !is_ans(c))
    }
}

/// True when every character is an ASCII digit.
#[inline]
pub(crate) fn is_numeric(value: &str) -> bool {
    !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit())
}

/// Digits with at most one `.`, at least one digit before it (`98`, `98.`, `98.73`).
fn amount_grammar(value: &str) -> bool {
    let mut parser = all_consuming(recognize(pair(
        digit1::<&str, nom::error::Error<&str>>,
        opt(pair(char('.'), digit0)),
    )));
    parser.parse(value).is_ok()
}

/// Validates an amount of 54 or 56 (grammar, non-zero, no leading zero).
///
/// The length limit (13) is checked by the caller.
pub(crate) fn check_amount(value: &str) -> Result<(), AmountProblem> {
    if !amount_grammar(value) {
        return Err(AmountProblem::Grammar);
    }
    if value.bytes().all(|b| b == b'0' || b == b'.') {
        return Err(AmountProblem::Zero);
    }
    let int = value.split('.').next().unwrap_or("");
    if int.len() > 1 && int.starts_with('0') {
        return Err(AmountProblem::LeadingZero);
    }
    Ok(())
}

/// Number of digits after the decimal mark.
pub(crate) fn decimals(value: &str) -> usize {
    value.split_once('.').map_or(0, |(_, f)| f.len())
}

/// Validates 57, a percentage 0.01–99.99 with at most 2 decimals.
pub(crate) fn check_percentage(value: &str) -> Result<(), AmountProblem> {
    if !amount_grammar(value) {
        return Err(AmountProblem::Grammar);
    }
    let (int, frac) = value.split_once('.').unwrap_or((value, ""));
    if frac.len() > 2 {
        return Err(AmountProblem::Range);
    }
    let int = int.trim_start_matches('0');
    if int.len() > 2 {
        return Err(AmountProblem::Range);
    }
    if value.bytes().all(|b| b == b'0' || b == b'.') {
        return Err(AmountProblem::Zero);
    }
    Ok(())
}

/// The kind of a GUID (sub-ID 00 of a merchant account or unreserved template).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum GuidKind {
    /// An application identifier: RID plus optional PIX, 10–32 hex digits.
    Aid,
    /// A UUID without hyphens (32 hex digits); also a valid AID shape.
    Uuid,
    /// A reverse domain name such as `br.gov.bcb.pix`.
    ReverseDomain,
}

/// Classifies a GUID, or `None` when it is none of the three forms.
#[must_use]
pub fn guid_kind(value: &str) -> Option<GuidKind> {
    let len = value.len();
    if value.bytes().all(|b| b.is_ascii_hexdigit()) {
        if len == 32 {
            return Some(GuidKind::Uuid);
        }
        if (10..=32).contains(&len) && len.is_multiple_of(2) {
            return Some(GuidKind::Aid);
        }
        // An all-hex string can still be a domain only if it has dots; it has none.
        return None;
    }
    if len > 32 {
        return None;
    }
    let mut labels = 0usize;
    for (i, label) in value.split('.').enumerate() {
        let ok = !label.is_empty()
            && label.len() <= 63
            && label
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-')
            && !label.starts_with('-')
            && !label.ends_with('-')
            && (i != 0 || label.bytes().all(|b| b.is_ascii_alphabetic()));
        if !ok {
            return None;
        }
        labels = labels.saturating_add(1);
    }
    (labels >= 2).then_some(GuidKind::ReverseDomain)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts() {
        for ok in ["98.73", "98", "98.", "0.50", "1", "9999999999.99"] {
            assert_eq!(check_amount(ok), Ok(()), "{ok}");
        }
        for (bad, p) in [
            ("1e3", AmountProblem::Grammar),
            ("-1", AmountProblem::Grammar),
            ("+5", AmountProblem::Grammar),
            (".5", AmountProblem::Grammar),
            ("inf", AmountProblem::Grammar),
            ("NaN", AmountProblem::Grammar),
            ("1,000.00", AmountProblem::Grammar),
            ("1 000", AmountProblem::Grammar),
            ("1_000", AmountProblem::Grammar),
            ("10.0.0", AmountProblem::Grammar),
            ("１０.00", AmountProblem::Grammar),
            ("10.00 ", AmountProblem::Grammar),
            ("", AmountProblem::Grammar),
            ("0", AmountProblem::Zero),
            ("0.00", AmountProblem::Zero),
            ("00", AmountProblem::Zero),
            ("010", AmountProblem::LeadingZero),
            ("00010", AmountProblem::LeadingZero),
        ] {
            assert_eq!(check_amount(bad), Err(p), "{bad}");
        }
        assert_eq!(decimals("10.001"), 3);
        assert_eq!(decimals("10."), 0);
        assert_eq!(decimals("10"), 0);
    }

    #[test]
    fn percentages() {
        for ok in ["00.01", "99.99", "5", "5.5", "05.50", "10."] {
            assert_eq!(check_percentage(ok), Ok(()), "{ok}");
        }
        assert_eq!(check_percentage("100"), Err(AmountProblem::Range));
        assert_eq!(check_percentage("1.001"), Err(AmountProblem::Range));
        assert_eq!(check_percentage("0"), Err(AmountProblem::Zero));
        assert_eq!(check_percentage("00.00"), Err(AmountProblem::Zero));
        assert_eq!(check_percentage("-5"), Err(AmountProblem::Grammar));
        assert_eq!(check_percentage("5e1"), Err(AmountProblem::Grammar));
        assert_eq!(check_percentage("5%"), Err(AmountProblem::Grammar));
    }

    #[test]
    fn guids() {
        assert_eq!(guid_kind("D15600000000"), Some(GuidKind::Aid));
        assert_eq!(guid_kind("A000000677010111"), Some(GuidKind::Aid));
        assert_eq!(
            guid_kind("581b314e257f41bfbbdc6384daa31d16"),
            Some(GuidKind::Uuid)
        );
        assert_eq!(guid_kind("br.gov.bcb.pix"), Some(GuidKind::ReverseDomain));
        assert_eq!(guid_kind("COM.GO-JEK.WWW"), Some(GuidKind::ReverseDomain));
        assert_eq!(guid_kind("ph.ppmi.p2m"), Some(GuidKind::ReverseDomain));
        for bad in [
            "br.gov.bcb.pix ",
            "br.gоv.bcb.pix",
            "ＢＲ.gov.bcb.pix",
            "D156000000001",
            "A0000006",
            "name@bank",
            "pix",
            "br..pix",
            ".br.pix",
            "br.pix.",
            "br.-x.pix",
            "1com.x",
            "NCHL00000000MER-1-APP-2",
            "",
        ] {
            assert_eq!(guid_kind(bad), None, "{bad}");
        }
    }

    #[test]
    fn charsets() {
        assert_eq!(first_non_ans("ABC~ "), None);
        assert_eq!(first_non_ans("AB\u{7F}"), Some(2));
        assert_eq!(first_non_ans("Josée"), Some(3));
        assert_eq!(scan_s("LOJA\r\n"), Err(4));
        assert_eq!(scan_s("最佳\u{85}"), Err(2));
        let h = scan_s("LO\u{200B}JA\u{202E}x").unwrap();
        assert_eq!(h.invisible, Some(2));
        assert_eq!(h.bidi, Some(5));
        assert_eq!(h.non_ascii, Some(2));
    }
}
