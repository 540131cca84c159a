//! The ledger of expected failures: the vectors an implementation is known to fail.

use std::borrow::ToOwned;
use std::collections::BTreeSet;
use std::format;
use std::path::{Path, PathBuf};
use std::string::String;

use super::implementation::Error;
use super::origin::read_limited;

/// The name of the ledger looked for beside the vectors.
pub const LEDGER_NAME: &str = "expected_failures.txt";

/// Largest ledger read.
const MAX_LEDGER_BYTES: u64 = 16 << 20;

/// The vectors an implementation is known to fail, one id per line, `#` starting a comment
/// line.
///
/// A listed vector that fails is an expected failure (not counted as failed); a listed vector
/// that passes is an unexpected pass, counted as failed, so the ledger only shrinks.
///
/// # Examples
/// ```
/// use emvqr::conform::Ledger;
///
/// let ledger = Ledger::parse("# known failures\nmpm-one\n\n  mpm-two  \n");
/// assert!(ledger.contains("mpm-one") && ledger.contains("mpm-two"));
/// assert_eq!(ledger.len(), 2);
/// assert_eq!(ledger.path(), None);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Ledger {
    path: Option<PathBuf>,
    ids: BTreeSet<String>,
}

impl Ledger {
    /// An empty ledger: every vector must pass.
    pub fn new() -> Ledger {
        Ledger::default()
    }

    /// A ledger from its text: one id a line (trimmed), blank lines and lines starting with `#`
    /// ignored.
    pub fn parse(text: &str) -> Ledger {
        Ledger {
            path: None,
            ids: text
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(str::to_owned)
                .collect(),
        }
    }

    /// Reads the ledger file at `path` (shown in the reports).
    ///
    /// # Errors
    /// The file cannot be read, is not UTF-8 or is larger than 16 MiB.
    pub fn read(path: impl AsRef<Path>) -> Result<Ledger, Error> {
        let path = path.as_ref();
        let text = read_limited(path, MAX_LEDGER_BYTES).map_err(Error::new)?;
        let text = String::from_utf8(text)
            .map_err(|_| Error::new(format!("{}: not UTF-8", path.display())))?;
        Ok(Ledger::parse(&text).at(path.to_path_buf()))
    }

    /// The ledger of expected failures this crate was built with (`spec/expected_failures.txt`),
    /// for the vectors of [`embedded`](super::embedded); its [`path`](Ledger::path) is where it
    /// sits in the crate. Feature `vectors`.
    #[cfg(feature = "vectors")]
    pub fn embedded() -> Ledger {
        Ledger::parse(super::built_in::LEDGER).at(Path::new("spec").join(LEDGER_NAME))
    }

    /// The same ledger, read from `path`.
    pub(super) fn at(self, path: PathBuf) -> Ledger {
        Ledger {
            path: Some(path),
            ..self
        }
    }

    /// The ledger file that belongs to a vector path: [`LEDGER_NAME`] in the folder `path` (or,
    /// for a file, the folder it sits in), its parent or its grandparent, the first that exists.
    /// For `spec` or `spec/mpm/rules.json` that is `spec/expected_failures.txt`.
    pub fn find_beside(path: impl AsRef<Path>) -> Option<PathBuf> {
        let path = path.as_ref();
        let start = if path.is_dir() { path } else { path.parent()? };
        start
            .ancestors()
            .take(3)
            .map(|dir| dir.join(LEDGER_NAME))
            .find(|candidate| candidate.is_file())
    }

    /// Whether the ledger lists this vector id.
    pub fn contains(&self, id: &str) -> bool {
        self.ids.contains(id)
    }

    /// The ids listed, in sorted order.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.ids.iter().map(String::as_str)
    }

    /// How many ids are listed.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether no id is listed.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// The file the ledger was read from, if any.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }
}

impl<S: Into<String>> FromIterator<S> for Ledger {
    /// A ledger listing these ids.
    fn from_iter<I: IntoIterator<Item = S>>(ids: I) -> Ledger {
        Ledger {
            path: None,
            ids: ids.into_iter().map(Into::into).collect(),
        }
    }
}
