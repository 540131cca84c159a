//! `emvqr`: decode, validate and encode EMVCo merchant-presented QR payloads.
//!
//! ```text
//! emvqr decode [--json] [--lenient] <PAYLOAD | ->
//! emvqr decode --lines [--json] [--lenient] <FILE | ->
//! emvqr encode [--json] [--lenient] <JSON | ->
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
//! `-` reads all of standard input, byte for byte, without trimming.
//!
//! `decode --lines` reads one payload per line (a file, or `-` for standard input; one `\n` and
//! one `\r` before it are removed) and prints one result per line in input order: with `--json`
//! the object `decode --json` prints, otherwise `N: valid` or `N: invalid: <message> (<code>)`
//! with the line number N. It decodes on every core and shows a progress bar on standard error
//! for long inputs when standard error is a terminal. Exit status: 0 all valid, 1 any invalid.
//!
//! Exit status: 0 valid, 1 invalid payload (or refused build), 2 usage or I/O error.

mod io;
mod lines;
mod mpm;

use std::io::Write as _;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::io::{EXIT_USAGE, Fatal, emit};
use crate::mpm::{DecodeArgs, EncodeArgs};

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
    };
    match result {
        Ok(outcome) => emit(&outcome),
        Err(Fatal(message)) => {
            let _ = writeln!(std::io::stderr().lock(), "emvqr: {message}");
            ExitCode::from(EXIT_USAGE)
        }
    }
}
