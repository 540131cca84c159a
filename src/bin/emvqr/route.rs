//! `scan` and `route`: classify a scanned text and choose a wallet's route.

use std::borrow::Cow;
use std::ffi::OsString;
use std::fmt::Write as _;
use std::path::PathBuf;

use clap::Args;
use emvqr::route::{Decision, RoutingTableBuf, decide};
use emvqr::scan::scan_with;
use emvqr::{DecodeOptions, Kind, Payload, Profile, Registry, RoutingTable, Scan};
use serde::Serialize;

use crate::io::{
    EXIT_INVALID, EXIT_VALID, Fatal, Finding, Outcome, Strictness, arg_bytes, is_stdin,
    read_stdin_payload, write_json_line,
};
use emvqr::Escaped;

/// Most bytes of a routing table file.
const MAX_TABLE_BYTES: usize = 1 << 20;

/// The `format` a routing table file names (spec/routing/*.json).
const TABLE_FORMAT: &str = "emvqr routing table";

#[derive(Debug, Args)]
pub(crate) struct ScanArgs {
    /// Print one JSON object on one line.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    strictness: Strictness,
    /// The scanned text, or `-` to read it from standard input (one line break at the end
    /// and a byte-order mark at the start are dropped).
    #[arg(value_name = "PAYLOAD")]
    payload: OsString,
}

#[derive(Debug, Args)]
pub(crate) struct RouteArgs {
    /// The wallet: an embedded table (tenpay, alipay, unionpay, pix, promptpay), or the
    /// `wallet` of the table given with --table.
    #[arg(long, value_name = "NAME")]
    wallet: String,
    /// A routing table in JSON (the format of spec/routing/*.json, strings written without
    /// escape sequences) instead of the embedded one.
    #[arg(long, value_name = "FILE")]
    table: Option<PathBuf>,
    /// Print one JSON object on one line.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    strictness: Strictness,
    /// The scanned text, or `-` to read it from standard input (one line break at the end
    /// and a byte-order mark at the start are dropped).
    #[arg(value_name = "PAYLOAD")]
    payload: OsString,
}

#[derive(Serialize)]
struct CandidateJson<'a> {
    provider: &'a str,
    matched_by: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<u8>,
    matched: &'a str,
    /// The institution a URL code names (UnionPay's acquirer, e-CNY's operator).
    #[serde(skip_serializing_if = "Option::is_none")]
    institution: Option<&'a str>,
    /// The wallets an acquirer's candidate stands for.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    serves: &'static [&'static str],
    #[serde(skip_serializing_if = "Option::is_none")]
    via: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cost: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    skipped: Option<&'static str>,
}

#[derive(Serialize)]
struct RouteJson<'a> {
    provider: &'a str,
    via: &'a str,
    cost: u16,
    /// The route in a sentence.
    note: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<u8>,
    matched_by: &'static str,
}

#[derive(Serialize)]
struct ScanJson<'a> {
    kind: &'static str,
    candidates: Vec<CandidateJson<'a>>,
    families: Vec<&'static str>,
    overflowed: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    mpm_error: Option<Finding>,
    #[serde(skip_serializing_if = "Option::is_none")]
    wallet: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    route: Option<Option<RouteJson<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<Option<&'static str>>,
}

fn input(payload: &OsString) -> Result<Cow<'_, [u8]>, Fatal> {
    Ok(if is_stdin(payload) {
        Cow::Owned(read_stdin_payload(emvqr::MAX_INPUT_BYTES)?)
    } else {
        Cow::Borrowed(arg_bytes(payload))
    })
}

/// Text that is not UTF-8 is scanned as the empty text would be, but with the decoder's
/// `invalid_utf8` error reported.
fn text_of(bytes: &[u8]) -> (&str, Option<emvqr::Error>) {
    match std::str::from_utf8(bytes) {
        Ok(t) => (t, None),
        Err(_) => (
            "",
            emvqr::Payload::parse_bytes(bytes, &emvqr::DecodeOptions::strict()).err(),
        ),
    }
}

