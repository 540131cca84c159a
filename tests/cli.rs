#![cfg(feature = "cli")]
//! End-to-end tests of the `emvqr` command line tool.
// Everything in an integration test is test code, helpers included.
#![allow(
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    clippy::arithmetic_side_effects
)]

use std::ffi::OsStr;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

const ANNEX_B: &str = "00020101021229300012D156000000000510A93FO3230Q31280012D15600000001030812345678520441115802CN5914BEST TRANSPORT6007BEIJING64200002ZH0104最佳运输0202北京540523.7253031565502016233030412340603***0708A60086670902ME91320016A0112233449988770708123456786304A13A";

/// Character offset of Annex B's CRC value (its length in characters, less 4).
const ANNEX_B_CRC_OFFSET: usize = 244;

/// The static Pix code of the Banco Central do Brasil's manual (spec/real/pix.json).
const PIX: &str = "00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-4266554400005204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***63041D3D";

fn emvqr() -> Command {
    Command::new(env!("CARGO_BIN_EXE_emvqr"))
}

fn run<I, S>(args: I) -> Output
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    emvqr()
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("run emvqr")
}

fn run_stdin<I, S>(args: I, input: &[u8]) -> Output
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let mut child = emvqr()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn emvqr");
    let mut stdin = child.stdin.take().expect("stdin");
    // The tool may stop reading early (it reads at most one byte past the size limit).
    if let Err(e) = stdin.write_all(input) {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "write stdin: {e}");
    }
    drop(stdin);
    child.wait_with_output().expect("wait emvqr")
}

fn code(out: &Output) -> i32 {
    out.status.code().expect("exit code")
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("stdout is UTF-8")
}

/// The single JSON line on stdout.
fn json(out: &Output) -> Value {
    let text = stdout(out);
    assert!(
        text.ends_with('\n'),
        "one line ending in a newline: {text:?}"
    );
    assert_eq!(text.lines().count(), 1, "exactly one line: {text:?}");
    serde_json::from_str(&text).expect("stdout is JSON")
}

