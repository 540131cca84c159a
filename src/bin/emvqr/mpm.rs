//! `decode` and `encode` of merchant-presented payloads.

use std::borrow::Cow;
use std::ffi::OsString;
use std::fmt::{self, Write as _};
use std::path::PathBuf;

use clap::Args;
use emvqr::mpm::{object_name, sub_object_name};
use emvqr::{DecodeOptions, FieldMap, FieldValue, Network, Payload, PayloadBuilder, Profile};
use serde::Serialize;

use crate::io::{
    EXIT_INVALID, EXIT_VALID, Fatal, Finding, Outcome, Strictness, arg_bytes, is_stdin,
    read_stdin_payload, respond, write_json_line, write_valid_json,
};
use emvqr::Escaped;

/// Most bytes of JSON `encode` reads: far more than any description of a payload needs.
const MAX_JSON_BYTES: usize = 1 << 20;

#[derive(Debug, Args)]
pub(crate) struct DecodeArgs {
    /// Print one JSON object on one line instead of a tree.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    strictness: Strictness,
    /// Report every error and warning the payload has, in payload order, instead of stopping
    /// at the first error: {"mode":"mpm","valid":..,"findings":[{"severity":..,"code":..}]}.
    #[arg(long, conflicts_with = "lines")]
    all: bool,
    /// Batch mode: PAYLOAD names a file (or `-` for standard input) of one payload per line;
    /// prints one result per line, in input order, decoding on every core.
    #[arg(long)]
    lines: bool,
    /// With --lines: write the summary (counts by verdict, error code and scheme) to FILE as
    /// JSON instead of standard error.
    #[arg(long, value_name = "FILE", requires = "lines")]
    summary: Option<PathBuf>,
    /// Print a consumer-presented code's card data whole (PAN, tracks, PAR, expiry, cardholder
    /// name, any Luhn-valid card number), for a terminal integration; masked otherwise.
    #[arg(long)]
    reveal: bool,
    /// The payload, or `-` to read it from standard input (one line break at the end
    /// and a byte-order mark at the start are dropped); with
    /// --lines, the file of payloads.
    #[arg(value_name = "PAYLOAD")]
    payload: OsString,
}

#[derive(Debug, Args)]
pub(crate) struct EncodeArgs {
    /// Print {"mode":"mpm","valid":true,"payload":"..."} instead of the bare payload.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    strictness: Strictness,
    /// The JSON description, or `-` to read it from standard input.
    #[arg(value_name = "JSON")]
    input: OsString,
}

#[derive(Serialize)]
struct EncodedJson<'a> {
    mode: &'static str,
    valid: bool,
    payload: &'a str,
}

pub(crate) fn decode(args: &DecodeArgs) -> Result<Outcome, Fatal> {
    if args.lines {
        let options = args.strictness.options();
        let settings = crate::lines::Settings {
            json: args.json,
            reveal: args.reveal,
            options: &options,
        };
        return crate::lines::decode_lines(&args.payload, settings, args.summary.as_deref());
    }
    let bytes: Cow<'_, [u8]> = if is_stdin(&args.payload) {
        // Anything over the maximum is `too_long` whatever follows, so stop reading there.
        Cow::Owned(read_stdin_payload(emvqr::MAX_INPUT_BYTES)?)
    } else {
        Cow::Borrowed(arg_bytes(&args.payload))
    };
    if args.all && !emvqr::cpm::is_cpm(&bytes) {
        return decode_all(&bytes, args.json, &args.strictness.options());
    }
    decode_bytes(&bytes, args.json, args.reveal, args.strictness.options())
}

/// A finding of `decode --all`, as printed in JSON.
#[derive(Serialize)]
struct AllFinding {
    severity: &'static str,
    #[serde(flatten)]
    finding: Finding,
}

#[derive(Serialize)]
struct AllJson {
    mode: &'static str,
    valid: bool,
    findings: Vec<AllFinding>,
}

