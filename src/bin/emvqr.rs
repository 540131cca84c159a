//! `emvqr`: decode, validate and encode EMVCo merchant-presented QR payloads.
//!
//! ```text
//! emvqr decode [--json] [--lenient] <PAYLOAD | ->
//! emvqr encode [--json] [--lenient] <JSON | ->
//! ```
//!
//! `decode` checks a payload against the EMVCo rules (strict by default, every known producer
//! deviation accepted with `--lenient`) and prints a readable tree, or with `--json` one JSON
//! object on one line: `{"mode":"mpm","valid":true,"fields":{..},"warnings":[..]}` or
//! `{"mode":"mpm","valid":false,"error":{"code":..,"offset":..,"path":..,"message":..}}`.
//!
//! `encode` builds a payload from a JSON field map (the `fields` of `decode --json`, or the whole
//! `decode --json` object), so `emvqr decode --json X | emvqr encode -` re-encodes a payload.
//!
//! `-` reads all of standard input, byte for byte, without trimming.
//!
//! Exit status: 0 valid, 1 invalid payload (or refused build), 2 usage or I/O error.

use std::borrow::Cow;
use std::ffi::{OsStr, OsString};
use std::fmt::{self, Write as _};
use std::io::{self, Read, Write};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use emvqr::mpm::{object_name, sub_object_name};
use emvqr::{DecodeOptions, Error, FieldMap, FieldValue, Network, Payload, PayloadBuilder};
use serde::Serialize;

/// Exit status of a valid payload.
const EXIT_VALID: u8 = 0;
/// Exit status of an invalid payload or a refused build.
const EXIT_INVALID: u8 = 1;
/// Exit status of a usage or I/O error.
const EXIT_USAGE: u8 = 2;

/// Most bytes of JSON `encode` reads: far more than any description of a payload needs.
const MAX_JSON_BYTES: usize = 1 << 20;

/// Decode, validate and encode EMVCo merchant-presented QR payloads.
///
/// Exit status: 0 valid, 1 invalid payload (or refused build), 2 usage or I/O error.
#[derive(Debug, Parser)]
#[command(name = "emvqr", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Decode and validate a payload, printing its data objects.
    ///
    /// Prints a tree of the data objects and any warnings (or, with --json, one JSON object on
    /// one line). Exit status: 0 valid, 1 invalid, 2 usage or I/O error.
    Decode(DecodeArgs),
    /// Build a payload from a JSON field map.
    ///
    /// The input is either a bare field map ({"00":"01","59":"SHOP","62":{"05":"***"},...}) or an
    /// object with a "fields" key, such as the output of `decode --json`. ID 63 is ignored: the
    /// CRC is computed. Objects are written in ascending ID order. Exit status: 0 built, 1 refused
    /// (the error is printed like decode's), 2 malformed JSON, usage or I/O error.
    Encode(EncodeArgs),
}

#[derive(Debug, Args)]
struct DecodeArgs {
    /// Print one JSON object on one line instead of a tree.
    #[arg(long)]
    json: bool,
    /// Accept every known producer deviation (lower-case CRC, non-GUID identifiers, ...),
    /// reporting each as a warning.
    #[arg(long)]
    lenient: bool,
    /// The payload, or `-` to read all of standard input (byte for byte, no trimming).
    #[arg(value_name = "PAYLOAD")]
    payload: OsString,
}

#[derive(Debug, Args)]
struct EncodeArgs {
    /// Print {"mode":"mpm","valid":true,"payload":"..."} instead of the bare payload.
    #[arg(long)]
    json: bool,
    /// Validate the built payload leniently instead of strictly.
    #[arg(long)]
    lenient: bool,
    /// The JSON description, or `-` to read it from standard input.
    #[arg(value_name = "JSON")]
    input: OsString,
}

/// What a command produced: the text for standard output and the exit status.
struct Outcome {
    stdout: String,
    status: u8,
}

/// A usage or I/O failure: reported on standard error, exit status 2.
struct Fatal(String);

impl From<fmt::Error> for Fatal {
    fn from(_: fmt::Error) -> Fatal {
        Fatal("cannot format the output".to_owned())
    }
}

/// An error or warning as printed in JSON.
#[derive(Serialize)]
struct Finding {
    code: &'static str,
    offset: usize,
    path: String,
    message: String,
}

impl Finding {
    fn of_error(e: &Error) -> Finding {
        Finding {
            code: e.code(),
            offset: e.offset(),
            path: e.path().to_string(),
            message: e.to_string(),
        }
    }

    fn of_warning(w: &emvqr::Warning) -> Finding {
        Finding {
            code: w.code(),
            offset: w.offset(),
            path: w.path().to_string(),
            message: w.to_string(),
        }
    }
}

#[derive(Serialize)]
struct ValidJson<'a> {
    mode: &'static str,
    valid: bool,
    fields: &'a FieldMap,
    warnings: Vec<Finding>,
}

#[derive(Serialize)]
struct InvalidJson {
    mode: &'static str,
    valid: bool,
    error: Finding,
}