fn assert_error(out: &Output, code_: &str, offset: usize, path: &str) {
    assert_eq!(
        code(out),
        1,
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v = json(out);
    assert_eq!(v["mode"], "mpm");
    assert_eq!(v["valid"], false);
    assert_eq!(v["error"]["code"], code_, "{v}");
    assert_eq!(v["error"]["offset"], offset, "{v}");
    assert_eq!(v["error"]["path"], path, "{v}");
    assert!(v["error"]["message"].is_string());
    assert!(v.get("fields").is_none());
}

fn warning_codes(v: &Value) -> Vec<String> {
    v["warnings"]
        .as_array()
        .expect("warnings array")
        .iter()
        .map(|w| w["code"].as_str().expect("code").to_owned())
        .collect()
}

fn lowercase_crc_payload() -> String {
    let body = ANNEX_B
        .strip_suffix("A13A")
        .expect("Annex B ends with its CRC");
    let crc = emvqr::crc::checksum(body.as_bytes());
    assert_eq!(crc, 0xA13A);
    let hex = String::from_utf8(emvqr::crc::to_hex(crc).to_vec()).expect("hex");
    assert!(hex.bytes().any(|b| b.is_ascii_alphabetic()));
    format!("{body}{}", hex.to_ascii_lowercase())
}

#[test]
fn annex_b_crc_offset_is_its_length_less_four() {
    assert_eq!(ANNEX_B.chars().count() - 4, ANNEX_B_CRC_OFFSET);
}

#[test]
fn annex_b_json() {
    let out = run(["decode", "--json", ANNEX_B]);
    assert_eq!(code(&out), 0);
    assert!(out.stderr.is_empty());
    let v = json(&out);
    assert_eq!(v["mode"], "mpm");
    assert_eq!(v["valid"], true);
    assert_eq!(v["fields"]["64"]["01"], "最佳运输");
    assert_eq!(v["fields"]["63"], "A13A");
    assert_eq!(v["fields"]["59"], "BEST TRANSPORT");
    assert_eq!(v["fields"]["29"]["00"], "D15600000000");
    assert_eq!(v["fields"]["54"], "23.72");
    assert_eq!(v["warnings"], Value::Array(vec![]));
    assert!(v.get("error").is_none());
    // Exactly the library's field map.
    let expected = emvqr::Payload::parse(ANNEX_B).expect("valid").field_map();
    assert_eq!(
        v["fields"],
        serde_json::to_value(&expected).expect("serialize")
    );
}

#[test]
fn annex_b_json_key_order() {
    let text = stdout(&run(["decode", "--json", ANNEX_B]));
    assert!(
        text.starts_with(
            r#"{"mode":"mpm","valid":true,"scheme":null,"fields":{"00":"01","01":"12","#
        )
    );
    assert!(text.ends_with("\"warnings\":[]}\n"), "{text}");
}

#[test]
fn annex_b_human() {
    let out = run(["decode", ANNEX_B]);
    assert_eq!(code(&out), 0);
    let text = stdout(&out);
    assert!(
        text.starts_with("valid merchant-presented payload (15 objects)\n"),
        "{text}"
    );
    assert!(text.contains("Merchant Name"));
    assert!(text.contains("BEST TRANSPORT"));
    assert!(text.contains("00 Payload Format Indicator: 01\n"));
    assert!(text.contains("01 Point of Initiation Method: 12 (dynamic)\n"));
    assert!(text.contains("29 Merchant Account Information Template\n"));
    assert!(text.contains("   00 Globally Unique Identifier: D15600000000\n"));
    assert!(text.contains("   05 Network Specific: A93FO3230Q\n"));
    assert!(text.contains("53 Transaction Currency: 156 (CNY)\n"));
    assert!(text.contains("54 Transaction Amount: 23.72\n"));
    assert!(text.contains("   01 Merchant Name (Alternate Language): 最佳运输\n"));
    assert!(text.contains("   07 Terminal Label: A6008667\n"));
    assert!(text.contains("63 CRC: A13A\n"));
    assert!(text.ends_with("warnings: none\n"));
}

#[test]
fn primitive_merchant_account_names_its_network() {
    let p = emvqr::PayloadBuilder::new()
        .merchant_account(2, "4111111111111111")
        .merchant_category_code("5411")
        .currency("840")
        .country("US")
        .merchant_name("SHOP")
        .merchant_city("NYC")
        .build()
        .expect("build");
    let out = run(["decode", p.as_str()]);
    assert_eq!(code(&out), 0);
    let text = stdout(&out);
    assert!(
        text.contains("02 Merchant Account (Visa): 4111111111111111 (network: visa)\n"),
        "{text}"
    );
    assert!(
        text.contains("53 Transaction Currency: 840 (USD)\n"),
        "{text}"
    );
}

#[test]
fn human_tree_escapes_control_and_bidi_characters() {
    // Bidi controls are allowed (with a warning) in S values such as 62.50–99.
    let p = emvqr::PayloadBuilder::new()
        .merchant_account(2, "4111111111111111")
        .merchant_category_code("5411")
        .currency("840")
        .country("US")
        .merchant_name("SHOP")
        .merchant_city("NYC")
        .additional_data(50, "A\u{202E}B")
        .build()
        .expect("build");
    let out = run(["decode", p.as_str()]);
    assert_eq!(code(&out), 0);
    let text = stdout(&out);
    assert!(!text.contains('\u{202E}'), "{text:?}");
    assert!(text.contains("A\\u{202e}B"), "{text}");
    assert!(text.contains("bidi_control"), "{text}");
    // The JSON keeps the value exactly.
    let v = json(&run(["decode", "--json", p.as_str()]));
    assert_eq!(v["fields"]["62"]["50"], "A\u{202E}B");
    assert_eq!(warning_codes(&v), ["bidi_control"]);
    assert_eq!(v["warnings"][0]["path"], "62.50");
}

#[test]
fn stale_crc() {
    let stale = format!("{}B", ANNEX_B.strip_suffix('A').expect("ends with A"));
    let out = run(["decode", "--json", &stale]);
    assert_error(&out, "crc_mismatch", ANNEX_B_CRC_OFFSET, "63");
    let v = json(&out);
    assert_eq!(
        v["error"]["message"],
        "CRC says A13B, payload hashes to A13A at character 244 (data object 63)"
    );

    let out = run(["decode", &stale]);
    assert_eq!(code(&out), 1);
    let text = stdout(&out);
    assert!(text.starts_with("invalid: CRC says A13B"), "{text}");
    assert!(text.contains("crc_mismatch"));
    assert!(text.contains("244"));
    assert!(text.contains("path: 63"));
}

#[test]
fn stdin_exact_bytes_are_valid() {
    let out = run_stdin(["decode", "--json", "-"], ANNEX_B.as_bytes());
    assert_eq!(code(&out), 0);
    assert_eq!(json(&out)["fields"]["63"], "A13A");
}

#[test]
fn stdin_drops_one_line_break_at_the_end_and_nothing_else() {
    for ending in ["\n", "\r\n"] {
        let out = run_stdin(
            ["decode", "--json", "-"],
            format!("{ANNEX_B}{ending}").as_bytes(),
        );
        assert_eq!(code(&out), 0, "{ending:?}: {}", stdout(&out));
        assert_eq!(json(&out)["fields"]["63"], "A13A");
    }
    // A second line break, or a lone carriage return, is data after the CRC object: the error
    // points at that object's ID.
    for ending in ["\n\n", "\r", " \n"] {
        let out = run_stdin(
            ["decode", "--json", "-"],
            format!("{ANNEX_B}{ending}").as_bytes(),
        );
        assert_error(&out, "crc_not_last", ANNEX_B_CRC_OFFSET - 4, "63");
    }
    // A line break inside the payload stays where it is.
    let split = format!("{}\n{}\n", &ANNEX_B[..10], &ANNEX_B[10..]);
    assert_eq!(code(&run_stdin(["decode", "-"], split.as_bytes())), 1);
    // The same for route and scan: `echo URL | emvqr route -`.
    let out = run_stdin(
        ["route", "--wallet", "tenpay", "-"],
        b"wxp://f2f0YpJfRdX8mWcqH7m1pQWMoHvB\n",
    );
    assert_eq!(code(&out), 0, "{}", stdout(&out));
}

#[test]
fn stdin_drops_a_byte_order_mark_with_a_warning() {
    let out = run_stdin(
        ["decode", "--json", "-"],
        format!("\u{feff}{ANNEX_B}\n").as_bytes(),
    );
    assert_eq!(code(&out), 0);
    assert_eq!(json(&out)["fields"]["63"], "A13A");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("byte-order mark"), "{stderr}");
    // Given as an argument, the mark is the payload's first character.
    let out = run(["decode", "--json", &format!("\u{feff}{ANNEX_B}")]);
    assert_error(&out, "invalid_id", 0, "");
}

