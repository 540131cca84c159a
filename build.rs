//! Embeds the conformance vectors of `spec/` and their ledger when the feature `vectors` is on,
//! so that `emvqr::conform::embedded` and `emvqr conform` run them anywhere. The files are
//! chosen by the walk `emvqr::conform::load` uses (`src/edges/conform/files.rs`).

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

#[path = "src/edges/conform/files.rs"]
mod files;

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=src/edges/conform/files.rs");
    if std::env::var_os("CARGO_FEATURE_VECTORS").is_none() {
        return;
    }
    if let Err(why) = embed() {
        eprintln!("cannot embed the conformance vectors: {why}");
        std::process::exit(1);
    }
}

fn embed() -> Result<(), String> {
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").ok_or("no manifest dir")?);
    let out = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("no output dir")?);
    let spec = root.join("spec");
    println!("cargo::rerun-if-changed={}", spec.display());
    let mut found = BTreeSet::new();
    files::walk(&spec, &mut found).map_err(|(at, e)| format!("{}: {e}", at.display()))?;
    let mut data = BTreeSet::new();
    for entry in std::fs::read_dir(spec.join("routing")).map_err(|e| e.to_string())? {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.extension().is_some_and(|e| e == "json") {
            data.insert(path);
        }
    }
    let mut code = String::new();
    list(&mut code, "VECTORS", &root, &found)?;
    list(&mut code, "DATA", &root, &data)?;
    let ledger = spec.join("expected_failures.txt");
    let _ = writeln!(
        code,
        "pub(super) static LEDGER: &str = include_str!({:?});",
        ledger.to_string_lossy()
    );
    std::fs::write(out.join("vectors.rs"), code).map_err(|e| e.to_string())
}

/// Writes `static NAME: &[(&str, &str)]`: each file's path under `root` and its text.
fn list(
    code: &mut String,
    name: &str,
    root: &Path,
    files: &BTreeSet<PathBuf>,
) -> Result<(), String> {
    let _ = writeln!(code, "pub(super) static {name}: &[(&str, &str)] = &[");
    for file in files {
        let relative = file.strip_prefix(root).map_err(|e| e.to_string())?;
        let _ = writeln!(
            code,
            "    ({:?}, include_str!({:?})),",
            relative.to_string_lossy(),
            file.to_string_lossy()
        );
    }
    code.push_str("];\n");
    Ok(())
}
