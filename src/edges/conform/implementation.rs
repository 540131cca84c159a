//! What the runner talks to: the protocol's objects, an implementation under test, and the
//! runner's own errors.

use std::string::String;

/// A JSON object: a vector, a request or a response.
pub type Object = serde_json::Map<String, serde_json::Value>;

/// Longest line of the protocol read, in bytes: a longer request is answered with a protocol
/// error, a longer response fails its vector; neither is stored.
pub const MAX_LINE_BYTES: usize = 1 << 20;

/// An implementation under test: answers the protocol's requests.
///
/// Implemented by [`Emvqr`](crate::conform::Emvqr) (this crate, in process) and
/// [`External`](crate::conform::External) (a child process speaking the line protocol); another
/// crate implements it for its own decoder to run the vectors in its test suite (see the
/// [module](crate::conform) example).
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
