//! `conform` and `serve-conformance`: the command line of [`emvqr::conform`].
//!
//! `conform` runs the vectors under `spec/` against this crate (in process) or against an
//! external implementation speaking the line protocol of `spec/PROTOCOL.md`;
//! `serve-conformance` is this crate speaking that protocol. In process, each request is
//! answered by the function `serve-conformance` calls for each line, so the two runs give the
//! same counts by construction.

use std::io::{self, Write as _};
use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, ValueEnum};
use emvqr::conform::{Emvqr, External, Ledger, Runner, ServeError, embedded, load};

use crate::io::{EXIT_INVALID, EXIT_VALID, Fatal, Outcome};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Report {
    /// One line per failure, a table per category, and the closing line.
    Text,
    /// One JSON document.
    Json,
    /// JUnit XML, one test suite per category.
    Junit,
}

impl From<Report> for emvqr::conform::Report {
    fn from(report: Report) -> emvqr::conform::Report {
        match report {
            Report::Text => emvqr::conform::Report::Text,
            Report::Json => emvqr::conform::Report::Json,
            Report::Junit => emvqr::conform::Report::Junit,
        }
    }
}

#[derive(Debug, Args)]
pub(crate) struct ConformArgs {
    /// Run against an external implementation: a command speaking spec/PROTOCOL.md on its
    /// standard input and output. Split into words like a shell does (quotes, backslashes),
    /// without any expansion. Without it, vectors run in process against this crate.
    #[arg(long = "impl", value_name = "CMD")]
    implementation: Option<String>,
    /// Keep only the vectors whose id contains TEXT.
    #[arg(long, value_name = "TEXT")]
    filter: Option<String>,
    /// Report format.
    #[arg(long, value_enum, default_value_t = Report::Text)]
    report: Report,
    /// The ledger of vectors expected to fail, one id per line, `#` comments. Default:
    /// expected_failures.txt beside the first PATH (in it, its parent or its grandparent), or
    /// the built-in ledger with the built-in vectors.
    #[arg(long, value_name = "FILE")]
    expected_failures: Option<PathBuf>,
    /// How long one response may take, in milliseconds, before the implementation is reported
    /// as timed out on that vector and restarted.
    #[arg(long, value_name = "MS", default_value_t = 5000)]
    timeout_ms: u64,
    /// Vector files, or folders walked for `*.json` vector files (the kind of a vector is the
    /// name of the folder its file sits in). Without any, the vectors built into this program
    /// (the crate's spec/ folder) are run.
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub(crate) struct ServeArgs {}

fn fatal(e: emvqr::conform::Error) -> Fatal {
    Fatal(e.to_string())
}

pub(crate) fn conform(args: &ConformArgs) -> Result<Outcome, Fatal> {
    let (vectors, beside) = if args.paths.is_empty() {
        (embedded().map_err(fatal)?, Ledger::embedded())
    } else {
        let beside = match args.paths.first().and_then(Ledger::find_beside) {
            Some(path) => Ledger::read(path).map_err(fatal)?,
            None => Ledger::new(),
        };
        (load(&args.paths).map_err(fatal)?, beside)
    };
    let ledger = match &args.expected_failures {
        Some(path) => Ledger::read(path).map_err(fatal)?,
        None => beside,
    };
    let mut runner = Runner::new().ledger(ledger);
    if let Some(text) = &args.filter {
        runner = runner.filter(text.as_str());
    }
    let summary = match &args.implementation {
        None => runner.run(&vectors, &mut Emvqr),
        Some(cmd) => {
            let timeout = Duration::from_millis(args.timeout_ms);
            let mut external =
                External::start(cmd, timeout).map_err(|e| Fatal(format!("--impl: {e}")))?;
            runner.run(&vectors, &mut external)
        }
    };
    if summary.records().is_empty() {
        return Err(Fatal(match &args.filter {
            Some(text) => format!("no vector's id contains {text:?}"),
            None => "no vectors to run".to_owned(),
        }));
    }
    let stdout = summary.report(args.report.into()).map_err(fatal)?;
    if args.report != Report::Text {
        // Standard output holds one document; the closing line goes beside it. A closed
        // standard error is not worth failing the run for.
        let _ = writeln!(io::stderr().lock(), "{}", summary.closing_line());
    }
    Ok(Outcome {
        stdout,
        status: if summary.succeeded() {
            EXIT_VALID
        } else {
            EXIT_INVALID
        },
    })
}

/// Answers request lines on standard input, one response line each, until end of input.
pub(crate) fn serve(_args: &ServeArgs) -> Result<Outcome, Fatal> {
    emvqr::conform::serve(io::stdin().lock(), io::stdout().lock()).map_err(|e| match e {
        ServeError::Read(e) => Fatal(format!("cannot read standard input: {e}")),
        other => Fatal(other.to_string()),
    })?;
    Ok(Outcome {
        stdout: String::new(),
        status: EXIT_VALID,
    })
}
