//! `conform`: runs the vectors under `spec/` against this crate (in process) or against an
//! external implementation speaking the line protocol of `spec/PROTOCOL.md`.
//!
//! Both ways go through the same request → response step: in process, the request is answered
//! by [`crate::serve::handle`], the function `serve-conformance` calls for each line, so the two
//! runs give the same counts by construction.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::io::{BufRead, BufReader, Read as _, Write as _};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStderr, ChildStdin, ChildStdout, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, SyncSender};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use clap::{Args, ValueEnum};
use serde_json::{Map, Value};

use crate::io::{EXIT_INVALID, EXIT_VALID, Escaped, Fatal, Outcome};
use crate::serve::{self, MAX_LINE_BYTES};

/// Folders under a spec root that hold data, not vectors; a walk does not enter them.
const NOT_VECTORS: &[&str] = &[
    "registry",
    "routing",
    "adapters",
    "tools",
    "iso",
    "node_modules",
];

/// Largest vector file read.
const MAX_FILE_BYTES: u64 = 64 << 20;

/// The name of the ledger looked for beside the first path.
const LEDGER_NAME: &str = "expected_failures.txt";

/// How long a crashed implementation is given to report its exit status.
const EXIT_GRACE: Duration = Duration::from_millis(500);

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Report {
    /// One line per failure, a table per category, and the closing line.
    Text,
    /// One JSON document.
    Json,
    /// JUnit XML, one test suite per category.
    Junit,
}

#[derive(Debug, Args)]
pub(crate) struct ConformArgs {
    /// Run against an external implementation: a command speaking spec/PROTOCOL.md on its
    /// standard input and output. Split into words like a shell does (quotes, backslashes),
    /// without any expansion. Without it, vectors run in process against this crate.
    #[arg(long = "impl", value_name = "CMD")]
    implementation: Option<String>,
    /// Keep only the vectors whose id contains TEXT.
    #[arg(long, value_name = "TEXT")]
    filter: Option<String>,
    /// Report format.
    #[arg(long, value_enum, default_value_t = Report::Text)]
    report: Report,
    /// The ledger of vectors expected to fail, one id per line, `#` comments. Default:
    /// expected_failures.txt beside the first PATH (in it, its parent or its grandparent).
    #[arg(long, value_name = "FILE")]
    expected_failures: Option<PathBuf>,
    /// How long one response may take, in milliseconds, before the implementation is reported
    /// as timed out on that vector and restarted.
    #[arg(long, value_name = "MS", default_value_t = 5000)]
    timeout_ms: u64,
    /// Vector files, or folders walked for `*.json` vector files (the kind of a vector is the
    /// name of the folder its file sits in).
    #[arg(value_name = "PATH", default_value = "spec")]
    paths: Vec<PathBuf>,
}

/// One vector and where it comes from.
struct Vector {
    id: String,
    kind: String,
    category: String,
    file: PathBuf,
    body: Map<String, Value>,
}

/// What one vector gave.
enum Status {
    Pass,
    Fail(String),
    Skip(String),
}

/// The final class of a vector, once the ledger is applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Passed,
    Failed,
    ExpectedFailure,
    UnexpectedPass,
    Skipped,
}

impl Class {
    fn name(self) -> &'static str {
        match self {
            Class::Passed => "pass",
            Class::Failed => "fail",
            Class::ExpectedFailure => "expected_failure",
            Class::UnexpectedPass => "unexpected_pass",
            Class::Skipped => "skip",
        }
    }
}

struct Scored<'a> {
    vector: &'a Vector,
    class: Class,
    reason: Option<String>,
}

#[derive(Default, Clone, Copy)]
struct Tally {
    passed: usize,
    failed: usize,
    expected: usize,
    skipped: usize,
}

impl Tally {
    fn add(&mut self, class: Class) {
        let slot = match class {
            Class::Passed => &mut self.passed,
            Class::Failed | Class::UnexpectedPass => &mut self.failed,
            Class::ExpectedFailure => &mut self.expected,
            Class::Skipped => &mut self.skipped,
        };
        *slot = slot.saturating_add(1);
    }

    fn closing_line(&self) -> String {
        let mut line = format!("{} passed, {} failed", self.passed, self.failed);
        if self.skipped > 0 {
            let _ = write!(line, ", {} skipped", self.skipped);
        }
        line
    }
}

