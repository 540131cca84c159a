//! The table of vector kinds: how a vector becomes a request, how this crate answers that
//! request, and how an answer is scored against the vector.
//!
//! Adding a vector kind is one entry in [`KINDS`].

use std::string::String;

use super::implementation::Object;
use super::origin::Origin;
use super::{decode, scan};

/// One vector kind (the name of its folder under `spec/`).
pub(super) struct Kind {
    /// The folder name, and the `kind` of the request.
    pub(super) name: &'static str,
    /// The kind's own request keys, built from a vector (without `id` and `kind`); `Err` says
    /// why the vector is malformed.
    pub(super) request: fn(&Object, &Origin<'_>) -> Result<Object, String>,
    /// This crate's answer to a request (without `id`); `Err` is a protocol error.
    pub(super) answer: fn(&Object) -> Result<Object, String>,
    /// Scores a response against the vector; `Err` says why the vector fails.
    pub(super) score: fn(&Object, &Object) -> Result<(), String>,
}

/// Every kind the runner and this crate's answerer know. A decode kind (payload in; verdict,
/// error and fields out) shares the request and the score and only brings its answer.
const KINDS: &[Kind] = &[
    Kind {
        name: "mpm",
        request: decode::request,
        answer: decode::answer_mpm,
        score: decode::score,
    },
    // Scheme-profile vectors are merchant-presented payloads judged with the profiles on.
    Kind {
        name: "profile",
        request: decode::request,
        answer: decode::answer_mpm,
        score: decode::score,
    },
    // Real codes gathered from public sources: merchant-presented payloads judged with the
    // default options (spec/real/).
    Kind {
        name: "real",
        request: decode::request,
        answer: decode::answer_mpm,
        score: decode::score,
    },
    Kind {
        name: "cpm",
        request: decode::request,
        answer: decode::answer_cpm,
        score: decode::score,
    },
    Kind {
        name: "paycode",
        request: scan::scan_request,
        answer: scan::answer_paycode,
        score: scan::score_paycode,
    },
    Kind {
        name: "scan",
        request: scan::scan_request,
        answer: scan::answer_scan,
        score: scan::score_scan,
    },
    Kind {
        name: "route",
        request: scan::route_request,
        answer: scan::answer_route,
        score: scan::score_route,
    },
];

/// The kind of the given name.
pub(super) fn kind(name: &str) -> Option<&'static Kind> {
    KINDS.iter().find(|k| k.name == name)
}

/// The names of the vector kinds this module runs and answers, in a fixed order.
///
/// ```
/// let kinds: Vec<&str> = emvqr::conform::kinds().collect();
/// assert!(kinds.contains(&"mpm") && kinds.contains(&"route"));
/// ```
pub fn kinds() -> impl Iterator<Item = &'static str> {
    KINDS.iter().map(|k| k.name)
}