#[derive(Serialize)]
struct EncodedJson<'a> {
    mode: &'static str,
    valid: bool,
    payload: &'a str,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // Help and version go to stdout (exit 0), usage errors to stderr (exit 2). A
            // closed stream is not worth reporting.
            let _ = e.print();
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(EXIT_USAGE));
        }
    };
    let result = match &cli.command {
        Command::Decode(args) => decode(args),
        Command::Encode(args) => encode(args),
    };
    match result {
        Ok(outcome) => emit(&outcome),
        Err(Fatal(message)) => {
            let _ = writeln!(io::stderr().lock(), "emvqr: {message}");
            ExitCode::from(EXIT_USAGE)
        }
    }
}

/// Writes the outcome to stdout. A closed stdout (`| head`) ends quietly with the outcome's
/// status; any other write error is an I/O error.
fn emit(outcome: &Outcome) -> ExitCode {
    let mut stdout = io::stdout().lock();
    let written = stdout
        .write_all(outcome.stdout.as_bytes())
        .and_then(|()| stdout.flush());
    match written {
        Ok(()) => ExitCode::from(outcome.status),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::from(outcome.status),
        Err(e) => {
            let _ = writeln!(io::stderr().lock(), "emvqr: cannot write output: {e}");
            ExitCode::from(EXIT_USAGE)
        }
    }
}

fn options(lenient: bool) -> DecodeOptions {
    if lenient {
        DecodeOptions::lenient()
    } else {
        DecodeOptions::strict()
    }
}

fn is_stdin(arg: &OsStr) -> bool {
    arg == "-"
}

/// The raw bytes of an argument, so that an argument that is not UTF-8 reaches the decoder
/// (and is reported as `invalid_utf8`) instead of failing in the shell layer.
#[cfg(unix)]
fn arg_bytes(arg: &OsStr) -> &[u8] {
    std::os::unix::ffi::OsStrExt::as_bytes(arg)
}

/// The bytes of an argument; on Windows, ill-formed UTF-16 becomes ill-formed UTF-8 (WTF-8).
#[cfg(not(unix))]
fn arg_bytes(arg: &OsStr) -> &[u8] {
    arg.as_encoded_bytes()
}

/// Reads standard input up to `limit` bytes plus one (enough to tell that it is too long).
fn read_stdin(limit: usize) -> Result<Vec<u8>, Fatal> {
    let cap = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
    let mut buf = Vec::new();
    io::stdin()
        .lock()
        .take(cap)
        .read_to_end(&mut buf)
        .map_err(|e| Fatal(format!("cannot read standard input: {e}")))?;
    Ok(buf)
}

fn decode(args: &DecodeArgs) -> Result<Outcome, Fatal> {
    let bytes: Cow<'_, [u8]> = if is_stdin(&args.payload) {
        // Anything over the maximum is `too_long` whatever follows, so stop reading there.
        Cow::Owned(read_stdin(emvqr::MAX_INPUT_BYTES)?)
    } else {
        Cow::Borrowed(arg_bytes(&args.payload))
    };
    let parsed = Payload::parse_bytes(&bytes, &options(args.lenient));
    respond(parsed, args.json, |out, p| {
        if args.json {
            let fields = p.field_map();
            let json = ValidJson {
                mode: "mpm",
                valid: true,
                fields: &fields,
                warnings: p.warnings().iter().map(Finding::of_warning).collect(),
            };
            write_json_line(out, &json)
        } else {
            write_tree(out, &p)?;
            Ok(())
        }
    })
}

/// Turns a library result into the command's output and exit status: `valid` writes the
/// success output, an error is written as the error object (exit 1).
fn respond<T>(
    result: Result<T, emvqr::Error>,
    json: bool,
    valid: impl FnOnce(&mut String, T) -> Result<(), Fatal>,
) -> Result<Outcome, Fatal> {
    let mut out = String::new();
    let status = match result {
        Ok(v) => {
            valid(&mut out, v)?;
            EXIT_VALID
        }
        Err(e) => {
            write_error(&mut out, &e, json)?;
            EXIT_INVALID
        }
    };
    Ok(Outcome {
        stdout: out,
        status,
    })
}

fn encode(args: &EncodeArgs) -> Result<Outcome, Fatal> {
    let bytes: Cow<'_, [u8]> = if is_stdin(&args.input) {
        let buf = read_stdin(MAX_JSON_BYTES)?;
        if buf.len() > MAX_JSON_BYTES {
            return Err(Fatal(format!(
                "JSON input larger than {MAX_JSON_BYTES} bytes"
            )));
        }
        Cow::Owned(buf)
    } else {
        Cow::Borrowed(arg_bytes(&args.input))
    };
    let map = parse_field_map(&bytes).map_err(Fatal)?;
    let built =
        PayloadBuilder::from_field_map(&map).and_then(|b| b.options(options(args.lenient)).build());
    respond(built, args.json, |out, p| {
        if args.json {
            let json = EncodedJson {
                mode: "mpm",
                valid: true,
                payload: p.as_str(),
            };
            write_json_line(out, &json)
        } else {
            writeln!(out, "{}", p.as_str())?;
            Ok(())
        }
    })
}

