//! The vectors of `spec/`, the data files they name and their ledger, as the build script
//! embedded them (feature `vectors`).

use std::path::Path;

// `VECTORS`: each vector file's path under the crate root and its text; `DATA`: the same for
// the data files vectors name (routing tables); `LEDGER`: the text of
// `spec/expected_failures.txt`.
include!(concat!(env!("OUT_DIR"), "/vectors.rs"));

/// The built-in text of a data file, by its path under the crate root (`spec/routing/pix.json`).
pub(super) fn data(path: &Path) -> Option<&'static str> {
    DATA.iter()
        .find(|&&(name, _)| Path::new(name) == path)
        .map(|&(_, text)| text)
}