#[test]
fn render_refuses_a_control_character_unless_raw() {
    let out = run_stdin(["render", "-"], format!("{ANNEX_B}\n").as_bytes());
    assert_eq!(code(&out), 0, "the line break from the shell is dropped");
    assert!(!stdout(&out).is_empty());
    let out = run_stdin(["render", "-"], format!("{ANNEX_B}\n\n").as_bytes());
    assert_eq!(code(&out), 1);
    assert!(stdout(&out).is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("\\u{a}") && stderr.contains("--raw"),
        "{stderr}"
    );
    let out = run(["render", "--raw", "AB\tC"]);
    assert_eq!(code(&out), 0);
    assert_eq!(code(&run(["render", "AB\tC"])), 1);
}

#[test]
fn stdin_invalid_utf8() {
    let mut bytes = b"000201".to_vec();
    bytes.extend_from_slice(&[0xFF, 0xFE]);
    let out = run_stdin(["decode", "--json", "-"], &bytes);
    assert_error(&out, "invalid_utf8", 6, "");
    let out = run_stdin(["decode", "-"], &bytes);
    assert_eq!(code(&out), 1);
    assert!(stdout(&out).contains("invalid_utf8"));
}

#[test]
fn stdin_empty_and_too_long() {
    assert_error(&run_stdin(["decode", "--json", "-"], b""), "empty", 0, "");
    let huge = vec![b'0'; 100_000];
    assert_error(
        &run_stdin(["decode", "--json", "-"], &huge),
        "too_long",
        0,
        "",
    );
}

#[cfg(unix)]
#[test]
fn argument_invalid_utf8() {
    use std::os::unix::ffi::OsStrExt;
    let arg = OsStr::from_bytes(b"0002\xFF1");
    let out = run([OsStr::new("decode"), OsStr::new("--json"), arg]);
    assert_error(&out, "invalid_utf8", 4, "");
}

#[test]
fn lowercase_crc_pedantic_and_default() {
    let payload = lowercase_crc_payload();
    let out = run(["decode", "--json", "--pedantic", &payload]);
    assert_error(&out, "crc_lowercase", ANNEX_B_CRC_OFFSET, "63");
    let out = run(["decode", "--json", "--pedantic", "--lenient", &payload]);
    assert_eq!(warning_codes(&json(&out)), ["crc_lowercase"]);

    let out = run(["decode", "--json", &payload]);
    assert_eq!(code(&out), 0);
    let v = json(&out);
    assert_eq!(v["valid"], true);
    assert_eq!(warning_codes(&v), ["crc_lowercase"]);
    let w = &v["warnings"][0];
    assert_eq!(w["offset"], ANNEX_B_CRC_OFFSET);
    assert_eq!(w["path"], "63");
    assert!(
        w["message"]
            .as_str()
            .expect("message")
            .contains("lower-case")
    );

    let out = run(["decode", &payload]);
    assert_eq!(code(&out), 0);
    let text = stdout(&out);
    assert!(text.contains("crc_lowercase"), "{text}");
    assert!(!text.contains("warnings: none"));
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &[][..],
        &["decode"][..],
        &["decode", "--bogus", ANNEX_B][..],
        &["decode", "--json"][..],
        &["frobnicate"][..],
        &["encode"][..],
        &["decode", ANNEX_B, "extra"][..],
    ] {
        let out = run(args);
        assert_eq!(code(&out), 2, "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
        assert!(!out.stderr.is_empty(), "{args:?}");
    }
}

