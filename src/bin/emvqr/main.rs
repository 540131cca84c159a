//! `emvqr`: decode, validate and encode EMVCo merchant-presented QR payloads.
//!
//! ```text
//! emvqr decode [--json] [--lenient] <PAYLOAD | ->
//! emvqr encode [--json] [--lenient] <JSON | ->
//! emvqr scan [--json] [--lenient] <PAYLOAD | ->
//! emvqr route --wallet NAME [--table FILE] [--json] [--lenient] <PAYLOAD | ->
//! ```
//!
//! `decode` checks a payload against the EMVCo rules (strict by default, every known producer
//! deviation accepted with `--lenient`) and prints a readable tree, or with `--json` one JSON
//! object on one line: `{"mode":"mpm","valid":true,"fields":{..},"warnings":[..]}` or
//! `{"mode":"mpm","valid":false,"error":{"code":..,"offset":..,"path":..,"message":..}}`.
//!
//! `encode` builds a payload from a JSON field map (the `fields` of `decode --json`, or the whole
//! `decode --json` object), so `emvqr decode --json X | emvqr encode -` re-encodes a payload.
//!
//! `scan` classifies any scanned text (EMV MPM, EMV CPM, provider URL code, wallet payment code
//! or unknown) and lists the providers it names:
//! `{"kind":..,"candidates":[{"provider":..,"matched_by":..,..}],..}` (exit 0 when classified,
//! 1 for `unknown` or `ambiguous`). `route` adds the wallet's decision:
//! `"route":{"provider":..,"via":..,..}`, or `null` with a `"reason"` (exit 0 when routed, 1 when
//! not).
//!
//! `-` reads all of standard input, byte for byte, without trimming.
//!
//! Exit status: 0 valid, 1 invalid payload (or refused build), 2 usage or I/O error.

mod io;
mod mpm;
mod route;

use std::io::Write as _;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::io::{EXIT_USAGE, Fatal, emit};
use crate::mpm::{DecodeArgs, EncodeArgs};
use crate::route::{RouteArgs, ScanArgs};

/// Decode, validate and encode EMVCo merchant-presented QR payloads.
///
/// Exit status: 0 valid, 1 invalid payload (or refused build), 2 usage or I/O error.
#[derive(Debug, Parser)]
#[command(name = "emvqr", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Decode and validate a payload, printing its data objects.
    ///
    /// Prints a tree of the data objects and any warnings (or, with --json, one JSON object on
    /// one line). Exit status: 0 valid, 1 invalid, 2 usage or I/O error.
    Decode(DecodeArgs),
    /// Build a payload from a JSON field map.
    ///
    /// The input is either a bare field map ({"00":"01","59":"SHOP","62":{"05":"***"},...}) or an
    /// object with a "fields" key, such as the output of `decode --json`. ID 63 is ignored: the
    /// CRC is computed. Objects are written in ascending ID order. Exit status: 0 built, 1 refused
    /// (the error is printed like decode's), 2 malformed JSON, usage or I/O error.
    Encode(EncodeArgs),
    /// Classify a scanned text and list the providers it names.
    ///
    /// Kinds: mpm, cpm, url, paycode, unknown, or ambiguous when more than one format family
    /// matches the whole input. Exit status: 0 classified, 1 unknown or ambiguous, 2 usage or
    /// I/O error.
    Scan(ScanArgs),
    /// Choose how a wallet pays a scanned code.
    ///
    /// Prints the scan, each candidate's route or why it was skipped, and the chosen route (or
    /// null with a reason: no_route, ambiguous_route, ambiguous_format, too_many_candidates).
    /// Exit status: 0 routed, 1 not routed, 2 usage or I/O error (unknown wallet, bad table).
    Route(RouteArgs),
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // Help and version go to stdout (exit 0), usage errors to stderr (exit 2). A
            // closed stream is not worth reporting.
            let _ = e.print();
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(EXIT_USAGE));
        }
    };
    let result = match &cli.command {
        Command::Decode(args) => mpm::decode(args),
        Command::Encode(args) => mpm::encode(args),
        Command::Scan(args) => route::scan(args),
        Command::Route(args) => route::route(args),
    };
    match result {
        Ok(outcome) => emit(&outcome),
        Err(Fatal(message)) => {
            let _ = writeln!(std::io::stderr().lock(), "emvqr: {message}");
            ExitCode::from(EXIT_USAGE)
        }
    }
}
