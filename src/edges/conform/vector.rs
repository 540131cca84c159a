//! Vectors: the model, loading them from files and folders, and checking one against an
//! implementation.

use std::borrow::ToOwned;
use std::collections::BTreeSet;
use std::format;
use std::path::{Path, PathBuf};
use std::string::{String, ToString};
use std::vec::Vec;

use serde_json::{Map, Value};

use super::files::{kind_of, walk};
use super::implementation::{Error, Implementation, Object};
use super::kinds::kind;
use super::origin::{Origin, read_limited};

/// Largest vector file read.
const MAX_FILE_BYTES: u64 = 64 << 20;

/// One conformance vector and where it comes from.
///
/// Its kind is the name of the folder its file sits in (`mpm`, `cpm`, `profile`, `paycode`,
/// `scan`, `route`); its body is the JSON object of `spec/README.md`.
///
/// # Examples
/// ```
/// use emvqr::conform::{Emvqr, Status, Vector};
/// use serde_json::json;
///
/// let body = json!({"id": "garbage", "source": "constructed", "payload": "xx",
///     "expect": "invalid", "error": {"code": "truncated", "offset": 0, "path": ""}});
/// let vector = Vector::new("mpm", "spec/mpm/mine.json", body)?;
/// assert_eq!(vector.id(), "garbage");
/// assert_eq!(vector.category(), "mpm/mine");
/// assert_eq!(vector.check(&mut Emvqr), Status::Pass);
/// # Ok::<(), emvqr::conform::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Vector {
    id: String,
    kind: String,
    category: String,
    file: PathBuf,
    body: Object,
    /// Whether the vector is one of the crate's built-in vectors, whose files are built in too.
    built_in: bool,
}

/// What one vector gave, before the ledger is applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// The response matches the vector.
    Pass,
    /// The response does not match, the implementation failed, or the vector is malformed: why.
    Fail(String),
    /// The implementation skipped the request, or the kind is not known to the runner: why.
    Skip(String),
}

impl Vector {
    /// A vector of `kind` read from `file` (the file's stem names its category): `body` must
    /// be a JSON object with a string `id`.
    ///
    /// # Errors
    /// `body` is not an object or has no string `id`.
    pub fn new(kind: &str, file: impl Into<PathBuf>, body: Value) -> Result<Vector, Error> {
        let file = file.into();
        let Value::Object(body) = body else {
            return Err(Error::new(format!(
                "{}: a vector is not an object",
                file.display()
            )));
        };
        let Some(id) = body.get("id").and_then(Value::as_str) else {
            return Err(Error::new(format!(
                "{}: a vector has no string \"id\"",
                file.display()
            )));
        };
        let id = id.to_owned();
        Ok(Vector {
            category: category(kind, &stem(&file), &body),
            id,
            kind: kind.to_owned(),
            file,
            body,
            built_in: false,
        })
    }

    /// The vector's id.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The vector's kind: the name of the folder of its file.
    pub fn kind(&self) -> &str {
        &self.kind
    }

    /// The category of the per-category table: `<kind>/hostile-<letter>` for a vector naming a
    /// class of `HOSTILE.md`, otherwise `<kind>/<file stem>`.
    pub fn category(&self) -> &str {
        &self.category
    }

    /// The file the vector was read from.
    pub fn file(&self) -> &Path {
        &self.file
    }

    /// Where the vector comes from (its `source`), when it says.
    pub fn source(&self) -> Option<&str> {
        self.body.get("source").and_then(Value::as_str)
    }

    /// The vector's JSON object, as written in its file.
    pub fn body(&self) -> &Object {
        &self.body
    }

    /// The request line of the protocol for this vector: `id`, `kind` and the kind's own keys
    /// (a route vector's table file is read and sent inline).
    ///
    /// # Errors
    /// A [`Status::Skip`] for a kind the runner does not know, a [`Status::Fail`] for a
    /// malformed vector.
    pub fn request(&self) -> Result<Object, Status> {
        let Some(kind) = kind(&self.kind) else {
            return Err(Status::Skip(format!(
                "kind {:?} is not known to this runner",
                self.kind
            )));
        };
        let mut request = Map::new();
        request.insert("id".to_owned(), Value::from(self.id.as_str()));
        request.insert("kind".to_owned(), Value::from(self.kind.as_str()));
        let origin = Origin {
            file: &self.file,
            built_in: self.built_in,
        };
        match (kind.request)(&self.body, &origin) {
            Ok(keys) => request.extend(keys),
            Err(why) => return Err(Status::Fail(format!("malformed vector: {why}"))),
        }
        Ok(request)
    }

