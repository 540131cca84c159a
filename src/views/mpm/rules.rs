//! Value grammars shared by the decoder and the builder: character sets, amounts, GUIDs.

use crate::wire::error::AmountProblem;

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

/// Characters that render as nothing, or as blank space that is no space: zero-width
/// characters, the soft hyphen and the BOM; the Hangul fillers (U+115F, U+1160, U+3164,
/// U+FFA0) and the blank Braille pattern (U+2800), which pass for letters; variation selectors
/// and tag characters; the line and paragraph separators.
#[inline]
pub(crate) const fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{115F}'
            | '\u{1160}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200D}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2800}'
            | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{E0000}'..='\u{E007F}'
            | '\u{E0100}'..='\u{E01EF}'
    )
}

/// A value that shows as nothing: only white space and [invisible](is_invisible) characters.
#[inline]
pub(crate) fn is_blank(value: &str) -> bool {
    value.chars().all(|c| c.is_whitespace() || is_invisible(c))
}

/// Whether the letters of a value mix scripts beyond what UTS #39 calls *moderately
/// restrictive*: one script; Latin with Han and the Japanese or Korean scripts; Latin with
/// one other script, except Cyrillic and Greek, whose letters pass for Latin ones (and for
/// each other). Characters outside the identifier profile (spaces, punctuation) are passed
/// over, and characters of every script (digits) fit any. (UTS #39 also refuses Latin with a
/// script it does not recommend, a historic one; that is not checked.) ASCII never mixes.
pub(crate) fn mixes_scripts(value: &str) -> bool {
    use unicode_script::{Script, ScriptExtension};
    // Latin with Han never mixes: ASCII and the common ideographs (Chinese names, Japanese
    // kanji) need no table.
    if value.chars().all(|c| c.is_ascii() || HAN.contains(&c)) {
        return false;
    }
    // The scripts every letter can be written in, and those of the letters that are not Latin.
    let mut all = AugmentedScriptSet::default();
    let mut besides_latin = AugmentedScriptSet::default();
    let set = |script| AugmentedScriptSet::from(ScriptExtension::from(script));
    let (latin, han) = (set(Script::Latin), set(Script::Han));
    for c in value.chars() {
        let scripts = match letter_scripts(c) {
            Letter::Latin => latin,
            Letter::Han => han,
            Letter::Other => AugmentedScriptSet::for_char(c),
            Letter::Any => continue,
        };
        all.intersect_with(scripts);
        if !scripts.base.contains_script(Script::Latin) {
            besides_latin.intersect_with(scripts);
        }
    }
    let single = !all.is_empty();
    let cjk = besides_latin.hanb || besides_latin.jpan || besides_latin.kore;
    let one_other = besides_latin.base.len() == 1
        && !besides_latin.base.contains_script(Script::Cyrillic)
        && !besides_latin.base.contains_script(Script::Greek);
    !(single || cjk || one_other)
}

use unicode_security::mixed_script::AugmentedScriptSet;

/// The CJK Unified Ideographs of Unicode 1.1 (U+4E00–U+9FA5), all of the Han script.
pub(crate) const HAN: core::ops::RangeInclusive<char> = '\u{4E00}'..='\u{9FA5}';

/// What a character brings to [`mixes_scripts`], its scripts told without the tables for ASCII
/// and the common CJK ideographs (the unit tests check the shortcut against the tables).
enum Letter {
    /// A Latin letter.
    Latin,
    /// A Han ideograph.
    Han,
    /// Anything else in the identifier profile: look its scripts up.
    Other,
    /// Fits any script (digits, ASCII punctuation), or is outside the identifier profile
    /// (spaces, most punctuation): passed over.
    Any,
}

#[inline]
fn letter_scripts(c: char) -> Letter {
    use unicode_security::GeneralSecurityProfile;
    match c {
        'A'..='Z' | 'a'..='z' => Letter::Latin,
        '\u{0}'..='\u{7F}' => Letter::Any,
        _ if !GeneralSecurityProfile::identifier_allowed(c) => Letter::Any,
        _ if HAN.contains(&c) => Letter::Han,
        _ => Letter::Other,
    }
}

