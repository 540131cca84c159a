//! `serve-conformance`: this crate behind the conformance line protocol (`spec/PROTOCOL.md`),
//! and the table of vector kinds the protocol carries.
//!
//! Adding a vector kind is one entry in [`KINDS`]: how a vector becomes a request, how this
//! crate answers that request, and how an answer is scored against the vector.

use std::io::{self, BufRead, Read as _, Write};

use clap::Args;
use emvqr::{DecodeOptions, Error, FieldMap, Leniency, Payload};
use serde_json::{Map, Value};

use crate::conform::{decode_request, score_decode};
use crate::io::{Fatal, Outcome};
use crate::kinds;

/// Longest request line read; a longer one is answered with a protocol error and skipped.
pub(crate) const MAX_LINE_BYTES: usize = 1 << 20;

/// A JSON object: a vector, a request or a response.
pub(crate) type Object = Map<String, Value>;

/// One vector kind (the name of its folder under `spec/`).
pub(crate) struct Kind {
    /// The folder name, and the `kind` of the request.
    pub(crate) name: &'static str,
    /// The kind's own request keys, built from a vector (without `id` and `kind`).
    pub(crate) request: fn(&Object, &std::path::Path) -> Result<Object, String>,
    /// This crate's answer to a request (without `id`); `Err` is a protocol error.
    pub(crate) answer: fn(&Object) -> Result<Object, String>,
    /// Scores a response against the vector; `Err` says why the vector fails.
    pub(crate) score: fn(&Object, &Object) -> Result<(), String>,
}

/// Every kind the runner and the adapter know. A decode kind (payload in; verdict, error and
/// fields out) reuses [`decode_request`] and [`score_decode`] and only brings its answer.
pub(crate) const KINDS: &[Kind] = &[
    Kind {
        name: "mpm",
        request: decode_request,
        answer: answer_mpm,
        score: score_decode,
    },
    // Scheme-profile vectors are merchant-presented payloads judged with the profiles on.
    Kind {
        name: "profile",
        request: decode_request,
        answer: answer_mpm,
        score: score_decode,
    },
    Kind {
        name: "cpm",
        request: decode_request,
        answer: answer_cpm,
        score: score_decode,
    },
    Kind {
        name: "paycode",
        request: kinds::scan_request,
        answer: kinds::answer_paycode,
        score: kinds::score_paycode,
    },
    Kind {
        name: "scan",
        request: kinds::scan_request,
        answer: kinds::answer_scan,
        score: kinds::score_scan,
    },
    Kind {
        name: "route",
        request: kinds::route_request,
        answer: kinds::answer_route,
        score: kinds::score_route,
    },
];

/// The kind of the given name.
pub(crate) fn kind(name: &str) -> Option<&'static Kind> {
    KINDS.iter().find(|k| k.name == name)
}

#[derive(Debug, Args)]
pub(crate) struct ServeArgs {}

/// Answers one request: the response object for its line. Requests without `kind` are `mpm`.
pub(crate) fn handle(request: &Value) -> Value {
    let mut response = Map::new();
    response.insert(
        "id".to_owned(),
        request.get("id").cloned().unwrap_or(Value::Null),
    );
    let Some(object) = request.as_object() else {
        response.insert(
            "protocol_error".to_owned(),
            Value::from("the request is not a JSON object"),
        );
        return Value::Object(response);
    };
    let name = match object.get("kind") {
        None => "mpm",
        Some(Value::String(name)) => name.as_str(),
        Some(_) => {
            response.insert(
                "protocol_error".to_owned(),
                Value::from("\"kind\" is not a string"),
            );
            return Value::Object(response);
        }
    };
    match kind(name) {
        None => {
            response.insert(
                "skipped".to_owned(),
                Value::from(format!("kind {name:?} is not supported")),
            );
        }
        Some(k) => match (k.answer)(object) {
            Ok(answer) => response.extend(answer),
            Err(message) => {
                response.insert("protocol_error".to_owned(), Value::from(message));
            }
        },
    }
    Value::Object(response)
}