#[test]
fn help_and_version_exit_0() {
    for args in [
        &["--help"][..],
        &["--version"][..],
        &["decode", "--help"][..],
        &["encode", "--help"][..],
        &["help", "decode"][..],
    ] {
        let out = run(args);
        assert_eq!(code(&out), 0, "{args:?}");
        assert!(!out.stdout.is_empty(), "{args:?}");
    }
    let version = stdout(&run(["--version"]));
    assert!(version.contains(env!("CARGO_PKG_VERSION")));
    let help = stdout(&run(["decode", "--help"]));
    assert!(help.contains("--json") && help.contains("--lenient"));
}

#[test]
fn decode_json_encode_round_trip() {
    let decoded = run(["decode", "--json", ANNEX_B]);
    assert_eq!(code(&decoded), 0);
    let encoded = run_stdin(["encode", "-"], &decoded.stdout);
    assert_eq!(
        code(&encoded),
        0,
        "{}",
        String::from_utf8_lossy(&encoded.stderr)
    );
    let text = stdout(&encoded);
    let payload = text.strip_suffix('\n').expect("newline after the payload");
    assert!(!payload.contains('\n'));
    // Ascending order: 64 moves after 62, so the CRC differs from Annex B's.
    assert_ne!(payload, ANNEX_B);

    let again = run(["decode", "--json", payload]);
    assert_eq!(code(&again), 0);
    let mut original = json(&decoded);
    let mut rebuilt = json(&again);
    let original_fields = original["fields"].as_object_mut().expect("fields");
    let rebuilt_fields = rebuilt["fields"].as_object_mut().expect("fields");
    assert_eq!(original_fields.remove("63"), Some(Value::from("A13A")));
    assert_ne!(rebuilt_fields.remove("63"), Some(Value::from("A13A")));
    assert_eq!(original_fields, rebuilt_fields);
    assert_eq!(rebuilt["warnings"], Value::Array(vec![]));
}

#[test]
fn encode_bare_map_and_json_output() {
    let fields = emvqr::Payload::parse(ANNEX_B).expect("valid").field_map();
    let bare = serde_json::to_string(&fields).expect("serialize");
    let out = run(["encode", "--json", &bare]);
    assert_eq!(code(&out), 0);
    let v = json(&out);
    assert_eq!(v["mode"], "mpm");
    assert_eq!(v["valid"], true);
    let payload = v["payload"].as_str().expect("payload");
    let expected = emvqr::PayloadBuilder::from_field_map(&fields)
        .expect("builder")
        .build()
        .expect("build");
    assert_eq!(payload, expected.as_str());
    // The argument form and the stdin form agree.
    let out = run_stdin(["encode", "-"], bare.as_bytes());
    assert_eq!(stdout(&out), format!("{payload}\n"));
}

#[test]
fn encode_refused_build_exits_1() {
    let map = r#"{"00":"01","02":"4111111111111111","52":"5411","53":"840","54":"1e3","58":"US","59":"SHOP","60":"NYC"}"#;
    let out = run(["encode", "--json", map]);
    assert_eq!(code(&out), 1);
    let v = json(&out);
    assert_eq!(v["valid"], false);
    assert_eq!(v["error"]["code"], "invalid_amount");
    assert_eq!(v["error"]["path"], "54");

    let out = run(["encode", map]);
    assert_eq!(code(&out), 1);
    assert!(stdout(&out).starts_with("invalid: "));
    assert!(stdout(&out).contains("invalid_amount"));
}

#[test]
fn encode_lenient_applies_leniencies() {
    // A zero amount is refused strictly, accepted leniently with a warning.
    let map = r#"{"fields":{"00":"01","02":"4111111111111111","52":"5411","53":"840","54":"0","58":"US","59":"SHOP","60":"NYC"}}"#;
    let out = run(["encode", map]);
    assert_eq!(code(&out), 1);
    assert!(stdout(&out).contains("invalid_amount"));
    let out = run(["encode", "--lenient", map]);
    assert_eq!(code(&out), 0);
    let payload = stdout(&out);
    let payload = payload.trim_end_matches('\n');
    assert_eq!(code(&run(["decode", "--lenient", payload])), 0);
    assert_eq!(code(&run(["decode", payload])), 1);
}

#[test]
fn encode_malformed_json_exits_2() {
    for input in [
        "{",
        "not json",
        "[]",
        "\"00020101\"",
        r#"{"00": 1}"#,
        r#"{"fields": []}"#,
        r#"{"62": {"05": 5}}"#,
        r#"{"mode":"mpm","valid":true,"payload":"0002"}"#,
    ] {
        let out = run(["encode", input]);
        assert_eq!(code(&out), 2, "{input}");
        assert!(out.stdout.is_empty(), "{input}");
        assert!(!out.stderr.is_empty(), "{input}");
        let out = run_stdin(["encode", "-"], input.as_bytes());
        assert_eq!(code(&out), 2, "{input}");
    }
    // Invalid UTF-8 is malformed JSON too.
    let out = run_stdin(["encode", "-"], b"{\"59\":\"\xFF\"}");
    assert_eq!(code(&out), 2);
}

