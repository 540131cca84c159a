//! The decode kinds (`mpm`, `profile`, `cpm`): a payload in; the verdict, the error (code,
//! offset, path, rule), the fields and the warnings out.

use super::origin::Origin;
use std::borrow::ToOwned;
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::format;
use std::string::{String, ToString};
use std::vec::Vec;

use serde_json::{Map, Value};

use super::implementation::Object;
use crate::views::cpm::payload::CpmPayload;
use crate::views::mpm::payload::Payload;
use crate::views::options::{DecodeOptions, Leniency};
use crate::views::owned::FieldMap;
use crate::wire::cpm_error::Error as CpmError;
use crate::wire::limits::MAX_CPM_BYTES;

/// Longest part of a response's `message` shown in a failure reason, in characters.
const MAX_MESSAGE_CHARS: usize = 160;

/// The request keys of a decode kind: `payload` or `payload_hex`, and `options`.
pub(super) fn request(vector: &Object, _origin: &Origin<'_>) -> Result<Object, String> {
    let mut request = Map::new();
    match (vector.get("payload"), vector.get("payload_hex")) {
        (Some(p @ Value::String(_)), None) => {
            request.insert("payload".to_owned(), p.clone());
        }
        (None, Some(h @ Value::String(_))) => {
            request.insert("payload_hex".to_owned(), h.clone());
        }
        _ => return Err("needs exactly one of \"payload\" and \"payload_hex\", a string".into()),
    }
    let options = match vector.get("options") {
        None | Some(Value::Null) => Value::Object(Map::new()),
        Some(o @ Value::Object(_)) => o.clone(),
        Some(_) => return Err("\"options\" is not an object".into()),
    };
    request.insert("options".to_owned(), options);
    Ok(request)
}

/// Scores a decode kind's response: the verdict always; the error code, offset and path, the
/// fields and the warnings whenever the response gives them.
pub(super) fn score(vector: &Object, response: &Object) -> Result<(), String> {
    let expect = vector
        .get("expect")
        .and_then(Value::as_str)
        .ok_or("malformed vector: no \"expect\"")?;
    let valid = response
        .get("valid")
        .and_then(Value::as_bool)
        .ok_or("the response has no boolean \"valid\"")?;
    match (expect, valid) {
        ("valid", false) => Err(format!("rejected ({})", given_error(response))),
        ("invalid", true) => Err(format!(
            "accepted, expected {}",
            expected_error(vector.get("error"))
        )),
        ("valid", true) => {
            score_fields(vector.get("fields"), response.get("fields"))?;
            score_warnings(vector.get("warnings"), response.get("warnings"))
        }
        ("invalid", false) => score_error(vector.get("error"), response),
        (other, _) => Err(format!("malformed vector: unknown expect {other:?}")),
    }
}

/// The error a response gives, for a failure reason.
fn given_error(response: &Object) -> String {
    let mut text = match response.get("error") {
        Some(Value::String(code)) => code.clone(),
        None | Some(Value::Null) => "no error code".to_owned(),
        Some(other) => other.to_string(),
    };
    if let Some(offset) = response.get("offset").filter(|v| !v.is_null()) {
        let _ = write!(text, " at {offset}");
    }
    if let Some(path) = response.get("path").filter(|v| !v.is_null()) {
        let _ = write!(text, " path {path}");
    }
    if let Some(rule) = response.get("rule").filter(|v| !v.is_null()) {
        let _ = write!(text, " rule {rule}");
    }
    if let Some(Value::String(message)) = response.get("message") {
        let shown: String = message.chars().take(MAX_MESSAGE_CHARS).collect();
        let _ = write!(text, "; message {shown:?}");
    }
    text
}

/// The error a vector expects, for a failure reason.
fn expected_error(error: Option<&Value>) -> String {
    let Some(error) = error else {
        return "an error".to_owned();
    };
    let code = error.get("code").and_then(Value::as_str).unwrap_or("?");
    let mut text = code.to_owned();
    if let Some(offset) = error.get("offset") {
        let _ = write!(text, " at {offset}");
    }
    if let Some(path) = error.get("path") {
        let _ = write!(text, " path {path}");
    }
    if let Some(rule) = error.get("rule") {
        let _ = write!(text, " rule {rule}");
    }
    text
}

