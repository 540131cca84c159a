//! Where a vector was read from, and reading the files it names.

use std::format;
use std::io::Read as _;
use std::path::Path;
use std::string::{String, ToString};
use std::vec::Vec;

/// Where a vector was read from, for the data files it names (a route vector's table).
pub(super) struct Origin<'a> {
    /// The vector's file.
    pub(super) file: &'a Path,
    // Only the built-in vectors (feature `vectors`) set it.
    #[cfg_attr(not(feature = "vectors"), allow(dead_code))]
    pub(super) built_in: bool,
}

impl Origin<'_> {
    /// A vector file on disk.
    #[cfg(test)]
    pub(super) fn on_disk(file: &Path) -> Origin<'_> {
        Origin {
            file,
            built_in: false,
        }
    }

    /// The text of `<spec>/<folder>/<name>` for a vector file in `<spec>/<kind>/`, at most
    /// `limit` bytes; for a built-in vector, the built-in copy.
    pub(super) fn read_data(&self, folder: &str, name: &str, limit: u64) -> Result<String, String> {
        let spec = self
            .file
            .parent()
            .and_then(Path::parent)
            .ok_or("the vector file has no spec folder")?;
        let path = spec.join(folder).join(name);
        #[cfg(feature = "vectors")]
        if self.built_in {
            return super::built_in::data(&path)
                .map(String::from)
                .ok_or_else(|| format!("{} is not built in", path.display()));
        }
        let text = read_limited(&path, limit)?;
        String::from_utf8(text).map_err(|_| format!("{} is not UTF-8", path.display()))
    }
}

/// The bytes of a file of at most `limit` bytes; an error names the file.
pub(super) fn read_limited(file: &Path, limit: u64) -> Result<Vec<u8>, String> {
    let fail = |why: String| format!("cannot read {}: {why}", file.display());
    let handle = std::fs::File::open(file).map_err(|e| fail(e.to_string()))?;
    let mut text = Vec::new();
    handle
        .take(limit.saturating_add(1))
        .read_to_end(&mut text)
        .map_err(|e| fail(e.to_string()))?;
    if u64::try_from(text.len()).unwrap_or(u64::MAX) > limit {
        return Err(fail(format!("larger than {limit} bytes")));
    }
    Ok(text)
}
