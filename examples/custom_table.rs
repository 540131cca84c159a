//! A wallet with its own routing table, read at run time in the JSON format of
//! `spec/routing/`: a Hong Kong wallet that pays FPS directly and UnionPay codes through
//! UnionPay, but not Pix.
//!
//! `cargo run --example custom_table --features serde`

use emvqr::route::{RoutingTableBuf, route};

const TABLE: &str = r#"{
  "format": "emvqr routing table",
  "version": 1,
  "wallet": "hk-wallet",
  "name": "Example Hong Kong wallet",
  "source": "example",
  "routes": [
    {"provider": "fps", "via": "direct", "cost": 0, "note": "FPS transfer"},
    {"provider": "unionpay", "via": "unionpay", "cost": 5, "note": "UnionPay card rails"}
  ]
}"#;

const CODES: &[&str] = &[
    "https://qr.95516.com/00010000/01234567890123456789",
    "00020101021126380014br.gov.bcb.pix0116loja@example.com5204000053039865802BR5912LOJA EXEMPLO6009SAO PAULO62070503***63041A65",
];

fn main() -> Result<(), serde_json::Error> {
    let table: RoutingTableBuf<'_> = serde_json::from_str(TABLE)?;
    let view = table.view();
    for code in CODES {
        let d = route(code, &view);
        match d.route() {
            Some(r) => println!("pays {} via {}: {code}", r.provider, r.via),
            None => println!(
                "refused ({}): {code}",
                d.refusal().map_or("?", |r| r.code())
            ),
        }
    }
    Ok(())
}
