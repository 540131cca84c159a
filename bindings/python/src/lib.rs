//! The native half of the `emvqr` Python package: each function calls the public API of the
//! `emvqr` crate and answers with one JSON document, which `emvqr/__init__.py` turns into
//! Python objects (and an `EmvqrError` for a refusal). Keeping the boundary to text keeps this
//! layer thin: no Python object is built here.

use std::collections::HashMap;

use emvqr::new::NewError;
use emvqr::render::{self, Ec};
use emvqr::route::decide;
use emvqr::scan::scan_with;
use emvqr::{CpmPayload, DecodeOptions, Leniency, Payload, PayloadBuf, Registry, RoutingTable};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use serde_json::{Value, json};

/// The decode options of the Python keywords.
fn options(lenient: bool, pedantic: bool) -> DecodeOptions {
    let base = if pedantic {
        DecodeOptions::pedantic()
    } else {
        DecodeOptions::strict()
    };
    if lenient {
        Leniency::ALL.into_iter().fold(base, DecodeOptions::allow)
    } else {
        base
    }
}

fn error(e: &emvqr::Error) -> Value {
    json!({"code": e.code(), "offset": e.offset(), "path": e.path().to_string(),
           "rule": e.rule(), "message": e.to_string()})
}

fn warning(w: &emvqr::Warning) -> Value {
    json!({"code": w.code(), "offset": w.offset(), "path": w.path().to_string(),
           "rule": w.rule(), "message": w.to_string()})
}

/// What `emvqr decode --json` says of a payload, with the same keys on every answer:
/// `valid`, `mode`, `scheme`, `fields`, `error`, `warnings`.
fn decoded(text: &str, opts: &DecodeOptions, mode: Mode) -> Value {
    let cpm = match mode {
        Mode::Auto => emvqr::cpm::is_cpm(text.as_bytes()),
        Mode::Cpm => true,
        Mode::Mpm => false,
    };
    if cpm {
        let mut buf = [0u8; emvqr::cpm::MAX_CPM_BYTES];
        return match CpmPayload::parse_base64(text.as_bytes(), &mut buf) {
            Ok(p) => json!({"valid": true, "mode": "cpm", "scheme": null,
                "fields": p.field_map_masked(), "error": null,
                "warnings": p.warnings().map(|w| json!({"code": w.code(), "offset": w.offset(),
                    "path": w.path().to_string(), "rule": null, "message": w.to_string()}))
                    .collect::<Vec<_>>()}),
            Err(e) => json!({"valid": false, "mode": "cpm", "scheme": null, "fields": null,
                "error": {"code": e.code(), "offset": e.offset(), "path": e.path().to_string(),
                          "rule": null, "message": e.to_string()},
                "warnings": []}),
        };
    }
    match Payload::parse_with(text, opts) {
        Ok(p) => {
            let profiles = p.profiles();
            json!({"valid": true, "mode": "mpm",
                "scheme": (!profiles.is_empty()).then(|| profiles.to_string()),
                "fields": p.field_map(), "error": null,
                "warnings": p.warnings().iter().map(warning).collect::<Vec<_>>()})
        }
        Err(e) => json!({"valid": false, "mode": "mpm", "scheme": null, "fields": null,
            "error": error(&e), "warnings": []}),
    }
}

/// Which mode a payload is decoded in.
#[derive(Clone, Copy)]
enum Mode {
    /// Consumer-presented when it starts as one (`hQVDUFY`), merchant-presented otherwise.
    Auto,
    Mpm,
    Cpm,
}

fn mode(name: &str) -> PyResult<Mode> {
    match name {
        "auto" => Ok(Mode::Auto),
        "mpm" => Ok(Mode::Mpm),
        "cpm" => Ok(Mode::Cpm),
        other => Err(PyValueError::new_err(format!(
            "mode {other:?} is not auto, mpm or cpm"
        ))),
    }
}

/// Decodes one payload (merchant- or consumer-presented).
#[pyfunction]
#[pyo3(signature = (payload, lenient=false, pedantic=false, mode="auto"))]
fn decode_json(payload: &str, lenient: bool, pedantic: bool, mode: &str) -> PyResult<String> {
    Ok(decoded(payload, &options(lenient, pedantic), self::mode(mode)?).to_string())
}

/// Decodes many payloads without holding the interpreter: one answer each, in order.
#[pyfunction]
#[pyo3(signature = (payloads, lenient=false, pedantic=false))]
fn decode_batch_json(
    py: Python<'_>,
    payloads: Vec<String>,
    lenient: bool,
    pedantic: bool,
) -> String {
    let opts = options(lenient, pedantic);
    py.detach(|| {
        Value::Array(
            payloads
                .iter()
                .map(|p| decoded(p, &opts, Mode::Auto))
                .collect(),
        )
        .to_string()
    })
}

