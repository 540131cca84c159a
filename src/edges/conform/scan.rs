//! The kinds of the provider registry and the routing tables: `paycode`, `scan` and `route`
//! (vector formats in `spec/README.md`), each as its request, this crate's answer and the score
//! of an answer.

use super::origin::Origin;
use std::borrow::ToOwned;
use std::collections::BTreeSet;
use std::format;
use std::string::{String, ToString};
use std::vec::Vec;

use serde_json::{Map, Value};

use super::decode::request_options;
use super::implementation::Object;
use crate::knowledge::registry::Registry;
use crate::knowledge::scheme::same_family;
use crate::policy::route::{RoutingTable, RoutingTableBuf, decide};
use crate::policy::scan::{Kind as ScanKind, Scan, scan_with};

/// Largest routing table file read for a route request.
const MAX_TABLE_BYTES: u64 = 1 << 20;

/// A string field of a vector or a request.
fn text<'a>(object: &'a Object, key: &str) -> Result<&'a str, String> {
    object
        .get(key)
        .and_then(Value::as_str)
        .ok_or_else(|| format!("needs a string {key:?}"))
}

/// The request of a scan-based kind: the payload and the decode options.
pub(super) fn scan_request(vector: &Object, _origin: &Origin<'_>) -> Result<Object, String> {
    let mut request = Map::new();
    request.insert("payload".to_owned(), Value::from(text(vector, "payload")?));
    if let Some(options) = vector.get("options") {
        request.insert("options".to_owned(), options.clone());
    }
    Ok(request)
}

/// The request of a route vector: the scan request plus the wallet and, when the vector names a
/// table file under `routing/`, that table inline (so an implementation needs no file access).
pub(super) fn route_request(vector: &Object, origin: &Origin<'_>) -> Result<Object, String> {
    let mut request = scan_request(vector, origin)?;
    request.insert("wallet".to_owned(), Value::from(text(vector, "wallet")?));
    if let Some(name) = vector.get("table").and_then(Value::as_str) {
        let table = origin.read_data("routing", name, MAX_TABLE_BYTES)?;
        let table: Value = serde_json::from_str(&table)
            .map_err(|e| format!("routing table {name} is not JSON: {e}"))?;
        request.insert("table".to_owned(), table);
    }
    Ok(request)
}

fn scanned<'a>(request: &'a Object) -> Result<Scan<'a>, String> {
    let options = request_options(request)?;
    Ok(scan_with(
        &Registry::embedded(),
        text(request, "payload")?,
        &options,
    ))
}

fn distinct_providers(s: &Scan<'_>) -> Vec<Value> {
    let set: BTreeSet<&str> = s.candidates().map(|c| c.provider).collect();
    set.into_iter().map(Value::from).collect()
}

fn candidates(s: &Scan<'_>) -> Value {
    s.candidates()
        .map(|c| {
            let mut o = Map::new();
            o.insert("provider".to_owned(), Value::from(c.provider));
            o.insert("matched_by".to_owned(), Value::from(c.matched_by.code()));
            if let Some(id) = c.id {
                o.insert("id".to_owned(), Value::from(id));
            }
            if let Some(institution) = c.institution {
                o.insert("institution".to_owned(), Value::from(institution));
            }
            Value::Object(o)
        })
        .collect()
}

/// This crate's answer to a `paycode` request: the scan's kind and its distinct providers.
pub(super) fn answer_paycode(request: &Object) -> Result<Object, String> {
    let s = scanned(request)?;
    let mut answer = Map::new();
    answer.insert("kind".to_owned(), Value::from(s.kind().code()));
    answer.insert("providers".to_owned(), Value::Array(distinct_providers(&s)));
    Ok(answer)
}

/// Scores a `paycode` answer: one provider is `match`, several `ambiguous`, a text that is not a
/// payment code `none`; the providers as a set.
pub(super) fn score_paycode(vector: &Object, response: &Object) -> Result<(), String> {
    let kind = text(response, "kind")?;
    let providers = response
        .get("providers")
        .and_then(Value::as_array)
        .ok_or("the response has no \"providers\" array")?;
    // Several providers of one family (an Alipay code that Alipay+ also accepts) are one code
    // with several acceptance paths; of different families, an ambiguous one.
    let first = providers.first().and_then(Value::as_str).unwrap_or("");
    let one_family = providers
        .iter()
        .all(|p| p.as_str().is_some_and(|p| same_family(first, p)));
    let got = match (kind == ScanKind::Paycode.code(), one_family) {
        (true, true) => "match",
        (true, false) => "ambiguous",
        _ => "none",
    };
    let expect = text(vector, "expect")?;
    if got != expect {
        return Err(format!("{got} (kind {kind}), expected {expect}"));
    }
    let set = |list: &[Value]| -> BTreeSet<String> { list.iter().map(Value::to_string).collect() };
    let want = vector
        .get("providers")
        .and_then(Value::as_array)
        .ok_or("malformed vector: no \"providers\"")?;
    if set(providers) != set(want) {
        return Err(format!(
            "providers {}, expected {}",
            Value::from(providers.clone()),
            Value::from(want.clone())
        ));
    }
    Ok(())
}

/// This crate's answer to a `scan` request: the kind and the candidates in order.
pub(super) fn answer_scan(request: &Object) -> Result<Object, String> {
    let s = scanned(request)?;
    let mut answer = Map::new();
    answer.insert("kind".to_owned(), Value::from(s.kind().code()));
    answer.insert("candidates".to_owned(), candidates(&s));
    answer.insert("valid".to_owned(), Value::Bool(s.is_valid()));
    Ok(answer)
}

