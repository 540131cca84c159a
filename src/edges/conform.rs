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

#[cfg(feature = "vectors")]
mod built_in;
mod decode;
mod external;
mod files;
mod implementation;
mod kinds;
mod ledger;
mod origin;
mod report;
mod run;
mod scan;
mod serve;
mod vector;

pub use decode::request_options;
pub use external::External;
pub use implementation::{Error, Implementation, MAX_LINE_BYTES, Object};
pub use kinds::kinds;
pub use ledger::{LEDGER_NAME, Ledger};
pub use report::{Class, Record, Report, Summary, Tally};
pub use run::Runner;
pub use serve::{Emvqr, ServeError, handle, serve};
#[cfg(feature = "vectors")]
pub use vector::embedded;
pub use vector::{Status, Vector, load};
