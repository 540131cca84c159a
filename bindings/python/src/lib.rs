//! The native half of the `emvqr` Python package: each function calls the public API of the
//! `emvqr` crate and answers with one JSON document, which `emvqr/__init__.py` turns into
//! Python objects (and an `EmvqrError` for a refusal). Keeping the boundary to text keeps this
//! layer thin: no Python object is built here.

use std::borrow::Cow;
use std::collections::HashMap;

use emvqr::new::NewError;
use emvqr::render::{self, Ec};
use emvqr::route::decide;
use emvqr::scan::scan_with;
use emvqr::{CpmPayload, DecodeOptions, Leniency, Payload, PayloadBuf, Registry, RoutingTable};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyTuple};
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

/// A column of Arrow strings being built: validity bitmap, 32-bit offsets (starting at 0)
/// and bytes.
struct Strings {
    len: usize,
    valid: Vec<u8>,
    offsets: Vec<u8>,
    data: Vec<u8>,
}

/// Sets bit `i` of an Arrow bitmap (least significant bit first), growing it as needed.
fn set_bit(bits: &mut Vec<u8>, i: usize, on: bool) {
    if bits.len() <= i / 8 {
        bits.push(0);
    }
    if on && let Some(byte) = bits.get_mut(i / 8) {
        *byte |= 1 << (i % 8);
    }
}

impl Default for Strings {
    fn default() -> Strings {
        Strings {
            len: 0,
            valid: Vec::new(),
            offsets: 0i32.to_le_bytes().to_vec(),
            data: Vec::new(),
        }
    }
}

impl Strings {
    fn push(&mut self, value: Option<&str>) {
        set_bit(&mut self.valid, self.len, value.is_some());
        self.data.extend_from_slice(value.unwrap_or("").as_bytes());
        // Arrow's string offsets are 32-bit: a column over 2 GiB is cut short.
        let end = i32::try_from(self.data.len()).unwrap_or(i32::MAX);
        self.offsets.extend_from_slice(&end.to_le_bytes());
        self.len += 1;
    }

    fn into_py<'py>(
        self,
        py: Python<'py>,
    ) -> (
        Bound<'py, PyBytes>,
        Bound<'py, PyBytes>,
        Bound<'py, PyBytes>,
    ) {
        (
            PyBytes::new(py, &self.valid),
            PyBytes::new(py, &self.offsets),
            PyBytes::new(py, &self.data),
        )
    }
}

/// The columns of `emvqr.decode_table`, built in Arrow's layout; `strings` holds mode,
/// scheme, error code, path, merchant name, city, amount and currency, in that order.
struct Table {
    valid: Vec<u8>,
    offset_valid: Vec<u8>,
    offsets: Vec<u8>,
    strings: [Strings; 8],
    providers: Strings,
    provider_lists: Vec<u8>,
}

impl Default for Table {
    fn default() -> Table {
        Table {
            valid: Vec::new(),
            offset_valid: Vec::new(),
            offsets: Vec::new(),
            strings: Default::default(),
            providers: Strings::default(),
            provider_lists: 0i32.to_le_bytes().to_vec(),
        }
    }
}