    /// Scores a response to [`Vector::request`] against the vector (`spec/PROTOCOL.md`,
    /// "Scoring"): `skipped` is a skip, `protocol_error` a failure, otherwise the kind's keys
    /// are compared.
    pub fn score(&self, response: &Object) -> Status {
        let Some(kind) = kind(&self.kind) else {
            return Status::Skip(format!("kind {:?} is not known to this runner", self.kind));
        };
        if let Some(reason) = response.get("skipped") {
            let reason = match reason {
                Value::String(text) => text.clone(),
                other => other.to_string(),
            };
            return Status::Skip(format!("skipped by the implementation: {reason}"));
        }
        if let Some(message) = response.get("protocol_error") {
            return Status::Fail(format!("protocol error: {message}"));
        }
        match (kind.score)(&self.body, response) {
            Ok(()) => Status::Pass,
            Err(why) => Status::Fail(why),
        }
    }

    /// Builds the request, has `implementation` answer it, and scores the answer.
    pub fn check<I: Implementation + ?Sized>(&self, implementation: &mut I) -> Status {
        let request = match self.request() {
            Ok(request) => request,
            Err(status) => return status,
        };
        match implementation.answer(&request) {
            Ok(response) => self.score(&response),
            Err(why) => Status::Fail(why),
        }
    }
}

/// Loads the vectors of files and folders, as `emvqr conform PATH...` does: a file is read as a
/// JSON array of vectors; a folder is walked for `*.json` files (not entering hidden folders
/// nor the data folders `registry`, `routing`, `adapters`, `tools`, `iso`, `node_modules`).
/// Files are read in sorted path order, each once; the kind of a vector is the name of the
/// folder its file sits in.
///
/// # Errors
/// A path that does not exist, a file that cannot be read, is larger than 64 MiB or is not a
/// JSON array of objects with string ids, or an id that appears twice.
///
/// # Examples
/// ```
/// let vectors = emvqr::conform::load(&["spec/mpm/annex_b.json"])?;
/// assert!(vectors.iter().all(|v| v.kind() == "mpm"));
/// # Ok::<(), emvqr::conform::Error>(())
/// ```
pub fn load<P: AsRef<Path>>(paths: &[P]) -> Result<Vec<Vector>, Error> {
    let mut files = BTreeSet::new();
    for path in paths {
        let path = path.as_ref();
        if path.is_file() {
            files.insert(path.to_path_buf());
        } else if path.is_dir() {
            walk(path, &mut files)
                .map_err(|(at, e)| Error::new(format!("{}: {e}", at.display())))?;
        } else {
            return Err(Error::new(format!(
                "{}: no such file or folder",
                path.display()
            )));
        }
    }
    let mut read = BTreeSet::new();
    let texts = files.into_iter().filter_map(|file| {
        // The same file named twice (`spec spec/mpm`) is read once.
        if !read.insert(file.canonicalize().unwrap_or_else(|_| file.clone())) {
            return None;
        }
        let text = read_limited(&file, MAX_FILE_BYTES).map_err(Error::new);
        Some(text.map(|text| (file, text)))
    });
    collect(texts, false)
}

/// The conformance vectors this crate was built with: what [`load`] reads from `spec` in the
/// crate's own folder, route tables included, so a program runs them from anywhere (`emvqr
/// conform` with no path). Feature `vectors`.
///
/// # Errors
/// None in practice: the files were read when the crate was built; a file that is not a JSON
/// array of vectors, or an id that appears twice, is reported as [`load`] does.
///
/// # Examples
/// ```
/// use emvqr::conform::{Emvqr, Ledger, Runner, embedded};
///
/// let vectors = embedded()?;
/// assert!(vectors.iter().any(|v| v.id() == "mpm-annex-b"));
/// let runner = Runner::new().ledger(Ledger::embedded()).filter("mpm-annex-b");
/// assert!(runner.run(&vectors, &mut Emvqr).succeeded());
/// # Ok::<(), emvqr::conform::Error>(())
/// ```
#[cfg(feature = "vectors")]
pub fn embedded() -> Result<Vec<Vector>, Error> {
    let files = super::built_in::VECTORS.iter();
    collect(
        files.map(|&(path, text)| Ok((PathBuf::from(path), text.as_bytes()))),
        true,
    )
}

