//! What every command shares: outcomes and exit statuses, input, error objects, escaping.

use std::ffi::OsStr;
use std::fmt::{self, Write as _};
use std::io::{self, Read, Write};
use std::process::ExitCode;

use emvqr::{DecodeOptions, Error, FieldMap, Payload};
use serde::Serialize;

/// Exit status of a valid payload.
pub(crate) const EXIT_VALID: u8 = 0;
/// Exit status of an invalid payload or a refused build.
pub(crate) const EXIT_INVALID: u8 = 1;
/// Exit status of a usage or I/O error.
pub(crate) const EXIT_USAGE: u8 = 2;

/// The JSON object of a valid payload.
#[derive(Serialize)]
struct ValidJson<'a> {
    mode: &'static str,
    valid: bool,
    /// The scheme profiles recognised, their ids joined by `+`; `null` for none.
    scheme: Option<String>,
    fields: &'a FieldMap,
    warnings: Vec<Finding>,
}

#[derive(Serialize)]
pub(crate) struct InvalidJson {
    pub(crate) mode: &'static str,
    pub(crate) valid: bool,
    pub(crate) error: Finding,
}

/// What a command produced: the text for standard output and the exit status.
pub(crate) struct Outcome {
    pub(crate) stdout: String,
    pub(crate) status: u8,
}

/// A usage or I/O failure: reported on standard error, exit status 2.
pub(crate) struct Fatal(pub(crate) String);

impl From<fmt::Error> for Fatal {
    fn from(_: fmt::Error) -> Fatal {
        Fatal("cannot format the output".to_owned())
    }
}

/// An error or warning as printed in JSON.
#[derive(Serialize)]
pub(crate) struct Finding {
    pub(crate) code: &'static str,
    pub(crate) offset: usize,
    pub(crate) path: String,
    /// The scheme-profile rule id of a `profile_rule` finding; absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) rule: Option<&'static str>,
    pub(crate) message: String,
}

impl Finding {
    pub(crate) fn of_error(e: &Error) -> Finding {
        Finding {
            code: e.code(),
            offset: e.offset(),
            path: e.path().to_string(),
            rule: e.rule(),
            message: e.to_string(),
        }
    }

    pub(crate) fn of_warning(w: &emvqr::Warning) -> Finding {
        Finding {
            code: w.code(),
            offset: w.offset(),
            path: w.path().to_string(),
            rule: w.rule(),
            message: w.to_string(),
        }
    }
}

/// Writes the outcome to stdout. A closed stdout (`| head`) ends quietly with the outcome's
/// status; any other write error is an I/O error.
pub(crate) fn emit(outcome: &Outcome) -> ExitCode {
    let mut stdout = io::stdout().lock();
    let written = stdout
        .write_all(outcome.stdout.as_bytes())
        .and_then(|()| stdout.flush());
    match written {
        Ok(()) => ExitCode::from(outcome.status),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::from(outcome.status),
        Err(e) => {
            let _ = writeln!(std::io::stderr().lock(), "emvqr: cannot write output: {e}");
            ExitCode::from(EXIT_USAGE)
        }
    }
}

/// How strictly payloads are decoded: the flags every decoding command takes.
#[derive(Debug, Clone, Copy, clap::Args)]
pub(crate) struct Strictness {
    /// Accept every known producer deviation (non-GUID identifiers, zero amounts, ...),
    /// reporting each as a warning.
    #[arg(long)]
    lenient: bool,
    /// Apply the EMVCo rules as written, for producers checking their own codes: a scheme's
    /// departure (reported by default as the warning scheme_departure) and lower-case CRC digits
    /// are errors.
    #[arg(long)]
    pedantic: bool,
}

impl Strictness {
    /// The decode options the flags ask for.
    pub(crate) fn options(self) -> DecodeOptions {
        let base = if self.pedantic {
            DecodeOptions::pedantic()
        } else {
            DecodeOptions::strict()
        };
        if self.lenient {
            emvqr::Leniency::ALL
                .into_iter()
                .fold(base, DecodeOptions::allow)
        } else {
            base
        }
    }
}

pub(crate) fn is_stdin(arg: &OsStr) -> bool {
    arg == "-"
}

