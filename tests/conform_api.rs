#![cfg(feature = "conform")]
//! `emvqr::conform` used the way another crate's test suite uses it: the vectors of `spec/` run
//! in process against an implementation of `conform::Implementation`.
// Everything in an integration test is test code, helpers included.
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::indexing_slicing,
    clippy::panic,
    clippy::arithmetic_side_effects
)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Duration;

use emvqr::conform::{
    Class, Emvqr, External, Implementation, Ledger, Object, Report, Runner, Status, Summary,
    Vector, load,
};
use serde_json::Value;

fn spec() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("spec")
}

fn vectors() -> Vec<Vector> {
    let vectors = load(&[spec()]).expect("the vectors of spec/ load");
    assert!(vectors.len() >= 300, "only {} vectors", vectors.len());
    vectors
}

fn ledger() -> Ledger {
    Ledger::read(spec().join("expected_failures.txt")).expect("the ledger reads")
}

/// `(passed, failed, skipped)` of a closing line `N passed, M failed[, K skipped]`, which must
/// have exactly that shape.
fn counts(line: &str) -> (usize, usize, usize) {
    let number = |part: &str, word: &str| -> usize {
        let (n, w) = part.split_once(' ').expect("a count and a word");
        assert_eq!(w, word, "closing line {line:?}");
        assert!(
            !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()),
            "closing line {line:?}"
        );
        n.parse().expect("a count")
    };
    let parts: Vec<&str> = line.split(", ").collect();
    assert!(
        parts.len() == 2 || parts.len() == 3,
        "closing line {line:?}"
    );
    let skipped = parts.get(2).map_or(0, |p| number(p, "skipped"));
    (
        number(parts[0], "passed"),
        number(parts[1], "failed"),
        skipped,
    )
}

/// The closing line is the last line of the text report, alone on its line, and agrees with
/// the records.
fn check_closing_line(summary: &Summary) {
    let line = summary.closing_line();
    let text = summary.text();
    assert!(text.ends_with(&format!("\n{line}\n")), "{text}");
    let (passed, failed, skipped) = counts(&line);
    let of = |class: Class| {
        summary
            .records()
            .iter()
            .filter(|r| r.class == class)
            .count()
    };
    assert_eq!(passed, of(Class::Passed));
    assert_eq!(failed, of(Class::Failed) + of(Class::UnexpectedPass));
    assert_eq!(skipped, of(Class::Skipped));
    assert_eq!(line.contains("skipped"), skipped > 0, "{line}");
    let total = summary.total();
    assert_eq!(
        (total.passed, total.failed, total.skipped),
        (passed, failed, skipped)
    );
}

#[test]
fn this_crate_fails_nothing_beyond_its_ledger() {
    let vectors = vectors();
    let ledger = ledger();
    let summary = Runner::new()
        .ledger(ledger.clone())
        .run(&vectors, &mut Emvqr);
    check_closing_line(&summary);
    assert_eq!(summary.records().len(), vectors.len());
    assert!(summary.succeeded(), "{}", summary.text());
    assert_eq!(summary.total().failed, 0, "{}", summary.text());
    // Every expected failure is listed, every listed vector that ran fails, and the ledger
    // names no vector that is gone.
    for record in summary.records() {
        assert_eq!(
            ledger.contains(&record.id),
            record.class == Class::ExpectedFailure,
            "{} is {:?}",
            record.id,
            record.class
        );
        assert_ne!(record.class, Class::Skipped, "{}", record.id);
    }
    assert!(summary.stale_ledger_entries().is_empty());
    assert_eq!(summary.total().expected, ledger.len());
    assert_eq!(summary.ledger(), ledger.path());
    // Every kind of spec/ runs, in every category of the table.
    let kinds: BTreeSet<&str> = vectors.iter().map(Vector::kind).collect();
    assert_eq!(
        kinds,
        emvqr::conform::kinds().collect::<BTreeSet<_>>(),
        "kinds of spec/"
    );
    let categories = summary.categories();
    assert!(categories.contains_key("mpm/rules") && categories.contains_key("route/route"));
    let text = summary.text();
    assert!(text.contains(&format!("implementation: {}\n", Emvqr.name())));
}

/// Says every payload is valid and gives nothing else.
struct AlwaysValid {
    requests: usize,
    finished: usize,
}

impl Implementation for AlwaysValid {
    fn name(&self) -> String {
        "always valid".to_owned()
    }

    fn answer(&mut self, request: &Object) -> Result<Object, String> {
        self.requests += 1;
        let mut response = Object::new();
        response.insert("id".to_owned(), request["id"].clone());
        response.insert("valid".to_owned(), Value::Bool(true));
        Ok(response)
    }

