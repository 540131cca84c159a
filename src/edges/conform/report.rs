//! The outcome of a run: each vector's class, the counts, and the text, JSON and JUnit reports.

use std::borrow::ToOwned;
use std::collections::BTreeMap;
use std::fmt::{self, Write as _};
use std::format;
use std::path::{Path, PathBuf};
use std::string::{String, ToString};
use std::vec::Vec;

use serde_json::{Map, Value};

use super::implementation::Error;
use crate::edges::escaped::Escaped;

/// The final class of a vector, once the ledger is applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Class {
    /// Passed, not listed in the ledger.
    Passed,
    /// Failed, not listed in the ledger.
    Failed,
    /// Failed, listed in the ledger: not counted as failed.
    ExpectedFailure,
    /// Passed but listed in the ledger: counted as failed, so the ledger only shrinks.
    UnexpectedPass,
    /// Skipped by the implementation, or of a kind the runner does not know.
    Skipped,
}

impl Class {
    /// The name in the JSON report: `pass`, `fail`, `expected_failure`, `unexpected_pass` or
    /// `skip`.
    pub fn name(self) -> &'static str {
        match self {
            Class::Passed => "pass",
            Class::Failed => "fail",
            Class::ExpectedFailure => "expected_failure",
            Class::UnexpectedPass => "unexpected_pass",
            Class::Skipped => "skip",
        }
    }

    /// Whether the class fails a run: a failure or an unexpected pass.
    pub fn fails_the_run(self) -> bool {
        matches!(self, Class::Failed | Class::UnexpectedPass)
    }
}

/// What one vector gave in a run.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Record {
    /// The vector's id.
    pub id: String,
    /// The vector's kind.
    pub kind: String,
    /// The vector's category.
    pub category: String,
    /// The file the vector was read from.
    pub file: PathBuf,
    /// Its class, the ledger applied.
    pub class: Class,
    /// Why it failed, was skipped or passed unexpectedly; `None` for a pass.
    pub reason: Option<String>,
}

/// Counts of vectors by class.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Tally {
    /// Passed.
    pub passed: usize,
    /// Failed, unexpected passes included.
    pub failed: usize,
    /// Expected failures (failed and listed in the ledger).
    pub expected: usize,
    /// Skipped.
    pub skipped: usize,
}

impl Tally {
    fn add(&mut self, class: Class) {
        let slot = match class {
            Class::Passed => &mut self.passed,
            Class::Failed | Class::UnexpectedPass => &mut self.failed,
            Class::ExpectedFailure => &mut self.expected,
            Class::Skipped => &mut self.skipped,
        };
        *slot = slot.saturating_add(1);
    }

    /// `N passed, M failed`, with `, K skipped` when some were skipped.
    pub fn closing_line(&self) -> String {
        let mut line = format!("{} passed, {} failed", self.passed, self.failed);
        if self.skipped > 0 {
            let _ = write!(line, ", {} skipped", self.skipped);
        }
        line
    }
}

/// A report format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Report {
    /// One line per failure, a table per category, and the closing line.
    Text,
    /// One JSON document.
    Json,
    /// JUnit XML, one test suite per category.
    Junit,
}

/// The outcome of a run: one [`Record`] per vector in run order, and the reports.
///
/// # Examples
/// ```
/// use emvqr::conform::{Emvqr, Ledger, Runner, Vector};
/// use serde_json::json;
///
/// let vector = Vector::new("mpm", "spec/mpm/mine.json", json!({"id": "short",
///     "payload": "xx", "expect": "invalid", "error": {"code": "truncated"}}))?;
/// let summary = Runner::new().ledger(Ledger::new()).run(&[vector], &mut Emvqr);
/// assert!(summary.succeeded());
/// assert_eq!(summary.closing_line(), "1 passed, 0 failed");
/// assert!(summary.text().ends_with("mpm/mine       1       0         0        0\n1 passed, 0 failed\n"));
/// assert!(summary.junit().contains("<testcase classname=\"mpm/mine\" name=\"short\"/>"));
/// # Ok::<(), emvqr::conform::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub(super) implementation: String,
    pub(super) ledger: Option<PathBuf>,
    pub(super) records: Vec<Record>,
    pub(super) stale: Vec<String>,
}

impl Summary {
    /// The implementation's name, as its [`Implementation::name`](super::Implementation::name)
    /// gave it.
    pub fn implementation(&self) -> &str {
        &self.implementation
    }

    /// The ledger file, when the ledger was read from one.
    pub fn ledger(&self) -> Option<&Path> {
        self.ledger.as_deref()
    }

    /// One record per vector, in run order.
    pub fn records(&self) -> &[Record] {
        &self.records
    }

