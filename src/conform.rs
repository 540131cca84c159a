//! The conformance runner (feature `conform`): the vectors of `spec/` checked against this
//! crate or any other implementation, in process or over the line protocol of
//! `spec/PROTOCOL.md`.
//!
//! `emvqr conform` and `emvqr serve-conformance` are this module behind a command line. Another
//! crate's test suite can run the same vectors against its own decoder: [`load`] the vectors,
//! implement [`Implementation`] (one request object in, one response object out, as in the
//! protocol's "Request" and "Response"), and let a [`Runner`] score every answer and apply the
//! [`Ledger`] of expected failures. The [`Summary`] it returns counts the results per category
//! and renders the text, JSON and JUnit reports.
//!
//! # Examples
//! ```
//! use emvqr::conform::{Implementation, Ledger, Object, Runner, load};
//! use serde_json::Value;
//!
//! /// A decoder that knows only the verdict: a payload is valid when it is not empty.
//! struct NonEmpty;
//!
//! impl Implementation for NonEmpty {
//!     fn name(&self) -> String {
//!         "non-empty".to_owned()
//!     }
//!
//!     fn answer(&mut self, request: &Object) -> Result<Object, String> {
//!         let valid = request.get("payload").and_then(Value::as_str).is_some_and(|p| !p.is_empty());
//!         let mut response = Object::new();
//!         response.insert("id".to_owned(), request.get("id").cloned().unwrap_or(Value::Null));
//!         response.insert("valid".to_owned(), Value::Bool(valid));
//!         Ok(response)
//!     }
//! }
//!
//! let vectors = load(&["spec/mpm/annex_b.json"])?;
//! let summary = Runner::new().ledger(Ledger::new()).run(&vectors, &mut NonEmpty);
//! // The worked example passes; its three broken variants are accepted, and fail.
//! assert_eq!(summary.closing_line(), "1 passed, 3 failed");
//! assert!(!summary.succeeded());
//! assert!(summary.text().contains(
//!     "FAIL mpm-annex-b-stale-crc [mpm/annex_b]: accepted, expected crc_mismatch at 244 path \"63\"\n"
//! ));
//! # Ok::<(), emvqr::conform::Error>(())
//! ```

use std::string::String;

mod decode;
mod external;
mod kinds;
mod ledger;
mod report;
mod run;
mod scan;
mod serve;
mod vector;

pub use external::External;
pub use kinds::kinds;
pub use ledger::{LEDGER_NAME, Ledger};
pub use report::{Class, Record, Report, Summary, Tally};
pub use run::Runner;
pub use serve::{Emvqr, ServeError, handle, serve};
pub use vector::{Status, Vector, load};

/// A JSON object: a vector, a request or a response.
pub type Object = serde_json::Map<String, serde_json::Value>;

/// Longest line of the protocol read, in bytes: a longer request is answered with a protocol
/// error, a longer response fails its vector; neither is stored.
pub const MAX_LINE_BYTES: usize = 1 << 20;

/// An implementation under test: answers the protocol's requests.
///
/// Implemented by [`Emvqr`] (this crate, in process) and [`External`] (a child process speaking
/// the line protocol); another crate implements it for its own decoder to run the vectors in
/// its test suite (see the [module](self) example).
pub trait Implementation {
    /// The name shown in the reports (`implementation: ...`).
    fn name(&self) -> String;

    /// The response to one request (`spec/PROTOCOL.md`, "Request": `id`, `kind` and the kind's
    /// keys). The response holds the kind's keys (`valid`, `error`, `fields`, ...), or
    /// `skipped` with a reason, or `protocol_error`; its `id` is not checked.
    ///
    /// # Errors
    /// A failure of the implementation itself (a crash, a time-out, unreadable output): the
    /// vector fails with this reason.
    fn answer(&mut self, request: &Object) -> Result<Object, String>;

    /// Called once a run has checked its last vector. Does nothing by default.
    fn finish(&mut self) {}
}

/// A failure to load vectors, read a ledger or start an external implementation: what and
/// where, as one line of text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    message: String,
}

impl Error {
    pub(crate) fn new(message: String) -> Error {
        Error { message }
    }

    /// The message, as [`Display`](core::fmt::Display) writes it.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl core::fmt::Display for Error {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}
