//! Side-by-side decode timing: `emvqr` against the published crates `emv-qrcps`,
//! `promptparse` and `brcode`, on the same payloads from `spec/`, in one process, interleaved.
//!
//! ```text
//! cargo run --release                       # the comparison table (about 20 s)
//! cargo run --release -- --rounds 60        # more rounds
//! cargo run --release -- count typical 0    # instruction counting under callgrind (see README)
//! ```
//!
//! Each round times one batch (about 1 ms) of every decoder per payload, in a rotating order, so
//! that load from other processes falls on all of them alike. The figure reported is the lowest
//! per-decode time of a batch over the rounds: other processes only ever add time, so on a
//! shared machine the fastest batch is the closest to the code's own cost (the median is printed
//! beside it).

use std::collections::HashMap;
use std::hint::black_box;
use std::panic::{self, AssertUnwindSafe};
use std::time::{Duration, Instant};

/// The payloads: a name, the file under `spec/mpm/` and the vector id.
const INPUTS: [(&str, &str, &str); 6] = [
    ("typical", "real.json", "mpm-real-qrph-gcash-static"),
    ("pix", "real.json", "mpm-real-pix-bcb-manual"),
    ("dynamic", "real.json", "mpm-real-paynow-uen"),
    ("annex_b", "annex_b.json", "mpm-annex-b"),
    ("maximal", "rules.json", "mpm-size-512"),
    ("stale_crc", "hostile.json", "mpm-hostile-c2-stale"),
];