/// The vectors of the files given, in order, each id once.
fn collect<T: AsRef<[u8]>>(
    files: impl IntoIterator<Item = Result<(PathBuf, T), Error>>,
    built_in: bool,
) -> Result<Vec<Vector>, Error> {
    let mut vectors = Vec::new();
    let mut seen = BTreeSet::new();
    for file in files {
        let (file, text) = file?;
        for vector in parse_file(&file, text.as_ref(), built_in)? {
            if !seen.insert(vector.id.clone()) {
                return Err(Error::new(format!(
                    "{}: vector id {:?} appears twice",
                    file.display(),
                    vector.id
                )));
            }
            vectors.push(vector);
        }
    }
    Ok(vectors)
}

/// The stem of a file's name: the category of its vectors that name no hostile class.
fn stem(file: &Path) -> String {
    file.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The vectors of one file's text; `file` gives their kind (its folder) and category.
fn parse_file(file: &Path, text: &[u8], built_in: bool) -> Result<Vec<Vector>, Error> {
    let fail = |why: String| Error::new(format!("{}: {why}", file.display()));
    let value: Value = serde_json::from_slice(text).map_err(|e| fail(format!("not JSON: {e}")))?;
    let Value::Array(items) = value else {
        return Err(fail("not a JSON array of vectors".to_owned()));
    };
    let kind = kind_of(file).unwrap_or_default();
    let stem = stem(file);
    items
        .into_iter()
        .enumerate()
        .map(|(index, item)| {
            let Value::Object(body) = item else {
                return Err(fail(format!("item {index} is not an object")));
            };
            let id = body
                .get("id")
                .and_then(Value::as_str)
                .ok_or_else(|| fail(format!("item {index} has no string \"id\"")))?
                .to_owned();
            Ok(Vector {
                category: category(&kind, &stem, &body),
                id,
                kind: kind.clone(),
                file: file.to_path_buf(),
                body,
                built_in,
            })
        })
        .collect()
}

/// The category of a vector: `<kind>/hostile-<class letter>` for a vector naming a HOSTILE.md
/// class, otherwise `<kind>/<file stem>`.
fn category(kind: &str, stem: &str, body: &Object) -> String {
    let class = body
        .get("hostile")
        .and_then(Value::as_str)
        .and_then(|c| c.chars().next())
        .filter(char::is_ascii_alphabetic);
    match class {
        Some(letter) => format!("{kind}/hostile-{}", letter.to_ascii_uppercase()),
        None => format!("{kind}/{stem}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn obj(v: Value) -> Object {
        v.as_object().cloned().unwrap()
    }

    #[test]
    fn categories_come_from_the_hostile_class_or_the_file() {
        assert_eq!(
            category("mpm", "real", &obj(json!({"hostile": "c6"}))),
            "mpm/hostile-C"
        );
        assert_eq!(category("mpm", "rules", &obj(json!({}))), "mpm/rules");
    }

    #[test]
    fn a_vector_needs_an_object_with_a_string_id() {
        assert!(Vector::new("mpm", "a/mpm/x.json", json!([1])).is_err());
        assert!(Vector::new("mpm", "a/mpm/x.json", json!({"id": 1})).is_err());
        let v = Vector::new("teleport", "a/teleport/x.json", json!({"id": "t"})).unwrap();
        assert_eq!(v.source(), None);
        assert_eq!(v.category(), "teleport/x");
        assert!(matches!(v.request(), Err(Status::Skip(_))));
    }

    #[test]
    fn requests_carry_id_kind_and_the_kinds_keys() {
        let v = Vector::new(
            "scan",
            "a/scan/x.json",
            json!({"id": "s", "source": "here", "payload": "p", "expect": "unknown"}),
        )
        .unwrap();
        assert_eq!(v.source(), Some("here"));
        assert_eq!(
            Value::Object(v.request().unwrap()),
            json!({"id": "s", "kind": "scan", "payload": "p"})
        );
        let bad = Vector::new("mpm", "a/mpm/x.json", json!({"id": "m"})).unwrap();
        assert!(matches!(bad.request(), Err(Status::Fail(why)) if why.starts_with("malformed")));
    }
}
