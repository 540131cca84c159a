//! Untrusted text made safe to show: what a terminal or a log would act on is written escaped.

use core::fmt::{self, Write as _};

use crate::views::mpm::rules::{is_bidi_control, is_control, is_invisible};

/// A value for a terminal or a log: control characters (C0, DEL, C1), bidirectional controls,
/// invisible characters and line and paragraph separators are written escaped (`\u{1b}`), so a
/// hostile payload cannot drive the terminal or reorder what is shown. The characters are those
/// the decoder refuses or warns about in text (`invalid_charset`, `bidi_control`,
/// `invisible_char`), and the two separators.
///
/// # Examples
/// ```
/// use emvqr::Escaped;
/// assert_eq!(Escaped("SHOP\u{1b}[2J").to_string(), "SHOP\\u{1b}[2J");
/// assert_eq!(Escaped("abc\u{202e}def").to_string(), "abc\\u{202e}def");
/// assert_eq!(Escaped("最佳运输").to_string(), "最佳运输");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Escaped<'a>(pub &'a str);

/// Whether `c` is written escaped.
const fn needs_escape(c: char) -> bool {
    is_control(c) || is_bidi_control(c) || is_invisible(c)
}

impl fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for c in self.0.chars() {
            if needs_escape(c) {
                write!(f, "{}", c.escape_unicode())?;
            } else {
                f.write_char(c)?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_exactly_what_could_mislead() {
        for c in [
            '\0', '\n', '\u{7f}', '\u{85}', '\u{9f}', '\u{61c}', '\u{200b}', '\u{2028}',
        ] {
            assert!(needs_escape(c), "{c:?}");
        }
        for c in [' ', 'A', '~', '\u{a0}', 'é', '最', '\u{2027}', '\u{202f}'] {
            assert!(!needs_escape(c), "{c:?}");
        }
    }
}
