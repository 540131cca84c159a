//! One merchant code for every Chinese wallet: the merchant's UnionPay, Tenpay and Alipay
//! accounts in one EMV payload (`spec/unified.md`), and each wallet routing it to its own
//! network.
//!
//! `cargo run --example unified_code`

use emvqr::RoutingTable;
use emvqr::route::route;
use emvqr::unified::{Merchant, UnifiedAccounts, unified_code};

fn main() -> Result<(), emvqr::Error> {
    let code = unified_code(
        &UnifiedAccounts {
            unionpay: "6200000012345678",
            tenpay: "1900012345",
            alipay: "https://qr.alipay.com/fkx12345",
        },
        &Merchant {
            category_code: "5812",
            currency: "156",
            country: "CN",
            name: "NOODLE HOUSE",
            city: "SHANGHAI",
        },
    )?;
    println!("unified code: {code}");
    for wallet in ["tenpay", "alipay", "unionpay"] {
        let Some(table) = RoutingTable::embedded(wallet) else {
            continue;
        };
        let d = route(code.as_str(), &table);
        match d.route() {
            Some(r) => println!("{wallet:>8} wallet pays {} via {}", r.provider, r.via),
            None => println!(
                "{wallet:>8} wallet: {}",
                d.refusal().map_or("?", |r| r.code())
            ),
        }
    }
    Ok(())
}