impl Table {
    fn row(
        &mut self,
        i: usize,
        text: &str,
        opts: &DecodeOptions,
        registry: &Registry<'_>,
        buf: &mut [u8; emvqr::cpm::MAX_CPM_BYTES],
    ) {
        // Borrowed from the payload or static where they can be: only the scheme and the path
        // are written out.
        let mut strings: [Option<Cow<'_, str>>; 8] = Default::default();
        let mut offset = None;
        let mut valid = false;
        let mut providers: Vec<&str> = Vec::new();
        if emvqr::cpm::is_cpm(text.as_bytes()) {
            strings[0] = Some(Cow::Borrowed("cpm"));
            match CpmPayload::parse_base64(text.as_bytes(), buf) {
                Ok(_) => valid = true,
                Err(e) => {
                    strings[2] = Some(Cow::Borrowed(e.code()));
                    strings[3] = Some(Cow::Owned(e.path().to_string()));
                    offset = Some(e.offset());
                }
            }
        } else {
            strings[0] = Some(Cow::Borrowed("mpm"));
            match Payload::parse_with(text, opts) {
                Ok(p) => {
                    valid = true;
                    let profiles = p.profiles();
                    strings[1] = (!profiles.is_empty()).then(|| Cow::Owned(profiles.to_string()));
                    strings[4] = p.merchant_name().map(Cow::Borrowed);
                    strings[5] = p.merchant_city().map(Cow::Borrowed);
                    strings[6] = p.amount().map(|a| Cow::Borrowed(a.as_str()));
                    strings[7] = p.currency().map(|c| Cow::Borrowed(c.alpha()));
                    let scan = emvqr::scan::scan_payload(registry, &p);
                    for c in scan.candidates() {
                        if !providers.contains(&c.provider) {
                            providers.push(c.provider);
                        }
                    }
                }
                Err(e) => {
                    strings[2] = Some(Cow::Borrowed(e.code()));
                    strings[3] = Some(Cow::Owned(e.path().to_string()));
                    offset = Some(e.offset());
                }
            }
        }
        set_bit(&mut self.valid, i, valid);
        set_bit(&mut self.offset_valid, i, offset.is_some());
        let at = i64::try_from(offset.unwrap_or(0)).unwrap_or(i64::MAX);
        self.offsets.extend_from_slice(&at.to_le_bytes());
        for (column, value) in self.strings.iter_mut().zip(&strings) {
            column.push(value.as_deref());
        }
        for p in providers {
            self.providers.push(Some(p));
        }
        let end = i32::try_from(self.providers.len).unwrap_or(i32::MAX);
        self.provider_lists.extend_from_slice(&end.to_le_bytes());
    }
}

/// Decodes the payloads of an Arrow string array (its 32-bit `offsets` and `data` buffers,
/// `count` values) into the columns of `emvqr.decode_table`, in Arrow's layout, without
/// holding the interpreter: `(valid bitmap, (offset validity, offset values), [(validity,
/// offsets, data) per string column], (list offsets, (validity, offsets, data) of the
/// providers))`.
#[pyfunction]
#[pyo3(signature = (offsets, data, count, lenient=false, pedantic=false))]
fn decode_arrow<'py>(
    py: Python<'py>,
    offsets: &[u8],
    data: &[u8],
    count: usize,
    lenient: bool,
    pedantic: bool,
) -> PyResult<Bound<'py, PyTuple>> {
    let opts = options(lenient, pedantic);
    let table = py.detach(|| -> Result<Table, String> {
        let registry = Registry::embedded();
        let mut buf = [0u8; emvqr::cpm::MAX_CPM_BYTES];
        let mut table = Table::default();
        let at = |i: usize| -> Option<usize> {
            let b = offsets.get(i * 4..i * 4 + 4)?;
            usize::try_from(i32::from_le_bytes(b.try_into().ok()?)).ok()
        };
        for i in 0..count {
            let (start, end) = at(i).zip(at(i + 1)).ok_or("the offsets end early")?;
            let bytes = data.get(start..end).ok_or("an offset is past the data")?;
            // Not UTF-8: the decoder's error for it.
            let text = std::str::from_utf8(bytes).unwrap_or("\u{FFFD}");
            table.row(i, text, &opts, &registry, &mut buf);
        }
        Ok(table)
    });
    let table = table.map_err(PyValueError::new_err)?;
    let strings: Vec<_> = table.strings.into_iter().map(|c| c.into_py(py)).collect();
    let columns = PyTuple::new(py, strings)?;
    let offsets = (
        PyBytes::new(py, &table.offset_valid),
        PyBytes::new(py, &table.offsets),
    );
    let providers = (
        PyBytes::new(py, &table.provider_lists),
        table.providers.into_py(py),
    );
    (PyBytes::new(py, &table.valid), offsets, columns, providers).into_pyobject(py)
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
    m.add_function(wrap_pyfunction!(decode_arrow, m)?)?;
    m.add_function(wrap_pyfunction!(scan_json, m)?)?;
    m.add_function(wrap_pyfunction!(route_json, m)?)?;
    m.add_function(wrap_pyfunction!(new_json, m)?)?;
    m.add_function(wrap_pyfunction!(render_png, m)?)?;
    m.add_function(wrap_pyfunction!(render_svg, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