pub(crate) fn conform(args: &ConformArgs) -> Result<Outcome, Fatal> {
    let vectors = load(&args.paths)?;
    let vectors: Vec<Vector> = match &args.filter {
        Some(text) => vectors
            .into_iter()
            .filter(|v| v.id.contains(text.as_str()))
            .collect(),
        None => vectors,
    };
    let ledger_path = match &args.expected_failures {
        Some(path) => Some(path.clone()),
        None => default_ledger(args.paths.first()),
    };
    let ledger = match &ledger_path {
        Some(path) => read_ledger(path)?,
        None => BTreeSet::new(),
    };
    let mut backend = match &args.implementation {
        None => Backend::InProcess,
        Some(cmd) => Backend::External(External::start(
            cmd,
            Duration::from_millis(args.timeout_ms),
        )?),
    };
    let mut scored = Vec::with_capacity(vectors.len());
    for vector in &vectors {
        let status = run_one(&mut backend, vector);
        let listed = ledger.contains(&vector.id);
        let (class, reason) = match (status, listed) {
            (Status::Pass, false) => (Class::Passed, None),
            (Status::Pass, true) => (
                Class::UnexpectedPass,
                Some("passes but is listed in the expected-failures ledger: remove it".to_owned()),
            ),
            (Status::Fail(why), false) => (Class::Failed, Some(why)),
            (Status::Fail(why), true) => (Class::ExpectedFailure, Some(why)),
            (Status::Skip(why), _) => (Class::Skipped, Some(why)),
        };
        scored.push(Scored {
            vector,
            class,
            reason,
        });
    }
    backend.finish();

    let run_ids: BTreeSet<&str> = vectors.iter().map(|v| v.id.as_str()).collect();
    let stale: Vec<&str> = if args.filter.is_none() {
        ledger
            .iter()
            .map(String::as_str)
            .filter(|id| !run_ids.contains(id))
            .collect()
    } else {
        Vec::new()
    };
    let summary = Summary {
        implementation: args.implementation.as_deref(),
        ledger: ledger_path.as_deref(),
        scored: &scored,
        stale: &stale,
    };
    let total = summary.total();
    let stdout = match args.report {
        Report::Text => summary.text(),
        Report::Json => summary.json()?,
        Report::Junit => summary.junit(),
    };
    if args.report != Report::Text {
        // Standard output holds one document; the closing line goes beside it. A closed
        // standard error is not worth failing the run for.
        let _ = writeln!(std::io::stderr().lock(), "{}", total.closing_line());
    }
    Ok(Outcome {
        stdout,
        status: if total.failed == 0 {
            EXIT_VALID
        } else {
            EXIT_INVALID
        },
    })
}

/// Turns a vector into a request, has it answered, and scores the answer.
fn run_one(backend: &mut Backend, vector: &Vector) -> Status {
    let Some(kind) = serve::kind(&vector.kind) else {
        return Status::Skip(format!(
            "kind {:?} is not known to this runner",
            vector.kind
        ));
    };
    let mut request = Map::new();
    request.insert("id".to_owned(), Value::from(vector.id.as_str()));
    request.insert("kind".to_owned(), Value::from(vector.kind.as_str()));
    match (kind.request)(&vector.body, &vector.file) {
        Ok(keys) => request.extend(keys),
        Err(why) => return Status::Fail(format!("malformed vector: {why}")),
    }
    let request = Value::Object(request);
    let response = match backend.call(&request) {
        Ok(response) => response,
        Err(why) => return Status::Fail(why),
    };
    let Some(response) = response.as_object() else {
        return Status::Fail("the response is not a JSON object".to_owned());
    };
    if let Some(reason) = response.get("skipped") {
        let reason = match reason {
            Value::String(text) => text.clone(),
            other => other.to_string(),
        };
        return Status::Skip(format!("skipped by the implementation: {reason}"));
    }
    if let Some(message) = response.get("protocol_error") {
        return Status::Fail(format!("protocol error: {message}"));
    }
    match (kind.score)(&vector.body, response) {
        Ok(()) => Status::Pass,
        Err(why) => Status::Fail(why),
    }
}

// ---------------------------------------------------------------------------------------------
// Decode kinds: payload in; verdict, error (code, offset, path), fields and warnings out.