fn score_error(want: Option<&Value>, response: &Object) -> Result<(), String> {
    let want = want.ok_or("malformed vector: invalid without \"error\"")?;
    let mismatch = || {
        format!(
            "error {}, expected {}",
            given_error(response),
            expected_error(Some(want))
        )
    };
    match response.get("error") {
        // An implementation that knows only the verdict is scored on the verdict.
        None | Some(Value::Null) => return Ok(()),
        Some(Value::String(code)) => {
            if want.get("code").and_then(Value::as_str) != Some(code.as_str()) {
                return Err(mismatch());
            }
        }
        Some(_) => return Err("the response's \"error\" is not a string or null".to_owned()),
    }
    for key in ["offset", "path", "rule"] {
        if let (Some(got), Some(expected)) =
            (response.get(key).filter(|v| !v.is_null()), want.get(key))
            && got != expected
        {
            return Err(mismatch());
        }
    }
    Ok(())
}

fn score_fields(want: Option<&Value>, got: Option<&Value>) -> Result<(), String> {
    let (Some(want), Some(got)) = (want, got.filter(|v| !v.is_null())) else {
        return Ok(());
    };
    if want == got {
        return Ok(());
    }
    let (Some(want), Some(got)) = (want.as_object(), got.as_object()) else {
        return Err("fields differ: the response's \"fields\" is not an object".to_owned());
    };
    Err(format!(
        "fields differ: {}",
        first_difference("", want, got)
    ))
}

/// The first difference between two field maps, for a failure reason.
fn first_difference(prefix: &str, want: &Object, got: &Object) -> String {
    let keys: BTreeSet<&String> = want.keys().chain(got.keys()).collect();
    for key in keys {
        let name = format!("{prefix}{key}");
        match (want.get(key), got.get(key)) {
            (Some(w), None) => return format!("{name} missing (expected {w})"),
            (None, Some(g)) => return format!("{name} unexpected ({g})"),
            (Some(Value::Object(w)), Some(Value::Object(g))) if w != g => {
                return first_difference(&format!("{name}."), w, g);
            }
            (Some(w), Some(g)) if w != g => return format!("{name} is {g}, expected {w}"),
            _ => {}
        }
    }
    "none found".to_owned()
}

fn score_warnings(want: Option<&Value>, got: Option<&Value>) -> Result<(), String> {
    let (Some(want), Some(got)) = (want, got.filter(|v| !v.is_null())) else {
        return Ok(());
    };
    let codes = |v: &Value| -> Option<Vec<String>> {
        let mut list: Vec<String> = v
            .as_array()?
            .iter()
            .map(|c| c.as_str().map(str::to_owned))
            .collect::<Option<_>>()?;
        list.sort_unstable();
        Some(list)
    };
    let want = codes(want).ok_or("malformed vector: \"warnings\" is not a list of codes")?;
    let got = codes(got).ok_or("the response's \"warnings\" is not a list of codes")?;
    if want == got {
        Ok(())
    } else {
        Err(format!("warnings {got:?}, expected {want:?}"))
    }
}

/// The payload bytes of a decode request: `payload` (text) or `payload_hex`.
fn request_bytes(request: &Object) -> Result<Vec<u8>, String> {
    match (request.get("payload"), request.get("payload_hex")) {
        (Some(Value::String(text)), None) => Ok(text.as_bytes().to_vec()),
        (None, Some(Value::String(hex))) => decode_hex(hex),
        (Some(_), Some(_)) => Err("both \"payload\" and \"payload_hex\"".to_owned()),
        (None, None) => Err("neither \"payload\" nor \"payload_hex\"".to_owned()),
        _ => Err("the payload is not a string".to_owned()),
    }
}

/// Hex digits, two per byte, either case.
fn decode_hex(hex: &str) -> Result<Vec<u8>, String> {
    if !hex.len().is_multiple_of(2) {
        return Err("\"payload_hex\" has an odd number of digits".to_owned());
    }
    crate::knowledge::hex::pairs(hex.as_bytes())
        .collect::<Option<Vec<u8>>>()
        .ok_or_else(|| "\"payload_hex\" is not hex".to_owned())
}