/// Byte index of the first byte outside U+0020–U+007E. Every byte before it is ASCII, so it
/// is also the character index.
#[inline]
fn first_outside_ans(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
    const SPACES: u64 = u64::from_ne_bytes([0x20; 8]);
    // Eight bytes at a time: a byte below 0x20 borrows, a byte of 0x7F or more sets its top
    // bit (itself, or plus one). Carries and borrows only spread past a byte already out of
    // range, so a clean word is exact; the byte loop below finds the position.
    let mut words = bytes.chunks_exact(8);
    let mut skipped = 0usize;
    for w in words.by_ref() {
        let mut b = [0u8; 8];
        b.copy_from_slice(w);
        let v = u64::from_ne_bytes(b);
        if (v.wrapping_sub(SPACES) | v | v.wrapping_add(ONES)) & HIGH != 0 {
            break;
        }
        skipped = skipped.saturating_add(8);
    }
    bytes
        .get(skipped..)?
        .iter()
        .position(|&b| !(b' '..=b'~').contains(&b))
        .map(|i| skipped.saturating_add(i))
}

/// Checks an S value: returns the char index of the first control character, and the hazards.
pub(crate) fn scan_s(value: &str) -> Result<Hazards, usize> {
    let mut h = Hazards::default();
    // One pass over the bytes settles an ASCII value; the character walk starts at the first
    // byte that is not printable ASCII, whose byte index is its character index.
    let Some(start) = first_outside_ans(value.as_bytes()) else {
        return Ok(h);
    };
    let rest = value.get(start..).unwrap_or("");
    for (k, c) in rest.chars().enumerate() {
        let i = start.saturating_add(k);
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
    // A non-ASCII character starts with a byte outside the range, so the first such byte
    // starts the first character outside ans.
    first_outside_ans(value.as_bytes())
}

/// How long a value may be, in characters (EMVCo MPM Tables 3.6–3.8): the one statement of
/// each object's length, read by both the fast path and the full validation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Length {
    /// Exactly this many: another length is `invalid_format`.
    Fixed(usize),
    /// At most this many: more is `field_too_long`.
    Max(usize),
    /// Any length a TLV can carry (1–99).
    Any,
}

impl Length {
    /// Whether a value of `chars` characters has this length.
    #[inline(always)]
    pub(crate) const fn allows(self, chars: usize) -> bool {
        match self {
            Length::Fixed(n) => chars == n,
            Length::Max(n) => chars <= n,
            Length::Any => true,
        }
    }
}

/// The length of a primitive root object's value.
#[inline(always)]
pub(crate) const fn root_length(id: u8) -> Length {
    match id {
        0 | 1 | 55 | 58 => Length::Fixed(2),
        52 => Length::Fixed(4),
        53 => Length::Fixed(3),
        54 | 56 => Length::Max(13),
        57 => Length::Max(5),
        59 => Length::Max(25),
        60 => Length::Max(15),
        61 => Length::Max(10),
        _ => Length::Any,
    }
}

/// The length of a GUID (sub-ID 00 of templates 26–51 and 80–99).
pub(crate) const GUID_LENGTH: Length = Length::Max(32);

/// The length of sub-object `sub` of template `template`.
#[inline(always)]
pub(crate) const fn sub_length(template: u8, sub: u8) -> Length {
    match (template, sub) {
        (62, 1..=8) => Length::Max(25),
        (62, 9) => Length::Max(3),
        (62, 10) => Length::Max(20),
        (62, 11) => Length::Fixed(3),
        (64, 0) => Length::Fixed(2),
        (64, 1) => Length::Max(25),
        (64, 2) => Length::Max(15),
        (26..=51 | 80..=99, 0) => GUID_LENGTH,
        _ => Length::Any,
    }
}

/// True when every character is an ASCII digit.
#[inline]
pub(crate) fn is_numeric(value: &str) -> bool {
    !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit())
}