fn scan_json<'a>(
    s: &Scan<'a>,
    d: Option<&Decision<'a>>,
    utf8: Option<emvqr::Error>,
) -> ScanJson<'a> {
    let candidates = s
        .candidates()
        .enumerate()
        .map(|(i, c)| {
            let (via, cost) = d.and_then(|d| d.route_of(i)).unzip();
            CandidateJson {
                provider: c.provider,
                matched_by: c.matched_by.code(),
                id: c.id,
                matched: c.matched,
                institution: c.institution,
                serves: c.serves(),
                via,
                cost,
                skipped: d.and_then(|d| d.skipped(i)).map(|r| r.code()),
            }
        })
        .collect();
    // Why the text is no MPM payload, or why the MPM payload it is breaks a rule.
    let error = utf8.or_else(|| {
        matches!(s.kind(), Kind::Unknown | Kind::Mpm)
            .then(|| s.mpm_error())
            .flatten()
    });
    ScanJson {
        kind: s.kind().code(),
        candidates,
        families: s.families().map(Kind::code).collect(),
        overflowed: s.overflowed(),
        mpm_error: error.as_ref().map(Finding::of_error),
        wallet: None,
        route: None,
        reason: None,
    }
}

fn write_text(out: &mut String, j: &ScanJson<'_>) -> Result<(), Fatal> {
    writeln!(out, "kind: {}", j.kind)?;
    if let Some(e) = &j.mpm_error {
        let what = if j.kind == Kind::Mpm.code() {
            "invalid MPM payload"
        } else {
            "not an MPM payload"
        };
        writeln!(out, "{what}: {} ({})", e.message, e.code)?;
    }
    for (n, c) in j.candidates.iter().enumerate() {
        write!(
            out,
            "candidate {}: {} by {} {}",
            n.saturating_add(1),
            c.provider,
            c.matched_by,
            Escaped(c.matched)
        )?;
        if let Some(id) = c.id {
            write!(out, " in {id:02}")?;
        }
        if let Some(institution) = c.institution {
            write!(out, ", institution {institution}")?;
        }
        if !c.serves.is_empty() {
            write!(out, ", acquirer for {}", c.serves.join(", "))?;
        }
        if let (Some(via), Some(cost)) = (c.via, c.cost) {
            write!(out, ", payable via {via} (cost {cost})")?;
        }
        if let Some(r) = c.skipped {
            write!(out, ", skipped: {r}")?;
        }
        writeln!(out)?;
    }
    if j.overflowed {
        writeln!(out, "more candidates than listed")?;
    }
    if let Some(wallet) = j.wallet {
        match (&j.route, &j.reason) {
            (Some(Some(r)), _) => {
                writeln!(
                    out,
                    "route for {wallet}: {} via {} (cost {}): {}",
                    r.provider, r.via, r.cost, r.note
                )?;
            }
            (_, Some(Some(reason))) => writeln!(out, "route for {wallet}: none ({reason})")?,
            _ => {}
        }
    }
    Ok(())
}

fn finish(j: &ScanJson<'_>, json: bool, ok: bool) -> Result<Outcome, Fatal> {
    let mut out = String::new();
    if json {
        write_json_line(&mut out, j)?;
    } else {
        write_text(&mut out, j)?;
    }
    Ok(Outcome {
        stdout: out,
        status: if ok { EXIT_VALID } else { EXIT_INVALID },
    })
}

pub(crate) fn scan(args: &ScanArgs) -> Result<Outcome, Fatal> {
    let bytes = input(&args.payload)?;
    let (text, utf8) = text_of(&bytes);
    let s = scan_with(&Registry::embedded(), text, &args.strictness.options());
    let j = scan_json(&s, None, utf8);
    finish(&j, args.json, s.is_valid())
}

pub(crate) fn route(args: &RouteArgs) -> Result<Outcome, Fatal> {
    let table_text;
    let loaded;
    let table = match &args.table {
        Some(path) => {
            table_text = read_table(path)?;
            loaded = serde_json::from_str::<RoutingTableBuf<'_>>(&table_text)
                .map_err(|e| Fatal(format!("{}: not a routing table: {e}", path.display())))?;
            if loaded.wallet != args.wallet {
                return Err(Fatal(format!(
                    "{}: the table is for wallet {:?}, not {:?}",
                    path.display(),
                    loaded.wallet,
                    args.wallet
                )));
            }
            loaded.view()
        }
        None => RoutingTable::embedded(&args.wallet).ok_or_else(|| {
            let names: Vec<&str> = RoutingTable::embedded_all()
                .iter()
                .map(|t| t.wallet)
                .collect();
            Fatal(format!(
                "no embedded table for wallet {:?} (embedded: {}); give one with --table",
                args.wallet,
                names.join(", ")
            ))
        })?,
    };
    let bytes = input(&args.payload)?;
    let (text, utf8) = text_of(&bytes);
    let d = decide(
        scan_with(&Registry::embedded(), text, &args.strictness.options()),
        &table,
    );
    let mut j = scan_json(d.scan(), Some(&d), utf8);
    j.wallet = Some(table.wallet);
    let route = d.route().map(|r| {
        let c = d.scan().candidate(r.candidate);
        RouteJson {
            provider: r.provider,
            via: r.via,
            cost: r.cost,
            note: r.note,
            id: c.as_ref().and_then(|c| c.id),
            matched_by: c.as_ref().map_or("", |c| c.matched_by.code()),
        }
    });
    let ok = route.is_some();
    j.route = Some(route);
    j.reason = Some(d.refusal().map(|r| r.code()));
    let mut outcome = finish(&j, args.json, ok)?;
    if !args.json {
        let line = verdict(text, &args.strictness.options(), &d, table.wallet);
        outcome.stdout.push_str(&line);
    }
    Ok(outcome)
}