/// Every error and warning of a merchant-presented payload, in payload order.
#[pyfunction]
#[pyo3(signature = (payload, lenient=false, pedantic=false))]
fn decode_all_json(payload: &str, lenient: bool, pedantic: bool) -> String {
    let findings = Payload::validate_all(payload, &options(lenient, pedantic));
    let list: Vec<Value> = findings
        .iter()
        .map(|f| match f {
            emvqr::mpm::Finding::Error(e) => {
                let mut v = error(e);
                v["severity"] = json!("error");
                v
            }
            emvqr::mpm::Finding::Warning(w) => {
                let mut v = warning(w);
                v["severity"] = json!("warning");
                v
            }
        })
        .collect();
    Value::Array(list).to_string()
}

fn scan_value(s: &emvqr::Scan<'_>) -> Value {
    json!({
        "kind": s.kind().code(),
        "candidates": s.candidates().map(|c| json!({"provider": c.provider,
            "matched_by": c.matched_by.code(), "id": c.id, "matched": c.matched,
            "institution": c.institution})).collect::<Vec<_>>(),
        "mpm_error": s.mpm_error().as_ref().map(error),
    })
}

/// Classifies a scanned text and lists the providers it names.
#[pyfunction]
#[pyo3(signature = (text, lenient=false, pedantic=false))]
fn scan_json(text: &str, lenient: bool, pedantic: bool) -> String {
    scan_value(&scan_with(
        &Registry::embedded(),
        text,
        &options(lenient, pedantic),
    ))
    .to_string()
}

/// How the embedded wallet `wallet` pays a scanned text.
#[pyfunction]
#[pyo3(signature = (text, wallet, lenient=false, pedantic=false))]
fn route_json(text: &str, wallet: &str, lenient: bool, pedantic: bool) -> PyResult<String> {
    let table = RoutingTable::embedded(wallet).ok_or_else(|| {
        let names: Vec<&str> = RoutingTable::embedded_all()
            .iter()
            .map(|t| t.wallet)
            .collect();
        PyValueError::new_err(format!(
            "no embedded routing table for wallet {wallet:?} (embedded: {})",
            names.join(", ")
        ))
    })?;
    let d = decide(
        scan_with(&Registry::embedded(), text, &options(lenient, pedantic)),
        &table,
    );
    let mut v = scan_value(d.scan());
    v["wallet"] = json!(wallet);
    v["route"] = d.route().map_or(
        Value::Null,
        |r| json!({"provider": r.provider, "via": r.via, "cost": r.cost, "note": r.note}),
    );
    v["reason"] = json!(d.refusal().map(|r| r.code()));
    v["reason_words"] = json!(d.refusal().map(|r| r.words()));
    Ok(v.to_string())
}

fn made(r: Result<PayloadBuf, NewError>) -> String {
    match r {
        Ok(code) => json!({"payload": code.as_str()}),
        Err(e) => json!({"error": {"input": e.input(), "message": e.message(),
            "code": e.error().map(|x| x.code()), "rule": e.error().and_then(|x| x.rule())}}),
    }
    .to_string()
}

/// Builds a scheme's code from its inputs (`emvqr.new_code`): `scheme` and the inputs as the
/// command line's `emvqr new` names them (`national-id`; Python's `national_id` is turned into
/// that by the caller).
#[pyfunction]
fn new_json(scheme: &str, inputs: HashMap<String, String>) -> String {
    made(emvqr::new::from_inputs(scheme, |name| {
        inputs.get(name).map(String::as_str)
    }))
}

fn ec(level: &str) -> PyResult<Ec> {
    level.parse().map_err(|_| {
        PyValueError::new_err(format!("error correction {level:?} is not L, M, Q or H"))
    })
}

/// The payload drawn as a PNG (1-bit greyscale, `scale` pixels a module, quiet zone included).
#[pyfunction]
#[pyo3(signature = (payload, scale=8, level="M"))]
fn render_png(payload: &str, scale: u32, level: &str) -> PyResult<Vec<u8>> {
    render::to_png(payload, ec(level)?, scale).map_err(|e| PyValueError::new_err(e.to_string()))
}

/// The payload drawn as an SVG document.
#[pyfunction]
#[pyo3(signature = (payload, level="M"))]
fn render_svg(payload: &str, level: &str) -> PyResult<String> {
    render::to_svg(payload, ec(level)?).map_err(|e| PyValueError::new_err(e.to_string()))
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(decode_json, m)?)?;
    m.add_function(wrap_pyfunction!(decode_batch_json, m)?)?;
    m.add_function(wrap_pyfunction!(decode_all_json, m)?)?;
    m.add_function(wrap_pyfunction!(scan_json, m)?)?;
    m.add_function(wrap_pyfunction!(route_json, m)?)?;
    m.add_function(wrap_pyfunction!(new_json, m)?)?;
    m.add_function(wrap_pyfunction!(render_png, m)?)?;
    m.add_function(wrap_pyfunction!(render_svg, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