    /// The ledger's ids that name none of the vectors run (not looked for in a filtered run).
    pub fn stale_ledger_entries(&self) -> &[String] {
        &self.stale
    }

    /// The counts over every vector.
    pub fn total(&self) -> Tally {
        let mut tally = Tally::default();
        for r in &self.records {
            tally.add(r.class);
        }
        tally
    }

    /// The counts per category, by category name.
    pub fn categories(&self) -> BTreeMap<&str, Tally> {
        let mut map: BTreeMap<&str, Tally> = BTreeMap::new();
        for r in &self.records {
            map.entry(r.category.as_str()).or_default().add(r.class);
        }
        map
    }

    /// Whether nothing failed beyond the ledger (no failure, no unexpected pass).
    pub fn succeeded(&self) -> bool {
        self.total().failed == 0
    }

    /// The closing line: `N passed, M failed`, with `, K skipped` when some were skipped.
    pub fn closing_line(&self) -> String {
        self.total().closing_line()
    }

    /// The report in the given format.
    ///
    /// # Errors
    /// Only [`Summary::json`]'s.
    pub fn report(&self, format: Report) -> Result<String, Error> {
        match format {
            Report::Text => Ok(self.text()),
            Report::Json => self.json(),
            Report::Junit => Ok(self.junit()),
        }
    }

    /// The text report: one line per vector that did not simply pass (`FAIL id [category]:
    /// reason`, `UNEXPECTED PASS`, `expected failure`, `skipped`), a note per stale ledger
    /// entry, the implementation, the ledger, the table per category and, last, the closing
    /// line. Control and invisible characters of ids and reasons are escaped (`\u{..}`).
    pub fn text(&self) -> String {
        let mut out = String::new();
        for r in &self.records {
            let label = match r.class {
                Class::Passed => continue,
                Class::Failed => "FAIL",
                Class::UnexpectedPass => "UNEXPECTED PASS",
                Class::ExpectedFailure => "expected failure",
                Class::Skipped => "skipped",
            };
            let reason = r.reason.as_deref().unwrap_or("");
            let _ = writeln!(
                out,
                "{label} {} [{}]: {}",
                Escaped(&r.id),
                r.category,
                Escaped(reason)
            );
        }
        for id in &self.stale {
            let _ = writeln!(
                out,
                "note: the ledger names {}, which is not among the vectors",
                Escaped(id)
            );
        }
        let _ = writeln!(out, "implementation: {}", Escaped(&self.implementation));
        if let Some(ledger) = &self.ledger {
            let _ = writeln!(out, "ledger: {}", ledger.display());
        }
        let categories = self.categories();
        let width = categories
            .keys()
            .map(|k| k.chars().count())
            .max()
            .unwrap_or(0)
            .max("category".len());
        let _ = writeln!(
            out,
            "{:<width$}  {:>6}  {:>6}  {:>8}  {:>7}",
            "category", "passed", "failed", "expected", "skipped"
        );
        for (name, t) in &categories {
            let _ = writeln!(
                out,
                "{name:<width$}  {:>6}  {:>6}  {:>8}  {:>7}",
                t.passed, t.failed, t.expected, t.skipped
            );
        }
        let total = self.total();
        if total.expected > 0 {
            let _ = writeln!(
                out,
                "{} expected failures (listed in the ledger)",
                total.expected
            );
        }
        let _ = writeln!(out, "{}", total.closing_line());
        out
    }

    /// The JSON report: one pretty-printed document (`spec/PROTOCOL.md`, "Reports") and a line
    /// feed.
    ///
    /// # Errors
    /// The document cannot be serialized (not expected to happen).
    pub fn json(&self) -> Result<String, Error> {
        let tally = |t: &Tally| {
            serde_json::json!({
                "passed": t.passed,
                "failed": t.failed,
                "expected_failures": t.expected,
                "skipped": t.skipped,
            })
        };
        let categories: Map<String, Value> = self
            .categories()
            .iter()
            .map(|(k, t)| ((*k).to_owned(), tally(t)))
            .collect();
        let vectors: Vec<Value> = self
            .records
            .iter()
            .map(|r| {
                serde_json::json!({
                    "id": r.id,
                    "kind": r.kind,
                    "category": r.category,
                    "file": r.file.display().to_string(),
                    "result": r.class.name(),
                    "reason": r.reason,
                })
            })
            .collect();
        let total = self.total();
        let unexpected_passes = self
            .records
            .iter()
            .filter(|r| r.class == Class::UnexpectedPass)
            .count();
        let document = serde_json::json!({
            "implementation": self.implementation,
            "ledger": self.ledger.as_ref().map(|p| p.display().to_string()),
            "passed": total.passed,
            "failed": total.failed,
            "skipped": total.skipped,
            "expected_failures": total.expected,
            "unexpected_passes": unexpected_passes,
            "stale_ledger_entries": self.stale,
            "categories": categories,
            "vectors": vectors,
            "closing": total.closing_line(),
        });
        let mut out = serde_json::to_string_pretty(&document)
            .map_err(|e| Error::new(format!("cannot serialize the report: {e}")))?;
        out.push('\n');
        Ok(out)
    }