fn load(file: &str, id: &str) -> String {
    let path = format!("{}/../../spec/mpm/{file}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let vectors: serde_json::Value = serde_json::from_str(&text).expect("spec JSON");
    vectors
        .as_array()
        .and_then(|a| a.iter().find(|v| v["id"] == id))
        .and_then(|v| v["payload"].as_str())
        .unwrap_or_else(|| panic!("{id} not found in {file}"))
        .to_owned()
}

/// What `emv-qrcps` hands back: its lookup of root IDs to values.
struct QrcpsFields(usize);

impl<'a> emv_qrcps::Parsed<'a> for QrcpsFields {
    fn from_lookup(map: &mut HashMap<&str, &'a str>) -> Self {
        QrcpsFields(map.len())
    }
}

/// A decoder under test: returns whether it accepted the payload.
type Decoder = fn(&str) -> bool;

fn emvqr_decode(s: &str) -> bool {
    emvqr::Payload::parse(s).is_ok()
}

/// The floor: CRC-16 over the bytes the CRC covers (all but the last four), nothing else.
fn crc_only(s: &str) -> bool {
    let covered = s.as_bytes().get(..s.len().saturating_sub(4)).unwrap_or(&[]);
    emvqr::crc::checksum(covered) != 0
}

fn qrcps_decode(s: &str) -> bool {
    emv_qrcps::base_parser::<QrcpsFields>(s).0 > 0
}

fn promptparse_decode(s: &str) -> bool {
    // Strict (CRC checked) with sub-tags: its most complete decode.
    promptparse::parse(s, true, true).is_some()
}

fn brcode_decode(s: &str) -> bool {
    // `from_str` splits root and template objects; the CRC is not checked.
    !brcode::from_str(s).is_empty()
}

const DECODERS: [(&str, Decoder); 5] = [
    ("emvqr", emvqr_decode),
    ("CRC-16 alone", crc_only),
    ("emv-qrcps 0.1.1", qrcps_decode),
    ("promptparse 1.2.0", promptparse_decode),
    ("brcode 1.4.2", brcode_decode),
];

/// Accepts, rejects or panics, decided once before timing.
#[derive(Clone, Copy, PartialEq)]
enum Verdict {
    Accepts,
    Rejects,
    Panics,
}

fn verdict(f: Decoder, s: &str) -> Verdict {
    match panic::catch_unwind(AssertUnwindSafe(|| f(s))) {
        Ok(true) => Verdict::Accepts,
        Ok(false) => Verdict::Rejects,
        Err(_) => Verdict::Panics,
    }
}

fn batch(f: Decoder, s: &str, n: u32) -> Duration {
    let t = Instant::now();
    for _ in 0..n {
        black_box(f(black_box(s)));
    }
    t.elapsed()
}

/// Iterations that take about `target` for this decoder and payload.
fn calibrate(f: Decoder, s: &str, target: Duration) -> u32 {
    let mut n = 16u32;
    loop {
        let d = batch(f, s, n);
        if d >= target / 4 || n >= 1 << 24 {
            let per = d.as_secs_f64() / f64::from(n);
            return ((target.as_secs_f64() / per) as u32).max(16);
        }
        n *= 4;
    }
}

/// The lowest and the median of the samples.
fn min_median(v: &mut [f64]) -> (f64, f64) {
    v.sort_by(f64::total_cmp);
    (v[0], v[v.len() / 2])
}

fn compare(rounds: usize) {
    let payloads: Vec<(&str, String)> = INPUTS
        .iter()
        .map(|&(name, file, id)| (name, load(file, id)))
        .collect();
    // Panics print nothing while verdicts are taken; they are reported in the table.
    let hook = panic::take_hook();
    panic::set_hook(Box::new(|_| {}));
    let verdicts: Vec<Vec<Verdict>> = payloads
        .iter()
        .map(|(_, s)| DECODERS.iter().map(|&(_, f)| verdict(f, s)).collect())
        .collect();
    panic::set_hook(hook);

    // Warm-up: caches, branch predictors and the CPU clock settle before any timing.
    let warm = Instant::now();
    while warm.elapsed() < Duration::from_millis(300) {
        for ((_, s), verdicts) in payloads.iter().zip(&verdicts) {
            for (&(_, f), v) in DECODERS.iter().zip(verdicts) {
                if *v != Verdict::Panics {
                    batch(f, s, 16);
                }
            }
        }
    }

    println!(
        "| payload | bytes | {} |",
        DECODERS.map(|(n, _)| n).join(" | ")
    );
    println!("|---|---:|{}", "---:|".repeat(DECODERS.len()));
    for ((name, s), verdicts) in payloads.iter().zip(&verdicts) {
        let target = Duration::from_millis(1);
        let iters: Vec<u32> = DECODERS
            .iter()
            .zip(verdicts)
            .map(|(&(_, f), v)| {
                if *v == Verdict::Panics {
                    0
                } else {
                    calibrate(f, s, target)
                }
            })
            .collect();
        let mut samples: Vec<Vec<f64>> = vec![Vec::with_capacity(rounds); DECODERS.len()];
        for round in 0..rounds {
            for k in 0..DECODERS.len() {
                let i = (k + round) % DECODERS.len();
                if iters[i] == 0 {
                    continue;
                }
                let d = batch(DECODERS[i].1, s, iters[i]);
                samples[i].push(d.as_nanos() as f64 / f64::from(iters[i]));
            }
        }
        let ns: Vec<Option<(f64, f64)>> = samples
            .iter_mut()
            .map(|v| (!v.is_empty()).then(|| min_median(v)))
            .collect();
        let ours = ns[0].map_or(f64::NAN, |(min, _)| min);
        let cells: Vec<String> = ns
            .iter()
            .zip(verdicts)
            .enumerate()
            .map(|(i, (t, v))| {
                let what = match v {
                    Verdict::Accepts => "accepts",
                    Verdict::Rejects => "rejects",
                    Verdict::Panics => return "panics".to_owned(),
                };
                let (t, med) = t.unwrap_or((f64::NAN, f64::NAN));
                if i == 0 {
                    format!("{t:.0} ns (median {med:.0}) {what}")
                } else if i == 1 {
                    format!(
                        "{t:.0} ns (median {med:.0}); decode = {:.1}× this",
                        ours / t
                    )
                } else {
                    format!("{t:.0} ns (median {med:.0}), {:.1}× ours, {what}", t / ours)
                }
            })
            .collect();
        println!("| {name} | {} | {} |", s.len(), cells.join(" | "));
    }
}

/// Decodes one payload `iters` times with emvqr only (or CRCs it, for `crc-<name>`): run under
/// `valgrind --tool=callgrind` with two counts and divide the difference of the totals.
fn count(which: &str, iters: u64) {
    if let Some(name) = which.strip_prefix("build-") {
        return count_build(name, iters);
    }
    if let Some(wallet) = which.strip_prefix("route-") {
        return count_route(wallet, iters);
    }
    let (crc_only, name) = match which.strip_prefix("crc-") {
        Some(n) => (true, n),
        None => (false, which),
    };
    // `emvonly-<input>`: the EMVCo validation without the scheme profiles.
    let (options, name) = match name.strip_prefix("emvonly-") {
        Some(n) => (emvqr::DecodeOptions::strict().profiles(false), n),
        None => (emvqr::DecodeOptions::strict(), name),
    };
    let &(_, file, id) = INPUTS
        .iter()
        .find(|(n, _, _)| *n == name)
        .unwrap_or_else(|| panic!("unknown input {name}"));
    let s = load(file, id);
    let covered = &s.as_bytes()[..s.len() - 4];
    let mut ok = 0u64;
    for _ in 0..iters {
        if crc_only {
            ok += u64::from(emvqr::crc::checksum(black_box(covered)) != 0);
        } else {
            ok += u64::from(emvqr::Payload::parse_with(black_box(&s), &options).is_ok());
        }
    }
    println!("{which}: {iters} runs, {ok} ok");
}

/// Builds (encodes and validates) one payload from its own fields `iters` times.
fn count_build(name: &str, iters: u64) {
    let &(_, file, id) = INPUTS
        .iter()
        .find(|(n, _, _)| *n == name)
        .unwrap_or_else(|| panic!("unknown input {name}"));
    let s = load(file, id);
    let map = emvqr::Payload::parse(&s).expect("valid").field_map();
    let builder = emvqr::PayloadBuilder::from_field_map(&map).expect("builder");
    let mut ok = 0u64;
    for _ in 0..iters {
        ok += u64::from(black_box(&builder).build().is_ok());
    }
    println!("build-{name}: {iters} runs, {ok} ok");
}

/// Routes the Pix payload (decoded once, before the loop) for the `pix` wallet, or the unified
/// three-account code for the `alipay` wallet, `iters` times: `route_payload` alone, beyond
/// decoding, as `benches/route.rs` measures it.
fn count_route(which: &str, iters: u64) {
    let text = match which {
        "pix" => load("real.json", "mpm-real-pix-bcb-manual"),
        "unified" => emvqr::unified::unified_code(
            &emvqr::unified::UnifiedAccounts {
                unionpay: "6200000012345678",
                tenpay: "1900012345",
                alipay: "https://qr.alipay.com/fkx12345",
            },
            &emvqr::unified::Merchant {
                category_code: "5812",
                currency: "156",
                country: "CN",
                name: "NOODLE HOUSE",
                city: "SHANGHAI",
            },
        )
        .expect("unified code")
        .to_string(),
        _ => panic!("unknown route input {which}"),
    };
    let wallet = if which == "pix" { "pix" } else { "alipay" };
    let registry = emvqr::Registry::embedded();
    let table = emvqr::RoutingTable::embedded(wallet).expect("table");
    let p = emvqr::Payload::parse(&text).expect("valid");
    let mut ok = 0u64;
    for _ in 0..iters {
        let d = emvqr::route::route_payload(&registry, &table, black_box(&p));
        ok += u64::from(d.route().is_some());
    }
    println!("route-{which}: {iters} runs, {ok} ok");
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [cmd, which, n] if cmd == "count" => count(which, n.parse().expect("iterations")),
        [flag, n] if flag == "--rounds" => compare(n.parse().expect("rounds")),
        [] => compare(60),
        _ => {
            eprintln!(
                "usage: emvqr-compare [--rounds N] | count <input>|emvonly-<input>|crc-<input>|build-<input>|route-pix|route-unified <iterations>"
            )
        }
    }
}
