//! The vectors of `spec/` and their ledger, built into the crate (feature `vectors`).

use std::path::{Path, PathBuf};
use std::vec::Vec;

use super::implementation::Error;
use super::ledger::{LEDGER_NAME, Ledger};
use super::vector::{Vector, collect};

// `FILES`: each vector file's path under the crate root and its text; `DATA`: the same for the
// data files vectors name (routing tables); `LEDGER`: the text of `spec/expected_failures.txt`.
// Written by the build script.
include!(concat!(env!("OUT_DIR"), "/vectors.rs"));

/// The conformance vectors this crate was built with: what [`load`](super::load) reads from
/// `spec` in the crate's own folder, so a program can run them from anywhere (`emvqr conform`
/// with no path). Feature `vectors`.
///
/// # Errors
/// None in practice: the files were read when the crate was built; a file that is not a JSON
/// array of vectors, or an id that appears twice, is reported as [`load`](super::load) does.
///
/// # Examples
/// ```
/// use emvqr::conform::{Emvqr, Ledger, Runner, embedded};
///
/// let vectors = embedded()?;
/// assert!(vectors.iter().any(|v| v.id() == "mpm-annex-b"));
/// let summary = Runner::new().ledger(Ledger::embedded()).filter("mpm-annex-b").run(&vectors, &mut Emvqr);
/// assert!(summary.succeeded());
/// # Ok::<(), emvqr::conform::Error>(())
/// ```
pub fn embedded() -> Result<Vec<Vector>, Error> {
    collect(
        FILES
            .iter()
            .map(|&(path, text)| Ok((PathBuf::from(path), text.as_bytes()))),
        true,
    )
}

/// The built-in text of a data file, by its path under the crate root (`spec/routing/pix.json`).
pub(super) fn data(path: &Path) -> Option<&'static str> {
    DATA.iter()
        .find(|&&(name, _)| Path::new(name) == path)
        .map(|&(_, text)| text)
}

impl Ledger {
    /// The ledger of expected failures this crate was built with (`spec/expected_failures.txt`),
    /// for the vectors of [`embedded`]. Feature `vectors`.
    /// Its [`path`](Ledger::path) is where it sits in the crate, `spec/expected_failures.txt`.
    pub fn embedded() -> Ledger {
        Ledger::parse(LEDGER).at(Path::new("spec").join(LEDGER_NAME))
    }
}
