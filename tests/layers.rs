//! The layers of `src/`: no file is in an import circle, and no import goes up a layer.
//!
//! The import graph is read from the source: every `use` declaration and every `crate::`,
//! `super::` and `self::` path in the code outside its test-only items, resolved to the file that
//! defines the module it names (a path through a re-export counts as an import of the file
//! that re-exports). The library's layers are the folders of `src/`, bottom to top:
//! `knowledge`, `wire`, `views`, `policy`, `edges`; a file may import files of its own layer
//! and of the layers below. The binary (`src/bin/emvqr/`) is checked for circles too.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    clippy::arithmetic_side_effects
)]

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

const LAYERS: [&str; 5] = ["knowledge", "wire", "views", "policy", "edges"];

/// One crate: its root file and the folder its modules live in.
struct Crate {
    root_file: PathBuf,
    root_dir: PathBuf,
}

impl Crate {
    /// The module path of a file of this crate (`src/views/mpm/fast.rs` → `views::mpm::fast`).
    fn module_of(&self, file: &Path) -> Vec<String> {
        if file == self.root_file {
            return Vec::new();
        }
        let rel = file
            .strip_prefix(&self.root_dir)
            .unwrap()
            .with_extension("");
        rel.components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect()
    }

    /// The file defining the module that a path names, walking its segments from `start`
    /// (a module path): the deepest segment that is a file; folders without a file are
    /// modules declared inline in their parent.
    fn resolve(&self, start: &[String], rest: &[&str]) -> PathBuf {
        let mut file = self.file_of(start);
        let mut dir = self.root_dir.join(start.iter().collect::<PathBuf>());
        for seg in rest {
            let candidate = dir.join(format!("{seg}.rs"));
            if candidate.is_file() {
                file = candidate;
                dir = dir.join(seg);
            } else if dir.join(seg).is_dir() {
                dir = dir.join(seg);
            } else {
                break;
            }
        }
        file
    }

    /// The file of a module path: itself, or the nearest enclosing file.
    fn file_of(&self, module: &[String]) -> PathBuf {
        for n in (1..=module.len()).rev() {
            let f = self
                .root_dir
                .join(module[..n].iter().collect::<PathBuf>())
                .with_extension("rs");
            if f.is_file() {
                return f;
            }
        }
        self.root_file.clone()
    }
}

/// The code of a file without its test-only items and comments.
fn code(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        i += 1;
        if line.trim() == "#[cfg(test)]" {
            // Skip the item: to its `;` if it has no body, else to its closing brace at the
            // attribute's indentation.
            let indent = &line[..line.len() - line.trim_start().len()];
            let end = format!("{indent}}}");
            while i < lines.len() && lines[i].trim_start().starts_with("#[") {
                i += 1;
            }
            if lines.get(i).is_some_and(|l| l.trim_end().ends_with(';')) {
                i += 1;
                continue;
            }
            while i < lines.len() && lines[i] != end {
                i += 1;
            }
            i += 1;
            continue;
        }
        let line = match line.find("//") {
            Some(i) => &line[..i],
            None => line,
        };
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// Expands a use tree (`a::{b, c::{d, e}}`) into its paths.
fn expand(tree: &str, prefix: &str, out: &mut Vec<String>) {
    let tree = tree.trim();
    if let Some(open) = tree.find('{') {
        let head = format!("{prefix}{}", &tree[..open]);
        let inner = &tree[open + 1..tree.rfind('}').unwrap()];
        let mut depth = 0;
        let mut start = 0;
        for (i, c) in inner.char_indices() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    expand(&inner[start..i], &head, out);
                    start = i + 1;
                }
                _ => {}
            }
        }
        expand(&inner[start..], &head, out);
    } else if !tree.is_empty() {
        let path = tree.split(" as ").next().unwrap().trim();
        out.push(format!("{prefix}{path}"));
    }
}

/// Every path a file's code names: its use declarations and its inline paths.
fn paths(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(i) = rest.find("use ") {
        let before = rest[..i].chars().last();
        let after = &rest[i + 4..];
        rest = after;
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        if let Some(end) = after.find(';') {
            expand(&after[..end].replace('\n', " "), "", &mut out);
        }
    }
    let bytes: Vec<char> = code.chars().collect();
    let text: String = bytes.iter().collect();
    for key in ["crate::", "super::", "self::"] {
        let mut from = 0;
        while let Some(i) = text[from..].find(key) {
            let at = from + i;
            let prev = text[..at].chars().last();
            from = at + key.len();
            if prev.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                continue;
            }
            let end = text[at..]
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                .map_or(text.len(), |e| at + e);
            // A bare `super::` opens a use tree, which the use declarations above expand.
            let path = text[at..end].trim_end_matches(':');
            if path.contains("::") {
                out.push(path.to_string());
            }
        }
    }
    out
}

