#![cfg(feature = "cli")]
//! End-to-end tests of `emvqr conform` and `emvqr serve-conformance`.
// Everything in an integration test is test code, helpers included.
#![allow(
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    clippy::arithmetic_side_effects
)]

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::{Value, json};

const ANNEX_B: &str = "00020101021229300012D156000000000510A93FO3230Q31280012D15600000001030812345678520441115802CN5914BEST TRANSPORT6007BEIJING64200002ZH0104最佳运输0202北京540523.7253031565502016233030412340603***0708A60086670902ME91320016A0112233449988770708123456786304A13A";

const BIN: &str = env!("CARGO_BIN_EXE_emvqr");

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `emvqr` in the crate's folder, so the default `spec` is the crate's.
fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .current_dir(manifest_dir())
        .stdin(Stdio::null())
        .output()
        .expect("run emvqr")
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The last line of standard output, which must end the output.
fn closing_line(out: &Output) -> String {
    let text = stdout(out);
    assert!(text.ends_with('\n'), "output ends with a newline: {text:?}");
    text.lines().last().expect("a closing line").to_owned()
}

/// `(passed, failed, skipped)` of a closing line `N passed, M failed[, K skipped]`.
fn counts(line: &str) -> (usize, usize, usize) {
    let parts: Vec<&str> = line.split(", ").collect();
    let number = |part: &str, word: &str| -> usize {
        let (n, w) = part.split_once(' ').expect("a count and a word");
        assert_eq!(w, word, "closing line {line:?}");
        n.parse().expect("a count")
    };
    assert!(
        parts.len() == 2 || parts.len() == 3,
        "closing line {line:?}"
    );
    let skipped = parts.get(2).map_or(0, |p| number(p, "skipped"));
    (
        number(parts[0], "passed"),
        number(parts[1], "failed"),
        skipped,
    )
}