/// The raw bytes of an argument, so that an argument that is not UTF-8 reaches the decoder
/// (and is reported as `invalid_utf8`) instead of failing in the shell layer.
#[cfg(unix)]
pub(crate) fn arg_bytes(arg: &OsStr) -> &[u8] {
    std::os::unix::ffi::OsStrExt::as_bytes(arg)
}

/// The bytes of an argument; on Windows, ill-formed UTF-16 becomes ill-formed UTF-8 (WTF-8).
#[cfg(not(unix))]
pub(crate) fn arg_bytes(arg: &OsStr) -> &[u8] {
    arg.as_encoded_bytes()
}

/// Reads standard input up to `limit` bytes plus one (enough to tell that it is too long).
pub(crate) fn read_stdin(limit: usize) -> Result<Vec<u8>, Fatal> {
    let cap = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
    let mut buf = Vec::new();
    io::stdin()
        .lock()
        .take(cap)
        .read_to_end(&mut buf)
        .map_err(|e| Fatal(format!("cannot read standard input: {e}")))?;
    Ok(buf)
}

/// The UTF-8 byte-order mark some editors write at the start of a file.
pub(crate) const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The warning when a byte-order mark is dropped.
pub(crate) const BOM_DROPPED: &str =
    "dropped the byte-order mark (EF BB BF) at the start of the input";

/// Reads a payload from standard input, as the shell hands it over: one line break at the end
/// (LF or CRLF, which `echo` and editors add) is dropped, and a byte-order mark at the start is
/// dropped with a warning on standard error. Everything between stays byte for byte, so a
/// line break or control inside the payload still reaches the decoder.
pub(crate) fn read_stdin_payload(limit: usize) -> Result<Vec<u8>, Fatal> {
    // The limit counts the payload; the line break and the mark may come on top of it.
    let mut bytes = read_stdin(limit.saturating_add(BOM.len()).saturating_add(2))?;
    let end = trimmed_len(&bytes);
    bytes.truncate(end);
    if bytes.starts_with(BOM) {
        warn(BOM_DROPPED);
        bytes.drain(..BOM.len());
    }
    Ok(bytes)
}

/// The length of `bytes` without one line break at its end (`\n` or `\r\n`).
pub(crate) fn trimmed_len(bytes: &[u8]) -> usize {
    match bytes {
        [rest @ .., b'\r', b'\n'] | [rest @ .., b'\n'] => rest.len(),
        _ => bytes.len(),
    }
}

/// A warning on standard error; a closed standard error is not worth failing for.
pub(crate) fn warn(message: &str) {
    let _ = writeln!(io::stderr().lock(), "emvqr: warning: {message}");
}

/// Turns a library result into the command's output and exit status: `valid` writes the
/// success output, an error is written as the error object (exit 1).
pub(crate) fn respond<T>(
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

pub(crate) fn write_json_line<T: Serialize>(out: &mut String, value: &T) -> Result<(), Fatal> {
    let json = serde_json::to_string(value)
        .map_err(|e| Fatal(format!("cannot serialize the output: {e}")))?;
    writeln!(out, "{json}")?;
    Ok(())
}

/// Writes the one-line JSON object of a valid payload, as `decode --json` prints it.
pub(crate) fn write_valid_json(out: &mut String, p: &Payload<'_>) -> Result<(), Fatal> {
    let fields = p.field_map();
    let profiles = p.profiles();
    let json = ValidJson {
        mode: "mpm",
        valid: true,
        scheme: (!profiles.is_empty()).then(|| profiles.to_string()),
        fields: &fields,
        warnings: p.warnings().iter().map(Finding::of_warning).collect(),
    };
    write_json_line(out, &json)
}

pub(crate) fn write_error(out: &mut String, e: &Error, json: bool) -> Result<(), Fatal> {
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
    if let Some(rule) = e.rule() {
        writeln!(out, "  rule: {rule}")?;
    }
    writeln!(out, "  offset: {}", e.offset())?;
    writeln!(out, "  path: {}", PathText(e.path()))?;
    Ok(())
}

/// A path for humans: `(root)` instead of the empty string.
pub(crate) struct PathText(pub(crate) emvqr::Path);

impl fmt::Display for PathText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_root() {
            f.write_str("(root)")
        } else {
            fmt::Display::fmt(&self.0, f)
        }
    }
}