/// The decode options of a request, or of a vector (both carry `options`): strict (pedantic
/// when `options.pedantic` is `true`), plus each leniency in `options.lenient`, with the scheme
/// profiles off when `options.profiles` is `false`.
///
/// # Errors
/// A malformed `options` object, or an unknown leniency: why.
///
/// # Examples
/// ```
/// use emvqr::{Leniency, conform::request_options};
/// let body = serde_json::json!({"options": {"pedantic": true, "lenient": ["lowercase_crc"]}});
/// let opts = request_options(body.as_object().unwrap())?;
/// assert!(opts.is_pedantic() && opts.allows(Leniency::LowercaseCrc));
/// # Ok::<(), String>(())
/// ```
pub fn request_options(request: &Object) -> Result<DecodeOptions, String> {
    let mut options = DecodeOptions::strict();
    if let Some(Value::Object(o)) = request.get("options") {
        match o.get("pedantic") {
            None | Some(Value::Null) | Some(Value::Bool(false)) => {}
            Some(Value::Bool(true)) => options = DecodeOptions::pedantic(),
            Some(_) => return Err("\"options.pedantic\" is not a boolean".to_owned()),
        }
        match o.get("profiles") {
            None | Some(Value::Null) => {}
            Some(Value::Bool(on)) => options = options.profiles(*on),
            Some(_) => return Err("\"options.profiles\" is not a boolean".to_owned()),
        }
    }
    let lenient = match request.get("options") {
        None | Some(Value::Null) => return Ok(options),
        Some(Value::Object(o)) => match o.get("lenient") {
            None | Some(Value::Null) => return Ok(options),
            Some(Value::Array(list)) => list,
            Some(_) => return Err("\"options.lenient\" is not an array".to_owned()),
        },
        Some(_) => return Err("\"options\" is not an object".to_owned()),
    };
    for name in lenient {
        let Some(name) = name.as_str() else {
            return Err("a leniency name is not a string".to_owned());
        };
        if name == "all" {
            options = DecodeOptions::lenient().profiles(options.applies_profiles());
        } else {
            let leniency =
                Leniency::from_name(name).ok_or_else(|| format!("unknown leniency {name:?}"))?;
            options = options.allow(leniency);
        }
    }
    Ok(options)
}

/// The answer of a decode kind that accepted its payload.
fn accepted<'a>(fields: Value, warnings: impl Iterator<Item = &'a str>) -> Object {
    let mut codes: Vec<&str> = warnings.collect();
    codes.sort_unstable();
    let mut answer = Map::new();
    answer.insert("valid".to_owned(), Value::Bool(true));
    answer.insert("error".to_owned(), Value::Null);
    answer.insert("fields".to_owned(), fields);
    answer.insert(
        "warnings".to_owned(),
        Value::Array(codes.into_iter().map(Value::from).collect()),
    );
    answer
}

/// The refusal of any decoder: the error code, where it is, and the profile rule if any.
fn refusal(code: &str, offset: usize, path: String, rule: Option<&str>) -> Object {
    let mut answer = Map::new();
    answer.insert("valid".to_owned(), Value::Bool(false));
    answer.insert("error".to_owned(), Value::from(code));
    answer.insert("offset".to_owned(), Value::from(offset));
    answer.insert("path".to_owned(), Value::from(path));
    if let Some(rule) = rule {
        answer.insert("rule".to_owned(), Value::from(rule));
    }
    answer.insert("fields".to_owned(), Value::Null);
    answer
}

/// A field map in the vectors' shape: ID to string, template ID to an object of strings (the
/// serde shape of [`FieldMap`]).
fn field_map_json(map: &FieldMap) -> Result<Value, String> {
    serde_json::to_value(map).map_err(|e| format!("cannot serialize the fields: {e}"))
}

/// This crate's answer to an `mpm` or `profile` request.
pub(super) fn answer_mpm(request: &Object) -> Result<Object, String> {
    let bytes = request_bytes(request)?;
    let options = request_options(request)?;
    Ok(match Payload::parse_bytes(&bytes, &options) {
        Ok(p) => accepted(
            field_map_json(&p.field_map())?,
            p.warnings().iter().map(|w| w.code()),
        ),
        Err(e) => refusal(e.code(), e.offset(), e.path().to_string(), e.rule()),
    })
}

/// This crate's answer to a `cpm` request: `payload` is the scanned base64 text, `payload_hex`
/// the raw BER.
pub(super) fn answer_cpm(request: &Object) -> Result<Object, String> {
    let mut buf = [0u8; MAX_CPM_BYTES];
    let parsed = if request.contains_key("payload_hex") {
        let ber = request_bytes(request)?;
        return cpm_answer(CpmPayload::parse(&ber));
    } else {
        CpmPayload::parse_base64(request_bytes(request)?, &mut buf)
    };
    cpm_answer(parsed)
}

