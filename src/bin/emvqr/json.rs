//! The JSON of `decode --lines --json`, written straight into the output buffer: the same text
//! serde_json writes for the same values (a test compares them), without building a map of
//! owned strings for every line first.

use std::fmt::{self, Display, Write as _};

use emvqr::Payload;
use emvqr::mpm::DataObject;
use emvqr::profile::ProfileSet;

/// JSON string content, escaped as serde_json escapes it: `"` and `\`, and every control below
/// U+0020 (`\b \t \n \f \r` by name, the others as `\u00xx`).
struct Content<'a>(&'a mut String);

impl fmt::Write for Content<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let mut plain = 0;
        for (i, b) in s.bytes().enumerate() {
            let named = match b {
                b'"' => "\\\"",
                b'\\' => "\\\\",
                b'\n' => "\\n",
                b'\r' => "\\r",
                b'\t' => "\\t",
                0x08 => "\\b",
                0x0C => "\\f",
                0..=0x1F => "",
                _ => continue,
            };
            self.0.push_str(s.get(plain..i).unwrap_or(""));
            if named.is_empty() {
                write!(self.0, "\\u{b:04x}")?;
            } else {
                self.0.push_str(named);
            }
            plain = i.saturating_add(1);
        }
        self.0.push_str(s.get(plain..).unwrap_or(""));
        Ok(())
    }
}

/// A JSON string.
#[inline]
pub(crate) fn string(out: &mut String, s: &str) {
    out.reserve(s.len().saturating_add(2));
    out.push('"');
    // One pass over every byte, without an early exit, so the compiler can vectorise it.
    let special = s.bytes().fold(false, |found, b| {
        found | (b < 0x20) | (b == b'"') | (b == b'\\')
    });
    if special {
        let _ = Content(out).write_str(s);
    } else {
        out.push_str(s);
    }
    out.push('"');
}

/// Every two-digit ID, `00` to `99`, back to back.
const IDS: &str = "00010203040506070809101112131415161718192021222324252627282930313233343536373839\
                   40414243444546474849505152535455565758596061626364656667686970717273747576777879\
                   8081828384858687888990919293949596979899";

/// `"NN":`, the key of a data object's ID (below 100, as the decoder guarantees).
#[inline]
fn key(out: &mut String, id: u8) {
    let at = usize::from(id).saturating_mul(2);
    out.push('"');
    out.push_str(IDS.get(at..at.saturating_add(2)).unwrap_or("00"));
    out.push_str("\":");
}

/// A JSON string of a value's `Display` text.
pub(crate) fn display(out: &mut String, value: impl Display) {
    out.push('"');
    let _ = write!(Content(out), "{value}");
    out.push('"');
}

/// The scheme profiles' ids joined by `+` (`"paynow+sgqr"`), or `null` for none.
pub(crate) fn scheme(out: &mut String, profiles: ProfileSet) {
    let mut each = profiles.iter();
    match (each.next(), each.next()) {
        (None, _) => out.push_str("null"),
        // The common case, one scheme, without the formatting machinery.
        (Some(one), None) => string(out, one.id()),
        _ => display(out, profiles),
    }
}

/// An error or warning: `{"code":..,"offset":..,"path":..,"rule":..,"message":..}`, `rule`
/// only when there is one (the shape of `decode --json`).
pub(crate) fn finding(
    out: &mut String,
    code: &str,
    offset: usize,
    path: impl Display,
    rule: Option<&str>,
    message: impl Display,
) {
    out.push_str("{\"code\":");
    string(out, code);
    let _ = write!(out, ",\"offset\":{offset},\"path\":");
    display(out, path);
    if let Some(rule) = rule {
        out.push_str(",\"rule\":");
        string(out, rule);
    }
    out.push_str(",\"message\":");
    display(out, message);
    out.push('}');
}

/// The `fields` of a valid merchant-presented payload: each ID (two digits, ascending) with its
/// value, a template as an object of its sub-IDs (what `Payload::field_map` serializes to).
pub(crate) fn mpm_fields(out: &mut String, p: &Payload<'_>) {
    out.push('{');
    object(
        out,
        || p.objects(),
        |out, o| match p.template(o.id) {
            Some(t) => {
                out.push('{');
                object(out, || t.fields(), |out, s| string(out, s.value));
                out.push('}');
            }
            None => string(out, o.value),
        },
    );
    out.push('}');
}

/// The members of one level, `"NN":value` in ascending ID order. Most payloads list their
/// objects in that order and are written as they come; any other order is sorted first.
fn object<'a, I>(
    out: &mut String,
    objects: impl Fn() -> I,
    value: impl Fn(&mut String, DataObject<'a>),
) where
    I: Iterator<Item = DataObject<'a>>,
{
    let start = out.len();
    let mut last = None;
    for o in objects() {
        if last.is_some_and(|id| id >= o.id) {
            out.truncate(start);
            let mut sorted: Vec<DataObject<'a>> = objects().collect();
            sorted.sort_unstable_by_key(|o| o.id);
            for (i, o) in sorted.into_iter().enumerate() {
                member(out, i > 0, o, &value);
            }
            return;
        }
        member(out, last.is_some(), o, &value);
        last = Some(o.id);
    }
}

#[inline]
fn member<'a>(
    out: &mut String,
    comma: bool,
    o: DataObject<'a>,
    value: &impl Fn(&mut String, DataObject<'a>),
) {
    if comma {
        out.push(',');
    }
    key(out, o.id);
    value(out, o);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_two_digits() {
        for id in [0u8, 7, 10, 63, 99] {
            let mut out = String::new();
            key(&mut out, id);
            assert_eq!(out, format!("\"{id:02}\":"));
        }
    }

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let nasty: String = (0u8..0x80)
            .map(char::from)
            .chain("é最\u{2028}\u{feff}".chars())
            .collect();
        for s in ["", "plain", "a\"b\\c", "\u{7f}", nasty.as_str()] {
            let mut out = String::new();
            string(&mut out, s);
            assert_eq!(out, serde_json::to_string(s).unwrap_or_default(), "{s:?}");
        }
    }
}