#[test]
fn closed_stdout_is_not_a_panic() {
    let mut child = emvqr()
        .args(["decode", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn emvqr");
    // Close the read end of stdout before the tool can write (it is blocked on stdin).
    drop(child.stdout.take());
    let mut stdin = child.stdin.take().expect("stdin");
    stdin.write_all(ANNEX_B.as_bytes()).expect("write stdin");
    drop(stdin);
    let out = child.wait_with_output().expect("wait emvqr");
    assert_eq!(code(&out), 0);
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Annex B with its last CRC digit changed: `crc_mismatch`.
fn stale_annex_b() -> String {
    format!("{}B", ANNEX_B.strip_suffix('A').expect("ends with A"))
}

/// The keys every object of `decode --lines --json` has, in order.
const LINE_KEYS: [&str; 7] = [
    "line", "valid", "mode", "scheme", "fields", "error", "warnings",
];

#[test]
fn lines_json_numbers_every_object_and_gives_each_the_same_keys() {
    let stale = stale_annex_b();
    // The second consumer-presented example of EMVCo CPM Annex B (spec/cpm/annex_b.json).
    let cpm = "hQVDUFYwMWETTwegAAAAVVVVUAhQcm9kdWN0MWETTwegAAAAZmZmUAhQcm9kdWN0MmJJWggSNFZ4kBI0WF8gDkNBUkRIT0xERVIvRU1WXy0IcnVlc2RlZW5kIZ8QBwYBCgMAAACfJghYT9OF+iNLzJ82AgABnzcEbVjvEw==";
    let input = format!("{ANNEX_B}\n{stale}\r\n\n   \n{PIX}\n{cpm}\n");
    let out = run_stdin(["decode", "--lines", "--json", "-"], input.as_bytes());
    assert_eq!(code(&out), 1);
    let objects: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object a line"))
        .collect();
    // Blank lines are skipped, and the numbers are those of the input's lines.
    let numbers: Vec<u64> = objects
        .iter()
        .map(|o| o["line"].as_u64().expect("line"))
        .collect();
    assert_eq!(numbers, [1, 2, 5, 6]);
    let mut expected_keys = LINE_KEYS.to_vec();
    expected_keys.sort_unstable();
    for o in &objects {
        let keys: Vec<&str> = o
            .as_object()
            .expect("object")
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(keys, expected_keys, "{o}");
    }
    // In the text, in the documented order.
    for line in stdout(&out).lines() {
        let at: Vec<usize> = LINE_KEYS
            .iter()
            .map(|k| line.find(&format!("\"{k}\":")).expect("key"))
            .collect();
        assert!(at.windows(2).all(|w| w[0] < w[1]), "{line}");
    }
    // A valid line's fields, warnings and error are those of `decode --json`.
    let single = json(&run(["decode", "--json", ANNEX_B]));
    assert_eq!(objects[0]["fields"], single["fields"]);
    assert_eq!(objects[0]["warnings"], single["warnings"]);
    assert_eq!(
        (&objects[0]["valid"], &objects[0]["error"]),
        (&Value::Bool(true), &Value::Null)
    );
    let single = json(&run(["decode", "--json", &stale]));
    assert_eq!(objects[1]["error"], single["error"]);
    assert_eq!(
        (&objects[1]["valid"], &objects[1]["fields"]),
        (&Value::Bool(false), &Value::Null)
    );
    // The scheme recognised, and the mode of each line.
    assert_eq!(objects[2]["scheme"], "pix");
    assert_eq!(objects[0]["scheme"], Value::Null);
    assert_eq!(objects[3]["mode"], "cpm");
    assert_eq!(
        objects[3]["fields"],
        json(&run(["decode", "--json", cpm]))["fields"]
    );
    // Card data stays masked in bulk too: the PAN of the example is 1234567890123458.
    assert!(
        !stdout(&out).contains("1234567890123458"),
        "{}",
        stdout(&out)
    );
    assert!(stdout(&out).contains("CARDHOLDER") || objects[3]["fields"]["62"].is_object());
}

#[test]
fn lines_fields_match_decode_json_for_every_real_code() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("spec/real");
    let mut payloads = Vec::new();
    for entry in std::fs::read_dir(dir).expect("spec/real") {
        let path = entry.expect("entry").path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let text = std::fs::read_to_string(path).expect("read");
        let vectors: Value = serde_json::from_str(&text).expect("JSON");
        for v in vectors.as_array().expect("array") {
            if let Some(p) = v["payload"]
                .as_str()
                .filter(|p| !p.contains('\n') && !p.trim().is_empty())
            {
                payloads.push(p.to_owned());
            }
        }
    }
    let input = payloads.join("\n");
    let out = run_stdin(["decode", "--lines", "--json", "-"], input.as_bytes());
    let objects: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect();
    assert_eq!(objects.len(), payloads.len());
    for (o, p) in objects.iter().zip(&payloads) {
        let single = json(&run(["decode", "--json", p]));
        for key in ["valid", "fields", "error", "warnings"] {
            // `decode --json` leaves out what does not apply; a line gives every key.
            let absent = if key == "warnings" {
                serde_json::json!([])
            } else {
                Value::Null
            };
            let want = single.get(key).cloned().unwrap_or(absent);
            assert_eq!(o[key], want, "{key} of {p}");
        }
    }
}

#[test]
fn lines_summary_counts_verdicts_codes_and_schemes() {
    let stale = stale_annex_b();
    let input = format!("{PIX}\n{PIX}\n\n{stale}\n{ANNEX_B}\n");
    let out = run_stdin(["decode", "--lines", "-"], input.as_bytes());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("5 lines: 3 valid, 1 invalid, 1 blank"),
        "{stderr}"
    );
    assert!(stderr.contains("errors: crc_mismatch 1"), "{stderr}");
    assert!(stderr.contains("schemes: pix 2"), "{stderr}");
    let dir = std::env::temp_dir().join(format!("emvqr-summary-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("summary.json");
    let out = run_stdin(
        [
            OsStr::new("decode"),
            OsStr::new("--lines"),
            OsStr::new("--json"),
            OsStr::new("--summary"),
            file.as_os_str(),
            OsStr::new("-"),
        ],
        input.as_bytes(),
    );
    assert_eq!(code(&out), 1);
    assert!(out.stderr.is_empty());
    let summary: Value =
        serde_json::from_str(&std::fs::read_to_string(&file).expect("summary")).expect("JSON");
    std::fs::remove_dir_all(&dir).expect("remove temp dir");
    assert_eq!(
        summary,
        serde_json::json!({"lines": 5, "valid": 3, "invalid": 1, "blank": 1, "cpm": 0,
            "errors": {"crc_mismatch": 1}, "schemes": {"pix": 2}})
    );
}

#[test]
fn lines_human_numbers_each_result() {
    let stale = stale_annex_b();
    let input = format!("{ANNEX_B}\n{stale}\n");
    let out = run_stdin(["decode", "--lines", "-"], input.as_bytes());
    assert_eq!(code(&out), 1);
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert_eq!(lines[0], "1: valid");
    assert!(lines[1].starts_with("2: invalid: "), "{}", lines[1]);
    assert!(lines[1].ends_with("(crc_mismatch)"), "{}", lines[1]);
}

#[test]
fn lines_all_valid_exits_zero_and_keeps_order_across_chunks() {
    // More lines than one chunk, so that several chunks and threads take part.
    let n = 70_000;
    let mut input = String::new();
    let mut expected = Vec::new();
    for i in 0..n {
        // Every 7th payload is invalid at a line-dependent place: a wrong CRC.
        if i % 7 == 3 {
            input.push_str(&stale_annex_b());
            expected.push(false);
        } else {
            input.push_str(ANNEX_B);
            expected.push(true);
        }
        input.push('\n');
    }
    let dir = std::env::temp_dir().join(format!("emvqr-lines-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("payloads.txt");
    std::fs::write(&file, &input).expect("write input");
    let out = run([
        OsStr::new("decode"),
        OsStr::new("--lines"),
        file.as_os_str(),
    ]);
    std::fs::remove_dir_all(&dir).expect("remove temp dir");
    assert_eq!(code(&out), 1);
    let text = stdout(&out);
    let mut count = 0;
    for (i, (line, valid)) in text.lines().zip(&expected).enumerate() {
        let want = if *valid {
            format!("{}: valid", i + 1)
        } else {
            format!("{}: invalid: ", i + 1)
        };
        assert!(line.starts_with(&want), "line {}: {line}", i + 1);
        count += 1;
    }
    assert_eq!(count, n);
    assert_eq!(text.lines().count(), n);

    let all_valid = format!("{ANNEX_B}\n{ANNEX_B}\n");
    let out = run_stdin(["decode", "--lines", "-"], all_valid.as_bytes());
    assert_eq!(code(&out), 0);
    assert_eq!(stdout(&out), "1: valid\n2: valid\n");
}

#[test]
fn lines_empty_input_and_missing_file() {
    let out = run_stdin(["decode", "--lines", "-"], b"");
    assert_eq!(code(&out), 0);
    assert!(out.stdout.is_empty());
    let out = run_stdin(["decode", "--lines", "-"], b"\n \n\t\n");
    assert_eq!(code(&out), 0);
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("3 lines: 0 valid, 0 invalid, 3 blank"));
    let out = run(["decode", "--lines", "/nonexistent/emvqr/payloads.txt"]);
    assert_eq!(code(&out), 2);
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot open"));
}

#[test]
fn lines_drop_a_byte_order_mark_on_the_first_line_only() {
    let input = format!("\u{feff}{ANNEX_B}\r\n\u{feff}{ANNEX_B}\n");
    let out = run_stdin(["decode", "--lines", "-"], input.as_bytes());
    assert_eq!(
        stdout(&out),
        "1: valid\n2: invalid: ID is not two ASCII digits at character 0 (invalid_id)\n"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("byte-order mark"));
}

#[test]
fn decode_all_reports_every_finding_in_payload_order() {
    // A currency that does not exist, a name over 25 characters, a wrong CRC.
    let text = "000201010211021641111111111111115204541153039995802US5926ABCDEFGHIJKLMNOPQRSTUVWXYZ6003NYC6304C6B5";
    let out = run(["decode", "--all", "--json", text]);
    assert_eq!(code(&out), 1);
    let v = json(&out);
    assert_eq!(v["valid"], false);
    let found: Vec<(String, u64, String)> = v["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            assert_eq!(f["severity"], "error");
            (
                f["code"].as_str().unwrap().to_owned(),
                f["offset"].as_u64().unwrap(),
                f["path"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("invalid_currency".to_owned(), 44, "53".to_owned()),
            ("field_too_long".to_owned(), 57, "59".to_owned()),
            ("crc_mismatch".to_owned(), 94, "63".to_owned()),
        ]
    );
    // Without --all, the first error in the processing order only: the CRC's.
    assert_error(&run(["decode", "--json", text]), "crc_mismatch", 94, "63");
    // A valid payload: exit 0, its warnings as findings.
    let out = run(["decode", "--all", &lowercase_crc_payload()]);
    assert_eq!(code(&out), 0);
    let text = stdout(&out);
    assert!(
        text.starts_with("valid\nwarning crc_lowercase 63 at "),
        "{text}"
    );
}

#[test]
fn an_invalid_code_still_names_its_scheme() {
    // A dynamic KHQR code without an expiry: KHQR's, and refused.
    let text = "00020101021229180014jonhsmith@nbcq520459995303116540750000.05802KH5910Jonh Smith6010Phnom Penh62150211855123456789917001316257134678276304A96B";
    let out = run(["scan", "--json", text]);
    assert_eq!(code(&out), 1);
    let v = json(&out);
    assert_eq!(v["kind"], "mpm");
    assert_eq!(v["candidates"][0]["provider"], "khqr");
    assert_eq!(v["mpm_error"]["rule"], "khqr.expiry_missing");
    let out = run(["route", "--wallet", "unionpay", "--json", text]);
    assert_eq!(code(&out), 1);
    let v = json(&out);
    assert_eq!(v["reason"], "invalid_payload");
    assert_eq!(v["mpm_error"]["code"], "profile_rule");
}

#[test]
fn new_makes_codes_that_decode_accepts_and_names_a_bad_input() {
    let cases: &[&[&str]] = &[
        &[
            "new",
            "pix",
            "--key",
            "fulano@example.com",
            "--name",
            "FULANO DE TAL",
            "--city",
            "BRASILIA",
            "--amount",
            "10.50",
            "--txid",
            "PEDIDO123",
            "--description",
            "Pedido 123",
        ],
        &[
            "new",
            "pix",
            "--url",
            "pix.example.com/qr/v2/9d36b84f",
            "--name",
            "FULANO DE TAL",
            "--city",
            "BRASILIA",
        ],
        &[
            "new",
            "promptpay",
            "--phone",
            "081-234-5678",
            "--amount",
            "150.00",
        ],
        &[
            "new",
            "promptpay",
            "--biller",
            "099999999999990",
            "--ref1",
            "CUSTOMER001",
            "--ref2",
            "INV001",
        ],
        &[
            "new",
            "paynow",
            "--uen",
            "201403121W",
            "--name",
            "ACME PTE LTD",
            "--city",
            "Singapore",
            "--expiry",
            "20301231",
        ],
        &[
            "new",
            "vietqr",
            "--bank",
            "BIDV",
            "--account",
            "0011012345678",
            "--purpose",
            "thanh toan",
        ],
        &[
            "new",
            "khqr",
            "--account",
            "coffee_shop@aclb",
            "--merchant-id",
            "123456",
            "--bank",
            "ACLEDA Bank",
            "--name",
            "Coffee",
            "--city",
            "Phnom Penh",
            "--usd",
            "--amount",
            "2.50",
        ],
        &[
            "new",
            "duitnow",
            "--acquirer",
            "890053",
            "--merchant-id",
            "123456",
            "--name",
            "KEDAI",
            "--city",
            "BANGI",
        ],
        &[
            "new",
            "fps",
            "--mobile",
            "+852-91234567",
            "--name",
            "ACME LTD",
            "--city",
            "HONG KONG",
        ],
        &[
            "new",
            "upi",
            "--vpa",
            "shop@upi",
            "--name",
            "SHOP",
            "--city",
            "Pune",
            "--postal-code",
            "411001",
        ],
        &[
            "new",
            "unified",
            "--unionpay",
            "6200000012345678",
            "--tenpay",
            "1900012345",
            "--alipay",
            "https://qr.alipay.com/fkx12345",
            "--name",
            "NOODLE HOUSE",
            "--city",
            "SHANGHAI",
        ],
    ];
    for args in cases {
        let out = run(args.iter());
        assert_eq!(code(&out), 0, "{args:?}: {}", stdout(&out));
        let payload = stdout(&out);
        let decoded = run_stdin(["decode", "--json", "-"], payload.as_bytes());
        assert_eq!(code(&decoded), 0, "{args:?}: {}", stdout(&decoded));
        // Nothing the decoder would flag, but the departures a scheme makes on purpose (no
        // 52/59/60 in PromptPay and VietQR, KHQR's account ID).
        for w in warning_codes(&json(&decoded)) {
            assert_eq!(w, "scheme_departure", "{args:?}");
        }
    }
    // The QRIS generator turns a static code into a dynamic one.
    let printed = "00020101021126610014COM.GO-JEK.WWW01189360091430000000120210G0000001230303UMI51440014ID.CO.QRIS.WWW0215ID10200211817450303UMI5204581253033605802ID5912WARUNG MAKAN6007JAKARTA6105121906304";
    let printed = format!("{printed}{}", crc_of(printed));
    let out = run(["new", "qris", "--from", &printed, "--amount", "25000"]);
    assert_eq!(code(&out), 0, "{}", stdout(&out));
    let v = json(&run_stdin(
        ["decode", "--json", "-"],
        stdout(&out).as_bytes(),
    ));
    assert_eq!(
        (v["fields"]["01"].as_str(), v["fields"]["54"].as_str()),
        (Some("12"), Some("25000"))
    );
    // A bad input: exit 1, named as its flag, in the scheme's words.
    let out = run(["new", "promptpay", "--phone", "12345"]);
    assert_eq!(code(&out), 1);
    assert_eq!(
        stdout(&out),
        "invalid: --phone: a Thai mobile number has 10 digits starting with 0\n"
    );
    let out = run([
        "new",
        "pix",
        "--key",
        "12345678900",
        "--name",
        "N",
        "--city",
        "C",
    ]);
    assert_eq!(code(&out), 1);
    assert!(
        stdout(&out).starts_with("invalid: --key: "),
        "{}",
        stdout(&out)
    );
    // --png draws the code, which reads back.
    let dir = std::env::temp_dir().join(format!("emvqr-new-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let png = dir.join("pix.png");
    let out = run([
        OsStr::new("new"),
        OsStr::new("--png"),
        png.as_os_str(),
        OsStr::new("pix"),
        OsStr::new("--key"),
        OsStr::new("a@b.co"),
        OsStr::new("--name"),
        OsStr::new("A"),
        OsStr::new("--city"),
        OsStr::new("B"),
    ]);
    assert_eq!(code(&out), 0);
    let read = run([OsStr::new("read"), png.as_os_str()]);
    std::fs::remove_dir_all(&dir).expect("remove temp dir");
    assert_eq!(stdout(&read), stdout(&out));
}

/// The CRC of a payload that ends with `6304`, as four upper-case hex digits.
fn crc_of(text: &str) -> String {
    String::from_utf8_lossy(&emvqr::crc::to_hex(emvqr::crc::checksum(text.as_bytes()))).into_owned()
}

#[test]
fn decode_names_the_scheme_and_its_fields() {
    let out = run(["decode", PIX]);
    let text = stdout(&out);
    assert!(text.contains("\nscheme: Pix\n"), "{text}");
    assert!(
        text.contains("   01 Pix key: 123e4567-e12b-12d1-a456-426655440000\n"),
        "{text}"
    );
    assert!(text.contains("   05 txid: ***\n"), "{text}");
    assert_eq!(json(&run(["decode", "--json", PIX]))["scheme"], "pix");
    // A code of no known scheme keeps EMVCo's names, and no scheme.
    let text = stdout(&run(["decode", ANNEX_B]));
    assert!(
        !text.contains("scheme:") && text.contains("   03 Store Label: 1234\n"),
        "{text}"
    );
    assert_eq!(
        json(&run(["decode", "--json", ANNEX_B]))["scheme"],
        Value::Null
    );
}