fn cpm_answer(parsed: Result<CpmPayload<'_>, CpmError>) -> Result<Object, String> {
    Ok(match parsed {
        Ok(p) => {
            let fields = serde_json::to_value(p.field_map())
                .map_err(|e| format!("cannot serialize the fields: {e}"))?;
            let codes: Vec<&str> = p.warnings().map(|w| w.code()).collect();
            accepted(fields, codes.into_iter())
        }
        Err(e) => refusal(e.code(), e.offset(), e.path().to_string(), None),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn obj(v: Value) -> Object {
        v.as_object().cloned().unwrap()
    }

    #[test]
    fn verdict_only_implementations_are_scored_on_the_verdict() {
        let vector = obj(json!({"id": "x", "expect": "invalid",
            "error": {"code": "crc_mismatch", "offset": 10, "path": "63"}}));
        assert!(score(&vector, &obj(json!({"id": "x", "valid": false}))).is_ok());
        assert!(score(&vector, &obj(json!({"id": "x", "valid": true}))).is_err());
        assert!(score(&vector, &obj(json!({"id": "x"}))).is_err());
    }

    #[test]
    fn error_code_offset_and_path_are_scored_when_given() {
        let vector = obj(json!({"id": "x", "expect": "invalid",
            "error": {"code": "crc_mismatch", "offset": 10, "path": "63"}}));
        let ok = obj(json!({"valid": false, "error": "crc_mismatch", "offset": 10, "path": "63"}));
        assert!(score(&vector, &ok).is_ok());
        let code = obj(json!({"valid": false, "error": "crc_missing"}));
        assert!(score(&vector, &code).unwrap_err().contains("crc_missing"));
        let offset = obj(json!({"valid": false, "error": "crc_mismatch", "offset": 11}));
        assert!(score(&vector, &offset).is_err());
        let path = obj(json!({"valid": false, "error": "crc_mismatch", "path": ""}));
        assert!(score(&vector, &path).is_err());
    }

    #[test]
    fn fields_and_warnings_are_compared_exactly() {
        let vector = obj(json!({"id": "x", "expect": "valid",
            "fields": {"00": "01", "62": {"05": "A"}}, "warnings": ["b", "a"]}));
        let same = obj(
            json!({"valid": true, "fields": {"00": "01", "62": {"05": "A"}},
            "warnings": ["a", "b"]}),
        );
        assert!(score(&vector, &same).is_ok());
        let sub = obj(json!({"valid": true, "fields": {"00": "01", "62": {"05": "B"}}}));
        let why = score(&vector, &sub).unwrap_err();
        assert!(why.contains("62.05"), "{why}");
        let extra = obj(json!({"valid": true, "fields": {"00": "01", "01": "11",
            "62": {"05": "A"}}}));
        assert!(
            score(&vector, &extra)
                .unwrap_err()
                .contains("01 unexpected")
        );
        let warn = obj(json!({"valid": true, "warnings": ["a"]}));
        assert!(score(&vector, &warn).is_err());
        let verdict_only = obj(json!({"valid": true, "fields": null}));
        assert!(score(&vector, &verdict_only).is_ok());
    }

    #[test]
    fn request_copies_payload_and_options() {
        let r = request(
            &obj(json!({"payload_hex": "ff", "options": {"lenient": ["all"]}})),
            &Origin::on_disk(std::path::Path::new("x")),
        )
        .unwrap();
        assert_eq!(
            Value::Object(r),
            json!({"payload_hex": "ff", "options": {"lenient": ["all"]}})
        );
        let r = request(
            &obj(json!({"payload": "x"})),
            &Origin::on_disk(std::path::Path::new("x")),
        )
        .unwrap();
        assert_eq!(Value::Object(r), json!({"payload": "x", "options": {}}));
        let both = obj(json!({"payload": "x", "payload_hex": "ff"}));
        assert!(request(&both, &Origin::on_disk(std::path::Path::new("x"))).is_err());
    }

    #[test]
    fn hex_is_two_digits_a_byte() {
        assert_eq!(decode_hex("00fF").unwrap(), vec![0, 255]);
        assert!(decode_hex("0").is_err());
        assert!(decode_hex("0g").is_err());
        assert!(decode_hex("é0").is_err());
    }
}
