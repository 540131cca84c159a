#![cfg(feature = "alloc")]
//! Property tests of scanning and routing: arbitrary text never panics; on generated merchant
//! codes the decision matches a direct reading of the routing rules (cheapest route, then
//! payload order; same provider with two accounts refused).
#![allow(
    clippy::arithmetic_side_effects,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

use emvqr::route::SkipReason;
use emvqr::scan::MAX_CANDIDATES;
use emvqr::{Kind, PayloadBuilder, Refusal, RoutingTable, route, scan};
use proptest::prelude::*;

/// Templates a generated code may carry: (GUID, provider it names or `None`).
const POOL: [(&str, Option<&str>); 9] = [
    ("com.tenpay", Some("tenpay")),
    ("COM.ALIPAY", Some("alipay")),
    ("br.gov.bcb.pix", Some("pix")),
    ("BR.GOV.BCB.PIX", Some("pix")),
    ("A000000677010111", Some("promptpay")),
    ("A000000677010112", Some("thai-billpay")),
    ("com.example.pay", None),
    // Alipay's GUID in any ASCII case, as real codes write it.
    ("com.alipay", Some("alipay")),
    ("com.alipay.evil", None),
];

#[derive(Debug, Clone)]
struct Code {
    /// (template ID, pool index, account)
    templates: Vec<(u8, usize, u8)>,
    unionpay: bool,
}

fn code() -> impl Strategy<Value = Code> {
    (
        proptest::collection::btree_map(26u8..=51, (0..POOL.len(), 0u8..3), 0..5),
        any::<bool>(),
    )
        .prop_map(|(m, unionpay)| Code {
            templates: m.into_iter().map(|(id, (g, a))| (id, g, a)).collect(),
            unionpay,
        })
}

/// The generated codes mix schemes of several countries (Pix beside PromptPay in a CNY code),
/// which the scheme profiles refuse; routing is what this test is about, so they are off.
fn opts() -> emvqr::DecodeOptions {
    emvqr::DecodeOptions::strict().profiles(false)
}

fn build(c: &Code) -> String {
    let mut b = PayloadBuilder::new().options(opts()).static_code();
    if c.unionpay {
        b = b.merchant_account(15, "6200000012345678");
    }
    if c.templates.is_empty() && !c.unionpay {
        b = b.merchant_account(2, "4111111111111111");
    }
    for &(id, g, a) in &c.templates {
        // Accounts the scheme profiles accept, distinct per `a`.
        let fields: Vec<(u8, String)> = match POOL[g].1 {
            Some("pix") => vec![(1, format!("account-{a}@example.com"))],
            Some("promptpay") => vec![(1, format!("006681234567{a}"))],
            Some("thai-billpay") => vec![(1, format!("09940001655{a}{a}01")), (2, "INV1".into())],
            _ => vec![(1, format!("account-{a}"))],
        };
        let fields: Vec<(u8, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        b = b.merchant_template(id, POOL[g].0, &fields);
    }
    b.merchant_category_code("5812")
        .currency("156")
        .country("CN")
        .merchant_name("SHOP")
        .merchant_city("SHANGHAI")
        .additional_data(5, "***")
        .build()
        .unwrap()
        .into_string()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,120}") {
        let s = scan(&text);
        prop_assert!(s.candidates().len() <= MAX_CANDIDATES);
        let linear = emvqr::scan::scan_with(
            &emvqr::Registry::embedded().unindexed(),
            &text,
            &emvqr::DecodeOptions::strict(),
        );
        prop_assert!(s.candidates().eq(linear.candidates()));
        let n = s.families().count();
        prop_assert_eq!(s.kind() == Kind::Unknown, n == 0);
        prop_assert_eq!(s.kind() == Kind::Ambiguous, n > 1);
        for t in RoutingTable::embedded_all() {
            let d = route(&text, t);
            prop_assert_eq!(d.route().is_some(), d.refusal().is_none());
        }
    }

    #[test]
    fn decision_follows_the_rules(c in code()) {
        let text = build(&c);
        // Expected candidates in payload order: 15 (if any) comes first, then templates by ID.
        let mut expected: Vec<(u8, &str, u8)> = Vec::new();
        if c.templates.is_empty() && !c.unionpay {
            expected.push((2, "visa", 255));
        }
        if c.unionpay {
            expected.push((15, "unionpay", 255));
        }
        for &(id, g, a) in &c.templates {
            if let Some(p) = POOL[g].1 {
                expected.push((id, p, a));
            }
        }
        let conflict = expected.iter().enumerate().any(|(i, x)| {
            x.2 != 255 && expected[i + 1..].iter().any(|y| y.1 == x.1 && y.2 != 255 && y.2 != x.2)
        });
        let payload = emvqr::Payload::parse_with(&text, &opts()).unwrap();
        for table in RoutingTable::embedded_all() {
            let d = emvqr::route::route_with(&emvqr::Registry::embedded(), table, &text, &opts());
            // Routing the decoded payload decides the same.
            let dp = emvqr::route::route_payload(&emvqr::Registry::embedded(), table, &payload);
            prop_assert_eq!(dp.route(), d.route());
            prop_assert_eq!(dp.refusal(), d.refusal());
            prop_assert!(dp.scan().candidates().eq(d.scan().candidates()));
            let linear = emvqr::route::route_with(
                &emvqr::Registry::embedded().unindexed(),
                table,
                &text,
                &opts(),
            );
            prop_assert!(linear.scan().candidates().eq(d.scan().candidates()));
            prop_assert_eq!(linear.route(), d.route());
            let s = d.scan();
            prop_assert_eq!(s.kind(), Kind::Mpm);
            let got: Vec<(u8, &str)> =
                s.candidates().map(|c| (c.id.unwrap(), c.provider)).collect();
            let want: Vec<(u8, &str)> = expected.iter().map(|e| (e.0, e.1)).collect();
            prop_assert_eq!(&got, &want);
            let cost = |p: &str| table.routes.iter().filter(|r| r.provider == p).map(|r| r.cost).min();
            let best = expected
                .iter()
                .enumerate()
                .filter_map(|(i, e)| cost(e.1).map(|k| (k, i)))
                .min();
            match (conflict, best) {
                (true, _) => prop_assert_eq!(d.refusal(), Some(Refusal::AmbiguousRoute)),
                (false, None) => prop_assert_eq!(d.refusal(), Some(Refusal::NoRoute)),
                (false, Some((_, i))) => {
                    let r = d.route().unwrap();
                    prop_assert_eq!(r.candidate, i);
                    for (j, e) in expected.iter().enumerate() {
                        let want = if j == i {
                            None
                        } else if cost(e.1).is_some() {
                            Some(SkipReason::Outranked)
                        } else {
                            Some(SkipReason::NotAccepted)
                        };
                        prop_assert_eq!(d.skipped(j), want);
                    }
                }
            }
        }
    }
}