    fn finish(&mut self) {
        self.finished += 1;
    }
}

#[test]
fn a_wrong_implementation_fails_with_reasons() {
    let vectors = vectors();
    let mut wrong = AlwaysValid {
        requests: 0,
        finished: 0,
    };
    let summary = Runner::new().run(&vectors, &mut wrong);
    check_closing_line(&summary);
    assert_eq!(wrong.requests, vectors.len());
    assert_eq!(wrong.finished, 1);
    assert!(!summary.succeeded());
    assert_eq!(summary.implementation(), "always valid");
    let decode = ["mpm", "profile", "cpm", "real"];
    for (vector, record) in vectors.iter().zip(summary.records()) {
        assert_eq!(vector.id(), record.id);
        let expect = vector.body()["expect"].as_str().expect("expect");
        let should_pass = decode.contains(&vector.kind()) && expect == "valid";
        if should_pass {
            // Fields and warnings not given: scored on the verdict, which is right.
            assert_eq!(record.class, Class::Passed, "{}", record.id);
            assert_eq!(record.reason, None);
            continue;
        }
        assert_eq!(record.class, Class::Failed, "{}", record.id);
        let reason = record.reason.as_deref().expect("a failure has a reason");
        if decode.contains(&vector.kind()) {
            assert!(reason.starts_with("accepted, expected "), "{reason}");
        } else {
            // The scan, paycode and route kinds need keys this implementation never gives.
            assert!(
                reason.starts_with("needs a string \"kind\"") || reason.starts_with("refused"),
                "{reason}"
            );
        }
        let line = format!("FAIL {} [{}]: {reason}\n", record.id, record.category);
        assert!(summary.text().contains(&line), "{line}");
    }
    // The invalid MPM vectors are among the failures.
    let failed = summary.total().failed;
    let invalid_mpm = vectors
        .iter()
        .filter(|v| v.kind() == "mpm" && v.body()["expect"] == "invalid")
        .count();
    assert!(
        failed >= invalid_mpm && invalid_mpm > 100,
        "{failed} failed"
    );

    // The JSON and JUnit reports say the same.
    let json: Value =
        serde_json::from_str(&summary.report(Report::Json).expect("JSON report")).expect("JSON");
    assert_eq!(json["failed"], failed);
    assert_eq!(json["closing"], summary.closing_line());
    assert_eq!(
        json["vectors"].as_array().map(Vec::len),
        Some(vectors.len())
    );
    let junit = summary.junit();
    assert_eq!(junit.matches("<failure message=").count(), failed);
}

#[test]
fn the_ledger_turns_failures_into_expected_ones_and_only_shrinks() {
    let vectors: Vec<Vector> = load(&[spec().join("mpm/annex_b.json")]).expect("load");
    let mut wrong = AlwaysValid {
        requests: 0,
        finished: 0,
    };
    let failing: Vec<String> = Runner::new()
        .run(&vectors, &mut wrong)
        .records()
        .iter()
        .filter(|r| r.class == Class::Failed)
        .map(|r| r.id.clone())
        .collect();
    assert_eq!(failing.len(), 3);
    let listed: Ledger = failing.iter().map(String::as_str).collect();
    let summary = Runner::new().ledger(listed).run(&vectors, &mut wrong);
    assert!(summary.succeeded(), "{}", summary.text());
    assert_eq!(summary.closing_line(), "1 passed, 0 failed");
    assert!(
        summary
            .text()
            .contains("3 expected failures (listed in the ledger)\n")
    );
    // Listing a vector that passes fails the run; an id that names no vector is noted.
    let ledger = Ledger::parse("mpm-annex-b\nno-such-vector\n");
    let summary = Runner::new()
        .ledger(ledger.clone())
        .run(&vectors, &mut Emvqr);
    assert!(!summary.succeeded());
    assert_eq!(summary.closing_line(), "3 passed, 1 failed");
    assert!(summary.text().contains(
        "UNEXPECTED PASS mpm-annex-b [mpm/annex_b]: passes but is listed in the \
         expected-failures ledger: remove it\n"
    ));
    assert_eq!(summary.stale_ledger_entries(), ["no-such-vector"]);
    // A filtered run keeps the vectors whose id contains the text, and notes no stale ids.
    let summary = Runner::new()
        .ledger(ledger)
        .filter("stale")
        .run(&vectors, &mut Emvqr);
    assert_eq!(summary.closing_line(), "1 passed, 0 failed");
    assert!(summary.stale_ledger_entries().is_empty());
}

