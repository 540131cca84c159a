#![cfg(feature = "cli")]
//! End-to-end tests of `emvqr scan` and `emvqr route`.
// Everything in an integration test is test code, helpers included.
#![allow(
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    clippy::arithmetic_side_effects
)]

use std::io::Write;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn emvqr(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_emvqr"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn emvqr");
    let mut pipe = child.stdin.take().expect("stdin");
    if let Some(bytes) = stdin {
        pipe.write_all(bytes).expect("write stdin");
    }
    drop(pipe);
    child.wait_with_output().expect("wait")
}

fn json(out: &Output) -> Value {
    let text = String::from_utf8(out.stdout.clone()).expect("utf-8 stdout");
    assert_eq!(text.lines().count(), 1, "one line: {text}");
    serde_json::from_str(&text).expect("JSON stdout")
}

/// The unified code of spec/route/route.json.
fn unified() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/spec/route/route.json");
    let v: Vec<Value> =
        serde_json::from_str(&std::fs::read_to_string(path).expect("read")).expect("vectors");
    let u = v
        .iter()
        .find(|v| v["id"] == "route-unified-tenpay")
        .expect("unified vector");
    u["payload"].as_str().expect("payload").to_owned()
}

#[test]
fn scan_json_shape_and_exit() {
    let out = emvqr(
        &["scan", "--json", "wxp://f2f0YpJfRdX8mWcqH7m1pQWMoHvB"],
        None,
    );
    assert_eq!(out.status.code(), Some(0));
    let v = json(&out);
    assert_eq!(v["kind"], "url");
    assert_eq!(v["candidates"][0]["provider"], "tenpay");
    assert_eq!(v["candidates"][0]["matched_by"], "url");

    let out = emvqr(&["scan", "--json", "hello"], None);
    assert_eq!(out.status.code(), Some(1));
    let v = json(&out);
    assert_eq!(v["kind"], "unknown");
    assert_eq!(v["candidates"], Value::Array(vec![]));
    assert_eq!(v["mpm_error"]["code"], "invalid_id");
}

#[test]
fn scan_reads_stdin_dropping_only_the_last_line_break() {
    for input in [
        &b"134567890123456789"[..],
        b"134567890123456789\n",
        b"134567890123456789\r\n",
    ] {
        let out = emvqr(&["scan", "--json", "-"], Some(input));
        assert_eq!(out.status.code(), Some(0));
        assert_eq!(json(&out)["kind"], "paycode");
    }
    for input in [&b"134567890123456789\n\n"[..], b" 134567890123456789\n"] {
        let out = emvqr(&["scan", "--json", "-"], Some(input));
        assert_eq!(out.status.code(), Some(1));
        assert_eq!(json(&out)["kind"], "unknown");
    }
}

#[test]
fn scan_invalid_utf8_is_unknown() {
    let out = emvqr(&["scan", "--json", "-"], Some(b"wxp://\xff"));
    assert_eq!(out.status.code(), Some(1));
    let v = json(&out);
    assert_eq!(v["kind"], "unknown");
    assert_eq!(v["mpm_error"]["code"], "invalid_utf8");
}

#[test]
fn route_each_wallet_on_the_unified_code() {
    let code = unified();
    for wallet in ["tenpay", "alipay", "unionpay"] {
        let out = emvqr(&["route", "--wallet", wallet, "--json", &code], None);
        assert_eq!(out.status.code(), Some(0), "{wallet}");
        let v = json(&out);
        assert_eq!(v["kind"], "mpm");
        assert_eq!(v["route"]["provider"], wallet);
        assert_eq!(v["route"]["via"], "direct");
        assert_eq!(v["reason"], Value::Null);
        assert_eq!(v["candidates"].as_array().expect("array").len(), 3);
    }
}

#[test]
fn route_refusal_has_null_route_and_reason() {
    let out = emvqr(&["route", "--wallet", "pix", "--json", &unified()], None);
    assert_eq!(out.status.code(), Some(1));
    let v = json(&out);
    assert_eq!(v["route"], Value::Null);
    assert_eq!(v["reason"], "no_route");
    assert_eq!(v["candidates"][0]["skipped"], "not_accepted");
}

#[test]
fn route_table_file_and_usage_errors() {
    let table = concat!(env!("CARGO_MANIFEST_DIR"), "/spec/routing/unionpay.json");
    let out = emvqr(
        &[
            "route",
            "--wallet",
            "unionpay",
            "--table",
            table,
            "--json",
            "wxp://f2f0YpJfRdX8mWcqH7m1pQWMoHvB",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0));
    let v = json(&out);
    assert_eq!(v["route"]["provider"], "tenpay");
    assert_eq!(v["route"]["via"], "unionpay");

    let out = emvqr(&["route", "--wallet", "pix", "--table", table, "x"], None);
    assert_eq!(out.status.code(), Some(2));
    let out = emvqr(&["route", "--wallet", "nosuch", "x"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let out = emvqr(&["route", "x"], None);
    assert_eq!(out.status.code(), Some(2), "--wallet is required");
}

/// A table file says what it is, and a file over the limit is refused as such, never cut.
#[test]
fn route_table_file_is_checked_and_bounded() {
    let dir = std::env::temp_dir().join(format!("emvqr-table-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let original = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/spec/routing/unionpay.json"
    ))
    .expect("table");
    let run = |name: &str, text: &str| {
        let path = dir.join(name);
        std::fs::write(&path, text).expect("write");
        let p = path.to_str().expect("utf-8 path").to_owned();
        emvqr(&["route", "--wallet", "unionpay", "--table", &p, "x"], None)
    };
    let stderr = |out: &std::process::Output| String::from_utf8_lossy(&out.stderr).into_owned();
    let out = run(
        "v2.json",
        &original.replacen("\"version\": 1", "\"version\": 2", 1),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("\"version\" 1"), "{}", stderr(&out));
    let out = run(
        "other.json",
        &original.replacen("emvqr routing table", "something else", 1),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("\"format\""), "{}", stderr(&out));
    // Over 1 MiB: the table plus trailing spaces, still valid JSON.
    let big = format!("{original}{}", " ".repeat(1 << 20));
    let out = run("big.json", &big);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("at most 1048576 bytes"),
        "{}",
        stderr(&out)
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn route_ends_with_a_line_a_cashier_understands() {
    const PIX: &str = "00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-4266554400005204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***63041D3D";
    let out = emvqr(&["route", "--wallet", "pix", PIX], None);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    assert_eq!(
        text.lines().last(),
        Some(
            "PAYABLE with pix: Fulano de Tal, BRASILIA (Pix), amount entered by the payer; paid via direct to pix: Pix instant payment"
        )
    );
    let out = emvqr(&["route", "--wallet", "unionpay", PIX], None);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    assert_eq!(
        text.lines().last(),
        Some("NOT PAYABLE with unionpay: this wallet cannot pay anything in the code")
    );
    let stale = PIX.replace("63041D3D", "63041D3E");
    let out = emvqr(&["route", "--wallet", "pix", &stale], None);
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    let last = text.lines().last().expect("a line");
    assert!(
        last.starts_with("NOT PAYABLE with pix: the code breaks a rule: CRC says 1D3E"),
        "{last}"
    );
    // With --json, the same decision in the object and no extra line.
    let out = emvqr(&["route", "--json", "--wallet", "pix", PIX], None);
    assert_eq!(
        String::from_utf8(out.stdout)
            .expect("UTF-8")
            .lines()
            .count(),
        1
    );
}