/// Answers request lines on standard input, one response line each, until end of input.
pub(crate) fn serve(_args: &ServeArgs) -> Result<Outcome, Fatal> {
    let stdin = io::stdin();
    let mut input = stdin.lock();
    let stdout = io::stdout();
    let mut output = stdout.lock();
    let mut line = Vec::new();
    loop {
        line.clear();
        let cap = u64::try_from(MAX_LINE_BYTES).unwrap_or(u64::MAX);
        let read = (&mut input)
            .take(cap)
            .read_until(b'\n', &mut line)
            .map_err(|e| Fatal(format!("cannot read standard input: {e}")))?;
        if read == 0 {
            break;
        }
        let response = if line.last() != Some(&b'\n') && line.len() >= MAX_LINE_BYTES {
            skip_rest_of_line(&mut input)?;
            protocol_error(format!("request line longer than {MAX_LINE_BYTES} bytes"))
        } else {
            let text = line.strip_suffix(b"\n").unwrap_or(&line);
            let text = text.strip_suffix(b"\r").unwrap_or(text);
            if text.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            match serde_json::from_slice::<Value>(text) {
                Ok(request) => handle(&request),
                Err(e) => protocol_error(format!("malformed request: {e}")),
            }
        };
        let text = serde_json::to_string(&response)
            .map_err(|e| Fatal(format!("cannot serialize a response: {e}")))?;
        let written = writeln!(output, "{text}").and_then(|()| output.flush());
        match written {
            Ok(()) => {}
            // The runner went away: nothing left to answer.
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => break,
            Err(e) => return Err(Fatal(format!("cannot write a response: {e}"))),
        }
    }
    Ok(Outcome {
        stdout: String::new(),
        status: crate::io::EXIT_VALID,
    })
}

fn skip_rest_of_line(input: &mut impl BufRead) -> Result<(), Fatal> {
    loop {
        let buf = input
            .fill_buf()
            .map_err(|e| Fatal(format!("cannot read standard input: {e}")))?;
        if buf.is_empty() {
            return Ok(());
        }
        if let Some(at) = buf.iter().position(|&b| b == b'\n') {
            input.consume(at.saturating_add(1));
            return Ok(());
        }
        let len = buf.len();
        input.consume(len);
    }
}

fn protocol_error(message: String) -> Value {
    let mut response = Map::new();
    response.insert("id".to_owned(), Value::Null);
    response.insert("protocol_error".to_owned(), Value::from(message));
    Value::Object(response)
}

/// The payload bytes of a decode request: `payload` (text) or `payload_hex`.
pub(crate) fn request_bytes(request: &Map<String, Value>) -> Result<Vec<u8>, String> {
    match (request.get("payload"), request.get("payload_hex")) {
        (Some(Value::String(text)), None) => Ok(text.as_bytes().to_vec()),
        (None, Some(Value::String(hex))) => decode_hex(hex),
        (Some(_), Some(_)) => Err("both \"payload\" and \"payload_hex\"".to_owned()),
        (None, None) => Err("neither \"payload\" nor \"payload_hex\"".to_owned()),
        _ => Err("the payload is not a string".to_owned()),
    }
}

/// Hex digits, two per byte, either case.
pub(crate) fn decode_hex(hex: &str) -> Result<Vec<u8>, String> {
    let digits = hex.as_bytes();
    if !digits.len().is_multiple_of(2) {
        return Err("\"payload_hex\" has an odd number of digits".to_owned());
    }
    digits
        .chunks_exact(2)
        .map(|pair| {
            let text = std::str::from_utf8(pair).map_err(|_| "\"payload_hex\" is not hex")?;
            u8::from_str_radix(text, 16).map_err(|_| "\"payload_hex\" is not hex")
        })
        .collect::<Result<Vec<u8>, &str>>()
        .map_err(str::to_owned)
}

