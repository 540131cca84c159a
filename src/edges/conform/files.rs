//! Which files under a folder hold vectors. `load` walks folders with it, and the build script
//! embeds the vectors of `spec/` (feature `vectors`) with the same walk, so the two always agree.
//!
//! Standard library only: the build script compiles this file on its own.

use std::collections::BTreeSet;
use std::io;
use std::path::{Path, PathBuf};
use std::string::String;

/// Folders under a spec root that hold data, not vectors; a walk does not enter them.
pub(crate) const NOT_VECTORS: &[&str] = &[
    "registry",
    "routing",
    "adapters",
    "tools",
    "iso",
    "sources",
    "node_modules",
];

/// Adds to `files` every `*.json` file under `dir`, not entering hidden folders nor
/// [`NOT_VECTORS`]. An error names the path it happened at.
pub(crate) fn walk(dir: &Path, files: &mut BTreeSet<PathBuf>) -> Result<(), (PathBuf, io::Error)> {
    for entry in std::fs::read_dir(dir).map_err(at(dir))? {
        let entry = entry.map_err(at(dir))?;
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') {
            continue;
        }
        if entry.file_type().map_err(at(&path))?.is_dir() {
            if !NOT_VECTORS.contains(&name.as_ref()) {
                walk(&path, files)?;
            }
        } else if name.ends_with(".json") && kind_of(&path).is_some() {
            files.insert(path);
        }
    }
    Ok(())
}

/// An I/O error at `path`.
fn at(path: &Path) -> impl FnOnce(io::Error) -> (PathBuf, io::Error) + '_ {
    move |e| (path.to_path_buf(), e)
}

/// The name of the folder a file sits in: the kind of its vectors.
pub(crate) fn kind_of(file: &Path) -> Option<String> {
    Some(file.parent()?.file_name()?.to_string_lossy().into_owned())
}
