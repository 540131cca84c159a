//! This crate answering the protocol: in process, or over a reader and a writer (what
//! `emvqr serve-conformance` does on its standard input and output).

use std::borrow::ToOwned;
use std::format;
use std::io::{self, BufRead, Read as _, Write};
use std::string::String;

use serde_json::{Map, Value};

use super::external::skip_rest_of_line;
use super::implementation::{Implementation, MAX_LINE_BYTES, Object};
use super::kinds::kind;

/// This crate as an [`Implementation`], answering in process: the answers `emvqr
/// serve-conformance` gives, without the process.
///
/// # Examples
/// ```
/// use emvqr::conform::{Emvqr, Implementation};
/// use serde_json::json;
///
/// let request = json!({"id": "a", "kind": "mpm", "payload": "xx", "options": {}});
/// let response = Emvqr.answer(request.as_object().unwrap()).unwrap();
/// assert_eq!(response["valid"], false);
/// assert_eq!(response["error"], "truncated");
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Emvqr;

impl Implementation for Emvqr {
    /// `in-process (emvqr <version>)`.
    fn name(&self) -> String {
        format!("in-process (emvqr {})", env!("CARGO_PKG_VERSION"))
    }

    /// The response [`handle`] gives; never `Err`.
    fn answer(&mut self, request: &Object) -> Result<Object, String> {
        Ok(answer_object(request))
    }
}

/// This crate's response to one request line's JSON value (`spec/PROTOCOL.md`): its `id`
/// echoed, then the kind's answer, `skipped` for a kind this crate does not know, or
/// `protocol_error` for a request it cannot read. A request without `kind` is `mpm`.
///
/// # Examples
/// ```
/// use serde_json::json;
///
/// let response = emvqr::conform::handle(&json!({"id": 7, "kind": "teleport"}));
/// assert_eq!(response, json!({"id": 7, "skipped": "kind \"teleport\" is not supported"}));
/// ```
pub fn handle(request: &Value) -> Value {
    match request.as_object() {
        Some(object) => Value::Object(answer_object(object)),
        None => {
            let mut response = Map::new();
            response.insert(
                "id".to_owned(),
                request.get("id").cloned().unwrap_or(Value::Null),
            );
            response.insert(
                "protocol_error".to_owned(),
                Value::from("the request is not a JSON object"),
            );
            Value::Object(response)
        }
    }
}

/// The response to a request object.
fn answer_object(request: &Object) -> Object {
    let mut response = Map::new();
    response.insert(
        "id".to_owned(),
        request.get("id").cloned().unwrap_or(Value::Null),
    );
    let name = match request.get("kind") {
        None => "mpm",
        Some(Value::String(name)) => name.as_str(),
        Some(_) => {
            response.insert(
                "protocol_error".to_owned(),
                Value::from("\"kind\" is not a string"),
            );
            return response;
        }
    };
    match kind(name) {
        None => {
            response.insert(
                "skipped".to_owned(),
                Value::from(format!("kind {name:?} is not supported")),
            );
        }
        Some(k) => match (k.answer)(request) {
            Ok(answer) => response.extend(answer),
            Err(message) => {
                response.insert("protocol_error".to_owned(), Value::from(message));
            }
        },
    }
    response
}

/// Why [`serve`] stopped before the end of its input.
#[derive(Debug)]
#[non_exhaustive]
pub enum ServeError {
    /// The requests could not be read.
    Read(io::Error),
    /// A response could not be written (other than the reader going away).
    Write(io::Error),
    /// A response could not be serialized (not expected to happen).
    Serialize(serde_json::Error),
}

impl core::fmt::Display for ServeError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            ServeError::Read(e) => write!(f, "cannot read a request: {e}"),
            ServeError::Write(e) => write!(f, "cannot write a response: {e}"),
            ServeError::Serialize(e) => write!(f, "cannot serialize a response: {e}"),
        }
    }
}

impl std::error::Error for ServeError {}

/// Answers request lines from `input` with response lines on `output`, flushed one by one,
/// until the end of the input or until the reader of `output` goes away (a broken pipe).
///
/// Blank lines are skipped; a line that is not JSON, or longer than [`MAX_LINE_BYTES`] (the
/// rest of it is read and dropped, never stored), is answered with `{"id":null,
/// "protocol_error":..}`. One `\r` before the `\n` is removed.
///
/// # Errors
/// Reading the input or writing the output fails.
///
/// # Examples
/// ```
/// let mut output = Vec::new();
/// emvqr::conform::serve(&b"{\"id\":\"a\",\"payload\":\"xx\"}\n\nnot json\n"[..], &mut output)?;
/// let text = String::from_utf8(output).unwrap();
/// let lines: Vec<&str> = text.lines().collect();
/// assert_eq!(lines.len(), 2);
/// assert!(lines[0].contains("\"error\":\"truncated\""));
/// assert!(lines[1].starts_with("{\"id\":null,\"protocol_error\":\"malformed request"));
/// # Ok::<(), emvqr::conform::ServeError>(())
/// ```
pub fn serve(mut input: impl BufRead, mut output: impl Write) -> Result<(), ServeError> {
    let cap = u64::try_from(MAX_LINE_BYTES).unwrap_or(u64::MAX);
    let mut line = std::vec::Vec::new();
    loop {
        line.clear();
        let read = (&mut input)
            .take(cap)
            .read_until(b'\n', &mut line)
            .map_err(ServeError::Read)?;
        if read == 0 {
            return Ok(());
        }
        let response = if line.last() != Some(&b'\n') && line.len() >= MAX_LINE_BYTES {
            skip_rest_of_line(&mut input).map_err(ServeError::Read)?;
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
        let text = serde_json::to_string(&response).map_err(ServeError::Serialize)?;
        let written = writeln!(output, "{text}").and_then(|()| output.flush());
        match written {
            Ok(()) => {}
            // The runner went away: nothing left to answer.
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return Ok(()),
            Err(e) => return Err(ServeError::Write(e)),
        }
    }
}

fn protocol_error(message: String) -> Value {
    let mut response = Map::new();
    response.insert("id".to_owned(), Value::Null);
    response.insert("protocol_error".to_owned(), Value::from(message));
    Value::Object(response)
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
        let default = handle(&json!({"id": "d", "payload": lower}));
        assert_eq!(default["valid"], true);
        assert_eq!(default["warnings"], json!(["crc_lowercase"]));
        let pedantic = handle(&json!({"id": "s", "payload": lower,
            "options": {"pedantic": true}}));
        assert_eq!(pedantic["error"], "crc_lowercase");
        let lenient = handle(&json!({"id": "l", "payload": lower,
            "options": {"pedantic": true, "lenient": ["lowercase_crc"]}}));
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
        let r = handle(&json!({"id": "k", "kind": 5}));
        assert_eq!(
            r,
            json!({"id": "k", "protocol_error": "\"kind\" is not a string"})
        );
        let r = handle(&json!([1, 2]));
        assert_eq!(r["id"], Value::Null);
        assert!(r["protocol_error"].is_string());
    }

    #[test]
    fn long_lines_are_refused_and_the_next_line_answered() {
        let mut input = std::vec![b'0'; MAX_LINE_BYTES + 10];
        input.extend_from_slice(b"\r\n{\"id\":\"next\",\"payload\":\"xx\"}\r\n");
        let mut output = std::vec::Vec::new();
        serve(&input[..], &mut output).unwrap();
        let text = String::from_utf8(output).unwrap();
        let lines: std::vec::Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2, "{text}");
        assert!(lines[0].contains("longer than"));
        assert!(lines[1].contains("\"id\":\"next\""));
    }
}
