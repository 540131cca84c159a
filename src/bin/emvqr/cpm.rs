//! `decode` of consumer-presented payloads (text starting with `hQVDUFY`).
//!
//! Card data prints masked, in the tree and in `--json` ([`emvqr::cpm::mask`]: by tag, and any
//! Luhn-valid card number wherever it sits); `--reveal` prints it whole, for a terminal
//! integration.

use std::fmt::{self, Write as _};

use emvqr::ber::{Tag, Tlv};
use emvqr::cpm::{CpmFieldMap, CpmPayload, Error, MAX_CPM_BYTES, mask};
use serde::Serialize;

use crate::io::{EXIT_INVALID, EXIT_VALID, Fatal, Finding, Outcome, write_json_line};
use emvqr::{Escaped, Hex};

#[derive(Serialize)]
struct ValidJson<'a> {
    mode: &'static str,
    valid: bool,
    fields: &'a CpmFieldMap,
    warnings: Vec<Finding>,
}

#[derive(Serialize)]
struct InvalidJson {
    mode: &'static str,
    valid: bool,
    error: Finding,
}

fn finding(e: &Error) -> Finding {
    Finding {
        code: e.code(),
        offset: e.offset(),
        path: e.path().to_string(),
        message: e.to_string(),
        rule: None,
    }
}

/// Decodes the scanned text of a consumer-presented code; `reveal`: card data whole.
pub(crate) fn decode(text: &[u8], json: bool, reveal: bool) -> Result<Outcome, Fatal> {
    let mut buf = [0u8; MAX_CPM_BYTES];
    let mut out = String::new();
    let status = match CpmPayload::parse_base64(text, &mut buf) {
        Ok(p) => {
            if json {
                let fields = if reveal {
                    p.field_map()
                } else {
                    p.field_map_masked()
                };
                let warnings = p
                    .warnings()
                    .map(|w| Finding {
                        code: w.code(),
                        offset: w.offset(),
                        path: w.path().to_string(),
                        message: w.to_string(),
                        rule: None,
                    })
                    .collect();
                let valid = ValidJson {
                    mode: "cpm",
                    valid: true,
                    fields: &fields,
                    warnings,
                };
                write_json_line(&mut out, &valid)?;
            } else {
                write_tree(&mut out, &p, reveal)?;
            }
            EXIT_VALID
        }
        Err(e) => {
            if json {
                let invalid = InvalidJson {
                    mode: "cpm",
                    valid: false,
                    error: finding(&e),
                };
                write_json_line(&mut out, &invalid)?;
            } else {
                writeln!(out, "invalid: {e}")?;
                writeln!(out, "  code: {}", e.code())?;
                writeln!(out, "  offset: {}", e.offset())?;
                let path = e.path();
                if path.is_root() {
                    writeln!(out, "  path: (root)")?;
                } else {
                    writeln!(out, "  path: {path}")?;
                }
            }
            EXIT_INVALID
        }
    };
    Ok(Outcome {
        stdout: out,
        status,
    })
}

fn tag_name(tag: Tag) -> &'static str {
    match tag.to_u32() {
        0x85 => "Payload Format Indicator",
        0x61 => "Application Template",
        0x62 => "Common Data Template",
        0x63 => "Application Specific Transparent Template",
        0x64 => "Common Data Transparent Template",
        0x4F => "ADF Name",
        0x50 => "Application Label",
        0x57 => "Track 2 Equivalent Data",
        0x5A => "Application PAN",
        0x5F20 => "Cardholder Name",
        0x5F2D => "Language Preference",
        0x5F50 => "Issuer URL",
        0x9F08 => "Application Version Number",
        0x9F19 => "Token Requestor ID",
        0x9F24 => "Payment Account Reference",
        0x9F25 => "Last 4 Digits of PAN",
        0x9F10 => "Issuer Application Data",
        0x9F26 => "Application Cryptogram",
        0x9F27 => "Cryptogram Information Data",
        0x9F36 => "Application Transaction Counter",
        0x9F37 => "Unpredictable Number",
        0x82 => "Application Interchange Profile",
        0x5F34 => "PAN Sequence Number",
        _ => "",
    }
}

fn write_tree(out: &mut String, p: &CpmPayload<'_>, reveal: bool) -> fmt::Result {
    writeln!(
        out,
        "valid consumer-presented payload ({} bytes)",
        p.as_bytes().len()
    )?;
    for o in p.objects() {
        write_object(out, &o, 0, false, reveal)?;
    }
    let mut any = false;
    for w in p.warnings() {
        if !any {
            writeln!(out, "warnings:")?;
            any = true;
        }
        writeln!(out, "  {}: {w}", w.code())?;
    }
    if !any {
        writeln!(out, "warnings: none")?;
    }
    Ok(())
}

fn write_object(
    out: &mut String,
    t: &Tlv<'_>,
    indent: usize,
    poi: bool,
    reveal: bool,
) -> fmt::Result {
    let pad = "   ".repeat(indent);
    let name = tag_name(t.tag());
    let sep = if name.is_empty() { "" } else { " " };
    if t.is_constructed() {
        writeln!(out, "{pad}{}{sep}{name}", t.tag())?;
        let poi = matches!(t.tag().to_u32(), 0x61 | 0x62);
        for c in t.children().flatten() {
            write_object(out, &c, indent.saturating_add(1), poi, reveal)?;
        }
        return Ok(());
    }
    write!(out, "{pad}{}{sep}{name}: ", t.tag())?;
    let v = t.value();
    match mask(t.tag(), v).filter(|_| !reveal) {
        Some(masked) => write!(out, "{masked}")?,
        None if matches!(t.tag().to_u32(), 0x50 | 0x5F20 | 0x5F2D | 0x5F50) && poi
            || t.tag().to_u32() == 0x85 =>
        {
            match std::str::from_utf8(v) {
                Ok(text) => write!(out, "{}", Escaped(text))?,
                Err(_) => write!(out, "{}", Hex(v))?,
            }
        }
        None => write!(out, "{}", Hex(v))?,
    }
    writeln!(out)
}