/// A fresh folder under the target's temporary folder.
fn temp_dir(name: &str) -> PathBuf {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("conform-{name}-{}-{n}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("create temp dir");
    dir
}

/// A spec root holding one vector file `<kind>/<file>.json`.
fn spec_with(name: &str, kind: &str, file: &str, vectors: &Value) -> PathBuf {
    let root = temp_dir(name).join("spec");
    fs::create_dir_all(root.join(kind)).expect("create kind dir");
    fs::write(
        root.join(kind).join(format!("{file}.json")),
        serde_json::to_string_pretty(vectors).expect("vectors to JSON"),
    )
    .expect("write vectors");
    root
}

fn annex_b_valid(id: &str) -> Value {
    json!({
        "id": id,
        "source": "EMV QRCPS MPM Annex B",
        "payload": ANNEX_B,
        "expect": "valid",
    })
}

fn garbled(id: &str) -> Value {
    json!({
        "id": id,
        "source": "constructed",
        "payload": "xx",
        "expect": "invalid",
        "error": {"code": "truncated", "offset": 0, "path": ""},
    })
}

/// The id of the first vector of `spec/mpm/annex_b.json`.
fn first_annex_b_id() -> String {
    let text = fs::read_to_string(manifest_dir().join("spec/mpm/annex_b.json")).expect("read");
    let vectors: Value = serde_json::from_str(&text).expect("JSON");
    vectors[0]["id"].as_str().expect("id").to_owned()
}

#[test]
fn in_process_run_passes_every_vector() {
    let out = run(&["conform", "spec"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let (passed, failed, _) = counts(&closing_line(&out));
    assert_eq!(failed, 0);
    assert!(passed >= 300, "only {passed} vectors passed");
    let text = stdout(&out);
    assert!(text.contains("mpm/rules"), "category table: {text}");
    assert!(text.contains("mpm/hostile-"), "category table: {text}");
    // Without a PATH, the built-in vectors: the same run, from any folder.
    let built_in = Command::new(BIN)
        .arg("conform")
        .current_dir(std::env::temp_dir())
        .stdin(Stdio::null())
        .output()
        .expect("run emvqr");
    assert_eq!(built_in.status.code(), Some(0), "{}", stdout(&built_in));
    assert_eq!(stdout(&built_in), stdout(&out));
}

#[test]
fn serve_conformance_gives_the_same_counts() {
    let in_process = run(&["conform", "spec"]);
    let implementation = format!("{BIN} serve-conformance");
    let external = run(&["conform", "--impl", &implementation, "spec"]);
    assert_eq!(external.status.code(), Some(0), "{}", stderr(&external));
    assert_eq!(closing_line(&external), closing_line(&in_process));
    // Everything but the line naming the implementation is the same: per-category counts too.
    let strip = |out: &Output| -> Vec<String> {
        stdout(out)
            .lines()
            .filter(|l| !l.starts_with("implementation: "))
            .map(str::to_owned)
            .collect()
    };
    assert_eq!(strip(&external), strip(&in_process));
}

#[test]
fn filter_keeps_ids_containing_the_text() {
    let out = run(&["conform", "--filter", "annex-b", "spec"]);
    let (passed, failed, skipped) = counts(&closing_line(&out));
    assert!(passed >= 1, "at least the Annex B vectors");
    assert_eq!((failed, skipped), (0, 0));
    let all = counts(&closing_line(&run(&["conform", "spec"]))).0;
    assert!(passed < all);
    // A selection of nothing is a usage error, not a pass.
    for args in [
        &["conform", "--filter", "no vector has this id", "spec"][..],
        &["conform", "--filter", "no vector has this id"],
    ] {
        let none = run(args);
        assert_eq!(none.status.code(), Some(2));
        assert!(none.stdout.is_empty());
        assert!(
            stderr(&none).contains("no vector's id contains"),
            "{}",
            stderr(&none)
        );
    }
}

#[test]
fn listed_vector_that_passes_is_an_unexpected_pass() {
    let id = first_annex_b_id();
    let ledger = temp_dir("ledger").join("expected_failures.txt");
    fs::write(&ledger, format!("# known failures\n\n{id}\n")).expect("write ledger");
    let out = run(&[
        "conform",
        "--filter",
        &id,
        "--expected-failures",
        ledger.to_str().expect("UTF-8 path"),
        "spec",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(text.contains(&format!("UNEXPECTED PASS {id}")), "{text}");
    assert!(text.contains("remove it"), "{text}");
    // Other ids may contain this one; only the listed vector fails.
    assert_eq!(counts(&closing_line(&out)).1, 1);
    assert_eq!(text.matches("UNEXPECTED PASS").count(), 1, "{text}");
}

#[test]
fn listed_vector_that_fails_is_an_expected_failure() {
    let mut wrong = annex_b_valid("ledger-wrong-expectation");
    wrong["expect"] = json!("invalid");
    wrong["error"] = json!({"code": "crc_mismatch", "offset": 244, "path": "63"});
    let root = spec_with(
        "expected",
        "mpm",
        "rules",
        &json!([wrong, annex_b_valid("ledger-fine")]),
    );
    let root_text = root.to_str().expect("UTF-8 path");

    // Without a ledger the wrong vector fails, with its reason.
    let out = run(&["conform", root_text]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(
        text.contains("FAIL ledger-wrong-expectation [mpm/rules]: accepted, expected crc_mismatch"),
        "{text}"
    );
    assert_eq!(closing_line(&out), "1 passed, 1 failed");

    // The ledger beside the vectors is found by default and absorbs the failure.
    fs::write(
        root.join("expected_failures.txt"),
        "ledger-wrong-expectation\n",
    )
    .expect("write ledger");
    let out = run(&["conform", root_text]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let text = stdout(&out);
    assert!(
        text.contains("expected failure ledger-wrong-expectation"),
        "{text}"
    );
    assert_eq!(closing_line(&out), "1 passed, 0 failed");
    // Also when a kind folder is named.
    let mpm = root.join("mpm");
    let out = run(&["conform", mpm.to_str().expect("UTF-8 path")]);
    assert_eq!(out.status.code(), Some(0));
}

/// A fake implementation: crashes, hangs, prints garbage or skips when the id says so, and
/// otherwise answers on the verdict alone (valid when the payload starts with `00`).
const FAKE: &str = r#"
import json, sys, time
for line in sys.stdin:
    request = json.loads(line)
    vid = request["id"]
    if "crash" in vid:
        print("fake: giving up on " + vid, file=sys.stderr, flush=True)
        sys.exit(3)
    if "hang" in vid:
        time.sleep(60)
    if "garbage" in vid:
        print("this is <not> JSON", flush=True)
        continue
    if "flood" in vid:
        sys.stdout.write("x" * (2 << 20) + "\n")
        sys.stdout.flush()
        continue
    if "skip" in vid:
        print(json.dumps({"id": vid, "skipped": "not supported here"}), flush=True)
        continue
    if "noise" in vid:
        print(json.dumps({"id": "some-other-id", "valid": True}), flush=True)
    valid = request.get("payload", "").startswith("00")
    print(json.dumps({"id": vid, "valid": valid, "error": None, "fields": None}), flush=True)
"#;

#[test]
fn crashes_timeouts_and_garbage_are_reported_per_vector() {
    let root = spec_with(
        "fake",
        "mpm",
        "hostile",
        &json!([
            annex_b_valid("fake-first"),
            annex_b_valid("fake-crash"),
            garbled("fake-second"),
            annex_b_valid("fake-hang"),
            annex_b_valid("fake-third"),
            annex_b_valid("fake-garbage"),
            annex_b_valid("fake-noise-before-answer"),
            annex_b_valid("fake-skip"),
            annex_b_valid("fake-flood"),
            garbled("fake-last"),
        ]),
    );
    let script = root.parent().expect("temp dir").join("fake.py");
    fs::write(&script, FAKE).expect("write fake");
    let implementation = format!("python3 '{}'", script.display());
    let out = run(&[
        "conform",
        "--impl",
        &implementation,
        "--timeout-ms",
        "1500",
        root.to_str().expect("UTF-8 path"),
    ]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    let line_of = |id: &str| -> String {
        text.lines()
            .find(|l| l.contains(&format!(" {id} [")))
            .unwrap_or_else(|| panic!("no line for {id}: {text}"))
            .to_owned()
    };
    let crash = line_of("fake-crash");
    assert!(crash.starts_with("FAIL "), "{crash}");
    assert!(
        crash.contains("crashed") && crash.contains("exit status 3"),
        "{crash}"
    );
    assert!(
        crash.contains(r#"last error output: "fake: giving up on fake-crash""#),
        "{crash}"
    );
    let hang = line_of("fake-hang");
    assert!(
        hang.starts_with("FAIL ") && hang.contains("timed out after 1500 ms"),
        "{hang}"
    );
    let garbage = line_of("fake-garbage");
    assert!(
        garbage.starts_with("FAIL ") && garbage.contains("malformed response"),
        "{garbage}"
    );
    let skip = line_of("fake-skip");
    assert!(
        skip.starts_with("skipped ") && skip.contains("not supported here"),
        "{skip}"
    );
    // The run went on after each: the vectors after them passed (restarted implementation).
    for id in [
        "fake-second",
        "fake-third",
        "fake-noise-before-answer",
        "fake-last",
    ] {
        assert!(
            !text.contains(&format!(" {id} [")),
            "{id} should pass: {text}"
        );
    }
    let flood = line_of("fake-flood");
    assert!(
        flood.starts_with("FAIL ") && flood.contains("response line longer than 1048576 bytes"),
        "{flood}"
    );
    assert_eq!(closing_line(&out), "5 passed, 4 failed, 1 skipped");
}

/// An implementation that starts a helper process (its number written to a file), then answers
/// the first request with output that never ends and has no newline.
const FLOODER: &str = r#"
import subprocess, sys
helper = subprocess.Popen(["sleep", "300"])
with open(sys.argv[1], "a") as f:
    f.write(str(helper.pid) + "\n")
for line in sys.stdin:
    chunk = "x" * 65536
    while True:
        sys.stdout.write(chunk)
        sys.stdout.flush()
"#;

/// Whether a process runs (a zombie waiting for its parent does not).
fn is_running(pid: u32) -> bool {
    fs::read_to_string(format!("/proc/{pid}/stat"))
        .ok()
        .and_then(|stat| {
            let state = stat.rsplit_once(") ")?.1.chars().next()?;
            Some(state != 'Z' && state != 'X')
        })
        .unwrap_or(false)
}

#[cfg(target_os = "linux")]
#[test]
fn an_endless_line_fails_the_vector_and_nothing_is_left_running() {
    let root = spec_with(
        "flooder",
        "mpm",
        "flood",
        &json!([annex_b_valid("endless-one"), annex_b_valid("endless-two")]),
    );
    let dir = root.parent().expect("temp dir");
    let script = dir.join("flooder.py");
    fs::write(&script, FLOODER).expect("write flooder");
    let pids = dir.join("helpers.txt");
    let implementation = format!("python3 '{}' '{}'", script.display(), pids.display());
    let out = run(&[
        "conform",
        "--impl",
        &implementation,
        "--timeout-ms",
        "20000",
        root.to_str().expect("UTF-8 path"),
    ]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    for id in ["endless-one", "endless-two"] {
        let line = text
            .lines()
            .find(|l| l.contains(&format!(" {id} [")))
            .unwrap_or_else(|| panic!("no line for {id}: {text}"));
        assert!(
            line.starts_with("FAIL ") && line.contains("response line longer than 1048576 bytes"),
            "{line}"
        );
    }
    // Started once for each vector, and each helper went with its implementation.
    let helpers: Vec<u32> = fs::read_to_string(&pids)
        .expect("helpers started")
        .lines()
        .map(|l| l.parse().expect("pid"))
        .collect();
    assert_eq!(helpers.len(), 2, "{helpers:?}");
    // A killed process takes a moment to die: wait for it, within reason.
    for pid in helpers {
        let until = std::time::Instant::now() + std::time::Duration::from_secs(5);
        while is_running(pid) && std::time::Instant::now() < until {
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        assert!(!is_running(pid), "helper {pid} still running");
    }
}

#[test]
fn unknown_kinds_are_skipped_with_a_reason() {
    let root = spec_with(
        "kinds",
        "teleport",
        "rules",
        &json!([{"id": "teleport-1", "source": "constructed", "expect": "valid"}]),
    );
    fs::create_dir_all(root.join("mpm")).expect("mpm dir");
    fs::write(
        root.join("mpm/annex_b.json"),
        json!([annex_b_valid("kinds-annex-b")]).to_string(),
    )
    .expect("write");
    // Data folders are not vector folders.
    fs::create_dir_all(root.join("registry")).expect("registry dir");
    fs::write(
        root.join("registry/providers.json"),
        "{\"not\": \"vectors\"}",
    )
    .expect("write");
    let out = run(&["conform", root.to_str().expect("UTF-8 path")]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let text = stdout(&out);
    assert!(
        text.contains("skipped teleport-1 [teleport/rules]: kind \"teleport\" is not known"),
        "{text}"
    );
    assert_eq!(closing_line(&out), "1 passed, 0 failed, 1 skipped");
}

#[test]
fn json_report_is_one_document_with_every_vector() {
    let root = spec_with(
        "json",
        "mpm",
        "rules",
        &json!([annex_b_valid("json-ok"), {
            "id": "json-wrong",
            "source": "constructed",
            "payload": "xx",
            "expect": "valid",
        }]),
    );
    let out = run(&[
        "conform",
        "--report",
        "json",
        root.to_str().expect("UTF-8 path"),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    assert_eq!(report["passed"], 1);
    assert_eq!(report["failed"], 1);
    assert_eq!(report["skipped"], 0);
    assert_eq!(report["categories"]["mpm/rules"]["failed"], 1);
    let vectors = report["vectors"].as_array().expect("vectors");
    assert_eq!(vectors.len(), 2);
    assert_eq!(vectors[0]["result"], "pass");
    assert_eq!(vectors[1]["result"], "fail");
    assert!(
        vectors[1]["reason"]
            .as_str()
            .is_some_and(|r| r.contains("rejected (truncated at 0 path \"\")")),
        "{}",
        vectors[1]
    );
    // The closing line goes to standard error, the document alone to standard output.
    assert_eq!(stderr(&out).trim_end(), "1 passed, 1 failed");
}

#[test]
fn junit_report_escapes_markup() {
    let mut wrong = annex_b_valid("junit-<&>\"-wrong");
    wrong["expect"] = json!("invalid");
    wrong["error"] = json!({"code": "crc_mismatch"});
    let root = spec_with(
        "junit",
        "mpm",
        "real",
        &json!([annex_b_valid("junit-ok"), wrong]),
    );
    let out = run(&[
        "conform",
        "--report",
        "junit",
        root.to_str().expect("UTF-8 path"),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let xml = stdout(&out);
    assert!(
        xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites "),
        "{xml}"
    );
    assert!(xml.trim_end().ends_with("</testsuites>"), "{xml}");
    assert!(
        xml.contains("<testsuite name=\"mpm/real\" tests=\"2\" failures=\"1\""),
        "{xml}"
    );
    assert!(
        xml.contains("name=\"junit-&lt;&amp;&gt;&quot;-wrong\""),
        "{xml}"
    );
    assert!(!xml.contains("<&>"), "{xml}");
    assert!(
        xml.contains("<failure message=\"accepted, expected crc_mismatch\""),
        "{xml}"
    );
    assert!(
        xml.contains("<testcase classname=\"mpm/real\" name=\"junit-ok\"/>"),
        "{xml}"
    );
    // Tags balance.
    assert_eq!(xml.matches("<testcase ").count(), 2);
    assert_eq!(
        xml.matches("<testsuite ").count(),
        xml.matches("</testsuite>").count()
    );
}

#[test]
fn usage_errors_exit_2() {
    let missing = run(&["conform", "--impl", "/nonexistent/emvqr-impl", "spec"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        stderr(&missing).contains("cannot start"),
        "{}",
        stderr(&missing)
    );
    let no_path = run(&["conform", "no/such/spec"]);
    assert_eq!(no_path.status.code(), Some(2));
    let quote = run(&["conform", "--impl", "'unclosed", "spec"]);
    assert_eq!(quote.status.code(), Some(2));
    let root = spec_with(
        "dup",
        "mpm",
        "rules",
        &json!([garbled("dup"), garbled("dup")]),
    );
    let dup = run(&["conform", root.to_str().expect("UTF-8 path")]);
    assert_eq!(dup.status.code(), Some(2));
    assert!(stderr(&dup).contains("appears twice"), "{}", stderr(&dup));
}

#[test]
fn serve_conformance_answers_line_by_line() {
    let mut child = Command::new(BIN)
        .arg("serve-conformance")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn");
    let requests = [
        json!({"id": "a", "kind": "mpm", "payload": ANNEX_B, "options": {}}).to_string(),
        String::new(),
        "not json".to_owned(),
        json!({"id": 2, "kind": "mpm", "payload_hex": "c3", "options": {}}).to_string(),
        json!({"id": "k", "kind": "cheque", "payload": "x"}).to_string(),
        // Longer than the longest request line read (1 MiB): refused, and the next line is read.
        "x".repeat((1 << 20) + 10),
        json!({"id": "after", "payload": ANNEX_B}).to_string(),
    ];
    let mut stdin = child.stdin.take().expect("stdin");
    stdin
        .write_all((requests.join("\n") + "\n").as_bytes())
        .expect("write");
    drop(stdin);
    let out = child.wait_with_output().expect("wait");
    assert_eq!(out.status.code(), Some(0));
    let lines: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    assert_eq!(lines.len(), 6, "one response per non-blank line");
    assert_eq!(lines[0]["id"], "a");
    assert_eq!(lines[0]["valid"], true);
    assert_eq!(lines[0]["fields"]["58"], "CN");
    assert_eq!(lines[0]["warnings"], json!([]));
    assert_eq!(lines[1]["id"], Value::Null);
    assert!(lines[1]["protocol_error"].is_string());
    assert_eq!(
        lines[2],
        json!({"id": 2, "valid": false, "error": "invalid_utf8",
        "offset": 0, "path": "", "fields": null})
    );
    assert_eq!(lines[3]["id"], "k");
    assert!(lines[3]["skipped"].is_string());
    assert!(
        lines[4]["protocol_error"]
            .as_str()
            .is_some_and(|e| e.contains("longer than")),
        "{}",
        lines[4]
    );
    assert_eq!(lines[5]["id"], "after");
    assert_eq!(lines[5]["valid"], true);
}
