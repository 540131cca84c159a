//! A wallet scans a code and decides how to pay it: which networks the merchant is reachable on,
//! which of them this wallet pays, and by which path.
//!
//! `cargo run --example wallet_route -- [WALLET] [SCANNED TEXT]` (default: a UnionPay wallet
//! scanning a WeChat Pay collection code).

use emvqr::route::route;
use emvqr::{RoutingTable, scan};

fn main() {
    let mut args = std::env::args().skip(1);
    let wallet = args.next().unwrap_or_else(|| "unionpay".to_owned());
    let text = args
        .next()
        .unwrap_or_else(|| "wxp://f2f0YpJfRdX8mWcqH7m1pQWMoHvB".to_owned());
    let Some(table) = RoutingTable::embedded(&wallet) else {
        eprintln!("no embedded routing table for wallet {wallet:?}");
        std::process::exit(2);
    };

    let s = scan(&text);
    println!("kind: {}", s.kind().code());
    for c in s.candidates() {
        println!(
            "  reachable on {} (matched by {})",
            c.provider,
            c.matched_by.code()
        );
    }

    let d = route(&text, &table);
    match d.route() {
        Some(r) => println!(
            "{wallet} pays {} via {} (cost {})",
            r.provider, r.via, r.cost
        ),
        None => println!(
            "{wallet} cannot pay this code: {}",
            d.refusal().map_or("?", |r| r.code())
        ),
    }
    for (i, c) in d.scan().candidates().enumerate() {
        if let Some(why) = d.skipped(i) {
            println!("  skipped {}: {}", c.provider, why.code());
        }
    }
    if d.route().is_none() {
        std::process::exit(1);
    }
}