/// `decode --all`: every finding, in payload order.
fn decode_all(bytes: &[u8], json: bool, options: &DecodeOptions) -> Result<Outcome, Fatal> {
    let findings: Vec<AllFinding> = match std::str::from_utf8(bytes) {
        Ok(text) => Payload::validate_all(text, options)
            .iter()
            .map(|f| match f {
                emvqr::mpm::Finding::Error(e) => AllFinding {
                    severity: "error",
                    finding: Finding::of_error(e),
                },
                emvqr::mpm::Finding::Warning(w) => AllFinding {
                    severity: "warning",
                    finding: Finding::of_warning(w),
                },
            })
            .collect(),
        // Not UTF-8: nothing else can be read.
        Err(_) => Payload::parse_bytes(bytes, options)
            .err()
            .map(|e| AllFinding {
                severity: "error",
                finding: Finding::of_error(&e),
            })
            .into_iter()
            .collect(),
    };
    let valid = findings.iter().all(|f| f.severity != "error");
    let mut out = String::new();
    if json {
        let all = AllJson {
            mode: "mpm",
            valid,
            findings,
        };
        write_json_line(&mut out, &all)?;
    } else {
        writeln!(out, "{}", if valid { "valid" } else { "invalid" })?;
        for f in &findings {
            let path = if f.finding.path.is_empty() {
                String::new()
            } else {
                format!(" {}", f.finding.path)
            };
            writeln!(
                out,
                "{} {}{path} at {}: {}",
                f.severity, f.finding.code, f.finding.offset, f.finding.message
            )?;
        }
        if findings.is_empty() {
            writeln!(out, "no findings")?;
        }
    }
    Ok(Outcome {
        stdout: out,
        status: if valid { EXIT_VALID } else { EXIT_INVALID },
    })
}

/// What `decode` prints for these payload bytes, and its exit status.
/// `reveal`: a consumer-presented code's card data printed whole.
pub(crate) fn decode_bytes(
    bytes: &[u8],
    json: bool,
    reveal: bool,
    options: DecodeOptions,
) -> Result<Outcome, Fatal> {
    if emvqr::cpm::is_cpm(bytes) {
        return crate::cpm::decode(bytes, json, reveal);
    }
    let parsed = Payload::parse_bytes(bytes, &options);
    respond(parsed, json, |out, p| {
        if json {
            write_valid_json(out, &p)
        } else {
            write_tree(out, &p)?;
            Ok(())
        }
    })
}

pub(crate) fn encode(args: &EncodeArgs) -> Result<Outcome, Fatal> {
    let bytes: Cow<'_, [u8]> = if is_stdin(&args.input) {
        let buf = read_stdin_payload(MAX_JSON_BYTES)?;
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
    let built = PayloadBuilder::from_field_map(&map)
        .and_then(|b| b.options(args.strictness.options()).build());
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

fn write_tree(out: &mut String, p: &Payload<'_>) -> fmt::Result {
    let count = p.objects().count();
    let plural = if count == 1 { "" } else { "s" };
    writeln!(
        out,
        "valid merchant-presented payload ({count} object{plural})"
    )?;
    let profiles = p.profiles();
    if !profiles.is_empty() {
        let names: Vec<&str> = profiles.iter().map(Profile::name).collect();
        writeln!(out, "scheme: {}", names.join(" + "))?;
    }
    for o in p.objects() {
        let name = object_name(o.id);
        if let Some(template) = p.template(o.id) {
            writeln!(out, "{:02} {name}", o.id)?;
            // The scheme whose merchant account template this is, by its identifier.
            let owner = template
                .guid()
                .and_then(|g| emvqr::scheme::lookup(o.id, g))
                .and_then(|row| row.profile);
            for s in template.fields() {
                let scheme_name = owner
                    .and_then(|pr| pr.field_name(o.id, true, s.id))
                    .or_else(|| {
                        profiles
                            .iter()
                            .find_map(|pr| pr.field_name(o.id, false, s.id))
                    });
                let sub_name = scheme_name.unwrap_or_else(|| sub_object_name(o.id, s.id));
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