/// The import edges of every file of a crate.
fn graph(krate: &Crate, files: &[PathBuf]) -> BTreeMap<PathBuf, BTreeSet<PathBuf>> {
    let mut edges = BTreeMap::new();
    for file in files {
        let module = krate.module_of(file);
        let mut to = BTreeSet::new();
        for path in paths(&code(&fs::read_to_string(file).unwrap())) {
            let segs: Vec<&str> = path.split("::").filter(|s| !s.is_empty()).collect();
            let Some((&first, rest)) = segs.split_first() else {
                continue;
            };
            let target = match first {
                "crate" => krate.resolve(&[], rest),
                "self" => krate.resolve(&module, rest),
                "super" => {
                    let mut m = module.clone();
                    let mut rest = rest;
                    m.pop();
                    while let Some((&"super", r)) = rest.split_first() {
                        m.pop();
                        rest = r;
                    }
                    krate.resolve(&m, rest)
                }
                // A child module named without `self::`.
                seg => {
                    let dir = if module.is_empty() {
                        krate.root_dir.clone()
                    } else {
                        krate.root_dir.join(module.iter().collect::<PathBuf>())
                    };
                    if dir.join(format!("{seg}.rs")).is_file() {
                        krate.resolve(&module, &segs)
                    } else {
                        continue;
                    }
                }
            };
            if &target != file {
                to.insert(target);
            }
        }
        edges.insert(file.clone(), to);
    }
    edges
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let p = entry.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// The circles of a graph: its strongly connected components of more than one file.
fn circles(edges: &BTreeMap<PathBuf, BTreeSet<PathBuf>>) -> Vec<Vec<PathBuf>> {
    let nodes: Vec<&PathBuf> = edges.keys().collect();
    let reach = |from: &PathBuf| {
        let mut seen = BTreeSet::new();
        let mut stack = vec![from.clone()];
        while let Some(n) = stack.pop() {
            for m in edges.get(&n).into_iter().flatten() {
                if seen.insert(m.clone()) {
                    stack.push(m.clone());
                }
            }
        }
        seen
    };
    let reachable: BTreeMap<&PathBuf, BTreeSet<PathBuf>> =
        nodes.iter().map(|n| (*n, reach(n))).collect();
    let mut found: Vec<Vec<PathBuf>> = Vec::new();
    for n in &nodes {
        let component: Vec<PathBuf> = nodes
            .iter()
            .filter(|m| reachable[*n].contains(**m) && reachable[**m].contains(*n))
            .map(|m| (*m).clone())
            .collect();
        if !component.is_empty() && !found.contains(&component) {
            found.push(component);
        }
    }
    found
}

fn lib() -> (Crate, Vec<PathBuf>) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    files.retain(|f| !f.starts_with(root.join("bin")));
    let krate = Crate {
        root_file: root.join("lib.rs"),
        root_dir: root,
    };
    (krate, files)
}

#[test]
fn the_library_has_no_import_circle() {
    let (krate, files) = lib();
    let edges = graph(&krate, &files);
    assert!(edges.len() > 30, "{} files read", edges.len());
    assert_eq!(circles(&edges), Vec::<Vec<PathBuf>>::new());
}

#[test]
fn the_binary_has_no_import_circle() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/bin/emvqr");
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    let krate = Crate {
        root_file: root.join("main.rs"),
        root_dir: root,
    };
    let edges = graph(&krate, &files);
    assert!(edges.len() > 3);
    assert_eq!(circles(&edges), Vec::<Vec<PathBuf>>::new());
}

#[test]
fn no_import_goes_up_a_layer() {
    let (krate, files) = lib();
    let layer = |f: &Path| {
        let rel = f.strip_prefix(&krate.root_dir).unwrap();
        let top = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy();
        LAYERS.iter().position(|l| *l == top)
    };
    let mut up = Vec::new();
    for (from, to) in graph(&krate, &files) {
        let Some(a) = layer(&from) else { continue };
        for t in to {
            // The crate root imports nothing above the layers, and no layer imports the root.
            let b = layer(&t).unwrap_or(usize::MAX);
            if b > a {
                up.push(format!("{} -> {}", from.display(), t.display()));
            }
        }
    }
    assert_eq!(up, Vec::<String>::new());
    // Every library file other than the root sits in a layer.
    for f in &files {
        assert!(
            *f == krate.root_file || layer(f).is_some(),
            "{}",
            f.display()
        );
    }
}

/// The reader finds the circles it is meant to find.
#[test]
fn the_reader_sees_a_circle() {
    let mut edges = BTreeMap::new();
    let (a, b, c) = (PathBuf::from("a"), PathBuf::from("b"), PathBuf::from("c"));
    edges.insert(a.clone(), BTreeSet::from([b.clone()]));
    edges.insert(b.clone(), BTreeSet::from([a.clone(), c.clone()]));
    edges.insert(c.clone(), BTreeSet::new());
    assert_eq!(circles(&edges), vec![vec![a, b]]);
    let mut out = Vec::new();
    expand("crate::a::{b, c::{d as e, f}}", "", &mut out);
    assert_eq!(out, ["crate::a::b", "crate::a::c::d", "crate::a::c::f"]);
    let found = paths("use super::x::Y;\nfn f() { crate::wire::crc::checksum(b\"\"); }\n");
    assert_eq!(
        found,
        ["super::x::Y", "crate::wire::crc::checksum", "super::x::Y"]
    );
}