/// Skips `cpm`, fails to answer `scan`, and is this crate otherwise.
struct Partial;

impl Implementation for Partial {
    fn name(&self) -> String {
        "partial".to_owned()
    }

    fn answer(&mut self, request: &Object) -> Result<Object, String> {
        match request["kind"].as_str() {
            Some("cpm") => {
                let mut response = Object::new();
                response.insert("id".to_owned(), request["id"].clone());
                response.insert("skipped".to_owned(), Value::from("no CPM here"));
                Ok(response)
            }
            Some("scan") => Err("lost the connection".to_owned()),
            _ => Emvqr.answer(request),
        }
    }
}

#[test]
fn skips_and_implementation_failures_are_counted_apart() {
    let vectors = vectors();
    let summary = Runner::new().run(&vectors, &mut Partial);
    check_closing_line(&summary);
    let of_kind = |kind: &str| vectors.iter().filter(|v| v.kind() == kind).count();
    let total = summary.total();
    assert_eq!(total.skipped, of_kind("cpm"));
    assert_eq!(total.failed, of_kind("scan"));
    assert_eq!(
        total.passed,
        vectors.len() - of_kind("cpm") - of_kind("scan")
    );
    assert!(
        summary
            .closing_line()
            .ends_with(&format!(", {} skipped", of_kind("cpm")))
    );
    for record in summary.records() {
        match record.kind.as_str() {
            "cpm" => assert_eq!(
                record.reason.as_deref(),
                Some("skipped by the implementation: no CPM here")
            ),
            "scan" => assert_eq!(record.reason.as_deref(), Some("lost the connection")),
            _ => assert_eq!(record.class, Class::Passed),
        }
    }
}

#[test]
fn request_lines_served_over_the_protocol_score_like_in_process() {
    let vectors = vectors();
    let mut input = String::new();
    for vector in &vectors {
        let request = vector
            .request()
            .expect("every vector of spec/ has a request");
        input.push_str(&serde_json::to_string(&request).expect("request line"));
        input.push('\n');
    }
    let mut output = Vec::new();
    emvqr::conform::serve(input.as_bytes(), &mut output).expect("serve");
    let output = String::from_utf8(output).expect("UTF-8 responses");
    let responses: Vec<&str> = output.lines().collect();
    assert_eq!(responses.len(), vectors.len());
    for (vector, line) in vectors.iter().zip(responses) {
        let response: Value = serde_json::from_str(line).expect("a JSON response");
        let response = response.as_object().expect("an object");
        assert_eq!(response["id"], vector.id());
        assert_eq!(vector.score(response), Status::Pass, "{}", vector.id());
    }
}

#[cfg(unix)]
#[test]
fn an_external_process_is_an_implementation_too() {
    assert!(External::start("  ", Duration::from_secs(1)).is_err());
    assert!(External::start("/nonexistent/program", Duration::from_secs(1)).is_err());
    // `cat` echoes each request: the right id, but no verdict.
    let vectors: Vec<Vector> = load(&[spec().join("mpm/annex_b.json")]).expect("load");
    let mut cat = External::start("cat", Duration::from_secs(5)).expect("cat starts");
    let summary = Runner::new().run(&vectors, &mut cat);
    assert_eq!(summary.implementation(), "cat");
    assert_eq!(summary.closing_line(), "0 passed, 4 failed");
    assert!(
        summary
            .records()
            .iter()
            .all(|r| r.reason.as_deref() == Some("the response has no boolean \"valid\""))
    );
}

#[cfg(feature = "vectors")]
#[test]
fn the_built_in_vectors_are_those_of_spec() {
    let built_in = emvqr::conform::embedded().expect("the built-in vectors load");
    let on_disk = vectors();
    assert_eq!(built_in.len(), on_disk.len());
    for (b, d) in built_in.iter().zip(&on_disk) {
        assert_eq!(
            (b.id(), b.kind(), b.category()),
            (d.id(), d.kind(), d.category())
        );
        // The same request, route tables inline included.
        assert_eq!(b.request(), d.request(), "{}", b.id());
        assert!(b.file().starts_with("spec"), "{}", b.file().display());
    }
    let ids = |l: &Ledger| l.ids().map(str::to_owned).collect::<Vec<_>>();
    assert_eq!(ids(&Ledger::embedded()), ids(&ledger()));
    let summary = Runner::new()
        .ledger(Ledger::embedded())
        .run(&built_in, &mut Emvqr);
    assert!(summary.succeeded(), "{}", summary.text());
}