/// Digits with at most one `.`, at least one digit before it (`98`, `98.`, `98.73`).
fn amount_grammar(value: &str) -> bool {
    amount_int_digits(value).is_some()
}

/// The number of digits before the `.` of a value of the amount grammar; `None` when the value
/// is not of the grammar.
fn amount_int_digits(value: &str) -> Option<usize> {
    let bytes = value.as_bytes();
    let int = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    match bytes.get(int..) {
        _ if int == 0 => None,
        Some([]) => Some(int),
        Some([b'.', frac @ ..]) if frac.iter().all(u8::is_ascii_digit) => Some(int),
        _ => None,
    }
}

/// Validates an amount of 54 or 56 (grammar, non-zero, no leading zero).
///
/// The length limit (13) is checked by the caller.
pub(crate) fn check_amount(value: &str) -> Result<(), AmountProblem> {
    let Some(int) = amount_int_digits(value) else {
        return Err(AmountProblem::Grammar);
    };
    let bytes = value.as_bytes();
    if bytes.iter().all(|&b| b == b'0' || b == b'.') {
        return Err(AmountProblem::Zero);
    }
    if int > 1 && bytes.first() == Some(&b'0') {
        return Err(AmountProblem::LeadingZero);
    }
    Ok(())
}

/// Number of digits after the decimal mark.
pub(crate) fn decimals(value: &str) -> usize {
    value
        .bytes()
        .position(|b| b == b'.')
        .map_or(0, |dot| value.len().saturating_sub(dot).saturating_sub(1))
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
///
/// # Examples
/// ```
/// use emvqr::mpm::{GuidKind, guid_kind};
/// assert_eq!(guid_kind("A000000677010111"), Some(GuidKind::Aid));
/// assert_eq!(guid_kind("36b0edd21412ebb229b0a2448f56a010"), Some(GuidKind::Uuid));
/// assert_eq!(guid_kind("br.gov.bcb.pix"), Some(GuidKind::ReverseDomain));
/// ```
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
///
/// # Examples
/// ```
/// use emvqr::mpm::guid_kind;
/// assert!(guid_kind("com.tenpay").is_some());
/// // Not hex, not a domain: none of the three forms.
/// assert_eq!(guid_kind("not a guid"), None);
/// assert_eq!(guid_kind(""), None);
/// ```
#[must_use]
pub fn guid_kind(value: &str) -> Option<GuidKind> {
    let bytes = value.as_bytes();
    let len = bytes.len();
    if bytes.iter().all(u8::is_ascii_hexdigit) {
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
    // Labels of letters, digits and inner hyphens, 1–63 bytes (always so under the 32-byte
    // cap), the first all letters; at least two of them.
    let mut labels = 0usize;
    let mut label_len = 0usize;
    let mut first_label = true;
    let mut prev = b'.';
    for &b in bytes {
        match b {
            b'.' => {
                if label_len == 0 || prev == b'-' {
                    return None;
                }
                labels = labels.saturating_add(1);
                label_len = 0;
                first_label = false;
            }
            b'a'..=b'z' | b'A'..=b'Z' => label_len = label_len.saturating_add(1),
            b'0'..=b'9' if !first_label => label_len = label_len.saturating_add(1),
            b'-' if !first_label && label_len > 0 => label_len = label_len.saturating_add(1),
            _ => return None,
        }
        prev = b;
    }
    if label_len == 0 || prev == b'-' {
        return None;
    }
    labels = labels.saturating_add(1);
    (labels >= 2).then_some(GuidKind::ReverseDomain)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_values_show_nothing() {
        for blank in [
            " ",
            "   ",
            "\u{3000}",
            " \u{200B} ",
            "\u{3164}\u{3164}",
            "\u{2800}",
        ] {
            assert!(is_blank(blank), "{blank:?}");
        }
        for shown in ["A", "  A  ", "\u{200B}x", "最", "."] {
            assert!(!is_blank(shown), "{shown:?}");
        }
    }

    #[test]
    fn the_letter_shortcut_agrees_with_the_tables() {
        use unicode_security::GeneralSecurityProfile;
        let han = AugmentedScriptSet::for_char('中');
        let latin = AugmentedScriptSet::for_char('A');
        for c in ('\u{0}'..='\u{7F}').chain(HAN) {
            let allowed = GeneralSecurityProfile::identifier_allowed(c);
            let set = AugmentedScriptSet::for_char(c);
            match letter_scripts(c) {
                Letter::Latin => assert!(allowed && set == latin, "{c:?}"),
                Letter::Han => assert!(allowed && set == han, "{c:?}"),
                // Passed over: outside the profile, or of every script (which changes no set).
                Letter::Any => assert!(!allowed || set.is_all(), "{c:?}"),
                Letter::Other => panic!("{c:?} is told without the tables"),
            }
        }
    }

    #[test]
    fn scripts_mix_as_no_language_writes_them() {
        // One script, with digits and punctuation; Latin with Han, kana or Hangul; Latin with
        // Thai or Arabic.
        for single in [
            "NOODLE HOUSE",
            "CAFÉ SÃO JOSÉ 2",
            "МОСКВА",
            "ΑΘΗΝΑ",
            "KFC 肯德基",
            "SHOP 東京ストア",
            "CAFE 서울",
            "ร้าน ABC",
            "متجر ABC",
        ] {
            assert!(!mixes_scripts(single), "{single}");
        }
        // Latin with a Cyrillic or Greek look-alike; Cyrillic with Greek.
        for mixed in [
            "NOODLE Н0USE",
            "PAYPАL",
            "BANK ΟF CHINA",
            "МОСКВΑ",
            "SHOP Ѕ",
        ] {
            assert!(mixes_scripts(mixed), "{mixed}");
        }
    }
    use proptest::prelude::*;

    /// The GUID grammar written plainly, label by label: the reference for [`guid_kind`].
    fn guid_kind_reference(value: &str) -> Option<GuidKind> {
        let len = value.len();
        if value.bytes().all(|b| b.is_ascii_hexdigit()) {
            if len == 32 {
                return Some(GuidKind::Uuid);
            }
            return ((10..=32).contains(&len) && len.is_multiple_of(2)).then_some(GuidKind::Aid);
        }
        if len > 32 {
            return None;
        }
        let labels: Vec<&str> = value.split('.').collect();
        let ok = labels.iter().enumerate().all(|(i, label)| {
            !label.is_empty()
                && label.len() <= 63
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-')
                && !label.starts_with('-')
                && !label.ends_with('-')
                && (i != 0 || label.bytes().all(|b| b.is_ascii_alphabetic()))
        });
        (ok && labels.len() >= 2).then_some(GuidKind::ReverseDomain)
    }

    /// Character index of the first character outside U+0020–U+007E, character by character.
    fn first_non_ans_reference(value: &str) -> Option<usize> {
        value.chars().position(|c| !matches!(c, ' '..='~'))
    }

    proptest! {
        #[test]
        fn guid_kind_matches_the_plain_grammar(v in "[a-fA-F0-9.gzGZ-]{0,40}") {
            prop_assert_eq!(guid_kind(&v), guid_kind_reference(&v));
        }

        #[test]
        fn first_non_ans_matches_a_character_walk(
            v in "[ -~]{0,40}([\\x00-\\x1f\\x7f\\u{80}-\\u{9f}é最\\u{200b}][ -~é]{0,20})?"
        ) {
            prop_assert_eq!(first_non_ans(&v), first_non_ans_reference(&v));
        }

        #[test]
        fn amount_grammar_matches_the_definition(v in "[0-9.a]{0,8}") {
            let (int, frac) = v.split_once('.').unwrap_or((&v, ""));
            let want = !int.is_empty()
                && int.bytes().all(|b| b.is_ascii_digit())
                && frac.bytes().all(|b| b.is_ascii_digit());
            prop_assert_eq!(amount_grammar(&v), want);
        }
    }

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