/// The request keys of a decode kind: `payload` or `payload_hex`, and `options`.
pub(crate) fn decode_request(
    vector: &Map<String, Value>,
    _file: &Path,
) -> Result<Map<String, Value>, String> {
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
pub(crate) fn score_decode(
    vector: &Map<String, Value>,
    response: &Map<String, Value>,
) -> Result<(), String> {
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

fn given_error(response: &Map<String, Value>) -> String {
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

/// Longest part of a response's `message` shown in a failure reason, in characters.
const MAX_MESSAGE_CHARS: usize = 160;

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

fn score_error(want: Option<&Value>, response: &Map<String, Value>) -> Result<(), String> {
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
fn first_difference(prefix: &str, want: &Map<String, Value>, got: &Map<String, Value>) -> String {
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

// ---------------------------------------------------------------------------------------------
// Loading vectors and the ledger.

fn load(paths: &[PathBuf]) -> Result<Vec<Vector>, Fatal> {
    let mut files = BTreeSet::new();
    for path in paths {
        if path.is_file() {
            files.insert(path.clone());
        } else if path.is_dir() {
            walk(path, &mut files)?;
        } else {
            return Err(Fatal(format!("{}: no such file or folder", path.display())));
        }
    }
    let mut vectors = Vec::new();
    let mut seen = BTreeSet::new();
    let mut read = BTreeSet::new();
    for file in files {
        // The same file named twice (`spec spec/mpm`) is read once.
        if !read.insert(file.canonicalize().unwrap_or_else(|_| file.clone())) {
            continue;
        }
        for vector in load_file(&file)? {
            if !seen.insert(vector.id.clone()) {
                return Err(Fatal(format!(
                    "{}: vector id {:?} appears twice",
                    file.display(),
                    vector.id
                )));
            }
            vectors.push(vector);
        }
    }
    Ok(vectors)
}

fn walk(dir: &Path, files: &mut BTreeSet<PathBuf>) -> Result<(), Fatal> {
    let entries = std::fs::read_dir(dir).map_err(|e| Fatal(format!("{}: {e}", dir.display())))?;
    for entry in entries {
        let entry = entry.map_err(|e| Fatal(format!("{}: {e}", dir.display())))?;
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') {
            continue;
        }
        let file_type = entry
            .file_type()
            .map_err(|e| Fatal(format!("{}: {e}", path.display())))?;
        if file_type.is_dir() {
            if !NOT_VECTORS.contains(&name.as_ref()) {
                walk(&path, files)?;
            }
        } else if name.ends_with(".json") && dir_name(&path).is_some() {
            files.insert(path);
        }
    }
    Ok(())
}

/// The name of the folder a file sits in: the kind of its vectors.
fn dir_name(file: &Path) -> Option<String> {
    Some(file.parent()?.file_name()?.to_string_lossy().into_owned())
}

fn load_file(file: &Path) -> Result<Vec<Vector>, Fatal> {
    let fail = |why: String| Fatal(format!("{}: {why}", file.display()));
    let handle = std::fs::File::open(file).map_err(|e| fail(e.to_string()))?;
    let mut text = Vec::new();
    handle
        .take(MAX_FILE_BYTES.saturating_add(1))
        .read_to_end(&mut text)
        .map_err(|e| fail(e.to_string()))?;
    if u64::try_from(text.len()).unwrap_or(u64::MAX) > MAX_FILE_BYTES {
        return Err(fail(format!("larger than {MAX_FILE_BYTES} bytes")));
    }
    let value: Value = serde_json::from_slice(&text).map_err(|e| fail(format!("not JSON: {e}")))?;
    let Value::Array(items) = value else {
        return Err(fail("not a JSON array of vectors".to_owned()));
    };
    let kind = dir_name(file).unwrap_or_default();
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    items
        .into_iter()
        .enumerate()
        .map(|(index, item)| {
            let Value::Object(body) = item else {
                return Err(fail(format!("item {index} is not an object")));
            };
            let id = body
                .get("id")
                .and_then(Value::as_str)
                .ok_or_else(|| fail(format!("item {index} has no string \"id\"")))?
                .to_owned();
            Ok(Vector {
                category: category(&kind, &stem, &body),
                id,
                kind: kind.clone(),
                file: file.to_path_buf(),
                body,
            })
        })
        .collect()
}

/// The category of a vector: `<kind>/hostile-<class letter>` for a vector naming a HOSTILE.md
/// class, otherwise `<kind>/<file stem>`.
fn category(kind: &str, stem: &str, body: &Map<String, Value>) -> String {
    let class = body
        .get("hostile")
        .and_then(Value::as_str)
        .and_then(|c| c.chars().next())
        .filter(char::is_ascii_alphabetic);
    match class {
        Some(letter) => format!("{kind}/hostile-{}", letter.to_ascii_uppercase()),
        None => format!("{kind}/{stem}"),
    }
}

fn default_ledger(first: Option<&PathBuf>) -> Option<PathBuf> {
    let first = first?;
    let start = if first.is_dir() {
        first.as_path()
    } else {
        first.parent()?
    };
    start
        .ancestors()
        .take(3)
        .map(|dir| dir.join(LEDGER_NAME))
        .find(|candidate| candidate.is_file())
}

fn read_ledger(path: &Path) -> Result<BTreeSet<String>, Fatal> {
    let text =
        std::fs::read_to_string(path).map_err(|e| Fatal(format!("{}: {e}", path.display())))?;
    Ok(text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_owned)
        .collect())
}

// ---------------------------------------------------------------------------------------------
// Implementations: this crate in process, or a child process.

enum Backend {
    InProcess,
    External(External),
}

impl Backend {
    /// The response to a request; `Err` is a failure of the implementation (crash, time-out,
    /// unreadable output), reported against the vector.
    fn call(&mut self, request: &Value) -> Result<Value, String> {
        match self {
            Backend::InProcess => Ok(serve::handle(request)),
            Backend::External(external) => external.call(request),
        }
    }

    fn finish(self) {
        if let Backend::External(mut external) = self {
            external.stop(true);
        }
    }
}

/// A line the implementation wrote.
enum Line {
    Text(Vec<u8>),
    TooLong,
    End,
}

struct Running {
    child: Child,
    stdin: ChildStdin,
    lines: Receiver<Line>,
    /// The last line the implementation wrote to its standard error, and a signal sent when
    /// its standard error closes.
    last_error: Arc<Mutex<String>>,
    error_closed: Receiver<()>,
}

/// Longest standard-error line kept for a crash report, in characters.
const MAX_ERROR_CHARS: usize = 200;

struct External {
    argv: Vec<String>,
    timeout: Duration,
    running: Option<Running>,
}

impl External {
    /// Starts the implementation once, so that a command that cannot start is a usage error.
    fn start(cmd: &str, timeout: Duration) -> Result<External, Fatal> {
        let argv = split_words(cmd).map_err(|e| Fatal(format!("--impl: {e}")))?;
        if argv.is_empty() {
            return Err(Fatal("--impl: empty command".to_owned()));
        }
        let mut external = External {
            argv,
            timeout,
            running: None,
        };
        external
            .spawn()
            .map_err(|e| Fatal(format!("--impl: {e}")))?;
        Ok(external)
    }

    fn spawn(&mut self) -> Result<(), String> {
        let (program, args) = self.argv.split_first().ok_or("empty command")?;
        let mut child = Command::new(program)
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot start {program}: {e}"))?;
        let stdin = child.stdin.take().ok_or("no standard input to write to")?;
        let stdout = child.stdout.take().ok_or("no standard output to read")?;
        let stderr = child.stderr.take().ok_or("no standard error to read")?;
        let last_error = Arc::new(Mutex::new(String::new()));
        let (closed, error_closed) = mpsc::sync_channel(1);
        let keep = Arc::clone(&last_error);
        thread::spawn(move || {
            keep_last_error_line(stderr, &keep);
            let _ = closed.send(());
        });
        self.running = Some(Running {
            child,
            stdin,
            lines: reader(stdout),
            last_error,
            error_closed,
        });
        Ok(())
    }

    fn call(&mut self, request: &Value) -> Result<Value, String> {
        if self.running.is_none() {
            self.spawn()
                .map_err(|e| format!("cannot restart the implementation: {e}"))?;
        }
        let Some(running) = self.running.as_mut() else {
            return Err("the implementation is not running".to_owned());
        };
        let line = serde_json::to_string(request).map_err(|e| e.to_string())?;
        let written = writeln!(running.stdin, "{line}").and_then(|()| running.stdin.flush());
        if written.is_err() {
            let status = self.stop(true);
            return Err(format!("crashed: stopped reading requests ({status})"));
        }
        let id = request.get("id");
        let deadline = Instant::now().checked_add(self.timeout);
        loop {
            let wait = deadline.map_or(self.timeout, |d| {
                d.saturating_duration_since(Instant::now())
            });
            match running.lines.recv_timeout(wait) {
                Ok(Line::Text(bytes)) => {
                    let text = String::from_utf8_lossy(&bytes);
                    let text = text.trim();
                    if text.is_empty() {
                        continue;
                    }
                    match serde_json::from_str::<Value>(text) {
                        Ok(response) if response.get("id") == id => return Ok(response),
                        // An answer to an earlier request: not this one's.
                        Ok(_) => {}
                        Err(_) => {
                            let shown: String = text.chars().take(60).collect();
                            return Err(format!("malformed response line {shown:?}"));
                        }
                    }
                }
                Ok(Line::TooLong) => {
                    return Err(format!("response line longer than {MAX_LINE_BYTES} bytes"));
                }
                Ok(Line::End) | Err(RecvTimeoutError::Disconnected) => {
                    let status = self.stop(true);
                    return Err(format!("crashed: closed its output ({status})"));
                }
                Err(RecvTimeoutError::Timeout) => {
                    self.stop(false);
                    return Err(format!(
                        "timed out after {} ms (implementation restarted)",
                        self.timeout.as_millis()
                    ));
                }
            }
        }
    }

    /// Stops the implementation and says how it ended. With `grace`, it is first given a moment
    /// to exit by itself (its input is closed first); otherwise it is killed at once.
    fn stop(&mut self, grace: bool) -> String {
        let Some(mut running) = self.running.take() else {
            return "not running".to_owned();
        };
        drop(running.stdin);
        let mut status: Option<ExitStatus> = running.child.try_wait().ok().flatten();
        if grace {
            let until = Instant::now().checked_add(EXIT_GRACE);
            while status.is_none() && until.is_some_and(|u| Instant::now() < u) {
                thread::sleep(Duration::from_millis(10));
                status = running.child.try_wait().ok().flatten();
            }
        }
        let mut how = match status {
            Some(s) => describe_exit(s),
            None => {
                let _ = running.child.kill();
                let _ = running.child.wait();
                "still running, killed".to_owned()
            }
        };
        if grace {
            // Its last words, once its standard error has closed (or a moment has passed).
            let _ = running.error_closed.recv_timeout(EXIT_GRACE);
            let last = running
                .last_error
                .lock()
                .map(|l| l.clone())
                .unwrap_or_default();
            if !last.is_empty() {
                let _ = write!(how, "; last error output: {last:?}");
            }
        }
        how
    }
}

/// Reads the implementation's standard error, keeping its last non-blank line.
fn keep_last_error_line(stderr: ChildStderr, last: &Mutex<String>) {
    let cap = u64::try_from(MAX_LINE_BYTES).unwrap_or(u64::MAX);
    let mut input = BufReader::new(stderr);
    loop {
        let mut line = Vec::new();
        match (&mut input).take(cap).read_until(b'\n', &mut line) {
            Ok(0) | Err(_) => return,
            Ok(_) => {
                let text = String::from_utf8_lossy(&line);
                let text = text.trim();
                if !text.is_empty()
                    && let Ok(mut slot) = last.lock()
                {
                    *slot = text.chars().take(MAX_ERROR_CHARS).collect();
                }
            }
        }
    }
}

impl Drop for External {
    fn drop(&mut self) {
        self.stop(true);
    }
}

fn describe_exit(status: ExitStatus) -> String {
    if let Some(code) = status.code() {
        return format!("exit status {code}");
    }
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt as _;
        if let Some(signal) = status.signal() {
            return format!("killed by signal {signal}");
        }
    }
    "ended".to_owned()
}

/// Reads the implementation's output lines on a thread, so a silent implementation can time out.
fn reader(stdout: ChildStdout) -> Receiver<Line> {
    let (sender, receiver) = mpsc::sync_channel(64);
    thread::spawn(move || read_lines(BufReader::new(stdout), &sender));
    receiver
}

fn read_lines(mut input: BufReader<ChildStdout>, sender: &SyncSender<Line>) {
    let cap = u64::try_from(MAX_LINE_BYTES).unwrap_or(u64::MAX);
    loop {
        let mut line = Vec::new();
        let line = match (&mut input).take(cap).read_until(b'\n', &mut line) {
            Ok(0) | Err(_) => {
                let _ = sender.send(Line::End);
                return;
            }
            Ok(_) if line.last() != Some(&b'\n') && line.len() >= MAX_LINE_BYTES => {
                // Drop the rest of the line.
                let mut rest = Vec::new();
                if input.read_until(b'\n', &mut rest).is_err() {
                    let _ = sender.send(Line::End);
                    return;
                }
                Line::TooLong
            }
            Ok(_) => Line::Text(line),
        };
        if sender.send(line).is_err() {
            return;
        }
    }
}

/// Splits a command line into words: whitespace separates, single quotes keep everything,
/// double quotes keep everything but `\"` and `\\`, a backslash outside quotes escapes the next
/// character.
fn split_words(cmd: &str) -> Result<Vec<String>, String> {
    let mut words = Vec::new();
    let mut word: Option<String> = None;
    let mut chars = cmd.chars();
    while let Some(c) = chars.next() {
        match c {
            c if c.is_whitespace() => {
                if let Some(w) = word.take() {
                    words.push(w);
                }
            }
            '\'' => {
                let w = word.get_or_insert_with(String::new);
                loop {
                    match chars.next() {
                        Some('\'') => break,
                        Some(c) => w.push(c),
                        None => return Err("unclosed single quote".to_owned()),
                    }
                }
            }
            '"' => {
                let w = word.get_or_insert_with(String::new);
                loop {
                    match chars.next() {
                        Some('"') => break,
                        Some('\\') => match chars.next() {
                            Some(c @ ('"' | '\\')) => w.push(c),
                            Some(c) => {
                                w.push('\\');
                                w.push(c);
                            }
                            None => return Err("unclosed double quote".to_owned()),
                        },
                        Some(c) => w.push(c),
                        None => return Err("unclosed double quote".to_owned()),
                    }
                }
            }
            '\\' => {
                let next = chars.next().ok_or("a backslash ends the command")?;
                word.get_or_insert_with(String::new).push(next);
            }
            c => word.get_or_insert_with(String::new).push(c),
        }
    }
    if let Some(w) = word {
        words.push(w);
    }
    Ok(words)
}

// ---------------------------------------------------------------------------------------------
// Reports.

struct Summary<'a> {
    implementation: Option<&'a str>,
    ledger: Option<&'a Path>,
    scored: &'a [Scored<'a>],
    stale: &'a [&'a str],
}

