//! Decode a merchant-presented payload given as the first argument (or the Annex B example)
//! and print what a wallet needs: who is paid, through which accounts, how much.
//!
//! `cargo run --example decode -- '<payload>'`

use emvqr::{MerchantAccount, Payload};

const ANNEX_B: &str = "00020101021229300012D156000000000510A93FO3230Q31280012D15600000001030812345678520441115802CN5914BEST TRANSPORT6007BEIJING64200002ZH0104最佳运输0202北京540523.7253031565502016233030412340603***0708A60086670902ME91320016A0112233449988770708123456786304A13A";

fn main() {
    let text = std::env::args()
        .nth(1)
        .unwrap_or_else(|| ANNEX_B.to_string());
    let p = match Payload::parse(&text) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("invalid payload: {e} [{}]", e.code());
            std::process::exit(1);
        }
    };
    println!("merchant: {}", p.merchant_name().unwrap_or("(none)"));
    println!("city:     {}", p.merchant_city().unwrap_or("(none)"));
    if let Some(lang) = p.language() {
        println!(
            "also:     {} ({})",
            lang.merchant_name().unwrap_or(""),
            lang.language().unwrap_or("")
        );
    }
    let currency = p.currency().map_or("?", |c| c.alpha());
    match p.amount() {
        Some(a) => println!("amount:   {a} {currency}"),
        None => println!("amount:   entered by the payer, in {currency}"),
    }
    for account in p.merchant_accounts() {
        match account {
            MerchantAccount::Primitive { id, network, value } => {
                println!("account {id:02}: {} {value}", network.name());
            }
            MerchantAccount::Template(t) => {
                println!("account {:02}: GUID {}", t.id(), t.guid().unwrap_or("?"));
            }
        }
    }
    for w in p.warnings() {
        println!("warning: {w} [{}]", w.code());
    }
}
