//! `emvqr`: decode, validate and encode EMVCo merchant-presented QR payloads and
//! consumer-presented ones (text starting with `hQVDUFY`, reported with `"mode":"cpm"`); draw
//! and read them as QR images; name the network of any scanned code and route it for a wallet.
//!
//! ```text
//! emvqr decode [--json] [--all] [--lenient] [--pedantic] <PAYLOAD | ->
//! emvqr decode --lines [--json] [--summary FILE] [--lenient] [--pedantic] <FILE | ->
//! emvqr encode [--json] [--lenient] [--pedantic] <JSON | ->
//! emvqr new SCHEME [OPTIONS] [--png FILE] [--svg FILE]
//! emvqr conform [--impl CMD] [--filter TEXT] [--report text|json|junit]
//!               [--expected-failures FILE] [--timeout-ms MS] [PATH...]
//! emvqr serve-conformance
//! emvqr render [-o FILE.png|FILE.svg] [--ec L|M|Q|H] [--raw] <PAYLOAD | ->
//! emvqr read [--decode] IMAGE
//! emvqr scan [--json] [--lenient] [--pedantic] <PAYLOAD | ->
//! emvqr route --wallet NAME [--table FILE] [--json] [--lenient] [--pedantic] <PAYLOAD | ->
//! ```
//!
//! `decode` checks a payload against the EMVCo rules as the recognised scheme amends them
//! (every known producer deviation accepted with `--lenient`; the EMVCo rules as written with
//! `--pedantic`) and prints a readable tree, or with `--json` one JSON
//! object on one line: `{"mode":"mpm","valid":true,"scheme":..,"fields":{..},"warnings":[..]}` or
//! `{"mode":"mpm","valid":false,"error":{"code":..,"offset":..,"path":..,"message":..}}`.
//!
//! `encode` builds a payload from a JSON field map (the `fields` of `decode --json`, or the whole
//! `decode --json` object), so `emvqr decode --json X | emvqr encode -` re-encodes a payload.
//!
//! `conform` runs the conformance vectors (those built in, or the files and folders given)
//! against this crate, or against another
//! implementation speaking the line protocol of `spec/PROTOCOL.md`; `serve-conformance` is this
//! crate speaking that protocol.
//! `render` draws a payload as a QR code (byte mode, UTF-8 ECI when a character is outside
//! printable ASCII, quiet zone of 4 modules) in the terminal, or into a PNG or SVG file with
//! `-o`. `read` prints the payload of every QR code in a PNG or JPEG image, one a line, each
//! followed by its decode with `--decode`.
//! `scan` classifies any scanned text (EMV MPM, EMV CPM, provider URL code, wallet payment code
//! or unknown) and lists the providers it names:
//! `{"kind":..,"candidates":[{"provider":..,"matched_by":..,..}],..}` (exit 0 when classified,
//! 1 for `unknown` or `ambiguous`). `route` adds the wallet's decision, ending (without `--json`)
//! with one line a cashier understands (`PAYABLE with pix: <merchant> (<scheme>), <amount>;
//! paid via <route>`, or `NOT PAYABLE with pix: <why>`):
//! `"route":{"provider":..,"via":..,..}`, or `null` with a `"reason"` (exit 0 when routed, 1 when
//! not).
//!
//! `-` reads the payload from standard input: one line break at its end (LF or CRLF, as `echo`
//! adds) is dropped, and a byte-order mark at its start is dropped with a warning on standard
//! error; everything else reaches the decoder byte for byte. `render` refuses a payload holding
//! a control character unless `--raw`.
//!
//! `decode --lines` reads one payload per line (a file, or `-` for standard input; one `\n` and
//! one `\r` before it are removed; blank lines are skipped) and prints one result per line in
//! input order, merchant- or consumer-presented line by line: with `--json` one object a line,
//! `{"line":N,"valid":..,"mode":..,"scheme":..,"fields":..,"error":..,"warnings":[..]}` (the same
//! keys on every line, `null` where one does not apply), otherwise `N: valid` or `N: invalid:
//! <message> (<code>)` with the line number N. A summary (counts by verdict, error code and
//! scheme) ends on standard error, or as JSON in `--summary FILE`. It decodes on every core and
//! shows a progress bar on standard error for long inputs when standard error is a terminal.
//! Exit status: 0 all valid, 1 any invalid.
//!
//! Exit status: 0 valid, 1 invalid payload (or refused build), 2 usage or I/O error.

mod conform;
mod cpm;
mod io;
mod json;
mod lines;
mod mpm;
mod new;
mod render;
mod route;

use std::io::Write as _;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::conform::{ConformArgs, ServeArgs};
use crate::io::{EXIT_USAGE, Fatal, emit};
use crate::mpm::{DecodeArgs, EncodeArgs};
use crate::new::NewArgs;
use crate::render::{ReadArgs, RenderArgs};
use crate::route::{RouteArgs, ScanArgs};

/// Decode, validate, encode, draw and route EMVCo QR payment codes: merchant-presented (text
/// with a CRC) and consumer-presented (base64 of BER-TLV), and the wallets' own code formats.
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
    /// Make a scheme's code from the inputs its users know: `emvqr new pix --key .. --name ..
    /// --city ..`.
    ///
    /// Prints the payload, checked by the decoder's rules and the scheme's (and draws it with
    /// --png or --svg). Exit status: 0 made, 1 an input refused (`invalid: --phone: ...`), 2
    /// usage or I/O error.
    New(NewArgs),
    /// Run the conformance vectors against this crate or another implementation.
    ///
    /// Prints one line per failing vector with the reason, a table per rule category and, last,
    /// `N passed, M failed` (`, K skipped` when some were skipped). Vectors listed in the
    /// expected-failures ledger may fail; a listed vector that passes is reported and fails the
    /// run, so the ledger only shrinks. Exit status: 0 nothing failed beyond the ledger, 1
    /// failures, 2 usage or I/O error.
    Conform(ConformArgs),
    /// Answer conformance requests on standard input (spec/PROTOCOL.md), one JSON line each.
    ServeConformance(ServeArgs),
    /// Draw a payload as a QR code: in the terminal, or into a PNG or SVG file.
    ///
    /// The payload is written in byte mode, with the ECI designator for UTF-8 when it has a
    /// character outside printable ASCII, at the smallest version that holds it, with a quiet zone of 4
    /// modules. In a terminal the code is drawn in explicit colours; piped, light modules are
    /// block characters (for a dark background). Exit status: 0 drawn, 1 refused (too long for
    /// a QR code), 2 usage or I/O error.
    Render(RenderArgs),
    /// Read the QR codes in an image (PNG or JPEG) and print each payload on a line.
    ///
    /// Control, bidirectional and invisible characters are printed escaped (\u{..}). Exit
    /// status: 0 read (and, with --decode, every payload valid), 1 no readable code (or an
    /// invalid payload), 2 unreadable file, usage or I/O error.
    Read(ReadArgs),
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
        Command::New(args) => new::new(args),
        Command::Conform(args) => conform::conform(args),
        Command::ServeConformance(args) => conform::serve(args),
        Command::Render(args) => render::render(args),
        Command::Read(args) => render::read(args),
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