/// Reads a field map: an object with a `fields` key, or a bare map of two-digit IDs to strings
/// (primitives) or objects of strings (templates).
fn parse_field_map(bytes: &[u8]) -> Result<FieldMap, String> {
    use serde_json::Value;

    let value: Value = serde_json::from_slice(bytes).map_err(|e| format!("malformed JSON: {e}"))?;
    let Value::Object(mut object) = value else {
        return Err("expected a JSON object (a field map, or an object with \"fields\")".into());
    };
    let fields = match object.remove("fields") {
        Some(Value::Object(fields)) => fields,
        Some(_) => return Err("\"fields\" is not a JSON object".into()),
        None => object,
    };
    let mut map = FieldMap::new();
    for (id, value) in fields {
        let field = match value {
            Value::String(text) => FieldValue::Text(text),
            Value::Object(subs) => {
                let mut template = std::collections::BTreeMap::new();
                for (sub, value) in subs {
                    let Value::String(text) = value else {
                        return Err(format!(
                            "field {id}.{sub}: expected a string, found {}",
                            json_type(&value)
                        ));
                    };
                    template.insert(sub, text);
                }
                FieldValue::Template(template)
            }
            other => {
                return Err(format!(
                    "field {id}: expected a string or an object of strings, found {}",
                    json_type(&other)
                ));
            }
        };
        map.insert(id, field);
    }
    Ok(map)
}

fn json_type(value: &serde_json::Value) -> &'static str {
    use serde_json::Value;
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn write_json_line<T: Serialize>(out: &mut String, value: &T) -> Result<(), Fatal> {
    let json = serde_json::to_string(value)
        .map_err(|e| Fatal(format!("cannot serialize the output: {e}")))?;
    writeln!(out, "{json}")?;
    Ok(())
}

fn write_error(out: &mut String, e: &Error, json: bool) -> Result<(), Fatal> {
    if json {
        let invalid = InvalidJson {
            mode: "mpm",
            valid: false,
            error: Finding::of_error(e),
        };
        return write_json_line(out, &invalid);
    }
    writeln!(out, "invalid: {e}")?;
    writeln!(out, "  code: {}", e.code())?;
    writeln!(out, "  offset: {}", e.offset())?;
    writeln!(out, "  path: {}", PathText(e.path()))?;
    Ok(())
}

/// A path for humans: `(root)` instead of the empty string.
struct PathText(emvqr::Path);

impl fmt::Display for PathText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_root() {
            f.write_str("(root)")
        } else {
            fmt::Display::fmt(&self.0, f)
        }
    }
}

fn write_tree(out: &mut String, p: &Payload<'_>) -> fmt::Result {
    let count = p.objects().count();
    let plural = if count == 1 { "" } else { "s" };
    writeln!(
        out,
        "valid merchant-presented payload ({count} object{plural})"
    )?;
    for o in p.objects() {
        let name = object_name(o.id);
        if let Some(template) = p.template(o.id) {
            writeln!(out, "{:02} {name}", o.id)?;
            for s in template.fields() {
                let sub_name = sub_object_name(o.id, s.id);
                writeln!(out, "   {:02} {sub_name}: {}", s.id, Escaped(s.value))?;
            }
        } else {
            write!(out, "{:02} {name}: {}", o.id, Escaped(o.value))?;
            if let Some(note) = note(p, o.id, o.value) {
                write!(out, " ({note})")?;
            }
            writeln!(out)?;
        }
    }
    let warnings = p.warnings();
    if warnings.is_empty() && p.warnings_dropped() == 0 {
        writeln!(out, "warnings: none")?;
    } else {
        writeln!(out, "warnings:")?;
        for w in warnings {
            writeln!(out, "  {}: {w}", w.code())?;
        }
        if p.warnings_dropped() > 0 {
            writeln!(out, "  ... and {} more not kept", p.warnings_dropped())?;
        }
    }
    Ok(())
}

/// A short explanation of a primitive value, where one helps.
fn note(p: &Payload<'_>, id: u8, value: &str) -> Option<Cow<'static, str>> {
    let text = match (id, value) {
        (1, "11") => "static",
        (1, "12") => "dynamic",
        (2..=25, _) => return Some(format!("network: {}", Network::for_id(id).name()).into()),
        (53, _) => p.currency()?.alpha(),
        (55, "01") => "consumer prompted for a tip",
        (55, "02") => "fixed convenience fee",
        (55, "03") => "percentage convenience fee",
        (57, _) => "percent",
        _ => return None,
    };
    Some(Cow::Borrowed(text))
}

/// A value for a terminal: control characters, bidirectional controls, invisible characters and
/// line separators are escaped (`\u{1b}`), so a hostile payload cannot drive the terminal or
/// reorder what is shown.
struct Escaped<'a>(&'a str);

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

fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            // Bidirectional controls.
            '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
            // Invisible characters.
            | '\u{00AD}' | '\u{180E}' | '\u{200B}'..='\u{200D}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}'
            // Line and paragraph separators.
            | '\u{2028}' | '\u{2029}'
        )
}
