//! A run: vectors checked one by one against an implementation, the ledger applied.

use std::borrow::ToOwned;
use std::collections::BTreeSet;
use std::string::String;
use std::vec::Vec;

use super::implementation::Implementation;
use super::ledger::Ledger;
use super::report::{Class, Record, Summary};
use super::vector::{Status, Vector};

/// Runs vectors against an implementation and applies the ledger of expected failures.
///
/// # Examples
/// ```
/// use emvqr::conform::{Emvqr, Ledger, Runner, load};
///
/// let vectors = load(&["spec/mpm/annex_b.json"])?;
/// let summary = Runner::new()
///     .ledger(Ledger::parse("mpm-annex-b\n"))
///     .filter("annex-b")
///     .run(&vectors, &mut Emvqr);
/// // mpm-annex-b passes, so its line in the ledger is an unexpected pass: the run fails.
/// assert!(!summary.succeeded());
/// assert!(summary.text().contains("UNEXPECTED PASS mpm-annex-b [mpm/annex_b]"));
/// # Ok::<(), emvqr::conform::Error>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct Runner {
    ledger: Ledger,
    filter: Option<String>,
}

impl Runner {
    /// A runner with an empty ledger and no filter.
    pub fn new() -> Runner {
        Runner::default()
    }

    /// Sets the ledger of expected failures.
    #[must_use]
    pub fn ledger(mut self, ledger: Ledger) -> Runner {
        self.ledger = ledger;
        self
    }

    /// Keeps only the vectors whose id contains `text`. A filtered run does not report the
    /// ledger's ids that name no vector.
    #[must_use]
    pub fn filter(mut self, text: impl Into<String>) -> Runner {
        self.filter = Some(text.into());
        self
    }

    /// Checks each vector (the filter applied) against `implementation` in order, calls its
    /// [`Implementation::finish`], and applies the ledger.
    pub fn run<I: Implementation + ?Sized>(
        &self,
        vectors: &[Vector],
        implementation: &mut I,
    ) -> Summary {
        let kept = |v: &&Vector| match &self.filter {
            Some(text) => v.id().contains(text.as_str()),
            None => true,
        };
        let mut records = Vec::new();
        for vector in vectors.iter().filter(kept) {
            let listed = self.ledger.contains(vector.id());
            let (class, reason) = match (vector.check(implementation), listed) {
                (Status::Pass, false) => (Class::Passed, None),
                (Status::Pass, true) => (
                    Class::UnexpectedPass,
                    Some(
                        "passes but is listed in the expected-failures ledger: remove it"
                            .to_owned(),
                    ),
                ),
                (Status::Fail(why), false) => (Class::Failed, Some(why)),
                (Status::Fail(why), true) => (Class::ExpectedFailure, Some(why)),
                (Status::Skip(why), _) => (Class::Skipped, Some(why)),
            };
            records.push(Record {
                id: vector.id().to_owned(),
                kind: vector.kind().to_owned(),
                category: vector.category().to_owned(),
                file: vector.file().to_path_buf(),
                class,
                reason,
            });
        }
        implementation.finish();
        let stale = if self.filter.is_none() {
            let run: BTreeSet<&str> = records.iter().map(|r| r.id.as_str()).collect();
            self.ledger
                .ids()
                .filter(|id| !run.contains(id))
                .map(str::to_owned)
                .collect()
        } else {
            Vec::new()
        };
        Summary {
            implementation: implementation.name(),
            ledger: self.ledger.path().map(ToOwned::to_owned),
            records,
            stale,
        }
    }
}