impl Summary<'_> {
    fn total(&self) -> Tally {
        let mut tally = Tally::default();
        for s in self.scored {
            tally.add(s.class);
        }
        tally
    }

    fn categories(&self) -> BTreeMap<&str, Tally> {
        let mut map: BTreeMap<&str, Tally> = BTreeMap::new();
        for s in self.scored {
            map.entry(s.vector.category.as_str())
                .or_default()
                .add(s.class);
        }
        map
    }

    fn implementation_name(&self) -> String {
        match self.implementation {
            Some(cmd) => cmd.to_owned(),
            None => format!("in-process (emvqr {})", env!("CARGO_PKG_VERSION")),
        }
    }

    fn text(&self) -> String {
        let mut out = String::new();
        for s in self.scored {
            let label = match s.class {
                Class::Passed => continue,
                Class::Failed => "FAIL",
                Class::UnexpectedPass => "UNEXPECTED PASS",
                Class::ExpectedFailure => "expected failure",
                Class::Skipped => "skipped",
            };
            let reason = s.reason.as_deref().unwrap_or("");
            let _ = writeln!(
                out,
                "{label} {} [{}]: {}",
                Escaped(&s.vector.id),
                s.vector.category,
                Escaped(reason)
            );
        }
        for id in self.stale {
            let _ = writeln!(
                out,
                "note: the ledger names {}, which is not among the vectors",
                Escaped(id)
            );
        }
        let _ = writeln!(
            out,
            "implementation: {}",
            Escaped(&self.implementation_name())
        );
        if let Some(ledger) = self.ledger {
            let _ = writeln!(out, "ledger: {}", ledger.display());
        }
        let categories = self.categories();
        let width = categories
            .keys()
            .map(|k| k.chars().count())
            .max()
            .unwrap_or(0)
            .max("category".len());
        let _ = writeln!(
            out,
            "{:<width$}  {:>6}  {:>6}  {:>8}  {:>7}",
            "category", "passed", "failed", "expected", "skipped"
        );
        for (name, t) in &categories {
            let _ = writeln!(
                out,
                "{name:<width$}  {:>6}  {:>6}  {:>8}  {:>7}",
                t.passed, t.failed, t.expected, t.skipped
            );
        }
        let total = self.total();
        if total.expected > 0 {
            let _ = writeln!(
                out,
                "{} expected failures (listed in the ledger)",
                total.expected
            );
        }
        let _ = writeln!(out, "{}", total.closing_line());
        out
    }

    fn json(&self) -> Result<String, Fatal> {
        let tally = |t: &Tally| {
            serde_json::json!({
                "passed": t.passed,
                "failed": t.failed,
                "expected_failures": t.expected,
                "skipped": t.skipped,
            })
        };
        let categories: Map<String, Value> = self
            .categories()
            .iter()
            .map(|(k, t)| ((*k).to_owned(), tally(t)))
            .collect();
        let vectors: Vec<Value> = self
            .scored
            .iter()
            .map(|s| {
                serde_json::json!({
                    "id": s.vector.id,
                    "kind": s.vector.kind,
                    "category": s.vector.category,
                    "file": s.vector.file.display().to_string(),
                    "result": s.class.name(),
                    "reason": s.reason,
                })
            })
            .collect();
        let total = self.total();
        let unexpected_passes = self
            .scored
            .iter()
            .filter(|s| s.class == Class::UnexpectedPass)
            .count();
        let document = serde_json::json!({
            "implementation": self.implementation_name(),
            "ledger": self.ledger.map(|p| p.display().to_string()),
            "passed": total.passed,
            "failed": total.failed,
            "skipped": total.skipped,
            "expected_failures": total.expected,
            "unexpected_passes": unexpected_passes,
            "stale_ledger_entries": self.stale,
            "categories": categories,
            "vectors": vectors,
            "closing": total.closing_line(),
        });
        let mut out = serde_json::to_string_pretty(&document)
            .map_err(|e| Fatal(format!("cannot serialize the report: {e}")))?;
        out.push('\n');
        Ok(out)
    }

    fn junit(&self) -> String {
        let total = self.total();
        let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        let _ = writeln!(
            out,
            "<testsuites name=\"{}\" tests=\"{}\" failures=\"{}\" skipped=\"{}\">",
            Xml(&format!("emvqr conform: {}", self.implementation_name())),
            self.scored.len(),
            total.failed,
            total.skipped.saturating_add(total.expected),
        );
        for (name, t) in self.categories() {
            let count = self
                .scored
                .iter()
                .filter(|s| s.vector.category == name)
                .count();
            let _ = writeln!(
                out,
                "  <testsuite name=\"{}\" tests=\"{count}\" failures=\"{}\" errors=\"0\" skipped=\"{}\">",
                Xml(name),
                t.failed,
                t.skipped.saturating_add(t.expected),
            );
            for s in self.scored.iter().filter(|s| s.vector.category == name) {
                let _ = write!(
                    out,
                    "    <testcase classname=\"{}\" name=\"{}\"",
                    Xml(name),
                    Xml(&s.vector.id)
                );
                let reason = s.reason.as_deref().unwrap_or("");
                let _ = match s.class {
                    Class::Passed => writeln!(out, "/>"),
                    Class::Failed | Class::UnexpectedPass => writeln!(
                        out,
                        ">\n      <failure message=\"{}\">{}</failure>\n    </testcase>",
                        Xml(reason),
                        Xml(reason)
                    ),
                    Class::ExpectedFailure => writeln!(
                        out,
                        ">\n      <skipped message=\"expected failure: {}\"/>\n    </testcase>",
                        Xml(reason)
                    ),
                    Class::Skipped => writeln!(
                        out,
                        ">\n      <skipped message=\"{}\"/>\n    </testcase>",
                        Xml(reason)
                    ),
                };
            }
            let _ = writeln!(out, "  </testsuite>");
        }
        let _ = writeln!(out, "</testsuites>");
        out
    }
}