/// The decision in one line a cashier would understand: whether the wallet can pay the code,
/// to whom, how much and by which route; or why not.
fn verdict(text: &str, options: &DecodeOptions, d: &Decision<'_>, wallet: &str) -> String {
    let Some(r) = d.route() else {
        let why = d.refusal().map_or("", |r| r.words());
        let detail = d
            .scan()
            .mpm_error()
            .map(|e| format!(": {e}"))
            .unwrap_or_default();
        return format!("NOT PAYABLE with {wallet}: {why}{detail}\n");
    };
    let what = match Payload::parse_with(text, options) {
        Ok(p) => {
            let whom = match (p.merchant_name(), p.merchant_city()) {
                (Some(name), Some(city)) => format!("{}, {}", Escaped(name), Escaped(city)),
                (Some(name), None) => Escaped(name).to_string(),
                _ => "the merchant".to_owned(),
            };
            let names: Vec<&str> = p.profiles().iter().map(Profile::name).collect();
            let scheme = if names.is_empty() {
                String::new()
            } else {
                format!(" ({})", names.join(" + "))
            };
            let amount = match (p.amount(), p.currency()) {
                (Some(a), Some(c)) => format!("{} {}", c.alpha(), a.as_str()),
                (Some(a), None) => a.as_str().to_owned(),
                (None, _) => "amount entered by the payer".to_owned(),
            };
            format!("{whom}{scheme}, {amount}")
        }
        // A wallet's own code or a URL: no merchant details in it.
        Err(_) => match d.scan().kind() {
            Kind::Url => "a payment link".to_owned(),
            Kind::Paycode => "a customer's payment code".to_owned(),
            Kind::Cpm => "a customer's card code".to_owned(),
            _ => "the code".to_owned(),
        },
    };
    format!(
        "PAYABLE with {wallet}: {what}; paid via {} to {}: {}\n",
        r.via, r.provider, r.note
    )
}

fn read_table(path: &PathBuf) -> Result<String, Fatal> {
    use std::io::Read as _;
    let file = std::fs::File::open(path)
        .map_err(|e| Fatal(format!("cannot open {}: {e}", path.display())))?;
    // One byte past the limit tells a file that is too large from one that fits exactly.
    let mut text = String::new();
    file.take(u64::try_from(MAX_TABLE_BYTES.saturating_add(1)).unwrap_or(u64::MAX))
        .read_to_string(&mut text)
        .map_err(|e| Fatal(format!("cannot read {}: {e}", path.display())))?;
    if text.len() > MAX_TABLE_BYTES {
        return Err(Fatal(format!(
            "{}: a routing table is at most {MAX_TABLE_BYTES} bytes",
            path.display()
        )));
    }
    // The file says what it is: the format and version of spec/routing/*.json.
    #[derive(serde::Deserialize)]
    struct Header<'a> {
        format: Option<&'a str>,
        version: Option<u64>,
    }
    let header = serde_json::from_str::<Header<'_>>(&text)
        .map_err(|e| Fatal(format!("{}: not a routing table: {e}", path.display())))?;
    if header.format != Some(TABLE_FORMAT) || header.version != Some(1) {
        return Err(Fatal(format!(
            "{}: not a routing table of this version: \"format\" must be {TABLE_FORMAT:?} and \"version\" 1 (found {:?} and {:?})",
            path.display(),
            header.format,
            header.version
        )));
    }
    Ok(text)
}