/// The decode options of a request: strict, plus each leniency in `options.lenient`, with the
/// scheme profiles off when `options.profiles` is `false`.
pub(crate) fn request_options(request: &Map<String, Value>) -> Result<DecodeOptions, String> {
    let mut options = DecodeOptions::strict();
    if let Some(Value::Object(o)) = request.get("options") {
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
pub(crate) fn accepted<'a>(
    fields: Value,
    warnings: impl Iterator<Item = &'a str>,
) -> Map<String, Value> {
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

/// The answer of a decode kind that refused its payload.
pub(crate) fn refused(error: &Error) -> Map<String, Value> {
    refusal(
        error.code(),
        error.offset(),
        error.path().to_string(),
        error.rule(),
    )
}

/// The refusal object of any decoder: the error code, where it is, and the profile rule if any.
fn refusal(code: &str, offset: usize, path: String, rule: Option<&str>) -> Map<String, Value> {
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
pub(crate) fn field_map_json(map: &FieldMap) -> Result<Value, String> {
    serde_json::to_value(map).map_err(|e| format!("cannot serialize the fields: {e}"))
}

fn answer_mpm(request: &Map<String, Value>) -> Result<Map<String, Value>, String> {
    let bytes = request_bytes(request)?;
    let options = request_options(request)?;
    Ok(match Payload::parse_bytes(&bytes, &options) {
        Ok(p) => accepted(
            field_map_json(&p.field_map())?,
            p.warnings().iter().map(|w| w.code()),
        ),
        Err(e) => refused(&e),
    })
}

/// A consumer-presented code: `payload` is the scanned base64 text, `payload_hex` the raw BER.
fn answer_cpm(request: &Map<String, Value>) -> Result<Map<String, Value>, String> {
    use emvqr::cpm::{CpmPayload, MAX_CPM_BYTES};

    let mut buf = [0u8; MAX_CPM_BYTES];
    let parsed = if request.contains_key("payload_hex") {
        let ber = request_bytes(request)?;
        return cpm_answer(CpmPayload::parse(&ber));
    } else {
        CpmPayload::parse_base64(request_bytes(request)?, &mut buf)
    };
    cpm_answer(parsed)
}

fn cpm_answer(
    parsed: Result<emvqr::cpm::CpmPayload<'_>, emvqr::cpm::Error>,
) -> Result<Map<String, Value>, String> {
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

    const ANNEX_B: &str = "00020101021229300012D156000000000510A93FO3230Q31280012D15600000001030812345678520441115802CN5914BEST TRANSPORT6007BEIJING64200002ZH0104最佳运输0202北京540523.7253031565502016233030412340603***0708A60086670902ME91320016A0112233449988770708123456786304A13A";

    #[test]
    fn valid_payload_is_answered_with_fields() {
        let r = handle(&json!({"id": "a", "kind": "mpm", "payload": ANNEX_B, "options": {}}));
        assert_eq!(r["id"], "a");
        assert_eq!(r["valid"], true);
        assert_eq!(r["error"], Value::Null);
        assert_eq!(r["fields"]["59"], "BEST TRANSPORT");
        assert_eq!(r["fields"]["64"]["01"], "最佳运输");
    }

    #[test]
    fn invalid_payload_is_answered_with_code_offset_path() {
        let bad = ANNEX_B.replace("A13A", "A13B");
        let r = handle(&json!({"id": 7, "payload": bad}));
        assert_eq!(r["id"], 7);
        assert_eq!(r["valid"], false);
        assert_eq!(r["error"], "crc_mismatch");
        assert_eq!(r["offset"], 244);
        assert_eq!(r["path"], "63");
        assert_eq!(r["fields"], Value::Null);
    }

    #[test]
    fn hex_payload_and_leniency() {
        let r = handle(&json!({"id": "h", "payload_hex": "ff"}));
        assert_eq!(r["error"], "invalid_utf8");
        let lower = ANNEX_B.replace("A13A", "a13a");
        let strict = handle(&json!({"id": "s", "payload": lower}));
        assert_eq!(strict["error"], "crc_lowercase");
        let lenient = handle(&json!({"id": "l", "payload": lower,
            "options": {"lenient": ["lowercase_crc"]}}));
        assert_eq!(lenient["valid"], true);
        assert_eq!(lenient["warnings"], json!(["crc_lowercase"]));
    }

    #[test]
    fn unknown_kind_is_skipped_and_bad_requests_are_protocol_errors() {
        let r = handle(&json!({"id": "k", "kind": "teleport", "payload": "x"}));
        assert!(
            r["skipped"]
                .as_str()
                .is_some_and(|s| s.contains("teleport"))
        );
        let r = handle(&json!({"id": "n"}));
        assert!(r["protocol_error"].is_string());
        let r = handle(&json!({"id": "o", "payload_hex": "0g"}));
        assert!(r["protocol_error"].is_string());
        let r = handle(&json!({"id": "l", "payload": "x", "options": {"lenient": ["nope"]}}));
        assert!(r["protocol_error"].is_string());
        let r = handle(&json!([1, 2]));
        assert_eq!(r["id"], Value::Null);
        assert!(r["protocol_error"].is_string());
    }
}