/// Text for an XML attribute or element: markup characters escaped, characters XML 1.0 does
/// not allow (C0 controls but tab, line feed and carriage return; U+FFFE, U+FFFF) written as
/// `\u{..}`.
struct Xml<'a>(&'a str);

impl std::fmt::Display for Xml<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for c in self.0.chars() {
            match c {
                '&' => f.write_str("&amp;")?,
                '<' => f.write_str("&lt;")?,
                '>' => f.write_str("&gt;")?,
                '"' => f.write_str("&quot;")?,
                '\'' => f.write_str("&apos;")?,
                '\t' | '\n' | '\r' => write!(f, "&#{};", u32::from(c))?,
                c if c < ' ' || c == '\u{FFFE}' || c == '\u{FFFF}' => {
                    write!(f, "{}", c.escape_unicode())?;
                }
                c => f.write_char(c)?,
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn obj(v: Value) -> Map<String, Value> {
        v.as_object().cloned().unwrap()
    }

    #[test]
    fn words_split_like_a_shell() {
        assert_eq!(
            split_words("a  'b c' \"d \\\" e\" f\\ g").unwrap(),
            vec!["a", "b c", "d \" e", "f g"]
        );
        assert!(split_words("'open").is_err());
        assert!(split_words("\"open").is_err());
        assert_eq!(split_words("  ").unwrap(), Vec::<String>::new());
    }

    #[test]
    fn verdict_only_implementations_are_scored_on_the_verdict() {
        let vector = obj(json!({"id": "x", "expect": "invalid",
            "error": {"code": "crc_mismatch", "offset": 10, "path": "63"}}));
        assert!(score_decode(&vector, &obj(json!({"id": "x", "valid": false}))).is_ok());
        assert!(score_decode(&vector, &obj(json!({"id": "x", "valid": true}))).is_err());
        assert!(score_decode(&vector, &obj(json!({"id": "x"}))).is_err());
    }

    #[test]
    fn error_code_offset_and_path_are_scored_when_given() {
        let vector = obj(json!({"id": "x", "expect": "invalid",
            "error": {"code": "crc_mismatch", "offset": 10, "path": "63"}}));
        let ok = obj(json!({"valid": false, "error": "crc_mismatch", "offset": 10, "path": "63"}));
        assert!(score_decode(&vector, &ok).is_ok());
        let code = obj(json!({"valid": false, "error": "crc_missing"}));
        assert!(
            score_decode(&vector, &code)
                .unwrap_err()
                .contains("crc_missing")
        );
        let offset = obj(json!({"valid": false, "error": "crc_mismatch", "offset": 11}));
        assert!(score_decode(&vector, &offset).is_err());
        let path = obj(json!({"valid": false, "error": "crc_mismatch", "path": ""}));
        assert!(score_decode(&vector, &path).is_err());
    }

    #[test]
    fn fields_and_warnings_are_compared_exactly() {
        let vector = obj(json!({"id": "x", "expect": "valid",
            "fields": {"00": "01", "62": {"05": "A"}}, "warnings": ["b", "a"]}));
        let same = obj(
            json!({"valid": true, "fields": {"00": "01", "62": {"05": "A"}},
            "warnings": ["a", "b"]}),
        );
        assert!(score_decode(&vector, &same).is_ok());
        let sub = obj(json!({"valid": true, "fields": {"00": "01", "62": {"05": "B"}}}));
        let why = score_decode(&vector, &sub).unwrap_err();
        assert!(why.contains("62.05"), "{why}");
        let extra = obj(json!({"valid": true, "fields": {"00": "01", "01": "11",
            "62": {"05": "A"}}}));
        assert!(
            score_decode(&vector, &extra)
                .unwrap_err()
                .contains("01 unexpected")
        );
        let warn = obj(json!({"valid": true, "warnings": ["a"]}));
        assert!(score_decode(&vector, &warn).is_err());
        let verdict_only = obj(json!({"valid": true, "fields": null}));
        assert!(score_decode(&vector, &verdict_only).is_ok());
    }

    #[test]
    fn categories_come_from_the_hostile_class_or_the_file() {
        assert_eq!(
            category("mpm", "real", &obj(json!({"hostile": "c6"}))),
            "mpm/hostile-C"
        );
        assert_eq!(category("mpm", "rules", &obj(json!({}))), "mpm/rules");
    }

    #[test]
    fn xml_escapes_markup_and_forbidden_characters() {
        let text = Xml("a<b>&\"'\u{1}\u{b}\n").to_string();
        assert_eq!(text, "a&lt;b&gt;&amp;&quot;&apos;\\u{1}\\u{b}&#10;");
    }

    #[test]
    fn decode_request_copies_payload_and_options() {
        let r = decode_request(
            &obj(json!({"payload_hex": "ff",
            "options": {"lenient": ["all"]}})),
            Path::new("x"),
        )
        .unwrap();
        assert_eq!(
            Value::Object(r),
            json!({"payload_hex": "ff", "options": {"lenient": ["all"]}})
        );
        let r = decode_request(&obj(json!({"payload": "x"})), Path::new("x")).unwrap();
        assert_eq!(Value::Object(r), json!({"payload": "x", "options": {}}));
        assert!(
            decode_request(
                &obj(json!({"payload": "x", "payload_hex": "ff"})),
                Path::new("x")
            )
            .is_err()
        );
    }
}