    /// The JUnit XML report: one `testsuite` per category, one `testcase` per vector (`failure`
    /// for failures and unexpected passes, `skipped` for skips and expected failures).
    pub fn junit(&self) -> String {
        let total = self.total();
        let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        let _ = writeln!(
            out,
            "<testsuites name=\"{}\" tests=\"{}\" failures=\"{}\" skipped=\"{}\">",
            Xml(&format!("emvqr conform: {}", self.implementation)),
            self.records.len(),
            total.failed,
            total.skipped.saturating_add(total.expected),
        );
        for (name, t) in self.categories() {
            let count = self.records.iter().filter(|r| r.category == name).count();
            let _ = writeln!(
                out,
                "  <testsuite name=\"{}\" tests=\"{count}\" failures=\"{}\" errors=\"0\" skipped=\"{}\">",
                Xml(name),
                t.failed,
                t.skipped.saturating_add(t.expected),
            );
            for r in self.records.iter().filter(|r| r.category == name) {
                let _ = write!(
                    out,
                    "    <testcase classname=\"{}\" name=\"{}\"",
                    Xml(name),
                    Xml(&r.id)
                );
                let reason = r.reason.as_deref().unwrap_or("");
                let _ = match r.class {
                    Class::Passed => writeln!(out, "/>"),
                    Class::Failed | Class::UnexpectedPass => writeln!(
                        out,
                        ">\n      <failure message=\"{}\">{}</failure>\n    </testcase>",
                        Xml(reason),
                        Xml(reason)
                    ),
                    Class::ExpectedFailure => writeln!(
                        out,
                        ">\n      <skipped message=\"expected failure: {}\"/>\n    </testcase>",
                        Xml(reason)
                    ),
                    Class::Skipped => writeln!(
                        out,
                        ">\n      <skipped message=\"{}\"/>\n    </testcase>",
                        Xml(reason)
                    ),
                };
            }
            let _ = writeln!(out, "  </testsuite>");
        }
        let _ = writeln!(out, "</testsuites>");
        out
    }
}

/// Text for an XML attribute or element: markup characters escaped, characters XML 1.0 does
/// not allow (C0 controls but tab, line feed and carriage return; U+FFFE, U+FFFF) written as
/// `\u{..}`.
///
/// The report is written here rather than through an XML crate: such a crate escapes the five
/// markup characters but passes the forbidden ones through (a reason may quote a control
/// character from a payload), so this replacement would be needed anyway, and the report has
/// four element kinds written in one place.
struct Xml<'a>(&'a str);

impl fmt::Display for Xml<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for c in self.0.chars() {
            match c {
                '&' => f.write_str("&amp;")?,
                '<' => f.write_str("&lt;")?,
                '>' => f.write_str("&gt;")?,
                '"' => f.write_str("&quot;")?,
                '\'' => f.write_str("&apos;")?,
                '\t' | '\n' | '\r' => write!(f, "&#{};", u32::from(c))?,
                c if c < ' ' || c == '\u{FFFE}' || c == '\u{FFFF}' => {
                    write!(f, "{}", c.escape_unicode())?;
                }
                c => f.write_char(c)?,
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_escapes_markup_and_forbidden_characters() {
        let text = Xml("a<b>&\"'\u{1}\u{b}\n").to_string();
        assert_eq!(text, "a&lt;b&gt;&amp;&quot;&apos;\\u{1}\\u{b}&#10;");
    }

    #[test]
    fn terminal_text_escapes_controls_and_bidi() {
        let text = Escaped("a\u{1b}[31m\u{202E}b").to_string();
        assert_eq!(text, "a\\u{1b}[31m\\u{202e}b");
    }

    #[test]
    fn the_closing_line_names_skips_only_when_there_are_some() {
        let mut t = Tally::default();
        t.add(Class::Passed);
        t.add(Class::UnexpectedPass);
        t.add(Class::ExpectedFailure);
        assert_eq!(t.closing_line(), "1 passed, 1 failed");
        t.add(Class::Skipped);
        assert_eq!(t.closing_line(), "1 passed, 1 failed, 1 skipped");
    }
}