/// Compares candidate lists in order; each expected candidate's keys must match (a vector may
/// leave `id` out).
fn score_candidates(want: Option<&Value>, got: Option<&Value>) -> Result<(), String> {
    let want = want
        .and_then(Value::as_array)
        .ok_or("malformed vector: no \"candidates\"")?;
    let got = got
        .and_then(Value::as_array)
        .ok_or("the response has no \"candidates\" array")?;
    let differs = || {
        format!(
            "candidates {}, expected {}",
            Value::from(got.clone()),
            Value::from(want.clone())
        )
    };
    if got.len() != want.len() {
        return Err(differs());
    }
    for (g, w) in got.iter().zip(want) {
        let w = w
            .as_object()
            .ok_or("malformed vector: a candidate is not an object")?;
        if w.iter().any(|(k, wv)| g.get(k) != Some(wv)) {
            return Err(differs());
        }
    }
    Ok(())
}

/// Scores a `scan` answer: the kind, then the candidates.
pub(super) fn score_scan(vector: &Object, response: &Object) -> Result<(), String> {
    let kind = text(response, "kind")?;
    let expect = text(vector, "expect")?;
    if kind != expect {
        return Err(format!("kind {kind}, expected {expect}"));
    }
    // Whether the code is valid, when both the vector and the response say.
    if let (Some(want), Some(got)) = (
        vector.get("valid").and_then(Value::as_bool),
        response.get("valid").and_then(Value::as_bool),
    ) && want != got
    {
        return Err(format!("valid {got}, expected {want}"));
    }
    score_candidates(vector.get("candidates"), response.get("candidates"))
}

/// This crate's answer to a `route` request: the scan's kind, the route (`null` when refused),
/// the reason (`null` when routed) and every skipped candidate with its reason.
pub(super) fn answer_route(request: &Object) -> Result<Object, String> {
    let wallet = text(request, "wallet")?;
    let table_text;
    let loaded;
    let table = match request.get("table") {
        Some(t) if !t.is_null() => {
            table_text = t.to_string();
            loaded = serde_json::from_str::<RoutingTableBuf<'_>>(&table_text)
                .map_err(|e| format!("\"table\" is not a routing table: {e}"))?;
            loaded.view()
        }
        _ => RoutingTable::embedded(wallet)
            .ok_or_else(|| format!("no embedded routing table for wallet {wallet:?}"))?,
    };
    let d = decide(scanned(request)?, &table);
    let mut answer = Map::new();
    answer.insert("kind".to_owned(), Value::from(d.scan().kind().code()));
    let route = d.route().map(|r| {
        let mut o = Map::new();
        o.insert("provider".to_owned(), Value::from(r.provider));
        o.insert("via".to_owned(), Value::from(r.via));
        Value::Object(o)
    });
    answer.insert("route".to_owned(), route.unwrap_or(Value::Null));
    answer.insert(
        "reason".to_owned(),
        d.refusal().map_or(Value::Null, |r| Value::from(r.code())),
    );
    let skipped: Vec<Value> = d
        .scan()
        .candidates()
        .enumerate()
        .filter_map(|(i, c)| {
            d.skipped(i).map(|r| {
                let mut o = Map::new();
                o.insert("provider".to_owned(), Value::from(c.provider));
                o.insert("reason".to_owned(), Value::from(r.code()));
                Value::Object(o)
            })
        })
        .collect();
    // Not `skipped`: in the protocol that key means the implementation skipped the request.
    answer.insert("skipped_candidates".to_owned(), Value::Array(skipped));
    Ok(answer)
}

/// Scores a `route` answer: the scan's kind when the vector pins it, the route or the refusal,
/// and the skipped candidates when the vector lists them.
pub(super) fn score_route(vector: &Object, response: &Object) -> Result<(), String> {
    if let Some(want) = vector.get("kind").and_then(Value::as_str) {
        let kind = text(response, "kind")?;
        if kind != want {
            return Err(format!("kind {kind}, expected {want}"));
        }
    }
    let expect = text(vector, "expect")?;
    let route = response.get("route").unwrap_or(&Value::Null);
    let reason = response.get("reason").and_then(Value::as_str);
    let pair = |v: &Value| {
        (
            v.get("provider").and_then(Value::as_str).map(str::to_owned),
            v.get("via").and_then(Value::as_str).map(str::to_owned),
        )
    };
    match (expect, route.is_null()) {
        ("routed", true) => {
            return Err(format!(
                "refused ({}), expected a route",
                reason.unwrap_or("no reason")
            ));
        }
        ("routed", false) => {
            let want = vector
                .get("route")
                .ok_or("malformed vector: no \"route\"")?;
            if pair(route) != pair(want) {
                return Err(format!("route {route}, expected {want}"));
            }
        }
        (_, false) => return Err(format!("routed {route}, expected {expect}")),
        (_, true) => {
            if reason != Some(expect) {
                return Err(format!(
                    "refused ({}), expected {expect}",
                    reason.unwrap_or("no reason")
                ));
            }
        }
    }
    if let Some(want) = vector.get("skipped") {
        let got = response
            .get("skipped_candidates")
            .ok_or("the response has no \"skipped_candidates\"")?;
        if got != want {
            return Err(format!("skipped {got}, expected {want}"));
        }
    }
    Ok(())
}
